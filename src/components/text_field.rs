use leptos::prelude::*;

use crate::components::FieldError;

/// A labelled one-line text field bound to a signal, with its error message under it when it can
/// have one, or a warning: a value that is accepted all the same, so the field is not marked
/// invalid. Key values, tokens and filters are not prose: no spellcheck, no autocomplete.
#[component]
pub fn TextField(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    /// What is wrong with the value, shown under the field and announced.
    #[prop(optional, into)]
    error: Option<Signal<Option<String>>>,
    /// What may be wrong with a value that is used anyway, shown under the field and announced.
    #[prop(optional, into)]
    warning: Option<Signal<Option<String>>>,
    #[prop(optional)] placeholder: &'static str,
    /// A secret: typed without being shown.
    #[prop(optional)]
    password: bool,
    /// A whole number: phones show a digit keypad.
    #[prop(optional)]
    numeric: bool,
) -> impl IntoView {
    let error_id = error.map(|_| format!("{id}-error"));
    let warning_id = warning.map(|_| format!("{id}-warning"));
    let described_by = error_id.clone().or_else(|| warning_id.clone());
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                type=if password { "password" } else { "text" }
                spellcheck="false"
                autocomplete="off"
                placeholder=(!placeholder.is_empty()).then_some(placeholder)
                inputmode=numeric.then_some("numeric")
                aria-describedby=described_by
                aria-invalid=move || error.is_some_and(|e| e.with(Option::is_some)).to_string()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            {error.zip(error_id).map(|(message, id)| view! { <FieldError id=id message=message /> })}
            {warning.zip(warning_id).map(|(message, id)| {
                view! { <p id=id class="hint warning-text" aria-live="polite">{move || message.get()}</p> }
            })}
        </div>
    }
}
