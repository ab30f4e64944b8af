//! Everything that can go wrong in a platform tool call, and the one place where it
//! becomes a tool result (`isError: true`) with a message and a hint an agent can act on.
//! No failure of a call — bad arguments, an API refusal, an unreachable API — turns into
//! a JSON-RPC error or an HTTP 5xx. Messages never contain the caller's credential.

use rmcp::model::{CallToolResult, ContentBlock};
use serde_json::{Value, json};

/// Upstream bodies larger than this are not read to the end.
pub const MAX_RESPONSE_BYTES: usize = 8 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum PlatformError {
    #[error("invalid arguments: {0}")]
    InvalidArguments(String),
    /// `?toolsets=` / `X-MCP-Toolsets` names a toolset that does not exist.
    #[error("{0}")]
    BadSelection(String),
    /// `selection` is the `?toolsets=` value that adds the toolset and keeps the rest.
    #[error(
        "Tool {tool} is in the `{toolset}` toolset, which this connection did not enable. \
         Reconnect with ?toolsets={selection} (or the X-MCP-Toolsets header) to add it and keep your current tools."
    )]
    ToolsetNotEnabled {
        tool: &'static str,
        toolset: &'static str,
        selection: String,
    },
    #[error("Tool {tool} changes data, and this connection is read-only (readonly=true).")]
    ReadOnly { tool: &'static str },
    /// The auth middleware let the request through without a credential (a wiring bug).
    #[error("no credential reached the tool; send an Authorization header")]
    NoCredential,
    /// A verified OAuth token lacks the scope this call needs.
    #[error("tool {tool} needs the scope {scope}, which this OAuth token does not hold")]
    ScopeNotGranted {
        tool: &'static str,
        scope: String,
        granted: String,
    },
    /// The route accepts only a dashboard session, and the caller holds an OAuth token.
    #[error("tool {tool} needs a dashboard session; an OAuth access token cannot call it")]
    SessionOnly { tool: &'static str },
    #[error("the Hostless API answered {status}")]
    Api {
        status: u16,
        body: String,
        json: Option<Value>,
    },
    #[error("the Hostless API could not be reached: {0}")]
    Unreachable(String),
    #[error("the Hostless API did not answer within {0} s")]
    Timeout(u64),
    #[error("the Hostless API response is larger than {} MB", MAX_RESPONSE_BYTES / (1024 * 1024))]
    TooLarge,
    #[error("the Hostless API answered {status} with a body that is not JSON")]
    NotJson { status: u16, body: String },
    /// A destructive call's `confirm` token was refused (nothing was sent).
    #[error("Refused: {0}")]
    Confirm(super::confirm::ConfirmError),
}

/// For a refusal over write or delete scopes only: the connection can hide every tool
/// that needs them. Judged per call, so it needs no state across requests.
fn readonly_hint(scopes: &str) -> &'static str {
    let mut names = scopes
        .split([',', ' '])
        .filter(|s| !s.is_empty())
        .peekable();
    let writes_only =
        names.peek().is_some() && names.all(|s| s.ends_with(":write") || s.ends_with(":delete"));
    if writes_only {
        " If this key is meant only to read, reconnect with ?readonly=true (or X-MCP-Readonly: true) so tools that \
         change things are not offered."
    } else {
        ""
    }
}

