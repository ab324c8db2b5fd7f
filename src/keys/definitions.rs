//! Key definitions in a file: exported as JSON (versioned, read back by the import) or as CSV for
//! spreadsheets, and imported from JSON with every entry checked by the key form's rules.
//!
//! The JSON format, version 1 (also in the README):
//!
//! ```json
//! {"format":"algolia-keys-console/definitions","version":1,"application":"APPID","exportedAt":"…","keys":[
//! {"acl":["search"],"description":"Shop","indexes":[],"referers":[],"queryParameters":"","maxHitsPerQuery":0,"maxQueriesPerIPPerHour":0,"validity":0},
//! …
//! ]}
//! ```
//!
//! Each entry is the body that creates the key, as the API takes it: every field, unknown ones
//! included exactly as read, `validity` being the seconds the key had left at export (0 never
//! expires). A `value` comes first in an entry only when the user asked for values; the import
//! never uses it, since Algolia gives every new key its own.

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::algolia::{ApiKey, KeyBody};
use crate::keys::KeyRow;
use crate::keys::compare::same_definition;
use crate::keys::form::{FormErrors, KeyForm, QueryField};
use crate::keys::query_params::Param;

pub const FORMAT: &str = "algolia-keys-console/definitions";
pub const VERSION: u32 = 1;

/// One key to export: its definition, and its value when the user asked for values.
pub struct Exported<'a> {
    pub body: KeyBody,
    pub value: Option<&'a str>,
}

/// The JSON file: a header, then one entry per line.
pub fn to_json(application: &str, exported_at: &str, keys: &[Exported]) -> String {
    let text = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let entries: Vec<String> = keys
        .iter()
        .map(|key| {
            let body = serde_json::to_string(&key.body).unwrap_or_default();
            match key.value {
                // The body is an object, never empty: it always has its known fields.
                Some(value) => format!("{{\"value\":{},{}", text(value), &body[1..]),
                None => body,
            }
        })
        .collect();
    format!(
        "{{\"format\":{},\"version\":{VERSION},\"application\":{},\"exportedAt\":{},\"keys\":[\n{}\n]}}\n",
        text(FORMAT),
        text(application),
        text(exported_at),
        entries.join(",\n")
    )
}

const CSV_COLUMNS: &str = "description,acl,indexes,referers,queryParameters,maxHitsPerQuery,maxQueriesPerIPPerHour,validity,otherFields";

/// A CSV file for spreadsheets: a header, then a row per key; lists are joined with spaces (no ACL,
/// index pattern or referer pattern holds one… except in rare names, which the JSON keeps exactly),
/// unknown fields as a JSON object.
pub fn to_csv(keys: &[Exported]) -> String {
    let with_values = keys.iter().any(|key| key.value.is_some());
    let mut csv = String::from(CSV_COLUMNS);
    if with_values {
        csv.push_str(",value");
    }
    csv.push_str("\r\n");
    for key in keys {
        let body = &key.body;
        let others = if body.extra.is_empty() {
            String::new()
        } else {
            serde_json::to_string(&body.extra).unwrap_or_default()
        };
        let mut cells = vec![
            body.description.clone(),
            body.acl.join(" "),
            body.indexes.join(" "),
            body.referers.join(" "),
            body.query_parameters.clone(),
            body.max_hits_per_query.to_string(),
            body.max_queries_per_ip_per_hour.to_string(),
            body.validity.to_string(),
            others,
        ];
        if with_values {
            cells.push(key.value.unwrap_or_default().to_owned());
        }
        let cells: Vec<String> = cells.iter().map(|cell| csv_cell(cell)).collect();
        csv.push_str(&cells.join(","));
        csv.push_str("\r\n");
    }
    csv
}

/// A cell as RFC 4180 writes it, and with a leading `'` before `= + - @`, so that a spreadsheet
/// shows a description rather than running it as a formula.
fn csv_cell(cell: &str) -> String {
    let cell = if cell.starts_with(['=', '+', '-', '@']) { format!("'{cell}") } else { cell.to_owned() };
    if cell.contains([',', '"', '\n', '\r']) { format!("\"{}\"", cell.replace('"', "\"\"")) } else { cell }
}

