use std::sync::Arc;

use leptos::prelude::*;

use crate::components::{AclChips, DiffTable, KeyedList, OtherApp};
use crate::keys::KeyRow;
use crate::keys::compare::{Compared, Comparison, Group, changes};
use crate::reactive::{effect, memo, memo_with_compare};
use crate::router::{Nav, use_go};
use crate::routes::Page;
use crate::session::Connection;

/// Rows shown at first in each group, and added by each "Show more".
const PAGE: usize = 20;

/// This application's keys beside another's: a choice of the other application, then the
/// comparison once both are loaded.
#[component]
pub fn ComparePage(with: Option<String>) -> impl IntoView {
    let this = expect_context::<Connection>();
    let go = use_go();
    let on_choose = Callback::new(move |other: String| {
        let with = Some(other).filter(|o| !o.is_empty());
        go(Page::Compare { with }.of(&this.app_id()), Nav::default());
    });
    let comparing = Callback::new(move |other: Connection| view! { <Comparing a=this b=other /> }.into_any());
    view! {
        <main class="page wide">
            <h1>{format!("Compare {} with another application", this.label())}</h1>
            <p class="lead">
                "Keys are matched by description and, failing that, by identical settings. Key values are never compared or shown: each application has its own."
            </p>
            <OtherApp label="Compare with" purpose="compare with it" chosen=with on_choose children=comparing />
        </main>
    }
}

#[component]
fn Comparing(a: Connection, b: Connection) -> impl IntoView {
    // Both lists are read afresh: keys change in other tabs and in Algolia's dashboard, and a
    // comparison is worth only what its lists are. The last loads are compared meanwhile.
    for app in [a, b] {
        if let Some(client) = app.client() {
            app.store.load(client);
        }
    }
    // A new comparison each time either side loads; a keystroke only filters it.
    let compared = memo_with_compare(
        move |_| Some(Arc::new(Compared::new(a.store.rows.get()?, b.store.rows.get()?))),
        |_, _| true,
    );
    let search = RwSignal::new(String::new());
    let shown = memo(move |_| {
        compared.with(|c| c.as_ref().map(|c| search.with(|s| c.filter(s)))).unwrap_or_default()
    });
    let (label_a, label_b) = (a.label(), b.label());
    let groups = [
        (Group::OnlyA, format!("Only in {label_a}"), true),
        (Group::OnlyB, format!("Only in {label_b}"), true),
        (Group::Different, "In both, different".to_owned(), true),
        (Group::Same, "In both, the same".to_owned(), false),
    ]
    .map(|(group, title, on)| (group, title, RwSignal::new(on)));
    let toggles = groups.clone().map(|(group, title, on)| {
        view! {
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || on.get()
                    on:change=move |ev| on.set(event_target_checked(&ev))
                />
                {move || format!("{title} ({})", shown.with(|s| s.len(group)))}
            </label>
        }
    });
    let sections = groups.map(|(group, title, on)| {
        let names = (label_a.clone(), label_b.clone());
        move || {
            on.get().then(|| {
                view! { <Section group title=title.clone() apps=(a, b) names=names.clone() shown compared /> }
            })
        }
    });
    let failed = move || a.store.error.get().or_else(|| b.store.error.get());
    view! {
        <div class="toolbar">
            <div class="field search">
                <label for="compare-search">"Search"</label>
                <input
                    id="compare-search"
                    type="search"
                    placeholder="Description, ACL, index or referer"
                    prop:value=move || search.get()
                    on:input=move |ev| search.set(event_target_value(&ev))
                />
            </div>
            <fieldset class="groups">
                <legend>"Show"</legend>
                {toggles}
            </fieldset>
        </div>
        {move || failed().map(|error| view! { <p class="banner error" role="alert">{error}</p> })}
        {move || {
            compared.with(Option::is_none)
                .then(|| view! { <p class="muted" role="status">"Loading both applications' keys…"</p> })
        }}
        {sections}
    }
}

