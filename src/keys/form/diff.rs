//! What an update changes, field by field, and which changes widen what the key can do.

use crate::algolia::{ApiKey, KeyBody};
use crate::keys::format::{limit, utc};
use crate::keys::patterns;
use crate::keys::query_params;

#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub field: &'static str,
    pub before: String,
    pub after: String,
    /// Set when the values read the same but are not written the same: `before` and `after` then
    /// show the text as read and as it will be sent.
    pub note: Option<&'static str>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Diff {
    pub changes: Vec<Change>,
    /// Plain-language warnings, one per way the update widens access.
    pub widening: Vec<String>,
}

/// Expiry instants closer than this are the same: the instant is recomputed from a countdown.
const SAME_INSTANT_MS: f64 = 2_000.0;

/// The note of a change that is only in how the values are written.
pub const WRITTEN_DIFFERENTLY: &str = "Same values, written differently: the text sent is not the text read.";

/// Compares the key as read (expiring at `old_expiry`) with the body about to be sent (expiring at
/// `new_expiry`). Fields are compared as they are written, so that no difference in what is sent can
/// hide behind a readable rendering; they are shown readable where that shows the difference.
pub fn diff(old: &ApiKey, old_expiry: Option<f64>, new: &KeyBody, new_expiry: Option<f64>) -> Diff {
    let mut diff = Diff::default();
    let changes = &mut diff.changes;
    compare(changes, "Description", &old.description, &new.description, &|d| quoted(d), &|d| {
        format!("{d:?}")
    });
    compare(changes, "ACL", &old.acl, &new.acl, &|l| list(l, "none"), &json);
    compare(changes, "Indices", &old.indexes, &new.indexes, &|l| list(l, "all indices"), &json);
    compare(changes, "Referers", &old.referers, &new.referers, &|l| list(l, "any referer"), &json);
    compare(
        changes,
        "Forced query parameters",
        &old.query_parameters,
        &new.query_parameters,
        &|q| params(q),
        &String::clone,
    );
    compare(
        changes,
        "Max hits per query",
        &old.max_hits_per_query,
        &new.max_hits_per_query,
        &|n| limit(*n),
        &u64::to_string,
    );
    compare(
        changes,
        "Max queries per IP per hour",
        &old.max_queries_per_ip_per_hour,
        &new.max_queries_per_ip_per_hour,
        &|n| limit(*n),
        &u64::to_string,
    );
    let same_expiry = match (old_expiry, new_expiry) {
        (Some(a), Some(b)) => (a - b).abs() < SAME_INSTANT_MS,
        (a, b) => a.is_none() && b.is_none(),
    };
    if !same_expiry {
        let change =
            Change { field: "Expires", before: expiry(old_expiry), after: expiry(new_expiry), note: None };
        changes.push(change);
    }
    compare(changes, "Other fields", &old.extra, &new.extra, &json, &json);

    let warn = &mut diff.widening;
    for acl in new.acl.iter().filter(|a| !old.acl.contains(a)) {
        warn.push(format!(
            "Adds the permission “{acl}”: {}.",
            crate::text::lowercase(crate::acl::meaning(acl))
        ));
    }
    warn.extend(widened_patterns(&old.indexes, &new.indexes, "index", "every index of the application"));
    warn.extend(widened_patterns(&old.referers, &new.referers, "referer", "any referer"));
    for (name, _) in query_params::parse(&old.query_parameters) {
        if !query_params::parse(&new.query_parameters).iter().any(|(n, _)| *n == name) {
            warn.push(format!("Removes the forced query parameter “{name}”."));
        }
    }
    warn.extend(raised_limit(old.max_hits_per_query, new.max_hits_per_query, "max hits per query"));
    warn.extend(raised_limit(
        old.max_queries_per_ip_per_hour,
        new.max_queries_per_ip_per_hour,
        "max queries per IP per hour",
    ));
    match (old_expiry, new_expiry) {
        (Some(_), None) => warn.push("Removes the expiry: the key will never expire.".into()),
        (Some(old), Some(new)) if new - old >= SAME_INSTANT_MS => {
            warn.push(format!("Extends the expiry from {} to {}.", utc(old), utc(new)))
        }
        _ => {}
    }
    diff
}

