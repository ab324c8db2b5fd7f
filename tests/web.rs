//! Component tests in headless Chromium: each mounts a component into a fresh element, acts on it
//! as a person would, lets the reactive system settle, and reads the DOM.
#![cfg(target_arch = "wasm32")]

use std::sync::Arc;

use keys_console::algolia::ApiKey;
use keys_console::audit::rules::Findings;
use keys_console::components::{AclChips, ExpiresIn, FieldError, KeyTable, KeyValue, Now, TextField};
use keys_console::keys::{KeyRow, Load, Shown, Sort, ViewState};
use keys_console::reactive::memo;
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element to mount into, in a page that has the app's stylesheet.
fn container() -> HtmlElement {
    if document().get_element_by_id("app-style").is_none() {
        let style = document().create_element("style").unwrap();
        style.set_id("app-style");
        style.set_text_content(Some(include_str!("../style/main.css")));
        document().head().unwrap().append_child(&style).unwrap();
    }
    let el = document().create_element("section").unwrap().unchecked_into::<HtmlElement>();
    document().body().unwrap().append_child(&el).unwrap();
    el
}

fn button(el: &HtmlElement, text: &str) -> HtmlElement {
    let list = el.query_selector_all("button").unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into::<HtmlElement>())
        .find(|b| b.text_content().is_some_and(|t| t.starts_with(text)))
        .expect(text)
}

const VALUE: &str = "0123456789abcdef0123456789abcdef";

#[wasm_bindgen_test]
async fn a_key_value_is_masked_until_revealed() {
    let el = container();
    leptos::mount::mount_to(el.clone(), || view! { <KeyValue value=VALUE /> }).forget();
    tick().await;
    let text = el.text_content().unwrap();
    assert!(text.contains("0123••••••••cdef"), "{text}");
    assert!(!text.contains(VALUE));

    button(&el, "Reveal").click();
    tick().await;
    assert!(el.text_content().unwrap().contains(VALUE));
    assert_eq!(button(&el, "Hide").get_attribute("aria-pressed").as_deref(), Some("true"));

    button(&el, "Hide").click();
    tick().await;
    assert!(!el.text_content().unwrap().contains(VALUE));
}

#[wasm_bindgen_test]
async fn a_field_error_is_empty_until_there_is_one() {
    let el = container();
    let message = RwSignal::new(None::<String>);
    leptos::mount::mount_to(el.clone(), move || view! { <FieldError id="e" message=message /> }).forget();
    tick().await;
    let p = el.query_selector("#e").unwrap().unwrap();
    assert_eq!(p.text_content().unwrap(), "");
    message.set(Some("Enter the admin API key.".into()));
    tick().await;
    assert_eq!(p.text_content().unwrap(), "Enter the admin API key.");
}

#[wasm_bindgen_test]
async fn a_text_field_is_labelled_bound_and_described_by_its_error() {
    let el = container();
    let value = RwSignal::new(String::from("abc"));
    let error = RwSignal::new(None::<String>);
    leptos::mount::mount_to(el.clone(), move || {
        view! { <TextField id="token" label="Token" value=value error=error password=true /> }
    })
    .forget();
    tick().await;
    let input: web_sys::HtmlInputElement = el.query_selector("input").unwrap().unwrap().dyn_into().unwrap();
    let label = el.query_selector("label").unwrap().unwrap();
    assert_eq!(label.get_attribute("for").as_deref(), Some("token"));
    assert_eq!(label.text_content().unwrap(), "Token");
    assert_eq!(input.id(), "token");
    assert_eq!(input.type_(), "password");
    assert_eq!(input.value(), "abc");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("false"));
    let described_by = input.get_attribute("aria-describedby").unwrap();
    assert!(el.query_selector(&format!("#{described_by}")).unwrap().is_some());

    input.set_value("abcd");
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    assert_eq!(value.get_untracked(), "abcd");
    error.set(Some("Not a key.".into()));
    tick().await;
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        el.query_selector(&format!("#{described_by}")).unwrap().unwrap().text_content().unwrap(),
        "Not a key."
    );
}

#[wasm_bindgen_test]
async fn acl_chips_count_what_they_do_not_show() {
    let el = container();
    let acl: Vec<String> =
        ["search", "browse", "addObject", "deleteObject", "logs"].map(String::from).to_vec();
    leptos::mount::mount_to(el.clone(), move || view! { <AclChips acl=acl.clone() /> }).forget();
    tick().await;
    assert_eq!(el.query_selector_all("li").unwrap().length(), 4);
    assert!(el.text_content().unwrap().ends_with("+2"));
    let list = el.query_selector("ul").unwrap().unwrap();
    assert_eq!(
        list.get_attribute("aria-label").unwrap(),
        "ACL: search, browse, addObject, deleteObject, logs"
    );
}

