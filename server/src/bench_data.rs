//! Data for benchmarks: a large, varied, deterministic directory written in bulk transactions.

use std::time::Instant;

use app::backend::{db::Db, db::now, jobs};
use hubboard::{SECTORS, company::SizeBand, markdown};
use indicatif::{ProgressBar, ProgressStyle};
use rand::{Rng, SeedableRng, rngs::StdRng, seq::SliceRandom};

/// How many rows go into one transaction.
const BATCH: usize = 1_000;

const FIRST: &[&str] = &[
    "Ash", "Birch", "Cedar", "Dale", "Elm", "Fern", "Glen", "Heath", "Iris", "Juniper", "Kestrel",
    "Lark", "Maple", "North", "Oak", "Pine", "Quarry", "River", "Stone", "Thorn", "Upland", "Vale",
    "Willow", "Yarrow",
];
const SECOND: &[&str] = &[
    "brook", "field", "gate", "haven", "hurst", "ley", "mere", "mount", "ridge", "side", "stead",
    "wick",
];
const KIND: &[&str] = &[
    "Health",
    "Clinical",
    "Therapeutics",
    "Communications",
    "Medical",
    "Insights",
    "Access",
    "Biosciences",
    "Devices",
    "Consulting",
    "Research",
    "Digital",
    "Talent",
    "Pharma",
];
const PLACES: &[(&str, &str)] = &[
    ("London", "United Kingdom"),
    ("Manchester", "United Kingdom"),
    ("Leeds", "United Kingdom"),
    ("Cambridge", "United Kingdom"),
    ("Oxford", "United Kingdom"),
    ("Edinburgh", "United Kingdom"),
    ("Glasgow", "United Kingdom"),
    ("Bristol", "United Kingdom"),
    ("Cardiff", "United Kingdom"),
    ("Belfast", "United Kingdom"),
    ("Dublin", "Ireland"),
    ("Cork", "Ireland"),
    ("Amsterdam", "Netherlands"),
    ("Basel", "Switzerland"),
    ("Zurich", "Switzerland"),
    ("Berlin", "Germany"),
    ("Munich", "Germany"),
    ("Paris", "France"),
    ("Lyon", "France"),
    ("Copenhagen", "Denmark"),
    ("Stockholm", "Sweden"),
    ("Boston", "United States"),
    ("New York", "United States"),
    ("San Diego", "United States"),
];
const WORK: &[&str] = &[
    "medical writing",
    "market access strategy",
    "health economics",
    "patient support programmes",
    "clinical trial delivery",
    "regulatory submissions",
    "digital therapeutics",
    "brand strategy",
    "field force recruitment",
    "real-world evidence",
    "medical education",
    "pharmacovigilance",
    "device engineering",
    "qualitative research",
    "payer research",
    "scientific publications",
];

