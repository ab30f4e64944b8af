//! The opt-in toolsets: every route an API key may call beyond the core five kinds
//! (deployments, logs, config, metrics, operations, the site builder, virtual machines,
//! billing, integrations, Git connections and the Hostless file). Tools that act on
//! several kinds of resource take a `resourceType` discriminator (see `SEGMENTS`).

use super::super::args::*;
use super::{DELETE, Effect, GET, PATCH, POST, PUT, ToolDef, Toolset, arg};
use crate::route_template::{RouteTemplate, Template};

/// One tool of an opt-in toolset (the scope is always set: these routes take API keys).
macro_rules! tool {
    ($name:literal, $toolset:ident, $method:ident $path:literal, $scope:literal, $effect:ident, $args:ty,
     $title:literal, $description:expr $(,)?) => {
        ToolDef {
            name: $name,
            toolset: Toolset::$toolset,
            method: $method,
            path: RouteTemplate::new($path),
            scope: Some(Template::new($scope)),
            effect: Effect::$effect,
            args: arg::<$args>(),
            title: $title,
            description: $description,
        }
    };
}

/// Text shared by the descriptions of discriminated tools.
macro_rules! pick {
    () => {
        "Set `resourceType` and pass the resource's `resourceName` (from the matching apps_list, sites_list, workers_list or \
            cron_jobs_list). "
    };
}

pub(super) const DEPLOYMENT_TOOLS: [ToolDef; 7] = [
    tool!("deployments_list", Deployments, GET "/{resourceType}/{resourceName}/deployments", "deployments:read", Read,
        Resource<DeployableKind>, "List deployments",
        concat!("List the deployments of an app, site, worker or cron job. ",
            pick!(),
            "Pass a deployment's `id` to deployments_get, deployments_rerun and logs_deployment.")),
    tool!("deployments_get", Deployments, GET "/{resourceType}/{resourceName}/deployments/{deploymentId}", "deployments:read",
        Read, DeploymentRef<DeployableKind>, "Get a deployment",
        concat!("Get one deployment. ", pick!(), "`deploymentId` comes from \
            deployments_list.")),
    tool!("deployments_trigger", Deployments, POST "/{resourceType}/{resourceName}/deployments/new", "deployments:write",
        Action, ResourceFields<DeployableKind>, "Trigger a deployment",
        concat!("Start a new deployment of an app, site, worker or cron job from its connected repository. ", pick!(),
            "Optional API fields (e.g. a branch) go in `changes`. Needs the deployments:write scope; follow progress \
                with deployments_get and logs_deployment.")),
    tool!("deployments_rerun", Deployments, POST "/{resourceType}/{resourceName}/deployments/{deploymentId}/rerun",
        "deployments:write", Action,
        DeploymentRef<DeployableKind>, "Rerun a deployment",
        concat!("Run an earlier deployment again (same commit and settings). ", pick!(), "`deploymentId` comes from \
            deployments_list. Needs deployments:write.")),
    tool!("deployments_stats", Deployments, GET "/apps/{appName}/deployments/{deploymentId}/stats", "deployments:read",
        Read, AppDeploymentRef, "Get an app deployment's stats",
        "Get the statistics of one app deployment. `deploymentId` comes from \
            deployments_list with resourceType app."),
    tool!("deployments_build_stats", Deployments, GET "/apps/{appName}/build/stats", "deployments:read", Read,
        AppRef, "Get an app's build stats",
        "Get the build statistics of an app. The app name comes from apps_list."),
    tool!("deployments_site_build_stats", Deployments,
        GET "/sites/{siteName}/deployments/{siteDeploymentId}/metrics/build-stats", "sites:read", Read,
        SiteDeploymentRef, "Get a site deployment's build stats",
        "Get the build statistics of one site deployment (a route only sites have). `siteDeploymentId` comes \
            from deployments_list with resourceType site. Needs sites:read."),
];

