//! The one declarative table of platform tools: name, toolset, HTTP method, path
//! template, required scope, effect (which fixes the annotations) and argument type.
//! Everything else — `tools/list`, dispatch, the request sent to the API, the generated
//! docs page — is derived from [`CATALOG`]; the tests iterate it.
//!
//! - [`toolsets`]: the toolsets, declared once each, and the server's instructions;
//! - [`core`]: projects and the five resource kinds of the default selection;
//! - [`extended`]: the opt-in toolsets;
//! - [`segments`]: the discriminator table that fills placeholders such as `{resourceType}`;
//! - [`listing`]: the catalog as JSON with token costs (`tools --json`, `GET /mcp/tools`).

mod core;
mod extended;
pub mod listing;
pub mod segments;
pub mod toolsets;

use std::sync::Arc;

use axum::http::Method;
use rmcp::model::{JsonObject, ToolAnnotations};
use serde_json::{Map, Value};

use super::args::{Body, ToolArgs};
use super::output::Contract;
use crate::route_template::{Filled, RouteTemplate, Template};
pub use segments::{SEGMENTS, Segment, segment_arg, table_segment};
pub use toolsets::{DEFAULT_EXTRAS, Toolset, instructions};

// The methods the tables use, as `'static` references so that a `ToolDef` stays `Copy`
// (`Method` itself owns a heap value for extension methods).
const GET: &Method = &Method::GET;
const POST: &Method = &Method::POST;
const PUT: &Method = &Method::PUT;
const PATCH: &Method = &Method::PATCH;
const DELETE: &Method = &Method::DELETE;

/// What a tool does to the platform; it decides the MCP annotations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Reads only.
    Read,
    /// Creates something new each call.
    Create,
    /// Changes something; the same call twice leaves the same state.
    Update,
    /// Removes something.
    Delete,
    /// Starts an operation each call (deploy, restart, scale, run, send); not idempotent.
    Action,
}

/// A client's arguments, checked against the tool's type and split: the body, and the
/// named parameters (path placeholders, then query or body fields).
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedArgs {
    pub params: JsonObject,
    pub body: Body,
}

/// The argument type of a tool: its input schema and its validator.
#[derive(Clone, Copy)]
pub struct ArgType {
    pub schema: fn() -> Result<Arc<JsonObject>, String>,
    /// Checks the client's arguments against the type and splits them.
    pub parse: fn(JsonObject) -> Result<ParsedArgs, String>,
}

fn parse_as<T: ToolArgs>(args: JsonObject) -> Result<ParsedArgs, String> {
    let mut typed: T = serde_json::from_value(Value::Object(args)).map_err(|e| e.to_string())?;
    let body = typed.take_body();
    match serde_json::to_value(typed).map_err(|e| e.to_string())? {
        Value::Object(params) => Ok(ParsedArgs { params, body }),
        _ => Err("arguments must be a JSON object".into()),
    }
}

const fn arg<T: ToolArgs>() -> ArgType {
    ArgType {
        schema: crate::schema::input::<T>,
        parse: parse_as::<T>,
    }
}

/// A tool whose argument type has no valid input schema (a bug in `args.rs`; the start-up
/// of the server refuses it).
#[derive(Debug, thiserror::Error)]
#[error("tool {tool} has an invalid input schema: {reason}")]
pub struct CatalogError {
    pub tool: &'static str,
    pub reason: String,
}

/// One platform tool = one REST route.
#[derive(Clone, Copy)]
pub struct ToolDef {
    pub name: &'static str,
    pub toolset: Toolset,
    pub method: &'static Method,
    /// Route under `/v1`. A `{placeholder}` listed in [`SEGMENTS`] is filled from the
    /// enum argument named there (`{resourceType}`: `app` → `apps`); any other is filled
    /// from the same-named argument, percent-encoded (an enum argument such as
    /// `{direction}` gives its own value).
    pub path: RouteTemplate,
    /// Scope an API key needs, possibly a template filled like the path
    /// (`{resourceType}:write` → `apps:write`); `None` for routes only a dashboard session
    /// (JWT) may call.
    pub scope: Option<Template>,
    pub effect: Effect,
    pub args: ArgType,
    pub title: &'static str,
    pub description: &'static str,
}

/// One concrete route a tool reaches: the enum values chosen, the path (string
/// placeholders left as `{name}`) and the scope it needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Expansion {
    pub choice: Map<String, Value>,
    pub path: String,
    pub scope: Option<String>,
}

impl ToolDef {
    pub fn annotations(&self) -> ToolAnnotations {
        let (read_only, destructive, idempotent) = match self.effect {
            Effect::Read => (true, false, true),
            Effect::Create | Effect::Action => (false, false, false),
            Effect::Update => (false, false, true),
            Effect::Delete => (false, true, true),
        };
        ToolAnnotations::with_title(self.title)
            .read_only(read_only)
            .destructive(destructive)
            .idempotent(idempotent)
            .open_world(true)
    }

    /// Whether the default selection (no `?toolsets=`, or `default` in the list) shows it.
    pub fn is_default(&self) -> bool {
        toolsets::in_default(self.toolset, self.name)
    }

    pub fn is_read_only(&self) -> bool {
        self.effect == Effect::Read
    }

    /// Whether extra arguments travel in a JSON body (else in the query string).
    pub fn sends_body(&self) -> bool {
        [POST, PUT, PATCH].contains(&self.method)
    }

