//! The sandbox's clock, and the ISO 8601 UTC strings the API uses (`2026-05-22T12:00:00.000Z`).
//!
//! The store owns one [`Clock`]: the system time plus an offset, or, when the sandbox has a
//! seed, a fake time that starts at [`FAKE_START`] and only moves when someone advances it,
//! so that deployments, logs and metrics are the same on every run.
//! Small and self-contained so the sandbox needs no date crate: civil-date conversion after
//! Howard Hinnant's `days_from_civil` algorithm.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Where a seeded sandbox's fake clock starts (2026-06-01T12:00:00Z).
pub const FAKE_START: i64 = 1_780_315_200;

/// Injectable time: real or fake, both advanceable.
#[derive(Debug)]
pub struct Clock {
    /// The fake start; `None` follows the system clock.
    base: Option<i64>,
    /// Seconds added by [`Clock::advance`].
    offset: AtomicI64,
}

impl Clock {
    /// The system clock.
    pub fn system() -> Self {
        Self {
            base: None,
            offset: AtomicI64::new(0),
        }
    }

    /// A fake clock standing at `start` until advanced.
    pub fn fake(start: i64) -> Self {
        Self {
            base: Some(start),
            offset: AtomicI64::new(0),
        }
    }

    /// Unix seconds, now.
    pub fn now(&self) -> i64 {
        self.base.unwrap_or_else(system_now) + self.offset.load(Ordering::SeqCst)
    }

    /// Moves the clock forward by `secs` (negative values are ignored) and returns the new time.
    pub fn advance(&self, secs: i64) -> i64 {
        self.offset.fetch_add(secs.max(0), Ordering::SeqCst);
        self.now()
    }
}

/// Seconds since the Unix epoch, now, by the system clock.
pub fn system_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Formats Unix seconds as `YYYY-MM-DDTHH:MM:SS.000Z`.
pub fn iso(secs: i64) -> String {
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let t = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.000Z",
        t / 3600,
        (t / 60) % 60,
        t % 60
    )
}

/// Parses `YYYY-MM-DDTHH:MM:SS[.fff]Z` (or a bare date) into Unix seconds.
pub fn parse_iso(s: &str) -> Option<i64> {
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(r)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if s.get(4..5) != Some("-") || s.get(7..8) != Some("-") || !(1..=12).contains(&m) {
        return None;
    }
    if !(1..=31).contains(&d) {
        return None;
    }
    let days = days_from_civil(y, m, d);
    if s.len() == 10 {
        return Some(days * 86_400);
    }
    if !matches!(s.get(10..11), Some("T" | "t")) || !s.ends_with(['Z', 'z']) {
        return None;
    }
    let (h, mi, se) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if h > 23 || mi > 59 || se > 60 {
        return None;
    }
    Some(days * 86_400 + h * 3600 + mi * 60 + se)
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use super::*;

    #[test]
    fn fake_clock_moves_only_when_advanced() {
        let c = Clock::fake(FAKE_START);
        assert_eq!(c.now(), FAKE_START);
        assert_eq!(c.advance(30), FAKE_START + 30);
        assert_eq!(c.advance(-10), FAKE_START + 30);
        assert_eq!(iso(FAKE_START), "2026-06-01T12:00:00.000Z");
        let s = Clock::system();
        assert!(s.advance(3600) >= system_now() + 3599);
    }

    #[test]
    fn round_trips() {
        assert_eq!(iso(0), "1970-01-01T00:00:00.000Z");
        let t = parse_iso("2026-12-31T23:59:59.000Z").unwrap();
        assert_eq!(iso(t), "2026-12-31T23:59:59.000Z");
        assert_eq!(
            parse_iso("2024-02-29"),
            Some(days_from_civil(2024, 2, 29) * 86_400)
        );
        assert_eq!(parse_iso("2024-13-01"), None);
        assert_eq!(parse_iso("yesterday"), None);
        for secs in [951_782_400_i64, 1_767_225_600, 4_102_444_799] {
            assert_eq!(parse_iso(&iso(secs)), Some(secs));
        }
    }
}
