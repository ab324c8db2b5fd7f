//! The keys table's logic: a key prepared as a row once per load, search over one shared text,
//! filters and sort, which rows to render, and the view state kept in the URL.

mod render_window;
mod row;
mod search;
mod view_state;

pub use render_window::{Heading, rows_to_render};
pub use row::{KeyRow, Load, Rows, Shown, filtered, seconds_left, short_hash, sorted, visible};
pub use search::SearchText;
pub use view_state::{ExpiryFilter, Sort, ViewState};
