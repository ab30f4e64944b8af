//! What the server counts and times, in one place: metric names, their labels, and the small
//! functions the rest of the code calls. Recorded through the `metrics` facade, so nothing
//! costs more than a no-op until [`install`] sets the Prometheus recorder (once per process:
//! tests start many servers in one). Labels are route templates, tool names from the catalog,
//! methods from fixed lists and outcomes only: never a credential, a raw path or query text.

use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

pub const HTTP_REQUESTS: &str = "hostless_mcp_http_requests_total";
pub const HTTP_DURATION: &str = "hostless_mcp_http_request_duration_seconds";
pub const TOOL_CALLS: &str = "hostless_mcp_tool_calls_total";
pub const TOOL_DURATION: &str = "hostless_mcp_tool_call_duration_seconds";
pub const API_DURATION: &str = "hostless_mcp_api_call_duration_seconds";
/// Requests refused by a limit; `limit` is `rate` or `concurrency`.
pub const LIMIT_REFUSALS: &str = "hostless_mcp_limit_refusals_total";
pub const DOCS_PAGES: &str = "hostless_mcp_docs_pages";
pub const DOCS_INDEXED_AT: &str = "hostless_mcp_docs_indexed_timestamp_seconds";

/// Latency buckets in seconds, from a cached docs search to a slow upstream deploy call.
const BUCKETS: &[f64] = &[
    0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// JSON-RPC methods counted by name; any other is `other`, so a client cannot mint labels.
const RPC_METHODS: &[&str] = &[
    "initialize",
    "ping",
    "tools/list",
    "tools/call",
    "resources/list",
    "resources/read",
    "resources/templates/list",
    "prompts/list",
    "prompts/get",
    "completion/complete",
    "logging/setLevel",
    "notifications/initialized",
    "notifications/cancelled",
];

const HTTP_METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// The process's Prometheus handle: installs the recorder on the first call. `None` when
/// another recorder was installed first (the metrics then go there, not to `/metrics`).
pub fn install() -> Option<PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let builder = match PrometheusBuilder::new().set_buckets(BUCKETS) {
                Ok(builder) => builder,
                Err(e) => {
                    tracing::warn!(error = %e, "histogram buckets refused; latencies become summaries");
                    PrometheusBuilder::new()
                }
            };
            let recorder = builder.build_recorder();
            let handle = recorder.handle();
            match metrics::set_global_recorder(recorder) {
                Ok(()) => Some(handle),
                Err(_) => {
                    tracing::warn!("a metrics recorder was already installed; /metrics stays empty");
                    None
                }
            }
        })
        .clone()
}

/// Response extension: the route template that matched, for the request counter.
#[derive(Debug, Clone)]
pub struct MatchedRoute(pub String);

/// Response extension: the JSON-RPC method of an MCP POST, already a label.
#[derive(Debug, Clone, Copy)]
pub struct RpcMethod(pub &'static str);

/// The label for a JSON-RPC method name.
pub fn rpc_method(name: &str) -> &'static str {
    RPC_METHODS
        .iter()
        .copied()
        .find(|m| *m == name)
        .unwrap_or("other")
}

fn http_method(name: &str) -> &'static str {
    HTTP_METHODS
        .iter()
        .copied()
        .find(|m| *m == name)
        .unwrap_or("other")
}

/// One HTTP request answered. `endpoint` is the matched route template (or `unmatched`),
/// `rpc_method` the JSON-RPC method of an MCP POST (or empty).
pub fn http_request(
    endpoint: &str,
    method: &str,
    rpc_method: &'static str,
    status: u16,
    elapsed: Duration,
) {
    let endpoint = endpoint.to_string();
    metrics::counter!(
        HTTP_REQUESTS,
        "endpoint" => endpoint.clone(),
        "method" => http_method(method),
        "rpc_method" => rpc_method,
        "status" => status.to_string(),
    )
    .increment(1);
    metrics::histogram!(HTTP_DURATION, "endpoint" => endpoint).record(elapsed.as_secs_f64());
}

/// How a tool call ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToolOutcome {
    Ok,
    /// Refused or failed by this server (bad arguments, scope, toolset, a bad upstream body).
    ToolError,
    /// The Hostless API refused it with a 4xx.
    Api4xx,
    /// The Hostless API failed with a 5xx.
    Api5xx,
    /// The Hostless API could not be reached or did not answer in time.
    Unreachable,
}

impl ToolOutcome {
    pub fn label(self) -> &'static str {
        match self {
            ToolOutcome::Ok => "ok",
            ToolOutcome::ToolError => "tool_error",
            ToolOutcome::Api4xx => "api_4xx",
            ToolOutcome::Api5xx => "api_5xx",
            ToolOutcome::Unreachable => "unreachable",
        }
    }
}

/// One tool call on `server` (`docs` or `platform`); `tool` is a catalog name.
pub fn tool_call(server: &'static str, tool: &str, outcome: ToolOutcome, elapsed: Duration) {
    let tool = tool.to_string();
    metrics::counter!(
        TOOL_CALLS,
        "server" => server,
        "tool" => tool.clone(),
        "outcome" => outcome.label(),
    )
    .increment(1);
    metrics::histogram!(TOOL_DURATION, "server" => server, "tool" => tool)
        .record(elapsed.as_secs_f64());
}

/// One call to the Hostless API; `status` 0 means no answer (unreachable, timeout).
pub fn api_call(method: &str, status: u16, elapsed: Duration) {
    let class = match status {
        200..=299 => "2xx",
        300..=399 => "3xx",
        400..=499 => "4xx",
        500..=599 => "5xx",
        _ => "none",
    };
    metrics::histogram!(API_DURATION, "method" => http_method(method), "status_class" => class)
        .record(elapsed.as_secs_f64());
}

/// Counts one request refused by `limit` (`rate` or `concurrency`).
pub fn limit_refused(limit: &'static str) {
    metrics::counter!(LIMIT_REFUSALS, "limit" => limit).increment(1);
}

/// The docs index was (re)built with `pages` pages, now.
pub fn docs_indexed(pages: usize) {
    #[allow(clippy::cast_precision_loss)]
    metrics::gauge!(DOCS_PAGES).set(pages as f64);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    metrics::gauge!(DOCS_INDEXED_AT).set(now.as_secs_f64());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_come_from_fixed_lists() {
        assert_eq!(rpc_method("tools/call"), "tools/call");
        assert_eq!(rpc_method("hlk_secretsecret/x"), "other");
        assert_eq!(http_method("BREW"), "other");
    }
}
