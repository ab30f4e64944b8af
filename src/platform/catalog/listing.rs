//! The catalog as JSON for people choosing a configuration (SPEC §5.5): what
//! `hostless-mcp tools --json` prints and `GET /mcp/tools` answers. Built from the same
//! `tools/list` entries the platform server hands to clients, so the token figures are
//! those of what a client gives its model.

use rmcp::model::Tool;
use serde_json::{Value, json};

use super::{ToolDef, Toolset};

/// Approximate model tokens of what a client hands to a model for this tool: the
/// characters of its name, description and `inputSchema` as JSON, / 4 (rounded).
/// `outputSchema` and annotations are not counted: clients do not put them in prompts.
pub fn tokens(tool: &Tool) -> usize {
    let schema = serde_json::to_string(tool.input_schema.as_ref()).unwrap_or_default();
    let chars = tool.name.chars().count()
        + tool
            .description
            .as_deref()
            .unwrap_or_default()
            .chars()
            .count()
        + schema.chars().count();
    (chars + 2) / 4
}

/// [`tokens`] of a catalog entry's `tools/list` form (name, description, input schema).
pub fn def_tokens(def: &ToolDef) -> usize {
    def.input_schema()
        .map(|schema| tokens(&Tool::new(def.name, def.description, schema)))
        .unwrap_or_default()
}

/// The name placeholder of the seed page for a route of this collection, which a
/// discriminated tool spells `{resourceName}`.
fn seed_name_placeholder(path: &str) -> &'static str {
    match path.split('/').nth(1) {
        Some("apps") => "{appName}",
        Some("sites") => "{siteName}",
        Some("workers") => "{workerName}",
        Some("cron-jobs") => "{cronJobName}",
        Some("databases") => "{databaseName}",
        _ => "{resourceName}",
    }
}

/// The concrete routes a tool reaches, spelt as on the seed page (`/v1/apps/{appName}/…`),
/// with the scope each needs (`session-only` where only a dashboard session may call it).
fn routes(def: &ToolDef) -> Vec<Value> {
    def.expansions()
        .into_iter()
        .map(|e| {
            let path = e
                .path
                .replace("{resourceName}", seed_name_placeholder(&e.path));
            json!({
                "path": format!("/v1{path}"),
                "scope": e.scope.as_deref().unwrap_or("session-only"),
            })
        })
        .collect()
}

/// One tool's entry: `name`, `toolset`, `default`, `method`, `path` (the template with
/// `/v1`), `scope` (the template, or `session-only`), `annotations`, `inputSchema`,
/// `tokens`, and `routes` (each concrete route with its scope, for discriminated tools).
pub fn tool_entry(def: &ToolDef, tool: &Tool) -> Value {
    json!({
        "name": def.name,
        "toolset": def.toolset.name(),
        "default": def.is_default(),
        "method": def.method.as_str(),
        "path": format!("/v1{}", def.path.as_str()),
        "scope": def.scope.map_or("session-only", |s| s.as_str()),
        "annotations": tool.annotations,
        "inputSchema": tool.input_schema.as_ref(),
        "tokens": tokens(tool),
        "routes": routes(def),
    })
}

/// The listing of the given tools (already filtered by the selection), with per-toolset
/// and total token figures.
pub fn listing<'a>(tools: impl IntoIterator<Item = (&'a ToolDef, &'a Tool)>) -> Value {
    let mut entries = Vec::new();
    let mut per_toolset: Vec<(Toolset, usize, usize)> = Vec::new();
    let mut total = 0;
    for (def, tool) in tools {
        let cost = tokens(tool);
        total += cost;
        match per_toolset.iter_mut().find(|(t, _, _)| *t == def.toolset) {
            Some((_, count, sum)) => {
                *count += 1;
                *sum += cost;
            }
            None => per_toolset.push((def.toolset, 1, cost)),
        }
        entries.push(tool_entry(def, tool));
    }
    let toolsets: Vec<Value> = per_toolset
        .into_iter()
        .map(|(toolset, count, sum)| {
            json!({"name": toolset.name(), "default": toolset.is_default(), "tools": count, "tokens": sum})
        })
        .collect();
    json!({
        "tools": entries,
        "toolsets": toolsets,
        "count": total_count(&toolsets),
        "tokens": total,
    })
}

fn total_count(toolsets: &[Value]) -> u64 {
    toolsets
        .iter()
        .filter_map(|t| t.get("tools").and_then(Value::as_u64))
        .sum()
}

/// A plain-text table of a listing, for `hostless-mcp tools` without `--json`.
pub fn text(listing: &Value) -> String {
    let mut out = String::new();
    let empty = Vec::new();
    let tools = listing["tools"].as_array().unwrap_or(&empty);
    for tool in tools {
        out.push_str(&format!(
            "{:<28} {:<13} {:<7} {:<6} {:<62} {:<26} {:>5}\n",
            tool["name"].as_str().unwrap_or_default(),
            tool["toolset"].as_str().unwrap_or_default(),
            if tool["default"] == true {
                "default"
            } else {
                ""
            },
            tool["method"].as_str().unwrap_or_default(),
            tool["path"].as_str().unwrap_or_default(),
            tool["scope"].as_str().unwrap_or_default(),
            tool["tokens"],
        ));
    }
    out.push('\n');
    for toolset in listing["toolsets"].as_array().unwrap_or(&empty) {
        out.push_str(&format!(
            "toolset {:<14} {:>3} tools {:>6} tokens\n",
            toolset["name"].as_str().unwrap_or_default(),
            toolset["tools"],
            toolset["tokens"],
        ));
    }
    out.push_str(&format!(
        "total {} tools, about {} tokens\n",
        listing["count"], listing["tokens"]
    ));
    out
}
