//! The authorization server's state: clients, pending codes, grants and refresh tokens.
//!
//! Its own `Mutex`, apart from the API store, so OAuth traffic and API data never share a
//! lock. Every multi-step decision (redeem a code, rotate a refresh token) happens under
//! one lock acquisition, so a code cannot be redeemed twice by racing requests.
//! Secrets are compared in constant time and never leave through `Debug`.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use rand::distr::Alphanumeric;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::error::OAuthError;

/// How long an authorization code may be redeemed after it was issued (OAuth 2.1 ≤ 60 s).
pub const CODE_TTL_SECS: i64 = 60;

/// Mixed into the seed so OAuth ids differ from the API store's.
const SEED_SALT: u64 = 0x6f61_7574_685f_7374;

/// The ChatGPT connector's public client (seed page).
pub const CHATGPT_CLIENT_ID: &str = "openai-chatgpt";
/// The legacy shared Claude client, seeded only when its secret is configured.
pub const LEGACY_CLAUDE_CLIENT_ID: &str = "claude-custom-connector";
const CHATGPT_REDIRECT_PREFIX: &str = "https://chatgpt.com/connector/oauth/";
const CHATGPT_REDIRECT: &str = "https://chatgpt.com/connector_platform_oauth_redirect";
const CLAUDE_REDIRECTS: [&str; 2] = [
    "https://claude.ai/api/mcp/auth_callback",
    "https://claude.com/api/mcp/auth_callback",
];

/// Token endpoint authentication methods (RFC 7591 names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthMethod {
    None,
    ClientSecretPost,
    ClientSecretBasic,
}

impl AuthMethod {
    pub const ALL: [AuthMethod; 3] = [
        AuthMethod::None,
        AuthMethod::ClientSecretPost,
        AuthMethod::ClientSecretBasic,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuthMethod::None => "none",
            AuthMethod::ClientSecretPost => "client_secret_post",
            AuthMethod::ClientSecretBasic => "client_secret_basic",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == name)
    }
}

/// Where a client came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientOrigin {
    Seeded,
    Registered,
    /// A Client ID Metadata Document, fetched at this time (cached for a while).
    MetadataDocument {
        fetched_at: i64,
    },
}

/// A client the authorization server knows.
#[derive(Clone)]
pub struct Client {
    pub id: String,
    /// `Some` for confidential clients.
    pub secret: Option<String>,
    pub auth_methods: Vec<AuthMethod>,
    pub redirect_uris: Vec<String>,
    /// Redirect URIs accepted by prefix (ChatGPT's per-connector URLs).
    pub redirect_prefixes: Vec<String>,
    pub name: Option<String>,
    pub origin: ClientOrigin,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("id", &self.id)
            .field("confidential", &self.secret.is_some())
            .field("redirect_uris", &self.redirect_uris)
            .field("origin", &self.origin)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Exact match against a registered URI, or a prefix match for prefix clients; a
    /// prefix match refuses `..` segments, queries and fragments, which could leave the
    /// registered path once a browser resolves them.
    pub fn accepts_redirect(&self, uri: &str) -> bool {
        self.redirect_uris.iter().any(|r| r == uri)
            || self.redirect_prefixes.iter().any(|p| {
                uri.strip_prefix(p.as_str()).is_some_and(|rest| {
                    !rest.is_empty()
                        && !rest.contains(['?', '#', '\\'])
                        && !rest.split('/').any(|s| s == ".." || s == ".")
                })
            })
    }
}

/// An issued, not yet redeemed authorization code.
#[derive(Debug, Clone)]
pub struct PendingCode {
    pub client_id: String,
    pub redirect_uri: String,
    pub code_challenge: String,
    pub resource: String,
    pub scopes: Vec<String>,
    pub issued_at: i64,
}

/// What the user allowed one client: the unit that revocation acts on.
#[derive(Debug, Clone)]
pub struct Grant {
    pub id: String,
    pub client_id: String,
    pub scopes: Vec<String>,
    pub resource: String,
    /// The issuer its tokens carry.
    pub issuer: String,
    pub created_at: i64,
    pub revoked: bool,
}

struct RefreshToken {
    grant_id: String,
    client_id: String,
    /// `false` once rotated: presenting it again means it leaked.
    live: bool,
}

/// What the seeded clients look like, for the start-up lines.
#[derive(Debug, Clone)]
pub struct SeededClients {
    pub claude_id: String,
    pub claude_secret: String,
    pub legacy_claude: bool,
}

struct Inner {
    clients: HashMap<String, Client>,
    codes: HashMap<String, PendingCode>,
    /// Redeemed codes and the grant each produced (none if the redemption failed).
    spent_codes: HashMap<String, Option<String>>,
    grants: Vec<Grant>,
    refresh_tokens: HashMap<String, RefreshToken>,
    rng: StdRng,
}

