use std::sync::Arc;

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::audit::rules::Finding;
use crate::components::{AclChips, CreatedAt, ExpiresIn, FindingsBadge, InTableRow, KeyValue, KeyedList};
use crate::keys::format::{limit, not_fully_read};
use crate::keys::{
    Heading, HeadingKey, KeyRow, Rows, Shown, Sort, TableKey, ViewState, heading_key, rows_to_render,
    short_hash, table_key,
};
use crate::operations::Operations;
use crate::perf::mark;
use crate::reactive::{effect, memo};
use crate::store::{KeyStore, roll_of};

/// Every row has one height, so the table can render only the rows in view (plus a margin) and
/// stand in for the rest with two spacer rows: 10,000 keys cost what 20 do. The stylesheet sets it
/// (`--row`: a table row, or a taller card on a phone) and the table reads it when it measures
/// itself; this is the table row's, until then.
const ROW_HEIGHT: usize = 56;
/// The ACL cell's share of the table's width, in percent, until the table reads the stylesheet's.
const ACL_PERCENT: usize = 14;

/// The keys table: sortable headers, windowed rows, and one tab stop, the focused row, walked with
/// the keyboard (`keys::table::keyboard`).
#[component]
pub fn KeyTable(
    /// The keys to show, in order.
    shown: Memo<Shown>,
    view_state: Memo<ViewState>,
    on_sort: Callback<Sort>,
    /// Opens a key's details, given its short hash.
    on_open: Callback<String>,
    /// The link to a key's details, given its short hash.
    key_href: Callback<String, String>,
    /// The values of the keys ticked for a bulk action.
    selected: RwSignal<Vec<String>>,
) -> impl IntoView {
    let scroller = NodeRef::<html::Div>::new();
    let scroll_top = RwSignal::new(0usize);
    // Not a signal: it changes only together with `scroll_top`, which the window tracks.
    let heading = StoredValue::new(Heading::Still);
    let scrolled_to = move |top: usize| {
        heading.update_value(|h| *h = h.after_scroll(scroll_top.get_untracked(), top));
        scroll_top.set(top);
    };
    let viewport = RwSignal::new(800usize);
    let row_height = RwSignal::new(ROW_HEIGHT);
    let acl_room = RwSignal::new(acl_room_in(1200, ACL_PERCENT));
    let active = RwSignal::new(0usize);
    let total = memo(move |_| shown.with(Shown::len));

    // The window's height bounds the estimate, so a table whose stylesheet failed to load still
    // renders a window of rows, not all of them.
    let measure = move || {
        if let Some(el) = scroller.get_untracked() {
            let window_height =
                window().inner_height().ok().and_then(|h| h.as_f64()).map_or(usize::MAX, |h| h as usize);
            viewport.set(whole_px(el.client_height()).min(window_height));
            if let Some(height) = css_number(&el, "--row") {
                row_height.set(height);
            }
            let percent = css_number(&el, "--acl-percent").unwrap_or(ACL_PERCENT);
            let room = acl_room_in(whole_px(el.client_width()), percent);
            // Only a change lays every row's chips out again.
            if room != acl_room.get_untracked() {
                acl_room.set(room);
            }
        }
    };
    // Measured when the table appears, and again when it comes back from showing no rows (it is
    // hidden then, and measures nothing).
    let has_rows = memo(move |_| total.get() > 0);
    effect(move || {
        if scroller.get().is_some() && has_rows.get() {
            measure();
        }
    });
    // After the frame that shows a new load: the end of the benchmark's "response to painted".
    effect(move || {
        shown.with(|s| Arc::as_ptr(&s.rows));
        request_animation_frame(|| set_timeout(|| mark("keys-painted"), std::time::Duration::ZERO));
    });
    let resize = window_event_listener(ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    // Whether the keyboard is in the rows: set when a row or a control of it takes the focus, and
    // cleared when the focus moves to something outside them. A focused row that is removed (a
    // reload renders every row afresh) sends the focus nowhere, which leaves this set.
    let in_rows = StoredValue::new(false);
    let on_focusout = move |event: ev::FocusEvent| {
        let Some(to) = event.related_target().and_then(|t| t.dyn_into::<web_sys::Node>().ok()) else {
            return;
        };
        if scroller.get_untracked().is_some_and(|el| !el.contains(Some(&to))) {
            in_rows.set_value(false);
        }
    };
    // A new search, filter or load starts at the top. A keyboard user whose row was rendered afresh
    // is put on the first row once the new rows are in, or the next key press would go to the page.
    let mut first_run = true;
    effect(move || {
        shown.track();
        if !std::mem::take(&mut first_run) {
            if in_rows.get_value() {
                request_animation_frame(move || {
                    // The table may be gone by then (another page or application).
                    if in_rows.try_get_value() == Some(true)
                        && focus_lost()
                        && let Some(el) = scroller.get_untracked()
                    {
                        focus_first(&el, "tr[data-pos='0']");
                    }
                });
            }
            active.set(0);
            // Setting scrollTop forces a layout: only when the table is scrolled at all.
            if scroll_top.get_untracked() > 0
                && let Some(el) = scroller.get_untracked()
            {
                el.set_scroll_top(0);
                heading.set_value(Heading::Still);
                scroll_top.set(0);
            }
        }
    });

    // The positions to render, worked out again on each scroll event: each end changes, and the
    // rows with it, only when the scroll reaches another row.
    let range = move || {
        let row = row_height.get();
        let top = scroll_top.get() / row;
        let in_view = viewport.get().div_ceil(row);
        rows_to_render(top, in_view, total.get(), heading.get_value())
    };
    let window = Window { shown, start: memo(move |_| range().start), end: memo(move |_| range().end) };

    // The rows above and below the window, which the two spacer rows stand in for.
    let above = move || window.start.get();
    let below = move || total.get() - window.end.get();

    // Keyed by load and index, so a refresh renders every row afresh.
    let row_keys = Signal::derive(move || {
        window.with_rows(|load, rows| {
            rows.iter().map(|&row| ((load as u64) << 32) | row as u64).collect::<Vec<_>>()
        })
    });
    let table_row = Callback::new(move |(key, _): (u64, usize)| {
        let row = (key & 0xffff_ffff) as usize;
        let (rows, findings) = shown.with_untracked(|s| (s.rows.clone(), s.findings.get(row).cloned()));
        let findings = findings.unwrap_or_default();
        view! { <KeyTableRow rows row findings window active selected key_href acl_room /> }.into_any()
    });

    let focus_position = move |position: usize| {
        let Some(el) = scroller.get_untracked() else { return };
        let row = row_height.get_untracked();
        let top = position * row;
        let visible_height = whole_px(el.client_height()).saturating_sub(row);
        let current = whole_px(el.scroll_top());
        if top < current {
            el.set_scroll_top(top as i32);
        } else if top + row > current + visible_height {
            el.set_scroll_top((top + row - visible_height) as i32);
        }
        scrolled_to(whole_px(el.scroll_top()));
        // At once when the row is rendered (it usually is: the window has a margin), so that a
        // second key press, however quick, starts from it; after the next frame when it is not.
        let select = format!("tr[data-pos='{position}']");
        if !focus_first(&el, &select) {
            request_animation_frame(move || {
                focus_first(&el, &select);
            });
        }
    };
    let on_keydown = move |event: ev::KeyboardEvent| {
        let Some((row, target)) = row_of(&event) else { return };
        let on_row = target == *row;
        let page = viewport.get_untracked() / row_height.get_untracked();
        let current = active.get_untracked();
        let Some(action) = table_key(&event.key(), on_row, current, total.get_untracked(), page) else {
            return;
        };
        event.prevent_default();
        match action {
            TableKey::Row(next) => {
                active.set(next);
                focus_position(next);
            }
            TableKey::Open => {
                if let Some(hash) = shown.with_untracked(|s| s.at(current).map(|row| row.hash().to_owned())) {
                    on_open.run(hash);
                }
            }
            TableKey::Select => {
                if let Ok(Some(checkbox)) = row.query_selector("input[type=checkbox]")
                    && let Ok(checkbox) = checkbox.dyn_into::<web_sys::HtmlElement>()
                {
                    checkbox.click();
                }
            }
            TableKey::Control(step) => step_control(&row, &target, step),
            TableKey::BackToRow => {
                let _ = row.focus();
            }
            TableKey::Headings => {
                if let Some(el) = scroller.get_untracked() {
                    focus_first(&el, "thead button");
                }
            }
        }
    };
    let on_heading_keydown = move |event: ev::KeyboardEvent| {
        let Some(action) = heading_key(&event.key()) else { return };
        let Some(el) = scroller.get_untracked() else { return };
        event.prevent_default();
        match action {
            HeadingKey::Step(step) => {
                let Some(target) = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
                    return;
                };
                if let Ok(buttons) = el.query_selector_all("thead button")
                    && let Some(button) = step_along(&buttons, &target, step)
                {
                    let _ = button.focus();
                }
            }
            HeadingKey::BackToRows => focus_position(active.get_untracked()),
        }
    };

    let header = move |sort: Sort, label: &'static str| {
        view! {
            <th scope="col" aria-sort=move || view_state.with(|v| aria_sort(v, sort))>
                <button type="button" class="sort" tabindex="-1" on:click=move |_| on_sort.run(sort)>
                    {label}
                    <span class="sort-mark" aria-hidden="true">
                        {move || match view_state.with(|v| aria_sort(v, sort)) {
                            "descending" => "▼",
                            "ascending" => "▲",
                            _ => "",
                        }}
                    </span>
                </button>
            </th>
        }
    };

    view! {
        <div
            class="table-scroll"
            hidden=move || !has_rows.get()
            node_ref=scroller
            on:scroll=move |_| {
                if let Some(el) = scroller.get_untracked() {
                    scrolled_to(whole_px(el.scroll_top()));
                }
            }
        >
            <table class="keys" aria-label="API keys" aria-rowcount=move || total.get() + 1>
                <colgroup>
                    <col class="c-select" />
                    <col class="c-key" />
                    <col class="c-description" />
                    <col class="c-findings" />
                    <col class="c-acl" />
                    <col class="c-scope" />
                    <col class="c-limits" />
                    <col class="c-created" />
                    <col class="c-expiry" />
                </colgroup>
                <thead on:keydown=on_heading_keydown>
                    <tr aria-rowindex="1">
                        <th scope="col">
                            <span class="visually-hidden">"Selected"</span>
                        </th>
                        <th scope="col">"Key"</th>
                        {header(Sort::Description, "Description")}
                        {header(Sort::Risk, "Findings")}
                        <th scope="col">"ACL"</th>
                        <th scope="col">"Indices and referers"</th>
                        <th scope="col">"Limits"</th>
                        {header(Sort::Created, "Created")}
                        {header(Sort::TimeLeft, "Expires")}
                    </tr>
                </thead>
                <tbody on:keydown=on_keydown on:focusin=move |_| in_rows.set_value(true) on:focusout=on_focusout>
                    <tr class="spacer" aria-hidden="true" style:height=move || px(above(), row_height.get())></tr>
                    <KeyedList keys=row_keys row=table_row />
                    <tr
                        class="spacer"
                        aria-hidden="true"
                        style:height=move || px(below(), row_height.get())
                    ></tr>
                </tbody>
            </table>
        </div>
    }
}

