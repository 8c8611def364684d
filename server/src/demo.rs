//! Demo content for `serve --demo` and `seed-demo`: invented companies with generated logos, so a fresh site
//! looks alive. Loading twice adds nothing new.

use app::backend::{
    articles,
    companies::{self, Status},
    db::{Db, now},
    jobs, logos, users,
};
use hubboard::{
    Email,
    company::{CompanyInput, CompanyProfile, WebUrl},
    day::Day,
    job::{JobInput, LocationInput, title_slug},
};

use crate::{
    demo_articles::DEMO_ARTICLES,
    demo_companies::{DEMO_COMPANIES, DemoCompany},
    demo_jobs::{OFFERS, ROLES, Role},
};

/// The demo account that owns the demo companies.
pub const COMPANY_OWNER: &str = "company@hubboard.test";

fn profile(company: &DemoCompany) -> anyhow::Result<CompanyProfile> {
    CompanyInput {
        name: company.name.to_owned(),
        slug: String::new(),
        tagline: company.tagline.to_owned(),
        description: company.description.to_owned(),
        website: company.website.to_owned(),
        contact_email: company.contact_email.to_owned(),
        city: company.city.to_owned(),
        country: company.country.to_owned(),
        size: company.size.to_owned(),
        sectors: company.sectors.iter().map(|s| (*s).to_owned()).collect(),
        socials: company.socials.join("\n"),
        services: company.services.join("\n"),
        benefits: company.benefits.join("\n"),
        offices: company.offices.join("\n"),
    }
    .parse()
    .map_err(|errors| anyhow::anyhow!("demo company {} is invalid: {errors}", company.name))
}

/// Adds the demo companies that are missing, approved, with logos; every third one verified. Returns how many
/// were added.
pub async fn seed_companies(db: &Db) -> anyhow::Result<usize> {
    let owner = users::credentials_by_email(db, &Email::parse(COMPANY_OWNER)?)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo company account is missing"))?
        .user;
    let mut added = 0;
    for (index, company) in DEMO_COMPANIES.iter().enumerate() {
        let profile = profile(company)?;
        if companies::by_slug(db, profile.slug.as_str())
            .await?
            .is_some()
        {
            continue;
        }
        let id = companies::create(db, &profile, owner.id).await?;
        companies::decide(
            db,
            id,
            &[Status::Pending],
            companies::Decision {
                to: Status::Approved,
                reason: None,
                note: "",
                by: None,
                notify: &[],
                audit: None,
            },
        )
        .await?;
        let png = crate::demo_art::generate_demo(company.name);
        let renditions = tokio::task::spawn_blocking(move || logos::process(&png)).await??;
        companies::set_logo(db, id, &renditions).await?;
        let name = company.name;
        let cover = tokio::task::spawn_blocking(move || {
            logos::process_cover(&crate::demo_art::generate_cover(name, 1200, 400))
        })
        .await??;
        companies::set_cover(db, id, &cover).await?;
        if index % 3 == 0 {
            companies::set_verified(db, id, Some(&profile.website.domain())).await?;
        }
        added += 1;
    }
    Ok(added)
}

/// Other cities a company in each country may also hire in.
fn second_city(country: &str) -> (&'static str, &'static str) {
    match country {
        "United Kingdom" => ("Birmingham", "England"),
        "Ireland" => ("Cork", ""),
        "United States" => ("New York", "New York"),
        "Netherlands" => ("Utrecht", ""),
        "Switzerland" => ("Zurich", ""),
        _ => ("London", "England"),
    }
}

/// The currency of salaries in `country` and how it scales a salary in pounds.
fn currency(country: &str) -> (&'static str, i64) {
    match country {
        "United States" => ("USD", 130),
        "Switzerland" => ("CHF", 140),
        "Ireland" | "Netherlands" => ("EUR", 115),
        _ => ("GBP", 100),
    }
}

