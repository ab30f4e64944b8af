//! Typed arguments of the platform tools. Each struct gives a tool its JSON schema
//! (schemars, camelCase names as in the API) and validates what a client sends. Its
//! [`ToolArgs`] impl hands over the request body while the value is still typed (a
//! required `changes` is the whole body, an optional one is merged with the named
//! parameters); what remains is
//! serialized into named parameters: a `{placeholder}` of the route's path, else a query
//! or body parameter. Enum arguments (`resourceType`, `direction`, `metric` …) fill path
//! placeholders through `catalog::SEGMENTS` or by their own value.

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A JSON object of extra or changed API fields.
pub type JsonFields = Map<String, Value>;

/// The JSON body a tool's arguments carry, taken out of the typed arguments.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Body {
    /// No body field: a body, if the method has one, holds only the named parameters.
    #[default]
    None,
    /// The whole body (a `changes` field); named parameters are added to it.
    Whole(JsonFields),
    /// Extra API fields (an optional `changes` object), under the named parameters of the same name.
    Extra(JsonFields),
}

/// A tool's argument type: deserialized from the client's arguments, described by its
/// schema, and split into its body and its named parameters.
pub trait ToolArgs: DeserializeOwned + Serialize + JsonSchema + 'static {
    /// Moves the body field out; the body fields skip serializing once emptied, so what
    /// serializes afterwards is only the named parameters.
    fn take_body(&mut self) -> Body;
}

/// Arguments with no body field.
macro_rules! no_body {
    ($($ty:ident $(<$($g:ident),+>)?),* $(,)?) => {$(
        impl$(<$($g: DeserializeOwned + Serialize + JsonSchema + 'static),+>)? ToolArgs for $ty$(<$($g),+>)? {
            fn take_body(&mut self) -> Body {
                Body::None
            }
        }
    )*};
}

/// Arguments whose `changes` field is the whole body.
macro_rules! whole_body {
    ($($ty:ident $(<$($g:ident),+>)?),* $(,)?) => {$(
        impl$(<$($g: DeserializeOwned + Serialize + JsonSchema + 'static),+>)? ToolArgs for $ty$(<$($g),+>)? {
            fn take_body(&mut self) -> Body {
                Body::Whole(std::mem::take(&mut self.changes))
            }
        }
    )*};
}

/// Arguments whose optional `changes` field holds extra body fields (merged under the
/// named parameters; `fields`, its old name, is accepted as an alias).
macro_rules! extra_body {
    ($($ty:ident $(<$($g:ident),+>)?),* $(,)?) => {$(
        impl$(<$($g: DeserializeOwned + Serialize + JsonSchema + 'static),+>)? ToolArgs for $ty$(<$($g),+>)? {
            fn take_body(&mut self) -> Body {
                Body::Extra(self.changes.take().unwrap_or_default())
            }
        }
    )*};
}

/// No arguments.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoArgs {}

/// Filter for list tools.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ListArgs {
    /// Only list resources of this project (an `id` from `projects_list`). Omit it to list across every project you can access.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
}

/// Body of a create call.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CreateArgs {
    /// Project to create the resource in (an `id` from `projects_list`). Required with API keys.
    pub project_id: String,
    /// Name of the new resource; unique for its kind, used to address it afterwards.
    pub name: String,
    /// Other API fields for the new resource, merged into the request body (e.g. `{"region": "eu"}`).
    #[serde(alias = "fields", skip_serializing_if = "Option::is_none")]
    pub changes: Option<JsonFields>,
}

/// Body of `projects_create`.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ProjectCreateArgs {
    /// Name of the new project.
    pub name: String,
    /// Other API fields for the new project, merged into the request body.
    #[serde(alias = "fields", skip_serializing_if = "Option::is_none")]
    pub changes: Option<JsonFields>,
}

