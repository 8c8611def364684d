//! One moderation decision, from the form to the database. Every kind of listing goes through the same script:
//! load it (or find it already decided), check the verdict applies, write the mail for the people behind it and
//! the audit row, and make the change with both in one transaction; a change that finds the item already moved
//! answers "already decided by …". What differs between a company, a job, a story and their edits is one
//! [`Listing`] implementation each.

use hubboard::moderation::{Decision, Queue, Verdict, reason_label};

use crate::backend::{
    self, articles as article_store, companies as company_store,
    db::Db,
    jobs as job_store,
    mail::{self, Decision as Outcome, Outgoing},
    moderation::{self as store, Audit},
    users::User,
};
use crate::error::AppError;

/// Where a decided item can be seen, and the word for where it now stands.
pub(crate) struct Decided {
    pub href: String,
    pub status: &'static str,
}

/// Decides item `id` of `queue`.
pub(crate) async fn item(
    user: &User,
    queue: Queue,
    id: i64,
    decision: &Decision,
) -> Result<Decided, AppError> {
    let db = backend::db()?;
    match queue {
        Queue::Companies => run(&db, user, Company::load(&db, id).await?, decision).await,
        Queue::CompanyEdits => run(&db, user, CompanyEdit::load(&db, id).await?, decision).await,
        Queue::Jobs => run(&db, user, Job::load(&db, id).await?, decision).await,
        Queue::JobEdits => run(&db, user, JobEdit::load(&db, id).await?, decision).await,
        Queue::Articles => run(&db, user, Article::load(&db, id).await?, decision).await,
        Queue::Reports => Err(AppError::NotFound),
    }
}

/// Who hears of a decision on a listing.
pub(crate) enum Audience {
    /// Every member of the company's team.
    Team(i64),
    /// The account that wrote a company's story, if it still exists.
    Writer(Option<i64>),
}

/// The decision mail for each of `audience`: `what` names the listing, `path` is where it is seen.
pub(crate) async fn decision_mails(
    db: &Db,
    audience: Audience,
    what: &str,
    outcome: Outcome,
    reason: Option<&str>,
    note: &str,
    path: &str,
) -> Result<Vec<Outgoing>, AppError> {
    let recipients: Vec<String> = match audience {
        Audience::Team(company) => company_store::members(db, company)
            .await?
            .into_iter()
            .map(|member| member.email)
            .collect(),
        Audience::Writer(None) => Vec::new(),
        Audience::Writer(Some(author)) => backend::users::by_id(db, author)
            .await?
            .map(|user| user.email.as_str().to_owned())
            .into_iter()
            .collect(),
    };
    let site = backend::state()?.site_url;
    let link = format!("{site}{path}");
    Ok(recipients
        .iter()
        .map(|recipient| {
            mail::decision(
                &site,
                recipient,
                what,
                outcome,
                reason.map(reason_label),
                note,
                &link,
            )
        })
        .collect())
}

/// "Already decided by …" for an item another moderator got to first.
pub(crate) async fn already_decided(db: &Db, kind: &str, id: i64) -> AppError {
    match store::last_action(db, kind, id).await {
        Ok(Some(row)) => AppError::Refused(format!(
            "Already decided by {} ({}, {}). Nothing was changed.",
            row.actor_email,
            action_words(&row.action),
            ago(row.at)
        )),
        Ok(None) => AppError::Refused(
            "This is no longer waiting for a decision. Nothing was changed.".into(),
        ),
        Err(error) => backend::internal("last decision", error),
    }
}

/// A kind of item a moderator decides on.
trait Listing: Sized {
    /// Where it stands after a decision.
    type Status: Copy;
    /// What the audit log and "already decided" call it: `company`, `job` or `article`.
    const KIND: &'static str;
    /// The first word of its audit actions: `company`, `company-edit`, …
    const ACTION: &'static str;

