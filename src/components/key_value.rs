use std::time::Duration;

use leptos::prelude::*;

use crate::components::{CopyButton, tab_index};
use crate::keys::format::mask;

/// How long a revealed key stays readable before it is masked again.
const REVEAL_FOR: Duration = Duration::from_secs(8);

/// A key value, masked, with buttons to reveal it for a few seconds and to copy it.
#[component]
pub fn KeyValue(#[prop(into)] value: String) -> impl IntoView {
    let revealed = RwSignal::new(false);
    let copy_text = value.clone();
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
    let masked = mask(&value);
    view! {
        <span class="key-value">
            <code class="key-text" class:revealed=revealed>
                {move || if revealed.get() { value.clone() } else { masked.clone() }}
            </code>
            <button
                type="button"
                class="small"
                tabindex=tab_index(None)
                aria-pressed=move || revealed.get().to_string()
                on:click=toggle
            >
                {move || if revealed.get() { "Hide" } else { "Reveal" }}
            </button>
            <CopyButton text=copy_text />
        </span>
    }
}
