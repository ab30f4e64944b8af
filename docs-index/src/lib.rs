//! Full-text index over a folder of Markdown/MDX documentation pages.
//!
//! This crate knows nothing of HTTP, MCP, JSON or async runtimes: it turns
//! `(relative file path, file text)` pairs into [`Page`]s, indexes them in
//! memory with tantivy, and answers ranked queries and path lookups.
//!
//! CONTRACT (the server crate is written against exactly this API):
//! - [`DocsIndex::from_files`] / [`DocsIndex::from_dir`] build the index;
//!   pages that fail to parse are skipped and reported, never fatal.
//! - [`DocsIndex::search`] is lenient: any string is a valid query.
//! - [`DocsIndex::page`] resolves a user-supplied path against the index only.
//!
//! # Layout
//! - `path`: page paths from file names, and normalisation of user input.
//! - `frontmatter`: the small YAML front-matter reader (`title`, `description`).
//! - `markdown`: MDX/ERB/HTML cleaning and the split into heading sections.
//! - `outline`: the served page's headings, anchors and section extents.
//! - `pieces`: cutting long text into reassemblable pieces.
//! - `index`: tantivy schema, analyzer and the in-memory build.
//! - `search`: lenient query building, per-page grouping, `**` snippets.
//! - `stats`: BM25 statistics looked up once per search.
//! - `stem_cache`: the stemmer memoised per thread, for the query side.
//! - `text`: a section's text, owned or shared with an opened index file.
//! - `persist`, `store`, `mapped`: the index kept on disk between runs (`INDEX_DIR`).
//! - `fingerprint`: a cheap change detector for a docs folder (live reload).
//! - `reading`: a docs folder's page files read on two threads.
//! - `check`: the `docs check` report.
//!
//! # Invariants
//! - The unit of indexing is a heading section; a [`Hit`] is a page, shown
//!   through its best section.
//! - After construction nothing touches the filesystem: [`DocsIndex::page`]
//!   looks paths up in a map, so `../` tricks have nothing to reach.
//! - [`DocsIndex`] is `Send + Sync`; every search takes its own searcher.

mod anchors;
mod check;
mod coverage;
mod error;
#[doc(hidden)]
pub mod eval;
mod fillers;
mod fingerprint;
mod frontmatter;
mod index;
mod interface;
mod mapped;
mod markdown;
mod outline;
mod path;
mod persist;
mod pieces;
mod plain;
mod reading;
mod search;
mod signals;
mod snippet;
mod stats;
mod stem_cache;
mod store;
mod synonyms;
mod text;

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

pub use error::{IndexError, SearchError};
pub use fingerprint::dir_fingerprint;
pub use outline::Heading;
pub use persist::{FILE_NAME as INDEX_FILE_NAME, IndexOrigin, RebuildReason, SCHEMA_VERSION};
pub use pieces::{OffsetPastEnd, Piece, piece};

use markdown::LoadedPage;

/// One documentation page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Page path: relative file path without extension, `/`-separated (`app/deployments`).
    pub path: String,
    /// Front-matter `title`, else the first `#` heading, else the path.
    pub title: String,
    /// Front-matter `description`, else empty.
    pub description: String,
    /// The page's Markdown with the front matter removed.
    pub markdown: String,
    /// Every heading of `markdown`, in order, with its anchor and section extent.
    pub toc: Vec<Heading>,
}

impl Page {
    /// The section `wanted` names: an anchor (`create-an-api-key`, `#create-an-api-key`)
    /// or a heading's text in any case.
    pub fn section(&self, wanted: &str) -> Option<&Heading> {
        outline::find(&self.toc, wanted)
    }

    /// The Markdown of a section of this page: its heading line up to the next heading of
    /// the same or higher level.
    pub fn section_text(&self, heading: &Heading) -> &str {
        self.markdown
            .get(heading.start..heading.end)
            .unwrap_or_default()
    }
}

/// One search hit (one page; the best-matching section of it).
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub path: String,
    pub title: String,
    /// Short plain-text excerpt with matched terms wrapped in `**`.
    pub snippet: String,
    /// Anchor (slug) of the best-matching heading section, if not the page top.
    pub anchor: Option<String>,
    /// Heading text of the best-matching section, if not the page top.
    pub section: Option<String>,
    pub score: f32,
}