impl Inner {
    fn random(&mut self, len: usize) -> String {
        (&mut self.rng)
            .sample_iter(Alphanumeric)
            .take(len)
            .map(char::from)
            .collect()
    }

    fn revoke(&mut self, grant_id: &str) -> bool {
        let Some(grant) = self.grants.iter_mut().find(|g| g.id == grant_id) else {
            return false;
        };
        grant.revoked = true;
        self.refresh_tokens.retain(|_, r| r.grant_id != grant_id);
        true
    }

    /// A new grant and its first refresh token.
    fn new_grant(&mut self, code: &PendingCode, issuer: &str, now: i64) -> (Grant, String) {
        let grant = Grant {
            id: format!("grant_{}", self.random(20)),
            client_id: code.client_id.clone(),
            scopes: code.scopes.clone(),
            resource: code.resource.clone(),
            issuer: issuer.to_string(),
            created_at: now,
            revoked: false,
        };
        self.grants.push(grant.clone());
        let refresh = self.new_refresh(&grant);
        (grant, refresh)
    }

    fn new_refresh(&mut self, grant: &Grant) -> String {
        let token = format!("hlrt_{}", self.random(48));
        self.refresh_tokens.insert(
            token.clone(),
            RefreshToken {
                grant_id: grant.id.clone(),
                client_id: grant.client_id.clone(),
                live: true,
            },
        );
        token
    }
}

/// The authorization server's state behind one lock.
pub struct OAuthStore {
    inner: Mutex<Inner>,
    seeded: SeededClients,
}

