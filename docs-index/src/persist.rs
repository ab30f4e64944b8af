//! The index kept on disk between runs (`INDEX_DIR`): one file whose header names the
//! exact docs it was built from, so an unchanged docs folder is opened instead of indexed
//! again, and a changed, damaged or outdated file is rebuilt, never served.
//!
//! Layout of `<dir>/docs-index.bin`: magic, [`SCHEMA_VERSION`], the 32-byte docs key,
//! the body's length, the body (`store`), and the CRC-32 of the body. The key is a
//! SHA-256 over the schema version, tantivy's version, the stop words and every page
//! file's path and text; a start computes it from the files it read and compares. The
//! file is read and opened while the docs are read and hashed, then used only if the
//! keys match.
//! Writes go to a temporary file in the same folder that is renamed over the old one,
//! so a reader sees the old file or the new one, never half of either.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::index::{self, SearchIndex};
use crate::markdown::LoadedPage;
use crate::store::{self, Reader};

/// Bump whenever what goes into the index changes (schema, analyzer, section split,
/// the stored page format), so files written by an older build are rebuilt.
pub const SCHEMA_VERSION: u32 = 2;

/// First bytes of every index file.
const MAGIC: &[u8; 8] = b"HLDOCIX\0";

/// Name of the index file inside the index folder.
pub const FILE_NAME: &str = "docs-index.bin";

/// Identifies one exact set of docs for one index format.
pub(crate) type Key = [u8; 32];

/// Why an index was built instead of opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RebuildReason {
    /// There was no index file yet.
    Missing,
    /// The docs (or the index format) changed since the file was written.
    Changed,
    /// The file could not be read or failed its checks; the text says how.
    Corrupt(String),
}

impl std::fmt::Display for RebuildReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Missing => f.write_str("no saved index yet"),
            Self::Changed => f.write_str("the docs changed since the index was saved"),
            Self::Corrupt(why) => write!(f, "the saved index is unusable ({why})"),
        }
    }
}

/// Where the served index came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum IndexOrigin {
    /// Built in memory; no index folder was configured.
    #[default]
    Built,
    /// Opened from the index folder without indexing.
    Opened,
    /// Built because the saved one could not be used, then saved (unless `save_error`).
    Rebuilt {
        reason: RebuildReason,
        save_error: Option<String>,
    },
}

/// The key of a set of page files, sorted by file path.
pub(crate) fn key<'a>(files: impl Iterator<Item = (&'a str, &'a str)>) -> Key {
    let mut hash = Sha256::new();
    hash.update(b"hostless docs index\0");
    hash.update(SCHEMA_VERSION.to_le_bytes());
    hash.update(tantivy::version_string().as_bytes());
    hash.update([0]);
    for word in crate::index::stop_words() {
        hash.update(word.as_bytes());
        hash.update([0]);
    }
    for (file, text) in files {
        // Lengths first, so no two different file lists hash the same bytes.
        hash.update((file.len() as u64).to_le_bytes());
        hash.update(file.as_bytes());
        hash.update((text.len() as u64).to_le_bytes());
        hash.update(text.as_bytes());
    }
    hash.finalize().into()
}

/// What a saved index file held, opened: the key it was saved for, its pages and the
/// tantivy index over them. Usable only if `key` matches the docs being served.
pub(crate) struct Opened {
    pub key: Key,
    /// Some without their Markdown yet: see [`Opened::into_pages`].
    pages: Vec<LoadedPage>,
    in_source: Vec<Option<usize>>,
    pub skipped: Vec<(String, String)>,
    pub search: SearchIndex,
}

/// An opened index's pages (with their Markdown), skipped files and search index.
pub(crate) type OpenedParts = (Vec<LoadedPage>, Vec<(String, String)>, SearchIndex);

impl Opened {
    /// The pages as saved; the Markdown of most is still missing (see [`Opened::into_pages`]).
    pub fn pages(&self) -> &[LoadedPage] {
        &self.pages
    }

    /// The pages, each with its Markdown, which most take from their page file's text (`text_of`, by path): the
    /// saved index stores where in the file it starts rather than a second copy. Call only once [`Opened::key`]
    /// matched the docs, so the texts are the ones the index was saved from.
    pub fn into_pages<'t>(
        mut self,
        text_of: impl Fn(&str) -> Option<&'t str>,
    ) -> Result<OpenedParts, RebuildReason> {
        store::fill_markdown(&mut self.pages, &self.in_source, text_of)
            .map_err(RebuildReason::Corrupt)?;
        Ok((self.pages, self.skipped, self.search))
    }
}

fn file_path(dir: &Path) -> PathBuf {
    dir.join(FILE_NAME)
}

/// Reads, checks and opens the index saved in `dir`, whatever docs it was saved for: the
/// caller compares [`Opened::key`] with the key of the docs it read. Split from that
/// comparison so the two can run at the same time. `Err` says why it cannot be used.
pub(crate) fn read(dir: &Path) -> Result<Opened, RebuildReason> {
    let data = match fs::read(file_path(dir)) {
        Ok(data) => data,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(RebuildReason::Missing);
        }
        Err(e) => return Err(RebuildReason::Corrupt(format!("cannot read it: {e}"))),
    };
    let corrupt = RebuildReason::Corrupt;
    let mut r = Reader::new(&data);
    if r.take(MAGIC.len()).map_err(corrupt)? != MAGIC {
        return Err(RebuildReason::Corrupt("not an index file".to_string()));
    }
    let version = r.take(4).map_err(corrupt)?;
    if version != SCHEMA_VERSION.to_le_bytes() {
        return Err(RebuildReason::Changed);
    }
    let key: Key = r
        .take(32)
        .map_err(corrupt)?
        .try_into()
        .map_err(|_| RebuildReason::Corrupt("the file ends early".to_string()))?;
    let body = r.bytes().map_err(corrupt)?;
    let crc = r.take(4).map_err(corrupt)?;
    if !r.is_empty() {
        return Err(RebuildReason::Corrupt(
            "bytes after the checksum".to_string(),
        ));
    }
    if crc != crc32fast::hash(body).to_le_bytes() {
        return Err(RebuildReason::Corrupt("checksum mismatch".to_string()));
    }
    let body = store::decode(body).map_err(corrupt)?;
    let search = index::open(&body.files).map_err(corrupt)?;
    Ok(Opened {
        key,
        pages: body.pages,
        in_source: body.in_source,
        skipped: body.skipped,
        search,
    })
}

/// Writes the index for `key` into `dir` atomically (temporary file, then rename).
pub(crate) fn save<'t>(
    dir: &Path,
    key: &Key,
    pages: &[LoadedPage],
    skipped: &[(String, String)],
    files: &[(String, Vec<u8>)],
    text_of: impl Fn(&str) -> Option<&'t str>,
) -> std::io::Result<()> {
    fs::create_dir_all(dir)?;
    let body = store::encode(pages, skipped, files, text_of);
    let mut header = store::Writer::default();
    header.buf.extend_from_slice(MAGIC);
    header.buf.extend_from_slice(&SCHEMA_VERSION.to_le_bytes());
    header.buf.extend_from_slice(key);
    header.u64(body.len() as u64);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let temp = dir.join(format!(".{FILE_NAME}.{}.{nanos}.tmp", std::process::id()));
    let written = (|| {
        let mut file = fs::File::create(&temp)?;
        file.write_all(&header.buf)?;
        file.write_all(&body)?;
        file.write_all(&crc32fast::hash(&body).to_le_bytes())?;
        file.sync_all()?;
        fs::rename(&temp, file_path(dir))
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}
