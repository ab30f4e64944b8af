//! Property-based fuzzing of every parser that sees outside input (SPEC §7 "no input crashes
//! or hangs the process"): docs pages (Markdown, MDX, ERB) through loading, indexing, search
//! and paging; the JSON-RPC body check; every platform tool's argument parsing and request
//! building; the docs path normaliser and the API route-template matching; the
//! `Authorization` parser and the JWT pre-checks.
//!
//! Each target is a function of raw bytes, driven by a proptest strategy that mixes the
//! syntax the parser cares about with arbitrary text. Under `cargo test` each runs for
//! `FUZZ_SECONDS` (default 2); `fuzz/run.sh` runs them longer. A failing case is shrunk, and
//! its bytes are written to `target/fuzz-findings/<target>/`; once fixed, the input is kept in
//! `fuzz/regressions/<target>/`, which [`regressions_replay`] replays on every `cargo test`.
//! (cargo-fuzz/libFuzzer could not be used here: see fuzz/README.md.)

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::middleware::from_fn_with_state;
use axum::routing::post;
use base64::Engine;
use docs_index::DocsIndex;
use hostless_mcp::api_routes::ROUTES;
use hostless_mcp::auth::header::{self, Presented};
use hostless_mcp::auth::jwks::JwksCache;
use hostless_mcp::auth::verify::TokenVerifier;
use hostless_mcp::http::body::check_jsonrpc_body;
use hostless_mcp::platform::catalog::CATALOG;
use hostless_mcp::platform::client::ApiRequest;
use hostless_mcp::route_template::split_path;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use serde_json::{Map, Value};
use tower::ServiceExt;

/// A fuzz target: a function of the raw input.
type Target = fn(&[u8]);

/// One case slower than this counts as a hang.
const HANG: Duration = Duration::from_secs(3);

fn budget() -> Duration {
    let seconds = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .unwrap_or(2.0);
    Duration::from_secs_f64(seconds)
}

/// Runs `target` on inputs from `strategy` until the time budget is spent; on a failure
/// (a panic, a broken property or a hang) saves the shrunk input and fails the test.
fn fuzz(name: &str, strategy: impl Strategy<Value = Vec<u8>>, target: Target) {
    let budget = budget();
    let started = Instant::now();
    let cases = std::cell::Cell::new(0u64);
    let mut round = 0u64;
    while started.elapsed() < budget {
        // A runner runs its `cases` once; each round gets a fresh one with its own seed.
        round += 1;
        let mut runner = TestRunner::new_with_rng(
            Config {
                cases: 16,
                failure_persistence: None,
                ..Config::default()
            },
            TestRng::from_seed(RngAlgorithm::ChaCha, &seed(round)),
        );
        let outcome = runner.run(&strategy, |input| {
            cases.set(cases.get() + 1);
            let t0 = Instant::now();
            target(&input);
            if t0.elapsed() > HANG {
                return Err(TestCaseError::fail(format!("took {:?}", t0.elapsed())));
            }
            Ok(())
        });
        if let Err(e) = outcome {
            let saved = save_finding(name, &e);
            panic!("fuzz target {name} failed: {e}\nminimal input saved to {saved}");
        }
    }
    eprintln!(
        "fuzz {name}: {} cases in {:.1} s, no failure",
        cases.get(),
        started.elapsed().as_secs_f64()
    );
}

/// A fresh seed per round: the clock and the round number, spread over 32 bytes.
fn seed(round: u64) -> [u8; 32] {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mut seed = [0u8; 32];
    for (i, chunk) in seed.chunks_mut(8).enumerate() {
        let word = fxhash(
            &[
                nanos.to_le_bytes().as_slice(),
                &round.to_le_bytes(),
                &[i as u8],
            ]
            .concat(),
        );
        chunk.copy_from_slice(&word.to_le_bytes());
    }
    seed
}

