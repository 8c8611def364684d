//! Accounts: registering and confirming the address, signing in and out, changing, forgetting and resetting the
//! password, and deleting the account.

#[cfg(feature = "ssr")]
use crate::address::query_value;
use hubboard::Role;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::backend::{self, mail, passwords, rate_limit, session_store, tokens, users};
use crate::error::AppError;
use crate::pending::pending_while;
#[cfg(feature = "ssr")]
use hubboard::{DomainError, Email, FieldErrors, NewPassword};
#[cfg(feature = "ssr")]
use server_fn::ServerFn;

/// Who is signed in, shared by the header and every page that needs it.
#[derive(Clone, Copy)]
pub struct Auth {
    pub user: Resource<Result<Option<UserView>, crate::AppError>>,
    pub sign_out: ServerAction<SignOut>,
    changed: RwSignal<usize>,
}

impl Auth {
    /// Loads who is signed in for the page being rendered and shares it with every part of the page.
    pub fn provide() {
        let sign_out = ServerAction::<SignOut>::new();
        let changed = RwSignal::new(0);
        let user = Resource::new(
            move || (changed.get(), sign_out.version().get()),
            pending_while(|_| me()),
        );
        provide_context(Auth {
            user,
            sign_out,
            changed,
        });
    }

    /// Moves whenever someone may have signed in or out in this page (a sign-in, sign-out or account action
    /// completed), for resources that depend on who is signed in to reload with [`Auth::user`].
    pub fn revision(&self) -> (usize, usize) {
        (self.changed.get(), self.sign_out.version().get())
    }

    /// Reloads the signed-in user whenever an action that signs in or out completes.
    pub fn refresh_after(&self, action_version: RwSignal<usize>) {
        let changed = self.changed;
        Effect::new(move |_| {
            if action_version.get() > 0 {
                changed.update(|n| *n += 1);
            }
        });
    }
}

/// The error shown when an address's domain is refused.
pub const REFUSED_DOMAIN: &str = "Addresses at this domain cannot be used here. Use another address, or write to the site's team.";

/// The signed-in user as pages see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserView {
    pub email: String,
    pub role: Role,
    pub must_change_password: bool,
    /// Unix seconds.
    pub member_since: i64,
    /// The address has been confirmed through the link mailed to it.
    pub email_verified: bool,
    /// For moderators and admins: how many items wait in the moderation queues.
    pub waiting: Option<i64>,
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
    let Some(user) = backend::signed_in_user().await? else {
        return Ok(None);
    };
    let staff = crate::policy::allows(
        Some(user.role),
        crate::policy::Standing::Outsider,
        crate::policy::Action::Moderate,
    );
    let waiting = if staff && !user.must_change_password {
        Some(backend::moderation::counts(&backend::db()?).await?.total())
    } else {
        None
    };
    Ok(Some(UserView {
        email: user.email.to_string(),
        role: user.role,
        must_change_password: user.must_change_password,
        member_since: user.created_at,
        email_verified: user.email_verified_at.is_some(),
        waiting,
    }))
}

