//! The HTTP side: routes, the Leptos handlers and the middleware every request passes through.

use app::{
    App, AppError,
    backend::{AppState, FLASH_COOKIE, FLASH_KEY, FormFlash, session_store::DbSessionStore},
    shell,
};
use axum::{
    Router,
    body::{Body, Bytes},
    extract::{Path, Request, State},
    http::{HeaderName, HeaderValue, Method, StatusCode, header},
    middleware::{self, Next},
    response::{Html, IntoResponse, Redirect, Response},
    routing::{get, post},
};
use leptos::prelude::*;
use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};
use tower::limit::GlobalConcurrencyLimitLayer;
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::{CompressionLayer, CompressionLevel},
    limit::RequestBodyLimitLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer},
    set_header::SetResponseHeaderLayer,
    trace::TraceLayer,
};
use tower_sessions::{Expiry, Session, SessionManagerLayer, cookie::SameSite};

use crate::{
    config::Config,
    feeds,
    page_cache::{self, PageCache},
    sitemap,
    state::{SESSION_COOKIE, ServerState, Shared, cookie_value, internal_error_page},
    uploads,
};

/// The largest request body accepted anywhere; forms are far smaller.
pub const BODY_LIMIT_BYTES: usize = 256 * 1024;

/// Leptos's options for this configuration: the built assets' names and where they are.
pub fn leptos_options(config: &Config) -> LeptosOptions {
    let mut options = leptos::config::get_configuration(None)
        .map(|conf| conf.leptos_options)
        .unwrap_or_else(|_| LeptosOptions::builder().output_name("hubboard").build());
    options.output_name = "hubboard".into();
    options.site_root = config.site_root.clone().into();
    options.site_pkg_dir = "pkg".into();
    options.site_addr = config.site_addr;
    options
}

