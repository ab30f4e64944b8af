//! A page's table of contents, taken from its served Markdown at load time: every heading
//! with its GitHub-style anchor, level and the byte range of its section, so a request for
//! one section is a slice, never a re-parse.

use std::collections::HashMap;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::markdown::{parser, slug};

/// One heading of a page and the extent of its section in [`crate::Page::markdown`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// GitHub-style slug, unique within the page (`-1`, `-2` suffixes on repeats).
    pub anchor: String,
    /// The heading's text, whitespace collapsed.
    pub title: String,
    /// 1 for `#`, up to 6.
    pub level: u8,
    /// Byte offset of the heading line.
    pub start: usize,
    /// Byte offset of the next heading of the same or higher level, or the page's end.
    pub end: usize,
}

/// Hands out anchors the way GitHub does: the first use of a slug is bare, repeats get
/// `-1`, `-2`, …. Shared by the outline and the search sections so both agree.
#[derive(Debug, Default)]
pub(crate) struct Anchors {
    seen: HashMap<String, usize>,
}

impl Anchors {
    /// Anchor for a heading with text `text` and an optional explicit `{#id}`.
    pub(crate) fn next(&mut self, id: Option<&str>, text: &str) -> String {
        let base = id.map_or_else(|| slug(text), str::to_string);
        let count = self.seen.entry(base.clone()).or_insert(0);
        let anchor = if *count == 0 {
            base
        } else {
            format!("{base}-{count}")
        };
        *count += 1;
        anchor
    }
}

/// Every heading of `markdown` (the page text as served), in order, with section extents.
pub(crate) fn outline(markdown: &str) -> Vec<Heading> {
    let mut anchors = Anchors::default();
    let mut headings: Vec<Heading> = Vec::new();
    let mut open: Option<(u8, Option<String>, usize, String)> = None;
    for (event, range) in parser(markdown).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                open = Some((
                    level as u8,
                    id.map(|id| id.to_string()),
                    range.start,
                    String::new(),
                ));
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((level, id, start, text)) = open.take() else {
                    continue;
                };
                let title = text.split_whitespace().collect::<Vec<_>>().join(" ");
                if title.is_empty() {
                    continue;
                }
                let anchor = anchors.next(id.as_deref(), &title);
                headings.push(Heading {
                    anchor,
                    title,
                    level,
                    start,
                    end: markdown.len(),
                });
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, _, _, buffer)) = open.as_mut() {
                    buffer.push_str(&text);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, _, _, buffer)) = open.as_mut() {
                    buffer.push(' ');
                }
            }
            _ => {}
        }
    }
    let ends: Vec<usize> = headings
        .iter()
        .enumerate()
        .map(|(i, heading)| {
            headings
                .iter()
                .skip(i + 1)
                .find(|later| later.level <= heading.level)
                .map_or(markdown.len(), |later| later.start)
        })
        .collect();
    for (heading, end) in headings.iter_mut().zip(ends) {
        heading.end = end;
    }
    headings
}

/// The heading `wanted` names: its anchor (with or without `#`), its text in any case, or
/// text that slugs to its anchor.
pub(crate) fn find<'h>(headings: &'h [Heading], wanted: &str) -> Option<&'h Heading> {
    let wanted = wanted.trim();
    let wanted = wanted.strip_prefix('#').unwrap_or(wanted).trim();
    if wanted.is_empty() {
        return None;
    }
    let collapsed = wanted.split_whitespace().collect::<Vec<_>>().join(" ");
    let slugged = slug(&collapsed);
    headings
        .iter()
        .find(|h| h.anchor == wanted)
        .or_else(|| {
            headings
                .iter()
                .find(|h| h.anchor.eq_ignore_ascii_case(wanted))
        })
        .or_else(|| {
            headings
                .iter()
                .find(|h| h.title.to_lowercase() == collapsed.to_lowercase())
        })
        .or_else(|| headings.iter().find(|h| h.anchor == slugged))
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    const PAGE: &str = "# Title\n\nIntro.\n\n## Create an API key\n\nSteps.\n\n### Scopes\n\nList.\n\n\
```md\n## not a heading\n```\n\n## Revoke\n\nGone.\n\n## Revoke\n\nAgain.\n";

    #[test]
    fn anchors_levels_and_extents() {
        let toc = outline(PAGE);
        let anchors: Vec<(&str, u8)> = toc.iter().map(|h| (h.anchor.as_str(), h.level)).collect();
        assert_eq!(
            anchors,
            [
                ("title", 1),
                ("create-an-api-key", 2),
                ("scopes", 3),
                ("revoke", 2),
                ("revoke-1", 2)
            ]
        );
        let create = &PAGE[toc[1].start..toc[1].end];
        assert!(create.starts_with("## Create an API key"), "{create}");
        assert!(
            create.contains("### Scopes") && create.contains("not a heading"),
            "{create}"
        );
        assert!(!create.contains("Revoke"), "{create}");
        assert_eq!(&PAGE[toc[4].start..toc[4].end], "## Revoke\n\nAgain.\n");
        assert_eq!(toc[0].end, PAGE.len());
    }

    #[test]
    fn finds_by_anchor_hash_or_heading_text() {
        let toc = outline(PAGE);
        for wanted in [
            "create-an-api-key",
            "#create-an-api-key",
            "Create an API key",
            " create an  api KEY ",
        ] {
            assert_eq!(
                find(&toc, wanted).map(|h| h.anchor.as_str()),
                Some("create-an-api-key"),
                "{wanted}"
            );
        }
        assert_eq!(find(&toc, "revoke-1").map(|h| h.start), Some(toc[4].start));
        assert!(find(&toc, "nothing").is_none());
        assert!(find(&toc, "#").is_none());
    }
}
