use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;

use crate::algolia::{Client, Credentials};
use crate::components::{Header, IdleLock, TextField, provide_clock};
use crate::connect::explain;
use crate::operations::Operations;
use crate::router::{Nav, use_go};
use crate::routes::AppRoute;
use crate::session::{Session, SessionState};
use crate::store::KeyStore;

#[derive(Clone, Copy, PartialEq)]
enum Gate {
    SignedOut,
    Connected,
    Locked,
}

/// Everything under `/keys`, the page being `children`: shown when connected, replaced by the
/// unlock form when locked, and sent back to the connect form when signed out.
#[component]
pub fn KeysLayout(children: ChildrenFn) -> impl IntoView {
    let session = expect_context::<Session>();
    let gate = Memo::new(move |_| match session.state.get() {
        SessionState::SignedOut => Gate::SignedOut,
        SessionState::Connected(_) => Gate::Connected,
        SessionState::Locked { .. } => Gate::Locked,
    });
    // After the render, not during it: the move changes what the app shows.
    let go = use_go();
    Effect::new(move || {
        if gate.get() == Gate::SignedOut {
            go(AppRoute::Connect, Nav { replace: true, ..Nav::default() });
        }
    });
    move || match gate.get() {
        Gate::SignedOut => ().into_any(),
        Gate::Connected => view! { <Connected children=children.clone() /> }.into_any(),
        Gate::Locked => view! { <LockScreen /> }.into_any(),
    }
}

#[component]
fn Connected(children: ChildrenFn) -> impl IntoView {
    let session = expect_context::<Session>();
    let store = expect_context::<KeyStore>();
    let Some(client) = session.client() else { return ().into_any() };
    if store.rows.get_untracked().is_none() {
        store.load(client.clone());
    }
    provide_clock();
    let ops = Operations::new(store);
    provide_context(ops);
    let app_id = client.credentials().app_id.clone();
    view! {
        <IdleLock />
        <Header app_id=app_id />
        {move || {
            ops.notice.get().map(|notice| {
                let role = if notice.error { "alert" } else { "status" };
                view! {
                    <div class="notice" class:error=notice.error role=role>
                        <p>{notice.text}</p>
                        <button type="button" class="small" on:click=move |_| ops.notice.set(None)>"Dismiss"</button>
                    </div>
                }
            })
        }}
        {children()}
    }
    .into_any()
}

/// After the idle time, the admin key is forgotten; this asks for it again.
#[component]
fn LockScreen() -> impl IntoView {
    let session = expect_context::<Session>();
    let store = expect_context::<KeyStore>();
    let (app_id, hosts) = match session.state.get_untracked() {
        SessionState::Locked { app_id, hosts } => (app_id, hosts),
        _ => Default::default(),
    };
    let api_key = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let unlock_app_id = app_id.clone();
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let key = api_key.get_untracked().trim().to_owned();
        if key.is_empty() {
            error.set(Some("Enter the admin API key.".into()));
            return;
        }
        pending.set(true);
        error.set(None);
        let client =
            Client::new(Credentials { app_id: unlock_app_id.clone(), api_key: key, hosts: hosts.clone() });
        spawn_local_scoped_with_cancellation(async move {
            let result = client.list_keys().await;
            pending.set(false);
            match result {
                Ok(keys) => {
                    store.set_loaded(keys);
                    session.connect(client);
                }
                Err(failure) => error.set(Some(explain(&failure))),
            }
        });
    };
    view! {
        <main class="page narrow">
            <h1>"Session locked"</h1>
            <p class="lead">
                {format!(
                    "The session locked itself after {} idle minutes and forgot the admin key. Enter the admin API key of {app_id} to unlock.",
                    session.idle_minutes.get_untracked(),
                )}
            </p>
            <form class="card" on:submit=on_submit novalidate>
                <TextField id="unlock-key" label="Admin API key" value=api_key error=error password=true />
                <div class="actions">
                    <button type="submit" disabled=move || pending.get()>
                        {move || if pending.get() { "Unlocking…" } else { "Unlock" }}
                    </button>
                    <button type="button" class="secondary" on:click=move |_| session.sign_out()>
                        "Sign out"
                    </button>
                </div>
            </form>
        </main>
    }
}
