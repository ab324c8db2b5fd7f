//! The steps of each write, and what each way of ending means for the user. A step whose answer was
//! not understood is followed by a check of what the API shows, and the user is told what it says.

use leptos::prelude::*;

use super::checks::{KeyValues, find_created};
use super::progress::{Finished, WriteStatus};
use super::{Batch, Operations, Write, WriteState};
use crate::algolia::{ApiError, ApiKey, Awaited, Client, HostEvent, KeyBody, KeyList, sleep_ms};
use crate::keys::copy::{Line, LineState, tally};
use crate::keys::format::{count, key_name};
use crate::keys::roll::OldKey;
use crate::store::Rolled;

/// How many times a restore that meets "Key already exists" (the delete still spreading) is tried.
pub const RESTORE_TRIES: u32 = 6;

/// How long the keys may count down between a create and the list that shows it.
const CREATE_SLACK_S: u64 = 120;

/// After a create whose answer was lost, the list is read this many times, a little apart.
const LIST_CHECKS: u32 = 3;

pub struct Run {
    pub ops: Operations,
    pub client: Client,
    pub state: WriteState,
}

fn done(message: impl Into<String>, value: Option<String>) -> WriteStatus {
    WriteStatus::Done(Finished { message: message.into(), value, checked: false })
}

/// Done, as a check showed after an answer that could not be read.
fn done_checked(message: impl Into<String>, value: Option<String>) -> WriteStatus {
    WriteStatus::Done(Finished { message: message.into(), value, checked: true })
}

fn failed(message: impl Into<String>, retry: bool) -> WriteStatus {
    WriteStatus::Failed { message: message.into(), retry }
}

/// Why a write was not applied: its answer said so, or it was lost and a check did not show the
/// change (the check's report).
enum NotApplied {
    Refused(ApiError),
    NotShown(String),
}

/// The first words of every report of a write whose answer was lost.
fn unknown(error: &ApiError) -> String {
    format!("{error} The change may or may not have been applied, so the console checked:")
}

impl Run {
    pub async fn perform(self, write: &Write) -> WriteStatus {
        match write {
            Write::Create(body) => self.create(body).await,
            Write::Update { value, body } => self.update(value, body).await,
            Write::Delete(keys) => self.delete(keys).await,
            Write::RestoreFromTray { value, never_expiring } => {
                self.restore_from_tray(value, *never_expiring).await
            }
            Write::Restore(value) => self.restore(value).await,
            Write::CreateAll(batch) => self.create_all(*batch, None).await,
            Write::Roll { batch, grace_s } => self.create_all(*batch, Some(*grace_s)).await,
        }
    }

    /// Passes what the request is doing on to the page.
    fn hear(&self, event: HostEvent) {
        self.state.status.update(|status| {
            if let WriteStatus::Working(activity) = status {
                activity.hear(event);
            }
        });
    }

    fn now_doing(&self, doing: &'static str, note: Option<String>) {
        self.state.status.update(|status| {
            if let WriteStatus::Working(activity) = status {
                activity.doing = doing;
                activity.note = note;
                activity.host = None;
                activity.last_failed = None;
            }
        });
    }

    /// After `error`, an answer that could not be read: reads the key back and reports what it
    /// showed. `Ok` when it shows `change` (the report ends with `shown`), `Err` when it does not
    /// (`not_shown`) or could not be read.
    async fn check(
        &self,
        error: &ApiError,
        value: &str,
        change: &Awaited,
        shown: &str,
        not_shown: &str,
    ) -> Result<String, String> {
        match self.client.shows(value, change).await {
            Ok(true) => Ok(format!("{} {shown}", unknown(error))),
            Ok(false) => Err(format!("{} {not_shown}", unknown(error))),
            Err(read) => Err(format!("{} reading the key failed too: {read}", unknown(error))),
        }
    }

