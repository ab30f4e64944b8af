//! Per-page ranking signals computed once when an index is assembled: the stems of each
//! page's name (for the coverage re-ranking) and how many other pages link to it.
//!
//! Both are derived from the loaded pages, so an index opened from disk computes them the
//! same way as a freshly built one and nothing extra is persisted.
//!
//! The words around the links to each page (`link_context`) need the pages' Markdown, which an
//! index opened from disk only has once it is assembled; they are computed on the first search.
//!
//! Why links: a topic usually has one canonical page and several guides, tutorials and CLI
//! references that mention it in passing and *link to it*. The number of distinct pages
//! linking to a page is a query-independent hint of which twin is the canonical one.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use tantivy::tokenizer::TextAnalyzer;

use crate::anchors;
use crate::coverage::{self, Concept};
use crate::interface::{self, Interface};
use crate::markdown::LoadedPage;
use crate::path::resolve_link;

/// What the re-ranking needs to know about one page, computed at load time.
#[derive(Debug, Clone, Default)]
pub(crate) struct PageSignals {
    /// Stems of the title and of the path's segments.
    pub name: HashSet<String>,
    /// `ln(1 + distinct pages linking here) / ln(1 + the most any page gets)`, 0..=1.
    pub authority: f32,
    /// A CLI or API reference page (see `interface.rs`).
    pub interface: Option<Interface>,
    /// Pages this page links to (positions in the page list, sorted, without itself).
    pub links_to: Vec<usize>,
}

/// The share of its nearest ancestor page's authority a sub-page has at least (0.4–1.0
/// measured: 0.5–1.0 within a question of each other on unseen questions).
const INHERITED_AUTHORITY: f32 = 0.6;

/// Signals for `pages`, in the same order.
pub(crate) fn compute(analyzer: &TextAnalyzer, pages: &[LoadedPage]) -> Vec<PageSignals> {
    let by_path: HashMap<&str, usize> = pages
        .iter()
        .enumerate()
        .map(|(i, l)| (l.page.path.as_str(), i))
        .collect();
    let mut linked_from: Vec<HashSet<usize>> = vec![HashSet::new(); pages.len()];
    let mut links_to: Vec<Vec<usize>> = vec![Vec::new(); pages.len()];
    for (source, loaded) in pages.iter().enumerate() {
        for link in &loaded.links {
            if let Some(target) = target(&by_path, &loaded.source, link)
                && target != source
                && let Some(set) = linked_from.get_mut(target)
            {
                set.insert(source);
                if let Some(out) = links_to.get_mut(source) {
                    out.push(target);
                }
            }
        }
    }
    for out in &mut links_to {
        out.sort_unstable();
        out.dedup();
    }
    let most = linked_from.iter().map(HashSet::len).max().unwrap_or(0);
    let scale = (1.0 + most as f32).ln();
    let mut signals = pages
        .iter()
        .zip(&linked_from)
        .zip(links_to)
        .map(|((loaded, sources), links_to)| PageSignals {
            name: coverage::name_stems(analyzer, &loaded.page.title, &loaded.page.path),
            interface: interface::of_page(&loaded.page.path),
            authority: if scale > 0.0 {
                (1.0 + sources.len() as f32).ln() / scale
            } else {
                0.0
            },
            links_to,
        })
        .collect::<Vec<PageSignals>>();
    inherit_authority(&mut signals, pages, &by_path);
    signals
}

/// A sub-page's authority is at least [`INHERITED_AUTHORITY`] of its nearest ancestor page's
/// (`volumes/reference` under `volumes`): pages link to the topic's overview rather than to
/// its parts, yet the parts are as canonical as the overview, not guides that mention the
/// topic. Without it, authority ranked every overview over the sub-page a question asks about.
fn inherit_authority(
    signals: &mut [PageSignals],
    pages: &[LoadedPage],
    by_path: &HashMap<&str, usize>,
) {
    let own: Vec<f32> = signals.iter().map(|s| s.authority).collect();
    for (page, loaded) in pages.iter().enumerate() {
        let mut path = loaded.page.path.as_str();
        while let Some((parent, _)) = path.rsplit_once('/') {
            if let Some(ancestor) = by_path.get(parent).and_then(|&p| own.get(p)) {
                if let Some(signal) = signals.get_mut(page) {
                    signal.authority = signal.authority.max(INHERITED_AUTHORITY * ancestor);
                }
                break;
            }
            path = parent;
        }
    }
}

