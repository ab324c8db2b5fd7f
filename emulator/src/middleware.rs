//! Cross-cutting behaviour of every listener: request logs, scripted faults, and JSON error bodies.

use std::time::Instant;

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::{ApiError, error_response};
use crate::faults::Fault;
use crate::state::Listener;

pub const CONTROL_PREFIX: &str = "/__emulator/";

/// Marks a response whose connection must be closed without answering (the `drop` fault).
#[derive(Clone, Copy, Debug)]
pub struct DropConnection;

/// One line per request: listener, method, path with key values masked, status, milliseconds.
/// The query string is never logged: Algolia accepts credentials there.
pub async fn log(State(listener): State<Listener>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = mask_keys(request.uri().path());
    let response = next.run(request).await;
    let status = if response.extensions().get::<DropConnection>().is_some() {
        "dropped".to_owned()
    } else {
        response.status().as_u16().to_string()
    };
    eprintln!("[{}] {method} {path} {status} {}ms", listener.index, started.elapsed().as_millis());
    response
}

/// Masks whatever follows `/1/keys/`: it is an API key.
pub fn mask_keys(path: &str) -> String {
    const PREFIX: &str = "/1/keys/";
    let Some(rest) = path.strip_prefix(PREFIX) else { return path.to_owned() };
    let (key, tail) = rest.split_once('/').map_or((rest, ""), |(k, t)| (k, t));
    let shown: String = key.chars().take(4).collect();
    let tail = if tail.is_empty() { String::new() } else { format!("/{tail}") };
    format!("{PREFIX}{shown}…{tail}")
}

/// Applies the scripted fault this API request meets, if any.
pub async fn faults(State(listener): State<Listener>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if path.starts_with(CONTROL_PREFIX) || request.method() == Method::OPTIONS {
        return next.run(request).await;
    }
    match listener.shared.faults.next(listener.index, request.method(), path) {
        None => next.run(request).await,
        Some(Fault::Status(status)) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
            error_response(status, status.canonical_reason().unwrap_or("Server error"))
        }
        Some(Fault::RateLimit) => error_response(StatusCode::TOO_MANY_REQUESTS, "Too many requests"),
        Some(Fault::Hang(duration)) => {
            tokio::time::sleep(duration).await;
            next.run(request).await
        }
        Some(Fault::Drop) => {
            let mut response = StatusCode::BAD_GATEWAY.into_response();
            response.extensions_mut().insert(DropConnection);
            response
        }
        Some(Fault::MalformedJson) => {
            ([(header::CONTENT_TYPE, "application/json; charset=utf-8")], "{\"keys\": [{\"value\": \"")
                .into_response()
        }
        Some(Fault::Truncated) => truncate(next.run(request).await).await,
    }
}

/// The answer with its status and headers as sent but only the first half of its body: what a client
/// reads when a proxy passes on an answer cut short. A strict prefix of a JSON object is never JSON.
async fn truncate(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let body = to_bytes(body, usize::MAX).await.unwrap_or_default();
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(body.slice(..body.len() / 2)))
}

/// Axum's own rejections (a bad path, a body over the limit, a wrong method) answer in plain text;
/// Algolia answers every error in JSON, so those are rewritten.
pub async fn json_errors(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let text = to_bytes(response.into_body(), 64 * 1024).await.unwrap_or_default();
    let text = String::from_utf8_lossy(&text);
    let message = match text.trim() {
        "" => status.canonical_reason().unwrap_or("Error").to_owned(),
        text => text.to_owned(),
    };
    error_response(status, &message)
}

pub async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "Not Found")
}

/// Used when a listener hands a request to the router: a body-less response for a dropped connection.
pub fn is_dropped(response: &Response<Body>) -> bool {
    response.extensions().get::<DropConnection>().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_truncated_answer_keeps_its_status_and_headers_and_loses_the_end_of_its_body() {
        let body = serde_json::json!({ "deletedAt": "2026-12-01T10:00:00Z" });
        let full = serde_json::to_vec(&body).unwrap();
        let response = truncate(axum::Json(body).into_response()).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
        let cut = to_bytes(response.into_body(), usize::MAX).await.unwrap();
        assert!(!cut.is_empty() && full.starts_with(&cut) && cut.len() < full.len(), "{cut:?}");
        assert!(serde_json::from_slice::<serde_json::Value>(&cut).is_err());
    }

    #[test]
    fn masks_key_values_in_paths() {
        assert_eq!(mask_keys("/1/keys/0123456789abcdef"), "/1/keys/0123…");
        assert_eq!(mask_keys("/1/keys/0123456789abcdef/restore"), "/1/keys/0123…/restore");
        assert_eq!(mask_keys("/1/keys"), "/1/keys");
        assert_eq!(mask_keys("/1/indexes"), "/1/indexes");
    }
}
