//! Upstream faults a real network produces, from a raw-TCP fake Hostless API that writes
//! exactly the bytes each case needs: a connection reset in the middle of the body, bursts
//! of 502/503, a body dripped a byte at a time, a redirect to another host, and JSON nested
//! 10,000 deep. Each must be a tool error (never a protocol error or a hang), and the
//! server must answer normally afterwards. Also the whole-request deadline
//! (`REQUEST_TIMEOUT_MS`): `503` with `Retry-After` and a JSON-RPC body.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::helpers::{TestApp, call, config, is_error, text, url};
use crate::platform_upstream::{Mode, app_for, upstream};

const KEY: &str = "hlk_f4u1t5aa_faultsecretvalue00000";

/// What the fake does with the n-th request (counting from 0).
#[derive(Clone)]
enum Fault {
    /// Promises 4,096 bytes, sends 100, then resets the connection.
    ResetMidBody,
    /// The first `n` answers are 502 and 503 in turn; the rest are fine.
    Burst(usize),
    /// A 200 whose body arrives one byte every 100 ms.
    Drip,
    /// `307` to `location`.
    Redirect(String),
    /// A 200 whose body is an array nested 10,000 deep.
    Deep,
    /// A fine 200.
    Ok,
}

struct Fake {
    addr: SocketAddr,
    /// The head (request line and headers) of every request received.
    heads: Arc<Mutex<Vec<String>>>,
}

const OK_BODY: &str = r#"{"items":[{"name":"web"}]}"#;

fn answer(status: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Reads one request head (the fake's clients send GETs without a body).
async fn read_head(stream: &mut TcpStream) -> Option<String> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if stream.read(&mut byte).await.ok()? == 0 {
            return None;
        }
        head.push(byte[0]);
    }
    Some(String::from_utf8_lossy(&head).into_owned())
}

