use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::algolia::KeyBody;
use crate::audit::rules::{self, Rule, RuleId};
use crate::components::{
    AclPicker, ConfirmDialog, CopyButton, DiffTable, ExpiryPicker, FieldError, PatternList,
    QueryParamsEditor, ReadProblems, WriteProgress,
};
use crate::keys::form::diff::{Diff, diff};
use crate::keys::form::{FormErrors, FormFields, KeyForm};
use crate::keys::format::limit;
use crate::keys::{KeyRow, patterns};
use crate::operations::{Operations, Write, WriteStatus};
use crate::reactive::{effect, memo};
use crate::router::use_go;
use crate::routes::Page;
use crate::session::Connection;
use crate::store::KeyStore;
use crate::unsaved::Unsaved;

/// `/keys/new`, or `/keys/new?from=<hash>` to duplicate a key as a new one.
#[component]
pub fn NewKeyPage(from: Option<String>) -> impl IntoView {
    let store = expect_context::<KeyStore>();
    let loaded = loaded(store);
    move || {
        let from = from.clone();
        let source = from.as_ref().and_then(|hash| find(store, hash));
        match (from, source) {
            (Some(_), None) if !loaded.get() => loading().into_any(),
            (_, Some(row)) if !row.key.is_fully_read() => {
                not_fully_read(row, "This key cannot be duplicated here").into_any()
            }
            (_, source) => {
                let initial = source.map_or_else(KeyForm::default, |row| {
                    let mut form = KeyForm::from_key(&row.key, row.expires_at_ms);
                    form.description = format!("Copy of {}", row.key.description).trim_end().to_owned();
                    form
                });
                view! { <KeyFormView original=None initial=initial.clone() fields=initial note=None /> }
                    .into_any()
            }
        }
    }
}

/// `/keys/<hash>/edit`, or `/keys/<hash>/edit?fix=<rule>` with the change that fixes one of the
/// key's findings already made: the user reviews and saves it like any edit.
#[component]
pub fn EditKeyPage(hash: String, fix: Option<String>) -> impl IntoView {
    let store = expect_context::<KeyStore>();
    let loaded = loaded(store);
    let rule = fix.as_deref().and_then(RuleId::from_slug);
    move || {
        loaded.track();
        // A fix to stale patterns needs the index names, which may arrive after the keys.
        let indices = if rule.is_some() { store.indices.get() } else { None };
        match find(store, &hash) {
            Some(row) if !row.key.is_fully_read() => not_fully_read(row, "This key cannot be edited here").into_any(),
            Some(row) => {
                let initial = KeyForm::from_key(&row.key, row.expires_at_ms);
                let mut fields = initial.clone();
                let note = rule.map(|rule| {
                    let change = rules::fix(rule, &row, indices.as_deref().map(Vec::as_slice));
                    let Rule { title, fix, .. } = rule.rule();
                    match change {
                        Some(change) => {
                            change.apply(&mut fields);
                            format!("Fix for “{title}”: {fix} The change is made below; review it, then save.")
                        }
                        None => format!("“{title}”: {fix} No change can be made for you here; edit the key yourself."),
                    }
                });
                view! { <KeyFormView original=Some(row) initial=initial fields=fields note=note /> }.into_any()
            }
            None if !loaded.get() => loading().into_any(),
            None => view! {
                <main class="page narrow">
                    <h1>"Key not found"</h1>
                    <p>"No key of this application has this link. It may have been deleted or have expired."</p>
                </main>
            }
            .into_any(),
        }
    }
}

/// Whether the keys are loaded. The forms depend on this, not on the rows themselves: a reload
/// while the user types must not rebuild the form and lose what was typed.
fn loaded(store: KeyStore) -> Memo<bool> {
    memo(move |_| store.rows.with(Option::is_some))
}

