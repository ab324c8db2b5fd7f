use leptos::prelude::*;

use crate::acl::{self, GROUPS, PRESETS};
use crate::components::FieldError;
use crate::keys::form::toggle_acl;

/// The permissions as checkboxes with a line each, grouped, with presets that fill them.
#[component]
pub fn AclPicker(
    selected: RwSignal<Vec<String>>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let groups = GROUPS
        .iter()
        .map(|(group, names)| {
            let boxes = names
                .iter()
                .map(|&name| {
                    let id = format!("acl-{name}");
                    let label_for = id.clone();
                    view! {
                        <div class="acl">
                            <input
                                type="checkbox"
                                id=id
                                aria-describedby=format!("acl-{name}-meaning")
                                prop:checked=move || selected.with(|s| s.iter().any(|a| a == name))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    selected.update(|list| toggle_acl(list, name, on));
                                }
                            />
                            <label for=label_for>
                                <code>{name}</code>
                            </label>
                            <span id=format!("acl-{name}-meaning") class="hint">{acl::meaning(name)}</span>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="acl-group">
                    <legend>{*group}</legend>
                    {boxes}
                </fieldset>
            }
        })
        .collect_view();
    let presets = PRESETS
        .iter()
        .map(|&(label, names)| {
            view! {
                <button
                    type="button"
                    class="secondary small"
                    on:click=move |_| selected.set(names.iter().map(|n| (*n).to_owned()).collect())
                >
                    {label}
                </button>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field permissions" aria-describedby="acl-error">
            <legend>"Permissions (ACL)"</legend>
            <div class="presets" role="group" aria-label="Presets">
                <span class="hint">"Presets:"</span>
                {presets}
            </div>
            <div class="acl-groups">{groups}</div>
            <FieldError id="acl-error" message=error />
        </fieldset>
    }
}
