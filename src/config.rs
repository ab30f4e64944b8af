//! Command line and environment: one typed [`Cli`] parsed once, turned into a validated
//! [`Config`] before any port is bound. A bad value stops the process with one line that
//! names the setting (see [`ConfigError`]).

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use url::Url;

/// `hostless-mcp [serve options]`, `hostless-mcp sandbox`, `hostless-mcp docs check [DIR]`.
#[derive(Debug, Parser)]
#[command(
    name = "hostless-mcp",
    version,
    about = "MCP server for the Hostless platform"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub serve: ServeArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve both MCP endpoints (the default when no subcommand is given).
    Serve(Box<ServeArgs>),
    /// Run only the local Hostless API sandbox, for trying other clients against it.
    Sandbox(SandboxArgs),
    /// Tools for docs authors.
    Docs {
        #[command(subcommand)]
        command: DocsCommand,
    },
    /// Print the platform tool catalog with approximate token costs (SPEC §5.5).
    Tools {
        /// Print JSON (the same as `GET /mcp/tools`) instead of a table.
        #[arg(long)]
        json: bool,
        /// Toolsets to list, as `?toolsets=` on /mcp (e.g. `default,metrics`, `all`); default: all.
        #[arg(long, default_value = "all")]
        toolsets: String,
        /// Only the tools a read-only connection (`?readonly=true`) shows.
        #[arg(long)]
        readonly: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum DocsCommand {
    /// Index a docs folder and report pages, titles, broken internal links and parse problems.
    Check {
        /// Folder to check (default: the embedded docs).
        dir: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Pretty,
    Json,
}

/// Flags and environment variables of the server (SPEC §3).
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Bind address.
    #[arg(long, env = "HOST", default_value = "127.0.0.1")]
    pub host: String,
    /// Bind port; 0 picks a free port (the bound address is logged).
    #[arg(long, env = "PORT", default_value_t = 3333)]
    pub port: u16,
    /// External base URL of this server [default: http://localhost:<port>].
    #[arg(long, env = "PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Hostless REST API; platform calls go to <API_BASE_URL>/v1/...
    #[arg(long, env = "API_BASE_URL", default_value = "https://api.hostless.dev")]
    pub api_base_url: String,
    /// Docs folder to serve instead of the embedded docs.
    #[arg(long, env = "DOCS_DIR")]
    pub docs_dir: Option<PathBuf>,
    /// Public docs site; a page's URL is <DOCS_BASE_URL>/<path>.
    #[arg(
        long,
        env = "DOCS_BASE_URL",
        default_value = "https://web.hostless.cloud"
    )]
    pub docs_base_url: String,
    /// OAuth authorization server listed in the metadata [default: API_BASE_URL].
    #[arg(long, env = "OAUTH_ISSUER")]
    pub oauth_issuer: Option<String>,
    /// Keys that sign OAuth access tokens [default: <OAUTH_ISSUER>/.well-known/jwks.json].
    #[arg(long, env = "JWKS_URL")]
    pub jwks_url: Option<String>,
    /// Extra Host header values accepted (comma-separated).
    #[arg(long, env = "ALLOWED_HOSTS", value_delimiter = ',')]
    pub allowed_hosts: Vec<String>,
    /// Extra browser origins accepted (comma-separated).
    #[arg(long, env = "ALLOWED_ORIGINS", value_delimiter = ',')]
    pub allowed_origins: Vec<String>,
    /// Request body limit in bytes.
    #[arg(long, env = "MAX_BODY_BYTES", default_value_t = 1_048_576)]
    pub max_body_bytes: usize,
    /// Whole-request timeout for Hostless API calls, in milliseconds.
    #[arg(long, env = "API_TIMEOUT_MS", default_value_t = 30_000)]
    pub api_timeout_ms: u64,
    /// Also start the built-in Hostless API sandbox and point API_BASE_URL at it.
    #[arg(long)]
    pub sandbox: bool,
    /// Fixed seed for the sandbox's keys and ids (default: fresh random secrets).
    #[arg(long, env = "SANDBOX_SEED")]
    pub sandbox_seed: Option<u64>,
    /// Secret of the sandbox's legacy `claude-custom-connector` OAuth client (seeded only when set).
    #[arg(long, env = "OAUTH_CLAUDE_CLIENT_SECRET", hide_env_values = true)]
    pub oauth_claude_client_secret: Option<Secret>,
    /// Requests a minute per client and endpoint (token bucket, bursts of a tenth); 0 turns it off.
    #[arg(long, env = "RATE_LIMIT_PER_MINUTE", default_value_t = 600)]
    pub rate_limit_per_minute: u32,
    /// Also rate-limit loopback clients (by default a server on localhost never limits itself).
    #[arg(long, env = "RATE_LIMIT_LOOPBACK", default_value_t = false, action = ArgAction::Set,
        num_args = 0..=1, default_missing_value = "true")]
    pub rate_limit_loopback: bool,
    /// Take the client address from X-Forwarded-For (right-most hop that is not a private proxy).
    #[arg(long, env = "TRUST_PROXY_HEADERS", default_value_t = false, action = ArgAction::Set,
        num_args = 0..=1, default_missing_value = "true")]
    pub trust_proxy_headers: bool,
    /// Requests served at once; above it 503 with Retry-After.
    #[arg(long, env = "MAX_CONCURRENT_REQUESTS", default_value_t = 256)]
    pub max_concurrent_requests: usize,
    /// Serve Prometheus metrics at /metrics.
    #[arg(long, env = "METRICS", default_value_t = true, action = ArgAction::Set,
        num_args = 0..=1, default_missing_value = "true")]
    pub metrics: bool,
    /// Log format.
    #[arg(long, env = "LOG_FORMAT", value_enum, default_value_t = LogFormat::Pretty)]
    pub log_format: LogFormat,
    /// Secret (at least 32 characters) that signs the `confirm` tokens of destructive tool calls; give every replica the same one [default: random per process].
    #[arg(long, env = "CONFIRM_SECRET", hide_env_values = true)]
    pub confirm_secret: Option<Secret>,
    /// Most characters one platform tool answer carries; a longer one is cut (lists page on).
    #[arg(long, env = "MAX_RESULT_CHARS", default_value_t = crate::platform::output::DEFAULT_MAX_RESULT_CHARS)]
    pub max_result_chars: usize,
    /// Whole-request deadline in milliseconds (above API_TIMEOUT_MS); past it 503 with Retry-After.
    #[arg(long, env = "REQUEST_TIMEOUT_MS", default_value_t = 45_000)]
    pub request_timeout_ms: u64,
    /// Folder that keeps the docs search index between starts; unchanged docs are opened instead of indexed again.
    #[arg(long, env = "INDEX_DIR")]
    pub index_dir: Option<PathBuf>,
    /// Watch DOCS_DIR and serve edited, new and deleted pages within 2 s, without a restart.
    #[arg(long = "watch", env = "DOCS_WATCH", default_value_t = false, action = ArgAction::Set,
        num_args = 0..=1, default_missing_value = "true")]
    pub docs_watch: bool,
}

