//! The exposure check: application IDs and key-like strings in a pasted text (a page's HTML, a
//! JavaScript bundle, a log), matched against the application's keys. The text stays in the page.

use std::ops::Range;

use crate::keys::KeyRow;
use crate::secured::{self, Decoded};

/// What a key-like string in the text is.
#[derive(Clone, Debug, PartialEq)]
pub enum Exposure {
    /// The application's admin key.
    AdminKey,
    /// One of the application's keys, by position in the rows.
    Key(usize),
    /// A secured key, and the key of this application it was made from, when one signed it.
    Secured { parent: Option<usize> },
    /// 32 hex digits that are no key of this application.
    Unknown,
}

/// One key-like string found, and what it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub value: String,
    pub exposure: Exposure,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// Application IDs in the text: those of the connected applications, then any other string
    /// shaped like one, each once.
    pub app_ids: Vec<String>,
    /// Each key-like string once, in the order first found.
    pub found: Vec<Found>,
}

/// Scans `text` for the application's keys. `admin_at` are where the application's admin key stands
/// in the text, which the session finds (it keeps the key, whatever its shape); `known_ids` are the
/// connected applications' IDs. The admin key comes first, found or not among the other words.
pub fn check(text: &str, admin_at: &[Range<usize>], known_ids: &[String], rows: &[KeyRow]) -> Report {
    let mut report = Report::default();
    // How many of `report.app_ids` are connected applications' IDs: those come first, each kind in
    // the order found (inserted in place, as a sort would bring code of its own into the bundle).
    let mut known_count = 0;
    if let Some(at) = admin_at.first() {
        report.found.push(Found { value: text[at.clone()].to_owned(), exposure: Exposure::AdminKey });
    }
    let in_admin_key = |word: &str| {
        let start = word.as_ptr() as usize - text.as_ptr() as usize;
        admin_at.iter().any(|at| start < at.end && start + word.len() > at.start)
    };
    for word in words(text, |b| b.is_ascii_alphanumeric()) {
        let known = known_ids.iter().any(|id| id == word);
        if (known || looks_like_app_id(word)) && !report.app_ids.iter().any(|id| id == word) {
            let at = if known { known_count } else { report.app_ids.len() };
            report.app_ids.insert(at, word.to_owned());
            known_count += usize::from(known);
        }
        if is_key_like(word) && !in_admin_key(word) && !report.found.iter().any(|f| f.value == word) {
            let exposure =
                rows.iter().position(|row| row.key.value == word).map_or(Exposure::Unknown, Exposure::Key);
            report.found.push(Found { value: word.to_owned(), exposure });
        }
    }
    // A secured key is base64: its + / = split it into words above, so it is looked for on its own.
    for word in words(text, |b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)) {
        if word.len() < SECURED_MIN_LEN || in_admin_key(word) || report.found.iter().any(|f| f.value == word)
        {
            continue;
        }
        if let Ok(decoded) = secured::decode(word) {
            let parent = parent_of(&decoded, rows);
            report.found.push(Found { value: word.to_owned(), exposure: Exposure::Secured { parent } });
        }
    }
    report
}

/// The base64 of a 64-digit signature alone.
const SECURED_MIN_LEN: usize = 88;

/// The key of this application that signed the secured key.
fn parent_of(decoded: &Decoded, rows: &[KeyRow]) -> Option<usize> {
    rows.iter().position(|row| decoded.signed_by(&row.key.value))
}

/// Algolia's API keys are 32 lowercase hex digits.
fn is_key_like(word: &str) -> bool {
    word.len() == 32 && word.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Application IDs are 10 capital letters and digits; requiring a digit and a letter keeps out
/// ordinary capitalised words.
fn looks_like_app_id(word: &str) -> bool {
    word.len() == 10
        && word.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && word.bytes().any(|b| b.is_ascii_digit())
        && word.bytes().any(|b| b.is_ascii_uppercase())
}

/// The maximal runs of bytes that `part` accepts. Only ASCII is accepted, so every run is at char
/// boundaries.
fn words(text: &str, part: impl Fn(u8) -> bool + Copy) -> impl Iterator<Item = &str> {
    text.split(move |c: char| !c.is_ascii() || !part(c as u8)).filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algolia::ApiKey;

    const SEARCH: &str = "0123456789abcdef0123456789abcdef";
    const ADMIN: &str = "fedcba9876543210fedcba9876543210";
    const STRANGER: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    fn rows() -> Vec<KeyRow> {
        let key = ApiKey { value: SEARCH.into(), acl: vec!["search".into()], ..ApiKey::default() };
        vec![KeyRow::new(key, 0.0)]
    }

    /// Where the admin key stands in `text`, as the session finds it.
    fn admin_in(text: &str, admin: &str) -> Vec<Range<usize>> {
        text.match_indices(admin).map(|(at, _)| at..at + admin.len()).collect()
    }

    #[test]
    fn finds_keys_of_the_application_the_admin_key_and_strangers_once_each() {
        let text = format!(
            r#"<script>algoliasearch("ABCD123456", "{SEARCH}"); const admin = '{ADMIN}';</script>
            // again: {SEARCH} and {STRANGER}"#
        );
        let report = check(&text, &admin_in(&text, ADMIN), &["ABCD123456".into()], &rows());
        assert_eq!(report.app_ids, ["ABCD123456"]);
        assert_eq!(
            report.found,
            [
                Found { value: ADMIN.into(), exposure: Exposure::AdminKey },
                Found { value: SEARCH.into(), exposure: Exposure::Key(0) },
                Found { value: STRANGER.into(), exposure: Exposure::Unknown },
            ]
        );
    }

    #[test]
    fn an_admin_key_of_any_shape_is_found_and_none_of_its_parts_reported() {
        // A proxy's or an emulator's admin key need not be 32 hex digits; its parts must not be
        // reported as strangers.
        let admin = format!("e2e-admin-{STRANGER}");
        let text = format!("ALGOLIA_ADMIN_KEY={admin}\nSEARCH={SEARCH}");
        let report = check(&text, &admin_in(&text, &admin), &[], &rows());
        assert_eq!(
            report.found,
            [
                Found { value: admin.clone(), exposure: Exposure::AdminKey },
                Found { value: SEARCH.into(), exposure: Exposure::Key(0) },
            ]
        );
    }

    #[test]
    fn longer_hex_runs_and_ordinary_words_are_not_matched() {
        let sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        let text = format!("{sha256} {SEARCH}x JAVASCRIPT REACTDOMV18 LATENCY1234");
        let report = check(&text, &[], &[], &rows());
        assert_eq!(report.found, []);
        assert!(report.app_ids.is_empty(), "{:?}", report.app_ids);
    }

    #[test]
    fn connected_application_ids_come_first() {
        let text = "appId: 'XYZ9876543', other: 'ABCD123456'";
        let report = check(text, &[], &["ABCD123456".into()], &[]);
        assert_eq!(report.app_ids, ["ABCD123456", "XYZ9876543"]);
    }

    #[test]
    fn a_secured_key_is_traced_to_the_key_that_signed_it() {
        let secured = secured::generate(SEARCH, "filters=brand%3AAcme");
        let text = format!("window.KEY = \"{secured}\";");
        let report = check(&text, &[], &[], &rows());
        assert_eq!(
            report.found,
            [Found { value: secured.clone(), exposure: Exposure::Secured { parent: Some(0) } }]
        );
        let other = secured::generate(STRANGER, "filters=x");
        let report = check(&other, &[], &[], &rows());
        assert_eq!(report.found[0].exposure, Exposure::Secured { parent: None });
    }
}
