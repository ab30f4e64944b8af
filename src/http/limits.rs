//! Abuse limits in front of every route except `/health` and `/metrics` (SPEC §7): a token
//! bucket per client and endpoint, and one global cap on requests in flight. The client is the
//! peer address on the public routes, and a SHA-256 digest of the `Authorization` value on
//! `/mcp`, so each key behind a shared egress IP is limited as itself and the credential is
//! never kept. Loopback clients are exempt unless `RATE_LIMIT_LOOPBACK=true`.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::Json;
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;

use crate::config::Config;

/// Most buckets kept at once: about 100 bytes each, so a flood of distinct clients costs a few
/// megabytes at most before idle buckets are swept.
const MAX_BUCKETS: usize = 50_000;
/// How often idle (refilled) buckets are swept even when the table is not full.
const SWEEP_EVERY: Duration = Duration::from_secs(60);
/// The route whose client is the credential rather than the address.
const CREDENTIAL_ROUTE: &str = "/mcp";
/// The per-address bucket of credentials `/mcp` refused with 401.
const REFUSED_CREDENTIALS: &str = "/mcp (refused credentials)";

/// The limiter settings and state, built once from the [`Config`].
#[derive(Debug)]
pub struct Limits {
    rate: Option<RateLimiter>,
    limit_loopback: bool,
    trust_proxy_headers: bool,
    in_flight: Arc<Semaphore>,
    max_in_flight: usize,
}

impl Limits {
    pub fn new(config: &Config) -> Self {
        Self {
            rate: RateLimiter::new(config.rate_limit_per_minute),
            limit_loopback: config.rate_limit_loopback,
            trust_proxy_headers: config.trust_proxy_headers,
            in_flight: Arc::new(Semaphore::new(config.max_concurrent_requests)),
            max_in_flight: config.max_concurrent_requests,
        }
    }

    /// The address the request is from: the peer, or with `TRUST_PROXY_HEADERS` the right-most
    /// hop of `X-Forwarded-For` that is not one of our own (private or loopback) proxies.
    fn client_ip(&self, peer: Option<IpAddr>, headers: &HeaderMap) -> Option<IpAddr> {
        if self.trust_proxy_headers
            && let Some(forwarded) = forwarded_client(headers)
        {
            return Some(forwarded);
        }
        peer
    }
}

/// Who a bucket belongs to. Never holds a credential: only its digest.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Client {
    Ip(IpAddr),
    Credential([u8; 32]),
}

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

#[derive(Debug)]
struct Table {
    buckets: HashMap<(&'static str, Client), Bucket>,
    swept: Instant,
}

/// Token buckets: `per_minute` requests a minute per client and endpoint, in bursts of a tenth.
#[derive(Debug)]
struct RateLimiter {
    per_minute: u32,
    burst: f64,
    per_second: f64,
    table: Mutex<Table>,
}

impl RateLimiter {
    /// `None` when the limit is off (`0`).
    fn new(per_minute: u32) -> Option<Self> {
        (per_minute > 0).then(|| Self {
            per_minute,
            burst: f64::from((per_minute / 10).max(1)),
            per_second: f64::from(per_minute) / 60.0,
            table: Mutex::new(Table {
                buckets: HashMap::new(),
                swept: Instant::now(),
            }),
        })
    }

    /// Takes one token, or says how many whole seconds until one is back.
    fn take(&self, endpoint: &'static str, client: Client, now: Instant) -> Result<(), u64> {
        self.spend(endpoint, client, now, true)
    }

    /// Whether a token is there, without taking it.
    fn check(&self, endpoint: &'static str, client: Client, now: Instant) -> Result<(), u64> {
        self.spend(endpoint, client, now, false)
    }

    fn spend(
        &self,
        endpoint: &'static str,
        client: Client,
        now: Instant,
        take: bool,
    ) -> Result<(), u64> {
        // A poisoned lock only means another request panicked mid-update; the counts are still usable.
        let mut table = self.table.lock().unwrap_or_else(PoisonError::into_inner);
        if table.buckets.len() >= MAX_BUCKETS || now.duration_since(table.swept) >= SWEEP_EVERY {
            self.sweep(&mut table, now);
        }
        let key = (endpoint, client);
        if !take && !table.buckets.contains_key(&key) {
            return Ok(());
        }
        let bucket = table.buckets.entry(key).or_insert(Bucket {
            tokens: self.burst,
            updated: now,
        });
        let elapsed = now.duration_since(bucket.updated).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * self.per_second).min(self.burst);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            if take {
                bucket.tokens -= 1.0;
            }
            return Ok(());
        }
        let wait = ((1.0 - bucket.tokens) / self.per_second).ceil();
        // `wait` is finite and small (at most 60 s for a 1-per-minute limit).
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Err((wait as u64).max(1))
    }

    /// Drops every bucket that has refilled (forgetting it changes nothing); if a flood of
    /// distinct clients still fills the table, starts over rather than grow without bound.
    fn sweep(&self, table: &mut Table, now: Instant) {
        let full_after = self.burst / self.per_second;
        table
            .buckets
            .retain(|_, b| now.duration_since(b.updated).as_secs_f64() < full_after);
        if table.buckets.len() >= MAX_BUCKETS {
            tracing::warn!(
                buckets = table.buckets.len(),
                "rate-limit table full of active clients; resetting it"
            );
            table.buckets.clear();
        }
        table.swept = now;
    }

    /// Buckets currently kept (for tests of the eviction).
    #[cfg(test)]
    fn len(&self) -> usize {
        self.table
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .buckets
            .len()
    }
}

