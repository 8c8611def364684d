//! Accounts over HTTP against a real SQLite file: register, sign in and out, limits, sessions, deletion.

use crate::common::{PASSWORD, TestApp};
use reqwest::StatusCode;
use serde_json::Value;

async fn error_of(response: reqwest::Response) -> Value {
    response.json().await.expect("error body is JSON")
}

#[tokio::test]
async fn registering_signs_the_new_user_in() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let response = app
        .register(&client, " New.Person@Example.com ", PASSWORD)
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        app.whoami(&client).await.as_deref(),
        Some("new.person@example.com")
    );
}

#[tokio::test]
async fn registering_says_nothing_about_which_addresses_have_accounts() {
    let app = TestApp::spawn().await;
    let register = |email: &'static str, password: &'static str| {
        let app = &app;
        async move {
            let response = app
                .post_form(
                    &app.client(),
                    "register",
                    "/register",
                    &[("form[email]", email), ("form[password]", password)],
                )
                .await;
            let location = response.headers()[reqwest::header::LOCATION]
                .to_str()
                .unwrap()
                .to_owned();
            (response.status(), location)
        }
    };
    let first = register("twice@example.com", PASSWORD).await;
    let again = register("TWICE@example.com", "another long passphrase").await;
    let fresh = register("never@example.com", PASSWORD).await;
    assert_eq!(first, again);
    assert_eq!(first, fresh);
    assert!(
        first.1.starts_with("/signin?notice=registered"),
        "{first:?}"
    );
    // The existing account is as it was, and its owner hears of the attempt.
    assert_eq!(
        app.scalar(
            "select count(*) from users where email = 'twice@example.com'",
            &[]
        )
        .await,
        1
    );
    let client = app.client();
    app.sign_in(&client, "twice@example.com", PASSWORD).await;
    assert_eq!(
        app.whoami(&client).await.as_deref(),
        Some("twice@example.com")
    );
    assert_eq!(
        app.scalar(
            "select count(*) from outbox where kind = 'account-exists' and recipient = 'twice@example.com'",
            &[]
        )
        .await,
        1
    );
}

#[tokio::test]
async fn weak_password_and_bad_email_are_reported_per_field_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let response = app.register(&client, "not-an-email", "password1234").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = error_of(response).await;
    let fields: Vec<&str> = body["Invalid"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["email", "password"]);
    assert_eq!(app.whoami(&client).await, None);
    let response = app
        .register(&client, "fine@example.com", "password1234")
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.sign_in(&client, "fine@example.com", "password1234")
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

#[tokio::test]
async fn wrong_password_and_unknown_email_get_the_same_answer() {
    let app = TestApp::spawn().await;
    app.register(&app.client(), "known@example.com", PASSWORD)
        .await;
    let wrong = app
        .sign_in(
            &app.client(),
            "known@example.com",
            "not the password at all",
        )
        .await;
    let unknown = app
        .sign_in(
            &app.client(),
            "unknown@example.com",
            "not the password at all",
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(unknown.status(), wrong.status());
    assert_eq!(error_of(wrong).await, error_of(unknown).await);
}

#[tokio::test]
async fn sign_in_sets_a_protected_cookie_under_a_new_session_id() {
    let app = TestApp::spawn().await;
    app.register(&app.client(), "cookie@example.com", PASSWORD)
        .await;
    let client = app.client();
    // A visitor's failed form is kept without a session: nothing to plant.
    let failed = app
        .post_form(
            &client,
            "sign-in",
            "/signin",
            &[
                ("form[email]", "cookie@example.com"),
                ("form[password]", "wrong one here"),
            ],
        )
        .await;
    assert_eq!(session_cookie(&failed), None);
    // A session that exists already gets a different id when someone signs in with it.
    let first = app.sign_in(&client, "cookie@example.com", PASSWORD).await;
    let before = session_cookie(&first).expect("a session once signed in");
    let response = app.sign_in(&client, "cookie@example.com", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
    let set_cookie = response
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
    assert!(set_cookie.contains("SameSite=Lax"), "{set_cookie}");
    assert!(
        !set_cookie.contains("Secure"),
        "plain http site: {set_cookie}"
    );
    let after = session_cookie(&response).unwrap();
    assert_ne!(before, after);
}

fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| {
            v.strip_prefix("hubboard_session=")
                .map(|rest| rest.split(';').next().unwrap().to_owned())
        })
}

