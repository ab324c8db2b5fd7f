//! Where the app lives: the sub-path it is served under, and links that include it.

use std::sync::OnceLock;

use leptos::prelude::document;

/// The sub-path the app is served under (`/console` for `/console/`, empty at the root), taken
/// from the `<base>` element Trunk writes from `--public-url`.
pub fn base_path() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| {
        let base = document().base_uri().ok().flatten().unwrap_or_default();
        path_of(&base).trim_end_matches('/').to_owned()
    })
}

/// An app path (`/keys/abc`) as a link: the router's `<A>` leaves absolute paths as they are, so
/// the base has to be added here.
pub fn href(path: &str) -> String {
    format!("{}{path}", base_path())
}

fn path_of(url: &str) -> &str {
    url.split_once("://").map_or("", |(_, rest)| rest.find('/').map_or("", |i| &rest[i..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_the_path_of_a_url() {
        assert_eq!(path_of("http://127.0.0.1:8080/console/"), "/console/");
        assert_eq!(path_of("https://keys.example.com/"), "/");
        assert_eq!(path_of("https://keys.example.com"), "");
    }
}
