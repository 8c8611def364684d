//! Public pages are served from caches; a change must show at once on the instance that made it and within
//! `VERSIONS_MAX_AGE` on every other instance sharing the database.

use crate::common::*;
use app::backend::cache::VERSIONS_MAX_AGE;
use reqwest::StatusCode;

/// Waits as long as another instance's change may take to show.
async fn settle() {
    tokio::time::sleep(VERSIONS_MAX_AGE).await;
}

#[tokio::test]
async fn a_change_shows_at_once_where_it_was_made_and_promptly_on_the_other_instance() {
    let first = TestApp::spawn().await;
    let second = TestApp::spawn_on(first.database_url.clone()).await;
    let owner = first.user("owner@acme-health.example", "seeker").await;
    let moderator = first.user("mod@example.com", "moderator").await;
    let visitor = second.client();
    let response = create(&first, &owner, &company_form("Acme Health")).await;
    assert_eq!(response.status(), StatusCode::OK);
    let id = company_id(&first, "acme-health").await;

    // The second instance answers (and keeps) a miss and an empty directory while the company is pending.
    assert_eq!(second.page(&visitor, "/companies/acme-health").await.0, 404);
    let (_, directory) = second.page(&visitor, "/companies?sector=healthcare").await;
    assert!(directory.contains("No companies match."));

    let (_, on_first) = first
        .page(&first.client(), "/companies?sector=healthcare")
        .await;
    assert!(on_first.contains("No companies match."));

    approve(&first, &moderator, &id).await;
    let (_, on_first) = first
        .page(&first.client(), "/companies?sector=healthcare")
        .await;
    assert!(
        on_first.contains("Acme Health"),
        "at once where it was made"
    );
    settle().await;
    let (status, profile) = second.page(&visitor, "/companies/acme-health").await;
    assert_eq!(status, 200, "approved through the first instance");
    assert!(profile.contains("Plain words about medicines"));
    let (_, directory) = second.page(&visitor, "/companies?sector=healthcare").await;
    assert!(directory.contains("Acme Health"));

    // An edit through the first instance replaces what the second had kept.
    let mut form = with(
        &company_form("Acme Health"),
        "form[tagline]",
        "Clear words for clinicians",
    );
    form.push(("company_id".into(), id.clone()));
    let response = first.call(&owner, "companies/update", &pairs(&form)).await;
    assert_eq!(response.status(), StatusCode::OK);
    settle().await;
    let (_, profile) = second.page(&visitor, "/companies/acme-health").await;
    assert!(profile.contains("Clear words for clinicians"));
    assert!(!profile.contains("Plain words about medicines"));

    // Suspended through the second instance: gone from the first's public pages at once.
    let (_, on_first) = first.page(&first.client(), "/companies/acme-health").await;
    assert!(on_first.contains("Clear words for clinicians"));
    let moderator_on_second = second.client();
    second
        .sign_in(&moderator_on_second, "mod@example.com", PASSWORD)
        .await;
    let response = second
        .call(
            &moderator_on_second,
            "companies/decide",
            &[
                ("form[company_id]", id.as_str()),
                ("form[decision]", "suspend"),
                ("form[reason]", "misleading"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    settle().await;
    assert_eq!(
        first
            .page(&first.client(), "/companies/acme-health")
            .await
            .0,
        404
    );
    let (_, directory) = first
        .page(&first.client(), "/companies?sector=healthcare")
        .await;
    assert!(directory.contains("No companies match."));
}

#[tokio::test]
async fn each_cache_follows_only_what_it_shows() {
    let app = TestApp::spawn().await;
    let owner = app.user("owner@acme-health.example", "seeker").await;
    let moderator = app.user("mod@example.com", "moderator").await;
    let visitor = app.client();
    create(&app, &owner, &company_form("Acme Health")).await;
    let company = company_id(&app, "acme-health").await;
    approve(&app, &moderator, &company).await;

    // A visitor asks for the next job's address before it exists; the answer is kept.
    let next = app
        .scalar("select coalesce(max(id), 0) + 1 from jobs", &[])
        .await;
    let path = format!("/jobs/{next}-medical-writer");
    assert_eq!(app.page(&visitor, &path).await.0, 404);

    // A draft, which no public page shows: its team sees it, and every edit of it, at once.
    let draft = with(&job_form(&company, "Medical Writer"), "intent", "draft");
    assert_eq!(
        app.call(&owner, "jobs/create", &pairs(&draft))
            .await
            .status(),
        StatusCode::OK
    );
    let id = app
        .scalar("select id from jobs where title = 'Medical Writer'", &[])
        .await;
    assert_eq!(id, next);
    let (status, page) = app.page(&owner, &path).await;
    assert_eq!(status, 200, "the team sees its new draft");
    assert!(page.contains("Medical Writer"));
    assert_eq!(
        app.page(&visitor, &path).await.0,
        404,
        "the public does not"
    );
    let edit = with(
        &with(&draft, "form[title]", "Senior Medical Writer"),
        "job_id",
        &id.to_string(),
    );
    assert_eq!(
        app.call(&owner, "jobs/update", &pairs(&edit))
            .await
            .status(),
        StatusCode::OK
    );
    let (_, page) = app
        .page(&owner, &format!("/jobs/{id}-senior-medical-writer"))
        .await;
    assert!(
        page.contains("Senior Medical Writer"),
        "the edit shows at once"
    );

    // Published, it is found; a new logo shows in the search's answer at once.
    let submit = with(&edit, "intent", "submit");
    app.call(&owner, "jobs/update", &pairs(&submit)).await;
    let id_text = id.to_string();
    let decided = app
        .call(
            &moderator,
            "jobs/decide",
            &[
                ("form[job_id]", id_text.as_str()),
                ("form[decision]", "approve"),
            ],
        )
        .await;
    assert_eq!(decided.status(), StatusCode::OK);
    let (_, found) = app.page(&visitor, "/jobs?q=writer").await;
    assert!(found.contains("Senior Medical Writer"));
    assert!(!found.contains(&format!("/logos/{company}/")));
    let png = server::demo_art::generate_demo("Acme Health");
    upload_logo(&app, &owner, &company, "logo.png", png, "image/png").await;
    let (_, found) = app.page(&visitor, "/jobs?q=writer").await;
    assert!(
        found.contains(&format!("/logos/{company}/1/")),
        "the search shows the new logo"
    );

    // What each page shows decides what replaces it. A new tagline is on the profile and in the directory, not in
    // job cards or on job pages: those stay kept (sent again with their `Age`), the others show the new words.
    // The sidebar of every page shows the company approved last, this one, with its tagline: a kept page keeps the
    // old words there for at most its time limit, and pages made afterwards show the new ones.
    let job_page = format!("/jobs/{id}-senior-medical-writer");
    let pages = [
        "/jobs?q=writer",
        job_page.as_str(),
        "/companies",
        "/companies/acme-health",
        "/news",
    ];
    for path in pages {
        view(&app, &visitor, path).await;
        assert!(
            view(&app, &visitor, path).await.0,
            "{path} is kept once seen"
        );
    }
    let mut form = with(&company_form("Acme Health"), "form[tagline]", "Clear words");
    form.push(("company_id".into(), company.clone()));
    assert_eq!(
        app.call(&owner, "companies/update", &pairs(&form))
            .await
            .status(),
        StatusCode::OK
    );
    for path in ["/companies", "/companies/acme-health"] {
        let (kept, page) = view(&app, &visitor, path).await;
        assert!(
            !kept && page.contains("Clear words"),
            "{path} follows the tagline"
        );
    }
    for path in ["/jobs?q=writer", job_page.as_str(), "/news"] {
        assert!(
            view(&app, &visitor, path).await.0,
            "{path} shows the tagline only in passing"
        );
    }
    let (kept, page) = view(&app, &visitor, "/jobs?q=nurse").await;
    assert!(
        !kept && spotlight(&page).contains("Clear words"),
        "a new page's sidebar shows the new tagline"
    );

    // A new website is part of what job pages show (their structured data names it): the job page and the search
    // listing the job follow it; the news shows nothing of the company.
    let (_, page) = view(&app, &visitor, &job_page).await;
    assert!(page.contains("https://www.acme-health.example"));
    let form = with(&form, "form[website]", "https://acme.example");
    assert_eq!(
        app.call(&owner, "companies/update", &pairs(&form))
            .await
            .status(),
        StatusCode::OK
    );
    let (kept, page) = view(&app, &visitor, &job_page).await;
    assert!(
        !kept && page.contains("https://acme.example"),
        "the job page follows it"
    );
    assert!(
        !view(&app, &visitor, "/jobs?q=writer").await.0,
        "and so does the search"
    );
    assert!(
        view(&app, &visitor, "/news").await.0,
        "the news does not show it"
    );

    // A job's salary changed straight in the database, as another instance or a script would: its page and the
    // search listing it show the new figure once this instance has followed the change; the news stays kept.
    view(&app, &visitor, "/jobs?q=writer").await;
    sqlx::query("update jobs set salary_min = 41000 where id = $1")
        .bind(id)
        .execute(app.db.write())
        .await
        .unwrap();
    settle().await;
    let (kept, found) = view(&app, &visitor, "/jobs?q=writer").await;
    assert!(
        !kept && found.contains("£41,000–£55,000"),
        "the search follows the job"
    );
    let (kept, page) = view(&app, &visitor, &job_page).await;
    assert!(!kept && page.contains("£41,000"), "and so does its page");
    assert!(view(&app, &visitor, "/news").await.0);
}

/// A visitor's view of `path`: whether it was a kept page (sent again with its `Age`), and the page.
async fn view(app: &TestApp, client: &reqwest::Client, path: &str) -> (bool, String) {
    let response = html_page(app, client, path).await;
    let kept = response.headers().contains_key("age");
    (kept, response.text().await.unwrap())
}

/// A successful answer to a browser's request for the page at `path`.
async fn html_page(app: &TestApp, client: &reqwest::Client, path: &str) -> reqwest::Response {
    let response = client
        .get(app.url(path))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response
}

/// The sidebar box of a page headed by the element with id `title`.
fn sidebar_box<'a>(page: &'a str, title: &str) -> &'a str {
    let (_, rest) = page
        .split_once(&format!("id=\"{title}\""))
        .unwrap_or_else(|| panic!("the page has the box {title}"));
    rest.split("</section>").next().unwrap_or_default()
}

/// The sidebar's company directory box of a page.
fn spotlight(page: &str) -> &str {
    sidebar_box(page, "directory-title")
}

/// The first title in a page's featured-jobs box: the box starts one further along at every render.
fn first_featured(page: &str) -> String {
    let (_, rest) = sidebar_box(page, "featured-jobs-title")
        .split_once("<strong>")
        .expect("the box lists jobs");
    rest.split('<').next().unwrap_or_default().to_owned()
}

/// The nonce a page's policy allows, and the body.
async fn page_with_nonce(app: &TestApp, client: &reqwest::Client, path: &str) -> (String, String) {
    let response = html_page(app, client, path).await;
    assert!(
        !response
            .headers()
            .keys()
            .any(|name| name.as_str().starts_with("x-hubboard")),
        "the application's internal marks stay inside: {:?}",
        response.headers()
    );
    let policy = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("pages name a nonce")
        .to_owned();
    (nonce, response.text().await.unwrap())
}

#[tokio::test]
async fn visitors_share_whole_pages_and_signed_in_people_never_do() {
    let app = TestApp::spawn().await;
    let (owner, _, company) = company_with_moderator(&app).await;
    let mut jobs = Vec::new();
    for n in 0..7 {
        let title = format!("Featured Role {n}");
        jobs.push(
            publish_job(
                &app,
                company.parse().unwrap(),
                &[("form[title]", &title)],
                0,
            )
            .await,
        );
    }
    let now = app::backend::db::now();
    app.exec(
        "update jobs set featured_from = cast($1 as bigint), featured_until = cast($2 as bigint)",
        &[&(now - 3600).to_string(), &(now + 7 * 86_400).to_string()],
    )
    .await;

    // Visitors are sent the page rendered for the first of them: its featured box does not move on.
    let visitor = app.client();
    let (first_nonce, first) = page_with_nonce(&app, &visitor, "/jobs").await;
    let (second_nonce, second) = page_with_nonce(&app, &visitor, "/jobs").await;
    let (_, other_visitor) = page_with_nonce(&app, &app.client(), "/jobs").await;
    assert_eq!(first_featured(&first), first_featured(&second));
    assert_eq!(first_featured(&first), first_featured(&other_visitor));
    // Each answer has a nonce of its own, and its scripts carry that one only.
    assert_ne!(first_nonce, second_nonce);
    assert!(second.contains(&format!("nonce=\"{second_nonce}\"")));
    assert!(!second.contains(&first_nonce));
    assert_eq!(
        first.replace(&first_nonce, "N"),
        second.replace(&second_nonce, "N"),
        "the same page but for the nonce"
    );

    // A signed-in person gets a page rendered for them every time, and theirs is not kept for visitors.
    let (_, mine) = page_with_nonce(&app, &owner, "/jobs").await;
    let (_, mine_again) = page_with_nonce(&app, &owner, "/jobs").await;
    assert_ne!(first_featured(&mine), first_featured(&mine_again));
    let job_page = format!("/jobs/{}-featured-role-0", jobs[0]);
    let (_, team_view) = page_with_nonce(&app, &owner, &job_page).await;
    assert!(
        team_view.contains("Edit the job"),
        "the team sees its controls"
    );
    let (_, public_view) = page_with_nonce(&app, &visitor, &job_page).await;
    assert!(!public_view.contains("Edit the job"));

    // A change is shown at once.
    app.exec(
        "update jobs set title = 'Renamed Role' where id = cast($1 as bigint)",
        &[&jobs[0].to_string()],
    )
    .await;
    let (_, renamed) = page_with_nonce(&app, &visitor, &job_page).await;
    assert!(renamed.contains("Renamed Role"));

    // Every time a kept job page is sent counts as a view, as a render does; the team's own visits do not.
    for _ in 0..3 {
        page_with_nonce(&app, &app.client(), &job_page).await;
    }
    let url = app.database_url.clone();
    let _dir = app.stop().await;
    let again = TestApp::spawn_on(url).await;
    let views = again
        .scalar(
            "select views from jobs where id = cast($1 as bigint)",
            &[&jobs[0].to_string()],
        )
        .await;
    assert_eq!(views, 5, "two visits before the change and three after");
}

#[tokio::test]
async fn a_page_with_a_part_that_failed_is_kept_by_no_cache() {
    let app = TestApp::spawn().await;
    let (_, editor, _) = company_with_moderator(&app).await;
    let story = draft_article(&app, &editor, &article_form("Trial sites move north")).await;
    let published = publish_article(&app, &editor, &story, "").await;
    assert_eq!(published.status(), StatusCode::OK);
    let visitor = app.client();
    let (_, page) = view(&app, &visitor, "/news").await;
    assert!(sidebar_box(&page, "directory-title").contains("Acme Health"));

    // The sidebar's company spotlight cannot be read while the news page renders: the page is there without it,
    // and kept by no cache, neither the browser's nor the site's own.
    app.exec("alter table companies rename to companies_away", &[])
        .await;
    let failed = html_page(&app, &visitor, "/news?page=1").await;
    let control = failed.headers().get("cache-control").cloned();
    let page = failed.text().await.unwrap();
    assert!(
        control.is_some_and(|value| value.to_str().unwrap().contains("no-store")),
        "{page}"
    );
    assert!(!sidebar_box(&page, "directory-title").contains("Acme Health"));
    assert!(
        page.contains("Trial sites move north"),
        "the rest of the page"
    );

    // Once it can be read again, the next visitor sees it.
    app.exec("alter table companies_away rename to companies", &[])
        .await;
    let (kept, page) = view(&app, &visitor, "/news?page=1").await;
    assert!(!kept, "the page with the failure was not kept");
    assert!(sidebar_box(&page, "directory-title").contains("Acme Health"));
}
