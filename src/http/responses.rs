//! The few response shapes the HTTP layer produces itself: JSON errors and JSON-RPC
//! errors without an id. Nothing here ever returns HTML or an empty error body.

use axum::Json;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// A JSON-RPC error response that belongs to no request (`"id": null`).
pub fn jsonrpc_error(status: StatusCode, code: i64, message: &str) -> Response {
    (
        status,
        Json(json!({"jsonrpc": "2.0", "id": null, "error": {"code": code, "message": message}})),
    )
        .into_response()
}

/// `{"error": code, "message": message}` with `status`.
pub fn json_error(status: StatusCode, code: &str, message: &str) -> Response {
    (status, Json(json!({"error": code, "message": message}))).into_response()
}

/// Fallback for every unknown path.
pub async fn not_found(method: axum::http::Method, uri: Uri) -> Response {
    // The path is not logged: an unknown path is whatever a client typed, secrets included.
    tracing::info!(%method, "refused: no such route");
    json_error(
        StatusCode::NOT_FOUND,
        "not_found",
        &format!(
            "no route for {method} {}; the MCP endpoints are POST /mcp/docs and POST /mcp",
            uri.path()
        ),
    )
}

/// Fallback for a known path called with a method it does not serve.
pub async fn method_not_allowed(method: axum::http::Method, uri: Uri) -> Response {
    tracing::info!(%method, "refused: method not allowed on this route");
    json_error(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        &format!("{method} is not supported on {}", uri.path()),
    )
}
