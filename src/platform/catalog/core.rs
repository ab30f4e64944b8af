//! The default toolsets: projects (readable with a key, changed only with a dashboard
//! session) and the five resource kinds of the developer page (apps, sites, workers,
//! cron jobs, databases), each with list, get, create, patch and delete.

use super::super::args::*;
use super::{DELETE, Effect, GET, PATCH, POST, ToolDef, Toolset, arg};
use crate::route_template::{RouteTemplate, Template};

/// The five core tools of one resource kind, from its names and types:
/// - `prefix`: tool names (`cron_jobs_list`); `collection`: the API path segment
///   (`cron-jobs`), also the scope family;
/// - `a`, `noun`, `nouns`: the words of titles and descriptions (`a cron job`);
/// - `item`: the path of one resource (`/cron-jobs/{cronJobName}`), `get`: the path it is
///   read at (the same, except for databases);
/// - `reference`, `patch`: the argument types of get/delete and of patch.
macro_rules! core_tools {
    (
        toolset: $toolset:ident,
        prefix: $prefix:literal,
        collection: $collection:literal,
        a: $a:literal,
        noun: $noun:literal,
        nouns: $nouns:literal,
        item: $item:literal,
        get: $get:literal,
        reference: $reference:ty,
        patch: $patch:ty $(,)?
    ) => {
        [
            ToolDef {
                name: concat!($prefix, "_list"),
                toolset: Toolset::$toolset,
                method: GET,
                path: RouteTemplate::new(concat!("/", $collection)),
                scope: Some(Template::new(concat!($collection, ":read"))),
                effect: Effect::Read,
                args: arg::<ListArgs>(),
                title: concat!("List ", $nouns),
                description: concat!(
                    "List ", $nouns, " across every project you can access, or only those of one project with ",
                    "`projectId` (ids come from `projects_list`). Address ", $a, " ", $noun, " by its name in the ",
                    "other ", $prefix, "_* tools."
                ),
            },
            ToolDef {
                name: concat!($prefix, "_get"),
                toolset: Toolset::$toolset,
                method: GET,
                path: RouteTemplate::new($get),
                scope: Some(Template::new(concat!($collection, ":read"))),
                effect: Effect::Read,
                args: arg::<$reference>(),
                title: concat!("Get ", $a, " ", $noun),
                description: concat!("Get one ", $noun, " by name (names come from `", $prefix, "_list`)."),
            },
            ToolDef {
                name: concat!($prefix, "_create"),
                toolset: Toolset::$toolset,
                method: POST,
                path: RouteTemplate::new(concat!("/", $collection)),
                scope: Some(Template::new(concat!($collection, ":write"))),
                effect: Effect::Create,
                args: arg::<CreateArgs>(),
                title: concat!("Create ", $a, " ", $noun),
                description: concat!(
                    "Create ", $a, " ", $noun, " in a project. Call `projects_list` first and pass the project's id ",
                    "as `projectId`; `name` must be unique. Other API fields go in `changes`. Needs the ",
                    $collection, ":write scope and an owner or editor role in the project."
                ),
            },
            ToolDef {
                name: concat!($prefix, "_patch"),
                toolset: Toolset::$toolset,
                method: PATCH,
                path: RouteTemplate::new($item),
                scope: Some(Template::new(concat!($collection, ":write"))),
                effect: Effect::Update,
                args: arg::<$patch>(),
                title: concat!("Update ", $a, " ", $noun),
                description: concat!(
                    "Update ", $a, " ", $noun, " by name: `changes` is sent as the PATCH body and merged by the API. ",
                    "Needs the ", $collection, ":write scope and an owner or editor role in the project."
                ),
            },
            ToolDef {
                name: concat!($prefix, "_delete"),
                toolset: Toolset::$toolset,
                method: DELETE,
                path: RouteTemplate::new($item),
                scope: Some(Template::new(concat!($collection, ":delete"))),
                effect: Effect::Delete,
                args: arg::<$reference>(),
                title: concat!("Delete ", $a, " ", $noun),
                description: concat!(
                    "Delete ", $a, " ", $noun, " by name. This cannot be undone; confirm the name with `", $prefix,
                    "_get` first. Needs the ", $collection, ":delete scope and an owner or editor role in the project."
                ),
            },
        ]
    };
}

