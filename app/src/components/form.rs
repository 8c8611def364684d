//! Form fields that show their error next to them, in the browser as you type and after the server answers.

use leptos::prelude::*;

use crate::{
    components::{island::mark_live, meta::textarea_markup},
    error::AppError,
};

/// A rule of the shared domain types a field is checked by in the browser, the same the server applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Rule {
    Email,
    NewPassword,
    CompanyName,
    Slug,
    Tagline,
    Website,
    JobTitle,
    ArticleSource,
}

impl Rule {
    /// What is wrong with `raw`, if anything.
    pub fn check(self, raw: &str) -> Option<String> {
        use hubboard::{article, company, job};
        let message = |error: hubboard::DomainError| Some(error.message);
        match self {
            Rule::Email => hubboard::Email::parse(raw).err().and_then(message),
            Rule::NewPassword => hubboard::NewPassword::parse("password", raw, None)
                .err()
                .and_then(message),
            Rule::CompanyName => company::CompanyName::parse(raw).err().and_then(message),
            Rule::Slug => company::Slug::parse(raw).err().and_then(message),
            Rule::Tagline => company::parse_tagline(raw).err().and_then(message),
            Rule::Website => company::WebUrl::parse("website", raw)
                .err()
                .and_then(message),
            Rule::JobTitle => job::parse_title(raw).err().and_then(message),
            Rule::ArticleSource => article::parse_source(raw).err().and_then(message),
        }
    }
}

/// A labelled input with its hint and error message, wired for screen readers.
///
/// With a `check`, the field is an island: the browser runs the rule when the field loses focus, so a mistake is
/// pointed out before the form is sent. `server_error` is what the server said about the field when the form
/// came back.
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
    #[prop(optional)] check: Option<Rule>,
) -> impl IntoView {
    let field = Field {
        name: name.to_owned(),
        id: id.to_owned(),
        label: label.to_owned(),
        input_type: input_type.to_owned(),
        autocomplete: autocomplete.map(str::to_owned),
        hint: hint.map(str::to_owned),
        value,
        required,
    };
    let error = server_error.get_untracked();
    match check {
        Some(rule) => view! { <CheckedField field rule error/> }.into_any(),
        None => field
            .view(Signal::stored(error), |_| (), NodeRef::new())
            .into_any(),
    }
}

/// What a [`TextField`] shows, sent whole to the browser for a checked field.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Field {
    name: String,
    id: String,
    label: String,
    input_type: String,
    autocomplete: Option<String>,
    hint: Option<String>,
    value: Option<String>,
    required: bool,
}

