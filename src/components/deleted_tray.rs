use leptos::prelude::*;

use crate::components::{ConfirmDialog, KeyedList, Now};
use crate::fnv::hash_text;
use crate::keys::format::{ago, key_name, utc};
use crate::operations::{Operations, Write, WriteStatus};
use crate::reactive::memo;
use crate::session::Connection;

/// The keys deleted in this session, each restorable in one click with its settings and expiry.
/// One restore at a time: its progress shows on its line, and how it ended in the notices.
#[component]
pub fn DeletedTray() -> impl IntoView {
    let ops = expect_context::<Operations>();
    let app = expect_context::<Connection>();
    let now = expect_context::<Now>();
    let restoring = ops.track();
    let busy = RwSignal::new(None::<String>);
    // The value of a key whose expiry has passed since it was deleted: restoring it needs a decision.
    let expired = RwSignal::new(None::<String>);
    let expired_open = RwSignal::new(false);
    let restore = move |value: String, never_expiring: bool| {
        let Some(client) = app.client() else { return };
        // The tray as it is now: a line's own copy may predate a restore that half succeeded.
        let Some(deleted) = ops.tray.with_untracked(|t| t.iter().find(|d| d.value == value).cloned()) else {
            return;
        };
        if !never_expiring && deleted.settings_at(js_sys::Date::now()).is_none() {
            expired.set(Some(deleted.value));
            expired_open.set(true);
            return;
        }
        busy.set(Some(value.clone()));
        expired_open.set(false);
        ops.run(client, Write::RestoreFromTray { value, never_expiring }, restoring);
    };
    let progress = move |value: &str| {
        let mine = busy.with(|b| b.as_deref() == Some(value));
        match restoring.status.get() {
            WriteStatus::Working(activity) if mine => Some(activity.describe(now.ms())),
            _ => None,
        }
    };
    let restore_never = Callback::new(move |()| {
        if let Some(value) = expired.get_untracked() {
            restore(value, true);
        }
    });
    let tray_keys =
        Signal::derive(move || ops.tray.with(|t| t.iter().map(|d| hash_text(&d.value)).collect::<Vec<_>>()));
    let tray_row = Callback::new(move |(_, at): (u64, usize)| {
        let Some(deleted) = ops.tray.with_untracked(|t| t.get(at).cloned()) else { return ().into_any() };
        let value = deleted.value.clone();
        view! {
            <li>
                <span>{key_name(&deleted.settings.description, &deleted.value)}</span>
                <span class="hint">{format!(" deleted {}", ago(js_sys::Date::now() - deleted.deleted_at_ms))}</span>
                <button
                    type="button"
                    class="small"
                    aria-label=format!("Restore {}", key_name(&deleted.settings.description, &deleted.value))
                    disabled=move || restoring.is_working()
                    on:click={
                        let value = deleted.value.clone();
                        move |_| restore(value.clone(), false)
                    }
                >
                    "Restore"
                </button>
                <span class="hint" aria-live="polite">{move || progress(&value)}</span>
            </li>
        }
        .into_any()
    });
    // A memo, so the tray is built when it fills and removed when it empties, not built again on
    // each delete or restore: what `<Show>` does, without a copy of its code for each use.
    let any_deleted = memo(move |_| ops.tray.with(|t| !t.is_empty()));
    view! {
        {move || {
            any_deleted.get().then(|| {
                view! {
                    <section class="card tray" aria-labelledby="tray-title">
                        <h2 id="tray-title">{move || format!("Recently deleted ({})", ops.tray.with(Vec::len))}</h2>
                        <ul>
                            <KeyedList keys=tray_keys row=tray_row />
                        </ul>
                    </section>
                }
            })
            .into_any()
        }}
        <ConfirmDialog
            open=expired_open
            title="Its expiry has passed"
            confirm_label="Restore without expiry"
            on_confirm=restore_never
            busy=restoring.busy()
        >
            {move || {
                let value = expired.get()?;
                // The key as the tray has it when the dialog opens, as the text was before.
                let text = ops.tray.with_untracked(|tray| {
                    let d = tray.iter().find(|d| d.value == value)?;
                    Some(format!(
                        "{} was set to expire at {}, which has passed. Restore it never expiring? You can set a new expiry afterwards.",
                        key_name(&d.settings.description, &d.value),
                        d.expires_at_ms.map(utc).unwrap_or_default(),
                    ))
                })?;
                Some(view! { <p>{text}</p> })
            }}
        </ConfirmDialog>
    }
}
