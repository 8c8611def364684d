//! News and intelligence: articles linked to companies and jobs, the lists and hubs that show them, and the
//! editors' and companies' ways of writing them.

use hubboard::article::{ArticleInput, Tag};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::{
    backend::{
        self,
        articles::{self as store, Relation, Scope, Status},
        companies as company_store,
        db::now,
        jobs as job_store,
        moderation::Audit,
        users::User,
    },
    companies::{card as company_card, logo_url},
    jobs::card as job_card,
    moderation::decide,
    policy::{self, Action, Standing},
};
use crate::{companies::CompanyCard, error::AppError, jobs::JobCard};
#[cfg(feature = "ssr")]
use hubboard::{
    DomainError,
    article::Kind,
    day::Day,
    moderation::{Decision, Queue},
};
#[cfg(feature = "ssr")]
use server_fn::ServerFn;

/// Articles on one page of a list.
pub const PAGE_SIZE: u32 = 20;
/// Articles in the sidebar's *Latest intelligence*.
pub const LATEST_IN_BOX: usize = 5;

/// An article as one entry of a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleCard {
    pub slug: String,
    pub href: String,
    pub title: String,
    pub standfirst: String,
    /// `news`, `feature` or `infographic`.
    pub kind: String,
    pub kind_label: String,
    pub author_name: String,
    /// The publication day for people, and as `YYYY-MM-DD`; empty when not scheduled.
    pub date: String,
    pub date_iso: String,
    /// The small rendition of the image, if it has one.
    pub thumb: Option<String>,
    /// The wide rendition of the image, for a lead story.
    pub picture: Option<String>,
    pub image_alt: String,
    /// `draft`, `submitted`, `published`, `rejected`, or `scheduled` for a published one not yet due.
    pub status: String,
    pub decision_reason: Option<String>,
}

/// A company linked from an article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyLink {
    pub slug: String,
    pub name: String,
    pub tagline: String,
    pub logo: Option<String>,
    /// `about` or `mentions`.
    pub relation: String,
}

/// An article's picture.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Picture {
    pub wide: String,
    pub thumb: String,
    pub alt: String,
}

/// Everything an article's page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleView {
    pub id: i64,
    pub slug: String,
    pub kind: String,
    pub kind_label: String,
    pub title: String,
    pub standfirst: String,
    /// Sanitised when saved; safe to insert as HTML.
    pub body_html: String,
    pub data_text: String,
    pub author_name: String,
    pub date: String,
    pub date_iso: String,
    pub source_url: Option<String>,
    pub source_domain: String,
    /// (slug, name) of each category.
    pub categories: Vec<(String, String)>,
    pub tags: Vec<Tag>,
    pub companies: Vec<CompanyLink>,
    /// Jobs the article links to, still open.
    pub linked_jobs: Vec<JobCard>,
    /// Other open jobs at the companies in the story.
    pub company_jobs: Vec<JobCard>,
    pub picture: Option<Picture>,
    pub page_url: String,
    pub picture_url_absolute: Option<String>,
    /// (label, address) of each way to share it.
    pub share: Vec<(String, String)>,
    /// Schema.org `NewsArticle` data, safe to place in a script element.
    pub json_ld: String,
    /// As on [`ArticleCard::status`].
    pub status: String,
    pub decision_reason: Option<String>,
    pub can_edit: bool,
    pub can_publish: bool,
}

/// One page of a list of articles.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleList {
    pub cards: Vec<ArticleCard>,
    pub total: i64,
    pub page: u32,
    pub pages: u32,
}

/// A tag's or category's page: the articles, companies and jobs that carry it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HubView {
    /// `tag` or `category`.
    pub kind: String,
    pub slug: String,
    pub name: String,
    pub articles: Vec<ArticleCard>,
    pub total_articles: i64,
    pub companies: Vec<CompanyCard>,
    pub jobs: Vec<JobCard>,
}

/// What the signed-in user may write, for the new-article page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WriterRights {
    /// An editor (moderator or admin) writes for the site and publishes.
    pub is_editor: bool,
    /// The approved companies the user may submit stories about: (id, name).
    pub companies: Vec<(i64, String)>,
}

