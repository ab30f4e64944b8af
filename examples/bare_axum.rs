//! The machine's limit for the benchmark: a bare axum route that parses the same JSON-RPC body an MCP `ping`
//! carries and answers it, with none of the MCP layer. `bench/run.sh` loads it side by side with `/mcp/docs`.
//!
//! Usage: `cargo run --release --example bare_axum -- [PORT]` (default 0: an ephemeral port, printed on stdout).

use axum::Router;
use axum::body::Bytes;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

/// Parses the body as a JSON-RPC message and echoes its id with an empty result, like `ping`.
async fn answer(body: Bytes) -> Response {
    let Ok(message) = serde_json::from_slice::<serde_json::Value>(&body) else {
        return (StatusCode::BAD_REQUEST, "parse error").into_response();
    };
    let id = message
        .get("id")
        .cloned()
        .unwrap_or(serde_json::Value::Null);
    let reply = serde_json::json!({"jsonrpc": "2.0", "id": id, "result": {}});
    match serde_json::to_vec(&reply) {
        Ok(bytes) => ([(header::CONTENT_TYPE, "application/json")], bytes).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let port: u16 = std::env::args()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!("{}", listener.local_addr()?.port());
    let app = Router::new()
        .route("/mcp/docs", post(answer))
        .route("/health", get(|| async { "ok" }));
    axum::serve(listener, app).await
}
