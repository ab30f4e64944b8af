//! One integration-test binary: every test starts the real server on port 0 and talks
//! to it over HTTP, with rmcp's streamable-HTTP client or raw requests.

// Test support code outside `#[test]` functions panics on setup failures by design.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod answers;
mod confirm;
mod docs_pieces;
mod docs_resources;
mod docs_suggest;
mod docs_tools;
mod docs_watch;
mod everyday;
mod faults;
mod front_page;
mod helpers;
mod http_surface;
mod lean_path;
mod lifecycle;
mod limits;
mod logs;
mod metrics;
mod oauth;
mod oauth_sandbox;
mod paging;
mod platform_sandbox;
mod platform_upstream;
mod sandbox_walk;
mod tool_catalog;
mod tool_surface;
mod trace_leaks;
