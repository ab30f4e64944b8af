//! The index kept on disk between runs (`INDEX_DIR`): an index file whose header names the
//! exact docs it was built from, and a folder of tantivy's own files beside it, so an
//! unchanged docs folder is opened instead of indexed again, and a changed, damaged or
//! outdated index is rebuilt, never served.
//!
//! Layout of `<dir>/docs-index.bin`: magic, [`SCHEMA_VERSION`], the 32-byte docs key,
//! the body's length, the body (`store`: the pages, and the name, length and CRC-32 of
//! each tantivy file), and the CRC-32 of the body. The key is a SHA-256 over the schema
//! version, tantivy's version, the stop words and every page file's path and text; a start
//! computes it from the files it read and compares. The file and the tantivy folder are
//! read, checked and opened (memory-mapped, see `mapped`) while the docs are read and
//! hashed, then used only if the keys match.
//! A save writes tantivy's files into a hidden temporary folder that is renamed to a new
//! name of its own, then the index file through a temporary file renamed over the old one:
//! the index file is the commit point, so a reader sees the old index or the new one, and a
//! crash mid-save leaves at most a folder nothing names (removed by the next save).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest as _, Sha256};

use tantivy::directory::{Directory, MmapDirectory, OwnedBytes};

use crate::index::{self, SearchIndex};
use crate::mapped::ReadOnlyMmap;
use crate::markdown::LoadedPage;
use crate::store::{self, Reader, SavedFile};

/// Bump whenever what goes into the index changes (schema, analyzer, section split,
/// the stored page format), so files written by an older build are rebuilt.
/// 3: tantivy's files in a folder of their own, opened in place.
pub const SCHEMA_VERSION: u32 = 3;

/// First bytes of every index file.
const MAGIC: &[u8; 8] = b"HLDOCIX\0";

/// Name of the index file inside the index folder.
pub const FILE_NAME: &str = "docs-index.bin";

/// Names of the folders holding tantivy's files: `docs-index.<pid>.<nanos>.tantivy`.
const FOLDER_PREFIX: &str = "docs-index.";
const FOLDER_SUFFIX: &str = ".tantivy";

/// Temporary folders older than this that no save finished are a crashed save's leftovers.
const STALE_TEMP: std::time::Duration = std::time::Duration::from_secs(3600);

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

/// SHA-256 of one page file's text.
pub(crate) type Digest = [u8; 32];

pub(crate) fn digest(text: &str) -> Digest {
    Sha256::digest(text.as_bytes()).into()
}

/// The key of a set of page files, sorted by file path, each with the [`digest`] of its
/// text (hashed file by file, so the files can be hashed on several threads).
pub(crate) fn key<'a>(files: impl Iterator<Item = (&'a str, Digest)>) -> Key {
    let mut hash = Sha256::new();
    hash.update(b"hostless docs index\0");
    hash.update(SCHEMA_VERSION.to_le_bytes());
    hash.update(tantivy::version_string().as_bytes());
    hash.update([0]);
    for word in crate::index::stop_words() {
        hash.update(word.as_bytes());
        hash.update([0]);
    }
    for (file, digest) in files {
        // The name's length first, so no two different file lists hash the same bytes.
        hash.update((file.len() as u64).to_le_bytes());
        hash.update(file.as_bytes());
        hash.update(digest);
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
    /// The pages as saved; the Markdown of most is still missing (see [`Opened::into_parts`]).
    pub fn pages(&self) -> &[LoadedPage] {
        &self.pages
    }

    /// Checks that every page finds its Markdown in its page file's text (`text_of`, by path): the saved index
    /// stores where in the file it starts rather than a second copy. Call only once [`Opened::key`] matched the
    /// docs, so the texts are the ones the index was saved from.
    pub fn check_texts<'t>(
        &self,
        text_of: impl Fn(&str) -> Option<&'t str>,
    ) -> Result<(), RebuildReason> {
        store::check_markdown(&self.pages, &self.in_source, text_of).map_err(RebuildReason::Corrupt)
    }

    /// The pages, each with its Markdown taken from its page file's text (`take_text`, by path, each at most
    /// once), the skipped files and the search index. Call after [`Opened::check_texts`] passed on the same texts.
    pub fn into_parts(self, take_text: impl FnMut(&str) -> Option<String>) -> OpenedParts {
        let mut pages = self.pages;
        store::take_markdown(&mut pages, &self.in_source, take_text);
        (pages, self.skipped, self.search)
    }
}