/// An article as its writer edits it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleEditData {
    pub id: i64,
    pub slug: String,
    pub input: ArticleInput,
    pub status: String,
    pub decision_reason: Option<String>,
    /// The schedule as a `datetime-local` value (UTC), and for people.
    pub publish_at: String,
    pub publish_at_text: String,
    pub picture: Option<Picture>,
    pub is_editor: bool,
    /// The rendered body, as the public page will show it.
    pub preview_html: String,
}

/// One result of the link picker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkTarget {
    /// `company` or `job`.
    pub kind: String,
    /// What goes into the links box: a company's address or a job's number.
    pub value: String,
    pub label: String,
}

/// A status for people.
pub fn status_label(status: &str) -> &'static str {
    match status {
        "draft" => "Draft",
        "submitted" => "Waiting for review",
        "published" => "Published",
        "scheduled" => "Scheduled",
        "rejected" => "Not accepted",
        _ => "Unknown",
    }
}

/// The address of an article's picture rendition (`wide` or `thumb`).
pub fn picture_url(article_id: i64, version: i64, size: &str) -> String {
    format!("/article-images/{article_id}/{version}/{size}")
}

/// `YYYY-MM-DDTHH:MM:SSZ` for machines.
#[cfg(feature = "ssr")]
fn iso_moment(at: i64) -> String {
    format!("{}:00Z", hubboard::article::format_moment(at))
}

#[cfg(feature = "ssr")]
fn public_status(status: Status, publish_at: Option<i64>, at: i64) -> String {
    match (status, publish_at) {
        (Status::Published, Some(p)) if p > at => "scheduled".to_owned(),
        _ => status.as_str().to_owned(),
    }
}

#[cfg(feature = "ssr")]
pub(crate) fn article_card(summary: &store::Summary, at: i64) -> ArticleCard {
    let day = summary.publish_at.map(Day::from_unix);
    ArticleCard {
        href: format!("/news/{}", summary.slug),
        slug: summary.slug.clone(),
        title: summary.title.clone(),
        standfirst: summary.standfirst.clone(),
        kind: summary.kind.as_str().to_owned(),
        kind_label: summary.kind.label().to_owned(),
        author_name: summary.author_name.clone(),
        date: day.map(Day::long).unwrap_or_default(),
        date_iso: day.map(Day::iso).unwrap_or_default(),
        thumb: summary
            .image_version
            .map(|v| picture_url(summary.id, v, "thumb")),
        picture: summary
            .image_version
            .map(|v| picture_url(summary.id, v, "wide")),
        image_alt: summary.image_alt.clone(),
        status: public_status(summary.status, summary.publish_at, at),
        decision_reason: summary.decision_reason.clone(),
    }
}

/// Schema.org `NewsArticle` data: the companies it is about and mentions point at their profiles' `Organization`.
#[cfg(feature = "ssr")]
fn news_article_json_ld(article: &store::Article, site: &str, picture: Option<&str>) -> String {
    let organisation = |c: &store::LinkedCompany| {
        serde_json::json!({
            "@type": "Organization",
            "@id": format!("{site}/companies/{}#organization", c.slug),
            "name": c.name,
            "url": format!("{site}/companies/{}", c.slug),
        })
    };
    let linked = |relation: Relation| -> Vec<serde_json::Value> {
        article
            .companies
            .iter()
            .filter(|c| c.approved && c.relation == relation)
            .map(organisation)
            .collect()
    };
    let published = article.publish_at.unwrap_or(article.created_at);
    let mut data = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.standfirst,
        "datePublished": iso_moment(published),
        "dateModified": iso_moment(article.updated_at.max(published)),
        "author": { "@type": "Person", "name": article.author_name },
        "publisher": { "@type": "Organization", "name": "Hubboard", "url": site },
        "mainEntityOfPage": format!("{site}/news/{}", article.slug),
        "articleSection": article.categories.iter().map(|c| c.name).collect::<Vec<_>>(),
        "keywords": article.tags.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
    });
    let about = linked(Relation::About);
    if !about.is_empty() {
        data["about"] = serde_json::Value::from(about);
    }
    let mentions = linked(Relation::Mentions);
    if !mentions.is_empty() {
        data["mentions"] = serde_json::Value::from(mentions);
    }
    if let Some(picture) = picture {
        data["image"] = serde_json::Value::from(vec![picture]);
    }
    // Made safe for its script element by `JsonLd`.
    data.to_string()
}

