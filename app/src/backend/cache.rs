//! Read-through caches of what public pages show, replaced listing by listing.
//!
//! Every change a visitor could see is written, in the transaction that makes it, to the `changes` log by
//! triggers (so no write path can forget): which job, company or article changed, and whether the change also moved
//! a kind of list (which listings are public and in what order, what a search by words finds, which jobs are
//! featured). Each instance follows the log and keeps, for every [`Topic`], the last change to it. An answer is
//! kept with the topics it shows, noted where its rows are read ([`shows`]), and is used while none of them has
//! changed since it was read: an edit to one profile replaces the answers that show that company, not every page.
//! An instance follows the log at most [`VERSIONS_MAX_AGE`] late and right after each of its own changes; a time
//! limit covers what moves with the clock ("posted within", closing days, featured windows).

use std::{
    cell::RefCell,
    collections::{HashMap, HashSet},
    future::Future,
    hash::Hash,
    sync::{Arc, Mutex, RwLock},
    time::{Duration, Instant},
};

use futures::{
    FutureExt,
    future::{BoxFuture, Shared},
};
use leptos::prelude::use_context;
use sqlx::Row;

use super::db::Db;
use crate::error::AppError;

/// Something an answer shows: one listing, or one kind of list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Topic {
    Job(i64),
    /// Everything about a company: its profile, and which of its jobs are open.
    Company(i64),
    /// What job pages and cards show of a company: its name, address, logo, badge and website.
    CompanyCard(i64),
    Article(i64),
    /// Which jobs are open, what filters find them and in which order.
    Jobs,
    /// What a search by words finds among the open jobs.
    JobWords,
    /// Which open jobs are featured.
    Featured,
    /// Which companies are listed, what filters find them and in which order.
    Companies,
    /// What a search by words finds among the listed companies.
    CompanyWords,
    /// Which articles are public, and in which lists (kinds, categories, tags, companies).
    Articles,
    /// Anything at all: for an answer that cannot name what it shows.
    Anything,
}

impl Topic {
    /// Whether the topic is a whole list (or everything) rather than one listing.
    fn is_list(self) -> bool {
        !matches!(
            self,
            Topic::Job(_) | Topic::Company(_) | Topic::CompanyCard(_) | Topic::Article(_)
        )
    }
}

/// The topics one row of the `changes` log moved: its listing, and the lists its `lists` bits name.
fn topics_of(kind: &str, listing: i64, owner: Option<i64>, lists: i64) -> Vec<Topic> {
    let mut topics = Vec::with_capacity(4);
    match kind {
        "job" => {
            topics.push(Topic::Job(listing));
            if lists & 1 != 0 {
                topics.push(Topic::Jobs);
                // The company's profile lists its open jobs.
                topics.extend(owner.map(Topic::Company));
            }
            if lists & 2 != 0 {
                topics.push(Topic::Featured);
            }
            if lists & 4 != 0 {
                topics.push(Topic::JobWords);
            }
        }
        "company" => {
            topics.push(Topic::Company(listing));
            if lists & 1 != 0 {
                topics.push(Topic::Companies);
            }
            if lists & 4 != 0 {
                topics.push(Topic::CompanyWords);
            }
            if lists & 8 != 0 {
                topics.push(Topic::CompanyCard(listing));
            }
        }
        "article" => {
            if listing != 0 {
                topics.push(Topic::Article(listing));
            }
            if lists & 1 != 0 {
                topics.push(Topic::Articles);
            }
        }
        // A kind this version does not know: everything may have changed.
        _ => topics.push(Topic::Anything),
    }
    topics
}

/// The shared data versions at one moment.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Versions {
    /// The jobs' version, which the search index follows.
    pub jobs: i64,
    /// The last change in the `changes` log.
    pub changes: i64,
    /// When the latest article to have appeared did: moves when a scheduled article comes due, with no write.
    pub articles_due: i64,
}

/// Reads the current versions (one query).
pub async fn read_versions(db: &Db) -> Result<Versions, sqlx::Error> {
    let row = sqlx::query(
        "select (select version from data_versions where name = 'jobs') as jobs, \
         (select version from data_versions where name = 'changes') as changes, \
         (select coalesce(max(publish_at), 0) from articles where status = 'published' and publish_at <= $1) \
         as articles_due",
    )
    .bind(super::db::now())
    .fetch_one(db.read())
    .await?;
    Ok(Versions {
        jobs: row.try_get("jobs")?,
        changes: row.try_get("changes")?,
        articles_due: row.try_get("articles_due")?,
    })
}

