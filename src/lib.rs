//! The keys console: a Leptos client-side app for managing an Algolia application's API keys.

pub mod acl;
pub mod algolia;
pub mod audit;
pub mod components;
pub mod connect;
mod fetched;
mod files;
mod fnv;
pub mod keys;
mod local_demo;
mod operations;
mod pages;
mod perf;
pub mod reactive;
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

use crate::components::IdleLock;
use crate::pages::{
    AppLayout, AuditPage, ComparePage, ConnectPage, CopyPage, EditKeyPage, ExportPage, ImportPage,
    KeyDetailPage, KeysPage, NewKeyPage, NotFound, RestorePage, RollPage, SecuredPage,
};
use crate::reactive::memo;
use crate::router::Router;
use crate::routes::{AppRoute, Page};
use crate::session::Session;
use crate::unsaved::Unsaved;

/// The app: the session, the unsaved-changes guard and the router in context, and the page of the
/// address.
#[component]
pub fn App() -> impl IntoView {
    let session = Session::restore();
    provide_context(session);
    let unsaved = Unsaved::new();
    // Before the router starts, so that Back is asked about before the router acts on it.
    unsaved.guard_history();
    provide_context(unsaved);
    let router = Router::start(unsaved);
    provide_context(router);

    // The page, and the part of the app it belongs to, change less often than the route: the
    // views below are rebuilt only when they do, not on each keystroke in the table's search.
    let route = router.route();
    let page = memo(move |_| route.with(|route| route.as_ref().map(AppRoute::page)));
    // The application whose pages are shown, if any: its layout is built again only when it changes.
    let app = memo(move |_| {
        page.with(|page| match page {
            Some(AppRoute::App { app, .. }) => Some(app.clone()),
            _ => None,
        })
    });
    // Watched on every page while any application holds its key, the connect form and another
    // application's lock screen included.
    let watch_idle = memo(move |_| session.any_connected());
    view! {
        {move || watch_idle.get().then(|| view! { <IdleLock /> }).into_any()}
        // Outside an application this reads the page as well, so a move between the connect form,
        // adding an application and an unknown address shows the new page.
        {move || match app.get() {
            Some(app_id) => app_view(app_id, page),
            None => page.with(|page| match page {
                None => view! { <NotFound /> }.into_any(),
                Some(route) => view! { <ConnectPage adding=*route == AppRoute::AddApp /> }.into_any(),
            }),
        }}
    }
}

/// The pages of one application, in its layout. Only a route of this application is shown in it.
fn app_view(app_id: String, page: Memo<Option<AppRoute>>) -> AnyView {
    let this_app = app_id.clone();
    let here = memo(move |_| page.with(|r| matches!(r, Some(AppRoute::App { app, .. }) if *app == this_app)));
    view! {
        <AppLayout app_id=app_id>
            {move || if here.get() { page.get().and_then(app_page) } else { None }}
        </AppLayout>
    }
    .into_any()
}

fn app_page(route: AppRoute) -> Option<AnyView> {
    let AppRoute::App { page, .. } = route else { return None };
    Some(match page {
        Page::Keys(_) => view! { <KeysPage /> }.into_any(),
        Page::Key(hash) => view! { <KeyDetailPage hash=hash /> }.into_any(),
        Page::EditKey { hash, fix } => view! { <EditKeyPage hash=hash fix=fix /> }.into_any(),
        Page::Audit => view! { <AuditPage /> }.into_any(),
        Page::Roll { keys } => view! { <RollPage keys=keys /> }.into_any(),
        Page::NewKey { from } => view! { <NewKeyPage from=from /> }.into_any(),
        Page::Restore => view! { <RestorePage /> }.into_any(),
        Page::Secured => view! { <SecuredPage /> }.into_any(),
        Page::Compare { with } => view! { <ComparePage with=with /> }.into_any(),
        Page::Copy { to, keys } => view! { <CopyPage to=to keys=keys /> }.into_any(),
        Page::Export { keys } => view! { <ExportPage keys=keys /> }.into_any(),
        Page::Import => view! { <ImportPage /> }.into_any(),
    })
}