/// A sortable column's `aria-sort` in the view state `v`.
fn aria_sort(v: &ViewState, sort: Sort) -> &'static str {
    match (v.sort == sort, v.descending) {
        (false, _) => "none",
        (true, true) => "descending",
        (true, false) => "ascending",
    }
}

/// The room the ACL cell has for chips in a table `width` CSS pixels wide: its share of the width
/// (the stylesheet's `--acl-percent`: a column, or most of a phone's card), less its padding.
fn acl_room_in(width: usize, percent: usize) -> usize {
    (width * percent / 100).saturating_sub(16)
}

/// An element's offset or size in CSS pixels, which the DOM gives as a signed integer.
fn whole_px(n: i32) -> usize {
    usize::try_from(n).unwrap_or(0)
}

/// The height of `rows` rows in CSS pixels, formatted as an integer (float formatting would add
/// kilobytes to the bundle for nothing).
fn px(rows: usize, row_height: usize) -> String {
    format!("{}px", rows * row_height)
}

/// The row a key press happened in, and the element it happened on (the row or a control of it).
fn row_of(event: &ev::KeyboardEvent) -> Option<(web_sys::HtmlElement, web_sys::Element)> {
    let target = event.target()?.dyn_into::<web_sys::Element>().ok()?;
    let row = target.closest("tr[data-pos]").ok()??.dyn_into::<web_sys::HtmlElement>().ok()?;
    Some((row, target))
}

