//! Page paths: deriving them from file names, and normalising user input.
//!
//! Both directions share the extension rules so that `foo.html.md` on disk and
//! `foo.html.md` typed by a user meet at the same page path `foo`.

/// Extensions of page files, longest first so compound ones strip whole.
const PAGE_EXTENSIONS: &[&str] = &[".markdown", ".markerb", ".mdx", ".md"];

/// Strips a page extension (and a `.html` before it); `None` if there is none.
fn strip_page_extension(name: &str) -> Option<&str> {
    let lower = name.to_ascii_lowercase();
    let ext = PAGE_EXTENSIONS.iter().find(|e| lower.ends_with(*e))?;
    let stem = &name[..name.len() - ext.len()];
    let lower_stem = &lower[..stem.len()];
    Some(if lower_stem.ends_with(".html") {
        &stem[..stem.len() - ".html".len()]
    } else {
        stem
    })
}

/// Drops a trailing `index` segment, except for the top-level `index` page.
fn strip_index(path: &str) -> &str {
    match path.strip_suffix("/index") {
        Some(parent) if !parent.is_empty() => parent,
        _ => path,
    }
}

/// Page path of a file given by its path relative to the docs root, or `None`
/// if the file is not a page (wrong extension, hidden folder, `node_modules`).
pub(crate) fn page_path_for_file(relative: &str) -> Option<String> {
    let relative = relative.replace('\\', "/");
    let segments: Vec<&str> = relative
        .split('/')
        .filter(|s| !s.is_empty() && *s != ".")
        .collect();
    let (file, dirs) = segments.split_last()?;
    if dirs
        .iter()
        .any(|d| d.starts_with('.') || *d == "node_modules" || *d == "..")
    {
        return None;
    }
    if file.starts_with('.') {
        return None;
    }
    let stem = strip_page_extension(file)?;
    if stem.is_empty() {
        return None;
    }
    let mut path = dirs.join("/");
    if !path.is_empty() {
        path.push('/');
    }
    path.push_str(stem);
    Some(strip_index(&path).to_string())
}

/// Decodes `%XX` escapes; `None` if the result is not UTF-8.
fn percent_decode(input: &str) -> Option<String> {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    let hex = |at: usize| bytes.get(at).and_then(|&b| (b as char).to_digit(16));
    while let Some(&byte) = bytes.get(i) {
        if byte == b'%'
            && let (Some(h), Some(l)) = (hex(i + 1), hex(i + 2))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(byte);
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// Candidate page paths for user input such as `/app/deployments/`,
/// `app/deployments.md#anchor` or `app%2Fdeployments`; empty if the input can
/// never name a page (for example because it climbs with `..`).
pub(crate) fn normalise(input: &str) -> Vec<String> {
    let input = input.trim();
    let input = input.split(['#', '?']).next().unwrap_or_default();
    let Some(decoded) = percent_decode(input) else {
        return Vec::new();
    };
    let decoded = decoded.replace('\\', "/");
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Vec::new(),
            s if s.contains('\0') => return Vec::new(),
            s => segments.push(s),
        }
    }
    let Some((last, dirs)) = segments.split_last() else {
        return Vec::new();
    };
    let last = strip_page_extension(last)
        .or_else(|| last.strip_suffix(".html"))
        .unwrap_or(last);
    let mut path = dirs.join("/");
    if !last.is_empty() {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str(last);
    }
    if path.is_empty() {
        return Vec::new();
    }
    let mut candidates = vec![path.clone()];
    let stripped = strip_index(&path);
    if stripped != path {
        candidates.push(stripped.to_string());
    }
    candidates
}

