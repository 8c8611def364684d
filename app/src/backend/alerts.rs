//! Email alerts in the database: subscribers (an address, with or without an account), their subscriptions with
//! double opt-in, and the record of what each subscription has been sent.
//!
//! A subscription is pending until the link mailed to the address is used; pending ones are forgotten after
//! [`PENDING_DAYS`]. A confirmed one falls due at its frequency; whoever builds its digest first claims it by moving
//! `next_due_at` on in the same statement that reads it, so two instances never both build it, and every item sent
//! is recorded in `alert_deliveries` in the transaction that writes the mail, so an item reaches a subscription
//! once at most.

use hubboard::Email;
use sqlx::{Any, Transaction};

use super::{
    db::{Db, now},
    tokens::{self, Refusal},
};

/// Days an unconfirmed subscription is kept.
pub const PENDING_DAYS: i64 = 7;
/// A pending subscription's confirmation mail is sent again at most this often.
pub const RESEND_AFTER_SECS: i64 = 300;
/// Deliveries older than this are forgotten: the subscription's `since` has long passed them.
pub const DELIVERY_MEMORY_SECS: i64 = 90 * 86_400;

/// What a subscription follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Every article.
    News,
    /// Articles in a category.
    Category,
    /// Articles with a tag.
    Tag,
    /// Articles about or mentioning a company.
    CompanyNews,
    /// A company's new jobs.
    CompanyJobs,
    /// New jobs matching a search of the board.
    Jobs,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::News,
        Kind::Category,
        Kind::Tag,
        Kind::CompanyNews,
        Kind::CompanyJobs,
        Kind::Jobs,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::News => "news",
            Kind::Category => "category",
            Kind::Tag => "tag",
            Kind::CompanyNews => "company-news",
            Kind::CompanyJobs => "company-jobs",
            Kind::Jobs => "jobs",
        }
    }

    pub fn find(raw: &str) -> Option<Self> {
        Kind::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    /// Whether it brings jobs (else articles).
    pub fn is_jobs(self) -> bool {
        matches!(self, Kind::CompanyJobs | Kind::Jobs)
    }
}

/// How often a subscription's mail goes out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Frequency {
    /// As soon as the scheduler next runs.
    Immediate,
    Daily,
    Weekly,
}

impl Frequency {
    pub const ALL: [Frequency; 3] = [Frequency::Immediate, Frequency::Daily, Frequency::Weekly];

    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Immediate => "immediate",
            Frequency::Daily => "daily",
            Frequency::Weekly => "weekly",
        }
    }

    pub fn find(raw: &str) -> Option<Self> {
        Frequency::ALL.into_iter().find(|f| f.as_str() == raw)
    }

    /// Seconds between mails, with `immediate` seconds between the scheduler's rounds.
    pub fn period_secs(self, immediate: i64) -> i64 {
        match self {
            Frequency::Immediate => immediate.max(0),
            Frequency::Daily => 86_400,
            Frequency::Weekly => 7 * 86_400,
        }
    }
}

/// The SQL for the next due time after `at` of a subscription, by the frequency in its row (unchanged by the
/// statement), with `immediate` seconds between the scheduler's rounds.
fn next_due_sql(at: &str, immediate: i64) -> String {
    format!(
        "{at} + case frequency when 'daily' then {} when 'weekly' then {} else {} end",
        Frequency::Daily.period_secs(immediate),
        Frequency::Weekly.period_secs(immediate),
        Frequency::Immediate.period_secs(immediate)
    )
}

/// What a subscription follows, resolved and described.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Topic {
    pub kind: Kind,
    /// The category or tag slug, the company id, the search's query string; empty for all news.
    pub target: String,
    pub label: String,
}

/// A stored subscription.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subscription {
    pub id: i64,
    pub subscriber_id: i64,
    pub kind: Kind,
    pub target: String,
    pub label: String,
    pub frequency: Frequency,
    pub confirmed: bool,
    /// Items published at or after this time have not been considered yet.
    pub since: i64,
}

