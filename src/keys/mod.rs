//! Keys logic, free of any view: the table's rows, search, filters and sort, which rows to render,
//! and the view state in the URL; the key form, its validation and its diff; patterns, CIDR
//! ranges, query parameters, expiry arithmetic, and the words and numbers the console shows.

pub mod cidr;
pub mod diff;
pub mod expiry;
pub mod form;
pub mod format;
pub mod patterns;
pub mod query_params;
mod render_window;
mod row;
mod search;
pub mod tray;
mod view_state;

pub use render_window::{Heading, rows_to_render};
pub use row::{KeyRow, Load, Rows, Shown, filtered, seconds_left, short_hash, sorted, visible};
pub use view_state::{ExpiryFilter, Sort, ViewState};
