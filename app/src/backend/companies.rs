//! Storage of the company directory: profiles, sectors, former addresses, members, invitations and logos.

use hubboard::{Sector, company::CompanyProfile, markdown};
use sha2::{Digest, Sha256};
use sqlx::{Any, Row, Transaction, any::AnyRow};

use super::cache::{Topic, shows};
use super::db::{Backend, Db, now};
use super::logos::Rendition;
use super::moderation::Consequences;

/// Where a company stands with the moderators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pending,
    Approved,
    Rejected,
    Suspended,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Approved => "approved",
            Status::Rejected => "rejected",
            Status::Suspended => "suspended",
        }
    }

    fn parse(raw: &str) -> Result<Self, sqlx::Error> {
        match raw {
            "pending" => Ok(Status::Pending),
            "approved" => Ok(Status::Approved),
            "rejected" => Ok(Status::Rejected),
            "suspended" => Ok(Status::Suspended),
            other => Err(sqlx::Error::Decode(
                format!("unknown company status {other}").into(),
            )),
        }
    }
}

impl TryFrom<String> for Status {
    type Error = sqlx::Error;

    fn try_from(raw: String) -> Result<Self, sqlx::Error> {
        Status::parse(&raw)
    }
}

/// A member's part in a company's team.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MemberRole {
    /// Manages the team and the profile.
    Owner,
    /// Edits the profile and, later, the company's jobs.
    Editor,
}

impl MemberRole {
    pub fn as_str(self) -> &'static str {
        match self {
            MemberRole::Owner => "owner",
            MemberRole::Editor => "editor",
        }
    }

    fn parse(raw: &str) -> Result<Self, sqlx::Error> {
        match raw {
            "owner" => Ok(MemberRole::Owner),
            "editor" => Ok(MemberRole::Editor),
            other => Err(sqlx::Error::Decode(
                format!("unknown member role {other}").into(),
            )),
        }
    }
}

impl TryFrom<String> for MemberRole {
    type Error = sqlx::Error;

    fn try_from(raw: String) -> Result<Self, sqlx::Error> {
        MemberRole::parse(&raw)
    }
}

/// Text stored one item a line.
#[derive(sqlx::Type)]
#[sqlx(transparent)]
struct Lines(String);

impl From<Lines> for Vec<String> {
    fn from(lines: Lines) -> Self {
        lines.0.lines().map(str::to_owned).collect()
    }
}

/// A company as stored, read with [`COLUMNS`]; its sectors are read from their own table.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Company {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub tagline: String,
    pub description: String,
    pub description_html: String,
    pub website: String,
    pub contact_email: String,
    pub city: String,
    pub country: String,
    pub size: String,
    #[sqlx(try_from = "Lines")]
    pub socials: Vec<String>,
    #[sqlx(try_from = "Lines")]
    pub services: Vec<String>,
    #[sqlx(try_from = "Lines")]
    pub benefits: Vec<String>,
    #[sqlx(try_from = "Lines")]
    pub offices: Vec<String>,
    #[sqlx(skip)]
    pub sectors: Vec<Sector>,
    #[sqlx(try_from = "String")]
    pub status: Status,
    pub decision_reason: Option<String>,
    pub decision_note: String,
    pub submitted_at: Option<i64>,
    pub verified_domain: Option<String>,
    pub logo_version: Option<i64>,
    pub cover_version: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A directory entry: what the list shows of a company.
#[derive(Clone, Debug)]
pub struct Listing {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub tagline: String,
    pub city: String,
    pub country: String,
    pub sectors: Vec<Sector>,
    pub verified: bool,
    pub logo_version: Option<i64>,
    pub status: Status,
    pub decision_reason: Option<String>,
}

/// Why a profile could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("another company has this name")]
    NameTaken,
    #[error("another company has or had this address")]
    SlugTaken,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// The columns of a directory entry, from `companies c`.
const LISTING_COLUMNS: &str = "c.id, c.slug, c.name, c.tagline, c.city, c.country, c.verified_domain, \
                               c.logo_version, c.status, c.decision_reason";

const COLUMNS: &str = "id, slug, name, tagline, description, description_html, website, contact_email, city, \
                       country, size, socials, services, benefits, offices, status, decision_reason, decision_note, \
                       submitted_at, verified_domain, logo_version, cover_version, created_at, updated_at";

fn unique_violation(error: sqlx::Error) -> WriteError {
    match &error {
        sqlx::Error::Database(e) if e.is_unique_violation() => {
            let message = e.message();
            if message.contains("name_key") {
                WriteError::NameTaken
            } else {
                WriteError::SlugTaken
            }
        }
        _ => WriteError::Db(error),
    }
}

/// Fails with [`WriteError::SlugTaken`] if another company once used `slug`: its old links must keep working.
async fn check_former_slug(
    tx: &mut Transaction<'_, Any>,
    slug: &str,
    company_id: i64,
) -> Result<(), WriteError> {
    let owner: Option<i64> =
        sqlx::query_scalar("select company_id from company_slug_history where slug = $1")
            .bind(slug)
            .fetch_optional(&mut **tx)
            .await?;
    match owner {
        Some(owner) if owner != company_id => Err(WriteError::SlugTaken),
        _ => Ok(()),
    }
}

