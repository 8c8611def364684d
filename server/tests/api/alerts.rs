//! Email alerts over HTTP against a real database: subscribing with and without an account, double opt-in, digests
//! (jobs and articles together, each item once, empty ones skipped, one builder per subscriber however many run),
//! one-click unsubscribing (RFC 8058) through a real SMTP server's view of the mail, the preferences page reached by
//! a signed link, and privacy.

use crate::common::{
    PASSWORD, TestApp, approve, article_form, company_form, company_id, create, draft_article,
    field_errors, pairs, publish_article, publish_job,
    smtp::{SmtpSink, link_in},
};
use app::backend::db::now;
use reqwest::{Client, StatusCode};
use sqlx::Row;

const SITE: &str = "http://127.0.0.1:3999";

async fn subscribe(
    app: &TestApp,
    client: &Client,
    email: &str,
    topic: &str,
    frequency: &str,
) -> reqwest::Response {
    app.call(
        client,
        "alerts/subscribe",
        &[
            ("form[email]", email),
            ("form[topic]", topic),
            ("form[frequency]", frequency),
            ("form[next]", "/news"),
            ("form[website]", ""),
        ],
    )
    .await
}

/// The plain-text bodies of the outbox's messages of `kind` to `recipient`, oldest first.
async fn mails(app: &TestApp, kind: &str, recipient: &str) -> Vec<String> {
    sqlx::query("select body_text from outbox where kind = $1 and recipient = $2 order by id")
        .bind(kind)
        .bind(recipient)
        .fetch_all(app.db.read())
        .await
        .unwrap()
        .iter()
        .map(|row| row.get::<String, _>("body_text"))
        .collect()
}

fn token_of(link: &str) -> &str {
    link.rsplit('/').next().unwrap()
}

/// Subscribes `email` and confirms it with the link from the mail, as the person would.
async fn subscribe_confirmed(app: &TestApp, email: &str, topic: &str, frequency: &str) {
    let client = app.client();
    let response = subscribe(app, &client, email, topic, frequency).await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "{}",
        response.text().await.unwrap()
    );
    let mail = mails(app, "alert-confirm", email)
        .await
        .pop()
        .expect("a confirmation mail");
    let link = link_in(&mail, "/alerts/confirm/");
    let response = app
        .call(&client, "alerts/confirm", &[("token", token_of(&link))])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}

/// Posts the preferences page's form for one alert: `intent` is `save` (with `frequency`) or `remove`.
async fn change(
    app: &TestApp,
    client: &Client,
    token: &str,
    subscription: &str,
    frequency: &str,
    intent: &str,
) -> reqwest::Response {
    app.call(
        client,
        "alerts/change",
        &[
            ("form[token]", token),
            ("form[subscription]", subscription),
            ("form[frequency]", frequency),
            ("form[intent]", intent),
        ],
    )
    .await
}

/// A search index of the test's database, as the server's alert task has.
async fn search_index(app: &TestApp) -> app::backend::search::SearchIndex {
    let index = app::backend::search::SearchIndex::default();
    index.open(&app.db).await.expect("the index opens");
    index
}

/// One round of the alert scheduler, now.
async fn run_alerts(app: &TestApp) -> app::alerts::DigestRun {
    app::alerts::send_due_alerts(&app.db, &search_index(app).await, SITE, now(), 60, 100)
        .await
        .expect("alerts are written")
}

/// Makes every confirmed subscription due now, as if its day or week had passed.
async fn make_due(app: &TestApp) {
    app.exec("update subscriptions set next_due_at = 0", &[])
        .await;
}

