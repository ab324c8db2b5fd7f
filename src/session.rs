//! The signed-in session: credentials live in this tab's sessionStorage and in memory, nowhere else.
//! The session owns its lifecycle: locking forgets the admin key, the loaded keys and the deleted
//! tray, but keeps the application ID and hosts, so unlocking asks for the key alone; signing out
//! forgets everything the console stored.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::algolia::{Client, Credentials};
use crate::storage::{self, Entry};
use crate::store::KeyStore;

pub const DEFAULT_IDLE_MINUTES: u32 = 15;

#[derive(Clone)]
pub enum SessionState {
    SignedOut,
    Connected(Client),
    /// Locked after being idle: the admin key is gone, the rest is kept for unlocking.
    Locked {
        app_id: String,
        hosts: Vec<String>,
    },
}

/// What sessionStorage holds. `Credentials` keeps the admin key out of its `Debug`.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase")]
enum Stored {
    Connected(Credentials),
    Locked { app_id: String, hosts: Vec<String> },
}

/// The session, shared through context.
#[derive(Clone, Copy)]
pub struct Session {
    pub state: RwSignal<SessionState>,
    pub idle_minutes: RwSignal<u32>,
    /// The keys loaded with this session's credentials.
    pub store: KeyStore,
}

impl Session {
    /// Restores what this tab had, so a reload keeps the user signed in.
    pub fn restore() -> Self {
        let state = match storage::read(Entry::Session).and_then(|s| serde_json::from_str(&s).ok()) {
            Some(Stored::Connected(credentials)) => SessionState::Connected(Client::new(credentials)),
            Some(Stored::Locked { app_id, hosts }) => SessionState::Locked { app_id, hosts },
            None => SessionState::SignedOut,
        };
        let idle_minutes = storage::read(Entry::IdleMinutes)
            .and_then(|m| parse_idle_minutes(&m).ok())
            .unwrap_or(DEFAULT_IDLE_MINUTES);
        Self {
            state: RwSignal::new(state),
            idle_minutes: RwSignal::new(idle_minutes),
            store: KeyStore::new(),
        }
    }

    pub fn connect(&self, client: Client) {
        store(&Stored::Connected(client.credentials().clone()));
        self.state.set(SessionState::Connected(client));
    }

    /// Forgets the admin key, the keys loaded with it and the deleted tray (whose undo needs the key).
    pub fn lock(&self) {
        if let SessionState::Connected(client) = self.state.get_untracked() {
            self.store.clear();
            storage::remove(Entry::Tray);
            let credentials = client.credentials();
            let locked =
                Stored::Locked { app_id: credentials.app_id.clone(), hosts: credentials.hosts.clone() };
            store(&locked);
            self.state.set(SessionState::Locked {
                app_id: credentials.app_id.clone(),
                hosts: credentials.hosts.clone(),
            });
        }
    }

    /// Forgets everything: the console's own sessionStorage entries (not other apps'), the keys.
    pub fn sign_out(&self) {
        storage::remove_all();
        self.store.clear();
        self.state.set(SessionState::SignedOut);
    }

    pub fn set_idle_minutes(&self, minutes: u32) {
        storage::write(Entry::IdleMinutes, &minutes.to_string());
        self.idle_minutes.set(minutes);
    }

    /// Whether `value` is the admin key this session holds: pages compare through this rather than
    /// reading the key back out of the session.
    pub fn is_admin_key(&self, value: &str) -> bool {
        self.state.with(|state| match state {
            SessionState::Connected(client) => client.credentials().api_key == value,
            _ => false,
        })
    }

    pub fn client(&self) -> Option<Client> {
        match self.state.get() {
            SessionState::Connected(client) => Some(client),
            _ => None,
        }
    }
}

/// Idle minutes before the session locks itself: a whole number from 1 to 1,440.
pub fn parse_idle_minutes(text: &str) -> Result<u32, String> {
    match text.trim().parse::<u32>() {
        Ok(m @ 1..=1440) => Ok(m),
        _ => Err("Enter a whole number of minutes from 1 to 1440.".to_owned()),
    }
}

fn store(stored: &Stored) {
    if let Ok(json) = serde_json::to_string(stored) {
        storage::write(Entry::Session, &json);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idle_minutes_are_validated() {
        assert_eq!(parse_idle_minutes(" 15 "), Ok(15));
        assert_eq!(parse_idle_minutes("1440"), Ok(1440));
        assert!(parse_idle_minutes("0").is_err());
        assert!(parse_idle_minutes("1.5").is_err());
        assert!(parse_idle_minutes("soon").is_err());
    }

    #[test]
    fn stored_credentials_never_debug_print_the_key() {
        let credentials = Credentials { app_id: "APP".into(), api_key: "s3cret-admin".into(), hosts: vec![] };
        let printed = format!("{:?} {:#?}", Stored::Connected(credentials.clone()), credentials);
        assert!(!printed.contains("s3cret-admin"), "{printed}");
        assert!(printed.contains("APP"));
    }

    #[test]
    fn a_locked_session_stores_no_key() {
        let locked = Stored::Locked { app_id: "APP".into(), hosts: vec![] };
        let json = serde_json::to_string(&locked).unwrap();
        assert_eq!(json, r#"{"locked":{"appId":"APP","hosts":[]}}"#);
    }
}
