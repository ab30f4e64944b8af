//! What the server writes to its log, read back through the production subscriber (JSON
//! format) with a buffer as its writer: every request leaves a line with its request id,
//! and no credential — API key, session JWT, or a refused token — appears in any line.
//!
//! The subscriber is process-wide (the server's tasks run on other threads than the test),
//! so it is installed once and collects every test's lines; this test only looks for its
//! own request ids and secrets, so tests running beside it do not disturb it.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use hostless_mcp::config::LogFormat;
use hostless_mcp::telemetry;
use serde_json::Value;
use tracing_subscriber::EnvFilter;

use crate::platform_upstream::{Mode, app_for, upstream};

#[derive(Clone, Default)]
pub struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Buffer {
    /// Everything logged so far, by every test of this binary.
    pub fn contents(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }

    /// The first line containing `needle`, waiting up to 2 s for it to be written.
    pub async fn wait_for(&self, needle: &str) -> String {
        for _ in 0..40 {
            if let Some(line) = self.lines().into_iter().find(|l| l.contains(needle)) {
                return line;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("no log line contains {needle:?}");
    }

    fn lines(&self) -> Vec<String> {
        String::from_utf8_lossy(&self.0.lock().unwrap())
            .lines()
            .map(str::to_string)
            .collect()
    }
}

/// The process's log, at `trace` for this crate and `debug` for its dependencies: more
/// than production logs, so a secret that only a debug line would leak is caught too.
pub fn log() -> &'static Buffer {
    static LOG: OnceLock<Buffer> = OnceLock::new();
    LOG.get_or_init(|| {
        let buffer = Buffer::default();
        let writer = buffer.clone();
        let subscriber = telemetry::subscriber(
            LogFormat::Json,
            EnvFilter::new("debug,hostless_mcp=trace"),
            false,
            move || writer.clone(),
        );
        tracing::subscriber::set_global_default(subscriber).expect("one global subscriber");
        buffer
    })
}

const KEY_SECRET: &str = "l0gs3cr3tk3yvalue";
const JWT_SIGNATURE: &str = "c2lnbmF0dXJlLXNlY3JldC1sb2dz";
const BAD_TOKEN: &str = "n0t-a-v4lid-t0ken-s3cr3t";

const CALL: &str = r#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"apps_list","arguments":{}}}"#;

/// The JSON log lines of one request id.
fn lines_of(log: &Buffer, request_id: &str) -> Vec<Value> {
    log.lines()
        .iter()
        .filter(|l| l.contains(request_id))
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

#[tokio::test]
async fn requests_are_logged_with_their_id_and_without_credentials() {
    let log = log();
    let up = upstream(Mode::Echo).await;
    let app = app_for(&up, |_| {}).await;
    let key = format!("hlk_l0gt3st1_{KEY_SECRET}");
    let jwt = format!("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJsb2dzIn0.{JWT_SIGNATURE}");
    let bad = format!("Bearer {BAD_TOKEN}");
    let cases = [
        ("log-api-key", key.as_str(), 200),
        ("log-session-jwt", jwt.as_str(), 200),
        ("log-bad-credential", bad.as_str(), 401),
    ];
    for (id, authorization, status) in cases {
        let r = app
            .post(
                "/mcp",
                CALL,
                &[("authorization", authorization), ("x-request-id", id)],
            )
            .await;
        assert_eq!(r.status(), status, "{id}");
        assert_eq!(r.headers()["x-request-id"], id);
    }
    let r = app
        .post(
            &format!("/mcp?access_token={KEY_SECRET}"),
            CALL,
            &[("x-request-id", "log-query-credential")],
        )
        .await;
    assert_eq!(r.status(), 400);
    // The credentials really were used, so the absence below means something.
    let forwarded = up.authorizations();
    assert!(
        forwarded.contains(&key) && forwarded.contains(&jwt),
        "{forwarded:?}"
    );

    for (id, _, status) in cases.iter().chain([&("log-query-credential", "", 400)]) {
        let lines = lines_of(log, id);
        let finished = lines
            .iter()
            .find(|l| l["message"] == "request finished")
            .unwrap_or_else(|| panic!("no `request finished` line for {id}: {lines:#?}"));
        assert_eq!(finished["status"], *status, "{finished}");
        assert_eq!(finished["span"]["request_id"], *id, "{finished}");
        assert_eq!(finished["span"]["route"], "/mcp", "{finished}");
        assert_eq!(finished["span"]["method"], "POST", "{finished}");
        assert!(finished["latency_ms"].is_u64(), "{finished}");
    }
    for id in ["log-api-key", "log-session-jwt"] {
        let lines = lines_of(log, id);
        let call = lines
            .iter()
            .find(|l| l["message"] == "platform call")
            .unwrap_or_else(|| panic!("no `platform call` line for {id}: {lines:#?}"));
        assert_eq!(call["tool"], "apps_list", "{call}");
        let in_tool_span = call["spans"].as_array().is_some_and(|spans| {
            spans
                .iter()
                .any(|s| s["name"] == "tool_call" && s["request_id"] == id)
        });
        assert!(
            in_tool_span,
            "the tool call's line is not in a tool_call span with its id: {call}"
        );
        let finished = lines
            .iter()
            .find(|l| l["message"] == "tool call finished")
            .unwrap_or_else(|| panic!("no `tool call finished` line for {id}: {lines:#?}"));
        assert_eq!(finished["span"]["outcome"], "ok", "{finished}");
        assert_eq!(finished["span"]["tool"], "apps_list", "{finished}");
    }

    let leaks: Vec<String> = log
        .lines()
        .into_iter()
        .filter(|l| {
            [KEY_SECRET, JWT_SIGNATURE, BAD_TOKEN]
                .iter()
                .any(|s| l.contains(s))
        })
        .collect();
    assert!(
        leaks.is_empty(),
        "credentials in the log:\n{}",
        leaks.join("\n")
    );
}
