//! Security headers and cookie flags on every kind of answer the server gives: pages, error pages, server
//! function results and refusals, redirects, feeds, sitemaps, images, downloads, static files and plain text.

use crate::common::{PASSWORD, TestApp, company_form, company_id, create, upload_logo};
use reqwest::{Client, Method, Response, StatusCode, header};

/// What one answer must carry, whatever it is.
fn check_headers(what: &str, response: &Response, https: bool) {
    let headers = response.headers();
    let get = |name: &str| {
        headers
            .get(name)
            .unwrap_or_else(|| panic!("{what}: no {name} header"))
            .to_str()
            .unwrap()
    };
    assert_eq!(get("x-content-type-options"), "nosniff", "{what}");
    assert_eq!(
        get("referrer-policy"),
        "strict-origin-when-cross-origin",
        "{what}"
    );
    assert_eq!(get("x-frame-options"), "DENY", "{what}");
    assert!(get("permissions-policy").contains("camera=()"), "{what}");
    let policy = get("content-security-policy");
    assert!(
        policy.contains("frame-ancestors 'none'"),
        "{what}: {policy}"
    );
    if policy.contains("'nonce-") {
        // A rendered page: its scripts run by nonce only, and nothing else may load from elsewhere.
        assert!(policy.contains("default-src 'self'"), "{what}: {policy}");
        assert!(!policy.contains("unsafe-inline'"), "{what}: {policy}");
    } else {
        assert_eq!(
            policy, "default-src 'none'; frame-ancestors 'none'",
            "{what}"
        );
    }
    match headers.get(header::STRICT_TRANSPORT_SECURITY) {
        Some(value) => {
            assert!(https, "{what}: HSTS over plain HTTP");
            assert_eq!(value, "max-age=63072000", "{what}");
        }
        None => assert!(!https, "{what}: no HSTS on an HTTPS site"),
    }
    for name in ["server", "x-powered-by"] {
        assert!(
            headers.get(name).is_none(),
            "{what}: {name} names the software"
        );
    }
    if let Some(kind) = headers.get(header::CONTENT_TYPE) {
        let kind = kind.to_str().unwrap();
        // Text read as the wrong encoding can turn into markup; JSON is always UTF-8, images are not text.
        if kind.starts_with("text/") || kind.starts_with("application/") && kind.contains("xml") {
            assert!(
                kind.contains("charset"),
                "{what}: text without a character set ({kind})"
            );
        }
    }
}

/// An answer to a visitor never sets a cookie: sessions begin at sign-in.
fn sets_no_cookie(what: &str, response: &Response) {
    assert!(
        response.headers().get(header::SET_COOKIE).is_none(),
        "{what}: a visitor was given a cookie"
    );
}

