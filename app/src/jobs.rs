//! The jobs board: posting and managing jobs, moderation and featuring, search, job pages and saved jobs.

use hubboard::job::JobInput;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::address::job_href;
#[cfg(feature = "ssr")]
use crate::{
    backend::{
        self,
        companies::{self as company_store},
        db::now,
        jobs::{self as store, Status},
        moderation::Audit,
        settings::{self, Setting},
    },
    companies::{Access, logo_url},
    moderation::decide,
    policy::{self, Action},
};
use crate::{
    companies::{CompanyCard, EditState},
    error::AppError,
};
#[cfg(feature = "ssr")]
use hubboard::{
    DomainError, Sector,
    day::Day,
    job::{EmploymentType, MAX_OPEN_DAYS, SALARY_BANDS, WorkplaceKind, ld},
    moderation::{Decision, Queue},
};
#[cfg(feature = "ssr")]
use server_fn::ServerFn;

/// Jobs on one page of search results.
pub const PAGE_SIZE: u32 = 20;
/// Featured jobs in the sidebar box.
pub const FEATURED_IN_BOX: usize = 5;

impl JobsQuery {
    /// The query of a `/jobs` address, given its parameters by name (empty when absent).
    pub fn from_params(get: impl Fn(&str) -> String) -> Self {
        JobsQuery {
            q: get("q"),
            sector: get("sector"),
            kind: get("type"),
            workplace: get("workplace"),
            country: get("country"),
            salary: get("salary"),
            posted: get("posted"),
            sort: get("sort"),
            featured: get("featured"),
            page: get("page").parse().unwrap_or(1).max(1),
        }
    }
}

/// A job as one line of a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobCard {
    pub id: i64,
    /// `/jobs/{id}-{slug}`.
    pub href: String,
    pub title: String,
    pub company_name: String,
    pub company_slug: String,
    pub logo: Option<String>,
    /// The first place, and how many more.
    pub place: String,
    pub workplace: String,
    pub employment_type: String,
    pub salary: String,
    /// The day it was first published, for people.
    pub posted: Option<String>,
    pub closes: String,
    pub status: String,
    pub decision_reason: Option<String>,
    pub decision_note: String,
    /// For the team's list: a change waiting for review or refused.
    pub edit: Option<EditState>,
    pub featured: bool,
    /// How the job does: only in its team's list.
    pub stats: Option<JobStats>,
}

/// How a job does, which only its team and moderators may see.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobStats {
    pub views: i64,
    pub apply_clicks: i64,
}

/// What a search of the jobs board asks for, as in its URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobsQuery {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub sector: String,
    /// Employment type.
    #[serde(default, rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub workplace: String,
    #[serde(default)]
    pub country: String,
    /// A salary band key.
    #[serde(default)]
    pub salary: String,
    /// Posted within this many days.
    #[serde(default)]
    pub posted: String,
    /// `relevance`, `newest` or `salary`.
    #[serde(default)]
    pub sort: String,
    /// `1`: featured jobs only.
    #[serde(default)]
    pub featured: String,
    #[serde(default)]
    pub page: u32,
}

/// One choice of a facet with the number of jobs it would show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetChoice {
    pub value: String,
    pub label: String,
    pub count: i64,
}

/// A facet: its URL parameter, its heading and its choices.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetView {
    pub key: String,
    pub label: String,
    pub choices: Vec<FacetChoice>,
}

/// One page of search results with the facets beside them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobsResults {
    pub cards: Vec<JobCard>,
    pub total: i64,
    pub page: u32,
    pub pages: u32,
    pub facets: Vec<FacetView>,
}

/// A job page with what the viewer may do with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobDetail {
    pub id: i64,
    pub href: String,
    pub title: String,
    pub company: CompanyCard,
    /// Sanitised when saved; safe to insert as HTML.
    pub description_html: String,
    pub summary: String,
    pub places: Vec<String>,
    pub workplace: String,
    /// For remote jobs: where applicants may live.
    pub eligibility: Vec<String>,
    pub employment_type: String,
    pub seniority: String,
    pub sector_slug: String,
    pub sector_name: String,
    pub salary: String,
    pub posted: Option<String>,
    pub closes: String,
    /// `YYYY-MM-DD`, for the extend form.
    pub closes_iso: String,
    /// The latest closing date an extension may choose.
    pub latest_close_iso: String,
    /// Where the apply button points: a counting redirect on this site.
    pub apply_href: String,
    pub apply_by_email: bool,
    pub status: String,
    pub decision_reason: Option<String>,
    pub decision_note: String,
    /// For the team and moderators: a change waiting for review or refused.
    pub edit: Option<EditState>,
    pub featured_until: Option<String>,
    /// `JobPosting` data; only for open, public jobs.
    pub json_ld: Option<String>,
    pub page_url: String,
    pub similar: Vec<JobCard>,
    /// Whether the similar jobs share words of its title; if not, they are only the newest in its sector.
    pub similar_by_title: bool,
    pub can_edit: bool,
    pub can_moderate: bool,
    /// `None` when signed out.
    pub saved: Option<bool>,
    /// For the team and moderators only: never part of a visitor's page, visible or not.
    pub stats: Option<JobStats>,
}

