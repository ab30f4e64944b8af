//! SPEC §2 over raw HTTP: health, metadata, 401/403/404/405/413, notifications,
//! statelessness, protocol versions.

use hostless_mcp::config::Origin;
use serde_json::{Value, json};

use crate::helpers::{TestApp, config, url};

const PING: &str = r#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#;
const INIT: &str = r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"0"}}}"#;

#[tokio::test]
async fn health_reports_service_and_api() {
    let mut config = config();
    config.api_base_url = url("https://api.example.test/");
    let app = TestApp::spawn(config).await;
    let r = app.http.get(app.url("/health")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["ok"], true);
    assert_eq!(body["service"], "hostless-mcp");
    assert_eq!(body["baseUrl"], "https://api.example.test");
    assert_eq!(body["docsMcpPath"], "/mcp/docs");
    assert!(body["docsPages"].as_u64().unwrap() >= 1);
}

#[tokio::test]
async fn get_and_delete_on_mcp_paths_are_405_with_allow_post() {
    let app = TestApp::start().await;
    for path in ["/mcp", "/mcp/docs"] {
        for method in [reqwest::Method::GET, reqwest::Method::DELETE] {
            let r = app
                .http
                .request(method.clone(), app.url(path))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 405, "{method} {path}");
            assert_eq!(r.headers()["allow"], "POST", "{method} {path}");
        }
    }
}

#[tokio::test]
async fn unknown_paths_get_json_404() {
    let app = TestApp::start().await;
    for path in [
        "/nope",
        "/mcp/docs/extra",
        "/.well-known/security.txt",
        "/.well-known/oauth-protected-resource/other",
    ] {
        let r = app.http.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 404, "{path}");
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("application/json")
        );
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["error"], "not_found", "{path}");
    }
}

#[tokio::test]
async fn protected_resource_metadata_is_exact_at_both_paths() {
    let mut config = config();
    config.public_url = Some(url("https://mcp.example.test"));
    config.allowed_hosts = vec!["mcp.example.test".into()];
    let app = TestApp::spawn(config).await;
    let expected = json!({
        "resource": "https://mcp.example.test/mcp",
        "authorization_servers": ["https://api.hostless.dev"],
        "scopes_supported": hostless_mcp::api_routes::SCOPES,
        "bearer_methods_supported": ["header"],
        "resource_name": "Hostless MCP",
        "resource_documentation": "https://web.hostless.cloud/developers",
    });
    let mut bodies = Vec::new();
    for path in [
        "/.well-known/oauth-protected-resource/mcp",
        "/.well-known/oauth-protected-resource",
    ] {
        let r = app.http.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()["content-type"], "application/json");
        let text = r.text().await.unwrap();
        let body: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(body, expected, "{path}");
        assert_eq!(body["scopes_supported"].as_array().unwrap().len(), 32);
        assert!(!text.contains("offline_access"));
        bodies.push(text);
    }
    assert_eq!(bodies[0], bodies[1], "both paths serve the same bytes");
    assert_eq!(
        bodies[0],
        expected.to_string(),
        "compact JSON, keys in a stable order"
    );
}

#[tokio::test]
async fn missing_and_malformed_credentials_get_the_exact_challenge() {
    let app = TestApp::start().await;
    let port = app.addr.port();
    let scopes = hostless_mcp::api_routes::read_scopes()
        .collect::<Vec<_>>()
        .join(" ");
    // Without PUBLIC_URL, a loopback Host is named back exactly as the client used it.
    let base = format!(
        r#"Bearer resource_metadata="http://127.0.0.1:{port}/.well-known/oauth-protected-resource/mcp", scope="{scopes}""#
    );
    let localhost = format!("localhost:{port}");
    let r = app
        .post("/mcp", PING, &[("host", localhost.as_str())])
        .await;
    assert_eq!(
        r.headers()["www-authenticate"].to_str().unwrap(),
        base.replace("127.0.0.1", "localhost")
    );

    let r = app.post("/mcp", PING, &[]).await;
    assert_eq!(r.status(), 401);
    assert_eq!(r.headers()["www-authenticate"].to_str().unwrap(), base);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"], "unauthorized");

    for bad in [
        "Bearer garbage",
        "Bearer ",
        "Basic dXNlcjpwYXNz",
        "hlk_short",
        "Token hlk_a1b2c3d4_x",
    ] {
        let r = app.post("/mcp", PING, &[("authorization", bad)]).await;
        assert_eq!(r.status(), 401, "{bad}");
        assert_eq!(
            r.headers()["www-authenticate"].to_str().unwrap(),
            format!(r#"{base}, error="invalid_token""#),
            "{bad}"
        );
        let text = r.text().await.unwrap();
        let body: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(body["error"], "invalid_token");
        if bad.len() > 8 {
            assert!(!text.contains(bad), "credential echoed: {text}");
        }
    }
}

#[tokio::test]
async fn credentials_in_the_query_string_are_refused() {
    let app = TestApp::start().await;
    let r = app
        .post("/mcp?access_token=hlk_a1b2c3d4_secret", PING, &[])
        .await;
    assert_eq!(r.status(), 400);
    let text = r.text().await.unwrap();
    assert!(!text.contains("secret"));
}

#[tokio::test]
async fn docs_endpoint_needs_no_credentials_and_issues_no_session() {
    let app = TestApp::start().await;
    let r = app
        .post("/mcp/docs", INIT, &[("mcp-session-id", "made-up")])
        .await;
    assert_eq!(r.status(), 200);
    assert!(r.headers().get("mcp-session-id").is_none());
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["result"]["protocolVersion"], "2025-11-25");
    assert_eq!(body["result"]["serverInfo"]["name"], "hostless-docs");
    assert!(
        body["result"]["instructions"]
            .as_str()
            .unwrap()
            .contains("fetch")
    );
}

