//! The `/__emulator/` control API (only with `--control`): reset the state, move the clock, script faults.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::error::ApiError;
use crate::faults::{FaultRequest, ListenerRef};
use crate::state::Shared;

/// Back to the state the emulator started with; scripted faults are cleared too.
pub async fn reset(State(shared): State<Shared>) -> Result<Json<Value>, ApiError> {
    shared.faults.clear();
    let mut app = shared.app.lock().unwrap_or_else(|e| e.into_inner());
    app.reset().map_err(|e| ApiError::new(axum::http::StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    Ok(Json(json!({ "reset": true, "keys": app.live_key_count() })))
}

pub async fn clock(State(shared): State<Shared>) -> Json<Value> {
    let app = shared.app.lock().unwrap_or_else(|e| e.into_inner());
    Json(json!({ "nowMs": app.now_ms() }))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Advance {
    advance_seconds: u64,
}

/// Moves the emulator's clock forward: keys count down and expire as if that time had passed.
pub async fn advance_clock(State(shared): State<Shared>, body: Bytes) -> Result<Json<Value>, ApiError> {
    let advance: Advance = parse(&body)?;
    let mut app = shared.app.lock().unwrap_or_else(|e| e.into_inner());
    app.advance_clock(advance.advance_seconds.saturating_mul(1000).min(i64::MAX as u64 / 2) as i64)
        .map_err(|e| ApiError::new(axum::http::StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    Ok(Json(json!({ "nowMs": app.now_ms() })))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Propagation {
    ms: u64,
}

/// Sets the propagation delay of the writes accepted from now on (until the next reset).
pub async fn set_propagation(State(shared): State<Shared>, body: Bytes) -> Result<Json<Value>, ApiError> {
    let propagation: Propagation = parse(&body)?;
    let mut app = shared.app.lock().unwrap_or_else(|e| e.into_inner());
    app.set_propagation_ms(propagation.ms);
    Ok(Json(json!({ "propagationMs": propagation.ms })))
}

/// Scripts a fault for the next `count` API requests on one listener (by index or address), or
/// for the next `count` of those with a given method or path.
pub async fn script_fault(State(shared): State<Shared>, body: Bytes) -> Result<Json<Value>, ApiError> {
    let request: FaultRequest = parse(&body)?;
    let fault = request.fault().map_err(ApiError::bad_request)?;
    let target = request.target().map_err(ApiError::bad_request)?;
    let listener = match &request.listener {
        ListenerRef::Index(i) if *i < shared.addrs.len() => *i,
        ListenerRef::Address(a) => shared
            .addrs
            .iter()
            .position(|addr| addr.to_string() == *a)
            .ok_or_else(|| ApiError::bad_request(format!("No listener at {a}")))?,
        ListenerRef::Index(i) => return Err(ApiError::bad_request(format!("No listener number {i}"))),
    };
    shared.faults.script(listener, fault, target, request.count);
    Ok(Json(json!({ "listener": shared.addrs[listener].to_string(), "count": request.count })))
}

pub async fn clear_faults(State(shared): State<Shared>) -> Json<Value> {
    shared.faults.clear();
    Json(json!({ "cleared": true }))
}

fn parse<T: for<'de> Deserialize<'de>>(body: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(body).map_err(|e| ApiError::bad_request(format!("Invalid control request: {e}")))
}
