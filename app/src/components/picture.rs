//! The file field of a picture upload: a company's logo, an article's picture.

use hubboard::picture::ACCEPTED_TYPES;
use leptos::prelude::*;

/// A file field for a picture, with its hint and the message of the last upload when it was refused. With
/// JavaScript, a chosen file is shown at once as it will be sent, and a file the server would refuse for its size
/// or type (by the shared `hubboard::picture` rule) is told next to the field and holds the form back until
/// another is chosen. Without it the server says the same after the upload.
#[island(lazy)]
pub fn PictureField(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(into)] hint: String,
    /// Why the last upload was refused.
    error: Option<String>,
) -> impl IntoView {
    let message = RwSignal::new(error);
    let preview = RwSignal::new(None::<String>);
    let root = NodeRef::new();
    super::island::mark_live(root);
    let field = NodeRef::<leptos::html::Input>::new();
    // Refuses the chosen file with `refusal` (none: accepts it), and holds the form back while it is refused.
    let refuse = move |refusal: Option<String>| {
        if let Some(input) = field.get_untracked() {
            input.set_custom_validity(refusal.as_deref().unwrap_or(""));
        }
        message.set(refusal);
    };
    let on_change = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use leptos::{wasm_bindgen::JsCast, web_sys};
            let Some(input) = ev
                .target()
                .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            forget_preview(preview);
            let file = input.files().and_then(|files| files.get(0));
            let verdict = file
                .as_ref()
                .map(|file| hubboard::picture::check_chosen(&file.type_(), file.size() as usize));
            refuse(match &verdict {
                Some(Err(refusal)) => Some(refusal.to_string()),
                _ => None,
            });
            preview.set(match (verdict, &file) {
                (Some(Ok(())), Some(file)) => web_sys::Url::create_object_url_with_blob(file).ok(),
                _ => None,
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || match message.get() {
            Some(_) => format!("{hint_id} {error_id}"),
            None => hint_id.clone(),
        }
    };
    view! {
        <div class="field" class:field-invalid=move || message.get().is_some() node_ref=root>
            <label for=id.clone()>{label}</label>
            <p class="field-hint" id=hint_id>{hint}</p>
            <input
                id=id
                type="file"
                name=name
                accept=ACCEPTED_TYPES.join(",")
                required=true
                node_ref=field
                aria-invalid=move || message.get().is_some().then_some("true")
                aria-describedby=described
                on:change=on_change
            />
            <p class="field-error" id=error_id aria-live="polite">{move || message.get()}</p>
            // A file the browser cannot show as a picture is not one the server would take.
            {move || preview.get().map(|src| view! {
                <img
                    class="picture-preview"
                    src=src
                    alt="The chosen picture, as it will be sent"
                    on:error=move |_| {
                        refuse(Some(hubboard::picture::PictureError::NotAnImage.to_string()));
                        #[cfg(feature = "hydrate")]
                        forget_preview(preview);
                        preview.set(None);
                    }
                />
            })}
        </div>
    }
}

/// Lets the browser free the file a preview showed.
#[cfg(feature = "hydrate")]
fn forget_preview(preview: RwSignal<Option<String>>) {
    if let Some(shown) = preview.get_untracked() {
        let _ = leptos::web_sys::Url::revoke_object_url(&shown);
    }
}
