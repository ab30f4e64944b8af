//! Turns one page file into a [`Page`] plus the plain text the index sees.
//!
//! Cleaning happens on the source before Markdown parsing, because MDX/ERB
//! constructs (multi-line `<Image …/>`, `query={`…`}` props, `<% … %>`) do not
//! survive CommonMark parsing in any recoverable shape. Code (fenced or inline)
//! is left untouched so code samples stay searchable verbatim.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::Page;
use crate::frontmatter;
use crate::outline::{self, Anchors};
use crate::text::Text;

/// One heading section of a page: the unit the index stores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Section {
    /// Slug of the heading; `None` for the part of the page before any heading.
    pub anchor: Option<String>,
    pub heading: Option<String>,
    /// Plain text of the section body.
    pub text: Text,
}

/// A page and everything derived from it at load time.
#[derive(Debug, Clone)]
pub(crate) struct LoadedPage {
    pub page: Page,
    /// File path relative to the docs root (for resolving relative links).
    pub source: String,
    pub has_front_title: bool,
    pub headings: Vec<String>,
    pub sections: Vec<Section>,
    pub links: Vec<String>,
}

/// Parses one page; `Err` is the reason it must be skipped.
pub(crate) fn load(source: &str, path: &str, text: &str) -> Result<LoadedPage, String> {
    let (front, markdown) = match frontmatter::split(text) {
        Ok(split) => split,
        Err(reason) => {
            // Degrade rather than drop: the page text is still worth serving.
            tracing::warn!(
                file = source,
                reason,
                "unreadable front matter, treating it as text"
            );
            (None, text.strip_prefix('\u{feff}').unwrap_or(text))
        }
    };
    let front = front.unwrap_or_default();
    let cleaned = clean(markdown);
    let mut parsed = parse(&cleaned);
    let toc = outline::outline(markdown);
    // Sections come from the cleaned text and the outline from the served text; an anchor
    // only the cleaned text has (a heading hidden in raw HTML, say) would lead nowhere.
    for section in &mut parsed.sections {
        if section
            .anchor
            .as_ref()
            .is_some_and(|a| !toc.iter().any(|h| &h.anchor == a))
        {
            section.anchor = None;
        }
    }
    // Built by appending, each buffer has up to twice the room it needs, and pages live as long
    // as the process: on the Railway corpus that slack was about 1 MB of heap (massif).
    for section in &mut parsed.sections {
        section.text.shrink_to_fit();
    }
    parsed.sections.shrink_to_fit();
    parsed.headings.shrink_to_fit();
    parsed.links.shrink_to_fit();
    let mut toc = toc;
    toc.shrink_to_fit();
    let title = front
        .title
        .clone()
        .or(parsed.h1.clone())
        .unwrap_or_else(|| path.to_string());
    Ok(LoadedPage {
        page: Page {
            path: path.to_string(),
            title,
            description: front.description.clone().unwrap_or_default(),
            markdown: markdown.to_string(),
            toc,
        },
        source: source.to_string(),
        has_front_title: front.title.is_some(),
        headings: parsed.headings,
        sections: parsed.sections,
        links: parsed.links,
    })
}

/// GitHub-style heading slug: lowercase, spaces to `-`, punctuation dropped.
pub(crate) fn slug(heading: &str) -> String {
    heading
        .trim()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                Some(c.to_lowercase().collect::<String>())
            } else if c.is_whitespace() {
                Some("-".to_string())
            } else {
                None
            }
        })
        .collect()
}