/// Declares a struct that names one resource, and one that names it plus a `changes`
/// body, for each kind of resource.
macro_rules! resource_args {
    ($($reference:ident, $patch:ident, $field:ident, $doc:literal;)*) => {$(
        #[doc = concat!("Names one resource: ", $doc)]
        #[derive(Debug, Deserialize, Serialize, JsonSchema)]
        #[serde(deny_unknown_fields, rename_all = "camelCase")]
        pub struct $reference {
            #[doc = $doc]
            pub $field: String,
        }

        #[doc = concat!("Changes to one resource: ", $doc)]
        #[derive(Debug, Deserialize, Serialize, JsonSchema)]
        #[serde(deny_unknown_fields, rename_all = "camelCase")]
        pub struct $patch {
            #[doc = $doc]
            pub $field: String,
            /// Fields to change, sent as the PATCH body; the API merges them into the resource.
            #[serde(skip_serializing_if = "Map::is_empty")]
            pub changes: JsonFields,
        }
    )*};
}

resource_args! {
    ProjectRef, ProjectPatch, project_id, "Project id (the `id` field from `projects_list`).";
    AppRef, AppPatch, app_name, "App name (from `apps_list`); apps are addressed by name, not by id.";
    SiteRef, SitePatch, site_name, "Site name (from `sites_list`); sites are addressed by name, not by id.";
    WorkerRef, WorkerPatch, worker_name, "Worker name (from `workers_list`); workers are addressed by name, not by id.";
    CronJobRef, CronJobPatch, cron_job_name, "Cron job name (from `cron_jobs_list`); cron jobs are addressed by name, \
        not by id.";
    DatabaseRef, DatabasePatch, database_name, "Database name (from `databases_list`); databases are addressed by \
        name, not by id.";
}

// ---------------------------------------------------------------------------------------
// Discriminators of the opt-in toolsets. Each enum is the set of values one tool accepts;
// schemars renders it inline as a string `enum` (no variant docs, so no `oneOf`). The
// executor turns a value into a path segment through `catalog::SEGMENTS` (`app` → `apps`)
// or, for literal selectors such as `direction`, uses the value itself.

/// Resources that have deployments, logs, environment variables and commits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(inline)]
pub enum DeployableKind {
    App,
    Site,
    Worker,
    CronJob,
}

/// Resources with a search route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(inline)]
pub enum SearchableKind {
    App,
    Site,
    Worker,
    CronJob,
    Database,
}

/// Resources that can be restarted and scaled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(inline)]
pub enum ScalableKind {
    App,
    Site,
    Worker,
}

/// Resources with custom domains, review deployments and traffic metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(inline)]
pub enum WebKind {
    App,
    Site,
}

/// Resources with collaborators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(inline)]
pub enum CollaboratorKind {
    App,
    Worker,
}

/// Resources that can be paused and resumed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(inline)]
pub enum PausableKind {
    CronJob,
    Database,
}

/// Scale one step up or down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(inline)]
pub enum ScaleDirection {
    Up,
    Down,
}

/// Resource-usage metrics every deployable resource has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(inline)]
pub enum UsageMetric {
    #[serde(alias = "cpu-usage")]
    CpuUsage,
    #[serde(alias = "memory-usage")]
    MemoryUsage,
}

/// Traffic metrics of apps and sites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(inline)]
pub enum TrafficMetric {
    #[serde(alias = "request-count")]
    RequestCount,
    #[serde(alias = "response-duration")]
    ResponseDuration,
}

/// Metrics only sites have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(inline)]
pub enum SiteMetric {
    #[serde(alias = "request-count-total")]
    RequestCountTotal,
    Bandwidth,
    #[serde(alias = "unique-visitors")]
    UniqueVisitors,
    #[serde(alias = "top-paths")]
    TopPaths,
}

/// Metrics of a virtual machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(inline)]
pub enum VmMetric {
    #[serde(alias = "cpu-usage")]
    CpuUsage,
    #[serde(alias = "memory-usage")]
    MemoryUsage,
    #[serde(alias = "network-in")]
    NetworkIn,
    #[serde(alias = "network-out")]
    NetworkOut,
    #[serde(alias = "disk-usage")]
    DiskUsage,
}

/// Power actions on a virtual machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(inline)]
pub enum VmAction {
    Start,
    Stop,
    Restart,
}

/// Git providers a project can connect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(inline)]
pub enum GitProvider {
    Github,
    Gitlab,
    Bitbucket,
}