/// Options of `hostless-mcp sandbox`.
#[derive(Debug, Clone, Args)]
pub struct SandboxArgs {
    /// Bind address.
    #[arg(long, env = "HOST", default_value = "127.0.0.1")]
    pub host: String,
    /// Bind port.
    #[arg(long, env = "SANDBOX_PORT", default_value_t = 4010)]
    pub port: u16,
    /// Fixed seed for keys and ids.
    #[arg(long, env = "SANDBOX_SEED")]
    pub seed: Option<u64>,
    /// Secret of the legacy `claude-custom-connector` OAuth client (seeded only when set).
    #[arg(long, env = "OAUTH_CLAUDE_CLIENT_SECRET", hide_env_values = true)]
    pub oauth_claude_client_secret: Option<Secret>,
    /// Log format.
    #[arg(long, env = "LOG_FORMAT", value_enum, default_value_t = LogFormat::Pretty)]
    pub log_format: LogFormat,
}

/// A credential from the configuration: kept out of `Debug` output and logs.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The value, for the one place that must compare or send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self(s.to_string()))
    }
}

/// A setting whose value cannot be used; `Display` is the one line printed at start-up.
#[derive(Debug, thiserror::Error)]
#[error("invalid {setting}: {reason}")]
pub struct ConfigError {
    pub setting: &'static str,
    pub reason: String,
}

fn invalid(setting: &'static str, reason: impl Into<String>) -> ConfigError {
    ConfigError {
        setting,
        reason: reason.into(),
    }
}

