//! The external base URL that the 401 challenge and the protected-resource metadata name.
//! With `PUBLIC_URL` set it is always that. Without it, a local server is reached as
//! `localhost`, `127.0.0.1` or `[::1]` alike, and OAuth clients insist that the metadata's
//! `resource` equals the URL they used; so a loopback `Host` is echoed back (rebuilt from
//! its parsed parts, never copied verbatim), and anything else gets `http://localhost:<port>`.

use axum::http::{HeaderMap, header};

use crate::http::guard::split_host;

#[derive(Debug, Clone)]
pub struct PublicBase {
    configured: Option<String>,
    fallback: String,
}

impl PublicBase {
    /// `configured` is `PUBLIC_URL` without a trailing `/`; `port` the bound port.
    pub fn new(configured: Option<String>, port: u16) -> Self {
        Self {
            configured,
            fallback: format!("http://localhost:{port}"),
        }
    }

    /// The base URL for a request with these headers.
    pub fn resolve(&self, headers: &HeaderMap) -> String {
        if let Some(base) = &self.configured {
            return base.clone();
        }
        headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .and_then(loopback_base)
            .unwrap_or_else(|| self.fallback.clone())
    }
}

/// `http://<loopback host>[:<port>]` for a loopback `Host` value, else `None`.
fn loopback_base(host: &str) -> Option<String> {
    let (name, port) = split_host(host)?;
    let name = match name.to_ascii_lowercase().as_str() {
        "localhost" => "localhost",
        "127.0.0.1" => "127.0.0.1",
        "::1" => "[::1]",
        _ => return None,
    };
    Some(match port {
        Some(p) => format!("http://{name}:{p}"),
        None => format!("http://{name}"),
    })
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn with_host(host: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_str(host).unwrap());
        h
    }

    #[test]
    fn loopback_hosts_are_echoed_others_fall_back() {
        let base = PublicBase::new(None, 3333);
        assert_eq!(
            base.resolve(&with_host("127.0.0.1:3333")),
            "http://127.0.0.1:3333"
        );
        assert_eq!(
            base.resolve(&with_host("LOCALHOST:8080")),
            "http://localhost:8080"
        );
        assert_eq!(base.resolve(&with_host("[::1]:3333")), "http://[::1]:3333");
        assert_eq!(
            base.resolve(&with_host("evil.example")),
            "http://localhost:3333"
        );
        assert_eq!(
            base.resolve(&with_host("localhost:33\"x")),
            "http://localhost:3333"
        );
        assert_eq!(base.resolve(&HeaderMap::new()), "http://localhost:3333");
    }

    #[test]
    fn a_configured_url_always_wins() {
        let base = PublicBase::new(Some("https://mcp.example".into()), 3333);
        assert_eq!(
            base.resolve(&with_host("127.0.0.1:3333")),
            "https://mcp.example"
        );
    }
}