#[tokio::test]
async fn bad_input_is_reported_per_field_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let client = app.client();
    for (email, topic, frequency, field) in [
        ("not an address", "news:", "daily", "email"),
        ("a@example.com", "tag:no-such-tag", "daily", "topic"),
        ("a@example.com", "company-jobs:999", "daily", "topic"),
        ("a@example.com", "whatever", "daily", "topic"),
        ("a@example.com", "news:", "hourly", "frequency"),
    ] {
        let response = subscribe(&app, &client, email, topic, frequency).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let errors = field_errors(response).await;
        assert!(
            errors.iter().any(|(f, _)| f == field),
            "{field}: {errors:?}"
        );
    }
    // A robot that fills in the hidden field is answered like anyone and nothing is kept.
    let response = app
        .call(
            &client,
            "alerts/subscribe",
            &[
                ("form[email]", "robot@example.com"),
                ("form[topic]", "news:"),
                ("form[frequency]", "daily"),
                ("form[website]", "https://spam.example"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(app.scalar("select count(*) from subscribers", &[]).await, 0);
    assert_eq!(
        app.scalar("select count(*) from subscriptions", &[]).await,
        0
    );
    assert_eq!(app.scalar("select count(*) from outbox", &[]).await, 0);
}

#[tokio::test]
async fn double_opt_in_confirms_once_and_a_repeat_discloses_nothing() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let email = "reader@example.com";
    let first = subscribe(&app, &client, email, "news:", "daily").await;
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(
        app.scalar(
            "select count(*) from subscriptions where confirmed_at is null",
            &[]
        )
        .await,
        1
    );
    let mail = mails(&app, "alert-confirm", email).await;
    assert_eq!(mail.len(), 1);
    assert!(mail[0].contains("All Hubboard news"));
    let link = link_in(&mail[0], "/alerts/confirm/");

    // The page a link opens confirms nothing by itself; a changed token is refused.
    let path = link.trim_start_matches(SITE);
    let (status, page) = app.page(&app.client(), path).await;
    assert_eq!(status, 200);
    assert!(page.contains("Confirm my alert") && page.contains("All Hubboard news"));
    let tampered = format!("{}0", token_of(&link));
    let response = app
        .call(&client, "alerts/confirm", &[("token", &tampered)])
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("not valid"));
    let (_, page) = app
        .page(&app.client(), &format!("/alerts/confirm/{tampered}"))
        .await;
    assert!(page.contains("not valid"));

    // Asking again before confirming sends no second mail within minutes, and says the same.
    let again = subscribe(&app, &client, email, "news:", "weekly").await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(mails(&app, "alert-confirm", email).await.len(), 1);

    let response = app
        .call(&client, "alerts/confirm", &[("token", token_of(&link))])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        app.scalar("select count(*) from subscriptions where confirmed_at is not null and frequency = 'daily'", &[])
            .await,
        1
    );
    // Used once: the link now says so, and changes nothing.
    let reused = app
        .call(&client, "alerts/confirm", &[("token", token_of(&link))])
        .await;
    assert_eq!(reused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reused.text().await.unwrap().contains("used already"));
    let (_, page) = app.page(&app.client(), path).await;
    assert!(page.contains("confirmed already"));

    // Subscribing a confirmed address again: the same answer, no duplicate, no mail, no change.
    let repeat = subscribe(&app, &app.client(), email, "news:", "immediate").await;
    assert_eq!(repeat.status(), StatusCode::OK);
    assert_eq!(
        app.scalar("select count(*) from subscriptions", &[]).await,
        1
    );
    assert_eq!(
        app.scalar(
            "select count(*) from subscriptions where frequency = 'daily'",
            &[]
        )
        .await,
        1
    );
    assert_eq!(mails(&app, "alert-confirm", email).await.len(), 1);

    // An expired link confirms nothing.
    subscribe(&app, &client, email, "category:marketing", "daily").await;
    app.exec(
        "update subscriptions set confirm_expires_at = 1 where kind = 'category'",
        &[],
    )
    .await;
    let link = link_in(
        &mails(&app, "alert-confirm", email).await[1],
        "/alerts/confirm/",
    );
    let expired = app
        .call(&client, "alerts/confirm", &[("token", token_of(&link))])
        .await;
    assert_eq!(expired.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(expired.text().await.unwrap().contains("expired"));
    assert_eq!(
        app.scalar(
            "select count(*) from subscriptions where kind = 'category' and confirmed_at is null",
            &[]
        )
        .await,
        1
    );

    // Unconfirmed subscriptions are forgotten after seven days.
    app.exec("update subscriptions set created_at = created_at - 8 * 86400, confirm_expires_at = 1 where kind = 'category'", &[])
        .await;
    app::backend::alerts::purge(&app.db, now()).await.unwrap();
    assert_eq!(
        app.scalar("select count(*) from subscriptions", &[]).await,
        1
    );
}

