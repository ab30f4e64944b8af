//! The whole public tool surface as reviewed snapshots: any change to a name, schema,
//! annotation or description shows up as a snapshot diff.

use serde_json::Value;

use crate::helpers::TestApp;

async fn surface(app: &TestApp, path: &str, authorization: Option<&str>) -> Value {
    let client = app.client(path, authorization).await;
    let mut tools = client.list_all_tools().await.unwrap();
    tools.sort_by(|a, b| a.name.cmp(&b.name));
    serde_json::to_value(tools).unwrap()
}

#[tokio::test]
async fn platform_tools_list_snapshot() {
    let app = TestApp::spawn(&[]).await;
    let tools = surface(
        &app,
        "/mcp?toolsets=all",
        Some("hlk_a1b2c3d4_snapshotsecret"),
    )
    .await;
    insta::assert_json_snapshot!("platform_tools", tools);
}

#[tokio::test]
async fn docs_tools_list_snapshot() {
    let app = TestApp::spawn(&[]).await;
    let tools = surface(&app, "/mcp/docs", None).await;
    insta::assert_json_snapshot!("docs_tools", tools);
}
