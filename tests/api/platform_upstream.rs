//! The platform tools against a fake Hostless API that records every request and can
//! misbehave: exact method/path/query/body/headers per catalog entry, and every upstream
//! fault becoming a tool error within the time budget.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, Uri};
use axum::response::{IntoResponse, Response};
use hostless_mcp::platform::catalog::{CATALOG, DEFAULT_EXTRAS};
use hostless_mcp::platform::output::Shape;
use serde_json::{Map, Value, json};

use crate::helpers::{TestApp, call, config, is_error, text, url};
use hostless_mcp::config::Config;

const KEY: &str = "hlk_a1b2c3d4_upstreamtestsecret0000";

#[derive(Debug, Clone)]
pub(crate) struct Recorded {
    method: Method,
    path: String,
    query: Option<String>,
    pub(crate) headers: HeaderMap,
    body: Bytes,
}

#[derive(Clone, Copy)]
pub(crate) enum Mode {
    Echo,
    Status(u16),
    NotJson,
    Huge,
    Slow,
}

#[derive(Clone)]
pub(crate) struct Upstream {
    addr: SocketAddr,
    pub(crate) seen: Arc<Mutex<Vec<Recorded>>>,
}

impl Upstream {
    pub(crate) fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The `Authorization` values the fake API has received, in order.
    pub(crate) fn authorizations(&self) -> Vec<String> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter_map(|r| {
                r.headers
                    .get("authorization")?
                    .to_str()
                    .ok()
                    .map(str::to_string)
            })
            .collect()
    }
}

pub(crate) async fn upstream(mode: Mode) -> Upstream {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let handler = move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
        let log = log.clone();
        async move {
            log.lock().unwrap().push(Recorded {
                method,
                path: uri.path().to_string(),
                query: uri.query().map(str::to_string),
                headers,
                body,
            });
            let response: Response = match mode {
                Mode::Echo => axum::Json(json!({"ok": true, "items": [1, 2, 3]})).into_response(),
                Mode::Status(code) => (
                    axum::http::StatusCode::from_u16(code).unwrap(),
                    axum::Json(json!({"statusCode": code, "message": "Missing required scope(s): apps:write", "error": "Forbidden"})),
                )
                    .into_response(),
                Mode::NotJson => ([("content-type", "text/html")], "<html>bad gateway</html>").into_response(),
                Mode::Huge => {
                    let blob = format!("[\"{}\"]", "x".repeat(20 * 1024 * 1024));
                    ([("content-type", "application/json")], blob).into_response()
                }
                Mode::Slow => {
                    tokio::time::sleep(Duration::from_secs(30)).await;
                    axum::Json(json!({})).into_response()
                }
            };
            response
        }
    };
    let addr = crate::helpers::serve_fallback(handler).await;
    Upstream { addr, seen }
}

pub(crate) async fn app_for(up: &Upstream, adjust: impl FnOnce(&mut Config)) -> TestApp {
    let mut config = config();
    config.api_base_url = url(&format!("http://{}", up.addr));
    adjust(&mut config);
    TestApp::spawn(config).await
}

/// Arguments for a tool, made from its input schema: every property, with a value
/// derived from its name so the test can find it in the request (an enum takes its first
/// value; the caller overrides discriminators).
fn sample_args(schema: &Map<String, Value>) -> Map<String, Value> {
    let mut args = Map::new();
    let properties = schema.get("properties").and_then(Value::as_object);
    for (name, prop) in properties.into_iter().flatten() {
        let kind = prop["type"].clone();
        // The output contract's options (tests/api/paging.rs) never reach the API.
        if name == "limit" || name == "cursor" || (name == "fields" && kind == "array") {
            continue;
        }
        let value = if let Some(first) = prop.get("enum").and_then(|e| e.get(0)) {
            first.clone()
        } else if kind == "object" || kind == json!(["object", "null"]) {
            json!({"extra": format!("{name}-value"), "n": 1})
        } else {
            json!(format!("v {name}/1"))
        };
        args.insert(name.clone(), value);
    }
    args
}

fn encode(value: &str) -> String {
    value.replace(' ', "%20").replace('/', "%2F")
}