    async fn create(&self, body: &KeyBody) -> WriteStatus {
        // What the list held before, to tell the new key apart if the answer is lost: the loaded
        // keys, or the list read now when none are loaded (a create opened by its URL).
        let loaded: Option<KeyValues> = self.ops.store.rows.with_untracked(|rows| {
            rows.as_ref().map(|rows| rows.iter().map(|row| row.key.value.clone()).collect())
        });
        let before = match loaded {
            Some(before) => before,
            None => match self.listed_values().await {
                Ok(before) => before,
                Err(status) => return status,
            },
        };
        let sent_at_ms = js_sys::Date::now();
        match self.client.create_key(body, &|e| self.hear(e)).await {
            Ok(value) => {
                self.ops.settle(&self.client, &value, Awaited::Added, "Creating");
                done("Key created.", Some(value))
            }
            Err(error) if error.outcome_unknown() => {
                self.now_doing("Checking whether the key was created", None);
                match self.find_lost(&before, body, sent_at_ms, LIST_CHECKS).await {
                    Ok(Some((value, list))) => {
                        self.ops.store.set_loaded(list);
                        done_checked(
                            format!(
                                "{} the list now has a new key with these settings: it was created.",
                                unknown(&error)
                            ),
                            Some(value),
                        )
                    }
                    Ok(None) => failed(
                        format!(
                            "{} the list shows no new key with these settings, so it was probably not created. If \
                             it appears later, creating again would make a second one: refresh the list before \
                             creating it again.",
                            unknown(&error)
                        ),
                        false,
                    ),
                    Err(list_error) => {
                        failed(format!("{} Reading the list failed too: {list_error}", unknown(&error)), true)
                    }
                }
            }
            Err(error) => failed(error.to_string(), error.is_retryable()),
        }
    }

    /// The application's key values before a batch's first run, read then and kept for retries.
    async fn before(&self, batch: &Batch) -> Result<KeyValues, WriteStatus> {
        if let Some(before) = batch.before.get_value() {
            return Ok(before);
        }
        let before = self.listed_values().await?;
        batch.before.set_value(Some(before.clone()));
        Ok(before)
    }

    /// The values of the application's keys, read now: a key whose create answer was lost is told
    /// apart as one not among them.
    async fn listed_values(&self) -> Result<KeyValues, WriteStatus> {
        match self.client.list_keys().await {
            Ok(list) => Ok(list.keys.into_iter().map(|key| key.value).collect()),
            Err(error) => Err(failed(format!("Could not read the list before creating: {error}"), true)),
        }
    }

    /// After a create with `body`, sent at `sent_at_ms`, whose answer was lost: reads the list up to
    /// `checks` times, a little apart, until it shows the key that create made (one not `taken`
    /// before). Returns its value and the list that shows it.
    async fn find_lost(
        &self,
        taken: &KeyValues,
        body: &KeyBody,
        sent_at_ms: f64,
        checks: u32,
    ) -> Result<Option<(String, KeyList)>, ApiError> {
        for check in 0..checks {
            if check > 0 {
                sleep_ms(1_000 * check).await;
            }
            let list = self.client.list_keys().await?;
            if let Some(key) = find_created(taken, &list.keys, body, sent_at_ms, CREATE_SLACK_S) {
                let value = key.value.clone();
                return Ok(Some((value, list)));
            }
        }
        Ok(None)
    }

