//! Abuse limits, kept in the database so every app instance sees the same counts: failed sign-ins per account
//! and per client address, and attempts at actions that write (registering, asking for a reset link,
//! subscribing, reporting, adding listings) per account or address.

use hubboard::Email;
use sqlx::{AnyConnection, Row};

use super::db::{Backend, Db, now};

/// How far back failures count.
pub const WINDOW_SECS: i64 = 15 * 60;
/// Failures for one email address within the window before it is locked.
pub const ACCOUNT_LIMIT: i64 = 5;
/// Failures from one client address within the window before it is locked.
pub const IP_LIMIT: i64 = 30;

/// Seconds until sign-in may be tried again for this account or address, if it is locked now.
pub async fn locked_for(db: &Db, email: &Email, ip: &str) -> Result<Option<i64>, sqlx::Error> {
    let mut conn = db.read().acquire().await?;
    let account = wait_for(&mut conn, "account", email.as_str(), ACCOUNT_LIMIT).await?;
    let address = wait_for(&mut conn, "ip", ip, IP_LIMIT).await?;
    Ok(account.max(address))
}

/// Seconds until `subject` may try again, when `limit` failures inside the window lock it (one more than the limit
/// when the attempt being made is counted among them already).
async fn wait_for(
    conn: &mut AnyConnection,
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
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        Some(row) => {
            let failed_at: i64 = row.try_get("failed_at")?;
            Ok(Some((failed_at + WINDOW_SECS - at).max(1)))
        }
        None => Ok(None),
    }
}

/// A password check counted as a failure before it is made, so that attempts made at once cannot all slip under
/// the limit; [`PasswordAttempt::succeeded`] takes it back when the password was right.
#[must_use = "a right password must take its counted failure back"]
pub struct PasswordAttempt {
    ids: Vec<i64>,
}

/// Counts a failed sign-in against the account and the address before the password is checked, or answers the
/// seconds until one may be tried if either is locked (and counts nothing). The check and the count are one step:
/// concurrent attempts are counted one after another, so at most the limit of them are ever checked.
pub async fn begin_password_attempt(
    db: &Db,
    email: &Email,
    ip: &str,
) -> Result<Result<PasswordAttempt, i64>, sqlx::Error> {
    let subjects = [
        ("account", email.as_str(), ACCOUNT_LIMIT),
        ("ip", ip, IP_LIMIT),
    ];
    let mut tx = db.write().begin().await?;
    for (scope, subject, _) in subjects {
        serialise(db, &mut tx, &format!("sign-in:{scope}:{subject}")).await?;
    }
    // Written first, so the transaction holds SQLite's write lock before it reads, and then counted with the rest.
    let mut ids = Vec::new();
    for (scope, subject, _) in subjects {
        let id: i64 = sqlx::query_scalar(
            "insert into sign_in_failures (scope, subject, failed_at) values ($1, $2, $3) returning id",
        )
        .bind(scope)
        .bind(subject)
        .bind(now())
        .fetch_one(&mut *tx)
        .await?;
        ids.push(id);
    }
    let mut wait = None;
    for (scope, subject, limit) in subjects {
        if let Some(seconds) = wait_for(&mut tx, scope, subject, limit + 1).await? {
            wait = Some(wait.map_or(seconds, |w: i64| w.max(seconds)));
        }
    }
    if let Some(wait) = wait {
        tx.rollback().await?;
        return Ok(Err(wait));
    }
    tx.commit().await?;
    Ok(Ok(PasswordAttempt { ids }))
}

