//! The sandbox as OAuth 2.1 authorization server (SPEC §6), so a real MCP client can run
//! the whole connector flow against `--sandbox`.
//!
//! Layout:
//! - `keys`: the RS256 key and its JWK; `store`: clients, codes, grants, refresh tokens;
//! - `metadata`: RFC 8414 metadata and the JWKS; `authorize`: the authorization endpoint
//!   (auto-consent for the demo user); `token`: code and refresh grants, RFC 7009 revocation;
//! - `register`: dynamic registration (RFC 7591) and Client ID Metadata Documents;
//! - `error`: RFC 6749 error bodies.
//!
//! The API half ([`super::auth`]) verifies access tokens through [`verify_current`]: the
//! router runs every request inside a task-local scope holding this server, so the API's
//! dispatch needs no extra state. Outside that scope no token verifies (fail closed).

mod authorize;
mod error;
mod keys;
mod metadata;
mod register;
mod store;
mod token;

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests;

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use jsonwebtoken::{Algorithm, Header, Validation};
use serde::{Deserialize, Serialize};

use super::clock;
use super::errors::ApiError;
use super::state::Store;

pub use error::OAuthError;
pub use store::{CHATGPT_CLIENT_ID, LEGACY_CLAUDE_CLIENT_ID, SeededClients};

use keys::SigningKey;
use store::{Grant, OAuthStore};

/// Lifetime of an access token, in seconds.
pub const ACCESS_TOKEN_TTL_SECS: i64 = 900;

/// The authorization server: key, state, issuer.
pub struct OAuthServer {
    key: Arc<SigningKey>,
    /// Also read by `sandbox::grants`, the dashboard's grant list and revocation.
    pub(super) store: OAuthStore,
    /// The configured issuer (no trailing slash); `None` derives it from the `Host` header.
    issuer: RwLock<Option<String>>,
    /// Fetches Client ID Metadata Documents; `None` if the HTTP client could not be built.
    http: Option<reqwest::Client>,
    /// Seconds added to the wall clock (tests move time forward to expire codes).
    clock_offset: AtomicI64,
}

/// The claims of an access token (RFC 9068).
#[derive(Debug, Serialize, Deserialize)]
struct AccessClaims {
    iss: String,
    sub: String,
    aud: String,
    client_id: String,
    scope: String,
    iat: i64,
    nbf: i64,
    exp: i64,
    jti: String,
    grant_id: String,
}

/// What a verified access token grants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedToken {
    pub scopes: Vec<String>,
    pub grant_id: String,
    pub client_id: String,
}

/// The outcome of looking at a bearer JWT.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    /// Not signed with this server's key (another JWT, such as a session token).
    NotOurs,
    Valid(VerifiedToken),
    /// Ours, but unusable; the message says why without repeating the token.
    Invalid(&'static str),
}

impl OAuthServer {
    pub fn new(
        seed: Option<u64>,
        issuer: Option<&url::Url>,
        legacy_claude_secret: Option<&str>,
    ) -> Self {
        // reqwest is built without a bundled TLS provider; a second install is harmless.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::Client::builder()
            .user_agent(concat!("hostless-sandbox/", env!("CARGO_PKG_VERSION")))
            .timeout(Duration::from_secs(5))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .ok();
        Self {
            key: SigningKey::for_seed(seed),
            store: OAuthStore::seeded(seed, legacy_claude_secret),
            issuer: RwLock::new(issuer.map(crate::config::base)),
            http,
            clock_offset: AtomicI64::new(0),
        }
    }

    pub fn seeded_clients(&self) -> &SeededClients {
        self.store.seeded_clients()
    }

    /// Sets the issuer once the sandbox's address is known.
    pub fn set_issuer(&self, issuer: &url::Url) {
        let mut slot = self.issuer.write().unwrap_or_else(|e| e.into_inner());
        *slot = Some(crate::config::base(issuer));
    }

