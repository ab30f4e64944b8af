//! The Hostless REST API route table (every route of the public developer page), its
//! scopes and the rule that maps a method and path to the scope it needs.
//!
//! Used by the sandbox for dispatch and authorization, by the protected-resource metadata
//! for `scopes_supported`, and by tests that check the tool catalog and the docs against
//! the API.
//!
//! Three views of the same facts live here:
//! - [`ROUTES`], the explicit table, copied route by route from the page (the authority);
//! - [`required_scope`], the page's generic method + path rule, which agrees with the
//!   table for every route except the one documented exception (`POST /estimate-costs`);
//! - [`is_jwt_only`], the page's list of routes that refuse API keys.
//!
//! Paths are relative to `/v1` and use `{name}` placeholders spelt as on the page.

use axum::http::Method;

/// One REST route. `path` is relative to `/v1` and uses `{name}` placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub method: Method,
    pub path: &'static str,
    pub scope: &'static str,
}

macro_rules! route {
    ($method:ident, $path:literal, $scope:literal) => {
        Route {
            method: Method::$method,
            path: $path,
            scope: $scope,
        }
    };
}

/// Every route of the API reference that an API key may call, in the page's order.
pub static ROUTES: &[Route] = &[
    route!(GET, "/apps", "apps:read"),
    route!(GET, "/apps/{appName}", "apps:read"),
    route!(GET, "/apps/{appName}/search", "apps:read"),
    route!(GET, "/apps/{appName}/environment-variables", "apps:read"),
    route!(GET, "/apps/{appName}/custom-domains", "apps:read"),
    route!(GET, "/apps/{appName}/commits", "apps:read"),
    route!(GET, "/apps/{appName}/collaborators", "apps:read"),
    route!(GET, "/apps/{appName}/review-apps", "apps:read"),
    route!(
        GET,
        "/apps/{appName}/review-apps/pull-requests",
        "apps:read"
    ),
    route!(GET, "/apps/{appName}/worker-processes", "apps:read"),
    route!(
        GET,
        "/apps/{appName}/worker-processes/{workerId}",
        "apps:read"
    ),
    route!(GET, "/apps/{appName}/metrics/request-count", "apps:read"),
    route!(
        GET,
        "/apps/{appName}/metrics/response-duration",
        "apps:read"
    ),
    route!(GET, "/apps/{appName}/metrics/cpu-usage", "apps:read"),
    route!(GET, "/apps/{appName}/metrics/memory-usage", "apps:read"),
    route!(POST, "/apps", "apps:write"),
    route!(PATCH, "/apps/{appName}", "apps:write"),
    route!(POST, "/apps/{appName}/restart", "apps:write"),
    route!(POST, "/apps/{appName}/custom-domains", "apps:write"),
    route!(PATCH, "/apps/{appName}/upgrade", "apps:write"),
    route!(PATCH, "/apps/{appName}/collaborators", "apps:write"),
    route!(POST, "/apps/{appName}/scale/down", "apps:write"),
    route!(POST, "/apps/{appName}/scale/up", "apps:write"),
    route!(POST, "/apps/{appName}/review-apps/trigger", "apps:write"),
    route!(PATCH, "/apps/{appName}/review-apps/extend", "apps:write"),
    route!(
        PATCH,
        "/apps/{appName}/worker-processes/{workerId}",
        "apps:write"
    ),
    route!(POST, "/apps/{appName}/worker-processes", "apps:write"),
    route!(DELETE, "/apps/{appName}", "apps:delete"),
    route!(DELETE, "/apps/{appName}/custom-domains", "apps:delete"),
    route!(
        DELETE,
        "/apps/{appName}/collaborators/{email}",
        "apps:delete"
    ),
    route!(
        DELETE,
        "/apps/{appName}/worker-processes/{workerId}",
        "apps:delete"
    ),
    route!(GET, "/sites", "sites:read"),
    route!(GET, "/sites/{siteName}", "sites:read"),
    route!(GET, "/sites/{siteName}/search", "sites:read"),
    route!(GET, "/sites/{siteName}/environment-variables", "sites:read"),
    route!(GET, "/sites/{siteName}/custom-domains", "sites:read"),
    route!(GET, "/sites/{siteName}/commits", "sites:read"),
    route!(GET, "/sites/{siteName}/review-sites", "sites:read"),
    route!(
        GET,
        "/sites/{siteName}/review-sites/pull-requests",
        "sites:read"
    ),
    route!(
        GET,
        "/sites/{siteName}/visual-builder/project",
        "sites:read"
    ),
    route!(GET, "/sites/{siteName}/visual-builder/assets", "sites:read"),
    route!(GET, "/sites/{siteName}/metrics/request-count", "sites:read"),
    route!(
        GET,
        "/sites/{siteName}/metrics/request-count/total",
        "sites:read"
    ),
    route!(
        GET,
        "/sites/{siteName}/metrics/response-duration",
        "sites:read"
    ),
    route!(GET, "/sites/{siteName}/metrics/bandwidth", "sites:read"),
    route!(
        GET,
        "/sites/{siteName}/metrics/unique-visitors",
        "sites:read"
    ),
    route!(GET, "/sites/{siteName}/metrics/top-paths", "sites:read"),
    route!(GET, "/sites/{siteName}/metrics/cpu-usage", "sites:read"),
    route!(GET, "/sites/{siteName}/metrics/memory-usage", "sites:read"),
    route!(
        GET,
        "/sites/{siteName}/deployments/{siteDeploymentId}/metrics/build-stats",
        "sites:read"
    ),
    route!(POST, "/sites", "sites:write"),
    route!(POST, "/sites/from-upload", "sites:write"),
    route!(POST, "/sites/from-visual-builder", "sites:write"),
    route!(PATCH, "/sites/{siteName}", "sites:write"),
    route!(POST, "/sites/{siteName}/restart", "sites:write"),
    route!(POST, "/sites/{siteName}/upload", "sites:write"),
    route!(POST, "/sites/{siteName}/custom-domains", "sites:write"),
    route!(POST, "/sites/{siteName}/scale/down", "sites:write"),
    route!(POST, "/sites/{siteName}/scale/up", "sites:write"),
    route!(
        POST,
        "/sites/{siteName}/review-sites/trigger",
        "sites:write"
    ),
    route!(
        PUT,
        "/sites/{siteName}/visual-builder/project",
        "sites:write"
    ),
    route!(
        POST,
        "/sites/{siteName}/visual-builder/publish",
        "sites:write"
    ),
    route!(
        POST,
        "/sites/{siteName}/visual-builder/assets",
        "sites:write"
    ),
    route!(DELETE, "/sites/{siteName}", "sites:delete"),
    route!(DELETE, "/sites/{siteName}/custom-domains", "sites:delete"),
    route!(GET, "/workers", "workers:read"),
    route!(GET, "/workers/{workerName}", "workers:read"),
    route!(GET, "/workers/{workerName}/search", "workers:read"),
    route!(
        GET,
        "/workers/{workerName}/environment-variables",
        "workers:read"
    ),
    route!(GET, "/workers/{workerName}/commits", "workers:read"),
    route!(GET, "/workers/{workerName}/collaborators", "workers:read"),
    route!(
        GET,
        "/workers/{workerName}/metrics/cpu-usage",
        "workers:read"
    ),
    route!(
        GET,
        "/workers/{workerName}/metrics/memory-usage",
        "workers:read"
    ),
    route!(POST, "/workers", "workers:write"),
    route!(PATCH, "/workers/{workerName}", "workers:write"),
    route!(POST, "/workers/{workerName}/restart", "workers:write"),
    route!(POST, "/workers/{workerName}/scale/down", "workers:write"),
    route!(POST, "/workers/{workerName}/scale/up", "workers:write"),
    route!(
        PATCH,
        "/workers/{workerName}/collaborators",
        "workers:write"
    ),
    route!(DELETE, "/workers/{workerName}", "workers:delete"),
    route!(
        DELETE,
        "/workers/{workerName}/collaborators/{email}",
        "workers:delete"
    ),
    route!(GET, "/cron-jobs", "cron-jobs:read"),
    route!(GET, "/cron-jobs/{cronJobName}", "cron-jobs:read"),
    route!(GET, "/cron-jobs/{cronJobName}/search", "cron-jobs:read"),
    route!(
        GET,
        "/cron-jobs/{cronJobName}/environment-variables",
        "cron-jobs:read"
    ),
    route!(GET, "/cron-jobs/{cronJobName}/commits", "cron-jobs:read"),
    route!(GET, "/cron-jobs/{cronJobName}/runs", "cron-jobs:read"),
    route!(
        GET,
        "/cron-jobs/{cronJobName}/runs/{runId}",
        "cron-jobs:read"
    ),
    route!(
        GET,
        "/cron-jobs/{cronJobName}/metrics/cpu-usage",
        "cron-jobs:read"
    ),
    route!(
        GET,
        "/cron-jobs/{cronJobName}/metrics/memory-usage",
        "cron-jobs:read"
    ),
    route!(GET, "/apps/{appName}/cron-jobs", "cron-jobs:read"),
    route!(GET, "/apps/{appName}/cron-jobs/{jobId}", "cron-jobs:read"),
    route!(
        GET,
        "/apps/{appName}/cron-jobs/{jobId}/runs",
        "cron-jobs:read"
    ),
    route!(
        GET,
        "/apps/{appName}/cron-jobs/{jobId}/runs/{runId}",
        "cron-jobs:read"
    ),
    route!(POST, "/cron-jobs", "cron-jobs:write"),
    route!(PATCH, "/cron-jobs/{cronJobName}", "cron-jobs:write"),
    route!(POST, "/cron-jobs/{cronJobName}/pause", "cron-jobs:write"),
    route!(POST, "/cron-jobs/{cronJobName}/resume", "cron-jobs:write"),
    route!(POST, "/apps/{appName}/cron-jobs", "cron-jobs:write"),
    route!(
        PATCH,
        "/apps/{appName}/cron-jobs/{jobId}",
        "cron-jobs:write"
    ),
    route!(
        POST,
        "/apps/{appName}/cron-jobs/{jobId}/run",
        "cron-jobs:write"
    ),
    route!(DELETE, "/cron-jobs/{cronJobName}", "cron-jobs:delete"),
    route!(
        DELETE,
        "/apps/{appName}/cron-jobs/{jobId}",
        "cron-jobs:delete"
    ),
    route!(GET, "/apps/{appName}/deployments", "deployments:read"),
    route!(
        GET,
        "/apps/{appName}/deployments/{deploymentId}",
        "deployments:read"
    ),
    route!(
        GET,
        "/apps/{appName}/deployments/{deploymentId}/stats",
        "deployments:read"
    ),
    route!(GET, "/apps/{appName}/build/stats", "deployments:read"),
    route!(GET, "/sites/{siteName}/deployments", "deployments:read"),
    route!(
        GET,
        "/sites/{siteName}/deployments/{deploymentId}",
        "deployments:read"
    ),
    route!(GET, "/workers/{workerName}/deployments", "deployments:read"),
    route!(
        GET,
        "/workers/{workerName}/deployments/{deploymentId}",
        "deployments:read"
    ),
    route!(
        GET,
        "/cron-jobs/{cronJobName}/deployments",
        "deployments:read"
    ),
    route!(
        GET,
        "/cron-jobs/{cronJobName}/deployments/{deploymentId}",
        "deployments:read"
    ),
    route!(POST, "/apps/{appName}/deployments/new", "deployments:write"),
    route!(
        POST,
        "/apps/{appName}/deployments/{deploymentId}/rerun",
        "deployments:write"
    ),
    route!(
        POST,
        "/sites/{siteName}/deployments/new",
        "deployments:write"
    ),
    route!(
        POST,
        "/sites/{siteName}/deployments/{deploymentId}/rerun",
        "deployments:write"
    ),
    route!(
        POST,
        "/workers/{workerName}/deployments/new",
        "deployments:write"
    ),
    route!(
        POST,
        "/workers/{workerName}/deployments/{deploymentId}/rerun",
        "deployments:write"
    ),
    route!(
        POST,
        "/cron-jobs/{cronJobName}/deployments/new",
        "deployments:write"
    ),
    route!(
        POST,
        "/cron-jobs/{cronJobName}/deployments/{deploymentId}/rerun",
        "deployments:write"
    ),
    route!(GET, "/apps/{appName}/logs", "logs:read"),
    route!(
        GET,
        "/apps/{appName}/deployments/{deploymentId}/logs",
        "logs:read"
    ),
    route!(
        GET,
        "/apps/{appName}/deployments/{deploymentId}/post-build-logs",
        "logs:read"
    ),
    route!(GET, "/sites/{siteName}/logs", "logs:read"),
    route!(
        GET,
        "/sites/{siteName}/deployments/{deploymentId}/logs",
        "logs:read"
    ),
    route!(GET, "/workers/{workerName}/logs", "logs:read"),
    route!(
        GET,
        "/workers/{workerName}/deployments/{deploymentId}/logs",
        "logs:read"
    ),
    route!(GET, "/cron-jobs/{cronJobName}/logs", "logs:read"),
    route!(
        GET,
        "/cron-jobs/{cronJobName}/deployments/{deploymentId}/logs",
        "logs:read"
    ),
    route!(
        GET,
        "/cron-jobs/{cronJobName}/runs/{runId}/logs",
        "logs:read"
    ),
    route!(
        GET,
        "/apps/{appName}/cron-jobs/{jobId}/runs/{runId}/logs",
        "logs:read"
    ),
    route!(
        GET,
        "/databases/{databaseName}/import/{cloneId}/logs",
        "logs:read"
    ),
    route!(GET, "/databases", "databases:read"),
    route!(GET, "/databases/{databaseName}/search", "databases:read"),
    route!(GET, "/databases/{databaseName}/details", "databases:read"),
    route!(
        GET,
        "/databases/{databaseName}/linked-apps",
        "databases:read"
    ),
    route!(
        GET,
        "/databases/{databaseName}/import/{cloneId}/status",
        "databases:read"
    ),
    route!(POST, "/databases", "databases:write"),
    route!(PATCH, "/databases/{databaseName}", "databases:write"),
    route!(PATCH, "/databases/{databaseName}/tier", "databases:write"),
    route!(POST, "/databases/{databaseName}/pause", "databases:write"),
    route!(POST, "/databases/{databaseName}/unpause", "databases:write"),
    route!(POST, "/databases/{databaseName}/import", "databases:write"),
    route!(DELETE, "/databases/{databaseName}", "databases:delete"),
    route!(GET, "/integrations/available", "integrations:read"),
    route!(
        GET,
        "/projects/{projectId}/integrations",
        "integrations:read"
    ),
    route!(
        POST,
        "/projects/{projectId}/integrations/slack",
        "integrations:write"
    ),
    route!(
        PUT,
        "/projects/{projectId}/integrations/slack",
        "integrations:write"
    ),
    route!(
        DELETE,
        "/projects/{projectId}/integrations/slack",
        "integrations:write"
    ),
    route!(
        POST,
        "/projects/{projectId}/integrations/slack/test",
        "integrations:write"
    ),
    route!(GET, "/projects", "projects:read"),
    route!(GET, "/projects/{projectId}", "projects:read"),
    route!(GET, "/projects/{projectId}/apps", "projects:read"),
    route!(
        GET,
        "/projects/{projectId}/connected-accounts",
        "projects:read"
    ),
    route!(GET, "/projects/{projectId}/github/accounts", "git:read"),
    route!(
        GET,
        "/projects/{projectId}/github/accounts/{accountLogin}/repos",
        "git:read"
    ),
    route!(GET, "/projects/{projectId}/gitlab/repos", "git:read"),
    route!(
        GET,
        "/projects/{projectId}/bitbucket/workspaces",
        "git:read"
    ),
    route!(
        GET,
        "/projects/{projectId}/bitbucket/workspaces/{workspace}/repos",
        "git:read"
    ),
    route!(
        DELETE,
        "/projects/{projectId}/github/disconnect",
        "git:write"
    ),
    route!(
        DELETE,
        "/projects/{projectId}/gitlab/disconnect",
        "git:write"
    ),
    route!(
        DELETE,
        "/projects/{projectId}/bitbucket/disconnect",
        "git:write"
    ),
    route!(GET, "/traces/{appName}", "traces:read"),
    route!(POST, "/estimate-costs", "hostless-file:read"),
    route!(
        POST,
        "/apps/{appName}/hostless-file/generate",
        "hostless-file:write"
    ),
    route!(
        POST,
        "/apps/{appName}/hostless-file/update",
        "hostless-file:write"
    ),
    route!(
        POST,
        "/apps/{appName}/hostless-file/commit",
        "hostless-file:write"
    ),
    route!(
        POST,
        "/apps/{appName}/hostless-file/calculate-costs",
        "hostless-file:write"
    ),
    route!(GET, "/virtual-machines", "virtual-machines:read"),
    route!(GET, "/virtual-machines/pricing", "virtual-machines:read"),
    route!(
        GET,
        "/virtual-machines/project/{projectId}",
        "virtual-machines:read"
    ),
    route!(GET, "/virtual-machines/{id}", "virtual-machines:read"),
    route!(
        GET,
        "/virtual-machines/{id}/metrics",
        "virtual-machines:read"
    ),
    route!(
        GET,
        "/virtual-machines/{id}/metrics/cpu-usage",
        "virtual-machines:read"
    ),
    route!(
        GET,
        "/virtual-machines/{id}/metrics/memory-usage",
        "virtual-machines:read"
    ),
    route!(
        GET,
        "/virtual-machines/{id}/metrics/network-in",
        "virtual-machines:read"
    ),
    route!(
        GET,
        "/virtual-machines/{id}/metrics/network-out",
        "virtual-machines:read"
    ),
    route!(
        GET,
        "/virtual-machines/{id}/metrics/disk-usage",
        "virtual-machines:read"
    ),
    route!(
        GET,
        "/virtual-machines/{id}/firewall",
        "virtual-machines:read"
    ),
    route!(POST, "/virtual-machines", "virtual-machines:write"),
    route!(
        POST,
        "/virtual-machines/{id}/start",
        "virtual-machines:write"
    ),
    route!(
        POST,
        "/virtual-machines/{id}/stop",
        "virtual-machines:write"
    ),
    route!(
        POST,
        "/virtual-machines/{id}/restart",
        "virtual-machines:write"
    ),
    route!(
        PUT,
        "/virtual-machines/{id}/resources",
        "virtual-machines:write"
    ),
    route!(
        PUT,
        "/virtual-machines/{id}/firewall",
        "virtual-machines:write"
    ),
    route!(DELETE, "/virtual-machines/{id}", "virtual-machines:delete"),
    route!(GET, "/billing/breakdown", "billing:read"),
    route!(GET, "/billing/databases/breakdown", "billing:read"),
    route!(GET, "/billing/cycles", "billing:read"),
    route!(GET, "/billing/currencies", "billing:read"),
    route!(GET, "/billing/payment-config", "billing:read"),
    route!(GET, "/invoices", "billing:read"),
    route!(GET, "/invoices/{id}", "billing:read"),
    route!(GET, "/invoices/{id}/receipt", "billing:read"),
    route!(POST, "/billing/pay/{invoiceId}", "billing:write"),
];

