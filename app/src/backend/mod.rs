//! Server-only code: storage, sessions and the helpers server functions call. Never compiled to WebAssembly.

pub mod alerts;
pub mod articles;
pub mod cache;
pub mod companies;
pub mod db;
pub mod domains;
pub mod jobs;
pub mod logos;
pub mod mail;
pub mod moderation;
pub mod once;
pub mod passwords;
pub mod pictures;
pub mod rate_limit;
pub mod search;
pub mod session_store;
pub mod settings;
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
    /// What public pages show, kept while the shared data versions hold (shared: the state is copied per request).
    pub caches: std::sync::Arc<Caches>,
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
    /// This instance's job search index.
    pub search: search::SearchIndex,
}

/// The read-through caches of public pages' data (see [`cache`]).
#[derive(Clone, Debug)]
pub struct Caches {
    /// Job searches' answers by query.
    pub searches: cache::Cache<String, jobs::Found>,
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
    pub articles: cache::Cache<String, Option<articles::Public>>,
    /// Pages of public articles by scope and page number.
    pub article_lists: cache::Cache<(articles::Scope, u32), (Vec<articles::Summary>, i64)>,
    /// Tags by key.
    pub tags: cache::Cache<String, Option<hubboard::article::Tag>>,
    /// The companies and jobs a tag's or category's page shows.
    pub hub_links: cache::Cache<articles::Scope, (Vec<companies::Listing>, Vec<jobs::Listing>)>,
    /// Rendered feeds by address, LZ4-compressed with their length first (`None`: no such feed).
    pub feeds: cache::Cache<String, Option<Box<[u8]>>>,
    /// Sitemaps by address, LZ4-compressed with their length first. Crawlers are told to keep them for an hour
    /// and read them about as often; building them reads every listing, so they are rebuilt at most every five
    /// minutes whatever changes, rather than after every write.
    pub sitemaps: cache::Cache<String, Box<[u8]>>,
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
            searches: cache::Cache::new(Duration::from_secs(300), share(12)),
            jobs: cache::Cache::new(ttl, share(14)),
            companies: cache::Cache::new(Duration::from_secs(300), share(12)),
            open_jobs: cache::Cache::new(ttl, share(5)),
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
            // A sitemap of 50,000 addresses is about a megabyte compressed; a few must fit whatever the budget.
            sitemaps: cache::Cache::<String, Box<[u8]>>::new(
                Duration::from_secs(300),
                share(4).max(8 << 20),
            )
            .weighing(|sitemap| sitemap.len() + 64)
            .by_time_only(),
        }
    }
}

/// Runs `work` (a server function called while a page renders) as a task of its own, under the current request's
/// owner and context, and waits for its answer.
///
/// The renderer polls a view's future once, early, with a waker that does nothing, and then only when the page
/// reaches that view. A database query started in that first poll joins the connection pool's queue, which is
/// fair: connections freed meanwhile are handed to it in turn and wait there, unused, while the parts of the page
/// before it wait for a connection themselves. A few such pages at once hold every connection that way until the
/// pool's time limit. As a task of its own, the work is driven as soon as it can go on, whoever waits for it.
pub async fn on_its_own<T: Send + 'static>(
    work: impl std::future::Future<Output = Result<T, AppError>> + Send + 'static,
) -> Result<T, AppError> {
    use leptos::reactive::{computed::ScopedFuture, owner::Sandboxed};
    let scoped = Sandboxed::new(ScopedFuture::new_untracked(work));
    let answer = match tokio::spawn(scoped).await {
        Ok(answer) => answer,
        Err(error) => {
            tracing::error!(%error, "a task of a page failed");
            Err(AppError::Internal)
        }
    };
    // The part of the page it serves is built from this answer, whatever it shows instead of a failure.
    cache::keep_out_if_failed(&answer);
    answer
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
    let reading = cache::reading(&state.db).await?;
    let db = state.db.clone();
    pick(&state.caches)
        .get_or_load(key, &reading, move || load(db))
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
    // Everything left of it was written by the client itself, so an entry that cannot be read ends the walk
    // there: skipping it would let a client choose the address it is counted under.
    let forwarded: Vec<&str> = parts
        .headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .collect();
    let mut client = peer;
    for entry in forwarded.into_iter().rev() {
        let Some(address) = forwarded_address(entry) else {
            break;
        };
        client = address;
        if !trusted.contains(&address) {
            break;
        }
    }
    client
}

