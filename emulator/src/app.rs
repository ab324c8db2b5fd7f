//! The emulated application: its keys as written (primary) and as readers see them (visible), the
//! propagation queue between the two, its indices, its clock, and its optional data file.

use std::collections::VecDeque;
use std::io;
use std::path::PathBuf;

use rand::RngCore;

use crate::clock::Clock;
use crate::error::ApiError;
use crate::index::Index;
use crate::key::{Key, KeyRequest};
use crate::persist;
use crate::snapshot::Snapshot;
use crate::store::{Change, Store};

pub struct App {
    pub app_id: String,
    pub admin_key: String,
    primary: Store,
    visible: Store,
    /// Writes not yet visible, with the emulator time at which they become so.
    pending: VecDeque<(i64, Change)>,
    indices: Vec<Index>,
    clock: Clock,
    propagation_ms: i64,
    /// The delay given on the command line, which `reset` restores.
    configured_propagation_ms: i64,
    initial: Snapshot,
    /// Wall-clock time when `initial` was current.
    initial_at_ms: i64,
    data_file: Option<PathBuf>,
}

impl App {
    pub fn new(
        app_id: String,
        admin_key: String,
        snapshot: Snapshot,
        propagation_ms: u64,
        data_file: Option<PathBuf>,
    ) -> Self {
        let clock = Clock::with_offset(snapshot.clock_offset_ms);
        Self {
            app_id,
            admin_key,
            primary: snapshot.keys.clone(),
            visible: snapshot.keys.clone(),
            pending: VecDeque::new(),
            indices: snapshot.indices.clone(),
            clock,
            propagation_ms: propagation_ms as i64,
            configured_propagation_ms: propagation_ms as i64,
            initial: snapshot,
            initial_at_ms: Clock::default().now_ms(),
            data_file,
        }
    }

    /// Replaces the current state with a saved one; `reset` still goes back to the initial state.
    pub fn load(&mut self, saved: Snapshot) {
        self.clock = Clock::with_offset(saved.clock_offset_ms);
        self.primary = saved.keys.clone();
        self.visible = saved.keys;
        self.indices = saved.indices;
        self.pending.clear();
    }

    pub fn now_ms(&self) -> i64 {
        self.clock.now_ms()
    }

    /// Brings the visible copy up to date with what has propagated, and expires keys in both.
    pub fn settle(&mut self) {
        let now = self.now_ms();
        while self.pending.front().is_some_and(|(due, _)| *due <= now) {
            if let Some((_, change)) = self.pending.pop_front() {
                self.visible.apply(change);
            }
        }
        self.primary.expire(now);
        self.visible.expire(now);
    }

    pub fn visible_key(&self, value: &str) -> Option<&Key> {
        self.visible.live(value)
    }

    pub fn visible_keys(&self) -> Vec<&Key> {
        self.visible.list()
    }

    pub fn indices(&self) -> &[Index] {
        &self.indices
    }

    pub fn create(&mut self, request: KeyRequest) -> io::Result<Key> {
        let now = self.now_ms();
        let value = loop {
            let value = new_key_value();
            if !self.primary.contains_value(&value) && value != self.admin_key {
                break value;
            }
        };
        let key = Key {
            value,
            created_at: now.div_euclid(1000),
            expires_at_ms: expiry(now, request.validity),
            seq: self.primary.next_seq(),
            settings: request.settings,
        };
        self.write(Change::Put(Box::new(key.clone())))?;
        Ok(key)
    }

    /// Replaces every setting of the key: what the request leaves out goes back to its default.
    pub fn update(&mut self, value: &str, request: KeyRequest) -> Result<Key, WriteError> {
        let now = self.now_ms();
        let existing = self.primary.live(value).ok_or_else(ApiError::key_does_not_exist)?;
        let key = Key {
            expires_at_ms: expiry(now, request.validity),
            settings: request.settings,
            ..existing.clone()
        };
        self.write(Change::Put(Box::new(key.clone())))?;
        Ok(key)
    }

    pub fn delete(&mut self, value: &str) -> Result<i64, WriteError> {
        if self.primary.live(value).is_none() {
            return Err(ApiError::key_does_not_exist().into());
        }
        let at_ms = self.now_ms();
        self.write(Change::Delete { value: value.to_owned(), at_ms })?;
        Ok(at_ms)
    }

    /// Brings a deleted or expired key back with its settings, never expiring. While its deletion
    /// has not yet propagated, readers still see it, and Algolia answers "Key already exists".
    pub fn restore(&mut self, value: &str) -> Result<Key, WriteError> {
        if self.visible.live(value).is_some() || self.primary.live(value).is_some() {
            return Err(ApiError::key_already_exists().into());
        }
        let deleted = self.primary.deleted(value).ok_or_else(ApiError::key_does_not_exist)?;
        let key = Key { expires_at_ms: None, ..deleted.key.clone() };
        self.write(Change::Put(Box::new(key.clone())))?;
        Ok(key)
    }

