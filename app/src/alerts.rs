//! Email alerts: the subscription centre, double opt-in, the preferences page that needs no account, one-click
//! unsubscribing, and the digests the scheduler writes into the outbox.

use crate::address::query_value;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{auth::LinkState, error::AppError, jobs::JobsQuery};
#[cfg(feature = "ssr")]
use crate::{
    auth::local_path,
    backend::{
        self,
        alerts::{self as store, Frequency, Kind, Subscribed, Topic},
        articles::{self as article_store, Scope},
        companies as company_store,
        db::{Db, now},
        jobs as job_store, mail, tokens,
    },
    jobs::filter_of,
};
#[cfg(feature = "ssr")]
use hubboard::{DomainError, Email, FieldErrors, Sector};
#[cfg(feature = "ssr")]
use server_fn::ServerFn;

/// The choices of how often, in the order forms list them: (value, label).
pub const FREQUENCIES: [(&str, &str); 3] = [
    ("immediate", "As soon as something is published"),
    ("daily", "A daily digest"),
    ("weekly", "A weekly digest"),
];

/// The frequencies as a select field lists them: value and words.
pub fn frequency_options() -> Vec<(String, String)> {
    FREQUENCIES
        .iter()
        .map(|(value, label)| ((*value).to_owned(), (*label).to_owned()))
        .collect()
}

/// The words for a frequency value.
pub fn frequency_label(value: &str) -> &'static str {
    FREQUENCIES
        .iter()
        .find(|(v, _)| *v == value)
        .map_or("", |(_, label)| label)
}

/// Jobs listed in one alert mail per subscription; the rest are a link away.
pub const JOBS_PER_MAIL: i64 = 10;
/// Articles listed in one alert mail per subscription.
pub const ARTICLES_PER_MAIL: i64 = 5;

/// Something to subscribe to, as a form offers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicChoice {
    /// `kind:target`, as the form posts it.
    pub value: String,
    pub label: String,
}

/// What the subscription centre offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertChoices {
    pub choices: Vec<TopicChoice>,
    /// The choices were asked for by a link ("email me jobs like these"), not the general list.
    pub preset: bool,
    /// The signed-in user's address, to fill in.
    pub email: String,
    /// The signed-in user's preferences page, when their confirmed address has alerts.
    pub manage_href: Option<String>,
}

/// The subscribe form, in the sidebar and the subscription centre.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct SubscribeForm {
    pub email: String,
    /// `kind:target` (see [`TopicChoice`]).
    pub topic: String,
    pub frequency: String,
    /// The page to come back to.
    #[serde(default)]
    pub next: Option<String>,
    /// Left empty by people; robots fill it in.
    #[serde(default)]
    pub website: String,
}

/// One subscription on the preferences page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionView {
    pub id: i64,
    pub label: String,
    pub frequency: String,
    pub confirmed: bool,
}

/// The preferences page of one address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preferences {
    pub email: String,
    pub subscriptions: Vec<SubscriptionView>,
}

/// A change on the preferences page: save a new frequency, or remove the subscription.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct AlertChangeForm {
    pub token: String,
    pub subscription: i64,
    #[serde(default)]
    pub frequency: String,
    /// `save` or `remove`.
    pub intent: String,
}

/// What an unsubscribe link would stop.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnsubscribeView {
    /// The alerts still active that the link names.
    pub labels: Vec<String>,
}

/// The filters of a job search that an alert keeps, by their `/jobs` parameter names, in a fixed order.
fn alert_filters(query: &JobsQuery) -> [(&'static str, &str); 6] {
    [
        ("q", query.q.trim()),
        ("sector", query.sector.as_str()),
        ("type", query.kind.as_str()),
        ("workplace", query.workplace.as_str()),
        ("country", query.country.trim()),
        ("salary", query.salary.as_str()),
    ]
}

/// The link to the alert form for the jobs a `/jobs` query finds.
pub fn jobs_alert_href(query: &JobsQuery) -> String {
    let mut parts = Vec::new();
    for (key, value) in alert_filters(query) {
        if !value.is_empty() {
            parts.push(format!("{key}={}", query_value(value)));
        }
    }
    let search = if parts.is_empty() {
        "all".to_owned()
    } else {
        parts.join("&")
    };
    format!("/alerts?jobs={}", query_value(&search))
}

/// The stored form of a job search: its filters in a fixed order, so the same search is the same subscription.
#[cfg(feature = "ssr")]
fn canonical_search(raw: &str) -> JobsQuery {
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(raw.as_bytes())
        .into_owned()
        .collect();
    let get = |key: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    };
    let query = JobsQuery::from_params(get);
    let valid = |ok: bool, value: String| if ok { value } else { String::new() };
    JobsQuery {
        q: query.q.chars().take(200).collect(),
        sector: valid(Sector::find(&query.sector).is_some(), query.sector),
        kind: valid(
            hubboard::job::EmploymentType::find(&query.kind).is_some(),
            query.kind,
        ),
        workplace: valid(
            hubboard::job::WorkplaceKind::find(&query.workplace).is_some(),
            query.workplace,
        ),
        country: query.country.chars().take(60).collect(),
        salary: valid(
            hubboard::job::SALARY_BANDS
                .iter()
                .any(|(key, ..)| *key == query.salary),
            query.salary,
        ),
        ..JobsQuery::default()
    }
}

