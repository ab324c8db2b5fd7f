//! Index and referer patterns: a name, or a name with `*` at the start, the end, or both.

/// Checks one pattern; the message says what is wrong in plain words.
pub fn validate(pattern: &str, noun: &str) -> Result<(), String> {
    let inner = pattern.strip_prefix('*').unwrap_or(pattern);
    let inner = inner.strip_suffix('*').unwrap_or(inner);
    if pattern.trim().is_empty() {
        return Err(format!("An empty {noun} pattern matches nothing: remove it."));
    }
    if pattern != pattern.trim() {
        return Err(format!("“{pattern}” starts or ends with a space."));
    }
    if inner.contains('*') {
        return Err(format!(
            "“{pattern}”: a * may stand only at the start or the end, as in dev_*, *_dev or *_products_*."
        ));
    }
    if inner.is_empty() && pattern != "*" {
        return Err(format!("“{pattern}” is only wildcards; use * alone to mean every {noun}."));
    }
    Ok(())
}

/// Whether a name matches a pattern, as Algolia matches index names and referers.
pub fn matches(pattern: &str, name: &str) -> bool {
    match (pattern.strip_prefix('*'), pattern.strip_suffix('*')) {
        _ if pattern == "*" => true,
        (Some(rest), _) if rest.ends_with('*') => name.contains(&rest[..rest.len() - 1]),
        (Some(suffix), _) => name.ends_with(suffix),
        (None, Some(prefix)) => name.starts_with(prefix),
        (None, None) => name == pattern,
    }
}

/// Whether any pattern admits the name; an empty list admits everything.
pub fn admits(patterns: &[String], name: &str) -> bool {
    patterns.is_empty() || patterns.iter().any(|p| matches(p, name))
}

/// Whether everything pattern `p` matches is matched by pattern `q` already.
pub fn covers(q: &str, p: &str) -> bool {
    let core = |x: &str| x.trim_start_matches('*').trim_end_matches('*').to_owned();
    let kind = |x: &str| (x.starts_with('*'), x.ends_with('*') && x.len() > 1);
    match (kind(q), kind(p)) {
        _ if q == "*" || q == p => true,
        (_, (false, false)) => matches(q, p),
        ((false, true), (false, true)) => core(p).starts_with(&core(q)),
        ((true, false), (true, false)) => core(p).ends_with(&core(q)),
        ((true, true), _) => core(p).contains(&core(q)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_only_at_the_ends() {
        for good in
            ["movies", "dev_*", "*_dev", "*_products_*", "*", "https://example.com/*", "*.example.com"]
        {
            assert_eq!(validate(good, "index"), Ok(()), "{good}");
        }
        assert!(validate("dev_*_products", "index").unwrap_err().contains("only at the start or the end"));
        assert!(validate("**", "index").unwrap_err().contains("only wildcards"));
        assert!(validate("", "index").unwrap_err().contains("empty"));
        assert!(validate(" dev_*", "index").unwrap_err().contains("space"));
    }

    #[test]
    fn matching() {
        assert!(matches("dev_*", "dev_products"));
        assert!(!matches("dev_*", "prod_dev"));
        assert!(matches("*_dev", "products_dev"));
        assert!(matches("*_products_*", "en_products_dev"));
        assert!(!matches("*_products_*", "products"));
        assert!(matches("movies", "movies"));
        assert!(!matches("movies", "movies_asc"));
        assert!(matches("https://shop.example.com/*", "https://shop.example.com/cart"));
        assert!(matches("*.example.com", "www.example.com"));
        assert!(admits(&[], "anything"));
        assert!(!admits(&["a*".into()], "b"));
    }
}