/// Creates a job-seeker account and mails a link to confirm its address, then sends the new member to sign in.
///
/// The answer is the same whether or not the address has an account, so registering cannot be used to find out
/// who has one: an address that has one is sent a mail saying so instead (a few an hour at most).
#[server(endpoint = "register")]
pub async fn register(form: RegisterForm) -> Result<(), AppError> {
    let result = async {
        let mut errors = FieldErrors::new();
        let email = errors.check(Email::parse(&form.email));
        let password = errors.check(NewPassword::parse(
            "password",
            &form.password,
            email.as_ref(),
        ));
        let (Some(email), Some(password)) = (email, password) else {
            return Err(errors.into());
        };
        let db = backend::db()?;
        if backend::moderation::is_banned(&db, email.as_str()).await? {
            return Err(DomainError::new("email", REFUSED_DOMAIN).into());
        }
        backend::limit(&[(rate_limit::REGISTER_PER_ADDRESS, &backend::client_ip())]).await?;
        // Hashed either way, so both answers take the same time.
        let hash = passwords::hash(password.expose().to_owned())
            .await
            .map_err(|e| backend::internal("hashing", e))?;
        // The account and the mail that asks to confirm its address are written together or not at all.
        let mut tx = db.write().begin().await?;
        match users::create_in(&mut tx, &email, &hash, Role::Seeker, false).await {
            Ok(user) => {
                send_verification(&mut tx, &user).await?;
                tx.commit().await?;
                tracing::info!(user.id = user.id, "account registered");
            }
            Err(users::CreateError::EmailTaken) => {
                tx.rollback().await?;
                let state = backend::state()?;
                let limited = rate_limit::attempt(
                    &db,
                    state.limit_factor,
                    &[(rate_limit::REGISTER_PER_EMAIL, email.as_str())],
                )
                .await?;
                if limited.is_none() {
                    let mut tx = db.write().begin().await?;
                    mail::enqueue(
                        &mut tx,
                        &mail::account_exists(&state.site_url, email.as_str()),
                    )
                    .await?;
                    tx.commit().await?;
                }
                tracing::info!("registration with an address that has an account");
            }
            Err(users::CreateError::Db(e)) => return Err(e.into()),
        }
        Ok(email)
    }
    .await;
    let email = match result {
        Ok(email) => email,
        Err(error) => {
            backend::remember_form(
                Register::PATH,
                &[
                    ("email", &form.email),
                    ("next", form.next.as_deref().unwrap_or("")),
                ],
            )
            .await;
            return Err(error);
        }
    };
    // The sign-in form comes back with the address filled in.
    backend::remember_form(SignIn::PATH, &[("email", email.as_str())]).await;
    let next = local_path(form.next.as_deref());
    leptos_axum::redirect(&format!(
        "/signin?notice=registered&next={}",
        query_value(&next)
    ));
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
        let db = backend::db()?;
        let credentials = users::credentials_by_email(&db, &email).await?;
        // Without an account the hash is missing: the check spends the same time as for a real one, and counts
        // against the address and the client all the same.
        let stored = credentials.as_ref().map(|c| c.password_hash.clone());
        let right = check_password(&db, &email, stored, form.password.clone()).await?;
        let user = match credentials {
            Some(c) if right => c.user,
            _ => {
                tracing::info!("sign-in refused");
                return Err(AppError::Refused(
                    "That email and password do not match an account. Check both and try again."
                        .into(),
                ));
            }
        };
        if backend::one_time_password_expired(&user, backend::db::now()) {
            tracing::info!(user.id = user.id, "sign-in with an expired one-time password refused");
            return Err(AppError::Refused(
                "This one-time password has expired. Ask the site's team for a new one.".into(),
            ));
        }
        if user.suspended {
            tracing::info!(user.id = user.id, "sign-in of a suspended account refused");
            return Err(AppError::Refused(
                "This account has been suspended. Write to the site's team if you think this is a mistake.".into(),
            ));
        }
        backend::start_session(&user).await?;
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
            backend::remember_form(
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
    backend::end_session().await?;
    leptos_axum::redirect("/?notice=signed-out");
    Ok(())
}

/// Replaces the signed-in user's password and ends their other sessions.
#[server(endpoint = "account/password")]
pub async fn change_password(form: ChangePasswordForm) -> Result<(), AppError> {
    let user = backend::require_signed_in().await?;
    let db = backend::db()?;
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
    if !check_password(&db, &user.email, stored, form.current_password).await? {
        return Err(
            DomainError::new("current_password", "That is not your current password.").into(),
        );
    }
    let hash = passwords::hash(new_password.expose().to_owned())
        .await
        .map_err(|e| backend::internal("hashing", e))?;
    let mut tx = db.write().begin().await?;
    users::set_password_in(&mut tx, user.id, &hash).await?;
    let site = backend::state()?.site_url;
    mail::enqueue(&mut tx, &mail::password_changed(&site, user.email.as_str())).await?;
    tx.commit().await?;
    backend::start_session(&user).await?;
    session_store::end_sessions_of_user(&db, user.id, backend::session_id()).await?;
    tracing::info!(user.id = user.id, "password changed");
    leptos_axum::redirect("/account?notice=password-changed");
    Ok(())
}

/// Whether `password` is the account's (`stored`, its hash, `None` without an account), under the sign-in limits
/// of the account's address and the client's: every check counts as a failure until it proves right, so guesses
/// made at once cannot pass the limit, and a locked account or address is answered with the wait.
#[cfg(feature = "ssr")]
async fn check_password(
    db: &backend::db::Db,
    email: &Email,
    stored: Option<String>,
    password: String,
) -> Result<bool, AppError> {
    let ip = backend::client_ip();
    let attempt = rate_limit::begin_password_attempt(db, email, &ip)
        .await?
        .map_err(AppError::RateLimited)?;
    if passwords::verify(password, stored).await {
        attempt.succeeded(db, email).await?;
        Ok(true)
    } else {
        attempt.failed();
        Ok(false)
    }
}

/// Issues a verification link for `user`'s address and writes its mail, as part of `tx`.
#[cfg(feature = "ssr")]
async fn send_verification(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    user: &users::User,
) -> Result<(), AppError> {
    let token = tokens::issue(
        tx,
        user.id,
        tokens::Purpose::VerifyEmail,
        user.email.as_str(),
        mail::VERIFY_TTL_SECS,
    )
    .await?;
    let site = backend::state()?.site_url;
    mail::enqueue(tx, &mail::verify_email(&site, user.email.as_str(), &token)).await?;
    Ok(())
}

/// What a link from account mail can still do: `open`, or `used`, `expired` or `unknown` (mistyped or made up).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkState {
    Open,
    Used,
    Expired,
    Unknown,
}

