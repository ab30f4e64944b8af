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
        let known = split_host(host)
            .is_some_and(|(name, _)| self.hosts.contains(&name.to_ascii_lowercase()));
        if !known {
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

/// Splits a `Host` header value into its name (IPv6 brackets removed) and port:
/// `[::1]:3333` → (`::1`, `3333`), `a.example` → (`a.example`, none). `None` when the
/// port part is not a port number, so a malformed value matches nothing.
pub(crate) fn split_host(value: &str) -> Option<(&str, Option<&str>)> {
    let value = value.trim();
    let (name, port) = if let Some(rest) = value.strip_prefix('[') {
        let (name, after) = rest.split_once(']')?;
        match after {
            "" => (name, None),
            _ => (name, Some(after.strip_prefix(':')?)),
        }
    } else {
        match value.split_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (value, None),
        }
    };
    let port_ok =
        port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    (port_ok && !name.is_empty()).then_some((name, port))
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
        Err(reason) => {
            tracing::info!(reason, "refused: Host or Origin not allowed");
            jsonrpc_error(
                StatusCode::FORBIDDEN,
                -32000,
                &format!("Forbidden: {reason}"),
            )
        }
    }
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn host_values_split_into_name_and_port() {
        assert_eq!(split_host("[::1]:3333"), Some(("::1", Some("3333"))));
        assert_eq!(
            split_host("a.example:443"),
            Some(("a.example", Some("443")))
        );
        assert_eq!(split_host("a.example"), Some(("a.example", None)));
        assert_eq!(split_host("a.example:x"), None);
        assert_eq!(split_host("[::1]x"), None);
    }
}
