//! The everyday job with the default selection only (no `?toolsets=`): an agent creates
//! an app, sets an environment variable, adds a domain, deploys, watches the deployment
//! and reads the runtime and deployment logs, within Cursor's 40 tools; and the refusal
//! hints name a selection that keeps what the client already has.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use hostless_mcp::sandbox::OWNER_PROJECT_ID;
use serde_json::{Value, json};

use crate::helpers::{app_on_sandbox, call, is_error, ok, text, tool_names};

fn items(v: &Value) -> &Vec<Value> {
    v["items"].as_array().unwrap()
}

#[tokio::test]
async fn the_default_selection_creates_configures_deploys_and_reads_logs() {
    let (app, sandbox) = app_on_sandbox(10).await;
    let key = sandbox.key("full").unwrap().token.clone();
    let client = app.client("/mcp", Some(&key)).await;
    let tools = tool_names(&client).await;
    assert!(tools.len() <= 40, "Cursor's limit: {}", tools.len());
    for name in [
        "projects_list",
        "apps_create",
        "apps_patch",
        "env_vars_list",
        "domains_add",
        "domains_list",
        "deployments_trigger",
        "deployments_list",
        "deployments_get",
        "logs_get",
        "logs_deployment",
    ] {
        assert!(tools.iter().any(|t| t == name), "{name} not listed");
    }

    let name = "everyday";
    let target = json!({"resourceType": "app", "resourceName": name});
    let projects = ok(&client, "projects_list", json!({})).await;
    assert!(
        projects.to_string().contains(OWNER_PROJECT_ID),
        "{projects}"
    );
    ok(
        &client,
        "apps_create",
        json!({"projectId": OWNER_PROJECT_ID, "name": name, "changes": {"language": "node"}}),
    )
    .await;

    // An environment variable, set through the app's patch and read back.
    let changes =
        json!({"appName": name, "changes": {"environmentVariables": {"LOG_LEVEL": "debug"}}});
    ok(&client, "apps_patch", changes).await;
    let env = ok(&client, "env_vars_list", target.clone()).await;
    assert_eq!(
        items(&env),
        &vec![json!({"key": "LOG_LEVEL", "value": "debug"})]
    );

    // A custom domain.
    let mut add = target.clone();
    add["changes"] = json!({"domain": "everyday.example.com"});
    ok(&client, "domains_add", add).await;
    let domains = ok(&client, "domains_list", target.clone()).await;
    assert!(
        domains.to_string().contains("everyday.example.com"),
        "{domains}"
    );

    // Deploy and watch it go live.
    let dep = ok(&client, "deployments_trigger", target.clone()).await;
    let id = dep["id"].as_str().unwrap().to_owned();
    let deps = ok(&client, "deployments_list", target.clone()).await;
    assert_eq!(items(&deps)[0]["id"], id.as_str(), "{deps}");
    let mut one = target.clone();
    one["deploymentId"] = json!(id);
    sandbox.advance_clock(120);
    let live = ok(&client, "deployments_get", one.clone()).await;
    assert_eq!(live["status"], "live", "{live}");

    // Deployment logs, then runtime logs.
    let build = ok(&client, "logs_deployment", one).await;
    assert!(
        build
            .to_string()
            .contains(&format!("Deployment {id} is live")),
        "{build}"
    );
    let runtime = ok(&client, "logs_get", target).await;
    assert!(
        runtime.to_string().contains("Listening on port"),
        "{runtime}"
    );
}

#[tokio::test]
async fn a_tool_outside_the_selection_names_a_selection_that_keeps_the_current_tools() {
    let (app, sandbox) = app_on_sandbox(10).await;
    let key = sandbox.key("full").unwrap().token.clone();
    let args = json!({"resourceType": "app", "resourceName": "demo-app", "metric": "cpu_usage"});

    let default = app.client("/mcp", Some(&key)).await;
    let r = call(&default, "metrics_usage", args.clone()).await;
    assert!(is_error(&r));
    assert!(
        text(&r).contains("?toolsets=default,metrics"),
        "{}",
        text(&r)
    );

    let chosen = app.client("/mcp?toolsets=apps,logs", Some(&key)).await;
    let r = call(&chosen, "metrics_usage", args.clone()).await;
    assert!(
        text(&r).contains("?toolsets=apps,logs,metrics"),
        "{}",
        text(&r)
    );
    // An everyday tool of an opt-in toolset is not shown without `default` or its toolset.
    let r = call(&chosen, "deployments_trigger", json!({})).await;
    assert!(
        text(&r).contains("?toolsets=apps,deployments,logs"),
        "{}",
        text(&r)
    );

    // Following the hint keeps the default tools and adds the toolset.
    let followed = app
        .client("/mcp?toolsets=default,metrics", Some(&key))
        .await;
    let tools = tool_names(&followed).await;
    for name in ["projects_list", "apps_create", "logs_get", "metrics_usage"] {
        assert!(tools.iter().any(|t| t == name), "{name} not listed");
    }
    let r = call(&followed, "metrics_usage", args).await;
    assert!(!is_error(&r), "{}", text(&r));
}

#[tokio::test]
async fn a_refused_write_suggests_a_read_only_connection() {
    let (app, sandbox) = app_on_sandbox(10).await;
    let key = sandbox.key("read-only").unwrap().token.clone();
    let client = app.client("/mcp", Some(&key)).await;
    let r = call(
        &client,
        "apps_create",
        json!({"projectId": OWNER_PROJECT_ID, "name": "nope"}),
    )
    .await;
    assert!(is_error(&r));
    let t = text(&r);
    assert!(
        t.contains("apps:write") && t.contains("?readonly=true"),
        "{t}"
    );

    // A refused read does not suggest it: read-only would not help.
    let key = sandbox.key("apps-only").unwrap().token.clone();
    let client = app.client("/mcp", Some(&key)).await;
    let r = call(&client, "databases_list", json!({})).await;
    assert!(is_error(&r));
    let t = text(&r);
    assert!(
        t.contains("databases:read") && !t.contains("readonly"),
        "{t}"
    );
}
