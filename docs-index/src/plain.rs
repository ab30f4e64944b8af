//! Last-mile tidying of section text before it is shown as a snippet.
//!
//! Markdown tables inside HTML blocks (common in the Fly.io reference pages) are not parsed
//! as tables, so their pipes and `---` separator rows reach the section text verbatim; a
//! snippet shows such rows as `cell · cell` like the tables the parser did see.

use std::borrow::Cow;

/// `text` with pipe-table rows rewritten as `cell · cell` and separator rows dropped.
pub(crate) fn tidy(text: &str) -> Cow<'_, str> {
    if !text.lines().any(is_table_row) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if !is_table_row(line) {
            out.push_str(line);
            continue;
        }
        let cells: Vec<&str> = line
            .trim()
            .trim_matches('|')
            .split('|')
            .map(str::trim)
            .filter(|cell| !cell.is_empty())
            .collect();
        let separator = cells
            .iter()
            .all(|cell| cell.chars().all(|c| matches!(c, '-' | ':' | ' ')));
        if !separator {
            out.push_str(&cells.join(" · "));
        }
        out.push('\n');
    }
    Cow::Owned(out)
}

fn is_table_row(line: &str) -> bool {
    let line = line.trim();
    line.len() > 1 && line.starts_with('|') && line.ends_with('|')
}

/// At most `chars` characters of `text`, cut at a word boundary, with `…` when cut.
pub(crate) fn truncate_words(text: &str, chars: usize) -> String {
    let trimmed = text.trim();
    let Some((cut, _)) = trimmed.char_indices().nth(chars) else {
        return trimmed.to_string();
    };
    let head = trimmed.get(..cut).unwrap_or(trimmed);
    let at_word = head
        .rfind(char::is_whitespace)
        .filter(|i| *i > cut / 2)
        .unwrap_or(cut);
    format!("{}…", head.get(..at_word).unwrap_or(head).trim_end())
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn pipe_rows_become_dotted_cells() {
        let text = "Intro\n| Property | Type |\n| --- | --- |\n| name | string |\nls | grep x\n";
        assert_eq!(
            tidy(text),
            "Intro\nProperty · Type\n\nname · string\nls | grep x\n"
        );
        assert!(matches!(tidy("no tables"), Cow::Borrowed(_)));
    }

    #[test]
    fn truncation_stops_at_a_word() {
        assert_eq!(truncate_words("alpha beta gamma", 8), "alpha…");
        assert_eq!(truncate_words("short", 10), "short");
    }
}