/// A hint for an API refusal, from its status and message.
fn api_hint(status: u16, message: &str) -> String {
    if let Some(scopes) = message.strip_prefix("Missing required scope(s): ") {
        return format!(
            "Hint: the API key lacks {scopes}. Create a key that includes it (dashboard: Account → Settings → API \
                Keys) and use that key.{}",
            readonly_hint(scopes)
        );
    }
    match status {
        400 | 422 => {
            "Hint: the API refused the arguments; check names and field values (the message says which).".into()
        }
        401 => "Hint: the credential was refused: the key may be revoked or expired, or the token may have expired. \
            Use a valid key or sign in again.".into(),
        403 => "Hint: your credential may not do this: viewers cannot make changes, and some routes (creating, \
            changing or deleting projects, key management) need a dashboard session, not an API key.".into(),
        404 => "Hint: nothing by that name or id in the projects you can access; list the resources (e.g. apps_list) \
            to find the right name.".into(),
        409 => "Hint: the name is already taken; pick another name or change the existing resource.".into(),
        429 => "Hint: too many requests; wait a little before trying again.".into(),
        300..=399 => "Hint: the API answered with a redirect, which this server never follows (the credential goes to \
            API_BASE_URL only); check that API_BASE_URL is the API's current address.".into(),
        s if s >= 500 => "Hint: the Hostless API failed on its side; try again shortly.".into(),
        _ => "Hint: see the API's message above.".into(),
    }
}

impl PlatformError {
    /// A short fixed name of the cause, for logs (never the message, which may quote input).
    pub fn kind(&self) -> &'static str {
        match self {
            PlatformError::InvalidArguments(_) => "invalid_arguments",
            PlatformError::BadSelection(_) => "bad_selection",
            PlatformError::ToolsetNotEnabled { .. } => "toolset_not_enabled",
            PlatformError::ReadOnly { .. } => "read_only",
            PlatformError::NoCredential => "no_credential",
            PlatformError::ScopeNotGranted { .. } => "scope_not_granted",
            PlatformError::SessionOnly { .. } => "session_only",
            PlatformError::Api { .. } => "api_refused",
            PlatformError::Unreachable(_) => "unreachable",
            PlatformError::Timeout(_) => "timeout",
            PlatformError::TooLarge => "too_large",
            PlatformError::NotJson { .. } => "not_json",
            PlatformError::Confirm(_) => "confirm_refused",
        }
    }

    /// The tool result an agent sees.
    pub fn into_tool_result(self) -> CallToolResult {
        let text = match &self {
            PlatformError::InvalidArguments(reason) => format!(
                "Invalid arguments: {reason}. Check the tool's input schema: names are camelCase (projectId, appName, \
                    …)."
            ),
            PlatformError::ScopeNotGranted { granted, scope, .. } => format!(
                "Refused: {self} (granted: {}). OAuth connectors such as ChatGPT and Claude are granted read-only \
                 scopes, so re-authorizing will not add it. To make this change, use an API key that has the scope \
                 (Cursor, mcp-remote) or the Hostless dashboard.{}",
                if granted.is_empty() { "none" } else { granted },
                readonly_hint(scope)
            ),
            PlatformError::SessionOnly { .. } => format!(
                "Refused: {self}. Only a signed-in dashboard session may do this; use the Hostless dashboard."
            ),
            PlatformError::BadSelection(_)
            | PlatformError::ToolsetNotEnabled { .. }
            | PlatformError::ReadOnly { .. }
            | PlatformError::NoCredential
            | PlatformError::Confirm(_) => self.to_string(),
            PlatformError::Api { status, body, json } => {
                let message = json
                    .as_ref()
                    .and_then(|j| j.get("message"))
                    .and_then(Value::as_str)
                    .unwrap_or("");
                format!(
                    "Hostless API error {status}: {body}\n{}",
                    api_hint(*status, message)
                )
            }
            PlatformError::Unreachable(_) | PlatformError::Timeout(_) => format!(
                "{self}. Nothing was changed by this call as far as this server knows; try again later. If it \
                    persists, check API_BASE_URL of this MCP server."
            ),
            PlatformError::TooLarge => format!(
                "{self}; it was not read to the end. Narrow the request (for example pass projectId to list tools)."
            ),
            PlatformError::NotJson { body, .. } => format!("{self}: {body}"),
        };
        let mut result = CallToolResult::error(vec![ContentBlock::text(text)]);
        result.structured_content = match self {
            PlatformError::Api {
                status,
                json: Some(json),
                ..
            } => Some(json!({"status": status, "error": json})),
            _ => None,
        };
        result
    }
}
