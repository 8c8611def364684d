//! The signed-in user's own account: password and deletion.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::{
    auth::Auth,
    auth::{ChangePassword, DeleteAccount, ResendVerification, UserView},
    components::form::{FormAlert, Rule, TextField, action_error, field_error},
    pages::errors::{ErrorPage, sign_in_first},
};

/// Account settings; visitors are sent to sign in first.
#[component]
pub fn AccountPage() -> impl IntoView {
    let auth = expect_context::<Auth>();
    view! {
        <Title text="Your account"/>
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=|| view! { <p>"Loading your account…"</p> }>
            {move || Suspend::new(async move {
                match auth.user.await {
                    Ok(Some(user)) => view! { <AccountSettings user/> }.into_any(),
                    Ok(None) => sign_in_first("/account"),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AccountSettings(user: UserView) -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    let delete = ServerAction::<DeleteAccount>::new();
    let auth = expect_context::<Auth>();
    auth.refresh_after(change.version());
    auth.refresh_after(delete.version());
    let change_error = action_error(change);
    let delete_error = action_error(delete);
    let resend = ServerAction::<ResendVerification>::new();
    let resend_error = action_error(resend);
    view! {
        <h1>"Your account"</h1>
        <dl class="facts">
            <dt>"Email"</dt>
            <dd>
                {user.email.clone()}
                {if user.email_verified { " (confirmed)" } else { " (not confirmed yet)" }}
            </dd>
            <dt>"Role"</dt>
            <dd>{role_label(user.role)}</dd>
        </dl>

        {(!user.email_verified).then(|| view! {
            <section class="panel" aria-labelledby="confirm-title">
                <h2 id="confirm-title">"Confirm your email address"</h2>
                <p>"We sent a link to your address when you registered. If it has not arrived or has expired, ask for another."</p>
                <ActionForm action=resend attr:class="stacked-form">
                    <FormAlert error=resend_error/>
                    <button type="submit" class="button button-secondary">"Send the link again"</button>
                </ActionForm>
            </section>
        })}

        <section class="panel" aria-labelledby="change-password-title">
            <h2 id="change-password-title">"Change your password"</h2>
            <p>"Changing it signs you out everywhere else."</p>
            <ActionForm action=change attr:class="stacked-form" attr:novalidate=true>
                <FormAlert error=change_error/>
                <TextField
                    name="form[current_password]"
                    id="current_password"
                    label="Current password"
                    input_type="password"
                    autocomplete="current-password"
                    required=true
                    server_error=field_error(change_error, "current_password")
                />
                <TextField
                    name="form[new_password]"
                    id="new_password"
                    label="New password"
                    input_type="password"
                    autocomplete="new-password"
                    hint="At least 12 characters, not one of the passwords everyone uses."
                    required=true
                    server_error=field_error(change_error, "new_password")
                    check=Rule::NewPassword
                />
                <button type="submit" class="button">"Change password"</button>
            </ActionForm>
        </section>

        <section class="panel panel-danger" aria-labelledby="delete-account-title">
            <h2 id="delete-account-title">"Delete your account"</h2>
            <p>"This deletes your account and signs you out. It cannot be undone."</p>
            <ActionForm action=delete attr:class="stacked-form" attr:novalidate=true>
                <FormAlert error=delete_error/>
                <TextField
                    name="form[password]"
                    id="delete_password"
                    label="Your password, to confirm"
                    input_type="password"
                    autocomplete="current-password"
                    required=true
                    server_error=field_error(delete_error, "password")
                />
                <button type="submit" class="button button-danger">"Delete my account"</button>
            </ActionForm>
        </section>
    }
}

fn role_label(role: hubboard::Role) -> &'static str {
    match role {
        hubboard::Role::Seeker => "Job seeker",
        hubboard::Role::Moderator => "Moderator",
        hubboard::Role::Admin => "Administrator",
    }
}
