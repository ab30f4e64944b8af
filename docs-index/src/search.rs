//! Query building, section-to-page grouping and snippets.
//!
//! The user's text is never handed to tantivy's query parser: it is run
//! through the same analyzer as the documents and turned into term queries,
//! so quotes, colons, `AND` or unbalanced parentheses cannot fail a search.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use tantivy::collector::TopDocs;
use tantivy::query::{
    BooleanQuery, BoostQuery, DisjunctionMaxQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use crate::coverage::{self, Concept};
use crate::fillers;
use crate::index::{PAGE_FIELD, SECTION_FIELD, SearchIndex, WHOLE_PAGE};
use crate::interface;
use crate::markdown::LoadedPage;
use crate::plain;
use crate::signals::{LinkContext, PageSignals};
use crate::stats::SearchStats;
use crate::synonyms;
use crate::{Hit, SearchError};

/// Snippet length in characters (before `**` markers are added).
const SNIPPET_CHARS: usize = 200;

/// Hard cap on a snippet with its markers (SPEC §4.2).
const SNIPPET_MAX_CHARS: usize = 240;

/// Adjacent-word matches count on top of the individual words.
const PHRASE_BOOST: f32 = 1.5;

/// A rejoined compound is strong evidence, but it is a guess.
const COMPOUND_WEIGHT: f32 = 0.8;

/// The whole-page document's share of a page's score.
const WHOLE_PAGE_WEIGHT: f32 = 0.5;

/// A synonym's weight next to the user's own word (equal: 0.5 measured lower on every corpus).
const SYNONYM_WEIGHT: f32 = 1.0;

/// Share of the weaker alternatives in a word-or-synonyms disjunction.
const SYNONYM_TIE_BREAKER: f32 = 0.1;

/// Re-ranking: how much a page gains when its name (title, path) covers all of the
/// question's concepts.
const NAME_COVERAGE_BOOST: f32 = 1.0;

/// Re-ranking: how much a page gains from other pages linking to it (0..=1 authority, see
/// `signals.rs`). Separates a canonical page from its guide and CLI twins.
const AUTHORITY_BOOST: f32 = 0.5;

/// Re-ranking: a CLI or API reference page's share when the question does not name its interface
/// (see `interface.rs`).
const INTERFACE_PENALTY: f32 = 0.7;

/// Re-ranking: how much a page gains when the sentences other pages link to it from use all
/// of the question's concepts (0.1 and 0.2 measured within a question of 0.15).
const LINK_CONTEXT_BOOST: f32 = 0.15;

/// How many of the best pages by text score are re-ranked by name coverage.
const RERANK_DEPTH: usize = 40;

#[derive(Default)]
struct PageScore {
    page: usize,
    best_section: Option<(f32, usize)>,
    whole_page: f32,
    score: f32,
}

/// Re-ranking: how many of the best pages endorse the pages they link to, and how much a
/// page endorsed by pages as strong as the top one gains (tried 0.3–1.0 with 5 or 10 pages).
const ENDORSING_PAGES: usize = 10;
const ENDORSEMENT_BOOST: f32 = 0.6;

/// Links among the best candidates: a page the other strong answers link to is the page
/// they defer to on this topic (a guide links to the reference it summarises). Each of the
/// best `ENDORSING_PAGES` pages lends its share of the top score to the candidates it links
/// to. `pages` must be sorted best first.
fn endorse(pages: &mut [PageScore], signals: &[PageSignals]) {
    let Some(top) = pages.first().map(|p| p.score) else {
        return;
    };
    if top <= 0.0 {
        return;
    }
    let voters: Vec<(usize, f32)> = pages
        .iter()
        .take(ENDORSING_PAGES)
        .map(|p| (p.page, p.score / top))
        .collect();
    for entry in pages.iter_mut() {
        let votes: f32 = voters
            .iter()
            .filter(|(voter, _)| {
                *voter != entry.page
                    && signals
                        .get(*voter)
                        .is_some_and(|s| s.links_to.binary_search(&entry.page).is_ok())
            })
            .map(|(_, share)| share)
            .sum();
        entry.score *= 1.0 + ENDORSEMENT_BOOST * votes.min(1.0);
    }
}

fn search_error(error: tantivy::TantivyError) -> SearchError {
    SearchError::Tantivy(error.to_string())
}

/// Analyzed query terms with their token positions (gaps where stop words were).
fn analyze(index: &SearchIndex, query: &str) -> Vec<(usize, String)> {
    let mut analyzer = index.analyzer.clone();
    let mut stream = analyzer.token_stream(query);
    let mut terms = Vec::new();
    while stream.advance() {
        let token = stream.token();
        terms.push((token.position, token.text.clone()));
    }
    terms
}

/// Words of the raw query, lowercased but not stemmed or stop-filtered, used
/// to rejoin split compounds (`log in` → `login`, `health check` → `healthcheck`).
fn raw_words(query: &str) -> Vec<String> {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Inverse document frequency of a stem in section bodies: how telling the word is.
fn idf(index: &SearchIndex, searcher: &Searcher, stats: &SearchStats, stem: &str) -> f32 {
    let docs = searcher.num_docs().max(1) as f32;
    let doc_freq = stats.doc_freq_of(index.fields.body, stem).unwrap_or(0) as f32;
    (1.0 + docs / (1.0 + doc_freq)).ln()
}

/// The question's concepts: each asked word's stem with the stems of its synonyms.
fn concepts(
    index: &SearchIndex,
    searcher: &Searcher,
    stats: &SearchStats,
    words: &[String],
) -> Vec<Concept> {
    let mut concepts: Vec<Concept> = Vec::new();
    for word in words {
        let stems = coverage::stems(&index.analyzer, word);
        if stems.is_empty() || concepts.iter().any(|c| c.stems.first() == stems.first()) {
            continue;
        }
        let mut all = stems;
        for expansion in synonyms::expand(std::slice::from_ref(word)) {
            all.extend(coverage::stems(&index.analyzer, expansion));
        }
        let weight = all
            .first()
            .map_or(0.0, |stem| idf(index, searcher, stats, stem));
        concepts.push(Concept { stems: all, weight });
    }
    concepts
}

/// Whether any document has `text` in `field`. A clause on a term no document has scores
/// nothing, so leaving it out changes no score; it saves building its weight and scorers.
fn occurs(stats: &SearchStats, field: Field, text: &str) -> bool {
    stats.doc_freq_of(field, text).map_or(true, |n| n > 0)
}

/// `text` in every weighted field where it occurs; `None` when it occurs in none.
fn term_clause(
    index: &SearchIndex,
    stats: &SearchStats,
    text: &str,
    weight: f32,
) -> Option<Box<dyn Query>> {
    let per_field: Vec<(Occur, Box<dyn Query>)> = index
        .fields
        .weighted()
        .iter()
        .filter(|(field, _)| occurs(stats, *field, text))
        .map(|(field, boost)| {
            let term = TermQuery::new(
                Term::from_field_text(*field, text),
                IndexRecordOption::WithFreqs,
            );
            (
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(term), *boost * weight)) as Box<dyn Query>,
            )
        })
        .collect();
    if per_field.is_empty() {
        return None;
    }
    Some(Box::new(BooleanQuery::new(per_field)))
}

