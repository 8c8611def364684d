//! Background work that keeps the database tidy. Safe to run on every app instance at once: each step is a single
//! idempotent delete.

use std::time::Duration;

use app::backend::{
    alerts,
    db::{Db, now},
    jobs, rate_limit,
    session_store::DbSessionStore,
};
use tokio_util::{sync::CancellationToken, task::TaskTracker};
use tower_sessions::session_store::ExpiredDeletion;

/// How often the housekeeping runs.
pub const INTERVAL: Duration = Duration::from_secs(600);

/// Deletes expired sessions and sign-in failures too old to count, now and then every `interval`, until
/// `shutdown` is cancelled.
pub fn spawn_housekeeping(
    db: Db,
    interval: Duration,
    tasks: &TaskTracker,
    shutdown: CancellationToken,
) {
    tasks.spawn(async move {
        let sessions = DbSessionStore::new(db.clone());
        let mut ticks = tokio::time::interval(interval);
        loop {
            tokio::select! {
                _ = ticks.tick() => housekeeping(&db, &sessions).await,
                () = shutdown.cancelled() => break,
            }
        }
    });
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
    match alerts::purge(db, now()).await {
        Ok(0) => {}
        Ok(purged) => tracing::info!(purged, "unconfirmed alert subscriptions forgotten"),
        Err(error) => tracing::warn!(%error, "purging unconfirmed alerts failed"),
    }
    match app::backend::once::purge(db, now()).await {
        Ok(0) => {}
        Ok(purged) => tracing::debug!(purged, "sent forms' old tokens forgotten"),
        Err(error) => tracing::warn!(%error, "forgetting sent forms' old tokens failed"),
    }
    match app::backend::search::prune_log(db, now()).await {
        Ok(0) => {}
        Ok(pruned) => tracing::debug!(pruned, "old job changes pruned from the search log"),
        Err(error) => tracing::warn!(%error, "pruning the job change log failed"),
    }
    match app::backend::cache::prune_changes(db, now()).await {
        Ok(0) => {}
        Ok(pruned) => tracing::debug!(pruned, "old changes pruned from the changes log"),
        Err(error) => tracing::warn!(%error, "pruning the changes log failed"),
    }
    // As the data grows the planner's statistics go stale; refreshing them is cheap and changes nothing else.
    if let Err(error) = db.optimize().await {
        tracing::warn!(%error, "refreshing the query planner's statistics failed");
    }
}

/// How often jobs are expired and archived and counted views written.
pub const JOBS_INTERVAL: Duration = Duration::from_secs(15);

/// Runs [`job_lifecycle`] now and every `interval` until `shutdown`, then writes the last counts.
pub fn spawn_job_lifecycle(
    db: Db,
    counters: jobs::Counters,
    interval: Duration,
    tasks: &TaskTracker,
    shutdown: CancellationToken,
) {
    tasks.spawn(async move {
        let mut ticks = tokio::time::interval(interval);
        loop {
            tokio::select! {
                _ = ticks.tick() => job_lifecycle(&db, &counters, now()).await,
                () = shutdown.cancelled() => break,
            }
        }
        if let Err(error) = counters.flush(&db).await {
            tracing::warn!(%error, "writing job counters at shutdown failed");
        }
    });
}

/// Closes jobs whose closing day is over, archives long-closed ones and writes counted views and clicks. Each
/// step is one idempotent statement, so every instance may run it at the same moment.
pub async fn job_lifecycle(db: &Db, counters: &jobs::Counters, at: i64) {
    match jobs::expire_due(db, at).await {
        Ok(0) => {}
        Ok(expired) => tracing::info!(expired, "jobs past their closing date closed"),
        Err(error) => tracing::warn!(%error, "expiring jobs failed"),
    }
    match jobs::archive_due(db, at).await {
        Ok(0) => {}
        Ok(archived) => tracing::info!(archived, "long-closed jobs archived"),
        Err(error) => tracing::warn!(%error, "archiving jobs failed"),
    }
    if let Err(error) = counters.flush(db).await {
        tracing::warn!(%error, "writing job counters failed");
    }
}

/// Subscribers whose alert mail is written in one round of reading.
pub const ALERT_BATCH: i64 = 200;

/// Writes due alert mail into the outbox now and every `every_secs` until `shutdown`. Every instance may run it:
/// each subscriber's due subscriptions are claimed by exactly one of them.
pub fn spawn_alerts(
    db: Db,
    search: app::backend::search::SearchIndex,
    site: std::sync::Arc<str>,
    every_secs: i64,
    tasks: &TaskTracker,
    shutdown: CancellationToken,
) {
    tasks.spawn(async move {
        let period = Duration::from_secs(u64::try_from(every_secs.max(1)).unwrap_or(60));
        let mut ticks = tokio::time::interval(period);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = ticks.tick() => {
                    match app::alerts::send_due_alerts(&db, &search, &site, now(), every_secs, ALERT_BATCH).await {
                        Ok(run) if run.mails > 0 => {
                            tracing::info!(mails = run.mails, items = run.items, subscribers = run.subscribers, "alert mail written");
                        }
                        Ok(_) => {}
                        Err(error) => tracing::warn!(?error, "writing alert mail failed"),
                    }
                }
                () = shutdown.cancelled() => break,
            }
        }
    });
}