#[cfg(feature = "ssr")]
fn share_links(page_url: &str, title: &str) -> Vec<(String, String)> {
    let enc = |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    let (u, t) = (enc(page_url), enc(title));
    vec![
        (
            "LinkedIn".into(),
            format!("https://www.linkedin.com/sharing/share-offsite/?url={u}"),
        ),
        (
            "X".into(),
            format!("https://x.com/intent/post?url={u}&text={t}"),
        ),
        (
            "Facebook".into(),
            format!("https://www.facebook.com/sharer/sharer.php?u={u}"),
        ),
        (
            "Email".into(),
            format!("mailto:?subject={t}&body={u}").replace('+', "%20"),
        ),
    ]
}

/// The viewer's standing towards an article.
#[cfg(feature = "ssr")]
struct Writer {
    user: User,
    is_editor: bool,
}

#[cfg(feature = "ssr")]
impl Writer {
    async fn current() -> Result<Self, AppError> {
        let user = policy::signed_in_for(Action::UseAccount).await?;
        Ok(Self {
            is_editor: policy::allows(Some(user.role), Standing::Outsider, Action::Edit),
            user,
        })
    }

    /// An editor, or 403.
    fn editor(&self) -> Result<(), AppError> {
        policy::check(Some(self.user.role), Standing::Outsider, Action::Edit)
    }

    /// Whether they may change `article`: editors always, its writer while it is not public.
    fn may_edit(&self, article: &store::Article) -> Result<(), AppError> {
        policy::check(
            Some(self.user.role),
            standing(Some(&self.user), article),
            Action::EditStory,
        )?;
        if !self.is_editor && article.status == Status::Published {
            return Err(AppError::Refused(
                "This article is published; only the editors can change it now.".into(),
            ));
        }
        Ok(())
    }
}

/// What `user` is to `article`: its writer when they wrote it for their company.
#[cfg(feature = "ssr")]
pub fn standing(user: Option<&User>, article: &store::Article) -> Standing {
    match user {
        Some(user) if article.created_by == Some(user.id) && article.submitted_for.is_some() => {
            Standing::Writer
        }
        _ => Standing::Outsider,
    }
}

/// An article's page. Articles not yet public are shown only to the editors and their writer.
#[server(endpoint = "articles/page")]
pub async fn article_page(slug: String) -> Result<ArticleView, AppError> {
    let found = backend::cached(
        |c| &c.articles,
        slug.clone(),
        |db| async move { Ok(store::public_by_slug(&db, &slug).await?) },
    )
    .await?;
    let public = found.as_ref().as_ref().ok_or(AppError::NotFound)?;
    let article = &public.article;
    let at = now();
    let user = backend::current_user().await?;
    let role = user.as_ref().map(|u| u.role);
    let is_editor = policy::allows(role, Standing::Outsider, Action::Edit);
    let is_writer = standing(user.as_ref(), article) == Standing::Writer;
    if !article.is_public(at) {
        policy::reveal(role, standing(user.as_ref(), article), Action::EditStory)?;
    }
    let site = backend::state()?.site_url;
    let page_url = format!("{site}/news/{}", article.slug);
    let picture = article.image_version.map(|v| Picture {
        wide: picture_url(article.id, v, "wide"),
        thumb: picture_url(article.id, v, "thumb"),
        alt: article.image_alt.clone(),
    });
    let picture_url_absolute = picture.as_ref().map(|p| format!("{site}{}", p.wide));
    let source_domain = article
        .source_url
        .as_deref()
        .and_then(|u| hubboard::company::WebUrl::parse("source_url", u).ok())
        .map(|u| u.domain())
        .unwrap_or_default();
    let day = article.publish_at.map(Day::from_unix);
    Ok(ArticleView {
        id: article.id,
        json_ld: news_article_json_ld(article, &site, picture_url_absolute.as_deref()),
        share: share_links(&page_url, &article.title),
        page_url,
        picture_url_absolute,
        picture,
        slug: article.slug.clone(),
        kind: article.kind.as_str().to_owned(),
        kind_label: article.kind.label().to_owned(),
        title: article.title.clone(),
        standfirst: article.standfirst.clone(),
        body_html: article.body_html.clone(),
        data_text: article.data_text.clone(),
        author_name: article.author_name.clone(),
        date: day.map(Day::long).unwrap_or_default(),
        date_iso: day.map(Day::iso).unwrap_or_default(),
        source_url: article.source_url.clone(),
        source_domain,
        categories: article
            .categories
            .iter()
            .map(|c| (c.slug.to_owned(), c.name.to_owned()))
            .collect(),
        tags: article.tags.clone(),
        companies: article
            .companies
            .iter()
            .filter(|c| c.approved)
            .map(|c| CompanyLink {
                slug: c.slug.clone(),
                name: c.name.clone(),
                tagline: c.tagline.clone(),
                logo: c.logo_version.map(|v| logo_url(c.id, v, 64)),
                relation: c.relation.as_str().to_owned(),
            })
            .collect(),
        linked_jobs: public.linked_jobs.iter().cloned().map(job_card).collect(),
        company_jobs: public.company_jobs.iter().cloned().map(job_card).collect(),
        status: public_status(article.status, article.publish_at, at),
        decision_reason: article.decision_reason.clone(),
        can_edit: is_editor || (is_writer && article.status != Status::Published),
        can_publish: is_editor,
    })
}

