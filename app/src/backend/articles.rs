//! Storage of news articles: the articles, their categories, tags, typed links to companies and jobs, images and
//! the public lists (latest, per kind, tag, category and company).
//!
//! An article is public when its status is `published` and its `publish_at` has come; a scheduled article is
//! stored as published with a later `publish_at` and every public query leaves it out until then.

use hubboard::{
    Sector,
    article::{ArticleDraft, Kind, Tag},
    markdown,
};
use sqlx::{Any, FromRow, Row, Transaction, any::AnyRow};

use super::moderation::Consequences;
use super::{
    cache::{Topic, shows},
    db::{Db, now},
};

/// Where an article stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Being written by an editor, or taken down.
    #[default]
    Draft,
    /// Written by a company's member, waiting for an editor.
    Submitted,
    /// Public from `publish_at` on.
    Published,
    /// Refused, with the reason.
    Rejected,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::Published => "published",
            Status::Rejected => "rejected",
        }
    }

    fn parse(raw: &str) -> Result<Self, sqlx::Error> {
        match raw {
            "draft" => Ok(Status::Draft),
            "submitted" => Ok(Status::Submitted),
            "published" => Ok(Status::Published),
            "rejected" => Ok(Status::Rejected),
            other => Err(sqlx::Error::Decode(
                format!("unknown article status {other}").into(),
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

/// An article's kind as stored.
#[derive(sqlx::Type)]
#[sqlx(transparent)]
struct KindCode(String);

impl TryFrom<KindCode> for Kind {
    type Error = sqlx::Error;

    fn try_from(code: KindCode) -> Result<Self, sqlx::Error> {
        Kind::find(&code.0)
            .ok_or_else(|| sqlx::Error::Decode(format!("unknown article kind {}", code.0).into()))
    }
}

/// How a story relates to a company.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// The company is the subject.
    About,
    /// The company is named in passing.
    Mentions,
}

impl Relation {
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::About => "about",
            Relation::Mentions => "mentions",
        }
    }
}

/// A company an article links to.
#[derive(Clone, Debug)]
pub struct LinkedCompany {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub tagline: String,
    pub logo_version: Option<i64>,
    pub approved: bool,
    pub relation: Relation,
}

/// A job an article links to, whatever its status.
#[derive(Clone, Debug)]
pub struct LinkedJob {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub company_name: String,
}

/// An article as stored, read with [`COLUMNS`], with everything linked to it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Article {
    pub id: i64,
    pub slug: String,
    #[sqlx(try_from = "KindCode")]
    pub kind: Kind,
    pub title: String,
    pub standfirst: String,
    pub body: String,
    pub body_html: String,
    pub data_text: String,
    pub author_name: String,
    pub source_url: Option<String>,
    #[sqlx(try_from = "String")]
    pub status: Status,
    pub publish_at: Option<i64>,
    pub decision_reason: Option<String>,
    pub decision_note: String,
    /// When a company member last sent it to the editors.
    pub submitted_at: Option<i64>,
    pub submitted_for: Option<i64>,
    pub created_by: Option<i64>,
    pub image_version: Option<i64>,
    pub image_alt: String,
    pub created_at: i64,
    pub updated_at: i64,
    #[sqlx(skip)]
    pub categories: Vec<Sector>,
    #[sqlx(skip)]
    pub tags: Vec<Tag>,
    #[sqlx(skip)]
    pub companies: Vec<LinkedCompany>,
    #[sqlx(skip)]
    pub jobs: Vec<LinkedJob>,
}

impl Article {
    /// Whether anyone may read it at `at`.
    pub fn is_public(&self, at: i64) -> bool {
        self.status == Status::Published && self.publish_at.is_some_and(|p| p <= at)
    }
}

/// What a list shows of an article, read with [`SUMMARY_COLUMNS`].
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Summary {
    pub id: i64,
    pub slug: String,
    #[sqlx(try_from = "KindCode")]
    pub kind: Kind,
    pub title: String,
    pub standfirst: String,
    pub author_name: String,
    #[sqlx(try_from = "String")]
    pub status: Status,
    pub publish_at: Option<i64>,
    pub updated_at: i64,
    pub image_version: Option<i64>,
    pub image_alt: String,
    pub decision_reason: Option<String>,
}

