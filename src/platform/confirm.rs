//! The two-step guard on destructive tools (SPEC §5.6): a call of a tool annotated
//! `destructiveHint: true` first answers with a preview of what it would delete or change
//! and a `confirm` token; only the same call repeated with that token reaches the API.
//!
//! The token is stateless, so any replica can check it: `<expiry>.<HMAC-SHA256>` over the
//! tool, the exact API request it would send (method, path, query, body), a hash of the
//! caller's credential and the expiry. Another call, another credential, an edited token
//! or one past its expiry is refused as a tool error, and nothing is sent to the API.
//! A token may be used again until it expires (a stateless server keeps no record of use);
//! repeating a delete is harmless, the API answers 404.
//!
//! Why not elicitation: `/mcp` runs on rmcp's stateless JSON transport, where the server
//! cannot send a request to the client (an elicitation is one) and take its answer within
//! the same POST; see `content/mcp/safety.md`.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::http::request::Parts;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use rmcp::model::{CallToolResult, ContentBlock, JsonObject};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::catalog::{CATALOG, ParsedArgs, ToolDef, segment_arg};
use super::client::{ApiClient, ApiRequest};
use super::error::PlatformError;
use crate::auth::Caller;
use crate::config::Config;
use crate::request_id::RequestId;
use crate::route_template::Segment;

/// The argument that carries the token.
pub const ARG: &str = "confirm";
/// `?confirm=off` on the MCP URL, or this header, runs destructive calls at once.
pub const HEADER: &str = "x-mcp-confirm";

/// Longest preview text; the structured copy is kept whole up to [`MAX_STRUCTURED_PREVIEW`].
const MAX_TEXT_PREVIEW: usize = 4_000;
const MAX_STRUCTURED_PREVIEW: usize = 20_000;

type HmacSha256 = Hmac<Sha256>;

/// Why a `confirm` token was refused. Every variant means nothing was sent to the API.
#[derive(Debug, thiserror::Error)]
pub enum ConfirmError {
    #[error(
        "`confirm` must be the token string from this tool's preview; call the tool again without `confirm` to \
         get a new preview and token. Nothing was changed."
    )]
    NotAString,
    #[error(
        "the `confirm` token is not one this server issued (it may have been altered or cut); call the tool \
         again without `confirm` to get a new preview and token. Nothing was changed."
    )]
    Malformed,
    #[error(
        "the `confirm` token expired {ago} s ago (tokens are valid for {ttl} s); call the tool again without \
         `confirm` to get a new preview and token. Nothing was changed."
    )]
    Expired { ago: u64, ttl: u64 },
    #[error(
        "the `confirm` token was issued for a different call (another tool, other arguments or another \
         credential) or was altered; a token is valid only for the exact call it previewed. Call the tool \
         again without `confirm` to get a preview of this call. Nothing was changed."
    )]
    Mismatch,
    #[error(
        "nothing to delete: {from} answered 404, so {tool} would change nothing. List the resources (e.g. \
         apps_list) to find the right name or id."
    )]
    NothingThere { tool: &'static str, from: String },
}

/// Whether a tool is guarded: its annotations say it is destructive.
pub fn guarded(def: &ToolDef) -> bool {
    def.annotations().destructive_hint == Some(true)
}

/// The input schema with the optional `confirm` property, for guarded tools.
pub fn extend_schema(def: &ToolDef, schema: Arc<JsonObject>) -> Arc<JsonObject> {
    if !guarded(def) {
        return schema;
    }
    let mut schema = Arc::unwrap_or_clone(schema);
    let properties = schema
        .entry("properties")
        .or_insert_with(|| Value::Object(JsonObject::new()));
    if let Value::Object(properties) = properties {
        properties.insert(
            ARG.into(),
            json!({
                "type": "string",
                "description": "Leave this out at first: the call then changes nothing and answers with a preview \
                    of what it would delete and a token. After the user agrees, repeat the exact same call with \
                    that token here (valid 5 minutes, for this call only)."
            }),
        );
    }
    Arc::new(schema)
}

/// Takes the `confirm` argument out of a guarded tool's arguments (the typed arguments do
/// not know it). Other tools keep it, so their validation refuses it as unknown.
pub fn take_token(def: &ToolDef, arguments: &mut JsonObject) -> Option<Value> {
    if guarded(def) {
        arguments.remove(ARG)
    } else {
        None
    }
}

