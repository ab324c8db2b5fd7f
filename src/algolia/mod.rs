//! Everything Algolia: the key model, errors, hosts and the retry strategy, and one async function
//! per endpoint.

mod answers;
mod canonical;
mod client;
mod error;
pub mod fetch;
mod hosts;
mod key;
mod rfc3339;
mod wait;

pub use client::{Client, Credentials, Report, sleep_ms, unreported};
pub use error::ApiError;
pub use hosts::{
    Accept, CallKind, Host, HostEvent, HostPool, Outcome, classify, custom_hosts, default_hosts,
    parse_custom_host,
};
pub use key::{ApiKey, Extra, KeyBody, KeyList, Problem, timestamp_ms};
pub use wait::Awaited;
