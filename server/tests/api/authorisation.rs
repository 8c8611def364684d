//! The authorisation matrix: every server function, called by each kind of visitor — anonymous, a job seeker, a
//! member of company B acting on company A, company A's owner, a moderator and an admin — gets exactly what the
//! site's rules (`app::policy`) say of the action it performs: turned away (401 or 403) or let through (any other
//! answer). A server function missing from the table fails the test, so a new one cannot ship without its rule.

use std::collections::BTreeSet;

use crate::common::{
    PASSWORD, TestApp, approve, company_form, company_id, create, pairs, publish_job,
};
use app::{
    AppError,
    policy::{self, Action, Standing},
};
use hubboard::Role;
use reqwest::StatusCode;

/// Who may call a function: anyone, or whoever the site's rules ([`app::policy`]) let do an action.
#[derive(Clone, Copy, Debug)]
enum Rule {
    /// Anyone, signed in or not.
    Anyone,
    /// Anyone; run only as a visitor (it would end the others' sessions).
    AnyoneSignedOut,
    /// What the rules say of the action, for each caller's role and standing.
    Needs(Action),
}

/// A server function, its rule, and a form it decodes.
type Row<'a> = (&'a str, Rule, Vec<(&'a str, &'a str)>);

/// The callers: their name, their role on the site, and what they are to the listing an action is about.
const ROLES: [(&str, Option<Role>); 6] = [
    ("anonymous", None),
    ("seeker", Some(Role::Seeker)),
    ("member of B", Some(Role::Seeker)),
    ("owner of A", Some(Role::Seeker)),
    ("moderator", Some(Role::Moderator)),
    ("admin", Some(Role::Admin)),
];

/// What caller `i` of [`ROLES`] is to what `action` is about: company A and its jobs, the story A's owner wrote,
/// or (for writing stories) whichever approved company they are on the team of.
fn standing(i: usize, action: Action) -> Standing {
    match (ROLES[i].0, action) {
        ("member of B", Action::WriteStories) => Standing::Member,
        ("owner of A", Action::EditStory) => Standing::Writer,
        ("owner of A", _) => Standing::Owner,
        _ => Standing::Outsider,
    }
}

impl Rule {
    /// For each caller of [`ROLES`]: `None` if it must be let through, else the status that turns it away.
    fn expected(self) -> [Option<StatusCode>; 6] {
        std::array::from_fn(|i| match self {
            Rule::Anyone | Rule::AnyoneSignedOut => None,
            Rule::Needs(action) => match policy::check(ROLES[i].1, standing(i, action), action) {
                Ok(()) => None,
                Err(AppError::Unauthorized) => Some(StatusCode::UNAUTHORIZED),
                Err(_) => Some(StatusCode::FORBIDDEN),
            },
        })
    }
}

