//! Anchor text: what other pages call a page when they link to it.
//!
//! A link's text and the sentence around it describe the target in another author's words
//! ("use [watch paths](/builds/build-configuration#watch-paths) to only redeploy when files in
//! a folder change"): classic IR indexes them as a field of the target. Here they are read from
//! each page's Markdown when the ranking signals are computed, so nothing extra is persisted.

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::markdown;

/// How many words of the sentence on each side of a link count as its context: enough for
/// the clause that says what the link is for, not the whole paragraph.
const CONTEXT_WORDS: usize = 12;

/// One link of a page: where it goes, its own text and the words around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LinkText {
    pub dest: String,
    pub text: String,
    pub context: String,
}

/// Every link of `markdown_text` with its text and context (the sentence around it, cut to
/// [`CONTEXT_WORDS`] each side). Links inside headings keep the heading as their context.
pub(crate) fn links(markdown_text: &str) -> Vec<LinkText> {
    let cleaned = markdown::clean(markdown_text);
    let mut out = Vec::new();
    // The current block's text, and the links in it as (dest, start, end) byte offsets.
    let mut block = String::new();
    let mut pending: Vec<(String, usize, usize)> = Vec::new();
    let mut open: Option<(String, usize)> = None;
    for event in markdown::parser(&cleaned) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                open = Some((dest_url.to_string(), block.len()));
            }
            Event::End(TagEnd::Link) => {
                if let Some((dest, start)) = open.take() {
                    pending.push((dest, start, block.len()));
                }
            }
            Event::Text(text) | Event::Code(text) => block.push_str(&text),
            Event::SoftBreak | Event::HardBreak => block.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::Heading(_)
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_),
            )
            | Event::Start(Tag::Item) => {
                flush(&mut block, &mut pending, &mut out);
            }
            _ => {}
        }
    }
    flush(&mut block, &mut pending, &mut out);
    out
}

fn flush(block: &mut String, pending: &mut Vec<(String, usize, usize)>, out: &mut Vec<LinkText>) {
    for (dest, start, end) in pending.drain(..) {
        let (Some(text), Some(before), Some(after)) =
            (block.get(start..end), block.get(..start), block.get(end..))
        else {
            continue;
        };
        // The sentence around the link: back to the previous sentence end, on to the next.
        let before = before
            .rfind(['.', '!', '?', ':'])
            .and_then(|at| before.get(at + 1..))
            .unwrap_or(before);
        let after = after
            .find(['.', '!', '?'])
            .and_then(|at| after.get(..at))
            .unwrap_or(after);
        let before: Vec<&str> = before.split_whitespace().collect();
        let before = before
            .get(before.len().saturating_sub(CONTEXT_WORDS)..)
            .unwrap_or_default();
        let after: Vec<&str> = after.split_whitespace().take(CONTEXT_WORDS).collect();
        out.push(LinkText {
            dest,
            text: text.trim().to_string(),
            context: [before.join(" "), after.join(" ")]
                .join(" ")
                .trim()
                .to_string(),
        });
    }
    block.clear();
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn a_link_keeps_its_text_and_its_sentence() {
        let found = links(
            "# Builds\n\nSomething else. Use [watch paths](/builds/config#watch-paths) to only \
             redeploy when files in a folder change. Next sentence.\n\n- [Volumes](/volumes)\n",
        );
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].dest, "/builds/config#watch-paths");
        assert_eq!(found[0].text, "watch paths");
        assert_eq!(
            found[0].context,
            "Use to only redeploy when files in a folder change"
        );
        assert_eq!(found[1].text, "Volumes");
        assert_eq!(found[1].context, "");
    }
}
