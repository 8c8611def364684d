//! Feeds in RSS 2.0 and Atom: all news, each category and tag, any job search and each company's jobs. Written
//! with the `rss` and `atom_syndication` crates; the rendered documents are kept in a versioned cache, so a feed
//! reader polling every minute costs one cache lookup.

use std::collections::HashMap;

use app::{
    address::job_href,
    backend::{
        articles::{self as store, Scope},
        cache::Reading,
        companies,
        db::{Db, now},
        jobs,
    },
    jobs::{JobsQuery, filter_of},
};
use axum::{
    extract::{Path, Query, State},
    http::{HeaderValue, StatusCode, Uri, header},
    response::{IntoResponse, Response},
};
use chrono::{DateTime, FixedOffset};
use hubboard::article::Kind;

use crate::state::ServerState;

/// Items in a feed.
pub const FEED_ITEMS: i64 = 50;

/// RSS 2.0 or Atom, from the address's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Rss,
    Atom,
}

impl Format {
    fn content_type(self) -> &'static str {
        match self {
            Format::Rss => "application/rss+xml; charset=utf-8",
            Format::Atom => "application/atom+xml; charset=utf-8",
        }
    }
}

/// Splits `name.rss` or `name.atom` into the name and the format.
fn split_file(file: &str) -> Option<(&str, Format)> {
    let (name, extension) = file.rsplit_once('.')?;
    let format = match extension {
        "rss" => Format::Rss,
        "atom" => Format::Atom,
        _ => return None,
    };
    Some((name, format))
}

/// One entry of a feed.
struct Item {
    title: String,
    /// Absolute.
    url: String,
    summary: String,
    author: Option<String>,
    categories: Vec<String>,
    published: i64,
    updated: i64,
}

/// A feed before it is written in one format or the other.
struct Feed {
    title: String,
    description: String,
    /// The page the feed follows, absolute.
    page_url: String,
    /// The feed's own address, absolute.
    self_url: String,
    items: Vec<Item>,
}

/// Plain text made safe to read as HTML.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn moment(at: i64) -> DateTime<FixedOffset> {
    DateTime::from_timestamp(at, 0)
        .unwrap_or_default()
        .fixed_offset()
}

impl Feed {
    fn rss(&self) -> String {
        let channel = rss::Channel {
            title: self.title.clone(),
            link: self.page_url.clone(),
            description: self.description.clone(),
            language: Some("en-gb".into()),
            last_build_date: self
                .items
                .iter()
                .map(|i| i.updated)
                .max()
                .map(|at| moment(at).to_rfc2822()),
            generator: Some("Hubboard".into()),
            ttl: Some("15".into()),
            items: self
                .items
                .iter()
                .map(|item| rss::Item {
                    title: Some(item.title.clone()),
                    link: Some(item.url.clone()),
                    // Readers take an RSS description as HTML; the summary is plain text, so it is escaped.
                    description: Some(escape_html(&item.summary)),
                    author: item.author.clone(),
                    categories: item
                        .categories
                        .iter()
                        .map(|c| rss::Category {
                            name: c.clone(),
                            domain: None,
                        })
                        .collect(),
                    guid: Some(rss::Guid {
                        value: item.url.clone(),
                        permalink: true,
                    }),
                    pub_date: Some(moment(item.published).to_rfc2822()),
                    ..rss::Item::default()
                })
                .collect(),
            ..rss::Channel::default()
        };
        channel.to_string()
    }

    fn atom(&self) -> String {
        let link = |href: &str, rel: &str, mime: Option<&str>| atom_syndication::Link {
            href: href.to_owned(),
            rel: rel.to_owned(),
            mime_type: mime.map(str::to_owned),
            ..atom_syndication::Link::default()
        };
        let feed = atom_syndication::Feed {
            title: atom_syndication::Text::plain(self.title.clone()),
            id: self.self_url.clone(),
            updated: moment(self.items.iter().map(|i| i.updated).max().unwrap_or(0)),
            subtitle: Some(atom_syndication::Text::plain(self.description.clone())),
            links: vec![
                link(&self.page_url, "alternate", Some("text/html")),
                link(&self.self_url, "self", Some("application/atom+xml")),
            ],
            generator: Some(atom_syndication::Generator {
                value: "Hubboard".into(),
                ..atom_syndication::Generator::default()
            }),
            entries: self
                .items
                .iter()
                .map(|item| atom_syndication::Entry {
                    title: atom_syndication::Text::plain(item.title.clone()),
                    id: item.url.clone(),
                    updated: moment(item.updated),
                    published: Some(moment(item.published)),
                    authors: item
                        .author
                        .iter()
                        .map(|name| atom_syndication::Person {
                            name: name.clone(),
                            ..atom_syndication::Person::default()
                        })
                        .collect(),
                    categories: item
                        .categories
                        .iter()
                        .map(|c| atom_syndication::Category {
                            term: c.clone(),
                            ..atom_syndication::Category::default()
                        })
                        .collect(),
                    links: vec![link(&item.url, "alternate", Some("text/html"))],
                    summary: Some(atom_syndication::Text::plain(item.summary.clone())),
                    ..atom_syndication::Entry::default()
                })
                .collect(),
            ..atom_syndication::Feed::default()
        };
        feed.to_string()
    }