async fn send(client: &Client, app: &TestApp, method: Method, path: &str) -> Response {
    client
        .request(method, app.url(path))
        .header(header::ACCEPT, "text/html")
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn every_kind_of_answer_carries_the_security_headers() {
    let app = TestApp::spawn().await;
    let visitor = app.client();
    let mut answers: Vec<(String, StatusCode, Response)> = Vec::new();
    macro_rules! answer {
        ($what:expr, $status:expr, $response:expr) => {{
            let response = $response;
            assert_eq!(response.status(), $status, "{}", $what);
            answers.push(($what.to_string(), $status, response));
        }};
    }

    // Pages, as a visitor: none of them starts a session.
    for (path, status) in [
        ("/", StatusCode::OK),
        ("/jobs?q=writer&workplace=remote", StatusCode::OK),
        ("/companies", StatusCode::OK),
        ("/news", StatusCode::OK),
        ("/signin", StatusCode::OK),
        ("/no/such/page", StatusCode::NOT_FOUND),
        ("/jobs/999999-gone", StatusCode::NOT_FOUND),
        ("/healthz", StatusCode::OK),
        ("/readyz", StatusCode::OK),
        ("/favicon.svg", StatusCode::OK),
        ("/robots.txt", StatusCode::OK),
        ("/sitemap.xml", StatusCode::OK),
        ("/feeds/news.rss", StatusCode::OK),
        ("/feeds/jobs.atom", StatusCode::OK),
        ("/jobs/999999/apply", StatusCode::NOT_FOUND),
        ("/logos/999999/1/64.png", StatusCode::NOT_FOUND),
        ("/admin/audit.csv", StatusCode::UNAUTHORIZED),
        ("/pkg/no-such-file.js", StatusCode::NOT_FOUND),
    ] {
        let response = send(&visitor, &app, Method::GET, path).await;
        sets_no_cookie(path, &response);
        answer!(format!("GET {path}"), status, response);
    }
    let head = send(&visitor, &app, Method::HEAD, "/").await;
    answer!("HEAD /", StatusCode::OK, head);

    // Server functions: an answer, refusals, a field error, and the same form posted without JavaScript.
    answer!("me", StatusCode::OK, app.call(&visitor, "me", &[]).await);
    answer!(
        "console as a visitor",
        StatusCode::UNAUTHORIZED,
        app.call(&visitor, "moderation/overview", &[]).await
    );
    answer!(
        "a bad registration",
        StatusCode::UNPROCESSABLE_ENTITY,
        app.register(&visitor, "not an address", PASSWORD).await
    );
    answer!(
        "a bad registration without JavaScript",
        StatusCode::FOUND,
        app.post_form(
            &visitor,
            "register",
            "/register",
            &[
                ("form[email]", "not an address"),
                ("form[password]", PASSWORD)
            ],
        )
        .await
    );
    let cross_site = visitor
        .post(app.url("/api/sign-out"))
        .header(header::ORIGIN, "https://elsewhere.example")
        .send()
        .await
        .unwrap();
    answer!("a cross-site post", StatusCode::FORBIDDEN, cross_site);
    let oversized = visitor
        .post(app.url("/api/me"))
        .header("sec-fetch-site", "same-origin")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(vec![b'a'; 300 * 1024])
        .send()
        .await
        .unwrap();
    answer!(
        "an oversized body",
        StatusCode::PAYLOAD_TOO_LARGE,
        oversized
    );
    let forgot = || {
        app.call(
            &visitor,
            "account/forgot-password",
            &[("form[email]", "someone@example.com")],
        )
    };
    for _ in 0..3 {
        assert_eq!(forgot().await.status(), StatusCode::OK);
    }
    answer!(
        "a request past its limit",
        StatusCode::TOO_MANY_REQUESTS,
        forgot().await
    );
    let forged = visitor
        .post(app.url("/alerts/unsubscribe/forged"))
        .send()
        .await
        .unwrap();
    answer!("a forged unsubscribe link", StatusCode::NOT_FOUND, forged);

    // Signed in: a session cookie no script can read, sent to this site only, for every path.
    let owner = app.client();
    app.register(&owner, "owner@example.com", PASSWORD).await;
    let signed_out = app.client();
    let sign_in = app
        .sign_in(&signed_out, "owner@example.com", PASSWORD)
        .await;
    check_session_cookie(&sign_in, false);
    answer!("sign-in", StatusCode::OK, sign_in);
    create(&app, &owner, &company_form("Acme Health")).await;
    let id = company_id(&app, "acme-health").await;
    let png = server::demo_art::generate_demo("Acme Health");
    answer!(
        "a logo upload",
        StatusCode::SEE_OTHER,
        upload_logo(&app, &owner, &id, "logo.png", png, "image/png").await
    );
    answer!(
        "a logo",
        StatusCode::OK,
        send(&owner, &app, Method::GET, &format!("/logos/{id}/1/64.png")).await
    );
    let admin = app.user("admin@example.com", "admin").await;
    answer!(
        "the audit export",
        StatusCode::OK,
        send(&admin, &app, Method::GET, "/admin/audit.csv").await
    );
    answer!(
        "the console",
        StatusCode::OK,
        send(&admin, &app, Method::GET, "/admin").await
    );

    // A failing database: the error page carries them too.
    app.exec("alter table jobs rename to jobs_gone", &[]).await;
    answer!(
        "a page whose data cannot be read",
        StatusCode::INTERNAL_SERVER_ERROR,
        send(&visitor, &app, Method::GET, "/jobs/424242-not-read-before").await
    );

    for (what, _, response) in &answers {
        check_headers(what, response, false);
    }
    eprintln!("{} kinds of answer checked", answers.len());
    app.exec("alter table jobs_gone rename to jobs", &[]).await;
}

/// The session cookie's flags: `Secure` when the site is served over HTTPS.
fn check_session_cookie(response: &Response, secure: bool) {
    let cookie = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|value| value.to_str().unwrap())
        .find(|value| value.starts_with("hubboard_session="))
        .expect("a session cookie at sign-in");
    let flags: Vec<String> = cookie
        .split(';')
        .skip(1)
        .map(|flag| flag.trim().to_ascii_lowercase())
        .collect();
    for flag in ["httponly", "samesite=lax", "path=/"] {
        assert!(flags.iter().any(|f| f == flag), "{flag} in {cookie}");
    }
    assert_eq!(
        flags.iter().any(|f| f == "secure"),
        secure,
        "Secure in {cookie}"
    );
    assert!(
        !flags.iter().any(|f| f.starts_with("domain=")),
        "the cookie is for this host only: {cookie}"
    );
}