    fn id(&self) -> i64;
    /// Its title in the audit log.
    fn label(&self) -> &str;
    /// The status a verdict moves it to, or 400 for a verdict this kind does not take.
    fn target(&self, verdict: Verdict) -> Result<Self::Status, AppError>;
    /// The word for a status, as notices and the audit log use it.
    fn status_word(status: Self::Status) -> &'static str;
    /// A reason the change cannot be made even though the verdict applies.
    fn refusal(&self, _to: Self::Status) -> Option<&'static str> {
        None
    }
    /// Where it is seen after the decision.
    fn href(&self, verdict: Verdict) -> String;
    /// The listing in the decision mail: "your job “…”".
    fn what(&self) -> String;
    fn audience(&self) -> Audience;
    /// The second word of the audit action: the verdict's, unless the kind words it otherwise.
    fn action(&self, verdict: Verdict, _to: Self::Status) -> &'static str {
        verdict.as_str()
    }
    /// The audit row's changes, snapshot and waiting time.
    fn audited(&self, audit: Audit, to: Self::Status) -> Audit;
    /// Makes the change with `notify` and `audit` in one transaction; false if the item had moved meanwhile.
    async fn write(
        &self,
        db: &Db,
        to: Self::Status,
        user: &User,
        decision: &Decision,
        notify: &[Outgoing],
        audit: &Audit,
    ) -> Result<bool, AppError>;
}

/// The one script of a decision.
async fn run<L: Listing>(
    db: &Db,
    user: &User,
    item: L,
    decision: &Decision,
) -> Result<Decided, AppError> {
    let to = item.target(decision.verdict)?;
    if let Some(refusal) = item.refusal(to) {
        return Err(AppError::Refused(refusal.into()));
    }
    let href = item.href(decision.verdict);
    let outcome = match decision.verdict {
        Verdict::Approve | Verdict::Restore => Outcome::Approved,
        Verdict::Changes => Outcome::ChangesRequested,
        Verdict::Suspend => Outcome::Suspended,
        Verdict::Reject => Outcome::Rejected,
    };
    let notify = decision_mails(
        db,
        item.audience(),
        &item.what(),
        outcome,
        decision.reason(),
        &decision.note,
        &href,
    )
    .await?;
    let audit = item.audited(
        Audit::new(
            user,
            format!("{}.{}", L::ACTION, item.action(decision.verdict, to)),
            L::KIND,
            item.id(),
            item.label(),
        )
        .reason(decision.reason())
        .note(&decision.note),
        to,
    );
    if !item.write(db, to, user, decision, &notify, &audit).await? {
        return Err(already_decided(db, L::KIND, item.id()).await);
    }
    Ok(Decided {
        href,
        status: L::status_word(to),
    })
}

/// A company waiting for approval, or one whose standing a moderator changes.
struct Company(company_store::Company);

impl Company {
    async fn load(db: &Db, id: i64) -> Result<Self, AppError> {
        let company = company_store::by_id(db, id).await?;
        Ok(Self(company.ok_or(AppError::NotFound)?))
    }
}

impl Listing for Company {
    type Status = company_store::Status;
    const KIND: &'static str = "company";
    const ACTION: &'static str = "company";

