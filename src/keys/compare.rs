//! Two applications' keys side by side: which key of one is meant to mirror which of the other,
//! and how each pair differs. Keys are matched by description and, failing that, by identical
//! settings; their values are never compared (each application has its own).

use super::form::diff::{Change, diff};
use super::table::{KeyRow, Rows, SearchText, Sort, sorted};
use crate::algolia::{ApiKey, KeyBody};
use crate::text::lowercase;

/// One comparison of two loads: the loads, their groups, and what a search looks in on each side.
/// Made once per pair of loads; a keystroke only filters it.
pub struct Compared {
    pub a: Rows,
    pub b: Rows,
    pub groups: Comparison,
    search_a: SearchText,
    search_b: SearchText,
}

impl Compared {
    pub fn new(a: Rows, b: Rows) -> Self {
        let groups = compare(&a, &b);
        let (search_a, search_b) = (search_text(&a), search_text(&b));
        Self { a, b, groups, search_a, search_b }
    }

    /// The groups, keeping the keys whose description, ACL, indices or referers hold `search`;
    /// a pair stays when either of its keys does.
    pub fn filter(&self, search: &str) -> Comparison {
        let needle = lowercase(search.trim());
        if needle.is_empty() {
            return self.groups.clone();
        }
        let (in_a, in_b) = (self.search_a.hits(&needle), self.search_b.hits(&needle));
        let pairs = |pairs: &[Pair]| pairs.iter().copied().filter(|p| in_a[p.a] || in_b[p.b]).collect();
        Comparison {
            only_a: self.groups.only_a.iter().copied().filter(|&i| in_a[i]).collect(),
            only_b: self.groups.only_b.iter().copied().filter(|&j| in_b[j]).collect(),
            different: pairs(&self.groups.different),
            same: pairs(&self.groups.same),
        }
    }
}

/// A key of A and the key of B it was matched with, by their positions in each load.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Pair {
    pub a: usize,
    pub b: usize,
}

/// The groups of a comparison, each by description (case aside).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Comparison {
    pub only_a: Vec<usize>,
    pub only_b: Vec<usize>,
    pub different: Vec<Pair>,
    pub same: Vec<Pair>,
}

/// The groups a comparison shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Group {
    OnlyA,
    OnlyB,
    Different,
    Same,
}

impl Comparison {
    pub fn len(&self, group: Group) -> usize {
        match group {
            Group::OnlyA => self.only_a.len(),
            Group::OnlyB => self.only_b.len(),
            Group::Different => self.different.len(),
            Group::Same => self.same.len(),
        }
    }

    /// The key at position `at` of a group, as its positions in A and in B (`None` on the side
    /// that has no such key).
    pub fn entry(&self, group: Group, at: usize) -> Option<(Option<usize>, Option<usize>)> {
        let pair = |pairs: &[Pair]| pairs.get(at).map(|p| (Some(p.a), Some(p.b)));
        match group {
            Group::OnlyA => self.only_a.get(at).map(|&i| (Some(i), None)),
            Group::OnlyB => self.only_b.get(at).map(|&j| (None, Some(j))),
            Group::Different => pair(&self.different),
            Group::Same => pair(&self.same),
        }
    }

    /// The first `count` keys of a group, each as `entry` gives it.
    pub fn entries(&self, group: Group, count: usize) -> Vec<(Option<usize>, Option<usize>)> {
        (0..count.min(self.len(group))).filter_map(|at| self.entry(group, at)).collect()
    }
}

