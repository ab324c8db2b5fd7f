use leptos::prelude::*;

use crate::router::use_go;
use crate::routes::AppRoute;
use crate::session::Session;
use crate::unsaved::Unsaved;

/// The bar above every signed-in page: which application, and the way out.
#[component]
pub fn Header(#[prop(into)] app_id: String) -> impl IntoView {
    let session = expect_context::<Session>();
    let go = use_go();
    let unsaved = use_context::<Unsaved>();
    let may_leave = move || unsaved.is_none_or(Unsaved::confirm_leave);
    let sign_out = move |_| {
        if !may_leave() {
            return;
        }
        session.sign_out();
        go(AppRoute::Connect, Default::default());
    };
    view! {
        <header class="app-header">
            <a href=AppRoute::keys().href() class="brand">
                "Keys console"
            </a>
            <span class="app-id" title="Application ID">{app_id}</span>
            <span class="spacer"></span>
            <button type="button" class="secondary" on:click=sign_out>"Sign out"</button>
        </header>
    }
}
