//! What a moderator reads of one item before deciding: its facts, its text and, for an edit or a listing sent
//! again, what changed. One function a kind of item, each reading only what its page shows.

use hubboard::moderation::Queue;

use super::decide::{ago, company_fields, pair_fields, posting_fields};
use super::{FieldDiff, diff_parts};
use crate::backend::{
    articles as article_store, companies as company_store, db::Db, jobs as job_store,
    moderation as store,
};
use crate::error::AppError;

/// The part of a review that depends on the item.
pub(super) struct Shown {
    pub kind: &'static str,
    pub title: String,
    pub href: String,
    pub status: String,
    pub open: bool,
    pub submitted: String,
    pub facts: Vec<(String, String)>,
    pub body_html: String,
    pub diff: Vec<FieldDiff>,
}

/// Item `id` of `queue` as its review page shows it; not found when the queue has no such item.
pub(super) async fn shown(db: &Db, queue: Queue, id: i64) -> Result<Shown, AppError> {
    match queue {
        Queue::Companies => company(db, id).await,
        Queue::CompanyEdits => company_edit(db, id).await,
        Queue::Jobs => job(db, id).await,
        Queue::JobEdits => job_edit(db, id).await,
        Queue::Articles => article(db, id).await,
        Queue::Reports => Err(AppError::NotFound),
    }
}

/// The status line of an edit.
fn edit_status(status: &str) -> String {
    if status == "pending" {
        "Edit waiting for review".into()
    } else {
        "Edit not approved".into()
    }
}

/// What changed since the moderators last saw the listing, for a listing sent again.
async fn since_last_seen(
    db: &Db,
    kind: &str,
    id: i64,
    now: Vec<(String, String)>,
) -> Result<Vec<FieldDiff>, AppError> {
    Ok(match store::last_snapshot(db, kind, id).await? {
        Some(before) => field_diffs(&pair_fields(before, now)),
        None => Vec::new(),
    })
}

