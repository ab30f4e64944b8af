//! Turns a successful API answer into a tool result: the JSON as `structuredContent`
//! (arrays wrapped as `{"items": [...], "count": n}`, since structured content is an
//! object) plus the same JSON as text, cut to [`TEXT_BUDGET`] characters with a note that
//! says what was left out and how to get it.

use rmcp::model::{CallToolResult, ContentBlock};
use serde_json::{Value, json};

/// Largest text a tool result carries (clients such as Claude cap results near 150k).
pub const TEXT_BUDGET: usize = 100_000;

pub fn success(status: u16, value: Value) -> CallToolResult {
    let structured = match value {
        Value::Object(_) => value,
        Value::Array(items) => {
            let count = items.len();
            json!({"items": items, "count": count})
        }
        Value::Null => json!({"ok": true, "status": status}),
        other => json!({"value": other}),
    };
    let text = structured.to_string();
    if text.len() <= TEXT_BUDGET {
        let mut result = CallToolResult::success(vec![ContentBlock::text(text)]);
        result.structured_content = Some(structured);
        return result;
    }
    let total_chars = text.len();
    if let Some(items) = structured.get("items").and_then(Value::as_array) {
        let mut kept = Vec::new();
        let mut used = 64;
        for item in items {
            let size = item.to_string().len() + 1;
            if used + size > TEXT_BUDGET {
                break;
            }
            used += size;
            kept.push(item.clone());
        }
        let shown = kept.len();
        let count = items.len();
        let cut = json!({"items": kept, "count": count, "returned": shown, "truncated": true});
        let note = format!(
            "\n\n[Cut: the API returned {count} items ({total_chars} characters); the first {shown} are shown to stay within {TEXT_BUDGET} characters. Narrow the request (for example pass projectId) to see the rest.]"
        );
        let mut result = CallToolResult::success(vec![ContentBlock::text(format!("{cut}{note}"))]);
        result.structured_content = Some(cut);
        return result;
    }
    let mut end = TEXT_BUDGET;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let note = format!(
        "\n\n[Cut: the answer is {total_chars} characters; only the first {end} are shown and the structured copy is omitted. Ask for a narrower result (a single resource, a filter) to see the rest.]"
    );
    CallToolResult::success(vec![ContentBlock::text(format!("{}{note}", &text[..end]))])
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn text(r: &CallToolResult) -> String {
        r.content[0].as_text().unwrap().text.clone()
    }

    #[test]
    fn arrays_are_wrapped_and_small_results_whole() {
        let r = success(200, json!([{"name": "a"}]));
        assert_eq!(
            r.structured_content,
            Some(json!({"items": [{"name": "a"}], "count": 1}))
        );
        assert_eq!(text(&r), r#"{"count":1,"items":[{"name":"a"}]}"#);
    }

    #[test]
    fn big_lists_are_cut_with_a_note() {
        let items: Vec<Value> = (0..5000)
            .map(|i| json!({"name": format!("app-{i}"), "pad": "x".repeat(40)}))
            .collect();
        let r = success(200, Value::Array(items));
        let t = text(&r);
        assert!(t.len() < TEXT_BUDGET + 400, "{}", t.len());
        assert!(t.contains("the API returned 5000 items"));
        let s = r.structured_content.unwrap();
        assert_eq!(s["truncated"], true);
        assert!(s["returned"].as_u64().unwrap() < 5000);
    }

    #[test]
    fn big_objects_are_cut_on_a_char_boundary() {
        let r = success(200, json!({"log": "é".repeat(80_000)}));
        assert!(text(&r).contains("[Cut: the answer is"));
        assert!(r.structured_content.is_none());
    }
}
