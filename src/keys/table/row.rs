//! A key prepared for the table: its expiry instant and the search text of its load are computed
//! once per load, so a keystroke only scans one string; its short hash when first asked for, since
//! only the rows shown and a lookup by hash need it.

use std::ops::Deref;
use std::sync::{Arc, OnceLock};

use sha2::{Digest, Sha256};

use super::search::SearchText;
use super::view_state::{ExpiryFilter, Sort, ViewState};
use crate::algolia::ApiKey;
use crate::audit::rules::{Finding, Findings, summary};
use crate::text::lowercase;

const DAY_MS: f64 = 86_400_000.0;

#[derive(Clone, Debug)]
pub struct KeyRow {
    pub key: ApiKey,
    /// `None` never expires.
    pub expires_at_ms: Option<f64>,
    hash: OnceLock<String>,
}

/// Equal when the key and its expiry are: the hash follows from the key, whether computed yet or not.
impl PartialEq for KeyRow {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key && self.expires_at_ms == other.expires_at_ms
    }
}

/// The first 12 hex digits of the SHA-256 of a key's value: enough to tell keys apart, useless for
/// recovering the key.
pub fn short_hash(value: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(value.as_bytes());
    digest[..6]
        .iter()
        .flat_map(|b| [HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]])
        .map(char::from)
        .collect()
}

impl KeyRow {
    /// `read_at_ms` is when the key was read: its `validity` counted down from then.
    pub fn new(key: ApiKey, read_at_ms: f64) -> Self {
        let expires_at_ms = (key.validity > 0).then_some(read_at_ms + key.validity as f64 * 1000.0);
        Self { expires_at_ms, key, hash: OnceLock::new() }
    }

    /// Identifies the key in URLs without revealing it.
    pub fn hash(&self) -> &str {
        self.hash.get_or_init(|| short_hash(&self.key.value))
    }

    /// Whether a later load shows the same key: the settings as read and the expiry instant, which
    /// is computed from a countdown and so moves by the time between reads and their rounding.
    pub fn same_as(&self, other: &KeyRow) -> bool {
        let same_instant = match (self.expires_at_ms, other.expires_at_ms) {
            (Some(a), Some(b)) => (a - b).abs() < 2_000.0,
            (a, b) => a.is_none() && b.is_none(),
        };
        same_instant && self.key == ApiKey { validity: self.key.validity, ..other.key.clone() }
    }

    /// What a search looks in: value, description, ACL, indices and referers.
    fn searched(&self) -> impl Iterator<Item = &str> {
        let key = &self.key;
        [&key.value, &key.description]
            .into_iter()
            .chain(&key.acl)
            .chain(&key.indexes)
            .chain(&key.referers)
            .map(String::as_str)
    }

    pub fn is_unrestricted(&self) -> bool {
        self.key.indexes.is_empty() && self.key.referers.is_empty()
    }

    pub fn seconds_left(&self, now_ms: f64) -> Option<u64> {
        seconds_left(self.expires_at_ms, now_ms)
    }

    fn passes_filters(&self, state: &ViewState, now_ms: f64) -> bool {
        state.acl.as_ref().is_none_or(|acl| self.key.acl.contains(acl))
            && (!state.unrestricted || self.is_unrestricted())
            && match state.expiry {
                ExpiryFilter::Any => true,
                ExpiryFilter::Never => self.expires_at_ms.is_none(),
                ExpiryFilter::Within(days) => self
                    .expires_at_ms
                    .is_some_and(|at| at > now_ms && at - now_ms <= f64::from(days) * DAY_MS),
            }
    }
}

/// Seconds left at `now_ms` before `expires_at_ms`; `None` never expires, `Some(0)` has expired.
pub fn seconds_left(expires_at_ms: Option<f64>, now_ms: f64) -> Option<u64> {
    expires_at_ms.map(|at| ((at - now_ms) / 1000.0).ceil().max(0.0) as u64)
}

/// One load of keys: its rows, and their search text.
#[derive(Debug, Default)]
pub struct Load {
    rows: Vec<KeyRow>,
    search: SearchText,
}

impl Load {
    pub fn new(rows: Vec<KeyRow>) -> Self {
        let search = SearchText::new(rows.iter().map(KeyRow::searched));
        Self { rows, search }
    }
}

impl Deref for Load {
    type Target = [KeyRow];

    fn deref(&self) -> &[KeyRow] {
        &self.rows
    }
}

/// Every row of a load, shared cheaply between the views that read it.
pub type Rows = Arc<Load>;

