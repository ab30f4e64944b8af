//! The handler table: which function serves each route of the seed page.
//!
//! A row's pattern is a route template where `*` stands for any literal segment and `{}`
//! for any placeholder, so one row serves the same sub-resource of apps, sites, workers
//! and cron jobs. The first matching row wins, so specific rows (VM restart, site
//! metrics) come before the wildcard rows they overlap; a test checks that every route
//! of [`crate::api_routes::ROUTES`] and of the JWT-only tables has a row, and every row a
//! route.

use axum::http::Method;

use crate::api_routes::Route;
use crate::route_template::RouteTemplate;

use super::call::{Ctx, Handler};
use super::children::{self as ch, APP_CRON_JOBS, WORKER_PROCESSES};
use super::crud::{self, keys};
use super::deploys as dep;
use super::errors::ApiResult;
use super::model::{Coll, Kind};
use super::observe as obs;

fn env_vars(c: &mut Ctx<'_>) -> ApiResult {
    ch::list(c, Coll::EnvVars)
}

/// Session-only routes the sandbox serves beyond the route tables of `api_routes`.
pub static SESSION_ROUTES: &[Route] = &[
    Route {
        method: Method::GET,
        path: "/users/me",
        template: RouteTemplate::new("/users/me"),
        scope: "",
    },
    Route {
        method: Method::GET,
        path: "/projects/{projectId}/members",
        template: RouteTemplate::new("/projects/{projectId}/members"),
        scope: "",
    },
];