/// The answer for a job address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum JobLookup {
    Found(Box<JobDetail>),
    /// The title changed: the canonical address.
    Moved(String),
}

/// A company's jobs, for its team.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyJobs {
    pub company_id: i64,
    pub company_slug: String,
    pub company_name: String,
    /// Only approved companies may post.
    pub can_post: bool,
    pub jobs: Vec<JobCard>,
}

#[cfg(feature = "ssr")]
impl From<&store::Revision> for EditState {
    fn from(r: &store::Revision) -> Self {
        EditState {
            status: r.status.clone(),
            reason: r.decision_reason.clone(),
            note: r.decision_note.clone(),
        }
    }
}

/// What the job edit form starts from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobEditData {
    /// The change waiting for review, if any: the form starts from it rather than from the public version.
    pub edit: Option<EditState>,
    pub id: i64,
    pub href: String,
    pub company_slug: String,
    pub company_name: String,
    pub status: String,
    pub input: JobInput,
}

/// A moderator's decision on a pending job.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct JobDecisionForm {
    pub job_id: i64,
    /// `approve`, `reject` or `changes`.
    pub decision: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub note: String,
}

/// A moderator's feature window, as dates.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct FeatureForm {
    pub job_id: i64,
    /// `feature` or `stop`.
    pub action: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub until: String,
}

/// A team's change to a published job.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ManageForm {
    pub job_id: i64,
    /// `fill`, `close`, `extend` or `submit`.
    pub action: String,
    /// The new closing date, for `extend`.
    #[serde(default)]
    pub closes_on: String,
}

/// Reads the id at the front of a job address segment such as `42-senior-writer`.
pub fn job_id_of(segment: &str) -> Option<i64> {
    let digits: String = segment.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// A readable status of a job.
pub fn status_label(status: &str) -> &'static str {
    match status {
        "draft" => "Draft",
        "pending" => "Waiting for review",
        "published" => "Open",
        "rejected" => "Not approved",
        "filled" => "Filled",
        "expired" => "Closed",
        "archived" => "Archived",
        _ => "Unknown",
    }
}

/// What a list shows of a stored job.
#[cfg(feature = "ssr")]
pub fn card(listing: store::Listing) -> JobCard {
    let place = match listing.locations.split_first() {
        Some((first, [])) => first.text(),
        Some((first, rest)) => format!("{} and {} more", first.text(), rest.len()),
        None => String::new(),
    };
    JobCard {
        id: listing.id,
        href: job_href(listing.id, &listing.slug),
        logo: listing
            .company_logo_version
            .map(|v| logo_url(listing.company_id, v, 128)),
        title: listing.title,
        company_name: listing.company_name,
        company_slug: listing.company_slug,
        place,
        workplace: listing.workplace.label().to_owned(),
        employment_type: listing.employment_type.label().to_owned(),
        salary: listing.salary.text(),
        posted: listing.published_at.map(|at| Day::from_unix(at).long()),
        closes: listing.closes_on.long(),
        status: listing.status.as_str().to_owned(),
        decision_reason: listing.decision_reason,
        decision_note: listing.decision_note,
        edit: None,
        featured: listing.featured,
        stats: None,
    }
}

#[cfg(feature = "ssr")]
fn today() -> Day {
    Day::from_unix(now())
}

