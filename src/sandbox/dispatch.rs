//! Request flow: route lookup, authentication, authorization, body parsing, and the
//! handler table that sends each route to CRUD, key management or synthetic answers.
//!
//! Order of checks: unknown path `404` / wrong method `405` → credential `401` → API key on
//! a JWT-only route `403` → missing scope `403` → invalid JSON body `400` → the handler
//! (which answers `404` for invisible resources and `403` for viewers that mutate).
//! Dispatch is data-driven: [`action_for`] derives the handler from the matched route's
//! path shape and the [`CORE`] / [`ALIASES`] tables; there is no per-path code.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::api_routes::{
    JWT_ONLY_ROUTES, Params, ROUTES, Route, is_jwt_only, match_route_in, path_known_in,
};

use super::auth::{self, Principal};
use super::crud;
use super::errors::{ApiError, ApiResult};
use super::state::{Kind, Store};
use super::synthetic;

/// One authenticated, routed API call, as handlers see it.
pub struct Call<'a> {
    pub method: &'a Method,
    pub route: &'static Route,
    pub params: Params,
    pub query: Vec<(String, String)>,
    /// The JSON body; `Null` when none was sent.
    pub body: Value,
    pub principal: Principal,
}

impl Call<'_> {
    /// The first path parameter: the addressed resource for every core route.
    pub fn first_param(&self) -> &str {
        self.params
            .first()
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    }

    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn query_param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }
}

/// What serves a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    List(Kind),
    /// A list narrowed to the project in the `{projectId}` path parameter.
    ListInProject(Kind),
    Create(Kind),
    Get(Kind),
    Patch(Kind),
    Delete(Kind),
    KeysList,
    KeysCreate,
    KeysRevoke,
    Synthetic,
}

/// Collections whose `/<collection>` and `/<collection>/{key}` routes are store-backed.
const CORE: &[(&str, Kind)] = &[
    ("projects", Kind::Project),
    ("apps", Kind::App),
    ("sites", Kind::Site),
    ("workers", Kind::Worker),
    ("cron-jobs", Kind::CronJob),
    ("databases", Kind::Database),
    ("virtual-machines", Kind::VirtualMachine),
    ("invoices", Kind::Invoice),
];

/// Store-backed routes whose path does not have the plain collection/item shape.
const ALIASES: &[(Method, &str, Action)] = &[
    (
        Method::GET,
        "/databases/{databaseName}/details",
        Action::Get(Kind::Database),
    ),
    (
        Method::GET,
        "/projects/{projectId}/apps",
        Action::ListInProject(Kind::App),
    ),
    (
        Method::GET,
        "/virtual-machines/project/{projectId}",
        Action::ListInProject(Kind::VirtualMachine),
    ),
    (
        Method::POST,
        "/sites/from-upload",
        Action::Create(Kind::Site),
    ),
    (
        Method::POST,
        "/sites/from-visual-builder",
        Action::Create(Kind::Site),
    ),
    (Method::GET, "/users/me/api-keys", Action::KeysList),
    (Method::POST, "/users/me/api-keys", Action::KeysCreate),
    (
        Method::DELETE,
        "/users/me/api-keys/{keyId}",
        Action::KeysRevoke,
    ),
];

/// The handler for a route, from the tables and the route's path shape.
pub fn action_for(route: &Route) -> Action {
    if let Some((_, _, action)) = ALIASES
        .iter()
        .find(|(m, p, _)| *m == route.method && *p == route.path)
    {
        return *action;
    }
    let segs: Vec<&str> = route.path.split('/').filter(|s| !s.is_empty()).collect();
    let Some(kind) = segs
        .first()
        .and_then(|c| CORE.iter().find(|(name, _)| name == c))
        .map(|(_, k)| *k)
    else {
        return Action::Synthetic;
    };
    let item = segs.get(1).is_some_and(|s| s.starts_with('{'));
    match (segs.len(), item, route.method.clone()) {
        (1, _, Method::GET) => Action::List(kind),
        (1, _, Method::POST) => Action::Create(kind),
        (2, true, Method::GET) => Action::Get(kind),
        (2, true, Method::PATCH) => Action::Patch(kind),
        (2, true, Method::DELETE) => Action::Delete(kind),
        _ => Action::Synthetic,
    }
}

