//! The subscription centre, the page a confirmation link opens, the preferences page that mail links to, and the
//! page an unsubscribe link opens in a browser.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};
use server_fn::ServerFn;

use crate::pending::pending_while;
use crate::{
    alerts::{
        ChangeAlert, ConfirmAlert, FREQUENCIES, ForgetAlerts, Subscribe, alert_confirm_link,
        alert_options, alert_preferences, frequency_label, frequency_options, unsubscribe_preview,
    },
    auth::{LinkState, link_refusal},
    components::{
        form::{
            FormAlert, Honeypot, Rule, SelectField, TextField, action_error, field_error, flashed,
        },
        meta::SocialMeta,
    },
    pages::errors::{ErrorPage, set_status},
};

/// `/alerts`: subscribe to news or jobs by email, with or without an account.
#[component]
pub fn AlertsPage() -> impl IntoView {
    super::shared_with_visitors();
    let query = use_query_map();
    let options = Resource::new(
        move || {
            let q = query.read();
            let get = |key: &str| q.get(key).unwrap_or_default();
            (get("jobs"), get("company"), get("tag"), get("category"))
        },
        pending_while(|(jobs, company, tag, category)| alert_options(jobs, company, tag, category)),
    );
    let action = ServerAction::<Subscribe>::new();
    let error = action_error(action);
    view! {
        <SocialMeta title="Email alerts" description="News and job alerts from Hubboard by email: as they happen, daily or weekly. No account needed."/>
        <div class="form-page">
            <h1>"Email alerts"</h1>
            <p>"Hear about new jobs and news as they are published, or in a daily or weekly digest. You need no account: we send a link to confirm your address, and nothing else until you click it. Every message has a link to change or stop your alerts."</p>
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match options.await {
                        Ok(options) => {
                            let topics: Vec<(String, String)> = options
                                .choices
                                .iter()
                                .map(|c| (c.value.clone(), c.label.clone()))
                                .collect();
                            let topic_value = flashed(Subscribe::PATH, "topic").unwrap_or_default();
                            let frequency_value = flashed(Subscribe::PATH, "frequency")
                                .unwrap_or_else(|| "daily".to_owned());
                            let email = flashed(Subscribe::PATH, "email").unwrap_or(options.email.clone());
                            let manage = options.manage_href.clone();
                            view! {
                                {manage.map(|href| view! {
                                    <p class="alert alert-info">
                                        "You have alerts already. " <a href=href>"See and change your alerts"</a>
                                    </p>
                                })}
                                {(options.preset && topics.is_empty()).then(|| view! {
                                    <p class="alert alert-error" role="alert">
                                        "That link asks for an alert about something we cannot find. Choose from "
                                        <a href="/alerts">"all our alerts"</a> " instead."
                                    </p>
                                })}
                                <ActionForm action=action attr:class="stacked-form" attr:novalidate=true>
                                    <FormAlert error/>
                                    <TextField
                                        name="form[email]"
                                        id="alert-email"
                                        label="Your email address"
                                        input_type="email"
                                        autocomplete="email"
                                        required=true
                                        value=email
                                        server_error=field_error(error, "email")
                                        check=Rule::Email
                                    />
                                    <SelectField
                                        name="form[topic]"
                                        id="alert-topic"
                                        label="Alert me about"
                                        options=topics
                                        value=topic_value
                                        server_error=field_error(error, "topic")
                                    />
                                    <SelectField
                                        name="form[frequency]"
                                        id="alert-frequency"
                                        label="How often"
                                        options=frequency_options()
                                        value=frequency_value
                                        server_error=field_error(error, "frequency")
                                    />
                                    <Honeypot/>
                                    <button type="submit" class="button">"Subscribe"</button>
                                </ActionForm>
                                <p class="muted">
                                    "More alerts: search the " <a href="/jobs">"jobs board"</a>
                                    " and choose “Email me jobs like these”, or follow a company from its page in the "
                                    <a href="/companies">"directory"</a> "."
                                </p>
                            }
                            .into_any()
                        }
                        Err(error) => view! { <ErrorPage error/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// `/alerts/confirm/{token}`: confirms an alert with one button, so a mail scanner that follows links confirms
/// nothing.
#[component]
pub fn ConfirmAlertPage() -> impl IntoView {
    let params = use_params_map();
    let token = Memo::new(move |_| params.read().get("token").unwrap_or_default());
    let state = Resource::new(move || token.get(), pending_while(alert_confirm_link));
    let action = ServerAction::<ConfirmAlert>::new();
    let error = action_error(action);
    view! {
        <Title text="Confirm your alert"/>
        <Meta name="robots" content="noindex"/>
        <Meta name="referrer" content="same-origin"/>
        <div class="form-page">
            <h1>"Confirm your alert"</h1>
            <Suspense fallback=|| view! { <p>"Checking the link…"</p> }>
                {move || Suspend::new(async move {
                    match state.await {
                        Ok((LinkState::Open, label)) => view! {
                            <p>"Confirm that you want this alert at this address: " <strong>{label}</strong> "."</p>
                            <ActionForm action=action attr:class="stacked-form">
                                <FormAlert error/>
                                <input type="hidden" name="token" value=token.get_untracked()/>
                                <button type="submit" class="button">"Confirm my alert"</button>
                            </ActionForm>
                        }
                        .into_any(),
                        Ok((LinkState::Used, _)) => view! {
                            <div class="alert alert-info" role="status">
                                "This alert is confirmed already: nothing more to do. Every alert message has a link to change or stop it."
                            </div>
                        }
                        .into_any(),
                        Ok((other, _)) => view! {
                            <div class="alert alert-error" role="alert">
                                {link_refusal(other, "confirm an alert", "Subscribe again to get a new one.")}
                            </div>
                            <p><a href="/alerts">"Go to email alerts"</a></p>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorPage error/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// `/alerts/manage/{token}`: every alert of one address, to change how often or stop, without signing in.
#[component]
pub fn ManageAlertsPage() -> impl IntoView {
    let params = use_params_map();
    let token = Memo::new(move |_| params.read().get("token").unwrap_or_default());
    let change = ServerAction::<ChangeAlert>::new();
    let forget = ServerAction::<ForgetAlerts>::new();
    let preferences = Resource::new(
        move || (token.get(), change.version().get()),
        pending_while(|(token, _)| alert_preferences(token)),
    );
    let change_error = action_error(change);
    let forget_error = action_error(forget);
    view! {
        <Title text="Your email alerts"/>
        <Meta name="robots" content="noindex"/>
        <Meta name="referrer" content="same-origin"/>
        <div class="form-page">
            <h1>"Your email alerts"</h1>
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match preferences.await {
                        Ok(preferences) => {
                            let token = token.get_untracked();
                            let count = preferences.subscriptions.len();
                            view! {
                                <p>"Alerts sent to " <strong>{preferences.email}</strong> ". Anyone with this page’s address can change them, so keep it to yourself."</p>
                                <FormAlert error=change_error/>
                                {(count == 0).then(|| view! { <p>"No alerts are left at this address."</p> })}
                                <ul class="alert-list">
                                    {preferences.subscriptions.into_iter().map(|s| {
                                        let token = token.clone();
                                        let select_id = format!("alert-frequency-{}", s.id);
                                        let current = s.frequency.clone();
                                        view! {
                                            <li class="alert-item">
                                                <h2 class="alert-item-title">{s.label.clone()}</h2>
                                                {(!s.confirmed).then(|| view! {
                                                    <p class="muted">"Waiting for you to confirm it with the link we mailed."</p>
                                                })}
                                                <ActionForm action=change attr:class="inline-fields">
                                                    <input type="hidden" name="form[token]" value=token/>
                                                    <input type="hidden" name="form[subscription]" value=s.id/>
                                                    <label for=select_id.clone()>"How often"</label>
                                                    <select id=select_id name="form[frequency]">
                                                        {FREQUENCIES.iter().map(|(value, label)| view! {
                                                            <option value=*value selected=*value == current>{*label}</option>
                                                        }).collect_view()}
                                                    </select>
                                                    <button type="submit" class="button button-secondary" name="form[intent]" value="save">
                                                        "Save"
                                                    </button>
                                                    <button type="submit" class="button button-secondary" name="form[intent]" value="remove">
                                                        "Stop this alert"
                                                    </button>
                                                </ActionForm>
                                                <p class="muted">"Now: " {frequency_label(&s.frequency)}</p>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                                <h2>"Stop everything"</h2>
                                <p>"Delete this address and all its alerts from Hubboard. Nothing more will be sent to it."</p>
                                <ActionForm action=forget attr:class="stacked-form">
                                    <FormAlert error=forget_error/>
                                    <input type="hidden" name="token" value=token.clone()/>
                                    <button type="submit" class="button button-danger">"Delete my address and all alerts"</button>
                                </ActionForm>
                                <p><a href="/alerts">"Add another alert"</a></p>
                            }
                            .into_any()
                        }
                        Err(crate::AppError::NotFound) => {
                            set_status(404);
                            view! {
                            <div class="alert alert-error" role="alert">
                                "This link to your alerts is not valid: it may have been cut short, or the alerts were deleted. Use the link in your latest alert message, or subscribe again."
                            </div>
                            <p><a href="/alerts">"Go to email alerts"</a></p>
                            }
                            .into_any()
                        }
                        Err(error) => view! { <ErrorPage error/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// `/alerts/unsubscribe/{token}`: the address of an alert mail's unsubscribe link, opened in a browser. Mail
/// programs POST to the same address (one click, RFC 8058); this page's button does the same.
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let params = use_params_map();
    let token = Memo::new(move |_| params.read().get("token").unwrap_or_default());
    let preview = Resource::new(move || token.get(), pending_while(unsubscribe_preview));
    let query = use_query_map();
    let done = move || query.read().get("done").is_some();
    view! {
        <Title text="Unsubscribe"/>
        <Meta name="robots" content="noindex"/>
        <Meta name="referrer" content="same-origin"/>
        <div class="form-page">
            <h1>"Unsubscribe"</h1>
            <Suspense fallback=|| view! { <p>"Checking the link…"</p> }>
                {move || Suspend::new(async move {
                    match preview.await {
                        Ok(_) if done() => view! {
                            <div class="alert alert-success" role="status">
                                "You are unsubscribed from those alerts. Other alerts at your address, if any, carry on."
                            </div>
                            <p><a href="/alerts">"Email alerts"</a></p>
                        }
                        .into_any(),
                        Ok(view) if view.labels.is_empty() => view! {
                            <div class="alert alert-info" role="status">
                                "These alerts are stopped already: nothing more to do."
                            </div>
                        }
                        .into_any(),
                        Ok(view) => view! {
                            <p>"Stop these alerts?"</p>
                            <ul>{view.labels.into_iter().map(|label| view! { <li>{label}</li> }).collect_view()}</ul>
                            <form method="post" class="stacked-form">
                                <input type="hidden" name="from" value="page"/>
                                <button type="submit" class="button">"Unsubscribe"</button>
                            </form>
                        }
                        .into_any(),
                        Err(crate::AppError::NotFound) => {
                            set_status(404);
                            view! {
                                <div class="alert alert-error" role="alert">
                                    "This unsubscribe link is not valid: it may have been cut short. Use the link in the message again, or the link to change your alerts at its foot."
                                </div>
                            }
                            .into_any()
                        }
                        Err(error) => view! { <ErrorPage error/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
