//! Captures the server's log lines in tests: one global `tracing` subscriber for the test
//! binary writes plain (no ANSI) lines into a shared buffer that tests search.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

#[derive(Clone, Default)]
pub struct Logs(Arc<Mutex<Vec<u8>>>);

impl Write for Logs {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The buffer every test in this binary logs into (installed on first use).
pub fn capture() -> Logs {
    static LOGS: OnceLock<Logs> = OnceLock::new();
    LOGS.get_or_init(|| {
        let logs = Logs::default();
        let writer = logs.clone();
        let _ = tracing_subscriber::fmt()
            .with_env_filter("info,hostless_mcp=debug")
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .try_init();
        logs
    })
    .clone()
}

impl Logs {
    pub fn contents(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }

    /// The first line containing `needle`, waiting up to 2 s for it to be written.
    pub async fn wait_for(&self, needle: &str) -> String {
        for _ in 0..40 {
            if let Some(line) = self.contents().lines().find(|l| l.contains(needle)) {
                return line.to_string();
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("no log line contains {needle:?}");
    }
}
