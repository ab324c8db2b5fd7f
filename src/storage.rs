//! The console's entries in this tab's sessionStorage, and nothing else: the session (application,
//! hosts and, while connected, the admin key), the idle time, and the deleted tray. Signing out
//! removes these entries only, so other apps served from the same origin keep theirs.

use crate::keys::tray::Deleted;

/// Every entry the console writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    Session,
    IdleMinutes,
    Tray,
}

impl Entry {
    pub const ALL: [Entry; 3] = [Entry::Session, Entry::IdleMinutes, Entry::Tray];

    pub fn name(self) -> &'static str {
        match self {
            Entry::Session => "keys-console.session",
            Entry::IdleMinutes => "keys-console.idle-minutes",
            Entry::Tray => "keys-console.deleted",
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

pub fn read(entry: Entry) -> Option<String> {
    storage()?.get_item(entry.name()).ok()?
}

pub fn write(entry: Entry, value: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(entry.name(), value);
    }
}

pub fn remove(entry: Entry) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(entry.name());
    }
}

/// Removes every entry of the console's, and only those.
pub fn remove_all() {
    Entry::ALL.into_iter().for_each(remove);
}

pub fn read_tray() -> Vec<Deleted> {
    read(Entry::Tray).and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default()
}

pub fn write_tray(tray: &[Deleted]) {
    if let Ok(json) = serde_json::to_string(tray) {
        write(Entry::Tray, &json);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_is_the_consoles_own() {
        for entry in Entry::ALL {
            assert!(entry.name().starts_with("keys-console."), "{entry:?}");
        }
    }
}
