use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::keys::format::mask;

/// How long a revealed key stays readable before it is masked again.
const REVEAL_FOR: Duration = Duration::from_secs(8);
const COPIED_FOR: Duration = Duration::from_secs(2);

/// A key value, masked, with buttons to reveal it for a few seconds and to copy it.
#[component]
pub fn KeyValue(#[prop(into)] value: String) -> impl IntoView {
    let revealed = RwSignal::new(false);
    let copied = RwSignal::new(false);
    let remask = StoredValue::new(None::<TimeoutHandle>);
    on_cleanup(move || {
        if let Some(handle) = remask.try_get_value().flatten() {
            handle.clear();
        }
    });
    let toggle = move |_| {
        if let Some(handle) = remask.get_value() {
            handle.clear();
        }
        let reveal = !revealed.get_untracked();
        revealed.set(reveal);
        if reveal {
            let handle = set_timeout_with_handle(
                move || {
                    revealed.try_set(false);
                },
                REVEAL_FOR,
            );
            remask.set_value(handle.ok());
        }
    };
    let to_copy = value.clone();
    let copy = move |_| {
        let text = to_copy.clone();
        spawn_local(async move {
            if write_clipboard(&text).await {
                copied.try_set(true);
                set_timeout(
                    move || {
                        copied.try_set(false);
                    },
                    COPIED_FOR,
                );
            }
        });
    };
    let masked = mask(&value);
    view! {
        <span class="key-value">
            <code class="key-text" class:revealed=revealed>
                {move || if revealed.get() { value.clone() } else { masked.clone() }}
            </code>
            <button type="button" class="small" aria-pressed=move || revealed.get().to_string() on:click=toggle>
                {move || if revealed.get() { "Hide" } else { "Reveal" }}
            </button>
            <button type="button" class="small" on:click=copy>
                {move || if copied.get() { "Copied" } else { "Copy" }}
            </button>
        </span>
    }
}

async fn write_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}