fn save_finding(name: &str, error: &proptest::test_runner::TestError<Vec<u8>>) -> String {
    let proptest::test_runner::TestError::Fail(_, input) = error else {
        return "(nothing: the run was aborted)".into();
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("../fuzz-findings")
        .join(name);
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join(format!("{:016x}", fxhash(input)));
    let _ = std::fs::write(&file, input);
    file.display().to_string()
}

fn fxhash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Text made of `tokens` and arbitrary characters, up to `max` pieces.
fn text_of(tokens: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(tokens).prop_map(str::to_string),
        1 => any::<String>(),
        1 => "[ -~]{0,12}",
    ];
    proptest::collection::vec(piece, 0..max).prop_map(|v| v.concat())
}

fn bytes_of(strategy: impl Strategy<Value = String>) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        9 => strategy.prop_map(String::into_bytes),
        1 => proptest::collection::vec(any::<u8>(), 0..256),
    ]
}

fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
    })
}

// ---------------------------------------------------------------- docs pages

const MARKDOWN: &[&str] = &[
    "---\n",
    "title: ",
    "description: ",
    "sidebar_position: 3\n",
    "\n",
    "\n\n",
    "# ",
    "## ",
    "###### ",
    "####### ",
    "Deploy",
    " an app",
    "```",
    "```js\n",
    "~~~",
    "    code\n",
    "> ",
    "- ",
    "1. ",
    "* ",
    "|a|b|\n|-|-|\n",
    "[link](",
    "](../x.md#y)",
    ")",
    "![img](a.png)",
    "<Tabs>",
    "</Tabs>",
    "<TabItem value=\"a\">",
    "</TabItem>",
    "import Tabs from '@theme/Tabs';\n",
    "export const x = {a: 1};\n",
    "{",
    "}",
    "{/* c */}",
    "<!-- c -->",
    "<%= ",
    " %>",
    "<% if x %>",
    "<% end %>",
    "<%# note %>",
    "<%",
    "%>",
    "{#anchor}",
    "**",
    "_",
    "`",
    "\\",
    "&amp;",
    "&#x0;",
    "<br/>",
    "<div>",
    "</div>",
    ":::note\n",
    ":::\n",
    "$$\n",
    "[^1]",
    "[^1]: note\n",
    "\r\n",
    "\t",
    "é",
    "🚀",
    "\u{0}",
    "\u{202e}",
];

const FILE_NAMES: &[&str] = &[
    "page.md",
    "page.mdx",
    "guide/page.html.markerb",
    "a/b/index.md",
    "notes.markdown",
];

/// Pages in one input are separated by this byte (ASCII record separator), so each index
/// build (the slow part) loads several pages.
const PAGE_SEPARATOR: u8 = 0x1e;

fn page_input() -> impl Strategy<Value = Vec<u8>> {
    let page = (0..FILE_NAMES.len(), text_of(MARKDOWN, 80)).prop_map(|(i, text)| {
        let mut bytes = vec![u8::try_from(i).unwrap()];
        bytes.extend_from_slice(text.replace('\u{1e}', "").as_bytes());
        bytes
    });
    proptest::collection::vec(page, 1..8).prop_map(|pages| pages.join(&PAGE_SEPARATOR))
}

/// Each page is a byte choosing its file name, then its text. Loading, indexing, searching,
/// the `docs check` report, section lookup and paging must never panic.
fn page_target(input: &[u8]) {
    let mut owned = Vec::new();
    for (i, record) in input.split(|b| *b == PAGE_SEPARATOR).enumerate() {
        let Some((choice, rest)) = record.split_first() else {
            continue;
        };
        let name = FILE_NAMES[usize::from(*choice) % FILE_NAMES.len()];
        owned.push((
            format!("p{i}/{name}"),
            String::from_utf8_lossy(rest).into_owned(),
        ));
    }
    owned.push((
        "other.md".into(),
        "# Other\n\nSee [the page](p0/page.md).\n".into(),
    ));
    let Ok((index, _report)) = DocsIndex::from_files(owned.iter().map(|(n, t)| (n, t))) else {
        return;
    };
    let _ = index.check();
    for (_, text) in &owned {
        let words: Vec<&str> = text.split_whitespace().take(6).collect();
        for query in [words.join(" "), text.chars().take(200).collect()] {
            let _ = index.search(&query, 10);
        }
    }
    let _ = index.search("deploy", 10);
    for page in index.pages() {
        let _ = index.indexed_text(&page.path);
        // A lookup scans the outline once (as one docs_get_page call does); looking up every
        // heading of a 3,000-heading page would only measure this loop.
        for heading in page.toc.iter().take(16) {
            let _ = page.section_text(heading);
            let _ = page.section(&heading.anchor);
        }
        let total = page.markdown.chars().count();
        for (offset, max) in [
            (0, 1),
            (0, 100),
            (total / 2, 7),
            (total, 10),
            (total + 1, 10),
        ] {
            let _ = docs_index::piece(&page.markdown, offset, max);
        }
    }
}

