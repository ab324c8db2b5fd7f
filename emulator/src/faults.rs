//! Scripted faults: what the next requests on one listener suffer, so clients' retry and fail-over
//! logic can be tested against real sockets. A fault can be aimed at one kind of request, so that a
//! test can hit a write among the polls a client keeps making.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

use axum::http::Method;
use serde::Deserialize;

#[derive(Clone, Debug, PartialEq)]
pub enum Fault {
    /// Answer with this status (a 5xx, typically) and an Algolia-style error body.
    Status(u16),
    /// Answer 429, as Algolia does when a rate limit is hit.
    RateLimit,
    /// Wait this long before handling the request, so the client times out.
    Hang(Duration),
    /// Close the connection without answering.
    Drop,
    /// Answer 200 with a body that is not valid JSON, without handling the request (a broken proxy).
    MalformedJson,
    /// Handle the request, then send its answer with the body cut short: the write is applied but
    /// the client cannot read that it was.
    Truncated,
}

/// Which API requests a scripted fault waits for; without a method or a path it takes any.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Target {
    pub method: Option<Method>,
    pub path_contains: Option<String>,
}

impl Target {
    pub fn matches(&self, method: &Method, path: &str) -> bool {
        self.method.as_ref().is_none_or(|m| m == method)
            && self.path_contains.as_deref().is_none_or(|part| path.contains(part))
    }
}

/// A control-API request: `{"listener": 0 | "127.0.0.1:8788", "fault": "...", "count": N, ...}`,
/// optionally aimed with `"method"` and `"pathContains"`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FaultRequest {
    pub listener: ListenerRef,
    pub fault: FaultKind,
    #[serde(default = "one")]
    pub count: u32,
    pub status: Option<u16>,
    pub hang_ms: Option<u64>,
    pub method: Option<MethodName>,
    pub path_contains: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum ListenerRef {
    Index(usize),
    Address(String),
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FaultKind {
    Status,
    RateLimit,
    Hang,
    Drop,
    MalformedJson,
    Truncated,
}

/// The methods of Algolia's key API; a preflight never meets a fault, so `OPTIONS` is not one.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum MethodName {
    Get,
    Post,
    Put,
    Delete,
}

impl From<&MethodName> for Method {
    fn from(name: &MethodName) -> Self {
        match name {
            MethodName::Get => Method::GET,
            MethodName::Post => Method::POST,
            MethodName::Put => Method::PUT,
            MethodName::Delete => Method::DELETE,
        }
    }
}

fn one() -> u32 {
    1
}

/// Long enough to outlast any per-try timeout of Algolia's clients (write: 30 s).
const DEFAULT_HANG: Duration = Duration::from_secs(35);
const MAX_COUNT: u32 = 10_000;

impl FaultRequest {
    pub fn fault(&self) -> Result<Fault, String> {
        if self.count == 0 || self.count > MAX_COUNT {
            return Err(format!("`count` must be between 1 and {MAX_COUNT}"));
        }
        Ok(match self.fault {
            FaultKind::Status => match self.status {
                Some(status @ 300..=599) => Fault::Status(status),
                Some(_) => return Err("`status` must be between 300 and 599".into()),
                None => Fault::Status(503),
            },
            FaultKind::RateLimit => Fault::RateLimit,
            FaultKind::Hang => Fault::Hang(self.hang_ms.map_or(DEFAULT_HANG, Duration::from_millis)),
            FaultKind::Drop => Fault::Drop,
            FaultKind::MalformedJson => Fault::MalformedJson,
            FaultKind::Truncated => Fault::Truncated,
        })
    }

    pub fn target(&self) -> Result<Target, String> {
        if self.path_contains.as_deref() == Some("") {
            return Err("`pathContains` must not be empty".into());
        }
        Ok(Target {
            method: self.method.as_ref().map(Method::from),
            path_contains: self.path_contains.clone(),
        })
    }
}

struct Scripted {
    fault: Fault,
    target: Target,
    left: u32,
}

/// The scripted faults of every listener, in the order they were scripted.
pub struct Faults {
    queues: Mutex<Vec<VecDeque<Scripted>>>,
}

impl Faults {
    pub fn new(listeners: usize) -> Self {
        Self { queues: Mutex::new((0..listeners).map(|_| VecDeque::new()).collect()) }
    }

    pub fn script(&self, listener: usize, fault: Fault, target: Target, count: u32) {
        let mut queues = self.queues.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(queue) = queues.get_mut(listener).filter(|_| count > 0) {
            queue.push_back(Scripted { fault, target, left: count });
        }
    }

    /// The fault this request meets: one use of the earliest scripted fault aimed at it. Faults
    /// aimed elsewhere stay for their own requests.
    pub fn next(&self, listener: usize, method: &Method, path: &str) -> Option<Fault> {
        let mut queues = self.queues.lock().unwrap_or_else(|e| e.into_inner());
        let queue = queues.get_mut(listener)?;
        let position = queue.iter().position(|s| s.target.matches(method, path))?;
        let scripted = &mut queue[position];
        scripted.left -= 1;
        let fault = scripted.fault.clone();
        if scripted.left == 0 {
            queue.remove(position);
        }
        Some(fault)
    }

