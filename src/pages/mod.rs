//! One file per route.

mod connect;
mod key_detail;
mod key_form;
mod keys;
mod keys_layout;
mod not_found;
mod restore;
mod secured;

pub use connect::ConnectPage;
pub use key_detail::KeyDetailPage;
pub use key_form::{EditKeyPage, NewKeyPage};
pub use keys::KeysPage;
pub use keys_layout::KeysLayout;
pub use not_found::NotFound;
pub use restore::RestorePage;
pub use secured::SecuredPage;
