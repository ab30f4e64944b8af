//! The output contract of the platform tools (SPEC §5.5): which tools page, the options
//! every tool gains (`limit`, `cursor`, `fields`), the `outputSchema` each one declares,
//! and the size cap every answer keeps. A tool's [`Shape`] is derived from its catalog
//! entry (a read whose name ends in `_list`, a `logs_*` tool, anything else) plus the
//! small [`LIST_EXCEPTIONS`] table; [`super::render`] turns an API answer into a result
//! within this contract.

use std::sync::Arc;

use rmcp::model::JsonObject;
use serde_json::{Value, json};

use super::catalog::ToolDef;
use super::cursor::{self, Binding};

/// Items per page when the call names no `limit`.
pub const DEFAULT_LIMIT: usize = 50;
/// The largest `limit` accepted.
pub const MAX_LIMIT: usize = 200;
/// `MAX_RESULT_CHARS` when not configured.
pub const DEFAULT_MAX_RESULT_CHARS: usize = 25_000;
/// The smallest `MAX_RESULT_CHARS` accepted: room for one page skeleton and its note.
pub const MIN_MAX_RESULT_CHARS: usize = 1_000;

/// Read tools whose API answer is an array though their name does not end in `_list`.
const LIST_EXCEPTIONS: &[&str] = &[
    "reviews_pull_requests",
    "databases_linked_apps",
    "project_connected_accounts",
    "vms_pricing",
    "billing_cycles",
    "billing_currencies",
    "integrations_available",
    "git_github_accounts",
    "git_github_repos",
    "git_gitlab_repos",
    "git_bitbucket_workspaces",
    "git_bitbucket_repos",
];

/// What a tool's answer looks like, which decides its options, schema and cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// The API answers an array: paged here into `{items, count, total, nextCursor}`.
    List,
    /// Log lines: an answer above the cap keeps the newest lines.
    Logs,
    /// Anything else: an object, passed through (an answer above the cap loses its end).
    Object,
}

impl Shape {
    pub fn of(def: &ToolDef) -> Self {
        if def.is_read_only()
            && (def.name.ends_with("_list") || LIST_EXCEPTIONS.contains(&def.name))
        {
            Self::List
        } else if def.is_read_only() && def.name.starts_with("logs_") {
            Self::Logs
        } else {
            Self::Object
        }
    }
}

/// The output contract of one tool: its shape and which options it takes. An option is
/// left out when the tool's own arguments already use the name (the API's own meaning wins).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contract {
    pub tool: &'static str,
    pub shape: Shape,
    /// Takes `limit` and `cursor`.
    pub paging: bool,
    /// Takes `fields`.
    pub fields: bool,
}

fn has_property(schema: &JsonObject, name: &str) -> bool {
    schema.get("properties").and_then(|p| p.get(name)).is_some()
}

impl Contract {
    /// `base` is the input schema of the tool's argument type, before the options.
    pub fn new(def: &ToolDef, base: &JsonObject) -> Self {
        let shape = Shape::of(def);
        Self {
            tool: def.name,
            shape,
            paging: shape == Shape::List
                && !has_property(base, "limit")
                && !has_property(base, "cursor"),
            fields: def.is_read_only() && !has_property(base, "fields"),
        }
    }

    /// The input schema with the options this tool takes added to it.
    pub fn input_schema(&self, base: Arc<JsonObject>) -> Arc<JsonObject> {
        if !self.paging && !self.fields {
            return base;
        }
        let mut schema = base.as_ref().clone();
        let properties = schema
            .entry("properties")
            .or_insert_with(|| Value::Object(JsonObject::new()));
        if let Value::Object(properties) = properties {
            if self.fields {
                properties.insert(
                    "fields".into(),
                    json!({
                        "type": "array",
                        "items": {"type": "string"},
                        "description": "Keep only these top-level keys per item (id and name always kept)."
                    }),
                );
            }
            if self.paging {
                properties.insert(
                    "limit".into(),
                    json!({
                        "type": "integer",
                        "minimum": 1,
                        "maximum": MAX_LIMIT,
                        "description": "Items per page (default 50)."
                    }),
                );
                properties.insert(
                    "cursor".into(),
                    json!({
                        "type": "string",
                        "description": "`nextCursor` of the previous page."
                    }),
                );
            }
        }
        Arc::new(schema)
    }

