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
