use leptos::prelude::*;

use crate::keys::form::diff::Change;

/// The fields that differ between two versions of a key, one row each: the edit form's review
/// (before and after) and a comparison's pair (one application and the other).
#[component]
pub fn DiffTable(changes: Vec<Change>, before: String, after: String) -> impl IntoView {
    let rows = changes
        .into_iter()
        .map(|c| {
            view! {
                <tr>
                    <th scope="row">
                        {c.field}
                        {c.note.map(|note| view! { <span class="hint note">{note}</span> })}
                    </th>
                    <td>{c.before}</td>
                    <td>{c.after}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="diff">
            <thead>
                <tr>
                    <th scope="col">"Field"</th>
                    <th scope="col">{before}</th>
                    <th scope="col">{after}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