/// Why an article could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("another article has this address")]
    SlugTaken,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// The links of an article, resolved to ids.
#[derive(Clone, Debug, Default)]
pub struct Links {
    pub companies: Vec<(i64, Relation)>,
    pub jobs: Vec<i64>,
}

const COLUMNS: &str = "id, slug, kind, title, standfirst, body, body_html, data_text, author_name, source_url, \
    status, publish_at, decision_reason, decision_note, submitted_at, submitted_for, created_by, image_version, \
    image_alt, created_at, updated_at";

const SUMMARY_COLUMNS: &str = "a.id, a.slug, a.kind, a.title, a.standfirst, a.author_name, a.status, a.publish_at, \
    a.updated_at, a.image_version, a.image_alt, a.decision_reason";

/// `summaries`, noting that the answer shows each article.
fn shown(summaries: Vec<Summary>) -> Vec<Summary> {
    shows(summaries.iter().map(|summary| Topic::Article(summary.id)));
    summaries
}

fn slug_taken(error: sqlx::Error) -> WriteError {
    match &error {
        sqlx::Error::Database(e) if e.is_unique_violation() => WriteError::SlugTaken,
        _ => WriteError::Db(error),
    }
}

/// The article's publication time while it is published, as the link tables keep it (see the schema).
const PUBLIC_AT: &str =
    "(select case when status = 'published' then publish_at end from articles where id = $1)";

/// The id of the tag with `tag`'s key, created if new.
async fn tag_id(tx: &mut Transaction<'_, Any>, tag: &Tag) -> Result<i64, sqlx::Error> {
    if let Some(id) = sqlx::query_scalar("select id from tags where slug = $1")
        .bind(&tag.slug)
        .fetch_optional(&mut **tx)
        .await?
    {
        return Ok(id);
    }
    sqlx::query_scalar("insert into tags (slug, name) values ($1, $2) returning id")
        .bind(&tag.slug)
        .bind(&tag.name)
        .fetch_one(&mut **tx)
        .await
}

