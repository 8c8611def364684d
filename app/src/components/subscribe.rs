//! The sidebar's box for subscribing to the news by mail, on every page.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use server_fn::ServerFn;

use crate::{
    address::query_value,
    alerts::{Subscribe, frequency_options},
    components::form::{
        FormAlert, Honeypot, SelectField, TextField, action_error, field_error, flashed,
    },
};

/// The sidebar's *Subscribe to our email news alerts*: all news for an address, as often as chosen, from any page.
/// A plain form, checked by the server: on every page, checking the address in the browser would cost each first
/// visit the code of an island (about 50 KB compressed) for one field.
#[component]
pub fn SubscribeBox() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let query = use_query_map();
    let on_alerts_page = move || location.pathname.get().starts_with("/alerts");
    // The sidebar is outside the routes, which hand a form's error from the address (after a post without
    // JavaScript) to the forms inside them; this box takes its own.
    if let (Some(path), Some(err)) = query.with_untracked(|q| (q.get("__path"), q.get("__err"))) {
        provide_context(leptos::server::ServerActionError::new(&path, &err));
    }
    // Back to this page after subscribing, without one-off parameters such as an earlier notice.
    let next = Signal::derive(move || {
        let kept: Vec<String> = query.with(|q| {
            q.into_iter()
                .filter(|(key, _)| !matches!(key.as_ref(), "notice" | "__path" | "__err" | "__sig"))
                .map(|(key, value)| format!("{key}={}", query_value(value)))
                .collect()
        });
        if kept.is_empty() {
            location.pathname.get()
        } else {
            format!("{}?{}", location.pathname.get(), kept.join("&"))
        }
    });
    let action = ServerAction::<Subscribe>::new();
    let error = action_error(action);
    view! {
        <section class="box" aria-labelledby="subscribe-title">
            <h2 id="subscribe-title">"Subscribe to our email news alerts"</h2>
            <Show
                when=move || !on_alerts_page()
                fallback=|| view! { <p>"Choose your alerts on this page."</p> }
            >
                <p>"All our news, as it happens or in a digest. No account needed."</p>
                <ActionForm action=action attr:class="stacked-form compact-form" attr:novalidate=true>
                    <FormAlert error/>
                    <TextField
                        name="form[email]"
                        id="subscribe-email"
                        label="Your email address"
                        input_type="email"
                        autocomplete="email"
                        required=true
                        value=flashed(Subscribe::PATH, "email").unwrap_or_default()
                        server_error=field_error(error, "email")
                    />
                    <SelectField
                        name="form[frequency]"
                        id="subscribe-frequency"
                        label="How often"
                        options=frequency_options()
                        value=flashed(Subscribe::PATH, "frequency").unwrap_or_else(|| "daily".to_owned())
                        server_error=field_error(error, "frequency")
                    />
                    <input type="hidden" name="form[topic]" value="news:"/>
                    <input type="hidden" name="form[next]" prop:value=next value=next.get_untracked()/>
                    <Honeypot/>
                    <button type="submit" class="button">"Subscribe"</button>
                </ActionForm>
                <p class="box-more"><a href="/alerts">"Job alerts and more choices"</a></p>
            </Show>
        </section>
    }
}
