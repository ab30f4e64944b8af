//! The platform MCP server (`POST /mcp`): lists the catalog's tools the client selected
//! and runs a call as one Hostless API request with the caller's credential. The
//! credential reaches here as a [`Caller`] put on the request by the auth middleware.
//! A verified OAuth token also narrows the tools to those its scopes allow (SPEC §5.1):
//! `tools/list` hides the others and a call to one is a tool error naming the scope.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Instant;

use axum::http::request::Parts;
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, Implementation, JsonObject,
    ListToolsResult, PaginatedRequestParams, ServerCapabilities, ServerConfig, Tool,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData as McpError, RoleServer, ServerHandler};
use tracing::Instrument;

use super::answers;
use super::catalog::{self, CATALOG, CatalogError, ToolDef, Toolset};
use super::client::{self, ApiClient, ApiRequest};
use super::confirm::{self, Confirmer};
use super::error::PlatformError;
use super::output::{Contract, DEFAULT_MAX_RESULT_CHARS};
use super::render;
use crate::auth::{Caller, Scopes};
use crate::mcp::serialized::SerializedResult;
use crate::mcp::tools_cache::ToolsListKey;
use crate::measure::{self, ToolOutcome};
use crate::request_id::RequestId;

/// Which tools a client asked for: `?toolsets=a,b` / `X-MCP-Toolsets` and `?readonly=true` / `X-MCP-Readonly`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    toolsets: HashSet<Toolset>,
    /// The default selection is part of it (no list, or `default` in the list): its
    /// everyday tools of opt-in toolsets are shown.
    with_default: bool,
    read_only: bool,
}

impl Selection {
    pub fn from_parts(parts: Option<&Parts>) -> Result<Self, String> {
        let query: Vec<(String, String)> = parts
            .and_then(|p| p.uri.query())
            .map(|q| {
                url::form_urlencoded::parse(q.as_bytes())
                    .into_owned()
                    .collect()
            })
            .unwrap_or_default();
        let lookup = |param: &str, header: &str| -> Option<String> {
            query
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(param))
                .map(|(_, v)| v.clone())
                .or_else(|| {
                    parts
                        .and_then(|p| p.headers.get(header))
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_owned)
                })
        };
        let toolsets = lookup("toolsets", "x-mcp-toolsets");
        let read_only = lookup("readonly", "x-mcp-readonly");
        Self::parse(toolsets.as_deref(), read_only.as_deref())
    }

    /// A selection from the values of `toolsets` and `readonly` (absent: the defaults).
    pub fn parse(toolsets: Option<&str>, read_only: Option<&str>) -> Result<Self, String> {
        let mut with_default = false;
        let toolsets = match toolsets {
            None => {
                with_default = true;
                Toolset::ALL
                    .into_iter()
                    .filter(|t| t.is_default())
                    .collect()
            }
            Some(list) => {
                let mut chosen = HashSet::new();
                for name in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                    if name.eq_ignore_ascii_case("all") {
                        chosen.extend(Toolset::ALL);
                    } else if name.eq_ignore_ascii_case("default") {
                        with_default = true;
                        chosen.extend(Toolset::ALL.into_iter().filter(|t| t.is_default()));
                    } else {
                        let toolset =
                            Toolset::from_name(&name.to_ascii_lowercase()).ok_or_else(|| {
                                let known: Vec<&str> =
                                    Toolset::ALL.iter().map(|t| t.name()).collect();
                                format!(
                                    "unknown toolset {name:?}; known toolsets: all, default, {}",
                                    known.join(", ")
                                )
                            })?;
                        chosen.insert(toolset);
                    }
                }
                chosen
            }
        };
        let read_only = read_only.is_some_and(|v| {
            matches!(v.trim().to_ascii_lowercase().as_str(), "true" | "1" | "yes")
        });
        Ok(Self {
            toolsets,
            with_default,
            read_only,
        })
    }

    /// Whether `def` is shown and callable with this selection.
    pub fn allows(&self, def: &ToolDef) -> bool {
        self.refusal(def).is_none()
    }

    /// The `?toolsets=` value that keeps this selection and adds `extra`: `default` stands
    /// for the default part, then the other chosen toolsets in listing order.
    fn keeping(&self, extra: Toolset) -> String {
        let mut names: Vec<&str> = Vec::new();
        if self.with_default {
            names.push("default");
        }
        for toolset in Toolset::ALL {
            let implied = self.with_default && toolset.is_default();
            if (self.toolsets.contains(&toolset) || toolset == extra) && !implied {
                names.push(toolset.name());
            }
        }
        names.join(",")
    }

    fn refusal(&self, def: &ToolDef) -> Option<PlatformError> {
        let shown = self.toolsets.contains(&def.toolset) || (self.with_default && def.is_default());
        if !shown {
            return Some(PlatformError::ToolsetNotEnabled {
                tool: def.name,
                toolset: def.toolset.name(),
                selection: self.keeping(def.toolset),
            });
        }
        if self.read_only && !def.is_read_only() {
            return Some(PlatformError::ReadOnly { tool: def.name });
        }
        None
    }
}