/// An approved company with a published story tagged "Hiring"; answers (editor, company id).
async fn newsroom(app: &TestApp) -> (Client, i64) {
    let owner = app.user("owner@acme-health.example", "seeker").await;
    create(app, &owner, &company_form("Acme Health")).await;
    let editor = app.user("editor@example.com", "moderator").await;
    let company = company_id(app, "acme-health").await;
    approve(app, &editor, &company).await;
    let id = draft_article(app, &editor, &article_form("An older story about hiring")).await;
    assert_eq!(
        publish_article(app, &editor, &id, "").await.status(),
        StatusCode::OK
    );
    // An hour old, so that it is plainly older than any alert the test sets up.
    app.exec("update articles set publish_at = publish_at - 3600", &[])
        .await;
    (editor, company.parse().unwrap())
}

#[tokio::test]
async fn digests_bring_new_jobs_and_articles_together_and_each_item_once() {
    let app = TestApp::spawn().await;
    let (editor, company) = newsroom(&app).await;
    let email = "seeker@example.com";
    // A saved search finds what the site's search finds: "writers" finds a writer's job (the search index stems).
    subscribe_confirmed(
        &app,
        email,
        "jobs:q=writers&sector=medical-communications",
        "daily",
    )
    .await;
    subscribe_confirmed(&app, email, "tag:hiring", "daily").await;
    subscribe_confirmed(
        &app,
        "other@example.com",
        &format!("company-jobs:{company}"),
        "weekly",
    )
    .await;

    // A daily digest waits for its day; when due with nothing new, nothing is sent.
    assert_eq!(run_alerts(&app).await.subscribers, 0);
    make_due(&app).await;
    let run = run_alerts(&app).await;
    assert_eq!((run.subscribers, run.mails), (2, 0));

    publish_job(
        &app,
        company,
        &[("form[title]", "Senior Medical Writer")],
        0,
    )
    .await;
    publish_job(
        &app,
        company,
        &[
            ("form[title]", "Office Manager"),
            ("form[sector]", "healthcare"),
        ],
        0,
    )
    .await;
    let id = draft_article(
        &app,
        &editor,
        &article_form("Writers wanted across the north"),
    )
    .await;
    publish_article(&app, &editor, &id, "").await;
    make_due(&app).await;
    let run = run_alerts(&app).await;
    assert_eq!(run.mails, 2, "{run:?}");
    let digest = mails(&app, "alert-digest", email).await;
    assert_eq!(digest.len(), 1, "one mail with both kinds");
    let text = &digest[0];
    assert!(text.contains("Senior Medical Writer"), "{text}");
    assert!(
        !text.contains("Office Manager"),
        "only jobs matching the search"
    );
    assert!(text.contains("Writers wanted across the north"));
    assert!(
        !text.contains("An older story"),
        "only what is new since confirming"
    );
    assert!(
        text.contains("News tagged “"),
        "the tag alert has its own heading"
    );
    assert!(text.contains(&format!("{SITE}/alerts/manage/")));
    let other = mails(&app, "alert-digest", "other@example.com").await;
    assert!(other[0].contains("Senior Medical Writer") && other[0].contains("Office Manager"));

    // Due again with nothing new: no mail. Even with the window moved back, what was sent is not sent again.
    make_due(&app).await;
    assert_eq!(run_alerts(&app).await.mails, 0);
    app.exec("update subscriptions set next_due_at = 0, since = 0", &[])
        .await;
    let run = run_alerts(&app).await;
    assert_eq!(run.mails, 1, "only the older story is new to the tag alert");
    let latest = mails(&app, "alert-digest", email).await.pop().unwrap();
    assert!(latest.contains("An older story") && !latest.contains("Senior Medical Writer"));
}

#[tokio::test]
async fn builders_racing_each_other_write_one_mail_per_subscriber() {
    let app = TestApp::spawn().await;
    let (editor, _) = newsroom(&app).await;
    for n in 0..12 {
        subscribe_confirmed(&app, &format!("reader{n}@example.com"), "news:", "daily").await;
    }
    let id = draft_article(&app, &editor, &article_form("A story for everyone")).await;
    publish_article(&app, &editor, &id, "").await;
    make_due(&app).await;
    let at = now();
    let index = search_index(&app).await;
    let (a, b) = tokio::join!(
        app::alerts::send_due_alerts(&app.db, &index, SITE, at, 60, 5),
        app::alerts::send_due_alerts(&app.db, &index, SITE, at, 60, 5),
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.mails + b.mails, 12, "{a:?} {b:?}");
    assert_eq!(
        app.scalar(
            "select count(*) from outbox where kind = 'alert-digest'",
            &[]
        )
        .await,
        12
    );
    assert_eq!(
        app.scalar(
            "select count(distinct recipient) from outbox where kind = 'alert-digest'",
            &[]
        )
        .await,
        12
    );
}