    /// Creates each pending line's key in turn; in a roll (`grace_s`), then shortens the old key's
    /// expiry to the grace period. A line that fails does not stop the others: each step's failure
    /// stays on its line, and a retry does only the steps left.
    async fn create_all(&self, batch: Batch, grace_s: Option<u64>) -> WriteStatus {
        let before = match self.before(&batch).await {
            Ok(before) => before,
            Err(status) => return status,
        };
        let doing = if grace_s.is_some() { "Rolling" } else { "Creating" };
        let total = batch.lines.with_untracked(Vec::len);
        for at in 0..total {
            let Some(line) = batch.lines.with_untracked(|lines| lines.get(at).cloned()) else { break };
            if !line.is_pending() {
                continue;
            }
            self.now_doing(doing, Some(format!("{} ({} of {total}).", line.name, at + 1)));
            let set = |state| batch.lines.update(|lines| lines[at].state = state);
            let new = match line.new_value() {
                Some(new) => new.to_owned(),
                None => {
                    let lost_at_ms = match line.state {
                        LineState::Failed { lost_at_ms, .. } => lost_at_ms,
                        _ => None,
                    };
                    set(LineState::Creating);
                    let made = || {
                        batch.lines.with_untracked(|l| {
                            l.iter().filter_map(Line::new_value).map(str::to_owned).collect()
                        })
                    };
                    match self.create_once(&line.body, lost_at_ms, &before, &made).await {
                        Ok(new) => new,
                        Err((message, lost_at_ms)) => {
                            set(LineState::Failed { message, lost_at_ms });
                            continue;
                        }
                    }
                }
            };
            set(LineState::Created(new.clone()));
            if let (Some(old), Some(grace_s)) = (&line.old, grace_s) {
                set(self.shorten_old(old, new, grace_s).await);
            }
        }
        // Keys found by a check were never settled: the list shows them once reloaded.
        self.ops.store.load(self.client.clone());
        let (done_count, failures, _) = batch.lines.with_untracked(|lines| tally(lines));
        let keys = count(total, "key");
        match (grace_s, failures) {
            (None, 0) => done(format!("{done_count} of {keys} created."), None),
            (None, _) => failed(
                format!("{done_count} of {keys} created; {failures} failed. Retry sends only those."),
                true,
            ),
            (Some(_), 0) => done(format!("{done_count} of {keys} rolled."), None),
            (Some(_), _) => failed(
                format!(
                    "{done_count} of {keys} rolled; {failures} stopped part-way. Retry does only the steps left."
                ),
                true,
            ),
        }
    }

    /// A roll's second step, once its new key `new` exists: shortens the old key's expiry to the
    /// grace period, and keeps the roll.
    async fn shorten_old(&self, old: &OldKey, new: String, grace_s: u64) -> LineState {
        let now = js_sys::Date::now();
        let shortened = match old.shorten_body(grace_s, now) {
            // It expires within the grace period already: it retires then.
            None => Ok(old.expires_at_ms.unwrap_or(now)),
            Some(body) => {
                let retires_at_ms = now + grace_s as f64 * 1000.0;
                self.shorten(&old.key.value, body).await.map(|()| retires_at_ms)
            }
        };
        match shortened {
            Ok(retires_at_ms) => {
                self.ops.record_roll(Rolled {
                    old: old.key.value.clone(),
                    old_expires_at_ms: old.expires_at_ms,
                    new: new.clone(),
                    retires_at_ms,
                });
                LineState::Rolled { new, retires_at_ms }
            }
            Err(message) => LineState::ShortenFailed { new, message },
        }
    }

    /// A roll's second step: the old key's update to its grace period.
    async fn shorten(&self, value: &str, body: KeyBody) -> Result<(), String> {
        let reports = (
            "the old key now expires after the grace period.",
            "the old key still has its old expiry. Retry shortens it.",
        );
        match self.update_checked(value, &body, "Updating", None, reports).await {
            Ok(_) => Ok(()),
            Err(NotApplied::NotShown(report)) => Err(report),
            Err(NotApplied::Refused(error)) => {
                Err(format!("{error} The old key still has its old expiry. Retry shortens it."))
            }
        }
    }

