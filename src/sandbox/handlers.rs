//! The handler table: which function serves each route of the seed page.
//!
//! A row names the exact [`RouteTemplate`]s it serves (one row may serve the same
//! sub-resource of apps, sites, workers and cron jobs), so a route's handler is found by
//! method and template equality, and grepping a route's path finds its row. A test checks
//! that every route the sandbox serves (`routes::TABLES`) is in exactly one row, and that
//! every template of a row is such a route.

use axum::http::Method;

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

/// The route templates one row serves, checked when the table compiles.
macro_rules! routes {
    ($($path:literal),+ $(,)?) => {
        &[$(RouteTemplate::new($path)),+]
    };
}

/// One row: a method, the exact templates of the routes it serves, and their handler.
pub type Row = (Method, &'static [RouteTemplate], Handler);

/// Every route the sandbox serves, by method and template; a route is in exactly one row.
pub static HANDLERS: &[Row] = &[
    // Projects.
    (Method::GET, routes!["/projects"], |c| {
        crud::list(c, Kind::Project, None)
    }),
    (Method::GET, routes!["/projects/{projectId}"], |c| {
        crud::get(c, Kind::Project)
    }),
    (Method::POST, routes!["/projects"], |c| {
        crud::create(c, Kind::Project, &[])
    }),
    (Method::PATCH, routes!["/projects/{projectId}"], |c| {
        crud::patch(c, Kind::Project)
    }),
    (Method::DELETE, routes!["/projects/{projectId}"], |c| {
        crud::delete(c, Kind::Project)
    }),
    (Method::GET, routes!["/projects/{projectId}/apps"], |c| {
        let p = c.param("projectId").to_owned();
        crud::list(c, Kind::App, Some(&p))
    }),
    (
        Method::GET,
        routes!["/projects/{projectId}/members"],
        obs::members,
    ),
    (
        Method::GET,
        routes!["/projects/{projectId}/connected-accounts"],
        ch::connected_accounts,
    ),
    (
        Method::GET,
        routes!["/projects/{projectId}/github/accounts"],
        ch::github_accounts,
    ),
    (
        Method::GET,
        routes!["/projects/{projectId}/github/accounts/{accountLogin}/repos"],
        ch::github_repos,
    ),
    (
        Method::GET,
        routes!["/projects/{projectId}/gitlab/repos"],
        ch::gitlab_repos,
    ),
    (
        Method::GET,
        routes!["/projects/{projectId}/bitbucket/workspaces"],
        ch::bitbucket_workspaces,
    ),
    (
        Method::GET,
        routes!["/projects/{projectId}/bitbucket/workspaces/{workspace}/repos"],
        ch::bitbucket_repos,
    ),
    (
        Method::DELETE,
        routes!["/projects/{projectId}/github/disconnect"],
        |c| ch::git_disconnect(c, "github"),
    ),
    (
        Method::DELETE,
        routes!["/projects/{projectId}/gitlab/disconnect"],
        |c| ch::git_disconnect(c, "gitlab"),
    ),
    (
        Method::DELETE,
        routes!["/projects/{projectId}/bitbucket/disconnect"],
        |c| ch::git_disconnect(c, "bitbucket"),
    ),
    (
        Method::GET,
        routes!["/integrations/available"],
        obs::integrations_available,
    ),
    (
        Method::GET,
        routes!["/projects/{projectId}/integrations"],
        ch::integrations_list,
    ),
    (
        Method::POST,
        routes!["/projects/{projectId}/integrations/slack"],
        ch::slack_add,
    ),
    (
        Method::PUT,
        routes!["/projects/{projectId}/integrations/slack"],
        ch::slack_update,
    ),
    (
        Method::DELETE,
        routes!["/projects/{projectId}/integrations/slack"],
        ch::slack_remove,
    ),
    (
        Method::POST,
        routes!["/projects/{projectId}/integrations/slack/test"],
        ch::slack_test,
    ),
    // The core resources.
    (Method::GET, routes!["/apps"], |c| {
        crud::list(c, Kind::App, None)
    }),
    (Method::GET, routes!["/sites"], |c| {
        crud::list(c, Kind::Site, None)
    }),
    (Method::GET, routes!["/workers"], |c| {
        crud::list(c, Kind::Worker, None)
    }),
    (Method::GET, routes!["/cron-jobs"], |c| {
        crud::list(c, Kind::CronJob, None)
    }),
    (Method::GET, routes!["/databases"], |c| {
        crud::list(c, Kind::Database, None)
    }),
    (Method::POST, routes!["/apps"], |c| {
        crud::create(c, Kind::App, &[])
    }),
    (Method::POST, routes!["/sites"], |c| {
        crud::create(c, Kind::Site, &[])
    }),
    (Method::POST, routes!["/sites/from-upload"], |c| {
        crud::create(c, Kind::Site, &[("source", serde_json::json!("upload"))])
    }),
    (Method::POST, routes!["/sites/from-visual-builder"], |c| {
        crud::create(
            c,
            Kind::Site,
            &[("source", serde_json::json!("visual-builder"))],
        )
    }),
    (Method::POST, routes!["/workers"], |c| {
        crud::create(c, Kind::Worker, &[])
    }),
    (Method::POST, routes!["/cron-jobs"], |c| {
        crud::create(c, Kind::CronJob, &[])
    }),
    (Method::POST, routes!["/databases"], |c| {
        crud::create(c, Kind::Database, &[])
    }),
    (Method::GET, routes!["/apps/{appName}"], |c| {
        crud::get(c, Kind::App)
    }),
    (Method::GET, routes!["/sites/{siteName}"], |c| {
        crud::get(c, Kind::Site)
    }),
    (Method::GET, routes!["/workers/{workerName}"], |c| {
        crud::get(c, Kind::Worker)
    }),
    (Method::GET, routes!["/cron-jobs/{cronJobName}"], |c| {
        crud::get(c, Kind::CronJob)
    }),
    (
        Method::GET,
        routes!["/databases/{databaseName}/details"],
        |c| crud::get(c, Kind::Database),
    ),
    (Method::PATCH, routes!["/apps/{appName}"], |c| {
        crud::patch(c, Kind::App)
    }),
    (Method::PATCH, routes!["/sites/{siteName}"], |c| {
        crud::patch(c, Kind::Site)
    }),
    (Method::PATCH, routes!["/workers/{workerName}"], |c| {
        crud::patch(c, Kind::Worker)
    }),
    (Method::PATCH, routes!["/cron-jobs/{cronJobName}"], |c| {
        crud::patch(c, Kind::CronJob)
    }),
    (Method::PATCH, routes!["/databases/{databaseName}"], |c| {
        crud::patch(c, Kind::Database)
    }),
    (Method::DELETE, routes!["/apps/{appName}"], |c| {
        crud::delete(c, Kind::App)
    }),
    (Method::DELETE, routes!["/sites/{siteName}"], |c| {
        crud::delete(c, Kind::Site)
    }),
    (Method::DELETE, routes!["/workers/{workerName}"], |c| {
        crud::delete(c, Kind::Worker)
    }),
    (Method::DELETE, routes!["/cron-jobs/{cronJobName}"], |c| {
        crud::delete(c, Kind::CronJob)
    }),
    (Method::DELETE, routes!["/databases/{databaseName}"], |c| {
        crud::delete(c, Kind::Database)
    }),
    // Configuration shared by several kinds.
    (
        Method::GET,
        routes![
            "/apps/{appName}/environment-variables",
            "/sites/{siteName}/environment-variables",
            "/workers/{workerName}/environment-variables",
            "/cron-jobs/{cronJobName}/environment-variables"
        ],
        env_vars,
    ),
    (
        Method::GET,
        routes![
            "/apps/{appName}/custom-domains",
            "/sites/{siteName}/custom-domains"
        ],
        |c| ch::list(c, Coll::Domains),
    ),
    (
        Method::POST,
        routes![
            "/apps/{appName}/custom-domains",
            "/sites/{siteName}/custom-domains"
        ],
        ch::domain_add,
    ),
    (
        Method::DELETE,
        routes![
            "/apps/{appName}/custom-domains",
            "/sites/{siteName}/custom-domains"
        ],
        ch::domain_remove,
    ),
    (
        Method::GET,
        routes![
            "/apps/{appName}/commits",
            "/sites/{siteName}/commits",
            "/workers/{workerName}/commits",
            "/cron-jobs/{cronJobName}/commits"
        ],
        dep::commits,
    ),
    (
        Method::GET,
        routes![
            "/apps/{appName}/search",
            "/sites/{siteName}/search",
            "/workers/{workerName}/search",
            "/cron-jobs/{cronJobName}/search",
            "/databases/{databaseName}/search"
        ],
        dep::search,
    ),
    (
        Method::GET,
        routes![
            "/apps/{appName}/collaborators",
            "/workers/{workerName}/collaborators"
        ],
        |c| ch::list(c, Coll::Collaborators),
    ),
    (
        Method::PATCH,
        routes![
            "/apps/{appName}/collaborators",
            "/workers/{workerName}/collaborators"
        ],
        ch::collaborator_set,
    ),
    (
        Method::DELETE,
        routes![
            "/apps/{appName}/collaborators/{email}",
            "/workers/{workerName}/collaborators/{email}"
        ],
        ch::collaborator_remove,
    ),
    (
        Method::GET,
        routes![
            "/apps/{appName}/review-apps/pull-requests",
            "/sites/{siteName}/review-sites/pull-requests"
        ],
        |c| ch::list(c, Coll::PullRequests),
    ),
    (
        Method::POST,
        routes![
            "/apps/{appName}/review-apps/trigger",
            "/sites/{siteName}/review-sites/trigger"
        ],
        ch::review_trigger,
    ),
    (
        Method::PATCH,
        routes!["/apps/{appName}/review-apps/extend"],
        ch::review_extend,
    ),
    (Method::GET, routes!["/apps/{appName}/review-apps"], |c| {
        ch::list(c, Coll::Reviews)
    }),
    (
        Method::GET,
        routes!["/sites/{siteName}/review-sites"],
        |c| ch::list(c, Coll::Reviews),
    ),
    (
        Method::GET,
        routes!["/apps/{appName}/worker-processes"],
        |c| ch::list(c, Coll::WorkerProcesses),
    ),
    (
        Method::POST,
        routes!["/apps/{appName}/worker-processes"],
        |c| ch::item_create(c, &WORKER_PROCESSES),
    ),
    (
        Method::GET,
        routes!["/apps/{appName}/worker-processes/{workerId}"],
        |c| ch::item_get(c, &WORKER_PROCESSES),
    ),
    (
        Method::PATCH,
        routes!["/apps/{appName}/worker-processes/{workerId}"],
        |c| ch::item_patch(c, &WORKER_PROCESSES),
    ),
    (
        Method::DELETE,
        routes!["/apps/{appName}/worker-processes/{workerId}"],
        |c| ch::item_delete(c, &WORKER_PROCESSES),
    ),
    (Method::GET, routes!["/apps/{appName}/cron-jobs"], |c| {
        ch::list(c, Coll::AppCronJobs)
    }),
    (Method::POST, routes!["/apps/{appName}/cron-jobs"], |c| {
        ch::item_create(c, &APP_CRON_JOBS)
    }),
    (
        Method::GET,
        routes!["/apps/{appName}/cron-jobs/{jobId}"],
        |c| ch::item_get(c, &APP_CRON_JOBS),
    ),
    (
        Method::PATCH,
        routes!["/apps/{appName}/cron-jobs/{jobId}"],
        |c| ch::item_patch(c, &APP_CRON_JOBS),
    ),
    (
        Method::DELETE,
        routes!["/apps/{appName}/cron-jobs/{jobId}"],
        |c| ch::item_delete(c, &APP_CRON_JOBS),
    ),
    (
        Method::GET,
        routes!["/apps/{appName}/cron-jobs/{jobId}/runs"],
        dep::runs_list,
    ),
    (
        Method::GET,
        routes!["/apps/{appName}/cron-jobs/{jobId}/runs/{runId}"],
        dep::run_get,
    ),
    (
        Method::GET,
        routes!["/apps/{appName}/cron-jobs/{jobId}/runs/{runId}/logs"],
        dep::run_logs,
    ),
    (
        Method::POST,
        routes!["/apps/{appName}/cron-jobs/{jobId}/run"],
        dep::run_now,
    ),
    // Virtual machines.
    (Method::GET, routes!["/virtual-machines"], |c| {
        crud::list(c, Kind::VirtualMachine, None)
    }),
    (
        Method::GET,
        routes!["/virtual-machines/pricing"],
        obs::vm_pricing,
    ),
    (
        Method::GET,
        routes!["/virtual-machines/project/{projectId}"],
        ch::vm_list_in_project,
    ),
    (Method::GET, routes!["/virtual-machines/{id}"], |c| {
        crud::get(c, Kind::VirtualMachine)
    }),
    (
        Method::GET,
        routes!["/virtual-machines/{id}/firewall"],
        ch::vm_firewall_get,
    ),
    (Method::POST, routes!["/virtual-machines"], |c| {
        crud::create(c, Kind::VirtualMachine, &[])
    }),
    (Method::POST, routes!["/virtual-machines/{id}/start"], |c| {
        ch::vm_power(c, "running")
    }),
    (Method::POST, routes!["/virtual-machines/{id}/stop"], |c| {
        ch::vm_power(c, "stopped")
    }),
    (
        Method::POST,
        routes!["/virtual-machines/{id}/restart"],
        |c| ch::vm_power(c, "running"),
    ),
    (
        Method::PUT,
        routes!["/virtual-machines/{id}/resources"],
        ch::vm_resources,
    ),
    (
        Method::PUT,
        routes!["/virtual-machines/{id}/firewall"],
        ch::vm_firewall_put,
    ),
    (Method::DELETE, routes!["/virtual-machines/{id}"], |c| {
        crud::delete(c, Kind::VirtualMachine)
    }),
    // Operations.
    (
        Method::POST,
        routes![
            "/apps/{appName}/restart",
            "/sites/{siteName}/restart",
            "/workers/{workerName}/restart"
        ],
        ch::restart,
    ),
    (
        Method::POST,
        routes![
            "/apps/{appName}/scale/up",
            "/sites/{siteName}/scale/up",
            "/workers/{workerName}/scale/up"
        ],
        |c| ch::scale(c, 1),
    ),
    (
        Method::POST,
        routes![
            "/apps/{appName}/scale/down",
            "/sites/{siteName}/scale/down",
            "/workers/{workerName}/scale/down"
        ],
        |c| ch::scale(c, -1),
    ),
    (
        Method::PATCH,
        routes!["/apps/{appName}/upgrade"],
        ch::upgrade,
    ),
    (
        Method::POST,
        routes!["/cron-jobs/{cronJobName}/pause"],
        |c| crud::set_status(c, Kind::CronJob, "paused"),
    ),
    (
        Method::POST,
        routes!["/cron-jobs/{cronJobName}/resume"],
        |c| crud::set_status(c, Kind::CronJob, "active"),
    ),
    (
        Method::GET,
        routes!["/cron-jobs/{cronJobName}/runs"],
        dep::runs_list,
    ),
    (
        Method::GET,
        routes!["/cron-jobs/{cronJobName}/runs/{runId}"],
        dep::run_get,
    ),
    (
        Method::GET,
        routes!["/cron-jobs/{cronJobName}/runs/{runId}/logs"],
        dep::run_logs,
    ),
    (
        Method::POST,
        routes!["/databases/{databaseName}/pause"],
        |c| crud::set_status(c, Kind::Database, "paused"),
    ),
    (
        Method::POST,
        routes!["/databases/{databaseName}/unpause"],
        |c| crud::set_status(c, Kind::Database, "available"),
    ),
    (
        Method::PATCH,
        routes!["/databases/{databaseName}/tier"],
        ch::tier,
    ),
    (
        Method::GET,
        routes!["/databases/{databaseName}/linked-apps"],
        ch::linked_apps,
    ),
    (
        Method::POST,
        routes!["/databases/{databaseName}/import"],
        dep::import_start,
    ),
    (
        Method::GET,
        routes!["/databases/{databaseName}/import/{cloneId}/status"],
        dep::import_status,
    ),
    (
        Method::GET,
        routes!["/databases/{databaseName}/import/{cloneId}/logs"],
        dep::import_logs,
    ),
    // Deployments and logs.
    (
        Method::GET,
        routes![
            "/apps/{appName}/deployments",
            "/sites/{siteName}/deployments",
            "/workers/{workerName}/deployments",
            "/cron-jobs/{cronJobName}/deployments"
        ],
        dep::list,
    ),
    (
        Method::GET,
        routes![
            "/apps/{appName}/deployments/{deploymentId}",
            "/sites/{siteName}/deployments/{deploymentId}",
            "/workers/{workerName}/deployments/{deploymentId}",
            "/cron-jobs/{cronJobName}/deployments/{deploymentId}"
        ],
        dep::get,
    ),
    (
        Method::POST,
        routes![
            "/apps/{appName}/deployments/new",
            "/sites/{siteName}/deployments/new",
            "/workers/{workerName}/deployments/new",
            "/cron-jobs/{cronJobName}/deployments/new"
        ],
        dep::trigger,
    ),
    (
        Method::POST,
        routes![
            "/apps/{appName}/deployments/{deploymentId}/rerun",
            "/sites/{siteName}/deployments/{deploymentId}/rerun",
            "/workers/{workerName}/deployments/{deploymentId}/rerun",
            "/cron-jobs/{cronJobName}/deployments/{deploymentId}/rerun"
        ],
        dep::rerun,
    ),
    (
        Method::GET,
        routes!["/apps/{appName}/deployments/{deploymentId}/stats"],
        dep::deployment_stats,
    ),
    (
        Method::GET,
        routes!["/apps/{appName}/build/stats"],
        dep::build_stats,
    ),
    (
        Method::GET,
        routes!["/sites/{siteName}/deployments/{siteDeploymentId}/metrics/build-stats"],
        dep::site_build_stats,
    ),
    (
        Method::GET,
        routes![
            "/apps/{appName}/logs",
            "/sites/{siteName}/logs",
            "/workers/{workerName}/logs",
            "/cron-jobs/{cronJobName}/logs"
        ],
        dep::runtime_logs,
    ),
    (
        Method::GET,
        routes![
            "/apps/{appName}/deployments/{deploymentId}/logs",
            "/sites/{siteName}/deployments/{deploymentId}/logs",
            "/workers/{workerName}/deployments/{deploymentId}/logs",
            "/cron-jobs/{cronJobName}/deployments/{deploymentId}/logs"
        ],
        dep::deployment_logs,
    ),
    (
        Method::GET,
        routes!["/apps/{appName}/deployments/{deploymentId}/post-build-logs"],
        dep::post_build_logs,
    ),
    // Sites: uploads and the visual builder.
    (
        Method::POST,
        routes!["/sites/{siteName}/upload"],
        dep::site_upload,
    ),
    (
        Method::GET,
        routes!["/sites/{siteName}/visual-builder/project"],
        ch::builder_project_get,
    ),
    (
        Method::PUT,
        routes!["/sites/{siteName}/visual-builder/project"],
        ch::builder_project_put,
    ),
    (
        Method::POST,
        routes!["/sites/{siteName}/visual-builder/publish"],
        dep::site_publish,
    ),
    (
        Method::GET,
        routes!["/sites/{siteName}/visual-builder/assets"],
        |c| ch::list(c, Coll::Assets),
    ),
    (
        Method::POST,
        routes!["/sites/{siteName}/visual-builder/assets"],
        ch::asset_add,
    ),
    // Metrics and traces.
    (
        Method::GET,
        routes!["/sites/{siteName}/metrics/request-count/total"],
        obs::request_total,
    ),
    (
        Method::GET,
        routes!["/sites/{siteName}/metrics/top-paths"],
        obs::top_paths,
    ),
    (
        Method::GET,
        routes!["/virtual-machines/{id}/metrics"],
        obs::vm_overview,
    ),
    (
        Method::GET,
        routes![
            "/apps/{appName}/metrics/request-count",
            "/apps/{appName}/metrics/response-duration",
            "/apps/{appName}/metrics/cpu-usage",
            "/apps/{appName}/metrics/memory-usage",
            "/sites/{siteName}/metrics/request-count",
            "/sites/{siteName}/metrics/response-duration",
            "/sites/{siteName}/metrics/bandwidth",
            "/sites/{siteName}/metrics/unique-visitors",
            "/sites/{siteName}/metrics/cpu-usage",
            "/sites/{siteName}/metrics/memory-usage",
            "/workers/{workerName}/metrics/cpu-usage",
            "/workers/{workerName}/metrics/memory-usage",
            "/cron-jobs/{cronJobName}/metrics/cpu-usage",
            "/cron-jobs/{cronJobName}/metrics/memory-usage",
            "/virtual-machines/{id}/metrics/cpu-usage",
            "/virtual-machines/{id}/metrics/memory-usage",
            "/virtual-machines/{id}/metrics/network-in",
            "/virtual-machines/{id}/metrics/network-out",
            "/virtual-machines/{id}/metrics/disk-usage"
        ],
        obs::metric,
    ),
    (Method::GET, routes!["/traces/{appName}"], obs::traces),
    // The Hostless file.
    (Method::POST, routes!["/estimate-costs"], dep::estimate),
    (
        Method::POST,
        routes!["/apps/{appName}/hostless-file/generate"],
        dep::file_generate,
    ),
    (
        Method::POST,
        routes!["/apps/{appName}/hostless-file/update"],
        dep::file_update,
    ),
    (
        Method::POST,
        routes!["/apps/{appName}/hostless-file/commit"],
        dep::file_commit,
    ),
    (
        Method::POST,
        routes!["/apps/{appName}/hostless-file/calculate-costs"],
        dep::file_costs,
    ),
    // Billing.
    (
        Method::GET,
        routes!["/billing/breakdown"],
        obs::billing_breakdown,
    ),
    (
        Method::GET,
        routes!["/billing/databases/breakdown"],
        obs::billing_db_breakdown,
    ),
    (Method::GET, routes!["/billing/cycles"], obs::billing_cycles),
    (Method::GET, routes!["/billing/currencies"], obs::currencies),
    (
        Method::GET,
        routes!["/billing/payment-config"],
        obs::payment_config,
    ),
    (Method::GET, routes!["/invoices"], |c| {
        crud::list(c, Kind::Invoice, None)
    }),
    (Method::GET, routes!["/invoices/{id}"], |c| {
        crud::get(c, Kind::Invoice)
    }),
    (Method::GET, routes!["/invoices/{id}/receipt"], obs::receipt),
    (Method::POST, routes!["/billing/pay/{invoiceId}"], obs::pay),
    // Session only.
    (Method::GET, routes!["/users/me"], obs::me),
    (Method::GET, routes!["/users/me/api-keys"], keys::list),
    (Method::POST, routes!["/users/me/api-keys"], keys::create),
    (
        Method::DELETE,
        routes!["/users/me/api-keys/{keyId}"],
        keys::revoke,
    ),
];

/// The handler of the route `method` `template`, if the table has one.
pub fn handler_for(method: &Method, template: RouteTemplate) -> Option<Handler> {
    HANDLERS
        .iter()
        .find(|(m, templates, _)| m == method && templates.contains(&template))
        .map(|(_, _, handler)| *handler)
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use super::super::routes::TABLES;
    use super::*;
    use crate::api_routes::Route;

    fn rows_serving(route: &Route) -> usize {
        HANDLERS
            .iter()
            .filter(|(m, templates, _)| *m == route.method && templates.contains(&route.template))
            .count()
    }

    #[test]
    fn every_route_has_one_handler_row_and_every_row_template_is_a_route() {
        for r in TABLES.iter().copied().flatten() {
            assert_eq!(rows_serving(r), 1, "{} {}", r.method, r.path);
            assert!(handler_for(&r.method, r.template).is_some());
        }
        for (m, templates, _) in HANDLERS {
            for t in *templates {
                assert!(
                    TABLES
                        .iter()
                        .copied()
                        .flatten()
                        .any(|r| r.method == *m && r.template == *t),
                    "row {m} {} serves no route",
                    t.as_str()
                );
            }
        }
    }

    #[test]
    fn lookup_is_by_method_and_exact_template() {
        let deployments = RouteTemplate::new("/apps/{appName}/deployments");
        assert!(handler_for(&Method::GET, deployments).is_some());
        assert!(handler_for(&Method::PUT, deployments).is_none());
        let renamed = RouteTemplate::new("/apps/{name}/deployments");
        assert!(handler_for(&Method::GET, renamed).is_none());
    }
}
