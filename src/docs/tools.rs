//! The public docs MCP server (`POST /mcp/docs`): `search` and `fetch` in the shape
//! ChatGPT connectors and deep research expect, plus `docs_search`, `docs_get_page` and
//! `docs_list` for other clients. Thin adapters: arguments in, `docs-index` call, wire
//! DTOs out. Every bad input is a tool result with `isError: true`.

use std::sync::Arc;

use crate::schema;
use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::handler::server::wrapper::{Json, Parameters};
use rmcp::model::{
    CallToolResult, CompleteRequestParams, CompleteResult, CompletionInfo, ContentBlock, ErrorData,
    Implementation, ListResourceTemplatesResult, ListResourcesResult, PaginatedRequestParams,
    ReadResourceRequestParams, ReadResourceResponse, ReadResourceResult, Reference,
    ResourceContents, ServerCapabilities, ServerConfig,
};
use rmcp::service::{RequestContext, RoleServer};
use rmcp::{ServerHandler, tool, tool_handler, tool_router};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Docs;
use super::resources;
use super::watch::LiveDocs;
use crate::measure::{self, ToolOutcome};

fn response_is_error(response: &rmcp::model::CallToolResponse) -> bool {
    match response {
        rmcp::model::CallToolResponse::Complete(result) => result.is_error == Some(true),
        _ => false,
    }
}

/// Longest query accepted; longer text is a paste, not a query.
const MAX_QUERY_CHARS: usize = 1000;
const SEARCH_RESULTS: usize = 10;
/// `docs_get_page`'s piece size: the default keeps a call well inside a model's context,
/// the bounds keep pieces useful and replies bounded.
const DEFAULT_MAX_CHARS: usize = 20_000;
const MAX_CHARS_RANGE: std::ops::RangeInclusive<i64> = 500..=100_000;

const INSTRUCTIONS: &str = "Hostless documentation (guides, API reference, MCP setup). \
ChatGPT-style clients: call `search` with a question, then `fetch` with a result id to read the page. \
Other clients: `docs_search` returns ranked pages with snippets (a hit's URL names its section's anchor), \
`docs_get_page` reads a page by path (e.g. `developers`, `app/deployments`) in pieces of `maxChars` characters \
(go on with `offset` = `nextOffset`), or one `section` of it by anchor; `docs_list` lists every page. \
To act on an account (deploys, apps, databases, billing), use the authenticated platform endpoint `/mcp` instead.";

