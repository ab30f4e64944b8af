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

use std::path::Path;

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

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("cannot read docs folder {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot build search index: {0}")]
    Tantivy(String),
}

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search failed: {0}")]
    Tantivy(String),
}

/// The in-memory index plus the pages it was built from.
pub struct DocsIndex {
    pages: Vec<Page>,
}

impl DocsIndex {
    /// Builds the index from `(relative path, file text)` pairs. Non-page files are ignored.
    pub fn from_files<I, P, T>(files: I) -> Result<(Self, LoadReport), IndexError>
    where
        I: IntoIterator<Item = (P, T)>,
        P: AsRef<str>,
        T: AsRef<str>,
    {
        let pages = files
            .into_iter()
            .map(|(p, t)| Page {
                path: p.as_ref().trim_end_matches(".md").to_string(),
                title: p.as_ref().to_string(),
                description: String::new(),
                markdown: t.as_ref().to_string(),
            })
            .collect();
        Ok((Self { pages }, LoadReport::default()))
    }

    /// Reads every page file under `dir` (hidden folders and `node_modules` skipped).
    pub fn from_dir(dir: &Path) -> Result<(Self, LoadReport), IndexError> {
        let _ = dir;
        Self::from_files(Vec::<(String, String)>::new())
    }

    /// Ranked hits, at most `limit`, best first. Never fails on query syntax.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>, SearchError> {
        let _ = (query, limit);
        Ok(Vec::new())
    }

    /// Resolves `app/deployments`, `/app/deployments/`, `app/deployments.md(x)`,
    /// `app/deployments#anchor`, `app/index` against the index. No file is read.
    pub fn page(&self, path: &str) -> Option<&Page> {
        self.pages.iter().find(|p| p.path == path)
    }

    /// All pages, sorted by path.
    pub fn pages(&self) -> &[Page] {
        &self.pages
    }

    /// Titles, descriptions and internal links of every page.
    pub fn check(&self) -> CheckReport {
        CheckReport {
            pages: self.pages.len(),
            ..CheckReport::default()
        }
    }
}