/// A whole number the stylesheet gives as a custom property (`--row: 56px`, `--acl-percent: 14`),
/// if it gives one. Read as an integer: parsing floats would bring its own code into the bundle.
fn css_number(el: &web_sys::Element, property: &str) -> Option<usize> {
    let style = window().get_computed_style(el).ok()??;
    let value = style.get_property_value(property).ok()?;
    let value = value.trim();
    let n: usize = value.strip_suffix("px").unwrap_or(value).parse().ok()?;
    (n > 0).then_some(n)
}

/// Whether nothing has the focus (the page's body has it, as when the focused element was removed).
fn focus_lost() -> bool {
    let document = document();
    match (document.active_element(), document.body()) {
        (Some(active), Some(body)) => active == *body,
        _ => true,
    }
}

/// Focuses the first element under `root` that matches `selector`; false when there is none.
fn focus_first(root: &web_sys::Element, selector: &str) -> bool {
    match root.query_selector(selector) {
        Ok(Some(el)) => el.dyn_into::<web_sys::HtmlElement>().is_ok_and(|el| el.focus().is_ok()),
        _ => false,
    }
}

/// Moves the focus `step` controls along the row from `target`; before the first is the row.
/// A row's controls are the elements it took out of the tab order.
fn step_control(row: &web_sys::HtmlElement, target: &web_sys::Element, step: i32) {
    let Ok(controls) = row.query_selector_all("[tabindex='-1']") else { return };
    let el = step_along(&controls, target, step).unwrap_or_else(|| row.clone());
    let _ = el.focus();
}