impl PasswordAttempt {
    /// The password was right: the failure counted for it is taken back, and the account's earlier failures are
    /// forgotten.
    pub async fn succeeded(self, db: &Db, email: &Email) -> Result<(), sqlx::Error> {
        let mut tx = db.write().begin().await?;
        for id in &self.ids {
            sqlx::query("delete from sign_in_failures where id = $1")
                .bind(*id)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("delete from sign_in_failures where scope = 'account' and subject = $1")
            .bind(email.as_str())
            .execute(&mut *tx)
            .await?;
        tx.commit().await
    }

    /// The password was wrong: the failure stays counted.
    pub fn failed(self) {}
}

/// Makes concurrent transactions about `key` wait for each other until they end. SQLite has one writer
/// connection, so its write transactions are in turn already; PostgreSQL takes a transaction-scoped advisory lock.
async fn serialise(db: &Db, tx: &mut AnyConnection, key: &str) -> Result<(), sqlx::Error> {
    if db.backend() == Backend::Postgres {
        sqlx::query(
            "select 1 as locked from (select pg_advisory_xact_lock(hashtext($1))) as waited",
        )
        .bind(key)
        .fetch_one(&mut *tx)
        .await?;
    }
    Ok(())
}

/// Forgets an account's failures after it signs in successfully.
pub async fn clear_account(db: &Db, email: &Email) -> Result<(), sqlx::Error> {
    sqlx::query("delete from sign_in_failures where scope = 'account' and subject = $1")
        .bind(email.as_str())
        .execute(db.write())
        .await?;
    Ok(())
}

/// Deletes failures and attempts too old to count.
pub async fn purge_old(db: &Db) -> Result<u64, sqlx::Error> {
    let failures = sqlx::query("delete from sign_in_failures where failed_at <= $1")
        .bind(now() - WINDOW_SECS)
        .execute(db.write())
        .await?;
    let attempts = sqlx::query("delete from rate_events where at <= $1")
        .bind(now() - LONGEST_WINDOW_SECS)
        .execute(db.write())
        .await?;
    Ok(failures.rows_affected() + attempts.rows_affected())
}

/// How many attempts at an action one subject may make within a window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub action: &'static str,
    pub max: i64,
    pub window_secs: i64,
}

const HOUR: i64 = 3600;
const DAY: i64 = 86_400;
/// The longest window of any limit: older attempts are deleted.
pub const LONGEST_WINDOW_SECS: i64 = DAY;

/// New accounts from one client address.
pub const REGISTER_PER_ADDRESS: Limit = Limit {
    action: "register",
    max: 20,
    window_secs: HOUR,
};
/// Mails to an address that registering with it again sends (see [`super::mail::account_exists`]).
pub const REGISTER_PER_EMAIL: Limit = Limit {
    action: "register-email",
    max: 3,
    window_secs: HOUR,
};
/// Reset links asked for from one client address, and for one email address.
pub const RESET_PER_ADDRESS: Limit = Limit {
    action: "reset-ip",
    max: 10,
    window_secs: HOUR,
};
pub const RESET_PER_EMAIL: Limit = Limit {
    action: "reset-email",
    max: 3,
    window_secs: HOUR,
};
/// New verification links for one account.
pub const VERIFY_PER_ACCOUNT: Limit = Limit {
    action: "verify",
    max: 5,
    window_secs: HOUR,
};
/// Alert subscriptions from one client address.
pub const SUBSCRIBE_PER_ADDRESS: Limit = Limit {
    action: "subscribe",
    max: 30,
    window_secs: HOUR,
};
/// Alert subscriptions for one email address, each of which may send it a confirmation.
pub const SUBSCRIBE_PER_RECIPIENT: Limit = Limit {
    action: "subscribe-to",
    max: 10,
    window_secs: DAY,
};
/// Team invitations sent by one account, and to one email address.
pub const INVITES_PER_OWNER: Limit = Limit {
    action: "invite",
    max: 20,
    window_secs: DAY,
};
pub const INVITES_PER_RECIPIENT: Limit = Limit {
    action: "invite-to",
    max: 2,
    window_secs: DAY,
};
/// Reports from one account or client address.
pub const REPORT_PER_REPORTER: Limit = Limit {
    action: "report",
    max: 20,
    window_secs: HOUR,
};
/// New companies, jobs and stories from one account.
pub const COMPANIES_PER_ACCOUNT: Limit = Limit {
    action: "company",
    max: 5,
    window_secs: DAY,
};
pub const JOBS_PER_ACCOUNT: Limit = Limit {
    action: "job",
    max: 50,
    window_secs: DAY,
};
pub const STORIES_PER_ACCOUNT: Limit = Limit {
    action: "story",
    max: 30,
    window_secs: DAY,
};

