use leptos::prelude::*;

use crate::components::{ConfirmDialog, CopyButton, TextField, WriteProgress};
use crate::keys::copy::{Line, tally};
use crate::keys::expiry::Unit;
use crate::keys::format::{count, expiry, key_name};
use crate::keys::roll::{GRACE_CHOICES, custom_grace, roll_line};
use crate::keys::short_hash;
use crate::operations::{Operations, Write};
use crate::routes::Page;
use crate::session::Connection;
use crate::store::KeyStore;

/// `/apps/<id>/roll?keys=<hash>,…`: a new key with each key's settings, then the old key expiring
/// after a grace period, so whatever still uses it keeps working until it moves to the new one.
#[component]
pub fn RollPage(keys: Vec<String>) -> impl IntoView {
    let store = expect_context::<KeyStore>();
    let app = expect_context::<Connection>();
    let loaded = store.is_loaded();
    view! {
        <main class="page narrow">
            <p>
                <a href=app.at(Page::keys()).href()>"← All keys"</a>
            </p>
            <h1>{format!("Roll {}", count(keys.len(), "key"))}</h1>
            {move || {
                if !loaded.get() {
                    return view! { <p aria-busy="true">"Loading keys…"</p> }.into_any();
                }
                // Read once: the lines keep each key as it was when the roll was asked for.
                let now = js_sys::Date::now();
                let (mut lines, mut problems) = (Vec::new(), Vec::new());
                store.rows.with_untracked(|rows| {
                    let rows = rows.as_deref().map_or(&[][..], |load| load);
                    for hash in &keys {
                        match rows.iter().find(|row| row.hash() == hash) {
                            None => problems.push(format!("No key has the link {hash}: it may have been deleted.")),
                            Some(row) => match roll_line(row, now) {
                                Ok(line) => lines.push(line),
                                Err(why) => problems.push(format!("{}: {why}", key_name(&row.key.description, &row.key.value))),
                            },
                        }
                    }
                });
                let problems = (!problems.is_empty()).then(|| {
                    view! { <ul class="error">{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul> }
                });
                view! {
                    {problems}
                    <Rolling lines />
                }
                .into_any()
            }}
        </main>
    }
}

#[component]
fn Rolling(lines: Vec<Line>) -> impl IntoView {
    let app = expect_context::<Connection>();
    let ops = expect_context::<Operations>();
    let total = lines.len();
    let names: Vec<String> = lines.iter().map(|l| l.name.clone()).collect();
    let grace = RwSignal::new(GRACE_CHOICES[1].1.to_string());
    let custom = RwSignal::new(String::new());
    let unit = RwSignal::new(Unit::Hours);
    let grace_error = RwSignal::new(None::<String>);
    let confirm = RwSignal::new(false);
    let state = ops.track();
    // Made with the page, like the write's state: a retry runs it again, which does only the
    // steps left.
    let batch = ops.batch(lines);
    let started = RwSignal::new(false);
    let grace_s = move || -> Result<u64, String> {
        match grace.get_untracked().as_str() {
            "custom" => custom_grace(&custom.get_untracked(), unit.get_untracked()),
            seconds => seconds.parse().map_err(|_| "Choose a grace period.".to_owned()),
        }
    };
    let ask = move |_| match grace_s() {
        Ok(_) => {
            grace_error.set(None);
            state.clear_ended();
            confirm.set(true);
        }
        Err(why) => grace_error.set(Some(why)),
    };
    let start = Callback::new(move |()| {
        let (Some(client), Ok(grace_s)) = (app.client(), grace_s()) else { return };
        started.set(true);
        confirm.set(false);
        ops.run(client, Write::Roll { batch, grace_s }, state);
    });
    let choices = GRACE_CHOICES
        .iter()
        .map(|(label, seconds)| view! { <option value=seconds.to_string()>{*label}</option> })
        .collect_view();
    let grace_words = move || match grace_s() {
        Ok(seconds) => expiry(Some(seconds)),
        Err(_) => String::new(),
    };
    let progress = move || {
        started.get().then(|| {
            let (rolled, failed, left) = batch.lines.with(|lines| tally(lines));
            view! {
                <p role="status">{format!("{rolled} rolled, {failed} stopped part-way, {left} to go.")}</p>
                <ul class="batch-lines" aria-label="Each key">
                    {move || batch.lines.with(|lines| lines.iter().map(|line| line_view(line, app)).collect_view())}
                </ul>
                <p class="hint">"Each new value is shown here once: copy it now. It stays in the keys table."</p>
            }
        })
    };
    view! {
        <p class="lead">
            "Each key gets a new key with identical settings. Then the old key's expiry is set to the grace period, so whatever still uses it keeps working until it moves to the new key; it then expires by itself, and can still be restored. A key that expires sooner than that keeps its expiry."
        </p>
        <ul>{names.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
        <fieldset class="card" disabled=move || started.get()>
            <legend>"Grace period for the old keys"</legend>
            <div class="field">
                <label for="grace">"The old keys stop working after"</label>
                <select id="grace" prop:value=grace on:change=move |ev| grace.set(event_target_value(&ev))>
                    {choices}
                    <option value="custom">"Custom…"</option>
                </select>
            </div>
            {move || (grace.get() == "custom").then(|| view! {
                <div class="with-button">
                    <TextField id="grace-amount" label="Custom grace period" value=custom numeric=true />
                    <div class="field">
                        <label for="grace-unit">"Unit"</label>
                        <select id="grace-unit" on:change=move |ev| unit.set(Unit::parse(&event_target_value(&ev)))>
                            <option value="hours">"hours"</option>
                            <option value="days">"days"</option>
                            <option value="minutes">"minutes"</option>
                        </select>
                    </div>
                </div>
            })}
            <p class="field-error" role="alert">{move || grace_error.get()}</p>
            <div class="actions">
                <button type="button" on:click=ask disabled=move || total == 0 || state.is_working()>
                    {format!("Roll {}", count(total, "key"))}
                </button>
            </div>
        </fieldset>
        <WriteProgress state on_retry=start />
        {progress}
        <ConfirmDialog
            open=confirm
            title=format!("Roll {} in {}?", count(total, "key"), app.name())
            confirm_label="Roll"
            on_confirm=start
            busy=state.busy()
        >
            <p>{move || format!("New keys are created now; the old ones stop working {}.", grace_words())}</p>
        </ConfirmDialog>
    }
}

fn line_view(line: &Line, app: Connection) -> impl IntoView + use<> {
    let old = line.old.as_ref().map(|old| app.at(Page::Key(short_hash(&old.key.value))).href());
    let new = line.new_value().map(|value| {
        let href = app.at(Page::Key(short_hash(value))).href();
        view! {
            " New key: "<code class="key-text revealed">{value.to_owned()}</code>
            <CopyButton text=value.to_owned() />
            <a href=href>"Open the new key"</a>
        }
    });
    view! {
        <li class="batch-line" class:error=line.is_failed()>
            <a class="batch-name" href=old>{line.name.clone()}</a>
            <span>{line.status()}</span>
            {new}
        </li>
    }
}