#[wasm_bindgen_test]
async fn expiry_counts_down_with_the_clock() {
    let el = container();
    let now = Now(RwSignal::new(1_000));
    leptos::mount::mount_to(el.clone(), move || {
        provide_context(now);
        view! {
            <ExpiresIn expires_at_ms=Some(1_000_000.0 + 90_000.0) />
            <ExpiresIn expires_at_ms=None />
        }
    })
    .forget();
    tick().await;
    assert_eq!(el.text_content().unwrap(), "in 1 min 30 snever");
    now.0.set(1_000 + 89);
    tick().await;
    assert_eq!(el.text_content().unwrap(), "in 1 snever");
    now.0.set(1_000 + 91);
    tick().await;
    assert_eq!(el.text_content().unwrap(), "expirednever");
    assert!(el.query_selector(".expired").unwrap().is_some());
}

fn shown(count: usize) -> Shown {
    let rows: Vec<KeyRow> = (0..count)
        .map(|i| {
            let key = ApiKey {
                value: format!("{i:032x}"),
                description: format!("key {i:05}"),
                acl: vec!["search".into()],
                created_at_ms: Some(i as f64 * 1000.0),
                ..ApiKey::default()
            };
            KeyRow::new(key, 0.0)
        })
        .collect();
    Shown::new(Arc::new(Load::new(rows)), Findings::default(), &ViewState::default(), 0.0)
}

fn mount_table(el: &HtmlElement, data: Shown, on_sort: Callback<Sort>) {
    leptos::mount::mount_to(el.clone(), move || {
        provide_context(Now(RwSignal::new(0)));
        let shown = memo(move |_| data.clone());
        let view_state = memo(|_| ViewState::default());
        let on_open = Callback::new(|_| ());
        let selected = RwSignal::new(Default::default());
        let key_href = Callback::new(|hash| format!("/apps/APP/keys/{hash}"));
        view! {
            <KeyTable
                shown=shown
                view_state=view_state
                on_sort=on_sort
                on_open=on_open
                key_href=key_href
                selected=selected
            />
        }
    })
    .forget();
}

#[wasm_bindgen_test]
async fn the_table_renders_only_the_rows_in_view() {
    let el = container();
    let sorted = RwSignal::new(None::<Sort>);
    mount_table(&el, shown(5_000), Callback::new(move |sort| sorted.set(Some(sort))));
    tick().await;
    let table = el.query_selector("table").unwrap().unwrap();
    assert_eq!(table.get_attribute("aria-rowcount").as_deref(), Some("5001"));
    let rendered = el.query_selector_all("tbody tr:not(.spacer)").unwrap().length();
    assert!((1..100).contains(&rendered), "{rendered} rows rendered for 5,000 keys");
    let first = el.query_selector("tbody tr:not(.spacer)").unwrap().unwrap();
    assert!(first.text_content().unwrap().contains("key 04999"), "newest first");
    assert_eq!(first.get_attribute("aria-rowindex").as_deref(), Some("2"));

    button(&el, "Description").click();
    tick().await;
    assert_eq!(sorted.get_untracked(), Some(Sort::Description));
    let header = el.query_selector("th[aria-sort='descending']").unwrap().unwrap();
    assert!(header.text_content().unwrap().starts_with("Created"));
}

#[wasm_bindgen_test]
async fn scrolling_the_table_renders_the_rows_that_come_into_view() {
    let el = container();
    mount_table(&el, shown(5_000), Callback::new(|_| ()));
    tick().await;
    let scroller = el.query_selector(".table-scroll").unwrap().unwrap().unchecked_into::<HtmlElement>();
    scroller.set_scroll_top(56 * 2_500);
    scroller.dispatch_event(&web_sys::Event::new("scroll").unwrap()).unwrap();
    tick().await;
    let text = scroller.text_content().unwrap();
    assert!(text.contains("key 02499"), "the rows around the middle are rendered");
    assert!(!text.contains("key 04999"), "the first rows are gone");
}

/// In the browser, text beyond ASCII is lower-cased by `toLowerCase`, as Rust's own tables would.
#[wasm_bindgen_test]
fn lower_casing_beyond_ascii_matches_rust() {
    for text in ["Clé ÉTÉ", "Straße", "ΣΑΣ", "İstanbul", "Prod_KEY"] {
        assert_eq!(keys_console::text::lowercase(text), text.to_lowercase(), "{text}");
    }
}
