//! The keys table is one tab stop, its focused row: the controls inside a row leave the tab order
//! and are reached with the arrow keys instead (`keys::table::keyboard`). The shared pieces a row
//! shows (a key's value, a time) ask here which `tabindex` to take.

use leptos::prelude::*;

/// In context inside a keys table row: also the room its ACL cell has for chips, in CSS pixels.
#[derive(Clone, Copy)]
pub struct InTableRow {
    pub acl_room: RwSignal<usize>,
}

/// Whether this is rendered inside a keys table row (whose narrow cells take short forms).
pub fn in_table_row() -> bool {
    use_context::<InTableRow>().is_some()
}

/// A control's `tabindex`: out of the tab order (`-1`) inside a table row, `default` elsewhere
/// (None: no attribute).
pub fn tab_index(default: Option<&'static str>) -> Option<&'static str> {
    if in_table_row() { Some("-1") } else { default }
}