    /// The configured issuer, if any.
    pub fn configured_issuer(&self) -> Option<String> {
        self.issuer
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The issuer for a request: the configured one, or `http://<Host>` (a sandbox bound
    /// to `0.0.0.0` is reached under whatever name the client used).
    pub fn issuer_for(&self, headers: &HeaderMap) -> String {
        if let Some(issuer) = self.configured_issuer() {
            return issuer;
        }
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .filter(|h| {
                !h.is_empty()
                    && h.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
            })
            .unwrap_or("localhost");
        format!("http://{host}")
    }

    /// Now, on the sandbox's OAuth clock.
    pub fn now(&self) -> i64 {
        clock::system_now() + self.clock_offset.load(Ordering::Relaxed)
    }

    /// Moves the OAuth clock forward (tests: expire codes and tokens without waiting).
    #[cfg(test)]
    pub fn advance_clock(&self, secs: i64) {
        self.clock_offset.fetch_add(secs, Ordering::Relaxed);
    }

    /// Signs an access token for `grant` with `scopes` (a subset of the grant's).
    fn mint(&self, grant: &Grant, scopes: &[String]) -> Result<String, OAuthError> {
        let now = self.now();
        let claims = AccessClaims {
            iss: grant.issuer.clone(),
            sub: super::DEMO_USER_ID.to_string(),
            aud: grant.resource.clone(),
            client_id: grant.client_id.clone(),
            scope: scopes.join(" "),
            iat: now,
            nbf: now,
            exp: now + ACCESS_TOKEN_TTL_SECS,
            jti: self.store.random_id(),
            grant_id: grant.id.clone(),
        };
        let mut header = Header::new(Algorithm::RS256);
        header.typ = Some("at+jwt".to_string());
        header.kid = Some(self.key.kid.clone());
        jsonwebtoken::encode(&header, &claims, &self.key.encoding).map_err(|e| {
            tracing::error!(error = %e, "sandbox could not sign an access token");
            OAuthError::server_error("could not sign the access token")
        })
    }

    /// Verifies one of this server's access tokens: signature, `typ`, time, issuer, and a
    /// grant that still stands. Anything not signed with this key is [`Verification::NotOurs`].
    pub fn verify(&self, token: &str) -> Verification {
        let Ok(header) = jsonwebtoken::decode_header(token) else {
            return Verification::NotOurs;
        };
        if header.alg != Algorithm::RS256 || header.kid.as_deref() != Some(self.key.kid.as_str()) {
            return Verification::NotOurs;
        }
        if header.typ.as_deref() != Some("at+jwt") {
            return Verification::Invalid("Access token has the wrong type");
        }
        let mut validation = Validation::new(Algorithm::RS256);
        // Time is checked below on the sandbox's own clock; the audience is whatever the
        // client asked for, so only its presence is required.
        validation.validate_exp = false;
        validation.validate_nbf = false;
        validation.validate_aud = false;
        validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        let Ok(data) = jsonwebtoken::decode::<AccessClaims>(token, &self.key.decoding, &validation)
        else {
            return Verification::Invalid("Access token signature or claims are invalid");
        };
        let claims = data.claims;
        let now = self.now();
        if claims.exp <= now {
            return Verification::Invalid("Access token has expired");
        }
        if claims.nbf > now {
            return Verification::Invalid("Access token is not valid yet");
        }
        let Some(grant) = self.store.active_grant(&claims.grant_id) else {
            return Verification::Invalid("Access token has been revoked");
        };
        if grant.issuer != claims.iss || grant.client_id != claims.client_id {
            return Verification::Invalid("Access token does not match its grant");
        }
        let scopes = claims
            .scope
            .split_ascii_whitespace()
            .filter(|s| grant.scopes.iter().any(|g| g == s))
            .map(str::to_string)
            .collect();
        Verification::Valid(VerifiedToken {
            scopes,
            grant_id: grant.id,
            client_id: grant.client_id,
        })
    }
}

tokio::task_local! {
    static CURRENT: Arc<OAuthServer>;
}

/// Verifies `token` with the server of the request being handled; [`Verification::NotOurs`]
/// outside a request scope.
pub fn verify_current(token: &str) -> Verification {
    CURRENT
        .try_with(|server| server.verify(token))
        .unwrap_or(Verification::NotOurs)
}

/// Middleware: runs the rest of the request with `server` as the current verifier.
pub async fn provide_verifier(
    State(server): State<Arc<OAuthServer>>,
    request: Request,
    next: Next,
) -> Response {
    CURRENT.scope(server, next.run(request)).await
}

/// What the OAuth handlers share: this server and the API store (for session checks).
#[derive(Clone)]
pub struct Ctx {
    pub server: Arc<OAuthServer>,
    pub api: Arc<Store>,
}

/// The well-known documents and `/v1/oauth/*`, with `extra` routes on the same state
/// (the grant routes, which live outside this module) under the same JSON `405`.
pub fn router(server: Arc<OAuthServer>, api: Arc<Store>, extra: Router<Ctx>) -> Router {
    Router::new()
        .route(
            "/.well-known/oauth-authorization-server",
            get(metadata::metadata),
        )
        .route("/.well-known/openid-configuration", get(metadata::metadata))
        .route("/.well-known/jwks.json", get(metadata::jwks))
        .route("/v1/oauth/authorize", get(authorize::authorize))
        .route("/v1/oauth/token", post(token::token))
        .route("/v1/oauth/revoke", post(token::revoke))
        .route("/v1/oauth/register", post(register::register))
        .merge(extra)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(Ctx { server, api })
}

async fn method_not_allowed() -> Response {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "This method is not supported on this path",
    )
    .into_response()
}

/// Parses form or query parameters, refusing repeats (RFC 6749 §3.1: a parameter must not
/// be sent more than once) and dropping empty values (treated as absent, §3.1).
fn single_params(raw: &[u8]) -> Result<HashMap<String, String>, OAuthError> {
    let mut params = HashMap::new();
    for (name, value) in url::form_urlencoded::parse(raw) {
        if value.is_empty() {
            continue;
        }
        if params
            .insert(name.to_string(), value.into_owned())
            .is_some()
        {
            return Err(OAuthError::invalid_request(format!(
                "parameter {name} is repeated"
            )));
        }
    }
    Ok(params)
}

/// The `:read` scopes: what connectors get by default and at most.
fn read_scopes() -> impl Iterator<Item = &'static str> {
    crate::api_routes::SCOPES
        .iter()
        .copied()
        .filter(|s| s.ends_with(":read"))
}

/// Scopes for a request: known read scopes kept, write/delete and unknown ones dropped
/// (connectors are read-only by policy; downscoping is never an error); nothing asked, or
/// nothing left, gives every read scope.
fn granted_scopes(requested: Option<&str>) -> Vec<String> {
    let kept: Vec<String> = requested
        .unwrap_or_default()
        .split_ascii_whitespace()
        .filter(|s| read_scopes().any(|r| r == *s))
        .fold(Vec::new(), |mut acc, s| {
            if !acc.iter().any(|a: &String| a == s) {
                acc.push(s.to_string());
            }
            acc
        });
    if kept.is_empty() {
        read_scopes().map(str::to_string).collect()
    } else {
        kept
    }
}