pub(super) const LOG_TOOLS: [ToolDef; 6] = [
    tool!("logs_get", Logs, GET "/{resourceType}/{resourceName}/logs", "logs:read", Read,
        Resource<DeployableKind>, "Read runtime logs",
        concat!("Read the runtime logs of an app, site, worker or cron job. ", pick!(), "For one build use \
            logs_deployment. Needs logs:read.")),
    tool!("logs_deployment", Logs, GET "/{resourceType}/{resourceName}/deployments/{deploymentId}/logs", "logs:read", Read,
        DeploymentRef<DeployableKind>, "Read a deployment's logs",
        concat!("Read the logs of one deployment. ", pick!(), "`deploymentId` comes from \
            deployments_list. Needs logs:read.")),
    tool!("logs_post_build", Logs, GET "/apps/{appName}/deployments/{deploymentId}/post-build-logs", "logs:read", Read,
        AppDeploymentRef, "Read an app deployment's post-build logs",
        "Read the post-build logs of one app deployment (apps only: sites, workers and cron jobs have no such route). `deploymentId` comes from \
            deployments_list with resourceType app."),
    tool!("logs_cron_run", Logs, GET "/cron-jobs/{cronJobName}/runs/{runId}/logs", "logs:read", Read,
        CronRunRef, "Read a cron job run's logs",
        "Read the logs of one run of a standalone cron job. Run ids come from cron_runs_list. For a cron job that \
            belongs to an app use logs_app_cron_run."),
    tool!("logs_app_cron_run", Logs, GET "/apps/{appName}/cron-jobs/{jobId}/runs/{runId}/logs", "logs:read", Read,
        AppCronRunRef, "Read an app cron job run's logs",
        "Read the logs of one run of a cron job that belongs to an app. `jobId` comes from app_cron_jobs_list, \
            `runId` from app_cron_runs_list."),
    tool!("logs_db_import", Logs, GET "/databases/{databaseName}/import/{cloneId}/logs", "logs:read", Read,
        DbImportRef, "Read a database import's logs",
        "Read the logs of one database import. `cloneId` is returned by databases_import; check progress with \
            databases_import_status."),
];

