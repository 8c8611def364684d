//! What an attacker tries, each class of it against the real server: markup in every text that reaches a raw-text
//! element, sessions ended while requests of theirs run, slow clients, anonymous storage, mail carrying visitors'
//! words, apply links, protected pages without JavaScript, private figures in public pages, one-time passwords,
//! verified badges, rate limits under concurrency, tokens in the log, compressed streams and forged messages.

use std::{collections::HashMap, time::Duration};

use crate::common::*;
use app::backend::{
    session_store::{self, DbSessionStore},
    tokens,
};
use reqwest::{Client, StatusCode, header};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tower_sessions::{
    SessionStore,
    session::{Id, Record},
};

/// Closes every raw-text and RCDATA element it lands in, then adds a tag of its own.
const HOSTILE: &str = "Evil </title></textarea></script><meta http-equiv=refresh content=0>";
/// The tag [`HOSTILE`] adds, which must never appear as markup.
const INJECTED: &str = "<meta http-equiv=refresh content=0>";

async fn text(app: &TestApp, sql: &str, args: &[&str]) -> String {
    let mut query = sqlx::query_scalar::<_, String>(sql);
    for arg in args {
        query = query.bind(*arg);
    }
    query.fetch_one(app.db.read()).await.expect("query runs")
}

/// The page at `path` as `client` sees it, which must be a complete page without the injected tag.
async fn assert_clean(app: &TestApp, client: &Client, path: &str) -> String {
    let (status, html) = app.page(client, path).await;
    assert_eq!(status, 200, "{path}");
    assert!(html.contains("</html>"), "{path} is complete");
    assert!(
        !html.contains(INJECTED),
        "{path} carries the injected tag:\n{}",
        &html[html.find(INJECTED).unwrap().saturating_sub(300)..][..400]
    );
    html
}

/// Verifies `email`'s address behind the application's back.
async fn confirm(app: &TestApp, email: &str) {
    app.exec(
        "update users set email_verified_at = 1 where email = $1",
        &[email],
    )
    .await;
}

