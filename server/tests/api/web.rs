//! The site as a whole over HTTP: pages without JavaScript, status codes, headers and request protection; and the
//! binary refusing to start on a database it cannot use.

use crate::common::{PASSWORD, TestApp};
use reqwest::{StatusCode, header};

#[tokio::test]
async fn health_and_readiness_answer() {
    let app = TestApp::spawn().await;
    let client = app.client();
    assert_eq!(
        client
            .get(app.url("/healthz"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        client
            .get(app.url("/readyz"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn home_page_is_rendered_completely_on_the_server() {
    let app = TestApp::spawn().await;
    let response = app.client().get(app.url("/")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    let body = response.text().await.unwrap();
    assert!(
        body.contains("Not currently logged in"),
        "sign-in state is in the HTML"
    );
    // The job search, and the sidebar's boxes but the news, which is the front page's own column.
    for part in [
        "Find your next role",
        "Featured jobs",
        "Subscribe to our email news alerts",
        "Company directory",
    ] {
        assert!(body.contains(part), "{part}");
    }
    assert!(!body.contains(r#"id="latest-title""#), "{body}");
    assert!(body.contains("Skip to main content"));
    // No island on the front page, so no script.
    assert!(!body.contains("<script type=\"module\""), "{body}");
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'"));
    // A page with islands loads their code with the nonce its Content-Security-Policy allows.
    let response = app.client().get(app.url("/register")).send().await.unwrap();
    let csp = response.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_owned();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("nonce in policy");
    let register = response.text().await.unwrap();
    assert!(
        register.contains(&format!("<script type=\"module\" nonce=\"{nonce}\">")),
        "the loader uses the nonce"
    );
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(
        headers[header::REFERRER_POLICY],
        "strict-origin-when-cross-origin"
    );
    assert!(headers.contains_key("x-request-id"));
}

#[tokio::test]
async fn unknown_page_is_a_real_404() {
    let app = TestApp::spawn().await;
    let response = app
        .client()
        .get(app.url("/no/such/page"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let body = response.text().await.unwrap();
    assert!(body.contains("Page not found"));
    assert!(
        body.contains("Not currently logged in"),
        "the 404 page is complete without JavaScript"
    );
}

#[tokio::test]
async fn a_database_outage_shows_an_error_page_without_internals() {
    let app = TestApp::spawn().await;
    // Make every query about accounts fail.
    app.exec("alter table users rename to users_gone", &[])
        .await;
    let client = app.client();
    let response = app.register(&client, "late@example.com", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let body = response.text().await.unwrap();
    assert!(!body.to_lowercase().contains("users"), "no SQL in {body}");
    assert!(body.contains("Internal"), "{body}");
}

#[tokio::test]
async fn signed_in_header_shows_the_email_and_a_sign_out_button() {
    let app = TestApp::spawn().await;
    let client = app.client();
    app.register(&client, "header@example.com", PASSWORD).await;
    let body = client
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(body.contains("header@example.com"));
    assert!(body.contains("Sign out"));
    assert!(!body.contains("Not currently logged in"));
}

#[tokio::test]
async fn account_page_sends_visitors_to_sign_in() {
    let app = TestApp::spawn().await;
    let response = app
        .client()
        .get(app.url("/account"))
        .header(header::ACCEPT, "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()[header::LOCATION],
        "/signin?next=%2Faccount"
    );
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let by_origin = client
        .post(app.url("/api/register"))
        .header(header::ORIGIN, "https://evil.example")
        .form(&[
            ("form[email]", "csrf@example.com"),
            ("form[password]", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(by_origin.status(), StatusCode::FORBIDDEN);
    let by_fetch_metadata = client
        .post(app.url("/api/sign-out"))
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(by_fetch_metadata.status(), StatusCode::FORBIDDEN);
    // Nothing was created by the refused request.
    let sign_in = app.sign_in(&client, "csrf@example.com", PASSWORD).await;
    assert_eq!(sign_in.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn malformed_server_function_calls_get_a_400_not_a_500() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let missing_fields = app
        .call(&client, "register", &[("unexpected", "value")])
        .await;
    assert_eq!(missing_fields.status(), StatusCode::BAD_REQUEST);
    assert_eq!(missing_fields.text().await.unwrap(), "\"BadRequest\"");
    let garbage = client
        .post(app.url("/api/sign-in"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .body(vec![0xff, 0xfe, b'%', b'%', b'['])
        .send()
        .await
        .unwrap();
    assert_eq!(garbage.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let app = TestApp::spawn().await;
    let huge = "a".repeat(2 * 1024 * 1024);
    let response = app
        .client()
        .post(app.url("/api/register"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(format!("form[email]={huge}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn a_form_posted_without_javascript_comes_back_with_errors_and_the_email_kept() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let response = app
        .post_form(
            &client,
            "register",
            "/register",
            &[
                ("form[email]", "kept@example.com"),
                ("form[password]", "short"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let location = response.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(location.starts_with(&app.url("/register?")), "{location}");
    let page = client
        .get(&location)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Use at least 12 characters."),
        "error shown next to the field"
    );
    assert!(page.contains("value=\"kept@example.com\""), "email kept");
    assert!(!page.contains("short"), "the password is never echoed");
    // Shown once: a reload of the plain page does not bring the values back.
    let again = client
        .get(app.url("/register"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!again.contains("kept@example.com"));
}

#[tokio::test]
async fn a_plain_form_sign_in_redirects_to_the_next_page() {
    let app = TestApp::spawn().await;
    app.register(&app.client(), "plain@example.com", PASSWORD)
        .await;
    let client = app.client();
    let response = app
        .post_form(
            &client,
            "sign-in",
            "/signin?next=%2Faccount",
            &[
                ("form[email]", "plain@example.com"),
                ("form[password]", PASSWORD),
                ("form[next]", "/account"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(response.headers()[header::LOCATION], "/account");
    let page = client
        .get(app.url("/account"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Your account") && page.contains("plain@example.com"));
    // An open redirect is not possible through next.
    let other = app.client();
    let response = app
        .post_form(
            &other,
            "sign-in",
            "/signin",
            &[
                ("form[email]", "plain@example.com"),
                ("form[password]", PASSWORD),
                ("form[next]", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(response.headers()[header::LOCATION], "/");
}

/// Runs the real `hubboard` binary with `DATABASE_URL` set to `url`; answers its exit code and standard error.
fn start_with_database(url: &str) -> (Option<i32>, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_hubboard"))
        .arg("migrate")
        .env("DATABASE_URL", url)
        .env("RUST_LOG", "error")
        .output()
        .expect("the binary runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn an_unusable_database_url_stops_start_up_with_one_line_naming_it() {
    let (code, stderr) = start_with_database("mysql://db.example/hubboard");
    assert_eq!(code, Some(2));
    assert_eq!(
        stderr.trim(),
        "hubboard: invalid DATABASE_URL: expected a URL starting with sqlite: or postgres:"
    );

    // A server that does not answer: a clear error, not a panic.
    let (code, stderr) = start_with_database("postgres://hubboard@127.0.0.1:1/nowhere");
    assert_eq!(code, Some(1));
    assert!(
        stderr.starts_with("hubboard: DATABASE_URL could not be opened:"),
        "{stderr}"
    );
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(!stderr.contains("panicked"));
}

/// The token in the form a page carries for sending it once.
fn once_token(page: &str) -> String {
    let at = page
        .find(r#"name="once" value=""#)
        .expect("the form carries a token")
        + r#"name="once" value=""#.len();
    page[at..at + 64].to_owned()
}

/// Every form that creates something acts once per render: sent twice at the same moment (a double click) and once
/// more later (Back and send again), it makes one thing and answers each time with the first answer's place. A
/// fresh render makes a second one, and a post that failed lets go of its token.
#[tokio::test]
async fn a_form_that_creates_something_acts_once_however_often_it_is_sent() {
    let app = TestApp::spawn().await;
    let (owner, _moderator, company) = crate::common::company_with_moderator(&app).await;
    let job = crate::common::job_form(&company, "Medical Writer");
    let article = crate::common::with(
        &crate::common::article_form("Hiring in Leeds"),
        "company_id",
        &company,
    );
    let cases: [(&str, &str, Vec<(String, String)>, &str, &str, &str); 3] = [
        (
            "/companies/acme-health/jobs/new",
            "jobs/create",
            job,
            "form[title]",
            "select count(*) from jobs where title = 'Medical Writer'",
            "/jobs/",
        ),
        (
            "/companies/new",
            "companies/create",
            crate::common::company_form("Borealis Labs"),
            "form[name]",
            "select count(*) from companies where name = 'Borealis Labs'",
            "/companies/borealis-labs/edit?notice=company-added",
        ),
        (
            "/news/new",
            "articles/create",
            article,
            "form[title]",
            "select count(*) from articles where title = 'Hiring in Leeds'",
            "/news/hiring-in-leeds/edit?notice=article-drafted",
        ),
    ];
    for (page, endpoint, form, broken_field, count, place) in cases {
        let (status, html) = app.page(&owner, page).await;
        assert_eq!(status, 200, "{page}");
        let token = once_token(&html);
        let sent = crate::common::with(&form, "once", &token);
        let sent = crate::common::pairs(&sent);
        let send = || app.post_form(&owner, endpoint, page, &sent);
        let (first, second) = tokio::join!(send(), send());
        let third = send().await;
        let places: Vec<String> = [first, second, third]
            .iter()
            .map(|response| {
                assert!(
                    response.status().is_redirection(),
                    "{endpoint}: {}",
                    response.status()
                );
                response.headers()[header::LOCATION]
                    .to_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        assert!(places[0].contains(place), "{endpoint}: {}", places[0]);
        assert!(
            places.iter().all(|p| *p == places[0]),
            "{endpoint}: {places:?}"
        );
        assert_eq!(app.scalar(count, &[]).await, 1, "{endpoint}");

        // A fresh render carries a new token; sent with a required field left empty it saves nothing.
        let (_, html) = app.page(&owner, page).await;
        let fresh = once_token(&html);
        assert_ne!(fresh, token, "{page}");
        let spoilt = crate::common::with(
            &crate::common::with(&form, "once", &fresh),
            broken_field,
            "",
        );
        let refused = app
            .post_form(&owner, endpoint, page, &crate::common::pairs(&spoilt))
            .await;
        let back = refused.headers()[header::LOCATION].to_str().unwrap();
        assert!(back.contains("__err"), "{endpoint}: {back}");
        assert_eq!(app.scalar(count, &[]).await, 1, "{endpoint}");
    }
    // The job form, corrected with its render's token after the refusal, saves a second job.
    let (_, html) = app.page(&owner, "/companies/acme-health/jobs/new").await;
    let token = once_token(&html);
    let spoilt = crate::common::with(
        &crate::common::with(
            &crate::common::job_form(&company, "Medical Writer"),
            "once",
            &token,
        ),
        "form[title]",
        "",
    );
    let _ = app
        .post_form(
            &owner,
            "jobs/create",
            "/companies/acme-health/jobs/new",
            &crate::common::pairs(&spoilt),
        )
        .await;
    let corrected = crate::common::with(
        &crate::common::job_form(&company, "Medical Writer"),
        "once",
        &token,
    );
    let saved = app
        .post_form(
            &owner,
            "jobs/create",
            "/companies/acme-health/jobs/new",
            &crate::common::pairs(&corrected),
        )
        .await;
    assert!(saved.status().is_redirection());
    assert_eq!(
        app.scalar(
            "select count(*) from jobs where title = 'Medical Writer'",
            &[]
        )
        .await,
        2
    );
}

#[tokio::test]
async fn a_search_sent_with_empty_fields_moves_to_the_address_without_them() {
    let app = TestApp::spawn().await;
    let client = app.client();
    for (asked, moved_to) in [
        ("/jobs?q=&sector=&type=full-time", "/jobs?type=full-time"),
        ("/jobs?q=nurse+leeds&sector=&=", "/jobs?q=nurse+leeds"),
        ("/companies?q=&sector=", "/companies"),
        ("/news?page=", "/news"),
    ] {
        let response = client.get(app.url(asked)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::MOVED_PERMANENTLY, "{asked}");
        assert_eq!(
            response.headers()[header::LOCATION].to_str().unwrap(),
            moved_to,
            "{asked}"
        );
    }
    // An address that names only what was chosen is answered as it is.
    let response = client
        .get(app.url("/jobs?q=nurse&type=full-time"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn pages_for_a_signed_in_person_are_never_stored_and_public_ones_may_be() {
    let app = TestApp::spawn().await;
    let visitor = app.client();
    let response = visitor.get(app.url("/jobs")).send().await.unwrap();
    let cache_control = response.headers().get(header::CACHE_CONTROL);
    assert!(
        cache_control.is_none_or(|value| !value.to_str().unwrap().contains("no-store")),
        "{cache_control:?}"
    );
    let person = app.client();
    app.register(&person, "own-pages@example.com", PASSWORD)
        .await;
    for path in [
        "/",
        "/jobs",
        "/companies",
        "/saved-jobs",
        "/account",
        "/alerts",
    ] {
        let response = person.get(app.url(path)).send().await.unwrap();
        assert_eq!(
            response.headers()[header::CACHE_CONTROL].to_str().unwrap(),
            "private, no-store",
            "{path}"
        );
    }
}