/// A catalog entry with its `tools/list` form, built once.
struct Entry {
    def: &'static ToolDef,
    tool: Tool,
    /// The tool's output contract (SPEC §5.5).
    contract: Contract,
    /// Every scope a call of this tool may need (one per discriminator value); empty for
    /// routes only a dashboard session may call.
    scopes: Vec<String>,
}

impl Entry {
    /// Whether a token with `granted` may see this tool: it holds one of its scopes.
    fn offered_to(&self, granted: &Scopes) -> bool {
        granted.holds_any(self.scopes.iter().map(String::as_str))
    }
}

/// Why a verified OAuth token may not make this call, if it may not.
fn scope_refusal(
    def: &'static ToolDef,
    granted: &Scopes,
    args: &JsonObject,
) -> Option<PlatformError> {
    let Some(scope) = def.scope_for(args) else {
        return Some(PlatformError::SessionOnly { tool: def.name });
    };
    (!granted.holds(&scope)).then(|| PlatformError::ScopeNotGranted {
        tool: def.name,
        scope,
        granted: granted.to_string(),
    })
}

struct Shared {
    entries: Vec<Entry>,
    by_name: HashMap<&'static str, usize>,
    client: ApiClient,
    info: ServerConfig,
    confirmer: Confirmer,
}

/// One handler per request; cloning it is one `Arc` increment.
#[derive(Clone)]
pub struct PlatformServer {
    shared: Arc<Shared>,
    /// `MAX_RESULT_CHARS`: the most characters one answer carries.
    max_result_chars: usize,
}

impl PlatformServer {
    pub fn new(client: ApiClient, confirmer: Confirmer) -> Result<Self, CatalogError> {
        let mut entries = Vec::with_capacity(CATALOG.len());
        for def in &CATALOG {
            let contract = def.contract()?;
            let tool = Tool::new(def.name, def.description, def.input_schema()?)
                .with_title(def.title)
                .with_annotations(def.annotations())
                .with_raw_output_schema(contract.output_schema());
            let mut scopes: Vec<String> = def
                .expansions()
                .into_iter()
                .filter_map(|e| e.scope)
                .collect();
            scopes.sort();
            scopes.dedup();
            entries.push(Entry {
                def,
                tool,
                contract,
                scopes,
            });
        }
        let by_name = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.def.name, i))
            .collect();
        let info = ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(
                Implementation::new("hostless", env!("CARGO_PKG_VERSION"))
                    .with_title("Hostless Platform"),
            )
            .with_instructions(catalog::instructions());
        Ok(Self {
            shared: Arc::new(Shared {
                entries,
                by_name,
                client,
                info,
                confirmer,
            }),
            max_result_chars: DEFAULT_MAX_RESULT_CHARS,
        })
    }

    /// Caps every answer at `chars` characters (`MAX_RESULT_CHARS`).
    pub fn with_max_result_chars(mut self, chars: usize) -> Self {
        self.max_result_chars = chars;
        self
    }

    /// The catalog listing (`GET /mcp/tools`, `tools --json`) of what `selection` shows,
    /// built from the very `tools/list` entries this server hands to clients.
    pub fn listing(&self, selection: &Selection) -> serde_json::Value {
        catalog::listing::listing(
            self.shared
                .entries
                .iter()
                .filter(|e| selection.allows(e.def))
                .map(|e| (e.def, &e.tool)),
        )
    }

    /// The entries `tools/list` shows for this request (with their catalog positions): the selection's, narrowed
    /// to a token's scopes.
    fn listed<'a>(
        &'a self,
        parts: Option<&'a Parts>,
    ) -> Result<impl Iterator<Item = (usize, &'a Entry)> + 'a, String> {
        let selection = Selection::from_parts(parts)?;
        let granted = parts
            .and_then(|p| p.extensions.get::<Caller>())
            .and_then(Caller::oauth_scopes);
        Ok(self
            .shared
            .entries
            .iter()
            .enumerate()
            .filter(move |(_, e)| selection.refusal(e.def).is_none())
            .filter(move |(_, e)| granted.is_none_or(|g| e.offered_to(g))))
    }

    async fn run(
        &self,
        def: &'static ToolDef,
        contract: &Contract,
        request: CallToolRequestParams,
        parts: Option<&Parts>,
        serialized: Option<&SerializedResult>,
    ) -> Result<CallToolResult, PlatformError> {
        let selection = Selection::from_parts(parts).map_err(PlatformError::BadSelection)?;
        if let Some(refusal) = selection.refusal(def) {
            return Err(refusal);
        }
        let caller = parts
            .and_then(|p| p.extensions.get::<Caller>())
            .ok_or(PlatformError::NoCredential)?;
        let mut arguments = request.arguments.unwrap_or_default();
        let confirm_token = confirm::take_token(def, &mut arguments);
        let options = contract
            .take_options(&mut arguments)
            .map_err(PlatformError::InvalidArguments)?;
        let args = (def.args.parse)(arguments).map_err(PlatformError::InvalidArguments)?;
        if let Some(granted) = caller.oauth_scopes()
            && let Some(refusal) = scope_refusal(def, granted, &args.params)
        {
            tracing::info!(tool = def.name, reason = %refusal, "tool call refused: OAuth scope");
            return Err(refusal);
        }
        let (client, confirmer) = (&self.shared.client, &self.shared.confirmer);
        if let Some(preview) =
            (confirmer.gate(client, def, &args, confirm_token, parts, caller)).await?
        {
            return Ok(preview);
        }
        let api_request = ApiRequest::build(def, args)?;
        let started = Instant::now();
        let request_id = parts.and_then(|p| p.extensions.get::<RequestId>());
        let outcome = self
            .shared
            .client
            .send_raw(&api_request, &caller.authorization, request_id)
            .await;
        let status = match &outcome {
            Ok((status, _)) => *status,
            Err(PlatformError::Api { status, .. }) => *status,
            Err(_) => 0,
        };
        measure::api_call(def.method.as_str(), status, started.elapsed());
        tracing::info!(
            tool = def.name,
            method = def.method.as_str(),
            route = def.path.as_str(),
            status,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "platform call"
        );
        let (status, bytes) = outcome?;
        if let Some(slot) = serialized
            && let Some(result) =
                answers::serialized(def, contract, &options, &bytes, self.max_result_chars)
        {
            slot.put(result);
            // A placeholder: the lean path sends the bytes just left instead.
            return Ok(CallToolResult::success(Vec::new()));
        }
        let value = client::json_answer(status, &bytes)?;
        Ok(answers::shape(
            def,
            value,
            self.max_result_chars,
            |v, cap| render::success(contract, &options, status, v, cap),
        ))
    }
}

