//! The keys table's logic, free of any view: rows prepared once per load, the view state that lives
//! in the URL, filtering and sorting, and the words and numbers the table shows.

pub mod format;
pub mod query_params;
mod row;
mod view_state;

pub use row::{KeyRow, Rows, Shown, seconds_left, short_hash, visible};
pub use view_state::{ExpiryFilter, Sort, ViewState};
