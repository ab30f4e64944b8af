//! Start-up and serving: builds everything once (docs index, tool routers, API client,
//! HTTP router) from a validated [`Config`], then serves on a bound listener until the
//! shutdown future resolves, finishing requests in flight. Tests call [`serve`] on port 0.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use tokio::net::TcpListener;
use url::Url;

use crate::api_routes;
use crate::auth::TokenVerifier;
use crate::auth::jwks::JwksCache;
use crate::config::{Config, ConfigError, base};
use crate::docs::tools::DocsServer;
use crate::docs::{Docs, DocsError, DocsSource, choose_source, watch};
use crate::http::front_page::{FrontPage, FrontPageSettings};
use crate::http::issuer_metadata::IssuerMetadata;
use crate::http::public_base::PublicBase;
use crate::http::{self, HttpState, auth, guard, health, well_known};
use crate::measure;
use crate::platform::catalog::CatalogError;
use crate::platform::client::ApiClient;
use crate::platform::confirm::Confirmer;
use crate::platform::server::PlatformServer;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("cannot load the docs: {0}")]
    Docs(#[from] DocsError),
    #[error("cannot build the HTTP client: {0}")]
    Client(#[from] reqwest::Error),
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    #[error("invalid JWKS_URL: {0}")]
    Jwks(String),
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("cannot serve: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot build the API client: {0}")]
    ApiClient(#[from] crate::platform::http1::Http1Error),
}

/// Builds the whole HTTP router for a server whose listener is bound to `port`.
pub fn build(config: &Config, port: u16) -> Result<Router, StartupError> {
    let docs = Arc::new(Docs::load_in(
        choose_source(config.docs_dir.as_deref()),
        &base(&config.docs_base_url),
        config.index_dir.as_deref(),
    )?);
    tracing::info!(pages = docs.page_count(), source = %docs.source(), "docs indexed");
    // The first search would otherwise pay for it; `/health` and listing do not need it.
    let warm = docs.clone();
    if let Err(error) = std::thread::Builder::new()
        .name("docs-prepare".into())
        .spawn(move || warm.prepare())
    {
        tracing::warn!(%error, "cannot prepare the docs index in the background; the first search will");
    }
    let metrics = if config.metrics {
        measure::install().map(http::metrics::Metrics::new)
    } else {
        None
    };
    measure::docs_indexed(docs.page_count());
    let public_url = config.resolve_public_url(port)?;
    let public_base = PublicBase::new(config.public_url.as_ref().map(base), port);
    let issuer = base(config.oauth_issuer.as_ref().unwrap_or(&config.api_base_url));
    let read_scopes: Vec<&str> = api_routes::read_scopes().collect();
    let client = match &config.api_proxy {
        Some(proxy) => {
            // The proxy's scheme, host and port only: never its credentials.
            tracing::info!(proxy = %proxy, from = proxy.from, "Hostless API calls go through the proxy the environment names");
            ApiClient::via_proxy(&config.api_base_url, config.api_timeout, proxy)?
        }
        None => {
            tracing::info!(
                "Hostless API calls go direct (no proxy variable applies to API_BASE_URL)"
            );
            ApiClient::new(&config.api_base_url, config.api_timeout)?
        }
    };
    let discovery_http = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(10))
        .redirect(reqwest::redirect::Policy::limited(3))
        .user_agent(concat!("hostless-mcp/", env!("CARGO_PKG_VERSION")))
        .build()?;
    let jwks_url = match &config.jwks_url {
        Some(url) => url.clone(),
        None => Url::parse(&format!("{issuer}/.well-known/jwks.json"))
            .map_err(|e| StartupError::Jwks(e.to_string()))?,
    };
    // The keys are fetched on the first OAuth token, not at start: a server used only with
    // API keys never calls the issuer.
    let verifier = Arc::new(TokenVerifier::new(
        &issuer,
        JwksCache::new(jwks_url, discovery_http.clone(), config.jwks_min_refetch),
    ));
    let health = health::Health::new(
        &base(&config.api_base_url),
        docs.page_count(),
        &docs.source().to_string(),
    );
    let front_page = FrontPage::new(FrontPageSettings {
        base: public_base.clone(),
        fixed_base: config.public_url.as_ref().map(base),
        issuer: &issuer,
        docs_site: &base(&config.docs_base_url),
        docs_pages: docs.page_count(),
        api_base_url: &base(&config.api_base_url),
        sandbox: config.sandbox,
        sandbox_keys: &config.sandbox_keys,
        summary: health.clone(),
    });
    let docs_server = DocsServer::new(docs.clone());
    if config.docs_watch {
        watch_docs(config, &docs, &docs_server, &health);
    }
    let state = HttpState {
        health,
        front_page,
        docs: docs_server,
        platform: PlatformServer::new(client, Confirmer::from_config(config))?
            .with_max_result_chars(config.max_result_chars),
        guard: guard::HostGuard::new(config, &public_url, port),
        credentials: auth::CredentialCheck {
            challenge: auth::Challenge::new(public_base.clone(), &read_scopes.join(" ")),
            verifier,
            base: public_base.clone(),
        },
        issuer_metadata: IssuerMetadata::new(&issuer, discovery_http),
        metadata: well_known::ResourceMetadata::new(
            public_base,
            &issuer,
            &format!("{}/developers", base(&config.docs_base_url)),
        ),
        max_body_bytes: config.max_body_bytes,
        limits: http::limits::Limits::new(config),
        metrics,
        request_timeout: config.request_timeout,
    };
    Ok(http::router(state))
}

/// Starts live reload of `DOCS_DIR` (`--watch`); the embedded docs never change.
fn watch_docs(config: &Config, docs: &Docs, server: &DocsServer, health: &health::Health) {
    let DocsSource::Dir(dir) = docs.source() else {
        tracing::warn!(
            "DOCS_WATCH is set but the docs are the embedded ones: nothing to watch (set DOCS_DIR)"
        );
        return;
    };
    if tokio::runtime::Handle::try_current().is_err() {
        tracing::warn!("DOCS_WATCH is set but there is no runtime to watch from");
        return;
    }
    let health = health.clone();
    watch::spawn(
        server.live_docs(),
        watch::WatchSettings {
            dir: dir.clone(),
            base_url: base(&config.docs_base_url),
            index_dir: config.index_dir.clone(),
            interval: watch::POLL_INTERVAL,
        },
        move |docs| {
            health.set_docs_pages(docs.page_count());
            measure::docs_indexed(docs.page_count());
        },
    );
}

/// Serves `router` on `listener` until `shutdown` resolves; requests in flight finish.
pub async fn serve_router(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), StartupError> {
    // The peer address is what the public routes are rate-limited by.
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await?;
    Ok(())
}

/// Builds the server for `config` and serves it on `listener`.
pub async fn serve(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), StartupError> {
    let port = listener.local_addr()?.port();
    let router = build(&config, port)?;
    serve_router(listener, router, shutdown).await
}

/// Resolves on SIGINT or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
