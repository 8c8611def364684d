//! Storage of the jobs board: postings and their places, the lifecycle, search with facets, featured jobs,
//! saved jobs and the counters companies see.

use hubboard::rates::Rates;
use hubboard::{
    Email, Sector,
    company::WebUrl,
    day::Day,
    job::{
        ApplyTarget, Currency, Eligibility, EmploymentType, JobLocation, JobPosting, Salary,
        SalaryPeriod, Seniority, Workplace, WorkplaceKind, salary_band, title_slug,
    },
    markdown,
};
use sqlx::{Any, AnyConnection, FromRow, Row, Transaction, any::AnyRow};

use super::moderation::Consequences;
use super::{
    cache::{Topic, shows},
    db::{Backend, Db, now},
    settings::{self, Setting},
};

/// Where a job is in its life.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Saved by the company, seen by nobody else.
    #[default]
    Draft,
    /// Submitted, waiting for a moderator.
    Pending,
    /// Open for applications and public.
    Published,
    /// Refused by a moderator, with a reason; the company may change it and submit again.
    Rejected,
    /// The company found someone.
    Filled,
    /// The closing date passed, or the company closed it early.
    Expired,
    /// Long closed: kept for its address, then gone.
    Archived,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Pending => "pending",
            Status::Published => "published",
            Status::Rejected => "rejected",
            Status::Filled => "filled",
            Status::Expired => "expired",
            Status::Archived => "archived",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, sqlx::Error> {
        Ok(match raw {
            "draft" => Status::Draft,
            "pending" => Status::Pending,
            "published" => Status::Published,
            "rejected" => Status::Rejected,
            "filled" => Status::Filled,
            "expired" => Status::Expired,
            "archived" => Status::Archived,
            other => {
                return Err(sqlx::Error::Decode(
                    format!("unknown job status {other}").into(),
                ));
            }
        })
    }

    /// Closed to applications, though the page may still be shown.
    pub fn is_closed(self) -> bool {
        matches!(self, Status::Filled | Status::Expired | Status::Archived)
    }

    /// Not yet seen by the public: only the company and moderators may look.
    pub fn is_unpublished(self) -> bool {
        matches!(self, Status::Draft | Status::Pending | Status::Rejected)
    }
}

/// Closed jobs become archived this long after closing.
pub const ARCHIVE_AFTER_SECS: i64 = 30 * 86_400;
/// Archived jobs answer 410 Gone once they closed this long ago.
pub const GONE_AFTER_SECS: i64 = 180 * 86_400;

/// A job as stored.
#[derive(Clone, Debug)]
pub struct Job {
    pub id: i64,
    pub company_id: i64,
    pub company_slug: String,
    pub company_name: String,
    pub company_website: String,
    pub company_logo_version: Option<i64>,
    pub company_verified: bool,
    pub slug: String,
    pub posting: JobPosting,
    pub description_html: String,
    pub status: Status,
    pub decision_reason: Option<String>,
    pub decision_note: String,
    /// When the job last went to the moderators.
    pub submitted_at: Option<i64>,
    pub published_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub featured_from: Option<i64>,
    pub featured_until: Option<i64>,
    pub views: i64,
    pub apply_clicks: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

impl Job {
    /// Featured at `at`.
    pub fn is_featured(&self, at: i64) -> bool {
        matches!((self.featured_from, self.featured_until), (Some(from), Some(until)) if from <= at && at < until)
    }
}

/// What a list shows of a job.
#[derive(Clone, Debug)]
pub struct Listing {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub company_name: String,
    pub company_slug: String,
    pub company_id: i64,
    pub company_logo_version: Option<i64>,
    pub locations: Vec<JobLocation>,
    pub workplace: WorkplaceKind,
    pub employment_type: EmploymentType,
    pub sector: Sector,
    pub salary: Salary,
    pub published_at: Option<i64>,
    pub closes_on: Day,
    pub status: Status,
    pub decision_reason: Option<String>,
    pub decision_note: String,
    pub featured: bool,
    pub views: i64,
    pub apply_clicks: i64,
}

const JOB_COLUMNS: &str = "j.id, j.company_id, j.slug, j.title, j.description, j.description_html, j.company_name, \
    j.employment_type, j.seniority, j.sector, j.workplace, j.remote_eligibility, j.salary_kind, j.salary_min, \
    j.salary_max, j.salary_currency, j.salary_period, j.closes_on, j.apply, j.status, j.decision_reason, \
    j.decision_note, j.submitted_at, j.published_at, j.closed_at, j.featured_from, j.featured_until, j.views, j.apply_clicks, j.created_at, \
    j.updated_at, c.slug as company_slug, c.website as company_website, c.logo_version as company_logo_version, \
    c.verified_domain as company_verified_domain";

const LISTING_COLUMNS: &str = "j.id, j.slug, j.title, j.company_name, j.company_id, j.workplace, j.employment_type, j.sector, \
    j.salary_kind, j.salary_min, j.salary_max, j.salary_currency, j.salary_period, j.published_at, j.closes_on, \
    j.status, j.decision_reason, j.decision_note, j.featured_from, j.featured_until, j.views, j.apply_clicks, \
    c.slug as company_slug, c.logo_version as company_logo_version";

fn decode<T>(what: &str, value: Option<T>) -> Result<T, sqlx::Error> {
    value.ok_or_else(|| sqlx::Error::Decode(format!("stored job has an invalid {what}").into()))
}

impl TryFrom<String> for Status {
    type Error = sqlx::Error;

