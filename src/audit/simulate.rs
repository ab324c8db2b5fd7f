//! The access simulator: which keys would let a request through, and why; and what one key can do,
//! in plain words. Patterns, referers and IP ranges are matched by the same code as the key form's
//! testers.

use std::net::Ipv4Addr;

use crate::acl;
use crate::audit::rules::restrict_sources;
use crate::keys::format::{limit, quoted, utc};
use crate::keys::{KeyRow, cidr, patterns};

/// A request to simulate.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Request {
    pub acl: String,
    /// Empty for no particular index.
    pub index: String,
    /// The Referer a browser would send; `None` leaves referer restrictions out of the verdict.
    pub referer: Option<String>,
    /// The client's address; `None` leaves `restrictSources` out of the verdict.
    pub ip: Option<Ipv4Addr>,
}

/// Why the key would let the request through, one reason per restriction it passes, or `None` when
/// it would refuse it.
pub fn allows(row: &KeyRow, request: &Request, now_ms: f64) -> Option<Vec<String>> {
    let key = &row.key;
    if row.expires_at_ms.is_some_and(|at| at <= now_ms) || !key.acl.contains(&request.acl) {
        return None;
    }
    let mut reasons = vec![format!("Its ACL has “{}”.", request.acl)];
    reasons.push(match (request.index.trim(), key.indexes.as_slice()) {
        (_, []) => "No index restriction: every index.".to_owned(),
        ("", patterns_list) => format!("Only indices matching {} (no index given).", quoted(patterns_list)),
        (index, patterns_list) => {
            let pattern = patterns_list.iter().find(|p| patterns::matches(p, index))?;
            format!("“{index}” matches its index pattern “{pattern}”.")
        }
    });
    reasons.push(match (&request.referer, key.referers.as_slice()) {
        (_, []) => "No referer restriction.".to_owned(),
        (None, referers) => {
            format!(
                "Referers limited to {}, which any client can claim (no referer given).",
                quoted(referers)
            )
        }
        (Some(url), referers) => {
            let pattern = referers.iter().find(|p| patterns::matches(p, url.trim()))?;
            format!("The referer matches “{pattern}”.")
        }
    });
    if let Some(sources) = restrict_sources(row) {
        reasons.push(match request.ip {
            None => format!("Only from “{sources}” (no IP given)."),
            Some(ip) => match cidr::contains(&sources, ip) {
                Some(true) => format!("{ip} is within its restrictSources “{sources}”."),
                // A range Algolia could not read lets nothing through either.
                Some(false) | None => return None,
            },
        });
    }
    Some(reasons)
}

/// Every key that would let the request through, by position in `rows`, with its reasons.
pub fn simulate(rows: &[KeyRow], request: &Request, now_ms: f64) -> Vec<(usize, Vec<String>)> {
    rows.iter().enumerate().filter_map(|(at, row)| Some((at, allows(row, request, now_ms)?))).collect()
}