/// `count` different paths of `/jobs` searches, as visitors type them: one to three words, most taken from one
/// open job (its title, its company's name, its city) and the rest from anywhere in the data's vocabulary, crossed
/// with up to three random filters, a sort order, and now and then a later page.
pub async fn searches(db: &Db, count: usize, seed: u64) -> anyhow::Result<Vec<String>> {
    use std::collections::HashSet;

    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "select j.title, j.company_name, coalesce(min(l.city), '') from jobs j \
         left join job_locations l on l.job_id = j.id \
         where j.status = 'published' and j.company_listed = 1 group by j.id, j.title, j.company_name \
         order by j.id limit 20000",
    )
    .fetch_all(db.read())
    .await?;
    anyhow::ensure!(!rows.is_empty(), "the database has no open jobs to search");
    let words_of = |text: &str| -> Vec<String> {
        hubboard::search::words(text)
            .into_iter()
            .filter(|word| word.chars().count() >= 3)
            .collect()
    };
    let mut vocabulary: Vec<String> = rows
        .iter()
        .flat_map(|(title, company, city)| words_of(&format!("{title} {company} {city}")))
        .chain(WORK.iter().flat_map(|work| words_of(work)))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    vocabulary.sort();
    let countries: Vec<String> = PLACES
        .iter()
        .map(|(_, country)| (*country).to_owned())
        .collect();
    let mut rng = StdRng::seed_from_u64(seed);
    let mut seen = HashSet::new();
    let mut paths = Vec::with_capacity(count);
    let mut attempts = 0;
    while paths.len() < count {
        attempts += 1;
        anyhow::ensure!(
            attempts < count * 50,
            "the data's vocabulary is too small for {count} different searches"
        );
        let wanted = rng.gen_range(1..=3);
        let mut words: Vec<String> = if rng.gen_ratio(7, 10) {
            let (title, company, city) = &rows[rng.gen_range(0..rows.len())];
            let mut own = words_of(&format!("{title} {company} {city}"));
            own.shuffle(&mut rng);
            own.truncate(wanted);
            own
        } else {
            (0..wanted)
                .filter_map(|_| vocabulary.choose(&mut rng).cloned())
                .collect()
        };
        words.dedup();
        let mut query = vec![format!("q={}", words.join("+"))];
        let mut filters = vec![
            format!("sector={}", SECTORS[rng.gen_range(0..SECTORS.len())].slug),
            format!(
                "type={}",
                [
                    "full-time",
                    "part-time",
                    "contract",
                    "temporary",
                    "internship"
                ][rng.gen_range(0..5)]
            ),
            format!(
                "workplace={}",
                ["on-site", "hybrid", "remote"][rng.gen_range(0..3)]
            ),
            format!(
                "country={}",
                countries[rng.gen_range(0..countries.len())].replace(' ', "+")
            ),
            format!(
                "salary={}",
                hubboard::job::SALARY_BANDS[rng.gen_range(0..hubboard::job::SALARY_BANDS.len())].0
            ),
            format!("posted={}", [1, 7, 30][rng.gen_range(0..3)]),
        ];
        filters.shuffle(&mut rng);
        query.extend(filters.into_iter().take(rng.gen_range(0..=3)));
        match rng.gen_range(0..6) {
            0 => query.push("sort=newest".to_owned()),
            1 => query.push("sort=salary".to_owned()),
            _ => {}
        }
        if rng.gen_ratio(1, 5) {
            query.push(format!("page={}", rng.gen_range(2..=5)));
        }
        let path = format!("/jobs?{}", query.join("&"));
        if seen.insert(path.clone()) {
            paths.push(path);
        }
    }
    Ok(paths)
}