fn build_query(
    index: &SearchIndex,
    stats: &SearchStats,
    words: &[String],
    terms: &[(usize, String)],
) -> Box<dyn Query> {
    let mut seen: Vec<String> = Vec::new();
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    // Each raw word's stems, analysed once rather than once per query term.
    let word_stems: Vec<Vec<(usize, String)>> = words.iter().map(|w| analyze(index, w)).collect();
    for (_, text) in terms {
        if seen.contains(text) {
            continue;
        }
        seen.push(text.clone());
        // A word and its synonyms are one disjunction: a page using both (`postgres` and
        // `postgresql`) must not score the concept twice.
        let mut alternatives = vec![term_clause(index, stats, text, 1.0)];
        for (word, _) in words
            .iter()
            .zip(&word_stems)
            .filter(|(_, stems)| stems.iter().any(|(_, t)| t == text))
        {
            for expansion in synonyms::expand(std::slice::from_ref(word)) {
                for (_, synonym) in analyze(index, expansion) {
                    if !seen.contains(&synonym) {
                        alternatives.push(term_clause(index, stats, &synonym, SYNONYM_WEIGHT));
                        seen.push(synonym);
                    }
                }
            }
        }
        // The shape (one clause or a disjunction) follows from what was asked; alternatives
        // no document matches are then left out, which changes no score.
        let single = alternatives.len() == 1;
        let mut alternatives: Vec<Box<dyn Query>> = alternatives.into_iter().flatten().collect();
        let clause: Box<dyn Query> = if single {
            let Some(only) = alternatives.pop() else {
                continue;
            };
            only
        } else if alternatives.is_empty() {
            continue;
        } else {
            Box::new(DisjunctionMaxQuery::with_tie_breaker(
                alternatives,
                SYNONYM_TIE_BREAKER,
            ))
        };
        clauses.push((Occur::Should, clause));
    }
    for pair in words.windows(2) {
        let [first, second] = pair else { continue };
        let joined = format!("{first}{second}");
        for (_, text) in analyze(index, &joined) {
            if !seen.contains(&text) {
                if let Some(clause) = term_clause(index, stats, &text, COMPOUND_WEIGHT) {
                    clauses.push((Occur::Should, clause));
                }
                seen.push(text);
            }
        }
    }
    // Two-word triggers (`sign in`, `env var`) add their expansion as a clause of its own.
    for expansion in synonyms::expand(words) {
        for (_, text) in analyze(index, expansion) {
            if !seen.contains(&text) {
                if let Some(clause) = term_clause(index, stats, &text, SYNONYM_WEIGHT) {
                    clauses.push((Occur::Should, clause));
                }
                seen.push(text);
            }
        }
    }
    for pair in terms.windows(2) {
        let [(p1, t1), (p2, t2)] = pair else { continue };
        if t1 == t2 {
            continue;
        }
        for field in [index.fields.body, index.fields.section, index.fields.title] {
            if !occurs(stats, field, t1) || !occurs(stats, field, t2) {
                continue;
            }
            let phrase = PhraseQuery::new_with_offset_and_slop(
                vec![
                    (0, Term::from_field_text(field, t1)),
                    (p2 - p1, Term::from_field_text(field, t2)),
                ],
                1,
            );
            clauses.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(phrase), PHRASE_BOOST)),
            ));
        }
    }
    Box::new(BooleanQuery::new(clauses))
}

