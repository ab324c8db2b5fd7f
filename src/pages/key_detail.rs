use leptos::prelude::*;

use crate::acl;
use crate::components::{ConfirmDialog, CreatedAt, ExpiresIn, KeyValue, ReadProblems, WriteProgress};
use crate::keys::format::{describe_pattern, key_name, limit, utc};
use crate::keys::{KeyRow, query_params};
use crate::operations::{Operations, Write, WriteStatus};
use crate::router::use_go;
use crate::routes::Page;
use crate::session::Connection;
use crate::store::KeyStore;

/// One key in plain language, found by the short hash in its URL.
#[component]
pub fn KeyDetailPage(hash: String) -> impl IntoView {
    let store = expect_context::<KeyStore>();
    let app = expect_context::<Connection>();
    // The key's page is rebuilt only when the key changes, not on every reload of the list: a
    // reload must not close a dialog the user is in.
    let found = Memo::new_with_compare(
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
            {move || {
                match found.get() {
                    None => view! { <p aria-busy="true">"Loading keys…"</p> }.into_any(),
                    Some(found) => match found {
                        Some(row) => view! { <KeyDetails row=row /> }.into_any(),
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
    Effect::new(move || {
        if deletion.status.with(|s| matches!(s, WriteStatus::Done(_))) {
            go(app.at(Page::keys()), Default::default());
        }
    });
    let value = row.key.value.clone();
    let applying =
        move || ops.is_pending(&value).map(|label| format!("{label}… Algolia is applying the change."));
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
        <p role="status" class="applying">{applying}</p>
        {problems}
        <div class="actions">
            {fully_read.then(|| view! {
                <a href=app.at(Page::EditKey(hash.clone())).href()>"Edit"</a>
                <a href=app.at(Page::NewKey { from: Some(hash.clone()) }).href()>"Duplicate as new"</a>
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
            busy=Signal::derive(move || deletion.is_working())
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
