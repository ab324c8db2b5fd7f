use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;
use leptos_router::components::A;

use crate::algolia::{ApiError, Awaited};
use crate::components::TextField;
use crate::keys::short_hash;
use crate::operations::{Operations, RESTORE_TRIES, restore_with_retries};
use crate::routes::AppRoute;
use crate::session::Session;

#[derive(Clone, PartialEq)]
enum Outcome {
    Restored(String),
    Failed(String),
}

/// Restores a deleted key from its value, and explains each way that can end.
#[component]
pub fn RestorePage() -> impl IntoView {
    let session = expect_context::<Session>();
    let ops = expect_context::<Operations>();
    let value = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let progress = RwSignal::new(None::<String>);
    let outcome = RwSignal::new(None::<Outcome>);
    let pending = RwSignal::new(false);
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let key = value.get_untracked().trim().to_owned();
        if key.is_empty() {
            error.set(Some("Paste the value of the deleted key.".into()));
            return;
        }
        let Some(client) = session.client() else { return };
        error.set(None);
        outcome.set(None);
        pending.set(true);
        spawn_local_scoped_with_cancellation(async move {
            let tries = std::cell::Cell::new(1);
            let on_retry = |wait_s: u32| {
                tries.set(tries.get() + 1);
                progress.set(Some(format!(
                    "Algolia still answers “Key already exists”: the deletion is spreading. Retrying in {wait_s} s (try {} of {RESTORE_TRIES})…",
                    tries.get()
                )));
            };
            let result = restore_with_retries(&client, &key, on_retry).await;
            progress.set(None);
            pending.set(false);
            outcome.set(Some(match result {
                Ok(()) => {
                    ops.settle(&client, &key, Awaited::Added, "Restoring");
                    Outcome::Restored(key)
                }
                Err(error) => Outcome::Failed(explain(&error)),
            }));
        });
    };
    view! {
        <main class="page narrow">
            <p>
                <A href=AppRoute::keys().href()>"← All keys"</A>
            </p>
            <h1>"Restore a key"</h1>
            <p class="lead">
                "Algolia keeps the last 1,000 deleted keys of an application. A restored key gets its settings back but never expires: set its expiry again if it had one."
            </p>
            <form class="card" on:submit=on_submit novalidate>
                <TextField id="restore-value" label="Key value" value=value error=error />
                <p role="status">{move || progress.get()}</p>
                <div class="actions">
                    <button type="submit" disabled=move || pending.get()>
                        {move || if pending.get() { "Restoring…" } else { "Restore" }}
                    </button>
                </div>
            </form>
            {move || {
                outcome.get().map(|outcome| match outcome {
                    Outcome::Restored(key) => view! {
                        <div class="banner success" role="status">
                            <p>"Restored. It never expires now (a restore clears the expiry)."</p>
                            <A href=AppRoute::Key(short_hash(&key)).href()>"Open the key"</A>
                        </div>
                    }
                    .into_any(),
                    Outcome::Failed(message) => view! {
                        <div class="banner error" role="alert">
                            <p>{message}</p>
                        </div>
                    }
                    .into_any(),
                })
            }}
        </main>
    }
}

fn explain(error: &ApiError) -> String {
    match error {
        ApiError::Rejected { status: 404, message } if message.contains("does not exist") => format!(
            "Algolia answered “{message}”: no deleted key has this value. It never existed, or it is older than the last 1,000 deleted keys, which are all Algolia keeps."
        ),
        ApiError::Rejected { status: 404, message } if message.contains("already exists") => format!(
            "Algolia still answers “{message}” after {RESTORE_TRIES} tries: the key may not be deleted at all (look for it in the table), or its deletion is still spreading. Try again in a minute."
        ),
        other => other.to_string(),
    }
}
