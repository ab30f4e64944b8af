//! The five docs tools through rmcp's client: list, shapes, happy paths, every error.

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

async fn docs_client(app: &TestApp) -> Client {
    app.client("/mcp/docs", None).await
}

#[tokio::test]
async fn lists_exactly_five_read_only_tools_with_exact_chatgpt_schemas() {
    let app = TestApp::start().await;
    let client = docs_client(&app).await;
    let tools = client.list_all_tools().await.unwrap();
    let mut names: Vec<&str> = tools.iter().map(|t| t.name.as_ref()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "docs_get_page",
            "docs_list",
            "docs_search",
            "fetch",
            "search"
        ]
    );
    for tool in &tools {
        let a = tool.annotations.as_ref().expect("annotations");
        assert_eq!(a.read_only_hint, Some(true), "{}", tool.name);
        assert!(tool.description.as_ref().is_some_and(|d| d.len() > 30));
        assert!(
            tool.output_schema.is_some(),
            "{} has an outputSchema",
            tool.name
        );
    }
    let schema = |name: &str| -> Value {
        Value::Object(
            tools
                .iter()
                .find(|t| t.name == name)
                .unwrap()
                .input_schema
                .as_ref()
                .clone(),
        )
    };
    let search = schema("search");
    assert_eq!(
        search["properties"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        ["query"]
    );
    assert_eq!(search["properties"]["query"]["type"], "string");
    assert_eq!(search["required"], json!(["query"]));
    let fetch = schema("fetch");
    assert_eq!(
        fetch["properties"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        ["id"]
    );
    assert_eq!(fetch["required"], json!(["id"]));
    let docs_search = schema("docs_search");
    assert_eq!(docs_search["properties"]["limit"]["maximum"], 50);
}

#[tokio::test]
async fn embedded_docs_hold_the_required_pages() {
    let app = TestApp::start().await;
    let client = docs_client(&app).await;
    for path in ["developers", "app/deployments"] {
        let r = call(&client, "docs_get_page", json!({"path": path})).await;
        assert!(!is_error(&r), "{path}: {}", text(&r));
        let s = r.structured_content.unwrap();
        assert_eq!(s["url"], format!("https://web.hostless.cloud/{path}"));
        assert!(
            !s["text"].as_str().unwrap().starts_with("---"),
            "front matter stripped"
        );
    }
}

#[tokio::test]
async fn search_returns_ids_titles_urls_as_text_and_structured() {
    let (app, _dir) = fixture_app().await;
    let client = docs_client(&app).await;
    let r = call(
        &client,
        "search",
        json!({"query": "  how do I add a custom domain  "}),
    )
    .await;
    assert!(!is_error(&r), "{}", text(&r));
    assert_eq!(r.content.len(), 1);
    let structured = r.structured_content.clone().unwrap();
    let from_text: Value = serde_json::from_str(&text(&r)).unwrap();
    assert_eq!(from_text, structured, "text holds the same JSON");
    let results = structured["results"].as_array().unwrap();
    assert!(!results.is_empty() && results.len() <= 10);
    assert_eq!(results[0]["id"], "guides/custom-domains");
    assert_eq!(results[0]["title"], "Custom domains");
    assert_eq!(
        results[0]["url"],
        "https://docs.example.test/guides/custom-domains"
    );
    for hit in results {
        assert_eq!(hit.as_object().unwrap().len(), 3);
    }
}

#[tokio::test]
async fn fetch_returns_the_page_with_string_metadata() {
    let (app, _dir) = fixture_app().await;
    let client = docs_client(&app).await;
    let r = call(&client, "fetch", json!({"id": "app/deployments"})).await;
    assert!(!is_error(&r), "{}", text(&r));
    let s = r.structured_content.clone().unwrap();
    assert_eq!(serde_json::from_str::<Value>(&text(&r)).unwrap(), s);
    assert_eq!(s["id"], "app/deployments");
    assert_eq!(s["title"], "Deployments");
    assert_eq!(s["url"], "https://docs.example.test/app/deployments");
    let body = s["text"].as_str().unwrap();
    assert!(body.contains("## Rollback"));
    assert!(
        !body.contains("title: Deployments"),
        "front matter stripped"
    );
    for (_, v) in s["metadata"].as_object().unwrap() {
        assert!(v.is_string());
    }
    assert_eq!(
        s["metadata"]["description"],
        "Trigger and inspect deployments"
    );
}

#[tokio::test]
async fn docs_search_ranks_with_snippets_and_respects_limit() {
    let (app, _dir) = fixture_app().await;
    let client = docs_client(&app).await;
    let r = call(
        &client,
        "docs_search",
        json!({"query": "rerun deployment build logs", "limit": 1}),
    )
    .await;
    assert!(!is_error(&r), "{}", text(&r));
    let s = r.structured_content.clone().unwrap();
    assert_eq!(s["query"], "rerun deployment build logs");
    let results = s["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["path"], "app/deployments");
    assert!(
        results[0]["snippet"].as_str().unwrap().contains("**"),
        "terms marked"
    );
    assert!(text(&r).contains("app/deployments"));

    let r = call(&client, "docs_search", json!({"query": "zzzqqq unmatched"})).await;
    assert!(!is_error(&r));
    assert!(text(&r).starts_with("No results"));
}

#[tokio::test]
async fn get_page_accepts_every_documented_path_form() {
    let (app, _dir) = fixture_app().await;
    let client = docs_client(&app).await;
    for form in [
        "app/deployments",
        "/app/deployments",
        "app/deployments/",
        "app/deployments.md",
        "app/deployments.mdx",
        "https://docs.example.test/app/deployments",
        "http://docs.example.test/app/deployments",
        "app/deployments#rollback",
    ] {
        let r = call(&client, "docs_get_page", json!({"path": form})).await;
        assert!(!is_error(&r), "{form}: {}", text(&r));
        assert_eq!(
            r.structured_content.unwrap()["path"],
            "app/deployments",
            "{form}"
        );
    }
    let r = call(
        &client,
        "docs_get_page",
        json!({"path": "guides/custom-domains/index"}),
    )
    .await;
    assert!(!is_error(&r), "{}", text(&r));
}

#[tokio::test]
async fn no_reference_reads_outside_the_index() {
    let (app, _dir) = fixture_app().await;
    let client = docs_client(&app).await;
    for bad in [
        "../Cargo.toml",
        "../../etc/passwd",
        "/etc/passwd",
        "app/../../../etc/passwd",
        "..%2F..%2Fetc%2Fpasswd",
        "%2e%2e/%2e%2e/etc/passwd",
        "https://evil.example/etc/passwd",
        "file:///etc/passwd",
        "C:\\Windows\\win.ini",
    ] {
        for (tool, key) in [("docs_get_page", "path"), ("fetch", "id")] {
            let r = call(&client, tool, json!({key: bad})).await;
            assert!(is_error(&r), "{tool} {bad}");
            assert!(!text(&r).contains("root:"), "{tool} {bad}");
        }
    }
}

#[tokio::test]
async fn every_bad_input_is_an_actionable_tool_error() {
    let (app, _dir) = fixture_app().await;
    let client = docs_client(&app).await;
    let cases = [
        ("search", json!({"query": ""}), "empty"),
        ("search", json!({"query": "   "}), "empty"),
        ("search", json!({}), "query"),
        ("search", json!({"query": 5}), "string"),
        ("docs_search", json!({"query": "\n\t"}), "empty"),
        (
            "docs_search",
            json!({"query": "x", "limit": 0}),
            "between 1 and 50",
        ),
        (
            "docs_search",
            json!({"query": "x", "limit": 51}),
            "between 1 and 50",
        ),
        ("fetch", json!({"id": ""}), "empty"),
        ("fetch", json!({"id": "no/such/page"}), "docs_list"),
        ("docs_get_page", json!({"path": " "}), "empty"),
        ("docs_get_page", json!({"path": "nope"}), "docs_search"),
        (
            "docs_get_page",
            json!({"path": "nope.md"}),
            "no documentation page",
        ),
        ("docs_list", json!({"prefix": "nothing/here"}), "prefix"),
    ];
    for (tool, args, needle) in cases {
        let r = call(&client, tool, args.clone()).await;
        assert!(is_error(&r), "{tool} {args}: {}", text(&r));
        assert!(text(&r).contains(needle), "{tool} {args}: {}", text(&r));
    }
    let long = "word ".repeat(400);
    let r = call(&client, "search", json!({"query": long})).await;
    assert!(is_error(&r) && text(&r).contains("too long"));
}

#[tokio::test]
async fn docs_list_lists_every_page_and_filters_by_prefix() {
    let (app, _dir) = fixture_app().await;
    let client = docs_client(&app).await;
    let r = call(&client, "docs_list", json!({})).await;
    let pages = r.structured_content.clone().unwrap()["pages"]
        .as_array()
        .unwrap()
        .clone();
    let paths: Vec<&str> = pages.iter().map(|p| p["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        ["app/deployments", "developers", "guides/custom-domains"]
    );
    assert_eq!(pages[1]["description"], "API keys and the REST API");
    assert!(text(&r).starts_with("3 page(s)"));
    let r = call(&client, "docs_list", json!({"prefix": "/app"})).await;
    assert_eq!(
        r.structured_content.unwrap()["pages"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn unknown_tool_is_a_protocol_error_not_a_crash() {
    let (app, _dir) = fixture_app().await;
    let body = app
        .rpc(
            "/mcp/docs",
            "tools/call",
            json!({"name": "nope", "arguments": {}}),
            &[],
        )
        .await;
    assert_eq!(body["error"]["code"], -32602);
}