/// Matches the keys of `a` with those of `b`. A description names a key's purpose, so keys with
/// the same one are paired first (identical ones before the others when a description is used more
/// than once); keys left over are paired when their settings, description aside, are identical.
pub fn compare(a: &[KeyRow], b: &[KeyRow]) -> Comparison {
    let order_a = sorted(a, &[], Sort::Description, false);
    let order_b = sorted(b, &[], Sort::Description, false);
    let mut partner: Vec<Option<usize>> = vec![None; a.len()];
    let mut taken = vec![false; b.len()];

    let by_description = Groups::new(
        order_b
            .iter()
            .map(|&j| (b[j].key.description.as_str(), j))
            .filter(|(description, _)| !description.is_empty()),
    );
    // Identical keys first, over the whole load, so that a description used more than once never
    // pairs a key with another's twin.
    for identical_only in [true, false] {
        for &i in &order_a {
            if partner[i].is_some() {
                continue;
            }
            let mut free = by_description.get(a[i].key.description.as_str()).filter(|&j| !taken[j]);
            if let Some(j) = free.find(|&j| !identical_only || same_definition(&a[i], &b[j])) {
                taken[j] = true;
                partner[i] = Some(j);
            }
        }
    }

    // Grouped by `&str` like the descriptions above, so that one `Groups` type serves both.
    let signatures: Vec<(usize, String)> =
        order_b.iter().filter(|&&j| !taken[j]).map(|&j| (j, settings_signature(&b[j]))).collect();
    let by_settings = Groups::new(signatures.iter().map(|(j, signature)| (signature.as_str(), *j)));
    for &i in &order_a {
        if partner[i].is_some() {
            continue;
        }
        if let Some(j) = by_settings.get(&settings_signature(&a[i])).find(|&j| !taken[j]) {
            taken[j] = true;
            partner[i] = Some(j);
        }
    }

    let mut comparison = Comparison::default();
    for &i in &order_a {
        match partner[i] {
            None => comparison.only_a.push(i),
            Some(j) if same_definition(&a[i], &b[j]) => comparison.same.push(Pair { a: i, b: j }),
            Some(j) => comparison.different.push(Pair { a: i, b: j }),
        }
    }
    comparison.only_b = order_b.into_iter().filter(|&j| !taken[j]).collect();
    comparison
}

/// Indices of keys grouped by a text, each group in the order given: a list sorted by text and
/// searched by binary search (a `HashMap` would bring its own hashing code into the bundle).
struct Groups<'a>(Vec<(&'a str, usize)>);

impl<'a> Groups<'a> {
    fn new(entries: impl Iterator<Item = (&'a str, usize)>) -> Self {
        let mut entries: Vec<_> = entries.collect();
        // A stable sort, so that each group keeps the order given.
        entries.sort_by_key(|&(text, _)| text);
        Groups(entries)
    }

    /// The group of `text`, in the order given; none when no entry has it.
    fn get(&self, text: &str) -> impl Iterator<Item = usize> + '_ {
        let start = self.0.partition_point(|&(t, _)| t < text);
        let len = self.0[start..].partition_point(|&(t, _)| t == text);
        self.0[start..start + len].iter().map(|&(_, j)| j)
    }
}

/// How the keys of a pair differ, field by field, as the edit form shows a change. The ACL is a
/// set; the expiry is compared as "never" or "at some time" only, since two keys made at different
/// times expire at different instants whatever their definitions.
pub fn changes(a: &KeyRow, b: &KeyRow) -> Vec<Change> {
    let (expiry_a, expiry_b) = match (a.expires_at_ms, b.expires_at_ms) {
        (Some(_), Some(_)) => (None, None),
        other => other,
    };
    let key_a = ApiKey { acl: in_order(&a.key.acl), ..a.key.clone() };
    let body_b = KeyBody { acl: in_order(&b.key.acl), ..KeyBody::from_key(&b.key, b.key.validity) };
    diff(&key_a, expiry_a, &body_b, expiry_b).changes
}

/// Whether two keys have the same definition: every setting, their values and expiry instants aside.
pub fn same_definition(a: &KeyRow, b: &KeyRow) -> bool {
    a.key.description == b.key.description
        && same_settings(&a.key, &b.key)
        && a.expires_at_ms.is_some() == b.expires_at_ms.is_some()
}

fn same_settings(a: &ApiKey, b: &ApiKey) -> bool {
    let same_acl = a.acl.len() == b.acl.len() && a.acl.iter().all(|acl| b.acl.contains(acl));
    same_acl
        && a.indexes == b.indexes
        && a.referers == b.referers
        && a.query_parameters == b.query_parameters
        && a.max_hits_per_query == b.max_hits_per_query
        && a.max_queries_per_ip_per_hour == b.max_queries_per_ip_per_hour
        && a.extra.same_values(&b.extra)
}

