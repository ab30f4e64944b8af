//! Invariants over every tool of the catalog: names, schemas, annotations, and that the
//! catalog reaches each API-key route of the seed table exactly once with its scope.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
use std::collections::HashSet;

use super::*;
use crate::api_routes::{JWT_ONLY_ROUTES, ROUTES, SCOPES};

fn schema(def: &ToolDef) -> Arc<JsonObject> {
    def.input_schema().unwrap_or_else(|e| panic!("{e}"))
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
        let reads = def.method == Method::GET || POST_READS.contains(&def.name);
        assert_eq!(a.read_only_hint, Some(reads), "{}", def.name);
        if POST_READS.contains(&def.name) {
            assert_eq!(*def.method, Method::POST, "{}", def.name);
            assert!(
                def.scope.is_some_and(|s| s.as_str().ends_with(":read")),
                "{}",
                def.name
            );
        }
        assert_eq!(
            a.destructive_hint,
            Some(def.method == Method::DELETE),
            "{}",
            def.name
        );
        assert_eq!(a.open_world_hint, Some(true), "{}", def.name);
        if [GET, PUT, DELETE].contains(&def.method) {
            assert_eq!(a.idempotent_hint, Some(true), "{}", def.name);
        }
    }
}

/// The name placeholder a route of this collection uses, for a discriminated `{resourceName}`.
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
fn reached() -> Vec<(Method, String, Option<String>, &'static str)> {
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
            let path = if e.path.contains("{resourceName}") {
                e.path.replace(
                    "{resourceName}",
                    &format!("{{{}}}", name_placeholder(&e.path)),
                )
            } else {
                e.path
            };
            assert!(!path.contains("{resourceType}"), "{}: {path}", def.name);
            all.push((def.method.clone(), path, e.scope, def.name));
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
            seen.insert((method.clone(), path.clone())),
            "{tool}: {method} {path} is reached twice"
        );
        match scope {
            Some(scope) => {
                let route = ROUTES
                    .iter()
                    .find(|r| r.method == method && r.path == path)
                    .unwrap_or_else(|| panic!("{tool}: {method} {path} is not an API-key route"));
                assert_eq!(scope, route.scope, "{tool}: scope of {method} {path}");
                assert!(SCOPES.contains(&scope.as_str()), "{tool}: {scope}");
            }
            None => {
                // Only project writes are session-only; keys may merely read projects.
                assert!(
                    JWT_ONLY_ROUTES
                        .iter()
                        .any(|r| r.method == method && r.path == path),
                    "{tool}: {method} {path} has no scope but is not JWT-only"
                );
            }
        }
    }
    for route in ROUTES {
        assert!(
            seen.contains(&(route.method.clone(), route.path.to_string())),
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
    let core = CATALOG.iter().filter(|d| d.toolset.is_default()).count();
    assert_eq!(core, 30);
    let default: Vec<&str> = CATALOG
        .iter()
        .filter(|d| d.is_default())
        .map(|d| d.name)
        .collect();
    assert_eq!(default.len(), 30 + DEFAULT_EXTRAS.len());
    assert!(default.len() <= 40, "Cursor's limit");
    for name in DEFAULT_EXTRAS {
        let def = CATALOG.iter().find(|d| d.name == name);
        assert!(def.is_some_and(|d| !d.toolset.is_default()), "{name}");
    }
    // The everyday job: configure, deploy, watch, read logs.
    for name in [
        "apps_create",
        "apps_patch",
        "env_vars_list",
        "domains_add",
        "deployments_trigger",
        "deployments_get",
        "logs_get",
        "logs_deployment",
    ] {
        assert!(
            default.contains(&name),
            "{name} is not in the default selection"
        );
    }
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
        ("/apps/{resourceName}/restart", "apps:write"),
        ("/sites/{resourceName}/restart", "sites:write"),
        ("/workers/{resourceName}/restart", "workers:write"),
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
        [
            "/cron-jobs/{resourceName}/resume",
            "/databases/{resourceName}/unpause"
        ]
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

/// One name for one thing (issue 10): the resource is `appName` … `databaseName`, or
/// `resourceType` + `resourceName` where a tool spans kinds; `name` only names a new
/// resource; a request body is always the object `changes` (`fields` is left to the
/// output field filter); enum values are snake_case.
#[test]
fn one_naming_convention_across_the_catalog() {
    const NAME_ARGS: [&str; 6] = [
        "appName",
        "siteName",
        "workerName",
        "cronJobName",
        "databaseName",
        "resourceName",
    ];
    for def in &CATALOG {
        let schema = schema(def);
        let props = schema
            .get("properties")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        for p in def.placeholders() {
            if p.ends_with("Name") && p != "accountLogin" {
                assert!(NAME_ARGS.contains(&p), "{}: {{{p}}}", def.name);
            }
        }
        if props.contains_key("resourceType") {
            assert!(
                props.contains_key("resourceName"),
                "{}: resourceType without resourceName",
                def.name
            );
        }
        if props.contains_key("name") {
            assert!(
                def.effect == Effect::Create && def.placeholders().next().is_none(),
                "{}: `name` may only name a new resource",
                def.name
            );
        }
        for (field, prop) in &props {
            let is_object = prop["type"] == "object"
                || prop["type"]
                    .as_array()
                    .is_some_and(|t| t.iter().any(|t| t == "object"));
            if is_object {
                assert_eq!(field, "changes", "{}: a body must be `changes`", def.name);
            }
            for value in prop["enum"].as_array().into_iter().flatten() {
                let value = value.as_str().unwrap_or_default();
                assert!(
                    !value.is_empty()
                        && value
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                    "{}: {field} value {value:?} is not snake_case",
                    def.name
                );
            }
        }
    }
}

#[test]
fn old_argument_names_are_still_accepted() {
    let find = |name: &str| CATALOG.iter().find(|d| d.name == name).unwrap();
    let old =
        serde_json::json!({"resourceType": "app", "name": "web", "fields": {"branch": "main"}});
    let new = serde_json::json!({"resourceType": "app", "resourceName": "web", "changes": {"branch": "main"}});
    let parse = |args: Value| {
        (find("deployments_trigger").args.parse)(args.as_object().cloned().unwrap()).unwrap()
    };
    assert_eq!(parse(old), parse(new));
    let metric = |m: &str| {
        let args = serde_json::json!({"resourceType": "app", "resourceName": "web", "metric": m});
        (find("metrics_usage").args.parse)(args.as_object().cloned().unwrap()).unwrap()
    };
    assert_eq!(metric("cpu-usage"), metric("cpu_usage"));
}
