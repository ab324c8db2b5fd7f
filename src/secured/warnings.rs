//! What may be wrong with a restriction. Algolia's helpers sign whatever they are given, so these
//! are warnings shown beside the field: the key is made all the same, as a server would make it.

use crate::keys::{cidr, patterns};

const ACCEPTED: &str = "Algolia accepts it as it is, but it may match nothing.";

/// A `restrictSources` value that is not one IPv4 address or range.
pub fn sources(source: &str) -> Option<String> {
    let source = source.trim();
    if source.is_empty() {
        return None;
    }
    cidr::validate(source).err().map(|problem| format!("{problem} {ACCEPTED}"))
}

/// `restrictIndices` patterns Algolia may not read as meant, and patterns outside the parent key's
/// own indices (`parent`; empty when the parent reaches every index).
pub fn indices(chosen: &[String], parent: &[String]) -> Option<String> {
    let mut warnings: Vec<String> = chosen
        .iter()
        .filter_map(|pattern| patterns::validate(pattern, "index").err())
        .map(|problem| format!("{problem} {ACCEPTED}"))
        .collect();
    let outside: Vec<&str> = chosen
        .iter()
        .filter(|p| !parent.is_empty() && !parent.iter().any(|a| patterns::covers(a, p)))
        .map(String::as_str)
        .collect();
    if !outside.is_empty() {
        warnings.push(format!(
            "Outside the parent key's own indices ({}): {}. Those indices stay out of reach.",
            parent.join(", "),
            outside.join(", ")
        ));
    }
    (!warnings.is_empty()).then(|| warnings.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn sources_that_are_not_ipv4_are_warned_about() {
        assert_eq!(sources(""), None);
        assert_eq!(sources("  "), None);
        assert_eq!(sources("192.168.1.0/24"), None);
        assert_eq!(sources(" 203.0.113.7 "), None);
        let warning = sources("office-network").unwrap();
        assert!(warning.contains("not an IPv4 address or range"), "{warning}");
        assert!(warning.ends_with(ACCEPTED), "{warning}");
        assert!(sources("10.0.0.1/8").unwrap().contains("10.0.0.0/8"));
        assert!(sources("2001:db8::/32").is_some());
    }

    #[test]
    fn odd_patterns_and_patterns_outside_the_parent() {
        assert_eq!(indices(&[], &[]), None);
        assert_eq!(indices(&list(&["prod_*", "movies"]), &[]), None);
        assert_eq!(indices(&list(&["prod_en_*"]), &list(&["prod_*"])), None);

        let odd = indices(&list(&["dev_*_products", "movies"]), &[]).unwrap();
        assert!(odd.contains("“dev_*_products”: a * may stand only at the start or the end"), "{odd}");
        assert!(odd.ends_with(ACCEPTED), "{odd}");

        let outside = indices(&list(&["prod_en", "dev_*"]), &list(&["prod_*"])).unwrap();
        assert_eq!(
            outside,
            "Outside the parent key's own indices (prod_*): dev_*. Those indices stay out of reach."
        );

        let both = indices(&list(&["**", "dev_x"]), &list(&["prod_*"])).unwrap();
        assert!(both.starts_with("“**” is only wildcards"), "{both}");
        assert!(both.contains("Outside the parent key's own indices (prod_*): **, dev_x."), "{both}");
    }
}