#[cfg(feature = "ssr")]
fn link_state(result: Result<tokens::Redeemed, tokens::Refusal>) -> LinkState {
    match result {
        Ok(_) => LinkState::Open,
        Err(tokens::Refusal::Used) => LinkState::Used,
        Err(tokens::Refusal::Expired) => LinkState::Expired,
        Err(tokens::Refusal::Unknown) => LinkState::Unknown,
    }
}

/// The words for a link that cannot be used.
pub fn link_refusal(state: LinkState, what: &str, again: &str) -> String {
    match state {
        LinkState::Open => String::new(),
        LinkState::Used => format!("This link to {what} has been used already. {again}"),
        LinkState::Expired => format!("This link to {what} has expired. {again}"),
        LinkState::Unknown => format!(
            "This link to {what} is not valid: it may have been cut short. Copy the whole address from the \
             message. {again}"
        ),
    }
}

/// Whether an email-verification link can still be used.
#[server(endpoint = "account/verification-link")]
pub async fn verification_link(token: String) -> Result<LinkState, AppError> {
    let db = backend::db()?;
    Ok(link_state(
        tokens::check(&db, &token, tokens::Purpose::VerifyEmail).await?,
    ))
}

/// Confirms the address a verification link was sent to.
#[server(endpoint = "account/verify-email")]
pub async fn verify_email(token: String) -> Result<(), AppError> {
    let db = backend::db()?;
    let mut tx = db.write().begin().await?;
    let redeemed = tokens::redeem(&mut tx, &token, tokens::Purpose::VerifyEmail).await?;
    let redeemed = match redeemed {
        Ok(redeemed) => redeemed,
        Err(refusal) => {
            return Err(AppError::Refused(link_refusal(
                link_state(Err(refusal)),
                "confirm your address",
                "Sign in and ask for a new one from your account page.",
            )));
        }
    };
    let confirmed = users::mark_verified(&mut tx, redeemed.user_id, &redeemed.email).await?;
    tx.commit().await?;
    if !confirmed {
        return Err(AppError::Refused(
            "This link was for an address the account no longer uses.".into(),
        ));
    }
    tracing::info!(user.id = redeemed.user_id, "email address verified");
    let signed_in = backend::current_user().await?.is_some();
    leptos_axum::redirect(if signed_in {
        "/account?notice=email-verified"
    } else {
        "/signin?notice=email-verified"
    });
    Ok(())
}

/// Sends the signed-in user a new verification link.
#[server(endpoint = "account/resend-verification")]
pub async fn resend_verification() -> Result<(), AppError> {
    let user = backend::require_user().await?;
    if user.email_verified_at.is_some() {
        return Err(AppError::Refused(
            "Your address is confirmed already.".into(),
        ));
    }
    backend::limit(&[(rate_limit::VERIFY_PER_ACCOUNT, &user.id.to_string())]).await?;
    let db = backend::db()?;
    let mut tx = db.write().begin().await?;
    send_verification(&mut tx, &user).await?;
    tx.commit().await?;
    tracing::info!(user.id = user.id, "verification link sent again");
    leptos_axum::redirect("/account?notice=verification-sent");
    Ok(())
}

/// The forgotten-password form.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ForgotPasswordForm {
    pub email: String,
}

