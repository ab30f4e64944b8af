//! The docs pages as MCP resources (`hostless-docs://<path>`), so a client such as Claude
//! Desktop can attach a page directly, plus completion of page paths for the resource
//! template. Pure functions over [`Docs`]; the `ServerHandler` in `tools.rs` wires them in.

use rmcp::model::{Resource, ResourceTemplate};

use super::Docs;

/// Scheme and separator every page URI starts with.
pub const URI_PREFIX: &str = "hostless-docs://";

/// The one resource template: any page by its path (RFC 6570 reserved expansion, so the
/// `/` in `app/deployments` stays as it is).
pub const URI_TEMPLATE: &str = "hostless-docs://{+path}";

/// The template's only argument.
pub const PATH_ARGUMENT: &str = "path";

pub const MIME_TYPE: &str = "text/markdown";

/// Most completion values MCP allows in one answer.
pub const MAX_COMPLETIONS: usize = 100;

/// URI of a page path.
pub fn uri(path: &str) -> String {
    format!("{URI_PREFIX}{path}")
}

/// Every page, in path order.
pub fn list(docs: &Docs) -> Vec<Resource> {
    docs.index()
        .pages()
        .iter()
        .map(|page| {
            Resource::new(uri(&page.path), page.title.clone())
                .with_description(page.description.clone())
                .with_mime_type(MIME_TYPE)
        })
        .collect()
}

/// The resource template of every page.
pub fn template() -> ResourceTemplate {
    ResourceTemplate::new(URI_TEMPLATE, "docs-page")
        .with_title("Hostless docs page")
        .with_description(
            "Any Hostless documentation page as Markdown, by path (`app/deployments`); \
             complete `path` to find one",
        )
        .with_mime_type(MIME_TYPE)
}

/// The page a resource URI names, as `(canonical URI, Markdown)`; `None` when the URI is
/// not ours or names no page. Only the index is consulted.
pub fn read<'d>(docs: &'d Docs, uri_given: &str) -> Option<(String, &'d str)> {
    let path = uri_given.trim().strip_prefix(URI_PREFIX)?;
    let page = docs.index().page(path)?;
    Some((uri(&page.path), page.markdown.as_str()))
}

/// Page paths matching what the user typed so far: paths starting with it first, then
/// paths containing it elsewhere, both in path order and case-insensitive; at most
/// [`MAX_COMPLETIONS`]. Also returns how many matched in all.
pub fn complete_paths(docs: &Docs, typed: &str) -> (Vec<String>, usize) {
    let typed = typed.trim().trim_start_matches('/').to_lowercase();
    let (mut prefix, mut inside) = (Vec::new(), Vec::new());
    for page in docs.index().pages() {
        let lower = page.path.to_lowercase();
        if lower.starts_with(&typed) {
            prefix.push(page.path.clone());
        } else if lower.contains(&typed) {
            inside.push(page.path.clone());
        }
    }
    let total = prefix.len() + inside.len();
    prefix.extend(inside);
    prefix.truncate(MAX_COMPLETIONS);
    (prefix, total)
}