/// Removes ERB tags, MDX `import`/`export` lines and JSX/HTML tags, keeping
/// code, the text between tags, and text-like attribute values.
pub(crate) fn clean(markdown: &str) -> String {
    let without_erb = strip_erb(markdown);
    let mut out = String::with_capacity(without_erb.len());
    let mut fence: Option<(char, usize)> = None;
    let mut rest = without_erb.as_str();
    let mut esm_depth: Option<i32> = None;
    while !rest.is_empty() {
        let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let line = &rest[..line_end];
        let trimmed = line.trim_start();
        if let Some((ch, len)) = fence {
            out.push_str(line);
            let run = trimmed.chars().take_while(|c| *c == ch).count();
            if run >= len && trimmed[run * ch.len_utf8()..].trim().is_empty() {
                fence = None;
            }
            rest = &rest[line_end..];
            continue;
        }
        if let Some(depth) = esm_depth {
            // Inside a multi-line import/export: drop until it is closed.
            let depth = depth + brace_balance(line);
            esm_depth = (depth > 0 && !line.trim().is_empty()).then_some(depth);
            rest = &rest[line_end..];
            continue;
        }
        if let Some(ch) = trimmed.chars().next().filter(|c| *c == '`' || *c == '~') {
            let run = trimmed.chars().take_while(|c| *c == ch).count();
            if run >= 3 {
                fence = Some((ch, run));
                out.push_str(line);
                rest = &rest[line_end..];
                continue;
            }
        }
        if line.starts_with("import ") || line.starts_with("export ") {
            let depth = brace_balance(line);
            esm_depth = (depth > 0).then_some(depth);
            rest = &rest[line_end..];
            continue;
        }
        // Outside code: scan the line, letting tags and code spans run past it.
        let consumed = clean_inline(rest, line_end, &mut out);
        rest = &rest[consumed..];
    }
    out
}

fn brace_balance(line: &str) -> i32 {
    line.chars().fold(0, |n, c| match c {
        '{' | '(' | '[' => n + 1,
        '}' | ')' | ']' => n - 1,
        _ => n,
    })
}

/// Drops every `<% … %>` tag; an unclosed one is dropped to the end of its line.
fn strip_erb(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<%") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        rest = match after.find("%>") {
            Some(end) => &after[end + 2..],
            None => after.find('\n').map_or("", |nl| &after[nl..]),
        };
    }
    out.push_str(rest);
    out
}

/// Cleans from the start of `text` to at least `line_end`, returning how many
/// bytes were consumed (more than the line when a tag or code span spans lines).
fn clean_inline(text: &str, line_end: usize, out: &mut String) -> usize {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < line_end {
        let Some(&b) = bytes.get(i) else { break };
        if b == b'`' {
            let run = bytes.iter().skip(i).take_while(|c| **c == b'`').count();
            let limit = text[i..].find("\n\n").map_or(text.len(), |p| i + p);
            let marker = &text[i..i + run];
            let mut search = i + run;
            let mut close = None;
            while let Some(pos) = text[search..limit].find(marker) {
                let at = search + pos;
                let len = bytes.iter().skip(at).take_while(|c| **c == b'`').count();
                if len == run {
                    close = Some(at + run);
                    break;
                }
                search = at + len;
            }
            let end = close.unwrap_or(i + run);
            out.push_str(&text[i..end]);
            i = end;
            continue;
        }
        if b == b'<'
            && let Some(tag) = parse_tag(&text[i..])
        {
            for value in &tag.texts {
                out.push(' ');
                out.push_str(value);
            }
            out.push(' ');
            // Keep line structure so block constructs after the tag parse.
            let newlines = text[i..i + tag.len].matches('\n').count().min(1);
            for _ in 0..newlines {
                out.push('\n');
            }
            i += tag.len;
            continue;
        }
        if text[i..].starts_with("{/*")
            && let Some(end) = text[i..].find("*/}")
        {
            i += end + 3;
            continue;
        }
        let ch_len = text[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&text[i..i + ch_len]);
        i += ch_len;
    }
    i
}

struct ParsedTag {
    len: usize,
    texts: Vec<String>,
}

/// Attributes whose quoted values are prose worth indexing.
const TEXT_ATTRIBUTES: &[&str] = &[
    "alt",
    "title",
    "caption",
    "label",
    "summary",
    "description",
    "heading",
    "text",
];

