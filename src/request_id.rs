//! The request id that ties a client's request to our log lines and to the Hostless API
//! call it caused: the client's `X-Request-Id` when that is usable (printable ASCII, at most
//! [`MAX_LEN`] characters), else a fresh random one. The HTTP layer
//! ([`crate::http::request_id`]) assigns it and puts it on the request; the platform client
//! forwards it. It lives here, below both, so neither depends on the other for it.

use std::fmt;
use std::sync::Arc;

use axum::http::{HeaderName, HeaderValue};
use rand::Rng;

/// The header that carries the id, both ways.
pub const HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// Longest client-supplied id kept; a longer one is replaced rather than cut, so an id
/// in our logs is always one the client really sent.
pub const MAX_LEN: usize = 128;

/// The id of one HTTP request (cheap to clone; handlers read it from the request extensions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(Arc<str>);

impl RequestId {
    /// The client's id if usable, else a generated one.
    pub fn from_header(value: Option<&HeaderValue>) -> Self {
        value
            .and_then(|v| v.to_str().ok())
            .filter(|text| is_usable(text))
            .map_or_else(Self::generate, |text| Self(Arc::from(text)))
    }

    /// 16 random hex characters: unique enough to find one request in a day of logs.
    pub fn generate() -> Self {
        let bits: u64 = rand::rng().random();
        Self(Arc::from(format!("{bits:016x}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id as a header value (always valid: it is printable ASCII by construction).
    pub fn header_value(&self) -> Option<HeaderValue> {
        HeaderValue::from_str(&self.0).ok()
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Non-empty, at most [`MAX_LEN`] bytes, visible ASCII or spaces only: nothing that could
/// split a log line or a header.
fn is_usable(text: &str) -> bool {
    !text.trim().is_empty()
        && text.len() <= MAX_LEN
        && text.bytes().all(|b| (0x20..0x7f).contains(&b))
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn from(text: &str) -> RequestId {
        RequestId::from_header(Some(&HeaderValue::from_str(text).unwrap()))
    }

    #[test]
    fn a_usable_client_id_is_kept() {
        assert_eq!(from("abc-123").as_str(), "abc-123");
        let longest = "x".repeat(MAX_LEN);
        assert_eq!(from(&longest).as_str(), longest);
    }

    #[test]
    fn unusable_ids_are_replaced_not_cut() {
        let too_long = "x".repeat(MAX_LEN + 1);
        for bad in ["", "   ", too_long.as_str(), "a\tb"] {
            let id = from(bad);
            assert_ne!(id.as_str(), bad);
            assert_eq!(id.as_str().len(), 16, "{bad:?} -> {id}");
        }
        let non_ascii = HeaderValue::from_bytes("é".as_bytes()).unwrap();
        assert_eq!(RequestId::from_header(Some(&non_ascii)).as_str().len(), 16);
        assert_eq!(RequestId::from_header(None).as_str().len(), 16);
    }

    #[test]
    fn generated_ids_differ() {
        assert_ne!(RequestId::generate(), RequestId::generate());
    }
}