    fn try_from(raw: String) -> Result<Self, sqlx::Error> {
        Status::parse(&raw)
    }
}

/// The salary columns of `jobs` and `job_revisions`.
#[derive(sqlx::FromRow)]
struct SalaryColumns {
    salary_kind: String,
    salary_min: Option<i64>,
    salary_max: Option<i64>,
    salary_currency: Option<String>,
    salary_period: Option<String>,
}

impl SalaryColumns {
    fn salary(self) -> Result<Salary, sqlx::Error> {
        if self.salary_kind == "hidden" {
            return Ok(Salary::NotDisclosed);
        }
        let currency = decode(
            "currency",
            Currency::find(self.salary_currency.as_deref().unwrap_or_default()),
        )?;
        let period = decode(
            "salary period",
            SalaryPeriod::find(self.salary_period.as_deref().unwrap_or_default()),
        )?;
        match (self.salary_kind.as_str(), self.salary_min, self.salary_max) {
            ("range", Some(min), Some(max)) => Ok(Salary::Range {
                min,
                max,
                currency,
                period,
            }),
            ("fixed", Some(amount), _) => Ok(Salary::Fixed {
                amount,
                currency,
                period,
            }),
            _ => decode("salary", None),
        }
    }
}

/// The posting columns of `jobs` and `job_revisions`, which share them.
#[derive(sqlx::FromRow)]
struct PostingColumns {
    title: String,
    description: String,
    employment_type: String,
    seniority: String,
    sector: String,
    workplace: String,
    remote_eligibility: String,
    #[sqlx(flatten)]
    salary: SalaryColumns,
    closes_on: i64,
    apply: String,
}

impl PostingColumns {
    fn posting(self, locations: Vec<JobLocation>) -> Result<JobPosting, sqlx::Error> {
        let workplace = match self.workplace.as_str() {
            "on-site" => Workplace::OnSite,
            "hybrid" => Workplace::Hybrid,
            _ => Workplace::Remote(decode(
                "remote eligibility",
                Eligibility::new(self.remote_eligibility.lines().map(str::to_owned).collect()),
            )?),
        };
        let apply = if self.apply.contains("://") {
            ApplyTarget::Url(decode(
                "apply link",
                WebUrl::parse("apply", &self.apply).ok(),
            )?)
        } else {
            ApplyTarget::Email(decode("apply address", Email::parse(&self.apply).ok())?)
        };
        Ok(JobPosting {
            title: self.title,
            description: self.description,
            employment_type: decode(
                "employment type",
                EmploymentType::find(&self.employment_type),
            )?,
            seniority: decode("seniority", Seniority::find(&self.seniority))?,
            sector: decode("sector", Sector::find(&self.sector))?,
            locations,
            workplace,
            salary: self.salary.salary()?,
            closes_on: Day(self.closes_on),
            apply,
        })
    }
}

/// A job read with [`JOB_COLUMNS`].
#[derive(sqlx::FromRow)]
struct JobRow {
    id: i64,
    company_id: i64,
    company_slug: String,
    company_name: String,
    company_website: String,
    company_logo_version: Option<i64>,
    company_verified_domain: Option<String>,
    slug: String,
    #[sqlx(flatten)]
    posting: PostingColumns,
    description_html: String,
    #[sqlx(try_from = "String")]
    status: Status,
    decision_reason: Option<String>,
    decision_note: String,
    submitted_at: Option<i64>,
    published_at: Option<i64>,
    closed_at: Option<i64>,
    featured_from: Option<i64>,
    featured_until: Option<i64>,
    views: i64,
    apply_clicks: i64,
    created_at: i64,
    updated_at: i64,
}

impl JobRow {
    fn job(self, locations: Vec<JobLocation>) -> Result<Job, sqlx::Error> {
        Ok(Job {
            id: self.id,
            company_id: self.company_id,
            company_slug: self.company_slug,
            company_name: self.company_name,
            company_website: self.company_website,
            company_logo_version: self.company_logo_version,
            company_verified: self.company_verified_domain.is_some(),
            slug: self.slug,
            posting: self.posting.posting(locations)?,
            description_html: self.description_html,
            status: self.status,
            decision_reason: self.decision_reason,
            decision_note: self.decision_note,
            submitted_at: self.submitted_at,
            published_at: self.published_at,
            closed_at: self.closed_at,
            featured_from: self.featured_from,
            featured_until: self.featured_until,
            views: self.views,
            apply_clicks: self.apply_clicks,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

/// A place of a job, in `job_locations`.
#[derive(sqlx::FromRow)]
struct LocationRow {
    job_id: i64,
    city: String,
    region: String,
    country: String,
}

/// The places of each job in `ids`, in the order the company gave them.
async fn locations_of(db: &Db, ids: &[i64]) -> Result<Vec<(i64, JobLocation)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "select job_id, city, region, country from job_locations where job_id in ({}) order by job_id, position",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_as::<_, LocationRow>(&sql);
    for id in ids {
        query = query.bind(*id);
    }
    Ok(query
        .fetch_all(db.read())
        .await?
        .into_iter()
        .map(|row| {
            (
                row.job_id,
                JobLocation {
                    city: row.city,
                    region: row.region,
                    country: row.country,
                },
            )
        })
        .collect())
}

/// The job with this id, whatever its status.
pub async fn by_id(db: &Db, id: i64) -> Result<Option<Job>, sqlx::Error> {
    shows([Topic::Job(id)]);
    let Some(row) = sqlx::query_as::<_, JobRow>(&format!(
        "select {JOB_COLUMNS} from jobs j join companies c on c.id = j.company_id where j.id = $1"
    ))
    .bind(id)
    .fetch_optional(db.read())
    .await?
    else {
        return Ok(None);
    };
    let locations = locations_of(db, &[id])
        .await?
        .into_iter()
        .map(|(_, l)| l)
        .collect();
    let job = row.job(locations)?;
    shows([Topic::CompanyCard(job.company_id)]);
    Ok(Some(job))
}

/// What anyone may be shown of a job, whoever asks: the job, whether its company is listed, and similar jobs.
#[derive(Clone, Debug)]
pub struct PublicJob {
    pub job: Job,
    pub company_listed: bool,
    /// Up to five open jobs like it, for published and closed jobs: filled in by the caller, which has the search
    /// index (see `search::similar_open`).
    pub similar: Vec<Listing>,
    /// Whether [`PublicJob::similar`] share words of its title, rather than only its sector.
    pub similar_by_title: bool,
    /// The start of the description as plain text, for the page's description.
    pub summary: String,
    /// The page's schema.org `JobPosting` data while the job is open; the page's loader fills it in, since it
    /// needs the site's address.
    pub json_ld: Option<String>,
}

/// The job `id` with what its page shows beside it, or `None` if there is no such job.
pub async fn public(db: &Db, id: i64) -> Result<Option<PublicJob>, sqlx::Error> {
    let Some(job) = by_id(db, id).await? else {
        return Ok(None);
    };
    let company_listed = super::companies::is_approved(db, job.company_id).await?;
    Ok(Some(PublicJob {
        summary: hubboard::markdown::summary(&job.posting.description, 160),
        json_ld: None,
        job,
        company_listed,
        similar: Vec::new(),
        similar_by_title: false,
    }))
}

/// A job read with [`LISTING_COLUMNS`].
#[derive(sqlx::FromRow)]
struct ListingRow {
    id: i64,
    slug: String,
    title: String,
    company_name: String,
    company_slug: String,
    company_id: i64,
    company_logo_version: Option<i64>,
    workplace: String,
    employment_type: String,
    sector: String,
    #[sqlx(flatten)]
    salary: SalaryColumns,
    published_at: Option<i64>,
    closes_on: i64,
    #[sqlx(try_from = "String")]
    status: Status,
    decision_reason: Option<String>,
    decision_note: String,
    featured_from: Option<i64>,
    featured_until: Option<i64>,
    views: i64,
    apply_clicks: i64,
}

/// The listings of `rows`, noting that the answer shows each job and its company's card.
async fn listings(db: &Db, rows: Vec<ListingRow>) -> Result<Vec<Listing>, sqlx::Error> {
    let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
    for row in &rows {
        shows([Topic::Job(row.id), Topic::CompanyCard(row.company_id)]);
    }
    let places = locations_of(db, &ids).await?;
    let at = now();
    rows.into_iter()
        .map(|row| {
            Ok(Listing {
                id: row.id,
                locations: places
                    .iter()
                    .filter(|(job, _)| *job == row.id)
                    .map(|(_, l)| l.clone())
                    .collect(),
                workplace: decode("workplace", WorkplaceKind::find(&row.workplace))?,
                employment_type: decode(
                    "employment type",
                    EmploymentType::find(&row.employment_type),
                )?,
                sector: decode("sector", Sector::find(&row.sector))?,
                salary: row.salary.salary()?,
                featured: matches!((row.featured_from, row.featured_until), (Some(f), Some(u)) if f <= at && at < u),
                slug: row.slug,
                title: row.title,
                company_name: row.company_name,
                company_slug: row.company_slug,
                company_id: row.company_id,
                company_logo_version: row.company_logo_version,
                published_at: row.published_at,
                closes_on: Day(row.closes_on),
                status: row.status,
                decision_reason: row.decision_reason,
                decision_note: row.decision_note,
                views: row.views,
                apply_clicks: row.apply_clicks,
            })
        })
        .collect()
}

/// The columns a posting writes, in the order [`bind_posting`] binds them from `$1`.
const POSTING_COLUMNS: [&str; 19] = [
    "title",
    "slug",
    "description",
    "description_html",
    "description_text",
    "employment_type",
    "seniority",
    "sector",
    "workplace",
    "remote_eligibility",
    "salary_kind",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "salary_yearly",
    "salary_band",
    "closes_on",
    "apply",
];

fn bind_posting<'q>(
    mut query: sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>,
    posting: &JobPosting,
    rates: &Rates,
) -> sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>> {
    let (kind, min, max, currency, period) = match &posting.salary {
        Salary::NotDisclosed => ("hidden", None, None, None, None),
        Salary::Range {
            min,
            max,
            currency,
            period,
        } => (
            "range",
            Some(*min),
            Some(*max),
            Some(currency.as_str()),
            Some(period.as_str()),
        ),
        Salary::Fixed {
            amount,
            currency,
            period,
        } => (
            "fixed",
            Some(*amount),
            None,
            Some(currency.as_str()),
            Some(period.as_str()),
        ),
    };
    // Bands and the order by salary compare salaries in one currency.
    let yearly = rates.yearly_in_base(&posting.salary);
    let eligibility = match &posting.workplace {
        Workplace::Remote(areas) => areas.areas().join("\n"),
        _ => String::new(),
    };
    query = query
        .bind(posting.title.clone())
        .bind(title_slug(&posting.title))
        .bind(posting.description.clone())
        .bind(markdown::to_safe_html(&posting.description))
        .bind(markdown::to_plain_text(&posting.description))
        .bind(posting.employment_type.as_str())
        .bind(posting.seniority.as_str())
        .bind(posting.sector.slug)
        .bind(posting.workplace.kind().as_str())
        .bind(eligibility)
        .bind(kind)
        .bind(min)
        .bind(max)
        .bind(currency)
        .bind(period)
        .bind(yearly)
        .bind(yearly.map(salary_band))
        .bind(posting.closes_on.0)
        .bind(posting.apply.as_str().to_owned());
    query
}

async fn write_locations(
    tx: &mut Transaction<'_, Any>,
    job_id: i64,
    locations: &[JobLocation],
) -> Result<(), sqlx::Error> {
    sqlx::query("delete from job_locations where job_id = $1")
        .bind(job_id)
        .execute(&mut **tx)
        .await?;
    for (position, location) in locations.iter().enumerate() {
        sqlx::query(
            "insert into job_locations (job_id, position, city, region, country) values ($1, $2, $3, $4, $5)",
        )
        .bind(job_id)
        .bind(position as i64)
        .bind(&location.city)
        .bind(&location.region)
        .bind(&location.country)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Stores a new job of `company_id` as a draft, all or nothing.
pub async fn create(
    db: &Db,
    company_id: i64,
    posting: &JobPosting,
    by: Option<i64>,
) -> Result<i64, sqlx::Error> {
    let at = now();
    let mut tx = db.write().begin().await?;
    let (company_name, company_status): (String, String) =
        sqlx::query_as("select name, status from companies where id = $1")
            .bind(company_id)
            .fetch_one(&mut *tx)
            .await?;
    let placeholders: Vec<String> = (1..=POSTING_COLUMNS.len())
        .map(|i| format!("${i}"))
        .collect();
    let n = POSTING_COLUMNS.len();
    let sql = format!(
        "insert into jobs ({}, company_id, company_name, company_listed, status, created_by, created_at, updated_at) \
         values ({}, ${}, ${}, ${}, 'draft', ${}, ${}, ${}) returning id",
        POSTING_COLUMNS.join(", "),
        placeholders.join(", "),
        n + 1,
        n + 2,
        n + 3,
        n + 4,
        n + 5,
        n + 5,
    );
    let listed = i64::from(company_status == "approved");
    let rates = exchange_rates(&mut tx).await?;
    let row = bind_posting(sqlx::query(&sql), posting, &rates)
        .bind(company_id)
        .bind(company_name)
        .bind(listed)
        .bind(by)
        .bind(at)
        .fetch_one(&mut *tx)
        .await?;
    let id: i64 = row.try_get("id")?;
    write_locations(&mut tx, id, &posting.locations).await?;
    // A draft is nobody's but its team's: the public caches stay as they are (the job's own page reads a job
    // the public cannot see afresh, see `crate::jobs::job_page_data`).
    tx.commit().await?;
    Ok(id)
}

/// Writes an already published job inside `tx`, for bulk loading (benchmark data). Answers its id.
pub async fn insert_published(
    tx: &mut Transaction<'_, Any>,
    company_id: i64,
    company_name: &str,
    posting: &JobPosting,
    published_at: i64,
    rates: &Rates,
) -> Result<i64, sqlx::Error> {
    let placeholders: Vec<String> = (1..=POSTING_COLUMNS.len())
        .map(|i| format!("${i}"))
        .collect();
    let n = POSTING_COLUMNS.len();
    let sql = format!(
        "insert into jobs ({}, company_id, company_name, company_listed, status, published_at, created_at, updated_at) \
         values ({}, ${}, ${}, 1, 'published', ${}, ${}, ${}) returning id",
        POSTING_COLUMNS.join(", "),
        placeholders.join(", "),
        n + 1,
        n + 2,
        n + 3,
        n + 3,
        n + 3,
    );
    let row = bind_posting(sqlx::query(&sql), posting, rates)
        .bind(company_id)
        .bind(company_name.to_owned())
        .bind(published_at)
        .fetch_one(&mut **tx)
        .await?;
    let id: i64 = row.try_get("id")?;
    write_locations(tx, id, &posting.locations).await?;
    Ok(id)
}

/// Where a team's change to a job went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Saved {
    /// Written to the job, which keeps this status.
    InPlace(Status),
    /// A material change to a published job: kept as a revision for the moderators while the approved version
    /// stays public.
    InReview,
}

/// Whether going from `live` to `edited` changes what a moderator must see again: the title, the description,
/// the salary, the places or where applicants are sent.
pub fn is_material(live: &JobPosting, edited: &JobPosting) -> bool {
    live.title != edited.title
        || live.description != edited.description
        || live.salary != edited.salary
        || live.locations != edited.locations
        // Where applicants are sent is what a phishing edit would change.
        || live.apply != edited.apply
}

fn update_sql() -> String {
    let assignments: Vec<String> = POSTING_COLUMNS
        .iter()
        .enumerate()
        .map(|(i, column)| format!("{column} = ${}", i + 1))
        .collect();
    let n = POSTING_COLUMNS.len();
    format!(
        "update jobs set {}, updated_at = ${} where id = ${}",
        assignments.join(", "),
        n + 1,
        n + 2
    )
}

/// Writes `posting` over job `id`'s content as part of `tx`.
async fn write_posting(
    tx: &mut Transaction<'_, Any>,
    id: i64,
    posting: &JobPosting,
) -> Result<(), sqlx::Error> {
    let rates = exchange_rates(tx).await?;
    bind_posting(sqlx::query(&update_sql()), posting, &rates)
        .bind(now())
        .bind(id)
        .execute(&mut **tx)
        .await?;
    write_locations(tx, id, &posting.locations).await
}

/// Saves a team's change to `job`. A material change to a published job waits for review as a revision (the
/// public keeps seeing the approved version); anything else is written at once and a pending revision, now
/// undone, is dropped.
pub async fn update(
    db: &Db,
    job: &Job,
    posting: &JobPosting,
    by: Option<i64>,
) -> Result<Saved, sqlx::Error> {
    let mut tx = db.write().begin().await?;
    let status: String = sqlx::query_scalar("select status from jobs where id = $1")
        .bind(job.id)
        .fetch_one(&mut *tx)
        .await?;
    let status = Status::parse(&status)?;
    if status == Status::Published && is_material(&job.posting, posting) {
        sqlx::query("delete from job_revisions where job_id = $1")
            .bind(job.id)
            .execute(&mut *tx)
            .await?;
        let n = POSTING_COLUMNS.len();
        let placeholders: Vec<String> = (1..=n).map(|i| format!("${i}")).collect();
        let sql = format!(
            "insert into job_revisions ({}, locations, submitted_by, submitted_at, job_id) \
             values ({}, ${}, ${}, ${}, ${})",
            POSTING_COLUMNS.join(", "),
            placeholders.join(", "),
            n + 1,
            n + 2,
            n + 3,
            n + 4
        );
        let rates = exchange_rates(&mut tx).await?;
        bind_posting(sqlx::query(&sql), posting, &rates)
            .bind(locations_text(&posting.locations))
            .bind(by)
            .bind(now())
            .bind(job.id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        return Ok(Saved::InReview);
    }
    write_posting(&mut tx, job.id, posting).await?;
    sqlx::query("delete from job_revisions where job_id = $1")
        .bind(job.id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Saved::InPlace(status))
}

fn locations_text(locations: &[JobLocation]) -> String {
    locations
        .iter()
        .map(|l| format!("{}\t{}\t{}", l.city, l.region, l.country))
        .collect::<Vec<_>>()
        .join("\n")
}

fn locations_from_text(text: &str) -> Vec<JobLocation> {
    text.lines()
        .filter_map(|line| {
            let mut parts = line.split('\t');
            Some(JobLocation {
                city: parts.next()?.to_owned(),
                region: parts.next()?.to_owned(),
                country: parts.next()?.to_owned(),
            })
        })
        .collect()
}

/// A published job's changes waiting for review, or refused with a reason.
#[derive(Clone, Debug)]
pub struct Revision {
    pub posting: JobPosting,
    /// `pending` or `rejected`.
    pub status: String,
    pub decision_reason: Option<String>,
    pub decision_note: String,
    pub submitted_at: i64,
}

/// A row of `job_revisions`.
#[derive(sqlx::FromRow)]
struct RevisionRow {
    #[sqlx(flatten)]
    posting: PostingColumns,
    locations: String,
    status: String,
    decision_reason: Option<String>,
    decision_note: String,
    submitted_at: i64,
}

/// Job `id`'s revision, if it has one.
pub async fn revision(db: &Db, id: i64) -> Result<Option<Revision>, sqlx::Error> {
    let Some(row) =
        sqlx::query_as::<_, RevisionRow>("select * from job_revisions where job_id = $1")
            .bind(id)
            .fetch_optional(db.read())
            .await?
    else {
        return Ok(None);
    };
    Ok(Some(Revision {
        posting: row.posting.posting(locations_from_text(&row.locations))?,
        status: row.status,
        decision_reason: row.decision_reason,
        decision_note: row.decision_note,
        submitted_at: row.submitted_at,
    }))
}

/// The revisions of a company's jobs: job id, status and reason.
pub async fn revisions_of_company(
    db: &Db,
    company_id: i64,
) -> Result<Vec<(i64, String, Option<String>, String)>, sqlx::Error> {
    sqlx::query_as(
        "select r.job_id, r.status, r.decision_reason, r.decision_note from job_revisions r \
         join jobs j on j.id = r.job_id where j.company_id = $1",
    )
    .bind(company_id)
    .fetch_all(db.read())
    .await
}

/// Publishes job `id`'s pending revision in place of the approved version, with the team's mail and the audit
/// row. False if there is no pending revision (another moderator decided it).
pub async fn approve_revision(
    db: &Db,
    id: i64,
    notify: &[super::mail::Outgoing],
    audit: &super::moderation::Audit,
) -> Result<bool, sqlx::Error> {
    let Some(revision) = revision(db, id).await?.filter(|r| r.status == "pending") else {
        return Ok(false);
    };
    let mut tx = db.write().begin().await?;
    // Claimed first: a moderator racing this one finds nothing to approve.
    let claimed = sqlx::query(
        "delete from job_revisions where job_id = $1 and status = 'pending' and submitted_at = $2",
    )
    .bind(id)
    .bind(revision.submitted_at)
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() != 1 {
        return Ok(false);
    }
    write_posting(&mut tx, id, &revision.posting).await?;
    sqlx::query("update jobs set decided_by = $1, decided_at = $2, decision_reason = null, decision_note = '' where id = $3")
        .bind(audit.actor.id)
        .bind(now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let consequences = Consequences {
        notify,
        audit: Some(audit),
    };
    consequences.write(&mut tx).await?;
    tx.commit().await?;
    Ok(true)
}

/// Refuses job `id`'s pending revision with a reason the team sees; the approved version stays public. False if
/// there is no pending revision.
pub async fn reject_revision(
    db: &Db,
    id: i64,
    reason: &str,
    note: &str,
    notify: &[super::mail::Outgoing],
    audit: &super::moderation::Audit,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.write().begin().await?;
    let done = sqlx::query(
        "update job_revisions set status = 'rejected', decision_reason = $1, decision_note = $2 \
         where job_id = $3 and status = 'pending'",
    )
    .bind(reason)
    .bind(note)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 1 {
        let consequences = Consequences {
            notify,
            audit: Some(audit),
        };
        consequences.write(&mut tx).await?;
    }
    tx.commit().await?;
    Ok(done.rows_affected() == 1)
}

/// Where [`transition`] takes a job, who decided and why, and what is written with it.
#[derive(Default)]
pub struct Transition<'a> {
    pub to: Status,
    pub reason: Option<&'a str>,
    pub note: &'a str,
    pub by: Option<i64>,
    pub notify: &'a [super::mail::Outgoing],
    pub audit: Option<&'a super::moderation::Audit>,
}

/// Moves a job from one of `from` to `to`, stamping the time fields that go with `to`. Answers whether the job
/// was in one of `from`: a lost race or a stale form changes nothing.
pub async fn transition(
    db: &Db,
    id: i64,
    from: &[Status],
    change: Transition<'_>,
) -> Result<bool, sqlx::Error> {
    let Transition {
        to,
        reason,
        note,
        by,
        notify,
        audit,
    } = change;
    let at = now();
    let states: Vec<String> = from.iter().map(|s| format!("'{}'", s.as_str())).collect();
    let stamps = match to {
        Status::Published => {
            "published_at = coalesce(published_at, $4), closed_at = null, decided_by = $5, decided_at = $4"
        }
        Status::Rejected => "decided_by = $5, decided_at = $4",
        Status::Pending => "submitted_at = $4",
        Status::Filled | Status::Expired => {
            "closed_at = $4, featured_until = null, featured_from = null, decided_by = coalesce(decided_by, $5)"
        }
        _ => "decided_by = coalesce(decided_by, $5)",
    };
    let sql = format!(
        "update jobs set status = $1, decision_reason = $2, decision_note = $6, {stamps}, updated_at = $4 \
         where id = $3 and status in ({})",
        states.join(", ")
    );
    // The change, the mail about it and its audit row are written together or not at all.
    let mut tx = db.write().begin().await?;
    let result = sqlx::query(&sql)
        .bind(to.as_str())
        .bind(reason)
        .bind(id)
        .bind(at)
        .bind(by)
        .bind(note)
        .execute(&mut *tx)
        .await?;
    if result.rows_affected() == 1 {
        Consequences { notify, audit }.write(&mut tx).await?;
    }
    tx.commit().await?;
    Ok(result.rows_affected() == 1)
}

/// Closes a published job today.
pub async fn close_now(db: &Db, id: i64, today: Day) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "update jobs set status = 'expired', closes_on = $1, closed_at = $2, featured_from = null, \
         featured_until = null, updated_at = $2 where id = $3 and status = 'published'",
    )
    .bind(today.0)
    .bind(now())
    .bind(id)
    .execute(db.write())
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Moves the closing date of a published or expired (not yet archived) job to `closes_on`, reopening it.
pub async fn extend(db: &Db, id: i64, closes_on: Day) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "update jobs set status = 'published', closes_on = $1, closed_at = null, updated_at = $2 \
         where id = $3 and status in ('published', 'expired')",
    )
    .bind(closes_on.0)
    .bind(now())
    .bind(id)
    .execute(db.write())
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Features a job from `from` until `until` (Unix seconds); `None` stops featuring it.
pub async fn set_featured(
    db: &Db,
    id: i64,
    window: Option<(i64, i64)>,
    audit: &super::moderation::Audit,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.write().begin().await?;
    let result = sqlx::query(
        "update jobs set featured_from = $1, featured_until = $2, updated_at = $3 where id = $4 and status = 'published'",
    )
    .bind(window.map(|w| w.0))
    .bind(window.map(|w| w.1))
    .bind(now())
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if result.rows_affected() == 1 {
        super::moderation::record(&mut tx, audit).await?;
    }
    tx.commit().await?;
    Ok(result.rows_affected() == 1)
}

/// Closes published jobs whose closing day is over. One statement: safe on every instance at once.
pub async fn expire_due(db: &Db, at: i64) -> Result<u64, sqlx::Error> {
    let today = Day::from_unix(at);
    let expired = sqlx::query(
        "update jobs set status = 'expired', closed_at = $1, featured_from = null, featured_until = null \
         where status = 'published' and closes_on < $2",
    )
    .bind(at)
    .bind(today.0)
    .execute(db.write())
    .await?
    .rows_affected();
    Ok(expired)
}

/// Archives jobs closed more than [`ARCHIVE_AFTER_SECS`] ago.
pub async fn archive_due(db: &Db, at: i64) -> Result<u64, sqlx::Error> {
    let archived = sqlx::query(
        "update jobs set status = 'archived' where status in ('filled', 'expired') and closed_at < $1",
    )
    .bind(at - ARCHIVE_AFTER_SECS)
    .execute(db.write())
    .await?
    .rows_affected();
    Ok(archived)
}

/// A company's jobs, for its team: every status, newest first.
pub async fn of_company(db: &Db, company_id: i64) -> Result<Vec<Listing>, sqlx::Error> {
    let rows = sqlx::query_as::<_, ListingRow>(&format!(
        "select {LISTING_COLUMNS} from jobs j join companies c on c.id = j.company_id \
         where j.company_id = $1 and j.status <> 'archived' order by j.created_at desc, j.id desc"
    ))
    .bind(company_id)
    .fetch_all(db.read())
    .await?;
    listings(db, rows).await
}

/// A company's open jobs, for its public profile.
pub async fn open_of_company(
    db: &Db,
    company_id: i64,
    limit: i64,
) -> Result<Vec<Listing>, sqlx::Error> {
    // Which of its jobs are open moves the company's topic.
    shows([Topic::Company(company_id)]);
    let rows = sqlx::query_as::<_, ListingRow>(&format!(
        "select {LISTING_COLUMNS} from jobs j join companies c on c.id = j.company_id \
         where j.company_id = $1 and j.status = 'published' and j.company_listed = 1 \
         order by j.published_at desc, j.id desc limit {}",
        limit.clamp(1, 100)
    ))
    .bind(company_id)
    .fetch_all(db.read())
    .await?;
    listings(db, rows).await
}

/// Open jobs like `job`: the same sector, newest first.
pub async fn similar(db: &Db, job: &Job, limit: i64) -> Result<Vec<Listing>, sqlx::Error> {
    shows([Topic::Jobs]);
    let rows = sqlx::query_as::<_, ListingRow>(&format!(
        "select {LISTING_COLUMNS} from jobs j join companies c on c.id = j.company_id \
         where j.status = 'published' and j.company_listed = 1 and j.sector = $1 and j.id <> $2 \
         order by j.published_at desc, j.id desc limit {}",
        limit.clamp(1, 20)
    ))
    .bind(job.posting.sector.slug)
    .bind(job.id)
    .fetch_all(db.read())
    .await?;
    listings(db, rows).await
}

/// Every job featured at `at`, oldest feature first.
pub async fn featured_at(db: &Db, at: i64) -> Result<Vec<Listing>, sqlx::Error> {
    shows([Topic::Featured]);
    let rows = sqlx::query_as::<_, ListingRow>(&format!(
        "select {LISTING_COLUMNS} from jobs j join companies c on c.id = j.company_id \
         where j.featured_until > $1 and j.featured_from <= $1 and j.status = 'published' \
         and j.company_listed = 1 order by j.featured_from, j.id"
    ))
    .bind(at)
    .fetch_all(db.read())
    .await?;
    listings(db, rows).await
}

/// Saves a job to a seeker's list; saving twice is harmless.
pub async fn save(db: &Db, user_id: i64, job_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into saved_jobs (user_id, job_id, saved_at) values ($1, $2, $3) on conflict do nothing",
    )
    .bind(user_id)
    .bind(job_id)
    .bind(now())
    .execute(db.write())
    .await?;
    Ok(())
}

/// The address words of job `id` if the public may see it (open, filled or closed): what saving a job needs to
/// know of it, read without the rest of the job.
pub async fn public_slug(db: &Db, id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "select slug from jobs where id = $1 and status not in ('draft', 'pending', 'rejected')",
    )
    .bind(id)
    .fetch_optional(db.read())
    .await
}

/// Takes a job off a seeker's list.
pub async fn unsave(db: &Db, user_id: i64, job_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("delete from saved_jobs where user_id = $1 and job_id = $2")
        .bind(user_id)
        .bind(job_id)
        .execute(db.write())
        .await?;
    Ok(())
}

/// Whether the seeker saved the job.
pub async fn is_saved(db: &Db, user_id: i64, job_id: i64) -> Result<bool, sqlx::Error> {
    Ok(
        sqlx::query("select 1 as one from saved_jobs where user_id = $1 and job_id = $2")
            .bind(user_id)
            .bind(job_id)
            .fetch_optional(db.read())
            .await?
            .is_some(),
    )
}

/// A seeker's saved jobs that the public can still see, most recently saved first.
pub async fn saved_of(db: &Db, user_id: i64) -> Result<Vec<Listing>, sqlx::Error> {
    let rows = sqlx::query_as::<_, ListingRow>(&format!(
        "select {LISTING_COLUMNS} from saved_jobs s join jobs j on j.id = s.job_id \
         join companies c on c.id = j.company_id \
         where s.user_id = $1 and j.status in ('published', 'filled', 'expired', 'archived') \
         order by s.saved_at desc, j.id desc"
    ))
    .bind(user_id)
    .fetch_all(db.read())
    .await?;
    listings(db, rows).await
}

/// The exchange rates in use: the ones an admin saved, or the defaults.
pub async fn exchange_rates(conn: &mut AnyConnection) -> Result<Rates, sqlx::Error> {
    Ok(
        match settings::get_in(conn, Setting::ExchangeRates)
            .await?
            .map(|text| Rates::from_stored(&text))
        {
            Some(Ok(rates)) => rates,
            Some(Err(error)) => {
                tracing::warn!(%error, "the stored exchange rates are unreadable; the defaults are used");
                Rates::default()
            }
            None => Rates::default(),
        },
    )
}

/// Puts every salary in pounds at the rates in use unless they already are: after new rates, an upgrade, or a
/// restart that cut a repricing short. Answers how many changed.
pub async fn reprice_if_needed(db: &Db) -> Result<u64, sqlx::Error> {
    let rates = exchange_rates(&mut *db.read().acquire().await?).await?;
    let stored = rates.to_stored();
    if settings::get(db, Setting::SalariesPricedAt)
        .await?
        .as_deref()
        == Some(stored.as_str())
    {
        return Ok(0);
    }
    let changed = reprice(db, &rates).await?;
    settings::set(db, Setting::SalariesPricedAt, &stored).await?;
    Ok(changed)
}

/// Puts every job's and pending revision's salary in pounds again at `rates`, a batch of jobs per transaction;
/// answers how many changed. Each changed job moves in the searches' order by salary as any edit does.
async fn reprice(db: &Db, rates: &Rates) -> Result<u64, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Priced {
        row_key: i64,
        #[sqlx(flatten)]
        salary: SalaryColumns,
        salary_yearly: Option<i64>,
    }