fn widened_patterns(old: &[String], new: &[String], noun: &str, everything: &str) -> Vec<String> {
    if old.is_empty() {
        return Vec::new();
    }
    if new.is_empty() {
        return vec![format!("Removes the {noun} restriction: the key will reach {everything}.")];
    }
    new.iter()
        .filter(|p| !old.iter().any(|q| patterns::covers(q, p)))
        .map(|p| format!("Widens the {noun} restriction with “{p}”."))
        .collect()
}

fn raised_limit(old: u64, new: u64, what: &str) -> Option<String> {
    match (old, new) {
        (0, _) => None,
        (_, 0) => Some(format!("Removes the limit on {what} (was {}).", limit(old))),
        (old, new) if new > old => {
            Some(format!("Raises the limit on {what} from {} to {}.", limit(old), limit(new)))
        }
        _ => None,
    }
}

/// Adds a change when `old` and `new` differ at all, shown readable (`shown`) unless that reads the
/// same, and then as written (`written`), with a note saying so. The renderings are taken as trait
/// objects: one copy of this function per field type, not one per field.
fn compare<T: PartialEq>(
    changes: &mut Vec<Change>,
    field: &'static str,
    old: &T,
    new: &T,
    shown: &dyn Fn(&T) -> String,
    written: &dyn Fn(&T) -> String,
) {
    if old == new {
        return;
    }
    let (before, after) = (shown(old), shown(new));
    changes.push(if before != after {
        Change { field, before, after, note: None }
    } else {
        Change { field, before: written(old), after: written(new), note: Some(WRITTEN_DIFFERENTLY) }
    });
}

fn quoted(text: &str) -> String {
    if text.is_empty() { "(none)".into() } else { format!("“{text}”") }
}

fn list(items: &[String], empty: &str) -> String {
    if items.is_empty() { empty.into() } else { items.join(", ") }
}

fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn params(query: &str) -> String {
    if query.is_empty() { "none".into() } else { query_params::decode(query) }
}

