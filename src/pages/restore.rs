use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::components::{TextField, WriteProgress};
use crate::keys::short_hash;
use crate::operations::{Operations, Write, WriteStatus};
use crate::routes::Page;
use crate::session::Connection;

/// Restores a deleted key from its value, and explains each way that can end.
#[component]
pub fn RestorePage() -> impl IntoView {
    let app = expect_context::<Connection>();
    let ops = expect_context::<Operations>();
    let value = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let restore = ops.track();
    let submit = move || {
        let key = value.get_untracked().trim().to_owned();
        if key.is_empty() {
            error.set(Some("Paste the value of the deleted key.".into()));
            return;
        }
        error.set(None);
        if let Some(client) = app.client() {
            ops.run(client, Write::Restore(key), restore);
        }
    };
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        submit();
    };
    let restored = move || match restore.status.get() {
        WriteStatus::Done(done) => Some(done),
        _ => None,
    };
    view! {
        <main class="page narrow">
            <p>
                <a href=app.at(Page::keys()).href()>"← All keys"</a>
            </p>
            <h1>"Restore a key"</h1>
            <p class="lead">
                "Algolia keeps the last 1,000 deleted keys of an application. A restored key gets its settings back but never expires: set its expiry again if it had one."
            </p>
            <form class="card" on:submit=on_submit novalidate>
                <TextField id="restore-value" label="Key value" value=value error=error />
                <WriteProgress state=restore on_retry=Callback::new(move |()| submit()) />
                <div class="actions">
                    <button type="submit" disabled=move || restore.is_working()>
                        {move || if restore.is_working() { "Restoring…" } else { "Restore" }}
                    </button>
                </div>
            </form>
            {move || {
                restored().map(|done| {
                    let link = done.value.map(|key| app.at(Page::Key(short_hash(&key))).href());
                    view! {
                        <div class="banner success" role="status">
                            <p>{done.message}</p>
                            {link.map(|href| view! { <a href=href>"Open the key"</a> })}
                        </div>
                    }
                })
            }}
        </main>
    }
}
