//! The tantivy side: schema, analyzer, the one-shot in-memory build, the export of the
//! built index's files and the opening of saved ones in place (for `persist`).
//!
//! One tantivy document per heading section. Nothing is stored in tantivy's
//! doc store: two fast fields point back into [`crate::DocsIndex`]'s own page
//! and section vectors, which keeps memory low and lookups cheap.

use std::path::Path;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter, TextAnalyzer,
    TextAnalyzerBuilder, Tokenizer,
};

use tantivy::directory::Directory;
use tantivy::index::SegmentId;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, SegmentMeta, TantivyDocument};

use crate::IndexError;
use crate::mapped::ReadOnlyMmap;
use crate::markdown::LoadedPage;
use crate::stem_cache::MemoStemmer;

/// tantivy's minimum writer budget (its constant is not exported).
const WRITER_MEMORY_BYTES: usize = 15_000_000;

/// Name the analyzer is registered under.
const TOKENIZER: &str = "en_docs";

/// Fast-field names (the column API looks them up by name).
pub(crate) const PAGE_FIELD: &str = "page";
pub(crate) const SECTION_FIELD: &str = "section";

/// `section` value of the one whole-page document each page also gets.
pub(crate) const WHOLE_PAGE: u64 = u64::MAX;

/// Words that carry no meaning in a question about docs. Lucene's English list
/// plus the question words people and language models wrap queries in.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with", "how", "do", "does", "did", "i", "me", "my",
    "can", "could", "what", "which", "where", "why", "when", "who", "should", "would", "you",
    "your", "we", "our", "us", "am", "so", "its", "it's", "i'm", "want", "need", "way", "there's",
];

/// The stop words, for the persisted index's key (other words, other index).
pub(crate) fn stop_words() -> &'static [&'static str] {
    STOP_WORDS
}

/// The indexed text fields, with the weight each gets at query time.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    pub title: Field,
    pub headings: Field,
    pub section: Field,
    pub description: Field,
    pub body: Field,
}

impl Fields {
    /// `(field, boost)`: the title weighs most, then the description (a page's own summary
    /// of what it answers); the list of all headings weighs least, as long guides have
    /// headings on everything (weights measured with `bench/eval`, see bench/README.md).
    pub(crate) fn weighted(&self) -> [(Field, f32); 5] {
        [
            (self.title, 3.0),
            (self.section, 1.0),
            (self.headings, 0.5),
            (self.description, 2.5),
            (self.body, 1.0),
        ]
    }
}

/// The built index: kept for the life of the process.
pub(crate) struct SearchIndex {
    pub reader: IndexReader,
    pub fields: Fields,
    pub analyzer: TextAnalyzer,
}

/// The analysis up to stemming, shared by [`analyzer`] and [`query_analyzer`].
fn unstemmed() -> TextAnalyzerBuilder<impl Tokenizer> {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(StopWordFilter::remove(
            STOP_WORDS.iter().map(|w| (*w).to_string()),
        ))
}

/// `en_stem`-like analysis plus stop words, used for documents and queries alike.
pub(crate) fn analyzer() -> TextAnalyzer {
    unstemmed().filter(Stemmer::new(Language::English)).build()
}

/// [`analyzer`] with its stems memoised per thread (same tokens, see `stem_cache`): what
/// searches analyse queries, names and snippet windows with.
pub(crate) fn query_analyzer() -> TextAnalyzer {
    unstemmed().filter(MemoStemmer).build()
}

fn tantivy_error(error: tantivy::TantivyError) -> IndexError {
    IndexError::Tantivy(error.to_string())
}

/// Headings of a page listed in each of its section documents, summed over the page's
/// sections. The list is repeated in every section, so without a budget a page of n headings
/// costs n² tokens to index (3,000 headings took minutes; found by tests/fuzz.rs). A page
/// of up to 100 sections keeps its whole list of up to 200 headings, as before.
const HEADINGS_BUDGET_PER_PAGE: usize = 20_000;

/// The schema every index is built with, and its text fields. Opening a persisted
/// index compares its schema with this one, so a changed schema is never read with
/// the wrong field numbers.
fn schema() -> (Schema, Fields, Field, Field) {
    let mut builder = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        title: builder.add_text_field("title", text.clone()),
        headings: builder.add_text_field("headings", text.clone()),
        section: builder.add_text_field("section_heading", text.clone()),
        description: builder.add_text_field("description", text.clone()),
        body: builder.add_text_field("body", text),
    };
    let page_field = builder.add_u64_field(PAGE_FIELD, FAST | INDEXED);
    let section_field = builder.add_u64_field(SECTION_FIELD, FAST);
    (builder.build(), fields, page_field, section_field)
}

