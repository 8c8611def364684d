//! Public pages are served from caches; a change made through any instance sharing the database must show on
//! every instance's next request, never after some delay.

mod common;

use common::*;
use reqwest::StatusCode;

#[tokio::test]
async fn a_change_through_one_instance_shows_on_the_other_at_once() {
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

    approve(&first, &moderator, &id).await;
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
    assert_eq!(
        first.page(&first.client(), "/companies/acme-health").await.0,
        404
    );
    let (_, directory) = first.page(&first.client(), "/companies?sector=healthcare").await;
    assert!(directory.contains("No companies match."));

    second.stop().await;
    first.stop().await;
}
