//! The Hostless REST API client: turns a catalog entry plus validated arguments into one
//! HTTP request (`<API_BASE_URL>/v1/<path>` with percent-encoded segments, query or JSON
//! body, the caller's `Authorization`), and reads the answer within size and time limits.
//! One pool of keep-alive connections for the process ([`super::http1`]); redirects are not
//! followed, so a credential never leaves `API_BASE_URL`.

use std::time::Duration;

use axum::http::{HeaderValue, Method};
use serde_json::{Map, Value};
use url::Url;

use super::args::Body;
use super::catalog::{self, ParsedArgs, ToolDef};
use super::error::{MAX_RESPONSE_BYTES, PlatformError};
use super::http1::{Head, Http1Client, Http1Error};
use crate::request_id::RequestId;
use crate::route_template::Filled;

/// An API call, ready to send.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiRequest {
    pub method: Method,
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

/// The text of a path argument, refused if it is empty or a dot segment (which would
/// change the route once the API normalises the path).
fn segment_value(name: &str, value: Option<&Value>) -> Result<String, PlatformError> {
    let text = value.and_then(scalar_text).unwrap_or_default();
    let text = text.trim();
    if text.is_empty() {
        return Err(PlatformError::InvalidArguments(format!(
            "`{name}` must not be empty"
        )));
    }
    if text == "." || text == ".." {
        return Err(PlatformError::InvalidArguments(format!(
            "`{name}` is not a valid name"
        )));
    }
    Ok(text.to_owned())
}

impl ApiRequest {
    /// Places each argument: a path placeholder (through [`catalog::SEGMENTS`] for
    /// discriminators such as `resourceType`, else the same-named parameter,
    /// percent-encoded); the body the arguments carry ([`Body`]); every other parameter
    /// goes in the query string (GET/DELETE) or the body.
    pub fn build(def: &ToolDef, args: ParsedArgs) -> Result<Self, PlatformError> {
        let ParsedArgs { mut params, body } = args;
        // Discriminators may fill several placeholders (`{resourceType}`, `{reviews}`), so
        // they leave `params` only once the whole path is built.
        let mut consumed = Vec::new();
        let mut segment_params = Vec::new();
        let path = def.path.fill(|name| {
            if let Some(raw) =
                catalog::table_segment(name, &params).map_err(PlatformError::InvalidArguments)?
            {
                consumed.extend(catalog::segment_arg(name));
                return Ok(Filled::Verbatim(raw.into()));
            }
            segment_params.push(name);
            Ok(Filled::Segment(
                segment_value(name, params.get(name))?.into(),
            ))
        })?;
        for name in consumed.into_iter().chain(segment_params) {
            params.remove(name);
        }
        let (mut body, fields) = match body {
            Body::None => (None, Map::new()),
            Body::Whole(changes) => (Some(changes), Map::new()),
            Body::Extra(fields) => (None, fields),
        };
        let mut query = Vec::new();
        if def.sends_body() {
            let target = body.get_or_insert_with(Map::new);
            // Named arguments win over same-named keys inside `fields`.
            for (k, v) in fields {
                target.entry(k).or_insert(v);
            }
            for (k, v) in params {
                target.insert(k, v);
            }
        } else {
            for (k, v) in params {
                if let Some(text) = scalar_text(&v) {
                    query.push((k, text));
                }
            }
        }
        Ok(Self {
            method: def.method.clone(),
            path: format!("/v1{path}"),
            query,
            body: body.map(Value::Object),
        })
    }
}

/// How calls reach the API.
#[derive(Clone)]
enum Transport {
    /// Our own HTTP/1.1 client, straight to the API.
    Direct(Http1Client),
    /// reqwest through the outbound proxy the environment names ([`crate::proxy_env`]); `origin` is the
    /// base URL's `scheme://host[:port]`, which each call's target follows.
    Proxied {
        http: reqwest::Client,
        origin: String,
    },
}

