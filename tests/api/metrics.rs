//! `GET /metrics` as a scraper reads it: valid Prometheus text (parsed with a real parser),
//! counters that move when tools are called, no credential anywhere in it, and off with
//! `METRICS=false`.

use prometheus_parse::{Scrape, Value};
use serde_json::json;

use crate::helpers::{TestApp, call, config, is_error, url};

async fn scrape(app: &TestApp) -> (String, Scrape) {
    let response = app.http.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(content_type.starts_with("text/plain"), "{content_type}");
    let text = response.text().await.unwrap();
    let scrape = Scrape::parse(text.lines().map(|l| Ok(l.to_string()))).expect("Prometheus text");
    (text, scrape)
}

/// The value of the counter `name` whose labels include every pair of `labels` (0 if absent).
fn counter(scrape: &Scrape, name: &str, labels: &[(&str, &str)]) -> f64 {
    scrape
        .samples
        .iter()
        .filter(|s| s.metric == name)
        .filter(|s| labels.iter().all(|(k, v)| s.labels.get(k) == Some(*v)))
        .map(|s| match s.value {
            Value::Counter(v) | Value::Untyped(v) | Value::Gauge(v) => v,
            _ => 0.0,
        })
        .sum()
}

#[tokio::test]
async fn counters_move_when_tools_are_called() {
    let mut config = config();
    // Nothing listens on the discard port: the platform call is "unreachable".
    config.api_base_url = url("http://127.0.0.1:9");
    let app = TestApp::spawn(config).await;
    let (_, before) = scrape(&app).await;

    let docs = app.client("/mcp/docs", None).await;
    let result = call(&docs, "search", json!({"query": "deploy"})).await;
    assert!(!is_error(&result));
    let key = "Bearer hlk_metrics1_supersecretvalue";
    let platform = app.client("/mcp?toolsets=all", Some(key)).await;
    let result = call(&platform, "projects_list", json!({})).await;
    assert!(is_error(&result), "the API is unreachable");

    let (text, after) = scrape(&app).await;
    let docs_ok = [("server", "docs"), ("tool", "search"), ("outcome", "ok")];
    let tools = "hostless_mcp_tool_calls_total";
    assert!(counter(&after, tools, &docs_ok) > counter(&before, tools, &docs_ok));
    let unreachable = [
        ("server", "platform"),
        ("tool", "projects_list"),
        ("outcome", "unreachable"),
    ];
    assert!(counter(&after, tools, &unreachable) > counter(&before, tools, &unreachable));
    let requests = "hostless_mcp_http_requests_total";
    let docs_calls = [
        ("endpoint", "/mcp/docs"),
        ("rpc_method", "tools/call"),
        ("status", "200"),
    ];
    assert!(counter(&after, requests, &docs_calls) > counter(&before, requests, &docs_calls));
    // Latency histograms exist for requests, tool calls and API calls.
    for histogram in [
        "hostless_mcp_http_request_duration_seconds_count",
        "hostless_mcp_tool_call_duration_seconds_count",
        "hostless_mcp_api_call_duration_seconds_count",
    ] {
        assert!(text.contains(histogram), "{histogram} missing");
    }
    assert!(counter(&after, "hostless_mcp_docs_pages", &[]) > 0.0);
    assert!(!text.contains("supersecretvalue") && !text.contains("hlk_"));
    assert!(!text.contains("deploy\""), "no query text in a label");
}

#[tokio::test]
async fn rate_limit_refusals_are_counted() {
    let mut config = config();
    config.rate_limit_per_minute = 10;
    config.rate_limit_loopback = true;
    let app = TestApp::spawn(config).await;
    let ping = r#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#;
    let (_, before) = scrape(&app).await;
    let mut refused = false;
    for _ in 0..3 {
        refused |= app.post("/mcp/docs", ping, &[]).await.status().as_u16() == 429;
    }
    assert!(refused);
    let (_, after) = scrape(&app).await;
    let name = "hostless_mcp_limit_refusals_total";
    assert!(
        counter(&after, name, &[("limit", "rate")]) > counter(&before, name, &[("limit", "rate")])
    );
}

#[tokio::test]
async fn metrics_false_turns_the_endpoint_off() {
    let mut config = config();
    config.metrics = false;
    let app = TestApp::spawn(config).await;
    let response = app.http.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 404);
}
