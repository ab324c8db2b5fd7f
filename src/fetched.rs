//! A value fetched once for a view: the view reads `None` until it arrives, and the fetch is dropped
//! if the view goes first (a request made through the client is then aborted). Lighter than
//! `LocalResource`, whose refetching and suspense this console does not use, and whose machinery
//! cost the bundle several kilobytes.

use std::future::Future;

use leptos::prelude::*;

use crate::reactive::spawn_scoped;

/// Starts `fetch` now, under the current reactive owner.
pub fn fetch_once<T: Send + Sync + 'static>(
    fetch: impl Future<Output = Option<T>> + 'static,
) -> ReadSignal<Option<T>> {
    let (value, set_value) = signal(None);
    spawn_scoped(async move {
        if let Some(fetched) = fetch.await {
            set_value.try_set(Some(fetched));
        }
    });
    value
}
