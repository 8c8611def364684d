//! Accounts: registering, signing in and out, changing the password and deleting the account.

use hubboard::Role;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::{self, passwords, rate_limit, session_store, users};
#[cfg(feature = "ssr")]
use hubboard::{DomainError, Email, FieldErrors, NewPassword};
#[cfg(feature = "ssr")]
use server_fn::ServerFn;

/// The signed-in user as pages see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserView {
    pub email: String,
    pub role: Role,
    pub must_change_password: bool,
    /// Unix seconds.
    pub member_since: i64,
}

/// The registration form.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct RegisterForm {
    pub email: String,
    pub password: String,
    #[serde(default)]
    pub next: Option<String>,
}

/// The sign-in form.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct SignInForm {
    pub email: String,
    pub password: String,
    #[serde(default)]
    pub next: Option<String>,
}

/// The change-password form.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ChangePasswordForm {
    pub current_password: String,
    pub new_password: String,
}

/// The delete-account form: the password confirms it is really the owner.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct DeleteAccountForm {
    pub password: String,
}

/// Where to go after signing in: only a path on this site, so a link cannot send people elsewhere.
pub fn local_path(next: Option<&str>) -> String {
    match next.map(str::trim) {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.starts_with("/\\")
                && !path.chars().any(|c| c.is_control() || c == '\\') =>
        {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

/// The signed-in user, or `None` for a visitor.
#[server(endpoint = "me")]
pub async fn me() -> Result<Option<UserView>, AppError> {
    Ok(server::current_user().await?.map(|user| UserView {
        email: user.email.to_string(),
        role: user.role,
        must_change_password: user.must_change_password,
        member_since: user.created_at,
    }))
}

/// Creates a job-seeker account and signs it in.
#[server(endpoint = "register")]
pub async fn register(form: RegisterForm) -> Result<(), AppError> {
    let result = async {
        let mut errors = FieldErrors::new();
        let email = errors.check(Email::parse(&form.email));
        let password = errors.check(NewPassword::parse("password", &form.password, email.as_ref()));
        let (Some(email), Some(password)) = (email, password) else { return Err(errors.into()) };
        let db = server::db()?;
        let hash = passwords::hash(password.expose().to_owned()).await.map_err(|e| server::internal("hashing", e))?;
        let user = users::create(&db, &email, &hash, Role::Seeker, false).await.map_err(|error| match error {
            users::CreateError::EmailTaken => AppError::from(DomainError::new(
                "email",
                "An account with this email already exists. Sign in instead, or use another address.",
            )),
            users::CreateError::Db(e) => e.into(),
        })?;
        tracing::info!(user.id = user.id, "account registered");
        server::start_session(&user).await
    }
    .await;
    if result.is_err() {
        server::remember_form(
            Register::PATH,
            &[
                ("email", &form.email),
                ("next", form.next.as_deref().unwrap_or("")),
            ],
        )
        .await;
    }
    result?;
    leptos_axum::redirect(&local_path(form.next.as_deref()));
    Ok(())
}

/// Signs in with email and password. Failures say nothing about whether the email has an account.
#[server(endpoint = "sign-in")]
pub async fn sign_in(form: SignInForm) -> Result<(), AppError> {
    let result = async {
        let mut errors = FieldErrors::new();
        let email = errors.check(Email::parse(&form.email));
        if form.password.is_empty() {
            errors.push(DomainError::new("password", "Enter your password."));
        }
        let Some(email) = email.filter(|_| errors.is_empty()) else {
            return Err(errors.into());
        };
        let db = server::db()?;
        let ip = server::client_ip();
        if let Some(wait) = rate_limit::locked_for(&db, &email, &ip).await? {
            return Err(AppError::RateLimited(wait));
        }
        let credentials = users::credentials_by_email(&db, &email).await?;
        let stored = credentials.as_ref().map(|c| c.password_hash.clone());
        let user = match credentials {
            Some(c) if passwords::verify(form.password.clone(), stored).await => c.user,
            other => {
                if other.is_none() {
                    // Spend the same time as for a real account.
                    passwords::verify(form.password.clone(), None).await;
                }
                rate_limit::record_failure(&db, &email, &ip).await?;
                tracing::info!("sign-in refused");
                return Err(AppError::Refused(
                    "That email and password do not match an account. Check both and try again."
                        .into(),
                ));
            }
        };
        rate_limit::clear_account(&db, &email).await?;
        server::start_session(&user).await?;
        tracing::info!(user.id = user.id, "signed in");
        Ok(user)
    }
    .await;
    match result {
        Ok(user) if user.must_change_password => {
            leptos_axum::redirect("/account?notice=choose-password");
            Ok(())
        }
        Ok(_) => {
            leptos_axum::redirect(&local_path(form.next.as_deref()));
            Ok(())
        }
        Err(error) => {
            server::remember_form(
                SignIn::PATH,
                &[
                    ("email", &form.email),
                    ("next", form.next.as_deref().unwrap_or("")),
                ],
            )
            .await;
            Err(error)
        }
    }
}

/// Ends the current session.
#[server(endpoint = "sign-out")]
pub async fn sign_out() -> Result<(), AppError> {
    server::end_session().await?;
    leptos_axum::redirect("/?notice=signed-out");
    Ok(())
}

/// Replaces the signed-in user's password and ends their other sessions.
#[server(endpoint = "account/password")]
pub async fn change_password(form: ChangePasswordForm) -> Result<(), AppError> {
    let user = server::require_user().await?;
    let db = server::db()?;
    let ip = server::client_ip();
    if let Some(wait) = rate_limit::locked_for(&db, &user.email, &ip).await? {
        return Err(AppError::RateLimited(wait));
    }
    let mut errors = FieldErrors::new();
    if form.current_password.is_empty() {
        errors.push(DomainError::new(
            "current_password",
            "Enter your current password.",
        ));
    }
    let new_password = errors.check(NewPassword::parse(
        "new_password",
        &form.new_password,
        Some(&user.email),
    ));
    if new_password.is_some() && form.new_password == form.current_password {
        errors.push(DomainError::new(
            "new_password",
            "Choose a password different from your current one.",
        ));
    }
    let Some(new_password) = new_password.filter(|_| errors.is_empty()) else {
        return Err(errors.into());
    };
    let stored = users::credentials_by_id(&db, user.id)
        .await?
        .map(|c| c.password_hash);
    if !passwords::verify(form.current_password, stored).await {
        rate_limit::record_failure(&db, &user.email, &ip).await?;
        return Err(
            DomainError::new("current_password", "That is not your current password.").into(),
        );
    }
    let hash = passwords::hash(new_password.expose().to_owned())
        .await
        .map_err(|e| server::internal("hashing", e))?;
    users::set_password(&db, user.id, &hash).await?;
    server::start_session(&user).await?;
    session_store::end_sessions_of_user(&db, user.id, server::session_id()).await?;
    tracing::info!(user.id = user.id, "password changed");
    leptos_axum::redirect("/account?notice=password-changed");
    Ok(())
}

/// Deletes the signed-in user's account and everything that belongs only to it.
#[server(endpoint = "account/delete")]
pub async fn delete_account(form: DeleteAccountForm) -> Result<(), AppError> {
    let user = server::require_user().await?;
    let db = server::db()?;
    if form.password.is_empty() {
        return Err(DomainError::new("password", "Enter your password to confirm.").into());
    }
    let stored = users::credentials_by_id(&db, user.id)
        .await?
        .map(|c| c.password_hash);
    if !passwords::verify(form.password, stored).await {
        return Err(DomainError::new("password", "That password is not right.").into());
    }
    users::delete(&db, user.id).await?;
    server::end_session().await?;
    tracing::info!(user.id = user.id, "account deleted");
    leptos_axum::redirect("/?notice=account-deleted");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(local_path(Some("/account")), "/account");
        assert_eq!(
            local_path(Some("/jobs?q=nurse&page=2")),
            "/jobs?q=nurse&page=2"
        );
        for hostile in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "javascript:alert(1)",
            "",
        ] {
            assert_eq!(local_path(Some(hostile)), "/", "{hostile}");
        }
        assert_eq!(local_path(None), "/");
    }
}