/// How long the changes log keeps a change: far longer than any answer is kept, so only an instance paused for
/// longer finds changes missing, and takes everything it read before as out of date.
pub const CHANGES_KEPT_SECS: i64 = 86_400;

/// Forgets changes older than [`CHANGES_KEPT_SECS`]; returns how many.
pub async fn prune_changes(db: &Db, at: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("delete from changes where changed_at < $1")
        .bind(at - CHANGES_KEPT_SECS)
        .execute(db.write())
        .await?
        .rows_affected())
}

/// Records in the changes log that what searches by words find among the jobs changed (their synonyms did), as
/// the triggers record changes to listings.
pub async fn record_words_changed(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
) -> Result<(), sqlx::Error> {
    sqlx::query("update data_versions set version = version + 1 where name = 'changes'")
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "insert into changes (seq, kind, listing_id, owner_id, lists, changed_at) \
         select version, 'job', 0, null, 4, $1 from data_versions where name = 'changes'",
    )
    .bind(super::db::now())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// How old the versions an instance goes by may be: a change made through another instance (or by a background
/// task) shows on this one within this time. This instance's own changes show at once.
pub const VERSIONS_MAX_AGE: Duration = Duration::from_millis(100);

/// At most this many changes are read from the log at once; an instance further behind (after a large import, or
/// a pause longer than the log is kept) takes every answer read before as out of date instead.
const MAX_CHANGES_READ: i64 = 20_000;

/// Topics remembered at most: past this, every answer read before is taken as out of date and the record starts
/// afresh, so memory stays bounded however many listings change.
const MAX_TOPICS: usize = 200_000;

/// When each topic last changed, as far as this instance has followed the log.
#[derive(Debug, Default)]
struct Stamps {
    /// The last change followed.
    seq: i64,
    /// Answers read before this change are out of date whatever they show.
    floor: i64,
    last: HashMap<Topic, i64>,
}

impl Stamps {
    /// Whether nothing `topics` names changed after `read_at`.
    fn unchanged_since(&self, read_at: i64, topics: &[Topic]) -> bool {
        read_at >= self.floor
            && topics.iter().all(|topic| match topic {
                Topic::Anything => self.seq <= read_at,
                topic => self.last.get(topic).is_none_or(|&at| at <= read_at),
            })
    }

    fn apply(&mut self, seq: i64, topics: &[Topic]) {
        // Two requests may follow the same changes at once: a stamp never goes back.
        for &topic in topics {
            let stamp = self.last.entry(topic).or_insert(seq);
            *stamp = (*stamp).max(seq);
        }
        self.seq = self.seq.max(seq);
        if self.last.len() > MAX_TOPICS {
            self.start_at(self.seq);
        }
    }

    /// Everything read before `seq` is out of date.
    fn start_at(&mut self, seq: i64) {
        self.seq = self.seq.max(seq);
        self.floor = self.floor.max(seq);
        self.last = HashMap::new();
    }
}

/// The versions as this instance last read them, re-read when older than [`VERSIONS_MAX_AGE`] or after this
/// instance changed something, so that a busy instance reads them a few times a second rather than per request,
/// with the record of changes followed up to them.
#[derive(Clone, Debug, Default)]
pub struct SharedVersions(Arc<SharedInner>);

#[derive(Debug, Default)]
struct SharedInner {
    last: Mutex<LastRead>,
    stamps: RwLock<Stamps>,
}

#[derive(Debug, Default)]
struct LastRead {
    read: Option<(Instant, Versions)>,
    /// Bumped by every change of this instance; a read that started before one is not kept.
    generation: u64,
}

impl SharedVersions {
    /// The versions, no older than [`VERSIONS_MAX_AGE`] and never older than this instance's last change, with
    /// every change up to them followed.
    pub async fn get(&self, db: &Db) -> Result<Versions, sqlx::Error> {
        let generation = {
            let Ok(last) = self.0.last.lock() else {
                return read_versions(db).await;
            };
            match last.read {
                Some((at, versions)) if at.elapsed() < VERSIONS_MAX_AGE => return Ok(versions),
                _ => last.generation,
            }
        };
        let started = Instant::now();
        let versions = self.read_and_follow(db).await?;
        if let Ok(mut last) = self.0.last.lock()
            && last.generation == generation
        {
            last.read = Some((started, versions));
        }
        Ok(versions)
    }

