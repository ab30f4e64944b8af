//! `GET /`: the front page for people (SPEC §2). A browser (`Accept` preferring `text/html`)
//! gets one self-contained HTML page naming this server's real URLs, with client configs,
//! a docs search box and the platform toolsets; any other client gets the `/health` JSON.
//!
//! The page is filled in once at start-up; only the base URL (and the Cursor link derived
//! from it) is left to fill per request, and not even that when `PUBLIC_URL` fixes it. The
//! inline style and script are constant, so the CSP names them by hash, computed here once.

use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use bytes::Bytes;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use sha2::{Digest, Sha256};

use crate::api_routes::SCOPES;
use crate::config::SandboxKeyInfo;
use crate::http::guard::split_host;
use crate::http::health::Health;
use crate::http::public_base::PublicBase;
use crate::platform::catalog::{CATALOG, Toolset};

const TEMPLATE: &str = include_str!("front_page.html");
const STYLE: &str = include_str!("front_page.css");
const SCRIPT: &str = include_str!("front_page.js");

/// Filled per request: the base URL and the Cursor install link built from it.
const BASE: &str = "{{base}}";
const CURSOR_LINK: &str = "{{cursor_docs_link}}";

/// Name the Cursor install link gives the docs server.
const CURSOR_SERVER_NAME: &str = "hostless-docs";

/// `Accept` media types that ask for the page, and those that ask for the JSON summary.
const HTML_TYPES: [&str; 2] = ["text/html", "application/xhtml+xml"];
const JSON_TYPES: [&str; 1] = ["application/json"];

/// Host names that mean "the machine the server runs on".
const LOOPBACK_NAMES: [&str; 3] = ["localhost", "127.0.0.1", "::1"];

/// What the page shows besides the base URL; everything here is public.
#[derive(Debug, Clone)]
pub struct FrontPageSettings<'a> {
    /// Resolves the base URL per request when `PUBLIC_URL` is not set.
    pub base: PublicBase,
    /// `PUBLIC_URL` without a trailing `/`, when set: the page is then rendered once.
    pub fixed_base: Option<String>,
    pub issuer: &'a str,
    pub docs_site: &'a str,
    pub docs_pages: usize,
    pub api_base_url: &'a str,
    pub sandbox: bool,
    /// Labels, scopes and status of the sandbox's demo keys (no secrets).
    pub sandbox_keys: &'a [SandboxKeyInfo],
    /// The JSON answer for clients that do not ask for HTML.
    pub summary: Health,
}

/// One version of the page: a template still holding [`BASE`] and [`CURSOR_LINK`], or the
/// finished bytes when the base is fixed.
#[derive(Debug, Clone)]
struct Variant {
    template: String,
    fixed: Option<Bytes>,
}

impl Variant {
    fn new(template: String, fixed_base: Option<&str>) -> Self {
        let fixed = fixed_base.map(|base| Bytes::from(fill_base(&template, base)));
        Self { template, fixed }
    }

    fn body(&self, base: impl FnOnce() -> String) -> Bytes {
        match &self.fixed {
            Some(bytes) => bytes.clone(),
            None => Bytes::from(fill_base(&self.template, &base())),
        }
    }
}

/// The front page, built once at start-up.
#[derive(Debug, Clone)]
pub struct FrontPage {
    /// Served to a loopback `Host`: lists the sandbox's demo key labels and scopes.
    local: Variant,
    /// Served to every other `Host`: never lists them.
    remote: Variant,
    base: PublicBase,
    csp: HeaderValue,
    summary: Health,
}

impl FrontPage {
    pub fn new(settings: FrontPageSettings<'_>) -> Self {
        let fixed = settings.fixed_base.as_deref();
        let local = fill_static(&settings, &sandbox_section(&settings, true));
        let remote = fill_static(&settings, &sandbox_section(&settings, false));
        Self {
            local: Variant::new(local, fixed),
            remote: Variant::new(remote, fixed),
            base: settings.base,
            csp: content_security_policy(),
            summary: settings.summary,
        }
    }

    /// The page for a browser, the JSON summary for anything else.
    pub fn response(&self, headers: &HeaderMap) -> Response {
        let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
        let vary = (header::VARY, HeaderValue::from_static("Accept"));
        if !prefers_html(accept) {
            let mut response = self.summary.response();
            response.headers_mut().insert(vary.0, vary.1);
            return response;
        }
        let variant = if host_is_loopback(headers) {
            &self.local
        } else {
            &self.remote
        };
        let body = variant.body(|| self.base.resolve(headers));
        (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/html; charset=utf-8"),
                ),
                (header::CONTENT_SECURITY_POLICY, self.csp.clone()),
                (
                    header::X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                ),
                (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
                (
                    header::REFERRER_POLICY,
                    HeaderValue::from_static("no-referrer"),
                ),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
                vary,
            ],
            body,
        )
            .into_response()
    }
}

