//! The Hostless REST API client: turns a catalog entry plus validated arguments into one
//! HTTP request (`<API_BASE_URL>/v1/<path>` with percent-encoded segments, query or JSON
//! body, the caller's `Authorization`), and reads the answer within size and time limits.
//! One pooled `reqwest::Client` for the process; redirects are not followed, so a
//! credential never leaves `API_BASE_URL`.

use std::time::Duration;

use axum::http::HeaderValue;
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE};
use serde_json::{Map, Value};
use url::Url;

use super::catalog::{self, ToolDef, Verb};
use super::error::{MAX_RESPONSE_BYTES, PlatformError};
use crate::http::request_id::{self, RequestId};

/// Characters escaped in one path segment: everything that could end or split it.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// An API call, ready to send.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiRequest {
    pub verb: Verb,
    /// `/v1/...`, already percent-encoded.
    pub path: String,
    pub query: Vec<(String, String)>,
    pub body: Option<Value>,
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

impl ApiRequest {
    /// Places each argument: path placeholder (through [`catalog::SEGMENTS`] for
    /// discriminators such as `resourceType`, else the same-named argument,
    /// percent-encoded), `changes` (the whole body), `fields` (merged into the body), else a
    /// query parameter (GET/DELETE) or body field.
    pub fn build(def: &ToolDef, mut args: Map<String, Value>) -> Result<Self, PlatformError> {
        let mut path = String::from("/v1");
        // Discriminators may fill several placeholders (`{resourceType}`, `{reviews}`), so
        // they leave `args` only once the whole path is built.
        let mut consumed = Vec::new();
        for segment in def.path.split('/').filter(|s| !s.is_empty()) {
            path.push('/');
            let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) else {
                path.push_str(segment);
                continue;
            };
            if let Some(raw) =
                catalog::table_segment(name, &args).map_err(PlatformError::InvalidArguments)?
            {
                path.push_str(raw);
                consumed.extend(catalog::segment_arg(name));
                continue;
            }
            let value = args
                .remove(name)
                .as_ref()
                .and_then(scalar_text)
                .unwrap_or_default();
            let value = value.trim();
            if value.is_empty() {
                return Err(PlatformError::InvalidArguments(format!(
                    "`{name}` must not be empty"
                )));
            }
            if value == "." || value == ".." {
                return Err(PlatformError::InvalidArguments(format!(
                    "`{name}` is not a valid name"
                )));
            }
            path.extend(utf8_percent_encode(value, SEGMENT));
        }
        for name in consumed {
            args.remove(name);
        }
        let mut body = match args.remove("changes") {
            Some(Value::Object(changes)) => Some(changes),
            Some(_) => {
                return Err(PlatformError::InvalidArguments(
                    "`changes` must be an object".into(),
                ));
            }
            None => None,
        };
        let fields = match args.remove("fields") {
            Some(Value::Object(fields)) => fields,
            Some(Value::Null) | None => Map::new(),
            Some(_) => {
                return Err(PlatformError::InvalidArguments(
                    "`fields` must be an object".into(),
                ));
            }
        };
        let mut query = Vec::new();
        if def.verb.has_body() {
            let target = body.get_or_insert_with(Map::new);
            // Named arguments win over same-named keys inside `fields`.
            for (k, v) in fields {
                target.entry(k).or_insert(v);
            }
            for (k, v) in args {
                target.insert(k, v);
            }
        } else {
            for (k, v) in args {
                if let Some(text) = scalar_text(&v) {
                    query.push((k, text));
                }
            }
        }
        Ok(Self {
            verb: def.verb,
            path,
            query,
            body: body.map(Value::Object),
        })
    }
}

/// Talks to one Hostless API base URL.
#[derive(Clone)]
pub struct ApiClient {
    http: reqwest::Client,
    base: String,
    timeout: Duration,
}

