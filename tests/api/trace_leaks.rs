//! The real binary at `RUST_LOG=trace` (every crate, dependencies included: hyper, reqwest,
//! rustls, rmcp) with an API key, a session JWT, a refused token and a token in the query
//! string: none of them may appear in anything it writes, nor in `/metrics`. In-process
//! tests share one subscriber and cannot turn every crate up to trace; a child process can.

use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::platform_upstream::{Mode, upstream};

const KEY_SECRET: &str = "tr4c3k3ys3cr3tvalue";
const JWT_SIGNATURE: &str = "dHJhY2Utand0LXNpZ25hdHVyZS1zZWNyZXQ";
const BAD_TOKEN: &str = "tr4c3-b4d-t0k3n-s3cr3t";
const QUERY_TOKEN: &str = "tr4c3qu3ryt0k3n";

const CALL: &str = r#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"apps_list","arguments":{}}}"#;

/// Kills the child when the test ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Collects a pipe into a shared buffer on a thread of its own.
fn collect(mut pipe: impl Read + Send + 'static) -> Arc<Mutex<Vec<u8>>> {
    let out = Arc::new(Mutex::new(Vec::new()));
    let sink = out.clone();
    std::thread::spawn(move || {
        let mut chunk = [0u8; 8192];
        while let Ok(n) = pipe.read(&mut chunk) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().extend_from_slice(&chunk[..n]);
        }
    });
    out
}

fn text(buffer: &Mutex<Vec<u8>>) -> String {
    String::from_utf8_lossy(&buffer.lock().unwrap()).into_owned()
}

#[tokio::test]
async fn no_credential_in_trace_logs_or_metrics_of_the_binary() {
    let up = upstream(Mode::Echo).await;
    let api = format!("http://{}", up.addr());
    // An empty working directory, so no sibling docs checkout is picked up.
    let cwd = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_hostless-mcp"))
        .current_dir(cwd.path())
        .env_clear()
        .env("RUST_LOG", "trace")
        .env("LOG_FORMAT", "json")
        .env("HOST", "127.0.0.1")
        .env("PORT", "0")
        .env("API_BASE_URL", &api)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = collect(child.stdout.take().unwrap());
    let stderr = collect(child.stderr.take().unwrap());
    let server = Server(child);

    let mut addr = None;
    for _ in 0..200 {
        let log = text(&stderr);
        if let Some(line) = log.lines().find(|l| l.contains("hostless-mcp listening")) {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            addr = v["addr"].as_str().map(str::to_string);
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let addr = addr.unwrap_or_else(|| panic!("the server did not start:\n{}", text(&stderr)));
    let _ = rustls::crypto::ring::default_provider().install_default();
    let http = reqwest::Client::new();
    let post = |path: &str, authorization: Option<String>| {
        let mut request = http
            .post(format!("http://{addr}{path}"))
            .header("content-type", "application/json")
            .header("accept", "application/json, text/event-stream")
            .body(CALL);
        if let Some(value) = authorization {
            request = request.header("authorization", value);
        }
        request.send()
    };

    let key = format!("hlk_tr4c3t5t_{KEY_SECRET}");
    let jwt = format!("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0cmFjZSJ9.{JWT_SIGNATURE}");
    let cases = [
        (key.clone(), 200),
        (jwt.clone(), 200),
        (format!("Bearer {BAD_TOKEN}"), 401),
    ];
    for (authorization, status) in cases {
        let r = post("/mcp", Some(authorization)).await.unwrap();
        assert_eq!(r.status(), status);
    }
    let r = post(&format!("/mcp?access_token={QUERY_TOKEN}"), None)
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    // The credentials really reached the API, so their absence below means something.
    let forwarded = up.authorizations();
    assert!(
        forwarded.contains(&key) && forwarded.contains(&jwt),
        "{forwarded:?}"
    );

    let metrics = http
        .get(format!("http://{addr}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("hostless_mcp_tool_calls_total"),
        "{metrics}"
    );

    // Give the last lines time to reach the pipes, then stop the process.
    tokio::time::sleep(Duration::from_millis(300)).await;
    drop(server);
    let output = format!("{}\n{}", text(&stdout), text(&stderr));
    // Trace level is really on (our API client, the one that carries the credentials, writes
    // at TRACE for every request it sends), so the absence of secrets below covers the most
    // verbose output.
    let trace_lines = output.lines().filter(|l| l.contains("TRACE")).count();
    assert!(
        trace_lines > 5 && output.contains("API request written"),
        "trace logging is on: {trace_lines} TRACE lines of {}",
        output.lines().count()
    );
    for secret in [KEY_SECRET, JWT_SIGNATURE, BAD_TOKEN, QUERY_TOKEN] {
        let leaks: Vec<&str> = output.lines().filter(|l| l.contains(secret)).collect();
        assert!(
            leaks.is_empty(),
            "{secret} in the log:\n{}",
            leaks.join("\n")
        );
        assert!(!metrics.contains(secret), "{secret} in /metrics");
    }
}
