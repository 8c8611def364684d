//! The job search index. Each instance keeps its own: a full-text index (tantivy: BM25 ranking, English stemming,
//! typo tolerance, prefixes) of the open jobs' words, and beside it a table of the facts searches filter, count
//! and sort by (sector, type, workplace, countries, salary band, dates, company), all in memory.
//!
//! The database stays the source of truth. Every change that can move a job in or out of results is written to
//! `job_changes` by triggers, under the jobs' data version it made; an instance follows that log a few times a
//! second, and a search that has read a newer version than the index holds waits for the index to catch up
//! first, so a change shows at once on the instance that made it and within [`FOLLOW_EVERY`] plus
//! [`super::cache::VERSIONS_MAX_AGE`] on every other. A folder index is kept across restarts with the version it
//! holds; losing it, or a log pruned past that version, only costs a rebuild. Until the index is ready, searches
//! are answered by the database's own full-text search.

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
    sync::{Arc, Mutex, RwLock},
    time::{Duration, Instant},
};

use hubboard::search::{Concept, Synonyms};
use sqlx::Row;
use tantivy::{
    DocId, Index, IndexReader, IndexWriter, ReloadPolicy, Score, SegmentReader, TantivyDocument,
    Term,
    collector::{Collector, SegmentCollector},
    columnar::Column,
    doc,
    query::{BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, TermQuery},
    schema::{
        FAST, Field, INDEXED, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions,
    },
    tokenizer::{
        AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
        TextAnalyzer,
    },
};

use super::{
    db::Db,
    jobs::{Facets, Filter, POSTED_WITHIN_DAYS, Sort},
    settings::{self, Setting},
};

mod load;
mod table;

use load::{LoadedJob, load_jobs, load_open_after};
use table::Table;

/// How often an instance reads the change log when nothing asks it to.
pub const FOLLOW_EVERY: Duration = Duration::from_millis(200);
/// How long a search waits for the index to catch up with a version it has read, before answering from what the
/// index holds.
const CATCH_UP_WAIT: Duration = Duration::from_secs(1);
/// Changes older than this are pruned from the log; an index that has not followed it for that long is rebuilt.
pub const LOG_KEPT_SECS: i64 = 86_400;
/// Changes read and applied in one commit at most; a longer backlog is applied in several.
const BATCH: usize = 2_000;
/// Part of the index's commit payload: a change to the fields or their analysis makes older folders rebuilt.
const SCHEMA_VERSION: u32 = 2;
/// Memory the index writer may use for documents not yet written to a segment.
const WRITER_BYTES: usize = 32_000_000;
/// How much more a word in the title or the company's name counts than one in the description.
const TITLE_WEIGHT: Score = 4.0;
const COMPANY_WEIGHT: Score = 3.0;
/// What a near miss (one letter off, or the start of a longer word) counts for, beside an exact word.
const LOOSE_WEIGHT: Score = 0.4;
/// Typo tolerance starts at words this long: shorter ones are too easily another word.
const FUZZY_FROM_CHARS: usize = 5;
/// The last word is also read as the start of a longer one from this length (results as you type).
const PREFIX_FROM_CHARS: usize = 2;

const STEMMED: &str = "hubboard_stemmed";
const FOLDED: &str = "hubboard_folded";

/// Where an index lives.
#[derive(Clone, Debug)]
pub enum Place {
    /// Rebuilt at every start.
    Memory,
    /// Kept in this folder across restarts.
    Folder(PathBuf),
}

/// One page of a search: the jobs' ids in order, how many match, and the facet counts.
#[derive(Clone, Debug, Default)]
pub struct Found {
    pub ids: Vec<i64>,
    pub total: i64,
    pub facets: Facets,
}

/// The search index of this instance. Cheap to clone.
#[derive(Clone)]
pub struct SearchIndex(Arc<Shared>);

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("place", &self.0.place)
            .field("version", &self.version())
            .finish()
    }
}

struct Shared {
    place: Place,
    /// The count and facets of searches without words, by filter, for the version and minute they were counted
    /// in: paging through one list counts it once.
    browsed: Mutex<HashMap<String, Browsed>>,
    ready: RwLock<Option<Arc<Ready>>>,
    synonyms: RwLock<Arc<Synonyms>>,
    /// One catch-up at a time; searches that need one wait for it.
    catching_up: tokio::sync::Mutex<()>,
}

struct Ready {
    fields: Fields,
    reader: IndexReader,
    writer: Mutex<IndexWriter<TantivyDocument>>,
    stemmed: TextAnalyzer,
    folded: TextAnalyzer,
    table: RwLock<Table>,
    /// The jobs' data version the index and table hold.
    version: std::sync::atomic::AtomicI64,
    database_id: String,
}

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    title: Field,
    company: Field,
    body: Field,
    words: Field,
}