/// The element `step` places along `list` from `from` (from outside the list, the first step
/// lands on the first); None before the first, and the last after the last.
fn step_along(list: &web_sys::NodeList, from: &web_sys::Element, step: i32) -> Option<web_sys::HtmlElement> {
    let count = list.length() as i32;
    let at = (0..count).find(|&i| list.item(i as u32).is_some_and(|node| node == **from)).unwrap_or(-1);
    let next = (at + step).min(count - 1);
    if next < 0 {
        return None;
    }
    list.item(next as u32)?.dyn_into().ok()
}

/// The rows rendered: positions `start..end` of the rows shown.
#[derive(Clone, Copy)]
struct Window {
    shown: Memo<Shown>,
    start: Memo<usize>,
    end: Memo<usize>,
}

impl Window {
    /// Calls `f` with the rendered rows' load (its address, which tells loads apart) and their
    /// indices in it, in display order.
    fn with_rows<T>(self, f: impl FnOnce(usize, &[usize]) -> T) -> T {
        let (start, end) = (self.start.get(), self.end.get());
        self.shown.with(|s| {
            let end = end.min(s.len());
            f(Arc::as_ptr(&s.rows) as usize, &s.order[start.min(end)..end])
        })
    }

    /// The display position of the row at `row` of its load, if it is rendered.
    fn position_of(self, row: usize) -> Option<usize> {
        let start = self.start.get();
        self.with_rows(|_, rows| rows.iter().position(|&r| r == row)).map(|i| start + i)
    }
}

