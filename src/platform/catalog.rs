//! The one declarative table of platform tools: name, toolset, HTTP method, path
//! template, required scope, effect (which fixes the annotations) and argument type.
//! Everything else — `tools/list`, dispatch, the request sent to the API, the generated
//! docs page — is derived from [`CATALOG`]; tests below iterate it.

use std::sync::Arc;

use rmcp::handler::server::common::schema_for_input;
use rmcp::model::{JsonObject, ToolAnnotations};
use schemars::JsonSchema;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::args::*;

/// Groups of tools a client can choose with `?toolsets=` / `X-MCP-Toolsets`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Toolset {
    Projects,
    Apps,
    Sites,
    Workers,
    CronJobs,
    Databases,
}

impl Toolset {
    pub const ALL: [Toolset; 6] = [
        Toolset::Projects,
        Toolset::Apps,
        Toolset::Sites,
        Toolset::Workers,
        Toolset::CronJobs,
        Toolset::Databases,
    ];

    pub const fn name(self) -> &'static str {
        match self {
            Toolset::Projects => "projects",
            Toolset::Apps => "apps",
            Toolset::Sites => "sites",
            Toolset::Workers => "workers",
            Toolset::CronJobs => "cron_jobs",
            Toolset::Databases => "databases",
        }
    }

    /// Shown when a client does not choose (SPEC §5.3: at most 40 tools by default).
    pub const fn is_default(self) -> bool {
        true
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
        schema: schema_for_input::<T>,
        parse: parse_as::<T>,
    }
}

/// One platform tool = one REST route.
#[derive(Clone, Copy)]
pub struct ToolDef {
    pub name: &'static str,
    pub toolset: Toolset,
    pub verb: Verb,
    /// Route under `/v1`, with `{placeholder}`s filled from same-named arguments.
    pub path: &'static str,
    /// Scope an API key needs; `None` for routes only a dashboard session (JWT) may call.
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
            Effect::Create => (false, false, false),
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

/// Every platform tool, grouped by toolset.
pub static CATALOG: [ToolDef; 30] = {
    let groups = [
        PROJECT_TOOLS,
        APP_TOOLS,
        SITE_TOOLS,
        WORKER_TOOLS,
        CRON_JOB_TOOLS,
        DATABASE_TOOLS,
    ];
    let mut all = [PROJECT_TOOLS[0]; 30];
    let mut g = 0;
    while g < groups.len() {
        let mut t = 0;
        while t < 5 {
            all[g * 5 + t] = groups[g][t];
            t += 1;
        }
        g += 1;
    }
    all
};

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::api_routes::SCOPES;

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
            assert!(
                def.name.starts_with(def.toolset.name()),
                "{} is not in its toolset {}",
                def.name,
                def.toolset.name()
            );
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
    fn every_placeholder_is_a_required_string_argument() {
        for def in &CATALOG {
            let schema = schema(def);
            let required: Vec<&str> = schema
                .get("required")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            for p in def.placeholders() {
                assert!(
                    required.contains(&p),
                    "{}: {{{p}}} is not required",
                    def.name
                );
                assert_eq!(
                    schema["properties"][p]["type"], "string",
                    "{}: {p} must be a string",
                    def.name
                );
            }
        }
    }

    #[test]
    fn annotations_agree_with_the_method() {
        for def in &CATALOG {
            let a = def.annotations();
            assert_eq!(
                a.read_only_hint,
                Some(def.verb == Verb::Get),
                "{}",
                def.name
            );
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

    #[test]
    fn scopes_follow_the_method_rule_and_exist() {
        for def in &CATALOG {
            let Some(scope) = def.scope else {
                // Only project writes are session-only; keys may merely read projects.
                assert_eq!(def.toolset, Toolset::Projects, "{}", def.name);
                assert_ne!(def.verb, Verb::Get, "{}", def.name);
                continue;
            };
            assert!(
                SCOPES.contains(&scope),
                "{}: unknown scope {scope}",
                def.name
            );
            let action = match def.verb {
                Verb::Get => "read",
                Verb::Delete => "delete",
                _ => "write",
            };
            assert!(
                scope.ends_with(action),
                "{}: {scope} for {:?}",
                def.name,
                def.verb
            );
        }
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
        for def in CATALOG.iter().filter(|d| d.toolset != Toolset::Projects) {
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
