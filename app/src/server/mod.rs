//! Server-only code: storage, sessions and the helpers server functions call. Never compiled to WebAssembly.

pub mod alerts;
pub mod articles;
pub mod cache;
pub mod companies;
pub mod db;
pub mod jobs;
pub mod logos;
pub mod mail;
pub mod moderation;
pub mod passwords;
pub mod rate_limit;
pub mod session_store;
pub mod tokens;
pub mod users;

use std::net::{IpAddr, SocketAddr};

use axum::extract::ConnectInfo;
use http::request::Parts;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use crate::error::AppError;
use db::{Db, now};
use session_store::USER_ID_KEY;
use users::User;

/// What every request handler may use; provided to server functions and pages as Leptos context.
#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Db,
    /// Whether clients reach the site over https, which makes cookies `Secure`.
    pub secure_cookies: bool,
    /// The site's public address without a trailing slash, for links that leave the site (mail, shared links).
    pub site_url: std::sync::Arc<str>,
    /// The featured jobs for the sidebar, kept briefly.
    pub featured: jobs::FeaturedCache,
    /// What public pages show, kept while the shared data versions hold.
    pub caches: Caches,
    /// The shared data versions as this instance last read them.
    pub versions: cache::SharedVersions,
    /// Job views and apply clicks not yet written.
    pub counters: jobs::Counters,
    /// Seconds between the rounds that write alert mail.
    pub alerts_every_secs: i64,
    /// Multiplies every abuse limit (1 unless an operator raises it).
    pub limit_factor: i64,
    /// Reverse proxies whose `X-Forwarded-For` names the client (the balancer in front of the instances).
    pub trusted_proxies: std::sync::Arc<[IpAddr]>,
}

/// The read-through caches of public pages' data (see [`cache`]).
#[derive(Clone, Debug)]
pub struct Caches {
    /// Job searches' answers by query.
    pub searches: cache::Cache<String, crate::jobs::JobsResults>,
    /// What anyone may see of a job, by id (`None`: no such job).
    pub jobs: cache::Cache<i64, Option<jobs::PublicJob>>,
    /// Companies by address, or where a former address now leads.
    pub companies: cache::Cache<String, companies::Lookup>,
    /// A company's open jobs, by company id.
    pub open_jobs: cache::Cache<i64, Vec<jobs::Listing>>,
    /// Directory pages by filter and page.
    pub directory: cache::Cache<String, (Vec<companies::Listing>, i64)>,
    /// The sidebar's company in the spotlight.
    pub spotlight: cache::Cache<(), Option<companies::Listing>>,
    /// The directory's filter lists (places and initials).
    pub filter_lists: cache::Cache<(), companies::FilterLists>,
    /// Articles by address, with the jobs their page shows (`None`: no such article).
    pub articles: cache::Cache<String, Option<crate::articles::PublicArticle>>,
    /// Pages of public articles by scope and page number.
    pub article_lists: cache::Cache<(articles::Scope, u32), (Vec<articles::Summary>, i64)>,
    /// Tags by key.
    pub tags: cache::Cache<String, Option<hubboard::article::Tag>>,
    /// The companies and jobs a tag's or category's page shows.
    pub hub_links: cache::Cache<articles::Scope, (Vec<companies::Listing>, Vec<jobs::Listing>)>,
    /// Rendered feeds by address, LZ4-compressed with their length first (`None`: no such feed).
    pub feeds: cache::Cache<String, Option<Box<[u8]>>>,
    /// The sitemap index and the hubs sitemap by address. Crawlers are told to keep them for an hour and read them
    /// about as often; building them counts every listing, so they are rebuilt at most every five minutes whatever
    /// changes, rather than after every write.
    pub sitemaps: cache::Cache<String, String>,
}

impl Default for Caches {
    fn default() -> Self {
        Self::within(DATA_CACHE_BYTES)
    }
}

/// What the caches of pages' data hold at most unless the operator says otherwise.
pub const DATA_CACHE_BYTES: u64 = 32 << 20;

