use leptos::html;
use leptos::prelude::*;

use crate::algolia::KeyBody;
use crate::components::BatchRun;
use crate::files;
use crate::keys::copy::{Line, body_name, definition, line_name};
use crate::keys::definitions::{self, Exported};
use crate::keys::format;
use crate::reactive::{memo, spawn_scoped};
use crate::session::Connection;

/// The definitions of some keys (those in the address, or every key) as a file: JSON, which the
/// import reads back, or CSV for spreadsheets; with the key values only when asked for.
#[component]
pub fn ExportPage(keys: Vec<String>) -> impl IntoView {
    let app = expect_context::<Connection>();
    let csv = RwSignal::new(false);
    let with_values = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let every = keys.is_empty();
    // The keys to export, from the list as loaded: each one's definition, or why it has none.
    let chosen = memo(move |_| {
        let now = js_sys::Date::now();
        app.store.rows.with(|rows| {
            rows.iter()
                .flat_map(|rows| rows.iter())
                .filter(|row| every || keys.iter().any(|h| h == row.hash()))
                .map(|row| (line_name(&row.key), row.key.value.clone(), definition(row, now)))
                .collect::<Vec<_>>()
        })
    });
    let count = move || chosen.with(|c| c.iter().filter(|(_, _, d)| d.is_ok()).count());
    let left_out = move || {
        chosen.with(|c| {
            c.iter()
                .filter_map(|(name, _, d)| {
                    d.as_ref().err().map(|why| view! { <li>{format!("{name}: {why}")}</li> })
                })
                .collect::<Vec<_>>()
        })
    };
    let download = move |_| {
        let exported_at = String::from(js_sys::Date::new_0().to_iso_string());
        let app_id = app.app_id();
        let text = chosen.with_untracked(|c| {
            let keys: Vec<Exported> = c
                .iter()
                .filter_map(|(_, value, body)| {
                    let value = with_values.get_untracked().then_some(value.as_str());
                    Some(Exported { body: body.as_ref().ok()?.clone(), value })
                })
                .collect();
            if csv.get_untracked() {
                definitions::to_csv(&keys)
            } else {
                definitions::to_json(&app_id, &exported_at, &keys)
            }
        });
        let (extension, mime) =
            if csv.get_untracked() { ("csv", "text/csv") } else { ("json", "application/json") };
        let name = format!("keys-{app_id}-{}.{extension}", &exported_at[..10]);
        failure.set(
            files::save(&name, mime, &text).err().map(|_| "The browser did not offer the file.".to_owned()),
        );
    };
    view! {
        <main class="page narrow">
            <h1>{move || format!("Export {} from {}", format::count(count(), "key definition"), app.label())}</h1>
            <p class="lead">
                "Every setting of each key, unknown fields included, and the time it has left. The JSON file can be imported into any application; the format is described in the README."
            </p>
            <fieldset class="field">
                <legend>"Format"</legend>
                <label class="check">
                    <input type="radio" name="format" prop:checked=move || !csv.get() on:change=move |_| csv.set(false) />
                    "JSON (for importing)"
                </label>
                <label class="check">
                    <input type="radio" name="format" prop:checked=move || csv.get() on:change=move |_| csv.set(true) />
                    "CSV (for spreadsheets)"
                </label>
            </fieldset>
            <label class="check">
                <input type="checkbox" prop:checked=move || with_values.get() on:change=move |ev| with_values.set(event_target_checked(&ev)) />
                "Include the key values"
            </label>
            {move || with_values.get().then(|| view! {
                <p class="banner warning" role="note">
                    "The file will hold the keys themselves: anyone with it can use them. Keep it as you keep secrets, and delete it when done."
                </p>
            })}
            {move || {
                let items = left_out();
                (!items.is_empty()).then(|| view! {
                    <div class="banner warning" role="note">
                        <p>"Left out:"</p>
                        <ul>{items}</ul>
                    </div>
                })
            }}
            <div class="actions">
                <button type="button" on:click=download disabled=move || count() == 0>"Download"</button>
            </div>
            <p role="alert" class="error">{move || failure.get()}</p>
        </main>
    }
}

/// Keys created from a JSON file of definitions: every entry checked first (a file with any
/// problem creates nothing), a preview that points out entries like existing keys, then the
/// same progress, retry and never-twice rules as a copy.
#[component]
pub fn ImportPage() -> impl IntoView {
    let app = expect_context::<Connection>();
    let input = NodeRef::<html::Input>::new();
    let read = RwSignal::new(None::<Result<(String, Vec<KeyBody>), Vec<String>>>);
    let on_change = move |_| {
        let Some(input) = input.get_untracked() else { return };
        spawn_scoped(async move {
            read.set(files::read_chosen(&input).await.map(|file| match file {
                Ok((name, text)) => {
                    definitions::parse(&text, js_sys::Date::now()).map(|bodies| (name, bodies))
                }
                Err(_) => Err(vec!["The browser could not read this file.".to_owned()]),
            }));
        });
    };
    let result = move || {
        read.get().map(|result| match result {
            Err(problems) => view! {
                <div role="alert" class="banner error">
                    <p>"Nothing will be created:"</p>
                    <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                </div>
            }
            .into_any(),
            Ok((name, bodies)) => {
                let now = js_sys::Date::now();
                let preview = app.store.rows.with_untracked(|rows| {
                    let rows = rows.as_deref().map_or(&[][..], |load| &**load);
                    bodies
                        .iter()
                        .map(|body| {
                            let like = definitions::looks_like(body, rows, now).map(|row| {
                                format!(" Looks like the existing key “{}”.", line_name(&row.key))
                            });
                            let name = if body.description.is_empty() {
                                "(no description)"
                            } else {
                                body.description.as_str()
                            };
                            view! { <li>{name.to_owned()}<span class="warning-text">{like}</span></li> }
                        })
                        .collect_view()
                });
                let lines: Vec<Line> =
                    bodies.into_iter().map(|body| Line::new(body_name(&body), body)).collect();
                let action = format!("Create {} in {}", format::count(lines.len(), "key"), app.name());
                view! {
                    <p>{format!("{name}: {} to create.", format::count(lines.len(), "key"))}</p>
                    <ul class="preview" aria-label="Keys in the file">{preview}</ul>
                    <BatchRun lines to=app action />
                }
                .into_any()
            }
        })
    };
    view! {
        <main class="page narrow">
            <h1>{format!("Import key definitions into {}", app.label())}</h1>
            <p class="lead">
                "A JSON file exported by this console, from any application. Each key is checked as the key form checks it; Algolia gives every new key its own value."
            </p>
            <div class="field">
                <label for="import-file">"Definitions file"</label>
                <input id="import-file" type="file" accept=".json,application/json" node_ref=input on:change=on_change />
            </div>
            {result}
        </main>
    }
}
