//! RFC 3339 timestamps (`2024-06-06T15:29:00.123Z`, `2024-06-06T17:29:00+02:00`), as Algolia writes
//! `createdAt` in its write responses and, a proxy or an API change permitting, in its reads too.
//! A few lines here rather than a date crate: this is the only date text the console reads, and a
//! crate would add to every download of the app.

/// Unix milliseconds of an RFC 3339 date-time, or `None` when the text is not one.
pub fn parse_ms(text: &str) -> Option<f64> {
    let b = text.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    if !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let year = digits(&b[0..4])?;
    let month = digits(&b[5..7])?;
    let day = digits(&b[8..10])?;
    let hour = digits(&b[11..13])?;
    let minute = digits(&b[14..16])?;
    // 60 is a leap second.
    let second = digits(&b[17..19])?;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }

    let mut rest = &b[19..];
    let mut fraction_ms = 0.0;
    if let Some(after_dot) = rest.strip_prefix(b".") {
        let len = after_dot.iter().take_while(|c| c.is_ascii_digit()).count();
        if len == 0 {
            return None;
        }
        // Beyond the microsecond, digits change nothing a console shows.
        let kept = len.min(6);
        fraction_ms = digits(&after_dot[..kept])? as f64 * 1000.0 / 10f64.powi(kept as i32);
        rest = &after_dot[len..];
    }
    let offset_minutes = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (hours, minutes) = (digits(&[*h1, *h2])?, digits(&[*m1, *m2])?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let offset = (hours * 60 + minutes) as i64;
            if *sign == b'-' { -offset } else { offset }
        }
        _ => return None,
    };

    let days = days_from_civil(year as i64, month, day);
    let seconds = days * 86_400 + (hour * 3600 + minute * 60 + second) as i64 - offset_minutes * 60;
    Some(seconds as f64 * 1000.0 + fraction_ms)
}

fn digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm), the inverse of
/// `format::civil_from_days`.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = year - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let yoe = year - era * 400;
    let mp = i64::from((month + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_utc_offsets_and_fractions() {
        assert_eq!(parse_ms("1970-01-01T00:00:00Z"), Some(0.0));
        assert_eq!(parse_ms("2023-11-14T22:13:20Z"), Some(1_700_000_000_000.0));
        assert_eq!(parse_ms("2023-11-14t22:13:20.5z"), Some(1_700_000_000_500.0));
        assert_eq!(parse_ms("2023-11-14 22:13:20.123456789Z"), Some(1_700_000_000_123.456));
        assert_eq!(parse_ms("2023-11-15T00:13:20+02:00"), Some(1_700_000_000_000.0));
        assert_eq!(parse_ms("2023-11-14T17:43:20-04:30"), Some(1_700_000_000_000.0));
        assert_eq!(parse_ms("2000-02-29T00:00:00Z"), Some(951_782_400_000.0));
        assert_eq!(parse_ms("1969-12-31T23:59:59Z"), Some(-1_000.0));
        assert_eq!(parse_ms("2016-12-31T23:59:60Z"), Some(1_483_228_800_000.0), "a leap second");
    }

    #[test]
    fn refuses_what_is_not_rfc_3339() {
        for text in [
            "",
            "yesterday",
            "2023-11-14",
            "2023-11-14T22:13:20",
            "2023-11-14T22:13Z",
            "2023-13-14T22:13:20Z",
            "2023-02-29T22:13:20Z",
            "2023-11-31T22:13:20Z",
            "2023-11-14T24:13:20Z",
            "2023-11-14T22:13:20.Z",
            "2023-11-14T22:13:20+0200",
            "2023-11-14T22:13:20+24:00",
            "2023-11-14T22:13:20Z ",
            "2023-1a-14T22:13:20Z",
            "2023-11-14T22:13:20.12é",
        ] {
            assert_eq!(parse_ms(text), None, "{text}");
        }
    }
}
