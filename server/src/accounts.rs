//! Accounts made from the command line and on first start: the first admin, moderators, demo accounts.

use app::backend::{db::Db, passwords, users};
use hubboard::{Email, Role};

/// An account created with a one-time password that must be shown to its owner exactly once.
pub struct Created {
    pub email: Email,
    pub role: Role,
    pub one_time_password: String,
}

/// Creates an account with a random one-time password that must be changed at first sign-in.
pub async fn create_with_one_time_password(
    db: &Db,
    email: &Email,
    role: Role,
) -> anyhow::Result<Created> {
    let one_time_password = passwords::generate_one_time();
    let hash = passwords::hash(one_time_password.clone())
        .await
        .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))?;
    match users::create(db, email, &hash, role, true).await {
        Ok(_) => Ok(Created {
            email: email.clone(),
            role,
            one_time_password,
        }),
        Err(users::CreateError::EmailTaken) => {
            anyhow::bail!("an account with the email {email} already exists")
        }
        Err(users::CreateError::Db(e)) => Err(e.into()),
    }
}

/// On a database with no accounts at all, creates the first admin.
pub async fn ensure_first_admin(db: &Db, email: &Email) -> anyhow::Result<Option<Created>> {
    if users::count(db).await? > 0 {
        return Ok(None);
    }
    create_with_one_time_password(db, email, Role::Admin)
        .await
        .map(Some)
}

/// Prints a new account's one-time password to the terminal (never to the log).
pub fn announce(created: &Created) {
    println!();
    println!("  Created {} account: {}", created.role, created.email);
    println!("  One-time password:  {}", created.one_time_password);
    println!("  It is shown only now. Sign in at /signin and choose a new password.");
    println!();
}
