//! Snippets read as prose: tables as `cell · cell`, no Markdown, front matter, MDX or ERB
//! syntax, cut at word boundaries, at most 240 characters.

#![allow(clippy::panic, clippy::indexing_slicing)]

use docs_index::{DocsIndex, Hit};

const MAX_CHARS: usize = 240;

fn index(files: &[(&str, &str)]) -> DocsIndex {
    match DocsIndex::from_files(files.iter().copied()) {
        Ok((index, _)) => index,
        Err(error) => panic!("{error}"),
    }
}

fn first_hit(index: &DocsIndex, query: &str) -> Hit {
    let hits = index.search(query, 5).unwrap_or_else(|e| panic!("{e}"));
    hits.into_iter()
        .next()
        .unwrap_or_else(|| panic!("no hit for {query:?}"))
}

/// What every snippet must be, whatever the page.
fn assert_clean(snippet: &str) {
    let plain = snippet.replace("**", "");
    assert!(snippet.chars().count() <= MAX_CHARS, "too long: {snippet}");
    for noise in [
        "<%", "%>", "</", "/>", "{`", "import ", "export ", "---", "| ", "##", "](",
    ] {
        assert!(!plain.contains(noise), "{noise:?} left in {snippet:?}");
    }
    assert!(
        !plain.starts_with(' ') && !plain.ends_with(' '),
        "{snippet:?}"
    );
}

#[test]
fn tables_read_as_cells_separated_by_dots() {
    let page = "---\ntitle: API keys\n---\n# API keys\n\n## Fields\n\n| Field | Required | Meaning |\n| --- | --- | --- |\n| `name` | yes | A label for the key |\n| `expiresAt` | no | ISO 8601 time after which the key stops working |\n";
    let index = index(&[("api-keys.md", page)]);
    let hit = first_hit(&index, "expiresAt ISO 8601");
    assert_clean(&hit.snippet);
    let plain = hit.snippet.replace("**", "");
    assert!(
        plain.contains("expiresAt · no · ISO 8601 time"),
        "cells must not run together: {plain:?}"
    );
}

#[test]
fn mdx_components_and_imports_do_not_show() {
    let page = "---\ntitle: Volumes\ndescription: Keep data\n---\nimport { Image } from \"@/components\"\nexport const meta = { a: 1 }\n\n# Volumes\n\n<Banner variant=\"info\">\nVolumes keep **data** between deployments.\n</Banner>\n\n<Image src=\"/v.png\" alt=\"volume diagram\" width={800} />\n\nMount a volume at `/data` to persist uploads across redeploys and restarts of the service.\n";
    let index = index(&[("volumes.mdx", page)]);
    for query in ["persist uploads", "volume keep data between deployments"] {
        let hit = first_hit(&index, query);
        assert_clean(&hit.snippet);
        assert!(!hit.snippet.contains("Banner") && !hit.snippet.contains("width"));
    }
}

#[test]
fn erb_tags_do_not_show() {
    let page = "---\ntitle: Secrets\n---\n# Secrets\n\n<%= partial \"/docs/partials/obligatory_secrets\" %>\n\nSet a secret with `fly secrets set` and the app restarts with the new value.\n<% if false %>hidden<% end %>\n";
    let index = index(&[("apps/secrets.html.markerb", page)]);
    let hit = first_hit(&index, "set a secret restarts");
    assert_clean(&hit.snippet);
    assert!(hit.snippet.contains("secret"), "{}", hit.snippet);
}

#[test]
fn long_sections_are_cut_at_word_boundaries_near_the_match() {
    let filler = "Lorem ipsum dolor sit amet consectetur adipiscing elit. ".repeat(40);
    let page = format!(
        "---\ntitle: Long\n---\n# Long\n\n{filler} The rotation of credentials happens without downtime. {filler}"
    );
    let index = index(&[("long.md", page.as_str())]);
    let hit = first_hit(&index, "rotation credentials downtime");
    assert_clean(&hit.snippet);
    let plain = hit.snippet.replace("**", "");
    assert!(plain.contains("rotation of credentials"), "{plain:?}");
    let words: Vec<&str> = filler.split_whitespace().collect();
    let first = plain
        .trim_start_matches('…')
        .split_whitespace()
        .next()
        .unwrap_or_default();
    let last = plain
        .trim_end_matches('…')
        .split_whitespace()
        .last()
        .unwrap_or_default();
    for edge in [first, last] {
        let edge = edge.trim_matches(|c: char| !c.is_alphanumeric());
        assert!(
            words.iter().any(|w| w.trim_matches('.') == edge)
                || page.contains(&format!(" {edge} ")),
            "cut inside a word: {edge:?} in {plain:?}"
        );
    }
}

#[test]
fn a_description_only_match_falls_back_cleanly() {
    let page = format!(
        "---\ntitle: Billing\ndescription: Invoices, receipts and usage costs\n---\n# Billing\n\n{}",
        "Words about nothing in particular and more words here. ".repeat(20)
    );
    let index = index(&[("billing.md", page.as_str())]);
    let hit = first_hit(&index, "receipts");
    assert_clean(&hit.snippet);
}

/// Every snippet the evaluation questions produce on the real corpora is clean.
#[test]
#[ignore = "needs ../shared/corpora"]
fn corpora_snippets_are_clean() {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirty = Vec::new();
    for name in ["railway", "flyio"] {
        let dir = manifest.join("../../shared/corpora").join(name);
        assert!(dir.is_dir(), "needs ../shared/corpora: {}", dir.display());
        let (index, _) = DocsIndex::from_dir(&dir).unwrap_or_else(|e| panic!("{e}"));
        let tsv = std::fs::read_to_string(manifest.join(format!("../bench/eval/{name}.tsv")))
            .unwrap_or_else(|e| panic!("{e}"));
        let questions = docs_index::eval::parse(&tsv).unwrap_or_else(|e| panic!("{e}"));
        for question in &questions {
            for hit in index.search(&question.text, 10).unwrap_or_default() {
                // Code samples legitimately hold `export`, pipes and tags; markup does not.
                let plain = hit.snippet.replace("**", "");
                let noisy = ["<%", "%>", "| --- |", "|---|", "{/*", "]("]
                    .iter()
                    .any(|noise| plain.contains(noise));
                if noisy || hit.snippet.chars().count() > MAX_CHARS {
                    dirty.push(format!("{name}/{}: {}", hit.path, hit.snippet));
                }
            }
        }
    }
    assert!(
        dirty.is_empty(),
        "{} dirty snippets:\n{}",
        dirty.len(),
        dirty.join("\n")
    );
}
