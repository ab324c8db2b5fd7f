use leptos::prelude::*;

use crate::acl;
use crate::audit::rules::{Finding, summary};
use crate::components::{InTableRow, Now, in_table_row, tab_index};
use crate::keys::format::{ago, ago_short, count, expiry, expiry_short, utc};
use crate::keys::{chips_that_fit, seconds_left};

/// Outside the keys table (where chips wrap), the chips shown before the rest are counted.
const CHIPS_SHOWN: usize = 3;

/// ACLs as chips; those left out are counted in a "+N" chip that lists them on hover and focus.
/// In a keys table row, as many as fit the cell whole.
#[component]
pub fn AclChips(acl: Vec<String>) -> impl IntoView {
    let all = acl.join(", ");
    let label = format!("ACL: {all}");
    let room = use_context::<InTableRow>().map(|row| row.acl_room);
    let chips = move || {
        let shown = room.map_or(CHIPS_SHOWN, |room| room.with(|room| chips_that_fit(&acl, *room as f64)));
        let more = acl.len().saturating_sub(shown);
        let chips = acl
            .iter()
            .take(shown)
            .map(|name| view! { <li class="chip" title=acl::meaning(name)>{name.clone()}</li> })
            .collect_view();
        let rest = (more > 0).then(|| {
            let hidden = acl[shown..].join(", ");
            view! { <li class="chip more has-tip" tabindex=tab_index(Some("0")) title=hidden.clone() data-tip=hidden>{format!("+{more}")}</li> }
        });
        (chips, rest)
    };
    view! { <ul class="chips" aria-label=label>{move || chips().into_any()}</ul> }
}

/// When a key was created, relative, with the exact time on hover and on keyboard focus. In a
/// table row, in the short form that fits its column.
#[component]
pub fn CreatedAt(at_ms: Option<f64>) -> impl IntoView {
    let ago = if in_table_row() { ago_short } else { ago };
    match at_ms {
        None => view! { <span class="muted">"unknown"</span> }.into_any(),
        Some(at) => {
            let exact = utc(at);
            view! {
                <time class="has-tip" tabindex=tab_index(Some("0")) datetime=exact.clone() data-tip=exact.clone() title=exact>
                    {ago(js_sys::Date::now() - at)}
                </time>
            }
            .into_any()
        }
    }
}

/// A live countdown to a key's expiry: "never", "in 3 h 12 min", "expired" ("3 h 12 min" in a
/// table row).
#[component]
pub fn ExpiresIn(expires_at_ms: Option<f64>) -> impl IntoView {
    let expiry = if in_table_row() { expiry_short } else { expiry };
    let now = expect_context::<Now>();
    let left = move || seconds_left(expires_at_ms, now.ms());
    let exact = expires_at_ms.map(utc);
    view! {
        <span
            class="expiry"
            class:expired=move || left() == Some(0)
            class:soon=move || left().is_some_and(|s| s > 0 && s < 86_400)
            title=exact
        >
            {move || expiry(left())}
        </span>
    }
}

/// The most severe finding and how many there are, with every finding's title on hover.
#[component]
pub fn FindingsBadge(findings: Vec<Finding>) -> impl IntoView {
    let Some((worst, n)) = summary(&findings) else {
        return view! { <span class="muted" aria-label="No findings">"—"</span> }.into_any();
    };
    let titles: Vec<&str> = findings.iter().map(|f| f.rule.rule().title).collect();
    let label = format!("{}, most severe {}: {}", count(n, "finding"), worst.name(), titles.join("; "));
    view! {
        <span class=format!("severity {}", worst.name()) role="img" aria-label=label.clone() title=label>
            {format!("{} · {n}", worst.name())}
        </span>
    }
    .into_any()
}
