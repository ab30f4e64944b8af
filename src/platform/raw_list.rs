//! A list tool's answer written straight from the API's bytes, when those bytes are already exactly what
//! parsing them into a `serde_json::Value` and writing it back would give (compact, keys sorted without
//! duplicates, only the escapes serde_json writes, integers only). Then the page is the API's items as they
//! came, and the serialized `CallToolResult` (text and `structuredContent`) is written once, with no `Value`
//! built, rendered, serialized a second time and dropped — that round trip was about a third of a proxied
//! call's CPU. Anything else (a wrapped list, `fields`, an answer over the cap, a fence or a summary, pretty
//! or unsorted JSON, floats, `\u` escapes) takes the `Value` path of [`super::render`], which stays the
//! reference: for every answer this path takes, its bytes equal that path's serialized result.

use std::ops::Range;

use super::cursor;
use super::output::Options;

/// serde_json refuses deeper nesting; such answers go to the `Value` path, which reports them.
const MAX_DEPTH: usize = 128;
/// Longest integer kept as written (serde_json reads up to 19–20 digits as an integer; shorter is safe).
const MAX_DIGITS: usize = 18;

/// The ranges of a top-level array's items in `bytes`, when `bytes` is in serde_json's canonical form.
pub fn canonical_items(bytes: &[u8]) -> Option<Vec<Range<usize>>> {
    std::str::from_utf8(bytes).ok()?;
    let mut scan = Scan { bytes, at: 0 };
    if scan.peek()? != b'[' {
        return None;
    }
    scan.at += 1;
    let mut items = Vec::new();
    if scan.peek()? == b']' {
        scan.at += 1;
    } else {
        loop {
            let start = scan.at;
            scan.value(1)?;
            items.push(start..scan.at);
            match scan.next()? {
                b',' => {}
                b']' => break,
                _ => return None,
            }
        }
    }
    (scan.at == bytes.len()).then_some(items)
}

struct Scan<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Scan<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.at += 1;
        Some(byte)
    }

    fn literal(&mut self, word: &[u8]) -> Option<()> {
        let end = self.at + word.len();
        (self.bytes.get(self.at..end)? == word).then(|| self.at = end)
    }

    fn value(&mut self, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        match self.peek()? {
            b'{' => self.object(depth),
            b'[' => self.array(depth),
            b'"' => self.string().map(|_| ()),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            b'-' | b'0'..=b'9' => self.integer(),
            _ => None,
        }
    }

    fn object(&mut self, depth: usize) -> Option<()> {
        self.at += 1;
        if self.peek()? == b'}' {
            self.at += 1;
            return Some(());
        }
        let mut previous: Option<&'a [u8]> = None;
        loop {
            let key = self.string()?;
            // A key with an escape could sort differently once unescaped: left to the `Value` path.
            if key.contains(&b'\\') || previous.is_some_and(|p| p >= key) {
                return None;
            }
            previous = Some(key);
            if self.next()? != b':' {
                return None;
            }
            self.value(depth + 1)?;
            match self.next()? {
                b',' => {}
                b'}' => return Some(()),
                _ => return None,
            }
        }
    }

    fn array(&mut self, depth: usize) -> Option<()> {
        self.at += 1;
        if self.peek()? == b']' {
            self.at += 1;
            return Some(());
        }
        loop {
            self.value(depth + 1)?;
            match self.next()? {
                b',' => {}
                b']' => return Some(()),
                _ => return None,
            }
        }
    }

    /// A string's content (between the quotes), with only the escapes serde_json writes.
    fn string(&mut self) -> Option<&'a [u8]> {
        if self.next()? != b'"' {
            return None;
        }
        let start = self.at;
        let bytes = self.bytes;
        loop {
            let rest = bytes.get(self.at..)?;
            // Strings are short: a plain loop beats setting up a vectorised search for each.
            let i = rest
                .iter()
                .position(|&b| matches!(b, b'"' | b'\\' | 0..=0x1f))?;
            if rest.get(i).is_some_and(|&b| b < 0x20) {
                // A raw control character is not JSON.
                return None;
            }
            self.at += i;
            if self.next()? == b'"' {
                return bytes.get(start..self.at - 1);
            }
            match self.next()? {
                b'"' | b'\\' | b'b' | b'f' | b'n' | b'r' | b't' => {}
                // `\u` and `\/` are written differently by serde_json.
                _ => return None,
            }
        }
    }

    fn integer(&mut self) -> Option<()> {
        let negative = self.peek()? == b'-';
        if negative {
            self.at += 1;
        }
        let start = self.at;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
        let digits = self.bytes.get(start..self.at)?;
        let canonical = match digits {
            [] => false,
            [b'0'] => !negative,
            [b'0', ..] => false,
            _ => digits.len() <= MAX_DIGITS,
        };
        // A fraction or an exponent makes it a float, which serde_json may write differently.
        let ends = !matches!(self.peek(), Some(b'.' | b'e' | b'E'));
        (canonical && ends).then_some(())
    }
}

