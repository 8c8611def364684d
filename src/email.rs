use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::DomainError;

/// The longest address SMTP can carry (RFC 5321, path limit less the angle brackets).
const MAX_LEN: usize = 254;

/// An email address, trimmed and lower-cased so that one person has one account.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// Checks and normalises an address typed into the field named `email`.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        Self::parse_field("email", raw)
    }

    /// As [`Email::parse`], reporting problems against `field`.
    pub fn parse_field(field: &str, raw: &str) -> Result<Self, DomainError> {
        let normalised = raw.trim().to_lowercase();
        if normalised.is_empty() {
            return Err(DomainError::new(field, "Enter your email address."));
        }
        if normalised.len() > MAX_LEN {
            return Err(DomainError::new(field, "That email address is too long."));
        }
        let invalid = || DomainError::new(field, "Enter an email address like name@example.com.");
        let parsed = email_address::EmailAddress::from_str(&normalised).map_err(|_| invalid())?;
        let domain = parsed.domain();
        // Quoted local parts and address literals are legal but never what a person means on a web form, and a
        // domain without a dot cannot receive mail from the internet.
        let plain_domain = domain.contains('.')
            && !domain.starts_with('[')
            && domain.split('.').all(|label| {
                !label.is_empty()
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            });
        if parsed.local_part().starts_with('"') || !plain_domain {
            return Err(invalid());
        }
        Ok(Self(normalised))
    }

    /// The address as stored and shown.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part after the `@`.
    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(_, domain)| domain)
    }

    /// The part before the `@`.
    pub fn local_part(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(local, _)| local)
    }
}

impl TryFrom<String> for Email {
    type Error = DomainError;

    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::parse(&raw)
    }
}

impl From<Email> for String {
    fn from(email: Email) -> Self {
        email.0
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn address_is_trimmed_and_lower_cased() {
        let email = Email::parse("  Ada.Lovelace@Example.COM ").unwrap();
        assert_eq!(email.as_str(), "ada.lovelace@example.com");
        assert_eq!(email.domain(), "example.com");
        assert_eq!(email.local_part(), "ada.lovelace");
    }

    #[test]
    fn empty_address_asks_for_one() {
        let error = Email::parse("   ").unwrap_err();
        assert_eq!(error.field, "email");
        assert_eq!(error.message, "Enter your email address.");
    }

    #[test]
    fn malformed_addresses_are_rejected() {
        for raw in [
            "plainaddress",
            "@example.com",
            "name@",
            "name@localhost",
            "name@@example.com",
            "name@exa mple.com",
            "name@-example.com",
            "name@example..com",
            "\"quoted\"@example.com",
            "name@[127.0.0.1]",
        ] {
            assert!(Email::parse(raw).is_err(), "{raw} should be rejected");
        }
    }

    #[test]
    fn plus_addressing_and_subdomains_are_accepted() {
        for raw in ["jo+jobs@mail.example.co.uk", "a.b-c_d@x-y.example.org"] {
            assert!(Email::parse(raw).is_ok(), "{raw} should be accepted");
        }
    }

    #[test]
    fn overlong_address_is_rejected() {
        let raw = format!("{}@example.com", "a".repeat(250));
        assert_eq!(
            Email::parse(&raw).unwrap_err().message,
            "That email address is too long."
        );
    }

    #[test]
    fn deserialising_checks_the_address_again() {
        assert!(serde_json::from_str::<Email>("\"not an email\"").is_err());
        let email: Email = serde_json::from_str("\"Jo@Example.com\"").unwrap();
        assert_eq!(email.as_str(), "jo@example.com");
    }
}
