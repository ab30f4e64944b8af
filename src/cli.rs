//! What the binary does for each subcommand: serve (optionally with the sandbox), run
//! the sandbox alone, check a docs folder, or print the tool catalog. Errors here are start-up errors: printed
//! as one line by `main` with exit code 1 (`docs check` findings too); flags that do not
//! parse are refused by `main` itself with exit code 2.

use std::net::SocketAddr;
use std::path::Path;

use docs_index::DocsIndex;
use tokio::net::TcpListener;
use url::Url;

use crate::app::{self, StartupError, shutdown_signal};
use crate::config::{Config, ConfigError, SandboxArgs};
use crate::docs::{self, embedded_files};
use crate::platform::client::ApiClient;
use crate::platform::confirm::Confirmer;
use crate::platform::server::{PlatformServer, Selection};
use crate::sandbox::{self, Sandbox, SandboxOptions};

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Startup(#[from] StartupError),
    #[error("cannot bind {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("{0}")]
    Check(String),
    #[error("the sandbox API stopped: {0}")]
    Sandbox(String),
}

async fn bind(addr: SocketAddr) -> Result<TcpListener, CliError> {
    TcpListener::bind(addr)
        .await
        .map_err(|source| CliError::Bind { addr, source })
}

/// `hostless-mcp [--sandbox]`: both MCP endpoints, and the sandbox API when asked.
/// With the sandbox, it is the API and the OAuth issuer; if it stops with an error, the
/// server stops too (a platform endpoint without its API would only answer errors).
pub async fn serve(mut config: Config) -> Result<(), CliError> {
    let mut sandbox_task = None;
    if config.docs_dir.is_none() {
        config.docs_dir = docs::sibling_checkout();
    }
    if config.sandbox {
        let listener = bind(SocketAddr::from(([127, 0, 0, 1], 0))).await?;
        let addr = listener.local_addr().map_err(StartupError::from)?;
        let base = Url::parse(&format!("http://{addr}"))
            .map_err(|e| CliError::Check(format!("sandbox address: {e}")))?;
        let sandbox = Sandbox::new(SandboxOptions {
            seed: config.sandbox_seed,
            issuer: Some(base.clone()),
            claude_client_secret: config.oauth_claude_client_secret.clone(),
        });
        print_sandbox(&sandbox, addr);
        config.sandbox_keys = sandbox.key_infos();
        let jwks = base
            .join("/.well-known/jwks.json")
            .map_err(|e| CliError::Check(format!("sandbox address: {e}")))?;
        config.oauth_issuer = Some(base.clone());
        config.jwks_url = Some(jwks);
        config.api_base_url = base;
        sandbox_task = Some(tokio::spawn(sandbox::serve(
            listener,
            sandbox,
            shutdown_signal(),
        )));
    }
    let listener = bind(SocketAddr::new(config.host, config.port)).await?;
    let addr = listener.local_addr().map_err(StartupError::from)?;
    let public = config.resolve_public_url(addr.port())?;
    tracing::info!(
        %addr,
        docs = %format!("{}mcp/docs", public),
        platform = %format!("{}mcp", public),
        api = %config.api_base_url,
        "hostless-mcp listening"
    );
    let server = app::serve(listener, config, shutdown_signal());
    let Some(task) = sandbox_task else {
        server.await?;
        return Ok(());
    };
    tokio::pin!(server);
    tokio::select! {
        result = &mut server => result?,
        ended = task => {
            let failure = match ended {
                Ok(Ok(())) => None,
                Ok(Err(e)) => Some(e.to_string()),
                Err(e) => Some(format!("task failed: {e}")),
            };
            if let Some(reason) = failure {
                tracing::error!(error = %reason, "sandbox API stopped; stopping the server");
                return Err(CliError::Sandbox(reason));
            }
            // A clean stop means shutdown was signalled: let the server drain too.
            server.await?;
        }
    }
    Ok(())
}

