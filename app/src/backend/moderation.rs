//! Storage of moderation: the append-only audit log, reports from the public, the queues' counts and lists, staff
//! statistics, roles and suspensions of accounts, and refused email domains.

use sqlx::{Any, Row, Transaction};

use super::db::{Db, now};
use super::users::User;

/// Who acted, as the audit log keeps it.
#[derive(Clone, Debug)]
pub struct Actor {
    pub id: i64,
    pub email: String,
}

impl From<&User> for Actor {
    fn from(user: &User) -> Self {
        Actor {
            id: user.id,
            email: user.email.as_str().to_owned(),
        }
    }
}

/// One audit row to write with a change.
#[derive(Clone, Debug)]
pub struct Audit {
    pub actor: Actor,
    /// `kind.verb`, such as `job.approve` or `user.role`.
    pub action: String,
    pub target_kind: &'static str,
    pub target_id: String,
    pub target_label: String,
    pub reason: Option<String>,
    pub note: String,
    /// Each changed field with its value before and after.
    pub changes: Vec<(String, String, String)>,
    /// Seconds from the item's submission to this decision.
    pub waited: Option<i64>,
    /// Closes the target's open reports with this resolution, in the same transaction.
    pub closes_reports: Option<&'static str>,
    /// The listing's fields as the moderator saw them, kept with a refusal.
    pub snapshot: Option<Vec<(String, String)>>,
}

impl Audit {
    /// An action by `actor` on one target, with no reason, note or changes yet.
    pub fn new(
        actor: &User,
        action: impl Into<String>,
        target_kind: &'static str,
        target_id: impl ToString,
        target_label: impl Into<String>,
    ) -> Self {
        Audit {
            actor: actor.into(),
            action: action.into(),
            target_kind,
            target_id: target_id.to_string(),
            target_label: target_label.into(),
            reason: None,
            note: String::new(),
            changes: Vec::new(),
            waited: None,
            closes_reports: None,
            snapshot: None,
        }
    }

    pub fn reason(mut self, reason: Option<&str>) -> Self {
        self.reason = reason.map(str::to_owned);
        self
    }

    pub fn note(mut self, note: &str) -> Self {
        self.note = note.to_owned();
        self
    }

    pub fn change(
        mut self,
        field: &str,
        before: impl Into<String>,
        after: impl Into<String>,
    ) -> Self {
        self.changes
            .push((field.to_owned(), before.into(), after.into()));
        self
    }

    /// Keeps the fields the moderator saw (label, value), for comparing a resubmission with.
    pub fn snapshot(mut self, fields: Vec<(String, String)>) -> Self {
        self.snapshot = Some(fields);
        self
    }

    /// Closes the target's open reports as `resolution` (`dismissed` or `removed`) along with the change.
    pub fn closing_reports(mut self, resolution: &'static str) -> Self {
        self.closes_reports = Some(resolution);
        self
    }

    /// Records how long the item waited, from `submitted_at` to now.
    pub fn waited_since(mut self, submitted_at: Option<i64>) -> Self {
        self.waited = submitted_at.map(|at| (now() - at).max(0));
        self
    }
}

/// What a moderated change brings with it, written in the change's own transaction: the mail it sends and the
/// audit row it leaves. Either both are stored with the change or, if it fails, neither is.
#[derive(Clone, Copy, Default)]
pub struct Consequences<'a> {
    pub notify: &'a [super::mail::Outgoing],
    pub audit: Option<&'a Audit>,
}

impl Consequences<'_> {
    /// Queues the mail and records the audit row on `tx`.
    pub async fn write(&self, tx: &mut Transaction<'_, Any>) -> Result<(), sqlx::Error> {
        for message in self.notify {
            super::mail::enqueue(tx, message).await?;
        }
        if let Some(audit) = self.audit {
            record(tx, audit).await?;
        }
        Ok(())
    }
}

