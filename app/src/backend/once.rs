//! Forms that create something are acted on once. Each render of such a form carries a token of its own
//! ([`crate::components::form::SentOnce`]); the first post with it claims the token for its user and records where
//! its answer sent them. A repeat — a double click, Back and send again, a retry after a lost answer — is answered
//! with that same place and stores nothing new. A repeat that arrives while the first is still at work waits for
//! it. A post that fails lets go of its token, so sending the form again after correcting it works as before.

use std::{
    future::Future,
    time::{Duration, Instant},
};

use sqlx::Row;

use super::db::{Db, now};
use crate::error::AppError;

/// How long a repeat waits for the first post of its form to finish.
const WAIT: Duration = Duration::from_secs(10);
/// How often a waiting repeat looks again.
const POLL: Duration = Duration::from_millis(40);
/// How long a form's token is remembered after it was first sent.
pub const KEPT_SECS: i64 = 86_400;

/// Whether `token` is one a form could carry (see [`super::passwords::random_token`]). Anything else is treated as
/// no token at all.
fn well_formed(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Runs `work` for the first post of a form's render (`token`) by `user_id`, and answers every repeat with the
/// place the first answer sent the user to. Without a token (a client that does not send one) `work` simply runs.
pub async fn once<Work, Answer>(
    db: &Db,
    user_id: i64,
    token: Option<&str>,
    work: Work,
) -> Result<String, AppError>
where
    Work: FnOnce() -> Answer,
    Answer: Future<Output = Result<String, AppError>>,
{
    let Some(token) = token.filter(|token| well_formed(token)) else {
        return work().await;
    };
    let started = Instant::now();
    loop {
        if claim(db, user_id, token).await? {
            let answer = work().await;
            let kept = match &answer {
                Ok(place) => record(db, user_id, token, place).await,
                Err(_) => release(db, user_id, token).await,
            };
            if let Err(error) = kept {
                tracing::warn!(%error, user.id = user_id, "a sent form's token could not be updated");
            }
            return answer;
        }
        match answer_of(db, user_id, token).await? {
            Some(Some(place)) => {
                tracing::info!(
                    user.id = user_id,
                    "a form sent again was answered with its first answer"
                );
                return Ok(place);
            }
            Some(None) if started.elapsed() < WAIT => tokio::time::sleep(POLL).await,
            Some(None) => {
                return Err(AppError::Refused(
                    "This form is still being sent. Wait a moment, then look for what it made before sending it again."
                        .into(),
                ));
            }
            // The first post failed and let go of the token: this one tries in its place.
            None => {}
        }
    }
}

/// Claims `token` for `user_id`: true when no post had it.
async fn claim(db: &Db, user_id: i64, token: &str) -> Result<bool, sqlx::Error> {
    let claimed = sqlx::query(
        "insert into sent_forms (user_id, token, sent_at) values ($1, $2, $3) on conflict do nothing",
    )
    .bind(user_id)
    .bind(token)
    .bind(now())
    .execute(db.write())
    .await?;
    Ok(claimed.rows_affected() == 1)
}

async fn record(db: &Db, user_id: i64, token: &str, place: &str) -> Result<(), sqlx::Error> {
    sqlx::query("update sent_forms set answer = $1 where user_id = $2 and token = $3")
        .bind(place)
        .bind(user_id)
        .bind(token)
        .execute(db.write())
        .await?;
    Ok(())
}

async fn release(db: &Db, user_id: i64, token: &str) -> Result<(), sqlx::Error> {
    sqlx::query("delete from sent_forms where user_id = $1 and token = $2")
        .bind(user_id)
        .bind(token)
        .execute(db.write())
        .await?;
    Ok(())
}

/// The first post's answer: `None` when no post holds the token, `Some(None)` while the first is at work.
async fn answer_of(
    db: &Db,
    user_id: i64,
    token: &str,
) -> Result<Option<Option<String>>, sqlx::Error> {
    // Read from the writer: a reader could lag behind the claim it is asked about.
    let row = sqlx::query("select answer from sent_forms where user_id = $1 and token = $2")
        .bind(user_id)
        .bind(token)
        .fetch_optional(db.write())
        .await?;
    row.map(|row| row.try_get::<Option<String>, _>("answer"))
        .transpose()
}

/// Forgets tokens sent longer ago than [`KEPT_SECS`].
pub async fn purge(db: &Db, at: i64) -> Result<u64, sqlx::Error> {
    let purged = sqlx::query("delete from sent_forms where sent_at <= $1")
        .bind(at - KEPT_SECS)
        .execute(db.write())
        .await?;
    Ok(purged.rows_affected())
}
