//! hostless-mcp: the MCP server for the Hostless platform.
//!
//! (codemap filled in as modules land)

pub mod api_routes;
pub mod sandbox;