/// A subscription as read with [`SUBSCRIPTION_COLUMNS`].
#[derive(sqlx::FromRow)]
struct SubscriptionRow {
    id: i64,
    subscriber_id: i64,
    kind: String,
    target: String,
    label: String,
    frequency: String,
    confirmed_at: Option<i64>,
    since: i64,
}

impl TryFrom<SubscriptionRow> for Subscription {
    type Error = sqlx::Error;

    fn try_from(row: SubscriptionRow) -> Result<Self, sqlx::Error> {
        let bad = |what: &str| {
            sqlx::Error::Decode(format!("stored subscription has an invalid {what}").into())
        };
        Ok(Subscription {
            id: row.id,
            subscriber_id: row.subscriber_id,
            kind: Kind::find(&row.kind).ok_or_else(|| bad("kind"))?,
            target: row.target,
            label: row.label,
            frequency: Frequency::find(&row.frequency).ok_or_else(|| bad("frequency"))?,
            confirmed: row.confirmed_at.is_some(),
            since: row.since,
        })
    }
}

const SUBSCRIPTION_COLUMNS: &str =
    "id, subscriber_id, kind, target, label, frequency, confirmed_at, since";

/// What subscribing did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subscribed {
    /// Waiting for the address to be confirmed; mail this token (`None`: a link went out moments ago).
    Pending(Option<String>),
    /// Active already, or now (the signed-in owner of the address asked).
    Active,
}

/// Subscribes `email` to `topic` as part of `tx`. A subscription that exists already keeps its frequency: the
/// person changes that from the link in their mail, so that nobody learns from this form what another address
/// follows. `confirmed` is for the signed-in owner of a verified address, who needs no confirmation mail.
pub async fn subscribe(
    tx: &mut Transaction<'_, Any>,
    email: &Email,
    topic: &Topic,
    frequency: Frequency,
    confirmed: bool,
    at: i64,
) -> Result<Subscribed, sqlx::Error> {
    // The address's row, new or not, in one statement (the update changes nothing but makes the id returned).
    let subscriber_id: i64 = sqlx::query_scalar(
        "insert into subscribers (email, created_at) values ($1, $2) \
         on conflict (email) do update set email = excluded.email returning id",
    )
    .bind(email.as_str())
    .bind(at)
    .fetch_one(&mut **tx)
    .await?;
    let token = super::passwords::random_token();
    // A new subscription is the usual case: added unless the address already follows the topic.
    let added = sqlx::query(
        "insert into subscriptions (subscriber_id, kind, target, label, frequency, created_at, confirm_hash, \
         confirm_sent_at, confirm_expires_at, confirmed_at, since, next_due_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $6, $6) \
         on conflict (subscriber_id, kind, target) do nothing",
    )
    .bind(subscriber_id)
    .bind(topic.kind.as_str())
    .bind(&topic.target)
    .bind(&topic.label)
    .bind(frequency.as_str())
    .bind(at)
    .bind((!confirmed).then(|| tokens::hash(&token)))
    .bind((!confirmed).then_some(at))
    .bind((!confirmed).then_some(at + super::mail::ALERT_CONFIRM_TTL_SECS))
    .bind(confirmed.then_some(at))
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if added == 1 {
        return Ok(if confirmed {
            Subscribed::Active
        } else {
            Subscribed::Pending(Some(token))
        });
    }
    let (id, confirmed_at, sent_at): (i64, Option<i64>, Option<i64>) = sqlx::query_as(
        "select id, confirmed_at, confirm_sent_at from subscriptions \
         where subscriber_id = $1 and kind = $2 and target = $3",
    )
    .bind(subscriber_id)
    .bind(topic.kind.as_str())
    .bind(&topic.target)
    .fetch_one(&mut **tx)
    .await?;
    if confirmed_at.is_some() {
        return Ok(Subscribed::Active);
    }
    if confirmed {
        sqlx::query("update subscriptions set confirmed_at = $1, since = $1, next_due_at = $1 where id = $2")
            .bind(at)
            .bind(id)
            .execute(&mut **tx)
            .await?;
        return Ok(Subscribed::Active);
    }
    if sent_at.is_some_and(|sent| sent > at - RESEND_AFTER_SECS) {
        return Ok(Subscribed::Pending(None));
    }
    sqlx::query(
        "update subscriptions set confirm_hash = $1, confirm_sent_at = $2, confirm_expires_at = $3 where id = $4",
    )
    .bind(tokens::hash(&token))
    .bind(at)
    .bind(at + super::mail::ALERT_CONFIRM_TTL_SECS)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(Subscribed::Pending(Some(token)))
}