/// How a failed call is counted: the API's refusals and failures apart from our own.
fn outcome(error: &PlatformError) -> ToolOutcome {
    match error {
        PlatformError::Api { status, .. } if *status >= 500 => ToolOutcome::Api5xx,
        PlatformError::Api { .. } => ToolOutcome::Api4xx,
        PlatformError::Unreachable(_) | PlatformError::Timeout(_) => ToolOutcome::Unreachable,
        _ => ToolOutcome::ToolError,
    }
}

fn parts(context: &RequestContext<RoleServer>) -> Option<&Parts> {
    context.extensions.get::<Parts>()
}

/// The key of a `tools/list` answer is the set of entries it shows (one bit per catalog entry), computed by the
/// same filter `list_tools` uses.
impl ToolsListKey for PlatformServer {
    fn tools_list_key(&self, parts: &Parts) -> Option<Vec<u8>> {
        let mut bits = vec![0u8; self.shared.entries.len().div_ceil(8)];
        for (i, _) in self.listed(Some(parts)).ok()? {
            *bits.get_mut(i / 8)? |= 1 << (i % 8);
        }
        Some(bits)
    }
}

impl ServerHandler for PlatformServer {
    fn get_info(&self) -> ServerConfig {
        self.shared.info.clone()
    }

    fn supported_protocol_versions(
        &self,
    ) -> std::borrow::Cow<'static, [rmcp::model::ProtocolVersion]> {
        crate::protocol::supported()
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, McpError> {
        let tools = self
            .listed(parts(&context))
            .map_err(|e| McpError::invalid_params(e, None))?
            .map(|(_, e)| e.tool.clone())
            .collect();
        Ok(ListToolsResult::with_all_items(tools))
    }

    fn get_tool(&self, name: &str) -> Option<Tool> {
        let i = *self.shared.by_name.get(name)?;
        Some(self.shared.entries.get(i)?.tool.clone())
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, McpError> {
        let entry = self
            .shared
            .by_name
            .get(request.name.as_ref())
            .and_then(|&i| self.shared.entries.get(i));
        let Some(entry) = entry else {
            return Err(McpError::invalid_params(
                format!(
                    "tool not found: {}; call tools/list to see the available tools",
                    request.name
                ),
                None,
            ));
        };
        let def = entry.def;
        let parts = parts(&context);
        // The request id is put on the span here rather than inherited, because rmcp may run
        // the handler outside the HTTP request's span. Arguments are never recorded: they can
        // hold secrets (environment variable values, tokens).
        let span = tracing::info_span!(
            "tool_call",
            tool = def.name,
            request_id = parts
                .and_then(|p| p.extensions.get::<RequestId>())
                .map(tracing::field::display),
            outcome = tracing::field::Empty,
        );
        let started = Instant::now();
        let result = match self
            .run(
                def,
                &entry.contract,
                request,
                parts,
                context.extensions.get::<SerializedResult>(),
            )
            .instrument(span.clone())
            .await
        {
            Ok(result) => {
                span.record("outcome", "ok");
                span.in_scope(|| tracing::info!("tool call finished"));
                measure::tool_call("platform", def.name, ToolOutcome::Ok, started.elapsed());
                result
            }
            Err(error) => {
                measure::tool_call("platform", def.name, outcome(&error), started.elapsed());
                span.record("outcome", "error");
                span.in_scope(|| tracing::info!(reason = error.kind(), "tool call finished"));
                error.into_tool_result()
            }
        };
        Ok(result.into())
    }
}
