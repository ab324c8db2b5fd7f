use std::net::Ipv4Addr;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::acl::ACLS;
use crate::audit::calendar::calendar;
use crate::audit::exposure::{self, Exposure, Found};
use crate::audit::rules::{self, Finding, Findings, RULES, Rule, Severity, summary};
use crate::audit::simulate::{Request, simulate};
use crate::components::{FindingsBadge, TextField};
use crate::files;
use crate::keys::format::{count, key_name, mask};
use crate::keys::{KeyRow, Rows, ViewState};
use crate::routes::Page;
use crate::session::{Connection, Session};
use crate::store::KeyStore;

/// `/apps/<id>/audit`: every key's findings grouped by rule, each with a fix where one can be made;
/// the access simulator; the exposure check; the expiry calendar.
#[component]
pub fn AuditPage() -> impl IntoView {
    let store = expect_context::<KeyStore>();
    let app = expect_context::<Connection>();
    let loaded = move || store.rows.get().zip(Some(store.findings.get()));
    view! {
        <main class="page narrow audit">
            <p>
                <a href=app.at(Page::keys()).href()>"← All keys"</a>
            </p>
            <h1>{format!("Audit of {}", app.name())}</h1>
            <p class="lead">
                "What makes each key risky, and the change that fixes it. A fix opens the key's edit form with the change made: nothing is saved before you review and confirm it."
            </p>
            {move || match loaded() {
                None => view! { <p aria-busy="true">"Loading keys…"</p> }.into_any(),
                Some((rows, findings)) => view! { <FindingGroups rows findings /> }.into_any(),
            }}
            <Simulator />
            <ExposureCheck />
            <Calendar />
        </main>
    }
}

/// The findings, one section per rule that any key breaks, most severe first.
#[component]
fn FindingGroups(rows: Rows, findings: Findings) -> impl IntoView {
    let app = expect_context::<Connection>();
    let store = expect_context::<KeyStore>();
    let indices = store.indices.get_untracked();
    let flagged = findings.iter().filter(|f| !f.is_empty()).count();
    let worst = |severity: Severity| {
        findings.iter().filter(|f| summary(f).is_some_and(|(w, _)| w == severity)).count()
    };
    let totals = format!(
        "{} of {} have findings: {} high, {} medium, {} low, {} info (by the most severe of each key).",
        count(flagged, "key"),
        rows.len(),
        worst(Severity::High),
        worst(Severity::Medium),
        worst(Severity::Low),
        worst(Severity::Info),
    );
    let in_table = app.at(Page::Keys(ViewState { findings: true, ..ViewState::default() })).href();
    let groups = RULES
        .iter()
        .filter_map(|rule: &'static Rule| {
            // The keys that break the rule, each with its finding; gone through twice rather than
            // collected, which would bring a vector type of its own.
            let keys = || {
                rows.iter()
                    .zip(findings.iter())
                    .filter_map(|(row, found)| Some((row, found.iter().find(|f| f.rule == rule.id)?)))
            };
            // A rule that no key breaks gets no section.
            keys().next()?;
            let items = keys()
                .map(|(row, finding): (&KeyRow, &Finding)| {
                    let hash = row.hash().to_owned();
                    let fix = rules::fix(rule.id, row, indices.as_deref().map(Vec::as_slice)).map(|_| {
                        let href = app.at(Page::EditKey { hash: hash.clone(), fix: Some(rule.slug.to_owned()) }).href();
                        let label = format!("Fix {}: {}", key_name(&row.key.description, &row.key.value), rule.title);
                        view! { <a class="button small" href=href aria-label=label>"Fix"</a> }
                    });
                    view! {
                        <li>
                            <a href=app.at(Page::Key(hash)).href()>{key_name(&row.key.description, &row.key.value)}</a>
                            <span class="hint">{format!(" {}", finding.detail(row, indices.as_deref().map(Vec::as_slice)))}</span>
                            {fix}
                        </li>
                    }
                })
                .collect_view();
            let heading = format!("{} ({})", rule.title, rule.severity.name());
            Some(view! {
                <section class="card finding" aria-label=heading.clone()>
                    <h3>
                        <span class=format!("severity {}", rule.severity.name())>{rule.severity.name()}</span>
                        " "{rule.title}
                    </h3>
                    <p>{rule.why}</p>
                    <p class="hint">{format!("Fix: {}", rule.fix)}</p>
                    <ul class="finding-keys">{items}</ul>
                </section>
            })
        })
        .collect_view();
    view! {
        <section aria-labelledby="findings-title">
            <h2 id="findings-title">"Findings"</h2>
            <p role="status">{totals}" "<a href=in_table>"Show them in the table"</a></p>
            {(flagged == 0).then(|| view! { <p>"No key of this application breaks any rule."</p> })}
            {indices.is_none().then(|| view! { <p class="hint">"The index names could not be read, so stale patterns are not looked for."</p> })}
            {groups}
        </section>
    }
}

