//! Choosing a hit's snippet fragment: the same choice as tantivy's `SnippetGenerator`, for less work per word.
//!
//! tantivy runs every word of the text through the whole analyzer chain (tokenizer, length filter, lowercasing,
//! stop words, stemming), then lowercases the stem once more into a new `String` to look it up in a `BTreeMap`
//! of the query's terms. Snippet windows were about a fifth of a `docs_search` request's CPU (perf, bench/README).
//! The analysis of one word depends on that word alone (each filter looks at one token), so here a word's final
//! form is memoised per thread, keyed by the word as it appears in the text: a word seen before costs one hash
//! lookup. The fragment rules below are tantivy 0.27's `search_fragments` and `select_best_fragment_combination`
//! step for step, so scores add up in the same order and ties break the same way; a test checks the two agree.

use std::cell::RefCell;
use std::cmp::Ordering;
use std::ops::Range;

use rustc_hash::FxHashMap;
use tantivy::tokenizer::TextAnalyzer;

/// Words remembered per thread. A snippet window is a few hundred characters around a hit, so the words searches
/// see are those near matches; past this many the memo starts over, bounding it to well under 1 MB per thread.
const MAX_WORDS: usize = 8_192;

thread_local! {
    /// Word as written -> its analysed, lowercased form, or `None` when the analyzer drops it (stop word, too long).
    static WORDS: RefCell<FxHashMap<Box<str>, Option<Box<str>>>> = RefCell::new(FxHashMap::default());
}

/// The chosen fragment of a text: its byte range and its highlighted words' ranges, relative to the fragment.
pub(crate) struct Fragment {
    pub range: Range<usize>,
    pub highlighted: Vec<Range<usize>>,
}

struct Candidate {
    score: f32,
    start: usize,
    stop: usize,
    highlighted: Vec<Range<usize>>,
}

impl Candidate {
    fn new(start: usize) -> Self {
        Self {
            score: 0.0,
            start,
            stop: start,
            highlighted: Vec::new(),
        }
    }
}

/// The analysed form of `word` (a maximal alphanumeric run), as tantivy's snippet lookup sees it.
fn analysed(analyzer: &mut TextAnalyzer, word: &str) -> Option<Box<str>> {
    let mut stream = analyzer.token_stream(word);
    if !stream.advance() {
        return None;
    }
    Some(stream.token().text.to_lowercase().into_boxed_str())
}

/// Calls `each(offset_from, offset_to, word)` for each alphanumeric run of `text`, as tantivy's `SimpleTokenizer`
/// splits it (`char::is_alphanumeric`). An ASCII byte is judged as it is; only other characters are decoded.
fn for_each_word(text: &str, mut each: impl FnMut(usize, usize, &str)) {
    let bytes = text.as_bytes();
    let mut start = None;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let (alphanumeric, width) = if byte.is_ascii() {
            (byte.is_ascii_alphanumeric(), 1)
        } else {
            match text.get(at..).and_then(|rest| rest.chars().next()) {
                Some(c) => (c.is_alphanumeric(), c.len_utf8()),
                None => break,
            }
        };
        match (alphanumeric, start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                each(from, at, text.get(from..at).unwrap_or_default());
                start = None;
            }
            _ => {}
        }
        at += width;
    }
    if let Some(from) = start {
        each(from, text.len(), text.get(from..).unwrap_or_default());
    }
}

