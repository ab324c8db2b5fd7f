use leptos::prelude::*;

use crate::algolia::Client;
use crate::components::{BatchRun, OtherApp};
use crate::fetched::fetch_once;
use crate::keys::copy::{Line, definition, line_name, unmatched_indices};
use crate::keys::format::count;
use crate::router::{Nav, use_go};
use crate::routes::Page;
use crate::session::Connection;

/// Copies of keys of this application made in another: the keys (by hash in the address), a
/// choice of the target, warnings, then one line per key as each is created.
#[component]
pub fn CopyPage(to: Option<String>, keys: Vec<String>) -> impl IntoView {
    let this = expect_context::<Connection>();
    let go = use_go();
    let keys_count = keys.len();
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
    let copying = Callback::new(move |other: Connection| match other.client() {
        Some(client) => view! { <Copying from=this to=other client hashes=keys.clone() /> }.into_any(),
        None => ().into_any(),
    });
    view! {
        <main class="page narrow">
            <h1>{format!("Copy {} from {}", count(keys_count, "key"), this.label())}</h1>
            <p class="lead">
                "Each copy is a new key with the same settings, unknown fields included, and the time it has left. Algolia gives it a new value."
            </p>
            <OtherApp label="Copy to" purpose="copy keys to it" chosen=to on_choose children=copying />
        </main>
    }
}

/// Waits for the source's list (a deep link or a reload loads it anew), then plans the copy once.
#[component]
fn Copying(from: Connection, to: Connection, client: Client, hashes: Vec<String>) -> impl IntoView {
    let loaded = from.store.is_loaded();
    move || {
        if loaded.get() {
            view! { <Plan from to client=client.clone() hashes=hashes.clone() /> }.into_any()
        } else {
            view! { <p class="muted" role="status">{format!("Loading the keys of {}…", from.label())}</p> }
                .into_any()
        }
    }
}

#[component]
fn Plan(from: Connection, to: Connection, client: Client, hashes: Vec<String>) -> impl IntoView {
    let indices = fetch_once(async move { client.list_indices().await.ok() });
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
    let total = copyable.len();
    view! {
        {warnings}
        {has_refused.then(|| view! {
            <div class="banner warning" role="note">
                <p>"Not copied:"</p>
                <ul>
                    {refused}
                    {(missing > 0).then(|| view! { <li>{format!("{} no longer in {}.", count(missing, "key"), from.label())}</li> })}
                </ul>
            </div>
        })}
        <BatchRun lines=copyable to action=format!("Copy {} to {}", count(total, "key"), to.name()) />
    }
}
