//! The moderation console: queues of companies, jobs, edits, stories and reports; decisions with reasons; the
//! audit log; roles, suspensions and refused email domains; and "report this listing" for everyone.

use crate::address::query_value;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::backend::{
    self, articles as article_store, companies as company_store, jobs as job_store,
    mail::Decision as Outcome,
    moderation::{self as store, Audit},
    settings::{self, Setting},
    users::User,
};
#[cfg(feature = "ssr")]
use hubboard::moderation::{Decision, Queue, reason_label};
#[cfg(feature = "ssr")]
use hubboard::{DomainError, FieldErrors};

#[cfg(feature = "ssr")]
use crate::policy::{self, Action};

#[cfg(feature = "ssr")]
pub(crate) mod decide;
#[cfg(feature = "ssr")]
mod review;
#[cfg(feature = "ssr")]
use decide::{action_words, ago};
#[cfg(feature = "ssr")]
use server_fn::ServerFn;

/// The title of the queue with this slug.
pub fn queue_title(slug: &str) -> &'static str {
    hubboard::moderation::Queue::find(slug).map_or("Queue", |queue| queue.title())
}

/// Why someone reports a listing, with the words the form shows.
pub const REPORT_REASONS: &[(&str, &str)] = &[
    ("spam", "Spam or advertising"),
    ("scam", "A scam or fraud"),
    ("misleading", "Misleading or false"),
    ("offensive", "Offensive or discriminatory"),
    ("duplicate", "Posted more than once"),
    ("other", "Something else"),
];

/// The words for a report reason.
pub fn report_reason_label(code: &str) -> &str {
    REPORT_REASONS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(code, |(_, label)| label)
}

/// How many items wait in each queue.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueCounts {
    pub companies: i64,
    pub company_edits: i64,
    pub jobs: i64,
    pub job_edits: i64,
    pub articles: i64,
    pub reports: i64,
}

impl QueueCounts {
    pub fn of(&self, queue: &str) -> i64 {
        match queue {
            "companies" => self.companies,
            "company-edits" => self.company_edits,
            "jobs" => self.jobs,
            "job-edits" => self.job_edits,
            "articles" => self.articles,
            "reports" => self.reports,
            _ => 0,
        }
    }

    pub fn total(&self) -> i64 {
        hubboard::moderation::Queue::ALL
            .iter()
            .map(|queue| self.of(queue.slug()))
            .sum()
    }
}

#[cfg(feature = "ssr")]
impl From<store::Counts> for QueueCounts {
    fn from(c: store::Counts) -> Self {
        QueueCounts {
            companies: c.companies,
            company_edits: c.company_edits,
            jobs: c.jobs,
            job_edits: c.job_edits,
            articles: c.articles,
            reports: c.reports,
        }
    }
}

/// One week of the dashboard's charts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WeekStats {
    /// `YYYY-MM-DD` of the Monday.
    pub week: String,
    pub jobs: i64,
    pub companies: i64,
    pub articles: i64,
    pub decisions: i64,
    pub median_hours: Option<f64>,
}

/// The console's front page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    pub counts: QueueCounts,
    pub weeks: Vec<WeekStats>,
    pub is_admin: bool,
}

/// One item of a queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueEntry {
    pub href: String,
    pub title: String,
    pub context: String,
    /// How long it has waited, in words.
    pub waiting: String,
    pub count: i64,
    pub kind: String,
    /// A small picture of the item: its company's logo or its article's picture.
    pub thumb: Option<String>,
}

/// A queue as its page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueView {
    pub queue: String,
    pub counts: QueueCounts,
    pub items: Vec<QueueEntry>,
    pub is_admin: bool,
}

/// One changed field of an edit, in parts: unchanged, removed and added text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldDiff {
    pub field: String,
    pub before: String,
    pub after: String,
    /// (`same` | `del` | `ins`, text), word by word.
    pub parts: Vec<(String, String)>,
}

/// A report on a listing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportEntry {
    pub reason: String,
    pub details: String,
    pub when: String,
    pub by_account: bool,
}

/// What a moderator sees of one item before deciding.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Review {
    /// The queue it belongs to (`jobs`, `job-edits`, …), or `reports`.
    pub queue: String,
    /// `job`, `company` or `article`.
    pub kind: String,
    pub id: i64,
    pub title: String,
    /// Its public address.
    pub href: String,
    /// Where it stands now, in words.
    pub status: String,
    /// Whether it is still waiting for a decision.
    pub open: bool,
    pub submitted: String,
    /// What the public would see: label and value.
    pub facts: Vec<(String, String)>,
    /// Sanitised when saved or rendered here; safe to insert as HTML.
    pub body_html: String,
    /// For edits of approved listings: what changed.
    pub diff: Vec<FieldDiff>,
    /// Who decided last, and what, for an item that is no longer waiting.
    pub last_decision: Option<String>,
    pub reports: Vec<ReportEntry>,
    pub counts: QueueCounts,
    pub is_admin: bool,
}

/// A moderator's decision on an item in a queue.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ReviewForm {
    pub queue: hubboard::moderation::Queue,
    pub id: i64,
    /// `approve`, `reject` or `changes`; absent when none was chosen.
    #[serde(default)]
    pub decision: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub note: String,
}

