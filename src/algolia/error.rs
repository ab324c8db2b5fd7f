//! What can go wrong talking to Algolia, in words a person can act on.

use serde::Deserialize;

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// 403 "Invalid Application-ID or API key".
    #[error("The application ID or the API key is wrong. Algolia says: “{0}”.")]
    InvalidCredentials(String),
    /// 403 "Method not allowed with this API key": the key lacks the ACL for the call.
    #[error("This API key is not allowed to do that: it lacks the permission. Algolia says: “{0}”.")]
    NotAllowed(String),
    /// Any other answer that is final (4xx): Algolia's own message.
    #[error("Algolia refused the request (HTTP {status}): {message}")]
    Rejected { status: u16, message: String },
    /// Every host failed with a network error, a timeout or a server error.
    #[error("Could not reach Algolia: every host failed ({}). Check the application ID, the custom hosts and the network, then retry.", .hosts.join(", "))]
    Unreachable { hosts: Vec<String> },
    /// A write was accepted but did not show in reads after the usual number of checks.
    #[error(
        "Algolia accepted the change, but it did not show after {checks} checks. It may still complete: refresh in a while."
    )]
    NotYetVisible { checks: u32 },
    /// A success whose body is not what Algolia sends.
    #[error("The server answered, but its answer could not be read: {0}")]
    Malformed(String),
}

#[derive(Deserialize)]
struct ErrorBody {
    message: Option<String>,
}

impl ApiError {
    /// Builds the error for a final (4xx) answer from its status and body.
    pub fn from_response(status: u16, body: &str) -> Self {
        let message = serde_json::from_str::<ErrorBody>(body).ok().and_then(|b| b.message).unwrap_or_else(
            || match body.trim() {
                "" => "no message".to_owned(),
                text => text.chars().take(200).collect(),
            },
        );
        let lower = message.to_ascii_lowercase();
        match status {
            403 if lower.contains("invalid application-id") => Self::InvalidCredentials(message),
            403 if lower.contains("not allowed") => Self::NotAllowed(message),
            _ => Self::Rejected { status, message },
        }
    }

    /// The HTTP status of a final answer; `None` when no host gave one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::InvalidCredentials(_) | Self::NotAllowed(_) => Some(403),
            Self::Rejected { status, .. } => Some(*status),
            Self::Unreachable { .. } | Self::NotYetVisible { .. } | Self::Malformed(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_algolias_403s() {
        let body = r#"{"message":"Invalid Application-ID or API key","status":403}"#;
        assert_eq!(
            ApiError::from_response(403, body),
            ApiError::InvalidCredentials("Invalid Application-ID or API key".into())
        );
        let body = r#"{"message":"Method not allowed with this API key","status":403}"#;
        assert!(matches!(ApiError::from_response(403, body), ApiError::NotAllowed(_)));
    }

    #[test]
    fn keeps_algolias_message() {
        let error = ApiError::from_response(404, r#"{"message":"Key does not exist","status":404}"#);
        assert_eq!(error.to_string(), "Algolia refused the request (HTTP 404): Key does not exist");
        assert_eq!(error.status(), Some(404));
        assert_eq!(
            ApiError::from_response(400, "").to_string(),
            "Algolia refused the request (HTTP 400): no message"
        );
        assert!(ApiError::from_response(429, "slow down").to_string().ends_with("(HTTP 429): slow down"));
    }

    #[test]
    fn unreachable_names_the_hosts() {
        let error = ApiError::Unreachable { hosts: vec!["https://a".into(), "https://b".into()] };
        assert!(error.to_string().contains("(https://a, https://b)"));
    }
}
