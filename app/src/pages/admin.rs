//! The moderation console under `/admin`: overview with charts, queues, review pages, the audit log, accounts and
//! refused domains. Every page is a plain page with plain forms: it works without JavaScript and from the
//! keyboard alone (a decision moves on to the next item of the queue).

use hubboard::moderation::{Queue, REJECTION_REASONS};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{
    components::Form,
    hooks::{use_location, use_params_map, use_query_map},
};
use server_fn::ServerFn;

use crate::pending::pending_while;
use crate::{
    components::form::{
        FormAlert, SelectField, TextArea, TextField, action_error, field_error, flashed,
    },
    error::AppError,
    moderation::{
        AUDIT_PAGE, AuditQuery, BanDomain, ChangeSettings, Decide, FieldDiff, Overview,
        QueueCounts, ResolveReports, Review, SaveRates, SaveSynonyms, SetRole, SuspendUser,
        UnbanDomain, WeekStats, accounts, audit_log, banned_domains, console_overview, queue_items,
        queue_title, reported, review_item, search_synonyms,
    },
    pages::errors::{ErrorPage, sign_in_first},
};

/// The error view of a console page: sign in first, or the error page.
fn refused(error: AppError, path: String) -> AnyView {
    match error {
        AppError::Unauthorized => sign_in_first(&path),
        error => view! { <ErrorPage error/> }.into_any(),
    }
}

/// The console's navigation, with each queue's count.
#[component]
fn ConsoleNav(counts: QueueCounts, is_admin: bool) -> impl IntoView {
    let location = use_location();
    let current = move |href: &'static str| {
        let path = location.pathname.get();
        (path == href || (href != "/admin" && path.starts_with(href))).then_some("page")
    };
    view! {
        <nav class="console-nav" aria-label="Moderation">
            <ul>
                <li><a href="/admin" aria-current=move || current("/admin")>"Overview"</a></li>
                {Queue::ALL.into_iter().map(|queue| {
                    let (count, title) = (counts.of(queue.slug()), queue.title());
                    let href: &'static str = match queue {
                        Queue::Companies => "/admin/queue/companies",
                        Queue::CompanyEdits => "/admin/queue/company-edits",
                        Queue::Jobs => "/admin/queue/jobs",
                        Queue::JobEdits => "/admin/queue/job-edits",
                        Queue::Articles => "/admin/queue/articles",
                        Queue::Reports => "/admin/queue/reports",
                    };
                    view! {
                        <li>
                            <a href=href aria-current=move || current(href)>
                                {title} " " <span class="count" class:count-zero=count == 0>{count}</span>
                            </a>
                        </li>
                    }
                }).collect_view()}
                <li><a href="/admin/audit" aria-current=move || current("/admin/audit")>"Audit log"</a></li>
                <li><a href="/admin/domains" aria-current=move || current("/admin/domains")>"Refused domains"</a></li>
                <li><a href="/admin/search" aria-current=move || current("/admin/search")>"Search settings"</a></li>
                {is_admin.then(|| view! {
                    <li><a href="/admin/users" aria-current=move || current("/admin/users")>"Accounts and roles"</a></li>
                })}
            </ul>
        </nav>
    }
}