#[derive(Debug, Deserialize, JsonSchema)]
pub struct SearchArgs {
    /// What to look for, in plain words or as a question.
    pub query: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct FetchArgs {
    /// A result `id` from `search` (a page path such as `app/deployments`).
    pub id: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct DocsSearchArgs {
    /// Keywords or a question.
    pub query: String,
    /// Maximum number of pages to return (1-50, default 10).
    #[schemars(range(min = 1, max = 50))]
    pub limit: Option<i64>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GetPageArgs {
    /// Page path (`app/deployments`, `/developers`), a `.md`/`.mdx` name, or the page URL (`#anchor` = section).
    pub path: String,
    /// Only this section (to the next heading of its level or higher): an anchor from `toc`, or the heading.
    pub section: Option<String>,
    /// Characters to skip into the page or section, to read on from a previous call's `nextOffset` (default 0).
    #[schemars(range(min = 0))]
    pub offset: Option<i64>,
    /// Most characters to return (500-100000, default 20000); longer text is cut and `nextOffset` says where to go on.
    #[schemars(range(min = 500, max = 100000))]
    pub max_chars: Option<i64>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
pub struct ListArgs {
    /// Only list pages whose path starts with this prefix (e.g. `api/`).
    pub prefix: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct SearchResult {
    /// Page path; pass it to `fetch`.
    pub id: String,
    pub title: String,
    /// Public URL of the page, with `#anchor` when the best match is a section.
    pub url: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct SearchResults {
    pub results: Vec<SearchResult>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct FetchMetadata {
    pub path: String,
    pub description: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct FetchedDocument {
    pub id: String,
    pub title: String,
    /// The page's Markdown without front matter.
    pub text: String,
    pub url: String,
    pub metadata: FetchMetadata,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct DocsHit {
    pub path: String,
    pub title: String,
    /// Public URL, ending with `#anchor` when the hit is a section.
    pub url: String,
    /// Excerpt of the best-matching section; matched terms are wrapped in `**`.
    pub snippet: String,
    /// Anchor of the best-matching heading section, when it is not the top of the page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
    /// Heading of the best-matching section, when it is not the top of the page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct DocsSearchResults {
    pub query: String,
    pub results: Vec<DocsHit>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct TocEntry {
    /// Pass it as `section` to read only this part.
    pub anchor: String,
    pub title: String,
    /// 1 for a `#` heading, up to 6.
    pub level: u8,
}

#[derive(Debug, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DocsPage {
    pub path: String,
    pub title: String,
    /// Public URL of the page (with `#anchor` when a section was read).
    pub url: String,
    pub description: String,
    /// The Markdown served: the page or section, from `offset`, at most `maxChars` characters.
    pub text: String,
    /// Every heading of the whole page.
    pub toc: Vec<TocEntry>,
    /// Anchor of the section served, or null for the whole page.
    pub section: Option<String>,
    /// Characters of the page or section before `text`.
    pub offset: usize,
    /// Characters in the whole page or section.
    pub total_chars: usize,
    /// Pass as `offset` to read on; null when `text` reaches the end.
    pub next_offset: Option<usize>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct PageSummary {
    pub path: String,
    pub title: String,
    pub url: String,
    pub description: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct PageList {
    pub pages: Vec<PageSummary>,
}

/// Shared, built once: the live docs and the tool router (rmcp builds a server per POST).
struct Shared {
    live: Arc<LiveDocs>,
    router: ToolRouter<DocsServer>,
    info: ServerConfig,
}

/// One handler instance per request, holding the docs snapshot it answers from: a clone
/// takes the current snapshot, so a request never mixes two versions of the docs (live
/// reload swaps them). A handler kept across requests must be cloned for each one.
pub struct DocsServer {
    shared: Arc<Shared>,
    docs: Arc<Docs>,
}

impl Clone for DocsServer {
    fn clone(&self) -> Self {
        Self {
            shared: self.shared.clone(),
            docs: self.shared.live.current(),
        }
    }
}

fn tool_error(message: impl Into<String>) -> CallToolResult {
    CallToolResult::error(vec![ContentBlock::text(message.into())])
}

/// The error for a `section` the page does not have, listing the ones it does.
fn unknown_section(page: &docs_index::Page, wanted: &str) -> CallToolResult {
    if page.toc.is_empty() {
        return tool_error(format!(
            "page {:?} has no sections, so there is no {wanted:?}: call docs_get_page without `section`",
            page.path
        ));
    }
    let anchors: Vec<&str> = page.toc.iter().map(|h| h.anchor.as_str()).collect();
    tool_error(format!(
        "page {:?} has no section {wanted:?}; its section anchors are: {}",
        page.path,
        anchors.join(", ")
    ))
}

/// A readable text rendering plus the same data as `structuredContent`.
fn text_and_structured<T: Serialize>(
    text: String,
    value: &T,
) -> Result<CallToolResult, CallToolResult> {
    let structured = serde_json::to_value(value)
        .map_err(|e| tool_error(format!("internal error rendering the result: {e}")))?;
    let mut result = CallToolResult::success(vec![ContentBlock::text(text)]);
    result.structured_content = Some(structured);
    Ok(result)
}

/// Trims and checks a query; the message tells the agent what to send instead.
fn clean_query(query: &str) -> Result<&str, CallToolResult> {
    let query = query.trim();
    if query.is_empty() {
        return Err(tool_error(
            "query must not be empty: pass a few words or a question, e.g. \"custom domains\"",
        ));
    }
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(tool_error(format!(
            "query is too long ({} characters, the limit is {MAX_QUERY_CHARS}): pass a short question or keywords",
            query.chars().count()
        )));
    }
    Ok(query)
}

/// `docs_search`'s answer: the text rendering and the same hits as `structuredContent`, both written
/// straight from the hits (one buffer for the text; the structured value takes the hits' strings
/// instead of copying them as `serde_json::to_value` would). The content is exactly what
/// `text_and_structured` with [`DocsSearchResults`] gives; a test checks it.
fn search_answer(docs: &Docs, query: &str, hits: Vec<docs_index::Hit>) -> CallToolResult {
    use std::fmt::Write as _;
    let mut text = String::with_capacity(64 + hits.len() * 512);
    if hits.is_empty() {
        let _ = write!(
            text,
            "No results for {query:?}. Try other words, or `docs_list` to browse every page."
        );
    } else {
        let _ = writeln!(text, "Found {} result(s) for {query:?}:", hits.len());
    }
    let mut results = Vec::with_capacity(hits.len());
    for (i, hit) in hits.into_iter().enumerate() {
        let mut url = docs.url(&hit.path);
        if let Some(anchor) = &hit.anchor {
            url.push('#');
            url.push_str(anchor);
        }
        let _ = write!(text, "\n{}. {}", i + 1, hit.title);
        if let Some(section) = &hit.section {
            let _ = write!(text, " › {section}");
        }
        let _ = write!(
            text,
            "\n   path: {}\n   url: {}\n   {}\n",
            hit.path, url, hit.snippet
        );
        let mut entry = serde_json::Map::new();
        entry.insert("path".into(), hit.path.into());
        entry.insert("title".into(), hit.title.into());
        entry.insert("url".into(), url.into());
        entry.insert("snippet".into(), hit.snippet.into());
        if let Some(anchor) = hit.anchor {
            entry.insert("anchor".into(), anchor.into());
        }
        if let Some(section) = hit.section {
            entry.insert("section".into(), section.into());
        }
        results.push(serde_json::Value::Object(entry));
    }
    let mut structured = serde_json::Map::new();
    structured.insert("query".into(), query.into());
    structured.insert("results".into(), serde_json::Value::Array(results));
    let mut result = CallToolResult::success(vec![ContentBlock::text(text)]);
    result.structured_content = Some(serde_json::Value::Object(structured));
    result
}

impl DocsServer {
    /// Builds the shared state once; the HTTP layer then clones this server for each
    /// request (one `Arc` increment).
    pub fn new(docs: Arc<Docs>) -> Self {
        let capabilities = ServerCapabilities::builder()
            .enable_tools()
            .enable_resources()
            .enable_completions()
            .build();
        let info = ServerConfig::new(capabilities)
            .with_server_info(
                Implementation::new("hostless-docs", env!("CARGO_PKG_VERSION"))
                    .with_title("Hostless Docs"),
            )
            .with_instructions(INSTRUCTIONS);
        Self {
            shared: Arc::new(Shared {
                live: Arc::new(LiveDocs::new(docs.clone())),
                router: Self::tool_router(),
                info,
            }),
            docs,
        }
    }

    /// The docs this server answers from, for the watcher to replace.
    pub fn live_docs(&self) -> Arc<LiveDocs> {
        self.shared.live.clone()
    }

    fn docs(&self) -> &Docs {
        &self.docs
    }

    fn page_or_error(
        &self,
        reference: &str,
        what: &str,
    ) -> Result<&docs_index::Page, CallToolResult> {
        let reference = reference.trim();
        if reference.is_empty() {
            return Err(tool_error(format!(
                "{what} must not be empty: pass a page path such as \"developers\" (docs_list shows every path)"
            )));
        }
        self.docs().resolve(reference).ok_or_else(|| {
            let near = super::suggest::suggestions(self.docs().index(), reference);
            let hint = if near.is_empty() {
                String::new()
            } else {
                let quoted: Vec<String> = near.iter().map(|p| format!("{p:?}")).collect();
                format!(" Did you mean {}?", quoted.join(" or "))
            };
            tool_error(format!(
                "no documentation page matches {reference:?}.{hint} Use `search`/`docs_search` to find pages, or `docs_list` to see every path."
            ))
        })
    }

    /// A hit's public URL, pointing at its section when it has one; the anchor is one
    /// `docs_get_page` accepts as `section`.
    fn hit_url(&self, hit: &docs_index::Hit) -> String {
        let url = self.docs().url(&hit.path);
        match &hit.anchor {
            Some(anchor) => format!("{url}#{anchor}"),
            None => url,
        }
    }

    fn hits(&self, query: &str, limit: usize) -> Result<Vec<docs_index::Hit>, CallToolResult> {
        self.docs().index().search(query, limit).map_err(|e| {
            tracing::error!(error = %e, "docs search failed");
            tool_error("the search index could not answer this query; try different words")
        })
    }
}

#[tool_router]
impl DocsServer {
    #[tool(
        description = "Search the Hostless documentation. Returns up to 10 pages as {results:[{id,title,url}]}; pass an id to `fetch` to read the page.",
        annotations(
            title = "Search Hostless docs",
            read_only_hint = true,
            open_world_hint = false
        )
    )]
    fn search(
        &self,
        Parameters(args): Parameters<SearchArgs>,
    ) -> Result<Json<SearchResults>, CallToolResult> {
        let query = clean_query(&args.query)?;
        let results = self
            .hits(query, SEARCH_RESULTS)?
            .into_iter()
            .map(|hit| SearchResult {
                url: self.hit_url(&hit),
                id: hit.path,
                title: hit.title,
            })
            .collect();
        Ok(Json(SearchResults { results }))
    }

    #[tool(
        description = "Fetch one Hostless documentation page by the id returned from `search`. Returns {id,title,text,url,metadata} where text is the page's Markdown.",
        annotations(
            title = "Fetch a Hostless docs page",
            read_only_hint = true,
            idempotent_hint = true,
            open_world_hint = false
        )
    )]
    fn fetch(
        &self,
        Parameters(args): Parameters<FetchArgs>,
    ) -> Result<Json<FetchedDocument>, CallToolResult> {
        let page = self.page_or_error(&args.id, "id")?;
        Ok(Json(FetchedDocument {
            id: page.path.clone(),
            title: page.title.clone(),
            text: page.markdown.clone(),
            url: self.docs().url(&page.path),
            metadata: FetchMetadata {
                path: page.path.clone(),
                description: page.description.clone(),
            },
        }))
    }

    #[tool(
        description = "Search the Hostless documentation by keywords or a question. Returns ranked pages with path, title, public URL and a snippet (matched terms in **bold**). Read a hit with `docs_get_page`.",
        annotations(title = "Search Hostless docs with snippets", read_only_hint = true, open_world_hint = false),
        input_schema = schema::input_for_router::<DocsSearchArgs>(),
        output_schema = schema::output::<DocsSearchResults>()
    )]
    fn docs_search(
        &self,
        Parameters(args): Parameters<DocsSearchArgs>,
    ) -> Result<CallToolResult, CallToolResult> {
        let query = clean_query(&args.query)?;
        let limit = match args.limit {
            None => 10,
            Some(n @ 1..=50) => n as usize,
            Some(n) => {
                return Err(tool_error(format!(
                    "limit must be between 1 and 50, got {n}"
                )));
            }
        };
        let hits = self.hits(query, limit)?;
        Ok(search_answer(self.docs(), query, hits))
    }

    #[tool(
        description = "Read a Hostless documentation page as Markdown, by path (`app/deployments`, `developers`; `.md`/`.mdx` names and full page URLs work too). Long pages come in pieces of `maxChars` characters: read on with `offset` = the returned `nextOffset`. `section` (an anchor from `toc` or a search hit) reads one part only.",
        annotations(title = "Get a Hostless docs page", read_only_hint = true, idempotent_hint = true, open_world_hint = false),
        input_schema = schema::input_for_router::<GetPageArgs>(),
        // rmcp's own schema: `section` and `nextOffset` are really null at times.
        output_schema = rmcp::handler::server::common::schema_for_output::<DocsPage>()
    )]
    fn docs_get_page(
        &self,
        Parameters(args): Parameters<GetPageArgs>,
    ) -> Result<CallToolResult, CallToolResult> {
        let max_chars = match args.max_chars {
            None => DEFAULT_MAX_CHARS,
            Some(n) if MAX_CHARS_RANGE.contains(&n) => n as usize,
            Some(n) => {
                return Err(tool_error(format!(
                    "maxChars must be between 500 and 100000, got {n}"
                )));
            }
        };
        let offset = match args.offset {
            None => 0,
            Some(n) => usize::try_from(n)
                .map_err(|_| tool_error(format!("offset must be 0 or more, got {n}")))?,
        };
        // A `#anchor` on the path names the section, unless `section` is given.
        let (reference, fragment) = match args.path.split_once('#') {
            Some((reference, fragment)) => (reference, Some(fragment)),
            None => (args.path.as_str(), None),
        };
        let page = self.page_or_error(reference, "path")?;
        let wanted = args
            .section
            .as_deref()
            .or(fragment)
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let heading = wanted
            .map(|wanted| {
                page.section(wanted)
                    .ok_or_else(|| unknown_section(page, wanted))
            })
            .transpose()?;
        let selected = heading.map_or(page.markdown.as_str(), |h| page.section_text(h));
        let piece = docs_index::piece(selected, offset, max_chars).map_err(|e| {
            tool_error(format!(
                "{e}: pass an offset between 0 and {} (the previous call's nextOffset)",
                e.total_chars
            ))
        })?;
        let mut url = self.docs().url(&page.path);
        if let Some(h) = heading {
            url.push('#');
            url.push_str(&h.anchor);
        }
        let out = DocsPage {
            path: page.path.clone(),
            title: page.title.clone(),
            url,
            description: page.description.clone(),
            text: piece.text.to_string(),
            toc: page
                .toc
                .iter()
                .map(|h| TocEntry {
                    anchor: h.anchor.clone(),
                    title: h.title.clone(),
                    level: h.level,
                })
                .collect(),
            section: heading.map(|h| h.anchor.clone()),
            offset: piece.offset,
            total_chars: piece.total_chars,
            next_offset: piece.next_offset,
        };
        let mut text = piece.text.to_string();
        if let Some(next) = piece.next_offset {
            let section = heading
                .map(|h| format!(", section \"{}\"", h.anchor))
                .unwrap_or_default();
            text.push_str(&format!(
                "\n\n[Cut at character {next} of {}. For the rest, call docs_get_page with \
                 path \"{}\"{section}, offset {next}.]",
                piece.total_chars, page.path
            ));
        }
        text_and_structured(text, &out)
    }

    #[tool(
        description = "List every Hostless documentation page (path, title, URL, description), optionally only those under a path prefix such as `api/`.",
        annotations(title = "List Hostless docs pages", read_only_hint = true, idempotent_hint = true, open_world_hint = false),
        input_schema = schema::input_for_router::<ListArgs>(),
        output_schema = schema::output::<PageList>()
    )]
    fn docs_list(
        &self,
        Parameters(args): Parameters<ListArgs>,
    ) -> Result<CallToolResult, CallToolResult> {
        let prefix = args
            .prefix
            .as_deref()
            .map(|p| p.trim().trim_start_matches('/'))
            .unwrap_or("");
        let pages: Vec<PageSummary> = self
            .docs()
            .index()
            .pages()
            .iter()
            .filter(|p| p.path.starts_with(prefix))
            .map(|p| PageSummary {
                path: p.path.clone(),
                title: p.title.clone(),
                url: self.docs().url(&p.path),
                description: p.description.clone(),
            })
            .collect();
        if pages.is_empty() {
            return Err(tool_error(format!(
                "no page path starts with {prefix:?}; call docs_list without a prefix to see every page"
            )));
        }
        let mut text = format!("{} page(s):\n", pages.len());
        for p in &pages {
            text.push_str(&format!("- {} — {} — {}\n", p.path, p.title, p.url));
            if !p.description.is_empty() {
                text.push_str(&format!("  {}\n", p.description));
            }
        }
        text_and_structured(text, &PageList { pages })
    }
}

