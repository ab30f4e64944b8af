//! `GET /mcp/tools` and `hostless-mcp tools --json`: the catalog with token costs, without
//! credentials. It covers every API-key route of the seed page exactly once, its token
//! figures are those of the real `tools/list` entries, and for a selection it lists
//! exactly what `tools/list` shows on `/mcp` with the same selection.

use std::collections::HashSet;

use hostless_mcp::api_routes::{JWT_ONLY_ROUTES, ROUTES};
use serde_json::Value;

use crate::helpers::TestApp;

const KEY: &str = "hlk_a1b2c3d4_catalogsecret";

async fn listing(app: &TestApp, query: &str) -> Value {
    let response = app
        .http
        .get(app.url(&format!("/mcp/tools{query}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{query}");
    response.json().await.unwrap()
}

/// The real `tools/list` entries for the same query on `/mcp`, as JSON.
async fn tools_list(app: &TestApp, query: &str) -> Vec<Value> {
    let client = app.client(&format!("/mcp{query}"), Some(KEY)).await;
    client
        .list_all_tools()
        .await
        .unwrap()
        .into_iter()
        .map(|t| serde_json::to_value(&t).unwrap())
        .collect()
}

/// Characters of what a client hands to a model: name, description, inputSchema as JSON.
fn chars(entry: &Value) -> usize {
    entry["name"].as_str().unwrap().chars().count()
        + entry["description"]
            .as_str()
            .unwrap_or_default()
            .chars()
            .count()
        + serde_json::to_string(&entry["inputSchema"])
            .unwrap()
            .chars()
            .count()
}

#[tokio::test]
async fn needs_no_credential_and_matches_tools_list_for_the_same_selection() {
    let app = TestApp::start().await;
    for query in [
        "",
        "?toolsets=default,metrics",
        "?toolsets=all",
        "?toolsets=all&readonly=true",
        "?toolsets=vms,billing",
    ] {
        let listed = listing(&app, query).await;
        let real = tools_list(&app, query).await;
        let names: Vec<&str> = listed["tools"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["name"].as_str().unwrap())
            .collect();
        let real_names: Vec<&str> = real.iter().map(|t| t["name"].as_str().unwrap()).collect();
        assert_eq!(names, real_names, "{query}");
        let mut total = 0;
        for (entry, tool) in listed["tools"].as_array().unwrap().iter().zip(&real) {
            assert_eq!(
                entry["inputSchema"], tool["inputSchema"],
                "{}",
                tool["name"]
            );
            assert_eq!(
                entry["annotations"], tool["annotations"],
                "{}",
                tool["name"]
            );
            let figure = entry["tokens"].as_u64().unwrap() as f64;
            let measured = chars(tool) as f64 / 4.0;
            assert!(
                (figure - measured).abs() <= measured * 0.05,
                "{}: {figure} tokens vs {measured}",
                tool["name"]
            );
            total += entry["tokens"].as_u64().unwrap();
        }
        assert_eq!(listed["tokens"], total, "{query}");
        let per_toolset: u64 = listed["toolsets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["tokens"].as_u64().unwrap())
            .sum();
        assert_eq!(per_toolset, total, "{query}");
        let counted: u64 = listed["toolsets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["tools"].as_u64().unwrap())
            .sum();
        assert_eq!(counted as usize, real.len(), "{query}");
    }

    // The default selection: within Cursor's 40, every entry flagged default.
    let default = listing(&app, "").await;
    let tools = default["tools"].as_array().unwrap();
    assert!(tools.len() <= 40);
    assert!(tools.iter().all(|t| t["default"] == true));
    // Read-only lists only reads.
    let read_only = listing(&app, "?toolsets=all&readonly=true").await;
    assert!(
        read_only["tools"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["annotations"]["readOnlyHint"] == true)
    );
}

#[tokio::test]
async fn covers_every_seed_route_exactly_once_with_its_scope() {
    let app = TestApp::start().await;
    let all = listing(&app, "?toolsets=all").await;
    let mut seen = HashSet::new();
    for tool in all["tools"].as_array().unwrap() {
        for key in ["name", "toolset", "method", "path", "scope", "annotations"] {
            assert!(!tool[key].is_null(), "{}: no {key}", tool["name"]);
        }
        assert!(tool["path"].as_str().unwrap().starts_with("/v1/"));
        let method = tool["method"].as_str().unwrap();
        for route in tool["routes"].as_array().unwrap() {
            let path = route["path"].as_str().unwrap();
            let scope = route["scope"].as_str().unwrap();
            assert!(
                seen.insert((method.to_string(), path.to_string())),
                "{method} {path} is listed twice"
            );
            let relative = path.strip_prefix("/v1").unwrap();
            if scope == "session-only" {
                assert!(
                    JWT_ONLY_ROUTES
                        .iter()
                        .any(|r| r.method.as_str() == method && r.path == relative),
                    "{method} {path} is session-only but not a JWT-only route"
                );
            } else {
                let seed = ROUTES
                    .iter()
                    .find(|r| r.method.as_str() == method && r.path == relative)
                    .unwrap_or_else(|| panic!("{method} {path} is not a seed route"));
                assert_eq!(seed.scope, scope, "{method} {path}");
            }
        }
    }
    for route in ROUTES {
        assert!(
            seen.contains(&(route.method.to_string(), format!("/v1{}", route.path))),
            "no tool lists {} {}",
            route.method,
            route.path
        );
    }
}

#[tokio::test]
async fn an_unknown_toolset_is_a_400_naming_the_known_ones() {
    let app = TestApp::start().await;
    let response = app
        .http
        .get(app.url("/mcp/tools?toolsets=nope"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("default, projects"),
        "{body}"
    );
}

#[test]
fn the_cli_prints_the_same_catalog_as_json() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_hostless-mcp"))
        .args(["tools", "--json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let tools = json["tools"].as_array().unwrap();
    assert_eq!(tools.len(), hostless_mcp::platform::catalog::CATALOG.len());
    assert!(json["tokens"].as_u64().unwrap() > 0);
    let table = std::process::Command::new(env!("CARGO_BIN_EXE_hostless-mcp"))
        .args(["tools", "--toolsets", "default"])
        .output()
        .unwrap();
    let text = String::from_utf8(table.stdout).unwrap();
    let count = 30 + hostless_mcp::platform::catalog::DEFAULT_EXTRAS.len();
    assert!(
        text.contains("deployments_trigger") && text.contains(&format!("total {count} tools")),
        "{text}"
    );
}

#[tokio::test]
async fn is_rate_limited_like_the_docs_endpoint_with_its_own_bucket() {
    let mut config = crate::helpers::config();
    config.rate_limit_per_minute = 60;
    config.rate_limit_loopback = true;
    let app = TestApp::spawn(config).await;
    for _ in 0..6 {
        let r = app.http.get(app.url("/mcp/tools")).send().await.unwrap();
        assert_eq!(r.status(), 200);
    }
    let refused = app.http.get(app.url("/mcp/tools")).send().await.unwrap();
    assert_eq!(refused.status(), 429);
    assert!(refused.headers().contains_key("retry-after"));
    // The docs endpoint keeps its own bucket.
    let docs = app
        .post(
            "/mcp/docs",
            r#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#,
            &[],
        )
        .await;
    assert_eq!(docs.status(), 200);
}
