//! The one declarative table of platform tools: name, toolset, HTTP method, path
//! template, required scope, effect (which fixes the annotations) and argument type.
//! Everything else — `tools/list`, dispatch, the request sent to the API, the generated
//! docs page — is derived from [`CATALOG`]; tests below iterate it.

use std::sync::Arc;

use rmcp::model::{JsonObject, ToolAnnotations};
use schemars::JsonSchema;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::args::*;

/// Groups of tools a client can choose with `?toolsets=` / `X-MCP-Toolsets`.
///
/// The six core toolsets (projects … databases: the 30 tools of the developer page) are
/// the default. The others are opt-in and together reach every other route an API key may
/// call:
/// - `deployments`: list, read, trigger and rerun deployments; deployment and build stats.
/// - `logs`: runtime, deployment, post-build, cron-run and database-import logs.
/// - `config`: environment variables, custom domains, commits, search, collaborators,
///   review apps/sites, an app's worker processes and cron jobs, a database's linked apps,
///   a project's apps and connected accounts.
/// - `metrics`: CPU/memory, traffic and site metrics, and app traces.
/// - `operations`: restart, scale, pause/resume, app upgrade, database tier and import,
///   cron runs and running an app's cron job.
/// - `site_builder`: sites from an upload or the visual builder, uploads, the builder's
///   project, assets and publishing.
/// - `vms`, `billing`, `integrations`, `git`, `hostless_file`: one per API area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Toolset {
    Projects,
    Apps,
    Sites,
    Workers,
    CronJobs,
    Databases,
    Deployments,
    Logs,
    Config,
    Metrics,
    Operations,
    SiteBuilder,
    Vms,
    Billing,
    Integrations,
    Git,
    HostlessFile,
}

impl Toolset {
    pub const ALL: [Toolset; 17] = [
        Toolset::Projects,
        Toolset::Apps,
        Toolset::Sites,
        Toolset::Workers,
        Toolset::CronJobs,
        Toolset::Databases,
        Toolset::Deployments,
        Toolset::Logs,
        Toolset::Config,
        Toolset::Metrics,
        Toolset::Operations,
        Toolset::SiteBuilder,
        Toolset::Vms,
        Toolset::Billing,
        Toolset::Integrations,
        Toolset::Git,
        Toolset::HostlessFile,
    ];

    pub const fn name(self) -> &'static str {
        match self {
            Toolset::Projects => "projects",
            Toolset::Apps => "apps",
            Toolset::Sites => "sites",
            Toolset::Workers => "workers",
            Toolset::CronJobs => "cron_jobs",
            Toolset::Databases => "databases",
            Toolset::Deployments => "deployments",
            Toolset::Logs => "logs",
            Toolset::Config => "config",
            Toolset::Metrics => "metrics",
            Toolset::Operations => "operations",
            Toolset::SiteBuilder => "site_builder",
            Toolset::Vms => "vms",
            Toolset::Billing => "billing",
            Toolset::Integrations => "integrations",
            Toolset::Git => "git",
            Toolset::HostlessFile => "hostless_file",
        }
    }

    /// One line on what the toolset covers, for the generated reference.
    pub const fn summary(self) -> &'static str {
        match self {
            Toolset::Projects => {
                "list and read projects (creating, changing and deleting them needs a dashboard session)"
            }
            Toolset::Apps => "apps: list, get, create, update, delete",
            Toolset::Sites => "sites: list, get, create, update, delete",
            Toolset::Workers => "workers: list, get, create, update, delete",
            Toolset::CronJobs => "standalone cron jobs: list, get, create, update, delete",
            Toolset::Databases => "databases: list, get details, create, update, delete",
            Toolset::Deployments => {
                "list, inspect, trigger and rerun deployments of apps, sites, workers and cron jobs; build stats"
            }
            Toolset::Logs => "runtime, deployment, post-build, cron run and database import logs",
            Toolset::Config => {
                "environment variables, custom domains, collaborators, review apps, worker processes, app cron jobs, commits, search"
            }
            Toolset::Metrics => "CPU, memory, traffic and site analytics metrics; app traces",
            Toolset::Operations => {
                "restart, scale, pause and resume, app upgrade, database tier and import, cron runs"
            }
            Toolset::SiteBuilder => "site uploads and the visual builder",
            Toolset::Vms => {
                "virtual machines: list, create, power, resize, firewall, metrics, delete"
            }
            Toolset::Billing => {
                "usage breakdowns, billing cycles, currencies, invoices, paying an invoice"
            }
            Toolset::Integrations => "available integrations and a project's Slack integration",
            Toolset::Git => "GitHub, GitLab and Bitbucket connections of a project",
            Toolset::HostlessFile => {
                "generate, update, commit and cost the Hostless file; cost estimates"
            }
        }
    }

    /// Shown when a client does not choose (SPEC §5.3: at most 40 tools by default): the
    /// six core toolsets.
    pub const fn is_default(self) -> bool {
        matches!(
            self,
            Toolset::Projects
                | Toolset::Apps
                | Toolset::Sites
                | Toolset::Workers
                | Toolset::CronJobs
                | Toolset::Databases
        )
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.name() == name)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Verb {
    pub const fn as_str(self) -> &'static str {
        match self {
            Verb::Get => "GET",
            Verb::Post => "POST",
            Verb::Put => "PUT",
            Verb::Patch => "PATCH",
            Verb::Delete => "DELETE",
        }
    }

    /// Whether extra arguments travel in a JSON body (else in the query string).
    pub const fn has_body(self) -> bool {
        matches!(self, Verb::Post | Verb::Put | Verb::Patch)
    }
}

/// What a tool does to the platform; it decides the MCP annotations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Reads only.
    Read,
    /// Creates something new each call.
    Create,
    /// Changes something; the same call twice leaves the same state.
    Update,
    /// Removes something.
    Delete,
    /// Starts an operation each call (deploy, restart, scale, run, send); not idempotent.
    Action,
}

/// The argument type of a tool: its input schema and its validator.
#[derive(Clone, Copy)]
pub struct ArgType {
    pub schema: fn() -> Result<Arc<JsonObject>, String>,
    /// Checks the client's arguments against the type and returns them normalised.
    pub parse: fn(JsonObject) -> Result<JsonObject, String>,
}

fn parse_as<T: DeserializeOwned + Serialize>(args: JsonObject) -> Result<JsonObject, String> {
    let typed: T = serde_json::from_value(Value::Object(args)).map_err(|e| e.to_string())?;
    match serde_json::to_value(typed).map_err(|e| e.to_string())? {
        Value::Object(map) => Ok(map),
        _ => Err("arguments must be a JSON object".into()),
    }
}

const fn arg<T: DeserializeOwned + Serialize + JsonSchema + 'static>() -> ArgType {
    ArgType {
        schema: crate::schema::input::<T>,
        parse: parse_as::<T>,
    }
}

/// One platform tool = one REST route.
#[derive(Clone, Copy)]
pub struct ToolDef {
    pub name: &'static str,
    pub toolset: Toolset,
    pub verb: Verb,
    /// Route under `/v1`. A `{placeholder}` listed in [`SEGMENTS`] is filled from the
    /// enum argument named there (`{resourceType}`: `app` → `apps`); any other is filled
    /// from the same-named argument, percent-encoded (an enum argument such as
    /// `{direction}` gives its own value).
    pub path: &'static str,
    /// Scope an API key needs, possibly a template filled like the path
    /// (`{resourceType}:write` → `apps:write`); `None` for routes only a dashboard session
    /// (JWT) may call.
    pub scope: Option<&'static str>,
    pub effect: Effect,
    pub args: ArgType,
    pub title: &'static str,
    pub description: &'static str,
}

impl ToolDef {
    pub fn annotations(&self) -> ToolAnnotations {
        let (read_only, destructive, idempotent) = match self.effect {
            Effect::Read => (true, false, true),
            Effect::Create | Effect::Action => (false, false, false),
            Effect::Update => (false, false, true),
            Effect::Delete => (false, true, true),
        };
        ToolAnnotations::with_title(self.title)
            .read_only(read_only)
            .destructive(destructive)
            .idempotent(idempotent)
            .open_world(true)
    }