/// One resource of a kind chosen by `resourceType`.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Resource<K> {
    /// Kind of resource `resourceName` refers to (`app`, `site`, `worker`, `cron_job` or `database`, as this tool allows).
    pub resource_type: K,
    #[serde(alias = "name")]
    /// Name of the resource, as listed by `apps_list`, `sites_list`, `workers_list`, `cron_jobs_list` or `databases_list` for its `resourceType`.
    pub resource_name: String,
}

/// One resource plus optional extra body fields.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ResourceFields<K> {
    /// Kind of resource `resourceName` refers to (`app`, `site`, `worker`, `cron_job` or `database`, as this tool allows).
    pub resource_type: K,
    #[serde(alias = "name")]
    /// Name of the resource, as listed by `apps_list`, `sites_list`, `workers_list`, `cron_jobs_list` or `databases_list` for its `resourceType`.
    pub resource_name: String,
    /// Optional API fields sent in the JSON body (e.g. `{"branch": "main"}`); omit for the API's defaults.
    #[serde(alias = "fields", skip_serializing_if = "Option::is_none")]
    pub changes: Option<JsonFields>,
}

/// One resource plus the request body.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ResourceChanges<K> {
    /// Kind of resource `resourceName` refers to (`app`, `site`, `worker`, `cron_job` or `database`, as this tool allows).
    pub resource_type: K,
    #[serde(alias = "name")]
    /// Name of the resource, as listed by `apps_list`, `sites_list`, `workers_list`, `cron_jobs_list` or `databases_list` for its `resourceType`.
    pub resource_name: String,
    /// JSON object sent as the whole request body (the tool description says what it holds).
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub changes: JsonFields,
}

/// One deployment of a resource.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct DeploymentRef<K> {
    /// Kind of resource `resourceName` refers to (`app`, `site`, `worker` or `cron_job`).
    pub resource_type: K,
    #[serde(alias = "name")]
    /// Name of the resource, as listed by `apps_list`, `sites_list`, `workers_list` or `cron_jobs_list` for its `resourceType`.
    pub resource_name: String,
    /// Deployment id (the `id` of an entry from `deployments_list`).
    pub deployment_id: String,
}

/// A search within one resource.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SearchArgs {
    /// Kind of resource `resourceName` refers to.
    pub resource_type: SearchableKind,
    #[serde(alias = "name")]
    /// Name of the resource, as listed by `apps_list`, `sites_list`, `workers_list`, `cron_jobs_list` or `databases_list` for its `resourceType`.
    pub resource_name: String,
    /// Text to search for, sent as `?q=` (the sandbox's parameter; the public reference names none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
}

/// Scale a resource one step.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ScaleArgs {
    /// Kind of resource `resourceName` refers to.
    pub resource_type: ScalableKind,
    #[serde(alias = "name")]
    /// Name of the app, site or worker (from `apps_list`, `sites_list` or `workers_list`).
    #[serde(alias = "name")]
    pub resource_name: String,
    /// `up` adds capacity, `down` removes it.
    pub direction: ScaleDirection,
    /// Optional API fields sent in the JSON body; omit for one step.
    #[serde(alias = "fields", skip_serializing_if = "Option::is_none")]
    pub changes: Option<JsonFields>,
}

/// One metric of one resource.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct MetricArgs<K, M> {
    /// Kind of resource `resourceName` refers to.
    pub resource_type: K,
    #[serde(alias = "name")]
    /// Name of the resource, as listed by `apps_list`, `sites_list`, `workers_list` or `cron_jobs_list` for its `resourceType`.
    pub resource_name: String,
    /// Which metric to read (its API path segment is the same words with `-`).
    pub metric: M,
}

/// One site-only metric.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SiteMetricArgs {
    /// Site name (from `sites_list`).
    pub site_name: String,
    /// Which metric to read (`request_count_total` is the total request count of the period).
    pub metric: SiteMetric,
}

/// One deployment of an app.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AppDeploymentRef {
    /// App name (from `apps_list`).
    pub app_name: String,
    /// Deployment id (the `id` of an entry from `deployments_list` with `resourceType: app`).
    pub deployment_id: String,
}

