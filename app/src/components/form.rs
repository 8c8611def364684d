//! Form fields that show their error next to them, in the browser as you type and after the server answers.

use leptos::prelude::*;

use crate::error::AppError;

/// A labelled input with its hint and error message, wired for screen readers.
///
/// `check` runs in the browser when the field loses focus (the same domain rule the server applies), so a
/// mistake is pointed out before the form is sent; `server_error` is what the server said about the field.
#[component]
pub fn TextField(
    /// The field's name in the submitted form, such as `form[email]`.
    name: &'static str,
    /// The id of the input, also the key of its errors.
    id: &'static str,
    label: &'static str,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(optional)] required: bool,
    #[prop(into)] server_error: Signal<Option<String>>,
    #[prop(optional)] check: Option<fn(&str) -> Option<String>>,
) -> impl IntoView {
    let local_error = RwSignal::new(None::<String>);
    // A fresh server answer replaces what the browser said before it.
    Effect::new(move |_| {
        server_error.track();
        local_error.set(None);
    });
    let error = Signal::derive(move || local_error.get().or_else(|| server_error.get()));
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = {
        let hint_id = hint_id.clone();
        let error_id = error_id.clone();
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let on_blur = move |ev: leptos::ev::FocusEvent| {
        if let Some(check) = check {
            let value = event_target_value(&ev);
            if !value.is_empty() {
                local_error.set(check(&value));
            }
        }
    };
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id>{label}</label>
            {hint.map(|text| view! { <p class="field-hint" id=hint_id.clone()>{text}</p> })}
            <input
                id=id
                name=name
                type=input_type
                autocomplete=autocomplete
                value=value
                required=required
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described_by
                on:blur=on_blur
            />
            <p class="field-error" id=error_id aria-live="polite">
                {move || error.get()}
            </p>
        </div>
    }
}

/// The message for the form as a whole: refusals and anything not tied to one field.
#[component]
pub fn FormAlert(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error.get().map(|error| {
            let text = match &error {
                AppError::Invalid(_) => "Please correct the fields marked below.".to_owned(),
                other => other.to_string(),
            };
            view! { <div class="alert alert-error" role="alert">{text}</div> }
        })
    }
}

/// The error of an action's last answer, if it failed.
pub fn action_error<I, O>(action: ServerAction<I>) -> Signal<Option<AppError>>
where
    I: server_fn::ServerFn<Output = O, Error = AppError> + Clone + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().get().and_then(Result::err))
}

/// One field's message out of an action's error.
pub fn field_error(error: Signal<Option<AppError>>, field: &'static str) -> Signal<Option<String>> {
    Signal::derive(move || error.get().and_then(|e| e.field(field)))
}

/// The value a form posted without JavaScript had, for the page it comes back to.
pub fn flashed(action: &str, name: &str) -> Option<String> {
    #[cfg(feature = "ssr")]
    {
        crate::server::flashed_value(action, name)
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = (action, name);
        None
    }
}
