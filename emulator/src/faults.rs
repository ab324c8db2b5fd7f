//! Scripted faults: what the next requests on one listener suffer, so clients' retry and fail-over
//! logic can be tested against real sockets.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

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
    /// Answer 200 with a body that is not valid JSON.
    MalformedJson,
}

/// A control-API request: `{"listener": 0 | "127.0.0.1:8788", "fault": "...", "count": N, ...}`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FaultRequest {
    pub listener: ListenerRef,
    pub fault: FaultKind,
    #[serde(default = "one")]
    pub count: u32,
    pub status: Option<u16>,
    pub hang_ms: Option<u64>,
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
        })
    }
}

/// The scripted faults of every listener, consumed one per request.
pub struct Faults {
    queues: Mutex<Vec<VecDeque<Fault>>>,
}

impl Faults {
    pub fn new(listeners: usize) -> Self {
        Self { queues: Mutex::new(vec![VecDeque::new(); listeners]) }
    }

    pub fn script(&self, listener: usize, fault: Fault, count: u32) {
        let mut queues = self.queues.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(queue) = queues.get_mut(listener) {
            queue.extend(std::iter::repeat_n(fault, count as usize));
        }
    }

    pub fn next(&self, listener: usize) -> Option<Fault> {
        let mut queues = self.queues.lock().unwrap_or_else(|e| e.into_inner());
        queues.get_mut(listener).and_then(VecDeque::pop_front)
    }

    pub fn clear(&self) {
        let mut queues = self.queues.lock().unwrap_or_else(|e| e.into_inner());
        queues.iter_mut().for_each(VecDeque::clear);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_are_consumed_in_order_per_listener() {
        let faults = Faults::new(2);
        faults.script(1, Fault::Drop, 2);
        faults.script(1, Fault::RateLimit, 1);
        assert_eq!(faults.next(0), None);
        assert_eq!(faults.next(1), Some(Fault::Drop));
        assert_eq!(faults.next(1), Some(Fault::Drop));
        assert_eq!(faults.next(1), Some(Fault::RateLimit));
        assert_eq!(faults.next(1), None);
    }

    #[test]
    fn requests_are_validated() {
        let parse = |s: &str| serde_json::from_str::<FaultRequest>(s).unwrap().fault();
        assert_eq!(parse(r#"{"listener":0,"fault":"status"}"#), Ok(Fault::Status(503)));
        assert_eq!(
            parse(r#"{"listener":"127.0.0.1:1","fault":"hang","hangMs":5}"#),
            Ok(Fault::Hang(Duration::from_millis(5)))
        );
        assert!(parse(r#"{"listener":0,"fault":"status","status":200}"#).is_err());
        assert!(parse(r#"{"listener":0,"fault":"drop","count":0}"#).is_err());
    }
}
