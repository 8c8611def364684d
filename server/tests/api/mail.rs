//! Mail against a real SMTP server on localhost: the outbox is written with the change that causes it, the
//! sender delivers each message once (also when several race, and after the SMTP server was down), and the links
//! in account mail confirm an address or reset a password once, before they expire.

use crate::common::{
    PASSWORD, TestApp, approve, company_form, company_id, create, job_form, pairs,
    smtp::{SmtpSink, link_in, text_of},
};
use reqwest::StatusCode;

fn token_of(link: &str) -> &str {
    link.rsplit('/').next().unwrap()
}

#[tokio::test]
async fn registering_mails_a_link_that_confirms_the_address_once() {
    let sink = SmtpSink::start().await;
    let app = TestApp::spawn_with_mail(&sink.url()).await;
    let client = app.client();
    assert_eq!(
        app.register(&client, "new@example.com", PASSWORD)
            .await
            .status(),
        200
    );

    let received = sink.wait_for(1).await;
    let message = &received[0];
    assert_eq!(message.recipients, ["new@example.com"]);
    for header in [
        "Subject: Confirm your email address for Hubboard",
        "From: Hubboard <no-reply@hubboard.test>",
        "To: new@example.com",
        "Content-Type: multipart/alternative",
        "Content-Type: text/plain",
        "Content-Type: text/html",
        "Message-ID: <outbox-",
    ] {
        assert!(
            message.data.contains(header),
            "{header} in\n{}",
            message.data
        );
    }
    let link = link_in(&message.data, "/verify-email/");
    let (status, page) = app
        .page(
            &app.client(),
            link.trim_start_matches("http://127.0.0.1:3999"),
        )
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("Confirm my email address"));

    // A changed token is refused; the real one works once.
    let tampered = format!("{}x", token_of(&link));
    let response = app
        .call(&client, "account/verify-email", &[("token", &tampered)])
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("not valid"));
    let response = app
        .call(
            &client,
            "account/verify-email",
            &[("token", token_of(&link))],
        )
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        app.scalar("select count(*) from users where email = 'new@example.com' and email_verified_at is not null", &[])
            .await,
        1
    );
    let again = app
        .call(
            &client,
            "account/verify-email",
            &[("token", token_of(&link))],
        )
        .await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.text().await.unwrap().contains("used already"));
    let (_, page) = app
        .page(
            &app.client(),
            link.trim_start_matches("http://127.0.0.1:3999"),
        )
        .await;
    assert!(page.contains("used already"));

    // An expired link explains itself and changes nothing.
    let other = app.client();
    app.register(&other, "late@example.com", PASSWORD).await;
    let received = sink.wait_for(2).await;
    let late = link_in(&received[1].data, "/verify-email/");
    app.exec(
        "update email_tokens set expires_at = 1 where email = 'late@example.com'",
        &[],
    )
    .await;
    let response = app
        .call(
            &other,
            "account/verify-email",
            &[("token", token_of(&late))],
        )
        .await;
    assert!(response.text().await.unwrap().contains("expired"));
    assert_eq!(
        app.scalar("select count(*) from users where email = 'late@example.com' and email_verified_at is not null", &[])
            .await,
        0
    );
    // Asking again sends a new link.
    let resent = app.call(&other, "account/resend-verification", &[]).await;
    assert_eq!(resent.status(), 200);
    sink.wait_for(3).await;
}

#[tokio::test]
async fn registering_an_address_twice_writes_no_second_link() {
    let app = TestApp::spawn().await;
    app.register(&app.client(), "once@example.com", PASSWORD)
        .await;
    let second = app
        .register(&app.client(), "once@example.com", PASSWORD)
        .await;
    // The same answer as the first, and one mail to the address saying it has an account already, with no link.
    assert_eq!(second.status(), StatusCode::OK);
    assert_eq!(app.scalar("select count(*) from outbox", &[]).await, 2);
    assert_eq!(
        app.scalar(
            "select count(*) from outbox where kind = 'account-exists'",
            &[]
        )
        .await,
        1
    );
    assert_eq!(
        app.scalar("select count(*) from email_tokens", &[]).await,
        1
    );
}

#[tokio::test]
async fn mail_waits_while_the_smtp_server_is_down_and_goes_once_it_is_back() {
    // A port with nothing listening on it.
    let addr = SmtpSink::start().await.stop();
    let app = TestApp::spawn_with_mail(&format!("smtp://{addr}")).await;
    app.register(&app.client(), "patient@example.com", PASSWORD)
        .await;
    for _ in 0..100 {
        if app.scalar("select attempts from outbox", &[]).await > 0
            && app
                .scalar("select count(*) from outbox where status = 'queued'", &[])
                .await
                == 1
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        app.scalar(
            "select count(*) from outbox where status = 'queued' and last_error is not null",
            &[]
        )
        .await,
        1
    );
    assert!(
        app.scalar("select next_attempt_at from outbox", &[]).await > app::backend::db::now(),
        "the next attempt waits"
    );

    let sink = SmtpSink::start_on(addr).await;
    app.exec("update outbox set next_attempt_at = 0", &[]).await;
    let received = sink.wait_for(1).await;
    assert_eq!(received[0].recipients, ["patient@example.com"]);
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    assert_eq!(sink.received().len(), 1, "sent once");
    assert_eq!(
        app.scalar("select count(*) from outbox where status = 'sent'", &[])
            .await,
        1
    );
}

