//! Abuse limits over HTTP against a real database: registering, asking for reset links, subscribing, reporting and
//! adding listings are refused with 429 and `Retry-After` past their limit, store nothing then, and say so in
//! words on the form without JavaScript too. Past the bound on requests answered at once, the next request waits
//! its turn while kept pages are still sent.

use crate::common::{PASSWORD, TestApp, pairs};
use reqwest::{StatusCode, header};
use serde_json::Value;

async fn is_rate_limited(response: reqwest::Response) -> i64 {
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: i64 = response.headers()[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["RateLimited"].as_i64(), Some(wait));
    wait
}

#[tokio::test]
async fn one_address_cannot_register_without_end() {
    let app = TestApp::spawn().await;
    for n in 0..20 {
        let response = app
            .register(&app.client(), &format!("person{n}@example.com"), PASSWORD)
            .await;
        assert_eq!(response.status(), StatusCode::OK, "registration {n}");
    }
    let refused = app
        .register(&app.client(), "one-more@example.com", PASSWORD)
        .await;
    let wait = is_rate_limited(refused).await;
    assert!((3000..=3600).contains(&wait), "about an hour: {wait}");
    assert_eq!(
        app.scalar("select count(*) from users", &[]).await,
        20,
        "nothing stored"
    );
    // Without JavaScript the form comes back saying so.
    let plain = app
        .post_form(
            &app.client(),
            "register",
            "/register",
            &[
                ("form[email]", "plain@example.com"),
                ("form[password]", PASSWORD),
            ],
        )
        .await;
    assert_eq!(plain.status(), StatusCode::FOUND);
    let location = plain.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    let (_, page) = app
        .page(&app.client(), location.trim_start_matches(&app.url("")))
        .await;
    assert!(
        page.contains("Too many attempts. Try again in"),
        "the reason is on the page"
    );
}

