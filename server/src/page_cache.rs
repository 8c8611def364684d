//! Whole public pages kept for visitors who are not signed in.
//!
//! Most requests come from visitors without an account, and most of those ask for the same few pages: the front
//! page, searches, job pages, profiles, stories. A page that says it looks the same to all of them (see
//! [`app::server::cache::share_with_visitors`]) is kept whole with the shared data versions it was rendered under,
//! and sent again while those versions hold and it is younger than [`MAX_AGE`]: a change shows as soon as it moves
//! the versions, exactly as with the data caches beneath. A request carrying the session cookie never gets a kept
//! page and never has its page kept; neither does an answer that sets a cookie, shows a failure (`no-store`) or is
//! not a complete 200 page.
//!
//! A page's scripts carry a nonce that its Content-Security-Policy names. A kept page is sent with a new nonce each
//! time, so no two answers share one.

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use app::server::cache::{COUNTED_VIEW_HEADER, RequestVersions, SHARED_PAGE_HEADER, Versions};
use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use quick_cache::{Weighter, sync::Cache};

use crate::web::{SESSION_COOKIE, ServerState};

/// How long a kept page may be sent at most, for what moves with the clock rather than with writes.
pub const MAX_AGE: Duration = Duration::from_secs(60);

/// Larger pages are sent but not kept.
const LARGEST_PAGE: usize = 1 << 20;

/// The kept pages by address (path and query), bounded by their size in bytes.
#[derive(Clone)]
pub struct PageCache {
    pages: Arc<Cache<String, Arc<Page>, BySize>>,
}

struct Page {
    stored: Instant,
    versions: Versions,
    /// The answer's headers but its security policy.
    headers: HeaderMap,
    /// The security policy and the body, each cut where the nonce was.
    policy: Vec<String>,
    body: Vec<Bytes>,
    size: usize,
    /// The job whose page this is, when showing it counts a view.
    counted_view: Option<i64>,
}

#[derive(Clone)]
struct BySize;

impl Weighter<String, Arc<Page>> for BySize {
    fn weight(&self, key: &String, page: &Arc<Page>) -> u64 {
        (key.len() + page.size) as u64
    }
}

impl PageCache {
    /// A cache holding up to `bytes` of pages, or none for 0.
    pub fn new(bytes: u64) -> Option<Self> {
        (bytes > 0).then(|| Self {
            // About 40 KB a page.
            pages: Arc::new(Cache::with_weighter(
                (bytes / 40_000).max(16) as usize,
                bytes,
                BySize,
            )),
        })
    }
}

/// Sends a kept page when one is valid, or passes the request on and keeps its answer when it may be shared. Takes
/// the application's internal marks off every answer.
pub async fn serve(State(state): State<ServerState>, mut request: Request, next: Next) -> Response {
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
        && page.versions == versions
        && page.stored.elapsed() < MAX_AGE
    {
        if let Some(job) = page.counted_view {
            state.app.counters.view(job);
        }
        return page.response();
    }
    request
        .extensions_mut()
        .insert(RequestVersions::holding(versions));
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
    if body.len() <= LARGEST_PAGE {
        let policy = parts
            .headers
            .remove(header::CONTENT_SECURITY_POLICY)
            .and_then(|value| value.to_str().ok().map(str::to_owned))
            .unwrap_or_default();
        let mut headers = parts.headers.clone();
        headers.remove(header::CONTENT_LENGTH);
        let page = Page {
            stored: Instant::now(),
            versions,
            headers,
            policy: policy.split(&nonce).map(str::to_owned).collect(),
            body: cut_at(&body, nonce.as_bytes()),
            size: body.len(),
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

/// Whether the request belongs to a session (a signed-in person, or one with a form's values kept for them).
fn signed_in(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .any(|cookie| {
            cookie
                .trim()
                .split_once('=')
                .is_some_and(|(name, _)| name == SESSION_COOKIE)
        })
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

/// `body` in pieces, cut out wherever `nonce` was.
fn cut_at(body: &Bytes, nonce: &[u8]) -> Vec<Bytes> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for at in memchr::memmem::find_iter(body, nonce) {
        pieces.push(body.slice(start..at));
        start = at + nonce.len();
    }
    pieces.push(body.slice(start..));
    pieces
}

impl Page {
    /// The kept answer with a new nonce.
    fn response(&self) -> Response {
        let nonce = leptos::nonce::Nonce::new().to_string();
        let mut body = Vec::with_capacity(self.size + self.body.len() * nonce.len());
        for (i, piece) in self.body.iter().enumerate() {
            if i > 0 {
                body.extend_from_slice(nonce.as_bytes());
            }
            body.extend_from_slice(piece);
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_is_cut_wherever_the_nonce_was() {
        let body = Bytes::from_static(
            b"<script nonce=\"N0nce\">a</script><p>x</p><script nonce=\"N0nce\"></script>",
        );
        let pieces = cut_at(&body, b"N0nce");
        assert_eq!(pieces.len(), 3);
        let joined: Vec<u8> = pieces.join(&b"fresh"[..]);
        assert_eq!(
            joined,
            b"<script nonce=\"fresh\">a</script><p>x</p><script nonce=\"fresh\"></script>"
        );
        assert_eq!(cut_at(&Bytes::from_static(b"none here"), b"N0nce").len(), 1);
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
