//! Process lifecycle: a shutdown signal lets requests in flight finish.

use std::time::Duration;

use serde_json::{Value, json};
use tokio::net::TcpListener;

use crate::helpers::{config, url};

#[tokio::test]
async fn graceful_shutdown_finishes_requests_in_flight() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    // An API that takes a moment to answer, and says when a call has reached it.
    let api = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let api_url = format!("http://{}", api.local_addr().unwrap());
    let (reached, in_flight) = tokio::sync::mpsc::channel::<()>(1);
    tokio::spawn(async move {
        let slow = axum::Router::new().fallback(move || {
            let reached = reached.clone();
            async move {
                let _ = reached.send(()).await;
                tokio::time::sleep(Duration::from_millis(800)).await;
                axum::Json(json!([{"name": "slow-app"}]))
            }
        });
        axum::serve(api, slow).await.unwrap();
    });

    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(hostless_mcp::serve(
        listener,
        {
            let mut config = config();
            config.api_base_url = url(&api_url);
            config
        },
        async {
            let _ = stopped.await;
        },
    ));

    let call = tokio::spawn(async move {
        reqwest::Client::new()
            .post(format!("http://{addr}/mcp"))
            .header("content-type", "application/json")
            .header("accept", "application/json, text/event-stream")
            .header("authorization", "hlk_a1b2c3d4_shutdownsecret")
            .body(r#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"apps_list","arguments":{}}}"#)
            .send()
            .await
            .unwrap()
            .json::<Value>()
            .await
            .unwrap()
    });
    // Shut down while the tool call is waiting on the API.
    let mut in_flight = in_flight;
    in_flight.recv().await.unwrap();
    stop.send(()).unwrap();

    let answer = call.await.unwrap();
    assert_eq!(
        answer["result"]["structuredContent"]["items"][0]["name"], "slow-app",
        "{answer}"
    );
    tokio::time::timeout(Duration::from_secs(5), server)
        .await
        .expect("server stops after the request")
        .unwrap()
        .unwrap();
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "no longer accepting connections"
    );
}
