//! `GET /health`: liveness plus what this instance serves. The body is built once.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use serde_json::json;

#[derive(Debug, Clone)]
pub struct Health(Bytes);

impl Health {
    pub fn new(api_base_url: &str, docs_pages: usize, docs_source: &str) -> Self {
        let doc = json!({
            "ok": true,
            "service": "hostless-mcp",
            "baseUrl": api_base_url,
            "docsMcpPath": "/mcp/docs",
            "mcpPath": "/mcp",
            "version": env!("CARGO_PKG_VERSION"),
            "docsPages": docs_pages,
            "docsSource": docs_source,
        });
        Self(Bytes::from(doc.to_string()))
    }

    pub fn response(&self) -> Response {
        ([(header::CONTENT_TYPE, "application/json")], self.0.clone()).into_response()
    }
}
