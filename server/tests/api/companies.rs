//! The company directory over HTTP against a real SQLite file: the moderation flow, addresses, who may do
//! what, logos, sanitised descriptions, teams and verification.

use crate::common::{
    TestApp, approve, company_form, company_id, count_in, create, field_errors, pairs,
    upload_cover, upload_logo, with,
};
use reqwest::{StatusCode, header};

/// A server function, its form, and the status each role gets.
type Row<'a> = (&'a str, &'a [(&'a str, &'a str)], [u16; 5]);

#[tokio::test]
async fn a_new_company_is_public_only_after_a_moderator_approves_it() {
    let app = TestApp::spawn().await;
    let owner = app.user("owner@acme-health.example", "seeker").await;
    let response = create(&app, &owner, &company_form("Acme Health")).await;
    assert_eq!(response.status(), StatusCode::OK);

    // Pending: invisible to the public, visible to its owner with the status.
    let (status, _) = app.page(&app.client(), "/companies/acme-health").await;
    assert_eq!(status, 404);
    let (_, directory) = app.page(&app.client(), "/companies").await;
    assert!(!directory.contains("Acme Health"));
    let (status, page) = app.page(&owner, "/companies/acme-health").await;
    assert_eq!(status, 200);
    assert!(page.contains("Waiting for review"));
    let (_, dashboard) = app.page(&owner, "/dashboard").await;
    assert!(dashboard.contains("Acme Health") && dashboard.contains("Waiting for review"));

    let moderator = app.user("mod@example.com", "moderator").await;
    approve(&app, &moderator, &company_id(&app, "acme-health").await).await;

    let (status, page) = app.page(&app.client(), "/companies/acme-health").await;
    assert_eq!(status, 200);
    assert!(page.contains("Plain words about medicines"));
    assert!(page.contains(r#""@type":"Organization""#));
    assert!(page.contains(r#"property="og:title" content="Acme Health""#));
    let (_, directory) = app.page(&app.client(), "/companies").await;
    assert!(directory.contains("Acme Health") && directory.contains("1 company"));
    let (_, found) = app
        .page(&app.client(), "/companies?q=leaf&sector=healthcare")
        .await;
    assert!(
        found.contains("Acme Health"),
        "prefix search on the description"
    );
    let (_, none) = app
        .page(&app.client(), "/companies?sector=biotechnology")
        .await;
    assert!(none.contains("No companies match."));
}

#[tokio::test]
async fn rejection_reason_reaches_the_team_and_the_company_stays_hidden() {
    let app = TestApp::spawn().await;
    let owner = app.user("owner@example.com", "seeker").await;
    create(&app, &owner, &company_form("Acme Health")).await;
    let moderator = app.user("mod@example.com", "moderator").await;
    let id = company_id(&app, "acme-health").await;
    let missing_reason = app
        .call(
            &moderator,
            "companies/decide",
            &[("form[company_id]", &id), ("form[decision]", "reject")],
        )
        .await;
    assert_eq!(missing_reason.status(), StatusCode::UNPROCESSABLE_ENTITY);
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
    let (_, dashboard) = app.page(&owner, "/dashboard").await;
    assert!(
        dashboard.contains("Not approved")
            && dashboard.contains("Incomplete: important details are missing")
    );
    assert_eq!(
        app.page(&app.client(), "/companies/acme-health").await.0,
        404
    );
}

#[tokio::test]
async fn bad_input_is_reported_per_field_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let owner = app.user("owner@example.com", "seeker").await;
    let form = company_form("Acme Health");
    let form = with(&form, "form[website]", "javascript:alert(1)");
    let form = with(&form, "form[tagline]", &"x".repeat(121));
    let form = with(&form, "form[sectors][4]", "knitting");
    let response = create(&app, &owner, &form).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let errors = field_errors(response).await;
    let fields: Vec<&str> = errors.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(fields, ["tagline", "website", "sectors"]);
    assert_eq!(app.scalar("select count(*) from companies", &[]).await, 0);
    assert_eq!(
        app.scalar("select count(*) from company_members", &[])
            .await,
        0
    );
}

#[tokio::test]
async fn duplicate_names_and_addresses_are_field_errors() {
    let app = TestApp::spawn().await;
    let owner = app.user("owner@example.com", "seeker").await;
    assert_eq!(
        create(&app, &owner, &company_form("Acme Health"))
            .await
            .status(),
        200
    );

    let same_name = create(&app, &owner, &company_form("ACME health!")).await;
    assert_eq!(same_name.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_errors(same_name).await[0].0, "name");

    let same_slug = create(
        &app,
        &owner,
        &with(&company_form("Acme Wellbeing"), "form[slug]", "acme-health"),
    )
    .await;
    assert_eq!(same_slug.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_errors(same_slug).await[0].0, "slug");
    assert_eq!(app.scalar("select count(*) from companies", &[]).await, 1);
}

#[tokio::test]
async fn a_renamed_address_redirects_permanently_and_stays_reserved() {
    let app = TestApp::spawn().await;
    let owner = app.user("owner@example.com", "seeker").await;
    create(&app, &owner, &company_form("Acme Health")).await;
    let moderator = app.user("mod@example.com", "moderator").await;
    let id = company_id(&app, "acme-health").await;
    approve(&app, &moderator, &id).await;

    let mut form = with(&company_form("Acme Health"), "form[slug]", "acme");
    form.push(("company_id".into(), id.clone()));
    assert_eq!(
        app.call(&owner, "companies/update", &pairs(&form))
            .await
            .status(),
        200
    );

    let response = app
        .client()
        .get(app.url("/companies/acme-health"))
        .header(header::ACCEPT, "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::MOVED_PERMANENTLY);
    assert_eq!(response.headers()[header::LOCATION], "/companies/acme");
    assert_eq!(app.page(&app.client(), "/companies/acme").await.0, 200);

    // Nobody else can take the old address while it redirects.
    let other = app.user("other@example.com", "seeker").await;
    let taken = create(
        &app,
        &other,
        &with(&company_form("Other Health"), "form[slug]", "acme-health"),
    )
    .await;
    assert_eq!(field_errors(taken).await[0].0, "slug");
}

/// Every company server function, called by each kind of user: the status each gets.
#[tokio::test]
async fn each_company_function_answers_each_role_as_the_rules_say() {
    let app = TestApp::spawn().await;
    let owner = app.user("owner@example.com", "seeker").await;
    create(&app, &owner, &company_form("Acme Health")).await;
    let id = company_id(&app, "acme-health").await;
    let editor = app.user("editor@example.com", "seeker").await;
    app.exec(
        "insert into company_members (company_id, user_id, role, joined_at) \
         select cast($1 as bigint), id, 'editor', 0 from users where email = 'editor@example.com'",
        &[&id],
    )
    .await;
    let editor_id = app
        .scalar(
            "select id from users where email = 'editor@example.com'",
            &[],
        )
        .await
        .to_string();
    let seeker = app.user("seeker@example.com", "seeker").await;
    let moderator = app.user("mod@example.com", "moderator").await;
    let anonymous = app.client();

    let mut update = company_form("Acme Health");
    update.push(("company_id".into(), id.clone()));
    let update = pairs(&update);
    let decide: &[(&str, &str)] = &[("form[company_id]", &id), ("form[decision]", "approve")];
    let invite: &[(&str, &str)] = &[
        ("form[company_id]", &id),
        ("form[email]", "new@example.com"),
    ];
    let remove: &[(&str, &str)] = &[("company_id", &id), ("user_id", &editor_id)];
    let edit_data: &[(&str, &str)] = &[("slug", "acme-health")];
    let verify: &[(&str, &str)] = &[("company_id", &id)];

    let table: &[Row] = &[
        //                                       anonymous, seeker, editor, owner, moderator
        ("companies/edit-data", edit_data, [401, 403, 200, 200, 403]),
        ("companies/update", &update, [401, 403, 200, 200, 403]),
        // The owner may invite, but not for a company waiting for review.
        ("companies/invite", invite, [401, 403, 403, 422, 403]),
        ("companies/verify", verify, [401, 403, 422, 422, 200]),
        ("companies/decide", decide, [401, 403, 403, 403, 200]),
        ("companies/mine", &[], [401, 200, 200, 200, 200]),
        ("companies/remove-member", remove, [401, 403, 403, 200, 403]),
    ];
    let callers = [&anonymous, &seeker, &editor, &owner, &moderator];
    let names = ["anonymous", "seeker", "editor", "owner", "moderator"];
    for (endpoint, form, expected) in table {
        for (i, caller) in callers.iter().enumerate() {
            let status = app.call(caller, endpoint, form).await.status().as_u16();
            assert_eq!(status, expected[i], "{endpoint} as {}", names[i]);
        }
    }
}

#[tokio::test]
async fn editing_someone_elses_company_changes_nothing() {
    let app = TestApp::spawn().await;
    let owner = app.user("owner@example.com", "seeker").await;
    create(&app, &owner, &company_form("Acme Health")).await;
    let id = company_id(&app, "acme-health").await;
    let stranger = app.user("stranger@example.com", "seeker").await;
    let mut form = with(&company_form("Hijacked"), "form[tagline]", "Taken over");
    form.push(("company_id".into(), id));
    let response = app.call(&stranger, "companies/update", &pairs(&form)).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.scalar(
            "select count(*) from companies where name = 'Acme Health'",
            &[]
        )
        .await,
        1
    );
}

#[tokio::test]
async fn logos_are_checked_re_encoded_and_served() {
    let app = TestApp::spawn().await;
    let owner = app.user("owner@example.com", "seeker").await;
    create(&app, &owner, &company_form("Acme Health")).await;
    let id = company_id(&app, "acme-health").await;

    // A text file dressed up as a PNG is refused, with the reason on the edit page, and nothing is stored.
    let fake = upload_logo(
        &app,
        &owner,
        &id,
        "logo.png",
        b"this is not an image at all".to_vec(),
        "image/png",
    )
    .await;
    assert_eq!(fake.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        fake.headers()[header::LOCATION],
        "/companies/acme-health/edit#logo"
    );
    let (_, edit) = app.page(&owner, "/companies/acme-health/edit").await;
    assert!(edit.contains("This file is not an image. Upload a PNG, JPEG or WebP file."));
    assert_eq!(
        app.scalar("select count(*) from company_logos", &[]).await,
        0
    );

    // Too big: refused before decoding.
    let huge = upload_logo(
        &app,
        &owner,
        &id,
        "logo.png",
        vec![0u8; 3 * 1024 * 1024],
        "image/png",
    )
    .await;
    assert_eq!(huge.status(), StatusCode::SEE_OTHER, "{:?}", huge.headers());
    let (_, edit) = app.page(&owner, "/companies/acme-health/edit").await;
    assert!(
        edit.contains("The image must be at most 2 MB"),
        "size message shown"
    );

    // Someone outside the team cannot change it.
    let stranger = app.user("stranger@example.com", "seeker").await;
    let png = server::demo_art::generate_demo("Acme Health");
    assert_eq!(
        upload_logo(&app, &stranger, &id, "logo.png", png.clone(), "image/png")
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        upload_logo(
            &app,
            &app.client(),
            &id,
            "logo.png",
            png.clone(),
            "image/png"
        )
        .await
        .status(),
        StatusCode::UNAUTHORIZED
    );

    // A real PNG is stored at every size.
    let real = upload_logo(&app, &owner, &id, "logo.png", png, "image/png").await;
    assert_eq!(real.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        real.headers()[header::LOCATION],
        "/companies/acme-health/edit?notice=logo-updated"
    );
    assert_eq!(
        app.scalar("select count(*) from company_logos", &[]).await,
        3
    );

    // Pending: only the team sees it; approved: everyone, cached for good.
    let path = format!("/logos/{id}/1/128.png");
    assert_eq!(
        app.client()
            .get(app.url(&path))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
    let mine = owner.get(app.url(&path)).send().await.unwrap();
    assert_eq!(mine.status(), StatusCode::OK);
    assert_eq!(mine.headers()[header::CONTENT_TYPE], "image/png");
    let moderator = app.user("mod@example.com", "moderator").await;
    approve(&app, &moderator, &id).await;
    let public = app.client().get(app.url(&path)).send().await.unwrap();
    assert_eq!(public.status(), StatusCode::OK);
    assert!(
        public.headers()[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    let bytes = public.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\x89PNG"));
}

#[tokio::test]
async fn profiles_show_their_sections_and_bound_their_lists() {
    let app = TestApp::spawn().await;
    let owner = app.user("owner@example.com", "seeker").await;
    let form = company_form("Acme Health");
    let form = with(
        &form,
        "form[services]",
        "- Medical writing\n<script>alert(1)</script>\n\n",
    );
    let form = with(
        &form,
        "form[benefits]",
        "Hybrid working\nHybrid  working\nLearning budget",
    );
    let form = with(
        &form,
        "form[offices]",
        "Lyon, France\nLeeds (head office), United Kingdom",
    );

    // Too many items, or one too long: the message is next to the field and nothing is stored.
    let many: String = (1..=13).map(|i| format!("Benefit {i}\n")).collect();
    let refused = create(&app, &owner, &with(&form, "form[benefits]", &many)).await;
    let errors = field_errors(refused).await;
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].0, "benefits");
    assert!(errors[0].1.contains("at most 12 benefits"), "{errors:?}");
    let long = with(&form, "form[offices]", &"x".repeat(81));
    assert_eq!(
        field_errors(create(&app, &owner, &long).await).await[0].0,
        "offices"
    );
    assert_eq!(app.scalar("select count(*) from companies", &[]).await, 0);

    assert_eq!(create(&app, &owner, &form).await.status(), StatusCode::OK);
    let (_, page) = app.page(&owner, "/companies/acme-health").await;
    for shown in [
        r#"<h2 id="services-title">What we do</h2>"#,
        "<li>Medical writing</li>",
        "<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>",
        r##"<a href="#benefits-title">Benefits</a>"##,
        "<li>Learning budget</li>",
    ] {
        assert!(page.contains(shown), "{shown}");
    }
    assert!(!page.contains("<script>alert(1)"));
    assert_eq!(
        page.matches("<li>Hybrid working</li>").count(),
        1,
        "a repeated item is kept once"
    );
    // The team's own wording of the head office comes first, marked; the other office after it.
    let head = page
        .find("Leeds (head office), United Kingdom")
        .expect("head office");
    let other = page.find("Lyon, France").expect("second office");
    assert!(head < other);
    assert!(page[head..other].contains("Headquarters"));
    assert!(
        page.contains("profile-cover-plain"),
        "no cover yet: a plain band"
    );

    // The lists are part of what the team edits in place, and come back in the edit form.
    let id = company_id(&app, "acme-health").await;
    let (_, edit) = app.page(&owner, "/companies/acme-health/edit").await;
    assert!(edit.contains("Lyon, France\nLeeds (head office), United Kingdom</textarea>"));
    let mut update = with(&form, "form[benefits]", "");
    update.push(("company_id".into(), id.clone()));
    let saved = app.call(&owner, "companies/update", &pairs(&update)).await;
    assert_eq!(saved.status(), StatusCode::OK);
    let (_, page) = app.page(&owner, "/companies/acme-health").await;
    assert!(
        !page.contains("benefits-title"),
        "an empty list has no section"
    );
}

#[tokio::test]
async fn covers_are_cut_stored_served_and_removed() {
    let app = TestApp::spawn().await;
    let owner = app.user("owner@example.com", "seeker").await;
    create(&app, &owner, &company_form("Acme Health")).await;
    let id = company_id(&app, "acme-health").await;

    // Too small for a cover: refused with the reason next to the field, nothing stored.
    let small = server::demo_art::generate_cover("small", 500, 300);
    let refused = upload_cover(&app, &owner, &id, small, false).await;
    assert_eq!(
        refused.headers()[header::LOCATION],
        "/companies/acme-health/edit#cover"
    );
    let (_, edit) = app.page(&owner, "/companies/acme-health/edit").await;
    assert!(edit.contains("A cover must be at least 600 pixels wide and 200 high"));
    assert_eq!(
        app.scalar("select count(*) from company_covers", &[]).await,
        0
    );

    // Only the team may change it.
    let picture = server::demo_art::generate_cover("Acme Health", 1600, 900);
    let stranger = app.user("stranger@example.com", "seeker").await;
    let status = upload_cover(&app, &stranger, &id, picture.clone(), false)
        .await
        .status();
    assert_eq!(status, StatusCode::FORBIDDEN);
    let status = upload_cover(&app, &app.client(), &id, picture.clone(), false)
        .await
        .status();
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let stored = upload_cover(&app, &owner, &id, picture, false).await;
    assert_eq!(
        stored.headers()[header::LOCATION],
        "/companies/acme-health/edit?notice=cover-updated"
    );
    let sizes = app
        .scalar(
            "select count(*) from company_covers where (size = 'wide' and width = 1200 and height = 400) \
             or (size = 'narrow' and width = 600 and height = 200)",
            &[],
        )
        .await;
    assert_eq!(sizes, 2, "both renditions, cut to 3:1");

    // Pending: the team sees it, the public does not; approved: everyone, cached for good.
    let path = format!("/covers/{id}/1/wide");
    let anonymous = app.client().get(app.url(&path)).send().await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::NOT_FOUND);
    let mine = owner.get(app.url(&path)).send().await.unwrap();
    assert_eq!(mine.status(), StatusCode::OK);
    assert_eq!(mine.headers()[header::CACHE_CONTROL], "private, no-store");
    let moderator = app.user("mod@example.com", "moderator").await;
    approve(&app, &moderator, &id).await;
    let public = app.client().get(app.url(&path)).send().await.unwrap();
    assert_eq!(public.status(), StatusCode::OK);
    assert_eq!(public.headers()[header::CONTENT_TYPE], "image/jpeg");
    assert!(
        public.headers()[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    let unknown = app
        .client()
        .get(app.url(&format!("/covers/{id}/1/huge")))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    let (_, page) = app.page(&app.client(), "/companies/acme-health").await;
    assert!(page.contains(&format!(
        r#"srcset="/covers/{id}/1/narrow 600w, /covers/{id}/1/wide 1200w""#
    )));

    // Removed: the plain band again, and the old address answers nothing.
    let removed = upload_cover(&app, &owner, &id, Vec::new(), true).await;
    assert_eq!(
        removed.headers()[header::LOCATION],
        "/companies/acme-health/edit?notice=cover-removed"
    );
    assert_eq!(
        app.scalar("select count(*) from company_covers", &[]).await,
        0
    );
    let (_, page) = app.page(&app.client(), "/companies/acme-health").await;
    assert!(page.contains("profile-cover-plain"));
    let gone = app.client().get(app.url(&path)).send().await.unwrap();
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn hostile_descriptions_render_inert() {
    let app = TestApp::spawn().await;
    let owner = app.user("owner@example.com", "seeker").await;
    let corpus = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<svg onload=alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<details open ontoggle=alert(1)>",
        "[ok](https://fine.example)",
    ];
    let description = format!(
        "This is a company profile with hostile content in it.\n\n{}",
        corpus.join("\n\n")
    );
    let form = with(
        &company_form("Acme Health"),
        "form[description]",
        &description,
    );
    assert_eq!(create(&app, &owner, &form).await.status(), 200);
    let (_, page) = app.page(&owner, "/companies/acme-health").await;
    let prose_start = page
        .find(r#"<div class="prose">"#)
        .expect("description shown");
    let prose = &page[prose_start..prose_start + page[prose_start..].find("</section>").unwrap()];
    let lower = prose.to_lowercase();
    for banned in [
        "<script",
        "<img",
        "<svg",
        "<iframe",
        "<details",
        "onerror=",
        "onload=",
        "ontoggle=",
        "href=\"javascript",
        "href=\"data:",
    ] {
        assert!(!lower.contains(banned), "{banned} in {prose}");
    }
    assert!(
        prose.contains(r#"<a href="https://fine.example" rel="nofollow ugc noopener">ok</a>"#),
        "{prose}"
    );
}

#[tokio::test]
async fn owners_invite_editors_who_join_once_by_link() {
    let app = TestApp::spawn().await;
    let owner = app.user("owner@example.com", "seeker").await;
    create(&app, &owner, &company_form("Acme Health")).await;
    let id = company_id(&app, "acme-health").await;
    // Invitations come from a confirmed owner of an approved company.
    app.exec(
        "update users set email_verified_at = 1 where email = 'owner@example.com'",
        &[],
    )
    .await;
    app.exec("update companies set status = 'approved'", &[])
        .await;

    let response = app
        .call(
            &owner,
            "companies/invite",
            &[
                ("form[company_id]", &id),
                ("form[email]", "Colleague@Example.com"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let link: String = response.json().await.unwrap();
    let path = link
        .strip_prefix("http://127.0.0.1:3999")
        .expect("absolute link on the site")
        .to_owned();
    let token = path.strip_prefix("/invitations/").unwrap().to_owned();
    assert_eq!(token.len(), 64);
    assert_eq!(
        app.scalar(
            "select count(*) from outbox where kind = 'invitation' and recipient = 'colleague@example.com' \
             and body_text like $1",
            &[&format!("%{link}%")]
        )
        .await,
        1,
        "the link is mailed to the person invited"
    );
    assert_eq!(
        app.scalar(
            "select count(*) from company_invitations where token_hash = $1",
            &[&token]
        )
        .await,
        0,
        "only the hash is stored"
    );

    // The wrong account cannot use it; the invited one can, once.
    let wrong = app.user("someone@example.com", "seeker").await;
    assert_eq!(
        app.call(&wrong, "invitations/accept", &[("token", &token)])
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let colleague = app.user("colleague@example.com", "seeker").await;
    let (_, page) = app.page(&colleague, &path).await;
    assert!(page.contains("Join Acme Health"));
    assert_eq!(
        app.call(&colleague, "invitations/accept", &[("token", &token)])
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        app.page(&colleague, "/companies/acme-health/edit").await.0,
        200
    );
    let (_, page) = app.page(&colleague, &path).await;
    assert!(page.contains("already been used"));
    assert_eq!(
        app.call(&colleague, "invitations/accept", &[("token", &token)])
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );

    // Ownership moves to the editor; the old owner can no longer manage the team.
    let colleague_id = app
        .scalar(
            "select id from users where email = 'colleague@example.com'",
            &[],
        )
        .await
        .to_string();
    let transfer = app
        .call(
            &owner,
            "companies/transfer",
            &[("company_id", &id), ("user_id", &colleague_id)],
        )
        .await;
    assert_eq!(transfer.status(), StatusCode::OK);
    let owner_id = app
        .scalar(
            "select id from users where email = 'owner@example.com'",
            &[],
        )
        .await
        .to_string();
    let removal = app
        .call(
            &owner,
            "companies/remove-member",
            &[("company_id", &id), ("user_id", &colleague_id)],
        )
        .await;
    assert_eq!(removal.status(), StatusCode::FORBIDDEN);
    let removal = app
        .call(
            &colleague,
            "companies/remove-member",
            &[("company_id", &id), ("user_id", &owner_id)],
        )
        .await;
    assert_eq!(removal.status(), StatusCode::OK);
    assert_eq!(app.page(&owner, "/companies/acme-health/edit").await.0, 403);
}

#[tokio::test]
async fn a_verified_email_at_the_website_domain_earns_the_badge() {
    let app = TestApp::spawn().await;
    let owner = app.user("owner@acme-health.example", "seeker").await;
    create(&app, &owner, &company_form("Acme Health")).await;
    let id = company_id(&app, "acme-health").await;
    // Not yet confirmed: refused.
    assert_eq!(
        app.call(&owner, "companies/verify", &[("company_id", &id)])
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    app.exec(
        "update users set email_verified_at = 1 where email = 'owner@acme-health.example'",
        &[],
    )
    .await;
    assert_eq!(
        app.call(&owner, "companies/verify", &[("company_id", &id)])
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        app.scalar(
            "select count(*) from companies where verified_domain = 'acme-health.example'",
            &[]
        )
        .await,
        1
    );
    // Moving the website to another domain takes the badge away.
    let mut form = with(
        &company_form("Acme Health"),
        "form[website]",
        "https://acme.example",
    );
    form.push(("company_id".into(), id.clone()));
    assert_eq!(
        app.call(&owner, "companies/update", &pairs(&form))
            .await
            .status(),
        200
    );
    assert_eq!(
        app.scalar(
            "select count(*) from companies where verified_domain is not null",
            &[]
        )
        .await,
        0
    );
}

#[tokio::test]
async fn without_javascript_a_refused_form_comes_back_filled_in() {
    let app = TestApp::spawn().await;
    let owner = app.user("owner@example.com", "seeker").await;
    let form = with(
        &company_form("Acme Health"),
        "form[website]",
        "not a web address",
    );
    let response = app
        .post_form(&owner, "companies/create", "/companies/new", &pairs(&form))
        .await;
    assert!(response.status().is_redirection());
    let location = response.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        location.starts_with("/companies/new") || location.contains("/companies/new?"),
        "{location}"
    );
    let (_, page) = app
        .page(
            &owner,
            &location.replace(&format!("http://{}", app.addr), ""),
        )
        .await;
    assert!(page.contains("Enter a web address such as https://www.example.com."));
    assert!(page.contains(r#"value="Acme Health""#), "name kept");
    assert!(
        page.contains(r#"value="medical-communications" checked"#),
        "sector kept"
    );
    assert_eq!(app.scalar("select count(*) from companies", &[]).await, 0);

    let ok = app
        .post_form(
            &owner,
            "companies/create",
            "/companies/new",
            &pairs(&company_form("Acme Health")),
        )
        .await;
    assert!(ok.status().is_redirection());
    assert_eq!(
        ok.headers()[header::LOCATION],
        "/companies/acme-health/edit?notice=company-added"
    );
}

#[tokio::test]
async fn a_directory_search_counts_every_match_on_every_page() {
    let app = TestApp::spawn().await;
    // Five owners with five companies each (the most one account may add in a day), three of them in Paris.
    for owner in 0..5 {
        let client = app
            .user(&format!("owner{owner}@example.com"), "seeker")
            .await;
        for n in 0..5 {
            let name = format!("Leafwise {owner}{n}");
            let mut form = company_form(&name);
            if owner == 0 && n < 3 {
                form = with(&form, "form[city]", "Paris");
                form = with(&form, "form[country]", "France");
            }
            assert_eq!(create(&app, &client, &form).await.status(), StatusCode::OK);
        }
    }
    app.exec("update companies set status = 'approved'", &[])
        .await;
    let listed = |page: &str| page.matches("class=\"company-card\"").count();
    let (_, first) = app.page(&app.client(), "/companies?q=leaflets").await;
    assert!(first.contains("25 companies"), "{}", count_in(&first));
    assert_eq!(listed(&first), 20);
    let (_, second) = app
        .page(&app.client(), "/companies?q=leaflets&page=2")
        .await;
    assert!(second.contains("25 companies"), "{}", count_in(&second));
    assert_eq!(listed(&second), 5);
    // Past the last page, nothing is listed and the count still says how many match.
    let (_, past) = app
        .page(&app.client(), "/companies?q=leaflets&page=3")
        .await;
    assert!(past.contains("25 companies"), "{}", count_in(&past));
    assert_eq!(listed(&past), 0);
    let (_, paris) = app
        .page(&app.client(), "/companies?q=leaflets&location=France")
        .await;
    assert!(paris.contains("3 companies"), "{}", count_in(&paris));
    let (_, none) = app.page(&app.client(), "/companies?q=spreadsheets").await;
    assert!(none.contains("No companies match."));
}
