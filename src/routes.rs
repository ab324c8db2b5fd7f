//! Every place in the console, typed: one value gives the link a page renders (with the sub-path
//! the app is served under), and an address parses back to one. No page spells a path by hand.

use std::sync::OnceLock;

use leptos::prelude::document;

use crate::keys::{ViewState, query_params};

#[derive(Clone, Debug, PartialEq)]
pub enum AppRoute {
    /// The connect form; with applications connected, the first one's keys.
    Connect,
    /// The connect form, to add an application to those connected.
    AddApp,
    /// A page of one application, named by its ID (never its key).
    App { app: String, page: Page },
}

/// The pages of one application.
#[derive(Clone, Debug, PartialEq)]
pub enum Page {
    /// The keys table, with its search, filters and sort.
    Keys(ViewState),
    /// One key, by the short hash of its value (never the value).
    Key(String),
    /// The edit form of a key, with the change that fixes one of its findings (a rule's slug)
    /// already made.
    EditKey {
        hash: String,
        fix: Option<String>,
    },
    /// A new key, or a copy of the key with this hash.
    NewKey {
        from: Option<String>,
    },
    Restore,
    Secured,
    /// This application's keys beside another's (`with`, by ID), or a choice of which.
    Compare {
        with: Option<String>,
    },
    /// Copies of these keys (by hash) to be made in application `to`, or a choice of which.
    Copy {
        to: Option<String>,
        keys: Vec<String>,
    },
    /// A file of these keys' definitions (by hash; every key when empty).
    Export {
        keys: Vec<String>,
    },
    /// Keys created from a file of definitions.
    Import,
    /// The audit: every key's findings by rule, the access simulator, the exposure check and the
    /// expiry calendar.
    Audit,
    /// New keys to replace these (by hash), the old ones expiring after a grace period.
    Roll {
        keys: Vec<String>,
    },
}

impl Page {
    /// The keys table with no search, filter or sort.
    pub fn keys() -> Self {
        Self::Keys(ViewState::default())
    }

    /// This page of application `app`.
    pub fn of(self, app: &str) -> AppRoute {
        AppRoute::App { app: app.to_owned(), page: self }
    }

    fn parse<'a>(
        mut segments: impl Iterator<Item = &'a str>,
        get: impl Fn(&str) -> Option<&'a str>,
    ) -> Option<Self> {
        let page = match (segments.next(), segments.next(), segments.next()) {
            (Some("keys"), None, _) => Self::Keys(ViewState::from_query(get)),
            (Some("keys"), Some("new"), None) => Self::NewKey { from: get("from").map(str::to_owned) },
            (Some("keys"), Some("restore"), None) => Self::Restore,
            (Some("keys"), Some("secured"), None) => Self::Secured,
            (Some("keys"), Some(hash), None) if !hash.is_empty() => Self::Key(hash.to_owned()),
            (Some("keys"), Some(hash), Some("edit")) if !hash.is_empty() => {
                Self::EditKey { hash: hash.to_owned(), fix: get("fix").map(str::to_owned) }
            }
            (Some("compare"), None, _) => Self::Compare { with: None },
            (Some("copy"), to, None) if to != Some("") => {
                Self::Copy { to: to.map(str::to_owned), keys: hashes(get("keys")) }
            }
            (Some("export"), None, _) => Self::Export { keys: hashes(get("keys")) },
            (Some("import"), None, _) => Self::Import,
            (Some("audit"), None, _) => Self::Audit,
            (Some("roll"), None, _) => Self::Roll { keys: hashes(get("keys")) },
            (Some("compare"), Some(other), None) if !other.is_empty() => {
                Self::Compare { with: Some(other.to_owned()) }
            }
            _ => return None,
        };
        segments.next().is_none().then_some(page)
    }

    fn path(&self) -> String {
        match self {
            Self::Keys(state) => {
                let query: Vec<String> = state
                    .to_query()
                    .into_iter()
                    .map(|(name, value)| [name, "=", &crate::uri::encode_component(&value)].concat())
                    .collect();
                if query.is_empty() { "/keys".to_owned() } else { ["/keys?", &query.join("&")].concat() }
            }
            Self::Key(hash) => ["/keys/", hash].concat(),
            Self::EditKey { hash, fix: None } => ["/keys/", hash, "/edit"].concat(),
            Self::EditKey { hash, fix: Some(fix) } => ["/keys/", hash, "/edit?fix=", fix].concat(),
            Self::NewKey { from: None } => "/keys/new".to_owned(),
            Self::NewKey { from: Some(hash) } => ["/keys/new?from=", hash].concat(),
            Self::Restore => "/keys/restore".to_owned(),
            Self::Secured => "/keys/secured".to_owned(),
            Self::Compare { with: None } => "/compare".to_owned(),
            Self::Compare { with: Some(other) } => ["/compare/", other].concat(),
            Self::Copy { to: None, keys } => ["/copy?keys=", &keys.join(",")].concat(),
            Self::Copy { to: Some(to), keys } => ["/copy/", to, "?keys=", &keys.join(",")].concat(),
            Self::Export { keys } if keys.is_empty() => "/export".to_owned(),
            Self::Export { keys } => ["/export?keys=", &keys.join(",")].concat(),
            Self::Import => "/import".to_owned(),
            Self::Audit => "/audit".to_owned(),
            Self::Roll { keys } => ["/roll?keys=", &keys.join(",")].concat(),
        }
    }
}

