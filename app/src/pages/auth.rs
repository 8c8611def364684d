//! Signing in and registering.

use hubboard::{Email, NewPassword};
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

use crate::{
    app::Auth,
    auth::{Register, SignIn},
    components::{
        form::{FormAlert, TextField, action_error, field_error, flashed},
        meta::SocialMeta,
    },
};

fn check_email(raw: &str) -> Option<String> {
    Email::parse(raw).err().map(|e| e.message)
}

fn check_new_password(raw: &str) -> Option<String> {
    NewPassword::parse("password", raw, None)
        .err()
        .map(|e| e.message)
}

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
                    check=check_email
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
                    check=check_email
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
                    check=check_new_password
                />
                <input type="hidden" name="form[next]" prop:value=next value=next.get_untracked()/>
                <button type="submit" class="button">"Create account"</button>
            </ActionForm>
            <p>"Already registered? " <a href="/signin">"Sign in"</a></p>
        </div>
    }
}