/// Runs `query` and groups section hits into at most `limit` pages.
pub(crate) fn search(
    index: &SearchIndex,
    pages: &[LoadedPage],
    signals: &[PageSignals],
    link_context: &LinkContext,
    query: &str,
    limit: usize,
) -> Result<Vec<Hit>, SearchError> {
    let terms = fillers::drop_from_terms(analyze(index, query), |word| {
        analyze(index, word).into_iter().map(|(_, t)| t).collect()
    });
    if terms.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let searcher = index.reader.searcher();
    let stats = SearchStats::new(&searcher);
    // The query's raw words feed the query, the concepts and the interface check alike.
    let words: Vec<String> = raw_words(query)
        .into_iter()
        .filter(|w| !fillers::is_filler(w))
        .collect();
    let tantivy_query = build_query(index, &stats, &words, &terms);
    let candidates = limit.saturating_mul(20).max(200);
    let top = searcher
        .search_with_statistics_provider(
            &*tantivy_query,
            &TopDocs::with_limit(candidates).order_by_score(),
            &stats,
        )
        .map_err(search_error)?;

    // A page is represented by its best section plus a share of its whole-page document.
    // Its other matching sections used to add a little too; that favoured long guides that
    // touch a topic in many sections over the page about it, and measured lower everywhere.
    let mut pages_seen: Vec<PageScore> = Vec::new();
    // Fx: SipHash of a page number cost more than the rest of the grouping.
    let mut position: FxHashMap<usize, usize> = FxHashMap::default();
    // Opening a fast-field column looks it up by name and allocates: do it once per
    // segment, not once per candidate.
    let mut columns = Vec::with_capacity(searcher.segment_readers().len());
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        columns.push((
            fast.u64(PAGE_FIELD).map_err(search_error)?,
            fast.u64(SECTION_FIELD).map_err(search_error)?,
        ));
    }
    for (score, address) in top {
        let Some((page_column, section_column)) = columns.get(address.segment_ord as usize) else {
            continue;
        };
        let (Some(page), Some(section)) = (
            page_column.first(address.doc_id),
            section_column.first(address.doc_id),
        ) else {
            continue;
        };
        let page = page as usize;
        let at = *position.entry(page).or_insert_with(|| {
            pages_seen.push(PageScore {
                page,
                ..PageScore::default()
            });
            pages_seen.len() - 1
        });
        let Some(entry) = pages_seen.get_mut(at) else {
            continue;
        };
        if section == WHOLE_PAGE {
            entry.whole_page = score;
        } else if entry.best_section.is_none() {
            entry.best_section = Some((score, section as usize));
        }
    }
    for entry in &mut pages_seen {
        entry.score = entry.best_section.map_or(0.0, |(score, _)| score)
            + WHOLE_PAGE_WEIGHT * entry.whole_page;
    }
    pages_seen.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.page.cmp(&b.page)));
    // At most doubling a score cannot lift a page from far below, so only the head is
    // re-ranked, which keeps the per-query analysis of titles small.
    pages_seen.truncate(limit.saturating_mul(3).max(RERANK_DEPTH));
    let concepts = concepts(index, &searcher, &stats, &words);
    let link_words = link_context.get(&index.analyzer, pages);
    let link_concepts = link_words.concepts(&concepts);
    let interfaces_asked = interface::asked(&words);
    for entry in &mut pages_seen {
        if let Some(page) = signals.get(entry.page) {
            let of_question = coverage::coverage(&concepts, &page.name);
            let of_links = link_words.coverage(&link_concepts, entry.page);
            entry.score *= (1.0 + NAME_COVERAGE_BOOST * of_question)
                * (1.0 + AUTHORITY_BOOST * page.authority)
                * (1.0 + LINK_CONTEXT_BOOST * of_links);
            if page
                .interface
                .is_some_and(|kind| !interfaces_asked.contains(&kind))
            {
                entry.score *= INTERFACE_PENALTY;
            }
        }
    }
    pages_seen.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.page.cmp(&b.page)));
    endorse(&mut pages_seen, signals);
    pages_seen.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.page.cmp(&b.page)));
    pages_seen.truncate(limit);
    let best: Vec<(f32, usize, usize)> = pages_seen
        .iter()
        .map(|p| {
            (
                p.score,
                p.page,
                p.best_section.map_or(0, |(_, section)| section),
            )
        })
        .collect();

    let snippet_terms = snippet_terms(index, &stats, &terms)?;
    let hits = best
        .into_iter()
        .filter_map(|(score, page_number, section_number)| {
            let loaded = pages.get(page_number)?;
            let section = loaded.sections.get(section_number)?;
            Some(Hit {
                path: loaded.page.path.clone(),
                title: loaded.page.title.clone(),
                snippet: snippet(
                    &index.analyzer,
                    &snippet_terms,
                    &plain::tidy(focus(&section.text, &terms)),
                    &loaded.page.description,
                ),
                anchor: section.anchor.clone(),
                section: section.heading.clone(),
                score,
            })
        })
        .collect();
    Ok(hits)
}

