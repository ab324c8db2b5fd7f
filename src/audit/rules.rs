//! The audit's rules: what makes a key risky, why it matters, and the change that fixes it. Each
//! rule looks at one key, or, for duplicates and stale patterns, at the key among the application's
//! keys and indices.

use std::hash::{BuildHasher, BuildHasherDefault, Hash, Hasher};
use std::sync::Arc;

use crate::fnv::Fnv;
use crate::keys::expiry::Unit;
use crate::keys::form::{ExpiryInput, ExpiryMode, KeyForm};
use crate::keys::format::quoted;
use crate::keys::query_params;
use crate::keys::{KeyRow, patterns};

/// How bad a finding is, from `Info` to `High`; they order that way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RuleId {
    UnrestrictedWrite,
    PublicWithWrite,
    WriteNeverExpires,
    OpenSearchKey,
    EveryIndexPattern,
    StalePatterns,
    DuplicateSettings,
    NoDescription,
    ExpiringSoon,
}

pub struct Rule {
    pub id: RuleId,
    /// In URLs (`?fix=…`) and in tests.
    pub slug: &'static str,
    pub severity: Severity,
    pub title: &'static str,
    pub why: &'static str,
    /// The change that fixes it, in words.
    pub fix: &'static str,
}

/// Every rule, most severe first: the audit page lists its groups in this order.
pub const RULES: &[Rule] = &[
    Rule {
        id: RuleId::UnrestrictedWrite,
        slug: "unrestricted-write",
        severity: Severity::High,
        title: "Write or admin-like permission on every index",
        why: "Whoever holds this key can change, delete or read out every index of the application, including those created later.",
        fix: "Remove the permissions it does not need, or restrict it to the indices it works on.",
    },
    Rule {
        id: RuleId::PublicWithWrite,
        slug: "public-with-write",
        severity: Severity::High,
        title: "Looks public, but can write or read everything",
        why: "A key with referer restrictions or described as a search key is meant for browsers, where anyone can read it. With this permission, anyone can use it for more than searching.",
        fix: "Remove the write, browse and unretrievable-attribute permissions; keep a separate server key for those.",
    },
    Rule {
        id: RuleId::WriteNeverExpires,
        slug: "write-never-expires",
        severity: Severity::Medium,
        title: "Write key that never expires",
        why: "A leaked write key stays usable until someone notices and deletes it.",
        fix: "Give it an expiry (the fix sets 90 days) and roll it before then.",
    },
    Rule {
        id: RuleId::OpenSearchKey,
        slug: "open-search-key",
        severity: Severity::Medium,
        title: "Search key with no referer restriction and no rate limit",
        why: "Anyone who finds it can query as fast as they like, from anywhere: enough to copy every record it can search.",
        fix: "Limit the queries per IP per hour (the fix sets 1,000), or restrict it to your sites' referers.",
    },
    Rule {
        id: RuleId::EveryIndexPattern,
        slug: "every-index-pattern",
        severity: Severity::Low,
        title: "* as an index pattern",
        why: "* matches every index, those created later included: the restriction restricts nothing.",
        fix: "Replace * with the indices or prefixes the key needs.",
    },
    Rule {
        id: RuleId::StalePatterns,
        slug: "stale-patterns",
        severity: Severity::Low,
        title: "Index patterns that match no index",
        why: "A pattern for an index that no longer exists is usually left over, and starts to match again if such an index is created.",
        fix: "Remove the patterns that match nothing (the fix keeps the others), or delete the key if it is no longer used.",
    },
    Rule {
        id: RuleId::DuplicateSettings,
        slug: "duplicate-settings",
        severity: Severity::Low,
        title: "Several keys with identical settings",
        why: "Copies of one key are harder to track and to roll: one of them is easily forgotten when the others are replaced.",
        fix: "Keep one, and move what uses the others to it before deleting them.",
    },
    Rule {
        id: RuleId::NoDescription,
        slug: "no-description",
        severity: Severity::Low,
        title: "No description",
        why: "Nobody can tell what the key is for, so nobody dares to change or delete it.",
        fix: "Describe what uses it and who owns it.",
    },
    Rule {
        id: RuleId::ExpiringSoon,
        slug: "expiring-soon",
        severity: Severity::Info,
        title: "Expires within 7 days",
        why: "What still uses it stops working when it expires.",
        fix: "Roll it, or extend its expiry, if it is still in use.",
    },
];

