//! Error types of the crate, one enum per operation.
//!
//! Policy: a single bad page is never an error (it is skipped and reported in
//! [`crate::LoadReport`]); only an unreadable docs root or a tantivy failure is.

/// Building the index failed as a whole.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("cannot read docs folder {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot build search index: {0}")]
    Tantivy(String),
}

/// Running a query failed (never because of query syntax).
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search failed: {0}")]
    Tantivy(String),
}