/// Resolves a Markdown link target written in the page whose file is
/// `source_file` to a page path candidate; `None` for external links, pure
/// anchors, and targets climbing above the root.
pub(crate) fn resolve_link(source_file: &str, target: &str) -> Option<Vec<String>> {
    let target = target.trim();
    if target.is_empty() || target.starts_with('#') || target.starts_with("//") {
        return None;
    }
    let scheme_end = target.find(':');
    let first_sep = target.find(['/', '?', '#']);
    if let Some(colon) = scheme_end
        && first_sep.is_none_or(|sep| colon < sep)
    {
        return None;
    }
    let without_suffix = target.split(['#', '?']).next().unwrap_or_default();
    if without_suffix.is_empty() {
        return None;
    }
    // Images and downloads are not pages; only page-like targets are checked.
    let last = without_suffix.rsplit('/').next().unwrap_or_default();
    if last.contains('.') && strip_page_extension(last).is_none() && !last.ends_with(".html") {
        return None;
    }
    let joined = if without_suffix.starts_with('/') {
        without_suffix.to_string()
    } else {
        let source = source_file.replace('\\', "/");
        let dir = source.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
        format!("{dir}/{without_suffix}")
    };
    let mut stack: Vec<&str> = Vec::new();
    for segment in joined.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                stack.pop()?;
            }
            s => stack.push(s),
        }
    }
    Some(normalise(&stack.join("/")))
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn file_paths() {
        assert_eq!(page_path_for_file("a/b.md").as_deref(), Some("a/b"));
        assert_eq!(page_path_for_file("a/b.html.md").as_deref(), Some("a/b"));
        assert_eq!(
            page_path_for_file("a/b.html.markerb").as_deref(),
            Some("a/b")
        );
        assert_eq!(page_path_for_file("a/b.MDX").as_deref(), Some("a/b"));
        assert_eq!(page_path_for_file("a/index.md").as_deref(), Some("a"));
        assert_eq!(page_path_for_file("a/index.html.md").as_deref(), Some("a"));
        assert_eq!(page_path_for_file("index.md").as_deref(), Some("index"));
        assert_eq!(page_path_for_file("a\\b.markdown").as_deref(), Some("a/b"));
        assert_eq!(page_path_for_file(".git/x.md"), None);
        assert_eq!(page_path_for_file("node_modules/x/readme.md"), None);
        assert_eq!(page_path_for_file("a/b.txt"), None);
        assert_eq!(page_path_for_file("a/.md"), None);
    }

    #[test]
    fn user_paths() {
        for input in [
            "app/deployments",
            "/app/deployments/",
            "app/deployments.md",
            "app/deployments.mdx",
            "app/deployments.markdown",
            "app/deployments.html.md",
            "app/deployments.html",
            "app/deployments#anchor",
            "app/deployments?x=1",
            "app%2Fdeployments",
            " app//deployments ",
        ] {
            assert_eq!(
                normalise(input).first().map(String::as_str),
                Some("app/deployments"),
                "{input}"
            );
        }
        assert_eq!(normalise("app/index"), vec!["app/index", "app"]);
        assert!(normalise("../etc/passwd").is_empty());
        assert!(normalise("a/%2e%2e/%2e%2e/etc").is_empty());
        assert!(normalise("%ff").is_empty());
        assert!(normalise("").is_empty());
        assert!(normalise("/").is_empty());
    }

    #[test]
    fn links() {
        assert_eq!(resolve_link("a/b.md", "c"), Some(vec!["a/c".to_string()]));
        assert_eq!(
            resolve_link("a/b.md", "../c.md#x"),
            Some(vec!["c".to_string()])
        );
        assert_eq!(
            resolve_link("a/b.md", "/x/y#z"),
            Some(vec!["x/y".to_string()])
        );
        assert_eq!(resolve_link("a/b.md", "https://x.y/z"), None);
        assert_eq!(resolve_link("a/b.md", "mailto:a@b"), None);
        assert_eq!(resolve_link("a/b.md", "#top"), None);
        assert_eq!(resolve_link("b.md", "../../x"), None);
        assert_eq!(resolve_link("b.md", "/img/x.png"), None);
    }
}
