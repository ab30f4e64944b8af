//! The index kept on disk (`INDEX_DIR`): reused when the docs are unchanged, rebuilt when
//! they changed or the saved file is damaged, and never served stale.

#![allow(clippy::panic, clippy::indexing_slicing, clippy::unwrap_used)]

use std::fs;
use std::path::Path;

use docs_index::{DocsIndex, INDEX_FILE_NAME, IndexOrigin, RebuildReason};

fn write(dir: &Path, file: &str, text: &str) {
    let path = dir.join(file);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// A small docs folder, plus a duplicate and an unreadable page so the skipped list is
/// part of what is saved.
fn docs(dir: &Path) {
    write(
        dir,
        "app/domains.md",
        "---\ntitle: Custom domains\ndescription: Point a domain at an app\n---\n\
         Intro text.\n\n## Add a domain\n\nCreate a CNAME record; the TLS certificate is issued \
         automatically.\n\n## Remove a domain\n\nDelete it from the dashboard.\n",
    );
    write(
        dir,
        "app/env.mdx",
        "# Environment variables\n\nSet secrets as variables. <Callout>Values are encrypted.</Callout>\n",
    );
    write(
        dir,
        "guides/deploy.md",
        "---\ntitle: Deploy from git\n---\nPush to the main branch to deploy.\n",
    );
    write(dir, "guides/deploy.mdx", "# Duplicate path\n");
    fs::write(dir.join("bad.md"), [0xff, 0xfe, 0x00]).unwrap();
}

/// What a user of the index can observe: every page, and the hits of a few queries.
fn observable(index: &DocsIndex) -> String {
    let mut out = String::new();
    for page in index.pages() {
        out.push_str(&format!("{page:?}\n"));
    }
    for query in [
        "tls certificate",
        "secrets",
        "deploy",
        "domain",
        "nothing-matches",
    ] {
        for hit in index.search(query, 10).unwrap() {
            out.push_str(&format!(
                "{query}: {} {:?} {:?} {}\n",
                hit.path, hit.anchor, hit.section, hit.snippet
            ));
        }
    }
    for page in ["app/domains", "/app/domains.md", "app/domains#add-a-domain"] {
        out.push_str(&format!(
            "{page}: {:?}\n",
            index.page(page).map(|p| &p.path)
        ));
    }
    out
}

fn rebuilt_because(origin: &IndexOrigin) -> &RebuildReason {
    match origin {
        IndexOrigin::Rebuilt {
            reason,
            save_error: None,
        } => reason,
        other => panic!("expected a rebuild that was saved, got {other:?}"),
    }
}

/// Opens `docs` with `index_dir` and checks the saved index was refused as corrupt and rebuilt
/// into an index that answers exactly as `fresh` does.
fn assert_rebuilt_as_corrupt(docs: &Path, index_dir: &Path, fresh: &DocsIndex, what: &str) {
    let (index, report) = DocsIndex::from_dir_in(docs, Some(index_dir)).unwrap();
    assert!(
        matches!(rebuilt_because(&report.origin), RebuildReason::Corrupt(_)),
        "{what}: {:?}",
        report.origin
    );
    assert_eq!(observable(&index), observable(fresh), "{what}");
}

#[test]
fn unchanged_docs_open_the_saved_index_and_answer_exactly_as_a_fresh_build() {
    let docs_dir = tempfile::tempdir().unwrap();
    let index_dir = tempfile::tempdir().unwrap();
    docs(docs_dir.path());
    let (fresh, fresh_report) = DocsIndex::from_dir(docs_dir.path()).unwrap();
    assert_eq!(fresh_report.origin, IndexOrigin::Built);

    let (first, report) = DocsIndex::from_dir_in(docs_dir.path(), Some(index_dir.path())).unwrap();
    assert_eq!(rebuilt_because(&report.origin), &RebuildReason::Missing);
    assert!(index_dir.path().join(INDEX_FILE_NAME).is_file());

    let (second, report) = DocsIndex::from_dir_in(docs_dir.path(), Some(index_dir.path())).unwrap();
    assert_eq!(report.origin, IndexOrigin::Opened);
    assert_eq!(second.origin(), &IndexOrigin::Opened);
    assert_eq!(observable(&second), observable(&fresh));
    assert_eq!(observable(&first), observable(&fresh));
    // The skipped files are reported on every start, not only the one that built.
    assert_eq!(report.skipped, fresh_report.skipped);
    assert_eq!(report.skipped.len(), 2, "{:?}", report.skipped);
    assert_eq!(second.check().skipped, fresh.check().skipped);
}

#[test]
fn an_edited_new_or_deleted_page_rebuilds_and_is_never_served_stale() {
    let docs_dir = tempfile::tempdir().unwrap();
    let index_dir = tempfile::tempdir().unwrap();
    docs(docs_dir.path());
    DocsIndex::from_dir_in(docs_dir.path(), Some(index_dir.path())).unwrap();

    write(
        docs_dir.path(),
        "guides/deploy.md",
        "---\ntitle: Deploy from git\n---\nPush a zanzibar tag to deploy.\n",
    );
    let (edited, report) = DocsIndex::from_dir_in(docs_dir.path(), Some(index_dir.path())).unwrap();
    assert_eq!(rebuilt_because(&report.origin), &RebuildReason::Changed);
    assert_eq!(
        edited.search("zanzibar", 5).unwrap()[0].path,
        "guides/deploy"
    );
    assert!(edited.search("main branch", 5).unwrap().is_empty());

    write(
        docs_dir.path(),
        "new/page.md",
        "# Brand new\n\nQuokka facts.\n",
    );
    fs::remove_file(docs_dir.path().join("app/env.mdx")).unwrap();
    let (changed, report) =
        DocsIndex::from_dir_in(docs_dir.path(), Some(index_dir.path())).unwrap();
    assert_eq!(rebuilt_because(&report.origin), &RebuildReason::Changed);
    assert!(changed.page("new/page").is_some());
    assert!(changed.page("app/env").is_none());
    assert_eq!(changed.search("quokka", 5).unwrap()[0].path, "new/page");
    assert!(changed.search("encrypted", 5).unwrap().is_empty());

    // And the rebuilt index is what the next start opens.
    let (again, report) = DocsIndex::from_dir_in(docs_dir.path(), Some(index_dir.path())).unwrap();
    assert_eq!(report.origin, IndexOrigin::Opened);
    assert_eq!(observable(&again), observable(&changed));
}

#[test]
fn a_damaged_index_file_is_rebuilt_with_the_reason() {
    let docs_dir = tempfile::tempdir().unwrap();
    let index_dir = tempfile::tempdir().unwrap();
    docs(docs_dir.path());
    let (fresh, _) = DocsIndex::from_dir(docs_dir.path()).unwrap();
    DocsIndex::from_dir_in(docs_dir.path(), Some(index_dir.path())).unwrap();
    let file = index_dir.path().join(INDEX_FILE_NAME);
    let good = fs::read(&file).unwrap();

    let mut damaged: Vec<(&str, Vec<u8>)> = Vec::new();
    let mut flipped = good.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x5a;
    damaged.push(("a flipped byte", flipped));
    damaged.push(("a truncated file", good[..good.len() - 100].to_vec()));
    damaged.push(("an empty file", Vec::new()));
    damaged.push(("another file entirely", b"not an index at all".to_vec()));
    let mut trailing = good.clone();
    trailing.extend_from_slice(b"junk");
    damaged.push(("bytes after the end", trailing));

    for (what, bytes) in damaged {
        fs::write(&file, &bytes).unwrap();
        assert_rebuilt_as_corrupt(docs_dir.path(), index_dir.path(), &fresh, what);
        // The rebuild replaced the damaged file with a good one.
        let (_, report) = DocsIndex::from_dir_in(docs_dir.path(), Some(index_dir.path())).unwrap();
        assert_eq!(report.origin, IndexOrigin::Opened, "{what}");
    }
}

#[test]
fn an_index_folder_that_cannot_be_written_still_serves_the_docs() {
    let docs_dir = tempfile::tempdir().unwrap();
    docs(docs_dir.path());
    let not_a_folder = tempfile::NamedTempFile::new().unwrap();
    let (index, report) =
        DocsIndex::from_dir_in(docs_dir.path(), Some(not_a_folder.path())).unwrap();
    match &report.origin {
        IndexOrigin::Rebuilt {
            save_error: Some(_),
            ..
        } => {}
        other => panic!("expected a save error, got {other:?}"),
    }
    assert_eq!(index.search("tls", 5).unwrap()[0].path, "app/domains");
}

#[test]
fn embedded_style_file_lists_are_persisted_too() {
    let index_dir = tempfile::tempdir().unwrap();
    let files = vec![
        ("a.md", "# Alpha\n\nFirst page about volumes.\n"),
        ("b/c.md", "# Beta\n\nSecond page about networking.\n"),
    ];
    let (_, report) = DocsIndex::from_files_in(files.clone(), Some(index_dir.path())).unwrap();
    assert_eq!(rebuilt_because(&report.origin), &RebuildReason::Missing);
    let (index, report) = DocsIndex::from_files_in(files, Some(index_dir.path())).unwrap();
    assert_eq!(report.origin, IndexOrigin::Opened);
    assert_eq!(index.search("networking", 5).unwrap()[0].path, "b/c");
}

/// The folders of tantivy files in an index folder (each save writes a new one).
fn tantivy_folders(index_dir: &Path) -> Vec<std::path::PathBuf> {
    let mut folders: Vec<_> = fs::read_dir(index_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    folders
}

#[test]
fn a_damaged_or_partial_tantivy_folder_is_rebuilt_never_served() {
    let docs_dir = tempfile::tempdir().unwrap();
    let index_dir = tempfile::tempdir().unwrap();
    docs(docs_dir.path());
    let (fresh, _) = DocsIndex::from_dir(docs_dir.path()).unwrap();
    DocsIndex::from_dir_in(docs_dir.path(), Some(index_dir.path())).unwrap();

    type Damage = fn(&Path);
    let damages: Vec<(&str, Damage)> = vec![
        ("a segment file deleted", |folder| {
            let file = largest_file(folder);
            fs::remove_file(file).unwrap();
        }),
        ("a segment file cut short", |folder| {
            let file = largest_file(folder);
            let bytes = fs::read(&file).unwrap();
            fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
        }),
        ("a flipped byte in a segment file", |folder| {
            let file = largest_file(folder);
            let mut bytes = fs::read(&file).unwrap();
            let middle = bytes.len() / 2;
            bytes[middle] ^= 0x5a;
            fs::write(&file, bytes).unwrap();
        }),
        ("meta.json emptied", |folder| {
            fs::write(folder.join("meta.json"), b"").unwrap();
        }),
        ("the whole folder gone", |folder| {
            fs::remove_dir_all(folder).unwrap();
        }),
        ("the folder replaced by a file", |folder| {
            fs::remove_dir_all(folder).unwrap();
            fs::write(folder, b"not a folder").unwrap();
        }),
    ];
    for (what, damage) in damages {
        let folders = tantivy_folders(index_dir.path());
        assert_eq!(folders.len(), 1, "{what}: {folders:?}");
        damage(&folders[0]);
        assert_rebuilt_as_corrupt(docs_dir.path(), index_dir.path(), &fresh, what);
        // A file where the damaged folder was is not ours to remove; clean it for the next round.
        let _ = fs::remove_file(&folders[0]);
        let (opened, report) =
            DocsIndex::from_dir_in(docs_dir.path(), Some(index_dir.path())).unwrap();
        assert_eq!(report.origin, IndexOrigin::Opened, "{what}");
        assert_eq!(observable(&opened), observable(&fresh), "{what}");
    }
}

fn largest_file(folder: &Path) -> std::path::PathBuf {
    fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .max_by_key(|p| fs::metadata(p).unwrap().len())
        .unwrap()
}

#[test]
fn a_save_interrupted_by_a_crash_leaves_nothing_that_is_opened() {
    let docs_dir = tempfile::tempdir().unwrap();
    let index_dir = tempfile::tempdir().unwrap();
    docs(docs_dir.path());
    let (fresh, _) = DocsIndex::from_dir(docs_dir.path()).unwrap();
    DocsIndex::from_dir_in(docs_dir.path(), Some(index_dir.path())).unwrap();
    let saved = tantivy_folders(index_dir.path()).remove(0);

    // A crash after a new folder was written but before the index file named it: the
    // index file still names the old, complete folder, and that is what is opened.
    let orphan = index_dir.path().join("docs-index.1.2.tantivy");
    fs::create_dir(&orphan).unwrap();
    fs::write(orphan.join("meta.json"), b"{}").unwrap();
    let half_written = index_dir.path().join(".docs-index.1.3.tantivy.tmp");
    fs::create_dir(&half_written).unwrap();
    let (index, report) = DocsIndex::from_dir_in(docs_dir.path(), Some(index_dir.path())).unwrap();
    assert_eq!(report.origin, IndexOrigin::Opened);
    assert_eq!(observable(&index), observable(&fresh));

    // The next save publishes a new folder and removes the older and orphaned ones.
    write(
        docs_dir.path(),
        "new/page.md",
        "# Brand new\n\nQuokka facts.\n",
    );
    let (_, report) = DocsIndex::from_dir_in(docs_dir.path(), Some(index_dir.path())).unwrap();
    assert_eq!(rebuilt_because(&report.origin), &RebuildReason::Changed);
    let folders = tantivy_folders(index_dir.path());
    assert!(!folders.contains(&saved), "{folders:?}");
    assert!(!folders.contains(&orphan), "{folders:?}");
    assert_eq!(
        folders
            .iter()
            .filter(|f| !f.file_name().unwrap().to_string_lossy().starts_with('.'))
            .count(),
        1,
        "{folders:?}"
    );
}