impl RuleId {
    pub fn rule(self) -> &'static Rule {
        RULES.iter().find(|rule| rule.id == self).unwrap_or(&RULES[0])
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        RULES.iter().find(|rule| rule.slug == slug).map(|rule| rule.id)
    }
}

/// Permissions that change data, or read what a search key must not.
pub const POWERFUL_ACLS: &[&str] =
    &["addObject", "deleteObject", "deleteIndex", "editSettings", "logs", "seeUnretrievableAttributes"];

/// Permissions that change the application's data.
pub const WRITE_ACLS: &[&str] = &[
    "addObject",
    "deleteObject",
    "deleteIndex",
    "editSettings",
    "nluWriteProject",
    "nluWriteEntity",
    "nluWriteIntent",
];

/// What a key meant for browsers must not hold.
const NOT_FOR_BROWSERS: &[&str] =
    &["addObject", "deleteObject", "deleteIndex", "editSettings", "browse", "seeUnretrievableAttributes"];

/// Words in a description that say the key is meant to be public.
const PUBLIC_WORDS: &[&str] = &["search-only", "search only", "public", "frontend", "front-end", "browser"];

/// Within this many days of expiring, a key is reported.
pub const EXPIRING_SOON_DAYS: f64 = 7.0;

/// The expiry the write-never-expires fix sets, in days.
pub const FIX_EXPIRY_DAYS: u32 = 90;

/// The rate limit the open-search-key fix sets, per IP and hour.
pub const FIX_RATE_LIMIT: u64 = 1_000;

const DAY_MS: f64 = 86_400_000.0;

/// One rule a key breaks. Its specifics are put in words only when shown (`detail`): the audit of
/// ten thousand keys runs before the table's first paint, and words for each would slow it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Finding {
    pub rule: RuleId,
    /// For duplicates, how many other keys have the same settings.
    others: usize,
}

impl Finding {
    pub fn new(rule: RuleId) -> Self {
        Self { rule, others: 0 }
    }

    pub fn severity(&self) -> Severity {
        self.rule.rule().severity
    }

    /// The specifics for `row`, the key found: which permissions, which patterns, how many copies.
    pub fn detail(&self, row: &KeyRow, indices: Option<&[String]>) -> String {
        match self.rule {
            RuleId::UnrestrictedWrite => format!("{} on every index.", held(row, POWERFUL_ACLS).join(", ")),
            RuleId::PublicWithWrite => {
                format!("{} on a key meant for browsers.", held(row, NOT_FOR_BROWSERS).join(", "))
            }
            RuleId::WriteNeverExpires => format!("{}, with no expiry.", held(row, WRITE_ACLS).join(", ")),
            RuleId::OpenSearchKey => "Any referer, any IP, no limit per hour.".to_owned(),
            RuleId::EveryIndexPattern => "* is among its index patterns.".to_owned(),
            RuleId::StalePatterns => {
                format!(
                    "No index matches {}.",
                    quoted(&stale_patterns(&row.key.indexes, indices.unwrap_or_default()))
                )
            }
            RuleId::DuplicateSettings if self.others == 1 => "Another key has the same settings.".to_owned(),
            RuleId::DuplicateSettings => format!("{} other keys have the same settings.", self.others),
            RuleId::NoDescription => "Its description is empty.".to_owned(),
            RuleId::ExpiringSoon => "It expires within 7 days.".to_owned(),
        }
    }
}

/// Every key's findings, in the order of its load's rows, shared cheaply between views.
pub type Findings = Arc<Vec<Vec<Finding>>>;

