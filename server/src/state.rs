//! What every handler shares: the server's state, the session cookie, the signed-in user of a request, and the page
//! of last resort. The router (`web.rs`) and the handlers it routes to (uploads, feeds, the sitemap, the audit export,
//! the page cache) all stand on this.

use std::sync::Arc;

use app::backend::{AppState, db::Db, user_of_session, users::User};
use axum::{
    extract::FromRef,
    http::{StatusCode, header},
    response::{Html, IntoResponse, Response},
};
use leptos::prelude::LeptosOptions;
use tower_sessions::Session;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "hubboard_session";

/// What handlers share, behind one pointer: every middleware with state gets its own copy per request.
#[derive(Clone)]
pub struct ServerState(Arc<Shared>);

impl ServerState {
    pub fn new(shared: Shared) -> Self {
        Self(Arc::new(shared))
    }
}

impl std::ops::Deref for ServerState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// What [`ServerState`] points at.
pub struct Shared {
    pub app: AppState,
    pub leptos: LeptosOptions,
    pub site_origin: Arc<str>,
}

impl FromRef<ServerState> for LeptosOptions {
    fn from_ref(state: &ServerState) -> Self {
        state.leptos.clone()
    }
}

/// The value of the cookie `name` a request carries.
pub fn cookie_value<'a>(headers: &'a http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|cookie| cookie.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// The signed-in user of a request, or the answer for someone who is not (401) or cannot be checked now (503).
pub(crate) async fn signed_in(db: &Db, session: &Session) -> Result<User, Response> {
    match user_of_session(db, session).await {
        Ok(Some(user)) => Ok(user),
        Ok(None) => Err((StatusCode::UNAUTHORIZED, "Please sign in first.").into_response()),
        Err(_) => Err((
            StatusCode::SERVICE_UNAVAILABLE,
            "Please try again in a moment.",
        )
            .into_response()),
    }
}

/// The page sent when a handler panicked: plain HTML that needs nothing else to render.
pub fn internal_error_page() -> Response {
    let body = Html(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Something went wrong · Hubboard</title>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head><body>\
         <main><h1>Something went wrong</h1><p>Something went wrong on our side. Please try again in a moment.</p>\
         <p><a href=\"/\">Go to the front page</a></p></main></body></html>",
    );
    (StatusCode::INTERNAL_SERVER_ERROR, body).into_response()
}
