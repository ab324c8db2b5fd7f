use std::sync::Arc;

use leptos::ev;
use leptos::html;
use leptos::prelude::*;

use crate::components::{ConfirmDialog, DeletedTray, KeyTable, ShortcutsDialog, WriteProgress};
use crate::keys::format::unreadable_entries;
use crate::keys::{ExpiryFilter, Shown, Sort, ViewState, sorted};
use crate::operations::{Operations, Write, WriteStatus};
use crate::perf::mark;
use crate::reactive::{effect, memo};
use crate::router::{Nav, use_go, use_route};
use crate::routes::AppRoute;
use crate::routes::Page;
use crate::session::Connection;
use crate::store::KeyStore;

/// The keys list: search, filters and sort from the URL, and the table.
#[component]
pub fn KeysPage() -> impl IntoView {
    let store = expect_context::<KeyStore>();
    let app = expect_context::<Connection>();
    let ops = expect_context::<Operations>();
    // The last state the address gave: while the app moves to another page, the table keeps its
    // state rather than sorting ten thousand keys again for a default one.
    let route = use_route();
    let view_state = memo(move |last: Option<&ViewState>| {
        route.with(|route| match route {
            Some(AppRoute::App { page: Page::Keys(state), .. }) => state.clone(),
            _ => last.cloned().unwrap_or_default(),
        })
    });
    let go = use_go();
    let open_go = go.clone();
    let on_open = Callback::new(move |hash: String| open_go(app.at(Page::Key(hash)), Default::default()));
    let set_view = Callback::new(move |(state, replace): (ViewState, bool)| {
        go(app.at(Page::Keys(state)), Nav { replace, keep_scroll: true });
    });
    // Typing replaces the history entry; choosing a sort or a filter adds one, for back and forward.
    let update = move |replace: bool, change: &dyn Fn(&mut ViewState)| {
        let mut state = view_state.get_untracked();
        change(&mut state);
        set_view.run((state, replace));
    };

    // Sorting is done once per load and sort; a keystroke only filters the sorted order.
    // The audit's findings, computed once per load, feed the findings column, filter and sort.
    // The view state's sort alone (the rest at its defaults), in a type the page already keeps.
    let sort = memo(move |_| {
        view_state.with(|v| ViewState { sort: v.sort, descending: v.descending, ..ViewState::default() })
    });
    let findings = move || store.findings.get();
    // Every row in the sort's order, none filtered out: a `Shown` like the table's, which keeps
    // the findings only when it is sorted by them.
    let sorted_rows = memo(move |_| {
        let (by, descending) = sort.with(|s| (s.sort, s.descending));
        let rows = store.rows.get().unwrap_or_default();
        let findings = if by == Sort::Risk { findings() } else { Default::default() };
        let order = Arc::new(sorted(&rows, &findings, by, descending));
        mark("keys-sorted");
        Shown { rows, findings, order }
    });
    let shown = memo(move |_| {
        let state = view_state.get();
        let findings = findings();
        sorted_rows.with(|all| {
            Shown::from_sorted(all.rows.clone(), findings, &all.order, &state, js_sys::Date::now())
        })
    });
    let total = move || shown.with(|s| s.rows.len());
    // Whether there is a list and whether it is empty: what chooses the table. A memo, so a reload
    // keeps the table (its scroll, its keyboard focus) and only renders its rows afresh.
    let listing = memo(move |_| store.rows.with(|rows| rows.as_ref().map(|r| r.is_empty())));
    let acls_present = memo(move |_| {
        store.rows.with(|rows| {
            // A sorted insert: a sort or a BTreeSet would each bring code of their own into the
            // bundle, for a few dozen names.
            let mut names: Vec<String> = Vec::new();
            for acl in rows.iter().flat_map(|r| r.iter()).flat_map(|row| row.key.acl.iter()) {
                if let Err(at) = names.binary_search(acl) {
                    names.insert(at, acl.clone());
                }
            }
            names
        })
    });
    let on_sort = Callback::new(move |sort: Sort| {
        update(false, &|s| {
            s.descending = if s.sort == sort { !s.descending } else { sort.natural_descending() };
            s.sort = sort;
        });
    });

    let filter_check =
        move |label: &'static str, get: fn(&ViewState) -> bool, set: fn(&mut ViewState, bool)| {
            view! {
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || view_state.with(get)
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            update(false, &|s| set(s, on));
                        }
                    />
                    {label}
                </label>
            }
        };

    // `/` goes to the search, `?` lists the shortcuts; in a text field each is just a character.
    let search = NodeRef::<html::Input>::new();
    let shortcuts_open = RwSignal::new(false);
    let shortcuts = window_event_listener(ev::keydown, move |event| {
        if typing_in_a_field() {
            return;
        }
        match event.key().as_str() {
            "/" => {
                if let Some(input) = search.get_untracked() {
                    event.prevent_default();
                    let _ = input.focus();
                }
            }
            "?" => {
                event.prevent_default();
                shortcuts_open.set(true);
            }
            _ => {}
        }
    });
    on_cleanup(move || shortcuts.remove());

    // The values of the keys ticked, in the order ticked.
    let selected = RwSignal::new(Vec::<String>::new());
    let confirm_bulk = RwSignal::new(false);
    let deletion = ops.track();
    // The selected keys go to the copy and export pages by hash, never by value.
    let with_selected = {
        let go = use_go();
        move |page: fn(Vec<String>) -> Page| {
            let keys = store.rows.with_untracked(|rows| {
                selected.with_untracked(|picked| {
                    rows.iter()
                        .flat_map(|rows| rows.iter())
                        .filter(|row| picked.contains(&row.key.value))
                        .map(|row| row.hash().to_owned())
                        .collect()
                })
            });
            go(page(keys).of(&app.app_id()), Nav::default());
        }
    };
    // A memo, so the buttons are built when the selection fills and removed when it empties, not
    // built again on each tick: what `<Show>` does, without a copy of its code for each use.
    let any_selected = memo(move |_| selected.with(|s| !s.is_empty()));
    let delete_selected = Callback::new(move |()| {
        let Some(client) = app.client() else { return };
        // A retry after a failure part-way sends the keys already deleted again: Algolia answers that
        // they do not exist, and they stay in the tray.
        let values = selected.get_untracked();
        let keys: Vec<_> = store.rows.with_untracked(|rows| {
            rows.iter()
                .flat_map(|rows| rows.iter())
                .filter(|row| values.contains(&row.key.value))
                .map(|row| (row.key.clone(), row.expires_at_ms))
                .collect()
        });
        ops.run(client, Write::Delete(keys), deletion);
    });
    effect(move || {
        if deletion.status.with(|s| matches!(s, WriteStatus::Done(_))) {
            confirm_bulk.set(false);
            selected.set(Vec::new());
        }
    });
    let refresh = move |_| {
        if let Some(client) = app.client() {
            store.refresh(client);
        }
    };

    view! {
        <main class="page wide">
            <div class="page-title">
                <h1>"API keys"</h1>
                <span class="spacer"></span>
                <a href=app.at(Page::Audit).href() class="button secondary">"Audit"</a>
                // The less frequent pages behind one tab stop: the whole keys page is a few Tabs long.
                <details class="menu">
                    <summary class="button secondary">"More"</summary>
                    <div class="menu-items">
                        <a href=app.at(Page::Secured).href()>"Secured keys"</a>
                        <a href=app.at(Page::Restore).href()>"Restore a key"</a>
                        <a href=app.at(Page::Export { keys: Vec::new() }).href()>"Export"</a>
                        <a href=app.at(Page::Import).href()>"Import"</a>
                    </div>
                </details>
                <a href=app.at(Page::NewKey { from: None }).href() class="button">"New key"</a>
            </div>
            <DeletedTray />
            <div class="toolbar" role="search">
                <div class="field search">
                    <label for="search">"Search keys"</label>
                    <input
                        id="search"
                        type="search"
                        node_ref=search
                        placeholder="value, description, ACL, index, referer  ( / )"
                        aria-keyshortcuts="/"
                        prop:value=move || view_state.with(|v| v.search.clone())
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            update(true, &|s| s.search = text.clone());
                        }
                    />
                </div>
                <div class="field">
                    <label for="filter-acl">"Has ACL"</label>
                    <select
                        id="filter-acl"
                        prop:value=move || view_state.with(|v| v.acl.clone().unwrap_or_default())
                        on:change=move |ev| {
                            let acl = event_target_value(&ev);
                            update(false, &|s| s.acl = (!acl.is_empty()).then(|| acl.clone()));
                        }
                    >
                        <option value="">"Any ACL"</option>
                        {move || {
                            acls_present.get().into_iter().map(|acl| view! { <option value=acl.clone()>{acl.clone()}</option> }).collect_view().into_any()
                        }}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-expiry">"Expiry"</label>
                    <select
                        id="filter-expiry"
                        prop:value=move || view_state.with(|v| v.expiry.as_str().to_owned())
                        on:change=move |ev| {
                            let expiry = ExpiryFilter::parse(&event_target_value(&ev));
                            update(false, &|s| s.expiry = expiry);
                        }
                    >
                        <option value="">"Any expiry"</option>
                        <option value="7d">"Expiring within 7 days"</option>
                        <option value="30d">"Expiring within 30 days"</option>
                        <option value="never">"Never expires"</option>
                    </select>
                </div>
                {filter_check("Unrestricted only", |v| v.unrestricted, |v, on| v.unrestricted = on)}
                {filter_check("With findings", |v| v.findings, |v, on| v.findings = on)}
                <span class="spacer"></span>
                <p class="count" role="status">
                    {move || format!("{} of {} keys", shown.with(|s| s.len()), total())}
                </p>
                {move || {
                    any_selected.get().then(|| {
                        view! {
                            <button
                                type="button"
                                class="danger"
                                on:click=move |_| {
                                    deletion.clear_ended();
                                    confirm_bulk.set(true);
                                }
                            >
                                {move || format!("Delete selected ({})", selected.with(Vec::len))}
                            </button>
                            <button type="button" class="secondary" on:click={
                                let with_selected = with_selected.clone();
                                move |_| with_selected(|keys| Page::Copy { to: None, keys })
                            }>{move || format!("Copy selected ({})", selected.with(Vec::len))}</button>
                            <button type="button" class="secondary" on:click={
                                let with_selected = with_selected.clone();
                                move |_| with_selected(|keys| Page::Export { keys })
                            }>{move || format!("Export selected ({})", selected.with(Vec::len))}</button>
                            <button type="button" class="secondary" on:click={
                                let with_selected = with_selected.clone();
                                move |_| with_selected(|keys| Page::Roll { keys })
                            }>{move || format!("Roll selected ({})", selected.with(Vec::len))}</button>
                        }
                    })
                    .into_any()
                }}
                <button type="button" class="secondary" on:click=refresh disabled=move || store.loading.get()>
                    {move || if store.loading.get() { "Refreshing…" } else { "Refresh" }}
                </button>
            </div>
            {move || {
                store.error.get().map(|error| {
                    view! {
                        <div class="banner error" role="alert">
                            <p>{error}</p>
                            <button type="button" on:click=refresh>"Retry"</button>
                        </div>
                    }
                })
                .into_any()
            }}
            {move || {
                unreadable_entries(store.unreadable.get()).map(|text| {
                    view! {
                        <div class="banner warning" role="note">
                            <p>{text}</p>
                        </div>
                    }
                })
                .into_any()
            }}
            {move || match listing.get() {
                None if store.loading.get() => view! { <p class="empty" aria-busy="true">"Loading keys…"</p> }.into_any(),
                None => ().into_any(),
                Some(true) => view! { <p class="empty">"This application has no API keys yet."</p> }.into_any(),
                Some(false) => {
                    // The table stays mounted while a search matches nothing, so the keystroke that
                    // brings matches back only renders rows, not a whole new table.
                    // A memo, so the message is shown when the matches run out and removed when
                    // they come back, not built again on each keystroke.
                    let no_match = memo(move |_| shown.with(Shown::is_empty));
                    view! {
                        <KeyTable
                            shown=shown
                            view_state=view_state
                            on_sort=on_sort
                            on_open=on_open
                            key_href=Callback::new(move |hash| app.at(Page::Key(hash)).href())
                            selected=selected
                        />
                        {move || {
                            no_match.get().then(|| {
                                view! {
                                    <div class="empty">
                                        <p>"No key matches this search and these filters."</p>
                                        <button type="button" class="secondary" on:click=move |_| set_view.run((ViewState::default(), false))>
                                            "Clear search and filters"
                                        </button>
                                    </div>
                                }
                            })
                            .into_any()
                        }}
                    }
                    .into_any()
                }
            }}
            <ConfirmDialog
                open=confirm_bulk
                title=format!("Delete the selected keys from {}?", app.name())
                confirm_label="Delete keys"
                on_confirm=delete_selected
                busy=deletion.busy()
            >
                <p>
                    {move || {
                        format!("{} keys will stop working at once.", selected.with(Vec::len))
                    }}
                </p>
                <p class="hint">"You can undo this from “Recently deleted”, in this session."</p>
                <WriteProgress state=deletion />
            </ConfirmDialog>
            <ShortcutsDialog open=shortcuts_open />
        </main>
    }
}

/// Whether the keyboard focus is in a text field, where `/` is just a character.
fn typing_in_a_field() -> bool {
    document()
        .active_element()
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}