/// Writes `entry` as part of `tx`: the change it describes and the row are kept together or not at all.
pub async fn record(tx: &mut Transaction<'_, Any>, entry: &Audit) -> Result<(), sqlx::Error> {
    let changes: serde_json::Map<String, serde_json::Value> = entry
        .changes
        .iter()
        .map(|(field, before, after)| (field.clone(), serde_json::json!([before, after])))
        .collect();
    sqlx::query(
        "insert into audit_log (at, actor_id, actor_email, action, target_kind, target_id, target_label, reason, \
         note, changes, waited, snapshot) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(now())
    .bind(entry.actor.id)
    .bind(&entry.actor.email)
    .bind(&entry.action)
    .bind(entry.target_kind)
    .bind(&entry.target_id)
    .bind(&entry.target_label)
    .bind(entry.reason.as_deref())
    .bind(&entry.note)
    .bind(serde_json::Value::Object(changes).to_string())
    .bind(entry.waited)
    .bind(entry.snapshot.as_ref().map(|fields| serde_json::json!(fields).to_string()))
    .execute(&mut **tx)
    .await?;
    if let (Some(resolution), Ok(id)) = (entry.closes_reports, entry.target_id.parse::<i64>()) {
        resolve_reports(tx, entry.target_kind, id, entry.actor.id, resolution).await?;
    }
    Ok(())
}

/// One audit row as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AuditRow {
    pub id: i64,
    pub at: i64,
    pub actor_email: String,
    pub action: String,
    pub target_kind: String,
    pub target_id: String,
    pub target_label: String,
    pub reason: Option<String>,
    pub note: String,
    /// JSON: field → [before, after].
    pub changes: String,
}

/// What the audit list is narrowed to; empty fields do not narrow it.
#[derive(Clone, Debug, Default)]
pub struct AuditFilter {
    /// Part of the actor's address.
    pub actor: String,
    /// An action, or the start of one (`job.` for every action on jobs).
    pub action: String,
    pub target_kind: String,
    pub target_id: String,
    pub from: Option<i64>,
    pub until: Option<i64>,
}

fn audit_where(filter: &AuditFilter) -> (String, Vec<String>) {
    let mut clauses = Vec::new();
    let mut binds = Vec::new();
    let mut push = |clause: &str, value: String| {
        binds.push(value);
        clauses.push(clause.replace('?', &format!("${}", binds.len())));
    };
    if !filter.actor.is_empty() {
        push(
            "lower(actor_email) like ?",
            format!("%{}%", escape_like(&filter.actor.to_lowercase())),
        );
    }
    if !filter.action.is_empty() {
        push("action like ?", format!("{}%", escape_like(&filter.action)));
    }
    if !filter.target_kind.is_empty() {
        push("target_kind = ?", filter.target_kind.clone());
    }
    if !filter.target_id.is_empty() {
        push("target_id = ?", filter.target_id.clone());
    }
    if let Some(from) = filter.from {
        push("at >= cast(? as bigint)", from.to_string());
    }
    if let Some(until) = filter.until {
        push("at < cast(? as bigint)", until.to_string());
    }
    let sql = if clauses.is_empty() {
        String::new()
    } else {
        format!("where {}", clauses.join(" and "))
    };
    (sql, binds)
}

fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// A page of the audit log, newest first, with the number of rows that match.
pub async fn audit_page(
    db: &Db,
    filter: &AuditFilter,
    limit: i64,
    offset: i64,
) -> Result<(Vec<AuditRow>, i64), sqlx::Error> {
    let (clause, binds) = audit_where(filter);
    let clause = add_escape(&clause);
    let count_sql = format!("select count(*) as n from audit_log {clause}");
    let mut count = sqlx::query(&count_sql);
    for value in &binds {
        count = count.bind(value.clone());
    }
    let total: i64 = count.fetch_one(db.read()).await?.try_get("n")?;
    let sql = format!(
        "select * from audit_log {clause} order by at desc, id desc limit {limit} offset {offset}"
    );
    let mut query = sqlx::query_as(&sql);
    for value in &binds {
        query = query.bind(value.clone());
    }
    Ok((query.fetch_all(db.read()).await?, total))
}