    pub fn clear(&self) {
        let mut queues = self.queues.lock().unwrap_or_else(|e| e.into_inner());
        queues.iter_mut().for_each(VecDeque::clear);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aimed(method: Option<Method>, path_contains: Option<&str>) -> Target {
        Target { method, path_contains: path_contains.map(str::to_owned) }
    }

    #[test]
    fn faults_are_consumed_in_order_per_listener() {
        let faults = Faults::new(2);
        faults.script(1, Fault::Drop, Target::default(), 2);
        faults.script(1, Fault::RateLimit, Target::default(), 1);
        let next = |listener| faults.next(listener, &Method::GET, "/1/keys");
        assert_eq!(next(0), None);
        assert_eq!(next(1), Some(Fault::Drop));
        assert_eq!(next(1), Some(Fault::Drop));
        assert_eq!(next(1), Some(Fault::RateLimit));
        assert_eq!(next(1), None);
    }

    #[test]
    fn an_aimed_fault_lets_other_requests_through_and_waits_for_its_own() {
        let faults = Faults::new(1);
        faults.script(0, Fault::Truncated, aimed(Some(Method::POST), Some("/restore")), 1);
        faults.script(0, Fault::Drop, aimed(Some(Method::PUT), None), 2);
        assert_eq!(faults.next(0, &Method::GET, "/1/keys/abc"), None);
        assert_eq!(faults.next(0, &Method::POST, "/1/keys"), None, "the method alone is not enough");
        assert_eq!(faults.next(0, &Method::GET, "/1/keys/abc/restore"), None, "nor the path alone");
        assert_eq!(faults.next(0, &Method::PUT, "/1/keys/abc"), Some(Fault::Drop));
        assert_eq!(faults.next(0, &Method::POST, "/1/keys/abc/restore"), Some(Fault::Truncated));
        assert_eq!(faults.next(0, &Method::POST, "/1/keys/abc/restore"), None);
        assert_eq!(faults.next(0, &Method::PUT, "/1/keys/abc"), Some(Fault::Drop));
        assert_eq!(faults.next(0, &Method::PUT, "/1/keys/abc"), None);
    }

    #[test]
    fn the_earliest_fault_aimed_at_a_request_is_used_first() {
        let faults = Faults::new(1);
        faults.script(0, Fault::RateLimit, aimed(Some(Method::DELETE), None), 1);
        faults.script(0, Fault::Drop, Target::default(), 1);
        assert_eq!(faults.next(0, &Method::DELETE, "/1/keys/abc"), Some(Fault::RateLimit));
        assert_eq!(faults.next(0, &Method::DELETE, "/1/keys/abc"), Some(Fault::Drop));
        assert_eq!(faults.next(0, &Method::DELETE, "/1/keys/abc"), None);
    }

    #[test]
    fn requests_are_validated() {
        let parse = |s: &str| serde_json::from_str::<FaultRequest>(s).map_err(|e| e.to_string());
        let fault = |s: &str| parse(s).unwrap().fault();
        assert_eq!(fault(r#"{"listener":0,"fault":"status"}"#), Ok(Fault::Status(503)));
        assert_eq!(
            fault(r#"{"listener":"127.0.0.1:1","fault":"hang","hangMs":5}"#),
            Ok(Fault::Hang(Duration::from_millis(5)))
        );
        assert_eq!(fault(r#"{"listener":0,"fault":"truncated"}"#), Ok(Fault::Truncated));
        assert!(fault(r#"{"listener":0,"fault":"status","status":200}"#).is_err());
        assert!(fault(r#"{"listener":0,"fault":"drop","count":0}"#).is_err());
    }

    #[test]
    fn targets_are_validated() {
        let parse = |s: &str| serde_json::from_str::<FaultRequest>(s).map_err(|e| e.to_string());
        let request = parse(r#"{"listener":0,"fault":"drop","method":"PUT","pathContains":"/restore"}"#);
        assert_eq!(request.unwrap().target(), Ok(aimed(Some(Method::PUT), Some("/restore"))));
        assert_eq!(parse(r#"{"listener":0,"fault":"drop"}"#).unwrap().target(), Ok(Target::default()));
        for bad in [
            r#"{"listener":0,"fault":"drop","method":"PATCH"}"#,
            r#"{"listener":0,"fault":"drop","method":"put"}"#,
            r#"{"listener":0,"fault":"drop","method":"OPTIONS"}"#,
            r#"{"listener":0,"fault":"drop","path":"/restore"}"#,
            r#"{"listener":0,"fault":"drop","pathContains":5}"#,
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        let empty = parse(r#"{"listener":0,"fault":"drop","pathContains":""}"#).unwrap();
        assert_eq!(empty.target(), Err("`pathContains` must not be empty".to_owned()));
    }
}
