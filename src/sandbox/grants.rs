//! Sandbox-only grant management for the demo user's dashboard session: list the
//! connectors that hold access, and revoke one. The seed page promises revocation in the
//! dashboard but documents no route, so these two are the sandbox's invention. They sit
//! beside `oauth`, not inside it, because they authenticate like the API (`auth`), and
//! `auth` already depends on `oauth` to verify access tokens.
//!
//! Revoking kills the grant's refresh tokens, and the API refuses its access tokens from
//! the next call (they are checked against the grant on every request).

use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get};
use serde_json::{Value, json};

use super::auth::{self, Principal};
use super::clock;
use super::errors::ApiError;
use super::oauth::Ctx;

/// `/v1/oauth/grants` and `/v1/oauth/grants/{grant_id}`, for [`super::oauth::router`].
pub fn routes() -> Router<Ctx> {
    Router::new()
        .route("/v1/oauth/grants", get(list))
        .route("/v1/oauth/grants/{grant_id}", delete(revoke))
}

/// Only the dashboard session may manage grants, as with API keys.
fn require_session(ctx: &Ctx, headers: &HeaderMap) -> Result<(), ApiError> {
    match auth::authenticate(&ctx.api, headers.get(header::AUTHORIZATION))? {
        Principal::Session => Ok(()),
        _ => Err(ApiError::forbidden(
            "This route needs a dashboard session; API keys cannot call it",
        )),
    }
}

/// `GET /v1/oauth/grants`.
async fn list(State(ctx): State<Ctx>, headers: HeaderMap) -> Response {
    if let Err(e) = require_session(&ctx, &headers) {
        return e.into_response();
    }
    let grants: Vec<Value> = ctx
        .server
        .store
        .active_grants()
        .into_iter()
        .map(|g| {
            json!({
                "id": g.id,
                "clientId": g.client_id,
                "scopes": g.scopes,
                "resource": g.resource,
                "createdAt": clock::iso(g.created_at),
            })
        })
        .collect();
    Json(Value::Array(grants)).into_response()
}

/// `DELETE /v1/oauth/grants/{grantId}`.
async fn revoke(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Path(grant_id): Path<String>,
) -> Response {
    if let Err(e) = require_session(&ctx, &headers) {
        return e.into_response();
    }
    let active = ctx.server.store.active_grant(&grant_id).is_some();
    if !active || !ctx.server.store.revoke_grant(&grant_id) {
        return ApiError::not_found("Grant not found").into_response();
    }
    (
        StatusCode::OK,
        Json(json!({"id": grant_id, "revoked": true})),
    )
        .into_response()
}
