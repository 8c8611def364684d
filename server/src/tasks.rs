//! Background work that keeps the database tidy. Safe to run on every app instance at once: each step is a single
//! idempotent delete.

use std::time::Duration;

use app::server::{db::Db, rate_limit, session_store::DbSessionStore};
use tokio::{sync::watch, task::JoinHandle};
use tower_sessions::session_store::ExpiredDeletion;

/// How often the housekeeping runs.
pub const INTERVAL: Duration = Duration::from_secs(600);

/// Deletes expired sessions and sign-in failures too old to count, now and then every `interval`, until
/// `shutdown` turns true.
pub fn spawn_housekeeping(
    db: Db,
    interval: Duration,
    mut shutdown: watch::Receiver<bool>,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        let sessions = DbSessionStore::new(db.clone());
        let mut ticks = tokio::time::interval(interval);
        loop {
            tokio::select! {
                _ = ticks.tick() => housekeeping(&db, &sessions).await,
                _ = shutdown.changed() => break,
            }
        }
    })
}

/// One round of housekeeping.
pub async fn housekeeping(db: &Db, sessions: &DbSessionStore) {
    if let Err(error) = sessions.delete_expired().await {
        tracing::warn!(%error, "deleting expired sessions failed");
    }
    match rate_limit::purge_old(db).await {
        Ok(purged) if purged > 0 => tracing::debug!(purged, "old sign-in failures purged"),
        Ok(_) => {}
        Err(error) => tracing::warn!(%error, "purging sign-in failures failed"),
    }
}
