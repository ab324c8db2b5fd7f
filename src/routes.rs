//! Every place in the console, typed: one value gives both the link a page renders (with the
//! sub-path the app is served under) and the path the router navigates to (which adds that
//! sub-path itself). No page spells a path by hand.

use std::sync::OnceLock;

use leptos::prelude::document;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

use crate::keys::ViewState;

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

    /// The link to render: the router's `<A>` leaves absolute paths as they are, so the base is
    /// added here.
    pub fn href(&self) -> String {
        format!("{}{}", base_path(), self.path())
    }
}

/// Navigates within the app, with the router's options (replace the history entry, scroll).
pub fn use_go() -> impl Fn(AppRoute, NavigateOptions) + Clone + 'static {
    let navigate = use_navigate();
    move |route: AppRoute, options: NavigateOptions| navigate(&route.path(), options)
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