/// The subscription a confirmation link is for, without using it.
pub async fn pending_by_token(
    db: &Db,
    token: &str,
) -> Result<Result<Subscription, Refusal>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Pending {
        #[sqlx(flatten)]
        subscription: SubscriptionRow,
        confirm_expires_at: Option<i64>,
    }
    let row = sqlx::query_as::<_, Pending>(&format!(
        "select {SUBSCRIPTION_COLUMNS}, confirm_expires_at from subscriptions where confirm_hash = $1"
    ))
    .bind(tokens::hash(token))
    .fetch_optional(db.read())
    .await?;
    let Some(row) = row else {
        return Ok(Err(Refusal::Unknown));
    };
    let subscription = Subscription::try_from(row.subscription)?;
    if subscription.confirmed {
        return Ok(Err(Refusal::Used));
    }
    if row.confirm_expires_at.unwrap_or(0) <= now() {
        return Ok(Err(Refusal::Expired));
    }
    Ok(Ok(subscription))
}

/// Confirms the subscription a link is for, once and before it expires. Its mail counts what is published from
/// now on.
pub async fn confirm(
    db: &Db,
    token: &str,
    at: i64,
    immediate_secs: i64,
) -> Result<Result<Subscription, Refusal>, sqlx::Error> {
    let row = sqlx::query_as::<_, SubscriptionRow>(&format!(
        "update subscriptions set confirmed_at = $1, since = $1, next_due_at = {} \
         where confirm_hash = $2 and confirmed_at is null and confirm_expires_at > $1 \
         returning {SUBSCRIPTION_COLUMNS}",
        next_due_sql("$1", immediate_secs)
    ))
    .bind(at)
    .bind(tokens::hash(token))
    .fetch_optional(db.write())
    .await?;
    match row {
        Some(row) => Ok(Ok(row.try_into()?)),
        None => Ok(pending_by_token(db, token)
            .await?
            .and(Err(Refusal::Expired))),
    }
}

/// A subscriber's address, by id.
pub async fn subscriber_email(db: &Db, subscriber_id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("select email from subscribers where id = $1")
        .bind(subscriber_id)
        .fetch_optional(db.read())
        .await
}

/// The subscriber with this address, if any.
pub async fn subscriber_id_of(db: &Db, email: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("select id from subscribers where email = $1")
        .bind(email)
        .fetch_optional(db.read())
        .await
}

/// A subscriber's subscriptions, confirmed ones first, oldest first.
pub async fn subscriptions_of(
    db: &Db,
    subscriber_id: i64,
) -> Result<Vec<Subscription>, sqlx::Error> {
    sqlx::query_as::<_, SubscriptionRow>(&format!(
        "select {SUBSCRIPTION_COLUMNS} from subscriptions where subscriber_id = $1 \
         order by case when confirmed_at is null then 1 else 0 end, id"
    ))
    .bind(subscriber_id)
    .fetch_all(db.read())
    .await?
    .into_iter()
    .map(Subscription::try_from)
    .collect()
}

