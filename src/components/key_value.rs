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
    // Clicks are counted: a reveal's timer masks the key again only if no click came after it
    // (and does nothing once the key is no longer shown).
    let clicks = StoredValue::new(0usize);
    let toggle = move |_| {
        clicks.update_value(|n| *n += 1);
        let reveal = !revealed.get_untracked();
        revealed.set(reveal);
        if reveal {
            let this_click = clicks.get_value();
            set_timeout(
                move || {
                    if clicks.try_get_value() == Some(this_click) {
                        revealed.try_set(false);
                    }
                },
                REVEAL_FOR,
            );
        }
    };
    let masked = mask(&value);
    // Cut short in a narrow column, the masked form shows whole on hover.
    let title = masked.clone();
    view! {
        <span class="key-value">
            <code class="key-text" class:revealed=revealed title=title>
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
