use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::algolia::{Client, Credentials};
use crate::components::{Header, TextField, provide_clock};
use crate::connect::explain;
use crate::reactive::{memo, spawn_scoped};
use crate::router::{Nav, use_go};
use crate::routes::AppRoute;
use crate::session::{AppState, Connection, Session};

/// Every page of one application, the page being `children`: shown when the application is
/// connected, replaced by the unlock form when it is locked, and by a way to connect it when this
/// tab has no such application. The application is in context for the page: its connection, keys
/// and writes.
#[component]
pub fn AppLayout(app_id: String, children: ChildrenFn) -> impl IntoView {
    let session = expect_context::<Session>();
    // Whether this tab holds the application's key: `None` when it does not hold the application.
    let unlocked = {
        let app_id = app_id.clone();
        memo(move |_| {
            session
                .find(&app_id)
                .map(|app| app.state.with(|state| matches!(state, AppState::Connected { .. })))
        })
    };
    // A closure written in the view shares the view macro's rendering code for its output type;
    // one returned or kept in a variable brings a copy of its own.
    view! {
        {move || match (unlocked.get(), session.find_untracked(&app_id)) {
            (Some(true), Some(app)) => view! { <Connected app=app children=children.clone() /> }.into_any(),
            (Some(false), Some(app)) => view! { <LockScreen app=app /> }.into_any(),
            _ => view! { <NotConnected app_id=app_id.clone() /> }.into_any(),
        }}
    }
}

#[component]
fn Connected(app: Connection, children: ChildrenFn) -> impl IntoView {
    let (Some(client), Some(ops)) = (app.client(), app.ops()) else { return ().into_any() };
    if app.store.rows.with_untracked(Option::is_none) {
        app.store.load(client.clone());
    }
    if app.store.indices.with_untracked(Option::is_none) {
        app.store.load_indices(client);
    }
    provide_clock();
    provide_context(app);
    provide_context(app.store);
    provide_context(ops);
    view! {
        <Header app=app />
        {move || {
            ops.notice.get().map(|text| {
                let error = ops.notice_is_error.get();
                let role = if error { "alert" } else { "status" };
                view! {
                    <div class="notice" class:error=error role=role>
                        <p>{text}</p>
                        <button type="button" class="small" on:click=move |_| ops.notice.set(None)>"Dismiss"</button>
                    </div>
                }
            })
            .into_any()
        }}
        {children()}
    }
    .into_any()
}

/// A link to an application this tab does not hold (forgotten, or opened in another tab).
#[component]
fn NotConnected(app_id: String) -> impl IntoView {
    view! {
        <main class="page narrow">
            <h1>"Application not connected"</h1>
            <p>{format!("This tab is not connected to the application {app_id}. Connect it to open this page.")}</p>
            <p>
                <a href=AppRoute::AddApp.href() class="button">"Connect an application"</a>
            </p>
        </main>
    }
}

/// After the idle time, every admin key is forgotten; this asks for this application's again.
#[component]
fn LockScreen(app: Connection) -> impl IntoView {
    let session = expect_context::<Session>();
    let hosts = app.state.with_untracked(|state| match state {
        AppState::Locked { hosts } => hosts.clone(),
        AppState::Connected { client, .. } => client.credentials().hosts.clone(),
    });
    let api_key = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let name = app.name();
    let go = use_go();
    let sign_out = move || {
        session.forget_all();
        go(AppRoute::Connect, Nav { replace: true, ..Nav::default() });
    };
    let on_submit = {
        move |event: SubmitEvent| {
            event.prevent_default();
            let key = api_key.get_untracked().trim().to_owned();
            if key.is_empty() {
                error.set(Some("Enter the admin API key.".into()));
                return;
            }
            pending.set(true);
            error.set(None);
            let client =
                Client::new(Credentials { app_id: app.app_id(), api_key: key, hosts: hosts.clone() });
            spawn_scoped(async move {
                let result = client.list_keys().await;
                pending.set(false);
                match result {
                    Ok(keys) => session.connect(client, app.label(), app.colour()).store.set_loaded(keys),
                    Err(failure) => error.set(Some(explain(&failure))),
                }
            });
        }
    };
    view! {
        <main class="page narrow">
            <h1>"Session locked"</h1>
            <p class="lead">
                {format!(
                    "The session locked itself after {} idle minutes and forgot every admin key. Enter the admin API key of {name} to unlock it.",
                    session.idle_minutes.get_untracked(),
                )}
            </p>
            <form class="card" on:submit=on_submit novalidate>
                <TextField id="unlock-key" label="Admin API key" value=api_key error=error password=true />
                <div class="actions">
                    <button type="submit" disabled=move || pending.get()>
                        {move || if pending.get() { "Unlocking…" } else { "Unlock" }}
                    </button>
                    <button type="button" class="secondary" on:click=move |_| sign_out()>
                        "Sign out of every application"
                    </button>
                </div>
            </form>
        </main>
    }
}
