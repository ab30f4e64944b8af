//! The platform MCP end to end against the built-in sandbox, with rmcp's client: CRUD
//! for every core resource, and the API's own refusals (scope, role, expired/revoked
//! keys, JWT-only routes) surfacing as tool errors.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use hostless_mcp::sandbox::{OWNER_PROJECT_ID, Sandbox, VIEWER_PROJECT_ID};
use serde_json::{Value, json};

use crate::confirm::call_confirmed;
use crate::helpers::{Client, TestApp, call, config, is_error, text, url};

struct World {
    app: TestApp,
    sandbox: Sandbox,
}

impl World {
    async fn start() -> Self {
        let (sandbox, base) = crate::helpers::spawn_sandbox(42).await;
        let mut config = config();
        config.api_base_url = url(&base);
        let app = TestApp::spawn(config).await;
        Self { app, sandbox }
    }

    fn key(&self, label: &str) -> String {
        self.sandbox
            .key(label)
            .unwrap_or_else(|| panic!("no key {label}"))
            .token
            .clone()
    }

    async fn client(&self, authorization: &str) -> Client {
        self.app
            .client("/mcp?toolsets=all", Some(authorization))
            .await
    }
}

fn names(result: &rmcp::model::CallToolResult) -> Vec<String> {
    result.structured_content.as_ref().unwrap()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn crud_round_trip_for_every_core_resource() {
    let world = World::start().await;
    let client = world.client(&world.key("full")).await;

    let projects = call(&client, "projects_list", json!({})).await;
    assert!(!is_error(&projects), "{}", text(&projects));
    assert!(text(&projects).contains(OWNER_PROJECT_ID));

    for (prefix, name_arg) in [
        ("apps", "appName"),
        ("sites", "siteName"),
        ("workers", "workerName"),
        ("cron_jobs", "cronJobName"),
        ("databases", "databaseName"),
    ] {
        let name = format!("mcp-{}", prefix.replace('_', "-"));
        let created = call(
            &client,
            &format!("{prefix}_create"),
            json!({"projectId": OWNER_PROJECT_ID, "name": name, "fields": {"description": "from test"}}),
        )
        .await;
        assert!(!is_error(&created), "{prefix} create: {}", text(&created));
        assert_eq!(
            created.structured_content.as_ref().unwrap()["name"],
            name.as_str()
        );

        let listed = call(
            &client,
            &format!("{prefix}_list"),
            json!({"projectId": OWNER_PROJECT_ID}),
        )
        .await;
        assert!(
            names(&listed).contains(&name),
            "{prefix} list: {}",
            text(&listed)
        );

        let got = call(&client, &format!("{prefix}_get"), json!({name_arg: name})).await;
        assert!(!is_error(&got), "{prefix} get: {}", text(&got));
        assert_eq!(
            got.structured_content.as_ref().unwrap()["description"],
            "from test",
            "{prefix}"
        );

        let patched = call(
            &client,
            &format!("{prefix}_patch"),
            json!({name_arg: name, "changes": {"description": "changed"}}),
        )
        .await;
        assert!(!is_error(&patched), "{prefix} patch: {}", text(&patched));
        let got = call(&client, &format!("{prefix}_get"), json!({name_arg: name})).await;
        assert_eq!(
            got.structured_content.as_ref().unwrap()["description"],
            "changed",
            "{prefix}"
        );

        let deleted = call_confirmed(
            &client,
            &format!("{prefix}_delete"),
            json!({name_arg: name}),
        )
        .await;
        assert!(!is_error(&deleted), "{prefix} delete: {}", text(&deleted));
        let gone = call(&client, &format!("{prefix}_get"), json!({name_arg: name})).await;
        assert!(is_error(&gone), "{prefix} still there");
        assert!(text(&gone).contains("404"), "{prefix}: {}", text(&gone));
    }
}

#[tokio::test]
async fn projects_crud_with_a_session_token() {
    let world = World::start().await;
    let client = world
        .client(&format!("Bearer {}", world.sandbox.session_token()))
        .await;
    let created = call(&client, "projects_create", json!({"name": "From MCP"})).await;
    assert!(!is_error(&created), "{}", text(&created));
    let id = created.structured_content.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let patched = call(
        &client,
        "projects_patch",
        json!({"projectId": id, "changes": {"name": "Renamed"}}),
    )
    .await;
    assert!(!is_error(&patched), "{}", text(&patched));
    let got = call(&client, "projects_get", json!({"projectId": id})).await;
    assert_eq!(got.structured_content.unwrap()["name"], "Renamed");
    let deleted = call_confirmed(&client, "projects_delete", json!({"projectId": id})).await;
    assert!(!is_error(&deleted), "{}", text(&deleted));
}

#[tokio::test]
async fn an_api_key_cannot_create_a_project() {
    let world = World::start().await;
    let client = world.client(&world.key("full")).await;
    let r = call(&client, "projects_create", json!({"name": "nope"})).await;
    assert!(is_error(&r));
    assert!(text(&r).contains("403"), "{}", text(&r));
    assert!(
        text(&r).contains("dashboard session"),
        "hint says why: {}",
        text(&r)
    );
}

#[tokio::test]
async fn a_key_without_the_scope_gets_the_api_message() {
    let world = World::start().await;
    let client = world.client(&world.key("read-only")).await;
    let r = call(
        &client,
        "apps_create",
        json!({"projectId": OWNER_PROJECT_ID, "name": "x"}),
    )
    .await;
    assert!(is_error(&r));
    let t = text(&r);
    assert!(t.contains("Missing required scope(s): apps:write"), "{t}");
    assert!(t.contains("Hint: the API key lacks apps:write"), "{t}");
    // Reading still works with the same key.
    let r = call(&client, "apps_list", json!({})).await;
    assert!(!is_error(&r), "{}", text(&r));
}

#[tokio::test]
async fn a_viewer_cannot_mutate() {
    let world = World::start().await;
    let client = world.client(&world.key("full")).await;
    let apps = call(
        &client,
        "apps_list",
        json!({"projectId": VIEWER_PROJECT_ID}),
    )
    .await;
    let viewer_app = names(&apps)
        .into_iter()
        .next()
        .expect("seeded app in viewer project");
    for (tool, args) in [
        (
            "apps_patch",
            json!({"appName": viewer_app, "changes": {"description": "x"}}),
        ),
        ("apps_delete", json!({"appName": viewer_app})),
        (
            "apps_create",
            json!({"projectId": VIEWER_PROJECT_ID, "name": "viewer-made"}),
        ),
    ] {
        let r = call_confirmed(&client, tool, args).await;
        assert!(is_error(&r), "{tool}: {}", text(&r));
        assert!(text(&r).contains("403"), "{tool}: {}", text(&r));
    }
    let r = call(&client, "apps_get", json!({"appName": viewer_app})).await;
    assert!(!is_error(&r), "viewers can read: {}", text(&r));
}

#[tokio::test]
async fn expired_and_revoked_keys_are_refused() {
    let world = World::start().await;
    for label in ["expired", "revoked"] {
        let client = world.client(&world.key(label)).await;
        let r = call(&client, "apps_list", json!({})).await;
        assert!(is_error(&r), "{label}");
        let t = text(&r);
        assert!(t.contains("401"), "{label}: {t}");
        assert!(t.contains("revoked or expired"), "{label}: {t}");
        assert!(!t.contains(&world.key(label)), "key echoed");
    }
}

#[tokio::test]
async fn key_forms_with_and_without_bearer_and_underscore_work() {
    let world = World::start().await;
    let key = world.key("full");
    let without_underscore = key.replacen('_', "", 2).replacen("hlk", "hlk_", 1);
    for credential in [
        key.clone(),
        format!("Bearer {key}"),
        format!("bearer   {key}  "),
        without_underscore,
    ] {
        let client = world.client(&credential).await;
        let r = call(&client, "apps_list", json!({})).await;
        assert!(!is_error(&r), "{credential}: {}", text(&r));
        let v: Value = serde_json::from_str(&text(&r)).unwrap();
        assert!(v["count"].as_u64().unwrap() >= 1);
    }
}

fn structured(result: &rmcp::model::CallToolResult) -> &Value {
    result.structured_content.as_ref().unwrap()
}

#[tokio::test]
async fn discriminated_tools_round_trip() {
    let world = World::start().await;
    let client = world.client(&world.key("full")).await;

    // One tool, several kinds: the API path follows `resourceType`.
    for (kind, name) in [
        ("app", "demo-app"),
        ("site", "demo-site"),
        ("worker", "demo-worker"),
        ("cron_job", "nightly-report"),
    ] {
        let r = call(
            &client,
            "deployments_trigger",
            json!({"resourceType": kind, "name": name, "fields": {"branch": "main"}}),
        )
        .await;
        assert!(!is_error(&r), "{kind}: {}", text(&r));
        assert_eq!(structured(&r)["status"], "queued", "{kind}");
        assert_eq!(structured(&r)["resource"], name, "{kind}");

        let listed = call(
            &client,
            "deployments_list",
            json!({"resourceType": kind, "name": name}),
        )
        .await;
        assert!(!is_error(&listed), "{kind}: {}", text(&listed));
        let first = structured(&listed)["items"][0]["id"]
            .as_str()
            .unwrap()
            .to_string();
        let logs = call(
            &client,
            "logs_deployment",
            json!({"resourceType": kind, "name": name, "deploymentId": first}),
        )
        .await;
        assert!(!is_error(&logs), "{kind}: {}", text(&logs));
        assert!(structured(&logs)["lines"].as_array().unwrap().len() > 1);
    }

    // A resource of another kind under the same name is not found.
    let r = call(
        &client,
        "logs_get",
        json!({"resourceType": "site", "name": "demo-app"}),
    )
    .await;
    assert!(is_error(&r) && text(&r).contains("404"), "{}", text(&r));

    let r = call(
        &client,
        "logs_get",
        json!({"resourceType": "worker", "name": "demo-worker"}),
    )
    .await;
    assert!(!is_error(&r), "{}", text(&r));
    assert_eq!(structured(&r)["resource"], "demo-worker");

    for (kind, name) in [("app", "demo-app"), ("site", "demo-site")] {
        let r = call(
            &client,
            "resources_restart",
            json!({"resourceType": kind, "name": name}),
        )
        .await;
        assert!(!is_error(&r), "{kind}: {}", text(&r));
        assert_eq!(structured(&r)["action"], "restart");
    }
    let r = call(
        &client,
        "resources_scale",
        json!({"resourceType": "worker", "name": "demo-worker", "direction": "up"}),
    )
    .await;
    assert!(!is_error(&r), "{}", text(&r));
    assert_eq!(structured(&r)["action"], "up");

    // Pause/resume maps to `resume` for cron jobs and `unpause` for databases.
    for (kind, name, resumed) in [
        ("cron_job", "nightly-report", "active"),
        ("database", "demo-db", "available"),
    ] {
        let r = call(
            &client,
            "resources_pause",
            json!({"resourceType": kind, "name": name}),
        )
        .await;
        assert_eq!(structured(&r)["status"], "paused", "{kind}: {}", text(&r));
        let r = call(
            &client,
            "resources_resume",
            json!({"resourceType": kind, "name": name}),
        )
        .await;
        assert_eq!(structured(&r)["status"], resumed, "{kind}: {}", text(&r));
    }

    // VM power actions move the machine's status.
    for (action, status) in [("stop", "stopped"), ("start", "running")] {
        let r = call(
            &client,
            "vms_power",
            json!({"id": "vm-demo", "action": action}),
        )
        .await;
        assert!(!is_error(&r), "{action}: {}", text(&r));
        let vm = call(&client, "vms_get", json!({"id": "vm-demo"})).await;
        assert_eq!(structured(&vm)["status"], status, "{action}");
    }

    let r = call(
        &client,
        "billing_breakdown",
        json!({"startDate": "2026-05-01", "endDate": "2026-05-31"}),
    )
    .await;
    assert!(!is_error(&r), "{}", text(&r));
    assert_eq!(structured(&r)["startDate"], "2026-05-01");
    assert_eq!(structured(&r)["endDate"], "2026-05-31");
    assert!(structured(&r)["total"].as_u64().is_some());

    let r = call(
        &client,
        "metrics_site",
        json!({"siteName": "demo-site", "metric": "request-count-total"}),
    )
    .await;
    assert!(!is_error(&r), "{}", text(&r));
    assert!(structured(&r)["total"].as_u64().is_some(), "{}", text(&r));

    let r = call(
        &client,
        "reviews_list",
        json!({"resourceType": "site", "name": "demo-site"}),
    )
    .await;
    assert!(!is_error(&r), "{}", text(&r));
    assert!(text(&r).contains("demo-site-pr"), "{}", text(&r));
}

#[tokio::test]
async fn opt_in_tools_keep_the_api_scope_refusals() {
    let world = World::start().await;
    let client = world.client(&world.key("no-deploy")).await;
    let r = call(
        &client,
        "deployments_trigger",
        json!({"resourceType": "app", "name": "demo-app"}),
    )
    .await;
    assert!(is_error(&r));
    let t = text(&r);
    assert!(
        t.contains("Missing required scope(s): deployments:write"),
        "{t}"
    );
    assert!(
        t.contains("Hint: the API key lacks deployments:write"),
        "{t}"
    );
    // The same key may still read deployments and restart the app.
    let r = call(
        &client,
        "deployments_list",
        json!({"resourceType": "app", "name": "demo-app"}),
    )
    .await;
    assert!(!is_error(&r), "{}", text(&r));
    let r = call(
        &client,
        "resources_restart",
        json!({"resourceType": "app", "name": "demo-app"}),
    )
    .await;
    assert!(!is_error(&r), "{}", text(&r));

    // A per-kind scope: a read-only key cannot restart a site.
    let client = world.client(&world.key("read-only")).await;
    let r = call(
        &client,
        "resources_restart",
        json!({"resourceType": "site", "name": "demo-site"}),
    )
    .await;
    assert!(
        is_error(&r) && text(&r).contains("Missing required scope(s): sites:write"),
        "{}",
        text(&r)
    );
}