/// Every matching row, oldest first, for the CSV export.
pub async fn audit_all(db: &Db, filter: &AuditFilter) -> Result<Vec<AuditRow>, sqlx::Error> {
    let (clause, binds) = audit_where(filter);
    let clause = add_escape(&clause);
    let sql = format!("select * from audit_log {clause} order by at, id");
    let mut query = sqlx::query_as(&sql);
    for value in &binds {
        query = query.bind(value.clone());
    }
    query.fetch_all(db.read()).await
}

/// `like` with the escape character the filters use, the same on both backends.
fn add_escape(clause: &str) -> String {
    let mut out = String::new();
    let mut rest = clause;
    while let Some(at) = rest.find(" like $") {
        let (head, tail) = rest.split_at(at);
        out.push_str(head);
        let digits: String = tail[7..].chars().take_while(char::is_ascii_digit).collect();
        out.push_str(&format!(" like ${digits} escape '\\'"));
        rest = &tail[7 + digits.len()..];
    }
    out.push_str(rest);
    out
}

/// The latest decision recorded on a target: who made it and what it was, for "already decided by".
pub async fn last_action(
    db: &Db,
    target_kind: &str,
    target_id: i64,
) -> Result<Option<AuditRow>, sqlx::Error> {
    sqlx::query_as(
        "select * from audit_log where target_kind = $1 and target_id = $2 order by at desc, id desc limit 1",
    )
    .bind(target_kind)
    .bind(target_id.to_string())
    .fetch_optional(db.read())
    .await
}

/// The fields of `target` as a moderator last refused them, if a refusal kept them.
pub async fn last_snapshot(
    db: &Db,
    target_kind: &str,
    target_id: i64,
) -> Result<Option<Vec<(String, String)>>, sqlx::Error> {
    let row = sqlx::query(
        "select snapshot from audit_log where target_kind = $1 and target_id = $2 and snapshot is not null \
         order by at desc, id desc limit 1",
    )
    .bind(target_kind)
    .bind(target_id.to_string())
    .fetch_optional(db.read())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let text: String = row.try_get("snapshot")?;
    Ok(serde_json::from_str(&text).ok())
}

/// What the queues hold.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct Counts {
    pub companies: i64,
    pub company_edits: i64,
    pub jobs: i64,
    pub job_edits: i64,
    pub articles: i64,
    pub reports: i64,
}

impl Counts {
    pub fn total(&self) -> i64 {
        self.companies
            + self.company_edits
            + self.jobs
            + self.job_edits
            + self.articles
            + self.reports
    }
}

/// The number of items waiting in each queue, in one query.
pub async fn counts(db: &Db) -> Result<Counts, sqlx::Error> {
    sqlx::query_as(
        "select \
         (select count(*) from companies where status = 'pending') as companies, \
         (select count(*) from company_revisions where status = 'pending') as company_edits, \
         (select count(*) from jobs where status = 'pending') as jobs, \
         (select count(*) from job_revisions where status = 'pending') as job_edits, \
         (select count(*) from articles where status = 'submitted') as articles, \
         (select count(*) from (select distinct target_kind, target_id from reports where resolved_at is null) g) \
            as reports",
    )
    .fetch_one(db.read())
    .await
}

pub use hubboard::moderation::Queue;

/// One item in a queue.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct QueueItem {
    /// The item's id; for reports, the reported listing's.
    pub id: i64,
    /// For reports: `job`, `company` or `article`.
    pub kind: String,
    pub title: String,
    /// The company, or the reasons given in reports.
    pub context: String,
    pub submitted_at: i64,
    /// For reports: how many are open on the listing.
    #[sqlx(rename = "n")]
    pub count: i64,
    /// The company whose logo stands for the item (the company itself, or a job's), and its logo's version.
    pub logo_company: Option<i64>,
    pub logo_version: Option<i64>,
    /// An article's picture version.
    pub image_version: Option<i64>,
}