/// Per page, the stems of the sentences other pages link to it from (the link's own text
/// left out: it mostly repeats the page's title, which name coverage already counts), computed
/// once, on first use. See `anchors.rs`.
#[derive(Debug, Default)]
pub(crate) struct LinkContext(OnceLock<LinkWords>);

/// The link sentences' stems, each stored once: a page holds the sorted ids of its stems
/// (Railway: about 2,800 links; strings per page would cost megabytes).
#[derive(Debug, Default)]
pub(crate) struct LinkWords {
    ids: HashMap<String, u32>,
    pages: Vec<Vec<u32>>,
}

impl LinkContext {
    /// The link words of `pages` (the pages the index was assembled with, in the same order).
    pub(crate) fn get(&self, analyzer: &TextAnalyzer, pages: &[LoadedPage]) -> &LinkWords {
        self.0.get_or_init(|| LinkWords::new(analyzer, pages))
    }
}

impl LinkWords {
    fn new(analyzer: &TextAnalyzer, pages: &[LoadedPage]) -> Self {
        let by_path: HashMap<&str, usize> = pages
            .iter()
            .enumerate()
            .map(|(i, l)| (l.page.path.as_str(), i))
            .collect();
        let mut words = LinkWords {
            ids: HashMap::new(),
            pages: vec![Vec::new(); pages.len()],
        };
        for (source, loaded) in pages.iter().enumerate() {
            for link in anchors::links(&loaded.page.markdown) {
                let Some(target) = target(&by_path, &loaded.source, &link.dest) else {
                    continue;
                };
                if target == source {
                    continue;
                }
                for stem in coverage::stems(analyzer, &link.context) {
                    let next = u32::try_from(words.ids.len()).unwrap_or(u32::MAX);
                    let id = *words.ids.entry(stem).or_insert(next);
                    if let Some(page) = words.pages.get_mut(target) {
                        page.push(id);
                    }
                }
            }
        }
        for page in &mut words.pages {
            page.sort_unstable();
            page.dedup();
            page.shrink_to_fit();
        }
        words
    }

    /// The question's concepts as stem ids with their weights; a stem no link sentence uses
    /// has no id, so its concept can be covered only through its other stems.
    pub(crate) fn concepts(&self, concepts: &[Concept]) -> Vec<(Vec<u32>, f32)> {
        concepts
            .iter()
            .map(|c| {
                let ids = c.stems.iter().filter_map(|s| self.ids.get(s)).copied();
                (ids.collect(), c.weight)
            })
            .collect()
    }

    /// Share of the question's concepts (weighted, from [`LinkWords::concepts`]) that the
    /// sentences linking to `page` use, 0..=1.
    pub(crate) fn coverage(&self, concepts: &[(Vec<u32>, f32)], page: usize) -> f32 {
        let total: f32 = concepts.iter().map(|(_, w)| w).sum();
        let Some(ids) = self.pages.get(page) else {
            return 0.0;
        };
        if total <= 0.0 || ids.is_empty() {
            return 0.0;
        }
        let covered: f32 = concepts
            .iter()
            .filter(|(stems, _)| stems.iter().any(|s| ids.binary_search(s).is_ok()))
            .map(|(_, w)| w)
            .sum();
        covered / total
    }

    #[cfg(test)]
    fn has(&self, page: usize, stem: &str) -> bool {
        self.ids
            .get(stem)
            .is_some_and(|id| self.pages.get(page).is_some_and(|p| p.contains(id)))
    }
}