#[cfg(feature = "ssr")]
fn search_target(query: &JobsQuery) -> String {
    let mut target = url::form_urlencoded::Serializer::new(String::new());
    for (key, value) in alert_filters(query) {
        if !value.is_empty() {
            target.append_pair(key, value);
        }
    }
    target.finish()
}

/// A job search in words: "Jobs matching “rust” · Software · Full-time".
#[cfg(feature = "ssr")]
fn search_label(query: &JobsQuery) -> String {
    let mut parts = Vec::new();
    if !query.q.is_empty() {
        parts.push(format!("matching “{}”", query.q));
    }
    if let Some(sector) = Sector::find(&query.sector) {
        parts.push(sector.name.to_owned());
    }
    if let Some(kind) = hubboard::job::EmploymentType::find(&query.kind) {
        parts.push(kind.label().to_owned());
    }
    if let Some(workplace) = hubboard::job::WorkplaceKind::find(&query.workplace) {
        parts.push(workplace.label().to_owned());
    }
    if !query.country.is_empty() {
        parts.push(format!("in {}", query.country));
    }
    if let Some((_, label, ..)) = hubboard::job::SALARY_BANDS
        .iter()
        .find(|(key, ..)| *key == query.salary)
    {
        parts.push(format!("salary {label}"));
    }
    if parts.is_empty() {
        "Every new job".to_owned()
    } else {
        format!("New jobs {}", parts.join(" · "))
    }
}

/// The topic a form's `kind:target` names, checked against what exists, with its label made here (never taken
/// from the form).
#[cfg(feature = "ssr")]
async fn resolve_topic(db: &Db, raw: &str) -> Result<Option<Topic>, AppError> {
    let (kind, target) = raw.split_once(':').unwrap_or((raw, ""));
    let Some(kind) = Kind::find(kind) else {
        return Ok(None);
    };
    let topic = |target: String, label: String| {
        Some(Topic {
            kind,
            target,
            label,
        })
    };
    Ok(match kind {
        Kind::News => topic(String::new(), "All Hubboard news".to_owned()),
        Kind::Category => Sector::find(target)
            .and_then(|s| topic(s.slug.to_owned(), format!("News about {}", s.name))),
        Kind::Tag => match article_store::tag(db, target).await? {
            Some(tag) => topic(tag.slug, format!("News tagged “{}”", tag.name)),
            None => None,
        },
        Kind::CompanyNews | Kind::CompanyJobs => {
            let company = match target.parse::<i64>() {
                Ok(id) => company_store::by_id(db, id).await?,
                Err(_) => None,
            };
            match company.filter(|c| c.status == company_store::Status::Approved) {
                Some(c) if kind == Kind::CompanyJobs => {
                    topic(c.id.to_string(), format!("New jobs at {}", c.name))
                }
                Some(c) => topic(c.id.to_string(), format!("News about {}", c.name)),
                None => None,
            }
        }
        Kind::Jobs => {
            let query = canonical_search(if target == "all" { "" } else { target });
            topic(search_target(&query), search_label(&query))
        }
    })
}

/// The preferences page of the signed-in user's confirmed address, if it has alerts.
#[cfg(feature = "ssr")]
async fn own_manage_href(db: &Db) -> Result<(String, Option<String>), AppError> {
    let Some(user) = backend::current_user().await? else {
        return Ok((String::new(), None));
    };
    let email = user.email.to_string();
    if user.email_verified_at.is_none() {
        return Ok((email, None));
    }
    let Some(id) = store::subscriber_id_of(db, &email).await? else {
        return Ok((email, None));
    };
    let key = tokens::signing_key(db).await?;
    let href = format!("/alerts/manage/{}", store::manage_token(&key, id, &email));
    Ok((email, Some(href)))
}

