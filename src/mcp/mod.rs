//! The MCP transport of our two endpoints: a lean path for stateless JSON requests ([`lean`]) in front of rmcp's
//! streamable-HTTP service, which still answers everything the lean path does not take.

pub mod fast_parse;
pub mod lean;
pub mod serialized;
pub mod tools_cache;