    pub fn is_read_only(&self) -> bool {
        self.effect == Effect::Read
    }

    /// The `{placeholder}` names of the path, in order.
    pub fn placeholders(&self) -> impl Iterator<Item = &'static str> {
        self.path
            .split('/')
            .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
    }

    /// The arguments whose value is a path segment or scope part: enum arguments named by
    /// a placeholder of the path or the scope, directly or through [`SEGMENTS`].
    pub fn discriminators(&self) -> Vec<&'static str> {
        let schema = (self.args.schema)().unwrap_or_default();
        let mut names = Vec::new();
        for p in template_placeholders(self.path)
            .chain(self.scope.into_iter().flat_map(template_placeholders))
        {
            let arg = segment_arg(p).unwrap_or(p);
            let is_enum = schema
                .get("properties")
                .and_then(|props| props.get(arg))
                .is_some_and(|prop| prop.get("enum").is_some());
            if is_enum && !names.contains(&arg) {
                names.push(arg);
            }
        }
        names
    }

    /// Fills the table-driven and enum placeholders of `template` from `choice`, leaving
    /// the others as `{name}`.
    fn fill(template: &str, choice: &Map<String, Value>) -> Result<String, String> {
        let mut out = String::new();
        let mut rest = template;
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let Some(len) = rest[start..].find('}') else {
                break;
            };
            let name = &rest[start + 1..start + len];
            match table_segment(name, choice)? {
                Some(segment) => out.push_str(segment),
                None => match choice.get(name).and_then(Value::as_str) {
                    Some(value) => out.push_str(value),
                    None => out.push_str(&rest[start..=start + len]),
                },
            }
            rest = &rest[start + len + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }

    /// The scope a call with these arguments needs (the template filled in).
    pub fn scope_for(&self, args: &Map<String, Value>) -> Option<String> {
        self.scope.and_then(|s| Self::fill(s, args).ok())
    }

    /// Every concrete route this tool can call: one per combination of the values of its
    /// [`discriminators`](Self::discriminators), as listed in its input schema.
    pub fn expansions(&self) -> Vec<Expansion> {
        let schema = (self.args.schema)().unwrap_or_default();
        let mut choices = vec![Map::new()];
        for arg in self.discriminators() {
            let values: Vec<Value> = schema["properties"][arg]["enum"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            choices = choices
                .into_iter()
                .flat_map(|c| {
                    values.iter().map(move |v| {
                        let mut c = c.clone();
                        c.insert(arg.to_string(), v.clone());
                        c
                    })
                })
                .collect();
        }
        choices
            .into_iter()
            .filter_map(|choice| {
                let path = Self::fill(self.path, &choice).ok()?;
                let scope = self.scope_for(&choice);
                Some(Expansion {
                    choice,
                    path,
                    scope,
                })
            })
            .collect()
    }
}

/// A path segment chosen by the value of an enum argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// The `{placeholder}` of a path or scope template.
    pub placeholder: &'static str,
    /// The argument whose value selects the segment.
    pub arg: &'static str,
    /// That argument's value (its JSON string).
    pub value: &'static str,
    /// The path text put in place of the placeholder, as is (not percent-encoded).
    pub segment: &'static str,
}

const fn seg(
    placeholder: &'static str,
    arg: &'static str,
    value: &'static str,
    segment: &'static str,
) -> Segment {
    Segment {
        placeholder,
        arg,
        value,
        segment,
    }
}

/// The one mapping table of discriminators to path segments. `{resourceType}` gives the
/// API's collection name (which is also the scope family, so `{resourceType}:write`
/// works as a scope template); `{reviews}` and `{resumeAction}` are the literals that
/// differ by kind; `{siteMetric}` maps a site metric to its (possibly two-segment) path.
pub static SEGMENTS: &[Segment] = &[
    seg("resourceType", "resourceType", "app", "apps"),
    seg("resourceType", "resourceType", "site", "sites"),
    seg("resourceType", "resourceType", "worker", "workers"),
    seg("resourceType", "resourceType", "cron_job", "cron-jobs"),
    seg("resourceType", "resourceType", "database", "databases"),
    seg("reviews", "resourceType", "app", "review-apps"),
    seg("reviews", "resourceType", "site", "review-sites"),
    seg("resumeAction", "resourceType", "cron_job", "resume"),
    seg("resumeAction", "resourceType", "database", "unpause"),
    seg(
        "siteMetric",
        "metric",
        "request-count-total",
        "request-count/total",
    ),
    seg("siteMetric", "metric", "bandwidth", "bandwidth"),
    seg("siteMetric", "metric", "unique-visitors", "unique-visitors"),
    seg("siteMetric", "metric", "top-paths", "top-paths"),
];

/// The argument that fills `placeholder` through [`SEGMENTS`], if it is table-driven.
pub fn segment_arg(placeholder: &str) -> Option<&'static str> {
    SEGMENTS
        .iter()
        .find(|s| s.placeholder == placeholder)
        .map(|s| s.arg)
}

/// Fills a table-driven placeholder from `args`: `Ok(None)` if `placeholder` is not in
/// [`SEGMENTS`], `Err` if its argument is missing or has a value the table does not know.
pub fn table_segment(
    placeholder: &str,
    args: &Map<String, Value>,
) -> Result<Option<&'static str>, String> {
    let Some(arg) = segment_arg(placeholder) else {
        return Ok(None);
    };
    let value = args.get(arg).and_then(Value::as_str).unwrap_or_default();
    SEGMENTS
        .iter()
        .find(|s| s.placeholder == placeholder && s.value == value)
        .map(|s| Some(s.segment))
        .ok_or_else(|| {
            let allowed: Vec<&str> = SEGMENTS
                .iter()
                .filter(|s| s.placeholder == placeholder)
                .map(|s| s.value)
                .collect();
            format!("`{arg}` must be one of {}", allowed.join(", "))
        })
}

/// Placeholder names of a template (`{a}/x/{b}` → `a`, `b`).
fn template_placeholders(template: &'static str) -> impl Iterator<Item = &'static str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}'))
        .map(|(p, _)| p)
}

/// One concrete route a tool reaches: the enum values chosen, the path (string
/// placeholders left as `{name}`) and the scope it needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Expansion {
    pub choice: Map<String, Value>,
    pub path: String,
    pub scope: Option<String>,
}

/// The five core tools of one resource kind. `$plural` is the API path segment.
macro_rules! core_tools {
    ($toolset:expr, $prefix:literal, $plural:literal, $a:literal, $noun:literal, $nouns:literal, $scope:literal,
     $param:literal, $reference:ty, $patch:ty) => {
        [
            ToolDef {
                name: concat!($prefix, "_list"),
                toolset: $toolset,
                verb: Verb::Get,
                path: concat!("/", $plural),
                scope: Some(concat!($scope, ":read")),
                effect: Effect::Read,
                args: arg::<ListArgs>(),
                title: concat!("List ", $nouns),
                description: concat!(
                    "List ", $nouns, " across every project you can access, or only those of one project with `projectId` ",
                    "(ids come from `projects_list`). Returns each ", $noun, "'s name, project and status; ",
                    "address ", $a, " ", $noun, " by its name in the other ", $prefix, "_* tools."
                ),
            },
            ToolDef {
                name: concat!($prefix, "_get"),
                toolset: $toolset,
                verb: Verb::Get,
                path: concat!("/", $plural, "/{", $param, "}"),
                scope: Some(concat!($scope, ":read")),
                effect: Effect::Read,
                args: arg::<$reference>(),
                title: concat!("Get ", $a, " ", $noun),
                description: concat!(
                    "Get one ", $noun, " by name (names come from `", $prefix, "_list`)."
                ),
            },
            ToolDef {
                name: concat!($prefix, "_create"),
                toolset: $toolset,
                verb: Verb::Post,
                path: concat!("/", $plural),
                scope: Some(concat!($scope, ":write")),
                effect: Effect::Create,
                args: arg::<CreateArgs>(),
                title: concat!("Create ", $a, " ", $noun),
                description: concat!(
                    "Create ", $a, " ", $noun, " in a project. Call `projects_list` first and pass the project's id as `projectId`; ",
                    "`name` must be unique. Other API fields go in `fields`. Needs the ", $scope, ":write scope ",
                    "and an owner or editor role in the project."
                ),
            },
            ToolDef {
                name: concat!($prefix, "_patch"),
                toolset: $toolset,
                verb: Verb::Patch,
                path: concat!("/", $plural, "/{", $param, "}"),
                scope: Some(concat!($scope, ":write")),
                effect: Effect::Update,
                args: arg::<$patch>(),
                title: concat!("Update ", $a, " ", $noun),
                description: concat!(
                    "Update ", $a, " ", $noun, " by name: `changes` is sent as the PATCH body and merged by the API. ",
                    "Needs the ", $scope, ":write scope and an owner or editor role in the project."
                ),
            },
            ToolDef {
                name: concat!($prefix, "_delete"),
                toolset: $toolset,
                verb: Verb::Delete,
                path: concat!("/", $plural, "/{", $param, "}"),
                scope: Some(concat!($scope, ":delete")),
                effect: Effect::Delete,
                args: arg::<$reference>(),
                title: concat!("Delete ", $a, " ", $noun),
                description: concat!(
                    "Delete ", $a, " ", $noun, " by name. This cannot be undone; confirm the name with `", $prefix, "_get` first. ",
                    "Needs the ", $scope, ":delete scope and an owner or editor role in the project."
                ),
            },
        ]
    };
}

