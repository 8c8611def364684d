//! Every HTML page is finished here before it is kept or sent, so that what browsers and checkers get is a valid
//! document that fetches code only when it has islands to run it in. As rendered, it marks places in the markup
//! with empty comments written `<!>` (an HTML parse error), sends its hydration data as scripts after `</html>`,
//! and has the framework's loader with preload hints for the script and the WebAssembly in its head.
//!
//! - Outside the islands nothing in the browser reads the marks, so they go; inside an island the browser walks
//!   them while it hydrates, so each is written as the same empty comment in its valid form, `<!---->`.
//! - The data scripts move to the end of `<body>`, where they still run before the islands are hydrated.
//! - The preload hints go: with them a browser fetches the WebAssembly at once, competing with the page's own
//!   files for the first paint, and even with JavaScript off. The loader fetches it when the browser is idle.
//! - A page without islands loses the loader and the data too, and so fetches no script at all.

use axum::{
    body::Body,
    extract::Request,
    http::{HeaderValue, header},
    middleware::Next,
    response::Response,
};
use lol_html::{
    EndTagHandler, HtmlRewriter, Settings, doc_comments, element, errors::RewritingError,
    html_content::Comment,
};
use std::{cell::Cell, rc::Rc};

/// The largest page finished; a larger one (none is near it) is answered with the plain error page.
const LARGEST_PAGE: usize = 16 * 1024 * 1024;

/// Finishes every HTML answer (see the module's documentation).
pub async fn finish_pages(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"));
    if !is_html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let page = match axum::body::to_bytes(body, LARGEST_PAGE).await {
        Ok(page) => page,
        Err(error) => {
            tracing::warn!(error = %error, "a page's body failed while it was read to be finished");
            return crate::web::internal_error_page();
        }
    };
    match finish(&page) {
        Ok(finished) => {
            parts.headers.remove(header::CONTENT_LENGTH);
            if let Ok(length) = HeaderValue::from_str(&finished.len().to_string()) {
                parts.headers.insert(header::CONTENT_LENGTH, length);
            }
            Response::from_parts(parts, Body::from(finished))
        }
        Err(error) => {
            tracing::warn!(error = %error, "a page could not be finished; sent as rendered");
            Response::from_parts(parts, Body::from(page))
        }
    }
}

/// The page as a valid document (see the module's documentation).
pub fn finish(page: &[u8]) -> Result<Vec<u8>, RewritingError> {
    let has_islands = memchr::memmem::find(page, b"<leptos-island").is_some();
    let page = scripts_into_body(page, has_islands);
    let mut out = Vec::with_capacity(page.len());
    // How many islands the rewriter is inside: handlers run in document order.
    let depth = Rc::new(Cell::new(0usize));
    let entered = {
        let depth = depth.clone();
        element!("leptos-island", move |island| {
            depth.set(depth.get() + 1);
            let depth = depth.clone();
            if let Some(handlers) = island.end_tag_handlers() {
                let leave: EndTagHandler<'static> = Box::new(move |_| {
                    depth.set(depth.get().saturating_sub(1));
                    Ok(())
                });
                handlers.push(leave);
            }
            Ok(())
        })
    };
    let marks = doc_comments!(move |comment: &mut Comment<'_>| {
        if depth.get() == 0 {
            comment.remove();
        } else {
            // Written anew from its text: `<!>` becomes `<!---->`, the same empty comment.
            let text = comment.text();
            comment.set_text(&text)?;
        }
        Ok(())
    });
    let settings = Settings::new()
        .append_element_content_handler(entered)
        .append_element_content_handler(element!(
            "head > link[rel=modulepreload], head > link[rel=preload][as=fetch]",
            |hint| {
                hint.remove();
                Ok(())
            }
        ))
        .append_element_content_handler(element!("head > script[type=module]", move |loader| {
            if !has_islands {
                loader.remove();
            }
            Ok(())
        }))
        .append_document_content_handler(marks);
    let mut rewriter = HtmlRewriter::new(settings, |chunk: &[u8]| out.extend_from_slice(chunk));
    rewriter.write(&page)?;
    rewriter.end()?;
    Ok(out)
}

/// Moves whatever follows `</html>` (the renderer's data scripts) to just before `</body>`, or drops it when
/// there is no island to read it (`keep` false).
fn scripts_into_body(page: &[u8], keep: bool) -> std::borrow::Cow<'_, [u8]> {
    let Some(html_end) = memchr::memmem::rfind(page, b"</html>") else {
        return page.into();
    };
    let after = &page[html_end + b"</html>".len()..];
    let Some(body_end) = memchr::memmem::rfind(&page[..html_end], b"</body>") else {
        return page.into();
    };
    if after.iter().all(u8::is_ascii_whitespace) {
        return page.into();
    }
    let mut moved = Vec::with_capacity(page.len());
    moved.extend_from_slice(&page[..body_end]);
    if keep {
        moved.extend_from_slice(after);
    }
    moved.extend_from_slice(&page[body_end..html_end + b"</html>".len()]);
    moved.into()
}

#[cfg(test)]
mod tests {
    use super::finish;

    fn finished(page: &str) -> String {
        String::from_utf8(finish(page.as_bytes()).unwrap()).unwrap()
    }

    #[test]
    fn marks_go_outside_islands_and_become_valid_comments_inside() {
        let page = concat!(
            "<!DOCTYPE html><html><head><link rel=\"modulepreload\" href=\"/pkg/a.js\" crossorigin=\"Xy1\">",
            "<link rel=\"preload\" href=\"/pkg/a.wasm\" as=\"fetch\" crossorigin=\"Xy1\">",
            "<script type=\"module\" nonce=\"n\">load()</script><!--HEAD--><link rel=\"stylesheet\" href=\"/a.css\"></head>",
            "<body><p>a<!>b</p><leptos-island data-component=\"F\"><div>c<!>d<leptos-island><!></leptos-island><!></div>",
            "</leptos-island><p><!>e</p></body><!></html><script nonce=\"n\">__RESOLVED_RESOURCES=[];</script>",
        );
        assert_eq!(
            finished(page),
            concat!(
                "<!DOCTYPE html><html><head><script type=\"module\" nonce=\"n\">load()</script>",
                "<link rel=\"stylesheet\" href=\"/a.css\"></head>",
                "<body><p>ab</p><leptos-island data-component=\"F\"><div>c<!---->d<leptos-island><!----></leptos-island><!----></div>",
                "</leptos-island><p>e</p><script nonce=\"n\">__RESOLVED_RESOURCES=[];</script></body></html>",
            )
        );
    }

    #[test]
    fn a_page_without_islands_loads_no_script() {
        let page = concat!(
            "<!DOCTYPE html><html><head><link rel=\"modulepreload\" href=\"/pkg/a.js\">",
            "<script type=\"module\" nonce=\"n\">load()</script></head><body><p>a</p>",
            "<script type=\"application/ld+json\">{}</script></body></html><script>__DATA=[];</script>",
        );
        assert_eq!(
            finished(page),
            concat!(
                "<!DOCTYPE html><html><head></head><body><p>a</p>",
                "<script type=\"application/ld+json\">{}</script></body></html>",
            )
        );
    }

    #[test]
    fn text_that_looks_like_a_mark_is_left_as_written() {
        // Escaped text, attribute values and the raw text of scripts and text areas are not comments.
        let page = concat!(
            "<html><body><p title=\"<!>\">&lt;!&gt;</p><textarea><!></textarea>",
            "<script type=\"application/ld+json\">{\"a\":\"<!>\"}</script></body></html>",
        );
        assert_eq!(finished(page), page);
    }
}