    let mut changed = 0;
    for (table, key) in [("jobs", "id"), ("job_revisions", "job_id")] {
        let mut after = 0_i64;
        loop {
            let rows = sqlx::query_as::<_, Priced>(&format!(
                "select {key} as row_key, salary_kind, salary_min, salary_max, salary_currency, salary_period, \
                 salary_yearly from {table} where {key} > $1 and salary_kind <> 'hidden' order by {key} limit 2000"
            ))
            .bind(after)
            .fetch_all(db.read())
            .await?;
            let Some(last) = rows.last() else {
                break;
            };
            after = last.row_key;
            let mut tx = db.write().begin().await?;
            for row in rows {
                let key_value = row.row_key;
                let stored = row.salary_yearly;
                let yearly = rates.yearly_in_base(&row.salary.salary()?);
                if yearly == stored {
                    continue;
                }
                changed += sqlx::query(&format!(
                    "update {table} set salary_yearly = $1, salary_band = $2 where {key} = $3"
                ))
                .bind(yearly)
                .bind(yearly.map(salary_band))
                .bind(key_value)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            }
            tx.commit().await?;
        }
    }
    Ok(changed)
}

/// How search results are ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// Best match first when there are words; otherwise newest.
    #[default]
    Relevance,
    Newest,
    /// Highest yearly salary first; undisclosed salaries last.
    Salary,
}

