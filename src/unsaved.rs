//! Whether a form has changes not yet saved, so that leaving it through the app asks first.

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Unsaved(pub RwSignal<bool>);

impl Unsaved {
    /// True when there is nothing to lose, or the user agrees to lose it.
    pub fn confirm_leave(self) -> bool {
        !self.0.get_untracked()
            || window().confirm_with_message("Leave this form? Your changes will be lost.").unwrap_or(false)
    }
}