/// What loading a folder produced besides the pages.
#[derive(Debug, Clone, Default)]
pub struct LoadReport {
    /// Files skipped, with the reason.
    pub skipped: Vec<(String, String)>,
    /// Whether the index was built, or opened from an index folder.
    pub origin: IndexOrigin,
}

/// Report of `docs check`.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    pub pages: usize,
    /// Paths of pages without a front-matter title.
    pub untitled: Vec<String>,
    /// Paths of pages without a description.
    pub undescribed: Vec<String>,
    /// `(page path, link target)` for internal links that resolve to no page.
    pub broken_links: Vec<(String, String)>,
    /// Files skipped while loading, with the reason.
    pub skipped: Vec<(String, String)>,
}

/// The in-memory index plus the pages it was built from.
pub struct DocsIndex {
    /// Sorted by page path; tantivy documents refer to pages by position here. The only
    /// copy of each page: [`DocsIndex::pages`] is a view over it, not a second vector.
    loaded: Vec<LoadedPage>,
    by_path: HashMap<String, usize>,
    skipped: Vec<(String, String)>,
    search: index::SearchIndex,
    origin: IndexOrigin,
    /// Per-page ranking signals, in `loaded`'s order.
    signals: Vec<signals::PageSignals>,
    /// The words other pages link to each page with (computed on the first search).
    link_context: signals::LinkContext,
}

impl DocsIndex {
    /// Builds the index from `(relative path, file text)` pairs. Non-page files are ignored.
    pub fn from_files<I, P, T>(files: I) -> Result<(Self, LoadReport), IndexError>
    where
        I: IntoIterator<Item = (P, T)>,
        P: AsRef<str>,
        T: AsRef<str>,
    {
        Self::from_files_in(files, None)
    }

    /// [`DocsIndex::from_files`], keeping the index in `index_dir` between runs when given:
    /// unchanged files open the saved index, anything else rebuilds and saves it.
    pub fn from_files_in<I, P, T>(
        files: I,
        index_dir: Option<&Path>,
    ) -> Result<(Self, LoadReport), IndexError>
    where
        I: IntoIterator<Item = (P, T)>,
        P: AsRef<str>,
        T: AsRef<str>,
    {
        let gather = || {
            let mut candidates: Vec<(String, String, T)> = files
                .into_iter()
                .filter_map(|(file, text)| {
                    let file = file.as_ref().replace('\\', "/");
                    let file = file.trim_start_matches("./").to_string();
                    path::page_path_for_file(&file).map(|page_path| (file, page_path, text))
                })
                .collect();
            candidates.sort_by(|a, b| a.0.cmp(&b.0));
            Ok((candidates, Vec::new(), None))
        };
        Self::load(gather, |text: T| text.as_ref().to_string(), index_dir)
    }

    /// Reads every page file under `dir` (hidden folders and `node_modules` skipped).
    pub fn from_dir(dir: &Path) -> Result<(Self, LoadReport), IndexError> {
        Self::from_dir_in(dir, None)
    }

    /// [`DocsIndex::from_dir`] with the index kept in `index_dir` (see [`DocsIndex::from_files_in`]).
    pub fn from_dir_in(
        dir: &Path,
        index_dir: Option<&Path>,
    ) -> Result<(Self, LoadReport), IndexError> {
        let gather = || {
            let mut listed = Vec::new();
            let mut skipped = Vec::new();
            walk(dir, "", &mut listed, &mut skipped, true)?;
            listed.sort_by(|a, b| a.0.cmp(&b.0));
            let (read, read_skipped) = reading::read(&listed, index_dir.is_some());
            skipped.extend(read_skipped);
            let mut digests = Vec::with_capacity(read.len());
            let mut pages: Vec<(String, String, String)> = Vec::with_capacity(read.len());
            for file in read {
                if let Some(page_path) = path::page_path_for_file(&file.file) {
                    digests.extend(file.digest);
                    pages.push((file.file, page_path, file.text));
                }
            }
            let digests = (digests.len() == pages.len()).then_some(digests);
            Ok((pages, skipped, digests))
        };
        Self::load(gather, |text: String| text, index_dir)
    }