/// The docs tools are the same for every request, whatever the docs hold.
impl crate::mcp::tools_cache::ToolsListKey for DocsServer {
    fn tools_list_key(&self, _parts: &axum::http::request::Parts) -> Option<Vec<u8>> {
        Some(Vec::new())
    }
}

#[tool_handler(router = self.shared.router)]
impl ServerHandler for DocsServer {
    fn get_info(&self) -> ServerConfig {
        self.shared.info.clone()
    }

    /// The router's own dispatch, counted and timed for `/metrics`.
    async fn call_tool(
        &self,
        request: rmcp::model::CallToolRequestParams,
        context: rmcp::service::RequestContext<rmcp::RoleServer>,
    ) -> Result<rmcp::model::CallToolResponse, rmcp::ErrorData> {
        // Only catalog names become labels: a client cannot mint one by calling a made-up tool.
        let tool = self
            .shared
            .router
            .get(&request.name)
            .map(|t| t.name.to_string());
        let started = std::time::Instant::now();
        let tcc = rmcp::handler::server::tool::ToolCallContext::new(self, request, context);
        let result = self.shared.router.call(tcc).await;
        if let Some(tool) = tool {
            let outcome = match &result {
                Ok(response) if !response_is_error(response) => ToolOutcome::Ok,
                _ => ToolOutcome::ToolError,
            };
            measure::tool_call("docs", &tool, outcome, started.elapsed());
        }
        result
    }

