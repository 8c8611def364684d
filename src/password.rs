use serde::{Deserialize, Serialize};

use crate::{DomainError, Email};

/// Fewer characters than this are too easy to guess offline.
pub const PASSWORD_MIN_CHARS: usize = 12;
/// A bound that stops a hashing-cost attack; far beyond what a passphrase needs.
pub const PASSWORD_MAX_CHARS: usize = 128;

const COMMON_WORDS: &str = include_str!("common_passwords.txt");

/// A password a person has just chosen, checked against the rules; never logged, never shown.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPassword(String);

impl NewPassword {
    /// Checks a new password typed into the field `field`, refusing ones built on the owner's email address.
    pub fn parse(field: &str, raw: &str, owner: Option<&Email>) -> Result<Self, DomainError> {
        let error = |message: &str| DomainError::new(field, message);
        let length = raw.chars().count();
        if length < PASSWORD_MIN_CHARS {
            return Err(error(&format!(
                "Use at least {PASSWORD_MIN_CHARS} characters."
            )));
        }
        if length > PASSWORD_MAX_CHARS {
            return Err(error(&format!(
                "Use at most {PASSWORD_MAX_CHARS} characters."
            )));
        }
        if raw.chars().any(char::is_control) {
            return Err(error("Use letters, digits, spaces and symbols only."));
        }
        let lower = raw.to_lowercase();
        if let Some(owner) = owner {
            let local = owner.local_part();
            if local.chars().count() >= 4 && lower.contains(local) {
                return Err(error(
                    "Choose a password that does not contain your email address.",
                ));
            }
        }
        if is_repetitive(&lower)
            || is_keyboard_or_alphabet_run(&lower)
            || is_made_of_common_words(&lower)
        {
            return Err(error(
                "That password is too common. Try a few unrelated words together.",
            ));
        }
        Ok(Self(raw.to_owned()))
    }

    /// The password itself, for hashing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(<redacted>)")
    }
}

/// A handful of distinct characters repeated, such as `aaaaaaaaaaaa` or `abababababab`.
fn is_repetitive(lower: &str) -> bool {
    let mut distinct: Vec<char> = lower.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    distinct.len() <= 3
}

/// A stretch of the keyboard or the alphabet, such as `1234567890-=` or `qwertyuiopas`, forwards or backwards.
fn is_keyboard_or_alphabet_run(lower: &str) -> bool {
    const RUNS: [&str; 4] = [
        "1234567890",
        "abcdefghijklmnopqrstuvwxyz",
        "qwertyuiopasdfghjklzxcvbnm",
        "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
    ];
    let compact: String = lower
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    if compact.len() < PASSWORD_MIN_CHARS - 2 {
        return false;
    }
    RUNS.iter().any(|run| {
        let twice = run.repeat(3);
        let backwards: String = twice.chars().rev().collect();
        twice.contains(&compact) || backwards.contains(&compact)
    })
}

/// Letters that, once look-alike digits are read as letters and the rest is set aside, are nothing but common
/// password words (`P@ssw0rd2024!`, `iloveyouiloveyou`, `MonkeyDragon99`).
fn is_made_of_common_words(lower: &str) -> bool {
    let plain: String = lower.chars().filter(|c| c.is_alphabetic()).collect();
    if plain.is_empty() {
        // Digits and symbols only: a date, a phone number or a PIN pattern is no secret.
        return lower.chars().filter(char::is_ascii_digit).count() * 2 >= lower.chars().count();
    }
    // Padding before and after the word is set aside; look-alikes inside it are read as the letters they mimic.
    let core = lower.trim_matches(|c: char| !c.is_alphabetic());
    let read_as_letters: String = core
        .chars()
        .map(|c| match c {
            '0' => 'o',
            '1' | '!' => 'i',
            '3' => 'e',
            '4' | '@' => 'a',
            '5' | '$' => 's',
            '7' => 't',
            other => other,
        })
        .filter(|c| c.is_alphabetic())
        .collect();
    [read_as_letters, plain]
        .iter()
        .any(|candidate| splits_into_words(candidate, 3))
}

/// Whether `text` is a run of at most `max_words` words of the common list.
fn splits_into_words(text: &str, max_words: usize) -> bool {
    if text.is_empty() {
        return true;
    }
    if max_words == 0 {
        return false;
    }
    common_words().any(|word| {
        text.strip_prefix(word)
            .is_some_and(|rest| splits_into_words(rest, max_words - 1))
    })
}

fn common_words() -> impl Iterator<Item = &'static str> {
    COMMON_WORDS
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(raw: &str) -> Result<NewPassword, DomainError> {
        NewPassword::parse("password", raw, None)
    }

    #[test]
    fn short_password_is_rejected_with_the_minimum() {
        let error = check("short pass").unwrap_err();
        assert_eq!(error.field, "password");
        assert_eq!(error.message, "Use at least 12 characters.");
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        assert!(check("ééééééaaaaa").is_err(), "11 characters");
        assert!(check("ünïcödé kettle harbour").is_ok());
    }

    #[test]
    fn overlong_password_is_rejected() {
        assert_eq!(
            check(&"kettle harbour ".repeat(10)).unwrap_err().message,
            "Use at most 128 characters."
        );
    }

    #[test]
    fn common_passwords_and_disguises_are_rejected() {
        for raw in [
            "password1234",
            "Password1234!",
            "P@ssw0rd2024!!",
            "iloveyouiloveyou",
            "MonkeyDragon99",
            "qwertyuiop123",
            "123456789012",
            "zyxwvutsrqpon",
            "0987654321098",
            "abcdefghijklm",
            "aaaaaaaaaaaaaa",
            "abababababab",
            "letmein!letmein!",
            "19-07-1985 1985",
            "correct horse battery staple",
        ] {
            assert!(check(raw).is_err(), "{raw} should be rejected");
        }
    }

    #[test]
    fn unusual_passphrases_are_accepted() {
        for raw in [
            "kettle harbour violet",
            "Tram7-Quill-Orbit",
            "mossy lighthouse 42",
        ] {
            assert!(check(raw).is_ok(), "{raw} should be accepted");
        }
    }

    #[test]
    fn password_containing_the_email_name_is_rejected() {
        let owner = Email::parse("harriet.vane@example.com").unwrap();
        let error = NewPassword::parse("password", "Harriet.Vane-2031!", Some(&owner)).unwrap_err();
        assert_eq!(
            error.message,
            "Choose a password that does not contain your email address."
        );
    }

    #[test]
    fn debug_output_hides_the_password() {
        let password = check("kettle harbour violet").unwrap();
        assert_eq!(format!("{password:?}"), "NewPassword(<redacted>)");
    }
}
