//! Read-through caches of what public pages show. An answer is used only while the shared data versions it was
//! read under are unchanged, so a change shows at once on the instance that made it and within
//! [`VERSIONS_MAX_AGE`] on every other; a time limit covers what moves with the clock ("posted within",
//! closing days).
//!
//! The versions live in the database (`data_versions`): job writes bump `jobs` in their transaction, and triggers
//! bump `companies` on every change to a company or its sectors, so no write path can forget. An instance re-reads
//! them at most every [`VERSIONS_MAX_AGE`] and right after each of its own changes; a request uses one reading
//! however many cached answers its page uses.

use std::{
    collections::HashMap,
    future::Future,
    hash::Hash,
    sync::{Arc, Mutex},
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

/// The shared data versions at one moment.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Versions {
    pub jobs: i64,
    pub companies: i64,
    pub articles: i64,
    /// When the latest article to have appeared did: moves when a scheduled article comes due, with no write.
    pub articles_due: i64,
}

/// Which of the shared data a cache's answers are read from: a change to the rest leaves them valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reads {
    pub jobs: bool,
    pub companies: bool,
    pub articles: bool,
}

impl Reads {
    /// Everything: the safe choice for an answer that mixes listings.
    pub const ALL: Reads = Reads {
        jobs: true,
        companies: true,
        articles: true,
    };
    /// Jobs only, with what they show of their company (name, address, logo, website, badge and whether it is
    /// listed): every change to those moves the jobs' version through [`super::jobs::sync_company`].
    pub const JOBS: Reads = Reads {
        jobs: true,
        companies: false,
        articles: false,
    };
    /// Companies only.
    pub const COMPANIES: Reads = Reads {
        jobs: false,
        companies: true,
        articles: false,
    };
    /// None: answers last their time limit whatever changes.
    pub const NONE: Reads = Reads {
        jobs: false,
        companies: false,
        articles: false,
    };
}

impl Versions {
    /// These versions with those of data not in `reads` left out.
    pub fn of(self, reads: Reads) -> Versions {
        Versions {
            jobs: if reads.jobs { self.jobs } else { 0 },
            companies: if reads.companies { self.companies } else { 0 },
            articles: if reads.articles { self.articles } else { 0 },
            articles_due: if reads.articles { self.articles_due } else { 0 },
        }
    }
}

/// Reads the current versions (one query).
pub async fn read_versions(db: &Db) -> Result<Versions, sqlx::Error> {
    let row = sqlx::query(
        "select (select version from data_versions where name = 'jobs') as jobs, \
         (select version from data_versions where name = 'companies') as companies, \
         (select version from data_versions where name = 'articles') as articles, \
         (select coalesce(max(publish_at), 0) from articles where status = 'published' and publish_at <= $1) \
         as articles_due",
    )
    .bind(super::db::now())
    .fetch_one(db.read())
    .await?;
    Ok(Versions {
        jobs: row.try_get("jobs")?,
        companies: row.try_get("companies")?,
        articles: row.try_get("articles")?,
        articles_due: row.try_get("articles_due")?,
    })
}

/// How old the versions an instance goes by may be: a change made through another instance (or by a background
/// task) shows on this one within this time. This instance's own changes show at once.
pub const VERSIONS_MAX_AGE: Duration = Duration::from_millis(100);

/// The versions as this instance last read them, re-read when older than [`VERSIONS_MAX_AGE`] or after this
/// instance changed something, so that a busy instance reads them a few times a second rather than per request.
#[derive(Clone, Debug, Default)]
pub struct SharedVersions(Arc<Mutex<LastRead>>);

#[derive(Debug, Default)]
struct LastRead {
    read: Option<(Instant, Versions)>,
    /// Bumped by every change of this instance; a read that started before one is not kept.
    generation: u64,
}

impl SharedVersions {
    /// The versions, no older than [`VERSIONS_MAX_AGE`] and never older than this instance's last change.
    pub async fn get(&self, db: &Db) -> Result<Versions, sqlx::Error> {
        let generation = {
            let Ok(last) = self.0.lock() else {
                return read_versions(db).await;
            };
            match last.read {
                Some((at, versions)) if at.elapsed() < VERSIONS_MAX_AGE => return Ok(versions),
                _ => last.generation,
            }
        };
        let started = Instant::now();
        let versions = read_versions(db).await?;
        if let Ok(mut last) = self.0.lock()
            && last.generation == generation
        {
            last.read = Some((started, versions));
        }
        Ok(versions)
    }

