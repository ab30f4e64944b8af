//! `docs_get_page` read in pieces, as an agent with a context budget reads: sections by
//! anchor or heading, offsets that reassemble the page exactly, and anchors in hit URLs.

use serde_json::{Value, json};

use crate::helpers::{Client, TestApp, call, config, docs_fixture, is_error, text, url};

async fn fixture_app() -> (TestApp, tempfile::TempDir) {
    let dir = docs_fixture();
    let mut config = config();
    config.docs_dir = Some(dir.path().to_path_buf());
    config.docs_base_url = url("https://docs.example.test");
    let app = TestApp::spawn(config).await;
    (app, dir)
}

async fn get_page(client: &Client, args: Value) -> Value {
    let r = call(client, "docs_get_page", args.clone()).await;
    assert!(!is_error(&r), "{args}: {}", text(&r));
    r.structured_content.unwrap()
}

#[tokio::test]
async fn a_long_page_read_in_pieces_reassembles_exactly() {
    let app = TestApp::start().await;
    let client = app.client("/mcp/docs", None).await;
    let path = "mcp/platform-tools";
    let whole = call(&client, "fetch", json!({"id": path})).await;
    let whole = whole.structured_content.unwrap()["text"]
        .as_str()
        .unwrap()
        .to_string();
    let total = whole.chars().count();
    assert!(
        total > 20_000,
        "the page is long enough to be cut by default"
    );

    // The default piece is cut, says so, and tells how to go on.
    let r = call(&client, "docs_get_page", json!({"path": path})).await;
    let first = r.structured_content.clone().unwrap();
    assert_eq!(first["totalChars"], total);
    assert_eq!(first["offset"], 0);
    assert!(first["section"].is_null());
    let next = first["nextOffset"].as_u64().unwrap();
    assert!(next <= 20_000 && next > 10_000, "{next}");
    let note = text(&r);
    let last_line = note.lines().last().unwrap();
    assert!(
        last_line.contains(&format!("offset {next}")) && last_line.contains(path),
        "{last_line}"
    );
    assert!(!first["toc"].as_array().unwrap().is_empty());

    let mut read = String::new();
    let mut offset = 0;
    let mut calls = 0;
    loop {
        let piece = get_page(
            &client,
            json!({"path": path, "offset": offset, "maxChars": 3000}),
        )
        .await;
        let chunk = piece["text"].as_str().unwrap();
        assert!(chunk.chars().count() <= 3000);
        assert_eq!(piece["offset"], offset);
        read.push_str(chunk);
        calls += 1;
        match piece["nextOffset"].as_u64() {
            Some(n) => offset = n,
            None => break,
        }
    }
    assert_eq!(read, whole, "pieces concatenate to the page");
    assert!(calls >= total / 3000, "{calls} calls");
}

#[tokio::test]
async fn a_section_is_chosen_by_anchor_heading_or_url_fragment() {
    let (app, _dir) = fixture_app().await;
    let client = app.client("/mcp/docs", None).await;
    let whole = get_page(&client, json!({"path": "app/deployments"})).await;
    assert_eq!(
        whole["toc"],
        json!([
            {"anchor": "deployments", "title": "Deployments", "level": 1},
            {"anchor": "rollback", "title": "Rollback", "level": 2}
        ])
    );
    assert!(whole["nextOffset"].is_null());
    for args in [
        json!({"path": "app/deployments", "section": "rollback"}),
        json!({"path": "app/deployments", "section": "Rollback"}),
        json!({"path": "app/deployments#rollback"}),
        json!({"path": "https://docs.example.test/app/deployments#rollback"}),
    ] {
        let s = get_page(&client, args.clone()).await;
        assert_eq!(s["section"], "rollback", "{args}");
        assert_eq!(
            s["text"], "## Rollback\n\nRerun an earlier deployment to roll back.\n",
            "{args}"
        );
        assert_eq!(s["totalChars"], s["text"].as_str().unwrap().chars().count());
        assert_eq!(
            s["url"],
            "https://docs.example.test/app/deployments#rollback"
        );
        assert_eq!(s["toc"], whole["toc"], "the toc is always the whole page's");
    }
    // A level-1 section runs over the level-2 one under it.
    let top = get_page(
        &client,
        json!({"path": "app/deployments", "section": "deployments"}),
    )
    .await;
    assert!(top["text"].as_str().unwrap().starts_with("# Deployments"));
    assert!(top["text"].as_str().unwrap().contains("## Rollback"));
}

#[tokio::test]
async fn bad_sections_and_bounds_are_actionable_tool_errors() {
    let (app, _dir) = fixture_app().await;
    let client = app.client("/mcp/docs", None).await;
    let cases = [
        (
            json!({"path": "app/deployments", "section": "nope"}),
            "rollback",
        ),
        (
            json!({"path": "app/deployments#nope"}),
            "deployments, rollback",
        ),
        (
            json!({"path": "app/deployments", "maxChars": 499}),
            "between 500 and 100000",
        ),
        (
            json!({"path": "app/deployments", "maxChars": 100_001}),
            "between 500 and 100000",
        ),
        (
            json!({"path": "app/deployments", "offset": -1}),
            "0 or more",
        ),
        (
            json!({"path": "app/deployments", "offset": 100_000}),
            "past the end",
        ),
    ];
    for (args, needle) in cases {
        let r = call(&client, "docs_get_page", args.clone()).await;
        assert!(is_error(&r), "{args}: {}", text(&r));
        assert!(text(&r).contains(needle), "{args}: {}", text(&r));
    }
}

#[tokio::test]
async fn section_hits_link_to_anchors_that_get_page_accepts() {
    let (app, _dir) = fixture_app().await;
    let client = app.client("/mcp/docs", None).await;
    let query = "roll back to an earlier deployment";
    let r = call(&client, "docs_search", json!({"query": query})).await;
    let hits = r.structured_content.unwrap()["results"]
        .as_array()
        .unwrap()
        .clone();
    let hit = hits
        .iter()
        .find(|h| h["path"] == "app/deployments")
        .unwrap();
    assert_eq!(hit["anchor"], "rollback");
    assert_eq!(
        hit["url"],
        "https://docs.example.test/app/deployments#rollback"
    );
    let r = call(&client, "search", json!({"query": query})).await;
    let results = r.structured_content.unwrap()["results"]
        .as_array()
        .unwrap()
        .clone();
    let result = results
        .iter()
        .find(|h| h["id"] == "app/deployments")
        .unwrap();
    assert_eq!(result["url"], hit["url"]);

    // Both ways back: the anchor as `section`, and the URL itself as `path`.
    for args in [
        json!({"path": hit["path"], "section": hit["anchor"]}),
        json!({"path": hit["url"]}),
    ] {
        let page = get_page(&client, args).await;
        assert_eq!(page["section"], "rollback");
        assert!(page["text"].as_str().unwrap().starts_with("## Rollback"));
    }
    // A hit at the top of a page has no anchor and a bare URL.
    let r = call(&client, "docs_search", json!({"query": "CNAME record"})).await;
    let top = r.structured_content.unwrap()["results"][0].clone();
    assert_eq!(top["path"], "guides/custom-domains");
    assert!(top.get("anchor").is_none());
    assert_eq!(
        top["url"],
        "https://docs.example.test/guides/custom-domains"
    );
}