/// One key's row. Its position can change while it stays mounted (scrolling keeps rows by key),
/// so the position is looked up from the window rather than captured.
#[component]
fn KeyTableRow(
    rows: Rows,
    row: usize,
    /// The audit's findings for this key.
    findings: Vec<Finding>,
    window: Window,
    active: RwSignal<usize>,
    selected: RwSignal<Vec<String>>,
    key_href: Callback<String, String>,
    acl_room: RwSignal<usize>,
) -> impl IntoView {
    provide_context(InTableRow { acl_room });
    let position = memo(move |_| window.position_of(row).unwrap_or(0));
    let KeyRow { key, expires_at_ms, .. } = &rows[row];
    let hash = rows[row].hash();
    let indices = if key.indexes.is_empty() { "all indices".to_owned() } else { key.indexes.join(", ") };
    let referers = if key.referers.is_empty() { "any referer".to_owned() } else { key.referers.join(", ") };
    let rate = match key.max_queries_per_ip_per_hour {
        0 => "no rate limit".to_owned(),
        n => format!("{} queries/h per IP", limit(n)),
    };
    let hits = match key.max_hits_per_query {
        0 => "no hit limit".to_owned(),
        n => format!("{} hits per query", limit(n)),
    };
    let description =
        if key.description.is_empty() { "(no description)".to_owned() } else { key.description.clone() };
    let unread = (!key.is_fully_read()).then(|| not_fully_read(&key.problems));
    let ops = use_context::<Operations>();
    let store = use_context::<KeyStore>();
    let value = key.value.clone();
    let applying = move || ops.and_then(|ops| ops.is_pending(&value)).map(|label| format!("{label}…"));
    // A key rolled in this session: the old one says it is retiring, and each links to the other.
    // Read once: every roll, retire and cancel ends with a reload, which renders the rows afresh.
    let rolled = store.and_then(|store| {
        store.rolled.with_untracked(|all| {
            roll_of(all, |value| value == key.value)
                .map(|(r, old)| (old, short_hash(if old { &r.new } else { &r.old })))
        })
    });
    let retiring = matches!(rolled, Some((true, _))).then_some("retiring in ");
    let roll_link = rolled.map(|(old, other)| {
        let text = if old { "new key" } else { "replaces a rolled key" };
        view! { <a class="badge info" href=key_href.run(other) tabindex="-1">{text}</a> }
    });
    let select_value = key.value.clone();
    let checked_value = key.value.clone();
    let toggle = move |ev| {
        let on = event_target_checked(&ev);
        let value = select_value.clone();
        selected.update(|s| {
            if !on {
                s.retain(|v| *v != value);
            } else if !s.contains(&value) {
                s.push(value);
            }
        });
    };
    view! {
        <tr
            data-pos=move || position.get()
            aria-rowindex=move || position.get() + 2
            tabindex=move || if active.get() == position.get() { "0" } else { "-1" }
            on:focusin=move |_| active.set(position.get_untracked())
        >
            <td>
                <input
                    type="checkbox"
                    tabindex="-1"
                    aria-label=format!("Select {description}")
                    prop:checked=move || selected.with(|s| s.contains(&checked_value))
                    on:change=toggle
                />
            </td>
            <td>
                <KeyValue value=key.value.clone() />
            </td>
            <td class="description">
                // A plain link: the router handles its click, and a row is cheaper without the
                // active-link tracking of <A>.
                <a href=key_href.run(hash.to_owned()) tabindex="-1" title=description.clone()>{description.clone()}</a>
                {unread.map(|label| view! { <span class="badge" role="img" aria-label=label.clone() title=label>"⚠"</span> })}
                {move || applying().map(|label| view! { <span class="badge">{label}</span> })}
                {roll_link}
            </td>
            <td>
                <FindingsBadge findings />
            </td>
            <td>
                <AclChips acl=key.acl.clone() />
            </td>
            <td class="two-lines">
                <span title=indices.clone()>{indices.clone()}</span>
                <span title=referers.clone()>{referers.clone()}</span>
            </td>
            <td class="two-lines">
                <span title=rate.clone()>{rate.clone()}</span>
                <span title=hits.clone()>{hits.clone()}</span>
            </td>
            <td>
                <CreatedAt at_ms=key.created_at_ms />
            </td>
            // "retiring" and its countdown take two lines rather than clip.
            <td class:wraps=retiring.is_some()>
                {retiring}
                <ExpiresIn expires_at_ms=*expires_at_ms />
            </td>
        </tr>
    }
}
