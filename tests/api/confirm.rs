//! Destructive calls against the sandbox (SPEC §5.6): without `confirm` a delete changes
//! nothing and answers with a preview and a token; with the token it deletes; a stale,
//! altered or other-call token is refused; `X-MCP-Confirm: off` and `?confirm=off` delete
//! at once.

use std::collections::HashMap;
use std::time::Duration;

use hostless_mcp::config::Config;
use hostless_mcp::sandbox::{OWNER_PROJECT_ID, Sandbox};
use rmcp::ServiceExt;
use rmcp::model::CallToolResult;
use rmcp::transport::StreamableHttpClientTransport;
use rmcp::transport::streamable_http_client::StreamableHttpClientTransportConfig;
use serde_json::{Value, json};

use crate::helpers::{Client, TestApp, call, config, is_error, text, url};

/// Calls a destructive tool the way an agent would after the user agreed: the preview,
/// then the same call with its `confirm` token. Other tools are called once.
pub async fn call_confirmed(client: &Client, tool: &str, args: Value) -> CallToolResult {
    let first = call(client, tool, args.clone()).await;
    let Some(token) = first
        .structured_content
        .as_ref()
        .filter(|s| s["confirmationRequired"] == true)
        .and_then(|s| s["confirm"].as_str())
    else {
        return first;
    };
    let mut args = args;
    args["confirm"] = json!(token);
    call(client, tool, args).await
}

struct World {
    app: TestApp,
    sandbox: Sandbox,
}

impl World {
    async fn start() -> Self {
        Self::with(config()).await
    }

    async fn with(mut config: Config) -> Self {
        let (sandbox, base) = crate::helpers::spawn_sandbox(7).await;
        config.api_base_url = url(&base);
        let app = TestApp::spawn(config).await;
        Self { app, sandbox }
    }

    fn key(&self) -> String {
        self.sandbox.key("full").unwrap().token.clone()
    }

