//! The jobs board over HTTP against a real database: the lifecycle with the expiry task, bad input, who may do
//! what, search with facets, featured jobs, addresses and saved jobs.

use crate::common::{
    TestApp, approve, company_form, company_id, company_with_moderator, count_in, create,
    field_errors, in_days, job_form, pairs, publish_job, with,
};
use app::backend::{db::now, jobs::Counters, settings::Setting};
use reqwest::{Client, StatusCode, header};

async fn post_job(app: &TestApp, owner: &Client, form: &[(String, String)]) -> reqwest::Response {
    app.call(owner, "jobs/create", &pairs(form)).await
}

async fn job_id(app: &TestApp, title: &str) -> String {
    app.scalar("select id from jobs where title = $1", &[title])
        .await
        .to_string()
}

async fn decide(app: &TestApp, moderator: &Client, id: &str, decision: &str) -> StatusCode {
    app.call(
        moderator,
        "jobs/decide",
        &[
            ("form[job_id]", id),
            ("form[decision]", decision),
            ("form[reason]", "incomplete"),
        ],
    )
    .await
    .status()
}

async fn status_of(app: &TestApp, id: &str) -> String {
    let statuses = [
        "draft",
        "pending",
        "published",
        "rejected",
        "filled",
        "expired",
        "archived",
    ];
    for status in statuses {
        if app
            .scalar(
                "select count(*) from jobs where id = cast($1 as bigint) and status = $2",
                &[id, status],
            )
            .await
            == 1
        {
            return status.to_owned();
        }
    }
    panic!("job {id} has no known status");
}

