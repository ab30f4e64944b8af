//! Credentials for `POST /mcp`. The `Authorization` header is classified once here
//! (API key, or a bearer JWT) and attached to the request as a [`Caller`]; anything
//! missing or malformed gets `401` with the RFC 9728 challenge that lets OAuth clients
//! discover the authorization server. Credentials are never read from the query string,
//! never logged and never echoed back.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::http::public_base::PublicBase;
use crate::http::responses::json_error;

/// What kind of credential a caller sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialKind {
    /// A Hostless API key (`hlk_…`), bare or after `Bearer`.
    ApiKey,
    /// A bearer JWT: a dashboard session or an OAuth access token, judged by the API.
    Jwt,
}

/// The authenticated caller of one `/mcp` request. `Debug` hides the credential.
#[derive(Clone)]
pub struct Caller {
    pub kind: CredentialKind,
    /// The `Authorization` value to forward to the Hostless API, as the caller sent it (trimmed).
    pub authorization: HeaderValue,
}

impl std::fmt::Debug for Caller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Caller")
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

/// Why a credential was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialError {
    Missing,
    Malformed,
}

/// `hlk_` + an 8-character alphanumeric prefix + an optional `_` + a non-empty secret.
fn is_api_key(token: &str) -> bool {
    let Some(rest) = token.strip_prefix("hlk_") else {
        return false;
    };
    let bytes = rest.as_bytes();
    if bytes.len() < 9 || !bytes[..8].iter().all(u8::is_ascii_alphanumeric) {
        return false;
    }
    let secret = rest[8..].strip_prefix('_').unwrap_or(&rest[8..]);
    !secret.is_empty()
        && secret
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Three base64url segments; the first two (header, claims) non-empty.
fn is_jwt(token: &str) -> bool {
    let segments: Vec<&str> = token.split('.').collect();
    segments.len() == 3
        && !segments[0].is_empty()
        && !segments[1].is_empty()
        && segments.iter().all(|s| {
            s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

/// Classifies an `Authorization` value (scheme case-insensitive, whitespace trimmed).
pub fn classify(value: Option<&str>) -> Result<CredentialKind, CredentialError> {
    let value = value.ok_or(CredentialError::Missing)?.trim();
    if is_api_key(value) {
        return Ok(CredentialKind::ApiKey);
    }
    let (scheme, token) = value
        .split_once(char::is_whitespace)
        .ok_or(CredentialError::Malformed)?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(CredentialError::Malformed);
    }
    let token = token.trim();
    if is_api_key(token) {
        Ok(CredentialKind::ApiKey)
    } else if is_jwt(token) {
        Ok(CredentialKind::Jwt)
    } else {
        Err(CredentialError::Malformed)
    }
}

/// Query parameters that look like a credential; such requests are refused outright so a
/// token pasted into a URL is not silently ignored (and not logged by proxies twice).
const QUERY_CREDENTIALS: &[&str] = &[
    "access_token",
    "token",
    "api_key",
    "apikey",
    "authorization",
];

/// What the 401 challenge needs: where the metadata lives and which scopes to ask for.
#[derive(Debug)]
pub struct Challenge {
    base: PublicBase,
    read_scopes: String,
}

impl Challenge {
    pub fn new(base: PublicBase, read_scopes: &str) -> Self {
        Self {
            base,
            read_scopes: read_scopes.to_string(),
        }
    }

    /// The `WWW-Authenticate` value for a request with these headers.
    pub fn header_value(&self, headers: &HeaderMap, error: CredentialError) -> HeaderValue {
        let base = self.base.resolve(headers);
        let mut value = format!(
            r#"Bearer resource_metadata="{base}/.well-known/oauth-protected-resource/mcp", scope="{}""#,
            self.read_scopes
        );
        if error == CredentialError::Malformed {
            value.push_str(r#", error="invalid_token""#);
        }
        HeaderValue::from_str(&value).unwrap_or(HeaderValue::from_static("Bearer"))
    }

    /// The 401 response for a refused credential.
    pub fn response(&self, headers: &HeaderMap, error: CredentialError) -> Response {
        let body = match error {
            CredentialError::Missing => json!({
                "error": "unauthorized",
                "error_description": "POST /mcp needs an Authorization header: a Hostless API key (hlk_...), or Bearer <token>. POST /mcp/docs needs none."
            }),
            CredentialError::Malformed => json!({
                "error": "invalid_token",
                "error_description": "The Authorization header is not a Hostless API key (hlk_<prefix>_<secret>) nor Bearer <JWT>."
            }),
        };
        let mut response = (StatusCode::UNAUTHORIZED, axum::Json(body)).into_response();
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, self.header_value(headers, error));
        response
    }
}

/// Middleware in front of `/mcp`: POSTs need a usable credential; other methods go on to
/// the MCP service, which answers them with 405.
pub async fn require_credential(
    State(challenge): State<Arc<Challenge>>,
    mut request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    if let Some(query) = request.uri().query()
        && url::form_urlencoded::parse(query.as_bytes())
            .any(|(k, _)| QUERY_CREDENTIALS.contains(&k.to_ascii_lowercase().as_str()))
    {
        return json_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "credentials are not accepted in the query string; send them in the Authorization header",
        );
    }
    let value = request.headers().get(header::AUTHORIZATION);
    let text = match value.map(|v| v.to_str()) {
        None => None,
        Some(Ok(text)) => Some(text),
        Some(Err(_)) => {
            return challenge.response(request.headers(), CredentialError::Malformed);
        }
    };
    match classify(text) {
        Ok(kind) => {
            let trimmed = text.unwrap_or_default().trim();
            let Ok(authorization) = HeaderValue::from_str(trimmed) else {
                return challenge.response(request.headers(), CredentialError::Malformed);
            };
            request.extensions_mut().insert(Caller {
                kind,
                authorization,
            });
            next.run(request).await
        }
        Err(e) => challenge.response(request.headers(), e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_forms() {
        for v in [
            "hlk_a1b2c3d4_s3cr3t",
            "hlk_a1b2c3d4f8e7d6c5",
            "  Bearer hlk_a1b2c3d4_s3cr3t ",
            "bearer hlk_a1b2c3d4_your_secret_here",
        ] {
            assert_eq!(classify(Some(v)), Ok(CredentialKind::ApiKey), "{v}");
        }
        assert_eq!(
            classify(Some("BEARER aaa.bbb.ccc")),
            Ok(CredentialKind::Jwt)
        );
    }

    #[test]
    fn refused_forms() {
        assert_eq!(classify(None), Err(CredentialError::Missing));
        for v in [
            "",
            "Bearer",
            "Bearer ",
            "Bearer garbage",
            "Basic dXNlcjpwYXNz",
            "hlk_short",
            "hlk_a1b2c3d4_",
            "Token hlk_a1b2c3d4_s3cr3t",
            "Bearer a.b",
            "Bearer a..c",
            "Bearer a.b.c.d",
        ] {
            assert_eq!(classify(Some(v)), Err(CredentialError::Malformed), "{v:?}");
        }
    }
}
