//! Scale-out on PostgreSQL: two app instances on one database behind a round-robin balancer share sessions and
//! data, their background senders together deliver each message exactly once, and an instance whose database goes
//! away answers 503 with a plain page, says so on `/readyz`, and recovers by itself when it returns.
//!
//! These need PostgreSQL (several instances on one SQLite file is not a supported set-up); `make test` runs them in
//! its PostgreSQL pass. On the SQLite pass they return at once.

use std::time::Duration;

use crate::common::{
    PASSWORD, TestApp, approve, call_at, company_form, create, new_postgres_database, proxy::Proxy,
    smtp::SmtpSink,
};
use reqwest::{Client, StatusCode};

/// The PostgreSQL server `.ci/with-postgres` started. The tests that need one are ignored on SQLite and run with
/// `--include-ignored` by the PostgreSQL pass; run there without one, they fail rather than pass unseen.
fn postgres_server() -> String {
    std::env::var("HUBBOARD_TEST_POSTGRES")
        .ok()
        .filter(|s| !s.is_empty())
        .expect("this test needs PostgreSQL: run it through .ci/with-postgres")
}

/// A client that opens a new connection for every request, so the balancer alternates between instances.
fn fresh_connections() -> Client {
    Client::builder()
        .cookie_store(true)
        .pool_max_idle_per_host(0)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

#[tokio::test]
#[ignore = "needs PostgreSQL (.ci/with-postgres runs it)"]
async fn two_instances_share_sessions_and_data_and_send_each_message_once() {
    postgres_server();
    let sink = SmtpSink::start().await;
    let first = TestApp::spawn_with_mail(&sink.url()).await;
    let second = TestApp::spawn_on_with_mail(first.database_url.clone(), &sink.url()).await;
    let balancer = Proxy::start(vec![first.addr, second.addr]).await;
    let site = format!("http://{}", balancer.addr);

    // Registered and signed in through one instance, signed in on both.
    let browser = fresh_connections();
    let response = call_at(
        &browser,
        &site,
        "register",
        &[
            ("form[email]", "walker@example.com"),
            ("form[password]", PASSWORD),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let response = call_at(
        &browser,
        &site,
        "sign-in",
        &[
            ("form[email]", "walker@example.com"),
            ("form[password]", PASSWORD),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    for _ in 0..6 {
        let me: serde_json::Value = call_at(&browser, &site, "me", &[])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(me["email"], "walker@example.com");
    }
    assert!(
        balancer.served(0) >= 3 && balancer.served(1) >= 3,
        "both instances answered"
    );

    // A company approved through the balancer is public on each instance at once.
    let owner = first.user("owner@acme-health.example", "seeker").await;
    create(&first, &owner, &company_form("Acme Health")).await;
    let moderator = second.user("mod@example.com", "moderator").await;
    let id = crate::common::company_id(&second, "acme-health").await;
    approve(&second, &moderator, &id).await;
    for app in [&first, &second] {
        let (status, page) = app.page(&app.client(), "/companies/acme-health").await;
        assert_eq!(status, 200);
        assert!(page.contains("Acme Health"));
    }

    // Both instances' senders run every two seconds on the same outbox: every message goes exactly once.
    // Seventeen more: with the three above, the twenty registrations one address may make in an hour.
    for n in 0..17 {
        let email = format!("reader{n}@example.com");
        let response = call_at(
            &fresh_connections(),
            &site,
            "register",
            &[("form[email]", &email), ("form[password]", PASSWORD)],
        )
        .await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    // A confirmation for each of the 20 accounts, and the owner's notice of the approval.
    let queued = first.scalar("select count(*) from outbox", &[]).await;
    assert_eq!(queued, 21);
    sink.wait_for(21).await;
    // Several more rounds of both senders: nothing goes twice.
    tokio::time::sleep(Duration::from_secs(5)).await;
    let received = sink.received();
    assert_eq!(received.len(), 21);
    let mut ids: Vec<&str> = received
        .iter()
        .filter_map(|m| m.data.lines().find(|l| l.starts_with("Message-ID:")))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 21);
    assert_eq!(
        first
            .scalar("select count(*) from outbox where status = 'sent'", &[])
            .await,
        21
    );
    balancer.stop();
}

#[tokio::test]
#[ignore = "needs PostgreSQL (.ci/with-postgres runs it)"]
async fn without_its_database_an_instance_answers_503_and_recovers_when_it_returns() {
    let server = postgres_server();
    // The instance reaches PostgreSQL through a line the test can cut.
    let direct = new_postgres_database(&server).await;
    let (prefix, rest) = direct
        .split_once('@')
        .expect("postgres://user@host:port/db");
    let (host_port, database) = rest.split_once('/').unwrap();
    let line = Proxy::start(vec![host_port.parse().expect("host:port")]).await;
    let app = TestApp::spawn_on(format!("{prefix}@{}/{database}", line.addr)).await;
    let client = app.client();
    assert_eq!(app.page(&client, "/readyz").await.0, 200);
    assert_eq!(app.page(&client, "/jobs?q=writer").await.0, 200);

    let addr = line.stop();
    let (status, body) = app.page(&client, "/readyz").await;
    assert_eq!(status, 503, "{body}");
    let (status, page) = app.page(&client, "/jobs?q=nurse").await;
    assert_eq!(status, 503);
    // A page that shows the failure is kept by no cache: once the database is back, it is gone.
    let failed = client
        .get(app.url("/news"))
        .header(reqwest::header::ACCEPT, "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(failed.status(), StatusCode::SERVICE_UNAVAILABLE);
    let kept = failed.headers().get(reqwest::header::CACHE_CONTROL);
    assert!(
        kept.is_some_and(|value| value.to_str().unwrap().contains("no-store")),
        "{kept:?}"
    );
    assert!(page.contains("unavailable for a moment"), "a clear page");
    for internal in ["sqlx", "Connection refused", "pool", "postgres"] {
        assert!(!page.contains(internal), "no internal text: {internal}");
    }
    let response = app
        .call(&client, "jobs/search", &[("query[q]", "editor")])
        .await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);

    // The database comes back: so does the instance, with no restart.
    let line = Proxy::start_on(addr, vec![host_port.parse().unwrap()]).await;
    let mut ready = false;
    for _ in 0..60 {
        if app.page(&client, "/readyz").await.0 == 200 {
            ready = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(ready, "ready again once the database is back");
    assert_eq!(app.page(&client, "/jobs?q=analyst").await.0, 200);
    line.stop();
}
