//! Which hosts to try, in which order, with which timeout: the retry strategy of Algolia's official
//! clients, as plain logic. Time comes in as an argument so it can be tested without a clock.

/// Whether a call reads (GET) or writes (POST, PUT, DELETE): they start on different hosts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallKind {
    Read,
    Write,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Accept {
    Read,
    Write,
    ReadWrite,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Host {
    /// Base URL without a trailing slash, e.g. `https://APPID-dsn.algolia.net`.
    pub url: String,
    pub accept: Accept,
}

impl Host {
    fn serves(&self, kind: CallKind) -> bool {
        matches!(
            (self.accept, kind),
            (Accept::ReadWrite, _) | (Accept::Read, CallKind::Read) | (Accept::Write, CallKind::Write)
        )
    }
}

/// A host that failed is skipped for this long (the JavaScript client's figure).
pub const HOST_DOWN_MS: f64 = 120_000.0;

/// Per-try timeouts of the browser client: until the response headers, and then for the body, which
/// can be megabytes for a large key list and must not be cut off on a slow link.
pub const CONNECT_TIMEOUT_MS: f64 = 1_000.0;
pub const READ_TIMEOUT_MS: f64 = 2_000.0;
pub const WRITE_TIMEOUT_MS: f64 = 30_000.0;
pub const BODY_TIMEOUT_MS: f64 = 120_000.0;

/// Algolia's hosts for an application: the read host or the write host first, then the three
/// fallbacks on another DNS provider, in an order `shuffle` chooses.
pub fn default_hosts(app_id: &str, shuffle: impl FnOnce(&mut [Host])) -> Vec<Host> {
    let mut fallbacks: Vec<Host> = (1..=3)
        .map(|n| Host { url: format!("https://{app_id}-{n}.algolianet.com"), accept: Accept::ReadWrite })
        .collect();
    shuffle(&mut fallbacks);
    let mut hosts = vec![
        Host { url: format!("https://{app_id}-dsn.algolia.net"), accept: Accept::Read },
        Host { url: format!("https://{app_id}.algolia.net"), accept: Accept::Write },
    ];
    hosts.extend(fallbacks);
    hosts
}

/// Custom hosts replace Algolia's, in the order given: the first is the primary.
pub fn custom_hosts(urls: &[String]) -> Vec<Host> {
    urls.iter().map(|url| Host { url: url.clone(), accept: Accept::ReadWrite }).collect()
}

/// Checks a custom host's base URL and returns it normalised (no trailing slash). Only `https://`
/// is accepted, but for the local machine, where `http://` is how the emulator is reached.
pub fn parse_custom_host(input: &str) -> Result<String, String> {
    let input = input.trim().trim_end_matches('/');
    let (scheme, rest) =
        input.split_once("://").ok_or_else(|| format!("“{input}” needs a scheme: https://…"))?;
    let authority = rest.split('/').next().unwrap_or_default();
    if authority.is_empty() || rest.contains(['?', '#', ' ', '@']) {
        return Err(format!("“{input}” is not a base URL like https://proxy.example.com"));
    }
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if !port.is_empty() && port.chars().all(|c| c.is_ascii_digit()) => host,
        Some(_) => return Err(format!("“{input}” has an invalid port")),
        None => authority,
    };
    match scheme.to_ascii_lowercase().as_str() {
        "https" => Ok(input.to_owned()),
        "http" if host == "localhost" || host == "127.0.0.1" => Ok(input.to_owned()),
        "http" => {
            Err(format!("“{input}”: http:// is allowed only for localhost and 127.0.0.1; use https://"))
        }
        _ => Err(format!("“{input}”: the scheme must be https://")),
    }
}

/// What a request is doing, host by host: a long wait says what it waits for.
#[derive(Clone, Debug, PartialEq)]
pub enum HostEvent {
    /// A try started at `at_ms` on this host, which gets `timeout_ms` to answer.
    Trying { host: String, timeout_ms: f64, at_ms: f64 },
    /// The host did not answer in time, or failed: the next one is tried.
    Failed { host: String, timed_out: bool },
}

/// What one try came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// 2xx.
    Success,
    /// A 4xx, 429 included: the request itself is refused, and another host would say the same.
    Final,
    /// A network error, a 5xx or any other status: try the next host.
    Retry,
    /// No answer in time: try the next host with a longer timeout.
    TimedOut,
}

