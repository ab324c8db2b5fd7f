//! What the keys table shows (search, sort, filters), read from and written to the URL's query so
//! a view can be bookmarked, shared and walked with back and forward.

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Created,
    Description,
    TimeLeft,
    /// Most severe findings first.
    Risk,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ExpiryFilter {
    #[default]
    Any,
    /// Expires within this many days.
    Within(u32),
    Never,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViewState {
    pub search: String,
    pub sort: Sort,
    pub descending: bool,
    /// Only keys with this ACL.
    pub acl: Option<String>,
    pub expiry: ExpiryFilter,
    /// Only keys with no index and no referer restriction.
    pub unrestricted: bool,
    /// Only keys the audit has findings for.
    pub findings: bool,
}

impl Default for ViewState {
    fn default() -> Self {
        Self {
            search: String::new(),
            sort: Sort::Created,
            descending: true,
            acl: None,
            expiry: ExpiryFilter::Any,
            unrestricted: false,
            findings: false,
        }
    }
}

impl Sort {
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Created => "created",
            Sort::Description => "description",
            Sort::TimeLeft => "expiry",
            Sort::Risk => "risk",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Sort::Created, Sort::Description, Sort::TimeLeft, Sort::Risk]
            .into_iter()
            .find(|s| s.as_str() == text)
    }

    /// The direction a column sorts in when first chosen: newest, A to Z, soonest to expire, most
    /// severe.
    pub fn natural_descending(self) -> bool {
        matches!(self, Sort::Created | Sort::Risk)
    }
}

impl ExpiryFilter {
    pub fn as_str(self) -> &'static str {
        match self {
            ExpiryFilter::Any => "",
            ExpiryFilter::Within(7) => "7d",
            ExpiryFilter::Within(30) => "30d",
            ExpiryFilter::Within(_) => "",
            ExpiryFilter::Never => "never",
        }
    }

    pub fn parse(text: &str) -> Self {
        match text {
            "7d" => ExpiryFilter::Within(7),
            "30d" => ExpiryFilter::Within(30),
            "never" => ExpiryFilter::Never,
            _ => ExpiryFilter::Any,
        }
    }
}

impl ViewState {
    /// Reads the state from query parameters; anything missing or unknown takes its default.
    pub fn from_query<'a>(get: impl Fn(&str) -> Option<&'a str>) -> Self {
        let sort = get("sort").and_then(Sort::parse).unwrap_or_default();
        let descending = match get("dir") {
            Some("asc") => false,
            Some("desc") => true,
            _ => sort.natural_descending(),
        };
        Self {
            search: get("q").unwrap_or_default().to_owned(),
            sort,
            descending,
            acl: get("acl").filter(|a| !a.is_empty()).map(str::to_owned),
            expiry: ExpiryFilter::parse(get("expiry").unwrap_or_default()),
            unrestricted: get("unrestricted") == Some("1"),
            findings: get("findings") == Some("1"),
        }
    }

    /// The query parameters that differ from the defaults, so a plain view has a plain URL.
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut query = Vec::new();
        if !self.search.is_empty() {
            query.push(("q", self.search.clone()));
        }
        if self.sort != Sort::default() {
            query.push(("sort", self.sort.as_str().to_owned()));
        }
        if self.descending != self.sort.natural_descending() {
            query.push(("dir", if self.descending { "desc" } else { "asc" }.to_owned()));
        }
        if let Some(acl) = &self.acl {
            query.push(("acl", acl.clone()));
        }
        if self.expiry != ExpiryFilter::Any {
            query.push(("expiry", self.expiry.as_str().to_owned()));
        }
        if self.unrestricted {
            query.push(("unrestricted", "1".to_owned()));
        }
        if self.findings {
            query.push(("findings", "1".to_owned()));
        }
        query
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn round_trip(state: &ViewState) -> ViewState {
        let map: HashMap<&str, String> = state.to_query().into_iter().collect();
        ViewState::from_query(|k| map.get(k).map(String::as_str))
    }

    #[test]
    fn the_default_view_has_no_query() {
        assert!(ViewState::default().to_query().is_empty());
    }

    #[test]
    fn every_state_round_trips() {
        let states = [
            ViewState { search: "a b&c".into(), ..ViewState::default() },
            ViewState { sort: Sort::Description, descending: true, ..ViewState::default() },
            ViewState { sort: Sort::TimeLeft, descending: false, ..ViewState::default() },
            ViewState { sort: Sort::Created, descending: false, ..ViewState::default() },
            ViewState { acl: Some("search".into()), expiry: ExpiryFilter::Within(7), ..ViewState::default() },
            ViewState { expiry: ExpiryFilter::Within(30), unrestricted: true, ..ViewState::default() },
            ViewState { expiry: ExpiryFilter::Never, ..ViewState::default() },
            ViewState { sort: Sort::Risk, descending: true, findings: true, ..ViewState::default() },
        ];
        for state in states {
            assert_eq!(round_trip(&state), state);
        }
    }

    #[test]
    fn unknown_values_fall_back_to_defaults() {
        let state = ViewState::from_query(|k| match k {
            "sort" => Some("colour"),
            "expiry" => Some("3d"),
            "dir" => Some("sideways"),
            _ => None,
        });
        assert_eq!(state, ViewState::default());
    }
}
