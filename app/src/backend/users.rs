//! Storage of accounts.

use hubboard::{Email, Role};
use sqlx::{Any, Row, Transaction};

use super::db::{Db, now};

/// An account as stored, without its password hash.
#[derive(Clone, Debug)]
pub struct User {
    pub id: i64,
    pub email: Email,
    pub role: Role,
    pub must_change_password: bool,
    /// When the password was last set (by its holder, or by staff as a one-time password).
    pub password_changed_at: i64,
    pub created_at: i64,
    /// When the address was proven to belong to the account holder; `None` until then.
    pub email_verified_at: Option<i64>,
    /// Suspended by staff: the account cannot sign in until restored.
    pub suspended: bool,
}

/// An account with its hash, for checking a password.
pub struct Credentials {
    pub user: User,
    pub password_hash: String,
}

/// Why an account could not be created.
#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    #[error("an account with this email exists")]
    EmailTaken,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

const COLUMNS: &str = "id, email, role, must_change_password, password_changed_at, created_at, email_verified_at, \
     suspended_at, password_hash";

/// A `users` row as stored.
#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    #[sqlx(try_from = "String")]
    email: Email,
    #[sqlx(try_from = "String")]
    role: Role,
    must_change_password: i64,
    password_changed_at: i64,
    created_at: i64,
    email_verified_at: Option<i64>,
    suspended_at: Option<i64>,
    password_hash: String,
}

impl From<UserRow> for Credentials {
    fn from(row: UserRow) -> Self {
        Credentials {
            user: User {
                id: row.id,
                email: row.email,
                role: row.role,
                must_change_password: row.must_change_password != 0,
                password_changed_at: row.password_changed_at,
                created_at: row.created_at,
                email_verified_at: row.email_verified_at,
                suspended: row.suspended_at.is_some(),
            },
            password_hash: row.password_hash,
        }
    }
}

/// Creates an account; the email must not be in use.
pub async fn create(
    db: &Db,
    email: &Email,
    password_hash: &str,
    role: Role,
    must_change_password: bool,
) -> Result<User, CreateError> {
    let mut tx = db.write().begin().await?;
    let user = create_in(&mut tx, email, password_hash, role, must_change_password).await?;
    tx.commit().await?;
    Ok(user)
}

/// Creates an account as part of `tx`, so that what goes with it (its welcome mail) is written with it or not at
/// all.
pub async fn create_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    email: &Email,
    password_hash: &str,
    role: Role,
    must_change_password: bool,
) -> Result<User, CreateError> {
    let at = now();
    let result = sqlx::query(
        "insert into users (email, password_hash, role, must_change_password, created_at, password_changed_at) \
         values ($1, $2, $3, $4, $5, $5) returning id",
    )
    .bind(email.as_str())
    .bind(password_hash)
    .bind(role.as_str())
    .bind(i64::from(must_change_password))
    .bind(at)
    .fetch_one(&mut **tx)
    .await;
    match result {
        Ok(row) => Ok(User {
            id: row.try_get("id")?,
            email: email.clone(),
            role,
            must_change_password,
            password_changed_at: at,
            created_at: at,
            email_verified_at: None,
            suspended: false,
        }),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Err(CreateError::EmailTaken),
        Err(e) => Err(e.into()),
    }
}

/// Marks `email` as proven for account `id`, if it is still the account's address.
pub async fn mark_verified(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: i64,
    email: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update users set email_verified_at = coalesce(email_verified_at, $1) where id = $2 and email = $3",
    )
    .bind(now())
    .bind(id)
    .bind(email)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Replaces a password hash as part of `tx` and clears the "must change" flag.
pub async fn set_password_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: i64,
    password_hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("update users set password_hash = $1, must_change_password = 0, password_changed_at = $2 where id = $3")
        .bind(password_hash)
        .bind(now())
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The account with this email and its password hash.
pub async fn credentials_by_email(
    db: &Db,
    email: &Email,
) -> Result<Option<Credentials>, sqlx::Error> {
    let row: Option<UserRow> =
        sqlx::query_as(&format!("select {COLUMNS} from users where email = $1"))
            .bind(email.as_str())
            .fetch_optional(db.read())
            .await?;
    Ok(row.map(Credentials::from))
}

/// The account with this id and its password hash.
pub async fn credentials_by_id(db: &Db, id: i64) -> Result<Option<Credentials>, sqlx::Error> {
    let row: Option<UserRow> =
        sqlx::query_as(&format!("select {COLUMNS} from users where id = $1"))
            .bind(id)
            .fetch_optional(db.read())
            .await?;
    Ok(row.map(Credentials::from))
}

/// The account with this id.
pub async fn by_id(db: &Db, id: i64) -> Result<Option<User>, sqlx::Error> {
    Ok(credentials_by_id(db, id).await?.map(|c| c.user))
}

/// Replaces a password hash and clears the "must change" flag.
pub async fn set_password(db: &Db, id: i64, password_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("update users set password_hash = $1, must_change_password = 0, password_changed_at = $2 where id = $3")
        .bind(password_hash)
        .bind(now())
        .bind(id)
        .execute(db.write())
        .await?;
    Ok(())
}

/// Deletes an account on `tx`, and its sessions with it; answers the address it had, if it existed.
pub async fn delete_in(
    tx: &mut Transaction<'_, Any>,
    id: i64,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query("delete from users where id = $1 returning email")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .map(|row| row.try_get("email"))
        .transpose()
}

/// How many accounts exist.
pub async fn count(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query("select count(*) as n from users")
        .fetch_one(db.read())
        .await?
        .try_get("n")
}