/// The key with this hash, read without subscribing to later loads.
fn find(store: KeyStore, hash: &str) -> Option<KeyRow> {
    store
        .rows
        .with_untracked(|rows| rows.as_ref().and_then(|rows| rows.iter().find(|r| r.hash() == hash).cloned()))
}

/// Instead of the form, for a key that was not fully read: a form would start from guesses.
fn not_fully_read(row: KeyRow, title: &'static str) -> impl IntoView {
    let app = expect_context::<Connection>();
    view! {
        <main class="page narrow">
            <p>
                <a href=app.at(Page::Key(row.hash().to_owned())).href()>"← Back to the key"</a>
            </p>
            <h1>{title}</h1>
            <ReadProblems problems=row.key.problems />
        </main>
    }
}

fn loading() -> impl IntoView {
    view! {
        <main class="page narrow">
            <p aria-busy="true">"Loading keys…"</p>
        </main>
    }
}

/// The form for creating (no `original`) or editing a key. It validates everything before
/// sending, keeps every input on failure, and before an update shows what changes. The fields start
/// from `fields`, which differ from `initial` when a fix is already made; `note` says so.
#[component]
fn KeyFormView(
    original: Option<KeyRow>,
    initial: KeyForm,
    fields: KeyForm,
    note: Option<String>,
) -> impl IntoView {
    let app = expect_context::<Connection>();
    let ops = expect_context::<Operations>();
    let store = expect_context::<KeyStore>();
    let go = use_go();
    let editing = original.is_some();
    let title = match &original {
        Some(row) if row.key.description.is_empty() => "Edit key".to_owned(),
        Some(row) => format!("Edit “{}”", row.key.description),
        None => "New key".to_owned(),
    };
    let form = FormFields::new(fields);
    let dirty = form.changed_from(initial);
    let errors = RwSignal::new(FormErrors::default());
    let saving = ops.track();
    let review_open = RwSignal::new(false);
    let created = memo(move |_| match saving.status.get() {
        WriteStatus::Done(done) if !editing => done.value,
        _ => None,
    });

    let unsaved = expect_context::<Unsaved>();
    effect(move || unsaved.set(dirty.get() && created.with(Option::is_none)));
    on_cleanup(move || {
        unsaved.set(false);
    });
    let warn_on_leave = window_event_listener_untyped("beforeunload", move |event| {
        if dirty.get_untracked() && created.with_untracked(Option::is_none) {
            event.prevent_default();
        }
    });
    on_cleanup(move || warn_on_leave.remove());

    // What the handlers below need of the key being edited, each taken out once.
    let edited_value = original.as_ref().map(|row| row.key.value.clone());
    let key_page = original.as_ref().map(|row| app.at(Page::Key(row.hash().to_owned())));
    let cancel_href = key_page.clone().unwrap_or_else(|| app.at(Page::keys())).href();
    // Validates the form as it would be saved now; shows the problems next to their fields.
    let body_now = move || match form.snapshot().to_body(js_sys::Date::now()) {
        Ok(body) => {
            errors.set(FormErrors::default());
            Some(body)
        }
        Err(found) => {
            errors.set(*found);
            saving.clear_ended();
            None
        }
    };
    let save = Callback::new(move |body: KeyBody| {
        let Some(client) = app.client() else { return };
        let write = match edited_value.clone() {
            None => Write::Create(body),
            Some(value) => Write::Update { value, body },
        };
        ops.run(client, write, saving);
    });
    // While this form is shown: a saved update opens the key; a failure closes the review, and the
    // form, with everything typed, shows why.
    effect(move || match saving.status.get() {
        WriteStatus::Done(_) => {
            review_open.set(false);
            if let Some(page) = key_page.clone() {
                go(page, Default::default());
            }
        }
        WriteStatus::Failed { .. } => review_open.set(false),
        _ => {}
    });
    let submit = move || {
        let Some(body) = body_now() else { return };
        if editing {
            review_open.set(true);
        } else {
            save.run(body);
        }
    };
    // The changes the update makes, worked out each time the review opens (the dialog builds its
    // content then) from the form as it stands, which `submit` has just found valid.
    let changes = move || {
        let row = original.as_ref()?;
        let now = js_sys::Date::now();
        let body = form.snapshot().to_body(now).ok()?;
        let new_expiry = form.expiry.with_untracked(|e| e.to_expiry().ok()).and_then(|e| e.instant(now));
        Some(diff(&row.key, row.expires_at_ms, &body, new_expiry))
    };
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        submit();
    };
    // The body is computed again when confirming: the expiry counts from the moment of saving.
    let confirm = Callback::new(move |()| {
        if let Some(body) = body_now() {
            save.run(body);
        } else {
            review_open.set(false);
        }
    });

    let field =
        move |f: fn(&FormErrors) -> &Option<String>| Signal::derive(move || errors.with(|e| f(e).clone()));

    view! {
        <main class="page narrow">
            <p>
                <a href=cancel_href>"← Back without saving"</a>
            </p>
            <h1>{title}</h1>
            {note.map(|note| view! { <p class="banner warning" role="note">{note}</p> })}
            // The form until a key is created, then the new key instead.
            {move || match created.get() {
                Some(value) => view! { <Created value=value /> }.into_any(),
                None => view! {
                    <form class="card key-form" on:submit=on_submit novalidate>
                        <div class="field">
                            <label for="description">"Description"</label>
                            <input
                                id="description"
                                prop:value=form.description
                                on:input=move |ev| form.description.set(event_target_value(&ev))
                            />
                        </div>
                        <AclPicker selected=form.acl error=field(|e| &e.acl) />
                        <PatternList
                            id="indexes"
                            label="Indices"
                            noun="index"
                            empty="All indices"
                            items=form.indexes
                            error=field(|e| &e.indexes)
                        />
                        <p class="hint preview" aria-live="polite">
                            {move || form.indexes.with(|list| store.indices.with(|i| index_preview(list, i.as_deref())))}
                        </p>
                        <PatternList
                            id="referers"
                            label="Referers"
                            noun="referer"
                            empty="Any referer"
                            items=form.referers
                            error=field(|e| &e.referers)
                        />
                        <RefererTester referers=form.referers />
                        <QueryParamsEditor value=form.query error=field(|e| &e.query) />
                        <LimitField
                            id="max-hits"
                            label="Max hits per query"
                            value=form.max_hits
                            error=field(|e| &e.max_hits)
                        />
                        <LimitField
                            id="max-queries"
                            label="Max queries per IP per hour"
                            value=form.max_queries
                            error=field(|e| &e.max_queries)
                        />
                        <ExpiryPicker value=form.expiry error=field(|e| &e.expiry) />
                        <Show when=move || !review_open.get()>
                            <WriteProgress state=saving on_retry=Callback::new(move |()| submit()) />
                        </Show>
                        <div class="actions">
                            <button type="submit" disabled=move || saving.is_working()>
                                {move || match (editing, saving.is_working()) {
                                    (false, true) => "Creating…",
                                    (false, false) => "Create key",
                                    (true, _) => "Review changes",
                                }}
                            </button>
                        </div>
                    </form>
                }
                .into_any(),
            }}
            <ConfirmDialog
                open=review_open
                title="Review changes"
                confirm_label="Save changes"
                on_confirm=confirm
                busy=saving.busy()
            >
                {changes().map(|diff| view! { <DiffView diff=diff /> })}
                <WriteProgress state=saving />
            </ConfirmDialog>
        </main>
    }
}

