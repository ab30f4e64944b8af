//! Link context (the sentences other pages link to a page from) is read from the pages'
//! Markdown on the first search: an index opened from `INDEX_DIR` must rank exactly as a
//! freshly built one, and a page described only by the links to it must rise.

#![allow(clippy::panic, clippy::indexing_slicing, clippy::unwrap_used)]

use std::fs;
use std::path::Path;

use docs_index::{DocsIndex, IndexOrigin, eval};

fn ranking(index: &DocsIndex, query: &str) -> Vec<(String, String)> {
    index
        .search(query, 10)
        .unwrap()
        .into_iter()
        .map(|hit| (hit.path, format!("{:.4}", hit.score)))
        .collect()
}

#[test]
fn an_opened_index_ranks_exactly_as_a_fresh_build() {
    let content = eval::repo_dir().join("content");
    let index_dir = tempfile::tempdir().unwrap();
    let (fresh, _) = DocsIndex::from_dir(&content).unwrap();
    DocsIndex::from_dir_in(&content, Some(index_dir.path())).unwrap();
    let (opened, report) = DocsIndex::from_dir_in(&content, Some(index_dir.path())).unwrap();
    assert_eq!(report.origin, IndexOrigin::Opened);
    for query in [
        "rotate an api key without downtime",
        "how do I use environment variables",
        "create a database",
        "connect claude desktop",
    ] {
        assert_eq!(ranking(&opened, query), ranking(&fresh, query), "{query}");
    }
}

fn write(dir: &Path, file: &str, text: &str) {
    fs::write(dir.join(file), text).unwrap();
}

#[test]
fn the_sentences_linking_to_a_page_describe_it() {
    let dir = tempfile::tempdir().unwrap();
    // Two pages equally about builds; only the links say which one skips unchanged folders.
    write(
        dir.path(),
        "watch.md",
        "# Build triggers\n\nConfigure build triggers for a service.\n",
    );
    write(
        dir.path(),
        "cache.md",
        "# Build caching\n\nConfigure build caching for a service.\n",
    );
    write(
        dir.path(),
        "guide.md",
        "# Monorepo guide\n\nSet up [build triggers](/watch) so a service skips deploys when \
         other folders change. Tune [build caching](/cache) for speed.\n",
    );
    let (index, _) = DocsIndex::from_dir(dir.path()).unwrap();
    let hits = index
        .search("configure build skip other folders", 3)
        .unwrap();
    let watch = hits.iter().position(|h| h.path == "watch").unwrap();
    let cache = hits.iter().position(|h| h.path == "cache").unwrap();
    assert!(watch < cache, "{hits:?}");
}