/// Fails with [`WriteError::NameTaken`] if another company has the same name key. Checked before the write so
/// the name, the more telling clash, is reported first on every backend; the unique index still decides races.
async fn check_name_free(
    tx: &mut Transaction<'_, Any>,
    name_key: &str,
    company_id: i64,
) -> Result<(), WriteError> {
    let taken = sqlx::query("select 1 from companies where name_key = $1 and id <> $2")
        .bind(name_key)
        .bind(company_id)
        .fetch_optional(&mut **tx)
        .await?;
    match taken {
        Some(_) => Err(WriteError::NameTaken),
        None => Ok(()),
    }
}

/// Files the company under `sectors`, touching only the sectors that change: each row written is a change to the
/// directory's lists.
async fn write_sectors(
    tx: &mut Transaction<'_, Any>,
    company_id: i64,
    sectors: &[Sector],
) -> Result<(), sqlx::Error> {
    let placeholders: Vec<String> = (2..sectors.len() + 2).map(|i| format!("${i}")).collect();
    let sql = if sectors.is_empty() {
        "delete from company_sectors where company_id = $1".to_owned()
    } else {
        format!(
            "delete from company_sectors where company_id = $1 and sector not in ({})",
            placeholders.join(", ")
        )
    };
    let mut delete = sqlx::query(&sql).bind(company_id);
    for sector in sectors {
        delete = delete.bind(sector.slug);
    }
    delete.execute(&mut **tx).await?;
    for sector in sectors {
        sqlx::query(
            "insert into company_sectors (company_id, sector) values ($1, $2) on conflict do nothing",
        )
        .bind(company_id)
        .bind(sector.slug)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

fn socials_text(profile: &CompanyProfile) -> String {
    profile
        .socials
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A list stored one item a line; items never hold a line break (see `ItemList::parse`).
fn lines_text(items: &[String]) -> String {
    items.join("\n")
}

/// Creates a pending company with `owner` as its first member, all or nothing.
pub async fn create(db: &Db, profile: &CompanyProfile, owner: i64) -> Result<i64, WriteError> {
    let at = now();
    let mut tx = db.write().begin().await?;
    check_name_free(&mut tx, &profile.name.key(), 0).await?;
    check_former_slug(&mut tx, profile.slug.as_str(), 0).await?;
    let row = sqlx::query(
        "insert into companies (slug, name, name_key, initial, tagline, description, description_html, \
         description_text, website, contact_email, city, country, size, socials, services, benefits, offices, status, \
         created_by, created_at, updated_at, submitted_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, \
         $13, $14, $15, $16, $17, 'pending', $18, $19, $19, $19) \
         returning id",
    )
    .bind(profile.slug.as_str())
    .bind(profile.name.as_str())
    .bind(profile.name.key())
    .bind(profile.name.initial().to_string())
    .bind(&profile.tagline)
    .bind(&profile.description)
    .bind(markdown::to_safe_html(&profile.description))
    .bind(markdown::to_plain_text(&profile.description))
    .bind(profile.website.as_str())
    .bind(profile.contact_email.as_str())
    .bind(&profile.city)
    .bind(&profile.country)
    .bind(profile.size.as_str())
    .bind(socials_text(profile))
    .bind(lines_text(&profile.services))
    .bind(lines_text(&profile.benefits))
    .bind(lines_text(&profile.offices))
    .bind(owner)
    .bind(at)
    .fetch_one(&mut *tx)
    .await
    .map_err(unique_violation)?;
    let id: i64 = row.try_get("id")?;
    write_sectors(&mut tx, id, &profile.sectors).await?;
    sqlx::query("insert into company_members (company_id, user_id, role, joined_at) values ($1, $2, 'owner', $3)")
        .bind(id)
        .bind(owner)
        .bind(at)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// Where a team's change to a profile went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Saved {
    /// Written to the profile.
    InPlace,
    /// A new name or description of an approved company: kept for the moderators while the approved ones stay
    /// public; the rest of the change is written.
    InReview,
}

/// Gives company `id` its name, address and description, keeping the old address as a redirect.
async fn write_identity(
    tx: &mut Transaction<'_, Any>,
    id: i64,
    name: &hubboard::company::CompanyName,
    slug: &str,
    description: &str,
) -> Result<(), WriteError> {
    let (old_slug, old_name): (String, String) =
        sqlx::query_as("select slug, name from companies where id = $1")
            .bind(id)
            .fetch_one(&mut **tx)
            .await?;
    check_name_free(tx, &name.key(), id).await?;
    if old_slug != slug {
        check_former_slug(tx, slug, id).await?;
        sqlx::query("delete from company_slug_history where slug = $1")
            .bind(slug)
            .execute(&mut **tx)
            .await?;
        sqlx::query("insert into company_slug_history (slug, company_id) values ($1, $2)")
            .bind(&old_slug)
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    sqlx::query(
        "update companies set slug = $1, name = $2, name_key = $3, initial = $4, description = $5, \
         description_html = $6, description_text = $7, updated_at = $8 where id = $9",
    )
    .bind(slug)
    .bind(name.as_str())
    .bind(name.key())
    .bind(name.initial().to_string())
    .bind(description)
    .bind(markdown::to_safe_html(description))
    .bind(markdown::to_plain_text(description))
    .bind(now())
    .bind(id)
    .execute(&mut **tx)
    .await
    .map_err(unique_violation)?;
    // The jobs keep a copy of the name: only a new one is copied to them (their number grows with the company).
    if old_name != name.as_str() {
        sync_jobs(tx, id).await?;
    }
    Ok(())
}

/// Saves a team's change to `company`. A new name or description of an approved company waits for review (the
/// slug with the name); everything else is written at once, and a pending revision the change undoes is dropped.
pub async fn update(
    db: &Db,
    company: &Company,
    profile: &CompanyProfile,
    by: Option<i64>,
) -> Result<Saved, WriteError> {
    let id = company.id;
    let material =
        profile.name.as_str() != company.name || profile.description != company.description;
    let mut tx = db.write().begin().await?;
    let saved = if company.status == Status::Approved && material {
        // Refuse a clash now rather than when a moderator approves.
        check_name_free(&mut tx, &profile.name.key(), id).await?;
        check_former_slug(&mut tx, profile.slug.as_str(), id).await?;
        let taken = sqlx::query("select 1 from companies where slug = $1 and id <> $2")
            .bind(profile.slug.as_str())
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        if taken.is_some() {
            return Err(WriteError::SlugTaken);
        }
        sqlx::query("delete from company_revisions where company_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "insert into company_revisions (company_id, name, slug, description, submitted_by, submitted_at) \
             values ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(profile.name.as_str())
        .bind(profile.slug.as_str())
        .bind(&profile.description)
        .bind(by)
        .bind(now())
        .execute(&mut *tx)
        .await?;
        Saved::InReview
    } else {
        write_identity(
            &mut tx,
            id,
            &profile.name,
            profile.slug.as_str(),
            &profile.description,
        )
        .await?;
        sqlx::query("delete from company_revisions where company_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        // A refused company that its team corrects goes back to the moderators.
        sqlx::query("update companies set status = 'pending', submitted_at = $1 where id = $2 and status = 'rejected'")
            .bind(now())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        Saved::InPlace
    };
    sqlx::query(
        "update companies set tagline = $1, website = $2, contact_email = $3, city = $4, country = $5, size = $6, \
         socials = $7, services = $8, benefits = $9, offices = $10, updated_at = $11 where id = $12",
    )
    .bind(&profile.tagline)
    .bind(profile.website.as_str())
    .bind(profile.contact_email.as_str())
    .bind(&profile.city)
    .bind(&profile.country)
    .bind(profile.size.as_str())
    .bind(socials_text(profile))
    .bind(lines_text(&profile.services))
    .bind(lines_text(&profile.benefits))
    .bind(lines_text(&profile.offices))
    .bind(now())
    .bind(id)
    .execute(&mut *tx)
    .await?;
    write_sectors(&mut tx, id, &profile.sectors).await?;
    tx.commit().await?;
    Ok(saved)
}

/// An approved company's new name and description waiting for review, or refused with a reason.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Revision {
    pub name: String,
    pub slug: String,
    pub description: String,
    /// `pending` or `rejected`.
    pub status: String,
    pub decision_reason: Option<String>,
    pub decision_note: String,
    pub submitted_at: i64,
}

/// Company `id`'s revision, if it has one.
pub async fn revision(db: &Db, id: i64) -> Result<Option<Revision>, sqlx::Error> {
    sqlx::query_as("select * from company_revisions where company_id = $1")
        .bind(id)
        .fetch_optional(db.read())
        .await
}

/// Makes company `id`'s pending revision public, with the team's mail and the audit row. `Ok(false)` if there is
/// none pending (another moderator decided it).
pub async fn approve_revision(
    db: &Db,
    id: i64,
    notify: &[super::mail::Outgoing],
    audit: &super::moderation::Audit,
) -> Result<bool, WriteError> {
    let Some(revision) = revision(db, id).await?.filter(|r| r.status == "pending") else {
        return Ok(false);
    };
    let name = hubboard::company::CompanyName::parse(&revision.name)
        .map_err(|e| WriteError::Db(sqlx::Error::Decode(Box::new(e))))?;
    let mut tx = db.write().begin().await?;
    let claimed = sqlx::query(
        "delete from company_revisions where company_id = $1 and status = 'pending' and submitted_at = $2",
    )
    .bind(id)
    .bind(revision.submitted_at)
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() != 1 {
        return Ok(false);
    }
    write_identity(&mut tx, id, &name, &revision.slug, &revision.description).await?;
    let consequences = Consequences {
        notify,
        audit: Some(audit),
    };
    consequences.write(&mut tx).await?;
    tx.commit().await?;
    Ok(true)
}

/// Refuses company `id`'s pending revision with a reason the team sees. False if none is pending.
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
        "update company_revisions set status = 'rejected', decision_reason = $1, decision_note = $2 \
         where company_id = $3 and status = 'pending'",
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

async fn sectors_of(db: &Db, ids: &[i64]) -> Result<Vec<(i64, Sector)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "select company_id, sector from company_sectors where company_id in ({}) order by sector",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_as::<_, (i64, String)>(&sql);
    for id in ids {
        query = query.bind(*id);
    }
    let rows = query.fetch_all(db.read()).await?;
    // A sector no longer in the taxonomy is left out.
    Ok(rows
        .into_iter()
        .filter_map(|(id, slug)| Some((id, Sector::find(&slug)?)))
        .collect())
}

async fn with_sectors(db: &Db, company: Option<Company>) -> Result<Option<Company>, sqlx::Error> {
    let Some(mut company) = company else {
        return Ok(None);
    };
    shows([Topic::Company(company.id)]);
    company.sectors = sectors_of(db, &[company.id])
        .await?
        .into_iter()
        .map(|(_, s)| s)
        .collect();
    Ok(Some(company))
}

/// The company at this address.
pub async fn by_slug(db: &Db, slug: &str) -> Result<Option<Company>, sqlx::Error> {
    let row = sqlx::query_as(&format!("select {COLUMNS} from companies where slug = $1"))
        .bind(slug)
        .fetch_optional(db.read())
        .await?;
    if row.is_none() {
        // An address comes into use with a new or renamed company, which moves the companies' lists.
        shows([Topic::Companies]);
    }
    with_sectors(db, row).await
}

/// The company with this id.
pub async fn by_id(db: &Db, id: i64) -> Result<Option<Company>, sqlx::Error> {
    shows([Topic::Company(id)]);
    let row = sqlx::query_as(&format!("select {COLUMNS} from companies where id = $1"))
        .bind(id)
        .fetch_optional(db.read())
        .await?;
    with_sectors(db, row).await
}

/// Whether company `id` is approved (and so listed with its jobs).
pub async fn is_approved(db: &Db, id: i64) -> Result<bool, sqlx::Error> {
    shows([Topic::CompanyCard(id)]);
    Ok(
        sqlx::query("select 1 as one from companies where id = $1 and status = 'approved'")
            .bind(id)
            .fetch_optional(db.read())
            .await?
            .is_some(),
    )
}

/// What an address leads to.
#[derive(Clone, Debug)]
pub enum Lookup {
    Found(Box<Company>),
    /// A former address, and the company's current one.
    Moved(String),
    Missing,
}

/// The company at `slug`, or where a former address of one now leads.
pub async fn lookup(db: &Db, slug: &str) -> Result<Lookup, sqlx::Error> {
    if let Some(company) = by_slug(db, slug).await? {
        return Ok(Lookup::Found(Box::new(company)));
    }
    Ok(match renamed_to(db, slug).await? {
        Some(current) => Lookup::Moved(current),
        None => Lookup::Missing,
    })
}

/// The current address of the company that used to be at `slug`.
pub async fn renamed_to(db: &Db, slug: &str) -> Result<Option<String>, sqlx::Error> {
    shows([Topic::Companies]);
    sqlx::query_scalar(
        "select c.slug from company_slug_history h join companies c on c.id = h.company_id where h.slug = $1",
    )
    .bind(slug)
    .fetch_optional(db.read())
    .await
}

/// Whether a name (compared without case or punctuation) is used by a company other than `except`.
pub async fn name_taken(db: &Db, name_key: &str, except: i64) -> Result<bool, sqlx::Error> {
    Ok(
        sqlx::query("select id from companies where name_key = $1 and id <> $2")
            .bind(name_key)
            .bind(except)
            .fetch_optional(db.read())
            .await?
            .is_some(),
    )
}

/// A moderator's decision on a company, and what is written with it.
pub struct Decision<'a> {
    pub to: Status,
    pub reason: Option<&'a str>,
    pub note: &'a str,
    pub by: Option<i64>,
    pub notify: &'a [super::mail::Outgoing],
    pub audit: Option<&'a super::moderation::Audit>,
}

/// Records a moderator's decision if the company is still in one of `from`; false if it is not (another
/// moderator decided first).
pub async fn decide(
    db: &Db,
    id: i64,
    from: &[Status],
    change: Decision<'_>,
) -> Result<bool, sqlx::Error> {
    let states: Vec<String> = from.iter().map(|s| format!("'{}'", s.as_str())).collect();
    let mut tx = db.write().begin().await?;
    let result = sqlx::query(&format!(
        "update companies set status = $1, decision_reason = $2, decision_note = $3, decided_by = $4, decided_at = $5 \
         where id = $6 and status in ({})",
        states.join(", ")
    ))
    .bind(change.to.as_str())
    .bind(change.reason)
    .bind(change.note)
    .bind(change.by)
    .bind(now())
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if result.rows_affected() == 1 {
        // The company's jobs are listed exactly while the company is.
        sync_jobs(&mut tx, id).await?;
        let consequences = Consequences {
            notify: change.notify,
            audit: change.audit,
        };
        consequences.write(&mut tx).await?;
    }
    tx.commit().await?;
    Ok(result.rows_affected() == 1)
}

/// Takes the verified badge from companies whose domain can no longer carry one (a free-mail provider or a public
/// suffix, see [`super::domains`]), as granted before those were refused. Answers how many lost it.
pub async fn revoke_unverifiable_badges(db: &Db) -> Result<usize, sqlx::Error> {
    let verified: Vec<(i64, String)> = sqlx::query_as(
        "select id, verified_domain from companies where verified_domain is not null",
    )
    .fetch_all(db.read())
    .await?;
    let mut revoked = 0;
    for (id, domain) in verified {
        if super::domains::refusal(&domain).is_some() {
            set_verified(db, id, None).await?;
            revoked += 1;
        }
    }
    Ok(revoked)
}

/// Marks a company's domain as proven; `None` takes the badge away.
pub async fn set_verified(db: &Db, id: i64, domain: Option<&str>) -> Result<(), sqlx::Error> {
    let mut tx = db.write().begin().await?;
    sqlx::query("update companies set verified_domain = $1, verified_at = $2 where id = $3")
        .bind(domain)
        .bind(domain.map(|_| now()))
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// What the directory is asked for.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Words to search for; anything that is not a letter or digit separates words.
    pub text: String,
    pub sector: Option<Sector>,
    /// A country, or a city and its country.
    pub country: Option<String>,
    pub city: Option<String>,
    /// `A`–`Z`, or `#` for names starting otherwise.
    pub initial: Option<char>,
    /// Only companies with open jobs.
    pub hiring: bool,
}

/// One page of approved companies matching `filter`, and how many match in all.
pub async fn search(
    db: &Db,
    filter: &Filter,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Listing>, i64), sqlx::Error> {
    let words = hubboard::search::words(&filter.text);
    shows([Topic::Companies]);
    if !words.is_empty() {
        shows([Topic::CompanyWords]);
    }
    if filter.hiring {
        shows([Topic::Jobs]);
    }
    let mut conditions = vec!["c.status = 'approved'".to_owned()];
    let mut binds: Vec<String> = Vec::new();
    let next = |binds: &mut Vec<String>, value: String| {
        binds.push(value);
        format!("${}", binds.len())
    };
    let from = "companies c";
    let mut list_with = String::new();
    let mut list_from = from.to_owned();
    let mut order = "c.name_key".to_owned();
    // The condition that the words match, for the count only when the list joins the matches.
    let mut match_condition = None;
    if !words.is_empty() {
        match db.backend() {
            Backend::Sqlite => {
                let query = hubboard::search::fts5_query(&words);
                let p = next(&mut binds, query);
                // Filtering by `in` lets SQLite run the match once; a join would probe the index per company.
                match_condition = Some(format!(
                    "c.id in (select rowid from companies_fts where companies_fts match {p})"
                ));
                // The list needs the rank: the matches are materialised first, then joined (and counted with
                // the page, as every match is ranked anyway).
                list_with = format!(
                    "with f as materialized (select rowid as id, rank from companies_fts \
                     where companies_fts match {p}) "
                );
                list_from = "f join companies c on c.id = f.id".to_owned();
                order = "f.rank, c.name_key".to_owned();
            }
            Backend::Postgres => {
                let query = hubboard::search::ts_query(&words);
                let p = next(&mut binds, query);
                conditions.push(format!("c.search @@ to_tsquery('simple', {p})"));
                order = format!("ts_rank(c.search, to_tsquery('simple', {p})) desc, c.name_key");
            }
        }
    }
    if let Some(sector) = filter.sector {
        let p = next(&mut binds, sector.slug.to_owned());
        conditions.push(format!(
            "exists (select 1 from company_sectors s where s.company_id = c.id and s.sector = {p})"
        ));
    }
    if let Some(country) = &filter.country {
        let p = next(&mut binds, country.clone());
        conditions.push(format!("c.country = {p}"));
    }
    if let Some(city) = &filter.city {
        let p = next(&mut binds, city.clone());
        conditions.push(format!("c.city = {p}"));
    }
    if let Some(initial) = filter.initial {
        let p = next(&mut binds, initial.to_string());
        conditions.push(format!("c.initial = {p}"));
    }
    if filter.hiring {
        conditions.push(
            "exists (select 1 from jobs j where j.company_id = c.id and j.status = 'published')"
                .to_owned(),
        );
    }
    let where_sql = conditions.join(" and ");
    let count_sql = |condition: Option<&str>| match condition {
        Some(condition) => {
            format!("select count(*) as n from {from} where {where_sql} and {condition}")
        }
        None => format!("select count(*) as n from {from} where {where_sql}"),
    };
    let limit = limit.clamp(1, 100);
    let offset = offset.max(0);
    let (rows, total) = if match_condition.is_some() {
        let list_sql = format!(
            "{list_with}select {LISTING_COLUMNS}, count(*) over () as total from {list_from} where {where_sql} \
             order by {order} limit {limit} offset {offset}"
        );
        #[derive(sqlx::FromRow)]
        struct Counted {
            #[sqlx(flatten)]
            listing: ListingRow,
            total: i64,
        }
        let rows: Vec<Counted> = with_binds(&list_sql, &binds).fetch_all(db.read()).await?;
        let total = match rows.first() {
            Some(row) => row.total,
            // Past the last page, the page itself cannot say how many there are.
            None if offset > 0 => {
                let sql = count_sql(match_condition.as_deref());
                with_binds::<(i64,)>(&sql, &binds)
                    .fetch_one(db.read())
                    .await?
                    .0
            }
            None => 0,
        };
        (rows.into_iter().map(|row| row.listing).collect(), total)
    } else {
        let (total,) = with_binds::<(i64,)>(&count_sql(None), &binds)
            .fetch_one(db.read())
            .await?;
        if total == 0 {
            return Ok((Vec::new(), 0));
        }
        let list_sql = format!(
            "{list_with}select {LISTING_COLUMNS} from {list_from} where {where_sql} order by {order} \
             limit {limit} offset {offset}"
        );
        (
            with_binds(&list_sql, &binds).fetch_all(db.read()).await?,
            total,
        )
    };
    Ok((listings(db, rows).await?, total))
}

/// `sql` with `binds` bound in order, read as `T`.
fn with_binds<'q, T>(
    sql: &'q str,
    binds: &[String],
) -> sqlx::query::QueryAs<'q, Any, T, sqlx::any::AnyArguments<'q>>
where
    T: for<'r> sqlx::FromRow<'r, AnyRow>,
{
    binds
        .iter()
        .fold(sqlx::query_as(sql), |query, bind| query.bind(bind.clone()))
}

/// A directory entry as read with [`LISTING_COLUMNS`].
#[derive(sqlx::FromRow)]
struct ListingRow {
    id: i64,
    slug: String,
    name: String,
    tagline: String,
    city: String,
    country: String,
    verified_domain: Option<String>,
    logo_version: Option<i64>,
    #[sqlx(try_from = "String")]
    status: Status,
    decision_reason: Option<String>,
}

/// The listings of `rows`, noting that the answer shows each company.
async fn listings(db: &Db, rows: Vec<ListingRow>) -> Result<Vec<Listing>, sqlx::Error> {
    let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
    shows(ids.iter().map(|&id| Topic::Company(id)));
    let sectors = sectors_of(db, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|row| Listing {
            sectors: sectors
                .iter()
                .filter(|(c, _)| *c == row.id)
                .map(|(_, s)| *s)
                .collect(),
            verified: row.verified_domain.is_some(),
            id: row.id,
            slug: row.slug,
            name: row.name,
            tagline: row.tagline,
            city: row.city,
            country: row.country,
            logo_version: row.logo_version,
            status: row.status,
            decision_reason: row.decision_reason,
        })
        .collect())
}

/// The places approved companies are in, as (country, city, how many), for the location filter.
pub async fn locations(db: &Db) -> Result<Vec<(String, String, i64)>, sqlx::Error> {
    shows([Topic::Companies]);
    sqlx::query_as(
        "select country, city, count(*) as n from companies where status = 'approved' \
         group by country, city order by country, city",
    )
    .fetch_all(db.read())
    .await
}

/// The first letters that approved companies' names start with.
pub async fn initials(db: &Db) -> Result<Vec<char>, sqlx::Error> {
    shows([Topic::Companies]);
    let rows = sqlx::query(
        "select distinct initial from companies where status = 'approved' order by initial",
    )
    .fetch_all(db.read())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(r.try_get::<String, _>("initial")?
                .chars()
                .next()
                .unwrap_or('#'))
        })
        .collect()
}

