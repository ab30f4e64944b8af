//! Logging set-up: one `tracing` subscriber for the process, pretty or JSON lines,
//! filtered by `RUST_LOG` (default `info`). Credentials are never passed to any log call.
//! Tests build the same subscriber with their own writer ([`subscriber`]) to read the logs.

use std::io::IsTerminal;

use tracing::Subscriber;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::util::SubscriberInitExt;

use crate::config::LogFormat;

/// The filter when `RUST_LOG` is unset: rmcp's per-request chatter stays out.
pub const DEFAULT_FILTER: &str = "info,rmcp=warn";

/// Installs the global subscriber, writing to stderr; a second call is a no-op.
pub fn init(format: LogFormat) {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let stderr = std::io::stderr();
    let ansi = use_colour(stderr.is_terminal(), std::env::var_os("NO_COLOR").is_some());
    // `try_init` also routes the `log` records of dependencies into the subscriber.
    let _ = subscriber(format, filter, ansi, std::io::stderr).try_init();
}

/// Colour codes only for a person watching a terminal: a log redirected to a file or a
/// pipe (the logs go to stderr, so that is the stream that counts) stays plain text, and
/// `NO_COLOR` (no-color.org) turns colour off everywhere.
pub fn use_colour(writer_is_terminal: bool, no_color: bool) -> bool {
    writer_is_terminal && !no_color
}

/// The process's subscriber, writing to `writer`.
pub fn subscriber<W>(
    format: LogFormat,
    filter: EnvFilter,
    ansi: bool,
    writer: W,
) -> Box<dyn Subscriber + Send + Sync>
where
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(ansi)
        .with_writer(writer);
    match format {
        LogFormat::Json => Box::new(builder.json().flatten_event(true).finish()),
        LogFormat::Pretty => Box::new(builder.compact().finish()),
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        assert!(use_colour(true, false));
        assert!(!use_colour(false, false));
        assert!(!use_colour(true, true));
    }

    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Buffer {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn pretty_logs_to_a_file_have_no_escape_codes() {
        let buffer = Buffer::default();
        let writer = buffer.clone();
        let ansi = use_colour(false, false);
        let subscriber = subscriber(LogFormat::Pretty, EnvFilter::new("info"), ansi, move || {
            writer.clone()
        });
        tracing::subscriber::with_default(subscriber, || {
            tracing::info!(status = 403, "refused: Host or Origin not allowed");
        });
        let text = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
        assert!(
            text.contains("refused: Host or Origin not allowed"),
            "{text}"
        );
        assert!(text.contains("status=403"), "{text}");
        assert!(!text.contains('\u{1b}'), "escape codes in {text:?}");
    }
}
