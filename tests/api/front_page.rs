//! The front page at `/` (SPEC §2, issue 14): Accept negotiation, this server's real URLs
//! in the HTML, the Cursor install link, no secret for a non-loopback Host, the CSP hashes
//! of the inline blocks, and the Host/Origin guard.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hostless_mcp::sandbox::{Sandbox, SandboxOptions};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::helpers::{TestApp, config, url};

const BROWSER_ACCEPT: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
const PUBLIC: &str = "https://mcp.front.example";

async fn get(app: &TestApp, accept: Option<&str>, host: Option<&str>) -> reqwest::Response {
    let mut request = app.http.get(app.url("/"));
    if let Some(accept) = accept {
        request = request.header("accept", accept);
    }
    if let Some(host) = host {
        request = request.header("host", host);
    }
    request.send().await.unwrap()
}

async fn page(app: &TestApp, host: Option<&str>) -> (reqwest::header::HeaderMap, String) {
    let r = get(app, Some(BROWSER_ACCEPT), host).await;
    assert_eq!(r.status(), 200);
    let headers = r.headers().clone();
    (headers, r.text().await.unwrap())
}

/// The text between each `<tag>` and the next `</tag>`.
fn inline_blocks<'a>(html: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    html.split(open.as_str())
        .skip(1)
        .map(|rest| rest.split(close.as_str()).next().unwrap())
        .collect()
}

/// Every `href="…"` value, entities decoded.
fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().replace("&amp;", "&"))
        .collect()
}

#[tokio::test]
async fn browsers_get_the_page_and_other_clients_get_json() {
    let app = TestApp::start().await;
    let r = get(&app, Some(BROWSER_ACCEPT), None).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "text/html; charset=utf-8");
    assert!(r.headers()["vary"].to_str().unwrap().contains("Accept"));
    let html = r.text().await.unwrap();
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains(env!("CARGO_PKG_VERSION")));

    for accept in [
        None,
        Some("*/*"),
        Some("application/json"),
        Some("application/json, text/event-stream"),
        Some("application/json, text/html"),
        Some("text/html;q=0.2, application/json"),
    ] {
        let r = get(&app, accept, None).await;
        assert_eq!(r.status(), 200, "{accept:?}");
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("application/json"),
            "{accept:?}"
        );
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["ok"], true, "{accept:?}");
        assert_eq!(body["docsMcpPath"], "/mcp/docs", "{accept:?}");
    }
}

#[tokio::test]
async fn the_page_names_this_servers_public_urls() {
    let app = TestApp::spawn({
        let mut c = config();
        c.public_url = Some(url(PUBLIC));
        c.allowed_hosts = vec!["mcp.front.example".into()];
        c
    })
    .await;
    let (_, html) = page(&app, Some("mcp.front.example")).await;
    for url in [
        format!("{PUBLIC}/mcp/docs"),
        format!("{PUBLIC}/mcp"),
        format!("{PUBLIC}/.well-known/oauth-protected-resource/mcp"),
    ] {
        assert!(html.contains(&url), "{url} missing");
    }
    // The address the test connected to is not the public one: it must not leak into the page.
    assert!(!html.contains(&app.addr.to_string()));
    assert!(!html.contains("{{"), "unfilled placeholder");
}

#[tokio::test]
async fn without_public_url_the_page_uses_the_loopback_address_the_browser_used() {
    let app = TestApp::start().await;
    let port = app.addr.port();
    let (_, html) = page(&app, None).await;
    assert!(html.contains(&format!("http://127.0.0.1:{port}/mcp/docs")));
    let (_, html) = page(&app, Some(&format!("localhost:{port}"))).await;
    assert!(html.contains(&format!("http://localhost:{port}/mcp/docs")));
    assert!(!html.contains("127.0.0.1"));
}

#[tokio::test]
async fn the_cursor_link_installs_the_docs_endpoint() {
    let app = TestApp::spawn({
        let mut c = config();
        c.public_url = Some(url(PUBLIC));
        c.allowed_hosts = vec!["mcp.front.example".into()];
        c
    })
    .await;
    let (_, html) = page(&app, Some("mcp.front.example")).await;
    let link = hrefs(&html)
        .into_iter()
        .find(|h| h.starts_with("cursor://anysphere.cursor-deeplink/mcp/install?"))
        .expect("an Add to Cursor link");
    let query = link.split_once('?').unwrap().1;
    let params: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let name = &params.iter().find(|(k, _)| k == "name").unwrap().1;
    assert!(!name.is_empty());
    let config = &params.iter().find(|(k, _)| k == "config").unwrap().1;
    let json: Value = serde_json::from_slice(&STANDARD.decode(config).unwrap()).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"url": format!("{PUBLIC}/mcp/docs")})
    );
}

