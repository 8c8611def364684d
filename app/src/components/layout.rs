//! The frame every page shares: header with the sign-in state, sidebar boxes, footer and one-off notices.

use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_query_map};

use crate::{
    articles::latest_intelligence, auth::Auth, companies::spotlight,
    components::subscribe::SubscribeBox, jobs::featured_jobs,
};

/// Site name, navigation and who is signed in.
#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="site-header-inner">
                <a class="brand" href="/">
                    <span class="brand-name">"Hubboard"</span>
                    <span class="brand-tagline">"Jobs, companies and the news that links them"</span>
                </a>
                <AccountBox/>
            </div>
            <nav class="site-nav" aria-label="Main">
                <ul>
                    <li><A href="/news">"News"</A></li>
                    <li><A href="/jobs">"Jobs"</A></li>
                    <li><A href="/companies">"Companies"</A></li>
                    <li><A href="/infographics">"Infographics"</A></li>
                </ul>
            </nav>
        </header>
    }
}

/// "Not currently logged in" with a sign-in link, or the user's email with a sign-out button.
#[component]
fn AccountBox() -> impl IntoView {
    let auth = expect_context::<Auth>();
    view! {
        <section class="account-box" aria-label="Your account">
            <Suspense fallback=|| view! { <p class="account-state">"Checking sign-in…"</p> }>
                {move || Suspend::new(async move {
                    match auth.user.await {
                        Ok(Some(user)) => view! { <AccountMenu user/> }.into_any(),
                        Err(_error) => {
                            #[cfg(feature = "ssr")]
                            crate::backend::cache::keep_out_if_failed::<()>(&Err(_error));
                            view! {
                                <p class="account-state">"Sign-in is unavailable right now. Please try again shortly."</p>
                            }
                            .into_any()
                        }
                        Ok(None) => view! {
                            <p class="account-state">"Not currently logged in"</p>
                            <p class="account-links">
                                <a href="/signin">"Sign in"</a>
                                " or "
                                <a href="/register">"register"</a>
                            </p>
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The signed-in person's own pages, in a disclosure that opens without JavaScript: the address they signed in
/// with, then their companies and jobs, saved jobs, alerts, account, the console for staff, and signing out.
#[component]
fn AccountMenu(user: crate::auth::UserView) -> impl IntoView {
    let auth = expect_context::<Auth>();
    let staff = user.waiting.is_some();
    view! {
        <details class="account-menu">
            <summary>
                <span class="visually-hidden">"Your account: "</span>
                <span class="account-email">{user.email.clone()}</span>
                {user.waiting.filter(|waiting| *waiting > 0).map(|waiting| view! {
                    " " <span class="count">{waiting}</span>
                    <span class="visually-hidden">" waiting for moderation"</span>
                })}
            </summary>
            <nav class="account-menu-panel" aria-label="Your pages">
                <ul>
                    <li><a href="/dashboard">"Your companies and jobs"</a></li>
                    <li><a href="/saved-jobs">"Saved jobs"</a></li>
                    <li><a href="/alerts">"Email alerts"</a></li>
                    <li><a href="/account">"Account settings"</a></li>
                    {staff.then(|| view! {
                        <li><a href="/news/desk">"News desk"</a></li>
                        <li>
                            <a href="/admin">
                                "Moderation"
                                {user.waiting.filter(|waiting| *waiting > 0).map(|waiting| view! {
                                    " " <span class="count">{waiting}</span>
                                    <span class="visually-hidden">" waiting"</span>
                                })}
                            </a>
                        </li>
                    })}
                </ul>
                <ActionForm action=auth.sign_out attr:class="account-menu-signout">
                    <button type="submit" class="button button-secondary">"Sign out"</button>
                </ActionForm>
            </nav>
        </details>
    }
}

/// The boxes beside every page's main column.
#[component]
pub fn Sidebar(
    /// On the front page, whose main column is the latest news, the news box is left out.
    #[prop(optional)]
    front_page: bool,
) -> impl IntoView {
    view! {
        <aside class="sidebar" aria-label="More from Hubboard">
            <FeaturedJobsBox/>
            <DirectoryBox/>
            <SubscribeBox/>
            {(!front_page).then(|| view! { <LatestBox/> })}
        </aside>
    }
}

/// The site footer.
#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <nav aria-label="Footer">
                <ul>
                    <li><a href="/news">"News"</a></li>
                    <li><a href="/jobs">"Jobs"</a></li>
                    <li><a href="/companies">"Companies"</a></li>
                    <li><a href="/infographics">"Infographics"</a></li>
                </ul>
            </nav>
            <p>"Hubboard: a jobs board and company directory with the news that connects them."</p>
        </footer>
    }
}

/// A one-off confirmation named by `?notice=` after a redirect, such as "You have signed out."
#[component]
pub fn Notice() -> impl IntoView {
    let query = use_query_map();
    move || {
        let text = match query.read().get("notice").as_deref() {
            Some("signed-out") => "You have signed out.",
            Some("registered") => {
                "Thank you. We have sent a link to your address to confirm it; you can sign in now with the password you chose."
            }
            Some("account-deleted") => "Your account and its data have been deleted.",
            Some("password-changed") => {
                "Your password has been changed. Other devices have been signed out."
            }
            Some("choose-password") => {
                "Welcome. Please choose a new password to replace the one-time password."
            }
            Some("company-added") => {
                "Thank you. Your company is waiting for a moderator’s review; you can add a logo and invite your team meanwhile."
            }
            Some("company-saved") => "Your changes have been saved.",
            Some("company-approved") => "The company is approved and listed in the directory.",
            Some("company-rejected") => {
                "The company has been rejected; its team can see the reason."
            }
            Some("company-restored") => "The company is restored and listed again.",
            Some("company-suspended") => {
                "The company has been suspended and is hidden from the public."
            }
            Some("company-verified") => "The company is verified and shows the badge.",
            Some("joined") => "Welcome to the team. You can now edit this company.",
            Some("logo-updated") => "The new logo is in place.",
            Some("cover-updated") => "The new cover is in place.",
            Some("cover-removed") => "The cover is removed; the profile shows a plain band.",
            Some("job-drafted") => {
                "The job is saved as a draft. This is how it will look; submit it for review when it is ready."
            }
            Some("job-submitted") => "Thank you. The job is waiting for a moderator’s review.",
            Some("job-saved") => "Your changes to the job have been saved.",
            Some("job-edit-in-review") => {
                "Your changes are waiting for a moderator’s review. Until they are approved, the public sees the job as it was."
            }
            Some("company-edit-in-review") => {
                "Your changes are saved. The new name or description waits for a moderator’s review; until then the public sees the approved one."
            }
            Some("reported") => "Thank you. The moderators will look at your report.",
            Some("decided-published" | "decided-approved") => {
                "Approved; the submitter has been told."
            }
            Some("decided-rejected") => "Decided; the submitter has been told the reason.",
            Some("reports-dismissed") => "The reports are dismissed.",
            Some("reports-removed") => "The listing is taken down and its reports are closed.",
            Some("role-changed") => "The role has been changed.",
            Some("settings-saved") => "The settings are saved.",
            Some("account-suspended") => "The account is suspended and signed out everywhere.",
            Some("account-restored") => "The account is restored.",
            Some("domain-banned") => "The domain is refused from now on.",
            Some("synonyms-saved") => "The synonyms are saved; searches use them from now on.",
            Some("rates-saved") => {
                "The exchange rates are saved; every salary is compared at them from now on."
            }
            Some("domain-unbanned") => "The domain is accepted again.",
            Some("job-published") => "The job is approved and published.",
            Some("job-rejected") => "The job has been rejected; its company can see the reason.",
            Some("job-filled") => "The job is marked as filled and no longer takes applications.",
            Some("job-closed") => "The job is closed and no longer takes applications.",
            Some("job-extended") => "The closing date has been moved and the job is open.",
            Some("job-featured") => "The job is featured for the dates chosen.",
            Some("job-unfeatured") => "The job is no longer featured.",
            Some("job-saved-to-list") => "The job is in your saved jobs.",
            Some("job-removed-from-list") => "The job is no longer in your saved jobs.",
            Some("article-drafted") => {
                "The draft is saved. Add a picture, check the preview, then publish or submit it."
            }
            Some("article-saved") => "Your changes to the article have been saved.",
            Some("article-published") => "The article is published.",
            Some("article-scheduled") => "The article is scheduled and appears at the time chosen.",
            Some("article-unpublished") => "The article is no longer public; it is a draft again.",
            Some("article-submitted") => "Thank you. An editor will review your story.",
            Some("article-rejected") => {
                "The article has been returned; its writer can see the reason."
            }
            Some("picture-updated") => "The new picture is in place.",
            Some("alert-check") => {
                "Thank you. Please check your inbox: we have sent a link to confirm the alert, and nothing more is sent until you click it."
            }
            Some("alert-active") => {
                "Your alert is set up. Every alert message has a link to change or stop it."
            }
            Some("alert-confirmed") => {
                "Your alert is confirmed. You can change how often it comes here at any time."
            }
            Some("alert-saved") => "Your alert has been changed.",
            Some("alert-removed") => "That alert has been stopped.",
            Some("alerts-forgotten") => "Your address and all its alerts have been deleted.",
            Some("email-verified") => "Thank you: your email address is confirmed.",
            Some("verification-sent") => "A new link to confirm your address is on its way.",
            Some("password-reset") => {
                "Your new password is saved and every device has been signed out. Sign in with the new password."
            }
            _ => return None,
        };
        Some(view! { <div class="alert alert-success" role="status">{text}</div> })
    }
}

/// A server function the sidebar calls while the page renders, run as a task of its own on the server (see
/// [`crate::backend::on_its_own`]) that notes for the page only the lists it shows (see
/// [`crate::backend::cache::in_passing`]). The sidebar is rendered on the server only.
#[cfg(feature = "ssr")]
async fn on_its_own<T: Send + 'static>(
    work: impl std::future::Future<Output = Result<T, crate::AppError>> + Send + 'static,
) -> Result<T, crate::AppError> {
    crate::backend::on_its_own(crate::backend::cache::in_passing(work)).await
}

#[cfg(not(feature = "ssr"))]
async fn on_its_own<T>(work: impl std::future::Future<Output = T>) -> T {
    work.await
}

/// The sidebar's company directory box: one company in the spotlight and the way in for new ones.
#[component]
fn DirectoryBox() -> impl IntoView {
    view! {
        <section class="box" aria-labelledby="directory-title">
            <h2 id="directory-title"><a href="/companies">"Company directory"</a></h2>
            {Suspend::new(async move {
                match on_its_own(spotlight()).await {
                    Ok(Some(card)) => view! {
                        <div class="spotlight">
                            {card.logo.map(|src| view! {
                                <img src=src alt="" width=64 height=64 class="company-logo" loading="lazy"/>
                            })}
                            <p>
                                <a href=format!("/companies/{}", card.slug)><strong>{card.name}</strong></a>
                                " · " {card.tagline}
                            </p>
                        </div>
                    }
                    .into_any(),
                    _ => view! { <p>"Put your company in front of people who follow the sector."</p> }.into_any(),
                }
            })}
            <p><a class="button" href="/companies/new">"Add my company"</a></p>
        </section>
    }
}

/// The sidebar's featured jobs: up to five, taking turns when more are featured.
#[component]
fn FeaturedJobsBox() -> impl IntoView {
    view! {
        <section class="box" aria-labelledby="featured-jobs-title">
            <h2 id="featured-jobs-title">"Featured jobs"</h2>
            {Suspend::new(async move {
                match on_its_own(featured_jobs()).await {
                    Ok(cards) if !cards.is_empty() => view! {
                        <ul class="box-list">
                            {cards.into_iter().map(|card| view! {
                                <li>
                                    <a href=card.href><strong>{card.title}</strong></a>
                                    <br/>
                                    <span class="box-meta">{format!("{} · {}", card.company_name, card.place)}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                        <p><a href="/jobs?featured=1">"All featured jobs"</a></p>
                    }
                    .into_any(),
                    _ => view! { <p class="box-empty">"No featured jobs right now. New roles are added every week."</p> }.into_any(),
                }
            })}
            <p><a href="/jobs">"Browse all jobs"</a></p>
        </section>
    }
}

/// The sidebar's *Latest intelligence*: the newest articles, each with its picture, title and one line.
#[component]
fn LatestBox() -> impl IntoView {
    view! {
        <section class="box" aria-labelledby="latest-title">
            <h2 id="latest-title">"Latest intelligence"</h2>
            {Suspend::new(async move {
                match on_its_own(latest_intelligence()).await {
                    Ok(cards) if !cards.is_empty() => view! {
                        <ul class="box-list latest-list">
                            {cards.into_iter().map(|card| view! {
                                <li>
                                    {card.thumb.map(|src| view! {
                                        <img class="latest-thumb" src=src alt="" width=64 height=48 loading="lazy"/>
                                    })}
                                    <div>
                                        <a href=card.href><strong>{card.title}</strong></a>
                                        <br/>
                                        <span class="box-meta one-line">{card.standfirst}</span>
                                    </div>
                                </li>
                            }).collect_view()}
                        </ul>
                    }
                    .into_any(),
                    _ => view! { <p class="box-empty">"No articles published yet."</p> }.into_any(),
                }
            })}
            <p><a href="/news">"All news"</a>" · "<a href="/infographics">"Infographics"</a></p>
        </section>
    }
}