/// The serialized `CallToolResult` of a list tool's page, or `None` when the `Value` path must answer (see
/// the module's note). `bytes` is the API's 2xx answer; `cap` the most characters the text may take.
pub fn list_result(options: &Options, bytes: &[u8], cap: usize) -> Option<Vec<u8>> {
    if options.fields.is_some() {
        return None;
    }
    let items = canonical_items(bytes)?;
    let total = items.len();
    let offset = options.offset.min(total);
    let end = offset.saturating_add(options.limit).min(total);
    let page = items.get(offset..end)?;
    let next_cursor = (end < total).then(|| cursor::encode(end, options.binding));
    // The envelope's keys in the order a `Value` map writes them (sorted).
    let mut text = Vec::with_capacity(bytes.len() + 96);
    text.extend_from_slice(br#"{"count":"#);
    text.extend_from_slice(page.len().to_string().as_bytes());
    text.extend_from_slice(br#","items":["#);
    for (i, range) in page.iter().enumerate() {
        if i > 0 {
            text.push(b',');
        }
        text.extend_from_slice(bytes.get(range.clone())?);
    }
    text.extend_from_slice(br#"],"nextCursor":"#);
    serde_json::to_writer(&mut text, &next_cursor).ok()?;
    text.extend_from_slice(br#","total":"#);
    text.extend_from_slice(total.to_string().as_bytes());
    text.push(b'}');
    if text.len() > cap {
        return None;
    }
    // `CallToolResult::success` with one text block and `structuredContent`, as rmcp writes it for the
    // protocol versions the lean path serves (no `resultType`).
    let mut out = Vec::with_capacity(text.len() * 2 + 96);
    out.extend_from_slice(br#"{"content":[{"type":"text","text":"#);
    push_json_string(&mut out, &text);
    out.extend_from_slice(br#"}],"structuredContent":"#);
    out.extend_from_slice(&text);
    out.extend_from_slice(br#","isError":false}"#);
    Some(out)
}

/// `text` (canonical JSON, so it holds no control character) as a JSON string: what serde_json writes for
/// it, a backslash before each `"` and `\\`.
fn push_json_string(out: &mut Vec<u8>, text: &[u8]) {
    out.reserve(text.len() + text.len() / 4 + 2);
    out.push(b'"');
    for &b in text {
        if b == b'"' || b == b'\\' {
            out.push(b'\\');
        }
        out.push(b);
    }
    out.push(b'"');
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use rmcp::model::ServerResult;
    use serde_json::{Value, json};

    use super::*;
    use crate::platform::output::Contract;
    use crate::platform::output::test_support::{contract, options};
    use crate::platform::render;

    /// What the `Value` path writes for this answer, as the lean path would send it.
    fn reference(c: &Contract, o: &Options, bytes: &[u8], cap: usize) -> Vec<u8> {
        let value: Value = serde_json::from_slice(bytes).unwrap();
        let mut result = ServerResult::from(render::success(c, o, 200, value, cap));
        result.strip_result_type_for_legacy_peer();
        serde_json::to_vec(&result).unwrap()
    }

    #[test]
    fn a_page_is_byte_for_byte_what_the_value_path_writes() {
        let c = contract("projects_list");
        let items: Vec<Value> = (0..120)
            .map(|i| {
                json!({"id": format!("p{i}"), "name": format!("Project \"{i}\"\n\t\\ é ✓"), "n": i, "neg": -i,
                       "ok": i % 2 == 0, "none": null, "tags": ["a", {"b": [1, {}], "c": []}], "slash": "a/b"})
            })
            .collect();
        let bytes = serde_json::to_vec(&Value::Array(items)).unwrap();
        let mut cursor: Option<String> = None;
        let mut pages = 0;
        loop {
            let mut args = json!({});
            if let Some(c) = &cursor {
                args["cursor"] = json!(c);
            }
            let o = options(&c, args);
            let fast = list_result(&o, &bytes, 1_000_000).expect("canonical");
            assert_eq!(
                String::from_utf8(fast.clone()).unwrap(),
                String::from_utf8(reference(&c, &o, &bytes, 1_000_000)).unwrap()
            );
            pages += 1;
            let parsed: Value = serde_json::from_slice(&fast).unwrap();
            match parsed["structuredContent"]["nextCursor"].as_str() {
                Some(next) => cursor = Some(next.to_owned()),
                None => break,
            }
        }
        assert_eq!(pages, 3);
        for empty in ["[]", "[{}]", "[[]]", "[0,-1,true,false,null,\"\"]"] {
            let o = options(&c, json!({"limit": 1}));
            let fast = list_result(&o, empty.as_bytes(), 1000).unwrap();
            assert_eq!(fast, reference(&c, &o, empty.as_bytes(), 1000), "{empty}");
        }
    }

    #[test]
    fn anything_not_canonical_is_left_to_the_value_path() {
        for text in [
            r#"[{"b":1,"a":2}]"#,
            r#"[{"a":1,"a":2}]"#,
            r#"[ {"a":1}]"#,
            "[{\"a\":1}]\n",
            r#"[1.5]"#,
            r#"[1e3]"#,
            r#"[-0]"#,
            r#"[01]"#,
            r#"[12345678901234567890]"#,
            r#"["\u00e9"]"#,
            r#"["a\/b"]"#,
            r#"[{"a\"":1}]"#,
            r#"{"items":[1]}"#,
            r#"[1,]"#,
            r#"[1"#,
            r#"["a"#,
            "[\"\u{1}\"]",
            r#"[tru]"#,
            r#"[nul]"#,
            "",
        ] {
            assert!(canonical_items(text.as_bytes()).is_none(), "{text}");
        }
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert!(canonical_items(deep.as_bytes()).is_none());
        let c = contract("projects_list");
        let o = options(&c, json!({"fields": ["name"]}));
        assert!(list_result(&o, b"[{\"a\":1}]", 1000).is_none(), "fields");
        let o = options(&c, json!({}));
        assert!(
            list_result(&o, b"[\"0123456789\"]", 20).is_none(),
            "over the cap"
        );
    }
}