#[tokio::test]
async fn every_server_function_answers_each_role_as_the_table_says() {
    let app = TestApp::spawn().await;
    let owner = app.user("owner@acme-health.example", "seeker").await;
    let member_b = app.user("owner@borealis.example", "seeker").await;
    let seeker = app.user("seeker@example.com", "seeker").await;
    let moderator = app.user("mod@hubboard.example", "moderator").await;
    let admin = app.user("admin@hubboard.example", "admin").await;
    for (client, name) in [(&owner, "Acme Health"), (&member_b, "Borealis Data")] {
        assert_eq!(
            create(&app, client, &company_form(name)).await.status(),
            StatusCode::OK
        );
    }
    let a = company_id(&app, "acme-health").await;
    let b = company_id(&app, "borealis-data").await;
    // Company B is approved too, so its member may write stories — but not company A's.
    approve(&app, &moderator, &a).await;
    approve(&app, &moderator, &b).await;
    let job = publish_job(&app, a.parse().unwrap(), &[], 0)
        .await
        .to_string();
    let segment = format!("{job}-writer");
    // A draft story of company A, by its owner.
    let mut story = crate::common::article_form("Acme Health opens a studio");
    story.push(("company_id".into(), a.clone()));
    let article = crate::common::draft_article(&app, &owner, &story).await;
    let article_slug = "acme-health-opens-a-studio";
    let bad_password = "short";
    // Complete profile forms whose name is missing: they pass decoding and are refused after the access check.
    let empty_name = crate::common::with(&company_form("Acme Health"), "form[name]", "");
    let mut update_a = empty_name.clone();
    update_a.push(("company_id".into(), a.clone()));

    let table: Vec<Row> = vec![
        ("alerts/options", Rule::Anyone, vec![]),
        (
            "alerts/subscribe",
            Rule::Anyone,
            vec![
                ("form[email]", "not an address"),
                ("form[topic]", "news:"),
                ("form[frequency]", "daily"),
                ("form[next]", "/"),
                ("form[website]", ""),
            ],
        ),
        (
            "alerts/confirm-link",
            Rule::Anyone,
            vec![("token", "nothing")],
        ),
        ("alerts/confirm", Rule::Anyone, vec![("token", "nothing")]),
        (
            "alerts/preferences",
            Rule::Anyone,
            vec![("token", "nothing")],
        ),
        (
            "alerts/change",
            Rule::Anyone,
            vec![
                ("form[token]", "nothing"),
                ("form[subscription]", "1"),
                ("form[frequency]", "daily"),
            ],
        ),
        ("alerts/forget", Rule::Anyone, vec![("token", "nothing")]),
        (
            "alerts/unsubscribe-preview",
            Rule::Anyone,
            vec![("token", "nothing")],
        ),
        ("articles/page", Rule::Anyone, vec![("slug", article_slug)]),
        ("articles/latest", Rule::Anyone, vec![("page", "1")]),
        ("articles/infographics", Rule::Anyone, vec![("page", "1")]),
        ("articles/sidebar", Rule::Anyone, vec![]),
        (
            "articles/of-company",
            Rule::Anyone,
            vec![("company_id", &a)],
        ),
        (
            "articles/hub",
            Rule::Anyone,
            vec![("kind", "tag"), ("slug", "hiring"), ("page", "1")],
        ),
        ("articles/writer", Rule::Needs(Action::WriteStories), vec![]),
        (
            "articles/link-targets",
            Rule::Needs(Action::WriteStories),
            vec![("q", "acme")],
        ),
        ("articles/desk", Rule::Needs(Action::UseAccount), vec![]),
        (
            "articles/create",
            Rule::Needs(Action::Edit),
            vec![("form[title]", ""), ("form[kind]", "news")],
        ),
        (
            "articles/update",
            Rule::Needs(Action::EditStory),
            vec![("article_id", &article), ("form[title]", "")],
        ),
        (
            "articles/publish",
            Rule::Needs(Action::Edit),
            vec![("article_id", "999999"), ("publish_at", "")],
        ),
        (
            "articles/unpublish",
            Rule::Needs(Action::Edit),
            vec![("article_id", "999999")],
        ),
        (
            "articles/submit",
            Rule::Needs(Action::EditStory),
            vec![("article_id", &article)],
        ),
        (
            "articles/reject",
            Rule::Needs(Action::Edit),
            vec![("article_id", "999999"), ("reason", "")],
        ),
        (
            "articles/edit-data",
            Rule::Needs(Action::EditStory),
            vec![("slug", article_slug)],
        ),
        ("me", Rule::Anyone, vec![]),
        (
            "register",
            Rule::Anyone,
            vec![
                ("form[email]", "new@example.com"),
                ("form[password]", bad_password),
            ],
        ),
        (
            "sign-in",
            Rule::Anyone,
            vec![
                ("form[email]", "nobody@example.com"),
                ("form[password]", bad_password),
            ],
        ),
        ("sign-out", Rule::AnyoneSignedOut, vec![]),
        (
            "account/password",
            Rule::Needs(Action::UseAccount),
            vec![
                ("form[current_password]", bad_password),
                ("form[new_password]", PASSWORD),
            ],
        ),
        (
            "account/verification-link",
            Rule::Anyone,
            vec![("token", "nothing")],
        ),
        (
            "account/verify-email",
            Rule::Anyone,
            vec![("token", "nothing")],
        ),
        (
            "account/resend-verification",
            Rule::Needs(Action::UseAccount),
            vec![],
        ),
        (
            "account/forgot-password",
            Rule::Anyone,
            vec![("form[email]", "nobody@example.com")],
        ),
        (
            "account/reset-link",
            Rule::Anyone,
            vec![("token", "nothing")],
        ),
        (
            "account/reset-password",
            Rule::Anyone,
            vec![("form[token]", "nothing"), ("form[password]", PASSWORD)],
        ),
        (
            "account/delete",
            Rule::Needs(Action::UseAccount),
            vec![("form[password]", bad_password)],
        ),
        (
            "companies/directory",
            Rule::Anyone,
            vec![("query[q]", "acme")],
        ),
        ("companies/spotlight", Rule::Anyone, vec![]),
        (
            "companies/profile",
            Rule::Anyone,
            vec![("slug", "acme-health")],
        ),
        (
            "companies/create",
            Rule::Needs(Action::UseAccount),
            pairs(&empty_name),
        ),
        (
            "companies/edit-data",
            Rule::Needs(Action::WorkForCompany),
            vec![("slug", "acme-health")],
        ),
        (
            "companies/update",
            Rule::Needs(Action::WorkForCompany),
            pairs(&update_a),
        ),
        (
            "companies/decide",
            Rule::Needs(Action::Moderate),
            vec![("form[company_id]", &a), ("form[decision]", "bogus")],
        ),
        ("companies/mine", Rule::Needs(Action::UseAccount), vec![]),
        (
            "companies/invite",
            Rule::Needs(Action::ManageTeam),
            vec![("form[company_id]", &a), ("form[email]", "not an address")],
        ),
        (
            "companies/withdraw-invitation",
            Rule::Needs(Action::ManageTeam),
            vec![("company_id", &a), ("invitation_id", "999999")],
        ),
        (
            "companies/remove-member",
            Rule::Needs(Action::ManageTeam),
            vec![("company_id", &a), ("user_id", "999999")],
        ),
        (
            "companies/transfer",
            Rule::Needs(Action::ManageTeam),
            vec![("company_id", &a), ("user_id", "999999")],
        ),
        ("invitations/info", Rule::Anyone, vec![("token", "nothing")]),
        (
            "invitations/accept",
            Rule::Needs(Action::UseAccount),
            vec![("token", "nothing")],
        ),
        (
            "companies/verify",
            Rule::Needs(Action::VerifyCompany),
            vec![("company_id", &a)],
        ),
        ("jobs/search", Rule::Anyone, vec![("query[q]", "writer")]),
        ("jobs/featured", Rule::Anyone, vec![]),
        ("jobs/detail", Rule::Anyone, vec![("segment", &segment)]),
        (
            "jobs/of-company",
            Rule::Needs(Action::WorkForCompany),
            vec![("slug", "acme-health")],
        ),
        (
            "jobs/open-of-company",
            Rule::Anyone,
            vec![("company_id", &a)],
        ),
        (
            "jobs/edit-data",
            Rule::Needs(Action::WorkForCompany),
            vec![("job_id", &job)],
        ),
        (
            "jobs/create",
            Rule::Needs(Action::WorkForCompany),
            vec![("company_id", &a), ("form[title]", ""), ("intent", "save")],
        ),
        (
            "jobs/update",
            Rule::Needs(Action::WorkForCompany),
            vec![("job_id", &job), ("form[title]", ""), ("intent", "save")],
        ),
        (
            "jobs/manage",
            Rule::Needs(Action::WorkForCompany),
            vec![("form[job_id]", &job), ("form[action]", "bogus")],
        ),
        (
            "jobs/decide",
            Rule::Needs(Action::Moderate),
            vec![("form[job_id]", &job), ("form[decision]", "bogus")],
        ),
        (
            "jobs/feature",
            Rule::Needs(Action::Edit),
            vec![("form[job_id]", &job), ("form[action]", "bogus")],
        ),
        (
            "jobs/save",
            Rule::Needs(Action::UseAccount),
            vec![("job_id", &job), ("save", "true")],
        ),
        ("jobs/saved", Rule::Needs(Action::UseAccount), vec![]),
        ("moderation/overview", Rule::Needs(Action::Moderate), vec![]),
        (
            "moderation/queue",
            Rule::Needs(Action::Moderate),
            vec![("queue", "jobs"), ("q", "")],
        ),
        (
            "moderation/decide",
            Rule::Needs(Action::Moderate),
            vec![
                ("form[queue]", "jobs"),
                ("form[id]", &job),
                ("form[decision]", "bogus"),
            ],
        ),
        (
            "moderation/review",
            Rule::Needs(Action::Moderate),
            vec![("queue", "jobs"), ("id", &job)],
        ),
        (
            "moderation/reported",
            Rule::Needs(Action::Moderate),
            vec![("kind", "job"), ("id", &job)],
        ),
        (
            "moderation/resolve",
            Rule::Needs(Action::Moderate),
            vec![
                ("form[kind]", "job"),
                ("form[id]", &job),
                ("form[action]", "bogus"),
            ],
        ),
        (
            "moderation/report",
            Rule::Anyone,
            vec![
                ("form[kind]", "job"),
                ("form[id]", &job),
                ("form[reason]", ""),
            ],
        ),
        (
            "moderation/audit",
            Rule::Needs(Action::Moderate),
            vec![("query[page]", "1")],
        ),
        (
            "moderation/accounts",
            Rule::Needs(Action::Administer),
            vec![("q", "")],
        ),
        (
            "moderation/settings",
            Rule::Needs(Action::Administer),
            vec![("form[auto_approve]", "")],
        ),
        (
            "moderation/role",
            Rule::Needs(Action::Administer),
            vec![
                ("form[user_id]", "999999"),
                ("form[from]", "seeker"),
                ("form[role]", "seeker"),
            ],
        ),
        (
            "moderation/suspend",
            Rule::Needs(Action::Administer),
            vec![("form[user_id]", "999999"), ("form[action]", "restore")],
        ),
        ("moderation/domains", Rule::Needs(Action::Moderate), vec![]),
        ("moderation/synonyms", Rule::Needs(Action::Moderate), vec![]),
        (
            "moderation/save-synonyms",
            Rule::Needs(Action::Moderate),
            vec![("form[synonyms]", "only one phrase")],
        ),
        (
            "moderation/save-rates",
            Rule::Needs(Action::Administer),
            vec![("form[as_of]", "2026-12-01"), ("form[rates]", "EUR 1.16")],
        ),
        (
            "moderation/ban",
            Rule::Needs(Action::Moderate),
            vec![("form[domain]", "not a domain"), ("form[note]", "")],
        ),
        (
            "moderation/unban",
            Rule::Needs(Action::Moderate),
            vec![("domain", "never-refused.example")],
        ),
    ];

    // Every registered function has its row, and every row a function.
    let registered: BTreeSet<String> = server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_owned())
        .collect();
    let listed: BTreeSet<String> = table.iter().map(|(e, ..)| (*e).to_owned()).collect();
    let unlisted: Vec<&String> = registered.difference(&listed).collect();
    let stale: Vec<&String> = listed.difference(&registered).collect();
    assert!(
        unlisted.is_empty(),
        "server functions missing from the table: {unlisted:?}"
    );
    assert!(
        stale.is_empty(),
        "rows for functions that do not exist: {stale:?}"
    );

    let anonymous = app.client();
    let clients = [&anonymous, &seeker, &member_b, &owner, &moderator, &admin];
    let mut wrong = Vec::new();
    let mut checked = 0;
    for (endpoint, rule, form) in &table {
        for (i, client) in clients.iter().enumerate() {
            if matches!(rule, Rule::AnyoneSignedOut) && i > 0 {
                continue;
            }
            let status = app.call(client, endpoint, form).await.status();
            checked += 1;
            let turned_away = matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN);
            let ok = match rule.expected()[i] {
                None => !turned_away,
                Some(expected) => status == expected,
            };
            if !ok {
                wrong.push(format!(
                    "{endpoint} as {}: {status}, expected {:?}",
                    ROLES[i].0,
                    rule.expected()[i]
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {checked} answers differ from the table:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    println!(
        "{} server functions × {} roles: {checked} answers as the table says",
        table.len(),
        ROLES.len()
    );
}