const PROJECT_TOOLS: [ToolDef; 5] = [
    ToolDef {
        name: "projects_list",
        toolset: Toolset::Projects,
        verb: Verb::Get,
        path: "/projects",
        scope: Some("projects:read"),
        effect: Effect::Read,
        args: arg::<NoArgs>(),
        title: "List projects",
        description: "List the projects you belong to, with their ids. Call this first: most other tools take a `projectId` from here.",
    },
    ToolDef {
        name: "projects_get",
        toolset: Toolset::Projects,
        verb: Verb::Get,
        path: "/projects/{projectId}",
        scope: Some("projects:read"),
        effect: Effect::Read,
        args: arg::<ProjectRef>(),
        title: "Get a project",
        description: "Get one project by id (ids come from `projects_list`).",
    },
    ToolDef {
        name: "projects_create",
        toolset: Toolset::Projects,
        verb: Verb::Post,
        path: "/projects",
        scope: None,
        effect: Effect::Create,
        args: arg::<ProjectCreateArgs>(),
        title: "Create a project",
        description: "Create a project. Only a dashboard session (Bearer JWT) may do this: API keys can only read projects and get 403.",
    },
    ToolDef {
        name: "projects_patch",
        toolset: Toolset::Projects,
        verb: Verb::Patch,
        path: "/projects/{projectId}",
        scope: None,
        effect: Effect::Update,
        args: arg::<ProjectPatch>(),
        title: "Update a project",
        description: "Update a project by id: `changes` is sent as the PATCH body. Only a dashboard session (Bearer JWT) may do this: API keys can only read projects and get 403.",
    },
    ToolDef {
        name: "projects_delete",
        toolset: Toolset::Projects,
        verb: Verb::Delete,
        path: "/projects/{projectId}",
        scope: None,
        effect: Effect::Delete,
        args: arg::<ProjectRef>(),
        title: "Delete a project",
        description: "Delete a project by id. This cannot be undone. Only a dashboard session (Bearer JWT) may do this: API keys can only read projects and get 403.",
    },
];

const APP_TOOLS: [ToolDef; 5] = core_tools!(
    Toolset::Apps,
    "apps",
    "apps",
    "an",
    "app",
    "apps",
    "apps",
    "appName",
    AppRef,
    AppPatch
);
const SITE_TOOLS: [ToolDef; 5] = core_tools!(
    Toolset::Sites,
    "sites",
    "sites",
    "a",
    "site",
    "sites",
    "sites",
    "siteName",
    SiteRef,
    SitePatch
);
const WORKER_TOOLS: [ToolDef; 5] = core_tools!(
    Toolset::Workers,
    "workers",
    "workers",
    "a",
    "worker",
    "workers",
    "workers",
    "workerName",
    WorkerRef,
    WorkerPatch
);
const CRON_JOB_TOOLS: [ToolDef; 5] = core_tools!(
    Toolset::CronJobs,
    "cron_jobs",
    "cron-jobs",
    "a",
    "cron job",
    "cron jobs",
    "cron-jobs",
    "cronJobName",
    CronJobRef,
    CronJobPatch
);
const DATABASE_TOOLS: [ToolDef; 5] = {
    let mut tools = core_tools!(
        Toolset::Databases,
        "databases",
        "databases",
        "a",
        "database",
        "databases",
        "databases",
        "databaseName",
        DatabaseRef,
        DatabasePatch
    );
    // The API reads one database at its `details` route.
    tools[1].path = "/databases/{databaseName}/details";
    tools
};