/// A queue's items, oldest first, whose title or company contains `text`.
pub async fn queue(
    db: &Db,
    queue: Queue,
    text: &str,
    limit: i64,
) -> Result<Vec<QueueItem>, sqlx::Error> {
    let sql = match queue {
        Queue::Companies => {
            "select id, 'company' as kind, name as title, city || ', ' || country as context, \
             coalesce(submitted_at, created_at) as submitted_at, 1 as n, id as logo_company, logo_version, \
             cast(null as bigint) as image_version from companies \
             where status = 'pending' and lower(name) like $1 escape '\\' order by 5, id"
        }
        Queue::CompanyEdits => {
            "select c.id, 'company' as kind, r.name as title, c.name as context, r.submitted_at, 1 as n, \
             c.id as logo_company, c.logo_version, cast(null as bigint) as image_version \
             from company_revisions r join companies c on c.id = r.company_id \
             where r.status = 'pending' and (lower(r.name) like $1 escape '\\' or lower(c.name) like $1 escape '\\') \
             order by 5, c.id"
        }
        Queue::Jobs => {
            "select j.id, 'job' as kind, j.title, j.company_name as context, \
             coalesce(j.submitted_at, j.updated_at) as submitted_at, 1 as n, c.id as logo_company, c.logo_version, \
             cast(null as bigint) as image_version \
             from jobs j join companies c on c.id = j.company_id where j.status = 'pending' \
             and (lower(j.title) like $1 escape '\\' or lower(j.company_name) like $1 escape '\\') order by 5, j.id"
        }
        Queue::JobEdits => {
            "select j.id, 'job' as kind, r.title, j.company_name as context, r.submitted_at, 1 as n, \
             c.id as logo_company, c.logo_version, cast(null as bigint) as image_version \
             from job_revisions r join jobs j on j.id = r.job_id join companies c on c.id = j.company_id \
             where r.status = 'pending' \
             and (lower(r.title) like $1 escape '\\' or lower(j.company_name) like $1 escape '\\') order by 5, j.id"
        }
        Queue::Articles => {
            "select a.id, 'article' as kind, a.title, coalesce(c.name, '') as context, \
             coalesce(a.submitted_at, a.updated_at) as submitted_at, 1 as n, \
             cast(null as bigint) as logo_company, cast(null as bigint) as logo_version, a.image_version \
             from articles a left join companies c on c.id = a.submitted_for where a.status = 'submitted' \
             and lower(a.title) like $1 escape '\\' order by 5, a.id"
        }
        Queue::Reports => {
            "select g.target_id as id, g.target_kind as kind, \
             coalesce(j.title, c.name, a.title, '') as title, g.reasons as context, g.first as submitted_at, g.n, \
             coalesce(c.id, jc.id) as logo_company, coalesce(c.logo_version, jc.logo_version) as logo_version, \
             a.image_version \
             from (select target_kind, target_id, min(created_at) as first, count(*) as n, \
                   string_agg(reason, ', ') as reasons \
                   from (select * from reports where resolved_at is null order by created_at) r \
                   group by target_kind, target_id) g \
             left join jobs j on g.target_kind = 'job' and j.id = g.target_id \
             left join companies jc on jc.id = j.company_id \
             left join companies c on g.target_kind = 'company' and c.id = g.target_id \
             left join articles a on g.target_kind = 'article' and a.id = g.target_id \
             where lower(coalesce(j.title, c.name, a.title, '')) like $1 escape '\\' order by 5, 2, 1"
        }
    };
    let sql = if db.backend() == super::db::Backend::Sqlite {
        sql.replace("string_agg(reason, ', ')", "group_concat(reason, ', ')")
    } else {
        sql.to_owned()
    };
    sqlx::query_as(&format!("{sql} limit {limit}"))
        .bind(format!("%{}%", escape_like(&text.trim().to_lowercase())))
        .fetch_all(db.read())
        .await
}

/// The oldest item in `queue` other than `after` (the one just decided, should it still be there): where a
/// moderator goes after deciding.
pub async fn next_in(
    db: &Db,
    queue: Queue,
    after: (&str, i64),
) -> Result<Option<(String, i64)>, sqlx::Error> {
    let items = self::queue(db, queue, "", 50).await?;
    Ok(items
        .into_iter()
        .find(|item| (item.kind.as_str(), item.id) != after)
        .map(|item| (item.kind, item.id)))
}

