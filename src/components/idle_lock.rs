use std::time::Duration;

use leptos::prelude::*;
use send_wrapper::SendWrapper;

use crate::session::Session;

const ACTIVITY: &[&str] = &["pointerdown", "pointermove", "keydown", "wheel", "touchstart"];

/// Locks every application of the session (forgetting their admin keys, keys and trays) after the
/// configured idle time without keyboard, pointer or wheel activity.
#[component]
pub fn IdleLock() -> impl IntoView {
    let session = expect_context::<Session>();
    let last_activity = StoredValue::new(js_sys::Date::now());
    let listeners: Vec<_> = ACTIVITY
        .iter()
        .map(|name| {
            window_event_listener_untyped(name, move |_| last_activity.set_value(js_sys::Date::now()))
        })
        .collect();
    let check = move || {
        // A tick can still come once locking has taken this component away: it has nothing to do.
        let Some(last) = last_activity.try_get_value() else { return };
        // At most 1440 minutes (`parse_idle_minutes`): exact as an `f64`.
        let idle_ms = session.idle_minutes.get_untracked() as f64 * 60_000.0;
        if js_sys::Date::now() - last >= idle_ms {
            session.lock_all();
        }
    };
    let interval = set_interval_with_handle(check, Duration::from_secs(5)).ok();
    let listeners = SendWrapper::new(listeners);
    on_cleanup(move || {
        listeners.take().into_iter().for_each(|l| l.remove());
        if let Some(interval) = interval {
            interval.clear();
        }
    });
}
