//! Turns a successful API answer into a tool result within the output contract
//! ([`super::output`]): the JSON as `structuredContent` and the same JSON as text, a list
//! paged into `{items, count, total, nextCursor}`, `fields` applied, and the whole at most
//! `MAX_RESULT_CHARS` characters — a list cut at an item boundary with a `nextCursor` to
//! the rest, logs cut from the start so the newest lines stay, and a note in the text
//! that says how to ask for less.

use rmcp::model::{CallToolResult, ContentBlock, JsonObject};
use serde_json::{Value, json};

use super::cursor;
use super::output::{Contract, Options, Shape, project};

/// Room kept under the cap for the note appended to a cut answer's text.
const NOTE_ROOM: usize = 600;

/// One successful call's answer, rendered. `cap` is `MAX_RESULT_CHARS`; the text never
/// exceeds it (lengths are counted in bytes, which is never less than characters).
pub fn success(
    contract: &Contract,
    options: &Options,
    status: u16,
    value: Value,
    cap: usize,
) -> CallToolResult {
    if contract.shape == Shape::List {
        return list(options, value, cap);
    }
    let mut object = match value {
        Value::Object(map) => map,
        Value::Array(items) => {
            let count = items.len();
            into_map(json!({"items": items, "count": count}))
        }
        Value::Null => into_map(json!({"ok": true, "status": status})),
        other => into_map(json!({"value": other})),
    };
    if let Some(fields) = &options.fields {
        object = into_map(project(Value::Object(object), fields));
    }
    object_result(object, contract.shape == Shape::Logs, cap)
}

fn into_map(value: Value) -> JsonObject {
    match value {
        Value::Object(map) => map,
        _ => JsonObject::new(),
    }
}

fn result(structured: Value, note: Option<String>) -> CallToolResult {
    with_text(structured.to_string(), structured, note)
}

/// A result whose text (the JSON of `structured`) is already serialized.
fn with_text(mut text: String, structured: Value, note: Option<String>) -> CallToolResult {
    if let Some(note) = note {
        text.push_str("\n\n");
        text.push_str(&note);
    }
    let mut result = CallToolResult::success(vec![ContentBlock::text(text)]);
    result.structured_content = Some(structured);
    result
}

/// The items of a list tool's answer: the array itself; for an answer that is not an
/// array, the array it wraps under a usual key, nothing for an empty answer, or the value
/// as one item (the envelope stays the same whatever the API did).
fn items_of(value: Value) -> Vec<Value> {
    match value {
        Value::Array(items) => items,
        Value::Null => Vec::new(),
        Value::Object(mut map) => {
            for key in ["items", "data", "results"] {
                if let Some(Value::Array(items)) = map.remove(key) {
                    return items;
                }
            }
            vec![Value::Object(map)]
        }
        other => vec![other],
    }
}

fn list(options: &Options, value: Value, cap: usize) -> CallToolResult {
    let all = items_of(value);
    let total = all.len();
    let offset = options.offset.min(total);
    let page: Vec<Value> = all
        .into_iter()
        .skip(offset)
        .take(options.limit)
        .map(|item| match &options.fields {
            Some(fields) => project(item, fields),
            None => item,
        })
        .collect();
    let page_len = page.len();
    // The usual case, a page within the cap, is serialized once.
    let next = offset + page_len;
    let next_cursor = (next < total).then(|| cursor::encode(next, options.binding));
    let whole =
        json!({"items": page, "count": page_len, "total": total, "nextCursor": next_cursor});
    let text = whole.to_string();
    if text.len() <= cap {
        return with_text(text, whole, None);
    }
    list_cut(options, offset, total, into_items(whole), cap)
}

