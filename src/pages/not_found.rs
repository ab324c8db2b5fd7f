use leptos::prelude::*;

use crate::routes::AppRoute;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <main class="page narrow">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address."</p>
            <a href=AppRoute::Connect.href()>"Go to the start"</a>
        </main>
    }
}