/// The best fragment of at most `max_bytes` of `text` for the weighted `terms` (analysed forms), or `None` when
/// no term occurs (tantivy's empty snippet).
pub(crate) fn best_fragment(
    analyzer: &TextAnalyzer,
    text: &str,
    terms: &[(String, f32)],
    max_bytes: usize,
) -> Option<Fragment> {
    let mut fragments: Vec<Candidate> = Vec::new();
    let mut fragment = Candidate::new(0);
    // Cloned on the first word not seen yet (a clone copies the analyzer chain).
    let mut analyzer_copy: Option<TextAnalyzer> = None;
    WORDS.with_borrow_mut(|words| {
        for_each_word(text, |from, to, word| {
            let weight = {
                let form = match words.get(word) {
                    Some(form) => form,
                    None => {
                        if words.len() >= MAX_WORDS {
                            words.clear();
                        }
                        words.entry(word.into()).or_insert_with(|| {
                            analysed(analyzer_copy.get_or_insert_with(|| analyzer.clone()), word)
                        })
                    }
                };
                // A dropped word is no token: it neither opens a fragment nor extends one.
                let Some(form) = form.as_deref() else {
                    return;
                };
                terms
                    .iter()
                    .find(|(term, _)| term.as_str() == form)
                    .map(|(_, w)| *w)
            };
            if to - fragment.start > max_bytes {
                let done = std::mem::replace(&mut fragment, Candidate::new(from));
                if done.score > 0.0 {
                    fragments.push(done);
                }
            }
            fragment.stop = to;
            if let Some(weight) = weight {
                fragment.score += weight;
                fragment.highlighted.push(from..to);
            }
        });
    });
    if fragment.score > 0.0 {
        fragments.push(fragment);
    }
    let best = fragments.iter().max_by(|left, right| {
        match left
            .score
            .partial_cmp(&right.score)
            .unwrap_or(Ordering::Equal)
        {
            Ordering::Equal => (right.start, right.stop).cmp(&(left.start, left.stop)),
            other => other,
        }
    })?;
    Some(Fragment {
        range: best.start..best.stop,
        highlighted: best
            .highlighted
            .iter()
            .map(|r| r.start - best.start..r.end - best.start)
            .collect(),
    })
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing, clippy::unwrap_used)]
mod tests {
    use std::collections::BTreeMap;

    use tantivy::schema::{Schema, TEXT};
    use tantivy::snippet::SnippetGenerator;

    use super::*;

    fn tantivy_choice(
        text: &str,
        terms: &[(String, f32)],
        max: usize,
    ) -> (String, Vec<Range<usize>>) {
        let mut schema = Schema::builder();
        let field = schema.add_text_field("body", TEXT);
        let _ = schema.build();
        let weights: BTreeMap<String, f32> = terms.iter().cloned().collect();
        let generator = SnippetGenerator::new(weights, crate::index::query_analyzer(), field, max);
        let snippet = generator.snippet(text);
        (
            snippet.fragment().to_string(),
            snippet.highlighted().to_vec(),
        )
    }

    fn ours(text: &str, terms: &[(String, f32)], max: usize) -> (String, Vec<Range<usize>>) {
        match best_fragment(&crate::index::query_analyzer(), text, terms, max) {
            Some(f) => (text[f.range].to_string(), f.highlighted),
            None => (String::new(), Vec::new()),
        }
    }

    #[test]
    fn chooses_what_tantivy_chooses() {
        let texts = [
            "TLS certificates are issued for every custom domain. A certificate renews itself; \
             the domain's DNS must point at us. Certificates, certificates everywhere — and the \
             Certificate Authority is Let's Encrypt. Ünïcödé wörds and ΣΊΣΥΦΟΣ stay; a \
             veryveryveryveryveryveryveryveryverylongword certificate is long.",
            "",
            "no match here at all",
            "certificate",
            "the and of certificate domain domain domain certificate the",
            "Σ certificates ΣΑΣ domains 12 tls TLS tLs",
        ];
        let term_sets = [
            vec![("certif".to_string(), 0.5), ("tls".to_string(), 0.25)],
            vec![("domain".to_string(), 0.1)],
            vec![("domain".to_string(), 0.1), ("certif".to_string(), 0.1)],
            vec![("absent".to_string(), 1.0)],
            vec![("σασ".to_string(), 1.0), ("12".to_string(), 0.3)],
        ];
        for text in texts {
            for terms in &term_sets {
                for max in [10, 30, 60, 200] {
                    // Twice: the second pass answers from the memo.
                    for _ in 0..2 {
                        assert_eq!(
                            ours(text, terms, max),
                            tantivy_choice(text, terms, max),
                            "{text:?} {terms:?} {max}"
                        );
                    }
                }
            }
        }
    }
}