/// Writes `count` approved companies (with sectors and an owner) into a database that has none yet.
pub async fn seed_companies(db: &Db, count: usize, seed: u64) -> anyhow::Result<()> {
    let existing: i64 = sqlx::query_scalar("select count(*) from companies")
        .fetch_one(db.read())
        .await?;
    anyhow::ensure!(
        existing == 0,
        "seed-bench needs a database without companies"
    );
    let owner: i64 = sqlx::query_scalar(
        "insert into users (email, password_hash, role, must_change_password, created_at, password_changed_at) \
         values ('bench-owner@hubboard.test', '!', 'seeker', 0, $1, $1) \
         on conflict (email) do update set email = excluded.email returning id",
    )
    .bind(now())
    .fetch_one(db.write())
    .await?;

    let mut rng = StdRng::seed_from_u64(seed);
    let progress = ProgressBar::new(count as u64).with_style(
        ProgressStyle::with_template("companies {bar:40} {pos}/{len} {per_sec} eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let started = Instant::now();
    let mut written = 0;
    while written < count {
        let mut tx = db.write().begin().await?;
        for index in written..(written + BATCH).min(count) {
            let name = format!(
                "{}{} {} {}",
                FIRST.choose(&mut rng).unwrap_or(&"Ash"),
                SECOND.choose(&mut rng).unwrap_or(&"field"),
                KIND.choose(&mut rng).unwrap_or(&"Health"),
                index + 1
            );
            let slug = hubboard::company::Slug::derive(&name);
            let (city, country) = *PLACES
                .choose(&mut rng)
                .unwrap_or(&("London", "United Kingdom"));
            let work: Vec<&str> = WORK.choose_multiple(&mut rng, 3).copied().collect();
            let description = format!(
                "{name} works with pharmaceutical, biotech and NHS teams on **{}** and {}.\n\n\
                 ## What we do\n\n- {}\n- {}\n- {}\n\nFounded in {}, the team of {} is based in {city}.",
                work[0],
                work[1],
                work[0],
                work[1],
                work[2],
                rng.gen_range(1985..2024),
                rng.gen_range(3..4000),
            );
            let size = SizeBand::ALL[rng.gen_range(0..SizeBand::ALL.len())];
            let at = now() - rng.gen_range(0..3 * 365 * 86_400);
            let id: i64 = sqlx::query_scalar(
                "insert into companies (slug, name, name_key, initial, tagline, description, description_html, \
                 description_text, website, contact_email, city, country, size, socials, status, created_by, \
                 created_at, updated_at, decided_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, \
                 '', 'approved', $14, $15, $15, $15) returning id",
            )
            .bind(&slug)
            .bind(&name)
            .bind(slug.replace('-', ""))
            .bind(name.chars().next().unwrap_or('#').to_string())
            .bind(format!("Specialists in {} and {}", work[0], work[2]))
            .bind(&description)
            .bind(markdown::to_safe_html(&description))
            .bind(markdown::to_plain_text(&description))
            .bind(format!("https://www.{slug}.example"))
            .bind(format!("hello@{slug}.example"))
            .bind(city)
            .bind(country)
            .bind(size.as_str())
            .bind(owner)
            .bind(at)
            .fetch_one(&mut *tx)
            .await?;
            let sectors = rng.gen_range(1..=3);
            for sector in SECTORS.choose_multiple(&mut rng, sectors) {
                sqlx::query("insert into company_sectors (company_id, sector) values ($1, $2)")
                    .bind(id)
                    .bind(sector.slug)
                    .execute(&mut *tx)
                    .await?;
            }
            sqlx::query("insert into company_members (company_id, user_id, role, joined_at) values ($1, $2, 'owner', $3)")
                .bind(id)
                .bind(owner)
                .bind(at)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        let batch = BATCH.min(count - written);
        written += batch;
        progress.inc(batch as u64);
    }
    progress.finish_and_clear();
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{count} companies in {seconds:.1} s ({:.0}/s)",
        count as f64 / seconds.max(0.001)
    );
    Ok(())
}

/// Writes `count` published jobs spread over the companies already in the database, each from a written role
/// with varied places, workplaces, salaries and posting dates.
pub async fn seed_jobs(db: &Db, count: usize, seed: u64) -> anyhow::Result<()> {
    use hubboard::{
        day::Day,
        job::{JobInput, LocationInput},
    };

    use crate::demo_jobs::{OFFERS, ROLES};

    let companies: Vec<(i64, String)> =
        sqlx::query_as("select id, name from companies where status = 'approved'")
            .fetch_all(db.read())
            .await?;
    anyhow::ensure!(
        !companies.is_empty(),
        "seed-bench needs companies before jobs"
    );
    let mut rng = StdRng::seed_from_u64(seed.wrapping_add(1));
    let at = now();
    let today = Day::from_unix(at);
    let rates = jobs::exchange_rates(&mut *db.read().acquire().await?).await?;
    let progress = ProgressBar::new(count as u64).with_style(
        ProgressStyle::with_template("jobs {bar:40} {pos}/{len} {per_sec} eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let started = Instant::now();
    let mut written = 0;
    while written < count {
        let mut tx = db.write().begin().await?;
        for _ in written..(written + BATCH).min(count) {
            let (company_id, company_name) = &companies[rng.gen_range(0..companies.len())];
            let role = &ROLES[rng.gen_range(0..ROLES.len())];
            let (city, country) = *PLACES
                .choose(&mut rng)
                .unwrap_or(&("London", "United Kingdom"));
            let mut locations = vec![LocationInput {
                city: city.to_owned(),
                region: String::new(),
                country: country.to_owned(),
            }];
            if rng.gen_ratio(1, 5) {
                let (city, country) = *PLACES
                    .choose(&mut rng)
                    .unwrap_or(&("Leeds", "United Kingdom"));
                locations.push(LocationInput {
                    city: city.to_owned(),
                    region: String::new(),
                    country: country.to_owned(),
                });
            }
            let workplace =
                ["on-site", "on-site", "hybrid", "hybrid", "remote"][rng.gen_range(0..5)];
            let low = role.base + rng.gen_range(-5..15) * 1_000;
            let kind = ["range", "range", "range", "fixed", "hidden"][rng.gen_range(0..5)];
            let work: Vec<&str> = WORK.choose_multiple(&mut rng, 2).copied().collect();
            let description = format!(
                "{company_name} is hiring a {} in {city} to work on {} and {}.\n\n## What you will do\n\n{}\n\n\
                 ## What you bring\n\n{}\n\n## What we offer\n\n- {}\n- {}",
                role.title,
                work[0],
                work[1],
                role.duties
                    .iter()
                    .map(|d| format!("- {d}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
                role.needs
                    .iter()
                    .map(|d| format!("- {d}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
                OFFERS[rng.gen_range(0..OFFERS.len())],
                OFFERS[rng.gen_range(0..OFFERS.len())],
            );
            let input = JobInput {
                title: role.title.to_owned(),
                description,
                employment_type: [
                    "full-time",
                    "full-time",
                    "full-time",
                    "part-time",
                    "contract",
                    "temporary",
                    "internship",
                ][rng.gen_range(0..7)]
                .to_owned(),
                seniority: role.seniority.to_owned(),
                sector: role.sector.to_owned(),
                locations,
                workplace: workplace.to_owned(),
                remote_eligibility: if workplace == "remote" {
                    country.to_owned()
                } else {
                    String::new()
                },
                salary_kind: kind.to_owned(),
                salary_min: low.to_string(),
                salary_max: (low + rng.gen_range(2..20) * 1_000).to_string(),
                salary_currency: ["GBP", "EUR", "USD", "CHF"][rng.gen_range(0..4)].to_owned(),
                salary_period: "year".to_owned(),
                closes_on: today.plus(rng.gen_range(1..=120)).iso(),
                apply: format!(
                    "https://careers.example/jobs/{}",
                    rng.gen_range(1..1_000_000)
                ),
            };
            let posting = input
                .parse(today)
                .map_err(|errors| anyhow::anyhow!("generated job is invalid: {errors}"))?;
            let published = at - rng.gen_range(0..60 * 86_400);
            jobs::insert_published(
                &mut tx,
                *company_id,
                company_name,
                &posting,
                published,
                &rates,
            )
            .await?;
        }
        tx.commit().await?;
        let batch = BATCH.min(count - written);
        written += batch;
        progress.inc(batch as u64);
    }
    progress.finish_and_clear();
    // A dozen featured jobs, so the sidebar's box has turns to take; the window outlasts the cached data set.
    sqlx::query(
        "update jobs set featured_from = $1, featured_until = $2 where id % $3 = 0 and status = 'published'",
    )
    .bind(at - 86_400)
    .bind(at + 10 * 365 * 86_400)
    .bind(i64::try_from((count / 12).max(1))?)
    .execute(db.write())
    .await?;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{count} jobs in {seconds:.1} s ({:.0}/s)",
        count as f64 / seconds.max(0.001)
    );
    Ok(())
}

const HEADLINES: &[&str] = &[
    "{company} opens an office in {city}",
    "{company} to hire {n} people in {work}",
    "{company} wins a contract for {work}",
    "Survey: how teams in {work} are changing",
    "What new guidance on {work} means for agencies",
    "{company} appoints a head of {work}",
    "Funding round lets {company} grow its {work} team",
    "Salaries in {work} rise for a third year",
    "{company} and partners launch a programme in {work}",
    "Why {work} is short of experienced people",
];
const TOPICS: &[&str] = &[
    "hiring",
    "remote work",
    "salaries",
    "regulation",
    "funding",
    "ai",
    "graduates",
    "nhs",
    "clinical trials",
    "medtech",
    "diversity",
    "freelance",
    "market access",
    "patient information",
    "real-world evidence",
    "pharmacovigilance",
    "oncology",
    "rare disease",
    "digital health",
    "apprenticeships",
    "mergers",
    "surveys",
    "health economics",
    "publications",
    "training",
    "contracts",
    "procurement",
    "data",
    "wellbeing",
    "leadership",
];

/// Writes `count` articles (news, features, infographics) about the companies already in the database, tagged from
/// a few hundred tags (some far more used than others), filed under 1–3 categories, some linking jobs; nearly all
/// published over the last three years, a few scheduled or still drafts.
pub async fn seed_articles(db: &Db, count: usize, seed: u64) -> anyhow::Result<()> {
    let companies: Vec<(i64, String)> =
        sqlx::query_as("select id, name from companies where status = 'approved'")
            .fetch_all(db.read())
            .await?;
    anyhow::ensure!(
        !companies.is_empty(),
        "seed-bench needs companies before articles"
    );
    let max_job: i64 = sqlx::query_scalar("select coalesce(max(id), 0) from jobs")
        .fetch_one(db.read())
        .await?;
    let mut rng = StdRng::seed_from_u64(seed.wrapping_add(2));
    let at = now();

    // Tags: every topic alone and with a qualifier, about three hundred in all.
    let mut tag_ids = Vec::new();
    {
        let mut tx = db.write().begin().await?;
        for topic in TOPICS {
            for qualifier in [
                "",
                " uk",
                " europe",
                " us",
                " 2025",
                " 2026",
                " jobs",
                " policy",
                " research",
                " events",
            ] {
                let name = format!("{topic}{qualifier}");
                let id: i64 = sqlx::query_scalar(
                    "insert into tags (slug, name) values ($1, $2) returning id",
                )
                .bind(hubboard::company::Slug::derive(&name))
                .bind(&name)
                .fetch_one(&mut *tx)
                .await?;
                tag_ids.push(id);
            }
        }
        tx.commit().await?;
    }

    let progress = ProgressBar::new(count as u64).with_style(
        ProgressStyle::with_template("articles {bar:40} {pos}/{len} {per_sec} eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let started = Instant::now();
    let mut written = 0;
    while written < count {
        let mut tx = db.write().begin().await?;
        for index in written..(written + BATCH).min(count) {
            let (company_id, company_name) = &companies[rng.gen_range(0..companies.len())];
            let work = WORK.choose(&mut rng).unwrap_or(&"medical writing");
            let (city, _) = *PLACES
                .choose(&mut rng)
                .unwrap_or(&("London", "United Kingdom"));
            let title = HEADLINES[rng.gen_range(0..HEADLINES.len())]
                .replace("{company}", company_name)
                .replace("{city}", city)
                .replace("{work}", work)
                .replace("{n}", &rng.gen_range(5..120).to_string());
            let slug = format!("{}-{}", hubboard::article::slug_of_title(&title), index + 1);
            let kind = match rng.gen_range(0..20) {
                0 => "infographic",
                1..=3 => "feature",
                _ => "news",
            };
            let body = format!(
                "{company_name} said the work on {work} would start in {city} next quarter.\n\n\
                 ## Why it matters\n\nTeams across the sector report that {} and {} are where demand grows \
                 fastest, and that experienced people are hard to find.\n\n\
                 ## What comes next\n\n- A first review after six months\n- Places for {} new starters\n\n\
                 Readers can find open roles at {company_name} in the jobs board.",
                WORK.choose(&mut rng).unwrap_or(&"health economics"),
                WORK.choose(&mut rng).unwrap_or(&"medical education"),
                rng.gen_range(2..40),
            );
            let (status, publish_at) = match rng.gen_range(0..200) {
                0 => ("draft", None),
                1 => ("published", Some(at + rng.gen_range(3_600..30 * 86_400))),
                _ => ("published", Some(at - rng.gen_range(0..3 * 365 * 86_400))),
            };
            let created = publish_at.unwrap_or(at).min(at);
            // The links' copy of the publication time (see the schema): every article here that has one is published.
            let public_at = publish_at;
            let id: i64 = sqlx::query_scalar(
                "insert into articles (slug, kind, title, standfirst, body, body_html, body_text, data_text, \
                 author_name, source_url, status, publish_at, created_at, updated_at) \
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) returning id",
            )
            .bind(&slug)
            .bind(kind)
            .bind(&title)
            .bind(format!("{company_name} is expanding its {work} work, with new roles in {city}."))
            .bind(&body)
            .bind(markdown::to_article_html(&body))
            .bind(markdown::to_plain_text(&body))
            .bind(if kind == "infographic" {
                format!("Demand for {work} rose in each of the last four quarters.")
            } else {
                String::new()
            })
            .bind(["Ruth Okafor", "Helen Marchetti", "Dev Ramaswamy", "Sofia Lindqvist"][rng.gen_range(0..4)])
            .bind(rng.gen_ratio(1, 3).then(|| format!("https://www.source{}.example/report", rng.gen_range(1..500))))
            .bind(status)
            .bind(publish_at)
            .bind(created)
            .fetch_one(&mut *tx)
            .await?;
            let categories = rng.gen_range(1..=3);
            for sector in SECTORS.choose_multiple(&mut rng, categories) {
                sqlx::query(
                    "insert into article_categories (article_id, category) values ($1, $2)",
                )
                .bind(id)
                .bind(sector.slug)
                .execute(&mut *tx)
                .await?;
            }
            // Squaring a uniform draw favours the first tags: a few are everywhere, most are rare.
            let mut tags: Vec<i64> = (0..rng.gen_range(2..=4))
                .map(|_| {
                    let u: f64 = rng.r#gen();
                    tag_ids[((u * u) * tag_ids.len() as f64) as usize % tag_ids.len()]
                })
                .collect();
            tags.sort_unstable();
            tags.dedup();
            for tag in tags {
                sqlx::query(
                    "insert into article_tags (article_id, tag_id, public_at) values ($1, $2, $3)",
                )
                .bind(id)
                .bind(tag)
                .bind(public_at)
                .execute(&mut *tx)
                .await?;
            }
            sqlx::query(
                "insert into article_companies (article_id, company_id, relation, public_at) \
                 values ($1, $2, 'about', $3)",
            )
            .bind(id)
            .bind(company_id)
            .bind(public_at)
            .execute(&mut *tx)
            .await?;
            let (mentioned, _) = &companies[rng.gen_range(0..companies.len())];
            if mentioned != company_id && rng.gen_ratio(1, 2) {
                sqlx::query(
                    "insert into article_companies (article_id, company_id, relation, public_at) \
                     values ($1, $2, 'mentions', $3)",
                )
                .bind(id)
                .bind(mentioned)
                .bind(public_at)
                .execute(&mut *tx)
                .await?;
            }
            if max_job > 0 && rng.gen_ratio(1, 3) {
                sqlx::query("insert into article_jobs (article_id, job_id) values ($1, $2)")
                    .bind(id)
                    .bind(rng.gen_range(1..=max_job))
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        let batch = BATCH.min(count - written);
        written += batch;
        progress.inc(batch as u64);
    }
    progress.finish_and_clear();
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{count} articles in {seconds:.1} s ({:.0}/s)",
        count as f64 / seconds.max(0.001)
    );
    Ok(())
}