impl Default for SearchIndex {
    fn default() -> Self {
        Self::new(Place::Memory)
    }
}

impl SearchIndex {
    /// An index at `place`, not ready until [`SearchIndex::open`] has run.
    pub fn new(place: Place) -> Self {
        let synonyms = Synonyms::parse(hubboard::search::DEFAULT_SYNONYMS).unwrap_or_default();
        Self(Arc::new(Shared {
            place,
            ready: RwLock::new(None),
            synonyms: RwLock::new(Arc::new(synonyms)),
            catching_up: tokio::sync::Mutex::new(()),
            browsed: Mutex::default(),
        }))
    }

    fn ready(&self) -> Option<Arc<Ready>> {
        self.0.ready.read().ok().and_then(|ready| ready.clone())
    }

    /// Whether searches are answered by the index yet.
    pub fn is_ready(&self) -> bool {
        self.ready().is_some()
    }

    /// The jobs' data version the index holds (`None` until it is ready).
    pub fn version(&self) -> Option<i64> {
        self.ready()
            .map(|ready| ready.version.load(std::sync::atomic::Ordering::Acquire))
    }

    /// Opens the index kept in its folder, or builds it from the database, then catches up with the log. Searches
    /// use the database meanwhile.
    pub async fn open(&self, db: &Db) -> Result<OpenReport, SearchError> {
        let started = Instant::now();
        self.refresh_synonyms(db).await?;
        let database_id = database_id(db).await?;
        let place = self.0.place.clone();
        let (index, mut payload) =
            tokio::task::spawn_blocking(move || open_index(&place)).await??;
        let ready = match Ready::new(index, database_id.clone()) {
            Ok(ready) => ready,
            // Another instance writes to this folder: this one keeps its own index in memory rather than none.
            Err(SearchError::Index(tantivy::TantivyError::LockFailure(..))) => {
                tracing::warn!(
                    place = ?self.0.place,
                    "the search index folder is used by another instance; this one keeps its index in memory"
                );
                payload = None;
                let (index, _) = open_index(&Place::Memory)?;
                Ready::new(index, database_id.clone())?
            }
            Err(error) => return Err(error),
        };
        let ready = Arc::new(ready);
        let pruned = pruned_through(db).await?;
        let reusable = payload.filter(|payload| {
            payload.schema == SCHEMA_VERSION
                && payload.database == database_id
                && payload.version >= pruned
        });
        let rebuilt = match reusable {
            Some(payload) => {
                ready.load_table(db).await?;
                ready
                    .version
                    .store(payload.version, std::sync::atomic::Ordering::Release);
                false
            }
            None => {
                ready.rebuild(db).await?;
                true
            }
        };
        if let Ok(mut slot) = self.0.ready.write() {
            *slot = Some(ready.clone());
        }
        self.catch_up(db).await?;
        Ok(OpenReport {
            rebuilt,
            jobs: ready.table.read().map(|t| t.len()).unwrap_or(0),
            took: started.elapsed(),
        })
    }

    /// Applies every change in the log up to the database's current version.
    pub async fn catch_up(&self, db: &Db) -> Result<(), SearchError> {
        let Some(ready) = self.ready() else {
            return Ok(());
        };
        let _one_at_a_time = self.0.catching_up.lock().await;
        let current = jobs_version(db).await?;
        let mut from = ready.version.load(std::sync::atomic::Ordering::Acquire);
        if current <= from {
            return Ok(());
        }
        // A moved version may be a new synonym list (see `synonyms_changed`): read it before answering.
        self.refresh_synonyms(db).await?;
        if from < pruned_through(db).await? {
            tracing::warn!(
                from,
                "the search index fell behind the pruned change log; rebuilding it"
            );
            return ready.rebuild(db).await;
        }
        while from < current {
            let changes = sqlx::query(&format!(
                "select seq, job_id from job_changes where seq > $1 and seq <= $2 order by seq limit {BATCH}"
            ))
            .bind(from)
            .bind(current)
            .fetch_all(db.read())
            .await?;
            let through = if changes.len() < BATCH {
                current
            } else {
                changes
                    .last()
                    .map(|row| row.try_get::<i64, _>("seq"))
                    .transpose()?
                    .unwrap_or(current)
            };
            let mut ids: Vec<i64> = changes
                .iter()
                .map(|row| row.try_get("job_id"))
                .collect::<Result<_, _>>()?;
            ids.sort_unstable();
            ids.dedup();
            let jobs = if ids.is_empty() {
                Vec::new()
            } else {
                load_jobs(db, &ids).await?
            };
            let applying = ready.clone();
            tokio::task::spawn_blocking(move || applying.apply(&ids, jobs, through)).await??;
            from = through;
        }
        Ok(())
    }

