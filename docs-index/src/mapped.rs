//! A saved tantivy folder opened where it lies: tantivy's `MmapDirectory`, read-only. The
//! files are memory-mapped rather than read and copied into RAM, so a start touches only the
//! pages a check or a search reads, and the kernel shares them with the page cache.
//!
//! Read-only because a saved folder is never changed after it is published (a new index is
//! a new folder): no lock file is created (an `INDEX_DIR` on a read-only disk still opens),
//! and nothing can delete or rewrite a file a running server has mapped.

use std::io;
use std::path::Path;
use std::sync::Arc;

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};

/// [`MmapDirectory`] with every write refused and locks granted without a lock file.
#[derive(Clone, Debug)]
pub(crate) struct ReadOnlyMmap(MmapDirectory);

impl ReadOnlyMmap {
    pub fn open(folder: &Path) -> Result<Self, String> {
        MmapDirectory::open(folder)
            .map(Self)
            .map_err(|e| e.to_string())
    }
}

fn read_only() -> io::Error {
    io::Error::new(
        io::ErrorKind::PermissionDenied,
        "a saved docs index is read-only",
    )
}

impl Directory for ReadOnlyMmap {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.0.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        Err(DeleteError::IoError {
            io_error: Arc::new(read_only()),
            filepath: path.to_path_buf(),
        })
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.0.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        Err(OpenWriteError::wrap_io_error(
            read_only(),
            path.to_path_buf(),
        ))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }

    fn atomic_write(&self, _path: &Path, _data: &[u8]) -> io::Result<()> {
        Err(read_only())
    }

    fn sync_directory(&self) -> io::Result<()> {
        Ok(())
    }

    /// Nothing writes a published folder, so a reader needs no lock against a writer.
    fn acquire_lock(&self, _lock: &Lock) -> Result<DirectoryLock, LockError> {
        Ok(DirectoryLock::from(Box::new(())))
    }

    fn watch(&self, _callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        Ok(WatchHandle::empty())
    }
}
