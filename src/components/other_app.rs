use leptos::prelude::*;

use crate::routes::{AppRoute, Page};
use crate::session::{Connection, Session};

/// A choice of another application of this tab, for a page that works on two (a comparison, a
/// copy): the select, then `children` with the chosen one once it is connected, or why it cannot
/// be used yet and the way to fix that.
#[component]
pub fn OtherApp(
    /// The select's label: "Compare with", "Copy to".
    label: &'static str,
    /// What the page does with the other application, after "to": "compare with it".
    purpose: &'static str,
    /// The application chosen, by ID, from the page's address.
    chosen: Option<String>,
    /// Goes to the page for another choice.
    on_choose: Callback<String>,
    children: Callback<Connection, AnyView>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let this = expect_context::<Connection>().app_id();
    let others = move || {
        session.apps.with(|apps| apps.iter().filter(|app| app.app_id() != this).copied().collect::<Vec<_>>())
    };
    let selected = chosen.clone().unwrap_or_default();
    let options = {
        let others = others.clone();
        move || {
            others()
                .into_iter()
                .map(|app| {
                    let id = app.app_id();
                    let on = id == selected;
                    view! { <option value=id selected=on>{app.name()}</option> }
                })
                .collect_view()
        }
    };
    let none_chosen = chosen.is_none();
    // The chosen application once it can be used; otherwise why not, with a link that fixes it.
    let body = move || {
        let blocked = match chosen.as_deref().map(|id| (id, session.find(id))) {
            None if others().is_empty() => {
                ("This needs a second application. ".to_owned(), AppRoute::AddApp, "Add an application")
            }
            None => return view! { <p class="muted">"Choose an application."</p> }.into_any(),
            Some((id, None)) => (
                format!("This tab is not connected to the application {id}. "),
                AppRoute::AddApp,
                "Connect it",
            ),
            Some((_, Some(other))) if other.client().is_some() => return children.run(other),
            Some((_, Some(other))) => {
                (format!("{} is locked. ", other.name()), other.at(Page::keys()), "Unlock it")
            }
        };
        let (why, route, action) = blocked;
        view! { <p>{why} <a href=route.href()>{action}</a> {format!(" to {purpose}.")}</p> }.into_any()
    };
    view! {
        <div class="field other-app">
            <label for="other-app">{label}</label>
            <select id="other-app" on:change=move |ev| on_choose.run(event_target_value(&ev))>
                <option value="" selected=none_chosen>"Choose an application"</option>
                {options}
            </select>
        </div>
        {body}
    }
}