#[cfg(feature = "ssr")]
async fn list(scope: Scope, page: u32) -> Result<ArticleList, AppError> {
    let page = page.clamp(1, 10_000);
    let at = now();
    let found = backend::cached(
        |c| &c.article_lists,
        (scope.clone(), page),
        move |db| async move {
            let offset = i64::from((page - 1) * PAGE_SIZE);
            Ok(store::public(&db, &scope, at, i64::from(PAGE_SIZE), offset).await?)
        },
    )
    .await?;
    let (summaries, total) = (&found.0, found.1);
    Ok(ArticleList {
        cards: summaries.iter().map(|s| article_card(s, at)).collect(),
        total,
        page,
        pages: u32::try_from(total.max(0))
            .unwrap_or(u32::MAX)
            .div_ceil(PAGE_SIZE),
    })
}

/// The latest news, features and infographics, a page at a time.
#[server(endpoint = "articles/latest")]
pub async fn news_list(page: u32) -> Result<ArticleList, AppError> {
    list(Scope::All, page).await
}

/// The infographics, a page at a time.
#[server(endpoint = "articles/infographics")]
pub async fn infographics_list(page: u32) -> Result<ArticleList, AppError> {
    list(Scope::Kind(Kind::Infographic), page).await
}

/// The sidebar's *Latest intelligence*.
#[server(endpoint = "articles/sidebar")]
pub async fn latest_intelligence() -> Result<Vec<ArticleCard>, AppError> {
    let mut cards = list(Scope::All, 1).await?.cards;
    cards.truncate(LATEST_IN_BOX);
    Ok(cards)
}

/// The articles linked to a company, for its profile.
#[server(endpoint = "articles/of-company")]
pub async fn company_news(company_id: i64) -> Result<Vec<ArticleCard>, AppError> {
    Ok(list(Scope::Company(company_id), 1).await?.cards)
}

/// A tag's or category's page (`kind` is `tag` or `category`).
#[server(endpoint = "articles/hub")]
pub async fn hub(kind: String, slug: String, page: u32) -> Result<HubView, AppError> {
    let at = now();
    let (scope, name) = match kind.as_str() {
        "category" => {
            let sector = hubboard::Sector::find(&slug).ok_or(AppError::NotFound)?;
            (
                Scope::Category(sector.slug.to_owned()),
                sector.name.to_owned(),
            )
        }
        "tag" => {
            let key = slug.clone();
            let tag = backend::cached(
                |c| &c.tags,
                slug.clone(),
                |db| async move { Ok(store::tag(&db, &key).await?) },
            )
            .await?;
            let tag = tag.as_ref().clone().ok_or(AppError::NotFound)?;
            (Scope::Tag(tag.slug), tag.name)
        }
        _ => return Err(AppError::NotFound),
    };
    let articles = list(scope.clone(), page).await?;
    let links = backend::cached(
        |c| &c.hub_links,
        scope.clone(),
        move |db| async move {
            Ok(match &scope {
                Scope::Tag(slug) => {
                    let (companies, jobs) = store::tag_links(&db, slug, at).await?;
                    let mut listed = company_store::approved_by_ids(&db, &companies).await?;
                    listed.sort_by_key(|c| companies.iter().position(|id| *id == c.id));
                    let mut open = job_store::open_by_ids(&db, &jobs).await?;
                    if open.len() < 6 {
                        let more = job_store::open_of_companies(&db, &companies, 6).await?;
                        open.extend(more.into_iter().filter(|j| !jobs.contains(&j.id)));
                    }
                    open.truncate(12);
                    (listed, open)
                }
                Scope::Category(sector) => (
                    company_store::approved_in_sector(&db, sector, 12).await?,
                    job_store::open_in_sector(&db, sector, 12).await?,
                ),
                _ => (Vec::new(), Vec::new()),
            })
        },
    )
    .await?;
    if articles.total == 0 && links.0.is_empty() && links.1.is_empty() && kind == "tag" {
        return Err(AppError::NotFound);
    }
    Ok(HubView {
        kind,
        slug,
        name,
        articles: articles.cards,
        total_articles: articles.total,
        companies: links
            .0
            .iter()
            .cloned()
            .map(|l| company_card(l, None))
            .collect(),
        jobs: links.1.iter().cloned().map(job_card).collect(),
    })
}

