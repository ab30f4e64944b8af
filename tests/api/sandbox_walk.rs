//! The agent walk of issue 9 through the MCP server, against a seeded sandbox upstream:
//! create a Python app, set `DEBUG=1`, add `ux.example.com`, deploy, advance the clock,
//! see the deployment live and read its logs, with every step confirmed by a read.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use hostless_mcp::sandbox::OWNER_PROJECT_ID;
use serde_json::{Value, json};

use crate::helpers::{app_on_sandbox, call, is_error, ok, text};

fn items(v: &Value) -> &Vec<Value> {
    v["items"].as_array().unwrap()
}

#[tokio::test]
async fn create_configure_deploy_and_read_logs_each_step_confirmed() {
    let (app, sandbox) = app_on_sandbox(9).await;
    let key = sandbox.key("full").unwrap().token.clone();
    let client = app.client("/mcp?toolsets=all", Some(&key)).await;
    let name = "ux-py";
    let target = json!({"resourceType": "app", "name": name});

    // A Python app, and it is one.
    let args =
        json!({"projectId": OWNER_PROJECT_ID, "name": name, "fields": {"language": "python"}});
    let created = ok(&client, "apps_create", args).await;
    assert_eq!(created["runtime"], "python");
    let got = ok(&client, "apps_get", json!({"appName": name})).await;
    assert_eq!(
        (&got["runtime"], &got["language"]),
        (&json!("python"), &json!("python"))
    );
    let env = ok(&client, "env_vars_list", target.clone()).await;
    assert!(items(&env).is_empty(), "a new app has no variables: {env}");
    let deps = ok(&client, "deployments_list", target.clone()).await;
    assert!(
        items(&deps).is_empty(),
        "a new app has no deployments: {deps}"
    );

    // DEBUG=1, through the app's patch.
    let changes = json!({"appName": name, "changes": {"environmentVariables": {"DEBUG": "1"}}});
    ok(&client, "apps_patch", changes).await;
    let env = ok(&client, "env_vars_list", target.clone()).await;
    assert_eq!(
        items(&env),
        &vec![json!({"key": "DEBUG", "value": "1"})],
        "{env}"
    );

    // A custom domain.
    let mut add = target.clone();
    add["changes"] = json!({"domain": "ux.example.com"});
    ok(&client, "domains_add", add).await;
    let domains = ok(&client, "domains_list", target.clone()).await;
    let listed: Vec<&str> = items(&domains)
        .iter()
        .map(|d| d["domain"].as_str().unwrap())
        .collect();
    assert_eq!(listed, ["ux.example.com"], "{domains}");

    // Deploy: queued now, listed, and live once the clock has moved.
    let dep = ok(&client, "deployments_trigger", target.clone()).await;
    assert_eq!(dep["status"], "queued", "{dep}");
    let id = dep["id"].as_str().unwrap().to_owned();
    let deps = ok(&client, "deployments_list", target.clone()).await;
    assert_eq!(items(&deps)[0]["id"], id.as_str(), "{deps}");
    let mut one = target.clone();
    one["deploymentId"] = json!(id);
    sandbox.advance_clock(10);
    let building = ok(&client, "deployments_get", one.clone()).await;
    assert_eq!(building["status"], "building", "{building}");
    sandbox.advance_clock(60);
    let live = ok(&client, "deployments_get", one.clone()).await;
    assert_eq!(live["status"], "live", "{live}");

    // Its logs: the Python build, then the app starting.
    let build = ok(&client, "logs_deployment", one).await;
    let build_text = build["lines"].to_string();
    assert!(build_text.contains("pip install"), "{build_text}");
    assert!(
        build_text.contains(&format!("Deployment {id} is live")),
        "{build_text}"
    );
    let runtime = ok(&client, "logs_get", target.clone()).await;
    assert!(
        runtime["lines"].to_string().contains("Listening on port"),
        "{runtime}"
    );

    // An unknown deployment is a 404 tool error, not a made-up "live".
    let mut missing = target.clone();
    missing["deploymentId"] = json!("dep_nope");
    let r = call(&client, "deployments_get", missing).await;
    assert!(is_error(&r) && text(&r).contains("404"), "{}", text(&r));
}

#[tokio::test]
async fn unknown_create_fields_come_back_as_a_tool_error_naming_them() {
    let (app, sandbox) = app_on_sandbox(9).await;
    let key = sandbox.key("full").unwrap().token.clone();
    let client = app.client("/mcp", Some(&key)).await;
    let args = json!({"projectId": OWNER_PROJECT_ID, "name": "x", "fields": {"lang": "python"}});
    let r = call(&client, "apps_create", args).await;
    assert!(is_error(&r), "{}", text(&r));
    let t = text(&r);
    assert!(
        t.contains("400") && t.contains("lang") && t.contains("Accepted fields"),
        "{t}"
    );
}
