//! `GET /v1/oauth/authorize`: the authorization endpoint, with auto-consent for the demo
//! user (the sandbox has no login screen).
//!
//! Until the client and its redirect URI are trusted, errors are a JSON `400` (never a
//! redirect to an unverified URI, RFC 6749 §4.1.2.1); after that they go back to the client
//! as `error=` on the redirect, with `state` and `iss` (RFC 9207) like a success.

use std::collections::HashMap;

use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use url::Url;

use super::error::OAuthError;
use super::register::resolve_client;
use super::store::PendingCode;
use super::{Ctx, granted_scopes, single_params};

/// Where the answer goes once the redirect URI is trusted.
struct Redirect {
    uri: Url,
    state: Option<String>,
    issuer: String,
}

impl Redirect {
    fn send(mut self, pairs: &[(&str, &str)]) -> Response {
        {
            let mut query = self.uri.query_pairs_mut();
            for (k, v) in pairs {
                query.append_pair(k, v);
            }
            if let Some(state) = &self.state {
                query.append_pair("state", state);
            }
            query.append_pair("iss", &self.issuer);
        }
        let Ok(location) = HeaderValue::from_str(self.uri.as_str()) else {
            return OAuthError::invalid_request("redirect_uri cannot be used as a Location")
                .into_response();
        };
        let mut response = StatusCode::FOUND.into_response();
        response.headers_mut().insert(header::LOCATION, location);
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response
    }

    fn error(self, e: &OAuthError) -> Response {
        self.send(&[("error", e.code), ("error_description", &e.description)])
    }
}

/// `resource` (RFC 8707): an absolute URL without fragment.
fn check_resource(resource: Option<&String>) -> Result<String, OAuthError> {
    let resource = resource.ok_or_else(|| {
        OAuthError::invalid_request("resource is required (the URL of the MCP server, RFC 8707)")
    })?;
    let ok = Url::parse(resource).is_ok_and(|u| u.fragment().is_none() && u.has_host());
    if ok {
        Ok(resource.clone())
    } else {
        Err(OAuthError::invalid_target(
            "resource must be an absolute URL without a fragment",
        ))
    }
}

/// A PKCE S256 challenge: the base64url SHA-256 of a verifier, 43 characters.
fn check_challenge(params: &HashMap<String, String>) -> Result<String, OAuthError> {
    let challenge = params
        .get("code_challenge")
        .ok_or_else(|| OAuthError::invalid_request("code_challenge is required (PKCE)"))?;
    if params.get("code_challenge_method").map(String::as_str) != Some("S256") {
        return Err(OAuthError::invalid_request(
            "code_challenge_method must be S256",
        ));
    }
    let shape_ok = challenge.len() == 43
        && challenge
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !shape_ok {
        return Err(OAuthError::invalid_request(
            "code_challenge is not a base64url SHA-256 value",
        ));
    }
    Ok(challenge.clone())
}

pub async fn authorize(
    State(ctx): State<Ctx>,
    headers: axum::http::HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let params = match single_params(query.unwrap_or_default().as_bytes()) {
        Ok(p) => p,
        Err(e) => return e.into_response(),
    };
    let Some(client_id) = params.get("client_id") else {
        return OAuthError::invalid_request("client_id is required").into_response();
    };
    let client = match resolve_client(&ctx.server, client_id).await {
        Ok(c) => c,
        Err(e) => return e.into_response(),
    };
    let Some(redirect_uri) = params.get("redirect_uri") else {
        return OAuthError::invalid_request("redirect_uri is required").into_response();
    };
    let parsed = Url::parse(redirect_uri)
        .ok()
        .filter(|_| client.accepts_redirect(redirect_uri));
    let Some(uri) = parsed else {
        return OAuthError::invalid_request("redirect_uri is not registered for this client")
            .into_response();
    };
    let issuer = ctx.server.issuer_for(&headers);
    let redirect = Redirect {
        uri,
        state: params.get("state").cloned(),
        issuer: issuer.clone(),
    };
    if params.get("response_type").map(String::as_str) != Some("code") {
        return redirect.error(&OAuthError::unsupported_response_type(
            "response_type must be code",
        ));
    }
    let checked =
        check_challenge(&params).and_then(|c| Ok((c, check_resource(params.get("resource"))?)));
    let (code_challenge, resource) = match checked {
        Ok(v) => v,
        Err(e) => return redirect.error(&e),
    };
    let code = ctx.server.store.issue_code(PendingCode {
        client_id: client.id.clone(),
        redirect_uri: redirect_uri.clone(),
        code_challenge,
        resource,
        scopes: granted_scopes(params.get("scope").map(String::as_str)),
        issued_at: ctx.server.now(),
    });
    redirect.send(&[("code", &code)])
}