/// Only a dashboard session may change projects, so those tools have no scope.
macro_rules! session_only {
    () => {
        "Only a dashboard session (Bearer JWT) may do this: API keys can only read projects and get 403."
    };
}

pub(super) const PROJECT_TOOLS: [ToolDef; 5] = [
    ToolDef {
        name: "projects_list",
        toolset: Toolset::Projects,
        method: GET,
        path: RouteTemplate::new("/projects"),
        scope: Some(Template::new("projects:read")),
        effect: Effect::Read,
        args: arg::<NoArgs>(),
        title: "List projects",
        description: "List the projects you belong to, with their ids. Call this first: most other tools take a \
                      `projectId` from here.",
    },
    ToolDef {
        name: "projects_get",
        toolset: Toolset::Projects,
        method: GET,
        path: RouteTemplate::new("/projects/{projectId}"),
        scope: Some(Template::new("projects:read")),
        effect: Effect::Read,
        args: arg::<ProjectRef>(),
        title: "Get a project",
        description: "Get one project by id (ids come from `projects_list`).",
    },
    ToolDef {
        name: "projects_create",
        toolset: Toolset::Projects,
        method: POST,
        path: RouteTemplate::new("/projects"),
        scope: None,
        effect: Effect::Create,
        args: arg::<ProjectCreateArgs>(),
        title: "Create a project",
        description: concat!("Create a project. ", session_only!()),
    },
    ToolDef {
        name: "projects_patch",
        toolset: Toolset::Projects,
        method: PATCH,
        path: RouteTemplate::new("/projects/{projectId}"),
        scope: None,
        effect: Effect::Update,
        args: arg::<ProjectPatch>(),
        title: "Update a project",
        description: concat!(
            "Update a project by id: `changes` is sent as the PATCH body. ",
            session_only!()
        ),
    },
    ToolDef {
        name: "projects_delete",
        toolset: Toolset::Projects,
        method: DELETE,
        path: RouteTemplate::new("/projects/{projectId}"),
        scope: None,
        effect: Effect::Delete,
        args: arg::<ProjectRef>(),
        title: "Delete a project",
        description: concat!(
            "Delete a project by id. This cannot be undone. ",
            session_only!()
        ),
    },
];

pub(super) const APP_TOOLS: [ToolDef; 5] = core_tools! {
    toolset: Apps,
    prefix: "apps",
    collection: "apps",
    a: "an",
    noun: "app",
    nouns: "apps",
    item: "/apps/{appName}",
    get: "/apps/{appName}",
    reference: AppRef,
    patch: AppPatch,
};

pub(super) const SITE_TOOLS: [ToolDef; 5] = core_tools! {
    toolset: Sites,
    prefix: "sites",
    collection: "sites",
    a: "a",
    noun: "site",
    nouns: "sites",
    item: "/sites/{siteName}",
    get: "/sites/{siteName}",
    reference: SiteRef,
    patch: SitePatch,
};

pub(super) const WORKER_TOOLS: [ToolDef; 5] = core_tools! {
    toolset: Workers,
    prefix: "workers",
    collection: "workers",
    a: "a",
    noun: "worker",
    nouns: "workers",
    item: "/workers/{workerName}",
    get: "/workers/{workerName}",
    reference: WorkerRef,
    patch: WorkerPatch,
};

pub(super) const CRON_JOB_TOOLS: [ToolDef; 5] = core_tools! {
    toolset: CronJobs,
    prefix: "cron_jobs",
    collection: "cron-jobs",
    a: "a",
    noun: "cron job",
    nouns: "cron jobs",
    item: "/cron-jobs/{cronJobName}",
    get: "/cron-jobs/{cronJobName}",
    reference: CronJobRef,
    patch: CronJobPatch,
};

pub(super) const DATABASE_TOOLS: [ToolDef; 5] = core_tools! {
    toolset: Databases,
    prefix: "databases",
    collection: "databases",
    a: "a",
    noun: "database",
    nouns: "databases",
    item: "/databases/{databaseName}",
    // The API reads one database at its `details` route.
    get: "/databases/{databaseName}/details",
    reference: DatabaseRef,
    patch: DatabasePatch,
};