/// Talks to one Hostless API base URL.
#[derive(Clone)]
pub struct ApiClient {
    http: Transport,
    /// The base URL's path without its trailing `/`, which each call's `/v1/...` path follows.
    base_path: String,
    timeout: Duration,
}

impl ApiClient {
    pub fn new(base: &Url, timeout: Duration) -> Result<Self, Http1Error> {
        // A process-wide TLS provider; a second install (tests) is harmless.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = Http1Client::new(
            base,
            Duration::from_secs(5).min(timeout),
            concat!("hostless-mcp/", env!("CARGO_PKG_VERSION")),
        )?;
        Ok(Self {
            http: Transport::Direct(http),
            base_path: base.path().trim_end_matches('/').to_string(),
            timeout,
        })
    }

    /// A client whose calls go through `proxy` (reqwest, which tunnels https with `CONNECT` and sends http in
    /// absolute form). Redirects are not followed here either.
    pub fn via_proxy(
        base: &Url,
        timeout: Duration,
        proxy: &crate::proxy_env::ApiProxy,
    ) -> Result<Self, reqwest::Error> {
        let _ = rustls::crypto::ring::default_provider().install_default();
        // An explicit proxy turns reqwest's own reading of the environment off: the decision is ours, made once.
        let http = reqwest::Client::builder()
            .user_agent(concat!("hostless-mcp/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(Duration::from_secs(5).min(timeout))
            .redirect(reqwest::redirect::Policy::none())
            .pool_idle_timeout(Duration::from_secs(60))
            .proxy(reqwest::Proxy::all(proxy.url().clone())?)
            .build()?;
        Ok(Self {
            http: Transport::Proxied {
                http,
                origin: base.origin().ascii_serialization(),
            },
            base_path: base.path().trim_end_matches('/').to_string(),
            timeout,
        })
    }

    /// Whether calls go through a proxy.
    pub fn proxied(&self) -> bool {
        matches!(self.http, Transport::Proxied { .. })
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
        let (status, bytes) = self.send_raw(request, authorization, request_id).await?;
        json_answer(status, &bytes).map(|json| (status, json))
    }

    /// Sends the request and returns a 2xx answer's status and body as they came; any other status is the
    /// same [`PlatformError::Api`] as [`Self::send`] gives.
    pub async fn send_raw(
        &self,
        request: &ApiRequest,
        authorization: &HeaderValue,
        request_id: Option<&RequestId>,
    ) -> Result<(u16, Vec<u8>), PlatformError> {
        let target = self.target(&request.path, &request.query);
        let body = match &request.body {
            Some(body) => Some(serde_json::to_vec(body).map_err(|e| {
                PlatformError::InvalidArguments(format!("the request body cannot be written: {e}"))
            })?),
            None => None,
        };
        let http = match &self.http {
            Transport::Direct(http) => http,
            Transport::Proxied { http, origin } => {
                let url = format!("{origin}{target}");
                let call = proxied(http, &request.method, &url, authorization, request_id, body);
                let (status, body) = tokio::time::timeout(self.timeout, call)
                    .await
                    .map_err(|_| {
                        self.failed(PlatformError::Timeout(self.timeout.as_secs().max(1)))
                    })?
                    .map_err(|e| self.failed(e))?;
                return self.answer(status, body);
            }
        };
        let head = Head {
            method: &request.method,
            target: &target,
            authorization,
            request_id: request_id.and_then(RequestId::header_value),
            body: body.as_deref(),
        };
        let answer = tokio::time::timeout(self.timeout, http.send(&head, MAX_RESPONSE_BYTES))
            .await
            .map_err(|_| self.failed(PlatformError::Timeout(self.timeout.as_secs().max(1))))?
            .map_err(|e| {
                self.failed(match e {
                    Http1Error::TooLarge => PlatformError::TooLarge,
                    Http1Error::Connect(_) => {
                        PlatformError::Unreachable("connection failed".into())
                    }
                    Http1Error::Handshake(refused) => PlatformError::Unreachable(format!(
                        "the TLS handshake was refused ({refused}); if the API's certificate is \
                         signed by a private CA, add that CA to this machine's trust store"
                    )),
                    // The texts of these errors never hold a header, so no credential.
                    other => PlatformError::Unreachable(other.to_string()),
                })
            })?;
        self.answer(answer.status, answer.body)
    }

    /// A 2xx answer as it came; any other status as [`PlatformError::Api`].
    fn answer(&self, status: u16, bytes: Vec<u8>) -> Result<(u16, Vec<u8>), PlatformError> {
        if status >= 500 {
            tracing::warn!(status, "the Hostless API failed");
        }
        if (200..300).contains(&status) {
            return Ok((status, bytes));
        }
        let json = serde_json::from_slice::<Value>(&bytes).ok();
        Err(PlatformError::Api {
            status,
            body: excerpt(&bytes),
            json: json.filter(|j| !j.is_null()),
        })
    }

    /// The request target: the base URL's own path, then `path` (`/v1/...`, already percent-encoded), then the
    /// query, form-encoded.
    fn target(&self, path: &str, query: &[(String, String)]) -> String {
        let mut target = String::with_capacity(self.base_path.len() + path.len() + 16);
        target.push_str(&self.base_path);
        target.push_str(path);
        if !query.is_empty() {
            target.push('?');
            let start = target.len();
            let mut form = url::form_urlencoded::Serializer::for_suffix(target, start);
            form.extend_pairs(query);
            target = form.finish();
        }
        target
    }

    fn failed(&self, error: PlatformError) -> PlatformError {
        tracing::warn!(error = %error, "the Hostless API call failed");
        error
    }
}

/// One call through reqwest (the proxied path): the status and the whole body, at most
/// [`MAX_RESPONSE_BYTES`].
async fn proxied(
    http: &reqwest::Client,
    method: &Method,
    url: &str,
    authorization: &HeaderValue,
    request_id: Option<&RequestId>,
    body: Option<Vec<u8>>,
) -> Result<(u16, Vec<u8>), PlatformError> {
    let transport = |e: reqwest::Error| {
        if e.is_connect() {
            PlatformError::Unreachable("connection to the proxy or through it failed".into())
        } else {
            // reqwest's text can hold the URL (arguments) but never a header; the URL is left out.
            PlatformError::Unreachable(e.without_url().to_string())
        }
    };
    let mut builder = http
        .request(method.clone(), url)
        .header(axum::http::header::AUTHORIZATION, authorization.clone())
        .header(axum::http::header::CONTENT_TYPE, "application/json");
    if let Some(value) = request_id.and_then(RequestId::header_value) {
        builder = builder.header(crate::request_id::HEADER, value);
    }
    if let Some(body) = body {
        builder = builder.body(body);
    }
    let mut response = builder.send().await.map_err(transport)?;
    let status = response.status().as_u16();
    if response
        .content_length()
        .is_some_and(|n| n > MAX_RESPONSE_BYTES as u64)
    {
        return Err(PlatformError::TooLarge);
    }
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(transport)? {
        if bytes.len() + chunk.len() > MAX_RESPONSE_BYTES {
            return Err(PlatformError::TooLarge);
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok((status, bytes))
}

/// A 2xx answer's body as JSON (`Value::Null` for an empty body).
pub fn json_answer(status: u16, bytes: &[u8]) -> Result<Value, PlatformError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Null);
    }
    serde_json::from_slice::<Value>(bytes).map_err(|_| PlatformError::NotJson {
        status,
        body: excerpt(bytes),
    })
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
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::platform::catalog::CATALOG;

    #[test]
    fn a_call_target_is_the_base_path_then_the_path_then_the_query() {
        for (base, path, expected) in [
            ("http://127.0.0.1:4000", "/v1/projects", "/v1/projects"),
            ("https://api.example.com/", "/v1/a%2Fb", "/v1/a%2Fb"),
            ("https://x.example/api/", "/v1/p/%C3%A9", "/api/v1/p/%C3%A9"),
            ("https://x.example/api", "/v1/p", "/api/v1/p"),
        ] {
            let client =
                ApiClient::new(&Url::parse(base).unwrap(), Duration::from_secs(1)).unwrap();
            assert_eq!(client.target(path, &[]), expected);
        }
        let client = ApiClient::new(
            &Url::parse("http://127.0.0.1:4000").unwrap(),
            Duration::from_secs(1),
        )
        .unwrap();
        let query = [
            ("projectId".to_string(), "p 1/é&x".to_string()),
            ("b".to_string(), "2".to_string()),
        ];
        assert_eq!(
            client.target("/v1/workers", &query),
            "/v1/workers?projectId=p+1%2F%C3%A9%26x&b=2"
        );
    }

    /// A proxy that keeps the first line of each request and answers each with `answer`.
    async fn fake_proxy(
        answer: &'static [u8],
    ) -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
        use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let lines = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let log = lines.clone();
        tokio::spawn(async move {
            loop {
                let (mut socket, _) = listener.accept().await.unwrap();
                let mut buf = vec![0u8; 65536];
                let n = socket.read(&mut buf).await.unwrap_or(0);
                let text = String::from_utf8_lossy(&buf[..n]).into_owned();
                log.lock()
                    .unwrap()
                    .push(text.lines().next().unwrap_or_default().to_owned());
                let _ = socket.write_all(answer).await;
                let _ = socket.shutdown().await;
            }
        });
        (format!("http://{addr}"), lines)
    }

    fn list_request() -> ApiRequest {
        ApiRequest {
            method: Method::GET,
            path: "/v1/projects".into(),
            query: vec![("a".into(), "b c".into())],
            body: None,
        }
    }

    #[tokio::test]
    async fn a_proxied_call_is_sent_in_absolute_form_or_tunnelled() {
        let (proxy, lines) = fake_proxy(
            b"HTTP/1.1 200 OK\r\ncontent-length: 8\r\nconnection: close\r\n\r\n{\"a\":[]}",
        )
        .await;
        let proxy = crate::proxy_env::ApiProxy::parse(&proxy, "HTTP_PROXY").unwrap();
        let auth = HeaderValue::from_static("hlk_x");
        let base = Url::parse("http://api.hostless.invalid/base/").unwrap();
        let client = ApiClient::via_proxy(&base, Duration::from_secs(5), &proxy).unwrap();
        assert!(client.proxied());
        let (status, json) = client.send(&list_request(), &auth, None).await.unwrap();
        assert_eq!((status, json), (200, json!({"a": []})));
        // https goes through a CONNECT tunnel; a proxy that refuses it is a tool error, not a hang.
        let base = Url::parse("https://api.hostless.invalid").unwrap();
        let client = ApiClient::via_proxy(&base, Duration::from_secs(5), &proxy).unwrap();
        let err = client.send(&list_request(), &auth, None).await.unwrap_err();
        assert!(matches!(err, PlatformError::Unreachable(_)), "{err}");
        let lines = lines.lock().unwrap();
        assert_eq!(
            lines.as_slice(),
            [
                "GET http://api.hostless.invalid/base/v1/projects?a=b+c HTTP/1.1",
                "CONNECT api.hostless.invalid:443 HTTP/1.1",
            ]
        );
        assert!(
            !ApiClient::new(&base, Duration::from_secs(1))
                .unwrap()
                .proxied()
        );
    }

    fn def(name: &str) -> &'static ToolDef {
        CATALOG.iter().find(|d| d.name == name).unwrap()
    }

    /// Parses the arguments as the tool's type (as a call does), then builds the request.
    fn build(name: &str, v: Value) -> Result<ApiRequest, PlatformError> {
        let def = def(name);
        let args = (def.args.parse)(v.as_object().unwrap().clone())
            .map_err(PlatformError::InvalidArguments)?;
        ApiRequest::build(def, args)
    }

    #[test]
    fn path_segments_are_encoded_and_dot_segments_refused() {
        let r = build("apps_get", json!({"appName": "a b/../c?d#e"})).unwrap();
        assert_eq!(r.path, "/v1/apps/a%20b%2F..%2Fc%3Fd%23e");
        assert!(build("apps_get", json!({"appName": ".."})).is_err());
        assert!(build("apps_get", json!({"appName": " "})).is_err());
    }

    #[test]
    fn create_merges_fields_under_named_arguments() {
        let r = build(
            "sites_create",
            json!({"projectId": "p1", "name": "web", "fields": {"name": "ignored", "plan": "pro"}}),
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
        let r = build(
            "deployments_rerun",
            json!({"resourceType": "cron_job", "name": "n/1", "deploymentId": "d 1"}),
        )
        .unwrap();
        assert_eq!(r.path, "/v1/cron-jobs/n%2F1/deployments/d%201/rerun");
        assert_eq!(
            r.body,
            Some(json!({})),
            "discriminators stay out of the body"
        );
        let r = build(
            "reviews_trigger",
            json!({"resourceType": "site", "name": "web", "fields": {"pullRequest": 3}}),
        )
        .unwrap();
        assert_eq!(r.path, "/v1/sites/web/review-sites/trigger");
        assert_eq!(r.body, Some(json!({"pullRequest": 3})));
        let r = build(
            "resources_resume",
            json!({"resourceType": "database", "name": "db"}),
        )
        .unwrap();
        assert_eq!(r.path, "/v1/databases/db/unpause");
        let r = build(
            "metrics_site",
            json!({"siteName": "web", "metric": "request-count-total"}),
        )
        .unwrap();
        assert_eq!(r.path, "/v1/sites/web/metrics/request-count/total");
        assert!(r.query.is_empty());
        let r = build(
            "resources_scale",
            json!({"resourceType": "worker", "name": "w", "direction": "down"}),
        )
        .unwrap();
        assert_eq!(r.path, "/v1/workers/w/scale/down");
        let r = build("billing_breakdown", json!({"startDate": "2026-05-01"})).unwrap();
        assert_eq!(r.path, "/v1/billing/breakdown");
        assert_eq!(
            r.query,
            vec![("startDate".to_string(), "2026-05-01".to_string())]
        );
        // A value the table does not know never reaches the API.
        let err = build("logs_get", json!({"resourceType": "../x", "name": "a"})).unwrap_err();
        assert!(matches!(err, PlatformError::InvalidArguments(_)), "{err}");
        assert!(err.to_string().contains("../x"), "{err}");
    }

    #[test]
    fn typed_body_fields_never_reach_the_query_or_the_path() {
        let r = build(
            "collaborators_set",
            json!({"resourceType": "worker", "name": "w", "changes": {"email": "a@b.c", "role": "viewer"}}),
        )
        .unwrap();
        assert_eq!(r.method, Method::PATCH);
        assert_eq!(r.path, "/v1/workers/w/collaborators");
        assert_eq!(r.body, Some(json!({"email": "a@b.c", "role": "viewer"})));
        // A `changes` object of a GET tool is not an argument it takes.
        let err = build("apps_get", json!({"appName": "a", "changes": {"x": 1}})).unwrap_err();
        assert!(matches!(err, PlatformError::InvalidArguments(_)), "{err}");
        // A key called `changes` inside `fields` is an ordinary body field.
        let r = build(
            "apps_create",
            json!({"projectId": "p", "name": "a", "fields": {"changes": {"x": 1}}}),
        )
        .unwrap();
        assert_eq!(
            r.body,
            Some(json!({"projectId": "p", "name": "a", "changes": {"x": 1}}))
        );
    }

    #[test]
    fn list_filter_goes_to_the_query_and_patch_sends_changes() {
        let r = build("workers_list", json!({"projectId": "p 1"})).unwrap();
        assert_eq!(r.query, vec![("projectId".to_string(), "p 1".to_string())]);
        assert_eq!(r.body, None);
        let r = build(
            "databases_patch",
            json!({"databaseName": "db", "changes": {"tier": "large"}}),
        )
        .unwrap();
        assert_eq!(r.path, "/v1/databases/db");
        assert_eq!(r.body, Some(json!({"tier": "large"})));
    }
}
