//! Checks over the documentation set embedded in the binary (`content/`).
//!
//! Four properties are tested:
//! - the set is clean for `docs check`: enough pages, every page titled and described,
//!   no broken internal link, nothing skipped;
//! - it covers the platform's public developer page: every route of the API reference
//!   (method, path and scope) is in the API reference pages, and every scope of the
//!   scope reference is documented;
//! - the server's own route table (`api_routes::ROUTES`, `SCOPES`) is the page's, route by
//!   route and scope by scope;
//! - questions phrased the way users ask them find the page that answers them.
//!
//! The checks against the developer page need `../shared/seed`, which a fresh clone does
//! not have: they are `#[ignore]`d, and `cargo test -- --ignored` (as `.ci/run` does) runs
//! them and fails when the page is missing.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;
use std::path::Path;

use docs_index::DocsIndex;
use hostless_mcp::api_routes;

const CONTENT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/content");
const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/seed/hostless-developers.txt"
);

const METHODS: [&str; 6] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];

fn load() -> DocsIndex {
    let (index, load) = DocsIndex::from_dir(Path::new(CONTENT)).expect("content/ loads");
    assert!(
        load.skipped.is_empty(),
        "pages skipped while loading: {:?}",
        load.skipped
    );
    index
}

// ---------------------------------------------------------------------------
// 1. docs check
// ---------------------------------------------------------------------------

#[test]
fn docs_check_is_clean() {
    let index = load();
    let report = index.check();
    assert!(report.pages >= 30, "only {} pages", report.pages);
    assert!(
        report.untitled.is_empty(),
        "untitled: {:?}",
        report.untitled
    );
    assert!(
        report.undescribed.is_empty(),
        "undescribed: {:?}",
        report.undescribed
    );
    assert!(
        report.broken_links.is_empty(),
        "broken links: {:?}",
        report.broken_links
    );
    assert!(report.skipped.is_empty(), "skipped: {:?}", report.skipped);
    for required in ["developers", "app/deployments"] {
        assert!(index.page(required).is_some(), "missing page {required}");
    }
}

// ---------------------------------------------------------------------------
// 2. coverage of the seed page
// ---------------------------------------------------------------------------

/// One route of the seed page's API reference: method, path relative to `/v1`, scope.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Route {
    method: String,
    path: String,
    scope: String,
}

/// `apps:read`, `cron-jobs:delete`, … at the start of `text`, if any.
fn scope_prefix(text: &str) -> Option<String> {
    let (resource, rest) = text.split_once(':')?;
    if resource.is_empty() || !resource.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
        return None;
    }
    ["read", "write", "delete"]
        .into_iter()
        .find(|action| rest.starts_with(action))
        .map(|action| format!("{resource}:{action}"))
}

/// The lines of `text` strictly between the line equal to `start` and the line equal to `end`.
fn section<'a>(lines: &[&'a str], start: &str, end: &str) -> Vec<&'a str> {
    let from = lines.iter().position(|l| l.trim() == start);
    let to = lines.iter().position(|l| l.trim() == end);
    match (from, to) {
        (Some(from), Some(to)) if from < to => lines[from + 1..to].to_vec(),
        _ => Vec::new(),
    }
}

/// Parses the API reference (`GET/apps/{appName}` lines under `scope — …` headings)
/// and the scope reference (`apps:readList and get apps` lines) of the seed page.
fn parse_seed(text: &str) -> (Vec<Route>, Vec<String>) {
    let lines: Vec<&str> = text.lines().collect();
    let mut routes = Vec::new();
    let mut scope = None;
    for line in section(
        &lines,
        "API reference (by scope)",
        "Not available with API keys",
    ) {
        let line = line.trim();
        if let Some((head, _)) = line.split_once(" — ")
            && let Some(s) = scope_prefix(head).filter(|s| s.len() == head.len())
        {
            scope = Some(s);
            continue;
        }
        for method in METHODS {
            if let Some(path) = line.strip_prefix(method)
                && path.starts_with('/')
                && !path.contains(char::is_whitespace)
            {
                let scope = scope.clone().expect("a route before any scope heading");
                routes.push(Route {
                    method: method.to_string(),
                    path: path.to_string(),
                    scope,
                });
            }
        }
    }
    let mut scopes = Vec::new();
    for line in section(&lines, "Scope reference", "Authorization rules") {
        if let Some(s) = scope_prefix(line.trim())
            && !scopes.contains(&s)
        {
            scopes.push(s);
        }
    }
    (routes, scopes)
}

