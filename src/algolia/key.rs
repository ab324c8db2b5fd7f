//! An API key as Algolia returns it, read leniently and field by field. Optional fields may be
//! missing or null; `createdAt` may come in seconds, milliseconds or as an RFC 3339 text. A field of
//! an unexpected type fails neither the key nor the list: it is recorded as a problem, the key is
//! shown with what could be read, and it is not written back (an update replaces the whole key, and
//! would lose what was not understood). Fields this console does not know are kept exactly as
//! written, so that an update sends them back byte for byte.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::{canonical, rfc3339};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ApiKey {
    pub value: String,
    /// Unix milliseconds, whatever unit or form the service used.
    pub created_at_ms: Option<f64>,
    pub acl: Vec<String>,
    pub description: String,
    pub indexes: Vec<String>,
    pub referers: Vec<String>,
    pub query_parameters: String,
    pub max_hits_per_query: u64,
    pub max_queries_per_ip_per_hour: u64,
    /// Seconds left before expiry when the key was read; 0 never expires.
    pub validity: u64,
    /// Fields this console does not model, exactly as received.
    pub extra: Extra,
    /// The fields that could not be read, in the order met. Each such field holds its default,
    /// except a list, which holds the items that could be read.
    pub problems: Vec<Problem>,
}

impl ApiKey {
    /// Whether every field was understood. A key that was not must not be sent back in an update
    /// (or a restore's update): that would replace what was not understood with what was guessed.
    pub fn is_fully_read(&self) -> bool {
        self.problems.is_empty()
    }
}

/// A field of a key that could not be read as this console expects.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// The field as Algolia names it, e.g. `createdAt`.
    pub field: &'static str,
    /// What the field should hold, in words.
    pub expected: &'static str,
    /// What it held instead, in words: `the text “yesterday”`, `the number -5`, `an object`.
    pub found: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}: expected {}, found {}", self.field, self.expected, self.found)
    }
}

/// The fields of a key this console does not model, in the order received, each value exactly as
/// written (its spacing, the order of an object's keys, numbers such as `1.50` or `1e3`).
#[derive(Clone, Debug, Default)]
pub struct Extra(Vec<(String, Box<RawValue>)>);

impl Extra {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Each field's name and value as the JSON text received, in the order received.
    pub fn fields(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(name, raw)| (name.as_str(), raw.get()))
    }

    /// A field's value as the JSON text received.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, raw)| raw.get())
    }

    /// Whether both hold the same values, however written. A key read back after an update is
    /// compared this way: the service may store `1.50` as `1.5`, or reorder an object's keys.
    pub fn same_values(&self, other: &Self) -> bool {
        fn values(extra: &Extra) -> Option<Vec<(String, String)>> {
            let mut values = Vec::new();
            for (name, raw) in &extra.0 {
                canonical::insert_sorted(&mut values, name.clone(), canonical::canonical(raw.get())?);
            }
            Some(values)
        }
        self.0.len() == other.0.len() && values(self).is_some_and(|mine| values(other) == Some(mine))
    }
}

/// Equal when written the same, byte for byte and in the same order: what decides whether an update
/// sends the fields as they were read.
impl PartialEq for Extra {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len()
            && self.0.iter().zip(&other.0).all(|((a, x), (b, y))| a == b && x.get() == y.get())
    }
}

impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, raw) in &self.0 {
            map.serialize_entry(name, raw)?;
        }
        map.end()
    }
}

/// `createdAt` values below this are seconds: 1e11 seconds is the year 5138, 1e11 ms is 1973.
const SECONDS_LIMIT: f64 = 1e11;

/// Normalises an Algolia timestamp to Unix milliseconds.
pub fn timestamp_ms(raw: f64) -> f64 {
    if raw.abs() < SECONDS_LIMIT { raw * 1000.0 } else { raw }
}

/// The answer of `GET /1/keys`.
#[derive(Debug, Default, PartialEq)]
pub struct KeyList {
    pub keys: Vec<ApiKey>,
    /// Entries of the list that are not an object with a text `value`: without a value there is no
    /// key to show, so they are only counted.
    pub unreadable: usize,
}

impl<'de> Deserialize<'de> for KeyList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ListVisitor)
    }
}

struct ListVisitor;