async fn serve_one(mut stream: TcpStream, fault: Fault, nth: usize) {
    match fault {
        Fault::ResetMidBody => {
            let head = "HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: 4096\r\n\r\n";
            let _ = stream.write_all(head.as_bytes()).await;
            let _ = stream.write_all(&[b'['; 100]).await;
            let _ = stream.flush().await;
            tokio::time::sleep(Duration::from_millis(50)).await;
            // SO_LINGER 0: closing sends RST instead of FIN.
            let _ = stream.set_zero_linger();
            return;
        }
        Fault::Burst(n) if nth < n => {
            let status = if nth.is_multiple_of(2) {
                "502 Bad Gateway"
            } else {
                "503 Service Unavailable"
            };
            let _ = stream
                .write_all(&answer(status, r#"{"message":"upstream overloaded"}"#))
                .await;
        }
        Fault::Drip => {
            let body = format!(r#"{{"pad":"{}"}}"#, "x".repeat(600));
            let head = format!(
                "HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes()).await;
            for b in body.bytes() {
                if stream.write_all(&[b]).await.is_err() {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
        Fault::Redirect(location) => {
            let head = format!(
                "HTTP/1.1 307 Temporary Redirect\r\nconnection: close\r\nlocation: {location}\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{{}}"
            );
            let _ = stream.write_all(head.as_bytes()).await;
        }
        Fault::Deep => {
            let body = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
            let _ = stream.write_all(&answer("200 OK", &body)).await;
        }
        Fault::Burst(_) | Fault::Ok => {
            let _ = stream.write_all(&answer("200 OK", OK_BODY)).await;
        }
    }
    let _ = stream.shutdown().await;
}

/// A fake API that answers every request (one per connection) as `fault` says.
async fn fake(fault: Fault) -> Fake {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let heads = Arc::new(Mutex::new(Vec::new()));
    let log = heads.clone();
    let count = Arc::new(AtomicUsize::new(0));
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let log = log.clone();
            let fault = fault.clone();
            let nth = count.clone();
            tokio::spawn(async move {
                let Some(head) = read_head(&mut stream).await else {
                    return;
                };
                log.lock().unwrap().push(head);
                let n = nth.fetch_add(1, Ordering::SeqCst);
                serve_one(stream, fault, n).await;
            });
        }
    });
    Fake { addr, heads }
}

async fn app_against(fake: &Fake, api_timeout: Duration) -> TestApp {
    let mut config = config();
    config.api_base_url = url(&format!("http://{}", fake.addr));
    config.api_timeout = api_timeout;
    TestApp::spawn(config).await
}

/// The server still serves: `/health`, a docs search and the platform tool list.
async fn assert_healthy(app: &TestApp) {
    let r = app.http.get(app.url("/health")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let docs = app.client("/mcp/docs", None).await;
    let r = call(&docs, "docs_search", json!({"query": "deploy"})).await;
    assert!(!is_error(&r), "{}", text(&r));
    let platform = app.client("/mcp", Some(KEY)).await;
    assert!(!platform.list_all_tools().await.unwrap().is_empty());
}

/// Calls `apps_list` and returns the tool error's text; fails on success, on a
/// protocol error, or when the answer takes longer than `within`.
async fn tool_error(app: &TestApp, within: Duration) -> String {
    let client = app.client("/mcp", Some(KEY)).await;
    let started = Instant::now();
    let r = call(&client, "apps_list", json!({})).await;
    assert!(
        started.elapsed() < within,
        "answered after {:?}",
        started.elapsed()
    );
    assert!(is_error(&r), "expected a tool error: {}", text(&r));
    let t = text(&r);
    assert!(
        !t.contains("faultsecretvalue"),
        "no credential in errors: {t}"
    );
    t
}

#[tokio::test]
async fn a_connection_reset_mid_body_is_a_tool_error() {
    let fake = fake(Fault::ResetMidBody).await;
    let app = app_against(&fake, Duration::from_secs(5)).await;
    let t = tool_error(&app, Duration::from_secs(4)).await;
    assert!(t.contains("could not be reached"), "{t}");
    assert_healthy(&app).await;
}

#[tokio::test]
async fn a_burst_of_502_and_503_is_tool_errors_then_calls_work_again() {
    let fake = fake(Fault::Burst(6)).await;
    let app = app_against(&fake, Duration::from_secs(5)).await;
    let client = app.client("/mcp", Some(KEY)).await;
    for expected in ["502", "503", "502", "503", "502", "503"] {
        let r = call(&client, "apps_list", json!({})).await;
        assert!(is_error(&r), "{}", text(&r));
        let t = text(&r);
        assert!(t.contains(&format!("error {expected}")), "{t}");
        assert!(t.contains("failed on its side"), "{t}");
    }
    // Nothing of the burst is remembered: the next call goes through.
    let r = call(&client, "apps_list", json!({})).await;
    assert!(!is_error(&r), "{}", text(&r));
    assert_eq!(fake.heads.lock().unwrap().len(), 7, "one request per call");
    assert_healthy(&app).await;
}

#[tokio::test]
async fn a_slow_drip_body_hits_the_api_timeout() {
    let fake = fake(Fault::Drip).await;
    let app = app_against(&fake, Duration::from_millis(1500)).await;
    // The body would take a minute; the API timeout covers the whole body, not only the head.
    let t = tool_error(&app, Duration::from_secs(6)).await;
    assert!(t.contains("did not answer within"), "{t}");
    assert_healthy(&app).await;
}

#[tokio::test]
async fn a_redirect_to_another_host_is_never_followed() {
    let other = fake(Fault::Ok).await;
    let location = format!("http://{}/v1/apps", other.addr);
    let fake = fake(Fault::Redirect(location)).await;
    let app = app_against(&fake, Duration::from_secs(5)).await;
    let t = tool_error(&app, Duration::from_secs(4)).await;
    assert!(t.contains("307") && t.contains("never follows"), "{t}");
    assert_eq!(fake.heads.lock().unwrap().len(), 1);
    assert!(
        fake.heads.lock().unwrap()[0].contains(KEY),
        "the API itself got the credential"
    );
    assert!(
        other.heads.lock().unwrap().is_empty(),
        "the other host saw a request: {:?}",
        other.heads.lock().unwrap()
    );
    assert_healthy(&app).await;
}

#[tokio::test]
async fn json_nested_ten_thousand_deep_is_a_tool_error() {
    let fake = fake(Fault::Deep).await;
    let app = app_against(&fake, Duration::from_secs(5)).await;
    let t = tool_error(&app, Duration::from_secs(4)).await;
    assert!(t.contains("not JSON"), "{}", &t[..t.len().min(300)]);
    assert_healthy(&app).await;
}

#[tokio::test]
async fn a_request_past_the_deadline_is_a_503_with_retry_after() {
    // The API would hang for 30 s and API_TIMEOUT_MS allows it; the whole-request deadline
    // stops the request first. (Start-up refuses this ordering; tests set fields directly.)
    let up = upstream(Mode::Slow).await;
    let app = app_for(&up, |c| {
        c.api_timeout = Duration::from_secs(20);
        c.request_timeout = Duration::from_millis(800);
        c.max_concurrent_requests = 1;
    })
    .await;
    let call_body = r#"{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"apps_list","arguments":{}}}"#;
    let started = Instant::now();
    let r = app.post("/mcp", call_body, &[("authorization", KEY)]).await;
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(r.status(), 503);
    assert_eq!(r.headers()["retry-after"], "1");
    assert!(r.headers().contains_key("x-request-id"));
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["jsonrpc"], "2.0");
    assert_eq!(body["error"]["code"], -32000);
    let message = body["error"]["message"].as_str().unwrap();
    assert!(message.contains("REQUEST_TIMEOUT_MS"), "{message}");

    // The abandoned request gave its one concurrency slot back.
    let r = app.rpc("/mcp/docs", "ping", json!({}), &[]).await;
    assert_eq!(r["result"], json!({}), "{r}");
    let r = app.http.get(app.url("/health")).send().await.unwrap();
    assert_eq!(r.status(), 200);
}
