use leptos::prelude::*;

use crate::components::ConfirmDialog;
use crate::router::{Nav, use_go};
use crate::routes::{AppRoute, Page};
use crate::session::{Connection, Session};
use crate::unsaved::Unsaved;

/// The bar above every page of an application: which application, in its label and colour, the
/// others connected in this tab, a way to add one, and the way out.
#[component]
pub fn Header(app: Connection) -> impl IntoView {
    let session = expect_context::<Session>();
    let go = use_go();
    let unsaved = use_context::<Unsaved>();
    let may_leave = move || unsaved.is_none_or(Unsaved::confirm_leave);
    let asking = RwSignal::new(false);
    let forget = {
        let (go, app_id) = (go.clone(), app.app_id());
        move |all: bool| {
            asking.set(false);
            if all {
                session.forget_all();
            } else {
                session.forget(&app_id);
            }
            let next = session.apps.with_untracked(|apps| apps.first().map(|a| a.at(Page::keys())));
            go(next.unwrap_or(AppRoute::Connect), Nav { replace: true, ..Nav::default() });
        }
    };
    let sign_out = {
        let forget = forget.clone();
        move |_| {
            if !may_leave() {
                return;
            }
            // With one application there is nothing to choose.
            if session.apps.with_untracked(Vec::len) > 1 {
                asking.set(true);
            } else {
                forget(true);
            }
        }
    };
    let forget_all = Callback::new({
        let forget = forget.clone();
        move |()| forget(true)
    });
    let current = app.app_id();
    let others = move || {
        session.apps.with(|apps| {
            apps.iter()
                .map(|other| {
                    let here = (other.app_id() == current).then_some("page");
                    view! {
                        <li>
                            <a
                                href=other.at(Page::keys()).href()
                                class=format!("app-switch colour-{}", other.colour().name())
                                aria-current=here
                                title=other.app_id()
                            >
                                {other.label()}
                            </a>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let name = app.name();
    view! {
        <header class=format!("app-header colour-{}", app.colour().name())>
            <a href=app.at(Page::keys()).href() class="brand">
                "Keys console"
            </a>
            <span class="app-label">{app.label()}</span>
            <span class="app-id" title="Application ID">{app.app_id()}</span>
            <nav class="app-switcher" aria-label="Applications">
                <ul>{move || others().into_any()}</ul>
            </nav>
            {move || {
                (session.apps.with(Vec::len) > 1)
                    .then(|| {
                        view! {
                            <a href=app.at(Page::Compare { with: None }).href() class="button secondary small">
                                "Compare"
                            </a>
                        }
                    })
                    .into_any()
            }}
            <a href=AppRoute::AddApp.href() class="button secondary small">"Add application"</a>
            <span class="spacer"></span>
            <button type="button" class="secondary" on:click=sign_out>"Sign out"</button>
            <ConfirmDialog
                open=asking
                title="Sign out"
                confirm_label=format!("Forget all {} applications", session.apps.with_untracked(Vec::len))
                on_confirm=forget_all
                busy=Signal::stored(false)
            >
                <p>"Forget only this application, or every application connected in this tab?"</p>
                <p>
                    <button type="button" class="secondary" on:click={
                        let forget = forget.clone();
                        move |_| forget(false)
                    }>{format!("Forget only {name}")}</button>
                </p>
            </ConfirmDialog>
        </header>
    }
}
