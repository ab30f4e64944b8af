//! The lean path for stateless JSON requests on `/mcp/docs` and `/mcp`.
//!
//! rmcp 3.11's `StreamableHttpService` answers each stateless POST by building a whole service for it: it calls
//! the handler factory, creates a `Peer` (a 1024-slot channel and half a dozen `Arc`s), starts a serve loop as a
//! spawned task, wraps the message in a one-shot transport, spawns the handler as another task, and passes the
//! answer back over channels before serializing it. For a `ping` that is most of the server's CPU time (the
//! issue measured the SDK's path at 40% of a bare axum route). Here the same JSON-RPC request is handed straight
//! to the same `ServerHandler` (built once) with a `RequestContext` like the one rmcp would build, and the answer
//! is serialized once. rmcp's model types and handler traits are kept: only the per-request plumbing is skipped.
//!
//! What takes the lean path: a request with method `ping`, `tools/list`, `tools/call`, `resources/list`,
//! `resources/templates/list`, `resources/read` or `completion/complete`, and any notification (202), when the
//! `MCP-Protocol-Version` header is absent or names a version with the `initialize` handshake, the body carries no
//! per-request protocol version, and no SEP-2243 (`Mcp-Method`, `Mcp-Name`, `Mcp-Param-*`) or session header is
//! sent. Everything else (`initialize`, `server/discover`, 2026-07-28 requests, responses, unknown methods,
//! malformed messages, a wrong `Accept` or `Content-Type`) goes to rmcp's service unchanged, so its answers and
//! error precedence stay the reference.

use std::convert::Infallible;
use std::sync::{Arc, OnceLock};

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures::SinkExt as _;
use rmcp::model::{
    ClientCapabilities, ClientJsonRpcMessage, ClientRequest, GetExtensions, GetMeta,
    Implementation, InitializeRequestParams, JsonRpcMessage, JsonRpcRequest, ProtocolVersion,
    ServerJsonRpcMessage,
};
use rmcp::service::{RequestContext, RxJsonRpcMessage, TxJsonRpcMessage, serve_directly};
use rmcp::transport::streamable_http_server::session::never::NeverSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use rmcp::{Peer, RoleServer, ServerHandler, Service as _};
use tower::ServiceExt as _;

use super::serialized::SerializedResult;
use super::tools_cache::{self, ToolsListCache, ToolsListKey};

const PROTOCOL_HEADER: &str = "mcp-protocol-version";
/// rmcp's answer to a stateless request without the header: the version before the header existed.
const DEFAULT_VERSION: ProtocolVersion = ProtocolVersion::V_2025_03_26;
/// The versions with the `initialize` handshake: their stateless requests carry nothing per request.
const LEGACY_VERSIONS: [ProtocolVersion; 4] = [
    ProtocolVersion::V_2024_11_05,
    ProtocolVersion::V_2025_03_26,
    ProtocolVersion::V_2025_06_18,
    ProtocolVersion::V_2025_11_25,
];

/// One MCP endpoint: the handler built once, rmcp's service as the fallback, and one peer per protocol version.
pub struct LeanMcp<S: ServerHandler + ToolsListKey + Clone> {
    handler: S,
    /// `tools/list` answers, serialized once per selection of tools.
    tools_lists: ToolsListCache,
    fallback: StreamableHttpService<S, NeverSessionManager>,
    /// Built on first use, inside the runtime (a peer comes with a serve loop task).
    peers: OnceLock<Vec<(ProtocolVersion, Peer<RoleServer>)>>,
}

impl<S: ServerHandler + ToolsListKey + Clone> LeanMcp<S> {
    pub fn new(handler: S, config: StreamableHttpServerConfig) -> Self {
        let factory = handler.clone();
        let fallback = StreamableHttpService::new(
            move || Ok(factory.clone()),
            Arc::new(NeverSessionManager::default()),
            config,
        );
        Self {
            handler,
            tools_lists: ToolsListCache::default(),
            fallback,
            peers: OnceLock::new(),
        }
    }