/// A moderator's answer to the reports on a listing.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ResolveForm {
    /// `job`, `company` or `article`.
    pub kind: String,
    pub id: i64,
    /// `dismiss` (the listing stays) or `remove` (taken down, with a reason).
    pub action: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub note: String,
}

/// "Report this listing".
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ReportForm {
    /// `job`, `company` or `article`.
    pub kind: String,
    pub id: i64,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub details: String,
    /// A field people never see; robots fill it in.
    #[serde(default)]
    pub website: String,
}

/// The audit list's filters, as in its URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditQuery {
    #[serde(default)]
    pub actor: String,
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub target: String,
    /// `YYYY-MM-DD`, inclusive.
    #[serde(default)]
    pub from: String,
    /// `YYYY-MM-DD`, inclusive.
    #[serde(default)]
    pub until: String,
    #[serde(default)]
    pub page: String,
}

impl AuditQuery {
    /// The query string of these filters (without the page), for links and the CSV export.
    pub fn to_query_string(&self) -> String {
        let pairs = [
            ("actor", &self.actor),
            ("action", &self.action),
            ("target", &self.target),
            ("from", &self.from),
            ("until", &self.until),
        ];
        pairs
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", query_value(v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// One audit row as the list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub when: String,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub target_href: Option<String>,
    pub reason: String,
    pub note: String,
    /// field: before → after
    pub changes: Vec<String>,
}

/// A page of the audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditView {
    pub entries: Vec<AuditEntry>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    pub is_admin: bool,
    pub counts: QueueCounts,
}

/// Rows per page of the audit list.
pub const AUDIT_PAGE: i64 = 50;

/// An account in the admins' list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountEntry {
    pub id: i64,
    pub email: String,
    pub role: String,
    pub since: String,
    pub suspended: bool,
    pub suspended_reason: String,
    /// The admin's own account: its role and suspension cannot be changed here.
    pub is_self: bool,
}

/// The admins' list of accounts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountsView {
    pub accounts: Vec<AccountEntry>,
    pub counts: QueueCounts,
    /// Jobs of companies with a verified domain are published without review.
    pub auto_approve: bool,
}

/// An admin's site settings.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct SettingsForm {
    /// `on` when the box is ticked; absent otherwise.
    #[serde(default)]
    pub auto_approve: String,
}

/// An admin's change of an account's role.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct RoleForm {
    pub user_id: i64,
    /// The role the admin saw, so a change made meanwhile is not overwritten.
    pub from: String,
    pub role: String,
}

/// An admin's suspension or restoration of an account.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct SuspendForm {
    pub user_id: i64,
    /// `suspend` or `restore`.
    pub action: String,
    #[serde(default)]
    pub reason: String,
}

/// A refused email domain, as listed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainEntry {
    pub domain: String,
    pub note: String,
    pub since: String,
}

/// The refused domains page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainsView {
    pub domains: Vec<DomainEntry>,
    pub counts: QueueCounts,
    pub is_admin: bool,
}

/// A moderator's refusal of an email domain.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct BanForm {
    pub domain: String,
    #[serde(default)]
    pub note: String,
}

/// The signed-in moderator (or admin), or 401/403.
#[cfg(feature = "ssr")]
async fn moderator() -> Result<User, AppError> {
    policy::signed_in_for(Action::Moderate).await
}

/// The signed-in admin, or 401/403.
#[cfg(feature = "ssr")]
async fn admin() -> Result<User, AppError> {
    policy::signed_in_for(Action::Administer).await
}

/// Whether `user` may administer the site (the console then offers its pages).
#[cfg(feature = "ssr")]
fn is_admin(user: &User) -> bool {
    policy::allows(
        Some(user.role),
        policy::Standing::Outsider,
        Action::Administer,
    )
}

#[cfg(feature = "ssr")]
fn moment(at: i64) -> String {
    let day = hubboard::day::Day::from_unix(at);
    let secs = at.rem_euclid(86_400);
    format!(
        "{} {:02}:{:02} UTC",
        day.iso(),
        secs / 3600,
        (secs % 3600) / 60
    )
}

/// The console's front page: queue counts and the weekly charts. Moderators only.
#[server(endpoint = "moderation/overview")]
pub async fn console_overview() -> Result<Overview, AppError> {
    let user = moderator().await?;
    let db = backend::db()?;
    let weeks = store::weekly(&db, 12)
        .await?
        .into_iter()
        .map(|w| WeekStats {
            week: hubboard::day::Day::from_unix(w.start).iso(),
            jobs: w.jobs,
            companies: w.companies,
            articles: w.articles,
            decisions: w.decisions,
            median_hours: w.median_hours,
        })
        .collect();
    Ok(Overview {
        counts: store::counts(&db).await?.into(),
        weeks,
        is_admin: is_admin(&user),
    })
}

#[cfg(feature = "ssr")]
fn review_href(queue: &str, kind: &str, id: i64) -> String {
    if queue == "reports" {
        format!("/admin/reports/{kind}/{id}")
    } else {
        format!("/admin/review/{queue}/{id}")
    }
}

