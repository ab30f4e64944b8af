//! Links as a ranking signal: the page that guides and twins link to is the one served first.

#![allow(clippy::panic, clippy::indexing_slicing)]

use docs_index::DocsIndex;

fn paths(index: &DocsIndex, query: &str) -> Vec<String> {
    index
        .search(query, 5)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|hit| hit.path)
        .collect()
}

/// A long guide that repeats the topic in every section, and the short reference page it
/// links to (as docs sites do, under a `/docs/` prefix the files lack).
fn corpus(linked: bool) -> Vec<(String, String)> {
    let link = if linked {
        "See [connection pooling](/docs/databases/pooling/) for every setting."
    } else {
        "See the settings page for every setting."
    };
    let section = "PgBouncer connection pooling keeps Postgres connection counts low; pooling \
                   reuses connections between requests.";
    let mut guide =
        String::from("---\ntitle: Add connection pooling to Postgres with PgBouncer\n---\n\n");
    for step in 1..=6 {
        guide.push_str(&format!("## Step {step}\n\n{section} {link}\n\n"));
    }
    let mut files = vec![
        ("guides/pooling-walkthrough.md".to_string(), guide),
        (
            "databases/pooling.md".to_string(),
            "---\ntitle: Connection pooling with PgBouncer\n---\n\nRun PgBouncer next to your Postgres \
             database for connection pooling.\n"
                .to_string(),
        ),
    ];
    for n in 0..4 {
        files.push((
            format!("other/page-{n}.md"),
            if linked {
                format!("# Unrelated {n}\n\nVolumes keep files. See [PgBouncer](../databases/pooling.md).\n")
            } else {
                format!("# Unrelated {n}\n\nVolumes keep files.\n")
            },
        ));
    }
    files
}

#[test]
fn the_page_a_guide_links_to_ranks_above_the_guide() {
    let (index, _) = DocsIndex::from_files(corpus(true)).unwrap_or_else(|e| panic!("{e}"));
    let hits = paths(&index, "connection pooling for postgres");
    assert_eq!(
        hits.first().map(String::as_str),
        Some("databases/pooling"),
        "{hits:?}"
    );
    assert!(hits.contains(&"guides/pooling-walkthrough".to_string()));
}

/// The control: the same pages without links rank the long guide first, so it is the links
/// that lift the reference page above.
#[test]
fn without_links_the_long_guide_ranks_first() {
    let (index, _) = DocsIndex::from_files(corpus(false)).unwrap_or_else(|e| panic!("{e}"));
    let hits = paths(&index, "connection pooling for postgres");
    assert_eq!(
        hits.first().map(String::as_str),
        Some("guides/pooling-walkthrough"),
        "{hits:?}"
    );
    assert!(hits.contains(&"databases/pooling".to_string()), "{hits:?}");
}