/// `?confirm=off` or `X-MCP-Confirm: off` (also `false`, `0`, `no`) turns the guard off.
pub fn enabled(parts: Option<&Parts>) -> bool {
    let is_off = |v: &str| {
        matches!(
            v.trim().to_ascii_lowercase().as_str(),
            "off" | "false" | "0" | "no"
        )
    };
    let Some(parts) = parts else { return true };
    let by_query = parts.uri.query().and_then(|q| {
        url::form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k.eq_ignore_ascii_case("confirm"))
            .map(|(_, v)| is_off(&v))
    });
    let by_header = parts
        .headers
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .map(is_off);
    !(by_query.unwrap_or(false) || by_header.unwrap_or(false))
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Writes `value` as JSON with object keys sorted, so the same request always gives the
/// same bytes whatever order the client sent its arguments in.
fn canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                if let Some(v) = map.get(key) {
                    canonical(v, out);
                }
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// Issues and checks `confirm` tokens, and builds the previews.
#[derive(Clone)]
pub struct Confirmer {
    key: Vec<u8>,
    ttl: Duration,
}

impl std::fmt::Debug for Confirmer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Confirmer")
            .field("ttl", &self.ttl)
            .finish_non_exhaustive()
    }
}

impl Confirmer {
    /// With `secret`, tokens hold across restarts and replicas; without, a random key
    /// lives as long as the process.
    pub fn new(secret: Option<&str>, ttl: Duration) -> Self {
        let key = match secret {
            Some(secret) => secret.as_bytes().to_vec(),
            None => rand::random::<[u8; 32]>().to_vec(),
        };
        Self { key, ttl }
    }

    pub fn from_config(config: &Config) -> Self {
        Self::new(
            config.confirm_secret.as_ref().map(|s| s.expose()),
            config.confirm_ttl,
        )
    }

    fn mac(&self, tool: &str, request: &ApiRequest, credential: &[u8], expires: u64) -> HmacSha256 {
        let mut query = request.query.clone();
        query.sort();
        let mut body = String::new();
        if let Some(value) = &request.body {
            canonical(value, &mut body);
        }
        let mut text = String::new();
        canonical(
            &json!({
                "v": 1,
                "tool": tool,
                "method": request.method.as_str(),
                "path": request.path,
                "query": query,
                "body": body,
                "credential": hex(&Sha256::digest(credential)),
                "expires": expires,
            }),
            &mut text,
        );
        // An HMAC takes a key of any length, so this cannot fail; the fallback keeps the
        // no-panic rule without a path that matters.
        let mut mac = HmacSha256::new_from_slice(&self.key)
            .unwrap_or_else(|_| HmacSha256::new(&Default::default()));
        mac.update(text.as_bytes());
        mac
    }

    /// A token for this exact call, valid until `expires` (Unix seconds).
    pub fn issue(
        &self,
        tool: &str,
        request: &ApiRequest,
        credential: &[u8],
        expires: u64,
    ) -> String {
        let tag = self
            .mac(tool, request, credential, expires)
            .finalize()
            .into_bytes();
        format!("{expires}.{}", URL_SAFE_NO_PAD.encode(tag))
    }

    /// Checks a token against this call at time `now` (Unix seconds).
    pub fn check(
        &self,
        token: &str,
        tool: &str,
        request: &ApiRequest,
        credential: &[u8],
        now: u64,
    ) -> Result<(), ConfirmError> {
        let (expires, tag) = token
            .trim()
            .split_once('.')
            .ok_or(ConfirmError::Malformed)?;
        let expires: u64 = expires.parse().map_err(|_| ConfirmError::Malformed)?;
        let tag = URL_SAFE_NO_PAD
            .decode(tag)
            .map_err(|_| ConfirmError::Malformed)?;
        if tag.len() != 32 {
            return Err(ConfirmError::Malformed);
        }
        // Checked first, so that an edited expiry reads as a mismatch, not as "expired".
        self.mac(tool, request, credential, expires)
            .verify_slice(&tag)
            .map_err(|_| ConfirmError::Mismatch)?;
        if now > expires {
            return Err(ConfirmError::Expired {
                ago: now - expires,
                ttl: self.ttl.as_secs(),
            });
        }
        Ok(())
    }