/// The change a fix makes to the key form, when one can be computed.
#[derive(Clone, Debug, PartialEq)]
pub enum Fix {
    RemoveAcl(Vec<String>),
    ExpireInDays(u32),
    RateLimit(u64),
    RemoveIndexPatterns(Vec<String>),
}

impl Fix {
    /// Makes the change in the key form, leaving every other field as it is.
    pub fn apply(&self, form: &mut KeyForm) {
        match self {
            Fix::RemoveAcl(acls) => form.acl.retain(|acl| !acls.contains(acl)),
            Fix::ExpireInDays(days) => {
                form.expiry = ExpiryInput {
                    mode: ExpiryMode::After,
                    amount: days.to_string(),
                    unit: Unit::Days,
                    at_ms: None,
                };
            }
            Fix::RateLimit(limit) => form.max_queries = limit.to_string(),
            Fix::RemoveIndexPatterns(stale) => form.indexes.retain(|p| !stale.contains(p)),
        }
    }
}

/// The findings of every key of an application, in the order of `rows`, each key's most severe
/// first. `indices` are the application's index names, when known: without them, stale patterns
/// are not looked for.
pub fn audit(rows: &[KeyRow], indices: Option<&[String]>, now_ms: f64) -> Vec<Vec<Finding>> {
    let signatures: Vec<u64> = rows.iter().map(settings_hash).collect();
    let mut sorted = signatures.clone();
    sorted.sort_unstable();
    rows.iter()
        .zip(&signatures)
        .map(|(row, signature)| {
            let mut found = key_findings(row, indices, now_ms);
            let others = copies(&sorted, *signature) - 1;
            if others > 0 {
                // Among the findings of its severity, which `key_findings` lists most severe first.
                let at = found.iter().position(|f| f.severity() < Severity::Low).unwrap_or(found.len());
                found.insert(at, Finding { rule: RuleId::DuplicateSettings, others });
            }
            found
        })
        .collect()
}

/// How many times `signature` is in `sorted`, found by binary search: a `HashMap` of counts would
/// bring its own hashing code into the bundle.
fn copies(sorted: &[u64], signature: u64) -> usize {
    sorted.partition_point(|&s| s <= signature) - sorted.partition_point(|&s| s < signature)
}

/// A fingerprint of what makes two keys' settings identical (as the comparison of two
/// applications has them: the ACL as a set, the rest in order, unknown fields as written, and
/// whether the key expires), hashed field by field: building each key's settings as text took most
/// of the audit's time at ten thousand keys. Two different settings sharing a fingerprint are a
/// chance of about one in 2^64.
fn settings_hash(row: &KeyRow) -> u64 {
    let state = BuildHasherDefault::<Fnv>::default();
    let key = &row.key;
    // A sum of each permission's hash does not depend on their order.
    let acl = key.acl.iter().fold(0u64, |sum, acl| sum.wrapping_add(state.hash_one(acl)));
    let mut hasher = state.build_hasher();
    (acl, &key.indexes, &key.referers, &key.query_parameters).hash(&mut hasher);
    (key.max_hits_per_query, key.max_queries_per_ip_per_hour, row.expires_at_ms.is_some()).hash(&mut hasher);
    for field in key.extra.fields() {
        field.hash(&mut hasher);
    }
    hasher.finish()
}