/// (method, pattern, handler), most specific rows first where patterns overlap.
pub static HANDLERS: &[(Method, &str, Handler)] = &[
    // Projects.
    (Method::GET, "/projects", |c| {
        crud::list(c, Kind::Project, None)
    }),
    (Method::GET, "/projects/{}", |c| crud::get(c, Kind::Project)),
    (Method::POST, "/projects", |c| {
        crud::create(c, Kind::Project, &[])
    }),
    (Method::PATCH, "/projects/{}", |c| {
        crud::patch(c, Kind::Project)
    }),
    (Method::DELETE, "/projects/{}", |c| {
        crud::delete(c, Kind::Project)
    }),
    (Method::GET, "/projects/{}/apps", |c| {
        let p = c.param("projectId").to_owned();
        crud::list(c, Kind::App, Some(&p))
    }),
    (Method::GET, "/projects/{}/members", obs::members),
    (
        Method::GET,
        "/projects/{}/connected-accounts",
        ch::connected_accounts,
    ),
    (
        Method::GET,
        "/projects/{}/github/accounts",
        ch::github_accounts,
    ),
    (
        Method::GET,
        "/projects/{}/github/accounts/{}/repos",
        ch::github_repos,
    ),
    (Method::GET, "/projects/{}/gitlab/repos", ch::gitlab_repos),
    (
        Method::GET,
        "/projects/{}/bitbucket/workspaces",
        ch::bitbucket_workspaces,
    ),
    (
        Method::GET,
        "/projects/{}/bitbucket/workspaces/{}/repos",
        ch::bitbucket_repos,
    ),
    (Method::DELETE, "/projects/{}/github/disconnect", |c| {
        ch::git_disconnect(c, "github")
    }),
    (Method::DELETE, "/projects/{}/gitlab/disconnect", |c| {
        ch::git_disconnect(c, "gitlab")
    }),
    (Method::DELETE, "/projects/{}/bitbucket/disconnect", |c| {
        ch::git_disconnect(c, "bitbucket")
    }),
    (
        Method::GET,
        "/integrations/available",
        obs::integrations_available,
    ),
    (
        Method::GET,
        "/projects/{}/integrations",
        ch::integrations_list,
    ),
    (
        Method::POST,
        "/projects/{}/integrations/slack",
        ch::slack_add,
    ),
    (
        Method::PUT,
        "/projects/{}/integrations/slack",
        ch::slack_update,
    ),
    (
        Method::DELETE,
        "/projects/{}/integrations/slack",
        ch::slack_remove,
    ),
    (
        Method::POST,
        "/projects/{}/integrations/slack/test",
        ch::slack_test,
    ),
    // The core resources.
    (Method::GET, "/apps", |c| crud::list(c, Kind::App, None)),
    (Method::GET, "/sites", |c| crud::list(c, Kind::Site, None)),
    (Method::GET, "/workers", |c| {
        crud::list(c, Kind::Worker, None)
    }),
    (Method::GET, "/cron-jobs", |c| {
        crud::list(c, Kind::CronJob, None)
    }),
    (Method::GET, "/databases", |c| {
        crud::list(c, Kind::Database, None)
    }),
    (Method::POST, "/apps", |c| crud::create(c, Kind::App, &[])),
    (Method::POST, "/sites", |c| crud::create(c, Kind::Site, &[])),
    (Method::POST, "/sites/from-upload", |c| {
        crud::create(c, Kind::Site, &[("source", serde_json::json!("upload"))])
    }),
    (Method::POST, "/sites/from-visual-builder", |c| {
        crud::create(
            c,
            Kind::Site,
            &[("source", serde_json::json!("visual-builder"))],
        )
    }),
    (Method::POST, "/workers", |c| {
        crud::create(c, Kind::Worker, &[])
    }),
    (Method::POST, "/cron-jobs", |c| {
        crud::create(c, Kind::CronJob, &[])
    }),
    (Method::POST, "/databases", |c| {
        crud::create(c, Kind::Database, &[])
    }),
    (Method::GET, "/apps/{}", |c| crud::get(c, Kind::App)),
    (Method::GET, "/sites/{}", |c| crud::get(c, Kind::Site)),
    (Method::GET, "/workers/{}", |c| crud::get(c, Kind::Worker)),
    (Method::GET, "/cron-jobs/{}", |c| {
        crud::get(c, Kind::CronJob)
    }),
    (Method::GET, "/databases/{}/details", |c| {
        crud::get(c, Kind::Database)
    }),
    (Method::PATCH, "/apps/{}", |c| crud::patch(c, Kind::App)),
    (Method::PATCH, "/sites/{}", |c| crud::patch(c, Kind::Site)),
    (Method::PATCH, "/workers/{}", |c| {
        crud::patch(c, Kind::Worker)
    }),
    (Method::PATCH, "/cron-jobs/{}", |c| {
        crud::patch(c, Kind::CronJob)
    }),
    (Method::PATCH, "/databases/{}", |c| {
        crud::patch(c, Kind::Database)
    }),
    (Method::DELETE, "/apps/{}", |c| crud::delete(c, Kind::App)),
    (Method::DELETE, "/sites/{}", |c| crud::delete(c, Kind::Site)),
    (Method::DELETE, "/workers/{}", |c| {
        crud::delete(c, Kind::Worker)
    }),
    (Method::DELETE, "/cron-jobs/{}", |c| {
        crud::delete(c, Kind::CronJob)
    }),
    (Method::DELETE, "/databases/{}", |c| {
        crud::delete(c, Kind::Database)
    }),
    // Configuration shared by several kinds.
    (Method::GET, "/*/{}/environment-variables", env_vars),
    (Method::GET, "/*/{}/custom-domains", |c| {
        ch::list(c, Coll::Domains)
    }),
    (Method::POST, "/*/{}/custom-domains", ch::domain_add),
    (Method::DELETE, "/*/{}/custom-domains", ch::domain_remove),
    (Method::GET, "/*/{}/commits", dep::commits),
    (Method::GET, "/*/{}/search", dep::search),
    (Method::GET, "/*/{}/collaborators", |c| {
        ch::list(c, Coll::Collaborators)
    }),
    (Method::PATCH, "/*/{}/collaborators", ch::collaborator_set),
    (
        Method::DELETE,
        "/*/{}/collaborators/{}",
        ch::collaborator_remove,
    ),
    (Method::GET, "/*/{}/*/pull-requests", |c| {
        ch::list(c, Coll::PullRequests)
    }),
    (Method::POST, "/*/{}/*/trigger", ch::review_trigger),
    (
        Method::PATCH,
        "/apps/{}/review-apps/extend",
        ch::review_extend,
    ),
    (Method::GET, "/apps/{}/review-apps", |c| {
        ch::list(c, Coll::Reviews)
    }),
    (Method::GET, "/sites/{}/review-sites", |c| {
        ch::list(c, Coll::Reviews)
    }),
    (Method::GET, "/apps/{}/worker-processes", |c| {
        ch::list(c, Coll::WorkerProcesses)
    }),
    (Method::POST, "/apps/{}/worker-processes", |c| {
        ch::item_create(c, &WORKER_PROCESSES)
    }),
    (Method::GET, "/apps/{}/worker-processes/{}", |c| {
        ch::item_get(c, &WORKER_PROCESSES)
    }),
    (Method::PATCH, "/apps/{}/worker-processes/{}", |c| {
        ch::item_patch(c, &WORKER_PROCESSES)
    }),
    (Method::DELETE, "/apps/{}/worker-processes/{}", |c| {
        ch::item_delete(c, &WORKER_PROCESSES)
    }),
    (Method::GET, "/apps/{}/cron-jobs", |c| {
        ch::list(c, Coll::AppCronJobs)
    }),
    (Method::POST, "/apps/{}/cron-jobs", |c| {
        ch::item_create(c, &APP_CRON_JOBS)
    }),
    (Method::GET, "/apps/{}/cron-jobs/{}", |c| {
        ch::item_get(c, &APP_CRON_JOBS)
    }),
    (Method::PATCH, "/apps/{}/cron-jobs/{}", |c| {
        ch::item_patch(c, &APP_CRON_JOBS)
    }),
    (Method::DELETE, "/apps/{}/cron-jobs/{}", |c| {
        ch::item_delete(c, &APP_CRON_JOBS)
    }),
    (Method::GET, "/apps/{}/cron-jobs/{}/runs", dep::runs_list),
    (Method::GET, "/apps/{}/cron-jobs/{}/runs/{}", dep::run_get),
    (
        Method::GET,
        "/apps/{}/cron-jobs/{}/runs/{}/logs",
        dep::run_logs,
    ),
    (Method::POST, "/apps/{}/cron-jobs/{}/run", dep::run_now),
    // Virtual machines.
    (Method::GET, "/virtual-machines", |c| {
        crud::list(c, Kind::VirtualMachine, None)
    }),
    (Method::GET, "/virtual-machines/pricing", obs::vm_pricing),
    (
        Method::GET,
        "/virtual-machines/project/{}",
        ch::vm_list_in_project,
    ),
    (Method::GET, "/virtual-machines/{}", |c| {
        crud::get(c, Kind::VirtualMachine)
    }),
    (
        Method::GET,
        "/virtual-machines/{}/firewall",
        ch::vm_firewall_get,
    ),
    (Method::POST, "/virtual-machines", |c| {
        crud::create(c, Kind::VirtualMachine, &[])
    }),
    (Method::POST, "/virtual-machines/{}/start", |c| {
        ch::vm_power(c, "running")
    }),
    (Method::POST, "/virtual-machines/{}/stop", |c| {
        ch::vm_power(c, "stopped")
    }),
    (Method::POST, "/virtual-machines/{}/restart", |c| {
        ch::vm_power(c, "running")
    }),
    (
        Method::PUT,
        "/virtual-machines/{}/resources",
        ch::vm_resources,
    ),
    (
        Method::PUT,
        "/virtual-machines/{}/firewall",
        ch::vm_firewall_put,
    ),
    (Method::DELETE, "/virtual-machines/{}", |c| {
        crud::delete(c, Kind::VirtualMachine)
    }),
    // Operations.
    (Method::POST, "/*/{}/restart", ch::restart),
    (Method::POST, "/*/{}/scale/up", |c| ch::scale(c, 1)),
    (Method::POST, "/*/{}/scale/down", |c| ch::scale(c, -1)),
    (Method::PATCH, "/apps/{}/upgrade", ch::upgrade),
    (Method::POST, "/cron-jobs/{}/pause", |c| {
        crud::set_status(c, Kind::CronJob, "paused")
    }),
    (Method::POST, "/cron-jobs/{}/resume", |c| {
        crud::set_status(c, Kind::CronJob, "active")
    }),
    (Method::GET, "/cron-jobs/{}/runs", dep::runs_list),
    (Method::GET, "/cron-jobs/{}/runs/{}", dep::run_get),
    (Method::GET, "/cron-jobs/{}/runs/{}/logs", dep::run_logs),
    (Method::POST, "/databases/{}/pause", |c| {
        crud::set_status(c, Kind::Database, "paused")
    }),
    (Method::POST, "/databases/{}/unpause", |c| {
        crud::set_status(c, Kind::Database, "available")
    }),
    (Method::PATCH, "/databases/{}/tier", ch::tier),
    (Method::GET, "/databases/{}/linked-apps", ch::linked_apps),
    (Method::POST, "/databases/{}/import", dep::import_start),
    (
        Method::GET,
        "/databases/{}/import/{}/status",
        dep::import_status,
    ),
    (
        Method::GET,
        "/databases/{}/import/{}/logs",
        dep::import_logs,
    ),
    // Deployments and logs.
    (Method::GET, "/*/{}/deployments", dep::list),
    (Method::GET, "/*/{}/deployments/{}", dep::get),
    (Method::POST, "/*/{}/deployments/new", dep::trigger),
    (Method::POST, "/*/{}/deployments/{}/rerun", dep::rerun),
    (
        Method::GET,
        "/apps/{}/deployments/{}/stats",
        dep::deployment_stats,
    ),
    (Method::GET, "/apps/{}/build/stats", dep::build_stats),
    (
        Method::GET,
        "/sites/{}/deployments/{}/metrics/build-stats",
        dep::site_build_stats,
    ),
    (Method::GET, "/*/{}/logs", dep::runtime_logs),
    (
        Method::GET,
        "/*/{}/deployments/{}/logs",
        dep::deployment_logs,
    ),
    (
        Method::GET,
        "/apps/{}/deployments/{}/post-build-logs",
        dep::post_build_logs,
    ),
    // Sites: uploads and the visual builder.
    (Method::POST, "/sites/{}/upload", dep::site_upload),
    (
        Method::GET,
        "/sites/{}/visual-builder/project",
        ch::builder_project_get,
    ),
    (
        Method::PUT,
        "/sites/{}/visual-builder/project",
        ch::builder_project_put,
    ),
    (
        Method::POST,
        "/sites/{}/visual-builder/publish",
        dep::site_publish,
    ),
    (Method::GET, "/sites/{}/visual-builder/assets", |c| {
        ch::list(c, Coll::Assets)
    }),
    (
        Method::POST,
        "/sites/{}/visual-builder/assets",
        ch::asset_add,
    ),
    // Metrics and traces.
    (
        Method::GET,
        "/sites/{}/metrics/request-count/total",
        obs::request_total,
    ),
    (Method::GET, "/sites/{}/metrics/top-paths", obs::top_paths),
    (
        Method::GET,
        "/virtual-machines/{}/metrics",
        obs::vm_overview,
    ),
    (Method::GET, "/*/{}/metrics/*", obs::metric),
    (Method::GET, "/traces/{}", obs::traces),
    // The Hostless file.
    (Method::POST, "/estimate-costs", dep::estimate),
    (
        Method::POST,
        "/apps/{}/hostless-file/generate",
        dep::file_generate,
    ),
    (
        Method::POST,
        "/apps/{}/hostless-file/update",
        dep::file_update,
    ),
    (
        Method::POST,
        "/apps/{}/hostless-file/commit",
        dep::file_commit,
    ),
    (
        Method::POST,
        "/apps/{}/hostless-file/calculate-costs",
        dep::file_costs,
    ),
    // Billing.
    (Method::GET, "/billing/breakdown", obs::billing_breakdown),
    (
        Method::GET,
        "/billing/databases/breakdown",
        obs::billing_db_breakdown,
    ),
    (Method::GET, "/billing/cycles", obs::billing_cycles),
    (Method::GET, "/billing/currencies", obs::currencies),
    (Method::GET, "/billing/payment-config", obs::payment_config),
    (Method::GET, "/invoices", |c| {
        crud::list(c, Kind::Invoice, None)
    }),
    (Method::GET, "/invoices/{}", |c| crud::get(c, Kind::Invoice)),
    (Method::GET, "/invoices/{}/receipt", obs::receipt),
    (Method::POST, "/billing/pay/{}", obs::pay),
    // Session only.
    (Method::GET, "/users/me", obs::me),
    (Method::GET, "/users/me/api-keys", keys::list),
    (Method::POST, "/users/me/api-keys", keys::create),
    (Method::DELETE, "/users/me/api-keys/{}", keys::revoke),
];