/// What the signed-in user may write: 401 when signed out, 403 for someone who is neither an editor nor in an
/// approved company's team.
#[server(endpoint = "articles/writer")]
pub async fn writer_options() -> Result<WriterRights, AppError> {
    writer_rights().await
}

#[cfg(feature = "ssr")]
async fn writer_rights() -> Result<WriterRights, AppError> {
    let writer = Writer::current().await?;
    let db = backend::db()?;
    let companies: Vec<(i64, String)> = company_store::of_member(&db, writer.user.id)
        .await?
        .into_iter()
        .filter(|(c, _)| c.status == company_store::Status::Approved)
        .map(|(c, _)| (c.id, c.name))
        .collect();
    // A member of a listed company writes for it; editors write for the site.
    let standing = if companies.is_empty() {
        Standing::Outsider
    } else {
        Standing::Member
    };
    policy::check(Some(writer.user.role), standing, Action::WriteStories)?;
    Ok(WriterRights {
        is_editor: writer.is_editor,
        companies,
    })
}

/// The articles not yet public that the user may work on: every one for editors, their own for company members.
#[server(endpoint = "articles/desk")]
pub async fn news_desk() -> Result<Vec<ArticleCard>, AppError> {
    let writer = Writer::current().await?;
    let db = backend::db()?;
    let at = now();
    let created_by = (!writer.is_editor).then_some(writer.user.id);
    Ok(store::unpublished(&db, created_by, at, 200)
        .await?
        .iter()
        .map(|s| article_card(s, at))
        .collect())
}

#[cfg(feature = "ssr")]
fn write_error(error: store::WriteError) -> AppError {
    match error {
        store::WriteError::SlugTaken => DomainError::new(
            "slug",
            "Another article has this address. Change the title or choose another address.",
        )
        .into(),
        store::WriteError::Db(e) => e.into(),
    }
}

/// Resolves the links typed into the form; each reference that names nothing is an error on its field.
#[cfg(feature = "ssr")]
async fn resolve_links(
    db: &backend::db::Db,
    draft: &hubboard::article::ArticleDraft,
    own_company: Option<i64>,
) -> Result<store::Links, AppError> {
    let mut links = store::Links::default();
    let mut errors = hubboard::FieldErrors::new();
    if let Some(company) = own_company {
        links.companies.push((company, Relation::About));
    }
    for (field, references, relation) in [
        ("about", &draft.about, Relation::About),
        ("mentions", &draft.mentions, Relation::Mentions),
    ] {
        for reference in references {
            match company_store::resolve(db, reference).await? {
                Some(id) => links.companies.push((id, relation)),
                None => {
                    errors.push(DomainError::new(
                        field,
                        format!(
                            "No company called “{}” is in the directory. Use its name or address as listed.",
                            reference.chars().take(60).collect::<String>()
                        ),
                    ));
                    break;
                }
            }
        }
    }
    for reference in &draft.jobs {
        let id = crate::jobs::job_id_of(
            reference
                .rsplit_once("/jobs/")
                .map_or(reference.as_str(), |(_, rest)| rest)
                .trim_start_matches('#'),
        );
        let job = match id {
            Some(id) => job_store::by_id(db, id).await?,
            None => None,
        };
        match job {
            Some(job) => links.jobs.push(job.id),
            None => {
                errors.push(DomainError::new(
                    "jobs",
                    format!(
                        "“{}” is not a job on this site. Give the job's number or its address.",
                        reference.chars().take(60).collect::<String>()
                    ),
                ));
                break;
            }
        }
    }
    errors.into_result().map_err(AppError::Invalid)?;
    Ok(links)
}

