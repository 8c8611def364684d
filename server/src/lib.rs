//! The `hubboard` server: configuration, start-up, the HTTP router, background tasks and accounts from the CLI.

pub mod accounts;
pub mod assets;
pub mod audit_export;
pub mod backup;
#[cfg(feature = "dev")]
pub mod bench_alerts;
#[cfg(feature = "dev")]
pub mod bench_data;
pub mod config;
#[cfg(feature = "dev")]
pub mod demo;
#[cfg(feature = "dev")]
pub mod demo_art;
#[cfg(feature = "dev")]
mod demo_articles;
#[cfg(feature = "dev")]
mod demo_companies;
#[cfg(feature = "dev")]
pub(crate) mod demo_jobs;
pub mod feeds;
pub mod listen;
pub mod mailer;
pub mod markup;
pub mod page_cache;
pub mod sitemap;
#[cfg(feature = "dev")]
pub mod smtp_sink;
pub mod state;
pub mod tasks;
pub mod uploads;
pub mod web;

use app::backend::{AppState, db::Db};
use tokio::net::TcpListener;
use tokio_util::{sync::CancellationToken, task::TaskTracker};

pub use config::Config;

/// Opens the database named in the configuration and brings its schema up to date.
pub async fn open_database(config: &Config) -> anyhow::Result<Db> {
    let db = Db::connect(&config.database_url).await?;
    db.migrate().await?;
    db.optimize().await?;
    // Salaries stored before the exchange rates in use, or while new ones were being applied.
    let repriced = app::backend::jobs::reprice_if_needed(&db).await?;
    if repriced > 0 {
        tracing::info!(
            repriced,
            "salaries put in pounds at the exchange rates in use"
        );
    }
    // Badges granted before free-mail domains and public suffixes were refused.
    let revoked = app::backend::companies::revoke_unverifiable_badges(&db).await?;
    if revoked > 0 {
        tracing::warn!(revoked, "verified badges of shared domains taken away");
    }
    Ok(db)
}

/// How long start-up waits for the search index before serving without it.
pub const SEARCH_READY_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// How long in-flight requests may take to finish after a shutdown signal.
pub const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_secs(10);

/// Serves the site on `listener` until `shutdown` resolves, then lets in-flight requests finish, stops the
/// background tasks and closes the database.
pub async fn serve(
    config: &Config,
    db: Db,
    listener: TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let state = AppState {
        db: db.clone(),
        secure_cookies: config.secure_cookies,
        site_url: config.site_url.as_str().trim_end_matches('/').into(),
        featured: Default::default(),
        caches: std::sync::Arc::new(app::backend::Caches::within(config.data_cache_bytes)),
        versions: Default::default(),
        counters: Default::default(),
        alerts_every_secs: config.alerts_every_secs,
        limit_factor: config.limit_factor,
        trusted_proxies: config.trusted_proxies.clone().into(),
        search: app::backend::search::SearchIndex::new(config.search_place.clone()),
    };
    // Every background task runs until `stop`, and shutdown waits for all of them before closing the database.
    let background = TaskTracker::new();
    let stop = CancellationToken::new();
    background.spawn(state.search.clone().follow(db.clone(), stop.clone()));
    // A small index is ready in moments: waiting for it keeps the first searches on the index. A large one is
    // built while the database answers searches.
    let ready_by = std::time::Instant::now() + SEARCH_READY_WAIT;
    while !state.search.is_ready() && std::time::Instant::now() < ready_by {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    tasks::spawn_housekeeping(db.clone(), tasks::INTERVAL, &background, stop.clone());
    tasks::spawn_job_lifecycle(
        db.clone(),
        state.counters.clone(),
        tasks::JOBS_INTERVAL,
        &background,
        stop.clone(),
    );
    tasks::spawn_alerts(
        db.clone(),
        state.search.clone(),
        state.site_url.clone(),
        config.alerts_every_secs,
        &background,
        stop.clone(),
    );
    let transport = mailer::Transport::from_url(&config.mail_url)
        .map_err(|message| anyhow::anyhow!("invalid HUBBOARD_MAIL: {message}"))?;
    mailer::spawn_sender(
        db.clone(),
        transport,
        config.mail_from.clone(),
        &background,
        stop.clone(),
    );
    let router = web::router(config, state);
    let (signalled, grace_starts) = tokio::sync::oneshot::channel::<()>();
    let server = listen::serve(listener, router, config.header_timeout, async move {
        shutdown.await;
        let _ = signalled.send(());
    });
    // In-flight requests get a grace period; a connection that never finishes cannot keep the process alive.
    tokio::select! {
        served = server => served?,
        _ = async {
            if grace_starts.await.is_ok() {
                tokio::time::sleep(SHUTDOWN_GRACE).await;
            } else {
                std::future::pending::<()>().await;
            }
        } => tracing::warn!("connections still open after the shutdown grace period were closed"),
    }
    stop.cancel();
    background.close();
    background.wait().await;
    db.close().await;
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing in-flight requests");
}
