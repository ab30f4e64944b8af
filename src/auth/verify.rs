//! Which bearer JWTs are this server's business, and their verification (SPEC §5.1).
//!
//! A JWT is treated as one of the issuer's OAuth access tokens, and must pass every check
//! here before it goes anywhere, when its header names a `kid` that the issuer's JWKS
//! holds, when its (not yet trusted) claims name this server in `aud`, or when it is an
//! RS256 token without a `kid` whose signature one of the issuer's keys verifies. Every
//! other JWT (for example a dashboard session token: HS256, no `kid`, no audience) is
//! forwarded for the API to judge. The decision uses the header and claims only; nothing is forwarded
//! to find out. An unsigned token (`alg: none`) is never accepted nor forwarded.
//!
//! Checks: RS256 only (so an HS256 token "signed" with the public key fails), signature,
//! `exp` and `nbf` with 60 s leeway, `iss` = `OAUTH_ISSUER`, and `aud` containing
//! `<PUBLIC_URL>/mcp` or `<PUBLIC_URL>` (RFC 8707: MCP clients send the metadata's
//! `resource`, the platform's own connectors send the origin). `iss`, `aud` and `exp`
//! are required.

use base64::Engine;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, Validation};
use serde::Deserialize;

use super::caller::{CallerKind, TokenGrant};
use super::jwks::{JwksCache, Lookup};
use super::scope::Scopes;

/// Clock skew tolerated on `exp` and `nbf`.
pub const LEEWAY_SECS: u64 = 60;

/// Why a token was refused; `Display` is safe to log and to send back (no token content).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("the token header is not valid JWT")]
    BadHeader,
    #[error("unsigned tokens (alg none) are not accepted")]
    Unsigned,
    #[error("the token is signed with {0}; only RS256 is accepted")]
    Algorithm(String),
    #[error("no key of the issuer's JWKS matches the token's key id")]
    UnknownKey,
    #[error("the signature does not verify")]
    Signature,
    #[error("the token has expired")]
    Expired,
    #[error("the token is not valid yet (nbf)")]
    NotYetValid,
    #[error("the token was issued by another issuer")]
    Issuer,
    #[error("the token was issued for another resource (aud)")]
    Audience,
    #[error("the token lacks the required claim `{0}`")]
    MissingClaim(String),
    #[error("the token's claims are not valid: {0}")]
    Claims(String),
    /// Not the token's fault: the issuer's keys could not be read yet.
    #[error("the issuer's signing keys are unavailable: {0}")]
    KeysUnavailable(String),
}

impl TokenError {
    /// A short stable label for logs and metrics.
    pub fn label(&self) -> &'static str {
        match self {
            TokenError::BadHeader => "bad_header",
            TokenError::Unsigned => "unsigned",
            TokenError::Algorithm(_) => "algorithm",
            TokenError::UnknownKey => "unknown_kid",
            TokenError::Signature => "signature",
            TokenError::Expired => "expired",
            TokenError::NotYetValid => "not_yet_valid",
            TokenError::Issuer => "issuer",
            TokenError::Audience => "audience",
            TokenError::MissingClaim(_) => "missing_claim",
            TokenError::Claims(_) => "claims",
            TokenError::KeysUnavailable(_) => "jwks_unavailable",
        }
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Audience {
    One(String),
    Many(Vec<String>),
}

impl Audience {
    fn contains(&self, wanted: &[String]) -> bool {
        let matches = |aud: &str| {
            let aud = canonical(aud);
            wanted.contains(&aud)
        };
        match self {
            Audience::One(a) => matches(a),
            Audience::Many(list) => list.iter().any(|a| matches(a)),
        }
    }
}

/// Claims read from a verified token.
#[derive(Deserialize)]
struct Claims {
    aud: Audience,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    scp: Option<Vec<String>>,
    #[serde(default)]
    client_id: Option<String>,
}

/// Claims peeked at before verification, only to decide whether the token is ours to judge.
#[derive(Deserialize)]
struct Peek {
    #[serde(default)]
    aud: Option<Audience>,
}

/// RFC 8707 resource comparison: scheme and host are case-insensitive, and a trailing `/`
/// is not significant (MCP clients are told to drop it; some keep it).
pub fn canonical(uri: &str) -> String {
    match url::Url::parse(uri.trim()) {
        Ok(url) => url.as_str().trim_end_matches('/').to_string(),
        Err(_) => uri.trim().trim_end_matches('/').to_string(),
    }
}

/// Verifies OAuth access tokens for one issuer.
pub struct TokenVerifier {
    issuer: String,
    jwks: JwksCache,
}

impl TokenVerifier {
    /// `issuer` is compared exactly with `iss` (both without a trailing `/`).
    pub fn new(issuer: &str, jwks: JwksCache) -> Self {
        Self {
            issuer: issuer.trim_end_matches('/').to_string(),
            jwks,
        }
    }

    pub fn jwks(&self) -> &JwksCache {
        &self.jwks
    }

