use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::tab_index;

const COPIED_FOR: Duration = Duration::from_secs(2);

/// Copies a text to the clipboard and says so for a moment.
#[component]
pub fn CopyButton(#[prop(into)] text: String) -> impl IntoView {
    let copied = RwSignal::new(false);
    let copy = move |_| {
        let text = text.clone();
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
    view! {
        <button type="button" class="small" tabindex=tab_index(None) on:click=copy>
            {move || if copied.get() { "Copied" } else { "Copy" }}
        </button>
    }
}

async fn write_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}
