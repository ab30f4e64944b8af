//! The output contract (SPEC §5.5) as a client sees it: every list tool pages a long API
//! answer 50, 50, 20 and then says there is no more; `fields` keeps only what was asked
//! (plus `id`/`name`); a cursor from another call is refused; a 2 MB log answer is cut to
//! `MAX_RESULT_CHARS` keeping the newest lines; every platform tool declares an
//! `outputSchema` and its `structuredContent` conforms to it. A fake Hostless API answers
//! every request with the same JSON, so each tool can be given exactly the answer the test
//! needs.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::response::IntoResponse;
use hostless_mcp::platform::catalog::{CATALOG, ToolDef};
use hostless_mcp::platform::output::Shape;
use rmcp::model::Tool;
use serde_json::{Map, Value, json};

use crate::helpers::{Client, TestApp, call, config, is_error, text, url};

const KEY: &str = "hlk_a1b2c3d4_pagingtestsecret0000";

/// A fake API that answers every request with `answer`.
async fn fixed_api(answer: Value) -> SocketAddr {
    let answer = Arc::new(answer);
    let handler = move || {
        let answer = answer.clone();
        async move { axum::Json(answer.as_ref().clone()).into_response() }
    };
    crate::helpers::serve_fallback(handler).await
}

async fn client_for(answer: Value, max_result_chars: Option<usize>) -> (TestApp, Client) {
    let addr = fixed_api(answer).await;
    let mut config = config();
    config.api_base_url = url(&format!("http://{addr}"));
    if let Some(cap) = max_result_chars {
        config.max_result_chars = cap;
    }
    let app = TestApp::spawn(config).await;
    let client = app.client("/mcp?toolsets=all", Some(KEY)).await;
    (app, client)
}

/// Valid arguments for a tool: its required properties (an enum takes its first value,
/// an object a small one, anything else a string).
fn required_args(def: &ToolDef, tool: &Tool) -> Map<String, Value> {
    let schema = &tool.input_schema;
    let mut args = Map::new();
    let required = schema
        .get("required")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for name in required.iter().filter_map(Value::as_str) {
        let prop = &schema["properties"][name];
        let value = if let Some(first) = prop.get("enum").and_then(|e| e.get(0)) {
            first.clone()
        } else if prop["type"] == "object" {
            json!({"note": "x"})
        } else {
            json!("x-1")
        };
        args.insert(name.to_owned(), value);
    }
    if let Some(expansion) = def.expansions().into_iter().next() {
        args.extend(expansion.choice);
    }
    args
}

fn items(n: usize) -> Value {
    Value::Array(
        (0..n)
            .map(|i| {
                json!({"id": format!("id-{i}"), "name": format!("item-{i}"), "status": "live",
                    "region": "eu", "createdAt": "2026-01-01T00:00:00Z"})
            })
            .collect(),
    )
}

fn list_tools() -> Vec<&'static ToolDef> {
    CATALOG
        .iter()
        .filter(|d| d.contract().unwrap().shape == Shape::List)
        .collect()
}

