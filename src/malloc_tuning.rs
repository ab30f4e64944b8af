//! Start-up re-exec that tells glibc's malloc to give freed memory back to the OS.
//!
//! Building the docs index frees tens of MB (tantivy's writer arena). glibc then raises
//! its trim threshold to twice the largest freed block, so that heap stays in the
//! process for good: 17 MB of a Railway-sized RSS. The threshold can only be set before
//! malloc starts (`GLIBC_TUNABLES`), and the crate forbids the `unsafe` a `mallopt` call
//! needs, so `main` runs the same binary again once with the tunable set. `exec` keeps
//! the process id, arguments, other environment and open descriptors. A user's own
//! `glibc.malloc.trim_threshold` wins; any failure leaves glibc's defaults in place.

/// The variable glibc reads its tunables from.
const VAR: &str = "GLIBC_TUNABLES";

/// Return the free top of the heap past 128 KiB (glibc's starting value) instead of past
/// a threshold that grows with the largest freed block. Pinning the mmap threshold too
/// made a persisted start at 11,080 pages ~50% slower, so it is left alone. At most two
/// arenas: glibc gives each busy thread an arena of its own (up to 8 per core), and each
/// keeps its freed blocks; with two, Railway RSS after a docs_search load was 38.9–39.6
/// MiB instead of 41.7–42.6, and req/s was 8–15% higher (three alternating runs each).
const TUNABLES: &str = "glibc.malloc.trim_threshold=131072:glibc.malloc.arena_max=2";

/// Set on the re-run, so a binary whose tunables glibc ignores cannot loop.
const DONE: &str = "HOSTLESS_MCP_MALLOC_TUNED";

/// Replaces this process with itself under tuned malloc settings; returns only when it
/// does not (already tuned, not glibc, or the exec failed).
pub fn retune() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        use std::os::unix::process::CommandExt;

        if std::env::var_os(DONE).is_some() {
            return;
        }
        let current = std::env::var(VAR).unwrap_or_default();
        if current.contains("glibc.malloc.trim_threshold") {
            return;
        }
        let Ok(exe) = std::env::current_exe() else {
            return;
        };
        let tunables = if current.is_empty() {
            TUNABLES.to_string()
        } else {
            format!("{current}:{TUNABLES}")
        };
        let mut args = std::env::args_os();
        let mut command = std::process::Command::new(exe);
        if let Some(name) = args.next() {
            command.arg0(name);
        }
        // `exec` returns only on failure; the defaults are then merely less frugal.
        let _ = command.args(args).env(VAR, tunables).env(DONE, "1").exec();
    }
}
