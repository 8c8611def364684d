//! `/sitemap.xml`, a sitemap index, and the sitemaps it lists: news, companies, open jobs and the hub pages.
//! Only what the public can see is listed (no drafts, scheduled or pending articles, unapproved companies or closed
//! jobs). Each sitemap is written from the database as its rows come and kept, LZ4-compressed, for five
//! minutes (see [`app::backend::Caches::sitemaps`]): a file of 50,000 addresses takes most of a second to write,
//! crawlers ask for the same files over and over, and an hour-old sitemap is as good as a new one to them.
//! `robots.txt` points crawlers here.

use app::{
    address::job_href,
    backend::{
        cache::{Reading, Versions},
        db::{Db, now},
    },
};
use axum::{
    body::Body,
    extract::{Path, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use futures::TryStreamExt;
use quick_xml::{Writer, events::BytesText};
use sqlx::Row;

use crate::state::ServerState;

/// Addresses per sitemap file: the protocol's limit.
pub const URLS_PER_SITEMAP: i64 = 50_000;
const NAMESPACE: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// The kinds of sitemap, each with the query that lists its addresses (`$1`: now) and the one that counts them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Section {
    News,
    Companies,
    Jobs,
    Hubs,
}

impl Section {
    const ALL: [Section; 4] = [
        Section::News,
        Section::Companies,
        Section::Jobs,
        Section::Hubs,
    ];

    fn name(self) -> &'static str {
        match self {
            Section::News => "news",
            Section::Companies => "companies",
            Section::Jobs => "jobs",
            Section::Hubs => "hubs",
        }
    }

    fn find(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Rows of (`path`, `lastmod`), in a stable order.
    fn list_sql(self) -> &'static str {
        match self {
            Section::News => {
                "select '/news/' || slug as path, updated_at as lastmod from articles \
                 where status = 'published' and publish_at <= $1 order by id"
            }
            Section::Companies => {
                "select '/companies/' || slug as path, updated_at as lastmod from companies \
                 where status = 'approved' and $1 >= 0 order by id"
            }
            // Job addresses carry the id; the path is completed in Rust.
            Section::Jobs => {
                "select cast(id as text) as path, slug, updated_at as lastmod from jobs \
                 where status = 'published' and company_listed = 1 and $1 >= 0 order by id"
            }
            Section::Hubs => {
                "select '/tags/' || t.slug as path, max(a.updated_at) as lastmod from tags t \
                 join article_tags l on l.tag_id = t.id join articles a on a.id = l.article_id \
                 where a.status = 'published' and a.publish_at <= $1 group by t.slug order by t.slug"
            }
        }
    }

    /// `n` (how many addresses) and `latest` (the newest change).
    fn count_sql(self) -> &'static str {
        match self {
            Section::News => {
                "select count(*) as n, max(updated_at) as latest from articles \
                 where status = 'published' and publish_at <= $1"
            }
            Section::Companies => {
                "select count(*) as n, max(updated_at) as latest from companies \
                 where status = 'approved' and $1 >= 0"
            }
            Section::Jobs => {
                "select count(*) as n, max(updated_at) as latest from jobs \
                 where status = 'published' and company_listed = 1 and $1 >= 0"
            }
            Section::Hubs => {
                "select count(distinct l.tag_id) as n, max(a.updated_at) as latest from article_tags l \
                 join articles a on a.id = l.article_id where a.status = 'published' and a.publish_at <= $1"
            }
        }
    }
}

/// Pages that are always listed in the hubs sitemap: the front page, the sections and every category.
fn fixed_paths() -> Vec<String> {
    let mut paths: Vec<String> = ["/", "/news", "/jobs", "/companies", "/infographics"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    paths.extend(
        hubboard::SECTORS
            .iter()
            .map(|s| format!("/categories/{}", s.slug)),
    );
    paths
}

/// A Unix time as a W3C date, as sitemaps want it.
fn w3c_day(at: i64) -> String {
    hubboard::day::Day::from_unix(at).iso()
}

fn xml_response(body: impl Into<Body>) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/xml; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        body.into(),
    )
        .into_response()
}

fn unavailable() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        "The sitemap is unavailable right now. Please try again shortly.",
    )
        .into_response()
}

/// Writes `<tag>text</tag>`.
fn text_element(writer: &mut Writer<Vec<u8>>, tag: &str, text: &str) -> std::io::Result<()> {
    writer
        .create_element(tag)
        .write_text_content(BytesText::new(text))?;
    Ok(())
}

fn url_entry(writer: &mut Writer<Vec<u8>>, loc: &str, lastmod: Option<i64>) -> std::io::Result<()> {
    writer.create_element("url").write_inner_content(|w| {
        text_element(w, "loc", loc)?;
        if let Some(at) = lastmod {
            text_element(w, "lastmod", &w3c_day(at))?;
        }
        Ok(())
    })?;
    Ok(())
}

/// `GET /sitemap.xml`: the index of the sitemaps, with each one's latest change. Counting every listing takes a
/// while on a large site, so the index is kept for a few minutes (see [`app::backend::Caches::sitemaps`]).
pub async fn index(State(state): State<ServerState>) -> Response {
    let db = state.app.db.clone();
    let site = state.app.site_url.to_string();
    cached_document(&state, "/sitemap.xml", async move {
        Ok(build_index(&db, &site).await?.into_bytes())
    })
    .await
}