/// A queue, oldest first, narrowed to titles or companies containing `q`. Moderators only.
#[server(endpoint = "moderation/queue")]
pub async fn queue_items(queue: String, q: String) -> Result<QueueView, AppError> {
    let user = moderator().await?;
    let which = Queue::find(&queue).ok_or(AppError::NotFound)?;
    let db = backend::db()?;
    let text: String = q.chars().take(100).collect();
    let items = store::queue(&db, which, &text, 200)
        .await?
        .into_iter()
        .map(|item| QueueEntry {
            href: review_href(&queue, &item.kind, item.id),
            title: item.title,
            context: if which == Queue::Reports {
                item.context
                    .split(", ")
                    .map(report_reason_label)
                    .collect::<Vec<_>>()
                    .join("; ")
            } else {
                item.context
            },
            waiting: ago(item.submitted_at),
            count: item.count,
            thumb: match (item.logo_company, item.logo_version, item.image_version) {
                (Some(company), Some(version), _) => {
                    Some(crate::companies::logo_url(company, version, 64))
                }
                (None, _, Some(version)) => {
                    Some(crate::articles::picture_url(item.id, version, "thumb"))
                }
                _ => None,
            },
            kind: item.kind,
        })
        .collect();
    Ok(QueueView {
        queue,
        counts: store::counts(&db).await?.into(),
        items,
        is_admin: is_admin(&user),
    })
}

/// Word-by-word differences between two texts.
#[cfg(feature = "ssr")]
pub fn diff_parts(before: &str, after: &str) -> Vec<(String, String)> {
    use similar::{ChangeTag, TextDiff};
    let diff = TextDiff::from_words(before, after);
    let mut parts: Vec<(String, String)> = Vec::new();
    for change in diff.iter_all_changes() {
        let tag = match change.tag() {
            ChangeTag::Equal => "same",
            ChangeTag::Delete => "del",
            ChangeTag::Insert => "ins",
        };
        match parts.last_mut() {
            Some((last, text)) if last == tag => text.push_str(change.value()),
            _ => parts.push((tag.to_owned(), change.value().to_owned())),
        }
    }
    parts
}

/// Decides an item from its review page, then goes to the next item of the same queue (or back to the queue
/// when it is empty), so a moderator can work through it without leaving the keyboard. Moderators only.
#[server(endpoint = "moderation/decide")]
pub async fn decide(form: ReviewForm) -> Result<(), AppError> {
    let user = moderator().await?;
    let result = match Decision::parse(&form.decision, &form.reason, &form.note) {
        Ok(decision) => decide::item(&user, form.queue, form.id, &decision).await,
        Err(errors) => Err(errors.into()),
    };
    if let Err(AppError::Invalid(_)) = &result {
        backend::remember_form(
            Decide::PATH,
            &[
                ("decision", &form.decision),
                ("reason", &form.reason),
                ("note", &form.note),
            ],
        )
        .await;
    }
    let decided = result?;
    let queue = form.queue;
    tracing::info!(
        user.id = user.id,
        queue = queue.slug(),
        item = form.id,
        decision = decided.status,
        "decided"
    );
    let db = backend::db()?;
    let notice = format!("notice=decided-{}", decided.status);
    match store::next_in(&db, queue, (queue.kind(), form.id)).await? {
        Some((kind, id)) => leptos_axum::redirect(&format!(
            "{}?{notice}",
            review_href(queue.slug(), &kind, id)
        )),
        None => leptos_axum::redirect(&format!("/admin/queue/{}?{notice}", queue.slug())),
    }
    Ok(())
}

/// What a moderator sees of one item before deciding. Moderators only.
#[server(endpoint = "moderation/review")]
pub async fn review_item(queue: String, id: i64) -> Result<Review, AppError> {
    let user = moderator().await?;
    let db = backend::db()?;
    let listing = review::shown(&db, Queue::find(&queue).ok_or(AppError::NotFound)?, id).await?;
    let last_decision = if listing.open {
        None
    } else {
        store::last_action(&db, listing.kind, id).await?.map(|row| {
            format!(
                "{} {} {}",
                row.actor_email,
                action_words(&row.action),
                ago(row.at)
            )
        })
    };
    Ok(Review {
        queue,
        kind: listing.kind.to_owned(),
        id,
        title: listing.title,
        href: listing.href,
        status: listing.status,
        open: listing.open,
        submitted: listing.submitted,
        facts: listing.facts,
        body_html: listing.body_html,
        diff: listing.diff,
        last_decision,
        reports: Vec::new(),
        counts: store::counts(&db).await?.into(),
        is_admin: is_admin(&user),
    })
}

/// A reported listing with its open reports. Moderators only.
#[server(endpoint = "moderation/reported")]
pub async fn reported(kind: String, id: i64) -> Result<Review, AppError> {
    let queue = match kind.as_str() {
        "job" => "jobs",
        "company" => "companies",
        "article" => "articles",
        _ => return Err(AppError::NotFound),
    };
    let db = backend::db()?;
    let mut review = review_item(queue.to_owned(), id).await?;
    review.queue = "reports".into();
    let reports = store::open_reports(&db, &kind, id).await?;
    review.open = !reports.is_empty();
    review.reports = reports
        .into_iter()
        .map(|r| ReportEntry {
            reason: report_reason_label(&r.reason).to_owned(),
            details: r.details,
            when: ago(r.created_at),
            by_account: r.by_account,
        })
        .collect();
    review.last_decision = if review.open {
        None
    } else {
        store::last_action(&db, &kind, id).await?.map(|row| {
            format!(
                "{} {} {}",
                row.actor_email,
                action_words(&row.action),
                ago(row.at)
            )
        })
    };
    Ok(review)
}