#[tokio::test]
async fn one_click_unsubscribing_needs_the_signed_token_and_nothing_else() {
    let sink = SmtpSink::start().await;
    let app = TestApp::spawn_with_mail(&sink.url()).await;
    let (editor, _) = newsroom(&app).await;
    let email = "reader@example.com";
    subscribe_confirmed(&app, email, "news:", "daily").await;
    subscribe_confirmed(&app, email, "tag:hiring", "weekly").await;
    let id = draft_article(&app, &editor, &article_form("Hiring picks up again")).await;
    publish_article(&app, &editor, &id, "").await;
    app.exec(
        "update subscriptions set next_due_at = 0 where kind = 'news'",
        &[],
    )
    .await;
    assert_eq!(run_alerts(&app).await.mails, 1);

    // The message as the SMTP server received it carries the RFC 8058 headers.
    let queued = app.scalar("select count(*) from outbox", &[]).await;
    let received = sink.wait_for(usize::try_from(queued).unwrap()).await;
    let message = received
        .iter()
        .find(|m| m.data.contains("Subject: Hubboard alerts"))
        .expect("the digest reached the SMTP server");
    assert!(
        message
            .data
            .contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
    );
    let unsubscribe = link_in(&message.data, "/alerts/unsubscribe/")
        .trim_end_matches('>')
        .to_owned();
    assert!(
        message
            .data
            .contains(&format!("List-Unsubscribe: <{unsubscribe}>"))
    );

    // A mail provider's POST: no cookie, no CSRF token, no Origin. A forged token changes nothing.
    let provider = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let forged = format!("{}0", unsubscribe.trim_start_matches(SITE));
    let response = provider
        .post(app.url(&forged))
        .form(&[("List-Unsubscribe", "One-Click")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        app.scalar("select count(*) from subscriptions", &[]).await,
        2
    );
    let path = unsubscribe.trim_start_matches(SITE);
    let (_, page) = app.page(&app.client(), path).await;
    assert!(page.contains("All Hubboard news") && page.contains("Unsubscribe"));
    for _ in 0..2 {
        let response = provider
            .post(app.url(path))
            .form(&[("List-Unsubscribe", "One-Click")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
    }
    // Only the alert that was in the message stops.
    assert_eq!(
        app.scalar(
            "select count(*) from subscriptions where kind = 'news'",
            &[]
        )
        .await,
        0
    );
    assert_eq!(
        app.scalar("select count(*) from subscriptions where kind = 'tag'", &[])
            .await,
        1
    );
    let (_, page) = app.page(&app.client(), path).await;
    assert!(page.contains("stopped already"));
}

#[tokio::test]
async fn the_preferences_link_changes_and_stops_alerts_without_an_account() {
    let app = TestApp::spawn().await;
    let email = "reader@example.com";
    subscribe_confirmed(&app, email, "news:", "daily").await;
    subscribe_confirmed(&app, email, "category:marketing", "daily").await;
    // Confirming redirects to the preferences page; read its address the way the browser gets it.
    let client = app.client();
    subscribe(&app, &client, email, "category:healthcare", "daily").await;
    let link = link_in(
        &mails(&app, "alert-confirm", email).await[2],
        "/alerts/confirm/",
    );
    let response = app
        .post_form(
            &client,
            "alerts/confirm",
            "/alerts",
            &[("token", token_of(&link))],
        )
        .await;
    assert!(response.status().is_redirection());
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with("/alerts/manage/"), "{location}");
    let token = location
        .trim_start_matches("/alerts/manage/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();

    let (status, page) = app
        .page(&app.client(), &format!("/alerts/manage/{token}"))
        .await;
    assert_eq!(status, 200);
    for label in [
        "All Hubboard news",
        "News about Marketing",
        "News about Healthcare",
        email,
    ] {
        assert!(page.contains(label), "{label}");
    }

    // A forged or cut link shows nothing and changes nothing.
    let forged = format!("{}0", token);
    let (status, page) = app
        .page(&app.client(), &format!("/alerts/manage/{forged}"))
        .await;
    assert_eq!(status, 404);
    assert!(!page.contains(email));
    let news = app
        .scalar("select id from subscriptions where kind = 'news'", &[])
        .await
        .to_string();
    let stranger = app.client();
    let response = change(&app, &stranger, &forged, &news, "weekly", "save").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);

    let response = change(&app, &stranger, &token, &news, "weekly", "save").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        app.scalar(
            "select count(*) from subscriptions where kind = 'news' and frequency = 'weekly'",
            &[]
        )
        .await,
        1
    );
    let response = change(&app, &stranger, &token, &news, "", "remove").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        app.scalar("select count(*) from subscriptions", &[]).await,
        2
    );

    // Another address's subscription cannot be reached through this link.
    subscribe_confirmed(&app, "someone@example.com", "news:", "daily").await;
    let theirs = app
        .scalar("select s.id from subscriptions s join subscribers p on p.id = s.subscriber_id where p.email = 'someone@example.com'", &[])
        .await
        .to_string();
    let response = change(&app, &stranger, &token, &theirs, "", "remove").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);

    let response = app
        .call(&stranger, "alerts/forget", &[("token", &token)])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        app.scalar(
            "select count(*) from subscribers where email = $1",
            &[email]
        )
        .await,
        0
    );
    assert_eq!(
        app.scalar("select count(*) from subscriptions", &[]).await,
        1
    );
}