#[tokio::test]
async fn older_protocol_versions_are_echoed() {
    let app = TestApp::start().await;
    for version in ["2025-06-18", "2025-03-26"] {
        let body = json!({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":version,"capabilities":{},"clientInfo":{"name":"t","version":"0"}}});
        let r = app.post("/mcp/docs", &body.to_string(), &[]).await;
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["result"]["protocolVersion"], version);
    }
}

#[tokio::test]
async fn unsupported_protocol_version_header_is_400() {
    let app = TestApp::start().await;
    let r = app
        .post("/mcp/docs", PING, &[("mcp-protocol-version", "1999-01-01")])
        .await;
    assert_eq!(r.status(), 400);
}

#[tokio::test]
async fn notifications_get_202_without_body() {
    let app = TestApp::start().await;
    let r = app
        .post(
            "/mcp/docs",
            r#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#,
            &[],
        )
        .await;
    assert_eq!(r.status(), 202);
    assert!(r.bytes().await.unwrap().is_empty());
}

#[tokio::test]
async fn unknown_methods_are_jsonrpc_method_not_found() {
    let app = TestApp::start().await;
    for method in ["resources/subscribe", "prompts/list", "nope/nothing"] {
        let body = app.rpc("/mcp/docs", method, json!({"uri": "x"}), &[]).await;
        assert_eq!(body["error"]["code"], -32601, "{method}: {body}");
    }
    // The docs endpoint serves its pages as resources, so this one is known.
    let body = app.rpc("/mcp/docs", "resources/list", json!({}), &[]).await;
    assert!(
        body["result"]["resources"]
            .as_array()
            .is_some_and(|r| !r.is_empty()),
        "{body}"
    );
    let body = app.rpc("/mcp/docs", "ping", json!({}), &[]).await;
    assert_eq!(body["result"], json!({}));
}

#[tokio::test]
async fn bodies_over_the_limit_get_413() {
    let mut config = config();
    config.max_body_bytes = 4096;
    let app = TestApp::spawn(config).await;
    let big = format!(
        r#"{{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{{"name":"search","arguments":{{"query":"{}"}}}}}}"#,
        "a".repeat(8000)
    );
    let r = app.post("/mcp/docs", &big, &[]).await;
    assert_eq!(r.status(), 413);
    let r = app.post("/mcp/docs", PING, &[]).await;
    assert_eq!(r.status(), 200, "a small body still passes");
}

#[tokio::test]
async fn foreign_origin_and_host_are_403_on_both_endpoints() {
    let mut config = config();
    config.allowed_origins = vec![Origin::parse("https://app.example.test").unwrap()];
    let app = TestApp::spawn(config).await;
    let port = app.addr.port();
    let key = [("authorization", "hlk_a1b2c3d4_secretsecret")];
    for path in ["/mcp/docs", "/mcp"] {
        let r = app
            .post(path, PING, &[("origin", "http://evil.example.com"), key[0]])
            .await;
        assert_eq!(r.status(), 403, "origin {path}");
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["error"]["code"], -32000);
        let r = app
            .post(path, PING, &[("host", "evil.example.com"), key[0]])
            .await;
        assert_eq!(r.status(), 403, "host {path}");
    }
    // Allowed origins pass the guard (and /mcp/docs answers).
    for origin in [
        format!("http://localhost:{port}"),
        format!("http://127.0.0.1:{port}"),
        "https://app.example.test".to_string(),
    ] {
        let r = app
            .post("/mcp/docs", PING, &[("origin", origin.as_str())])
            .await;
        assert_eq!(r.status(), 200, "{origin}");
    }
    let r = app
        .post("/mcp/docs", PING, &[("origin", "http://localhost:1")])
        .await;
    assert_eq!(r.status(), 403, "same host, other port");
}

