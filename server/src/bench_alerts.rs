//! The email alerts benchmark, run by `make bench` on a copy of the benchmark data set: confirmed daily subscriptions
//! of every kind, a day's worth of newly published jobs and articles, then one round of the alert scheduler (time
//! and peak memory) and the outbox sender pushing the mail into an SMTP server on localhost (messages per second).

use std::time::Instant;

use app::backend::db::{Db, now};
use indicatif::{ProgressBar, ProgressStyle};
use rand::{Rng, SeedableRng, rngs::StdRng, seq::SliceRandom};

use crate::{mailer, smtp_sink::SmtpSink};

/// Words people search the board for, as a job alert keeps them.
const SEARCH_WORDS: [&str; 10] = [
    "writer",
    "editor",
    "nurse",
    "scientist",
    "manager",
    "analyst",
    "developer",
    "director",
    "medical",
    "data",
];

/// What one run measured, printed as `name<TAB>value` lines for the report.
#[derive(Debug)]
pub struct Figures {
    pub subscriptions: usize,
    pub build_ms: u128,
    pub build_peak_mib: u64,
    pub mails: usize,
    pub items: usize,
    pub sent: usize,
    pub send_ms: u128,
}

impl Figures {
    pub fn print(&self) {
        let per_second = self.sent as f64 / (self.send_ms.max(1) as f64 / 1000.0);
        println!("alerts_subscriptions\t{}", self.subscriptions);
        println!("alerts_build_ms\t{}", self.build_ms);
        println!("alerts_build_seconds\t{:.1}", self.build_ms as f64 / 1000.0);
        println!("alerts_build_peak_mib\t{}", self.build_peak_mib);
        println!("alerts_mails\t{}", self.mails);
        println!("alerts_items\t{}", self.items);
        println!("mail_sent\t{}", self.sent);
        println!("mail_send_ms\t{}", self.send_ms);
        println!("mail_per_second\t{per_second:.0}");
    }
}

/// The process's peak resident memory (VmHWM) in KiB.
fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

