//! The signed-in session: credentials live in this tab's sessionStorage and in memory, nowhere else.
//! Locking forgets the admin key but keeps the application ID and hosts, so unlocking asks for the
//! key alone; signing out forgets everything.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::algolia::{Client, Credentials};

const STORAGE_KEY: &str = "keys-console.session";
const IDLE_KEY: &str = "keys-console.idle-minutes";
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

/// What sessionStorage holds.
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
}

impl Session {
    /// Restores what this tab had, so a reload keeps the user signed in.
    pub fn restore() -> Self {
        let state = match read(STORAGE_KEY).and_then(|s| serde_json::from_str(&s).ok()) {
            Some(Stored::Connected(credentials)) => SessionState::Connected(Client::new(credentials)),
            Some(Stored::Locked { app_id, hosts }) => SessionState::Locked { app_id, hosts },
            None => SessionState::SignedOut,
        };
        let idle_minutes =
            read(IDLE_KEY).and_then(|m| parse_idle_minutes(&m).ok()).unwrap_or(DEFAULT_IDLE_MINUTES);
        Self { state: RwSignal::new(state), idle_minutes: RwSignal::new(idle_minutes) }
    }

    pub fn connect(&self, client: Client) {
        store(&Stored::Connected(client.credentials().clone()));
        self.state.set(SessionState::Connected(client));
    }

    pub fn lock(&self) {
        if let SessionState::Connected(client) = self.state.get_untracked() {
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

    pub fn sign_out(&self) {
        if let Some(storage) = storage() {
            let _ = storage.clear();
        }
        self.state.set(SessionState::SignedOut);
    }

    pub fn set_idle_minutes(&self, minutes: u32) {
        if let Some(storage) = storage() {
            let _ = storage.set_item(IDLE_KEY, &minutes.to_string());
        }
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

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

fn read(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?
}

fn store(stored: &Stored) {
    if let (Some(storage), Ok(json)) = (storage(), serde_json::to_string(stored)) {
        let _ = storage.set_item(STORAGE_KEY, &json);
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
    fn a_locked_session_stores_no_key() {
        let locked = Stored::Locked { app_id: "APP".into(), hosts: vec![] };
        let json = serde_json::to_string(&locked).unwrap();
        assert_eq!(json, r#"{"locked":{"appId":"APP","hosts":[]}}"#);
    }
}
