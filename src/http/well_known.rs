//! RFC 9728 protected-resource metadata for `/mcp`, served at both well-known paths.
//! `resource` is exactly the URL clients use for `/mcp` (see [`PublicBase`]).

use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::api_routes::SCOPES;
use crate::http::public_base::PublicBase;

#[derive(Debug, Clone)]
pub struct ResourceMetadata {
    base: PublicBase,
    issuer: String,
    documentation: String,
}

impl ResourceMetadata {
    pub fn new(base: PublicBase, issuer: &str, documentation: &str) -> Self {
        Self {
            base,
            issuer: issuer.to_string(),
            documentation: documentation.to_string(),
        }
    }

    /// The document for a request with these headers.
    pub fn document(&self, headers: &HeaderMap) -> String {
        json!({
            "resource": format!("{}/mcp", self.base.resolve(headers)),
            "authorization_servers": [self.issuer],
            "scopes_supported": SCOPES,
            "bearer_methods_supported": ["header"],
            "resource_name": "Hostless MCP",
            "resource_documentation": self.documentation,
        })
        .to_string()
    }

    pub fn response(&self, headers: &HeaderMap) -> Response {
        (
            [(header::CONTENT_TYPE, "application/json")],
            self.document(headers),
        )
            .into_response()
    }
}
