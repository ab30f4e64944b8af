//! `POST /v1/oauth/token` (authorization code with PKCE, refresh token with rotation) and
//! `POST /v1/oauth/revoke` (RFC 7009), with their shared client authentication.
//!
//! Confidential clients authenticate with `client_secret_post` or `client_secret_basic`
//! (exactly one of them); public clients send only `client_id`. Every answer carries
//! `Cache-Control: no-store`.

use std::collections::HashMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::error::OAuthError;
use super::register::resolve_client;
use super::store::{AuthMethod, Client, Grant, PendingCode, same_secret};
use super::{ACCESS_TOKEN_TTL_SECS, Ctx, OAuthServer, Verification, single_params};

/// Credentials from an `Authorization: Basic` header, form-decoded (RFC 6749 §2.3.1).
fn basic_credentials(headers: &HeaderMap) -> Result<Option<(String, String)>, OAuthError> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let bad = || {
        OAuthError::invalid_client("Authorization header is not valid Basic credentials")
            .with_basic_challenge()
    };
    let value = value.to_str().map_err(|_| bad())?.trim();
    let encoded = value
        .get(..6)
        .filter(|s| s.eq_ignore_ascii_case("basic "))
        .and_then(|_| value.get(6..))
        .ok_or_else(bad)?;
    let decoded = STANDARD.decode(encoded.trim()).map_err(|_| bad())?;
    let text = String::from_utf8(decoded).map_err(|_| bad())?;
    let (id, secret) = text.split_once(':').ok_or_else(bad)?;
    let decode = |s: &str| -> String {
        url::form_urlencoded::parse(format!("x={s}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default()
    };
    Ok(Some((decode(id), decode(secret))))
}

/// Identifies and authenticates the client of a token or revocation request.
async fn authenticate_client(
    server: &OAuthServer,
    headers: &HeaderMap,
    params: &HashMap<String, String>,
) -> Result<Client, OAuthError> {
    let basic = basic_credentials(headers)?;
    let posted_secret = params.get("client_secret");
    let (client_id, secret, method) = match (&basic, posted_secret) {
        (Some(_), Some(_)) => {
            return Err(OAuthError::invalid_request(
                "use one client authentication method, not two",
            ));
        }
        (Some((id, secret)), None) => {
            if params.get("client_id").is_some_and(|p| p != id) {
                return Err(OAuthError::invalid_request(
                    "client_id differs from the Basic credentials",
                ));
            }
            (
                id.clone(),
                Some(secret.clone()),
                AuthMethod::ClientSecretBasic,
            )
        }
        (None, secret) => {
            let id = params
                .get("client_id")
                .ok_or_else(|| OAuthError::invalid_client("client_id is required"))?;
            let method = if secret.is_some() {
                AuthMethod::ClientSecretPost
            } else {
                AuthMethod::None
            };
            (id.clone(), secret.cloned(), method)
        }
    };
    let refuse = |why: &str| {
        let e = OAuthError::invalid_client(why.to_string());
        if basic.is_some() {
            e.with_basic_challenge()
        } else {
            e
        }
    };
    let client = resolve_client(server, &client_id)
        .await
        .map_err(|_| refuse("client authentication failed"))?;
    if !client.auth_methods.contains(&method) {
        return Err(refuse(&format!(
            "this client authenticates with {}",
            client
                .auth_methods
                .iter()
                .map(|m| m.as_str())
                .collect::<Vec<_>>()
                .join(" or ")
        )));
    }
    match (&client.secret, &secret) {
        (None, None) => Ok(client),
        (Some(expected), Some(given)) if same_secret(expected, given) => Ok(client),
        _ => Err(refuse("client authentication failed")),
    }
}

/// A token endpoint answer (RFC 6749 §5.1) with `no-store`.
fn token_response(access_token: &str, refresh_token: &str, scopes: &[String]) -> Response {
    let body = json!({
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": ACCESS_TOKEN_TTL_SECS,
        "refresh_token": refresh_token,
        "scope": scopes.join(" "),
    });
    let mut response = (StatusCode::OK, Json(body)).into_response();
    let h = response.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    response
}

/// `POST /v1/oauth/token`.
pub async fn token(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Response {
    match exchange(&ctx.server, &headers, &body).await {
        Ok(response) => response,
        Err(e) => e.into_response(),
    }
}

async fn exchange(
    server: &OAuthServer,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Response, OAuthError> {
    let params = single_params(body)?;
    let grant_type = params
        .get("grant_type")
        .ok_or_else(|| OAuthError::invalid_request("grant_type is required"))?
        .clone();
    let client = authenticate_client(server, headers, &params).await?;
    let issuer = server.issuer_for(headers);
    let (grant, refresh, scopes) = match grant_type.as_str() {
        "authorization_code" => {
            let code = params
                .get("code")
                .ok_or_else(|| OAuthError::invalid_request("code is required"))?;
            let (grant, refresh) =
                server
                    .store
                    .redeem_code(code, server.now(), &issuer, |pending| {
                        check_code(pending, &client, &params)
                    })?;
            let scopes = grant.scopes.clone();
            (grant, refresh, scopes)
        }
        "refresh_token" => {
            let token = params
                .get("refresh_token")
                .ok_or_else(|| OAuthError::invalid_request("refresh_token is required"))?;
            let mut scopes = Vec::new();
            let (grant, refresh) = server.store.rotate_refresh(token, &client.id, |grant| {
                scopes = refresh_scopes(grant, &params)?;
                Ok(())
            })?;
            (grant, refresh, scopes)
        }
        _ => {
            return Err(OAuthError::unsupported_grant_type(
                "grant_type must be authorization_code or refresh_token",
            ));
        }
    };
    let access = server.mint(&grant, &scopes)?;
    Ok(token_response(&access, &refresh, &scopes))
}

/// The checks of RFC 6749 §4.1.3 and RFC 7636 §4.6 against the redeemed code.
fn check_code(
    pending: &PendingCode,
    client: &Client,
    params: &HashMap<String, String>,
) -> Result<(), OAuthError> {
    if pending.client_id != client.id {
        return Err(OAuthError::invalid_grant(
            "authorization code was issued to another client",
        ));
    }
    if params.get("redirect_uri") != Some(&pending.redirect_uri) {
        return Err(OAuthError::invalid_grant(
            "redirect_uri does not match the authorization request",
        ));
    }
    let verifier = params
        .get("code_verifier")
        .ok_or_else(|| OAuthError::invalid_grant("code_verifier is required (PKCE)"))?;
    let computed = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    if !(43..=128).contains(&verifier.len()) || !same_secret(&computed, &pending.code_challenge) {
        return Err(OAuthError::invalid_grant(
            "code_verifier does not match the code_challenge",
        ));
    }
    if params
        .get("resource")
        .is_some_and(|r| *r != pending.resource)
    {
        return Err(OAuthError::invalid_target(
            "resource differs from the one authorized",
        ));
    }
    Ok(())
}

/// Scopes for a refreshed token: the grant's, or a subset the client asks for.
fn refresh_scopes(
    grant: &Grant,
    params: &HashMap<String, String>,
) -> Result<Vec<String>, OAuthError> {
    if params.get("resource").is_some_and(|r| *r != grant.resource) {
        return Err(OAuthError::invalid_target(
            "resource differs from the one authorized",
        ));
    }
    let Some(asked) = params.get("scope") else {
        return Ok(grant.scopes.clone());
    };
    let scopes: Vec<String> = asked.split_ascii_whitespace().map(str::to_string).collect();
    if scopes.iter().all(|s| grant.scopes.contains(s)) && !scopes.is_empty() {
        Ok(scopes)
    } else {
        Err(OAuthError::invalid_scope(
            "a refresh may only narrow the granted scopes",
        ))
    }
}

/// `POST /v1/oauth/revoke` (RFC 7009): a refresh token or an access token of the
/// authenticated client revokes its grant; unknown tokens still answer `200`.
pub async fn revoke(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Response {
    let result = async {
        let params = single_params(&body)?;
        let client = authenticate_client(&ctx.server, &headers, &params).await?;
        let token = params
            .get("token")
            .ok_or_else(|| OAuthError::invalid_request("token is required"))?;
        ctx.server.store.revoke_refresh(token, &client.id);
        if let Verification::Valid(access) = ctx.server.verify(token)
            && access.client_id == client.id
        {
            ctx.server.store.revoke_grant(&access.grant_id);
        }
        Ok::<_, OAuthError>(())
    }
    .await;
    match result {
        Ok(()) => {
            let mut response = (StatusCode::OK, Json(json!({}))).into_response();
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(e) => e.into_response(),
    }
}
