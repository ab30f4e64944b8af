//! The issuer's signing keys (`JWKS_URL`), fetched over HTTP and cached.
//!
//! Refresh rules (SPEC §5.1): the set is fetched on first use and again when a token names
//! a `kid` the cache does not hold or the cache is older than [`MAX_AGE`], but never more
//! than once per `min_refetch` (10 s in production), so tokens with random `kid`s cannot
//! turn this server into a request amplifier against the issuer. A failed fetch keeps the
//! keys already cached: a JWKS endpoint that is briefly down does not log anyone out.

use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use jsonwebtoken::DecodingKey;
use serde::Deserialize;
use url::Url;

/// After this long the next lookup refreshes the set (keys may have been withdrawn).
pub const MAX_AGE: Duration = Duration::from_secs(15 * 60);
/// A JWKS document larger than this is refused (a real one is a few KiB).
const MAX_BYTES: usize = 256 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum JwksError {
    #[error("the JWKS endpoint could not be reached: {0}")]
    Unreachable(String),
    #[error("the JWKS endpoint answered HTTP {0}")]
    Status(u16),
    #[error("the JWKS document is not usable: {0}")]
    Invalid(String),
}

/// One RSA signing key of the set.
#[derive(Clone)]
pub struct SigningKey {
    pub kid: Option<String>,
    pub key: Arc<DecodingKey>,
}

/// What a lookup found.
pub enum Lookup {
    /// The keys to try: the one with the `kid`, or every key for a token without one.
    Keys(Vec<SigningKey>),
    /// The set was read (now or recently) and holds no such key.
    Unknown,
    /// No set has ever been read, so nothing can be verified yet.
    Unavailable(String),
}

#[derive(Default)]
struct Cached {
    keys: Vec<SigningKey>,
    fetched_at: Option<Instant>,
    last_attempt: Option<Instant>,
    last_error: Option<String>,
}

pub struct JwksCache {
    url: Url,
    http: reqwest::Client,
    min_refetch: Duration,
    cached: RwLock<Cached>,
    /// One fetch at a time; concurrent lookups wait for it and then read the cache.
    fetching: tokio::sync::Mutex<()>,
}

#[derive(Deserialize)]
struct JwkSetDoc {
    keys: Vec<JwkDoc>,
}

#[derive(Deserialize)]
struct JwkDoc {
    kty: String,
    #[serde(default)]
    kid: Option<String>,
    #[serde(default, rename = "use")]
    use_: Option<String>,
    #[serde(default)]
    alg: Option<String>,
    #[serde(default)]
    n: Option<String>,
    #[serde(default)]
    e: Option<String>,
}

/// The RS256 signing keys of a JWKS document; keys of other types or uses are skipped.
pub fn parse_set(body: &[u8]) -> Result<Vec<SigningKey>, JwksError> {
    let doc: JwkSetDoc =
        serde_json::from_slice(body).map_err(|e| JwksError::Invalid(e.to_string()))?;
    let keys = doc
        .keys
        .into_iter()
        .filter(|k| k.kty == "RSA")
        .filter(|k| k.use_.as_deref().is_none_or(|u| u == "sig"))
        .filter(|k| k.alg.as_deref().is_none_or(|a| a == "RS256"))
        .filter_map(|k| {
            let key = DecodingKey::from_rsa_components(k.n.as_deref()?, k.e.as_deref()?).ok()?;
            Some(SigningKey {
                kid: k.kid,
                key: Arc::new(key),
            })
        })
        .collect();
    Ok(keys)
}

/// Why a response body could not be read whole.
#[derive(Debug)]
pub enum CappedError {
    Read(String),
    TooLarge,
}

