//! `/.well-known/oauth-authorization-server` and `/.well-known/openid-configuration` on
//! the MCP host (SPEC §5.1): clients of the 2025-03-26 generation look for the
//! authorization server's metadata on the MCP server's own origin instead of following the
//! protected-resource metadata. They get a copy of the issuer's RFC 8414 document, which
//! names the issuer's own endpoints, so the flow then runs against the issuer.
//!
//! The copy is cached for [`TTL`]; when the issuer cannot be reached a stale copy is
//! served, and with no copy at all the answer is a JSON `502` that says where the
//! document lives (discovery errors are always JSON: some clients fail on other bodies).

use std::sync::RwLock;
use std::time::{Duration, Instant};

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;

use crate::auth::jwks::{CappedError, read_capped};
use crate::http::responses::json_error;

const TTL: Duration = Duration::from_secs(300);
/// After a failed fetch, callers are served what there is for this long before trying again.
const RETRY_AFTER_FAILURE: Duration = Duration::from_secs(10);
const MAX_BYTES: usize = 64 * 1024;

struct Cached {
    body: Option<Bytes>,
    fetched_at: Option<Instant>,
    failed_at: Option<Instant>,
}

pub struct IssuerMetadata {
    /// Where the issuer publishes its metadata, in the order RFC 8414 and OIDC say to try.
    candidates: Vec<String>,
    http: reqwest::Client,
    cached: RwLock<Cached>,
    fetching: tokio::sync::Mutex<()>,
}

/// The metadata URLs of an issuer: RFC 8414 inserts the well-known segment before the
/// issuer's path; OIDC discovery appends it.
pub fn candidate_urls(issuer: &str) -> Vec<String> {
    let issuer = issuer.trim_end_matches('/');
    let Ok(url) = url::Url::parse(issuer) else {
        return Vec::new();
    };
    let origin = url.origin().ascii_serialization();
    let path = url.path().trim_end_matches('/');
    let mut urls = vec![format!(
        "{origin}/.well-known/oauth-authorization-server{path}"
    )];
    if path.is_empty() {
        urls.push(format!("{origin}/.well-known/openid-configuration"));
    } else {
        urls.push(format!("{origin}/.well-known/openid-configuration{path}"));
        urls.push(format!("{issuer}/.well-known/openid-configuration"));
    }
    urls
}

impl IssuerMetadata {
    pub fn new(issuer: &str, http: reqwest::Client) -> Self {
        Self {
            candidates: candidate_urls(issuer),
            http,
            cached: RwLock::new(Cached {
                body: None,
                fetched_at: None,
                failed_at: None,
            }),
            fetching: tokio::sync::Mutex::new(()),
        }
    }

    fn usable(&self) -> (Option<Bytes>, bool) {
        let cached = self.cached.read().unwrap_or_else(|e| e.into_inner());
        let fresh = cached.fetched_at.is_some_and(|t| t.elapsed() < TTL);
        let backing_off = cached
            .failed_at
            .is_some_and(|t| t.elapsed() < RETRY_AFTER_FAILURE);
        (cached.body.clone(), fresh || backing_off)
    }

    async fn fetch_one(&self, url: &str) -> Result<Bytes, String> {
        let mut response = self
            .http
            .get(url)
            .header(header::ACCEPT, "application/json")
            .send()
            .await
            .map_err(|e| e.without_url().to_string())?;
        if !response.status().is_success() {
            return Err(format!("HTTP {}", response.status().as_u16()));
        }
        let body = read_capped(&mut response, MAX_BYTES)
            .await
            .map_err(|e| match e {
                CappedError::Read(e) => e,
                CappedError::TooLarge => format!("larger than {MAX_BYTES} bytes"),
            })?;
        let doc: serde_json::Value = serde_json::from_slice(&body).map_err(|e| e.to_string())?;
        if doc.get("issuer").and_then(|v| v.as_str()).is_none() {
            return Err("the document has no issuer".into());
        }
        Ok(Bytes::from(body))
    }

    async fn refresh(&self) {
        let mut last_error = String::from("no metadata URL");
        for url in &self.candidates {
            match self.fetch_one(url).await {
                Ok(body) => {
                    let mut cached = self.cached.write().unwrap_or_else(|e| e.into_inner());
                    cached.body = Some(body);
                    cached.fetched_at = Some(Instant::now());
                    cached.failed_at = None;
                    return;
                }
                Err(e) => last_error = format!("{url}: {e}"),
            }
        }
        tracing::warn!(error = %last_error, "cannot read the authorization server's metadata");
        let mut cached = self.cached.write().unwrap_or_else(|e| e.into_inner());
        cached.failed_at = Some(Instant::now());
    }

    /// The issuer's metadata document, or a JSON error.
    pub async fn response(&self) -> Response {
        let (mut body, settled) = self.usable();
        if !settled {
            let _one_at_a_time = self.fetching.lock().await;
            let (again, settled) = self.usable();
            body = again;
            if !settled {
                self.refresh().await;
                body = self.usable().0;
            }
        }
        match body {
            Some(body) => (
                [
                    (
                        header::CONTENT_TYPE,
                        HeaderValue::from_static("application/json"),
                    ),
                    (
                        header::CACHE_CONTROL,
                        HeaderValue::from_static("public, max-age=300"),
                    ),
                ],
                body,
            )
                .into_response(),
            None => json_error(
                StatusCode::BAD_GATEWAY,
                "temporarily_unavailable",
                &format!(
                    "the authorization server's metadata could not be read; it is published at {}",
                    self.candidates.first().map_or("the issuer", String::as_str)
                ),
            ),
        }
    }
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn metadata_urls_for_issuers_with_and_without_a_path() {
        assert_eq!(
            candidate_urls("https://api.hostless.dev/"),
            [
                "https://api.hostless.dev/.well-known/oauth-authorization-server",
                "https://api.hostless.dev/.well-known/openid-configuration"
            ]
        );
        assert_eq!(
            candidate_urls("https://auth.example.com/tenant1"),
            [
                "https://auth.example.com/.well-known/oauth-authorization-server/tenant1",
                "https://auth.example.com/.well-known/openid-configuration/tenant1",
                "https://auth.example.com/tenant1/.well-known/openid-configuration"
            ]
        );
    }
}
