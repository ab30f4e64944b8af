//! DNS-rebinding protection for both MCP endpoints: the `Host` header must name this
//! server (loopback, the host of `PUBLIC_URL`, or `ALLOWED_HOSTS`), and a request that
//! carries an `Origin` must come from an allowed origin. Requests without `Origin`
//! (server-to-server, CLIs) pass. Runs before authentication, so a foreign page learns
//! nothing, not even whether a credential would be accepted.

use std::collections::HashSet;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use url::Url;

use crate::config::{Config, Origin};
use crate::http::responses::jsonrpc_error;

/// The allow-lists, built once from the config and the bound port.
#[derive(Debug)]
pub struct HostGuard {
    hosts: HashSet<String>,
    origins: HashSet<Origin>,
}

impl HostGuard {
    pub fn new(config: &Config, public_url: &Url, port: u16) -> Self {
        let mut hosts: HashSet<String> = ["localhost", "127.0.0.1", "::1"]
            .into_iter()
            .map(String::from)
            .collect();
        if let Some(h) = public_url.host_str() {
            hosts.insert(unbracket(h).to_ascii_lowercase());
        }
        hosts.extend(
            config
                .allowed_hosts
                .iter()
                .map(|h| unbracket(h).to_string()),
        );

        let mut origins: HashSet<Origin> = config.allowed_origins.iter().cloned().collect();
        origins.extend(Origin::of(public_url));
        for host in ["localhost", "127.0.0.1"] {
            origins.insert(Origin {
                scheme: "http".into(),
                host: host.into(),
                port,
            });
        }
        Self { hosts, origins }
    }

    /// `Ok(())` or the reason the request is refused.
    pub fn check(&self, headers: &HeaderMap, authority: Option<&str>) -> Result<(), &'static str> {
        let host = headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .or(authority)
            .ok_or("a Host header is required")?;
        if !self.hosts.contains(&host_name(host).to_ascii_lowercase()) {
            return Err("Host header is not allowed");
        }
        if let Some(origin) = headers.get(header::ORIGIN) {
            let allowed = origin
                .to_str()
                .ok()
                .and_then(|o| Url::parse(o).ok())
                .and_then(|u| Origin::of(&u))
                .is_some_and(|o| self.origins.contains(&o));
            if !allowed {
                return Err("Origin is not allowed");
            }
        }
        Ok(())
    }
}

fn unbracket(host: &str) -> &str {
    host.trim_start_matches('[').trim_end_matches(']')
}

/// The host part of a `Host` header value: `[::1]:3333` → `::1`, `a.example:443` → `a.example`.
fn host_name(value: &str) -> &str {
    let value = value.trim();
    if let Some(rest) = value.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest);
    }
    match value.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => value,
    }
}

/// Middleware: 403 with a JSON-RPC error body for a refused Host or Origin.
pub async fn check_host_and_origin(
    State(guard): State<Arc<HostGuard>>,
    request: Request,
    next: Next,
) -> Response {
    let authority = request.uri().authority().map(|a| a.as_str().to_owned());
    match guard.check(request.headers(), authority.as_deref()) {
        Ok(()) => next.run(request).await,
        Err(reason) => jsonrpc_error(
            StatusCode::FORBIDDEN,
            -32000,
            &format!("Forbidden: {reason}"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names_lose_their_port() {
        assert_eq!(host_name("[::1]:3333"), "::1");
        assert_eq!(host_name("a.example:443"), "a.example");
        assert_eq!(host_name("a.example"), "a.example");
    }
}
