//! One copy of an application's keys: the live keys and the restorable deleted ones.

use std::collections::{HashMap, VecDeque};

use serde::{Deserialize, Serialize};

use crate::key::Key;

/// Algolia keeps only the most recent deleted keys restorable.
pub const RESTORABLE_DELETED_KEYS: usize = 1_000;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeletedKey {
    pub key: Key,
    pub deleted_at_ms: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Store {
    keys: HashMap<String, Key>,
    /// Oldest first; at most [`RESTORABLE_DELETED_KEYS`].
    deleted: VecDeque<DeletedKey>,
}

/// A write, applied at once to the primary copy and, after the propagation delay, to the visible one.
#[derive(Clone, Debug)]
pub enum Change {
    /// Create, update or restore: the key as it now is.
    Put(Box<Key>),
    Delete {
        value: String,
        at_ms: i64,
    },
}

impl Store {
    pub fn live(&self, value: &str) -> Option<&Key> {
        self.keys.get(value)
    }

    pub fn deleted(&self, value: &str) -> Option<&DeletedKey> {
        self.deleted.iter().rev().find(|d| d.key.value == value)
    }

    pub fn contains_value(&self, value: &str) -> bool {
        self.keys.contains_key(value) || self.deleted(value).is_some()
    }

    /// Live keys in creation order.
    pub fn list(&self) -> Vec<&Key> {
        let mut keys: Vec<&Key> = self.keys.values().collect();
        keys.sort_unstable_by_key(|k| k.seq);
        keys
    }

    pub fn live_count(&self) -> usize {
        self.keys.len()
    }

    pub fn next_seq(&self) -> u64 {
        let live = self.keys.values().map(|k| k.seq);
        let deleted = self.deleted.iter().map(|d| d.key.seq);
        live.chain(deleted).max().map_or(0, |s| s + 1)
    }

    pub fn apply(&mut self, change: Change) {
        match change {
            Change::Put(key) => {
                self.deleted.retain(|d| d.key.value != key.value);
                self.keys.insert(key.value.clone(), *key);
            }
            Change::Delete { value, at_ms } => {
                if let Some(key) = self.keys.remove(&value) {
                    self.push_deleted(DeletedKey { key, deleted_at_ms: at_ms });
                }
            }
        }
    }

    /// Moves keys whose validity ran out into the deleted list, where they can be restored.
    pub fn expire(&mut self, now_ms: i64) {
        let mut expired: Vec<Key> = Vec::new();
        self.keys.retain(|_, key| {
            let gone = key.is_expired(now_ms);
            if gone {
                expired.push(key.clone());
            }
            !gone
        });
        expired.sort_by_key(|k| (k.expires_at_ms, k.seq));
        for key in expired {
            let deleted_at_ms = key.expires_at_ms.unwrap_or(now_ms);
            self.push_deleted(DeletedKey { key, deleted_at_ms });
        }
    }

    /// Moves every time forward by `delta_ms`, as if the same state had been made that much later.
    pub fn shift(&mut self, delta_ms: i64) {
        let keys = self.keys.values_mut().chain(self.deleted.iter_mut().map(|d| &mut d.key));
        for key in keys {
            key.created_at += delta_ms.div_euclid(1000);
            key.expires_at_ms = key.expires_at_ms.map(|at| at + delta_ms);
        }
        for deleted in &mut self.deleted {
            deleted.deleted_at_ms += delta_ms;
        }
    }

    fn push_deleted(&mut self, deleted: DeletedKey) {
        self.deleted.push_back(deleted);
        while self.deleted.len() > RESTORABLE_DELETED_KEYS {
            self.deleted.pop_front();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::key::KeySettings;

    fn key(value: &str, seq: u64, expires_at_ms: Option<i64>) -> Key {
        Key { value: value.into(), created_at: 0, expires_at_ms, seq, settings: KeySettings::default() }
    }

    #[test]
    fn delete_then_put_restores() {
        let mut store = Store::default();
        store.apply(Change::Put(Box::new(key("a", 0, None))));
        store.apply(Change::Delete { value: "a".into(), at_ms: 5 });
        assert!(store.live("a").is_none());
        assert_eq!(store.deleted("a").unwrap().deleted_at_ms, 5);
        store.apply(Change::Put(Box::new(key("a", 0, None))));
        assert!(store.live("a").is_some());
        assert!(store.deleted("a").is_none());
    }

    #[test]
    fn only_the_last_thousand_deleted_keys_are_kept() {
        let mut store = Store::default();
        for i in 0..=RESTORABLE_DELETED_KEYS {
            let value = format!("k{i}");
            store.apply(Change::Put(Box::new(key(&value, i as u64, None))));
            store.apply(Change::Delete { value, at_ms: i as i64 });
        }
        assert!(store.deleted("k0").is_none());
        assert!(store.deleted("k1").is_some());
        assert_eq!(store.next_seq(), RESTORABLE_DELETED_KEYS as u64 + 1);
    }

    #[test]
    fn expired_keys_move_to_deleted_in_expiry_order() {
        let mut store = Store::default();
        store.apply(Change::Put(Box::new(key("late", 0, Some(200)))));
        store.apply(Change::Put(Box::new(key("early", 1, Some(100)))));
        store.apply(Change::Put(Box::new(key("never", 2, None))));
        store.expire(150);
        assert_eq!(store.list().len(), 2);
        store.expire(200);
        assert_eq!(store.list().iter().map(|k| k.value.as_str()).collect::<Vec<_>>(), ["never"]);
        assert_eq!(store.deleted.iter().map(|d| d.deleted_at_ms).collect::<Vec<_>>(), [100, 200]);
    }
}
