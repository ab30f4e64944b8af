//! Request flow: route lookup ([`super::routes`]), authentication, authorization, body parsing, and the call
//! into the handler table ([`super::handlers`]).
//!
//! Order of checks: a path of the seed page's JWT-only families (`/auth`, `/users`,
//! members, transfers, payment methods, currency, Git OAuth callbacks …) is
//! authenticated first and refuses API keys with `403`, whether or not the sandbox
//! implements it; otherwise unknown path `404` / wrong method `405` → credential `401` →
//! API key on a JWT-only route `403` → missing scope `403` → invalid JSON `400` → the
//! handler (`404` for unknown or invisible records, `403` for roles, `400` for bodies).

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::api_routes::Route;
use crate::route_template::Params;

use super::auth;
use super::call::{Call, Ctx};
use super::clock;
use super::errors::{ApiError, ApiResult};
use super::fields;
use super::handlers;
use super::routes::{TABLES, is_jwt_only, match_route_in, path_known_in};
use super::state::Store;

/// The seed page's words for an API key on a JWT-only route.
pub const JWT_ONLY_MESSAGE: &str =
    "This route requires a user JWT (dashboard session), not an API key";

/// The sandbox's own clock route (not part of the Hostless API).
const CLOCK_PATH: &str = "/sandbox/clock";

/// Finds the route among the API-key routes, the JWT-only routes and the session routes.
fn find_route(method: &Method, path: &str) -> Result<(&'static Route, Params), ApiError> {
    if let Some(found) = TABLES.iter().find_map(|t| match_route_in(t, method, path)) {
        return Ok(found);
    }
    if TABLES.iter().any(|t| path_known_in(t, path)) {
        return Err(ApiError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            format!("{method} is not supported on this path"),
        ));
    }
    Err(ApiError::not_found(format!("Cannot {method} /v1{path}")))
}

fn parse_body(body: &Bytes) -> Result<Value, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Null);
    }
    serde_json::from_slice(body)
        .map_err(|_| ApiError::bad_request("Request body is not valid JSON"))
}

/// `GET|POST /v1/sandbox/clock`: reads the sandbox's time, or advances it by
/// `advanceSeconds` (any valid credential; this is a sandbox-only route).
fn clock_route(store: &Store, method: &Method, headers: &HeaderMap, body: &Bytes) -> ApiResult {
    auth::authenticate(store, headers.get(header::AUTHORIZATION))?;
    let now = match *method {
        Method::GET => store.now(),
        Method::POST => {
            let body = match parse_body(body)? {
                Value::Object(m) => m,
                _ => return Err(ApiError::bad_request("Send {\"advanceSeconds\": N}")),
            };
            fields::CLOCK.check(&body)?;
            let secs = body
                .get("advanceSeconds")
                .and_then(Value::as_i64)
                .filter(|s| (0..=366 * 86_400).contains(s))
                .ok_or_else(|| {
                    ApiError::bad_request("advanceSeconds must be an integer from 0 to 31622400")
                })?;
            store.clock.advance(secs)
        }
        _ => {
            return Err(ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                format!("{method} is not supported on this path"),
            ));
        }
    };
    Ok((StatusCode::OK, json!({"now": clock::iso(now)})))
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
    if path == CLOCK_PATH {
        return clock_route(store, method, headers, body);
    }
    let jwt_only = is_jwt_only(method, path);
    let found = find_route(method, path);
    let (route, params) = match found {
        Ok(found) => found,
        // A JWT-only family the sandbox does not implement: keys still learn why they
        // cannot call it, before anyone learns that the sandbox lacks it.
        Err(e) if jwt_only => {
            let principal = auth::authenticate(store, headers.get(header::AUTHORIZATION))?;
            return Err(if principal.is_api_key() {
                ApiError::forbidden(JWT_ONLY_MESSAGE)
            } else {
                ApiError::new(
                    e.status,
                    "The sandbox does not implement this dashboard route",
                )
            });
        }
        Err(e) => return Err(e),
    };
    let principal = auth::authenticate(store, headers.get(header::AUTHORIZATION))?;
    if principal.is_scoped() {
        if route.scope.is_empty() || jwt_only {
            return Err(ApiError::forbidden(JWT_ONLY_MESSAGE));
        }
        auth::check_scope(&principal, route.scope)?;
    }
    let body = parse_body(body)?;
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

fn run(store: &Store, call: &Call<'_>) -> ApiResult {
    let template = call.route.template;
    let handler = handlers::handler_for(call.method, template)
        .or_else(|| {
            (*call.method == Method::HEAD).then(|| handlers::handler_for(&Method::GET, template))?
        })
        .ok_or_else(|| {
            ApiError::not_found(format!("Cannot {} /v1{}", call.method, call.route.path))
        })?;
    let now = store.now();
    let mut data = store.lock();
    let mut ctx = Ctx {
        call,
        data: &mut data,
        now,
    };
    handler(&mut ctx)
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
    Json(json!({"ok": true, "service": "hostless-sandbox"}))
}
