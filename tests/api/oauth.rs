//! OAuth access tokens on `/mcp` (SPEC §5.1), with tokens minted here from test RSA keys
//! and a fake issuer (JWKS + RFC 8414 metadata) that tests can rotate and take down:
//! a valid token sees and calls only the tools its scopes allow; every forged, expired or
//! misdirected token is a 401 `invalid_token` whose log line names the reason and never
//! the token; session JWTs still go to the API untouched.

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{any, get};
use base64::Engine;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};
use tokio::net::TcpListener;

use crate::helpers::{TestApp, call, config, is_error, text, url};
use crate::logs;

const KEY1_PEM: &[u8] = include_bytes!("../fixtures/oauth/key1.pem");
const KEY2_PEM: &[u8] = include_bytes!("../fixtures/oauth/key2.pem");
const KEY1_JWK: &str = include_str!("../fixtures/oauth/key1.jwk.json");
const KEY2_JWK: &str = include_str!("../fixtures/oauth/key2.jwk.json");

#[derive(Default)]
struct IssuerState {
    jwks: Vec<Value>,
    down: bool,
    jwks_hits: usize,
    /// Authorization headers the fake API received.
    forwarded: Vec<String>,
}

/// A fake issuer (JWKS, metadata) that is also the fake API the tools call.
struct Issuer {
    url: String,
    state: Arc<Mutex<IssuerState>>,
}

impl Issuer {
    async fn start(keys: &[&str]) -> Self {
        let state = Arc::new(Mutex::new(IssuerState {
            jwks: keys
                .iter()
                .map(|k| serde_json::from_str(k).unwrap())
                .collect(),
            ..Default::default()
        }));
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let issuer = url.clone();
        let router = axum::Router::new()
            .route(
                "/.well-known/jwks.json",
                get(|State(s): State<Arc<Mutex<IssuerState>>>| async move {
                    let mut s = s.lock().unwrap();
                    s.jwks_hits += 1;
                    if s.down {
                        return (StatusCode::SERVICE_UNAVAILABLE, "down").into_response();
                    }
                    axum::Json(json!({"keys": s.jwks})).into_response()
                }),
            )
            .route(
                "/.well-known/oauth-authorization-server",
                get(move |State(s): State<Arc<Mutex<IssuerState>>>| async move {
                    if s.lock().unwrap().down {
                        return (StatusCode::SERVICE_UNAVAILABLE, "down").into_response();
                    }
                    axum::Json(json!({
                        "issuer": issuer,
                        "authorization_endpoint": format!("{issuer}/v1/oauth/authorize"),
                        "token_endpoint": format!("{issuer}/v1/oauth/token"),
                        "code_challenge_methods_supported": ["S256"],
                    }))
                    .into_response()
                }),
            )
            .route(
                "/v1/{*rest}",
                any(
                    |State(s): State<Arc<Mutex<IssuerState>>>, headers: HeaderMap| async move {
                        let auth = headers
                            .get("authorization")
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or_default()
                            .to_string();
                        s.lock().unwrap().forwarded.push(auth);
                        axum::Json(json!([{"name": "web", "projectId": "prj_1"}]))
                    },
                ),
            )
            .with_state(state.clone());
        tokio::spawn(async move { axum::serve(listener, router).await });
        Self { url, state }
    }

    fn set_keys(&self, keys: &[&str]) {
        self.state.lock().unwrap().jwks = keys
            .iter()
            .map(|k| serde_json::from_str(k).unwrap())
            .collect();
    }

    fn set_down(&self, down: bool) {
        self.state.lock().unwrap().down = down;
    }

    fn forwarded(&self) -> Vec<String> {
        self.state.lock().unwrap().forwarded.clone()
    }