#[tokio::test]
async fn every_tool_sends_exactly_its_request() {
    let up = upstream(Mode::Echo).await;
    let app = app_for(&up, |_| {}).await;
    // The confirm step of destructive tools is off: this test checks the one request each
    // call sends (tests/api/confirm.rs covers the two-step).
    let client = app.client("/mcp?toolsets=all&confirm=off", Some(KEY)).await;
    let tools = client.list_all_tools().await.unwrap();
    assert_eq!(tools.len(), CATALOG.len());

    let mut calls = 0;
    for def in &CATALOG {
        let tool = tools.iter().find(|t| t.name == def.name).expect("listed");
        // One call per combination of discriminator values (`resourceType`, `direction` …).
        for expansion in def.expansions() {
            let mut args = sample_args(&tool.input_schema);
            args.extend(expansion.choice.clone());
            check_one_call(&up, &client, def, &expansion, args).await;
            calls += 1;
        }
    }
    assert!(calls > CATALOG.len(), "discriminated tools were expanded");
}

async fn check_one_call(
    up: &Upstream,
    client: &crate::helpers::Client,
    def: &hostless_mcp::platform::catalog::ToolDef,
    expansion: &hostless_mcp::platform::catalog::Expansion,
    args: Map<String, Value>,
) {
    let label = format!("{} {:?}", def.name, expansion.choice);
    let before = up.seen.lock().unwrap().len();
    let r = call(client, def.name, Value::Object(args.clone())).await;
    assert!(!is_error(&r), "{label}: {}", text(&r));
    let structured = r.structured_content.as_ref().unwrap();
    if def.contract().unwrap().shape == Shape::List {
        // A list tool pages the array the API wrapped under `items`.
        assert_eq!(structured["items"], json!([1, 2, 3]), "{label}");
    } else {
        assert_eq!(structured["ok"], true, "{label}");
    }
    let seen = up.seen.lock().unwrap();
    assert_eq!(seen.len(), before + 1, "{label}: exactly one API request");
    let req = seen.last().unwrap().clone();
    drop(seen);

    assert_eq!(req.method, *def.method, "{label}");
    // The template with its discriminators filled (`/apps/{name}/restart`), then every
    // remaining placeholder from its argument, percent-encoded.
    let mut expected_path = format!("/v1{}", expansion.path);
    let mut rest = args.clone();
    for key in expansion.choice.keys() {
        rest.remove(key);
    }
    // `confirm` is this server's own argument; it never reaches the API.
    rest.remove("confirm");
    for p in def.placeholders() {
        if let Some(v) = rest.remove(p) {
            expected_path =
                expected_path.replace(&format!("{{{p}}}"), &encode(v.as_str().unwrap()));
        }
    }
    assert!(!expected_path.contains('{'), "{label}: {expected_path}");
    assert_eq!(req.path, expected_path, "{label}");
    assert_eq!(req.headers["authorization"], KEY, "{label}");
    assert_eq!(req.headers["content-type"], "application/json", "{label}");
    assert!(
        req.headers["user-agent"]
            .to_str()
            .unwrap()
            .starts_with("hostless-mcp/"),
        "{label}"
    );

    if def.sends_body() {
        let body: Value = serde_json::from_slice(&req.body).unwrap();
        let mut expected = Map::new();
        if let Some(Value::Object(changes)) = rest.remove("changes") {
            expected.extend(changes);
        }
        if let Some(Value::Object(fields)) = rest.remove("fields") {
            expected.extend(fields);
        }
        expected.extend(rest);
        assert_eq!(body, Value::Object(expected), "{label}");
        assert_eq!(req.query, None, "{label}");
    } else {
        assert!(req.body.is_empty(), "{label}: no body");
        let expected: Vec<String> = rest
            .iter()
            .map(|(k, v)| {
                format!(
                    "{k}={}",
                    v.as_str().unwrap().replace(' ', "+").replace('/', "%2F")
                )
            })
            .collect();
        let query = req.query.clone().unwrap_or_default();
        let got: Vec<&str> = query.split('&').filter(|s| !s.is_empty()).collect();
        assert_eq!(got, expected, "{label}");
    }
}

#[tokio::test]
async fn bearer_and_jwt_credentials_are_forwarded_verbatim() {
    let up = upstream(Mode::Echo).await;
    let app = app_for(&up, |_| {}).await;
    for credential in [
        "Bearer hlk_a1b2c3d4_upstreamtestsecret0000",
        "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln",
    ] {
        let client = app.client("/mcp", Some(credential)).await;
        let r = call(&client, "apps_list", json!({})).await;
        assert!(!is_error(&r), "{}", text(&r));
        let seen = up.seen.lock().unwrap();
        assert_eq!(seen.last().unwrap().headers["authorization"], credential);
    }
}

