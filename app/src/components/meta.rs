//! The tags that describe a page to search engines and to the sites it is shared on.

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};

/// The page's title and description, with the Open Graph and Twitter card tags that carry them (and the picture,
/// when the page has one) to social sites. `url` and `image` are absolute addresses.
#[component]
pub fn SocialMeta(
    #[prop(into)] title: String,
    #[prop(into)] description: String,
    /// The Open Graph type: `website`, `article` or `profile`.
    #[prop(default = "website")]
    kind: &'static str,
    #[prop(default = None, into)] url: Option<String>,
    #[prop(default = None, into)] image: Option<String>,
    #[prop(default = None, into)] image_alt: Option<String>,
) -> impl IntoView {
    let shown = if title.is_empty() {
        "Hubboard".to_owned()
    } else {
        title.clone()
    };
    let card = if image.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    view! {
        <Title text=title/>
        <Meta name="description" content=description.clone()/>
        <Meta property="og:site_name" content="Hubboard"/>
        <Meta property="og:type" content=kind/>
        <Meta property="og:title" content=shown.clone()/>
        <Meta property="og:description" content=description.clone()/>
        {url.clone().map(|url| view! {
            <Meta property="og:url" content=url.clone()/>
            <Link rel="canonical" href=url/>
        })}
        {image.clone().map(|image| view! {
            <Meta property="og:image" content=image.clone()/>
            <Meta name="twitter:image" content=image/>
        })}
        {image_alt.map(|alt| view! {
            <Meta property="og:image:alt" content=alt.clone()/>
            <Meta name="twitter:image:alt" content=alt/>
        })}
        <Meta name="twitter:card" content=card/>
        <Meta name="twitter:title" content=shown/>
        <Meta name="twitter:description" content=description/>
    }
}