#[tokio::test]
async fn a_site_behind_https_sends_hsts_and_secure_cookies() {
    let app =
        TestApp::spawn_with_settings(&[("HUBBOARD_SITE_URL", "https://jobs.example.com")]).await;
    let client = app.client();
    let page = send(&client, &app, Method::GET, "/").await;
    assert_eq!(page.status(), StatusCode::OK);
    check_headers("the front page over HTTPS", &page, true);
    let feed = send(&client, &app, Method::GET, "/feeds/news.rss").await;
    check_headers("a feed over HTTPS", &feed, true);
    app.register(&client, "owner@example.com", PASSWORD).await;
    let fresh = app.client();
    let sign_in = app.sign_in(&fresh, "owner@example.com", PASSWORD).await;
    assert_eq!(sign_in.status(), StatusCode::OK);
    check_session_cookie(&sign_in, true);
    check_headers("sign-in over HTTPS", &sign_in, true);
}

/// A page rendered while the site's files are being sent keeps its own policy, and the files keep theirs: a file
/// answered beside a page once carried off the page's policy, and the page went out with the strict one, which
/// blocks its scripts.
#[tokio::test]
async fn a_page_rendered_while_files_are_sent_keeps_its_own_policy() {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.path().join("pkg")).unwrap();
    std::fs::write(site.path().join("pkg/piece.wasm"), vec![0u8; 64 << 10]).unwrap();
    let root = site.path().to_str().unwrap();
    let app = TestApp::spawn_with_settings(&[("LEPTOS_SITE_ROOT", root)]).await;
    let client = Client::new();
    for round in 0..10 {
        let files = futures::future::join_all(
            (0..15).map(|_| client.get(app.url("/pkg/piece.wasm")).send()),
        );
        let path = format!("/news?round={round}");
        let page = send(&client, &app, Method::GET, &path);
        let (page, files) = tokio::join!(page, files);
        assert_eq!(page.status(), StatusCode::OK);
        let policy = page.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap();
        assert!(
            policy.contains("'nonce-"),
            "round {round}: the page went out with {policy}"
        );
        for file in files {
            let file = file.unwrap();
            assert_eq!(file.status(), StatusCode::OK);
            let policy = file.headers()[header::CONTENT_SECURITY_POLICY]
                .to_str()
                .unwrap();
            assert!(
                !policy.contains("'nonce-"),
                "round {round}: a file went out with a page's {policy}"
            );
        }
    }
}
