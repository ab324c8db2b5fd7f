//! A key's expiry as the user chooses it, and the `validity` to send for it. Algolia takes a
//! number of seconds from the moment of the request, so an expiry instant is turned into seconds
//! only when saving: an untouched expiry stays at its instant however long the form was open.

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Expiry {
    Never,
    /// This many seconds after saving.
    After {
        seconds: u64,
    },
    /// At this instant (Unix milliseconds).
    At {
        ms: f64,
    },
}

impl Expiry {
    /// The key's current expiry, as read: `None` never expires.
    pub fn of(expires_at_ms: Option<f64>) -> Self {
        expires_at_ms.map_or(Expiry::Never, |ms| Expiry::At { ms })
    }

    /// The `validity` to send if saving at `now_ms`: 0 never expires.
    pub fn validity_at(self, now_ms: f64) -> Result<u64, String> {
        match self {
            Expiry::Never => Ok(0),
            Expiry::After { seconds: 0 } => Err("Choose a duration of at least one second.".into()),
            Expiry::After { seconds } => Ok(seconds),
            Expiry::At { ms } => {
                let seconds = ((ms - now_ms) / 1000.0).ceil();
                if seconds < 1.0 {
                    Err("That expiry time has passed: choose a later one, or never.".into())
                } else {
                    Ok(seconds as u64)
                }
            }
        }
    }

    /// The instant the key would expire if saved at `now_ms`.
    pub fn instant(self, now_ms: f64) -> Option<f64> {
        match self {
            Expiry::Never => None,
            Expiry::After { seconds } => Some(now_ms + seconds as f64 * 1000.0),
            Expiry::At { ms } => Some(ms),
        }
    }
}

/// Units for a duration typed as a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Minutes,
    Hours,
    Days,
}

impl Unit {
    pub const ALL: [Unit; 3] = [Unit::Minutes, Unit::Hours, Unit::Days];

    pub fn seconds(self) -> u64 {
        match self {
            Unit::Minutes => 60,
            Unit::Hours => 3_600,
            Unit::Days => 86_400,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Minutes => "minutes",
            Unit::Hours => "hours",
            Unit::Days => "days",
        }
    }

    pub fn parse(text: &str) -> Self {
        Unit::ALL.into_iter().find(|u| u.as_str() == text).unwrap_or(Unit::Days)
    }
}

/// The largest validity Algolia stores (a 32-bit signed number of seconds).
const MAX_VALIDITY: u64 = i32::MAX as u64;

/// Reads "30" days, say, as seconds.
pub fn parse_duration(amount: &str, unit: Unit) -> Result<u64, String> {
    let amount: u64 =
        amount.trim().parse().map_err(|_| format!("Enter a whole number of {}.", unit.as_str()))?;
    match amount.checked_mul(unit.seconds()) {
        Some(0) => Err("Choose a duration of at least one minute.".into()),
        Some(seconds) if seconds <= MAX_VALIDITY => Ok(seconds),
        _ => Err("That is longer than Algolia allows (about 68 years).".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_untouched_expiry_keeps_its_instant_however_long_the_form_was_open() {
        let expires = Expiry::of(Some(1_000_000_000.0));
        assert_eq!(expires.validity_at(1_000_000_000.0 - 3_600_000.0), Ok(3_600));
        // Ten minutes later the same instant is ten minutes closer.
        assert_eq!(expires.validity_at(1_000_000_000.0 - 3_000_000.0), Ok(3_000));
        assert_eq!(expires.validity_at(1_000_000_000.0 - 1.0), Ok(1), "rounded up, never 0");
        assert!(expires.validity_at(1_000_000_000.0).is_err());
    }

    #[test]
    fn never_stays_never_and_durations_count_from_the_save() {
        assert_eq!(Expiry::of(None), Expiry::Never);
        assert_eq!(Expiry::Never.validity_at(5.0), Ok(0));
        assert_eq!(Expiry::Never.instant(5.0), None);
        assert_eq!(Expiry::After { seconds: 60 }.validity_at(5.0), Ok(60));
        assert_eq!(Expiry::After { seconds: 60 }.instant(1_000.0), Some(61_000.0));
        assert!(Expiry::After { seconds: 0 }.validity_at(5.0).is_err());
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("30", Unit::Days), Ok(2_592_000));
        assert_eq!(parse_duration(" 2 ", Unit::Hours), Ok(7_200));
        assert!(parse_duration("0", Unit::Minutes).is_err());
        assert!(parse_duration("1.5", Unit::Hours).unwrap_err().contains("whole number of hours"));
        assert!(parse_duration("-1", Unit::Days).is_err());
        assert!(parse_duration("30000", Unit::Days).unwrap_err().contains("longer"));
        assert_eq!(Unit::parse("hours"), Unit::Hours);
    }
}