/// What a search of the jobs board asks for.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub text: String,
    pub sector: Option<Sector>,
    pub employment_type: Option<EmploymentType>,
    pub workplace: Option<WorkplaceKind>,
    pub country: Option<String>,
    /// A key of [`hubboard::job::SALARY_BANDS`].
    pub salary_band: Option<&'static str>,
    /// Published at or after this Unix time.
    pub posted_since: Option<i64>,
    pub featured_at: Option<i64>,
    pub company_id: Option<i64>,
}

impl Filter {
    /// Notes the lists an answer to this filter shows: which jobs are open and how they are ordered, and what
    /// words find, when it has words.
    pub fn note_shown(&self) {
        shows([Topic::Jobs]);
        if !self.text.trim().is_empty() {
            shows([Topic::JobWords]);
        }
    }
}

/// The facets a filter can leave out when counting its own choices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Facet {
    Sector,
    EmploymentType,
    Workplace,
    Country,
    SalaryBand,
    Posted,
}

/// The numbers beside each choice of each facet, counted with every other filter applied.
#[derive(Clone, Debug, Default)]
pub struct Facets {
    pub sector: Vec<(String, i64)>,
    pub employment_type: Vec<(String, i64)>,
    pub workplace: Vec<(String, i64)>,
    pub country: Vec<(String, i64)>,
    pub salary_band: Vec<(String, i64)>,
    /// (days, count) for "posted within".
    pub posted: Vec<(i64, i64)>,
}