    fn jwks_hits(&self) -> usize {
        self.state.lock().unwrap().jwks_hits
    }
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// A server whose issuer and API are `issuer`, with JWKS refetches allowed every 200 ms.
async fn app(issuer: &Issuer) -> TestApp {
    let mut config = config();
    config.api_base_url = url(&issuer.url);
    config.oauth_issuer = Some(url(&issuer.url));
    config.jwks_min_refetch = Duration::from_millis(200);
    TestApp::spawn(config).await
}

fn mint(pem: &[u8], kid: Option<&str>, claims: &Value) -> String {
    let mut header = Header::new(Algorithm::RS256);
    header.kid = kid.map(str::to_owned);
    header.typ = Some("at+jwt".into());
    jsonwebtoken::encode(&header, claims, &EncodingKey::from_rsa_pem(pem).unwrap()).unwrap()
}

fn claims(app: &TestApp, issuer: &Issuer, scope: &str) -> Value {
    json!({
        "iss": issuer.url,
        "aud": app.url("/mcp"),
        "sub": "usr_demo",
        "client_id": "test-client",
        "scope": scope,
        "iat": now(),
        "exp": now() + 600,
    })
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// `initialize` with this bearer token: the HTTP status and the `WWW-Authenticate` value.
async fn try_token(app: &TestApp, token: &str) -> (StatusCode, String) {
    let body = json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "t", "version": "0"}}});
    let response = app
        .post(
            "/mcp",
            &body.to_string(),
            &[("authorization", &format!("Bearer {token}"))],
        )
        .await;
    let challenge = response
        .headers()
        .get("www-authenticate")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (response.status(), challenge)
}

#[tokio::test]
async fn a_read_only_token_sees_and_calls_only_what_its_scopes_allow() {
    let issuer = Issuer::start(&[KEY1_JWK]).await;
    let app = app(&issuer).await;
    let token = mint(
        KEY1_PEM,
        Some("test-key1"),
        &claims(&app, &issuer, "projects:read apps:read"),
    );
    let bearer = format!("Bearer {token}");
    let client = app.client("/mcp", Some(&bearer)).await;

    let names = crate::helpers::tool_names(&client).await;
    assert!(names.contains(&"apps_list".to_string()), "{names:?}");
    assert!(names.contains(&"projects_get".to_string()), "{names:?}");
    for hidden in [
        "apps_create",
        "apps_delete",
        "sites_list",
        "projects_create",
        "databases_get",
    ] {
        assert!(
            !names.iter().any(|n| n == hidden),
            "{hidden} listed: {names:?}"
        );
    }

    let listed = call(&client, "apps_list", json!({})).await;
    assert!(!is_error(&listed), "{}", text(&listed));
    assert_eq!(
        issuer.forwarded(),
        vec![bearer.clone()],
        "the verified token goes to the API"
    );

    let refused = call(
        &client,
        "apps_create",
        json!({"projectId": "prj_1", "name": "x"}),
    )
    .await;
    assert!(is_error(&refused));
    assert!(text(&refused).contains("apps:write"), "{}", text(&refused));
    let refused = call(&client, "sites_list", json!({})).await;
    assert!(
        is_error(&refused) && text(&refused).contains("sites:read"),
        "{}",
        text(&refused)
    );
    let refused = call(&client, "projects_create", json!({"name": "x"})).await;
    assert!(
        is_error(&refused) && text(&refused).contains("dashboard session"),
        "{}",
        text(&refused)
    );
    assert_eq!(
        issuer.forwarded().len(),
        1,
        "refused calls never reach the API"
    );

    // Discriminated tools follow the scope of the concrete route.
    let client = app.client("/mcp?toolsets=all", Some(&bearer)).await;
    let names = crate::helpers::tool_names(&client).await;
    assert!(
        names
            .iter()
            .all(|n| !n.ends_with("_create") && !n.ends_with("_delete")),
        "{names:?}"
    );
    client.cancel().await.unwrap();
}