/// Rows `| METHOD | `/v1/path` | `scope` | purpose |` of the `api/*` pages.
fn documented_routes(index: &DocsIndex) -> BTreeSet<Route> {
    let mut rows = BTreeSet::new();
    for page in index.pages().iter().filter(|p| p.path.starts_with("api/")) {
        for line in page.markdown.lines() {
            let cells: Vec<String> = line
                .trim()
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().trim_matches('`').to_string())
                .collect();
            if cells.len() < 4 || !METHODS.contains(&cells[0].as_str()) {
                continue;
            }
            if let Some(path) = cells[1].strip_prefix("/v1") {
                rows.insert(Route {
                    method: cells[0].clone(),
                    path: path.to_string(),
                    scope: cells[2].clone(),
                });
            }
        }
    }
    rows
}

/// The seed page's routes and scopes; a missing page fails (only ignored tests call this).
fn seed() -> (Vec<Route>, Vec<String>) {
    let text = std::fs::read_to_string(SEED)
        .unwrap_or_else(|e| panic!("needs ../shared/seed: cannot read {SEED}: {e}"));
    parse_seed(&text)
}

#[test]
#[ignore = "needs ../shared/seed"]
fn docs_cover_every_route_and_scope_of_the_seed_page() {
    let (routes, scopes) = seed();
    assert!(
        routes.len() >= 140,
        "parsed only {} routes from the seed page",
        routes.len()
    );
    assert_eq!(scopes.len(), 32, "scopes parsed from the seed: {scopes:?}");

    let index = load();
    let documented = documented_routes(&index);
    let missing: Vec<_> = routes.iter().filter(|r| !documented.contains(r)).collect();
    assert!(
        missing.is_empty(),
        "{} routes of the seed page are not in the API reference pages (or have another scope): {missing:#?}",
        missing.len()
    );
    let invented: Vec<_> = documented.iter().filter(|r| !routes.contains(r)).collect();
    assert!(
        invented.is_empty(),
        "API reference rows that are not on the seed page: {invented:#?}"
    );

    let authorization = index.page("authorization").expect("authorization page");
    let all_text: String = index.pages().iter().map(|p| p.markdown.as_str()).collect();
    for scope in &scopes {
        assert!(
            authorization.markdown.contains(&format!("`{scope}`")),
            "scope {scope} missing from the authorization page"
        );
        assert!(all_text.contains(scope.as_str()));
    }
}

#[test]
#[ignore = "needs ../shared/seed"]
fn route_table_is_the_seed_page_route_by_route() {
    let (seed_routes, seed_scopes) = seed();
    assert!(
        seed_routes.len() >= 140,
        "parsed only {} routes from the seed page",
        seed_routes.len()
    );
    let ours: Vec<Route> = api_routes::ROUTES
        .iter()
        .map(|r| Route {
            method: r.method.as_str().to_string(),
            path: r.path.to_string(),
            scope: r.scope.to_string(),
        })
        .collect();
    let missing: Vec<_> = seed_routes.iter().filter(|r| !ours.contains(r)).collect();
    let extra: Vec<_> = ours.iter().filter(|r| !seed_routes.contains(r)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "api_routes::ROUTES differs from the seed page (same method and path with another \
         scope shows up in both lists)\nmissing: {missing:#?}\nnot on the page: {extra:#?}"
    );
    assert_eq!(
        ours, seed_routes,
        "same routes, but not in the page's order"
    );
    assert_eq!(
        api_routes::SCOPES.to_vec(),
        seed_scopes,
        "api_routes::SCOPES is not the page's scope reference, in order"
    );
}