    /// Judges a bearer JWT. `audiences` are the canonical forms of the resource URLs this
    /// request may carry in `aud` (see [`canonical`]).
    pub async fn judge(&self, token: &str, audiences: &[String]) -> Result<CallerKind, TokenError> {
        let header = read_header(token)?;
        let names_us = peek(token).is_some_and(|p| p.aud.is_some_and(|a| a.contains(audiences)));
        let rs256 = header.alg == "RS256";
        if header.kid.is_none() && !names_us && !rs256 {
            return Ok(CallerKind::Session);
        }
        let keys = match self.jwks.lookup(header.kid.as_deref()).await {
            Lookup::Keys(keys) => keys,
            // Nothing ties the token to this issuer: somebody else's JWT (such as a
            // dashboard session), for the API to judge.
            Lookup::Unknown | Lookup::Unavailable(_) if !names_us => {
                return Ok(CallerKind::Session);
            }
            Lookup::Unknown => return Err(TokenError::UnknownKey),
            Lookup::Unavailable(reason) => return Err(TokenError::KeysUnavailable(reason)),
        };
        if !rs256 {
            return Err(TokenError::Algorithm(header.alg));
        }
        for key in &keys {
            match self.verify_with(token, &key.key, audiences) {
                Err(TokenError::Signature) => continue,
                outcome => return outcome,
            }
        }
        // An RS256 token without a `kid` that none of the issuer's keys signed, and that does
        // not name this server, is not the issuer's: forward it like any other JWT.
        if header.kid.is_none() && !names_us {
            return Ok(CallerKind::Session);
        }
        Err(TokenError::Signature)
    }

    fn verify_with(
        &self,
        token: &str,
        key: &jsonwebtoken::DecodingKey,
        audiences: &[String],
    ) -> Result<CallerKind, TokenError> {
        let mut validation = Validation::new(Algorithm::RS256);
        validation.algorithms = vec![Algorithm::RS256];
        validation.leeway = LEEWAY_SECS;
        validation.validate_exp = true;
        validation.validate_nbf = true;
        // The audience is compared below, in canonical form; the claim is still required.
        validation.validate_aud = false;
        validation.set_issuer(&[self.issuer.as_str()]);
        validation.set_required_spec_claims(&["exp", "iss", "aud"]);
        let data = jsonwebtoken::decode::<Claims>(token, key, &validation).map_err(|e| match e
            .kind()
        {
            ErrorKind::InvalidSignature => TokenError::Signature,
            ErrorKind::ExpiredSignature => TokenError::Expired,
            ErrorKind::ImmatureSignature => TokenError::NotYetValid,
            ErrorKind::InvalidIssuer => TokenError::Issuer,
            ErrorKind::InvalidAudience => TokenError::Audience,
            ErrorKind::InvalidAlgorithm => TokenError::Algorithm("another algorithm".into()),
            ErrorKind::MissingRequiredClaim(claim) => TokenError::MissingClaim(claim.clone()),
            ErrorKind::Json(e) => TokenError::Claims(e.to_string()),
            _ => TokenError::Signature,
        })?;
        let claims = data.claims;
        if !claims.aud.contains(audiences) {
            return Err(TokenError::Audience);
        }
        Ok(CallerKind::OAuth(TokenGrant {
            scopes: Scopes::from_claims(claims.scope.as_deref(), claims.scp.as_deref()),
            client_id: claims.client_id,
        }))
    }
}

/// The JOSE header, read leniently: `alg` as text, so `none` and unknown algorithms get
/// their own refusal instead of a parse error.
struct RawHeader {
    alg: String,
    kid: Option<String>,
}

fn decode_segment(segment: &str) -> Option<Vec<u8>> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(segment.trim_end_matches('='))
        .ok()
}

fn read_header(token: &str) -> Result<RawHeader, TokenError> {
    #[derive(Deserialize)]
    struct Doc {
        alg: String,
        #[serde(default)]
        kid: Option<String>,
    }
    let segment = token.split('.').next().unwrap_or_default();
    let bytes = decode_segment(segment).ok_or(TokenError::BadHeader)?;
    let doc: Doc = serde_json::from_slice(&bytes).map_err(|_| TokenError::BadHeader)?;
    if doc.alg.eq_ignore_ascii_case("none") {
        return Err(TokenError::Unsigned);
    }
    Ok(RawHeader {
        alg: doc.alg,
        kid: doc.kid.filter(|k| !k.is_empty()),
    })
}

fn peek(token: &str) -> Option<Peek> {
    let segment = token.split('.').nth(1)?;
    serde_json::from_slice(&decode_segment(segment)?).ok()
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn canonical_resource_forms() {
        assert_eq!(
            canonical("HTTPS://Mcp.Example.com/mcp"),
            "https://mcp.example.com/mcp"
        );
        assert_eq!(
            canonical("https://mcp.example.com/"),
            "https://mcp.example.com"
        );
        assert_eq!(
            canonical("https://mcp.example.com/mcp/"),
            "https://mcp.example.com/mcp"
        );
        assert_ne!(
            canonical("https://mcp.example.com/mcp"),
            canonical("https://mcp.example.com/mcpx")
        );
    }

    #[test]
    fn header_reading_refuses_none_and_garbage() {
        let enc = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
        let none = format!("{}.{}.", enc(r#"{"alg":"none"}"#), enc("{}"));
        assert!(matches!(read_header(&none), Err(TokenError::Unsigned)));
        let none = format!("{}.{}.", enc(r#"{"alg":"NONE","kid":"k"}"#), enc("{}"));
        assert!(matches!(read_header(&none), Err(TokenError::Unsigned)));
        assert!(matches!(
            read_header("e30.e30.x"),
            Err(TokenError::BadHeader)
        ));
        assert!(matches!(
            read_header("!!.e30.x"),
            Err(TokenError::BadHeader)
        ));
        let hs = format!("{}.{}.x", enc(r#"{"alg":"HS256","kid":""}"#), enc("{}"));
        let h = read_header(&hs).ok().map(|h| (h.alg, h.kid));
        assert_eq!(h, Some(("HS256".to_string(), None)));
    }
}
