use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::algolia::{Client, Credentials};
use crate::components::{FieldError, TextField};
use crate::connect::{ConnectErrors, ConnectForm, explain};
use crate::fetched::fetch_once;
use crate::local_demo;
use crate::reactive::{effect, spawn_scoped};
use crate::router::{Nav, use_go};
use crate::routes::Page;
use crate::session::{Colour, Session};

/// Asks for the application ID, admin key and label, proves the key by listing the keys, and keeps
/// what was typed when that fails. At `/` with applications connected, it goes to the first;
/// `adding` shows it to add one more.
#[component]
pub fn ConnectPage(adding: bool) -> impl IntoView {
    let session = expect_context::<Session>();
    let go = use_go();
    {
        let go = go.clone();
        // Once, on arrival: connecting several demo applications must not be cut short by a move
        // after the first.
        effect(move || {
            let first = session.apps.with_untracked(|apps| apps.first().map(|app| app.app_id()));
            if let (false, Some(app_id)) = (adding, first) {
                go(Page::keys().of(&app_id), Nav { replace: true, ..Nav::default() });
            }
        });
    }

    let app_id = RwSignal::new(String::new());
    let api_key = RwSignal::new(String::new());
    let label = RwSignal::new(String::new());
    // By name, as the select holds it.
    let colour = RwSignal::new(session.next_colour().name().to_owned());
    let hosts = RwSignal::new(String::new());
    let idle_minutes = RwSignal::new(session.idle_minutes.get_untracked().to_string());
    let errors = FieldErrors::new();
    let failure = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    // Both buttons wait while an application is being proven.
    let busy = move || pending.get();
    let show_key = RwSignal::new(false);
    let demo = fetch_once(local_demo::fetch());

    // Proves each application's key in turn, connects it, and opens the first.
    let connect = move |apps: Vec<(Credentials, String, Colour)>, idle_minutes: usize| {
        pending.set(true);
        failure.set(None);
        let go = go.clone();
        spawn_scoped(async move {
            let several = apps.len() > 1;
            let mut first = None;
            for (credentials, label, colour) in apps {
                let app_id = credentials.app_id.clone();
                let client = Client::new(credentials);
                match client.list_keys().await {
                    Ok(keys) => {
                        session.connect(client, label, colour).store.set_loaded(keys);
                        first.get_or_insert(app_id);
                    }
                    Err(error) => {
                        pending.set(false);
                        let why = explain(&error);
                        failure.set(Some(if several { format!("{app_id}: {why}") } else { why }));
                        return;
                    }
                }
            }
            pending.set(false);
            session.set_idle_minutes(idle_minutes);
            if let Some(app_id) = first {
                go(Page::keys().of(&app_id), Nav { replace: true, ..Nav::default() });
            }
        });
    };
    let on_submit = {
        let connect = connect.clone();
        move |event: SubmitEvent| {
            event.prevent_default();
            let typed = ConnectForm {
                app_id: app_id.get_untracked(),
                api_key: api_key.get_untracked(),
                label: label.get_untracked(),
                hosts: hosts.get_untracked(),
                idle_minutes: idle_minutes.get_untracked(),
            };
            // Connecting an application again keeps its label; others' labels are taken.
            let taken: Vec<String> = session.apps.with_untracked(|apps| {
                apps.iter().filter(|a| a.app_id() != typed.app_id.trim()).map(|a| a.label()).collect()
            });
            match typed.validate(&taken) {
                Ok(valid) => {
                    errors.show(ConnectErrors::default());
                    let colour = Colour::named(&colour.get_untracked()).unwrap_or_default();
                    connect(vec![(valid.credentials, valid.label, colour)], valid.idle_minutes);
                }
                Err(found) => {
                    errors.show(found);
                    failure.set(None);
                }
            }
        }
    };

    view! {
        <main class="page narrow">
            <h1>{if adding { "Add an Algolia application" } else { "Connect to an Algolia application" }}</h1>
            <p class="lead">
                "The admin API key stays in this browser tab: it is kept in this tab's session storage only and sent only to the application's hosts."
            </p>
            <form class="card" on:submit=on_submit novalidate>
                <TextField id="app-id" label="Application ID" value=app_id error=errors.app_id />
                <div class="field">
                    <label for="api-key">"Admin API key"</label>
                    <div class="with-button">
                        <input
                            id="api-key"
                            type=move || if show_key.get() { "text" } else { "password" }
                            autocomplete="off"
                            spellcheck="false"
                            aria-invalid=invalid(errors.api_key)
                            aria-describedby="api-key-error"
                            prop:value=api_key
                            on:input=typed_into(api_key)
                        />
                        <button
                            type="button"
                            class="secondary"
                            aria-label="Show API key"
                            aria-pressed=move || show_key.get().to_string()
                            on:click=move |_| show_key.update(|s| *s = !*s)
                        >
                            {move || if show_key.get() { "Hide" } else { "Show" }}
                        </button>
                    </div>
                    <FieldError id="api-key-error" message=errors.api_key />
                </div>
                <TextField
                    id="app-label"
                    label="Label"
                    value=label
                    error=errors.label
                    placeholder="prod, staging… (the application ID if empty)"
                />
                <div class="field">
                    <label for="app-colour">"Colour"</label>
                    <select id="app-colour" prop:value=colour on:change=typed_into(colour)>
                        <option value="blue">"Blue"</option>
                        <option value="green">"Green"</option>
                        <option value="amber">"Amber"</option>
                        <option value="red">"Red"</option>
                        <option value="violet">"Violet"</option>
                        <option value="grey">"Grey"</option>
                    </select>
                </div>
                <details class="advanced">
                    <summary>"Advanced"</summary>
                    <div class="field">
                        <label for="hosts">"Custom hosts"</label>
                        <textarea
                            id="hosts"
                            rows="3"
                            spellcheck="false"
                            aria-invalid=invalid(errors.hosts)
                            aria-describedby="hosts-hint hosts-error"
                            prop:value=hosts
                            on:input=typed_into(hosts)
                        ></textarea>
                        <p id="hosts-hint" class="hint">
                            "One base URL per line, replacing Algolia's hosts (a proxy, or the local emulator). The first is the primary, the others fallbacks. http:// is accepted only for localhost and 127.0.0.1."
                        </p>
                        <FieldError id="hosts-error" message=errors.hosts />
                    </div>
                    <TextField
                        id="idle-minutes"
                        label="Lock after this many idle minutes"
                        value=idle_minutes
                        error=errors.idle_minutes
                        numeric=true
                    />
                </details>
                <div role="alert" class="form-failure">
                    {move || failure.get().map(|message| view! { <p class="error">{message}</p> })}
                </div>
                <div class="actions">
                    <button type="submit" disabled=busy>
                        {move || if pending.get() { "Connecting…" } else { "Connect" }}
                    </button>
                    {move || {
                        demo.get()
                            .map(|apps| {
                                let names: Vec<String> = apps.iter().map(|(_, label, _)| label.clone()).collect();
                                let connect = connect.clone();
                                let open = move |_| connect(apps.clone(), session.idle_minutes.get_untracked());
                                view! {
                                    <button type="button" class="secondary" disabled=busy on:click=open>
                                        {format!("Open the local demo ({})", names.join(", "))}
                                    </button>
                                }
                            })
                    }}
                </div>
            </form>
        </main>
    }
}

