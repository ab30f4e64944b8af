//! Router-level tests of the sandbox, through `tower::ServiceExt::oneshot`.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

use super::*;
use crate::api_routes::{JWT_ONLY_ROUTES, ROUTES};

fn sandbox() -> Sandbox {
    Sandbox::new(SandboxOptions {
        seed: Some(42),
        ..Default::default()
    })
}

fn token(sb: &Sandbox, label: &str) -> String {
    sb.key(label).unwrap().token.clone()
}

fn session(sb: &Sandbox) -> String {
    format!("Bearer {}", sb.session_token())
}

async fn call(
    router: &axum::Router,
    method: Method,
    path: &str,
    auth: Option<&str>,
    body: Option<Value>,
) -> (StatusCode, Value) {
    call_raw(router, method, path, auth, body.map(|b| b.to_string())).await
}

async fn call_raw(
    router: &axum::Router,
    method: Method,
    path: &str,
    auth: Option<&str>,
    body: Option<String>,
) -> (StatusCode, Value) {
    let mut req = Request::builder().method(method).uri(path);
    if let Some(a) = auth {
        req = req.header("authorization", a);
    }
    if body.is_some() {
        req = req.header("content-type", "application/json");
    }
    let req = req.body(Body::from(body.unwrap_or_default())).unwrap();
    let resp = router.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    let value = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap()
    };
    (status, value)
}

fn assert_error_shape(status: StatusCode, body: &Value) {
    assert_eq!(body["statusCode"], status.as_u16(), "{body}");
    assert!(body["message"].is_string(), "{body}");
    assert_eq!(body["error"], status.canonical_reason().unwrap(), "{body}");
}

#[tokio::test]
async fn crud_round_trip_for_each_core_resource() {
    let sb = sandbox();
    let r = sb.router();
    let full = token(&sb, "full");
    let kinds = [
        ("apps", "appName"),
        ("sites", "siteName"),
        ("workers", "workerName"),
        ("cron-jobs", "cronJobName"),
        ("databases", "databaseName"),
    ];
    for (collection, _) in kinds {
        let name = format!("rt-{collection}");
        let body = json!({"projectId": OWNER_PROJECT_ID, "name": name, "description": "seven"});
        let (s, created) = call(
            &r,
            Method::POST,
            &format!("/v1/{collection}"),
            Some(&full),
            Some(body.clone()),
        )
        .await;
        assert_eq!(s, StatusCode::CREATED, "{collection} {created}");
        assert_eq!(created["name"], name);
        assert_eq!(created["projectId"], OWNER_PROJECT_ID);
        assert_eq!(created["description"], "seven");
        assert!(created["id"].is_string() && created["createdAt"].is_string());

        let (s, dup) = call(
            &r,
            Method::POST,
            &format!("/v1/{collection}"),
            Some(&full),
            Some(body),
        )
        .await;
        assert_eq!(s, StatusCode::CONFLICT);
        assert_error_shape(s, &dup);

        let get_path = if collection == "databases" {
            format!("/v1/databases/{name}/details")
        } else {
            format!("/v1/{collection}/{name}")
        };
        let (s, got) = call(&r, Method::GET, &get_path, Some(&full), None).await;
        assert_eq!(s, StatusCode::OK, "{get_path}");
        assert_eq!(got, created);

        let item = format!("/v1/{collection}/{name}");
        let (s, patched) = call(
            &r,
            Method::PATCH,
            &item,
            Some(&full),
            Some(json!({"description": "hi"})),
        )
        .await;
        assert_eq!(s, StatusCode::OK, "{patched}");
        assert_eq!(patched["description"], "hi");
        assert_eq!(patched["id"], created["id"]);
        assert_eq!(patched["name"], name);
        // Identity fields are not writable: naming one is a 400, and the record stays.
        let (s, refused) = call(
            &r,
            Method::PATCH,
            &item,
            Some(&full),
            Some(json!({"id": "x"})),
        )
        .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{refused}");
        assert_error_shape(s, &refused);

        let (s, list) = call(
            &r,
            Method::GET,
            &format!("/v1/{collection}"),
            Some(&full),
            None,
        )
        .await;
        assert_eq!(s, StatusCode::OK);
        assert!(list.as_array().unwrap().iter().any(|x| x["name"] == name));

        let (s, _) = call(&r, Method::DELETE, &item, Some(&full), None).await;
        assert_eq!(s, StatusCode::OK);
        let (s, gone) = call(&r, Method::GET, &get_path, Some(&full), None).await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        assert_error_shape(s, &gone);
    }
}

