use leptos::prelude::*;
use leptos_router::components::A;

use crate::paths::href;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <main class="page narrow">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address."</p>
            <A href=href("/")>"Go to the start"</A>
        </main>
    }
}
