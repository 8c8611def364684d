//! News and intelligence: the latest articles, an article's page, infographics, tag and category hubs, and the
//! writers' screens.

use hubboard::moderation::{REJECTION_REASONS, reason_label};
use hubboard::{
    SECTORS,
    article::{ArticleInput, Kind},
};
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};
use server_fn::ServerFn;

use crate::pending::pending_while;
use crate::{
    articles::{
        ArticleEditData, ArticleList, ArticleView, CreateArticle, HubView, LinkTarget,
        PublishArticle, RejectArticle, SubmitArticle, UnpublishArticle, UpdateArticle,
        WriterRights, article_for_edit, article_page, hub, infographics_list, link_targets,
        news_desk, news_list, status_label, writer_options,
    },
    auth::Auth,
    components::cards::{ArticleCardView, CompanyLogo, JobCardView},
    components::{
        form::{
            CheckboxGroup, FormAlert, Rule, SelectField, SentOnce, TextArea, TextField,
            action_error, field_error, flashed, flashed_all,
        },
        meta::{JsonLd, SocialMeta},
        pagination::pagination,
        picture::PictureField,
        report::ReportBox,
    },
    error::AppError,
    pages::errors::{ErrorPage, sign_in_first},
};

fn page_of_query() -> Memo<u32> {
    let query = use_query_map();
    Memo::new(move |_| {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse().ok())
            .unwrap_or(1)
            .max(1)
    })
}

#[component]
fn ArticleListView(list: ArticleList, base: &'static str, empty: &'static str) -> impl IntoView {
    if list.cards.is_empty() {
        return view! { <p class="empty-state">{empty}</p> }.into_any();
    }
    view! {
        <ul class="card-list">
            {list.cards.into_iter().map(|card| view! { <li><ArticleCardView card/></li> }).collect_view()}
        </ul>
        {pagination(list.pages, list.page, move |page| if page > 1 { format!("{base}?page={page}") } else { base.to_owned() })}
    }
    .into_any()
}

/// Links for writers above the news list: write, and the desk of articles not yet public.
#[component]
fn WriterLinks() -> impl IntoView {
    let auth = expect_context::<Auth>();
    // Waits for the signed-in user rather than reading it when this resource starts: while the server renders the
    // page, the user may not have loaded yet at that moment, and the links would then be left out for a writer.
    let rights = Resource::new(
        move || auth.revision(),
        pending_while(move |_| async move {
            match auth.user.await {
                Ok(Some(_)) => writer_options().await.ok(),
                _ => None,
            }
        }),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                rights.await.map(|rights| {
                    let write = if rights.is_editor { "Write an article" } else { "Submit a story about your company" };
                    view! {
                        <p class="writer-links">
                            <a class="button" href="/news/new">{write}</a>
                            " "
                            <a class="button button-secondary" href="/news/desk">"Articles in progress"</a>
                        </p>
                    }
                })
            })}
        </Suspense>
    }
}

