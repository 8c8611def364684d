//! Malformed input for every server function, as every kind of visitor: empty and unknown fields, wrong types,
//! boundary numbers, deep nesting, invalid UTF-8, huge values and the wrong encoding. The answer is always a 4xx
//! or a normal answer — never a 5xx — and no listing, account or other record changes.

use crate::common::{TestApp, approve, company_form, company_id, create, publish_job};
use reqwest::{Client, StatusCode, header};

/// The tables whose rows must not change; sessions and abuse counters may.
const TABLES: &[&str] = &[
    "users",
    "companies",
    "company_members",
    "company_invitations",
    "jobs",
    "job_revisions",
    "company_revisions",
    "saved_jobs",
    "articles",
    "subscribers",
    "subscriptions",
    "reports",
    "audit_log",
    "banned_domains",
    "outbox",
    "settings",
];

async fn snapshot(app: &TestApp) -> Vec<(String, i64)> {
    let mut counts = Vec::new();
    for table in TABLES {
        // The key that signs alert links is made on first use, whoever asks.
        let filter = if *table == "settings" {
            " where key <> 'link_signing_key'"
        } else {
            ""
        };
        let count = app
            .scalar(&format!("select count(*) from {table}{filter}"), &[])
            .await;
        counts.push(((*table).to_owned(), count));
    }
    counts
}

/// Functions that take no input at all.
const NO_INPUT: &[&str] = &["/sign-out", "/account/resend-verification"];

/// The bodies sent to every function, with the content type each is sent as.
fn corpus() -> Vec<(&'static str, &'static str, Vec<u8>)> {
    let form = "application/x-www-form-urlencoded";
    let nested = format!("a{}=1", "[a]".repeat(500));
    let huge = format!(
        "form[title]={}&form[email]={}",
        "x".repeat(60_000),
        "y".repeat(60_000)
    );
    vec![
        ("empty", form, Vec::new()),
        ("unknown field", form, b"unexpected=1".to_vec()),
        (
            "wrong types",
            form,
            b"form=1&id=abc&job_id=abc&company_id=abc&article_id=abc&save=maybe&form[id]=x&form[job_id]=[]".to_vec(),
        ),
        (
            "boundary numbers",
            form,
            b"id=9223372036854775808&job_id=-1&company_id=0&article_id=-9223372036854775808&form[id]=99999999999999999999&form[user_id]=-1&form[company_id]=1e9"
                .to_vec(),
        ),
        ("deep nesting", form, nested.into_bytes()),
        ("huge values", form, huge.into_bytes()),
        ("invalid UTF-8 escaped", form, b"form[email]=%FF%FE%FD&q=%C3%28&domain=%80".to_vec()),
        ("invalid UTF-8 raw", form, vec![b'q', b'=', 0xFF, 0xFE, b'&', b'x', b'=', 0xC3, 0x28]),
        ("JSON instead of a form", "application/json", br#"{"form":{"id":[1,2,{"deep":null}]}}"#.to_vec()),
        ("no content type", "", b"form[email]=a@b.c".to_vec()),
    ]
}

#[tokio::test]
async fn every_server_function_answers_garbage_with_4xx_and_changes_nothing() {
    let app = TestApp::spawn().await;
    // Something of everything, so that functions have real rows to get wrong.
    let owner = app.user("owner@acme-health.example", "seeker").await;
    let moderator = app.user("mod@hubboard.example", "moderator").await;
    let admin = app.user("admin@hubboard.example", "admin").await;
    let seeker = app.user("seeker@example.com", "seeker").await;
    assert_eq!(
        create(&app, &owner, &company_form("Acme Health"))
            .await
            .status(),
        StatusCode::OK
    );
    let company = company_id(&app, "acme-health").await;
    approve(&app, &moderator, &company).await;
    publish_job(&app, company.parse().unwrap(), &[], 0).await;
    let before = snapshot(&app).await;

    let mut paths: Vec<String> = server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .collect();
    paths.sort();
    paths.dedup();
    assert!(
        paths.len() > 60,
        "every function is registered: {}",
        paths.len()
    );
    let roles: [(&str, &Client); 5] = [
        ("anonymous", &app.client()),
        ("seeker", &seeker),
        ("company owner", &owner),
        ("moderator", &moderator),
        ("admin", &admin),
    ];
    let mut tried = 0;
    let mut failures = Vec::new();
    for path in &paths {
        for (who, client) in roles {
            // Actions that take no input cannot be sent malformed input: any request to them is a real one
            // (and signing out would end the session the other requests rely on).
            if NO_INPUT.iter().any(|p| path.ends_with(p)) && who != "anonymous" {
                continue;
            }
            for (what, content_type, body) in corpus() {
                let mut request = client
                    .post(app.url(path))
                    .header(header::ORIGIN, app.url(""))
                    .body(body);
                if !content_type.is_empty() {
                    request = request.header(header::CONTENT_TYPE, content_type);
                }
                let response = request.send().await.expect("request sent");
                tried += 1;
                let status = response.status();
                let text = response.text().await.unwrap_or_default();
                if status.is_server_error() {
                    failures.push(format!("{path} as {who} with {what}: {status} {text}"));
                }
                assert!(
                    !text.contains("sqlx") && !text.contains("panicked") && !text.contains("/src/"),
                    "{path} as {who} with {what} leaked internal text: {text}"
                );
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {tried} requests failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(snapshot(&app).await, before, "no record changed");
    // The server is still well.
    assert_eq!(app.page(&app.client(), "/jobs").await.0, 200);
    println!(
        "{tried} malformed requests to {} server functions, none answered 5xx",
        paths.len()
    );
}

#[tokio::test]
async fn every_mutating_endpoint_refuses_cross_site_posts() {
    let app = TestApp::spawn().await;
    let admin = app.user("admin@hubboard.example", "admin").await;
    let owner = app.user("owner@acme-health.example", "seeker").await;
    assert_eq!(
        create(&app, &owner, &company_form("Acme Health"))
            .await
            .status(),
        StatusCode::OK
    );
    let company = company_id(&app, "acme-health").await;
    let before = snapshot(&app).await;
    let mut endpoints: Vec<String> = server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .collect();
    endpoints.sort();
    endpoints.dedup();
    // The plain axum handlers that take posts.
    endpoints.extend(
        [
            "/uploads/company-logo",
            "/uploads/company-cover",
            "/uploads/article-image",
            "/alerts/unsubscribe/any-token",
        ]
        .map(str::to_owned),
    );
    let form = [
        ("form[company_id]", company.as_str()),
        ("form[decision]", "approve"),
        ("form[domain]", "evil.example"),
    ];
    let mut tried = 0;
    for path in &endpoints {
        for client in [&admin, &owner, &app.client()] {
            for (name, value) in [
                ("origin", "https://evil.example"),
                ("sec-fetch-site", "cross-site"),
                ("sec-fetch-site", "same-site"),
            ] {
                let response = client
                    .post(app.url(path))
                    .header(name, value)
                    .form(&form)
                    .send()
                    .await
                    .unwrap();
                tried += 1;
                assert_eq!(
                    response.status(),
                    StatusCode::FORBIDDEN,
                    "{path} with {name}: {value}"
                );
            }
        }
    }
    assert_eq!(snapshot(&app).await, before, "nothing changed");
    assert_eq!(
        app.scalar(
            "select count(*) from companies where status = 'pending'",
            &[]
        )
        .await,
        1
    );
    println!(
        "{tried} cross-site posts to {} endpoints refused",
        endpoints.len()
    );
}