#[test]
fn fuzz_docs_pages() {
    fuzz("docs_pages", page_input(), page_target);
}

// ---------------------------------------------------------------- JSON-RPC body check

const JSON: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"jsonrpc\"",
    "\"2.0\"",
    "\"id\"",
    "1",
    "-1",
    "1e999",
    "null",
    "true",
    "\"method\"",
    "\"tools/call\"",
    "\"ping\"",
    "\"params\"",
    "\"name\"",
    "\"arguments\"",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "\"",
    "\\",
    " ",
    "\n",
    "0.5",
    "\u{feff}",
];

fn body_input() -> impl Strategy<Value = Vec<u8>> {
    bytes_of(prop_oneof![
        text_of(JSON, 60),
        (1usize..3000).prop_map(|n| format!("{}{}", "[".repeat(n), "]".repeat(n))),
        (1usize..3000).prop_map(|n| format!("{}1{}", "{\"a\":".repeat(n), "}".repeat(n))),
    ])
}

/// The check answers 400 (batch or not JSON) or 413, always with a JSON-RPC error body, or
/// hands the request on unchanged.
fn body_target(input: &[u8]) {
    const LIMIT: usize = 4096;
    let app = Router::new()
        .route(
            "/mcp/docs",
            post(|body: axum::body::Bytes| async move { body }),
        )
        .route_layer(from_fn_with_state(LIMIT, check_jsonrpc_body));
    let request = Request::post("/mcp/docs")
        .header("content-type", "application/json")
        .body(Body::from(input.to_vec()))
        .unwrap();
    let response = runtime().block_on(app.oneshot(request)).unwrap();
    let status = response.status();
    let body = runtime()
        .block_on(axum::body::to_bytes(response.into_body(), usize::MAX))
        .unwrap();
    match status {
        StatusCode::OK => assert_eq!(&body[..], input, "passed on unchanged"),
        StatusCode::BAD_REQUEST | StatusCode::PAYLOAD_TOO_LARGE => {
            let v: Value = serde_json::from_slice(&body).expect("a JSON error body");
            assert_eq!(v["jsonrpc"], "2.0");
            assert!(v["error"]["code"].is_i64());
            assert_eq!(status == StatusCode::PAYLOAD_TOO_LARGE, input.len() > LIMIT);
        }
        other => panic!("unexpected status {other}"),
    }
}

#[test]
fn fuzz_jsonrpc_body() {
    fuzz("jsonrpc_body", body_input(), body_target);
}

// ---------------------------------------------------------------- tool arguments

const ARG_NAMES: &[&str] = &[
    "projectId",
    "appName",
    "siteName",
    "databaseName",
    "workerName",
    "cronJobName",
    "name",
    "resourceType",
    "deploymentId",
    "direction",
    "metric",
    "changes",
    "fields",
    "startDate",
    "endDate",
    "limit",
    "cursor",
    "query",
    "domain",
    "email",
    "role",
    "id",
    "__proto__",
    "",
];

const ARG_TEXT: &[&str] = &[
    "..",
    ".",
    "/",
    "%2e%2e",
    "%2F",
    "?",
    "#",
    "&",
    "=",
    " ",
    "\u{0}",
    "é",
    "🚀",
    "app",
    "site",
    "database",
    "cron_job",
    "worker",
    "up",
    "down",
    "request-count-total",
    "2026-05-01",
    "\\",
];

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        text_of(ARG_TEXT, 6).prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::vec((proptest::sample::select(ARG_NAMES), inner), 0..4).prop_map(
                |kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
            ),
        ]
    })
}