/// One page of a job search as found: the page's open jobs in order, how many match in all, and the facet counts.
#[derive(Clone, Debug, Default)]
pub struct Found {
    pub listings: Vec<Listing>,
    pub total: i64,
    pub facets: Facets,
}

/// "Posted within" choices, in days.
pub const POSTED_WITHIN_DAYS: [i64; 3] = [1, 7, 30];

struct Sql {
    from: String,
    conditions: Vec<String>,
    binds: Vec<Bind>,
    rank: Option<String>,
    /// For lists sorted by rank: a `with` clause and the `from` that joins it.
    ranked: Option<(String, String)>,
}

#[derive(Clone)]
enum Bind {
    Text(String),
    Int(i64),
}

impl Sql {
    fn bind(&mut self, value: Bind) -> String {
        self.binds.push(value);
        format!("${}", self.binds.len())
    }

    fn query<'q>(&self, sql: &'q str) -> sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>> {
        let mut query = sqlx::query(sql);
        for bind in &self.binds {
            query = match bind {
                Bind::Text(text) => query.bind(text.clone()),
                Bind::Int(n) => query.bind(*n),
            };
        }
        query
    }

    fn where_clause(&self) -> String {
        self.conditions.join(" and ")
    }
}

fn build(db: &Db, filter: &Filter, leave_out: Option<Facet>) -> Sql {
    let mut sql = Sql {
        from: "jobs j".to_owned(),
        conditions: vec![
            "j.status = 'published'".to_owned(),
            "j.company_listed = 1".to_owned(),
        ],
        binds: Vec::new(),
        rank: None,
        ranked: None,
    };
    let words = hubboard::search::words(&filter.text);
    if !words.is_empty() {
        match db.backend() {
            Backend::Sqlite => {
                let query = hubboard::search::fts5_query(&words);
                let p = sql.bind(Bind::Text(query));
                // Filtering by `in` runs the match once; a join would make SQLite probe the index per job.
                sql.conditions.push(format!(
                    "j.id in (select rowid from jobs_fts where jobs_fts match {p})"
                ));
                // Ranked lists materialise the matches first. Title and company weigh ten times the description.
                sql.ranked = Some((
                    format!(
                        "with f as materialized (select rowid as job_id, bm25(jobs_fts, 10.0, 10.0, 1.0) as rank \
                         from jobs_fts where jobs_fts match {p}) "
                    ),
                    "f join jobs j on j.id = f.job_id".to_owned(),
                ));
                sql.rank = Some("f.rank".to_owned());
            }
            Backend::Postgres => {
                let query = hubboard::search::ts_query(&words);
                let p = sql.bind(Bind::Text(query));
                sql.conditions
                    .push(format!("j.search @@ to_tsquery('simple', {p})"));
                sql.rank = Some(format!("-ts_rank(j.search, to_tsquery('simple', {p}))"));
            }
        }
    }
    if let (Some(sector), false) = (filter.sector, leave_out == Some(Facet::Sector)) {
        let p = sql.bind(Bind::Text(sector.slug.to_owned()));
        sql.conditions.push(format!("j.sector = {p}"));
    }
    if let (Some(kind), false) = (
        filter.employment_type,
        leave_out == Some(Facet::EmploymentType),
    ) {
        let p = sql.bind(Bind::Text(kind.as_str().to_owned()));
        sql.conditions.push(format!("j.employment_type = {p}"));
    }
    if let (Some(kind), false) = (filter.workplace, leave_out == Some(Facet::Workplace)) {
        let p = sql.bind(Bind::Text(kind.as_str().to_owned()));
        sql.conditions.push(format!("j.workplace = {p}"));
    }
    if let (Some(country), false) = (&filter.country, leave_out == Some(Facet::Country)) {
        let p = sql.bind(Bind::Text(country.clone()));
        sql.conditions.push(format!(
            "exists (select 1 from job_locations l where l.job_id = j.id and l.country = {p})"
        ));
    }
    if let (Some(band), false) = (filter.salary_band, leave_out == Some(Facet::SalaryBand)) {
        let p = sql.bind(Bind::Text(band.to_owned()));
        sql.conditions.push(format!("j.salary_band = {p}"));
    }
    if let (Some(since), false) = (filter.posted_since, leave_out == Some(Facet::Posted)) {
        let p = sql.bind(Bind::Int(since));
        sql.conditions.push(format!("j.published_at >= {p}"));
    }
    if let Some(at) = filter.featured_at {
        let p = sql.bind(Bind::Int(at));
        sql.conditions
            .push(format!("j.featured_from <= {p} and j.featured_until > {p}"));
    }
    if let Some(company) = filter.company_id {
        let p = sql.bind(Bind::Int(company));
        sql.conditions.push(format!("j.company_id = {p}"));
    }
    sql
}

