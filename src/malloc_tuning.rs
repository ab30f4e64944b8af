//! Start-up re-exec that tells glibc's malloc to give freed memory back to the OS.
//!
//! Building the docs index frees tens of MB (tantivy's writer arena). glibc then raises
//! its trim threshold to twice the largest freed block, so that heap stays in the
//! process for good: 17 MB of a Railway-sized RSS. The threshold can only be set before
//! malloc starts (`GLIBC_TUNABLES`), and the crate forbids the `unsafe` a `mallopt` call
//! needs, so `main` runs the same binary again once with the tunable set. `exec` keeps
//! the process id, arguments, other environment and open descriptors. A tunable the user
//! sets in `GLIBC_TUNABLES` wins; any failure leaves glibc's defaults in place.

/// The variable glibc reads its tunables from.
const VAR: &str = "GLIBC_TUNABLES";

/// Return the free top of the heap past 128 KiB (glibc's starting value) instead of past
/// a threshold that grows with the largest freed block. Pinning the mmap threshold too
/// made a persisted start at 11,080 pages ~50% slower, so it is left alone. At most two
/// arenas: glibc gives each busy thread an arena of its own (up to 8 per core), and each
/// keeps its freed blocks; with two, Railway RSS after a docs_search load was 38.9–39.6
/// MiB instead of 41.7–42.6, and req/s was 8–15% higher (three alternating runs each).
const TUNABLES: [(&str, &str); 2] = [
    ("glibc.malloc.trim_threshold", "131072"),
    ("glibc.malloc.arena_max", "2"),
];

/// `current` (the user's `GLIBC_TUNABLES`) with those of [`TUNABLES`] it does not set itself
/// appended, or `None` when it already sets them all. glibc reads the list left to right and
/// the last setting of a name wins, so a name the user set is never appended.
#[cfg_attr(not(all(target_os = "linux", target_env = "gnu")), allow(dead_code))]
fn merged(current: &str) -> Option<String> {
    let set_by_user = |name: &str| {
        current
            .split(':')
            .any(|entry| entry.split('=').next() == Some(name))
    };
    let missing: Vec<String> = TUNABLES
        .iter()
        .filter(|(name, _)| !set_by_user(name))
        .map(|(name, value)| format!("{name}={value}"))
        .collect();
    if missing.is_empty() {
        return None;
    }
    Some(
        std::iter::once(current)
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .chain(missing)
            .collect::<Vec<_>>()
            .join(":"),
    )
}

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
        let Some(tunables) = merged(&std::env::var(VAR).unwrap_or_default()) else {
            return;
        };
        let Ok(exe) = std::env::current_exe() else {
            return;
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

#[cfg(test)]
mod tests {
    use super::merged;

    #[test]
    fn the_users_own_tunables_win_and_ours_fill_the_rest() {
        assert_eq!(
            merged("").as_deref(),
            Some("glibc.malloc.trim_threshold=131072:glibc.malloc.arena_max=2")
        );
        assert_eq!(
            merged("glibc.malloc.arena_max=8").as_deref(),
            Some("glibc.malloc.arena_max=8:glibc.malloc.trim_threshold=131072")
        );
        assert_eq!(
            merged("glibc.malloc.trim_threshold=1:glibc.malloc.arena_max=4"),
            None
        );
    }
}