/// "Which keys can do this?": a permission on an index, from a referer and an IP address.
#[component]
fn Simulator() -> impl IntoView {
    let store = expect_context::<KeyStore>();
    let app = expect_context::<Connection>();
    let acl = RwSignal::new("search".to_owned());
    let index = RwSignal::new(String::new());
    let referer = RwSignal::new(String::new());
    let ip = RwSignal::new(String::new());
    let ip_error = RwSignal::new(None::<String>);
    // The request the fields make; `None` while the IP address is not one.
    let request = move || {
        let ip_text = ip.get_untracked().trim().to_owned();
        let ip = match ip_text.parse::<Ipv4Addr>() {
            _ if ip_text.is_empty() => None,
            Ok(ip) => Some(ip),
            Err(_) => return None,
        };
        let referer = Some(referer.get_untracked().trim().to_owned()).filter(|r| !r.is_empty());
        Some(Request {
            acl: acl.get_untracked(),
            index: index.get_untracked().trim().to_owned(),
            referer,
            ip,
        })
    };
    // How many searches were made (none: no answer yet). The answer is worked out when shown, from
    // the fields as they were searched: a kept copy of the request would be one more signal type.
    let searches = RwSignal::new(0usize);
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        if request().is_none() {
            ip_error.set(Some("Enter an IPv4 address, like 203.0.113.7.".into()));
            return;
        }
        ip_error.set(None);
        searches.update(|n| *n += 1);
    };
    let options = ACLS.iter().map(|acl| view! { <option value=acl.name>{acl.name}</option> }).collect_view();
    let answer = move || {
        if searches.get() == 0 {
            return None;
        }
        let request = request()?;
        let rows = store.rows.get_untracked()?;
        let allowed = simulate(&rows, &request, js_sys::Date::now());
        let index = if request.index.is_empty() {
            "any index".to_owned()
        } else {
            format!("“{}”", request.index)
        };
        let heading = format!("{} can use “{}” on {index}", count(allowed.len(), "key"), request.acl);
        let items = allowed
            .into_iter()
            .map(|(at, reasons)| {
                let row = &rows[at];
                let reasons = reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view();
                view! {
                    <li>
                        <a href=app.at(Page::Key(row.hash().to_owned())).href()>{key_name(&row.key.description, &row.key.value)}</a>
                        <ul class="hint">{reasons}</ul>
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <h3 role="status">{heading}</h3>
            <ul class="simulated">{items}</ul>
        })
    };
    view! {
        <section class="card" aria-labelledby="simulator-title">
            <h2 id="simulator-title">"Which keys can do this?"</h2>
            <p class="hint">"The same pattern, referer and IP range matching as the key form's testers. Expired keys are left out."</p>
            <form class="simulator" on:submit=on_submit novalidate>
                <div class="field">
                    <label for="sim-acl">"Permission"</label>
                    <select id="sim-acl" prop:value=acl on:change=move |ev| acl.set(event_target_value(&ev))>
                        {options}
                    </select>
                </div>
                <TextField id="sim-index" label="Index" value=index placeholder="products" />
                <TextField id="sim-referer" label="Referer URL (optional)" value=referer placeholder="https://www.example.com/search" />
                <TextField id="sim-ip" label="IP address (optional)" value=ip error=ip_error placeholder="203.0.113.7" />
                <div class="actions">
                    <button type="submit">"Find keys"</button>
                </div>
            </form>
            {answer}
        </section>
    }
}

