//! Public pages are served from caches; a change must show at once on the instance that made it and within
//! `VERSIONS_MAX_AGE` on every other instance sharing the database.

mod common;

use app::server::cache::VERSIONS_MAX_AGE;
use common::*;
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

    second.stop().await;
    first.stop().await;
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
    let png = app::server::logos::generate_demo("Acme Health");
    upload_logo(&app, &owner, &company, "logo.png", png, "image/png").await;
    let (_, found) = app.page(&visitor, "/jobs?q=writer").await;
    assert!(
        found.contains(&format!("/logos/{company}/1/")),
        "the search shows the new logo"
    );

    // A change to a company that job listings do not show leaves the searches' kept answers in place: a job
    // retitled behind the caches' back keeps its old title after the tagline changes, and shows the new one once
    // jobs change.
    // (`exec` would bump every version, as tests usually want.)
    sqlx::query("update jobs set title = 'Senior Medical Writer, retitled' where id = $1")
        .bind(id)
        .execute(app.db.write())
        .await
        .unwrap();
    let mut form = with(&company_form("Acme Health"), "form[tagline]", "Clear words");
    form.push(("company_id".into(), company.clone()));
    assert_eq!(
        app.call(&owner, "companies/update", &pairs(&form))
            .await
            .status(),
        StatusCode::OK
    );
    let (_, profile) = app.page(&visitor, "/companies/acme-health").await;
    assert!(
        profile.contains("Clear words"),
        "the profile follows companies"
    );
    let (_, found) = app.page(&visitor, "/jobs?q=writer").await;
    assert!(!found.contains("retitled"), "the search follows jobs only");

    // A new website is part of what job pages show (their structured data names it), so it moves the jobs'
    // version: the job page shows it at once, and the search its retitled job.
    let job_page = format!("/jobs/{id}-senior-medical-writer");
    let (_, page) = app.page(&visitor, &job_page).await;
    assert!(page.contains("https://www.acme-health.example"));
    let form = with(&form, "form[website]", "https://acme.example");
    assert_eq!(
        app.call(&owner, "companies/update", &pairs(&form))
            .await
            .status(),
        StatusCode::OK
    );
    let (_, page) = app.page(&visitor, &job_page).await;
    assert!(
        page.contains("https://acme.example"),
        "the job page follows it"
    );
    let (_, found) = app.page(&visitor, "/jobs?q=writer").await;
    assert!(
        found.contains("Senior Medical Writer, retitled"),
        "and so does the search"
    );
    app.stop().await;
}