/// The storage filter a query of the board asks for.
#[cfg(feature = "ssr")]
pub fn filter_of(query: &JobsQuery, at: i64) -> store::Filter {
    let country = query.country.trim();
    store::Filter {
        text: query.q.chars().take(200).collect(),
        sector: Sector::find(&query.sector),
        employment_type: EmploymentType::find(&query.kind),
        workplace: WorkplaceKind::find(&query.workplace),
        country: (!country.is_empty() && country.chars().count() <= 60).then(|| country.to_owned()),
        salary_band: SALARY_BANDS
            .iter()
            .find(|(key, ..)| *key == query.salary)
            .map(|(key, ..)| *key),
        posted_since: query
            .posted
            .parse::<i64>()
            .ok()
            .filter(|d| store::POSTED_WITHIN_DAYS.contains(d))
            .map(|days| at - days * 86_400),
        featured_at: (query.featured == "1").then_some(at),
        company_id: None,
    }
}

/// One page of open jobs for `query`, with facet counts.
#[server(endpoint = "jobs/search")]
pub async fn search_jobs(query: JobsQuery) -> Result<JobsResults, AppError> {
    let key = format!("{query:?}");
    let state = backend::state()?;
    let index = state.search.clone();
    // The jobs' version this request goes by: the index catches up with it before answering.
    let wanted = backend::cache::versions(&state.db).await?.jobs;
    let page = query.page.clamp(1, 10_000);
    let found = backend::cached(
        |c| &c.searches,
        key,
        move |db| async move { find(&db, &index, wanted, &query).await },
    )
    .await?;
    Ok(results(&found, page))
}

/// One page of open jobs for `query`, as found by the search index (or, until it is ready, the database).
#[cfg(feature = "ssr")]
async fn find(
    db: &backend::db::Db,
    index: &backend::search::SearchIndex,
    wanted: i64,
    query: &JobsQuery,
) -> Result<store::Found, AppError> {
    let db = db.clone();
    let at = now();
    let filter = filter_of(query, at);
    let sort = match query.sort.as_str() {
        "newest" => store::Sort::Newest,
        "salary" => store::Sort::Salary,
        _ => store::Sort::Relevance,
    };
    let page = query.page.clamp(1, 10_000);
    let offset = (page - 1) * PAGE_SIZE;
    let (listings, total, counts) = match index.version() {
        Some(held) => {
            filter.note_shown();
            if held < wanted {
                index.reach(&db, wanted).await;
            }
            let found = index
                .search(&filter, sort, PAGE_SIZE as usize, offset as usize, at)?
                .unwrap_or_default();
            let listings = store::open_in_order(&db, &found.ids).await?;
            (listings, found.total, found.facets)
        }
        // Until this instance's index is ready, the database's own full-text search answers.
        None => {
            let (listings, total) =
                store::search(&db, &filter, sort, i64::from(PAGE_SIZE), i64::from(offset)).await?;
            (listings, total, store::facets(&db, &filter, at).await?)
        }
    };
    Ok(store::Found {
        listings,
        total,
        facets: counts,
    })
}

/// Page `page` of a search's results as the page shows them, with every facet's choices and their counts.
#[cfg(feature = "ssr")]
fn results(found: &store::Found, page: u32) -> JobsResults {
    let counts = &found.facets;
    let facet = |key: &str, label: &str, choices: Vec<FacetChoice>| FacetView {
        key: key.to_owned(),
        label: label.to_owned(),
        choices,
    };
    // A fixed list of (value, label) choices, each with its count (zero when no job has it).
    let listed = |key: &str, label: &str, choices: Vec<(&str, &str)>, counted: &[(String, i64)]| {
        facet(
            key,
            label,
            choices
                .into_iter()
                .map(|(value, label)| FacetChoice {
                    value: value.to_owned(),
                    label: label.to_owned(),
                    count: counted
                        .iter()
                        .find(|(k, _)| k == value)
                        .map_or(0, |(_, n)| *n),
                })
                .collect(),
        )
    };
    let facets = vec![
        listed(
            "sector",
            "Sector",
            hubboard::SECTORS.iter().map(|s| (s.slug, s.name)).collect(),
            &counts.sector,
        ),
        listed(
            "type",
            "Employment type",
            EmploymentType::ALL
                .iter()
                .map(|t| (t.as_str(), t.label()))
                .collect(),
            &counts.employment_type,
        ),
        listed(
            "workplace",
            "Workplace",
            WorkplaceKind::ALL
                .iter()
                .map(|w| (w.as_str(), w.label()))
                .collect(),
            &counts.workplace,
        ),
        facet(
            "country",
            "Country",
            counts
                .country
                .iter()
                .map(|(country, n)| FacetChoice {
                    value: country.clone(),
                    label: country.clone(),
                    count: *n,
                })
                .collect(),
        ),
        listed(
            "salary",
            "Salary a year, in pounds at approximate exchange rates",
            SALARY_BANDS
                .iter()
                .map(|(key, label, ..)| (*key, *label))
                .collect(),
            &counts.salary_band,
        ),
        facet(
            "posted",
            "Posted within",
            counts
                .posted
                .iter()
                .map(|(days, n)| FacetChoice {
                    value: days.to_string(),
                    label: match days {
                        1 => "The last day".to_owned(),
                        d => format!("The last {d} days"),
                    },
                    count: *n,
                })
                .collect(),
        ),
    ];
    JobsResults {
        cards: found.listings.iter().cloned().map(card).collect(),
        total: found.total,
        page,
        pages: u32::try_from(found.total.max(0))
            .unwrap_or(u32::MAX)
            .div_ceil(PAGE_SIZE),
        facets,
    }
}

