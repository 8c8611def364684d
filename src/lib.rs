//! Hubboard's shared domain: values that are valid once built.
//!
//! This crate compiles both to WebAssembly (for instant feedback in the browser) and natively (where the server's
//! check is the one that counts). It has no I/O.

pub mod article;
pub mod company;
pub mod day;
mod email;
mod error;
pub mod job;
#[cfg(feature = "render")]
pub mod markdown;
pub mod moderation;
mod password;
pub mod picture;
#[cfg(test)]
mod properties;
pub mod rates;
pub mod search;
mod taxonomy;

pub use email::Email;
pub use error::{DomainError, FieldErrors};
pub use password::{NewPassword, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS};
pub use taxonomy::{MAX_SECTORS, SECTORS, Sector};

/// A user's role on the site. Company membership is per company and lives beside it, not here.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Everyone who registers: browses, saves jobs, subscribes to alerts.
    Seeker,
    /// Works the moderation queues and features jobs.
    Moderator,
    /// Everything a moderator does, plus users, roles and settings.
    Admin,
}

impl Role {
    /// The stored and displayed name of the role.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Seeker => "seeker",
            Role::Moderator => "moderator",
            Role::Admin => "admin",
        }
    }

    /// Whether this role may work the moderation queues.
    pub fn can_moderate(self) -> bool {
        matches!(self, Role::Moderator | Role::Admin)
    }
}

impl std::str::FromStr for Role {
    type Err = DomainError;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        match raw {
            "seeker" => Ok(Role::Seeker),
            "moderator" => Ok(Role::Moderator),
            "admin" => Ok(Role::Admin),
            _ => Err(DomainError::new(
                "role",
                "Choose seeker, moderator or admin.",
            )),
        }
    }
}

impl TryFrom<String> for Role {
    type Error = DomainError;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        raw.parse()
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
