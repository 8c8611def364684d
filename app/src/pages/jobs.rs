//! The jobs board: search, job pages, posting and editing jobs, a company's jobs, and saved jobs.

use crate::address::query_value;
use hubboard::moderation::{REJECTION_REASONS, reason_label};
use hubboard::{
    SECTORS,
    job::{
        Currency, EmploymentType, JobInput, LocationInput, SalaryPeriod, Seniority, WorkplaceKind,
    },
};
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::{
    components::Form,
    hooks::{use_location, use_params_map, use_query_map},
};
use server_fn::ServerFn;

#[cfg(feature = "hydrate")]
use crate::components::in_place;
use crate::pending::pending_while;
use crate::{
    components::cards::{CompanyLogo, EditStateNotice, JobCardView, VerifiedBadge},
    components::report::ReportBox,
    components::{
        form::{
            FormAlert, Rule, SelectField, SentOnce, TextArea, TextField, action_error, field_error,
            flashed,
        },
        island::Region,
        meta::{JsonLd, SocialMeta},
        pagination::pagination,
    },
    error::AppError,
    jobs::{
        CreateJob, DecideJob, FeatureJob, JobDetail, JobEditData, JobLookup, JobsQuery,
        JobsResults, ManageJob, SaveJob, UpdateJob, job_for_edit, job_id_of, job_page_data,
        jobs_of_company, saved_jobs, search_jobs, status_label,
    },
    pages::errors::{ErrorPage, moved_permanently, sign_in_first},
};

/// The part of `/jobs` that searches show in place.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
const RESULTS: Region = Region {
    id: "job-results",
    path: "/jobs",
    announcer: "job-results-said",
    summary: ".result-count",
};

/// The facet parameters of a search, in the order the form shows them.
const FACET_KEYS: [&str; 6] = ["sector", "type", "workplace", "country", "salary", "posted"];

impl JobsQuery {
    fn get(&self, key: &str) -> &str {
        match key {
            "q" => &self.q,
            "sector" => &self.sector,
            "type" => &self.kind,
            "workplace" => &self.workplace,
            "country" => &self.country,
            "salary" => &self.salary,
            "posted" => &self.posted,
            "sort" => &self.sort,
            "featured" => &self.featured,
            _ => "",
        }
    }

    /// The search's address.
    fn href(&self) -> String {
        let mut parts = Vec::new();
        for key in [
            "q",
            "sector",
            "type",
            "workplace",
            "country",
            "salary",
            "posted",
            "sort",
            "featured",
        ] {
            let value = self.get(key);
            if !value.is_empty() {
                parts.push(format!("{key}={}", query_value(value)));
            }
        }
        if self.page > 1 {
            parts.push(format!("page={}", self.page));
        }
        if parts.is_empty() {
            "/jobs".to_owned()
        } else {
            format!("/jobs?{}", parts.join("&"))
        }
    }

    fn is_filtered(&self) -> bool {
        [
            "q",
            "sector",
            "type",
            "workplace",
            "country",
            "salary",
            "posted",
            "featured",
        ]
        .iter()
        .any(|key| !self.get(key).is_empty())
    }
}

