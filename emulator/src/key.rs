//! The API key model: what a key holds, how a request body becomes key settings, and how a key is
//! rendered in Algolia's response shape.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::error::ApiError;

/// Every ACL value Algolia's spec allows.
pub const ACLS: &[&str] = &[
    "search",
    "browse",
    "addObject",
    "deleteObject",
    "deleteIndex",
    "listIndexes",
    "settings",
    "editSettings",
    "analytics",
    "recommendation",
    "usage",
    "logs",
    "seeUnretrievableAttributes",
    "personalization",
    "inference",
    "nluWriteProject",
    "nluReadProject",
    "nluWriteEntity",
    "nluReadEntity",
    "nluWriteIntent",
    "nluReadIntent",
    "nluPrediction",
    "nluReadAnswers",
];

/// Integers in a key body are stored by Algolia as 32-bit signed values.
const MAX_INTEGER: u64 = i32::MAX as u64;

/// The settings a client can write: everything in a create or update body.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KeySettings {
    pub acl: Vec<String>,
    pub description: String,
    pub indexes: Vec<String>,
    pub referers: Vec<String>,
    pub query_parameters: String,
    pub max_hits_per_query: u64,
    #[serde(rename = "maxQueriesPerIPPerHour")]
    pub max_queries_per_ip_per_hour: u64,
    /// Fields this emulator does not model, kept as sent and returned as they were, the way a field
    /// Algolia adds later would be. This lets the console prove it round-trips fields it does not know.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub extra: Map<String, Value>,
}

/// A stored key: its settings plus what the service assigns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Key {
    pub value: String,
    /// Unix seconds.
    pub created_at: i64,
    /// Emulator-clock milliseconds at which the key stops working; `None` never expires.
    pub expires_at_ms: Option<i64>,
    /// Creation order, so listings are stable.
    pub seq: u64,
    #[serde(flatten)]
    pub settings: KeySettings,
}

/// A parsed create or update body.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyRequest {
    pub settings: KeySettings,
    /// Seconds from now until expiry; 0 never expires.
    pub validity: u64,
}

impl Key {
    /// Seconds left before expiry, rounded up so a live key never reports 0; 0 means "never expires".
    pub fn validity_left(&self, now_ms: i64) -> i64 {
        match self.expires_at_ms {
            None => 0,
            Some(at) => ((at - now_ms).max(1) + 999) / 1000,
        }
    }

    pub fn is_expired(&self, now_ms: i64) -> bool {
        self.expires_at_ms.is_some_and(|at| at <= now_ms)
    }

    /// The key in the shape of `GET /1/keys/{key}`. Algolia leaves unset optional fields out of its
    /// responses, so this does too: clients must cope with their absence.
    pub fn to_json(&self, now_ms: i64, redact_description: bool) -> Value {
        let s = &self.settings;
        let mut out = Map::new();
        out.insert("value".into(), json!(self.value));
        out.insert("createdAt".into(), json!(self.created_at));
        out.insert("acl".into(), json!(s.acl));
        if redact_description {
            out.insert("description".into(), json!("<redacted>"));
        } else if !s.description.is_empty() {
            out.insert("description".into(), json!(s.description));
        }
        if !s.indexes.is_empty() {
            out.insert("indexes".into(), json!(s.indexes));
        }
        if !s.referers.is_empty() {
            out.insert("referers".into(), json!(s.referers));
        }
        if !s.query_parameters.is_empty() {
            out.insert("queryParameters".into(), json!(s.query_parameters));
        }
        if s.max_hits_per_query > 0 {
            out.insert("maxHitsPerQuery".into(), json!(s.max_hits_per_query));
        }
        if s.max_queries_per_ip_per_hour > 0 {
            out.insert("maxQueriesPerIPPerHour".into(), json!(s.max_queries_per_ip_per_hour));
        }
        out.insert("validity".into(), json!(self.validity_left(now_ms)));
        for (name, value) in &s.extra {
            out.entry(name.clone()).or_insert_with(|| value.clone());
        }
        Value::Object(out)
    }
}

impl KeyRequest {
    /// Parses a create or update body. Every field that is absent (or `null`) takes its default: an
    /// update replaces the whole key. Each problem gets a message naming the field.
    pub fn parse(body: &[u8]) -> Result<Self, ApiError> {
        if body.iter().all(u8::is_ascii_whitespace) {
            return Err(ApiError::bad_request(
                "The request body is empty: a JSON object with `acl` is required",
            ));
        }
        let value: Value = serde_json::from_slice(body)
            .map_err(|e| ApiError::bad_request(format!("Invalid JSON in the request body: {e}")))?;
        let Value::Object(fields) = value else {
            return Err(ApiError::bad_request("The request body must be a JSON object"));
        };

        let mut settings = KeySettings::default();
        let mut validity = 0;
        let mut acl = None;
        for (name, value) in fields {
            if value.is_null() {
                continue;
            }
            match name.as_str() {
                "acl" => acl = Some(string_list(&name, &value)?),
                "description" => settings.description = string(&name, &value)?,
                "indexes" => settings.indexes = string_list(&name, &value)?,
                "referers" => settings.referers = string_list(&name, &value)?,
                "queryParameters" => settings.query_parameters = string(&name, &value)?,
                "maxHitsPerQuery" => settings.max_hits_per_query = integer(&name, &value)?,
                "maxQueriesPerIPPerHour" => settings.max_queries_per_ip_per_hour = integer(&name, &value)?,
                "validity" => validity = integer(&name, &value)?,
                // Response-only fields: a client that sends a key back as it read it is not an error.
                "value" | "createdAt" => {}
                _ => {
                    settings.extra.insert(name, value);
                }
            }
        }
        let acl = acl.ok_or_else(|| ApiError::bad_request("Missing required field `acl`"))?;
        if let Some(unknown) = acl.iter().find(|a| !ACLS.contains(&a.as_str())) {
            return Err(ApiError::bad_request(format!("Invalid ACL `{unknown}` in `acl`")));
        }
        settings.acl = acl;
        Ok(Self { settings, validity })
    }
}

