//! Reusable pieces of the interface. They render; the logic they show lives in `keys`, `algolia`
//! and `session`.

mod clock;
mod field_error;
mod header;
mod idle_lock;
mod key_cells;
mod key_table;
mod key_value;

pub use clock::{Now, provide_clock};
pub use field_error::FieldError;
pub use header::Header;
pub use idle_lock::IdleLock;
pub use key_cells::{AclChips, CreatedAt, ExpiresIn};
pub use key_table::KeyTable;
pub use key_value::KeyValue;