    /// The `outputSchema`: the paging envelope for lists, an open object otherwise (the
    /// API reference gives no response shapes). Both leave room for `truncated` and a
    /// `summary` object.
    pub fn output_schema(&self) -> Arc<JsonObject> {
        let truncated = json!({"type": "boolean", "description": "Set when the answer was cut to the size limit."});
        let summary = json!({"type": "array", "items": {"type": "object"}, "description": "Metric tools: per series the time range, latest, min, mean and max."});
        let schema = match self.shape {
            Shape::List => json!({
                "type": "object",
                "properties": {
                    "items": {"type": "array", "description": "The items of this page, as the API returned them."},
                    "count": {"type": "integer", "minimum": 0, "description": "Items in this page."},
                    "total": {"type": "integer", "minimum": 0, "description": "Items in the API's answer."},
                    "nextCursor": {"type": ["string", "null"], "description": "Pass as `cursor` for the next page; null on the last page."},
                    "truncated": truncated,
                    "summary": summary
                },
                "required": ["items", "count", "total", "nextCursor"]
            }),
            Shape::Logs | Shape::Object => json!({
                "type": "object",
                "description": "The API's answer as it returned it (an array arrives as {items, count}; an empty answer as {ok, status}).",
                "properties": {"truncated": truncated, "summary": summary},
                "additionalProperties": true
            }),
        };
        match schema {
            Value::Object(map) => Arc::new(map),
            _ => Arc::new(JsonObject::new()),
        }
    }

    /// Takes this tool's options out of the arguments, so that what remains goes to the
    /// tool's own argument parser unchanged.
    /// A `cursor` is checked here, before the API is called, against the tool and the
    /// arguments left.
    pub fn take_options(&self, args: &mut JsonObject) -> Result<Options, String> {
        let mut options = Options {
            limit: DEFAULT_LIMIT,
            offset: 0,
            // Set below, once the options are out of the arguments (hashing them twice cost a SHA-256 per call).
            binding: Binding::default(),
            fields: None,
        };
        let mut cursor = None;
        if self.paging {
            match args.remove("limit") {
                None | Some(Value::Null) => {}
                Some(value) => {
                    options.limit = value
                        .as_u64()
                        .or_else(|| {
                            value
                                .as_f64()
                                .filter(|f| f.fract() == 0.0 && *f >= 0.0)
                                .map(|f| f as u64)
                        })
                        .and_then(|n| usize::try_from(n).ok())
                        .filter(|n| (1..=MAX_LIMIT).contains(n))
                        .ok_or_else(|| {
                            format!(
                                "`limit` must be a whole number from 1 to {MAX_LIMIT}, not {value}"
                            )
                        })?;
                }
            }
            match args.remove("cursor") {
                None | Some(Value::Null) => {}
                Some(Value::String(cursor)) if cursor.trim().is_empty() => {}
                Some(Value::String(text)) => cursor = Some(text),
                Some(other) => {
                    return Err(format!(
                        "`cursor` must be the string from a previous answer's `nextCursor`, not {other}"
                    ));
                }
            }
        }
        // An object under `fields` is the old name of a body (`changes`), still accepted
        // for a release; it stays for the argument parser.
        let old_body = matches!(args.get("fields"), Some(Value::Object(_)));
        if self.fields && !old_body {
            match args.remove("fields") {
                None | Some(Value::Null) => {}
                // A comma-separated string is what a model writes when it forgets the list.
                Some(Value::String(text)) => {
                    options.fields = Some(
                        text.split(',')
                            .map(str::trim)
                            .filter(|s| !s.is_empty())
                            .map(str::to_owned)
                            .collect(),
                    );
                }
                Some(Value::Array(items)) => {
                    let keys = items
                        .iter()
                        .map(|v| v.as_str().map(str::to_owned))
                        .collect::<Option<Vec<_>>>()
                        .ok_or(
                            "`fields` must be a list of key names, e.g. [\"name\", \"status\"]",
                        )?;
                    options.fields = Some(keys);
                }
                Some(other) => {
                    return Err(format!(
                        "`fields` must be a list of key names, e.g. [\"name\", \"status\"], not {other}"
                    ));
                }
            }
        }
        options.binding = Binding::of(self.tool, args);
        if let Some(cursor) = cursor {
            options.offset = cursor::decode(&cursor, options.binding).map_err(|e| e.to_string())?;
        }
        Ok(options)
    }
}

/// The options of one call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub limit: usize,
    /// Where the page starts: 0, or the offset in the call's `cursor`.
    pub offset: usize,
    /// What this call's cursors are bound to.
    pub binding: Binding,
    /// Top-level keys to keep; `None` keeps every key.
    pub fields: Option<Vec<String>>,
}