    /// The input schema: the tool's argument type plus the options of its output
    /// contract (`limit`, `cursor`, `fields`; see [`Contract`]).
    pub fn input_schema(&self) -> Result<Arc<JsonObject>, CatalogError> {
        let base = self.base_schema()?;
        let schema = Contract::new(self, &base).input_schema(base);
        Ok(super::confirm::extend_schema(self, schema))
    }

    /// The input schema of the tool's argument type alone.
    fn base_schema(&self) -> Result<Arc<JsonObject>, CatalogError> {
        (self.args.schema)().map_err(|reason| CatalogError {
            tool: self.name,
            reason,
        })
    }

    /// The tool's output contract: its shape and the options it takes.
    pub fn contract(&self) -> Result<Contract, CatalogError> {
        Ok(Contract::new(self, self.base_schema()?.as_ref()))
    }

    /// The `outputSchema` of the tool.
    pub fn output_schema(&self) -> Result<Arc<JsonObject>, CatalogError> {
        Ok(self.contract()?.output_schema())
    }

    /// The `{placeholder}` names of the path, in order.
    pub fn placeholders(&self) -> impl Iterator<Item = &'static str> {
        self.path.placeholders()
    }

    /// The values an enum argument may take, from the input schema.
    fn enum_values(&self, arg: &str) -> Vec<Value> {
        self.input_schema()
            .ok()
            .and_then(|schema| {
                schema
                    .get("properties")?
                    .get(arg)?
                    .get("enum")?
                    .as_array()
                    .cloned()
            })
            .unwrap_or_default()
    }

    /// The arguments whose value is a path segment or scope part: enum arguments named by
    /// a placeholder of the path or the scope, directly or through [`SEGMENTS`].
    pub fn discriminators(&self) -> Vec<&'static str> {
        let mut names = Vec::new();
        let scope_placeholders = self.scope.into_iter().flat_map(Template::placeholders);
        for p in self.path.placeholders().chain(scope_placeholders) {
            let arg = segment_arg(p).unwrap_or(p);
            if !self.enum_values(arg).is_empty() && !names.contains(&arg) {
                names.push(arg);
            }
        }
        names
    }

    /// Fills the table-driven and enum placeholders of `template` from `choice`, leaving
    /// the others as `{name}`. Values are inserted as is: they come from the tables or
    /// from an enum of the schema, never from free text.
    fn fill(template: Template, choice: &Map<String, Value>) -> Result<String, String> {
        template.fill(|name| {
            Ok(match table_segment(name, choice)? {
                Some(segment) => Filled::Verbatim(segment.into()),
                None => match choice.get(name).and_then(Value::as_str) {
                    Some(value) => Filled::Verbatim(value.into()),
                    None => Filled::Unfilled,
                },
            })
        })
    }

    /// The scope a call with these arguments needs (the template filled in).
    pub fn scope_for(&self, args: &Map<String, Value>) -> Option<String> {
        self.scope.and_then(|s| Self::fill(s, args).ok())
    }

    /// Every concrete route this tool can call: one per combination of the values of its
    /// [`discriminators`](Self::discriminators), as listed in its input schema.
    pub fn expansions(&self) -> Vec<Expansion> {
        let mut choices = vec![Map::new()];
        for arg in self.discriminators() {
            let values = self.enum_values(arg);
            choices = choices
                .into_iter()
                .flat_map(|c| {
                    values.iter().map(move |v| {
                        let mut c = c.clone();
                        c.insert(arg.to_string(), v.clone());
                        c
                    })
                })
                .collect();
        }
        choices
            .into_iter()
            .filter_map(|choice| {
                let path = Self::fill(self.path.template(), &choice).ok()?;
                let scope = self.scope_for(&choice);
                Some(Expansion {
                    choice,
                    path,
                    scope,
                })
            })
            .collect()
    }
}

/// The tool groups, in listing order.
const GROUPS: [&[ToolDef]; 17] = [
    &core::PROJECT_TOOLS,
    &core::APP_TOOLS,
    &core::SITE_TOOLS,
    &core::WORKER_TOOLS,
    &core::CRON_JOB_TOOLS,
    &core::DATABASE_TOOLS,
    &extended::DEPLOYMENT_TOOLS,
    &extended::LOG_TOOLS,
    &extended::CONFIG_TOOLS,
    &extended::METRIC_TOOLS,
    &extended::OPERATION_TOOLS,
    &extended::SITE_BUILDER_TOOLS,
    &extended::VM_TOOLS,
    &extended::BILLING_TOOLS,
    &extended::INTEGRATION_TOOLS,
    &extended::GIT_TOOLS,
    &extended::HOSTLESS_FILE_TOOLS,
];

/// How many tools [`CATALOG`] holds.
pub const TOOL_COUNT: usize = {
    let mut n = 0;
    let mut groups: &[&[ToolDef]] = &GROUPS;
    while let [group, rest @ ..] = groups {
        n += group.len();
        groups = rest;
    }
    n
};

/// Every platform tool, grouped by toolset.
// Evaluated at compile time: an index out of bounds is a build error, never a runtime panic.
#[allow(clippy::indexing_slicing)]
pub static CATALOG: [ToolDef; TOOL_COUNT] = {
    let mut all = [core::PROJECT_TOOLS[0]; TOOL_COUNT];
    let mut i = 0;
    let mut groups: &[&[ToolDef]] = &GROUPS;
    while let [group, rest @ ..] = groups {
        let mut tools: &[ToolDef] = group;
        while let [tool, more @ ..] = tools {
            all[i] = *tool;
            i += 1;
            tools = more;
        }
        groups = rest;
    }
    all
};

#[cfg(test)]
mod tests;
