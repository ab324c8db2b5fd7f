//! Who is calling, as handlers receive it: the `Caller` and `Admin` extractors.

use std::collections::HashMap;

use axum::extract::{FromRef, FromRequestParts, Query};
use axum::http::request::Parts;

use crate::app::App;
use crate::error::ApiError;
use crate::key::Key;
use crate::state::{SharedApp, lock};

/// A caller whose credentials check out: the admin key, or a listed key.
pub enum Caller {
    Admin,
    Key(Box<Key>),
}

/// A caller who presented the admin key.
pub struct Admin;

impl<S> FromRequestParts<S> for Caller
where
    SharedApp: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    /// Releases the lock before the handler runs, which takes it again: a guard cannot outlive the
    /// extractor, and holding it while a body is read would stall every other request.
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        authenticate(&lock(&SharedApp::from_ref(state)), parts)
    }
}

impl<S> FromRequestParts<S> for Admin
where
    SharedApp: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match Caller::from_request_parts(parts, state).await? {
            Caller::Admin => Ok(Admin),
            Caller::Key(_) => Err(ApiError::not_allowed()),
        }
    }
}

/// Credentials come from Algolia's headers or, as Algolia also accepts, from the query string.
fn authenticate(app: &App, parts: &Parts) -> Result<Caller, ApiError> {
    let query = Query::<HashMap<String, String>>::try_from_uri(&parts.uri).map(|q| q.0).unwrap_or_default();
    let credential = |name: &str| {
        parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
            .or_else(|| query.get(name).cloned())
    };
    let app_id = credential("x-algolia-application-id");
    let api_key = credential("x-algolia-api-key").ok_or_else(ApiError::invalid_credentials)?;
    if app_id.as_deref() != Some(app.app_id.as_str()) {
        return Err(ApiError::invalid_credentials());
    }
    if api_key == app.admin_key {
        return Ok(Caller::Admin);
    }
    app.visible_key(&api_key)
        .map(|k| Caller::Key(Box::new(k.clone())))
        .ok_or_else(ApiError::invalid_credentials)
}