/// What the table shows: the rows of one load and, in display order, the positions of those that
/// pass the search and filters. They travel together so a view never indexes one load's rows with
/// another load's positions.
#[derive(Clone, Debug, Default)]
pub struct Shown {
    pub rows: Rows,
    /// The audit's findings for `rows`, in their order (empty until computed).
    pub findings: Findings,
    pub order: Arc<Vec<usize>>,
}

impl PartialEq for Shown {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.rows, &other.rows)
            && Arc::ptr_eq(&self.findings, &other.findings)
            && self.order == other.order
    }
}

impl Shown {
    pub fn new(rows: Rows, findings: Findings, state: &ViewState, now_ms: f64) -> Self {
        let order = Arc::new(visible(&rows, &findings, state, now_ms));
        Self { rows, findings, order }
    }

    /// Like `new`, from an order already sorted for `state`'s sort.
    pub fn from_sorted(
        rows: Rows,
        findings: Findings,
        sorted: &[usize],
        state: &ViewState,
        now_ms: f64,
    ) -> Self {
        let order = Arc::new(filtered(&rows, &findings, sorted, state, now_ms));
        Self { rows, findings, order }
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The row at a display position.
    pub fn at(&self, position: usize) -> Option<&KeyRow> {
        self.order.get(position).map(|&i| &self.rows[i])
    }
}

/// The positions, in `rows`, of the keys the view state shows, in its order.
pub fn visible(rows: &Load, findings: &[Vec<Finding>], state: &ViewState, now_ms: f64) -> Vec<usize> {
    filtered(rows, findings, &sorted(rows, findings, state.sort, state.descending), state, now_ms)
}

/// Every position in `rows`, in the order of a sort. Computed once per load and sort, so a
/// keystroke in the search only filters.
pub fn sorted(rows: &[KeyRow], findings: &[Vec<Finding>], sort: Sort, descending: bool) -> Vec<usize> {
    // Each sort compares precomputed keys through one comparator: every call of `sort_by` with a
    // closure of its own would add a copy of the sorting code to the bundle.
    enum Keys {
        Number(Vec<f64>),
        Text(Vec<String>),
    }
    let keys = match sort {
        Sort::Created => Keys::Number(rows.iter().map(|r| r.key.created_at_ms.unwrap_or(0.0)).collect()),
        Sort::Description => Keys::Text(rows.iter().map(|r| lowercase(&r.key.description)).collect()),
        // Never-expiring keys have the most time left of all.
        Sort::TimeLeft => {
            Keys::Number(rows.iter().map(|r| r.expires_at_ms.unwrap_or(f64::INFINITY)).collect())
        }
        // By the most severe finding, then by how many there are.
        Sort::Risk => Keys::Number(
            (0..rows.len())
                .map(|i| {
                    findings
                        .get(i)
                        .and_then(|f| summary(f))
                        .map_or(0.0, |(worst, n)| f64::from(worst as u8 + 1) * 1_000.0 + n as f64)
                })
                .collect(),
        ),
    };
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| match &keys {
        Keys::Number(keys) => keys[a].total_cmp(&keys[b]),
        Keys::Text(keys) => keys[a].cmp(&keys[b]),
    });
    if descending {
        order.reverse();
    }
    order
}