/// One tool of an opt-in toolset (the scope is always set: these routes take API keys).
macro_rules! tool {
    ($name:literal, $toolset:ident, $verb:ident $path:literal, $scope:literal, $effect:ident, $args:ty,
     $title:literal, $description:expr $(,)?) => {
        ToolDef {
            name: $name,
            toolset: Toolset::$toolset,
            verb: Verb::$verb,
            path: $path,
            scope: Some($scope),
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
        "Set `resourceType` and pass the resource's `name` (from the matching apps_list, sites_list, workers_list or cron_jobs_list). "
    };
}

const DEPLOYMENT_TOOLS: [ToolDef; 7] = [
    tool!("deployments_list", Deployments, Get "/{resourceType}/{name}/deployments", "deployments:read", Read,
        Resource<DeployableKind>, "List deployments",
        concat!("List the deployments of an app, site, worker or cron job, newest first, with their ids and status. ", pick!(),
            "Use the ids with deployments_get, deployments_rerun and logs_deployment.")),
    tool!("deployments_get", Deployments, Get "/{resourceType}/{name}/deployments/{deploymentId}", "deployments:read", Read,
        DeploymentRef<DeployableKind>, "Get a deployment",
        concat!("Get one deployment (status, commit, branch, build time). ", pick!(), "`deploymentId` comes from deployments_list.")),
    tool!("deployments_trigger", Deployments, Post "/{resourceType}/{name}/deployments/new", "deployments:write", Action,
        ResourceFields<DeployableKind>, "Trigger a deployment",
        concat!("Start a new deployment of an app, site, worker or cron job from its connected repository. ", pick!(),
            "Optional API fields (e.g. a branch) go in `fields`. Needs the deployments:write scope; follow progress with deployments_get and logs_deployment.")),
    tool!("deployments_rerun", Deployments, Post "/{resourceType}/{name}/deployments/{deploymentId}/rerun", "deployments:write", Action,
        DeploymentRef<DeployableKind>, "Rerun a deployment",
        concat!("Run an earlier deployment again (same commit and settings). ", pick!(), "`deploymentId` comes from deployments_list. Needs deployments:write.")),
    tool!("deployments_stats", Deployments, Get "/apps/{appName}/deployments/{deploymentId}/stats", "deployments:read", Read,
        AppDeploymentRef, "Get an app deployment's stats",
        "Get the statistics of one app deployment (build duration and sizes). `deploymentId` comes from deployments_list with resourceType app."),
    tool!("deployments_build_stats", Deployments, Get "/apps/{appName}/build/stats", "deployments:read", Read,
        AppRef, "Get an app's build stats",
        "Get build statistics across an app's recent builds (durations, outcomes). The app name comes from apps_list."),
    tool!("deployments_site_build_stats", Deployments, Get "/sites/{siteName}/deployments/{siteDeploymentId}/metrics/build-stats", "sites:read", Read,
        SiteDeploymentRef, "Get a site deployment's build stats",
        "Get the build statistics (build time, asset count, bytes) of one site deployment. `siteDeploymentId` comes from deployments_list with resourceType site. Needs sites:read."),
];

const LOG_TOOLS: [ToolDef; 6] = [
    tool!("logs_get", Logs, Get "/{resourceType}/{name}/logs", "logs:read", Read,
        Resource<DeployableKind>, "Read runtime logs",
        concat!("Read the recent runtime logs of an app, site, worker or cron job. ", pick!(), "For one build use logs_deployment. Needs logs:read.")),
    tool!("logs_deployment", Logs, Get "/{resourceType}/{name}/deployments/{deploymentId}/logs", "logs:read", Read,
        DeploymentRef<DeployableKind>, "Read a deployment's logs",
        concat!("Read the build and deploy logs of one deployment. ", pick!(), "`deploymentId` comes from deployments_list. Needs logs:read.")),
    tool!("logs_post_build", Logs, Get "/apps/{appName}/deployments/{deploymentId}/post-build-logs", "logs:read", Read,
        AppDeploymentRef, "Read an app deployment's post-build logs",
        "Read the post-build logs (release and start-up steps) of one app deployment. `deploymentId` comes from deployments_list with resourceType app."),
    tool!("logs_cron_run", Logs, Get "/cron-jobs/{cronJobName}/runs/{runId}/logs", "logs:read", Read,
        CronRunRef, "Read a cron job run's logs",
        "Read the logs of one run of a standalone cron job. Run ids come from cron_runs_list. For a cron job that belongs to an app use logs_app_cron_run."),
    tool!("logs_app_cron_run", Logs, Get "/apps/{appName}/cron-jobs/{jobId}/runs/{runId}/logs", "logs:read", Read,
        AppCronRunRef, "Read an app cron job run's logs",
        "Read the logs of one run of a cron job that belongs to an app. `jobId` comes from app_cron_jobs_list, `runId` from app_cron_runs_list."),
    tool!("logs_db_import", Logs, Get "/databases/{databaseName}/import/{cloneId}/logs", "logs:read", Read,
        DbImportRef, "Read a database import's logs",
        "Read the logs of one database import. `cloneId` is returned by databases_import; check progress with databases_import_status."),
];

const CONFIG_TOOLS: [ToolDef; 26] = [
    tool!("env_vars_list", Config, Get "/{resourceType}/{name}/environment-variables", "{resourceType}:read", Read,
        Resource<DeployableKind>, "List environment variables",
        concat!("List the environment variables of an app, site, worker or cron job. ", pick!(), "Change them with the resource's *_patch tool. Needs <kind>:read (e.g. apps:read).")),
    tool!("domains_list", Config, Get "/{resourceType}/{name}/custom-domains", "{resourceType}:read", Read,
        Resource<WebKind>, "List custom domains",
        concat!("List the custom domains of an app or site, with verification and TLS status. ", pick!())),
    tool!("domains_add", Config, Post "/{resourceType}/{name}/custom-domains", "{resourceType}:write", Create,
        ResourceChanges<WebKind>, "Add a custom domain",
        concat!("Attach a custom domain to an app or site. ", pick!(),
            "`changes` is the JSON body naming the domain (e.g. `{\"domain\": \"www.example.com\"}`; the public reference does not fix its fields). Then point the domain's DNS at Hostless.")),
    tool!("domains_remove", Config, Delete "/{resourceType}/{name}/custom-domains", "{resourceType}:delete", Delete,
        Resource<WebKind>, "Remove custom domains",
        concat!("Remove the custom domain of an app or site (the route is on the collection, without a domain in the URL). ", pick!(),
            "Check domains_list first. Needs apps:delete or sites:delete.")),
    tool!("commits_list", Config, Get "/{resourceType}/{name}/commits", "{resourceType}:read", Read,
        Resource<DeployableKind>, "List recent commits",
        concat!("List recent commits of the repository connected to an app, site, worker or cron job. ", pick!())),
    tool!("resources_search", Config, Get "/{resourceType}/{name}/search", "{resourceType}:read", Read,
        SearchArgs, "Search within a resource",
        "Search within one app, site, worker, cron job or database. Set `resourceType` and pass the resource's `name` (from apps_list, sites_list, workers_list, cron_jobs_list or databases_list); the text goes in `q`."),
    tool!("collaborators_list", Config, Get "/{resourceType}/{name}/collaborators", "{resourceType}:read", Read,
        Resource<CollaboratorKind>, "List collaborators",
        "List the collaborators (email and role) of an app or worker. Set `resourceType` and pass the app's or worker's `name` (from apps_list or workers_list)."),
    tool!("collaborators_set", Config, Patch "/{resourceType}/{name}/collaborators", "{resourceType}:write", Update,
        ResourceChanges<CollaboratorKind>, "Add or change collaborators",
        "Add or change collaborators of an app or worker: `changes` is the PATCH body (e.g. `{\"email\": \"jane@example.com\", \"role\": \"editor\"}`). Set `resourceType` and pass the app's or worker's `name`."),
    tool!("collaborators_remove", Config, Delete "/{resourceType}/{name}/collaborators/{email}", "{resourceType}:delete", Delete,
        CollaboratorRef, "Remove a collaborator",
        "Remove one collaborator, by email, from an app or worker. Emails come from collaborators_list. Needs apps:delete or workers:delete."),
    tool!("reviews_list", Config, Get "/{resourceType}/{name}/{reviews}", "{resourceType}:read", Read,
        Resource<WebKind>, "List review apps or sites",
        "List the review deployments (one per pull request) of an app (review apps) or a site (review sites). Set `resourceType` and pass the app's or site's `name`."),
    tool!("reviews_pull_requests", Config, Get "/{resourceType}/{name}/{reviews}/pull-requests", "{resourceType}:read", Read,
        Resource<WebKind>, "List pull requests for review",
        "List the open pull requests a review app or site can be made from. Set `resourceType` and pass the app's or site's `name`; then reviews_trigger."),
    tool!("reviews_trigger", Config, Post "/{resourceType}/{name}/{reviews}/trigger", "{resourceType}:write", Action,
        ResourceFields<WebKind>, "Create a review app or site",
        "Create a review app or site for a pull request. Set `resourceType` and pass the app's or site's `name`; put the pull request (from reviews_pull_requests) in `fields`, e.g. `{\"pullRequest\": 12}`."),
    tool!("reviews_extend", Config, Patch "/apps/{appName}/review-apps/extend", "apps:write", Update,
        AppFields, "Extend an app's review apps",
        "Extend the lifetime of an app's review apps (sites have no such route). Optional API fields go in `fields`. Needs apps:write."),
    tool!("worker_processes_list", Config, Get "/apps/{appName}/worker-processes", "apps:read", Read,
        AppRef, "List an app's worker processes",
        "List the background worker processes of an app (command, instances, status), with their ids."),
    tool!("worker_processes_get", Config, Get "/apps/{appName}/worker-processes/{workerId}", "apps:read", Read,
        WorkerProcessRef, "Get a worker process",
        "Get one worker process of an app. `workerId` comes from worker_processes_list."),
    tool!("worker_processes_create", Config, Post "/apps/{appName}/worker-processes", "apps:write", Create,
        AppFields, "Add a worker process",
        "Add a worker process to an app; its settings (e.g. `{\"command\": \"node queue.js\", \"instances\": 1}`) go in `fields`. Needs apps:write."),
    tool!("worker_processes_patch", Config, Patch "/apps/{appName}/worker-processes/{workerId}", "apps:write", Update,
        WorkerProcessPatch, "Update a worker process",
        "Update one worker process of an app: `changes` is sent as the PATCH body. `workerId` comes from worker_processes_list. Needs apps:write."),
    tool!("worker_processes_delete", Config, Delete "/apps/{appName}/worker-processes/{workerId}", "apps:delete", Delete,
        WorkerProcessRef, "Delete a worker process",
        "Delete one worker process of an app. This cannot be undone; confirm with worker_processes_get first. Needs apps:delete."),
    tool!("app_cron_jobs_list", Config, Get "/apps/{appName}/cron-jobs", "cron-jobs:read", Read,
        AppRef, "List an app's cron jobs",
        "List the cron jobs that belong to an app (not standalone cron jobs, which cron_jobs_list shows), with their ids. Needs cron-jobs:read."),
    tool!("app_cron_jobs_get", Config, Get "/apps/{appName}/cron-jobs/{jobId}", "cron-jobs:read", Read,
        AppCronJobRef, "Get an app's cron job",
        "Get one cron job of an app (schedule, command, status). `jobId` comes from app_cron_jobs_list."),
    tool!("app_cron_jobs_create", Config, Post "/apps/{appName}/cron-jobs", "cron-jobs:write", Create,
        AppFields, "Add a cron job to an app",
        "Add a cron job to an app; its settings (e.g. `{\"schedule\": \"*/15 * * * *\", \"command\": \"node tick.js\"}`) go in `fields`. Needs cron-jobs:write."),
    tool!("app_cron_jobs_patch", Config, Patch "/apps/{appName}/cron-jobs/{jobId}", "cron-jobs:write", Update,
        AppCronJobPatch, "Update an app's cron job",
        "Update one cron job of an app: `changes` is sent as the PATCH body. `jobId` comes from app_cron_jobs_list. Needs cron-jobs:write."),
    tool!("app_cron_jobs_delete", Config, Delete "/apps/{appName}/cron-jobs/{jobId}", "cron-jobs:delete", Delete,
        AppCronJobRef, "Delete an app's cron job",
        "Delete one cron job of an app. This cannot be undone; confirm with app_cron_jobs_get first. Needs cron-jobs:delete."),
    tool!("databases_linked_apps", Config, Get "/databases/{databaseName}/linked-apps", "databases:read", Read,
        DatabaseRef, "List a database's linked apps",
        "List the apps linked to a database (and the environment variable that carries its URL). The database name comes from databases_list."),
    tool!("project_apps_list", Config, Get "/projects/{projectId}/apps", "projects:read", Read,
        ProjectRef, "List a project's apps",
        "List the apps of one project, by project id (from projects_list). Needs projects:read."),
    tool!("project_connected_accounts", Config, Get "/projects/{projectId}/connected-accounts", "projects:read", Read,
        ProjectRef, "List a project's connected accounts",
        "List the Git provider accounts connected to a project (provider and login), by project id (from projects_list). Browse repositories with the git_* tools."),
];
const METRIC_TOOLS: [ToolDef; 4] = [
    tool!("metrics_usage", Metrics, Get "/{resourceType}/{name}/metrics/{metric}", "{resourceType}:read", Read,
        MetricArgs<DeployableKind, UsageMetric>, "Read CPU or memory usage",
        concat!("Read the CPU or memory usage series of an app, site, worker or cron job. ", pick!(), "Needs <kind>:read (e.g. workers:read).")),
    tool!("metrics_traffic", Metrics, Get "/{resourceType}/{name}/metrics/{metric}", "{resourceType}:read", Read,
        MetricArgs<WebKind, TrafficMetric>, "Read request count or latency",
        "Read the request-count or response-duration series of an app or site. Set `resourceType` and pass the app's or site's `name` (from apps_list or sites_list)."),
    tool!("metrics_site", Metrics, Get "/sites/{siteName}/metrics/{siteMetric}", "sites:read", Read,
        SiteMetricArgs, "Read a site's traffic metric",
        "Read a metric only sites have: total request count, bandwidth, unique visitors or top paths. The site name comes from sites_list. Needs sites:read."),
    tool!("traces_get", Metrics, Get "/traces/{appName}", "traces:read", Read,
        AppRef, "Read an app's traces",
        "Read recent request traces of an app (trace id, duration, spans). The app name comes from apps_list. Needs traces:read."),
];

const OPERATION_TOOLS: [ToolDef; 13] = [
    tool!("resources_restart", Operations, Post "/{resourceType}/{name}/restart", "{resourceType}:write", Action,
        Resource<ScalableKind>, "Restart an app, site or worker",
        "Restart the running instances of an app, site or worker without a new deployment. Set `resourceType` and pass the `name` (from apps_list, sites_list or workers_list). Needs apps:write, sites:write or workers:write."),
    tool!("resources_scale", Operations, Post "/{resourceType}/{name}/scale/{direction}", "{resourceType}:write", Action,
        ScaleArgs, "Scale an app, site or worker",
        "Scale an app, site or worker one step `up` or `down`. Set `resourceType` and pass the `name` (from apps_list, sites_list or workers_list); optional API fields go in `fields`. Needs <kind>:write."),
    tool!("resources_pause", Operations, Post "/{resourceType}/{name}/pause", "{resourceType}:write", Update,
        Resource<PausableKind>, "Pause a cron job or database",
        "Pause a standalone cron job (no more runs) or a database. Set `resourceType` (`cron_job` or `database`) and pass the `name` (from cron_jobs_list or databases_list); undo with resources_resume."),
    tool!("resources_resume", Operations, Post "/{resourceType}/{name}/{resumeAction}", "{resourceType}:write", Update,
        Resource<PausableKind>, "Resume a cron job or database",
        "Resume a paused cron job or database (the API's `resume` and `unpause` routes). Set `resourceType` (`cron_job` or `database`) and pass the `name` (from cron_jobs_list or databases_list)."),
    tool!("apps_upgrade", Operations, Patch "/apps/{appName}/upgrade", "apps:write", Update,
        AppPatch, "Upgrade an app",
        "Upgrade an app's plan or runtime: `changes` is sent as the PATCH body (e.g. `{\"plan\": \"pro\"}`). The app name comes from apps_list. Needs apps:write."),
    tool!("databases_tier", Operations, Patch "/databases/{databaseName}/tier", "databases:write", Update,
        DatabasePatch, "Change a database's tier",
        "Change a database's tier (size): `changes` is sent as the PATCH body (e.g. `{\"tier\": \"large\"}`). The database name comes from databases_list. Needs databases:write."),
    tool!("databases_import", Operations, Post "/databases/{databaseName}/import", "databases:write", Action,
        DatabaseFields, "Import data into a database",
        "Start importing (cloning) data into a database; the source goes in `fields`. The answer carries a `cloneId` for databases_import_status and logs_db_import. Needs databases:write."),
    tool!("databases_import_status", Operations, Get "/databases/{databaseName}/import/{cloneId}/status", "databases:read", Read,
        DbImportRef, "Get a database import's status",
        "Get the status and progress of a database import. `cloneId` comes from databases_import."),
    tool!("cron_runs_list", Operations, Get "/cron-jobs/{cronJobName}/runs", "cron-jobs:read", Read,
        CronJobRef, "List a cron job's runs",
        "List recent runs of a standalone cron job (status, start, duration), with their ids. The name comes from cron_jobs_list; read a run's output with logs_cron_run."),
    tool!("cron_runs_get", Operations, Get "/cron-jobs/{cronJobName}/runs/{runId}", "cron-jobs:read", Read,
        CronRunRef, "Get a cron job run",
        "Get one run of a standalone cron job. `runId` comes from cron_runs_list."),
    tool!("app_cron_runs_list", Operations, Get "/apps/{appName}/cron-jobs/{jobId}/runs", "cron-jobs:read", Read,
        AppCronJobRef, "List runs of an app's cron job",
        "List recent runs of a cron job that belongs to an app. `jobId` comes from app_cron_jobs_list; read a run's output with logs_app_cron_run."),
    tool!("app_cron_runs_get", Operations, Get "/apps/{appName}/cron-jobs/{jobId}/runs/{runId}", "cron-jobs:read", Read,
        AppCronRunRef, "Get a run of an app's cron job",
        "Get one run of a cron job that belongs to an app. `runId` comes from app_cron_runs_list."),
    tool!("app_cron_jobs_run", Operations, Post "/apps/{appName}/cron-jobs/{jobId}/run", "cron-jobs:write", Action,
        AppCronJobRef, "Run an app's cron job now",
        "Run a cron job of an app now, outside its schedule. `jobId` comes from app_cron_jobs_list; follow it with app_cron_runs_list. Needs cron-jobs:write."),
];

const SITE_BUILDER_TOOLS: [ToolDef; 8] = [
    tool!("sites_create_from_upload", SiteBuilder, Post "/sites/from-upload", "sites:write", Create,
        CreateArgs, "Create a site from an upload",
        "Create a site from uploaded files instead of a repository. Call projects_list first and pass the project's id as `projectId`; other API fields go in `fields`. Needs sites:write."),
    tool!("sites_create_from_builder", SiteBuilder, Post "/sites/from-visual-builder", "sites:write", Create,
        CreateArgs, "Create a site with the visual builder",
        "Create a site edited with the visual builder. Call projects_list first and pass the project's id as `projectId`; other API fields go in `fields`. Needs sites:write."),
    tool!("sites_upload", SiteBuilder, Post "/sites/{siteName}/upload", "sites:write", Action,
        SiteFields, "Upload a new version of a site",
        "Upload new content to a site created from an upload; the API fields of the upload go in `fields`. The site name comes from sites_list. Needs sites:write."),
    tool!("builder_project_get", SiteBuilder, Get "/sites/{siteName}/visual-builder/project", "sites:read", Read,
        SiteRef, "Get a site's visual-builder project",
        "Get the visual-builder project (pages, version) of a site. Edit it and save it with builder_project_put."),
    tool!("builder_project_put", SiteBuilder, Put "/sites/{siteName}/visual-builder/project", "sites:write", Update,
        SiteProjectPut, "Save a site's visual-builder project",
        "Replace a site's visual-builder project: `changes` is the whole project, sent as the PUT body (start from builder_project_get). Publish it with builder_publish. Needs sites:write."),
    tool!("builder_publish", SiteBuilder, Post "/sites/{siteName}/visual-builder/publish", "sites:write", Action,
        SiteRef, "Publish a visual-builder site",
        "Publish the saved visual-builder project of a site, making it live. Needs sites:write."),
    tool!("builder_assets_list", SiteBuilder, Get "/sites/{siteName}/visual-builder/assets", "sites:read", Read,
        SiteRef, "List a site's builder assets",
        "List the assets (images, files) of a site's visual-builder project."),
    tool!("builder_assets_add", SiteBuilder, Post "/sites/{siteName}/visual-builder/assets", "sites:write", Create,
        SiteFields, "Add a builder asset",
        "Add an asset to a site's visual-builder project; the asset's API fields go in `fields`. Needs sites:write."),
];

const VM_TOOLS: [ToolDef; 12] = [
    tool!("vms_list", Vms, Get "/virtual-machines", "virtual-machines:read", Read,
        NoArgs, "List virtual machines",
        "List the virtual machines of every project you can access, with their ids and status. For one project use vms_project_list."),
    tool!("vms_pricing", Vms, Get "/virtual-machines/pricing", "virtual-machines:read", Read,
        NoArgs, "List virtual machine pricing",
        "List the virtual machine sizes with CPUs, memory and monthly price, before vms_create or vms_resize."),
    tool!("vms_project_list", Vms, Get "/virtual-machines/project/{projectId}", "virtual-machines:read", Read,
        ProjectRef, "List a project's virtual machines",
        "List the virtual machines of one project, by project id (from projects_list)."),
    tool!("vms_get", Vms, Get "/virtual-machines/{id}", "virtual-machines:read", Read,
        VmRef, "Get a virtual machine",
        "Get one virtual machine (status, size, address). The id comes from vms_list."),
    tool!("vms_metrics", Vms, Get "/virtual-machines/{id}/metrics", "virtual-machines:read", Read,
        VmRef, "Get a virtual machine's metrics overview",
        "Get an overview of a virtual machine's CPU and memory metrics. For one series (network, disk …) use vms_metric."),
    tool!("vms_metric", Vms, Get "/virtual-machines/{id}/metrics/{metric}", "virtual-machines:read", Read,
        VmMetricArgs, "Read one virtual machine metric",
        "Read one metric series of a virtual machine: cpu-usage, memory-usage, network-in, network-out or disk-usage. The id comes from vms_list."),
    tool!("vms_firewall_get", Vms, Get "/virtual-machines/{id}/firewall", "virtual-machines:read", Read,
        VmRef, "Get a virtual machine's firewall",
        "Get the firewall rules of a virtual machine. Change them with vms_firewall_set."),
    tool!("vms_create", Vms, Post "/virtual-machines", "virtual-machines:write", Create,
        CreateArgs, "Create a virtual machine",
        "Create a virtual machine in a project. Call projects_list first and pass the project's id as `projectId`; the size and other API fields go in `fields` (see vms_pricing). Needs virtual-machines:write."),
    tool!("vms_power", Vms, Post "/virtual-machines/{id}/{action}", "virtual-machines:write", Action,
        VmPowerArgs, "Start, stop or restart a virtual machine",
        "Start, stop or restart a virtual machine (`action`). The id comes from vms_list. Needs virtual-machines:write."),
    tool!("vms_resize", Vms, Put "/virtual-machines/{id}/resources", "virtual-machines:write", Update,
        VmChanges, "Resize a virtual machine",
        "Change a virtual machine's resources: `changes` is sent as the PUT body (e.g. `{\"size\": \"medium\"}`; sizes from vms_pricing). Needs virtual-machines:write."),
    tool!("vms_firewall_set", Vms, Put "/virtual-machines/{id}/firewall", "virtual-machines:write", Update,
        VmChanges, "Replace a virtual machine's firewall",
        "Replace a virtual machine's firewall rules: `changes` is the whole rule set, sent as the PUT body (start from vms_firewall_get). Needs virtual-machines:write."),
    tool!("vms_delete", Vms, Delete "/virtual-machines/{id}", "virtual-machines:delete", Delete,
        VmRef, "Delete a virtual machine",
        "Delete a virtual machine and its disk. This cannot be undone; confirm with vms_get first. Needs virtual-machines:delete."),
];

const BILLING_TOOLS: [ToolDef; 9] = [
    tool!("billing_breakdown", Billing, Get "/billing/breakdown", "billing:read", Read,
        DateRange, "Get the cost breakdown",
        "Get the account's costs per resource for a period (`startDate`/`endDate`, YYYY-MM-DD). Databases have their own: billing_db_breakdown. Needs billing:read."),
    tool!("billing_db_breakdown", Billing, Get "/billing/databases/breakdown", "billing:read", Read,
        DateRange, "Get the database cost breakdown",
        "Get the account's database costs per database for a period (`startDate`/`endDate`, YYYY-MM-DD). Needs billing:read."),
    tool!("billing_cycles", Billing, Get "/billing/cycles", "billing:read", Read,
        NoArgs, "List billing cycles",
        "List the account's billing cycles (start, end, status); use their dates with billing_breakdown."),
    tool!("billing_currencies", Billing, Get "/billing/currencies", "billing:read", Read,
        NoArgs, "List billing currencies",
        "List the currencies the account can be billed in. Changing the currency needs a dashboard session."),
    tool!("billing_payment_config", Billing, Get "/billing/payment-config", "billing:read", Read,
        NoArgs, "Get the payment configuration",
        "Get the account's payment configuration (currency, provider, auto-pay). Payment methods need a dashboard session."),
    tool!("invoices_list", Billing, Get "/invoices", "billing:read", Read,
        NoArgs, "List invoices",
        "List the account's invoices (number, period, amount, status), with their ids for invoices_get, invoices_receipt and invoices_pay."),
    tool!("invoices_get", Billing, Get "/invoices/{id}", "billing:read", Read,
        InvoiceRef, "Get an invoice",
        "Get one invoice. The id comes from invoices_list."),
    tool!("invoices_receipt", Billing, Get "/invoices/{id}/receipt", "billing:read", Read,
        InvoiceRef, "Get an invoice's receipt",
        "Get the receipt (status and download link) of an invoice. The id comes from invoices_list."),
    tool!("invoices_pay", Billing, Post "/billing/pay/{invoiceId}", "billing:write", Action,
        InvoicePay, "Pay an invoice",
        "Pay an open invoice with the account's payment method. This charges money: confirm the invoice with invoices_get first. Needs billing:write."),
];

const INTEGRATION_TOOLS: [ToolDef; 6] = [
    tool!("integrations_available", Integrations, Get "/integrations/available", "integrations:read", Read,
        NoArgs, "List available integrations",
        "List the integrations Hostless offers (e.g. Slack), before configuring one on a project."),
    tool!("integrations_list", Integrations, Get "/projects/{projectId}/integrations", "integrations:read", Read,
        ProjectRef, "List a project's integrations",
        "List the integrations configured on a project and whether they are enabled. The project id comes from projects_list."),
    tool!("integrations_slack_add", Integrations, Post "/projects/{projectId}/integrations/slack", "integrations:write", Create,
        ProjectFields, "Connect Slack to a project",
        "Connect Slack notifications to a project; the Slack settings go in `fields`. Test it with integrations_slack_test. Needs integrations:write."),
    tool!("integrations_slack_update", Integrations, Put "/projects/{projectId}/integrations/slack", "integrations:write", Update,
        ProjectChanges, "Update a project's Slack settings",
        "Replace a project's Slack integration settings: `changes` is sent as the PUT body. Needs integrations:write."),
    tool!("integrations_slack_remove", Integrations, Delete "/projects/{projectId}/integrations/slack", "integrations:write", Delete,
        ProjectRef, "Disconnect Slack from a project",
        "Disconnect the Slack integration of a project. Needs integrations:write (integrations have no delete scope)."),
    tool!("integrations_slack_test", Integrations, Post "/projects/{projectId}/integrations/slack/test", "integrations:write", Action,
        ProjectRef, "Send a Slack test message",
        "Send a test notification through a project's Slack integration. Needs integrations:write."),
];

const GIT_TOOLS: [ToolDef; 6] = [
    tool!("git_github_accounts", Git, Get "/projects/{projectId}/github/accounts", "git:read", Read,
        ProjectRef, "List connected GitHub accounts",
        "List the GitHub users and organisations connected to a project. Then list an account's repositories with git_github_repos."),
    tool!("git_github_repos", Git, Get "/projects/{projectId}/github/accounts/{accountLogin}/repos", "git:read", Read,
        GithubAccountRef, "List an account's GitHub repositories",
        "List the repositories of one connected GitHub account. `accountLogin` comes from git_github_accounts."),
    tool!("git_gitlab_repos", Git, Get "/projects/{projectId}/gitlab/repos", "git:read", Read,
        ProjectRef, "List GitLab repositories",
        "List the repositories of the GitLab account connected to a project."),
    tool!("git_bitbucket_workspaces", Git, Get "/projects/{projectId}/bitbucket/workspaces", "git:read", Read,
        ProjectRef, "List Bitbucket workspaces",
        "List the Bitbucket workspaces connected to a project. Then list a workspace's repositories with git_bitbucket_repos."),
    tool!("git_bitbucket_repos", Git, Get "/projects/{projectId}/bitbucket/workspaces/{workspace}/repos", "git:read", Read,
        BitbucketWorkspaceRef, "List a workspace's Bitbucket repositories",
        "List the repositories of one Bitbucket workspace. `workspace` comes from git_bitbucket_workspaces."),
    tool!("git_disconnect", Git, Delete "/projects/{projectId}/{provider}/disconnect", "git:write", Delete,
        GitProviderRef, "Disconnect a Git provider",
        "Disconnect GitHub, GitLab or Bitbucket (`provider`) from a project; deployments from its repositories stop. Connecting needs the dashboard. Needs git:write."),
];

const HOSTLESS_FILE_TOOLS: [ToolDef; 5] = [
    tool!("hostless_file_estimate", HostlessFile, Post "/estimate-costs", "hostless-file:read", Read,
        BodyFields, "Estimate costs from a Hostless file",
        "Estimate the monthly cost of the resources a Hostless file describes; the file's content goes in `fields`. Changes nothing (a POST that only computes; needs hostless-file:read)."),
    tool!("hostless_file_generate", HostlessFile, Post "/apps/{appName}/hostless-file/generate", "hostless-file:write", Action,
        AppFields, "Generate an app's Hostless file",
        "Generate a Hostless file from an app's current configuration. The app name comes from apps_list; then hostless_file_update and hostless_file_commit. Needs hostless-file:write."),
    tool!("hostless_file_update", HostlessFile, Post "/apps/{appName}/hostless-file/update", "hostless-file:write", Update,
        AppFields, "Update an app's Hostless file",
        "Update an app's Hostless file; the new content or changes go in `fields`. Needs hostless-file:write."),
    tool!("hostless_file_commit", HostlessFile, Post "/apps/{appName}/hostless-file/commit", "hostless-file:write", Action,
        AppFields, "Commit an app's Hostless file",
        "Commit an app's Hostless file to its connected repository; optional API fields (e.g. a commit message) go in `fields`. Needs hostless-file:write."),
    tool!("hostless_file_costs", HostlessFile, Post "/apps/{appName}/hostless-file/calculate-costs", "hostless-file:write", Action,
        AppFields, "Calculate an app's costs",
        "Calculate the monthly cost of an app from its Hostless file. For a file not tied to an app use hostless_file_estimate. Needs hostless-file:write."),
];

/// The tool groups, in listing order.
const GROUPS: [&[ToolDef]; 17] = [
    &PROJECT_TOOLS,
    &APP_TOOLS,
    &SITE_TOOLS,
    &WORKER_TOOLS,
    &CRON_JOB_TOOLS,
    &DATABASE_TOOLS,
    &DEPLOYMENT_TOOLS,
    &LOG_TOOLS,
    &CONFIG_TOOLS,
    &METRIC_TOOLS,
    &OPERATION_TOOLS,
    &SITE_BUILDER_TOOLS,
    &VM_TOOLS,
    &BILLING_TOOLS,
    &INTEGRATION_TOOLS,
    &GIT_TOOLS,
    &HOSTLESS_FILE_TOOLS,
];

/// How many tools [`CATALOG`] holds.
pub const TOOL_COUNT: usize = {
    let mut n = 0;
    let mut g = 0;
    while g < GROUPS.len() {
        n += GROUPS[g].len();
        g += 1;
    }
    n
};

/// Every platform tool, grouped by toolset.
pub static CATALOG: [ToolDef; TOOL_COUNT] = {
    let mut all = [PROJECT_TOOLS[0]; TOOL_COUNT];
    let mut i = 0;
    let mut g = 0;
    while g < GROUPS.len() {
        let mut t = 0;
        while t < GROUPS[g].len() {
            all[i] = GROUPS[g][t];
            i += 1;
            t += 1;
        }
        g += 1;
    }
    all
};

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::api_routes::{JWT_ONLY_ROUTES, ROUTES, SCOPES};

    fn schema(def: &ToolDef) -> Arc<JsonObject> {
        (def.args.schema)().unwrap_or_else(|e| panic!("{}: {e}", def.name))
    }

    #[test]
    fn names_are_unique_short_snake_case() {
        let mut seen = HashSet::new();
        for def in &CATALOG {
            assert!(seen.insert(def.name), "duplicate {}", def.name);
            assert!(def.name.len() <= 32, "{} is too long", def.name);
            assert!(
                def.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'_' || b.is_ascii_digit()),
                "{} is not snake_case",
                def.name
            );
            // Core tools are named after their toolset; opt-in tools after the resource
            // they act on (`env_vars_list` in `config`).
            if def.toolset.is_default() {
                assert!(
                    def.name.starts_with(def.toolset.name()),
                    "{} is not in its toolset {}",
                    def.name,
                    def.toolset.name()
                );
            }
        }
    }

    #[test]
    fn core_set_is_the_30_tools_of_the_developer_page() {
        let resources = [
            "projects",
            "apps",
            "sites",
            "workers",
            "cron_jobs",
            "databases",
        ];
        let actions = ["list", "get", "create", "patch", "delete"];
        let names: HashSet<&str> = CATALOG.iter().map(|d| d.name).collect();
        for r in resources {
            for a in actions {
                assert!(
                    names.contains(format!("{r}_{a}").as_str()),
                    "missing {r}_{a}"
                );
            }
        }
    }

    #[test]
    fn every_placeholder_is_a_required_string_or_enum_argument() {
        for def in &CATALOG {
            let schema = schema(def);
            let required: Vec<&str> = schema
                .get("required")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            for p in def.placeholders() {
                // A table-driven placeholder is filled from the enum argument the table names.
                let arg = segment_arg(p).unwrap_or(p);
                assert!(
                    required.contains(&arg),
                    "{}: {{{p}}} ({arg}) is not required",
                    def.name
                );
                let prop = &schema["properties"][arg];
                assert_eq!(
                    prop["type"], "string",
                    "{}: {arg} must be a string",
                    def.name
                );
                if segment_arg(p).is_some() {
                    let values = prop["enum"].as_array().unwrap_or_else(|| {
                        panic!("{}: {arg} fills {{{p}}} and must be an enum", def.name)
                    });
                    for v in values {
                        let known = SEGMENTS
                            .iter()
                            .any(|s| s.placeholder == p && Some(s.value) == v.as_str());
                        assert!(known, "{}: no SEGMENTS row for {p} = {v}", def.name);
                    }
                }
            }
        }
    }

    /// Tools that POST but only compute, so they are reads (and offered read-only).
    const POST_READS: [&str; 1] = ["hostless_file_estimate"];

    #[test]
    fn annotations_agree_with_the_method() {
        for def in &CATALOG {
            let a = def.annotations();
            let reads = def.verb == Verb::Get || POST_READS.contains(&def.name);
            assert_eq!(a.read_only_hint, Some(reads), "{}", def.name);
            if POST_READS.contains(&def.name) {
                assert_eq!(def.verb, Verb::Post, "{}", def.name);
                assert!(
                    def.scope.is_some_and(|s| s.ends_with(":read")),
                    "{}",
                    def.name
                );
            }
            assert_eq!(
                a.destructive_hint,
                Some(def.verb == Verb::Delete),
                "{}",
                def.name
            );
            assert_eq!(a.open_world_hint, Some(true), "{}", def.name);
            if matches!(def.verb, Verb::Get | Verb::Put | Verb::Delete) {
                assert_eq!(a.idempotent_hint, Some(true), "{}", def.name);
            }
        }
    }

    /// The name placeholder a route of this collection uses, for a discriminated `{name}`.
    fn name_placeholder(path: &str) -> &'static str {
        match path.split('/').nth(1) {
            Some("apps") => "appName",
            Some("sites") => "siteName",
            Some("workers") => "workerName",
            Some("cron-jobs") => "cronJobName",
            Some("databases") => "databaseName",
            other => panic!("no name placeholder for {other:?} in {path}"),
        }
    }

    /// Every (method, path) a tool reaches, with its scope, named as in `api_routes`.
    fn reached() -> Vec<(&'static str, String, Option<String>, &'static str)> {
        let mut all = Vec::new();
        for def in &CATALOG {
            let expansions = def.expansions();
            let combinations: usize = def
                .discriminators()
                .iter()
                .map(|a| {
                    schema(def)["properties"][*a]["enum"]
                        .as_array()
                        .unwrap()
                        .len()
                })
                .product();
            assert_eq!(
                expansions.len(),
                combinations,
                "{}: some enum value does not expand",
                def.name
            );
            for e in expansions {
                let path = if e.path.contains("{name}") {
                    e.path
                        .replace("{name}", &format!("{{{}}}", name_placeholder(&e.path)))
                } else {
                    e.path
                };
                assert!(!path.contains("{resourceType}"), "{}: {path}", def.name);
                all.push((def.verb.as_str(), path, e.scope, def.name));
            }
        }
        all
    }

    #[test]
    fn every_api_key_route_is_reached_by_exactly_one_tool_with_its_scope() {
        let reached = reached();
        let mut seen = HashSet::new();
        for (method, path, scope, tool) in &reached {
            assert!(
                seen.insert((*method, path.clone())),
                "{tool}: {method} {path} is reached twice"
            );
            match scope {
                Some(scope) => {
                    let route = ROUTES
                        .iter()
                        .find(|r| r.method.as_str() == *method && r.path == path)
                        .unwrap_or_else(|| {
                            panic!("{tool}: {method} {path} is not an API-key route")
                        });
                    assert_eq!(scope, route.scope, "{tool}: scope of {method} {path}");
                    assert!(SCOPES.contains(&scope.as_str()), "{tool}: {scope}");
                }
                None => {
                    // Only project writes are session-only; keys may merely read projects.
                    assert!(
                        JWT_ONLY_ROUTES
                            .iter()
                            .any(|r| r.method.as_str() == *method && r.path == path),
                        "{tool}: {method} {path} has no scope but is not JWT-only"
                    );
                }
            }
        }
        for route in ROUTES {
            assert!(
                seen.contains(&(route.method.as_str(), route.path.to_string())),
                "no tool reaches {} {}",
                route.method,
                route.path
            );
        }
        assert_eq!(
            reached.iter().filter(|r| r.2.is_some()).count(),
            ROUTES.len()
        );
    }

    #[test]
    fn the_default_selection_is_the_core_30_and_all_toolsets_are_selectable() {
        let default: Vec<&str> = CATALOG
            .iter()
            .filter(|d| d.toolset.is_default())
            .map(|d| d.name)
            .collect();
        assert_eq!(default.len(), 30);
        assert!(default.len() <= 40, "Cursor's limit");
        for def in &CATALOG {
            assert!(Toolset::ALL.contains(&def.toolset), "{}", def.name);
            assert_eq!(Toolset::from_name(def.toolset.name()), Some(def.toolset));
        }
        for toolset in Toolset::ALL {
            assert!(
                CATALOG.iter().any(|d| d.toolset == toolset),
                "{} is empty",
                toolset.name()
            );
            let name = toolset.name();
            assert!(
                name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{name}"
            );
        }
    }

    #[test]
    fn discriminators_fill_the_path_and_the_scope() {
        let def = CATALOG
            .iter()
            .find(|d| d.name == "resources_restart")
            .unwrap();
        let got: Vec<(String, Option<String>)> = def
            .expansions()
            .into_iter()
            .map(|e| (e.path, e.scope))
            .collect();
        let want = [
            ("/apps/{name}/restart", "apps:write"),
            ("/sites/{name}/restart", "sites:write"),
            ("/workers/{name}/restart", "workers:write"),
        ]
        .map(|(p, s)| (p.to_string(), Some(s.to_string())));
        assert_eq!(got, want);
        let def = CATALOG
            .iter()
            .find(|d| d.name == "resources_resume")
            .unwrap();
        let paths: Vec<String> = def.expansions().into_iter().map(|e| e.path).collect();
        assert_eq!(
            paths,
            ["/cron-jobs/{name}/resume", "/databases/{name}/unpause"]
        );
    }

    #[test]
    fn schemas_are_plain_objects_with_every_field_described() {
        for def in &CATALOG {
            let schema = schema(def);
            assert_eq!(schema["type"], "object", "{}", def.name);
            for combinator in ["anyOf", "oneOf", "allOf"] {
                assert!(
                    !schema.contains_key(combinator),
                    "{}: top-level {combinator}",
                    def.name
                );
            }
            let props = schema
                .get("properties")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            for (field, prop) in props {
                let described = prop
                    .get("description")
                    .and_then(Value::as_str)
                    .is_some_and(|d| d.len() > 10);
                assert!(described, "{}: field {field} has no description", def.name);
                assert!(
                    field.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                        && !field.contains('_'),
                    "{}: {field} is not camelCase",
                    def.name
                );
            }
            assert!(
                def.description.len() > 30,
                "{}: description too short",
                def.name
            );
        }
    }

    #[test]
    fn creates_require_project_and_name_lists_take_an_optional_project() {
        let core = CATALOG
            .iter()
            .filter(|d| d.toolset.is_default() && d.toolset != Toolset::Projects);
        for def in core {
            let schema = schema(def);
            let required = schema
                .get("required")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            if def.name.ends_with("_create") {
                assert!(required.contains(&Value::from("projectId")), "{}", def.name);
                assert!(required.contains(&Value::from("name")), "{}", def.name);
            }
            if def.name.ends_with("_list") {
                assert!(
                    schema["properties"].get("projectId").is_some(),
                    "{}",
                    def.name
                );
                assert!(required.is_empty(), "{}", def.name);
            }
        }
    }
}