/// The JWT-only routes the sandbox serves besides [`ROUTES`]: key management and project
/// create/patch/delete. No API key may call them, so `scope` is empty.
pub static JWT_ONLY_ROUTES: &[Route] = &[
    route!(POST, "/users/me/api-keys", ""),
    route!(GET, "/users/me/api-keys", ""),
    route!(DELETE, "/users/me/api-keys/{keyId}", ""),
    route!(POST, "/projects", ""),
    route!(PATCH, "/projects/{projectId}", ""),
    route!(DELETE, "/projects/{projectId}", ""),
];

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

/// Splits a path (template or concrete, with or without a leading `/v1` and a query
/// string) into its non-empty segments.
fn segments(path: &str) -> Vec<&str> {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let mut segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if segs.first() == Some(&"v1") {
        segs.remove(0);
    }
    segs
}

fn is_read(method: &Method) -> bool {
    *method == Method::GET || *method == Method::HEAD
}

fn is_write(method: &Method) -> bool {
    *method == Method::POST || *method == Method::PUT || *method == Method::PATCH
}

/// The scope an API key needs for `method` on `path`, by the page's generic rule, or `None`
/// when no scope opens the route (unknown family, or a JWT-only write such as
/// `POST /projects`).
///
/// The rule: the first segment names the resource family (`/apps/{appName}/cron-jobs/…`
/// belongs to cron jobs; `/projects/{projectId}/integrations|github|gitlab|bitbucket/…` to
/// integrations and git; billing and invoices share `billing`). Reads need
/// `<family>:read`, except that `logs`/`post-build-logs`/`runtime-logs` segments need
/// `logs:read` and `deployments`/`build` segments need `deployments:read` (per-resource
/// `metrics` stay with the family). Writes need `<family>:write`, or `deployments:write` /
/// `hostless-file:write` when those segments appear. Deletes need `<family>:delete`, or
/// `<family>:write` when the family has no delete scope (integrations, git, billing).
///
/// The one route the rule cannot derive is `POST /estimate-costs`, which only computes an
/// estimate and needs `hostless-file:read`; it is special-cased here and the explicit table
/// in [`ROUTES`] remains the authority.
///
/// Keywords are looked for after the family's own identifier segment, so a concrete
/// identifier that happens to equal a keyword deeper in the path (a deployment called
/// `logs`) can mislead the rule; resolve concrete paths with [`match_route`] first.
pub fn required_scope(method: &Method, path: &str) -> Option<&'static str> {
    let segs = segments(path);
    let (first, rest) = segs.split_first()?;
    let tail = rest.get(1..).unwrap_or_default();
    let family = match *first {
        "estimate-costs" => {
            return (rest.is_empty() && *method == Method::POST).then_some("hostless-file:read");
        }
        "apps" if tail.first() == Some(&"cron-jobs") => "cron-jobs",
        "apps" | "sites" | "workers" | "cron-jobs" | "databases" | "virtual-machines"
        | "traces" | "integrations" | "metrics" => first,
        "billing" | "invoices" => "billing",
        "projects" => match tail.first().copied() {
            Some("integrations") => "integrations",
            Some("github" | "gitlab" | "bitbucket") => "git",
            _ => "projects",
        },
        _ => return None,
    };
    let has = |words: &[&str]| tail.iter().any(|s| words.contains(s));
    let deployable = matches!(family, "apps" | "sites" | "workers" | "cron-jobs");
    let wanted = if is_read(method) {
        if has(&["logs", "post-build-logs", "runtime-logs"]) {
            "logs:read".to_owned()
        } else if has(&["metrics"]) {
            format!("{family}:read")
        } else if deployable && has(&["deployments", "build"]) {
            "deployments:read".to_owned()
        } else {
            format!("{family}:read")
        }
    } else if is_write(method) {
        if deployable && has(&["deployments"]) {
            "deployments:write".to_owned()
        } else if has(&["hostless-file"]) {
            "hostless-file:write".to_owned()
        } else {
            format!("{family}:write")
        }
    } else if *method == Method::DELETE {
        let delete = format!("{family}:delete");
        if SCOPES.contains(&delete.as_str()) {
            delete
        } else {
            format!("{family}:write")
        }
    } else {
        return None;
    };
    SCOPES.iter().copied().find(|s| *s == wanted)
}

