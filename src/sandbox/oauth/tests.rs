//! The authorization server over real HTTP on port 0, driven as a client would: discovery,
//! registration, authorize (redirects not followed), token, then the sandbox API.

use std::collections::HashMap;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use reqwest::StatusCode;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use tokio::net::TcpListener;
use url::Url;

use crate::config::Secret;
use crate::sandbox::{Sandbox, SandboxOptions};

const RESOURCE: &str = "http://localhost:3333/mcp";
const CLAUDE_REDIRECT: &str = "https://claude.ai/api/mcp/auth_callback";
const APP_REDIRECT: &str = "http://127.0.0.1:7777/callback";

struct Env {
    sandbox: Sandbox,
    base: String,
    http: reqwest::Client,
}

async fn start_with(seed: u64, legacy_secret: Option<&str>) -> Env {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let sandbox = Sandbox::new(SandboxOptions {
        seed: Some(seed),
        issuer: None,
        claude_client_secret: legacy_secret.map(Secret::new),
    });
    // Set after binding, as a test that builds its sandbox first would.
    sandbox.set_issuer(&Url::parse(&base).unwrap());
    let router = sandbox.router();
    tokio::spawn(async move { axum::serve(listener, router).await });
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    Env {
        sandbox,
        base,
        http,
    }
}

async fn start() -> Env {
    start_with(42, None).await
}

/// A fresh PKCE pair (verifier, S256 challenge).
fn pkce() -> (String, String) {
    let verifier: String = URL_SAFE_NO_PAD.encode(rand::random::<[u8; 48]>());
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    (verifier, challenge)
}

fn query_of(location: &str) -> HashMap<String, String> {
    Url::parse(location)
        .unwrap()
        .query_pairs()
        .into_owned()
        .collect()
}

