//! Forced query parameters (`queryParameters`): a URL query string, read into name/value rows and
//! written back. A row left as it was read goes back as the exact text it was read as (`+` or `%20`,
//! `%3a` or `:`); an edited row is written as JavaScript's `encodeURIComponent` would.

use crate::uri::encode_component;

/// One parameter row: its name and value, decoded for editing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Param {
    pub name: String,
    pub value: String,
    /// The pair's text as read (`query=a+b`), if it was read: while the name and value are still
    /// what it decodes to, it is sent back as it is.
    pub read_as: Option<String>,
}

impl Param {
    /// A row the user typed: it has no text of its own until it is encoded.
    pub fn typed(name: impl Into<String>, value: impl Into<String>) -> Self {
        Self { name: name.into(), value: value.into(), read_as: None }
    }

    /// Whether the row still holds what it was read as: then it is the server's, not the user's.
    pub fn is_as_read(&self) -> bool {
        self.read_as.as_deref().is_some_and(|text| {
            split_strict(text).is_ok_and(|(name, value)| name == self.name && value == self.value)
        })
    }

    /// The row's text in a query string: as read if unchanged since, encoded otherwise.
    fn text(&self) -> String {
        match &self.read_as {
            Some(text) if self.is_as_read() => text.clone(),
            _ => format!("{}={}", encode_component(self.name.trim()), encode_component(&self.value)),
        }
    }
}

/// Splits `a=1&b=x%20y` into decoded pairs, leniently (for display): a part without `=` has an
/// empty value, and a broken escape is kept as it is.
pub fn parse(query: &str) -> Vec<(String, String)> {
    parts(query)
        .map(|part| {
            let (name, value) = part.split_once('=').unwrap_or((part, ""));
            (decode(name), decode(value))
        })
        .collect()
}

/// Splits a query string for editing, refusing what could not be written back the same way: a part
/// without a name or without `=`, or a `%` that is not an escape. The message says what is wrong.
pub fn parse_strict(query: &str) -> Result<Vec<Param>, String> {
    parts(query)
        .map(|part| {
            let (name, value) = split_strict(part)?;
            Ok(Param { name, value, read_as: Some(part.to_owned()) })
        })
        .collect()
}

/// The parts between `&`s, empty ones left out.
fn parts(query: &str) -> impl Iterator<Item = &str> {
    query.split('&').filter(|part| !part.is_empty())
}

fn split_strict(part: &str) -> Result<(String, String), String> {
    let (name, value) = part
        .split_once('=')
        .filter(|(name, _)| !name.is_empty())
        .ok_or_else(|| format!("“{part}” is not of the form name=value."))?;
    Ok((strict_decode(name, part)?, strict_decode(value, part)?))
}

/// Joins rows into a query string; rows with an empty name are left out. `read` is the whole text
/// as read: when every row is still as read, in the order read, it comes back whole, even the
/// separators that parsing dropped (`a=1&&b=2`, a trailing `&`).
pub fn encode(rows: &[Param], read: &str) -> String {
    let texts: Vec<String> = rows.iter().filter(|row| !row.name.trim().is_empty()).map(Param::text).collect();
    if parts(read).eq(texts.iter().map(String::as_str)) {
        return read.to_owned();
    }
    texts.join("&")
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

    fn pairs(params: &[Param]) -> Vec<(String, String)> {
        params.iter().map(|p| (p.name.clone(), p.value.clone())).collect()
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
        assert_eq!(pairs(&parse_strict("a=1&b=").unwrap()), rows(&[("a", "1"), ("b", "")]));
        assert!(parse_strict("flag").unwrap_err().contains("name=value"));
        assert!(parse_strict("=x").unwrap_err().contains("name=value"));
        assert!(parse_strict("a=100%").unwrap_err().contains("two hex digits"));
    }

    #[test]
    fn typed_rows_round_trip_without_loss() {
        let original = vec![
            Param::typed("filters", "brand:\"Acme & Co\" AND price < 10"),
            Param::typed("restrictSources", "10.0.0.0/8"),
            Param::typed("q", "café"),
        ];
        let encoded = encode(&original, "");
        assert_eq!(pairs(&parse_strict(&encoded).unwrap()), pairs(&original));
        assert_eq!(encode(&[Param::typed("", "dropped"), Param::typed(" a ", "1")], ""), "a=1");
    }

    #[test]
    fn rows_left_as_read_give_back_the_text_read_byte_for_byte() {
        for read in [
            "filters=brand:Acme&query=a+b",
            "query=a%20b&filters=brand%3aAcme",
            "q=caf%c3%a9&Z=1&a=2",
            "a=1&&b=2&",
            "&x=%2B+%2b",
            "",
        ] {
            assert_eq!(encode(&parse_strict(read).unwrap(), read), read);
        }
    }

    #[test]
    fn an_edited_row_alone_is_encoded_again() {
        let read = "filters=brand:Acme&query=a+b&q=caf%c3%a9";
        let mut rows = parse_strict(read).unwrap();
        rows[1].value = "a c".into();
        assert_eq!(encode(&rows, read), "filters=brand:Acme&query=a%20c&q=caf%c3%a9");
        // Typed back to what it was, the row is as read again.
        rows[1].value = "a b".into();
        assert_eq!(encode(&rows, read), read);
    }

    #[test]
    fn removed_added_and_reordered_rows_keep_the_others_text() {
        let read = "a=x+y&b=1&&c=%3a";
        let mut rows = parse_strict(read).unwrap();
        rows.remove(1);
        assert_eq!(encode(&rows, read), "a=x+y&c=%3a");
        rows.swap(0, 1);
        assert_eq!(encode(&rows, read), "c=%3a&a=x+y");
        rows.push(Param::typed("d", "p q"));
        assert_eq!(encode(&rows, read), "c=%3a&a=x+y&d=p%20q");
        rows.push(Param::typed(" ", ""));
        assert_eq!(encode(&rows, read), "c=%3a&a=x+y&d=p%20q", "an empty row is no parameter");
    }
}
