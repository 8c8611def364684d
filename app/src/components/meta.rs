//! The tags that describe a page to search engines and to the sites it is shared on, and the only ways text
//! reaches an element whose content the HTML parser does not read as markup (`<title>`, `<textarea>`, `<script>`).
//!
//! The framework writes the text of such elements into the page as it is, unescaped: a name holding
//! `</title><meta …>` would end the title and add a tag of its own. So every page title goes through the site's
//! title formatter ([`title_text`]), every text box's value through [`textarea_markup`] and every script's data through [`JsonLd`];
//! a test keeps any other `<Title>`, `<textarea>` or `<script>` out of the pages.

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};

/// The document title for a page's own title: "{title} · Hubboard", or the site's name alone.
///
/// On the server the text is escaped for the `<title>` element the framework writes verbatim; in the browser it is
/// set through `document.title`, which takes plain text.
pub fn title_text(title: &str) -> String {
    let full = if title.is_empty() {
        "Hubboard".to_owned()
    } else {
        format!("{title} · Hubboard")
    };
    if cfg!(feature = "ssr") {
        html_escape::encode_text(&full).into_owned()
    } else {
        full
    }
}

/// The site's title formatter: the one `<Title>` with a formatter, so every page's title passes through
/// [`title_text`] (the framework applies the most recent formatter to the most recent text).
#[component]
pub fn SiteTitle() -> impl IntoView {
    view! { <Title text="" formatter=|title: String| title_text(&title)/> }
}

/// The markup to put inside a `<textarea>` (as its `inner_html`) so that it holds exactly `value`.
///
/// The value is escaped, and the parser turns it back into the text, both in the server's page and when the browser
/// builds the element. A newline leads the server's markup because the parser drops one right after `<textarea>`,
/// which would otherwise eat a value's own first line break.
pub fn textarea_markup(value: &str) -> String {
    let escaped = html_escape::encode_text(value);
    if cfg!(feature = "ssr") {
        format!("\n{escaped}")
    } else {
        escaped.into_owned()
    }
}

/// Structured data (schema.org JSON-LD) for search engines, in a `<script>` element of the page.
///
/// `<`, `>` and `&` are written as JSON escapes, so no text inside can end the script element early.
#[component]
pub fn JsonLd(json: String) -> impl IntoView {
    let safe = json
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026");
    view! { <script type="application/ld+json" nonce=leptos::nonce::use_nonce() inner_html=safe></script> }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str =
        "X </title></textarea><meta http-equiv=refresh content=\"0;url=//evil.example/\"> & <b>";

    #[test]
    fn titles_written_by_the_server_carry_no_markup() {
        let title = title_text(HOSTILE);
        assert!(!title.contains('<'), "{title}");
        assert!(title.ends_with(" · Hubboard"));
        assert_eq!(title_text(""), "Hubboard");
    }

    #[test]
    fn text_box_markup_carries_no_markup_and_keeps_a_leading_line_break() {
        let markup = textarea_markup(&format!("\n{HOSTILE}"));
        assert!(!markup.contains('<'), "{markup}");
        assert!(
            markup.starts_with("\n\n"),
            "the parser drops one leading newline: {markup:?}"
        );
    }

    /// Every Rust source file of the application, with its path.
    fn sources() -> Vec<(std::path::PathBuf, String)> {
        fn walk(dir: &std::path::Path, out: &mut Vec<(std::path::PathBuf, String)>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push((path.clone(), std::fs::read_to_string(&path).unwrap()));
                }
            }
        }
        let mut out = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut out,
        );
        assert!(out.len() > 20, "the sources were not found");
        out
    }

    /// The framework copies the text of these elements into the page unescaped, so only the helpers above, which
    /// escape it, may write them: a page that wrote one itself would bypass them.
    #[test]
    fn only_the_escaping_helpers_write_raw_text_elements() {
        let allowed = |path: &std::path::Path, needle: &str| {
            let file = path.file_name().unwrap().to_str().unwrap();
            match needle {
                "formatter=" | "<script" => {
                    file == "meta.rs" || (needle == "<script" && file == "app.rs")
                }
                "<textarea" => file == "form.rs",
                _ => false,
            }
        };
        for (path, text) in sources() {
            // This test names them itself.
            if path.ends_with("components/meta.rs") {
                continue;
            }
            for needle in [
                "formatter=",
                "<textarea",
                "<script",
                "<style",
                "<noscript",
                "<xmp",
                "<iframe",
            ] {
                assert!(
                    !text.contains(needle) || allowed(&path, needle),
                    "{} writes {needle} itself; use the helpers in components/meta.rs",
                    path.display()
                );
            }
        }
    }
}