/// How a client authenticates at the token endpoint.
#[derive(Clone, Copy)]
enum Auth<'a> {
    Public,
    Post(&'a str),
    Basic(&'a str),
}

impl Env {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    async fn get_json(&self, path: &str, bearer: Option<&str>) -> (StatusCode, Value) {
        let mut req = self.http.get(self.url(path));
        if let Some(t) = bearer {
            req = req.bearer_auth(t);
        }
        let resp = req.send().await.unwrap();
        (resp.status(), resp.json().await.unwrap_or(Value::Null))
    }

    async fn authorize(&self, params: &[(&str, &str)]) -> reqwest::Response {
        let url = Url::parse_with_params(&self.url("/v1/oauth/authorize"), params).unwrap();
        self.http.get(url).send().await.unwrap()
    }

    /// Authorizes with the usual parameters plus `extra`; `Ok(code)` or `Err(redirect query)`.
    async fn code(
        &self,
        client_id: &str,
        redirect: &str,
        challenge: &str,
        extra: &[(&str, &str)],
    ) -> Result<String, HashMap<String, String>> {
        let mut params = vec![
            ("response_type", "code"),
            ("client_id", client_id),
            ("redirect_uri", redirect),
            ("code_challenge", challenge),
            ("code_challenge_method", "S256"),
            ("resource", RESOURCE),
            ("state", "st-1"),
        ];
        params.retain(|(k, _)| !extra.iter().any(|(e, _)| e == k));
        params.extend(extra.iter().filter(|(_, v)| !v.is_empty()));
        let resp = self.authorize(&params).await;
        assert_eq!(resp.status(), StatusCode::FOUND, "{:?}", resp.text().await);
        let location = resp.headers()["location"].to_str().unwrap().to_string();
        assert!(location.starts_with(redirect), "{location}");
        let q = query_of(&location);
        assert_eq!(q.get("state").map(String::as_str), Some("st-1"));
        assert_eq!(q.get("iss"), Some(&self.base));
        q.get("code").cloned().ok_or(q)
    }

    async fn token(
        &self,
        client_id: &str,
        auth: Auth<'_>,
        form: &[(&str, &str)],
    ) -> (StatusCode, Value) {
        let mut form: Vec<(&str, &str)> = form.to_vec();
        let mut req = self.http.post(self.url("/v1/oauth/token"));
        match auth {
            Auth::Public => form.push(("client_id", client_id)),
            Auth::Post(secret) => {
                form.extend([("client_id", client_id), ("client_secret", secret)])
            }
            Auth::Basic(secret) => req = req.basic_auth(client_id, Some(secret)),
        }
        let resp = with_form(req, &form).send().await.unwrap();
        let status = resp.status();
        if status == StatusCode::OK {
            assert_eq!(resp.headers()["cache-control"], "no-store");
        }
        (status, resp.json().await.unwrap())
    }

    async fn redeem(
        &self,
        client_id: &str,
        auth: Auth<'_>,
        redirect: &str,
        code: &str,
        verifier: &str,
    ) -> (StatusCode, Value) {
        let form = [
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", redirect),
            ("code_verifier", verifier),
            ("resource", RESOURCE),
        ];
        self.token(client_id, auth, &form).await
    }

    /// The whole code flow; the token response.
    async fn flow(
        &self,
        client_id: &str,
        auth: Auth<'_>,
        redirect: &str,
        scope: Option<&str>,
    ) -> Value {
        let (verifier, challenge) = pkce();
        let extra: Vec<(&str, &str)> = scope.map(|s| ("scope", s)).into_iter().collect();
        let code = self
            .code(client_id, redirect, &challenge, &extra)
            .await
            .unwrap();
        let (status, body) = self
            .redeem(client_id, auth, redirect, &code, &verifier)
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body
    }

    async fn register(&self, metadata: Value) -> (StatusCode, Value) {
        let resp = self
            .http
            .post(self.url("/v1/oauth/register"))
            .json(&metadata)
            .send()
            .await
            .unwrap();
        (resp.status(), resp.json().await.unwrap())
    }

    async fn public_client(&self) -> String {
        let (status, body) = self
            .register(
                json!({"redirect_uris": [APP_REDIRECT], "token_endpoint_auth_method": "none"}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body["client_id"].as_str().unwrap().to_string()
    }

    fn session(&self) -> String {
        self.sandbox.session_token().to_string()
    }
}

/// A form-encoded body (reqwest's `form` feature is not enabled).
fn with_form(req: reqwest::RequestBuilder, pairs: &[(&str, &str)]) -> reqwest::RequestBuilder {
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    req.header("content-type", "application/x-www-form-urlencoded")
        .body(body)
}

fn jwt_part(token: &str, index: usize) -> Value {
    let part = token.split('.').nth(index).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap()
}

fn access(body: &Value) -> &str {
    body["access_token"].as_str().unwrap()
}

fn scopes_of(body: &Value) -> Vec<&str> {
    body["scope"].as_str().unwrap().split(' ').collect()
}

#[tokio::test]
async fn metadata_and_jwks_describe_the_server() {
    let env = start().await;
    let (status, meta) = env
        .get_json("/.well-known/oauth-authorization-server", None)
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, oidc) = env
        .get_json("/.well-known/openid-configuration", None)
        .await;
    assert_eq!(meta, oidc);
    let b = &env.base;
    assert_eq!(meta["issuer"], json!(b));
    assert_eq!(
        meta["authorization_endpoint"],
        json!(format!("{b}/v1/oauth/authorize"))
    );
    assert_eq!(meta["token_endpoint"], json!(format!("{b}/v1/oauth/token")));
    assert_eq!(
        meta["registration_endpoint"],
        json!(format!("{b}/v1/oauth/register"))
    );
    assert_eq!(
        meta["revocation_endpoint"],
        json!(format!("{b}/v1/oauth/revoke"))
    );
    assert_eq!(
        meta["jwks_uri"],
        json!(format!("{b}/.well-known/jwks.json"))
    );
    assert_eq!(meta["response_types_supported"], json!(["code"]));
    assert_eq!(
        meta["grant_types_supported"],
        json!(["authorization_code", "refresh_token"])
    );
    assert_eq!(meta["code_challenge_methods_supported"], json!(["S256"]));
    assert_eq!(
        meta["token_endpoint_auth_methods_supported"],
        json!(["none", "client_secret_post", "client_secret_basic"])
    );
    assert_eq!(meta["scopes_supported"], json!(crate::api_routes::SCOPES));
    assert_eq!(meta["client_id_metadata_document_supported"], json!(true));
    assert_eq!(
        meta["authorization_response_iss_parameter_supported"],
        json!(true)
    );

    let (status, jwks) = env.get_json("/.well-known/jwks.json", None).await;
    assert_eq!(status, StatusCode::OK);
    let key = &jwks["keys"][0];
    assert_eq!(jwks["keys"].as_array().unwrap().len(), 1);
    for (k, v) in [("kty", "RSA"), ("use", "sig"), ("alg", "RS256")] {
        assert_eq!(key[k], json!(v));
    }
    assert!(key["n"].as_str().unwrap().len() > 300, "2048-bit modulus");
    assert_eq!(key["e"], json!("AQAB"));
    assert!(key["kid"].as_str().is_some_and(|k| !k.is_empty()));
}

#[tokio::test]
async fn registered_public_client_runs_the_flow_and_reads_the_api() {
    let env = start().await;
    let client_id = env.public_client().await;
    let body = env.flow(&client_id, Auth::Public, APP_REDIRECT, None).await;
    assert_eq!(body["token_type"], json!("Bearer"));
    assert_eq!(body["expires_in"], json!(900));
    assert!(
        body["refresh_token"]
            .as_str()
            .is_some_and(|r| !r.is_empty())
    );
    let reads: Vec<&str> = crate::api_routes::SCOPES
        .iter()
        .copied()
        .filter(|s| s.ends_with(":read"))
        .collect();
    assert_eq!(scopes_of(&body), reads, "no scope asked: every read scope");

    let token = access(&body);
    let (_, jwks) = env.get_json("/.well-known/jwks.json", None).await;
    let header = jwt_part(token, 0);
    assert_eq!(header["alg"], json!("RS256"));
    assert_eq!(header["typ"], json!("at+jwt"));
    assert_eq!(header["kid"], jwks["keys"][0]["kid"]);
    let claims = jwt_part(token, 1);
    assert_eq!(claims["iss"], json!(env.base));
    assert_eq!(claims["aud"], json!(RESOURCE));
    assert_eq!(claims["sub"], json!(crate::sandbox::DEMO_USER_ID));
    assert_eq!(claims["client_id"], json!(client_id));
    assert_eq!(claims["scope"], body["scope"]);
    assert_eq!(claims["nbf"], claims["iat"]);
    assert_eq!(
        claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap(),
        900
    );
    assert!(claims["jti"].is_string() && claims["grant_id"].is_string());

    let (status, apps) = env.get_json("/v1/apps", Some(token)).await;
    assert_eq!(status, StatusCode::OK, "{apps}");
    let resp = env
        .http
        .post(env.url("/v1/apps"))
        .bearer_auth(token)
        .json(&json!({"projectId": crate::sandbox::OWNER_PROJECT_ID, "name": "nope"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    let err: Value = resp.json().await.unwrap();
    assert_eq!(
        err["message"],
        json!("Missing required scope(s): apps:write")
    );
    // JWT-only routes refuse OAuth tokens as they refuse API keys.
    let (status, _) = env.get_json("/v1/users/me/api-keys", Some(token)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn claude_pair_authenticates_with_post_and_basic() {
    let env = start().await;
    let (id, secret) = env.sandbox.claude_client();
    let (id, secret) = (id.to_string(), secret.to_string());
    assert!(id.starts_with("hloc_"));
    for auth in [Auth::Post(&secret), Auth::Basic(&secret)] {
        let body = env
            .flow(&id, auth, CLAUDE_REDIRECT, Some("apps:read"))
            .await;
        let (status, _) = env.get_json("/v1/apps", Some(access(&body))).await;
        assert_eq!(status, StatusCode::OK);
    }
    // Wrong secret, either way, and no secret at all: 401 invalid_client.
    let (verifier, challenge) = pkce();
    for auth in [Auth::Post("wrong"), Auth::Basic("wrong"), Auth::Public] {
        let code = env
            .code(&id, CLAUDE_REDIRECT, &challenge, &[])
            .await
            .unwrap();
        let (status, body) = env
            .redeem(&id, auth, CLAUDE_REDIRECT, &code, &verifier)
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(body["error"], json!("invalid_client"));
        assert!(!body.to_string().contains(&secret));
    }
    let req = env
        .http
        .post(env.url("/v1/oauth/token"))
        .basic_auth(&id, Some("wrong"));
    let resp = with_form(
        req,
        &[("grant_type", "refresh_token"), ("refresh_token", "x")],
    )
    .send()
    .await
    .unwrap();
    assert!(
        resp.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Basic")
    );
}

#[tokio::test]
async fn chatgpt_redirects_match_by_prefix_only() {
    let env = start().await;
    let body = env
        .flow(
            "openai-chatgpt",
            Auth::Public,
            "https://chatgpt.com/connector/oauth/abc123",
            None,
        )
        .await;
    assert!(body["access_token"].is_string());
    env.flow(
        "openai-chatgpt",
        Auth::Public,
        "https://chatgpt.com/connector_platform_oauth_redirect",
        None,
    )
    .await;
    let (_, challenge) = pkce();
    for bad in [
        "https://chatgpt.com/connector/oauth/",
        "https://chatgpt.com/connector/oauth/../../evil",
        "https://chatgpt.com.evil.example/connector/oauth/x",
        "https://evil.example/connector/oauth/x",
    ] {
        let resp = env
            .authorize(&[
                ("response_type", "code"),
                ("client_id", "openai-chatgpt"),
                ("redirect_uri", bad),
                ("code_challenge", &challenge),
                ("code_challenge_method", "S256"),
                ("resource", RESOURCE),
            ])
            .await;
        assert_eq!(resp.status(), StatusCode::BAD_REQUEST, "{bad}");
        assert!(resp.headers().get("location").is_none());
        let body: Value = resp.json().await.unwrap();
        assert_eq!(body["error"], json!("invalid_request"));
    }
}

#[tokio::test]
async fn authorize_refusals_before_and_after_the_redirect_is_trusted() {
    let env = start().await;
    let client_id = env.public_client().await;
    let (_, challenge) = pkce();
    // Unknown client and unregistered redirect: JSON 400, never a redirect.
    for (client, redirect) in [
        ("no-such-client", APP_REDIRECT),
        (client_id.as_str(), "http://127.0.0.1:7777/other"),
    ] {
        let resp = env
            .authorize(&[
                ("response_type", "code"),
                ("client_id", client),
                ("redirect_uri", redirect),
                ("code_challenge", &challenge),
                ("code_challenge_method", "S256"),
                ("resource", RESOURCE),
            ])
            .await;
        assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
        assert!(resp.headers().get("location").is_none());
    }
    // After: back to the client with error=.
    let cases: [(&[(&str, &str)], &str); 5] = [
        (&[("code_challenge_method", "plain")], "invalid_request"),
        (&[("code_challenge_method", "")], "invalid_request"),
        (&[("resource", "")], "invalid_request"),
        (
            &[("resource", "http://localhost:3333/mcp#frag")],
            "invalid_target",
        ),
        (&[("response_type", "token")], "unsupported_response_type"),
    ];
    for (extra, error) in cases {
        let q = env
            .code(&client_id, APP_REDIRECT, &challenge, extra)
            .await
            .unwrap_err();
        assert_eq!(q.get("error").map(String::as_str), Some(error), "{extra:?}");
        assert!(!q.contains_key("code"));
    }
}

#[tokio::test]
async fn code_redemption_is_checked_single_use_and_short_lived() {
    let env = start().await;
    let client_id = env.public_client().await;
    let (verifier, challenge) = pkce();

    let code = env
        .code(&client_id, APP_REDIRECT, &challenge, &[])
        .await
        .unwrap();
    let (status, body) = env
        .redeem(&client_id, Auth::Public, APP_REDIRECT, &code, &pkce().0)
        .await;
    assert_eq!(
        (status, body["error"].clone()),
        (StatusCode::BAD_REQUEST, json!("invalid_grant"))
    );
    // The code was spent by the failed attempt: the right verifier is too late.
    let (_, body) = env
        .redeem(&client_id, Auth::Public, APP_REDIRECT, &code, &verifier)
        .await;
    assert_eq!(body["error"], json!("invalid_grant"));

    let code = env
        .code(&client_id, APP_REDIRECT, &challenge, &[])
        .await
        .unwrap();
    let (_, body) = env
        .redeem(
            &client_id,
            Auth::Public,
            "http://127.0.0.1:7777/other",
            &code,
            &verifier,
        )
        .await;
    assert_eq!(
        body["error"],
        json!("invalid_grant"),
        "mismatched redirect_uri"
    );

    let code = env
        .code(&client_id, APP_REDIRECT, &challenge, &[])
        .await
        .unwrap();
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", APP_REDIRECT),
        ("code_verifier", verifier.as_str()),
        ("resource", "https://other.example/mcp"),
    ];
    let (_, body) = env.token(&client_id, Auth::Public, &form).await;
    assert_eq!(body["error"], json!("invalid_target"), "resource differs");

    let code = env
        .code(&client_id, APP_REDIRECT, &challenge, &[])
        .await
        .unwrap();
    env.sandbox.oauth.advance_clock(61);
    let (_, body) = env
        .redeem(&client_id, Auth::Public, APP_REDIRECT, &code, &verifier)
        .await;
    assert_eq!(body["error"], json!("invalid_grant"), "expired code");
    assert!(
        body["error_description"]
            .as_str()
            .unwrap()
            .contains("expired")
    );

    // Replay: the second redemption fails and kills what the first produced.
    let code = env
        .code(&client_id, APP_REDIRECT, &challenge, &[])
        .await
        .unwrap();
    let (status, first) = env
        .redeem(&client_id, Auth::Public, APP_REDIRECT, &code, &verifier)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        env.get_json("/v1/apps", Some(access(&first))).await.0,
        StatusCode::OK
    );
    let (_, replay) = env
        .redeem(&client_id, Auth::Public, APP_REDIRECT, &code, &verifier)
        .await;
    assert_eq!(replay["error"], json!("invalid_grant"));
    let (status, body) = env.get_json("/v1/apps", Some(access(&first))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    let refresh = first["refresh_token"].as_str().unwrap();
    let (_, body) = env
        .token(
            &client_id,
            Auth::Public,
            &[("grant_type", "refresh_token"), ("refresh_token", refresh)],
        )
        .await;
    assert_eq!(body["error"], json!("invalid_grant"));
}

#[tokio::test]
async fn refresh_rotates_and_reuse_revokes_the_grant() {
    let env = start().await;
    let client_id = env.public_client().await;
    let first = env
        .flow(
            &client_id,
            Auth::Public,
            APP_REDIRECT,
            Some("apps:read projects:read"),
        )
        .await;
    let old = first["refresh_token"].as_str().unwrap();
    let refresh = |token: &str| {
        let token = token.to_string();
        let env = &env;
        let client_id = client_id.clone();
        async move {
            env.token(
                &client_id,
                Auth::Public,
                &[("grant_type", "refresh_token"), ("refresh_token", &token)],
            )
            .await
        }
    };
    let (status, second) = refresh(old).await;
    assert_eq!(status, StatusCode::OK, "{second}");
    let new = second["refresh_token"].as_str().unwrap();
    assert_ne!(new, old);
    assert_eq!(scopes_of(&second), ["apps:read", "projects:read"]);
    assert_eq!(
        env.get_json("/v1/apps", Some(access(&second))).await.0,
        StatusCode::OK
    );
    // Narrowing on refresh is allowed; widening is not.
    let (_, widened) = env
        .token(
            &client_id,
            Auth::Public,
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", new),
                ("scope", "apps:write"),
            ],
        )
        .await;
    assert_eq!(widened["error"], json!("invalid_scope"));

    // The rotated-out token comes back: invalid_grant, and the whole grant dies.
    let (_, reused) = refresh(old).await;
    assert_eq!(reused["error"], json!("invalid_grant"));
    let (_, after) = refresh(new).await;
    assert_eq!(after["error"], json!("invalid_grant"));
    assert_eq!(
        env.get_json("/v1/apps", Some(access(&second))).await.0,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn access_tokens_expire_after_fifteen_minutes() {
    let env = start().await;
    let client_id = env.public_client().await;
    let body = env.flow(&client_id, Auth::Public, APP_REDIRECT, None).await;
    env.sandbox.oauth.advance_clock(901);
    let (status, err) = env.get_json("/v1/apps", Some(access(&body))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(err["message"], json!("Access token has expired"));
}

#[tokio::test]
async fn revoking_a_grant_stops_access_on_the_next_call() {
    let env = start().await;
    let client_id = env.public_client().await;
    let body = env.flow(&client_id, Auth::Public, APP_REDIRECT, None).await;
    let token = access(&body);
    assert_eq!(
        env.get_json("/v1/apps", Some(token)).await.0,
        StatusCode::OK
    );

    // Only the dashboard session manages grants.
    assert_eq!(
        env.get_json("/v1/oauth/grants", Some(token)).await.0,
        StatusCode::FORBIDDEN
    );
    let key = env.sandbox.key("full").unwrap().token.clone();
    assert_eq!(
        env.get_json("/v1/oauth/grants", Some(&key)).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        env.get_json("/v1/oauth/grants", None).await.0,
        StatusCode::UNAUTHORIZED
    );

    let (status, grants) = env.get_json("/v1/oauth/grants", Some(&env.session())).await;
    assert_eq!(status, StatusCode::OK);
    let grant = grants
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["clientId"] == json!(client_id))
        .unwrap()
        .clone();
    assert!(grant["scopes"].as_array().is_some_and(|s| !s.is_empty()));
    assert!(grant["createdAt"].as_str().unwrap().ends_with('Z'));
    let id = grant["id"].as_str().unwrap();
    let resp = env
        .http
        .delete(env.url(&format!("/v1/oauth/grants/{id}")))
        .bearer_auth(env.session())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);

    let (status, err) = env.get_json("/v1/apps", Some(token)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(err["statusCode"], json!(401));
    let refresh = body["refresh_token"].as_str().unwrap();
    let (_, refused) = env
        .token(
            &client_id,
            Auth::Public,
            &[("grant_type", "refresh_token"), ("refresh_token", refresh)],
        )
        .await;
    assert_eq!(refused["error"], json!("invalid_grant"));
    let (_, grants) = env.get_json("/v1/oauth/grants", Some(&env.session())).await;
    assert!(
        !grants
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["id"] == json!(id))
    );
    let resp = env
        .http
        .delete(env.url(&format!("/v1/oauth/grants/{id}")))
        .bearer_auth(env.session())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn rfc7009_revocation_of_a_refresh_token_revokes_the_grant() {
    let env = start().await;
    let (id, secret) = env.sandbox.claude_client();
    let (id, secret) = (id.to_string(), secret.to_string());
    let body = env
        .flow(&id, Auth::Basic(&secret), CLAUDE_REDIRECT, None)
        .await;
    let req = env
        .http
        .post(env.url("/v1/oauth/revoke"))
        .basic_auth(&id, Some(&secret));
    let pairs = [
        ("token", body["refresh_token"].as_str().unwrap()),
        ("token_type_hint", "refresh_token"),
    ];
    let resp = with_form(req, &pairs).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(
        env.get_json("/v1/apps", Some(access(&body))).await.0,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn write_and_unknown_scopes_are_dropped_not_refused() {
    let env = start().await;
    let client_id = env.public_client().await;
    let body = env
        .flow(
            &client_id,
            Auth::Public,
            APP_REDIRECT,
            Some("apps:read apps:write projects:delete bogus:read"),
        )
        .await;
    assert_eq!(body["scope"], json!("apps:read"));
    assert_eq!(jwt_part(access(&body), 1)["scope"], json!("apps:read"));
    let (status, _) = env.get_json("/v1/projects", Some(access(&body))).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "projects:read was not asked for"
    );
}

#[tokio::test]
async fn registration_validates_metadata() {
    let env = start().await;
    let (status, body) = env
        .register(json!({"redirect_uris": ["cursor://anysphere/callback"]}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(
        body["token_endpoint_auth_method"],
        json!("client_secret_basic")
    );
    assert!(
        body["client_secret"]
            .as_str()
            .is_some_and(|s| s.len() >= 32)
    );
    assert!(body["client_id_issued_at"].is_i64());
    let (status, body) = env
        .register(json!({"redirect_uris": [APP_REDIRECT], "token_endpoint_auth_method": "none"}))
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert!(body.get("client_secret").is_none());

    for (metadata, error) in [
        (json!({}), "invalid_redirect_uri"),
        (
            json!({"redirect_uris": ["http://evil.example/cb"]}),
            "invalid_redirect_uri",
        ),
        (
            json!({"redirect_uris": ["javascript:alert(1)"]}),
            "invalid_redirect_uri",
        ),
        (
            json!({"redirect_uris": [APP_REDIRECT], "token_endpoint_auth_method": "private_key_jwt"}),
            "invalid_client_metadata",
        ),
        (
            json!({"redirect_uris": [APP_REDIRECT], "grant_types": ["implicit"]}),
            "invalid_client_metadata",
        ),
    ] {
        let (status, body) = env.register(metadata.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{metadata}");
        assert_eq!(body["error"], json!(error), "{metadata}");
    }
}

/// Serves `document(url)` at `/client.json` on a loopback port; returns that URL.
async fn serve_client_document(document: impl Fn(&str) -> Value + Send + Sync + 'static) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/client.json", listener.local_addr().unwrap());
    let body = document(&url);
    let app = axum::Router::new().route(
        "/client.json",
        axum::routing::get(move || async move { axum::Json(body) }),
    );
    tokio::spawn(async move { axum::serve(listener, app).await });
    url
}

#[tokio::test]
async fn client_id_metadata_documents_are_fetched_and_checked() {
    let env = start().await;
    let good = serve_client_document(|url| {
        json!({"client_id": url, "client_name": "Test client", "redirect_uris": [APP_REDIRECT]})
    })
    .await;
    let body = env.flow(&good, Auth::Public, APP_REDIRECT, None).await;
    assert_eq!(jwt_part(access(&body), 1)["client_id"], json!(good));
    assert_eq!(
        env.get_json("/v1/apps", Some(access(&body))).await.0,
        StatusCode::OK
    );

    let mismatched = serve_client_document(|_| {
        json!({"client_id": "https://somebody-else.example/client.json", "redirect_uris": [APP_REDIRECT]})
    })
    .await;
    let private_key = serve_client_document(|url| {
        json!({"client_id": url, "redirect_uris": [APP_REDIRECT], "token_endpoint_auth_method": "private_key_jwt"})
    })
    .await;
    let (_, challenge) = pkce();
    for client_id in [mismatched, private_key] {
        let resp = env
            .authorize(&[
                ("response_type", "code"),
                ("client_id", &client_id),
                ("redirect_uri", APP_REDIRECT),
                ("code_challenge", &challenge),
                ("code_challenge_method", "S256"),
                ("resource", RESOURCE),
            ])
            .await;
        assert_eq!(resp.status(), StatusCode::BAD_REQUEST, "{client_id}");
        assert!(resp.headers().get("location").is_none());
    }
}

#[tokio::test]
async fn seeded_clients_are_deterministic_and_printed() {
    let a = start_with(7, Some("legacy-secret-value")).await;
    let b = start_with(7, None).await;
    let c = start_with(8, None).await;
    assert_eq!(a.sandbox.claude_client(), b.sandbox.claude_client());
    assert_ne!(a.sandbox.claude_client(), c.sandbox.claude_client());
    let kid = |env: &Env| env.sandbox.oauth.key.kid.clone();
    assert_eq!(kid(&a), kid(&b));

    let lines = a.sandbox.startup_lines().join("\n");
    let (id, secret) = a.sandbox.claude_client();
    assert!(lines.contains("openai-chatgpt"), "{lines}");
    assert!(lines.contains(id) && lines.contains(secret), "{lines}");
    assert!(lines.contains("claude-custom-connector"), "{lines}");
    assert!(!lines.contains("legacy-secret-value"), "{lines}");
    assert!(
        !b.sandbox
            .startup_lines()
            .join("\n")
            .contains("claude-custom-connector")
    );

    // The legacy client works with its configured secret.
    let body = a
        .flow(
            "claude-custom-connector",
            Auth::Post("legacy-secret-value"),
            CLAUDE_REDIRECT,
            None,
        )
        .await;
    assert!(body["access_token"].is_string());
}

#[tokio::test]
async fn tokens_of_another_sandbox_are_not_accepted() {
    let ours = start_with(11, None).await;
    let theirs = start_with(12, None).await;
    let client_id = theirs.public_client().await;
    let body = theirs
        .flow(&client_id, Auth::Public, APP_REDIRECT, None)
        .await;
    let (status, _) = ours.get_json("/v1/apps", Some(access(&body))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // A tampered payload under our own key is refused too.
    let token = access(&body);
    let mut parts: Vec<String> = token.split('.').map(str::to_string).collect();
    let mut claims = jwt_part(token, 1);
    claims["scope"] = json!(crate::api_routes::SCOPES.join(" "));
    parts[1] = URL_SAFE_NO_PAD.encode(claims.to_string());
    let (status, _) = theirs.get_json("/v1/apps", Some(&parts.join("."))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

/// Through the router directly, as the sandbox's other tests do.
async fn oneshot(
    router: &axum::Router,
    method: &str,
    path: &str,
    host: &str,
) -> (StatusCode, Value) {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let request = axum::http::Request::builder()
        .method(method)
        .uri(path)
        .header("host", host)
        .body(axum::body::Body::empty())
        .unwrap();
    let response = router.clone().oneshot(request).await.unwrap();
    let status = StatusCode::from_u16(response.status().as_u16()).unwrap();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap())
}

#[tokio::test]
async fn without_a_configured_issuer_the_host_header_names_it() {
    let sandbox = Sandbox::new(SandboxOptions {
        seed: Some(42),
        ..Default::default()
    });
    assert_eq!(sandbox.issuer(), None);
    let router = sandbox.router();
    let (status, meta) = oneshot(
        &router,
        "GET",
        "/.well-known/openid-configuration",
        "sandbox.test:4010",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(meta["issuer"], json!("http://sandbox.test:4010"));
    assert_eq!(
        meta["token_endpoint"],
        json!("http://sandbox.test:4010/v1/oauth/token")
    );
    // A Host that could smuggle text into URLs is not used.
    let (_, meta) = oneshot(
        &router,
        "GET",
        "/.well-known/oauth-authorization-server",
        "evil/path?x",
    )
    .await;
    assert_eq!(meta["issuer"], json!("http://localhost"));

    // Wrong methods and unknown OAuth paths still answer JSON.
    let (status, body) = oneshot(&router, "GET", "/v1/oauth/token", "sandbox.test").await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(body["statusCode"], json!(405));
    // The grant routes (merged in from `sandbox::grants`) share that JSON 405.
    let (status, body) = oneshot(&router, "POST", "/v1/oauth/grants", "sandbox.test").await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(body["statusCode"], json!(405));
    let (status, body) = oneshot(&router, "GET", "/v1/oauth/nothing-here", "sandbox.test").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["statusCode"], json!(404));
}