    fn render(&self, format: Format) -> String {
        match format {
            Format::Rss => self.rss(),
            Format::Atom => self.atom(),
        }
    }
}

/// The feed of public articles in `scope`.
async fn article_feed(
    db: &Db,
    site: &str,
    scope: &Scope,
    title: String,
    description: String,
    page: String,
    self_path: &str,
) -> Result<Feed, sqlx::Error> {
    let (summaries, _) = store::public(db, scope, now(), FEED_ITEMS, 0).await?;
    Ok(Feed {
        title,
        description,
        page_url: format!("{site}{page}"),
        self_url: format!("{site}{self_path}"),
        items: summaries
            .into_iter()
            .map(|s| {
                let published = s.publish_at.unwrap_or(s.updated_at);
                Item {
                    title: s.title,
                    url: format!("{site}/news/{}", s.slug),
                    summary: s.standfirst,
                    author: Some(s.author_name),
                    categories: vec![s.kind.label().to_owned()],
                    published,
                    updated: s.updated_at.max(published),
                }
            })
            .collect(),
    })
}

/// The feed of open jobs given by a storage filter.
async fn job_feed(
    db: &Db,
    site: &str,
    filter: &jobs::Filter,
    title: String,
    page: String,
    self_path: &str,
) -> Result<Feed, sqlx::Error> {
    let (listings, _) = jobs::search(db, filter, jobs::Sort::Newest, FEED_ITEMS, 0).await?;
    Ok(Feed {
        description: format!("{title}: the newest open jobs first."),
        title,
        page_url: format!("{site}{page}"),
        self_url: format!("{site}{self_path}"),
        items: listings
            .into_iter()
            .map(|j| {
                let published = j.published_at.unwrap_or_default();
                let card = app::jobs::card(j.clone());
                Item {
                    url: format!("{site}{}", job_href(j.id, &j.slug)),
                    summary: format!(
                        "{} · {} · {} · {} · closes {}",
                        card.company_name, card.place, card.workplace, card.salary, card.closes
                    ),
                    title: format!("{} at {}", j.title, j.company_name),
                    author: Some(j.company_name),
                    categories: vec![card.employment_type],
                    published,
                    updated: published,
                }
            })
            .collect(),
    })
}

/// Answers with the feed at this address from the cache while what it shows is unchanged, or built by `build`.
async fn cached_feed<F>(state: &ServerState, uri: &Uri, format: Format, build: F) -> Response
where
    F: Future<Output = Result<Option<Feed>, sqlx::Error>> + Send + 'static,
{
    let app = &state.app;
    let reading = match app.versions.get(&app.db).await {
        Ok(versions) => Reading::outside_requests(versions, app.versions.clone()),
        Err(error) => return unavailable(error),
    };
    let body = app
        .caches
        .feeds
        .get_or_load(uri.to_string(), &reading, move || async move {
            build
                .await
                // Feeds are mostly markup, which LZ4 shrinks about fivefold and restores in microseconds.
                .map(|feed| {
                    feed.map(|feed| {
                        lz4_flex::compress_prepend_size(feed.render(format).as_bytes())
                            .into_boxed_slice()
                    })
                })
                .map_err(app::AppError::from)
        })
        .await;
    match body.as_deref() {
        Ok(Some(packed)) => match lz4_flex::decompress_size_prepended(packed) {
            Ok(body) => (
                [
                    (
                        header::CONTENT_TYPE,
                        HeaderValue::from_static(format.content_type()),
                    ),
                    (
                        header::CACHE_CONTROL,
                        HeaderValue::from_static("public, max-age=300"),
                    ),
                ],
                body,
            )
                .into_response(),
            Err(error) => {
                tracing::error!(%error, "a kept feed could not be restored");
                unavailable_answer()
            }
        },
        Ok(None) => (StatusCode::NOT_FOUND, "There is no such feed.").into_response(),
        Err(_) => unavailable_answer(),
    }
}

fn unavailable(error: sqlx::Error) -> Response {
    tracing::error!(%error, "reading a feed failed");
    unavailable_answer()
}

fn unavailable_answer() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        "The feed is unavailable right now. Please try again shortly.",
    )
        .into_response()
}