    /// Reads the versions and, in the same statement, the changes logged since the last one followed, and follows
    /// them.
    async fn read_and_follow(&self, db: &Db) -> Result<Versions, sqlx::Error> {
        let from = self.followed();
        // Without a row of the log, `left join` still gives the versions.
        let rows = sqlx::query(
            "select v.jobs, v.changes, v.articles_due, c.seq, c.kind, c.listing_id, c.owner_id, c.lists \
             from (select (select version from data_versions where name = 'jobs') as jobs, \
             (select version from data_versions where name = 'changes') as changes, \
             (select coalesce(max(publish_at), 0) from articles where status = 'published' and publish_at <= $1) \
             as articles_due) as v \
             left join changes c on c.seq > $2 and c.seq <= v.changes and c.seq <= $3 order by c.seq",
        )
        .bind(super::db::now())
        .bind(from)
        .bind(from.saturating_add(MAX_CHANGES_READ))
        .fetch_all(db.read())
        .await?;
        let first = rows.first().ok_or(sqlx::Error::RowNotFound)?;
        let versions = Versions {
            jobs: first.try_get("jobs")?,
            changes: first.try_get("changes")?,
            articles_due: first.try_get("articles_due")?,
        };
        let through = versions.changes;
        if through <= from {
            return Ok(versions);
        }
        if through - from > MAX_CHANGES_READ {
            self.with_stamps(|stamps| stamps.start_at(through));
            return Ok(versions);
        }
        let mut changes = Vec::with_capacity(rows.len());
        for row in &rows {
            let Some(seq) = row.try_get::<Option<i64>, _>("seq")? else {
                continue;
            };
            let kind: String = row.try_get("kind")?;
            changes.push((
                seq,
                topics_of(
                    &kind,
                    row.try_get("listing_id")?,
                    row.try_get("owner_id")?,
                    row.try_get("lists")?,
                ),
            ));
        }
        // Every version is one row; a missing row was pruned, and what it changed is unknown.
        let whole = changes.len() as i64 == through - from
            && changes.first().is_none_or(|(seq, _)| *seq == from + 1);
        self.with_stamps(|stamps| {
            if whole {
                for (seq, topics) in &changes {
                    stamps.apply(*seq, topics);
                }
                stamps.seq = stamps.seq.max(through);
            } else {
                stamps.start_at(through);
            }
        });
        Ok(versions)
    }

    fn followed(&self) -> i64 {
        self.0.stamps.read().map_or(i64::MAX, |stamps| stamps.seq)
    }

    fn with_stamps(&self, change: impl FnOnce(&mut Stamps)) {
        if let Ok(mut stamps) = self.0.stamps.write() {
            change(&mut stamps);
        }
    }

    /// Whether an answer that was read as `shown` says may still be used under `versions`.
    pub fn still_shows(&self, shown: &Shown, versions: &Versions) -> bool {
        let due_holds = shown.articles_due == versions.articles_due
            || !shown
                .topics
                .iter()
                .any(|topic| matches!(topic, Topic::Articles | Topic::Anything));
        due_holds
            && self
                .0
                .stamps
                .read()
                .is_ok_and(|stamps| stamps.unchanged_since(shown.read_at, &shown.topics))
    }

    /// This instance has changed something: the next request reads the versions afresh.
    pub fn changed(&self) {
        if let Ok(mut last) = self.0.last.lock() {
            last.read = None;
            last.generation += 1;
        }
    }

    /// Records changes as if read from the log, for tests of what is kept.
    #[cfg(test)]
    fn record(&self, seq: i64, topics: &[Topic]) {
        self.with_stamps(|stamps| stamps.apply(seq, topics));
    }
}

/// When an answer was read and what it shows: it may be used until one of its topics changes.
#[derive(Clone, Debug)]
pub struct Shown {
    /// The last change the instance had followed when the answer was read.
    pub read_at: i64,
    pub articles_due: i64,
    pub topics: Arc<[Topic]>,
}

impl Shown {
    fn new(versions: &Versions, topics: impl Into<Arc<[Topic]>>) -> Self {
        Self {
            read_at: versions.changes,
            articles_due: versions.articles_due,
            topics: topics.into(),
        }
    }
}

/// The versions one request goes by, with what to check kept answers against.
#[derive(Clone, Debug)]
pub struct Reading {
    pub versions: Versions,
    shared: SharedVersions,
    memo: Option<RequestVersions>,
}

impl Reading {
    /// Whether an answer read as `shown` may be used for this request.
    pub fn still_shows(&self, shown: &Shown) -> bool {
        self.shared.still_shows(shown, &self.versions)
    }

    /// A reading for work outside any request, or a test.
    pub fn outside_requests(versions: Versions, shared: SharedVersions) -> Self {
        Self {
            versions,
            shared,
            memo: None,
        }
    }
}

tokio::task_local! {
    /// What the answer being worked out on this task shows, noted as its rows are read.
    static SHOWING: RefCell<Vec<Topic>>;
}

