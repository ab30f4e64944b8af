//! The Hostless REST API route table (every route of the public developer page), its
//! scopes and the rule that maps a method and path to the scope it needs.
//!
//! CONTRACT (stub; the sandbox work fills it in): used by the sandbox for authorization,
//! by the protected-resource metadata for `scopes_supported`, and by tests that check the
//! tool catalog and the docs against the API.

use axum::http::Method;

/// One REST route. `path` is relative to `/v1` and uses `{name}` placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub method: Method,
    pub path: &'static str,
    pub scope: &'static str,
}

/// Every route of the API reference that an API key may call.
pub static ROUTES: &[Route] = &[];

/// The 32 scopes of the scope reference, in the page's order.
pub const SCOPES: [&str; 32] = [
    "apps:read",
    "apps:write",
    "apps:delete",
    "sites:read",
    "sites:write",
    "sites:delete",
    "workers:read",
    "workers:write",
    "workers:delete",
    "cron-jobs:read",
    "cron-jobs:write",
    "cron-jobs:delete",
    "deployments:read",
    "deployments:write",
    "logs:read",
    "databases:read",
    "databases:write",
    "databases:delete",
    "integrations:read",
    "integrations:write",
    "projects:read",
    "git:read",
    "git:write",
    "metrics:read",
    "traces:read",
    "hostless-file:read",
    "hostless-file:write",
    "virtual-machines:read",
    "virtual-machines:write",
    "virtual-machines:delete",
    "billing:read",
    "billing:write",
];

/// The read scopes, in the order of [`SCOPES`].
pub fn read_scopes() -> impl Iterator<Item = &'static str> {
    SCOPES.iter().copied().filter(|s| s.ends_with(":read"))
}
