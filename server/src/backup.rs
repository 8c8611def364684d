//! `hubboard backup` and `hubboard restore` for SQLite: a consistent copy of a live database, taken without
//! stopping the server, and putting such a copy back. PostgreSQL is backed up with `pg_dump` (see docs/DEPLOY.md).

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use app::backend::db::{Backend, Db, sqlite_file};
use sqlx::{ConnectOptions, Connection, Row, sqlite::SqliteConnectOptions};

/// What a backup wrote.
#[derive(Debug)]
pub struct Written {
    pub bytes: u64,
    pub users: i64,
}

/// Writes a consistent copy of the live database to `target`, which must not exist yet. Writers go on meanwhile:
/// `VACUUM INTO` reads one snapshot, so the copy holds every transaction committed before it started and none
/// after. The copy is checked with `PRAGMA integrity_check` before it is reported written.
pub async fn backup(db: &Db, target: &Path) -> anyhow::Result<Written> {
    if db.backend() != Backend::Sqlite {
        bail!("backups of PostgreSQL are made with pg_dump; see docs/DEPLOY.md");
    }
    if target.exists() {
        bail!("{} exists already; choose a new file", target.display());
    }
    let target_text = target
        .to_str()
        .context("the backup's path is not valid UTF-8")?
        .to_owned();
    sqlx::query("vacuum into $1")
        .bind(&target_text)
        .execute(db.read())
        .await
        .context("copying the database")?;
    let users = check(target).await?;
    let bytes = std::fs::metadata(target)?.len();
    Ok(Written { bytes, users })
}

/// Checks that `file` is a sound Hubboard database: SQLite's integrity check passes and its schema is migrated.
/// Answers how many accounts it holds.
pub async fn check(file: &Path) -> anyhow::Result<i64> {
    let mut connection = SqliteConnectOptions::new()
        .filename(file)
        .read_only(true)
        .connect()
        .await
        .with_context(|| format!("opening {}", file.display()))?;
    let verdict: String = sqlx::query("pragma integrity_check")
        .fetch_one(&mut connection)
        .await?
        .try_get(0)?;
    if verdict != "ok" {
        bail!("{} is damaged: {verdict}", file.display());
    }
    let migrations: i64 = sqlx::query("select count(*) from _sqlx_migrations where success")
        .fetch_one(&mut connection)
        .await
        .with_context(|| format!("{} is not a Hubboard database", file.display()))?
        .try_get(0)?;
    if migrations == 0 {
        bail!("{} has no Hubboard schema", file.display());
    }
    let users: i64 = sqlx::query("select count(*) from users")
        .fetch_one(&mut connection)
        .await?
        .try_get(0)?;
    connection.close().await?;
    Ok(users)
}

/// Puts the backup `source` in place of the database at `database_url`, which must not be in use (stop the
/// server first). The backup is checked first; the old file is kept beside it as `<file>.before-restore`.
pub async fn restore(source: &Path, database_url: &str) -> anyhow::Result<PathBuf> {
    let Some(target) = sqlite_file(database_url) else {
        bail!(
            "restore works on a SQLite DATABASE_URL; restore PostgreSQL with pg_restore (see docs/DEPLOY.md)"
        );
    };
    let target = PathBuf::from(target);
    check(source).await?;
    let staging = target.with_extension("restoring");
    std::fs::copy(source, &staging).with_context(|| format!("copying to {}", staging.display()))?;
    if target.exists() {
        let kept = target.with_extension("before-restore");
        std::fs::rename(&target, &kept)?;
    }
    // A write-ahead log of the old database must not be replayed into the restored one.
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", target.display()));
        if side.exists() {
            std::fs::remove_file(&side)?;
        }
    }
    std::fs::rename(&staging, &target)?;
    Ok(target)
}
