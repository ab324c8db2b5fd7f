use std::time::Duration;

use leptos::prelude::*;

/// The current time, ticking every second, for countdowns. Only what reads it re-renders.
#[derive(Clone, Copy)]
pub struct Now(pub RwSignal<f64>);

/// Starts the clock for the current view; it stops when the view goes away.
pub fn provide_clock() -> Now {
    let now = Now(RwSignal::new(js_sys::Date::now()));
    if let Ok(handle) =
        set_interval_with_handle(move || now.0.set(js_sys::Date::now()), Duration::from_secs(1))
    {
        on_cleanup(move || handle.clear());
    }
    provide_context(now);
    now
}