/// The settings of a key but its description, as one text: keys with identical settings have the
/// same. Unknown fields count as written, so the same values written differently do not match.
pub(crate) fn settings_signature(row: &KeyRow) -> String {
    let key = &row.key;
    let acl = in_order(&key.acl);
    // The parts are separated by control characters, which key settings do not hold in practice.
    // A rare false match would hide nothing: a pair is then listed as different, with its diff.
    let mut signature = format!(
        "{}\u{1}{}\u{1}{}\u{1}{}\u{1}{}\u{1}{}\u{1}{}",
        acl.join("\u{2}"),
        key.indexes.join("\u{2}"),
        key.referers.join("\u{2}"),
        key.query_parameters,
        key.max_hits_per_query,
        key.max_queries_per_ip_per_hour,
        row.expires_at_ms.is_some(),
    );
    for (name, raw) in key.extra.fields() {
        signature.push('\u{1}');
        signature.push_str(name);
        signature.push('\u{2}');
        signature.push_str(raw);
    }
    signature
}

/// The items sorted, by insertion: a few ACL names, and a sort of its own would add its code to the
/// bundle.
fn in_order(items: &[String]) -> Vec<String> {
    let mut sorted: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        let at = sorted.binary_search(item).unwrap_or_else(|at| at);
        sorted.insert(at, item.clone());
    }
    sorted
}