pub(super) const CONFIG_TOOLS: [ToolDef; 26] = [
    tool!("env_vars_list", Config, GET "/{resourceType}/{resourceName}/environment-variables", "{resourceType}:read", Read,
        Resource<DeployableKind>, "List environment variables",
        concat!("List the environment variables of an app, site, worker or cron job. ", pick!(), "The public \
            reference has no route that writes them; the sandbox sets them from `environmentVariables` in a *_patch \
            call's `changes` (`null` removes one). Needs <kind>:read (e.g. apps:read).")),
    tool!("domains_list", Config, GET "/{resourceType}/{resourceName}/custom-domains", "{resourceType}:read", Read,
        Resource<WebKind>, "List custom domains",
        concat!("List the custom domains of an app or site. ", pick!())),
    tool!("domains_add", Config, POST "/{resourceType}/{resourceName}/custom-domains", "{resourceType}:write", Create,
        ResourceChanges<WebKind>, "Add a custom domain",
        concat!("Attach a custom domain to an app or site. ", pick!(),
            "`changes` is the JSON body naming the domain (e.g. `{\"domain\": \"www.example.com\"}`; the public \
                reference does not fix its fields). Then point the domain's DNS at Hostless.")),
    tool!("domains_remove", Config, DELETE "/{resourceType}/{resourceName}/custom-domains", "{resourceType}:delete", Delete,
        Resource<WebKind>, "Remove custom domains",
        concat!("Remove the custom domain of an app or site (the route is on the collection, without a domain in the \
            URL). ", pick!(),
            "Check domains_list first. Needs apps:delete or sites:delete.")),
    tool!("commits_list", Config, GET "/{resourceType}/{resourceName}/commits", "{resourceType}:read", Read,
        Resource<DeployableKind>, "List recent commits",
        concat!("List recent commits of the repository connected to an app, site, worker or cron job. ", pick!())),
    tool!("resources_search", Config, GET "/{resourceType}/{resourceName}/search", "{resourceType}:read", Read,
        SearchArgs, "Search within a resource",
        "Call the search route of one app, site, worker, cron job or database. Set `resourceType` and pass the \
            resource's `resourceName` (from apps_list, sites_list, workers_list, cron_jobs_list or databases_list). The \
            public reference names no search parameter; `q` is sent as `?q=`, which is what the sandbox reads."),
    tool!("collaborators_list", Config, GET "/{resourceType}/{resourceName}/collaborators", "{resourceType}:read", Read,
        Resource<CollaboratorKind>, "List collaborators",
        "List the collaborators of an app or worker. Set `resourceType` and pass the app's or \
            worker's `resourceName` (from apps_list or workers_list)."),
    tool!("collaborators_set", Config, PATCH "/{resourceType}/{resourceName}/collaborators", "{resourceType}:write", Update,
        ResourceChanges<CollaboratorKind>, "Add or change collaborators",
        "Add or change collaborators of an app or worker: `changes` is the PATCH body (e.g. `{\"email\": \
            \"jane@example.com\", \"role\": \"editor\"}`). Set `resourceType` and pass the app's or worker's `resourceName`."),
    tool!("collaborators_remove", Config, DELETE "/{resourceType}/{resourceName}/collaborators/{email}",
        "{resourceType}:delete", Delete,
        CollaboratorRef, "Remove a collaborator",
        "Remove one collaborator, by email, from an app or worker. Emails come from collaborators_list. Needs \
            apps:delete or workers:delete."),
    tool!("reviews_list", Config, GET "/{resourceType}/{resourceName}/{reviews}", "{resourceType}:read", Read,
        Resource<WebKind>, "List review apps or sites",
        "List the review apps of an app or the review sites of a site. Set \
            `resourceType` and pass the app's or site's `resourceName`."),
    tool!("reviews_pull_requests", Config, GET "/{resourceType}/{resourceName}/{reviews}/pull-requests", "{resourceType}:read",
        Read, Resource<WebKind>, "List pull requests for review",
        "List the pull requests of an app's review apps or a site's review sites (the API's `pull-requests` route). Set `resourceType` and pass the app's or \
            site's `resourceName`; then reviews_trigger."),
    tool!("reviews_trigger", Config, POST "/{resourceType}/{resourceName}/{reviews}/trigger", "{resourceType}:write", Action,
        ResourceFields<WebKind>, "Create a review app or site",
        "Create a review app or site for a pull request. Set `resourceType` and pass the app's or site's `resourceName`; put \
            the pull request (from reviews_pull_requests) in `changes`, e.g. `{\"pullRequest\": 12}`."),
    tool!("reviews_extend", Config, PATCH "/apps/{appName}/review-apps/extend", "apps:write", Update,
        AppFields, "Extend an app's review apps",
        "Extend the lifetime of an app's review apps (sites have no such route). Optional API fields go in `changes`. \
            Needs apps:write."),
    tool!("worker_processes_list", Config, GET "/apps/{appName}/worker-processes", "apps:read", Read,
        AppRef, "List an app's worker processes",
        "List the worker processes of an app; pass an entry's `id` as `workerId` to the other worker_processes_* tools."),
    tool!("worker_processes_get", Config, GET "/apps/{appName}/worker-processes/{workerId}", "apps:read", Read,
        WorkerProcessRef, "Get a worker process",
        "Get one worker process of an app. `workerId` comes from worker_processes_list."),
    tool!("worker_processes_create", Config, POST "/apps/{appName}/worker-processes", "apps:write", Create,
        AppFields, "Add a worker process",
        "Add a worker process to an app; its settings (e.g. `{\"command\": \"node queue.js\", \"instances\": 1}`) go \
            in `changes`. Needs apps:write."),
    tool!("worker_processes_patch", Config, PATCH "/apps/{appName}/worker-processes/{workerId}", "apps:write", Update,
        WorkerProcessPatch, "Update a worker process",
        "Update one worker process of an app: `changes` is sent as the PATCH body. `workerId` comes from \
            worker_processes_list. Needs apps:write."),
    tool!("worker_processes_delete", Config, DELETE "/apps/{appName}/worker-processes/{workerId}", "apps:delete",
        Delete, WorkerProcessRef, "Delete a worker process",
        "Delete one worker process of an app. This cannot be undone; confirm with worker_processes_get first. Needs \
            apps:delete."),
    tool!("app_cron_jobs_list", Config, GET "/apps/{appName}/cron-jobs", "cron-jobs:read", Read,
        AppRef, "List an app's cron jobs",
        "List the cron jobs that belong to an app (not standalone cron jobs, which cron_jobs_list shows), with their \
            ids. Needs cron-jobs:read."),
    tool!("app_cron_jobs_get", Config, GET "/apps/{appName}/cron-jobs/{jobId}", "cron-jobs:read", Read,
        AppCronJobRef, "Get an app's cron job",
        "Get one cron job of an app. `jobId` comes from app_cron_jobs_list."),
    tool!("app_cron_jobs_create", Config, POST "/apps/{appName}/cron-jobs", "cron-jobs:write", Create,
        AppFields, "Add a cron job to an app",
        "Add a cron job to an app; its settings (e.g. `{\"schedule\": \"*/15 * * * *\", \"command\": \"node \
            tick.js\"}`) go in `changes`. Needs cron-jobs:write."),
    tool!("app_cron_jobs_patch", Config, PATCH "/apps/{appName}/cron-jobs/{jobId}", "cron-jobs:write", Update,
        AppCronJobPatch, "Update an app's cron job",
        "Update one cron job of an app: `changes` is sent as the PATCH body. `jobId` comes from app_cron_jobs_list. \
            Needs cron-jobs:write."),
    tool!("app_cron_jobs_delete", Config, DELETE "/apps/{appName}/cron-jobs/{jobId}", "cron-jobs:delete", Delete,
        AppCronJobRef, "Delete an app's cron job",
        "Delete one cron job of an app. This cannot be undone; confirm with app_cron_jobs_get first. Needs \
            cron-jobs:delete."),
    tool!("databases_linked_apps", Config, GET "/databases/{databaseName}/linked-apps", "databases:read", Read,
        DatabaseRef, "List a database's linked apps",
        "List the apps linked to a database. The database name \
            comes from databases_list."),
    tool!("project_apps_list", Config, GET "/projects/{projectId}/apps", "projects:read", Read,
        ProjectRef, "List a project's apps",
        "List the apps of one project, by project id (from projects_list). Needs projects:read."),
    tool!("project_connected_accounts", Config, GET "/projects/{projectId}/connected-accounts", "projects:read", Read,
        ProjectRef, "List a project's connected accounts",
        "List the Git provider accounts connected to a project, by project id (from \
            projects_list). Browse repositories with the git_* tools."),
];
pub(super) const METRIC_TOOLS: [ToolDef; 4] = [
    tool!("metrics_usage", Metrics, GET "/{resourceType}/{resourceName}/metrics/{metric}", "{resourceType}:read", Read,
        MetricArgs<DeployableKind, UsageMetric>, "Read CPU or memory usage",
        concat!("Read the CPU or memory usage metric of an app, site, worker or cron job. ", pick!(), "Needs \
            <kind>:read (e.g. workers:read).")),
    tool!("metrics_traffic", Metrics, GET "/{resourceType}/{resourceName}/metrics/{metric}", "{resourceType}:read", Read,
        MetricArgs<WebKind, TrafficMetric>, "Read request count or latency",
        "Read the request-count or response-duration metric of an app or site. Set `resourceType` and pass the app's \
            or site's `resourceName` (from apps_list or sites_list)."),
    tool!("metrics_site", Metrics, GET "/sites/{siteName}/metrics/{siteMetric}", "sites:read", Read,
        SiteMetricArgs, "Read a site's traffic metric",
        "Read a metric only sites have: total request count, bandwidth, unique visitors or top paths. The site name \
            comes from sites_list. Needs sites:read."),
    tool!("traces_get", Metrics, GET "/traces/{appName}", "traces:read", Read,
        AppRef, "Read an app's traces",
        "Read the traces of an app. The app name comes from apps_list. Needs \
            traces:read."),
];

