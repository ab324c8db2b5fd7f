//! Whether a form has changes not yet saved, so that leaving it asks first: through the app's links,
//! and through the browser's Back and Forward buttons.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

#[derive(Clone, Copy)]
pub struct Unsaved {
    dirty: RwSignal<bool>,
    /// The URL of the page with the unsaved changes.
    page: StoredValue<String>,
}

impl Unsaved {
    pub fn new() -> Self {
        Self { dirty: RwSignal::new(false), page: StoredValue::new(String::new()) }
    }

    /// Marks the current page as having unsaved changes, or none.
    pub fn set(self, dirty: bool) {
        if dirty && !self.dirty.get_untracked() {
            self.page.set_value(window().location().href().unwrap_or_default());
        }
        self.dirty.try_set(dirty);
    }

    /// True when there is nothing to lose, or the user agrees to lose it.
    pub fn confirm_leave(self) -> bool {
        !self.dirty.get_untracked()
            || window().confirm_with_message("Leave this form? Your changes will be lost.").unwrap_or(false)
    }

    /// Asks before Back or Forward leaves unsaved changes. It must be called before the router
    /// starts: listeners on the window run in the order they were added, so this one runs before
    /// the router's. If the user stays, the router never hears of the move, and the page's URL is
    /// pushed again so the address bar matches what is shown.
    pub fn guard_history(self) {
        let on_popstate = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            if !self.confirm_leave() {
                event.stop_immediate_propagation();
                if let Ok(history) = window().history() {
                    let page = self.page.get_value();
                    let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&page));
                }
            }
        });
        let _ = window().add_event_listener_with_callback("popstate", on_popstate.as_ref().unchecked_ref());
        // The app's whole life: the listener is never removed.
        on_popstate.forget();
    }
}

impl Default for Unsaved {
    fn default() -> Self {
        Self::new()
    }
}