/// `/news`: the latest articles.
#[component]
pub fn NewsPage() -> impl IntoView {
    super::shared_with_visitors();
    let page = page_of_query();
    let list = Resource::new(move || page.get(), pending_while(news_list));
    view! {
        <SocialMeta title="News" description="Reporting on the sector: who is hiring, what is changing and what it means for the people who work in it."/>
        <Link rel="alternate" type_="application/rss+xml" title="Hubboard news (RSS)" href="/feeds/news.rss"/>
        <Link rel="alternate" type_="application/atom+xml" title="Hubboard news (Atom)" href="/feeds/news.atom"/>
        <div class="section-heading">
            <h1>"News"</h1>
            <p class="feed-links">
                <a href="/alerts">"Email alerts"</a>" · "<a href="/feeds/news.rss">"RSS"</a>" · "<a href="/feeds/news.atom">"Atom"</a>
            </p>
        </div>
        <p class="standfirst">"Reporting on the sector: who is hiring, what is changing and what it means for the people who work in it."</p>
        <WriterLinks/>
        <Suspense fallback=|| view! { <p>"Loading articles…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => view! { <ArticleListView list base="/news" empty="No articles have been published yet."/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/infographics`: the charts, as a gallery.
#[component]
pub fn InfographicsPage() -> impl IntoView {
    super::shared_with_visitors();
    let page = page_of_query();
    let list = Resource::new(move || page.get(), pending_while(infographics_list));
    view! {
        <SocialMeta title="Infographics" description="The sector in charts, each with the data behind it in words."/>
        <h1>"Infographics"</h1>
        <p class="standfirst">"The sector in charts, each with the data behind it in words."</p>
        <Suspense fallback=|| view! { <p>"Loading infographics…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) if list.cards.is_empty() => view! {
                        <p class="empty-state">"No infographics have been published yet."</p>
                    }.into_any(),
                    Ok(list) => view! {
                        <ul class="gallery">
                            {list.cards.into_iter().map(|card| view! {
                                <li>
                                    <a href=card.href.clone() class="gallery-item">
                                        {card.thumb.clone().map(|src| view! {
                                            <img src=src alt="" width=320 height=200 loading="lazy"/>
                                        })}
                                        <span class="gallery-title">{card.title.clone()}</span>
                                    </a>
                                    <p class="card-meta"><time datetime=card.date_iso.clone()>{card.date.clone()}</time></p>
                                </li>
                            }).collect_view()}
                        </ul>
                        {pagination(list.pages, list.page, |page| if page > 1 { format!("/infographics?page={page}") } else { "/infographics".to_owned() })}
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/news/{slug}`: one article.
#[component]
pub fn ArticlePage() -> impl IntoView {
    super::shared_with_visitors();
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let article = Resource::new(move || slug.get(), pending_while(article_page));
    view! {
        <Suspense fallback=|| view! { <p>"Loading the article…"</p> }>
            {move || Suspend::new(async move {
                match article.await {
                    Ok(article) => view! { <ArticleBody article/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ArticleBody(article: ArticleView) -> impl IntoView {
    let public = article.status == "published";
    let about: Vec<_> = article
        .companies
        .iter()
        .filter(|c| c.relation == "about")
        .cloned()
        .collect();
    let mentioned: Vec<_> = article
        .companies
        .iter()
        .filter(|c| c.relation != "about")
        .cloned()
        .collect();
    let companies = article.companies.clone();
    let data_paragraphs: Vec<String> = article
        .data_text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    let is_infographic = article.kind == "infographic";
    view! {
        <SocialMeta
            title=article.title.clone()
            description=article.standfirst.clone()
            kind="article"
            url=article.page_url.clone()
            image=article.picture_url_absolute.clone()
            image_alt=article.picture.as_ref().map(|p| p.alt.clone())
        />
        <Meta property="article:published_time" content=article.date_iso.clone()/>
        {article.tags.iter().map(|t| view! { <Meta property="article:tag" content=t.name.clone()/> }).collect_view()}
        {(!public).then(|| view! { <Meta name="robots" content="noindex"/> })}
        <JsonLd json=article.json_ld.clone()/>

        {(!public).then(|| view! {
            <div class="alert alert-warning" role="status">
                <strong>{status_label(&article.status)}": "</strong>
                {match article.status.as_str() {
                    "scheduled" => format!("this article appears to the public on {}.", article.date),
                    "rejected" => format!(
                        "the editors did not accept this article. Reason: {}.",
                        article.decision_reason.as_deref().map(reason_label).unwrap_or("not given")
                    ),
                    _ => "only its writer and the editors can see this page.".to_owned(),
                }}
            </div>
        })}

        <article class="article" aria-labelledby="article-title">
            <p class="print-url">{article.page_url.clone()}</p>
            <header class="article-header">
                <p class="card-kicker">{article.kind_label.clone()}</p>
                <h1 id="article-title">{article.title.clone()}</h1>
                <p class="standfirst">{article.standfirst.clone()}</p>
                <p class="article-meta">
                    "By " {article.author_name.clone()}
                    {(!article.date.is_empty()).then(|| view! { " · " <time datetime=article.date_iso.clone()>{article.date.clone()}</time> })}
                </p>
                {(!article.categories.is_empty()).then(|| view! {
                    <p class="article-from">
                        "From: "
                        {article.categories.iter().enumerate().map(|(i, (slug, name))| view! {
                            {(i > 0).then_some(", ")}
                            <a href=format!("/categories/{slug}")>{name.clone()}</a>
                        }).collect_view()}
                    </p>
                })}
            </header>

            {article.picture.clone().map(|picture| view! {
                <figure class="article-picture">
                    <img src=picture.wide alt=picture.alt/>
                </figure>
            })}

            <div class="prose" inner_html=article.body_html.clone()></div>

            {(is_infographic && !data_paragraphs.is_empty()).then(|| view! {
                <section class="panel" aria-labelledby="data-title">
                    <h2 id="data-title">"The data in words"</h2>
                    {data_paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
                </section>
            })}

            {article.source_url.clone().map(|url| view! {
                <p class="source-link">
                    <a href=url target="_blank" rel="noopener noreferrer nofollow">
                        "Read the original in full at " {article.source_domain.clone()}
                        <span class="visually-hidden">" (opens in a new tab)"</span>
                    </a>
                </p>
            })}

            {(!article.tags.is_empty()).then(|| view! {
                <section aria-labelledby="tags-title" class="article-tags">
                    <h2 id="tags-title" class="small-heading">"Tags"</h2>
                    <ul class="tag-list">
                        {article.tags.iter().map(|t| view! { <li><a href=format!("/tags/{}", t.slug)>{t.name.clone()}</a></li> }).collect_view()}
                    </ul>
                </section>
            })}

            <nav aria-label="Share this article" class="article-share">
                <h2 class="small-heading">"Share"</h2>
                <ul>
                    {article.share.iter().map(|(label, href)| view! {
                        <li><a href=href.clone() target="_blank" rel="noopener noreferrer">{label.clone()}<span class="visually-hidden">" (opens in a new tab)"</span></a></li>
                    }).collect_view()}
                </ul>
            </nav>
        </article>

        {(!companies.is_empty()).then(|| view! {
            <section aria-labelledby="companies-title" class="story-companies">
                <h2 id="companies-title">"Companies in this story"</h2>
                <ul class="company-links">
                    {about.into_iter().chain(mentioned).map(|c| view! {
                        <li>
                            <CompanyLogo src=c.logo.clone() name=c.name.clone() size=64/>
                            <div>
                                <a href=format!("/companies/{}", c.slug)><strong>{c.name.clone()}</strong></a>
                                <span class="badge">{if c.relation == "about" { "Subject" } else { "Mentioned" }}</span>
                                <br/>
                                <span class="card-meta">{c.tagline.clone()}</span>
                            </div>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}

        {(!article.linked_jobs.is_empty()).then(|| view! {
            <section aria-labelledby="linked-jobs-title">
                <h2 id="linked-jobs-title">"Jobs in this story"</h2>
                <ul class="card-list">
                    {article.linked_jobs.iter().cloned().map(|card| view! { <li><JobCardView card/></li> }).collect_view()}
                </ul>
            </section>
        })}
        {(!article.company_jobs.is_empty()).then(|| view! {
            <section aria-labelledby="company-jobs-title">
                <h2 id="company-jobs-title">"Jobs at companies in this story"</h2>
                <ul class="card-list">
                    {article.company_jobs.iter().cloned().map(|card| view! { <li><JobCardView card/></li> }).collect_view()}
                </ul>
            </section>
        })}

        {(article.status == "published").then(|| view! { <ReportBox kind="article" id=article.id/> })}
        {(article.can_edit || article.can_publish).then(|| view! {
            <section class="panel" aria-labelledby="manage-title">
                <h2 id="manage-title">"Manage this article"</h2>
                <p><a class="button button-secondary" href=format!("/news/{}/edit", article.slug)>"Edit this article"</a></p>
            </section>
        })}
    }
}

/// `/tags/{slug}`: articles, companies and jobs carrying a tag.
#[component]
pub fn TagPage() -> impl IntoView {
    super::shared_with_visitors();
    view! { <HubPage kind="tag"/> }
}

/// `/categories/{slug}`: articles, companies and jobs in a category.
#[component]
pub fn CategoryPage() -> impl IntoView {
    super::shared_with_visitors();
    view! { <HubPage kind="category"/> }
}

#[component]
fn HubPage(kind: &'static str) -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let page = page_of_query();
    let data = Resource::new(
        move || (slug.get(), page.get()),
        pending_while(move |(slug, page)| hub(kind.to_owned(), slug, page)),
    );
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(hub) => view! { <HubBody hub/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn HubBody(hub: HubView) -> impl IntoView {
    let base = if hub.kind == "tag" {
        "tags"
    } else {
        "categories"
    };
    let feed = format!("/feeds/{base}/{}", hub.slug);
    let (heading, description) = if hub.kind == "tag" {
        (
            format!("Tagged “{}”", hub.name),
            format!("News, companies and jobs tagged {}.", hub.name),
        )
    } else {
        (
            hub.name.clone(),
            format!("News, companies and jobs in {}.", hub.name.to_lowercase()),
        )
    };
    let page_link = {
        let slug = hub.slug.clone();
        move |page: u32| {
            if page > 1 {
                format!("/{base}/{slug}?page={page}")
            } else {
                format!("/{base}/{slug}")
            }
        }
    };
    let pages = u32::try_from(hub.total_articles.max(0))
        .unwrap_or(u32::MAX)
        .div_ceil(crate::articles::PAGE_SIZE);
    let page = use_query_map()
        .read_untracked()
        .get("page")
        .and_then(|p| p.parse().ok())
        .unwrap_or(1);
    view! {
        <SocialMeta title=heading.clone() description=description.clone()/>
        <Link rel="alternate" type_="application/rss+xml" title=format!("{heading} (RSS)") href=format!("{feed}.rss")/>
        <Link rel="alternate" type_="application/atom+xml" title=format!("{heading} (Atom)") href=format!("{feed}.atom")/>
        <div class="section-heading">
            <h1>{heading.clone()}</h1>
            <p class="feed-links">
                <a href=format!("/alerts?{}={}", hub.kind, hub.slug)>"Email alerts"</a>" · "
                <a href=format!("{feed}.rss")>"RSS"</a>" · "<a href=format!("{feed}.atom")>"Atom"</a>
            </p>
        </div>
        <p class="standfirst">{description}</p>
        <section aria-labelledby="hub-articles-title">
            <h2 id="hub-articles-title">"Articles"</h2>
            {if hub.articles.is_empty() {
                view! { <p class="empty-state">"No articles here yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="card-list">
                        {hub.articles.into_iter().map(|card| view! { <li><ArticleCardView card/></li> }).collect_view()}
                    </ul>
                    {pagination(pages, page, page_link)}
                }.into_any()
            }}
        </section>
        <section aria-labelledby="hub-companies-title">
            <h2 id="hub-companies-title">"Companies"</h2>
            {if hub.companies.is_empty() {
                view! { <p class="empty-state">"No companies here yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="company-links">
                        {hub.companies.into_iter().map(|c| view! {
                            <li>
                                <CompanyLogo src=c.logo.clone() name=c.name.clone() size=64/>
                                <div>
                                    <a href=format!("/companies/{}", c.slug)><strong>{c.name.clone()}</strong></a>
                                    <br/>
                                    <span class="card-meta">{c.tagline.clone()}</span>
                                </div>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="hub-jobs-title">
            <h2 id="hub-jobs-title">"Jobs"</h2>
            {if hub.jobs.is_empty() {
                view! { <p class="empty-state">"No open jobs here right now."</p> }.into_any()
            } else {
                view! {
                    <ul class="card-list">
                        {hub.jobs.into_iter().map(|card| view! { <li><JobCardView card/></li> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// `/news/desk`: articles not yet public that the user may work on.
#[component]
pub fn NewsDeskPage() -> impl IntoView {
    let articles = Resource::new(|| (), pending_while(|_| news_desk()));
    view! {
        <Title text="Articles in progress"/>
        <Meta name="robots" content="noindex"/>
        <h1>"Articles in progress"</h1>
        <p>"Drafts, stories waiting for review, scheduled and returned articles. Submitted stories come first."</p>
        <p><a class="button" href="/news/new">"Write an article"</a></p>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match articles.await {
                    Ok(cards) if cards.is_empty() => view! { <p class="empty-state">"Nothing in progress."</p> }.into_any(),
                    Ok(cards) => view! {
                        <table class="table">
                            <caption class="visually-hidden">"Articles not yet public"</caption>
                            <thead><tr><th scope="col">"Title"</th><th scope="col">"Kind"</th><th scope="col">"Status"</th><th scope="col">"Appears"</th></tr></thead>
                            <tbody>
                                {cards.into_iter().map(|card| view! {
                                    <tr>
                                        <td><a href=format!("/news/{}/edit", card.slug)>{card.title.clone()}</a></td>
                                        <td data-label="Kind">{card.kind_label.clone()}</td>
                                        <td data-label="Status">{status_label(&card.status)}</td>
                                        <td data-label="Appears">{card.date.clone()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(AppError::Unauthorized) => sign_in_first("/news/desk"),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/news/new`: a new article.
#[component]
pub fn NewArticlePage() -> impl IntoView {
    let rights = Resource::new(|| (), pending_while(|_| writer_options()));
    view! {
        <Title text="Write an article"/>
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match rights.await {
                    Ok(rights) => view! { <NewArticle rights/> }.into_any(),
                    Err(AppError::Unauthorized) => sign_in_first("/news/new"),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn NewArticle(rights: WriterRights) -> impl IntoView {
    let action = ServerAction::<CreateArticle>::new();
    let error = action_error(action);
    let input = ArticleInput {
        kind: "news".into(),
        ..ArticleInput::default()
    };
    let intro = if rights.is_editor {
        "Save a draft first: you can add a picture, preview and then publish or schedule it."
    } else {
        "Write about your company. Save a draft, add a picture if you have one, then submit it: an editor reviews every story before it is published."
    };
    let companies = rights.companies.clone();
    view! {
        <div class="form-page form-page-wide">
            <h1>"Write an article"</h1>
            <p>{intro}</p>
            <ActionForm action=action attr:class="stacked-form" attr:novalidate=true>
                <FormAlert error/>
                <SentOnce/>
                {(!rights.is_editor).then(|| {
                    let options: Vec<(String, String)> = companies.iter().map(|(id, name)| (id.to_string(), name.clone())).collect();
                    view! {
                        <SelectField name="company_id" id="article-company" label="The company this story is about"
                            options server_error=field_error(error, "company_id")/>
                    }
                })}
                <ArticleFields input action_path=CreateArticle::PATH error/>
                <button type="submit" class="button">"Save draft"</button>
            </ActionForm>
        </div>
    }
}

/// `/news/{slug}/edit`: the article, its picture, its preview and its publication.
#[component]
pub fn EditArticlePage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let data = Resource::new(move || slug.get(), pending_while(article_for_edit));
    view! {
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <EditArticle data/> }.into_any(),
                    Err(AppError::Unauthorized) => sign_in_first(&format!("/news/{}/edit", slug.get_untracked())),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EditArticle(data: ArticleEditData) -> impl IntoView {
    let action = ServerAction::<UpdateArticle>::new();
    let error = action_error(action);
    let picture_error = flashed("article-image", "error");
    let picture_alt = flashed("article-image", "image_alt").unwrap_or_else(|| {
        data.picture
            .as_ref()
            .map(|p| p.alt.clone())
            .unwrap_or_default()
    });
    let alt_error = flashed("article-image", "alt_error");
    let article_href = format!("/news/{}", data.slug);
    let status = data.status.clone();
    view! {
        <Title text=format!("Edit {}", data.input.title)/>
        <h1>"Edit article"</h1>
        <p>
            "Status: " <strong>{status_label(&status)}</strong>
            {(status == "scheduled").then(|| format!(" for {}", data.publish_at_text))}
            {data.decision_reason.clone().map(|r| format!(" (reason: {})", reason_label(&r)))}
            " · " <a href=article_href.clone()>"View the article page"</a>
            " · " <a href="/news/desk">"Articles in progress"</a>
        </p>

        <PublicationPanel data=data.clone()/>

        <section class="panel" aria-labelledby="picture-title" id="picture">
            <h2 id="picture-title">"Picture"</h2>
            {data.picture.clone().map(|p| view! { <img class="article-thumb" src=p.thumb alt=p.alt width=160 height=100/> })}
            <form method="post" action="/uploads/article-image" enctype="multipart/form-data" class="stacked-form">
                <input type="hidden" name="article_id" value=data.id.to_string()/>
                <PictureField
                    id="picture-file"
                    name="image"
                    label=if data.picture.is_some() { "Replace the picture" } else { "Upload a picture" }
                    hint="PNG, JPEG or WebP, at most 2 MB; 1200 pixels wide or more looks best. An infographic needs its chart here."
                    error=picture_error.clone()
                />
                <div class="field" class:field-invalid=alt_error.is_some()>
                    <label for="picture-alt">"Text alternative"</label>
                    <p class="field-hint" id="picture-alt-hint">"What the picture shows, for people who cannot see it. Required."</p>
                    <input
                        id="picture-alt"
                        type="text"
                        name="image_alt"
                        value=picture_alt
                        required=true
                        aria-invalid=alt_error.is_some().then_some("true")
                        aria-describedby=if alt_error.is_some() { "picture-alt-hint picture-alt-error" } else { "picture-alt-hint" }
                    />
                    <p class="field-error" id="picture-alt-error" aria-live="polite">{alt_error.clone()}</p>
                </div>
                <button type="submit" class="button">"Upload picture"</button>
            </form>
        </section>

        <section class="panel" aria-labelledby="content-title">
            <h2 id="content-title">"Content"</h2>
            <ActionForm action=action attr:class="stacked-form" attr:novalidate=true>
                <FormAlert error/>
                <input type="hidden" name="article_id" value=data.id.to_string()/>
                <ArticleFields input=data.input.clone() action_path=UpdateArticle::PATH error/>
                <button type="submit" class="button">"Save changes"</button>
            </ActionForm>
        </section>

        <section class="panel" aria-labelledby="preview-title">
            <h2 id="preview-title">"Preview"</h2>
            <p class="field-hint">"The text as it was last saved, as readers will see it."</p>
            <div class="prose preview" inner_html=data.preview_html.clone()></div>
        </section>
    }
}

/// Publish, schedule, unpublish, submit or reject, as the article's status and the viewer allow.
#[component]
fn PublicationPanel(data: ArticleEditData) -> impl IntoView {
    let publish = ServerAction::<PublishArticle>::new();
    let unpublish = ServerAction::<UnpublishArticle>::new();
    let submit = ServerAction::<SubmitArticle>::new();
    let reject = ServerAction::<RejectArticle>::new();
    let publish_error = action_error(publish);
    let reject_error = action_error(reject);
    let other_error = Signal::derive(move || {
        action_error(unpublish)
            .get()
            .or_else(|| action_error(submit).get())
    });
    let id = data.id.to_string();
    let status = data.status.clone();
    let is_public = status == "published" || status == "scheduled";
    let mut reasons = vec![(String::new(), "Choose a reason".to_owned())];
    reasons.extend(
        REJECTION_REASONS
            .iter()
            .map(|(c, l)| ((*c).to_owned(), (*l).to_owned())),
    );
    let editor_controls = data.is_editor.then(|| {
        let (id_a, id_b, id_c) = (id.clone(), id.clone(), id.clone());
        view! {
            <ActionForm action=publish attr:class="stacked-form" attr:novalidate=true>
                <FormAlert error=publish_error/>
                <input type="hidden" name="article_id" value=id_a/>
                <TextField name="publish_at" id="article-publish-at" label="Publish at (UTC)" input_type="datetime-local"
                    hint="Leave empty to publish now; a later time schedules the article."
                    value=data.publish_at.clone() server_error=field_error(publish_error, "publish_at")/>
                <button type="submit" class="button">{if is_public { "Update the publication time" } else { "Publish" }}</button>
            </ActionForm>
            {is_public.then(|| view! {
                <ActionForm action=unpublish attr:class="inline-form">
                    <input type="hidden" name="article_id" value=id_b/>
                    <button type="submit" class="button button-secondary">"Unpublish"</button>
                </ActionForm>
            })}
            {(status == "submitted").then(|| view! {
                <ActionForm action=reject attr:class="stacked-form" attr:novalidate=true>
                    <FormAlert error=reject_error/>
                    <input type="hidden" name="article_id" value=id_c/>
                    <SelectField name="reason" id="article-reject-reason" label="Reason for not accepting it"
                        options=reasons.clone() server_error=field_error(reject_error, "reason")/>
                    <button type="submit" class="button button-danger">"Reject"</button>
                </ActionForm>
            })}
        }
    });
    let writer_controls =
        (!data.is_editor && (status == "draft" || status == "rejected")).then(|| {
            view! {
                <ActionForm action=submit attr:class="inline-form">
                    <input type="hidden" name="article_id" value=id.clone()/>
                    <button type="submit" class="button">"Submit for review"</button>
                </ActionForm>
            }
        });
    view! {
        <section class="panel" aria-labelledby="publication-title">
            <h2 id="publication-title">"Publication"</h2>
            <FormAlert error=other_error/>
            {editor_controls}
            {writer_controls}
            {(!data.is_editor && status == "submitted").then(|| view! {
                <p>"An editor is reviewing this story. You can still correct it below."</p>
            })}
        </section>
    }
}

/// The article form's fields, filled with `input` (or what was typed, after a failed post without JavaScript).
#[component]
fn ArticleFields(
    input: ArticleInput,
    action_path: &'static str,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let value =
        |name: &str, stored: &str| flashed(action_path, name).unwrap_or_else(|| stored.to_owned());
    let categories_checked =
        flashed_all(action_path, "categories").unwrap_or_else(|| input.categories.clone());
    let kinds: Vec<(String, String)> = Kind::ALL
        .iter()
        .map(|k| (k.as_str().to_owned(), k.label().to_owned()))
        .collect();
    let categories: Vec<(String, String)> = SECTORS
        .iter()
        .map(|s| (s.slug.to_owned(), s.name.to_owned()))
        .collect();
    view! {
        <TextField name="form[title]" id="article-title-field" label="Title" required=true
            value=value("title", &input.title) server_error=field_error(error, "title")/>
        <TextField name="form[slug]" id="article-slug" label="Page address"
            hint="The last part of /news/…: lowercase letters, digits and hyphens. Leave empty to make it from the title."
            value=value("slug", &input.slug) server_error=field_error(error, "slug")/>
        <SelectField name="form[kind]" id="article-kind" label="Kind" options=kinds
            value=value("kind", &input.kind) server_error=field_error(error, "kind")/>
        <TextArea name="form[standfirst]" id="article-standfirst" label="Standfirst" required=true rows=3
            hint="One or two sentences under the title: what happened and why it matters."
            value=value("standfirst", &input.standfirst) server_error=field_error(error, "standfirst")/>
        <TextArea name="form[body]" id="article-body" label="Text" required=true rows=16
            hint="Markdown: **bold**, *italic*, lists, ## headings and links. Scripts, frames and images are removed."
            value=value("body", &input.body) server_error=field_error(error, "body")/>
        <TextArea name="form[data_text]" id="article-data-text" label="The data in words (infographics)" rows=5
            hint="Required for an infographic: every figure of the chart in sentences, for readers who cannot see it."
            value=value("data_text", &input.data_text) server_error=field_error(error, "data_text")/>
        <TextField name="form[author_name]" id="article-author" label="Author" required=true
            value=value("author_name", &input.author_name) server_error=field_error(error, "author_name")/>
        <TextField name="form[source_url]" id="article-source" label="Source to read in full" input_type="url"
            hint="Optional: the original report or guidance, starting with https://."
            value=value("source_url", &input.source_url) server_error=field_error(error, "source_url") check=Rule::ArticleSource/>
        <CheckboxGroup name="form[categories]" id="article-categories" legend="Categories"
            hint="One to three: the “From:” line of the article."
            options=categories checked=categories_checked server_error=field_error(error, "categories")/>
        <TextField name="form[tags]" id="article-tags" label="Tags"
            hint="Separated by commas, at most eight, such as: hiring, remote work."
            value=value("tags", &input.tags) server_error=field_error(error, "tags")/>
        <fieldset class="field link-fields">
            <legend>"Links to companies and jobs"</legend>
            <LinkPicker/>
            <TextArea name="form[about]" id="article-about" label="Companies the story is about" rows=3
                hint="One per line: the company’s name or its address in the directory."
                value=value("about", &input.about) server_error=field_error(error, "about")/>
            <TextArea name="form[mentions]" id="article-mentions" label="Companies it mentions" rows=3
                hint="One per line, as above."
                value=value("mentions", &input.mentions) server_error=field_error(error, "mentions")/>
            <TextArea name="form[jobs]" id="article-jobs" label="Jobs it links to" rows=3
                hint="One per line: the job’s number or its address, such as /jobs/42-medical-writer."
                value=value("jobs", &input.jobs) server_error=field_error(error, "jobs")/>
        </fieldset>
    }
}

/// With JavaScript: search companies and jobs and add them to the link boxes with one click. Without it the boxes
/// take names and addresses typed by hand, so nothing is shown. Only editors see it, so its code (the search's
/// server function and the list that waits for it) is a piece of its own, fetched by the pages that have it.
#[island(lazy)]
fn LinkPicker() -> impl IntoView {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let query = RwSignal::new(String::new());
    let results = Resource::new(
        move || query.get(),
        pending_while(|q: String| async move {
            if q.trim().chars().count() < 2 {
                Ok(Vec::new())
            } else {
                link_targets(q).await
            }
        }),
    );
    let add = move |target: LinkTarget, field: &'static str| {
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            if let Some(area) = document()
                .get_element_by_id(field)
                .and_then(|e| e.dyn_into::<leptos::web_sys::HtmlTextAreaElement>().ok())
            {
                let current = area.value();
                let present = current.lines().any(|l| l.trim() == target.value);
                if !present {
                    let joined = if current.trim().is_empty() {
                        target.value.clone()
                    } else {
                        format!("{}\n{}", current.trim_end(), target.value)
                    };
                    area.set_value(&joined);
                }
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (target, field);
    };
    let root = NodeRef::new();
    crate::components::island::mark_live(root);
    view! {
        <div class="island-contents" node_ref=root>
        <Show when=move || hydrated.get()>
            <div class="link-picker">
                <label for="link-search">"Find a company or job to link"</label>
                <input id="link-search" type="search" autocomplete="off"
                    on:input=move |ev| query.set(event_target_value(&ev))/>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        let found = results.await.unwrap_or_default();
                        view! {
                            <ul class="link-results" aria-live="polite">
                                {found.into_iter().map(|target| {
                                    let is_job = target.kind == "job";
                                    let (a, b) = (target.clone(), target.clone());
                                    view! {
                                        <li>
                                            <span>{target.label.clone()}</span>
                                            {if is_job {
                                                view! {
                                                    <button type="button" class="button button-small" on:click=move |_| add(a.clone(), "article-jobs")>
                                                        "Link job"
                                                    </button>
                                                }.into_any()
                                            } else {
                                                view! {
                                                    <button type="button" class="button button-small" on:click=move |_| add(a.clone(), "article-about")>
                                                        "About"
                                                    </button>
                                                    <button type="button" class="button button-small button-secondary" on:click=move |_| add(b.clone(), "article-mentions")>
                                                        "Mentions"
                                                    </button>
                                                }.into_any()
                                            }}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }
                    })}
                </Transition>
            </div>
        </Show>
        </div>
    }
}