/// The right-most `X-Forwarded-For` hop that is not a private or loopback proxy; when every hop
/// is private (a client on the internal network), the left-most of them. Reading stops at the
/// first entry that is not an address: what lies left of it is whatever the client wrote.
fn forwarded_client(headers: &HeaderMap) -> Option<IpAddr> {
    let mut hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect();
    hops.reverse();
    let mut internal = None;
    for hop in hops {
        let Ok(ip) = hop.trim().parse::<IpAddr>() else {
            break;
        };
        if !is_internal(ip) {
            return Some(ip);
        }
        internal = Some(ip);
    }
    internal
}

fn is_internal(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_loopback() || v4.is_private() || v4.is_link_local(),
        IpAddr::V6(v6) => {
            v6.is_loopback()
                || v6.is_unique_local()
                || v6.is_unicast_link_local()
                || v6
                    .to_ipv4_mapped()
                    .is_some_and(|v4| is_internal(IpAddr::V4(v4)))
        }
    }
}

fn is_loopback(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_loopback(),
        IpAddr::V6(v6) => {
            v6.is_loopback() || v6.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
    }
}

/// Route middleware: the concurrency cap, then the rate limit of this client on this route.
pub async fn enforce(State(limits): State<Arc<Limits>>, request: Request, next: Next) -> Response {
    let Ok(_permit) = limits.in_flight.clone().try_acquire_owned() else {
        tracing::warn!(
            limit = limits.max_in_flight,
            "refused: too many requests in flight"
        );
        crate::measure::limit_refused("concurrency");
        return refusal(
            StatusCode::SERVICE_UNAVAILABLE,
            1,
            &format!(
                "the server is busy: more than MAX_CONCURRENT_REQUESTS ({}) requests in flight; retry shortly",
                limits.max_in_flight
            ),
        );
    };
    let mut refused_from = None;
    if let Some(rate) = &limits.rate
        && let Some(endpoint) = endpoint(&request)
    {
        let peer = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        let ip = limits.client_ip(peer, request.headers());
        let exempt = !limits.limit_loopback && ip.is_none_or(is_loopback);
        if !exempt {
            let address = Client::Ip(ip.unwrap_or(IpAddr::from([0, 0, 0, 0])));
            let client = match (endpoint, request.headers().get(header::AUTHORIZATION)) {
                (CREDENTIAL_ROUTE, Some(credential)) => {
                    // Each new credential would start with a full bucket, so an address is
                    // also limited in how many refused (401) credentials it may present.
                    if let Err(retry_after) =
                        rate.check(REFUSED_CREDENTIALS, address.clone(), Instant::now())
                    {
                        tracing::info!(retry_after, "refused: too many refused credentials");
                        crate::measure::limit_refused("rate");
                        return refusal(
                            StatusCode::TOO_MANY_REQUESTS,
                            retry_after,
                            &format!(
                                "rate limit exceeded: too many refused credentials from this address on /mcp \
                                 (RATE_LIMIT_PER_MINUTE is {}); retry after {retry_after} s",
                                rate.per_minute
                            ),
                        );
                    }
                    refused_from = Some(address);
                    Client::Credential(Sha256::digest(credential.as_bytes()).into())
                }
                _ => address,
            };
            if let Err(retry_after) = rate.take(endpoint, client, Instant::now()) {
                tracing::info!(endpoint, retry_after, "refused: rate limit");
                crate::measure::limit_refused("rate");
                return refusal(
                    StatusCode::TOO_MANY_REQUESTS,
                    retry_after,
                    &format!(
                        "rate limit exceeded: RATE_LIMIT_PER_MINUTE is {} requests a minute per client on {endpoint} \
                         (bursts of {}); retry after {retry_after} s",
                        rate.per_minute, rate.burst
                    ),
                );
            }
        }
    }
    let response = next.run(request).await;
    if response.status() == StatusCode::UNAUTHORIZED
        && let (Some(rate), Some(address)) = (&limits.rate, refused_from)
    {
        let _ = rate.take(REFUSED_CREDENTIALS, address, Instant::now());
    }
    response
}