/// Parses a JSX/HTML tag or comment at the start of `text`.
fn parse_tag(text: &str) -> Option<ParsedTag> {
    if let Some(body) = text.strip_prefix("<!--") {
        let end = body.find("-->")?;
        return Some(ParsedTag {
            len: 4 + end + 3,
            texts: Vec::new(),
        });
    }
    let bytes = text.as_bytes();
    let mut i = 1;
    if bytes.get(i) == Some(&b'/') {
        i += 1;
    }
    if bytes.get(i) == Some(&b'>') {
        return Some(ParsedTag {
            len: i + 1,
            texts: Vec::new(),
        });
    }
    if !bytes.get(i)?.is_ascii_alphabetic() {
        return None;
    }
    while bytes
        .get(i)
        .copied()
        .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
    {
        i += 1;
    }
    let mut texts = Vec::new();
    loop {
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        match bytes.get(i)? {
            b'>' => return Some(ParsedTag { len: i + 1, texts }),
            b'/' if bytes.get(i + 1) == Some(&b'>') => {
                return Some(ParsedTag { len: i + 2, texts });
            }
            b'{' => {
                // Spread props such as `{...rest}`.
                let (len, _) = braced(&text[i..])?;
                i += len;
                continue;
            }
            _ => {}
        }
        let name_start = i;
        while bytes.get(i).copied().is_some_and(|b| {
            !b.is_ascii_whitespace() && !matches!(b, b'=' | b'>' | b'/' | b'{' | b'"' | b'\'')
        }) {
            i += 1;
        }
        if i == name_start {
            // Something that is not an attribute: `a <b` in prose, or an autolink.
            return None;
        }
        let name = text[name_start..i].to_ascii_lowercase();
        if name.contains(':') && name.contains("//") || name.contains('@') {
            return None;
        }
        if bytes.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        match bytes.get(i)? {
            quote @ (b'"' | b'\'') => {
                let end = text[i + 1..].find(*quote as char)?;
                let value = &text[i + 1..i + 1 + end];
                if TEXT_ATTRIBUTES.contains(&name.as_str()) {
                    texts.push(value.to_string());
                }
                i += end + 2;
            }
            b'{' => {
                let (len, literal) = braced(&text[i..])?;
                if let Some(literal) = literal {
                    texts.push(literal);
                }
                i += len;
            }
            _ => {
                while bytes
                    .get(i)
                    .copied()
                    .is_some_and(|b| !b.is_ascii_whitespace() && b != b'>')
                {
                    i += 1;
                }
            }
        }
    }
}

/// Length of a balanced `{…}` JSX expression, and its content when it is a
/// single string or template literal (a code sample passed as a prop).
fn braced(text: &str) -> Option<(usize, Option<String>)> {
    let mut depth = 0usize;
    let mut in_string: Option<char> = None;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if let Some(quote) = in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == quote {
                in_string = None;
            }
            continue;
        }
        match c {
            '"' | '\'' | '`' => in_string = Some(c),
            '{' => depth += 1,
            '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let inner = text[1..i].trim();
                    let literal = ['`', '"', '\''].iter().find_map(|q| {
                        inner
                            .strip_prefix(*q)
                            .and_then(|s| s.strip_suffix(*q))
                            .filter(|s| !s.contains(*q))
                            .map(str::to_string)
                    });
                    return Some((i + 1, literal));
                }
            }
            _ => {}
        }
    }
    None
}

struct Parsed {
    h1: Option<String>,
    headings: Vec<String>,
    sections: Vec<Section>,
    links: Vec<String>,
}

/// One parser configuration for the whole crate (as mdBook does).
pub(crate) fn parser(text: &str) -> Parser<'_> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_FOOTNOTES;
    Parser::new_ext(text, options)
}

fn parse(cleaned: &str) -> Parsed {
    let mut parsed = Parsed {
        h1: None,
        headings: Vec::new(),
        sections: vec![Section {
            anchor: None,
            heading: None,
            text: Text::default(),
        }],
        links: Vec::new(),
    };
    let mut anchors = Anchors::default();
    let mut heading: Option<(HeadingLevel, Option<String>, String)> = None;
    // Cells of the current table row so far: a row reads `cell · cell · cell`.
    let mut cells_in_row = 0usize;
    for event in parser(cleaned) {
        match event {
            Event::Start(Tag::TableCell) => {
                if cells_in_row > 0 {
                    push_section_text(&mut parsed.sections, " · ");
                }
                cells_in_row += 1;
            }
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => {
                cells_in_row = 0;
                push_sep(&mut heading, &mut parsed.sections, '\n');
            }
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((level, id.map(|id| id.to_string()), String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((level, id, text)) = heading.take() else {
                    continue;
                };
                let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                if text.is_empty() {
                    continue;
                }
                let first_h1 = level == HeadingLevel::H1 && parsed.h1.is_none();
                if first_h1 {
                    parsed.h1 = Some(text.clone());
                }
                parsed.headings.push(text.clone());
                // Counted even when skipped below, as GitHub and the outline count it.
                let anchor = anchors.next(id.as_deref(), &text);
                let top_is_empty =
                    matches!(parsed.sections.as_slice(), [top] if top.text.trim().is_empty());
                if first_h1 && top_is_empty {
                    // The page title heading: its text belongs to the page top.
                    continue;
                }
                parsed.sections.push(Section {
                    anchor: Some(anchor),
                    heading: Some(text),
                    text: Text::default(),
                });
            }
            Event::Start(Tag::Link { dest_url, .. }) => parsed.links.push(dest_url.to_string()),
            Event::Text(text) | Event::Code(text) => match heading.as_mut() {
                Some((_, _, buffer)) => buffer.push_str(&text),
                None => push_section_text(&mut parsed.sections, &text),
            },
            Event::SoftBreak => push_sep(&mut heading, &mut parsed.sections, ' '),
            Event::HardBreak
            | Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock | TagEnd::BlockQuote(_),
            ) => push_sep(&mut heading, &mut parsed.sections, '\n'),
            _ => {}
        }
    }
    parsed
}

