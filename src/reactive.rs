//! How the app makes its effects.

use leptos::prelude::Effect;

/// Runs `f` now, and again whenever a signal it read changes, until the view that made it goes
/// away. This is `Effect::new` with the closure boxed: Leptos compiles an effect's machinery (an
/// async loop over its change notifications) once per closure type, and boxed it is compiled once
/// for the app. Every effect of the app is made here: `clippy.toml` forbids `Effect::new`.
pub fn effect(f: impl FnMut() + 'static) {
    let f: Box<dyn FnMut()> = Box::new(f);
    #[allow(clippy::disallowed_methods)]
    Effect::new(f);
}