/// The most recently approved company, for the sidebar.
pub async fn spotlight(db: &Db) -> Result<Option<Listing>, sqlx::Error> {
    shows([Topic::Companies]);
    let rows = sqlx::query_as(&format!(
        "select {LISTING_COLUMNS} from companies c where status = 'approved' order by decided_at desc limit 1"
    ))
    .fetch_all(db.read())
    .await?;
    Ok(listings(db, rows).await?.into_iter().next())
}

/// The companies `user_id` belongs to, with their role in each, newest first.
pub async fn of_member(db: &Db, user_id: i64) -> Result<Vec<(Listing, MemberRole)>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Membership {
        #[sqlx(flatten)]
        listing: ListingRow,
        #[sqlx(try_from = "String")]
        role: MemberRole,
    }
    let rows = sqlx::query_as::<_, Membership>(&format!(
        "select {LISTING_COLUMNS}, m.role from companies c join company_members m on m.company_id = c.id \
         where m.user_id = $1 order by c.created_at desc, c.id desc"
    ))
    .bind(user_id)
    .fetch_all(db.read())
    .await?;
    let (listing_rows, roles): (Vec<ListingRow>, Vec<MemberRole>) =
        rows.into_iter().map(|row| (row.listing, row.role)).unzip();
    Ok(listings(db, listing_rows)
        .await?
        .into_iter()
        .zip(roles)
        .collect())
}