/// Closes the reports on a listing: dismissed (it stays), or removed (taken down with a reason, its team or writer
/// told). Moderators only.
#[server(endpoint = "moderation/resolve")]
pub async fn resolve_reports(form: ResolveForm) -> Result<(), AppError> {
    let user = moderator().await?;
    let db = backend::db()?;
    if !matches!(form.kind.as_str(), "job" | "company" | "article") {
        return Err(AppError::NotFound);
    }
    let result = resolve(&db, &user, &form).await;
    if let Err(AppError::Invalid(_)) = &result {
        backend::remember_form(
            ResolveReports::PATH,
            &[
                ("action", &form.action),
                ("reason", &form.reason),
                ("note", &form.note),
            ],
        )
        .await;
    }
    result?;
    tracing::info!(
        user.id = user.id,
        kind = form.kind,
        item = form.id,
        action = form.action,
        "reports resolved"
    );
    let notice = format!(
        "notice=reports-{}",
        if form.action == "remove" {
            "removed"
        } else {
            "dismissed"
        }
    );
    match store::next_in(&db, Queue::Reports, (&form.kind, form.id)).await? {
        Some((kind, id)) => leptos_axum::redirect(&format!("/admin/reports/{kind}/{id}?{notice}")),
        None => leptos_axum::redirect(&format!("/admin/queue/reports?{notice}")),
    }
    Ok(())
}

#[cfg(feature = "ssr")]
async fn resolve(db: &backend::db::Db, user: &User, form: &ResolveForm) -> Result<(), AppError> {
    let note = form.note.trim();
    let label = match form.kind.as_str() {
        "job" => job_store::by_id(db, form.id)
            .await?
            .map(|j| j.posting.title),
        "company" => company_store::by_id(db, form.id).await?.map(|c| c.name),
        _ => article_store::by_id(db, form.id).await?.map(|a| a.title),
    }
    .ok_or(AppError::NotFound)?;
    match form.action.as_str() {
        "dismiss" => {
            Decision::parse("approve", "", note)?;
            let audit = Audit::new(
                user,
                format!("{}.dismiss", form.kind),
                kind_static(&form.kind),
                form.id,
                label,
            )
            .note(note);
            if store::dismiss_reports(db, &form.kind, form.id, &audit).await? == 0 {
                return Err(decide::already_decided(db, &form.kind, form.id).await);
            }
            Ok(())
        }
        "remove" => {
            let decision = Decision::parse("reject", &form.reason, note)?;
            let reason = decision.reason();
            let audit = Audit::new(
                user,
                format!("{}.remove", form.kind),
                kind_static(&form.kind),
                form.id,
                &label,
            )
            .reason(reason)
            .note(note)
            .closing_reports("removed");
            let removed = take_down(db, user, &form.kind, form.id, reason, note, &audit).await?;
            if !removed {
                return Err(AppError::Refused(
                    "This listing is not public any more, so there is nothing to take down. Dismiss the reports instead."
                        .into(),
                ));
            }
            Ok(())
        }
        _ => Err(AppError::BadRequest),
    }
}

#[cfg(feature = "ssr")]
fn kind_static(kind: &str) -> &'static str {
    match kind {
        "job" => "job",
        "company" => "company",
        _ => "article",
    }
}

/// Takes a reported public listing down; `audit` closes its reports in the change's transaction.
#[cfg(feature = "ssr")]
async fn take_down(
    db: &backend::db::Db,
    user: &User,
    kind: &str,
    id: i64,
    reason: Option<&str>,
    note: &str,
    audit: &Audit,
) -> Result<bool, AppError> {
    let done = match kind {
        "job" => {
            let job = job_store::by_id(db, id).await?.ok_or(AppError::NotFound)?;
            let href = crate::address::job_href(job.id, &job.slug);
            let notify = decide::decision_mails(
                db,
                decide::Audience::Team(job.company_id),
                &format!("your job “{}”", job.posting.title),
                Outcome::Rejected,
                reason,
                note,
                &href,
            )
            .await?;
            job_store::transition(
                db,
                id,
                &[job_store::Status::Published],
                job_store::Transition {
                    to: job_store::Status::Rejected,
                    reason,
                    note,
                    by: Some(user.id),
                    notify: &notify,
                    audit: Some(audit),
                },
            )
            .await?
        }
        "company" => {
            let company = company_store::by_id(db, id)
                .await?
                .ok_or(AppError::NotFound)?;
            let notify = decide::decision_mails(
                db,
                decide::Audience::Team(id),
                &format!("your company {}", company.name),
                Outcome::Suspended,
                reason,
                note,
                &format!("/companies/{}", company.slug),
            )
            .await?;
            company_store::decide(
                db,
                id,
                &[company_store::Status::Approved],
                company_store::Decision {
                    to: company_store::Status::Suspended,
                    reason,
                    note,
                    by: Some(user.id),
                    notify: &notify,
                    audit: Some(audit),
                },
            )
            .await?
        }
        _ => {
            let article = article_store::by_id(db, id)
                .await?
                .ok_or(AppError::NotFound)?;
            let notify = if article.submitted_for.is_some() {
                decide::decision_mails(
                    db,
                    decide::Audience::Writer(article.created_by),
                    &format!("your story “{}”", article.title),
                    Outcome::Rejected,
                    reason,
                    note,
                    &format!("/news/{}", article.slug),
                )
                .await?
            } else {
                Vec::new()
            };
            let to = if article.submitted_for.is_some() {
                article_store::Status::Rejected
            } else {
                article_store::Status::Draft
            };
            article_store::transition(
                db,
                id,
                &[article_store::Status::Published],
                article_store::Transition {
                    to,
                    reason,
                    note,
                    decided_by: Some(user.id),
                    notify: &notify,
                    audit: Some(audit),
                    ..Default::default()
                },
            )
            .await?
        }
    };
    Ok(done)
}