#[tokio::test]
async fn api_errors_keep_status_and_body_with_a_hint() {
    let up = upstream(Mode::Status(403)).await;
    let app = app_for(&up, |_| {}).await;
    let client = app.client("/mcp", Some(KEY)).await;
    let r = call(
        &client,
        "apps_create",
        json!({"projectId": "p1", "name": "web"}),
    )
    .await;
    assert!(is_error(&r));
    let t = text(&r);
    assert!(t.contains("403"), "{t}");
    assert!(
        t.contains(r#""message":"Missing required scope(s): apps:write""#),
        "{t}"
    );
    assert!(t.contains("Hint:") && t.contains("apps:write"), "{t}");
    assert!(!t.contains("upstreamtestsecret"), "no credential in errors");
    assert_eq!(r.structured_content.unwrap()["error"]["statusCode"], 403);
}

#[tokio::test]
async fn upstream_faults_become_tool_errors_in_time() {
    let cases: [(Mode, &str); 4] = [
        (Mode::Status(500), "500"),
        (Mode::NotJson, "not JSON"),
        (Mode::Huge, "larger than"),
        (Mode::Slow, "did not answer"),
    ];
    for (mode, needle) in cases {
        let up = upstream(mode).await;
        let app = app_for(&up, |c| c.api_timeout = Duration::from_millis(1500)).await;
        let client = app.client("/mcp", Some(KEY)).await;
        let started = Instant::now();
        let r = call(&client, "apps_list", json!({})).await;
        assert!(is_error(&r), "{needle}: {}", text(&r));
        assert!(text(&r).contains(needle), "{needle}: {}", text(&r));
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{needle} took {:?}",
            started.elapsed()
        );
    }
}

#[tokio::test]
async fn unreachable_api_is_a_tool_error() {
    // Port 0 refuses every connection; a port freed by a listener could be taken by
    // another test's server running in parallel.
    let mut config = config();
    config.api_base_url = url("http://127.0.0.1:0");
    let app = TestApp::spawn(config).await;
    let client = app.client("/mcp", Some(KEY)).await;
    let started = Instant::now();
    let r = call(&client, "databases_list", json!({"projectId": "p"})).await;
    assert!(is_error(&r));
    assert!(text(&r).contains("could not be reached"), "{}", text(&r));
    assert!(started.elapsed() < Duration::from_secs(6));
}

#[tokio::test]
async fn bad_arguments_never_reach_the_api() {
    let up = upstream(Mode::Echo).await;
    let app = app_for(&up, |_| {}).await;
    let client = app.client("/mcp", Some(KEY)).await;
    let cases = [
        ("apps_get", json!({})),
        ("apps_get", json!({"appName": ""})),
        ("apps_get", json!({"appName": ".."})),
        ("apps_get", json!({"app_name": "x"})),
        ("apps_create", json!({"name": "x"})),
        ("apps_patch", json!({"appName": "x", "changes": "nope"})),
        ("apps_list", json!({"projectId": 5})),
    ];
    for (tool, args) in cases {
        let r = call(&client, tool, args.clone()).await;
        assert!(is_error(&r), "{tool} {args}: {}", text(&r));
    }
    assert!(up.seen.lock().unwrap().is_empty(), "nothing sent upstream");
}

