use leptos::prelude::*;

use crate::components::Now;
use crate::operations::{WriteState, WriteStatus};

/// What a write is doing while it runs (refreshed every second, so a slow host gets named), and why
/// it failed, with a retry when sending it again may work. A success is the page's to show.
#[component]
pub fn WriteProgress(
    state: WriteState,
    /// Sends the write again; without it, the message says how to retry (a dialog's own button).
    #[prop(optional)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let now = expect_context::<Now>();
    let working = move || match state.status.get() {
        WriteStatus::Working(activity) => Some(activity.describe(now.ms())),
        _ => None,
    };
    let failure = move || match state.status.get() {
        WriteStatus::Failed { message, retry } => Some((message, retry)),
        _ => None,
    };
    view! {
        <p role="status" class="progress">{working}</p>
        <div role="alert" class="form-failure">
            {move || {
                failure().map(|(message, retry)| {
                    view! {
                        <p class="error">{message}</p>
                        {match on_retry {
                            Some(on_retry) if retry => Some(view! {
                                <button type="button" on:click=move |_| on_retry.run(())>"Retry"</button>
                            }),
                            _ => None,
                        }}
                    }
                })
            }}
        </div>
    }
}