/// Whether a row's pattern fits a route template.
fn fits(pattern: &str, template: &str) -> bool {
    let (p, t): (Vec<&str>, Vec<&str>) =
        (pattern.split('/').collect(), template.split('/').collect());
    p.len() == t.len()
        && p.iter().zip(&t).all(|(p, t)| {
            let placeholder = t.starts_with('{');
            match *p {
                "{}" => placeholder,
                "*" => !placeholder,
                literal => literal == *t,
            }
        })
}

/// The rows that serve `method` on the route `template`, in table order.
pub fn rows_for<'a>(
    method: &'a Method,
    template: &'a str,
) -> impl Iterator<Item = &'static (Method, &'static str, Handler)> + 'a {
    HANDLERS
        .iter()
        .filter(move |(m, p, _)| m == method && fits(p, template))
}

/// The handler of a route, if the table has one.
pub fn handler_for(method: &Method, template: &str) -> Option<Handler> {
    rows_for(method, template).next().map(|(_, _, h)| *h)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::api_routes::{JWT_ONLY_ROUTES, ROUTES};

    #[test]
    fn every_route_has_a_handler_row_and_every_row_is_used() {
        let routes: Vec<_> = ROUTES
            .iter()
            .chain(JWT_ONLY_ROUTES)
            .chain(SESSION_ROUTES)
            .collect();
        for r in &routes {
            let n = rows_for(&r.method, r.path).count();
            assert!(n >= 1, "{} {} has no handler row", r.method, r.path);
        }
        for (m, p, _) in HANDLERS {
            assert!(
                routes.iter().any(|r| r.method == *m && fits(p, r.path)),
                "row {m} {p} serves no route"
            );
        }
    }

    #[test]
    fn patterns_match_literals_and_placeholders() {
        assert!(fits("/*/{}/deployments", "/apps/{appName}/deployments"));
        assert!(!fits(
            "/*/{}/deployments",
            "/apps/{appName}/deployments/{id}"
        ));
        assert!(!fits("/apps/{}", "/apps/search"));
        assert!(!fits("/*", "/{x}"));
    }
}
