//! The expiry calendar: an iCalendar (RFC 5545) file with an event at each key's expiry, and a
//! reminder a day before. It names the key by its description and masked value: never the value.

use crate::keys::KeyRow;
use crate::keys::format::{Utc, mask};

/// The calendar of the keys of `rows` that will expire after `now_ms`. `app_name` names the
/// application in each event ("prod (ABCD1234)"); `app_id` keeps events of two applications apart.
pub fn calendar(app_name: &str, app_id: &str, rows: &[KeyRow], now_ms: f64) -> String {
    let mut ics = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Keys console//Algolia key expiries//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        &format!("X-WR-CALNAME:{}", text(&format!("Algolia key expiries: {app_name}"))),
    ] {
        fold(line, &mut ics);
    }
    for row in rows {
        let Some(at) = row.expires_at_ms.filter(|at| *at > now_ms) else { continue };
        let key = &row.key;
        let name = if key.description.is_empty() { mask(&key.value) } else { key.description.clone() };
        let acl = if key.acl.is_empty() { "none".to_owned() } else { key.acl.join(", ") };
        for line in [
            "BEGIN:VEVENT",
            // The short hash tells keys apart without giving the value away.
            &format!("UID:{}-{}@keys-console", row.hash(), text(app_id)),
            &format!("DTSTAMP:{}", stamp(now_ms)),
            &format!("DTSTART:{}", stamp(at)),
            &format!("DTEND:{}", stamp(at + 15.0 * 60_000.0)),
            &format!("SUMMARY:{}", text(&format!("Algolia key expires: {name}"))),
            &format!(
                "DESCRIPTION:{}",
                text(&format!(
                    "The key {} of {app_name} expires. ACL: {acl}. Roll it or extend it in the keys console if it is still in use.",
                    mask(&key.value)
                ))
            ),
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            "TRIGGER:-P1D",
            &format!("DESCRIPTION:{}", text(&format!("Tomorrow the Algolia key {name} expires"))),
            "END:VALARM",
            "END:VEVENT",
        ] {
            fold(line, &mut ics);
        }
    }
    fold("END:VCALENDAR", &mut ics);
    ics
}

/// A UTC instant as iCalendar writes it: `20240606T152900Z`.
fn stamp(ms: f64) -> String {
    let Utc { year, month, day, hour, minute, second } = Utc::of(ms);
    format!("{year:04}{month:02}{day:02}T{hour:02}{minute:02}{second:02}Z")
}

/// A TEXT value, escaped (RFC 5545, 3.3.11).
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' | ';' | ',' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line added to `out`, folded into lines of at most 75 octets (continuations start
/// with a space), never inside a character, each ending in CRLF.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algolia::ApiKey;

    const NOW: f64 = 1_717_687_740_000.0; // 2024-06-06 15:29:00 UTC

    fn row(value: &str, description: &str, validity: u64) -> KeyRow {
        let key = ApiKey {
            value: value.into(),
            description: description.into(),
            acl: vec!["search".into(), "browse".into()],
            validity,
            ..ApiKey::default()
        };
        KeyRow::new(key, NOW)
    }

    /// The calendar's content lines, unfolded.
    fn unfolded(ics: &str) -> Vec<String> {
        ics.replace("\r\n ", "").split("\r\n").filter(|l| !l.is_empty()).map(str::to_owned).collect()
    }

    #[test]
    fn an_event_per_expiring_key_without_its_value() {
        let value = "0123456789abcdef0123456789abcdef";
        let rows = [row(value, "Storefront; search, EU", 86_400), row(&"b".repeat(32), "Forever", 0)];
        let ics = calendar("prod (ABCD123456)", "ABCD123456", &rows, NOW);
        assert!(!ics.contains(value), "the value never appears");
        assert!(ics.split('\n').filter(|l| !l.is_empty()).all(|l| l.ends_with('\r')), "CRLF line ends");
        let lines = unfolded(&ics);
        assert_eq!(
            lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(),
            1,
            "the never-expiring key has none"
        );
        assert!(lines.contains(&"DTSTART:20240607T152900Z".to_owned()));
        assert!(lines.contains(&"DTEND:20240607T154400Z".to_owned()));
        assert!(lines.contains(&"DTSTAMP:20240606T152900Z".to_owned()));
        assert!(lines.contains(&"SUMMARY:Algolia key expires: Storefront\\; search\\, EU".to_owned()));
        assert!(lines.contains(&"TRIGGER:-P1D".to_owned()));
        let uid = lines.iter().find(|l| l.starts_with("UID:")).expect("uid");
        assert_eq!(*uid, format!("UID:{}-ABCD123456@keys-console", rows[0].hash()));
        let description = lines.iter().find(|l| l.starts_with("DESCRIPTION:The key")).expect("description");
        assert!(description.contains("0123••••••••cdef") && description.contains("ACL: search\\, browse."));
        assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
        assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
    }

    #[test]
    fn expired_keys_have_no_event() {
        let expired = KeyRow::new(ApiKey { validity: 10, ..ApiKey::default() }, NOW - 20_000.0);
        assert!(!calendar("prod", "A", &[expired], NOW).contains("BEGIN:VEVENT"));
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let line = format!("SUMMARY:{}", "é".repeat(60));
        let mut folded = String::new();
        fold(&line, &mut folded);
        for part in folded.split("\r\n").filter(|p| !p.is_empty()) {
            assert!(part.len() <= 75, "{} octets", part.len());
        }
        assert_eq!(folded.replace("\r\n ", "").trim_end(), line);
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