    fn supported_protocol_versions(
        &self,
    ) -> std::borrow::Cow<'static, [rmcp::model::ProtocolVersion]> {
        crate::protocol::supported()
    }

    async fn list_resources(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourcesResult, ErrorData> {
        Ok(ListResourcesResult::with_all_items(resources::list(
            self.docs(),
        )))
    }

    async fn list_resource_templates(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourceTemplatesResult, ErrorData> {
        Ok(ListResourceTemplatesResult::with_all_items(vec![
            resources::template(),
        ]))
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, ErrorData> {
        let Some((uri, markdown)) = resources::read(self.docs(), &request.uri) else {
            return Err(ErrorData::resource_not_found(
                format!(
                    "no docs page has the resource URI {:?}: page URIs look like {}app/deployments \
                     (resources/list shows them all)",
                    request.uri,
                    resources::URI_PREFIX
                ),
                Some(serde_json::json!({ "uri": request.uri })),
            ));
        };
        Ok(ReadResourceResult::new(vec![
            ResourceContents::text(markdown, uri).with_mime_type(resources::MIME_TYPE),
        ])
        .into())
    }

    async fn complete(
        &self,
        request: CompleteRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<CompleteResult, ErrorData> {
        // Only the page template's `path` has values; anything else completes to nothing.
        let ours = matches!(&request.r#ref, Reference::Resource(r) if r.uri == resources::URI_TEMPLATE)
            && request.argument.name == resources::PATH_ARGUMENT;
        if !ours {
            return Ok(CompleteResult::default());
        }
        let (values, total) = resources::complete_paths(self.docs(), &request.argument.value);
        let has_more = total > values.len();
        let total = u32::try_from(total).unwrap_or(u32::MAX);
        let info = CompletionInfo::with_pagination(values, Some(total), has_more)
            .map_err(|e| ErrorData::internal_error(e, None))?;
        Ok(CompleteResult::new(info))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    /// `docs_search`'s answer as it was built before `search_answer`: `DocsHit`s, a `format!`ed
    /// text, and `serde_json::to_value` of `DocsSearchResults`.
    fn reference_answer(docs: &Docs, query: &str, hits: Vec<docs_index::Hit>) -> CallToolResult {
        let results: Vec<DocsHit> = hits
            .into_iter()
            .map(|hit| DocsHit {
                url: match &hit.anchor {
                    Some(anchor) => format!("{}#{anchor}", docs.url(&hit.path)),
                    None => docs.url(&hit.path),
                },
                path: hit.path,
                title: hit.title,
                snippet: hit.snippet,
                anchor: hit.anchor,
                section: hit.section,
            })
            .collect();
        let mut text = if results.is_empty() {
            format!(
                "No results for {query:?}. Try other words, or `docs_list` to browse every page."
            )
        } else {
            format!("Found {} result(s) for {query:?}:\n", results.len())
        };
        for (i, hit) in results.iter().enumerate() {
            let section = hit
                .section
                .as_deref()
                .map(|s| format!(" › {s}"))
                .unwrap_or_default();
            text.push_str(&format!(
                "\n{}. {}{section}\n   path: {}\n   url: {}\n   {}\n",
                i + 1,
                hit.title,
                hit.path,
                hit.url,
                hit.snippet
            ));
        }
        text_and_structured(
            text,
            &DocsSearchResults {
                query: query.to_string(),
                results,
            },
        )
        .unwrap()
    }

    #[test]
    fn search_answers_are_byte_identical_to_the_serde_rendering() {
        let docs = Docs::load(
            super::super::DocsSource::Embedded,
            "https://docs.example.test/",
        )
        .unwrap();
        for query in [
            "custom domain tls certificate",
            "how do I deploy an app",
            "api keys",
            "\"quoted\" words: and \\ backslashes",
            "zzzz no such words qqqq",
        ] {
            let hits = docs.index().search(query, 10).unwrap();
            let ours = serde_json::to_string(&search_answer(&docs, query, hits.clone())).unwrap();
            let theirs = serde_json::to_string(&reference_answer(&docs, query, hits)).unwrap();
            assert_eq!(ours, theirs, "{query}");
        }
    }
}
