//! The key form as the page holds it: one signal per field, so a keystroke in one field wakes only
//! what reads that field (one signal for the whole form re-ran every view of every field). The rules
//! stay on `KeyForm`; this only splits it into signals and puts it back together.

use leptos::prelude::*;

use super::{ExpiryInput, KeyForm, QueryField};
use crate::algolia::Extra;
use crate::reactive::memo;

#[derive(Clone, Copy)]
pub struct FormFields {
    pub acl: RwSignal<Vec<String>>,
    pub description: RwSignal<String>,
    pub indexes: RwSignal<Vec<String>>,
    pub referers: RwSignal<Vec<String>>,
    pub query: RwSignal<QueryField>,
    pub max_hits: RwSignal<String>,
    pub max_queries: RwSignal<String>,
    pub expiry: RwSignal<ExpiryInput>,
    /// What the form carries but nobody edits: the parameters' text as read, and the fields the
    /// console does not know.
    fixed: StoredValue<(String, Extra)>,
}

impl FormFields {
    pub fn new(form: KeyForm) -> Self {
        Self {
            acl: RwSignal::new(form.acl),
            description: RwSignal::new(form.description),
            indexes: RwSignal::new(form.indexes),
            referers: RwSignal::new(form.referers),
            query: RwSignal::new(form.query),
            max_hits: RwSignal::new(form.max_hits),
            max_queries: RwSignal::new(form.max_queries),
            expiry: RwSignal::new(form.expiry),
            fixed: StoredValue::new((form.query_as_read, form.extra)),
        }
    }

    /// The form as it stands, read without subscribing: for saving, not for rendering.
    pub fn snapshot(&self) -> KeyForm {
        let (query_as_read, extra) = self.fixed.get_value();
        KeyForm {
            acl: self.acl.get_untracked(),
            description: self.description.get_untracked(),
            indexes: self.indexes.get_untracked(),
            referers: self.referers.get_untracked(),
            query: self.query.get_untracked(),
            query_as_read,
            max_hits: self.max_hits.get_untracked(),
            max_queries: self.max_queries.get_untracked(),
            expiry: self.expiry.get_untracked(),
            extra,
        }
    }

    /// Whether any field differs from `initial`. One memo for the whole form (a memo per field cost
    /// a kilobyte of wasm for each field type): a keystroke compares a few short texts and lists,
    /// and the comparison stops at the first field that differs.
    pub fn changed_from(self, initial: KeyForm) -> Memo<bool> {
        memo(move |_| {
            *self.acl.read() != initial.acl
                || *self.description.read() != initial.description
                || *self.indexes.read() != initial.indexes
                || *self.referers.read() != initial.referers
                || *self.query.read() != initial.query
                || *self.max_hits.read() != initial.max_hits
                || *self.max_queries.read() != initial.max_queries
                || *self.expiry.read() != initial.expiry
        })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::algolia::ApiKey;

    fn key() -> ApiKey {
        serde_json::from_str(
            r#"{"value": "k", "acl": ["browse", "search"], "description": "Shop", "indexes": ["b", "a"],
                "queryParameters": "q=a+b", "validity": 60, "future": {"b": 1.50, "a": 1}}"#,
        )
        .unwrap()
    }

    #[test]
    fn a_snapshot_is_the_form_as_edited() {
        let owner = Owner::new();
        owner.with(|| {
            let initial = KeyForm::from_key(&key(), Some(1_000_000.0));
            let fields = FormFields::new(initial.clone());
            assert_eq!(fields.snapshot(), initial);
            fields.description.set("Storefront".into());
            fields.max_hits.set("5".into());
            assert_eq!(
                fields.snapshot(),
                KeyForm { description: "Storefront".into(), max_hits: "5".into(), ..initial }
            );
        });
    }

    #[test]
    fn changes_are_seen_field_by_field_and_undone_by_typing_back() {
        let owner = Owner::new();
        owner.with(|| {
            let initial = KeyForm::from_key(&key(), None);
            let fields = FormFields::new(initial.clone());
            let changed = fields.changed_from(initial);
            assert!(!changed.get());
            fields.indexes.update(|list| list.reverse());
            assert!(changed.get(), "the order of a list is a change");
            fields.indexes.update(|list| list.reverse());
            assert!(!changed.get());
            fields.description.set("Shop!".into());
            assert!(changed.get());
            fields.description.set("Shop".into());
            assert!(!changed.get());
        });
    }

    #[test]
    fn typing_in_one_field_does_not_wake_what_reads_another() {
        let owner = Owner::new();
        owner.with(|| {
            let fields = FormFields::new(KeyForm::from_key(&key(), None));
            let runs = Arc::new(AtomicUsize::new(0));
            let counted = runs.clone();
            let acl_view = memo(move |_| {
                counted.fetch_add(1, Ordering::Relaxed);
                fields.acl.with(|acl| acl.join(", "))
            });
            assert_eq!(acl_view.get(), "browse, search");
            for text in ["S", "St", "Sto"] {
                fields.description.set(text.into());
                acl_view.get();
            }
            assert_eq!(runs.load(Ordering::Relaxed), 1);
            fields.acl.update(|acl| acl.push("addObject".into()));
            assert_eq!(acl_view.get(), "browse, search, addObject");
            assert_eq!(runs.load(Ordering::Relaxed), 2);
        });
    }
}
