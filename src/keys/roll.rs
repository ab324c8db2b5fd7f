//! Rolling a key without an outage: a new key with the old one's settings, then the old key's
//! expiry shortened to a grace period, so that what still uses it keeps working until it moves to
//! the new one. Each key rolled is a line with two steps, each of which can fail on its own.

use crate::algolia::{ApiKey, KeyBody};
use crate::keys::copy::{Line, definition};
use crate::keys::expiry::{Unit, parse_duration};
use crate::keys::format::key_name;
use crate::keys::table::{KeyRow, seconds_left};

/// The grace periods offered, besides a custom one.
pub const GRACE_CHOICES: &[(&str, u64)] = &[("1 hour", 3_600), ("24 hours", 86_400), ("7 days", 7 * 86_400)];

/// A custom grace period, as typed.
pub fn custom_grace(amount: &str, unit: Unit) -> Result<u64, String> {
    parse_duration(amount, unit)
}

/// The key a roll replaces, as read when the roll was asked for.
#[derive(Clone, Debug, PartialEq)]
pub struct OldKey {
    pub key: ApiKey,
    /// When it expired before the roll, if it did: a cancel puts this back.
    pub expires_at_ms: Option<f64>,
}

impl OldKey {
    /// The update that shortens the old key to `grace_s` at `now_ms`, every other field exactly as
    /// read; `None` when the old key already expires within the grace period, since a roll must
    /// never give it longer (it then retires when it was to expire anyway).
    pub fn shorten_body(&self, grace_s: u64, now_ms: f64) -> Option<KeyBody> {
        match seconds_left(self.expires_at_ms, now_ms) {
            Some(left) if left <= grace_s => None,
            _ => Some(KeyBody::from_key(&self.key, grace_s)),
        }
    }
}

/// The line that rolls `row`: a new key with its settings and the time it has left, named as the
/// key pages name it. `Err` says why it cannot be rolled faithfully.
pub fn roll_line(row: &KeyRow, now_ms: f64) -> Result<Line, String> {
    let key = &row.key;
    Ok(Line {
        old: Some(OldKey { key: key.clone(), expires_at_ms: row.expires_at_ms }),
        ..Line::new(key_name(&key.description, &key.value), definition(row, now_ms)?)
    })
}

/// The update that cancels a roll: the old key's settings as read, with its expiry from before
/// the roll. `Err` when that expiry has passed, since the key would then expire at once.
pub fn cancel_body(old: &ApiKey, old_expires_at_ms: Option<f64>, now_ms: f64) -> Result<KeyBody, String> {
    let validity = match seconds_left(old_expires_at_ms, now_ms) {
        None => 0,
        Some(0) => {
            return Err("Its expiry from before the roll has passed: edit the key to give it another.".into());
        }
        Some(left) => left,
    };
    Ok(KeyBody::from_key(old, validity))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::copy::{LineState, tally};

    const NOW: f64 = 1_700_000_000_000.0;

    fn old(validity: u64) -> KeyRow {
        let key = ApiKey {
            value: "a".repeat(32),
            acl: vec!["search".into(), "addObject".into()],
            description: "Indexer".into(),
            indexes: vec!["products".into()],
            query_parameters: "typoTolerance=strict".into(),
            max_hits_per_query: 20,
            validity,
            ..ApiKey::default()
        };
        KeyRow::new(key, NOW)
    }

    #[test]
    fn the_new_key_has_the_old_settings_and_time_left() {
        let line = roll_line(&old(3_600), NOW + 600_000.0).expect("rollable");
        let old_key = line.old.as_ref().expect("a roll's line");
        assert_eq!(line.body, KeyBody::from_key(&old_key.key, 3_000));
        assert_eq!(line.name, key_name("Indexer", &old_key.key.value));
        let never = roll_line(&old(0), NOW).expect("rollable");
        assert_eq!(never.body.validity, 0);
        assert_eq!(never.old.expect("a roll's line").expires_at_ms, None);
    }

    #[test]
    fn shortening_changes_only_the_validity() {
        let line = roll_line(&old(0), NOW).expect("rollable").old.expect("a roll's line");
        let body = line.shorten_body(86_400, NOW).expect("a never-expiring key is shortened");
        assert_eq!(KeyBody { validity: 0, ..body.clone() }, KeyBody::from_key(&line.key, 0));
        assert_eq!(body.validity, 86_400);
    }

    #[test]
    fn a_roll_never_lengthens_the_old_key() {
        let line = roll_line(&old(7_200), NOW).expect("rollable").old.expect("a roll's line");
        assert_eq!(line.shorten_body(3_600, NOW).map(|b| b.validity), Some(3_600));
        assert_eq!(line.shorten_body(86_400, NOW), None, "it expires within a day anyway");
        assert_eq!(line.shorten_body(7_200, NOW), None);
    }

    #[test]
    fn a_key_not_fully_read_or_expired_is_not_rolled() {
        let mut unread = old(0);
        unread.key.problems.push(crate::algolia::Problem {
            field: "acl",
            expected: "a list",
            found: "a number".into(),
        });
        assert!(roll_line(&unread, NOW).is_err());
        assert!(roll_line(&old(10), NOW + 20_000.0).is_err());
    }

    #[test]
    fn cancel_puts_back_the_expiry_from_before_the_roll() {
        let row = old(3_600);
        let body = cancel_body(&row.key, row.expires_at_ms, NOW + 60_000.0).expect("in time");
        assert_eq!(body.validity, 3_540);
        assert_eq!(cancel_body(&row.key, None, NOW).map(|b| b.validity), Ok(0));
        assert!(cancel_body(&row.key, row.expires_at_ms, NOW + 3_601_000.0).is_err());
    }

    #[test]
    fn lines_count_by_how_far_they_got() {
        let base = roll_line(&old(0), NOW).expect("rollable");
        let with = |state| Line { state, ..base.clone() };
        let lines = [
            with(LineState::Rolled { new: "n".into(), retires_at_ms: NOW }),
            with(LineState::ShortenFailed { new: "m".into(), message: "x".into() }),
            with(LineState::Failed { message: "y".into(), lost_at_ms: None }),
            with(LineState::Waiting),
            with(LineState::Created("c".into())),
        ];
        assert_eq!(tally(&lines), (1, 2, 2), "a created new key is half of a roll");
        assert_eq!(lines[1].new_value(), Some("m"));
        assert!(lines[1].is_pending() && lines[4].is_pending() && !lines[0].is_pending());
        assert_eq!(lines[2].status(), "The new key was not created: y");
        assert_eq!(lines[4].status(), "New key created; shortening the old key…");
        assert_eq!(custom_grace("2", Unit::Hours), Ok(7_200));
    }
}