fn run(store: &Store, call: &Call<'_>) -> ApiResult {
    match action_for(call.route) {
        Action::List(kind) => crud::list(store, call, kind, None),
        Action::ListInProject(kind) => crud::list(store, call, kind, call.param("projectId")),
        Action::Create(kind) => crud::create(store, call, kind),
        Action::Get(kind) => crud::get(store, call, kind),
        Action::Patch(kind) => crud::patch(store, call, kind),
        Action::Delete(kind) => crud::delete(store, call, kind),
        Action::KeysList => crud::keys::list(store),
        Action::KeysCreate => crud::keys::create(store, call),
        Action::KeysRevoke => crud::keys::revoke(store, call),
        Action::Synthetic => synthetic::answer(store, call),
    }
}

/// Finds the route among the API-key routes and the JWT-only routes the sandbox serves.
fn find_route(method: &Method, path: &str) -> Result<(&'static Route, Params), ApiError> {
    if let Some(found) = match_route_in(ROUTES, method, path)
        .or_else(|| match_route_in(JWT_ONLY_ROUTES, method, path))
    {
        return Ok(found);
    }
    if path_known_in(ROUTES, path) || path_known_in(JWT_ONLY_ROUTES, path) {
        return Err(ApiError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            format!("{method} is not supported on this path"),
        ));
    }
    Err(ApiError::not_found(format!("Cannot {method} /v1{path}")))
}

fn process(
    store: &Store,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &Bytes,
) -> ApiResult {
    let path = uri
        .path()
        .strip_prefix("/v1")
        .filter(|p| p.starts_with('/'))
        .ok_or_else(|| ApiError::not_found(format!("Cannot {method} {}", uri.path())))?;
    let (route, params) = find_route(method, path)?;
    let principal = auth::authenticate(store, headers.get(header::AUTHORIZATION))?;
    if principal.is_scoped() {
        if route.scope.is_empty() || is_jwt_only(method, route.path) {
            return Err(ApiError::forbidden(
                "This route needs a dashboard session; API keys cannot call it",
            ));
        }
        auth::check_scope(&principal, route.scope)?;
    }
    let body = if body.iter().all(u8::is_ascii_whitespace) {
        Value::Null
    } else {
        serde_json::from_slice(body)
            .map_err(|_| ApiError::bad_request("Request body is not valid JSON"))?
    };
    let query = url::form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes())
        .into_owned()
        .collect();
    let call = Call {
        method,
        route,
        params,
        query,
        body,
        principal,
    };
    run(store, &call)
}

/// The fallback handler: every request that is not `/health`.
pub async fn handle(
    State(store): State<Arc<Store>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match process(&store, &method, &uri, &headers, &body) {
        Ok((status, value)) => (status, Json(value)).into_response(),
        Err(e) => e.into_response(),
    }
}

/// `GET /health`.
pub async fn health() -> Json<Value> {
    Json(serde_json::json!({"ok": true, "service": "hostless-sandbox"}))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn every_core_route_has_a_store_action() {
        let store_backed = ROUTES
            .iter()
            .chain(JWT_ONLY_ROUTES)
            .filter(|r| action_for(r) != Action::Synthetic)
            .count();
        // 6 per core kind (list, create, get, patch, delete) minus the missing ones, plus
        // VMs, invoices, aliases: just make sure the table is not silently empty.
        assert!(store_backed >= 35, "{store_backed}");
        let get_db = ROUTES
            .iter()
            .find(|r| r.path == "/databases/{databaseName}/details")
            .map(action_for);
        assert_eq!(get_db, Some(Action::Get(Kind::Database)));
    }
}
