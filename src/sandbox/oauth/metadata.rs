//! RFC 8414 authorization server metadata (also served as `openid-configuration` for
//! clients that only look there) and the JWKS.

use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use serde_json::{Value, json};

use super::Ctx;
use super::store::AuthMethod;

/// The metadata document for `issuer`.
pub fn document(issuer: &str) -> Value {
    let auth_methods: Vec<&str> = AuthMethod::ALL.iter().map(|m| m.as_str()).collect();
    json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{issuer}/v1/oauth/authorize"),
        "token_endpoint": format!("{issuer}/v1/oauth/token"),
        "registration_endpoint": format!("{issuer}/v1/oauth/register"),
        "revocation_endpoint": format!("{issuer}/v1/oauth/revoke"),
        "jwks_uri": format!("{issuer}/.well-known/jwks.json"),
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code", "refresh_token"],
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": auth_methods,
        "revocation_endpoint_auth_methods_supported": auth_methods,
        "scopes_supported": crate::api_routes::SCOPES,
        "client_id_metadata_document_supported": true,
        "authorization_response_iss_parameter_supported": true,
    })
}

/// `GET /.well-known/oauth-authorization-server` and `/.well-known/openid-configuration`.
pub async fn metadata(State(ctx): State<Ctx>, headers: HeaderMap) -> Json<Value> {
    Json(document(&ctx.server.issuer_for(&headers)))
}

/// `GET /.well-known/jwks.json`.
pub async fn jwks(State(ctx): State<Ctx>) -> Json<Value> {
    Json(json!({"keys": [ctx.server.key.jwk()]}))
}