/// Up to five featured jobs for the sidebar, taking turns when there are more.
#[server(endpoint = "jobs/featured")]
pub async fn featured_jobs() -> Result<Vec<JobCard>, AppError> {
    let state = backend::state()?;
    Ok(state
        .featured
        .rotation(&state.db, FEATURED_IN_BOX)
        .await?
        .into_iter()
        .map(card)
        .collect())
}

/// The viewer's standing towards a job's company.
#[cfg(feature = "ssr")]
async fn access_to(job: &store::Job) -> Result<Access, AppError> {
    Access::of(job.company_id).await
}

/// An open job's schema.org `JobPosting` data, ready for its script element.
#[cfg(feature = "ssr")]
fn job_posting_json_ld(job: &store::Job, site: &str) -> String {
    let company_href = format!("{site}/companies/{}", job.company_slug);
    let logo_absolute = job
        .company_logo_version
        .map(|v| format!("{site}{}", logo_url(job.company_id, v, 256)));
    ld::JobPostingLd::new(
        &job.posting,
        &ld::Listing {
            id: job.id,
            site_name: "Hubboard",
            description_html: &job.description_html,
            posted_on: Day::from_unix(job.published_at.unwrap_or(job.created_at)),
            company_name: &job.company_name,
            company_website: &job.company_website,
            company_logo: logo_absolute.as_deref(),
            company_profile: &company_href,
        },
    )
    .to_script_json()
}

/// What anyone may see of job `id`, with the open jobs like it while it is published or closed.
#[cfg(feature = "ssr")]
async fn public_job(
    db: &backend::db::Db,
    index: &backend::search::SearchIndex,
    id: i64,
) -> Result<Option<store::PublicJob>, AppError> {
    let Some(mut public) = store::public(db, id).await? else {
        return Ok(None);
    };
    if public.job.status.is_closed() || public.job.status == Status::Published {
        (public.similar, public.similar_by_title) =
            backend::search::similar_open(db, index, &public.job, 5).await?;
    }
    Ok(Some(public))
}

