//! Keys created in a batch (copied to another application, imported, or rolled): one line per key,
//! each a create of its own (and, in a roll, a second step on the old key), what each ended as, and
//! which steps a retry does again.

use crate::algolia::{ApiKey, KeyBody};
use crate::keys::format::utc;
use crate::keys::patterns;
use crate::keys::roll::OldKey;
use crate::keys::table::{KeyRow, seconds_left};

/// One key to create: its name for the user, the body to send, how far it got. In a roll, `old` is
/// the key it replaces, whose expiry is shortened once the new key exists.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub name: String,
    pub body: KeyBody,
    pub state: LineState,
    pub old: Option<OldKey>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum LineState {
    Waiting,
    Creating,
    /// Created, with the new key's value (Algolia assigns it). In a roll, the old key's expiry is
    /// being shortened.
    Created(String),
    /// Not created, or not known to be: `lost_at_ms` is when a create whose answer was lost was
    /// sent, so that a retry looks for that key in the list before creating it again.
    Failed {
        message: String,
        lost_at_ms: Option<f64>,
    },
    /// A roll's two steps done: the old key now expires at `retires_at_ms`.
    Rolled {
        new: String,
        retires_at_ms: f64,
    },
    /// A roll's new key exists, but the old key still has its old expiry.
    ShortenFailed {
        new: String,
        message: String,
    },
}

impl Line {
    pub fn new(name: String, body: KeyBody) -> Self {
        Self { name, body, state: LineState::Waiting, old: None }
    }

    /// Whether every step is done: the key created and, in a roll, the old key shortened.
    fn is_done(&self) -> bool {
        match self.state {
            LineState::Created(_) => self.old.is_none(),
            LineState::Rolled { .. } => true,
            _ => false,
        }
    }

    /// Whether a run (or a retry) still has a step to do on this line.
    pub fn is_pending(&self) -> bool {
        !self.is_done()
    }

    /// The new key's value, once created.
    pub fn new_value(&self) -> Option<&str> {
        match &self.state {
            LineState::Created(new)
            | LineState::Rolled { new, .. }
            | LineState::ShortenFailed { new, .. } => Some(new),
            LineState::Waiting | LineState::Creating | LineState::Failed { .. } => None,
        }
    }

    pub fn is_failed(&self) -> bool {
        matches!(self.state, LineState::Failed { .. } | LineState::ShortenFailed { .. })
    }

    /// Where the line stands, in words: a roll's line names its two steps.
    pub fn status(&self) -> String {
        let roll = self.old.is_some();
        match &self.state {
            LineState::Waiting => "Waiting".to_owned(),
            LineState::Creating if roll => "Creating the new key…".to_owned(),
            LineState::Creating => "Creating…".to_owned(),
            LineState::Created(_) if roll => "New key created; shortening the old key…".to_owned(),
            LineState::Created(_) => "Created".to_owned(),
            LineState::Failed { message, .. } if roll => format!("The new key was not created: {message}"),
            LineState::Failed { message, .. } => format!("Failed: {message}"),
            LineState::Rolled { retires_at_ms, .. } => {
                format!("Rolled: the old key retires at {}.", utc(*retires_at_ms))
            }
            LineState::ShortenFailed { message, .. } => {
                format!("New key created, but the old key was not shortened: {message}")
            }
        }
    }
}

/// How many lines are done, failed (a step of theirs), and still to go.
pub fn tally(lines: &[Line]) -> (usize, usize, usize) {
    lines.iter().fold((0, 0, 0), |(done, failed, left), line| {
        if line.is_done() {
            (done + 1, failed, left)
        } else if line.is_failed() {
            (done, failed + 1, left)
        } else {
            (done, failed, left + 1)
        }
    })
}

