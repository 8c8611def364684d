//! Many pages of every kind rendered at once, for visitors and for every role, mixed with writes, on two servers in
//! one process: every answer must be complete and arrive within a bound. `make test` runs a few rounds;
//! `make soak` runs many (`HUBBOARD_STRESS_ROUNDS`).

use std::time::{Duration, Instant};

use crate::common::*;
use futures::{StreamExt, stream::FuturesUnordered};
use reqwest::{Client, StatusCode, header};

/// No answer may take longer than this, however busy the servers are (a debug build on two cores).
const BOUND: Duration = Duration::from_secs(30);

/// What one server holds for the stress: its clients by role and the pages each may ask for.
struct Site {
    app: TestApp,
    /// (who, client, path, the status expected)
    pages: Vec<(&'static str, Client, String, u16)>,
    seeker: Client,
    owner: Client,
    job: String,
    company: String,
}

async fn text(app: &TestApp, sql: &str, args: &[&str]) -> String {
    let mut query = sqlx::query_scalar::<_, String>(sql);
    for arg in args {
        query = query.bind(*arg);
    }
    query.fetch_one(app.db.read()).await.expect("query runs")
}

/// A server with a listed company, a published job and one in review, a published article, and a signed-in
/// client for every role.
async fn site() -> Site {
    let app = TestApp::spawn_with_settings(&[("HUBBOARD_RATE_LIMIT_FACTOR", "1000")]).await;
    let (owner, moderator, company) = company_with_moderator(&app).await;
    let admin = app.user("admin@hubboard.example", "admin").await;
    let seeker = app.user("seeker@example.com", "seeker").await;
    let submit = |title: &str| with(&job_form(&company, title), "intent", "submit");
    for title in ["Medical writer", "Medical editor"] {
        assert_eq!(
            app.call(&owner, "jobs/create", &pairs(&submit(title)))
                .await
                .status(),
            StatusCode::OK
        );
    }
    let job = app
        .scalar("select min(id) from jobs", &[])
        .await
        .to_string();
    let pending = app
        .scalar("select max(id) from jobs", &[])
        .await
        .to_string();
    let approved = app
        .call(
            &moderator,
            "jobs/decide",
            &[
                ("form[job_id]", job.as_str()),
                ("form[decision]", "approve"),
            ],
        )
        .await;
    assert_eq!(approved.status(), StatusCode::OK);
    let article = draft_article(&app, &moderator, &article_form("Hiring is up")).await;
    publish_article(&app, &moderator, &article, "").await;
    let job_slug = text(
        &app,
        "select slug from jobs where id = cast($1 as bigint)",
        &[&job],
    )
    .await;
    let article_slug = text(&app, "select slug from articles", &[]).await;
    let tag = text(&app, "select min(slug) from tags", &[]).await;
    let job_page = format!("/jobs/{job}-{job_slug}");

    let mut pages = Vec::new();
    let visitor = app.client();
    for path in [
        "/".to_owned(),
        "/jobs".to_owned(),
        "/jobs?q=writer&workplace=on-site".to_owned(),
        job_page.clone(),
        "/companies".to_owned(),
        "/companies?q=acme".to_owned(),
        "/companies/acme-health".to_owned(),
        "/news".to_owned(),
        format!("/news/{article_slug}"),
        format!("/tags/{tag}"),
        "/categories/marketing".to_owned(),
        "/infographics".to_owned(),
        "/signin".to_owned(),
        "/register".to_owned(),
        "/password/forgot".to_owned(),
        "/alerts".to_owned(),
        "/feeds/news.rss".to_owned(),
        "/feeds/jobs.atom".to_owned(),
        "/sitemap.xml".to_owned(),
    ] {
        pages.push(("visitor", visitor.clone(), path, 200));
    }
    pages.push(("visitor", visitor.clone(), "/no/such/page".into(), 404));
    pages.push(("visitor", visitor.clone(), "/account".into(), 303));
    for path in [
        "/account",
        "/saved-jobs",
        "/alerts",
        "/jobs",
        job_page.as_str(),
    ] {
        pages.push(("seeker", seeker.clone(), path.to_owned(), 200));
    }
    for path in [
        "/dashboard".to_owned(),
        "/companies/acme-health/edit".to_owned(),
        "/companies/acme-health/jobs".to_owned(),
        "/companies/acme-health/jobs/new".to_owned(),
        format!("/jobs/{job}/edit"),
        job_page.clone(),
    ] {
        pages.push(("owner", owner.clone(), path, 200));
    }
    for path in [
        "/admin".to_owned(),
        "/admin/queue/jobs".to_owned(),
        format!("/admin/review/jobs/{pending}"),
        "/news/desk".to_owned(),
        "/news/new".to_owned(),
        format!("/news/{article_slug}/edit"),
        "/companies/acme-health".to_owned(),
    ] {
        pages.push(("moderator", moderator.clone(), path, 200));
    }
    for path in [
        "/admin/users",
        "/admin/audit",
        "/admin/domains",
        "/admin/search",
    ] {
        pages.push(("admin", admin.clone(), path.to_owned(), 200));
    }
    Site {
        app,
        pages,
        seeker,
        owner,
        job,
        company,
    }
}

/// Every page of `site`, then writes of each kind, asked for at once; each answer as (what, status, complete, time).
fn round(
    site: &Site,
    round: usize,
) -> Vec<futures::future::BoxFuture<'_, (String, u16, bool, Duration)>> {
    use futures::FutureExt;
    let mut requests: Vec<futures::future::BoxFuture<'_, (String, u16, bool, Duration)>> =
        Vec::new();
    for (who, client, path, _) in &site.pages {
        let url = site.app.url(path);
        let what = format!("{who} {path}");
        requests.push(
            async move {
                let started = Instant::now();
                let response = client
                    .get(url)
                    .header(header::ACCEPT, "text/html")
                    .send()
                    .await;
                match response {
                    Ok(response) => {
                        let status = response.status().as_u16();
                        let html = response
                            .headers()
                            .get(header::CONTENT_TYPE)
                            .is_some_and(|v| v.to_str().unwrap_or("").starts_with("text/html"));
                        let body = response.text().await.unwrap_or_default();
                        // The framework's own scripts follow the document.
                        let complete = !html || status == 303 || body.contains("</html>");
                        let what = if complete {
                            what
                        } else {
                            let tail =
                                &body[body.floor_char_boundary(body.len().saturating_sub(200))..];
                            format!("{what} [{} bytes, ending {tail:?}]", body.len())
                        };
                        (what, status, complete, started.elapsed())
                    }
                    Err(error) => (format!("{what}: {error}"), 0, false, started.elapsed()),
                }
            }
            .boxed(),
        );
    }
    // Writes of each kind, among the reads.
    let save = if round % 2 == 0 { "true" } else { "false" };
    let email = format!("reader{round}@example.com");
    let mut update = company_form("Acme Health");
    update = with(
        &update,
        "form[tagline]",
        &format!("Plain words about medicines, edition {round}"),
    );
    update.push(("company_id".into(), site.company.clone()));
    let writes: Vec<(&'static str, &Client, Vec<(String, String)>)> = vec![
        (
            "jobs/save",
            &site.seeker,
            vec![
                ("job_id".into(), site.job.clone()),
                ("save".into(), save.into()),
            ],
        ),
        ("companies/update", &site.owner, update),
        (
            "alerts/subscribe",
            &site.seeker,
            vec![
                ("form[email]".into(), email),
                ("form[topic]".into(), "news:".into()),
                ("form[frequency]".into(), "weekly".into()),
                ("form[next]".into(), "/news".into()),
                ("form[website]".into(), String::new()),
            ],
        ),
        (
            "moderation/report",
            &site.seeker,
            vec![
                ("form[kind]".into(), "job".into()),
                ("form[id]".into(), site.job.clone()),
                ("form[reason]".into(), "spam".into()),
                ("form[details]".into(), String::new()),
                ("form[website]".into(), String::new()),
            ],
        ),
    ];
    for (endpoint, client, form) in writes {
        let app = &site.app;
        requests.push(
            async move {
                let started = Instant::now();
                let response = app.call(client, endpoint, &pairs(&form)).await;
                let status = response.status().as_u16();
                let complete = response.bytes().await.is_ok();
                (
                    format!("write {endpoint}"),
                    status,
                    complete,
                    started.elapsed(),
                )
            }
            .boxed(),
        );
    }
    requests
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_page_renders_completely_under_concurrent_load_on_two_servers_in_one_process() {
    let rounds: usize = std::env::var("HUBBOARD_STRESS_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3);
    let (first, second) = tokio::join!(site(), site());
    let expected: std::collections::HashMap<String, u16> = first
        .pages
        .iter()
        .map(|(who, _, path, status)| (format!("{who} {path}"), *status))
        .collect();
    let mut answers = 0;
    let mut slowest = Duration::ZERO;
    for n in 0..rounds {
        let mut all: FuturesUnordered<_> = round(&first, n)
            .into_iter()
            .chain(round(&second, n))
            .map(|request| tokio::time::timeout(BOUND, request))
            .collect();
        while let Some(answer) = all.next().await {
            let (what, status, complete, took) = answer
                .unwrap_or_else(|_| panic!("an answer took longer than {BOUND:?} in round {n}"));
            assert!(complete, "{what}: incomplete ({status})");
            match expected.get(&what) {
                Some(want) => assert_eq!(status, *want, "{what}"),
                // Writes: done, or refused for a reason of their own (a second report of one listing), never an
                // error of the server.
                None => assert!(
                    (200..500).contains(&status),
                    "{what}: {status} in round {n}"
                ),
            }
            answers += 1;
            slowest = slowest.max(took);
        }
    }
    eprintln!("{answers} answers in {rounds} rounds; the slowest took {slowest:?}");
}

/// Starting a server builds its route list by running the application once, and while that runs the framework
/// holds back every resource that starts loading anywhere in the process, for good. A server that starts while
/// another in the same process renders pages must not leave any of those pages unfinished.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn starting_a_server_never_stalls_pages_another_one_is_rendering() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut renders = Vec::new();
    for worker in 0..6 {
        let client = client.clone();
        let stop = stop.clone();
        let paths = [
            "/",
            "/jobs",
            "/news",
            "/companies",
            "/signin",
            "/jobs?q=writer",
        ];
        let base = app.url("");
        renders.push(tokio::spawn(async move {
            let mut done = 0;
            let mut n = worker;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let path = paths[n % paths.len()];
                // A different query each time, so no kept page answers it.
                let url = format!(
                    "{base}{path}{}x={n}",
                    if path.contains('?') { '&' } else { '?' }
                );
                let response = tokio::time::timeout(BOUND, client.get(&url).send())
                    .await
                    .unwrap_or_else(|_| panic!("{url} never finished"))
                    .unwrap();
                let body = tokio::time::timeout(BOUND, response.text())
                    .await
                    .unwrap_or_else(|_| panic!("{url}'s body never finished"))
                    .unwrap();
                assert!(
                    body.contains("</html>"),
                    "{url}: {}",
                    &body[body.len().saturating_sub(300)..]
                );
                done += 1;
                n += 6;
            }
            done
        }));
    }
    for _ in 0..12 {
        TestApp::spawn().await.stop().await;
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut rendered = 0;
    for render in renders {
        rendered += render.await.unwrap();
    }
    assert!(rendered > 12, "{rendered} pages rendered meanwhile");
}

/// What the servers of this test binary log, kept for a test to read.
#[derive(Clone, Default)]
struct Log(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Log {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Log {
    type Writer = Log;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

/// Holds what the alerts page needs to make its signing key: the only writer connection (SQLite), or the
/// settings table (PostgreSQL), until dropped.
enum Held {
    Writer(#[allow(dead_code, reason = "held, not used")] sqlx::pool::PoolConnection<sqlx::Any>),
    Table(#[allow(dead_code, reason = "held, not used")] sqlx::AnyConnection),
}

async fn hold_the_settings(app: &TestApp) -> Held {
    use sqlx::Connection;
    if app.is_postgres() {
        let mut conn = sqlx::AnyConnection::connect(&app.database_url)
            .await
            .unwrap();
        sqlx::raw_sql("begin; lock table settings in access exclusive mode")
            .execute(&mut conn)
            .await
            .unwrap();
        Held::Table(conn)
    } else {
        Held::Writer(app.db.write().acquire().await.unwrap())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_that_cannot_be_built_in_time_is_a_503_that_names_what_it_waited_for() {
    let log = Log::default();
    let _ = tracing_subscriber::fmt()
        .with_writer(log.clone())
        .with_ansi(false)
        .with_env_filter("error")
        .try_init();
    let app = TestApp::spawn_with_settings(&[("HUBBOARD_RENDER_TIMEOUT_SECS", "1")]).await;
    // A reader with an alert of their own address: their alerts page links to its preferences, signed with the
    // site's key, which the page makes if there is none.
    let reader = app.user("reader@example.com", "seeker").await;
    app.exec(
        "update users set email_verified_at = 1 where email = 'reader@example.com'",
        &[],
    )
    .await;
    let subscribed = app
        .call(
            &reader,
            "alerts/subscribe",
            &[
                ("form[email]", "reader@example.com"),
                ("form[topic]", "news:"),
                ("form[frequency]", "weekly"),
                ("form[next]", "/alerts"),
                ("form[website]", ""),
            ],
        )
        .await;
    assert_eq!(subscribed.status(), StatusCode::OK);
    app.exec("delete from settings where key = 'link_signing_key'", &[])
        .await;

    let held = hold_the_settings(&app).await;
    let started = Instant::now();
    let response = reader
        .get(app.url("/alerts"))
        .header(header::ACCEPT, "text/html")
        .send()
        .await
        .unwrap();
    let took = started.elapsed();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(took < Duration::from_secs(4), "answered after {took:?}");
    assert_eq!(response.headers()[header::RETRY_AFTER], "5");
    let page = response.text().await.unwrap();
    assert!(page.contains("Please try again"), "{page}");
    drop(held);

    // The log says which page and which of its data never came.
    let logged = String::from_utf8_lossy(&log.0.lock().unwrap()).into_owned();
    let line = logged
        .lines()
        .find(|line| {
            line.contains("an answer took too long to build") && line.contains("path=\"/alerts\"")
        })
        .unwrap_or_else(|| panic!("no log line for the page: {logged}"));
    assert!(line.contains("app/src/pages/alerts.rs"), "{line}");
    // Once the database answers again, so does the page.
    let (status, _) = app.page(&reader, "/alerts").await;
    assert_eq!(status, 200);
}