/// "Report this listing": anyone may report a public job, company or story once until a moderator answers.
#[server(endpoint = "moderation/report")]
pub async fn report_listing(form: ReportForm) -> Result<(), AppError> {
    let db = backend::db()?;
    let href = match form.kind.as_str() {
        "job" => job_store::by_id(&db, form.id)
            .await?
            .filter(|j| !j.status.is_unpublished())
            .map(|j| crate::address::job_href(j.id, &j.slug)),
        "company" => company_store::by_id(&db, form.id)
            .await?
            .filter(|c| c.status == company_store::Status::Approved)
            .map(|c| format!("/companies/{}", c.slug)),
        "article" => article_store::by_id(&db, form.id)
            .await?
            .filter(|a| a.is_public(backend::db::now()))
            .map(|a| format!("/news/{}", a.slug)),
        _ => None,
    }
    .ok_or(AppError::NotFound)?;
    let mut errors = FieldErrors::new();
    if !REPORT_REASONS.iter().any(|(code, _)| *code == form.reason) {
        errors.push(DomainError::new(
            "reason",
            "Choose what is wrong with this listing.",
        ));
    }
    let details = form.details.trim();
    if details.chars().count() > 1000 {
        errors.push(DomainError::new(
            "details",
            "Keep the details to 1000 characters.",
        ));
    }
    if !errors.is_empty() {
        backend::remember_form(
            ReportListing::PATH,
            &[("reason", &form.reason), ("details", &form.details)],
        )
        .await;
        return Err(errors.into());
    }
    if form.website.is_empty() {
        let user = backend::current_user().await?;
        let key = match &user {
            Some(user) => format!("user:{}", user.id),
            None => format!("ip:{}", company_store::token_hash(&backend::client_ip())),
        };
        backend::limit(&[(backend::rate_limit::REPORT_PER_REPORTER, &key)]).await?;
        let stored = store::report(
            &db,
            &form.kind,
            form.id,
            &form.reason,
            details,
            user.map(|u| u.id),
            &key,
        )
        .await?;
        tracing::info!(kind = form.kind, item = form.id, stored, "listing reported");
    } else {
        tracing::info!("report refused: honeypot filled");
    }
    leptos_axum::redirect(&format!("{href}?notice=reported"));
    Ok(())
}

/// A page of the audit log, newest first. Moderators only; admins also get the CSV export.
#[server(endpoint = "moderation/audit")]
pub async fn audit_log(query: AuditQuery) -> Result<AuditView, AppError> {
    let user = moderator().await?;
    let db = backend::db()?;
    let filter = audit_filter(&query)?;
    let page = query.page.parse::<i64>().unwrap_or(1).clamp(1, 100_000);
    let (rows, total) =
        store::audit_page(&db, &filter, AUDIT_PAGE, (page - 1) * AUDIT_PAGE).await?;
    Ok(AuditView {
        entries: rows.into_iter().map(audit_entry).collect(),
        total,
        page,
        pages: ((total + AUDIT_PAGE - 1) / AUDIT_PAGE).max(1),
        is_admin: is_admin(&user),
        counts: store::counts(&db).await?.into(),
    })
}

/// The storage filter for the audit list's query; a malformed date is a field error.
#[cfg(feature = "ssr")]
pub fn audit_filter(query: &AuditQuery) -> Result<store::AuditFilter, AppError> {
    let mut errors = FieldErrors::new();
    let mut day = |field: &'static str, raw: &str| -> Option<i64> {
        let raw = raw.trim();
        if raw.is_empty() {
            return None;
        }
        match hubboard::day::Day::parse_iso(raw) {
            Some(day) => Some(day.start_unix()),
            None => {
                errors.push(DomainError::new(field, "Enter a date such as 2026-11-02."));
                None
            }
        }
    };
    let from = day("from", &query.from);
    let until = day("until", &query.until).map(|start| start + 86_400);
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let (target_kind, target_id) = match query.target.trim().split_once(':') {
        Some((kind, id)) => (kind.to_owned(), id.to_owned()),
        None => (query.target.trim().to_owned(), String::new()),
    };
    Ok(store::AuditFilter {
        actor: query.actor.trim().chars().take(200).collect(),
        action: query.action.trim().chars().take(50).collect(),
        target_kind,
        target_id,
        from,
        until,
    })
}