/// Validated server configuration. `public_url` is resolved once the port is known
/// (see [`Config::resolve_public_url`]), because `--port 0` only gets a port at bind time.
#[derive(Debug, Clone)]
pub struct Config {
    pub host: IpAddr,
    pub port: u16,
    pub public_url: Option<Url>,
    pub api_base_url: Url,
    pub docs_dir: Option<PathBuf>,
    pub docs_base_url: Url,
    pub oauth_issuer: Option<Url>,
    pub jwks_url: Option<Url>,
    /// Least time between two JWKS fetches triggered by unknown key ids (SPEC §5.1: 10 s).
    /// Not a flag: tests shorten it to see key rotation without waiting.
    pub jwks_min_refetch: Duration,
    pub allowed_hosts: Vec<String>,
    pub allowed_origins: Vec<Origin>,
    pub max_body_bytes: usize,
    pub api_timeout: Duration,
    pub sandbox: bool,
    pub sandbox_seed: Option<u64>,
    /// `OAUTH_CLAUDE_CLIENT_SECRET`, for the sandbox's legacy Claude client.
    pub oauth_claude_client_secret: Option<Secret>,
    /// The demo keys of the sandbox this process started, without their secrets (the front
    /// page lists them to visitors on this machine). Filled by `cli::serve`; not a flag.
    pub sandbox_keys: Vec<SandboxKeyInfo>,
    /// `RATE_LIMIT_PER_MINUTE`; 0 = off.
    pub rate_limit_per_minute: u32,
    pub rate_limit_loopback: bool,
    pub trust_proxy_headers: bool,
    pub max_concurrent_requests: usize,
    /// `METRICS`: serve `/metrics`.
    pub metrics: bool,
    pub log_format: LogFormat,
    /// `CONFIRM_SECRET`; `None` = a random key per process (SPEC §5.6).
    pub confirm_secret: Option<Secret>,
    /// How long a `confirm` token stays valid (5 minutes). Not a flag: tests shorten it.
    pub confirm_ttl: Duration,
    /// `MAX_RESULT_CHARS`: the cap on one platform tool answer (SPEC §5.5).
    pub max_result_chars: usize,
    /// `REQUEST_TIMEOUT_MS`: the whole-request deadline, longer than `api_timeout`.
    pub request_timeout: Duration,
    /// `INDEX_DIR`: where the docs index is kept between starts.
    pub index_dir: Option<PathBuf>,
    /// `DOCS_WATCH` (`--watch`): re-index `DOCS_DIR` when its pages change.
    pub docs_watch: bool,
    /// The outbound proxy for API calls that `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY` name for `api_base_url`
    /// (and `NO_PROXY` does not exclude), read from the process environment; `None` = direct. Tests set it.
    pub api_proxy: Option<crate::proxy_env::ApiProxy>,
}

/// A sandbox demo key as the front page may show it: label, scopes and status, never the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SandboxKeyInfo {
    pub label: String,
    pub scopes: Vec<String>,
    /// `valid`, `expired` or `revoked`.
    pub status: String,
}

/// A browser origin: scheme, host and port, compared exactly.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Origin {
    pub scheme: String,
    pub host: String,
    pub port: u16,
}

