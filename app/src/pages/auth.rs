//! Signing in, registering, confirming the address and resetting a forgotten password.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

use crate::pending::pending_while;
use crate::{
    auth::Auth,
    auth::{
        ForgotPassword, LinkState, Register, ResetPassword, SignIn, VerifyEmail, link_refusal,
        reset_link, verification_link,
    },
    components::{
        form::{FormAlert, Rule, TextField, action_error, field_error, flashed},
        meta::SocialMeta,
    },
    pages::errors::ErrorPage,
};

/// The page to return to after signing in, from `?next=` or from the form just posted.
fn next_path(action: &'static str) -> Signal<String> {
    let query = use_query_map();
    let flashed = flashed(action, "next");
    Signal::derive(move || {
        query
            .read()
            .get("next")
            .or_else(|| flashed.clone())
            .unwrap_or_default()
    })
}

/// The sign-in form.
#[component]
pub fn SignInPage() -> impl IntoView {
    // Created here, under the routes, so it picks up an error that a form posted without JavaScript brought
    // back in the URL.
    let action = ServerAction::<SignIn>::new();
    expect_context::<Auth>().refresh_after(action.version());
    let error = action_error(action);
    let next = next_path(SignIn::PATH);
    view! {
        <SocialMeta title="Sign in" description="Sign in to Hubboard to save jobs, manage your company and write for the news."/>
        <Meta name="robots" content="noindex"/>
        <div class="form-page">
            <h1>"Sign in"</h1>
            <p>"Please sign in with your email and password."</p>
            <ActionForm action=action attr:class="stacked-form" attr:novalidate=true>
                <FormAlert error/>
                <TextField
                    name="form[email]"
                    id="email"
                    label="Email"
                    input_type="email"
                    autocomplete="email"
                    required=true
                    value=flashed(SignIn::PATH, "email").unwrap_or_default()
                    server_error=field_error(error, "email")
                    check=Rule::Email
                />
                <TextField
                    name="form[password]"
                    id="password"
                    label="Password"
                    input_type="password"
                    autocomplete="current-password"
                    required=true
                    server_error=field_error(error, "password")
                />
                <input type="hidden" name="form[next]" prop:value=next value=next.get_untracked()/>
                <button type="submit" class="button">"Sign in"</button>
            </ActionForm>
            <p><a href="/password/forgot">"Forgotten your password?"</a></p>
            <p>"New here? " <a href="/register">"Create an account"</a></p>
        </div>
    }
}

/// The registration form.
#[component]
pub fn RegisterPage() -> impl IntoView {
    // Created here, under the routes, so it picks up an error that a form posted without JavaScript brought
    // back in the URL.
    let action = ServerAction::<Register>::new();
    expect_context::<Auth>().refresh_after(action.version());
    let error = action_error(action);
    let next = next_path(Register::PATH);
    let hint = "At least 12 characters. A few unrelated words make a strong password that is easy to remember.";
    view! {
        <SocialMeta title="Create an account" description="A free Hubboard account saves jobs, follows companies and manages your company's listings."/>
        <div class="form-page">
            <h1>"Create an account"</h1>
            <p>"Save jobs, follow companies and manage your company's listings."</p>
            <ActionForm action=action attr:class="stacked-form" attr:novalidate=true>
                <FormAlert error/>
                <TextField
                    name="form[email]"
                    id="email"
                    label="Email"
                    input_type="email"
                    autocomplete="email"
                    required=true
                    value=flashed(Register::PATH, "email").unwrap_or_default()
                    server_error=field_error(error, "email")
                    check=Rule::Email
                />
                <TextField
                    name="form[password]"
                    id="password"
                    label="Password"
                    input_type="password"
                    autocomplete="new-password"
                    hint
                    required=true
                    server_error=field_error(error, "password")
                    check=Rule::NewPassword
                />
                <input type="hidden" name="form[next]" prop:value=next value=next.get_untracked()/>
                <button type="submit" class="button">"Create account"</button>
            </ActionForm>
            <p>"Already registered? " <a href="/signin">"Sign in"</a></p>
        </div>
    }
}

