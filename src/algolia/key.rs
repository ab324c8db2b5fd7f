//! An API key as Algolia returns it, parsed leniently: optional fields may be missing or null,
//! `createdAt` may come in seconds or milliseconds, and fields this console does not know are kept
//! so that an update can send them back unchanged.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The fields of a key this console does not model, exactly as received.
pub type Extra = Map<String, Value>;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ApiKey {
    pub value: String,
    /// Unix milliseconds, whatever unit the service used.
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
}

/// `createdAt` values below this are seconds: 1e11 seconds is the year 5138, 1e11 ms is 1973.
const SECONDS_LIMIT: f64 = 1e11;

/// Normalises an Algolia timestamp to Unix milliseconds.
pub fn timestamp_ms(raw: f64) -> f64 {
    if raw.abs() < SECONDS_LIMIT { raw * 1000.0 } else { raw }
}

#[derive(Deserialize)]
pub struct KeyList {
    pub keys: Vec<ApiKey>,
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

    // A hand-written visitor rather than `#[serde(flatten)]`: flatten buffers every field, which
    // costs real time on a 10,000-key list, and this also lets nulls stand for defaults.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ApiKey, A::Error> {
        let mut key = ApiKey::default();
        let mut has_value = false;
        while let Some(name) = map.next_key::<String>()? {
            match name.as_str() {
                "value" => {
                    key.value = map.next_value()?;
                    has_value = true;
                }
                "createdAt" => key.created_at_ms = map.next_value::<Option<f64>>()?.map(timestamp_ms),
                "acl" => key.acl = or_default(map.next_value()?),
                "description" => key.description = or_default(map.next_value()?),
                "indexes" => key.indexes = or_default(map.next_value()?),
                "referers" => key.referers = or_default(map.next_value()?),
                "queryParameters" => key.query_parameters = or_default(map.next_value()?),
                "maxHitsPerQuery" => key.max_hits_per_query = count(map.next_value()?),
                "maxQueriesPerIPPerHour" => key.max_queries_per_ip_per_hour = count(map.next_value()?),
                "validity" => key.validity = count(map.next_value()?),
                _ => {
                    key.extra.insert(name, map.next_value()?);
                }
            }
        }
        if !has_value {
            return Err(de::Error::missing_field("value"));
        }
        Ok(key)
    }
}

fn or_default<T: Default>(value: Option<T>) -> T {
    value.unwrap_or_default()
}

/// Counts are integers, but a lenient reader accepts `12.0` and treats negatives as 0.
fn count(value: Option<f64>) -> u64 {
    value.map_or(0, |v| if v.is_finite() && v > 0.0 { v as u64 } else { 0 })
}

/// The body of a create or update. It carries every writable field, always, because an update
/// resets whatever it leaves out, and the fields this console does not know, as they were read.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
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
            && self.extra == key.extra
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_a_full_key() {
        let key: ApiKey = serde_json::from_value(json!({
            "value": "abc", "createdAt": 1_700_000_000, "acl": ["search"], "description": "d",
            "indexes": ["prod_*"], "referers": ["*.example.com"], "queryParameters": "a=b",
            "maxHitsPerQuery": 5, "maxQueriesPerIPPerHour": 100, "validity": 60
        }))
        .unwrap();
        assert_eq!(key.created_at_ms, Some(1_700_000_000_000.0));
        assert_eq!(key.indexes, ["prod_*"]);
        assert_eq!((key.max_hits_per_query, key.max_queries_per_ip_per_hour, key.validity), (5, 100, 60));
        assert!(key.extra.is_empty());
    }

    #[test]
    fn missing_and_null_fields_take_defaults() {
        let key: ApiKey =
            serde_json::from_value(json!({"value": "abc", "acl": null, "validity": null})).unwrap();
        assert_eq!(key, ApiKey { value: "abc".into(), ..ApiKey::default() });
    }

    #[test]
    fn created_at_in_seconds_or_milliseconds() {
        assert_eq!(timestamp_ms(1_656_345_570.0), 1_656_345_570_000.0);
        assert_eq!(timestamp_ms(1_656_345_570_000.0), 1_656_345_570_000.0);
    }

    #[test]
    fn unknown_fields_are_kept() {
        let key: ApiKey =
            serde_json::from_value(json!({"value": "abc", "acl": ["search"], "future": {"x": [1]}})).unwrap();
        assert_eq!(key.extra["future"], json!({"x": [1]}));
    }

    #[test]
    fn a_body_carries_every_field_and_the_unknown_ones() {
        let key: ApiKey =
            serde_json::from_value(json!({"value": "abc", "acl": ["search"], "future": {"x": [1]}})).unwrap();
        let body = KeyBody { acl: key.acl.clone(), extra: key.extra.clone(), ..KeyBody::default() };
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            json!({"acl": ["search"], "description": "", "indexes": [], "referers": [], "queryParameters": "",
                   "maxHitsPerQuery": 0, "maxQueriesPerIPPerHour": 0, "validity": 0, "future": {"x": [1]}})
        );
        assert!(body.is_applied_in(&key, 0));
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
    fn a_key_without_value_is_an_error() {
        assert!(serde_json::from_value::<ApiKey>(json!({"acl": []})).is_err());
        let list: KeyList = serde_json::from_str(r#"{"keys": [{"value": "a"}, {"value": "b"}]}"#).unwrap();
        assert_eq!(list.keys.len(), 2);
    }
}
