//! The application's keys as last loaded, shared by the list and detail views.

use std::sync::Arc;

use leptos::prelude::*;

use serde::{Deserialize, Serialize};

use crate::algolia::{Client, KeyList};
use crate::audit::rules::{Findings, audit};
use crate::connect::explain;
use crate::keys::{KeyRow, Load, Rows};
use crate::perf::mark;
use crate::reactive::{memo, memo_with_compare, spawn_scoped};

#[derive(Clone, Copy)]
pub struct KeyStore {
    pub rows: RwSignal<Option<Rows>>,
    /// Entries of the last list that had no key value, so could not be shown at all.
    pub unreadable: RwSignal<usize>,
    pub loading: RwSignal<bool>,
    /// Why the last load failed, explained for the user: kept as text, a type the app's signals
    /// already have, rather than as the error itself.
    pub error: RwSignal<Option<String>>,
    /// The application's index names, for the audit's stale patterns; `None` until read, or when
    /// they cannot be.
    pub indices: RwSignal<Option<Arc<Vec<String>>>>,
    /// Every key's findings, in the order of `rows`: computed once per load (and when the indices
    /// arrive), only once a page asks.
    pub findings: Memo<Findings>,
    /// The keys rolled in this session, until retired or cancelled.
    pub rolled: RwSignal<Vec<Rolled>>,
    /// The number of the last list asked for, and of the newest one shown: loads run side by side
    /// after several writes, and one answered late must not put back a list older than the one
    /// shown.
    asked: StoredValue<usize>,
    shown: StoredValue<usize>,
}

/// A key rolled in this session: the old one retiring, the new one replacing it. Kept with the
/// deleted tray in this tab's sessionStorage, so a reload keeps the links.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Rolled {
    /// The old key's value.
    pub old: String,
    /// The old key's expiry before the roll, which a cancel puts back.
    pub old_expires_at_ms: Option<f64>,
    pub new: String,
    pub retires_at_ms: f64,
}

/// The roll a key takes part in, and whether as its old key: as the old key first, since a key that
/// replaced another may have been rolled in turn. `is_key` says whether a value is that key's.
pub fn roll_of(rolled: &[Rolled], is_key: impl Fn(&str) -> bool) -> Option<(&Rolled, bool)> {
    let as_old = rolled.iter().find(|r| is_key(&r.old)).map(|r| (r, true));
    as_old.or_else(|| rolled.iter().find(|r| is_key(&r.new)).map(|r| (r, false)))
}

impl KeyStore {
    pub fn new() -> Self {
        let rows = RwSignal::new(None::<Rows>);
        let indices = RwSignal::new(None::<Arc<Vec<String>>>);
        // Compared by identity: each computation is a new audit, and comparing two audits finding
        // by finding would cost more code than it saves.
        let findings = memo_with_compare(
            move |_| {
                rows.with(|rows| {
                    indices.with(|indices| {
                        let rows = rows.as_deref().map_or(&[][..], |load| load);
                        Findings::new(audit(
                            rows,
                            indices.as_ref().map(|i| i.as_slice()),
                            js_sys::Date::now(),
                        ))
                    })
                })
            },
            |old, new| !matches!((old, new), (Some(old), Some(new)) if Arc::ptr_eq(old, new)),
        );
        Self {
            rows,
            unreadable: RwSignal::new(0),
            loading: RwSignal::new(false),
            error: RwSignal::new(None),
            indices,
            findings,
            rolled: RwSignal::new(Vec::new()),
            asked: StoredValue::new(0),
            shown: StoredValue::new(0),
        }
    }

    /// Takes keys loaded elsewhere (the connect form lists them to check the credentials).
    pub fn set_loaded(self, list: KeyList) {
        let asked = self.ask();
        self.show(asked, list);
    }

    /// A number for a list about to be read.
    fn ask(self) -> usize {
        self.asked.update_value(|asked| *asked += 1);
        self.asked.get_value()
    }

    /// Shows the list numbered `asked`, unless a list asked for later is shown already.
    fn show(self, asked: usize, list: KeyList) {
        if self.shown.get_value() > asked {
            return;
        }
        self.shown.set_value(asked);
        let read_at = js_sys::Date::now();
        self.unreadable.set(list.unreadable);
        let load = Load::new(list.keys.into_iter().map(|k| KeyRow::new(k, read_at)).collect());
        mark("keys-rows");
        self.rows.set(Some(Arc::new(load)));
        self.error.set(None);
    }

    /// Whether a list is loaded: a page that waits for it is built once it is, not again at each
    /// reload.
    pub fn is_loaded(self) -> Memo<bool> {
        memo(move |_| self.rows.with(Option::is_some))
    }

    /// Forgets the keys, when the session is locked or ends.
    pub fn clear(self) {
        self.rows.set(None);
        self.indices.set(None);
        self.rolled.set(Vec::new());
        self.unreadable.set(0);
        self.error.set(None);
    }

    /// Loads every key. The request belongs to the current reactive owner: if the view that asked
    /// goes away, the fetch is aborted.
    pub fn load(self, client: Client) {
        self.loading.set(true);
        self.error.set(None);
        let loading = LoadingGuard(self.loading);
        let asked = self.ask();
        spawn_scoped(async move {
            match client.list_keys().await {
                Ok(keys) => self.show(asked, keys),
                Err(error) => self.error.set(Some(explain(&error))),
            }
            drop(loading);
        });
    }

    /// Reads the application's index names; a failure leaves them unknown, so the audit leaves out
    /// the one rule that needs them rather than calling every pattern stale.
    pub fn load_indices(self, client: Client) {
        spawn_scoped(async move {
            if let Ok(names) = client.list_indices().await {
                self.indices.set(Some(Arc::new(names)));
            }
        });
    }

    /// Reads the keys and the index names again (the Refresh buttons).
    pub fn refresh(self, client: Client) {
        self.load_indices(client.clone());
        self.load(client);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn rolled(old: &str, new: &str) -> Rolled {
        Rolled { old: old.into(), old_expires_at_ms: None, new: new.into(), retires_at_ms: 0.0 }
    }

    #[test]
    fn a_key_rolled_twice_is_first_the_old_key_of_its_own_roll() {
        let all = [rolled("a", "b"), rolled("b", "c")];
        let of = |value: &str| roll_of(&all, |v| v == value).map(|(r, old)| (r.new.clone(), old));
        assert_eq!(of("a"), Some(("b".into(), true)));
        assert_eq!(of("b"), Some(("c".into(), true)));
        assert_eq!(of("c"), Some(("c".into(), false)));
        assert_eq!(of("d"), None);
    }
}