#[tokio::test]
async fn senders_racing_each_other_send_every_message_once() {
    let sink = SmtpSink::start().await;
    let app = TestApp::spawn_with_mail(&sink.url()).await;
    for n in 0..60 {
        app.exec(
            "insert into outbox (kind, recipient, subject, body_text, body_html, next_attempt_at, created_at) \
             values ('test', $1, 'Hello', 'Text', '<p>Text</p>', 0, 0)",
            &[&format!("reader{n}@example.com")],
        )
        .await;
    }
    // Two more senders besides the server's own, all at once.
    let transport = server::mailer::Transport::from_url(&sink.url()).unwrap();
    let from: lettre::message::Mailbox = "Hubboard <no-reply@hubboard.test>".parse().unwrap();
    let (a, b) = tokio::join!(
        server::mailer::send_due(&app.db, &transport, &from),
        server::mailer::send_due(&app.db, &transport, &from)
    );
    a.unwrap();
    b.unwrap();
    let received = sink.wait_for(60).await;
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    let mut recipients: Vec<String> = sink
        .received()
        .iter()
        .flat_map(|r| r.recipients.clone())
        .collect();
    assert_eq!(
        recipients.len(),
        60,
        "{} messages for 60 rows",
        received.len()
    );
    recipients.sort();
    recipients.dedup();
    assert_eq!(recipients.len(), 60, "no one got a message twice");
    assert_eq!(
        app.scalar("select count(*) from outbox where status = 'sent'", &[])
            .await,
        60
    );
}