    /// Back to the initial state as if it had been made now, so countdowns start again from where
    /// they started (a key that expired in 40 minutes expires in 40 minutes again).
    pub fn reset(&mut self) -> io::Result<()> {
        self.propagation_ms = self.configured_propagation_ms;
        let elapsed = Clock::default().now_ms() - self.initial_at_ms;
        self.load(self.initial.clone().shifted(elapsed));
        self.save()
    }

    /// Changes the propagation delay of writes accepted from now on.
    pub fn set_propagation_ms(&mut self, ms: u64) {
        self.propagation_ms = ms as i64;
    }

    pub fn advance_clock(&mut self, ms: i64) -> io::Result<()> {
        self.clock.advance(ms);
        self.settle();
        self.save()
    }

    pub fn live_key_count(&self) -> usize {
        self.primary.live_count()
    }

    fn write(&mut self, change: Change) -> io::Result<()> {
        self.primary.apply(change.clone());
        if self.propagation_ms == 0 {
            self.visible.apply(change);
        } else {
            self.pending.push_back((self.now_ms() + self.propagation_ms, change));
        }
        self.save()
    }

    /// Writes the primary copy to the data file, if there is one. Pending propagation is not kept:
    /// after a restart every accepted write is visible.
    pub fn save(&self) -> io::Result<()> {
        let Some(path) = &self.data_file else { return Ok(()) };
        let snapshot = Snapshot {
            keys: self.primary.clone(),
            indices: self.indices.clone(),
            clock_offset_ms: self.clock.offset_ms(),
        };
        persist::write_atomically(path, &snapshot)
    }
}

/// A failed write: either the client's fault, or the data file could not be written.
#[derive(Debug)]
pub enum WriteError {
    Api(ApiError),
    Io(io::Error),
}

impl From<ApiError> for WriteError {
    fn from(e: ApiError) -> Self {
        Self::Api(e)
    }
}

impl From<io::Error> for WriteError {
    fn from(e: io::Error) -> Self {
        Self::Io(e)
    }
}

fn expiry(now_ms: i64, validity: u64) -> Option<i64> {
    (validity > 0).then(|| now_ms + validity as i64 * 1000)
}

/// 32 lowercase hex characters from the thread's cryptographically secure generator, like Algolia's keys.
pub fn new_key_value() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::key::KeySettings;

    fn app(propagation_ms: u64) -> App {
        App::new("APP".into(), "admin".into(), Snapshot::default(), propagation_ms, None)
    }

    fn request(validity: u64) -> KeyRequest {
        KeyRequest { settings: KeySettings { acl: vec!["search".into()], ..Default::default() }, validity }
    }

    #[test]
    fn key_values_look_like_algolia_keys() {
        let value = new_key_value();
        assert_eq!(value.len(), 32);
        assert!(value.chars().all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c)));
        assert_ne!(value, new_key_value());
    }

    #[test]
    fn writes_wait_for_propagation() {
        let mut app = app(60_000);
        let key = app.create(request(0)).unwrap();
        app.settle();
        assert!(app.visible_key(&key.value).is_none());
        app.advance_clock(60_000).unwrap();
        assert!(app.visible_key(&key.value).is_some());
    }

    #[test]
    fn restore_before_the_delete_propagates_is_refused() {
        let mut app = app(60_000);
        let key = app.create(request(0)).unwrap();
        app.advance_clock(60_000).unwrap();
        app.delete(&key.value).unwrap();
        let Err(WriteError::Api(e)) = app.restore(&key.value) else { panic!("restore succeeded") };
        assert_eq!(e.message, "Key already exists");
        app.advance_clock(60_000).unwrap();
        assert!(app.restore(&key.value).is_ok());
    }

    #[test]
    fn reset_starts_countdowns_again_from_now() {
        let mut initial = Snapshot::default();
        let key = Key {
            value: "k".into(),
            created_at: 0,
            expires_at_ms: Some(Clock::default().now_ms() + 60_000),
            seq: 0,
            settings: KeySettings::default(),
        };
        initial.keys.apply(Change::Put(Box::new(key)));
        let mut app = App::new("APP".into(), "admin".into(), initial, 0, None);
        app.initial_at_ms -= 3_600_000;
        app.advance_clock(30_000).unwrap();
        app.reset().unwrap();
        let left = app.visible_key("k").unwrap().validity_left(app.now_ms());
        assert!((3_659..=3_660).contains(&left), "{left}");
        assert_eq!(app.clock.offset_ms(), 0);
    }

    #[test]
    fn restore_clears_the_expiry() {
        let mut app = app(0);
        let key = app.create(request(10)).unwrap();
        app.advance_clock(10_000).unwrap();
        assert!(app.visible_key(&key.value).is_none());
        let restored = app.restore(&key.value).unwrap();
        assert_eq!(restored.expires_at_ms, None);
        assert_eq!(restored.settings, key.settings);
    }
}
