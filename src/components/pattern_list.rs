use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

use crate::components::FieldError;
use crate::keys::patterns;

/// Index or referer patterns as removable chips, with a field to add one, editing the caller's list
/// in place. A pattern is checked when added; a wrong one stays in the field with a message beside
/// it.
#[component]
pub fn PatternList(
    id: &'static str,
    label: &'static str,
    /// "index" or "referer", for messages.
    noun: &'static str,
    /// What an empty list means, e.g. "All indices".
    empty: &'static str,
    items: RwSignal<Vec<String>>,
    /// A message from validating the whole form.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Take every pattern as typed, for a caller that warns about odd ones instead (a secured key
    /// signs any text, as Algolia's helpers do).
    #[prop(optional)]
    unchecked: bool,
) -> impl IntoView {
    let draft = RwSignal::new(String::new());
    let local_error = RwSignal::new(None::<String>);
    let add = move || {
        let pattern = draft.get_untracked().trim().to_owned();
        if pattern.is_empty() {
            return;
        }
        match if unchecked { Ok(()) } else { patterns::validate(&pattern, noun) } {
            Ok(()) => {
                if !items.with_untracked(|list| list.contains(&pattern)) {
                    items.update(|list| list.push(pattern));
                }
                draft.set(String::new());
                local_error.set(None);
            }
            Err(message) => local_error.set(Some(message)),
        }
    };
    let on_keydown = move |event: KeyboardEvent| {
        if event.key() == "Enter" {
            event.prevent_default();
            add();
        }
    };
    let error_id = format!("{id}-error");
    let message = Signal::derive(move || local_error.get().or_else(|| error.get()));
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <ul class="chips editable" aria-label=format!("Chosen {noun} patterns")>
                {move || {
                    let list = items.get();
                    if list.is_empty() {
                        return view! { <li class="muted">{empty}</li> }.into_any();
                    }
                    list.into_iter()
                        .map(|pattern| {
                            let remove = pattern.clone();
                            view! {
                                <li class="chip">
                                    <code>{pattern.clone()}</code>
                                    <button
                                        type="button"
                                        class="chip-remove"
                                        aria-label=format!("Remove {pattern}")
                                        on:click=move |_| items.update(|list| list.retain(|p| *p != remove))
                                    >
                                        "×"
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
            </ul>
            <div class="with-button">
                <input
                    id=id
                    spellcheck="false"
                    autocomplete="off"
                    aria-invalid=move || message.with(Option::is_some).to_string()
                    aria-describedby=error_id.clone()
                    prop:value=move || draft.get()
                    on:input=move |ev| draft.set(event_target_value(&ev))
                    on:keydown=on_keydown
                />
                <button type="button" class="secondary" on:click=move |_| add()>
                    {format!("Add {noun}")}
                </button>
            </div>
            <FieldError id=error_id message=message />
        </div>
    }
}
