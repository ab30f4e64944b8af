//! The sandbox's one error type and its single mapping to HTTP.
//!
//! Every failure leaves the sandbox as `{"statusCode":N,"message":"…","error":"<reason>"}`,
//! the shape the real API uses. Messages describe the problem in plain words and never
//! repeat a credential.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// An API failure: a status and a human-readable message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, message)
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, message)
    }

    /// The refusal for a key that lacks the route's scope (the page's exact wording).
    pub fn missing_scope(scope: &str) -> Self {
        Self::forbidden(format!("Missing required scope(s): {scope}"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let reason = self.status.canonical_reason().unwrap_or("Error");
        let body = json!({
            "statusCode": self.status.as_u16(),
            "message": self.message,
            "error": reason,
        });
        (self.status, Json(body)).into_response()
    }
}

/// What a sandbox handler returns: a status and a JSON body, or an [`ApiError`].
pub type ApiResult = Result<(StatusCode, serde_json::Value), ApiError>;