/// True when `Accept` names an HTML type with a higher quality than JSON (on a tie, the
/// one listed first wins). `*/*` alone, as curl and most MCP clients send, means JSON.
pub fn prefers_html(accept: Option<&str>) -> bool {
    let Some(accept) = accept else {
        return false;
    };
    // (quality, position) of the best HTML and JSON entries.
    let mut html: Option<(f32, usize)> = None;
    let mut json: Option<(f32, usize)> = None;
    for (position, range) in accept.split(',').enumerate() {
        let mut parts = range.split(';');
        let media = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        let quality = parts
            .filter_map(|p| {
                let (key, value) = p.split_once('=')?;
                key.trim()
                    .eq_ignore_ascii_case("q")
                    .then(|| value.trim().parse::<f32>().ok())?
            })
            .next()
            .unwrap_or(1.0);
        let slot = if HTML_TYPES.contains(&media.as_str()) {
            &mut html
        } else if JSON_TYPES.contains(&media.as_str()) {
            &mut json
        } else {
            continue;
        };
        if slot.is_none_or(|(q, _)| quality > q) {
            *slot = Some((quality, position));
        }
    }
    match (html, json) {
        (Some((hq, _)), _) if hq <= 0.0 => false,
        (Some(_), None) => true,
        (Some((hq, hp)), Some((jq, jp))) => hq > jq || (hq == jq && hp < jp),
        (None, _) => false,
    }
}

/// Whether the request names this machine in `Host` (the only visitors who may see which
/// demo keys the sandbox has).
fn host_is_loopback(headers: &HeaderMap) -> bool {
    headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .and_then(split_host)
        .is_some_and(|(name, _)| LOOPBACK_NAMES.iter().any(|l| l.eq_ignore_ascii_case(name)))
}

/// `'sha256-<base64>'` of an inline block, as CSP expects it.
pub fn csp_hash(block: &str) -> String {
    format!(
        "'sha256-{}'",
        STANDARD.encode(Sha256::digest(block.as_bytes()))
    )
}

fn content_security_policy() -> HeaderValue {
    let policy = format!(
        "default-src 'none'; script-src {}; style-src {}; connect-src 'self'; img-src 'self' data:; \
         form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        csp_hash(SCRIPT),
        csp_hash(STYLE)
    );
    // The policy is ASCII by construction (base64 hashes and fixed text).
    HeaderValue::from_str(&policy)
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'none'"))
}

/// `cursor://…/mcp/install?name=…&config=<base64 of {"url": "<base>/mcp/docs"}>`.
pub fn cursor_install_link(base: &str) -> String {
    let config = serde_json::json!({ "url": format!("{base}/mcp/docs") }).to_string();
    let encoded = STANDARD.encode(config);
    format!(
        "cursor://anysphere.cursor-deeplink/mcp/install?name={CURSOR_SERVER_NAME}&config={}",
        utf8_percent_encode(&encoded, NON_ALPHANUMERIC)
    )
}

fn fill_base(template: &str, base: &str) -> String {
    template
        .replace(CURSOR_LINK, &escape(&cursor_install_link(base)))
        .replace(BASE, &escape(base))
}

/// Everything but the base URL. The style and script go in verbatim: their hashes are in
/// the CSP.
fn fill_static(settings: &FrontPageSettings<'_>, sandbox: &str) -> String {
    let default_tools = CATALOG.iter().filter(|d| d.is_default()).count();
    let values: [(&str, String); 9] = [
        ("{{style}}", STYLE.to_string()),
        ("{{script}}", SCRIPT.to_string()),
        ("{{version}}", escape(env!("CARGO_PKG_VERSION"))),
        ("{{docs_pages}}", settings.docs_pages.to_string()),
        ("{{issuer}}", escape(settings.issuer)),
        ("{{docs_site}}", escape(settings.docs_site)),
        ("{{default_tools}}", default_tools.to_string()),
        ("{{toolset_rows}}", toolset_rows()),
        ("{{sandbox}}", sandbox.to_string()),
    ];
    values
        .iter()
        .fold(TEMPLATE.to_string(), |page, (key, value)| {
            page.replace(key, value)
        })
}

fn toolset_rows() -> String {
    Toolset::ALL
        .iter()
        .map(|toolset| {
            let count = CATALOG.iter().filter(|d| d.toolset == *toolset).count();
            let shown = CATALOG
                .iter()
                .filter(|d| d.toolset == *toolset && d.is_default())
                .count();
            let default = match shown {
                0 => "no".to_string(),
                n if n == count => "yes".to_string(),
                n => format!("{n} of {count}"),
            };
            format!(
                "      <tr><td><code>{}</code></td><td>{default}</td><td>{count}</td><td>{}</td></tr>\n",
                escape(toolset.name()),
                escape(toolset.summary())
            )
        })
        .collect()
}

