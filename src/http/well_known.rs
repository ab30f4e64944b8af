//! RFC 9728 protected-resource metadata for `/mcp`, served at both well-known paths.
//! Built once at start-up; `resource` is exactly the URL clients use for `/mcp`.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use serde_json::json;

use crate::api_routes::SCOPES;

/// The serialized metadata document.
#[derive(Debug, Clone)]
pub struct ResourceMetadata(Bytes);

impl ResourceMetadata {
    pub fn new(resource: &str, issuer: &str, documentation: &str) -> Self {
        let doc = json!({
            "resource": resource,
            "authorization_servers": [issuer],
            "scopes_supported": SCOPES,
            "bearer_methods_supported": ["header"],
            "resource_name": "Hostless MCP",
            "resource_documentation": documentation,
        });
        Self(Bytes::from(doc.to_string()))
    }

    pub fn response(&self) -> Response {
        ([(header::CONTENT_TYPE, "application/json")], self.0.clone()).into_response()
    }
}
