use leptos::prelude::*;

use crate::components::{FieldError, KeyedList};
use crate::keys::form::QueryField;
use crate::keys::query_params::{self, Param};

/// One editable row, with an id that keeps its inputs (and the focus) while others change.
#[derive(Clone)]
struct Row {
    id: usize,
    name: RwSignal<String>,
    value: RwSignal<String>,
    /// The pair's text as read, which goes back as it is while the row is unchanged.
    read_as: Option<String>,
}

/// Forced query parameters as name/value rows, written to `value` as they are edited. Text that
/// does not parse is shown raw, with a warning, and kept exactly as it is unless the user chooses
/// to rewrite it as rows.
#[component]
pub fn QueryParamsEditor(
    value: RwSignal<QueryField>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let next_id = StoredValue::new(0usize);
    // Rows belong to the editor: made in a click handler they would otherwise belong to the view
    // that was clicked, and be disposed with it (the raw text's view, which the rows replace).
    let owner = StoredValue::new(Owner::current().unwrap_or_default());
    let new_row = move |param: Param| {
        let id = next_id.get_value();
        next_id.set_value(id + 1);
        owner.with_value(|owner| {
            owner.with(|| Row {
                id,
                name: RwSignal::new(param.name),
                value: RwSignal::new(param.value),
                read_as: param.read_as,
            })
        })
    };
    // The text that does not parse, shown until the user rewrites it as rows; why, for the warning.
    let (start_rows, start_raw, problem) = match value.get_untracked() {
        QueryField::Rows(rows) => (rows, None, String::new()),
        QueryField::Raw { text, problem } => (Vec::new(), Some(text), problem),
    };
    let rows = RwSignal::new(start_rows.into_iter().map(new_row).collect::<Vec<_>>());
    let raw = RwSignal::new(start_raw);
    let emit = move || {
        let params = rows.with_untracked(|rows| {
            rows.iter()
                .map(|r| Param {
                    name: r.name.get_untracked(),
                    value: r.value.get_untracked(),
                    read_as: r.read_as.clone(),
                })
                .collect::<Vec<_>>()
        });
        value.set(QueryField::Rows(params));
    };
    let rewrite_as_rows = move |_| {
        if let Some(text) = raw.get_untracked() {
            rows.set(
                query_params::parse(&text).into_iter().map(|(n, v)| new_row(Param::typed(n, v))).collect(),
            );
            raw.set(None);
            emit();
        }
    };
    let row_keys =
        Signal::derive(move || rows.with(|rows| rows.iter().map(|r| r.id as u64).collect::<Vec<_>>()));
    let param_row = Callback::new(move |(_, at): (u64, usize)| {
        let Some(row) = rows.with_untracked(|rows| rows.get(at).cloned()) else { return ().into_any() };
        view! {
            <tr>
                <td>
                    <input
                        aria-label="Parameter name"
                        spellcheck="false"
                        prop:value=move || row.name.get()
                        on:input=move |ev| {
                            row.name.set(event_target_value(&ev));
                            emit();
                        }
                    />
                </td>
                <td>
                    <input
                        aria-label=move || format!("Value of {}", row.name.get())
                        spellcheck="false"
                        prop:value=move || row.value.get()
                        on:input=move |ev| {
                            row.value.set(event_target_value(&ev));
                            emit();
                        }
                    />
                </td>
                <td>
                    <button
                        type="button"
                        class="small"
                        aria-label=move || format!("Remove parameter {}", row.name.get())
                        on:click=move |_| {
                            rows.update(|rows| rows.retain(|r| r.id != row.id));
                            emit();
                        }
                    >
                        "Remove"
                    </button>
                </td>
            </tr>
        }
        .into_any()
    });
    view! {
        <fieldset class="field" aria-describedby="query-error">
            <legend>"Forced query parameters"</legend>
            <p class="hint">
                "Added to every query made with this key. restrictSources takes one IPv4 address or range, e.g. 192.168.1.0/24."
            </p>
            // The raw text until the user rewrites it as rows, which happens at most once.
            {move || match raw.get() {
                Some(text) => view! {
                    <div class="banner warning" role="note">
                        <p>
                            {format!("These parameters are not name=value pairs this console can edit ({problem}). They are kept exactly as they are and sent back unchanged.")}
                        </p>
                    </div>
                    <pre class="raw">{text}</pre>
                    <button type="button" class="secondary" on:click=rewrite_as_rows>
                        "Rewrite as editable rows"
                    </button>
                }
                .into_any(),
                None => view! {
                    <table class="params">
                        <thead>
                            <tr>
                                <th scope="col">"Name"</th>
                                <th scope="col">"Value"</th>
                                <th scope="col"><span class="visually-hidden">"Remove"</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            <KeyedList keys=row_keys row=param_row />
                        </tbody>
                    </table>
                    <button
                        type="button"
                        class="secondary"
                        on:click=move |_| rows.update(|rows| rows.push(new_row(Param::default())))
                    >
                        "Add parameter"
                    </button>
                }
                .into_any(),
            }}
            <FieldError id="query-error" message=error />
        </fieldset>
    }
}