/// Replaces the categories, tags and links of article `id`.
async fn write_links(
    tx: &mut Transaction<'_, Any>,
    id: i64,
    draft: &ArticleDraft,
    links: &Links,
) -> Result<(), sqlx::Error> {
    for table in [
        "article_categories",
        "article_tags",
        "article_companies",
        "article_jobs",
    ] {
        sqlx::query(&format!("delete from {table} where article_id = $1"))
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    for category in &draft.categories {
        sqlx::query(&format!(
            "insert into article_categories (article_id, category, public_at) values ($1, $2, {PUBLIC_AT})"
        ))
            .bind(id)
            .bind(category.slug)
            .execute(&mut **tx)
            .await?;
    }
    for tag in &draft.tags {
        let tag = tag_id(tx, tag).await?;
        sqlx::query(&format!(
            "insert into article_tags (article_id, tag_id, public_at) values ($1, $2, {PUBLIC_AT})"
        ))
        .bind(id)
        .bind(tag)
        .execute(&mut **tx)
        .await?;
    }
    let mut seen = Vec::new();
    for (company, relation) in &links.companies {
        // A company both "about" and "mentioned" is about: the stronger link wins.
        if seen.contains(company) {
            continue;
        }
        seen.push(*company);
        let relation = if links
            .companies
            .iter()
            .any(|(c, r)| c == company && *r == Relation::About)
        {
            Relation::About
        } else {
            *relation
        };
        sqlx::query(&format!(
            "insert into article_companies (article_id, company_id, relation, public_at) \
             values ($1, $2, $3, {PUBLIC_AT})"
        ))
        .bind(id)
        .bind(*company)
        .bind(relation.as_str())
        .execute(&mut **tx)
        .await?;
    }
    let mut seen = Vec::new();
    for job in &links.jobs {
        if seen.contains(job) {
            continue;
        }
        seen.push(*job);
        sqlx::query("insert into article_jobs (article_id, job_id) values ($1, $2)")
            .bind(id)
            .bind(*job)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Stores a new article in `status`; returns its id.
pub async fn create(
    db: &Db,
    draft: &ArticleDraft,
    links: &Links,
    status: Status,
    submitted_for: Option<i64>,
    created_by: Option<i64>,
) -> Result<i64, WriteError> {
    let at = now();
    let mut tx = db.write().begin().await?;
    let id: i64 = sqlx::query(
        "insert into articles (slug, kind, title, standfirst, body, body_html, body_text, data_text, author_name, \
         source_url, status, submitted_for, created_by, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) returning id",
    )
    .bind(draft.slug.as_str())
    .bind(draft.kind.as_str())
    .bind(&draft.title)
    .bind(&draft.standfirst)
    .bind(&draft.body)
    .bind(markdown::to_article_html(&draft.body))
    .bind(markdown::to_plain_text(&draft.body))
    .bind(&draft.data_text)
    .bind(&draft.author_name)
    .bind(draft.source_url.as_ref().map(|u| u.as_str().to_owned()))
    .bind(status.as_str())
    .bind(submitted_for)
    .bind(created_by)
    .bind(at)
    .fetch_one(&mut *tx)
    .await
    .map_err(slug_taken)?
    .try_get("id")?;
    write_links(&mut tx, id, draft, links).await?;
    tx.commit().await?;
    Ok(id)
}

/// Saves new content for article `id`, keeping its status and schedule.
pub async fn update(
    db: &Db,
    id: i64,
    draft: &ArticleDraft,
    links: &Links,
) -> Result<(), WriteError> {
    let mut tx = db.write().begin().await?;
    sqlx::query(
        "update articles set slug = $1, kind = $2, title = $3, standfirst = $4, body = $5, body_html = $6, \
         body_text = $7, data_text = $8, author_name = $9, source_url = $10, updated_at = $11 where id = $12",
    )
    .bind(draft.slug.as_str())
    .bind(draft.kind.as_str())
    .bind(&draft.title)
    .bind(&draft.standfirst)
    .bind(&draft.body)
    .bind(markdown::to_article_html(&draft.body))
    .bind(markdown::to_plain_text(&draft.body))
    .bind(&draft.data_text)
    .bind(&draft.author_name)
    .bind(draft.source_url.as_ref().map(|u| u.as_str().to_owned()))
    .bind(now())
    .bind(id)
    .execute(&mut *tx)
    .await
    .map_err(slug_taken)?;
    write_links(&mut tx, id, draft, links).await?;
    tx.commit().await?;
    Ok(())
}

/// Where an article goes in [`transition`], who decided and why, and the mail that tells its writer.
#[derive(Default)]
pub struct Transition<'a> {
    pub to: Status,
    pub publish_at: Option<i64>,
    pub reason: Option<&'a str>,
    pub note: &'a str,
    pub decided_by: Option<i64>,
    pub notify: &'a [super::mail::Outgoing],
    pub audit: Option<&'a super::moderation::Audit>,
}

/// Moves article `id` from one of `from` to `to`, with an optional schedule and reason. False if it was not in
/// one of `from` (someone else decided first, or it changed meanwhile).
pub async fn transition(
    db: &Db,
    id: i64,
    from: &[Status],
    change: Transition<'_>,
) -> Result<bool, sqlx::Error> {
    let Transition {
        to,
        publish_at,
        reason,
        note,
        decided_by,
        notify,
        audit,
    } = change;
    let allowed: Vec<String> = from.iter().map(|s| format!("'{}'", s.as_str())).collect();
    let at = now();
    // The change and the mail about it are written together or not at all.
    let mut tx = db.write().begin().await?;
    let done = sqlx::query(&format!(
        "update articles set status = $1, publish_at = $2, decision_reason = $3, decided_by = $4, decided_at = $5, \
         updated_at = $5, decision_note = $7, submitted_at = case when $1 = 'submitted' then $5 else submitted_at end \
         where id = $6 and status in ({})",
        allowed.join(", ")
    ))
    .bind(to.as_str())
    .bind(publish_at)
    .bind(reason)
    .bind(decided_by)
    .bind(at)
    .bind(id)
    .bind(note)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 1 {
        Consequences { notify, audit }.write(&mut tx).await?;
    }
    tx.commit().await?;
    Ok(done.rows_affected() == 1)
}

/// A company an article links to, as read.
#[derive(sqlx::FromRow)]
struct LinkedCompanyRow {
    id: i64,
    slug: String,
    name: String,
    tagline: String,
    logo_version: Option<i64>,
    status: String,
    relation: String,
}

/// `article` with its links, noting that the answer shows it and the companies and jobs it links to.
async fn details(db: &Db, mut article: Article) -> Result<Article, sqlx::Error> {
    let id = article.id;
    shows([Topic::Article(id)]);
    let categories: Vec<String> =
        sqlx::query_scalar("select category from article_categories where article_id = $1")
            .bind(id)
            .fetch_all(db.read())
            .await?;
    article.categories = hubboard::SECTORS
        .iter()
        .copied()
        .filter(|sector| categories.iter().any(|c| c == sector.slug))
        .collect();
    article.tags = sqlx::query_as::<_, (String, String)>(
        "select t.slug, t.name from article_tags a join tags t on t.id = a.tag_id where a.article_id = $1 \
         order by t.name",
    )
    .bind(id)
    .fetch_all(db.read())
    .await?
    .into_iter()
    .map(|(slug, name)| Tag { slug, name })
    .collect();
    article.companies = sqlx::query_as::<_, LinkedCompanyRow>(
        "select c.id, c.slug, c.name, c.tagline, c.logo_version, c.status, l.relation \
         from article_companies l join companies c on c.id = l.company_id where l.article_id = $1 \
         order by l.relation, c.name_key",
    )
    .bind(id)
    .fetch_all(db.read())
    .await?
    .into_iter()
    .map(|row| {
        shows([Topic::Company(row.id)]);
        LinkedCompany {
            id: row.id,
            slug: row.slug,
            name: row.name,
            tagline: row.tagline,
            logo_version: row.logo_version,
            approved: row.status == "approved",
            relation: if row.relation == "about" {
                Relation::About
            } else {
                Relation::Mentions
            },
        }
    })
    .collect();
    article.jobs = sqlx::query_as::<_, (i64, String, String, String)>(
        "select j.id, j.slug, j.title, j.company_name from article_jobs l join jobs j on j.id = l.job_id \
         where l.article_id = $1 order by j.id",
    )
    .bind(id)
    .fetch_all(db.read())
    .await?
    .into_iter()
    .map(|(id, slug, title, company_name)| {
        shows([Topic::Job(id)]);
        LinkedJob {
            id,
            slug,
            title,
            company_name,
        }
    })
    .collect();
    Ok(article)
}

/// The article at `slug`, whatever its status.
pub async fn by_slug(db: &Db, slug: &str) -> Result<Option<Article>, sqlx::Error> {
    let row = sqlx::query_as(&format!("select {COLUMNS} from articles where slug = $1"))
        .bind(slug)
        .fetch_optional(db.read())
        .await?;
    match row {
        Some(row) => details(db, row).await.map(Some),
        None => {
            // An address comes into use when an article is written, which moves the articles' lists.
            shows([Topic::Articles]);
            Ok(None)
        }
    }
}

/// The article with `id`, whatever its status.
pub async fn by_id(db: &Db, id: i64) -> Result<Option<Article>, sqlx::Error> {
    shows([Topic::Article(id)]);
    let row = sqlx::query_as(&format!("select {COLUMNS} from articles where id = $1"))
        .bind(id)
        .fetch_optional(db.read())
        .await?;
    match row {
        Some(row) => details(db, row).await.map(Some),
        None => Ok(None),
    }
}

/// What anyone may see of an article, as kept in the cache.
#[derive(Clone, Debug)]
pub struct Public {
    pub article: Article,
    pub linked_jobs: Vec<super::jobs::Listing>,
    pub company_jobs: Vec<super::jobs::Listing>,
}

/// What anyone may see of the article at `slug`, with the open jobs its page lists: those it links, then others of
/// the companies it is about.
pub async fn public_by_slug(db: &Db, slug: &str) -> Result<Option<Public>, sqlx::Error> {
    let Some(article) = by_slug(db, slug).await? else {
        return Ok(None);
    };
    let job_ids: Vec<i64> = article.jobs.iter().map(|j| j.id).collect();
    let linked_jobs = super::jobs::open_by_ids(db, &job_ids).await?;
    let company_ids: Vec<i64> = article
        .companies
        .iter()
        .filter(|c| c.approved)
        .map(|c| c.id)
        .collect();
    let company_jobs = super::jobs::open_of_companies(db, &company_ids, 6 + job_ids.len() as i64)
        .await?
        .into_iter()
        .filter(|j| !job_ids.contains(&j.id))
        .take(6)
        .collect();
    Ok(Some(Public {
        article,
        linked_jobs,
        company_jobs,
    }))
}

/// Which public articles a list shows.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    All,
    Kind(Kind),
    Tag(String),
    Category(String),
    Company(i64),
}

type Query<'q> = sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>;

fn bind_scope<'q>(query: Query<'q>, scope: &Scope) -> Query<'q> {
    match scope {
        Scope::All => query,
        Scope::Kind(kind) => query.bind(kind.as_str()),
        Scope::Tag(slug) | Scope::Category(slug) => query.bind(slug.clone()),
        Scope::Company(id) => query.bind(*id),
    }
}

