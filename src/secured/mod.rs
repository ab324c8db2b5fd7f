//! Secured API keys, made and read in the browser: restrictions as a query string, signed with the
//! parent key (HMAC-SHA256), the hex signature and the query string base64-encoded together.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::keys::query_params;
use crate::uri::encode_component;

pub mod snippets;
pub mod warnings;

type HmacSha256 = Hmac<Sha256>;

/// A restriction's value, as the secured-key page sets them.
#[derive(Clone, Debug, PartialEq)]
pub enum Restriction {
    Text(String),
    /// A whole number: `validUntil`, in Unix seconds.
    Number(i64),
    /// A list of texts: `restrictIndices`.
    List(Vec<String>),
}

/// The restrictions of a secured key, in the order they are written: named ones at the top
/// level, and the other search parameters under `searchParams`, as the official clients take
/// them (the signed query string is the same either way). Typed rather than a JSON tree: the
/// page sets nothing else, and serde_json's `Value` cost kilobytes of the bundle.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Restrictions {
    pub top: Vec<(String, Restriction)>,
    pub search_params: Vec<(String, String)>,
}

impl Restriction {
    /// As the query string holds it: a list comma-joined.
    fn text(&self) -> String {
        match self {
            Restriction::Text(text) => text.clone(),
            Restriction::Number(n) => n.to_string(),
            Restriction::List(items) => items.join(","),
        }
    }
}