async fn decide_job(app: &TestApp, moderator: &Client, job: &str, decision: &str) {
    let response = app
        .call(
            moderator,
            "jobs/decide",
            &[
                ("form[job_id]", job),
                ("form[decision]", decision),
                ("form[reason]", "misleading"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK, "jobs/decide {decision}");
}

/// Submits a job for review and answers its id.
async fn submit_job(app: &TestApp, owner: &Client, form: &[(String, String)]) -> String {
    let response = app.call(owner, "jobs/create", &pairs(form)).await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "{}",
        response.text().await.unwrap()
    );
    app.scalar("select max(id) from jobs", &[])
        .await
        .to_string()
}

async fn job_page(app: &TestApp, id: &str) -> String {
    let slug = text(
        app,
        "select slug from jobs where id = cast($1 as bigint)",
        &[id],
    )
    .await;
    format!("/jobs/{id}-{slug}")
}

#[tokio::test]
async fn hostile_text_never_leaves_a_title_text_box_or_script() {
    let app = TestApp::spawn().await;
    let owner = app.user("owner@acme-health.example", "seeker").await;
    let moderator = app.user("mod@hubboard.example", "moderator").await;
    let visitor = app.client();

    // A company whose name and description try to break out.
    let description = format!("{HOSTILE} We write clear material for clinicians and patients.");
    let form = with(&company_form(HOSTILE), "form[description]", &description);
    assert_eq!(create(&app, &owner, &form).await.status(), StatusCode::OK);
    let company = app
        .scalar("select id from companies", &[])
        .await
        .to_string();
    let slug = text(&app, "select slug from companies", &[]).await;
    for path in [
        format!("/admin/review/companies/{company}"),
        format!("/companies/{slug}"),
        "/admin/queue/companies".to_owned(),
    ] {
        assert_clean(&app, &moderator, &path).await;
    }
    let edit = assert_clean(&app, &owner, &format!("/companies/{slug}/edit")).await;
    assert!(
        edit.contains("Evil &lt;/title&gt;&lt;/textarea&gt;"),
        "the text box holds the description as typed"
    );
    assert_clean(&app, &owner, "/dashboard").await;
    approve(&app, &moderator, &company).await;

    // A job, in review and then public, and its search.
    let job_form = with(
        &with(
            &job_form(&company, HOSTILE),
            "form[description]",
            &description,
        ),
        "intent",
        "submit",
    );
    let job = submit_job(&app, &owner, &job_form).await;
    assert_clean(&app, &moderator, &format!("/admin/review/jobs/{job}")).await;
    assert_clean(&app, &owner, &format!("/jobs/{job}/edit")).await;
    assert_clean(&app, &owner, &format!("/companies/{slug}/jobs")).await;
    decide_job(&app, &moderator, &job, "approve").await;
    for path in [
        job_page(&app, &job).await,
        format!("/companies/{slug}"),
        format!("/jobs?q={}", page_query(HOSTILE)),
        format!("/companies?q={}", page_query(HOSTILE)),
        "/jobs".to_owned(),
        "/".to_owned(),
    ] {
        assert_clean(&app, &visitor, &path).await;
    }

    // A plain form sent back with its values: the description returns to its text box.
    let invalid = with(&job_form, "form[title]", "");
    let response = app
        .post_form(
            &owner,
            "jobs/create",
            &format!("/companies/{slug}/jobs/new"),
            &pairs(&invalid),
        )
        .await;
    assert!(response.status().is_redirection());
    assert_clean(&app, &owner, &format!("/companies/{slug}/jobs/new")).await;

    // An article with a hostile title, body and tag, in draft and published.
    let article = with(
        &with(
            &with(&article_form(HOSTILE), "form[body]", &description),
            "form[tags]",
            "x</title><meta http-equiv=refresh>",
        ),
        "form[standfirst]",
        &description,
    );
    let id = draft_article(&app, &moderator, &article).await;
    let article_slug = text(
        &app,
        "select slug from articles where id = cast($1 as bigint)",
        &[&id],
    )
    .await;
    assert_clean(&app, &moderator, &format!("/news/{article_slug}/edit")).await;
    assert_eq!(
        publish_article(&app, &moderator, &id, "").await.status(),
        StatusCode::OK
    );
    let tag = text(&app, "select slug from tags", &[]).await;
    for path in [
        format!("/news/{article_slug}"),
        format!("/tags/{tag}"),
        "/news".to_owned(),
    ] {
        let html = assert_clean(&app, &visitor, &path).await;
        assert!(!html.contains("<meta http-equiv=refresh>"), "{path}");
    }
}

/// `text` as one value of a page address's query.
fn page_query(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

#[tokio::test]
async fn a_session_ended_while_a_request_of_it_runs_stays_ended() {
    let app = TestApp::spawn().await;
    let client = app.user("seeker@example.com", "seeker").await;
    let user_id = app
        .scalar(
            "select id from users where email = 'seeker@example.com'",
            &[],
        )
        .await;
    let store = DbSessionStore::new(app.db.clone());
    let mut record = Record {
        id: Id::default(),
        data: HashMap::from([(
            session_store::USER_ID_KEY.to_owned(),
            serde_json::json!(user_id),
        )]),
        expiry_date: time::OffsetDateTime::now_utc() + time::Duration::days(1),
    };
    store.create(&mut record).await.unwrap();
    assert!(store.load(&record.id).await.unwrap().is_some());
    // Signing out everywhere (a password change or reset) deletes it while a request holds it ...
    session_store::end_sessions_of_user(&app.db, user_id, None)
        .await
        .unwrap();
    // ... and that request's answer saves what it changed.
    record
        .data
        .insert("form_flash".into(), serde_json::json!({}));
    store.save(&record).await.unwrap();
    assert!(store.load(&record.id).await.unwrap().is_none());
    assert_eq!(app.whoami(&client).await, None, "the browser is signed out");

    // Ordinary page views leave a stored session alone.
    let other = app.client();
    app.sign_in(&other, "seeker@example.com", PASSWORD).await;
    let before = text(&app, "select data || ':' || expires_at from sessions", &[]).await;
    for path in ["/", "/jobs", "/account", "/news"] {
        app.page(&other, path).await;
    }
    let after = text(&app, "select data || ':' || expires_at from sessions", &[]).await;
    assert_eq!(before, after, "a page view rewrote the session");
}

#[tokio::test]
async fn slow_clients_hold_only_their_own_connection() {
    let app = TestApp::spawn_with_settings(&[
        ("HUBBOARD_MAX_RENDERS", "2"),
        ("HUBBOARD_HEADER_TIMEOUT_SECS", "1"),
        ("HUBBOARD_BODY_TIMEOUT_SECS", "2"),
    ])
    .await;
    // Many clients that announce a body and send a few bytes of it.
    let mut slow = Vec::new();
    for _ in 0..24 {
        let mut socket = tokio::net::TcpStream::connect(app.addr).await.unwrap();
        socket
            .write_all(
                format!(
                    "POST /api/sign-in HTTP/1.1\r\nHost: {}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
                     Content-Length: 100\r\n\r\nform[em",
                    app.addr
                )
                .as_bytes(),
            )
            .await
            .unwrap();
        slow.push(socket);
    }
    // And one that never finishes its headers.
    let mut silent = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    silent
        .write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n")
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let client = app.client();
    for path in ["/healthz", "/", "/jobs"] {
        let started = std::time::Instant::now();
        let response =
            tokio::time::timeout(Duration::from_secs(5), client.get(app.url(path)).send())
                .await
                .unwrap_or_else(|_| panic!("{path} waited for the slow clients"))
                .unwrap();
        assert_eq!(response.status(), 200, "{path}");
        assert!(started.elapsed() < Duration::from_secs(3), "{path}");
    }
    // The body's time runs out: 408, and the connection is closed.
    let mut answer = String::new();
    tokio::time::timeout(Duration::from_secs(5), slow[0].read_to_string(&mut answer))
        .await
        .expect("the slow body is answered in time")
        .unwrap();
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    // The headers' time runs out: the connection is closed.
    let mut rest = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), silent.read_to_end(&mut rest))
        .await
        .expect("unfinished headers end the connection")
        .ok();
}

#[tokio::test]
async fn a_visitors_failed_forms_store_nothing_and_a_members_are_bounded() {
    let app = TestApp::spawn().await;
    let visitor = app.client();
    let huge = format!("{}@example.com", "a".repeat(240 * 1024));
    for _ in 0..20 {
        let response = app
            .post_form(
                &visitor,
                "sign-in",
                "/signin",
                &[("form[email]", &huge), ("form[password]", "x")],
            )
            .await;
        assert!(response.status().is_redirection());
        let cookies: Vec<&str> = response
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        assert!(
            cookies.iter().all(|c| c.len() < 4096),
            "a cookie a browser keeps"
        );
    }
    assert_eq!(app.scalar("select count(*) from sessions", &[]).await, 0);
    // The short values still come back to the form, once.
    let short = app.client();
    let location = app
        .post_form(
            &short,
            "sign-in",
            "/signin",
            &[("form[email]", "who@example.com"), ("form[password]", "x")],
        )
        .await
        .headers()
        .get(header::LOCATION)
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    let path = location.trim_start_matches(&app.url(""));
    let (_, page) = app.page(&short, path).await;
    assert!(page.contains("value=\"who@example.com\""));
    let (_, again) = app.page(&short, "/signin").await;
    assert!(!again.contains("who@example.com"), "shown once");
    assert_eq!(app.scalar("select count(*) from sessions", &[]).await, 0);

    // A signed-in person's kept form is bounded too.
    let (owner, _, company) = company_with_moderator(&app).await;
    let long = "word ".repeat(45_000);
    let form = with(&job_form(&company, ""), "form[description]", &long);
    app.post_form(&owner, "jobs/create", "/dashboard", &pairs(&form))
        .await;
    let largest = app
        .scalar(
            "select cast(max(length(data)) as bigint) from sessions",
            &[],
        )
        .await;
    assert!(largest < 140_000, "{largest} bytes kept");
}

#[tokio::test]
async fn invitations_need_a_confirmed_owner_an_approved_company_and_come_in_few() {
    let app = TestApp::spawn().await;
    let (owner, _moderator, company) = company_with_moderator(&app).await;
    let invite = |to: &'static str, company: String| {
        let owner = owner.clone();
        let app = &app;
        async move {
            app.call(
                &owner,
                "companies/invite",
                &[("form[company_id]", company.as_str()), ("form[email]", to)],
            )
            .await
            .status()
        }
    };
    assert_eq!(
        invite("friend@example.com", company.clone()).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "an unconfirmed owner"
    );
    confirm(&app, "owner@acme-health.example").await;
    assert_eq!(
        invite("friend@example.com", company.clone()).await,
        StatusCode::OK
    );
    assert_eq!(
        invite("friend@example.com", company.clone()).await,
        StatusCode::OK
    );
    assert_eq!(
        invite("friend@example.com", company.clone()).await,
        StatusCode::TOO_MANY_REQUESTS,
        "a third mail to one address in a day"
    );
    // A company nobody has approved sends no mail under its name.
    assert_eq!(
        create(&app, &owner, &company_form("Pending Spam Ltd"))
            .await
            .status(),
        StatusCode::OK
    );
    let pending = company_id(&app, "pending-spam-ltd").await;
    assert_eq!(
        invite("victim@example.com", pending).await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        app.scalar(
            "select count(*) from outbox where recipient in ('friend@example.com', 'victim@example.com')",
            &[]
        )
        .await,
        2
    );
}

