//! The company directory, company profiles, adding and editing a company, its team, and the dashboard.

use crate::address::query_value;
use hubboard::moderation::{REJECTION_REASONS, reason_label};
use hubboard::{
    SECTORS, Sector,
    company::{BENEFITS, CompanyInput, ItemList, OFFICES, SERVICES, SizeBand},
};
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::{
    components::Form,
    hooks::{use_location, use_params_map, use_query_map},
};
use server_fn::ServerFn;

use crate::pending::pending_while;
use crate::{
    auth::Auth,
    companies::{
        AcceptInvitation, CompanyCard, CreateCompany, DecideCompany, Directory, DirectoryQuery,
        EditData, InviteMember, Profile, ProfileLookup, RemoveMember, TransferOwnership,
        UpdateCompany, VerifyCompany, WithdrawInvitation, company_for_edit, company_profile,
        directory_page, invitation_details, my_companies, status_label,
    },
    components::cards::{
        ArticleCardView, CompanyLogo, EditStateNotice, JobCardView, VerifiedBadge,
    },
    components::form::{
        CheckboxGroup, FormAlert, Rule, SelectField, SentOnce, TextArea, TextField, action_error,
        field_error, flashed, flashed_all,
    },
    components::meta::{JsonLd, SocialMeta},
    components::pagination::pagination,
    components::picture::PictureField,
    components::report::ReportBox,
    error::AppError,
    jobs::open_jobs_of,
    pages::errors::{ErrorPage, moved_permanently, sign_in_first},
};

fn sector_name(slug: &str) -> &'static str {
    Sector::find(slug).map_or("", |s| s.name)
}

impl DirectoryQuery {
    /// The directory's address for this query.
    fn href(&self) -> String {
        let mut parts = Vec::new();
        for (key, value) in [
            ("q", self.q.as_str()),
            ("sector", self.sector.as_str()),
            ("location", self.location.as_str()),
            ("letter", self.letter.as_str()),
            ("hiring", self.hiring.as_str()),
        ] {
            if !value.is_empty() {
                parts.push(format!("{key}={}", query_value(value)));
            }
        }
        if self.page > 1 {
            parts.push(format!("page={}", self.page));
        }
        if parts.is_empty() {
            "/companies".to_owned()
        } else {
            format!("/companies?{}", parts.join("&"))
        }
    }
}