/// Records a report. False if this reporter already has an open report on the listing (nothing new is stored).
pub async fn report(
    db: &Db,
    target_kind: &str,
    target_id: i64,
    reason: &str,
    details: &str,
    reporter_id: Option<i64>,
    reporter_key: &str,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "insert into reports (target_kind, target_id, reason, details, reporter_id, reporter_key, created_at) \
         values ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(target_kind)
    .bind(target_id)
    .bind(reason)
    .bind(details)
    .bind(reporter_id)
    .bind(reporter_key)
    .bind(now())
    .execute(db.write())
    .await;
    match result {
        Ok(_) => Ok(true),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(false),
        Err(e) => Err(e),
    }
}

/// One open report.
#[derive(Clone, Debug)]
pub struct Report {
    pub id: i64,
    pub reason: String,
    pub details: String,
    pub created_at: i64,
    /// Whether a signed-in account made it.
    pub by_account: bool,
}

/// The open reports on one listing, oldest first.
pub async fn open_reports(
    db: &Db,
    target_kind: &str,
    target_id: i64,
) -> Result<Vec<Report>, sqlx::Error> {
    let rows = sqlx::query(
        "select id, reason, details, created_at, reporter_id from reports \
         where target_kind = $1 and target_id = $2 and resolved_at is null order by created_at, id",
    )
    .bind(target_kind)
    .bind(target_id)
    .fetch_all(db.read())
    .await?;
    rows.iter()
        .map(|row| {
            Ok(Report {
                id: row.try_get("id")?,
                reason: row.try_get("reason")?,
                details: row.try_get("details")?,
                created_at: row.try_get("created_at")?,
                by_account: row.try_get::<Option<i64>, _>("reporter_id")?.is_some(),
            })
        })
        .collect()
}

/// Closes every open report on a listing as part of `tx`; answers how many there were.
pub async fn resolve_reports(
    tx: &mut Transaction<'_, Any>,
    target_kind: &str,
    target_id: i64,
    by: i64,
    resolution: &str,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "update reports set resolved_at = $1, resolved_by = $2, resolution = $3 \
         where target_kind = $4 and target_id = $5 and resolved_at is null",
    )
    .bind(now())
    .bind(by)
    .bind(resolution)
    .bind(target_kind)
    .bind(target_id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected())
}

/// Closes a listing's open reports as dismissed, with its audit row; zero if another moderator already did.
pub async fn dismiss_reports(
    db: &Db,
    target_kind: &str,
    target_id: i64,
    audit: &Audit,
) -> Result<u64, sqlx::Error> {
    let mut tx = db.write().begin().await?;
    let closed =
        resolve_reports(&mut tx, target_kind, target_id, audit.actor.id, "dismissed").await?;
    if closed > 0 {
        record(&mut tx, audit).await?;
    }
    tx.commit().await?;
    Ok(closed)
}

/// Listings published and moderation time, one row per week.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Week {
    /// The week's first second (Monday 00:00 UTC).
    pub start: i64,
    pub jobs: i64,
    pub companies: i64,
    pub articles: i64,
    /// Median hours from submission to decision of the decisions made that week, if any.
    pub median_hours: Option<f64>,
    pub decisions: i64,
}

const WEEK: i64 = 7 * 86_400;
/// 1970-01-01 was a Thursday: weeks start four days later, on Mondays.
const MONDAY_OFFSET: i64 = 4 * 86_400;

/// The start of the week (Monday 00:00 UTC) that `at` falls in.
pub fn week_start(at: i64) -> i64 {
    (at - MONDAY_OFFSET).div_euclid(WEEK) * WEEK + MONDAY_OFFSET
}

