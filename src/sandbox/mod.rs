//! A local, in-memory stand-in for the Hostless REST API (SPEC §6).
//!
//! CONTRACT (stub; the sandbox work fills it in).

use std::future::Future;

/// Options for a sandbox instance.
#[derive(Debug, Clone, Default)]
pub struct SandboxOptions {
    /// Fixed seed for keys and ids; `None` draws fresh random secrets.
    pub seed: Option<u64>,
}

/// One demo API key printed at start-up.
#[derive(Debug, Clone)]
pub struct DemoKey {
    pub token: String,
    pub label: String,
    pub scopes: Vec<String>,
}

/// The sandbox: its state and its axum router.
#[derive(Clone)]
pub struct Sandbox {
    keys: Vec<DemoKey>,
    session_token: String,
}

impl Sandbox {
    pub fn new(options: SandboxOptions) -> Self {
        let _ = options;
        Self {
            keys: Vec::new(),
            session_token: String::new(),
        }
    }

    /// The demo keys (valid ones first, then the expired and revoked ones).
    pub fn keys(&self) -> &[DemoKey] {
        &self.keys
    }

    /// A dashboard-session JWT for the demo user (for JWT-only routes).
    pub fn session_token(&self) -> &str {
        &self.session_token
    }

    /// One line per demo key and the session token, for printing at start-up.
    pub fn startup_lines(&self) -> Vec<String> {
        Vec::new()
    }

    /// The `/v1/*` API and the sandbox's JSON 404s.
    pub fn router(&self) -> axum::Router {
        axum::Router::new()
    }
}

/// Serves the sandbox on `listener` until `shutdown` resolves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    sandbox: Sandbox,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, sandbox.router())
        .with_graceful_shutdown(shutdown)
        .await
}