/// The query string of restrictions, as Algolia's clients build it: `searchParams` merged into
/// the top level (a name set in both is signed once, with the `searchParams` value), names sorted,
/// lists comma-joined, values encoded like `encodeURIComponent`.
pub fn query_string(restrictions: &Restrictions) -> String {
    let top = restrictions.top.iter().map(|(name, value)| (name.as_str(), value.text()));
    let inner = restrictions.search_params.iter().map(|(name, value)| (name.as_str(), value.clone()));
    let mut fields: Vec<(&str, String)> = Vec::new();
    for (name, value) in top.chain(inner) {
        // A sorted insert: a sort would bring code of its own into the bundle, for a few fields.
        match fields.binary_search_by(|(n, _)| (*n).cmp(name)) {
            Ok(at) => fields[at].1 = value,
            Err(at) => fields.insert(at, (name, value)),
        }
    }
    fields
        .iter()
        .map(|(name, value)| format!("{name}={}", encode_component(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The secured key for a parent key and a restrictions query string.
pub fn generate(parent: &str, query: &str) -> String {
    STANDARD.encode(format!("{}{query}", signature(parent, query)))
}

fn signature(parent: &str, query: &str) -> String {
    let mut mac = HmacSha256::new_from_slice(parent.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(query.as_bytes());
    mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

/// A secured key taken apart.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    /// The lowercase hex HMAC-SHA256 it carries.
    pub signature: String,
    pub query: String,
    /// The restrictions, decoded.
    pub restrictions: Vec<(String, String)>,
}

impl Decoded {
    /// Whether the key was signed with this parent key.
    pub fn signed_by(&self, parent: &str) -> bool {
        signature(parent, &self.query) == self.signature
    }

    /// `validUntil`, when there is one and it is a number (Unix seconds).
    pub fn valid_until(&self) -> Option<i64> {
        self.restrictions
            .iter()
            .find(|(name, _)| name == "validUntil")
            .and_then(|(_, v)| v.trim().parse().ok())
    }
}

/// Reads a secured key; the message says why the text is not one.
pub fn decode(secured: &str) -> Result<Decoded, String> {
    let secured = secured.trim();
    if secured.is_empty() {
        return Err("Paste a secured API key.".into());
    }
    let bytes = STANDARD.decode(secured).map_err(|_| {
        "This is not a secured API key: it is not base64 text (a regular API key is 32 hex digits)."
            .to_owned()
    })?;
    let text = String::from_utf8(bytes)
        .map_err(|_| "This is not a secured API key: it does not decode to text.".to_owned())?;
    let (signature, query) = text.split_at(text.char_indices().nth(64).map_or(text.len(), |(i, _)| i));
    if signature.len() != 64 || !signature.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
        return Err(
            "This is not a secured API key: it does not start with a 64-digit HMAC-SHA256 signature.".into(),
        );
    }
    Ok(Decoded {
        signature: signature.to_owned(),
        query: query.to_owned(),
        restrictions: query_params::parse(query),
    })
}

/// Whether a text looks like a secured key, to refuse it as a parent.
pub fn is_secured(text: &str) -> bool {
    decode(text).is_ok()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn vectors() -> Vec<Value> {
        let file: Value =
            serde_json::from_str(include_str!("../../tests/fixtures/secured-key-vectors.json")).unwrap();
        file["vectors"].as_array().unwrap().clone()
    }

    /// Restrictions from a JSON object of the kinds the page sets.
    pub(crate) fn from_json(value: &Value) -> Restrictions {
        let typed = |value: &Value| match value {
            Value::String(text) => Restriction::Text(text.clone()),
            Value::Number(n) => Restriction::Number(n.as_i64().unwrap()),
            Value::Array(items) => {
                Restriction::List(items.iter().map(|i| i.as_str().unwrap().to_owned()).collect())
            }
            other => panic!("not a restriction the page sets: {other}"),
        };
        let mut restrictions = Restrictions::default();
        for (name, value) in value.as_object().unwrap() {
            match (name.as_str(), value) {
                ("searchParams", Value::Object(inner)) => {
                    restrictions.search_params =
                        inner.iter().map(|(n, v)| (n.clone(), v.as_str().unwrap().to_owned())).collect();
                }
                _ => restrictions.top.push((name.clone(), typed(value))),
            }
        }
        restrictions
    }

    #[test]
    fn reproduces_every_vector() {
        let vectors = vectors();
        assert_eq!(vectors.len(), 3);
        for vector in vectors {
            let query = query_string(&from_json(&vector["restrictions"]));
            if let Some(expected) = vector.get("queryString") {
                assert_eq!(query, expected.as_str().unwrap());
            }
            let parent = vector["parentApiKey"].as_str().unwrap();
            if let Some(hmac) = vector.get("hmacHex") {
                assert_eq!(signature(parent, &query), hmac.as_str().unwrap());
            }
            assert_eq!(generate(parent, &query), vector["securedKey"].as_str().unwrap());
            let decoded = decode(vector["securedKey"].as_str().unwrap()).unwrap();
            assert_eq!(decoded.query, query);
            assert!(decoded.signed_by(parent));
            assert!(!decoded.signed_by("another parent"));
        }
    }

    #[test]
    fn round_trips_awkward_restrictions() {
        let restrictions = from_json(&json!({
            "filters": "brand:\"Acme & Co\" AND price=10",
            "userToken": "utilisateur café 日本",
            "restrictIndices": ["prod_*", "dev products"],
            "validUntil": 2_000_000_000,
            "searchParams": {"hitsPerPage": "5", "analytics": "false"},
        }));
        let query = query_string(&restrictions);
        assert_eq!(
            query,
            "analytics=false&filters=brand%3A%22Acme%20%26%20Co%22%20AND%20price%3D10&hitsPerPage=5\
             &restrictIndices=prod_*%2Cdev%20products&userToken=utilisateur%20caf%C3%A9%20%E6%97%A5%E6%9C%AC\
             &validUntil=2000000000"
        );
        let decoded = decode(&generate("parent", &query)).unwrap();
        assert_eq!(
            decoded.restrictions,
            [
                ("analytics".into(), "false".into()),
                ("filters".into(), "brand:\"Acme & Co\" AND price=10".into()),
                ("hitsPerPage".into(), "5".into()),
                ("restrictIndices".into(), "prod_*,dev products".into()),
                ("userToken".into(), "utilisateur café 日本".into()),
                ("validUntil".into(), "2000000000".into()),
            ]
        );
        assert_eq!(decoded.valid_until(), Some(2_000_000_000));
        assert!(decoded.signed_by("parent"));
    }

    #[test]
    fn search_params_win_over_the_top_level_as_in_the_helpers() {
        let restrictions = from_json(&json!({
            "filters": "brand:Acme",
            "hitsPerPage": 10,
            "searchParams": {"filters": "brand:Other", "analytics": "false"}
        }));
        assert_eq!(query_string(&restrictions), "analytics=false&filters=brand%3AOther&hitsPerPage=10");
    }

    #[test]
    fn what_is_not_a_secured_key_is_said_plainly() {
        assert!(decode("").unwrap_err().contains("Paste"));
        assert!(decode("not base64!").unwrap_err().contains("not base64"));
        assert!(decode("0123456789abcdef0123456789abcdef").unwrap_err().contains("not a secured API key"));
        assert!(decode(&STANDARD.encode("short")).unwrap_err().contains("signature"));
        assert!(decode(&STANDARD.encode([0xff, 0xfe])).unwrap_err().contains("text"));
        assert!(!is_secured("0123456789abcdef0123456789abcdef"));
        assert!(is_secured(&generate("p", "a=b")));
    }
}