/// One page of public articles at `at` in `scope`, newest first, and how many there are in all.
pub async fn public(
    db: &Db,
    scope: &Scope,
    at: i64,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Summary>, i64), sqlx::Error> {
    public_page(db, scope, at, None, limit, offset).await
}

/// The newest articles in `scope` that became public from `since` until `at`, and how many there are in all.
pub async fn published_since(
    db: &Db,
    scope: &Scope,
    since: i64,
    at: i64,
    limit: i64,
) -> Result<(Vec<Summary>, i64), sqlx::Error> {
    public_page(db, scope, at, Some(since), limit, 0).await
}

async fn public_page(
    db: &Db,
    scope: &Scope,
    at: i64,
    since: Option<i64>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Summary>, i64), sqlx::Error> {
    shows([Topic::Articles]);
    // A scope through a link table reads the links' copy of the publication time: one index range, newest first,
    // however many articles there are in all. SQLite keeps the left table of a CROSS JOIN outermost; PostgreSQL
    // plans it from statistics.
    let (from, condition, order) = match scope {
        Scope::All => (
            "articles a",
            "a.status = 'published' and a.publish_at <= $1",
            "a.publish_at desc, a.id desc",
        ),
        Scope::Kind(_) => (
            "articles a",
            "a.status = 'published' and a.publish_at <= $1 and a.kind = $2",
            "a.publish_at desc, a.id desc",
        ),
        Scope::Tag(_) => (
            "tags t cross join article_tags l cross join articles a",
            "t.slug = $2 and l.tag_id = t.id and l.public_at <= $1",
            "l.public_at desc, l.article_id desc",
        ),
        Scope::Category(_) => (
            "article_categories l cross join articles a",
            "l.category = $2 and l.public_at <= $1",
            "l.public_at desc, l.article_id desc",
        ),
        Scope::Company(_) => (
            "article_companies l cross join articles a",
            "l.company_id = $2 and l.public_at <= $1",
            "l.public_at desc, l.article_id desc",
        ),
    };
    let linked = !matches!(scope, Scope::All | Scope::Kind(_));
    let published = if linked {
        "l.public_at"
    } else {
        "a.publish_at"
    };
    let since = since.map_or(String::new(), |since| {
        format!(" and {published} >= {since}")
    });
    let condition = if linked {
        format!("{condition}{since} and a.id = l.article_id")
    } else {
        format!("{condition}{since}")
    };
    let list = format!(
        "select {SUMMARY_COLUMNS} from {from} where {condition} order by {order} limit {} offset {}",
        limit.clamp(1, 200),
        offset.clamp(0, 1_000_000)
    );
    let rows = bind_scope(sqlx::query(&list).bind(at), scope)
        .try_map(|row: AnyRow| Summary::from_row(&row))
        .fetch_all(db.read())
        .await?;
    // Counting needs no article: the links alone answer it.
    let count = match scope {
        Scope::All | Scope::Kind(_) => {
            format!("select count(*) as n from {from} where {condition}")
        }
        _ => format!(
            "select count(*) as n from {} where {}",
            from.trim_end_matches(" cross join articles a"),
            condition.trim_end_matches(" and a.id = l.article_id")
        ),
    };
    let total: i64 = bind_scope(sqlx::query(&count).bind(at), scope)
        .fetch_one(db.read())
        .await?
        .try_get("n")?;
    Ok((shown(rows), total))
}