fn file_path(dir: &Path) -> PathBuf {
    dir.join(FILE_NAME)
}

/// Reads, checks and opens the index saved in `dir`, whatever docs it was saved for: the
/// caller compares [`Opened::key`] with the key of the docs it read. Split from that
/// comparison so the two can run at the same time. `Err` says why it cannot be used.
pub(crate) fn read(dir: &Path) -> Result<Opened, RebuildReason> {
    let data = map_index_file(dir)?;
    let corrupt = RebuildReason::Corrupt;
    let mut r = Reader::new(data.as_slice());
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
    let body_end = data.len().saturating_sub(r.left());
    let body_start = body_end.saturating_sub(body.len());
    let crc = r.take(4).map_err(corrupt)?;
    if !r.is_empty() {
        return Err(RebuildReason::Corrupt(
            "bytes after the checksum".to_string(),
        ));
    }
    if crc != crc32fast::hash(body).to_le_bytes() {
        return Err(RebuildReason::Corrupt("checksum mismatch".to_string()));
    }
    let body = store::decode(&data.slice(body_start..body_end)).map_err(corrupt)?;
    let search = open_folder(dir, &body.folder, &body.files).map_err(corrupt)?;
    Ok(Opened {
        key,
        pages: body.pages,
        in_source: body.in_source,
        skipped: body.skipped,
        search,
    })
}

/// The index file, memory-mapped: the pages' section texts are used where they lie in it.
/// Safe to map because a saved file is never changed in place (a save renames a new one over it).
fn map_index_file(dir: &Path) -> Result<OwnedBytes, RebuildReason> {
    use tantivy::directory::error::{OpenDirectoryError, OpenReadError};
    let directory = match MmapDirectory::open(dir) {
        Ok(directory) => directory,
        Err(OpenDirectoryError::DoesNotExist(_)) => return Err(RebuildReason::Missing),
        Err(e) => return Err(RebuildReason::Corrupt(format!("cannot read it: {e}"))),
    };
    match directory.get_file_handle(Path::new(FILE_NAME)) {
        Ok(handle) => handle
            .read_bytes(0..handle.len())
            .map_err(|e| RebuildReason::Corrupt(format!("cannot read it: {e}"))),
        Err(OpenReadError::FileDoesNotExist(_)) => Err(RebuildReason::Missing),
        Err(e) => Err(RebuildReason::Corrupt(format!("cannot read it: {e}"))),
    }
}

/// Whether `name` is a folder name [`save`] gives (one plain name, nothing that leads elsewhere).
fn is_folder_name(name: &str) -> bool {
    name.starts_with(FOLDER_PREFIX)
        && name.ends_with(FOLDER_SUFFIX)
        && !name.contains(['/', '\\'])
        && name != "."
        && name != ".."
}