/// The application's pages, worked out once per process.
///
/// Working them out runs the whole application with its data held back, and the framework holds back data for
/// *every* render in the process while it does so, for good: a resource that first asks for its data in that
/// moment never gets it, and its page never finishes. So a server starting (or anything else listing the routes)
/// while another server in the same process renders pages would leave some of those pages hanging. Listed once,
/// before the first server answers anything, there is nothing in flight to hold back.
pub fn routes() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The complete application router with its middleware.
pub fn router(config: &Config, app: AppState) -> Router {
    let leptos = leptos_options(config);
    let routes = routes();
    let state = ServerState::new(Shared {
        app: app.clone(),
        leptos: leptos.clone(),
        site_origin: config.site_origin().into(),
    });
    let kept = page_cache::Kept {
        pages: PageCache::new(config.page_cache_bytes),
        app: app.clone(),
    };

    let context = {
        let app = app.clone();
        move || provide_context(app.clone())
    };
    let sessions = SessionManagerLayer::new(DbSessionStore::new(app.db.clone()))
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(app.secure_cookies)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(time::Duration::seconds(
            app::backend::IDLE_TIMEOUT_SECS,
        )));

    let router = Router::new()
        .route("/readyz", get(readyz))
        .route("/favicon.svg", get(favicon))
        .route("/robots.txt", get(sitemap::robots))
        .route("/sitemap.xml", get(sitemap::index))
        .route("/sitemaps/{file}", get(sitemap::sitemap))
        .route("/feeds/{file}", get(feeds::top_level))
        .route("/feeds/{kind}/{file}", get(feeds::hub))
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let leptos = leptos.clone();
            move || shell(leptos.clone())
        })
        .route("/logos/{company}/{version}/{file}", get(uploads::logo))
        .route("/covers/{company}/{version}/{size}", get(uploads::cover))
        .route(
            "/article-images/{article}/{version}/{size}",
            get(uploads::article_image),
        )
        .route("/jobs/{job}/apply", get(apply))
        // The built CSS, JavaScript and WebAssembly (with their precompressed copies), served here rather than by
        // Leptos's fallback: that one answers a file inside a reactive owner made under whatever owner the thread
        // last ran, and so could take the headers of a page being rendered at the same moment, its policy included.
        .nest_service(
            &format!("/{}", leptos.site_pkg_dir),
            crate::assets::service(
                std::path::Path::new(&*leptos.site_root).join(&*leptos.site_pkg_dir),
            ),
        )
        .route("/admin/audit.csv", get(crate::audit_export::export))
        // The page at this address is Leptos's; mail programs and the page's button POST to it.
        .route("/alerts/unsubscribe/{token}", post(unsubscribe))
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            ServerState,
            _,
        >(context, shell))
        // Inside the page cache, so kept pages are kept finished.
        .layer(middleware::from_fn(crate::markup::finish_pages))
        // No answer is built for longer than this; uploads, outside it, take the time their images need.
        .layer(middleware::from_fn_with_state(
            config.render_timeout,
            time_limit,
        ))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT_BYTES))
        // The routes that take files have their own, larger limit.
        .merge(
            Router::new()
                .route("/uploads/company-logo", post(uploads::upload_logo))
                .route("/uploads/company-cover", post(uploads::upload_cover))
                .route(
                    "/uploads/article-image",
                    post(uploads::upload_article_image),
                )
                // Enforced while reading, so an oversized file is answered with a message next to the field.
                .layer(uploads::body_limit()),
        )
        .layer(middleware::map_response(server_fn_error_status))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            read_versions_once,
        ))
        .layer(middleware::from_fn(take_form_flash))
        .layer(middleware::from_fn(personal_pages_not_stored))
        .layer(sessions)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            refuse_cross_site,
        ))
        // One count for the whole router: a request waits here, holding no more than its connection, until fewer
        // than this many are being answered. Kept pages are sent without waiting.
        .layer(GlobalConcurrencyLimitLayer::new(config.max_renders))
        // A request's body is read in full before it waits for that count, so a client sending slowly holds
        // nothing but its own connection.
        .layer(middleware::from_fn_with_state(
            config.body_timeout,
            read_body_first,
        ))
        // Before the session is looked up: a kept page needs nothing of it.
        .layer(middleware::from_fn_with_state(kept, page_cache::serve))
        // Before anything renders or keeps a page: a form error in an address must be one this site wrote.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            signed_form_errors,
        ))
        .layer(middleware::from_fn(without_empty_parameters));
    // Inside the header layers, so the page sent after a panic carries them too.
    let router = router.layer(CatchPanicLayer::custom(|_| internal_error_page()));
    let https = config.site_origin().starts_with("https://");
    let router = with_security_headers(router, https);
    // The liveness probe answers from outside the stack: it needs no request id, log line, session, page cache,
    // compression or turn among the renders, and a load balancer asks for it many times a second. Its headers are
    // the same static ones every answer carries.
    let probe = with_security_headers(
        Router::new().route("/healthz", get(|| async { "ok" })),
        https,
    );
    // Pages are compressed as they are sent. Brotli at quality 5 makes a results page about 6 % smaller than the
    // layer's default of 4 for the same time (about 0.3 ms for 26 KB); higher qualities cost several times as much.
    let router = router
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(5)))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request| {
            let id = request.extensions().get::<RequestId>().and_then(|id| id.header_value().to_str().ok());
            tracing::info_span!("request", id = id.unwrap_or("-"), method = %request.method(), path = %loggable_path(request.uri().path()))
        })
        // One line per answered request, with its status and time.
        .on_response(tower_http::trace::DefaultOnResponse::new().level(tracing::Level::INFO)))
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state);
    probe.merge(router)
}

/// `router` with the headers every answer carries (unless the answer set its own policy), and on an HTTPS site the
/// instruction to keep to HTTPS: browsers that reached the site over HTTPS keep to it for two years; over plain
/// HTTP the header means nothing.
fn with_security_headers<S: Clone + Send + Sync + 'static>(
    router: Router<S>,
    https: bool,
) -> Router<S> {
    let router = SECURITY_HEADERS
        .into_iter()
        .fold(router, |router, (name, value)| {
            router.layer(SetResponseHeaderLayer::if_not_present(
                name,
                HeaderValue::from_static(value),
            ))
        });
    if https {
        router.layer(SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000"),
        ))
    } else {
        router
    }
}

/// The addresses whose last segment is the secret token of a link sent by mail.
const TOKEN_PATHS: [&str; 6] = [
    "/invitations/",
    "/verify-email/",
    "/password/reset/",
    "/alerts/confirm/",
    "/alerts/manage/",
    "/alerts/unsubscribe/",
];