/// The form a company member would have filled in for demo job number `n` of `company`.
fn demo_job(company: &DemoCompany, role: &Role, n: usize, today: Day) -> JobInput {
    let domain = WebUrl::parse("website", company.website)
        .map(|u| u.domain())
        .unwrap_or_default();
    let mut locations = vec![LocationInput {
        city: company.city.to_owned(),
        region: String::new(),
        country: company.country.to_owned(),
    }];
    if n % 4 == 1 {
        let (city, region) = second_city(company.country);
        locations.push(LocationInput {
            city: city.to_owned(),
            region: region.to_owned(),
            country: company.country.to_owned(),
        });
    }
    let (workplace, eligibility) = match n % 5 {
        0 => ("remote", format!("{}, Ireland", company.country)),
        1 if company.country != "United States" => ("remote", "Europe".to_owned()),
        2 => ("hybrid", String::new()),
        _ => ("on-site", String::new()),
    };
    let employment_type = match n % 17 {
        0 => "temporary",
        3 | 11 => "part-time",
        5 => "contract",
        _ if role.seniority == "entry" && n % 7 == 6 => "internship",
        _ => "full-time",
    };
    let (code, scale) = currency(company.country);
    let low = (role.base * scale / 100 / 1_000) * 1_000;
    let high = (low * 6 / 5 / 1_000) * 1_000;
    let (kind, min, max, period) = match n % 7 {
        4 => ("hidden", String::new(), String::new(), ""),
        _ if employment_type == "contract" => (
            "fixed",
            (low / 180 / 10 * 10).to_string(),
            String::new(),
            "day",
        ),
        6 => ("fixed", low.to_string(), String::new(), "year"),
        _ => ("range", low.to_string(), high.to_string(), "year"),
    };
    let offers: Vec<String> = (0..3)
        .map(|i| format!("- {}", OFFERS[(n + i * 3) % OFFERS.len()]))
        .collect();
    let description = format!(
        "{name} is hiring a {title} to join the team in {city}. {tagline}\n\n\
         ## What you will do\n\n{duties}\n\n## What you bring\n\n{needs}\n\n## What we offer\n\n{offers}\n\n\
         We welcome applications from people of every background, and we are happy to talk about adjustments \
         to the process or the role.",
        name = company.name,
        title = role.title,
        city = company.city,
        tagline = company.tagline,
        duties = role
            .duties
            .iter()
            .map(|d| format!("- {d}"))
            .collect::<Vec<_>>()
            .join("\n"),
        needs = role
            .needs
            .iter()
            .map(|d| format!("- {d}"))
            .collect::<Vec<_>>()
            .join("\n"),
        offers = offers.join("\n"),
    );
    JobInput {
        title: role.title.to_owned(),
        description,
        employment_type: employment_type.to_owned(),
        seniority: role.seniority.to_owned(),
        sector: role.sector.to_owned(),
        locations,
        workplace: workplace.to_owned(),
        remote_eligibility: eligibility,
        salary_kind: kind.to_owned(),
        salary_min: min,
        salary_max: max,
        salary_currency: if kind == "hidden" {
            String::new()
        } else {
            code.to_owned()
        },
        salary_period: period.to_owned(),
        closes_on: today.plus(14 + (n as i64 * 7) % 100).iso(),
        apply: if n.is_multiple_of(2) {
            format!("https://careers.{domain}/jobs/{}", title_slug(role.title))
        } else {
            format!("jobs@{domain}")
        },
    }
}

/// Adds demo jobs to each demo company that has none: about twenty roles each, most open, some remote, some
/// featured and a few already closed. Returns how many were added.
pub async fn seed_jobs(db: &Db) -> anyhow::Result<usize> {
    let at = now();
    let today = Day::from_unix(at);
    let mut added = 0;
    let mut n = 0usize;
    for (c, company) in DEMO_COMPANIES.iter().enumerate() {
        let slug = profile(company)?.slug;
        let Some(stored) = companies::by_slug(db, slug.as_str()).await? else {
            continue;
        };
        if !jobs::of_company(db, stored.id).await?.is_empty() {
            continue;
        }
        let owner = companies::members(db, stored.id)
            .await?
            .first()
            .map(|m| m.user_id);
        for (r, role) in ROLES.iter().enumerate() {
            if (r + c) % 6 == 0 {
                continue;
            }
            n += 1;
            let posting = demo_job(company, role, n, today)
                .parse(today)
                .map_err(|errors| {
                    anyhow::anyhow!("demo job {} is invalid: {errors}", role.title)
                })?;
            let id = jobs::create(db, stored.id, &posting, owner).await?;
            let published = at - ((n as i64 * 13) % 30) * 86_400 - (n as i64 % 24) * 3_600;
            let (status, closes_on, closed_at) = match n % 23 {
                7 => (
                    "expired",
                    today.plus(-((n % 20) as i64) - 1).0,
                    Some(at - 86_400),
                ),
                15 => ("filled", posting.closes_on.0, Some(at - 3 * 86_400)),
                _ => ("published", posting.closes_on.0, None),
            };
            let featured = (status == "published" && n % 29 == 3)
                .then(|| (at - 86_400, today.plus(21).end_unix() + 1));
            sqlx::query(
                "update jobs set status = $1, closes_on = $2, closed_at = $3, published_at = $4, decided_at = $4, \
                 created_at = $4, updated_at = $4, featured_from = $5, featured_until = $6, views = $7, \
                 apply_clicks = $8 where id = $9",
            )
            .bind(status)
            .bind(closes_on)
            .bind(closed_at)
            .bind(published)
            .bind(featured.map(|f| f.0))
            .bind(featured.map(|f| f.1))
            .bind((n as i64 * 37) % 400)
            .bind((n as i64 * 11) % 40)
            .bind(id)
            .execute(db.write())
            .await?;
            added += 1;
        }
    }
    Ok(added)
}