/// The part `user_id` plays in the company's team, if any.
pub async fn role_of(
    db: &Db,
    company_id: i64,
    user_id: i64,
) -> Result<Option<MemberRole>, sqlx::Error> {
    sqlx::query_scalar::<_, String>(
        "select role from company_members where company_id = $1 and user_id = $2",
    )
    .bind(company_id)
    .bind(user_id)
    .fetch_optional(db.read())
    .await?
    .map(MemberRole::try_from)
    .transpose()
}

/// One member of a team.
#[derive(Clone, Debug)]
pub struct Member {
    pub user_id: i64,
    pub email: String,
    pub email_verified: bool,
    pub role: MemberRole,
    pub joined_at: i64,
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    user_id: i64,
    email: String,
    email_verified_at: Option<i64>,
    #[sqlx(try_from = "String")]
    role: MemberRole,
    joined_at: i64,
}

/// A company's team, owners first.
pub async fn members(db: &Db, company_id: i64) -> Result<Vec<Member>, sqlx::Error> {
    let rows = sqlx::query_as::<_, MemberRow>(
        "select m.user_id, u.email, u.email_verified_at, m.role, m.joined_at from company_members m \
         join users u on u.id = m.user_id where m.company_id = $1 order by m.role desc, m.joined_at, u.email",
    )
    .bind(company_id)
    .fetch_all(db.read())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Member {
            user_id: r.user_id,
            email: r.email,
            email_verified: r.email_verified_at.is_some(),
            role: r.role,
            joined_at: r.joined_at,
        })
        .collect())
}

