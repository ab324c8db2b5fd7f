use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::components::{CopyButton, FieldError, KeyedList, Now, PatternList, QueryParamsEditor, TextField};
use crate::fnv::hash_text;
use crate::keys::form::QueryField;
use crate::keys::format::{expiry, key_name, utc};
use crate::keys::{KeyRow, Rows, seconds_left};
use crate::reactive::memo;
use crate::routes::Page;
use crate::secured::{self, Decoded, Restriction, Restrictions, snippets};
use crate::session::Connection;
use crate::store::KeyStore;

/// Past this length a secured key may not fit where it is used (a URL, a header).
const LONG_KEY: usize = 500;

/// The secured-key workbench: build a key from a parent and restrictions, or take one apart. It
/// makes no network call: everything happens in this page.
#[component]
pub fn SecuredPage() -> impl IntoView {
    let app = expect_context::<Connection>();
    view! {
        <main class="page narrow">
            <p>
                <a href=app.at(Page::keys()).href()>"← All keys"</a>
            </p>
            <h1>"Secured API keys"</h1>
            <p class="lead">
                "A secured key narrows a parent search key with restrictions, signed with the parent key. It is made and read here, without any network call."
            </p>
            <Build />
            <Inspect />
        </main>
    }
}

#[component]
fn Build() -> impl IntoView {
    let store = expect_context::<KeyStore>();
    let app = expect_context::<Connection>();
    let chosen = RwSignal::new(String::new());
    let pasted = RwSignal::new(String::new());
    let filters = RwSignal::new(String::new());
    // The `datetime-local` field's text, as typed; read as seconds where it is used.
    let valid_until_text = RwSignal::new(String::new());
    let valid_until = move || valid_until_text.with(|text| parse_local_seconds(text));
    let indices = RwSignal::new(Vec::<String>::new());
    let sources = RwSignal::new(String::new());
    let user_token = RwSignal::new(String::new());
    let others = RwSignal::new(QueryField::Rows(Vec::new()));
    let now = expect_context::<Now>();

    // The parent select's options are the application's search keys, read from the rows by each
    // reader: a memo of their own type cost more than scanning the list again on a reload.
    let option_keys = Signal::derive(move || {
        store.rows.with(|rows| {
            search_keys(rows)
                .map(|r| hash_text(&r.key.value) ^ hash_text(&option_label(r)).rotate_left(1))
                .collect::<Vec<_>>()
        })
    });
    let key_option = Callback::new(move |(_, at): (u64, usize)| {
        let Some((value, name)) = store
            .rows
            .with_untracked(|rows| search_keys(rows).nth(at).map(|r| (r.key.value.clone(), option_label(r))))
        else {
            return ().into_any();
        };
        view! { <option value=value.clone() prop:selected=move || chosen.with(|c| *c == value)>{name}</option> }
            .into_any()
    });
    // A reload of the list may drop the chosen key (deleted, expired, no longer a search key):
    // nothing is signed with it then.
    let chosen_gone = move || {
        chosen.with(|chosen| {
            !chosen.is_empty() && store.rows.with(|rows| !search_keys(rows).any(|r| r.key.value == *chosen))
        })
    };
    let parent = move || {
        let pasted = pasted.get().trim().to_owned();
        match (pasted.is_empty(), chosen_gone()) {
            (false, _) => pasted,
            (true, false) => chosen.get(),
            (true, true) => String::new(),
        }
    };
    let parent_error = move || {
        let parent = parent();
        if parent.is_empty() {
            None
        } else if app.is_admin_key(&parent) {
            Some("This is the admin key. A secured key made from it could do anything the admin key can: choose a search key.".to_owned())
        } else if secured::is_secured(&parent) {
            Some("This is a secured key. A secured key cannot be the parent of another: choose the search key it was made from.".to_owned())
        } else {
            None
        }
    };
    // The parent's own index restrictions, when it is one of the application's keys.
    let parent_indices = move || {
        let parent = parent();
        store.rows.with(|rows| {
            rows.iter().flat_map(|r| r.iter()).find(|r| r.key.value == parent).map(|r| r.key.indexes.clone())
        })
    };
    let indices_warning = move || {
        indices.with(|chosen| secured::warnings::indices(chosen, &parent_indices().unwrap_or_default()))
    };
    let sources_warning = move || sources.with(|source| secured::warnings::sources(source));
    // Built afresh by each reader (the query string, the snippets), and so is the query string: a
    // few fields, cheaper to build again than to keep in a memo.
    let restrictions = move || {
        let mut top = Vec::new();
        let mut put = |name: &str, value: Restriction| top.push((name.to_owned(), value));
        if !filters.get().trim().is_empty() {
            put("filters", Restriction::Text(filters.get()));
        }
        if let Some(seconds) = valid_until() {
            put("validUntil", Restriction::Number(seconds));
        }
        if !indices.get().is_empty() {
            put("restrictIndices", Restriction::List(indices.get()));
        }
        if !sources.get().trim().is_empty() {
            put("restrictSources", Restriction::Text(sources.get().trim().to_owned()));
        }
        if !user_token.get().is_empty() {
            put("userToken", Restriction::Text(user_token.get()));
        }
        let search_params = others.with(|others| match others {
            QueryField::Rows(rows) => rows
                .iter()
                .filter(|row| !row.name.trim().is_empty())
                .map(|row| (row.name.trim().to_owned(), row.value.clone()))
                .collect(),
            // Not reached: the editor starts from rows, and only a key read can hold raw text.
            QueryField::Raw { .. } => Vec::new(),
        });
        Restrictions { top, search_params }
    };
    let query = move || secured::query_string(&restrictions());
    let key = memo(move |_| {
        let parent = parent();
        (!parent.is_empty() && parent_error().is_none()).then(|| secured::generate(&parent, &query()))
    });

    view! {
        <section class="card" aria-labelledby="build-title">
            <h2 id="build-title">"Build a secured key"</h2>
            <div class="field">
                <label for="parent-choice">"Parent key"</label>
                <select
                    id="parent-choice"
                    aria-describedby="parent-choice-error"
                    on:change=move |ev| chosen.set(event_target_value(&ev))
                >
                    <option value="">"Choose one of the application's search keys"</option>
                    // Keyed (by value and name), so a reload keeps the elements of the keys still listed: an unkeyed list
                    // rewrites them in place, and the selection stays on an element that now holds
                    // another key. An element made anew (a key renamed) is selected from `chosen`,
                    // which binding the select's value alone would not do, as it runs before the
                    // options change.
                    <KeyedList keys=option_keys row=key_option />
                </select>
                <FieldError
                    id="parent-choice-error"
                    message=Signal::derive(move || {
                        chosen_gone()
                            .then(|| {
                                "The key chosen here is no longer among the application's search keys (deleted, expired, or without the search permission now). Choose another parent key.".to_owned()
                            })
                    })
                />
            </div>
            <TextField id="parent-pasted" label="Or paste a parent key" value=pasted error=Signal::derive(parent_error) />
            {move || {
                (!parent().is_empty())
                    .then(|| {
                        view! {
                            <div class="banner warning" role="note">
                                <p>
                                    "The parent key is now in this page. Whoever holds it can make any secured key from it: generate secured keys on your server (snippets below) rather than shipping the parent key."
                                </p>
                            </div>
                        }
                    })
            }}
            <TextField id="sk-filters" label="filters" value=filters placeholder="brand:Acme AND on_sale:true" />
            <div class="field">
                <label for="sk-valid-until">"validUntil"</label>
                <input
                    id="sk-valid-until"
                    type="datetime-local"
                    aria-describedby="sk-valid-until-hint"
                    on:change=move |ev| valid_until_text.set(event_target_value(&ev))
                />
                <p id="sk-valid-until-hint" class="hint" aria-live="polite">
                    {move || {
                        valid_until().map_or_else(
                            || "No end: the key lasts as long as its parent.".to_owned(),
                            |s| format!("{s} (Unix seconds), {}", expiry(seconds_left(Some(s as f64 * 1000.0), now.ms()))),
                        )
                    }}
                </p>
            </div>
            <PatternList
                id="sk-indices"
                label="restrictIndices"
                noun="index"
                empty="Every index the parent key reaches"
                items=indices
                error=Signal::derive(indices_warning)
                unchecked=true
            />
            // A warning rather than an error (no aria-invalid): the key is made all the same.
            <TextField
                id="sk-sources"
                label="restrictSources"
                value=sources
                placeholder="192.168.1.0/24"
                warning=Signal::derive(sources_warning)
            />
            <TextField id="sk-user-token" label="userToken" value=user_token />
            <QueryParamsEditor value=others error=Signal::derive(|| None::<String>) />
            <section class="output" aria-labelledby="sk-output-title">
                <h3 id="sk-output-title">"Secured key"</h3>
                {move || match key.get() {
                    None => view! { <p class="hint">"Choose or paste a parent key to see the secured key."</p> }.into_any(),
                    Some(secured_key) => {
                        let length = secured_key.len();
                        view! {
                            <p class="key-value">
                                <code class="key-text revealed secured" aria-label="Secured API key">{secured_key.clone()}</code>
                                <CopyButton text=secured_key />
                            </p>
                            <p class="hint">{format!("{length} characters")}</p>
                            {(length > LONG_KEY).then(|| view! {
                                <p class="warning-text" role="note">
                                    {format!("Longer than {LONG_KEY} characters: it may not fit in a URL or a header. Fewer or shorter restrictions make it shorter.")}
                                </p>
                            })}
                        }
                        .into_any()
                    }
                }}
                <p>"Restrictions, as signed:"</p>
                <pre class="raw" role="region" aria-label="Decoded query string">{query}</pre>
                {move || {
                    query()
                        .is_empty()
                        .then(|| {
                            view! {
                                <p class="warning-text" role="note">
                                    "No restriction is set: this secured key can do exactly what its parent can."
                                </p>
                            }
                        })
                }}
            </section>
            <Snippets restrictions query />
        </section>
    }
}

