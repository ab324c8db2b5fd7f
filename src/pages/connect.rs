use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;

use crate::algolia::{Client, Credentials};
use crate::components::{FieldError, TextField};
use crate::connect::{ConnectErrors, ConnectForm, explain};
use crate::fetched::fetch_once;
use crate::local_demo;
use crate::router::{Nav, use_go};
use crate::routes::AppRoute;
use crate::session::{Session, SessionState};
use crate::store::KeyStore;

/// Asks for the application ID and admin key, proves them by listing the keys, and keeps what was
/// typed when that fails.
#[component]
pub fn ConnectPage() -> impl IntoView {
    let session = expect_context::<Session>();
    let store = expect_context::<KeyStore>();
    let go = use_go();
    Effect::new(move || {
        if !matches!(session.state.get(), SessionState::SignedOut) {
            go(AppRoute::keys(), Nav { replace: true, ..Nav::default() });
        }
    });

    let app_id = RwSignal::new(String::new());
    let api_key = RwSignal::new(String::new());
    let hosts = RwSignal::new(String::new());
    let idle_minutes = RwSignal::new(session.idle_minutes.get_untracked().to_string());
    let errors = RwSignal::new(ConnectErrors::default());
    let failure = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let show_key = RwSignal::new(false);
    let demo = fetch_once(local_demo::fetch());

    let connect = move |credentials: Credentials, idle_minutes: u32| {
        pending.set(true);
        failure.set(None);
        spawn_local_scoped_with_cancellation(async move {
            let client = Client::new(credentials);
            let result = client.list_keys().await;
            pending.set(false);
            match result {
                Ok(keys) => {
                    session.set_idle_minutes(idle_minutes);
                    store.set_loaded(keys);
                    session.connect(client);
                }
                Err(error) => failure.set(Some(explain(&error))),
            }
        });
    };
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let typed = ConnectForm {
            app_id: app_id.get_untracked(),
            api_key: api_key.get_untracked(),
            hosts: hosts.get_untracked(),
            idle_minutes: idle_minutes.get_untracked(),
        };
        match typed.validate() {
            Ok((credentials, idle_minutes)) => {
                errors.set(ConnectErrors::default());
                connect(credentials, idle_minutes);
            }
            Err(found) => {
                errors.set(found);
                failure.set(None);
            }
        }
    };

    let error = move |get: fn(&ConnectErrors) -> &Option<String>| {
        Signal::derive(move || errors.with(|e| get(e).clone()))
    };
    let invalid = move |get: fn(&ConnectErrors) -> &Option<String>| {
        move || errors.with(|e| get(e).is_some()).to_string()
    };

    view! {
        <main class="page narrow">
            <h1>"Connect to an Algolia application"</h1>
            <p class="lead">
                "The admin API key stays in this browser tab: it is kept in this tab's session storage only and sent only to the application's hosts."
            </p>
            <form class="card" on:submit=on_submit novalidate>
                <TextField id="app-id" label="Application ID" value=app_id error=error(|e| &e.app_id) />
                <div class="field">
                    <label for="api-key">"Admin API key"</label>
                    <div class="with-button">
                        <input
                            id="api-key"
                            type=move || if show_key.get() { "text" } else { "password" }
                            autocomplete="off"
                            spellcheck="false"
                            aria-invalid=invalid(|e| &e.api_key)
                            aria-describedby="api-key-error"
                            prop:value=move || api_key.get()
                            on:input=move |ev| api_key.set(event_target_value(&ev))
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
                    <FieldError id="api-key-error" message=error(|e| &e.api_key) />
                </div>
                <details class="advanced">
                    <summary>"Advanced"</summary>
                    <div class="field">
                        <label for="hosts">"Custom hosts"</label>
                        <textarea
                            id="hosts"
                            rows="3"
                            spellcheck="false"
                            aria-invalid=invalid(|e| &e.hosts)
                            aria-describedby="hosts-hint hosts-error"
                            prop:value=move || hosts.get()
                            on:input=move |ev| hosts.set(event_target_value(&ev))
                        ></textarea>
                        <p id="hosts-hint" class="hint">
                            "One base URL per line, replacing Algolia's hosts (a proxy, or the local emulator). The first is the primary, the others fallbacks. http:// is accepted only for localhost and 127.0.0.1."
                        </p>
                        <FieldError id="hosts-error" message=error(|e| &e.hosts) />
                    </div>
                    <TextField
                        id="idle-minutes"
                        label="Lock after this many idle minutes"
                        value=idle_minutes
                        error=error(|e| &e.idle_minutes)
                        numeric=true
                    />
                </details>
                <div role="alert" class="form-failure">
                    {move || failure.get().map(|message| view! { <p class="error">{message}</p> })}
                </div>
                <div class="actions">
                    <button type="submit" disabled=move || pending.get()>
                        {move || if pending.get() { "Connecting…" } else { "Connect" }}
                    </button>
                    {move || {
                        demo.get()
                            .map(|credentials| {
                                let app_id = credentials.app_id.clone();
                                let open = move |_| connect(credentials.clone(), session.idle_minutes.get_untracked());
                                view! {
                                    <button type="button" class="secondary" disabled=move || pending.get() on:click=open>
                                        {format!("Open the local demo ({app_id})")}
                                    </button>
                                }
                            })
                    }}
                </div>
            </form>
        </main>
    }
}