fn into_items(envelope: Value) -> Vec<Value> {
    match envelope {
        Value::Object(mut map) => match map.remove("items") {
            Some(Value::Array(items)) => items,
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// A page above the cap: as many whole items as fit, and a cursor to the first one left.
fn list_cut(
    options: &Options,
    offset: usize,
    total: usize,
    page: Vec<Value>,
    cap: usize,
) -> CallToolResult {
    let binding = options.binding;
    let page_len = page.len();
    let skeleton = json!({"items": [], "count": total, "total": total, "nextCursor": cursor::encode(total, binding), "truncated": true})
        .to_string()
        .len();
    let budget = cap.saturating_sub(skeleton + NOTE_ROOM);
    let mut kept = Vec::with_capacity(page_len);
    let mut used = 0;
    let mut oversized = None;
    for item in page {
        let size = item.to_string().len() + 1;
        if used + size > budget {
            oversized = Some((item, size));
            break;
        }
        used += size;
        kept.push(item);
    }
    let mut consumed = kept.len();
    let mut note = None;
    if consumed < page_len {
        let mut lead = String::new();
        if let (true, Some((item, size))) = (kept.is_empty(), oversized) {
            // One item alone is above the cap: show what names it, and move past it.
            let slim = project(item, &[]);
            if slim.to_string().len() < budget {
                kept.push(slim);
            }
            consumed = 1;
            lead = format!(
                "Item {} alone is {size} characters, too large to show whole: only its id and name are shown; read it with the matching get tool. ",
                offset + 1
            );
        }
        note = Some(format!(
            "[Cut to stay within {cap} characters: items {}-{} of {total} are shown ({} of the {page_len} asked for). {lead}Pass `nextCursor` as `cursor` for the rest. Narrow it: pass `fields` with only the keys you need, a smaller `limit`, or a filter such as `projectId` where the tool has one.]",
            offset + 1,
            offset + consumed,
            kept.len(),
        ));
    }
    let next = offset + consumed;
    let next_cursor = (next < total).then(|| cursor::encode(next, binding));
    let count = kept.len();
    let mut envelope =
        json!({"items": kept, "count": count, "total": total, "nextCursor": next_cursor});
    if note.is_some()
        && let Some(map) = envelope.as_object_mut()
    {
        map.insert("truncated".into(), Value::Bool(true));
    }
    result(envelope, note)
}

/// An object answer within the cap: as is when it fits, else its largest parts cut until
/// it does — arrays lose items from the end (from the start for logs), strings lose their
/// end (their start, at a line boundary, for logs), and anything else is left out.
fn object_result(mut object: JsonObject, logs: bool, cap: usize) -> CallToolResult {
    let text = serde_json::to_string(&object).unwrap_or_default();
    let original = text.len();
    if original <= cap {
        return with_text(text, Value::Object(object), None);
    }
    let budget = cap.saturating_sub(NOTE_ROOM);
    let mut cuts: Vec<String> = Vec::new();
    object.insert("truncated".into(), Value::Bool(true));
    for _ in 0..64 {
        let size = serde_json::to_string(&object).map_or(usize::MAX, |t| t.len());
        if size <= budget {
            break;
        }
        let excess = size - budget;
        let Some((key, _)) = object
            .iter()
            .filter(|(k, _)| k.as_str() != "truncated")
            .max_by_key(|(_, v)| v.to_string().len())
            .map(|(k, v)| (k.clone(), v.to_string().len()))
        else {
            break;
        };
        let Some(value) = object.get_mut(&key) else {
            break;
        };
        match value {
            Value::Array(items) if !items.is_empty() => {
                let before = items.len();
                let mut removed = 0;
                let mut dropped = 0;
                while removed < excess && dropped < before {
                    let index = if logs { dropped } else { before - 1 - dropped };
                    removed += items.get(index).map_or(0, |v| v.to_string().len() + 1);
                    dropped += 1;
                }
                if logs {
                    items.drain(..dropped);
                } else {
                    items.truncate(before - dropped);
                }
                let which = if logs { "newest" } else { "first" };
                cuts.push(format!(
                    "`{key}`: the {which} {} of {before} entries kept",
                    items.len()
                ));
            }
            Value::String(text) if !text.is_empty() => {
                let before = text.len();
                // Escapes make the JSON longer than the text: keep the share of the text that
                // the JSON budget left for it allows, a little less for rounding.
                let encoded = Value::String(text.clone()).to_string().len().max(1);
                let keep = encoded.saturating_sub(excess + 16) * before / encoded;
                let drop = before.saturating_sub(keep).max(1);
                if logs {
                    let mut start = drop;
                    while !text.is_char_boundary(start) {
                        start += 1;
                    }
                    let start = text
                        .get(start..)
                        .and_then(|rest| rest.find('\n'))
                        .map_or(start, |i| start + i + 1);
                    *text = text.get(start..).unwrap_or_default().to_owned();
                } else {
                    let mut end = before - drop;
                    while !text.is_char_boundary(end) {
                        end -= 1;
                    }
                    text.truncate(end);
                }
                let which = if logs { "last" } else { "first" };
                cuts.push(format!(
                    "`{key}`: the {which} {} of {before} characters kept",
                    text.len()
                ));
            }
            _ => {
                object.remove(&key);
                cuts.push(format!("`{key}` left out"));
            }
        }
    }
    if serde_json::to_string(&object).map_or(usize::MAX, |t| t.len()) > budget {
        // Nothing left to cut piece by piece (deeply nested answers): say so plainly.
        object = into_map(json!({"truncated": true}));
        cuts = vec!["the whole answer left out".into()];
    }
    cuts.dedup();
    let how = if logs {
        "older lines were dropped, the newest are kept. Ask for a shorter time range or pass `fields` to leave out keys you do not need"
    } else {
        "pass `fields` with only the keys you need, or ask for a narrower result (a single resource, a filter)"
    };
    let note = format!(
        "[Cut: the answer was {original} characters, above the {cap}-character limit ({}); {how}.]",
        cuts.join("; ")
    );
    result(Value::Object(object), Some(note))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::platform::output::test_support::{contract, options};

    fn text(r: &CallToolResult) -> String {
        r.content[0].as_text().unwrap().text.clone()
    }

    #[test]
    fn a_list_pages_fifty_fifty_twenty() {
        let c = contract("apps_list");
        let items: Vec<Value> = (0..120).map(|i| json!({"name": format!("a{i}")})).collect();
        let mut cursor: Option<String> = None;
        let mut counts = Vec::new();
        loop {
            let mut args = json!({});
            if let Some(cur) = &cursor {
                args["cursor"] = json!(cur);
            }
            let r = success(
                &c,
                &options(&c, args),
                200,
                Value::Array(items.clone()),
                25_000,
            );
            let s = r.structured_content.clone().unwrap();
            assert_eq!(s["total"], 120);
            counts.push(s["count"].as_u64().unwrap());
            assert_eq!(text(&r), s.to_string());
            match s["nextCursor"].as_str() {
                Some(next) => cursor = Some(next.to_owned()),
                None => break,
            }
        }
        assert_eq!(counts, [50, 50, 20]);
    }

    #[test]
    fn a_big_page_is_cut_at_an_item_with_a_cursor_to_the_rest() {
        let c = contract("apps_list");
        let items: Vec<Value> = (0..200)
            .map(|i| json!({"name": format!("app-{i}"), "pad": "x".repeat(400)}))
            .collect();
        let o = options(&c, json!({"limit": 200}));
        let r = success(&c, &o, 200, Value::Array(items), 25_000);
        let t = text(&r);
        assert!(t.len() <= 25_000, "{}", t.len());
        let s = r.structured_content.unwrap();
        assert_eq!(s["truncated"], true);
        let count = s["count"].as_u64().unwrap() as usize;
        assert!(count > 10 && count < 200);
        let next = s["nextCursor"].as_str().unwrap();
        assert_eq!(cursor::decode(next, o.binding), Ok(count));
        assert!(t.contains("`fields`"));
    }

    #[test]
    fn an_item_alone_above_the_cap_shows_its_name_and_moves_on() {
        let c = contract("apps_list");
        let items = vec![
            json!({"name": "huge", "blob": "y".repeat(5_000)}),
            json!({"name": "small"}),
        ];
        let o = options(&c, json!({}));
        let r = success(&c, &o, 200, Value::Array(items), 1_000);
        assert!(text(&r).len() <= 1_000);
        let s = r.structured_content.unwrap();
        assert_eq!(s["items"], json!([{"name": "huge"}]));
        assert_eq!(
            cursor::decode(s["nextCursor"].as_str().unwrap(), o.binding),
            Ok(1)
        );
    }

    #[test]
    fn logs_keep_the_newest_lines() {
        let c = contract("logs_get");
        let lines: Vec<Value> = (0..20_000)
            .map(|i| json!({"timestamp": i, "message": format!("line {i}")}))
            .collect();
        let r = success(
            &c,
            &options(&c, json!({})),
            200,
            json!({"resource": "a", "lines": lines}),
            25_000,
        );
        assert!(text(&r).len() <= 25_000);
        let s = r.structured_content.unwrap();
        assert_eq!(s["truncated"], true);
        assert_eq!(s["resource"], "a");
        let kept = s["lines"].as_array().unwrap();
        assert_eq!(kept.last().unwrap()["message"], "line 19999");
        assert!(kept.len() > 100);
    }

    #[test]
    fn a_log_string_keeps_its_tail_from_a_line_start() {
        let c = contract("logs_get");
        let log: String = (0..50_000).map(|i| format!("é line {i}\n")).collect();
        let r = success(
            &c,
            &options(&c, json!({})),
            200,
            json!({"log": log}),
            25_000,
        );
        assert!(text(&r).len() <= 25_000);
        let s = r.structured_content.unwrap();
        let kept = s["log"].as_str().unwrap();
        assert!(
            kept.starts_with("é line "),
            "{:?}",
            kept.chars().take(30).collect::<String>()
        );
        assert!(kept.ends_with("é line 49999\n"));
    }

    #[test]
    fn objects_are_projected_and_whole_when_small() {
        let c = contract("apps_get");
        let r = success(
            &c,
            &options(&c, json!({"fields": ["status"]})),
            200,
            json!({"id": "1", "name": "a", "status": "live", "region": "eu"}),
            25_000,
        );
        assert_eq!(
            r.structured_content,
            Some(json!({"id": "1", "name": "a", "status": "live"}))
        );
        let d = contract("apps_delete");
        let r = success(&d, &options(&d, json!({})), 204, Value::Null, 25_000);
        assert_eq!(
            r.structured_content,
            Some(json!({"ok": true, "status": 204}))
        );
    }

    #[test]
    fn a_deep_object_is_still_capped() {
        let c = contract("apps_get");
        let mut deep = json!("x".repeat(100));
        for _ in 0..10 {
            deep = json!({"a": deep.clone(), "b": deep});
        }
        let r = success(&c, &options(&c, json!({})), 200, deep, 1_000);
        assert!(text(&r).len() <= 1_000);
        assert_eq!(r.structured_content.unwrap()["truncated"], true);
    }
}
