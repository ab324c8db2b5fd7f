//! What can go wrong talking to Algolia, decided here once from the status and the body, in words a
//! person can act on. Pages match on the variants, never on message text.

use super::answers;

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// 404 "Key does not exist".
    #[error("Algolia has no such key: it answered “{0}”.")]
    KeyNotFound(String),
    /// 404 "Key already exists": a restore while the key's deletion is still spreading, or of a key
    /// that was never deleted.
    #[error("Algolia answered “{0}”: the key is not (or not yet) deleted.")]
    KeyAlreadyExists(String),
    /// 403 "Invalid Application-ID or API key".
    #[error("The application ID or the API key is wrong. Algolia says: “{0}”.")]
    InvalidCredentials(String),
    /// 403 "Method not allowed with this API key": the key lacks the ACL for the call, which for a
    /// key endpoint means it is not the admin key.
    #[error("This API key is not the admin key: it lacks the permission. Algolia says: “{0}”.")]
    NotAdminKey(String),
    /// 429: too many requests for now.
    #[error("Algolia is limiting the rate of requests (HTTP 429: “{0}”). Wait a moment, then retry.")]
    RateLimited(String),
    /// Any other final (4xx) answer: Algolia's own message.
    #[error("Algolia refused the request (HTTP {status}): {message}")]
    Rejected { status: u16, message: String },
    /// Every host failed with a network error, a timeout or a server error.
    #[error("Could not reach Algolia: every host failed ({}). Check the application ID, the custom hosts and the network, then retry.", .hosts.join(", "))]
    Unreachable { hosts: Vec<String> },
    /// A success (2xx) whose body is not what Algolia sends: a proxy's page, or an answer cut short.
    /// For a write, the change may or may not have been applied.
    #[error("The server answered, but its answer could not be read ({0}).")]
    Unreadable(String),
    /// The request could not be built, so it was never sent.
    #[error("The request could not be prepared ({0}); nothing was sent.")]
    NotSent(String),
    /// A write was accepted but did not show in reads after the usual number of checks.
    #[error(
        "Algolia accepted the change, but it did not show after {checks} checks. It may still complete: refresh in a while."
    )]
    NotYetVisible { checks: u32 },
}

impl ApiError {
    /// Builds the error for a final (4xx) answer from its status and body.
    pub fn from_response(status: u16, body: &str) -> Self {
        let message = answers::message(body).unwrap_or_else(|| match body.trim() {
            "" => "no message".to_owned(),
            text => text.chars().take(200).collect(),
        });
        let lower = message.to_ascii_lowercase();
        match status {
            403 if lower.contains("invalid application-id") => Self::InvalidCredentials(message),
            403 if lower.contains("not allowed") => Self::NotAdminKey(message),
            404 if lower.contains("does not exist") => Self::KeyNotFound(message),
            404 if lower.contains("already exists") => Self::KeyAlreadyExists(message),
            429 => Self::RateLimited(message),
            _ => Self::Rejected { status, message },
        }
    }

    /// Whether a write that ended with this error may nevertheless have been applied: its answer was
    /// unreadable, or some host may have received it before the network failed or timed out.
    pub fn outcome_unknown(&self) -> bool {
        matches!(self, Self::Unreadable(_) | Self::Unreachable { .. })
    }

    /// Whether the same request may succeed if simply sent again later.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            Self::RateLimited(_) | Self::Unreachable { .. } | Self::Unreadable(_) | Self::KeyAlreadyExists(_)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(status: u16, message: &str) -> ApiError {
        ApiError::from_response(status, &format!(r#"{{"message":"{message}","status":{status}}}"#))
    }

    #[test]
    fn decides_each_variant_from_status_and_body() {
        assert_eq!(
            error(403, "Invalid Application-ID or API key"),
            ApiError::InvalidCredentials("Invalid Application-ID or API key".into())
        );
        assert!(matches!(error(403, "Method not allowed with this API key"), ApiError::NotAdminKey(_)));
        assert_eq!(error(404, "Key does not exist"), ApiError::KeyNotFound("Key does not exist".into()));
        assert_eq!(error(404, "Key already exists"), ApiError::KeyAlreadyExists("Key already exists".into()));
        assert_eq!(error(429, "Too many requests"), ApiError::RateLimited("Too many requests".into()));
        assert_eq!(error(404, "Not Found"), ApiError::Rejected { status: 404, message: "Not Found".into() });
        assert_eq!(
            error(400, "Invalid ACL: foo"),
            ApiError::Rejected { status: 400, message: "Invalid ACL: foo".into() }
        );
    }

    #[test]
    fn keeps_algolias_message_or_the_body() {
        let rejected = error(400, "Bad field");
        assert_eq!(rejected.to_string(), "Algolia refused the request (HTTP 400): Bad field");
        assert_eq!(
            ApiError::from_response(400, "").to_string(),
            "Algolia refused the request (HTTP 400): no message"
        );
        assert_eq!(ApiError::from_response(429, "slow down"), ApiError::RateLimited("slow down".into()));
        assert!(error(429, "x").to_string().contains("Wait a moment, then retry"));
    }

    #[test]
    fn a_write_may_have_landed_only_when_no_answer_was_understood() {
        assert!(ApiError::Unreadable("EOF".into()).outcome_unknown());
        assert!(ApiError::Unreachable { hosts: vec![] }.outcome_unknown());
        assert!(!error(404, "Key does not exist").outcome_unknown());
        assert!(!error(429, "x").outcome_unknown());
        assert!(error(429, "x").is_retryable());
        assert!(!error(403, "Invalid Application-ID or API key").is_retryable());
    }

    #[test]
    fn unreachable_names_the_hosts() {
        let error = ApiError::Unreachable { hosts: vec!["https://a".into(), "https://b".into()] };
        assert!(error.to_string().contains("(https://a, https://b)"));
    }
}
