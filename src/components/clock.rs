use std::time::Duration;

use leptos::prelude::*;

/// The current time, ticking every second, for countdowns. Only what reads it re-renders.
///
/// Kept in whole seconds as a `usize` (enough until 2106), a signal type the app already has:
/// each value type a signal holds brings its own copy of the reactive machinery into the bundle.
#[derive(Clone, Copy)]
pub struct Now(pub RwSignal<usize>);

impl Now {
    /// The current time in milliseconds since the epoch, to the second; reading it subscribes.
    pub fn ms(self) -> f64 {
        self.0.get() as f64 * 1000.0
    }
}

/// The current time in whole seconds since the epoch.
pub fn seconds() -> usize {
    (js_sys::Date::now() / 1000.0) as usize
}

/// Starts the clock for the current view; it stops when the view goes away.
pub fn provide_clock() -> Now {
    let now = Now(RwSignal::new(seconds()));
    if let Ok(handle) = set_interval_with_handle(move || now.0.set(seconds()), Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }
    provide_context(now);
    now
}