impl<'de> Visitor<'de> for ListVisitor {
    type Value = KeyList;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object with the list of keys")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<KeyList, A::Error> {
        let mut list = None;
        while let Some(name) = map.next_key::<Name>()? {
            match name {
                Name::Other(name) if name == "keys" => list = Some(map.next_value_seed(Entries)?),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        list.ok_or_else(|| de::Error::missing_field("keys"))
    }
}

/// The `keys` array, read entry by entry so that one odd entry costs only itself.
struct Entries;

impl<'de> DeserializeSeed<'de> for Entries {
    type Value = KeyList;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<KeyList, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Entries {
    type Value = KeyList;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of keys")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<KeyList, A::Error> {
        let mut list = KeyList::default();
        while let Some(Entry(entry)) = seq.next_element()? {
            match entry {
                Some(key) => list.keys.push(key),
                None => list.unreadable += 1,
            }
        }
        Ok(list)
    }
}

/// One entry of the list: a key, or `None` for anything without a text `value`.
struct Entry(Option<ApiKey>);

impl<'de> Deserialize<'de> for Entry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(EntryVisitor)
    }
}

struct EntryVisitor;

impl<'de> Visitor<'de> for EntryVisitor {
    type Value = Entry;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Entry, A::Error> {
        let (value, mut key) = read_key(map)?;
        Ok(Entry(value.map(|value| {
            key.value = value;
            key
        })))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Entry, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Entry(None))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Entry, E> {
        Ok(Entry(None))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Entry, E> {
        Ok(Entry(None))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Entry, E> {
        Ok(Entry(None))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Entry, E> {
        Ok(Entry(None))
    }

    fn visit_str<E>(self, _: &str) -> Result<Entry, E> {
        Ok(Entry(None))
    }

    fn visit_unit<E>(self) -> Result<Entry, E> {
        Ok(Entry(None))
    }
}

impl<'de> Deserialize<'de> for ApiKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = ApiKey;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an API key object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ApiKey, A::Error> {
        let (value, key) = read_key(map)?;
        let value = value.ok_or_else(|| de::Error::missing_field("value"))?;
        Ok(ApiKey { value, ..key })
    }
}

/// Reads a key object's fields, and its `value` apart: `None` when it is missing or not a text.
//
// A hand-written reader rather than a derive with `#[serde(flatten)]`: flatten buffers every field,
// which costs real time on a 10,000-key list, and each field here is read into a small summary
// (`Read`) whatever its type, so a surprise is recorded rather than failing the whole list.
fn read_key<'de, A: MapAccess<'de>>(mut map: A) -> Result<(Option<String>, ApiKey), A::Error> {
    let mut key = ApiKey::default();
    let mut value = None;
    let mut problems = Vec::new();
    while let Some(name) = map.next_key::<Name>()? {
        let field = match name {
            Name::Other(name) => {
                key.extra.0.push((name, map.next_value()?));
                continue;
            }
            Name::Known(field) => field,
        };
        let read = map.next_value::<Read>()?;
        let mut check = Check { field: field.name(), problems: &mut problems };
        match field {
            Field::Value => {
                value = match read {
                    Read::Text(text) => Some(text),
                    _ => None,
                }
            }
            Field::CreatedAt => key.created_at_ms = check.created_at(read),
            Field::Acl => key.acl = check.texts(read),
            Field::Description => key.description = check.text(read),
            Field::Indexes => key.indexes = check.texts(read),
            Field::Referers => key.referers = check.texts(read),
            Field::QueryParameters => key.query_parameters = check.text(read),
            Field::MaxHitsPerQuery => key.max_hits_per_query = check.count(read),
            Field::MaxQueriesPerIpPerHour => key.max_queries_per_ip_per_hour = check.count(read),
            Field::Validity => key.validity = check.count(read),
        }
    }
    key.problems = problems;
    Ok((value, key))
}

#[derive(Clone, Copy)]
enum Field {
    Value,
    CreatedAt,
    Acl,
    Description,
    Indexes,
    Referers,
    QueryParameters,
    MaxHitsPerQuery,
    MaxQueriesPerIpPerHour,
    Validity,
}

impl Field {
    const ALL: [Field; 10] = [
        Field::Value,
        Field::CreatedAt,
        Field::Acl,
        Field::Description,
        Field::Indexes,
        Field::Referers,
        Field::QueryParameters,
        Field::MaxHitsPerQuery,
        Field::MaxQueriesPerIpPerHour,
        Field::Validity,
    ];

    fn name(self) -> &'static str {
        match self {
            Field::Value => "value",
            Field::CreatedAt => "createdAt",
            Field::Acl => "acl",
            Field::Description => "description",
            Field::Indexes => "indexes",
            Field::Referers => "referers",
            Field::QueryParameters => "queryParameters",
            Field::MaxHitsPerQuery => "maxHitsPerQuery",
            Field::MaxQueriesPerIpPerHour => "maxQueriesPerIPPerHour",
            Field::Validity => "validity",
        }
    }
}

/// A field name, allocated only when it is one this console does not know.
enum Name {
    Known(Field),
    Other(String),
}

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(NameVisitor)
    }
}

