//! Single-use, expiring tokens for the links in account mail (email verification, password reset). Only a hash is
//! stored; the token itself travels in the link alone.
//!
//! Links that must keep working without a stored token (an alert's preferences and unsubscribe links) are signed
//! instead: an HMAC-SHA256 of what they grant, under a key kept in the shared database so every app instance
//! accepts every other's links. Deleting the `link_signing_key` setting voids all of them.

use sha2::{Digest, Sha256};
use sqlx::{Any, Row, Transaction};

use super::db::{Db, now};
use super::settings::{self, Setting};

/// What a token is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    VerifyEmail,
    PasswordReset,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::VerifyEmail => "verify-email",
            Purpose::PasswordReset => "password-reset",
        }
    }
}

/// Why a token cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// No such token: mistyped, cut short or made up.
    Unknown,
    Expired,
    /// Used once already.
    Used,
}

/// A token that was valid and is now used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redeemed {
    pub user_id: i64,
    /// The address the link was sent to.
    pub email: String,
}

pub(crate) fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Issues a token for `user_id` as part of `tx`, replacing any unused one for the same purpose.
pub async fn issue(
    tx: &mut Transaction<'_, Any>,
    user_id: i64,
    purpose: Purpose,
    email: &str,
    ttl_secs: i64,
) -> Result<String, sqlx::Error> {
    let token = super::passwords::random_token();
    let at = now();
    sqlx::query("delete from email_tokens where user_id = $1 and purpose = $2 and used_at is null")
        .bind(user_id)
        .bind(purpose.as_str())
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "insert into email_tokens (user_id, purpose, token_hash, email, created_at, expires_at) \
         values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(user_id)
    .bind(purpose.as_str())
    .bind(hash(&token))
    .bind(email)
    .bind(at)
    .bind(at + ttl_secs)
    .execute(&mut **tx)
    .await?;
    Ok(token)
}

/// What `token` is, without using it: for the page a link opens.
pub async fn check(
    db: &Db,
    token: &str,
    purpose: Purpose,
) -> Result<Result<Redeemed, Refusal>, sqlx::Error> {
    let row = sqlx::query(
        "select user_id, email, expires_at, used_at from email_tokens where token_hash = $1 and purpose = $2",
    )
    .bind(hash(token))
    .bind(purpose.as_str())
    .fetch_optional(db.read())
    .await?;
    let Some(row) = row else {
        return Ok(Err(Refusal::Unknown));
    };
    if row.try_get::<Option<i64>, _>("used_at")?.is_some() {
        return Ok(Err(Refusal::Used));
    }
    if row.try_get::<i64, _>("expires_at")? <= now() {
        return Ok(Err(Refusal::Expired));
    }
    Ok(Ok(Redeemed {
        user_id: row.try_get("user_id")?,
        email: row.try_get("email")?,
    }))
}

/// Uses `token` as part of `tx`: at most once, and only before it expires.
pub async fn redeem(
    tx: &mut Transaction<'_, Any>,
    token: &str,
    purpose: Purpose,
) -> Result<Result<Redeemed, Refusal>, sqlx::Error> {
    let at = now();
    let row = sqlx::query(
        "update email_tokens set used_at = $1 where token_hash = $2 and purpose = $3 and used_at is null \
         and expires_at > $1 returning user_id, email",
    )
    .bind(at)
    .bind(hash(token))
    .bind(purpose.as_str())
    .fetch_optional(&mut **tx)
    .await?;
    if let Some(row) = row {
        return Ok(Ok(Redeemed {
            user_id: row.try_get("user_id")?,
            email: row.try_get("email")?,
        }));
    }
    // Why not: the same answers as `check`, read inside the transaction.
    let row = sqlx::query(
        "select expires_at, used_at from email_tokens where token_hash = $1 and purpose = $2",
    )
    .bind(hash(token))
    .bind(purpose.as_str())
    .fetch_optional(&mut **tx)
    .await?;
    Ok(Err(match row {
        None => Refusal::Unknown,
        Some(row) if row.try_get::<Option<i64>, _>("used_at")?.is_some() => Refusal::Used,
        Some(_) => Refusal::Expired,
    }))
}

/// The key signed links are made with, created on first use. Every instance reads the same row, so a link made by
/// one is accepted by all.
pub async fn signing_key(db: &Db) -> Result<Vec<u8>, sqlx::Error> {
    let made = super::passwords::random_token();
    Ok(settings::get_or_init(db, Setting::LinkSigningKey, &made)
        .await?
        .into_bytes())
}

/// The signature of `message` under `key`: 128 bits, as hex.
pub fn sign(key: &[u8], message: &str) -> String {
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(message.as_bytes());
    mac.finalize().into_bytes()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether `signature` is the signature of `message`, compared in constant time.
pub fn verify(key: &[u8], message: &str, signature: &str) -> bool {
    let expected = sign(key, message);
    expected.len() == signature.len()
        && expected
            .bytes()
            .zip(signature.bytes())
            .fold(0u8, |diff, (a, b)| diff | (a ^ b))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_depend_on_key_and_message() {
        let signature = sign(b"key one", "manage:7");
        assert_eq!(signature.len(), 32);
        assert!(verify(b"key one", "manage:7", &signature));
        assert!(!verify(b"key two", "manage:7", &signature));
        assert!(!verify(b"key one", "manage:8", &signature));
        assert!(!verify(b"key one", "manage:7", &signature[..31]));
    }
}