/// Classifies a try by its status; `None` means the network failed before any status.
pub fn classify(status: Option<u16>) -> Outcome {
    match status {
        Some(200..=299) => Outcome::Success,
        Some(400..=499) => Outcome::Final,
        _ => Outcome::Retry,
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Health {
    Up,
    Down,
    TimedOut,
}

/// The hosts of one application and what the client has learnt about each.
#[derive(Clone, Debug)]
pub struct HostPool {
    hosts: Vec<Host>,
    health: Vec<(Health, f64)>,
}

impl HostPool {
    pub fn new(hosts: Vec<Host>) -> Self {
        let health = vec![(Health::Up, 0.0); hosts.len()];
        Self { hosts, health }
    }

    pub fn host(&self, index: usize) -> &Host {
        &self.hosts[index]
    }

    /// Hosts that serve this kind of call: those up (or down long enough ago to try again) first,
    /// then those that recently timed out; if every one is down, all of them.
    pub fn plan(&self, kind: CallKind, now_ms: f64) -> Vec<usize> {
        let serving: Vec<usize> = (0..self.hosts.len()).filter(|&i| self.hosts[i].serves(kind)).collect();
        let state = |i: usize| {
            let (health, since) = self.health[i];
            if now_ms - since > HOST_DOWN_MS { Health::Up } else { health }
        };
        let up = serving.iter().copied().filter(|&i| state(i) == Health::Up);
        let timed_out = serving.iter().copied().filter(|&i| state(i) == Health::TimedOut);
        let order: Vec<usize> = up.chain(timed_out).collect();
        if order.is_empty() { serving } else { order }
    }

    /// Records what a try on a host came to.
    pub fn record(&mut self, index: usize, outcome: Outcome, now_ms: f64) {
        let health = match outcome {
            Outcome::Success | Outcome::Final => Health::Up,
            Outcome::Retry => Health::Down,
            Outcome::TimedOut => Health::TimedOut,
        };
        self.health[index] = (health, now_ms);
    }
}

/// The timeout for the next try: the base, scaled up by every timeout so far in this call.
pub fn scaled_timeout(base_ms: f64, timeouts_so_far: u32) -> f64 {
    base_ms * f64::from(timeouts_so_far + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reverse(hosts: &mut [Host]) {
        hosts.reverse();
    }

    #[test]
    fn reads_and_writes_start_on_their_own_host_then_shuffled_fallbacks() {
        let pool = HostPool::new(default_hosts("APP", reverse));
        let urls = |plan: Vec<usize>| plan.iter().map(|&i| pool.host(i).url.clone()).collect::<Vec<_>>();
        assert_eq!(
            urls(pool.plan(CallKind::Read, 0.0)),
            [
                "https://APP-dsn.algolia.net",
                "https://APP-3.algolianet.com",
                "https://APP-2.algolianet.com",
                "https://APP-1.algolianet.com"
            ]
        );
        assert_eq!(urls(pool.plan(CallKind::Write, 0.0))[0], "https://APP.algolia.net");
        assert_eq!(pool.plan(CallKind::Write, 0.0).len(), 4);
    }

    #[test]
    fn retries_on_network_errors_timeouts_and_5xx_never_on_4xx() {
        assert_eq!(classify(Some(200)), Outcome::Success);
        assert_eq!(classify(Some(204)), Outcome::Success);
        assert_eq!(classify(Some(400)), Outcome::Final);
        assert_eq!(classify(Some(403)), Outcome::Final);
        assert_eq!(classify(Some(429)), Outcome::Final);
        assert_eq!(classify(Some(500)), Outcome::Retry);
        assert_eq!(classify(Some(503)), Outcome::Retry);
        assert_eq!(classify(Some(302)), Outcome::Retry);
        assert_eq!(classify(None), Outcome::Retry);
    }

    #[test]
    fn a_failed_host_is_skipped_for_two_minutes_and_timed_out_hosts_go_last() {
        let hosts = custom_hosts(&[
            "http://127.0.0.1:1".into(),
            "http://127.0.0.1:2".into(),
            "http://127.0.0.1:3".into(),
        ]);
        let mut pool = HostPool::new(hosts);
        pool.record(0, Outcome::Retry, 1_000.0);
        pool.record(1, Outcome::TimedOut, 1_000.0);
        assert_eq!(pool.plan(CallKind::Read, 2_000.0), [2, 1]);
        assert_eq!(pool.plan(CallKind::Read, 1_000.0 + HOST_DOWN_MS + 1.0), [0, 1, 2]);
        pool.record(2, Outcome::Retry, 2_000.0);
        pool.record(1, Outcome::Retry, 2_000.0);
        assert_eq!(pool.plan(CallKind::Write, 3_000.0), [0, 1, 2], "all down: try them all");
    }

    #[test]
    fn timeouts_scale_with_each_timeout() {
        assert_eq!(scaled_timeout(READ_TIMEOUT_MS, 0), 2_000.0);
        assert_eq!(scaled_timeout(READ_TIMEOUT_MS, 2), 6_000.0);
    }

    #[test]
    fn custom_hosts_need_https_except_on_this_machine() {
        assert_eq!(parse_custom_host("https://proxy.example.com/"), Ok("https://proxy.example.com".into()));
        assert_eq!(parse_custom_host(" http://127.0.0.1:8787 "), Ok("http://127.0.0.1:8787".into()));
        assert_eq!(parse_custom_host("http://localhost:8787"), Ok("http://localhost:8787".into()));
        assert!(parse_custom_host("http://proxy.example.com").unwrap_err().contains("only for localhost"));
        assert!(parse_custom_host("http://127.0.0.1.evil.com").is_err());
        assert!(parse_custom_host("proxy.example.com").unwrap_err().contains("scheme"));
        assert!(parse_custom_host("ftp://x").is_err());
        assert!(parse_custom_host("https://").is_err());
        assert!(parse_custom_host("https://user@host").is_err());
        assert!(parse_custom_host("https://host:port").is_err());
    }
}