impl Field {
    fn view(
        self,
        error: Signal<Option<String>>,
        on_blur: impl FnMut(leptos::ev::FocusEvent) + 'static,
        root: NodeRef<leptos::html::Div>,
    ) -> impl IntoView {
        let Field {
            name,
            id,
            label,
            input_type,
            autocomplete,
            hint,
            value,
            required,
        } = self;
        let hint_id = format!("{id}-hint");
        let error_id = format!("{id}-error");
        let described_by = described_by(hint.is_some(), &id, error);
        view! {
            <div class="field" class:field-invalid=move || error.get().is_some() node_ref=root>
                <label for=id.clone()>{label}</label>
                {hint.map(|text| view! { <p class="field-hint" id=hint_id>{text}</p> })}
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
}

/// A [`TextField`] checked in the browser by `rule` as soon as it loses focus; `error` is the server's word on it
/// when the form came back, until the browser has something to say. Its code (the rules of the shared domain
/// types, and reading its props) is a piece of its own, fetched only by pages with a checked field.
#[island(lazy)]
fn CheckedField(field: Field, rule: Rule, error: Option<String>) -> impl IntoView {
    let shown = RwSignal::new(error);
    let on_blur = move |ev: leptos::ev::FocusEvent| {
        let value = event_target_value(&ev);
        if !value.is_empty() {
            shown.set(rule.check(&value));
        }
    };
    let root = NodeRef::new();
    mark_live(root);
    field.view(shown.into(), on_blur, root)
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

/// The token that makes a form which creates something act once however often it is sent (see
/// `backend::once`): a new one each time the form is rendered, so the form must sit on a page rendered per visitor.
#[component]
pub fn SentOnce() -> impl IntoView {
    #[cfg(feature = "ssr")]
    let token = crate::backend::passwords::random_token();
    #[cfg(not(feature = "ssr"))]
    let token = String::new();
    view! { <input type="hidden" name="once" value=token/> }
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
        crate::backend::flashed_value(action, name)
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = (action, name);
        None
    }
}

/// `aria-describedby` for a field with an optional hint and an error that may appear.
fn described_by(
    has_hint: bool,
    id: &str,
    error: Signal<Option<String>>,
) -> impl Fn() -> Option<String> + Send + Sync + use<> {
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(hint_id.clone());
        }
        if error.get().is_some() {
            ids.push(error_id.clone());
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// A labelled multi-line text box with its hint and error.
#[component]
pub fn TextArea(
    name: &'static str,
    id: &'static str,
    label: &'static str,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional, into)] value: String,
    #[prop(default = 6)] rows: u32,
    #[prop(optional)] required: bool,
    #[prop(into)] server_error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <div class="field" class:field-invalid=move || server_error.get().is_some()>
            <label for=id>{label}</label>
            {hint.clone().map(|text| view! { <p class="field-hint" id=format!("{id}-hint")>{text}</p> })}
            <textarea
                id=id
                name=name
                rows=rows
                required=required
                aria-invalid=move || server_error.get().is_some().then_some("true")
                aria-describedby=described_by(hint.is_some(), id, server_error)
                inner_html=textarea_markup(&value)
            ></textarea>
            <p class="field-error" id=format!("{id}-error") aria-live="polite">
                {move || server_error.get()}
            </p>
        </div>
    }
}

/// A labelled drop-down list: `options` are (value, label) pairs, the first one selected when `value` is empty.
#[component]
pub fn SelectField(
    name: &'static str,
    id: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    #[prop(optional, into)] value: String,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(into)] server_error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <div class="field" class:field-invalid=move || server_error.get().is_some()>
            <label for=id>{label}</label>
            {hint.map(|text| view! { <p class="field-hint" id=format!("{id}-hint")>{text}</p> })}
            <select
                id=id
                name=name
                aria-invalid=move || server_error.get().is_some().then_some("true")
                aria-describedby=described_by(hint.is_some(), id, server_error)
            >
                {options
                    .into_iter()
                    .map(|(option, text)| {
                        let selected = option == value;
                        view! { <option value=option selected=selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
            <p class="field-error" id=format!("{id}-error") aria-live="polite">
                {move || server_error.get()}
            </p>
        </div>
    }
}

/// A group of checkboxes under one legend. Each box is named `{name}[{index}]` so the chosen values arrive as a
/// list in the order shown.
#[component]
pub fn CheckboxGroup(
    name: &'static str,
    id: &'static str,
    legend: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    options: Vec<(String, String)>,
    checked: Vec<String>,
    #[prop(into)] server_error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <fieldset
            class="field checkbox-group"
            class:field-invalid=move || server_error.get().is_some()
            id=id
            aria-describedby=described_by(hint.is_some(), id, server_error)
        >
            <legend>{legend}</legend>
            {hint.map(|text| view! { <p class="field-hint" id=format!("{id}-hint")>{text}</p> })}
            <div class="checkbox-options">
                {options
                    .into_iter()
                    .enumerate()
                    .map(|(index, (option, text))| {
                        let box_id = format!("{id}-{option}");
                        let is_checked = checked.contains(&option);
                        let label_for = box_id.clone();
                        view! {
                            <label class="checkbox" for=label_for>
                                <input
                                    type="checkbox"
                                    id=box_id
                                    name=format!("{name}[{index}]")
                                    value=option
                                    checked=is_checked
                                />
                                {text}
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
            <p class="field-error" id=format!("{id}-error") aria-live="polite">
                {move || server_error.get()}
            </p>
        </fieldset>
    }
}

/// Every remembered value of a list field (such as checked boxes) of a form posted without JavaScript.
pub fn flashed_all(action: &str, name: &str) -> Option<Vec<String>> {
    #[cfg(feature = "ssr")]
    {
        crate::backend::flashed_values(action, name)
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = (action, name);
        None
    }
}

/// A field people never see or fill in; robots that fill in every field give themselves away.
#[component]
pub fn Honeypot() -> impl IntoView {
    view! {
        <div class="honeypot" aria-hidden="true">
            <label for="form-website">"Leave this empty"</label>
            <input type="text" id="form-website" name="form[website]" tabindex="-1" autocomplete="off"/>
        </div>
    }
}