    async fn client_at(&self, path: &str, headers: &[(&'static str, &str)]) -> Client {
        let mut map = HashMap::new();
        map.insert(
            reqwest::header::AUTHORIZATION,
            reqwest::header::HeaderValue::from_str(&self.key()).unwrap(),
        );
        for (name, value) in headers {
            map.insert(
                reqwest::header::HeaderName::from_static(name),
                reqwest::header::HeaderValue::from_str(value).unwrap(),
            );
        }
        let transport = StreamableHttpClientTransport::from_config(
            StreamableHttpClientTransportConfig::with_uri(self.app.url(path)).custom_headers(map),
        );
        ().serve(transport).await.unwrap()
    }

    async fn client(&self) -> Client {
        self.client_at("/mcp?toolsets=all", &[]).await
    }

    async fn new_app(&self, client: &Client, name: &str) {
        let r = call(
            client,
            "apps_create",
            json!({"projectId": OWNER_PROJECT_ID, "name": name}),
        )
        .await;
        assert!(!is_error(&r), "{}", text(&r));
    }
}

async fn exists(client: &Client, name: &str) -> bool {
    let r = call(client, "apps_get", json!({"appName": name})).await;
    if is_error(&r) {
        assert!(text(&r).contains("404"), "{}", text(&r));
    }
    !is_error(&r)
}

fn token(preview: &CallToolResult) -> String {
    preview.structured_content.as_ref().unwrap()["confirm"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn a_delete_without_confirm_previews_and_changes_nothing_then_deletes_with_it() {
    let world = World::start().await;
    let client = world.client().await;
    world.new_app(&client, "doomed").await;

    let preview = call(&client, "apps_delete", json!({"appName": "doomed"})).await;
    assert!(!is_error(&preview), "{}", text(&preview));
    let s = preview.structured_content.clone().unwrap();
    assert_eq!(s["confirmationRequired"], true);
    assert_eq!(s["request"]["method"], "DELETE");
    assert_eq!(s["request"]["path"], "/v1/apps/doomed");
    assert_eq!(s["currentFrom"], "GET /v1/apps/doomed");
    assert_eq!(s["current"]["name"], "doomed", "the preview shows the app");
    assert_eq!(s["expiresInSeconds"], 300);
    let t = text(&preview);
    assert!(t.contains("Nothing has been changed"), "{t}");
    assert!(
        t.contains(&token(&preview)),
        "the text carries the token: {t}"
    );
    assert!(exists(&client, "doomed").await, "the preview deleted it");

    let deleted = call(
        &client,
        "apps_delete",
        json!({"appName": "doomed", "confirm": token(&preview)}),
    )
    .await;
    assert!(!is_error(&deleted), "{}", text(&deleted));
    assert!(
        deleted.structured_content.as_ref().unwrap()["confirm"].is_null(),
        "the confirmed call ran: {}",
        text(&deleted)
    );
    assert!(
        !exists(&client, "doomed").await,
        "still there after confirm"
    );
}

#[tokio::test]
async fn altered_and_other_call_tokens_are_refused() {
    let world = World::start().await;
    let client = world.client().await;
    world.new_app(&client, "keep-a").await;
    world.new_app(&client, "keep-b").await;
    let preview = call(&client, "apps_delete", json!({"appName": "keep-a"})).await;
    let good = token(&preview);

    let mut altered = good.clone().into_bytes();
    let last = altered.len() - 1;
    altered[last] = if altered[last] == b'A' { b'B' } else { b'A' };
    let altered = String::from_utf8(altered).unwrap();
    let (expiry, tag) = good.split_once('.').unwrap();
    let later = format!("{}.{tag}", expiry.parse::<u64>().unwrap() + 3600);
    for bad in [altered.as_str(), later.as_str(), "not-a-token"] {
        let r = call(
            &client,
            "apps_delete",
            json!({"appName": "keep-a", "confirm": bad}),
        )
        .await;
        assert!(is_error(&r), "{bad}: {}", text(&r));
        assert!(text(&r).contains("Nothing was changed"), "{}", text(&r));
    }
    // The token of keep-a does not delete keep-b, nor serve another tool.
    let r = call(
        &client,
        "apps_delete",
        json!({"appName": "keep-b", "confirm": good}),
    )
    .await;
    assert!(is_error(&r), "{}", text(&r));
    assert!(text(&r).contains("different call"), "{}", text(&r));
    let r = call(
        &client,
        "sites_delete",
        json!({"siteName": "keep-a", "confirm": good}),
    )
    .await;
    assert!(is_error(&r), "{}", text(&r));
    // A non-string token is a tool error too.
    let r = call(
        &client,
        "apps_delete",
        json!({"appName": "keep-a", "confirm": 12}),
    )
    .await;
    assert!(is_error(&r), "{}", text(&r));
    assert!(exists(&client, "keep-a").await && exists(&client, "keep-b").await);
}

#[tokio::test]
async fn a_stale_token_is_refused() {
    let mut config = config();
    config.confirm_ttl = Duration::from_secs(1);
    let world = World::with(config).await;
    let client = world.client().await;
    world.new_app(&client, "old-news").await;
    let preview = call(&client, "apps_delete", json!({"appName": "old-news"})).await;
    let good = token(&preview);
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let r = call(
        &client,
        "apps_delete",
        json!({"appName": "old-news", "confirm": good}),
    )
    .await;
    assert!(is_error(&r), "{}", text(&r));
    assert!(text(&r).contains("expired"), "{}", text(&r));
    assert!(exists(&client, "old-news").await);
}

#[tokio::test]
async fn confirm_off_by_header_or_query_deletes_at_once() {
    let world = World::start().await;
    let setup = world.client().await;
    world.new_app(&setup, "by-header").await;
    world.new_app(&setup, "by-query").await;

    let client = world
        .client_at("/mcp?toolsets=all", &[("x-mcp-confirm", "off")])
        .await;
    let r = call(&client, "apps_delete", json!({"appName": "by-header"})).await;
    assert!(!is_error(&r), "{}", text(&r));
    assert!(!text(&r).contains("Confirmation needed"), "{}", text(&r));
    assert!(!exists(&setup, "by-header").await);

    let client = world.client_at("/mcp?toolsets=all&confirm=off", &[]).await;
    let r = call(&client, "apps_delete", json!({"appName": "by-query"})).await;
    assert!(!is_error(&r), "{}", text(&r));
    assert!(!exists(&setup, "by-query").await);
}

#[tokio::test]
async fn previews_read_collections_and_refuse_what_is_not_there() {
    let world = World::start().await;
    let client = world.client().await;
    world.new_app(&client, "with-domain").await;
    let added = call(
        &client,
        "domains_add",
        json!({"resourceType": "app", "name": "with-domain", "changes": {"domain": "www.example.com"}}),
    )
    .await;
    assert!(!is_error(&added), "{}", text(&added));
    let preview = call(
        &client,
        "domains_remove",
        json!({"resourceType": "app", "name": "with-domain"}),
    )
    .await;
    assert!(!is_error(&preview), "{}", text(&preview));
    assert!(
        text(&preview).contains("www.example.com"),
        "the preview names the domain: {}",
        text(&preview)
    );

    let r = call(&client, "apps_delete", json!({"appName": "no-such-app"})).await;
    assert!(is_error(&r), "{}", text(&r));
    assert!(text(&r).contains("nothing to delete"), "{}", text(&r));
}

#[tokio::test]
async fn only_destructive_tools_take_confirm() {
    let world = World::start().await;
    let client = world.client().await;
    for tool in client.list_all_tools().await.unwrap() {
        let destructive = tool
            .annotations
            .as_ref()
            .and_then(|a| a.destructive_hint)
            .unwrap_or(false);
        let has = tool
            .input_schema
            .get("properties")
            .and_then(|p| p.get("confirm"))
            .is_some();
        assert_eq!(destructive, has, "{}", tool.name);
    }
    let r = call(&client, "apps_list", json!({"confirm": "x"})).await;
    assert!(is_error(&r), "a read tool refuses `confirm`");
}