/// The query's analysed terms with their snippet weights, one entry per term (what tantivy's
/// `SnippetGenerator` would be given).
fn snippet_terms(
    index: &SearchIndex,
    stats: &SearchStats,
    terms: &[(usize, String)],
) -> Result<Vec<(String, f32)>, SearchError> {
    let mut weights = BTreeMap::new();
    for (_, text) in terms {
        let doc_freq = stats
            .doc_freq_of(index.fields.body, text)
            .map_err(search_error)?;
        // Rarer words are the better reason to show a passage.
        weights.insert(text.clone(), 1.0 / (1.0 + doc_freq as f32));
    }
    Ok(weights.into_iter().collect())
}

/// Characters of a section handed to the snippet generator: enough for it to choose the
/// best 200-character fragment near the first match.
const SNIPPET_WINDOW: usize = 360;

/// Byte offset of the first ASCII-case-insensitive occurrence of `needle` in `haystack`.
fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    let (&first, rest) = needle.split_first()?;
    // Candidates are the places the first byte occurs in either case (memchr scans many
    // bytes at a time; this ran over whole sections for every term of every hit).
    memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), hay).find(|&at| {
        hay.get(at + 1..at + needle.len())
            .is_some_and(|tail| tail.eq_ignore_ascii_case(rest))
    })
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The part of a section worth analysing for a snippet. Tokenising and stemming whole
/// sections dominated search time, so only a window around the earliest occurrence of a
/// query stem (stems are mostly prefixes of the words they come from) is analysed; when
/// no stem occurs literally, the section's opening is used.
fn focus<'t>(text: &'t str, terms: &[(usize, String)]) -> &'t str {
    if text.len() <= SNIPPET_WINDOW {
        return text;
    }
    let first = terms
        .iter()
        .filter_map(|(_, term)| find_ignore_case(text, term))
        .min()
        .unwrap_or(0);
    let start = floor_boundary(text, first.saturating_sub(SNIPPET_WINDOW / 4));
    let end = floor_boundary(text, start + SNIPPET_WINDOW);
    // Start and end on whitespace, so no half word opens or closes the snippet.
    let start = if start == 0 {
        0
    } else {
        text[start..first.max(start)]
            .find(char::is_whitespace)
            .map_or(start, |i| start + i)
    };
    let end = if end >= text.len() {
        text.len()
    } else {
        text[start..end]
            .rfind(char::is_whitespace)
            .map_or(end, |i| start + i)
    };
    &text[start..end]
}

