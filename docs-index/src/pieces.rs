//! Cutting a long text into pieces a reader with a context budget can take one at a time.
//! Offsets count characters (not bytes), so they survive any client's string handling, and
//! consecutive pieces concatenate back to the text exactly.

/// One piece of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece<'t> {
    pub text: &'t str,
    /// Characters of the whole text before this piece.
    pub offset: usize,
    /// Characters in the whole text.
    pub total_chars: usize,
    /// Where the next piece starts, or `None` when this piece reaches the end.
    pub next_offset: Option<usize>,
}

/// `offset` lies past the end of the text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("offset {offset} is past the end of the text ({total_chars} characters)")]
pub struct OffsetPastEnd {
    pub offset: usize,
    pub total_chars: usize,
}

/// At most `max_chars` characters of `text` from character `offset`. A piece that does not
/// reach the end is cut after the last paragraph break in its second half, else the last
/// line break there, else the last space, else exactly at `max_chars`; never inside a
/// character. `max_chars` of 0 is treated as 1 so every piece makes progress.
pub fn piece(text: &str, offset: usize, max_chars: usize) -> Result<Piece<'_>, OffsetPastEnd> {
    let total_chars = text.chars().count();
    if offset > total_chars {
        return Err(OffsetPastEnd {
            offset,
            total_chars,
        });
    }
    let max_chars = max_chars.max(1);
    let start = byte_at(text, offset);
    let rest = text.get(start..).unwrap_or_default();
    let hard_end = byte_at(rest, max_chars);
    if hard_end >= rest.len() {
        return Ok(Piece {
            text: rest,
            offset,
            total_chars,
            next_offset: None,
        });
    }
    let window = rest.get(..hard_end).unwrap_or(rest);
    let end = soft_end(window);
    let taken = window.get(..end).unwrap_or(window);
    Ok(Piece {
        text: taken,
        offset,
        total_chars,
        next_offset: Some(offset + taken.chars().count()),
    })
}

/// Byte index of character `chars` in `text` (its length when there are fewer).
fn byte_at(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}

/// Where to end a cut `window`: just after the best break in its second half.
fn soft_end(window: &str) -> usize {
    let half = window.len() / 2;
    let tail = window.get(half..).unwrap_or_default();
    ["\n\n", "\n", " "]
        .iter()
        .find_map(|brk| tail.rfind(brk).map(|at| half + at + brk.len()))
        .unwrap_or(window.len())
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn reassemble(text: &str, max_chars: usize) -> (String, usize) {
        let (mut out, mut offset, mut pieces) = (String::new(), 0, 0);
        loop {
            let p = piece(text, offset, max_chars).unwrap_or_else(|e| panic!("{e}"));
            assert!(p.text.chars().count() <= max_chars);
            assert_eq!(p.total_chars, text.chars().count());
            out.push_str(p.text);
            pieces += 1;
            match p.next_offset {
                Some(next) => {
                    assert!(next > offset);
                    offset = next;
                }
                None => return (out, pieces),
            }
        }
    }

    #[test]
    fn pieces_concatenate_to_the_text_exactly() {
        let text = "Ünïcode paragraph — with ✓ marks.\n\n".repeat(40)
            + "line\n".repeat(100).as_str()
            + &"é".repeat(700);
        for max in [1, 7, 100, 500, 999, 5000] {
            let (out, pieces) = reassemble(&text, max);
            assert_eq!(out, text, "max {max}");
            assert!(pieces >= text.chars().count() / max.max(1), "max {max}");
        }
    }

    #[test]
    fn cuts_prefer_paragraphs_then_lines_then_spaces() {
        let text = format!("{}\n\n{}\nmore words here", "a".repeat(60), "b".repeat(20));
        assert!(piece(&text, 0, 90).unwrap().text.ends_with("a\n\n"));
        let text = format!("{}\n{} more words here", "a".repeat(60), "b".repeat(20));
        assert!(piece(&text, 0, 85).unwrap().text.ends_with("a\n"));
        let words = "word ".repeat(50);
        assert!(piece(&words, 0, 23).unwrap().text.ends_with("word "));
        let solid = "x".repeat(50);
        assert_eq!(piece(&solid, 0, 20).unwrap().text.len(), 20);
    }

    #[test]
    fn offsets_at_and_past_the_end() {
        let p = piece("abc", 3, 10).unwrap();
        assert_eq!((p.text, p.next_offset), ("", None));
        assert_eq!(
            piece("abc", 4, 10),
            Err(OffsetPastEnd {
                offset: 4,
                total_chars: 3
            })
        );
        assert_eq!(piece("", 0, 10).unwrap().total_chars, 0);
    }
}