    fn id(&self) -> i64 {
        self.0.id
    }
    fn label(&self) -> &str {
        &self.0.name
    }
    fn target(&self, verdict: Verdict) -> Result<Self::Status, AppError> {
        use company_store::Status;
        Ok(match verdict {
            Verdict::Approve | Verdict::Restore => Status::Approved,
            Verdict::Reject | Verdict::Changes => Status::Rejected,
            Verdict::Suspend => Status::Suspended,
        })
    }
    fn status_word(status: Self::Status) -> &'static str {
        status.as_str()
    }
    fn href(&self, _: Verdict) -> String {
        format!("/companies/{}", self.0.slug)
    }
    fn what(&self) -> String {
        format!("your company {}", self.0.name)
    }
    fn audience(&self) -> Audience {
        Audience::Team(self.0.id)
    }
    fn audited(&self, audit: Audit, to: Self::Status) -> Audit {
        use company_store::Status;
        let company = &self.0;
        let audit = audit
            .change("status", company.status.as_str(), to.as_str())
            .waited_since(
                (company.status == Status::Pending)
                    .then_some(company.submitted_at.unwrap_or(company.created_at)),
            );
        if to == Status::Approved {
            audit
        } else {
            audit.snapshot(company_fields(company))
        }
    }
    async fn write(
        &self,
        db: &Db,
        to: Self::Status,
        user: &User,
        decision: &Decision,
        notify: &[Outgoing],
        audit: &Audit,
    ) -> Result<bool, AppError> {
        use company_store::Status;
        // Which standing each verdict may change: a restore only lifts a suspension, an approval may follow a
        // refusal, a refusal or request for changes answers only a pending company.
        let from: &[Status] = match decision.verdict {
            Verdict::Approve => &[Status::Pending, Status::Rejected],
            Verdict::Restore => &[Status::Suspended],
            Verdict::Reject | Verdict::Changes => &[Status::Pending],
            Verdict::Suspend => &[Status::Approved],
        };
        let change = company_store::Decision {
            to,
            reason: decision.reason(),
            note: &decision.note,
            by: Some(user.id),
            notify,
            audit: Some(audit),
        };
        Ok(company_store::decide(db, self.0.id, from, change).await?)
    }
}

/// Whether a verdict on a pending edit applies it: approved edits are, refused ones and those sent back are not;
/// an edit cannot be suspended or restored.
fn edit_applied(verdict: Verdict) -> Result<bool, AppError> {
    match verdict {
        Verdict::Approve => Ok(true),
        Verdict::Reject | Verdict::Changes => Ok(false),
        Verdict::Suspend | Verdict::Restore => Err(AppError::BadRequest),
    }
}

/// The pending edit of an approved company's name or description.
struct CompanyEdit {
    company: company_store::Company,
    revision: company_store::Revision,
}

impl CompanyEdit {
    async fn load(db: &Db, id: i64) -> Result<Self, AppError> {
        let Company(company) = Company::load(db, id).await?;
        let revision = company_store::revision(db, company.id).await?;
        match revision.filter(|r| r.status == "pending") {
            Some(revision) => Ok(Self { company, revision }),
            None => Err(already_decided(db, "company", company.id).await),
        }
    }
}

impl Listing for CompanyEdit {
    /// Whether the edit is applied.
    type Status = bool;
    const KIND: &'static str = "company";
    const ACTION: &'static str = "company-edit";

    fn id(&self) -> i64 {
        self.company.id
    }
    fn label(&self) -> &str {
        &self.company.name
    }
    fn target(&self, verdict: Verdict) -> Result<bool, AppError> {
        edit_applied(verdict)
    }
    fn status_word(applied: bool) -> &'static str {
        if applied { "approved" } else { "rejected" }
    }
    fn href(&self, verdict: Verdict) -> String {
        let slug = match verdict {
            Verdict::Approve => &self.revision.slug,
            _ => &self.company.slug,
        };
        format!("/companies/{slug}")
    }
    fn what(&self) -> String {
        format!("the changes to your company {}", self.company.name)
    }
    fn audience(&self) -> Audience {
        Audience::Team(self.company.id)
    }
    fn audited(&self, mut audit: Audit, _: bool) -> Audit {
        let (company, revision) = (&self.company, &self.revision);
        audit = audit.waited_since(Some(revision.submitted_at));
        for (field, before, after) in [
            ("name", &company.name, &revision.name),
            ("description", &company.description, &revision.description),
        ] {
            if before != after {
                audit = audit.change(field, before.as_str(), after.as_str());
            }
        }
        audit
    }
    async fn write(
        &self,
        db: &Db,
        applied: bool,
        _: &User,
        decision: &Decision,
        notify: &[Outgoing],
        audit: &Audit,
    ) -> Result<bool, AppError> {
        let id = self.company.id;
        if !applied {
            let reason = decision.reason().unwrap_or_default();
            return Ok(company_store::reject_revision(
                db,
                id,
                reason,
                &decision.note,
                notify,
                audit,
            )
            .await?);
        }
        match company_store::approve_revision(db, id, notify, audit).await {
            Ok(done) => Ok(done),
            Err(company_store::WriteError::NameTaken | company_store::WriteError::SlugTaken) => {
                Err(AppError::Refused(
                    "Another company now has this name or address, so the edit cannot be approved. \
                     Reject it as a duplicate or ask for changes."
                        .into(),
                ))
            }
            Err(company_store::WriteError::Db(error)) => Err(error.into()),
        }
    }
}