/// The address of one `X-Forwarded-For` entry: `192.0.2.7`, `2001:db8::7`, or with a port as some proxies write
/// them, `192.0.2.7:4711` or `[2001:db8::7]:4711`.
fn forwarded_address(entry: &str) -> Option<IpAddr> {
    if let Ok(address) = entry.parse() {
        return Some(address);
    }
    entry
        .parse::<SocketAddr>()
        .ok()
        .map(|socket| socket.ip())
        .or_else(|| {
            entry
                .strip_prefix('[')
                .and_then(|rest| rest.strip_suffix(']'))
                .and_then(|inner| inner.parse().ok())
        })
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

/// The signed-in user whose account may act, if any: `None` for a visitor, and for an account that must first
/// replace its one-time password (see [`signed_in_user`]). Every authorisation starts here. Ends sessions that
/// outlived the absolute limit or whose account is gone.
pub async fn current_user() -> Result<Option<User>, AppError> {
    user_of_session(&db()?, &session()?).await
}

/// Whoever is signed in, including an account that must replace its one-time password before it may do anything
/// but that and signing out: for the header, the account page and the password change itself.
pub async fn signed_in_user() -> Result<Option<User>, AppError> {
    session_user(&db()?, &session()?).await
}

/// The user signed in with `session` who may act, for handlers outside Leptos (uploads, images). See
/// [`current_user`].
pub async fn user_of_session(db: &Db, session: &Session) -> Result<Option<User>, AppError> {
    Ok(session_user(db, session)
        .await?
        .filter(|user| !user.must_change_password))
}

/// How long a one-time password given by staff may be used before it must have been replaced.
pub const ONE_TIME_PASSWORD_SECS: i64 = 72 * 3600;

/// Whether `user` holds a one-time password that may no longer be used.
pub fn one_time_password_expired(user: &User, at: i64) -> bool {
    user.must_change_password && at - user.password_changed_at > ONE_TIME_PASSWORD_SECS
}

async fn session_user(db: &Db, session: &Session) -> Result<Option<User>, AppError> {
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
    let Some(user) = users::by_id(db, user_id)
        .await?
        .filter(|u| !u.suspended && !one_time_password_expired(u, at))
    else {
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

/// The signed-in user who may act, or 401 (403 for an account that must first replace its one-time password).
pub async fn require_user() -> Result<User, AppError> {
    match signed_in_user().await? {
        Some(user) if user.must_change_password => Err(AppError::Forbidden),
        Some(user) => Ok(user),
        None => Err(AppError::Unauthorized),
    }
}

/// The signed-in user, even one who must replace a one-time password, or 401: only for changing the password.
pub async fn require_signed_in() -> Result<User, AppError> {
    signed_in_user().await?.ok_or(AppError::Unauthorized)
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

/// The session key of the pending [`FormFlash`] of a signed-in person.
pub const FLASH_KEY: &str = "form_flash";

/// The cookie that carries the pending [`FormFlash`] of a visitor who is not signed in, so that a failed form of
/// theirs stores nothing on the server.
pub const FLASH_COOKIE: &str = "hubboard_form";

/// How much of a form is kept: at most `fields` values of at most `value_bytes` each, `total_bytes` in all. What
/// does not fit is left out (the field comes back empty or cut short), never refused.
#[derive(Clone, Copy, Debug)]
pub struct FlashLimits {
    pub fields: usize,
    pub value_bytes: usize,
    pub total_bytes: usize,
}

impl FlashLimits {
    /// Signed-in people's forms, the longest of which is a job's or article's text; their session holds it.
    pub const SIGNED_IN: Self = Self {
        fields: 64,
        value_bytes: 64 * 1024,
        total_bytes: 128 * 1024,
    };
    /// Visitors' forms (sign-in, registration, alerts, reports): short, and carried in a cookie.
    pub const VISITOR: Self = Self {
        fields: 8,
        value_bytes: 1024,
        total_bytes: 2 * 1024,
    };
}

impl FormFlash {
    /// The values of a form posted to `action`, within `limits`.
    pub fn within(action: &str, values: &[(&str, &str)], limits: FlashLimits) -> Self {
        let mut kept = Vec::new();
        let mut total = action.len();
        for (name, value) in values.iter().take(limits.fields) {
            let value = cut_at(value, limits.value_bytes);
            let size = name.len() + value.len();
            if name.len() > 64 || total + size > limits.total_bytes {
                continue;
            }
            total += size;
            kept.push(((*name).to_owned(), value.to_owned()));
        }
        Self {
            action: cut_at(action, 128).to_owned(),
            values: kept,
        }
    }

    /// The cookie value carrying this flash.
    pub fn to_cookie_value(&self) -> String {
        let json = serde_json::to_string(self).unwrap_or_default();
        url::form_urlencoded::byte_serialize(json.as_bytes()).collect()
    }

    /// The flash a cookie carries, if it is one and within a visitor's limits.
    pub fn from_cookie_value(value: &str) -> Option<Self> {
        let json: String = url::form_urlencoded::parse(format!("f={value}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())?;
        let flash: Self = serde_json::from_str(&json).ok()?;
        let pairs: Vec<(&str, &str)> = flash
            .values
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let bounded = Self::within(&flash.action, &pairs, FlashLimits::VISITOR);
        (bounded == flash).then_some(flash)
    }
}

/// `text` cut to at most `bytes`, at a character boundary.
fn cut_at(text: &str, bytes: usize) -> &str {
    if text.len() <= bytes {
        return text;
    }
    let mut end = bytes;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Keeps a plain form's non-secret values for the page it is redirected back to. JavaScript forms keep their
/// values in the page, so nothing is stored for them. A signed-in person's values wait in their session; a
/// visitor's in a short-lived cookie of their own, so a visitor's failed form never stores anything here.
pub async fn remember_form(action: &str, values: &[(&str, &str)]) {
    if !is_plain_form_post() {
        return;
    }
    let Ok(session) = session() else {
        return;
    };
    if matches!(session.get::<i64>(USER_ID_KEY).await, Ok(Some(_))) {
        remember_in_session(&session, action, values).await;
        return;
    }
    let flash = FormFlash::within(action, values, FlashLimits::VISITOR);
    let secure = state().is_ok_and(|s| s.secure_cookies);
    let cookie = format!(
        "{FLASH_COOKIE}={}; Path=/; Max-Age=300; HttpOnly; SameSite=Lax{}",
        flash.to_cookie_value(),
        if secure { "; Secure" } else { "" }
    );
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&cookie),
    ) {
        response.append_header(http::header::SET_COOKIE, value);
    }
}

/// Keeps a signed-in person's values for the page a plain form post is redirected back to, also from handlers
/// outside Leptos.
pub async fn remember_in_session(session: &Session, action: &str, values: &[(&str, &str)]) {
    let flash = FormFlash::within(action, values, FlashLimits::SIGNED_IN);
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
    AppError::Internal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_form_values_are_bounded() {
        let huge = "é".repeat(200_000);
        let many: Vec<(String, String)> = (0..100)
            .map(|i| (format!("f{i}"), "x".repeat(100)))
            .collect();
        let mut values: Vec<(&str, &str)> = vec![("email", huge.as_str())];
        values.extend(many.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        for limits in [FlashLimits::VISITOR, FlashLimits::SIGNED_IN] {
            let flash = FormFlash::within("/api/sign-in", &values, limits);
            let size: usize = flash.values.iter().map(|(k, v)| k.len() + v.len()).sum();
            assert!(size <= limits.total_bytes);
            assert!(flash.values.len() <= limits.fields);
            assert!(
                flash
                    .values
                    .iter()
                    .all(|(_, v)| v.len() <= limits.value_bytes)
            );
        }
        let visitor = FormFlash::within("/api/sign-in", &values, FlashLimits::VISITOR);
        // Cut at a character boundary, and the short fields after it still kept.
        assert_eq!(visitor.values[0].1, "é".repeat(512));
        assert_eq!(visitor.values[1].0, "f0");
    }

    #[test]
    fn a_visitors_form_survives_its_cookie_and_a_forged_oversized_one_does_not() {
        let flash = FormFlash::within(
            "/api/sign-in",
            &[
                ("email", "a; b=c \"q\" ü@example.com"),
                ("next", "/jobs?q=a&b"),
            ],
            FlashLimits::VISITOR,
        );
        let value = flash.to_cookie_value();
        assert!(
            value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"%+-._*".contains(&b))
        );
        assert_eq!(FormFlash::from_cookie_value(&value), Some(flash));
        let forged = FormFlash {
            action: "/api/sign-in".into(),
            values: vec![("email".into(), "x".repeat(5000))],
        };
        assert_eq!(
            FormFlash::from_cookie_value(&forged.to_cookie_value()),
            None
        );
        assert_eq!(FormFlash::from_cookie_value("%%%"), None);
    }

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

    #[test]
    fn a_forwarded_entry_that_cannot_be_read_is_never_skipped() {
        let proxy: IpAddr = [10, 0, 0, 2].into();
        // The client wrote the first entry; the balancer's own entry is unreadable. Going past it would count the
        // client under the address it chose.
        let tampered = request([10, 0, 0, 2], &["198.51.100.1, garbage"]);
        assert_eq!(client_address(&tampered, &[proxy]), proxy);
        // Proxies that write the client's port: the address is still read.
        let with_port = request([10, 0, 0, 2], &["198.51.100.1, 203.0.113.9:4711"]);
        assert_eq!(
            client_address(&with_port, &[proxy]),
            IpAddr::from([203, 0, 113, 9])
        );
        let v6 = request([10, 0, 0, 2], &["198.51.100.1, [2001:db8::7]:4711"]);
        assert_eq!(
            client_address(&v6, &[proxy]),
            "2001:db8::7".parse::<IpAddr>().unwrap()
        );
        let v6_bare = request([10, 0, 0, 2], &["[2001:db8::8]"]);
        assert_eq!(
            client_address(&v6_bare, &[proxy]),
            "2001:db8::8".parse::<IpAddr>().unwrap()
        );
    }
}
