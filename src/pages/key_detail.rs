use leptos::prelude::*;

use crate::acl;
use crate::audit::rules::{self, Finding};
use crate::audit::simulate::capabilities;
use crate::components::{ConfirmDialog, CreatedAt, ExpiresIn, KeyValue, ReadProblems, WriteProgress};
use crate::keys::format::{describe_pattern, key_name, limit, utc};
use crate::keys::roll::cancel_body;
use crate::keys::{KeyRow, query_params, short_hash};
use crate::operations::{Operations, Write, WriteStatus};
use crate::reactive::{effect, memo, memo_with_compare};
use crate::router::use_go;
use crate::routes::Page;
use crate::session::Connection;
use crate::store::{KeyStore, roll_of};

/// One key in plain language, found by the short hash in its URL.
#[component]
pub fn KeyDetailPage(hash: String) -> impl IntoView {
    let store = expect_context::<KeyStore>();
    let app = expect_context::<Connection>();
    // The key's page is rebuilt only when the key changes, not on every reload of the list: a
    // reload must not close a dialog the user is in.
    let hash_for_roll = hash.clone();
    let found = memo_with_compare(
        move |_| {
            store.rows.with(|rows| rows.as_ref().map(|rows| rows.iter().find(|r| r.hash() == hash).cloned()))
        },
        |old, new| match (old, new) {
            (Some(Some(Some(a))), Some(Some(Some(b)))) => !a.same_as(b),
            (old, new) => old != new,
        },
    );
    view! {
        <main class="page narrow">
            <p>
                <a href=app.at(Page::keys()).href()>"← All keys"</a>
            </p>
            // Outside the key's view, which a reload showing the shortened expiry rebuilds: a
            // dialog opened here stays open.
            <RollStatus hash=hash_for_roll />
            {move || {
                match found.get() {
                    None => view! { <p aria-busy="true">"Loading keys…"</p> }.into_any(),
                    Some(found) => match found {
                        Some(row) => view! {
                            <KeyDetails row=row.clone() />
                            <KeyFindings row />
                        }
                        .into_any(),
                        None => view! {
                            <h1>"Key not found"</h1>
                            <p>"No key of this application has this link. It may have been deleted or have expired."</p>
                        }
                        .into_any(),
                    },
                }
            }}
        </main>
    }
}