pub(super) const OPERATION_TOOLS: [ToolDef; 13] = [
    tool!("resources_restart", Operations, POST "/{resourceType}/{resourceName}/restart", "{resourceType}:write", Action,
        Resource<ScalableKind>, "Restart an app, site or worker",
        "Restart the running instances of an app, site or worker without a new deployment. Set `resourceType` and \
            pass the `resourceName` (from apps_list, sites_list or workers_list). Needs apps:write, \
            sites:write or workers:write."),
    tool!("resources_scale", Operations, POST "/{resourceType}/{resourceName}/scale/{direction}", "{resourceType}:write",
        Action, ScaleArgs, "Scale an app, site or worker",
        "Scale an app, site or worker one step `up` or `down`. Set `resourceType` and pass the `resourceName` (from \
            apps_list, sites_list or workers_list); optional API fields go in `changes`. Needs <kind>:write."),
    tool!("resources_pause", Operations, POST "/{resourceType}/{resourceName}/pause", "{resourceType}:write", Update,
        Resource<PausableKind>, "Pause a cron job or database",
        "Pause a standalone cron job (no more runs) or a database. Set `resourceType` (`cron_job` or `database`) and \
            pass the `resourceName` (from cron_jobs_list or databases_list); undo with resources_resume."),
    tool!("resources_resume", Operations, POST "/{resourceType}/{resourceName}/{resumeAction}", "{resourceType}:write", Update,
        Resource<PausableKind>, "Resume a cron job or database",
        "Resume a paused cron job or database (the API's `resume` and `unpause` routes). Set `resourceType` \
            (`cron_job` or `database`) and pass the `resourceName` (from cron_jobs_list or databases_list)."),
    tool!("apps_upgrade", Operations, PATCH "/apps/{appName}/upgrade", "apps:write", Update,
        AppPatch, "Upgrade an app",
        "Upgrade an app's plan or runtime: `changes` is sent as the PATCH body (e.g. `{\"plan\": \"pro\"}`). The app \
            name comes from apps_list. Needs apps:write."),
    tool!("databases_tier", Operations, PATCH "/databases/{databaseName}/tier", "databases:write", Update,
        DatabasePatch, "Change a database's tier",
        "Change a database's tier (size): `changes` is sent as the PATCH body (e.g. `{\"tier\": \"large\"}`). The \
            database name comes from databases_list. Needs databases:write."),
    tool!("databases_import", Operations, POST "/databases/{databaseName}/import", "databases:write", Action,
        DatabaseFields, "Import data into a database",
        "Start importing (cloning) data into a database; the source goes in `changes`. The answer carries a `cloneId` \
            for databases_import_status and logs_db_import. Needs databases:write."),
    tool!("databases_import_status", Operations, GET "/databases/{databaseName}/import/{cloneId}/status",
        "databases:read", Read,
        DbImportRef, "Get a database import's status",
        "Get the status and progress of a database import. `cloneId` comes from databases_import."),
    tool!("cron_runs_list", Operations, GET "/cron-jobs/{cronJobName}/runs", "cron-jobs:read", Read,
        CronJobRef, "List a cron job's runs",
        "List the runs of a standalone cron job; pass a run's `id` as `runId`. The name comes from \
            cron_jobs_list; read a run's output with logs_cron_run."),
    tool!("cron_runs_get", Operations, GET "/cron-jobs/{cronJobName}/runs/{runId}", "cron-jobs:read", Read,
        CronRunRef, "Get a cron job run",
        "Get one run of a standalone cron job. `runId` comes from cron_runs_list."),
    tool!("app_cron_runs_list", Operations, GET "/apps/{appName}/cron-jobs/{jobId}/runs", "cron-jobs:read", Read,
        AppCronJobRef, "List runs of an app's cron job",
        "List the runs of a cron job that belongs to an app. `jobId` comes from app_cron_jobs_list; read a run's \
            output with logs_app_cron_run."),
    tool!("app_cron_runs_get", Operations, GET "/apps/{appName}/cron-jobs/{jobId}/runs/{runId}", "cron-jobs:read", Read,
        AppCronRunRef, "Get a run of an app's cron job",
        "Get one run of a cron job that belongs to an app. `runId` comes from app_cron_runs_list."),
    tool!("app_cron_jobs_run", Operations, POST "/apps/{appName}/cron-jobs/{jobId}/run", "cron-jobs:write", Action,
        AppCronJobRef, "Run an app's cron job now",
        "Run a cron job of an app now, outside its schedule. `jobId` comes from app_cron_jobs_list; follow it with \
            app_cron_runs_list. Needs cron-jobs:write."),
];

