//! The authenticated platform MCP: a declarative [`catalog`] of tools over the Hostless
//! REST API, their typed [`args`], the API [`client`], the [`error`] mapping, the
//! rendering of results ([`render`]) with what [`answers`] adds to it (metric [`summary`],
//! [`fence`] around untrusted text), the [`confirm`] step of destructive tools, and the
//! MCP [`server`] that ties them together.

pub mod answers;
pub mod args;
pub mod catalog;
pub mod client;
pub mod confirm;
pub mod cursor;
pub mod error;
pub mod fence;
pub mod http1;
pub mod output;
pub mod raw_list;
pub mod reference;
pub mod render;
pub mod server;
pub mod summary;