#[tokio::test]
async fn a_job_is_public_once_approved_and_closes_on_time() {
    let app = TestApp::spawn().await;
    let (owner, moderator, company) = company_with_moderator(&app).await;
    let draft = with(
        &job_form(&company, "Senior Medical Writer"),
        "intent",
        "draft",
    );
    assert_eq!(
        post_job(&app, &owner, &draft).await.status(),
        StatusCode::OK
    );
    let id = job_id(&app, "Senior Medical Writer").await;
    let path = format!("/jobs/{id}-senior-medical-writer");
    assert_eq!(status_of(&app, &id).await, "draft");

    // A draft is a preview for its team and nobody else.
    let (status, preview) = app.page(&owner, &path).await;
    assert_eq!(status, 200);
    assert!(preview.contains("this is a preview") && !preview.contains("application/ld+json"));
    assert_eq!(app.page(&app.client(), &path).await.0, 404);
    assert_eq!(app.page(&moderator, &path).await.0, 200);

    let submit = [("form[job_id]", id.as_str()), ("form[action]", "submit")];
    assert_eq!(
        app.call(&owner, "jobs/manage", &submit).await.status(),
        StatusCode::OK
    );
    assert_eq!(status_of(&app, &id).await, "pending");
    assert_eq!(app.page(&app.client(), &path).await.0, 404);
    assert_eq!(
        decide(&app, &moderator, &id, "approve").await,
        StatusCode::OK
    );
    assert_eq!(status_of(&app, &id).await, "published");

    let (status, page) = app.page(&app.client(), &path).await;
    assert_eq!(status, 200);
    assert!(
        page.contains(r#""@type":"JobPosting""#),
        "JobPosting data on an open job"
    );
    assert!(page.contains("£45,000–£55,000 a year"));
    assert!(!page.contains("noindex"));
    let (_, found) = app.page(&app.client(), "/jobs?q=writer").await;
    assert!(found.contains("Senior Medical Writer") && found.contains("1 open job"));
    let (_, profile) = app.page(&app.client(), "/companies/acme-health").await;
    assert!(
        profile.contains("Senior Medical Writer"),
        "open jobs on the company page"
    );

    // The closing day passes: the expiry task closes the job, which leaves search but keeps its page.
    app.exec(
        "update jobs set closes_on = closes_on - 40 where id = cast($1 as bigint)",
        &[&id],
    )
    .await;
    app::backend::jobs::expire_due(&app.db, now())
        .await
        .unwrap();
    server::tasks::job_lifecycle(&app.db, &Counters::default(), now()).await;
    assert_eq!(status_of(&app, &id).await, "expired");
    let (status, closed) = app.page(&app.client(), &path).await;
    assert_eq!(status, 200);
    assert!(closed.contains("no longer accepting applications"));
    assert!(closed.contains(r#"name="robots" content="noindex""#));
    assert!(
        !closed.contains("application/ld+json"),
        "no JobPosting data on a closed job"
    );
    let (_, found) = app.page(&app.client(), "/jobs?q=writer").await;
    assert!(found.contains("No open jobs match."));
    let (_, hiring) = app.page(&app.client(), "/companies?hiring=1").await;
    assert!(hiring.contains("No companies match."), "no longer hiring");

    // Long closed: archived after a month, gone after half a year.
    app.exec(
        "update jobs set closed_at = closed_at - 40 * 86400 where id = cast($1 as bigint)",
        &[&id],
    )
    .await;
    server::tasks::job_lifecycle(&app.db, &Counters::default(), now()).await;
    assert_eq!(status_of(&app, &id).await, "archived");
    assert_eq!(app.page(&app.client(), &path).await.0, 200);
    app.exec(
        "update jobs set closed_at = closed_at - 200 * 86400 where id = cast($1 as bigint)",
        &[&id],
    )
    .await;
    assert_eq!(app.page(&app.client(), &path).await.0, 410);
}

#[tokio::test]
async fn bad_job_input_is_reported_next_to_each_field_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let (owner, _, company) = company_with_moderator(&app).await;
    let form = job_form(&company, "Medical Writer");
    let cases = [
        ("form[closes_on]", in_days(-1), "closes_on"),
        ("form[closes_on]", in_days(121), "closes_on"),
        ("form[salary_min]", "60000".to_owned(), "salary_max"),
        ("form[workplace]", "remote".to_owned(), "remote_eligibility"),
        ("form[salary_currency]", "XYZ".to_owned(), "salary_currency"),
        ("form[description]", "   ".to_owned(), "description"),
        ("form[locations][0][city]", String::new(), "locations"),
    ];
    for (key, value, field) in cases {
        let response = post_job(&app, &owner, &with(&form, key, &value)).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{key}={value}"
        );
        let errors = field_errors(response).await;
        assert!(
            errors.iter().any(|(f, _)| f == field),
            "{key}={value}: expected an error on {field}, got {errors:?}"
        );
    }
    assert_eq!(app.scalar("select count(*) from jobs", &[]).await, 0);
    assert_eq!(
        app.scalar("select count(*) from job_locations", &[]).await,
        0
    );

    // Without JavaScript, the form comes back with its values and the message beside the field.
    let response = app
        .post_form(
            &owner,
            "jobs/create",
            "/companies/acme-health/jobs/new",
            &pairs(&with(&form, "form[salary_min]", "60000")),
        )
        .await;
    assert!(response.status().is_redirection());
    let location = response.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .replace(&format!("http://{}", app.addr), "");
    assert!(
        location.starts_with("/companies/acme-health/jobs/new"),
        "{location}"
    );
    let (_, page) = app.page(&owner, &location).await;
    assert!(page.contains("The maximum must be at least the minimum."));
    assert!(page.contains(r#"value="60000""#));
}

#[tokio::test]
async fn each_job_function_answers_each_role_as_the_rules_say() {
    let app = TestApp::spawn().await;
    let (owner, moderator, company) = company_with_moderator(&app).await;
    assert_eq!(
        post_job(&app, &owner, &job_form(&company, "Medical Writer"))
            .await
            .status(),
        StatusCode::OK
    );
    let id = job_id(&app, "Medical Writer").await;
    let anonymous = app.client();
    let seeker = app.user("seeker@example.com", "seeker").await;
    // A member of another company.
    let rival = app.user("owner@rival.example", "seeker").await;
    let mut rival_form = with(
        &company_form("Rival Health"),
        "form[website]",
        "https://rival.example",
    );
    rival_form = with(&rival_form, "form[contact_email]", "hello@rival.example");
    assert_eq!(
        create(&app, &rival, &rival_form).await.status(),
        StatusCode::OK
    );
    let rival_company = company_id(&app, "rival-health").await;
    approve(&app, &moderator, &rival_company).await;

    let update = with(&job_form(&company, "Medical Writer II"), "job_id", &id);
    let manage = [("form[job_id]", id.as_str()), ("form[action]", "fill")];
    let feature = [
        ("form[job_id]", id.as_str()),
        ("form[action]", "feature"),
        ("form[from]", "2026-01-01"),
        ("form[until]", "2026-01-10"),
    ];
    for (who, client, expected) in [
        ("anonymous", &anonymous, StatusCode::UNAUTHORIZED),
        ("seeker", &seeker, StatusCode::FORBIDDEN),
        ("another company", &rival, StatusCode::FORBIDDEN),
    ] {
        assert_eq!(
            post_job(&app, client, &job_form(&company, "Sneaky"))
                .await
                .status(),
            expected,
            "{who} create"
        );
        assert_eq!(
            app.call(client, "jobs/update", &pairs(&update))
                .await
                .status(),
            expected,
            "{who} update"
        );
        assert_eq!(
            app.call(client, "jobs/manage", &manage).await.status(),
            expected,
            "{who} manage"
        );
        assert_eq!(
            app.call(client, "jobs/edit-data", &[("job_id", id.as_str())])
                .await
                .status(),
            expected,
            "{who} edit data"
        );
        let decided = decide(&app, client, &id, "approve").await;
        let moderator_only = if expected == StatusCode::UNAUTHORIZED {
            expected
        } else {
            StatusCode::FORBIDDEN
        };
        assert_eq!(decided, moderator_only, "{who} decide");
        assert_eq!(
            app.call(client, "jobs/feature", &feature).await.status(),
            moderator_only,
            "{who} feature"
        );
        assert_eq!(
            app.call(client, "moderation/queue", &[("queue", "jobs"), ("q", "")])
                .await
                .status(),
            moderator_only,
            "{who} queue"
        );
        // A pending job does not exist for them.
        assert_eq!(
            app.call(
                client,
                "jobs/detail",
                &[("segment", &format!("{id}-medical-writer"))]
            )
            .await
            .status(),
            StatusCode::NOT_FOUND,
            "{who} detail"
        );
    }
    assert_eq!(app.scalar("select count(*) from jobs", &[]).await, 1);
    assert_eq!(status_of(&app, &id).await, "pending");
    assert_eq!(
        app.call(
            &anonymous,
            "jobs/save",
            &[("job_id", id.as_str()), ("save", "true")]
        )
        .await
        .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.call(
            &seeker,
            "jobs/save",
            &[("job_id", id.as_str()), ("save", "true")]
        )
        .await
        .status(),
        StatusCode::NOT_FOUND,
        "an unpublished job cannot be saved"
    );
    assert_eq!(
        app.call(
            &moderator,
            "moderation/queue",
            &[("queue", "jobs"), ("q", "")]
        )
        .await
        .status(),
        StatusCode::OK
    );
    assert_eq!(
        app.call(&owner, "jobs/update", &pairs(&update))
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        decide(&app, &moderator, &id, "reject").await,
        StatusCode::OK
    );
    assert_eq!(status_of(&app, &id).await, "rejected");
    let (_, list) = app.page(&owner, "/companies/acme-health/jobs").await;
    assert!(
        list.contains("Medical Writer II")
            && list.contains("Incomplete: important details are missing")
    );
}

#[tokio::test]
async fn search_finds_jobs_by_words_and_each_facet_and_pages_through_them() {
    let app = TestApp::spawn().await;
    let (_, _, company) = company_with_moderator(&app).await;
    let company: i64 = company.parse().unwrap();
    publish_job(
        &app,
        company,
        &[
            ("form[title]", "Regulatory Affairs Specialist"),
            ("form[sector]", "regulatory-affairs"),
        ],
        0,
    )
    .await;
    publish_job(
        &app,
        company,
        &[
            ("form[title]", "Health Economist"),
            ("form[sector]", "market-access"),
            ("form[employment_type]", "contract"),
        ],
        3,
    )
    .await;
    publish_job(
        &app,
        company,
        &[
            ("form[title]", "Remote Data Analyst"),
            ("form[workplace]", "remote"),
            ("form[remote_eligibility]", "Ireland, United Kingdom"),
            ("form[salary_min]", "25000"),
            ("form[salary_max]", "29000"),
        ],
        10,
    )
    .await;
    publish_job(
        &app,
        company,
        &[
            ("form[title]", "Clinical Research Associate"),
            ("form[locations][0][city]", "Dublin"),
            ("form[locations][0][country]", "Ireland"),
            ("form[salary_kind]", "hidden"),
        ],
        20,
    )
    .await;
    for n in 0..21 {
        publish_job(
            &app,
            company,
            &[("form[title]", &format!("Medical Writer {n}"))],
            40,
        )
        .await;
    }
    let count = |path: &'static str| {
        let app = &app;
        async move { count_in(&app.page(&app.client(), path).await.1) }
    };
    assert_eq!(count("/jobs").await, "25 open jobs");
    assert_eq!(
        count("/jobs?q=regulat").await,
        "1 open job",
        "prefix of a title word"
    );
    assert_eq!(
        count("/jobs?q=acme").await,
        "25 open jobs",
        "the company's name"
    );
    assert_eq!(
        count("/jobs?q=friendly+team").await,
        "25 open jobs",
        "words of the description"
    );
    assert_eq!(count("/jobs?sector=market-access").await, "1 open job");
    assert_eq!(count("/jobs?type=contract").await, "1 open job");
    assert_eq!(count("/jobs?workplace=remote").await, "1 open job");
    assert_eq!(count("/jobs?country=Ireland").await, "1 open job");
    assert_eq!(count("/jobs?salary=under-30k").await, "1 open job");
    assert_eq!(count("/jobs?posted=7").await, "2 open jobs");
    assert_eq!(count("/jobs?posted=30").await, "4 open jobs");
    assert_eq!(
        count("/jobs?q=writer&sector=medical-communications&workplace=on-site").await,
        "21 open jobs"
    );
    assert_eq!(
        count("/jobs?q=writer&type=contract").await,
        "No open jobs match."
    );

    // Facet counts leave out their own choice, so the other choices stay visible with their numbers.
    let (_, page) = app.page(&app.client(), "/jobs?workplace=remote").await;
    assert!(
        page.contains("On-site (24)") && page.contains("Remote (1)"),
        "workplace counts"
    );

    // Pages: 20 per page, the rest on page 2, in the order asked for.
    let (_, first) = app.page(&app.client(), "/jobs?sort=newest").await;
    assert!(first.contains("Regulatory Affairs Specialist") && first.contains(r#"rel="next""#));
    let (_, second) = app.page(&app.client(), "/jobs?sort=newest&page=2").await;
    assert_eq!(second.matches(r#"class="job-card""#).count(), 5);
    let (_, by_salary) = app
        .page(&app.client(), "/jobs?sort=salary&q=analyst+OR+research")
        .await;
    assert!(
        by_salary.contains("No open jobs match."),
        "OR is a word, not an operator"
    );

    // Malformed queries are words, never errors.
    let long = format!("/jobs?q={}", "a".repeat(5_000));
    for path in [
        "/jobs?q=%22unbalanced",
        "/jobs?q=NEAR(writer+analyst)",
        "/jobs?q=*+-+^+:",
        "/jobs?q=title:writer",
        "/jobs?page=99999999999",
        "/jobs?salary=lots&posted=-1&type=%00",
        long.as_str(),
    ] {
        assert_eq!(app.page(&app.client(), path).await.0, 200, "{path}");
    }
}

#[tokio::test]
async fn featured_jobs_appear_in_the_sidebar_and_on_their_own_list() {
    let app = TestApp::spawn().await;
    let (_, moderator, company) = company_with_moderator(&app).await;
    let id = publish_job(
        &app,
        company.parse().unwrap(),
        &[("form[title]", "Featured Writer")],
        0,
    )
    .await
    .to_string();
    publish_job(
        &app,
        company.parse().unwrap(),
        &[("form[title]", "Ordinary Writer")],
        0,
    )
    .await;
    let (_, home) = app.page(&app.client(), "/").await;
    assert!(!home.contains("Featured Writer"));

    let from = in_days(0);
    let until = in_days(7);
    let form = [
        ("form[job_id]", id.as_str()),
        ("form[action]", "feature"),
        ("form[from]", from.as_str()),
        ("form[until]", until.as_str()),
    ];
    assert_eq!(
        app.call(&moderator, "jobs/feature", &form).await.status(),
        StatusCode::OK
    );
    let (_, home) = app.page(&app.client(), "/").await;
    assert!(home.contains("Featured Writer") && !home.contains("Ordinary Writer"));
    let (_, featured) = app.page(&app.client(), "/jobs?featured=1").await;
    assert_eq!(count_in(&featured), "1 open job");

    let bad = [
        ("form[job_id]", id.as_str()),
        ("form[action]", "feature"),
        ("form[from]", until.as_str()),
        ("form[until]", from.as_str()),
    ];
    let response = app.call(&moderator, "jobs/feature", &bad).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_errors(response).await[0].0, "until");
    let stop = [("form[job_id]", id.as_str()), ("form[action]", "stop")];
    assert_eq!(
        app.call(&moderator, "jobs/feature", &stop).await.status(),
        StatusCode::OK
    );
    let (_, home) = app.page(&app.client(), "/").await;
    assert!(!home.contains("Featured Writer"));
}

#[tokio::test]
async fn addresses_survive_a_new_title_and_apply_links_lead_on() {
    let app = TestApp::spawn().await;
    let (owner, moderator, company) = company_with_moderator(&app).await;
    post_job(&app, &owner, &job_form(&company, "Medical Writer")).await;
    let id = job_id(&app, "Medical Writer").await;
    decide(&app, &moderator, &id, "approve").await;
    let update = with(
        &with(&job_form(&company, "Lead Medical Writer"), "job_id", &id),
        "intent",
        "save",
    );
    assert_eq!(
        app.call(&owner, "jobs/update", &pairs(&update))
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        status_of(&app, &id).await,
        "published",
        "an edited open job stays public while its edit is reviewed"
    );
    let approved = app
        .call(
            &moderator,
            "moderation/decide",
            &[
                ("form[queue]", "job-edits"),
                ("form[id]", &id),
                ("form[decision]", "approve"),
            ],
        )
        .await;
    assert_eq!(approved.status(), StatusCode::OK);

    let old = app
        .client()
        .get(app.url(&format!("/jobs/{id}-medical-writer")))
        .send()
        .await
        .unwrap();
    assert_eq!(old.status(), StatusCode::MOVED_PERMANENTLY);
    assert_eq!(
        old.headers()[header::LOCATION],
        format!("/jobs/{id}-lead-medical-writer").as_str()
    );
    let apply = app
        .client()
        .get(app.url(&format!("/jobs/{id}/apply")))
        .send()
        .await
        .unwrap();
    assert_eq!(apply.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        apply.headers()[header::LOCATION],
        "https://careers.acme-health.example/writer"
    );
    assert_eq!(app.page(&app.client(), "/jobs/999999-nothing").await.0, 404);

    // A seeker saves it and finds it on their list.
    let seeker = app.user("seeker@example.com", "seeker").await;
    let save = [("job_id", id.as_str()), ("save", "true")];
    assert_eq!(
        app.call(&seeker, "jobs/save", &save).await.status(),
        StatusCode::OK
    );
    let (_, saved) = app.page(&seeker, "/saved-jobs").await;
    assert!(saved.contains("Lead Medical Writer"));
    let (_, page) = app
        .page(&seeker, &format!("/jobs/{id}-lead-medical-writer"))
        .await;
    assert!(page.contains("Saved · remove from my list"));
    assert_eq!(app.page(&app.client(), "/saved-jobs").await.0, 303);
}

#[tokio::test]
async fn verified_companies_skip_the_queue_only_when_an_admin_allows_it() {
    let app = TestApp::spawn().await;
    let (owner, moderator, company) = company_with_moderator(&app).await;
    let verify = [("company_id", company.as_str())];
    assert_eq!(
        app.call(&moderator, "companies/verify", &verify)
            .await
            .status(),
        StatusCode::OK
    );
    post_job(&app, &owner, &job_form(&company, "Reviewed Writer")).await;
    assert_eq!(
        status_of(&app, &job_id(&app, "Reviewed Writer").await).await,
        "pending"
    );

    app::backend::settings::set(&app.db, Setting::AutoApproveVerifiedJobs, "on")
        .await
        .unwrap();
    post_job(&app, &owner, &job_form(&company, "Trusted Writer")).await;
    assert_eq!(
        status_of(&app, &job_id(&app, "Trusted Writer").await).await,
        "published"
    );
}