/// The findings of one key on its own (all but duplicates), most severe first: the rules are
/// checked in that order.
pub fn key_findings(row: &KeyRow, indices: Option<&[String]>, now_ms: f64) -> Vec<Finding> {
    let key = &row.key;
    let mut found = Vec::new();
    let mut add = |rule| found.push(Finding::new(rule));
    let holds = |list: &[&str]| key.acl.iter().any(|acl| list.contains(&acl.as_str()));
    let every_index = key.indexes.is_empty() || key.indexes.iter().any(|p| p == "*");

    if every_index && holds(POWERFUL_ACLS) {
        add(RuleId::UnrestrictedWrite);
    }
    if holds(NOT_FOR_BROWSERS) && looks_public(row) {
        add(RuleId::PublicWithWrite);
    }
    if row.expires_at_ms.is_none() && holds(WRITE_ACLS) {
        add(RuleId::WriteNeverExpires);
    }
    if holds(&["search"])
        && key.referers.is_empty()
        && key.max_queries_per_ip_per_hour == 0
        && restrict_sources(row).is_none()
    {
        add(RuleId::OpenSearchKey);
    }
    if key.indexes.iter().any(|p| p == "*") {
        add(RuleId::EveryIndexPattern);
    }
    if let Some(indices) = indices
        && key.indexes.iter().any(|p| is_stale(p, indices))
    {
        add(RuleId::StalePatterns);
    }
    if key.description.trim().is_empty() {
        add(RuleId::NoDescription);
    }
    if let Some(at) = row.expires_at_ms
        && at > now_ms
        && at - now_ms <= EXPIRING_SOON_DAYS * DAY_MS
    {
        add(RuleId::ExpiringSoon);
    }
    found
}

/// The change that fixes `rule` on this key, when one can be computed without guessing what the key
/// is for. The form shows it as an edit, with the usual diff and confirmation; a key not fully read
/// is never edited, so it has none.
pub fn fix(rule: RuleId, row: &KeyRow, indices: Option<&[String]>) -> Option<Fix> {
    let key = &row.key;
    if !key.is_fully_read() {
        return None;
    }
    let holding = |list: &[&str]| {
        let held = held(row, list);
        // Removing every permission would leave a key that can do nothing: that is a deletion.
        (!held.is_empty() && held.len() < key.acl.len()).then_some(held)
    };
    match rule {
        RuleId::UnrestrictedWrite => holding(POWERFUL_ACLS).map(Fix::RemoveAcl),
        RuleId::PublicWithWrite => holding(NOT_FOR_BROWSERS).map(Fix::RemoveAcl),
        RuleId::WriteNeverExpires => Some(Fix::ExpireInDays(FIX_EXPIRY_DAYS)),
        RuleId::OpenSearchKey => Some(Fix::RateLimit(FIX_RATE_LIMIT)),
        RuleId::StalePatterns => {
            let stale = stale_patterns(&key.indexes, indices?);
            // Removing every pattern would open the key to every index.
            (!stale.is_empty() && stale.len() < key.indexes.len()).then_some(Fix::RemoveIndexPatterns(stale))
        }
        RuleId::EveryIndexPattern
        | RuleId::DuplicateSettings
        | RuleId::NoDescription
        | RuleId::ExpiringSoon => None,
    }
}

/// The permissions of `list` that the key holds, in its order.
fn held(row: &KeyRow, list: &[&str]) -> Vec<String> {
    row.key.acl.iter().filter(|acl| list.contains(&acl.as_str())).cloned().collect()
}

/// Whether the key is meant for browsers: it has referer restrictions, which only browsers send, or
/// its description says so (in any case; the words are ASCII, so no lower-cased copy is needed).
fn looks_public(row: &KeyRow) -> bool {
    let description = row.key.description.as_bytes();
    !row.key.referers.is_empty()
        || PUBLIC_WORDS.iter().any(|word| {
            description.windows(word.len()).any(|part| part.eq_ignore_ascii_case(word.as_bytes()))
        })
}

/// The `restrictSources` the key forces on its queries, if any.
pub fn restrict_sources(row: &KeyRow) -> Option<String> {
    // Most keys force no parameter: they are not parsed at all.
    if !row.key.query_parameters.contains("restrictSources") {
        return None;
    }
    query_params::parse(&row.key.query_parameters)
        .into_iter()
        .find(|(name, _)| name == "restrictSources")
        .map(|(_, value)| value)
        .filter(|value| !value.trim().is_empty())
}

/// The patterns (but `*`) that match none of `indices`.
fn stale_patterns(patterns_list: &[String], indices: &[String]) -> Vec<String> {
    patterns_list.iter().filter(|p| is_stale(p, indices)).cloned().collect()
}