/// The new key, its value in full with a copy button, and whether the API shows it yet.
#[component]
fn Created(value: String) -> impl IntoView {
    let ops = expect_context::<Operations>();
    let app = expect_context::<Connection>();
    let hash = crate::keys::short_hash(&value);
    let shown_value = value.clone();
    let applying = move || ops.is_pending(&value).is_some();
    view! {
        <section class="card created" aria-labelledby="created-title">
            <h2 id="created-title">"Key created"</h2>
            <p class="key-value">
                <code class="key-text revealed">{shown_value.clone()}</code>
                <CopyButton text=shown_value />
            </p>
            <p role="status">
                {move || if applying() { "Applying… Algolia is spreading the new key." } else { "Ready: the key works and is in the table." }}
            </p>
            <div class="actions">
                <a href=app.at(Page::Key(hash)).href()>"Open the key"</a>
                <a href=app.at(Page::keys()).href()>"All keys"</a>
            </div>
        </section>
    }
}

/// The changes an update makes, and in words each way it widens access.
#[component]
fn DiffView(diff: Diff) -> impl IntoView {
    if diff.changes.is_empty() {
        return view! { <p>"Nothing changed: saving sends the key as it is, with its expiry kept."</p> }
            .into_any();
    }
    let warnings = (!diff.widening.is_empty()).then(|| {
        let items = diff.widening.into_iter().map(|w| view! { <li>{w}</li> }).collect_view();
        view! {
            <div class="banner warning" role="note">
                <p>"This change widens what the key can do:"</p>
                <ul>{items}</ul>
            </div>
        }
    });
    view! {
        {warnings}
        <DiffTable changes=diff.changes before="Before".to_owned() after="After".to_owned() />
    }
    .into_any()
}

