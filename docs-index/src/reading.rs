//! Reading a docs folder's page files (listed and sorted first) on two threads, each half of
//! the list, with each file's SHA-256 when a saved index has to be checked against them: at
//! 10,000 pages the reads (system calls, copying, fresh memory) and the hashing are most of
//! a start that opens a saved index.

use std::path::PathBuf;

use crate::persist::{self, Digest};

/// A page file read: its path relative to the docs root, its text and, if asked for, the
/// SHA-256 of the text.
pub(crate) struct ReadFile {
    pub file: String,
    pub text: String,
    pub digest: Option<Digest>,
}

/// `(file, reason)` of files that could not be read.
type Skipped = Vec<(String, String)>;

/// Reads `listed` (`(relative path, path)`, in the order given, which the result keeps).
pub(crate) fn read(listed: &[(String, PathBuf)], digests: bool) -> (Vec<ReadFile>, Skipped) {
    let (first, second) = listed.split_at(listed.len() / 2);
    std::thread::scope(|scope| {
        let other = scope.spawn(|| read_part(second, digests));
        let mut read = read_part(first, digests);
        // A thread that died is not a reason to serve fewer pages: its half is read again here.
        let (files, skipped) = other.join().unwrap_or_else(|_| read_part(second, digests));
        read.0.extend(files);
        read.1.extend(skipped);
        read
    })
}

fn read_part(listed: &[(String, PathBuf)], digests: bool) -> (Vec<ReadFile>, Skipped) {
    let mut files = Vec::with_capacity(listed.len());
    let mut skipped = Vec::new();
    for (relative, path) in listed {
        match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => files.push(ReadFile {
                    digest: digests.then(|| persist::digest(&text)),
                    file: relative.clone(),
                    text,
                }),
                Err(_) => {
                    tracing::warn!(file = relative, "skipping page: not valid UTF-8");
                    skipped.push((relative.clone(), "not valid UTF-8".to_string()));
                }
            },
            Err(error) => {
                tracing::warn!(file = relative, %error, "skipping unreadable page");
                skipped.push((relative.clone(), format!("cannot read: {error}")));
            }
        }
    }
    (files, skipped)
}
