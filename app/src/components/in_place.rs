//! Results shown in place, in the browser only. A region of a page (an element with an id, rendered on the server
//! as part of an island) is replaced by the same region of the next page, fetched as HTML, rather than loading the
//! whole page: the region's form, its links to pages of the same address and Back and Forward all go through here.
//!
//! The address bar shows the page's own address, so a reload, a shared link or JavaScript turned off give the same
//! page; the page's title follows; focus stays on the control the visitor used (or, after a link, moves to the
//! region's heading line); a live region of the island says what changed. Whatever goes wrong (the network, an
//! answer that is not the page) falls back to loading the page itself.

use std::cell::{Cell, RefCell};

use leptos::{
    prelude::*,
    wasm_bindgen::{JsCast, JsValue},
    web_sys::{self, Document, Element, HtmlElement},
};
use wasm_bindgen_futures::JsFuture;

use super::island::Region;

thread_local! {
    /// The newest navigation: an answer to an older one is dropped.
    static NEWEST: Cell<u32> = const { Cell::new(0) };
    /// The address whose results the region shows (path and query).
    static SHOWN: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Takes note of the address the page was loaded with, whose results the region shows.
pub fn start() {
    SHOWN.with_borrow_mut(|shown| *shown = here());
}

/// The address in the address bar: path and query.
fn here() -> String {
    let location = window().location();
    format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    )
}

/// Whether a history entry was made by a visit (a new entry) or by Back and Forward (the entry exists).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    New,
    Existing,
}

/// Shows `href` in the region, keeping focus on the element with `focus` as its id when there is one.
pub fn show(region: Region, href: String, entry: Entry, focus: Option<String>) {
    let this = NEWEST.with(|newest| {
        newest.set(newest.get().wrapping_add(1));
        newest.get()
    });
    leptos::task::spawn_local(async move {
        let busy = document().get_element_by_id(region.id);
        if let Some(busy) = &busy {
            let _ = busy.set_attribute("aria-busy", "true");
        }
        let answer = fetch_page(&href).await;
        if NEWEST.with(Cell::get) != this {
            return;
        }
        if let Some(busy) = &busy {
            let _ = busy.remove_attribute("aria-busy");
        }
        let shown = answer.and_then(|page| swap(region, &page, &href, entry, focus));
        if shown.is_err() {
            let _ = window().location().assign(&href);
        }
    });
}

/// The page at `href` as a document, when it answers as a page of the site.
async fn fetch_page(href: &str) -> Result<Document, JsValue> {
    let answer: web_sys::Response = JsFuture::from(window().fetch_with_str(href))
        .await?
        .dyn_into()?;
    if !answer.ok() || answer.redirected() {
        return Err(JsValue::from_str("not the page"));
    }
    let text = JsFuture::from(answer.text()?)
        .await?
        .as_string()
        .ok_or_else(|| JsValue::from_str("no text"))?;
    web_sys::DomParser::new()?.parse_from_string(&text, web_sys::SupportedType::TextHtml)
}

fn swap(
    region: Region,
    page: &Document,
    href: &str,
    entry: Entry,
    focus: Option<String>,
) -> Result<(), JsValue> {
    let here = document();
    let missing = || JsValue::from_str("no region");
    let old = here.get_element_by_id(region.id).ok_or_else(missing)?;
    let new = page.get_element_by_id(region.id).ok_or_else(missing)?;
    // The disclosure the visitor opened (the filters on a phone) stays open in the new results.
    let opened = old
        .query_selector("details[open][id]")?
        .map(|details| details.id());
    old.set_inner_html(&new.inner_html());
    if let Some(details) = opened.and_then(|id| here.get_element_by_id(&id)) {
        details.set_attribute("open", "")?;
    }
    here.set_title(&page.title());
    same_head_links(&here, page)?;
    if entry == Entry::New {
        window()
            .history()?
            .push_state_with_url(&JsValue::NULL, "", Some(href))?;
    }
    SHOWN.with_borrow_mut(|shown| *shown = href.to_owned());
    let summary = old.query_selector(region.summary)?;
    if let (Some(announcer), Some(summary)) = (here.get_element_by_id(region.announcer), &summary) {
        announcer.set_text_content(summary.text_content().as_deref());
    }
    let target = focus
        .and_then(|id| here.get_element_by_id(&id))
        .or(summary.filter(|_| entry == Entry::New));
    if let Some(target) = target.and_then(|target| target.dyn_into::<HtmlElement>().ok()) {
        target.focus()?;
        if target.get_attribute("tabindex").as_deref() == Some("-1") {
            target.scroll_into_view();
        }
    }
    Ok(())
}

/// The head's alternate links (the RSS feed of the search) as the new page has them.
fn same_head_links(here: &Document, page: &Document) -> Result<(), JsValue> {
    const ALTERNATE: &str = "head link[rel=alternate]";
    let old = here.query_selector(ALTERNATE)?;
    let href = page
        .query_selector(ALTERNATE)?
        .and_then(|new| new.get_attribute("href"));
    if let (Some(old), Some(href)) = (old, href) {
        old.set_attribute("href", &href)?;
    }
    Ok(())
}

/// The link a click followed, when it leads to another page of `region`'s path and nothing asked for a new tab or
/// window: its address (path and query).
pub fn followed_link(region: Region, event: &web_sys::MouseEvent) -> Option<String> {
    if event.default_prevented()
        || event.button() != 0
        || event.ctrl_key()
        || event.meta_key()
        || event.shift_key()
        || event.alt_key()
    {
        return None;
    }
    let anchor: web_sys::HtmlAnchorElement = event
        .target()?
        .dyn_into::<Element>()
        .ok()?
        .closest("a[href]")
        .ok()??
        .dyn_into()
        .ok()?;
    if !anchor.target().is_empty() || anchor.has_attribute("download") {
        return None;
    }
    let url = web_sys::Url::new(&anchor.href()).ok()?;
    let here = window().location();
    (url.origin() == here.origin().ok()? && url.pathname() == region.path)
        .then(|| format!("{}{}", url.pathname(), url.search()))
}

/// The address Back or Forward led to, when it is another page of `region`'s path than the one shown (a link to
/// a place in the page, such as the skip link, makes history entries of the same page).
pub fn returned_to(region: Region) -> Option<String> {
    let address = here();
    let path = window().location().pathname().ok()?;
    (path == region.path && SHOWN.with_borrow(|shown| *shown != address)).then_some(address)
}