/// Pasted text scanned for this application's keys. The text stays in this page's memory.
#[component]
fn ExposureCheck() -> impl IntoView {
    let store = expect_context::<KeyStore>();
    let app = expect_context::<Connection>();
    let session = expect_context::<Session>();
    let text = RwSignal::new(String::new());
    // The text as last checked: its report is made when shown.
    let checked = RwSignal::new(None::<String>);
    let check = move |event: SubmitEvent| {
        event.prevent_default();
        checked.set(Some(text.get_untracked()));
    };
    let answer = move || {
        let text = checked.get()?;
        let rows = store.rows.get_untracked()?;
        let known: Vec<String> =
            session.apps.with_untracked(|apps| apps.iter().map(Connection::app_id).collect());
        let report = exposure::check(&text, &app.admin_key_in(&text), &known, &rows);
        let findings = store.findings.get_untracked();
        let ids = if report.app_ids.is_empty() {
            "No application ID.".to_owned()
        } else {
            format!("Application IDs: {}.", report.app_ids.join(", "))
        };
        let summary = format!("{} found. {ids}", count(report.found.len(), "key-like string"));
        let items = report
            .found
            .into_iter()
            .map(|found| view! { <li>{exposed(found, &rows, &findings, app)}</li> })
            .collect_view();
        Some(view! {
            <p role="status">{summary}</p>
            <ul class="exposed">{items}</ul>
        })
    };
    view! {
        <section class="card" aria-labelledby="exposure-title">
            <h2 id="exposure-title">"Exposure check"</h2>
            <p class="hint">
                "Paste a page's HTML, a JavaScript bundle or a log: the console looks for application IDs and keys in it. The text never leaves this page and is not stored."
            </p>
            <form on:submit=check novalidate>
                <div class="field">
                    <label for="exposure-text">"Text to check"</label>
                    <textarea id="exposure-text" rows="6" prop:value=text on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                </div>
                <div class="actions">
                    <button type="submit">"Check"</button>
                    <button type="button" class="secondary" on:click=move |_| { text.set(String::new()); checked.set(None); }>"Clear"</button>
                </div>
            </form>
            {answer}
        </section>
    }
}

/// One string found: what it is, and what to do about it.
fn exposed(found: Found, rows: &Rows, findings: &[Vec<Finding>], app: Connection) -> AnyView {
    let masked = mask(&found.value);
    let key = |at: usize, lead: String| {
        let row = &rows[at];
        let hash = row.hash().to_owned();
        let name = key_name(&row.key.description, &row.key.value);
        let acl = if row.key.acl.is_empty() { "no permission".to_owned() } else { row.key.acl.join(", ") };
        let roll = app.at(Page::Roll { keys: vec![hash.clone()] }).href();
        view! {
            <strong>{lead}</strong>" "
            <a href=app.at(Page::Key(hash)).href()>{name.clone()}</a>
            {format!(" — {acl}. ")}
            <FindingsBadge findings=findings.get(at).cloned().unwrap_or_default() />
            " "<a class="button small" href=roll aria-label=format!("Roll {name}")>"Roll"</a>
        }
        .into_any()
    };
    match found.exposure {
        Exposure::AdminKey => view! {
            <strong class="error">{format!("The admin key is in this text ({masked}).")}</strong>
            " Anyone who reads it can do anything to this application. Generate a new admin key in Algolia's dashboard at once: the API cannot roll it."
        }
        .into_any(),
        Exposure::Key(at) => key(at, format!("{masked} is this key:")),
        Exposure::Secured { parent: Some(at) } => key(at, "A secured key made from".to_owned()),
        Exposure::Secured { parent: None } => {
            view! { {format!("A secured key ({masked}) made from no key of this application.")} }.into_any()
        }
        Exposure::Unknown => view! { {format!("{masked}: no key of this application.")} }.into_any(),
    }
}

/// The expiry calendar, as an .ics file.
#[component]
fn Calendar() -> impl IntoView {
    let store = expect_context::<KeyStore>();
    let app = expect_context::<Connection>();
    let failure = RwSignal::new(None::<String>);
    let expiring = move || {
        store.rows.with(|rows| {
            rows.as_ref().map_or(0, |rows| rows.iter().filter(|r| r.expires_at_ms.is_some()).count())
        })
    };
    let download = move |_| {
        let text = store.rows.with_untracked(|rows| {
            let rows = rows.as_deref().map_or(&[][..], |load| load);
            calendar(&app.name(), &app.app_id(), rows, js_sys::Date::now())
        });
        let name = format!("key-expiries-{}.ics", app.app_id());
        failure.set(
            files::save(&name, "text/calendar", &text)
                .err()
                .map(|_| "The browser did not offer the file.".to_owned()),
        );
    };
    view! {
        <section class="card" aria-labelledby="calendar-title">
            <h2 id="calendar-title">"Expiry calendar"</h2>
            <p class="hint">
                {move || format!("An event at each expiry, with a reminder a day before, for {} that expire. Each names the key by its description and masked value, never the value.", count(expiring(), "key"))}
            </p>
            <div class="actions">
                <button type="button" on:click=download>"Download calendar (.ics)"</button>
            </div>
            <p class="field-error" role="alert">{move || failure.get()}</p>
        </section>
    }
}
