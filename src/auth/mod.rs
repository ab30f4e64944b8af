//! Credentials of `POST /mcp` (SPEC §5.1), independent of HTTP routing and of the platform
//! tools: both depend on this module, it depends on neither.
//!
//! - [`header`]: the shape of the `Authorization` value (API key or bearer JWT).
//! - [`verify`]: which JWTs are OAuth access tokens, and their verification.
//! - [`jwks`]: the issuer's signing keys, fetched and cached.
//! - [`scope`]: the scopes a verified token holds.
//! - [`caller`]: the authenticated caller handed to the tools.
//!
//! Invariant: no credential, nor any part of a token, is ever logged or put in an error
//! message; errors say what was wrong, never what was sent.

pub mod caller;
pub mod header;
pub mod jwks;
pub mod scope;
pub mod verify;

pub use caller::{Caller, CallerKind, TokenGrant};
pub use scope::Scopes;
pub use verify::{TokenError, TokenVerifier};
