//! The docs pages as MCP resources through rmcp's client: list, read, the template, and
//! completion of its `path` argument.

use rmcp::model::{ReadResourceRequestParams, ResourceContents};

use crate::helpers::{TestApp, config, docs_fixture, url};

async fn fixture_app() -> (TestApp, tempfile::TempDir) {
    let dir = docs_fixture();
    let mut config = config();
    config.docs_dir = Some(dir.path().to_path_buf());
    config.docs_base_url = url("https://docs.example.test");
    let app = TestApp::spawn(config).await;
    (app, dir)
}

#[tokio::test]
async fn capabilities_declare_resources_and_completions() {
    let (app, _dir) = fixture_app().await;
    let client = app.client("/mcp/docs", None).await;
    let info = client.peer_info().unwrap();
    assert!(info.capabilities.resources.is_some());
    assert!(info.capabilities.completions.is_some());
    assert!(info.capabilities.prompts.is_none());
}

#[tokio::test]
async fn every_page_is_listed_and_readable_as_markdown() {
    let (app, _dir) = fixture_app().await;
    let client = app.client("/mcp/docs", None).await;
    let resources = client.list_all_resources().await.unwrap();
    let uris: Vec<&str> = resources.iter().map(|r| r.uri.as_str()).collect();
    assert_eq!(
        uris,
        [
            "hostless-docs://app/deployments",
            "hostless-docs://developers",
            "hostless-docs://guides/custom-domains"
        ]
    );
    let deployments = &resources[0];
    assert_eq!(deployments.name, "Deployments");
    assert_eq!(
        deployments.description.as_deref(),
        Some("Trigger and inspect deployments")
    );
    assert_eq!(deployments.mime_type.as_deref(), Some("text/markdown"));

    for resource in &resources {
        let read = client
            .read_resource(ReadResourceRequestParams::new(resource.uri.clone()))
            .await
            .unwrap();
        let [
            ResourceContents::TextResourceContents {
                uri,
                mime_type,
                text,
                ..
            },
        ] = read.contents.as_slice()
        else {
            panic!(
                "{}: one text content expected: {:?}",
                resource.uri, read.contents
            )
        };
        assert_eq!(uri, &resource.uri);
        assert_eq!(mime_type.as_deref(), Some("text/markdown"));
        assert!(!text.starts_with("---"), "front matter stripped");
    }
    let read = client
        .read_resource(ReadResourceRequestParams::new(
            "hostless-docs://app/deployments",
        ))
        .await
        .unwrap();
    let [ResourceContents::TextResourceContents { text, .. }] = read.contents.as_slice() else {
        panic!("text content expected")
    };
    assert!(text.contains("## Rollback") && text.contains("roll back"));
}

#[tokio::test]
async fn unknown_or_foreign_uris_are_resource_errors() {
    let (app, _dir) = fixture_app().await;
    let client = app.client("/mcp/docs", None).await;
    for uri in [
        "hostless-docs://no/such/page",
        "hostless-docs://../Cargo.toml",
        "file:///etc/passwd",
        "https://docs.example.test/developers",
    ] {
        let error = client
            .read_resource(ReadResourceRequestParams::new(uri))
            .await
            .unwrap_err();
        let message = error.to_string();
        assert!(
            message.contains("docs") || message.contains("resource"),
            "{uri}: {message}"
        );
        assert!(!message.contains("root:"), "{uri}");
    }
    // The client still works after the errors.
    assert_eq!(client.list_all_resources().await.unwrap().len(), 3);
}

#[tokio::test]
async fn the_template_completes_page_paths_prefix_first() {
    let (app, _dir) = fixture_app().await;
    let client = app.client("/mcp/docs", None).await;
    let templates = client.list_all_resource_templates().await.unwrap();
    assert_eq!(templates.len(), 1);
    assert_eq!(templates[0].uri_template, "hostless-docs://{+path}");
    assert_eq!(templates[0].mime_type.as_deref(), Some("text/markdown"));

    let complete = |value: &'static str| {
        let client = &client;
        async move {
            client
                .complete_resource_argument("hostless-docs://{+path}", "path", value, None)
                .await
                .unwrap()
        }
    };
    let all = complete("").await;
    assert_eq!(all.values.len(), 3);
    // `de` starts `developers` and sits inside the other two: the prefix match comes first.
    let de = complete("de").await;
    assert_eq!(
        de.values,
        ["developers", "app/deployments", "guides/custom-domains"]
    );
    assert_eq!(de.total, Some(3));
    assert_eq!(complete("/app").await.values, ["app/deployments"]);
    assert_eq!(complete("CUSTOM").await.values, ["guides/custom-domains"]);
    assert!(complete("zzz").await.values.is_empty());
}

#[tokio::test]
async fn completion_is_capped_at_one_hundred_paths() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..130 {
        std::fs::write(
            dir.path().join(format!("page-{i:03}.md")),
            format!("# Page {i}\n"),
        )
        .unwrap();
    }
    let mut config = config();
    config.docs_dir = Some(dir.path().to_path_buf());
    let app = TestApp::spawn(config).await;
    let client = app.client("/mcp/docs", None).await;
    let info = client
        .complete_resource_argument("hostless-docs://{+path}", "path", "page", None)
        .await
        .unwrap();
    assert_eq!(info.values.len(), 100);
    assert_eq!(info.total, Some(130));
    assert_eq!(info.has_more, Some(true));
    assert_eq!(client.list_all_resources().await.unwrap().len(), 130);
}