/// A job page. Drafts, pending and rejected jobs are shown only to their company's team and to moderators.
#[server(endpoint = "jobs/detail")]
pub async fn job_page_data(segment: String) -> Result<JobLookup, AppError> {
    let id = job_id_of(&segment).ok_or(AppError::NotFound)?;
    let state = backend::state()?;
    let db = state.db.clone();
    let site = state.site_url.clone();
    let index = state.search.clone();
    let public = backend::cached(
        |c| &c.jobs,
        id,
        |db| async move {
            let mut public = public_job(&db, &index, id).await?;
            if let Some(public) = public.as_mut()
                && public.job.status == Status::Published
                && public.company_listed
            {
                public.json_ld = Some(job_posting_json_ld(&public.job, &site));
            }
            Ok(public)
        },
    )
    .await?;
    // Jobs the public cannot see (drafts, those in review or refused) change without moving the shared version,
    // so the cache may hold an old copy, or none from before the job existed: their team and moderators get it
    // from the database.
    let fresh;
    let public = match public.as_ref() {
        Some(public) if !public.job.status.is_unpublished() && public.company_listed => public,
        _ => {
            fresh = public_job(&db, &state.search, id)
                .await?
                .ok_or(AppError::NotFound)?;
            &fresh
        }
    };
    let job = &public.job;
    let access = access_to(job).await?;
    let insider = access.allows(Action::SeeUnlisted);
    let listed = public.company_listed;
    if (job.status.is_unpublished() || !listed) && !insider {
        return Err(AppError::NotFound);
    }
    let at = now();
    if job.status == Status::Archived
        && job
            .closed_at
            .is_some_and(|closed| at - closed > store::GONE_AFTER_SECS)
    {
        return Err(AppError::Gone);
    }
    let href = job_href(job.id, &job.slug);
    if segment != href.trim_start_matches("/jobs/") {
        return Ok(JobLookup::Moved(href));
    }
    if job.status == Status::Published && !insider {
        state.counters.view(job.id);
        if let (Some(response), Ok(id)) = (
            use_context::<leptos_axum::ResponseOptions>(),
            http::HeaderValue::from_str(&job.id.to_string()),
        ) {
            response.insert_header(
                http::HeaderName::from_static(backend::cache::COUNTED_VIEW_HEADER),
                id,
            );
        }
    }
    let site = state.site_url.clone();
    let json_ld = public.json_ld.clone();
    let saved = match &access.user {
        Some(user) => Some(store::is_saved(&db, user.id, job.id).await?),
        None => None,
    };
    let similar = public.similar.clone();
    let edit = if insider {
        store::revision(&db, job.id)
            .await?
            .as_ref()
            .map(EditState::from)
    } else {
        None
    };
    let posting = &job.posting;
    let (workplace, eligibility) = match &posting.workplace {
        hubboard::job::Workplace::Remote(areas) => ("Remote", areas.areas().to_vec()),
        other => (other.kind().label(), Vec::new()),
    };
    Ok(JobLookup::Found(Box::new(JobDetail {
        id: job.id,
        page_url: format!("{site}{href}"),
        href,
        title: posting.title.clone(),
        company: CompanyCard {
            slug: job.company_slug.clone(),
            name: job.company_name.clone(),
            tagline: String::new(),
            city: String::new(),
            country: String::new(),
            sectors: Vec::new(),
            verified: job.company_verified,
            logo: job
                .company_logo_version
                .map(|v| logo_url(job.company_id, v, 128)),
            status: String::new(),
            decision_reason: None,
            role: String::new(),
        },
        description_html: job.description_html.clone(),
        summary: public.summary.clone(),
        places: posting.locations.iter().map(|l| l.text()).collect(),
        workplace: workplace.to_owned(),
        eligibility,
        employment_type: posting.employment_type.label().to_owned(),
        seniority: posting.seniority.label().to_owned(),
        sector_slug: posting.sector.slug.to_owned(),
        sector_name: posting.sector.name.to_owned(),
        salary: posting.salary.text(),
        posted: job.published_at.map(|at| Day::from_unix(at).long()),
        closes: posting.closes_on.long(),
        closes_iso: posting.closes_on.iso(),
        latest_close_iso: today().plus(MAX_OPEN_DAYS).iso(),
        apply_href: format!("/jobs/{}/apply", job.id),
        apply_by_email: matches!(posting.apply, hubboard::job::ApplyTarget::Email(_)),
        status: job.status.as_str().to_owned(),
        decision_reason: job.decision_reason.clone(),
        decision_note: if insider {
            job.decision_note.clone()
        } else {
            String::new()
        },
        edit,
        featured_until: job
            .is_featured(at)
            .then(|| job.featured_until.map(|u| Day::from_unix(u - 1).long()))
            .flatten(),
        json_ld,
        similar: similar.into_iter().map(card).collect(),
        similar_by_title: public.similar_by_title,
        can_edit: access.allows(Action::WorkForCompany),
        can_moderate: access.allows(Action::Moderate),
        saved,
        stats: insider.then_some(JobStats {
            views: job.views,
            apply_clicks: job.apply_clicks,
        }),
    })))
}

