//! The reference of platform tools, generated from the [`CATALOG`] for the README and
//! for the docs page `mcp/platform-tools`. A test keeps both files identical to what
//! this module generates, so the published reference cannot drift from the code
//! (`UPDATE_GENERATED=1 cargo test -p hostless-mcp reference` rewrites them, and fails that run).

use std::fmt::Write;

use super::catalog::{CATALOG, Toolset, listing};

/// Markers around the generated tool tables in a Markdown file.
pub const BEGIN: &str = "<!-- BEGIN GENERATED: platform tools (src/platform/reference.rs) -->";
pub const END: &str = "<!-- END GENERATED: platform tools -->";
/// Markers around the generated list of toolsets.
pub const TOOLSETS_BEGIN: &str = "<!-- BEGIN GENERATED: toolsets (src/platform/reference.rs) -->";
pub const TOOLSETS_END: &str = "<!-- END GENERATED: toolsets -->";

/// A table of the toolsets: name, default or not, tool count, what it covers.
pub fn toolsets_markdown() -> String {
    let mut out = String::from(
        "| Toolset | Shown by default | Tools | Tokens | What it covers |\n|---|---|---|---|---|\n",
    );
    for toolset in Toolset::ALL {
        let count = CATALOG.iter().filter(|d| d.toolset == toolset).count();
        let shown = CATALOG
            .iter()
            .filter(|d| d.toolset == toolset && d.is_default())
            .count();
        let default = match shown {
            0 => "no".to_string(),
            n if n == count => "yes".to_string(),
            n => format!("{n} of {count}"),
        };
        let tokens: usize = CATALOG
            .iter()
            .filter(|d| d.toolset == toolset)
            .map(listing::def_tokens)
            .sum();
        let _ = writeln!(
            out,
            "| `{}` | {default} | {count} | ~{tokens} | {} |",
            toolset.name(),
            toolset.summary()
        );
    }
    let default: Vec<_> = CATALOG.iter().filter(|d| d.is_default()).collect();
    let tokens: usize = default.iter().map(|d| listing::def_tokens(d)).sum();
    let _ = writeln!(
        out,
        "\nThe default selection: {} tools, about {tokens} tokens. Tokens are the characters of a tool's name, \
         description and input schema / 4, what a client hands to its model; `GET /mcp/tools?toolsets=…` and \
         `hostless-mcp tools` give the figures per tool for any selection.",
        default.len()
    );
    out
}

/// One table per toolset: tool, API route, scope, description.
pub fn tools_markdown() -> String {
    let mut out = String::new();
    for toolset in Toolset::ALL {
        let defs: Vec<_> = CATALOG.iter().filter(|d| d.toolset == toolset).collect();
        if defs.is_empty() {
            continue;
        }
        let default = if toolset.is_default() {
            " (default)"
        } else {
            ""
        };
        let _ = writeln!(out, "\n### Toolset `{}`{default}\n", toolset.name());
        out.push_str("| Tool | API route | Scope | What it does |\n|---|---|---|---|\n");
        for def in defs {
            // Tools with a discriminator reach one route per value; list them all.
            let expansions = def.expansions();
            let routes: Vec<String> = expansions
                .iter()
                .map(|e| format!("`{} /v1{}`", def.method.as_str(), e.path))
                .collect();
            let mut scopes: Vec<String> = expansions
                .iter()
                .map(|e| {
                    e.scope.as_ref().map_or_else(
                        || "dashboard session (JWT) only".to_string(),
                        |s| format!("`{s}`"),
                    )
                })
                .collect();
            scopes.dedup();
            let shown = if def.is_default() && !toolset.is_default() {
                " (default)"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "| `{}`{shown} | {} | {} | {} |",
                def.name,
                routes.join("<br>"),
                scopes.join("<br>"),
                def.description.replace('|', "\\|")
            );
        }
    }
    out
}

/// The whole docs page `mcp/platform-tools`.
pub fn docs_page() -> String {
    format!(
        "---\ntitle: Platform tools reference\ndescription: Every tool of the Hostless platform MCP endpoint (/mcp) - name, toolset, the API route it calls, the scope an API key needs, and what it does.\n---\n# Platform tools reference\n\nEach tool of `POST /mcp` makes one call to the Hostless API with your credential.\nThe scope column is what an API key needs; project roles apply as well ([Authorization](/authorization)).\nChoose toolsets as described in [Toolsets and read-only mode](/mcp/toolsets).\n\n{BEGIN}\n{}\n{END}\n",
        tools_markdown()
    )
}

/// Replaces the text between `begin` and `end` in `document` with `generated`.
pub fn splice(document: &str, begin: &str, end: &str, generated: &str) -> Option<String> {
    let start = document.find(begin)? + begin.len();
    let stop = document[start..].find(end)? + start;
    Some(format!(
        "{}\n{}\n{}",
        &document[..start],
        generated,
        &document[stop..]
    ))
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use std::path::Path;

    use super::*;

    fn check(path: &Path, expected: &str) {
        let current = std::fs::read_to_string(path).unwrap_or_default();
        if current == expected {
            return;
        }
        // Like rust-analyzer's sourcegen: update mode rewrites the file and still fails, so
        // a run that changed a file is never reported green (CI never passes by rewriting).
        if std::env::var_os("UPDATE_GENERATED").is_some() {
            std::fs::write(path, expected).unwrap();
            panic!(
                "{} was out of date and has been rewritten; review and commit it, then run the tests again",
                path.display()
            );
        }
        panic!(
            "{} is out of date with the tool catalog; run `UPDATE_GENERATED=1 cargo test -p hostless-mcp reference` and commit the result",
            path.display()
        );
    }

    #[test]
    fn readme_and_docs_page_match_the_catalog() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        check(&root.join("content/mcp/platform-tools.md"), &docs_page());
        let toolsets = toolsets_markdown();
        let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
        let readme =
            splice(&readme, BEGIN, END, &tools_markdown()).expect("README has the tool markers");
        let readme = splice(&readme, TOOLSETS_BEGIN, TOOLSETS_END, &toolsets)
            .expect("README has the toolset markers");
        check(&root.join("README.md"), &readme);
        let page = root.join("content/mcp/toolsets.md");
        let text = std::fs::read_to_string(&page).unwrap();
        let text = splice(&text, TOOLSETS_BEGIN, TOOLSETS_END, &toolsets)
            .expect("toolsets page has the markers");
        check(&page, &text);
    }

    #[test]
    fn every_tool_is_in_the_reference() {
        let text = tools_markdown();
        for def in &CATALOG {
            assert!(text.contains(&format!("| `{}`", def.name)), "{}", def.name);
        }
    }
}