/// Indexes every section of every page into a RAM index and returns its reader.
pub(crate) fn build(pages: &[LoadedPage]) -> Result<SearchIndex, IndexError> {
    let (schema, fields, page_field, section_field) = schema();
    let index = Index::create_in_ram(schema);
    index.tokenizers().register(TOKENIZER, analyzer());

    // One thread and the smallest budget: the index is small, memory is not.
    let mut writer: IndexWriter<TantivyDocument> = index
        .writer_with_num_threads(1, WRITER_MEMORY_BYTES)
        .map_err(tantivy_error)?;
    for (page_number, loaded) in pages.iter().enumerate() {
        let headings = loaded
            .headings
            .iter()
            .take((HEADINGS_BUDGET_PER_PAGE / loaded.sections.len().max(1)).clamp(8, 200))
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join("\n");
        for (section_number, section) in loaded.sections.iter().enumerate() {
            let has_text = !section.text.trim().is_empty() || section.heading.is_some();
            if !has_text && section_number > 0 {
                continue;
            }
            let mut doc = TantivyDocument::default();
            doc.add_text(fields.title, &loaded.page.title);
            doc.add_text(fields.headings, &headings);
            if let Some(heading) = &section.heading {
                doc.add_text(fields.section, heading);
            }
            doc.add_text(fields.description, &loaded.page.description);
            doc.add_text(fields.body, &section.text);
            doc.add_u64(page_field, page_number as u64);
            doc.add_u64(section_field, section_number as u64);
            writer.add_document(doc).map_err(tantivy_error)?;
        }
        // The whole page once more, so a page about the topic as a whole can
        // win over a page with one section that happens to match.
        let mut doc = TantivyDocument::default();
        doc.add_text(fields.title, &loaded.page.title);
        doc.add_text(fields.headings, &headings);
        doc.add_text(fields.description, &loaded.page.description);
        for section in &loaded.sections {
            doc.add_text(fields.body, &section.text);
        }
        doc.add_u64(page_field, page_number as u64);
        doc.add_u64(section_field, WHOLE_PAGE);
        writer.add_document(doc).map_err(tantivy_error)?;
    }
    writer.commit().map_err(tantivy_error)?;
    merge_into_one(&index, &mut writer)?;
    // Waiting for merges also drops the writer and its memory arena.
    writer.wait_merging_threads().map_err(tantivy_error)?;
    reader(&index, fields)
}

/// Merges the segments the writer flushed (three for a corpus of 400 pages) into one. A
/// search builds its scorers, unions and term lookups once per segment, so one segment
/// is the cheapest to query (callgrind: see bench/README.md). Scores do not change: BM25
/// statistics are the whole index's either way, and the segments are merged in the order
/// the searcher read them, so documents keep their relative order (ties break the same).
fn merge_into_one(
    index: &Index,
    writer: &mut IndexWriter<TantivyDocument>,
) -> Result<(), IndexError> {
    let segments: Vec<SegmentId> = index
        .searchable_segment_metas()
        .map_err(tantivy_error)?
        .iter()
        .map(SegmentMeta::id)
        .collect();
    if segments.len() > 1 {
        writer.merge(&segments).wait().map_err(tantivy_error)?;
        // The merged-away segments' files would otherwise stay in the RAM directory.
        writer
            .garbage_collect_files()
            .wait()
            .map_err(tantivy_error)?;
    }
    Ok(())
}

fn reader(index: &Index, fields: Fields) -> Result<SearchIndex, IndexError> {
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .map_err(tantivy_error)?;
    Ok(SearchIndex {
        reader,
        fields,
        analyzer: query_analyzer(),
    })
}

/// The files of a built index as `(name, bytes)`: `meta.json` and every segment file.
pub(crate) fn files(search: &SearchIndex) -> Result<Vec<(String, Vec<u8>)>, IndexError> {
    let searcher = search.reader.searcher();
    let directory = searcher.index().directory();
    let mut names: Vec<String> = directory
        .list_managed_files()
        .into_iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    names.push("meta.json".to_string());
    names.sort();
    names.dedup();
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let path = Path::new(&name);
        // Files merged away are still listed until the next collection.
        if !directory.exists(path).unwrap_or(false) {
            continue;
        }
        let bytes = directory
            .atomic_read(path)
            .map_err(|e| IndexError::Tantivy(e.to_string()))?;
        out.push((name, bytes));
    }
    Ok(out)
}

/// Opens a saved index from the folder [`files`] were written to, memory-mapped where it
/// lies. `Err` is the reason it cannot be used (the caller rebuilds).
pub(crate) fn open(directory: ReadOnlyMmap) -> Result<SearchIndex, String> {
    let index = Index::open(directory).map_err(|e| e.to_string())?;
    let (schema, fields, _, _) = schema();
    if index.schema() != schema {
        return Err("the saved index has another schema".to_string());
    }
    index.tokenizers().register(TOKENIZER, analyzer());
    reader(&index, fields).map_err(|e| e.to_string())
}