/// What the comparison's search looks in, for each key of one side: its description, ACL, indices
/// and referers; never its value.
fn search_text(rows: &[KeyRow]) -> SearchText {
    SearchText::new(rows.iter().map(|row| {
        let key = &row.key;
        std::iter::once(&key.description)
            .chain(&key.acl)
            .chain(&key.indexes)
            .chain(&key.referers)
            .map(String::as_str)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(description: &str, acl: &[&str], indexes: &[&str]) -> KeyRow {
        KeyRow::new(
            ApiKey {
                value: format!("value-of-{description}"),
                description: description.into(),
                acl: acl.iter().map(|a| a.to_string()).collect(),
                indexes: indexes.iter().map(|a| a.to_string()).collect(),
                ..ApiKey::default()
            },
            0.0,
        )
    }

    #[test]
    fn groups_keep_the_order_given_within_each_text() {
        let groups = Groups::new([("b", 0), ("a", 1), ("b", 2), ("c", 3), ("b", 4)].into_iter());
        assert_eq!(groups.get("b").collect::<Vec<_>>(), [0, 2, 4]);
        assert_eq!(groups.get("a").collect::<Vec<_>>(), [1]);
        assert_eq!(groups.get("bb").count(), 0);
    }

    #[test]
    fn keys_pair_by_description_then_by_settings() {
        let a = vec![
            row("Search", &["search"], &["prod_*"]),
            row("Analytics", &["analytics"], &[]),
            row("Only here", &["addObject"], &[]),
            row("Old name", &["browse"], &["docs"]),
        ];
        let b = vec![
            row("Analytics", &["analytics", "listIndexes"], &[]),
            row("New name", &["browse"], &["docs"]),
            row("search", &["search"], &["prod_*"]),
            row("Only there", &["deleteObject"], &[]),
            row("Search", &["search"], &["prod_*"]),
        ];
        let c = compare(&a, &b);
        assert_eq!(c.same, vec![Pair { a: 0, b: 4 }], "exact description, identical settings");
        assert_eq!(c.different, vec![Pair { a: 1, b: 0 }, Pair { a: 3, b: 1 }]);
        assert_eq!(c.only_a, vec![2]);
        assert_eq!(c.only_b, vec![3, 2], "in description order: “Only there” < “search”");
    }

    #[test]
    fn a_description_used_twice_pairs_identical_keys_first() {
        let a = vec![row("Widget", &["search"], &["a"]), row("Widget", &["search"], &["b"])];
        let b = vec![row("Widget", &["search"], &["b"]), row("Widget", &["search"], &["c"])];
        let c = compare(&a, &b);
        assert_eq!(c.same, vec![Pair { a: 1, b: 0 }]);
        assert_eq!(c.different, vec![Pair { a: 0, b: 1 }]);
        assert!(c.only_a.is_empty() && c.only_b.is_empty());
    }

    #[test]
    fn keys_without_a_description_pair_only_when_identical() {
        let a = vec![row("", &["search"], &[]), row("", &["browse"], &[])];
        let b = vec![row("", &["browse"], &[]), row("", &["addObject"], &[])];
        let c = compare(&a, &b);
        assert_eq!(c.same, vec![Pair { a: 1, b: 0 }]);
        assert_eq!((c.only_a, c.only_b), (vec![0], vec![1]));
    }

    #[test]
    fn the_acl_is_a_set_and_values_never_count() {
        let a = row("Key", &["search", "browse"], &[]);
        let mut b = row("Key", &["browse", "search"], &[]);
        b.key.value = "another value".into();
        assert!(same_definition(&a, &b));
        assert!(changes(&a, &b).is_empty());
    }

    #[test]
    fn a_pair_lists_each_field_that_differs() {
        let a = row("Key", &["search"], &["prod_*"]);
        let mut b = row("Key", &["search", "browse"], &["prod_*"]);
        b.key.max_hits_per_query = 20;
        let fields: Vec<&str> = changes(&a, &b).iter().map(|c| c.field).collect();
        assert_eq!(fields, ["ACL", "Max hits per query"]);
    }

    #[test]
    fn expiry_counts_as_never_or_some_time() {
        let mut a = row("Key", &["search"], &[]);
        let mut b = row("Key", &["search"], &[]);
        a.expires_at_ms = Some(1_000_000.0);
        b.expires_at_ms = Some(9_000_000.0);
        assert!(same_definition(&a, &b) && changes(&a, &b).is_empty());
        b.expires_at_ms = None;
        assert!(!same_definition(&a, &b));
        assert_eq!(changes(&a, &b)[0].field, "Expires");
    }

    #[test]
    fn unknown_fields_count() {
        let a = row("Key", &["search"], &[]);
        let mut b = row("Key", &["search"], &[]);
        b.key =
            serde_json::from_str(r#"{"value": "v", "description": "Key", "acl": ["search"], "future": 1}"#)
                .unwrap();
        assert!(!same_definition(&a, &b));
        assert_eq!(changes(&a, &b)[0].field, "Other fields");
    }

    #[test]
    fn the_search_never_looks_at_values_and_keeps_a_pair_when_either_side_matches() {
        use std::sync::Arc;
        let load = |rows: Vec<KeyRow>| Arc::new(crate::keys::Load::new(rows));
        let a = load(vec![row("Shop", &["search"], &["prod_*"]), row("Crawler", &["browse"], &[])]);
        let b = load(vec![row("Shop", &["search"], &["prod_eu"]), row("Blog", &["search"], &[])]);
        let compared = Compared::new(a, b);
        let hits = compared.filter("PROD_EU");
        assert_eq!(hits.different, vec![Pair { a: 0, b: 0 }]);
        assert!(hits.only_a.is_empty() && hits.only_b.is_empty());
        assert_eq!(compared.filter("crawl").only_a, vec![1]);
        assert_eq!(compared.filter("value-of").only_b, Vec::<usize>::new(), "values are not searched");
        assert_eq!(compared.filter(" "), compared.groups);
    }

    #[test]
    fn a_group_is_listed_a_page_at_a_time() {
        let c = Comparison {
            only_a: vec![3, 1, 2],
            different: vec![Pair { a: 0, b: 5 }],
            ..Comparison::default()
        };
        assert_eq!(c.entries(Group::OnlyA, 2), [(Some(3), None), (Some(1), None)]);
        assert_eq!(c.entries(Group::Different, 50), [(Some(0), Some(5))]);
        assert_eq!(c.entry(Group::OnlyA, 2), Some((Some(2), None)));
        assert_eq!(c.entry(Group::OnlyA, 3), None);
        assert_eq!((c.len(Group::OnlyA), c.len(Group::OnlyB)), (3, 0));
    }

    #[test]
    fn ten_thousand_keys_a_side_are_matched_in_one_pass() {
        let a: Vec<KeyRow> = (0..10_000).map(|i| row(&format!("key {i}"), &["search"], &[])).collect();
        let b: Vec<KeyRow> =
            (0..10_000).map(|i| row(&format!("key {}", i + 5_000), &["search"], &[])).collect();
        let c = compare(&a, &b);
        assert_eq!((c.same.len(), c.only_a.len(), c.only_b.len()), (5_000, 0, 0));
        assert_eq!(c.different.len(), 5_000, "the rest pair by identical settings, descriptions differing");
    }
}