impl Origin {
    /// Parses `scheme://host[:port]`; a path other than `/`, a query or credentials are refused.
    pub fn parse(text: &str) -> Result<Self, String> {
        let url = Url::parse(text.trim()).map_err(|e| format!("{text:?} is not an origin: {e}"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(format!("{text:?} must use http or https"));
        }
        if url.path() != "/" || url.query().is_some() || !url.username().is_empty() {
            return Err(format!("{text:?} must be scheme://host[:port] only"));
        }
        Self::of(&url).ok_or_else(|| format!("{text:?} has no host"))
    }

    /// The origin of an absolute URL.
    pub fn of(url: &Url) -> Option<Self> {
        Some(Self {
            scheme: url.scheme().to_ascii_lowercase(),
            host: url.host_str()?.to_ascii_lowercase(),
            port: url.port_or_known_default()?,
        })
    }
}

fn parse_http_url(setting: &'static str, text: &str) -> Result<Url, ConfigError> {
    let url = Url::parse(text.trim()).map_err(|e| invalid(setting, format!("{text:?}: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(invalid(setting, format!("{text:?} is not an http(s) URL")));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid(
            setting,
            format!("{text:?} must not have a query or fragment"),
        ));
    }
    Ok(url)
}

/// `https://example.com/` and `https://example.com` are the same base; keep no trailing `/`.
pub fn base(url: &Url) -> String {
    url.as_str().trim_end_matches('/').to_string()
}

impl Config {
    /// Validates every setting; the first bad one is returned.
    pub fn from_args(args: &ServeArgs) -> Result<Self, ConfigError> {
        let host: IpAddr = args.host.trim().parse().map_err(|_| {
            invalid(
                "HOST (--host)",
                format!("{:?} is not an IP address", args.host),
            )
        })?;
        let public_url = args
            .public_url
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(|s| parse_http_url("PUBLIC_URL (--public-url)", s))
            .transpose()?;
        if let Some(url) = &public_url
            && !url.path().trim_end_matches('/').is_empty()
        {
            return Err(invalid(
                "PUBLIC_URL (--public-url)",
                "must be an origin without a path (the resource is <PUBLIC_URL>/mcp)",
            ));
        }
        let api_base_url = parse_http_url("API_BASE_URL (--api-base-url)", &args.api_base_url)?;
        let docs_base_url = parse_http_url("DOCS_BASE_URL (--docs-base-url)", &args.docs_base_url)?;
        let oauth_issuer = args
            .oauth_issuer
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(|s| parse_http_url("OAUTH_ISSUER (--oauth-issuer)", s))
            .transpose()?;
        let jwks_url = args
            .jwks_url
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(|s| parse_http_url("JWKS_URL (--jwks-url)", s))
            .transpose()?;
        let allowed_hosts = args
            .allowed_hosts
            .iter()
            .map(|h| h.trim().to_ascii_lowercase())
            .filter(|h| !h.is_empty())
            .map(|h| {
                if h.contains(['/', ' ', '@']) {
                    Err(invalid(
                        "ALLOWED_HOSTS (--allowed-hosts)",
                        format!("{h:?} is not a host name"),
                    ))
                } else {
                    Ok(h)
                }
            })
            .collect::<Result<Vec<_>, _>>()?;
        let allowed_origins = args
            .allowed_origins
            .iter()
            .filter(|o| !o.trim().is_empty())
            .map(|o| {
                Origin::parse(o).map_err(|r| invalid("ALLOWED_ORIGINS (--allowed-origins)", r))
            })
            .collect::<Result<Vec<_>, _>>()?;
        if args.max_body_bytes < 1024 {
            return Err(invalid(
                "MAX_BODY_BYTES (--max-body-bytes)",
                format!("{} is below the 1024-byte minimum", args.max_body_bytes),
            ));
        }
        if args.api_timeout_ms == 0 {
            return Err(invalid(
                "API_TIMEOUT_MS (--api-timeout-ms)",
                "must be above 0",
            ));
        }
        if args.max_concurrent_requests == 0 {
            return Err(invalid(
                "MAX_CONCURRENT_REQUESTS (--max-concurrent-requests)",
                "must be above 0",
            ));
        }
        // Tokio's semaphore holds at most `usize::MAX >> 3` permits.
        if args.max_concurrent_requests > 1_000_000 {
            return Err(invalid(
                "MAX_CONCURRENT_REQUESTS (--max-concurrent-requests)",
                format!(
                    "{} is above the 1000000 maximum",
                    args.max_concurrent_requests
                ),
            ));
        }
        if args.max_result_chars < crate::platform::output::MIN_MAX_RESULT_CHARS {
            return Err(invalid(
                "MAX_RESULT_CHARS (--max-result-chars)",
                format!(
                    "{} is below the {}-character minimum",
                    args.max_result_chars,
                    crate::platform::output::MIN_MAX_RESULT_CHARS
                ),
            ));
        }
        // A deadline at or below the API's would cut off calls the API is still allowed to
        // answer, turning their real error into a bare 503.
        if args.request_timeout_ms <= args.api_timeout_ms {
            return Err(invalid(
                "REQUEST_TIMEOUT_MS (--request-timeout-ms)",
                format!(
                    "{} must be above API_TIMEOUT_MS ({})",
                    args.request_timeout_ms, args.api_timeout_ms
                ),
            ));
        }
        if let Some(dir) = &args.docs_dir
            && !dir.is_dir()
        {
            return Err(invalid(
                "DOCS_DIR (--docs-dir)",
                format!("{} is not a folder", dir.display()),
            ));
        }
        let confirm_secret = args
            .confirm_secret
            .clone()
            .filter(|s| !s.expose().is_empty());
        if let Some(secret) = &confirm_secret
            && secret.expose().chars().count() < 32
        {
            return Err(invalid(
                "CONFIRM_SECRET (--confirm-secret)",
                "must be at least 32 characters",
            ));
        }
        if let Some(dir) = &args.index_dir
            && dir.exists()
            && !dir.is_dir()
        {
            return Err(invalid(
                "INDEX_DIR (--index-dir)",
                format!("{} exists and is not a folder", dir.display()),
            ));
        }
        let api_proxy = crate::proxy_env::api_proxy(&api_base_url, |name| std::env::var(name).ok())
            .map_err(|e| invalid("HTTPS_PROXY / HTTP_PROXY / ALL_PROXY", e))?;
        Ok(Self {
            host,
            port: args.port,
            public_url,
            api_base_url,
            docs_dir: args.docs_dir.clone(),
            docs_base_url,
            oauth_issuer,
            jwks_url,
            jwks_min_refetch: Duration::from_secs(10),
            allowed_hosts,
            allowed_origins,
            max_body_bytes: args.max_body_bytes,
            api_timeout: Duration::from_millis(args.api_timeout_ms),
            sandbox: args.sandbox,
            sandbox_seed: args.sandbox_seed,
            oauth_claude_client_secret: args
                .oauth_claude_client_secret
                .clone()
                .filter(|s| !s.expose().is_empty()),
            sandbox_keys: Vec::new(),
            rate_limit_per_minute: args.rate_limit_per_minute,
            rate_limit_loopback: args.rate_limit_loopback,
            trust_proxy_headers: args.trust_proxy_headers,
            max_concurrent_requests: args.max_concurrent_requests,
            metrics: args.metrics,
            log_format: args.log_format,
            confirm_secret,
            confirm_ttl: Duration::from_secs(300),
            max_result_chars: args.max_result_chars,
            request_timeout: Duration::from_millis(args.request_timeout_ms),
            index_dir: args.index_dir.clone(),
            docs_watch: args.docs_watch,
            api_proxy,
        })
    }