    /// Opens the saved index for exactly the files `gather` returns (sorted by file path,
    /// with the files it skipped and, if it hashed them, each file's SHA-256), or builds (and saves) one. `own` turns a file's text into
    /// the `String` an opened page keeps as its Markdown (a move for texts read from disk).
    fn load<T, G>(
        gather: G,
        own: impl Fn(T) -> String,
        index_dir: Option<&Path>,
    ) -> Result<(Self, LoadReport), IndexError>
    where
        T: AsRef<str>,
        G: FnOnce() -> Result<Gathered<T>, IndexError>,
    {
        let Some(dir) = index_dir else {
            let (files, walk_skipped, _) = gather()?;
            let (index, _) = Self::build(&files, walk_skipped, IndexOrigin::Built)?;
            return Ok(index);
        };
        let started = Instant::now();
        // The saved file is read, checked and opened on a second thread while this one
        // reads and hashes the docs: the two halves of a start take about as long as each
        // other, and the saved index is used only once its key matches the docs' key.
        let (gathered, saved) = std::thread::scope(|scope| {
            // The signals need only what the saved file holds (titles, paths, links), so they are computed here
            // too; they are thrown away if the key does not match.
            let saved = scope.spawn(|| {
                persist::read(dir).map(|opened| {
                    let signals = signals::compute(&opened.search.analyzer, opened.pages());
                    (opened, signals)
                })
            });
            let gathered = gather().map(|(files, walk_skipped, digests)| {
                let key = match digests {
                    Some(digests) => persist::key(
                        files
                            .iter()
                            .zip(digests)
                            .map(|((f, _, _), d)| (f.as_str(), d)),
                    ),
                    None => persist::key(
                        files
                            .iter()
                            .map(|(f, _, t)| (f.as_str(), persist::digest(t.as_ref()))),
                    ),
                };
                (files, walk_skipped, key)
            });
            let saved = saved.join().unwrap_or_else(|_| {
                Err(RebuildReason::Corrupt(
                    "reading it failed unexpectedly".to_string(),
                ))
            });
            (gathered, saved)
        });
        let (files, walk_skipped, key) = gathered?;
        // `files` is sorted by file path, so a page file's text is found by binary search.
        let text_of = |source: &str| -> Option<&str> {
            files
                .binary_search_by(|(file, _, _)| file.as_str().cmp(source))
                .ok()
                .and_then(|i| files.get(i))
                .map(|(_, _, text)| text.as_ref())
        };
        let reason = match saved {
            Ok((saved, signals)) if saved.key == key => match saved.check_texts(text_of) {
                Ok(()) => {
                    // Each page keeps its file's text as its Markdown: no second copy of the docs.
                    let mut texts: Vec<(String, Option<String>)> = files
                        .into_iter()
                        .map(|(file, _, text)| (file, Some(own(text))))
                        .collect();
                    let (pages, saved_skipped, search) = saved.into_parts(|source| {
                        texts
                            .binary_search_by(|(file, _)| file.as_str().cmp(source))
                            .ok()
                            .and_then(|i| texts.get_mut(i))
                            .and_then(|(_, text)| text.take())
                    });
                    let mut skipped = walk_skipped;
                    skipped.extend(saved_skipped);
                    tracing::info!(
                        dir = %dir.display(),
                        pages = pages.len(),
                        ms = started.elapsed().as_millis() as u64,
                        "opened the saved docs index"
                    );
                    return Ok(Self::assemble_with(
                        pages,
                        skipped,
                        search,
                        IndexOrigin::Opened,
                        signals,
                    ));
                }
                Err(reason) => reason,
            },
            Ok(_) => RebuildReason::Changed,
            Err(reason) => reason,
        };
        match &reason {
            RebuildReason::Missing => {
                tracing::info!(dir = %dir.display(), "no saved docs index yet; building one")
            }
            other => {
                tracing::warn!(dir = %dir.display(), reason = %other, "rebuilding the docs index")
            }
        }
        let ((mut index, mut report), load_skipped) =
            Self::build(&files, walk_skipped, IndexOrigin::Built)?;
        let save_error = index::files(&index.search)
            .and_then(|search_files| {
                persist::save(dir, &key, &index.loaded, &load_skipped, &search_files, text_of).map_err(
                    |source| IndexError::Io {
                        path: dir.display().to_string(),
                        source,
                    },
                )
            })
            .err()
            .map(|e| {
                tracing::warn!(dir = %dir.display(), error = %e, "cannot save the docs index; serving it from memory");
                e.to_string()
            });
        report.origin = IndexOrigin::Rebuilt { reason, save_error };
        index.origin = report.origin.clone();
        Ok((index, report))
    }

