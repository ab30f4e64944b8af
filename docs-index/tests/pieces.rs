//! Reading pages in pieces over the real `content/` folder: sections, offsets, and the
//! anchors search hits carry.

#![allow(clippy::panic, clippy::indexing_slicing, clippy::unwrap_used)]

use std::collections::HashSet;
use std::path::Path;

use docs_index::{DocsIndex, piece};

fn content() -> DocsIndex {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../content"));
    match DocsIndex::from_dir(dir) {
        Ok((index, _)) => index,
        Err(error) => panic!("cannot index {}: {error}", dir.display()),
    }
}

/// Reads `text` piece by piece as a client would, following `next_offset`.
fn read_all(text: &str, max_chars: usize) -> String {
    let (mut out, mut offset) = (String::new(), 0);
    loop {
        let p = piece(text, offset, max_chars).unwrap();
        assert!(p.text.chars().count() <= max_chars);
        out.push_str(p.text);
        match p.next_offset {
            Some(next) => offset = next,
            None => return out,
        }
    }
}

#[test]
fn every_page_and_section_reassembles_from_its_pieces() {
    let index = content();
    let longest = index
        .pages()
        .iter()
        .max_by_key(|p| p.markdown.len())
        .unwrap();
    assert!(
        longest.markdown.chars().count() > 20_000,
        "a page long enough to cut"
    );
    for page in index.pages() {
        assert_eq!(
            read_all(&page.markdown, 500),
            page.markdown,
            "{}",
            page.path
        );
        for heading in &page.toc {
            let text = page.section_text(heading);
            assert_eq!(
                read_all(text, 700),
                text,
                "{}#{}",
                page.path,
                heading.anchor
            );
        }
    }
}

#[test]
fn outlines_have_unique_anchors_and_sections_start_at_their_heading() {
    let index = content();
    for page in index.pages() {
        let mut seen = HashSet::new();
        for heading in &page.toc {
            assert!(
                seen.insert(heading.anchor.clone()),
                "{}#{}",
                page.path,
                heading.anchor
            );
            let text = page.section_text(heading);
            assert!(
                text.starts_with('#'),
                "{}#{}: {text:.40}",
                page.path,
                heading.anchor
            );
            assert!(text.contains(heading.title.split(' ').next().unwrap_or_default()));
            for later in page
                .toc
                .iter()
                .filter(|h| h.start > heading.start && h.start < heading.end)
            {
                assert!(
                    later.level > heading.level,
                    "{}#{} runs past a peer",
                    page.path,
                    heading.anchor
                );
            }
            assert_eq!(page.section(&heading.anchor), Some(heading));
        }
    }
    let keys = index.page("api-keys").unwrap();
    assert!(!keys.toc.is_empty());
}

#[test]
fn section_hits_carry_anchors_the_page_resolves() {
    let index = content();
    let mut anchored = 0;
    for query in [
        "create an api key",
        "rollback a deployment",
        "rate limits",
        "custom domain dns",
        "environment variables",
        "oauth consent",
        "database backups",
        "cron schedule",
    ] {
        for hit in index.search(query, 10).unwrap() {
            let Some(anchor) = hit.anchor else { continue };
            anchored += 1;
            let page = index.page(&hit.path).unwrap();
            let heading = page
                .section(&anchor)
                .unwrap_or_else(|| panic!("{query}: {}#{anchor} does not resolve", hit.path));
            assert_eq!(Some(heading.title.clone()), hit.section, "{query}");
        }
    }
    assert!(anchored >= 10, "only {anchored} section hits");
}