    /// Every setting at its documented default and none read from the environment: what
    /// tests start from (they then set fields directly), so a `PORT` or `DOCS_DIR` in the
    /// developer's shell cannot change a test. The defaults are the binary's own (the same
    /// clap definitions, with `env` switched off), so the two cannot drift apart.
    pub fn defaults() -> Result<Self, ConfigError> {
        let unusable = |e: clap::Error| invalid("defaults", e.to_string());
        let matches = Cli::command()
            .mut_args(|arg| arg.env(None))
            .try_get_matches_from(["hostless-mcp"])
            .map_err(unusable)?;
        let args = ServeArgs::from_arg_matches(&matches).map_err(unusable)?;
        let mut config = Self::from_args(&args)?;
        config.api_proxy = None;
        Ok(config)
    }

    /// `PUBLIC_URL`, or `http://localhost:<bound port>`.
    pub fn resolve_public_url(&self, bound_port: u16) -> Result<Url, ConfigError> {
        match &self.public_url {
            Some(url) => Ok(url.clone()),
            None => Url::parse(&format!("http://localhost:{bound_port}"))
                .map_err(|e| invalid("PORT", format!("no local URL for port {bound_port}: {e}"))),
        }
    }
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn args(extra: &[&str]) -> ServeArgs {
        let mut argv = vec!["hostless-mcp"];
        argv.extend_from_slice(extra);
        Cli::try_parse_from(argv).unwrap().serve
    }

    #[test]
    fn defaults_are_valid() {
        let c = Config::from_args(&args(&[])).unwrap();
        assert_eq!(c.port, 3333);
        assert_eq!(base(&c.api_base_url), "https://api.hostless.dev");
        assert_eq!(
            c.resolve_public_url(3333).unwrap().as_str(),
            "http://localhost:3333/"
        );
    }

