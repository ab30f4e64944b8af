//! A local, in-memory stand-in for the Hostless REST API (SPEC §6).
//!
//! Layout (dependencies point down the list, never back up):
//! - `dispatch`: the check order, the sandbox clock route;
//! - `routes`: the route tables the sandbox serves and the lookup of a request among them
//!   (the seed's table is [`crate::api_routes`]), the JWT-only route families;
//! - `grants`: the demo user's list and revocation of connector grants (OAuth routes that
//!   authenticate like the API);
//! - `handlers`: the declarative table from route to handler;
//! - `crud` (records and keys), `children` (per-record sub-resources and operations),
//!   `deploys` (deployments, logs, runs, imports, the Hostless file), `observe` (metrics,
//!   traces, billing): the handlers;
//! - `call`: one routed call and the handler context; `fields`: the accepted body fields;
//! - `auth`: `Authorization` → principal, scope and project-role checks;
//! - `state`: the store; `seed`: the seed data; `model`: domain types;
//! - `errors`: the `{"statusCode","message","error"}` shape; `clock`: the injectable clock;
//! - `oauth`: the OAuth 2.1 authorization server (metadata, JWKS, authorize, token,
//!   registration, token revocation), whose access tokens `auth` accepts.
//!
//! Invariants: credentials are read from the `Authorization` header only and never echoed;
//! every answer, success or failure, is JSON; answers depend only on the request, the
//! store and the clock, which are fixed when a seed is given.

mod auth;
mod call;
mod children;
mod clock;
mod crud;
mod deploys;
mod dispatch;
mod errors;
mod fields;
mod grants;
mod handlers;
mod model;
mod oauth;
mod observe;
mod routes;
mod seed;
mod state;

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod state_tests;
#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests;

use std::future::Future;
use std::sync::Arc;

use axum::routing::get;
use url::Url;

use crate::config::Secret;

pub use model::KeyStatus;
pub use seed::{
    DEMO_USER_EMAIL, DEMO_USER_ID, EDITOR_PROJECT_ID, FOREIGN_PROJECT_ID, OWNER_PROJECT_ID,
    VIEWER_PROJECT_ID,
};

use state::Store;

/// Options for a sandbox instance.
#[derive(Debug, Clone, Default)]
pub struct SandboxOptions {
    /// Fixed seed for keys and ids; `None` draws fresh random secrets.
    pub seed: Option<u64>,
    /// The sandbox's base URL, its OAuth issuer. `None`: set it later with
    /// [`Sandbox::set_issuer`], or it is taken from each request's `Host`.
    pub issuer: Option<Url>,
    /// `OAUTH_CLAUDE_CLIENT_SECRET`: seeds the legacy `claude-custom-connector` client.
    pub claude_client_secret: Option<Secret>,
}

/// One demo API key printed at start-up.
#[derive(Debug, Clone)]
pub struct DemoKey {
    pub token: String,
    pub label: String,
    pub scopes: Vec<String>,
    /// Whether the key works (`Valid`) or is seeded to be refused.
    pub status: KeyStatus,
    /// The key's id (for `DELETE /v1/users/me/api-keys/{keyId}`).
    pub id: String,
}

/// The sandbox: its state and its axum router.
#[derive(Clone)]
pub struct Sandbox {
    keys: Vec<DemoKey>,
    session_token: String,
    store: Arc<Store>,
    oauth: Arc<oauth::OAuthServer>,
}

impl Sandbox {
    pub fn new(options: SandboxOptions) -> Self {
        let store = seed::store(options.seed);
        let oauth = oauth::OAuthServer::new(
            options.seed,
            options.issuer.as_ref(),
            options.claude_client_secret.as_ref().map(Secret::expose),
        );
        let now = store.now();
        let mut keys: Vec<DemoKey> = store
            .lock()
            .keys
            .iter()
            .map(|k| DemoKey {
                token: k.token(),
                label: k.name.clone(),
                scopes: k.scopes.clone(),
                status: k.status(now),
                id: k.id.clone(),
            })
            .collect();
        // Valid keys first, then the expired and revoked ones (the sort is stable).
        keys.sort_by_key(|k| k.status != KeyStatus::Valid);
        Self {
            keys,
            session_token: store.session_token.clone(),
            store: Arc::new(store),
            oauth: Arc::new(oauth),
        }
    }