/// Notes that the answer being worked out shows `topics`: in the cached answer being loaded, or else in the page
/// of the current request. Called where rows are read, so what an answer shows is noted by construction.
pub fn shows(topics: impl IntoIterator<Item = Topic>) {
    note(topics, request_memo);
}

/// Notes `topics` for the answer being loaded on this task, or else in the page of the request `memo` finds.
fn note(topics: impl IntoIterator<Item = Topic>, memo: impl FnOnce() -> Option<RequestVersions>) {
    let mut topics = topics.into_iter().peekable();
    if topics.peek().is_none() {
        return;
    }
    let noted = SHOWING.try_with(|showing| showing.borrow_mut().extend(&mut topics));
    if noted.is_err()
        && let Some(memo) = memo()
    {
        memo.note(topics);
    }
}

/// Runs `work`, a part of every page that is not what the page is about (the sidebar's boxes), noting for the
/// page only which lists it shows, not the listings in them. A kept page then outlives an edit of the company in
/// the spotlight or of a featured job's wording, and shows the old words for at most the kept pages' time limit;
/// what `work` reads from the caches beneath follows every change, so pages made afterwards show the new ones.
/// Without this, one company editing its profile would replace every kept page of the site while it is the
/// newest in the directory.
pub async fn in_passing<T>(work: impl Future<Output = T>) -> T {
    let (answer, topics) = noting(work).await;
    note(
        topics.into_iter().filter(|topic| topic.is_list()),
        request_memo,
    );
    answer
}

/// Runs `work` noting what it shows, and gives back what it noted.
async fn noting<T>(work: impl Future<Output = T>) -> (T, Vec<Topic>) {
    SHOWING
        .scope(RefCell::new(Vec::new()), async {
            let answer = work.await;
            let topics = SHOWING.with(|showing| std::mem::take(&mut *showing.borrow_mut()));
            (answer, topics)
        })
        .await
}

/// The versions read once for one request, and what its page shows, put into the request by the server's
/// middleware.
#[derive(Clone, Debug, Default)]
pub struct RequestVersions(Arc<RequestMemo>);

#[derive(Debug, Default)]
struct RequestMemo {
    versions: tokio::sync::OnceCell<Versions>,
    /// What the page shows, gathered only when the page may be kept.
    shown: Option<Mutex<HashSet<Topic>>>,
}

impl RequestVersions {
    /// A memo holding `versions` already, for a request whose versions were read before it reached the page, that
    /// gathers what the page shows.
    pub fn holding(versions: Versions) -> Self {
        Self(Arc::new(RequestMemo {
            versions: tokio::sync::OnceCell::new_with(Some(versions)),
            shown: Some(Mutex::default()),
        }))
    }

    fn note(&self, topics: impl IntoIterator<Item = Topic>) {
        if let Some(shown) = &self.0.shown
            && let Ok(mut shown) = shown.lock()
        {
            shown.extend(topics);
        }
    }

    /// What the page shows, as gathered while it was made: everything, when nothing was noted.
    pub fn shown(&self) -> Shown {
        let versions = self.0.versions.get().copied().unwrap_or_default();
        let topics: Vec<Topic> = self
            .0
            .shown
            .as_ref()
            .and_then(|shown| {
                shown
                    .lock()
                    .ok()
                    .map(|shown| shown.iter().copied().collect())
            })
            .filter(|topics: &Vec<Topic>| !topics.is_empty())
            .unwrap_or_else(|| vec![Topic::Anything]);
        Shown::new(&versions, topics)
    }
}

fn request_memo() -> Option<RequestVersions> {
    use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<RequestVersions>().cloned())
}

/// Set on the answer of a page that every visitor who is not signed in sees the same, so the server may keep the
/// whole page for them (see [`share_with_visitors`]). The server takes it off before the answer leaves.
pub const SHARED_PAGE_HEADER: &str = "x-hubboard-shared-page";

/// Set on the answer of a job page that counted a view, with the job's id, so that a kept copy of the page counts
/// one every time it is sent. The server takes it off before the answer leaves.
pub const COUNTED_VIEW_HEADER: &str = "x-hubboard-counted-view";

/// Marks the page being rendered as the same for every visitor who is not signed in.
pub fn share_with_visitors() {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            http::HeaderName::from_static(SHARED_PAGE_HEADER),
            http::HeaderValue::from_static("1"),
        );
    }
}

