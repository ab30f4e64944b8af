//! The authenticated platform MCP: a declarative [`catalog`] of tools over the Hostless
//! REST API, their typed [`args`], the API [`client`], the [`error`] mapping, the
//! rendering of results ([`render`]) and the MCP [`server`] that ties them together.

pub mod args;
pub mod catalog;
pub mod client;
pub mod cursor;
pub mod error;
pub mod output;
pub mod reference;
pub mod render;
pub mod server;
