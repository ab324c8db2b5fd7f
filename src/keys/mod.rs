//! Keys logic, free of any view. `table/` prepares the list (rows, search, filters, sort, which rows
//! to render, the view state in the URL); `form/` turns a key into an editable form (held as one
//! signal per field) and back, and says what an update changes. Beside them, the rules both use:
//! index and referer patterns, CIDR ranges, forced query parameters, expiry arithmetic, the deleted
//! tray, rolling a key, and the words and numbers the console shows.

pub mod cidr;
pub mod compare;
pub mod copy;
pub mod definitions;
pub mod expiry;
pub mod form;
pub mod format;
pub mod patterns;
pub mod query_params;
pub mod roll;
pub mod table;
pub mod tray;

pub use table::{
    ExpiryFilter, Heading, HeadingKey, KeyRow, Load, Rows, SHORTCUTS, Shown, Sort, TableKey, ViewState,
    chips_that_fit, filtered, heading_key, rows_to_render, seconds_left, short_hash, sorted, table_key,
    visible,
};
