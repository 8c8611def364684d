//! The connection pool shared by every request and background task, for SQLite or PostgreSQL.

use std::{str::FromStr, time::Duration};

use sqlx::{
    AnyPool, Executor,
    any::{AnyConnectOptions, AnyPoolOptions},
};

/// Which database server the pool talks to; the few queries that differ between them match on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Why the database could not be opened at start-up.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("DATABASE_URL must start with sqlite: or postgres:, not {0:?}")]
    UnknownScheme(String),
    #[error("DATABASE_URL could not be opened: {0}")]
    Open(#[source] sqlx::Error),
    #[error("migrating the database failed: {0}")]
    Migrate(#[source] sqlx::migrate::MigrateError),
}

/// Pools for reading and writing. SQLite allows one writer at a time, so writes go through a pool of one
/// connection and never fail with "database is locked"; on PostgreSQL both are the same pool.
#[derive(Clone, Debug)]
pub struct Db {
    read: AnyPool,
    write: AnyPool,
    backend: Backend,
}

impl Db {
    /// Opens the database named by a `sqlite:` or `postgres:` URL. A SQLite file and its folder are created.
    pub async fn connect(url: &str) -> Result<Self, ConnectError> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            let scheme = url.split(':').next().unwrap_or_default().to_owned();
            return Err(ConnectError::UnknownScheme(scheme));
        };
        let options = AnyConnectOptions::from_str(url).map_err(ConnectError::Open)?;
        match backend {
            Backend::Sqlite => {
                if let Some(parent) =
                    sqlite_file(url).and_then(|file| std::path::Path::new(file).parent())
                    && !parent.as_os_str().is_empty()
                {
                    std::fs::create_dir_all(parent)
                        .map_err(|e| ConnectError::Open(sqlx::Error::Io(e)))?;
                }
                let write = sqlite_pool(1)
                    .connect_with(options.clone())
                    .await
                    .map_err(ConnectError::Open)?;
                // The writer connection switches the file to WAL first, so readers never block the writer.
                let read = sqlite_pool(8)
                    .connect_with(options)
                    .await
                    .map_err(ConnectError::Open)?;
                Ok(Self {
                    read,
                    write,
                    backend,
                })
            }
            Backend::Postgres => {
                let pool = AnyPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(5))
                    .connect_with(options)
                    .await
                    .map_err(ConnectError::Open)?;
                Ok(Self {
                    read: pool.clone(),
                    write: pool,
                    backend,
                })
            }
        }
    }

    /// Applies the migrations of this backend that have not run yet.
    pub async fn migrate(&self) -> Result<(), ConnectError> {
        let migrator = match self.backend {
            Backend::Sqlite => sqlx::migrate!("../migrations/sqlite"),
            Backend::Postgres => sqlx::migrate!("../migrations/postgres"),
        };
        migrator
            .run(&self.write)
            .await
            .map_err(ConnectError::Migrate)
    }

    /// Brings the query planner's statistics up to date. SQLite plans without them (it keeps none until asked): a
    /// filter on a handful of ids may then walk a whole index instead of looking the rows up. Statistics of a
    /// nearly empty database would mislead it as the data grows, so they are only taken once the largest table
    /// holds [`STATISTICS_FROM_ROWS`] rows; the sampling limit keeps a run to milliseconds even on large files.
    /// PostgreSQL's autovacuum keeps its own statistics.
    pub async fn optimize(&self) -> Result<(), sqlx::Error> {
        if self.backend != Backend::Sqlite {
            return Ok(());
        }
        let largest: i64 = sqlx::query_scalar(
            "select max(n) from (select coalesce(max(id), 0) as n from jobs \
             union all select coalesce(max(id), 0) from companies \
             union all select coalesce(max(id), 0) from articles)",
        )
        .fetch_one(&self.read)
        .await?;
        if largest >= STATISTICS_FROM_ROWS {
            self.write
                .execute("pragma analysis_limit = 1000; analyze;")
                .await?;
        }
        Ok(())
    }

    /// The pool for queries that only read.
    pub fn read(&self) -> &AnyPool {
        &self.read
    }

    /// The pool for statements and transactions that write.
    pub fn write(&self) -> &AnyPool {
        &self.write
    }

    /// Which database server this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// True when the database answers a trivial query.
    pub async fn is_ready(&self) -> bool {
        sqlx::query("select 1").execute(&self.read).await.is_ok()
    }

    /// Waits for in-flight queries and closes every connection.
    pub async fn close(&self) {
        self.read.close().await;
        self.write.close().await;
    }
}

fn sqlite_pool(max_connections: u32) -> AnyPoolOptions {
    AnyPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(10))
        .after_connect(|conn, _meta| {
            Box::pin(async move {
                // sqlx leaves these at SQLite's defaults; every connection needs them. Each connection keeps 1 MB
                // of pages (half the default): the operating system caches the file for all of them, and what
                // pages show is kept above the database.
                conn.execute(
                    "pragma journal_mode = wal; pragma synchronous = normal; pragma foreign_keys = on; \
                     pragma busy_timeout = 10000; pragma cache_size = -1024;",
                )
                .await?;
                Ok(())
            })
        })
}

/// The file path inside a `sqlite:` URL, if it names a file.
pub fn sqlite_file(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then_some(path)
}

/// The size from which [`Db::optimize`] keeps planner statistics.
pub const STATISTICS_FROM_ROWS: i64 = 1_000;

/// The current time as stored in the database: Unix seconds.
pub fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_file_is_found_in_urls() {
        assert_eq!(
            sqlite_file("sqlite://data/hubboard.db?mode=rwc"),
            Some("data/hubboard.db")
        );
        assert_eq!(sqlite_file("sqlite:/tmp/x.db"), Some("/tmp/x.db"));
        assert_eq!(sqlite_file("sqlite::memory:"), None);
    }
}
