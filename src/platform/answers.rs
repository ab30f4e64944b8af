//! What a successful answer gets on top of its rendering (SPEC §5.5, §5.6): metric tools
//! a `summary` per series (in `structuredContent.summary` and a short text block), and
//! tools that carry untrusted text a fence around their text content. The one hook
//! between the API's answer and the tool result, so the rendering itself stays apart.

use rmcp::model::{CallToolResult, ContentBlock};
use serde_json::Value;

use super::catalog::ToolDef;
use super::{fence, summary};

/// Renders `value` with `render`, then adds the summary and the fence where they apply.
pub fn shape(
    def: &ToolDef,
    value: Value,
    render: impl FnOnce(Value) -> CallToolResult,
) -> CallToolResult {
    // Computed from the whole answer, before any paging or cut.
    let summaries = if summary::is_metric_tool(def) {
        summary::of(&value)
    } else {
        Vec::new()
    };
    let mut result = render(value);
    if !summaries.is_empty() {
        if let Some(Value::Object(structured)) = &mut result.structured_content
            && !structured.contains_key("summary")
        {
            structured.insert("summary".into(), Value::Array(summaries.clone()));
        }
        result
            .content
            .push(ContentBlock::text(summary::text(&summaries)));
    }
    if fence::applies(def) {
        fence::wrap(&mut result);
    }
    result
}
