//! The application's state at rest: what a data or seed file holds, and what `reset` goes back to.
//! It has its own module so that the application and the data file both use it without either
//! depending on the other.

use serde::{Deserialize, Serialize};

use crate::index::Index;
use crate::store::Store;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Snapshot {
    pub keys: Store,
    pub indices: Vec<Index>,
    #[serde(default)]
    pub clock_offset_ms: i64,
}

impl Snapshot {
    /// The same state made `delta_ms` later: creation dates, expiries and deletions all move.
    pub fn shifted(mut self, delta_ms: i64) -> Self {
        self.keys.shift(delta_ms);
        for index in &mut self.indices {
            index.created_at_ms += delta_ms;
            index.updated_at_ms += delta_ms;
        }
        self
    }
}
