//! Forced query parameters (`queryParameters`): a URL query string, read into name/value rows and
//! written back exactly as JavaScript's `encodeURIComponent` would.

use crate::uri::encode_component;

/// Splits `a=1&b=x%20y` into decoded pairs, leniently (for display): a part without `=` has an
/// empty value, and a broken escape is kept as it is.
pub fn parse(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (name, value) = part.split_once('=').unwrap_or((part, ""));
            (decode(name), decode(value))
        })
        .collect()
}

/// Splits a query string for editing, refusing what could not be written back the same way: a part
/// without a name or without `=`, or a `%` that is not an escape. The message says what is wrong.
pub fn parse_strict(query: &str) -> Result<Vec<(String, String)>, String> {
    query
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (name, value) = part
                .split_once('=')
                .filter(|(name, _)| !name.is_empty())
                .ok_or_else(|| format!("“{part}” is not of the form name=value."))?;
            Ok((strict_decode(name, part)?, strict_decode(value, part)?))
        })
        .collect()
}

/// Joins rows into a query string; rows with an empty name are left out.
pub fn encode(rows: &[(String, String)]) -> String {
    rows.iter()
        .filter(|(name, _)| !name.trim().is_empty())
        .map(|(name, value)| format!("{}={}", encode_component(name.trim()), encode_component(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Percent-decoding with `+` as a space (form encoding); bytes that are not valid UTF-8 become
/// replacement characters rather than being dropped.
pub fn decode(text: &str) -> String {
    decode_bytes(text, false).unwrap_or_default()
}

fn strict_decode(text: &str, part: &str) -> Result<String, String> {
    decode_bytes(text, true)
        .ok_or_else(|| format!("“{part}” has a % that is not followed by two hex digits."))
}

fn decode_bytes(text: &str, strict: bool) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => match (bytes.get(i + 1).and_then(|b| hex(*b)), bytes.get(i + 2).and_then(|b| hex(*b))) {
                (Some(high), Some(low)) => {
                    out.push(high * 16 + low);
                    i += 3;
                }
                _ if strict => return None,
                _ => {
                    out.push(b'%');
                    i += 1;
                }
            },
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            byte => {
                out.push(byte);
                i += 1;
            }
        }
    }
    Some(String::from_utf8_lossy(&out).into_owned())
}

fn hex(byte: u8) -> Option<u8> {
    (byte as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn parses_pairs() {
        assert_eq!(
            parse("typoTolerance=strict&restrictSources=192.168.1.0%2F24&filters=a%3D1+b&flag"),
            rows(&[
                ("typoTolerance", "strict"),
                ("restrictSources", "192.168.1.0/24"),
                ("filters", "a=1 b"),
                ("flag", "")
            ])
        );
        assert!(parse("").is_empty());
    }

    #[test]
    fn decodes_utf8_and_keeps_broken_escapes() {
        assert_eq!(decode("caf%C3%A9"), "café");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz"), "%zz");
        assert_eq!(decode("%FF"), "\u{fffd}");
    }

    #[test]
    fn strict_parsing_refuses_what_it_cannot_write_back() {
        assert_eq!(parse_strict("a=1&b=").unwrap(), rows(&[("a", "1"), ("b", "")]));
        assert!(parse_strict("flag").unwrap_err().contains("name=value"));
        assert!(parse_strict("=x").unwrap_err().contains("name=value"));
        assert!(parse_strict("a=100%").unwrap_err().contains("two hex digits"));
    }

    #[test]
    fn rows_round_trip_without_loss() {
        let original = rows(&[
            ("filters", "brand:\"Acme & Co\" AND price < 10"),
            ("restrictSources", "10.0.0.0/8"),
            ("q", "café"),
        ]);
        assert_eq!(parse_strict(&encode(&original)).unwrap(), original);
        assert_eq!(encode(&rows(&[("", "dropped"), (" a ", "1")])), "a=1");
    }
}