/// `path` as the request log may show it: a link's token is replaced by `[token]`, since anyone who reads the log
/// could otherwise use the link.
pub fn loggable_path(path: &str) -> std::borrow::Cow<'_, str> {
    match TOKEN_PATHS
        .iter()
        .find(|prefix| path.starts_with(*prefix) && path.len() > prefix.len())
    {
        Some(prefix) => {
            let rest = &path[prefix.len()..];
            let after = rest.find('/').map_or("", |slash| &rest[slash..]);
            format!("{prefix}[token]{after}").into()
        }
        None => path.into(),
    }
}

/// Server functions answer every failure with 500; the body says what it really was, so set the status from it.
async fn server_fn_error_status(response: Response) -> Response {
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key("serverfnerror")
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, BODY_LIMIT_BYTES)
        .await
        .unwrap_or_else(|_| Bytes::new());
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if let AppError::RateLimited(seconds) = error {
            parts
                .headers
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)));
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// `GET /jobs/{id}/apply`: counts the click and sends the browser on to the company's form or mail program, for
/// a job the public can see (published, of a listed company). A job that is closed sends the browser back to its
/// page, which says so; one nobody outside its team may see (a draft, one in review, one whose company is not
/// listed or was suspended) is not found, as its page is.
async fn apply(State(state): State<ServerState>, Path(job): Path<String>) -> Response {
    let Some(id) = app::jobs::job_id_of(&job) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let db = &state.app.db;
    let found = async {
        let Some(job) = app::backend::jobs::by_id(db, id).await? else {
            return Ok(None);
        };
        let listed = app::backend::companies::by_id(db, job.company_id)
            .await?
            .is_some_and(|c| c.status == app::backend::companies::Status::Approved);
        Ok::<_, sqlx::Error>(listed.then_some(job))
    };
    match found.await {
        Ok(Some(job)) if job.status == app::backend::jobs::Status::Published => {
            state.app.counters.apply_click(job.id);
            Redirect::to(&job.posting.apply.href()).into_response()
        }
        Ok(Some(job)) if job.status.is_closed() => {
            Redirect::to(&app::address::job_href(job.id, &job.slug)).into_response()
        }
        Ok(_) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, "looking up a job to apply to failed");
            internal_error_page()
        }
    }
}

/// `POST /alerts/unsubscribe/{token}`: stops the alerts an alert mail's unsubscribe link names. Mail programs send
/// `List-Unsubscribe=One-Click` with no cookie and no page (RFC 8058), so the signed token is the only proof asked
/// for; the page's own button sends `from=page` and is shown the outcome. Doing it twice is harmless.
async fn unsubscribe(
    State(state): State<ServerState>,
    Path(token): Path<String>,
    body: Bytes,
) -> Response {
    let db = &state.app.db;
    let from_page = url::form_urlencoded::parse(&body).any(|(k, v)| k == "from" && v == "page");
    let named = match app::backend::alerts::check_unsubscribe_token(db, &token).await {
        Ok(named) => named,
        Err(error) => {
            tracing::error!(%error, "checking an unsubscribe link failed");
            return (
                StatusCode::SERVICE_UNAVAILABLE,
                "Please try again in a moment.",
            )
                .into_response();
        }
    };
    let Some((subscriber, ids)) = named else {
        return (
            StatusCode::NOT_FOUND,
            "This unsubscribe link is not valid: it may have been cut short.",
        )
            .into_response();
    };
    match app::backend::alerts::remove(db, subscriber, &ids).await {
        Ok(removed) => tracing::info!(
            subscriber.id = subscriber,
            removed,
            from_page,
            "unsubscribed"
        ),
        Err(error) => {
            tracing::error!(%error, "unsubscribing failed");
            return (
                StatusCode::SERVICE_UNAVAILABLE,
                "Please try again in a moment.",
            )
                .into_response();
        }
    }
    if from_page {
        Redirect::to(&format!("/alerts/unsubscribe/{token}?done=1")).into_response()
    } else {
        (StatusCode::OK, "You are unsubscribed.").into_response()
    }
}

async fn readyz(State(state): State<ServerState>) -> Response {
    if !state.app.db.is_ready().await {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
    } else if state.app.search.is_ready() {
        (StatusCode::OK, "ready").into_response()
    } else {
        // Searches are answered, more slowly, by the database meanwhile.
        (StatusCode::OK, "ready; the search index is being built").into_response()
    }
}

