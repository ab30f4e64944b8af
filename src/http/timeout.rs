//! The whole-request deadline (`REQUEST_TIMEOUT_MS`, SPEC §7): a request still unanswered
//! when it passes is dropped and the client gets `503` with `Retry-After` and a JSON-RPC
//! error body. Dropping the request's future also releases its concurrency permit, so a
//! stuck handler cannot hold a slot of `MAX_CONCURRENT_REQUESTS` for ever.

use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::http::responses::jsonrpc_error;

/// Route middleware; `State` is the deadline.
pub async fn enforce(State(limit): State<Duration>, request: Request, next: Next) -> Response {
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!(
                timeout_ms = u64::try_from(limit.as_millis()).unwrap_or(u64::MAX),
                "refused: request timed out"
            );
            crate::measure::limit_refused("timeout");
            timed_out(limit)
        }
    }
}

/// `503` with `Retry-After: 1`: the work was abandoned, so an immediate retry is as likely
/// to succeed as a late one, but a client should not hammer a server that is this slow.
fn timed_out(limit: Duration) -> Response {
    let mut response = jsonrpc_error(
        StatusCode::SERVICE_UNAVAILABLE,
        -32000,
        &format!(
            "the request did not finish within REQUEST_TIMEOUT_MS ({} ms) and was abandoned; retry shortly",
            limit.as_millis()
        ),
    );
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    response
}