#[tokio::test]
async fn project_crud_with_a_session() {
    let sb = sandbox();
    let r = sb.router();
    let jwt = session(&sb);
    let (s, p) = call(
        &r,
        Method::POST,
        "/v1/projects",
        Some(&jwt),
        Some(json!({"name": "New"})),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{p}");
    assert_eq!(p["role"], "owner");
    let id = p["id"].as_str().unwrap().to_owned();
    let (s, got) = call(
        &r,
        Method::GET,
        &format!("/v1/projects/{id}"),
        Some(&jwt),
        None,
    )
    .await;
    assert_eq!((s, &got["name"]), (StatusCode::OK, &json!("New")));
    let (s, got) = call(
        &r,
        Method::PATCH,
        &format!("/v1/projects/{id}"),
        Some(&jwt),
        Some(json!({"name": "Renamed"})),
    )
    .await;
    assert_eq!((s, &got["name"]), (StatusCode::OK, &json!("Renamed")));
    // The new project is usable at once.
    let (s, _) = call(
        &r,
        Method::POST,
        "/v1/apps",
        Some(&token(&sb, "full")),
        Some(json!({"projectId": id, "name": "in-new"})),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, _) = call(
        &r,
        Method::DELETE,
        &format!("/v1/projects/{id}"),
        Some(&jwt),
        None,
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = call(
        &r,
        Method::GET,
        &format!("/v1/projects/{id}"),
        Some(&jwt),
        None,
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = call(&r, Method::GET, "/v1/apps/in-new", Some(&jwt), None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, list) = call(&r, Method::GET, "/v1/projects", Some(&jwt), None).await;
    assert_eq!(s, StatusCode::OK);
    // Owner, viewer and editor projects; the foreign one stays invisible.
    assert_eq!(list.as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn missing_scope_uses_the_page_message() {
    let sb = sandbox();
    let r = sb.router();
    let (s, body) = call(
        &r,
        Method::POST,
        "/v1/apps/demo-app/deployments/new",
        Some(&token(&sb, "no-deploy")),
        Some(json!({})),
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_eq!(
        body,
        json!({"statusCode": 403, "message": "Missing required scope(s): deployments:write", "error": "Forbidden"})
    );
    let (s, body) = call(
        &r,
        Method::GET,
        "/v1/sites",
        Some(&token(&sb, "apps-only")),
        None,
    )
    .await;
    assert_eq!(
        (s, body["message"].as_str()),
        (
            StatusCode::FORBIDDEN,
            Some("Missing required scope(s): sites:read")
        )
    );
    let (s, body) = call(
        &r,
        Method::POST,
        "/v1/apps",
        Some(&token(&sb, "read-only")),
        Some(json!({"projectId": OWNER_PROJECT_ID, "name": "x"})),
    )
    .await;
    assert_eq!(
        (s, body["message"].as_str()),
        (
            StatusCode::FORBIDDEN,
            Some("Missing required scope(s): apps:write")
        )
    );
    let (s, _) = call(
        &r,
        Method::POST,
        "/v1/apps/demo-app/deployments/new",
        Some(&token(&sb, "full")),
        Some(json!({})),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
}

#[tokio::test]
async fn viewer_cannot_mutate() {
    let sb = sandbox();
    let r = sb.router();
    let full = token(&sb, "full");
    let jwt = session(&sb);
    for auth in [&full, &jwt] {
        let (s, _) = call(&r, Method::GET, "/v1/apps/shared-app", Some(auth), None).await;
        assert_eq!(s, StatusCode::OK);
        let (s, b) = call(
            &r,
            Method::PATCH,
            "/v1/apps/shared-app",
            Some(auth),
            Some(json!({"x": 1})),
        )
        .await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        assert_error_shape(s, &b);
        let (s, _) = call(
            &r,
            Method::DELETE,
            "/v1/databases/shared-db",
            Some(auth),
            None,
        )
        .await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let (s, _) = call(
            &r,
            Method::POST,
            "/v1/sites",
            Some(auth),
            Some(json!({"projectId": VIEWER_PROJECT_ID, "name": "v-site"})),
        )
        .await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let (s, _) = call(
            &r,
            Method::POST,
            "/v1/apps/shared-app/restart",
            Some(auth),
            None,
        )
        .await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let (s, _) = call(
            &r,
            Method::POST,
            "/v1/virtual-machines/vm-shared/start",
            Some(auth),
            None,
        )
        .await;
        assert_eq!(s, StatusCode::FORBIDDEN);
    }
    let (s, _) = call(
        &r,
        Method::PATCH,
        &format!("/v1/projects/{VIEWER_PROJECT_ID}"),
        Some(&jwt),
        Some(json!({"name": "x"})),
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn foreign_projects_are_invisible() {
    let sb = sandbox();
    let r = sb.router();
    let full = token(&sb, "full");
    let (s, b) = call(&r, Method::GET, "/v1/apps/private-app", Some(&full), None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_error_shape(s, &b);
    let (s, _) = call(
        &r,
        Method::GET,
        &format!("/v1/projects/{FOREIGN_PROJECT_ID}"),
        Some(&full),
        None,
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = call(
        &r,
        Method::GET,
        "/v1/apps/private-app/logs",
        Some(&full),
        None,
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = call(
        &r,
        Method::POST,
        "/v1/apps",
        Some(&full),
        Some(json!({"projectId": FOREIGN_PROJECT_ID, "name": "sneaky"})),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, list) = call(&r, Method::GET, "/v1/apps", Some(&full), None).await;
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .all(|a| a["name"] != "private-app")
    );
}

#[tokio::test]
async fn expired_revoked_wrong_and_missing_credentials_get_401() {
    let sb = sandbox();
    let r = sb.router();
    let full = token(&sb, "full");
    let wrong_secret = format!("{}X", &full[..full.len() - 1]);
    let unknown = "hlk_zzzzzzzz_abcdefghijklmnopqrstuvwxyz0123456789".to_owned();
    let cases = [
        Some(token(&sb, "expired")),
        Some(token(&sb, "revoked")),
        Some(wrong_secret.clone()),
        Some(unknown),
        Some("Bearer garbage".to_owned()),
        Some("Bearer a.b.c".to_owned()),
        Some("Basic dXNlcjpwYXNz".to_owned()),
        Some(sb.session_token().to_owned()), // a JWT without `Bearer`
        None,
    ];
    for auth in cases {
        let (s, body) = call(&r, Method::GET, "/v1/apps", auth.as_deref(), None).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED, "{auth:?}");
        assert_error_shape(s, &body);
        let msg = body["message"].as_str().unwrap();
        if let Some(a) = &auth {
            let secret = a.rsplit('_').next().unwrap();
            assert!(!msg.contains(secret), "{msg}");
        }
    }
    let (_, body) = call(
        &r,
        Method::GET,
        "/v1/apps",
        Some(&token(&sb, "expired")),
        None,
    )
    .await;
    assert!(body["message"].as_str().unwrap().contains("expired"));
    let (_, body) = call(
        &r,
        Method::GET,
        "/v1/apps",
        Some(&token(&sb, "revoked")),
        None,
    )
    .await;
    assert!(body["message"].as_str().unwrap().contains("revoked"));
    // Never from the query string.
    let (s, _) = call(
        &r,
        Method::GET,
        &format!("/v1/apps?access_token={full}"),
        None,
        None,
    )
    .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn key_forms_bearer_and_no_underscore_are_accepted() {
    let sb = sandbox();
    let r = sb.router();
    let full = token(&sb, "full");
    let no_underscore = full.replacen('_', "", 2).replacen("hlk", "hlk_", 1);
    assert_eq!(no_underscore.len(), full.len() - 1);
    for auth in [
        full.clone(),
        format!("Bearer {full}"),
        format!("bearer {full}"),
        format!("BEARER   {full}  "),
        no_underscore.clone(),
        format!("Bearer {no_underscore}"),
    ] {
        let (s, _) = call(&r, Method::GET, "/v1/apps", Some(&auth), None).await;
        assert_eq!(s, StatusCode::OK, "{auth}");
    }
}

#[tokio::test]
async fn api_keys_cannot_call_jwt_only_routes() {
    let sb = sandbox();
    let r = sb.router();
    let full = token(&sb, "full");
    let (s, body) = call(
        &r,
        Method::POST,
        "/v1/projects",
        Some(&full),
        Some(json!({"name": "x"})),
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_error_shape(s, &body);
    for (m, p) in [
        (Method::GET, "/v1/users/me/api-keys".to_owned()),
        (Method::POST, "/v1/users/me/api-keys".to_owned()),
        (
            Method::DELETE,
            format!("/v1/users/me/api-keys/{}", sb.key("full").unwrap().id),
        ),
        (Method::PATCH, format!("/v1/projects/{OWNER_PROJECT_ID}")),
        (Method::DELETE, format!("/v1/projects/{OWNER_PROJECT_ID}")),
    ] {
        let (s, _) = call(&r, m.clone(), &p, Some(&full), Some(json!({}))).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{m} {p}");
    }
    // The key still works: it revoked nothing.
    let (s, _) = call(&r, Method::GET, "/v1/projects", Some(&full), None).await;
    assert_eq!(s, StatusCode::OK);
}

#[tokio::test]
async fn key_management_with_a_session() {
    let sb = sandbox();
    let r = sb.router();
    let jwt = session(&sb);
    let (s, list) = call(&r, Method::GET, "/v1/users/me/api-keys", Some(&jwt), None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(list.as_array().unwrap().len(), 6);
    assert!(!list.to_string().contains(&token(&sb, "full")[13..]));
    let (s, created) = call(
        &r,
        Method::POST,
        "/v1/users/me/api-keys",
        Some(&jwt),
        Some(json!({"name": "CI", "scopes": ["apps:read"], "expiresAt": null})),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{created}");
    let new_token = created["token"].as_str().unwrap().to_owned();
    assert!(new_token.starts_with(created["apiKey"]["prefix"].as_str().unwrap()));
    let (s, _) = call(&r, Method::GET, "/v1/apps", Some(&new_token), None).await;
    assert_eq!(s, StatusCode::OK);
    let (s, b) = call(&r, Method::GET, "/v1/sites", Some(&new_token), None).await;
    assert_eq!(
        (s, b["message"].as_str()),
        (
            StatusCode::FORBIDDEN,
            Some("Missing required scope(s): sites:read")
        )
    );
    for bad in [
        json!({"name": "", "scopes": ["apps:read"]}),
        json!({"name": "x", "scopes": []}),
        json!({"name": "x", "scopes": ["nope:read"]}),
        json!({"name": "x", "scopes": ["apps:read"], "expiresAt": "2020-01-01T00:00:00Z"}),
    ] {
        let (s, _) = call(
            &r,
            Method::POST,
            "/v1/users/me/api-keys",
            Some(&jwt),
            Some(bad.clone()),
        )
        .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{bad}");
    }
    let id = created["apiKey"]["id"].as_str().unwrap();
    let (s, b) = call(
        &r,
        Method::DELETE,
        &format!("/v1/users/me/api-keys/{id}"),
        Some(&jwt),
        None,
    )
    .await;
    assert_eq!((s, b), (StatusCode::OK, json!({"success": true})));
    let (s, _) = call(&r, Method::GET, "/v1/apps", Some(&new_token), None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn create_rules_project_id_name_and_bodies() {
    let sb = sandbox();
    let r = sb.router();
    let full = token(&sb, "full");
    let (s, b) = call(
        &r,
        Method::POST,
        "/v1/apps",
        Some(&full),
        Some(json!({"name": "no-project"})),
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(b["message"].as_str().unwrap().contains("projectId"));
    let (s, _) = call(
        &r,
        Method::POST,
        "/v1/apps",
        Some(&full),
        Some(json!({"projectId": OWNER_PROJECT_ID})),
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (s, _) = call(
        &r,
        Method::POST,
        "/v1/apps",
        Some(&full),
        Some(json!({"projectId": OWNER_PROJECT_ID, "name": "demo-app"})),
    )
    .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, b) = call_raw(
        &r,
        Method::POST,
        "/v1/apps",
        Some(&full),
        Some("{not json".to_owned()),
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_error_shape(s, &b);
    // A session may omit projectId: the user's owned project is used.
    let (s, b) = call(
        &r,
        Method::POST,
        "/v1/workers",
        Some(&session(&sb)),
        Some(json!({"name": "w2"})),
    )
    .await;
    assert_eq!(
        (s, b["projectId"].as_str()),
        (StatusCode::CREATED, Some(OWNER_PROJECT_ID))
    );
}

#[tokio::test]
async fn list_filters_by_project() {
    let sb = sandbox();
    let r = sb.router();
    let full = token(&sb, "full");
    for collection in [
        "apps",
        "sites",
        "workers",
        "cron-jobs",
        "databases",
        "virtual-machines",
        "invoices",
    ] {
        let (s, all) = call(
            &r,
            Method::GET,
            &format!("/v1/{collection}"),
            Some(&full),
            None,
        )
        .await;
        assert_eq!(s, StatusCode::OK);
        let (_, own) = call(
            &r,
            Method::GET,
            &format!("/v1/{collection}?projectId={OWNER_PROJECT_ID}"),
            Some(&full),
            None,
        )
        .await;
        let (_, shared) = call(
            &r,
            Method::GET,
            &format!("/v1/{collection}?projectId={VIEWER_PROJECT_ID}"),
            Some(&full),
            None,
        )
        .await;
        let (own, shared, all) = (
            own.as_array().unwrap(),
            shared.as_array().unwrap(),
            all.as_array().unwrap(),
        );
        let (_, team) = call(
            &r,
            Method::GET,
            &format!("/v1/{collection}?projectId={EDITOR_PROJECT_ID}"),
            Some(&full),
            None,
        )
        .await;
        let team = team.as_array().unwrap().len();
        assert!(!own.is_empty() && !shared.is_empty(), "{collection}");
        assert_eq!(own.len() + shared.len() + team, all.len(), "{collection}");
        assert!(own.iter().all(|x| x["projectId"] == OWNER_PROJECT_ID));
        let (s, _) = call(
            &r,
            Method::GET,
            &format!("/v1/{collection}?projectId={FOREIGN_PROJECT_ID}"),
            Some(&full),
            None,
        )
        .await;
        assert_eq!(s, StatusCode::NOT_FOUND);
    }
    let (_, apps) = call(
        &r,
        Method::GET,
        &format!("/v1/projects/{OWNER_PROJECT_ID}/apps"),
        Some(&full),
        None,
    )
    .await;
    assert_eq!(apps.as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn unknown_paths_resources_and_methods() {
    let sb = sandbox();
    let r = sb.router();
    let full = token(&sb, "full");
    for path in [
        "/v1/nope",
        "/v1/apps/demo-app/nope/deeper",
        "/elsewhere",
        "/v1",
    ] {
        let (s, b) = call(&r, Method::GET, path, Some(&full), None).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{path}");
        assert_error_shape(s, &b);
    }
    let (s, b) = call(&r, Method::GET, "/v1/apps/missing-app", Some(&full), None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_error_shape(s, &b);
    let (s, _) = call(
        &r,
        Method::GET,
        "/v1/apps/missing-app/deployments",
        Some(&full),
        None,
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = call(
        &r,
        Method::GET,
        "/v1/virtual-machines/vm-nope",
        Some(&full),
        None,
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, b) = call(
        &r,
        Method::PUT,
        "/v1/apps/demo-app",
        Some(&full),
        Some(json!({})),
    )
    .await;
    assert_eq!(s, StatusCode::METHOD_NOT_ALLOWED);
    assert_error_shape(s, &b);
    let (s, h) = call(&r, Method::GET, "/health", None, None).await;
    assert_eq!((s, &h["ok"]), (StatusCode::OK, &json!(true)));
}

#[tokio::test]
async fn answers_repeat_and_state_changes_stick() {
    let a = sandbox().router();
    let b = sandbox().router();
    let sb = sandbox();
    let full = token(&sb, "full");
    for path in [
        "/v1/apps/demo-app/deployments",
        "/v1/apps/demo-app/logs",
        "/v1/sites/demo-site/metrics/bandwidth",
        "/v1/billing/breakdown",
        "/v1/virtual-machines/vm-demo/firewall",
    ] {
        let (s1, x) = call(&a, Method::GET, path, Some(&full), None).await;
        let (s2, y) = call(&b, Method::GET, path, Some(&full), None).await;
        let (_, z) = call(&a, Method::GET, path, Some(&full), None).await;
        assert_eq!((s1, s2), (StatusCode::OK, StatusCode::OK), "{path}");
        assert_eq!(x, y, "{path}");
        assert_eq!(x, z, "{path}");
    }
    let r = sb.router();
    let (s, _) = call(
        &r,
        Method::POST,
        "/v1/cron-jobs/nightly-report/pause",
        Some(&full),
        None,
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    let (_, job) = call(
        &r,
        Method::GET,
        "/v1/cron-jobs/nightly-report",
        Some(&full),
        None,
    )
    .await;
    assert_eq!(job["status"], "paused");
    let (_, _) = call(
        &r,
        Method::POST,
        "/v1/billing/pay/inv-demo-2026-05",
        Some(&full),
        None,
    )
    .await;
    let (_, inv) = call(
        &r,
        Method::GET,
        "/v1/invoices/inv-demo-2026-05",
        Some(&full),
        None,
    )
    .await;
    assert_eq!(inv["status"], "paid");
}

#[tokio::test]
async fn every_route_refuses_a_key_without_its_scope_with_the_page_message() {
    // Success on every route is in `state_tests` (reads for seeded records, and the
    // write→read table); here, the scope check that precedes every handler.
    let sb = sandbox();
    let r = sb.router();
    let apps_only = token(&sb, "apps-only");
    for route in ROUTES.iter().filter(|r| !r.scope.starts_with("apps:")) {
        let path = format!("/v1{}", route.path.replace(['{', '}'], ""));
        let (s, b) = call(&r, route.method.clone(), &path, Some(&apps_only), None).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{} {path}", route.method);
        assert_eq!(
            b["message"],
            format!("Missing required scope(s): {}", route.scope)
        );
    }
    for route in JWT_ONLY_ROUTES {
        let path = format!("/v1{}", route.path.replace(['{', '}'], ""));
        let (s, b) = call(&r, route.method.clone(), &path, Some(&apps_only), None).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{} {path}", route.method);
        assert_error_shape(s, &b);
    }
}

#[test]
fn startup_lines_list_every_key_and_the_session() {
    let sb = sandbox();
    let lines = sb.startup_lines();
    // Six keys, the session, then the two seeded OAuth clients.
    assert_eq!(lines.len(), 9);
    assert!(lines[7].contains("openai-chatgpt") && lines[8].contains("hloc_"));
    for (line, key) in lines.iter().zip(sb.keys()) {
        assert!(
            line.starts_with(&key.token) && line.contains(&key.label),
            "{line}"
        );
    }
    assert!(lines[6].contains(sb.session_token()));
    let labels: Vec<&str> = sb.keys().iter().map(|k| k.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "full",
            "read-only",
            "apps-only",
            "no-deploy",
            "expired",
            "revoked"
        ]
    );
    assert_eq!(sb.key("expired").unwrap().status, KeyStatus::Expired);
    assert_eq!(sb.key("revoked").unwrap().status, KeyStatus::Revoked);
    let fresh = Sandbox::new(SandboxOptions::default());
    assert_ne!(fresh.keys()[0].token, sb.keys()[0].token);
}