/// Removes an editor from the team. Owners are never removed this way.
pub async fn remove_editor(db: &Db, company_id: i64, user_id: i64) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "delete from company_members where company_id = $1 and user_id = $2 and role = 'editor'",
    )
    .bind(company_id)
    .bind(user_id)
    .execute(db.write())
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Makes the editor `to` the owner and the current owner `from` an editor, together.
pub async fn transfer_ownership(
    db: &Db,
    company_id: i64,
    from: i64,
    to: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.write().begin().await?;
    let promoted = sqlx::query(
        "update company_members set role = 'owner' where company_id = $1 and user_id = $2 and role = 'editor'",
    )
    .bind(company_id)
    .bind(to)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if promoted != 1 {
        tx.rollback().await?;
        return Ok(false);
    }
    sqlx::query(
        "update company_members set role = 'editor' where company_id = $1 and user_id = $2",
    )
    .bind(company_id)
    .bind(from)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Invitations last this long.
pub const INVITATION_TTL_SECS: i64 = 7 * 24 * 3600;

/// The stored form of an invitation token.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// An open invitation.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Invitation {
    pub id: i64,
    pub company_id: i64,
    pub email: String,
    pub expires_at: i64,
    pub accepted_at: Option<i64>,
}

/// Stores an invitation whose link carries `token`; an open invitation to the same address is replaced.
pub async fn invite(
    db: &Db,
    company_id: i64,
    email: &str,
    token: &str,
    by: i64,
    message: &super::mail::Outgoing,
) -> Result<(), sqlx::Error> {
    let at = now();
    let mut tx = db.write().begin().await?;
    sqlx::query("delete from company_invitations where company_id = $1 and email = $2 and accepted_at is null")
        .bind(company_id)
        .bind(email)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "insert into company_invitations (company_id, email, token_hash, invited_by, created_at, expires_at) \
         values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(company_id)
    .bind(email)
    .bind(token_hash(token))
    .bind(by)
    .bind(at)
    .bind(at + INVITATION_TTL_SECS)
    .execute(&mut *tx)
    .await?;
    super::mail::enqueue(&mut tx, message).await?;
    tx.commit().await?;
    Ok(())
}