impl Caches {
    /// Caches holding about `bytes` of answers between them, shared out by how costly and how often asked for
    /// each kind is. Visitors' repeat views are answered from the whole pages the server keeps, so these serve
    /// the pages' first renders, signed-in people and the browser's own navigation.
    pub fn within(bytes: u64) -> Self {
        use std::time::Duration;
        // In hundredths of the whole.
        let share = |percent: u64| bytes * percent / 100;
        // Time limits for what moves with the clock.
        let ttl = Duration::from_secs(30);
        Self {
            // Searches' counts are the costliest answers; what moves with the clock there (the "posted within"
            // counts) moves by the day, so five minutes is close enough.
            searches: cache::Cache::new(Duration::from_secs(300), share(12))
                .reading(cache::Reads::JOBS),
            jobs: cache::Cache::new(ttl, share(14)).reading(cache::Reads::JOBS),
            companies: cache::Cache::new(Duration::from_secs(300), share(12))
                .reading(cache::Reads::COMPANIES),
            open_jobs: cache::Cache::new(ttl, share(5)).reading(cache::Reads::JOBS),
            directory: cache::Cache::new(ttl, share(5)),
            spotlight: cache::Cache::new(Duration::from_secs(300), share(1)),
            filter_lists: cache::Cache::new(Duration::from_secs(300), share(3)),
            articles: cache::Cache::new(Duration::from_secs(300), share(14)),
            // Every company's news is a list of its own.
            article_lists: cache::Cache::new(Duration::from_secs(300), share(8)),
            tags: cache::Cache::new(Duration::from_secs(300), share(1)),
            hub_links: cache::Cache::new(ttl, share(5)),
            feeds: cache::Cache::new(ttl, share(16))
                .weighing(|feed| feed.as_ref().map_or(0, |bytes| bytes.len()) + 64),
            // The hubs sitemap is one answer of up to a few megabytes; it must fit whatever the budget.
            sitemaps: cache::Cache::new(Duration::from_secs(300), share(4).max(4 << 20))
                .reading(cache::Reads::NONE),
        }
    }
}

/// The application state of the current request.
pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        // Every request has it. A page render under load can leave a superseded resource's fetch running after
        // its part of the page was dropped; that fetch ends here, and nobody is waiting for its answer.
        tracing::debug!("no application state: the part of the page that asked has gone");
        AppError::Internal
    })
}

/// The answer for `key` from the cache `pick` chooses, under the current request's data versions, or a fresh one
/// from `load` given the database.
pub async fn cached<K, V, F>(
    pick: impl FnOnce(&Caches) -> &cache::Cache<K, V>,
    key: K,
    load: impl FnOnce(Db) -> F,
) -> Result<std::sync::Arc<V>, AppError>
where
    K: Eq + std::hash::Hash + Clone,
    V: std::fmt::Debug + Send + Sync + 'static,
    F: std::future::Future<Output = Result<V, AppError>> + Send + 'static,
{
    let state = state()?;
    let versions = cache::versions(&state.db).await?;
    let db = state.db.clone();
    pick(&state.caches)
        .get_or_load(key, versions, move || load(db))
        .await
}

/// The database of the current request.
pub fn db() -> Result<Db, AppError> {
    Ok(state()?.db)
}

fn parts() -> Result<Parts, AppError> {
    use_context::<Parts>().ok_or_else(|| {
        tracing::error!("request parts missing from context");
        AppError::Internal
    })
}

/// The session of the current request.
pub fn session() -> Result<Session, AppError> {
    parts()?
        .extensions
        .get::<Session>()
        .cloned()
        .ok_or_else(|| {
            tracing::error!("session layer missing");
            AppError::Internal
        })
}

/// The address of the client: the socket's peer, or, when the peer is a trusted proxy, the last address in
/// `X-Forwarded-For` that is not one of the trusted proxies.
pub fn client_ip() -> String {
    let Some(parts) = use_context::<Parts>() else {
        return IpAddr::from([0, 0, 0, 0]).to_string();
    };
    let trusted = state()
        .map(|s| s.trusted_proxies)
        .unwrap_or_else(|_| Vec::new().into());
    client_address(&parts, &trusted).to_string()
}