    /// Before a call is sent: `None` lets it through (not guarded, guard off, or a valid
    /// token); `Some` is the preview to answer with instead; an error refuses the call.
    pub async fn gate(
        &self,
        client: &ApiClient,
        def: &'static ToolDef,
        args: &ParsedArgs,
        token: Option<Value>,
        parts: Option<&Parts>,
        caller: &Caller,
    ) -> Result<Option<CallToolResult>, PlatformError> {
        if !guarded(def) || !enabled(parts) {
            return Ok(None);
        }
        let request = ApiRequest::build(def, args.clone())?;
        let credential = caller.authorization.as_bytes();
        if let Some(token) = token {
            let token = token
                .as_str()
                .ok_or(PlatformError::Confirm(ConfirmError::NotAString))?;
            self.check(token, def.name, &request, credential, now_secs())
                .map_err(PlatformError::Confirm)?;
            tracing::info!(tool = def.name, "destructive call confirmed");
            return Ok(None);
        }
        let request_id = parts.and_then(|p| p.extensions.get::<RequestId>());
        let current = read_current(client, def, args, caller, request_id).await?;
        let expires = now_secs() + self.ttl.as_secs();
        let token = self.issue(def.name, &request, credential, expires);
        Ok(Some(preview(
            def, &request, current, token, expires, self.ttl,
        )))
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The read route that shows what a destructive tool would remove, from the catalog:
/// a GET on the same path; else one in the same toolset that extends it by one literal
/// segment with no new placeholder (`/databases/{databaseName}/details`); else the GET of
/// the nearest parent path (the collection an item is removed from). The read route may
/// only need placeholders the destructive call has.
pub fn preview_route(def: &ToolDef) -> Option<(&'static ToolDef, bool)> {
    let own: Vec<Segment> = def.path.segments().collect();
    let reads = || {
        CATALOG.iter().filter(|r| {
            r.is_read_only()
                && r.method == axum::http::Method::GET
                && r.placeholders().all(|p| def.placeholders().any(|q| q == p))
        })
    };
    if let Some(read) = reads().find(|r| r.path == def.path) {
        return Some((read, true));
    }
    let extends = |r: &&ToolDef| {
        let segments: Vec<Segment> = r.path.segments().collect();
        r.toolset == def.toolset
            && segments.len() == own.len() + 1
            && segments.starts_with(&own)
            && matches!(segments.last(), Some(Segment::Literal(_)))
    };
    if let Some(read) = reads().find(extends) {
        return Some((read, true));
    }
    reads()
        .filter(|r| {
            let segments: Vec<Segment> = r.path.segments().collect();
            segments.len() < own.len() && own.starts_with(&segments)
        })
        .max_by_key(|r| r.path.segments().count())
        .map(|read| (read, false))
}

/// What the preview read: the route and its answer, or why it could not be read.
struct Current {
    from: String,
    /// Whether `from` reads the very thing the call removes (else its parent collection).
    exact: bool,
    value: Result<Value, String>,
}

/// Reads the current state through the preview route. A 404 means there is nothing to
/// delete, which is the answer; other failures leave the preview without the current
/// state (a key may hold a delete scope but not the read scope).
async fn read_current(
    client: &ApiClient,
    def: &'static ToolDef,
    args: &ParsedArgs,
    caller: &Caller,
    request_id: Option<&RequestId>,
) -> Result<Option<Current>, PlatformError> {
    let Some((read, exact)) = preview_route(def) else {
        return Ok(None);
    };
    let wanted = |name: &str| {
        read.placeholders()
            .any(|p| p == name || segment_arg(p) == Some(name))
    };
    let params: JsonObject = args
        .params
        .iter()
        .filter(|(k, _)| wanted(k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let request = match ApiRequest::build(
        read,
        ParsedArgs {
            params,
            body: Default::default(),
        },
    ) {
        Ok(request) => request,
        Err(_) => return Ok(None),
    };
    let from = format!("GET {}", request.path);
    let started = std::time::Instant::now();
    let outcome = client
        .send(&request, &caller.authorization, request_id)
        .await;
    let status = match &outcome {
        Ok((status, _)) | Err(PlatformError::Api { status, .. }) => *status,
        Err(_) => 0,
    };
    crate::measure::api_call("GET", status, started.elapsed());
    tracing::info!(
        tool = def.name,
        preview = read.name,
        status,
        "confirm preview read"
    );
    let value = match outcome {
        Ok((_, value)) => Ok(value),
        Err(PlatformError::Api { status: 404, .. }) if exact => {
            return Err(PlatformError::Confirm(ConfirmError::NothingThere {
                tool: def.name,
                from,
            }));
        }
        Err(error) => Err(error.to_string()),
    };
    Ok(Some(Current { from, exact, value }))
}

fn preview(
    def: &ToolDef,
    request: &ApiRequest,
    current: Option<Current>,
    token: String,
    expires: u64,
    ttl: Duration,
) -> CallToolResult {
    let action = format!("{} {}", request.method, request.path);
    let mut text = format!(
        "Confirmation needed: {} would send {action} to the Hostless API. Nothing has been changed yet.\n",
        def.name
    );
    let mut structured = json!({
        "confirmationRequired": true,
        "tool": def.name,
        "request": {"method": request.method.as_str(), "path": request.path},
        "confirm": token,
        "expiresAt": expires,
        "expiresInSeconds": ttl.as_secs(),
    });
    match current {
        Some(Current {
            from,
            exact,
            value: Ok(value),
        }) => {
            let shown = value.to_string();
            if exact {
                text.push_str(&format!("\nWhat it removes or changes now ({from}):\n"));
            } else {
                text.push_str(&format!(
                    "\nThe route has no read of its own; this is what it belongs to now ({from}):\n"
                ));
            }
            text.push_str(cut(&shown, MAX_TEXT_PREVIEW));
            if shown.len() > MAX_TEXT_PREVIEW {
                text.push_str(&format!(" … [{} characters in all]", shown.len()));
            }
            text.push('\n');
            if let Value::Object(map) = &mut structured {
                map.insert("currentFrom".into(), json!(from));
                if shown.len() <= MAX_STRUCTURED_PREVIEW {
                    map.insert("current".into(), value);
                } else {
                    map.insert("current".into(), Value::Null);
                    map.insert("currentTruncated".into(), json!(true));
                }
            }
        }
        Some(Current {
            from,
            value: Err(reason),
            ..
        }) => {
            text.push_str(&format!(
                "\nThe current state could not be read ({from}: {reason}).\n"
            ));
            if let Value::Object(map) = &mut structured {
                map.insert("currentFrom".into(), json!(from));
                map.insert("currentError".into(), json!(reason));
            }
        }
        None => text.push_str("\nThe API has no read route for this; check the arguments above.\n"),
    }
    if let Some(Value::Object(request_json)) = structured.get_mut("request")
        && let Some(body) = &request.body
    {
        request_json.insert("body".into(), body.clone());
    }
    if !request.query.is_empty()
        && let Some(Value::Object(request_json)) = structured.get_mut("request")
    {
        let query: JsonObject = request
            .query
            .iter()
            .map(|(k, v)| (k.clone(), json!(v)))
            .collect();
        request_json.insert("query".into(), Value::Object(query));
    }
    text.push_str(&format!(
        "\nShow this to the user. Only if they agree, call {} again with the same arguments plus \
         \"confirm\": \"{}\" (valid {} minutes, for this exact call and credential only).",
        def.name,
        structured
            .get("confirm")
            .and_then(Value::as_str)
            .unwrap_or_default(),
        ttl.as_secs().div_ceil(60)
    ));
    let mut result = CallToolResult::success(vec![ContentBlock::text(text)]);
    result.structured_content = Some(structured);
    result
}

/// The first `max` bytes of `text`, on a character boundary.
fn cut(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or_default()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use axum::http::Method;

    fn delete(path: &str) -> ApiRequest {
        ApiRequest {
            method: Method::DELETE,
            path: path.into(),
            query: Vec::new(),
            body: None,
        }
    }

    fn def(name: &str) -> &'static ToolDef {
        CATALOG.iter().find(|d| d.name == name).unwrap()
    }

    #[test]
    fn a_token_holds_for_its_call_only() {
        let c = Confirmer::new(Some(&"k".repeat(32)), Duration::from_secs(300));
        let r = delete("/v1/apps/web");
        let t = c.issue("apps_delete", &r, b"hlk_a", 1_000);
        assert!(c.check(&t, "apps_delete", &r, b"hlk_a", 999).is_ok());
        assert!(matches!(
            c.check(&t, "apps_delete", &r, b"hlk_a", 1_001),
            Err(ConfirmError::Expired { ago: 1, .. })
        ));
        assert!(matches!(
            c.check(&t, "apps_delete", &delete("/v1/apps/api"), b"hlk_a", 999),
            Err(ConfirmError::Mismatch)
        ));
        assert!(matches!(
            c.check(&t, "apps_delete", &r, b"hlk_b", 999),
            Err(ConfirmError::Mismatch)
        ));
        assert!(matches!(
            c.check(&t, "sites_delete", &r, b"hlk_a", 999),
            Err(ConfirmError::Mismatch)
        ));
        // A later expiry written into the token does not extend it.
        let (_, tag) = t.split_once('.').unwrap();
        assert!(matches!(
            c.check(&format!("99999.{tag}"), "apps_delete", &r, b"hlk_a", 999),
            Err(ConfirmError::Mismatch)
        ));
        assert!(matches!(
            c.check("garbage", "apps_delete", &r, b"hlk_a", 999),
            Err(ConfirmError::Malformed)
        ));
        let other = Confirmer::new(Some(&"o".repeat(32)), Duration::from_secs(300));
        assert!(other.check(&t, "apps_delete", &r, b"hlk_a", 999).is_err());
    }

    #[test]
    fn body_key_order_does_not_matter() {
        let c = Confirmer::new(None, Duration::from_secs(300));
        let mut a = delete("/v1/x");
        a.body = Some(serde_json::from_str(r#"{"a":1,"b":{"c":2,"d":3}}"#).unwrap());
        let mut b = a.clone();
        b.body = Some(serde_json::from_str(r#"{"b":{"d":3,"c":2},"a":1}"#).unwrap());
        let t = c.issue("t", &a, b"k", 10);
        assert!(c.check(&t, "t", &b, b"k", 5).is_ok());
    }

    #[test]
    fn every_destructive_tool_takes_confirm_and_has_a_preview_route() {
        let mut guarded_tools = 0;
        for d in CATALOG.iter().filter(|d| guarded(d)) {
            guarded_tools += 1;
            let schema = d.input_schema().unwrap();
            assert!(
                schema["properties"].get(ARG).is_some(),
                "{} has no confirm property",
                d.name
            );
            assert!(
                preview_route(d).is_some(),
                "{} has no preview route",
                d.name
            );
        }
        assert!(guarded_tools >= 10, "{guarded_tools}");
        for d in CATALOG.iter().filter(|d| !guarded(d)) {
            let schema = d.input_schema().unwrap();
            assert!(schema.get("properties").and_then(|p| p.get(ARG)).is_none());
        }
    }

    #[test]
    fn preview_routes_come_from_the_catalog() {
        let route = |n: &str| preview_route(def(n)).map(|(r, exact)| (r.name, exact));
        assert_eq!(route("apps_delete"), Some(("apps_get", true)));
        assert_eq!(route("projects_delete"), Some(("projects_get", true)));
        assert_eq!(route("databases_delete"), Some(("databases_get", true)));
        assert_eq!(route("domains_remove"), Some(("domains_list", true)));
        assert_eq!(route("vms_delete"), Some(("vms_get", true)));
        assert_eq!(
            route("collaborators_remove"),
            Some(("collaborators_list", false))
        );
        assert_eq!(
            route("integrations_slack_remove"),
            Some(("integrations_list", false))
        );
    }

    #[test]
    fn the_guard_is_switched_off_by_query_or_header() {
        let parts = |uri: &str, header: Option<&str>| {
            let mut b = axum::http::Request::builder().uri(uri);
            if let Some(h) = header {
                b = b.header(HEADER, h);
            }
            b.body(()).unwrap().into_parts().0
        };
        assert!(enabled(None));
        assert!(enabled(Some(&parts("/mcp", None))));
        assert!(enabled(Some(&parts("/mcp?confirm=on", None))));
        assert!(!enabled(Some(&parts("/mcp?confirm=off", None))));
        assert!(!enabled(Some(&parts(
            "/mcp?toolsets=all&Confirm=OFF",
            None
        ))));
        assert!(!enabled(Some(&parts("/mcp", Some("off")))));
        assert!(!enabled(Some(&parts("/mcp", Some("false")))));
        assert!(enabled(Some(&parts("/mcp", Some("on")))));
    }
}
