//! The documentation set this server answers from: the embedded `content/` folder, a
//! `DOCS_DIR`, or (binary only) a sibling `../hostless-docs/docs` checkout, indexed once at
//! start-up by the `docs-index` crate. Also turns page paths into public URLs and user-supplied
//! references (paths, `.md` names, full URLs) back into pages.

pub mod resources;
pub mod suggest;
pub mod tools;
pub mod watch;

use std::path::{Path, PathBuf};

use docs_index::{DocsIndex, LoadReport, Page};
use include_dir::{Dir, include_dir};

/// The docs compiled into the binary.
static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content");

/// Folder used when `DOCS_DIR` is unset and it exists (a docs checkout beside this one).
const SIBLING_DOCS: &str = "../hostless-docs/docs";

/// Where the pages came from, for `/health` and the start-up log line.
#[derive(Debug, Clone)]
pub enum DocsSource {
    Embedded,
    Dir(PathBuf),
}

impl std::fmt::Display for DocsSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Embedded => f.write_str("embedded"),
            Self::Dir(p) => write!(f, "{}", p.display()),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DocsError {
    #[error(transparent)]
    Index(#[from] docs_index::IndexError),
}

/// The index plus what is needed to present its pages.
pub struct Docs {
    index: DocsIndex,
    base_url: String,
    source: DocsSource,
}

/// Every embedded page file as `(relative path, text)`.
pub fn embedded_files() -> Vec<(String, &'static str)> {
    fn walk(dir: &'static Dir<'static>, out: &mut Vec<(String, &'static str)>) {
        for file in dir.files() {
            if let Some(text) = file.contents_utf8() {
                out.push((file.path().to_string_lossy().replace('\\', "/"), text));
            }
        }
        for sub in dir.dirs() {
            walk(sub, out);
        }
    }
    let mut out = Vec::new();
    walk(&EMBEDDED, &mut out);
    out
}

/// The docs checkout beside this one, if there is one. Only the binary looks for it (when
/// `DOCS_DIR` is unset); a test serves exactly the docs its config names.
pub fn sibling_checkout() -> Option<PathBuf> {
    Path::new(SIBLING_DOCS)
        .is_dir()
        .then(|| PathBuf::from(SIBLING_DOCS))
}

/// The docs a config names: its folder, else the embedded set.
pub fn choose_source(docs_dir: Option<&Path>) -> DocsSource {
    docs_dir.map_or(DocsSource::Embedded, |dir| {
        DocsSource::Dir(dir.to_path_buf())
    })
}

impl Docs {
    /// Loads and indexes the pages of `source`; pages that fail to parse are logged and skipped.
    pub fn load(source: DocsSource, base_url: &str) -> Result<Self, DocsError> {
        Self::load_in(source, base_url, None)
    }

    /// [`Docs::load`], keeping the search index in `index_dir` between starts (`INDEX_DIR`):
    /// unchanged docs open the saved index; changed or damaged ones are re-indexed.
    pub fn load_in(
        source: DocsSource,
        base_url: &str,
        index_dir: Option<&Path>,
    ) -> Result<Self, DocsError> {
        let (index, report) = match &source {
            DocsSource::Embedded => DocsIndex::from_files_in(embedded_files(), index_dir)?,
            DocsSource::Dir(dir) => DocsIndex::from_dir_in(dir, index_dir)?,
        };
        log_report(&report);
        Ok(Self {
            index,
            base_url: base_url.trim_end_matches('/').to_string(),
            source,
        })
    }

    /// See [`DocsIndex::prepare`].
    pub fn prepare(&self) {
        self.index.prepare();
    }

    pub fn index(&self) -> &DocsIndex {
        &self.index
    }

    pub fn source(&self) -> &DocsSource {
        &self.source
    }

    pub fn page_count(&self) -> usize {
        self.index.pages().len()
    }

    /// Public URL of a page path.
    pub fn url(&self, path: &str) -> String {
        format!("{}/{}", self.base_url, path)
    }

    /// Resolves what a user or agent passed as a page reference: a page path in any of the
    /// accepted spellings, or the page's full public URL. Only the index is consulted.
    pub fn resolve(&self, reference: &str) -> Option<&Page> {
        let reference = reference.trim();
        let path = reference
            .strip_prefix(&self.base_url)
            .or_else(|| {
                // The same site named with the other scheme, e.g. http:// for https://.
                let (_, rest) = self.base_url.split_once("://")?;
                let (_, given) = reference.split_once("://")?;
                given.strip_prefix(rest)
            })
            .unwrap_or(reference);
        if path.contains("://") {
            return None;
        }
        self.index.page(path)
    }
}

fn log_report(report: &LoadReport) {
    for (file, reason) in &report.skipped {
        tracing::warn!(file = %file, reason = %reason, "docs page skipped");
    }
}
