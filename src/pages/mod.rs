//! One file per route.

mod app_layout;
mod audit;
mod compare;
mod connect;
mod copy;
mod files;
mod key_detail;
mod key_form;
mod keys;
mod not_found;
mod restore;
mod roll;
mod secured;

pub use app_layout::AppLayout;
pub use audit::AuditPage;
pub use compare::ComparePage;
pub use connect::ConnectPage;
pub use copy::CopyPage;
pub use files::{ExportPage, ImportPage};
pub use key_detail::KeyDetailPage;
pub use key_form::{EditKeyPage, NewKeyPage};
pub use keys::KeysPage;
pub use not_found::NotFound;
pub use restore::RestorePage;
pub use roll::RollPage;
pub use secured::SecuredPage;
