//! Time as the emulator sees it: the wall clock plus an offset the control API can move forward, so
//! expiry can be tested without waiting.

use std::time::{SystemTime, UNIX_EPOCH};

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

#[derive(Clone, Copy, Debug, Default)]
pub struct Clock {
    offset_ms: i64,
}

impl Clock {
    pub fn with_offset(offset_ms: i64) -> Self {
        Self { offset_ms }
    }

    pub fn offset_ms(&self) -> i64 {
        self.offset_ms
    }

    pub fn now_ms(&self) -> i64 {
        let wall = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64);
        wall + self.offset_ms
    }

    pub fn advance(&mut self, ms: i64) {
        self.offset_ms += ms;
    }
}

/// Unix milliseconds as an RFC 3339 UTC timestamp, e.g. `2023-07-04T12:49:15.123Z`.
pub fn rfc3339(ms: i64) -> String {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_rfc3339() {
        assert_eq!(rfc3339(1_688_474_955_123), "2023-07-04T12:49:15.123Z");
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn advancing_moves_now() {
        let mut clock = Clock::default();
        let before = clock.now_ms();
        clock.advance(3_600_000);
        assert!(clock.now_ms() - before >= 3_600_000);
    }
}