/// Plain-text excerpt with matched words in `**`, falling back to the
/// section's opening (or the page description) when no word matched the body.
fn snippet(
    analyzer: &tantivy::tokenizer::TextAnalyzer,
    terms: &[(String, f32)],
    text: &str,
    description: &str,
) -> String {
    let chosen = crate::snippet::best_fragment(analyzer, text, terms, SNIPPET_CHARS);
    let (fragment, highlighted) = match &chosen {
        Some(f) => (
            text.get(f.range.clone()).unwrap_or_default(),
            &f.highlighted[..],
        ),
        None => ("", &[][..]),
    };
    if fragment.trim().is_empty() {
        let source = if text.trim().is_empty() {
            description
        } else {
            text
        };
        return collapse(&plain::tidy(&plain::truncate_words(source, SNIPPET_CHARS)));
    }
    let mut marked = String::with_capacity(fragment.len() + 16);
    let mut last = 0;
    for range in highlighted {
        if range.start < last || range.end > fragment.len() {
            continue;
        }
        marked.push_str(&fragment[last..range.start]);
        marked.push_str("**");
        marked.push_str(&fragment[range.start..range.end]);
        marked.push_str("**");
        last = range.end;
    }
    marked.push_str(&fragment[last..]);
    fit(collapse(&marked))
}

/// Cuts a marked snippet to [`SNIPPET_MAX_CHARS`] at a space; a marked word holds no space,
/// so no `**` pair is split.
fn fit(snippet: String) -> String {
    if snippet.chars().count() <= SNIPPET_MAX_CHARS {
        return snippet;
    }
    let limit = snippet
        .char_indices()
        .nth(SNIPPET_MAX_CHARS - 1)
        .map_or(snippet.len(), |(i, _)| i);
    let head = &snippet[..limit];
    let cut = head.rfind(' ').unwrap_or(limit);
    format!("{}…", head[..cut].trim_end())
}

/// `text`'s words (as `split_whitespace` finds them) joined by single spaces. ASCII text, nearly
/// every snippet, is split byte by byte: decoding each character for `char::is_whitespace` was 3 %
/// of a `docs_search` request (callgrind).
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut push = |word: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    };
    if !text.is_ascii() {
        text.split_whitespace().for_each(push);
        return out;
    }
    let mut start = None;
    for (at, byte) in text.bytes().enumerate() {
        // The ASCII characters `char::is_whitespace` accepts (U+0009..=U+000D and space).
        let space = matches!(byte, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ');
        match (space, start) {
            (false, None) => start = Some(at),
            (true, Some(from)) => {
                push(text.get(from..at).unwrap_or_default());
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        push(text.get(from..).unwrap_or_default());
    }
    out
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod focus_tests {
    use super::*;

    #[test]
    fn focus_keeps_the_first_match_inside_a_bounded_window() {
        let text = format!(
            "{} TLS certificates are issued automatically. {}",
            "intro ".repeat(300),
            "tail ".repeat(300)
        );
        let window = focus(&text, &[(0, "certif".to_string())]);
        assert!(window.len() <= SNIPPET_WINDOW);
        assert!(window.contains("TLS certificates"));
        let short = "short text";
        assert_eq!(focus(short, &[(0, "x".to_string())]), short);
        let opening = focus(&text, &[(0, "absent".to_string())]);
        assert!(text.starts_with(opening));
    }

    #[test]
    fn finds_the_first_match_in_any_ascii_case() {
        assert_eq!(find_ignore_case("a TLS tls", "tls"), Some(2));
        assert_eq!(find_ignore_case("Certif", "certif"), Some(0));
        assert_eq!(find_ignore_case("cert", "certif"), None);
        assert_eq!(find_ignore_case("x", ""), None);
        assert_eq!(find_ignore_case("é Éa éa", "éa"), Some(7));
    }

    #[test]
    fn collapse_joins_the_words_split_whitespace_finds() {
        for text in [
            "",
            "  ",
            "one",
            " a\tb\nc\x0Bd\x0Ce\rf  g ",
            "x\u{a0}y \u{2003} z\u{85}",
            "**tls** certificate · ok…",
        ] {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse(text), expected, "{text:?}");
        }
    }

    #[test]
    fn windows_never_split_a_character() {
        let text = "é".repeat(1000) + " certificate";
        let window = focus(&text, &[(0, "certif".to_string())]);
        assert!(window.contains("certificate"));
    }
}