fn expiry(at: Option<f64>) -> String {
    at.map_or_else(|| "never".into(), utc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn old() -> ApiKey {
        ApiKey {
            value: "k".into(),
            acl: vec!["search".into()],
            description: "Shop".into(),
            indexes: vec!["prod_*".into()],
            referers: vec!["https://shop.example.com/*".into()],
            query_parameters: "restrictSources=10.0.0.0%2F8".into(),
            max_hits_per_query: 20,
            max_queries_per_ip_per_hour: 1000,
            validity: 3600,
            ..ApiKey::default()
        }
    }

    fn same(key: &ApiKey) -> KeyBody {
        KeyBody::from_key(key, 3000)
    }

    #[test]
    fn an_unchanged_key_has_no_diff_even_as_validity_counts_down() {
        let old = old();
        assert_eq!(diff(&old, Some(1_000_000.0), &same(&old), Some(1_000_900.0)), Diff::default());
    }

    #[test]
    fn a_description_change_is_listed_and_narrows_nothing() {
        let old = old();
        let new = KeyBody { description: "Storefront".into(), ..same(&old) };
        let diff = diff(&old, None, &new, None);
        assert_eq!(
            diff.changes,
            [Change {
                field: "Description",
                before: "“Shop”".into(),
                after: "“Storefront”".into(),
                note: None
            }]
        );
        assert!(diff.widening.is_empty());
    }

    #[test]
    fn a_re_encoding_is_a_change_even_when_the_values_read_the_same() {
        let old = ApiKey { query_parameters: "filters=brand:Acme&query=a+b".into(), ..old() };
        let new = KeyBody { query_parameters: "filters=brand%3AAcme&query=a%20b".into(), ..same(&old) };
        assert_eq!(
            diff(&old, None, &new, None).changes,
            [Change {
                field: "Forced query parameters",
                before: "filters=brand:Acme&query=a+b".into(),
                after: "filters=brand%3AAcme&query=a%20b".into(),
                note: Some(WRITTEN_DIFFERENTLY),
            }]
        );
        // A change of value is shown decoded, for reading.
        let edited = KeyBody { query_parameters: "filters=brand:Acme&query=a%20c".into(), ..same(&old) };
        let change = &diff(&old, None, &edited, None).changes[0];
        assert_eq!(
            (change.before.as_str(), change.after.as_str()),
            ("filters=brand:Acme&query=a b", "filters=brand:Acme&query=a c")
        );
        assert_eq!(change.note, None);
    }

    #[test]
    fn a_new_order_is_a_change() {
        let old = ApiKey { acl: vec!["search".into(), "browse".into()], ..old() };
        let new = KeyBody { acl: vec!["browse".into(), "search".into()], ..same(&old) };
        let diff = diff(&old, None, &new, None);
        assert_eq!(diff.changes.len(), 1);
        assert_eq!(
            (diff.changes[0].before.as_str(), diff.changes[0].after.as_str()),
            ("search, browse", "browse, search")
        );
        assert!(diff.widening.is_empty());
    }

    #[test]
    fn lists_that_join_alike_are_told_apart_by_how_they_are_written() {
        let old = ApiKey { referers: vec!["a, b".into()], ..old() };
        let new = KeyBody { referers: vec!["a".into(), "b".into()], ..same(&old) };
        let change = &diff(&old, None, &new, None).changes[0];
        assert_eq!((change.before.as_str(), change.after.as_str()), (r#"["a, b"]"#, r#"["a","b"]"#));
        assert_eq!(change.note, Some(WRITTEN_DIFFERENTLY));
    }

    #[test]
    fn unknown_fields_written_differently_are_a_change() {
        let read = |json: &str| serde_json::from_str::<ApiKey>(json).unwrap();
        let old = read(r#"{"value": "k", "future": {"b": 1.50, "a": 1}}"#);
        let new =
            KeyBody { extra: read(r#"{"value": "k", "future": {"a": 1, "b": 1.5}}"#).extra, ..same(&old) };
        let change = &diff(&old, None, &new, None).changes[0];
        assert_eq!(change.field, "Other fields");
        assert_eq!(
            (change.before.as_str(), change.after.as_str()),
            (r#"{"future":{"b": 1.50, "a": 1}}"#, r#"{"future":{"a": 1, "b": 1.5}}"#)
        );
        assert!(diff(&old, None, &same(&old), None).changes.is_empty());
    }

    #[test]
    fn widening_changes_are_named() {
        let old = old();
        let new = KeyBody {
            acl: vec!["search".into(), "addObject".into()],
            indexes: vec![],
            referers: vec!["https://shop.example.com/*".into(), "*".into()],
            query_parameters: String::new(),
            max_hits_per_query: 0,
            max_queries_per_ip_per_hour: 5000,
            ..same(&old)
        };
        let warnings = diff(&old, Some(1_000_000.0), &new, None).widening;
        let expected = [
            "Adds the permission “addObject”",
            "Removes the index restriction",
            "Widens the referer restriction with “*”",
            "Removes the forced query parameter “restrictSources”",
            "Removes the limit on max hits per query (was 20)",
            "Raises the limit on max queries per IP per hour from 1,000 to 5,000",
            "Removes the expiry",
        ];
        assert_eq!(warnings.len(), expected.len(), "{warnings:#?}");
        for (warning, start) in warnings.iter().zip(expected) {
            assert!(warning.starts_with(start), "{warning} / {start}");
        }
    }

    #[test]
    fn narrowing_changes_warn_of_nothing() {
        let old = old();
        let new = KeyBody {
            acl: vec![],
            indexes: vec!["prod_products".into()],
            max_hits_per_query: 10,
            max_queries_per_ip_per_hour: 10,
            ..same(&old)
        };
        let diff = diff(&old, Some(10_000_000.0), &new, Some(5_000_000.0));
        assert!(diff.widening.is_empty(), "{:?}", diff.widening);
        assert_eq!(diff.changes.len(), 5);
    }

    #[test]
    fn a_new_pattern_inside_an_old_one_is_no_widening() {
        let old = |p: &[&str]| p.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert!(
            widened_patterns(&old(&["prod_*"]), &old(&["prod_products", "prod_en_*"]), "index", "")
                .is_empty()
        );
        assert!(widened_patterns(&old(&["*_dev"]), &old(&["*_en_dev"]), "index", "").is_empty());
        assert!(widened_patterns(&old(&["*products*"]), &old(&["prod_products_*"]), "index", "").is_empty());
        assert_eq!(widened_patterns(&old(&["prod_*"]), &old(&["*_products"]), "index", "").len(), 1);
        assert_eq!(widened_patterns(&old(&["movies"]), &old(&["movies*"]), "index", "").len(), 1);
    }

    #[test]
    fn extending_the_expiry_warns() {
        let old = old();
        let warnings = diff(&old, Some(1_000_000.0), &same(&old), Some(90_000_000.0)).widening;
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].starts_with("Extends the expiry"));
    }
}