#[tokio::test]
async fn sandbox_keys_show_only_labels_and_only_on_loopback() {
    let sandbox = Sandbox::new(SandboxOptions {
        seed: Some(14),
        ..Default::default()
    });
    let mut cfg = config();
    cfg.allowed_hosts = vec!["lan.front.example".into()];
    cfg.sandbox = true;
    cfg.sandbox_keys = sandbox.key_infos();
    let app = TestApp::spawn(cfg).await;
    let secrets: Vec<&str> = sandbox
        .keys()
        .iter()
        .map(|k| k.token.as_str())
        .chain([sandbox.session_token()])
        .collect();

    let (_, local) = page(&app, None).await;
    let (_, remote) = page(&app, Some("lan.front.example")).await;
    for html in [&local, &remote] {
        assert!(html.contains("Running."));
        for secret in &secrets {
            assert!(!html.contains(secret), "a secret is on the page");
        }
        // The only API keys on the page are the placeholders of the snippets.
        for (i, _) in html.match_indices("hlk_") {
            let rest = &html[i + 4..];
            assert!(
                rest.starts_with("your_key_here") || rest.starts_with('…'),
                "a key on the page: {}",
                &html[i..(i + 24).min(html.len())]
            );
        }
    }
    assert!(local.contains("<code>no-deploy</code>"));
    assert!(local.contains("<code>apps-only</code>"));
    assert!(!remote.contains("no-deploy"));
    assert!(!remote.contains("apps-only"));
}

#[tokio::test]
async fn without_sandbox_the_page_says_where_platform_calls_go() {
    let app = TestApp::spawn({
        let mut c = config();
        c.api_base_url = url("https://api.front.example");
        c
    })
    .await;
    let (_, html) = page(&app, None).await;
    assert!(html.contains("Not running"));
    assert!(html.contains("https://api.front.example"));
    assert!(html.contains("--sandbox"));
}

#[tokio::test]
async fn the_csp_allows_exactly_the_pages_inline_blocks() {
    let app = TestApp::start().await;
    let (headers, html) = page(&app, None).await;
    let csp = headers["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    let directive = |name: &str| -> Vec<String> {
        csp.split(';')
            .map(str::trim)
            .find_map(|d| d.strip_prefix(name))
            .unwrap_or_else(|| panic!("{name} missing from {csp}"))
            .split_whitespace()
            .map(String::from)
            .collect()
    };
    assert_eq!(directive("default-src "), ["'none'"]);
    assert_eq!(directive("connect-src "), ["'self'"]);
    for (tag, name) in [("script", "script-src "), ("style", "style-src ")] {
        let blocks = inline_blocks(&html, tag);
        assert_eq!(blocks.len(), 1, "one inline {tag}");
        let mut hashes: Vec<String> = blocks
            .iter()
            .map(|b| format!("'sha256-{}'", STANDARD.encode(Sha256::digest(b.as_bytes()))))
            .collect();
        hashes.sort();
        assert_eq!(directive(name), hashes, "{tag}");
    }
    // Nothing outside those blocks needs script or style: no handlers, no style attributes.
    for forbidden in [
        " onclick=",
        " onload=",
        " onsubmit=",
        " style=\"",
        "<script src",
        "stylesheet",
    ] {
        assert!(!html.contains(forbidden), "{forbidden}");
    }
    assert_eq!(headers["x-content-type-options"], "nosniff");
}

#[tokio::test]
async fn the_host_and_origin_guard_applies() {
    let app = TestApp::start().await;
    let r = get(&app, Some(BROWSER_ACCEPT), Some("evil.example.com")).await;
    assert_eq!(r.status(), 403);
    let r = app
        .http
        .get(app.url("/"))
        .header("accept", BROWSER_ACCEPT)
        .header("origin", "http://evil.example.com")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = get(&app, None, Some("evil.example.com")).await;
    assert_eq!(r.status(), 403, "the JSON answer is guarded too");
}

#[tokio::test]
async fn the_search_box_request_is_answered_same_origin() {
    // The request the page's script sends, with the Origin a browser adds.
    let app = TestApp::start().await;
    let origin = format!("http://127.0.0.1:{}", app.addr.port());
    let body = serde_json::json!({
        "jsonrpc": "2.0", "id": 1, "method": "tools/call",
        "params": {"name": "docs_search", "arguments": {"query": "custom domain", "limit": 10}}
    });
    let r = app
        .post(
            "/mcp/docs",
            &body.to_string(),
            &[("origin", origin.as_str())],
        )
        .await;
    assert_eq!(r.status(), 200);
    let answer: Value = r.json().await.unwrap();
    let results = answer["result"]["structuredContent"]["results"]
        .as_array()
        .unwrap();
    assert!(!results.is_empty());
    assert!(results[0]["url"].as_str().unwrap().starts_with("http"));
}
