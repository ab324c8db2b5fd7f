//! The answers of the write endpoints, read as Algolia's official clients read them: every field
//! the console relies on must be there, of the right type, or the write's outcome is unknown. A 200
//! whose body is a proxy's page or was cut short is never taken for success. The message of an
//! error's body is read here too, by the same reader.

use serde::Deserialize;

use super::error::ApiError;

/// The fields of Algolia's answers that the console reads: those of the write endpoints, and the
/// `message` of an error. One type for every answer, so that one reader serves them all: each
/// answer's own type would bring a reader of its own into the bundle.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Fields {
    key: Option<String>,
    created_at: Option<String>,
    updated_at: Option<String>,
    deleted_at: Option<String>,
    message: Option<String>,
}

fn read(text: &str) -> Result<Fields, ApiError> {
    serde_json::from_str(text).map_err(|e| ApiError::Unreadable(format!("not JSON: {e}")))
}

/// The `message` of an error's body, when it is JSON with one.
pub fn message(text: &str) -> Option<String> {
    serde_json::from_str::<Fields>(text).ok()?.message
}

fn missing(field: &str) -> ApiError {
    ApiError::Unreadable(format!("it has no “{field}”"))
}

/// `POST /1/keys`: `{"key": …, "createdAt": …}`; the new key's value.
pub fn created(text: &str) -> Result<String, ApiError> {
    let answer = read(text)?;
    answer.created_at.ok_or_else(|| missing("createdAt"))?;
    answer.key.filter(|k| !k.is_empty()).ok_or_else(|| missing("key"))
}

/// `PUT /1/keys/{key}`: `{"key": …, "updatedAt": …}`, about the key that was sent.
pub fn updated(text: &str, value: &str) -> Result<(), ApiError> {
    let answer = read(text)?;
    answer.updated_at.ok_or_else(|| missing("updatedAt"))?;
    same_key(answer.key, value)
}

/// `DELETE /1/keys/{key}`: `{"deletedAt": …}`.
pub fn deleted(text: &str) -> Result<(), ApiError> {
    read(text)?.deleted_at.map(drop).ok_or_else(|| missing("deletedAt"))
}

/// `POST /1/keys/{key}/restore`: `{"key": …, "createdAt": …}`, about the key that was sent.
pub fn restored(text: &str, value: &str) -> Result<(), ApiError> {
    let answer = read(text)?;
    answer.created_at.ok_or_else(|| missing("createdAt"))?;
    same_key(answer.key, value)
}

fn same_key(key: Option<String>, value: &str) -> Result<(), ApiError> {
    match key {
        Some(key) if key == value => Ok(()),
        Some(_) => Err(ApiError::Unreadable("it is about another key".into())),
        None => Err(missing("key")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AT: &str = "2026-12-01T10:00:00Z";

    #[test]
    fn well_formed_answers_are_understood() {
        assert_eq!(created(&format!(r#"{{"key":"k1","createdAt":"{AT}"}}"#)).unwrap(), "k1");
        updated(&format!(r#"{{"key":"k1","updatedAt":"{AT}"}}"#), "k1").unwrap();
        deleted(&format!(r#"{{"deletedAt":"{AT}"}}"#)).unwrap();
        restored(&format!(r#"{{"key":"k1","createdAt":"{AT}"}}"#), "k1").unwrap();
    }

    #[test]
    fn a_body_cut_short_or_from_a_proxy_is_unreadable() {
        for text in ["", "{\"keys\": [{\"value\": \"", "<html>Bad gateway</html>", "null", "[]"] {
            assert!(matches!(created(text), Err(ApiError::Unreadable(_))), "{text}");
            assert!(matches!(updated(text, "k1"), Err(ApiError::Unreadable(_))), "{text}");
            assert!(matches!(deleted(text), Err(ApiError::Unreadable(_))), "{text}");
            assert!(matches!(restored(text, "k1"), Err(ApiError::Unreadable(_))), "{text}");
        }
    }

    #[test]
    fn a_missing_field_or_another_key_is_unreadable() {
        assert_eq!(created(r#"{"key":"k1"}"#), Err(missing("createdAt")));
        assert_eq!(created(&format!(r#"{{"key":"","createdAt":"{AT}"}}"#)), Err(missing("key")));
        assert_eq!(updated(r#"{"key":"k1"}"#, "k1"), Err(missing("updatedAt")));
        assert!(updated(&format!(r#"{{"key":"k2","updatedAt":"{AT}"}}"#), "k1").is_err());
        assert_eq!(deleted("{}"), Err(missing("deletedAt")));
        assert!(matches!(deleted(r#"{"deletedAt":12}"#), Err(ApiError::Unreadable(_))));
        assert_eq!(restored(&format!(r#"{{"createdAt":"{AT}"}}"#), "k1"), Err(missing("key")));
    }
}
