//! The soak client of `bench/soak/run.sh`: N concurrent clients for a fixed time, each
//! sending raw stateless MCP requests in turn — `docs_search`, `tools/list` on `/mcp/docs`,
//! `apps_list` and `projects_list` on `/mcp` with an API key — and counting every answer that
//! is not a `200` carrying a successful JSON-RPC result (a transport error, another status, a
//! JSON-RPC error or a tool result with `isError`) as a failure. Prints one JSON summary.
//!
//! `cargo run --release --example soak -- <base-url> <api-key> [clients] [seconds]`

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const QUERIES: &[&str] = &[
    "deploy an app",
    "custom domain",
    "api key",
    "database backup",
    "environment variables",
    "logs",
];

#[derive(Default)]
struct Counts {
    ok: AtomicU64,
    failed: AtomicU64,
    docs: AtomicU64,
    platform: AtomicU64,
}

/// The body and endpoint of the `n`-th request of a client.
fn request(n: u64, client: u64) -> (&'static str, Value) {
    let query = QUERIES[usize::try_from((n + client) % QUERIES.len() as u64).unwrap()];
    match n % 4 {
        0 => (
            "/mcp/docs",
            call("docs_search", json!({"query": query, "limit": 5})),
        ),
        1 => (
            "/mcp/docs",
            json!({"jsonrpc": "2.0", "id": 1, "method": "tools/list"}),
        ),
        2 => ("/mcp", call("apps_list", json!({}))),
        _ => ("/mcp", call("projects_list", json!({}))),
    }
}

fn call(name: &str, arguments: Value) -> Value {
    json!({"jsonrpc": "2.0", "id": 1, "method": "tools/call",
           "params": {"name": name, "arguments": arguments}})
}

fn succeeded(body: &Value) -> bool {
    body.get("result")
        .is_some_and(|r| r.get("isError") != Some(&Value::Bool(true)))
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let base = args
        .get(1)
        .expect("base URL")
        .trim_end_matches('/')
        .to_string();
    let key = args.get(2).expect("API key").clone();
    let clients: u64 = args.get(3).map_or(64, |s| s.parse().expect("clients"));
    let seconds: u64 = args.get(4).map_or(60, |s| s.parse().expect("seconds"));
    let _ = rustls::crypto::ring::default_provider().install_default();
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(usize::try_from(clients).unwrap())
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let counts = Arc::new(Counts::default());
    let first_error = Arc::new(std::sync::Mutex::new(None::<String>));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for client in 0..clients {
        let (http, base, key, counts, first_error) = (
            http.clone(),
            base.clone(),
            key.clone(),
            counts.clone(),
            first_error.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut n = 0u64;
            while Instant::now() < deadline {
                let (path, body) = request(n, client);
                n += 1;
                let mut builder = http
                    .post(format!("{base}{path}"))
                    .header("content-type", "application/json")
                    .header("accept", "application/json, text/event-stream")
                    .body(body.to_string());
                if path == "/mcp" {
                    builder = builder.header("authorization", format!("Bearer {key}"));
                    counts.platform.fetch_add(1, Ordering::Relaxed);
                } else {
                    counts.docs.fetch_add(1, Ordering::Relaxed);
                }
                let outcome = match builder.send().await {
                    Ok(r) if r.status() == 200 => match r.json::<Value>().await {
                        Ok(v) if succeeded(&v) => Ok(()),
                        Ok(v) => Err(format!(
                            "{path}: {}",
                            v.to_string().chars().take(300).collect::<String>()
                        )),
                        Err(e) => Err(format!("{path}: body: {e}")),
                    },
                    Ok(r) => Err(format!("{path}: status {}", r.status())),
                    Err(e) => Err(format!("{path}: {e}")),
                };
                match outcome {
                    Ok(()) => counts.ok.fetch_add(1, Ordering::Relaxed),
                    Err(e) => {
                        first_error.lock().unwrap().get_or_insert(e);
                        counts.failed.fetch_add(1, Ordering::Relaxed)
                    }
                };
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let elapsed = started.elapsed().as_secs_f64();
    let ok = counts.ok.load(Ordering::Relaxed);
    let failed = counts.failed.load(Ordering::Relaxed);
    #[allow(clippy::cast_precision_loss)]
    let rate = (ok + failed) as f64 / elapsed;
    println!(
        "{}",
        json!({
            "clients": clients,
            "seconds": elapsed,
            "requests": ok + failed,
            "ok": ok,
            "failed": failed,
            "docs_requests": counts.docs.load(Ordering::Relaxed),
            "platform_requests": counts.platform.load(Ordering::Relaxed),
            "requests_per_second": (rate * 10.0).round() / 10.0,
            "first_error": first_error.lock().unwrap().clone(),
        })
    );
}
