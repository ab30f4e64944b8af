//! One span per HTTP request: the middleware that assigns the [`RequestId`] (see
//! [`crate::request_id`]), puts it on the request as an extension for handlers, runs the
//! request inside its span, and sends the id back on every response (refusals and rmcp's
//! answers included). It also counts and times every request for `/metrics`.

use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

use crate::measure::{self, MatchedRoute, RpcMethod};

pub use crate::request_id::{HEADER, MAX_LEN, RequestId};

/// Outermost middleware: assigns the id, runs the request inside its span, logs one line
/// with status and latency when the response is ready, and sets `X-Request-Id` on it.
pub async fn trace_request(mut request: Request, next: Next) -> Response {
    let started = Instant::now();
    let id = RequestId::from_header(request.headers().get(&HEADER));
    let method = request.method().clone();
    request.extensions_mut().insert(id.clone());
    // The route is recorded by [`record_route`] once routing has matched a path; unknown
    // paths keep it empty. The raw path is not logged: it could carry anything a client typed.
    let span = tracing::info_span!(
        "request",
        request_id = %id,
        method = %request.method(),
        route = tracing::field::Empty,
    );
    let mut response = next.run(request).instrument(span.clone()).await;
    let status = response.status().as_u16();
    let latency_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    span.in_scope(|| tracing::info!(status, latency_ms, "request finished"));
    let extensions = response.extensions();
    measure::http_request(
        extensions
            .get::<MatchedRoute>()
            .map_or("unmatched", |r| r.0.as_str()),
        method.as_str(),
        extensions.get::<RpcMethod>().map_or("", |m| m.0),
        status,
        started.elapsed(),
    );
    if let Some(value) = id.header_value() {
        response.headers_mut().insert(HEADER, value);
    }
    response
}

/// Route-level middleware: records the matched route template (`/mcp`, `/health`, …) on
/// the request span, which only exists after routing, and hands it back on the response for
/// the request counter.
pub async fn record_route(request: Request, next: Next) -> Response {
    let route = request.extensions().get::<MatchedPath>().map(|path| {
        tracing::Span::current().record("route", path.as_str());
        MatchedRoute(path.as_str().to_string())
    });
    let mut response = next.run(request).await;
    if let Some(route) = route {
        response.extensions_mut().insert(route);
    }
    response
}
