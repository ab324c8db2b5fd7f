//! The connect form's rules: what it accepts, and how a failure to connect is explained.

use crate::algolia::{ApiError, Credentials, parse_custom_host};
use crate::session::{parse_idle_minutes, parse_label};

/// What the user typed, as typed. No `Debug`: it holds the admin key.
pub struct ConnectForm {
    pub app_id: String,
    pub api_key: String,
    /// A short name for the application; empty for its ID.
    pub label: String,
    /// One base URL per line.
    pub hosts: String,
    pub idle_minutes: String,
}

/// What a valid form gives: the credentials to prove, the label and the idle minutes. Its `Debug`
/// is that of `Credentials`, without the key.
#[derive(Debug)]
pub struct Connecting {
    pub credentials: Credentials,
    pub label: String,
    pub idle_minutes: usize,
}

/// A message per field that is wrong.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ConnectErrors {
    pub app_id: Option<String>,
    pub api_key: Option<String>,
    pub label: Option<String>,
    pub hosts: Option<String>,
    pub idle_minutes: Option<String>,
}

impl ConnectErrors {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

impl ConnectForm {
    /// `labels` are those of the other applications connected, which the label must not repeat.
    pub fn validate(&self, labels: &[String]) -> Result<Connecting, ConnectErrors> {
        let mut errors = ConnectErrors::default();
        let app_id = self.app_id.trim();
        if app_id.is_empty() {
            errors.app_id = Some("Enter the application ID, as shown in Algolia's dashboard.".into());
        } else if !app_id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            errors.app_id = Some("An application ID has only letters, digits, - and _.".into());
        }
        let api_key = self.api_key.trim();
        if api_key.is_empty() {
            errors.api_key = Some("Enter the admin API key.".into());
        }
        let hosts: Vec<Result<String, String>> =
            self.hosts.lines().filter(|l| !l.trim().is_empty()).map(parse_custom_host).collect();
        let bad: Vec<String> = hosts.iter().filter_map(|h| h.clone().err()).collect();
        if !bad.is_empty() {
            errors.hosts = Some(bad.join(" "));
        }
        let label = parse_label(&self.label, app_id, labels);
        errors.label = label.clone().err();
        let idle = parse_idle_minutes(&self.idle_minutes);
        errors.idle_minutes = idle.clone().err();
        match (errors.is_empty(), label, idle) {
            (true, Ok(label), Ok(idle_minutes)) => Ok(Connecting {
                credentials: Credentials {
                    app_id: app_id.to_owned(),
                    api_key: api_key.to_owned(),
                    hosts: hosts.into_iter().flatten().collect(),
                },
                label,
                idle_minutes,
            }),
            _ => Err(errors),
        }
    }
}

/// Why connecting failed, precisely enough to act on.
pub fn explain(error: &ApiError) -> String {
    match error {
        ApiError::InvalidCredentials(message) => format!(
            "The application ID or the API key is wrong: Algolia answered “{message}”. Check both and try again."
        ),
        ApiError::NotAdminKey(message) => format!(
            "This API key is not the admin key: it lacks the permission to list keys (Algolia answered “{message}”). \
             Connect with the application's admin API key."
        ),
        ApiError::Unreachable { hosts } => format!(
            "No host answered. Tried: {}. Check the application ID (Algolia's host names come from it), the custom \
             hosts, and the network.",
            hosts.join(", ")
        ),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(app_id: &str, api_key: &str, hosts: &str) -> ConnectForm {
        ConnectForm {
            app_id: app_id.into(),
            api_key: api_key.into(),
            label: String::new(),
            hosts: hosts.into(),
            idle_minutes: "15".into(),
        }
    }

    #[test]
    fn a_good_form_gives_credentials() {
        let connecting =
            form(" APP1 ", " key ", "http://127.0.0.1:8787/\n\nhttps://p.example.com").validate(&[]).unwrap();
        let credentials = connecting.credentials;
        assert_eq!(credentials.app_id, "APP1");
        assert_eq!(credentials.api_key, "key");
        assert_eq!(credentials.hosts, ["http://127.0.0.1:8787", "https://p.example.com"]);
        assert_eq!((connecting.label.as_str(), connecting.idle_minutes), ("APP1", 15));
        let labelled =
            ConnectForm { label: " prod ".into(), ..form("APP1", "key", "") }.validate(&[]).unwrap();
        assert_eq!(labelled.label, "prod");
    }

    #[test]
    fn each_bad_field_gets_its_own_message() {
        let errors = form("", "", "http://example.com").validate(&[]).unwrap_err();
        assert!(errors.app_id.unwrap().contains("application ID"));
        assert!(errors.api_key.unwrap().contains("admin API key"));
        assert!(errors.hosts.unwrap().contains("only for localhost"));
        assert_eq!(errors.idle_minutes, None);
        let errors =
            ConnectForm { idle_minutes: "0".into(), ..form("A B", "k", "") }.validate(&[]).unwrap_err();
        assert!(errors.app_id.is_some() && errors.idle_minutes.is_some());
        let taken = ConnectForm { label: "prod".into(), ..form("APP2", "k", "") }.validate(&["prod".into()]);
        assert!(taken.unwrap_err().label.unwrap().contains("“prod”"));
    }

    #[test]
    fn explanations_name_the_cause() {
        assert!(
            explain(&ApiError::InvalidCredentials("Invalid Application-ID or API key".into()))
                .contains("wrong")
        );
        assert!(
            explain(&ApiError::NotAdminKey("Method not allowed with this API key".into()))
                .contains("not the admin key")
        );
        let unreachable =
            explain(&ApiError::Unreachable { hosts: vec!["https://a".into(), "https://b".into()] });
        assert!(unreachable.contains("Tried: https://a, https://b."));
    }
}