/// Articles not public: drafts, submissions, scheduled and rejected ones, submissions first, then the most recently
/// changed. Only those `created_by` wrote when given (a company member's own), else all (the editors' desk).
pub async fn unpublished(
    db: &Db,
    created_by: Option<i64>,
    at: i64,
    limit: i64,
) -> Result<Vec<Summary>, sqlx::Error> {
    let rows = sqlx::query_as(&format!(
        "select {SUMMARY_COLUMNS} from articles a \
         where (a.status <> 'published' or a.publish_at > $1) and ($2 = 0 or a.created_by = $2) \
         order by case a.status when 'submitted' then 0 else 1 end, a.updated_at desc, a.id desc limit {}",
        limit.clamp(1, 500)
    ))
    .bind(at)
    .bind(created_by.unwrap_or(0))
    .fetch_all(db.read())
    .await?;
    Ok(shown(rows))
}

/// The tag with this key.
pub async fn tag(db: &Db, slug: &str) -> Result<Option<Tag>, sqlx::Error> {
    shows([Topic::Articles]);
    Ok(
        sqlx::query_as::<_, (String, String)>("select slug, name from tags where slug = $1")
            .bind(slug)
            .fetch_optional(db.read())
            .await?
            .map(|(slug, name)| Tag { slug, name }),
    )
}