/// A job waiting for approval.
struct Job(job_store::Job);

impl Job {
    async fn load(db: &Db, id: i64) -> Result<Self, AppError> {
        let job = job_store::by_id(db, id).await?;
        Ok(Self(job.ok_or(AppError::NotFound)?))
    }
}

impl Listing for Job {
    type Status = job_store::Status;
    const KIND: &'static str = "job";
    const ACTION: &'static str = "job";

    fn id(&self) -> i64 {
        self.0.id
    }
    fn label(&self) -> &str {
        &self.0.posting.title
    }
    fn target(&self, verdict: Verdict) -> Result<Self::Status, AppError> {
        use job_store::Status;
        match verdict {
            Verdict::Approve => Ok(Status::Published),
            Verdict::Reject | Verdict::Changes => Ok(Status::Rejected),
            Verdict::Suspend | Verdict::Restore => Err(AppError::BadRequest),
        }
    }
    fn status_word(status: Self::Status) -> &'static str {
        status.as_str()
    }
    fn href(&self, _: Verdict) -> String {
        crate::address::job_href(self.0.id, &self.0.slug)
    }
    fn what(&self) -> String {
        format!("your job “{}”", self.0.posting.title)
    }
    fn audience(&self) -> Audience {
        Audience::Team(self.0.company_id)
    }
    fn audited(&self, audit: Audit, to: Self::Status) -> Audit {
        let job = &self.0;
        let audit = audit
            .change("status", job.status.as_str(), to.as_str())
            .waited_since(job.submitted_at.or(Some(job.updated_at)));
        if to == job_store::Status::Rejected {
            audit.snapshot(posting_fields(&job.posting))
        } else {
            audit
        }
    }
    async fn write(
        &self,
        db: &Db,
        to: Self::Status,
        user: &User,
        decision: &Decision,
        notify: &[Outgoing],
        audit: &Audit,
    ) -> Result<bool, AppError> {
        let change = job_store::Transition {
            to,
            reason: decision.reason(),
            note: &decision.note,
            by: Some(user.id),
            notify,
            audit: Some(audit),
        };
        Ok(job_store::transition(db, self.0.id, &[job_store::Status::Pending], change).await?)
    }
}

/// The pending edit of a published job.
struct JobEdit {
    job: job_store::Job,
    revision: job_store::Revision,
}

impl JobEdit {
    async fn load(db: &Db, id: i64) -> Result<Self, AppError> {
        let Job(job) = Job::load(db, id).await?;
        let revision = job_store::revision(db, job.id).await?;
        match revision.filter(|r| r.status == "pending") {
            Some(revision) => Ok(Self { job, revision }),
            None => Err(already_decided(db, "job", job.id).await),
        }
    }
}

impl Listing for JobEdit {
    /// Whether the edit is applied.
    type Status = bool;
    const KIND: &'static str = "job";
    const ACTION: &'static str = "job-edit";