/// Adds the demo articles that are missing, published over the last two months and linked to the demo companies
/// and their jobs; infographics get a generated chart. Returns how many were added.
pub async fn seed_articles(db: &Db) -> anyhow::Result<usize> {
    let at = now();
    let mut added = 0;
    for (n, demo) in DEMO_ARTICLES.iter().enumerate() {
        let mut jobs = Vec::new();
        for (company, title) in demo.jobs {
            let row = sqlx::query(
                "select j.id from jobs j join companies c on c.id = j.company_id \
                 where c.name = $1 and j.title = $2 order by j.id limit 1",
            )
            .bind(*company)
            .bind(*title)
            .fetch_optional(db.read())
            .await?;
            if let Some(row) = row {
                jobs.push(sqlx::Row::try_get::<i64, _>(&row, "id")?.to_string());
            }
        }
        let input = hubboard::article::ArticleInput {
            title: demo.title.to_owned(),
            slug: String::new(),
            kind: demo.kind.to_owned(),
            standfirst: demo.standfirst.to_owned(),
            body: demo.body.to_owned(),
            author_name: demo.author.to_owned(),
            source_url: demo.source.to_owned(),
            categories: demo.categories.iter().map(|c| (*c).to_owned()).collect(),
            tags: demo.tags.join(", "),
            data_text: demo.data_text.to_owned(),
            about: demo.about.join("\n"),
            mentions: demo.mentions.join("\n"),
            jobs: jobs.join("\n"),
        };
        let draft = input.parse().map_err(|errors| {
            anyhow::anyhow!("demo article {} is invalid: {errors}", demo.title)
        })?;
        if articles::by_slug(db, draft.slug.as_str()).await?.is_some() {
            continue;
        }
        let mut links = articles::Links::default();
        for (names, relation) in [
            (demo.about, articles::Relation::About),
            (demo.mentions, articles::Relation::Mentions),
        ] {
            for name in names {
                if let Some(id) = companies::resolve(db, name).await? {
                    links.companies.push((id, relation));
                }
            }
        }
        links.jobs = jobs.iter().filter_map(|j| j.parse().ok()).collect();
        let id = articles::create(db, &draft, &links, articles::Status::Draft, None, None)
            .await
            .map_err(|e| anyhow::anyhow!("storing demo article {} failed: {e}", demo.title))?;
        // An infographic's picture is its chart; every other story gets a cover of its own.
        let (art, alt): (Box<dyn FnOnce() -> Vec<u8> + Send>, &str) = if demo.bars.is_empty() {
            let title = demo.title;
            (
                Box::new(move || crate::demo_art::generate_cover(title, 1200, 675)),
                "",
            )
        } else {
            let bars: Vec<(&str, u32)> = demo.bars.iter().map(|b| (b.label, b.value)).collect();
            // The chart's title is what the data in words says it counts; its figures are percentages when
            // those words give them so.
            let title = demo.data_text.split(':').next().unwrap_or(demo.title);
            let unit = if demo.data_text.contains('%') {
                "%"
            } else {
                ""
            };
            (
                Box::new(move || crate::demo_art::generate_chart(title, &bars, unit)),
                demo.image_alt,
            )
        };
        let pictures =
            tokio::task::spawn_blocking(move || logos::process_picture(&art())).await??;
        articles::set_image(db, id, alt, &pictures).await?;
        let published = at - i64::from(demo.days_ago) * 86_400 - (n as i64 % 9) * 3_600 - 600;
        articles::transition(
            db,
            id,
            &[articles::Status::Draft],
            articles::Transition {
                to: articles::Status::Published,
                publish_at: Some(published),
                ..Default::default()
            },
        )
        .await?;
        sqlx::query("update articles set created_at = $1, updated_at = $1 where id = $2")
            .bind(published)
            .bind(id)
            .execute(db.write())
            .await?;
        added += 1;
    }
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_job_passes_the_checks_every_company_faces() {
        let today = Day::parse_iso("2026-11-25").unwrap();
        let mut n = 0;
        for company in DEMO_COMPANIES {
            for role in ROLES {
                n += 1;
                if let Err(errors) = demo_job(company, role, n, today).parse(today) {
                    panic!("{} at {}: {errors}", role.title, company.name);
                }
            }
        }
    }

    #[test]
    fn every_demo_company_passes_the_checks_every_user_faces() {
        for company in DEMO_COMPANIES {
            let profile = profile(company).unwrap();
            assert!(!profile.slug.as_str().is_empty());
        }
    }
}

/// Demo accounts for `seed-demo`, one per kind of visitor besides the admin.
const DEMO_ACCOUNTS: [(&str, hubboard::Role); 3] = [
    ("moderator@hubboard.test", hubboard::Role::Moderator),
    ("seeker@hubboard.test", hubboard::Role::Seeker),
    (COMPANY_OWNER, hubboard::Role::Seeker),
];

/// Adds the demo accounts that are missing; returns those it created.
pub async fn seed_demo_accounts(db: &Db) -> anyhow::Result<Vec<crate::accounts::Created>> {
    let mut created = Vec::new();
    for (email, role) in DEMO_ACCOUNTS {
        let email = Email::parse(email)?;
        if users::credentials_by_email(db, &email).await?.is_none() {
            created.push(crate::accounts::create_with_one_time_password(db, &email, role).await?);
        }
    }
    Ok(created)
}