/// The message under each field, as the last check left it: a signal per field, so that each field
/// reads only its own.
#[derive(Clone, Copy)]
struct FieldErrors {
    app_id: RwSignal<Option<String>>,
    api_key: RwSignal<Option<String>>,
    label: RwSignal<Option<String>>,
    hosts: RwSignal<Option<String>>,
    idle_minutes: RwSignal<Option<String>>,
}

impl FieldErrors {
    fn new() -> Self {
        Self {
            app_id: RwSignal::new(None),
            api_key: RwSignal::new(None),
            label: RwSignal::new(None),
            hosts: RwSignal::new(None),
            idle_minutes: RwSignal::new(None),
        }
    }

    fn show(self, errors: ConnectErrors) {
        self.app_id.set(errors.app_id);
        self.api_key.set(errors.api_key);
        self.label.set(errors.label);
        self.hosts.set(errors.hosts);
        self.idle_minutes.set(errors.idle_minutes);
    }
}

/// `aria-invalid` for a field with this error.
fn invalid(error: RwSignal<Option<String>>) -> impl Fn() -> String + Copy {
    move || error.with(Option::is_some).to_string()
}

/// Keeps what is typed (or chosen) in a field in its signal.
fn typed_into(value: RwSignal<String>) -> impl Fn(leptos::ev::Event) + Copy {
    move |event| value.set(event_target_value(&event))
}
