//! What every island shares.

use leptos::{html::Div, prelude::*};

/// Marks the island whose root is `root` as interactive once the browser has hydrated it: its `<leptos-island>`
/// gets `data-live`. Islands come alive one by one, some after their own piece of WebAssembly has arrived, so
/// browser tests wait for the mark on each before using them.
pub fn mark_live(root: NodeRef<Div>) {
    Effect::new(move |_| {
        if let Some(island) = root
            .get()
            .and_then(|root| root.closest("leptos-island").ok().flatten())
        {
            let _ = island.set_attribute("data-live", "");
        }
    });
}

/// A region of a page that an island shows in place of the same region of another page (see `in_place`): its
/// element's id, the path whose pages it shows, and the live region that tells what changed.
#[derive(Clone, Copy, Debug)]
pub struct Region {
    pub id: &'static str,
    pub path: &'static str,
    /// The id of the island's own live region (outside the replaced region, so it is never replaced).
    pub announcer: &'static str,
    /// A selector, inside the region, for the element whose text is announced and that takes focus after a link.
    pub summary: &'static str,
}

/// The value of every named field of `form`, by name (empty when absent): what sending the form would send, so a
/// radio button or checkbox counts only when it is checked.
#[cfg(feature = "hydrate")]
pub fn form_values(form: &leptos::web_sys::HtmlFormElement) -> impl Fn(&str) -> String + use<> {
    use leptos::{wasm_bindgen::JsCast, web_sys};
    let mut values = Vec::new();
    let fields = form.elements();
    for at in 0..fields.length() {
        let Some(field) = fields.item(at) else {
            continue;
        };
        let named = if let Some(select) = field.dyn_ref::<web_sys::HtmlSelectElement>() {
            Some((select.name(), select.value()))
        } else if let Some(text) = field.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            Some((text.name(), text.value()))
        } else {
            field
                .dyn_ref::<web_sys::HtmlInputElement>()
                .filter(|input| {
                    !matches!(input.type_().as_str(), "radio" | "checkbox") || input.checked()
                })
                .map(|input| (input.name(), input.value()))
        };
        if let Some((name, value)) = named.filter(|(name, _)| !name.is_empty()) {
            values.push((name, value));
        }
    }
    move |key: &str| {
        values
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value.clone())
            .unwrap_or_default()
    }
}