/// One group of the comparison: a heading with its count, then its keys, a page at a time. A key
/// links to its page in its application; a pair that differs lists how.
#[component]
fn Section(
    group: Group,
    title: String,
    apps: (Connection, Connection),
    names: (String, String),
    shown: Memo<Comparison>,
    compared: Memo<Option<Arc<Compared>>>,
) -> impl IntoView {
    let limit = RwSignal::new(PAGE);
    let total = move || shown.with(|s| s.len(group));
    // The keys of a one-sided group can be copied to the other application: those ticked (their
    // hashes, in the order ticked), or all those shown. A reload clears the ticks.
    let one_sided = matches!(group, Group::OnlyA | Group::OnlyB);
    let (source, target) = if group == Group::OnlyB { (apps.1, apps.0) } else { (apps.0, apps.1) };
    let selected = RwSignal::new(Vec::<String>::new());
    effect(move || {
        compared.track();
        selected.set(Vec::new());
    });
    let go = use_go();
    let copy = move |_| {
        let Some(c) = compared.get_untracked() else { return };
        let rows = if group == Group::OnlyB { &c.b } else { &c.a };
        let mut keys = selected.get_untracked();
        if keys.is_empty() {
            keys = shown
                .with_untracked(|s| s.entries(group, usize::MAX))
                .into_iter()
                .filter_map(|(i, j)| i.or(j))
                .map(|at| rows[at].hash().to_owned())
                .collect();
        }
        go(Page::Copy { to: Some(target.app_id()), keys }.of(&source.app_id()), Nav::default());
    };
    let copy_label = {
        let target = target.label();
        move || match selected.with(Vec::len) {
            0 => format!("Copy all {} to {target}", total()),
            n => format!("Copy {n} selected to {target}"),
        }
    };
    // Rows are kept by key while the search narrows or widens the group: a keystroke builds only
    // the rows that come into view. The key mixes in the comparison, so a reload builds them anew.
    let keys = Signal::derive(move || {
        let load = compared.with(|c| c.as_ref().map_or(0, |c| Arc::as_ptr(c) as u64));
        let position = |side: Option<usize>| side.map_or(0, |at| at as u64 + 1);
        shown.with(|s| {
            s.entries(group, limit.get())
                .into_iter()
                .map(|(i, j)| load.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ (position(i) << 32 | position(j)))
                .collect::<Vec<_>>()
        })
    });
    let row = Callback::new(move |(_, at): (u64, usize)| {
        let (Some(c), Some((i, j))) =
            (compared.get_untracked(), shown.with_untracked(|s| s.entry(group, at)))
        else {
            return ().into_any();
        };
        let link = |app: Connection, row: &KeyRow| {
            view! { <a href=app.at(Page::Key(row.hash().to_owned())).href()>{describe(row)}</a> }
        };
        let in_a = i.map(|i| link(apps.0, &c.a[i]));
        let in_b = j.map(|j| {
            let also = if i.is_some() { format!(" in {}: ", names.1) } else { String::new() };
            view! { <span class="muted">{also}</span> {link(apps.1, &c.b[j])} }
        });
        let at = i.or(j).unwrap_or_default();
        let key = &i.map_or(&c.b, |_| &c.a)[at];
        let pick = one_sided.then(|| {
            let hash = key.hash().to_owned();
            let ticked = hash.clone();
            view! {
                <input
                    type="checkbox"
                    aria-label=format!("Select {}", describe(key))
                    prop:checked=move || selected.with(|s| s.contains(&ticked))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        selected.update(|s| if on { s.push(hash.clone()) } else { s.retain(|h| *h != hash) });
                    }
                />
            }
        });
        // The table of differences is built when opened: a group lists many pairs.
        let differences = i.zip(j).filter(|_| group == Group::Different).map(|(i, j)| {
            let changes = changes(&c.a[i], &c.b[j]);
            let summary = match changes.len() {
                1 => format!("1 field differs: {}", changes[0].field),
                n => format!("{n} fields differ"),
            };
            let open = RwSignal::new(false);
            let names = names.clone();
            view! {
                <details class="pair-diff">
                    <summary on:click=move |_| open.update(|o| *o = !*o)>{summary}</summary>
                    {move || {
                        open.get().then(|| {
                            view! { <DiffTable changes=changes.clone() before=names.0.clone() after=names.1.clone() /> }
                        })
                    }}
                </details>
            }
        });
        view! {
            <li class="compare-row">
                {pick}
                <p>{in_a} {in_b}</p>
                <AclChips acl=key.key.acl.clone() />
                <span class="muted">{scope(key)}</span>
                {differences}
            </li>
        }
        .into_any()
    });
    let heading_id = format!("group-{group:?}");
    let labelled_by = heading_id.clone();
    let list_label = format!("{title}: keys");
    view! {
        <section class="compare-group" aria-labelledby=labelled_by>
            <h2 id=heading_id>{move || format!("{title} ({})", total())}</h2>
            {move || (total() == 0).then(|| view! { <p class="muted">"None."</p> })}
            <ul class="compare-list" aria-label=list_label>
                <KeyedList keys row />
            </ul>
            {move || {
                (one_sided && total() > 0)
                    .then(|| {
                        view! {
                            <button type="button" class="secondary" on:click=copy.clone()>
                                {copy_label.clone()}
                            </button>
                        }
                    })
            }}
            {move || {
                let left = total().saturating_sub(limit.get());
                (left > 0)
                    .then(|| {
                        view! {
                            <button type="button" class="secondary" on:click=move |_| limit.update(|l| *l += PAGE)>
                                {format!("Show {} more ({left} not shown)", left.min(PAGE))}
                            </button>
                        }
                    })
            }}
        </section>
    }
}

/// A key's description, or what stands for it.
fn describe(row: &KeyRow) -> String {
    if row.key.description.is_empty() { "(no description)".to_owned() } else { row.key.description.clone() }
}

/// The indices a key reaches, in words.
fn scope(row: &KeyRow) -> String {
    if row.key.indexes.is_empty() { "all indices".to_owned() } else { row.key.indexes.join(", ") }
}