fn args_input() -> impl Strategy<Value = Vec<u8>> {
    let object =
        proptest::collection::vec((proptest::sample::select(ARG_NAMES), json_value()), 0..8)
            .prop_map(|kv| {
                let map: Map<String, Value> =
                    kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
                Value::Object(map).to_string().into_bytes()
            });
    prop_oneof![9 => object, 1 => bytes_of(text_of(JSON, 30))]
}

/// Every tool parses the object (or refuses it); a request it builds stays under `/v1/`,
/// with each argument confined to its own encoded segment.
fn args_target(input: &[u8]) {
    let Ok(Value::Object(args)) = serde_json::from_slice::<Value>(input) else {
        return;
    };
    for def in &CATALOG {
        let Ok(parsed) = (def.args.parse)(args.clone()) else {
            continue;
        };
        let Ok(request) = ApiRequest::build(def, parsed) else {
            continue;
        };
        assert!(
            request.path.starts_with("/v1/"),
            "{}: {}",
            def.name,
            request.path
        );
        assert!(
            !request.path.contains(['?', '#', ' ', '\\']),
            "{}: {}",
            def.name,
            request.path
        );
        let segments: Vec<&str> = request.path.split('/').skip(1).collect();
        assert_eq!(
            segments.len(),
            def.path.segments().count() + 1,
            "{}: one segment per template segment: {}",
            def.name,
            request.path
        );
        assert!(
            segments
                .iter()
                .all(|s| !s.is_empty() && *s != "." && *s != ".."),
            "{}: {}",
            def.name,
            request.path
        );
    }
}

#[test]
fn fuzz_tool_arguments() {
    fuzz("tool_arguments", args_input(), args_target);
}

// ---------------------------------------------------------------- paths and routes

const PATH_TEXT: &[&str] = &[
    "/",
    "//",
    "v1",
    "/v1/",
    "apps",
    "sites",
    "{appName}",
    "..",
    ".",
    "%2e",
    "%2E%2e",
    "%2F",
    "%",
    "%zz",
    "%ff",
    "?",
    "#",
    "index",
    ".md",
    ".mdx",
    "app/deployments",
    "\\",
    "~",
    "é",
    "🚀",
    "\u{0}",
    " ",
    "developers",
    "guides/custom-domains",
];

fn docs_index() -> &'static DocsIndex {
    static INDEX: OnceLock<DocsIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        DocsIndex::from_files([
            ("index.md", "# Home\n"),
            ("developers.md", "# Developers\n\n## Keys\n"),
            ("app/deployments.mdx", "# Deployments\n"),
            ("guides/custom-domains/index.md", "# Custom domains\n"),
        ])
        .unwrap()
        .0
    })
}

/// A docs page is found by its normalised path or not at all; a concrete API path matches a
/// route template with one parameter per placeholder.
fn paths_target(input: &[u8]) {
    let text = String::from_utf8_lossy(input);
    if let Some(page) = docs_index().page(&text) {
        assert!(docs_index().pages().iter().any(|p| p.path == page.path));
    }
    let concrete = split_path(&text);
    for route in ROUTES {
        if let Some((_, params)) = route.template.matches(&concrete) {
            assert_eq!(
                params.len(),
                route.template.placeholders().count(),
                "{}",
                route.path
            );
        }
    }
    for def in &CATALOG {
        if let Some((_, params)) = def.path.matches(&concrete) {
            assert_eq!(
                params.len(),
                def.path.placeholders().count(),
                "{}",
                def.name
            );
        }
    }
}

#[test]
fn fuzz_paths_and_routes() {
    fuzz(
        "paths_and_routes",
        bytes_of(text_of(PATH_TEXT, 16)),
        paths_target,
    );
}

// ---------------------------------------------------------------- Authorization and JWTs

fn b64(text: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text)
}

