//! How well a page's name (title and path) covers the question: the re-ranking signal.
//!
//! BM25 over whole sections favours long pages that mention every word somewhere (guides,
//! comparisons); the page whose *name* is the question's subject is usually the answer. So
//! candidates from tantivy are re-scored by the share of the question's concepts their title
//! or path contains, and by the share of the title the question accounts for.

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

/// `(share of concepts the name covers, share of the title the question asks for)`, 0..=1,
/// both weighted by `weight` (IDF), so `railway` or `using` in a title count for little.
pub(crate) fn coverage(
    concepts: &[Concept],
    name: &HashSet<String>,
    title: &[String],
    mut weight: impl FnMut(&str) -> f32,
) -> (f32, f32) {
    if concepts.is_empty() {
        return (0.0, 0.0);
    }
    let total: f32 = concepts.iter().map(|c| c.weight).sum();
    let covered: f32 = concepts
        .iter()
        .filter(|c| c.stems.iter().any(|s| name.contains(s)))
        .map(|c| c.weight)
        .sum();
    let of_question = if total > 0.0 { covered / total } else { 0.0 };
    let asked: HashSet<&str> = concepts
        .iter()
        .flat_map(|c| c.stems.iter().map(String::as_str))
        .collect();
    let (mut title_total, mut title_asked) = (0.0, 0.0);
    for stem in title {
        let w = weight(stem);
        title_total += w;
        if asked.contains(stem.as_str()) {
            title_asked += w;
        }
    }
    let of_title = if title_total > 0.0 {
        title_asked / title_total
    } else {
        0.0
    };
    (of_question, of_title)
}