/// The invitation whose link carries `token`.
pub async fn invitation(db: &Db, token: &str) -> Result<Option<Invitation>, sqlx::Error> {
    sqlx::query_as(
        "select id, company_id, email, expires_at, accepted_at from company_invitations where token_hash = $1",
    )
    .bind(token_hash(token))
    .fetch_optional(db.read())
    .await
}

/// The open invitations of a company.
pub async fn pending_invitations(db: &Db, company_id: i64) -> Result<Vec<Invitation>, sqlx::Error> {
    sqlx::query_as(
        "select id, company_id, email, expires_at, accepted_at from company_invitations \
         where company_id = $1 and accepted_at is null and expires_at > $2 order by created_at",
    )
    .bind(company_id)
    .bind(now())
    .fetch_all(db.read())
    .await
}

/// Withdraws an open invitation.
pub async fn withdraw_invitation(db: &Db, company_id: i64, id: i64) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "delete from company_invitations where id = $1 and company_id = $2 and accepted_at is null",
    )
    .bind(id)
    .bind(company_id)
    .execute(db.write())
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Uses an invitation once: `user_id` joins as an editor (or stays what they were) and the invitation is spent.
/// False if it was already used or has expired.
pub async fn accept_invitation(
    db: &Db,
    invitation_id: i64,
    user_id: i64,
) -> Result<bool, sqlx::Error> {
    let at = now();
    let mut tx = db.write().begin().await?;
    let row = sqlx::query(
        "update company_invitations set accepted_at = $1 where id = $2 and accepted_at is null and expires_at > $1 \
         returning company_id",
    )
    .bind(at)
    .bind(invitation_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(row) = row else {
        tx.rollback().await?;
        return Ok(false);
    };
    let company_id: i64 = row.try_get("company_id")?;
    sqlx::query(
        "insert into company_members (company_id, user_id, role, joined_at) values ($1, $2, 'editor', $3) \
         on conflict (company_id, user_id) do nothing",
    )
    .bind(company_id)
    .bind(user_id)
    .bind(at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Replaces the company's logo with new renditions, and changes its address so caches fetch the new one.
pub async fn set_logo(
    db: &Db,
    company_id: i64,
    renditions: &[Rendition],
) -> Result<i64, sqlx::Error> {
    let mut tx = db.write().begin().await?;
    sqlx::query("delete from company_logos where company_id = $1")
        .bind(company_id)
        .execute(&mut *tx)
        .await?;
    for rendition in renditions {
        sqlx::query("insert into company_logos (company_id, size, png) values ($1, $2, $3)")
            .bind(company_id)
            .bind(i64::from(rendition.size))
            .bind(rendition.png.clone())
            .execute(&mut *tx)
            .await?;
    }
    let version: i64 = sqlx::query(
        "update companies set logo_version = coalesce(logo_version, 0) + 1, updated_at = $1 where id = $2 \
         returning logo_version",
    )
    .bind(now())
    .bind(company_id)
    .fetch_one(&mut *tx)
    .await?
    .try_get("logo_version")?;
    tx.commit().await?;
    Ok(version)
}

/// Removes the company's logo.
pub async fn remove_logo(db: &Db, company_id: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.write().begin().await?;
    sqlx::query("delete from company_logos where company_id = $1")
        .bind(company_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("update companies set logo_version = null, updated_at = $1 where id = $2")
        .bind(now())
        .bind(company_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// A stored logo rendition with the company's status, which decides who may see it.
pub async fn logo(
    db: &Db,
    company_id: i64,
    size: u32,
) -> Result<Option<(Vec<u8>, Status)>, sqlx::Error> {
    let row: Option<(Vec<u8>, String)> = sqlx::query_as(
        "select l.png, c.status from company_logos l join companies c on c.id = l.company_id \
         where l.company_id = $1 and l.size = $2",
    )
    .bind(company_id)
    .bind(i64::from(size))
    .fetch_optional(db.read())
    .await?;
    row.map(|(png, status)| Ok((png, Status::try_from(status)?)))
        .transpose()
}

/// Replaces the company's cover with new renditions (named `wide` and `narrow`), and changes its address so caches
/// fetch the new one. Returns the new version.
pub async fn set_cover(
    db: &Db,
    company_id: i64,
    renditions: &[super::logos::Picture],
) -> Result<i64, sqlx::Error> {
    let mut tx = db.write().begin().await?;
    super::pictures::replace(
        &mut tx,
        super::pictures::Pictures::Cover,
        company_id,
        renditions,
    )
    .await?;
    let version: i64 = sqlx::query_scalar(
        "update companies set cover_version = coalesce(cover_version, 0) + 1, updated_at = $1 where id = $2 \
         returning cover_version",
    )
    .bind(now())
    .bind(company_id)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(version)
}

/// Removes the company's cover; its profile shows the plain band again.
pub async fn remove_cover(db: &Db, company_id: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.write().begin().await?;
    sqlx::query("delete from company_covers where company_id = $1")
        .bind(company_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("update companies set cover_version = null, updated_at = $1 where id = $2")
        .bind(now())
        .bind(company_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// A stored cover rendition (`wide` or `narrow`): its format and bytes, with the company's status, which decides
/// who may see it.
pub async fn cover(
    db: &Db,
    company_id: i64,
    size: &str,
) -> Result<Option<(String, Vec<u8>, Status)>, sqlx::Error> {
    let row: Option<(String, Vec<u8>, String)> = sqlx::query_as(
        "select v.format, v.bytes, c.status from company_covers v join companies c on c.id = v.company_id \
         where v.company_id = $1 and v.size = $2",
    )
    .bind(company_id)
    .bind(size)
    .fetch_optional(db.read())
    .await?;
    row.map(|(format, bytes, status)| Ok((format, bytes, Status::try_from(status)?)))
        .transpose()
}

/// How many companies are approved, for the directory's heading and the sidebar.
pub async fn approved_count(db: &Db) -> Result<i64, sqlx::Error> {
    shows([Topic::Companies]);
    sqlx::query_scalar("select count(*) as n from companies where status = 'approved'")
        .fetch_one(db.read())
        .await
}

/// The directory's filter lists (places and initials), which change rarely but cost a scan to build.
#[derive(Clone, Debug)]
pub struct FilterLists {
    pub locations: Vec<(String, String, i64)>,
    pub initials: Vec<char>,
}

/// Reads the directory's filter lists.
pub async fn filter_lists(db: &Db) -> Result<FilterLists, sqlx::Error> {
    Ok(FilterLists {
        locations: locations(db).await?,
        initials: initials(db).await?,
    })
}

/// The approved companies among `ids`, by name.
pub async fn approved_by_ids(db: &Db, ids: &[i64]) -> Result<Vec<Listing>, sqlx::Error> {
    // Those not approved now are shown once they are.
    shows(ids.iter().map(|&id| Topic::Company(id)));
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "select {LISTING_COLUMNS} from companies c where id in ({}) and status = 'approved' order by name_key",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_as(&sql);
    for id in ids {
        query = query.bind(*id);
    }
    let rows = query.fetch_all(db.read()).await?;
    listings(db, rows).await
}

/// Approved companies filed under `sector`, the most recently approved first, at most `limit`.
pub async fn approved_in_sector(
    db: &Db,
    sector: &str,
    limit: i64,
) -> Result<Vec<Listing>, sqlx::Error> {
    shows([Topic::Companies]);
    let rows = sqlx::query_as(&format!(
        "select {LISTING_COLUMNS} from companies c join company_sectors s on s.company_id = c.id \
         where s.sector = $1 and c.status = 'approved' order by c.decided_at desc, c.id desc limit {}",
        limit.clamp(1, 100)
    ))
    .bind(sector)
    .fetch_all(db.read())
    .await?;
    listings(db, rows).await
}

/// The id of the company a reference names: its address (or a link to its page) or its name.
pub async fn resolve(db: &Db, reference: &str) -> Result<Option<i64>, sqlx::Error> {
    let reference = reference.trim();
    let slug = reference
        .rsplit_once("/companies/")
        .map_or(reference, |(_, rest)| rest)
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    let key = hubboard::company::CompanyName::parse(reference)
        .map(|name| name.key())
        .unwrap_or_default();
    sqlx::query_scalar(
        "select id from companies where slug = $1 or name_key = $2 order by id limit 1",
    )
    .bind(slug)
    .bind(key)
    .fetch_optional(db.read())
    .await
}

/// Keeps the copies of a company's name and listing in its jobs in step with the company. Only jobs whose copy
/// differs are written, so most changes to a company (its tagline, its website) leave its jobs as they were; what
/// job pages and cards show of the company beside the copies (its address, logo, badge) is read with them, and
/// cached answers note the company too.
async fn sync_jobs(tx: &mut Transaction<'_, Any>, company_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update jobs set company_name = c.name, \
         company_listed = case when c.status = 'approved' then 1 else 0 end \
         from (select name, status from companies where id = $1) as c \
         where jobs.company_id = $1 and (jobs.company_name <> c.name \
         or jobs.company_listed <> case when c.status = 'approved' then 1 else 0 end)",
    )
    .bind(company_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