fn print_sandbox(sandbox: &Sandbox, addr: SocketAddr) {
    println!("Hostless API sandbox on http://{addr} (in-memory, fresh data each start)");
    for line in sandbox.startup_lines() {
        println!("  {line}");
    }
}

/// `hostless-mcp sandbox`: only the fake Hostless API.
pub async fn sandbox(args: SandboxArgs) -> Result<(), CliError> {
    let host = args.host.parse().map_err(|_| {
        CliError::Config(ConfigError {
            setting: "HOST (--host)",
            reason: format!("{:?} is not an IP address", args.host),
        })
    })?;
    let listener = bind(SocketAddr::new(host, args.port)).await?;
    let addr = listener.local_addr().map_err(StartupError::from)?;
    // Bound to a wildcard address, the sandbox is reached under names it cannot know: the
    // issuer then follows each request's Host header.
    let issuer = (!addr.ip().is_unspecified())
        .then(|| Url::parse(&format!("http://{addr}")).ok())
        .flatten();
    let sandbox = Sandbox::new(SandboxOptions {
        seed: args.seed,
        issuer,
        claude_client_secret: args
            .oauth_claude_client_secret
            .clone()
            .filter(|s| !s.expose().is_empty()),
    });
    print_sandbox(&sandbox, addr);
    sandbox::serve(listener, sandbox, shutdown_signal())
        .await
        .map_err(StartupError::from)?;
    Ok(())
}

/// `hostless-mcp docs check [DIR]`: prints a report; `Err` when anything needs fixing.
pub fn docs_check(dir: Option<&Path>) -> Result<(), CliError> {
    let (index, report) = match dir {
        Some(dir) => DocsIndex::from_dir(dir),
        None => DocsIndex::from_files(embedded_files()),
    }
    .map_err(|e| CliError::Check(e.to_string()))?;
    let check = index.check();
    let name = dir.map_or_else(|| "embedded docs".to_string(), |d| d.display().to_string());
    println!("{name}: {} page(s)", check.pages);
    let mut problems = 0;
    for (file, reason) in &report.skipped {
        println!("  skipped  {file}: {reason}");
        problems += 1;
    }
    for path in &check.untitled {
        println!("  untitled {path}: no title in front matter");
        problems += 1;
    }
    for path in &check.undescribed {
        println!("  no description {path}");
        problems += 1;
    }
    for (page, target) in &check.broken_links {
        println!("  broken link {page} -> {target}");
        problems += 1;
    }
    if problems == 0 {
        println!("ok: every page titled and described, no broken internal link");
        Ok(())
    } else {
        Err(CliError::Check(format!("{problems} problem(s) found")))
    }
}

/// `hostless-mcp tools [--json] [--toolsets a,b] [--readonly]`: the catalog listing of
/// `GET /mcp/tools` (JSON), or a table of it.
pub fn tools(json: bool, toolsets: &str, readonly: bool) -> Result<(), CliError> {
    let selection = Selection::parse(
        Some(toolsets),
        Some(if readonly { "true" } else { "false" }),
    )
    .map_err(CliError::Check)?;
    // The listing comes from the server's own `tools/list` entries; the client is never used.
    let base = Url::parse("http://127.0.0.1/").map_err(|e| CliError::Check(e.to_string()))?;
    let client = ApiClient::new(&base, std::time::Duration::from_secs(1))
        .map_err(|e| CliError::Check(e.to_string()))?;
    let confirmer = Confirmer::new(None, std::time::Duration::from_secs(300));
    let server =
        PlatformServer::new(client, confirmer).map_err(|e| CliError::Check(e.to_string()))?;
    let listing = server.listing(&selection);
    if json {
        let text =
            serde_json::to_string_pretty(&listing).map_err(|e| CliError::Check(e.to_string()))?;
        println!("{text}");
    } else {
        print!("{}", crate::platform::catalog::listing::text(&listing));
    }
    Ok(())
}