    /// Loads, de-duplicates and indexes files already sorted by file path. Also returns
    /// the files skipped while loading (not those `walk_skipped` already names).
    fn build<T: AsRef<str>>(
        files: &[(String, String, T)],
        walk_skipped: Vec<(String, String)>,
        origin: IndexOrigin,
    ) -> Result<((Self, LoadReport), Skipped), IndexError> {
        let mut loaded: Vec<LoadedPage> = Vec::new();
        let mut load_skipped = Vec::new();
        let mut owner: HashMap<&str, &str> = HashMap::new();
        for (file, page_path, text) in files {
            if let Some(first) = owner.get(page_path.as_str()) {
                let reason =
                    format!("duplicate page path `{page_path}`, already provided by {first}");
                tracing::warn!(file, reason, "skipping page");
                load_skipped.push((file.to_string(), reason));
                continue;
            }
            match markdown::load(file, page_path, text.as_ref()) {
                Ok(page) => {
                    owner.insert(page_path, file);
                    loaded.push(page);
                }
                Err(reason) => {
                    tracing::warn!(file, reason, "skipping page");
                    load_skipped.push((file.to_string(), reason));
                }
            }
        }
        loaded.sort_by(|a, b| a.page.path.cmp(&b.page.path));
        let search = index::build(&loaded)?;
        let mut skipped = walk_skipped;
        skipped.extend(load_skipped.iter().cloned());
        Ok((
            Self::assemble(loaded, skipped, search, origin),
            load_skipped,
        ))
    }

    fn assemble(
        loaded: Vec<LoadedPage>,
        skipped: Vec<(String, String)>,
        search: index::SearchIndex,
        origin: IndexOrigin,
    ) -> (Self, LoadReport) {
        let signals = signals::compute(&search.analyzer, &loaded);
        Self::assemble_with(loaded, skipped, search, origin, signals)
    }

    /// [`Self::assemble`] with the ranking signals already computed (an opened index computes them on the
    /// thread that reads it, while the docs are still being read and hashed).
    fn assemble_with(
        loaded: Vec<LoadedPage>,
        skipped: Vec<(String, String)>,
        search: index::SearchIndex,
        origin: IndexOrigin,
        signals: Vec<signals::PageSignals>,
    ) -> (Self, LoadReport) {
        let by_path = loaded
            .iter()
            .enumerate()
            .map(|(i, l)| (l.page.path.clone(), i))
            .collect();
        let report = LoadReport {
            skipped: skipped.clone(),
            origin: origin.clone(),
        };
        (
            Self {
                loaded,
                by_path,
                skipped,
                search,
                origin,
                signals,
                link_context: signals::LinkContext::default(),
            },
            report,
        )
    }

    /// Whether this index was built or opened from an index folder.
    pub fn origin(&self) -> &IndexOrigin {
        &self.origin
    }

    /// Does now the one-time work the first search would otherwise pay for (the words of the
    /// sentences that link to each page, a Markdown pass over every page: tens of ms at a few
    /// hundred pages, seconds at ten thousand). Safe to call from another thread while searches run.
    pub fn prepare(&self) {
        self.link_context.get(&self.search.analyzer, &self.loaded);
    }

    /// Ranked hits, at most `limit`, best first. Never fails on query syntax.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>, SearchError> {
        search::search(
            &self.search,
            &self.loaded,
            &self.signals,
            &self.link_context,
            query,
            limit,
        )
    }

    /// Resolves `app/deployments`, `/app/deployments/`, `app/deployments.md(x)`,
    /// `app/deployments#anchor`, `app/index` against the index. No file is read.
    pub fn page(&self, path: &str) -> Option<&Page> {
        path::normalise(path)
            .iter()
            .find_map(|candidate| self.by_path.get(candidate))
            .and_then(|i| self.loaded.get(*i))
            .map(|l| &l.page)
    }

    /// All pages, sorted by path.
    pub fn pages(&self) -> Pages<'_> {
        Pages(&self.loaded)
    }

    /// Titles, descriptions and internal links of every page.
    pub fn check(&self) -> CheckReport {
        check::check(&self.loaded, &self.by_path, &self.skipped)
    }

    /// The plain text the index holds for a page (headings and section bodies),
    /// for tests that check cleaning; not part of the stable API.
    #[doc(hidden)]
    pub fn indexed_text(&self, path: &str) -> Option<String> {
        let loaded = self.loaded.get(*self.by_path.get(path)?)?;
        let mut text = String::new();
        for section in &loaded.sections {
            if let Some(heading) = &section.heading {
                text.push_str(heading);
                text.push('\n');
            }
            text.push_str(&section.text);
            text.push('\n');
        }
        Some(text)
    }
}