#[component]
fn KeyDetails(row: KeyRow) -> impl IntoView {
    let ops = expect_context::<Operations>();
    let app = expect_context::<Connection>();
    let go = use_go();
    let confirm_open = RwSignal::new(false);
    let deletion = ops.track();
    let to_delete = StoredValue::new((row.key.clone(), row.expires_at_ms));
    let delete = Callback::new(move |()| {
        if let Some(client) = app.client() {
            ops.run(client, Write::Delete(vec![to_delete.get_value()]), deletion);
        }
    });
    // Only while this page is shown: a delete that ends after the user left lands in the notices.
    effect(move || {
        if deletion.status.with(|s| matches!(s, WriteStatus::Done(_))) {
            go(app.at(Page::keys()), Default::default());
        }
    });
    let value = row.key.value.clone();
    let name = key_name(&row.key.description, &row.key.value);
    let hash = row.hash().to_owned();
    let key = row.key;
    let title = if key.description.is_empty() {
        "Key without description".to_owned()
    } else {
        key.description.clone()
    };
    let acl = key
        .acl
        .iter()
        .map(|name| view! { <li><code>{name.clone()}</code>" — "{acl::meaning(name)}</li> })
        .collect_view();
    let patterns = |list: &[String], noun: &'static str, all: &'static str| {
        if list.is_empty() {
            view! { <p>{all}</p> }.into_any()
        } else {
            let items = list
                .iter()
                .map(|p| view! { <li><code>{p.clone()}</code>" — "{describe_pattern(p, noun)}</li> })
                .collect_view();
            view! { <ul>{items}</ul> }.into_any()
        }
    };
    let query = query_params::parse(&key.query_parameters);
    let forced = if query.is_empty() {
        view! { <p>"None"</p> }.into_any()
    } else {
        let items = query
            .into_iter()
            .map(|(name, value)| view! { <li><code>{name}</code>" = "<code>{value}</code></li> })
            .collect_view();
        view! { <ul>{items}</ul> }.into_any()
    };
    // A key not fully read is not offered for editing or duplicating (`ReadProblems` says why).
    let fully_read = key.is_fully_read();
    let problems = (!fully_read).then(|| view! { <ReadProblems problems=key.problems.clone() /> });
    let extra = (!key.extra.is_empty()).then(|| {
        let json = serde_json::to_string_pretty(&key.extra).unwrap_or_default();
        view! {
            <dt>"Other fields"</dt>
            <dd>
                <p class="hint">"Fields this console does not know, kept unchanged."</p>
                <pre>{json}</pre>
            </dd>
        }
    });
    view! {
        <h1>{title}</h1>
        <p role="status" class="applying">
            {move || ops.is_pending(&value).map(|label| format!("{label}… Algolia is applying the change."))}
        </p>
        {problems}
        <div class="actions">
            {fully_read.then(|| view! {
                <a href=app.at(Page::EditKey { hash: hash.clone(), fix: None }).href()>"Edit"</a>
                <a href=app.at(Page::NewKey { from: Some(hash.clone()) }).href()>"Duplicate as new"</a>
                <a href=app.at(Page::Roll { keys: vec![hash.clone()] }).href()>"Roll"</a>
            })}
            <button
                type="button"
                class="danger"
                on:click=move |_| {
                    deletion.clear_ended();
                    confirm_open.set(true);
                }
            >
                "Delete"
            </button>
        </div>
        <ConfirmDialog
            open=confirm_open
            title=format!("Delete this key from {}?", app.name())
            confirm_label="Delete key"
            on_confirm=delete
            busy=deletion.busy()
        >
            <p>{format!("{name} will stop working at once.")}</p>
            <p class="hint">"You can undo this from “Recently deleted” on the keys page, in this session."</p>
            <WriteProgress state=deletion />
        </ConfirmDialog>
        <dl class="details">
            <dt>"Key"</dt>
            <dd><KeyValue value=key.value.clone() /></dd>
            <dt>"Permissions (ACL)"</dt>
            <dd>
                {if key.acl.is_empty() { Some(view! { <p>"None: this key can do nothing."</p> }) } else { None }}
                <ul>{acl}</ul>
            </dd>
            <dt>"Indices"</dt>
            <dd>{patterns(&key.indexes, "index", "All indices of the application.")}</dd>
            <dt>"Referers"</dt>
            <dd>{patterns(&key.referers, "referer", "Any referer (no HTTP referer restriction).")}</dd>
            <dt>"Forced query parameters"</dt>
            <dd>{forced}</dd>
            <dt>"Max hits per query"</dt>
            <dd>{limit(key.max_hits_per_query)}</dd>
            <dt>"Max queries per IP per hour"</dt>
            <dd>{limit(key.max_queries_per_ip_per_hour)}</dd>
            <dt>"Created"</dt>
            <dd>
                <CreatedAt at_ms=key.created_at_ms />
                {key.created_at_ms.map(|at| format!(" ({})", utc(at)))}
            </dd>
            <dt>"Expires"</dt>
            <dd>
                <ExpiresIn expires_at_ms=row.expires_at_ms />
                {row.expires_at_ms.map(|at| format!(" ({})", utc(at)))}
            </dd>
            {extra}
        </dl>
    }
}

/// The audit's findings for this key, each with why it matters and its fix, and what the key can
/// do in plain words.
#[component]
fn KeyFindings(row: KeyRow) -> impl IntoView {
    let store = expect_context::<KeyStore>();
    let app = expect_context::<Connection>();
    let value = row.key.value.clone();
    let can =
        capabilities(&row, js_sys::Date::now()).into_iter().map(|c| view! { <li>{c}</li> }).collect_view();
    let found = move || {
        let findings: Vec<Finding> = store.rows.with(|rows| {
            let at = rows.as_ref()?.iter().position(|r| r.key.value == value)?;
            store.findings.with(|all| all.get(at).cloned())
        })?;
        let indices = store.indices.get();
        let items = findings
            .into_iter()
            .map(|finding| {
                let rule = finding.rule.rule();
                let fix = rules::fix(rule.id, &row, indices.as_deref().map(Vec::as_slice)).map(|_| {
                    let href = app.at(Page::EditKey { hash: row.hash().to_owned(), fix: Some(rule.slug.to_owned()) }).href();
                    view! { " "<a class="button small" href=href aria-label=format!("Fix: {}", rule.title)>"Fix"</a> }
                });
                view! {
                    <li>
                        <span class=format!("severity {}", rule.severity.name())>{rule.severity.name()}</span>
                        " "<strong>{rule.title}</strong>" "{finding.detail(&row, indices.as_deref().map(Vec::as_slice))}
                        <p class="hint">{format!("{} Fix: {}", rule.why, rule.fix)}</p>
                        {fix}
                    </li>
                }
            })
            .collect_view();
        Some(items)
    };
    view! {
        <section aria-labelledby="findings-title">
            <h2 id="findings-title">"Findings"</h2>
            <ul class="findings">{move || found().into_any()}</ul>
        </section>
        <section aria-labelledby="can-title">
            <h2 id="can-title">"What can this key do?"</h2>
            <ul>{can}</ul>
        </section>
    }
}

