//! How clients become known: dynamic registration (RFC 7591) and Client ID Metadata
//! Documents (a `client_id` that is an https URL, or a loopback http URL for tests, names a
//! JSON document that describes the client).
//!
//! Redirect URIs must be `https`, loopback `http` or a private-use scheme (`cursor://…`);
//! schemes a browser would run or read locally are refused. A metadata document is fetched
//! with a 5 s timeout, a 64 KiB cap and no redirects, and cached for five minutes.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};
use url::Url;

use super::error::OAuthError;
use super::store::{AuthMethod, Client, ClientOrigin};
use super::{Ctx, OAuthServer};

/// How long a fetched metadata document is trusted before it is fetched again.
const METADATA_CACHE_SECS: i64 = 300;
/// Largest metadata document read.
const METADATA_MAX_BYTES: usize = 64 * 1024;
/// Schemes never accepted as redirect targets.
const FORBIDDEN_SCHEMES: [&str; 5] = ["javascript", "data", "file", "vbscript", "blob"];

fn is_loopback(url: &Url) -> bool {
    matches!(url.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"))
}

/// Checks one redirect URI; the error names the rule it breaks.
fn check_redirect_uri(uri: &str) -> Result<(), String> {
    let url =
        Url::parse(uri).map_err(|_| format!("redirect URI {uri:?} is not an absolute URI"))?;
    if url.fragment().is_some() {
        return Err(format!("redirect URI {uri:?} must not have a fragment"));
    }
    match url.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(&url) => Ok(()),
        "http" => Err(format!(
            "redirect URI {uri:?}: http is only allowed for loopback hosts"
        )),
        s if FORBIDDEN_SCHEMES.contains(&s) => {
            Err(format!("redirect URI {uri:?} uses a forbidden scheme"))
        }
        _ => Ok(()),
    }
}

/// `redirect_uris` from client metadata: a non-empty array of acceptable URIs.
fn redirect_uris(metadata: &Value) -> Result<Vec<String>, OAuthError> {
    let list = metadata
        .get("redirect_uris")
        .and_then(Value::as_array)
        .filter(|l| !l.is_empty())
        .ok_or_else(|| {
            OAuthError::invalid_redirect_uri("redirect_uris must be a non-empty array")
        })?;
    list.iter()
        .map(|v| {
            let uri = v.as_str().ok_or_else(|| {
                OAuthError::invalid_redirect_uri("redirect_uris must hold strings")
            })?;
            check_redirect_uri(uri).map_err(OAuthError::invalid_redirect_uri)?;
            Ok(uri.to_string())
        })
        .collect()
}

/// Checks that an optional array field only holds allowed values.
fn check_subset(metadata: &Value, field: &str, allowed: &[&str]) -> Result<(), OAuthError> {
    let Some(value) = metadata.get(field) else {
        return Ok(());
    };
    let ok = value.as_array().is_some_and(|l| {
        l.iter()
            .all(|v| v.as_str().is_some_and(|s| allowed.contains(&s)))
    });
    if ok {
        Ok(())
    } else {
        Err(OAuthError::invalid_client_metadata(format!(
            "{field} may only contain {}",
            allowed.join(", ")
        )))
    }
}

fn client_name(metadata: &Value) -> Option<String> {
    metadata
        .get("client_name")
        .and_then(Value::as_str)
        .map(|s| s.chars().take(200).collect())
}

/// `POST /v1/oauth/register` (RFC 7591).
pub async fn register(State(ctx): State<Ctx>, body: axum::body::Bytes) -> Response {
    match register_client(&ctx.server, &body) {
        Ok(value) => (StatusCode::CREATED, Json(value)).into_response(),
        Err(e) => e.into_response(),
    }
}

fn register_client(server: &OAuthServer, body: &[u8]) -> Result<Value, OAuthError> {
    let metadata: Value = serde_json::from_slice(body)
        .ok()
        .filter(Value::is_object)
        .ok_or_else(|| OAuthError::invalid_client_metadata("body must be a JSON object"))?;
    let redirect_uris = redirect_uris(&metadata)?;
    let method = match metadata.get("token_endpoint_auth_method") {
        None => AuthMethod::ClientSecretBasic,
        Some(v) => v.as_str().and_then(AuthMethod::parse).ok_or_else(|| {
            OAuthError::invalid_client_metadata(
                "token_endpoint_auth_method must be none, client_secret_post or client_secret_basic",
            )
        })?,
    };
    check_subset(
        &metadata,
        "grant_types",
        &["authorization_code", "refresh_token"],
    )?;
    check_subset(&metadata, "response_types", &["code"])?;
    let confidential = method != AuthMethod::None;
    let client = server.store.register(
        Client {
            id: String::new(),
            secret: None,
            auth_methods: vec![method],
            redirect_uris: redirect_uris.clone(),
            redirect_prefixes: Vec::new(),
            name: client_name(&metadata),
            origin: ClientOrigin::Registered,
        },
        confidential,
    );
    let mut answer: Map<String, Value> = [
        ("client_id", json!(client.id)),
        ("client_id_issued_at", json!(server.now())),
        ("redirect_uris", json!(redirect_uris)),
        ("token_endpoint_auth_method", json!(method.as_str())),
        (
            "grant_types",
            json!(["authorization_code", "refresh_token"]),
        ),
        ("response_types", json!(["code"])),
    ]
    .into_iter()
    .map(|(key, value)| (key.to_string(), value))
    .collect();
    if let Some(name) = &client.name {
        answer.insert("client_name".into(), json!(name));
    }
    if let Some(secret) = &client.secret {
        answer.insert("client_secret".into(), json!(secret));
        answer.insert("client_secret_expires_at".into(), json!(0));
    }
    Ok(Value::Object(answer))
}