/// `tools/list` answers are kept per set of tools shown (src/mcp/tools_cache.rs): tokens with other scopes, and
/// other selections, asked in turn on one server, each still get their own list.
#[tokio::test]
async fn kept_tools_lists_follow_each_tokens_scopes_and_selection() {
    let issuer = Issuer::start(&[KEY1_JWK]).await;
    let app = app(&issuer).await;
    let narrow = mint(
        KEY1_PEM,
        Some("test-key1"),
        &claims(&app, &issuer, "projects:read"),
    );
    let wide = mint(
        KEY1_PEM,
        Some("test-key1"),
        &claims(&app, &issuer, "projects:read apps:read apps:write"),
    );
    let names = |answer: Value| -> Vec<String> {
        answer["result"]["tools"]
            .as_array()
            .unwrap_or_else(|| panic!("{answer}"))
            .iter()
            .map(|t| t["name"].as_str().unwrap().to_string())
            .collect()
    };
    let mut seen: Vec<Vec<String>> = Vec::new();
    for round in 0..2 {
        for (i, (path, token)) in [
            ("/mcp", &narrow),
            ("/mcp", &wide),
            ("/mcp?readonly=true", &wide),
            ("/mcp?toolsets=all", &wide),
        ]
        .into_iter()
        .enumerate()
        {
            let bearer = format!("Bearer {token}");
            let listed = names(
                app.rpc(
                    path,
                    "tools/list",
                    json!({}),
                    &[
                        ("authorization", &bearer),
                        ("mcp-protocol-version", "2025-11-25"),
                    ],
                )
                .await,
            );
            if round == 0 {
                seen.push(listed);
            } else {
                assert_eq!(
                    listed, seen[i],
                    "{path} answered differently the second time"
                );
            }
        }
    }
    let [narrow, wide, read_only, all] = &seen[..] else {
        panic!("four lists")
    };
    assert!(narrow.contains(&"projects_get".to_string()), "{narrow:?}");
    assert!(!narrow.contains(&"apps_list".to_string()), "{narrow:?}");
    assert!(wide.contains(&"apps_create".to_string()), "{wide:?}");
    assert!(
        !read_only.contains(&"apps_create".to_string()),
        "{read_only:?}"
    );
    assert!(
        read_only.contains(&"apps_list".to_string()),
        "{read_only:?}"
    );
    assert!(all.len() > wide.len(), "{all:?} vs {wide:?}");
}

#[tokio::test]
async fn the_origin_audience_and_an_scp_array_are_accepted() {
    let issuer = Issuer::start(&[KEY1_JWK]).await;
    let app = app(&issuer).await;
    let mut c = claims(&app, &issuer, "");
    c["aud"] = json!(["https://other.example", app.url("")]);
    c.as_object_mut().unwrap().remove("scope");
    c["scp"] = json!(["databases:read"]);
    let token = mint(KEY1_PEM, Some("test-key1"), &c);
    let client = app.client("/mcp", Some(&format!("Bearer {token}"))).await;
    let names = crate::helpers::tool_names(&client).await;
    assert_eq!(names, ["databases_list", "databases_get"]);
}

