//! Lower-casing, for search and sort. ASCII, nearly all that keys hold, is lower-cased here; other
//! text by the browser's own `toLowerCase`, which keeps the standard library's Unicode case tables
//! out of the bundle.

/// `text` in lower case, by Unicode's rules as `str::to_lowercase` applies them.
pub fn lowercase(text: &str) -> String {
    if text.is_ascii() { text.to_ascii_lowercase() } else { unicode_lowercase(text) }
}

#[cfg(target_arch = "wasm32")]
fn unicode_lowercase(text: &str) -> String {
    js_sys::JsString::from(text).to_lower_case().into()
}

// Native builds (the unit tests) have no browser to ask.
#[cfg(not(target_arch = "wasm32"))]
fn unicode_lowercase(text: &str) -> String {
    text.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::lowercase;

    #[test]
    fn lower_cases_ascii_and_the_rest() {
        assert_eq!(lowercase("Prod_Search-KEY"), "prod_search-key");
        assert_eq!(lowercase("Clé ÉTÉ Straße ΣΑΣ"), "clé été straße σας");
    }
}
