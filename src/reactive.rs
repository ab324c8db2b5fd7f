//! How the app makes its effects, memos and scoped tasks.
//!
//! Each is Leptos's own, with the closure or future boxed: Leptos compiles an effect's loop, a
//! memo's wrapper and a task's cancellation wrapper once per closure or future type, and boxed
//! they are compiled once for the app (a memo's once per value type). Every effect,
//! memo and scoped task of the app is made here: `clippy.toml` forbids the unboxed ones.
#![allow(clippy::disallowed_methods)]

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::{Effect, Memo};
use leptos::task::spawn_local_scoped_with_cancellation;

/// A memo's closure, boxed.
type MemoFn<T> = Box<dyn Fn(Option<&T>) -> T + Send + Sync>;

/// Runs `f` now, and again whenever a signal it read changes, until the view that made it goes
/// away: `Effect::new`.
pub fn effect(f: impl FnMut() + 'static) {
    let f: Box<dyn FnMut()> = Box::new(f);
    Effect::new(f);
}

/// A value worked out from signals, again only when one of them changes, whose readers hear of it
/// only when the new value differs: `Memo::new`. `f` gets the previous value.
pub fn memo<T: PartialEq + Send + Sync + 'static>(
    f: impl Fn(Option<&T>) -> T + Send + Sync + 'static,
) -> Memo<T> {
    let f: MemoFn<T> = Box::new(f);
    Memo::new(f)
}

/// A memo whose readers hear of a new value when `changed(old, new)` says so:
/// `Memo::new_with_compare`.
pub fn memo_with_compare<T: Send + Sync + 'static>(
    f: impl Fn(Option<&T>) -> T + Send + Sync + 'static,
    changed: fn(Option<&T>, Option<&T>) -> bool,
) -> Memo<T> {
    let f: MemoFn<T> = Box::new(f);
    Memo::new_with_compare(f, changed)
}

/// Runs `task` in the current reactive scope, and cancels it when the scope is cleaned up:
/// `spawn_local_scoped_with_cancellation`.
pub fn spawn_scoped(task: impl Future<Output = ()> + 'static) {
    let task: Pin<Box<dyn Future<Output = ()>>> = Box::pin(task);
    spawn_local_scoped_with_cancellation(task);
}
