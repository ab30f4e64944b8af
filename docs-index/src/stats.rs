//! BM25 statistics for one search, each looked up once.
//!
//! A search asks for the same document frequencies several times: to leave out clauses
//! on words no document has, for every term and phrase weight tantivy builds, for the
//! snippet weights and the concepts' IDF. Each answer is a term-dictionary lookup per
//! segment. tantivy takes its statistics from any [`Bm25StatisticsProvider`], so this one
//! answers from the searcher once and then from memory: the same numbers, so the same
//! scores.

use std::cell::RefCell;

use rustc_hash::FxHashMap;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// The searcher's statistics, remembered for the life of one search (one thread).
pub(crate) struct SearchStats<'s> {
    searcher: &'s Searcher,
    doc_freqs: RefCell<FxHashMap<Term, u64>>,
    tokens: RefCell<Vec<(Field, u64)>>,
    docs: RefCell<Option<u64>>,
}

impl<'s> SearchStats<'s> {
    pub(crate) fn new(searcher: &'s Searcher) -> Self {
        Self {
            searcher,
            doc_freqs: RefCell::default(),
            tokens: RefCell::default(),
            docs: RefCell::default(),
        }
    }

    /// Documents with `text` in `field`.
    pub(crate) fn doc_freq_of(&self, field: Field, text: &str) -> tantivy::Result<u64> {
        self.doc_freq(&Term::from_field_text(field, text))
    }
}

impl Bm25StatisticsProvider for SearchStats<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        if let Some((_, n)) = self.tokens.borrow().iter().find(|(f, _)| *f == field) {
            return Ok(*n);
        }
        let n = self.searcher.total_num_tokens(field)?;
        self.tokens.borrow_mut().push((field, n));
        Ok(n)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        if let Some(n) = *self.docs.borrow() {
            return Ok(n);
        }
        let n = self.searcher.total_num_docs()?;
        *self.docs.borrow_mut() = Some(n);
        Ok(n)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        if let Some(n) = self.doc_freqs.borrow().get(term) {
            return Ok(*n);
        }
        let n = self.searcher.doc_freq(term)?;
        self.doc_freqs.borrow_mut().insert(term.clone(), n);
        Ok(n)
    }
}