#[tokio::test]
async fn toolset_and_readonly_selection() {
    let up = upstream(Mode::Echo).await;
    let app = app_for(&up, |_| {}).await;
    let names = |tools: Vec<rmcp::model::Tool>| -> Vec<String> {
        tools.into_iter().map(|t| t.name.to_string()).collect()
    };

    let client = app.client("/mcp", Some(KEY)).await;
    let default = names(client.list_all_tools().await.unwrap());
    assert_eq!(
        default.len(),
        30 + DEFAULT_EXTRAS.len(),
        "the core set and the everyday tools, within Cursor's 40"
    );
    assert!(default.len() <= 40);
    assert!(!default.iter().any(|n| n == "deployments_rerun"));
    let r = call(
        &client,
        "deployments_rerun",
        json!({"resourceType": "app", "resourceName": "web", "deploymentId": "d1"}),
    )
    .await;
    assert!(
        is_error(&r) && text(&r).contains("toolsets=default,deployments"),
        "{}",
        text(&r)
    );

    let client = app
        .client("/mcp?toolsets=deployments,logs", Some(KEY))
        .await;
    let opted = names(client.list_all_tools().await.unwrap());
    let expected: Vec<&str> = CATALOG
        .iter()
        .filter(|d| matches!(d.toolset.name(), "deployments" | "logs"))
        .map(|d| d.name)
        .collect();
    assert_eq!(opted, expected);
    let r = call(
        &client,
        "deployments_trigger",
        json!({"resourceType": "site", "name": "web"}),
    )
    .await;
    assert!(!is_error(&r), "{}", text(&r));
    assert_eq!(
        up.seen.lock().unwrap().last().unwrap().path,
        "/v1/sites/web/deployments/new"
    );
    let r = call(
        &client,
        "deployments_trigger",
        json!({"resourceType": "database", "name": "web"}),
    )
    .await;
    assert!(is_error(&r), "databases have no deployments");

    let client = app
        .client("/mcp?toolsets=apps,databases&readonly=true", Some(KEY))
        .await;
    let mut chosen = names(client.list_all_tools().await.unwrap());
    chosen.sort();
    assert_eq!(
        chosen,
        ["apps_get", "apps_list", "databases_get", "databases_list"]
    );
    let r = call(&client, "apps_delete", json!({"appName": "x"})).await;
    assert!(is_error(&r) && text(&r).contains("read-only"));
    let r = call(&client, "sites_list", json!({})).await;
    assert!(is_error(&r) && text(&r).contains("toolsets=apps,sites,databases"));

    let mut headers = std::collections::HashMap::new();
    headers.insert(
        reqwest::header::HeaderName::from_static("x-mcp-toolsets"),
        reqwest::header::HeaderValue::from_static("workers"),
    );
    headers.insert(
        reqwest::header::AUTHORIZATION,
        reqwest::header::HeaderValue::from_static(KEY),
    );
    let transport = rmcp::transport::StreamableHttpClientTransport::from_config(
        rmcp::transport::streamable_http_client::StreamableHttpClientTransportConfig::with_uri(
            app.url("/mcp"),
        )
        .custom_headers(headers),
    );
    let client = rmcp::ServiceExt::serve((), transport).await.unwrap();
    let tools = names(client.list_all_tools().await.unwrap());
    assert_eq!(tools.len(), 5);
    assert!(tools.iter().all(|t| t.starts_with("workers_")));

    let client = app
        .client("/mcp?toolsets=default,deployments", Some(KEY))
        .await;
    let tools = names(client.list_all_tools().await.unwrap());
    assert!(
        tools.contains(&"apps_list".to_string())
            && tools.contains(&"deployments_trigger".to_string())
    );
    // `default` brings the everyday log tools, not the whole logs toolset.
    assert!(tools.contains(&"logs_get".to_string()));
    assert!(!tools.contains(&"logs_cron_run".to_string()));

    let body = app
        .rpc(
            "/mcp?toolsets=nope",
            "tools/list",
            json!({}),
            &[("authorization", KEY)],
        )
        .await;
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("unknown toolset")
    );
}

#[tokio::test]
async fn odd_arguments_to_every_tool_are_tool_results_never_protocol_errors() {
    let up = upstream(Mode::Echo).await;
    let app = app_for(&up, |_| {}).await;
    let client = app.client("/mcp?toolsets=all", Some(KEY)).await;
    let docs = app.client("/mcp/docs", None).await;
    let odd = [
        json!({}),
        json!({"projectId": null, "name": {"nested": [1, 2]}}),
        json!({"appName": "é/🚀/%2e%2e", "resourceType": "spaceship", "changes": [1]}),
        json!({"query": 12, "id": false, "path": ["x"], "limit": -5, "prefix": {}}),
        json!({"name": "x".repeat(5000), "fields": {"a": null}, "direction": "sideways"}),
    ];
    let mut calls = 0;
    for def in &CATALOG {
        for args in &odd {
            let mut params = rmcp::model::CallToolRequestParams::new(def.name);
            params = params.with_arguments(args.as_object().unwrap().clone());
            let r = client.call_tool(params).await;
            assert!(r.is_ok(), "{} {args}: {r:?}", def.name);
            calls += 1;
        }
    }
    for tool in [
        "search",
        "fetch",
        "docs_search",
        "docs_get_page",
        "docs_list",
    ] {
        for args in &odd {
            let mut params = rmcp::model::CallToolRequestParams::new(tool);
            params = params.with_arguments(args.as_object().unwrap().clone());
            let r = docs.call_tool(params).await;
            assert!(r.is_ok(), "{tool} {args}: {r:?}");
        }
    }
    assert_eq!(calls, CATALOG.len() * odd.len());
}

