//! JSON values compared by meaning rather than by text: `1.50` and `1.5`, `1e3` and `1000`, and
//! objects whose members come in another order are the same. For the fields of a key this console
//! does not model, which the service may store in its own way. A canonical text rather than
//! serde_json's `Value`: a value tree, its map and their comparisons cost kilobytes of the bundle
//! for this one use.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// The canonical text of a JSON value: no spacing, object members sorted by name, a number by its
/// value. `None` when the text is not one JSON value.
pub fn canonical(json: &str) -> Option<String> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let text = deserializer.deserialize_any(Canonical).ok()?;
    deserializer.end().ok()?;
    Some(text)
}

/// Inserts `(name, value)` in its place by name; a later value of a name replaces the earlier one,
/// as a JSON parser keeps the last.
pub fn insert_sorted(entries: &mut Vec<(String, String)>, name: String, value: String) {
    match entries.binary_search_by(|(n, _)| n.as_str().cmp(&name)) {
        Ok(at) => entries[at].1 = value,
        Err(at) => entries.insert(at, (name, value)),
    }
}

struct Canonical;

fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

impl<'de> DeserializeSeed<'de> for Canonical {
    type Value = String;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        deserializer.deserialize_any(Canonical)
    }
}

impl<'de> Visitor<'de> for Canonical {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<String, E> {
        Ok("null".into())
    }

    fn visit_bool<E>(self, v: bool) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_i64<E>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_u64<E>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }

    /// A whole number written with a fraction or an exponent reads as that integer; any other by
    /// its bits (formatting a float would bring its code into the bundle).
    fn visit_f64<E>(self, v: f64) -> Result<String, E> {
        if v.fract() == 0.0 && v.abs() < 9e15 {
            Ok((v as i64).to_string())
        } else {
            Ok(format!("f{:x}", v.to_bits()))
        }
    }

    fn visit_str<E>(self, v: &str) -> Result<String, E> {
        Ok(quoted(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<String, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(Canonical)? {
            items.push(item);
        }
        Ok(format!("[{}]", items.join(",")))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<String, A::Error> {
        let mut entries = Vec::new();
        while let Some(name) = map.next_key::<String>()? {
            let value = map.next_value_seed(Canonical)?;
            insert_sorted(&mut entries, name, value);
        }
        let members: Vec<String> = entries.into_iter().map(|(n, v)| format!("{}:{v}", quoted(&n))).collect();
        Ok(format!("{{{}}}", members.join(",")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_value_however_written() {
        let same = |a: &str, b: &str| canonical(a) == canonical(b);
        assert!(same(r#"{"b": 1.50, "a": [1e3, "x"]}"#, r#"{"a":[1000,"x"],"b":1.5}"#));
        assert!(same(r#""caf\u00e9""#, r#""café""#));
        assert!(same("null", " null "));
        assert!(!same("1.5", "1.6"));
        assert!(!same(r#"{"a": 1}"#, r#"{"a": "1"}"#));
        assert!(!same("[1, 2]", "[2, 1]"), "a list keeps its order");
        assert_eq!(canonical("{} x"), None);
    }
}