    /// Answers one POST: on the lean path when it qualifies, else through rmcp's service.
    pub async fn handle(&self, request: Request) -> Response {
        if !headers_qualify(request.headers()) {
            return self.fall_back(request).await;
        }
        let (parts, body) = request.into_parts();
        // The body-check middleware has already buffered and size-checked the body; this only takes the bytes.
        let Ok(bytes) = to_bytes(body, usize::MAX).await else {
            return StatusCode::BAD_REQUEST.into_response();
        };
        let parsed = match super::fast_parse::parse(&bytes) {
            Some(message) => Ok(message),
            None => serde_json::from_slice::<ClientJsonRpcMessage>(&bytes),
        };
        let message = match parsed {
            Ok(message) if message_qualifies(&message) => message,
            _ => {
                return self
                    .fall_back(Request::from_parts(parts, Body::from(bytes)))
                    .await;
            }
        };
        let version = header_version(&parts.headers);
        match message {
            JsonRpcMessage::Request(JsonRpcRequest {
                id, mut request, ..
            }) => {
                // Only a first page can be kept: a cursor would name a later one.
                let cache_key = match &request {
                    ClientRequest::ListToolsRequest(list)
                        if list.params.as_ref().is_none_or(|p| p.cursor.is_none()) =>
                    {
                        self.handler
                            .tools_list_key(&parts)
                            .map(|key| ToolsListCache::key(&version, &key))
                    }
                    _ => None,
                };
                if let Some(key) = &cache_key
                    && let Some(result) = self.tools_lists.get(key)
                {
                    return spliced_response(&id, &result);
                }
                let mut context = RequestContext::new(id.clone(), self.peer(&version));
                std::mem::swap(&mut context.meta, request.get_meta_mut());
                std::mem::swap(&mut context.extensions, request.extensions_mut());
                context.extensions.insert(parts);
                // A tool handler may leave its result already serialized here (see super::serialized).
                let serialized = matches!(request, ClientRequest::CallToolRequest(_)).then(|| {
                    let slot = SerializedResult::default();
                    context.extensions.insert(slot.clone());
                    slot
                });
                // A clone per request, as rmcp's factory does: the docs handler takes the
                // current docs snapshot when cloned, so live reloads reach the lean path.
                let handler = self.handler.clone();
                let handled = handler.handle_request(request, context).await;
                if handled.is_ok()
                    && let Some(bytes) = serialized.and_then(|slot| slot.take())
                {
                    return spliced_response(&id, &bytes);
                }
                let answer = match handled {
                    Ok(result) => match cache_key {
                        Some(key) => match serde_json::to_vec(&result) {
                            Ok(bytes) => {
                                let bytes: Arc<[u8]> = bytes.into();
                                self.tools_lists.put(key, bytes.clone());
                                return spliced_response(&id, &bytes);
                            }
                            Err(_) => ServerJsonRpcMessage::response(result, id),
                        },
                        None => ServerJsonRpcMessage::response(result, id),
                    },
                    Err(error) => ServerJsonRpcMessage::error(error, Some(id)),
                };
                json_response(&answer)
            }
            // A stateless server has nothing to do with a notification: rmcp ignores it too.
            _ => StatusCode::ACCEPTED.into_response(),
        }
    }

    async fn fall_back(&self, request: Request) -> Response {
        match self.fallback.clone().oneshot(request).await {
            Ok(response) => response.map(Body::new),
            Err(never) => match never {},
        }
    }

    /// The peer whose recorded client version is `version`, so `RequestContext::protocol_version()` answers as
    /// it does under rmcp (which reconstructs it from the header for stateless requests).
    fn peer(&self, version: &ProtocolVersion) -> Peer<RoleServer> {
        let peers = self.peers.get_or_init(|| {
            LEGACY_VERSIONS
                .iter()
                .map(|v| (v.clone(), idle_peer(self.handler.clone(), v.clone())))
                .collect()
        });
        let found = peers.iter().find(|(v, _)| v == version).or(peers.first());
        match found {
            Some((_, peer)) => peer.clone(),
            // Unreachable: the list is never empty; a fresh peer is still a correct answer.
            None => idle_peer(self.handler.clone(), version.clone()),
        }
    }
}

/// A peer backed by a serve loop that receives nothing: what a handler sends through it (progress, logs) is
/// dropped, which is what a stateless JSON answer could carry of it anyway.
fn idle_peer<S: ServerHandler>(handler: S, version: ProtocolVersion) -> Peer<RoleServer> {
    let info =
        InitializeRequestParams::new(ClientCapabilities::default(), Implementation::default())
            .with_protocol_version(version);
    let sink = futures::sink::drain::<TxJsonRpcMessage<RoleServer>>()
        .sink_map_err(|never: Infallible| -> std::io::Error { match never {} });
    let stream = futures::stream::pending::<RxJsonRpcMessage<RoleServer>>();
    let running = serve_directly(handler, (sink, stream), Some(info));
    let peer = running.peer().clone();
    tokio::spawn(async move {
        let _ = running.waiting().await;
    });
    peer
}