/// What the subscription centre offers: the topics a link asked for (a job search, a company, a tag or a
/// category), or all news and each category.
#[server(endpoint = "alerts/options")]
pub async fn alert_options(
    jobs: String,
    company: String,
    tag: String,
    category: String,
) -> Result<AlertChoices, AppError> {
    let db = backend::db()?;
    let mut asked = Vec::new();
    if !jobs.is_empty() {
        asked.push(format!("jobs:{jobs}"));
    }
    if !company.is_empty()
        && let Some(c) = company_store::by_slug(&db, &company).await?
    {
        asked.push(format!("company-jobs:{}", c.id));
        asked.push(format!("company-news:{}", c.id));
    }
    if !tag.is_empty() {
        asked.push(format!("tag:{tag}"));
    }
    if !category.is_empty() {
        asked.push(format!("category:{category}"));
    }
    let preset = !asked.is_empty();
    if !preset {
        asked.push("news:".to_owned());
        asked.extend(
            hubboard::SECTORS
                .iter()
                .map(|s| format!("category:{}", s.slug)),
        );
    }
    let mut choices = Vec::new();
    for raw in asked {
        if let Some(topic) = resolve_topic(&db, &raw).await? {
            choices.push(TopicChoice {
                value: format!("{}:{}", topic.kind.as_str(), topic.target),
                label: topic.label,
            });
        }
    }
    let (email, manage_href) = own_manage_href(&db).await?;
    Ok(AlertChoices {
        choices,
        preset,
        email,
        manage_href,
    })
}

/// Adds the address to an alert and mails it a confirmation link. The answer is the same whether or not the
/// address follows it already, so the form tells nobody what another address subscribes to.
#[server(endpoint = "alerts/subscribe")]
pub async fn subscribe(form: SubscribeForm) -> Result<(), AppError> {
    let result = async {
        let db = backend::db()?;
        let mut errors = FieldErrors::new();
        let email = errors.check(Email::parse(&form.email));
        let topic = resolve_topic(&db, &form.topic).await?;
        if topic.is_none() {
            errors.push(DomainError::new(
                "topic",
                "Choose what to be alerted about.",
            ));
        }
        let frequency = Frequency::find(&form.frequency);
        if frequency.is_none() {
            errors.push(DomainError::new(
                "frequency",
                "Choose how often to hear from us.",
            ));
        }
        let (Some(email), Some(topic), Some(frequency)) = (email, topic, frequency) else {
            return Err(errors.into());
        };
        if !form.website.is_empty() {
            // A robot filled in the field people never see: answer as for anyone, keep nothing.
            tracing::info!("subscription refused: honeypot filled");
            return Ok(false);
        }
        if backend::moderation::is_banned(&db, email.as_str()).await? {
            return Err(DomainError::new("email", crate::auth::REFUSED_DOMAIN).into());
        }
        // A confirmation carries the alert's name, which may be a visitor's search words, to any address.
        backend::limit(&[
            (
                backend::rate_limit::SUBSCRIBE_PER_ADDRESS,
                &backend::client_ip(),
            ),
            (backend::rate_limit::SUBSCRIBE_PER_RECIPIENT, email.as_str()),
        ])
        .await?;
        // The signed-in owner of a confirmed address has proved it already.
        let owner = backend::current_user()
            .await?
            .is_some_and(|u| u.email_verified_at.is_some() && u.email == email);
        let mut tx = db.write().begin().await?;
        let subscribed = store::subscribe(&mut tx, &email, &topic, frequency, owner, now()).await?;
        if let Subscribed::Pending(Some(token)) = &subscribed {
            let site = backend::state()?.site_url;
            let message = mail::alert_confirmation(&site, email.as_str(), &topic.label, token);
            mail::enqueue(&mut tx, &message).await?;
        }
        tx.commit().await?;
        tracing::info!(kind = topic.kind.as_str(), "alert subscription asked for");
        Ok(owner)
    }
    .await;
    let active = match result {
        Ok(active) => active,
        Err(error) => {
            backend::remember_form(
                Subscribe::PATH,
                &[
                    ("email", &form.email),
                    ("topic", &form.topic),
                    ("frequency", &form.frequency),
                ],
            )
            .await;
            return Err(error);
        }
    };
    let next = local_path(form.next.as_deref().or(Some("/alerts")));
    let notice = if active {
        "alert-active"
    } else {
        "alert-check"
    };
    let separator = if next.contains('?') { '&' } else { '?' };
    leptos_axum::redirect(&format!("{next}{separator}notice={notice}"));
    Ok(())
}

