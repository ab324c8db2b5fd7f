//! Algolia's key endpoints and `GET /1/indexes`, behind the `auth` extractors that say who is calling.

use std::collections::HashMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, Uri};
use serde_json::{Value, json};

use crate::app::WriteError;
use crate::auth::{Admin, Caller};
use crate::clock::rfc3339;
use crate::error::ApiError;
use crate::key::{KeyRequest, pattern_matches};
use crate::state::{SharedApp, lock};

/// Longer key paths are refused before any lookup; real keys, secured ones included, are far shorter.
pub const MAX_KEY_LENGTH: usize = 1_024;

fn check_key_path(key: &str) -> Result<(), ApiError> {
    if key.len() > MAX_KEY_LENGTH {
        return Err(ApiError::bad_request(format!(
            "The API key in the path is too long ({} characters; at most {MAX_KEY_LENGTH})",
            key.len()
        )));
    }
    Ok(())
}

fn write_result<T>(result: Result<T, WriteError>) -> Result<T, ApiError> {
    result.map_err(|e| match e {
        WriteError::Api(e) => e,
        WriteError::Io(e) => {
            ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, format!("Could not save the data file: {e}"))
        }
    })
}

fn io_result<T>(result: std::io::Result<T>) -> Result<T, ApiError> {
    write_result(result.map_err(WriteError::Io))
}

pub async fn list_keys(_: Admin, State(app): State<SharedApp>) -> Result<Json<Value>, ApiError> {
    let app = lock(&app);
    let now = app.now_ms();
    let keys: Vec<Value> = app.visible_keys().into_iter().map(|k| k.to_json(now, false)).collect();
    Ok(Json(json!({ "keys": keys })))
}

/// The credentials are judged only after the body is read, so that an oversized body gets 413
/// whoever sends it.
pub async fn create_key(
    admin: Result<Admin, ApiError>,
    State(app): State<SharedApp>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    admin?;
    let request = KeyRequest::parse(&body)?;
    let key = io_result(lock(&app).create(request))?;
    Ok(Json(json!({ "key": key.value, "createdAt": rfc3339(key.created_at * 1000) })))
}

/// The admin key reads any key; any other key may read only itself, with its description redacted.
pub async fn get_key(
    Path(value): Path<String>,
    caller: Caller,
    State(app): State<SharedApp>,
) -> Result<Json<Value>, ApiError> {
    check_key_path(&value)?;
    let app = lock(&app);
    let now = app.now_ms();
    match caller {
        Caller::Admin => {
            let key = app.visible_key(&value).ok_or_else(ApiError::key_does_not_exist)?;
            Ok(Json(key.to_json(now, false)))
        }
        Caller::Key(own) if own.value == value => Ok(Json(own.to_json(now, true))),
        Caller::Key(_) => Err(ApiError::not_allowed()),
    }
}

/// Like `create_key`, judges the credentials after reading the body.
pub async fn update_key(
    Path(value): Path<String>,
    admin: Result<Admin, ApiError>,
    State(app): State<SharedApp>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    admin?;
    check_key_path(&value)?;
    let request = KeyRequest::parse(&body)?;
    let mut app = lock(&app);
    let key = write_result(app.update(&value, request))?;
    Ok(Json(json!({ "key": key.value, "updatedAt": rfc3339(app.now_ms()) })))
}

pub async fn delete_key(
    Path(value): Path<String>,
    _: Admin,
    State(app): State<SharedApp>,
) -> Result<Json<Value>, ApiError> {
    check_key_path(&value)?;
    let deleted_at = write_result(lock(&app).delete(&value))?;
    Ok(Json(json!({ "deletedAt": rfc3339(deleted_at) })))
}

pub async fn restore_key(
    Path(value): Path<String>,
    _: Admin,
    State(app): State<SharedApp>,
) -> Result<Json<Value>, ApiError> {
    check_key_path(&value)?;
    let mut app = lock(&app);
    let key = write_result(app.restore(&value))?;
    Ok(Json(json!({ "key": key.value, "createdAt": rfc3339(app.now_ms()) })))
}

/// `GET /1/indexes?page=&hitsPerPage=`: needs `listIndexes`, and a restricted key sees only the
/// indices its patterns allow. Without `page` the whole list comes back in one page.
pub async fn list_indices(
    caller: Caller,
    State(app): State<SharedApp>,
    uri: Uri,
) -> Result<Json<Value>, ApiError> {
    let allowed: Option<Vec<String>> = match caller {
        Caller::Admin => None,
        Caller::Key(key) if key.settings.acl.iter().any(|a| a == "listIndexes") => {
            Some(key.settings.indexes).filter(|patterns| !patterns.is_empty())
        }
        Caller::Key(_) => return Err(ApiError::not_allowed()),
    };
    let paging = Paging::from_uri(&uri)?;
    let app = lock(&app);
    let all = app.indices();
    let visible: Vec<_> = all
        .iter()
        .filter(|i| allowed.as_ref().is_none_or(|p| p.iter().any(|p| pattern_matches(p, &i.name))))
        .collect();
    let (items, pages) = match paging.page {
        None => (visible.iter().collect::<Vec<_>>(), 1),
        Some(page) => {
            let per_page = paging.hits_per_page;
            let pages = visible.len().div_ceil(per_page).max(1);
            (visible.iter().skip(page * per_page).take(per_page).collect(), pages)
        }
    };
    let items: Vec<Value> = items.into_iter().map(|i| i.to_json(all)).collect();
    Ok(Json(json!({ "items": items, "nbPages": pages })))
}

struct Paging {
    page: Option<usize>,
    hits_per_page: usize,
}

impl Paging {
    fn from_uri(uri: &Uri) -> Result<Self, ApiError> {
        let query = Query::<HashMap<String, String>>::try_from_uri(uri).map(|q| q.0).unwrap_or_default();
        let number = |name: &str| -> Result<Option<usize>, ApiError> {
            match query.get(name).map(String::as_str) {
                None | Some("") | Some("null") => Ok(None),
                Some(v) => v
                    .parse()
                    .map(Some)
                    .map_err(|_| ApiError::bad_request(format!("`{name}` must be a non-negative integer"))),
            }
        };
        let hits_per_page = number("hitsPerPage")?.unwrap_or(100);
        if !(1..=1000).contains(&hits_per_page) {
            return Err(ApiError::bad_request("`hitsPerPage` must be between 1 and 1000"));
        }
        Ok(Self { page: number("page")?, hits_per_page })
    }
}
