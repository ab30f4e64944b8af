//! JSON Schemas for tool inputs and outputs, as rmcp generates them from the Rust types,
//! with optional fields written as plain optional properties: `Option<T>` becomes "not
//! required" rather than `"type": ["string", "null"]`, which several clients (Gemini,
//! strict validators) cannot handle. A missing field and `null` still both parse as `None`.

use std::sync::Arc;

use rmcp::handler::server::common::{schema_for_input, schema_for_output};
use rmcp::model::JsonObject;
use schemars::JsonSchema;
use serde_json::Value;

/// Input schema of `T`, without nullable types; `Err` if rmcp refuses it (its root is
/// not an object).
pub fn input<T: JsonSchema + 'static>() -> Result<Arc<JsonObject>, String> {
    let mut schema = schema_for_input::<T>()?.as_ref().clone();
    strip_null_object(&mut schema);
    Ok(Arc::new(schema))
}

/// [`input`] for rmcp's `#[tool(input_schema = ...)]`, which needs the schema itself.
/// rmcp evaluates it when the tool router is built, once at start-up
/// (`DocsServer::new`), so a type without an object schema stops the server there
/// instead of serving a wrong schema.
#[allow(clippy::expect_used)]
pub fn input_for_router<T: JsonSchema + 'static>() -> Arc<JsonObject> {
    input::<T>().expect("a docs tool's input type has an object schema")
}

/// Output schema of `T`, without nullable types.
pub fn output<T: JsonSchema + 'static>() -> Arc<JsonObject> {
    let mut schema = schema_for_output::<T>().as_ref().clone();
    strip_null_object(&mut schema);
    Arc::new(schema)
}

fn is_null_type(v: &Value) -> bool {
    v.get("type").and_then(Value::as_str) == Some("null")
}

/// Rewrites `"type": [X, "null"]` to `"type": X` and `anyOf: [A, {"type": "null"}]` to `A`,
/// everywhere in the schema.
pub fn strip_null(schema: &mut Value) {
    match schema {
        Value::Object(map) => strip_null_object(map),
        Value::Array(items) => items.iter_mut().for_each(strip_null),
        _ => {}
    }
}

/// [`strip_null`] on one schema object.
fn strip_null_object(map: &mut JsonObject) {
    if let Some(Value::Array(types)) = map.get("type") {
        let kept: Vec<Value> = types
            .iter()
            .filter(|t| t.as_str() != Some("null"))
            .cloned()
            .collect();
        if let [only] = kept.as_slice() {
            map.insert("type".into(), only.clone());
        } else if kept.len() != types.len() {
            map.insert("type".into(), Value::Array(kept));
        }
    }
    if let Some(Value::Array(alternatives)) = map.get("anyOf")
        && alternatives.len() == 2
        && alternatives.iter().any(is_null_type)
        && let Some(Value::Object(other)) = alternatives.iter().find(|a| !is_null_type(a)).cloned()
    {
        map.remove("anyOf");
        for (k, v) in other {
            map.entry(k).or_insert(v);
        }
    }
    if map.get("default") == Some(&Value::Null) {
        map.remove("default");
    }
    for value in map.values_mut() {
        strip_null(value);
    }
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn nullable_forms_become_plain() {
        let mut s = json!({"properties": {
            "a": {"type": ["string", "null"], "description": "x"},
            "b": {"anyOf": [{"$ref": "#/$defs/K"}, {"type": "null"}], "description": "y"},
            "c": {"type": ["integer", "null"], "default": null}
        }});
        strip_null(&mut s);
        assert_eq!(
            s,
            json!({"properties": {
                "a": {"type": "string", "description": "x"},
                "b": {"$ref": "#/$defs/K", "description": "y"},
                "c": {"type": "integer"}
            }})
        );
    }
}