/// `/verify-email/{token}`: confirms the address a verification link was mailed to, with one button.
#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let params = leptos_router::hooks::use_params_map();
    let token = Memo::new(move |_| params.read().get("token").unwrap_or_default());
    let state = Resource::new(move || token.get(), pending_while(verification_link));
    let action = ServerAction::<VerifyEmail>::new();
    // The account box and page show whether the address is confirmed.
    expect_context::<Auth>().refresh_after(action.version());
    let error = action_error(action);
    view! {
        <Title text="Confirm your email address"/>
        <Meta name="robots" content="noindex"/>
        // The token stays on this site: other sites get no referrer, while a form posted without JavaScript
        // still comes back here with its errors.
        <Meta name="referrer" content="same-origin"/>
        <div class="form-page">
            <h1>"Confirm your email address"</h1>
            <Suspense fallback=|| view! { <p>"Checking the link…"</p> }>
                {move || Suspend::new(async move {
                    match state.await {
                        Ok(LinkState::Open) => view! {
                            <p>"Confirm that this address is yours, so that alerts and account notices can reach you."</p>
                            <ActionForm action=action attr:class="stacked-form">
                                <FormAlert error/>
                                <input type="hidden" name="token" value=token.get_untracked()/>
                                <button type="submit" class="button">"Confirm my email address"</button>
                            </ActionForm>
                        }
                        .into_any(),
                        Ok(other) => view! {
                            <div class="alert alert-error" role="alert">
                                {link_refusal(other, "confirm your address", "Sign in and ask for a new one from your account page.")}
                            </div>
                            <p><a href="/account">"Go to your account"</a></p>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorPage error/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// `/password/forgot`: asks for a reset link by email.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let action = ServerAction::<ForgotPassword>::new();
    let error = action_error(action);
    let query = use_query_map();
    let sent = Signal::derive(move || {
        query.read().get("notice").as_deref() == Some("reset-sent")
            || action.value().get().is_some_and(|r| r.is_ok())
    });
    view! {
        <SocialMeta title="Forgotten password" description="Get a link to choose a new Hubboard password."/>
        <Meta name="robots" content="noindex"/>
        <div class="form-page">
            <h1>"Forgotten your password?"</h1>
            <Show
                when=move || sent.get()
                fallback=move || view! {
                    <p>"Enter the address you registered with. If it belongs to an account, we will send a link to choose a new password."</p>
                    <ActionForm action=action attr:class="stacked-form" attr:novalidate=true>
                        <FormAlert error/>
                        <TextField
                            name="form[email]"
                            id="email"
                            label="Email"
                            input_type="email"
                            autocomplete="email"
                            required=true
                            value=flashed(ForgotPassword::PATH, "email").unwrap_or_default()
                            server_error=field_error(error, "email")
                            check=Rule::Email
                        />
                        <button type="submit" class="button">"Send me a link"</button>
                    </ActionForm>
                }
            >
                <div class="alert alert-success" role="status">
                    "If that address belongs to an account, a link to choose a new password is on its way. It works for one hour."
                </div>
            </Show>
            <p><a href="/signin">"Back to sign in"</a></p>
        </div>
    }
}

/// `/password/reset/{token}`: chooses a new password with a reset link.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let params = leptos_router::hooks::use_params_map();
    let token = Memo::new(move |_| params.read().get("token").unwrap_or_default());
    let state = Resource::new(move || token.get(), pending_while(reset_link));
    let action = ServerAction::<ResetPassword>::new();
    let error = action_error(action);
    view! {
        <Title text="Choose a new password"/>
        <Meta name="robots" content="noindex"/>
        // The token stays on this site: other sites get no referrer, while a form posted without JavaScript
        // still comes back here with its errors.
        <Meta name="referrer" content="same-origin"/>
        <div class="form-page">
            <h1>"Choose a new password"</h1>
            <Suspense fallback=|| view! { <p>"Checking the link…"</p> }>
                {move || Suspend::new(async move {
                    match state.await {
                        Ok(LinkState::Open) => view! {
                            <p>"Choosing a new password signs your account out on every device."</p>
                            <ActionForm action=action attr:class="stacked-form" attr:novalidate=true>
                                <FormAlert error/>
                                <input type="hidden" name="form[token]" value=token.get_untracked()/>
                                <TextField
                                    name="form[password]"
                                    id="password"
                                    label="New password"
                                    input_type="password"
                                    autocomplete="new-password"
                                    hint="At least 12 characters. A few unrelated words make a strong password that is easy to remember."
                                    required=true
                                    server_error=field_error(error, "password")
                                    check=Rule::NewPassword
                                />
                                <button type="submit" class="button">"Save the new password"</button>
                            </ActionForm>
                        }
                        .into_any(),
                        Ok(other) => view! {
                            <div class="alert alert-error" role="alert">
                                {link_refusal(other, "choose a new password", "Ask for a new one on the forgotten password page.")}
                            </div>
                            <p><a href="/password/forgot">"Ask for a new link"</a></p>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorPage error/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