/// Keys kept whatever `fields` says: without them an item cannot be named in the next call.
const ALWAYS_KEPT: [&str; 2] = ["id", "name"];

/// `value` with only the `fields` keys (and `id`/`name`) if it is an object.
pub fn project(value: Value, fields: &[String]) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(k, _)| ALWAYS_KEPT.contains(&k.as_str()) || fields.iter().any(|f| f == k))
                .collect(),
        ),
        other => other,
    }
}

/// What the output tests of several modules build their cases from.
#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) mod test_support {
    use rmcp::model::JsonObject;
    use serde_json::Value;

    use super::{Contract, Options};
    use crate::platform::catalog::CATALOG;

    /// The output contract of the catalog tool `name`.
    pub(crate) fn contract(name: &str) -> Contract {
        let def = CATALOG.iter().find(|d| d.name == name).unwrap();
        def.contract().unwrap()
    }

    /// The output options `c` takes out of the call arguments `args` (an object, or none).
    pub(crate) fn options(c: &Contract, args: Value) -> Options {
        let mut args = match args {
            Value::Object(map) => map,
            _ => JsonObject::new(),
        };
        c.take_options(&mut args).unwrap()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::test_support::contract;
    use super::*;
    use crate::platform::catalog::CATALOG;

    #[test]
    fn shapes_come_from_the_catalog() {
        assert_eq!(contract("apps_list").shape, Shape::List);
        assert_eq!(contract("git_gitlab_repos").shape, Shape::List);
        assert_eq!(contract("apps_get").shape, Shape::Object);
        assert_eq!(contract("logs_get").shape, Shape::Logs);
        assert_eq!(contract("apps_delete").shape, Shape::Object);
        for name in LIST_EXCEPTIONS {
            let def = CATALOG.iter().find(|d| d.name == *name);
            assert!(def.is_some_and(|d| d.is_read_only()), "{name}");
        }
    }

    #[test]
    fn an_object_under_fields_is_the_old_body_name_and_reaches_the_parser() {
        let c = contract("hostless_file_estimate");
        let mut args = serde_json::json!({"fields": {"plan": "pro"}})
            .as_object()
            .cloned()
            .unwrap();
        let options = c.take_options(&mut args).unwrap();
        assert!(options.fields.is_none());
        assert!(args.contains_key("fields"), "left for the argument parser");
        let mut args = serde_json::json!({"fields": ["id"]})
            .as_object()
            .cloned()
            .unwrap();
        let options = c.take_options(&mut args).unwrap();
        assert_eq!(options.fields, Some(vec!["id".to_owned()]));
    }

    #[test]
    fn every_list_tool_pages_and_every_read_tool_takes_fields() {
        for def in &CATALOG {
            let c = def.contract().unwrap();
            let schema = def.input_schema().unwrap();
            let props = schema["properties"].as_object().unwrap();
            if c.shape == Shape::List {
                assert!(c.paging, "{}", def.name);
                assert!(props.contains_key("limit") && props.contains_key("cursor"));
            }
            if def.is_read_only() {
                assert!(props.contains_key("fields"), "{} has no fields", def.name);
            }
        }
    }

    #[test]
    fn options_are_taken_out_and_checked() {
        let c = contract("apps_list");
        let mut args = serde_json::from_value::<JsonObject>(
            json!({"projectId": "p", "limit": 7, "fields": ["status"]}),
        )
        .unwrap();
        let binding = Binding::of(
            "apps_list",
            &args
                .clone()
                .into_iter()
                .filter(|(k, _)| k == "projectId")
                .collect(),
        );
        args.insert("cursor".into(), json!(cursor::encode(9, binding)));
        let o = c.take_options(&mut args).unwrap();
        assert_eq!(o.limit, 7);
        assert_eq!(o.offset, 9);
        assert_eq!(o.fields, Some(vec!["status".to_string()]));
        assert_eq!(Value::Object(args), json!({"projectId": "p"}));
        for bad in [
            json!({"limit": 0}),
            json!({"limit": 201}),
            json!({"limit": "x"}),
            json!({"fields": 3}),
            json!({"cursor": "abc"}),
        ] {
            let mut args = serde_json::from_value::<JsonObject>(bad.clone()).unwrap();
            assert!(c.take_options(&mut args).is_err(), "{bad}");
        }
    }

    #[test]
    fn projection_keeps_id_and_name() {
        let item = json!({"id": "1", "name": "a", "status": "up", "region": "eu"});
        assert_eq!(
            project(item, &["status".into(), "nope".into()]),
            json!({"id": "1", "name": "a", "status": "up"})
        );
    }
}
