//! The one error type that server functions return and pages match on.

use hubboard::{DomainError, FieldErrors};
use serde::{Deserialize, Serialize};
use server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};

/// What went wrong, in words fit for the person using the site. Causes are logged on the server, never sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Some fields of a form need correcting.
    #[error("Please correct the fields marked below.")]
    Invalid(FieldErrors),
    /// The form as a whole was refused, for a reason that belongs to no single field.
    #[error("{0}")]
    Refused(String),
    /// Too many attempts; the person may try again after this many seconds.
    #[error("Too many attempts. Try again in {} minute{}.", minutes(*.0), if minutes(*.0) == 1 { "" } else { "s" })]
    RateLimited(i64),
    #[error("Please sign in to continue.")]
    Unauthorized,
    #[error("You do not have permission to do that.")]
    Forbidden,
    #[error("We could not find that page.")]
    NotFound,
    /// The thing was here once and has been removed for good.
    #[error("This page has been removed.")]
    Gone,
    #[error("The request could not be understood.")]
    BadRequest,
    #[error("The site could not be reached. Check your connection and try again.")]
    Network,
    #[error("The service is unavailable for a moment. Please try again shortly.")]
    Unavailable,
    #[error("Something went wrong on our side. Please try again.")]
    Internal,
}

fn minutes(seconds: i64) -> i64 {
    ((seconds + 59) / 60).max(1)
}

impl AppError {
    /// The message for one form field, if this error names it.
    pub fn field(&self, name: &str) -> Option<String> {
        match self {
            AppError::Invalid(errors) => errors.get(name).map(str::to_owned),
            _ => None,
        }
    }

    /// The HTTP status that carries this error.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Invalid(_) | AppError::Refused(_) => 422,
            AppError::RateLimited(_) => 429,
            AppError::Unauthorized => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Gone => 410,
            AppError::BadRequest => 400,
            AppError::Network | AppError::Internal => 500,
            AppError::Unavailable => 503,
        }
    }

    /// Whether this is the site failing rather than the request being refused: an answer that shows it must not
    /// outlive the request (see `backend::cache::keep_out_if_failed`).
    pub fn is_failure(&self) -> bool {
        matches!(self, AppError::Internal | AppError::Unavailable)
    }
}

impl From<DomainError> for AppError {
    fn from(error: DomainError) -> Self {
        AppError::Invalid(error.into())
    }
}

impl From<FieldErrors> for AppError {
    fn from(errors: FieldErrors) -> Self {
        AppError::Invalid(errors)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => AppError::Network,
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => AppError::BadRequest,
            ServerFnErrorErr::Registration(_)
            | ServerFnErrorErr::ServerError(_)
            | ServerFnErrorErr::MiddlewareError(_)
            | ServerFnErrorErr::Serialization(_) => AppError::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::RowNotFound => AppError::NotFound,
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                tracing::error!(error = %error, "database unavailable");
                AppError::Unavailable
            }
            other => {
                tracing::error!(error = %other, "database error");
                AppError::Internal
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_limit_message_rounds_up_to_whole_minutes() {
        assert_eq!(
            AppError::RateLimited(61).to_string(),
            "Too many attempts. Try again in 2 minutes."
        );
        assert_eq!(
            AppError::RateLimited(5).to_string(),
            "Too many attempts. Try again in 1 minute."
        );
    }

    #[test]
    fn malformed_arguments_are_a_bad_request() {
        let error = AppError::from_server_fn_error(ServerFnErrorErr::Args("missing field".into()));
        assert_eq!(error, AppError::BadRequest);
        assert_eq!(error.status(), 400);
    }

    #[test]
    fn field_messages_are_found_by_name() {
        let error = AppError::from(DomainError::new("email", "Enter your email address."));
        assert_eq!(
            error.field("email").as_deref(),
            Some("Enter your email address.")
        );
        assert_eq!(error.field("password"), None);
    }
}