#[derive(Deserialize)]
struct File {
    format: Option<String>,
    version: Option<u32>,
    keys: Option<Vec<Box<RawValue>>>,
}

/// The definitions of a file, each with its position, or every problem found, each naming the
/// entry and the field: a file with any problem creates nothing.
pub fn parse(text: &str, now_ms: f64) -> Result<Vec<KeyBody>, Vec<String>> {
    let file: File = serde_json::from_str(text)
        .map_err(|e| vec![format!("This is not a JSON file of key definitions: {e}.")])?;
    if file.format.as_deref() != Some(FORMAT) {
        return Err(vec![format!(
            "This file is not a key definitions file: its \"format\" is not \"{FORMAT}\"."
        )]);
    }
    match file.version {
        Some(VERSION) => {}
        Some(other) => {
            return Err(vec![format!(
                "This file is version {other} of the format; this console reads version {VERSION}."
            )]);
        }
        None => return Err(vec!["This file has no \"version\".".into()]),
    }
    let Some(keys) = file.keys.filter(|keys| !keys.is_empty()) else {
        return Err(vec!["This file holds no key.".into()]);
    };
    let mut problems = Vec::new();
    let mut bodies = Vec::new();
    for (at, raw) in keys.iter().enumerate() {
        let entry = format!("Key {}", at + 1);
        match serde_json::from_str::<KeyBody>(raw.get()) {
            Err(error) => problems.push(format!("{entry}: {error}.")),
            Ok(body) => match check(&body, now_ms) {
                Ok(()) => bodies.push(body),
                Err(found) => {
                    let name = if body.description.is_empty() {
                        entry
                    } else {
                        format!("{entry} (“{}”)", body.description)
                    };
                    problems.extend(found.into_iter().map(|problem| format!("{name}: {problem}")));
                }
            },
        }
    }
    if problems.is_empty() { Ok(bodies) } else { Err(problems) }
}

/// An existing key this definition looks like (the same description and settings), if any: an
/// import would make a second one.
pub fn looks_like<'a>(body: &KeyBody, rows: &'a [KeyRow], now_ms: f64) -> Option<&'a KeyRow> {
    let row = KeyRow::new(as_key(body), now_ms);
    rows.iter().find(|existing| same_definition(&row, existing))
}

/// A key with this definition and no value yet, as the form and the comparison take keys.
fn as_key(body: &KeyBody) -> ApiKey {
    ApiKey {
        acl: body.acl.clone(),
        description: body.description.clone(),
        indexes: body.indexes.clone(),
        referers: body.referers.clone(),
        query_parameters: body.query_parameters.clone(),
        max_hits_per_query: body.max_hits_per_query,
        max_queries_per_ip_per_hour: body.max_queries_per_ip_per_hour,
        validity: body.validity,
        extra: body.extra.clone(),
        ..ApiKey::default()
    }
}

