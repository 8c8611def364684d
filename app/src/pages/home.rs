use crate::components::meta::SocialMeta;
use leptos::prelude::*;

/// The front page.
#[component]
pub fn HomePage() -> impl IntoView {
    super::shared_with_visitors();
    view! {
        <SocialMeta title="" description="Hubboard links jobs, the companies that offer them and the news about both."/>
        <section class="intro">
            <h1>"Jobs, companies and the news that links them"</h1>
            <p class="standfirst">
                "Hubboard is where companies in the sector show who they are, post their open roles, and appear in "
                "the news we cover. Job seekers can follow a story to the company behind it and straight to its jobs."
            </p>
            <ul class="intro-actions">
                <li><a class="button" href="/jobs">"Find a job"</a></li>
                <li><a class="button button-secondary" href="/companies">"Explore companies"</a></li>
                <li><a class="button button-secondary" href="/news">"Read the news"</a></li>
            </ul>
        </section>
        <section class="intro-columns" aria-label="What Hubboard offers">
            <article>
                <h2>"For job seekers"</h2>
                <p>"Browse roles with real salary ranges and clear remote eligibility, save the ones you like and get alerts for new ones."</p>
                <p><a href="/register">"Create a free account"</a></p>
            </article>
            <article>
                <h2>"For companies"</h2>
                <p>"Add your company to the directory, invite your team, and post jobs that reach people who read about your field."</p>
                <p><a href="/companies">"Add my company"</a></p>
            </article>
        </section>
    }
}
