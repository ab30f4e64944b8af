//! The English stemmer behind a per-thread memo, for the query side of the analyzer.
//!
//! A search stems every word of each hit's snippet window plus the query's words, name
//! words and synonyms; the Snowball stemmer costs a couple of thousand instructions a
//! word, and the same few thousand words of a corpus come back on every query (measured
//! with callgrind: stemming was 15 % of a search). A word always stems the same way, so
//! a stem looked up in the memo is exactly the stem the stemmer would give.
//!
//! The memo is per thread (no lock on the hot path) and bounded: past
//! [`MAX_ENTRIES`] words it starts over, so odd input cannot grow it without end.

use std::cell::RefCell;

use rustc_hash::FxHashMap;

use tantivy::tokenizer::{
    Language, RawTokenizer, Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// Words remembered per thread: a corpus of a few hundred pages has 10–30 thousand
/// distinct words; each entry costs about 100 bytes.
const MAX_ENTRIES: usize = 50_000;

struct Memo {
    /// Fx hashing: the keys are short words, SipHash's setup cost more than the lookup.
    stems: FxHashMap<String, String>,
    /// The stemmer itself, for words not seen yet: one whole word in, its stem out.
    stemmer: TextAnalyzer,
}

impl Memo {
    fn new() -> Self {
        Self {
            stems: FxHashMap::default(),
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(Language::English))
                .build(),
        }
    }

    /// Replaces `word` with its stem.
    fn stem(&mut self, word: &mut String) {
        if let Some(stem) = self.stems.get(word.as_str()) {
            word.clear();
            word.push_str(stem);
            return;
        }
        let stem = {
            let mut stream = self.stemmer.token_stream(word);
            if !stream.advance() {
                return;
            }
            stream.token().text.clone()
        };
        if self.stems.len() >= MAX_ENTRIES {
            self.stems.clear();
        }
        self.stems
            .insert(std::mem::replace(word, stem.clone()), stem);
    }
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::new());
}

/// Token filter: tantivy's English [`Stemmer`], memoised per thread.
#[derive(Clone, Copy, Default)]
pub(crate) struct MemoStemmer;

impl TokenFilter for MemoStemmer {
    type Tokenizer<T: Tokenizer> = MemoStemFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> MemoStemFilter<T> {
        MemoStemFilter { inner: tokenizer }
    }
}

#[derive(Clone)]
pub(crate) struct MemoStemFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for MemoStemFilter<T> {
    type TokenStream<'a> = MemoStemStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MemoStemStream {
            tail: self.inner.token_stream(text),
        }
    }
}

pub(crate) struct MemoStemStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for MemoStemStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let text = &mut self.tail.token_mut().text;
        MEMO.with_borrow_mut(|memo| memo.stem(text));
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
#[allow(clippy::panic, clippy::indexing_slicing)]
mod tests {
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer};

    use super::*;

    fn tokens(mut analyzer: TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        out
    }

    #[test]
    fn memoised_stems_equal_the_stemmer_s_twice_over() {
        let text = "Deploying deployments: happily configured TLS certificates, skies dying \
                    quickly; deploying again and again, generously, caresses ponies";
        let plain = || {
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(LowerCaser)
                .filter(Stemmer::new(Language::English))
                .build()
        };
        let memo = || {
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(LowerCaser)
                .filter(MemoStemmer)
                .build()
        };
        let expected = tokens(plain(), text);
        assert_eq!(tokens(memo(), text), expected);
        // The second pass answers from the memo.
        assert_eq!(tokens(memo(), text), expected);
    }
}
