//! The keys table's keyboard: the table is one tab stop (the focused row), rows are walked with
//! the arrow keys, and a row's controls are reached with the arrow keys too, so that a keyboard
//! user gets past ten thousand keys in one Tab.

/// What a key press in the table does.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TableKey {
    /// Focus the row at this position.
    Row(usize),
    /// Open the focused row's key.
    Open,
    /// Tick or untick the focused row.
    Select,
    /// Move among the focused row's controls: +1 to the next, -1 to the previous (before the
    /// first is the row itself).
    Control(i32),
    /// Leave the row's controls for the row.
    BackToRow,
    /// Up from the first row: the sort buttons of the column headings.
    Headings,
}

/// The action of `key` pressed on the row at `current` (`on_row`) or on one of its controls, in a
/// table of `total` rows of which `page` fit in view. None: the key is left to the browser (a
/// control's own keys, such as Space on the checkbox or Enter on a link, keep working).
pub fn table_key(key: &str, on_row: bool, current: usize, total: usize, page: usize) -> Option<TableKey> {
    if total == 0 {
        return None;
    }
    let last = total - 1;
    let row = |position: usize| Some(TableKey::Row(position.min(last)));
    match key {
        "ArrowDown" => row(current + 1),
        "ArrowUp" if current == 0 => Some(TableKey::Headings),
        "ArrowUp" => row(current - 1),
        "ArrowRight" => Some(TableKey::Control(1)),
        "ArrowLeft" if !on_row => Some(TableKey::Control(-1)),
        "Escape" if !on_row => Some(TableKey::BackToRow),
        _ if !on_row => None,
        "PageDown" => row(current + page.max(1)),
        "PageUp" => row(current.saturating_sub(page.max(1))),
        "Home" => row(0),
        "End" => row(last),
        "Enter" => Some(TableKey::Open),
        " " => Some(TableKey::Select),
        _ => None,
    }
}

/// What a key press on a column heading's sort button does: move along the headings (+1, -1), or
/// down to the focused row (None for Enter and Space, which press the button).
pub fn heading_key(key: &str) -> Option<HeadingKey> {
    match key {
        "ArrowRight" => Some(HeadingKey::Step(1)),
        "ArrowLeft" => Some(HeadingKey::Step(-1)),
        "ArrowDown" | "Escape" => Some(HeadingKey::BackToRows),
        _ => None,
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum HeadingKey {
    Step(i32),
    BackToRows,
}

/// The shortcuts, as the `?` list shows them.
pub const SHORTCUTS: [(&str, &str); 10] = [
    ("/", "Search keys"),
    ("↓ ↑", "Next or previous key"),
    ("Page Down, Page Up", "A screenful of keys down or up"),
    ("Home, End", "First or last key"),
    ("Enter", "Open the key"),
    ("Space", "Select the key"),
    ("→ ←", "The key's buttons and links (reveal, copy, open), one by one"),
    ("Escape", "Back from a button to its key"),
    ("↑ on the first key", "The sort buttons of the column headings (→ ← between them, ↓ back)"),
    ("?", "This list"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_walk_the_rows_and_stop_at_the_ends() {
        assert_eq!(table_key("ArrowDown", true, 0, 10, 5), Some(TableKey::Row(1)));
        assert_eq!(table_key("ArrowDown", true, 9, 10, 5), Some(TableKey::Row(9)));
        assert_eq!(table_key("ArrowUp", true, 1, 10, 5), Some(TableKey::Row(0)));
        assert_eq!(table_key("ArrowUp", true, 0, 10, 5), Some(TableKey::Headings));
        assert_eq!(table_key("PageDown", true, 3, 10, 5), Some(TableKey::Row(8)));
        assert_eq!(table_key("PageDown", true, 8, 10, 5), Some(TableKey::Row(9)));
        assert_eq!(table_key("PageUp", true, 3, 10, 5), Some(TableKey::Row(0)));
        assert_eq!(table_key("Home", true, 7, 10, 5), Some(TableKey::Row(0)));
        assert_eq!(table_key("End", true, 2, 10, 5), Some(TableKey::Row(9)));
    }

    #[test]
    fn a_page_of_nothing_still_moves_one_row() {
        assert_eq!(table_key("PageDown", true, 3, 10, 0), Some(TableKey::Row(4)));
    }

    #[test]
    fn the_row_opens_selects_and_steps_into_its_controls() {
        assert_eq!(table_key("Enter", true, 0, 1, 5), Some(TableKey::Open));
        assert_eq!(table_key(" ", true, 0, 1, 5), Some(TableKey::Select));
        assert_eq!(table_key("ArrowRight", true, 0, 1, 5), Some(TableKey::Control(1)));
        assert_eq!(table_key("ArrowLeft", true, 0, 1, 5), None);
        assert_eq!(table_key("Escape", true, 0, 1, 5), None);
    }

    #[test]
    fn a_control_keeps_its_own_keys_and_arrows_move_on() {
        assert_eq!(table_key("Enter", false, 0, 3, 5), None);
        assert_eq!(table_key(" ", false, 0, 3, 5), None);
        assert_eq!(table_key("Home", false, 2, 3, 5), None);
        assert_eq!(table_key("ArrowRight", false, 0, 3, 5), Some(TableKey::Control(1)));
        assert_eq!(table_key("ArrowLeft", false, 0, 3, 5), Some(TableKey::Control(-1)));
        assert_eq!(table_key("Escape", false, 0, 3, 5), Some(TableKey::BackToRow));
        assert_eq!(table_key("ArrowDown", false, 0, 3, 5), Some(TableKey::Row(1)));
    }

    #[test]
    fn headings_step_sideways_and_back_down() {
        assert_eq!(heading_key("ArrowRight"), Some(HeadingKey::Step(1)));
        assert_eq!(heading_key("ArrowLeft"), Some(HeadingKey::Step(-1)));
        assert_eq!(heading_key("ArrowDown"), Some(HeadingKey::BackToRows));
        assert_eq!(heading_key("Enter"), None);
    }

    #[test]
    fn an_empty_table_takes_no_keys() {
        assert_eq!(table_key("ArrowDown", true, 0, 0, 5), None);
    }
}
