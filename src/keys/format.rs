//! The words and numbers the console shows for keys: masked values, relative and absolute times,
//! expiry countdowns, and what could not be read.

use crate::algolia::Problem;

const MINUTE: u64 = 60;
const HOUR: u64 = 60 * MINUTE;
const DAY: u64 = 24 * HOUR;

/// A key value with only its first and last four characters showing.
pub fn mask(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() <= 8 {
        return "•".repeat(chars.len().max(8));
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}••••••••{tail}")
}

/// How a key is named in sentences: its description and its masked value.
pub fn key_name(description: &str, value: &str) -> String {
    match description {
        "" => format!("The key {}", mask(value)),
        description => format!("“{description}” ({})", mask(value)),
    }
}

/// "just now", "5 min ago", "3 h ago", "4 days ago", "2 months ago", "3 years ago".
pub fn ago(elapsed_ms: f64) -> String {
    let seconds = (elapsed_ms / 1000.0).max(0.0) as u64;
    match seconds {
        s if s < MINUTE => "just now".to_owned(),
        s if s < HOUR => format!("{} min ago", s / MINUTE),
        s if s < DAY => format!("{} h ago", s / HOUR),
        s if s < 60 * DAY => plural(s / DAY, "day", "ago"),
        s if s < 730 * DAY => plural(s / (30 * DAY), "month", "ago"),
        s => plural(s / (365 * DAY), "year", "ago"),
    }
}

/// How long ago, in the table's short form, which fits its narrow column: "just now", "5 min",
/// "3 h", "45 d", "13 mo", "4 y". The exact time is in the cell's tooltip.
pub fn ago_short(elapsed_ms: f64) -> String {
    let seconds = (elapsed_ms / 1000.0).max(0.0) as u64;
    match seconds {
        s if s < MINUTE => "just now".to_owned(),
        s if s < HOUR => format!("{} min", s / MINUTE),
        s if s < DAY => format!("{} h", s / HOUR),
        s if s < 60 * DAY => format!("{} d", s / DAY),
        s if s < 730 * DAY => format!("{} mo", s / (30 * DAY)),
        s => format!("{} y", s / (365 * DAY)),
    }
}

/// "1 key", "3 keys"; with another noun, "1 key definition", "3 key definitions".
pub fn count(n: usize, noun: &str) -> String {
    plural(n as u64, noun, "")
}

fn plural(n: u64, unit: &str, suffix: &str) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!("{n} {unit}{s} {suffix}").trim_end().to_owned()
}

/// An expiry for the table: "never", "expired", or a countdown precise enough to tick visibly when
/// it is close: "in 42 s", "in 12 min 5 s", "in 3 h 12 min", "in 5 days".
pub fn expiry(seconds_left: Option<u64>) -> String {
    match seconds_left {
        None => "never".to_owned(),
        Some(0) => "expired".to_owned(),
        Some(s) if s < MINUTE => format!("in {s} s"),
        Some(s) if s < HOUR => format!("in {} min {} s", s / MINUTE, s % MINUTE),
        Some(s) if s < 2 * DAY => format!("in {} h {} min", s / HOUR, (s % HOUR) / MINUTE),
        Some(s) => format!("in {}", plural(s / DAY, "day", "")),
    }
}

/// The table's short countdown, under its "Expires" heading: "never", "expired", "42 s",
/// "12 min 5 s", "3 h 12 min", "5 d".
pub fn expiry_short(seconds_left: Option<u64>) -> String {
    match seconds_left {
        Some(s) if s >= 2 * DAY => format!("{} d", s / DAY),
        left => expiry(left).trim_start_matches("in ").to_owned(),
    }
}

/// Names or patterns in quotes, comma-separated: “a”, “b”.
pub fn quoted(items: &[String]) -> String {
    items.iter().map(|item| format!("“{item}”")).collect::<Vec<_>>().join(", ")
}

/// Unix milliseconds as "2024-06-06 15:29 UTC".
pub fn utc(ms: f64) -> String {
    let Utc { year, month, day, hour, minute, .. } = Utc::of(ms);
    format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02} UTC")
}

/// A UTC date and time, to the second.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Utc {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: i64,
    pub minute: i64,
    pub second: i64,
}