/// The matched route, interned: buckets are keyed by a route template, never a raw path.
fn endpoint(request: &Request) -> Option<&'static str> {
    let path = request.extensions().get::<MatchedPath>()?.as_str();
    LIMITED_ROUTES.iter().copied().find(|r| *r == path)
}

/// Routes with their own buckets; the rest share one per client under `other`.
const LIMITED_ROUTES: &[&str] = &[
    "/",
    "/mcp/docs",
    "/mcp/tools",
    CREDENTIAL_ROUTE,
    "/.well-known/oauth-protected-resource",
    "/.well-known/oauth-protected-resource/mcp",
    "/.well-known/oauth-authorization-server",
    "/.well-known/oauth-authorization-server/mcp",
    "/.well-known/openid-configuration",
    "/.well-known/openid-configuration/mcp",
    "/mcp/.well-known/openid-configuration",
];

/// `status` with `Retry-After` and a JSON-RPC error body (MCP clients read these).
fn refusal(status: StatusCode, retry_after: u64, message: &str) -> Response {
    let body = json!({
        "jsonrpc": "2.0",
        "id": null,
        "error": {"code": -32000, "message": message, "data": {"retryAfterSeconds": retry_after}},
    });
    let mut response = (status, Json(body)).into_response();
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
    response
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_allows_a_burst_then_refills_at_the_rate() {
        let rate = RateLimiter::new(600).unwrap();
        let t0 = Instant::now();
        let client = Client::Ip(IpAddr::from([203, 0, 113, 9]));
        for _ in 0..60 {
            assert!(rate.take("/mcp/docs", client.clone(), t0).is_ok());
        }
        assert_eq!(rate.take("/mcp/docs", client.clone(), t0), Err(1));
        // Another endpoint has its own bucket.
        assert!(rate.take("/", client.clone(), t0).is_ok());
        // 600 a minute is 10 a second.
        let later = t0 + Duration::from_millis(1000);
        for _ in 0..10 {
            assert!(rate.take("/mcp/docs", client.clone(), later).is_ok());
        }
        assert!(rate.take("/mcp/docs", client, later).is_err());
    }

    #[test]
    fn a_slow_limit_says_how_long_to_wait() {
        let rate = RateLimiter::new(6).unwrap();
        let t0 = Instant::now();
        let client = Client::Ip(IpAddr::from([203, 0, 113, 9]));
        assert!(rate.take("/", client.clone(), t0).is_ok());
        assert_eq!(rate.take("/", client, t0), Err(10));
    }

    #[test]
    fn zero_turns_the_limit_off() {
        assert!(RateLimiter::new(0).is_none());
    }

    #[test]
    fn idle_buckets_are_evicted() {
        let rate = RateLimiter::new(600).unwrap();
        let t0 = Instant::now();
        for i in 0..1000u32 {
            let ip = IpAddr::from(i.to_be_bytes());
            assert!(rate.take("/", Client::Ip(ip), t0).is_ok());
        }
        assert_eq!(rate.len(), 1000);
        // After a sweep interval every bucket has refilled and is forgotten.
        let later = t0 + SWEEP_EVERY;
        assert!(
            rate.take("/", Client::Ip(IpAddr::from([1, 1, 1, 1])), later)
                .is_ok()
        );
        assert_eq!(rate.len(), 1);
    }

    #[test]
    fn the_table_never_grows_past_its_cap() {
        let rate = RateLimiter::new(600).unwrap();
        let t0 = Instant::now();
        for i in 0..(MAX_BUCKETS as u32 + 10) {
            let _ = rate.take("/", Client::Ip(IpAddr::from(i.to_be_bytes())), t0);
        }
        assert!(rate.len() <= MAX_BUCKETS);
    }

    fn xff(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn forwarded_for_takes_the_right_most_untrusted_hop() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        // The client can prepend anything; our proxies append the real peer on the right.
        assert_eq!(
            forwarded_client(&xff("1.2.3.4, 198.51.100.7, 10.0.0.2")),
            Some(ip("198.51.100.7"))
        );
        assert_eq!(
            forwarded_client(&xff("10.1.1.1, 10.0.0.2")),
            Some(ip("10.1.1.1"))
        );
        assert_eq!(
            forwarded_client(&xff("2001:db8::1")),
            Some(ip("2001:db8::1"))
        );
        assert_eq!(
            forwarded_client(&xff("not-an-ip, 198.51.100.7")),
            Some(ip("198.51.100.7"))
        );
        assert_eq!(forwarded_client(&xff("garbage")), None);
        assert_eq!(forwarded_client(&HeaderMap::new()), None);
    }
}