pub(super) const SITE_BUILDER_TOOLS: [ToolDef; 8] = [
    tool!("sites_create_from_upload", SiteBuilder, POST "/sites/from-upload", "sites:write", Create,
        CreateArgs, "Create a site from an upload",
        "Create a site from uploaded files instead of a repository. Call projects_list first and pass the project's \
            id as `projectId`; other API fields go in `changes`. Needs sites:write."),
    tool!("sites_create_from_builder", SiteBuilder, POST "/sites/from-visual-builder", "sites:write", Create,
        CreateArgs, "Create a site with the visual builder",
        "Create a site edited with the visual builder. Call projects_list first and pass the project's id as \
            `projectId`; other API fields go in `changes`. Needs sites:write."),
    tool!("sites_upload", SiteBuilder, POST "/sites/{siteName}/upload", "sites:write", Action,
        SiteFields, "Upload a new version of a site",
        "Upload new content to a site created from an upload; the API fields of the upload go in `changes`. The site \
            name comes from sites_list. Needs sites:write."),
    tool!("builder_project_get", SiteBuilder, GET "/sites/{siteName}/visual-builder/project", "sites:read", Read,
        SiteRef, "Get a site's visual-builder project",
        "Get the visual-builder project of a site. Edit it and save it with builder_project_put."),
    tool!("builder_project_put", SiteBuilder, PUT "/sites/{siteName}/visual-builder/project", "sites:write", Update,
        SiteProjectPut, "Save a site's visual-builder project",
        "Replace a site's visual-builder project: `changes` is the whole project, sent as the PUT body (start from \
            builder_project_get). Publish it with builder_publish. Needs sites:write."),
    tool!("builder_publish", SiteBuilder, POST "/sites/{siteName}/visual-builder/publish", "sites:write", Action,
        SiteRef, "Publish a visual-builder site",
        "Publish the saved visual-builder project of a site, making it live. Needs sites:write."),
    tool!("builder_assets_list", SiteBuilder, GET "/sites/{siteName}/visual-builder/assets", "sites:read", Read,
        SiteRef, "List a site's builder assets",
        "List the assets of a site's visual-builder project."),
    tool!("builder_assets_add", SiteBuilder, POST "/sites/{siteName}/visual-builder/assets", "sites:write", Create,
        SiteFields, "Add a builder asset",
        "Add an asset to a site's visual-builder project; the asset's API fields go in `changes`. Needs sites:write."),
];