/// The key form's rules, applied to a definition as if typed into the form.
fn check(body: &KeyBody, now_ms: f64) -> Result<(), Vec<String>> {
    let key = as_key(body);
    let expires_at = (body.validity > 0).then_some(now_ms + body.validity as f64 * 1000.0);
    let mut form = KeyForm::from_key(&key, expires_at);
    // Checked as typed, not as read from Algolia: a `restrictSources` range is validated too.
    if let QueryField::Rows(rows) = &mut form.query {
        for param in rows.iter_mut() {
            *param = Param::typed(std::mem::take(&mut param.name), std::mem::take(&mut param.value));
        }
    }
    let Err(errors) = form.to_body(now_ms) else { return Ok(()) };
    let FormErrors { acl, indexes, referers, query, max_hits, max_queries, expiry } = *errors;
    let named = [
        ("acl", acl),
        ("indexes", indexes),
        ("referers", referers),
        ("queryParameters", query),
        ("maxHitsPerQuery", max_hits),
        ("maxQueriesPerIPPerHour", max_queries),
        ("validity", expiry),
    ];
    Err(named.into_iter().filter_map(|(field, message)| Some(format!("{field}: {}", message?))).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(json: &str) -> KeyBody {
        serde_json::from_str(json).unwrap()
    }

    const SHOP: &str = r#"{"acl":["search"],"description":"Shop","indexes":["prod_*"],"referers":[],"queryParameters":"","maxHitsPerQuery":0,"maxQueriesPerIPPerHour":0,"validity":0,"future":{"b": 1.50}}"#;

    #[test]
    fn an_export_reads_back_byte_for_byte() {
        let keys = [Exported { body: body(SHOP), value: None }];
        let file = to_json("APP1", "2026-12-02T01:00:00Z", &keys);
        let read = parse(&file, 0.0).unwrap();
        assert_eq!(serde_json::to_string(&read[0]).unwrap(), SHOP, "unknown fields as written");
        assert_eq!(
            to_json("APP1", "2026-12-02T01:00:00Z", &[Exported { body: read[0].clone(), value: None }]),
            file
        );
    }

    #[test]
    fn values_are_written_only_when_asked_for_and_never_imported() {
        let keys = [Exported { body: body(SHOP), value: Some("secret-value") }];
        let file = to_json("APP1", "now", &keys);
        assert!(file.contains(r#"{"value":"secret-value","acl":["search"]"#), "{file}");
        let read = parse(&file, 0.0).unwrap();
        assert!(!serde_json::to_string(&read[0]).unwrap().contains("secret-value"));
        assert!(!to_json("APP1", "now", &[Exported { body: body(SHOP), value: None }]).contains("secret"));
    }

    #[test]
    fn a_bad_file_names_the_entry_and_the_field_and_nothing_is_kept() {
        let file = format!(
            r#"{{"format":"{FORMAT}","version":1,"keys":[{SHOP},{{"acl":"search"}},{{"acl":["search"],"description":"Blog","indexes":["pr*od"],"queryParameters":"restrictSources=10.0.0.999"}}]}}"#
        );
        let problems = parse(&file, 0.0).unwrap_err();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].starts_with("Key 2: acl: ") && problems[0].contains("list"), "{}", problems[0]);
        assert!(problems[1].starts_with("Key 3 (“Blog”): indexes: "), "{}", problems[1]);
        assert!(problems[2].starts_with("Key 3 (“Blog”): queryParameters: "), "{}", problems[2]);
    }

    #[test]
    fn other_files_are_refused_with_a_reason() {
        assert!(parse("[1, 2]", 0.0).unwrap_err()[0].contains("not a JSON file of key definitions"));
        assert!(parse(r#"{"keys": []}"#, 0.0).unwrap_err()[0].contains("not a key definitions file"));
        let future = format!(r#"{{"format":"{FORMAT}","version":2,"keys":[{SHOP}]}}"#);
        assert!(parse(&future, 0.0).unwrap_err()[0].contains("version 2"));
        let empty = format!(r#"{{"format":"{FORMAT}","version":1,"keys":[]}}"#);
        assert_eq!(parse(&empty, 0.0).unwrap_err(), ["This file holds no key."]);
    }

    #[test]
    fn a_definition_like_an_existing_key_is_pointed_out() {
        let shop = body(SHOP);
        let key = ApiKey {
            value: "v".into(),
            acl: shop.acl.clone(),
            description: shop.description.clone(),
            indexes: shop.indexes.clone(),
            extra: shop.extra.clone(),
            ..ApiKey::default()
        };
        let existing = KeyRow::new(key, 0.0);
        assert!(looks_like(&shop, std::slice::from_ref(&existing), 5.0).is_some());
        let other = KeyBody { description: "Blog".into(), ..shop };
        assert!(looks_like(&other, &[existing], 5.0).is_none());
    }

    #[test]
    fn csv_quotes_what_needs_it_and_defuses_formulas() {
        let mut shop = body(SHOP);
        shop.description = "=HYPERLINK(\"x\"), shop".into();
        let csv = to_csv(&[Exported { body: shop, value: None }]);
        let mut lines = csv.lines();
        assert_eq!(lines.next(), Some(CSV_COLUMNS));
        assert_eq!(
            lines.next(),
            Some(r#""'=HYPERLINK(""x""), shop",search,prod_*,,,0,0,0,"{""future"":{""b"": 1.50}}""#)
        );
    }
}