/// Mails a password reset link if an account has this address. The answer is the same either way, so the form
/// does not tell who has an account.
#[server(endpoint = "account/forgot-password")]
pub async fn forgot_password(form: ForgotPasswordForm) -> Result<(), AppError> {
    let email = match Email::parse(&form.email) {
        Ok(email) => email,
        Err(error) => {
            backend::remember_form(ForgotPassword::PATH, &[("email", &form.email)]).await;
            return Err(error.into());
        }
    };
    if let Err(error) = backend::limit(&[
        (rate_limit::RESET_PER_ADDRESS, &backend::client_ip()),
        (rate_limit::RESET_PER_EMAIL, email.as_str()),
    ])
    .await
    {
        backend::remember_form(ForgotPassword::PATH, &[("email", &form.email)]).await;
        return Err(error);
    }
    let db = backend::db()?;
    if let Some(credentials) = users::credentials_by_email(&db, &email).await? {
        let user = credentials.user;
        let mut tx = db.write().begin().await?;
        let token = tokens::issue(
            &mut tx,
            user.id,
            tokens::Purpose::PasswordReset,
            user.email.as_str(),
            mail::RESET_TTL_SECS,
        )
        .await?;
        let site = backend::state()?.site_url;
        mail::enqueue(
            &mut tx,
            &mail::password_reset(&site, user.email.as_str(), &token),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(user.id = user.id, "password reset link sent");
    }
    leptos_axum::redirect("/password/forgot?notice=reset-sent");
    Ok(())
}

/// Whether a password reset link can still be used.
#[server(endpoint = "account/reset-link")]
pub async fn reset_link(token: String) -> Result<LinkState, AppError> {
    let db = backend::db()?;
    Ok(link_state(
        tokens::check(&db, &token, tokens::Purpose::PasswordReset).await?,
    ))
}

/// The reset-password form.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ResetPasswordForm {
    pub token: String,
    pub password: String,
}

/// Sets a new password with a reset link, signs the account out everywhere and tells its owner by mail.
#[server(endpoint = "account/reset-password")]
pub async fn reset_password(form: ResetPasswordForm) -> Result<(), AppError> {
    let db = backend::db()?;
    let again = "Ask for a new one on the forgotten password page.";
    let state = tokens::check(&db, &form.token, tokens::Purpose::PasswordReset).await?;
    let owner = match state {
        Ok(owner) => owner,
        Err(refusal) => {
            return Err(AppError::Refused(link_refusal(
                link_state(Err(refusal)),
                "choose a new password",
                again,
            )));
        }
    };
    let email = Email::parse(&owner.email).ok();
    let password = NewPassword::parse("password", &form.password, email.as_ref())?;
    let hash = passwords::hash(password.expose().to_owned())
        .await
        .map_err(|e| backend::internal("hashing", e))?;
    let mut tx = db.write().begin().await?;
    let redeemed =
        match tokens::redeem(&mut tx, &form.token, tokens::Purpose::PasswordReset).await? {
            Ok(redeemed) => redeemed,
            Err(refusal) => {
                return Err(AppError::Refused(link_refusal(
                    link_state(Err(refusal)),
                    "choose a new password",
                    again,
                )));
            }
        };
    users::set_password_in(&mut tx, redeemed.user_id, &hash).await?;
    let site = backend::state()?.site_url;
    mail::enqueue(&mut tx, &mail::password_changed(&site, &redeemed.email)).await?;
    tx.commit().await?;
    // A reset is what someone does when they fear another has the password: every session ends.
    session_store::end_sessions_of_user(&db, redeemed.user_id, None).await?;
    backend::end_session().await?;
    tracing::info!(user.id = redeemed.user_id, "password reset");
    leptos_axum::redirect("/signin?notice=password-reset");
    Ok(())
}

/// Deletes the signed-in user's account and everything that belongs only to it.
#[server(endpoint = "account/delete")]
pub async fn delete_account(form: DeleteAccountForm) -> Result<(), AppError> {
    let user = backend::require_user().await?;
    let db = backend::db()?;
    if form.password.is_empty() {
        return Err(DomainError::new("password", "Enter your password to confirm.").into());
    }
    let stored = users::credentials_by_id(&db, user.id)
        .await?
        .map(|c| c.password_hash);
    if !check_password(&db, &user.email, stored, form.password).await? {
        return Err(DomainError::new("password", "That password is not right.").into());
    }
    // The account, its sessions and its address's email alerts go together.
    let mut tx = db.write().begin().await?;
    if let Some(email) = users::delete_in(&mut tx, user.id).await? {
        backend::alerts::forget_email(&mut tx, &email).await?;
    }
    tx.commit().await?;
    backend::end_session().await?;
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
