//! A cheap summary of a docs folder's page files (names, sizes, modification times) for
//! watchers: it changes when a page is edited, added or deleted, without reading a page.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;

use crate::path;

/// Fingerprint of the page files under `dir`, following the same rules as
/// [`crate::DocsIndex::from_dir`] (hidden folders and `node_modules` skipped, symlinked
/// folders not followed). An unreadable root gives a fingerprint of its own, so a folder
/// that disappears and comes back is noticed both times.
pub fn dir_fingerprint(dir: &Path) -> u64 {
    let mut entries = Vec::new();
    if collect(dir, "", &mut entries).is_err() {
        return 0;
    }
    entries.sort();
    let mut hasher = DefaultHasher::new();
    entries.hash(&mut hasher);
    // Never 0, which stands for an unreadable root.
    hasher.finish() | 1
}

fn collect(
    dir: &Path,
    prefix: &str,
    out: &mut Vec<(String, u64, Option<std::time::SystemTime>)>,
) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)?.flatten() {
        let Some((relative, kind)) = crate::docs_entry(&entry, prefix) else {
            continue;
        };
        if kind.is_dir() {
            // A sub-folder that cannot be read is skipped, as the index skips it.
            let _ = collect(&entry.path(), &relative, out);
        } else if path::page_path_for_file(&relative).is_some() {
            let meta = entry.metadata().ok();
            let size = meta.as_ref().map_or(u64::MAX, std::fs::Metadata::len);
            let modified = meta.and_then(|m| m.modified().ok());
            out.push((relative, size, modified));
        }
    }
    Ok(())
}
