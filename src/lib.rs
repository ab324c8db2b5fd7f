//! The keys console: a Leptos client-side app for managing an Algolia application's API keys.

pub mod acl;
pub mod algolia;
pub mod components;
pub mod connect;
pub mod keys;
mod local_demo;
mod operations;
mod pages;
mod perf;
mod routes;
pub mod secured;
pub mod session;
mod storage;
mod store;
mod unsaved;
pub mod uri;

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

use crate::pages::{
    ConnectPage, EditKeyPage, KeyDetailPage, KeysLayout, KeysPage, NewKeyPage, NotFound, RestorePage,
    SecuredPage,
};
use crate::session::Session;
use crate::unsaved::Unsaved;

/// The app: the session, the keys and the unsaved-changes guard in context, and the routes.
#[component]
pub fn App() -> impl IntoView {
    let session = Session::restore();
    provide_context(session);
    provide_context(session.store);
    let unsaved = Unsaved::new();
    // Before the router starts, so that Back is asked about before the router acts on it.
    unsaved.guard_history();
    provide_context(unsaved);
    view! {
        <Router base=routes::base_path()>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=ConnectPage />
                <ParentRoute path=path!("/keys") view=KeysLayout>
                    <Route path=path!("") view=KeysPage />
                    <Route path=path!("new") view=NewKeyPage />
                    <Route path=path!("restore") view=RestorePage />
                    <Route path=path!("secured") view=SecuredPage />
                    <Route path=path!(":hash") view=KeyDetailPage />
                    <Route path=path!(":hash/edit") view=EditKeyPage />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