    /// Sets the OAuth issuer (the sandbox's base URL) once the listener is bound.
    pub fn set_issuer(&self, issuer: &Url) {
        self.oauth.set_issuer(issuer);
    }

    /// The OAuth issuer, without trailing slash, if known (see [`SandboxOptions::issuer`]).
    pub fn issuer(&self) -> Option<String> {
        self.oauth.configured_issuer()
    }

    /// The demo user's Claude connector credentials: Client ID (`hloc_…`) and secret.
    pub fn claude_client(&self) -> (&str, &str) {
        let seeded = self.oauth.seeded_clients();
        (&seeded.claude_id, &seeded.claude_secret)
    }

    /// The demo keys (valid ones first, then the expired and revoked ones).
    pub fn keys(&self) -> &[DemoKey] {
        &self.keys
    }

    /// The seeded key with this label (`full`, `read-only`, `apps-only`, `no-deploy`,
    /// `expired`, `revoked`).
    pub fn key(&self, label: &str) -> Option<&DemoKey> {
        self.keys.iter().find(|k| k.label == label)
    }

    /// The demo keys without their secrets: what may be shown about them (the front page).
    pub fn key_infos(&self) -> Vec<crate::config::SandboxKeyInfo> {
        self.keys
            .iter()
            .map(|k| crate::config::SandboxKeyInfo {
                label: k.label.clone(),
                scopes: k.scopes.clone(),
                status: k.status.as_str().to_string(),
            })
            .collect()
    }

    /// A dashboard-session JWT for the demo user (for JWT-only routes).
    pub fn session_token(&self) -> &str {
        &self.session_token
    }

    /// The sandbox's time (fake and fixed when seeded), as Unix seconds.
    pub fn now(&self) -> i64 {
        self.store.now()
    }

    /// Moves the sandbox's clock forward (deployments, runs and imports progress with it);
    /// returns the new time. `POST /v1/sandbox/clock` does the same over HTTP.
    pub fn advance_clock(&self, secs: i64) -> i64 {
        self.store.clock.advance(secs)
    }

    /// One line per key (token, label, status, scopes) and one for the session token, for
    /// the binary to print at start-up.
    pub fn startup_lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .keys
            .iter()
            .map(|k| {
                let scopes = if k.scopes.len() == crate::api_routes::SCOPES.len() {
                    format!("all {} scopes", k.scopes.len())
                } else {
                    k.scopes.join(" ")
                };
                let status = match k.status {
                    KeyStatus::Valid => String::new(),
                    other => format!(" [{}]", other.as_str()),
                };
                format!("{}  {}{}  {}", k.token, k.label, status, scopes)
            })
            .collect();
        lines.push(format!(
            "Bearer {}  session (demo user {DEMO_USER_EMAIL}, JWT-only routes)",
            self.session_token
        ));
        let clients = self.oauth.seeded_clients();
        if let Some(issuer) = self.issuer() {
            lines.push(format!(
                "OAuth issuer {issuer}  (metadata {issuer}/.well-known/oauth-authorization-server)"
            ));
        }
        lines.push(format!(
            "OAuth client {}  public, PKCE; redirect URIs under https://chatgpt.com/connector/oauth/",
            oauth::CHATGPT_CLIENT_ID
        ));
        lines.push(format!(
            "OAuth client {}  secret {}  Claude custom connector (client_secret_post/basic)",
            clients.claude_id, clients.claude_secret
        ));
        if clients.legacy_claude {
            lines.push(format!(
                "OAuth client {}  secret from OAUTH_CLAUDE_CLIENT_SECRET (legacy shared Claude client)",
                oauth::LEGACY_CLAUDE_CLIENT_ID
            ));
        }
        lines
    }

    /// The `/v1/*` API, the OAuth endpoints and the sandbox's JSON 404s. Every request
    /// runs with this sandbox's authorization server as the access-token verifier.
    pub fn router(&self) -> axum::Router {
        axum::Router::new()
            .route("/health", get(dispatch::health))
            .fallback(dispatch::handle)
            .with_state(self.store.clone())
            .merge(oauth::router(
                self.oauth.clone(),
                self.store.clone(),
                grants::routes(),
            ))
            .layer(axum::middleware::from_fn_with_state(
                self.oauth.clone(),
                oauth::provide_verifier,
            ))
    }
}

/// Serves the sandbox on `listener` until `shutdown` resolves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    sandbox: Sandbox,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, sandbox.router())
        .with_graceful_shutdown(shutdown)
        .await
}