/// `/jobs`: search with facets, sorting and pages; the whole state is in the address.
#[component]
pub fn JobsPage() -> impl IntoView {
    super::shared_with_visitors();
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        let map = query_map.read();
        JobsQuery::from_params(|key| map.get(key).unwrap_or_default())
    });
    let results = Resource::new(move || query.get(), pending_while(search_jobs));
    view! {
        <h1>{move || if query.read().featured == "1" { "Featured jobs" } else { "Jobs" }}</h1>
        <Suspense fallback=|| view! { <p>"Loading jobs…"</p> }>
            {move || Suspend::new(async move {
                match results.await {
                    Ok(found) => view! { <JobsResultsView found query=query.get_untracked()/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn JobsResultsView(found: JobsResults, query: JobsQuery) -> impl IntoView {
    let count = match found.total {
        0 => "No open jobs match.".to_owned(),
        1 => "1 open job".to_owned(),
        n => format!("{} open jobs", hubboard::job::thousands(n)),
    };
    let filtered = query.is_filtered();
    let typed = query.q.clone();
    let sort = query.sort.clone();
    let featured = (query.featured == "1").then_some("1");
    let form_id = "job-search";
    let facets = found.facets.clone();
    let chosen_query = query.clone();
    let chosen_filters = FACET_KEYS
        .iter()
        .filter(|key| !query.get(key).is_empty())
        .count()
        + usize::from(!query.sort.is_empty());
    // A plain title, not one that reads the query later: the page's title is read after the page has rendered.
    let title = if featured.is_some() {
        "Featured jobs"
    } else {
        "Jobs"
    };
    let feed = chosen_query.href().replacen("/jobs", "/feeds/jobs.rss", 1);
    let alert_href = crate::alerts::jobs_alert_href(&query);
    view! {
        <SocialMeta title=title description="Open roles from companies in the directory, with salary ranges and clear remote eligibility."/>
        <Link rel="alternate" type_="application/rss+xml" title="These jobs (RSS)" href=feed.clone()/>
        <SearchesInPlace>
        <p class="feed-links">
            <a href=alert_href>"Email me jobs like these"</a>" · "<a href=feed>"RSS feed of this search"</a>
        </p>
        <Form method="GET" action="/jobs" attr:class="filter-form job-search" attr:role="search" attr:id=form_id>
            <div class="job-search-bar">
                <div class="field">
                    <label for="jobs-q">"Search jobs"</label>
                    <input id="jobs-q" type="search" name="q" value=typed placeholder="Title, company or skill"/>
                </div>
                <button type="submit" class="button">"Search"</button>
            </div>
            // On a phone the filters fold away under one line, so the results come first; on a wide screen they
            // are always open (see the style sheet).
            <details class="job-filters" id="job-filters">
                <summary>
                    "Filter and sort"
                    {(chosen_filters > 0).then(|| format!(" ({chosen_filters} chosen)"))}
                </summary>
                <div class="filter-fields">
            {facets
                .into_iter()
                .filter(|f| FACET_KEYS.contains(&f.key.as_str()))
                .map(|facet| {
                    let chosen = chosen_query.get(&facet.key).to_owned();
                    let id = format!("jobs-{}", facet.key);
                    let any = match facet.key.as_str() {
                        "posted" => "Any time",
                        "country" => "Any country",
                        _ => "Any",
                    };
                    view! {
                        <div class="field">
                            <label for=id.clone()>{facet.label.clone()}</label>
                            <select id=id name=facet.key.clone()>
                                <option value="" selected=chosen.is_empty()>{any}</option>
                                {facet
                                    .choices
                                    .into_iter()
                                    .filter(|c| c.count > 0 || c.value == chosen)
                                    .map(|choice| {
                                        let selected = choice.value == chosen;
                                        view! {
                                            <option value=choice.value selected=selected>
                                                {format!("{} ({})", choice.label, choice.count)}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                        </div>
                    }
                })
                .collect_view()}
            <div class="field">
                <label for="jobs-sort">"Sort by"</label>
                <select id="jobs-sort" name="sort">
                    <option value="" selected=sort.is_empty()>"Best match"</option>
                    <option value="newest" selected=sort == "newest">"Newest"</option>
                    <option value="salary" selected=sort == "salary">"Highest salary"</option>
                </select>
            </div>
                    <button type="submit" class="button button-secondary show-results">"Show results"</button>
                </div>
            </details>
            {featured.map(|value| view! { <input type="hidden" name="featured" value=value/> })}
        </Form>
        <p class="result-count" tabindex="-1">
            {count}
            {filtered.then(|| view! { " · " <a href="/jobs">"Clear filters"</a> })}
        </p>
        <ul class="card-list">
            {found.cards.into_iter().map(|card| view! { <li><JobCardView card/></li> }).collect_view()}
        </ul>
        {pagination(found.pages, found.page, move |page| JobsQuery { page, ..query.clone() }.href())}
        </SearchesInPlace>
    }
    .into_any()
}

/// The search form, the count and the results. With JavaScript, choosing a filter or an order searches at once, and
/// the form, the links to other pages of results and Back and Forward show the results in place (see
/// `components::in_place`); without it the form's button and the links load the pages.
#[island]
fn SearchesInPlace(children: Children) -> impl IntoView {
    let root = NodeRef::new();
    crate::components::island::mark_live(root);
    #[cfg(feature = "hydrate")]
    {
        in_place::start();
        let back = window_event_listener(leptos::ev::popstate, |_| {
            if let Some(href) = in_place::returned_to(RESULTS) {
                in_place::show(RESULTS, href, in_place::Entry::Existing, None);
            }
        });
        on_cleanup(move || back.remove());
    }
    let on_change = |ev: leptos::ev::Event| {
        use leptos::wasm_bindgen::JsCast;
        let Some(select) = ev
            .target()
            .and_then(|target| target.dyn_into::<leptos::web_sys::HtmlSelectElement>().ok())
        else {
            return;
        };
        if let Some(form) = select.form() {
            let _ = form.request_submit();
        }
    };
    let on_submit = |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            let Some(form) = ev
                .target()
                .and_then(|target| target.dyn_into::<leptos::web_sys::HtmlFormElement>().ok())
            else {
                return;
            };
            ev.prevent_default();
            let query = JobsQuery::from_params(crate::components::island::form_values(&form));
            let focus = document()
                .active_element()
                .filter(|active| form.contains(Some(active)))
                .map(|active| active.id())
                .filter(|id| !id.is_empty());
            in_place::show(RESULTS, query.href(), in_place::Entry::New, focus);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let on_click = |ev: leptos::ev::MouseEvent| {
        #[cfg(feature = "hydrate")]
        if let Some(href) = in_place::followed_link(RESULTS, &ev) {
            ev.prevent_default();
            in_place::show(RESULTS, href, in_place::Entry::New, None);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    view! {
        <div class="island-contents" id=RESULTS.id node_ref=root on:change=on_change on:submit=on_submit on:click=on_click>
            {children()}
        </div>
        <p class="visually-hidden" role="status" id=RESULTS.announcer></p>
    }
}

/// `/jobs/{id}-{slug}`: the job page.
#[component]
pub fn JobPage() -> impl IntoView {
    super::shared_with_visitors();
    let params = use_params_map();
    let segment = Memo::new(move |_| params.read().get("job").unwrap_or_default());
    // An action on the page redirects back to it with a notice: the changed query reloads the job.
    let search = use_location().search;
    let job = Resource::new(
        move || (segment.get(), search.get()),
        pending_while(|(segment, _)| job_page_data(segment)),
    );
    view! {
        <Suspense fallback=|| view! { <p>"Loading the job…"</p> }>
            {move || Suspend::new(async move {
                match job.await {
                    Ok(JobLookup::Found(job)) => view! { <JobView job=*job/> }.into_any(),
                    Ok(JobLookup::Moved(path)) => moved_permanently(path),
                    Err(AppError::Gone) => view! { <GonePage/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn GonePage() -> impl IntoView {
    crate::pages::errors::set_status(410);
    view! {
        <Title text="Job removed"/>
        <Meta name="robots" content="noindex"/>
        <h1>"This job has been removed"</h1>
        <p>"It closed a long time ago. " <a href="/jobs">"Browse the open jobs"</a> " instead."</p>
    }
}

#[component]
fn JobView(job: JobDetail) -> impl IntoView {
    let open = job.status == "published";
    let closed = matches!(job.status.as_str(), "filled" | "expired" | "archived");
    let unpublished = !open && !closed;
    let share_text = query_value(&format!("{} at {}", job.title, job.company.name));
    let share_url = query_value(&job.page_url);
    let shares = vec![
        (
            "Email",
            format!("mailto:?subject={share_text}&body={share_url}"),
        ),
        (
            "LinkedIn",
            format!("https://www.linkedin.com/sharing/share-offsite/?url={share_url}"),
        ),
        (
            "X",
            format!("https://x.com/intent/post?text={share_text}&url={share_url}"),
        ),
    ];
    let company_href = format!("/companies/{}", job.company.slug);
    let facts_place = job.places.clone();
    view! {
        <SocialMeta
            title=format!("{} at {}", job.title, job.company.name)
            description=job.summary.clone()
            url=job.page_url.clone()
        />
        {(!open).then(|| view! { <Meta name="robots" content="noindex"/> })}
        {job.json_ld.clone().map(|json| view! { <JsonLd json/> })}

        {closed.then(|| view! {
            <div class="alert alert-warning" role="status">
                <strong>"This job is no longer accepting applications. "</strong>
                {if job.status == "filled" { "The company has filled the role." } else { "The closing date has passed." }}
                {if job.similar.is_empty() {
                    view! { " See " <a href="/jobs">"the open jobs"</a> }.into_any()
                } else {
                    view! { " See " <a href="#similar-title">"similar open jobs"</a> }.into_any()
                }}
                " or " <a href=company_href.clone()>{format!("more from {}", job.company.name)}</a> "."
            </div>
        })}
        {unpublished.then(|| view! {
            <div class="alert alert-warning" role="status">
                <strong>{format!("{}: ", status_label(&job.status))}</strong>
                {match job.status.as_str() {
                    "draft" => "this is a preview, exactly as the job will be published. Only the company’s team can see it.".to_owned(),
                    "pending" => "a moderator will review the job before it is published. Only the company’s team and moderators can see it.".to_owned(),
                    _ => format!("the job was not approved. Reason: {}.{} Change it and submit it again.",
                        job.decision_reason.as_deref().map(reason_label).unwrap_or("not given"),
                        if job.decision_note.is_empty() { String::new() } else { format!(" The moderator’s note: {}", job.decision_note) }),
                }}
            </div>
        })}
        {job.edit.clone().map(|edit| view! { <EditStateNotice edit what="job"/> })}

        <article class="job">
            <p class="print-url">{job.page_url.clone()}</p>
            <header class="job-header">
                <p class="job-company">
                    <CompanyLogo src=job.company.logo.clone() name=job.company.name.clone() size=64/>
                    <a href=company_href.clone()>{job.company.name.clone()}</a>
                    {job.company.verified.then(|| view! { <VerifiedBadge/> })}
                </p>
                <h1>{job.title.clone()}</h1>
                <p class="standfirst">
                    {job.places.first().cloned().unwrap_or_default()}
                    " · " {job.workplace.clone()} " · " {job.employment_type.clone()}
                </p>
                <p class="job-salary">{job.salary.clone()}</p>
                {job.featured_until.clone().map(|until| view! {
                    <p><span class="badge badge-featured">"Featured"</span>{format!(" until {until}")}</p>
                })}
            </header>
            // Applying and saving, kept in view at the top of a phone's screen while the job is read.
            <div class="job-actions">
                {open.then(|| view! {
                    <p class="job-apply">
                        <a class="button button-large" href=job.apply_href.clone() rel="nofollow">
                            {if job.apply_by_email { "Apply by email" } else { "Apply on the company’s site" }}
                        </a>
                        <span class="job-closes">"Applications close on " <strong>{job.closes.clone()}</strong> "."</span>
                    </p>
                })}
                <SaveButton job_id=job.id saved=job.saved/>
            </div>
            // The team and the moderators come to act on the job: their tools come before its text.
            {job.can_edit.then(|| view! { <TeamPanel job=job.clone()/> })}
            {job.can_moderate.then(|| view! { <JobModeration job=job.clone()/> })}

            <div class="profile-body">
                <section aria-labelledby="role-title">
                    <h2 id="role-title">"About the role"</h2>
                    <div class="prose" inner_html=job.description_html.clone()></div>
                </section>
                <section aria-labelledby="job-facts-title" class="panel">
                    <h2 id="job-facts-title">"Details"</h2>
                    <dl class="facts">
                        <dt>"Where"</dt>
                        <dd><ul class="plain-list">{facts_place.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul></dd>
                        <dt>"Workplace"</dt>
                        <dd>{job.workplace.clone()}</dd>
                        {(!job.eligibility.is_empty()).then(|| view! {
                            <dt>"Applicants may live in"</dt>
                            <dd>{job.eligibility.join(", ")}</dd>
                        })}
                        <dt>"Employment"</dt>
                        <dd>{job.employment_type.clone()}</dd>
                        <dt>"Seniority"</dt>
                        <dd>{job.seniority.clone()}</dd>
                        <dt>"Sector"</dt>
                        <dd><a href=format!("/jobs?sector={}", job.sector_slug)>{job.sector_name.clone()}</a></dd>
                        <dt>"Salary"</dt>
                        <dd>{job.salary.clone()}</dd>
                        {job.posted.clone().map(|posted| view! { <dt>"Posted"</dt><dd>{posted}</dd> })}
                        <dt>"Closing date"</dt>
                        <dd>{job.closes.clone()}</dd>
                    </dl>
                </section>
                {open.then(|| view! {
                    <section aria-labelledby="share-title">
                        <h2 id="share-title">"Share this job"</h2>
                        <ul class="share-links">
                            {shares.into_iter().map(|(name, href)| view! {
                                <li><a href=href rel="noopener nofollow" target="_blank">{name}<span class="visually-hidden">" (opens in a new tab)"</span></a></li>
                            }).collect_view()}
                            <li><a href=job.href.clone()>"Link to this job"</a></li>
                        </ul>
                    </section>
                })}
                {(!job.similar.is_empty()).then(|| view! {
                    <section aria-labelledby="similar-title">
                        <h2 id="similar-title">{if job.similar_by_title {
                            "Similar open jobs".to_owned()
                        } else {
                            format!("More open jobs in {}", job.sector_name)
                        }}</h2>
                        <ul class="card-list">
                            {job.similar.clone().into_iter().map(|card| view! { <li><JobCardView card/></li> }).collect_view()}
                        </ul>
                    </section>
                })}
            </div>
        </article>
        {open.then(|| view! { <ReportBox kind="job" id=job.id/> })}
    }
    .into_any()
}

/// "Save this job" for signed-in seekers; a sign-in link for everyone else.
#[component]
fn SaveButton(job_id: i64, saved: Option<bool>) -> impl IntoView {
    match saved {
        None => view! {
            <p><a href=format!("/signin?next=/jobs/{job_id}")>"Sign in to save this job"</a></p>
        }
        .into_any(),
        Some(saved) => view! {
            <SaveToggle job_id saved/>
            <p><a href="/saved-jobs">"My saved jobs"</a></p>
        }
        .into_any(),
    }
}

/// The button that saves a job or takes it off the list. With JavaScript it does so in place and says so; without
/// it the form is posted and the page comes back with a notice. A piece of its own: only signed-in seekers get it.
#[island(lazy)]
fn SaveToggle(job_id: i64, saved: bool) -> impl IntoView {
    let action = ServerAction::<SaveJob>::new();
    let error = action_error(action);
    let is_saved = Signal::derive(move || match action.value().get() {
        Some(Ok(now)) => now,
        _ => saved,
    });
    // Said once the server has answered, for screen readers and everyone else.
    let said = move || {
        action.value().get().and_then(Result::ok).map(|now| {
            if now {
                "The job is in your saved jobs."
            } else {
                "The job is no longer in your saved jobs."
            }
        })
    };
    let root = NodeRef::new();
    crate::components::island::mark_live(root);
    view! {
        <div class="island-contents" node_ref=root>
            <FormAlert error/>
            <ActionForm action=action attr:class="inline-form">
                <input type="hidden" name="job_id" value=job_id.to_string()/>
                <input type="hidden" name="save" value=move || (!is_saved.get()).to_string()/>
                <button
                    type="submit"
                    class="button button-secondary"
                    aria-pressed=move || is_saved.get().to_string()
                    disabled=move || action.pending().get()
                >
                    {move || if is_saved.get() { "Saved · remove from my list" } else { "Save this job" }}
                </button>
            </ActionForm>
            <p class="save-status" role="status">{said}</p>
        </div>
    }
}

/// The company team's controls on a job page.
#[component]
fn TeamPanel(job: JobDetail) -> impl IntoView {
    let action = ServerAction::<ManageJob>::new();
    let error = action_error(action);
    let id = job.id.to_string();
    let button = move |value: &'static str, label: &'static str, class: &'static str| {
        let id = id.clone();
        view! {
            <ActionForm action=action attr:class="inline-form">
                <input type="hidden" name="form[job_id]" value=id/>
                <input type="hidden" name="form[action]" value=value/>
                <button type="submit" class=class>{label}</button>
            </ActionForm>
        }
    };
    let status = job.status.clone();
    let extend_value =
        flashed(ManageJob::PATH, "closes_on").unwrap_or_else(|| job.latest_close_iso.clone());
    view! {
        <section class="panel" aria-labelledby="team-job-title">
            <h2 id="team-job-title">"For your team"</h2>
            <p>
                "Status: " <strong>{status_label(&status)}</strong>
                {job.stats.map(|stats| format!(" · {} views · {} apply clicks", stats.views, stats.apply_clicks))}
            </p>
            <FormAlert error/>
            <div class="button-row">
                {matches!(status.as_str(), "draft" | "pending" | "rejected" | "published").then(|| view! {
                    <a class="button button-secondary" href=format!("/jobs/{}/edit", job.id)>"Edit the job"</a>
                })}
                {matches!(status.as_str(), "draft" | "rejected").then(|| button("submit", "Submit for review", "button"))}
                {(status == "published").then(|| button("fill", "Mark as filled", "button button-secondary"))}
                {(status == "published").then(|| button("close", "Close now", "button button-danger"))}
            </div>
            {matches!(status.as_str(), "published" | "expired").then(|| view! {
                <ActionForm action=action attr:class="stacked-form" attr:novalidate=true>
                    <input type="hidden" name="form[job_id]" value=job.id.to_string()/>
                    <input type="hidden" name="form[action]" value="extend"/>
                    <TextField name="form[closes_on]" id="extend-closes-on" label="New closing date" input_type="date"
                        hint="At most 120 days from today. Extending a closed job reopens it."
                        value=extend_value.clone() server_error=field_error(error, "closes_on")/>
                    <button type="submit" class="button button-secondary">"Extend"</button>
                </ActionForm>
            })}
        </section>
    }
}

/// A moderator's controls on a job page: decide a pending job, feature an open one.
#[component]
fn JobModeration(job: JobDetail) -> impl IntoView {
    let decide = ServerAction::<DecideJob>::new();
    let feature = ServerAction::<FeatureJob>::new();
    let decide_error = action_error(decide);
    let feature_error = action_error(feature);
    let mut reasons = vec![(String::new(), "Choose a reason".to_owned())];
    reasons.extend(
        REJECTION_REASONS
            .iter()
            .map(|(c, l)| ((*c).to_owned(), (*l).to_owned())),
    );
    let id = job.id;
    let from = flashed(FeatureJob::PATH, "from").unwrap_or_default();
    let until = flashed(FeatureJob::PATH, "until").unwrap_or_default();
    view! {
        <section class="panel panel-moderation" aria-labelledby="job-moderation-title">
            <h2 id="job-moderation-title">"Moderation"</h2>
            <p>"Status: " <strong>{status_label(&job.status)}</strong></p>
            {(job.status == "pending").then(|| view! {
                <FormAlert error=decide_error/>
                <ActionForm action=decide attr:class="inline-form">
                    <input type="hidden" name="form[job_id]" value=id.to_string()/>
                    <input type="hidden" name="form[decision]" value="approve"/>
                    <button type="submit" class="button">"Approve and publish"</button>
                </ActionForm>
                <ActionForm action=decide attr:class="stacked-form" attr:novalidate=true>
                    <input type="hidden" name="form[job_id]" value=id.to_string()/>
                    <input type="hidden" name="form[decision]" value="reject"/>
                    <SelectField name="form[reason]" id="job-decision-reason" label="Reason for rejecting"
                        options=reasons.clone() server_error=field_error(decide_error, "reason")/>
                    <button type="submit" class="button button-danger">"Reject"</button>
                </ActionForm>
            })}
            {(job.status == "published").then(|| view! {
                <h3>"Featured jobs"</h3>
                <FormAlert error=feature_error/>
                <ActionForm action=feature attr:class="stacked-form" attr:novalidate=true>
                    <input type="hidden" name="form[job_id]" value=id.to_string()/>
                    <input type="hidden" name="form[action]" value="feature"/>
                    <div class="field-row">
                        <TextField name="form[from]" id="feature-from" label="Featured from" input_type="date"
                            value=from.clone() server_error=field_error(feature_error, "from")/>
                        <TextField name="form[until]" id="feature-until" label="Featured until (inclusive)" input_type="date"
                            value=until.clone() server_error=field_error(feature_error, "until")/>
                    </div>
                    <button type="submit" class="button">"Feature this job"</button>
                </ActionForm>
                {job.featured_until.is_some().then(|| view! {
                    <ActionForm action=feature attr:class="inline-form">
                        <input type="hidden" name="form[job_id]" value=id.to_string()/>
                        <input type="hidden" name="form[action]" value="stop"/>
                        <button type="submit" class="button button-secondary">"Stop featuring"</button>
                    </ActionForm>
                })}
            })}
        </section>
    }
}

fn choices<T: Copy>(
    all: &[T],
    value: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str,
    prompt: &str,
) -> Vec<(String, String)> {
    let mut options = vec![(String::new(), prompt.to_owned())];
    options.extend(
        all.iter()
            .map(|c| (value(*c).to_owned(), label(*c).to_owned())),
    );
    options
}

/// How many place rows the form offers.
const PLACE_ROWS: usize = 3;

/// The job fields, shared by posting and editing.
#[component]
fn JobFields(
    input: JobInput,
    action_path: &'static str,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let value =
        |name: &str, stored: &str| flashed(action_path, name).unwrap_or_else(|| stored.to_owned());
    let sectors = {
        let mut options = vec![(String::new(), "Choose a sector".to_owned())];
        options.extend(
            SECTORS
                .iter()
                .map(|s| (s.slug.to_owned(), s.name.to_owned())),
        );
        options
    };
    let currencies = {
        let mut options = vec![(String::new(), "Choose a currency".to_owned())];
        options.extend(
            Currency::ALL
                .iter()
                .map(|c| (c.as_str().to_owned(), c.as_str().to_owned())),
        );
        options
    };
    let salary_kinds = vec![
        ("range".to_owned(), "A range".to_owned()),
        ("fixed".to_owned(), "A single figure".to_owned()),
        ("hidden".to_owned(), "Not disclosed".to_owned()),
    ];
    let periods = choices(
        SalaryPeriod::ALL,
        |p| p.as_str(),
        |p| match p {
            SalaryPeriod::Year => "Per year",
            SalaryPeriod::Month => "Per month",
            SalaryPeriod::Day => "Per day",
            SalaryPeriod::Hour => "Per hour",
        },
        "Choose a period",
    );
    let places: Vec<LocationInput> = (0..PLACE_ROWS)
        .map(|i| {
            let stored = input.locations.get(i).cloned().unwrap_or_default();
            LocationInput {
                city: value(&format!("locations.{i}.city"), &stored.city),
                region: value(&format!("locations.{i}.region"), &stored.region),
                country: value(&format!("locations.{i}.country"), &stored.country),
            }
        })
        .collect();
    let locations_error = field_error(error, "locations");
    view! {
        <TextField name="form[title]" id="job-title" label="Job title" required=true
            value=value("title", &input.title) server_error=field_error(error, "title") check=Rule::JobTitle/>
        <TextArea name="form[description]" id="job-description" label="Description" required=true rows=12
            hint="Markdown: **bold**, *italic*, lists, ## headings and links. What the person will do, what they need, what you offer."
            value=value("description", &input.description) server_error=field_error(error, "description")/>
        <div class="field-row">
            <SelectField name="form[employment_type]" id="job-employment-type" label="Employment type"
                options=choices(EmploymentType::ALL, |t| t.as_str(), |t| t.label(), "Choose a type")
                value=value("employment_type", &input.employment_type) server_error=field_error(error, "employment_type")/>
            <SelectField name="form[seniority]" id="job-seniority" label="Seniority"
                options=choices(Seniority::ALL, |s| s.as_str(), |s| s.label(), "Choose a level")
                value=value("seniority", &input.seniority) server_error=field_error(error, "seniority")/>
        </div>
        <SelectField name="form[sector]" id="job-sector" label="Sector" options=sectors
            value=value("sector", &input.sector) server_error=field_error(error, "sector")/>
        <fieldset class="field places" class:field-invalid=move || locations_error.get().is_some() id="job-locations"
            aria-describedby="job-locations-hint">
            <legend>"Where the job is based"</legend>
            <p class="field-hint" id="job-locations-hint">"One to three places: city and country, region if it helps. For a remote job, the office the team belongs to."</p>
            {places.into_iter().enumerate().map(|(i, place)| {
                let n = i + 1;
                view! {
                    <div class="field-row">
                        <div class="field">
                            <label for=format!("job-place-{i}-city")>{format!("City {n}")}</label>
                            <input id=format!("job-place-{i}-city") name=format!("form[locations][{i}][city]") value=place.city/>
                        </div>
                        <div class="field">
                            <label for=format!("job-place-{i}-region")>{format!("Region {n} (optional)")}</label>
                            <input id=format!("job-place-{i}-region") name=format!("form[locations][{i}][region]") value=place.region/>
                        </div>
                        <div class="field">
                            <label for=format!("job-place-{i}-country")>{format!("Country {n}")}</label>
                            <input id=format!("job-place-{i}-country") name=format!("form[locations][{i}][country]") value=place.country/>
                        </div>
                    </div>
                }
            }).collect_view()}
            <p class="field-error" id="job-locations-error" aria-live="polite">{move || locations_error.get()}</p>
        </fieldset>
        <div class="field-row">
            <SelectField name="form[workplace]" id="job-workplace" label="Workplace"
                options=choices(WorkplaceKind::ALL, |w| w.as_str(), |w| w.label(), "Choose a workplace")
                value=value("workplace", &input.workplace) server_error=field_error(error, "workplace")/>
            <TextField name="form[remote_eligibility]" id="job-remote-eligibility" label="Remote: applicants may live in"
                hint="Required for remote jobs. Countries or regions, separated by commas, such as United Kingdom, Ireland."
                value=value("remote_eligibility", &input.remote_eligibility) server_error=field_error(error, "remote_eligibility")/>
        </div>
        <fieldset class="field salary-fields">
            <legend>"Salary"</legend>
            <SelectField name="form[salary_kind]" id="job-salary-kind" label="The salary is given as" options=salary_kinds
                value=value("salary_kind", if input.salary_kind.is_empty() { "range" } else { &input.salary_kind })
                server_error=field_error(error, "salary_kind")/>
            <div class="field-row">
                <TextField name="form[salary_min]" id="job-salary-min" label="Minimum, or the single figure"
                    hint="Whole amounts, such as 45000 or 45k."
                    value=value("salary_min", &input.salary_min) server_error=field_error(error, "salary_min")/>
                <TextField name="form[salary_max]" id="job-salary-max" label="Maximum"
                    value=value("salary_max", &input.salary_max) server_error=field_error(error, "salary_max")/>
            </div>
            <div class="field-row">
                <SelectField name="form[salary_currency]" id="job-salary-currency" label="Currency" options=currencies
                    value=value("salary_currency", &input.salary_currency) server_error=field_error(error, "salary_currency")/>
                <SelectField name="form[salary_period]" id="job-salary-period" label="Paid" options=periods
                    value=value("salary_period", &input.salary_period) server_error=field_error(error, "salary_period")/>
            </div>
        </fieldset>
        <div class="field-row">
            <TextField name="form[closes_on]" id="job-closes-on" label="Closing date" input_type="date" required=true
                hint="The last day applications are accepted; at most 120 days from today."
                value=value("closes_on", &input.closes_on) server_error=field_error(error, "closes_on")/>
            <TextField name="form[apply]" id="job-apply" label="How to apply" required=true
                hint="The web address of your application form, or the email address applications go to."
                value=value("apply", &input.apply) server_error=field_error(error, "apply")/>
        </div>
    }
    .into_any()
}

/// `/companies/{slug}/jobs`: a company's jobs, for its team.
#[component]
pub fn CompanyJobsPage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let data = Resource::new(move || slug.get(), pending_while(jobs_of_company));
    view! {
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! {
                        <Title text=format!("Jobs at {}", data.company_name)/>
                        <div class="section-heading">
                            <h1>{format!("Jobs at {}", data.company_name)}</h1>
                            {data.can_post.then(|| view! {
                                <a class="button" href=format!("/companies/{}/jobs/new", data.company_slug)>"Post a job"</a>
                            })}
                        </div>
                        {(!data.can_post).then(|| view! {
                            <p class="alert alert-warning">"You can post jobs once a moderator has approved the company."</p>
                        })}
                        {if data.jobs.is_empty() {
                            view! { <p class="empty-state">"No jobs yet."</p> }.into_any()
                        } else {
                            view! {
                                <table class="table">
                                    <caption class="visually-hidden">"The company’s jobs"</caption>
                                    <thead><tr><th scope="col">"Job"</th><th scope="col">"Status"</th><th scope="col">"Closes"</th><th scope="col">"Views"</th><th scope="col">"Apply clicks"</th></tr></thead>
                                    <tbody>
                                        {data.jobs.into_iter().map(|job| view! {
                                            <tr>
                                                <td><a href=job.href.clone()>{job.title.clone()}</a></td>
                                                <td data-label="Status">
                                                    <span class=format!("status status-{}", job.status)>{status_label(&job.status)}</span>
                                                    {job.decision_reason.clone().map(|r| view! { <br/><small>{format!("Reason: {}", reason_label(&r))}</small> })}
                                                    {(!job.decision_note.is_empty()).then(|| view! { <br/><small>{format!("Note: {}", job.decision_note)}</small> })}
                                                    {job.edit.clone().map(|edit| if edit.status == "pending" {
                                                        view! { <br/><small class="edit-state">"Changes waiting for review"</small> }.into_any()
                                                    } else {
                                                        view! {
                                                            <br/><small class="edit-state">
                                                                {format!("Changes not approved. Reason: {}", edit.reason.as_deref().map(reason_label).unwrap_or("not given"))}
                                                                {(!edit.note.is_empty()).then(|| format!(". Note: {}", edit.note))}
                                                            </small>
                                                        }.into_any()
                                                    })}
                                                </td>
                                                <td data-label="Closes">{job.closes.clone()}</td>
                                                <td data-label="Views">{job.stats.map(|stats| stats.views)}</td>
                                                <td data-label="Apply clicks">{job.stats.map(|stats| stats.apply_clicks)}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            }.into_any()
                        }}
                        <p><a href=format!("/companies/{}/edit", data.company_slug)>"Edit the company"</a> " · " <a href="/dashboard">"Your companies"</a></p>
                    }.into_any(),
                    Err(AppError::Unauthorized) => sign_in_first(&format!("/companies/{}/jobs", slug.get_untracked())),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/companies/{slug}/jobs/new`: post a job.
#[component]
pub fn NewJobPage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let data = Resource::new(move || slug.get(), pending_while(jobs_of_company));
    let action = ServerAction::<CreateJob>::new();
    let error = action_error(action);
    view! {
        <Title text="Post a job"/>
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) if data.can_post => view! {
                        <div class="form-page form-page-wide">
                            <h1>{format!("Post a job at {}", data.company_name)}</h1>
                            <p>"Save a draft to preview the job exactly as it will be published, or submit it straight away. A moderator reviews every job before it appears."</p>
                            <ActionForm action=action attr:class="stacked-form" attr:novalidate=true>
                                <FormAlert error/>
                                <SentOnce/>
                                <input type="hidden" name="company_id" value=data.company_id.to_string()/>
                                <JobFields input=JobInput::default() action_path=CreateJob::PATH error/>
                                <div class="button-row">
                                    <button type="submit" class="button" name="intent" value="submit">"Submit for review"</button>
                                    <button type="submit" class="button button-secondary" name="intent" value="draft">"Save as draft and preview"</button>
                                </div>
                            </ActionForm>
                        </div>
                    }.into_any(),
                    Ok(_) => view! { <ErrorPage error=AppError::Refused("A company can post jobs once a moderator has approved it.".into())/> }.into_any(),
                    Err(AppError::Unauthorized) => sign_in_first(&format!("/companies/{}/jobs/new", slug.get_untracked())),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/jobs/{id}/edit`: change a job.
#[component]
pub fn EditJobPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("job")
            .and_then(|s| job_id_of(&s))
            .unwrap_or(0)
    });
    let data = Resource::new(move || id.get(), pending_while(job_for_edit));
    view! {
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <EditJob data/> }.into_any(),
                    Err(AppError::Unauthorized) => sign_in_first(&format!("/jobs/{}/edit", id.get_untracked())),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EditJob(data: JobEditData) -> impl IntoView {
    let action = ServerAction::<UpdateJob>::new();
    let error = action_error(action);
    let can_submit = matches!(data.status.as_str(), "draft" | "rejected");
    view! {
        <Title text=format!("Edit {}", data.input.title)/>
        <div class="form-page form-page-wide">
            <h1>"Edit " {data.input.title.clone()}</h1>
            <p>
                "Status: " <strong>{status_label(&data.status)}</strong>
                " · " <a href=data.href.clone()>"View the job"</a>
                " · " <a href=format!("/companies/{}/jobs", data.company_slug)>{format!("Jobs at {}", data.company_name)}</a>
            </p>
            {data.edit.clone().map(|edit| view! { <EditStateNotice edit what="job"/> })}
            {(data.status == "published" && data.edit.is_none()).then(|| view! {
                <p class="alert alert-warning">"A change to the title, description, salary or places of an open job goes to the moderators first; the job stays public as it is until they approve the change. Other changes show at once."</p>
            })}
            <ActionForm action=action attr:class="stacked-form" attr:novalidate=true>
                <FormAlert error/>
                <input type="hidden" name="job_id" value=data.id.to_string()/>
                <JobFields input=data.input.clone() action_path=UpdateJob::PATH error/>
                <div class="button-row">
                    {can_submit.then(|| view! {
                        <button type="submit" class="button" name="intent" value="submit">"Save and submit for review"</button>
                    })}
                    <button type="submit" class="button button-secondary" name="intent" value="save">"Save changes"</button>
                </div>
            </ActionForm>
        </div>
    }
    .into_any()
}

/// `/saved-jobs`: the signed-in seeker's saved jobs.
#[component]
pub fn SavedJobsPage() -> impl IntoView {
    let jobs = Resource::new(|| (), pending_while(|_| saved_jobs()));
    view! {
        <Title text="My saved jobs"/>
        <Meta name="robots" content="noindex"/>
        <h1>"My saved jobs"</h1>
        <Suspense fallback=|| view! { <p>"Loading your saved jobs…"</p> }>
            {move || Suspend::new(async move {
                match jobs.await {
                    Ok(cards) if cards.is_empty() => view! {
                        <p class="empty-state">"You have not saved any jobs yet. " <a href="/jobs">"Browse jobs"</a> " and save the ones you like."</p>
                    }.into_any(),
                    Ok(cards) => view! {
                        <ul class="card-list">
                            {cards.into_iter().map(|card| {
                                let closed = card.status != "published";
                                view! {
                                    <li>
                                        <JobCardView card/>
                                        {closed.then(|| view! { <p class="card-meta"><strong>"No longer accepting applications."</strong></p> })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(AppError::Unauthorized) => sign_in_first("/saved-jobs"),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
