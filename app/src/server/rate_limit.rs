//! Limits on failed sign-ins, per account and per client address, kept in the database so every app instance
//! sees the same counts.

use hubboard::Email;
use sqlx::Row;

use super::db::{Db, now};

/// How far back failures count.
pub const WINDOW_SECS: i64 = 15 * 60;
/// Failures for one email address within the window before it is locked.
pub const ACCOUNT_LIMIT: i64 = 5;
/// Failures from one client address within the window before it is locked.
pub const IP_LIMIT: i64 = 30;

/// Seconds until sign-in may be tried again for this account or address, if it is locked now.
pub async fn locked_for(db: &Db, email: &Email, ip: &str) -> Result<Option<i64>, sqlx::Error> {
    let account = wait_for(db, "account", email.as_str(), ACCOUNT_LIMIT).await?;
    let address = wait_for(db, "ip", ip, IP_LIMIT).await?;
    Ok(account.max(address))
}

async fn wait_for(
    db: &Db,
    scope: &str,
    subject: &str,
    limit: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let at = now();
    // The limit-th most recent failure inside the window decides when the lock lifts.
    let row = sqlx::query(
        "select failed_at from sign_in_failures where scope = $1 and subject = $2 and failed_at > $3 \
         order by failed_at desc limit 1 offset $4",
    )
    .bind(scope)
    .bind(subject)
    .bind(at - WINDOW_SECS)
    .bind(limit - 1)
    .fetch_optional(db.read())
    .await?;
    match row {
        Some(row) => {
            let failed_at: i64 = row.try_get("failed_at")?;
            Ok(Some((failed_at + WINDOW_SECS - at).max(1)))
        }
        None => Ok(None),
    }
}

/// Records one failed sign-in against both the account and the address.
pub async fn record_failure(db: &Db, email: &Email, ip: &str) -> Result<(), sqlx::Error> {
    let mut tx = db.write().begin().await?;
    for (scope, subject) in [("account", email.as_str()), ("ip", ip)] {
        sqlx::query("insert into sign_in_failures (scope, subject, failed_at) values ($1, $2, $3)")
            .bind(scope)
            .bind(subject)
            .bind(now())
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await
}

/// Forgets an account's failures after it signs in successfully.
pub async fn clear_account(db: &Db, email: &Email) -> Result<(), sqlx::Error> {
    sqlx::query("delete from sign_in_failures where scope = 'account' and subject = $1")
        .bind(email.as_str())
        .execute(db.write())
        .await?;
    Ok(())
}

/// Deletes failures too old to count.
pub async fn purge_old(db: &Db) -> Result<u64, sqlx::Error> {
    let result = sqlx::query("delete from sign_in_failures where failed_at <= $1")
        .bind(now() - WINDOW_SECS)
        .execute(db.write())
        .await?;
    Ok(result.rows_affected())
}
