//! Rolling a key without an outage: a new key with the old one's settings, then the old key's
//! expiry shortened to a grace period, so that what still uses it keeps working until it moves to
//! the new one. Each key rolled is a line with two steps, each of which can fail on its own.

use crate::algolia::{ApiKey, KeyBody};
use crate::keys::copy::definition;
use crate::keys::expiry::{Unit, parse_duration};
use crate::keys::table::{KeyRow, seconds_left};

/// The grace periods offered, besides a custom one.
pub const GRACE_CHOICES: &[(&str, u64)] = &[("1 hour", 3_600), ("24 hours", 86_400), ("7 days", 7 * 86_400)];

/// A custom grace period, as typed.
pub fn custom_grace(amount: &str, unit: Unit) -> Result<u64, String> {
    parse_duration(amount, unit)
}

/// One key to roll.
#[derive(Clone, Debug, PartialEq)]
pub struct RollLine {
    /// The old key as read when the roll was asked for.
    pub old: ApiKey,
    /// When the old key expired before the roll, if it did: a cancel puts this back.
    pub old_expires_at_ms: Option<f64>,
    /// The new key's settings: the old key's, with the time it has left.
    pub body: KeyBody,
    pub state: RollState,
}

#[derive(Clone, Debug, PartialEq)]
pub enum RollState {
    Waiting,
    Creating,
    /// The new key exists; the old key's expiry is being shortened.
    Shortening {
        new: String,
    },
    /// Both steps done: the old key now expires at `retires_at_ms`.
    Rolled {
        new: String,
        retires_at_ms: f64,
    },
    /// The new key was not created, or not known to be: `lost_at_ms` is when a create whose answer
    /// was lost was sent, so that a retry looks for it before creating again.
    CreateFailed {
        message: String,
        lost_at_ms: Option<f64>,
    },
    /// The new key exists, but the old key still has its old expiry.
    ShortenFailed {
        new: String,
        message: String,
    },
}

impl RollLine {
    /// A line for `row`, or why it cannot be rolled faithfully.
    pub fn new(row: &KeyRow, now_ms: f64) -> Result<Self, String> {
        Ok(Self {
            body: definition(row, now_ms)?,
            old: row.key.clone(),
            old_expires_at_ms: row.expires_at_ms,
            state: RollState::Waiting,
        })
    }

    /// Whether a run (or a retry) still has a step to do on this line.
    pub fn is_pending(&self) -> bool {
        !matches!(self.state, RollState::Rolled { .. })
    }

    /// The new key's value, once created.
    pub fn new_value(&self) -> Option<&str> {
        match &self.state {
            RollState::Shortening { new }
            | RollState::Rolled { new, .. }
            | RollState::ShortenFailed { new, .. } => Some(new),
            RollState::Waiting | RollState::Creating | RollState::CreateFailed { .. } => None,
        }
    }

    /// The update that shortens the old key to `grace_s` at `now_ms`, every other field exactly as
    /// read; `None` when the old key already expires within the grace period, since a roll must
    /// never give it longer (it then retires when it was to expire anyway).
    pub fn shorten_body(&self, grace_s: u64, now_ms: f64) -> Option<KeyBody> {
        match seconds_left(self.old_expires_at_ms, now_ms) {
            Some(left) if left <= grace_s => None,
            _ => Some(KeyBody::from_key(&self.old, grace_s)),
        }
    }
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

/// How many lines are rolled, failed, and still to go.
pub fn tally(lines: &[RollLine]) -> (usize, usize, usize) {
    lines.iter().fold((0, 0, 0), |(rolled, failed, left), line| match line.state {
        RollState::Rolled { .. } => (rolled + 1, failed, left),
        RollState::CreateFailed { .. } | RollState::ShortenFailed { .. } => (rolled, failed + 1, left),
        RollState::Waiting | RollState::Creating | RollState::Shortening { .. } => (rolled, failed, left + 1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let line = RollLine::new(&old(3_600), NOW + 600_000.0).expect("rollable");
        assert_eq!(line.body, KeyBody::from_key(&line.old, 3_000));
        let never = RollLine::new(&old(0), NOW).expect("rollable");
        assert_eq!(never.body.validity, 0);
        assert_eq!(never.old_expires_at_ms, None);
    }

    #[test]
    fn shortening_changes_only_the_validity() {
        let line = RollLine::new(&old(0), NOW).expect("rollable");
        let body = line.shorten_body(86_400, NOW).expect("a never-expiring key is shortened");
        assert_eq!(KeyBody { validity: 0, ..body.clone() }, KeyBody::from_key(&line.old, 0));
        assert_eq!(body.validity, 86_400);
    }

    #[test]
    fn a_roll_never_lengthens_the_old_key() {
        let line = RollLine::new(&old(7_200), NOW).expect("rollable");
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
        assert!(RollLine::new(&unread, NOW).is_err());
        assert!(RollLine::new(&old(10), NOW + 20_000.0).is_err());
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
        let base = RollLine::new(&old(0), NOW).expect("rollable");
        let with = |state| RollLine { state, ..base.clone() };
        let lines = [
            with(RollState::Rolled { new: "n".into(), retires_at_ms: NOW }),
            with(RollState::ShortenFailed { new: "m".into(), message: "x".into() }),
            with(RollState::CreateFailed { message: "y".into(), lost_at_ms: None }),
            with(RollState::Waiting),
        ];
        assert_eq!(tally(&lines), (1, 2, 1));
        assert_eq!(lines[1].new_value(), Some("m"));
        assert!(lines[1].is_pending() && !lines[0].is_pending());
        assert_eq!(custom_grace("2", Unit::Hours), Ok(7_200));
    }
}