/// One deployment of a site, for its build statistics.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SiteDeploymentRef {
    /// Site name (from `sites_list`).
    pub site_name: String,
    /// Site deployment id (the `id` of an entry from `deployments_list` with `resourceType: site`).
    pub site_deployment_id: String,
}

/// One run of a standalone cron job.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CronRunRef {
    /// Cron job name (from `cron_jobs_list`).
    pub cron_job_name: String,
    /// Run id (the `id` of an entry from `cron_runs_list`).
    pub run_id: String,
}

/// One cron job that belongs to an app.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AppCronJobRef {
    /// App name (from `apps_list`).
    pub app_name: String,
    /// Id of the app's cron job (the `id` of an entry from `app_cron_jobs_list`).
    pub job_id: String,
}

/// Changes to a cron job that belongs to an app.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AppCronJobPatch {
    /// App name (from `apps_list`).
    pub app_name: String,
    /// Id of the app's cron job (the `id` of an entry from `app_cron_jobs_list`).
    pub job_id: String,
    /// Fields to change (e.g. `{"schedule": "0 * * * *"}`), sent as the PATCH body.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub changes: JsonFields,
}

/// One run of a cron job that belongs to an app.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AppCronRunRef {
    /// App name (from `apps_list`).
    pub app_name: String,
    /// Id of the app's cron job (the `id` of an entry from `app_cron_jobs_list`).
    pub job_id: String,
    /// Run id (the `id` of an entry from `app_cron_runs_list`).
    pub run_id: String,
}

/// One import (clone) into a database.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct DbImportRef {
    /// Database name (from `databases_list`).
    pub database_name: String,
    /// Import id (the `cloneId` returned by `databases_import`).
    pub clone_id: String,
}

/// One collaborator of an app or worker.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CollaboratorRef {
    /// Kind of resource `resourceName` refers to.
    pub resource_type: CollaboratorKind,
    #[serde(alias = "name")]
    /// Name of the app or worker (from `apps_list` or `workers_list`).
    #[serde(alias = "name")]
    pub resource_name: String,
    /// Email address of the collaborator to remove (from `collaborators_list`).
    pub email: String,
}

/// One worker process of an app.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct WorkerProcessRef {
    /// App name (from `apps_list`).
    pub app_name: String,
    /// Worker process id (the `id` of an entry from `worker_processes_list`).
    pub worker_id: String,
}

/// Changes to one worker process of an app.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct WorkerProcessPatch {
    /// App name (from `apps_list`).
    pub app_name: String,
    /// Worker process id (the `id` of an entry from `worker_processes_list`).
    pub worker_id: String,
    /// Fields to change (e.g. `{"instances": 2}`), sent as the PATCH body.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub changes: JsonFields,
}

/// An app plus optional body fields.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AppFields {
    /// App name (from `apps_list`).
    pub app_name: String,
    /// API fields sent in the JSON body (the tool description says which); omit for the API's defaults.
    #[serde(alias = "fields", skip_serializing_if = "Option::is_none")]
    pub changes: Option<JsonFields>,
}

/// A site plus optional body fields.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SiteFields {
    /// Site name (from `sites_list`).
    pub site_name: String,
    /// API fields sent in the JSON body (the tool description says which); omit for the API's defaults.
    #[serde(alias = "fields", skip_serializing_if = "Option::is_none")]
    pub changes: Option<JsonFields>,
}

/// A site's visual-builder project document.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SiteProjectPut {
    /// Site name (from `sites_list`).
    pub site_name: String,
    /// The whole visual-builder project (as read with `builder_project_get`, then edited), sent as the PUT body.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub changes: JsonFields,
}

/// A database plus optional body fields.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct DatabaseFields {
    /// Database name (from `databases_list`).
    pub database_name: String,
    /// API fields sent in the JSON body (e.g. the source to import from); omit for the API's defaults.
    #[serde(alias = "fields", skip_serializing_if = "Option::is_none")]
    pub changes: Option<JsonFields>,
}

/// One virtual machine.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct VmRef {
    /// Virtual machine id (the `id` of an entry from `vms_list`).
    pub id: String,
}

