//! The moderation console over HTTP against a real database: who may call what, one audit row per action in the
//! action's transaction, "already decided", reasons and notes, edits of approved listings waiting for review while
//! the approved version stays public, reports, suspensions, refused domains and the audit export.

use crate::common::{
    PASSWORD, TestApp, approve, company_form, company_id, create, field_errors, job_form, pairs,
    upload_logo, with,
};
use reqwest::{Client, StatusCode};
use serde_json::Value;

/// An approved company with its owner, a moderator and an admin, and a job of the company waiting for review.
struct Board {
    owner: Client,
    moderator: Client,
    admin: Client,
    company: String,
    job: String,
}

async fn board(app: &TestApp) -> Board {
    let owner = app.user("owner@acme-health.example", "seeker").await;
    let moderator = app.user("mod@hubboard.example", "moderator").await;
    let admin = app.user("admin@hubboard.example", "admin").await;
    assert_eq!(
        create(app, &owner, &company_form("Acme Health"))
            .await
            .status(),
        StatusCode::OK
    );
    let company = company_id(app, "acme-health").await;
    approve(app, &moderator, &company).await;
    let job = submit_job(app, &owner, &company, "Medical writer").await;
    Board {
        owner,
        moderator,
        admin,
        company,
        job,
    }
}

/// Submits a job for review and answers its id.
async fn submit_job(app: &TestApp, owner: &Client, company: &str, title: &str) -> String {
    let response = app
        .call(owner, "jobs/create", &pairs(&job_form(company, title)))
        .await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "{}",
        response.text().await.unwrap()
    );
    app.scalar("select id from jobs where title = $1", &[title])
        .await
        .to_string()
}

async fn job_status(app: &TestApp, id: &str) -> String {
    for status in [
        "draft",
        "pending",
        "published",
        "rejected",
        "filled",
        "expired",
        "archived",
    ] {
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
    panic!("job {id} not found");
}

async fn decide(
    app: &TestApp,
    client: &Client,
    queue: &str,
    id: &str,
    decision: &[(&str, &str)],
) -> reqwest::Response {
    let mut form = vec![("form[queue]", queue), ("form[id]", id)];
    form.extend_from_slice(decision);
    app.call(client, "moderation/decide", &form).await
}

/// A server function, the form to call it with, and whether it is for admins only.
type Call<'a> = (&'a str, Vec<(&'a str, &'a str)>, bool);

async fn audit_rows(app: &TestApp) -> i64 {
    app.scalar("select count(*) from audit_log", &[]).await
}

