//! Rate and concurrency limits as a client meets them: 429 with `Retry-After` and a JSON-RPC
//! error after the burst, buckets per address on `/mcp/docs` and per credential on `/mcp`,
//! `/health` never limited, `X-Forwarded-For` only when trusted, loopback exempt by default.

use hostless_mcp::config::Config;
use serde_json::Value;

use crate::helpers::{TestApp, config};

const PING: &str = r#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#;

/// 60 a minute, so bursts of 6, with loopback clients (the tests) limited.
fn limited() -> Config {
    let mut config = config();
    config.rate_limit_per_minute = 60;
    config.rate_limit_loopback = true;
    config
}

/// Sends `PING` `n` times to `path` and returns the statuses.
async fn pings(app: &TestApp, path: &str, n: usize, headers: &[(&str, &str)]) -> Vec<u16> {
    let mut statuses = Vec::new();
    for _ in 0..n {
        statuses.push(app.post(path, PING, headers).await.status().as_u16());
    }
    statuses
}

#[tokio::test]
async fn the_docs_endpoint_answers_429_after_the_burst() {
    let app = TestApp::spawn(limited()).await;
    assert_eq!(pings(&app, "/mcp/docs", 6, &[]).await, vec![200; 6]);
    let refused = app.post("/mcp/docs", PING, &[]).await;
    assert_eq!(refused.status().as_u16(), 429);
    let retry_after: u64 = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry_after), "Retry-After {retry_after}");
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["jsonrpc"], "2.0");
    let message = body["error"]["message"].as_str().unwrap();
    assert!(message.contains("RATE_LIMIT_PER_MINUTE"), "{message}");
    // Another endpoint has its own bucket.
    let front = app.http.get(app.url("/")).send().await.unwrap();
    assert_eq!(front.status().as_u16(), 200);
}

#[tokio::test]
async fn two_api_keys_on_mcp_are_limited_independently() {
    let app = TestApp::spawn(limited()).await;
    let first = [("authorization", "Bearer hlk_aaaaaaaa_firstsecret")];
    let second = [("authorization", "Bearer hlk_bbbbbbbb_secondsecret")];
    assert_eq!(pings(&app, "/mcp", 6, &first).await, vec![200; 6]);
    assert_eq!(pings(&app, "/mcp", 1, &first).await, vec![429]);
    // Same address, another key: a full bucket of its own.
    assert_eq!(pings(&app, "/mcp", 6, &second).await, vec![200; 6]);
    assert_eq!(pings(&app, "/mcp", 1, &second).await, vec![429]);
}

#[tokio::test]
async fn one_address_cannot_try_credential_after_credential() {
    let app = TestApp::spawn(limited()).await;
    let mut statuses = Vec::new();
    for i in 0..8 {
        // A fresh (malformed) credential each time: each would have a full bucket of its own.
        let bogus = format!("Bearer not-a-key-{i}");
        statuses.extend(pings(&app, "/mcp", 1, &[("authorization", &bogus)]).await);
    }
    assert_eq!(&statuses[..6], &[401; 6], "{statuses:?}");
    assert_eq!(&statuses[6..], &[429; 2], "{statuses:?}");
}

#[tokio::test]
async fn health_is_never_limited() {
    let app = TestApp::spawn(limited()).await;
    for _ in 0..30 {
        let response = app.http.get(app.url("/health")).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 200);
    }
}

#[tokio::test]
async fn forwarded_for_is_ignored_unless_trusted() {
    let app = TestApp::spawn(limited()).await;
    let mut statuses = Vec::new();
    for i in 0..7 {
        let hop = format!("198.51.100.{i}");
        statuses.extend(pings(&app, "/mcp/docs", 1, &[("x-forwarded-for", &hop)]).await);
    }
    assert_eq!(
        statuses.last(),
        Some(&429),
        "one peer, one bucket: {statuses:?}"
    );

    let mut trusting = limited();
    trusting.trust_proxy_headers = true;
    let app = TestApp::spawn(trusting).await;
    for i in 0..7 {
        let hop = format!("198.51.100.{i}");
        assert_eq!(
            pings(&app, "/mcp/docs", 1, &[("x-forwarded-for", &hop)]).await,
            vec![200],
            "each forwarded client has its own bucket"
        );
    }
    // The client cannot escape by prepending addresses: the right-most public hop counts.
    let mut statuses = Vec::new();
    for i in 0..7 {
        let hop = format!("203.0.113.{i}, 198.51.100.200");
        statuses.extend(pings(&app, "/mcp/docs", 1, &[("x-forwarded-for", &hop)]).await);
    }
    assert_eq!(statuses.last(), Some(&429), "{statuses:?}");
}

#[tokio::test]
async fn loopback_clients_are_exempt_by_default() {
    let mut config = config();
    config.rate_limit_per_minute = 60;
    let app = TestApp::spawn(config).await;
    assert!(
        pings(&app, "/mcp/docs", 20, &[])
            .await
            .iter()
            .all(|s| *s == 200)
    );
}

#[tokio::test]
async fn above_the_concurrency_limit_the_answer_is_503_and_health_still_answers() {
    // An API that holds each call until the test lets it go.
    let api = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let api_url = format!("http://{}", api.local_addr().unwrap());
    let (reached, mut in_flight) = tokio::sync::mpsc::channel::<()>(1);
    let release = std::sync::Arc::new(tokio::sync::Notify::new());
    let gate = release.clone();
    tokio::spawn(async move {
        let slow = axum::Router::new().fallback(move || {
            let (reached, gate) = (reached.clone(), gate.clone());
            async move {
                let _ = reached.send(()).await;
                gate.notified().await;
                axum::Json(serde_json::json!([]))
            }
        });
        axum::serve(api, slow).await.unwrap();
    });
    let mut config = config();
    config.api_base_url = crate::helpers::url(&api_url);
    config.max_concurrent_requests = 1;
    let app = std::sync::Arc::new(TestApp::spawn(config).await);

    let call = r#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"apps_list","arguments":{}}}"#;
    let busy = app.clone();
    let first = tokio::spawn(async move {
        busy.post(
            "/mcp",
            call,
            &[("authorization", "hlk_a1b2c3d4_concurrencysecret")],
        )
        .await
        .status()
        .as_u16()
    });
    in_flight.recv().await.unwrap();

    let refused = app.post("/mcp/docs", PING, &[]).await;
    assert_eq!(refused.status().as_u16(), 503);
    assert_eq!(refused.headers()["retry-after"], "1");
    let body: Value = refused.json().await.unwrap();
    let message = body["error"]["message"].as_str().unwrap();
    assert!(message.contains("MAX_CONCURRENT_REQUESTS"), "{message}");
    let health = app.http.get(app.url("/health")).send().await.unwrap();
    assert_eq!(health.status().as_u16(), 200);

    release.notify_one();
    assert_eq!(first.await.unwrap(), 200);
    // The slot is free again.
    assert_eq!(pings(&app, "/mcp/docs", 1, &[]).await, vec![200]);
}