/// The last `weeks` weeks up to and including the current one, oldest first.
pub async fn weekly(db: &Db, weeks: i64) -> Result<Vec<Week>, sqlx::Error> {
    let at = now();
    let first = week_start(at) - (weeks - 1) * WEEK;
    let mut out: Vec<Week> = (0..weeks)
        .map(|i| Week {
            start: first + i * WEEK,
            ..Week::default()
        })
        .collect();
    let index = |t: i64| -> Option<usize> {
        let i = (t - first).div_euclid(WEEK);
        (0..weeks).contains(&i).then_some(i as usize)
    };
    let times = |sql: &'static str| async move {
        let rows = sqlx::query(sql)
            .bind(first)
            .bind(at)
            .fetch_all(db.read())
            .await?;
        rows.iter()
            .map(|row| row.try_get::<i64, _>("t"))
            .collect::<Result<Vec<i64>, sqlx::Error>>()
    };
    for t in
        times("select published_at as t from jobs where published_at >= $1 and published_at <= $2")
            .await?
    {
        if let Some(i) = index(t) {
            out[i].jobs += 1;
        }
    }
    for t in times(
        "select decided_at as t from companies where status = 'approved' and decided_at >= $1 and decided_at <= $2",
    )
    .await?
    {
        if let Some(i) = index(t) {
            out[i].companies += 1;
        }
    }
    for t in times(
        "select publish_at as t from articles where status = 'published' and publish_at >= $1 and publish_at <= $2",
    )
    .await?
    {
        if let Some(i) = index(t) {
            out[i].articles += 1;
        }
    }
    let rows = sqlx::query(
        "select at, waited from audit_log where waited is not null and at >= $1 and at <= $2",
    )
    .bind(first)
    .bind(at)
    .fetch_all(db.read())
    .await?;
    let mut waits: Vec<Vec<i64>> = vec![Vec::new(); weeks as usize];
    for row in &rows {
        if let Some(i) = index(row.try_get("at")?) {
            waits[i].push(row.try_get("waited")?);
        }
    }
    for (week, mut waited) in out.iter_mut().zip(waits) {
        week.decisions = waited.len() as i64;
        week.median_hours = median(&mut waited).map(|secs| secs / 3600.0);
    }
    Ok(out)
}

/// The median of `values`, if there are any.
pub fn median(values: &mut [i64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) as f64 / 2.0
    } else {
        values[mid] as f64
    })
}

/// An account as the admins' list shows it.
#[derive(Clone, Debug)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub role: String,
    pub created_at: i64,
    pub suspended_reason: Option<String>,
    pub suspended: bool,
}

/// Accounts whose address contains `text`, staff first, then newest.
pub async fn accounts(db: &Db, text: &str, limit: i64) -> Result<Vec<Account>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "select id, email, role, created_at, suspended_at, suspended_reason from users \
         where email like $1 escape '\\' \
         order by case role when 'admin' then 0 when 'moderator' then 1 else 2 end, created_at desc, id desc \
         limit {limit}"
    ))
    .bind(format!("%{}%", escape_like(&text.trim().to_lowercase())))
    .fetch_all(db.read())
    .await?;
    rows.iter()
        .map(|row| {
            Ok(Account {
                id: row.try_get("id")?,
                email: row.try_get("email")?,
                role: row.try_get("role")?,
                created_at: row.try_get("created_at")?,
                suspended: row.try_get::<Option<i64>, _>("suspended_at")?.is_some(),
                suspended_reason: row.try_get("suspended_reason")?,
            })
        })
        .collect()
}

/// Gives account `id` the role `to` if it still has `from`, with its audit row. False if it changed meanwhile.
pub async fn set_role(
    db: &Db,
    id: i64,
    from: &str,
    to: &str,
    audit: &Audit,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.write().begin().await?;
    let done = sqlx::query("update users set role = $1 where id = $2 and role = $3")
        .bind(to)
        .bind(id)
        .bind(from)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 1 {
        record(&mut tx, audit).await?;
    }
    tx.commit().await?;
    Ok(done.rows_affected() == 1)
}

