use leptos::prelude::*;

use crate::components::{CopyButton, WriteProgress};
use crate::keys::copy::{Line, tally};
use crate::operations::Write;
use crate::routes::Page;
use crate::session::Connection;

/// Creates a batch of keys in application `to` (a copy, an import): the button that starts it,
/// then a progress bar and a line per key, each new value shown once with a copy button, and a
/// retry that sends only what failed.
#[component]
pub fn BatchRun(
    lines: Vec<Line>,
    to: Connection,
    /// The start button's words: "Copy 3 keys to staging (APP)".
    action: String,
) -> impl IntoView {
    let (Some(client), Some(ops)) = (to.client(), to.ops()) else { return ().into_any() };
    let total = lines.len();
    let state = ops.track();
    // Made with the page, like the write's state: a retry runs it again, which sends only what
    // failed.
    let batch = ops.batch(lines);
    let started = RwSignal::new(false);
    let start = Callback::new(move |()| {
        started.set(true);
        ops.run(client.clone(), Write::CreateAll(batch), state);
    });
    let line_view = |line: &Line| {
        view! {
            <li class="batch-line" class:error=line.is_failed()>
                <span class="batch-name">{line.name.clone()}</span>
                <span>{line.status()}</span>
                {line.new_value().map(|value| {
                    view! {
                        <code class="key-text revealed">{value.to_owned()}</code>
                        <CopyButton text=value.to_owned() />
                    }
                })}
            </li>
        }
    };
    let progress = move || {
        started.get().then(|| {
            let (created, failed, left) = batch.lines.with(|lines| tally(lines));
            view! {
                <progress max=total value=created + failed aria-label="Keys created"></progress>
                <p role="status">{format!("{created} created, {failed} failed, {left} to go.")}</p>
                <ul class="batch-lines" aria-label="Each key">
                    {move || batch.lines.with(|lines| lines.iter().map(line_view).collect_view())}
                </ul>
                {(created > 0).then(|| view! {
                    <p class="hint">"The new values are shown here once: copy them now if you need them. They stay in the keys table."</p>
                    <a href=to.at(Page::keys()).href()>{format!("Open the keys of {}", to.label())}</a>
                })}
            }
        })
    };
    view! {
        <div class="actions">
            <button
                type="button"
                on:click=move |_| start.run(())
                disabled=move || total == 0 || state.is_working() || started.get()
            >
                {action}
            </button>
        </div>
        <WriteProgress state on_retry=start />
        {progress}
    }
    .into_any()
}