pub(super) const VM_TOOLS: [ToolDef; 12] = [
    tool!("vms_list", Vms, GET "/virtual-machines", "virtual-machines:read", Read,
        NoArgs, "List virtual machines",
        "List the virtual machines of every project you can access; pass an entry's `id` to the other vms_* tools. For one project use \
            vms_project_list."),
    tool!("vms_pricing", Vms, GET "/virtual-machines/pricing", "virtual-machines:read", Read,
        NoArgs, "List virtual machine pricing",
        "List virtual machine pricing, before vms_create or vms_resize."),
    tool!("vms_project_list", Vms, GET "/virtual-machines/project/{projectId}", "virtual-machines:read", Read,
        ProjectRef, "List a project's virtual machines",
        "List the virtual machines of one project, by project id (from projects_list)."),
    tool!("vms_get", Vms, GET "/virtual-machines/{id}", "virtual-machines:read", Read,
        VmRef, "Get a virtual machine",
        "Get one virtual machine. The id comes from vms_list."),
    tool!("vms_metrics", Vms, GET "/virtual-machines/{id}/metrics", "virtual-machines:read", Read,
        VmRef, "Get a virtual machine's metrics overview",
        "Get the metrics overview of a virtual machine. For one series use vms_metric."),
    tool!("vms_metric", Vms, GET "/virtual-machines/{id}/metrics/{metric}", "virtual-machines:read", Read,
        VmMetricArgs, "Read one virtual machine metric",
        "Read one metric of a virtual machine: cpu_usage, memory_usage, network_in, network_out or disk_usage. \
            The id comes from vms_list."),
    tool!("vms_firewall_get", Vms, GET "/virtual-machines/{id}/firewall", "virtual-machines:read", Read,
        VmRef, "Get a virtual machine's firewall",
        "Get the firewall rules of a virtual machine. Change them with vms_firewall_set."),
    tool!("vms_create", Vms, POST "/virtual-machines", "virtual-machines:write", Create,
        CreateArgs, "Create a virtual machine",
        "Create a virtual machine in a project. Call projects_list first and pass the project's id as `projectId`; \
            the size and other API fields go in `changes` (see vms_pricing). Needs virtual-machines:write."),
    tool!("vms_power", Vms, POST "/virtual-machines/{id}/{action}", "virtual-machines:write", Action,
        VmPowerArgs, "Start, stop or restart a virtual machine",
        "Start, stop or restart a virtual machine (`action`). The id comes from vms_list. Needs \
            virtual-machines:write."),
    tool!("vms_resize", Vms, PUT "/virtual-machines/{id}/resources", "virtual-machines:write", Update,
        VmChanges, "Resize a virtual machine",
        "Change a virtual machine's resources: `changes` is sent as the PUT body (e.g. `{\"size\": \"medium\"}`; \
            sizes from vms_pricing). Needs virtual-machines:write."),
    tool!("vms_firewall_set", Vms, PUT "/virtual-machines/{id}/firewall", "virtual-machines:write", Update,
        VmChanges, "Replace a virtual machine's firewall",
        "Replace a virtual machine's firewall rules: `changes` is the whole rule set, sent as the PUT body (start \
            from vms_firewall_get). Needs virtual-machines:write."),
    tool!("vms_delete", Vms, DELETE "/virtual-machines/{id}", "virtual-machines:delete", Delete,
        VmRef, "Delete a virtual machine",
        "Delete a virtual machine. This cannot be undone; confirm with vms_get first. Needs \
            virtual-machines:delete."),
];