async fn company_by_id(db: &Db, id: i64) -> Result<company_store::Company, AppError> {
    company_store::by_id(db, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// The approved or waiting profile, as it stands.
fn company_shown(company: &company_store::Company) -> Shown {
    Shown {
        kind: "company",
        title: company.name.clone(),
        href: format!("/companies/{}", company.slug),
        status: crate::companies::status_label(company.status.as_str()).to_owned(),
        open: company.status == company_store::Status::Pending,
        submitted: ago(company.submitted_at.unwrap_or(company.created_at)),
        // What the public reads on the profile, but its name and text, which the page shows on their own.
        facts: company_fields(company)
            .into_iter()
            .filter(|(k, _)| k != "Name" && k != "Description")
            .chain(std::iter::once((
                "Verified domain".to_owned(),
                company
                    .verified_domain
                    .clone()
                    .unwrap_or_else(|| "none".into()),
            )))
            .collect(),
        body_html: company.description_html.clone(),
        diff: Vec::new(),
    }
}

async fn company(db: &Db, id: i64) -> Result<Shown, AppError> {
    let company = company_by_id(db, id).await?;
    let mut shown = company_shown(&company);
    if shown.open {
        shown.diff = since_last_seen(db, "company", id, company_fields(&company)).await?;
    }
    Ok(shown)
}

async fn company_edit(db: &Db, id: i64) -> Result<Shown, AppError> {
    let company = company_by_id(db, id).await?;
    let revision = company_store::revision(db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Shown {
        title: revision.name.clone(),
        open: revision.status == "pending",
        submitted: ago(revision.submitted_at),
        body_html: hubboard::markdown::to_safe_html(&revision.description),
        status: edit_status(&revision.status),
        diff: field_diffs(&[
            ("Name".into(), company.name.clone(), revision.name),
            ("Address".into(), company.slug.clone(), revision.slug),
            (
                "Description".into(),
                company.description.clone(),
                revision.description,
            ),
        ]),
        ..company_shown(&company)
    })
}

/// A job's facts as the public would see them, with its company first.
fn job_facts(company_name: &str, fields: &[(String, String)]) -> Vec<(String, String)> {
    std::iter::once(("Company".to_owned(), company_name.to_owned()))
        .chain(
            fields
                .iter()
                .filter(|(k, _)| k != "Description" && k != "Title")
                .cloned(),
        )
        .collect()
}

async fn job_by_id(db: &Db, id: i64) -> Result<job_store::Job, AppError> {
    job_store::by_id(db, id).await?.ok_or(AppError::NotFound)
}

/// The published or waiting job, as it stands.
fn job_shown(job: &job_store::Job, fields: &[(String, String)]) -> Shown {
    Shown {
        kind: "job",
        title: job.posting.title.clone(),
        href: crate::address::job_href(job.id, &job.slug),
        status: crate::jobs::status_label(job.status.as_str()).to_owned(),
        open: job.status == job_store::Status::Pending,
        submitted: ago(job.submitted_at.unwrap_or(job.updated_at)),
        facts: job_facts(&job.company_name, fields),
        body_html: job.description_html.clone(),
        diff: Vec::new(),
    }
}

async fn job(db: &Db, id: i64) -> Result<Shown, AppError> {
    let job = job_by_id(db, id).await?;
    let fields = posting_fields(&job.posting);
    let mut shown = job_shown(&job, &fields);
    if shown.open {
        shown.diff = since_last_seen(db, "job", id, fields).await?;
    }
    Ok(shown)
}

async fn job_edit(db: &Db, id: i64) -> Result<Shown, AppError> {
    let job = job_by_id(db, id).await?;
    let revision = job_store::revision(db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let live = posting_fields(&job.posting);
    let edited = posting_fields(&revision.posting);
    Ok(Shown {
        title: revision.posting.title.clone(),
        open: revision.status == "pending",
        submitted: ago(revision.submitted_at),
        facts: job_facts(&job.company_name, &edited),
        body_html: hubboard::markdown::to_safe_html(&revision.posting.description),
        status: edit_status(&revision.status),
        diff: field_diffs(&pair_fields(live.clone(), edited)),
        ..job_shown(&job, &live)
    })
}

async fn article(db: &Db, id: i64) -> Result<Shown, AppError> {
    let article = article_store::by_id(db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let company = match article.submitted_for {
        Some(company) => company_store::by_id(db, company).await?.map(|c| c.name),
        None => None,
    };
    Ok(Shown {
        kind: "article",
        title: article.title,
        href: format!("/news/{}", article.slug),
        status: article.status.as_str().to_owned(),
        open: article.status == article_store::Status::Submitted,
        submitted: ago(article.submitted_at.unwrap_or(article.updated_at)),
        facts: vec![
            ("Kind".to_owned(), article.kind.label().to_owned()),
            ("Standfirst".to_owned(), article.standfirst),
            ("Author".to_owned(), article.author_name),
            (
                "For".to_owned(),
                company.unwrap_or_else(|| "the site".into()),
            ),
            (
                "Categories".to_owned(),
                article
                    .categories
                    .iter()
                    .map(|s| s.name)
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            (
                "Tags".to_owned(),
                article
                    .tags
                    .iter()
                    .map(|t| t.name.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            ("Source".to_owned(), article.source_url.unwrap_or_default()),
        ],
        body_html: article.body_html,
        diff: Vec::new(),
    })
}

/// The fields of an edit that differ, each with its word-by-word parts.
fn field_diffs(fields: &[(String, String, String)]) -> Vec<FieldDiff> {
    fields
        .iter()
        .filter(|(_, before, after)| before != after)
        .map(|(field, before, after)| FieldDiff {
            field: field.clone(),
            before: before.clone(),
            after: after.clone(),
            parts: diff_parts(before, after),
        })
        .collect()
}