/// The client's address of a request, as [`client_ip`] finds it.
pub fn client_address(parts: &Parts, trusted: &[IpAddr]) -> IpAddr {
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip())
        .unwrap_or(IpAddr::from([0, 0, 0, 0]));
    if !trusted.contains(&peer) {
        return peer;
    }
    // Each proxy appends the address it received from; the rightmost one no trusted proxy wrote is the client.
    let forwarded: Vec<IpAddr> = parts
        .headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .filter_map(|part| part.trim().parse().ok())
        .collect();
    forwarded
        .into_iter()
        .rev()
        .find(|address| !trusted.contains(address))
        .unwrap_or(peer)
}

/// Counts one attempt at an action against each `(limit, subject)`, or refuses it with 429 and the wait.
pub async fn limit(checks: &[(rate_limit::Limit, &str)]) -> Result<(), AppError> {
    let state = state()?;
    match rate_limit::attempt(&state.db, state.limit_factor, checks).await? {
        Some(wait) => {
            tracing::info!(
                action = checks.first().map_or("", |c| c.0.action),
                "rate limited"
            );
            Err(AppError::RateLimited(wait))
        }
        None => Ok(()),
    }
}

/// Whether the request is a plain HTML form post (no JavaScript), which is answered with a redirect.
pub fn is_plain_form_post() -> bool {
    use_context::<Parts>().is_some_and(|parts| {
        parts
            .headers
            .get(http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"))
    })
}

fn session_error(error: tower_sessions::session::Error) -> AppError {
    tracing::error!(error = %error, "session store failed");
    cache::keep_out_of_caches();
    AppError::Unavailable
}

/// Sessions expire after this long without a request.
pub const IDLE_TIMEOUT_SECS: i64 = 14 * 24 * 3600;
/// A sign-in lasts at most this long, however active.
pub const ABSOLUTE_TIMEOUT_SECS: i64 = 30 * 24 * 3600;
const SIGNED_IN_AT_KEY: &str = "signed_in_at";
const SEEN_AT_KEY: &str = "seen_at";
/// How often an active session's idle deadline is pushed back (one write per interval, not per request).
const TOUCH_INTERVAL_SECS: i64 = 3600;

/// The signed-in user, if any. Ends sessions that outlived the absolute limit or whose account is gone.
pub async fn current_user() -> Result<Option<User>, AppError> {
    user_of_session(&db()?, &session()?).await
}

/// The user signed in with `session`, for handlers outside Leptos (uploads, images). See [`current_user`].
pub async fn user_of_session(db: &Db, session: &Session) -> Result<Option<User>, AppError> {
    let Some(user_id) = session
        .get::<i64>(USER_ID_KEY)
        .await
        .map_err(session_error)?
    else {
        return Ok(None);
    };
    let signed_in_at = session
        .get::<i64>(SIGNED_IN_AT_KEY)
        .await
        .map_err(session_error)?
        .unwrap_or(0);
    let at = now();
    if at - signed_in_at > ABSOLUTE_TIMEOUT_SECS {
        session.flush().await.map_err(session_error)?;
        return Ok(None);
    }
    let Some(user) = users::by_id(db, user_id).await?.filter(|u| !u.suspended) else {
        session.flush().await.map_err(session_error)?;
        return Ok(None);
    };
    let seen_at = session
        .get::<i64>(SEEN_AT_KEY)
        .await
        .map_err(session_error)?
        .unwrap_or(0);
    if at - seen_at > TOUCH_INTERVAL_SECS {
        session
            .insert(SEEN_AT_KEY, at)
            .await
            .map_err(session_error)?;
    }
    Ok(Some(user))
}

/// The signed-in user, or 401.
pub async fn require_user() -> Result<User, AppError> {
    current_user().await?.ok_or(AppError::Unauthorized)
}

/// Starts a signed-in session for `user` under a new session id, so an id planted before sign-in is worthless.
pub async fn start_session(user: &User) -> Result<(), AppError> {
    let session = session()?;
    session.cycle_id().await.map_err(session_error)?;
    let at = now();
    session
        .insert(USER_ID_KEY, user.id)
        .await
        .map_err(session_error)?;
    session
        .insert(SIGNED_IN_AT_KEY, at)
        .await
        .map_err(session_error)?;
    session
        .insert(SEEN_AT_KEY, at)
        .await
        .map_err(session_error)?;
    Ok(())
}

/// Ends the current session and removes its cookie.
pub async fn end_session() -> Result<(), AppError> {
    session()?.flush().await.map_err(session_error)
}

/// The id of the current session, if it has been stored.
pub fn session_id() -> Option<tower_sessions::session::Id> {
    session().ok().and_then(|s| s.id())
}

/// A submitted form's values, kept for one page view so a form posted without JavaScript comes back filled in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormFlash {
    /// The server function's path the form was posted to.
    pub action: String,
    pub values: Vec<(String, String)>,
}

