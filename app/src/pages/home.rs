use crate::{
    articles::{ArticleCard, infographics_list, news_list},
    components::{cards::ArticleCardView, meta::SocialMeta},
    jobs::{JobsQuery, search_jobs},
};
use leptos::prelude::*;

/// Stories under the lead one on the front page.
const MORE_STORIES: usize = 4;
/// Infographics on the front page.
const INFOGRAPHICS: usize = 3;

/// The front page, as a reader of a trade-news site opens it every morning: a job search, the lead story with its
/// picture, the latest intelligence, the newest infographics and the way in for seekers and companies; the sidebar
/// brings the featured jobs, the company spotlight with "Add my company" and the news alerts.
#[component]
pub fn HomePage() -> impl IntoView {
    super::shared_with_visitors();
    view! {
        <SocialMeta title="" description="Hubboard links jobs, the companies that offer them and the news about both."/>
        <h1 class="visually-hidden">"Hubboard: jobs, companies and the news that links them"</h1>
        <JobSearchBox/>
        {Suspend::new(async move {
            match news_list(1).await {
                Ok(list) if !list.cards.is_empty() => {
                    let mut cards = list.cards.into_iter();
                    let lead = cards.next();
                    let more: Vec<ArticleCard> = cards.take(MORE_STORIES).collect();
                    view! {
                        {lead.map(|card| view! { <LeadStory card/> })}
                        {(!more.is_empty()).then(|| view! {
                            <section class="front-section" aria-labelledby="latest-heading">
                                <h2 id="latest-heading" class="section-title">"Latest intelligence"</h2>
                                <ul class="story-grid">
                                    {more.into_iter().map(|card| view! { <li><ArticleCardView card/></li> }).collect_view()}
                                </ul>
                                <p class="section-more"><a href="/news">"All news"</a></p>
                            </section>
                        })}
                    }
                    .into_any()
                }
                Ok(_) => view! { <p class="empty-state">"The first stories are on their way."</p> }.into_any(),
                Err(_) => view! { <p class="empty-state">"The news cannot be shown right now."</p> }.into_any(),
            }
        })}
        <Infographics/>
        <section class="intro-columns" aria-label="What Hubboard offers">
            <article>
                <h2>"For job seekers"</h2>
                <p>"Browse roles with real salary ranges and clear remote eligibility, save the ones you like and get alerts for new ones."</p>
                <p><a href="/register">"Create a free account"</a></p>
            </article>
            <article>
                <h2>"For companies"</h2>
                <p>"Add your company to the directory, invite your team, and post jobs that reach people who read about your field."</p>
                <p><a href="/companies/new">"Add my company"</a></p>
            </article>
        </section>
    }
}

/// Keywords and a country, sent to the jobs board as its own search form would send them.
#[component]
fn JobSearchBox() -> impl IntoView {
    view! {
        <section class="front-search" aria-labelledby="front-search-title">
            <h2 id="front-search-title">"Find your next role"</h2>
            <form method="get" action="/jobs" role="search" class="front-search-form">
                <div class="field">
                    <label for="front-q">"Keywords"</label>
                    <input id="front-q" type="search" name="q" placeholder="Job title, skill or company" autocomplete="off"/>
                </div>
                <div class="field">
                    <label for="front-country">"Where"</label>
                    <select id="front-country" name="country">
                        <option value="">"Anywhere"</option>
                        {Suspend::new(async move {
                            // The countries with open jobs, as the jobs board's own filter lists them.
                            let countries = search_jobs(JobsQuery::default())
                                .await
                                .ok()
                                .and_then(|results| results.facets.into_iter().find(|facet| facet.key == "country"))
                                .map(|facet| facet.choices)
                                .unwrap_or_default();
                            countries
                                .into_iter()
                                .map(|choice| view! { <option value=choice.value>{format!("{} ({})", choice.label, choice.count)}</option> })
                                .collect_view()
                        })}
                    </select>
                </div>
                <button type="submit" class="button">"Search jobs"</button>
            </form>
        </section>
    }
}

/// The newest story, large, with its picture.
#[component]
fn LeadStory(card: ArticleCard) -> impl IntoView {
    view! {
        <article class="lead-story" aria-labelledby="lead-title">
            {card.picture.clone().map(|src| view! {
                <img class="lead-picture" src=src alt=card.image_alt.clone() width=1200 height=675/>
            })}
            <p class="card-kicker">{card.kind_label.clone()}</p>
            <h2 id="lead-title" class="lead-title"><a href=card.href.clone()>{card.title.clone()}</a></h2>
            <p class="standfirst">{card.standfirst.clone()}</p>
            <p class="card-meta">
                {(!card.date.is_empty()).then(|| view! { <time datetime=card.date_iso.clone()>{card.date.clone()}</time> " · " })}
                {card.author_name.clone()}
            </p>
            <p><a class="read-more" href=card.href.clone()>"Read in full"<span class="visually-hidden">{format!(": {}", card.title)}</span></a></p>
        </article>
    }
}

/// The newest infographics, as a strip of pictures.
#[component]
fn Infographics() -> impl IntoView {
    view! {
        {Suspend::new(async move {
            let cards: Vec<ArticleCard> = infographics_list(1)
                .await
                .map(|list| list.cards.into_iter().take(INFOGRAPHICS).collect())
                .unwrap_or_default();
            (!cards.is_empty()).then(|| view! {
                <section class="front-section" aria-labelledby="infographics-heading">
                    <h2 id="infographics-heading" class="section-title">"Infographics"</h2>
                    <ul class="gallery">
                        {cards.into_iter().map(|card| view! {
                            <li>
                                <a class="gallery-item" href=card.href.clone()>
                                    {card.thumb.clone().map(|src| view! { <img src=src alt="" width=320 height=200 loading="lazy"/> })}
                                    {card.title.clone()}
                                </a>
                            </li>
                        }).collect_view()}
                    </ul>
                    <p class="section-more"><a href="/infographics">"All infographics"</a></p>
                </section>
            })
        })}
    }
}