#[cfg(feature = "ssr")]
async fn remember_article_form(path: &str, form: &ArticleInput) {
    let mut values: Vec<(&str, &str)> = vec![
        ("title", &form.title),
        ("slug", &form.slug),
        ("kind", &form.kind),
        ("standfirst", &form.standfirst),
        ("body", &form.body),
        ("author_name", &form.author_name),
        ("source_url", &form.source_url),
        ("tags", &form.tags),
        ("data_text", &form.data_text),
        ("about", &form.about),
        ("mentions", &form.mentions),
        ("jobs", &form.jobs),
    ];
    values.extend(form.categories.iter().map(|c| ("categories", c.as_str())));
    backend::remember_form(path, &values).await;
}

/// Saves a new article as a draft. Editors write for the site; a company's member writes about their company
/// (`company_id`), and an editor reviews it once submitted. A form sent again (`once`, see `backend::once`) is
/// answered as the first time and saves nothing new.
#[server(endpoint = "articles/create")]
pub async fn create_article(
    form: ArticleInput,
    company_id: Option<i64>,
    once: Option<String>,
) -> Result<(), AppError> {
    let result = async {
        let writer = Writer::current().await?;
        let db = backend::db()?;
        backend::once::once(&db, writer.user.id, once.as_deref(), || async {
            let own_company = match company_id {
                Some(company) => {
                    // A member writes for their company while it is listed; the editors write for the site.
                    let role = company_store::role_of(&db, company, writer.user.id).await?;
                    let approved = company_store::by_id(&db, company)
                        .await?
                        .is_some_and(|c| c.status == company_store::Status::Approved);
                    let standing = if role.is_some() && approved {
                        Standing::Member
                    } else {
                        Standing::Outsider
                    };
                    policy::check(Some(writer.user.role), standing, Action::WorkForCompany)?;
                    Some(company)
                }
                None => {
                    writer.editor()?;
                    None
                }
            };
            let draft = form.parse().map_err(AppError::Invalid)?;
            backend::limit(&[(
                backend::rate_limit::STORIES_PER_ACCOUNT,
                &writer.user.id.to_string(),
            )])
            .await?;
            let links = resolve_links(&db, &draft, own_company).await?;
            let id = store::create(
                &db,
                &draft,
                &links,
                Status::Draft,
                own_company,
                Some(writer.user.id),
            )
            .await
            .map_err(write_error)?;
            tracing::info!(user.id = writer.user.id, article.id = id, "article drafted");
            Ok(format!("/news/{}/edit?notice=article-drafted", draft.slug))
        })
        .await
    }
    .await;
    match result {
        Ok(place) => {
            leptos_axum::redirect(&place);
            Ok(())
        }
        Err(error) => {
            remember_article_form(CreateArticle::PATH, &form).await;
            Err(error)
        }
    }
}

/// Saves changes to an article, keeping its status and schedule.
#[server(endpoint = "articles/update")]
pub async fn update_article(article_id: i64, form: ArticleInput) -> Result<(), AppError> {
    let result = async {
        let writer = Writer::current().await?;
        let db = backend::db()?;
        let article = store::by_id(&db, article_id)
            .await?
            .ok_or(AppError::NotFound)?;
        writer.may_edit(&article)?;
        let draft = form.parse().map_err(AppError::Invalid)?;
        let links = resolve_links(&db, &draft, article.submitted_for).await?;
        store::update(&db, article_id, &draft, &links)
            .await
            .map_err(write_error)?;
        tracing::info!(
            user.id = writer.user.id,
            article.id = article_id,
            "article saved"
        );
        Ok(draft.slug)
    }
    .await;
    match result {
        Ok(slug) => {
            leptos_axum::redirect(&format!("/news/{slug}/edit?notice=article-saved"));
            Ok(())
        }
        Err(error) => {
            remember_article_form(UpdateArticle::PATH, &form).await;
            Err(error)
        }
    }
}

