//! The credential check in front of `POST /mcp`: the `Authorization` header is judged once
//! (by [`crate::auth`]) and attached to the request as a [`Caller`]; a missing, malformed
//! or invalid one gets `401` with the RFC 9728 challenge that lets OAuth clients discover
//! the authorization server. Each refusal is logged at `info` with its reason, never with
//! the credential. Credentials are never read from the query string.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::auth::header::{Presented, ShapeError, parse};
use crate::auth::verify::canonical;
use crate::auth::{Caller, CallerKind, TokenError, TokenVerifier};
use crate::http::public_base::PublicBase;
use crate::http::responses::json_error;

/// Why a request to `/mcp` was refused with 401.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Missing,
    Malformed,
    Invalid(TokenError),
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
    pub fn header_value(&self, headers: &HeaderMap, refusal: &Refusal) -> HeaderValue {
        let base = self.base.resolve(headers);
        let mut value = format!(
            r#"Bearer resource_metadata="{base}/.well-known/oauth-protected-resource/mcp", scope="{}""#,
            self.read_scopes
        );
        if *refusal != Refusal::Missing {
            value.push_str(r#", error="invalid_token""#);
        }
        HeaderValue::from_str(&value).unwrap_or(HeaderValue::from_static("Bearer"))
    }

    /// The 401 response for a refused credential.
    pub fn response(&self, headers: &HeaderMap, refusal: &Refusal) -> Response {
        let body = match refusal {
            Refusal::Missing => json!({
                "error": "unauthorized",
                "error_description": "POST /mcp needs an Authorization header: a Hostless API key (hlk_...), \
                    or Bearer <token>. POST /mcp/docs needs none."
            }),
            Refusal::Malformed => json!({
                "error": "invalid_token",
                "error_description": "The Authorization header is not a Hostless API key \
                    (hlk_<prefix>_<secret>) nor Bearer <JWT>."
            }),
            Refusal::Invalid(reason) => json!({
                "error": "invalid_token",
                "error_description": format!(
                    "The access token was refused: {reason}. Get a new token from the authorization server."
                ),
            }),
        };
        let mut response = (StatusCode::UNAUTHORIZED, axum::Json(body)).into_response();
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            self.header_value(headers, refusal),
        );
        response
    }
}

/// The state of the credential middleware.
pub struct CredentialCheck {
    pub challenge: Challenge,
    pub verifier: Arc<TokenVerifier>,
    /// The configured (or default) public base, whose `/mcp` and origin are always valid
    /// audiences; a loopback `Host` adds its own form (see [`PublicBase`]).
    pub base: PublicBase,
}

impl CredentialCheck {
    /// The canonical resource URLs a token used on this request may name in `aud`.
    fn audiences(&self, headers: &HeaderMap) -> Vec<String> {
        let mut bases = vec![self.base.resolve(headers)];
        let default = self.base.resolve(&HeaderMap::new());
        if !bases.contains(&default) {
            bases.push(default);
        }
        bases
            .iter()
            .flat_map(|b| [canonical(&format!("{b}/mcp")), canonical(b)])
            .collect()
    }

    async fn judge(&self, headers: &HeaderMap) -> Result<Caller, Refusal> {
        let value = match headers.get(header::AUTHORIZATION).map(|v| v.to_str()) {
            None => None,
            Some(Ok(text)) => Some(text),
            Some(Err(_)) => return Err(Refusal::Malformed),
        };
        let presented = parse(value).map_err(|e| match e {
            ShapeError::Missing => Refusal::Missing,
            ShapeError::Malformed => Refusal::Malformed,
        })?;
        let kind = match presented {
            Presented::ApiKey => CallerKind::ApiKey,
            Presented::Jwt(token) => self
                .verifier
                .judge(token, &self.audiences(headers))
                .await
                .map_err(Refusal::Invalid)?,
        };
        let trimmed = value.unwrap_or_default().trim();
        let authorization = HeaderValue::from_str(trimmed).map_err(|_| Refusal::Malformed)?;
        Ok(Caller {
            kind,
            authorization,
        })
    }
}

fn log_refusal(refusal: &Refusal) {
    match refusal {
        Refusal::Missing => tracing::info!(status = 401, reason = "missing", "credential refused"),
        Refusal::Malformed => {
            tracing::info!(status = 401, reason = "malformed", "credential refused")
        }
        Refusal::Invalid(error) => tracing::info!(
            status = 401,
            reason = error.label(),
            detail = %error,
            "OAuth access token refused"
        ),
    }
}

/// Middleware in front of `/mcp`: POSTs need a usable credential; other methods go on to
/// the MCP service, which answers them with 405.
pub async fn require_credential(
    State(check): State<Arc<CredentialCheck>>,
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
        tracing::info!(
            status = 400,
            reason = "credential_in_query",
            "credential refused"
        );
        return json_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "credentials are not accepted in the query string; send them in the Authorization header",
        );
    }
    match check.judge(request.headers()).await {
        Ok(caller) => {
            if let CallerKind::OAuth(grant) = &caller.kind {
                tracing::debug!(
                    client_id = grant.client_id.as_deref().unwrap_or("-"),
                    scopes = grant.scopes.len(),
                    "OAuth access token verified"
                );
            }
            request.extensions_mut().insert(caller);
            next.run(request).await
        }
        Err(Refusal::Invalid(TokenError::KeysUnavailable(reason))) => {
            tracing::warn!(%reason, "cannot verify an OAuth token: the issuer's JWKS is unavailable");
            let mut response = json_error(
                StatusCode::SERVICE_UNAVAILABLE,
                "temporarily_unavailable",
                "the authorization server's signing keys cannot be read right now; retry shortly",
            );
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("10"));
            response
        }
        Err(refusal) => {
            log_refusal(&refusal);
            check.challenge.response(request.headers(), &refusal)
        }
    }
}