/// The ids of the companies and jobs linked from public articles carrying tag `slug`, most recent stories first.
pub async fn tag_links(db: &Db, slug: &str, at: i64) -> Result<(Vec<i64>, Vec<i64>), sqlx::Error> {
    shows([Topic::Articles]);
    // From the tag's public links outwards, as in [`public`].
    let linked = |table: &'static str, column: &'static str, limit: i64| {
        let sql = format!(
            "select l.{column} as id, max(x.public_at) as latest from tags t cross join article_tags x \
             cross join {table} l where t.slug = $1 and x.tag_id = t.id and x.public_at <= $2 \
             and l.article_id = x.article_id group by l.{column} order by latest desc limit {limit}"
        );
        async move {
            sqlx::query_scalar::<_, i64>(&sql)
                .bind(slug)
                .bind(at)
                .fetch_all(db.read())
                .await
        }
    };
    let companies = linked("article_companies", "company_id", 12).await?;
    let jobs = linked("article_jobs", "job_id", 24).await?;
    Ok((companies, jobs))
}

/// Stores a new image for article `id` (renditions named `wide` and `thumb`) with its text alternative, and gives
/// it a new version so its address changes. Returns the new version.
pub async fn set_image(
    db: &Db,
    id: i64,
    alt: &str,
    renditions: &[super::logos::Picture],
) -> Result<i64, sqlx::Error> {
    let mut tx = db.write().begin().await?;
    super::pictures::replace(&mut tx, super::pictures::Pictures::Article, id, renditions).await?;
    let version: i64 = sqlx::query(
        "update articles set image_version = coalesce(image_version, 0) + 1, image_alt = $1, updated_at = $2 \
         where id = $3 returning image_version",
    )
    .bind(alt)
    .bind(now())
    .bind(id)
    .fetch_one(&mut *tx)
    .await?
    .try_get("image_version")?;
    tx.commit().await?;
    Ok(version)
}

/// One rendition of an article's image: its format (`png` or `jpeg`) and bytes, with the article's status and
/// schedule so the caller can decide who may see it.
pub async fn image(
    db: &Db,
    id: i64,
    size: &str,
) -> Result<Option<(String, Vec<u8>, Status, Option<i64>)>, sqlx::Error> {
    sqlx::query_as::<_, (String, Vec<u8>, String, Option<i64>)>(
        "select i.format, i.bytes, a.status, a.publish_at from article_images i \
         join articles a on a.id = i.article_id where i.article_id = $1 and i.size = $2",
    )
    .bind(id)
    .bind(size)
    .fetch_optional(db.read())
    .await?
    .map(|(format, bytes, status, publish_at)| {
        Ok((format, bytes, Status::try_from(status)?, publish_at))
    })
    .transpose()
}

/// Deletes article `id` and everything linked to it.
pub async fn delete(db: &Db, id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("delete from articles where id = $1")
        .bind(id)
        .execute(db.write())
        .await?;
    Ok(done.rows_affected() == 1)
}
