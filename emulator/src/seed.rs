//! Starting states: the `--demo` applications (production, and its staging counterpart),
//! `--keys N` generated keys, and `--seed FILE`.

use std::path::Path;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::Value;

use crate::app::new_key_value;
use crate::index::Index;
use crate::key::{Key, KeyRequest, KeySettings};
use crate::snapshot::Snapshot;
use crate::store::Change;

const DAY_MS: i64 = 86_400_000;
const HOUR_MS: i64 = 3_600_000;
const MINUTE_MS: i64 = 60_000;

/// Adds a key to a snapshot being built, in creation order.
fn push(
    snapshot: &mut Snapshot,
    value: String,
    created_at_ms: i64,
    expires_at_ms: Option<i64>,
    settings: KeySettings,
) {
    let seq = snapshot.keys.next_seq();
    let created_at = created_at_ms.div_euclid(1000);
    snapshot.keys.apply(Change::Put(Box::new(Key { value, created_at, expires_at_ms, seq, settings })));
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// One demo key: description, ACL, indices, referers, forced query parameters, max hits, max
/// queries per IP per hour, milliseconds until expiry (0 = never), age in days.
type DemoKey = (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
    &'static str,
    u64,
    u64,
    i64,
    i64,
);

const DEMO_KEYS: &[DemoKey] = &[
    (
        "Legacy reindex script (DO NOT USE)",
        &[
            "search",
            "browse",
            "addObject",
            "deleteObject",
            "deleteIndex",
            "settings",
            "editSettings",
            "listIndexes",
            "logs",
            "analytics",
            "usage",
            "seeUnretrievableAttributes",
        ],
        &[],
        &[],
        "",
        0,
        0,
        0,
        1_480,
    ),
    (
        "Website search (www.example.com)",
        &["search"],
        &["prod_*"],
        &["https://www.example.com/*", "https://example.com/*"],
        "",
        0,
        0,
        0,
        720,
    ),
    (
        "Mobile app search",
        &["search"],
        &["prod_products*", "prod_articles*"],
        &[],
        "analyticsTags=mobile&clickAnalytics=true",
        50,
        10_000,
        0,
        650,
    ),
    (
        "Storefront autocomplete",
        &["search"],
        &["prod_query_suggestions"],
        &["*.example.com"],
        "hitsPerPage=5",
        10,
        5_000,
        0,
        600,
    ),
    ("Docs site search", &["search"], &["prod_faq"], &["https://docs.example.com/*"], "", 0, 0, 0, 540),
    (
        "Partner portal search (office network only)",
        &["search"],
        &["prod_products"],
        &[],
        "restrictSources=192.168.1.0/24&typoTolerance=strict",
        100,
        0,
        0,
        500,
    ),
    (
        "Internal tools search (VPN egress IP)",
        &["search", "browse"],
        &[],
        &[],
        "restrictSources=203.0.113.7",
        0,
        0,
        0,
        470,
    ),
    (
        "Catalog indexer (backend)",
        &["search", "browse", "addObject", "deleteObject"],
        &["prod_products*"],
        &[],
        "",
        0,
        0,
        0,
        450,
    ),
    (
        "Articles CMS sync",
        &["browse", "addObject", "deleteObject"],
        &["prod_articles*", "staging_articles"],
        &[],
        "",
        0,
        0,
        0,
        430,
    ),
    (
        "Staging indexing pipeline",
        &["browse", "addObject", "deleteObject", "deleteIndex", "settings", "editSettings", "listIndexes"],
        &["staging_*"],
        &[],
        "",
        0,
        0,
        0,
        400,
    ),
    (
        "Dev sandbox (all dev indices)",
        &[
            "search",
            "browse",
            "addObject",
            "deleteObject",
            "deleteIndex",
            "settings",
            "editSettings",
            "listIndexes",
        ],
        &["dev_*"],
        &[],
        "",
        0,
        0,
        6 * DAY_MS,
        380,
    ),
    (
        "Alice's dev key",
        &["search", "addObject", "deleteObject"],
        &["dev_alice_*"],
        &[],
        "",
        0,
        0,
        40 * MINUTE_MS,
        30,
    ),
    ("Bob's dev key", &["search", "addObject"], &["dev_bob_*"], &[], "", 0, 0, 2 * DAY_MS, 25),
    ("Analytics dashboard", &["analytics"], &[], &[], "", 0, 0, 0, 360),
    ("Usage reporting (finance)", &["usage"], &[], &[], "", 0, 0, 0, 340),
    ("Logs reader for on-call", &["logs"], &[], &[], "", 0, 0, 20 * DAY_MS, 320),
    ("Settings auditor", &["settings", "listIndexes"], &[], &[], "", 0, 0, 0, 300),
    (
        "Recommend widgets",
        &["search", "recommendation"],
        &["prod_products"],
        &["https://www.example.com/*"],
        "",
        20,
        0,
        0,
        280,
    ),
    ("Personalization service", &["personalization", "recommendation", "search"], &[], &[], "", 0, 0, 0, 260),
    ("Locale search EN", &["search"], &["prod_en_*"], &["https://en.example.com/*"], "", 0, 2_000, 0, 240),
    ("Locale search FR", &["search"], &["prod_fr_*"], &["https://fr.example.com/*"], "", 0, 2_000, 0, 240),
    ("Locale search DE", &["search"], &["prod_de_*"], &["https://de.example.com/*"], "", 0, 2_000, 0, 240),
    (
        "Campaign landing page (Black Friday)",
        &["search"],
        &["prod_products"],
        &["https://deals.example.com/*"],
        "filters=on_sale%3Atrue",
        20,
        0,
        3 * DAY_MS,
        12,
    ),
    ("Load test key", &["search"], &["staging_*"], &[], "", 0, 100_000, 12 * HOUR_MS, 2),
    (
        "Preview deployments",
        &["search"],
        &["staging_*"],
        &["*.preview.example.dev"],
        "",
        0,
        0,
        5 * HOUR_MS,
        1,
    ),
    ("Contractor export (temporary)", &["browse"], &["prod_products"], &[], "", 0, 0, 25 * DAY_MS, 5),
    (
        "Query suggestions builder",
        &["search", "browse", "addObject", "settings", "editSettings"],
        &["prod_query_suggestions", "staging_query_suggestions", "*_products"],
        &[],
        "",
        0,
        0,
        0,
        200,
    ),
    ("AI search inference", &["inference", "search"], &[], &[], "", 0, 0, 0, 90),
    (
        "NLU assistant",
        &["nluReadProject", "nluWriteProject", "nluPrediction", "nluReadAnswers"],
        &[],
        &[],
        "",
        0,
        0,
        0,
        60,
    ),
    (
        "Customer portal parent key (for secured keys)",
        &["search"],
        &["prod_products", "prod_articles"],
        &[],
        "",
        0,
        0,
        0,
        45,
    ),
    ("Unrestricted search key", &["search"], &[], &[], "", 0, 0, 0, 800),
];

/// One demo index: name, records, primary (for replicas), age in days.
type DemoIndex = (&'static str, u64, Option<&'static str>, i64);

const DEMO_INDICES: &[DemoIndex] = &[
    ("prod_products", 48_250, None, 900),
    ("prod_products_price_asc", 48_250, Some("prod_products"), 700),
    ("prod_products_price_desc", 48_250, Some("prod_products"), 700),
    ("prod_articles", 3_120, None, 880),
    ("prod_articles_date_desc", 3_120, Some("prod_articles"), 600),
    ("prod_query_suggestions", 12_400, None, 500),
    ("prod_faq", 310, None, 850),
    ("prod_en_products", 48_250, None, 400),
    ("prod_fr_products", 47_990, None, 400),
    ("prod_de_products", 47_870, None, 400),
    ("staging_products", 5_000, None, 300),
    ("staging_products_price_asc", 5_000, Some("staging_products"), 300),
    ("staging_articles", 800, None, 300),
    ("staging_query_suggestions", 1_200, None, 250),
    ("dev_products", 500, None, 120),
    ("dev_articles", 120, None, 120),
    ("dev_alice_products", 200, None, 30),
    ("dev_bob_products", 150, None, 25),
    ("logs_archive_2025", 1_250_000, None, 330),
    ("tmp_reindex_products", 0, None, 1),
];

/// The staging application beside the production demo, for comparing and copying keys between
/// applications. Against `DEMO_KEYS`, matched by description:
/// - identical settings: the first group below;
/// - different settings: the second group, each with what differs;
/// - identical settings under another description: the third group;
/// - only in staging: the last group; and the production keys left out: "Legacy reindex script (DO
///   NOT USE)", "Alice's dev key", "Bob's dev key", "Campaign landing page (Black Friday)",
///   "Preview deployments", "Contractor export (temporary)".
///
/// Keys whose settings are identical never expire: an expiry counts from each emulator's start, so
/// two applications started a second apart would show different validities.
const STAGING_KEYS: &[DemoKey] = &[
    // Identical in both applications.
    (
        "Internal tools search (VPN egress IP)",
        &["search", "browse"],
        &[],
        &[],
        "restrictSources=203.0.113.7",
        0,
        0,
        0,
        410,
    ),
    (
        "Staging indexing pipeline",
        &["browse", "addObject", "deleteObject", "deleteIndex", "settings", "editSettings", "listIndexes"],
        &["staging_*"],
        &[],
        "",
        0,
        0,
        0,
        400,
    ),
    ("Analytics dashboard", &["analytics"], &[], &[], "", 0, 0, 0, 350),
    ("Usage reporting (finance)", &["usage"], &[], &[], "", 0, 0, 0, 340),
    ("Settings auditor", &["settings", "listIndexes"], &[], &[], "", 0, 0, 0, 290),
    ("Personalization service", &["personalization", "recommendation", "search"], &[], &[], "", 0, 0, 0, 250),
    // Copied from production as it was: `prod_faq` matches no index here.
    ("Docs site search", &["search"], &["prod_faq"], &["https://docs.example.com/*"], "", 0, 0, 0, 230),
    (
        "Query suggestions builder",
        &["search", "browse", "addObject", "settings", "editSettings"],
        &["prod_query_suggestions", "staging_query_suggestions", "*_products"],
        &[],
        "",
        0,
        0,
        0,
        200,
    ),
    ("AI search inference", &["inference", "search"], &[], &[], "", 0, 0, 0, 80),
    (
        "NLU assistant",
        &["nluReadProject", "nluWriteProject", "nluPrediction", "nluReadAnswers"],
        &[],
        &[],
        "",
        0,
        0,
        0,
        55,
    ),
    ("Unrestricted search key", &["search"], &[], &[], "", 0, 0, 0, 420),
    // Same description, different settings.
    // The index pattern: `staging_*` instead of `prod_*`.
    (
        "Website search (www.example.com)",
        &["search"],
        &["staging_*"],
        &["https://www.example.com/*", "https://example.com/*"],
        "",
        0,
        0,
        0,
        380,
    ),
    // The forced query parameters: no `clickAnalytics=true`.
    (
        "Mobile app search",
        &["search"],
        &["prod_products*", "prod_articles*"],
        &[],
        "analyticsTags=mobile",
        50,
        10_000,
        0,
        370,
    ),
    // The rate limit: 500 queries per IP per hour instead of 5,000.
    (
        "Storefront autocomplete",
        &["search"],
        &["prod_query_suggestions"],
        &["*.example.com"],
        "hitsPerPage=5",
        10,
        500,
        0,
        360,
    ),
    // A referer added.
    (
        "Partner portal search (office network only)",
        &["search"],
        &["prod_products"],
        &["https://partners.staging.example.com/*"],
        "restrictSources=192.168.1.0/24&typoTolerance=strict",
        100,
        0,
        0,
        330,
    ),
    // An ACL added: `deleteIndex`.
    (
        "Catalog indexer (backend)",
        &["search", "browse", "addObject", "deleteObject", "deleteIndex"],
        &["prod_products*"],
        &[],
        "",
        0,
        0,
        0,
        320,
    ),
    // An ACL removed: `deleteObject`.
    (
        "Articles CMS sync",
        &["browse", "addObject"],
        &["prod_articles*", "staging_articles"],
        &[],
        "",
        0,
        0,
        0,
        310,
    ),
    // The expiry: never, instead of in 6 days.
    (
        "Dev sandbox (all dev indices)",
        &[
            "search",
            "browse",
            "addObject",
            "deleteObject",
            "deleteIndex",
            "settings",
            "editSettings",
            "listIndexes",
        ],
        &["dev_*"],
        &[],
        "",
        0,
        0,
        0,
        300,
    ),
    // The expiry: in 2 days instead of 20.
    ("Logs reader for on-call", &["logs"], &[], &[], "", 0, 0, 2 * DAY_MS, 280),
    // The limit of hits per query: 50 instead of 20.
    (
        "Recommend widgets",
        &["search", "recommendation"],
        &["prod_products"],
        &["https://www.example.com/*"],
        "",
        50,
        0,
        0,
        270,
    ),
    // The index pattern and the referer: the staging locale indices and site.
    (
        "Locale search EN",
        &["search"],
        &["stg_en_*"],
        &["https://en.staging.example.com/*"],
        "",
        0,
        2_000,
        0,
        180,
    ),
    // The index pattern: `stg_fr_*` instead of `prod_fr_*`.
    ("Locale search FR", &["search"], &["stg_fr_*"], &["https://fr.example.com/*"], "", 0, 2_000, 0, 180),
    // The expiry: never, instead of in 12 hours.
    ("Load test key", &["search"], &["staging_*"], &[], "", 0, 100_000, 0, 150),
    // Identical settings, another description.
    // "Customer portal parent key (for secured keys)" in production.
    (
        "Customer portal parent key (staging)",
        &["search"],
        &["prod_products", "prod_articles"],
        &[],
        "",
        0,
        0,
        0,
        40,
    ),
    // "Locale search DE" in production, with no description here.
    ("", &["search"], &["prod_de_*"], &["https://de.example.com/*"], "", 0, 2_000, 0, 170),
    // Only in staging.
    (
        "QA automation (end-to-end tests)",
        &["search", "browse", "addObject", "deleteObject", "deleteIndex", "settings", "editSettings"],
        &["qa_*"],
        &[],
        "",
        0,
        0,
        0,
        90,
    ),
    ("Staging smoke tests", &["search"], &["staging_*", "stg_*"], &[], "", 0, 20_000, 3 * DAY_MS, 20),
    (
        "Release candidate preview (v2.4)",
        &["search"],
        &["staging_products*"],
        &["https://rc.staging.example.com/*"],
        "analyticsTags=rc",
        0,
        0,
        7 * DAY_MS,
        6,
    ),
    ("Relevance tuning sandbox", &["search", "settings", "editSettings"], &["stg_*"], &[], "", 0, 0, 0, 45),
];

/// The staging application's indices: the production names under `staging_` or `stg_`, a few
/// missing, none under `prod_`, so a production key restricted to `prod_*` matches none of them.
const STAGING_INDICES: &[DemoIndex] = &[
    ("staging_products", 5_000, None, 420),
    ("staging_products_price_asc", 5_000, Some("staging_products"), 400),
    ("staging_products_price_desc", 5_000, Some("staging_products"), 400),
    ("staging_articles", 800, None, 410),
    ("staging_articles_date_desc", 800, Some("staging_articles"), 300),
    ("staging_query_suggestions", 1_200, None, 350),
    ("staging_faq", 290, None, 350),
    ("stg_en_products", 5_000, None, 180),
    ("stg_fr_products", 4_950, None, 180),
    ("dev_products", 500, None, 120),
    ("dev_articles", 120, None, 120),
    ("qa_products", 1_000, None, 90),
    ("qa_articles", 200, None, 90),
    ("tmp_reindex_staging_products", 0, None, 1),
];

/// A realistic application that shows every feature of the console.
pub fn demo(now_ms: i64) -> Snapshot {
    build(DEMO_KEYS, DEMO_INDICES, now_ms)
}

/// The staging counterpart of [`demo`]: another application whose keys overlap the production
/// demo's, some identical, some not (see `STAGING_KEYS`), and whose indices are its own.
pub fn staging_demo(now_ms: i64) -> Snapshot {
    build(STAGING_KEYS, STAGING_INDICES, now_ms)
}

fn build(demo_keys: &[DemoKey], indices: &[DemoIndex], now_ms: i64) -> Snapshot {
    let mut snapshot = Snapshot::default();
    // Oldest first, so the creation order matches the creation dates.
    let mut keys: Vec<&DemoKey> = demo_keys.iter().collect();
    keys.sort_by_key(|k| -k.8);
    for &(description, acl, indexes, referers, query, max_hits, max_qph, expires_in_ms, age_days) in keys {
        let settings = KeySettings {
            acl: strings(acl),
            description: description.into(),
            indexes: strings(indexes),
            referers: strings(referers),
            query_parameters: query.into(),
            max_hits_per_query: max_hits,
            max_queries_per_ip_per_hour: max_qph,
            extra: Default::default(),
        };
        let expires_at = (expires_in_ms > 0).then_some(now_ms + expires_in_ms);
        push(&mut snapshot, new_key_value(), now_ms - age_days * DAY_MS, expires_at, settings);
    }
    snapshot.indices = indices
        .iter()
        .map(|&(name, entries, primary, age_days)| Index {
            name: name.into(),
            created_at_ms: now_ms - age_days * DAY_MS,
            updated_at_ms: now_ms - (age_days % 7) * HOUR_MS,
            entries,
            primary: primary.map(str::to_owned),
        })
        .collect();
    snapshot
}

/// Adds `count` varied keys, the same variety for the same count, for performance work.
pub fn generate(snapshot: &mut Snapshot, count: usize, now_ms: i64) {
    const PURPOSES: &[(&str, &[&str])] = &[
        ("search", &["search"]),
        ("search and browse", &["search", "browse"]),
        ("indexing", &["search", "browse", "addObject", "deleteObject"]),
        ("settings", &["settings", "editSettings", "listIndexes"]),
        ("analytics", &["analytics"]),
        ("usage", &["usage", "logs"]),
    ];
    const ENVIRONMENTS: &[&str] = &["prod", "staging", "dev"];
    const SITES: &[&str] = &["shop", "blog", "docs", "partners", "mobile"];
    let mut rng = StdRng::seed_from_u64(count as u64);
    for i in 0..count {
        let (purpose, acl) = PURPOSES[rng.random_range(0..PURPOSES.len())];
        let env = ENVIRONMENTS[rng.random_range(0..ENVIRONMENTS.len())];
        let site = SITES[rng.random_range(0..SITES.len())];
        let restricted = rng.random_bool(0.7);
        let settings = KeySettings {
            acl: strings(acl),
            description: format!("Generated {purpose} key #{} for {site} ({env})", i + 1),
            indexes: if restricted { vec![format!("{env}_{site}_*")] } else { Vec::new() },
            referers: if restricted && purpose == "search" {
                vec![format!("https://{site}.example.com/*")]
            } else {
                Vec::new()
            },
            query_parameters: if rng.random_bool(0.1) {
                "typoTolerance=strict".into()
            } else {
                String::new()
            },
            max_hits_per_query: if rng.random_bool(0.2) { 50 } else { 0 },
            max_queries_per_ip_per_hour: if rng.random_bool(0.3) {
                rng.random_range(1..100) * 100
            } else {
                0
            },
            extra: Default::default(),
        };
        let expires_at = match rng.random_range(0..10) {
            0 => Some(now_ms + rng.random_range(1..24) * HOUR_MS),
            1..=3 => Some(now_ms + rng.random_range(1..400) * DAY_MS),
            _ => None,
        };
        let created = now_ms - rng.random_range(0..1_100) * DAY_MS - rng.random_range(0..DAY_MS);
        push(snapshot, new_key_value(), created, expires_at, settings);
    }
}

/// Reads a seed file: `{"keys": [key…], "indices": [index…]}` (the format is in the README).
pub fn from_file(path: &Path, now_ms: i64) -> Result<Snapshot, String> {
    let text = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    parse(&text, now_ms).map_err(|e| format!("{}: {e}", path.display()))
}

fn parse(text: &[u8], now_ms: i64) -> Result<Snapshot, String> {
    let root: Value = serde_json::from_slice(text).map_err(|e| e.to_string())?;
    let mut snapshot = Snapshot::default();
    let keys = root.get("keys").and_then(Value::as_array).cloned().unwrap_or_default();
    for (i, key) in keys.into_iter().enumerate() {
        let request =
            KeyRequest::parse(key.to_string().as_bytes()).map_err(|e| format!("keys[{i}]: {}", e.message))?;
        let value = match key.get("value") {
            None => new_key_value(),
            Some(Value::String(v)) if !v.is_empty() && !snapshot.keys.contains_value(v) => v.clone(),
            Some(_) => return Err(format!("keys[{i}]: `value` must be a unique, non-empty string")),
        };
        let created_at_ms = match key.get("createdAt") {
            None => now_ms,
            Some(v) => {
                v.as_i64().map(|s| s * 1000).ok_or(format!("keys[{i}]: `createdAt` must be Unix seconds"))?
            }
        };
        let expires_at = (request.validity > 0).then(|| now_ms + request.validity as i64 * 1000);
        push(&mut snapshot, value, created_at_ms, expires_at, request.settings);
    }
    let indices = root.get("indices").cloned().unwrap_or(Value::Array(Vec::new()));
    let indices: Vec<SeedIndex> = serde_json::from_value(indices).map_err(|e| format!("indices: {e}"))?;
    snapshot.indices = indices
        .into_iter()
        .map(|i| Index {
            name: i.name,
            created_at_ms: now_ms,
            updated_at_ms: now_ms,
            entries: i.entries,
            primary: i.primary,
        })
        .collect();
    Ok(snapshot)
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SeedIndex {
    name: String,
    #[serde(default)]
    entries: u64,
    primary: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::key::pattern_matches;

    #[test]
    fn demo_covers_every_feature() {
        let now = 1_700_000_000_000;
        let demo = demo(now);
        let keys = demo.keys.list();
        assert!((28..=35).contains(&keys.len()));
        assert!((18..=22).contains(&demo.indices.len()));
        let any = |f: &dyn Fn(&Key) -> bool| keys.iter().any(|k| f(k));
        assert!(any(&|k| !k.settings.referers.is_empty()));
        assert!(any(&|k| k.settings.query_parameters.contains("restrictSources=")));
        assert!(any(&|k| k.settings.max_queries_per_ip_per_hour > 0));
        assert!(any(&|k| k.settings.max_hits_per_query > 0));
        assert!(any(&|k| k.expires_at_ms.is_some_and(|at| at - now < HOUR_MS)));
        assert!(any(&|k| k.expires_at_ms.is_some_and(|at| at - now > DAY_MS)));
        assert!(any(&|k| k.expires_at_ms.is_none()));
        assert!(
            any(&|k| k.settings.acl.contains(&"deleteIndex".to_owned()) && k.settings.indexes.is_empty())
        );
        assert!(demo.indices.iter().any(|i| i.primary.is_some()));
    }

    /// The production and staging demos compared by description, as the console compares two
    /// applications: (identical, different settings, only in production, only in staging).
    fn compare<'a>(production: &[&'a Key], staging: &[&'a Key]) -> [Vec<&'a str>; 4] {
        let mut groups: [Vec<&str>; 4] = Default::default();
        for key in production {
            let description = key.settings.description.as_str();
            match staging.iter().find(|k| k.settings.description == description) {
                Some(other) if same_settings(key, other) => groups[0].push(description),
                Some(_) => groups[1].push(description),
                None => groups[2].push(description),
            }
        }
        for key in staging {
            let description = key.settings.description.as_str();
            if !production.iter().any(|k| k.settings.description == description) {
                groups[3].push(description);
            }
        }
        groups
    }

    /// Everything but the description and what the service assigns (value, creation date).
    fn same_settings(a: &Key, b: &Key) -> bool {
        let without_description = |k: &Key| KeySettings { description: String::new(), ..k.settings.clone() };
        without_description(a) == without_description(b) && a.expires_at_ms == b.expires_at_ms
    }

    fn described<'a>(keys: &[&'a Key], description: &str) -> &'a Key {
        keys.iter().find(|k| k.settings.description == description).unwrap()
    }

    #[test]
    fn both_demos_are_valid_key_bodies() {
        for snapshot in [demo(0), staging_demo(0)] {
            for key in snapshot.keys.list() {
                let body = key.to_json(0, false).to_string();
                let request = KeyRequest::parse(body.as_bytes()).unwrap();
                assert_eq!(request.settings, key.settings, "{body}");
            }
            let names: Vec<&str> = snapshot.indices.iter().map(|i| i.name.as_str()).collect();
            for index in &snapshot.indices {
                assert!(index.primary.as_deref().is_none_or(|p| names.contains(&p)), "{}", index.name);
            }
        }
    }

    #[test]
    fn staging_demo_overlaps_the_production_demo_in_every_way() {
        let now = 1_700_000_000_000;
        let (production, staging) = (demo(now), staging_demo(now));
        let (production, staging) = (production.keys.list(), staging.keys.list());
        assert_eq!(staging.len(), 29);
        let [identical, different, only_production, only_staging] = compare(&production, &staging);
        assert_eq!(identical.len(), 11, "{identical:?}");
        assert_eq!(different.len(), 12, "{different:?}");
        assert_eq!(identical.len() + different.len(), 23, "descriptions shared");
        assert_eq!(only_production.len(), 8, "{only_production:?}");
        assert_eq!(only_staging.len(), 6, "{only_staging:?}");
        assert!(identical.contains(&"Unrestricted search key"));
        assert!(different.contains(&"Website search (www.example.com)"));

        // Two keys are matched only by their settings: one under another description, one with none.
        let by_settings: Vec<(&str, &str)> = staging
            .iter()
            .filter(|s| only_staging.contains(&s.settings.description.as_str()))
            .filter_map(|s| {
                let p = production.iter().find(|p| same_settings(p, s))?;
                Some((p.settings.description.as_str(), s.settings.description.as_str()))
            })
            .collect();
        assert_eq!(
            by_settings,
            [
                ("Locale search DE", ""),
                ("Customer portal parent key (for secured keys)", "Customer portal parent key (staging)")
            ]
        );
        assert!(by_settings.iter().all(|(p, _)| only_production.contains(p)));

        // The differences cover every kind of setting.
        let pairs: Vec<(&Key, &Key)> =
            different.iter().map(|d| (described(&production, d), described(&staging, d))).collect();
        let any = |f: &dyn Fn(&Key, &Key) -> bool| pairs.iter().any(|(p, s)| f(p, s));
        let has = |k: &Key, acl: &str| k.settings.acl.iter().any(|a| a == acl);
        assert!(any(&|p, s| s.settings.acl.iter().any(|a| !has(p, a))), "an ACL added");
        assert!(any(&|p, s| p.settings.acl.iter().any(|a| !has(s, a))), "an ACL removed");
        assert!(any(&|p, s| p.settings.indexes != s.settings.indexes), "index patterns");
        assert!(any(&|p, s| p.settings.referers != s.settings.referers), "referers");
        assert!(any(&|p, s| p.settings.query_parameters != s.settings.query_parameters));
        assert!(any(&|p, s| p.settings.max_hits_per_query != s.settings.max_hits_per_query));
        assert!(
            any(&|p, s| p.settings.max_queries_per_ip_per_hour != s.settings.max_queries_per_ip_per_hour)
        );
        assert!(any(&|p, s| p.expires_at_ms.is_some() && s.expires_at_ms.is_none()), "an expiry removed");
        assert!(any(&|p, s| p.expires_at_ms.is_some() && s.expires_at_ms.is_some()), "another expiry");

        // Different applications, different key values.
        assert!(staging.iter().all(|s| production.iter().all(|p| p.value != s.value)));
    }

    #[test]
    fn staging_demo_has_its_own_indices() {
        let (production, staging) = (demo(0), staging_demo(0));
        assert!((12..=18).contains(&staging.indices.len()));
        let matching =
            |pattern: &str| staging.indices.iter().filter(|i| pattern_matches(pattern, &i.name)).count();
        assert_eq!(matching("prod_*"), 0, "a production key restricted to prod_* matches nothing");
        assert!(matching("staging_*") > 0 && matching("stg_*") > 0);
        assert!(matching("*_products") > 0, "a pattern written for both matches in both");
        let missing = production
            .indices
            .iter()
            .filter(|p| {
                let name = p.name.trim_start_matches("prod_");
                !staging.indices.iter().any(|s| s.name.ends_with(name))
            })
            .count();
        assert!(missing > 0, "some production indices have no staging counterpart");
    }

    #[test]
    fn generated_keys_are_many_and_distinct() {
        let mut snapshot = Snapshot::default();
        generate(&mut snapshot, 2_000, 1_700_000_000_000);
        let keys = snapshot.keys.list();
        assert_eq!(keys.len(), 2_000);
        let mut values: Vec<&str> = keys.iter().map(|k| k.value.as_str()).collect();
        values.sort_unstable();
        values.dedup();
        assert_eq!(values.len(), 2_000);
    }

    #[test]
    fn seed_file_keeps_given_values_and_validates() {
        let seed = br#"{"keys":[{"value":"abc","createdAt":100,"acl":["search"],"validity":60,"custom":1}],
                        "indices":[{"name":"movies","entries":3},{"name":"movies_asc","primary":"movies"}]}"#;
        let snapshot = parse(seed, 1_000_000).unwrap();
        let key = snapshot.keys.list()[0];
        assert_eq!((key.value.as_str(), key.created_at, key.expires_at_ms), ("abc", 100, Some(1_060_000)));
        assert_eq!(key.settings.extra["custom"], 1);
        assert_eq!(snapshot.indices[1].primary.as_deref(), Some("movies"));
        assert_eq!(
            parse(br#"{"keys":[{"acl":["x"]}]}"#, 0).unwrap_err(),
            "keys[0]: Invalid ACL `x` in `acl`"
        );
    }
}
