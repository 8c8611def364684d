//! Whole public pages kept for visitors who are not signed in.
//!
//! Most requests come from visitors without an account, and most of those ask for the same few pages: the front
//! page, searches, job pages, profiles, stories. A page that says it looks the same to all of them (see
//! [`app::backend::cache::share_with_visitors`]) is kept whole with what it shows (every listing and kind of list its
//! answers noted, see [`app::backend::cache`]), and sent again while none of that has changed and it is younger than
//! [`MAX_AGE`]: a change shows as soon as this instance has followed it, exactly as with the data caches beneath,
//! and an edit to one listing leaves the pages that do not show it. A request carrying the session cookie never gets a kept
//! page and never has its page kept; neither does an answer that sets a cookie, shows a failure (`no-store`) or is
//! not a complete 200 page.
//!
//! A page's scripts carry a nonce that its Content-Security-Policy names. A kept page is sent with a new nonce each
//! time, so no two answers share one.

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use app::backend::cache::{COUNTED_VIEW_HEADER, RequestVersions, SHARED_PAGE_HEADER, Shown};
use axum::{
    body::Body,
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use quick_cache::{Weighter, sync::Cache};

use crate::state::{SESSION_COOKIE, cookie_value};

/// How long a kept page may be sent at most, for what moves with the clock rather than with writes.
pub const MAX_AGE: Duration = Duration::from_secs(60);

/// The length of a nonce: 16 random bytes in unpadded base64.
const NONCE_LEN: usize = 22;

/// Larger pages are sent but not kept.
const LARGEST_PAGE: usize = 1 << 20;

/// The kept pages by address (path and query), bounded by their size in bytes.
#[derive(Clone)]
pub struct PageCache {
    pages: Arc<Cache<String, Arc<Page>, BySize>>,
}

struct Page {
    stored: Instant,
    shown: Shown,
    /// The answer's headers but its security policy.
    headers: HeaderMap,
    /// The security policy, cut where the nonce was.
    policy: Vec<String>,
    /// The body, compressed: pages are mostly markup, which LZ4 shrinks about fourfold and restores in microseconds.
    compressed: Box<[u8]>,
    /// The body's length, and where the nonce is in it.
    len: usize,
    nonce_at: Vec<usize>,
    /// The job whose page this is, when showing it counts a view.
    counted_view: Option<i64>,
}

#[derive(Clone)]
struct BySize;

impl Weighter<String, Arc<Page>> for BySize {
    fn weight(&self, key: &String, page: &Arc<Page>) -> u64 {
        // The headers and the bookkeeping are about half a kilobyte.
        (key.len() + page.compressed.len() + 512) as u64
    }
}

impl PageCache {
    /// A cache holding up to `bytes` of pages, or none for 0.
    pub fn new(bytes: u64) -> Option<Self> {
        (bytes > 0).then(|| Self {
            // About 8 KB a page, compressed. The estimate sizes the record of recently dropped pages, which lets a
            // page asked for again soon after back in: too small, and a round of more pages than it remembers
            // would never be kept.
            pages: Arc::new(app::backend::cache::by_weight(
                (bytes / 8_000).max(16) as usize,
                bytes,
                BySize,
            )),
        })
    }
}

/// What the page cache's layer works with: the kept pages (none when the operator turned them off) and the
/// application's state, whose data versions tell whether a kept page still shows what is current.
#[derive(Clone)]
pub struct Kept {
    pub pages: Option<PageCache>,
    pub app: app::backend::AppState,
}

/// Sends a kept page when one is valid, or passes the request on and keeps its answer when it may be shared. Takes
/// the application's internal marks off every answer.
pub async fn serve(State(state): State<Kept>, mut request: Request, next: Next) -> Response {
    let cache = match &state.pages {
        Some(cache) if request.method() == Method::GET && !signed_in(request.headers()) => {
            cache.clone()
        }
        _ => return without_marks(next.run(request).await).0,
    };
    // The data caches beneath use the same reading, so the page is stamped with what it shows (or older).
    let Ok(versions) = state.app.versions.get(&state.app.db).await else {
        return without_marks(next.run(request).await).0;
    };
    let key = request.uri().to_string();
    if let Some(page) = cache.pages.get(&key)
        && page.stored.elapsed() < MAX_AGE
        && state.app.versions.still_shows(&page.shown, &versions)
        && let Some(response) = page.response(page.stored.elapsed())
    {
        if let Some(job) = page.counted_view {
            state.app.counters.view(job);
        }
        return response;
    }
    let memo = RequestVersions::holding(versions);
    request.extensions_mut().insert(memo.clone());
    let (response, marks) = without_marks(next.run(request).await);
    if !marks.shared || !shareable(&response) {
        return response;
    }
    let Some(nonce) = policy_nonce(response.headers()) else {
        return response;
    };
    let (mut parts, body) = response.into_parts();
    let body = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(body) => body,
        Err(error) => {
            tracing::warn!(error = %error, "a page's body failed while it was read for keeping");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    // Kept pages are sent with a new nonce written over the old: Leptos's are all one length.
    if body.len() <= LARGEST_PAGE && nonce.len() == NONCE_LEN {
        let policy = parts
            .headers
            .remove(header::CONTENT_SECURITY_POLICY)
            .and_then(|value| value.to_str().ok().map(str::to_owned))
            .unwrap_or_default();
        let mut headers = parts.headers.clone();
        headers.remove(header::CONTENT_LENGTH);
        let page = Page {
            stored: Instant::now(),
            // Gathered while the page was made, which is over now that its body has been read.
            shown: memo.shown(),
            headers,
            policy: policy.split(&nonce).map(str::to_owned).collect(),
            compressed: lz4_flex::block::compress(&body).into_boxed_slice(),
            len: body.len(),
            nonce_at: memchr::memmem::find_iter(&body, nonce.as_bytes()).collect(),
            counted_view: marks.counted_view,
        };
        cache.pages.insert(key, Arc::new(page));
        if let Ok(policy) = HeaderValue::from_str(&policy) {
            parts
                .headers
                .insert(header::CONTENT_SECURITY_POLICY, policy);
        }
    }
    Response::from_parts(parts, Body::from(body))
}

/// Whether the request belongs to a session (a signed-in person), or brings a form's values back to its page.
fn signed_in(headers: &HeaderMap) -> bool {
    cookie_value(headers, SESSION_COOKIE).is_some()
        || cookie_value(headers, app::backend::FLASH_COOKIE).is_some()
}

/// What the application marked on an answer.
struct Marks {
    shared: bool,
    counted_view: Option<i64>,
}

fn without_marks(mut response: Response) -> (Response, Marks) {
    let headers = response.headers_mut();
    let shared = headers.remove(SHARED_PAGE_HEADER).is_some();
    let counted_view = headers
        .remove(COUNTED_VIEW_HEADER)
        .and_then(|value| value.to_str().ok()?.parse().ok());
    (
        response,
        Marks {
            shared,
            counted_view,
        },
    )
}

/// A complete page that sets no cookie and shows no failure.
fn shareable(response: &Response) -> bool {
    let headers = response.headers();
    response.status() == StatusCode::OK
        && !headers.contains_key(header::SET_COOKIE)
        && headers
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.starts_with("text/html"))
        && !headers
            .get_all(header::CACHE_CONTROL)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .any(|value| value.contains("no-store") || value.contains("private"))
}

/// The nonce a page's security policy allows scripts by.
fn policy_nonce(headers: &HeaderMap) -> Option<String> {
    let policy = headers
        .get(header::CONTENT_SECURITY_POLICY)?
        .to_str()
        .ok()?;
    let (_, rest) = policy.split_once("'nonce-")?;
    let (nonce, _) = rest.split_once('\'')?;
    (nonce.len() >= 16).then(|| nonce.to_owned())
}

impl Page {
    /// The kept answer with a new nonce (of the same length as every nonce) and its `Age` (how long ago it was
    /// made, as HTTP caches say it), or `None` if it cannot be restored.
    fn response(&self, age: Duration) -> Option<Response> {
        let nonce = leptos::nonce::Nonce::new().to_string();
        let mut body = lz4_flex::block::decompress(&self.compressed, self.len).ok()?;
        for &at in &self.nonce_at {
            body.get_mut(at..at + nonce.len())?
                .copy_from_slice(nonce.as_bytes());
        }
        let mut response = Response::new(Body::from(body));
        *response.headers_mut() = self.headers.clone();
        // Without it the strict policy every answer gets by default applies, and the page's scripts do not run.
        if let Ok(policy) = HeaderValue::from_str(&self.policy.join(&nonce)) {
            response
                .headers_mut()
                .insert(header::CONTENT_SECURITY_POLICY, policy);
        }
        response
            .headers_mut()
            .insert(header::AGE, HeaderValue::from(age.as_secs()));
        Some(response)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_page_is_restored_with_a_new_nonce_of_the_same_length() {
        let old = "A".repeat(NONCE_LEN);
        let body =
            format!("<script nonce=\"{old}\">a</script><p>x</p><script nonce=\"{old}\"></script>");
        let page = Page {
            stored: Instant::now(),
            shown: RequestVersions::default().shown(),
            headers: HeaderMap::new(),
            policy: vec!["script-src 'nonce-".into(), "'".into()],
            compressed: lz4_flex::block::compress(body.as_bytes()).into_boxed_slice(),
            len: body.len(),
            nonce_at: memchr::memmem::find_iter(body.as_bytes(), old.as_bytes()).collect(),
            counted_view: None,
        };
        assert_eq!(page.nonce_at.len(), 2);
        let response = page.response(Duration::from_secs(3)).unwrap();
        assert_eq!(response.headers()[header::AGE], "3");
        let policy = response.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap();
        let nonce = policy
            .trim_start_matches("script-src 'nonce-")
            .trim_end_matches('\'')
            .to_owned();
        assert_eq!(nonce.len(), NONCE_LEN);
        assert_ne!(nonce, old);
        assert_eq!(leptos::nonce::Nonce::new().to_string().len(), NONCE_LEN);
        let body_now =
            futures::executor::block_on(axum::body::to_bytes(response.into_body(), usize::MAX))
                .unwrap();
        assert_eq!(
            String::from_utf8(body_now.to_vec()).unwrap(),
            body.replace(&old, &nonce)
        );
    }

    #[test]
    fn only_the_session_cookie_makes_a_request_personal() {
        let with = |cookie: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::COOKIE, HeaderValue::from_str(cookie).unwrap());
            signed_in(&headers)
        };
        assert!(with(&format!("{SESSION_COOKIE}=abc")));
        assert!(with(&format!("theme=dark; {SESSION_COOKIE}=abc")));
        assert!(!with("theme=dark"));
        assert!(!with(&format!("not_{SESSION_COOKIE}=abc")));
        assert!(!signed_in(&HeaderMap::new()));
    }

    #[test]
    fn only_complete_pages_without_cookies_or_failures_are_kept() {
        let page = |status: StatusCode, headers: &[(header::HeaderName, &'static str)]| {
            let mut response = Response::new(Body::empty());
            *response.status_mut() = status;
            for (name, value) in headers {
                response
                    .headers_mut()
                    .append(name.clone(), HeaderValue::from_static(value));
            }
            shareable(&response)
        };
        let html = (header::CONTENT_TYPE, "text/html; charset=utf-8");
        assert!(page(StatusCode::OK, std::slice::from_ref(&html)));
        assert!(!page(StatusCode::NOT_FOUND, std::slice::from_ref(&html)));
        assert!(!page(
            StatusCode::OK,
            &[(header::CONTENT_TYPE, "application/json")]
        ));
        assert!(!page(
            StatusCode::OK,
            &[html.clone(), (header::SET_COOKIE, "a=b")]
        ));
        assert!(!page(
            StatusCode::OK,
            &[html.clone(), (header::CACHE_CONTROL, "no-store")]
        ));
        assert!(!page(
            StatusCode::OK,
            &[html, (header::CACHE_CONTROL, "private, max-age=0")]
        ));
    }

    #[test]
    fn the_nonce_is_read_from_the_policy() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'self'; script-src 'self' 'nonce-abcdefghijklmnopqrstuv' 'wasm-unsafe-eval'"),
        );
        assert_eq!(
            policy_nonce(&headers).as_deref(),
            Some("abcdefghijklmnopqrstuv")
        );
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'"),
        );
        assert_eq!(policy_nonce(&headers), None);
    }
}
