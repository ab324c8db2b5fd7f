//! Percent-encoding as browsers do it, for URL paths, query strings and secured keys.

/// Percent-encodes like JavaScript's `encodeURIComponent`: everything but `A-Z a-z 0-9 - _ . ! ~ * ' ( )`,
/// as UTF-8 bytes.
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_like_encode_uri_component() {
        assert_eq!(encode_component("a b&c=d/é!~*'()"), "a%20b%26c%3Dd%2F%C3%A9!~*'()");
        assert_eq!(encode_component("Abc-_.09"), "Abc-_.09");
        assert_eq!(encode_component("日本"), "%E6%97%A5%E6%9C%AC");
    }
}