/// For a key rolled in this session: the old key retiring (with retire now and cancel), or the new
/// key that replaces it.
#[component]
fn RollStatus(hash: String) -> impl IntoView {
    let ops = expect_context::<Operations>();
    let store = expect_context::<KeyStore>();
    let app = expect_context::<Connection>();
    let hash = StoredValue::new(hash);
    // This key's roll, and whether this key is its old key.
    let roll = move || {
        hash.with_value(|hash| {
            store.rolled.with_untracked(|all| {
                roll_of(all, |value| short_hash(value) == *hash).map(|(r, old)| (r.clone(), old))
            })
        })
    };
    // The banner is built again only when this changes: `None` without a roll, else whether this
    // key is the old one.
    let is_old = memo(move |_| {
        store.rolled.track();
        roll().map(|(_, old)| old)
    });
    // The key as loaded now: a retire deletes it as it is, and a cancel keeps an edit made since
    // the roll, putting back only the expiry.
    let current = move || {
        let (rolled, _) = roll()?;
        store.rows.with_untracked(|rows| {
            rows.as_ref()?
                .iter()
                .find(|r| r.key.value == rolled.old)
                .map(|r| (r.key.clone(), r.expires_at_ms))
        })
    };
    let write = ops.track();
    let retire_open = RwSignal::new(false);
    let cancel_error = RwSignal::new(None::<String>);
    // Which of the two the last write was.
    let retiring = StoredValue::new(false);
    let retire = Callback::new(move |()| {
        if let (Some(client), Some(old)) = (app.client(), current()) {
            retiring.set_value(true);
            ops.run(client, Write::Delete(vec![old]), write);
        }
    });
    let cancel = move |_| {
        let (Some(client), Some((rolled, _)), Some((key, _))) = (app.client(), roll(), current()) else {
            return;
        };
        match cancel_body(&key, rolled.old_expires_at_ms, js_sys::Date::now()) {
            Ok(body) => {
                cancel_error.set(None);
                retiring.set_value(false);
                ops.run(client, Write::Update { value: key.value, body }, write);
            }
            Err(why) => cancel_error.set(Some(why)),
        }
    };
    // Either ends the roll: the old key is gone (then the new key's page opens), or has its expiry
    // back.
    let go = use_go();
    effect(move || {
        if write.status.with(|s| matches!(s, WriteStatus::Done(_))) {
            retire_open.set(false);
            let Some((done, _)) = roll() else { return };
            ops.end_roll(&done.old);
            if retiring.get_value() {
                go(app.at(Page::Key(short_hash(&done.new))), Default::default());
            }
        }
    });
    view! {
        {move || {
            let is_old = is_old.get()?;
            let (rolled, _) = roll()?;
            let other = short_hash(if is_old { &rolled.new } else { &rolled.old });
            let link = app.at(Page::Key(other)).href();
            Some(if is_old {
                view! {
                    <div class="banner warning" role="note">
                        <p>
                            {format!("Rolled: this key retires at {}. ", utc(rolled.retires_at_ms))}
                            <a href=link>"Open the new key"</a>
                        </p>
                        <div class="actions">
                            <button type="button" class="danger" on:click=move |_| { write.clear_ended(); retire_open.set(true); }>"Retire now"</button>
                            <button type="button" class="secondary" on:click=cancel disabled=move || write.is_working()>"Cancel the roll"</button>
                        </div>
                        <p class="field-error" role="alert">{move || cancel_error.get()}</p>
                        <WriteProgress state=write />
                    </div>
                    <ConfirmDialog
                        open=retire_open
                        title="Retire the old key now?".to_owned()
                        confirm_label="Retire now"
                        on_confirm=retire
                        busy=write.busy()
                    >
                        <p>"It is deleted now, before its grace period ends: whatever still uses it stops working. You can undo this from “Recently deleted”."</p>
                        <WriteProgress state=write />
                    </ConfirmDialog>
                }
                .into_any()
            } else {
                view! {
                    <p class="banner" role="note">
                        "This key replaces a key rolled in this session. "
                        <a href=link>"Open the old key"</a>
                    </p>
                }
                .into_any()
            })
        }}
    }
}