    /// Sends `body` as every setting of the key. `Ok(None)` when the answer was read: the key then
    /// shows as `label` until the change settles. When the answer was lost, the key is read back
    /// (the page told `checking` first, if given) and its report is given by `reports` (shown, not
    /// shown): `Ok(Some(report))` when the key shows the change.
    async fn update_checked(
        &self,
        value: &str,
        body: &KeyBody,
        label: &'static str,
        checking: Option<&'static str>,
        (shown, not_shown): (&str, &str),
    ) -> Result<Option<String>, NotApplied> {
        let change = Awaited::Updated(Box::new(body.clone()));
        match self.client.update_key(value, body, &|e| self.hear(e)).await {
            Ok(()) => {
                self.ops.settle(&self.client, value, change, label);
                Ok(None)
            }
            Err(error) if error.outcome_unknown() => {
                if let Some(checking) = checking {
                    self.now_doing(checking, None);
                }
                self.check(&error, value, &change, shown, not_shown)
                    .await
                    .map(Some)
                    .map_err(NotApplied::NotShown)
            }
            Err(error) => Err(NotApplied::Refused(error)),
        }
    }

    /// Creates a key with `body`, or finds the one an earlier try created. A try whose answer was
    /// lost (`lost_at_ms`, when it was sent) is looked for in the list first, among keys neither
    /// listed `before` the batch nor `made` by its other lines, so no key is ever created twice.
    /// `Err` says why not, with when it was sent if its answer was lost.
    async fn create_once(
        &self,
        body: &KeyBody,
        lost_at_ms: Option<f64>,
        before: &KeyValues,
        made: &dyn Fn() -> Vec<String>,
    ) -> Result<String, (String, Option<f64>)> {
        let taken = || {
            let mut taken = before.clone();
            taken.extend(made());
            taken
        };
        if let Some(sent_at_ms) = lost_at_ms {
            match self.find_lost(&taken(), body, sent_at_ms, 1).await {
                Ok(Some((value, _))) => return Ok(value),
                Ok(None) => {}
                Err(error) => {
                    let message = format!("Could not check whether the earlier try created it: {error}");
                    return Err((message, Some(sent_at_ms)));
                }
            }
        }
        let sent_at_ms = js_sys::Date::now();
        match self.client.create_key(body, &|e| self.hear(e)).await {
            Ok(value) => {
                self.ops.settle(&self.client, &value, Awaited::Added, "Creating");
                Ok(value)
            }
            Err(error) if error.outcome_unknown() => {
                let found = match self.find_lost(&taken(), body, sent_at_ms, 1).await {
                    Ok(Some((value, _))) => Ok(value),
                    Ok(None) => {
                        Err("the list shows no new key with these settings, so it was probably not created.")
                    }
                    Err(_) => Err("reading the list failed too."),
                };
                found.map_err(|why| {
                    let message =
                        format!("{} {why} Retry looks for it again before creating it.", unknown(&error));
                    (message, Some(sent_at_ms))
                })
            }
            Err(error) => Err((error.to_string(), None)),
        }
    }

    async fn update(&self, value: &str, body: &KeyBody) -> WriteStatus {
        let checking = Some("Checking whether the change was saved");
        let reports = (
            "the key now shows the change: it was saved.",
            "the key does not show the change, so it was not saved (or is still spreading). Your edits are \
             kept: save again to retry.",
        );
        match self.update_checked(value, body, "Updating", checking, reports).await {
            Ok(None) => done("Saved.", Some(value.to_owned())),
            Ok(Some(report)) => {
                self.ops.store.load(self.client.clone());
                done_checked(report, Some(value.to_owned()))
            }
            Err(NotApplied::NotShown(report)) => failed(report, true),
            Err(NotApplied::Refused(error)) => failed(error.to_string(), error.is_retryable()),
        }
    }

