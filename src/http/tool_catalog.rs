//! `GET /mcp/tools`: the platform tool catalog with token costs for the selection given by
//! `?toolsets=` and `?readonly=` (or their headers), without credentials, so a user can
//! see what a configuration costs before connecting (SPEC §5.5). Rate-limited like the
//! docs endpoint (its own bucket in `limits`).

use std::sync::Arc;

use axum::Json;
use axum::Router;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::guard::{self, HostGuard};
use super::responses;
use crate::platform::server::{PlatformServer, Selection};

/// The route, behind the Host/Origin guard like the other public routes.
pub fn router(platform: PlatformServer, guard: Arc<HostGuard>) -> Router {
    Router::new()
        .route(
            "/mcp/tools",
            get(move |request: Request| async move { answer(&platform, request) }),
        )
        .route_layer(from_fn_with_state(guard, guard::check_host_and_origin))
}

fn answer(platform: &PlatformServer, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    match Selection::from_parts(Some(&parts)) {
        Ok(selection) => {
            let mut response = Json(platform.listing(&selection)).into_response();
            // The catalog changes only with a new release.
            response.headers_mut().insert(
                header::CACHE_CONTROL,
                header::HeaderValue::from_static("public, max-age=300"),
            );
            response
        }
        Err(reason) => responses::json_error(StatusCode::BAD_REQUEST, "bad_selection", &reason),
    }
}
