use leptos::prelude::*;

use crate::acl;
use crate::audit::rules::{Finding, summary};
use crate::components::Now;
use crate::keys::format::{ago, count, expiry, utc};
use crate::keys::seconds_left;

const CHIPS_SHOWN: usize = 3;

/// ACLs as chips; past a few, the rest are counted.
#[component]
pub fn AclChips(acl: Vec<String>) -> impl IntoView {
    let more = acl.len().saturating_sub(CHIPS_SHOWN);
    let all = acl.join(", ");
    let chips = acl
        .into_iter()
        .take(CHIPS_SHOWN)
        .map(|name| {
            let meaning = acl::meaning(&name);
            view! { <li class="chip" title=meaning>{name}</li> }
        })
        .collect_view();
    view! {
        <ul class="chips" aria-label=format!("ACL: {all}")>
            {chips}
            {(more > 0).then(|| view! { <li class="chip more" title=all.clone()>{format!("+{more}")}</li> })}
        </ul>
    }
}

/// When a key was created, relative, with the exact time on hover and on keyboard focus.
#[component]
pub fn CreatedAt(at_ms: Option<f64>) -> impl IntoView {
    match at_ms {
        None => view! { <span class="muted">"unknown"</span> }.into_any(),
        Some(at) => {
            let exact = utc(at);
            view! {
                <time class="has-tip" tabindex="0" datetime=exact.clone() data-tip=exact.clone() title=exact>
                    {ago(js_sys::Date::now() - at)}
                </time>
            }
            .into_any()
        }
    }
}

/// A live countdown to a key's expiry: "never", "in 3 h 12 min", "expired".
#[component]
pub fn ExpiresIn(expires_at_ms: Option<f64>) -> impl IntoView {
    let now = expect_context::<Now>().0;
    let left = move || seconds_left(expires_at_ms, now.get());
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