async fn favicon() -> impl IntoResponse {
    const ICON: &str = concat!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">"##,
        r##"<rect width="32" height="32" rx="6" fill="#0b5394"/>"##,
        r##"<path d="M9 7v18M23 7v18M9 16h14" stroke="#fff" stroke-width="4" stroke-linecap="round"/></svg>"##
    );
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        ICON,
    )
}

/// Refuses state-changing requests sent by other sites (cross-site request forgery), server functions included.
/// Browsers mark every request with `Sec-Fetch-Site` or `Origin`; a request with neither is not from a browser
/// page and carries no ambient credentials worth forging.
async fn refuse_cross_site(
    State(state): State<ServerState>,
    request: Request,
    next: Next,
) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let same_origin = |origin: &str| {
        origin == &*state.site_origin
            || host.is_some_and(|host| {
                origin
                    .split_once("://")
                    .is_some_and(|(_, rest)| rest == host)
            })
    };
    let allowed = match (fetch_site, origin) {
        (Some("same-origin" | "none"), _) => true,
        (Some(_), _) => false,
        (None, Some(origin)) => same_origin(origin),
        (None, None) => true,
    };
    if allowed {
        next.run(request).await
    } else {
        tracing::warn!(
            origin = origin.unwrap_or("-"),
            fetch_site = fetch_site.unwrap_or("-"),
            "cross-site request refused"
        );
        (
            StatusCode::FORBIDDEN,
            "Cross-site requests are not allowed.",
        )
            .into_response()
    }
}

/// Reads a request's body before the request goes on, within `timeout` (408 after it). A body larger than any
/// route accepts goes on as it comes, for the route's own limit to answer.
async fn read_body_first(
    State(timeout): State<std::time::Duration>,
    request: Request,
    next: Next,
) -> Response {
    use futures::StreamExt;
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    // The largest body any route takes: an upload with its form.
    let largest = BODY_LIMIT_BYTES.max(uploads::UPLOAD_LIMIT_BYTES);
    let (parts, body) = request.into_parts();
    let mut stream = body.into_data_stream();
    let mut read = Vec::new();
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        match tokio::time::timeout_at(deadline, stream.next()).await {
            Err(_) => {
                tracing::info!(received = read.len(), "a request body was not sent in time");
                return (
                    StatusCode::REQUEST_TIMEOUT,
                    [(header::CONNECTION, "close")],
                    "The request took too long to arrive.",
                )
                    .into_response();
            }
            Ok(None) => break,
            Ok(Some(Err(_))) => {
                return (StatusCode::BAD_REQUEST, "The request could not be read.").into_response();
            }
            Ok(Some(Ok(chunk))) => {
                read.extend_from_slice(&chunk);
                if read.len() > largest {
                    // In pieces, one at a time as from the network, so the route's own limit is met partway through
                    // the form (a multipart reader takes whatever is ready at once), as it would have been.
                    let pieces: Vec<Result<Bytes, axum::Error>> = read
                        .chunks(16 * 1024)
                        .map(|piece| Ok(Bytes::copy_from_slice(piece)))
                        .collect();
                    let rest = futures::stream::iter(pieces)
                        .then(|piece| async move {
                            tokio::task::yield_now().await;
                            piece
                        })
                        .chain(stream);
                    return next
                        .run(Request::from_parts(parts, Body::from_stream(rest)))
                        .await;
                }
            }
        }
    }
    next.run(Request::from_parts(parts, Body::from(read))).await
}

/// Gives the request one memo of the shared data versions, so the cached parts of a page use one reading between
/// them, and after any request that may have changed something makes this instance read them afresh, so its own
/// changes show at once (see [`app::backend::cache`]).
async fn read_versions_once(
    State(state): State<ServerState>,
    mut request: Request,
    next: Next,
) -> Response {
    let may_change = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    // The page cache may have read them already.
    if request
        .extensions()
        .get::<app::backend::cache::RequestVersions>()
        .is_none()
    {
        request
            .extensions_mut()
            .insert(app::backend::cache::RequestVersions::default());
    }
    let response = next.run(request).await;
    if may_change {
        state.app.versions.changed();
    }
    response
}