/// The definition of a key to create elsewhere: every setting as read, unknown fields included, and
/// the time it has left. `Err` says why it cannot be copied faithfully.
pub fn definition(row: &KeyRow, now_ms: f64) -> Result<KeyBody, String> {
    let key = &row.key;
    if !key.is_fully_read() {
        return Err("Some of its fields could not be read, so a copy would not be faithful.".into());
    }
    let validity = match seconds_left(row.expires_at_ms, now_ms) {
        None => 0,
        Some(0) => return Err("It has expired: a copy would never expire, unlike the original.".into()),
        Some(left) => left,
    };
    Ok(KeyBody::from_key(key, validity))
}

/// What a line calls a key: its description, or a mention of its ACL (never its value).
pub fn line_name(key: &ApiKey) -> String {
    name_of(&key.description, &key.acl)
}

/// The same for a definition, as an import reads it.
pub fn body_name(body: &KeyBody) -> String {
    name_of(&body.description, &body.acl)
}

fn name_of(description: &str, acl: &[String]) -> String {
    if description.is_empty() {
        format!("(no description; {})", acl.join(", "))
    } else {
        description.to_owned()
    }
}

/// The index restrictions of a key that match none of `indices`, the target's index names: the
/// copy would reach nothing through them.
pub fn unmatched_indices<'a>(body: &'a KeyBody, indices: &[String]) -> Vec<&'a str> {
    body.indexes
        .iter()
        .filter(|pattern| !indices.iter().any(|index| patterns::matches(pattern, index)))
        .map(String::as_str)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(validity: u64) -> KeyRow {
        let key = ApiKey {
            value: "secret-value".into(),
            description: "Shop".into(),
            acl: vec!["search".into()],
            indexes: vec!["prod_*".into(), "shared".into()],
            validity,
            ..ApiKey::default()
        };
        KeyRow::new(key, 1_000_000.0)
    }

    #[test]
    fn a_definition_keeps_every_setting_and_the_time_left() {
        let body = definition(&row(3_600), 1_000_000.0 + 600_000.0).unwrap();
        assert_eq!(body.validity, 3_000);
        assert_eq!((body.description.as_str(), body.indexes.len()), ("Shop", 2));
        assert_eq!(definition(&row(0), 9e12).unwrap().validity, 0, "never expiring stays so");
    }

    #[test]
    fn an_expired_or_half_read_key_is_not_copied() {
        assert!(definition(&row(60), 1_000_000.0 + 61_000.0).unwrap_err().contains("expired"));
        let mut odd = row(0);
        odd.key.problems.push(crate::algolia::Problem {
            field: "acl",
            expected: "a list",
            found: "a number".into(),
        });
        assert!(definition(&odd, 0.0).is_err());
    }

    #[test]
    fn restrictions_matching_no_index_of_the_target_are_named() {
        let body = definition(&row(0), 0.0).unwrap();
        let staging = ["staging_products".to_owned(), "shared".to_owned()];
        assert_eq!(unmatched_indices(&body, &staging), ["prod_*"]);
        assert!(unmatched_indices(&body, &["prod_eu".to_owned(), "shared".to_owned()]).is_empty());
    }

    #[test]
    fn lines_are_tallied_and_only_the_unfinished_are_retried() {
        let mut lines = vec![Line::new("a".into(), KeyBody::default()); 3];
        lines[0].state = LineState::Created("v".into());
        lines[1].state = LineState::Failed { message: "no".into(), lost_at_ms: None };
        assert_eq!(tally(&lines), (1, 1, 1));
        let pending: Vec<bool> = lines.iter().map(Line::is_pending).collect();
        assert_eq!(pending, [false, true, true]);
        assert_eq!(lines[0].new_value(), Some("v"));
        assert_eq!(lines[0].status(), "Created");
        assert_eq!(lines[1].status(), "Failed: no");
    }

    #[test]
    fn a_line_never_names_a_key_by_its_value() {
        let mut key = row(0).key;
        assert_eq!(line_name(&key), "Shop");
        key.description.clear();
        assert_eq!(line_name(&key), "(no description; search)");
    }
}