/// `GET /feeds/{file}`: all news (`news.rss`, `news.atom`), infographics, or the jobs of a search
/// (`jobs.rss?q=…&sector=…`, the parameters of `/jobs`).
pub async fn top_level(
    State(state): State<ServerState>,
    Path(file): Path<String>,
    Query(params): Query<HashMap<String, String>>,
    uri: Uri,
) -> Response {
    let Some((name, format)) = split_file(&file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let db = state.app.db.clone();
    let site = state.app.site_url.to_string();
    let self_path = uri.to_string();
    match name {
        "news" => {
            cached_feed(&state, &uri, format, async move {
                article_feed(
                    &db,
                    &site,
                    &Scope::All,
                    "Hubboard news".into(),
                    "News, features and infographics about the companies and jobs of the sector."
                        .into(),
                    "/news".into(),
                    &self_path,
                )
                .await
                .map(Some)
            })
            .await
        }
        "infographics" => {
            cached_feed(&state, &uri, format, async move {
                article_feed(
                    &db,
                    &site,
                    &Scope::Kind(Kind::Infographic),
                    "Hubboard infographics".into(),
                    "The sector in charts, each with the data behind it in words.".into(),
                    "/infographics".into(),
                    &self_path,
                )
                .await
                .map(Some)
            })
            .await
        }
        "jobs" => {
            let query = JobsQuery::from_params(|key| params.get(key).cloned().unwrap_or_default());
            let filter = filter_of(&query, now());
            let words = query.q.trim().to_owned();
            let title = if words.is_empty() {
                "Jobs on Hubboard".to_owned()
            } else {
                format!(
                    "Jobs matching “{}” on Hubboard",
                    words.chars().take(80).collect::<String>()
                )
            };
            let page = match uri.query() {
                Some(q) if !q.is_empty() => format!("/jobs?{q}"),
                _ => "/jobs".to_owned(),
            };
            cached_feed(&state, &uri, format, async move {
                job_feed(&db, &site, &filter, title, page, &self_path)
                    .await
                    .map(Some)
            })
            .await
        }
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

/// `GET /feeds/categories/{slug}.rss|atom` and `/feeds/tags/{slug}.rss|atom`: a category's or tag's articles.
pub async fn hub(
    State(state): State<ServerState>,
    Path((kind, file)): Path<(String, String)>,
    uri: Uri,
) -> Response {
    let Some((slug, format)) = split_file(&file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let db = state.app.db.clone();
    let site = state.app.site_url.to_string();
    let self_path = uri.to_string();
    let slug = slug.to_owned();
    match kind.as_str() {
        "categories" => {
            let Some(sector) = hubboard::Sector::find(&slug) else {
                return (StatusCode::NOT_FOUND, "There is no such feed.").into_response();
            };
            cached_feed(&state, &uri, format, async move {
                article_feed(
                    &db,
                    &site,
                    &Scope::Category(sector.slug.to_owned()),
                    format!("{} on Hubboard", sector.name),
                    format!(
                        "News about {} and the companies in it.",
                        sector.name.to_lowercase()
                    ),
                    format!("/categories/{}", sector.slug),
                    &self_path,
                )
                .await
                .map(Some)
            })
            .await
        }
        "tags" => {
            cached_feed(&state, &uri, format, async move {
                let Some(tag) = store::tag(&db, &slug).await? else {
                    return Ok(None);
                };
                article_feed(
                    &db,
                    &site,
                    &Scope::Tag(tag.slug.clone()),
                    format!("Tagged “{}” on Hubboard", tag.name),
                    format!("News tagged {}.", tag.name),
                    format!("/tags/{}", tag.slug),
                    &self_path,
                )
                .await
                .map(Some)
            })
            .await
        }
        "companies" => {
            cached_feed(&state, &uri, format, async move {
                let Some(company) = companies::by_slug(&db, &slug).await? else {
                    return Ok(None);
                };
                if company.status != companies::Status::Approved {
                    return Ok(None);
                }
                let filter = jobs::Filter {
                    company_id: Some(company.id),
                    ..jobs::Filter::default()
                };
                job_feed(
                    &db,
                    &site,
                    &filter,
                    format!("Jobs at {}", company.name),
                    format!("/companies/{}", company.slug),
                    &self_path,
                )
                .await
                .map(Some)
            })
            .await
        }
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_descriptions_are_escaped_plain_text() {
        assert_eq!(
            escape_html("Leeds <script>alert(\"x\")</script> & co"),
            "Leeds &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co"
        );
    }

    #[test]
    fn file_names_give_the_format() {
        assert_eq!(split_file("news.rss"), Some(("news", Format::Rss)));
        assert_eq!(
            split_file("remote-work.atom"),
            Some(("remote-work", Format::Atom))
        );
        assert_eq!(split_file("news.xml"), None);
        assert_eq!(split_file("news"), None);
    }

    #[test]
    fn both_formats_carry_every_item() {
        let feed = Feed {
            title: "T & <b>".into(),
            description: "D".into(),
            page_url: "https://hub.example/news".into(),
            self_url: "https://hub.example/feeds/news.rss".into(),
            items: vec![Item {
                title: "A <script>".into(),
                url: "https://hub.example/news/a".into(),
                summary: "S".into(),
                author: Some("W".into()),
                categories: vec!["News".into()],
                published: 1_700_000_000,
                updated: 1_700_000_100,
            }],
        };
        let rss: rss::Channel = feed.rss().parse().unwrap();
        assert_eq!(rss.items.len(), 1);
        assert_eq!(rss.items[0].title.as_deref(), Some("A <script>"));
        let atom: atom_syndication::Feed = feed.atom().parse().unwrap();
        assert_eq!(atom.entries.len(), 1);
        assert_eq!(atom.title.value, "T & <b>");
    }
}