/// Whether the page lists `method` on `path` among the routes an API key may never call
/// (they need a dashboard session): key management and account routes under `/users` and
/// `/auth`, project members and transfers, project create/patch/delete, payment methods and
/// currency changes, and the admin, SSH-key, health, campaign, credit and Git OAuth callback
/// routes.
pub fn is_jwt_only(method: &Method, path: &str) -> bool {
    let segs = segments(path);
    let Some((first, rest)) = segs.split_first() else {
        return false;
    };
    if rest.iter().any(|s| matches!(*s, "transfer" | "transfers")) {
        return true;
    }
    match *first {
        "users" | "auth" | "admin" | "ssh-keys" | "health" | "campaigns" | "credit" | "credits"
        | "github" | "gitlab" | "bitbucket" => true,
        "projects" => match rest {
            [] => *method == Method::POST,
            [_] => *method == Method::PATCH || *method == Method::DELETE,
            [_, "members", ..] => true,
            _ => false,
        },
        "billing" => match rest {
            ["stripe" | "paystack", ..] => true,
            ["currency", ..] => *method == Method::PATCH,
            ["currencies", _] => is_read(method),
            _ => false,
        },
        _ => false,
    }
}

/// Path parameters of a matched route: placeholder name and the decoded concrete value.
pub type Params = Vec<(&'static str, String)>;

fn placeholder(seg: &str) -> Option<&str> {
    seg.strip_prefix('{')?.strip_suffix('}')
}

/// Finds the route of `routes` that serves `method` on the concrete `path` (relative to
/// `/v1`; a leading `/v1` and a query string are ignored) and extracts its parameters.
/// `HEAD` matches `GET` routes. When several templates fit, literal segments beat
/// placeholders, earliest segment first (`/apps/{appName}/deployments/new` wins over
/// `/apps/{appName}/deployments/{deploymentId}`).
pub fn match_route_in(
    routes: &'static [Route],
    method: &Method,
    path: &str,
) -> Option<(&'static Route, Params)> {
    let segs = segments(path);
    let mut best: Option<(&'static Route, Vec<bool>)> = None;
    for route in routes {
        let method_fits =
            route.method == *method || (*method == Method::HEAD && route.method == Method::GET);
        if !method_fits {
            continue;
        }
        let Some(rank) = template_rank(route.path, &segs) else {
            continue;
        };
        if best.as_ref().is_none_or(|(_, b)| rank > *b) {
            best = Some((route, rank));
        }
    }
    let (route, _) = best?;
    let params = segments(route.path)
        .into_iter()
        .zip(segs)
        .filter_map(|(t, c)| {
            let name = placeholder(t)?;
            // The names are slices of a `&'static str`, so re-borrow them from it.
            let start = route.path.find(t)? + 1;
            let name: &'static str = route.path.get(start..start + name.len())?;
            let value = percent_encoding::percent_decode_str(c)
                .decode_utf8_lossy()
                .into_owned();
            Some((name, value))
        })
        .collect();
    Some((route, params))
}

/// For a template that fits the concrete segments, which template segments are literal.
fn template_rank(template: &str, concrete: &[&str]) -> Option<Vec<bool>> {
    let tsegs = segments(template);
    if tsegs.len() != concrete.len() {
        return None;
    }
    tsegs
        .iter()
        .zip(concrete)
        .map(|(t, c)| match placeholder(t) {
            Some(_) => Some(false),
            None => (t == c).then_some(true),
        })
        .collect()
}

/// Whether some route of `routes` has a template that fits `path`, whatever its method
/// (tells "405 method not allowed" apart from "404 no such path").
pub fn path_known_in(routes: &'static [Route], path: &str) -> bool {
    let segs = segments(path);
    routes
        .iter()
        .any(|r| template_rank(r.path, &segs).is_some())
}

/// [`match_route_in`] over [`ROUTES`], the routes an API key may call.
pub fn match_route(method: &Method, path: &str) -> Option<(&'static Route, Params)> {
    match_route_in(ROUTES, method, path)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn scopes_are_32_unique_resource_action_pairs() {
        let set: HashSet<_> = SCOPES.iter().collect();
        assert_eq!(set.len(), 32);
        for s in SCOPES {
            let (res, action) = s.split_once(':').unwrap();
            assert!(!res.is_empty());
            assert!(matches!(action, "read" | "write" | "delete"), "{s}");
        }
        assert_eq!(read_scopes().count(), 15);
    }

    #[test]
    fn every_route_scope_is_a_known_scope() {
        for r in ROUTES {
            assert!(
                SCOPES.contains(&r.scope),
                "{} {} {}",
                r.method,
                r.path,
                r.scope
            );
        }
    }

    #[test]
    fn the_table_has_every_route_of_the_page() {
        assert_eq!(ROUTES.len(), 196);
        let scoped: HashSet<_> = ROUTES.iter().map(|r| r.scope).collect();
        // Every scope has a route except metrics:read, reserved for future endpoints.
        for s in SCOPES {
            assert_eq!(scoped.contains(s), s != "metrics:read", "{s}");
        }
    }

    #[test]
    fn placeholders_are_well_formed() {
        for r in ROUTES.iter().chain(JWT_ONLY_ROUTES) {
            assert!(
                r.path.starts_with('/') && !r.path.ends_with('/'),
                "{}",
                r.path
            );
            assert!(!r.path.starts_with("/v1"), "{}", r.path);
            let mut names = HashSet::new();
            for seg in r.path.split('/').skip(1) {
                assert!(!seg.is_empty(), "{}", r.path);
                if seg.contains(['{', '}']) {
                    let name = placeholder(seg).unwrap_or_else(|| panic!("{}", r.path));
                    assert!(!name.is_empty(), "{}", r.path);
                    assert!(
                        name.chars().all(|c| c.is_ascii_alphanumeric()),
                        "{}",
                        r.path
                    );
                    assert!(
                        name.starts_with(|c: char| c.is_ascii_lowercase()),
                        "{}",
                        r.path
                    );
                    assert!(names.insert(name), "repeated placeholder in {}", r.path);
                } else {
                    assert!(
                        seg.chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                        "{}",
                        r.path
                    );
                }
            }
        }
    }

    #[test]
    fn no_duplicate_method_and_path() {
        let mut seen = HashSet::new();
        for r in ROUTES.iter().chain(JWT_ONLY_ROUTES) {
            assert!(
                seen.insert((r.method.clone(), r.path)),
                "{} {}",
                r.method,
                r.path
            );
        }
    }

    #[test]
    fn generic_rule_agrees_with_the_table() {
        for r in ROUTES {
            assert_eq!(
                required_scope(&r.method, r.path),
                Some(r.scope),
                "{} {}",
                r.method,
                r.path
            );
        }
        // The rule works on concrete paths too.
        assert_eq!(
            required_scope(&Method::GET, "/v1/apps/my-app/deployments/abc"),
            Some("deployments:read")
        );
        assert_eq!(required_scope(&Method::HEAD, "/apps/x"), Some("apps:read"));
        assert_eq!(required_scope(&Method::POST, "/projects"), None);
        assert_eq!(required_scope(&Method::GET, "/users/me/api-keys"), None);
    }

    #[test]
    fn no_api_key_route_is_jwt_only_and_the_jwt_routes_are() {
        for r in ROUTES {
            assert!(!is_jwt_only(&r.method, r.path), "{} {}", r.method, r.path);
        }
        for r in JWT_ONLY_ROUTES {
            assert!(is_jwt_only(&r.method, r.path), "{} {}", r.method, r.path);
        }
        let jwt = [
            (Method::GET, "/users/me"),
            (Method::POST, "/auth/login"),
            (Method::GET, "/projects/p1/members"),
            (Method::POST, "/projects/p1/members/invite"),
            (Method::POST, "/billing/stripe/setup-intent"),
            (Method::GET, "/billing/paystack/cards"),
            (Method::PATCH, "/billing/currency/ngn"),
            (Method::GET, "/billing/currencies/USD"),
            (Method::POST, "/apps/a/transfer"),
            (Method::GET, "/github/callback"),
        ];
        for (m, p) in jwt {
            assert!(is_jwt_only(&m, p), "{m} {p}");
        }
        assert!(!is_jwt_only(&Method::GET, "/billing/currencies"));
        assert!(!is_jwt_only(&Method::GET, "/projects/p1"));
    }

    #[test]
    fn literal_segments_beat_placeholders() {
        let (r, params) = match_route(&Method::POST, "/apps/my-app/deployments/new").unwrap();
        assert_eq!(r.path, "/apps/{appName}/deployments/new");
        assert_eq!(params, vec![("appName", "my-app".to_owned())]);

        let (r, params) = match_route(&Method::GET, "/v1/apps/my-app/deployments/abc?x=1").unwrap();
        assert_eq!(r.path, "/apps/{appName}/deployments/{deploymentId}");
        assert_eq!(
            params,
            vec![
                ("appName", "my-app".to_owned()),
                ("deploymentId", "abc".to_owned())
            ]
        );

        let (r, _) = match_route(&Method::GET, "/virtual-machines/pricing").unwrap();
        assert_eq!(r.path, "/virtual-machines/pricing");
        let (r, _) = match_route(&Method::POST, "/sites/from-upload").unwrap();
        assert_eq!(r.path, "/sites/from-upload");
        let (r, _) = match_route(&Method::HEAD, "/apps").unwrap();
        assert_eq!(r.path, "/apps");
    }

    #[test]
    fn params_are_percent_decoded_and_unknown_paths_do_not_match() {
        let (_, params) =
            match_route(&Method::DELETE, "/apps/a/collaborators/me%40example.com").unwrap();
        assert_eq!(params[1], ("email", "me@example.com".to_owned()));
        assert!(match_route(&Method::GET, "/nope").is_none());
        assert!(match_route(&Method::PUT, "/apps/a").is_none());
        assert!(path_known_in(ROUTES, "/apps/a"));
        assert!(!path_known_in(ROUTES, "/apps/a/b/c/d/e/f"));
    }

    #[test]
    fn every_route_matches_itself() {
        for r in ROUTES {
            let concrete = r.path.replace(['{', '}'], "");
            let (m, _) = match_route(&r.method, &concrete).unwrap();
            assert_eq!(m, r, "{concrete}");
        }
    }
}