// ---------------------------------------------------------------------------
// 3. retrieval
// ---------------------------------------------------------------------------

/// Questions as users ask them, with the page that answers each.
const QUESTIONS: &[(&str, &str)] = &[
    (
        "how do I point my own domain at my app",
        "app/custom-domains",
    ),
    ("my key gets 403 missing scope", "errors"),
    ("can an API key create a project?", "projects"),
    ("how do I deploy my app from CI", "app/deployments"),
    (
        "how do I roll back to a previous deployment",
        "app/deployments",
    ),
    ("where can I see why my build failed", "app/logs"),
    ("how do I revoke an API key", "api-keys"),
    ("my API key suddenly returns 401", "errors"),
    ("what is the base URL of the API", "developers"),
    ("set env vars for my app", "app/environment-variables"),
    ("scale my app up to handle more traffic", "app/scaling"),
    (
        "preview environment for each pull request",
        "app/review-apps",
    ),
    (
        "run a queue consumer process inside my app",
        "app/worker-processes",
    ),
    ("schedule a task to run every night", "cron-jobs"),
    ("how much memory is my app using", "app/metrics"),
    ("how many unique visitors does my site get", "site/metrics"),
    ("upload a static site without git", "site/upload"),
    (
        "build a website without writing code",
        "site/visual-builder",
    ),
    (
        "migrate my existing database into Hostless",
        "database/import",
    ),
    ("upgrade my database to a bigger tier", "database/tier"),
    ("stop my database while I'm not using it", "database/pause"),
    ("open a port on my virtual machine", "vm/firewall"),
    ("give my VM more CPU and memory", "vm/resources"),
    ("how much am I spending this month", "billing"),
    ("send notifications to Slack", "integrations/slack"),
    ("disconnect GitHub from my project", "git-connections"),
    ("connect Cursor to Hostless", "mcp/cursor"),
    ("use Hostless from ChatGPT", "mcp/oauth-connectors"),
    (
        "add Hostless in ChatGPT developer mode",
        "mcp/connect-chatgpt-and-claude",
    ),
    (
        "where do I get the client ID and secret for a Claude custom connector",
        "mcp/connect-chatgpt-and-claude",
    ),
    (
        "try the OAuth sign-in locally against the sandbox",
        "mcp/connect-chatgpt-and-claude",
    ),
    (
        "invalid_token wrong audience after connecting",
        "mcp/connect-chatgpt-and-claude",
    ),
    (
        "a tool is missing from the list for my connector",
        "mcp/connect-chatgpt-and-claude",
    ),
    ("run the MCP server on my own machine", "mcp/self-hosting"),
    ("try the platform tools without an account", "mcp/sandbox"),
    (
        "which env var changes the port the MCP server listens on",
        "mcp/configuration",
    ),
    ("GET /mcp returns 405", "mcp/errors"),
    (
        "let the agent read but never change anything",
        "mcp/toolsets",
    ),
    (
        "search the docs from an agent without an API key",
        "mcp/docs-server",
    ),
    ("estimate the cost before I deploy", "app/hostless-file"),
    (
        "which scope does each API key permission give",
        "authorization",
    ),
    ("how do I add a collaborator to my app", "app/collaborators"),
    ("I lost my API key token, can I see it again?", "api-keys"),
    ("background service without a web endpoint", "workers"),
    ("read the runtime logs of my app", "app/logs"),
    (
        "connect Claude Desktop with an API key",
        "mcp/claude-desktop",
    ),
    (
        "what demo data and keys does the local sandbox have",
        "mcp/sandbox",
    ),
    ("request body too large 413", "mcp/errors"),
    ("which apps use my database", "databases"),
    ("what can a viewer do in a project", "projects"),
    ("docker image for the MCP server", "mcp/self-hosting"),
    (
        "check my docs folder for broken links",
        "mcp/docs-authoring",
    ),
    ("pay an invoice", "billing"),
    ("request traces for my app", "app/metrics"),
];