    /// Waits until the index holds at least `version`, catching up if it does not, for at most a second.
    pub async fn reach(&self, db: &Db, version: i64) {
        if self.version().is_none_or(|held| held >= version) {
            return;
        }
        match tokio::time::timeout(CATCH_UP_WAIT, self.catch_up(db)).await {
            Ok(Ok(())) => {}
            Ok(Err(error)) => tracing::warn!(%error, "catching up with the job change log failed"),
            Err(_) => tracing::warn!(
                version,
                "the search index took too long to catch up; answering from what it holds"
            ),
        }
    }

    /// Reads the synonym list editors keep.
    pub async fn refresh_synonyms(&self, db: &Db) -> Result<(), SearchError> {
        let text = settings::get(db, Setting::SearchSynonyms).await?;
        let synonyms = match text {
            Some(text) => Synonyms::parse(&text).unwrap_or_else(|error| {
                tracing::warn!(%error, "the stored synonym list cannot be read; using none");
                Synonyms::default()
            }),
            None => Synonyms::parse(hubboard::search::DEFAULT_SYNONYMS).unwrap_or_default(),
        };
        if let Ok(mut slot) = self.0.synonyms.write() {
            *slot = Arc::new(synonyms);
        }
        Ok(())
    }

    /// The synonym list in use.
    pub fn synonyms(&self) -> Arc<Synonyms> {
        self.0
            .synonyms
            .read()
            .map(|synonyms| synonyms.clone())
            .unwrap_or_default()
    }

    /// One page of the open jobs matching `filter`, or `None` while the index is not ready.
    pub fn search(
        &self,
        filter: &Filter,
        sort: Sort,
        limit: usize,
        offset: usize,
        at: i64,
    ) -> Result<Option<Found>, SearchError> {
        let Some(ready) = self.ready() else {
            return Ok(None);
        };
        let typed = hubboard::search::words(&filter.text);
        if typed.is_empty() {
            let ordered = ready
                .table
                .read()
                .map_err(|_| SearchError::Poisoned)?
                .is_ordered();
            if !ordered {
                ready
                    .table
                    .write()
                    .map_err(|_| SearchError::Poisoned)?
                    .order();
            }
            let table = ready.table.read().map_err(|_| SearchError::Poisoned)?;
            let version = ready.version.load(std::sync::atomic::Ordering::Acquire);
            let key = browse_key(filter, at);
            let counted = self.0.browsed.lock().ok().and_then(|browsed| {
                browsed
                    .get(&key)
                    .filter(|kept| kept.version == version && kept.minute == at / 60)
                    .map(|kept| (kept.total, kept.facets.clone()))
            });
            let found = table.browse(filter, sort, limit, offset, at, counted);
            if let Ok(mut browsed) = self.0.browsed.lock() {
                if browsed.len() >= BROWSED_KEPT {
                    browsed.clear();
                }
                browsed.insert(
                    key,
                    Browsed {
                        version,
                        minute: at / 60,
                        total: found.total,
                        facets: found.facets.clone(),
                    },
                );
            }
            return Ok(Some(found));
        }
        let matches = {
            let synonyms = self.synonyms();
            let searcher = ready.reader.searcher();
            let Some(query) = ready.query(&searcher, &typed, &synonyms) else {
                return Ok(Some(Found {
                    facets: ready.facets_of_nothing(),
                    ..Found::default()
                }));
            };
            // Only relevance needs scores; counting and the other orders do without computing them.
            searcher.search(
                &query,
                &Matches {
                    scored: sort == Sort::Relevance,
                },
            )?
        };
        let table = ready.table.read().map_err(|_| SearchError::Poisoned)?;
        Ok(Some(table.select(filter, sort, matches, limit, offset, at)))
    }

    /// Up to `limit` open jobs whose titles share words with `words` (a job's title, analysed), best first, or
    /// `None` while the index is not ready. One query over titles: a job scores more the more of the words its title
    /// has and the rarer they are, so the telling words of a title count most.
    pub fn similar(
        &self,
        words: &[String],
        limit: usize,
        at: i64,
    ) -> Result<Option<Vec<i64>>, SearchError> {
        let Some(ready) = self.ready() else {
            return Ok(None);
        };
        let should: Vec<(Occur, Box<dyn Query>)> = words
            .iter()
            .filter_map(|word| first_token(&ready.stemmed, word))
            .map(|stem| {
                let term = Term::from_field_text(ready.fields.title, &stem);
                let query: Box<dyn Query> =
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
                (Occur::Should, query)
            })
            .collect();
        if should.is_empty() {
            return Ok(Some(Vec::new()));
        }
        let matches = ready
            .reader
            .searcher()
            .search(&BooleanQuery::new(should), &Matches { scored: true })?;
        let table = ready.table.read().map_err(|_| SearchError::Poisoned)?;
        let found = table.select(&Filter::default(), Sort::Relevance, matches, limit, 0, at);
        Ok(Some(found.ids))
    }

