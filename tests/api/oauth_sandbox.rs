//! The whole OAuth flow across both halves of this binary: the sandbox as authorization
//! server and the MCP server as resource server, over real HTTP. A client registers, is
//! authorized with PKCE for `<server>/mcp`, and uses its token through `/mcp`; the server
//! verifies the token against the sandbox's JWKS, narrows the tools to the granted read
//! scopes, and the sandbox API stops honouring the token once the grant is revoked.

use base64::Engine;
use hostless_mcp::sandbox::{self, Sandbox, SandboxOptions};
use reqwest::StatusCode;
use serde_json::{Value, json};
use sha2::Digest;

use crate::helpers::{TestApp, call, config, is_error, text, url};

const REDIRECT: &str = "http://127.0.0.1:9/callback";
const VERIFIER: &str = "e2e-verifier-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFG";

struct Setup {
    app: TestApp,
    sandbox: Sandbox,
    issuer: String,
    http: reqwest::Client,
}

async fn start() -> Setup {
    let sandbox = Sandbox::new(SandboxOptions::default());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let issuer = format!("http://{}", listener.local_addr().unwrap());
    sandbox.set_issuer(&url::Url::parse(&issuer).unwrap());
    tokio::spawn(sandbox::serve(
        listener,
        sandbox.clone(),
        std::future::pending(),
    ));
    let mut config = config();
    config.api_base_url = url(&issuer);
    config.oauth_issuer = Some(url(&issuer));
    let app = TestApp::spawn(config).await;
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    Setup {
        app,
        sandbox,
        issuer,
        http,
    }
}

fn challenge() -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(sha2::Sha256::digest(VERIFIER.as_bytes()))
}

impl Setup {
    async fn register(&self) -> String {
        let response = self
            .http
            .post(format!("{}/v1/oauth/register", self.issuer))
            .json(
                &json!({"client_name": "flow test", "redirect_uris": [REDIRECT],
                "token_endpoint_auth_method": "none"}),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
        let body: Value = response.json().await.unwrap();
        body["client_id"].as_str().unwrap().to_string()
    }

    /// Authorizes `client_id` for `resource` and exchanges the code; returns the token response.
    async fn tokens(&self, client_id: &str, resource: &str, scope: &str) -> Value {
        let response = self
            .http
            .get(format!("{}/v1/oauth/authorize", self.issuer))
            .query(&[
                ("response_type", "code"),
                ("client_id", client_id),
                ("redirect_uri", REDIRECT),
                ("code_challenge", &challenge()),
                ("code_challenge_method", "S256"),
                ("resource", resource),
                ("scope", scope),
                ("state", "st4te"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FOUND);
        let location = url::Url::parse(response.headers()["location"].to_str().unwrap()).unwrap();
        let code = location
            .query_pairs()
            .find(|(k, _)| k == "code")
            .unwrap()
            .1
            .to_string();
        let response = self
            .http
            .post(format!("{}/v1/oauth/token", self.issuer))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(
                url::form_urlencoded::Serializer::new(String::new())
                    .extend_pairs([
                        ("grant_type", "authorization_code"),
                        ("code", &code),
                        ("redirect_uri", REDIRECT),
                        ("client_id", client_id),
                        ("code_verifier", VERIFIER),
                        ("resource", resource),
                    ])
                    .finish(),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.unwrap()
    }
}

#[tokio::test]
async fn a_registered_client_uses_its_token_through_mcp_until_the_grant_is_revoked() {
    let s = start().await;
    let client_id = s.register().await;
    let tokens = s
        .tokens(
            &client_id,
            &s.app.url("/mcp"),
            "apps:read projects:read apps:write",
        )
        .await;
    assert_eq!(
        tokens["scope"], "apps:read projects:read",
        "write scopes are downscoped"
    );
    let bearer = format!("Bearer {}", tokens["access_token"].as_str().unwrap());

    let client = s.app.client("/mcp", Some(&bearer)).await;
    let mut names: Vec<String> = client
        .list_all_tools()
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.name.to_string())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "apps_get",
            "apps_list",
            "domains_list",
            "env_vars_list",
            "projects_get",
            "projects_list"
        ]
    );
    let projects = call(&client, "projects_list", json!({})).await;
    assert!(!is_error(&projects), "{}", text(&projects));
    assert!(
        text(&projects).contains("Demo Project"),
        "{}",
        text(&projects)
    );
    let refused = call(&client, "apps_delete", json!({"appName": "web"})).await;
    assert!(
        is_error(&refused) && text(&refused).contains("apps:delete"),
        "{}",
        text(&refused)
    );

    // Revoking the grant (the dashboard's "Connected AI apps") stops the token at the API.
    let grants: Value = s
        .http
        .get(format!("{}/v1/oauth/grants", s.issuer))
        .bearer_auth(s.sandbox.session_token())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let grant = grants
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["clientId"] == json!(client_id))
        .unwrap();
    let revoked = s
        .http
        .delete(format!(
            "{}/v1/oauth/grants/{}",
            s.issuer,
            grant["id"].as_str().unwrap()
        ))
        .bearer_auth(s.sandbox.session_token())
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), StatusCode::OK);
    let after = call(&client, "apps_list", json!({})).await;
    assert!(
        is_error(&after) && text(&after).contains("401"),
        "{}",
        text(&after)
    );
}

#[tokio::test]
async fn a_token_for_another_resource_is_refused_by_the_mcp_server() {
    let s = start().await;
    let client_id = s.register().await;
    let tokens = s
        .tokens(&client_id, "https://other-mcp.example/mcp", "apps:read")
        .await;
    let response = s
        .app
        .post(
            "/mcp",
            r#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#,
            &[(
                "authorization",
                &format!("Bearer {}", tokens["access_token"].as_str().unwrap()),
            )],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let challenge = response.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        challenge.contains(r#"error="invalid_token""#),
        "{challenge}"
    );

    // The origin form of the resource, which the platform's own connectors send, is accepted.
    let tokens = s.tokens(&client_id, &s.app.url(""), "apps:read").await;
    let bearer = format!("Bearer {}", tokens["access_token"].as_str().unwrap());
    let client = s.app.client("/mcp", Some(&bearer)).await;
    let listed = call(&client, "apps_list", json!({})).await;
    assert!(!is_error(&listed), "{}", text(&listed));
}

#[tokio::test]
async fn the_mcp_host_serves_the_sandbox_issuer_metadata() {
    let s = start().await;
    let doc: Value = s
        .http
        .get(s.app.url("/.well-known/oauth-authorization-server"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(doc["issuer"], json!(s.issuer));
    assert_eq!(doc["code_challenge_methods_supported"], json!(["S256"]));
    assert_eq!(doc["client_id_metadata_document_supported"], json!(true));
}