async fn refused_message(response: reqwest::Response) -> String {
    let body: Value = response.json().await.expect("error body is JSON");
    body["Refused"].as_str().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn every_console_function_answers_only_the_roles_it_is_for() {
    let app = TestApp::spawn().await;
    let board = board(&app).await;
    let seeker = app.user("seeker@example.com", "seeker").await;
    let anonymous = app.client();
    let target_user = app
        .scalar(
            "select id from users where email = $1",
            &["seeker@example.com"],
        )
        .await
        .to_string();
    let job = board.job.as_str();
    let company = board.company.as_str();
    // (endpoint, form, admins only): every function of the console, with real targets so that a call that got
    // through would change something.
    let calls: Vec<Call> = vec![
        ("moderation/overview", vec![], false),
        (
            "moderation/queue",
            vec![("queue", "jobs"), ("q", "")],
            false,
        ),
        (
            "moderation/review",
            vec![("queue", "jobs"), ("id", job)],
            false,
        ),
        (
            "moderation/reported",
            vec![("kind", "job"), ("id", job)],
            false,
        ),
        (
            "moderation/decide",
            vec![
                ("form[queue]", "jobs"),
                ("form[id]", job),
                ("form[decision]", "approve"),
            ],
            false,
        ),
        (
            "moderation/resolve",
            vec![
                ("form[kind]", "company"),
                ("form[id]", company),
                ("form[action]", "remove"),
                ("form[reason]", "spam"),
            ],
            false,
        ),
        ("moderation/audit", vec![("query[page]", "1")], false),
        ("moderation/domains", vec![], false),
        ("moderation/synonyms", vec![], false),
        (
            "moderation/save-synonyms",
            vec![("form[synonyms]", "CRA, clinical research associate")],
            false,
        ),
        (
            "moderation/ban",
            vec![("form[domain]", "spam.example"), ("form[note]", "")],
            false,
        ),
        ("moderation/unban", vec![("domain", "spam.example")], false),
        (
            "companies/decide",
            vec![
                ("form[company_id]", company),
                ("form[decision]", "suspend"),
                ("form[reason]", "spam"),
            ],
            false,
        ),
        (
            "jobs/decide",
            vec![("form[job_id]", job), ("form[decision]", "approve")],
            false,
        ),
        (
            "jobs/feature",
            vec![
                ("form[job_id]", job),
                ("form[action]", "feature"),
                ("form[from]", "2026-12-01"),
                ("form[until]", "2026-12-10"),
            ],
            false,
        ),
        ("moderation/accounts", vec![("q", "")], true),
        (
            "moderation/settings",
            vec![("form[auto_approve]", "on")],
            true,
        ),
        (
            "moderation/role",
            vec![
                ("form[user_id]", &target_user),
                ("form[from]", "seeker"),
                ("form[role]", "admin"),
            ],
            true,
        ),
        (
            "moderation/suspend",
            vec![
                ("form[user_id]", &target_user),
                ("form[action]", "suspend"),
                ("form[reason]", "test"),
            ],
            true,
        ),
    ];
    let outsiders = [
        ("anonymous", &anonymous, StatusCode::UNAUTHORIZED),
        ("seeker", &seeker, StatusCode::FORBIDDEN),
        ("company owner", &board.owner, StatusCode::FORBIDDEN),
    ];
    let audit_before = audit_rows(&app).await;
    for (endpoint, form, _) in &calls {
        for (who, client, expected) in &outsiders {
            assert_eq!(
                app.call(client, endpoint, form).await.status(),
                *expected,
                "{who} → {endpoint}"
            );
        }
    }
    for (endpoint, form, _) in calls.iter().filter(|c| c.2) {
        assert_eq!(
            app.call(&board.moderator, endpoint, form).await.status(),
            StatusCode::FORBIDDEN,
            "moderator → {endpoint}"
        );
    }
    // Nothing changed: no audit row, the job still waits, the company is listed, the account is as it was.
    assert_eq!(audit_rows(&app).await, audit_before);
    assert_eq!(job_status(&app, job).await, "pending");
    assert_eq!(
        app.scalar(
            "select count(*) from companies where status = 'approved'",
            &[]
        )
        .await,
        1
    );
    assert_eq!(
        app.scalar(
            "select count(*) from users where email = $1 and role = 'seeker' and suspended_at is null",
            &["seeker@example.com"]
        )
        .await,
        1
    );
    assert_eq!(
        app.scalar("select count(*) from banned_domains", &[]).await,
        0
    );
    assert_eq!(
        app.scalar(
            "select count(*) from settings where key = 'auto_approve_verified_jobs'",
            &[]
        )
        .await,
        0
    );
    // Staff get through: the read-only functions answer 200 for both staff roles.
    for client in [&board.moderator, &board.admin] {
        for (endpoint, form, admin_only) in &calls {
            let reads = [
                "moderation/overview",
                "moderation/queue",
                "moderation/review",
                "moderation/audit",
                "moderation/domains",
                "moderation/synonyms",
            ];
            if reads.contains(endpoint) && !admin_only {
                assert_eq!(
                    app.call(client, endpoint, form).await.status(),
                    StatusCode::OK,
                    "staff → {endpoint}"
                );
            }
        }
    }
    assert_eq!(
        app.call(&board.admin, "moderation/accounts", &[("q", "")])
            .await
            .status(),
        StatusCode::OK
    );
    // Only staff are told how much waits, beside their address in the header.
    for (client, waiting) in [
        (&seeker, None),
        (&board.owner, None),
        (&board.moderator, Some(1)),
    ] {
        let me: Value = app.call(client, "me", &[]).await.json().await.unwrap();
        assert_eq!(me["waiting"].as_i64(), waiting);
    }
    // The CSV export is for admins only.
    for (client, expected) in [
        (&anonymous, StatusCode::UNAUTHORIZED),
        (&seeker, StatusCode::FORBIDDEN),
        (&board.moderator, StatusCode::FORBIDDEN),
        (&board.admin, StatusCode::OK),
    ] {
        let response = client
            .get(app.url("/admin/audit.csv"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), expected);
    }
    // Pages: sign in first, or 403, never the queue.
    let (status, _) = app.page(&anonymous, "/admin").await;
    assert!(
        status == 302 || status == 303,
        "anonymous /admin answered {status}"
    );
    let (status, body) = app.page(&seeker, "/admin/queue/jobs").await;
    assert_eq!(status, 403);
    assert!(!body.contains("Medical writer"));
}

#[tokio::test]
async fn queues_show_each_item_with_its_company_logo() {
    let app = TestApp::spawn().await;
    let board = board(&app).await;
    let png = server::demo_art::generate_demo("Acme Health");
    upload_logo(
        &app,
        &board.owner,
        &board.company,
        "logo.png",
        png,
        "image/png",
    )
    .await;
    let logo = format!(r#"src="/logos/{}/1/64.png""#, board.company);
    let (status, jobs) = app.page(&board.moderator, "/admin/queue/jobs").await;
    assert_eq!(status, 200);
    assert!(
        jobs.contains("Medical writer") && jobs.contains(&logo),
        "a job shows its company's logo"
    );

    let other = app.user("owner@other.example", "seeker").await;
    create(&app, &other, &company_form("Other Health")).await;
    let (_, companies) = app.page(&board.moderator, "/admin/queue/companies").await;
    assert!(companies.contains("Other Health"));
    assert!(
        !companies.contains("queue-thumb"),
        "a company without a logo shows none"
    );
}

#[tokio::test]
async fn a_decision_and_its_audit_row_are_written_together_or_not_at_all() {
    let app = TestApp::spawn().await;
    let board = board(&app).await;
    let audit_before = audit_rows(&app).await;
    let mail_before = app.scalar("select count(*) from outbox", &[]).await;
    // Make the audit insert fail after the change has been written in the same transaction.
    if app.is_postgres() {
        app.exec(
            "create function audit_fail() returns trigger language plpgsql as $$ begin \
             if new.note = 'fail here' then raise exception 'forced'; end if; return new; end; $$",
            &[],
        )
        .await;
        app.exec(
            "create trigger audit_fail before insert on audit_log for each row execute function audit_fail()",
            &[],
        )
        .await;
    } else {
        app.exec(
            "create trigger audit_fail before insert on audit_log when new.note = 'fail here' \
             begin select raise(abort, 'forced'); end",
            &[],
        )
        .await;
    }
    let failed = decide(
        &app,
        &board.moderator,
        "jobs",
        &board.job,
        &[
            ("form[decision]", "reject"),
            ("form[reason]", "incomplete"),
            ("form[note]", "fail here"),
        ],
    )
    .await;
    assert_eq!(failed.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let body = failed.text().await.unwrap();
    assert!(
        !body.contains("forced") && !body.to_lowercase().contains("audit_log"),
        "no internal text: {body}"
    );
    assert_eq!(
        job_status(&app, &board.job).await,
        "pending",
        "the change was undone"
    );
    assert_eq!(audit_rows(&app).await, audit_before);
    assert_eq!(
        app.scalar("select count(*) from outbox", &[]).await,
        mail_before,
        "no mail either"
    );

    let done = decide(
        &app,
        &board.moderator,
        "jobs",
        &board.job,
        &[
            ("form[decision]", "reject"),
            ("form[reason]", "incomplete"),
            ("form[note]", "Add the salary band"),
        ],
    )
    .await;
    assert_eq!(
        done.status(),
        StatusCode::OK,
        "{}",
        done.text().await.unwrap()
    );
    assert_eq!(job_status(&app, &board.job).await, "rejected");
    assert_eq!(audit_rows(&app).await, audit_before + 1, "exactly one row");
    assert_eq!(
        app.scalar(
            "select count(*) from audit_log where action = 'job.reject' and actor_email = 'mod@hubboard.example' \
             and target_kind = 'job' and target_id = $1 and reason = 'incomplete' and note = 'Add the salary band' \
             and changes like '%pending%rejected%' and waited is not null",
            &[&board.job]
        )
        .await,
        1
    );
    assert_eq!(
        app.scalar("select count(*) from outbox", &[]).await,
        mail_before + 1,
        "the team is told"
    );
    assert_eq!(
        app.scalar(
            "select count(*) from outbox where body_text like '%Add the salary band%'",
            &[]
        )
        .await,
        1,
        "with the note"
    );
    // Nothing updates or deletes audit rows, whoever asks the database.
    for sql in [
        "update audit_log set note = 'rewritten'",
        "delete from audit_log",
    ] {
        assert!(
            sqlx::query(sql).execute(app.db.write()).await.is_err(),
            "{sql} refused"
        );
    }
    assert_eq!(audit_rows(&app).await, audit_before + 1);
}

#[tokio::test]
async fn a_second_moderator_learns_who_decided_first_and_nothing_happens_twice() {
    let app = TestApp::spawn().await;
    let board = board(&app).await;
    let second = app.user("second@hubboard.example", "moderator").await;
    let first = decide(
        &app,
        &board.moderator,
        "jobs",
        &board.job,
        &[("form[decision]", "approve")],
    )
    .await;
    assert_eq!(first.status(), StatusCode::OK);
    let audit = audit_rows(&app).await;
    let mail = app.scalar("select count(*) from outbox", &[]).await;
    let late = decide(
        &app,
        &second,
        "jobs",
        &board.job,
        &[("form[decision]", "reject"), ("form[reason]", "spam")],
    )
    .await;
    assert_eq!(late.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let message = refused_message(late).await;
    assert!(
        message.contains("Already decided by mod@hubboard.example"),
        "{message}"
    );
    assert_eq!(job_status(&app, &board.job).await, "published");
    assert_eq!(audit_rows(&app).await, audit);
    assert_eq!(app.scalar("select count(*) from outbox", &[]).await, mail);
}

#[tokio::test]
async fn a_decision_must_be_chosen_a_refusal_needs_a_reason_code_and_a_request_for_changes_a_note()
{
    let app = TestApp::spawn().await;
    let board = board(&app).await;
    let audit = audit_rows(&app).await;
    // The form comes with no decision chosen: sent as it comes, it decides nothing.
    let no_decision = decide(&app, &board.moderator, "jobs", &board.job, &[]).await;
    assert_eq!(no_decision.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_errors(no_decision).await,
        [("decision".to_owned(), "Choose a decision.".to_owned())]
    );
    let no_reason = decide(
        &app,
        &board.moderator,
        "jobs",
        &board.job,
        &[("form[decision]", "reject")],
    )
    .await;
    assert_eq!(no_reason.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_errors(no_reason).await[0].0, "reason");
    let no_note = decide(
        &app,
        &board.moderator,
        "jobs",
        &board.job,
        &[("form[decision]", "changes")],
    )
    .await;
    assert_eq!(field_errors(no_note).await[0].0, "note");
    let bad_code = decide(
        &app,
        &board.moderator,
        "jobs",
        &board.job,
        &[("form[decision]", "reject"), ("form[reason]", "because")],
    )
    .await;
    assert_eq!(field_errors(bad_code).await[0].0, "reason");
    assert_eq!(job_status(&app, &board.job).await, "pending");
    assert_eq!(audit_rows(&app).await, audit);

    // Without JavaScript the form comes back to the review page, with the values kept.
    let referer = format!("/admin/review/jobs/{}", board.job);
    let plain = app
        .post_form(
            &board.moderator,
            "moderation/decide",
            &referer,
            &[
                ("form[queue]", "jobs"),
                ("form[id]", &board.job),
                ("form[decision]", "changes"),
                ("form[note]", ""),
            ],
        )
        .await;
    assert_eq!(plain.status(), StatusCode::FOUND);
    let location = plain.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.contains(&referer),
        "back to the review page: {location}"
    );
    let (status, page) = app
        .page(&board.moderator, location.trim_start_matches(&app.url("")))
        .await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Say what needs to change."),
        "the note's error is next to it"
    );

    let changes = decide(
        &app,
        &board.moderator,
        "jobs",
        &board.job,
        &[
            ("form[decision]", "changes"),
            ("form[note]", "Say who the role reports to."),
        ],
    )
    .await;
    assert_eq!(changes.status(), StatusCode::OK);
    assert_eq!(job_status(&app, &board.job).await, "rejected");
    let (_, team_page) = app.page(&board.owner, "/companies/acme-health/jobs").await;
    assert!(
        team_page.contains("Changes are needed"),
        "the reason shows on the team's list"
    );
    assert!(
        team_page.contains("Say who the role reports to."),
        "and the note"
    );

    // Corrected and sent again: the moderator sees what changed since the refusal.
    let mut form = with(
        &job_form(&board.company, "Medical writer, reporting to the editor"),
        "intent",
        "submit",
    );
    form.retain(|(k, _)| k != "company_id");
    form.push(("job_id".into(), board.job.clone()));
    let resubmitted = app.call(&board.owner, "jobs/update", &pairs(&form)).await;
    assert_eq!(resubmitted.status(), StatusCode::OK);
    assert_eq!(job_status(&app, &board.job).await, "pending");
    let review: Value = app
        .call(
            &board.moderator,
            "moderation/review",
            &[("queue", "jobs"), ("id", &board.job)],
        )
        .await
        .json()
        .await
        .unwrap();
    let diff = review["diff"].as_array().unwrap();
    assert_eq!(diff.len(), 1, "{diff:?}");
    assert_eq!(diff[0]["field"], "Title");
    assert_eq!(diff[0]["after"], "Medical writer, reporting to the editor");
}

#[tokio::test]
async fn an_edit_of_a_published_job_waits_for_review_while_the_approved_version_stays_public() {
    let app = TestApp::spawn().await;
    let board = board(&app).await;
    assert_eq!(
        decide(
            &app,
            &board.moderator,
            "jobs",
            &board.job,
            &[("form[decision]", "approve")]
        )
        .await
        .status(),
        StatusCode::OK
    );
    let anonymous = app.client();
    let update = |title: &str, seniority: &str| {
        let form = with(
            &job_form(&board.company, title),
            "form[seniority]",
            seniority,
        );
        let mut form = with(&form, "intent", "save");
        form.retain(|(k, _)| k != "company_id");
        form.push(("job_id".into(), board.job.clone()));
        form
    };
    // A change of seniority only is not material: it shows at once.
    let minor = app
        .call(
            &board.owner,
            "jobs/update",
            &pairs(&update("Medical writer", "mid")),
        )
        .await;
    assert_eq!(minor.status(), StatusCode::OK);
    assert_eq!(job_status(&app, &board.job).await, "published");
    assert_eq!(
        app.scalar("select count(*) from job_revisions", &[]).await,
        0
    );

    let edit = update("Senior medical writer", "mid");
    let material = app.call(&board.owner, "jobs/update", &pairs(&edit)).await;
    assert_eq!(material.status(), StatusCode::OK);
    assert_eq!(
        job_status(&app, &board.job).await,
        "published",
        "still public"
    );
    let href = format!("/jobs/{}-medical-writer", board.job);
    let (status, public) = app.page(&anonymous, &href).await;
    assert_eq!(status, 200);
    assert!(
        public.contains("Medical writer") && !public.contains("Senior medical writer"),
        "the approved version"
    );
    let (_, team) = app.page(&board.owner, &href).await;
    assert!(
        team.contains("waiting for a moderator"),
        "the team sees the edit waits"
    );

    // The moderator sees the edit in its queue, with what changed.
    let queue: Value = app
        .call(
            &board.moderator,
            "moderation/queue",
            &[("queue", "job-edits"), ("q", "")],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(queue["items"].as_array().unwrap().len(), 1);
    let review: Value = app
        .call(
            &board.moderator,
            "moderation/review",
            &[("queue", "job-edits"), ("id", &board.job)],
        )
        .await
        .json()
        .await
        .unwrap();
    let diff = review["diff"].as_array().unwrap();
    assert_eq!(diff.len(), 1, "only the title changed: {diff:?}");
    assert_eq!(diff[0]["field"], "Title");
    assert_eq!(diff[0]["before"], "Medical writer");
    assert_eq!(diff[0]["after"], "Senior medical writer");

    // Refused: the team sees why, and the public version is untouched.
    let reject = decide(
        &app,
        &board.moderator,
        "job-edits",
        &board.job,
        &[
            ("form[decision]", "reject"),
            ("form[reason]", "misleading"),
            ("form[note]", "The role is not senior."),
        ],
    )
    .await;
    assert_eq!(reject.status(), StatusCode::OK);
    let (_, list) = app.page(&board.owner, "/companies/acme-health/jobs").await;
    assert!(list.contains("Changes not approved") && list.contains("The role is not senior."));
    let (_, public) = app.page(&anonymous, &href).await;
    assert!(!public.contains("Senior medical writer"));

    // Edited and sent again, then approved: the new version is public.
    let again = app
        .call(
            &board.owner,
            "jobs/update",
            &pairs(&update("Lead medical writer", "mid")),
        )
        .await;
    assert_eq!(again.status(), StatusCode::OK);
    let approve = decide(
        &app,
        &board.moderator,
        "job-edits",
        &board.job,
        &[("form[decision]", "approve")],
    )
    .await;
    assert_eq!(approve.status(), StatusCode::OK);
    assert_eq!(
        app.scalar("select count(*) from job_revisions", &[]).await,
        0
    );
    assert_eq!(
        app.scalar("select count(*) from jobs where title = 'Lead medical writer' and status = 'published'", &[]).await,
        1
    );
    let (status, _) = app
        .page(
            &anonymous,
            &format!("/jobs/{}-lead-medical-writer", board.job),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        app.scalar(
            "select count(*) from audit_log where action in ('job-edit.reject', 'job-edit.approve') \
             and changes like '%title%'",
            &[]
        )
        .await,
        2
    );
}

#[tokio::test]
async fn a_new_company_name_waits_for_review_and_then_moves_the_address() {
    let app = TestApp::spawn().await;
    let board = board(&app).await;
    let mut form = company_form("Acme Health Group");
    form.push(("company_id".into(), board.company.clone()));
    let saved = app
        .call(&board.owner, "companies/update", &pairs(&form))
        .await;
    assert_eq!(
        saved.status(),
        StatusCode::OK,
        "{}",
        saved.text().await.unwrap()
    );
    let anonymous = app.client();
    let (status, page) = app.page(&anonymous, "/companies/acme-health").await;
    assert_eq!(status, 200);
    assert!(
        !page.contains("Acme Health Group"),
        "the approved name stays public"
    );
    let (_, edit) = app.page(&board.owner, "/companies/acme-health/edit").await;
    assert!(
        edit.contains("Acme Health Group"),
        "the team edits its pending change"
    );
    let approve = decide(
        &app,
        &board.moderator,
        "company-edits",
        &board.company,
        &[("form[decision]", "approve")],
    )
    .await;
    assert_eq!(
        approve.status(),
        StatusCode::OK,
        "{}",
        approve.text().await.unwrap()
    );
    let (status, _) = app.page(&anonymous, "/companies/acme-health-group").await;
    assert_eq!(status, 200);
    let (status, _) = app.page(&anonymous, "/companies/acme-health").await;
    assert_eq!(status, 301, "the old address redirects");
    assert_eq!(
        app.scalar(
            "select count(*) from jobs where company_name = 'Acme Health Group'",
            &[]
        )
        .await,
        1,
        "the jobs carry the new name"
    );
}

#[tokio::test]
async fn reports_on_a_listing_are_grouped_and_answered_once() {
    let app = TestApp::spawn().await;
    let board = board(&app).await;
    assert_eq!(
        decide(
            &app,
            &board.moderator,
            "jobs",
            &board.job,
            &[("form[decision]", "approve")]
        )
        .await
        .status(),
        StatusCode::OK
    );
    let report = |reason: &'static str| {
        vec![
            ("form[kind]".to_owned(), "job".to_owned()),
            ("form[id]".to_owned(), board.job.clone()),
            ("form[reason]".to_owned(), reason.to_owned()),
            (
                "form[details]".to_owned(),
                "Asks for a fee to apply".to_owned(),
            ),
            ("form[website]".to_owned(), String::new()),
        ]
    };
    let guest = app.client();
    let first = app.user("first@example.com", "seeker").await;
    let second = app.user("second@example.com", "seeker").await;
    for (client, reason) in [
        (&guest, "scam"),
        (&first, "scam"),
        (&second, "misleading"),
        (&first, "spam"),
    ] {
        assert_eq!(
            app.call(client, "moderation/report", &pairs(&report(reason)))
                .await
                .status(),
            StatusCode::OK
        );
    }
    assert_eq!(
        app.scalar(
            "select count(*) from reports where resolved_at is null",
            &[]
        )
        .await,
        3,
        "one open report per reporter"
    );
    let empty = app
        .call(
            &guest,
            "moderation/report",
            &pairs(&with(&report("scam"), "form[reason]", "")),
        )
        .await;
    assert_eq!(field_errors(empty).await[0].0, "reason");
    let robot = app
        .call(
            &app.client(),
            "moderation/report",
            &pairs(&with(&report("spam"), "form[website]", "http://x")),
        )
        .await;
    assert_eq!(robot.status(), StatusCode::OK, "a robot is not told");
    assert_eq!(app.scalar("select count(*) from reports", &[]).await, 3);

    let queue: Value = app
        .call(
            &board.moderator,
            "moderation/queue",
            &[("queue", "reports"), ("q", "")],
        )
        .await
        .json()
        .await
        .unwrap();
    let items = queue["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "grouped by listing");
    assert_eq!(items[0]["count"], 3);
    assert_eq!(queue["counts"]["reports"], 1);

    let dismissed = app
        .call(
            &board.moderator,
            "moderation/resolve",
            &[
                ("form[kind]", "job"),
                ("form[id]", &board.job),
                ("form[action]", "dismiss"),
            ],
        )
        .await;
    assert_eq!(dismissed.status(), StatusCode::OK);
    assert_eq!(
        app.scalar(
            "select count(*) from reports where resolution = 'dismissed'",
            &[]
        )
        .await,
        3
    );
    assert_eq!(job_status(&app, &board.job).await, "published");
    let again = app
        .call(
            &board.moderator,
            "moderation/resolve",
            &[
                ("form[kind]", "job"),
                ("form[id]", &board.job),
                ("form[action]", "dismiss"),
            ],
        )
        .await;
    assert_eq!(
        again.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "answered once"
    );

    // A new report, and this time the listing goes.
    assert_eq!(
        app.call(&second, "moderation/report", &pairs(&report("scam")))
            .await
            .status(),
        StatusCode::OK
    );
    let no_reason = app
        .call(
            &board.moderator,
            "moderation/resolve",
            &[
                ("form[kind]", "job"),
                ("form[id]", &board.job),
                ("form[action]", "remove"),
            ],
        )
        .await;
    assert_eq!(field_errors(no_reason).await[0].0, "reason");
    let removed = app
        .call(
            &board.moderator,
            "moderation/resolve",
            &[
                ("form[kind]", "job"),
                ("form[id]", &board.job),
                ("form[action]", "remove"),
                ("form[reason]", "spam"),
            ],
        )
        .await;
    assert_eq!(removed.status(), StatusCode::OK);
    assert_eq!(job_status(&app, &board.job).await, "rejected");
    assert_eq!(
        app.scalar(
            "select count(*) from reports where resolution = 'removed'",
            &[]
        )
        .await,
        1
    );
    assert_eq!(
        app.scalar(
            "select count(*) from audit_log where action = 'job.remove'",
            &[]
        )
        .await,
        1
    );
    // A listing that is not public cannot be reported.
    let hidden = app
        .call(&first, "moderation/report", &pairs(&report("spam")))
        .await;
    assert_eq!(hidden.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn admins_change_roles_and_suspend_accounts_with_an_audit_row_each() {
    let app = TestApp::spawn().await;
    let board = board(&app).await;
    let seeker = app.user("seeker@example.com", "seeker").await;
    let id = app
        .scalar(
            "select id from users where email = $1",
            &["seeker@example.com"],
        )
        .await
        .to_string();
    let promote = app
        .call(
            &board.admin,
            "moderation/role",
            &[
                ("form[user_id]", &id),
                ("form[from]", "seeker"),
                ("form[role]", "moderator"),
            ],
        )
        .await;
    assert_eq!(promote.status(), StatusCode::OK);
    let stale = app
        .call(
            &board.admin,
            "moderation/role",
            &[
                ("form[user_id]", &id),
                ("form[from]", "seeker"),
                ("form[role]", "admin"),
            ],
        )
        .await;
    assert_eq!(
        stale.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a stale form changes nothing"
    );
    assert_eq!(
        app.scalar(
            "select count(*) from users where email = 'seeker@example.com' and role = 'moderator'",
            &[]
        )
        .await,
        1
    );
    let admin_id = app
        .scalar(
            "select id from users where email = $1",
            &["admin@hubboard.example"],
        )
        .await
        .to_string();
    let own = app
        .call(
            &board.admin,
            "moderation/role",
            &[
                ("form[user_id]", &admin_id),
                ("form[from]", "admin"),
                ("form[role]", "seeker"),
            ],
        )
        .await;
    assert_eq!(
        own.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "no admin demotes themself"
    );

    let no_reason = app
        .call(
            &board.admin,
            "moderation/suspend",
            &[("form[user_id]", &id), ("form[action]", "suspend")],
        )
        .await;
    assert_eq!(field_errors(no_reason).await[0].0, "reason");
    assert_eq!(
        app.whoami(&seeker).await.as_deref(),
        Some("seeker@example.com")
    );
    let suspend = app
        .call(
            &board.admin,
            "moderation/suspend",
            &[
                ("form[user_id]", &id),
                ("form[action]", "suspend"),
                ("form[reason]", "Spam postings"),
            ],
        )
        .await;
    assert_eq!(suspend.status(), StatusCode::OK);
    assert_eq!(app.whoami(&seeker).await, None, "signed out everywhere");
    let sign_in = app
        .sign_in(&app.client(), "seeker@example.com", PASSWORD)
        .await;
    assert_eq!(sign_in.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused_message(sign_in).await.contains("suspended"));
    let restore = app
        .call(
            &board.admin,
            "moderation/suspend",
            &[("form[user_id]", &id), ("form[action]", "restore")],
        )
        .await;
    assert_eq!(restore.status(), StatusCode::OK);
    assert_eq!(
        app.sign_in(&app.client(), "seeker@example.com", PASSWORD)
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        app.scalar(
            "select count(*) from audit_log where target_kind = 'user' and target_id = $1 \
             and action in ('user.role', 'user.suspend', 'user.restore')",
            &[&id]
        )
        .await,
        3
    );

    // Site settings: a change is audited, saving the same value again writes nothing.
    for _ in 0..2 {
        let saved = app
            .call(
                &board.admin,
                "moderation/settings",
                &[("form[auto_approve]", "on")],
            )
            .await;
        assert_eq!(saved.status(), StatusCode::OK);
    }
    assert_eq!(
        app.scalar("select count(*) from settings where key = 'auto_approve_verified_jobs' and value = 'on'", &[]).await,
        1
    );
    assert_eq!(
        app.scalar("select count(*) from audit_log where action = 'setting.change' and changes like '%off%on%'", &[]).await,
        1
    );
}

#[tokio::test]
async fn refused_domains_cannot_register_or_subscribe() {
    let app = TestApp::spawn().await;
    let board = board(&app).await;
    let bad = app
        .call(
            &board.moderator,
            "moderation/ban",
            &[("form[domain]", "not a domain"), ("form[note]", "")],
        )
        .await;
    assert_eq!(field_errors(bad).await[0].0, "domain");
    let ban = app
        .call(
            &board.moderator,
            "moderation/ban",
            &[
                ("form[domain]", "@Spam.Example"),
                ("form[note]", "Bulk sign-ups"),
            ],
        )
        .await;
    assert_eq!(ban.status(), StatusCode::OK);
    let twice = app
        .call(
            &board.moderator,
            "moderation/ban",
            &[("form[domain]", "spam.example"), ("form[note]", "")],
        )
        .await;
    assert_eq!(field_errors(twice).await[0].0, "domain");

    let register = app
        .register(&app.client(), "someone@mail.spam.example", PASSWORD)
        .await;
    assert_eq!(register.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_errors(register).await[0].0, "email");
    let subscribe = app
        .call(
            &app.client(),
            "alerts/subscribe",
            &[
                ("form[email]", "someone@spam.example"),
                ("form[topic]", "news:"),
                ("form[frequency]", "daily"),
                ("form[next]", "/news"),
                ("form[website]", ""),
            ],
        )
        .await;
    assert_eq!(field_errors(subscribe).await[0].0, "email");
    assert_eq!(
        app.scalar(
            "select count(*) from users where email like '%spam.example'",
            &[]
        )
        .await,
        0
    );
    assert_eq!(app.scalar("select count(*) from subscribers", &[]).await, 0);

    let unban = app
        .call(
            &board.moderator,
            "moderation/unban",
            &[("domain", "spam.example")],
        )
        .await;
    assert_eq!(unban.status(), StatusCode::OK);
    assert_eq!(
        app.register(&app.client(), "someone@mail.spam.example", PASSWORD)
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        app.scalar(
            "select count(*) from audit_log where action in ('domain.ban', 'domain.unban')",
            &[]
        )
        .await,
        2
    );
}

#[tokio::test]
async fn the_audit_log_filters_and_exports_what_happened() {
    let app = TestApp::spawn().await;
    let board = board(&app).await;
    decide(
        &app,
        &board.moderator,
        "jobs",
        &board.job,
        &[("form[decision]", "approve")],
    )
    .await;
    app.call(
        &board.moderator,
        "moderation/ban",
        &[("form[domain]", "spam.example"), ("form[note]", "=1+1")],
    )
    .await;
    let all: Value = app
        .call(
            &board.moderator,
            "moderation/audit",
            &[("query[page]", "1")],
        )
        .await
        .json()
        .await
        .unwrap();
    // The company's approval, the job's, the ban.
    assert_eq!(all["total"], 3);
    let jobs: Value = app
        .call(
            &board.moderator,
            "moderation/audit",
            &[("query[action]", "job.")],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(jobs["total"], 1);
    assert_eq!(jobs["entries"][0]["actor"], "mod@hubboard.example");
    let by_target: Value = app
        .call(
            &board.moderator,
            "moderation/audit",
            &[("query[target]", &format!("job:{}", board.job))],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(by_target["total"], 1);
    let bad_date = app
        .call(
            &board.moderator,
            "moderation/audit",
            &[("query[from]", "yesterday")],
        )
        .await;
    assert_eq!(field_errors(bad_date).await[0].0, "from");

    let csv = board
        .admin
        .get(app.url("/admin/audit.csv?action=domain."))
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), StatusCode::OK);
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let text = csv.text().await.unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "header and one row: {text}");
    assert!(lines[0].starts_with("id,time_utc,unix_time,actor,action"));
    assert!(
        lines[1].contains("'=1+1"),
        "a formula is defused: {}",
        lines[1]
    );

    // The overview counts the week's decisions and their median time.
    let overview: Value = app
        .call(&board.moderator, "moderation/overview", &[])
        .await
        .json()
        .await
        .unwrap();
    let weeks = overview["weeks"].as_array().unwrap();
    assert_eq!(weeks.len(), 12);
    let this_week = weeks.last().unwrap();
    assert_eq!(this_week["jobs"], 1);
    assert_eq!(this_week["companies"], 1);
    assert_eq!(this_week["decisions"], 2);
    assert!(this_week["median_hours"].as_f64().is_some());
    let (status, page) = app.page(&board.moderator, "/admin").await;
    assert_eq!(status, 200);
    assert!(page.contains("<svg"), "charts drawn on the server");
}

#[tokio::test]
async fn a_suspended_company_is_restored_from_its_page() {
    let app = TestApp::spawn().await;
    let board = board(&app).await;
    let decide_company = |decision: &'static str| {
        let form = vec![
            ("form[company_id]".to_owned(), board.company.clone()),
            ("form[decision]".to_owned(), decision.to_owned()),
            ("form[reason]".to_owned(), "misleading".to_owned()),
        ];
        let app = &app;
        let moderator = board.moderator.clone();
        async move {
            app.call(&moderator, "companies/decide", &pairs(&form))
                .await
                .status()
        }
    };
    assert_eq!(decide_company("suspend").await, StatusCode::OK);
    let (_, page) = app.page(&board.moderator, "/companies/acme-health").await;
    assert!(
        page.contains(">Restore</button>"),
        "a suspended company offers Restore"
    );
    assert_eq!(
        decide_company("approve").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "approve is for new companies"
    );
    assert_eq!(decide_company("restore").await, StatusCode::OK);
    assert_eq!(
        app.scalar(
            "select count(*) from companies where status = 'approved'",
            &[]
        )
        .await,
        1
    );
    assert_eq!(
        app.scalar(
            "select count(*) from audit_log where action in ('company.suspend', 'company.restore')",
            &[]
        )
        .await,
        2
    );
}

#[tokio::test]
async fn a_review_shows_what_the_public_would_read_of_the_item() {
    let app = TestApp::spawn().await;
    let board = board(&app).await;
    let (status, page) = app
        .page(
            &board.moderator,
            &format!("/admin/review/companies/{}", board.company),
        )
        .await;
    assert_eq!(status, 200);
    for fact in [
        "Tagline",
        "Website",
        "Contact",
        "Based in",
        "Size",
        "Sectors",
        "Verified domain",
    ] {
        assert!(
            page.contains(&format!("<dt>{fact}</dt>")),
            "{fact} in {page}"
        );
    }
    // The name and the description are the page's title and text, not facts beside them.
    assert!(!page.contains("<dt>Name</dt>") && !page.contains("<dt>Description</dt>"));
    assert!(page.contains("Plain words about medicines, for people who prescribe them"));
    let (_, page) = app
        .page(
            &board.moderator,
            &format!("/admin/review/jobs/{}", board.job),
        )
        .await;
    assert!(page.contains("<dt>Company</dt>") && page.contains("Acme Health"));
    assert!(!page.contains("<dt>Title</dt>"));
}