fn sandbox_section(settings: &FrontPageSettings<'_>, local: bool) -> String {
    if !settings.sandbox {
        return format!(
            "<p>Not running: the platform tools call the Hostless API at <code class=\"url\">{}</code>. \
             To try them offline against an in-memory API with demo data, start the server with \
             <code>--sandbox</code>.</p>",
            escape(settings.api_base_url)
        );
    }
    let intro = "<p><strong>Running.</strong> The platform tools call the built-in sandbox: an in-memory \
                 Hostless API with demo data, fresh on every start. Nothing reaches a real account.</p>";
    if !local {
        return format!(
            "{intro}\n  <p>Its demo API keys are listed here only when this page is opened on the machine \
             the server runs on (<code>localhost</code>).</p>"
        );
    }
    let rows: String = settings
        .sandbox_keys
        .iter()
        .map(|key| {
            let scopes = if key.scopes.len() == SCOPES.len() {
                format!("all {} scopes", key.scopes.len())
            } else {
                key.scopes
                    .iter()
                    .map(|s| format!("<code>{}</code>", escape(s)))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            format!(
                "      <tr><td><code>{}</code></td><td>{}</td><td>{scopes}</td></tr>\n",
                escape(&key.label),
                escape(&key.status)
            )
        })
        .collect();
    format!(
        "{intro}\n  <p>Its demo API keys: the keys themselves were printed in the terminal where the server \
         started; use one as the <code>Authorization</code> value of <code>/mcp</code>.</p>\n  \
         <div class=\"table-wrap\"><table>\n    <thead><tr><th scope=\"col\">Label</th>\
         <th scope=\"col\">Status</th><th scope=\"col\">Scopes</th></tr></thead>\n    <tbody>\n{rows}    \
         </tbody>\n  </table></div>"
    )
}

/// Escapes text for HTML element content and double- or single-quoted attributes.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use super::*;

    fn settings<'a>(fixed: Option<&str>, keys: &'a [SandboxKeyInfo]) -> FrontPageSettings<'a> {
        FrontPageSettings {
            base: PublicBase::new(fixed.map(String::from), 3333),
            fixed_base: fixed.map(String::from),
            issuer: "https://api.example",
            docs_site: "https://docs.example",
            docs_pages: 12,
            api_base_url: "https://api.example",
            sandbox: !keys.is_empty(),
            sandbox_keys: keys,
            summary: Health::new("https://api.example", 12, "embedded"),
        }
    }

    #[test]
    fn accept_negotiation_prefers_html_only_when_asked() {
        let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        assert!(prefers_html(Some(browser)));
        assert!(prefers_html(Some("TEXT/HTML")));
        assert!(prefers_html(Some("application/json;q=0.5, text/html")));
        assert!(prefers_html(Some("text/html, application/json")));
        assert!(!prefers_html(Some("application/json, text/html")));
        assert!(!prefers_html(Some("application/json, text/event-stream")));
        assert!(!prefers_html(Some("*/*")));
        assert!(!prefers_html(Some("text/html;q=0")));
        assert!(!prefers_html(Some("text/html;q=0.4, application/json")));
        assert!(!prefers_html(None));
    }

    #[test]
    fn every_placeholder_is_filled() {
        let keys = [SandboxKeyInfo {
            label: "full".into(),
            scopes: vec!["apps:read".into()],
            status: "valid".into(),
        }];
        let page = FrontPage::new(settings(Some("https://mcp.example"), &keys));
        for variant in [&page.local, &page.remote] {
            let body = String::from_utf8(variant.fixed.clone().unwrap().to_vec()).unwrap();
            assert!(!body.contains("{{"), "unfilled placeholder");
            assert!(body.contains("https://mcp.example/mcp/docs"));
        }
    }

    #[test]
    fn key_labels_only_in_the_local_variant() {
        let keys = [SandboxKeyInfo {
            label: "apps-only-label".into(),
            scopes: vec!["apps:read".into()],
            status: "valid".into(),
        }];
        let page = FrontPage::new(settings(None, &keys));
        assert!(page.local.template.contains("apps-only-label"));
        assert!(!page.remote.template.contains("apps-only-label"));
    }

    #[test]
    fn cursor_link_is_percent_encoded_base64_of_the_docs_url() {
        let link = cursor_install_link("http://localhost:3333");
        let config = link.split("config=").nth(1).unwrap();
        let decoded = percent_encoding::percent_decode_str(config)
            .decode_utf8()
            .unwrap();
        let json: serde_json::Value =
            serde_json::from_slice(&STANDARD.decode(decoded.as_bytes()).unwrap()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"url": "http://localhost:3333/mcp/docs"})
        );
    }

    #[test]
    fn escape_covers_markup_and_quotes() {
        assert_eq!(
            escape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