#[cfg(feature = "ssr")]
fn link_state(refusal: tokens::Refusal) -> LinkState {
    match refusal {
        tokens::Refusal::Used => LinkState::Used,
        tokens::Refusal::Expired => LinkState::Expired,
        tokens::Refusal::Unknown => LinkState::Unknown,
    }
}

/// What the alert a confirmation link is for would be, without confirming it.
#[server(endpoint = "alerts/confirm-link")]
pub async fn alert_confirm_link(token: String) -> Result<(LinkState, String), AppError> {
    let db = backend::db()?;
    Ok(match store::pending_by_token(&db, &token).await? {
        Ok(subscription) => (LinkState::Open, subscription.label),
        Err(refusal) => (link_state(refusal), String::new()),
    })
}

/// Confirms the alert a link is for and opens the address's preferences.
#[server(endpoint = "alerts/confirm")]
pub async fn confirm_alert(token: String) -> Result<(), AppError> {
    let state = backend::state()?;
    let db = state.db.clone();
    let subscription = match store::confirm(&db, &token, now(), state.alerts_every_secs).await? {
        Ok(subscription) => subscription,
        Err(refusal) => {
            return Err(AppError::Refused(crate::auth::link_refusal(
                link_state(refusal),
                "confirm an alert",
                "Subscribe again to get a new one.",
            )));
        }
    };
    tracing::info!(subscription.id = subscription.id, "alert confirmed");
    let email = store::subscriber_email(&db, subscription.subscriber_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let key = tokens::signing_key(&db).await?;
    let manage = store::manage_token(&key, subscription.subscriber_id, &email);
    leptos_axum::redirect(&format!("/alerts/manage/{manage}?notice=alert-confirmed"));
    Ok(())
}

/// The subscriber a preferences link is for, or 404 for a link that is not genuine.
#[cfg(feature = "ssr")]
async fn subscriber_of(db: &Db, token: &str) -> Result<(i64, String), AppError> {
    store::check_manage_token(db, token)
        .await?
        .ok_or(AppError::NotFound)
}

/// Everything an address is subscribed to, for the preferences page its mail links to.
#[server(endpoint = "alerts/preferences")]
pub async fn alert_preferences(token: String) -> Result<Preferences, AppError> {
    let db = backend::db()?;
    let (id, email) = subscriber_of(&db, &token).await?;
    let subscriptions = store::subscriptions_of(&db, id)
        .await?
        .into_iter()
        .map(|s| SubscriptionView {
            id: s.id,
            label: s.label,
            frequency: s.frequency.as_str().to_owned(),
            confirmed: s.confirmed,
        })
        .collect();
    Ok(Preferences {
        email,
        subscriptions,
    })
}

/// Changes how often one alert is sent, or removes it.
#[server(endpoint = "alerts/change")]
pub async fn change_alert(form: AlertChangeForm) -> Result<(), AppError> {
    let state = backend::state()?;
    let db = state.db.clone();
    let (id, _) = subscriber_of(&db, &form.token).await?;
    let notice = match form.intent.as_str() {
        "remove" => {
            if store::remove(&db, id, &[form.subscription]).await? == 0 {
                return Err(AppError::NotFound);
            }
            "alert-removed"
        }
        "save" => {
            let frequency = Frequency::find(&form.frequency).ok_or_else(|| {
                AppError::from(DomainError::new(
                    "frequency",
                    "Choose how often to hear from us.",
                ))
            })?;
            if !store::set_frequency(
                &db,
                id,
                form.subscription,
                frequency,
                state.alerts_every_secs,
            )
            .await?
            {
                return Err(AppError::NotFound);
            }
            "alert-saved"
        }
        _ => return Err(AppError::BadRequest),
    };
    leptos_axum::redirect(&format!("/alerts/manage/{}?notice={notice}", form.token));
    Ok(())
}

/// Forgets the address and all its alerts.
#[server(endpoint = "alerts/forget")]
pub async fn forget_alerts(token: String) -> Result<(), AppError> {
    let db = backend::db()?;
    let (id, _) = subscriber_of(&db, &token).await?;
    store::forget(&db, id).await?;
    tracing::info!(subscriber.id = id, "subscriber forgotten");
    leptos_axum::redirect("/alerts?notice=alerts-forgotten");
    Ok(())
}

/// The alerts an unsubscribe link would stop, for the page a browser opens it on.
#[server(endpoint = "alerts/unsubscribe-preview")]
pub async fn unsubscribe_preview(token: String) -> Result<UnsubscribeView, AppError> {
    let db = backend::db()?;
    let (subscriber, ids) = store::check_unsubscribe_token(&db, &token)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(UnsubscribeView {
        labels: store::subscriptions_in(&db, subscriber, &ids)
            .await?
            .into_iter()
            .map(|s| s.label)
            .collect(),
    })
}

/// What one round of the alert scheduler did.
#[cfg(feature = "ssr")]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DigestRun {
    /// Subscribers whose due alerts were looked at.
    pub subscribers: usize,
    /// Mails written to the outbox (subscribers with nothing new get none).
    pub mails: usize,
    /// Jobs and articles listed in them.
    pub items: usize,
}

