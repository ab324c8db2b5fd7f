//! The "Recently deleted" tray: what is needed to undo a delete. Restoring brings a key back with
//! its settings but never expiring, so the tray keeps the expiry instant to put it back.

use serde::{Deserialize, Serialize};

use super::expiry::Expiry;
use crate::algolia::{ApiKey, KeyBody};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Deleted {
    pub value: String,
    /// The settings to re-apply after the restore; its validity is recomputed then.
    pub settings: KeyBody,
    pub expires_at_ms: Option<f64>,
    pub deleted_at_ms: f64,
    /// Restored already, but its settings could not be put back yet.
    #[serde(default)]
    pub restored: bool,
    /// Whether every field was understood when the key was read. A restore brings the key back as
    /// Algolia kept it; putting settings back with a full update could lose what was not understood.
    #[serde(default = "fully_read")]
    pub fully_read: bool,
}

fn fully_read() -> bool {
    true
}

impl Deleted {
    pub fn new(key: &ApiKey, expires_at_ms: Option<f64>, deleted_at_ms: f64) -> Self {
        Self {
            value: key.value.clone(),
            settings: KeyBody::from_key(key, 0),
            expires_at_ms,
            deleted_at_ms,
            restored: false,
            fully_read: key.is_fully_read(),
        }
    }

    /// The body that puts the original settings back at `now_ms`, expiring at the original instant.
    /// `None` when that instant has passed.
    pub fn settings_at(&self, now_ms: f64) -> Option<KeyBody> {
        let validity = Expiry::of(self.expires_at_ms).validity_at(now_ms).ok()?;
        Some(KeyBody { validity, ..self.settings.clone() })
    }

    /// The original settings, never expiring: what the user chose when the expiry had passed.
    pub fn settings_never_expiring(&self) -> KeyBody {
        KeyBody { validity: 0, ..self.settings.clone() }
    }
}

/// The tray keeps the most recent deletions only.
pub const TRAY_SIZE: usize = 50;

/// Adds a deletion at the front, dropping the oldest past the tray's size.
pub fn push(tray: &mut Vec<Deleted>, deleted: Deleted) {
    tray.retain(|d| d.value != deleted.value);
    tray.insert(0, deleted);
    tray.truncate(TRAY_SIZE);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> ApiKey {
        ApiKey {
            value: "v".into(),
            acl: vec!["search".into()],
            description: "d".into(),
            validity: 60,
            ..ApiKey::default()
        }
    }

    #[test]
    fn restoring_puts_the_expiry_back_at_its_instant() {
        let deleted = Deleted::new(&key(), Some(100_000.0), 10_000.0);
        assert_eq!(deleted.settings_at(40_000.0).unwrap().validity, 60);
        assert_eq!(deleted.settings_at(40_000.0).unwrap().description, "d");
        assert_eq!(deleted.settings_at(100_000.0), None);
        assert_eq!(deleted.settings_never_expiring().validity, 0);
        let never = Deleted::new(&key(), None, 0.0);
        assert_eq!(never.settings_at(1e12).unwrap().validity, 0);
    }

    #[test]
    fn a_key_not_fully_read_is_remembered_as_such() {
        assert!(Deleted::new(&key(), None, 0.0).fully_read);
        let odd = ApiKey {
            problems: vec![crate::algolia::Problem {
                field: "createdAt",
                expected: "a time",
                found: "an object".into(),
            }],
            ..key()
        };
        assert!(!Deleted::new(&odd, None, 0.0).fully_read);
        // Entries stored before the flag existed were written only for keys read in full.
        let mut stored = serde_json::to_value(Deleted::new(&key(), None, 0.0)).unwrap();
        stored.as_object_mut().unwrap().remove("fullyRead");
        assert!(serde_json::from_value::<Deleted>(stored).unwrap().fully_read);
    }

    #[test]
    fn the_tray_keeps_the_latest_first_once_each() {
        let mut tray = Vec::new();
        for i in 0..TRAY_SIZE + 5 {
            let key = ApiKey { value: format!("k{i}"), ..key() };
            push(&mut tray, Deleted::new(&key, None, i as f64));
        }
        assert_eq!(tray.len(), TRAY_SIZE);
        assert_eq!(tray[0].value, format!("k{}", TRAY_SIZE + 4));
        push(&mut tray, Deleted::new(&ApiKey { value: "k10".into(), ..key() }, None, 0.0));
        assert_eq!(tray.iter().filter(|d| d.value == "k10").count(), 1);
        assert_eq!(tray[0].value, "k10");
    }
}