#[tokio::test]
async fn an_apply_link_changes_only_through_review_and_dies_with_its_company() {
    let app = TestApp::spawn().await;
    let (owner, moderator, company) = company_with_moderator(&app).await;
    let form = with(&job_form(&company, "Medical writer"), "intent", "submit");
    let job = submit_job(&app, &owner, &form).await;
    decide_job(&app, &moderator, &job, "approve").await;
    let apply = format!("/jobs/{job}/apply");
    let location = |response: reqwest::Response| {
        response
            .headers()
            .get(header::LOCATION)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    let visitor = app.client();
    let first = location(visitor.get(app.url(&apply)).send().await.unwrap());
    assert_eq!(
        first.as_deref(),
        Some("https://careers.acme-health.example/writer")
    );
    let mut edit = with(&form, "form[apply]", "https://phish.example/login");
    edit = with(&edit, "intent", "save");
    edit.retain(|(k, _)| k != "company_id");
    edit.push(("job_id".into(), job.clone()));
    assert_eq!(
        app.call(&owner, "jobs/update", &pairs(&edit))
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        app.scalar(
            "select count(*) from job_revisions where status = 'pending'",
            &[]
        )
        .await,
        1,
        "the new link waits for a moderator"
    );
    let still = location(visitor.get(app.url(&apply)).send().await.unwrap());
    assert_eq!(still, first);
    let suspended = app
        .call(
            &moderator,
            "companies/decide",
            &[
                ("form[company_id]", company.as_str()),
                ("form[decision]", "suspend"),
                ("form[reason]", "spam"),
            ],
        )
        .await;
    assert_eq!(suspended.status(), StatusCode::OK);
    let gone = visitor.get(app.url(&apply)).send().await.unwrap();
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);
    assert_eq!(location(gone), None);
}

