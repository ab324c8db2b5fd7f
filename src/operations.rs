//! Changes in flight and their aftermath: which keys are still "Applying…", the "Recently deleted"
//! tray (kept in this tab's session only, like the admin key), and the notices that report how a
//! change ended. Waits run under the signed-in layout, so signing out or locking stops them.

use leptos::prelude::*;

use crate::algolia::{ApiError, ApiKey, Awaited, Client, KeyBody, sleep_ms};
use crate::keys::tray::{self, Deleted};
use crate::store::KeyStore;

const TRAY_KEY: &str = "keys-console.deleted";

#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

#[derive(Clone, Copy)]
pub struct Operations {
    /// Key values with a change the API does not show yet, and what the change is.
    pub pending: RwSignal<Vec<(String, &'static str)>>,
    pub tray: RwSignal<Vec<Deleted>>,
    pub notice: RwSignal<Option<Notice>>,
    store: KeyStore,
    owner: StoredValue<Owner>,
}

impl Operations {
    /// For the current (signed-in) owner; reloads `store` after each change.
    pub fn new(store: KeyStore) -> Self {
        let tray = read_tray();
        Self {
            store,
            pending: RwSignal::new(Vec::new()),
            tray: RwSignal::new(tray),
            notice: RwSignal::new(None),
            owner: StoredValue::new(Owner::current().unwrap_or_default()),
        }
    }

    pub fn is_pending(&self, value: &str) -> Option<&'static str> {
        self.pending.with(|p| p.iter().find(|(v, _)| v == value).map(|(_, label)| *label))
    }

    pub fn notify(&self, text: impl Into<String>, error: bool) {
        self.notice.set(Some(Notice { text: text.into(), error }));
    }

    /// Runs a task that outlives the view that started it but not the session.
    pub fn spawn(&self, task: impl Future<Output = ()> + 'static) {
        self.owner
            .with_value(|owner| owner.with(|| leptos::task::spawn_local_scoped_with_cancellation(task)));
    }

    /// Shows the key as applying, at once, until the API shows the change; then reloads the list.
    pub fn settle(self, client: &Client, value: &str, change: Awaited, label: &'static str) {
        self.pending.update(|p| p.push((value.to_owned(), label)));
        let (client, value) = (client.clone(), value.to_owned());
        self.spawn(async move {
            let result = client.wait_for(&value, &change).await;
            self.pending.update(|p| p.retain(|(v, _)| *v != value));
            if let Err(error) = result {
                self.notify(error.to_string(), true);
            }
            self.store.load(client);
        });
    }

    /// Deletes keys (each with its expiry instant), putting each in the tray first so it can be undone.
    pub async fn delete(self, client: &Client, keys: Vec<(ApiKey, Option<f64>)>) -> Result<(), ApiError> {
        let count = keys.len();
        for (key, expires_at) in keys {
            client.delete_key(&key.value).await?;
            self.tray.update(|t| tray::push(t, Deleted::new(&key, expires_at, js_sys::Date::now())));
            write_tray(&self.tray.get_untracked());
            self.settle(client, &key.value, Awaited::Deleted, "Deleting");
        }
        let what = if count == 1 { "Key deleted".to_owned() } else { format!("{count} keys deleted") };
        self.notify(format!("{what}. Undo from “Recently deleted”."), false);
        Ok(())
    }

    /// Restores a key from the tray, then puts its settings back: `settings` carries the validity to
    /// apply (the original instant, or never when the user chose so).
    pub async fn restore(
        self,
        client: &Client,
        deleted: &Deleted,
        settings: KeyBody,
    ) -> Result<(), ApiError> {
        restore_with_retries(client, &deleted.value, |_| {}).await?;
        client.wait_for(&deleted.value, &Awaited::Added).await?;
        client.update_key(&deleted.value, &settings).await?;
        self.tray.update(|t| t.retain(|d| d.value != deleted.value));
        write_tray(&self.tray.get_untracked());
        let label = match deleted.settings.description.as_str() {
            "" => "The key".to_owned(),
            description => format!("“{description}”"),
        };
        self.notify(format!("{label} is back with its settings and expiry."), false);
        self.settle(client, &deleted.value, Awaited::Updated(Box::new(settings)), "Restoring");
        Ok(())
    }
}

/// How many times a restore that meets "Key already exists" (the delete still spreading) is tried.
pub const RESTORE_TRIES: u32 = 6;

/// Restores a key, retrying with a growing wait while Algolia still answers "Key already exists"
/// right after a delete. `on_retry` is told the wait before each new try, in seconds.
pub async fn restore_with_retries(
    client: &Client,
    value: &str,
    on_retry: impl Fn(u32),
) -> Result<(), ApiError> {
    let mut attempt = 0;
    loop {
        match client.restore_key(value).await {
            Err(ApiError::Rejected { status: 404, message }) if message.contains("already exists") => {
                attempt += 1;
                if attempt >= RESTORE_TRIES {
                    return Err(ApiError::Rejected { status: 404, message });
                }
                let wait_s = 1 << (attempt - 1);
                on_retry(wait_s);
                sleep_ms(wait_s * 1000).await;
            }
            other => return other,
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

fn read_tray() -> Vec<Deleted> {
    storage()
        .and_then(|s| s.get_item(TRAY_KEY).ok().flatten())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

fn write_tray(tray: &[Deleted]) {
    if let (Some(storage), Ok(json)) = (storage(), serde_json::to_string(tray)) {
        let _ = storage.set_item(TRAY_KEY, &json);
    }
}
