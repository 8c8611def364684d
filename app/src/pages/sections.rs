//! The top-level sections of the site.

use leptos::prelude::*;
use leptos_meta::Title;

#[component]
fn Section(title: &'static str, intro: &'static str, empty: &'static str) -> impl IntoView {
    view! {
        <Title text=title/>
        <h1>{title}</h1>
        <p class="standfirst">{intro}</p>
        <p class="empty-state">{empty}</p>
    }
}

/// News and features.
#[component]
pub fn NewsPage() -> impl IntoView {
    view! {
        <Section
            title="News"
            intro="Reporting on the sector: who is hiring, what is changing and what it means for the people who work in it."
            empty="No articles have been published yet."
        />
    }
}

/// Charts and data stories.
#[component]
pub fn InfographicsPage() -> impl IntoView {
    view! {
        <Section
            title="Infographics"
            intro="The sector in charts, each with the data behind it in words."
            empty="No infographics have been published yet."
        />
    }
}
