//! One integration-test binary: every test starts the real server on port 0 and talks
//! to it over HTTP, with rmcp's streamable-HTTP client or raw requests.

// Test support code outside `#[test]` functions panics on setup failures by design.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod docs_tools;
mod helpers;
mod http_surface;
mod lifecycle;
mod logs;
mod platform_sandbox;
mod platform_upstream;
mod tool_surface;