#[cfg(feature = "ssr")]
fn audit_entry(row: store::AuditRow) -> AuditEntry {
    let changes: Vec<String> =
        serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&row.changes)
            .unwrap_or_default()
            .into_iter()
            .map(|(field, pair)| {
                let side = |i: usize| {
                    let text = pair.get(i).and_then(|v| v.as_str()).unwrap_or_default();
                    let short: String = text.chars().take(80).collect();
                    if short.len() < text.len() {
                        format!("{short}…")
                    } else {
                        short
                    }
                };
                format!("{field}: {} → {}", side(0), side(1))
            })
            .collect();
    let target_href = match row.target_kind.as_str() {
        "job" => Some(format!("/jobs/{}", row.target_id)),
        "company" => Some(format!("/admin/review/companies/{}", row.target_id)),
        "article" => Some(format!("/admin/review/articles/{}", row.target_id)),
        _ => None,
    };
    AuditEntry {
        when: moment(row.at),
        actor: row.actor_email,
        action: row.action,
        target: format!(
            "{} {}: {}",
            row.target_kind, row.target_id, row.target_label
        ),
        target_href,
        reason: row
            .reason
            .as_deref()
            .map(reason_label)
            .unwrap_or_default()
            .to_owned(),
        note: row.note,
        changes,
    }
}

/// The accounts whose address contains `q`, staff first. Admins only.
#[server(endpoint = "moderation/accounts")]
pub async fn accounts(q: String) -> Result<AccountsView, AppError> {
    let user = admin().await?;
    let db = backend::db()?;
    let text: String = q.chars().take(200).collect();
    Ok(AccountsView {
        accounts: store::accounts(&db, &text, 100)
            .await?
            .into_iter()
            .map(|a| AccountEntry {
                is_self: a.id == user.id,
                id: a.id,
                email: a.email,
                role: a.role,
                since: hubboard::day::Day::from_unix(a.created_at).iso(),
                suspended: a.suspended,
                suspended_reason: a.suspended_reason.unwrap_or_default(),
            })
            .collect(),
        counts: store::counts(&db).await?.into(),
        auto_approve: settings::is_on(&db, Setting::AutoApproveVerifiedJobs).await?,
    })
}

/// Changes the site settings. Admins only.
#[server(endpoint = "moderation/settings")]
pub async fn change_settings(form: SettingsForm) -> Result<(), AppError> {
    let user = admin().await?;
    let db = backend::db()?;
    let value = if form.auto_approve == "on" {
        "on"
    } else {
        "off"
    };
    let setting = Setting::AutoApproveVerifiedJobs;
    let before = settings::get(&db, setting)
        .await?
        .unwrap_or_else(|| "off".into());
    // Unset counts as off: saving the form unchanged writes nothing.
    if before != value {
        let audit = Audit::new(
            &user,
            "setting.change",
            "setting",
            setting.key(),
            "Publish verified companies' jobs without review",
        )
        .change(setting.key(), before, value);
        settings::change(&db, setting, value, &audit).await?;
    }
    tracing::info!(user.id = user.id, value, "settings changed");
    leptos_axum::redirect("/admin/users?notice=settings-saved");
    Ok(())
}

/// Gives an account another role. Admins only; an admin cannot change their own role (another admin must).
#[server(endpoint = "moderation/role")]
pub async fn set_role(form: RoleForm) -> Result<(), AppError> {
    let user = admin().await?;
    let role: hubboard::Role = form.role.parse().map_err(AppError::from)?;
    if form.user_id == user.id {
        return Err(AppError::Refused(
            "You cannot change your own role; ask another admin.".into(),
        ));
    }
    let db = backend::db()?;
    let target = backend::users::by_id(&db, form.user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let audit = Audit::new(&user, "user.role", "user", target.id, target.email.as_str()).change(
        "role",
        form.from.as_str(),
        role.as_str(),
    );
    if !store::set_role(&db, target.id, &form.from, role.as_str(), &audit).await? {
        return Err(AppError::Refused(format!(
            "{} is now {}: someone changed the role meanwhile. Nothing was changed.",
            target.email,
            target.role.as_str()
        )));
    }
    tracing::info!(
        user.id = user.id,
        target.id = target.id,
        role = role.as_str(),
        "role changed"
    );
    leptos_axum::redirect(&format!(
        "/admin/users?q={}&notice=role-changed",
        query_value(target.email.as_str())
    ));
    Ok(())
}

/// Suspends an account (its sessions end, it cannot sign in) or restores it. Admins only, never their own.
#[server(endpoint = "moderation/suspend")]
pub async fn suspend_user(form: SuspendForm) -> Result<(), AppError> {
    let user = admin().await?;
    if form.user_id == user.id {
        return Err(AppError::Refused(
            "You cannot suspend your own account.".into(),
        ));
    }
    let reason = form.reason.trim();
    let suspend = match form.action.as_str() {
        "suspend" => {
            if reason.is_empty() || reason.chars().count() > 500 {
                backend::remember_form(SuspendUser::PATH, &[("reason", &form.reason)]).await;
                return Err(DomainError::new(
                    "reason",
                    "Give the reason, in at most 500 characters.",
                )
                .into());
            }
            true
        }
        "restore" => false,
        _ => return Err(AppError::BadRequest),
    };
    let db = backend::db()?;
    let target = backend::users::by_id(&db, form.user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let audit = Audit::new(
        &user,
        if suspend {
            "user.suspend"
        } else {
            "user.restore"
        },
        "user",
        target.id,
        target.email.as_str(),
    )
    .note(reason);
    if !store::set_suspended(&db, target.id, suspend.then_some(reason), &audit).await? {
        return Err(AppError::Refused(if suspend {
            "This account is already suspended.".into()
        } else {
            "This account is not suspended.".into()
        }));
    }
    tracing::info!(
        user.id = user.id,
        target.id = target.id,
        suspend,
        "account suspension changed"
    );
    leptos_axum::redirect(&format!(
        "/admin/users?q={}&notice=account-{}",
        query_value(target.email.as_str()),
        if suspend { "suspended" } else { "restored" }
    ));
    Ok(())
}

/// The synonym list searches use, as its editors see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SynonymsView {
    /// One group a line, phrases separated by commas.
    pub text: String,
    pub groups: usize,
    /// The exchange rates salaries are compared with: a line per currency, and the day they were taken.
    pub rates: String,
    pub rates_as_of: String,
    pub rates_as_of_long: String,
    pub counts: QueueCounts,
    pub is_admin: bool,
}

/// A new synonym list.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct SynonymsForm {
    #[serde(default)]
    pub synonyms: String,
}