fn string(name: &str, value: &Value) -> Result<String, ApiError> {
    value
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| ApiError::bad_request(format!("`{name}` must be a string")))
}

fn string_list(name: &str, value: &Value) -> Result<Vec<String>, ApiError> {
    let wrong = || ApiError::bad_request(format!("`{name}` must be an array of strings"));
    value
        .as_array()
        .ok_or_else(wrong)?
        .iter()
        .map(|item| item.as_str().map(str::to_owned).ok_or_else(wrong))
        .collect()
}

fn integer(name: &str, value: &Value) -> Result<u64, ApiError> {
    let Value::Number(number) = value else {
        return Err(ApiError::bad_request(format!("`{name}` must be an integer")));
    };
    if let Some(n) = number.as_u64() {
        if n > MAX_INTEGER {
            return Err(ApiError::bad_request(format!("`{name}` must be at most {MAX_INTEGER}")));
        }
        return Ok(n);
    }
    if number.as_i64().is_some() || number.as_f64().is_some_and(|f| f < 0.0) {
        return Err(ApiError::bad_request(format!("`{name}` must not be negative")));
    }
    Err(ApiError::bad_request(format!("`{name}` must be an integer")))
}

/// Algolia's index and referer patterns: a leading `*`, a trailing `*`, both, or an exact name.
pub fn pattern_matches(pattern: &str, name: &str) -> bool {
    match (pattern.strip_prefix('*'), pattern.strip_suffix('*')) {
        _ if pattern == "*" => true,
        (Some(rest), _) if rest.ends_with('*') => name.contains(&rest[..rest.len() - 1]),
        (Some(suffix), _) => name.ends_with(suffix),
        (None, Some(prefix)) => name.starts_with(prefix),
        (None, None) => name == pattern,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(body: &str) -> Result<KeyRequest, String> {
        KeyRequest::parse(body.as_bytes()).map_err(|e| e.message)
    }

    #[test]
    fn absent_and_null_fields_take_defaults() {
        let request = parse(r#"{"acl":["search"],"description":null}"#).unwrap();
        assert_eq!(request.settings.acl, ["search"]);
        assert_eq!(request.settings.description, "");
        assert_eq!(request.validity, 0);
    }

    #[test]
    fn errors_name_the_field() {
        assert_eq!(parse(r#"{"description":"x"}"#).unwrap_err(), "Missing required field `acl`");
        assert_eq!(parse(r#"{"acl":["fly"]}"#).unwrap_err(), "Invalid ACL `fly` in `acl`");
        assert_eq!(parse(r#"{"acl":"search"}"#).unwrap_err(), "`acl` must be an array of strings");
        assert_eq!(parse(r#"{"acl":[],"validity":-1}"#).unwrap_err(), "`validity` must not be negative");
        assert_eq!(parse(r#"{"acl":[],"validity":1.5}"#).unwrap_err(), "`validity` must be an integer");
        assert_eq!(
            parse(r#"{"acl":[],"maxHitsPerQuery":"9"}"#).unwrap_err(),
            "`maxHitsPerQuery` must be an integer"
        );
        assert_eq!(
            parse(r#"{"acl":[],"validity":99999999999}"#).unwrap_err(),
            "`validity` must be at most 2147483647"
        );
        assert_eq!(parse("[1]").unwrap_err(), "The request body must be a JSON object");
        assert!(parse("{").unwrap_err().starts_with("Invalid JSON in the request body"));
    }

    #[test]
    fn unknown_fields_are_kept_and_response_fields_ignored() {
        let request = parse(r#"{"acl":[],"value":"x","createdAt":1,"futureField":{"a":1}}"#).unwrap();
        assert_eq!(request.settings.extra.len(), 1);
        assert_eq!(request.settings.extra["futureField"], json!({"a": 1}));
    }

    #[test]
    fn json_leaves_out_unset_optional_fields() {
        let key = Key {
            value: "v".into(),
            created_at: 10,
            expires_at_ms: Some(5_500),
            seq: 0,
            settings: KeySettings { acl: vec!["search".into()], ..Default::default() },
        };
        assert_eq!(
            key.to_json(1_000, false),
            json!({"value":"v","createdAt":10,"acl":["search"],"validity":5})
        );
        assert_eq!(key.to_json(5_400, true)["description"], "<redacted>");
        assert_eq!(key.to_json(5_400, true)["validity"], 1);
    }

    #[test]
    fn patterns() {
        assert!(pattern_matches("dev_*", "dev_products"));
        assert!(!pattern_matches("dev_*", "prod_dev_products"));
        assert!(pattern_matches("*_dev", "products_dev"));
        assert!(pattern_matches("*_products_*", "en_products_dev"));
        assert!(!pattern_matches("*_products_*", "products"));
        assert!(pattern_matches("movies", "movies"));
        assert!(!pattern_matches("movies", "movies_2"));
        assert!(pattern_matches("*", "anything"));
    }
}