/// Key hashes as a query parameter holds them: comma-separated.
fn hashes(list: Option<&str>) -> Vec<String> {
    list.unwrap_or_default().split(',').filter(|h| !h.is_empty()).map(str::to_owned).collect()
}

impl AppRoute {
    /// The route at a path inside the app (the sub-path taken off) with its query string (without
    /// the `?`); `None` when no page has that address.
    pub fn parse(path: &str, query: &str) -> Option<Self> {
        let pairs = query_params::parse(query);
        let get = |name: &str| pairs.iter().find(|(n, _)| n == name).map(|(_, value)| value.as_str());
        // A trailing slash names the same page.
        let path = path.strip_suffix('/').unwrap_or(path);
        let mut segments = path.split('/').skip(1);
        match (segments.next(), segments.next()) {
            (None, _) => Some(Self::Connect),
            (Some("add"), None) => Some(Self::AddApp),
            (Some("apps"), Some(app)) if !app.is_empty() => Some(Page::parse(segments, get)?.of(app)),
            _ => None,
        }
    }

    /// The page this route shows, whatever the table's search, filters and sort: a keystroke in
    /// the search changes the route but not the page.
    pub fn page(&self) -> Self {
        match self {
            Self::App { app, page: Page::Keys(_) } => Page::keys().of(app),
            other => other.clone(),
        }
    }

    /// The path inside the app, as the router takes it.
    pub fn path(&self) -> String {
        match self {
            Self::Connect => "/".to_owned(),
            Self::AddApp => "/add".to_owned(),
            Self::App { app, page } => ["/apps/", app, &page.path()].concat(),
        }
    }

    /// The link to render, and the URL the router puts in the address bar: the path under the
    /// sub-path the app is served from.
    pub fn href(&self) -> String {
        [base_path(), &self.path()].concat()
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
        let pages = [
            Page::keys(),
            Page::Keys(state),
            Page::Key("ab12".into()),
            Page::EditKey { hash: "ab12".into(), fix: None },
            Page::EditKey { hash: "ab12".into(), fix: Some("open-search-key".into()) },
            Page::NewKey { from: None },
            Page::NewKey { from: Some("ab12".into()) },
            Page::Restore,
            Page::Secured,
            Page::Compare { with: None },
            Page::Compare { with: Some("APP2".into()) },
            Page::Copy { to: None, keys: vec!["ab12".into()] },
            Page::Copy { to: Some("APP2".into()), keys: vec!["ab12".into(), "cd34".into()] },
            Page::Export { keys: vec![] },
            Page::Export { keys: vec!["ab12".into()] },
            Page::Import,
            Page::Audit,
            Page::Roll { keys: vec!["ab12".into(), "cd34".into()] },
        ];
        let routes =
            [AppRoute::Connect, AppRoute::AddApp].into_iter().chain(pages.map(|page| page.of("APP1")));
        for route in routes {
            let path = route.path();
            let (path, query) = path.split_once('?').unwrap_or((&path, ""));
            assert_eq!(AppRoute::parse(path, query), Some(route));
        }
    }

    #[test]
    fn parses_what_people_type() {
        assert_eq!(AppRoute::parse("", ""), Some(AppRoute::Connect));
        assert_eq!(AppRoute::parse("/apps/APP1/keys/", ""), Some(Page::keys().of("APP1")));
        assert_eq!(AppRoute::parse("/apps/APP1/keys/ab12/", ""), Some(Page::Key("ab12".into()).of("APP1")));
        let searched = AppRoute::parse("/apps/APP1/keys", "q=a+b%26c&sort=nonsense");
        let state = ViewState { search: "a b&c".into(), ..ViewState::default() };
        assert_eq!(searched, Some(Page::Keys(state).of("APP1")));
        for unknown in [
            "/nowhere",
            "/keys",
            "/apps",
            "/apps/APP1",
            "/apps//keys",
            "/apps/APP1/keys/ab12/edit/more",
            "/apps/APP1/keys//edit",
            "/apps/APP1/keysx",
            "/add/more",
            "/apps/APP1/compare/APP2/more",
        ] {
            assert_eq!(AppRoute::parse(unknown, ""), None, "{unknown}");
        }
    }

    #[test]
    fn a_search_stays_on_the_same_page() {
        let searched = Page::Keys(ViewState { search: "x".into(), ..ViewState::default() }).of("A");
        assert_eq!(searched.page(), Page::keys().of("A"));
        assert_eq!(Page::Restore.of("A").page(), Page::Restore.of("A"));
    }

    #[test]
    fn every_route_has_its_path() {
        assert_eq!(AppRoute::Connect.path(), "/");
        assert_eq!(AppRoute::AddApp.path(), "/add");
        assert_eq!(Page::keys().of("APP1").path(), "/apps/APP1/keys");
        assert_eq!(Page::Key("ab12".into()).of("APP1").path(), "/apps/APP1/keys/ab12");
        assert_eq!(
            Page::EditKey { hash: "ab12".into(), fix: None }.of("APP1").path(),
            "/apps/APP1/keys/ab12/edit"
        );
        assert_eq!(Page::NewKey { from: Some("ab12".into()) }.of("A").path(), "/apps/A/keys/new?from=ab12");
        assert_eq!(Page::Restore.of("A").path(), "/apps/A/keys/restore");
        assert_eq!(Page::Secured.of("A").path(), "/apps/A/keys/secured");
        assert_eq!(Page::Compare { with: Some("B".into()) }.of("A").path(), "/apps/A/compare/B");
    }
}
