//! The HTTP side: one function per endpoint, each trying the hosts in the order the retry strategy
//! gives, with a per-try timeout, and aborting its fetch when the caller drops the future (a view
//! that goes away takes its requests with it).

use std::cell::Cell;
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use leptos::prelude::set_timeout_with_handle;
use serde::{Deserialize, Serialize};
use web_sys::AbortController;

use super::answers;
use super::error::ApiError;
use super::fetch::{self, Method};
use super::hosts::{
    BODY_TIMEOUT_MS, CONNECT_TIMEOUT_MS, CallKind, HostEvent, HostPool, Outcome, READ_TIMEOUT_MS,
    WRITE_TIMEOUT_MS, classify, custom_hosts, default_hosts, scaled_timeout,
};
use super::key::{ApiKey, KeyBody, KeyList};
use super::wait::{Awaited, CHECKS_AFTER_UNKNOWN, MAX_POLLS, poll_delay_ms};
use crate::perf::mark;
use crate::uri::encode_component;

/// What the user connected with. The API key is the admin key: see `session` for how it is kept.
/// Its `Debug` leaves the key out, so no log or panic message can carry it.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct Credentials {
    pub app_id: String,
    pub api_key: String,
    /// Base URLs replacing Algolia's hosts; empty for Algolia's own.
    pub hosts: Vec<String>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("app_id", &self.app_id)
            .field("api_key", &"<hidden>")
            .field("hosts", &self.hosts)
            .finish()
    }
}

/// Hears what a request is doing, host by host, so a long wait can say what it waits for.
pub type Report<'a> = &'a dyn Fn(HostEvent);

/// For calls whose waits are not shown.
pub fn unreported(_: HostEvent) {}

/// A client for one application. Cloning shares what it learnt about its hosts.
#[derive(Clone)]
pub struct Client {
    credentials: Arc<Credentials>,
    pool: Arc<Mutex<HostPool>>,
}

impl Client {
    pub fn new(credentials: Credentials) -> Self {
        let hosts = if credentials.hosts.is_empty() {
            default_hosts(&credentials.app_id, shuffle)
        } else {
            custom_hosts(&credentials.hosts)
        };
        Self { credentials: Arc::new(credentials), pool: Arc::new(Mutex::new(HostPool::new(hosts))) }
    }

    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// `GET /1/keys`: every key of the application, and how many entries could not be read at all.
    pub async fn list_keys(&self) -> Result<KeyList, ApiError> {
        let text = self.send(Method::Get, "/1/keys", None, &unreported).await?;
        mark("keys-response");
        let list = parse(&text);
        mark("keys-parsed");
        list
    }

    /// `GET /1/keys/{key}`.
    pub async fn get_key(&self, value: &str) -> Result<ApiKey, ApiError> {
        let text = self.send(Method::Get, &key_path(value, ""), None, &unreported).await?;
        parse(&text)
    }

    /// The key as the API shows it now; `None` when Algolia says it does not exist.
    pub async fn find_key(&self, value: &str) -> Result<Option<ApiKey>, ApiError> {
        match self.get_key(value).await {
            Ok(key) => Ok(Some(key)),
            Err(ApiError::KeyNotFound(_)) => Ok(None),
            Err(error) => Err(error),
        }
    }

    /// `POST /1/keys`; returns the new key's value.
    pub async fn create_key(&self, body: &KeyBody, report: Report<'_>) -> Result<String, ApiError> {
        let text = self.send(Method::Post, "/1/keys", Some(to_json(body)?), report).await?;
        answers::created(&text)
    }

    /// `PUT /1/keys/{key}`: replaces every setting of the key with the body.
    pub async fn update_key(&self, value: &str, body: &KeyBody, report: Report<'_>) -> Result<(), ApiError> {
        let text = self.send(Method::Put, &key_path(value, ""), Some(to_json(body)?), report).await?;
        answers::updated(&text, value)
    }

