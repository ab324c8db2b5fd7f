//! The application's indices, as `GET /1/indexes` reports them.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::clock::rfc3339;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Index {
    pub name: String,
    /// Unix milliseconds.
    #[serde(default)]
    pub created_at_ms: i64,
    #[serde(default)]
    pub updated_at_ms: i64,
    #[serde(default)]
    pub entries: u64,
    /// The primary index, when this one is a replica.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary: Option<String>,
}

impl Index {
    /// Replicas are listed on their primary, as Algolia does.
    pub fn to_json(&self, all: &[Index]) -> Value {
        let data_size = self.entries * 480;
        let mut out = Map::new();
        out.insert("name".into(), json!(self.name));
        let created = if self.entries == 0 { String::new() } else { rfc3339(self.created_at_ms) };
        out.insert("createdAt".into(), json!(created));
        out.insert("updatedAt".into(), json!(rfc3339(self.updated_at_ms)));
        out.insert("entries".into(), json!(self.entries));
        out.insert("dataSize".into(), json!(data_size));
        out.insert("fileSize".into(), json!(data_size * 23 / 10));
        out.insert("lastBuildTimeS".into(), json!(self.entries / 20_000));
        out.insert("numberOfPendingTasks".into(), json!(0));
        out.insert("pendingTask".into(), json!(false));
        if let Some(primary) = &self.primary {
            out.insert("primary".into(), json!(primary));
        }
        let replicas: Vec<&str> = all
            .iter()
            .filter(|i| i.primary.as_deref() == Some(&self.name))
            .map(|i| i.name.as_str())
            .collect();
        if !replicas.is_empty() {
            out.insert("replicas".into(), json!(replicas));
        }
        Value::Object(out)
    }
}