/// The sitemap at `key` from the cache of rendered sitemaps, or built by `build`.
async fn cached_document<F>(state: &ServerState, key: &str, build: F) -> Response
where
    F: Future<Output = anyhow::Result<Vec<u8>>> + Send + 'static,
{
    // That cache's answers last their time limit whatever changes, so no versions are read.
    let reading = Reading::outside_requests(Versions::default(), state.app.versions.clone());
    let body = state
        .app
        .caches
        .sitemaps
        .get_or_load(key.to_owned(), &reading, move || async move {
            match build.await {
                // Sitemaps are mostly markup, which LZ4 shrinks several times over and restores in milliseconds.
                Ok(body) => Ok(lz4_flex::compress_prepend_size(&body).into_boxed_slice()),
                Err(error) => {
                    tracing::error!(%error, "building a sitemap failed");
                    Err(app::AppError::Unavailable)
                }
            }
        })
        .await;
    match body.map(|kept| lz4_flex::decompress_size_prepended(&kept)) {
        Ok(Ok(body)) => xml_response(body),
        Ok(Err(error)) => {
            tracing::error!(%error, "a kept sitemap could not be restored");
            unavailable()
        }
        Err(_) => unavailable(),
    }
}

async fn build_index(db: &Db, site: &str) -> anyhow::Result<String> {
    let mut entries: Vec<(String, Option<i64>)> = Vec::new();
    for section in Section::ALL {
        let row = sqlx::query(section.count_sql())
            .bind(now())
            .fetch_one(db.read())
            .await?;
        let count: i64 = row.try_get("n").unwrap_or(0);
        let latest: Option<i64> = row.try_get("latest").unwrap_or(None);
        let files = if section == Section::Hubs {
            1
        } else {
            (count + URLS_PER_SITEMAP - 1) / URLS_PER_SITEMAP
        };
        for file in 1..=files {
            entries.push((
                format!("{site}/sitemaps/{}-{file}.xml", section.name()),
                latest,
            ));
        }
    }
    let mut writer = Writer::new(Vec::with_capacity(4096));
    writer
        .get_mut()
        .extend_from_slice(br#"<?xml version="1.0" encoding="UTF-8"?>"#);
    writer
        .create_element("sitemapindex")
        .with_attribute(("xmlns", NAMESPACE))
        .write_inner_content(|w| {
            for (loc, latest) in &entries {
                w.create_element("sitemap").write_inner_content(|w| {
                    text_element(w, "loc", loc)?;
                    if let Some(at) = latest {
                        text_element(w, "lastmod", &w3c_day(*at))?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    Ok(String::from_utf8(writer.into_inner())?)
}

/// `GET /sitemaps/{section}-{n}.xml`: one sitemap.
pub async fn sitemap(State(state): State<ServerState>, Path(file): Path<String>) -> Response {
    let Some((section, number)) = file
        .strip_suffix(".xml")
        .and_then(|name| name.rsplit_once('-'))
        .and_then(|(section, n)| Some((Section::find(section)?, n.parse::<i64>().ok()?)))
        .filter(|(_, n)| *n >= 1)
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if section == Section::Hubs && number != 1 {
        return StatusCode::NOT_FOUND.into_response();
    }
    let db = state.app.db.clone();
    let site = state.app.site_url.to_string();
    let key = format!("/sitemaps/{}-{number}.xml", section.name());
    cached_document(&state, &key, async move {
        write_sitemap(&db, &site, section, number).await
    })
    .await
}

/// Writes sitemap `number` of `section`, reading the rows as they come.
async fn write_sitemap(
    db: &Db,
    site: &str,
    section: Section,
    number: i64,
) -> anyhow::Result<Vec<u8>> {
    let mut writer = Writer::new(Vec::with_capacity(64 * 1024));
    writer.get_mut().extend_from_slice(
        format!(r#"<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="{NAMESPACE}">"#).as_bytes(),
    );
    if section == Section::Hubs {
        for path in fixed_paths() {
            url_entry(&mut writer, &format!("{site}{path}"), None)?;
        }
    }
    let sql = format!(
        "{} limit {URLS_PER_SITEMAP} offset {}",
        section.list_sql(),
        (number - 1) * URLS_PER_SITEMAP
    );
    let mut rows = sqlx::query(&sql).bind(now()).fetch(db.read());
    while let Some(row) = rows.try_next().await? {
        let path: String = row.try_get("path")?;
        let path = if section == Section::Jobs {
            let slug: String = row.try_get("slug")?;
            job_href(path.parse()?, &slug)
        } else {
            path
        };
        let lastmod: Option<i64> = row.try_get("lastmod")?;
        url_entry(&mut writer, &format!("{site}{path}"), lastmod)?;
    }
    writer.get_mut().extend_from_slice(b"</urlset>");
    Ok(writer.into_inner())
}

/// `GET /robots.txt`: everything public may be crawled; accounts, forms and the API may not.
pub async fn robots(State(state): State<ServerState>) -> Response {
    let body = format!(
        // Rules match by prefix, so only prefixes no public page shares are listed; the writers' pages
        // (`/news/new`, `/news/desk`, edit pages) carry `noindex` instead.
        "User-agent: *\nDisallow: /api/\nDisallow: /account\nDisallow: /dashboard\nDisallow: /saved-jobs\n\
         Disallow: /signin\nDisallow: /register\nDisallow: /invitations/\nDisallow: /uploads/\n\n\
         Sitemap: {}/sitemap.xml\n",
        state.app.site_url
    );
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=86400"),
            ),
        ],
        body,
    )
        .into_response()
}