    async fn delete(&self, keys: &[(ApiKey, Option<f64>)]) -> WriteStatus {
        let total = keys.len();
        let mut deleted = 0;
        let mut checked = Vec::new();
        for (key, expires_at) in keys {
            let name = key_name(&key.description, &key.value);
            let so_far =
                if deleted > 0 { format!("{deleted} of {total} deleted; then ") } else { String::new() };
            if total > 1 {
                self.now_doing("Deleting", Some(format!("{name} ({} of {total}).", deleted + 1)));
            }
            match self.client.delete_key(&key.value, &|e| self.hear(e)).await {
                Ok(()) => self.ops.settle(&self.client, &key.value, Awaited::Deleted, "Deleting"),
                // Already gone: deleted by an earlier try of this delete (a host that applied it and
                // then failed to answer, or a retry), or elsewhere. Its settings are known, so it goes
                // to the tray all the same: an undo that is not needed does no harm.
                Err(ApiError::KeyNotFound(_)) => {}
                Err(error) if error.outcome_unknown() => {
                    self.now_doing("Checking whether the key was deleted", Some(name.clone()));
                    let shown = format!("{name} is gone: it was deleted.");
                    let not_shown = "the key is still there, so it was not deleted (or the deletion is still \
                                     spreading). Retry to delete it.";
                    match self.check(&error, &key.value, &Awaited::Deleted, &shown, not_shown).await {
                        Ok(report) => {
                            self.ops.store.load(self.client.clone());
                            checked.push(report);
                        }
                        Err(report) => return failed(format!("{so_far}{name}: {report}"), true),
                    }
                }
                Err(error) => {
                    return failed(format!("{so_far}could not delete {name}: {error}"), error.is_retryable());
                }
            }
            self.ops.put_in_tray(key, *expires_at);
            deleted += 1;
        }
        let what = match deleted {
            1 => "Key deleted".to_owned(),
            n => format!("{n} keys deleted"),
        };
        let message = format!("{what}. Undo from “Recently deleted”.");
        if checked.is_empty() {
            done(message, None)
        } else {
            done_checked(format!("{} {message}", checked.join(" ")), None)
        }
    }

    /// Restores, retrying while Algolia still answers "Key already exists" right after a delete.
    /// A restore whose answer was lost is checked by reading the key: then the `Ok` carries what the
    /// check found, for the user.
    async fn restore_key(&self, value: &str) -> Result<Option<String>, String> {
        let mut attempt = 0;
        loop {
            match self.client.restore_key(value, &|e| self.hear(e)).await {
                Ok(()) => return Ok(None),
                Err(ApiError::KeyAlreadyExists(message)) if attempt + 1 < RESTORE_TRIES => {
                    attempt += 1;
                    let wait_s = 1 << (attempt - 1);
                    self.now_doing(
                        "Restoring",
                        Some(format!(
                            "Algolia still answers “{message}”: the deletion is spreading. Retrying in {wait_s} s \
                             (try {} of {RESTORE_TRIES}).",
                            attempt + 1
                        )),
                    );
                    sleep_ms(wait_s * 1000).await;
                }
                Err(error) if error.outcome_unknown() => {
                    self.now_doing("Checking whether the key was restored", None);
                    let shown = "the key is back: it was restored.";
                    let not_shown =
                        "the key is still not there, so it was not restored (or is still spreading). Retry.";
                    return self.check(&error, value, &Awaited::Added, shown, not_shown).await.map(Some);
                }
                Err(error) => return Err(restore_failure(&error)),
            }
        }
    }

    async fn restore(&self, value: &str) -> WriteStatus {
        const RESTORED: &str = "Restored. It never expires now (a restore clears the expiry).";
        match self.restore_key(value).await {
            Ok(None) => {
                self.ops.settle(&self.client, value, Awaited::Added, "Restoring");
                done(RESTORED, Some(value.to_owned()))
            }
            Ok(Some(check)) => {
                self.ops.store.load(self.client.clone());
                done_checked(format!("{check} {RESTORED}"), Some(value.to_owned()))
            }
            Err(message) => failed(message, true),
        }
    }