#[tokio::test]
async fn every_list_tool_pages_120_items_as_50_50_20() {
    let (_app, client) = client_for(items(120), None).await;
    let tools = client.list_all_tools().await.unwrap();
    let lists = list_tools();
    assert!(lists.len() >= 30, "{} list tools", lists.len());
    for def in lists {
        let tool = tools.iter().find(|t| t.name == def.name).unwrap();
        let args = required_args(def, tool);
        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        let mut counts = Vec::new();
        loop {
            let mut page_args = args.clone();
            page_args.insert("limit".into(), json!(50));
            if let Some(c) = &cursor {
                page_args.insert("cursor".into(), json!(c));
            }
            let r = call(&client, def.name, Value::Object(page_args)).await;
            assert!(!is_error(&r), "{}: {}", def.name, text(&r));
            let s = r.structured_content.clone().unwrap();
            assert_eq!(s["total"], 120, "{}", def.name);
            assert_eq!(
                s["count"],
                s["items"].as_array().unwrap().len(),
                "{}",
                def.name
            );
            counts.push(s["count"].as_u64().unwrap());
            seen.extend(
                s["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|i| i["id"].clone()),
            );
            match &s["nextCursor"] {
                Value::String(next) => cursor = Some(next.clone()),
                Value::Null => break,
                other => panic!("{}: nextCursor {other}", def.name),
            }
            assert!(counts.len() < 5, "{}: paging does not end", def.name);
        }
        assert_eq!(counts, [50, 50, 20], "{}", def.name);
        let expected: Vec<Value> = (0..120).map(|i| json!(format!("id-{i}"))).collect();
        assert_eq!(seen, expected, "{}: every item once, in order", def.name);
    }
}

#[tokio::test]
async fn the_default_page_is_50_and_limit_is_checked() {
    let (_app, client) = client_for(items(120), None).await;
    let r = call(&client, "apps_list", json!({})).await;
    let s = r.structured_content.unwrap();
    assert_eq!(s["count"], 50);
    assert!(s["nextCursor"].is_string());
    for bad in [json!(0), json!(201), json!("ten")] {
        let r = call(&client, "apps_list", json!({"limit": bad})).await;
        assert!(is_error(&r), "limit {bad}");
        assert!(
            text(&r).contains("`limit` must be a whole number from 1 to 200"),
            "{}",
            text(&r)
        );
    }
}

#[tokio::test]
async fn a_cursor_from_another_call_is_refused_with_a_way_out() {
    let (_app, client) = client_for(items(120), None).await;
    let first = call(&client, "apps_list", json!({"projectId": "p1"})).await;
    let next = first.structured_content.unwrap()["nextCursor"].clone();
    let same = call(
        &client,
        "apps_list",
        json!({"projectId": "p1", "cursor": next}),
    )
    .await;
    assert!(!is_error(&same));
    assert_eq!(same.structured_content.unwrap()["items"][0]["id"], "id-50");

    let other = call(
        &client,
        "apps_list",
        json!({"projectId": "p2", "cursor": next}),
    )
    .await;
    assert!(is_error(&other));
    assert!(
        text(&other).contains("belongs to a different call"),
        "{}",
        text(&other)
    );
    let other_tool = call(
        &client,
        "sites_list",
        json!({"projectId": "p1", "cursor": next}),
    )
    .await;
    assert!(is_error(&other_tool));
    let garbage = call(&client, "apps_list", json!({"cursor": "not-a-cursor"})).await;
    assert!(is_error(&garbage));
    assert!(
        text(&garbage).contains("omit `cursor`"),
        "{}",
        text(&garbage)
    );
}

#[tokio::test]
async fn fields_keeps_only_what_was_asked_plus_id_and_name() {
    let (_app, client) = client_for(items(3), None).await;
    let r = call(&client, "apps_list", json!({"fields": ["status", "nope"]})).await;
    let s = r.structured_content.clone().unwrap();
    for item in s["items"].as_array().unwrap() {
        let keys: Vec<&str> = item
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["id", "name", "status"], "{item}");
    }
    // The text copy says the same.
    let shown: Value = serde_json::from_str(&text(&r)).unwrap();
    assert_eq!(
        shown["items"][0],
        json!({"id": "id-0", "name": "item-0", "status": "live"})
    );

    let (_app, client) = client_for(
        json!({"id": "a1", "name": "web", "status": "live", "region": "eu", "env": {"A": "1"}}),
        None,
    )
    .await;
    let r = call(
        &client,
        "apps_get",
        json!({"appName": "web", "fields": ["region"]}),
    )
    .await;
    assert!(!is_error(&r), "{}", text(&r));
    assert_eq!(
        r.structured_content.unwrap(),
        json!({"id": "a1", "name": "web", "region": "eu"})
    );
}

