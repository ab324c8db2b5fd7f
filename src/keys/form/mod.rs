//! The key form: what the user edits, read from a key and turned into the body to send. Nothing is
//! dropped or rewritten on the way: fields the console does not know ride along as written, forced
//! query parameters go back as the text read unless edited (and then only the edited pairs are
//! encoded again), and an untouched expiry keeps its instant.

pub mod diff;
mod fields;

pub use fields::FormFields;

use crate::algolia::{ApiKey, Extra, KeyBody};
use crate::keys::cidr;
use crate::keys::expiry::{Expiry, Unit, parse_duration};
use crate::keys::patterns;
use crate::keys::query_params::{self, Param};

/// Forced query parameters, as rows, or as the raw text when it does not parse.
#[derive(Clone, Debug, PartialEq)]
pub enum QueryField {
    Rows(Vec<Param>),
    /// Kept and sent exactly as it was; the problem is shown as a warning.
    Raw {
        text: String,
        problem: String,
    },
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ExpiryMode {
    #[default]
    Never,
    After,
    At,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ExpiryInput {
    pub mode: ExpiryMode,
    /// The duration, as typed, for `After`.
    pub amount: String,
    pub unit: Unit,
    /// The instant for `At` (Unix milliseconds), once the date and time typed were understood.
    pub at_ms: Option<f64>,
}

impl Default for ExpiryInput {
    fn default() -> Self {
        Self { mode: ExpiryMode::Never, amount: "30".into(), unit: Unit::Days, at_ms: None }
    }
}

impl ExpiryInput {
    pub fn of(expires_at_ms: Option<f64>) -> Self {
        match expires_at_ms {
            None => Self::default(),
            Some(ms) => Self { mode: ExpiryMode::At, at_ms: Some(ms), ..Self::default() },
        }
    }

    pub fn to_expiry(&self) -> Result<Expiry, String> {
        match self.mode {
            ExpiryMode::Never => Ok(Expiry::Never),
            ExpiryMode::After => {
                parse_duration(&self.amount, self.unit).map(|seconds| Expiry::After { seconds })
            }
            ExpiryMode::At => {
                self.at_ms.map(|ms| Expiry::At { ms }).ok_or_else(|| "Enter a date and a time.".to_owned())
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct KeyForm {
    pub acl: Vec<String>,
    pub description: String,
    pub indexes: Vec<String>,
    pub referers: Vec<String>,
    pub query: QueryField,
    /// The forced query parameters as read (empty for a new key): rows still as read go back as it.
    pub query_as_read: String,
    pub max_hits: String,
    pub max_queries: String,
    pub expiry: ExpiryInput,
    pub extra: Extra,
}

impl Default for KeyForm {
    fn default() -> Self {
        Self {
            acl: vec!["search".into()],
            description: String::new(),
            indexes: Vec::new(),
            referers: Vec::new(),
            query: QueryField::Rows(Vec::new()),
            query_as_read: String::new(),
            max_hits: "0".into(),
            max_queries: "0".into(),
            expiry: ExpiryInput::default(),
            extra: Extra::default(),
        }
    }
}

/// A message per field that is wrong.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FormErrors {
    pub acl: Option<String>,
    pub indexes: Option<String>,
    pub referers: Option<String>,
    pub query: Option<String>,
    pub max_hits: Option<String>,
    pub max_queries: Option<String>,
    pub expiry: Option<String>,
}

impl FormErrors {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

impl KeyForm {
    /// The form for editing (or duplicating) a key, whose expiry instant is `expires_at_ms`.
    pub fn from_key(key: &ApiKey, expires_at_ms: Option<f64>) -> Self {
        let query = match query_params::parse_strict(&key.query_parameters) {
            Ok(rows) => QueryField::Rows(rows),
            Err(problem) => QueryField::Raw { text: key.query_parameters.clone(), problem },
        };
        Self {
            acl: key.acl.clone(),
            description: key.description.clone(),
            indexes: key.indexes.clone(),
            referers: key.referers.clone(),
            query,
            query_as_read: key.query_parameters.clone(),
            max_hits: key.max_hits_per_query.to_string(),
            max_queries: key.max_queries_per_ip_per_hour.to_string(),
            expiry: ExpiryInput::of(expires_at_ms),
            extra: key.extra.clone(),
        }
    }

    /// The body to send if saving at `now_ms`, or what is wrong with each field.
    pub fn to_body(&self, now_ms: f64) -> Result<KeyBody, Box<FormErrors>> {
        let mut errors = FormErrors::default();
        if self.acl.is_empty() {
            errors.acl = Some("Choose at least one permission: a key without any can do nothing.".into());
        }
        errors.indexes = first_error(self.indexes.iter().map(|p| patterns::validate(p, "index")));
        errors.referers = first_error(self.referers.iter().map(|p| patterns::validate(p, "referer")));
        let query = self.query_string();
        errors.query = query.as_ref().err().cloned();
        let max_hits = parse_limit(&self.max_hits);
        errors.max_hits = max_hits.as_ref().err().cloned();
        let max_queries = parse_limit(&self.max_queries);
        errors.max_queries = max_queries.as_ref().err().cloned();
        let validity = self.expiry.to_expiry().and_then(|e| e.validity_at(now_ms));
        errors.expiry = validity.as_ref().err().cloned();
        match (errors.is_empty(), query, max_hits, max_queries, validity) {
            (true, Ok(query_parameters), Ok(max_hits), Ok(max_queries), Ok(validity)) => Ok(KeyBody {
                acl: self.acl.clone(),
                description: self.description.clone(),
                indexes: self.indexes.clone(),
                referers: self.referers.clone(),
                query_parameters,
                max_hits_per_query: max_hits,
                max_queries_per_ip_per_hour: max_queries,
                validity,
                extra: self.extra.clone(),
            }),
            _ => Err(Box::new(errors)),
        }
    }

    fn query_string(&self) -> Result<String, String> {
        match &self.query {
            QueryField::Raw { text, .. } => Ok(text.clone()),
            QueryField::Rows(rows) => {
                for Param { name, value, .. } in rows {
                    if name.trim().is_empty() && !value.trim().is_empty() {
                        return Err(format!("The value “{value}” needs a parameter name."));
                    }
                }
                // Only what the user typed is checked: a value Algolia holds already goes back as
                // it is, whatever this console thinks of it.
                for Param { value, .. } in
                    rows.iter().filter(|p| p.name.trim() == "restrictSources" && !p.is_as_read())
                {
                    cidr::validate(value.trim())?;
                }
                Ok(query_params::encode(rows, &self.query_as_read))
            }
        }
    }
}

/// Turns on or off one ACL in a list, keeping the order of the others so an unchanged list stays
/// unchanged.
pub fn toggle_acl(list: &mut Vec<String>, acl: &str, on: bool) {
    let has = list.iter().any(|a| a == acl);
    if on && !has {
        list.push(acl.to_owned());
    } else if !on && has {
        list.retain(|a| a != acl);
    }
}

fn first_error(results: impl Iterator<Item = Result<(), String>>) -> Option<String> {
    results.filter_map(Result::err).next()
}

/// A limit where 0 (or nothing) means none.
fn parse_limit(text: &str) -> Result<u64, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(0);
    }
    match text.parse::<u64>() {
        Ok(n) if n <= i32::MAX as u64 => Ok(n),
        Ok(_) => Err("That is more than Algolia allows (2,147,483,647).".into()),
        Err(_) => Err("Enter a whole number, 0 for no limit.".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: f64 = 1_700_000_000_000.0;

    /// A key written as a server might: lists in no particular order, parameters encoded by hand,
    /// unknown fields with nested objects and numbers written in ways a re-encoding would change.
    const READ: &str = r#"{
        "value": "abc", "createdAt": 1600000000, "acl": ["settings", "search", "browse"],
        "description": "Shop", "indexes": ["prod_b", "prod_a*"],
        "referers": ["https://shop.example.com/*", "*.example.org"],
        "queryParameters": "filters=brand:Acme&query=a+b&restrictSources=192.168.1.0%2f24",
        "maxHitsPerQuery": 20, "maxQueriesPerIPPerHour": 1000, "validity": 3600,
        "futureField": {"z": 1.50, "a": [1e3, {"y": null, "b": true}]}, "another": -0.0
    }"#;

    fn key() -> ApiKey {
        serde_json::from_str(READ).unwrap()
    }

    fn rows(form: &mut KeyForm) -> &mut Vec<Param> {
        match &mut form.query {
            QueryField::Rows(rows) => rows,
            QueryField::Raw { .. } => panic!("the parameters should parse"),
        }
    }

    #[test]
    fn an_untouched_form_sends_the_key_back_byte_for_byte() {
        let key = key();
        let expires_at = NOW + 3_600_000.0;
        let form = KeyForm::from_key(&key, Some(expires_at));
        // Saved ten minutes later: the same instant, so ten minutes less validity.
        let body = form.to_body(NOW + 600_000.0).unwrap();
        assert_eq!(body, KeyBody::from_key(&key, 3_000));
        let sent = serde_json::to_string(&body).unwrap();
        assert_eq!(
            sent,
            concat!(
                r#"{"acl":["settings","search","browse"],"description":"Shop","indexes":["prod_b","prod_a*"],"#,
                r#""referers":["https://shop.example.com/*","*.example.org"],"#,
                r#""queryParameters":"filters=brand:Acme&query=a+b&restrictSources=192.168.1.0%2f24","#,
                r#""maxHitsPerQuery":20,"maxQueriesPerIPPerHour":1000,"validity":3000,"#,
                r#""futureField":{"z": 1.50, "a": [1e3, {"y": null, "b": true}]},"another":-0.0}"#
            )
        );
    }

    #[test]
    fn a_description_edit_changes_the_description_alone() {
        let key = key();
        let mut form = KeyForm::from_key(&key, None);
        form.description = "Storefront".into();
        let body = form.to_body(NOW).unwrap();
        assert_eq!(body, KeyBody { description: "Storefront".into(), ..KeyBody::from_key(&key, 0) });
    }

    #[test]
    fn editing_one_parameter_encodes_that_pair_alone() {
        let mut form = KeyForm::from_key(&key(), None);
        rows(&mut form)[1].value = "a & b".into();
        assert_eq!(
            form.to_body(NOW).unwrap().query_parameters,
            "filters=brand:Acme&query=a%20%26%20b&restrictSources=192.168.1.0%2f24"
        );
    }

    #[test]
    fn a_never_expiring_key_stays_never_expiring() {
        let key = ApiKey { validity: 0, ..key() };
        assert_eq!(KeyForm::from_key(&key, None).to_body(NOW).unwrap().validity, 0);
    }

    #[test]
    fn query_parameters_that_do_not_parse_are_kept_raw() {
        let key = ApiKey { query_parameters: "filters=100%&flag".into(), ..key() };
        let form = KeyForm::from_key(&key, None);
        assert!(matches!(&form.query, QueryField::Raw { problem, .. } if problem.contains("two hex digits")));
        assert_eq!(form.to_body(NOW).unwrap().query_parameters, "filters=100%&flag");
    }

    #[test]
    fn typed_rows_are_encoded() {
        let form = KeyForm {
            query: QueryField::Rows(vec![
                Param::typed("filters", "brand:\"A & B\""),
                Param::typed("restrictSources", "10.0.0.0/8"),
            ]),
            ..KeyForm::default()
        };
        let body = form.to_body(NOW).unwrap();
        assert_eq!(body.query_parameters, "filters=brand%3A%22A%20%26%20B%22&restrictSources=10.0.0.0%2F8");
    }

    #[test]
    fn a_restrict_sources_held_by_algolia_is_not_refused_until_edited() {
        let odd = ApiKey { query_parameters: "restrictSources=2001%3Adb8%3A%3A%2F32".into(), ..key() };
        let mut form = KeyForm { description: "Renamed".into(), ..KeyForm::from_key(&odd, None) };
        assert_eq!(form.to_body(NOW).unwrap().query_parameters, odd.query_parameters);
        rows(&mut form)[0].value = "2001:db8::/48".into();
        assert!(form.to_body(NOW).unwrap_err().query.is_some());
    }

    #[test]
    fn every_bad_field_gets_a_message() {
        let form = KeyForm {
            acl: vec![],
            indexes: vec!["dev_*_x".into()],
            referers: vec!["".into()],
            query: QueryField::Rows(vec![Param::typed("restrictSources", "10.0.0.1/8")]),
            max_hits: "-1".into(),
            max_queries: "lots".into(),
            expiry: ExpiryInput { mode: ExpiryMode::At, at_ms: Some(NOW - 1.0), ..ExpiryInput::default() },
            ..KeyForm::default()
        };
        let errors = form.to_body(NOW).unwrap_err();
        assert!(errors.acl.unwrap().contains("at least one permission"));
        assert!(errors.indexes.unwrap().contains("only at the start or the end"));
        assert!(errors.referers.unwrap().contains("empty"));
        assert!(errors.query.unwrap().contains("10.0.0.0/8"));
        assert!(errors.max_hits.unwrap().contains("whole number"));
        assert!(errors.max_queries.unwrap().contains("whole number"));
        assert!(errors.expiry.unwrap().contains("passed"));
    }

    #[test]
    fn toggling_acls_keeps_their_order() {
        let mut acl = KeyForm::from_key(&key(), None).acl;
        toggle_acl(&mut acl, "addObject", true);
        toggle_acl(&mut acl, "search", false);
        toggle_acl(&mut acl, "browse", true);
        assert_eq!(acl, ["settings", "browse", "addObject"]);
    }

    #[test]
    fn empty_limits_mean_none() {
        let form = KeyForm { max_hits: " ".into(), max_queries: "".into(), ..KeyForm::default() };
        let body = form.to_body(NOW).unwrap();
        assert_eq!((body.max_hits_per_query, body.max_queries_per_ip_per_hour), (0, 0));
    }
}