    /// `DELETE /1/keys/{key}`.
    pub async fn delete_key(&self, value: &str, report: Report<'_>) -> Result<(), ApiError> {
        let text = self.send(Method::Delete, &key_path(value, ""), None, report).await?;
        answers::deleted(&text)
    }

    /// `POST /1/keys/{key}/restore`: brings a deleted key back, never expiring.
    pub async fn restore_key(&self, value: &str, report: Report<'_>) -> Result<(), ApiError> {
        let text = self.send(Method::Post, &key_path(value, "/restore"), None, report).await?;
        answers::restored(&text, value)
    }

    /// `GET /1/indexes`: the names of the application's indices.
    pub async fn list_indices(&self) -> Result<Vec<String>, ApiError> {
        #[derive(Deserialize)]
        struct Indices {
            items: Vec<Index>,
        }
        #[derive(Deserialize)]
        struct Index {
            name: String,
        }
        let text = self.send(Method::Get, "/1/indexes", None, &unreported).await?;
        Ok(parse::<Indices>(&text)?.items.into_iter().map(|i| i.name).collect())
    }

    /// Polls the key until the API shows the change, as the official `waitForApiKey` helper does.
    pub async fn wait_for(&self, value: &str, change: &Awaited) -> Result<(), ApiError> {
        if self.poll(value, change, MAX_POLLS).await? {
            Ok(())
        } else {
            Err(ApiError::NotYetVisible { checks: MAX_POLLS })
        }
    }

    /// Whether the API shows the change within a few checks: how the console finds out what became
    /// of a write whose answer it could not read.
    pub async fn shows(&self, value: &str, change: &Awaited) -> Result<bool, ApiError> {
        self.poll(value, change, CHECKS_AFTER_UNKNOWN).await
    }

    async fn poll(&self, value: &str, change: &Awaited, checks: u32) -> Result<bool, ApiError> {
        let started = js_sys::Date::now();
        for retry in 0..checks {
            if retry > 0 {
                sleep_ms(poll_delay_ms(retry)).await;
            }
            let found = self.find_key(value).await?;
            let elapsed_s = ((js_sys::Date::now() - started) / 1000.0).ceil() as u64;
            if change.is_visible(found.as_ref(), elapsed_s) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Tries each host in turn until one gives a final answer, telling `report` of each try.
    async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
        report: Report<'_>,
    ) -> Result<String, ApiError> {
        let kind = if method == Method::Get { CallKind::Read } else { CallKind::Write };
        let base =
            CONNECT_TIMEOUT_MS + if kind == CallKind::Read { READ_TIMEOUT_MS } else { WRITE_TIMEOUT_MS };
        let order = self.pool().plan(kind, js_sys::Date::now());
        let mut tried = Vec::new();
        let mut timeouts = 0;
        for index in order {
            let url = self.pool().host(index).url.clone();
            let timeout = scaled_timeout(base, timeouts);
            report(HostEvent::Trying { host: url.clone(), timeout_ms: timeout, at_ms: js_sys::Date::now() });
            let result = self.try_once(&method, &format!("{url}{path}"), body.as_deref(), timeout).await;
            let outcome = match &result {
                Ok((status, _)) => classify(Some(*status)),
                Err(Failure::Network) => Outcome::Retry,
                Err(Failure::Timeout) => Outcome::TimedOut,
            };
            self.pool().record(index, outcome, js_sys::Date::now());
            if matches!(outcome, Outcome::Retry | Outcome::TimedOut) {
                report(HostEvent::Failed { host: url.clone(), timed_out: outcome == Outcome::TimedOut });
            }
            tried.push(url);
            match (outcome, result) {
                (Outcome::Success, Ok((_, text))) => return Ok(text),
                (Outcome::Final, Ok((status, text))) => return Err(ApiError::from_response(status, &text)),
                (Outcome::TimedOut, _) => timeouts += 1,
                _ => {}
            }
        }
        Err(ApiError::Unreachable { hosts: tried })
    }

    fn pool(&self) -> std::sync::MutexGuard<'_, HostPool> {
        self.pool.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// One fetch with a deadline for the headers and a separate, generous one for the body.
    async fn try_once(
        &self,
        method: &Method,
        url: &str,
        body: Option<&str>,
        timeout_ms: f64,
    ) -> Result<(u16, String), Failure> {
        let abort = AbortOnDrop::new().ok_or(Failure::Network)?;
        let credentials = &self.credentials;
        let mut headers = vec![
            ("x-algolia-application-id", credentials.app_id.as_str()),
            ("x-algolia-api-key", &credentials.api_key),
        ];
        if body.is_some() {
            headers.push(("content-type", "application/json"));
        }
        let signal = abort.controller.signal();
        let deadline = abort.deadline(timeout_ms);
        let response =
            fetch::send(*method, url, &headers, body, Some(&signal)).await.map_err(|_| abort.failure())?;
        drop(deadline);
        let _deadline = abort.deadline(BODY_TIMEOUT_MS);
        // The bytes, not `text()`: the browser would decode them to a JS string only for the
        // binding to encode that back to UTF-8 in wasm, which costs tens of milliseconds on a
        // 10,000-key list.
        let bytes = response.bytes().await.map_err(|_| abort.failure())?;
        Ok((response.status(), utf8_text(bytes)))
    }
}

/// A body as `Response.text()` reads it: UTF-8 without a byte-order mark, any invalid sequence
/// replaced by U+FFFD.
fn utf8_text(bytes: Vec<u8>) -> String {
    let text =
        String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    }
}