/// The positions of `order` whose keys pass the search and filters, in the same order.
pub fn filtered(
    rows: &Load,
    findings: &[Vec<Finding>],
    order: &[usize],
    state: &ViewState,
    now_ms: f64,
) -> Vec<usize> {
    let needle = lowercase(state.search.trim());
    let hits = (!needle.is_empty()).then(|| rows.search.hits(&needle));
    order
        .iter()
        .copied()
        .filter(|&i| {
            hits.as_ref().is_none_or(|hits| hits[i])
                && rows[i].passes_filters(state, now_ms)
                && (!state.findings || findings.get(i).is_some_and(|f| !f.is_empty()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::rules::audit;

    #[test]
    fn a_reload_of_an_unchanged_key_is_the_same_row() {
        let first = KeyRow::new(key("v", "d", 1.0, 3_600), 10_000.0);
        let later = KeyRow::new(key("v", "d", 1.0, 3_590), 20_400.0);
        assert!(first.same_as(&later));
        assert!(!first.same_as(&KeyRow::new(key("v", "renamed", 1.0, 3_590), 20_400.0)));
        assert!(!first.same_as(&KeyRow::new(key("v", "d", 1.0, 3_500), 20_400.0)));
        assert!(!first.same_as(&KeyRow::new(key("v", "d", 1.0, 0), 20_400.0)));
    }

    fn key(value: &str, description: &str, created_s: f64, validity: u64) -> ApiKey {
        ApiKey {
            value: value.into(),
            description: description.into(),
            created_at_ms: Some(created_s * 1000.0),
            acl: vec!["search".into()],
            validity,
            ..ApiKey::default()
        }
    }

    fn rows() -> Load {
        let mut restricted = key("c3", "Backend Writer", 300.0, 0);
        restricted.acl = vec!["addObject".into()];
        restricted.indexes = vec!["prod_*".into()];
        let mut limited = key("b2", "analytics", 200.0, 20 * 86_400);
        limited.max_queries_per_ip_per_hour = 100;
        Load::new(vec![
            KeyRow::new(key("a1", "website", 100.0, 3 * 86_400), 0.0),
            KeyRow::new(limited, 0.0),
            KeyRow::new(restricted, 0.0),
        ])
    }

    fn shown(state: &ViewState) -> Vec<usize> {
        let rows = rows();
        visible(&rows, &audit(&rows, None, 0.0), state, 0.0)
    }

    #[test]
    fn searches_value_description_acl_indices_and_referers_case_insensitively() {
        let search = |s: &str| shown(&ViewState { search: s.into(), ..ViewState::default() });
        assert_eq!(search("WRITER"), [2]);
        assert_eq!(search("prod_"), [2]);
        assert_eq!(search("a1"), [0]);
        assert_eq!(search("addobject"), [2]);
        assert_eq!(search("  "), [2, 1, 0]);
        assert!(search("nothing like it").is_empty());
    }

    #[test]
    fn sorts_by_created_description_and_time_left() {
        assert_eq!(shown(&ViewState::default()), [2, 1, 0], "newest first by default");
        let by = |sort, descending| shown(&ViewState { sort, descending, ..ViewState::default() });
        assert_eq!(by(Sort::Description, false), [1, 2, 0]);
        assert_eq!(by(Sort::TimeLeft, false), [0, 1, 2], "never-expiring last");
        assert_eq!(by(Sort::Created, false), [0, 1, 2]);
    }

    #[test]
    fn sorts_by_risk_and_filters_keys_with_findings() {
        // a1: an open search key expiring soon (medium, 2); c3: a write that never expires
        // (medium, 1); b2: rate-limited, nothing.
        let risk = shown(&ViewState { sort: Sort::Risk, descending: true, ..ViewState::default() });
        assert_eq!(risk, [0, 2, 1]);
        assert_eq!(shown(&ViewState { findings: true, ..ViewState::default() }), [2, 0]);
    }

    #[test]
    fn filters() {
        let acl = shown(&ViewState { acl: Some("addObject".into()), ..ViewState::default() });
        assert_eq!(acl, [2]);
        let week = shown(&ViewState { expiry: ExpiryFilter::Within(7), ..ViewState::default() });
        assert_eq!(week, [0]);
        let month = shown(&ViewState { expiry: ExpiryFilter::Within(30), ..ViewState::default() });
        assert_eq!(month, [1, 0]);
        let never = shown(&ViewState { expiry: ExpiryFilter::Never, ..ViewState::default() });
        assert_eq!(never, [2]);
        let open = shown(&ViewState { unrestricted: true, ..ViewState::default() });
        assert_eq!(open, [1, 0]);
    }

    #[test]
    fn shown_rows_stay_with_their_load() {
        let rows: Rows = Arc::new(rows());
        let state = ViewState { search: "writer".into(), ..ViewState::default() };
        let findings = Findings::default();
        let shown = Shown::new(rows.clone(), findings.clone(), &state, 0.0);
        assert_eq!(shown.at(0).map(|r| r.key.value.as_str()), Some("c3"));
        assert_eq!(shown.at(1), None);
        assert_eq!(shown, Shown::new(rows, findings.clone(), &state, 0.0));
        let other = Shown::new(Arc::new(self::rows()), findings, &state, 0.0);
        assert_ne!(shown, other, "another load is another table");
    }

    #[test]
    fn expiry_counts_down_from_the_read() {
        let row = KeyRow::new(key("a", "", 0.0, 60), 10_000.0);
        assert_eq!(row.seconds_left(10_000.0), Some(60));
        assert_eq!(row.seconds_left(40_500.0), Some(30));
        assert_eq!(row.seconds_left(80_000.0), Some(0));
        assert_eq!(KeyRow::new(key("b", "", 0.0, 0), 0.0).seconds_left(1e12), None);
    }

    #[test]
    fn short_hashes_are_stable_and_hide_the_key() {
        assert_eq!(short_hash("abc"), "ba7816bf8f01");
        assert_eq!(short_hash("abc").len(), 12);
    }
}
