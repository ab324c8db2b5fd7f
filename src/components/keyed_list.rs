use leptos::prelude::*;

/// A list whose rows stay mounted, inputs, focus and all, while the list around them changes: a
/// row is made once per key, from the item at its position when it first appears.
///
/// The app's one instance of Leptos's keyed list. Each instance of `For` adds kilobytes to the
/// bundle (it is generic over its closures), so every keyed list of the app goes through this
/// one, with the rows type-erased.
#[component]
pub fn KeyedList(
    /// The rows' keys, in order.
    #[prop(into)]
    keys: Signal<Vec<u64>>,
    /// Makes the row of a key, given its position in `keys` at the time.
    row: Callback<(u64, usize), AnyView>,
) -> impl IntoView {
    let each =
        move || keys.with(|keys| keys.iter().copied().enumerate().map(|(i, k)| (k, i)).collect::<Vec<_>>());
    view! { <For each=each key=|(key, _)| *key children=move |(key, at)| row.run((key, at)) /> }
}
