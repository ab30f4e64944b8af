//! The Hostless REST API route table, copied route by route from the public developer
//! page (the authority), and its 32 scopes: data only.
//!
//! Used by the sandbox for dispatch and authorization (its lookups live in
//! `sandbox::routes`), by the protected-resource metadata for `scopes_supported`, and by
//! tests that check the tool catalog and the docs against the API. Paths are relative to
//! `/v1` and use `{name}` placeholders spelt as on the page; matching them is
//! [`RouteTemplate`]'s job.

use axum::http::Method;

use crate::route_template::RouteTemplate;

/// One REST route. `path` is relative to `/v1` and uses `{name}` placeholders; `template`
/// is the same path, checked when this table is compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub method: Method,
    pub path: &'static str,
    pub template: RouteTemplate,
    pub scope: &'static str,
}

macro_rules! route {
    ($method:ident, $path:literal, $scope:literal) => {
        Route {
            method: Method::$method,
            path: $path,
            template: RouteTemplate::new($path),
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

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use super::*;
    use crate::route_template::Segment;
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

    /// `RouteTemplate::new` checks the shape when the table compiles; this checks the
    /// spelling the page uses.
    #[test]
    fn placeholders_are_well_formed() {
        for r in ROUTES.iter().chain(JWT_ONLY_ROUTES) {
            assert_eq!(r.template.as_str(), r.path);
            assert!(!r.path.starts_with("/v1"), "{}", r.path);
            let mut names = HashSet::new();
            for segment in r.template.segments() {
                match segment {
                    Segment::Placeholder(name) => {
                        assert!(
                            name.starts_with(|c: char| c.is_ascii_lowercase()),
                            "{}",
                            r.path
                        );
                        assert!(names.insert(name), "repeated placeholder in {}", r.path);
                    }
                    Segment::Literal(text) => assert!(
                        text.chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                        "{}",
                        r.path
                    ),
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
}
