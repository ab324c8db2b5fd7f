use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlElement;

use crate::keys::SHORTCUTS;
use crate::reactive::effect;

/// A modal confirmation.
#[component]
pub fn ConfirmDialog(
    open: RwSignal<bool>,
    #[prop(into)] title: String,
    #[prop(into)] confirm_label: String,
    on_confirm: Callback<()>,
    /// Disables the buttons while the confirmed action runs.
    #[prop(into)]
    busy: Signal<bool>,
    children: ChildrenFn,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    show_while(dialog, open);
    let title_id =
        format!("dialog-{}", title.to_ascii_lowercase().replace(|c: char| !c.is_ascii_alphanumeric(), "-"));
    let labelled_by = title_id.clone();
    view! {
        <dialog
            node_ref=dialog
            class="dialog"
            aria-labelledby=labelled_by
            on:close=move |_| open.set(false)
            on:keydown=move |event| trap_focus(dialog, &event)
        >
            <h2 id=title_id>{title}</h2>
            {move || open.get().then(|| children())}
            <div class="actions">
                <button type="button" class="danger" disabled=busy on:click=move |_| on_confirm.run(())>
                    {confirm_label}
                </button>
                <button type="button" class="secondary" autofocus disabled=busy on:click=move |_| open.set(false)>
                    "Cancel"
                </button>
            </div>
        </dialog>
    }
}

/// The keyboard shortcuts of the keys page, opened with `?`.
#[component]
pub fn ShortcutsDialog(open: RwSignal<bool>) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    show_while(dialog, open);
    let shortcuts = SHORTCUTS.map(|(keys, what)| view! { <dt><kbd>{keys}</kbd></dt><dd>{what}</dd> });
    view! {
        <dialog
            node_ref=dialog
            class="dialog"
            aria-labelledby="shortcuts-title"
            on:close=move |_| open.set(false)
            on:keydown=move |event| trap_focus(dialog, &event)
        >
            <h2 id="shortcuts-title">"Keyboard shortcuts"</h2>
            <dl class="shortcuts">{shortcuts}</dl>
            <div class="actions">
                <button type="button" autofocus on:click=move |_| open.set(false)>"Close"</button>
            </div>
        </dialog>
    }
}

/// Shows the dialog as a modal while `open` holds. The native `<dialog>` shown with `showModal`
/// makes the rest of the page inert and closes on Escape (its `close` event then resets `open`).
fn show_while(dialog: NodeRef<html::Dialog>, open: RwSignal<bool>) {
    effect(move || {
        let Some(el) = dialog.get() else { return };
        match (open.get(), el.open()) {
            (true, false) => {
                let _ = el.show_modal();
            }
            (false, true) => el.close(),
            _ => {}
        }
    });
}

/// A modal dialog lets Tab leave for the browser's own controls; this keeps it cycling inside.
fn trap_focus(dialog: NodeRef<html::Dialog>, event: &KeyboardEvent) {
    if event.key() != "Tab" {
        return;
    }
    let Some(el) = dialog.get_untracked() else { return };
    let Ok(list) = el.query_selector_all("button:not([disabled]), input:not([disabled]), a[href]") else {
        return;
    };
    let (Some(first), Some(last)) = (list.item(0), list.item(list.length().saturating_sub(1))) else {
        return;
    };
    let active: Option<JsValue> = document().active_element().map(Into::into);
    let is = |node: &web_sys::Node| active.as_ref() == Some(node.as_ref());
    let target = match event.shift_key() {
        false if is(&last) => first,
        true if is(&first) => last,
        _ => return,
    };
    if let Ok(target) = target.dyn_into::<HtmlElement>() {
        event.prevent_default();
        let _ = target.focus();
    }
}
