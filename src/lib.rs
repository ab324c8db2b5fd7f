//! The keys console: a Leptos client-side app for managing an Algolia application's API keys.

pub mod algolia;
pub mod keys;

use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    view! { <p>"Keys console"</p> }
}