#[tokio::test]
async fn forged_expired_and_misdirected_tokens_are_refused_with_invalid_token() {
    let logs = logs::log();
    let issuer = Issuer::start(&[KEY1_JWK]).await;
    let app = app(&issuer).await;
    let good = claims(&app, &issuer, "apps:read");
    let with = |edit: &dyn Fn(&mut Value)| {
        let mut c = good.clone();
        edit(&mut c);
        c
    };
    let public_key_pem = {
        // The HS256-with-the-public-key attack: the public key's bytes as the HMAC secret.
        let n = serde_json::from_str::<Value>(KEY1_JWK).unwrap()["n"]
            .as_str()
            .unwrap()
            .to_string();
        n.into_bytes()
    };
    let hs256 = {
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some("test-key1".into());
        jsonwebtoken::encode(
            &header,
            &good,
            &EncodingKey::from_secret(&public_key_pem).unwrap(),
        )
        .unwrap()
    };
    let tampered = {
        let token = mint(KEY1_PEM, Some("test-key1"), &good);
        let parts: Vec<&str> = token.split('.').collect();
        let payload = with(&|c| c["scope"] = json!("apps:read apps:write apps:delete"));
        format!(
            "{}.{}.{}",
            parts[0],
            b64(payload.to_string().as_bytes()),
            parts[2]
        )
    };
    let unsigned = format!(
        "{}.{}.",
        b64(br#"{"alg":"none","typ":"JWT"}"#),
        b64(good.to_string().as_bytes())
    );
    let cases: Vec<(&str, String)> = vec![
        (
            "audience",
            mint(
                KEY1_PEM,
                Some("test-key1"),
                &with(&|c| c["aud"] = json!("https://evil.example/mcp")),
            ),
        ),
        (
            "issuer",
            mint(
                KEY1_PEM,
                Some("test-key1"),
                &with(&|c| c["iss"] = json!("https://evil.example")),
            ),
        ),
        (
            "expired",
            mint(
                KEY1_PEM,
                Some("test-key1"),
                &with(&|c| c["exp"] = json!(now() - 120)),
            ),
        ),
        (
            "not_yet_valid",
            mint(
                KEY1_PEM,
                Some("test-key1"),
                &with(&|c| c["nbf"] = json!(now() + 600)),
            ),
        ),
        ("unsigned", unsigned),
        ("algorithm", hs256),
        ("unknown_kid", mint(KEY2_PEM, Some("test-key-nope"), &good)),
        ("signature", mint(KEY2_PEM, Some("test-key1"), &good)),
        ("signature", tampered),
        // The issuer's token for another resource, without a kid: still the issuer's, still refused.
        (
            "audience",
            mint(
                KEY1_PEM,
                None,
                &with(&|c| c["aud"] = json!("https://evil.example/mcp")),
            ),
        ),
        (
            "missing_claim",
            mint(
                KEY1_PEM,
                Some("test-key1"),
                &with(&|c| {
                    c.as_object_mut().unwrap().remove("iss");
                }),
            ),
        ),
    ];
    for (reason, token) in &cases {
        let (status, challenge) = try_token(&app, token).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{reason}");
        assert!(
            challenge.contains(r#"error="invalid_token""#),
            "{reason}: {challenge}"
        );
        assert!(
            challenge.contains("resource_metadata="),
            "{reason}: {challenge}"
        );
        let line = logs.wait_for(&format!("\"reason\":\"{reason}\"")).await;
        assert!(line.contains("\"status\":401"), "{line}");
    }
    assert!(
        issuer.forwarded().is_empty(),
        "no refused token reached the API"
    );
    let everything = logs.contents();
    for (_, token) in &cases {
        let signature = token.rsplit('.').next().unwrap();
        assert!(!everything.contains(token.as_str()), "a token was logged");
        assert!(
            signature.len() < 8 || !everything.contains(signature),
            "a signature was logged"
        );
    }
    // The valid token still works: nothing above poisoned the cache.
    let token = mint(KEY1_PEM, Some("test-key1"), &good);
    assert_eq!(try_token(&app, &token).await.0, StatusCode::OK);
}

#[tokio::test]
async fn rotated_keys_are_picked_up_without_a_restart() {
    let issuer = Issuer::start(&[KEY1_JWK]).await;
    let app = app(&issuer).await;
    let c = claims(&app, &issuer, "apps:read");
    let old = mint(KEY1_PEM, Some("test-key1"), &c);
    let new = mint(KEY2_PEM, Some("test-key2"), &c);
    assert_eq!(try_token(&app, &old).await.0, StatusCode::OK);

    issuer.set_keys(&[KEY2_JWK]);
    tokio::time::sleep(Duration::from_millis(250)).await;
    assert_eq!(
        try_token(&app, &new).await.0,
        StatusCode::OK,
        "the new kid triggers a refetch"
    );
    assert_eq!(
        try_token(&app, &old).await.0,
        StatusCode::UNAUTHORIZED,
        "a withdrawn key stops working"
    );
}

#[tokio::test]
async fn unknown_kids_do_not_hammer_the_jwks_endpoint() {
    let issuer = Issuer::start(&[KEY1_JWK]).await;
    let mut config = config();
    config.api_base_url = url(&issuer.url);
    config.oauth_issuer = Some(url(&issuer.url));
    config.jwks_min_refetch = Duration::from_secs(10);
    let app = TestApp::spawn(config).await;
    let c = claims(&app, &issuer, "apps:read");
    assert_eq!(
        try_token(&app, &mint(KEY1_PEM, Some("test-key1"), &c))
            .await
            .0,
        StatusCode::OK
    );
    let before = issuer.jwks_hits();
    for i in 0..20 {
        let token = mint(KEY2_PEM, Some(&format!("random-{i}")), &c);
        assert_eq!(try_token(&app, &token).await.0, StatusCode::UNAUTHORIZED);
    }
    assert!(
        issuer.jwks_hits() <= before + 1,
        "{} fetches",
        issuer.jwks_hits() - before
    );
}

#[tokio::test]
async fn a_jwks_endpoint_that_goes_down_after_the_first_fetch_changes_nothing() {
    let issuer = Issuer::start(&[KEY1_JWK]).await;
    let app = app(&issuer).await;
    let c = claims(&app, &issuer, "apps:read");
    let token = mint(KEY1_PEM, Some("test-key1"), &c);
    assert_eq!(try_token(&app, &token).await.0, StatusCode::OK);
    issuer.set_down(true);
    tokio::time::sleep(Duration::from_millis(250)).await;
    assert_eq!(try_token(&app, &token).await.0, StatusCode::OK);
    let unknown = mint(KEY2_PEM, Some("test-key2"), &c);
    assert_eq!(try_token(&app, &unknown).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(
        try_token(&app, &token).await.0,
        StatusCode::OK,
        "the failed refetch kept the cache"
    );
}

#[tokio::test]
async fn without_any_keys_an_oauth_token_is_503_and_a_session_token_still_passes() {
    let issuer = Issuer::start(&[KEY1_JWK]).await;
    issuer.set_down(true);
    let app = app(&issuer).await;
    let token = mint(
        KEY1_PEM,
        Some("test-key1"),
        &claims(&app, &issuer, "apps:read"),
    );
    let response = app
        .post(
            "/mcp",
            r#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#,
            &[("authorization", &format!("Bearer {token}"))],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(response.headers().contains_key("retry-after"));

    // A dashboard session token (HS256, no kid, no audience) is the API's to judge.
    let session = format!(
        "{}.{}.{}",
        b64(br#"{"alg":"HS256","typ":"JWT"}"#),
        b64(br#"{"sub":"usr_demo","type":"session"}"#),
        b64(b"signature")
    );
    let bearer = format!("Bearer {session}");
    issuer.set_down(false);
    // An RS256 JWT from another issuer (no kid, not for this server) is not ours to judge either.
    let foreign = mint(
        KEY2_PEM,
        None,
        &json!({"sub": "usr_demo", "exp": now() + 600}),
    );
    assert_eq!(try_token(&app, &foreign).await.0, StatusCode::OK);
    let client = app.client("/mcp", Some(&bearer)).await;
    let names = crate::helpers::tool_names(&client).await;
    assert!(
        names.contains(&"projects_create".to_string()),
        "a session sees every selected tool"
    );
    let listed = call(&client, "apps_list", json!({})).await;
    assert!(!is_error(&listed), "{}", text(&listed));
    assert_eq!(issuer.forwarded(), vec![bearer]);
}

#[tokio::test]
async fn issuer_metadata_is_served_on_the_mcp_host() {
    let issuer = Issuer::start(&[KEY1_JWK]).await;
    let app = app(&issuer).await;
    for path in [
        "/.well-known/oauth-authorization-server",
        "/.well-known/openid-configuration",
        "/.well-known/oauth-authorization-server/mcp",
    ] {
        let response = app.http.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let doc: Value = response.json().await.unwrap();
        assert_eq!(doc["issuer"], json!(issuer.url), "{path}");
        assert_eq!(
            doc["token_endpoint"],
            json!(format!("{}/v1/oauth/token", issuer.url))
        );
    }

    let down = Issuer::start(&[]).await;
    down.set_down(true);
    let app = app_with_issuer(&down).await;
    let response = app
        .http
        .get(app.url("/.well-known/oauth-authorization-server"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_GATEWAY);
    let body: Value = response.json().await.unwrap();
    assert!(
        body["message"].as_str().unwrap().contains(&down.url),
        "{body}"
    );
}

async fn app_with_issuer(issuer: &Issuer) -> TestApp {
    app(issuer).await
}