#[tokio::test]
async fn reset_links_are_limited_per_address_asked_for() {
    let app = TestApp::spawn().await;
    app.register(&app.client(), "target@example.com", PASSWORD)
        .await;
    let ask = |email: &'static str| {
        let app = &app;
        async move {
            app.call(
                &app.client(),
                "account/forgot-password",
                &[("form[email]", email)],
            )
            .await
        }
    };
    for _ in 0..3 {
        assert_eq!(ask("target@example.com").await.status(), StatusCode::OK);
    }
    is_rate_limited(ask("target@example.com").await).await;
    assert_eq!(
        app.scalar(
            "select count(*) from outbox where recipient = 'target@example.com' and kind = 'password-reset'",
            &[]
        )
        .await,
        3,
        "no fourth mail"
    );
    // Another address from the same client still gets its link, up to the client's own limit.
    assert_eq!(
        ask("someone-else@example.com").await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn subscribing_and_reporting_are_limited_per_client() {
    let app = TestApp::spawn().await;
    let guest = app.client();
    for n in 0..30 {
        let email = format!("reader{n}@example.com");
        let response = app
            .call(
                &guest,
                "alerts/subscribe",
                &[
                    ("form[email]", &email),
                    ("form[topic]", "news:"),
                    ("form[frequency]", "daily"),
                    ("form[next]", "/news"),
                    ("form[website]", ""),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK, "subscription {n}");
    }
    let refused = app
        .call(
            &guest,
            "alerts/subscribe",
            &[
                ("form[email]", "reader-extra@example.com"),
                ("form[topic]", "news:"),
                ("form[frequency]", "daily"),
                ("form[next]", "/news"),
                ("form[website]", ""),
            ],
        )
        .await;
    is_rate_limited(refused).await;
    assert_eq!(
        app.scalar("select count(*) from subscribers", &[]).await,
        30
    );

    // Reports: a published demo-free job of a company approved in the database.
    let owner = app.user("owner@acme-health.example", "seeker").await;
    assert_eq!(
        crate::common::create(&app, &owner, &crate::common::company_form("Acme Health"))
            .await
            .status(),
        StatusCode::OK
    );
    app.exec("update companies set status = 'approved'", &[])
        .await;
    let company = crate::common::company_id(&app, "acme-health").await;
    let job = crate::common::publish_job(&app, company.parse().unwrap(), &[], 0)
        .await
        .to_string();
    let report = vec![
        ("form[kind]".to_owned(), "job".to_owned()),
        ("form[id]".to_owned(), job),
        ("form[reason]".to_owned(), "spam".to_owned()),
        ("form[details]".to_owned(), String::new()),
        ("form[website]".to_owned(), String::new()),
    ];
    for n in 0..20 {
        let response = app.call(&guest, "moderation/report", &pairs(&report)).await;
        assert_eq!(response.status(), StatusCode::OK, "report {n}");
    }
    is_rate_limited(app.call(&guest, "moderation/report", &pairs(&report)).await).await;
}

#[tokio::test]
async fn one_account_adds_a_bounded_number_of_companies_a_day() {
    let app = TestApp::spawn().await;
    let owner = app.user("busy@example.com", "seeker").await;
    for n in 0..5 {
        let response = crate::common::create(
            &app,
            &owner,
            &crate::common::company_form(&format!("Company Number {n}")),
        )
        .await;
        assert_eq!(response.status(), StatusCode::OK, "company {n}");
    }
    let refused = crate::common::create(
        &app,
        &owner,
        &crate::common::company_form("Company Number Six"),
    )
    .await;
    let wait = is_rate_limited(refused).await;
    assert!(wait > 3600, "a day's limit: {wait}");
    assert_eq!(app.scalar("select count(*) from companies", &[]).await, 5);
}

#[tokio::test]
async fn past_the_bound_a_request_waits_its_turn_and_kept_pages_do_not() {
    let app = TestApp::spawn_with_settings(&[("HUBBOARD_MAX_RENDERS", "1")]).await;
    let client = app.client();
    let status = |path: &'static str, wait: u64| {
        let request = client
            .get(app.url(path))
            .timeout(std::time::Duration::from_millis(wait))
            .send();
        async move { request.await.map(|response| response.status()) }
    };
    // The front page is kept from its second visit on.
    for _ in 0..2 {
        assert_eq!(status("/", 10_000).await.unwrap(), StatusCode::OK);
    }

    // A sign-in that is being answered, held up by a database write someone else is in the middle of, holds the
    // only place. (A request whose body is still arriving holds none: that is a slow client, tested elsewhere.)
    let blocker = hold_the_database(&app).await;
    let sign_in = tokio::spawn({
        let client = client.clone();
        let url = app.url("/api/sign-in");
        async move {
            client
                .post(url)
                .header("sec-fetch-site", "same-origin")
                .header(reqwest::header::ACCEPT, "application/json")
                .form(&[
                    ("form[email]", "who@example.com"),
                    ("form[password]", "wrong"),
                ])
                .send()
                .await
        }
    });
    let mut waited = false;
    for _ in 0..100 {
        match status("/readyz", 300).await {
            Err(error) if error.is_timeout() => {
                waited = true;
                break;
            }
            // Sent before the sign-in took the place.
            Ok(_) => tokio::time::sleep(std::time::Duration::from_millis(20)).await,
            Err(error) => panic!("{error}"),
        }
    }
    assert!(waited, "a request past the bound was answered at once");
    assert_eq!(
        status("/", 10_000).await.unwrap(),
        StatusCode::OK,
        "a kept page does not wait"
    );

    // The write ends: the sign-in is answered, and the place is free again.
    drop(blocker);
    let answered = sign_in.await.unwrap().unwrap();
    assert_eq!(answered.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(status("/readyz", 10_000).await.unwrap(), StatusCode::OK);
}

/// A connection of its own in the middle of a write that every sign-in attempt must wait for, until it is dropped
/// (closing it rolls the write back).
async fn hold_the_database(app: &TestApp) -> sqlx::AnyConnection {
    use sqlx::Connection;
    let mut conn = sqlx::AnyConnection::connect(&app.database_url)
        .await
        .unwrap();
    let begin = if app.is_postgres() {
        "begin; lock table sign_in_failures in exclusive mode"
    } else {
        "begin immediate"
    };
    sqlx::raw_sql(begin).execute(&mut conn).await.unwrap();
    conn
}
