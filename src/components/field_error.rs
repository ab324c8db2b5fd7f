use leptos::prelude::*;

/// The message under a field, referenced by the field's `aria-describedby`. It is always in the
/// document, empty when the field is fine, so the reference never dangles.
#[component]
pub fn FieldError(#[prop(into)] id: String, #[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <p id=id class="field-error" aria-live="polite">
            {move || message.get()}
        </p>
    }
}