/// A limit where 0 means none, with "no limit" written out.
#[component]
fn LimitField(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let meaning = move || match value.with(|v| v.trim().parse::<u64>()) {
        Ok(n) => {
            format!("({})", if n == 0 { "no limit".to_owned() } else { format!("at most {}", limit(n)) })
        }
        Err(_) => String::new(),
    };
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <div class="inline">
                <input
                    id=id
                    class="amount"
                    inputmode="numeric"
                    aria-invalid=move || error.with(Option::is_some).to_string()
                    aria-describedby=error_id.clone()
                    prop:value=value
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
                <span class="hint">{meaning}</span>
            </div>
            <FieldError id=error_id message=error />
        </div>
    }
}

/// Checks a sample URL against the referer patterns.
#[component]
fn RefererTester(referers: RwSignal<Vec<String>>) -> impl IntoView {
    let sample = RwSignal::new(String::new());
    let verdict = move || {
        let url = sample.get();
        if url.trim().is_empty() {
            return String::new();
        }
        let list = referers.get();
        if list.is_empty() {
            return "Allowed: with no referer restriction, any referer is.".to_owned();
        }
        match list.iter().find(|p| patterns::matches(p, url.trim())) {
            Some(pattern) => format!("Allowed by “{pattern}”."),
            None => "Refused: no referer pattern matches this URL.".to_owned(),
        }
    };
    view! {
        <div class="field">
            <label for="referer-sample">"Test a URL against the referers"</label>
            <input
                id="referer-sample"
                type="url"
                placeholder="https://www.example.com/page"
                aria-describedby="referer-verdict"
                prop:value=move || sample.get()
                on:input=move |ev| sample.set(event_target_value(&ev))
            />
            <p id="referer-verdict" class="hint" aria-live="polite">{verdict}</p>
        </div>
    }
}

/// Which of the application's indices the patterns match.
fn index_preview(patterns_list: &[String], indices: Option<&Vec<String>>) -> String {
    let Some(indices) = indices else { return String::new() };
    if patterns_list.is_empty() {
        return format!("All {} indices of the application.", indices.len());
    }
    let matched: Vec<&str> =
        indices.iter().filter(|name| patterns::admits(patterns_list, name)).map(String::as_str).collect();
    match matched.len() {
        0 => format!("Matches none of the application's {} indices.", indices.len()),
        n => format!("Matches {n} of {} indices: {}.", indices.len(), matched.join(", ")),
    }
}