/// The page a link leads to. Sites often serve their docs under a prefix the files do not
/// have (`/docs/volumes/overview` for `volumes/overview.html.md`), so when the target as
/// written is no page, leading segments are dropped until one is.
fn target(by_path: &HashMap<&str, usize>, source_file: &str, link: &str) -> Option<usize> {
    let candidates = resolve_link(source_file, link)?;
    candidates.iter().find_map(|candidate| {
        let mut rest = candidate.as_str();
        loop {
            if let Some(&page) = by_path.get(rest) {
                return Some(page);
            }
            let (_, tail) = rest.split_once('/')?;
            rest = tail;
        }
    })
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::markdown;

    fn page(file: &str, path: &str, text: &str) -> LoadedPage {
        markdown::load(file, path, text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn the_page_others_link_to_has_the_most_authority() {
        let pages = vec![
            page(
                "guides/a.md",
                "guides/a",
                "# A\n\nSee [volumes](/docs/volumes).\n",
            ),
            page(
                "guides/b.md",
                "guides/b",
                "# B\n\nSee [volumes](../volumes.md) and [a](a).\n",
            ),
            page(
                "volumes.md",
                "volumes",
                "# Volumes\n\nSelf [link](/volumes).\n",
            ),
        ];
        let signals = compute(&crate::index::analyzer(), &pages);
        assert!((signals[2].authority - 1.0).abs() < 1e-6);
        assert!(signals[0].authority > 0.0 && signals[0].authority < 1.0);
        assert!(signals[1].authority.abs() < 1e-6);
        assert!(signals[2].name.contains("volum"));
        assert_eq!(signals[1].links_to, vec![0, 2]);
    }

    #[test]
    fn a_sub_page_inherits_part_of_its_parents_authority() {
        let pages = vec![
            page(
                "guides/a.md",
                "guides/a",
                "# A\n\n[v](/volumes) [r](/volumes/reference)\n",
            ),
            page("guides/b.md", "guides/b", "# B\n\n[v](/volumes)\n"),
            page("volumes.md", "volumes", "# Volumes\n"),
            page(
                "volumes/reference.md",
                "volumes/reference",
                "# Volumes reference\n",
            ),
            page("volumes/deep/page.md", "volumes/deep/page", "# Deep\n"),
        ];
        let signals = compute(&crate::index::analyzer(), &pages);
        assert!((signals[2].authority - 1.0).abs() < 1e-6);
        // Linked from one page of the two the most linked page has: its own ln 2 / ln 3 wins.
        let own = 2f32.ln() / 3f32.ln();
        assert!((signals[3].authority - own.max(INHERITED_AUTHORITY)).abs() < 1e-6);
        // The nearest ancestor page is `volumes` (there is no `volumes/deep`).
        assert!((signals[4].authority - INHERITED_AUTHORITY).abs() < 1e-6);
        assert!(signals[0].authority.abs() < 1e-6);
    }

    #[test]
    fn a_page_is_described_by_the_sentences_linking_to_it() {
        let pages = vec![
            page(
                "guides/a.md",
                "guides/a",
                "# A\n\nUse [watch paths](/builds#watch) to skip deploys when other folders change.\n",
            ),
            page(
                "builds.md",
                "builds",
                "# Builds\n\nSee [myself](/builds) for redeploys.\n",
            ),
        ];
        let context = LinkContext::default();
        let words = context.get(&crate::index::analyzer(), &pages);
        assert!(words.has(1, "folder") && words.has(1, "skip"));
        // Neither the link's own text nor a page's links to itself count.
        assert!(!words.has(1, "watch") && !words.has(1, "redeploy"));
        assert!(words.pages[0].is_empty());
        let concepts = [
            Concept {
                stems: vec!["folder".to_string()],
                weight: 3.0,
            },
            Concept {
                stems: vec!["absent".to_string()],
                weight: 1.0,
            },
        ];
        let ids = words.concepts(&concepts);
        assert!((words.coverage(&ids, 1) - 0.75).abs() < 1e-6);
        assert!(words.coverage(&ids, 0).abs() < 1e-6);
    }
}