/// Reads a response body, refusing it past `max` bytes without reading the rest: the
/// JWKS and the issuer's metadata are small documents from a server we do not control.
pub async fn read_capped(
    response: &mut reqwest::Response,
    max: usize,
) -> Result<Vec<u8>, CappedError> {
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| CappedError::Read(e.without_url().to_string()))?
    {
        if body.len() + chunk.len() > max {
            return Err(CappedError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

impl JwksCache {
    pub fn new(url: Url, http: reqwest::Client, min_refetch: Duration) -> Self {
        Self {
            url,
            http,
            min_refetch,
            cached: RwLock::new(Cached::default()),
            fetching: tokio::sync::Mutex::new(()),
        }
    }

    pub fn url(&self) -> &Url {
        &self.url
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Cached> {
        self.cached.read().unwrap_or_else(|e| e.into_inner())
    }

    fn select(cached: &Cached, kid: Option<&str>) -> Vec<SigningKey> {
        cached
            .keys
            .iter()
            .filter(|k| kid.is_none() || k.kid.as_deref() == kid)
            .cloned()
            .collect()
    }

    /// Whether a fetch is allowed now: never within `min_refetch` of the last attempt.
    fn may_fetch(&self, cached: &Cached) -> bool {
        cached
            .last_attempt
            .is_none_or(|t| t.elapsed() >= self.min_refetch)
    }

    fn is_fresh(cached: &Cached) -> bool {
        cached.fetched_at.is_some_and(|t| t.elapsed() < MAX_AGE)
    }

    /// The keys for a token with this `kid` (or every key, for a token without one).
    pub async fn lookup(&self, kid: Option<&str>) -> Lookup {
        {
            let cached = self.read();
            let found = Self::select(&cached, kid);
            if !found.is_empty() && Self::is_fresh(&cached) {
                return Lookup::Keys(found);
            }
            if !self.may_fetch(&cached) {
                return Self::answer(&cached, kid);
            }
        }
        let _one_at_a_time = self.fetching.lock().await;
        // Another lookup may have fetched while this one waited.
        if self.may_fetch(&self.read()) {
            self.refresh().await;
        }
        Self::answer(&self.read(), kid)
    }

    fn answer(cached: &Cached, kid: Option<&str>) -> Lookup {
        let found = Self::select(cached, kid);
        if !found.is_empty() {
            Lookup::Keys(found)
        } else if cached.fetched_at.is_none() {
            Lookup::Unavailable(
                cached
                    .last_error
                    .clone()
                    .unwrap_or_else(|| "the signing keys have not been fetched yet".into()),
            )
        } else {
            Lookup::Unknown
        }
    }

    /// Fetches the set now; on failure the cached keys stay.
    pub async fn refresh(&self) {
        let started = Instant::now();
        let outcome = self.fetch().await;
        let mut cached = self.cached.write().unwrap_or_else(|e| e.into_inner());
        cached.last_attempt = Some(Instant::now());
        match outcome {
            Ok(keys) => {
                tracing::info!(
                    url = %self.url,
                    keys = keys.len(),
                    elapsed_ms = started.elapsed().as_millis() as u64,
                    "JWKS fetched"
                );
                cached.keys = keys;
                cached.fetched_at = Some(Instant::now());
                cached.last_error = None;
            }
            Err(error) => {
                tracing::warn!(
                    url = %self.url,
                    %error,
                    cached_keys = cached.keys.len(),
                    "JWKS fetch failed; keeping the cached keys"
                );
                cached.last_error = Some(error.to_string());
            }
        }
    }

    async fn fetch(&self) -> Result<Vec<SigningKey>, JwksError> {
        let mut response = self
            .http
            .get(self.url.clone())
            .header(reqwest::header::ACCEPT, "application/json")
            .send()
            .await
            .map_err(|e| JwksError::Unreachable(e.without_url().to_string()))?;
        if !response.status().is_success() {
            return Err(JwksError::Status(response.status().as_u16()));
        }
        let body = read_capped(&mut response, MAX_BYTES)
            .await
            .map_err(|e| match e {
                CappedError::Read(e) => JwksError::Unreachable(e),
                CappedError::TooLarge => {
                    JwksError::Invalid(format!("larger than {MAX_BYTES} bytes"))
                }
            })?;
        parse_set(&body)
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use super::*;

    const KEY1: &str = include_str!("../../tests/fixtures/oauth/key1.jwk.json");

    #[test]
    fn parses_rsa_signing_keys_and_skips_the_rest() {
        let key1: serde_json::Value = serde_json::from_str(KEY1).unwrap();
        let doc = serde_json::json!({"keys": [
            key1,
            {"kty": "EC", "kid": "ec", "crv": "P-256", "x": "a", "y": "b"},
            {"kty": "RSA", "kid": "enc", "use": "enc", "n": key1["n"], "e": "AQAB"},
            {"kty": "RSA", "kid": "hs", "alg": "HS256", "n": key1["n"], "e": "AQAB"},
            {"kty": "RSA", "kid": "no-modulus"},
        ]});
        let keys = parse_set(doc.to_string().as_bytes()).unwrap();
        let kids: Vec<_> = keys.iter().map(|k| k.kid.clone().unwrap()).collect();
        assert_eq!(kids, ["test-key1"]);
        assert!(parse_set(b"{\"nokeys\":1}").is_err());
    }
}