/// The longest synonym list accepted, in bytes.
pub const SYNONYMS_MAX_BYTES: usize = 64 * 1024;

/// The synonym list searches use. Moderators only.
#[server(endpoint = "moderation/synonyms")]
pub async fn search_synonyms() -> Result<SynonymsView, AppError> {
    let user = moderator().await?;
    let db = backend::db()?;
    let synonyms = hubboard::search::Synonyms::parse(
        &settings::get(&db, Setting::SearchSynonyms)
            .await?
            .unwrap_or_else(|| hubboard::search::DEFAULT_SYNONYMS.to_owned()),
    )
    .unwrap_or_default();
    let rates = job_store::exchange_rates(&mut *db.read().acquire().await?).await?;
    Ok(SynonymsView {
        text: synonyms.to_text(),
        groups: synonyms.groups().len(),
        rates: rates.to_text(),
        rates_as_of: rates.as_of().iso(),
        rates_as_of_long: rates.as_of().long(),
        counts: store::counts(&db).await?.into(),
        is_admin: is_admin(&user),
    })
}

/// Replaces the synonym list. Moderators only. Every instance's searches use it within a moment.
#[server(endpoint = "moderation/save-synonyms")]
pub async fn save_synonyms(form: SynonymsForm) -> Result<(), AppError> {
    let user = moderator().await?;
    let parsed = if form.synonyms.trim().is_empty() {
        // Most likely a slip: emptying the list takes a word.
        Err(DomainError::new(
            "synonyms",
            "Write at least one line. To use no synonyms at all, write a line starting with #.",
        ))
    } else if form.synonyms.len() > SYNONYMS_MAX_BYTES {
        Err(DomainError::new(
            "synonyms",
            "Keep the list under 64 KB: split long groups, or remove groups nobody searches for.",
        ))
    } else {
        hubboard::search::Synonyms::parse(&form.synonyms)
    };
    let synonyms = match parsed {
        Ok(synonyms) => synonyms,
        Err(error) => {
            backend::remember_form(SaveSynonyms::PATH, &[("synonyms", &form.synonyms)]).await;
            return Err(error.into());
        }
    };
    let state = backend::state()?;
    let db = state.db.clone();
    let setting = Setting::SearchSynonyms;
    let key = setting.key();
    let before = hubboard::search::Synonyms::parse(
        &settings::get(&db, setting)
            .await?
            .unwrap_or_else(|| hubboard::search::DEFAULT_SYNONYMS.to_owned()),
    )
    .unwrap_or_default()
    .to_text();
    let value = synonyms.to_text();
    // An unchanged list writes nothing, but is stored once so the default list stops being used.
    let audit = Audit::new(&user, "setting.change", "setting", key, "Search synonyms").change(
        key,
        before,
        value.as_str(),
    );
    if settings::change(&db, setting, &value, &audit).await? {
        backend::search::synonyms_changed(&db).await?;
        state.search.refresh_synonyms(&db).await?;
    }
    tracing::info!(
        user.id = user.id,
        groups = synonyms.groups().len(),
        "search synonyms saved"
    );
    leptos_axum::redirect("/admin/search?notice=synonyms-saved");
    Ok(())
}

/// New exchange rates.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct RatesForm {
    #[serde(default)]
    pub as_of: String,
    #[serde(default)]
    pub rates: String,
}

