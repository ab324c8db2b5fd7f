//! Every change to the application's keys goes through here, one way: a page describes the write
//! (`Write`) and hands it to `Operations::run` with a `WriteState` it renders. The write runs under
//! the signed-in layout, not the page, so it ends (in the tray and the notices) even when the user
//! has moved on; signing out or locking stops it. It is done only when the server's answer was read
//! and understood; when no answer was, the key is read back to find out what happened.

mod checks;
mod progress;
mod writes;

use checks::KeyValues;
use leptos::prelude::*;

use crate::algolia::{ApiKey, Awaited, Client, KeyBody};
use crate::keys::copy::Line;
use crate::keys::tray::{self, Deleted};
use crate::reactive::spawn_scoped;
use crate::storage::{self, Entry};
use crate::store::KeyStore;
use crate::store::Rolled;

use progress::Activity;
pub use progress::WriteStatus;

/// A change to make.
#[derive(Clone, Debug)]
pub enum Write {
    Create(KeyBody),
    /// Replaces every setting of the key with `body`.
    Update {
        value: String,
        body: KeyBody,
    },
    /// Deletes each key (with its expiry instant, for the tray), in order, stopping at a failure.
    Delete(Vec<(ApiKey, Option<f64>)>),
    /// Brings a key back from the tray with its settings and, unless the user chose otherwise
    /// because it has passed, its expiry instant.
    RestoreFromTray {
        value: String,
        never_expiring: bool,
    },
    /// Brings back a deleted key from its pasted value.
    Restore(String),
    /// Creates the keys of a batch (a copy from another application, an import) one by one. A
    /// retry sends only the lines not created.
    CreateAll(Batch),
    /// Rolls each key of the batch: a new key with its settings, then its own expiry shortened to
    /// `grace_s` seconds. A retry does only the steps not done.
    Roll {
        batch: Batch,
        grace_s: u64,
    },
}

/// Keys a write creates, each line with its progress (a copy, an import, a roll). It belongs to the
/// application's writes, like a `WriteState`, so it outlives the page that started it.
#[derive(Clone, Copy, Debug)]
pub struct Batch {
    pub lines: RwSignal<Vec<Line>>,
    /// The target's key values before the first run: a key whose create answer was lost is
    /// recognised as one not among them.
    before: StoredValue<Option<KeyValues>>,
}

impl Write {
    fn doing(&self) -> &'static str {
        match self {
            Write::Create(_) | Write::CreateAll(_) => "Creating",
            Write::Roll { .. } => "Rolling",
            Write::Update { .. } => "Saving",
            Write::Delete(_) => "Deleting",
            Write::RestoreFromTray { .. } | Write::Restore(_) => "Restoring",
        }
    }

    /// Whether how the write ended (`end`) goes to the notices: always when its page is gone
    /// (`watched` false); for a delete's success (its "undo" hint stays useful on the next page);
    /// for a restore from the tray, which has no room to say more; and for a success found by a
    /// check after an unreadable answer, unless the page tells it in its own words.
    fn tells_notices(&self, end: &WriteStatus, watched: bool) -> bool {
        let from_tray = matches!(self, Write::RestoreFromTray { .. });
        match end {
            _ if !watched => true,
            WriteStatus::Done(_) if from_tray || matches!(self, Write::Delete(_)) => true,
            WriteStatus::Done(done) => done.checked && !matches!(self, Write::Restore(_)),
            WriteStatus::Failed { .. } => from_tray,
            WriteStatus::Idle | WriteStatus::Working(_) => false,
        }
    }
}

/// One write's status, for the page that started it. It belongs to the signed-in layout, so the
/// write can still report after the page is gone; the page says when it stops watching.
#[derive(Clone, Copy)]
pub struct WriteState {
    pub status: RwSignal<WriteStatus>,
    watched: RwSignal<bool>,
}

impl WriteState {
    pub fn is_working(&self) -> bool {
        self.status.with(WriteStatus::is_working)
    }

    /// Whether a write runs, as the signal a confirm dialog's `busy` takes: one for every dialog.
    pub fn busy(self) -> Signal<bool> {
        Signal::derive(move || self.is_working())
    }

    /// Forgets how the last write ended, so a dialog or form opens without an old message; a write
    /// still running keeps its status.
    pub fn clear_ended(&self) {
        if !self.status.with_untracked(WriteStatus::is_working) {
            self.status.set(WriteStatus::Idle);
        }
    }
}

#[derive(Clone, Copy)]
pub struct Operations {
    /// Key values with a change the API does not show yet, and what the change is.
    pub pending: RwSignal<Vec<(String, &'static str)>>,
    pub tray: RwSignal<Vec<Deleted>>,
    /// The notice shown under the header, until dismissed: how a write ended, in words.
    pub notice: RwSignal<Option<String>>,
    /// Whether the notice tells of a failure; set with it by `notify`. Kept apart from its text so
    /// both are in signal types the app already has (each type of its own adds reactive code).
    pub notice_is_error: RwSignal<bool>,
    store: KeyStore,
    /// The application whose keys these writes change, for its tray's storage.
    app_id: StoredValue<String>,
    owner: StoredValue<Owner>,
}

impl Operations {
    /// For the application `app_id`, under the current owner (the application's connection, so its
    /// writes stop when it is locked or forgotten); reloads `store` after each change.
    pub fn new(store: KeyStore, app_id: String) -> Self {
        store.rolled.set(storage::read_list(Entry::Rolls(&app_id)));
        Self {
            store,
            pending: RwSignal::new(Vec::new()),
            tray: RwSignal::new(storage::read_list(Entry::Tray(&app_id))),
            notice: RwSignal::new(None),
            notice_is_error: RwSignal::new(false),
            app_id: StoredValue::new(app_id),
            owner: StoredValue::new(Owner::current().unwrap_or_default()),
        }
    }

