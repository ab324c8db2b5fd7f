//! Waiting for a change to show: Algolia applies writes asynchronously and returns no task to wait
//! on, so the official clients poll `GET /1/keys/{key}` until the key looks as it should.

use super::key::{ApiKey, KeyBody};

/// The official helper gives up after this many checks.
pub const MAX_POLLS: u32 = 100;

/// After a write whose answer could not be read: about six seconds of checks (200 ms, 400 ms, …),
/// long enough for a change that was applied to spread, short enough to keep the user waiting little.
pub const CHECKS_AFTER_UNKNOWN: u32 = 8;

/// The wait before check number `retry` (from 1): `min(retry × 200 ms, 5 s)`.
pub fn poll_delay_ms(retry: u32) -> u32 {
    retry.saturating_mul(200).min(5_000)
}

/// The change being waited for.
#[derive(Clone, Debug, PartialEq)]
pub enum Awaited {
    /// A created or restored key: done when it can be read.
    Added,
    /// An update: done when the key reads back as sent.
    Updated(Box<KeyBody>),
    /// A deleted key: done when it can no longer be read.
    Deleted,
}

impl Awaited {
    /// Whether the key as read (`None`: 404) shows the change, `elapsed_s` seconds after it was sent.
    pub fn is_visible(&self, found: Option<&ApiKey>, elapsed_s: u64) -> bool {
        match (self, found) {
            (Awaited::Added, found) => found.is_some(),
            (Awaited::Deleted, found) => found.is_none(),
            // The validity read back has counted down since the update: allow for that, and a little.
            (Awaited::Updated(body), Some(key)) => body.is_applied_in(key, elapsed_s + 2),
            (Awaited::Updated(_), None) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_by_200_ms_up_to_5_s() {
        assert_eq!(poll_delay_ms(1), 200);
        assert_eq!(poll_delay_ms(10), 2_000);
        assert_eq!(poll_delay_ms(25), 5_000);
        assert_eq!(poll_delay_ms(99), 5_000);
    }

    #[test]
    fn what_counts_as_done() {
        let key = ApiKey { acl: vec!["search".into()], ..ApiKey::default() };
        assert!(Awaited::Added.is_visible(Some(&key), 0));
        assert!(!Awaited::Added.is_visible(None, 0));
        assert!(Awaited::Deleted.is_visible(None, 0));
        assert!(!Awaited::Deleted.is_visible(Some(&key), 0));
        let sent = KeyBody { acl: vec!["search".into()], validity: 60, ..KeyBody::default() };
        let updated = Awaited::Updated(Box::new(sent));
        assert!(updated.is_visible(Some(&ApiKey { validity: 57, ..key.clone() }), 1));
        assert!(!updated.is_visible(Some(&ApiKey { validity: 0, ..key.clone() }), 1));
        assert!(!updated.is_visible(None, 1));
    }
}
