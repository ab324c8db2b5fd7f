use leptos::prelude::*;

use crate::algolia::Client;
use crate::components::{CopyButton, OtherApp, WriteProgress};
use crate::fetched::fetch_once;
use crate::keys::copy::{Line, LineState, definition, line_name, tally, unmatched_indices};
use crate::operations::{Batch, Operations, Write};
use crate::router::{Nav, use_go};
use crate::routes::Page;
use crate::session::Connection;

/// Copies of keys of this application made in another: the keys (by hash in the address), a
/// choice of the target, warnings, then one line per key as each is created.
#[component]
pub fn CopyPage(to: Option<String>, keys: Vec<String>) -> impl IntoView {
    let this = expect_context::<Connection>();
    let go = use_go();
    let count = keys.len();
    let on_choose = {
        let keys = keys.clone();
        Callback::new(move |to: String| {
            let to = Some(to).filter(|to| !to.is_empty());
            go(
                Page::Copy { to, keys: keys.clone() }.of(&this.app_id()),
                Nav { replace: true, ..Nav::default() },
            );
        })
    };
    let copying = Callback::new(move |other: Connection| match (other.client(), other.ops()) {
        (Some(client), Some(ops)) => {
            view! { <Copying from=this to=other client ops hashes=keys.clone() /> }.into_any()
        }
        _ => ().into_any(),
    });
    view! {
        <main class="page narrow">
            <h1>{format!("Copy {count} keys from {}", this.label())}</h1>
            <p class="lead">
                "Each copy is a new key with the same settings, unknown fields included, and the time it has left. Algolia gives it a new value."
            </p>
            <OtherApp label="Copy to" purpose="copy keys to it" chosen=to on_choose children=copying />
        </main>
    }
}

#[component]
fn Copying(
    from: Connection,
    to: Connection,
    client: Client,
    ops: Operations,
    hashes: Vec<String>,
) -> impl IntoView {
    let indices = fetch_once({
        let client = client.clone();
        async move { client.list_indices().await.ok() }
    });
    // The keys to copy as this page found them: what a later reload of the source changes does
    // not change a copy under way.
    let planned: Vec<(String, Result<crate::algolia::KeyBody, String>)> =
        from.store.rows.with_untracked(|rows| {
            let now = js_sys::Date::now();
            rows.iter()
                .flat_map(|rows| rows.iter())
                .filter(|row| hashes.iter().any(|h| h == row.hash()))
                .map(|row| (line_name(&row.key), definition(row, now)))
                .collect()
        });
    let missing = hashes.len().saturating_sub(planned.len());
    let copyable: Vec<Line> =
        planned.iter().filter_map(|(name, body)| Some(Line::new(name.clone(), body.clone().ok()?))).collect();
    let warnings = {
        let planned = planned.clone();
        move || {
            let indices = indices.get()?;
            let lines = planned
                .iter()
                .filter_map(|(name, body)| {
                    let unmatched = unmatched_indices(body.as_ref().ok()?, &indices);
                    (!unmatched.is_empty()).then(|| {
                        format!("{name}: {} matches no index of {}.", unmatched.join(", "), to.label())
                    })
                })
                .map(|warning| view! { <li>{warning}</li> })
                .collect::<Vec<_>>();
            (!lines.is_empty()).then(|| {
                view! {
                    <div class="banner warning" role="note">
                        <p>"These index restrictions match no index of the target, so the copies reach nothing through them:"</p>
                        <ul>{lines}</ul>
                    </div>
                }
            })
        }
    };
    let refused = planned
        .iter()
        .filter_map(|(name, body)| {
            body.as_ref().err().map(|why| view! { <li>{format!("{name}: {why}")}</li> })
        })
        .collect::<Vec<_>>();
    let has_refused = !refused.is_empty() || missing > 0;
    let state = ops.track();
    let batch = RwSignal::new(None::<Batch>);
    let total = copyable.len();
    // The first run makes the batch; a retry runs it again, which sends only what failed.
    let start = Callback::new(move |()| {
        let job = batch.get_untracked().unwrap_or_else(|| ops.batch(copyable.clone()));
        batch.set(Some(job));
        ops.run(client.clone(), Write::CreateAll(job), state);
    });
    let progress = move || {
        batch.get().map(|job| {
            let rows = move || {
                job.lines.with(|lines| {
                    lines
                        .iter()
                        .map(|line| {
                            let (status, value) = match &line.state {
                                LineState::Waiting => ("Waiting".to_owned(), None),
                                LineState::Creating => ("Creating…".to_owned(), None),
                                LineState::Created(value) => ("Created".to_owned(), Some(value.clone())),
                                LineState::Failed { message, .. } => (format!("Failed: {message}"), None),
                            };
                            let failed = matches!(line.state, LineState::Failed { .. });
                            view! {
                                <li class="copy-line" class:error=failed>
                                    <span class="copy-name">{line.name.clone()}</span>
                                    <span>{status}</span>
                                    {value.map(|value| {
                                        view! {
                                            <code class="key-text revealed">{value.clone()}</code>
                                            <CopyButton text=value />
                                        }
                                    })}
                                </li>
                            }
                        })
                        .collect_view()
                })
            };
            let (created, failed, left) = job.lines.with(|lines| tally(lines));
            view! {
                <progress max=total value=created + failed aria-label="Keys copied"></progress>
                <p role="status">{format!("{created} created, {failed} failed, {left} to go.")}</p>
                <ul class="copy-lines" aria-label="Each key">{rows}</ul>
                {(created > 0).then(|| view! {
                    <p class="hint">"The new values are shown here once: copy them now if you need them. They stay in the keys table of the target."</p>
                    <a href=to.at(Page::keys()).href()>{format!("Open the keys of {}", to.label())}</a>
                })}
            }
        })
    };
    view! {
        {warnings}
        {has_refused.then(|| view! {
            <div class="banner warning" role="note">
                <p>"Not copied:"</p>
                <ul>
                    {refused}
                    {(missing > 0).then(|| view! { <li>{format!("{missing} keys are no longer in {}.", from.label())}</li> })}
                </ul>
            </div>
        })}
        <div class="actions">
            <button type="button" on:click=move |_| start.run(()) disabled=move || state.is_working() || batch.with(Option::is_some)>
                {format!("Copy {total} keys to {}", to.name())}
            </button>
        </div>
        <WriteProgress state on_retry=start />
        {progress}
    }
}