    /// The stems of `words` as the index keeps titles ("engineers" and "engineer" alike), or `None` while the index
    /// is not ready.
    pub fn stems(&self, words: &[String]) -> Option<Vec<String>> {
        let ready = self.ready()?;
        Some(
            words
                .iter()
                .filter_map(|word| first_token(&ready.stemmed, word))
                .collect(),
        )
    }

    /// Keeps following the change log (and the synonym list) until `stop` is cancelled. Opens the index first.
    pub async fn follow(self, db: Db, stop: tokio_util::sync::CancellationToken) {
        let mut attempt = 0u32;
        while !self.is_ready() {
            match self.open(&db).await {
                Ok(report) => tracing::info!(
                    jobs = report.jobs,
                    rebuilt = report.rebuilt,
                    took_ms = report.took.as_millis() as u64,
                    "the job search index is ready"
                ),
                Err(error) => {
                    attempt += 1;
                    tracing::error!(%error, attempt, "opening the job search index failed; searches use the database");
                    let wait = Duration::from_secs(u64::from(attempt.min(30)));
                    tokio::select! {
                        () = tokio::time::sleep(wait) => {}
                        () = stop.cancelled() => return,
                    }
                }
            }
            if stop.is_cancelled() {
                return;
            }
        }
        let mut ticks = tokio::time::interval(FOLLOW_EVERY);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut round = 0u64;
        loop {
            tokio::select! {
                _ = ticks.tick() => {}
                () = stop.cancelled() => break,
            }
            round += 1;
            if let Err(error) = self.catch_up(&db).await {
                tracing::warn!(%error, "following the job change log failed");
            }
            // The synonym list changes rarely: every few seconds is soon enough.
            if round.is_multiple_of(10)
                && let Err(error) = self.refresh_synonyms(&db).await
            {
                tracing::warn!(%error, "reading the synonym list failed");
            }
        }
    }
}

/// The count and facets of one filter without words.
struct Browsed {
    version: i64,
    minute: i64,
    total: i64,
    facets: Facets,
}

/// Filters without words whose counts are kept at most.
const BROWSED_KEPT: usize = 256;

/// What identifies a filter without words: "posted within" by its days, not its moment.
fn browse_key(filter: &Filter, at: i64) -> String {
    format!(
        "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
        filter.sector.map(|s| s.slug),
        filter.employment_type,
        filter.workplace,
        filter.country,
        filter.salary_band,
        filter.posted_since.map(|since| (at - since + 30) / 86_400),
        filter.featured_at.is_some(),
        filter.company_id,
    )
}

/// What opening the index did.
#[derive(Clone, Copy, Debug)]
pub struct OpenReport {
    pub rebuilt: bool,
    pub jobs: usize,
    pub took: Duration,
}

