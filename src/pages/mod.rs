//! One file per route.

mod connect;
mod key_detail;
mod keys;
mod keys_layout;
mod not_found;

pub use connect::ConnectPage;
pub use key_detail::KeyDetailPage;
pub use keys::KeysPage;
pub use keys_layout::KeysLayout;
pub use not_found::NotFound;