#[tokio::test]
async fn protected_pages_send_visitors_to_sign_in_from_the_server() {
    let app = TestApp::spawn().await;
    let visitor = app.client();
    for path in [
        "/account",
        "/admin",
        "/admin/users",
        "/admin/audit",
        "/admin/domains",
        "/admin/search",
        "/admin/queue/jobs",
        "/dashboard",
        "/news/new",
        "/news/desk",
        "/companies/new",
        "/saved-jobs",
    ] {
        // A browser without JavaScript, and a client that accepts anything (curl).
        for accept in ["text/html,application/xhtml+xml", "*/*"] {
            let response = visitor
                .get(app.url(path))
                .header(header::ACCEPT, accept)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::SEE_OTHER, "{path} {accept}");
            let location = response.headers()[header::LOCATION].to_str().unwrap();
            assert!(
                location.starts_with("/signin?next=%2F"),
                "{path}: {location}"
            );
        }
    }
}

#[tokio::test]
async fn a_visitor_never_receives_a_jobs_private_figures() {
    let app = TestApp::spawn().await;
    let (owner, moderator, company) = company_with_moderator(&app).await;
    let form = with(&job_form(&company, "Medical writer"), "intent", "submit");
    let job = submit_job(&app, &owner, &form).await;
    decide_job(&app, &moderator, &job, "approve").await;
    let second = submit_job(&app, &owner, &with(&form, "form[title]", "Medical editor")).await;
    decide_job(&app, &moderator, &second, "approve").await;
    app.exec(
        "update jobs set views = 1234567, apply_clicks = 7654321",
        &[],
    )
    .await;
    let page = job_page(&app, &job).await;
    for path in [page.as_str(), "/jobs", "/", "/companies/acme-health"] {
        let (status, html) = app.page(&app.client(), path).await;
        assert_eq!(status, 200, "{path}");
        for private in ["1234567", "7654321", "apply_clicks", "\"views\""] {
            assert!(!html.contains(private), "{path} carries {private}");
        }
    }
    let (_, team) = app.page(&owner, &page).await;
    assert!(team.contains("1234567 views"));
}

