//! Checks a JSON-RPC POST before rmcp sees it, so that malformed input gets the answers
//! the MCP transport rules ask for: a batch array is `400` with `-32600`, unparseable
//! JSON is `400` with `-32700`, an oversized body is a JSON `413`. It also accepts
//! clients that send `Accept: application/json` alone (or no `Accept`): this server only
//! ever answers with JSON, so the header is completed for rmcp instead of failing with 406.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::http::responses::jsonrpc_error;
use crate::measure;

const BOTH: &str = "application/json, text/event-stream";

/// Whether an `Accept` value lets this server answer with JSON, but lacks the SSE type rmcp insists on.
fn needs_completion(accept: Option<&str>) -> bool {
    match accept {
        None => true,
        Some(value) => {
            let value = value.to_ascii_lowercase();
            !value.contains("text/event-stream")
                && (value.contains("application/json") || value.contains("*/*"))
        }
    }
}

/// Middleware for both MCP endpoints; `State` is the body limit in bytes.
pub async fn check_jsonrpc_body(
    State(limit): State<usize>,
    request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    let is_json = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim_start()
                .to_ascii_lowercase()
                .starts_with("application/json")
        });
    if !is_json {
        // rmcp answers 415 with the reason.
        return next.run(request).await;
    }
    let (mut parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, limit).await else {
        tracing::info!(limit, "refused: request body too large");
        return jsonrpc_error(
            StatusCode::PAYLOAD_TOO_LARGE,
            -32600,
            &format!("request body exceeds {limit} bytes"),
        );
    };
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace()).copied();
    if first == Some(b'[') {
        tracing::info!("refused: JSON-RPC batch");
        return jsonrpc_error(
            StatusCode::BAD_REQUEST,
            -32600,
            "batch requests are not supported: send one JSON-RPC message per POST",
        );
    }
    // The method is read for the request counter; a body that is JSON but not a request
    // object is left for rmcp to judge, as before.
    let method = match serde_json::from_slice::<Envelope<'_>>(&bytes) {
        Ok(envelope) => Some(measure::rpc_method(
            envelope.method.as_deref().unwrap_or_default(),
        )),
        Err(_) => None,
    };
    if method.is_none()
        && let Err(e) = serde_json::from_slice::<serde::de::IgnoredAny>(&bytes)
    {
        // Only where parsing stopped: the body itself may hold anything, credentials too.
        tracing::info!(
            line = e.line(),
            column = e.column(),
            "refused: body is not JSON"
        );
        return jsonrpc_error(
            StatusCode::BAD_REQUEST,
            -32700,
            &format!("parse error: {e}"),
        );
    }
    let accept = parts
        .headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok());
    if needs_completion(accept) {
        parts
            .headers
            .insert(header::ACCEPT, HeaderValue::from_static(BOTH));
    }
    let mut response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    if let Some(method) = method {
        response.extensions_mut().insert(measure::RpcMethod(method));
    }
    response
}

/// The one field of a JSON-RPC message the metrics need.
#[derive(serde::Deserialize)]
struct Envelope<'a> {
    #[serde(borrow)]
    method: Option<std::borrow::Cow<'a, str>>,
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn accept_completion() {
        assert!(needs_completion(None));
        assert!(needs_completion(Some("application/json")));
        assert!(needs_completion(Some("*/*")));
        assert!(!needs_completion(Some(
            "application/json, text/event-stream"
        )));
        assert!(!needs_completion(Some("text/html")));
    }
}