    fn id(&self) -> i64 {
        self.job.id
    }
    fn label(&self) -> &str {
        &self.job.posting.title
    }
    fn target(&self, verdict: Verdict) -> Result<bool, AppError> {
        edit_applied(verdict)
    }
    fn status_word(applied: bool) -> &'static str {
        if applied { "published" } else { "rejected" }
    }
    fn href(&self, _: Verdict) -> String {
        crate::address::job_href(self.job.id, &self.job.slug)
    }
    fn what(&self) -> String {
        format!("the changes to your job “{}”", self.job.posting.title)
    }
    fn audience(&self) -> Audience {
        Audience::Team(self.job.company_id)
    }
    fn audited(&self, mut audit: Audit, _: bool) -> Audit {
        audit = audit.waited_since(Some(self.revision.submitted_at));
        for (field, before, after) in pair_fields(
            posting_fields(&self.job.posting),
            posting_fields(&self.revision.posting),
        ) {
            if before != after {
                audit = audit.change(&field.to_lowercase(), before, after);
            }
        }
        audit
    }
    async fn write(
        &self,
        db: &Db,
        applied: bool,
        _: &User,
        decision: &Decision,
        notify: &[Outgoing],
        audit: &Audit,
    ) -> Result<bool, AppError> {
        let id = self.job.id;
        Ok(if applied {
            job_store::approve_revision(db, id, notify, audit).await?
        } else {
            let reason = decision.reason().unwrap_or_default();
            job_store::reject_revision(db, id, reason, &decision.note, notify, audit).await?
        })
    }
}

/// A company's story submitted for publication.
struct Article(article_store::Article);

impl Article {
    async fn load(db: &Db, id: i64) -> Result<Self, AppError> {
        let article = article_store::by_id(db, id).await?;
        Ok(Self(article.ok_or(AppError::NotFound)?))
    }
}

impl Listing for Article {
    type Status = article_store::Status;
    const KIND: &'static str = "article";
    const ACTION: &'static str = "article";

    fn id(&self) -> i64 {
        self.0.id
    }
    fn label(&self) -> &str {
        &self.0.title
    }
    fn target(&self, verdict: Verdict) -> Result<Self::Status, AppError> {
        use article_store::Status;
        match verdict {
            Verdict::Approve => Ok(Status::Published),
            Verdict::Reject | Verdict::Changes => Ok(Status::Rejected),
            Verdict::Suspend | Verdict::Restore => Err(AppError::BadRequest),
        }
    }
    fn status_word(status: Self::Status) -> &'static str {
        status.as_str()
    }
    fn refusal(&self, to: Self::Status) -> Option<&'static str> {
        let article = &self.0;
        (to == article_store::Status::Published
            && article.kind == hubboard::article::Kind::Infographic
            && article.image_version.is_none())
        .then_some("An infographic needs its image before it can be published.")
    }
    fn href(&self, _: Verdict) -> String {
        format!("/news/{}", self.0.slug)
    }
    fn what(&self) -> String {
        format!("your story “{}”", self.0.title)
    }
    fn audience(&self) -> Audience {
        Audience::Writer(self.0.created_by)
    }
    fn action(&self, verdict: Verdict, to: Self::Status) -> &'static str {
        // An approved story is published: the log says so, as it does when an editor publishes one.
        if to == article_store::Status::Published {
            "publish"
        } else {
            verdict.as_str()
        }
    }
    fn audited(&self, audit: Audit, to: Self::Status) -> Audit {
        let article = &self.0;
        audit
            .change("status", article.status.as_str(), to.as_str())
            .waited_since(article.submitted_at.or(Some(article.updated_at)))
    }
    async fn write(
        &self,
        db: &Db,
        to: Self::Status,
        user: &User,
        decision: &Decision,
        notify: &[Outgoing],
        audit: &Audit,
    ) -> Result<bool, AppError> {
        use article_store::Status;
        let change = article_store::Transition {
            to,
            publish_at: (to == Status::Published).then(backend::db::now),
            reason: decision.reason(),
            note: &decision.note,
            decided_by: Some(user.id),
            notify,
            audit: Some(audit),
        };
        Ok(article_store::transition(db, self.0.id, &[Status::Submitted], change).await?)
    }
}