impl OAuthStore {
    /// The seeded clients: `openai-chatgpt`, the demo user's Claude pair, and the legacy
    /// Claude client when `legacy_claude_secret` is set.
    pub fn seeded(seed: Option<u64>, legacy_claude_secret: Option<&str>) -> Self {
        let rng = match seed {
            Some(s) => StdRng::seed_from_u64(s ^ SEED_SALT),
            None => StdRng::from_rng(&mut rand::rng()),
        };
        let mut inner = Inner {
            clients: HashMap::new(),
            codes: HashMap::new(),
            spent_codes: HashMap::new(),
            grants: Vec::new(),
            refresh_tokens: HashMap::new(),
            rng,
        };
        let claude_id = format!("hloc_{}", inner.random(24));
        let claude_secret = inner.random(48);
        let claude_redirects: Vec<String> =
            CLAUDE_REDIRECTS.iter().map(|s| s.to_string()).collect();
        let confidential = vec![AuthMethod::ClientSecretPost, AuthMethod::ClientSecretBasic];
        let mut clients = vec![
            Client {
                id: CHATGPT_CLIENT_ID.to_string(),
                secret: None,
                auth_methods: vec![AuthMethod::None],
                redirect_uris: vec![CHATGPT_REDIRECT.to_string()],
                redirect_prefixes: vec![CHATGPT_REDIRECT_PREFIX.to_string()],
                name: Some("ChatGPT".to_string()),
                origin: ClientOrigin::Seeded,
            },
            Client {
                id: claude_id.clone(),
                secret: Some(claude_secret.clone()),
                auth_methods: confidential.clone(),
                redirect_uris: claude_redirects.clone(),
                redirect_prefixes: Vec::new(),
                name: Some("Claude (demo user's credentials)".to_string()),
                origin: ClientOrigin::Seeded,
            },
        ];
        if let Some(secret) = legacy_claude_secret {
            clients.push(Client {
                id: LEGACY_CLAUDE_CLIENT_ID.to_string(),
                secret: Some(secret.to_string()),
                auth_methods: confidential,
                redirect_uris: claude_redirects,
                redirect_prefixes: Vec::new(),
                name: Some("Claude (legacy shared client)".to_string()),
                origin: ClientOrigin::Seeded,
            });
        }
        inner.clients = clients.into_iter().map(|c| (c.id.clone(), c)).collect();
        Self {
            inner: Mutex::new(inner),
            seeded: SeededClients {
                claude_id,
                claude_secret,
                legacy_claude: legacy_claude_secret.is_some(),
            },
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn seeded_clients(&self) -> &SeededClients {
        &self.seeded
    }

    pub fn client(&self, id: &str) -> Option<Client> {
        self.lock().clients.get(id).cloned()
    }

    /// Registers a client (RFC 7591) under a fresh id; a confidential one gets a secret.
    pub fn register(&self, mut client: Client, confidential: bool) -> Client {
        let mut inner = self.lock();
        client.id = format!("hlc_{}", inner.random(24));
        client.secret = confidential.then(|| inner.random(48));
        inner.clients.insert(client.id.clone(), client.clone());
        client
    }

    /// Stores (or refreshes) a client read from its metadata document.
    pub fn put_client(&self, client: Client) {
        self.lock().clients.insert(client.id.clone(), client);
    }

    /// Issues a code, dropping codes that can no longer be redeemed.
    pub fn issue_code(&self, code: PendingCode) -> String {
        let mut inner = self.lock();
        let now = code.issued_at;
        inner
            .codes
            .retain(|_, c| now - c.issued_at <= CODE_TTL_SECS);
        let value = inner.random(40);
        inner.codes.insert(value.clone(), code);
        value
    }

    /// Redeems a code exactly once. `check` validates the request against the code; the
    /// code is spent whatever it says, so a wrong verifier cannot be retried. A code seen
    /// again revokes the grant its first redemption produced (OAuth 2.1 §4.1.3).
    pub fn redeem_code(
        &self,
        code: &str,
        now: i64,
        issuer: &str,
        check: impl FnOnce(&PendingCode) -> Result<(), OAuthError>,
    ) -> Result<(Grant, String), OAuthError> {
        let mut inner = self.lock();
        if let Some(produced) = inner.spent_codes.get(code).cloned() {
            if let Some(grant_id) = produced {
                inner.revoke(&grant_id);
            }
            return Err(OAuthError::invalid_grant(
                "authorization code was already used; the access it granted is revoked",
            ));
        }
        let pending = inner
            .codes
            .remove(code)
            .ok_or_else(|| OAuthError::invalid_grant("authorization code is unknown"))?;
        inner.spent_codes.insert(code.to_string(), None);
        if now - pending.issued_at > CODE_TTL_SECS {
            return Err(OAuthError::invalid_grant("authorization code has expired"));
        }
        check(&pending)?;
        let (grant, refresh) = inner.new_grant(&pending, issuer, now);
        inner
            .spent_codes
            .insert(code.to_string(), Some(grant.id.clone()));
        Ok((grant, refresh))
    }

    /// Exchanges a live refresh token for a new one. A rotated-out token presented again
    /// revokes its grant (reuse detection, OAuth 2.1 §4.3.1).
    pub fn rotate_refresh(
        &self,
        token: &str,
        client_id: &str,
        check: impl FnOnce(&Grant) -> Result<(), OAuthError>,
    ) -> Result<(Grant, String), OAuthError> {
        let mut inner = self.lock();
        let unknown = || OAuthError::invalid_grant("refresh token is invalid, expired or revoked");
        let entry = inner.refresh_tokens.get(token).ok_or_else(unknown)?;
        if entry.client_id != client_id {
            return Err(OAuthError::invalid_grant(
                "refresh token was issued to another client",
            ));
        }
        let grant_id = entry.grant_id.clone();
        if !entry.live {
            inner.revoke(&grant_id);
            return Err(OAuthError::invalid_grant(
                "refresh token was already used; the access it granted is revoked",
            ));
        }
        let grant = inner
            .grants
            .iter()
            .find(|g| g.id == grant_id && !g.revoked)
            .cloned()
            .ok_or_else(unknown)?;
        check(&grant)?;
        if let Some(old) = inner.refresh_tokens.get_mut(token) {
            old.live = false;
        }
        let fresh = inner.new_refresh(&grant);
        Ok((grant, fresh))
    }

    /// RFC 7009: revokes the grant behind a refresh token the client owns. Unknown tokens
    /// are not an error (the spec's answer is `200` either way).
    pub fn revoke_refresh(&self, token: &str, client_id: &str) {
        let mut inner = self.lock();
        let grant_id = inner
            .refresh_tokens
            .get(token)
            .filter(|r| r.client_id == client_id)
            .map(|r| r.grant_id.clone());
        if let Some(id) = grant_id {
            inner.revoke(&id);
        }
    }

    /// Revokes a grant by id; `false` if there is no such grant.
    pub fn revoke_grant(&self, grant_id: &str) -> bool {
        self.lock().revoke(grant_id)
    }

    /// The grant, if it exists and is not revoked.
    pub fn active_grant(&self, grant_id: &str) -> Option<Grant> {
        self.lock()
            .grants
            .iter()
            .find(|g| g.id == grant_id && !g.revoked)
            .cloned()
    }

    /// Grants that are not revoked, oldest first.
    pub fn active_grants(&self) -> Vec<Grant> {
        self.lock()
            .grants
            .iter()
            .filter(|g| !g.revoked)
            .cloned()
            .collect()
    }

    /// A fresh random identifier (`jti`).
    pub fn random_id(&self) -> String {
        self.lock().random(24)
    }
}

/// Compares two secrets without stopping at the first difference.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}