/// One page of open jobs matching `filter`, and how many match in all.
pub async fn search(
    db: &Db,
    filter: &Filter,
    sort: Sort,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Listing>, i64), sqlx::Error> {
    filter.note_shown();
    let sql = build(db, filter, None);
    let count_sql = format!(
        "select count(*) as n from {} where {}",
        sql.from,
        sql.where_clause()
    );
    let total: i64 = sql
        .query(&count_sql)
        .fetch_one(db.read())
        .await?
        .try_get("n")?;
    if total == 0 {
        return Ok((Vec::new(), 0));
    }
    let order = match (sort, &sql.rank) {
        (Sort::Relevance, Some(rank)) => format!("{rank}, j.published_at desc, j.id desc"),
        (Sort::Salary, _) => {
            "case when j.salary_yearly is null then 1 else 0 end, j.salary_yearly desc, j.published_at desc, j.id desc"
                .to_owned()
        }
        _ => "j.published_at desc, j.id desc".to_owned(),
    };
    let (with, from) = match (sort, &sql.ranked) {
        (Sort::Relevance, Some((with, from))) => (with.as_str(), from.as_str()),
        _ => ("", sql.from.as_str()),
    };
    let list_sql = format!(
        "{with}select {LISTING_COLUMNS} from {from} join companies c on c.id = j.company_id where {} \
         order by {order} limit {} offset {}",
        sql.where_clause(),
        limit.clamp(1, 100),
        offset.max(0)
    );
    let rows = sql
        .query(&list_sql)
        .try_map(|row: AnyRow| ListingRow::from_row(&row))
        .fetch_all(db.read())
        .await?;
    Ok((listings(db, rows).await?, total))
}

