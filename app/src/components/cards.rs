//! The cards lists are made of (jobs, stories), the pieces of a company's identity they show, and the notice of an
//! edit waiting for review.

use hubboard::moderation::reason_label;
use leptos::prelude::*;

use crate::{
    articles::{ArticleCard, status_label},
    companies::EditState,
    jobs::JobCard,
};

/// A logo, or the company's initial in a box when it has none.
#[component]
pub fn CompanyLogo(src: Option<String>, name: String, size: u32) -> impl IntoView {
    match src {
        Some(src) => view! {
            // Small logos come in lists, mostly below the fold; a profile's large one is seen at once.
            <img class="company-logo" src=src alt=format!("{name} logo") width=size height=size loading=(size < 128).then_some("lazy")/>
        }
        .into_any(),
        None => {
            let initial = name.chars().next().map(|c| c.to_uppercase().to_string()).unwrap_or_default();
            view! {
                <span class=format!("company-logo company-logo-empty logo-{size}") aria-hidden="true">
                    {initial}
                </span>
            }
            .into_any()
        }
    }
}

/// The mark of a company that has proven it owns its website's domain.
#[component]
pub fn VerifiedBadge() -> impl IntoView {
    view! {
        <span class="badge badge-verified" title="The company has proven it owns its website’s domain">
            "Verified"
        </span>
    }
}

/// A job as one entry of a list.
#[component]
pub fn JobCardView(card: JobCard) -> impl IntoView {
    let meta = [
        card.place.clone(),
        card.workplace.clone(),
        card.employment_type.clone(),
    ]
    .join(" · ");
    view! {
        <article class="job-card">
            <CompanyLogo src=card.logo.clone() name=card.company_name.clone() size=64/>
            <div>
                <h2 class="card-title">
                    <a href=card.href.clone()>{card.title.clone()}</a>
                    {card.featured.then(|| view! { <span class="badge badge-featured">"Featured"</span> })}
                </h2>
                <p class="card-company"><a href=format!("/companies/{}", card.company_slug)>{card.company_name.clone()}</a></p>
                <p class="card-meta">{meta}</p>
                <p class="card-meta">
                    <span class="salary">{card.salary.clone()}</span>
                    {card.posted.clone().map(|posted| view! { " · Posted " {posted} })}
                </p>
            </div>
        </article>
    }
}

/// An article as one entry of a list.
#[component]
pub fn ArticleCardView(card: ArticleCard) -> impl IntoView {
    view! {
        <article class="article-card">
            {card.thumb.clone().map(|src| view! {
                <img class="article-thumb" src=src alt=card.image_alt.clone() width=160 height=100 loading="lazy"/>
            })}
            <div>
                <p class="card-kicker">{card.kind_label.clone()}</p>
                <h2 class="card-title"><a href=card.href.clone()>{card.title.clone()}</a></h2>
                <p class="card-summary">{card.standfirst.clone()}</p>
                <p class="card-meta">
                    {(!card.date.is_empty()).then(|| view! { <time datetime=card.date_iso.clone()>{card.date.clone()}</time> " · " })}
                    {card.author_name.clone()}
                    {(card.status != "published").then(|| view! { " · " <strong>{status_label(&card.status)}</strong> })}
                </p>
            </div>
        </article>
    }
}

/// Where a team's change to a published listing stands: waiting for review, or refused with the reason.
#[component]
pub fn EditStateNotice(edit: EditState, what: &'static str) -> impl IntoView {
    let text = if edit.status == "pending" {
        format!(
            "Your changes to this {what} are waiting for a moderator’s review. Until they are approved, the public sees the approved version."
        )
    } else {
        format!(
            "Your changes to this {what} were not approved. Reason: {}.{} Edit them and save to send them again; the public still sees the approved version.",
            edit.reason
                .as_deref()
                .map(reason_label)
                .unwrap_or("not given"),
            if edit.note.is_empty() {
                String::new()
            } else {
                format!(" The moderator’s note: {}", edit.note)
            },
        )
    };
    view! { <div class="alert alert-warning edit-state" role="status">{text}</div> }
}