/// Why the index could not be read or written. Never shown to visitors.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search index: {0}")]
    Database(#[from] sqlx::Error),
    #[error("search index: {0}")]
    Task(#[from] tokio::task::JoinError),
    #[error("search index: {0}")]
    Folder(#[from] std::io::Error),
    #[error("search index: a lock was poisoned")]
    Poisoned,
}

impl From<SearchError> for crate::AppError {
    fn from(error: SearchError) -> Self {
        tracing::error!(%error, "searching failed");
        crate::AppError::Internal
    }
}

/// One page of the open jobs matching `filter` and how many match, as the site's search finds them: from the
/// index once it holds every change made so far, from the database's own search while it is being built.
pub async fn find_open(
    db: &Db,
    index: &SearchIndex,
    filter: &Filter,
    sort: Sort,
    limit: usize,
    offset: usize,
) -> Result<(Vec<super::jobs::Listing>, i64), crate::AppError> {
    if index.is_ready() {
        index.reach(db, jobs_version(db).await?).await;
        if let Some(found) = index.search(filter, sort, limit, offset, super::db::now())? {
            let listings = super::jobs::open_in_order(db, &found.ids).await?;
            return Ok((listings, found.total));
        }
    }
    Ok(super::jobs::search(
        db,
        filter,
        sort,
        i64::try_from(limit).unwrap_or(i64::MAX),
        i64::try_from(offset).unwrap_or(0),
    )
    .await?)
}

/// Words of a job title that say little about the work itself: seniority, joining words, contract terms.
const GENERIC_TITLE_WORDS: &[&str] = &[
    "senior",
    "junior",
    "lead",
    "principal",
    "head",
    "chief",
    "associate",
    "assistant",
    "trainee",
    "graduate",
    "intern",
    "entry",
    "level",
    "mid",
    "staff",
    "ii",
    "iii",
    "iv",
    "the",
    "and",
    "of",
    "for",
    "in",
    "to",
    "a",
    "an",
    "with",
    "at",
    "on",
    "remote",
    "hybrid",
    "part",
    "full",
    "time",
    "contract",
    "temporary",
    "fixed",
    "term",
];

/// Open jobs like `job`, for its page, and whether they share words of its title: those whose titles share the most
/// of its title's telling words (a "Biomedical Engineer" finds engineers before anything else in its sector), then
/// those in its own sector, best match first. When no open job shares a word, the newest in its sector.
pub async fn similar_open(
    db: &Db,
    index: &SearchIndex,
    job: &super::jobs::Job,
    limit: usize,
) -> Result<(Vec<super::jobs::Listing>, bool), crate::AppError> {
    let mut words = hubboard::search::words(&job.posting.title);
    words.retain(|word| word.chars().count() > 1 && !GENERIC_TITLE_WORDS.contains(&word.as_str()));
    words.dedup();
    // The answer changes as jobs open and close, and with what words find.
    Filter {
        text: words.join(" "),
        ..Filter::default()
    }
    .note_shown();
    // A few more than shown, read once, so that those in the job's own sector can come first among equals.
    let wanted = limit * 3;
    // Each with how many of the title's words it shares, in the order found.
    let mut alike: Vec<(super::jobs::Listing, usize)> = match index.stems(&words) {
        Some(stems) => {
            index.reach(db, jobs_version(db).await?).await;
            let ids = index
                .similar(&words, wanted + 1, super::db::now())?
                .unwrap_or_default();
            let ids: Vec<i64> = ids.into_iter().filter(|id| *id != job.id).collect();
            let listings = super::jobs::open_in_order(db, &ids).await?;
            listings
                .into_iter()
                .map(|listing| {
                    let theirs = index
                        .stems(&hubboard::search::words(&listing.title))
                        .unwrap_or_default();
                    let shared = stems.iter().filter(|stem| theirs.contains(stem)).count();
                    (listing, shared)
                })
                .collect()
        }
        None => similar_in_database(db, job, &words, wanted).await?,
    };
    if alike.is_empty() {
        let newest = super::jobs::similar(db, job, i64::try_from(limit).unwrap_or(5)).await?;
        return Ok((newest, false));
    }
    // Most title words shared first, then the job's own sector; otherwise in the order they were found.
    alike.sort_by_key(|(listing, shared)| {
        (
            std::cmp::Reverse(*shared),
            listing.sector != job.posting.sector,
        )
    });
    let listings = alike
        .into_iter()
        .take(limit)
        .map(|(listing, _)| listing)
        .collect();
    Ok((listings, true))
}

/// Open jobs sharing words of `job`'s title found by the database's own search, while the index is being built: each
/// word on its own, jobs found by more words first, then by their best place in a word's results; each with how
/// many words it shares.
async fn similar_in_database(
    db: &Db,
    job: &super::jobs::Job,
    words: &[String],
    wanted: usize,
) -> Result<Vec<(super::jobs::Listing, usize)>, crate::AppError> {
    // (listing, words of the title it shares, its best place in a word's results)
    let mut alike: Vec<(super::jobs::Listing, usize, usize)> = Vec::new();
    for word in words {
        let filter = Filter {
            text: word.clone(),
            ..Filter::default()
        };
        let (found, _) = super::jobs::search(db, &filter, Sort::Relevance, 20, 0).await?;
        for (place, listing) in found.into_iter().enumerate() {
            if listing.id == job.id {
                continue;
            }
            match alike.iter_mut().find(|(other, ..)| other.id == listing.id) {
                Some((_, shared, best)) => {
                    *shared += 1;
                    *best = (*best).min(place);
                }
                None => alike.push((listing, 1, place)),
            }
        }
    }
    alike.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    alike.truncate(wanted);
    Ok(alike
        .into_iter()
        .map(|(listing, shared, _)| (listing, shared))
        .collect())
}

/// Removes changes older than [`LOG_KEPT_SECS`] from the log, recording how far it was pruned.
pub async fn prune_log(db: &Db, at: i64) -> Result<u64, sqlx::Error> {
    let mut tx = db.write().begin().await?;
    let through: Option<i64> =
        sqlx::query("select max(seq) as seq from job_changes where changed_at < $1")
            .bind(at - LOG_KEPT_SECS)
            .fetch_one(&mut *tx)
            .await?
            .try_get("seq")?;
    let Some(through) = through else {
        return Ok(0);
    };
    let pruned = sqlx::query("delete from job_changes where seq <= $1")
        .bind(through)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    settings::set_in(
        &mut tx,
        Setting::SearchLogPrunedThrough,
        &through.to_string(),
    )
    .await?;
    tx.commit().await?;
    Ok(pruned)
}

/// After the synonym list changed: moves the jobs' version, so that no instance reuses a search answer found
/// with the old list, and each instance reads the new list when it catches up.
pub async fn synonyms_changed(db: &Db) -> Result<(), sqlx::Error> {
    let mut tx = db.write().begin().await?;
    sqlx::query("update data_versions set version = version + 1 where name = 'jobs'")
        .execute(&mut *tx)
        .await?;
    // And what every search by words finds, for the answers kept of them.
    super::cache::record_words_changed(&mut tx).await?;
    tx.commit().await
}

async fn jobs_version(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query("select version from data_versions where name = 'jobs'")
        .fetch_one(db.read())
        .await?
        .try_get("version")
}

async fn pruned_through(db: &Db) -> Result<i64, sqlx::Error> {
    Ok(settings::get(db, Setting::SearchLogPrunedThrough)
        .await?
        .and_then(|value| value.parse().ok())
        .unwrap_or(0))
}

/// A name of this database made on first use, so an index folder is never taken for another database's.
async fn database_id(db: &Db) -> Result<String, sqlx::Error> {
    settings::get_or_init(db, Setting::DatabaseId, &uuid_like()).await
}

fn uuid_like() -> String {
    use rand::Rng;
    let bytes: [u8; 16] = rand::thread_rng().r#gen();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What a commit records besides the documents.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Payload {
    schema: u32,
    database: String,
    version: i64,
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let stemmed = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(STEMMED)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let folded = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(FOLDED)
            .set_index_option(IndexRecordOption::Basic),
    );
    let fields = Fields {
        id: builder.add_u64_field("id", INDEXED | FAST | STORED),
        title: builder.add_text_field("title", stemmed.clone()),
        company: builder.add_text_field("company", stemmed.clone()),
        body: builder.add_text_field("body", stemmed),
        words: builder.add_text_field("words", folded),
    };
    (builder.build(), fields)
}

fn analyzers() -> (TextAnalyzer, TextAnalyzer) {
    let stemmed = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build();
    let folded = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    (stemmed, folded)
}

/// Opens the index at `place` (creating it if missing or unreadable) and reads its payload.
fn open_index(place: &Place) -> Result<(Index, Option<Payload>), SearchError> {
    let (schema, _) = schema();
    let index = match place {
        Place::Memory => Index::create_in_ram(schema),
        Place::Folder(folder) => open_folder(folder, schema)?,
    };
    let (stemmed, folded) = analyzers();
    index.tokenizers().register(STEMMED, stemmed);
    index.tokenizers().register(FOLDED, folded);
    let payload = index
        .load_metas()?
        .payload
        .and_then(|payload| serde_json::from_str(&payload).ok());
    Ok((index, payload))
}

fn open_folder(folder: &Path, schema: Schema) -> Result<Index, SearchError> {
    std::fs::create_dir_all(folder)?;
    match Index::open_in_dir(folder) {
        Ok(index) if index.schema() == schema => return Ok(index),
        Ok(_) => {
            tracing::info!(folder = %folder.display(), "the search index's fields changed; rebuilding it")
        }
        Err(tantivy::TantivyError::OpenDirectoryError(_))
        | Err(tantivy::TantivyError::OpenReadError(_)) => {}
        Err(error) => {
            tracing::warn!(%error, folder = %folder.display(), "the search index cannot be read; rebuilding it")
        }
    }
    // Whatever was there is only a copy of the database: start again.
    std::fs::remove_dir_all(folder)?;
    std::fs::create_dir_all(folder)?;
    Ok(Index::create_in_dir(folder, schema)?)
}

impl Ready {
    fn new(index: Index, database_id: String) -> Result<Self, SearchError> {
        let (_, fields) = schema();
        let writer = index.writer_with_num_threads(1, WRITER_BYTES)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let (stemmed, folded) = analyzers();
        Ok(Self {
            fields,
            reader,
            writer: Mutex::new(writer),
            stemmed,
            folded,
            table: RwLock::new(Table::default()),
            version: std::sync::atomic::AtomicI64::new(0),
            database_id,
        })
    }

    /// Replaces everything with the open jobs as they are now.
    async fn rebuild(self: &Arc<Self>, db: &Db) -> Result<(), SearchError> {
        let version = jobs_version(db).await?;
        {
            let writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
            writer.delete_all_documents()?;
        }
        let table = self.read_all(db, true).await?;
        let committing = self.clone();
        tokio::task::spawn_blocking(move || committing.commit(version)).await??;
        *self.table.write().map_err(|_| SearchError::Poisoned)? = table;
        self.version
            .store(version, std::sync::atomic::Ordering::Release);
        Ok(())
    }

    /// Every open job read in batches into a new table, each also added to the index when `index` is set.
    async fn read_all(self: &Arc<Self>, db: &Db, index: bool) -> Result<Table, SearchError> {
        let mut table = Table::default();
        let mut after = 0;
        loop {
            let jobs = load_open_after(db, after).await?;
            let Some(last) = jobs.last() else { break };
            after = last.facts.id;
            let adding = self.clone();
            table = tokio::task::spawn_blocking(move || -> Result<Table, SearchError> {
                let writer = if index {
                    Some(adding.writer.lock().map_err(|_| SearchError::Poisoned)?)
                } else {
                    None
                };
                for job in jobs {
                    if let Some(writer) = &writer {
                        writer.add_document(adding.document(&job))?;
                    }
                    table.upsert(job.facts, job.countries);
                }
                Ok(table)
            })
            .await??;
        }
        table.order();
        Ok(table)
    }

    /// Fills the table from the database, for an index kept from an earlier run.
    async fn load_table(self: &Arc<Self>, db: &Db) -> Result<(), SearchError> {
        let table = self.read_all(db, false).await?;
        *self.table.write().map_err(|_| SearchError::Poisoned)? = table;
        Ok(())
    }

    /// Applies the changes to `changed` jobs (`open`: those of them now open), up to `version`.
    fn apply(
        &self,
        changed: &[i64],
        open: Vec<LoadedJob>,
        version: i64,
    ) -> Result<(), SearchError> {
        {
            let writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
            for id in changed {
                writer.delete_term(Term::from_field_u64(self.fields.id, id_key(*id)));
            }
            for job in &open {
                writer.add_document(self.document(job))?;
            }
        }
        self.commit(version)?;
        let mut table = self.table.write().map_err(|_| SearchError::Poisoned)?;
        for id in changed {
            table.remove(*id);
        }
        for job in open {
            table.upsert(job.facts, job.countries);
        }
        table.order();
        drop(table);
        self.version
            .store(version, std::sync::atomic::Ordering::Release);
        Ok(())
    }

    fn commit(&self, version: i64) -> Result<(), SearchError> {
        let payload = serde_json::to_string(&Payload {
            schema: SCHEMA_VERSION,
            database: self.database_id.clone(),
            version,
        })
        .unwrap_or_default();
        {
            let mut writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
            let mut prepared = writer.prepare_commit()?;
            prepared.set_payload(&payload);
            prepared.commit()?;
        }
        self.reader.reload()?;
        Ok(())
    }

    fn document(&self, job: &LoadedJob) -> TantivyDocument {
        let Fields {
            id,
            title,
            company,
            body,
            words,
        } = self.fields;
        // Typos and prefixes are looked for in titles and companies' names: what people type a part of, or
        // misspell, is a job title or an employer, and a description's thousands of words would only add noise.
        let names = format!("{} {}", job.title, job.company);
        doc!(
            id => id_key(job.facts.id),
            title => job.title.as_str(),
            company => job.company.as_str(),
            body => job.body.as_str(),
            words => names,
        )
    }

    /// The query for the words of a search: every concept must match, each in any field.
    fn query(
        &self,
        searcher: &tantivy::Searcher,
        typed: &[String],
        synonyms: &Synonyms,
    ) -> Option<Box<dyn Query>> {
        let concepts = synonyms.concepts(typed);
        let last = concepts.len().saturating_sub(1);
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (i, concept) in concepts.iter().enumerate() {
            let is_last = i == last;
            let clause = match concept {
                Concept::Word(word) => {
                    // A lone letter at the end is a word still being typed: it narrows nothing yet.
                    if is_last && i > 0 && word.chars().count() < PREFIX_FROM_CHARS {
                        continue;
                    }
                    self.word_query(searcher, word, is_last)
                }
                Concept::Synonyms(phrases) => {
                    let alternatives: Vec<(Occur, Box<dyn Query>)> = phrases
                        .iter()
                        .filter_map(|phrase| self.phrase_query(phrase))
                        .map(|query| (Occur::Should, query))
                        .collect();
                    (!alternatives.is_empty())
                        .then(|| Box::new(BooleanQuery::new(alternatives)) as Box<dyn Query>)
                }
            };
            // A word with no letters left after analysis (too long to index) can match nothing.
            must.push((Occur::Must, clause?));
        }
        (!must.is_empty()).then(|| Box::new(BooleanQuery::new(must)) as Box<dyn Query>)
    }

    /// One word: as a word of the title, the company's name or the description (stemmed, so plurals and other
    /// endings match); when it is long enough and no job has it, as a word one letter off (a typo); and as the
    /// start of a longer word when it is the last one typed.
    fn word_query(
        &self,
        searcher: &tantivy::Searcher,
        word: &str,
        last: bool,
    ) -> Option<Box<dyn Query>> {
        let stem = first_token(&self.stemmed, word)?;
        let folded = first_token(&self.folded, word)?;
        let exact = |field: Field, weight: Score| -> (Occur, Box<dyn Query>) {
            let term = Term::from_field_text(field, &stem);
            (
                Occur::Should,
                Box::new(BoostQuery::new(
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
                    weight,
                )),
            )
        };
        let mut should = vec![
            exact(self.fields.title, TITLE_WEIGHT),
            exact(self.fields.company, COMPANY_WEIGHT),
            exact(self.fields.body, 1.0),
        ];
        let letters = folded.chars().count();
        let loose = |query: FuzzyTermQuery| -> (Occur, Box<dyn Query>) {
            (
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(query), LOOSE_WEIGHT)),
            )
        };
        let term = Term::from_field_text(self.fields.words, &folded);
        // A word some job has is taken as meant: "writer" should not also find every job that asks you to "write".
        if letters >= FUZZY_FROM_CHARS && searcher.doc_freq(&term).is_ok_and(|n| n == 0) {
            should.push(loose(FuzzyTermQuery::new(term.clone(), 1, true)));
        }
        if last && letters >= PREFIX_FROM_CHARS {
            should.push(loose(FuzzyTermQuery::new_prefix(term, 0, true)));
        }
        Some(Box::new(BooleanQuery::new(should)))
    }

    /// A phrase of a synonym group: one word as [`Ready::word_query`] without the looser matches, several as
    /// the words in that order, in the title, the company's name or the description.
    fn phrase_query(&self, phrase: &[String]) -> Option<Box<dyn Query>> {
        let stems: Vec<String> = phrase
            .iter()
            .map(|word| first_token(&self.stemmed, word))
            .collect::<Option<_>>()?;
        let in_field = |field: Field, weight: Score| -> (Occur, Box<dyn Query>) {
            let query: Box<dyn Query> = match stems.as_slice() {
                [one] => Box::new(TermQuery::new(
                    Term::from_field_text(field, one),
                    IndexRecordOption::WithFreqs,
                )),
                _ => Box::new(PhraseQuery::new(
                    stems
                        .iter()
                        .map(|stem| Term::from_field_text(field, stem))
                        .collect(),
                )),
            };
            (Occur::Should, Box::new(BoostQuery::new(query, weight)))
        };
        Some(Box::new(BooleanQuery::new(vec![
            in_field(self.fields.title, TITLE_WEIGHT),
            in_field(self.fields.company, COMPANY_WEIGHT),
            in_field(self.fields.body, 1.0),
        ])))
    }

    /// The facets of a search that matches nothing: every choice at zero.
    fn facets_of_nothing(&self) -> Facets {
        Facets {
            posted: POSTED_WITHIN_DAYS.iter().map(|days| (*days, 0)).collect(),
            ..Facets::default()
        }
    }
}

