//! Errors in Algolia's shape: a status and a JSON body `{"message", "status"}`.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self { status, message: message.into() }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn invalid_credentials() -> Self {
        Self::new(StatusCode::FORBIDDEN, "Invalid Application-ID or API key")
    }

    pub fn not_allowed() -> Self {
        Self::new(StatusCode::FORBIDDEN, "Method not allowed with this API key")
    }

    pub fn key_does_not_exist() -> Self {
        Self::new(StatusCode::NOT_FOUND, "Key does not exist")
    }

    pub fn key_already_exists() -> Self {
        Self::new(StatusCode::NOT_FOUND, "Key already exists")
    }
}

/// The JSON error body Algolia sends with every failure.
pub fn error_response(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "message": message, "status": status.as_u16() }))).into_response()
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        error_response(self.status, &self.message)
    }
}
