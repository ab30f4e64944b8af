//! Test harness: start the server (and fake upstreams) on 127.0.0.1:0, build MCP
//! clients with or without credentials, and send raw JSON-RPC over HTTP.

#![allow(dead_code)]

use std::collections::HashMap;
use std::net::SocketAddr;

use hostless_mcp::config::Config;
use hostless_mcp::sandbox::{self, Sandbox, SandboxOptions};
use rmcp::model::{CallToolRequestParams, CallToolResult};
use rmcp::service::RunningService;
use rmcp::transport::StreamableHttpClientTransport;
use rmcp::transport::streamable_http_client::StreamableHttpClientTransportConfig;
use rmcp::{RoleClient, ServiceExt};
use serde_json::{Value, json};
use tokio::net::TcpListener;
use url::Url;

pub type Client = RunningService<RoleClient, ()>;

/// A running server; it stops when the test's runtime ends.
pub struct TestApp {
    pub addr: SocketAddr,
    pub http: reqwest::Client,
}

/// The server's defaults, with nothing read from the environment or a sibling docs
/// checkout: a test states every setting it depends on by setting fields.
pub fn config() -> Config {
    Config::defaults().expect("the defaults are valid")
}

/// An absolute URL for a config field.
pub fn url(text: &str) -> Url {
    Url::parse(text).expect("test URL")
}

/// A sandbox of the Hostless API (seeded with `seed`, so its keys are known to the test)
/// serving on 127.0.0.1:0, and its base URL for `Config::api_base_url`.
pub async fn spawn_sandbox(seed: u64) -> (Sandbox, String) {
    let sandbox = Sandbox::new(SandboxOptions {
        seed: Some(seed),
        ..Default::default()
    });
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(sandbox::serve(
        listener,
        sandbox.clone(),
        std::future::pending(),
    ));
    (sandbox, base)
}

/// A server with the default config whose upstream is a fresh sandbox seeded with `seed`.
pub async fn app_on_sandbox(seed: u64) -> (TestApp, Sandbox) {
    let (sandbox, base) = spawn_sandbox(seed).await;
    let mut config = config();
    config.api_base_url = url(&base);
    (TestApp::spawn(config).await, sandbox)
}

/// A fake HTTP server on 127.0.0.1:0 that answers every request with `handler`.
pub async fn serve_fallback<H, T>(handler: H) -> SocketAddr
where
    H: axum::handler::Handler<T, ()>,
    T: 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        axum::serve(listener, axum::Router::new().fallback(handler))
            .await
            .expect("fake server runs");
    });
    addr
}

impl TestApp {
    /// A server with the default config (embedded docs, the real API's URL, unused).
    pub async fn start() -> Self {
        Self::spawn(config()).await
    }

    /// A server with `config` (see [`config`] for the starting point).
    pub async fn spawn(config: Config) -> Self {
        // reqwest is built without a bundled TLS provider; the binary installs one at start-up.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move {
            hostless_mcp::serve(listener, config, std::future::pending())
                .await
                .expect("server runs");
        });
        Self {
            addr,
            http: reqwest::Client::new(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// An rmcp client that did the `initialize` handshake with `path`.
    pub async fn client(&self, path: &str, authorization: Option<&str>) -> Client {
        self.try_client(path, authorization)
            .await
            .expect("client connects")
    }

    pub async fn try_client(
        &self,
        path: &str,
        authorization: Option<&str>,
    ) -> Result<Client, rmcp::service::ClientInitializeError> {
        let mut headers = HashMap::new();
        if let Some(value) = authorization {
            headers.insert(
                reqwest::header::AUTHORIZATION,
                reqwest::header::HeaderValue::from_str(value).expect("header value"),
            );
        }
        let transport = StreamableHttpClientTransport::from_config(
            StreamableHttpClientTransportConfig::with_uri(self.url(path)).custom_headers(headers),
        );
        ().serve(transport).await
    }

    /// POSTs one JSON-RPC body with the headers MCP clients send.
    pub async fn post(&self, path: &str, body: &str, extra: &[(&str, &str)]) -> reqwest::Response {
        let mut request = self
            .http
            .post(self.url(path))
            .header("content-type", "application/json")
            .header("accept", "application/json, text/event-stream")
            .body(body.to_string());
        for (k, v) in extra {
            request = request.header(*k, *v);
        }
        request.send().await.expect("request sent")
    }

    /// POSTs a JSON-RPC request and returns the parsed response body.
    pub async fn rpc(
        &self,
        path: &str,
        method: &str,
        params: Value,
        extra: &[(&str, &str)],
    ) -> Value {
        let body =
            json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).to_string();
        let response = self.post(path, &body, extra).await;
        response.json().await.expect("json body")
    }
}

/// Calls a tool and returns its result (tool errors included).
pub async fn call(client: &Client, tool: &str, args: Value) -> CallToolResult {
    let mut params = CallToolRequestParams::new(tool.to_string());
    if let Value::Object(map) = args {
        params = params.with_arguments(map);
    }
    client.call_tool(params).await.expect("tools/call answered")
}

/// The text of a result's first content block.
pub fn text(result: &CallToolResult) -> String {
    result
        .content
        .first()
        .and_then(|c| c.as_text())
        .map(|t| t.text.clone())
        .unwrap_or_default()
}

pub fn is_error(result: &CallToolResult) -> bool {
    result.is_error == Some(true)
}

/// A folder of Markdown pages for tests that need known content.
pub fn docs_fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let pages = [
        (
            "developers.md",
            "---\ntitle: Developers\ndescription: API keys and the REST API\n---\n# Developers\n\nCreate an API key in the dashboard and send it in the Authorization header.\n",
        ),
        (
            "app/deployments.mdx",
            "---\ntitle: Deployments\ndescription: Trigger and inspect deployments\n---\nimport Tabs from '@site/tabs'\n\n# Deployments\n\nTrigger a new deployment of your app, rerun one, and read its build logs.\n\n## Rollback\n\nRerun an earlier deployment to roll back.\n",
        ),
        (
            "guides/custom-domains/index.md",
            "---\ntitle: Custom domains\ndescription: Point your own domain at an app\n---\n# Custom domains\n\nAdd a custom domain to an app and configure DNS with a CNAME record.\n",
        ),
    ];
    for (path, text) in pages {
        let file = dir.path().join(path);
        std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
        std::fs::write(file, text).expect("write page");
    }
    dir
}

/// Calls a tool that must succeed and returns its structured answer.
pub async fn ok(client: &Client, tool: &str, args: Value) -> Value {
    let r = call(client, tool, args.clone()).await;
    assert!(!is_error(&r), "{tool} {args}: {}", text(&r));
    r.structured_content.expect("a structured answer")
}

/// The names `tools/list` gives this client.
pub async fn tool_names(client: &Client) -> Vec<String> {
    client
        .list_all_tools()
        .await
        .expect("tools/list")
        .into_iter()
        .map(|t| t.name.to_string())
        .collect()
}
