//! The HTTP surface of SPEC §2 on one axum router: the front page at `/`, `/health`, `/metrics`, the protected-resource
//! metadata, the issuer's metadata for older OAuth clients, the public docs MCP at `/mcp/docs`, the authenticated platform MCP at `/mcp`,
//! the tool catalog at `/mcp/tools`, and JSON 404/405 for everything else. Both MCP endpoints run rmcp's streamable-HTTP
//! service in stateless JSON mode behind the Host/Origin guard.

pub mod auth;
pub mod body;
pub mod front_page;
pub mod guard;
pub mod health;
pub mod issuer_metadata;
pub mod limits;
pub mod metrics;
pub mod public_base;
pub mod request_id;
pub mod responses;
pub mod timeout;
pub mod tool_catalog;
pub mod well_known;

use std::sync::Arc;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use rmcp::transport::streamable_http_server::StreamableHttpServerConfig;
use tower::ServiceBuilder;

use crate::docs::tools::DocsServer;
use crate::mcp::lean::LeanMcp;
use crate::platform::server::PlatformServer;

/// Everything the router needs, built once at start-up.
pub struct HttpState {
    pub docs: DocsServer,
    pub platform: PlatformServer,
    pub guard: guard::HostGuard,
    pub credentials: auth::CredentialCheck,
    pub issuer_metadata: issuer_metadata::IssuerMetadata,
    pub metadata: well_known::ResourceMetadata,
    pub health: health::Health,
    pub front_page: front_page::FrontPage,
    pub max_body_bytes: usize,
    pub limits: limits::Limits,
    /// `/metrics`, when `METRICS` is on.
    pub metrics: Option<metrics::Metrics>,
    /// `REQUEST_TIMEOUT_MS`.
    pub request_timeout: std::time::Duration,
}

/// rmcp's transport settings shared by both endpoints. Host and Origin are checked by
/// [`guard`] (before authentication), so rmcp's own copy of that check is switched off.
fn transport_config(max_body_bytes: usize) -> StreamableHttpServerConfig {
    StreamableHttpServerConfig::default()
        .with_legacy_session_mode(false)
        .with_json_response(true)
        .with_sse_keep_alive(None)
        .disable_allowed_hosts()
        .with_max_request_body_bytes(max_body_bytes)
}

pub fn router(state: HttpState) -> Router {
    let guard = Arc::new(state.guard);
    // Stateless JSON requests take the lean path; rmcp's service answers the rest (see crate::mcp::lean).
    let docs_service = Arc::new(LeanMcp::new(
        state.docs,
        transport_config(state.max_body_bytes),
    ));
    let platform_server = state.platform;
    let tool_catalog = tool_catalog::router(platform_server.clone(), guard.clone());
    let platform_service = Arc::new(LeanMcp::new(
        platform_server,
        transport_config(state.max_body_bytes),
    ));

    let credentials = Arc::new(state.credentials);
    let limit = state.max_body_bytes;
    let front = Arc::new(state.front_page);
    let front_page = Router::new()
        .route(
            "/",
            get(move |headers: HeaderMap| async move { front.response(&headers) }),
        )
        .route_layer(from_fn_with_state(
            guard.clone(),
            guard::check_host_and_origin,
        ));
    // Layers run outside-in: the Host/Origin guard, then (for /mcp) the credential
    // check, then the JSON-RPC body check, then rmcp. Each stack is one `route_layer`
    // (a `ServiceBuilder`, outermost first): axum boxes the route once per `route_layer`
    // and every middleware clones what it wraps per request, so nested route layers cost
    // an allocation per layer below for each layer above.
    let docs_mcp = Router::new()
        .route(
            "/mcp/docs",
            post(move |request: Request| async move { docs_service.handle(request).await })
                .fallback(mcp_method_not_allowed),
        )
        .route_layer(
            ServiceBuilder::new()
                .layer(from_fn_with_state(
                    guard.clone(),
                    guard::check_host_and_origin,
                ))
                .layer(from_fn_with_state(limit, body::check_jsonrpc_body)),
        );
    let platform_mcp = Router::new()
        .route(
            "/mcp",
            post(move |request: Request| async move { platform_service.handle(request).await })
                .fallback(mcp_method_not_allowed),
        )
        .route_layer(
            ServiceBuilder::new()
                .layer(from_fn_with_state(guard, guard::check_host_and_origin))
                .layer(from_fn_with_state(credentials, auth::require_credential))
                .layer(from_fn_with_state(limit, body::check_jsonrpc_body)),
        );

    let metadata = Arc::new(state.metadata);
    let metadata_root = metadata.clone();
    let health = state.health;
    let issuer_metadata = Arc::new(state.issuer_metadata);
    // Older clients look for the authorization server's metadata on this host, at the root
    // or with the resource path appended (RFC 8414 path insertion for `/mcp`).
    let mut discovery = Router::new();
    for path in [
        "/.well-known/oauth-authorization-server",
        "/.well-known/oauth-authorization-server/mcp",
        "/.well-known/openid-configuration",
        "/.well-known/openid-configuration/mcp",
        "/mcp/.well-known/openid-configuration",
    ] {
        let metadata = issuer_metadata.clone();
        discovery = discovery.route(path, get(move || async move { metadata.response().await }));
    }
    // Every route but /health (and /metrics, added by the caller) is behind the limits; they
    // run first, before the guard and before any credential is verified.
    let limited = Router::new()
        .route(
            "/.well-known/oauth-protected-resource/mcp",
            get(move |headers: HeaderMap| async move { metadata.response(&headers) }),
        )
        .route(
            "/.well-known/oauth-protected-resource",
            get(move |headers: HeaderMap| async move { metadata_root.response(&headers) }),
        )
        .merge(discovery)
        .merge(front_page)
        .merge(docs_mcp)
        .merge(platform_mcp)
        .merge(tool_catalog)
        // Inside the limits, so a request that times out gives its concurrency permit back.
        .route_layer(
            ServiceBuilder::new()
                .layer(from_fn_with_state(Arc::new(state.limits), limits::enforce))
                .layer(from_fn_with_state(state.request_timeout, timeout::enforce)),
        );
    let mut open = Router::new().route("/health", get(move || async move { health.response() }));
    if let Some(metrics) = state.metrics {
        open = open.route("/metrics", get(move || async move { metrics.response() }));
    }
    open.merge(limited)
        .route_layer(from_fn(request_id::record_route))
        .fallback(responses::not_found)
        .method_not_allowed_fallback(responses::method_not_allowed)
        // Outermost, so every answer (404s and refusals included) is in a request span
        // and carries X-Request-Id.
        .layer(from_fn(request_id::trace_request))
}

/// GET, DELETE and every other non-POST method on an MCP endpoint: this server keeps no
/// sessions, so there is no stream to open and nothing to delete.
async fn mcp_method_not_allowed(method: axum::http::Method) -> Response {
    tracing::info!(%method, "refused: MCP endpoints take POST only");
    let mut response = responses::jsonrpc_error(
        StatusCode::METHOD_NOT_ALLOWED,
        -32000,
        &format!("{method} is not supported: send JSON-RPC messages with POST"),
    );
    response
        .headers_mut()
        .insert(header::ALLOW, header::HeaderValue::from_static("POST"));
    response.into_response()
}