#[tokio::test]
async fn repeated_failures_are_rate_limited_per_account() {
    let app = TestApp::spawn().await;
    app.register(&app.client(), "target@example.com", PASSWORD)
        .await;
    let client = app.client();
    for _ in 0..5 {
        let response = app
            .sign_in(&client, "target@example.com", "guessing wrongly again")
            .await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    // Now even the right password is refused until the window passes.
    let response = app.sign_in(&client, "target@example.com", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry_after: i64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=900).contains(&retry_after), "{retry_after}");
    let body = error_of(response).await;
    assert!(body.get("RateLimited").is_some(), "{body}");
    // Other accounts are not locked by it.
    app.register(&app.client(), "bystander@example.com", PASSWORD)
        .await;
    assert_eq!(
        app.sign_in(&app.client(), "bystander@example.com", PASSWORD)
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn repeated_failures_are_rate_limited_per_address() {
    let app = TestApp::spawn().await;
    let client = app.client();
    for i in 0..30 {
        let response = app
            .sign_in(
                &client,
                &format!("spray{i}@example.com"),
                "guessing wrongly again",
            )
            .await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let response = app
        .sign_in(&client, "spray-next@example.com", "guessing wrongly again")
        .await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn a_session_survives_a_server_restart() {
    let app = TestApp::spawn().await;
    let client = app.client();
    app.register(&client, "durable@example.com", PASSWORD).await;
    let database_url = app.database_url.clone();
    let _dir = app.stop().await;
    let restarted = TestApp::spawn_on(database_url).await;
    // The cookie jar is keyed by host, not port, so the same client carries the session over.
    assert_eq!(
        restarted.whoami(&client).await.as_deref(),
        Some("durable@example.com")
    );
}

#[tokio::test]
async fn signing_out_ends_the_session_for_good() {
    let app = TestApp::spawn().await;
    let client = app.client();
    app.register(&app.client(), "leaver@example.com", PASSWORD)
        .await;
    let response = app.sign_in(&client, "leaver@example.com", PASSWORD).await;
    let cookie = session_cookie(&response).unwrap();
    assert_eq!(
        app.call(&client, "sign-out", &[]).await.status(),
        StatusCode::OK
    );
    assert_eq!(app.whoami(&client).await, None);
    // Replaying the old cookie does not bring the session back.
    let replay = reqwest::Client::new()
        .post(app.url("/api/me"))
        .header("accept", "application/json")
        .header("cookie", format!("hubboard_session={cookie}"))
        .send()
        .await
        .unwrap();
    assert_eq!(replay.json::<Value>().await.unwrap(), Value::Null);
}

#[tokio::test]
async fn changing_the_password_signs_out_other_sessions() {
    let app = TestApp::spawn().await;
    let laptop = app.client();
    let phone = app.client();
    app.register(&laptop, "mover@example.com", PASSWORD).await;
    app.sign_in(&phone, "mover@example.com", PASSWORD).await;
    let wrong = app
        .call(
            &laptop,
            "account/password",
            &[
                ("form[current_password]", "not my password"),
                ("form[new_password]", "velvet compass orchard"),
            ],
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error_of(wrong).await["Invalid"][0]["field"],
        "current_password"
    );
    let response = app
        .call(
            &laptop,
            "account/password",
            &[
                ("form[current_password]", PASSWORD),
                ("form[new_password]", "velvet compass orchard"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        app.whoami(&laptop).await.as_deref(),
        Some("mover@example.com")
    );
    assert_eq!(app.whoami(&phone).await, None);
    assert_eq!(
        app.sign_in(&app.client(), "mover@example.com", "velvet compass orchard")
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn deleting_the_account_removes_it() {
    let app = TestApp::spawn().await;
    let client = app.client();
    app.register(&client, "gone@example.com", PASSWORD).await;
    let refused = app
        .call(
            &client,
            "account/delete",
            &[("form[password]", "wrong password here")],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.whoami(&client).await.as_deref(),
        Some("gone@example.com")
    );
    let response = app
        .call(&client, "account/delete", &[("form[password]", PASSWORD)])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(app.whoami(&client).await, None);
    assert_eq!(
        app.sign_in(&app.client(), "gone@example.com", PASSWORD)
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // The address is free again.
    assert_eq!(
        app.register(&app.client(), "gone@example.com", PASSWORD)
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn account_functions_need_a_signed_in_user() {
    let app = TestApp::spawn().await;
    let client = app.client();
    for endpoint in ["account/password", "account/delete"] {
        let response = app
            .call(
                &client,
                endpoint,
                &[
                    ("form[current_password]", "x"),
                    ("form[new_password]", "y"),
                    ("form[password]", "z"),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{endpoint}");
    }
}