#[test]
fn user_questions_find_their_page() {
    let index = load();
    assert!(QUESTIONS.len() >= 25);
    let mut misses = Vec::new();
    for (question, expected) in QUESTIONS {
        assert!(index.page(expected).is_some(), "no page {expected}");
        let hits = index.search(question, 3).expect("search never fails");
        let paths: Vec<&str> = hits.iter().map(|h| h.path.as_str()).collect();
        if !paths.contains(expected) {
            misses.push(format!("{question:?}: expected {expected}, got {paths:?}"));
        }
    }
    for miss in &misses {
        eprintln!("MISS {miss}");
    }
    let found = QUESTIONS.len() - misses.len();
    assert!(
        found * 10 >= QUESTIONS.len() * 9,
        "{found}/{} questions found their page in the top 3:\n{}",
        QUESTIONS.len(),
        misses.join("\n")
    );
}

// ---------------------------------------------------------------------------
// Content fidelity (issue 11): claims the developer page does not support stay out of
// the pages and the tool descriptions, and the seed facts no page stated are stated.
// ---------------------------------------------------------------------------

fn all_pages() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "md" || e == "mdx") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path.display().to_string(), text));
            }
        }
    }
    let mut out = Vec::new();
    walk(Path::new(CONTENT), &mut out);
    out
}

/// "a app" as words (not "data apps").
fn says_a_app(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.match_indices("a app").any(|(i, _)| {
        let before = lower[..i].chars().next_back();
        let after = lower[i + 5..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphabetic())
    })
}

#[test]
fn pages_and_tool_descriptions_claim_only_what_the_seed_supports() {
    const UNSUPPORTED: [&str; 6] = [
        "temporary copy",
        "no public HTTP endpoint",
        "no public web endpoint",
        "CPU, memory, disk",
        "CPU, memory and disk",
        "with verification and TLS status",
    ];
    for (path, text) in all_pages() {
        for claim in UNSUPPORTED {
            assert!(!text.contains(claim), "{path} says {claim:?}");
        }
        assert!(!says_a_app(&text), "{path} says \"a app\"");
    }
    const UNSUPPORTED_IN_TOOLS: [&str; 6] = [
        "name, project and status",
        "with verification and TLS status",
        "and its disk",
        "deployments from its repositories stop",
        "the resource's *_patch tool",
        "(trace id, duration, spans)",
    ];
    for def in hostless_mcp::platform::catalog::CATALOG.iter() {
        for claim in UNSUPPORTED_IN_TOOLS {
            assert!(
                !def.description.contains(claim),
                "{} says {claim:?}",
                def.name
            );
        }
        // The seed names no search parameter: `?q=` is said to be the sandbox's.
        if def.description.contains("`q`") {
            assert!(def.description.contains("sandbox"), "{}", def.name);
        }
    }
}

#[test]
fn seed_facts_are_stated_somewhere() {
    let pages = all_pages();
    let stated = |fact: &str| pages.iter().any(|(_, text)| text.contains(fact));
    for fact in [
        "Cursor 0.4.7 or later",
        "by prefix",
        "resource=https://mcp.hostless.app",
        "(`/oauth/authorize`)",
        "legacy shared Claude client",
        "without an `_` between",
        "health routes",
    ] {
        assert!(stated(fact), "no page states {fact:?}");
    }
    let rotate = pages
        .iter()
        .find(|(path, _)| path.ends_with("rotate-api-key.md"))
        .map(|(_, text)| text.as_str())
        .unwrap_or_default();
    let create = rotate.find("POST \"$HOSTLESS_API/v1/users/me/api-keys\"");
    let revoke = rotate.find("-X DELETE");
    assert!(
        create.is_some() && revoke.is_some() && create < revoke,
        "the rotation page creates the new key before revoking the old one"
    );
}