pub(super) const BILLING_TOOLS: [ToolDef; 9] = [
    tool!("billing_breakdown", Billing, GET "/billing/breakdown", "billing:read", Read,
        DateRange, "Get the cost breakdown",
        "Get the account's costs per resource for a period (`startDate`/`endDate`, YYYY-MM-DD). Databases have their \
            own: billing_db_breakdown. Needs billing:read."),
    tool!("billing_db_breakdown", Billing, GET "/billing/databases/breakdown", "billing:read", Read,
        DateRange, "Get the database cost breakdown",
        "Get the account's database costs per database for a period (`startDate`/`endDate`, YYYY-MM-DD). Needs \
            billing:read."),
    tool!("billing_cycles", Billing, GET "/billing/cycles", "billing:read", Read,
        NoArgs, "List billing cycles",
        "List the account's billing cycles; use their dates with billing_breakdown."),
    tool!("billing_currencies", Billing, GET "/billing/currencies", "billing:read", Read,
        NoArgs, "List billing currencies",
        "List the currencies the account can be billed in. Changing the currency needs a dashboard session."),
    tool!("billing_payment_config", Billing, GET "/billing/payment-config", "billing:read", Read,
        NoArgs, "Get the payment configuration",
        "Get the account's payment configuration. Payment methods need a dashboard \
            session."),
    tool!("invoices_list", Billing, GET "/invoices", "billing:read", Read,
        NoArgs, "List invoices",
        "List the account's invoices; pass an invoice's `id` to invoices_get, invoices_receipt and invoices_pay."),
    tool!("invoices_get", Billing, GET "/invoices/{id}", "billing:read", Read,
        InvoiceRef, "Get an invoice",
        "Get one invoice. The id comes from invoices_list."),
    tool!("invoices_receipt", Billing, GET "/invoices/{id}/receipt", "billing:read", Read,
        InvoiceRef, "Get an invoice's receipt",
        "Get the receipt of an invoice. The id comes from invoices_list."),
    tool!("invoices_pay", Billing, POST "/billing/pay/{invoiceId}", "billing:write", Action,
        InvoicePay, "Pay an invoice",
        "Pay an open invoice with the account's payment method. This charges money: confirm the invoice with \
            invoices_get first. Needs billing:write."),
];

pub(super) const INTEGRATION_TOOLS: [ToolDef; 6] = [
    tool!("integrations_available", Integrations, GET "/integrations/available", "integrations:read", Read,
        NoArgs, "List available integrations",
        "List the integrations Hostless offers (e.g. Slack), before configuring one on a project."),
    tool!("integrations_list", Integrations, GET "/projects/{projectId}/integrations", "integrations:read", Read,
        ProjectRef, "List a project's integrations",
        "List the integrations configured on a project. The project id comes from \
            projects_list."),
    tool!("integrations_slack_add", Integrations, POST "/projects/{projectId}/integrations/slack", "integrations:write",
        Create, ProjectFields, "Connect Slack to a project",
        "Connect Slack notifications to a project; the Slack settings go in `changes`. Test it with \
            integrations_slack_test. Needs integrations:write."),
    tool!("integrations_slack_update", Integrations, PUT "/projects/{projectId}/integrations/slack",
        "integrations:write", Update,
        ProjectChanges, "Update a project's Slack settings",
        "Replace a project's Slack integration settings: `changes` is sent as the PUT body. Needs integrations:write."),
    tool!("integrations_slack_remove", Integrations, DELETE "/projects/{projectId}/integrations/slack",
        "integrations:write", Delete,
        ProjectRef, "Disconnect Slack from a project",
        "Disconnect the Slack integration of a project. Needs integrations:write (integrations have no delete scope)."),
    tool!("integrations_slack_test", Integrations, POST "/projects/{projectId}/integrations/slack/test",
        "integrations:write", Action,
        ProjectRef, "Send a Slack test message",
        "Send a test notification through a project's Slack integration. Needs integrations:write."),
];