#[derive(Debug)]
enum Failure {
    Network,
    Timeout,
}

/// Aborts the fetch when dropped, and remembers whether a deadline was what aborted it.
struct AbortOnDrop {
    controller: AbortController,
    timed_out: Rc<Cell<bool>>,
}

impl AbortOnDrop {
    fn new() -> Option<Self> {
        Some(Self { controller: AbortController::new().ok()?, timed_out: Rc::new(Cell::new(false)) })
    }

    /// Aborts the fetch after `ms` unless the returned guard is dropped first.
    fn deadline(&self, ms: f64) -> Option<impl Drop> {
        let controller = self.controller.clone();
        let timed_out = self.timed_out.clone();
        let handle = set_timeout_with_handle(
            move || {
                timed_out.set(true);
                controller.abort();
            },
            Duration::from_millis(ms as u64),
        )
        .ok()?;
        Some(ClearOnDrop(handle))
    }

    fn failure(&self) -> Failure {
        if self.timed_out.get() { Failure::Timeout } else { Failure::Network }
    }
}

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.controller.abort();
    }
}

struct ClearOnDrop(leptos::prelude::TimeoutHandle);

impl Drop for ClearOnDrop {
    fn drop(&mut self) {
        self.0.clear();
    }
}

/// The path of one key: its value is percent-encoded as `encodeURIComponent` does.
fn key_path(value: &str, suffix: &str) -> String {
    format!("/1/keys/{}{suffix}", encode_component(value))
}

fn to_json(body: &KeyBody) -> Result<String, ApiError> {
    serde_json::to_string(body).map_err(|e| ApiError::NotSent(e.to_string()))
}

/// Waits in the browser's event loop.
pub async fn sleep_ms(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn parse<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T, ApiError> {
    serde_json::from_str(text).map_err(|e| ApiError::Unreadable(e.to_string()))
}

/// Fisher–Yates with the browser's `Math.random`: the order of fallback hosts needs no secrecy.
fn shuffle<T>(items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let j = (js_sys::Math::random() * (i + 1) as f64) as usize;
        items.swap(i, j.min(i));
    }
}

#[cfg(test)]
mod tests {
    use super::utf8_text;

    #[test]
    fn bodies_are_read_as_response_text_reads_them() {
        assert_eq!(utf8_text(b"{\"a\":1}".to_vec()), "{\"a\":1}");
        assert_eq!(utf8_text("\u{feff}{}".as_bytes().to_vec()), "{}", "the byte-order mark goes");
        assert_eq!(utf8_text(b"{\"a\":\"\xff\"}".to_vec()), "{\"a\":\"\u{fffd}\"}");
    }
}
