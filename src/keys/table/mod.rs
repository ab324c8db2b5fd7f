//! The keys table's logic: a key prepared as a row once per load, search over one shared text,
//! filters and sort, which rows to render, its keyboard, and the view state kept in the URL.

mod chips;
mod keyboard;
mod render_window;
mod row;
mod search;
mod view_state;

pub use chips::chips_that_fit;
pub use keyboard::{HeadingKey, SHORTCUTS, TableKey, heading_key, table_key};
pub use render_window::{Heading, rows_to_render};
pub use row::{KeyRow, Load, Rows, Shown, filtered, seconds_left, short_hash, sorted, visible};
pub use search::SearchText;
pub use view_state::{ExpiryFilter, Sort, ViewState};