    #[test]
    fn defaults_read_no_environment() {
        let c = Config::defaults().unwrap();
        assert_eq!(c.port, 3333);
        assert_eq!(c.host, IpAddr::from([127, 0, 0, 1]));
        assert_eq!(base(&c.api_base_url), "https://api.hostless.dev");
        assert!(c.docs_dir.is_none() && c.public_url.is_none() && !c.sandbox);
        assert_eq!(c.max_body_bytes, 1_048_576);
        assert_eq!(c.rate_limit_per_minute, 600);
        assert!(!c.rate_limit_loopback && !c.trust_proxy_headers && c.metrics);
        assert_eq!(c.max_concurrent_requests, 256);
    }

    #[test]
    fn limit_switches_take_a_value() {
        let c = Config::from_args(&args(&[
            "--metrics",
            "false",
            "--rate-limit-loopback",
            "--rate-limit-per-minute",
            "0",
        ]))
        .unwrap();
        assert!(!c.metrics && c.rate_limit_loopback);
        assert_eq!(c.rate_limit_per_minute, 0);
        let e = Config::from_args(&args(&["--max-concurrent-requests", "0"])).unwrap_err();
        assert!(e.to_string().contains("MAX_CONCURRENT_REQUESTS"), "{e}");
    }

    #[test]
    fn bad_values_name_the_setting() {
        let e = Config::from_args(&args(&["--api-base-url", "ftp://x"])).unwrap_err();
        assert!(e.to_string().starts_with("invalid API_BASE_URL"), "{e}");
        let e =
            Config::from_args(&args(&["--allowed-origins", "https://a.example/path"])).unwrap_err();
        assert!(e.to_string().contains("ALLOWED_ORIGINS"), "{e}");
        let e = Config::from_args(&args(&["--host", "nope"])).unwrap_err();
        assert!(e.to_string().contains("HOST"), "{e}");
        let e = Config::from_args(&args(&["--public-url", "https://x.example/mcp"])).unwrap_err();
        assert!(e.to_string().contains("PUBLIC_URL"), "{e}");
    }

    #[test]
    fn the_legacy_claude_secret_is_read_but_never_shown() {
        let c =
            Config::from_args(&args(&["--oauth-claude-client-secret", "s3cr3t-value"])).unwrap();
        assert_eq!(
            c.oauth_claude_client_secret.as_ref().map(Secret::expose),
            Some("s3cr3t-value")
        );
        assert!(!format!("{c:?}").contains("s3cr3t-value"));
        let c = Config::from_args(&args(&["--oauth-claude-client-secret", ""])).unwrap();
        assert!(c.oauth_claude_client_secret.is_none(), "empty means unset");
    }

    #[test]
    fn a_confirm_secret_is_long_and_never_shown() {
        let e = Config::from_args(&args(&["--confirm-secret", "short"])).unwrap_err();
        assert!(e.to_string().contains("CONFIRM_SECRET"), "{e}");
        let secret = "s".repeat(40);
        let c = Config::from_args(&args(&["--confirm-secret", &secret])).unwrap();
        assert_eq!(
            c.confirm_secret.as_ref().map(Secret::expose),
            Some(secret.as_str())
        );
        assert!(!format!("{c:?}").contains(&secret));
        assert!(Config::defaults().unwrap().confirm_secret.is_none());
    }

    #[test]
    fn the_result_cap_defaults_to_25000_and_has_a_floor() {
        assert_eq!(Config::defaults().unwrap().max_result_chars, 25_000);
        let c = Config::from_args(&args(&["--max-result-chars", "1000"])).unwrap();
        assert_eq!(c.max_result_chars, 1000);
        let e = Config::from_args(&args(&["--max-result-chars", "999"])).unwrap_err();
        assert!(e.to_string().contains("MAX_RESULT_CHARS"), "{e}");
    }

    #[test]
    fn the_request_timeout_must_outlast_the_api_timeout() {
        let c = Config::from_args(&args(&[])).unwrap();
        assert_eq!(c.request_timeout, Duration::from_secs(45));
        let e = Config::from_args(&args(&["--api-timeout-ms", "50000"])).unwrap_err();
        assert!(e.to_string().contains("REQUEST_TIMEOUT_MS"), "{e}");
        let c = Config::from_args(&args(&[
            "--api-timeout-ms",
            "50000",
            "--request-timeout-ms",
            "60000",
        ]))
        .unwrap();
        assert_eq!(c.request_timeout, Duration::from_secs(60));
    }

    #[test]
    fn origins_compare_with_default_ports() {
        assert_eq!(
            Origin::parse("https://a.example").unwrap(),
            Origin::parse("https://A.example:443").unwrap()
        );
    }
}