/// Publishes an article now, or at `publish_at` (`YYYY-MM-DDTHH:MM`, UTC). Editors only; for a company's
/// submission this is its approval.
#[server(endpoint = "articles/publish")]
pub async fn publish_article(article_id: i64, publish_at: String) -> Result<(), AppError> {
    let writer = Writer::current().await?;
    writer.editor()?;
    let db = backend::db()?;
    let article = store::by_id(&db, article_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let at = now();
    let when = hubboard::article::parse_moment(&publish_at)
        .map_err(|e| AppError::Invalid(e.into()))?
        .unwrap_or(at);
    if article.kind == Kind::Infographic && article.image_version.is_none() {
        return Err(DomainError::new(
            "publish_at",
            "An infographic needs its image before it can be published. Upload it below.",
        )
        .into());
    }
    let from = [
        Status::Draft,
        Status::Submitted,
        Status::Rejected,
        Status::Published,
    ];
    // Publishing a company's submission approves it: its writer hears so.
    let notify = if article.status == Status::Submitted {
        decide::decision_mails(
            &db,
            decide::Audience::Writer(article.created_by),
            &format!("your story “{}”", article.title),
            backend::mail::Decision::Approved,
            None,
            "",
            &format!("/news/{}", article.slug),
        )
        .await?
    } else {
        Vec::new()
    };
    let audit = Audit::new(
        &writer.user,
        "article.publish",
        "article",
        article.id,
        &article.title,
    )
    .change(
        "status",
        article.status.as_str(),
        Status::Published.as_str(),
    )
    .waited_since(
        (article.status == Status::Submitted)
            .then_some(article.submitted_at.unwrap_or(article.updated_at)),
    );
    if !store::transition(
        &db,
        article_id,
        &from,
        store::Transition {
            to: Status::Published,
            publish_at: Some(when),
            decided_by: Some(writer.user.id),
            notify: &notify,
            audit: Some(&audit),
            ..Default::default()
        },
    )
    .await?
    {
        return Err(AppError::Refused(
            "This article changed while you were looking at it. Reload the page and try again."
                .into(),
        ));
    }
    tracing::info!(
        user.id = writer.user.id,
        article.id = article_id,
        publish_at = when,
        "article published"
    );
    let notice = if when > at {
        "article-scheduled"
    } else {
        "article-published"
    };
    leptos_axum::redirect(&format!("/news/{}?notice={notice}", article.slug));
    Ok(())
}

/// Takes a published or scheduled article down again, back to a draft. Editors only.
#[server(endpoint = "articles/unpublish")]
pub async fn unpublish_article(article_id: i64) -> Result<(), AppError> {
    let writer = Writer::current().await?;
    writer.editor()?;
    let db = backend::db()?;
    let article = store::by_id(&db, article_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !store::transition(
        &db,
        article_id,
        &[Status::Published],
        store::Transition {
            to: Status::Draft,
            decided_by: Some(writer.user.id),
            audit: Some(
                &Audit::new(
                    &writer.user,
                    "article.unpublish",
                    "article",
                    article.id,
                    &article.title,
                )
                .change("status", "published", "draft"),
            ),
            ..Default::default()
        },
    )
    .await?
    {
        return Err(AppError::Refused("This article is not published.".into()));
    }
    tracing::info!(
        user.id = writer.user.id,
        article.id = article_id,
        "article unpublished"
    );
    leptos_axum::redirect(&format!(
        "/news/{}/edit?notice=article-unpublished",
        article.slug
    ));
    Ok(())
}

/// Sends a company member's article to the editors.
#[server(endpoint = "articles/submit")]
pub async fn submit_article(article_id: i64) -> Result<(), AppError> {
    let writer = Writer::current().await?;
    let db = backend::db()?;
    let article = store::by_id(&db, article_id)
        .await?
        .ok_or(AppError::NotFound)?;
    writer.may_edit(&article)?;
    if article.submitted_for.is_none() {
        return Err(AppError::Refused(
            "Editors publish their articles directly.".into(),
        ));
    }
    if !store::transition(
        &db,
        article_id,
        &[Status::Draft, Status::Rejected],
        store::Transition {
            to: Status::Submitted,
            ..Default::default()
        },
    )
    .await?
    {
        return Err(AppError::Refused(
            "This article is already waiting for review.".into(),
        ));
    }
    tracing::info!(
        user.id = writer.user.id,
        article.id = article_id,
        "article submitted"
    );
    leptos_axum::redirect(&format!(
        "/news/{}/edit?notice=article-submitted",
        article.slug
    ));
    Ok(())
}

/// Refuses a company's submitted article with a reason its writer sees. Editors only.
#[server(endpoint = "articles/reject")]
pub async fn reject_article(article_id: i64, reason: String) -> Result<(), AppError> {
    let writer = Writer::current().await?;
    writer.editor()?;
    let decision = Decision::parse("reject", &reason, "")?;
    let decided = decide::item(&writer.user, Queue::Articles, article_id, &decision).await?;
    tracing::info!(
        user.id = writer.user.id,
        article.id = article_id,
        "article rejected"
    );
    leptos_axum::redirect(&format!("{}?notice=article-rejected", decided.href));
    Ok(())
}

/// The article as its writer edits it.
#[server(endpoint = "articles/edit-data")]
pub async fn article_for_edit(slug: String) -> Result<ArticleEditData, AppError> {
    let writer = Writer::current().await?;
    let db = backend::db()?;
    let article = store::by_slug(&db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    writer.may_edit(&article)?;
    let at = now();
    let lines = |relation: Relation| -> String {
        article
            .companies
            .iter()
            .filter(|c| c.relation == relation && Some(c.id) != article.submitted_for)
            .map(|c| c.slug.clone())
            .collect::<Vec<_>>()
            .join("\n")
    };
    Ok(ArticleEditData {
        id: article.id,
        slug: article.slug.clone(),
        input: ArticleInput {
            title: article.title.clone(),
            slug: article.slug.clone(),
            kind: article.kind.as_str().to_owned(),
            standfirst: article.standfirst.clone(),
            body: article.body.clone(),
            author_name: article.author_name.clone(),
            source_url: article.source_url.clone().unwrap_or_default(),
            categories: article
                .categories
                .iter()
                .map(|c| c.slug.to_owned())
                .collect(),
            tags: article
                .tags
                .iter()
                .map(|t| t.name.clone())
                .collect::<Vec<_>>()
                .join(", "),
            data_text: article.data_text.clone(),
            about: lines(Relation::About),
            mentions: lines(Relation::Mentions),
            jobs: article
                .jobs
                .iter()
                .map(|j| j.id.to_string())
                .collect::<Vec<_>>()
                .join("\n"),
        },
        status: public_status(article.status, article.publish_at, at),
        decision_reason: article.decision_reason.clone(),
        publish_at: article
            .publish_at
            .map(hubboard::article::format_moment)
            .unwrap_or_default(),
        publish_at_text: article
            .publish_at
            .map(|p| {
                format!(
                    "{} at {} UTC",
                    Day::from_unix(p).long(),
                    &hubboard::article::format_moment(p)[11..]
                )
            })
            .unwrap_or_default(),
        picture: article.image_version.map(|v| Picture {
            wide: picture_url(article.id, v, "wide"),
            thumb: picture_url(article.id, v, "thumb"),
            alt: article.image_alt.clone(),
        }),
        is_editor: writer.is_editor,
        preview_html: article.body_html.clone(),
    })
}

/// Companies and jobs matching `q`, for the link picker. Writers only.
#[server(endpoint = "articles/link-targets")]
pub async fn link_targets(q: String) -> Result<Vec<LinkTarget>, AppError> {
    writer_rights().await?;
    let q: String = q.trim().chars().take(100).collect();
    if q.chars().count() < 2 {
        return Ok(Vec::new());
    }
    let db = backend::db()?;
    let filter = company_store::Filter {
        text: q.clone(),
        ..company_store::Filter::default()
    };
    let (companies, _) = company_store::search(&db, &filter, 6, 0).await?;
    let mut targets: Vec<LinkTarget> = companies
        .into_iter()
        .map(|c| LinkTarget {
            kind: "company".into(),
            value: c.slug,
            label: c.name,
        })
        .collect();
    let jobs_filter = job_store::Filter {
        text: q,
        ..job_store::Filter::default()
    };
    let search = backend::state()?.search;
    let found =
        backend::search::find_open(&db, &search, &jobs_filter, job_store::Sort::Relevance, 6, 0)
            .await?;
    targets.extend(found.0.into_iter().map(|j| LinkTarget {
        kind: "job".into(),
        value: j.id.to_string(),
        label: format!("{} at {}", j.title, j.company_name),
    }));
    Ok(targets)
}