fn first_token(analyzer: &TextAnalyzer, word: &str) -> Option<String> {
    let mut analyzer = analyzer.clone();
    let mut stream = analyzer.token_stream(word);
    let mut text = None;
    stream.process(&mut |token| {
        if text.is_none() {
            text = Some(token.text.clone());
        }
    });
    text
}

fn id_key(id: i64) -> u64 {
    u64::try_from(id).unwrap_or_default()
}

/// Collects every matching job's id with its score (0 unless `scored`).
struct Matches {
    scored: bool,
}

struct SegmentMatches {
    ids: Column<u64>,
    found: Vec<(u32, Score)>,
}

impl Collector for Matches {
    type Fruit = Vec<(u32, Score)>;
    type Child = SegmentMatches;

    fn for_segment(
        &self,
        _segment: u32,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentMatches> {
        Ok(SegmentMatches {
            ids: reader.fast_fields().u64("id")?,
            found: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.scored
    }

    fn merge_fruits(&self, fruits: Vec<Vec<(u32, Score)>>) -> tantivy::Result<Vec<(u32, Score)>> {
        Ok(fruits.concat())
    }
}

impl SegmentCollector for SegmentMatches {
    type Fruit = Vec<(u32, Score)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        // A job id beyond the table's width has no row to match.
        if let Some(id) = self.ids.first(doc).and_then(|id| u32::try_from(id).ok()) {
            self.found.push((id, score));
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.found
    }
}