#[tokio::test]
async fn a_2mb_log_answer_is_cut_to_the_cap_keeping_the_newest_lines() {
    let lines: Vec<Value> = (0..20_000)
        .map(|i| {
            json!({"timestamp": format!("2026-01-01T00:00:{i:05}Z"), "level": "info",
                "message": format!("request {i} served in 12 ms by worker 3 {}", "-".repeat(40))})
        })
        .collect();
    let answer = json!({"resource": "web", "lines": lines});
    assert!(answer.to_string().len() > 2_000_000);
    let (_app, client) = client_for(answer, None).await;
    let r = call(
        &client,
        "logs_get",
        json!({"resourceType": "app", "name": "web"}),
    )
    .await;
    assert!(!is_error(&r), "{}", text(&r));
    let t = text(&r);
    assert!(
        t.chars().count() <= 25_000,
        "{} characters",
        t.chars().count()
    );
    assert!(t.contains("newest"), "{t}");
    let s = r.structured_content.unwrap();
    assert_eq!(s["truncated"], true);
    let kept = s["lines"].as_array().unwrap();
    assert!(kept.len() > 50, "{} lines kept", kept.len());
    assert!(
        kept.last().unwrap()["message"]
            .as_str()
            .unwrap()
            .starts_with("request 19999 ")
    );
    let first_kept: usize = kept[0]["message"].as_str().unwrap()["request ".len()..]
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        first_kept,
        20_000 - kept.len(),
        "a contiguous run of the newest lines"
    );
}

#[tokio::test]
async fn a_big_list_page_is_cut_at_an_item_and_continues_by_cursor() {
    let big: Vec<Value> = (0..200)
        .map(|i| json!({"id": format!("id-{i}"), "name": format!("item-{i}"), "notes": "n".repeat(500)}))
        .collect();
    let (_app, client) = client_for(Value::Array(big), Some(10_000)).await;
    let mut cursor = None;
    let mut seen = 0;
    for _ in 0..100 {
        let mut args = json!({"limit": 200});
        if let Some(c) = &cursor {
            args["cursor"] = json!(c);
        }
        let r = call(&client, "apps_list", args).await;
        assert!(text(&r).len() <= 10_000);
        let s = r.structured_content.clone().unwrap();
        let count = s["count"].as_u64().unwrap() as usize;
        assert_eq!(s["items"][0]["id"], format!("id-{seen}"));
        seen += count;
        if s["nextCursor"].is_null() {
            break;
        }
        assert_eq!(s["truncated"], true);
        assert!(text(&r).contains("`fields`"));
        cursor = Some(s["nextCursor"].as_str().unwrap().to_owned());
    }
    assert_eq!(seen, 200, "every item reached through the cursors");
}

/// A small JSON Schema check: the keywords the platform tools' output schemas use.
pub(crate) fn conforms(value: &Value, schema: &Value, at: &str) -> Result<(), String> {
    if let Some(types) = schema.get("type") {
        let types: Vec<&str> = match types {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let ok = types.iter().any(|t| match *t {
            "object" => value.is_object(),
            "array" => value.is_array(),
            "string" => value.is_string(),
            "integer" => value.is_u64() || value.is_i64(),
            "number" => value.is_number(),
            "boolean" => value.is_boolean(),
            "null" => value.is_null(),
            _ => false,
        });
        if !ok {
            return Err(format!("{at}: {value} is not {types:?}"));
        }
    }
    if let (Some(min), Some(n)) = (
        schema.get("minimum").and_then(Value::as_f64),
        value.as_f64(),
    ) && n < min
    {
        return Err(format!("{at}: {n} < {min}"));
    }
    if let Some(object) = value.as_object() {
        for name in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let name = name.as_str().unwrap();
            if !object.contains_key(name) {
                return Err(format!("{at}: required {name} missing"));
            }
        }
        let properties = schema.get("properties").and_then(Value::as_object);
        for (key, v) in object {
            match properties.and_then(|p| p.get(key)) {
                Some(sub) => conforms(v, sub, &format!("{at}.{key}"))?,
                None if schema.get("additionalProperties") == Some(&json!(false)) => {
                    return Err(format!("{at}: {key} not allowed"));
                }
                None => {}
            }
        }
    }
    if let (Some(items), Some(schema_items)) = (value.as_array(), schema.get("items")) {
        for (i, item) in items.iter().enumerate() {
            conforms(item, schema_items, &format!("{at}[{i}]"))?;
        }
    }
    Ok(())
}