impl Utc {
    /// From Unix milliseconds, rounded down to the second.
    pub fn of(ms: f64) -> Self {
        let seconds = (ms / 1000.0).floor() as i64;
        let (days, rest) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
        let (year, month, day) = civil_from_days(days);
        Self { year, month, day, hour: rest / 3600, minute: rest % 3600 / 60, second: rest % 60 }
    }
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The name a key's warning marker gives the fields that could not be read.
pub fn not_fully_read(problems: &[Problem]) -> String {
    let fields: Vec<&str> = problems.iter().map(|p| p.field).collect();
    format!("Not fully read: {}", fields.join(", "))
}

/// What the keys page says of list entries it could not show at all; `None` when there are none.
pub fn unreadable_entries(count: usize) -> Option<String> {
    match count {
        0 => None,
        1 => {
            Some("1 entry of the list could not be read: it has no key value, so it is not shown.".to_owned())
        }
        n => Some(format!(
            "{n} entries of the list could not be read: they have no key value, so they are not shown."
        )),
    }
}

/// A limit where 0 means none: "no limit" or the number with thousands separated.
pub fn limit(value: u64) -> String {
    if value == 0 {
        return "no limit".to_owned();
    }
    let digits = value.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// An index or referer pattern in words: Algolia allows a leading `*`, a trailing `*`, or both.
pub fn describe_pattern(pattern: &str, noun: &str) -> String {
    match (pattern.strip_prefix('*'), pattern.strip_suffix('*')) {
        _ if pattern == "*" => format!("every {noun}"),
        (Some(rest), _) if rest.ends_with('*') => {
            format!("every {noun} containing “{}”", &rest[..rest.len() - 1])
        }
        (Some(suffix), _) => format!("every {noun} ending with “{suffix}”"),
        (None, Some(prefix)) => format!("every {noun} starting with “{prefix}”"),
        (None, None) => format!("the {noun} “{pattern}”"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_in_words() {
        assert_eq!(describe_pattern("dev_*", "index"), "every index starting with “dev_”");
        assert_eq!(describe_pattern("*_dev", "index"), "every index ending with “_dev”");
        assert_eq!(describe_pattern("*_products_*", "index"), "every index containing “_products_”");
        assert_eq!(describe_pattern("movies", "index"), "the index “movies”");
        assert_eq!(describe_pattern("*", "referer"), "every referer");
    }

    #[test]
    fn counts_in_words() {
        assert_eq!(count(1, "key"), "1 key");
        assert_eq!(count(0, "key"), "0 keys");
        assert_eq!(count(3, "key definition"), "3 key definitions");
    }

    #[test]
    fn masks_all_but_the_ends() {
        assert_eq!(mask("0123456789abcdef0123456789abcdef"), "0123••••••••cdef");
        assert_eq!(mask("short"), "••••••••");
    }

    #[test]
    fn keys_are_named_by_description_and_masked_value() {
        let value = "0123456789abcdef0123456789abcdef";
        assert_eq!(key_name("Shop", value), "“Shop” (0123••••••••cdef)");
        assert_eq!(key_name("", value), "The key 0123••••••••cdef");
    }

    #[test]
    fn relative_times() {
        assert_eq!(ago(5_000.0), "just now");
        assert_eq!(ago(5.0 * 60_000.0), "5 min ago");
        assert_eq!(ago(3.0 * 3_600_000.0), "3 h ago");
        assert_eq!(ago(86_400_000.0), "1 day ago");
        assert_eq!(ago(45.0 * 86_400_000.0), "45 days ago");
        assert_eq!(ago(400.0 * 86_400_000.0), "13 months ago");
        assert_eq!(ago(1500.0 * 86_400_000.0), "4 years ago");
        assert_eq!(ago(-10.0), "just now");
    }

    #[test]
    fn short_forms_for_the_table() {
        assert_eq!(ago_short(5_000.0), "just now");
        assert_eq!(ago_short(5.0 * 60_000.0), "5 min");
        assert_eq!(ago_short(3.0 * 3_600_000.0), "3 h");
        assert_eq!(ago_short(45.0 * 86_400_000.0), "45 d");
        assert_eq!(ago_short(61.0 * 86_400_000.0), "2 mo");
        assert_eq!(ago_short(1500.0 * 86_400_000.0), "4 y");
        assert_eq!(expiry_short(None), "never");
        assert_eq!(expiry_short(Some(0)), "expired");
        assert_eq!(expiry_short(Some(42)), "42 s");
        assert_eq!(expiry_short(Some(4 * 3600 + 59 * 60 + 30)), "4 h 59 min");
        assert_eq!(expiry_short(Some(5 * 86_400 + 100)), "5 d");
    }

    #[test]
    fn expiry_countdowns() {
        assert_eq!(expiry(None), "never");
        assert_eq!(expiry(Some(0)), "expired");
        assert_eq!(expiry(Some(42)), "in 42 s");
        assert_eq!(expiry(Some(12 * 60 + 5)), "in 12 min 5 s");
        assert_eq!(expiry(Some(3 * 3600 + 12 * 60 + 59)), "in 3 h 12 min");
        assert_eq!(expiry(Some(5 * 86_400 + 100)), "in 5 days");
        assert_eq!(expiry(Some(2 * 86_400)), "in 2 days");
    }

    #[test]
    fn absolute_utc_times() {
        assert_eq!(utc(0.0), "1970-01-01 00:00 UTC");
        assert_eq!(utc(1_688_474_955_123.0), "2023-07-04 12:49 UTC");
        assert_eq!(utc(951_782_400_000.0), "2000-02-29 00:00 UTC");
    }

    #[test]
    fn what_could_not_be_read() {
        let problem = |field| Problem { field, expected: "a text", found: "an object".into() };
        assert_eq!(not_fully_read(&[problem("createdAt"), problem("acl")]), "Not fully read: createdAt, acl");
        assert_eq!(unreadable_entries(0), None);
        assert!(unreadable_entries(1).unwrap().starts_with("1 entry of the list could not be read"));
        assert!(unreadable_entries(3).unwrap().starts_with("3 entries of the list could not be read"));
    }

    #[test]
    fn limits() {
        assert_eq!(limit(0), "no limit");
        assert_eq!(limit(999), "999");
        assert_eq!(limit(100_000), "100,000");
        assert_eq!(limit(1_234_567), "1,234,567");
    }
}
