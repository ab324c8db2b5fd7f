//! The keys console: a Leptos client-side app for managing an Algolia application's API keys.

pub mod acl;
pub mod algolia;
pub mod components;
pub mod connect;
mod fetched;
pub mod keys;
mod local_demo;
mod operations;
mod pages;
mod perf;
mod router;
mod routes;
pub mod secured;
pub mod session;
mod storage;
mod store;
pub mod text;
mod unsaved;
pub mod uri;

use leptos::prelude::*;

use crate::pages::{
    ConnectPage, EditKeyPage, KeyDetailPage, KeysLayout, KeysPage, NewKeyPage, NotFound, RestorePage,
    SecuredPage,
};
use crate::router::Router;
use crate::routes::AppRoute;
use crate::session::Session;
use crate::unsaved::Unsaved;

/// The app: the session, the keys, the unsaved-changes guard and the router in context, and the
/// page of the address.
#[component]
pub fn App() -> impl IntoView {
    let session = Session::restore();
    provide_context(session);
    provide_context(session.store);
    let unsaved = Unsaved::new();
    // Before the router starts, so that Back is asked about before the router acts on it.
    unsaved.guard_history();
    provide_context(unsaved);
    let router = Router::start(unsaved);
    provide_context(router);

    // The page, and the part of the app it belongs to, change less often than the route: the
    // views below are rebuilt only when they do, not on each keystroke in the table's search.
    let route = router.route();
    let page = Memo::new(move |_| route.with(|route| route.as_ref().map(AppRoute::page)));
    let part = Memo::new(move |_| {
        page.with(|page| match page {
            None => Part::NotFound,
            Some(AppRoute::Connect) => Part::Connect,
            Some(_) => Part::Keys,
        })
    });
    move || match part.get() {
        Part::Connect => view! { <ConnectPage /> }.into_any(),
        Part::NotFound => view! { <NotFound /> }.into_any(),
        Part::Keys => view! { <KeysLayout>{move || page.get().map(keys_page)}</KeysLayout> }.into_any(),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Part {
    Connect,
    /// The pages under `/keys`, which share the connected session's layout.
    Keys,
    NotFound,
}

fn keys_page(page: AppRoute) -> AnyView {
    match page {
        AppRoute::Keys(_) => view! { <KeysPage /> }.into_any(),
        AppRoute::Key(hash) => view! { <KeyDetailPage hash=hash /> }.into_any(),
        AppRoute::EditKey(hash) => view! { <EditKeyPage hash=hash /> }.into_any(),
        AppRoute::NewKey { from } => view! { <NewKeyPage from=from /> }.into_any(),
        AppRoute::Restore => view! { <RestorePage /> }.into_any(),
        AppRoute::Secured => view! { <SecuredPage /> }.into_any(),
        AppRoute::Connect => ().into_any(),
    }
}
