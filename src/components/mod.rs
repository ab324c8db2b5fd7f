//! Reusable pieces of the interface. They render; the logic they show lives in `keys`, `algolia`
//! and `session`.

mod acl_picker;
mod batch_run;
mod clock;
mod copy_button;
mod deleted_tray;
mod dialog;
mod diff_table;
mod expiry_picker;
mod field_error;
mod header;
mod idle_lock;
mod key_cells;
mod key_table;
mod key_value;
mod keyed_list;
mod other_app;
mod pattern_list;
mod query_params_editor;
mod read_problems;
mod roving;
mod text_field;
mod write_progress;

pub use acl_picker::AclPicker;
pub use batch_run::BatchRun;
pub use clock::{Now, provide_clock};
pub use copy_button::CopyButton;
pub use deleted_tray::DeletedTray;
pub use dialog::{ConfirmDialog, ShortcutsDialog};
pub use diff_table::DiffTable;
pub use expiry_picker::ExpiryPicker;
pub use field_error::FieldError;
pub use header::Header;
pub use idle_lock::IdleLock;
pub use key_cells::{AclChips, CreatedAt, ExpiresIn, FindingsBadge};
pub use key_table::KeyTable;
pub use key_value::KeyValue;
pub use keyed_list::KeyedList;
pub use other_app::OtherApp;
pub use pattern_list::PatternList;
pub use query_params_editor::QueryParamsEditor;
pub use read_problems::ReadProblems;
pub use roving::{InTableRow, in_table_row, tab_index};
pub use text_field::TextField;
pub use write_progress::WriteProgress;
