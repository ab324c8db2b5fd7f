//! The console's entries in this tab's sessionStorage, and nothing else: the applications (each one's
//! ID, label, colour, hosts and, while connected, its admin key), the idle time, and each
//! application's deleted tray and rolled keys. Signing out removes these entries only, so other apps served from the
//! same origin keep theirs.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// What every entry's name starts with.
const PREFIX: &str = "keys-console.";

/// Every entry the console writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry<'a> {
    Apps,
    IdleMinutes,
    /// The deleted tray of one application, by its ID.
    Tray(&'a str),
    /// The keys one application rolled in this session, by its ID.
    Rolls(&'a str),
}

impl Entry<'_> {
    pub fn name(self) -> String {
        match self {
            Entry::Apps => format!("{PREFIX}apps"),
            Entry::IdleMinutes => format!("{PREFIX}idle-minutes"),
            Entry::Tray(app_id) => format!("{PREFIX}deleted.{app_id}"),
            Entry::Rolls(app_id) => format!("{PREFIX}rolled.{app_id}"),
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

pub fn read(entry: Entry) -> Option<String> {
    storage()?.get_item(&entry.name()).ok()?
}

pub fn write(entry: Entry, value: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(&entry.name(), value);
    }
}

pub fn remove(entry: Entry) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&entry.name());
    }
}

/// Removes every entry of the console's, and only those.
pub fn remove_all() {
    let Some(storage) = storage() else { return };
    let count = storage.length().unwrap_or(0);
    let names: Vec<String> = (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|name| name.starts_with(PREFIX))
        .collect();
    for name in names {
        let _ = storage.remove_item(&name);
    }
}

/// Removes the entries of the console before it held several applications: its session (with the
/// admin key) and its one tray.
pub fn remove_legacy() {
    if let Some(storage) = storage() {
        for name in ["session", "deleted"] {
            let _ = storage.remove_item(&format!("{PREFIX}{name}"));
        }
    }
}

/// A list kept as JSON: empty when missing or unreadable.
pub fn read_list<T: DeserializeOwned>(entry: Entry) -> Vec<T> {
    read(entry).and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default()
}

pub fn write_list<T: Serialize>(entry: Entry, list: &[T]) {
    if let Ok(json) = serde_json::to_string(list) {
        write(entry, &json);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_is_the_consoles_own() {
        for entry in [Entry::Apps, Entry::IdleMinutes, Entry::Tray("APP1"), Entry::Rolls("APP1")] {
            assert!(entry.name().starts_with(PREFIX), "{entry:?}");
        }
        assert_ne!(Entry::Tray("A").name(), Entry::Tray("B").name(), "each application has its own tray");
    }
}