fn is_stale(pattern: &str, indices: &[String]) -> bool {
    pattern != "*" && !indices.iter().any(|name| patterns::matches(pattern, name))
}

/// The most severe finding's severity, and how many there are.
pub fn summary(findings: &[Finding]) -> Option<(Severity, usize)> {
    findings.iter().map(Finding::severity).max().map(|worst| (worst, findings.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algolia::ApiKey;

    #[test]
    fn copies_counts_a_signature_in_a_sorted_list() {
        let sorted = [1, 3, 3, 3, 7];
        assert_eq!([0, 1, 3, 7, 9].map(|s| copies(&sorted, s)), [0, 1, 3, 1, 0]);
    }

    const NOW: f64 = 1_700_000_000_000.0;

    fn key(acl: &[&str], description: &str) -> ApiKey {
        ApiKey {
            value: format!("{:0>32}", description.len()),
            acl: acl.iter().map(|a| a.to_string()).collect(),
            description: description.to_owned(),
            ..ApiKey::default()
        }
    }

    fn row(key: ApiKey, validity_s: u64) -> KeyRow {
        KeyRow::new(ApiKey { validity: validity_s, ..key }, NOW)
    }

    fn rules_of(row: &KeyRow, indices: Option<&[String]>) -> Vec<RuleId> {
        key_findings(row, indices, NOW).into_iter().map(|f| f.rule).collect()
    }

    fn indices(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    /// A key that breaks no rule: search only, on named indices, referers, a rate limit, described.
    fn clean() -> ApiKey {
        ApiKey {
            indexes: indices(&["products"]),
            referers: indices(&["https://shop.example.com/*"]),
            max_queries_per_ip_per_hour: 100,
            ..key(&["search"], "Storefront search")
        }
    }

    #[test]
    fn a_clean_key_has_no_findings() {
        assert_eq!(rules_of(&row(clean(), 0), Some(&indices(&["products"]))), []);
    }

    #[test]
    fn every_rule_has_one_entry_with_a_unique_slug_and_round_trips() {
        for rule in RULES {
            assert_eq!(RuleId::from_slug(rule.slug), Some(rule.id));
            assert_eq!(rule.id.rule().slug, rule.slug);
            assert!(rule.why.ends_with('.') && rule.fix.ends_with('.'), "{}", rule.slug);
        }
        let severities: Vec<Severity> = RULES.iter().map(|r| r.severity).collect();
        assert!(severities.windows(2).all(|w| w[0] >= w[1]), "most severe first");
    }

    #[test]
    fn unrestricted_write() {
        let writes = ApiKey { indexes: Vec::new(), ..key(&["search", "addObject"], "Indexing") };
        assert!(rules_of(&row(writes.clone(), 3600), None).contains(&RuleId::UnrestrictedWrite));
        let star = ApiKey { indexes: indices(&["*"]), ..writes.clone() };
        assert!(rules_of(&row(star, 3600), None).contains(&RuleId::UnrestrictedWrite));
        let logs = key(&["logs"], "Logs");
        assert!(rules_of(&row(logs, 3600), None).contains(&RuleId::UnrestrictedWrite));
        let restricted = ApiKey { indexes: indices(&["dev_*"]), ..writes };
        assert!(!rules_of(&row(restricted, 3600), None).contains(&RuleId::UnrestrictedWrite));
        let reads = key(&["search", "listIndexes", "settings"], "Reads");
        assert!(!rules_of(&row(reads, 0), None).contains(&RuleId::UnrestrictedWrite));
    }

    #[test]
    fn public_with_write() {
        let browser = ApiKey { acl: indices(&["search", "browse"]), ..clean() };
        assert!(rules_of(&row(browser, 0), None).contains(&RuleId::PublicWithWrite));
        let described =
            ApiKey { referers: Vec::new(), ..key(&["search", "addObject"], "Public search-only key") };
        assert!(rules_of(&row(described, 0), None).contains(&RuleId::PublicWithWrite));
        let server = ApiKey { indexes: indices(&["products"]), ..key(&["search", "addObject"], "Indexer") };
        assert!(!rules_of(&row(server, 0), None).contains(&RuleId::PublicWithWrite));
        assert!(!rules_of(&row(clean(), 0), None).contains(&RuleId::PublicWithWrite));
    }

    #[test]
    fn write_never_expires() {
        let writes = ApiKey { indexes: indices(&["products"]), ..key(&["deleteObject"], "Cleaner") };
        assert!(rules_of(&row(writes.clone(), 0), None).contains(&RuleId::WriteNeverExpires));
        assert!(!rules_of(&row(writes, 86_400 * 30), None).contains(&RuleId::WriteNeverExpires));
        assert!(!rules_of(&row(clean(), 0), None).contains(&RuleId::WriteNeverExpires));
    }

    #[test]
    fn open_search_key() {
        let open = ApiKey { referers: Vec::new(), max_queries_per_ip_per_hour: 0, ..clean() };
        assert!(rules_of(&row(open.clone(), 0), None).contains(&RuleId::OpenSearchKey));
        let limited = ApiKey { max_queries_per_ip_per_hour: 500, ..open.clone() };
        assert!(!rules_of(&row(limited, 0), None).contains(&RuleId::OpenSearchKey));
        let by_ip = ApiKey { query_parameters: "restrictSources=10.0.0.0%2F8".into(), ..open };
        assert!(!rules_of(&row(by_ip, 0), None).contains(&RuleId::OpenSearchKey));
        assert!(!rules_of(&row(clean(), 0), None).contains(&RuleId::OpenSearchKey));
    }

    #[test]
    fn every_index_pattern() {
        let star = ApiKey { indexes: indices(&["*"]), ..clean() };
        assert!(rules_of(&row(star, 0), None).contains(&RuleId::EveryIndexPattern));
        assert!(!rules_of(&row(clean(), 0), None).contains(&RuleId::EveryIndexPattern));
    }

    #[test]
    fn stale_patterns_need_the_indices_and_skip_star() {
        let old = ApiKey { indexes: indices(&["products", "legacy_*", "*"]), ..clean() };
        let app = indices(&["products", "articles"]);
        let with_stale = row(old.clone(), 0);
        let found = key_findings(&with_stale, Some(&app), NOW);
        let stale = found.iter().find(|f| f.rule == RuleId::StalePatterns).expect("stale");
        assert_eq!(stale.detail(&with_stale, Some(&app)), "No index matches “legacy_*”.");
        assert!(!rules_of(&row(old, 0), None).contains(&RuleId::StalePatterns), "indices unknown");
        assert!(!rules_of(&row(clean(), 0), Some(&app)).contains(&RuleId::StalePatterns));
    }

    #[test]
    fn no_description() {
        let blank = ApiKey { description: "  ".into(), ..clean() };
        assert!(rules_of(&row(blank, 0), None).contains(&RuleId::NoDescription));
        assert!(!rules_of(&row(clean(), 0), None).contains(&RuleId::NoDescription));
    }

    #[test]
    fn expiring_soon() {
        assert!(rules_of(&row(clean(), 86_400 * 6), None).contains(&RuleId::ExpiringSoon));
        assert!(!rules_of(&row(clean(), 86_400 * 8), None).contains(&RuleId::ExpiringSoon));
        assert!(!rules_of(&row(clean(), 0), None).contains(&RuleId::ExpiringSoon));
    }

    #[test]
    fn duplicates_are_found_across_the_keys_whatever_their_descriptions() {
        let a = row(clean(), 0);
        let b = row(ApiKey { value: "b".repeat(32), description: "Other".into(), ..clean() }, 0);
        let c = row(ApiKey { max_hits_per_query: 5, ..clean() }, 0);
        let found = audit(&[a.clone(), b, c], None, NOW);
        let dup = |i: usize| found[i].iter().any(|f| f.rule == RuleId::DuplicateSettings);
        assert!(dup(0) && dup(1) && !dup(2));
        assert_eq!(found[0][0].detail(&a, None), "Another key has the same settings.");
    }

    #[test]
    fn findings_come_most_severe_first_and_sum_up() {
        // Every severity, a duplicate among them: it takes its place with the low ones.
        let mut bad = key(&["search", "addObject"], "");
        bad.indexes = vec!["*".into()];
        let twin = ApiKey { value: "t".repeat(32), ..bad.clone() };
        let found = &audit(&[row(bad, 3_600), row(twin, 3_600)], None, NOW)[0];
        assert_eq!(found[0].severity(), Severity::High);
        assert_eq!(found.last().map(Finding::severity), Some(Severity::Info));
        assert!(found.iter().any(|f| f.rule == RuleId::DuplicateSettings));
        assert!(found.windows(2).all(|w| w[0].severity() >= w[1].severity()), "{found:?}");
        assert_eq!(summary(found), Some((Severity::High, found.len())));
        assert_eq!(summary(&[]), None);
    }

    #[test]
    fn fixes_change_only_what_is_safe_to_change() {
        let writes = row(key(&["search", "addObject", "logs"], "Indexing"), 0);
        assert_eq!(
            fix(RuleId::UnrestrictedWrite, &writes, None),
            Some(Fix::RemoveAcl(indices(&["addObject", "logs"])))
        );
        let mut unread = writes.clone();
        unread.key.problems.push(crate::algolia::Problem {
            field: "acl",
            expected: "a list",
            found: "a number".into(),
        });
        assert_eq!(fix(RuleId::UnrestrictedWrite, &unread, None), None, "a key not fully read is not edited");
        let only_writes = row(key(&["addObject"], "Indexing"), 0);
        assert_eq!(fix(RuleId::UnrestrictedWrite, &only_writes, None), None, "that would be a deletion");
        assert_eq!(fix(RuleId::WriteNeverExpires, &writes, None), Some(Fix::ExpireInDays(90)));
        assert_eq!(fix(RuleId::OpenSearchKey, &writes, None), Some(Fix::RateLimit(1_000)));
        let app = indices(&["products"]);
        let partly = row(ApiKey { indexes: indices(&["products", "old"]), ..clean() }, 0);
        assert_eq!(
            fix(RuleId::StalePatterns, &partly, Some(&app)),
            Some(Fix::RemoveIndexPatterns(indices(&["old"])))
        );
        let wholly = row(ApiKey { indexes: indices(&["old"]), ..clean() }, 0);
        assert_eq!(fix(RuleId::StalePatterns, &wholly, Some(&app)), None, "that would open every index");
        assert_eq!(fix(RuleId::NoDescription, &writes, None), None);
    }

    #[test]
    fn a_fix_changes_its_field_of_the_form_and_nothing_else() {
        let key = ApiKey { indexes: indices(&["products", "old"]), ..key(&["search", "addObject"], "Mixed") };
        let original = KeyForm::from_key(&key, None);
        let changed = |fix: Fix| {
            let mut form = original.clone();
            fix.apply(&mut form);
            form
        };
        let form = changed(Fix::RemoveAcl(indices(&["addObject"])));
        assert_eq!(KeyForm { acl: indices(&["search"]), ..original.clone() }, form);
        let form = changed(Fix::RemoveIndexPatterns(indices(&["old"])));
        assert_eq!(KeyForm { indexes: indices(&["products"]), ..original.clone() }, form);
        let form = changed(Fix::RateLimit(1_000));
        assert_eq!(KeyForm { max_queries: "1000".into(), ..original.clone() }, form);
        let form = changed(Fix::ExpireInDays(90));
        let body = form.to_body(NOW).expect("valid");
        assert_eq!(body.validity, 90 * 86_400);
        assert_eq!(KeyForm { expiry: original.expiry.clone(), ..form }, original);
    }
}