/// Opens the tantivy folder `name` in `dir` in place, once every file the index file lists
/// has the length and checksum it was saved with (a missing, cut or changed file is `Err`).
fn open_folder(dir: &Path, name: &str, files: &[SavedFile]) -> Result<SearchIndex, String> {
    if !is_folder_name(name) {
        return Err(format!("it names a strange tantivy folder {name:?}"));
    }
    let directory = ReadOnlyMmap::open(&dir.join(name))
        .map_err(|e| format!("its tantivy folder cannot be opened: {e}"))?;
    // Kept mapped until the index is open, so tantivy reuses these mappings.
    let mut mapped: Vec<OwnedBytes> = Vec::with_capacity(files.len());
    for file in files {
        let unreadable =
            |e: &dyn std::fmt::Display| format!("tantivy file {} cannot be read: {e}", file.name);
        let bytes = directory
            .open_read(Path::new(&file.name))
            .map_err(|e| unreadable(&e))?
            .read_bytes()
            .map_err(|e| unreadable(&e))?;
        if bytes.len() as u64 != file.len || crc32fast::hash(bytes.as_slice()) != file.crc {
            return Err(format!("tantivy file {} is damaged", file.name));
        }
        mapped.push(bytes);
    }
    let search = index::open(directory);
    drop(mapped);
    search
}

fn unique_suffix() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{}.{nanos}", std::process::id())
}

/// Writes tantivy's files into a new folder in `dir` (a hidden temporary one, renamed when
/// complete) and returns its name and what the index file records of each file.
fn save_folder(
    dir: &Path,
    files: &[(String, Vec<u8>)],
) -> std::io::Result<(String, Vec<SavedFile>)> {
    let name = format!("{FOLDER_PREFIX}{}{FOLDER_SUFFIX}", unique_suffix());
    let temp = dir.join(format!(".{name}.tmp"));
    let written = (|| {
        fs::create_dir(&temp)?;
        let mut saved = Vec::with_capacity(files.len());
        for (file, bytes) in files {
            if Path::new(file).components().count() != 1 {
                return Err(std::io::Error::other(format!(
                    "unexpected tantivy file name {file}"
                )));
            }
            let mut out = fs::File::create(temp.join(file))?;
            out.write_all(bytes)?;
            out.sync_all()?;
            saved.push(SavedFile {
                name: file.clone(),
                len: bytes.len() as u64,
                crc: crc32fast::hash(bytes),
            });
        }
        fs::File::open(&temp)?.sync_all()?;
        fs::rename(&temp, dir.join(&name))?;
        Ok(saved)
    })();
    match written {
        Ok(saved) => Ok((name, saved)),
        Err(e) => {
            let _ = fs::remove_dir_all(&temp);
            Err(e)
        }
    }
}

/// Removes the tantivy folders in `dir` other than `keep` (older saves, and saves a crash
/// interrupted before publishing), and temporary folders left long ago. A server still
/// serving an older folder keeps its mapped files: removing a name does not unmap them.
fn remove_old_folders(dir: &Path, keep: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let old = if let Some(temp) = name.strip_prefix('.') {
            temp.strip_suffix(".tmp").is_some_and(is_folder_name)
                && entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age > STALE_TEMP)
        } else {
            is_folder_name(&name) && name != keep
        };
        if old {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Writes the index for `key` into `dir` atomically: tantivy's files into a new folder, then
/// the index file naming it (temporary file, then rename); then removes older folders.
pub(crate) fn save<'t>(
    dir: &Path,
    key: &Key,
    pages: &[LoadedPage],
    skipped: &[(String, String)],
    files: &[(String, Vec<u8>)],
    text_of: impl Fn(&str) -> Option<&'t str>,
) -> std::io::Result<()> {
    fs::create_dir_all(dir)?;
    let (folder, saved) = save_folder(dir, files)?;
    let body = store::encode(pages, skipped, &folder, &saved, text_of);
    let mut header = store::Writer::default();
    header.buf.extend_from_slice(MAGIC);
    header.buf.extend_from_slice(&SCHEMA_VERSION.to_le_bytes());
    header.buf.extend_from_slice(key);
    header.u64(body.len() as u64);
    let temp = dir.join(format!(".{FILE_NAME}.{}.tmp", unique_suffix()));
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
        let _ = fs::remove_dir_all(dir.join(&folder));
        return written;
    }
    remove_old_folders(dir, &folder);
    Ok(())
}