/// New items for one subscription: (item kind, id, as mailed), and the link to all of them when there are more.
#[cfg(feature = "ssr")]
type Found = (
    Vec<(&'static str, i64, mail::DigestItem)>,
    Option<(String, String)>,
);

/// What a round has found, by topic and window: subscriptions that follow the same thing since the same time (all
/// those last sent in the same round do) share one query.
#[cfg(feature = "ssr")]
type Memo = std::collections::HashMap<(Kind, String, i64), Found>;

/// Writes the alert mail of every subscriber due at `at`, in rounds of `batch`, until none is due.
#[cfg(feature = "ssr")]
pub async fn send_due_alerts(
    db: &Db,
    search: &backend::search::SearchIndex,
    site: &str,
    at: i64,
    every_secs: i64,
    batch: i64,
) -> Result<DigestRun, AppError> {
    let key = tokens::signing_key(db).await?;
    let mut run = DigestRun::default();
    let mut memo = Memo::new();
    loop {
        let due = store::due_subscribers(db, at, batch).await?;
        if due.is_empty() {
            return Ok(run);
        }
        for subscriber in due {
            let (mailed, items) = digest_for(
                db, search, site, &key, subscriber, at, every_secs, &mut memo,
            )
            .await?;
            run.subscribers += 1;
            run.mails += usize::from(mailed);
            run.items += items;
        }
    }
}

/// One alert mail's new items for a subscription, and the link to all of them when there are more.
#[cfg(feature = "ssr")]
async fn new_items(
    db: &Db,
    search: &backend::search::SearchIndex,
    site: &str,
    subscription: &store::Subscription,
    at: i64,
) -> Result<
    (
        Vec<(&'static str, i64, mail::DigestItem)>,
        Option<(String, String)>,
    ),
    AppError,
> {
    let since = subscription.since;
    if subscription.kind.is_jobs() {
        let (filter, more_href) = if subscription.kind == Kind::Jobs {
            let query = canonical_search(&subscription.target);
            let mut filter = filter_of(&query, at);
            filter.posted_since = Some(since);
            let target = search_target(&query);
            let separator = if target.is_empty() { "" } else { "&" };
            (
                filter,
                format!("{site}/jobs?{target}{separator}sort=newest"),
            )
        } else {
            let id = subscription.target.parse::<i64>().unwrap_or(0);
            let filter = job_store::Filter {
                company_id: Some(id),
                posted_since: Some(since),
                ..job_store::Filter::default()
            };
            let slug = company_store::by_id(db, id)
                .await?
                .map(|c| c.slug)
                .unwrap_or_default();
            (filter, format!("{site}/companies/{slug}"))
        };
        let (listings, total) = backend::search::find_open(
            db,
            search,
            &filter,
            job_store::Sort::Newest,
            usize::try_from(JOBS_PER_MAIL).unwrap_or(10),
            0,
        )
        .await?;
        let shown = listings.len() as i64;
        let items = listings
            .into_iter()
            .map(|listing| {
                let card = crate::jobs::card(listing);
                let line = [
                    card.company_name.as_str(),
                    card.place.as_str(),
                    card.salary.as_str(),
                ]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · ");
                (
                    "job",
                    card.id,
                    mail::DigestItem {
                        title: card.title,
                        line,
                        href: format!("{site}{}", card.href),
                    },
                )
            })
            .collect();
        let more = (total > shown).then(|| (format!("See all {total} new jobs"), more_href));
        return Ok((items, more));
    }
    let (scope, more_href) = match subscription.kind {
        Kind::Category => (
            Scope::Category(subscription.target.clone()),
            format!("{site}/categories/{}", subscription.target),
        ),
        Kind::Tag => (
            Scope::Tag(subscription.target.clone()),
            format!("{site}/tags/{}", subscription.target),
        ),
        Kind::CompanyNews => {
            let id = subscription.target.parse::<i64>().unwrap_or(0);
            let slug = company_store::by_id(db, id)
                .await?
                .map(|c| c.slug)
                .unwrap_or_default();
            (Scope::Company(id), format!("{site}/companies/{slug}"))
        }
        _ => (Scope::All, format!("{site}/news")),
    };
    let (summaries, total) =
        article_store::published_since(db, &scope, since, at, ARTICLES_PER_MAIL).await?;
    let shown = summaries.len() as i64;
    let items = summaries
        .into_iter()
        .map(|s| {
            (
                "article",
                s.id,
                mail::DigestItem {
                    href: format!("{site}/news/{}", s.slug),
                    title: s.title,
                    line: s.standfirst,
                },
            )
        })
        .collect();
    let more = (total > shown).then(|| (format!("See all {total} new articles"), more_href));
    Ok((items, more))
}

/// Builds and queues one subscriber's alert mail, if any of their due subscriptions has something new. The claim,
/// the record of what was sent and the mail are one transaction: all of it happens once, or none of it.
#[cfg(feature = "ssr")]
#[allow(clippy::too_many_arguments)]
async fn digest_for(
    db: &Db,
    search: &backend::search::SearchIndex,
    site: &str,
    key: &[u8],
    subscriber_id: i64,
    at: i64,
    every_secs: i64,
    memo: &mut Memo,
) -> Result<(bool, usize), AppError> {
    let Some(email) = store::subscriber_email(db, subscriber_id).await? else {
        return Ok((false, 0));
    };
    let mut tx = db.write().begin().await?;
    let claimed = store::claim_due(&mut tx, subscriber_id, at, every_secs).await?;
    let mut sections = Vec::new();
    let mut included = Vec::new();
    let (mut jobs, mut articles) = (0, 0);
    for subscription in &claimed {
        let topic = (
            subscription.kind,
            subscription.target.clone(),
            subscription.since,
        );
        let (candidates, more) = match memo.get(&topic) {
            Some(found) => found.clone(),
            None => {
                let found = new_items(db, search, site, subscription, at).await?;
                memo.insert(topic, found.clone());
                found
            }
        };
        let mut items = Vec::new();
        for (kind, id, item) in candidates {
            if store::record_delivery(&mut tx, subscription.id, kind, id, at).await? {
                items.push(item);
            }
        }
        store::advance(&mut tx, subscription.id, at).await?;
        if items.is_empty() {
            continue;
        }
        if subscription.kind.is_jobs() {
            jobs += items.len();
        } else {
            articles += items.len();
        }
        included.push(subscription.id);
        sections.push(mail::DigestSection {
            heading: subscription.label.clone(),
            items,
            more,
        });
    }
    let mailed = !sections.is_empty();
    if mailed {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let what = match (jobs, articles) {
            (0, a) => plural(a, "new article", "new articles"),
            (j, 0) => plural(j, "new job", "new jobs"),
            (j, a) => format!(
                "{} and {}",
                plural(j, "new job", "new jobs"),
                plural(a, "article", "articles")
            ),
        };
        let manage = format!(
            "{site}/alerts/manage/{}",
            store::manage_token(key, subscriber_id, &email)
        );
        let unsubscribe = format!(
            "{site}/alerts/unsubscribe/{}",
            store::unsubscribe_token(key, subscriber_id, &email, &included)
        );
        let message = mail::digest(
            site,
            &email,
            &format!("Hubboard alerts: {what}"),
            &sections,
            &manage,
            &unsubscribe,
        );
        mail::enqueue(&mut tx, &message).await?;
    }
    tx.commit().await?;
    Ok((mailed, jobs + articles))
}