/// `/admin`: what waits, and two charts of the last twelve weeks.
#[component]
pub fn ConsolePage() -> impl IntoView {
    let overview = Resource::new(|| (), pending_while(|_| console_overview()));
    view! {
        <Title text="Moderation"/>
        <Meta name="robots" content="noindex"/>
        <h1>"Moderation"</h1>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(overview) => view! { <OverviewView overview/> }.into_any(),
                    Err(error) => refused(error, "/admin".into()),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OverviewView(overview: Overview) -> impl IntoView {
    let counts = overview.counts;
    view! {
        <ConsoleNav counts is_admin=overview.is_admin/>
        <section aria-labelledby="waiting-title">
            <h2 id="waiting-title">"Waiting for a decision"</h2>
            {if counts.total() == 0 {
                view! { <p class="empty-state">"Nothing is waiting. Well done."</p> }.into_any()
            } else {
                view! {
                    <ul class="queue-tiles">
                        {Queue::ALL.into_iter().filter(|queue| counts.of(queue.slug()) > 0).map(|queue| view! {
                            <li>
                                <a href=format!("/admin/queue/{}", queue.slug())>
                                    <strong class="queue-tile-count">{counts.of(queue.slug())}</strong>
                                    " " {queue.title()}
                                </a>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="published-title">
            <h2 id="published-title">"Listings published per week"</h2>
            <PublishedChart weeks=overview.weeks.clone()/>
        </section>
        <section aria-labelledby="time-title">
            <h2 id="time-title">"Moderation time"</h2>
            <p class="muted">"Median hours from submission to decision, for the decisions made each week."</p>
            <TimeChart weeks=overview.weeks/>
        </section>
    }
}

const CHART_W: f64 = 640.0;
const CHART_H: f64 = 200.0;
const CHART_LEFT: f64 = 40.0;
const CHART_BOTTOM: f64 = 28.0;

/// A round upper bound for a chart's scale.
fn nice_max(value: f64) -> f64 {
    if value <= 0.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(value.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|step| step * magnitude)
        .find(|candidate| *candidate >= value)
        .unwrap_or(10.0 * magnitude)
}

/// The axis labels of a weekly chart: every other Monday, as day and month.
fn week_label(week: &str) -> String {
    week.get(5..).unwrap_or(week).to_owned()
}

/// Stacked bars of jobs, companies and stories published each week, with the figures in a table beside it.
#[component]
fn PublishedChart(weeks: Vec<WeekStats>) -> impl IntoView {
    let max = nice_max(
        weeks
            .iter()
            .map(|w| (w.jobs + w.companies + w.articles) as f64)
            .fold(0.0, f64::max),
    );
    let plot_h = CHART_H - CHART_BOTTOM - 8.0;
    let slot = (CHART_W - CHART_LEFT) / weeks.len().max(1) as f64;
    let bar = slot * 0.6;
    let total: i64 = weeks
        .iter()
        .map(|w| w.jobs + w.companies + w.articles)
        .sum();
    let bars = weeks
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let x = CHART_LEFT + i as f64 * slot + (slot - bar) / 2.0;
            let mut y = 8.0 + plot_h;
            let mut rects = Vec::new();
            for (value, class) in [(w.jobs, "series-jobs"), (w.companies, "series-companies"), (w.articles, "series-articles")] {
                let h = value as f64 / max * plot_h;
                y -= h;
                if value > 0 {
                    rects.push(view! { <rect class=class x=format!("{x:.1}") y=format!("{y:.1}") width=format!("{bar:.1}") height=format!("{h:.1}")/> });
                }
            }
            let label = (i % 2 == 0).then(|| view! {
                <text class="chart-axis" x=format!("{:.1}", x + bar / 2.0) y=format!("{:.1}", CHART_H - 8.0) text-anchor="middle">{week_label(&w.week)}</text>
            });
            view! { <g>{rects}{label}</g> }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {CHART_W} {CHART_H}") role="img" aria-labelledby="published-chart-title">
                <title id="published-chart-title">{format!("{total} listings published in the last {} weeks; the figures are in the table below.", weeks.len())}</title>
                <line class="chart-rule" x1=CHART_LEFT y1=8 x2=CHART_W y2=8/>
                <line class="chart-rule" x1=CHART_LEFT x2=CHART_W y1=format!("{:.1}", 8.0 + plot_h) y2=format!("{:.1}", 8.0 + plot_h)/>
                <text class="chart-axis" x=CHART_LEFT - 6.0 y=12 text-anchor="end">{format!("{max}")}</text>
                <text class="chart-axis" x=CHART_LEFT - 6.0 y=format!("{:.1}", 8.0 + plot_h) text-anchor="end">"0"</text>
                {bars}
            </svg>
            <figcaption>
                <span class="legend legend-jobs">"Jobs"</span>
                <span class="legend legend-companies">"Companies"</span>
                <span class="legend legend-articles">"Stories"</span>
            </figcaption>
        </figure>
        <details class="chart-data">
            <summary>"The figures"</summary>
            <table class="table">
                <caption class="visually-hidden">"Listings published per week"</caption>
                <thead><tr><th scope="col">"Week of"</th><th scope="col">"Jobs"</th><th scope="col">"Companies"</th><th scope="col">"Stories"</th></tr></thead>
                <tbody>
                    {weeks.iter().map(|w| view! {
                        <tr><th scope="row">{w.week.clone()}</th><td data-label="Jobs">{w.jobs}</td><td data-label="Companies">{w.companies}</td><td data-label="Stories">{w.articles}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </details>
    }
}

/// Bars of the median hours a decision took each week.
#[component]
fn TimeChart(weeks: Vec<WeekStats>) -> impl IntoView {
    let max = nice_max(
        weeks
            .iter()
            .filter_map(|w| w.median_hours)
            .fold(0.0, f64::max),
    );
    let plot_h = CHART_H - CHART_BOTTOM - 8.0;
    let slot = (CHART_W - CHART_LEFT) / weeks.len().max(1) as f64;
    let bar = slot * 0.6;
    let decisions: i64 = weeks.iter().map(|w| w.decisions).sum();
    let bars = weeks
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let x = CHART_LEFT + i as f64 * slot + (slot - bar) / 2.0;
            let rect = w.median_hours.map(|hours| {
                let h = (hours / max * plot_h).max(1.0);
                view! { <rect class="series-time" x=format!("{x:.1}") y=format!("{:.1}", 8.0 + plot_h - h) width=format!("{bar:.1}") height=format!("{h:.1}")/> }
            });
            let label = (i % 2 == 0).then(|| view! {
                <text class="chart-axis" x=format!("{:.1}", x + bar / 2.0) y=format!("{:.1}", CHART_H - 8.0) text-anchor="middle">{week_label(&w.week)}</text>
            });
            view! { <g>{rect}{label}</g> }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {CHART_W} {CHART_H}") role="img" aria-labelledby="time-chart-title">
                <title id="time-chart-title">{format!("{decisions} decisions in the last {} weeks; the median hours of each week are in the table below.", weeks.len())}</title>
                <line class="chart-rule" x1=CHART_LEFT y1=8 x2=CHART_W y2=8/>
                <line class="chart-rule" x1=CHART_LEFT x2=CHART_W y1=format!("{:.1}", 8.0 + plot_h) y2=format!("{:.1}", 8.0 + plot_h)/>
                <text class="chart-axis" x=CHART_LEFT - 6.0 y=12 text-anchor="end">{format!("{max} h")}</text>
                <text class="chart-axis" x=CHART_LEFT - 6.0 y=format!("{:.1}", 8.0 + plot_h) text-anchor="end">"0"</text>
                {bars}
            </svg>
        </figure>
        <details class="chart-data">
            <summary>"The figures"</summary>
            <table class="table">
                <caption class="visually-hidden">"Median hours to a decision per week"</caption>
                <thead><tr><th scope="col">"Week of"</th><th scope="col">"Decisions"</th><th scope="col">"Median hours"</th></tr></thead>
                <tbody>
                    {weeks.iter().map(|w| view! {
                        <tr>
                            <th scope="row">{w.week.clone()}</th>
                            <td data-label="Decisions">{w.decisions}</td>
                            <td data-label="Median hours">{w.median_hours.map_or_else(|| "–".to_owned(), |h| format!("{h:.1}"))}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </details>
    }
}

/// `/admin/queue/{queue}`: a queue, oldest first, with a filter.
#[component]
pub fn QueuePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = Memo::new(move |_| {
        (
            params.read().get("queue").unwrap_or_default(),
            query.read().get("q").unwrap_or_default(),
        )
    });
    let items = Resource::new(
        move || key.get(),
        pending_while(|(queue, q)| queue_items(queue, q)),
    );
    view! {
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let (queue, q) = key.get_untracked();
                let filtered = !q.is_empty();
                match items.await {
                    Ok(view) => {
                        let title = queue_title(&view.queue);
                        let first = view.items.first().map(|item| item.href.clone());
                        view! {
                            <Title text=title/>
                            <h1>{title}</h1>
                            <ConsoleNav counts=view.counts is_admin=view.is_admin/>
                            <Form method="GET" action=format!("/admin/queue/{}", view.queue) attr:class="filter-form" attr:role="search">
                                <div class="field">
                                    <label for="queue-q">"Filter by title or company"</label>
                                    <input id="queue-q" type="search" name="q" value=q.clone()/>
                                </div>
                                <button type="submit" class="button button-secondary">"Filter"</button>
                            </Form>
                            {match first {
                                None => view! {
                                    <p class="empty-state">{if !filtered { "Nothing is waiting here." } else { "Nothing waiting here matches that filter." }}</p>
                                }.into_any(),
                                Some(first) => view! {
                                    <p><a class="button" href=first>"Review the oldest first"</a></p>
                                    <table class="table queue-table">
                                        <caption class="visually-hidden">{format!("{title}, oldest first")}</caption>
                                        <thead><tr>
                                            <th scope="col">"Item"</th>
                                            <th scope="col">{if view.queue == "reports" { "Reasons given" } else { "Company or place" }}</th>
                                            <th scope="col">"Waiting since"</th>
                                            {(view.queue == "reports").then(|| view! { <th scope="col">"Reports"</th> })}
                                        </tr></thead>
                                        <tbody>
                                            {view.items.into_iter().map(|item| {
                                                let reports = (view.queue == "reports").then(|| view! { <td data-label="Reports">{item.count}</td> });
                                                let kind = (view.queue == "reports").then(|| format!("{}: ", item.kind));
                                                let context_label = if view.queue == "reports" { "Reasons given" } else { "Company or place" };
                                                view! {
                                                    <tr>
                                                        <td class="cell-with-thumb">
                                                            {item.thumb.map(|src| view! { <img class="queue-thumb" src=src alt="" width=40 height=40 loading="lazy"/> })}
                                                            <span>{kind}<a href=item.href>{item.title}</a></span>
                                                        </td>
                                                        <td data-label=context_label>{item.context}</td>
                                                        <td data-label="Waiting since">{item.waiting}</td>
                                                        {reports}
                                                    </tr>
                                                }
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                }.into_any(),
                            }}
                        }.into_any()
                    }
                    Err(error) => refused(error, format!("/admin/queue/{queue}")),
                }
            })}
        </Suspense>
    }
}

/// `/admin/review/{queue}/{id}`: one item with what changed, and the decision.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let params = use_params_map();
    let search = use_location().search;
    let key = Memo::new(move |_| {
        let map = params.read();
        (
            map.get("queue").unwrap_or_default(),
            map.get("id")
                .and_then(|id| id.parse::<i64>().ok())
                .unwrap_or(0),
            search.get(),
        )
    });
    let review = Resource::new(
        move || key.get(),
        pending_while(|(queue, id, _)| review_item(queue, id)),
    );
    view! {
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let (queue, id, _) = key.get_untracked();
                match review.await {
                    Ok(review) => view! { <ReviewView review/> }.into_any(),
                    Err(error) => refused(error, format!("/admin/review/{queue}/{id}")),
                }
            })}
        </Suspense>
    }
}

/// `/admin/reports/{kind}/{id}`: a reported listing, its reports, and the answer.
#[component]
pub fn ReportedPage() -> impl IntoView {
    let params = use_params_map();
    let search = use_location().search;
    let key = Memo::new(move |_| {
        let map = params.read();
        (
            map.get("kind").unwrap_or_default(),
            map.get("id")
                .and_then(|id| id.parse::<i64>().ok())
                .unwrap_or(0),
            search.get(),
        )
    });
    let review = Resource::new(
        move || key.get(),
        pending_while(|(kind, id, _)| reported(kind, id)),
    );
    view! {
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let (kind, id, _) = key.get_untracked();
                match review.await {
                    Ok(review) => view! { <ReviewView review/> }.into_any(),
                    Err(error) => refused(error, format!("/admin/reports/{kind}/{id}")),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ReviewView(review: Review) -> impl IntoView {
    let queue = review.queue.clone();
    let heading = match queue.as_str() {
        "job-edits" | "company-edits" => format!("Edit: {}", review.title),
        "reports" => format!("Reported: {}", review.title),
        _ => review.title.clone(),
    };
    let decision = match (review.open, queue.as_str()) {
        (false, _) => view! {
            <section class="panel" aria-labelledby="decision-title">
                <h2 id="decision-title">"Decided"</h2>
                <p>{review.last_decision.clone().map_or_else(
                    || "This is no longer waiting for a decision.".to_owned(),
                    |who| format!("Already decided: {who}."),
                )}</p>
                <p><a href=format!("/admin/queue/{queue}")>"Back to the queue"</a></p>
            </section>
        }
        .into_any(),
        (true, "reports") => {
            view! { <ResolveForm kind=review.kind.clone() id=review.id/> }.into_any()
        }
        (true, _) => view! { <DecisionForm queue=queue.clone() id=review.id/> }.into_any(),
    };
    view! {
        <Title text=heading.clone()/>
        <p class="breadcrumb"><a href=format!("/admin/queue/{queue}")>{queue_title(&queue)}</a></p>
        <h1>{heading}</h1>
        <ConsoleNav counts=review.counts is_admin=review.is_admin/>
        <p><a href="#decision-title" class="skip-to-decision">"Go to the decision"</a></p>
        <p>
            "Status: " <strong>{review.status.clone()}</strong>
            " · sent " {review.submitted.clone()}
            " · " <a href=review.href.clone()>"Its public page"</a>
        </p>
        {(!review.reports.is_empty()).then(|| view! {
            <section class="panel" aria-labelledby="reports-title">
                <h2 id="reports-title">{format!("{} open report{}", review.reports.len(), if review.reports.len() == 1 { "" } else { "s" })}</h2>
                <ul class="report-list">
                    {review.reports.iter().map(|r| view! {
                        <li>
                            <strong>{r.reason.clone()}</strong>
                            " · " {r.when.clone()}
                            {if r.by_account { " · signed in" } else { " · guest" }}
                            {(!r.details.is_empty()).then(|| view! { <blockquote>{r.details.clone()}</blockquote> })}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        {(!review.diff.is_empty()).then(|| view! { <DiffView diff=review.diff.clone()/> })}
        <section aria-labelledby="listing-title">
            <h2 id="listing-title">{if review.diff.is_empty() { "What the public would see" } else { "The edited version" }}</h2>
            <dl class="facts">
                {review.facts.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| view! {
                    <dt>{k.clone()}</dt><dd>{v.clone()}</dd>
                }).collect_view()}
            </dl>
            <div class="prose review-body" inner_html=review.body_html.clone()></div>
        </section>
        {decision}
    }
}

/// What an edit changes, field by field, with removed words struck through and added words marked.
#[component]
fn DiffView(diff: Vec<FieldDiff>) -> impl IntoView {
    view! {
        <section class="panel diff" aria-labelledby="diff-title">
            <h2 id="diff-title">"What changed"</h2>
            <p class="muted">"Removed words are struck through; added words are underlined. Fields not listed are unchanged."</p>
            <dl>
                {diff.into_iter().map(|field| view! {
                    <dt>{field.field}</dt>
                    <dd class="diff-text">
                        {field.parts.into_iter().map(|(kind, text)| match kind.as_str() {
                            "del" => view! { <del><span class="visually-hidden">"[removed: "</span>{text}<span class="visually-hidden">"]"</span></del> }.into_any(),
                            "ins" => view! { <ins><span class="visually-hidden">"[added: "</span>{text}<span class="visually-hidden">"]"</span></ins> }.into_any(),
                            _ => view! { <span>{text}</span> }.into_any(),
                        }).collect_view()}
                    </dd>
                }).collect_view()}
            </dl>
        </section>
    }
}

fn reason_options(first: &str) -> Vec<(String, String)> {
    std::iter::once((String::new(), first.to_owned()))
        .chain(
            REJECTION_REASONS
                .iter()
                .map(|(c, l)| ((*c).to_owned(), (*l).to_owned())),
        )
        .collect()
}

/// The radio buttons of a decision: (value, label, what it does), with `chosen` checked (none when it is empty),
/// and the message when none was chosen.
#[component]
fn DecisionChoices(
    name: &'static str,
    id_prefix: &'static str,
    choices: Vec<(&'static str, &'static str, &'static str)>,
    chosen: String,
    #[prop(optional, into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id_prefix}-error");
    let described = error_id.clone();
    view! {
        <fieldset
            class="field radio-group"
            class:field-invalid=move || error.get().is_some()
            aria-describedby=move || error.get().is_some().then(|| described.clone())
        >
            <legend>"Decision"</legend>
            {choices.into_iter().map(|(value, label, hint)| {
                let input_id = format!("{id_prefix}-{value}");
                view! {
                    <div class="radio">
                        <input type="radio" id=input_id.clone() name=name value=value checked=chosen == value/>
                        <label for=input_id>{label} <span class="muted">" — " {hint}</span></label>
                    </div>
                }
            }).collect_view()}
            <p class="field-error" id=error_id aria-live="polite">{move || error.get()}</p>
        </fieldset>
    }
}

/// Approve, ask for changes, or reject with a reason code and a note. No decision is chosen before the moderator
/// chooses one, so a stray Enter decides nothing.
#[component]
fn DecisionForm(queue: String, id: i64) -> impl IntoView {
    let action = ServerAction::<Decide>::new();
    let error = action_error(action);
    // Read as the form's fields are made, once the form has taken in the last answer's error.
    let messages = move || {
        ["decision", "reason", "note"]
            .into_iter()
            .filter_map(|field| {
                let message = error.get_untracked()?.field(field)?;
                Some((field.to_owned(), message))
            })
            .collect::<Vec<_>>()
    };
    view! {
        <section class="panel panel-moderation" aria-labelledby="decision-title">
            <h2 id="decision-title" tabindex="-1">"Your decision"</h2>
            <FormAlert error/>
            <ActionForm action=action attr:class="stacked-form" attr:novalidate=true>
                <input type="hidden" name="form[queue]" value=queue/>
                <input type="hidden" name="form[id]" value=id.to_string()/>
                <DecisionFields
                    chosen=flashed(Decide::PATH, "decision").unwrap_or_default()
                    reason=flashed(Decide::PATH, "reason").unwrap_or_default()
                    note=flashed(Decide::PATH, "note").unwrap_or_default()
                    reasons=reason_options("No reason: approving or asking for changes")
                    errors=messages()
                />
            </ActionForm>
        </section>
    }
}

/// The decision's fields and its button. With JavaScript the reason code is offered only for a rejection, and the
/// decision is checked by the same rule as on the server as it is sent: a missing decision, reason or note is told
/// next to its field at once. Without it, the server tells the same.
#[island(lazy)]
fn DecisionFields(
    chosen: String,
    reason: String,
    note: String,
    reasons: Vec<(String, String)>,
    /// The messages of the last answer, by field.
    errors: Vec<(String, String)>,
) -> impl IntoView {
    let decision = RwSignal::new(chosen.clone());
    let shown = RwSignal::new(errors);
    let live = RwSignal::new(false);
    Effect::new(move |_| live.set(true));
    let error_of = move |field: &'static str| {
        Signal::derive(move || {
            shown.with(|errors| {
                errors
                    .iter()
                    .find(|(f, _)| f == field)
                    .map(|(_, m)| m.clone())
            })
        })
    };
    let root = NodeRef::new();
    crate::components::island::mark_live(root);
    let on_change = move |ev: leptos::ev::Event| {
        use leptos::wasm_bindgen::JsCast;
        if let Some(radio) = ev
            .target()
            .and_then(|target| target.dyn_into::<leptos::web_sys::HtmlInputElement>().ok())
            .filter(|input| input.type_() == "radio")
        {
            decision.set(radio.value());
        }
    };
    let on_send = move |ev: leptos::ev::MouseEvent| {
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            let Some(form) = ev
                .current_target()
                .and_then(|target| target.dyn_into::<leptos::web_sys::HtmlButtonElement>().ok())
                .and_then(|button| button.form())
            else {
                return;
            };
            let value = crate::components::island::form_values(&form);
            let checked = hubboard::moderation::Decision::parse(
                &value("form[decision]"),
                &value("form[reason]"),
                &value("form[note]"),
            );
            let Err(errors) = checked else {
                shown.set(Vec::new());
                return;
            };
            ev.prevent_default();
            let errors: Vec<(String, String)> = ["decision", "reason", "note"]
                .into_iter()
                .filter_map(|field| Some((field.to_owned(), errors.get(field)?.to_owned())))
                .collect();
            let first = match errors.first().map(|(field, _)| field.as_str()) {
                Some("decision") => "decision-approve",
                Some("reason") => "decision-reason",
                _ => "decision-note",
            };
            shown.set(errors);
            if let Some(field) = document()
                .get_element_by_id(first)
                .and_then(|field| field.dyn_into::<leptos::web_sys::HtmlElement>().ok())
            {
                let _ = field.focus();
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let choices = vec![
        (
            "approve",
            "Approve",
            "It goes public (or replaces the public version).",
        ),
        (
            "changes",
            "Ask for changes",
            "It goes back to the submitter with your note.",
        ),
        (
            "reject",
            "Reject",
            "Refused with a reason code; the submitter sees it.",
        ),
    ];
    view! {
        <div class="island-contents" node_ref=root on:change=on_change>
            <DecisionChoices name="form[decision]" id_prefix="decision" choices chosen error=error_of("decision")/>
            <div hidden=move || live.get() && decision.get() != "reject">
                <SelectField
                    name="form[reason]"
                    id="decision-reason"
                    label="Reason code (for a rejection)"
                    options=reasons
                    value=reason
                    server_error=error_of("reason")
                />
            </div>
            <TextArea
                name="form[note]"
                id="decision-note"
                label="Note to the submitter"
                hint="Needed when asking for changes; sent with a rejection too."
                rows=3
                value=note
                server_error=error_of("note")
            />
            <button type="submit" class="button" on:click=on_send>"Decide and go to the next"</button>
        </div>
    }
}

/// Dismiss the reports, or take the listing down with a reason.
#[component]
fn ResolveForm(kind: String, id: i64) -> impl IntoView {
    let action = ServerAction::<ResolveReports>::new();
    let error = action_error(action);
    let chosen = flashed(ResolveReports::PATH, "action").unwrap_or_else(|| "dismiss".into());
    let choices = vec![
        (
            "dismiss",
            "Dismiss the reports",
            "The listing is fine and stays public.",
        ),
        (
            "remove",
            "Take the listing down",
            "Hidden from the public; its team or writer is told the reason.",
        ),
    ];
    view! {
        <section class="panel panel-moderation" aria-labelledby="decision-title">
            <h2 id="decision-title" tabindex="-1">"Your decision"</h2>
            <FormAlert error/>
            <ActionForm action=action attr:class="stacked-form" attr:novalidate=true>
                <input type="hidden" name="form[kind]" value=kind/>
                <input type="hidden" name="form[id]" value=id.to_string()/>
                <DecisionChoices name="form[action]" id_prefix="resolve" choices chosen/>
                <SelectField
                    name="form[reason]"
                    id="decision-reason"
                    label="Reason code (for taking it down)"
                    options=reason_options("No reason: dismissing")
                    value=flashed(ResolveReports::PATH, "reason").unwrap_or_default()
                    server_error=field_error(error, "reason")
                />
                <TextArea
                    name="form[note]"
                    id="decision-note"
                    label="Note"
                    rows=3
                    value=flashed(ResolveReports::PATH, "note").unwrap_or_default()
                    server_error=field_error(error, "note")
                />
                <button type="submit" class="button">"Decide and go to the next"</button>
            </ActionForm>
        </section>
    }
}

/// `/admin/audit`: every moderation action, newest first, with filters and (for admins) the CSV export.
#[component]
pub fn AuditPage() -> impl IntoView {
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        let map = query_map.read();
        let get = |key: &str| map.get(key).unwrap_or_default();
        AuditQuery {
            actor: get("actor"),
            action: get("action"),
            target: get("target"),
            from: get("from"),
            until: get("until"),
            page: get("page"),
        }
    });
    let log = Resource::new(move || query.get(), pending_while(audit_log));
    let actions = [
        ("", "Any action"),
        ("company.", "Companies"),
        ("company-edit.", "Company edits"),
        ("job.", "Jobs"),
        ("job-edit.", "Job edits"),
        ("article.", "Stories"),
        ("user.", "Accounts and roles"),
        ("domain.", "Refused domains"),
    ];
    view! {
        <Title text="Audit log"/>
        <Meta name="robots" content="noindex"/>
        <h1>"Audit log"</h1>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let q = query.get_untracked();
                match log.await {
                    Ok(log) => {
                        let filters = q.to_query_string();
                        let page_href = {
                            let filters = filters.clone();
                            move |page: i64| {
                                if filters.is_empty() {
                                    format!("/admin/audit?page={page}")
                                } else {
                                    format!("/admin/audit?{filters}&page={page}")
                                }
                            }
                        };
                        let first_row = (log.page - 1) * AUDIT_PAGE + 1;
                        view! {
                            <ConsoleNav counts=log.counts is_admin=log.is_admin/>
                            <p class="muted">"Every moderation action, role change and suspension, as it was written with the change. Rows are never changed or deleted."</p>
                            <Form method="GET" action="/admin/audit" attr:class="filter-form" attr:role="search">
                                <div class="field">
                                    <label for="audit-actor">"Who"</label>
                                    <input id="audit-actor" type="search" name="actor" value=q.actor.clone()/>
                                </div>
                                <div class="field">
                                    <label for="audit-action">"Action"</label>
                                    <select id="audit-action" name="action">
                                        {actions.into_iter().map(|(value, label)| view! {
                                            <option value=value selected=q.action == value>{label}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="audit-target">"Target"</label>
                                    <input id="audit-target" type="search" name="target" value=q.target.clone() aria-describedby="audit-target-hint"/>
                                    <p class="field-hint" id="audit-target-hint">"Such as job:12 or company"</p>
                                </div>
                                <div class="field">
                                    <label for="audit-from">"From"</label>
                                    <input id="audit-from" type="date" name="from" value=q.from.clone()/>
                                </div>
                                <div class="field">
                                    <label for="audit-until">"Until"</label>
                                    <input id="audit-until" type="date" name="until" value=q.until.clone()/>
                                </div>
                                <button type="submit" class="button button-secondary">"Filter"</button>
                            </Form>
                            <p>
                                {format!("{} row{}", log.total, if log.total == 1 { "" } else { "s" })}
                                {log.is_admin.then(|| {
                                    let href = if filters.is_empty() { "/admin/audit.csv".to_owned() } else { format!("/admin/audit.csv?{filters}") };
                                    view! { " · " <a href=href download="">"Export as CSV"</a> }
                                })}
                            </p>
                            {if log.entries.is_empty() {
                                view! { <p class="empty-state">"No actions match."</p> }.into_any()
                            } else {
                                view! {
                                    <table class="table audit-table">
                                        <caption class="visually-hidden">{format!("Audit log from row {first_row}, newest first")}</caption>
                                        <thead><tr>
                                            <th scope="col">"When"</th><th scope="col">"Who"</th><th scope="col">"Action"</th>
                                            <th scope="col">"Target"</th><th scope="col">"Reason and note"</th><th scope="col">"Changed"</th>
                                        </tr></thead>
                                        <tbody>
                                            {log.entries.into_iter().map(|e| view! {
                                                <tr>
                                                    <td data-label="When">{e.when}</td>
                                                    <td data-label="Who">{e.actor}</td>
                                                    <td data-label="Action"><code>{e.action}</code></td>
                                                    <td data-label="Target">{match e.target_href {
                                                        Some(href) => view! { <a href=href>{e.target}</a> }.into_any(),
                                                        None => view! { <span>{e.target}</span> }.into_any(),
                                                    }}</td>
                                                    <td data-label="Reason and note">{e.reason}{(!e.note.is_empty()).then(|| view! { <br/><small>{e.note}</small> })}</td>
                                                    <td data-label="Changed"><ul class="plain-list">{e.changes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul></td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                }.into_any()
                            }}
                            {(log.pages > 1).then(|| view! {
                                <nav class="pagination" aria-label="Audit log pages">
                                    {(log.page > 1).then(|| view! { <a rel="prev" href=page_href(log.page - 1)>"Newer"</a> })}
                                    " " {format!("Page {} of {}", log.page, log.pages)} " "
                                    {(log.page < log.pages).then(|| view! { <a rel="next" href=page_href(log.page + 1)>"Older"</a> })}
                                </nav>
                            })}
                        }.into_any()
                    }
                    Err(error) => refused(error, "/admin/audit".into()),
                }
            })}
        </Suspense>
    }
}

/// `/admin/users`: accounts, their roles and suspensions. Admins only.
#[component]
pub fn AccountsPage() -> impl IntoView {
    let query_map = use_query_map();
    let search = use_location().search;
    let q = Memo::new(move |_| query_map.read().get("q").unwrap_or_default());
    let list = Resource::new(
        move || (q.get(), search.get()),
        pending_while(|(q, _)| accounts(q)),
    );
    let role_action = ServerAction::<SetRole>::new();
    let suspend_action = ServerAction::<SuspendUser>::new();
    let settings_action = ServerAction::<ChangeSettings>::new();
    let role_error = action_error(role_action);
    let suspend_error = action_error(suspend_action);
    let settings_error = action_error(settings_action);
    view! {
        <Title text="Accounts and roles"/>
        <Meta name="robots" content="noindex"/>
        <h1>"Accounts and roles"</h1>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => view! {
                        <ConsoleNav counts=list.counts is_admin=true/>
                        <section class="panel" aria-labelledby="settings-title">
                            <h2 id="settings-title">"Site settings"</h2>
                            <FormAlert error=settings_error/>
                            <ActionForm action=settings_action attr:class="stacked-form">
                                <div class="field">
                                    <label class="checkbox" for="setting-auto-approve">
                                        <input type="checkbox" id="setting-auto-approve" name="form[auto_approve]" value="on" checked=list.auto_approve/>
                                        "Publish the jobs of companies with a verified domain without review"
                                    </label>
                                </div>
                                <button type="submit" class="button button-secondary">"Save the settings"</button>
                            </ActionForm>
                        </section>
                        <h2>"Accounts"</h2>
                        <Form method="GET" action="/admin/users" attr:class="filter-form" attr:role="search">
                            <div class="field">
                                <label for="users-q">"Find by email"</label>
                                <input id="users-q" type="search" name="q" value=q.get_untracked()/>
                            </div>
                            <button type="submit" class="button button-secondary">"Find"</button>
                        </Form>
                        <FormAlert error=role_error/>
                        <FormAlert error=suspend_error/>
                        <table class="table">
                            <caption class="visually-hidden">"Accounts, staff first"</caption>
                            <thead><tr>
                                <th scope="col">"Email"</th><th scope="col">"Since"</th><th scope="col">"Role"</th><th scope="col">"Access"</th>
                            </tr></thead>
                            <tbody>
                                {list.accounts.into_iter().map(|a| {
                                    let role_id = format!("role-{}", a.id);
                                    let reason_id = format!("suspend-reason-{}", a.id);
                                    let email = a.email.clone();
                                    view! {
                                        <tr>
                                            <th scope="row">{a.email.clone()}{a.is_self.then_some(" (you)")}</th>
                                            <td data-label="Since">{a.since.clone()}</td>
                                            <td data-label="Role">
                                                {if a.is_self {
                                                    view! { <span>{a.role.clone()}</span> }.into_any()
                                                } else {
                                                    view! {
                                                        <ActionForm action=role_action attr:class="inline-fields">
                                                            <input type="hidden" name="form[user_id]" value=a.id.to_string()/>
                                                            <input type="hidden" name="form[from]" value=a.role.clone()/>
                                                            <label for=role_id.clone() class="visually-hidden">{format!("Role of {email}")}</label>
                                                            <select id=role_id name="form[role]">
                                                                {["seeker", "moderator", "admin"].into_iter().map(|r| view! {
                                                                    <option value=r selected=a.role == r>{r}</option>
                                                                }).collect_view()}
                                                            </select>
                                                            <button type="submit" class="button button-secondary">{format!("Set role of {email}")}</button>
                                                        </ActionForm>
                                                    }.into_any()
                                                }}
                                            </td>
                                            <td data-label="Access">
                                                {match (a.is_self, a.suspended) {
                                                    (true, _) => view! { <span>"Active"</span> }.into_any(),
                                                    (false, true) => view! {
                                                        <p>"Suspended: " {a.suspended_reason.clone()}</p>
                                                        <ActionForm action=suspend_action attr:class="inline-form">
                                                            <input type="hidden" name="form[user_id]" value=a.id.to_string()/>
                                                            <input type="hidden" name="form[action]" value="restore"/>
                                                            <button type="submit" class="button button-secondary">{format!("Restore {}", a.email)}</button>
                                                        </ActionForm>
                                                    }.into_any(),
                                                    (false, false) => view! {
                                                        <ActionForm action=suspend_action attr:class="inline-fields">
                                                            <input type="hidden" name="form[user_id]" value=a.id.to_string()/>
                                                            <input type="hidden" name="form[action]" value="suspend"/>
                                                            <label for=reason_id.clone() class="visually-hidden">{format!("Reason for suspending {}", a.email)}</label>
                                                            <input id=reason_id type="text" name="form[reason]" placeholder="Reason"/>
                                                            <button type="submit" class="button button-danger">{format!("Suspend {}", a.email)}</button>
                                                        </ActionForm>
                                                    }.into_any(),
                                                }}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(error) => refused(error, "/admin/users".into()),
                }
            })}
        </Suspense>
    }
}

/// `/admin/domains`: email domains that may not register or subscribe.
#[component]
pub fn DomainsPage() -> impl IntoView {
    let search = use_location().search;
    let list = Resource::new(move || search.get(), pending_while(|_| banned_domains()));
    let ban = ServerAction::<BanDomain>::new();
    let unban = ServerAction::<UnbanDomain>::new();
    let ban_error = action_error(ban);
    let unban_error = action_error(unban);
    view! {
        <Title text="Refused domains"/>
        <Meta name="robots" content="noindex"/>
        <h1>"Refused email domains"</h1>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => view! {
                        <ConsoleNav counts=list.counts is_admin=list.is_admin/>
                        <p>"Addresses at these domains, and at any domain under them, cannot register or subscribe to alerts."</p>
                        <section class="panel" aria-labelledby="ban-title">
                            <h2 id="ban-title">"Refuse a domain"</h2>
                            <FormAlert error=ban_error/>
                            <ActionForm action=ban attr:class="stacked-form" attr:novalidate=true>
                                <TextField name="form[domain]" id="ban-domain" label="Domain" hint="Such as spam.example"
                                    value=flashed(BanDomain::PATH, "domain").unwrap_or_default() server_error=field_error(ban_error, "domain")/>
                                <TextField name="form[note]" id="ban-note" label="Note"
                                    value=flashed(BanDomain::PATH, "note").unwrap_or_default() server_error=field_error(ban_error, "note")/>
                                <button type="submit" class="button button-danger">"Refuse the domain"</button>
                            </ActionForm>
                        </section>
                        <FormAlert error=unban_error/>
                        {if list.domains.is_empty() {
                            view! { <p class="empty-state">"No domain is refused."</p> }.into_any()
                        } else {
                            view! {
                                <table class="table">
                                    <caption class="visually-hidden">"Refused domains"</caption>
                                    <thead><tr><th scope="col">"Domain"</th><th scope="col">"Since"</th><th scope="col">"Note"</th><th scope="col">"Action"</th></tr></thead>
                                    <tbody>
                                        {list.domains.into_iter().map(|d| view! {
                                            <tr>
                                                <th scope="row">{d.domain.clone()}</th>
                                                <td data-label="Since">{d.since}</td>
                                                <td data-label="Note">{d.note}</td>
                                                <td data-label="Action">
                                                    <ActionForm action=unban attr:class="inline-form">
                                                        <input type="hidden" name="domain" value=d.domain.clone()/>
                                                        <button type="submit" class="button button-secondary">{format!("Accept {} again", d.domain)}</button>
                                                    </ActionForm>
                                                </td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            }.into_any()
                        }}
                    }.into_any(),
                    Err(error) => refused(error, "/admin/domains".into()),
                }
            })}
        </Suspense>
    }
}

/// `/admin/search`: the synonyms searches use, and the exchange rates salaries are compared with. Moderators and
/// admins; only admins change the rates.
#[component]
pub fn SynonymsPage() -> impl IntoView {
    let search = use_location().search;
    let view = Resource::new(move || search.get(), pending_while(|_| search_synonyms()));
    let save = ServerAction::<SaveSynonyms>::new();
    let save_error = action_error(save);
    let save_rates = ServerAction::<SaveRates>::new();
    let rates_error = action_error(save_rates);
    view! {
        <Title text="Search settings"/>
        <Meta name="robots" content="noindex"/>
        <h1>"Search settings"</h1>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match view.await {
                    Ok(view) => view! {
                        <ConsoleNav counts=view.counts is_admin=view.is_admin/>
                        <p>"A search for any phrase of a line also finds the jobs that use the other phrases of that line: a search for "
                            <a href="/jobs?q=CRA">"CRA"</a>" finds clinical research associates."</p>
                        <section class="panel" aria-labelledby="synonyms-title">
                            <h2 id="synonyms-title">{format!("{} groups", view.groups)}</h2>
                            <FormAlert error=save_error/>
                            <ActionForm action=save attr:class="stacked-form" attr:novalidate=true>
                                <TextArea name="form[synonyms]" id="search-synonyms" label="Synonyms"
                                    hint="One group a line, its phrases separated by commas, such as: drug safety, pharmacovigilance. Up to 4 words a phrase and 10 phrases a line; lines starting with # are notes."
                                    rows=18 value=flashed(SaveSynonyms::PATH, "synonyms").unwrap_or(view.text)
                                    server_error=field_error(save_error, "synonyms")/>
                                <button type="submit" class="button">"Save the synonyms"</button>
                            </ActionForm>
                        </section>
                        <section class="panel" aria-labelledby="rates-title">
                            <h2 id="rates-title">"Exchange rates"</h2>
                            <p>{format!(
                                "Salary bands and the order by salary compare every salary in pounds, at these rates (how much of each currency a pound buys), taken on {}. Visitors are told the comparison is approximate.",
                                view.rates_as_of_long
                            )}</p>
                            {if view.is_admin {
                                view! {
                                    <FormAlert error=rates_error/>
                                    <ActionForm action=save_rates attr:class="stacked-form" attr:novalidate=true>
                                        <TextField name="form[as_of]" id="rates-as-of" label="Taken on" input_type="date"
                                            value=flashed(SaveRates::PATH, "as_of").unwrap_or(view.rates_as_of)
                                            server_error=field_error(rates_error, "as_of")/>
                                        <TextArea name="form[rates]" id="rates" label="Rates"
                                            hint="One currency a line: its code and how much of it a pound buys, such as: EUR 1.16. Every currency salaries are given in needs a rate."
                                            rows=15 value=flashed(SaveRates::PATH, "rates").unwrap_or(view.rates)
                                            server_error=field_error(rates_error, "rates")/>
                                        <button type="submit" class="button">"Save the rates"</button>
                                    </ActionForm>
                                }.into_any()
                            } else {
                                view! {
                                    <pre class="rates">{view.rates}</pre>
                                    <p>"Only an admin changes the rates."</p>
                                }.into_any()
                            }}
                        </section>
                    }.into_any(),
                    Err(error) => refused(error, "/admin/search".into()),
                }
            })}
        </Suspense>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_scales_round_up() {
        assert_eq!(nice_max(0.0), 1.0);
        assert_eq!(nice_max(3.0), 5.0);
        assert_eq!(nice_max(12.0), 20.0);
        assert_eq!(nice_max(100.0), 100.0);
    }
}