impl ApiClient {
    pub fn new(base: &Url, timeout: Duration) -> Result<Self, reqwest::Error> {
        // A process-wide TLS provider; a second install (tests) is harmless.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::Client::builder()
            .user_agent(concat!("hostless-mcp/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(Duration::from_secs(5).min(timeout))
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .pool_idle_timeout(Duration::from_secs(60))
            .build()?;
        Ok(Self {
            http,
            base: base.as_str().trim_end_matches('/').to_string(),
            timeout,
        })
    }

    /// Sends the request with the caller's credential and the id of the MCP request that
    /// caused it (`X-Request-Id`, so the API's logs can be matched with ours). `Ok` is a 2xx
    /// answer's JSON (`Value::Null` for an empty body).
    pub async fn send(
        &self,
        request: &ApiRequest,
        authorization: &HeaderValue,
        request_id: Option<&RequestId>,
    ) -> Result<(u16, Value), PlatformError> {
        let method = match request.verb {
            Verb::Get => reqwest::Method::GET,
            Verb::Post => reqwest::Method::POST,
            Verb::Put => reqwest::Method::PUT,
            Verb::Patch => reqwest::Method::PATCH,
            Verb::Delete => reqwest::Method::DELETE,
        };
        let mut builder = self
            .http
            .request(method, format!("{}{}", self.base, request.path))
            .header(AUTHORIZATION, authorization.clone())
            .header(CONTENT_TYPE, "application/json");
        if let Some(value) = request_id.and_then(RequestId::header_value) {
            builder = builder.header(request_id::HEADER, value);
        }
        if !request.query.is_empty() {
            builder = builder.query(&request.query);
        }
        if let Some(body) = &request.body {
            builder = builder.body(body.to_string());
        }
        let mut response = builder.send().await.map_err(|e| self.transport_error(e))?;
        let status = response.status().as_u16();
        if response
            .content_length()
            .is_some_and(|n| n > MAX_RESPONSE_BYTES as u64)
        {
            return Err(PlatformError::TooLarge);
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| self.transport_error(e))?
        {
            if bytes.len() + chunk.len() > MAX_RESPONSE_BYTES {
                return Err(PlatformError::TooLarge);
            }
            bytes.extend_from_slice(&chunk);
        }
        let json = if bytes.iter().all(u8::is_ascii_whitespace) {
            Some(Value::Null)
        } else {
            serde_json::from_slice::<Value>(&bytes).ok()
        };
        if status >= 500 {
            tracing::warn!(status, "the Hostless API failed");
        }
        if (200..300).contains(&status) {
            return json
                .map(|j| (status, j))
                .ok_or_else(|| PlatformError::NotJson {
                    status,
                    body: excerpt(&bytes),
                });
        }
        Err(PlatformError::Api {
            status,
            body: excerpt(&bytes),
            json: json.filter(|j| !j.is_null()),
        })
    }

    fn transport_error(&self, error: reqwest::Error) -> PlatformError {
        let mapped = if error.is_timeout() {
            PlatformError::Timeout(self.timeout.as_secs().max(1))
        } else if error.is_connect() {
            PlatformError::Unreachable("connection failed".into())
        } else {
            // reqwest's text can include the URL but never headers, so no credential.
            PlatformError::Unreachable(error.without_url().to_string())
        };
        tracing::warn!(error = %mapped, "the Hostless API call failed");
        mapped
    }
}

/// The first 2,000 characters of a body, for error messages.
fn excerpt(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut cut: String = text.chars().take(2000).collect();
    if cut.len() < text.len() {
        cut.push_str(" …");
    }
    cut
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::platform::catalog::CATALOG;

    fn def(name: &str) -> &'static ToolDef {
        CATALOG.iter().find(|d| d.name == name).unwrap()
    }

    fn args(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn path_segments_are_encoded_and_dot_segments_refused() {
        let r =
            ApiRequest::build(def("apps_get"), args(json!({"appName": "a b/../c?d#e"}))).unwrap();
        assert_eq!(r.path, "/v1/apps/a%20b%2F..%2Fc%3Fd%23e");
        assert!(ApiRequest::build(def("apps_get"), args(json!({"appName": ".."}))).is_err());
        assert!(ApiRequest::build(def("apps_get"), args(json!({"appName": " "}))).is_err());
    }

    #[test]
    fn create_merges_fields_under_named_arguments() {
        let r = ApiRequest::build(
            def("sites_create"),
            args(json!({"projectId": "p1", "name": "web", "fields": {"name": "ignored", "plan": "pro"}})),
        )
        .unwrap();
        assert_eq!(
            r.body,
            Some(json!({"projectId": "p1", "name": "web", "plan": "pro"}))
        );
        assert!(r.query.is_empty());
    }

    #[test]
    fn discriminators_choose_the_path_segments() {
        let r = ApiRequest::build(
            def("deployments_rerun"),
            args(json!({"resourceType": "cron_job", "name": "n/1", "deploymentId": "d 1"})),
        )
        .unwrap();
        assert_eq!(r.path, "/v1/cron-jobs/n%2F1/deployments/d%201/rerun");
        assert_eq!(
            r.body,
            Some(json!({})),
            "discriminators stay out of the body"
        );
        let r = ApiRequest::build(
            def("reviews_trigger"),
            args(json!({"resourceType": "site", "name": "web", "fields": {"pullRequest": 3}})),
        )
        .unwrap();
        assert_eq!(r.path, "/v1/sites/web/review-sites/trigger");
        assert_eq!(r.body, Some(json!({"pullRequest": 3})));
        let r = ApiRequest::build(
            def("resources_resume"),
            args(json!({"resourceType": "database", "name": "db"})),
        )
        .unwrap();
        assert_eq!(r.path, "/v1/databases/db/unpause");
        let r = ApiRequest::build(
            def("metrics_site"),
            args(json!({"siteName": "web", "metric": "request-count-total"})),
        )
        .unwrap();
        assert_eq!(r.path, "/v1/sites/web/metrics/request-count/total");
        assert!(r.query.is_empty());
        let r = ApiRequest::build(
            def("resources_scale"),
            args(json!({"resourceType": "worker", "name": "w", "direction": "down"})),
        )
        .unwrap();
        assert_eq!(r.path, "/v1/workers/w/scale/down");
        let r = ApiRequest::build(
            def("billing_breakdown"),
            args(json!({"startDate": "2026-05-01"})),
        )
        .unwrap();
        assert_eq!(r.path, "/v1/billing/breakdown");
        assert_eq!(
            r.query,
            vec![("startDate".to_string(), "2026-05-01".to_string())]
        );
        // A value the table does not know never reaches the API.
        let err = ApiRequest::build(
            def("logs_get"),
            args(json!({"resourceType": "../x", "name": "a"})),
        )
        .unwrap_err();
        assert!(err.to_string().contains("resourceType"), "{err}");
    }

    #[test]
    fn list_filter_goes_to_the_query_and_patch_sends_changes() {
        let r = ApiRequest::build(def("workers_list"), args(json!({"projectId": "p 1"}))).unwrap();
        assert_eq!(r.query, vec![("projectId".to_string(), "p 1".to_string())]);
        assert_eq!(r.body, None);
        let r = ApiRequest::build(
            def("databases_patch"),
            args(json!({"databaseName": "db", "changes": {"tier": "large"}})),
        )
        .unwrap();
        assert_eq!(r.path, "/v1/databases/db");
        assert_eq!(r.body, Some(json!({"tier": "large"})));
    }
}