#[tokio::test]
async fn public_url_host_and_allowed_hosts_are_accepted() {
    let mut config = config();
    config.public_url = Some(url("https://mcp.example.test"));
    config.allowed_hosts = vec!["internal.example.test".into()];
    let app = TestApp::spawn(config).await;
    for host in [
        "mcp.example.test",
        "internal.example.test:8080",
        "localhost",
        "127.0.0.1:1234",
    ] {
        let r = app.post("/mcp/docs", PING, &[("host", host)]).await;
        assert_eq!(r.status(), 200, "{host}");
    }
    let r = app
        .post("/mcp/docs", PING, &[("origin", "https://mcp.example.test")])
        .await;
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn modern_clients_discover_without_initialize() {
    use rmcp::model::ProtocolVersion;
    use rmcp::transport::StreamableHttpClientTransport;
    use rmcp::{ClientLifecycleMode, ClientServiceExt};

    let app = TestApp::start().await;
    let transport = StreamableHttpClientTransport::from_uri(app.url("/mcp/docs"));
    let client = ()
        .serve_with_lifecycle(
            transport,
            ClientLifecycleMode::Discover {
                preferred_versions: vec![ProtocolVersion::V_2026_07_28],
            },
        )
        .await
        .expect("discover works");
    let tools = client.list_all_tools().await.unwrap();
    assert_eq!(tools.len(), 5);
}

#[tokio::test]
async fn metadata_names_the_loopback_host_the_client_used() {
    let app = TestApp::start().await;
    let port = app.addr.port();
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ] {
        let r = app
            .http
            .get(app.url("/.well-known/oauth-protected-resource/mcp"))
            .header("host", host.as_str())
            .send()
            .await
            .unwrap();
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["resource"], format!("http://{host}/mcp"));
    }
    let r = app
        .http
        .get(app.url("/.well-known/oauth-protected-resource"))
        .header("host", "evil.example")
        .send()
        .await
        .unwrap();
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["resource"], format!("http://localhost:{port}/mcp"));
}

#[tokio::test]
async fn batches_and_malformed_json_are_400_with_jsonrpc_codes() {
    let app = TestApp::start().await;
    for path in ["/mcp/docs", "/mcp"] {
        let key = [("authorization", "hlk_a1b2c3d4_secretsecret")];
        let r = app.post(path, &format!("[{PING}]"), &key).await;
        assert_eq!(r.status(), 400, "{path} batch");
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["error"]["code"], -32600, "{path}");
        assert_eq!(body["id"], Value::Null);
        let r = app.post(path, r#"{"jsonrpc":"#, &key).await;
        assert_eq!(r.status(), 400, "{path} malformed");
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["error"]["code"], -32700, "{path}");
    }
}

#[tokio::test]
async fn json_only_accept_headers_are_served() {
    let app = TestApp::start().await;
    for accept in [Some("application/json"), Some("*/*"), None] {
        let mut request = app
            .http
            .post(app.url("/mcp/docs"))
            .header("content-type", "application/json")
            .body(PING);
        if let Some(accept) = accept {
            request = request.header("accept", accept);
        }
        let r = request.send().await.unwrap();
        assert_eq!(r.status(), 200, "{accept:?}");
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["result"], json!({}));
    }
}

#[tokio::test]
async fn method_not_allowed_bodies_are_json() {
    let app = TestApp::start().await;
    let r = app.http.get(app.url("/mcp/docs")).send().await.unwrap();
    assert_eq!(r.status(), 405);
    let body: Value = r.json().await.unwrap();
    assert!(body["error"]["message"].as_str().unwrap().contains("POST"));
}

#[tokio::test]
async fn a_2024_initialize_is_answered_with_2025_11_25() {
    let app = TestApp::start().await;
    let body = json!({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2024-11-05","capabilities":{},"clientInfo":{"name":"t","version":"0"}}});
    let r = app.post("/mcp/docs", &body.to_string(), &[]).await;
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["result"]["protocolVersion"], "2025-11-25");
}