/// The session key of the pending [`FormFlash`].
pub const FLASH_KEY: &str = "form_flash";

/// Keeps a plain form's non-secret values for the page it is redirected back to. JavaScript forms keep their
/// values in the page, so nothing is stored for them.
pub async fn remember_form(action: &str, values: &[(&str, &str)]) {
    if !is_plain_form_post() {
        return;
    }
    if let Ok(session) = session() {
        remember_in_session(&session, action, values).await;
    }
}

/// Keeps values for the page a plain form post is redirected back to, from handlers outside Leptos.
pub async fn remember_in_session(session: &Session, action: &str, values: &[(&str, &str)]) {
    let flash = FormFlash {
        action: action.to_owned(),
        values: values
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
    };
    if let Err(error) = session.insert(FLASH_KEY, flash).await {
        tracing::warn!(error = %error, "could not keep form values");
    }
}

/// A remembered value of the form posted to `action`, on the page view right after it.
pub fn flashed_value(action: &str, name: &str) -> Option<String> {
    let parts = use_context::<Parts>()?;
    let flash = parts.extensions.get::<FormFlash>()?;
    (flash.action == action).then(|| {
        flash
            .values
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    })?
}

/// Every remembered value named `name` of the form posted to `action`, or `None` if that form was not posted.
pub fn flashed_values(action: &str, name: &str) -> Option<Vec<String>> {
    let parts = use_context::<Parts>()?;
    let flash = parts.extensions.get::<FormFlash>()?;
    (flash.action == action).then(|| {
        flash
            .values
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    })
}

/// Logs an unexpected failure and returns the error the browser may see.
pub fn internal(context: &'static str, error: impl std::fmt::Display) -> AppError {
    tracing::error!(error = %error, "{context}");
    cache::keep_out_of_caches();
    AppError::Internal
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(peer: [u8; 4], forwarded: &[&str]) -> Parts {
        let mut builder = http::Request::builder();
        for value in forwarded {
            builder = builder.header("x-forwarded-for", *value);
        }
        let (mut parts, ()) = builder.body(()).unwrap().into_parts();
        parts
            .extensions
            .insert(ConnectInfo(SocketAddr::from((peer, 40_000))));
        parts
    }

    #[test]
    fn forwarded_addresses_count_only_from_trusted_proxies() {
        let proxy: IpAddr = [10, 0, 0, 2].into();
        // Straight from a client: its own address, whatever it claims.
        let direct = request([203, 0, 113, 7], &["198.51.100.1"]);
        assert_eq!(
            client_address(&direct, &[proxy]),
            IpAddr::from([203, 0, 113, 7])
        );
        // Through the balancer: the address the balancer saw, not what the client put in front of it.
        let proxied = request([10, 0, 0, 2], &["198.51.100.1, 203.0.113.9"]);
        assert_eq!(
            client_address(&proxied, &[proxy]),
            IpAddr::from([203, 0, 113, 9])
        );
        // Two headers, and a second trusted hop.
        let two = request([10, 0, 0, 2], &["203.0.113.9", "10.0.0.3"]);
        assert_eq!(
            client_address(&two, &[proxy, [10, 0, 0, 3].into()]),
            IpAddr::from([203, 0, 113, 9])
        );
        // A trusted proxy that forwards nothing usable: its own address.
        let bare = request([10, 0, 0, 2], &["not an address"]);
        assert_eq!(client_address(&bare, &[proxy]), proxy);
    }
}