/// Moves a remembered form (see [`app::backend::remember_form`]) from the session, or from a visitor's cookie, into
/// the request, for the one page view that shows it.
///
/// The session is changed (and so written back) only when it holds a flash: an ordinary page view leaves the stored
/// session alone.
async fn take_form_flash(mut request: Request, next: Next) -> Response {
    if request.method() != Method::GET {
        return next.run(request).await;
    }
    if let Some(session) = request.extensions().get::<Session>().cloned()
        && let Ok(Some(flash)) = session.get::<FormFlash>(FLASH_KEY).await
    {
        let _ = session.remove_value(FLASH_KEY).await;
        request.extensions_mut().insert(flash);
        return next.run(request).await;
    }
    let Some(cookie) = cookie_value(request.headers(), FLASH_COOKIE) else {
        return next.run(request).await;
    };
    if let Some(flash) = FormFlash::from_cookie_value(cookie) {
        request.extensions_mut().insert(flash);
    }
    let mut response = next.run(request).await;
    // Shown once: the cookie goes with this answer.
    if let Ok(expired) = HeaderValue::from_str(&format!(
        "{FLASH_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"
    )) {
        response.headers_mut().append(header::SET_COOKIE, expired);
    }
    response
}

/// Sends a page address with empty parameters (`/jobs?q=&sector=&type=full-time`, as a search form sends every
/// field of a plain GET) to the same address without them, so the address a visitor sees, bookmarks and shares
/// names only what they chose, and a kept page is kept once.
async fn without_empty_parameters(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let page = ![
        "/pkg/",
        "/api/",
        "/logos/",
        "/covers/",
        "/article-images/",
        "/feeds/",
    ]
    .iter()
    .any(|prefix| path.starts_with(prefix));
    let Some(query) = request
        .uri()
        .query()
        .filter(|_| page && request.method() == Method::GET)
    else {
        return next.run(request).await;
    };
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let signed_error = pairs
        .iter()
        .any(|(key, _)| FORM_ERROR_PARAMS.contains(&key.as_str()));
    if signed_error
        || pairs
            .iter()
            .all(|(key, value)| !key.is_empty() && !value.is_empty())
    {
        return next.run(request).await;
    }
    let kept = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(
            pairs
                .iter()
                .filter(|(key, value)| !key.is_empty() && !value.is_empty()),
        )
        .finish();
    let location = if kept.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{kept}")
    };
    match HeaderValue::from_str(&location) {
        Ok(location) => (
            StatusCode::MOVED_PERMANENTLY,
            [(header::LOCATION, location)],
        )
            .into_response(),
        Err(_) => next.run(request).await,
    }
}

