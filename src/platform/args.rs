//! Typed arguments of the platform tools. Each struct gives a tool its JSON schema
//! (schemars, camelCase names as in the API) and validates what a client sends; the
//! executor then places every field by name: a `{placeholder}` of the route's path, the
//! whole body (`changes`), fields merged into the body (`fields`), or a query/body
//! parameter.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A JSON object of extra or changed API fields.
pub type JsonFields = Map<String, Value>;

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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<JsonFields>,
}

/// Body of `projects_create`.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ProjectCreateArgs {
    /// Name of the new project.
    pub name: String,
    /// Other API fields for the new project, merged into the request body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<JsonFields>,
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
            pub changes: JsonFields,
        }
    )*};
}

resource_args! {
    ProjectRef, ProjectPatch, project_id, "Project id (the `id` field from `projects_list`).";
    AppRef, AppPatch, app_name, "App name (from `apps_list`); apps are addressed by name, not by id.";
    SiteRef, SitePatch, site_name, "Site name (from `sites_list`); sites are addressed by name, not by id.";
    WorkerRef, WorkerPatch, worker_name, "Worker name (from `workers_list`); workers are addressed by name, not by id.";
    CronJobRef, CronJobPatch, cron_job_name, "Cron job name (from `cron_jobs_list`); cron jobs are addressed by name, not by id.";
    DatabaseRef, DatabasePatch, database_name, "Database name (from `databases_list`); databases are addressed by name, not by id.";
}
