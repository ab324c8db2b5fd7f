//! Every place in the console, typed: one value gives the link a page renders (with the sub-path
//! the app is served under), and an address parses back to one. No page spells a path by hand.

use std::sync::OnceLock;

use leptos::prelude::document;

use crate::keys::{ViewState, query_params};

#[derive(Clone, Debug, PartialEq)]
pub enum AppRoute {
    /// The connect form.
    Connect,
    /// The keys table, with its search, filters and sort.
    Keys(ViewState),
    /// One key, by the short hash of its value (never the value).
    Key(String),
    EditKey(String),
    /// A new key, or a copy of the key with this hash.
    NewKey {
        from: Option<String>,
    },
    Restore,
    Secured,
}

impl AppRoute {
    /// The keys table with no search, filter or sort.
    pub fn keys() -> Self {
        Self::Keys(ViewState::default())
    }

    /// The route at a path inside the app (the sub-path taken off) with its query string (without
    /// the `?`); `None` when no page has that address.
    pub fn parse(path: &str, query: &str) -> Option<Self> {
        let pairs = query_params::parse(query);
        let get = |name: &str| pairs.iter().find(|(n, _)| n == name).map(|(_, value)| value.as_str());
        // A trailing slash names the same page.
        let path = path.strip_suffix('/').unwrap_or(path);
        let mut segments = path.split('/').skip(1);
        let route = match (segments.next(), segments.next(), segments.next()) {
            (None, ..) => Self::Connect,
            (Some("keys"), None, _) => Self::Keys(ViewState::from_query(get)),
            (Some("keys"), Some("new"), None) => Self::NewKey { from: get("from").map(str::to_owned) },
            (Some("keys"), Some("restore"), None) => Self::Restore,
            (Some("keys"), Some("secured"), None) => Self::Secured,
            (Some("keys"), Some(hash), None) if !hash.is_empty() => Self::Key(hash.to_owned()),
            (Some("keys"), Some(hash), Some("edit")) if !hash.is_empty() => Self::EditKey(hash.to_owned()),
            _ => return None,
        };
        segments.next().is_none().then_some(route)
    }

    /// The page this route shows, whatever the table's search, filters and sort: a keystroke in
    /// the search changes the route but not the page.
    pub fn page(&self) -> Self {
        match self {
            Self::Keys(_) => Self::keys(),
            other => other.clone(),
        }
    }

    /// The path inside the app, as the router takes it.
    pub fn path(&self) -> String {
        match self {
            Self::Connect => "/".to_owned(),
            Self::Keys(state) => {
                let query: Vec<String> = state
                    .to_query()
                    .into_iter()
                    .map(|(name, value)| format!("{name}={}", crate::uri::encode_component(&value)))
                    .collect();
                if query.is_empty() { "/keys".to_owned() } else { format!("/keys?{}", query.join("&")) }
            }
            Self::Key(hash) => format!("/keys/{hash}"),
            Self::EditKey(hash) => format!("/keys/{hash}/edit"),
            Self::NewKey { from: None } => "/keys/new".to_owned(),
            Self::NewKey { from: Some(hash) } => format!("/keys/new?from={hash}"),
            Self::Restore => "/keys/restore".to_owned(),
            Self::Secured => "/keys/secured".to_owned(),
        }
    }

    /// The link to render, and the URL the router puts in the address bar: the path under the
    /// sub-path the app is served from.
    pub fn href(&self) -> String {
        format!("{}{}", base_path(), self.path())
    }
}

/// The sub-path the app is served under (`/console` for `/console/`, empty at the root), taken
/// from the `<base>` element Trunk writes from `--public-url`.
pub fn base_path() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| {
        let base = document().base_uri().ok().flatten().unwrap_or_default();
        path_of(&base).trim_end_matches('/').to_owned()
    })
}

fn path_of(url: &str) -> &str {
    url.split_once("://").map_or("", |(_, rest)| rest.find('/').map_or("", |i| &rest[i..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::Sort;

    #[test]
    fn takes_the_path_of_a_url() {
        assert_eq!(path_of("http://127.0.0.1:8080/console/"), "/console/");
        assert_eq!(path_of("https://keys.example.com/"), "/");
        assert_eq!(path_of("https://keys.example.com"), "");
    }

    #[test]
    fn every_path_parses_back_to_its_route() {
        let state = ViewState { search: "a b&c".into(), sort: Sort::Description, ..ViewState::default() };
        let routes = [
            AppRoute::Connect,
            AppRoute::keys(),
            AppRoute::Keys(state),
            AppRoute::Key("ab12".into()),
            AppRoute::EditKey("ab12".into()),
            AppRoute::NewKey { from: None },
            AppRoute::NewKey { from: Some("ab12".into()) },
            AppRoute::Restore,
            AppRoute::Secured,
        ];
        for route in routes {
            let path = route.path();
            let (path, query) = path.split_once('?').unwrap_or((&path, ""));
            assert_eq!(AppRoute::parse(path, query), Some(route));
        }
    }

    #[test]
    fn parses_what_people_type() {
        assert_eq!(AppRoute::parse("", ""), Some(AppRoute::Connect));
        assert_eq!(AppRoute::parse("/keys/", ""), Some(AppRoute::keys()));
        assert_eq!(AppRoute::parse("/keys/ab12/", ""), Some(AppRoute::Key("ab12".into())));
        let searched = AppRoute::parse("/keys", "q=a+b%26c&sort=nonsense");
        assert_eq!(
            searched,
            Some(AppRoute::Keys(ViewState { search: "a b&c".into(), ..ViewState::default() }))
        );
        for unknown in ["/nowhere", "/keys/ab12/edit/more", "/keys//edit", "/keysx", "/keys/ab12/delete"] {
            assert_eq!(AppRoute::parse(unknown, ""), None, "{unknown}");
        }
    }

    #[test]
    fn a_search_stays_on_the_same_page() {
        let searched = AppRoute::Keys(ViewState { search: "x".into(), ..ViewState::default() });
        assert_eq!(searched.page(), AppRoute::keys());
        assert_eq!(AppRoute::Restore.page(), AppRoute::Restore);
    }

    #[test]
    fn every_route_has_its_path() {
        assert_eq!(AppRoute::Connect.path(), "/");
        assert_eq!(AppRoute::keys().path(), "/keys");
        assert_eq!(AppRoute::Key("ab12".into()).path(), "/keys/ab12");
        assert_eq!(AppRoute::EditKey("ab12".into()).path(), "/keys/ab12/edit");
        assert_eq!(AppRoute::NewKey { from: None }.path(), "/keys/new");
        assert_eq!(AppRoute::NewKey { from: Some("ab12".into()) }.path(), "/keys/new?from=ab12");
        assert_eq!(AppRoute::Restore.path(), "/keys/restore");
        assert_eq!(AppRoute::Secured.path(), "/keys/secured");
        let state = ViewState { search: "a b&c".into(), sort: Sort::Description, ..ViewState::default() };
        assert!(AppRoute::Keys(state).path().starts_with("/keys?"));
    }
}
