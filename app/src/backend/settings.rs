//! Site settings: one row of the `settings` table each, read and written only here. Every setting the site keeps
//! is named in [`Setting`], so this file is the list of them.

use sqlx::{AnyConnection, Row};

use super::{
    db::Db,
    moderation::{Audit, record},
};

/// The settings the site keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setting {
    /// Whether jobs of verified companies are published without review (`true` or `false`).
    AutoApproveVerifiedJobs,
    /// The exchange rates salaries are compared with, as [`hubboard::rates::Rates::to_stored`] writes them.
    ExchangeRates,
    /// The rates every stored salary was last put in pounds at.
    SalariesPricedAt,
    /// The key signed links are made with; made on first use and the same for every instance.
    LinkSigningKey,
    /// The search synonyms editors keep, one group a line.
    SearchSynonyms,
    /// The last change the search log was pruned through.
    SearchLogPrunedThrough,
    /// Tells one database from another, so a search index kept on disk is not reused against another.
    DatabaseId,
}

impl Setting {
    /// The row's key. Stored: never change one.
    pub fn key(self) -> &'static str {
        match self {
            Setting::AutoApproveVerifiedJobs => "auto_approve_verified_jobs",
            Setting::ExchangeRates => "exchange_rates",
            Setting::SalariesPricedAt => "salaries_priced_at",
            Setting::LinkSigningKey => "link_signing_key",
            Setting::SearchSynonyms => "search_synonyms",
            Setting::SearchLogPrunedThrough => "search_log_pruned_through",
            Setting::DatabaseId => "database_id",
        }
    }
}

/// A setting's value, if it has one.
pub async fn get(db: &Db, setting: Setting) -> Result<Option<String>, sqlx::Error> {
    get_in(&mut *db.read().acquire().await?, setting).await
}

/// A setting's value read on `conn` (inside a transaction, say).
pub async fn get_in(
    conn: &mut AnyConnection,
    setting: Setting,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query("select value from settings where key = $1")
        .bind(setting.key())
        .fetch_optional(&mut *conn)
        .await?
        .map(|row| row.try_get("value"))
        .transpose()
}

/// Gives a setting its value.
pub async fn set(db: &Db, setting: Setting, value: &str) -> Result<(), sqlx::Error> {
    set_in(&mut *db.write().acquire().await?, setting, value).await
}

/// Gives a setting its value on `conn` (inside a transaction, say).
pub async fn set_in(
    conn: &mut AnyConnection,
    setting: Setting,
    value: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into settings (key, value) values ($1, $2) \
         on conflict (key) do update set value = excluded.value",
    )
    .bind(setting.key())
    .bind(value)
    .execute(conn)
    .await?;
    Ok(())
}

/// A setting's value, first giving it `value` if it has none. When instances race, every one answers with the value
/// that was written first.
pub async fn get_or_init(db: &Db, setting: Setting, value: &str) -> Result<String, sqlx::Error> {
    if let Some(stored) = get(db, setting).await? {
        return Ok(stored);
    }
    sqlx::query("insert into settings (key, value) values ($1, $2) on conflict (key) do nothing")
        .bind(setting.key())
        .bind(value)
        .execute(db.write())
        .await?;
    get(db, setting).await?.ok_or(sqlx::Error::RowNotFound)
}

/// Whether a switch setting is on; unset is off.
pub async fn is_on(db: &Db, setting: Setting) -> Result<bool, sqlx::Error> {
    Ok(get(db, setting).await?.as_deref() == Some("on"))
}

/// Gives a setting its value with the audit row of the change; false, and nothing written, if it already had it.
pub async fn change(
    db: &Db,
    setting: Setting,
    value: &str,
    audit: &Audit,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.write().begin().await?;
    if get_in(&mut tx, setting).await?.as_deref() == Some(value) {
        return Ok(false);
    }
    set_in(&mut tx, setting, value).await?;
    record(&mut tx, audit).await?;
    tx.commit().await?;
    Ok(true)
}
