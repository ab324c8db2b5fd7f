//! Forced query parameters (`queryParameters`), read into name/value pairs for display.

/// Splits `a=1&b=x%20y` into decoded pairs. A part without `=` has an empty value.
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

/// Percent-decoding as `decodeURIComponent` does, with `+` as a space (form encoding); bytes that
/// are not valid UTF-8 are kept as replacement characters rather than dropped.
pub fn decode(text: &str) -> String {
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
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(byte: u8) -> Option<u8> {
    (byte as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_pairs() {
        assert_eq!(
            parse("typoTolerance=strict&restrictSources=192.168.1.0%2F24&filters=a%3D1+b&flag"),
            [
                ("typoTolerance".into(), "strict".into()),
                ("restrictSources".into(), "192.168.1.0/24".into()),
                ("filters".into(), "a=1 b".into()),
                ("flag".into(), String::new()),
            ]
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
}