    fn save_tray(&self) {
        self.app_id
            .with_value(|app_id| self.tray.with_untracked(|t| storage::write_list(Entry::Tray(app_id), t)));
    }

    /// Keeps a roll, in place of an earlier one of the same old key.
    pub fn record_roll(&self, rolled: Rolled) {
        self.store.rolled.update(|all| {
            all.retain(|r| r.old != rolled.old);
            all.push(rolled);
        });
        self.save_rolls();
    }

    /// Forgets the roll of old key `old`: retired or cancelled.
    pub fn end_roll(&self, old: &str) {
        self.store.rolled.update(|all| all.retain(|r| r.old != old));
        self.save_rolls();
    }

    fn save_rolls(&self) {
        self.app_id.with_value(|app_id| {
            self.store.rolled.with_untracked(|r| storage::write_list(Entry::Rolls(app_id), r))
        });
    }

    /// A status for a write the current page will start; it stops being watched with the page.
    pub fn track(&self) -> WriteState {
        let state = self.owner.with_value(|owner| {
            owner.with(|| WriteState {
                status: RwSignal::new(WriteStatus::Idle),
                watched: RwSignal::new(true),
            })
        });
        on_cleanup(move || {
            state.watched.try_set(false);
        });
        state
    }

    /// A batch of keys to create, for `Write::CreateAll` and `Write::Roll`.
    pub fn batch(&self, lines: Vec<Line>) -> Batch {
        self.owner.with_value(|owner| {
            owner.with(|| Batch { lines: RwSignal::new(lines), before: StoredValue::new(None) })
        })
    }

    /// Starts a write, unless this state's previous one is still running.
    pub fn run(self, client: Client, write: Write, state: WriteState) {
        if state.status.with_untracked(WriteStatus::is_working) {
            return;
        }
        state.status.set(WriteStatus::Working(Activity::new(write.doing())));
        self.spawn(async move {
            let end = writes::Run { ops: self, client, state }.perform(&write).await;
            if write.tells_notices(&end, state.watched.get_untracked()) {
                match &end {
                    WriteStatus::Done(done) => self.notify(done.message.clone(), false),
                    WriteStatus::Failed { message, .. } => self.notify(message.clone(), true),
                    WriteStatus::Idle | WriteStatus::Working(_) => {}
                }
            }
            state.status.try_set(end);
        });
    }

    pub fn is_pending(&self, value: &str) -> Option<&'static str> {
        self.pending.with(|p| p.iter().find(|(v, _)| v == value).map(|(_, label)| *label))
    }

    pub fn notify(&self, text: impl Into<String>, error: bool) {
        self.notice_is_error.set(error);
        self.notice.set(Some(text.into()));
    }

    /// Runs a task that outlives the view that started it but not the session.
    fn spawn(&self, task: impl Future<Output = ()> + 'static) {
        self.owner.with_value(|owner| owner.with(|| spawn_scoped(task)));
    }

    /// Shows the key as applying until the API shows the change; then reloads the list. Only for
    /// a change whose answer was understood: one seen in a reload has nothing left to wait for.
    fn settle(self, client: &Client, value: &str, change: Awaited, label: &'static str) {
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

    fn put_in_tray(&self, key: &ApiKey, expires_at: Option<f64>) {
        self.tray.update(|t| tray::push(t, Deleted::new(key, expires_at, js_sys::Date::now())));
        self.save_tray();
    }

    /// The key is back but its settings are not: a retry from the tray only puts them back.
    fn mark_restored(&self, value: &str) {
        self.tray.update(|t| t.iter_mut().filter(|d| d.value == value).for_each(|d| d.restored = true));
        self.save_tray();
    }

    fn out_of_tray(&self, value: &str) {
        self.tray.update(|t| t.retain(|d| d.value != value));
        self.save_tray();
    }
}

#[cfg(test)]
mod tests {
    use super::progress::Finished;
    use super::*;

    fn done(checked: bool) -> WriteStatus {
        WriteStatus::Done(Finished { message: "ok".into(), value: None, checked })
    }

    fn failed() -> WriteStatus {
        WriteStatus::Failed { message: "no".into(), retry: true }
    }

    #[test]
    fn a_write_whose_page_is_gone_always_lands_in_the_notices() {
        let update = Write::Update { value: "k".into(), body: KeyBody::default() };
        assert!(update.tells_notices(&done(false), false));
        assert!(update.tells_notices(&failed(), false));
        assert!(!update.tells_notices(&done(false), true));
        assert!(!update.tells_notices(&failed(), true), "the form shows it");
    }

    #[test]
    fn a_success_found_by_a_check_is_told_unless_the_page_tells_it() {
        let update = Write::Update { value: "k".into(), body: KeyBody::default() };
        assert!(update.tells_notices(&done(true), true));
        assert!(Write::Create(KeyBody::default()).tells_notices(&done(true), true));
        assert!(!Write::Restore("k".into()).tells_notices(&done(true), true));
    }

    #[test]
    fn deletes_and_tray_restores_speak_in_the_notices() {
        let delete = Write::Delete(Vec::new());
        assert!(delete.tells_notices(&done(false), true), "its undo hint");
        assert!(!delete.tells_notices(&failed(), true), "the dialog shows it");
        let from_tray = Write::RestoreFromTray { value: "k".into(), never_expiring: false };
        assert!(from_tray.tells_notices(&done(false), true));
        assert!(from_tray.tells_notices(&failed(), true));
    }
}
