use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlElement;

/// A modal confirmation. The native `<dialog>` shown with `showModal` makes the rest of the page
/// inert (focus stays inside) and closes on Escape.
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
    Effect::new(move || {
        let Some(el) = dialog.get() else { return };
        match (open.get(), el.open()) {
            (true, false) => {
                let _ = el.show_modal();
            }
            (false, true) => el.close(),
            _ => {}
        }
    });
    let title_id =
        format!("dialog-{}", title.to_ascii_lowercase().replace(|c: char| !c.is_ascii_alphanumeric(), "-"));
    // A modal dialog lets Tab leave for the browser's own controls; keep it cycling inside instead.
    let trap_focus = move |event: KeyboardEvent| {
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
    };
    let labelled_by = title_id.clone();
    view! {
        <dialog
            node_ref=dialog
            class="dialog"
            aria-labelledby=labelled_by
            on:close=move |_| open.set(false)
            on:keydown=trap_focus
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