/// `/companies`: search, filters, A–Z and pages of approved companies.
#[component]
pub fn DirectoryPage() -> impl IntoView {
    super::shared_with_visitors();
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        let map = query_map.read();
        let get = |key: &str| map.get(key).unwrap_or_default();
        DirectoryQuery {
            q: get("q"),
            sector: get("sector"),
            location: get("location"),
            letter: get("letter"),
            hiring: get("hiring"),
            page: get("page").parse().unwrap_or(1).max(1),
        }
    });
    let directory = Resource::new(move || query.get(), pending_while(directory_page));
    view! {
        <SocialMeta title="Company directory" description="Companies of the sector: what they do, where they are and who is hiring."/>
        <div class="section-heading">
            <h1>"Company directory"</h1>
            <a class="button" href="/companies/new">"Add my company"</a>
        </div>
        <Suspense fallback=|| view! { <p>"Loading the directory…"</p> }>
            {move || Suspend::new(async move {
                match directory.await {
                    Ok(found) => view! { <DirectoryResults found query=query.get_untracked()/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DirectoryResults(found: Directory, query: DirectoryQuery) -> impl IntoView {
    let mut sectors = vec![(String::new(), "All sectors".to_owned())];
    sectors.extend(
        SECTORS
            .iter()
            .map(|s| (s.slug.to_owned(), s.name.to_owned())),
    );
    let mut locations = vec![(String::new(), "Anywhere".to_owned())];
    locations.extend(
        found
            .locations
            .iter()
            .map(|l| (l.value.clone(), l.label.clone())),
    );
    let filtered = !query.q.is_empty()
        || !query.sector.is_empty()
        || !query.location.is_empty()
        || !query.letter.is_empty()
        || !query.hiring.is_empty();
    let count = match found.total {
        0 => "No companies match.".to_owned(),
        1 => "1 company".to_owned(),
        n => format!("{n} companies"),
    };
    let letter_link = {
        let query = query.clone();
        move |letter: char| {
            DirectoryQuery {
                letter: if query.letter == letter.to_string() {
                    String::new()
                } else {
                    letter.to_string()
                },
                page: 1,
                ..query.clone()
            }
            .href()
        }
    };
    let letter_kept = (!query.letter.is_empty()).then(|| query.letter.clone());
    let hiring_checked = query.hiring == "1";
    let (chosen_sector, chosen_location, typed) = (
        query.sector.clone(),
        query.location.clone(),
        query.q.clone(),
    );
    view! {
        <Form method="GET" action="/companies" attr:class="filter-form" attr:role="search">
            <div class="field">
                <label for="directory-q">"Search companies"</label>
                <input id="directory-q" type="search" name="q" value=typed placeholder="Name, service or place"/>
            </div>
            <div class="field">
                <label for="directory-sector">"Sector"</label>
                <select id="directory-sector" name="sector">
                    {sectors
                        .into_iter()
                        .map(|(value, label)| {
                            let selected = value == chosen_sector;
                            view! { <option value=value selected=selected>{label}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="directory-location">"Location"</label>
                <select id="directory-location" name="location">
                    {locations
                        .into_iter()
                        .map(|(value, label)| {
                            let selected = value == chosen_location;
                            view! { <option value=value selected=selected>{label}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label class="checkbox" for="directory-hiring">
                    <input id="directory-hiring" type="checkbox" name="hiring" value="1" checked=hiring_checked/>
                    "Hiring now"
                </label>
            </div>
            {letter_kept.map(|letter| view! { <input type="hidden" name="letter" value=letter/> })}
            <button type="submit" class="button">"Search"</button>
        </Form>
        <nav class="letters" aria-label="Companies by first letter">
            <ul>
                {('A'..='Z')
                    .chain(std::iter::once('#'))
                    .map(|letter| {
                        let current = query.letter == letter.to_string();
                        if found.letters.contains(&letter) || current {
                            view! {
                                <li>
                                    <a href=letter_link(letter) aria-current=current.then_some("true")>
                                        {letter.to_string()}
                                    </a>
                                </li>
                            }
                            .into_any()
                        } else {
                            view! { <li><span class="letter-empty">{letter.to_string()}</span></li> }.into_any()
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
        <p class="result-count" role="status">
            {count}
            {filtered.then(|| view! { " · " <a href="/companies">"Clear filters"</a> })}
        </p>
        <ul class="card-list">
            {found.cards.into_iter().map(|card| view! { <li><CompanyCardView card/></li> }).collect_view()}
        </ul>
        {pagination(found.pages, found.page, move |page| DirectoryQuery { page, ..query.clone() }.href())}
    }
    .into_any()
}

/// A company as one entry of a list.
#[component]
pub fn CompanyCardView(card: CompanyCard) -> impl IntoView {
    let href = format!("/companies/{}", card.slug);
    let place = format!("{}, {}", card.city, card.country);
    let sectors = card
        .sectors
        .iter()
        .map(|s| sector_name(s))
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <article class="company-card">
            <CompanyLogo src=card.logo.clone() name=card.name.clone() size=64/>
            <div>
                <h2 class="card-title">
                    <a href=href>{card.name.clone()}</a>
                    {card.verified.then(|| view! { <VerifiedBadge/> })}
                </h2>
                <p class="card-tagline">{card.tagline}</p>
                <p class="card-meta">{place}" · "{sectors}</p>
            </div>
        </article>
    }
}

/// `/companies/{slug}`: the public profile.
#[component]
pub fn CompanyPage() -> impl IntoView {
    super::shared_with_visitors();
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    // A moderator's decision redirects back here with a notice: the changed query reloads the profile.
    let search = use_location().search;
    let profile = Resource::new(
        move || (slug.get(), search.get()),
        pending_while(|(slug, _)| company_profile(slug)),
    );
    view! {
        <Suspense fallback=|| view! { <p>"Loading the company…"</p> }>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(ProfileLookup::Found(profile)) => view! { <ProfileView profile=*profile/> }.into_any(),
                    Ok(ProfileLookup::Moved(slug)) => moved_permanently(format!("/companies/{slug}")),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Schema.org `Organization` data for search engines, safe to place in a script element.
fn organization_json_ld(profile: &Profile, site_logo: Option<&str>) -> String {
    let mut data = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": format!("{}#organization", profile.page_url),
        "name": profile.name,
        "description": profile.tagline,
        "url": profile.website,
        "email": profile.contact_email,
        "address": {
            "@type": "PostalAddress",
            "addressLocality": profile.city,
            "addressCountry": profile.country,
        },
    });
    if let Some(logo) = site_logo {
        data["logo"] = serde_json::Value::from(logo);
    }
    if !profile.socials.is_empty() {
        data["sameAs"] = serde_json::Value::from(profile.socials.clone());
    }
    // Made safe for its script element by `JsonLd`.
    data.to_string()
}

/// The company's offices, the headquarters first and marked: the listed offices, with the headquarters added when
/// no listed office is in its city.
fn offices_of(profile: &Profile) -> Vec<(String, bool)> {
    let head_office = format!("{}, {}", profile.city, profile.country);
    // "Leeds", "Leeds, UK" and "Leeds (head office)" are in Leeds; "Leedstown" is not.
    let head_city = profile.city.trim().to_lowercase();
    let in_head_city = |office: &str| {
        let office = office.trim().to_lowercase();
        office
            .strip_prefix(&head_city)
            .is_some_and(|rest| !rest.chars().next().is_some_and(char::is_alphanumeric))
    };
    let mut offices = vec![(head_office, true)];
    let mut head_listed = false;
    for office in &profile.offices {
        if !head_listed && in_head_city(office) {
            // The team's own wording of the head office replaces the one made from the city and country.
            offices[0].0 = office.clone();
            head_listed = true;
        } else {
            offices.push((office.clone(), false));
        }
    }
    offices
}

#[component]
fn ProfileView(profile: Profile) -> impl IntoView {
    let size = SizeBand::parse(&profile.size)
        .map(|s| s.label())
        .unwrap_or("");
    let json_ld = organization_json_ld(&profile, profile.logo_url_absolute.as_deref());
    let sectors = profile.sectors.clone();
    let approved = profile.status == "approved";
    let has_services = !profile.services.is_empty();
    let has_benefits = !profile.benefits.is_empty();
    let offices = offices_of(&profile);
    view! {
        <SocialMeta
            title=profile.name.clone()
            description=profile.summary.clone()
            kind="profile"
            url=profile.page_url.clone()
            image=profile.logo_url_absolute.clone()
            image_alt=format!("{} logo", profile.name)
        />
        <Link rel="alternate" type_="application/rss+xml" title=format!("Jobs at {} (RSS)", profile.name)
            href=format!("/feeds/companies/{}.rss", profile.slug)/>
        {(!approved).then(|| view! { <Meta name="robots" content="noindex"/> })}
        <JsonLd json=json_ld/>

        {(!approved).then(|| {
            let reason = profile.decision_reason.as_deref().map(reason_label).map(str::to_owned);
            view! {
                <div class="alert alert-warning" role="status">
                    <strong>{status_label(&profile.status)}": "</strong>
                    {match profile.status.as_str() {
                        "pending" => "only the company’s team and moderators can see this page until a moderator approves it.".to_owned(),
                        _ => format!("this page is hidden from the public. Reason: {}.", reason.unwrap_or_else(|| "not given".into())),
                    }}
                </div>
            }
        })}

        <header class="profile-hero">
            {match profile.cover.clone() {
                Some(cover) => view! {
                    <img class="profile-cover" src=cover.wide.clone()
                        srcset=format!("{} 600w, {} 1200w", cover.narrow, cover.wide)
                        sizes="(min-width: 75rem) 50rem, 100vw" alt="" width=1200 height=400/>
                }.into_any(),
                None => view! { <div class="profile-cover profile-cover-plain"></div> }.into_any(),
            }}
            <div class="profile-identity">
                <CompanyLogo src=profile.logo_large.clone() name=profile.name.clone() size=128/>
                <div>
                    <h1>
                        {profile.name.clone()}
                        {profile.verified_domain.clone().map(|_| view! { " " <VerifiedBadge/> })}
                    </h1>
                    <p class="standfirst">{profile.tagline.clone()}</p>
                    <p class="profile-meta">
                        <span>{format!("{}, {}", profile.city, profile.country)}</span>
                        {(!size.is_empty()).then(|| view! { <span>{size}</span> })}
                        <span><a href=profile.website.clone() rel="noopener nofollow">{profile.website_domain.clone()}</a></span>
                    </p>
                </div>
            </div>
            {(approved || profile.can_edit).then(|| view! {
                <p class="button-row profile-actions">
                    {approved.then(|| view! {
                        <a class="button" href=format!("/alerts?company={}", profile.slug)>"Follow by email"</a>
                    })}
                    {profile.can_edit.then(|| view! {
                        <a class="button button-secondary" href=format!("/companies/{}/edit", profile.slug)>"Edit this company"</a>
                    })}
                </p>
            })}
        </header>

        <nav class="section-nav" aria-label="On this page">
            <ul>
                <li><a href="#about-title">"About"</a></li>
                {has_services.then(|| view! { <li><a href="#services-title">"What we do"</a></li> })}
                {has_benefits.then(|| view! { <li><a href="#benefits-title">"Benefits"</a></li> })}
                <li><a href="#offices-title">"Offices"</a></li>
                <li><a href="#jobs-title">"Open jobs"</a></li>
                <li><a href="#news-title">"News"</a></li>
            </ul>
        </nav>

        <div class="profile-body">
            <section aria-labelledby="about-title">
                <h2 id="about-title">"About " {profile.name.clone()}</h2>
                <div class="prose" inner_html=profile.description_html.clone()></div>
            </section>
            {has_services.then(|| view! {
                <section aria-labelledby="services-title">
                    <h2 id="services-title">"What we do"</h2>
                    <ul class="item-grid">
                        {profile.services.clone().into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}
                    </ul>
                </section>
            })}
            {has_benefits.then(|| view! {
                <section aria-labelledby="benefits-title">
                    <h2 id="benefits-title">"Benefits"</h2>
                    <ul class="item-grid item-grid-benefits">
                        {profile.benefits.clone().into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}
                    </ul>
                </section>
            })}
            <section aria-labelledby="offices-title">
                <h2 id="offices-title">"Offices"</h2>
                <ul class="office-list">
                    {offices.into_iter().map(|(place, head)| view! {
                        <li>
                            {place}
                            {head.then(|| view! { " " <span class="badge">"Headquarters"</span> })}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
            <section aria-labelledby="facts-title" class="panel">
                <h2 id="facts-title">"Facts"</h2>
                <dl class="facts">
                    <dt>"Website"</dt>
                    <dd><a href=profile.website.clone() rel="noopener nofollow">{profile.website_domain.clone()}</a></dd>
                    <dt>"Headquarters"</dt>
                    <dd>{format!("{}, {}", profile.city, profile.country)}</dd>
                    <dt>"Size"</dt>
                    <dd>{size}</dd>
                    <dt>"Sectors"</dt>
                    <dd>
                        <ul class="tag-list">
                            {sectors
                                .into_iter()
                                .map(|s| view! { <li><a href=format!("/companies?sector={s}")>{sector_name(&s)}</a></li> })
                                .collect_view()}
                        </ul>
                    </dd>
                    <dt>"Contact"</dt>
                    <dd><a href=format!("mailto:{}", profile.contact_email)>{profile.contact_email.clone()}</a></dd>
                    {(!profile.socials.is_empty()).then(|| view! {
                        <dt>"Elsewhere"</dt>
                        <dd>
                            <ul class="link-list">
                                {profile.socials.clone().into_iter().map(|url| {
                                    let text = url.split_once("://").map_or(url.as_str(), |(_, rest)| rest).trim_end_matches('/').to_owned();
                                    view! { <li><a href=url rel="noopener nofollow">{text}</a></li> }
                                }).collect_view()}
                            </ul>
                        </dd>
                    })}
                    {profile.verified_domain.clone().map(|domain| view! {
                        <dt>"Verified domain"</dt>
                        <dd>{domain}</dd>
                    })}
                </dl>
            </section>
            <OpenJobs company_id=profile.id name=profile.name.clone() slug=profile.slug.clone() can_edit=profile.can_edit/>
            <CompanyNews company_id=profile.id name=profile.name.clone()/>
        </div>
        {(profile.status == "approved").then(|| view! { <ReportBox kind="company" id=profile.id/> })}
        {profile.can_moderate.then(|| view! { <ModerationPanel company_id=profile.id status=profile.status.clone()/> })}
    }
    .into_any()
}

/// The articles linked to the company, on its profile.
#[component]
fn CompanyNews(company_id: i64, name: String) -> impl IntoView {
    let articles = Resource::new(
        move || company_id,
        pending_while(crate::articles::company_news),
    );
    view! {
        <section aria-labelledby="news-title">
            <h2 id="news-title">"In the news"</h2>
            <Suspense fallback=|| view! { <p>"Loading articles…"</p> }>
                {move || {
                    let name = name.clone();
                    Suspend::new(async move {
                        match articles.await {
                            Ok(cards) if !cards.is_empty() => view! {
                                <ul class="card-list">
                                    {cards.into_iter().map(|card| view! { <li><ArticleCardView card/></li> }).collect_view()}
                                </ul>
                            }
                            .into_any(),
                            _ => view! { <p class="empty-state">{format!("No articles mention {name} yet.")}</p> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

/// The company's open jobs on its profile, with the team's way to post more.
#[component]
fn OpenJobs(company_id: i64, name: String, slug: String, can_edit: bool) -> impl IntoView {
    let jobs = Resource::new(move || company_id, pending_while(open_jobs_of));
    view! {
        <section aria-labelledby="jobs-title">
            <h2 id="jobs-title">"Open jobs"</h2>
            <Suspense fallback=|| view! { <p>"Loading jobs…"</p> }>
                {move || {
                    let name = name.clone();
                    Suspend::new(async move {
                        match jobs.await {
                            Ok(cards) if !cards.is_empty() => view! {
                                <ul class="card-list">
                                    {cards.into_iter().map(|card| view! { <li><JobCardView card/></li> }).collect_view()}
                                </ul>
                            }
                            .into_any(),
                            _ => view! { <p class="empty-state">{format!("{name} has no open jobs listed right now.")}</p> }.into_any(),
                        }
                    })
                }}
            </Suspense>
            {can_edit.then(|| view! {
                <p><a href=format!("/companies/{slug}/jobs")>"Manage this company’s jobs"</a></p>
            })}
        </section>
    }
}

/// A moderator's approve / reject / suspend controls on a profile.
#[component]
fn ModerationPanel(company_id: i64, status: String) -> impl IntoView {
    let action = ServerAction::<DecideCompany>::new();
    let error = action_error(action);
    let mut reasons = vec![(String::new(), "Choose a reason".to_owned())];
    reasons.extend(
        REJECTION_REASONS
            .iter()
            .map(|(c, l)| ((*c).to_owned(), (*l).to_owned())),
    );
    let refuse = if status == "approved" {
        "suspend"
    } else {
        "reject"
    };
    view! {
        <section class="panel panel-moderation" aria-labelledby="moderation-title">
            <h2 id="moderation-title">"Moderation"</h2>
            <p>"Status: " <strong>{status_label(&status)}</strong></p>
            <FormAlert error/>
            {(status != "approved").then(|| {
                let (decision, label) = if status == "suspended" { ("restore", "Restore") } else { ("approve", "Approve") };
                view! {
                    <ActionForm action=action attr:class="inline-form">
                        <input type="hidden" name="form[company_id]" value=company_id.to_string()/>
                        <input type="hidden" name="form[decision]" value=decision/>
                        <button type="submit" class="button">{label}</button>
                    </ActionForm>
                }
            })}
            <p><a href=format!("/admin/review/companies/{company_id}")>"Open in the moderation console"</a></p>
            {(status != "rejected" && status != "suspended").then(|| view! {
                <ActionForm action=action attr:class="stacked-form" attr:novalidate=true>
                    <input type="hidden" name="form[company_id]" value=company_id.to_string()/>
                    <input type="hidden" name="form[decision]" value=refuse/>
                    <SelectField
                        name="form[reason]"
                        id="decision-reason"
                        label=if refuse == "reject" { "Reason for rejecting" } else { "Reason for suspending" }
                        options=reasons.clone()
                        server_error=field_error(error, "reason")
                    />
                    <button type="submit" class="button button-danger">
                        {if refuse == "reject" { "Reject" } else { "Suspend" }}
                    </button>
                </ActionForm>
            })}
            <VerifyForm company_id label="Mark as verified"/>
        </section>
    }
}

#[component]
fn VerifyForm(company_id: i64, label: &'static str) -> impl IntoView {
    let action = ServerAction::<VerifyCompany>::new();
    let error = action_error(action);
    view! {
        <FormAlert error/>
        <ActionForm action=action attr:class="inline-form">
            <input type="hidden" name="company_id" value=company_id.to_string()/>
            <button type="submit" class="button button-secondary">{label}</button>
        </ActionForm>
    }
}

/// The profile fields, shared by adding and editing. `action_path` is the server function the form posts to, for
/// the values a form posted without JavaScript comes back with.
#[component]
fn CompanyFields(
    input: CompanyInput,
    action_path: &'static str,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let value =
        |name: &str, stored: &str| flashed(action_path, name).unwrap_or_else(|| stored.to_owned());
    let sectors_checked =
        flashed_all(action_path, "sectors").unwrap_or_else(|| input.sectors.clone());
    let mut sizes = vec![(String::new(), "Choose a size".to_owned())];
    sizes.extend(
        SizeBand::ALL
            .iter()
            .map(|s| (s.as_str().to_owned(), s.label().to_owned())),
    );
    let sectors: Vec<(String, String)> = SECTORS
        .iter()
        .map(|s| (s.slug.to_owned(), s.name.to_owned()))
        .collect();
    view! {
        <TextField name="form[name]" id="company-name" label="Company name" required=true autocomplete="organization"
            value=value("name", &input.name) server_error=field_error(error, "name") check=Rule::CompanyName/>
        <TextField name="form[slug]" id="company-slug" label="Page address"
            hint="The last part of /companies/…: lowercase letters, digits and hyphens. Leave empty to make it from the name."
            value=value("slug", &input.slug) server_error=field_error(error, "slug") check=Rule::Slug/>
        <TextField name="form[tagline]" id="company-tagline" label="Tagline" required=true
            hint="One line, up to 120 characters, that says what the company does."
            value=value("tagline", &input.tagline) server_error=field_error(error, "tagline") check=Rule::Tagline/>
        <TextArea name="form[description]" id="company-description" label="Description" required=true rows=10
            hint="Markdown: **bold**, *italic*, lists, ## headings and links. Scripts and images are removed."
            value=value("description", &input.description) server_error=field_error(error, "description")/>
        <TextField name="form[website]" id="company-website" label="Website" input_type="url" required=true autocomplete="url"
            value=value("website", &input.website) server_error=field_error(error, "website") check=Rule::Website/>
        <TextField name="form[contact_email]" id="company-contact-email" label="Contact email" input_type="email" required=true
            value=value("contact_email", &input.contact_email) server_error=field_error(error, "contact_email") check=Rule::Email/>
        <div class="field-row">
            <TextField name="form[city]" id="company-city" label="Headquarters city" required=true autocomplete="address-level2"
                value=value("city", &input.city) server_error=field_error(error, "city")/>
            <TextField name="form[country]" id="company-country" label="Country" required=true autocomplete="country-name"
                value=value("country", &input.country) server_error=field_error(error, "country")/>
        </div>
        <SelectField name="form[size]" id="company-size" label="Company size" options=sizes
            value=value("size", &input.size) server_error=field_error(error, "size")/>
        <CheckboxGroup name="form[sectors]" id="company-sectors" legend="Sectors and services"
            hint="Choose up to five." options=sectors checked=sectors_checked server_error=field_error(error, "sectors")/>
        <TextArea name="form[socials]" id="company-socials" label="Social links" rows=3
            hint="Up to four web addresses, one per line." value=value("socials", &input.socials)
            server_error=field_error(error, "socials")/>
        <TextArea name="form[services]" id="company-services" label="What the company does (optional)" rows=5
            hint=list_hint(SERVICES, "Medical writing")
            value=value("services", &input.services) server_error=field_error(error, "services")/>
        <TextArea name="form[benefits]" id="company-benefits" label="Benefits for your people (optional)" rows=5
            hint=list_hint(BENEFITS, "Hybrid working")
            value=value("benefits", &input.benefits) server_error=field_error(error, "benefits")/>
        <TextArea name="form[offices]" id="company-offices" label="Offices (optional)" rows=3
            hint=list_hint(OFFICES, "Leeds, United Kingdom")
            value=value("offices", &input.offices) server_error=field_error(error, "offices")/>
    }
    .into_any()
}

/// The hint under a list field: one item a line, its limits, an example.
fn list_hint(list: ItemList, example: &str) -> String {
    format!(
        "One {} a line, such as “{example}”: up to {}, each at most {} characters.",
        list.item, list.max_items, list.max_chars
    )
}

/// `/companies/new`: the "Add my company" form.
#[component]
pub fn AddCompanyPage() -> impl IntoView {
    let auth = expect_context::<Auth>();
    let action = ServerAction::<CreateCompany>::new();
    let error = action_error(action);
    view! {
        <Title text="Add my company"/>
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match auth.user.await {
                    Ok(Some(_)) => view! {
                        <div class="form-page form-page-wide">
                            <h1>"Add my company"</h1>
                            <p>"Tell people what your company does. A moderator reviews every new company before it appears in the directory; you can add a logo and invite your team straight after."</p>
                            <ActionForm action=action attr:class="stacked-form" attr:novalidate=true>
                                <FormAlert error/>
                                <SentOnce/>
                                <CompanyFields input=CompanyInput::default() action_path=CreateCompany::PATH error/>
                                <button type="submit" class="button">"Submit for review"</button>
                            </ActionForm>
                        </div>
                    }
                    .into_any(),
                    Ok(None) => sign_in_first("/companies/new"),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/companies/{slug}/edit`: the profile, logo, team and verification, for the company's team.
#[component]
pub fn EditCompanyPage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let data = Resource::new(move || slug.get(), pending_while(company_for_edit));
    view! {
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <EditCompany data/> }.into_any(),
                    Err(AppError::Unauthorized) => sign_in_first(&format!("/companies/{}/edit", slug.get_untracked())),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EditCompany(data: EditData) -> impl IntoView {
    let action = ServerAction::<UpdateCompany>::new();
    let error = action_error(action);
    let logo_error = flashed("logo", "error");
    let cover_error = flashed("cover", "error");
    let profile_href = format!("/companies/{}", data.slug);
    let input = data.input.clone();
    let team = data.clone();
    let verification = match (data.verified_domain.clone(), data.can_verify_by_email) {
        (Some(domain), _) => view! { <p>"Verified: the company has proven it owns " <strong>{domain}</strong> "."</p> }.into_any(),
        (None, true) => view! {
            <p>"Your confirmed email address is at " <strong>{data.website_domain.clone()}</strong> ", the domain of the company’s website. Use it to earn the verified badge."</p>
            <VerifyForm company_id=data.id label="Verify the company"/>
        }.into_any(),
        (None, false) => view! {
            <p>{format!("Verified companies show a badge. To verify, a member of the team signs in with a confirmed email address at {}.", data.website_domain)}</p>
        }.into_any(),
    };
    view! {
        <Title text=format!("Edit {}", data.input.name)/>
        <h1>"Edit " {data.input.name.clone()}</h1>
        <p>
            "Status: " <strong>{status_label(&data.status)}</strong>
            {data.decision_reason.clone().map(|r| format!(" (reason: {})", reason_label(&r)))}
            {(!data.decision_note.is_empty()).then(|| format!(" Note: {}", data.decision_note))}
            " · " <a href=profile_href.clone()>"View the page"</a>
            " · " <a href="/dashboard">"Your companies"</a>
        </p>
        {data.edit.clone().map(|edit| view! { <EditStateNotice edit what="company"/> })}

        <section class="panel" aria-labelledby="logo-title" id="logo">
            <h2 id="logo-title">"Logo"</h2>
            <CompanyLogo src=data.logo.clone() name=data.input.name.clone() size=128/>
            <form method="post" action="/uploads/company-logo" enctype="multipart/form-data" class="stacked-form">
                <input type="hidden" name="company_id" value=data.id.to_string()/>
                <PictureField
                    id="logo-file"
                    name="logo"
                    label=if data.logo.is_some() { "Replace the logo" } else { "Upload a logo" }
                    hint="PNG, JPEG or WebP, at most 2 MB. A square image of 256 × 256 pixels or more looks best."
                    error=logo_error.clone()
                />
                <button type="submit" class="button">"Upload logo"</button>
            </form>
        </section>

        <section class="panel" aria-labelledby="cover-title" id="cover">
            <h2 id="cover-title">"Cover"</h2>
            <p>"A wide picture across the top of the profile: your team, your office, your work."</p>
            {data.cover.clone().map(|cover| view! {
                <img class="cover-preview" src=cover.narrow alt="The current cover" width=600 height=200/>
            })}
            <form method="post" action="/uploads/company-cover" enctype="multipart/form-data" class="stacked-form">
                <input type="hidden" name="company_id" value=data.id.to_string()/>
                <PictureField
                    id="cover-file"
                    name="cover"
                    label=if data.cover.is_some() { "Replace the cover" } else { "Upload a cover" }
                    hint="PNG, JPEG or WebP, at most 2 MB, at least 600 × 200 pixels. It is cut from the middle to three times as wide as high; 1,200 × 400 pixels or more looks best."
                    error=cover_error.clone()
                />
                <div class="button-row">
                    <button type="submit" class="button">"Upload cover"</button>
                    {data.cover.is_some().then(|| view! {
                        <button type="submit" class="button button-secondary" name="remove" value="1" formnovalidate=true>"Remove the cover"</button>
                    })}
                </div>
            </form>
        </section>

        <section class="panel" aria-labelledby="profile-title">
            <h2 id="profile-title">"Profile"</h2>
            <ActionForm action=action attr:class="stacked-form" attr:novalidate=true>
                <FormAlert error/>
                <input type="hidden" name="company_id" value=data.id.to_string()/>
                <CompanyFields input action_path=UpdateCompany::PATH error/>
                <button type="submit" class="button">"Save changes"</button>
            </ActionForm>
        </section>

        <TeamPanel data=team/>

        <section class="panel" aria-labelledby="verify-title">
            <h2 id="verify-title">"Verification"</h2>
            {verification}
        </section>
    }
    .into_any()
}

#[component]
fn TeamPanel(data: EditData) -> impl IntoView {
    let invite = ServerAction::<InviteMember>::new();
    let remove = ServerAction::<RemoveMember>::new();
    let transfer = ServerAction::<TransferOwnership>::new();
    let withdraw = ServerAction::<WithdrawInvitation>::new();
    let invite_error = action_error(invite);
    let other_error = Signal::derive(move || {
        action_error(remove)
            .get()
            .or_else(|| action_error(transfer).get())
            .or_else(|| action_error(withdraw).get())
    });
    let flashed_link = flashed(InviteMember::PATH, "link");
    let link = Signal::derive(move || {
        invite
            .value()
            .get()
            .and_then(Result::ok)
            .or_else(|| flashed_link.clone())
    });
    let company_id = data.id.to_string();
    let is_owner = data.is_owner;
    view! {
        <section class="panel" aria-labelledby="team-title" id="team">
            <h2 id="team-title">"Team"</h2>
            <FormAlert error=other_error/>
            <table class="table">
                <caption class="visually-hidden">"Members of the team"</caption>
                <thead><tr><th scope="col">"Email"</th><th scope="col">"Role"</th>{is_owner.then(|| view! { <th scope="col">"Actions"</th> })}</tr></thead>
                <tbody>
                    {data.members.clone().into_iter().map(|member| {
                        let company_id = company_id.clone();
                        let role = if member.role == "owner" { "Owner" } else { "Editor" };
                        let manage = is_owner && !member.is_you;
                        let (company_a, company_b) = (company_id.clone(), company_id);
                        let (user_a, user_b) = (member.user_id.to_string(), member.user_id.to_string());
                        let make_owner = format!("Make {} the owner", member.email);
                        let remove_member = format!("Remove {}", member.email);
                        let member_actions = manage.then(|| view! {
                            <ActionForm action=transfer attr:class="inline-form">
                                <input type="hidden" name="company_id" value=company_a/>
                                <input type="hidden" name="user_id" value=user_a/>
                                <button type="submit" class="button button-secondary">{make_owner}</button>
                            </ActionForm>
                            <ActionForm action=remove attr:class="inline-form">
                                <input type="hidden" name="company_id" value=company_b/>
                                <input type="hidden" name="user_id" value=user_b/>
                                <button type="submit" class="button button-danger">{remove_member}</button>
                            </ActionForm>
                        });
                        view! {
                            <tr>
                                <td>{member.email.clone()}{member.is_you.then_some(" (you)")}</td>
                                <td data-label="Role">{role}</td>
                                {is_owner.then(|| view! {
                                    <td data-label="Actions">
                                        {member_actions}
                                    </td>
                                })}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {is_owner.then(|| view! {
                {(!data.invitations.is_empty()).then(|| view! {
                    <h3>"Invitations not yet accepted"</h3>
                    <ul class="plain-list">
                        {data.invitations.iter().cloned().map(|invitation| view! {
                            <li>
                                {invitation.email.clone()}
                                <ActionForm action=withdraw attr:class="inline-form">
                                    <input type="hidden" name="company_id" value=data.id.to_string()/>
                                    <input type="hidden" name="invitation_id" value=invitation.id.to_string()/>
                                    <button type="submit" class="button button-secondary">{format!("Withdraw the invitation to {}", invitation.email)}</button>
                                </ActionForm>
                            </li>
                        }).collect_view()}
                    </ul>
                })}
                <h3>"Invite an editor"</h3>
                <p>"Editors can change the profile and post jobs. Only the owner manages the team."</p>
                <ActionForm action=invite attr:class="stacked-form" attr:novalidate=true>
                    <input type="hidden" name="form[company_id]" value=data.id.to_string()/>
                    <TextField name="form[email]" id="invite-email" label="Their email" input_type="email" required=true
                        value=flashed(InviteMember::PATH, "email").unwrap_or_default()
                        server_error=field_error(invite_error, "email")/>
                    <button type="submit" class="button">"Create invitation"</button>
                </ActionForm>
                {move || link.get().map(|link| view! {
                    <div class="alert alert-success" role="status">
                        <p>"Invitation created. Send this link to them; it works once and expires in 7 days:"</p>
                        <p><code class="copyable">{link}</code></p>
                    </div>
                })}
            })}
        </section>
    }
    .into_any()
}

/// `/dashboard`: the signed-in user's companies and where each stands.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let companies = Resource::new(|| (), pending_while(|_| my_companies()));
    view! {
        <Title text="Your companies"/>
        <Meta name="robots" content="noindex"/>
        <div class="section-heading">
            <h1>"Your companies"</h1>
            <a class="button" href="/companies/new">"Add my company"</a>
        </div>
        <p>"Stories about your company: " <a href="/news/new">"write one"</a> " or see " <a href="/news/desk">"your stories in progress"</a> "."</p>
        <Suspense fallback=|| view! { <p>"Loading your companies…"</p> }>
            {move || Suspend::new(async move {
                match companies.await {
                    Ok(cards) if cards.is_empty() => view! {
                        <p class="empty-state">"You are not in any company’s team yet. Add your company, or ask its owner to invite you."</p>
                    }.into_any(),
                    Ok(cards) => view! {
                        <table class="table">
                            <caption class="visually-hidden">"Companies you belong to"</caption>
                            <thead><tr><th scope="col">"Company"</th><th scope="col">"Your role"</th><th scope="col">"Status"</th><th scope="col">"Actions"</th></tr></thead>
                            <tbody>
                                {cards.into_iter().map(|card| view! {
                                    <tr>
                                        <td class="cell-with-thumb">
                                            <CompanyLogo src=card.logo.clone() name=card.name.clone() size=40/>
                                            <a href=format!("/companies/{}", card.slug)>{card.name.clone()}</a>
                                        </td>
                                        <td data-label="Your role">{if card.role == "owner" { "Owner" } else { "Editor" }}</td>
                                        <td data-label="Status">
                                            <span class=format!("status status-{}", card.status)>{status_label(&card.status)}</span>
                                            {card.decision_reason.clone().map(|r| view! { <br/><small>{format!("Reason: {}", reason_label(&r))}</small> })}
                                        </td>
                                        <td data-label="Actions">
                                            <a href=format!("/companies/{}/edit", card.slug)>{format!("Edit {}", card.name)}</a>
                                            <br/>
                                            <a href=format!("/companies/{}/jobs", card.slug)>{format!("Jobs at {}", card.name)}</a>
                                        </td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(AppError::Unauthorized) => sign_in_first("/dashboard"),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/invitations/{token}`: join a company's team.
#[component]
pub fn InvitationPage() -> impl IntoView {
    let params = use_params_map();
    let token = Memo::new(move |_| params.read().get("token").unwrap_or_default());
    let details = Resource::new(move || token.get(), pending_while(invitation_details));
    let auth = expect_context::<Auth>();
    let accept = ServerAction::<AcceptInvitation>::new();
    let error = action_error(accept);
    view! {
        <Title text="Invitation"/>
        <Meta name="robots" content="noindex"/>
        <Meta name="referrer" content="no-referrer"/>
        <Suspense fallback=|| view! { <p>"Loading the invitation…"</p> }>
            {move || Suspend::new(async move {
                let user = auth.user.await.ok().flatten();
                match details.await {
                    Ok(info) => view! {
                        <div class="form-page">
                            <h1>{format!("Join {}", info.company_name)}</h1>
                            {match (info.state.as_str(), user) {
                                ("used", _) => view! { <p>"This invitation has already been used."</p> }.into_any(),
                                ("expired", _) => view! { <p>"This invitation has expired. Ask the company’s owner for a new one."</p> }.into_any(),
                                (_, None) => view! {
                                    <p>{format!("You have been invited to edit {}'s profile. Sign in or register as {} to accept.", info.company_name, info.email)}</p>
                                    <p><a class="button" href=format!("/signin?next=/invitations/{}", token.get_untracked())>"Sign in to accept"</a></p>
                                }.into_any(),
                                (_, Some(user)) => view! {
                                    <p>{format!("Signed in as {}. Accept to become an editor of {}.", user.email, info.company_name)}</p>
                                    <ActionForm action=accept attr:class="stacked-form">
                                        <FormAlert error/>
                                        <input type="hidden" name="token" value=token.get_untracked()/>
                                        <button type="submit" class="button">"Accept the invitation"</button>
                                    </ActionForm>
                                }.into_any(),
                            }}
                        </div>
                    }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
