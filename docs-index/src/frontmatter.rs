//! A deliberately small YAML front-matter reader.
//!
//! Only `title` and `description` matter to the index, so instead of pulling a
//! YAML library in, this reads top-level scalar keys with the forms real docs
//! use: plain, `'single'`, `"double"` (multi-line too), and `>`/`|` blocks.

/// The front-matter fields the index uses.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct FrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
}

/// Splits `text` into its front matter (if any) and the rest.
/// `Err` names what is wrong with a front matter that opens but cannot be read.
pub(crate) fn split(text: &str) -> Result<(Option<FrontMatter>, &str), String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(first_end) = text.find('\n') else {
        return Ok((None, text));
    };
    if text[..first_end].trim_end() != "---" {
        return Ok((None, text));
    }
    let mut offset = first_end + 1;
    let mut lines = Vec::new();
    loop {
        if offset >= text.len() {
            return Err("front matter has no closing `---`".to_string());
        }
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        let line = text[offset..end].trim_end_matches(['\n', '\r']);
        if line.trim_end() == "---" || line.trim_end() == "..." {
            let front = parse(&lines)?;
            return Ok((Some(front), &text[end..]));
        }
        lines.push(line);
        offset = end;
    }
}

fn parse(lines: &[&str]) -> Result<FrontMatter, String> {
    let mut front = FrontMatter::default();
    let mut i = 0;
    while let Some(&line) = lines.get(i) {
        i += 1;
        if line.starts_with([' ', '\t', '#', '-']) || line.trim().is_empty() {
            continue;
        }
        let Some((key, rest)) = line.split_once(':') else {
            continue;
        };
        let slot = match key.trim() {
            "title" => &mut front.title,
            "description" => &mut front.description,
            _ => continue,
        };
        // Continuation lines are the indented (or blank) ones that follow.
        let start = i;
        while lines
            .get(i)
            .is_some_and(|l| l.starts_with([' ', '\t']) || l.trim().is_empty())
        {
            i += 1;
        }
        let value = scalar(rest.trim(), lines.get(start..i).unwrap_or_default())
            .map_err(|e| format!("front matter `{}`: {e}", key.trim()))?;
        if !value.is_empty() {
            *slot = Some(value);
        }
    }
    Ok(front)
}

fn scalar(first: &str, more: &[&str]) -> Result<String, String> {
    if let Some(indicator) = first.strip_prefix(['|', '>']) {
        let indicator = indicator.split('#').next().unwrap_or_default().trim();
        if !indicator
            .chars()
            .all(|c| matches!(c, '-' | '+' | '0'..='9'))
        {
            return Err("bad block scalar indicator".to_string());
        }
        let body: Vec<&str> = more.iter().map(|l| l.trim()).collect();
        let joined = if first.starts_with('|') {
            body.join("\n")
        } else {
            fold(&body)
        };
        return Ok(joined.trim().to_string());
    }
    let mut whole = first.to_string();
    for line in more {
        whole.push(' ');
        whole.push_str(line.trim());
    }
    let whole = whole.trim();
    if let Some(inner) = whole.strip_prefix('"') {
        let mut out = String::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => return Ok(collapse(&out)),
                '\\' => match chars.next() {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some(other) => out.push(other),
                    None => break,
                },
                c => out.push(c),
            }
        }
        return Err("unterminated double-quoted string".to_string());
    }
    if let Some(inner) = whole.strip_prefix('\'') {
        let mut out = String::new();
        let mut chars = inner.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\'' {
                if chars.peek() == Some(&'\'') {
                    chars.next();
                    out.push('\'');
                } else {
                    return Ok(collapse(&out));
                }
            } else {
                out.push(c);
            }
        }
        return Err("unterminated single-quoted string".to_string());
    }
    let plain = whole.split(" #").next().unwrap_or_default();
    Ok(collapse(plain))
}

/// Folded (`>`) scalars join lines with spaces but keep blank-line breaks.
fn fold(lines: &[&str]) -> String {
    let mut out = String::new();
    for line in lines {
        if line.is_empty() {
            out.push('\n');
        } else {
            if !out.is_empty() && !out.ends_with('\n') {
                out.push(' ');
            }
            out.push_str(line);
        }
    }
    out
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn front(text: &str) -> FrontMatter {
        match split(text) {
            Ok((Some(front), _)) => front,
            other => panic!("no front matter: {other:?}"),
        }
    }

    #[test]
    fn forms() {
        let f = front("---\ntitle: Plain: value # c\ndescription: 'it''s'\n---\nbody");
        assert_eq!(f.title.as_deref(), Some("Plain: value"));
        assert_eq!(f.description.as_deref(), Some("it's"));
        let f =
            front("---\ntitle: \"Say \\\"hi\\\"\n  there\"\ndescription: >-\n  one\n  two\n---\n");
        assert_eq!(f.title.as_deref(), Some("Say \"hi\" there"));
        assert_eq!(f.description.as_deref(), Some("one two"));
        let f = front("---\nlayout: docs\ntitle: |\n  Block\n---\n");
        assert_eq!(f.title.as_deref(), Some("Block"));
        assert_eq!(f.description, None);
    }

    #[test]
    fn body_and_errors() {
        let (f, body) = split("---\ntitle: T\n---\n# Body\n").unwrap_or_default();
        assert!(f.is_some());
        assert_eq!(body, "# Body\n");
        assert!(matches!(split("no front"), Ok((None, "no front"))));
        assert!(split("---\ntitle: T\n").is_err());
        assert!(split("---\ntitle: \"open\n---\n").is_err());
    }
}
