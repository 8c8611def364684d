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
use lol_html::{HtmlRewriter, Settings, element, errors::RewritingError};
use memchr::memmem;

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
            return crate::state::internal_error_page();
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
    let has_islands = memmem::find(page, b"<leptos-island").is_some();
    let head_end = memmem::find(page, b"</head>").map_or(0, |at| at + b"</head>".len());
    let (head, body) = page.split_at(head_end);
    let head = finish_head(head, has_islands)?;
    let body = scripts_into_body(body, has_islands);
    let mut out = Vec::with_capacity(page.len());
    write_marks(&head, &mut out);
    write_marks(&body, &mut out);
    Ok(out)
}

/// The head without the framework's preload hints, and without its loader when the page has no islands. The head
/// is a small part of a page; the body, where the work is, never goes through the rewriter.
fn finish_head(head: &[u8], has_islands: bool) -> Result<Vec<u8>, RewritingError> {
    let mut out = Vec::with_capacity(head.len());
    let settings = Settings::new()
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
        }));
    let mut rewriter = HtmlRewriter::new(settings, |chunk: &[u8]| out.extend_from_slice(chunk));
    rewriter.write(head)?;
    rewriter.end()?;
    Ok(out)
}

/// Copies `markup` to `out`, dropping comments outside islands and writing the renderer's `<!>` marks inside
/// them as `<!---->`.
///
/// The renderer escapes every `<` in text and attribute values it writes, so each `<` in its output opens markup;
/// the scan steps from one to the next and knows four kinds: a mark, a comment, an end tag (which
/// may close an island) and a start tag (skipped to its `>` past quoted values; `<script>`, `<style>`,
/// `<textarea>` and `<title>` also past their contents, whose text is not markup, except inside SVG or MathML).
fn write_marks(markup: &[u8], out: &mut Vec<u8>) {
    const MARK: &[u8] = b"<!>";
    const ISLAND: &[u8] = b"leptos-island";
    let is = |name: &[u8], names: &[&[u8]]| names.iter().any(|one| name.eq_ignore_ascii_case(one));
    let mut depth = 0usize;
    // How many SVG or MathML elements the scan is inside: there `<title>` or `<style>` hold markup, not text.
    let mut foreign = 0usize;
    let mut copied = 0;
    let mut at = 0;
    while let Some(found) = memchr::memchr(b'<', &markup[at..]) {
        let open = at + found;
        let rest = &markup[open..];
        if rest.starts_with(MARK) {
            out.extend_from_slice(&markup[copied..open]);
            if depth > 0 {
                out.extend_from_slice(b"<!---->");
            }
            copied = open + MARK.len();
            at = copied;
        } else if rest.starts_with(b"<!--") {
            at = memmem::find(&rest[4..], b"-->").map_or(markup.len(), |end| open + 4 + end + 3);
            if depth == 0 {
                out.extend_from_slice(&markup[copied..open]);
                copied = at;
            }
        } else if let Some(name) = rest.strip_prefix(b"</") {
            let name = tag_name(name);
            if name.eq_ignore_ascii_case(ISLAND) {
                depth = depth.saturating_sub(1);
            } else if is(name, &[b"svg", b"math"]) {
                foreign = foreign.saturating_sub(1);
            }
            at = open + 2;
        } else if rest.get(1).is_some_and(u8::is_ascii_alphabetic) {
            let name = tag_name(&rest[1..]);
            let end = open + tag_length(rest);
            let self_closing = markup[..end].ends_with(b"/>");
            if name.eq_ignore_ascii_case(ISLAND) {
                depth += 1;
            } else if is(name, &[b"svg", b"math"]) && !self_closing {
                foreign += 1;
            }
            at = if foreign == 0 && is(name, &[b"script", b"style", b"textarea", b"title"]) {
                raw_text_end(markup, end, name)
            } else {
                end
            };
        } else {
            at = open + 1;
        }
    }
    out.extend_from_slice(&markup[copied..]);
}

/// The name at the start of a tag (what follows `<` or `</`).
fn tag_name(tag: &[u8]) -> &[u8] {
    let end = tag
        .iter()
        .position(|byte| byte.is_ascii_whitespace() || matches!(byte, b'/' | b'>'))
        .unwrap_or(tag.len());
    &tag[..end]
}