/// Keeps the answer being made out of every cache when `result` is a failure of the site (not a refusal): the places
/// that turn an error into part of a page call it, since a page that shows a failure, or leaves out what failed,
/// must not outlive this request.
pub fn keep_out_if_failed<T>(result: &Result<T, AppError>) {
    if result.as_ref().is_err_and(AppError::is_failure) {
        keep_out_of_caches();
    }
}

/// Keeps the answer being made out of every cache: it shows a failure that should not outlive this request.
pub fn keep_out_of_caches() {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            http::header::CACHE_CONTROL,
            http::HeaderValue::from_static("no-store"),
        );
    }
}

/// The versions for the current request: looked up at its first use and kept for the rest of it.
pub async fn versions(db: &Db) -> Result<Versions, AppError> {
    Ok(reading(db).await?.versions)
}

/// The reading of the current request: its versions, looked up at their first use and kept for the rest of it.
pub async fn reading(db: &Db) -> Result<Reading, AppError> {
    let memo = request_memo();
    let shared = use_context::<super::AppState>()
        .map(|state| state.versions)
        .unwrap_or_default();
    let lookup = || shared.get(db);
    let versions = match &memo {
        Some(memo) => *memo.0.versions.get_or_try_init(lookup).await?,
        None => lookup().await?,
    };
    Ok(Reading {
        versions,
        shared,
        memo,
    })
}

/// An answer that every request asking the same question while it is worked out shares, with what it shows.
type Answer<V> = Shared<BoxFuture<'static, Result<(Arc<V>, Shown), AppError>>>;

/// An answer being worked out.
struct Loading<V> {
    started: Instant,
    /// The last change followed when it started: its answer shows every change up to this one.
    read_at: i64,
    answer: Answer<V>,
}

/// An answer worked out, with what it was read under and roughly how many bytes it holds.
struct Kept<V> {
    started: Instant,
    shown: Shown,
    answer: Arc<V>,
    bytes: u32,
}

impl<V> Clone for Kept<V> {
    fn clone(&self) -> Self {
        Self {
            started: self.started,
            shown: self.shown.clone(),
            answer: self.answer.clone(),
            bytes: self.bytes,
        }
    }
}

/// Weighs kept answers by the bytes they hold.
#[derive(Clone, Copy)]
struct ByBytes;

impl<K, V> quick_cache::Weighter<K, Kept<V>> for ByBytes {
    fn weight(&self, _key: &K, kept: &Kept<V>) -> u64 {
        u64::from(kept.bytes)
    }
}

/// A cache bounded by weight that keeps half its room for entries asked for once so far. Pages and answers are
/// asked for in rounds (a crawler going through the jobs, a reader through a list), and kept for a minute or until
/// something changes; with the library's default (3 % for them), a round larger than that would be dropped before it
/// came round again and be loaded twice before it was kept.
pub fn by_weight<K, V, W>(
    items: usize,
    weight: u64,
    weighter: W,
) -> quick_cache::sync::Cache<K, V, W>
where
    K: Eq + Hash,
    V: Clone,
    W: quick_cache::Weighter<K, V> + Clone,
{
    let options = quick_cache::OptionsBuilder::new()
        .estimated_items_capacity(items)
        .weight_capacity(weight)
        .hot_allocation(0.5)
        .build();
    match options {
        Ok(options) => quick_cache::sync::Cache::with_options(
            options,
            weighter,
            Default::default(),
            Default::default(),
        ),
        Err(_) => quick_cache::sync::Cache::with_weighter(items, weight, weighter),
    }
}

/// Roughly the bytes `value` holds: the length of its debug text, which spells out every string it holds and adds
/// a few bytes for each other field, close to what those take in memory. Worked out once per answer loaded.
pub fn weigh<V: std::fmt::Debug>(value: &V) -> usize {
    struct Count(usize);
    impl std::fmt::Write for Count {
        fn write_str(&mut self, text: &str) -> std::fmt::Result {
            self.0 += text.len();
            Ok(())
        }
    }
    let mut count = Count(0);
    let _ = std::fmt::write(&mut count, format_args!("{value:?}"));
    count.0
}

/// Answers by key, bounded by the bytes they hold (quick_cache's eviction keeps the ones asked for often), each
/// kept with what it shows and used while none of that has changed. Requests that ask while an answer is being
/// worked out wait for that one instead of starting their own, so a burst of identical requests costs one load, and
/// shares its failure too, which is not kept. The shared answer is driven by whichever request polls it, so one
/// whose client hung up does not leave the others waiting.
pub struct Cache<K, V> {
    kept: Arc<quick_cache::sync::Cache<K, Kept<V>, ByBytes>>,
    loading: Arc<Mutex<HashMap<K, Loading<V>>>>,
    ttl: Duration,
    /// Answers last their time limit whatever changes.
    by_time_only: bool,
    /// Roughly the bytes an answer holds.
    weigher: fn(&V) -> usize,
}