#[tokio::test]
async fn the_request_id_comes_back_and_reaches_the_api() {
    let up = upstream(Mode::Echo).await;
    let app = app_for(&up, |_| {}).await;
    let call = r#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"apps_list","arguments":{}}}"#;
    let r = app
        .post(
            "/mcp",
            call,
            &[("authorization", KEY), ("x-request-id", "abc-123")],
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["x-request-id"], "abc-123");
    let seen = up.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 1, "one API call");
    assert_eq!(seen[0].headers["x-request-id"], "abc-123");

    // Without one (or with an unusable one) the server makes one up, and still forwards it.
    let r = app
        .post(
            "/mcp",
            call,
            &[("authorization", KEY), ("x-request-id", &"x".repeat(129))],
        )
        .await;
    let generated = r.headers()["x-request-id"].to_str().unwrap().to_string();
    assert_eq!(generated.len(), 16, "{generated}");
    let seen = up.seen.lock().unwrap().clone();
    assert_eq!(seen[1].headers["x-request-id"], generated.as_str());
}

#[tokio::test]
async fn every_answer_carries_a_request_id() {
    let up = upstream(Mode::Echo).await;
    let app = app_for(&up, |c| c.max_body_bytes = 2048).await;
    let ping = r#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#;
    let big = format!("{{\"pad\":\"{}\"}}", "x".repeat(4096));
    let answers = [
        ("/mcp", ping.to_string(), vec![], 401),
        (
            "/mcp/docs",
            ping.to_string(),
            vec![("origin", "http://evil.example")],
            403,
        ),
        ("/mcp/docs", big, vec![], 413),
        ("/mcp/docs", "[]".to_string(), vec![], 400),
        ("/nope", ping.to_string(), vec![], 404),
        ("/mcp/docs", ping.to_string(), vec![], 200),
    ];
    for (path, body, extra, status) in answers {
        let mut headers = extra.clone();
        headers.push(("x-request-id", "rid-every-answer"));
        let r = app.post(path, &body, &headers).await;
        assert_eq!(r.status(), status, "{path}");
        assert_eq!(
            r.headers()["x-request-id"],
            "rid-every-answer",
            "{path} {status}"
        );
    }
    let r = app.http.get(app.url("/mcp")).send().await.unwrap();
    assert_eq!(r.status(), 405);
    assert!(r.headers().contains_key("x-request-id"));
}

#[tokio::test]
async fn with_a_proxy_configured_calls_go_through_it() {
    // The fake API stands in for the proxy: it answers requests in absolute form. The base URL's host does not
    // resolve, so a call only succeeds when it goes through the proxy.
    let proxy = upstream(Mode::Echo).await;
    let mut config = config();
    config.api_base_url = url("http://api.hostless.invalid");
    config.api_proxy = Some(
        hostless_mcp::proxy_env::ApiProxy::parse(
            &format!("http://user:pw@{}", proxy.addr()),
            "HTTP_PROXY",
        )
        .unwrap(),
    );
    let app = TestApp::spawn(config).await;
    let client = app.client("/mcp", Some(KEY)).await;
    let r = call(&client, "databases_list", json!({"projectId": "p 1"})).await;
    assert!(!is_error(&r), "{}", text(&r));
    let seen = proxy.seen.lock().unwrap();
    assert_eq!(seen.len(), 1);
    let request = &seen[0];
    assert_eq!(request.path, "/v1/databases");
    assert_eq!(request.query.as_deref(), Some("projectId=p+1"));
    assert_eq!(request.headers["host"], "api.hostless.invalid");
    assert_eq!(request.headers["authorization"], KEY);
    // The proxy's own credentials go to the proxy, never as the API's.
    assert!(request.headers.contains_key("proxy-authorization"));
}
