//! `GET /health`: liveness plus what this instance serves. The body is built once, and
//! again only when the docs are reloaded (their page count is part of it).

use std::sync::Arc;

use arc_swap::ArcSwap;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use serde_json::json;

#[derive(Debug, Clone)]
pub struct Health {
    body: Arc<ArcSwap<Bytes>>,
    api_base_url: Arc<str>,
    docs_source: Arc<str>,
}

impl Health {
    pub fn new(api_base_url: &str, docs_pages: usize, docs_source: &str) -> Self {
        Self {
            body: Arc::new(ArcSwap::from_pointee(Self::body(
                api_base_url,
                docs_pages,
                docs_source,
            ))),
            api_base_url: api_base_url.into(),
            docs_source: docs_source.into(),
        }
    }

    /// The live docs page count changed (every clone of this value sees it).
    pub fn set_docs_pages(&self, docs_pages: usize) {
        self.body.store(Arc::new(Self::body(
            &self.api_base_url,
            docs_pages,
            &self.docs_source,
        )));
    }

    fn body(api_base_url: &str, docs_pages: usize, docs_source: &str) -> Bytes {
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
        Bytes::from(doc.to_string())
    }

    pub fn response(&self) -> Response {
        let body = Bytes::clone(&self.body.load());
        ([(header::CONTENT_TYPE, "application/json")], body).into_response()
    }
}