    /// Restores, then puts the settings back (a restore alone clears the expiry). The entry is read
    /// from the tray now, and the validity computed just before it is sent, so neither a retry nor a
    /// long wait moves the expiry instant.
    async fn restore_from_tray(&self, value: &str, never_expiring: bool) -> WriteStatus {
        let Some(deleted) = self.ops.tray.with_untracked(|t| t.iter().find(|d| d.value == value).cloned())
        else {
            return failed("This key is no longer in “Recently deleted”.", false);
        };
        let name = key_name(&deleted.settings.description, value);
        // A retry after the settings failed: the key is back already, and a second restore would be
        // refused with "Key already exists".
        let mut check = None;
        if !deleted.restored {
            match self.restore_key(value).await {
                Ok(found) => check = found,
                Err(message) => return failed(format!("Could not restore {name}: {message}"), true),
            }
            self.ops.mark_restored(value);
        }
        let with_check =
            |text: String| check.as_ref().map_or(text.clone(), |check| format!("{check} {text}"));
        if !deleted.fully_read {
            if check.is_none() {
                self.ops.settle(&self.client, value, Awaited::Added, "Restoring");
            }
            self.ops.out_of_tray(value);
            return done(
                with_check(format!(
                    "{name} is back with its settings as Algolia kept them, but it never expires now: it was not \
                     fully read when deleted, so the console does not rewrite it to put its expiry back."
                )),
                Some(value.to_owned()),
            );
        }
        self.now_doing(
            "Restoring",
            Some("The key is back; waiting for it to show before putting its expiry back.".into()),
        );
        if let Err(error) = self.client.wait_for(value, &Awaited::Added).await {
            return failed(format!("{name} was restored, but its settings are not back yet: {error}"), true);
        }
        let settings = if never_expiring {
            deleted.settings_never_expiring()
        } else {
            match deleted.settings_at(js_sys::Date::now()) {
                Some(settings) => settings,
                None => {
                    return failed(
                        format!(
                            "{name} is back, but its expiry passed while it was being restored, so it never expires \
                             for now. Restore it again from “Recently deleted” to choose."
                        ),
                        false,
                    );
                }
            }
        };
        self.now_doing("Restoring", Some("Putting its settings and expiry back.".into()));
        const NOT_YET: &str = "It never expires for now; restore it again from “Recently deleted” to retry.";
        let reports = ("the key shows its settings back.", "the key does not show them.");
        let settings_check = match self.update_checked(value, &settings, "Restoring", None, reports).await {
            Ok(None) => None,
            Ok(Some(report)) => {
                self.ops.store.load(self.client.clone());
                Some(report)
            }
            Err(NotApplied::NotShown(report)) => {
                return failed(
                    format!(
                        "{name} was restored, but putting its settings back did not finish: {report} {NOT_YET}"
                    ),
                    true,
                );
            }
            Err(NotApplied::Refused(error)) => {
                return failed(
                    format!("{name} was restored, but putting its settings back failed: {error} {NOT_YET}"),
                    error.is_retryable(),
                );
            }
        };
        self.ops.out_of_tray(value);
        let back = with_check(format!("{name} is back with its settings and expiry."));
        let message = settings_check.map_or(back.clone(), |check| format!("{back} {check}"));
        done(message, Some(value.to_owned()))
    }
}

/// Why a restore was refused, precisely enough to act on.
fn restore_failure(error: &ApiError) -> String {
    match error {
        ApiError::KeyNotFound(message) => format!(
            "Algolia answered “{message}”: no deleted key has this value. It never existed, or it is older than the \
             last 1,000 deleted keys, which are all Algolia keeps."
        ),
        ApiError::KeyAlreadyExists(message) => format!(
            "Algolia still answers “{message}” after {RESTORE_TRIES} tries: the key may not be deleted at all (look \
             for it in the table), or its deletion is still spreading. Try again in a minute."
        ),
        other => other.to_string(),
    }
}