pub(super) const GIT_TOOLS: [ToolDef; 6] = [
    tool!("git_github_accounts", Git, GET "/projects/{projectId}/github/accounts", "git:read", Read,
        ProjectRef, "List connected GitHub accounts",
        "List the GitHub users and organisations connected to a project. Then list an account's repositories with \
            git_github_repos."),
    tool!("git_github_repos", Git, GET "/projects/{projectId}/github/accounts/{accountLogin}/repos", "git:read", Read,
        GithubAccountRef, "List an account's GitHub repositories",
        "List the repositories of one connected GitHub account. `accountLogin` comes from git_github_accounts."),
    tool!("git_gitlab_repos", Git, GET "/projects/{projectId}/gitlab/repos", "git:read", Read,
        ProjectRef, "List GitLab repositories",
        "List the repositories of the GitLab account connected to a project."),
    tool!("git_bitbucket_workspaces", Git, GET "/projects/{projectId}/bitbucket/workspaces", "git:read", Read,
        ProjectRef, "List Bitbucket workspaces",
        "List the Bitbucket workspaces connected to a project. Then list a workspace's repositories with \
            git_bitbucket_repos."),
    tool!("git_bitbucket_repos", Git, GET "/projects/{projectId}/bitbucket/workspaces/{workspace}/repos", "git:read",
        Read, BitbucketWorkspaceRef, "List a workspace's Bitbucket repositories",
        "List the repositories of one Bitbucket workspace. `workspace` comes from git_bitbucket_workspaces."),
    tool!("git_disconnect", Git, DELETE "/projects/{projectId}/{provider}/disconnect", "git:write", Delete,
        GitProviderRef, "Disconnect a Git provider",
        "Disconnect GitHub, GitLab or Bitbucket (`provider`) from a project. Connecting needs the dashboard. Needs git:write."),
];

pub(super) const HOSTLESS_FILE_TOOLS: [ToolDef; 5] = [
    tool!("hostless_file_estimate", HostlessFile, POST "/estimate-costs", "hostless-file:read", Read,
        BodyFields, "Estimate costs from a Hostless file",
        "Estimate the monthly cost of the resources a Hostless file describes; the file's content goes in `changes`. \
            Changes nothing (a POST that only computes; needs hostless-file:read)."),
    tool!("hostless_file_generate", HostlessFile, POST "/apps/{appName}/hostless-file/generate", "hostless-file:write",
        Action, AppFields, "Generate an app's Hostless file",
        "Generate a Hostless file from an app's current configuration. The app name comes from apps_list; then \
            hostless_file_update and hostless_file_commit. Needs hostless-file:write."),
    tool!("hostless_file_update", HostlessFile, POST "/apps/{appName}/hostless-file/update", "hostless-file:write",
        Update, AppFields, "Update an app's Hostless file",
        "Update an app's Hostless file; the new content or changes go in `changes`. Needs hostless-file:write."),
    tool!("hostless_file_commit", HostlessFile, POST "/apps/{appName}/hostless-file/commit", "hostless-file:write",
        Action, AppFields, "Commit an app's Hostless file",
        "Commit an app's Hostless file to its connected repository; optional API fields (e.g. a commit message) go in \
            `changes`. Needs hostless-file:write."),
    tool!("hostless_file_costs", HostlessFile, POST "/apps/{appName}/hostless-file/calculate-costs",
        "hostless-file:write", Action,
        AppFields, "Calculate an app's costs",
        "Calculate the monthly cost of an app from its Hostless file. For a file not tied to an app use \
            hostless_file_estimate. Needs hostless-file:write."),
];
