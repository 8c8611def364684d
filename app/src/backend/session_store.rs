//! Sessions kept in the database, so they survive restarts and are shared by every app instance.

use async_trait::async_trait;
use time::OffsetDateTime;
use tower_sessions::{
    SessionStore,
    session::{Id, Record},
    session_store::{self, ExpiredDeletion},
};

use super::db::{Db, now};

/// The session key under which the signed-in user's id is kept; mirrored into a column so that every session of
/// a user can be ended at once (sign-out everywhere, password change, account deletion).
pub const USER_ID_KEY: &str = "user_id";

/// A [`SessionStore`] on the application's own database.
#[derive(Clone, Debug)]
pub struct DbSessionStore {
    db: Db,
}

impl DbSessionStore {
    pub fn new(db: Db) -> Self {
        Self { db }
    }
}

fn backend_error(error: sqlx::Error) -> session_store::Error {
    session_store::Error::Backend(error.to_string())
}

impl DbSessionStore {
    /// Stores a new record; returns whether its id was free.
    async fn insert(&self, record: &Record) -> session_store::Result<bool> {
        let written = sqlx::query(
            "insert into sessions (id, user_id, data, expires_at) values ($1, $2, $3, $4) \
             on conflict (id) do nothing",
        )
        .bind(record.id.to_string())
        .bind(user_id_of(record))
        .bind(encode(record)?)
        .bind(record.expiry_date.unix_timestamp())
        .execute(self.db.write())
        .await
        .map_err(backend_error)?;
        Ok(written.rows_affected() == 1)
    }
}

fn encode(record: &Record) -> session_store::Result<String> {
    serde_json::to_string(&record.data).map_err(|e| session_store::Error::Encode(e.to_string()))
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // A fresh random id colliding with a live one is vanishingly unlikely, but never reuse one if it does.
        while !self.insert(record).await? {
            record.id = Id::default();
        }
        Ok(())
    }

    /// Updates a stored session, and never stores one that is gone: a request that loaded the session before it
    /// was ended (signing out everywhere, a password change or reset, a suspension) must not bring it back when it
    /// finishes. New sessions come through [`SessionStore::create`].
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let updated = sqlx::query(
            "update sessions set user_id = $2, data = $3, expires_at = $4 where id = $1",
        )
        .bind(record.id.to_string())
        .bind(user_id_of(record))
        .bind(encode(record)?)
        .bind(record.expiry_date.unix_timestamp())
        .execute(self.db.write())
        .await
        .map_err(backend_error)?;
        if updated.rows_affected() == 0 {
            tracing::debug!("a session ended while a request of it ran stays ended");
        }
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let row: Option<(String, i64)> = sqlx::query_as(
            "select data, expires_at from sessions where id = $1 and expires_at > $2",
        )
        .bind(id.to_string())
        .bind(now())
        .fetch_optional(self.db.read())
        .await
        .map_err(backend_error)?;
        let Some((data, expires_at)) = row else {
            return Ok(None);
        };
        let data =
            serde_json::from_str(&data).map_err(|e| session_store::Error::Decode(e.to_string()))?;
        let expiry_date = OffsetDateTime::from_unix_timestamp(expires_at)
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        sqlx::query("delete from sessions where id = $1")
            .bind(id.to_string())
            .execute(self.db.write())
            .await
            .map_err(backend_error)?;
        Ok(())
    }
}

#[async_trait]
impl ExpiredDeletion for DbSessionStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        sqlx::query("delete from sessions where expires_at <= $1")
            .bind(now())
            .execute(self.db.write())
            .await
            .map_err(backend_error)?;
        Ok(())
    }
}

fn user_id_of(record: &Record) -> Option<i64> {
    record
        .data
        .get(USER_ID_KEY)
        .and_then(serde_json::Value::as_i64)
}

/// Ends every session of a user except, optionally, the one making the request.
pub async fn end_sessions_of_user(
    db: &Db,
    user_id: i64,
    keep: Option<Id>,
) -> Result<(), sqlx::Error> {
    let keep = keep.map(|id| id.to_string()).unwrap_or_default();
    sqlx::query("delete from sessions where user_id = $1 and id <> $2")
        .bind(user_id)
        .bind(keep)
        .execute(db.write())
        .await?;
    Ok(())
}
