use leptos::prelude::*;

use crate::algolia::Problem;

/// Says that a key could not be fully read, field by field, and why it cannot be edited or
/// duplicated: either would write what was guessed in place of what was not understood.
#[component]
pub fn ReadProblems(problems: Vec<Problem>) -> impl IntoView {
    let items = problems
        .into_iter()
        .map(|problem| {
            view! {
                <li>
                    <code>{problem.field}</code>
                    {format!(": expected {}, found {}.", problem.expected, problem.found)}
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="banner warning" role="note" aria-label="Not fully read">
            <p>
                "This key could not be fully read. It is shown with what could be read, and cannot be edited or duplicated here: saving would replace what was not understood with what was guessed."
            </p>
            <ul>{items}</ul>
        </div>
    }
}
