//! From an `Authorization` header to a principal, and the checks a principal must pass.
//!
//! Accepted: `hlk_<prefix>_<secret>` or `hlk_<prefix><secret>` (optionally after a
//! case-insensitive `Bearer `), `Bearer <session JWT>` for the demo user's dashboard
//! session, and `Bearer <access token>` from the sandbox's own authorization server
//! (verified by [`super::oauth`]: signature, time, issuer, grant not revoked). Anything
//! else is refused with `401`. Credentials come from the header only,
//! and no message ever contains what was sent.

use axum::http::{HeaderValue, Method};

use super::errors::ApiError;
use super::oauth::{self, Verification};
use super::state::{Data, Role, Store};

/// Who is calling. Every kind acts as the demo user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// An API key, limited to its scopes.
    ApiKey { key_id: String, scopes: Vec<String> },
    /// The dashboard session: no scope limits, only the user's roles.
    Session,
    /// An OAuth access token: limited to its scopes like a key, and like a key refused on
    /// JWT-only routes.
    OAuth {
        scopes: Vec<String>,
        grant_id: String,
        client_id: String,
    },
}

impl Principal {
    pub fn is_api_key(&self) -> bool {
        matches!(self, Principal::ApiKey { .. })
    }

    /// Limited to scopes and kept off JWT-only routes: API keys and OAuth tokens.
    pub fn is_scoped(&self) -> bool {
        !matches!(self, Principal::Session)
    }
}

/// Compares two strings without stopping at the first difference.
fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Strips a case-insensitive `Bearer ` scheme.
fn strip_bearer(value: &str) -> Option<&str> {
    let scheme = value.get(..7)?;
    scheme
        .eq_ignore_ascii_case("bearer ")
        .then(|| value.get(7..))
        .flatten()
        .map(str::trim)
}

/// Resolves the header into a principal, or the `401` to answer.
pub fn authenticate(store: &Store, header: Option<&HeaderValue>) -> Result<Principal, ApiError> {
    let Some(header) = header else {
        return Err(ApiError::unauthorized(
            "Authentication required: send an Authorization header",
        ));
    };
    let malformed = || ApiError::unauthorized("Authorization header is malformed");
    let value = header.to_str().map_err(|_| malformed())?.trim();
    let (token, bearer) = match strip_bearer(value) {
        Some(rest) => (rest, true),
        None => (value, false),
    };
    if let Some(rest) = token.strip_prefix("hlk_") {
        return authenticate_key(store, rest);
    }
    let jwt_shaped = token.split('.').count() == 3 && token.split('.').all(|p| !p.is_empty());
    if bearer && jwt_shaped {
        if same_secret(token, &store.session_token) {
            return Ok(Principal::Session);
        }
        match oauth::verify_current(token) {
            Verification::Valid(t) => {
                return Ok(Principal::OAuth {
                    scopes: t.scopes,
                    grant_id: t.grant_id,
                    client_id: t.client_id,
                });
            }
            Verification::Invalid(reason) => return Err(ApiError::unauthorized(reason)),
            Verification::NotOurs => {}
        }
        return Err(ApiError::unauthorized(
            "Session token is invalid or expired",
        ));
    }
    Err(malformed())
}

fn authenticate_key(store: &Store, rest: &str) -> Result<Principal, ApiError> {
    let invalid = || ApiError::unauthorized("Invalid API key");
    let prefix = rest.get(..8).ok_or_else(invalid)?;
    if !prefix.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(invalid());
    }
    let after = rest.get(8..).unwrap_or_default();
    let secret = after.strip_prefix('_').unwrap_or(after);
    let now = store.now();
    let mut data = store.lock();
    let key = data
        .keys
        .iter_mut()
        .find(|k| k.prefix == prefix)
        .ok_or_else(invalid)?;
    if !same_secret(secret, &key.secret) {
        return Err(invalid());
    }
    if key.revoked {
        return Err(ApiError::unauthorized("This API key has been revoked"));
    }
    if key.expires_at.is_some_and(|t| t <= now) {
        return Err(ApiError::unauthorized("This API key has expired"));
    }
    key.last_used_at = Some(now);
    Ok(Principal::ApiKey {
        key_id: key.id.clone(),
        scopes: key.scopes.clone(),
    })
}

/// A key or an OAuth token must hold the route's scope; a session needs none.
pub fn check_scope(principal: &Principal, scope: &str) -> Result<(), ApiError> {
    match principal {
        Principal::ApiKey { scopes, .. } | Principal::OAuth { scopes, .. }
            if !scopes.iter().any(|s| s == scope) =>
        {
            Err(ApiError::missing_scope(scope))
        }
        _ => Ok(()),
    }
}

/// Whether `method` changes something (the methods a viewer may not use).
pub fn is_mutation(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The user's role must let `method` act on a project: non-members get `404` (the project
/// is invisible to them), viewers get `403` on mutations.
pub fn check_project(data: &Data, project_id: &str, method: &Method) -> Result<Role, ApiError> {
    let role = data
        .role(project_id)
        .ok_or_else(|| ApiError::not_found("Project not found or not accessible"))?;
    if role == Role::Viewer && is_mutation(method) {
        return Err(ApiError::forbidden(
            "Your role in this project is viewer, which cannot create, change or delete resources",
        ));
    }
    Ok(role)
}