/// The same key made on a server with Algolia's JavaScript and Python clients.
#[component]
fn Snippets(
    restrictions: impl Fn() -> Restrictions + Copy + Send + Sync + 'static,
    query: impl Fn() -> String + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <section class="snippets" aria-labelledby="snippets-title">
            <h3 id="snippets-title">"Make it on your server"</h3>
            <p class="hint">"The parent key stays on the server; only the secured key reaches the browser."</p>
            // Focusable, so a keyboard can scroll a long line.
            <pre role="region" tabindex="0" aria-label="JavaScript snippet">{move || snippets::javascript(&restrictions())}</pre>
            <pre role="region" tabindex="0" aria-label="Python snippet">{move || snippets::python(&restrictions())}</pre>
            {move || {
                snippets::python_escapes_otherwise(&query())
                    .then(|| {
                        view! {
                            <p class="hint">
                                "Algolia's Python client also escapes ! ' ( ) * in the query string: the key it prints differs in text from the one above, with the same restrictions inside."
                            </p>
                        }
                    })
            }}
        </section>
    }
}

#[component]
fn Inspect() -> impl IntoView {
    let now = expect_context::<Now>();
    let text = RwSignal::new(String::new());
    let parent = RwSignal::new(String::new());
    // Decoded again by each reader: a base64 text, cheaper to read again than to keep in a memo.
    let decoded = move || text.with(|text| (!text.trim().is_empty()).then(|| secured::decode(text)));
    let verdict = move || {
        let parent = parent.get();
        match decoded() {
            Some(Ok(key)) if !parent.trim().is_empty() => Some(if key.signed_by(parent.trim()) {
                "The signature matches this parent key.".to_owned()
            } else {
                "The signature does not match this parent key: it was made from another key, or altered."
                    .to_owned()
            }),
            _ => None,
        }
    };
    view! {
        <section class="card" aria-labelledby="inspect-title">
            <h2 id="inspect-title">"Inspect a secured key"</h2>
            <div class="field">
                <label for="inspect-key">"Secured key to inspect"</label>
                <textarea
                    id="inspect-key"
                    rows="3"
                    spellcheck="false"
                    aria-describedby="inspect-error"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                ></textarea>
                <FieldError
                    id="inspect-error"
                    message=Signal::derive(move || decoded().and_then(|d| d.err()))
                />
            </div>
            <TextField id="inspect-parent" label="Parent key, to verify the signature (optional)" value=parent />
            <p role="status">{verdict}</p>
            {move || decoded().and_then(Result::ok).map(|key| view! { <Restrictions key=key now=now /> })}
        </section>
    }
}