/// Appends to the current (last) section, starting an untitled one if there is none.
fn push_section_text(sections: &mut Vec<Section>, text: &str) {
    match sections.last_mut() {
        Some(section) => section.text.push_str(text),
        None => sections.push(Section {
            anchor: None,
            heading: None,
            text: Text::from(text),
        }),
    }
}

fn push_sep(
    heading: &mut Option<(HeadingLevel, Option<String>, String)>,
    sections: &mut Vec<Section>,
    sep: char,
) {
    match heading.as_mut() {
        Some((_, _, buffer)) => buffer.push(' '),
        None => push_section_text(sections, sep.encode_utf8(&mut [0; 4])),
    }
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Add a Custom Domain!"), "add-a-custom-domain");
        assert_eq!(slug("`railway up` & more"), "railway-up--more");
    }

    #[test]
    fn mdx_cleaning() {
        let src = "import Foo from '../foo'\nexport const meta = {\n  a: 1,\n}\n\nHello <Image\nsrc=\"x.png\"\nalt=\"A diagram\"\nwidth={1396} /> world.\n\n<GraphQLCodeTabs query={`query me { id }`} />\n\n```js\nimport x from 'y'\n<Image />\n```\n\n<Banner variant=\"info\">Inside **banner**</Banner> `<Code>` a < b\n";
        let out = clean(src);
        assert!(!out.contains("import Foo"), "{out}");
        assert!(!out.contains("a: 1"), "{out}");
        assert!(out.contains("A diagram"), "{out}");
        assert!(out.contains("query me { id }"), "{out}");
        assert!(out.contains("import x from 'y'\n<Image />"), "{out}");
        assert!(out.contains("Inside **banner**"), "{out}");
        assert!(!out.contains("<Banner"), "{out}");
        assert!(out.contains("`<Code>`"), "{out}");
        assert!(out.contains("a < b"), "{out}");
        assert!(!out.contains("width"), "{out}");
    }

    #[test]
    fn erb_cleaning() {
        let out = clean(
            "Before <%= partial \"x\" %> after\n<% x = Foo.new(\n  a: 1\n) %>\nBody\n<% end %>\n",
        );
        assert_eq!(out.matches("<%").count(), 0);
        assert!(out.contains("Before  after"));
        assert!(out.contains("Body"));
        assert!(!out.contains("Foo.new"));
    }

    #[test]
    fn sections() {
        let page = load(
            "a.md",
            "a",
            "---\ntitle: T\n---\n# Big\nintro\n## One\ntext one\n## One\nagain\n### Two {#custom}\nx\n",
        );
        let Ok(page) = page else {
            panic!("load failed")
        };
        assert_eq!(page.page.title, "T");
        let anchors: Vec<_> = page.sections.iter().map(|s| s.anchor.clone()).collect();
        assert_eq!(
            anchors,
            vec![
                None,
                Some("one".into()),
                Some("one-1".into()),
                Some("custom".into())
            ]
        );
        assert!(page.sections[0].text.contains("intro"));
        assert_eq!(page.headings, vec!["Big", "One", "One", "Two"]);
    }
}
