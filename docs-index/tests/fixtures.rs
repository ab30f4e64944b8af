//! Loading, cleaning, lookup and checks over small pages written in the test.

#![allow(clippy::panic, clippy::indexing_slicing)]

use docs_index::DocsIndex;

fn fixture() -> Vec<(&'static str, &'static str)> {
    vec![
        (
            "app/deployments.md",
            "---\ntitle: Deployments\ndescription: \"How deploys work\"\n---\n\nimport Foo from '../components/foo'\n\nDeploys roll out your service.\n\n<Image\n  src=\"https://example.com/deploy.png\"\n  alt=\"Rollback button screenshot\"\n  width={1396} height={628}\n/>\n\n## Rolling back\n\nUse the <Banner variant=\"info\">rollback</Banner> menu. See [guide](../guides/rollback) and [missing](/nowhere/page#x) and [ok](/developers#intro) and [ext](https://example.com) and [top](#rolling-back).\n\n<GraphQLCodeTabs query={`mutation deploymentRollback($id: String!) { deploymentRollback(id: $id) }`} />\n",
        ),
        (
            "developers/index.mdx",
            "# Developers\n\nexport const meta = { a: 1 }\n\nWelcome, developers. Link to [deployments](app/deployments.md) is broken relative to this file.\n\n```js\nimport x from 'y'\n```\n",
        ),
        (
            "guides/rollback.html.md",
            "---\ntitle: Rollback guide\n---\nBody with <%= partial \"shared/note\" %> text.\n",
        ),
        (
            "guides/erb.html.markerb",
            "---\ntitle: ERB page\n---\n<% api = Foo.new(\n  x: 1\n) %>\n<%= render(api) do %>\nvisible curl sample\n<% end %>\n",
        ),
        (
            "guides/untitled.markdown",
            "No heading here, just volumes text.\n",
        ),
        (
            "guides/rollback.md",
            "---\ntitle: Duplicate\n---\nLoses to the .html.md file.\n",
        ),
        ("index.md", "# Home\nTop-level index page.\n"),
        (".hidden/secret.md", "# Secret\n"),
        ("node_modules/pkg/readme.md", "# Package\n"),
        ("assets/logo.png", "not a page"),
        (
            "broken.md",
            "---\ntitle: \"unterminated\n---\n# Fallback heading\nStill indexed.\n",
        ),
    ]
}

fn build() -> (DocsIndex, docs_index::LoadReport) {
    match DocsIndex::from_files(fixture()) {
        Ok(built) => built,
        Err(error) => panic!("fixture index failed: {error}"),
    }
}

#[test]
fn loads_expected_pages_sorted() {
    let (index, report) = build();
    let paths: Vec<&str> = index.pages().iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        vec![
            "app/deployments",
            "broken",
            "developers",
            "guides/erb",
            "guides/rollback",
            "guides/untitled",
            "index"
        ]
    );
    assert_eq!(report.skipped.len(), 1, "{:?}", report.skipped);
    assert_eq!(report.skipped[0].0, "guides/rollback.md");
    let rollback = index.page("guides/rollback");
    assert_eq!(rollback.map(|p| p.title.as_str()), Some("Rollback guide"));
}

#[test]
fn titles_descriptions_and_markdown() {
    let (index, _) = build();
    let Some(deployments) = index.page("app/deployments") else {
        panic!("missing page")
    };
    assert_eq!(deployments.title, "Deployments");
    assert_eq!(deployments.description, "How deploys work");
    assert!(
        deployments.markdown.starts_with("\nimport Foo"),
        "front matter must be stripped only"
    );
    assert_eq!(
        index.page("developers").map(|p| p.title.as_str()),
        Some("Developers")
    );
    assert_eq!(
        index.page("guides/untitled").map(|p| p.title.as_str()),
        Some("guides/untitled")
    );
    // Unreadable front matter degrades to text; the page survives.
    assert_eq!(
        index.page("broken").map(|p| p.title.as_str()),
        Some("Fallback heading")
    );
}

#[test]
fn indexed_text_is_clean() {
    let (index, _) = build();
    let Some(text) = index.indexed_text("app/deployments") else {
        panic!("missing page")
    };
    assert!(!text.contains("<Image"), "{text}");
    assert!(!text.contains("import Foo"), "{text}");
    assert!(!text.contains("<Banner"), "{text}");
    assert!(text.contains("Rollback button screenshot"), "{text}");
    assert!(text.contains("deploymentRollback(id: $id)"), "{text}");
    assert!(
        text.contains("rollback menu") || text.contains("rollback  menu"),
        "{text}"
    );
    let Some(erb) = index.indexed_text("guides/erb") else {
        panic!("missing page")
    };
    assert!(!erb.contains("<%"), "{erb}");
    assert!(!erb.contains("Foo.new"), "{erb}");
    assert!(erb.contains("visible curl sample"), "{erb}");
    let Some(dev) = index.indexed_text("developers") else {
        panic!("missing page")
    };
    assert!(!dev.contains("export const"), "{dev}");
    assert!(
        dev.contains("import x from 'y'"),
        "code fences keep their code: {dev}"
    );
}