/// `(file, reason)` of files left out of an index.
type Skipped = Vec<(String, String)>;

/// What a load reads: `(file, page path, text)` sorted by file, the files skipped, and
/// each file's SHA-256 if they were hashed while being read.
type Gathered<T> = (
    Vec<(String, String, T)>,
    Skipped,
    Option<Vec<persist::Digest>>,
);

/// The pages of an index in path order: a view over the index's own storage, so each page
/// is held once however many callers list them. Used like a slice (`len`, `iter`, `get`,
/// `for page in index.pages()`).
#[derive(Clone, Copy)]
pub struct Pages<'a>(&'a [LoadedPage]);

impl<'a> Pages<'a> {
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, position: usize) -> Option<&'a Page> {
        self.0.get(position).map(|l| &l.page)
    }

    pub fn iter(&self) -> PagesIter<'a> {
        PagesIter(self.0.iter())
    }
}

impl<'a> IntoIterator for Pages<'a> {
    type Item = &'a Page;
    type IntoIter = PagesIter<'a>;

    fn into_iter(self) -> PagesIter<'a> {
        self.iter()
    }
}

/// Iterator over [`Pages`].
#[derive(Clone)]
pub struct PagesIter<'a>(std::slice::Iter<'a, LoadedPage>);

impl<'a> Iterator for PagesIter<'a> {
    type Item = &'a Page;

    fn next(&mut self) -> Option<&'a Page> {
        self.0.next().map(|l| &l.page)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl DoubleEndedIterator for PagesIter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0.next_back().map(|l| &l.page)
    }
}

impl ExactSizeIterator for PagesIter<'_> {}

/// A folder entry as the docs loader and the live-reload fingerprint both see it: its
/// path relative to the docs root and its type, or `None` for what both skip (hidden
/// entries, `node_modules`, entries whose type cannot be read). The type is the link's
/// own, so symlinked folders are not followed and a link loop cannot hang start-up.
fn docs_entry(entry: &std::fs::DirEntry, prefix: &str) -> Option<(String, std::fs::FileType)> {
    let name = entry.file_name().to_string_lossy().into_owned();
    if name.starts_with('.') || name == "node_modules" {
        return None;
    }
    let relative = if prefix.is_empty() {
        name
    } else {
        format!("{prefix}/{name}")
    };
    Some((relative, entry.file_type().ok()?))
}

/// Lists `(relative path, path)` of page files under `dir` (read by `reading`); unreadable
/// folders go to `skipped`. Only the root failing is an error.
fn walk(
    dir: &Path,
    prefix: &str,
    files: &mut Vec<(String, std::path::PathBuf)>,
    skipped: &mut Vec<(String, String)>,
    is_root: bool,
) -> Result<(), IndexError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(source) if is_root => {
            return Err(IndexError::Io {
                path: dir.display().to_string(),
                source,
            });
        }
        Err(error) => {
            tracing::warn!(dir = %dir.display(), %error, "skipping unreadable folder");
            skipped.push((prefix.to_string(), format!("cannot read folder: {error}")));
            return Ok(());
        }
    };
    for entry in entries.flatten() {
        let Some((relative, kind)) = docs_entry(&entry, prefix) else {
            continue;
        };
        if kind.is_dir() {
            walk(&entry.path(), &relative, files, skipped, false)?;
        } else if path::page_path_for_file(&relative).is_some() {
            files.push((relative, entry.path()));
        }
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn docs_index_is_send_and_sync() {
        assert_send_sync::<DocsIndex>();
    }
}
