use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::components::{FieldError, Now};
use crate::keys::expiry::Unit;
use crate::keys::form::{ExpiryInput, ExpiryMode};
use crate::keys::format::{expiry, utc};
use crate::keys::seconds_left;

/// Never, a duration from the save, or a date and time; with the instant that results.
#[component]
pub fn ExpiryPicker(
    value: RwSignal<ExpiryInput>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let now = expect_context::<Now>();
    let change = move |f: &dyn Fn(&mut ExpiryInput)| value.update(|input| f(input));
    let mode = move || value.with(|v| v.mode);
    let radio = move |m: ExpiryMode, id: &'static str, label: &'static str| {
        view! {
            <label class="radio" for=id>
                <input
                    type="radio"
                    name="expiry"
                    id=id
                    prop:checked=move || mode() == m
                    on:change=move |_| change(&|v| v.mode = m)
                />
                {label}
            </label>
        }
    };
    let result = move || {
        let at = match value.with(ExpiryInput::to_expiry) {
            Ok(expiry) => expiry.instant(now.ms()),
            Err(_) => return String::new(),
        };
        match at {
            None => "The key will never expire.".to_owned(),
            Some(at) => {
                format!("The key will expire at {} ({}).", utc(at), expiry(seconds_left(Some(at), now.ms())))
            }
        }
    };
    view! {
        <fieldset class="field expiry-picker" aria-describedby="expiry-result expiry-error">
            <legend>"Expiry"</legend>
            {radio(ExpiryMode::Never, "expiry-never", "Never")}
            <div class="inline">
                {radio(ExpiryMode::After, "expiry-after", "After")}
                <input
                    class="amount"
                    aria-label="Duration"
                    inputmode="numeric"
                    disabled=move || mode() != ExpiryMode::After
                    prop:value=move || value.with(|v| v.amount.clone())
                    on:input=move |ev| {
                        let amount = event_target_value(&ev);
                        change(&|v| v.amount = amount.clone());
                    }
                />
                <select
                    aria-label="Duration unit"
                    disabled=move || mode() != ExpiryMode::After
                    prop:value=move || value.with(|v| v.unit.as_str())
                    on:change=move |ev| {
                        let unit = Unit::parse(&event_target_value(&ev));
                        change(&|v| v.unit = unit);
                    }
                >
                    {Unit::ALL.map(|u| view! { <option value=u.as_str()>{u.as_str()}</option> })}
                </select>
            </div>
            <div class="inline">
                {radio(ExpiryMode::At, "expiry-at", "At")}
                <input
                    type="datetime-local"
                    aria-label="Expiry date and time"
                    disabled=move || mode() != ExpiryMode::At
                    prop:value=move || value.with(|v| v.at_ms.map(local_input).unwrap_or_default())
                    on:change=move |ev| {
                        let at = parse_local(&event_target_value(&ev));
                        change(&|v| v.at_ms = at);
                    }
                />
            </div>
            <p id="expiry-result" class="hint" aria-live="polite">{result}</p>
            <FieldError id="expiry-error" message=error />
        </fieldset>
    }
}

/// An instant as the `datetime-local` input shows it, in the browser's time zone.
fn local_input(ms: f64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(ms));
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes()
    )
}

/// The `datetime-local` value as an instant; `None` when empty or not understood.
fn parse_local(text: &str) -> Option<f64> {
    let ms = js_sys::Date::new(&JsValue::from_str(text)).get_time();
    (!text.is_empty() && ms.is_finite()).then_some(ms)
}