const JOSE: &[&str] = &[
    r#"{"alg":"RS256","kid":"k1","typ":"JWT"}"#,
    r#"{"alg":"RS256"}"#,
    r#"{"alg":"none"}"#,
    r#"{"alg":"NoNe","kid":""}"#,
    r#"{"alg":"HS256"}"#,
    r#"{"alg":5}"#,
    r#"{"kid":"k1"}"#,
    "{",
    "",
];

const CLAIMS: &[&str] = &[
    r#"{"aud":"http://localhost:3333/mcp","exp":9999999999,"iss":"http://127.0.0.1:1"}"#,
    r#"{"aud":["http://localhost:3333/mcp/","x"],"scope":"apps:read"}"#,
    r#"{"aud":5}"#,
    r#"{"aud":null}"#,
    r#"{"sub":"u"}"#,
    "[]",
    "",
];

fn authorization_input() -> impl Strategy<Value = Vec<u8>> {
    let scheme = proptest::sample::select(
        &["Bearer ", "bearer ", "BEARER\t", "Basic ", "", " Bearer  "][..],
    );
    let jwt = (
        scheme.clone(),
        proptest::sample::select(JOSE),
        proptest::sample::select(CLAIMS),
        "[A-Za-z0-9_=-]{0,20}",
    )
        .prop_map(|(s, h, c, sig)| format!("{s}{}.{}.{sig}", b64(h), b64(c)));
    let key = (scheme, "hlk_[A-Za-z0-9]{0,9}_?[A-Za-z0-9_\\-]{0,12}")
        .prop_map(|(s, k)| format!("{s}{k}"));
    let tokens: &'static [&'static str] =
        &["Bearer ", "hlk_", ".", "eyJ", "=", " ", "\t", "_", "-"];
    bytes_of(prop_oneof![jwt, key, text_of(tokens, 12)])
}

fn verifier() -> &'static TokenVerifier {
    static VERIFIER: OnceLock<TokenVerifier> = OnceLock::new();
    VERIFIER.get_or_init(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
        // Port 1 refuses at once: the key set is "unavailable", as when the issuer is down.
        let jwks = JwksCache::new(
            url::Url::parse("http://127.0.0.1:1/.well-known/jwks.json").unwrap(),
            reqwest::Client::new(),
            Duration::from_secs(3600),
        );
        TokenVerifier::new("http://127.0.0.1:1", jwks)
    })
}

/// The shape check classifies every value; a JWT it accepts is judged (refused or passed
/// on as a session) without panicking, and never verified without a key.
fn authorization_target(input: &[u8]) {
    let text = String::from_utf8_lossy(input);
    match header::parse(Some(&text)) {
        Ok(Presented::Jwt(token)) => {
            assert!(header::is_jwt(token));
            let audiences = ["http://localhost:3333/mcp".to_string()];
            let judged = runtime().block_on(verifier().judge(token, &audiences));
            assert!(
                !matches!(judged, Ok(hostless_mcp::auth::CallerKind::OAuth(_))),
                "no key is available, so nothing can verify as an OAuth token"
            );
        }
        Ok(Presented::ApiKey) => assert!(text.contains("hlk_")),
        Err(_) => {}
    }
}

#[test]
fn fuzz_authorization() {
    fuzz("authorization", authorization_input(), authorization_target);
}

// ---------------------------------------------------------------- regressions

fn regressions_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions")
}

/// Every kept input of every target, replayed.
#[test]
fn regressions_replay() {
    let targets: [(&str, Target); 5] = [
        ("docs_pages", page_target),
        ("jsonrpc_body", body_target),
        ("tool_arguments", args_target),
        ("paths_and_routes", paths_target),
        ("authorization", authorization_target),
    ];
    let mut replayed = 0;
    for (name, target) in targets {
        let dir = regressions_dir().join(name);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "md") {
                continue;
            }
            let input = std::fs::read(&path).unwrap();
            let t0 = Instant::now();
            target(&input);
            assert!(
                t0.elapsed() < HANG,
                "{} took {:?}",
                path.display(),
                t0.elapsed()
            );
            replayed += 1;
        }
    }
    assert!(replayed > 0, "fuzz/regressions holds the kept inputs");
}