#[tokio::test]
async fn a_one_time_password_allows_only_its_own_replacement_and_expires() {
    let app = TestApp::spawn().await;
    let created = server::accounts::create_with_one_time_password(
        &app.db,
        &hubboard::Email::parse("staff@hubboard.example").unwrap(),
        hubboard::Role::Admin,
    )
    .await
    .unwrap();
    let staff = app.client();
    assert_eq!(
        app.sign_in(&staff, "staff@hubboard.example", &created.one_time_password)
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        app.whoami(&staff).await.as_deref(),
        Some("staff@hubboard.example")
    );
    for (endpoint, form) in [
        ("moderation/overview", vec![]),
        ("companies/mine", vec![]),
        ("account/resend-verification", vec![]),
    ] {
        let status = app.call(&staff, endpoint, &form).await.status();
        assert!(
            status == StatusCode::FORBIDDEN || status == StatusCode::UNAUTHORIZED,
            "{endpoint}: {status}"
        );
    }
    let (status, _) = app.page(&staff, "/admin").await;
    assert_ne!(status, 200, "the console is closed");
    let changed = app
        .call(
            &staff,
            "account/password",
            &[
                ("form[current_password]", created.one_time_password.as_str()),
                ("form[new_password]", PASSWORD),
            ],
        )
        .await;
    assert_eq!(changed.status(), StatusCode::OK);
    assert_eq!(
        app.call(&staff, "moderation/overview", &[]).await.status(),
        StatusCode::OK
    );

    // Not replaced within three days: it no longer signs in.
    let late = server::accounts::create_with_one_time_password(
        &app.db,
        &hubboard::Email::parse("late@hubboard.example").unwrap(),
        hubboard::Role::Moderator,
    )
    .await
    .unwrap();
    app.exec(
        "update users set password_changed_at = password_changed_at - 73 * 3600 where email = 'late@hubboard.example'",
        &[],
    )
    .await;
    let client = app.client();
    assert_eq!(
        app.sign_in(&client, "late@hubboard.example", &late.one_time_password)
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(app.whoami(&client).await, None);
}

#[tokio::test]
async fn free_mail_domains_never_earn_a_badge_and_refused_jobs_are_never_published_unseen() {
    let app = TestApp::spawn().await;
    let moderator = app.user("mod@hubboard.example", "moderator").await;
    let gmail = app.user("someone@gmail.com", "seeker").await;
    confirm(&app, "someone@gmail.com").await;
    let form = with(
        &company_form("Gmail Lookalike"),
        "form[website]",
        "https://gmail.com",
    );
    assert_eq!(create(&app, &gmail, &form).await.status(), StatusCode::OK);
    let lookalike = company_id(&app, "gmail-lookalike").await;
    approve(&app, &moderator, &lookalike).await;
    for who in [&gmail, &moderator] {
        assert_eq!(
            app.call(
                who,
                "companies/verify",
                &[("company_id", lookalike.as_str())]
            )
            .await
            .status(),
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
    assert_eq!(
        app.scalar(
            "select count(*) from companies where verified_domain is not null",
            &[]
        )
        .await,
        0
    );
    // A badge granted before such domains were refused goes when the server next starts.
    app.exec(
        "update companies set verified_domain = 'gmail.com' where id = cast($1 as bigint)",
        &[&lookalike],
    )
    .await;
    let restarted = TestApp::spawn_on(app.database_url.clone()).await;
    assert_eq!(
        restarted
            .scalar(
                "select count(*) from companies where verified_domain is not null",
                &[]
            )
            .await,
        0
    );
    restarted.stop().await;

    // A verified company whose jobs skip review; a refused job still goes back to the moderators.
    let owner = app.user("owner@acme-health.example", "seeker").await;
    confirm(&app, "owner@acme-health.example").await;
    assert_eq!(
        create(&app, &owner, &company_form("Acme Health"))
            .await
            .status(),
        StatusCode::OK
    );
    let company = company_id(&app, "acme-health").await;
    approve(&app, &moderator, &company).await;
    assert_eq!(
        app.call(
            &owner,
            "companies/verify",
            &[("company_id", company.as_str())]
        )
        .await
        .status(),
        StatusCode::OK
    );
    app.exec(
        "insert into settings (key, value) values ('auto_approve_verified_jobs', 'on') \
         on conflict (key) do update set value = 'on'",
        &[],
    )
    .await;
    let form = with(&job_form(&company, "Medical writer"), "intent", "submit");
    let job = submit_job(&app, &owner, &form).await;
    let status = |id: String| {
        let app = &app;
        async move {
            text(
                app,
                "select status from jobs where id = cast($1 as bigint)",
                &[&id],
            )
            .await
        }
    };
    assert_eq!(status(job.clone()).await, "published", "auto-approved");
    app.exec(
        "update jobs set status = 'rejected', decision_reason = 'misleading' where id = cast($1 as bigint)",
        &[&job],
    )
    .await;
    let resubmit = app
        .call(
            &owner,
            "jobs/manage",
            &[("form[job_id]", job.as_str()), ("form[action]", "submit")],
        )
        .await;
    assert_eq!(resubmit.status(), StatusCode::OK);
    assert_eq!(status(job).await, "pending");
}

#[tokio::test]
async fn concurrent_password_guesses_are_all_counted() {
    let app = TestApp::spawn().await;
    app.user("target@example.com", "seeker").await;
    let guesses = (0..10).map(|i| {
        let app = &app;
        async move {
            let client = app.client();
            app.sign_in(&client, "target@example.com", &format!("wrong guess {i}"))
                .await
                .status()
        }
    });
    let statuses = futures::future::join_all(guesses).await;
    let checked = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY)
        .count();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!((checked, refused), (5, 5), "{statuses:?}");
    assert_eq!(
        app.scalar(
            "select count(*) from sign_in_failures where scope = 'account'",
            &[]
        )
        .await,
        5
    );
}

#[tokio::test]
async fn concurrent_attempts_never_pass_an_action_limit() {
    let app = TestApp::spawn().await;
    // One client address may subscribe 30 times an hour; 45 try at once, each for a new address, and a subscriber
    // with a subscription already is asked again at the same time.
    let attempts = (0..45).map(|n| {
        let app = &app;
        async move {
            let email = format!("reader{}@example.com", n % 44);
            app.call(
                &app.client(),
                "alerts/subscribe",
                &[
                    ("form[email]", email.as_str()),
                    ("form[topic]", "news:"),
                    ("form[frequency]", "daily"),
                    ("form[next]", "/news"),
                    ("form[website]", ""),
                ],
            )
            .await
            .status()
        }
    });
    let statuses = futures::future::join_all(attempts).await;
    let answered = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!((answered, refused), (30, 15), "{statuses:?}");
    assert_eq!(
        app.scalar(
            "select count(*) from rate_events where action = 'subscribe'",
            &[]
        )
        .await,
        30
    );
    // Every subscription answered is stored once, with its one subscriber, whichever request came first.
    let stored = app.scalar("select count(*) from subscriptions", &[]).await;
    assert_eq!(
        stored,
        app.scalar("select count(*) from subscribers", &[]).await
    );
    assert!((29..=30).contains(&stored), "{stored} subscriptions");
}

#[tokio::test]
async fn deleting_an_account_takes_no_more_guesses_than_signing_in() {
    let app = TestApp::spawn().await;
    let client = app.user("keeper@example.com", "seeker").await;
    for i in 0..5 {
        let wrong = format!("wrong {i}");
        let response = app
            .call(&client, "account/delete", &[("form[password]", &wrong)])
            .await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let locked = app
        .call(&client, "account/delete", &[("form[password]", PASSWORD)])
        .await;
    assert_eq!(locked.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        app.scalar("select count(*) from users", &[]).await,
        1,
        "the account is still there"
    );
}

#[tokio::test]
async fn no_links_token_reaches_the_request_log() {
    let routes = server::web::routes();
    let mut secret_routes = 0;
    for route in routes {
        let path = route.path();
        if !path.contains("token") {
            continue;
        }
        secret_routes += 1;
        let concrete = path
            .split('/')
            .map(|segment| {
                if segment.contains("token") {
                    "S3cretT0ken"
                } else {
                    segment
                }
            })
            .collect::<Vec<_>>()
            .join("/");
        let logged = server::web::loggable_path(&concrete);
        assert!(!logged.contains("S3cretT0ken"), "{path} logs {logged}");
    }
    assert!(secret_routes >= 6, "{secret_routes} routes with tokens");
    // The one-click unsubscribe address is axum's, outside the route list.
    assert!(!server::web::loggable_path("/alerts/unsubscribe/S3cret").contains("S3cret"));
}

#[tokio::test]
async fn every_sitemap_and_feed_survives_compression() {
    let app = TestApp::spawn().await;
    let (owner, moderator, company) = company_with_moderator(&app).await;
    let job = submit_job(
        &app,
        &owner,
        &with(&job_form(&company, "Medical writer"), "intent", "submit"),
    )
    .await;
    decide_job(&app, &moderator, &job, "approve").await;
    let article = draft_article(&app, &moderator, &article_form("Hiring is up")).await;
    publish_article(&app, &moderator, &article, "").await;
    let client = app.client();
    let (_, index) = app.page(&client, "/sitemap.xml").await;
    let mut paths: Vec<String> = index
        .split("<loc>")
        .skip(1)
        .filter_map(|rest| rest.split("</loc>").next())
        .map(|url| url.trim_start_matches("http://127.0.0.1:3999").to_owned())
        .collect();
    assert!(paths.len() >= 3, "{index}");
    paths.push("/sitemap.xml".into());
    for feed in ["news", "jobs", "infographics"] {
        for format in ["rss", "atom"] {
            paths.push(format!("/feeds/{feed}.{format}"));
        }
    }
    for path in paths {
        for encoding in ["gzip", "br"] {
            let response = client
                .get(app.url(&path))
                .header(header::ACCEPT_ENCODING, encoding)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200, "{path} {encoding}");
            let bytes = response.bytes().await.unwrap();
            let mut xml = String::new();
            match encoding {
                "gzip" => {
                    use std::io::Read;
                    flate2::read::GzDecoder::new(&bytes[..])
                        .read_to_string(&mut xml)
                        .unwrap_or_else(|e| panic!("{path} gzip: {e}"));
                }
                _ => {
                    use std::io::Read;
                    brotli::Decompressor::new(&bytes[..], 4096)
                        .read_to_string(&mut xml)
                        .unwrap_or_else(|e| panic!("{path} br: {e}"));
                }
            }
            assert!(xml.starts_with("<?xml"), "{path} {encoding}: {xml:.80}");
            assert!(xml.trim_end().ends_with('>'), "{path} {encoding} is whole");
        }
    }
}

#[tokio::test]
async fn only_the_sites_own_form_errors_are_shown() {
    let app = TestApp::spawn().await;
    let visitor = app.client();
    // Anyone's words, made to look like a sign-in error.
    let forged = base64_url(br#"{"Refused":"Your account is locked. Call +1 555 0100 now."}"#);
    let response = visitor
        .get(app.url(&format!(
            "/signin?next=%2Fjobs&__path=/api/sign-in&__err={forged}"
        )))
        .header(header::ACCEPT, "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()[header::LOCATION].to_str().unwrap(),
        "/signin?next=%2Fjobs"
    );
    // A signature from elsewhere does not help.
    let response = visitor
        .get(app.url(&format!(
            "/signin?__path=/api/sign-in&__err={forged}&__sig={}",
            "0".repeat(32)
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    // The site's own error comes back to the page, signed.
    let failed = app
        .post_form(
            &visitor,
            "sign-in",
            "/signin",
            &[
                ("form[email]", "who@example.com"),
                ("form[password]", "nope"),
            ],
        )
        .await;
    let location = failed.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(location.contains("__sig="), "{location}");
    let (status, page) = app
        .page(&visitor, location.trim_start_matches(&app.url("")))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("That email and password do not match an account"));
    // Another form failing on the page that shows the first error: the page shows the new error alone.
    let shown = location.trim_start_matches(&app.url("")).to_owned();
    let again = app
        .post_form(
            &visitor,
            "alerts/subscribe",
            &shown,
            &[
                ("form[email]", "not an address"),
                ("form[frequency]", "daily"),
            ],
        )
        .await;
    let next = again.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(next.matches("__err=").count(), 1, "{next}");
    assert!(
        next.contains("__path=%2Fapi%2Falerts%2Fsubscribe"),
        "{next}"
    );
    let (status, page) = app
        .page(&visitor, next.trim_start_matches(&app.url("")))
        .await;
    assert_eq!(status, 200);
    assert!(!page.contains("That email and password do not match an account"));
    // Its text swapped for another under the same signature: sent away.
    let tampered = location.replace("__err=", &format!("__err={forged}&__old="));
    let response = visitor.get(tampered.as_str()).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{tampered}");
}

fn base64_url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    while out.len() % 4 != 0 {
        out.push('=');
    }
    out
}

#[tokio::test]
async fn alert_confirmations_to_one_address_are_limited_wherever_they_come_from() {
    let app = TestApp::spawn().await;
    let subscribe = |topic: String| {
        let app = &app;
        async move {
            app.call(
                &app.client(),
                "alerts/subscribe",
                &[
                    ("form[email]", "victim@example.com"),
                    ("form[topic]", topic.as_str()),
                    ("form[frequency]", "daily"),
                    ("form[next]", "/news"),
                    ("form[website]", ""),
                ],
            )
            .await
            .status()
        }
    };
    for n in 0..10 {
        assert_eq!(
            subscribe(format!("jobs:q=offer{n}")).await,
            StatusCode::OK,
            "{n}"
        );
    }
    assert_eq!(
        subscribe("jobs:q=one+more".into()).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert!(
        app.scalar(
            "select count(*) from outbox where recipient = 'victim@example.com'",
            &[]
        )
        .await
            <= 10
    );
}

#[tokio::test]
async fn an_unsubscribe_link_reaches_only_the_address_it_was_sent_to() {
    let app = TestApp::spawn().await;
    let response = app
        .call(
            &app.client(),
            "alerts/subscribe",
            &[
                ("form[email]", "reader@example.com"),
                ("form[topic]", "news:"),
                ("form[frequency]", "daily"),
                ("form[next]", "/news"),
                ("form[website]", ""),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let subscriber = app.scalar("select id from subscribers", &[]).await;
    let subscription = app.scalar("select id from subscriptions", &[]).await;
    let key = tokens::signing_key(&app.db).await.unwrap();
    // A link made for whoever held this subscriber's id before.
    let stale = app::backend::alerts::unsubscribe_token(
        &key,
        subscriber,
        "previous@example.com",
        &[subscription],
    );
    let refused = app
        .client()
        .post(app.url(&format!("/alerts/unsubscribe/{stale}")))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        app.scalar("select count(*) from subscriptions", &[]).await,
        1
    );
    let genuine = app::backend::alerts::unsubscribe_token(
        &key,
        subscriber,
        "reader@example.com",
        &[subscription],
    );
    let done = app
        .client()
        .post(app.url(&format!("/alerts/unsubscribe/{genuine}")))
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), StatusCode::OK);
    assert_eq!(
        app.scalar("select count(*) from subscriptions", &[]).await,
        0
    );
}
