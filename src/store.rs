//! The application's keys as last loaded, shared by the list and detail views.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;

use crate::algolia::{ApiError, Client, KeyList};
use crate::keys::{KeyRow, Load, Rows};
use crate::perf::mark;

#[derive(Clone, Copy)]
pub struct KeyStore {
    pub rows: RwSignal<Option<Rows>>,
    /// Entries of the last list that had no key value, so could not be shown at all.
    pub unreadable: RwSignal<usize>,
    pub loading: RwSignal<bool>,
    pub error: RwSignal<Option<ApiError>>,
}

impl KeyStore {
    pub fn new() -> Self {
        Self {
            rows: RwSignal::new(None),
            unreadable: RwSignal::new(0),
            loading: RwSignal::new(false),
            error: RwSignal::new(None),
        }
    }

    /// Takes keys loaded elsewhere (the connect form lists them to check the credentials).
    pub fn set_loaded(self, list: KeyList) {
        let read_at = js_sys::Date::now();
        self.unreadable.set(list.unreadable);
        let load = Load::new(list.keys.into_iter().map(|k| KeyRow::new(k, read_at)).collect());
        mark("keys-rows");
        self.rows.set(Some(Arc::new(load)));
        self.error.set(None);
    }

    /// Forgets the keys, when the session is locked or ends.
    pub fn clear(self) {
        self.rows.set(None);
        self.unreadable.set(0);
        self.error.set(None);
    }

    /// Loads every key. The request belongs to the current reactive owner: if the view that asked
    /// goes away, the fetch is aborted.
    pub fn load(self, client: Client) {
        self.loading.set(true);
        self.error.set(None);
        let loading = LoadingGuard(self.loading);
        spawn_local_scoped_with_cancellation(async move {
            let result = client.list_keys().await;
            match result {
                Ok(keys) => self.set_loaded(keys),
                Err(error) => self.error.set(Some(error)),
            }
            drop(loading);
        });
    }
}

impl Default for KeyStore {
    fn default() -> Self {
        Self::new()
    }
}

/// Clears the loading flag however the load ends, cancellation included.
struct LoadingGuard(RwSignal<bool>);

impl Drop for LoadingGuard {
    fn drop(&mut self) {
        self.0.try_set(false);
    }
}