#[tokio::test]
async fn every_tool_has_an_output_schema_its_answers_conform_to() {
    // Lists get an array, everything else an object: the usual answers.
    let (_list_app, lists) = client_for(items(3), None).await;
    let (_object_app, objects) = client_for(
        json!({"id": "x", "name": "n", "status": "ok", "lines": ["a", "b"]}),
        None,
    )
    .await;
    let (_array_app, arrays) = client_for(items(2), None).await;
    let tools = lists.list_all_tools().await.unwrap();
    assert_eq!(tools.len(), CATALOG.len());
    for def in &CATALOG {
        let tool = tools.iter().find(|t| t.name == def.name).unwrap();
        let schema = Value::Object(
            tool.output_schema
                .as_ref()
                .unwrap_or_else(|| panic!("{} has no outputSchema", def.name))
                .as_ref()
                .clone(),
        );
        assert_eq!(schema["type"], "object", "{}", def.name);
        let args = Value::Object(required_args(def, tool));
        let is_list = def.contract().unwrap().shape == Shape::List;
        // Each tool against the answer its kind usually gets, and against an unexpected one.
        let clients: [&Client; 2] = if is_list {
            [&lists, &objects]
        } else {
            [&objects, &arrays]
        };
        for client in clients {
            let r = call(client, def.name, args.clone()).await;
            assert!(!is_error(&r), "{}: {}", def.name, text(&r));
            let structured = r
                .structured_content
                .unwrap_or_else(|| panic!("{} returned no structuredContent", def.name));
            conforms(&structured, &schema, def.name).unwrap();
        }
    }
}

#[tokio::test]
async fn the_sandbox_pages_120_environment_variables_as_50_50_20() {
    use hostless_mcp::sandbox::OWNER_PROJECT_ID;
    let (sandbox, base) = crate::helpers::spawn_sandbox(7).await;
    let mut config = config();
    config.api_base_url = url(&base);
    let app = TestApp::spawn(config).await;
    let key = sandbox.key("full").unwrap().token.clone();
    let client = app.client("/mcp?toolsets=all", Some(&key)).await;

    let created = call(
        &client,
        "apps_create",
        json!({"projectId": OWNER_PROJECT_ID, "name": "paged"}),
    )
    .await;
    assert!(!is_error(&created), "{}", text(&created));
    let vars: Map<String, Value> = (0..120)
        .map(|i| (format!("VAR_{i:03}"), json!(format!("value {i}"))))
        .collect();
    let patched = call(
        &client,
        "apps_patch",
        json!({"appName": "paged", "changes": {"environmentVariables": vars}}),
    )
    .await;
    assert!(!is_error(&patched), "{}", text(&patched));

    let mut cursor: Option<String> = None;
    let mut counts = Vec::new();
    let mut seen = Vec::new();
    loop {
        let mut args = json!({"resourceType": "app", "name": "paged", "limit": 50});
        if let Some(c) = &cursor {
            args["cursor"] = json!(c);
        }
        let r = call(&client, "env_vars_list", args).await;
        assert!(!is_error(&r), "{}", text(&r));
        let s = r.structured_content.unwrap();
        assert_eq!(s["total"], 120);
        counts.push(s["count"].as_u64().unwrap());
        seen.extend(s["items"].as_array().unwrap().iter().cloned());
        match s["nextCursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
        assert!(counts.len() < 5);
    }
    assert_eq!(counts, [50, 50, 20]);
    let text_of_all = Value::Array(seen).to_string();
    for i in [0, 49, 50, 119] {
        assert!(
            text_of_all.contains(&format!("VAR_{i:03}")),
            "VAR_{i:03} reached"
        );
    }
}
