use std::time::Duration;

use leptos::prelude::*;
use send_wrapper::SendWrapper;

use crate::components::clock::seconds;
use crate::session::Session;

const ACTIVITY: &[&str] = &["pointerdown", "pointermove", "keydown", "wheel", "touchstart"];

/// Locks every application of the session (forgetting their admin keys, keys and trays) after the
/// configured idle time without keyboard, pointer or wheel activity.
#[component]
pub fn IdleLock() -> impl IntoView {
    let session = expect_context::<Session>();
    let last_activity = StoredValue::new(seconds());
    let listeners: Vec<_> = ACTIVITY
        .iter()
        .map(|name| window_event_listener_untyped(name, move |_| last_activity.set_value(seconds())))
        .collect();
    let check = move || {
        // A tick can still come once locking has taken this component away: it has nothing to do.
        let Some(last) = last_activity.try_get_value() else { return };
        // Strictly more: both times are whole seconds, so this is at least the idle time in full.
        if seconds().saturating_sub(last) > session.idle_minutes.get_untracked() * 60 {
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