/// Whether the headers leave nothing for rmcp to check beyond what the lean path checks.
fn headers_qualify(headers: &HeaderMap) -> bool {
    let accept_ok = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            v.contains("application/json") && v.contains("text/event-stream")
        });
    let json_ok = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(';')
                .next()
                .is_some_and(|e| e.trim().eq_ignore_ascii_case("application/json"))
        });
    let version_ok = match headers.get(PROTOCOL_HEADER) {
        None => true,
        Some(v) => v
            .to_str()
            .is_ok_and(|v| LEGACY_VERSIONS.iter().any(|l| l.as_str() == v)),
    };
    let no_extras = headers.keys().all(|name| {
        let name = name.as_str();
        !name.starts_with("mcp-") || name == PROTOCOL_HEADER
    }) && !headers.contains_key("last-event-id");
    accept_ok && json_ok && version_ok && no_extras
}

/// Whether the message is one the lean path answers exactly as rmcp would.
fn message_qualifies(message: &ClientJsonRpcMessage) -> bool {
    match message {
        JsonRpcMessage::Request(JsonRpcRequest { request, .. }) => {
            let plain = matches!(
                request,
                ClientRequest::PingRequest(_)
                    | ClientRequest::ListToolsRequest(_)
                    | ClientRequest::CallToolRequest(_)
                    | ClientRequest::ListResourcesRequest(_)
                    | ClientRequest::ListResourceTemplatesRequest(_)
                    | ClientRequest::ReadResourceRequest(_)
                    | ClientRequest::CompleteRequest(_)
            );
            plain && !has_per_request_version(request)
        }
        // rmcp answers every stateless notification with 202 once the headers pass.
        JsonRpcMessage::Notification(_) => true,
        _ => false,
    }
}

/// A 2026-07-28 request names its version (and client) in `_meta`; rmcp negotiates those per request.
fn has_per_request_version(request: &ClientRequest) -> bool {
    request
        .get_meta()
        .keys()
        .any(|key| key.starts_with("io.modelcontextprotocol/"))
}

fn header_version(headers: &HeaderMap) -> ProtocolVersion {
    headers
        .get(PROTOCOL_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| LEGACY_VERSIONS.iter().find(|l| l.as_str() == v))
        .cloned()
        .unwrap_or(DEFAULT_VERSION)
}

fn json_response(message: &ServerJsonRpcMessage) -> Response {
    json_bytes_response(serde_json::to_vec(message))
}

/// The answer to request `id` whose `result` is already serialized (a kept `tools/list` answer).
fn spliced_response(id: &rmcp::model::RequestId, result: &[u8]) -> Response {
    json_bytes_response(tools_cache::response_bytes(id, result))
}

fn json_bytes_response(body: Result<Vec<u8>, serde_json::Error>) -> Response {
    match body {
        Ok(body) => (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            body,
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, "could not serialize a JSON-RPC answer");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        map.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        map.insert(
            header::ACCEPT,
            HeaderValue::from_static("application/json, text/event-stream"),
        );
        for (k, v) in pairs {
            map.insert(*k, HeaderValue::from_static(v));
        }
        map
    }

    fn message(text: &str) -> ClientJsonRpcMessage {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn what_official_clients_send_after_initialize_takes_the_lean_path() {
        assert!(headers_qualify(&headers(&[])));
        assert!(headers_qualify(&headers(&[(
            "mcp-protocol-version",
            "2025-11-25"
        )])));
        for text in [
            r#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#,
            r#"{"jsonrpc":"2.0","id":2,"method":"tools/list","params":{}}"#,
            r#"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"docs_search","arguments":{"query":"x"},"_meta":{"progressToken":1}}}"#,
            r#"{"jsonrpc":"2.0","id":4,"method":"resources/read","params":{"uri":"docs://x"}}"#,
            r#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#,
        ] {
            assert!(message_qualifies(&message(text)), "{text}");
        }
    }

    #[test]
    fn the_rest_is_left_to_rmcp() {
        for pairs in [
            &[("mcp-protocol-version", "2026-07-28")][..],
            &[("mcp-protocol-version", "1999-01-01")],
            &[("mcp-session-id", "abc")],
            &[("mcp-method", "tools/call")],
        ] {
            assert!(!headers_qualify(&headers(pairs)), "{pairs:?}");
        }
        let mut json_only = headers(&[]);
        json_only.insert(header::ACCEPT, HeaderValue::from_static("application/json"));
        assert!(!headers_qualify(&json_only));
        for text in [
            r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"0"}}}"#,
            r#"{"jsonrpc":"2.0","id":1,"method":"server/discover"}"#,
            r#"{"jsonrpc":"2.0","id":1,"method":"prompts/list"}"#,
            r#"{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}}}"#,
            r#"{"jsonrpc":"2.0","id":1,"result":{}}"#,
        ] {
            // A message rmcp's types cannot even parse is left to rmcp as well.
            let lean = serde_json::from_str::<ClientJsonRpcMessage>(text)
                .is_ok_and(|m| message_qualifies(&m));
            assert!(!lean, "{text}");
        }
    }
}