    /// This instance has changed something: the next request reads the versions afresh.
    pub fn changed(&self) {
        if let Ok(mut last) = self.0.lock() {
            last.read = None;
            last.generation += 1;
        }
    }
}

/// The versions read once for one request, put into the request by the server's middleware.
#[derive(Clone, Debug, Default)]
pub struct RequestVersions(Arc<tokio::sync::OnceCell<Versions>>);

impl RequestVersions {
    /// A memo holding `versions` already, for a request whose versions were read before it reached the page.
    pub fn holding(versions: Versions) -> Self {
        Self(Arc::new(tokio::sync::OnceCell::new_with(Some(versions))))
    }
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
    let memo = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<RequestVersions>().cloned());
    let shared = use_context::<super::AppState>().map(|state| state.versions);
    let lookup = || async {
        match &shared {
            Some(shared) => shared.get(db).await,
            None => read_versions(db).await,
        }
    };
    let versions = match memo {
        Some(memo) => *memo.0.get_or_try_init(lookup).await?,
        None => lookup().await?,
    };
    Ok(versions)
}

/// An answer that every request asking the same question while it is worked out shares.
type Answer<V> = Shared<BoxFuture<'static, Result<Arc<V>, AppError>>>;

/// An answer being worked out.
struct Loading<V> {
    started: Instant,
    versions: Versions,
    answer: Answer<V>,
}

/// An answer worked out, with what it was read under and roughly how many bytes it holds.
struct Kept<V> {
    started: Instant,
    versions: Versions,
    answer: Arc<V>,
    bytes: u32,
}