/// What the key can do, in plain words: each permission, then where, from where, how much and until
/// when.
pub fn capabilities(row: &KeyRow, now_ms: f64) -> Vec<String> {
    let key = &row.key;
    let mut can: Vec<String> = key.acl.iter().map(|name| format!("{}.", acl::meaning(name))).collect();
    if key.acl.is_empty() {
        can.push("Nothing: it has no permission.".to_owned());
    }
    can.push(if key.indexes.is_empty() {
        "On every index of the application, those created later included.".to_owned()
    } else {
        format!("Only on indices matching {}.", quoted(&key.indexes))
    });
    can.push(if key.referers.is_empty() {
        "From any website or server.".to_owned()
    } else {
        format!("From pages whose referer matches {} (a server can claim one).", quoted(&key.referers))
    });
    if let Some(sources) = restrict_sources(row) {
        can.push(format!("Only from the IP addresses in “{sources}”."));
    }
    if key.max_queries_per_ip_per_hour > 0 {
        can.push(format!("At most {} queries per IP per hour.", limit(key.max_queries_per_ip_per_hour)));
    }
    if key.max_hits_per_query > 0 {
        can.push(format!("At most {} hits per query.", limit(key.max_hits_per_query)));
    }
    can.push(match row.expires_at_ms {
        None => "For ever: it never expires.".to_owned(),
        Some(at) if at <= now_ms => "Nothing any more: it has expired.".to_owned(),
        Some(at) => format!("Until {}.", utc(at)),
    });
    can
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algolia::ApiKey;

    const NOW: f64 = 1_700_000_000_000.0;

    fn list(items: &[&str]) -> Vec<String> {
        items.iter().map(|i| i.to_string()).collect()
    }

    fn row(key: ApiKey) -> KeyRow {
        KeyRow::new(key, NOW)
    }

    fn storefront() -> ApiKey {
        ApiKey {
            value: "a".repeat(32),
            acl: list(&["search"]),
            indexes: list(&["prod_*"]),
            referers: list(&["https://shop.example.com/*"]),
            query_parameters: "restrictSources=192.168.1.0%2F24".into(),
            ..ApiKey::default()
        }
    }

    fn request(acl: &str, index: &str) -> Request {
        Request { acl: acl.into(), index: index.into(), referer: None, ip: None }
    }

    #[test]
    fn a_key_lets_through_what_its_acl_index_referer_and_ip_allow_with_reasons() {
        let key = row(storefront());
        let full = Request {
            referer: Some("https://shop.example.com/cart".into()),
            ip: Some("192.168.1.9".parse().unwrap()),
            ..request("search", "prod_products")
        };
        assert_eq!(
            allows(&key, &full, NOW),
            Some(list(&[
                "Its ACL has “search”.",
                "“prod_products” matches its index pattern “prod_*”.",
                "The referer matches “https://shop.example.com/*”.",
                "192.168.1.9 is within its restrictSources “192.168.1.0/24”.",
            ]))
        );
        assert_eq!(allows(&key, &request("addObject", "prod_products"), NOW), None, "ACL");
        assert_eq!(allows(&key, &request("search", "dev_products"), NOW), None, "index");
        let elsewhere = Request { referer: Some("https://evil.example.org/".into()), ..full.clone() };
        assert_eq!(allows(&key, &elsewhere, NOW), None, "referer");
        let outside = Request { ip: Some("10.0.0.1".parse().unwrap()), ..full };
        assert_eq!(allows(&key, &outside, NOW), None, "IP");
    }

    #[test]
    fn what_is_not_given_is_not_a_condition_but_is_said() {
        let reasons = allows(&row(storefront()), &request("search", ""), NOW).expect("allowed");
        assert_eq!(reasons[1], "Only indices matching “prod_*” (no index given).");
        assert!(reasons[2].contains("any client can claim"));
        assert_eq!(reasons[3], "Only from “192.168.1.0/24” (no IP given).");
        let open = ApiKey { acl: list(&["search"]), ..ApiKey::default() };
        let reasons = allows(&row(open), &request("search", "anything"), NOW).expect("allowed");
        assert_eq!(
            reasons,
            list(&["Its ACL has “search”.", "No index restriction: every index.", "No referer restriction."])
        );
    }

    #[test]
    fn an_expired_key_lets_nothing_through() {
        // Read 20 s ago with 10 s left.
        let expired = KeyRow::new(ApiKey { validity: 10, ..storefront() }, NOW - 20_000.0);
        assert_eq!(allows(&expired, &request("search", "prod_a"), NOW), None);
    }

    #[test]
    fn simulate_lists_only_the_keys_that_allow() {
        let writer =
            ApiKey { value: "b".repeat(32), acl: list(&["search", "addObject"]), ..ApiKey::default() };
        let rows = [row(storefront()), row(writer)];
        let found: Vec<usize> =
            simulate(&rows, &request("search", "dev_x"), NOW).into_iter().map(|(at, _)| at).collect();
        assert_eq!(found, [1]);
        let found: Vec<usize> =
            simulate(&rows, &request("search", "prod_x"), NOW).into_iter().map(|(at, _)| at).collect();
        assert_eq!(found, [0, 1]);
    }

    #[test]
    fn capabilities_in_words() {
        let key = ApiKey { max_queries_per_ip_per_hour: 100, validity: 3600, ..storefront() };
        let can = capabilities(&row(key), NOW);
        assert_eq!(can[0], "Run search queries.");
        assert_eq!(can[1], "Only on indices matching “prod_*”.");
        assert!(can[2].starts_with("From pages whose referer matches “https://shop.example.com/*”"));
        assert_eq!(can[3], "Only from the IP addresses in “192.168.1.0/24”.");
        assert_eq!(can[4], "At most 100 queries per IP per hour.");
        assert!(can[5].starts_with("Until "));
        let open = capabilities(&row(ApiKey { acl: list(&["addObject"]), ..ApiKey::default() }), NOW);
        assert_eq!(
            open,
            list(&[
                "Add and update records, copy and move indices.",
                "On every index of the application, those created later included.",
                "From any website or server.",
                "For ever: it never expires.",
            ])
        );
    }
}