/// Starts the peak memory count afresh (Linux: writing 5 to `clear_refs`), so that it covers what follows only.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Writes `count` confirmed daily subscriptions, one per address, of every kind, waiting since `since`.
async fn seed_subscriptions(db: &Db, count: usize, since: i64, seed: u64) -> anyhow::Result<()> {
    let companies: Vec<(i64, String)> =
        sqlx::query_as("select id, name from companies where status = 'approved' order by id")
            .fetch_all(db.read())
            .await?;
    let tags: Vec<(String, String)> = sqlx::query_as("select slug, name from tags order by id")
        .fetch_all(db.read())
        .await?;
    anyhow::ensure!(
        !companies.is_empty() && !tags.is_empty(),
        "the alerts benchmark needs the benchmark data set (companies, jobs, articles)"
    );
    let mut rng = StdRng::seed_from_u64(seed.wrapping_add(7));
    let progress = ProgressBar::new(count as u64).with_style(
        ProgressStyle::with_template("subscriptions {bar:40} {pos}/{len} {per_sec} eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut written = 0;
    while written < count {
        let mut tx = db.write().begin().await?;
        for n in written..(written + 1000).min(count) {
            let subscriber: i64 = sqlx::query_scalar(
                "insert into subscribers (email, created_at) values ($1, $2) returning id",
            )
            .bind(format!("reader{n}@bench.example"))
            .bind(since)
            .fetch_one(&mut *tx)
            .await?;
            let (kind, target, label) = match rng.gen_range(0..100) {
                0..30 => {
                    let word = SEARCH_WORDS.choose(&mut rng).copied().unwrap_or("writer");
                    (
                        "jobs",
                        format!("q={word}"),
                        format!("New jobs matching “{word}”"),
                    )
                }
                30..50 => ("news", String::new(), "All Hubboard news".to_owned()),
                50..70 => {
                    let sector = hubboard::SECTORS[rng.gen_range(0..hubboard::SECTORS.len())];
                    (
                        "category",
                        sector.slug.to_owned(),
                        format!("News about {}", sector.name),
                    )
                }
                70..85 => {
                    // Popular tags more often, as people follow them.
                    let index = rng
                        .gen_range(0..tags.len())
                        .min(rng.gen_range(0..tags.len()));
                    let (slug, name) = &tags[index];
                    ("tag", slug.clone(), format!("News tagged “{name}”"))
                }
                _ => {
                    let (id, name) = &companies[rng.gen_range(0..companies.len())];
                    (
                        "company-jobs",
                        id.to_string(),
                        format!("New jobs at {name}"),
                    )
                }
            };
            sqlx::query(
                "insert into subscriptions (subscriber_id, kind, target, label, frequency, created_at, \
                 confirmed_at, since, next_due_at) values ($1, $2, $3, $4, 'daily', $5, $5, $5, 0)",
            )
            .bind(subscriber)
            .bind(kind)
            .bind(target)
            .bind(label)
            .bind(since)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        progress.inc(((written + 1000).min(count) - written) as u64);
        written = (written + 1000).min(count);
    }
    progress.finish_and_clear();
    Ok(())
}

/// Publishes `jobs` jobs and `articles` articles of the data set anew at `at`, spread over it, as a day's news.
async fn publish_anew(db: &Db, jobs: usize, articles: usize, at: i64) -> anyhow::Result<()> {
    let job_count: i64 = sqlx::query_scalar("select count(*) from jobs where status = 'published'")
        .fetch_one(db.read())
        .await?;
    let step = (job_count / jobs.max(1) as i64).max(1);
    sqlx::query(&format!(
        "update jobs set published_at = $1 where id in (select id from jobs where status = 'published' \
         and id % {step} = 0 order by id limit {jobs})"
    ))
    .bind(at)
    .execute(db.write())
    .await?;
    let article_count: i64 = sqlx::query_scalar(
        "select count(*) from articles where status = 'published' and publish_at <= $1",
    )
    .bind(at)
    .fetch_one(db.read())
    .await?;
    let step = (article_count / articles.max(1) as i64).max(1);
    sqlx::query(&format!(
        "update articles set publish_at = $1 where id in (select id from articles where status = 'published' \
         and publish_at <= $1 and id % {step} = 0 order by id limit {articles})"
    ))
    .bind(at)
    .execute(db.write())
    .await?;
    Ok(())
}

/// Runs the benchmark on `db` (a copy of the benchmark data set: it is changed).
pub async fn run(
    db: &Db,
    subscriptions: usize,
    new_jobs: usize,
    new_articles: usize,
    seed: u64,
) -> anyhow::Result<Figures> {
    let since = now() - 60;
    seed_subscriptions(db, subscriptions, since, seed).await?;
    publish_anew(db, new_jobs, new_articles, since + 1).await?;
    db.optimize().await?;

    reset_peak();
    let started = Instant::now();
    let search = app::backend::search::SearchIndex::default();
    search.open(db).await?;
    let run = app::alerts::send_due_alerts(db, &search, "https://hubboard.example", now(), 60, 200)
        .await
        .map_err(|e| anyhow::anyhow!("writing alert mail failed: {e:?}"))?;
    let build_ms = started.elapsed().as_millis();
    let build_peak_mib = peak_kib() / 1024;

    let sink = SmtpSink::start_counting().await;
    let transport = mailer::Transport::from_url(&sink.url()).map_err(anyhow::Error::msg)?;
    let from = "Hubboard <no-reply@hubboard.example>".parse()?;
    let started = Instant::now();
    let sent = mailer::send_due(db, &transport, &from).await?;
    let send_ms = started.elapsed().as_millis();
    anyhow::ensure!(
        sink.count() == sent,
        "the SMTP server received {} messages of {sent} sent",
        sink.count()
    );
    Ok(Figures {
        subscriptions,
        build_ms,
        build_peak_mib,
        mails: run.mails,
        items: run.items,
        sent,
        send_ms,
    })
}
