//! What the listeners share: the application behind one lock, the scripted faults, the addresses.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::extract::FromRef;

use crate::app::App;
use crate::faults::Faults;

pub type SharedApp = Arc<Mutex<App>>;

/// What every listener shares.
#[derive(Clone)]
pub struct Shared {
    pub app: SharedApp,
    pub faults: Arc<Faults>,
    pub addrs: Arc<Vec<SocketAddr>>,
}

impl FromRef<Shared> for SharedApp {
    fn from_ref(shared: &Shared) -> Self {
        shared.app.clone()
    }
}

/// One listener: its position in `--listen` order (0 is the primary host) and the shared state.
#[derive(Clone)]
pub struct Listener {
    pub index: usize,
    pub shared: Shared,
}

/// Locks the application and brings it up to date. A poisoned lock still holds consistent data
/// (no handler panics while writing), so it is used rather than failing every later request.
pub fn lock(app: &SharedApp) -> MutexGuard<'_, App> {
    let mut guard = app.lock().unwrap_or_else(|e| e.into_inner());
    guard.settle();
    guard
}