/// More answers in the works than this (left by askers that all went away) are forgotten together.
const MAX_LOADING: usize = 1_024;

/// An answer is assumed to hold at least this much, for the estimate of how many fit.
const TYPICAL_ANSWER_BYTES: u64 = 2_048;

impl<K, V> Clone for Cache<K, V> {
    fn clone(&self) -> Self {
        Self {
            kept: self.kept.clone(),
            loading: self.loading.clone(),
            ttl: self.ttl,
            by_time_only: self.by_time_only,
            weigher: self.weigher,
        }
    }
}

impl<K: Eq + Hash + Clone, V> std::fmt::Debug for Cache<K, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache")
            .field("kept", &self.kept.len())
            .field("bytes", &self.kept.weight())
            .field("ttl", &self.ttl)
            .finish()
    }
}

impl<K, V> Cache<K, V>
where
    K: Eq + Hash + Clone,
    V: std::fmt::Debug + Send + Sync + 'static,
{
    /// A cache of answers kept for at most `ttl` and while what they show is unchanged, holding about `bytes` of
    /// them.
    pub fn new(ttl: Duration, bytes: u64) -> Self {
        let bytes = bytes.max(1);
        Self {
            kept: Arc::new(by_weight(
                (bytes / TYPICAL_ANSWER_BYTES).max(4) as usize,
                bytes,
                ByBytes,
            )),
            loading: Arc::default(),
            ttl,
            by_time_only: false,
            weigher: weigh::<V>,
        }
    }

    /// The same cache, weighing its answers with `weigher` rather than by their debug text (for bytes, whose
    /// debug text is several times their size).
    pub fn weighing(self, weigher: fn(&V) -> usize) -> Self {
        Self { weigher, ..self }
    }

    /// The same cache, its answers kept for their time limit whatever changes (for answers that summarise
    /// everything and may be a few minutes old).
    pub fn by_time_only(self) -> Self {
        Self {
            by_time_only: true,
            ..self
        }
    }

    /// The answer for `key` under `reading`: a kept one, the one being worked out, or a new one from `load`. What
    /// the answer shows is noted for the answer or page that asked.
    pub async fn get_or_load<F>(
        &self,
        key: K,
        reading: &Reading,
        load: impl FnOnce() -> F,
    ) -> Result<Arc<V>, AppError>
    where
        F: Future<Output = Result<V, AppError>> + Send + 'static,
    {
        let (answer, shown) = self.answer(key, reading, load).await?;
        if !self.by_time_only {
            note(shown.topics.iter().copied(), || reading.memo.clone());
        }
        Ok(answer)
    }

    async fn answer<F>(
        &self,
        key: K,
        reading: &Reading,
        load: impl FnOnce() -> F,
    ) -> Result<(Arc<V>, Shown), AppError>
    where
        F: Future<Output = Result<V, AppError>> + Send + 'static,
    {
        if let Some(kept) = self.kept.get(&key)
            && kept.started.elapsed() < self.ttl
            && (self.by_time_only || reading.still_shows(&kept.shown))
        {
            return Ok((kept.answer, kept.shown));
        }
        let (answer, started) = {
            let Ok(mut loading) = self.loading.lock() else {
                let (answer, topics) = noting(load()).await;
                return Ok((Arc::new(answer?), Shown::new(&reading.versions, topics)));
            };
            match loading.get(&key) {
                // A load that started after every change this request goes by answers it too.
                Some(entry)
                    if entry.read_at >= reading.versions.changes
                        && entry.started.elapsed() < self.ttl =>
                {
                    (entry.answer.clone(), entry.started)
                }
                _ => {
                    if loading.len() >= MAX_LOADING {
                        loading.clear();
                    }
                    let started = Instant::now();
                    let versions = reading.versions;
                    // The load runs as a task of its own, so it goes on to the end (and gives its database
                    // connection back) whoever is still waiting for it. Kept here as a future that only its askers
                    // drive, a load whose askers had all gone would sit half-done, holding its place in the queue
                    // for a connection, and the pool would hand connections to a waiter nobody polls.
                    let work = tokio::spawn(noting(load()));
                    let answer = async move {
                        match work.await {
                            Ok((answer, topics)) => {
                                let topics = if topics.is_empty() {
                                    vec![Topic::Anything]
                                } else {
                                    let mut topics = topics;
                                    topics.sort_unstable();
                                    topics.dedup();
                                    topics
                                };
                                Ok((Arc::new(answer?), Shown::new(&versions, topics)))
                            }
                            Err(error) => {
                                tracing::error!(%error, "loading an answer failed");
                                Err(AppError::Internal)
                            }
                        }
                    }
                    .boxed()
                    .shared();
                    loading.insert(
                        key.clone(),
                        Loading {
                            started,
                            read_at: versions.changes,
                            answer: answer.clone(),
                        },
                    );
                    (answer, started)
                }
            }
        };
        let result = answer.clone().await;
        // The first of the askers to get here moves the answer from the works to the kept ones.
        let finished = self.loading.lock().is_ok_and(|mut loading| {
            let ours = loading
                .get(&key)
                .is_some_and(|entry| entry.answer.ptr_eq(&answer));
            if ours {
                loading.remove(&key);
            }
            ours
        });
        if finished && let Ok((value, shown)) = &result {
            let bytes = u32::try_from((self.weigher)(value)).unwrap_or(u32::MAX);
            self.kept.insert(
                key,
                Kept {
                    started,
                    shown: shown.clone(),
                    answer: value.clone(),
                    bytes,
                },
            );
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    /// A reading after `changes` changes, checked against `shared`'s record.
    fn after(changes: i64, shared: &SharedVersions) -> Reading {
        let versions = Versions {
            jobs: 1,
            changes,
            articles_due: 1,
        };
        Reading::outside_requests(versions, shared.clone())
    }

    /// A reading after the first change, with nothing changed since.
    static V1: std::sync::LazyLock<Reading> =
        std::sync::LazyLock::new(|| after(1, &SharedVersions::default()));

    /// A load that counts itself and shows company 1.
    fn counting_load(
        loads: &Arc<AtomicUsize>,
    ) -> impl FnOnce() -> BoxFuture<'static, Result<usize, AppError>> {
        let loads = loads.clone();
        move || {
            async move {
                tokio::task::yield_now().await;
                shows([Topic::Company(1)]);
                Ok(loads.fetch_add(1, Ordering::SeqCst) + 1)
            }
            .boxed()
        }
    }

    #[tokio::test]
    async fn an_answer_is_loaded_once_while_the_versions_hold() {
        let cache = Cache::<&str, usize>::new(Duration::from_secs(60), 1_000);
        let loads = Arc::new(AtomicUsize::new(0));
        let first = cache
            .get_or_load("k", &V1, counting_load(&loads))
            .await
            .unwrap();
        let second = cache
            .get_or_load("k", &V1, counting_load(&loads))
            .await
            .unwrap();
        assert_eq!((*first, *second), (1, 1));
        assert_eq!(loads.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_change_to_what_an_answer_shows_loads_it_again_and_no_other_change_does() {
        let cache = Cache::<&str, usize>::new(Duration::from_secs(60), 1_000);
        let shared = SharedVersions::default();
        let loads = Arc::new(AtomicUsize::new(0));
        cache
            .get_or_load("k", &after(1, &shared), counting_load(&loads))
            .await
            .unwrap();
        // Another company, a job and the lists of companies change: the answer shows none of them.
        shared.record(2, &[Topic::Company(2), Topic::Job(1), Topic::Companies]);
        let kept = cache
            .get_or_load("k", &after(2, &shared), counting_load(&loads))
            .await
            .unwrap();
        assert_eq!(*kept, 1);
        shared.record(3, &[Topic::Company(1)]);
        let again = cache
            .get_or_load("k", &after(3, &shared), counting_load(&loads))
            .await
            .unwrap();
        assert_eq!(*again, 2);
    }

    #[tokio::test]
    async fn an_answer_that_noted_nothing_lasts_until_anything_changes() {
        let cache = Cache::<&str, usize>::new(Duration::from_secs(60), 1_000);
        let shared = SharedVersions::default();
        let loads = Arc::new(AtomicUsize::new(0));
        let load = |loads: &Arc<AtomicUsize>| {
            let loads = loads.clone();
            move || async move { Ok(loads.fetch_add(1, Ordering::SeqCst) + 1) }
        };
        cache
            .get_or_load("k", &after(1, &shared), load(&loads))
            .await
            .unwrap();
        shared.record(2, &[Topic::Article(9)]);
        let again = cache
            .get_or_load("k", &after(2, &shared), load(&loads))
            .await
            .unwrap();
        assert_eq!(*again, 2);
    }

    #[tokio::test]
    async fn answers_within_an_answer_are_noted_for_it() {
        let outer = Cache::<&str, usize>::new(Duration::from_secs(60), 1_000);
        let inner = Cache::<&str, usize>::new(Duration::from_secs(60), 1_000);
        let shared = SharedVersions::default();
        let loads = Arc::new(AtomicUsize::new(0));
        let ask = |changes: i64| {
            let inner = inner.clone();
            let reading = after(changes, &shared);
            let loads = loads.clone();
            let outer = outer.clone();
            async move {
                outer
                    .get_or_load("outer", &reading.clone(), move || async move {
                        let part = inner
                            .get_or_load("inner", &reading, counting_load(&loads))
                            .await?;
                        Ok(*part * 10)
                    })
                    .await
            }
        };
        assert_eq!(*ask(1).await.unwrap(), 10);
        // The inner answer, kept, is used by a new outer load, which notes its topic all the same.
        outer.kept.clear();
        assert_eq!(*ask(1).await.unwrap(), 10);
        shared.record(2, &[Topic::Company(1)]);
        assert_eq!(*ask(2).await.unwrap(), 20);
    }

    #[tokio::test]
    async fn concurrent_requests_share_one_load() {
        let cache = Cache::<&str, usize>::new(Duration::from_secs(60), 1_000);
        let loads = Arc::new(AtomicUsize::new(0));
        let (a, b, c) = tokio::join!(
            cache.get_or_load("k", &V1, counting_load(&loads)),
            cache.get_or_load("k", &V1, counting_load(&loads)),
            cache.get_or_load("k", &V1, counting_load(&loads)),
        );
        assert_eq!((*a.unwrap(), *b.unwrap(), *c.unwrap()), (1, 1, 1));
        assert_eq!(loads.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_waiter_finishes_the_load_when_the_first_asker_goes_away() {
        let cache = Cache::<&str, usize>::new(Duration::from_secs(60), 1_000);
        let loads = Arc::new(AtomicUsize::new(0));
        // The first asker is dropped after one poll, in the middle of its load.
        let mut first = Box::pin(cache.get_or_load("k", &V1, counting_load(&loads)));
        assert!(futures::poll!(&mut first).is_pending());
        drop(first);
        let second = cache
            .get_or_load("k", &V1, counting_load(&loads))
            .await
            .unwrap();
        assert_eq!(*second, 1);
    }

    #[tokio::test]
    async fn failures_are_not_kept() {
        let cache = Cache::<&str, usize>::new(Duration::from_secs(60), 1_000);
        let failed = cache
            .get_or_load("k", &V1, || async { Err(AppError::Unavailable) })
            .await;
        assert_eq!(failed.unwrap_err(), AppError::Unavailable);
        let loaded = cache
            .get_or_load("k", &V1, || async { Ok(7) })
            .await
            .unwrap();
        assert_eq!(*loaded, 7);
    }

    #[tokio::test]
    async fn answers_are_kept_within_their_bytes() {
        let cache = Cache::<usize, String>::new(Duration::from_secs(60), 20_000);
        for key in 0..100 {
            cache
                .get_or_load(key, &V1, move || async move { Ok("x".repeat(1_000)) })
                .await
                .unwrap();
        }
        let kept = cache.kept.len();
        assert!(
            (10..=20).contains(&kept),
            "{kept} answers of 1 kB kept in 20 kB"
        );
        assert!(cache.kept.weight() <= 20_000);
        assert!(cache.loading.lock().unwrap().is_empty());
    }

    #[tokio::test]
    async fn a_round_of_new_answers_is_kept_beside_the_popular_ones() {
        let cache = Cache::<usize, String>::new(Duration::from_secs(60), 100_000);
        let loads = Arc::new(AtomicUsize::new(0));
        let ask = |key: usize| {
            let loads = loads.clone();
            cache.get_or_load(key, &V1, move || async move {
                loads.fetch_add(1, Ordering::SeqCst);
                Ok("x".repeat(1_000))
            })
        };
        // Popular answers fill most of the room, each asked for several times.
        for _ in 0..3 {
            for key in 0..80 {
                ask(key).await.unwrap();
            }
        }
        // Then a round of new ones, about a third of the room, twice over: the second time, all are kept.
        for key in 1_000..1_030 {
            ask(key).await.unwrap();
        }
        let before = loads.load(Ordering::SeqCst);
        for key in 1_000..1_030 {
            ask(key).await.unwrap();
        }
        assert_eq!(loads.load(Ordering::SeqCst) - before, 0);
    }

    #[test]
    fn an_answer_weighs_about_the_text_it_holds() {
        assert_eq!(weigh(&"abc".to_string()), 5);
        let listing = (vec!["x".repeat(500), "y".repeat(300)], 7_i64);
        assert!((800..900).contains(&weigh(&listing)));
    }
}