/// How long ago `at` was, in words.
pub(crate) fn ago(at: i64) -> String {
    let secs = (backend::db::now() - at).max(0);
    match secs {
        0..60 => "just now".to_owned(),
        60..3600 => plural(secs / 60, "minute"),
        3600..86_400 => plural(secs / 3600, "hour"),
        _ => plural(secs / 86_400, "day"),
    }
}

fn plural(n: i64, unit: &str) -> String {
    format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" })
}

/// A job posting's fields as people read them: label and value.
pub(crate) fn posting_fields(posting: &hubboard::job::JobPosting) -> Vec<(String, String)> {
    let workplace = match &posting.workplace {
        hubboard::job::Workplace::Remote(areas) => {
            format!("Remote, from {}", areas.areas().join(", "))
        }
        other => other.kind().label().to_owned(),
    };
    vec![
        ("Title".into(), posting.title.clone()),
        ("Description".into(), posting.description.clone()),
        ("Salary".into(), posting.salary.text()),
        (
            "Places".into(),
            posting
                .locations
                .iter()
                .map(|l| l.text())
                .collect::<Vec<_>>()
                .join("; "),
        ),
        ("Workplace".into(), workplace),
        (
            "Employment type".into(),
            posting.employment_type.label().to_owned(),
        ),
        ("Seniority".into(), posting.seniority.label().to_owned()),
        ("Sector".into(), posting.sector.name.to_owned()),
        ("Applications close".into(), posting.closes_on.long()),
        ("How to apply".into(), posting.apply.as_str().to_owned()),
    ]
}

/// Each field of `after` with its value in `before` (empty if it had none), matched by label.
pub(crate) fn pair_fields(
    before: Vec<(String, String)>,
    after: Vec<(String, String)>,
) -> Vec<(String, String, String)> {
    after
        .into_iter()
        .map(|(field, a)| {
            let b = before
                .iter()
                .find(|(label, _)| *label == field)
                .map(|(_, value)| value.clone())
                .unwrap_or_default();
            (field, b, a)
        })
        .collect()
}

/// A company profile's fields as people read them: label and value.
pub(crate) fn company_fields(company: &company_store::Company) -> Vec<(String, String)> {
    vec![
        ("Name".into(), company.name.clone()),
        ("Tagline".into(), company.tagline.clone()),
        ("Description".into(), company.description.clone()),
        ("Website".into(), company.website.clone()),
        ("Contact".into(), company.contact_email.clone()),
        (
            "Based in".into(),
            format!("{}, {}", company.city, company.country),
        ),
        ("Size".into(), company.size.clone()),
        (
            "Sectors".into(),
            company
                .sectors
                .iter()
                .map(|s| s.name)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ("What it does".into(), company.services.join("\n")),
        ("Benefits".into(), company.benefits.join("\n")),
        ("Offices".into(), company.offices.join("\n")),
    ]
}

/// What an audit action means, in words.
pub fn action_words(action: &str) -> String {
    let (kind, verb) = action.split_once('.').unwrap_or(("", action));
    let verb = match verb {
        "approve" => "approved",
        "reject" => "rejected",
        "changes" => "asked for changes",
        "suspend" => "suspended",
        "restore" => "restored",
        "publish" => "published",
        "unpublish" => "unpublished",
        "feature" => "featured",
        "unfeature" => "stopped featuring",
        "dismiss" => "dismissed the reports",
        "remove" => "took down after reports",
        "role" => "changed the role",
        "ban" => "refused the domain",
        "change" => "changed the setting",
        "unban" => "accepted the domain again",
        other => other,
    };
    match kind {
        "job-edit" | "company-edit" => format!("{verb} an edit"),
        _ => verb.to_owned(),
    }
}
