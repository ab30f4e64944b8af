//! hostless-mcp: the MCP server for the Hostless platform.
//!
//! # Layout (reading order)
//! - [`config`]: flags and environment, validated once at start-up; [`config_reference`]
//!   generates the README's table of them.
//! - [`app`]: builds everything once and serves it (`serve(listener, config, shutdown)`).
//! - [`auth`]: credentials of `/mcp`: header parsing, OAuth token verification against
//!   the issuer's JWKS, scopes, and the [`auth::Caller`] handed to the platform tools.
//! - [`http`]: the HTTP surface: `/health`, protected-resource metadata, the Host/Origin
//!   guard, the credential check, and the two MCP endpoints on rmcp's stateless transport.
//! - [`measure`]: the metrics the server records (served at `/metrics`).
//! - [`docs`]: the docs set (embedded `content/` or a folder) and the public docs tools.
//! - [`platform`]: the tool catalog, the Hostless API client, error mapping, and the
//!   authenticated MCP server.
//! - [`api_routes`]: the Hostless REST API's routes and scopes, as published.
//! - [`route_template`]: `{name}` templates: parse, fill with percent-encoding, match.
//! - [`sandbox`]: an in-memory Hostless API for offline use and tests.
//! - [`cli`]: the binary's subcommands (`docs check`, `sandbox`, `--sandbox`).
//! - [`malloc_tuning`]: the start-up re-exec that makes glibc return freed memory.
//!
//! # Invariants
//! - The `docs-index` crate knows nothing of HTTP or MCP; only [`docs::tools`] turns its
//!   types into wire JSON.
//! - Bad arguments, refused calls and upstream failures are tool results with
//!   `isError: true`, never an HTTP 5xx. The JSON-RPC errors a client can cause are
//!   protocol-level: an unknown tool name, or an unknown toolset when `/mcp` lists its
//!   tools, is `invalid_params` (-32602).
//! - Credentials are read from the `Authorization` header only, forwarded only to
//!   `API_BASE_URL`, and never logged.
//! - In stateless mode rmcp builds a handler per POST, so handlers are one `Arc` clone;
//!   routers, schemas and the index are built once in [`app::build`].

pub mod api_routes;
pub mod app;
pub mod auth;
pub mod cli;
pub mod config;
pub mod config_reference;
pub mod docs;
pub mod http;
pub mod malloc_tuning;
pub mod mcp;
pub mod measure;
pub mod platform;
pub mod protocol;
pub mod proxy_env;
pub mod request_id;
pub mod route_template;
pub mod sandbox;
pub mod schema;
pub mod telemetry;

pub use app::serve;
