//! What a successful answer gets on top of its rendering (SPEC §5.5, §5.6): metric tools
//! a `summary` per series (in `structuredContent.summary` and a short text block), and
//! tools that carry untrusted text a fence around their text content. The one hook
//! between the API's answer and the tool result, so the rendering itself stays apart.

use rmcp::model::{CallToolResult, ContentBlock};
use serde_json::Value;

use super::catalog::ToolDef;
use super::output::{Contract, Options, Shape};
use super::{fence, raw_list, summary};

/// The serialized result of a list tool's answer written straight from the API's bytes, when nothing is added
/// to it (no summary, no fence) and [`raw_list::list_result`] can write it; `None`: use [`shape`].
pub fn serialized(
    def: &ToolDef,
    contract: &Contract,
    options: &Options,
    bytes: &[u8],
    cap: usize,
) -> Option<Vec<u8>> {
    if contract.shape != Shape::List || fence::applies(def) || summary::is_metric_tool(def) {
        return None;
    }
    raw_list::list_result(options, bytes, cap)
}

/// Renders `value` with `render` within `cap` characters, then adds the summary and the
/// fence where they apply. A fenced answer is rendered to a cap that leaves room for the
/// fence, so the text the model reads still fits `cap`.
pub fn shape(
    def: &ToolDef,
    value: Value,
    cap: usize,
    render: impl FnOnce(Value, usize) -> CallToolResult,
) -> CallToolResult {
    let fenced = fence::applies(def);
    // Computed from the whole answer, before any paging or cut.
    let summaries = if summary::is_metric_tool(def) {
        summary::of(&value)
    } else {
        Vec::new()
    };
    let mut result = render(
        value,
        if fenced {
            cap.saturating_sub(fence::OVERHEAD)
        } else {
            cap
        },
    );
    if !summaries.is_empty() {
        let text = summary::text(&summaries);
        if let Some(Value::Object(structured)) = &mut result.structured_content
            && !structured.contains_key("summary")
        {
            structured.insert("summary".into(), Value::Array(summaries));
        }
        result.content.push(ContentBlock::text(text));
    }
    if fenced {
        fence::wrap(&mut result);
    }
    result
}