async fn count_by(
    db: &Db,
    filter: &Filter,
    facet: Facet,
    column: &str,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let sql = build(db, filter, Some(facet));
    let statement = if facet == Facet::Country {
        // From the open jobs to their places, never the other way round: SQLite would otherwise start from every
        // place and look up its job in the table itself (`cross join` fixes the order there).
        let join = match db.backend() {
            Backend::Sqlite => "cross join",
            Backend::Postgres => "join",
        };
        format!(
            "select l.country as k, count(distinct j.id) as n from {} {join} job_locations l on l.job_id = j.id \
             where {} group by l.country order by n desc, l.country limit 60",
            sql.from,
            sql.where_clause()
        )
    } else {
        format!(
            "select {column} as k, count(*) as n from {} where {} and {column} is not null group by {column}",
            sql.from,
            sql.where_clause()
        )
    };
    sql.query(&statement)
        .fetch_all(db.read())
        .await?
        .iter()
        .map(|row| Ok((row.try_get("k")?, row.try_get("n")?)))
        .collect()
}

/// The counts beside every choice of every facet for `filter`, each facet counted without its own choice so
/// the other choices stay visible.
pub async fn facets(db: &Db, filter: &Filter, at: i64) -> Result<Facets, sqlx::Error> {
    filter.note_shown();
    let posted_sql = build(db, filter, Some(Facet::Posted));
    let cases: Vec<String> = POSTED_WITHIN_DAYS
        .iter()
        .map(|days| {
            format!(
                "coalesce(sum(case when j.published_at >= {} then 1 else 0 end), 0) as d{days}",
                at - days * 86_400
            )
        })
        .collect();
    let row = posted_sql
        .query(&format!(
            "select {} from {} where {}",
            cases.join(", "),
            posted_sql.from,
            posted_sql.where_clause()
        ))
        .fetch_one(db.read())
        .await?;
    let mut posted = Vec::new();
    for days in POSTED_WITHIN_DAYS {
        posted.push((days, row.try_get::<i64, _>(format!("d{days}").as_str())?));
    }
    Ok(Facets {
        sector: count_by(db, filter, Facet::Sector, "j.sector").await?,
        employment_type: count_by(db, filter, Facet::EmploymentType, "j.employment_type").await?,
        workplace: count_by(db, filter, Facet::Workplace, "j.workplace").await?,
        country: count_by(db, filter, Facet::Country, "").await?,
        salary_band: count_by(db, filter, Facet::SalaryBand, "j.salary_band").await?,
        posted,
    })
}