impl<V> Clone for Kept<V> {
    fn clone(&self) -> Self {
        Self {
            started: self.started,
            versions: self.versions,
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

/// Answers by key, bounded by the bytes they hold (quick_cache's eviction keeps the ones asked for often).
/// Requests that ask while an answer is being worked out wait for that one instead of starting their own, so a
/// burst of identical requests costs one load, and shares its failure too, which is not kept. The shared answer is
/// driven by whichever request polls it, so one whose client hung up does not leave the others waiting.
pub struct Cache<K, V> {
    kept: Arc<quick_cache::sync::Cache<K, Kept<V>, ByBytes>>,
    loading: Arc<Mutex<HashMap<K, Loading<V>>>>,
    ttl: Duration,
    /// The data its answers are read from.
    reads: Reads,
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
            reads: self.reads,
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
    /// A cache of answers that may read anything (any change to shared data replaces them), holding about
    /// `bytes` of them.
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
            reads: Reads::ALL,
            weigher: weigh::<V>,
        }
    }

    /// The same cache, weighing its answers with `weigher` rather than by their debug text (for bytes, whose
    /// debug text is several times their size).
    pub fn weighing(self, weigher: fn(&V) -> usize) -> Self {
        Self { weigher, ..self }
    }

    /// The same cache, its answers replaced only when the data in `reads` changes.
    pub fn reading(self, reads: Reads) -> Self {
        Self { reads, ..self }
    }

    /// The answer for `key` under `versions`: a kept one, the one being worked out, or a new one from `load`.
    pub async fn get_or_load<F>(
        &self,
        key: K,
        versions: Versions,
        load: impl FnOnce() -> F,
    ) -> Result<Arc<V>, AppError>
    where
        F: Future<Output = Result<V, AppError>> + Send + 'static,
    {
        let versions = versions.of(self.reads);
        let current = |started: Instant, read_under: Versions| {
            read_under == versions && started.elapsed() < self.ttl
        };
        if let Some(kept) = self.kept.get(&key)
            && current(kept.started, kept.versions)
        {
            return Ok(kept.answer);
        }
        let (answer, started) = {
            let Ok(mut loading) = self.loading.lock() else {
                return load().await.map(Arc::new);
            };
            match loading.get(&key) {
                Some(entry) if current(entry.started, entry.versions) => {
                    (entry.answer.clone(), entry.started)
                }
                _ => {
                    if loading.len() >= MAX_LOADING {
                        loading.clear();
                    }
                    let started = Instant::now();
                    // The load runs as a task of its own, so it goes on to the end (and gives its database
                    // connection back) whoever is still waiting for it. Kept here as a future that only its askers
                    // drive, a load whose askers had all gone would sit half-done, holding its place in the queue
                    // for a connection, and the pool would hand connections to a waiter nobody polls.
                    let work = tokio::spawn(load());
                    let answer = async move {
                        match work.await {
                            Ok(result) => result.map(Arc::new),
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
                            versions,
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
        if finished && let Ok(value) = &result {
            let bytes = u32::try_from((self.weigher)(value)).unwrap_or(u32::MAX);
            self.kept.insert(
                key,
                Kept {
                    started,
                    versions,
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

    const V1: Versions = Versions {
        jobs: 1,
        companies: 1,
        articles: 1,
        articles_due: 1,
    };

    fn counting_load(
        loads: &Arc<AtomicUsize>,
    ) -> impl FnOnce() -> BoxFuture<'static, Result<usize, AppError>> {
        let loads = loads.clone();
        move || {
            async move {
                tokio::task::yield_now().await;
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
            .get_or_load("k", V1, counting_load(&loads))
            .await
            .unwrap();
        let second = cache
            .get_or_load("k", V1, counting_load(&loads))
            .await
            .unwrap();
        assert_eq!((*first, *second), (1, 1));
        assert_eq!(loads.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_new_version_loads_again() {
        let cache = Cache::<&str, usize>::new(Duration::from_secs(60), 1_000);
        let loads = Arc::new(AtomicUsize::new(0));
        cache
            .get_or_load("k", V1, counting_load(&loads))
            .await
            .unwrap();
        let changed = Versions { jobs: 2, ..V1 };
        let again = cache
            .get_or_load("k", changed, counting_load(&loads))
            .await
            .unwrap();
        assert_eq!(*again, 2);
    }

    #[tokio::test]
    async fn concurrent_requests_share_one_load() {
        let cache = Cache::<&str, usize>::new(Duration::from_secs(60), 1_000);
        let loads = Arc::new(AtomicUsize::new(0));
        let (a, b, c) = tokio::join!(
            cache.get_or_load("k", V1, counting_load(&loads)),
            cache.get_or_load("k", V1, counting_load(&loads)),
            cache.get_or_load("k", V1, counting_load(&loads)),
        );
        assert_eq!((*a.unwrap(), *b.unwrap(), *c.unwrap()), (1, 1, 1));
        assert_eq!(loads.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_waiter_finishes_the_load_when_the_first_asker_goes_away() {
        let cache = Cache::<&str, usize>::new(Duration::from_secs(60), 1_000);
        let loads = Arc::new(AtomicUsize::new(0));
        // The first asker is dropped after one poll, in the middle of its load.
        let mut first = Box::pin(cache.get_or_load("k", V1, counting_load(&loads)));
        assert!(futures::poll!(&mut first).is_pending());
        drop(first);
        let second = cache
            .get_or_load("k", V1, counting_load(&loads))
            .await
            .unwrap();
        assert_eq!(*second, 1);
    }

    #[tokio::test]
    async fn failures_are_not_kept() {
        let cache = Cache::<&str, usize>::new(Duration::from_secs(60), 1_000);
        let failed = cache
            .get_or_load("k", V1, || async { Err(AppError::Unavailable) })
            .await;
        assert_eq!(failed.unwrap_err(), AppError::Unavailable);
        let loaded = cache
            .get_or_load("k", V1, || async { Ok(7) })
            .await
            .unwrap();
        assert_eq!(*loaded, 7);
    }

    #[tokio::test]
    async fn answers_are_kept_within_their_bytes() {
        let cache = Cache::<usize, String>::new(Duration::from_secs(60), 20_000);
        for key in 0..100 {
            cache
                .get_or_load(key, V1, move || async move { Ok("x".repeat(1_000)) })
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
            cache.get_or_load(key, V1, move || async move {
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