/// One metric of a virtual machine.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct VmMetricArgs {
    /// Virtual machine id (the `id` of an entry from `vms_list`).
    pub id: String,
    /// Which metric to read (its API path segment is the same words with `-`).
    pub metric: VmMetric,
}

/// A power action on a virtual machine.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct VmPowerArgs {
    /// Virtual machine id (the `id` of an entry from `vms_list`).
    pub id: String,
    /// `start`, `stop` or `restart` the machine.
    pub action: VmAction,
}

/// New settings of a virtual machine.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct VmChanges {
    /// Virtual machine id (the `id` of an entry from `vms_list`).
    pub id: String,
    /// The new settings, sent as the whole PUT body (the tool description says what it holds).
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub changes: JsonFields,
}

/// A billing period filter.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct DateRange {
    /// First day of the period, `YYYY-MM-DD`, sent as `?startDate=`. Omit for the API's default period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    /// Last day of the period, `YYYY-MM-DD`, sent as `?endDate=`. Omit for the API's default period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
}

/// One invoice, by the id the invoice routes use.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct InvoiceRef {
    /// Invoice id (the `id` of an entry from `invoices_list`).
    pub id: String,
}

/// One invoice to pay.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct InvoicePay {
    /// Invoice id (the `id` of an open invoice from `invoices_list`).
    pub invoice_id: String,
}

/// A project plus optional body fields.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ProjectFields {
    /// Project id (the `id` field from `projects_list`).
    pub project_id: String,
    /// API fields sent in the JSON body (e.g. `{"webhookUrl": "…", "channel": "#deploys"}`).
    #[serde(alias = "fields", skip_serializing_if = "Option::is_none")]
    pub changes: Option<JsonFields>,
}

/// A project plus a whole request body.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ProjectChanges {
    /// Project id (the `id` field from `projects_list`).
    pub project_id: String,
    /// The new settings, sent as the whole PUT body (e.g. `{"channel": "#alerts"}`).
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub changes: JsonFields,
}

/// A GitHub account connected to a project.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct GithubAccountRef {
    /// Project id (the `id` field from `projects_list`).
    pub project_id: String,
    /// GitHub user or organisation login (the `login` of an entry from `git_github_accounts`).
    pub account_login: String,
}

/// A Bitbucket workspace connected to a project.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct BitbucketWorkspaceRef {
    /// Project id (the `id` field from `projects_list`).
    pub project_id: String,
    /// Bitbucket workspace slug (the `slug` of an entry from `git_bitbucket_workspaces`).
    pub workspace: String,
}

/// A Git provider connection of a project.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct GitProviderRef {
    /// Project id (the `id` field from `projects_list`).
    pub project_id: String,
    /// Which provider to disconnect.
    pub provider: GitProvider,
}

/// Only optional body fields.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct BodyFields {
    /// API fields sent as the JSON body (the tool description says which).
    #[serde(alias = "fields", skip_serializing_if = "Option::is_none")]
    pub changes: Option<JsonFields>,
}

no_body!(
    NoArgs, ListArgs, ProjectRef, AppRef, SiteRef, WorkerRef, CronJobRef, DatabaseRef,
    Resource<K>, DeploymentRef<K>, SearchArgs, MetricArgs<K, M>, SiteMetricArgs, AppDeploymentRef,
    SiteDeploymentRef, CronRunRef, AppCronJobRef, AppCronRunRef, DbImportRef, CollaboratorRef,
    WorkerProcessRef, VmRef, VmMetricArgs, VmPowerArgs, DateRange, InvoiceRef, InvoicePay,
    GithubAccountRef, BitbucketWorkspaceRef, GitProviderRef,
);
whole_body!(
    ProjectPatch,
    AppPatch,
    SitePatch,
    WorkerPatch,
    CronJobPatch,
    DatabasePatch,
    ResourceChanges<K>,
    AppCronJobPatch,
    WorkerProcessPatch,
    SiteProjectPut,
    VmChanges,
    ProjectChanges,
);
extra_body!(
    CreateArgs,
    ProjectCreateArgs,
    ResourceFields<K>,
    ScaleArgs,
    AppFields,
    SiteFields,
    DatabaseFields,
    ProjectFields,
    BodyFields,
);
