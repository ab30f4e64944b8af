//! Live reload for docs authors (`DOCS_DIR` with `--watch` / `DOCS_WATCH=true`): the docs
//! served are a swappable snapshot, and a polling task re-indexes the folder when its page
//! files change, then swaps the new snapshot in whole. A request takes one snapshot and
//! keeps it, so it never sees half of an index; pages that fail to parse are skipped with
//! a warning by the loader, and a folder that cannot be indexed at all leaves the last good
//! docs served. Polling (not OS notifications): no extra dependency, and it works the same
//! on bind mounts and network folders, where notifications are unreliable.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use arc_swap::ArcSwap;

use super::{Docs, DocsSource};

/// How often the folder is checked. With indexing time on top, a change is served well
/// within the 2 s the spec allows for the corpora this server is used with.
pub const POLL_INTERVAL: Duration = Duration::from_millis(400);

/// The docs currently served; replaced whole by the watcher.
pub struct LiveDocs {
    current: ArcSwap<Docs>,
}

impl LiveDocs {
    pub fn new(docs: Arc<Docs>) -> Self {
        Self {
            current: ArcSwap::new(docs),
        }
    }

    /// The docs to answer one request from.
    pub fn current(&self) -> Arc<Docs> {
        self.current.load_full()
    }

    pub fn replace(&self, docs: Arc<Docs>) {
        self.current.store(docs);
    }
}

/// What the watcher re-indexes, and how.
#[derive(Debug, Clone)]
pub struct WatchSettings {
    pub dir: PathBuf,
    pub base_url: String,
    /// `INDEX_DIR`, so a reloaded index is also what the next start opens.
    pub index_dir: Option<PathBuf>,
    pub interval: Duration,
}

/// Starts watching on the current tokio runtime; `on_reload` runs after each swap (to
/// update `/health` and the metrics). Stops when the runtime does.
pub fn spawn(
    live: Arc<LiveDocs>,
    settings: WatchSettings,
    on_reload: impl Fn(&Docs) + Send + Sync + 'static,
) -> tokio::task::JoinHandle<()> {
    // Taken now, before the server answers anything, so no change made after start-up
    // can be mistaken for the starting state.
    let mut seen = docs_index::dir_fingerprint(&settings.dir);
    tokio::spawn(async move {
        tracing::info!(dir = %settings.dir.display(), "watching the docs folder for changes");
        loop {
            tokio::time::sleep(settings.interval).await;
            let now = fingerprint(&settings).await;
            if now == seen {
                continue;
            }
            // Taken before indexing: a change made while indexing differs from `now`, so
            // the next round indexes again and the served docs catch up.
            seen = now;
            let started = Instant::now();
            let load = settings.clone();
            let loaded = tokio::task::spawn_blocking(move || {
                let docs = Docs::load_in(
                    DocsSource::Dir(load.dir),
                    &load.base_url,
                    load.index_dir.as_deref(),
                )?;
                // Before the swap, so no search on the new docs waits for it.
                docs.prepare();
                Ok::<_, super::DocsError>(docs)
            })
            .await;
            match loaded {
                Ok(Ok(docs)) => {
                    let docs = Arc::new(docs);
                    live.replace(docs.clone());
                    on_reload(&docs);
                    tracing::info!(
                        pages = docs.page_count(),
                        ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
                        "docs changed; reloaded"
                    );
                }
                Ok(Err(error)) => {
                    tracing::warn!(%error, "docs changed but cannot be indexed; still serving the previous docs");
                }
                Err(error) => {
                    tracing::warn!(%error, "docs re-indexing stopped unexpectedly; still serving the previous docs");
                }
            }
        }
    })
}

async fn fingerprint(settings: &WatchSettings) -> u64 {
    let dir = settings.dir.clone();
    tokio::task::spawn_blocking(move || docs_index::dir_fingerprint(&dir))
        .await
        .unwrap_or(0)
}