#[tokio::test]
async fn a_reset_link_sets_a_new_password_once_and_signs_out_everywhere() {
    let sink = SmtpSink::start().await;
    let app = TestApp::spawn_with_mail(&sink.url()).await;
    let laptop = app.client();
    app.register(&laptop, "forgetful@example.com", PASSWORD)
        .await;
    let phone = app.client();
    app.sign_in(&phone, "forgetful@example.com", PASSWORD).await;
    sink.wait_for(1).await;

    // The answer is the same whether or not the address has an account; only the account holder gets mail.
    let stranger = app.client();
    for email in ["nobody@example.com", "forgetful@example.com"] {
        let response = app
            .post_form(
                &stranger,
                "account/forgot-password",
                "/password/forgot",
                &[("form[email]", email)],
            )
            .await;
        assert!(response.status().is_redirection());
        assert_eq!(
            response.headers()["location"],
            "/password/forgot?notice=reset-sent"
        );
    }
    let received = sink.wait_for(2).await;
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    assert_eq!(
        sink.received().len(),
        2,
        "no mail for an address without an account"
    );
    let reset = &received[1];
    assert!(
        reset
            .data
            .contains("Subject: Choose a new Hubboard password")
    );
    let link = link_in(&reset.data, "/password/reset/");
    let token = token_of(&link).to_owned();

    // A weak password is refused next to its field and uses nothing up.
    let weak = app
        .call(
            &stranger,
            "account/reset-password",
            &[("form[token]", &token), ("form[password]", "short")],
        )
        .await;
    assert_eq!(weak.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let new_password = "quiet harbour lantern";
    let done = app
        .call(
            &stranger,
            "account/reset-password",
            &[("form[token]", &token), ("form[password]", new_password)],
        )
        .await;
    assert_eq!(done.status(), 200);
    assert_eq!(app.whoami(&laptop).await, None, "signed out on the laptop");
    assert_eq!(app.whoami(&phone).await, None, "and on the phone");
    assert_eq!(
        app.sign_in(&app.client(), "forgetful@example.com", PASSWORD)
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        app.sign_in(&app.client(), "forgetful@example.com", new_password)
            .await
            .status(),
        200
    );
    let notice = sink.wait_for(3).await;
    assert!(
        text_of(&notice[2].data)
            .contains("password of the Hubboard account with this address has just been changed")
    );

    let reused = app
        .call(
            &stranger,
            "account/reset-password",
            &[
                ("form[token]", &token),
                ("form[password]", "another fine phrase"),
            ],
        )
        .await;
    assert_eq!(reused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reused.text().await.unwrap().contains("used already"));
}

/// The bodies of the decision mails to `recipient`, oldest first.
async fn decision_mails(app: &TestApp, recipient: &str) -> Vec<(String, String)> {
    use sqlx::Row;
    sqlx::query("select subject, body_text from outbox where kind = 'decision' and recipient = $1 order by id")
        .bind(recipient)
        .fetch_all(app.db.read())
        .await
        .unwrap()
        .iter()
        .map(|row| (row.get("subject"), row.get("body_text")))
        .collect()
}

#[tokio::test]
async fn moderation_decisions_are_mailed_to_the_team_with_the_reason() {
    let app = TestApp::spawn().await;
    let owner = app.user("owner@acme-health.example", "seeker").await;
    create(&app, &owner, &company_form("Acme Health")).await;
    let moderator = app.user("mod@example.com", "moderator").await;
    let id = company_id(&app, "acme-health").await;

    let response = app
        .call(
            &moderator,
            "companies/decide",
            &[
                ("form[company_id]", &id),
                ("form[decision]", "reject"),
                ("form[reason]", "incomplete"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let mails = decision_mails(&app, "owner@acme-health.example").await;
    assert_eq!(mails.len(), 1);
    assert_eq!(
        mails[0].0,
        "Not approved on Hubboard: your company Acme Health"
    );
    assert!(
        mails[0]
            .1
            .contains("The reason given: Incomplete: important details are missing.")
    );
    assert!(
        mails[0]
            .1
            .contains("http://127.0.0.1:3999/companies/acme-health")
    );

    // A refused decision writes no mail; an approval does.
    let refused = app
        .call(
            &moderator,
            "companies/decide",
            &[("form[company_id]", &id), ("form[decision]", "reject")],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    approve(&app, &moderator, &id).await;
    let mails = decision_mails(&app, "owner@acme-health.example").await;
    assert_eq!(mails.len(), 2);
    assert!(mails[1].0.starts_with("Approved on Hubboard"));

    // A job's decision reaches the same team.
    let form = job_form(&id, "Medical Writer");
    assert_eq!(
        app.call(&owner, "jobs/create", &pairs(&form))
            .await
            .status(),
        StatusCode::OK
    );
    let job = app
        .scalar("select id from jobs where title = 'Medical Writer'", &[])
        .await
        .to_string();
    let response = app
        .call(
            &moderator,
            "jobs/decide",
            &[
                ("form[job_id]", &job),
                ("form[decision]", "reject"),
                ("form[reason]", "misleading"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let mails = decision_mails(&app, "owner@acme-health.example").await;
    assert_eq!(mails.len(), 3);
    assert_eq!(
        mails[2].0,
        "Not approved on Hubboard: your job “Medical Writer”"
    );
    assert!(mails[2].1.contains("Misleading or inaccurate"));
    // Deciding it again is refused and mails nothing more.
    let again = app
        .call(
            &moderator,
            "jobs/decide",
            &[("form[job_id]", &job), ("form[decision]", "approve")],
        )
        .await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        decision_mails(&app, "owner@acme-health.example")
            .await
            .len(),
        3
    );
}

#[tokio::test]
async fn a_sender_killed_mid_batch_loses_nothing_and_repeats_at_most_the_messages_in_flight() {
    use app::backend::{db::Db, mail};
    use server::mailer::{self, Transport};

    // A database with the server stopped, so that only the senders below touch the outbox.
    let app = TestApp::spawn().await;
    let url = app.database_url.clone();
    let _dir = app.stop().await;
    let db = Db::connect(&url).await.unwrap();
    let mut tx = db.write().begin().await.unwrap();
    for n in 0..40 {
        let message =
            mail::password_changed("http://127.0.0.1:3999", &format!("person{n}@example.com"));
        mail::enqueue(&mut tx, &message).await.unwrap();
    }
    tx.commit().await.unwrap();

    let sink = SmtpSink::start_slow(std::time::Duration::from_millis(25)).await;
    let transport = Transport::from_url(&sink.url()).unwrap();
    let from: lettre::message::Mailbox = "Hubboard <no-reply@hubboard.test>".parse().unwrap();
    let killed = {
        let (db, transport, from) = (db.clone(), transport.clone(), from.clone());
        tokio::spawn(async move { mailer::send_due(&db, &transport, &from).await })
    };
    while sink.received().len() < 12 {
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    killed.abort();
    let _ = killed.await;
    let sent_before = sqlx::query("select count(*) as n from outbox where status = 'sent'")
        .fetch_one(db.read())
        .await
        .map(|row| sqlx::Row::get::<i64, _>(&row, "n"))
        .unwrap();
    assert!(sent_before < 40, "the sender was stopped mid-batch");

    // The restarted sender, a new process with connections of its own, takes over the dead one's claims once
    // their lease has run out.
    sqlx::query("update outbox set claimed_until = 0 where status = 'sending'")
        .execute(db.write())
        .await
        .unwrap();
    let restarted = Transport::from_url(&sink.url()).unwrap();
    mailer::send_due(&db, &restarted, &from).await.unwrap();

    let received = sink.wait_for(40).await;
    let mut ids: Vec<String> = received
        .iter()
        .map(|m| {
            m.data
                .lines()
                .find(|l| l.starts_with("Message-ID:"))
                .unwrap()
                .to_owned()
        })
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 40, "every message arrived");
    assert!(
        received.len() <= 40 + mailer::CONCURRENT,
        "only messages in flight when the sender died may arrive twice, under the same Message-ID ({} deliveries)",
        received.len()
    );
    let sent = sqlx::query("select count(*) as n from outbox where status = 'sent'")
        .fetch_one(db.read())
        .await
        .map(|row| sqlx::Row::get::<i64, _>(&row, "n"))
        .unwrap();
    assert_eq!(sent, 40);
    db.close().await;
}
