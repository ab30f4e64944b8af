//! The authenticated caller of one `/mcp` request, put on the request by the HTTP layer
//! and read by the platform tools. `Debug` never shows the credential.

use axum::http::HeaderValue;

use super::scope::Scopes;

/// What a verified OAuth access token says about its holder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenGrant {
    pub scopes: Scopes,
    /// The OAuth client the token was issued to (`client_id` claim), for logs.
    pub client_id: Option<String>,
}

/// How the caller authenticated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallerKind {
    /// A Hostless API key: the API judges it and its scopes.
    ApiKey,
    /// A JWT that is not one of the issuer's OAuth tokens (a dashboard session): the API
    /// judges it.
    Session,
    /// An OAuth access token verified here (signature, issuer, audience, lifetime); its
    /// scopes decide which tools are offered.
    OAuth(TokenGrant),
}

impl CallerKind {
    /// A short name for logs and metrics.
    pub fn label(&self) -> &'static str {
        match self {
            CallerKind::ApiKey => "api_key",
            CallerKind::Session => "session",
            CallerKind::OAuth(_) => "oauth",
        }
    }
}

#[derive(Clone)]
pub struct Caller {
    pub kind: CallerKind,
    /// The `Authorization` value to forward to the Hostless API, as the caller sent it (trimmed).
    pub authorization: HeaderValue,
}

impl Caller {
    /// The scopes of a verified OAuth token; `None` for credentials the API judges.
    pub fn oauth_scopes(&self) -> Option<&Scopes> {
        match &self.kind {
            CallerKind::OAuth(grant) => Some(&grant.scopes),
            _ => None,
        }
    }
}

impl std::fmt::Debug for Caller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Caller")
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}