/// Changes how often one of a subscriber's subscriptions is sent. False if it is not theirs.
pub async fn set_frequency(
    db: &Db,
    subscriber_id: i64,
    subscription_id: i64,
    frequency: Frequency,
    immediate_secs: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update subscriptions set frequency = $1, next_due_at = $2 where id = $3 and subscriber_id = $4",
    )
    .bind(frequency.as_str())
    .bind(now() + frequency.period_secs(immediate_secs))
    .bind(subscription_id)
    .bind(subscriber_id)
    .execute(db.write())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Removes those of `ids` that belong to the subscriber; answers how many went.
pub async fn remove(db: &Db, subscriber_id: i64, ids: &[i64]) -> Result<u64, sqlx::Error> {
    let mut tx = db.write().begin().await?;
    let mut removed = 0;
    for id in ids {
        removed += sqlx::query("delete from subscriptions where id = $1 and subscriber_id = $2")
            .bind(*id)
            .bind(subscriber_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    }
    tx.commit().await?;
    Ok(removed)
}

/// Forgets a subscriber: the address, every subscription and what was sent to it.
pub async fn forget(db: &Db, subscriber_id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("delete from subscribers where id = $1")
        .bind(subscriber_id)
        .execute(db.write())
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Forgets the subscriber with this address as part of `tx` (the account with it is being deleted).
pub async fn forget_email(tx: &mut Transaction<'_, Any>, email: &str) -> Result<(), sqlx::Error> {
    sqlx::query("delete from subscribers where email = $1")
        .bind(email)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Forgets subscriptions never confirmed within [`PENDING_DAYS`], subscribers left with none, and deliveries old
/// enough not to matter. Answers how many subscriptions went.
pub async fn purge(db: &Db, at: i64) -> Result<u64, sqlx::Error> {
    let cutoff = at - PENDING_DAYS * 86_400;
    let mut tx = db.write().begin().await?;
    let purged =
        sqlx::query("delete from subscriptions where confirmed_at is null and created_at < $1")
            .bind(cutoff)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    sqlx::query(
        "delete from subscribers where created_at < $1 \
         and not exists (select 1 from subscriptions s where s.subscriber_id = subscribers.id)",
    )
    .bind(cutoff)
    .execute(&mut *tx)
    .await?;
    sqlx::query("delete from alert_deliveries where sent_at < $1")
        .bind(at - DELIVERY_MEMORY_SECS)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(purged)
}

/// Subscribers with a confirmed subscription due at `at`, longest waiting first.
pub async fn due_subscribers(db: &Db, at: i64, limit: i64) -> Result<Vec<i64>, sqlx::Error> {
    let due: Vec<(i64, i64)> = sqlx::query_as(&format!(
        "select subscriber_id, min(next_due_at) as due from subscriptions \
         where confirmed_at is not null and next_due_at <= $1 group by subscriber_id order by due limit {}",
        limit.clamp(1, 10_000)
    ))
    .bind(at)
    .fetch_all(db.read())
    .await?;
    Ok(due.into_iter().map(|(subscriber, _)| subscriber).collect())
}

/// Claims a subscriber's due subscriptions as part of `tx`, moving each one's next due time on; another instance
/// that reads them at the same moment finds nothing due.
pub async fn claim_due(
    tx: &mut Transaction<'_, Any>,
    subscriber_id: i64,
    at: i64,
    immediate_secs: i64,
) -> Result<Vec<Subscription>, sqlx::Error> {
    let mut claimed: Vec<Subscription> = sqlx::query_as::<_, SubscriptionRow>(&format!(
        "update subscriptions set next_due_at = {} \
         where subscriber_id = $2 and confirmed_at is not null and next_due_at <= $1 \
         returning {SUBSCRIPTION_COLUMNS}",
        next_due_sql("$1", immediate_secs)
    ))
    .bind(at)
    .bind(subscriber_id)
    .fetch_all(&mut **tx)
    .await?
    .into_iter()
    .map(Subscription::try_from)
    .collect::<Result<_, _>>()?;
    claimed.sort_by_key(|s| s.id);
    Ok(claimed)
}

/// Records that `item` goes to `subscription_id` now, as part of `tx`. False if it was sent before.
pub async fn record_delivery(
    tx: &mut Transaction<'_, Any>,
    subscription_id: i64,
    item_kind: &str,
    item_id: i64,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "insert into alert_deliveries (subscription_id, item_kind, item_id, sent_at) values ($1, $2, $3, $4) \
         on conflict do nothing",
    )
    .bind(subscription_id)
    .bind(item_kind)
    .bind(item_id)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Moves a subscription's window on to `at`, as part of `tx`: what was published before has been considered.
pub async fn advance(
    tx: &mut Transaction<'_, Any>,
    subscription_id: i64,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("update subscriptions set since = $1 where id = $2")
        .bind(at)
        .bind(subscription_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The words of a signed preferences link.
fn manage_message(subscriber_id: i64, email: &str) -> String {
    format!("manage:{subscriber_id}:{email}")
}

/// The words of a signed unsubscribe link for some of a subscriber's subscriptions. The address is part of them:
/// a database may give a deleted subscriber's id to a new one, whom an old link must not reach.
fn unsubscribe_message(subscriber_id: i64, email: &str, ids: &[i64]) -> String {
    let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
    format!("unsubscribe:{subscriber_id}:{email}:{}", ids.join("."))
}

/// The token of a subscriber's preferences link: `{id}-{signature}`.
pub fn manage_token(key: &[u8], subscriber_id: i64, email: &str) -> String {
    format!(
        "{subscriber_id}-{}",
        tokens::sign(key, &manage_message(subscriber_id, email))
    )
}

/// The subscriber a preferences token is for, with their address, if it is genuine and they still exist.
pub async fn check_manage_token(
    db: &Db,
    token: &str,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    let Some((id, signature)) = token.split_once('-') else {
        return Ok(None);
    };
    let Ok(id) = id.parse::<i64>() else {
        return Ok(None);
    };
    let Some(email) = subscriber_email(db, id).await? else {
        return Ok(None);
    };
    let key = tokens::signing_key(db).await?;
    Ok(tokens::verify(&key, &manage_message(id, &email), signature).then_some((id, email)))
}

/// The token of a one-click unsubscribe link for `ids`: `{subscriber}-{id.id…}-{signature}`.
pub fn unsubscribe_token(key: &[u8], subscriber_id: i64, email: &str, ids: &[i64]) -> String {
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    format!(
        "{subscriber_id}-{}-{}",
        list.join("."),
        tokens::sign(key, &unsubscribe_message(subscriber_id, email, ids))
    )
}

/// The subscriber and subscriptions an unsubscribe token names, if it is genuine.
pub async fn check_unsubscribe_token(
    db: &Db,
    token: &str,
) -> Result<Option<(i64, Vec<i64>)>, sqlx::Error> {
    let mut parts = token.splitn(3, '-');
    let (Some(subscriber), Some(list), Some(signature)) =
        (parts.next(), parts.next(), parts.next())
    else {
        return Ok(None);
    };
    let Ok(subscriber_id) = subscriber.parse::<i64>() else {
        return Ok(None);
    };
    let Ok(ids) = list
        .split('.')
        .map(str::parse::<i64>)
        .collect::<Result<Vec<_>, _>>()
    else {
        return Ok(None);
    };
    if ids.is_empty() || ids.len() > 100 {
        return Ok(None);
    }
    let Some(email) = subscriber_email(db, subscriber_id).await? else {
        return Ok(None);
    };
    let key = tokens::signing_key(db).await?;
    Ok(tokens::verify(
        &key,
        &unsubscribe_message(subscriber_id, &email, &ids),
        signature,
    )
    .then_some((subscriber_id, ids)))
}

/// Subscriptions in `ids` that the subscriber still has.
pub async fn subscriptions_in(
    db: &Db,
    subscriber_id: i64,
    ids: &[i64],
) -> Result<Vec<Subscription>, sqlx::Error> {
    Ok(subscriptions_of(db, subscriber_id)
        .await?
        .into_iter()
        .filter(|s| ids.contains(&s.id))
        .collect())
}
