//! Live reload (`DOCS_DIR` + `--watch`): an edited, a new and a deleted page are served
//! without a restart, a page that cannot be read is skipped while the rest stays served,
//! and `/health` counts the live pages. Also `INDEX_DIR` through the server.

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::helpers::{Client, TestApp, call, config, docs_fixture, is_error};

/// The spec allows 2 s; the bound here is looser so a loaded test machine does not fail
/// the test, and the time each change took is printed.
const DEADLINE: Duration = Duration::from_secs(6);

async fn search_paths(client: &Client, query: &str) -> Vec<String> {
    let result = call(client, "search", json!({ "query": query })).await;
    let structured = result.structured_content.unwrap_or(Value::Null);
    structured["results"]
        .as_array()
        .map(|hits| {
            hits.iter()
                .filter_map(|h| h["id"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

async fn page_exists(client: &Client, path: &str) -> bool {
    !is_error(&call(client, "docs_get_page", json!({ "path": path })).await)
}

async fn health_pages(app: &TestApp) -> u64 {
    let health: Value = app
        .http
        .get(app.url("/health"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    health["docsPages"].as_u64().unwrap()
}

/// Polls `check` until it holds; returns how long that took.
async fn within_deadline<F, Fut>(what: &str, mut check: F) -> Duration
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let started = Instant::now();
    while !check().await {
        assert!(
            started.elapsed() < DEADLINE,
            "{what}: not served after {DEADLINE:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let took = started.elapsed();
    eprintln!("{what}: served after {took:?}");
    took
}

fn write(dir: &Path, file: &str, text: &[u8]) {
    let path = dir.join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[tokio::test]
async fn edits_new_pages_and_deletions_are_served_without_a_restart() {
    let dir = docs_fixture();
    let index_dir = tempfile::tempdir().unwrap();
    let mut config = config();
    config.docs_dir = Some(dir.path().to_path_buf());
    config.index_dir = Some(index_dir.path().to_path_buf());
    config.docs_watch = true;
    let app = TestApp::spawn(config).await;
    let client = app.client("/mcp/docs", None).await;
    assert!(search_paths(&client, "zanzibar").await.is_empty());
    assert_eq!(health_pages(&app).await, 3);

    // An edit.
    write(
        dir.path(),
        "developers.md",
        b"---\ntitle: Developers\n---\n# Developers\n\nKeys are minted in Zanzibar.\n",
    );
    within_deadline("an edited page", || async {
        search_paths(&client, "zanzibar").await == ["developers"]
    })
    .await;

    // A new page, and next to it one that cannot be read: that one is skipped, the rest
    // stays served.
    write(
        dir.path(),
        "guides/quokkas.md",
        b"# Quokkas\n\nEverything about quokkas.\n",
    );
    write(dir.path(), "guides/broken.md", &[0xff, 0xfe, 0xfd]);
    within_deadline("a new page", || async {
        page_exists(&client, "guides/quokkas").await
    })
    .await;
    assert_eq!(search_paths(&client, "quokkas").await, ["guides/quokkas"]);
    assert!(!page_exists(&client, "guides/broken").await);
    assert!(page_exists(&client, "app/deployments").await);
    assert_eq!(health_pages(&app).await, 4);
    let resources = client.list_all_resources().await.unwrap();
    assert!(
        resources
            .iter()
            .any(|r| r.uri == "hostless-docs://guides/quokkas")
    );

    // A deletion.
    std::fs::remove_file(dir.path().join("app/deployments.mdx")).unwrap();
    within_deadline("a deleted page", || async {
        !page_exists(&client, "app/deployments").await
    })
    .await;
    assert!(search_paths(&client, "rollback").await.is_empty());
    assert_eq!(health_pages(&app).await, 3);
}

#[tokio::test]
async fn a_saved_index_serves_the_same_docs_on_the_next_start() {
    let dir = docs_fixture();
    let index_dir = tempfile::tempdir().unwrap();
    let mut config = config();
    config.docs_dir = Some(dir.path().to_path_buf());
    config.index_dir = Some(index_dir.path().to_path_buf());

    let first = TestApp::spawn(config.clone()).await;
    let client = first.client("/mcp/docs", None).await;
    let before = search_paths(&client, "custom domain").await;
    assert_eq!(
        before.first().map(String::as_str),
        Some("guides/custom-domains")
    );
    assert!(index_dir.path().join(docs_index::INDEX_FILE_NAME).is_file());

    let second = TestApp::spawn(config).await;
    let client = second.client("/mcp/docs", None).await;
    assert_eq!(search_paths(&client, "custom domain").await, before);
    assert_eq!(health_pages(&second).await, 3);
}