struct NameVisitor;

impl Visitor<'_> for NameVisitor {
    type Value = Name;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E>(self, name: &str) -> Result<Name, E> {
        Ok(match Field::ALL.into_iter().find(|f| f.name() == name) {
            Some(field) => Name::Known(field),
            None => Name::Other(name.to_owned()),
        })
    }
}

/// What a known field held, whatever its type, without building a tree: texts and numbers are kept,
/// a list keeps its texts and counts its other items, an object is only noted.
enum Read {
    Null,
    Bool(bool),
    Number(f64),
    Text(String),
    List { texts: Vec<String>, others: usize },
    Object,
}

impl<'de> Deserialize<'de> for Read {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ReadVisitor)
    }
}

struct ReadVisitor;

impl<'de> Visitor<'de> for ReadVisitor {
    type Value = Read;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Read, E> {
        Ok(Read::Null)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Read, E> {
        Ok(Read::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Read, E> {
        Ok(Read::Number(n as f64))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Read, E> {
        Ok(Read::Number(n as f64))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Read, E> {
        Ok(Read::Number(n))
    }

    fn visit_str<E>(self, text: &str) -> Result<Read, E> {
        Ok(Read::Text(text.to_owned()))
    }

    fn visit_string<E>(self, text: String) -> Result<Read, E> {
        Ok(Read::Text(text))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Read, A::Error> {
        let mut texts = Vec::new();
        let mut others = 0;
        while let Some(item) = seq.next_element::<Read>()? {
            match item {
                Read::Text(text) => texts.push(text),
                _ => others += 1,
            }
        }
        Ok(Read::List { texts, others })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Read, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Read::Object)
    }
}

impl Read {
    /// In words, for a problem.
    fn found(&self) -> String {
        match self {
            Read::Null => "null".to_owned(),
            Read::Bool(b) => b.to_string(),
            Read::Number(n) => format!("the number {}", number(*n)),
            Read::Text(text) => format!("the text “{}”", shortened(text)),
            Read::List { others: 0, .. } => "a list".to_owned(),
            Read::List { others: 1, .. } => "a list with an item that is not a text".to_owned(),
            Read::List { others, .. } => format!("a list with {others} items that are not texts"),
            Read::Object => "an object".to_owned(),
        }
    }
}

/// A number as it would usually be written: `-5`, not `-5.0`.
fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        (n as i64).to_string()
    } else {
        serde_json::Number::from_f64(n).map_or_else(String::new, |n| n.to_string())
    }
}

/// A text cut for a message: a key's field could hold anything, of any length.
fn shortened(text: &str) -> String {
    const SHOWN: usize = 40;
    match text.char_indices().nth(SHOWN) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// Turns what a field held into the value it should be, recording a problem when it is not one.
struct Check<'a> {
    field: &'static str,
    problems: &'a mut Vec<Problem>,
}

impl Check<'_> {
    fn problem(&mut self, expected: &'static str, read: &Read) {
        self.problems.push(Problem { field: self.field, expected, found: read.found() });
    }

    fn text(&mut self, read: Read) -> String {
        match read {
            Read::Text(text) => text,
            Read::Null => String::new(),
            other => {
                self.problem("a text", &other);
                String::new()
            }
        }
    }

    fn texts(&mut self, read: Read) -> Vec<String> {
        match read {
            Read::List { texts, others: 0 } => texts,
            Read::Null => Vec::new(),
            other => {
                self.problem("a list of texts", &other);
                match other {
                    Read::List { texts, .. } => texts,
                    _ => Vec::new(),
                }
            }
        }
    }

    /// Counts are whole numbers; `12.0` is one, `-1` and `1.5` are not.
    fn count(&mut self, read: Read) -> u64 {
        match read {
            Read::Number(n) if n >= 0.0 && n.fract() == 0.0 && n <= u64::MAX as f64 => n as u64,
            Read::Null => 0,
            other => {
                self.problem("a whole number, 0 or more", &other);
                0
            }
        }
    }

    fn created_at(&mut self, read: Read) -> Option<f64> {
        let found = match &read {
            Read::Number(n) if n.is_finite() => Some(timestamp_ms(*n)),
            Read::Text(text) => rfc3339::parse_ms(text),
            Read::Null => return None,
            _ => None,
        };
        if found.is_none() {
            self.problem("a Unix time or an RFC 3339 date", &read);
        }
        found
    }
}

/// The body of a create or update. It carries every writable field, always, because an update
/// resets whatever it leaves out, and the fields this console does not know, as they were read.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyBody {
    pub acl: Vec<String>,
    pub description: String,
    pub indexes: Vec<String>,
    pub referers: Vec<String>,
    pub query_parameters: String,
    pub max_hits_per_query: u64,
    #[serde(rename = "maxQueriesPerIPPerHour")]
    pub max_queries_per_ip_per_hour: u64,
    /// Seconds from the request until the key expires; 0 never expires.
    pub validity: u64,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Read as a key is (the tray keeps bodies in the session's storage), but strictly: a body that was
/// not fully read is not a body to send.
impl<'de> Deserialize<'de> for KeyBody {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BodyVisitor;

        impl<'de> Visitor<'de> for BodyVisitor {
            type Value = KeyBody;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("the body of a key")
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<KeyBody, A::Error> {
                let (_, key) = read_key(map)?;
                match key.problems.first() {
                    Some(problem) => Err(de::Error::custom(problem)),
                    None => Ok(KeyBody::from_key(&key, key.validity)),
                }
            }
        }

        deserializer.deserialize_map(BodyVisitor)
    }
}

impl KeyBody {
    /// The body that would give a key its current settings back, with the given validity.
    pub fn from_key(key: &ApiKey, validity: u64) -> Self {
        Self {
            acl: key.acl.clone(),
            description: key.description.clone(),
            indexes: key.indexes.clone(),
            referers: key.referers.clone(),
            query_parameters: key.query_parameters.clone(),
            max_hits_per_query: key.max_hits_per_query,
            max_queries_per_ip_per_hour: key.max_queries_per_ip_per_hour,
            validity,
            extra: key.extra.clone(),
        }
    }

    /// Whether a key read back shows this body applied. `validity` counts down, so it matches if
    /// it is at most what was sent and no more than `slack_s` below it.
    pub fn is_applied_in(&self, key: &ApiKey, slack_s: u64) -> bool {
        let validity_matches = match (self.validity, key.validity) {
            (0, got) => got == 0,
            (sent, got) => got > 0 && got <= sent && sent - got <= slack_s,
        };
        validity_matches
            && self.acl == key.acl
            && self.description == key.description
            && self.indexes == key.indexes
            && self.referers == key.referers
            && self.query_parameters == key.query_parameters
            && self.max_hits_per_query == key.max_hits_per_query
            && self.max_queries_per_ip_per_hour == key.max_queries_per_ip_per_hour
            && self.extra.same_values(&key.extra)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(json: &str) -> ApiKey {
        serde_json::from_str(json).unwrap()
    }

    fn list(json: &str) -> KeyList {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn parses_a_full_key() {
        let key = read(
            r#"{"value": "abc", "createdAt": 1700000000, "acl": ["search"], "description": "d",
                "indexes": ["prod_*"], "referers": ["*.example.com"], "queryParameters": "a=b",
                "maxHitsPerQuery": 5, "maxQueriesPerIPPerHour": 100, "validity": 60}"#,
        );
        assert_eq!(key.created_at_ms, Some(1_700_000_000_000.0));
        assert_eq!(key.indexes, ["prod_*"]);
        assert_eq!((key.max_hits_per_query, key.max_queries_per_ip_per_hour, key.validity), (5, 100, 60));
        assert!(key.extra.is_empty());
        assert!(key.is_fully_read());
    }

    #[test]
    fn missing_and_null_fields_take_defaults() {
        let key = read(r#"{"value": "abc", "acl": null, "validity": null, "createdAt": null}"#);
        assert_eq!(key, ApiKey { value: "abc".into(), ..ApiKey::default() });
    }

    #[test]
    fn created_at_in_seconds_milliseconds_or_rfc_3339() {
        assert_eq!(timestamp_ms(1_656_345_570.0), 1_656_345_570_000.0);
        assert_eq!(timestamp_ms(1_656_345_570_000.0), 1_656_345_570_000.0);
        for created in ["1700000000", "1700000000000", "1700000000.0", r#""2023-11-14T22:13:20Z""#] {
            let key = read(&format!(r#"{{"value": "k", "createdAt": {created}}}"#));
            assert_eq!(key.created_at_ms, Some(1_700_000_000_000.0), "{created}");
            assert!(key.is_fully_read(), "{created}");
        }
    }

    #[test]
    fn a_field_of_the_wrong_type_is_a_problem_not_a_failure() {
        let key = read(
            r#"{"value": "k", "createdAt": "last Tuesday", "acl": ["search", 3, {"x": 1}],
                "description": 12, "indexes": "prod_*", "maxHitsPerQuery": -5,
                "maxQueriesPerIPPerHour": 1.5, "validity": true, "referers": ["a"], "queryParameters": ["a=b"]}"#,
        );
        assert!(!key.is_fully_read());
        let problems: Vec<String> = key.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            problems,
            [
                "createdAt: expected a Unix time or an RFC 3339 date, found the text “last Tuesday”",
                "acl: expected a list of texts, found a list with 2 items that are not texts",
                "description: expected a text, found the number 12",
                "indexes: expected a list of texts, found the text “prod_*”",
                "maxHitsPerQuery: expected a whole number, 0 or more, found the number -5",
                "maxQueriesPerIPPerHour: expected a whole number, 0 or more, found the number 1.5",
                "validity: expected a whole number, 0 or more, found true",
                "queryParameters: expected a text, found a list",
            ]
        );
        // What could be read is kept.
        assert_eq!(key.acl, ["search"]);
        assert_eq!(key.referers, ["a"]);
        assert_eq!((key.description.as_str(), key.created_at_ms), ("", None));
    }

    #[test]
    fn long_texts_are_cut_in_problems() {
        let key = read(&format!(r#"{{"value": "k", "acl": "{}"}}"#, "é".repeat(100)));
        assert_eq!(key.problems[0].found, format!("the text “{}…”", "é".repeat(40)));
    }

    #[test]
    fn unknown_fields_are_kept_as_written_in_their_order() {
        let key =
            read(r#"{"value": "abc", "zeta": {"b": 1.50, "a": [1e3, "x"]}, "acl": ["search"], "alpha": 7}"#);
        assert_eq!(key.extra.get("zeta"), Some(r#"{"b": 1.50, "a": [1e3, "x"]}"#));
        let body = serde_json::to_string(&KeyBody::from_key(&key, 0)).unwrap();
        assert!(body.ends_with(r#""validity":0,"zeta":{"b": 1.50, "a": [1e3, "x"]},"alpha":7}"#), "{body}");
    }

    #[test]
    fn a_body_carries_every_field_and_the_unknown_ones() {
        let key = read(r#"{"value": "abc", "acl": ["search"], "future": {"x": [1]}}"#);
        let body = KeyBody { acl: key.acl.clone(), extra: key.extra.clone(), ..KeyBody::default() };
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            json!({"acl": ["search"], "description": "", "indexes": [], "referers": [], "queryParameters": "",
                   "maxHitsPerQuery": 0, "maxQueriesPerIPPerHour": 0, "validity": 0, "future": {"x": [1]}})
        );
        assert!(body.is_applied_in(&key, 0));
    }

    #[test]
    fn a_body_reads_back_as_written() {
        let key = read(r#"{"value": "abc", "acl": ["b", "a"], "queryParameters": "q=a+b", "n": 1.50}"#);
        let body = KeyBody::from_key(&key, 30);
        let text = serde_json::to_string(&body).unwrap();
        assert_eq!(serde_json::from_str::<KeyBody>(&text).unwrap(), body);
        assert!(serde_json::from_str::<KeyBody>(r#"{"acl": "search"}"#).is_err());
    }

    #[test]
    fn unknown_fields_read_back_are_compared_by_value() {
        let sent = read(r#"{"value": "k", "future": {"b": 1.50, "a": 2}}"#);
        let back = read(r#"{"value": "k", "future": {"a": 2, "b": 1.5}}"#);
        let other = read(r#"{"value": "k", "future": {"a": 2, "b": 1.6}}"#);
        assert_ne!(sent.extra, back.extra, "written differently");
        assert!(KeyBody::from_key(&sent, 0).is_applied_in(&back, 0));
        assert!(!KeyBody::from_key(&sent, 0).is_applied_in(&other, 0));
        assert!(!KeyBody::from_key(&sent, 0).is_applied_in(&read(r#"{"value": "k"}"#), 0));
    }

    #[test]
    fn applied_compares_validity_loosely() {
        let body = KeyBody { acl: vec!["search".into()], validity: 3_600, ..KeyBody::default() };
        let read = |validity| ApiKey { acl: vec!["search".into()], validity, ..ApiKey::default() };
        assert!(body.is_applied_in(&read(3_600), 30));
        assert!(body.is_applied_in(&read(3_580), 30));
        assert!(!body.is_applied_in(&read(3_500), 30));
        assert!(!body.is_applied_in(&read(0), 30));
        assert!(!body.is_applied_in(&read(7_200), 30));
        let other = ApiKey { description: "old".into(), ..read(3_600) };
        assert!(!body.is_applied_in(&other, 30));
    }

    #[test]
    fn a_key_without_a_text_value_is_an_error_alone_but_only_counted_in_a_list() {
        assert!(serde_json::from_str::<ApiKey>(r#"{"acl": []}"#).is_err());
        assert!(serde_json::from_str::<ApiKey>(r#"{"value": 5}"#).is_err());
        let list = list(
            r#"{"keys": [{"value": "a"}, {"acl": ["search"]}, {"value": null}, 7, "b", [1], null,
                         {"value": "c", "createdAt": "2023-11-14T22:13:20Z", "description": false}],
                "nbHits": 8}"#,
        );
        assert_eq!(list.keys.iter().map(|k| k.value.as_str()).collect::<Vec<_>>(), ["a", "c"]);
        assert_eq!(list.unreadable, 6);
        assert_eq!(list.keys[1].created_at_ms, Some(1_700_000_000_000.0));
        assert_eq!(list.keys[1].problems[0].field, "description");
    }

    /// 10,000 keys shaped like the emulator's generated ones, which the table benchmark loads.
    fn ten_thousand_keys() -> String {
        let keys: Vec<String> = (0..10_000)
            .map(|i| {
                let restricted = i % 10 < 7;
                format!(
                    r#"{{"value":"{i:032x}","createdAt":{},"acl":["search","browse"],"description":"Generated key #{i} for shop (prod)","indexes":{},"referers":{},"queryParameters":"{}","maxHitsPerQuery":{},"maxQueriesPerIPPerHour":{},"validity":{}}}"#,
                    1_700_000_000 + i,
                    if restricted { r#"["prod_shop_*"]"# } else { "[]" },
                    if restricted { r#"["https://shop.example.com/*"]"# } else { "[]" },
                    if i % 10 == 0 { "typoTolerance=strict" } else { "" },
                    if i % 5 == 0 { 50 } else { 0 },
                    i % 3 * 100,
                    i % 7 * 3_600,
                )
            })
            .collect();
        format!(r#"{{"keys":[{}]}}"#, keys.join(","))
    }

    // Its cost is measured by `make bench` (the "parsed" stage of the first load), not here: a
    // timed test fails on a busy machine.
    #[test]
    fn a_10000_key_list_is_read_whole() {
        let text = ten_thousand_keys();
        let list: KeyList = serde_json::from_str(&text).unwrap();
        assert_eq!((list.keys.len(), list.unreadable), (10_000, 0));
        assert!(list.keys.iter().all(ApiKey::is_fully_read));
        assert_eq!(list.keys[9_999].created_at_ms, Some(1_700_009_999_000.0));
    }

    #[test]
    fn a_list_that_is_not_one_is_still_an_error() {
        assert!(serde_json::from_str::<KeyList>(r#"{"keys": {"value": "a"}}"#).is_err());
        assert!(serde_json::from_str::<KeyList>(r#"{"items": []}"#).is_err());
        assert!(serde_json::from_str::<KeyList>(r#"{"keys": [{"value": "a"}"#).is_err());
    }
}