#[test]
fn page_lookup_normalises_and_never_escapes() {
    let (index, _) = build();
    for input in [
        "app/deployments",
        "/app/deployments/",
        "app/deployments.md",
        "app/deployments.mdx",
        "app/deployments#rolling-back",
        "app/deployments?tab=1",
        "app%2Fdeployments",
        "developers/index",
        "developers/index.mdx",
        "guides/rollback.html.md",
        "index",
    ] {
        assert!(index.page(input).is_some(), "{input}");
    }
    for input in [
        "../etc/passwd",
        "/etc/passwd",
        "..%2F..%2Fetc%2Fpasswd",
        "app/../../x",
        "",
        ".hidden/secret",
        "node_modules/pkg/readme",
    ] {
        assert!(index.page(input).is_none(), "{input}");
    }
}

#[test]
fn search_finds_sections_with_snippets() {
    let (index, _) = build();
    let hits = match index.search("how do I roll back a deploy?", 5) {
        Ok(hits) => hits,
        Err(error) => panic!("{error}"),
    };
    // `roll back` is rejoined to `rollback`, so the rollback guide may lead.
    let top2: Vec<&str> = hits.iter().take(2).map(|h| h.path.as_str()).collect();
    assert!(
        top2.contains(&"app/deployments") && top2.contains(&"guides/rollback"),
        "{hits:?}"
    );
    let hits = index.search("rollback menu", 5).unwrap_or_default();
    let Some(deployments) = hits.iter().find(|h| h.path == "app/deployments") else {
        panic!("no hit on app/deployments: {hits:?}")
    };
    assert!(
        deployments.snippet.contains("**rollback** **menu**"),
        "{deployments:?}"
    );
    assert!(hits.iter().all(|h| h.path != "guides/rollback.md"));
    let hits = index.search("deploymentRollback", 5).unwrap_or_default();
    assert_eq!(
        hits.first().and_then(|h| h.anchor.as_deref()),
        Some("rolling-back")
    );
    assert_eq!(
        hits.first().and_then(|h| h.section.as_deref()),
        Some("Rolling back")
    );
}

#[test]
fn search_is_lenient() {
    let (index, _) = build();
    for query in [
        "",
        "   ",
        "\"unbalanced",
        "title:(foo AND",
        "a OR b NOT c",
        "*",
        "::::",
        "((()))",
        "🦀",
        "x^2~3",
    ] {
        assert!(index.search(query, 10).is_ok(), "{query}");
    }
    assert_eq!(index.search("  ", 10).map(|h| h.len()).ok(), Some(0));
    assert_eq!(index.search("deploy", 1).map(|h| h.len()).ok(), Some(1));
}

#[test]
fn check_reports_problems() {
    let (index, _) = build();
    let report = index.check();
    assert_eq!(report.pages, 7);
    assert!(report.untitled.contains(&"developers".to_string()));
    assert!(report.untitled.contains(&"guides/untitled".to_string()));
    assert!(!report.untitled.contains(&"app/deployments".to_string()));
    assert!(report.undescribed.contains(&"guides/rollback".to_string()));
    assert_eq!(
        report.broken_links,
        vec![
            ("app/deployments".to_string(), "/nowhere/page#x".to_string()),
            ("developers".to_string(), "app/deployments.md".to_string()),
        ]
    );
    assert_eq!(report.skipped.len(), 1);
}

#[test]
fn from_dir_skips_hidden_and_non_utf8() {
    let dir = std::env::temp_dir().join(format!("docs-index-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let write = |rel: &str, bytes: &[u8]| {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(path, bytes).unwrap_or_else(|e| panic!("{e}"));
    };
    write("a/index.md", b"# A\ntext");
    write("a/b.html.md", b"---\ntitle: B\n---\nbody");
    write(".git/c.md", b"# C");
    write("node_modules/d.md", b"# D");
    write("bad.md", b"\xff\xfe not utf8");
    write("readme.txt", b"not a page");
    let result = DocsIndex::from_dir(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    let (index, report) = result.unwrap_or_else(|e| panic!("{e}"));
    let paths: Vec<&str> = index.pages().iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, vec!["a", "a/b"]);
    assert_eq!(report.skipped.len(), 1);
    assert_eq!(report.skipped[0].0, "bad.md");
    assert!(DocsIndex::from_dir(std::path::Path::new("/definitely/not/here")).is_err());
}
