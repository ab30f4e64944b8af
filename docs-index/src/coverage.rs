//! How well a page's name (title and path) covers the question: the re-ranking signal.
//!
//! BM25 over whole sections favours long pages that mention every word somewhere (guides,
//! comparisons); the page whose *name* is the question's subject is usually the answer. So
//! candidates from tantivy are re-scored by the share of the question's concepts their title
//! or path contains.

use std::collections::HashSet;

use tantivy::tokenizer::TextAnalyzer;

/// One thing the question asks about: its stem, plus stems that count as the same (synonyms).
#[derive(Debug, Clone)]
pub(crate) struct Concept {
    pub stems: Vec<String>,
    /// How telling the word is (inverse document frequency): `service` in a hosting
    /// corpus says little, `pgbouncer` says a lot.
    pub weight: f32,
}

/// Stems of `text` under the index's analyzer.
pub(crate) fn stems(analyzer: &TextAnalyzer, text: &str) -> Vec<String> {
    let mut analyzer = analyzer.clone();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// The words of a page's name: its title and its path's segments (`deployments/restart-policy`).
pub(crate) fn name_stems(analyzer: &TextAnalyzer, title: &str, path: &str) -> HashSet<String> {
    let path_words = path.replace(['/', '-', '_'], " ");
    let mut set: HashSet<String> = stems(analyzer, title).into_iter().collect();
    set.extend(stems(analyzer, &path_words));
    set
}

/// Share of the question's concepts the name covers, 0..=1, weighted by IDF, so `railway` or
/// `using` count for little. (The share of the *title* the question asks for was a second
/// signal until round 3: dropping it raised every question set.)
pub(crate) fn coverage(concepts: &[Concept], name: &HashSet<String>) -> f32 {
    let total: f32 = concepts.iter().map(|c| c.weight).sum();
    if total <= 0.0 {
        return 0.0;
    }
    let covered: f32 = concepts
        .iter()
        .filter(|c| c.stems.iter().any(|s| name.contains(s)))
        .map(|c| c.weight)
        .sum();
    covered / total
}