/// Whether `client_id` names a metadata document: an https URL, or a loopback http URL,
/// with a path and without fragment or credentials.
fn metadata_url(client_id: &str) -> Option<Url> {
    let url = Url::parse(client_id).ok()?;
    let scheme_ok = url.scheme() == "https" || (url.scheme() == "http" && is_loopback(&url));
    let shape_ok = url.path() != "/"
        && url.fragment().is_none()
        && url.username().is_empty()
        && url.password().is_none();
    (scheme_ok && shape_ok).then_some(url)
}

/// The client for `client_id`: a known one, or one described by a (fresh or cached)
/// metadata document.
pub async fn resolve_client(server: &OAuthServer, client_id: &str) -> Result<Client, OAuthError> {
    let now = server.now();
    let known = server.store.client(client_id);
    if let Some(client) = &known {
        let fresh = match client.origin {
            ClientOrigin::MetadataDocument { fetched_at } => now - fetched_at < METADATA_CACHE_SECS,
            _ => true,
        };
        if fresh {
            return Ok(client.clone());
        }
    }
    let Some(url) = metadata_url(client_id) else {
        return Err(OAuthError::unknown_client("client_id is not registered"));
    };
    let client = fetch_metadata_document(server, &url, client_id, now).await?;
    server.store.put_client(client.clone());
    Ok(client)
}

async fn fetch_metadata_document(
    server: &OAuthServer,
    url: &Url,
    client_id: &str,
    now: i64,
) -> Result<Client, OAuthError> {
    let failed = |why: &str| OAuthError::unknown_client(format!("client metadata document: {why}"));
    let http = server
        .http
        .as_ref()
        .ok_or_else(|| failed("no HTTP client available"))?;
    let mut response = http
        .get(url.clone())
        .header("accept", "application/json")
        .send()
        .await
        .map_err(|_| failed("could not be fetched"))?;
    if response.status() != reqwest::StatusCode::OK {
        return Err(failed(&format!(
            "fetch answered {}",
            response.status().as_u16()
        )));
    }
    if response
        .content_length()
        .is_some_and(|n| n > METADATA_MAX_BYTES as u64)
    {
        return Err(failed("larger than 64 KiB"));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|_| failed("could not be read"))?
    {
        if body.len() + chunk.len() > METADATA_MAX_BYTES {
            return Err(failed("larger than 64 KiB"));
        }
        body.extend_from_slice(&chunk);
    }
    let metadata: Value = serde_json::from_slice(&body)
        .ok()
        .filter(Value::is_object)
        .ok_or_else(|| failed("not a JSON object"))?;
    if metadata.get("client_id").and_then(Value::as_str) != Some(client_id) {
        return Err(failed("its client_id is not the URL it was fetched from"));
    }
    match metadata
        .get("token_endpoint_auth_method")
        .and_then(Value::as_str)
    {
        None | Some("none") => {}
        Some("private_key_jwt") => {
            return Err(failed("private_key_jwt is not supported by the sandbox"));
        }
        Some(_) => return Err(failed("token_endpoint_auth_method must be none")),
    }
    let redirect_uris = redirect_uris(&metadata).map_err(|e| failed(&e.description))?;
    Ok(Client {
        id: client_id.to_string(),
        secret: None,
        auth_methods: vec![AuthMethod::None],
        redirect_uris,
        redirect_prefixes: Vec::new(),
        name: client_name(&metadata),
        origin: ClientOrigin::MetadataDocument { fetched_at: now },
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn redirect_uri_rules() {
        for ok in [
            "https://app.example/cb",
            "http://localhost:8080/cb",
            "http://127.0.0.1/cb",
            "http://[::1]:9/cb",
            "cursor://anysphere.cursor-retrieval/oauth/callback",
        ] {
            assert!(check_redirect_uri(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://app.example/cb",
            "https://app.example/cb#frag",
            "javascript:alert(1)",
            "data:text/html,hi",
            "/relative",
        ] {
            assert!(check_redirect_uri(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn metadata_urls() {
        assert!(metadata_url("https://app.example/client.json").is_some());
        assert!(metadata_url("http://127.0.0.1:9/client.json").is_some());
        assert!(metadata_url("http://app.example/client.json").is_none());
        assert!(metadata_url("https://app.example/").is_none());
        assert!(metadata_url("my-client").is_none());
    }
}