/// Suspends account `id` (with a reason) or restores it (`None`), ending its sessions, with the audit row. False
/// if it was already so.
pub async fn set_suspended(
    db: &Db,
    id: i64,
    reason: Option<&str>,
    audit: &Audit,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.write().begin().await?;
    let done = match reason {
        Some(reason) => {
            sqlx::query(
                "update users set suspended_at = $1, suspended_reason = $2 where id = $3 and suspended_at is null",
            )
            .bind(now())
            .bind(reason)
            .bind(id)
            .execute(&mut *tx)
            .await?
        }
        None => {
            sqlx::query(
                "update users set suspended_at = null, suspended_reason = null where id = $1 and suspended_at is not null",
            )
            .bind(id)
            .execute(&mut *tx)
            .await?
        }
    };
    if done.rows_affected() == 1 {
        if reason.is_some() {
            sqlx::query("delete from sessions where user_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        record(&mut tx, audit).await?;
    }
    tx.commit().await?;
    Ok(done.rows_affected() == 1)
}

/// A refused email domain.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct BannedDomain {
    pub domain: String,
    pub note: String,
    pub banned_at: i64,
}

/// Every refused domain, alphabetically.
pub async fn banned_domains(db: &Db) -> Result<Vec<BannedDomain>, sqlx::Error> {
    sqlx::query_as("select domain, note, banned_at from banned_domains order by domain")
        .fetch_all(db.read())
        .await
}

/// Refuses a domain, with its audit row. False if it was refused already.
pub async fn ban_domain(
    db: &Db,
    domain: &str,
    note: &str,
    audit: &Audit,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.write().begin().await?;
    let result = sqlx::query(
        "insert into banned_domains (domain, note, banned_by, banned_at) values ($1, $2, $3, $4)",
    )
    .bind(domain)
    .bind(note)
    .bind(audit.actor.id)
    .bind(now())
    .execute(&mut *tx)
    .await;
    match result {
        Ok(_) => {}
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => return Ok(false),
        Err(e) => return Err(e),
    }
    record(&mut tx, audit).await?;
    tx.commit().await?;
    Ok(true)
}

/// Accepts a domain again, with its audit row. False if it was not refused.
pub async fn unban_domain(db: &Db, domain: &str, audit: &Audit) -> Result<bool, sqlx::Error> {
    let mut tx = db.write().begin().await?;
    let done = sqlx::query("delete from banned_domains where domain = $1")
        .bind(domain)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 1 {
        record(&mut tx, audit).await?;
    }
    tx.commit().await?;
    Ok(done.rows_affected() == 1)
}

/// Whether addresses at `email`'s domain, or at any domain it is under, are refused.
pub async fn is_banned(db: &Db, email: &str) -> Result<bool, sqlx::Error> {
    let Some((_, domain)) = email.rsplit_once('@') else {
        return Ok(false);
    };
    let domain = domain.to_lowercase();
    // mail.example.com is refused when example.com is.
    let mut candidates = vec![domain.clone()];
    let mut rest = domain.as_str();
    while let Some((_, parent)) = rest.split_once('.') {
        if parent.contains('.') {
            candidates.push(parent.to_owned());
        }
        rest = parent;
    }
    let placeholders: Vec<String> = (1..=candidates.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "select count(*) as n from banned_domains where domain in ({})",
        placeholders.join(", ")
    );
    let mut query = sqlx::query(&sql);
    for candidate in candidates {
        query = query.bind(candidate);
    }
    Ok(query.fetch_one(db.read()).await?.try_get::<i64, _>("n")? > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_start_on_monday() {
        // 2026-11-26 12:00 UTC is a Thursday; its week began on Monday 2026-11-23.
        let thursday = 1_795_651_200 + 12 * 3600;
        assert_eq!(week_start(thursday), 1_795_392_000);
        assert_eq!(week_start(1_795_392_000), 1_795_392_000);
        assert_eq!(week_start(1_795_392_000 - 1), 1_795_392_000 - WEEK);
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [5, 1, 3]), Some(3.0));
        assert_eq!(median(&mut [4, 1, 3, 2]), Some(2.5));
    }

    #[test]
    fn like_clauses_get_one_escape_each() {
        assert_eq!(
            add_escape("where lower(actor_email) like $1 and action like $2 and target_kind = $3"),
            "where lower(actor_email) like $1 escape '\\' and action like $2 escape '\\' and target_kind = $3"
        );
    }
}