/// Replaces the exchange rates salaries are compared with, and puts every salary in pounds again. Admins only.
#[server(endpoint = "moderation/save-rates")]
pub async fn save_rates(form: RatesForm) -> Result<(), AppError> {
    let user = admin().await?;
    let today = hubboard::day::Day::from_unix(backend::db::now());
    let parsed = if form.rates.len() > RATES_MAX_BYTES {
        Err(DomainError::new(
            "rates",
            "Keep the list to one line per currency.",
        ))
    } else {
        hubboard::rates::Rates::parse(&form.as_of, &form.rates, today)
    };
    let rates = match parsed {
        Ok(rates) => rates,
        Err(error) => {
            backend::remember_form(
                SaveRates::PATH,
                &[("as_of", &form.as_of), ("rates", &form.rates)],
            )
            .await;
            return Err(error.into());
        }
    };
    let db = backend::db()?;
    let setting = Setting::ExchangeRates;
    let key = setting.key();
    let before = job_store::exchange_rates(&mut *db.read().acquire().await?).await?;
    let audit = Audit::new(&user, "setting.change", "setting", key, "Exchange rates").change(
        key,
        before.to_stored(),
        rates.to_stored().as_str(),
    );
    settings::change(&db, setting, &rates.to_stored(), &audit).await?;
    let repriced = job_store::reprice_if_needed(&db).await?;
    tracing::info!(user.id = user.id, repriced, "exchange rates saved");
    leptos_axum::redirect("/admin/search?notice=rates-saved");
    Ok(())
}

/// The longest list of rates accepted, in bytes.
pub const RATES_MAX_BYTES: usize = 4 * 1024;

/// The refused email domains. Moderators only.
#[server(endpoint = "moderation/domains")]
pub async fn banned_domains() -> Result<DomainsView, AppError> {
    let user = moderator().await?;
    let db = backend::db()?;
    Ok(DomainsView {
        domains: store::banned_domains(&db)
            .await?
            .into_iter()
            .map(|d| DomainEntry {
                domain: d.domain,
                note: d.note,
                since: hubboard::day::Day::from_unix(d.banned_at).iso(),
            })
            .collect(),
        counts: store::counts(&db).await?.into(),
        is_admin: is_admin(&user),
    })
}

/// A domain name as refused: lower case, without `@` or spaces, with at least one dot.
pub fn parse_domain(raw: &str) -> Result<String, hubboard::DomainError> {
    let domain = raw.trim().trim_start_matches('@').to_lowercase();
    let valid = domain.len() <= 253
        && domain.contains('.')
        && domain.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    if valid {
        Ok(domain)
    } else {
        Err(hubboard::DomainError::new(
            "domain",
            "Enter a domain such as example.com.",
        ))
    }
}

/// Refuses an email domain for registration and alerts. Moderators only.
#[server(endpoint = "moderation/ban")]
pub async fn ban_domain(form: BanForm) -> Result<(), AppError> {
    let user = moderator().await?;
    let mut errors = FieldErrors::new();
    let domain = errors.check(parse_domain(&form.domain));
    if form.note.trim().chars().count() > 500 {
        errors.push(DomainError::new("note", "Keep the note to 500 characters."));
    }
    let Some(domain) = domain.filter(|_| errors.is_empty()) else {
        backend::remember_form(
            BanDomain::PATH,
            &[("domain", &form.domain), ("note", &form.note)],
        )
        .await;
        return Err(errors.into());
    };
    let db = backend::db()?;
    let audit = Audit::new(&user, "domain.ban", "domain", &domain, &domain).note(form.note.trim());
    if !store::ban_domain(&db, &domain, form.note.trim(), &audit).await? {
        backend::remember_form(
            BanDomain::PATH,
            &[("domain", &form.domain), ("note", &form.note)],
        )
        .await;
        return Err(DomainError::new("domain", "This domain is refused already.").into());
    }
    tracing::info!(user.id = user.id, "domain refused");
    leptos_axum::redirect("/admin/domains?notice=domain-banned");
    Ok(())
}

/// Accepts a refused domain again. Moderators only.
#[server(endpoint = "moderation/unban")]
pub async fn unban_domain(domain: String) -> Result<(), AppError> {
    let user = moderator().await?;
    let db = backend::db()?;
    let audit = Audit::new(&user, "domain.unban", "domain", &domain, &domain);
    if !store::unban_domain(&db, &domain, &audit).await? {
        return Err(AppError::NotFound);
    }
    tracing::info!(user.id = user.id, "domain accepted again");
    leptos_axum::redirect("/admin/domains?notice=domain-unbanned");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_are_normalised_and_checked() {
        assert_eq!(
            parse_domain(" @Spam.Example.COM ").unwrap(),
            "spam.example.com"
        );
        assert!(parse_domain("localhost").is_err());
        assert!(parse_domain("bad domain.com").is_err());
        assert!(parse_domain("-x.com").is_err());
        assert!(parse_domain("a..b").is_err());
    }

    #[test]
    fn audit_query_keeps_only_set_filters() {
        let query = AuditQuery {
            actor: "mod@example.com".into(),
            action: "job.".into(),
            ..AuditQuery::default()
        };
        assert_eq!(
            query.to_query_string(),
            "actor=mod%40example.com&action=job."
        );
    }

    #[test]
    fn action_words_name_edits() {
        assert_eq!(action_words("job.approve"), "approved");
        assert_eq!(action_words("job-edit.reject"), "rejected an edit");
        assert_eq!(action_words("user.role"), "changed the role");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn diffs_mark_removed_and_added_words() {
        let parts = diff_parts("Senior writer in Leeds", "Lead writer in Leeds");
        assert!(parts.contains(&("del".to_owned(), "Senior".to_owned())));
        assert!(parts.contains(&("ins".to_owned(), "Lead".to_owned())));
        assert_eq!(
            parts.last().unwrap(),
            &("same".to_owned(), " writer in Leeds".to_owned())
        );
    }
}