#[tokio::test]
async fn a_signed_in_owner_needs_no_confirmation_and_deleting_the_account_deletes_the_alerts() {
    let app = TestApp::spawn().await;
    let email = "member@example.com";
    let member = app.user(email, "seeker").await;
    // Not yet verified: the account proves nothing about the address, so the link is mailed as for anyone.
    subscribe(&app, &member, email, "news:", "daily").await;
    assert_eq!(mails(&app, "alert-confirm", email).await.len(), 1);
    app.exec(
        "update users set email_verified_at = 1 where email = $1",
        &[email],
    )
    .await;
    subscribe(&app, &member, email, "category:marketing", "weekly").await;
    assert_eq!(mails(&app, "alert-confirm", email).await.len(), 1);
    assert_eq!(
        app.scalar(
            "select count(*) from subscriptions where confirmed_at is not null",
            &[]
        )
        .await,
        1
    );
    // The subscription centre links a verified member to their alerts.
    let (_, page) = app.page(&member, "/alerts").await;
    assert!(page.contains("See and change your alerts"));

    let response = app
        .call(&member, "account/delete", &[("form[password]", PASSWORD)])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(app.scalar("select count(*) from subscribers", &[]).await, 0);
    assert_eq!(
        app.scalar("select count(*) from subscriptions", &[]).await,
        0
    );
}

#[tokio::test]
async fn without_javascript_the_sidebar_form_comes_back_to_the_page_with_its_answer() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let response = app
        .post_form(
            &client,
            "alerts/subscribe",
            "/jobs",
            &pairs(&[
                ("form[email]".to_owned(), "walker@example.com".to_owned()),
                ("form[topic]".to_owned(), "news:".to_owned()),
                ("form[frequency]".to_owned(), "daily".to_owned()),
                ("form[next]".to_owned(), "/jobs?q=writer".to_owned()),
                ("form[website]".to_owned(), String::new()),
            ]),
        )
        .await;
    assert!(response.status().is_redirection());
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(location, "/jobs?q=writer&notice=alert-check");
    let (_, page) = app.page(&client, &location).await;
    assert!(page.contains("check your inbox"));

    let response = app
        .post_form(
            &client,
            "alerts/subscribe",
            "/news",
            &[
                ("form[email]", "walker@"),
                ("form[topic]", "news:"),
                ("form[frequency]", "daily"),
                ("form[next]", "/news"),
            ],
        )
        .await;
    assert!(response.status().is_redirection());
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let (_, page) = app
        .page(&client, location.trim_start_matches(&app.url("")))
        .await;
    assert!(
        page.contains(r#"value="walker@""#),
        "the address comes back to be corrected"
    );
    assert!(page.contains("field-invalid"));
    assert_eq!(
        app.scalar("select count(*) from subscriptions", &[]).await,
        1
    );
}