/// The featured jobs, kept while they are unchanged (and for at most half a minute, since feature windows
/// open and close with the clock), so the sidebar on every page costs no query of its own.
#[derive(Clone, Debug)]
pub struct FeaturedCache {
    cached: super::cache::Cache<(), Vec<Listing>>,
    /// Where the next rotation starts, so every featured job gets its turn in the box.
    turn: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl Default for FeaturedCache {
    fn default() -> Self {
        Self {
            cached: super::cache::Cache::new(std::time::Duration::from_secs(30), 256 << 10),
            turn: Default::default(),
        }
    }
}

impl FeaturedCache {
    /// Every job featured now.
    pub async fn all(&self, db: &Db) -> Result<std::sync::Arc<Vec<Listing>>, crate::AppError> {
        let reading = super::cache::reading(db).await?;
        let db = db.clone();
        self.cached
            .get_or_load((), &reading, move || async move {
                super::cache::shows([super::cache::Topic::Featured]);
                Ok(featured_at(&db, now()).await?)
            })
            .await
    }

    /// Up to `count` featured jobs, starting one further along the list at every call.
    pub async fn rotation(&self, db: &Db, count: usize) -> Result<Vec<Listing>, crate::AppError> {
        let all = self.all(db).await?;
        if all.len() <= count {
            return Ok(all.as_ref().clone());
        }
        let start = self.turn.fetch_add(1, std::sync::atomic::Ordering::Relaxed) % all.len();
        Ok(all
            .iter()
            .cycle()
            .skip(start)
            .take(count)
            .cloned()
            .collect())
    }
}

/// Views and apply clicks counted in memory and written in batches, so a busy job page costs no write per view.
/// Each instance adds its own counts, so several instances never overwrite each other.
#[derive(Clone, Debug, Default)]
pub struct Counters(std::sync::Arc<std::sync::Mutex<std::collections::HashMap<i64, (i64, i64)>>>);

impl Counters {
    pub fn view(&self, job_id: i64) {
        if let Ok(mut counts) = self.0.lock() {
            counts.entry(job_id).or_default().0 += 1;
        }
    }

    pub fn apply_click(&self, job_id: i64) {
        if let Ok(mut counts) = self.0.lock() {
            counts.entry(job_id).or_default().1 += 1;
        }
    }

    /// Writes the counts gathered so far in one transaction; on failure they are kept for the next try.
    pub async fn flush(&self, db: &Db) -> Result<usize, sqlx::Error> {
        let counts: Vec<(i64, (i64, i64))> = match self.0.lock() {
            Ok(mut counts) => counts.drain().collect(),
            Err(_) => return Ok(0),
        };
        if counts.is_empty() {
            return Ok(0);
        }
        let result = async {
            let mut tx = db.write().begin().await?;
            for (job_id, (views, clicks)) in &counts {
                sqlx::query(
                    "update jobs set views = views + $1, apply_clicks = apply_clicks + $2 where id = $3",
                )
                .bind(*views)
                .bind(*clicks)
                .bind(*job_id)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await
        }
        .await;
        if let Err(error) = result {
            if let Ok(mut pending) = self.0.lock() {
                for (job_id, (views, clicks)) in counts {
                    let entry = pending.entry(job_id).or_default();
                    entry.0 += views;
                    entry.1 += clicks;
                }
            }
            return Err(error);
        }
        Ok(counts.len())
    }
}

/// The open jobs among `ids`, newest first: the jobs an article links to.
pub async fn open_by_ids(db: &Db, ids: &[i64]) -> Result<Vec<Listing>, sqlx::Error> {
    // Those not open now are shown once they open.
    shows(ids.iter().map(|&id| Topic::Job(id)));
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "select {LISTING_COLUMNS} from jobs j join companies c on c.id = j.company_id \
         where j.id in ({}) and j.status = 'published' and j.company_listed = 1 \
         order by j.published_at desc, j.id desc",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_as::<_, ListingRow>(&sql);
    for id in ids {
        query = query.bind(*id);
    }
    let rows = query.fetch_all(db.read()).await?;
    listings(db, rows).await
}

/// The open jobs among `ids`, in that order: a page of search results.
pub async fn open_in_order(db: &Db, ids: &[i64]) -> Result<Vec<Listing>, sqlx::Error> {
    let mut listings = open_by_ids(db, ids).await?;
    let rank: std::collections::HashMap<i64, usize> =
        ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    listings.sort_by_key(|listing| rank.get(&listing.id).copied().unwrap_or(usize::MAX));
    Ok(listings)
}

/// The newest open jobs of the companies in `company_ids`, at most `limit`.
pub async fn open_of_companies(
    db: &Db,
    company_ids: &[i64],
    limit: i64,
) -> Result<Vec<Listing>, sqlx::Error> {
    shows(company_ids.iter().map(|&id| Topic::Company(id)));
    if company_ids.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders: Vec<String> = (1..=company_ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "select {LISTING_COLUMNS} from jobs j join companies c on c.id = j.company_id \
         where j.company_id in ({}) and j.status = 'published' and j.company_listed = 1 \
         order by j.published_at desc, j.id desc limit {}",
        placeholders.join(", "),
        limit.clamp(1, 100)
    );
    let mut query = sqlx::query_as::<_, ListingRow>(&sql);
    for id in company_ids {
        query = query.bind(*id);
    }
    let rows = query.fetch_all(db.read()).await?;
    listings(db, rows).await
}

/// The newest open jobs in `sector`, at most `limit`.
pub async fn open_in_sector(
    db: &Db,
    sector: &str,
    limit: i64,
) -> Result<Vec<Listing>, sqlx::Error> {
    shows([Topic::Jobs]);
    let rows = sqlx::query_as::<_, ListingRow>(&format!(
        "select {LISTING_COLUMNS} from jobs j join companies c on c.id = j.company_id \
         where j.status = 'published' and j.company_listed = 1 and j.sector = $1 \
         order by j.published_at desc, j.id desc limit {}",
        limit.clamp(1, 100)
    ))
    .bind(sector)
    .fetch_all(db.read())
    .await?;
    listings(db, rows).await
}