#[component]
fn Restrictions(key: Decoded, now: Now) -> impl IntoView {
    let valid_until = key.valid_until();
    let rows = key
        .restrictions
        .iter()
        .map(|(name, value)| view! { <tr><th scope="row">{name.clone()}</th><td><code>{value.clone()}</code></td></tr> })
        .collect_view();
    let remaining = move || valid_until.map(|s| seconds_left(Some(s as f64 * 1000.0), now.ms()));
    view! {
        <table class="diff" aria-label="Restrictions">
            <thead>
                <tr>
                    <th scope="col">"Restriction"</th>
                    <th scope="col">"Value"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        {key.restrictions.is_empty().then(|| view! { <p>"No restriction: it can do what its parent can."</p> })}
        {valid_until.map(|s| {
            view! {
                <p class="expiry" class:expired=move || remaining() == Some(Some(0)) role="status">
                    {move || {
                        let left = remaining().flatten();
                        format!("Valid until {} — {}", utc(s as f64 * 1000.0), expiry(left))
                    }}
                </p>
            }
        })}
    }
}

/// The application's search keys, the parents a secured key can have.
fn search_keys(rows: &Option<Rows>) -> impl Iterator<Item = &KeyRow> {
    rows.iter().flat_map(|r| r.iter()).filter(|r| r.key.acl.iter().any(|a| a == "search"))
}

/// A key's name in the parent select.
fn option_label(row: &KeyRow) -> String {
    key_name(&row.key.description, &row.key.value)
}

/// A `datetime-local` value as Unix seconds, in the browser's time zone.
fn parse_local_seconds(text: &str) -> Option<i64> {
    let ms = js_sys::Date::new(&JsValue::from_str(text)).get_time();
    (!text.is_empty() && ms.is_finite()).then(|| (ms / 1000.0).floor() as i64)
}