/// Marks every page sent to a signed-in person `private, no-store` (unless the page chose otherwise): such a page
/// shows what is theirs — a saved job, a menu with their address — so neither a shared cache nor the browser's
/// history may show it again; going Back asks the server afresh instead of showing a "Save this job" that is no
/// longer true.
async fn personal_pages_not_stored(request: Request, next: Next) -> Response {
    let signed_in = cookie_value(request.headers(), SESSION_COOKIE).is_some();
    let mut response = next.run(request).await;
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"));
    if signed_in && html && !response.headers().contains_key(header::CACHE_CONTROL) {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    response
}

/// The query parameters that carry a failed form's error back to its page (`__path`, `__err`, set by the server
/// functions' form redirects) and this site's signature over them (`__sig`).
const FORM_ERROR_PARAMS: [&str; 3] = ["__path", "__err", "__sig"];

/// Signs the error a plain form post carries back to its page, and sends any page address whose error this site
/// did not sign to the same page without it.
///
/// Pages show the error named in their address (in the page and, after hydration, in the browser), and it may hold
/// text; unsigned, anyone could make a link that puts their own words in the site's alert box.
async fn signed_form_errors(
    State(state): State<ServerState>,
    request: Request,
    next: Next,
) -> Response {
    if request.method() == Method::GET
        && let Some(query) = request.uri().query()
        && query.contains("__err")
    {
        let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let genuine = match (get("__path"), get("__err"), get("__sig")) {
            (Some(path), Some(error), Some(signature)) => {
                match app::backend::tokens::signing_key(&state.app.db).await {
                    Ok(key) => app::backend::tokens::verify(
                        &key,
                        &form_error_message(path, error),
                        signature,
                    ),
                    Err(error) => {
                        tracing::error!(%error, "reading the signing key failed");
                        false
                    }
                }
            }
            _ => false,
        };
        if !genuine {
            let kept: String = url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(
                    pairs
                        .iter()
                        .filter(|(k, _)| !FORM_ERROR_PARAMS.contains(&k.as_str())),
                )
                .finish();
            let path = request.uri().path();
            let target = if kept.is_empty() {
                path.to_owned()
            } else {
                format!("{path}?{kept}")
            };
            return Redirect::to(&target).into_response();
        }
    }
    let mut response = next.run(request).await;
    if response.status().is_redirection()
        && let Some(location) = response
            .headers()
            .get(header::LOCATION)
            .and_then(|value| value.to_str().ok())
            .filter(|location| location.contains("__"))
            .and_then(|location| url::Url::parse(location).ok())
    {
        let signed = sign_form_error(&state, location).await;
        if let Ok(value) = HeaderValue::from_str(signed.as_str()) {
            response.headers_mut().insert(header::LOCATION, value);
        }
    }
    response
}

/// What the signature of a form error covers.
fn form_error_message(path: &str, error: &str) -> String {
    format!("form-error:{path}:{error}")
}

/// `location` with its form error signed, or without any stale form-error parameters when it carries none. The
/// framework appends a form's error to the address the form was sent from, which may carry another form's error
/// already: the last one is the form's own.
async fn sign_form_error(state: &ServerState, mut location: url::Url) -> url::Url {
    let pairs: Vec<(String, String)> = location
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let get = |name: &str| {
        pairs
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let signature = match (get("__path"), get("__err")) {
        (Some(path), Some(error)) => match app::backend::tokens::signing_key(&state.app.db).await {
            Ok(key) => Some((
                path.clone(),
                error.clone(),
                app::backend::tokens::sign(&key, &form_error_message(&path, &error)),
            )),
            Err(error) => {
                tracing::error!(%error, "reading the signing key failed");
                None
            }
        },
        _ => None,
    };
    {
        let mut query = location.query_pairs_mut();
        query.clear();
        for (key, value) in pairs
            .iter()
            .filter(|(k, _)| !FORM_ERROR_PARAMS.contains(&k.as_str()))
        {
            query.append_pair(key, value);
        }
        if let Some((path, error, signature)) = &signature {
            query
                .append_pair("__path", path)
                .append_pair("__err", error)
                .append_pair("__sig", signature);
        }
    }
    if location.query() == Some("") {
        location.set_query(None);
    }
    location
}

/// Headers every response carries. HTML pages send their own policy with a nonce for their scripts; everything
/// else gets the strictest one.
const SECURITY_HEADERS: [(HeaderName, &str); 5] = [
    (
        header::CONTENT_SECURITY_POLICY,
        "default-src 'none'; frame-ancestors 'none'",
    ),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
    (header::X_FRAME_OPTIONS, "DENY"),
    (
        HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=()",
    ),
];

/// Builds the answer within `limit`, or answers 503 with the site's "try again" page and logs which of the page's
/// data were still being loaded, so a page that would never finish neither hangs its visitor nor goes unnoticed.
async fn time_limit(
    State(limit): State<std::time::Duration>,
    mut request: Request,
    next: Next,
) -> Response {
    let work = app::pending::PendingWork::default();
    request.extensions_mut().insert(work.clone());
    let method = request.method().clone();
    let path = loggable_path(request.uri().path()).into_owned();
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::error!(
                %method,
                path,
                limit_secs = limit.as_secs(),
                pending = ?work.still_running(),
                "an answer took too long to build"
            );
            too_slow_page()
        }
    }
}

/// The page sent when an answer took too long to build.
fn too_slow_page() -> Response {
    let body = Html(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Please try again · Hubboard</title>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head><body>\
         <main><h1>Please try again</h1><p>This page is unavailable for a moment: it is taking longer than it \
         should. Please try again shortly.</p>\
         <p><a href=\"/\">Go to the front page</a></p></main></body></html>",
    );
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [
            (header::RETRY_AFTER, "5"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}
