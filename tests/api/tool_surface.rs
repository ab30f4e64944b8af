//! The whole public tool surface as reviewed snapshots, one file per tool
//! (`snapshots/tools/<name>.snap`): a change to one tool's name, schema, annotations or
//! description is a diff of that tool's file alone. A tool without a snapshot fails (under
//! `CI=true` insta writes nothing and fails; locally it leaves a `.snap.new` to review with
//! `cargo insta review`), and a snapshot whose tool is gone fails too.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::helpers::TestApp;

const SNAPSHOTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/api/snapshots/tools");

async fn surface(app: &TestApp, path: &str, authorization: Option<&str>) -> Vec<(String, Value)> {
    let client = app.client(path, authorization).await;
    let tools = client.list_all_tools().await.unwrap();
    tools
        .into_iter()
        .map(|t| (t.name.to_string(), serde_json::to_value(&t).unwrap()))
        .collect()
}

fn assert_snapshots(tools: &[(String, Value)]) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(SNAPSHOTS);
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| {
        for (name, tool) in tools {
            insta::assert_json_snapshot!(name.as_str(), tool);
        }
    });
}

#[tokio::test]
async fn one_snapshot_per_tool_and_no_snapshot_without_a_tool() {
    let app = TestApp::start().await;
    let platform = surface(
        &app,
        "/mcp?toolsets=all",
        Some("hlk_a1b2c3d4_snapshotsecret"),
    )
    .await;
    let docs = surface(&app, "/mcp/docs", None).await;
    assert!(platform.len() >= 30 && docs.len() == 5);
    let names: BTreeSet<&str> = platform
        .iter()
        .chain(&docs)
        .map(|(n, _)| n.as_str())
        .collect();
    assert_eq!(
        names.len(),
        platform.len() + docs.len(),
        "a docs tool and a platform tool share a name"
    );
    assert_snapshots(&platform);
    assert_snapshots(&docs);

    let files: BTreeSet<String> = std::fs::read_dir(Path::new(SNAPSHOTS))
        .unwrap()
        .filter_map(|e| {
            e.ok()?
                .file_name()
                .to_str()?
                .strip_suffix(".snap")
                .map(str::to_string)
        })
        .collect();
    let stale: Vec<&String> = files
        .iter()
        .filter(|f| !names.contains(f.as_str()))
        .collect();
    assert!(
        stale.is_empty(),
        "snapshots of tools that no longer exist: {stale:?}; delete them"
    );
}
