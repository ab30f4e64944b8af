//! `GET /metrics`: the Prometheus text exposition of what [`crate::measure`] records. Not
//! rate-limited and outside the Host guard, like `/health`, so a scraper on the internal
//! network always reaches it; it carries no credential, path or query text.

use std::time::Duration;

use axum::http::header;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::PrometheusHandle;

/// How often histogram samples are folded in when nobody scrapes, so memory stays flat.
const UPKEEP_EVERY: Duration = Duration::from_secs(5);

#[derive(Clone)]
pub struct Metrics(PrometheusHandle);

impl Metrics {
    /// Serves `handle`, and keeps it tidy from a background task when a runtime is running.
    pub fn new(handle: PrometheusHandle) -> Self {
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            let upkeep = handle.clone();
            runtime.spawn(async move {
                let mut tick = tokio::time::interval(UPKEEP_EVERY);
                loop {
                    tick.tick().await;
                    upkeep.run_upkeep();
                }
            });
        }
        Self(handle)
    }

    pub fn response(&self) -> Response {
        (
            [(
                header::CONTENT_TYPE,
                "text/plain; version=0.0.4; charset=utf-8",
            )],
            self.0.render(),
        )
            .into_response()
    }
}