/// Counts one attempt against each `(limit, subject)`. If any limit is reached, nothing is counted and the answer
/// is the seconds until the attempt may be made. `factor` multiplies every maximum (1 in production; an operator
/// may raise it, for a load test from one address).
pub async fn attempt(
    db: &Db,
    factor: i64,
    checks: &[(Limit, &str)],
) -> Result<Option<i64>, sqlx::Error> {
    let at = now();
    let counted = match db.backend() {
        Backend::Postgres => {
            // Concurrent attempts about the same subjects wait for each other until this transaction ends.
            let mut tx = db.write().begin().await?;
            let mut keys: Vec<String> = checks
                .iter()
                .map(|(limit, subject)| format!("limit:{}:{subject}", limit.action))
                .collect();
            // Always in the same order, so two transactions never wait for each other's locks.
            keys.sort();
            for key in &keys {
                serialise(db, &mut tx, key).await?;
            }
            let counted = count_if_allowed(&mut tx, factor, checks, at).await?;
            tx.commit().await?;
            counted
        }
        // SQLite runs one statement at a time on its one writer connection: a check and its count made in one
        // statement cannot interleave with another attempt's.
        Backend::Sqlite => {
            count_if_allowed(&mut *db.write().acquire().await?, factor, checks, at).await?
        }
    };
    if counted {
        return Ok(None);
    }
    let mut conn = db.read().acquire().await?;
    let mut wait: Option<i64> = None;
    for (limit, subject) in checks {
        let max = limit.max.saturating_mul(factor.max(1));
        // The attempt `max` before this one decides when the next is allowed.
        let row = sqlx::query(
            "select at from rate_events where action = $1 and subject = $2 and at > $3 \
             order by at desc limit 1 offset $4",
        )
        .bind(limit.action)
        .bind(*subject)
        .bind(at - limit.window_secs)
        .bind(max - 1)
        .fetch_optional(&mut *conn)
        .await?;
        if let Some(row) = row {
            let oldest: i64 = row.try_get("at")?;
            let seconds = (oldest + limit.window_secs - at).max(1);
            wait = Some(wait.map_or(seconds, |w| w.max(seconds)));
        }
    }
    // Refused a moment ago, the oldest attempt that counted may have left the window since.
    Ok(Some(wait.unwrap_or(1)))
}

/// Counts the attempt against every check, in one statement, if each is under its maximum; true if counted.
///
/// Attempts are numbered per action and subject, so the attempts inside a window number the newest's less the first
/// one's inside it, plus one: the check costs two index lookups whatever the maximum and however many attempts
/// the window holds.
async fn count_if_allowed(
    conn: &mut AnyConnection,
    factor: i64,
    checks: &[(Limit, &str)],
    at: i64,
) -> Result<bool, sqlx::Error> {
    let mut attempts = Vec::with_capacity(checks.len());
    let mut under = Vec::with_capacity(checks.len());
    for i in 0..checks.len() {
        let (action, subject, since, max) = (4 * i + 2, 4 * i + 3, 4 * i + 4, 4 * i + 5);
        attempts.push(format!("select ${action} as action, ${subject} as subject"));
        under.push(format!(
            "coalesce((select latest.n - first.n + 1 from \
             (select n from rate_events where action = ${action} and subject = ${subject} and at > ${since} \
             order by at, n limit 1) as first cross join \
             (select max(n) as n from rate_events where action = ${action} and subject = ${subject}) as latest), 0) \
             < ${max}"
        ));
    }
    let sql = format!(
        "insert into rate_events (action, subject, at, n) select action, subject, $1, \
         coalesce((select max(r.n) from rate_events r where r.action = attempts.action \
         and r.subject = attempts.subject), 0) + 1 from ({}) as attempts where {}",
        attempts.join(" union all "),
        under.join(" and ")
    );
    let mut query = sqlx::query(&sql).bind(at);
    for (limit, subject) in checks {
        query = query
            .bind(limit.action)
            .bind(*subject)
            .bind(at - limit.window_secs)
            .bind(limit.max.saturating_mul(factor.max(1)));
    }
    let counted = query.execute(&mut *conn).await?.rows_affected();
    Ok(counted == checks.len() as u64)
}
