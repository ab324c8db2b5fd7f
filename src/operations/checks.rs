//! Finding out what became of a write whose answer was lost, from what the API shows afterwards.

use crate::algolia::{ApiKey, KeyBody};

/// Clocks of the browser and of Algolia may disagree by this much.
const CLOCK_SKEW_MS: f64 = 300_000.0;

/// A set of key values, kept sorted and looked up by binary search: a `HashSet` would bring its own
/// hashing code into the bundle for these few lookups.
#[derive(Clone, Default)]
pub struct KeyValues(Vec<String>);

impl KeyValues {
    pub fn contains(&self, value: &str) -> bool {
        self.0.binary_search_by(|v| v.as_str().cmp(value)).is_ok()
    }
}

impl FromIterator<String> for KeyValues {
    fn from_iter<I: IntoIterator<Item = String>>(values: I) -> Self {
        let mut values: Vec<String> = values.into_iter().collect();
        values.sort_unstable();
        values.dedup();
        KeyValues(values)
    }
}

impl Extend<String> for KeyValues {
    fn extend<I: IntoIterator<Item = String>>(&mut self, values: I) {
        self.0.extend(values);
        self.0.sort_unstable();
        self.0.dedup();
    }
}

/// After a create whose answer could not be read: the key that was not listed `before`, was created
/// after the request was sent at `sent_at_ms`, and has the settings that were sent (its validity
/// counted down by at most `slack_s`). A create returns no value to look for, so this is the only
/// way to recognise the key, and never to create it twice.
pub fn find_created<'a>(
    before: &KeyValues,
    keys: &'a [ApiKey],
    body: &KeyBody,
    sent_at_ms: f64,
    slack_s: u64,
) -> Option<&'a ApiKey> {
    keys.iter().find(|key| {
        !before.contains(&key.value)
            && key.created_at_ms.is_some_and(|at| at >= sent_at_ms - CLOCK_SKEW_MS)
            && body.is_applied_in(key, slack_s)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SENT: f64 = 1_700_000_000_000.0;

    fn key(value: &str, description: &str) -> ApiKey {
        ApiKey {
            value: value.into(),
            acl: vec!["search".into()],
            description: description.into(),
            created_at_ms: Some(SENT + 1_000.0),
            ..ApiKey::default()
        }
    }

    #[test]
    fn key_values_hold_each_value_given_or_added() {
        let mut values: KeyValues = ["b", "a", "b"].map(str::to_owned).into_iter().collect();
        assert!(values.contains("a") && values.contains("b") && !values.contains("c"));
        values.extend(["c".to_owned(), "a".to_owned()]);
        assert!(["a", "b", "c"].iter().all(|v| values.contains(v)) && !values.contains(""));
    }

    #[test]
    fn finds_the_new_key_with_the_settings_sent() {
        let before: KeyValues = ["old".to_owned()].into_iter().collect();
        let body = KeyBody { acl: vec!["search".into()], description: "Shop".into(), ..KeyBody::default() };
        let keys = [key("old", "Shop"), key("other", "Blog"), key("new", "Shop")];
        assert_eq!(find_created(&before, &keys, &body, SENT, 60).map(|k| k.value.as_str()), Some("new"));
    }

    #[test]
    fn an_old_key_with_the_same_settings_is_not_the_new_one() {
        let before: KeyValues = ["old".to_owned()].into_iter().collect();
        let body = KeyBody { acl: vec!["search".into()], description: "Shop".into(), ..KeyBody::default() };
        assert_eq!(find_created(&before, &[key("old", "Shop")], &body, SENT, 60), None);
        assert_eq!(find_created(&before, &[key("new", "Blog")], &body, SENT, 60), None);
    }

    #[test]
    fn a_key_older_than_the_request_is_not_the_new_one() {
        // The list was not loaded before the create: an old key with the same settings must not pass.
        let body = KeyBody { acl: vec!["search".into()], ..KeyBody::default() };
        let old = ApiKey { created_at_ms: Some(SENT - 86_400_000.0), ..key("old", "") };
        assert_eq!(find_created(&KeyValues::default(), &[old], &body, SENT, 60), None);
        let undated = ApiKey { created_at_ms: None, ..key("undated", "") };
        assert_eq!(find_created(&KeyValues::default(), &[undated], &body, SENT, 60), None);
    }

    #[test]
    fn validity_may_have_counted_down() {
        let body = KeyBody { acl: vec!["search".into()], validity: 3_600, ..KeyBody::default() };
        let listed = ApiKey { validity: 3_590, ..key("new", "") };
        assert!(
            find_created(&KeyValues::default(), std::slice::from_ref(&listed), &body, SENT, 60).is_some()
        );
        assert!(find_created(&KeyValues::default(), &[listed], &body, SENT, 5).is_none());
    }
}