/// The length of the start tag at the start of `tag`, through its `>`, stepping over quoted attribute values.
fn tag_length(tag: &[u8]) -> usize {
    let mut quote = None;
    for (at, &byte) in tag.iter().enumerate() {
        match (quote, byte) {
            (None, b'"' | b'\'') => quote = Some(byte),
            (Some(open), _) if byte == open => quote = None,
            (None, b'>') => return at + 1,
            _ => {}
        }
    }
    tag.len()
}

/// Where the contents of a raw text element that starts at `from` end: at its end tag (`</name`, any case).
fn raw_text_end(markup: &[u8], from: usize, name: &[u8]) -> usize {
    let mut at = from;
    while let Some(found) = memmem::find(&markup[at..], b"</") {
        let close = at + found;
        let candidate = &markup[close + 2..];
        if tag_name(candidate).eq_ignore_ascii_case(name) {
            return close;
        }
        at = close + 2;
    }
    markup.len()
}

/// Moves whatever follows `</html>` (the renderer's data scripts) to just before `</body>`, or drops it when
/// there is no island to read it (`keep` false).
fn scripts_into_body(page: &[u8], keep: bool) -> std::borrow::Cow<'_, [u8]> {
    let Some(html_end) = memmem::rfind(page, b"</html>") else {
        return page.into();
    };
    let after = &page[html_end + b"</html>".len()..];
    let Some(body_end) = memmem::rfind(&page[..html_end], b"</body>") else {
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
    use super::{finish, write_marks};
    use lol_html::{
        EndTagHandler, HtmlRewriter, Settings, doc_comments, element, html_content::Comment,
    };
    use proptest::prelude::*;
    use std::{cell::Cell, rc::Rc};

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

    /// The marks as a full HTML rewriter sees them: every comment, with the islands it is in.
    fn marks_by_the_rewriter(markup: &str) -> String {
        let mut out = Vec::new();
        let depth = Rc::new(Cell::new(0usize));
        let entered = {
            let depth = depth.clone();
            element!("leptos-island", move |island| {
                depth.set(depth.get() + 1);
                let depth = depth.clone();
                if let Some(handlers) = island.end_tag_handlers() {
                    let leave: EndTagHandler<'static> = Box::new(move |_| {
                        depth.set(depth.get() - 1);
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
                let text = comment.text();
                comment.set_text(&text)?;
            }
            Ok(())
        });
        let settings = Settings::new()
            .append_element_content_handler(entered)
            .append_document_content_handler(marks);
        let mut rewriter = HtmlRewriter::new(settings, |chunk: &[u8]| out.extend_from_slice(chunk));
        rewriter.write(markup.as_bytes()).unwrap();
        rewriter.end().unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Markup as the renderer writes it: marks, comments, escaped text, quoted attributes that look like markup,
    /// raw text elements holding what looks like marks, and islands inside islands.
    fn rendered_markup() -> impl Strategy<Value = String> {
        let leaf = prop::sample::select(vec![
            "<!>",
            "text",
            "&lt;!&gt;",
            "<!--bo-->",
            "<!---->",
            "<br>",
            "<img alt=\"<!>\" src=\"/a.png\">",
            "<a title='a>b' href=\"/\">x</a>",
            "<script type=\"application/ld+json\">{\"a\":\"<!>\"}</script>",
            "<script>if (a </b) {}</script>",
            "<textarea name=\"t\"><!></textarea>",
            "<title>a<!>b</title>",
            "<style>p<!>{}</style>",
            "<leptos-children><!></leptos-children>",
            "<svg viewBox=\"0 0 4 4\"><title>a<!>b</title><style>p<!>{}</style><rect/></svg>",
            "<math><mi>x</mi><!></math>",
        ])
        .prop_map(str::to_owned);
        leaf.prop_recursive(4, 48, 6, |inner| {
            (prop::collection::vec(inner, 0..6), prop::bool::ANY).prop_map(|(children, island)| {
                let (open, close) = if island {
                    ("<leptos-island data-component=\"F\" data-props=\"{&quot;a&quot;:&quot;<!>&quot;}\">", "</leptos-island>")
                } else {
                    ("<div class=\"c\">", "</div>")
                };
                format!("{open}{}{close}", children.concat())
            })
        })
    }

    proptest! {
        #[test]
        fn marks_are_found_where_an_html_rewriter_finds_them(markup in rendered_markup()) {
            let mut out = Vec::new();
            write_marks(markup.as_bytes(), &mut out);
            prop_assert_eq!(String::from_utf8(out).unwrap(), marks_by_the_rewriter(&markup));
        }
    }
}
