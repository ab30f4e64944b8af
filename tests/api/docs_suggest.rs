//! Small things an agent trips on: "did you mean" for unknown page paths, and `docs_list`'s
//! text carrying each page's description as its `structuredContent` does.

use serde_json::json;

use crate::helpers::{TestApp, call, is_error, text};

#[tokio::test]
async fn an_unknown_path_suggests_the_nearest_pages() {
    let app = TestApp::start().await;
    let client = app.client("/mcp/docs", None).await;
    for (tool, args, expected) in [
        ("docs_get_page", json!({"path": "api-key"}), "\"api-keys\""),
        (
            "fetch",
            json!({"id": "app/deploymnets"}),
            "\"app/deployments\"",
        ),
        (
            "docs_get_page",
            json!({"path": "/app/custom-domain.md"}),
            "\"app/custom-domains\"",
        ),
    ] {
        let r = call(&client, tool, args.clone()).await;
        assert!(is_error(&r), "{tool} {args}");
        let message = text(&r);
        assert!(
            message.contains("Did you mean") && message.contains(expected),
            "{tool} {args}: {message}"
        );
        // The suggestion really is a page.
        let path = expected.trim_matches('"');
        let ok = call(&client, "docs_get_page", json!({"path": path})).await;
        assert!(!is_error(&ok), "{path}: {}", text(&ok));
    }
}

#[tokio::test]
async fn docs_list_text_carries_each_description() {
    let app = TestApp::start().await;
    let client = app.client("/mcp/docs", None).await;
    let r = call(&client, "docs_list", json!({})).await;
    assert!(!is_error(&r), "{}", text(&r));
    let listing = text(&r);
    let pages = r
        .structured_content
        .as_ref()
        .and_then(|s| s.get("pages"))
        .and_then(|p| p.as_array())
        .cloned()
        .unwrap_or_default();
    assert!(pages.len() > 10);
    for page in &pages {
        let description = page["description"].as_str().unwrap_or_default();
        assert!(
            description.is_empty() || listing.contains(description),
            "{} description missing from the text",
            page["path"]
        );
    }
    assert!(listing.contains("api-keys"));
}
