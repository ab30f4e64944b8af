//! The lean path (src/mcp/lean.rs) answers exactly as rmcp's streamable-HTTP service does. Each request is sent
//! twice: as clients send it (lean path), and with an `Mcp-Session-Id` header, which the lean path leaves to rmcp
//! and which rmcp ignores in stateless mode, so the second answer is rmcp's own.

use serde_json::{Value, json};

use crate::helpers::{TestApp, config, url};

/// Status, content type and parsed body of one POST.
async fn answer(
    app: &TestApp,
    path: &str,
    body: &str,
    extra: &[(&str, &str)],
) -> (u16, String, Value) {
    let r = app.post(path, body, extra).await;
    let status = r.status().as_u16();
    let kind = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let bytes = r.bytes().await.unwrap();
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()))
    };
    (status, kind, body)
}

async fn assert_same(app: &TestApp, path: &str, body: &Value, extra: &[(&str, &str)]) {
    let body = body.to_string();
    let lean = answer(app, path, &body, extra).await;
    let mut forced = extra.to_vec();
    forced.push(("mcp-session-id", "rmcp-reference"));
    let reference = answer(app, path, &body, &forced).await;
    assert_eq!(lean, reference, "{path} {body} {extra:?}");
}

fn request(method: &str, params: Value) -> Value {
    json!({"jsonrpc": "2.0", "id": 7, "method": method, "params": params})
}

#[tokio::test]
async fn docs_answers_match_rmcp() {
    let app = TestApp::start().await;
    let cases = [
        request("ping", json!({})),
        json!({"jsonrpc": "2.0", "id": "str-id", "method": "ping"}),
        request("tools/list", json!({})),
        request(
            "tools/call",
            json!({"name": "docs_search", "arguments": {"query": "custom domain", "limit": 3}}),
        ),
        request(
            "tools/call",
            json!({"name": "docs_search", "arguments": {}}),
        ),
        request(
            "tools/call",
            json!({"name": "no_such_tool", "arguments": {}}),
        ),
        request(
            "tools/call",
            json!({"name": "docs_get_page", "arguments": {"path": "developers"}}),
        ),
        request("resources/list", json!({})),
        request("resources/templates/list", json!({})),
        request("resources/read", json!({"uri": "nope://missing"})),
        request(
            "completion/complete",
            json!({"ref": {"type": "ref/resource", "uri": "docs://{path}"}, "argument": {"name": "path", "value": "dep"}}),
        ),
        json!({"jsonrpc": "2.0", "method": "notifications/initialized"}),
        json!({"jsonrpc": "2.0", "method": "notifications/cancelled", "params": {"requestId": 1}}),
    ];
    for version in [
        None,
        Some("2025-11-25"),
        Some("2025-06-18"),
        Some("2025-03-26"),
    ] {
        let extra: Vec<(&str, &str)> = version
            .map(|v| ("mcp-protocol-version", v))
            .into_iter()
            .collect();
        for case in &cases {
            assert_same(&app, "/mcp/docs", case, &extra).await;
        }
    }
}

#[tokio::test]
async fn lean_ping_is_a_bare_json_answer_and_notifications_are_202() {
    let app = TestApp::start().await;
    let (status, kind, body) = answer(
        &app,
        "/mcp/docs",
        &request("ping", json!({})).to_string(),
        &[],
    )
    .await;
    assert_eq!((status, kind.as_str()), (200, "application/json"));
    assert_eq!(body, json!({"jsonrpc": "2.0", "id": 7, "result": {}}));
    let (status, _, body) = answer(
        &app,
        "/mcp/docs",
        r#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#,
        &[("mcp-protocol-version", "2025-11-25")],
    )
    .await;
    assert_eq!((status, body), (202, Value::Null));
}

#[tokio::test]
async fn platform_answers_match_rmcp() {
    let (sandbox, base) = crate::helpers::spawn_sandbox(42).await;
    let mut config = config();
    config.api_base_url = url(&base);
    let app = TestApp::spawn(config).await;
    let full = format!("Bearer {}", sandbox.key("full").unwrap().token);
    let read_only = format!("Bearer {}", sandbox.key("read-only").unwrap().token);
    let cases = [
        request("ping", json!({})),
        request("tools/list", json!({})),
        request(
            "tools/call",
            json!({"name": "no_such_tool", "arguments": {}}),
        ),
    ];
    for auth in [&full, &read_only] {
        for path in ["/mcp", "/mcp?toolsets=all"] {
            for case in &cases {
                assert_same(
                    &app,
                    path,
                    case,
                    &[
                        ("authorization", auth),
                        ("mcp-protocol-version", "2025-11-25"),
                    ],
                )
                .await;
            }
        }
    }
    // A read that reaches the sandbox: the same tool result either way.
    let list = answer(
        &app,
        "/mcp?toolsets=all",
        &request("tools/list", json!({})).to_string(),
        &[("authorization", &full)],
    )
    .await;
    let tool = list.2["result"]["tools"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["name"].as_str())
        .find(|n| n.ends_with("list") || n.contains("list_"))
        .unwrap()
        .to_string();
    assert_same(
        &app,
        "/mcp?toolsets=all",
        &request("tools/call", json!({"name": tool, "arguments": {}})),
        &[("authorization", &full)],
    )
    .await;
    // No credential: the same 401 before either path.
    assert_same(&app, "/mcp", &request("ping", json!({})), &[]).await;
}