/// A company's jobs for its team, with what they may do.
#[server(endpoint = "jobs/of-company")]
pub async fn jobs_of_company(slug: String) -> Result<CompanyJobs, AppError> {
    let db = backend::db()?;
    let company = company_store::by_slug(&db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    Access::of(company.id).await?.may(Action::WorkForCompany)?;
    let edits = store::revisions_of_company(&db, company.id).await?;
    Ok(CompanyJobs {
        company_id: company.id,
        company_slug: company.slug,
        company_name: company.name,
        can_post: company.status == company_store::Status::Approved,
        jobs: store::of_company(&db, company.id)
            .await?
            .into_iter()
            .map(|listing| {
                let stats = JobStats {
                    views: listing.views,
                    apply_clicks: listing.apply_clicks,
                };
                let mut card = card(listing);
                card.stats = Some(stats);
                card.edit = edits.iter().find(|(id, ..)| *id == card.id).map(
                    |(_, status, reason, note)| EditState {
                        status: status.clone(),
                        reason: reason.clone(),
                        note: note.clone(),
                    },
                );
                card
            })
            .collect(),
    })
}

/// A company's open jobs, for its public profile.
#[server(endpoint = "jobs/open-of-company")]
pub async fn open_jobs_of(company_id: i64) -> Result<Vec<JobCard>, AppError> {
    let jobs = backend::cached(
        |c| &c.open_jobs,
        company_id,
        |db| async move { Ok(store::open_of_company(&db, company_id, 50).await?) },
    )
    .await?;
    Ok(jobs.iter().cloned().map(card).collect())
}

/// The job as its team edits it.
#[server(endpoint = "jobs/edit-data")]
pub async fn job_for_edit(job_id: i64) -> Result<JobEditData, AppError> {
    let db = backend::db()?;
    let job = store::by_id(&db, job_id).await?.ok_or(AppError::NotFound)?;
    access_to(&job).await?.may(Action::WorkForCompany)?;
    if job.status == Status::Archived {
        return Err(AppError::Refused(
            "This job is archived and can no longer be changed.".into(),
        ));
    }
    let revision = store::revision(&db, job.id).await?;
    Ok(JobEditData {
        id: job.id,
        href: job_href(job.id, &job.slug),
        company_slug: job.company_slug.clone(),
        company_name: job.company_name.clone(),
        status: job.status.as_str().to_owned(),
        input: revision
            .as_ref()
            .map_or(&job.posting, |r| &r.posting)
            .to_input(),
        edit: revision.as_ref().map(EditState::from),
    })
}

#[cfg(feature = "ssr")]
async fn remember_job_form(path: &str, form: &JobInput, intent: &str) {
    let mut values: Vec<(String, String)> = vec![
        ("title".into(), form.title.clone()),
        ("description".into(), form.description.clone()),
        ("employment_type".into(), form.employment_type.clone()),
        ("seniority".into(), form.seniority.clone()),
        ("sector".into(), form.sector.clone()),
        ("workplace".into(), form.workplace.clone()),
        ("remote_eligibility".into(), form.remote_eligibility.clone()),
        ("salary_kind".into(), form.salary_kind.clone()),
        ("salary_min".into(), form.salary_min.clone()),
        ("salary_max".into(), form.salary_max.clone()),
        ("salary_currency".into(), form.salary_currency.clone()),
        ("salary_period".into(), form.salary_period.clone()),
        ("closes_on".into(), form.closes_on.clone()),
        ("apply".into(), form.apply.clone()),
        ("intent".into(), intent.to_owned()),
    ];
    for (i, place) in form.locations.iter().enumerate() {
        values.push((format!("locations.{i}.city"), place.city.clone()));
        values.push((format!("locations.{i}.region"), place.region.clone()));
        values.push((format!("locations.{i}.country"), place.country.clone()));
    }
    let refs: Vec<(&str, &str)> = values
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    backend::remember_form(path, &refs).await;
}

/// Sends a saved job on: to the moderators, or straight to the public when the site publishes verified
/// companies' jobs without review and moderators have not refused it before. Answers the new status.
#[cfg(feature = "ssr")]
async fn submit(db: &backend::db::Db, job: &store::Job, by: i64) -> Result<Status, AppError> {
    // A job moderators refused goes back to them, whoever its company is.
    let auto = job.status != Status::Rejected
        && job.company_verified
        && settings::is_on(db, Setting::AutoApproveVerifiedJobs).await?;
    let to = if auto {
        Status::Published
    } else {
        Status::Pending
    };
    if !store::transition(
        db,
        job.id,
        &[Status::Draft, Status::Rejected],
        store::Transition {
            to,
            by: Some(by),
            ..Default::default()
        },
    )
    .await?
    {
        return Err(AppError::Refused(
            "Only a draft or a rejected job can be submitted.".into(),
        ));
    }
    Ok(to)
}

/// Saves a new job of `company_id` as a draft; `intent` `submit` also sends it for review. A form sent again
/// (`once`, see `backend::once`) is answered as the first time and saves nothing new.
#[server(endpoint = "jobs/create")]
pub async fn create_job(
    company_id: i64,
    form: JobInput,
    intent: String,
    once: Option<String>,
) -> Result<(), AppError> {
    let result = async {
        let access = Access::of(company_id).await?;
        let user = access.may(Action::WorkForCompany)?.clone();
        let db = backend::db()?;
        backend::once::once(&db, user.id, once.as_deref(), || async {
            let company = company_store::by_id(&db, company_id)
                .await?
                .ok_or(AppError::NotFound)?;
            if company.status != company_store::Status::Approved {
                return Err(AppError::Refused(
                    "A company can post jobs once a moderator has approved it.".into(),
                ));
            }
            let posting = form.parse(today()).map_err(AppError::Invalid)?;
            backend::limit(&[(backend::rate_limit::JOBS_PER_ACCOUNT, &user.id.to_string())])
                .await?;
            let id = store::create(&db, company_id, &posting, Some(user.id)).await?;
            tracing::info!(user.id = user.id, job.id = id, "job drafted");
            let job = store::by_id(&db, id).await?.ok_or(AppError::Internal)?;
            let notice = if intent == "submit" {
                submit(&db, &job, user.id).await?;
                "job-submitted"
            } else {
                "job-drafted"
            };
            Ok(format!("{}?notice={notice}", job_href(id, &job.slug)))
        })
        .await
    }
    .await;
    match result {
        Ok(place) => {
            leptos_axum::redirect(&place);
            Ok(())
        }
        Err(error) => {
            remember_job_form(CreateJob::PATH, &form, &intent).await;
            Err(error)
        }
    }
}

/// Saves a team member's changes. A material change to a published job waits for review while the approved
/// version stays public.
#[server(endpoint = "jobs/update")]
pub async fn update_job(job_id: i64, form: JobInput, intent: String) -> Result<(), AppError> {
    let result = async {
        let db = backend::db()?;
        let job = store::by_id(&db, job_id).await?.ok_or(AppError::NotFound)?;
        let user = access_to(&job).await?.may(Action::WorkForCompany)?.clone();
        if job.status == Status::Archived || job.status.is_closed() {
            return Err(AppError::Refused(
                "A closed job can no longer be changed; extend it first to reopen it.".into(),
            ));
        }
        let posting = form.parse(today()).map_err(AppError::Invalid)?;
        let saved = store::update(&db, &job, &posting, Some(user.id)).await?;
        tracing::info!(user.id = user.id, job.id = job_id, "job updated");
        let job = store::by_id(&db, job_id).await?.ok_or(AppError::Internal)?;
        let notice = match saved {
            store::Saved::InReview => "job-edit-in-review",
            store::Saved::InPlace(Status::Draft | Status::Rejected) if intent == "submit" => {
                submit(&db, &job, user.id).await?;
                "job-submitted"
            }
            store::Saved::InPlace(_) => "job-saved",
        };
        Ok(format!("{}?notice={notice}", job_href(job.id, &job.slug)))
    }
    .await;
    match result {
        Ok(href) => {
            leptos_axum::redirect(&href);
            Ok(())
        }
        Err(error) => {
            remember_job_form(UpdateJob::PATH, &form, &intent).await;
            Err(error)
        }
    }
}

/// The team's actions on a job: submit a draft, mark it filled, close it now, or extend its closing date.
#[server(endpoint = "jobs/manage")]
pub async fn manage_job(form: ManageForm) -> Result<(), AppError> {
    let db = backend::db()?;
    let job = store::by_id(&db, form.job_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let user = access_to(&job).await?.may(Action::WorkForCompany)?.clone();
    let done = match form.action.as_str() {
        "submit" => {
            submit(&db, &job, user.id).await?;
            "job-submitted"
        }
        "fill" => {
            if !store::transition(
                &db,
                job.id,
                &[Status::Published],
                store::Transition {
                    to: Status::Filled,
                    by: Some(user.id),
                    ..Default::default()
                },
            )
            .await?
            {
                return Err(AppError::Refused(
                    "Only an open job can be marked as filled.".into(),
                ));
            }
            "job-filled"
        }
        "close" => {
            if !store::close_now(&db, job.id, today()).await? {
                return Err(AppError::Refused("Only an open job can be closed.".into()));
            }
            "job-closed"
        }
        "extend" => {
            let closes_on = match hubboard::job::parse_closing_date(&form.closes_on, today()) {
                Ok(day) => day,
                Err(error) => {
                    backend::remember_form(ManageJob::PATH, &[("closes_on", &form.closes_on)])
                        .await;
                    return Err(error.into());
                }
            };
            if !store::extend(&db, job.id, closes_on).await? {
                return Err(AppError::Refused(
                    "Only an open or recently closed job can be extended.".into(),
                ));
            }
            "job-extended"
        }
        _ => return Err(AppError::BadRequest),
    };
    tracing::info!(
        user.id = user.id,
        job.id = job.id,
        action = form.action,
        "job managed"
    );
    leptos_axum::redirect(&format!("{}?notice={done}", job_href(job.id, &job.slug)));
    Ok(())
}

/// Approves, rejects (with a reason) or asks for changes to a pending job, from its page. Moderators only.
#[server(endpoint = "jobs/decide")]
pub async fn decide_job(form: JobDecisionForm) -> Result<(), AppError> {
    let user = policy::signed_in_for(Action::Moderate).await?;
    let decision = Decision::parse(&form.decision, &form.reason, &form.note)?;
    let decided = decide::item(&user, Queue::Jobs, form.job_id, &decision).await?;
    tracing::info!(
        user.id = user.id,
        job.id = form.job_id,
        decision = decided.status,
        "job decided"
    );
    leptos_axum::redirect(&format!("{}?notice=job-{}", decided.href, decided.status));
    Ok(())
}

/// Features an open job between two dates, or stops featuring it. Moderators only.
#[server(endpoint = "jobs/feature")]
pub async fn feature_job(form: FeatureForm) -> Result<(), AppError> {
    let user = policy::signed_in_for(Action::Edit).await?;
    let db = backend::db()?;
    let job = store::by_id(&db, form.job_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let window = match form.action.as_str() {
        "stop" => None,
        "feature" => {
            let remember = || async {
                backend::remember_form(
                    FeatureJob::PATH,
                    &[("from", &form.from), ("until", &form.until)],
                )
                .await;
            };
            let from = match Day::parse_iso(&form.from) {
                Some(day) => day,
                None => {
                    remember().await;
                    return Err(DomainError::new(
                        "from",
                        "Enter the first day, such as 2027-01-04.",
                    )
                    .into());
                }
            };
            let until = match Day::parse_iso(&form.until) {
                Some(day) if day >= from && day <= from.plus(90) => day,
                Some(_) => {
                    remember().await;
                    return Err(DomainError::new(
                        "until",
                        "The last day must be on or after the first, and at most 90 days later.",
                    )
                    .into());
                }
                None => {
                    remember().await;
                    return Err(DomainError::new(
                        "until",
                        "Enter the last day, such as 2027-01-31.",
                    )
                    .into());
                }
            };
            Some((from.start_unix(), until.end_unix() + 1))
        }
        _ => return Err(AppError::BadRequest),
    };
    let audit = match window {
        Some((from, until)) => Audit::new(&user, "job.feature", "job", job.id, &job.posting.title)
            .change(
                "featured",
                "",
                format!(
                    "{} to {}",
                    Day::from_unix(from).iso(),
                    Day::from_unix(until - 1).iso()
                ),
            ),
        None => Audit::new(&user, "job.unfeature", "job", job.id, &job.posting.title),
    };
    if !store::set_featured(&db, job.id, window, &audit).await? {
        return Err(AppError::Refused(
            "Only an open job can be featured.".into(),
        ));
    }
    tracing::info!(
        user.id = user.id,
        job.id = job.id,
        featured = window.is_some(),
        "job feature changed"
    );
    let notice = if window.is_some() {
        "job-featured"
    } else {
        "job-unfeatured"
    };
    leptos_axum::redirect(&format!("{}?notice={notice}", job_href(job.id, &job.slug)));
    Ok(())
}

/// Saves a job to the signed-in seeker's list, or takes it off.
#[server(endpoint = "jobs/save")]
pub async fn save_job(job_id: i64, save: bool) -> Result<bool, AppError> {
    let user = backend::require_user().await?;
    let db = backend::db()?;
    let slug = store::public_slug(&db, job_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if save {
        store::save(&db, user.id, job_id).await?;
    } else {
        store::unsave(&db, user.id, job_id).await?;
    }
    if backend::is_plain_form_post() {
        let notice = if save {
            "job-saved-to-list"
        } else {
            "job-removed-from-list"
        };
        leptos_axum::redirect(&format!("{}?notice={notice}", job_href(job_id, &slug)));
    }
    Ok(save)
}

/// The signed-in seeker's saved jobs.
#[server(endpoint = "jobs/saved")]
pub async fn saved_jobs() -> Result<Vec<JobCard>, AppError> {
    let user = backend::require_user().await?;
    let db = backend::db()?;
    Ok(store::saved_of(&db, user.id)
        .await?
        .into_iter()
        .map(card)
        .collect())
}
