//! The document shell, the site layout and the routes.

use leptos::prelude::*;
use leptos_meta::{Link, MetaTags, Stylesheet, provide_meta_context};
use leptos_router::{
    ParamSegment, SsrMode, StaticSegment,
    components::{Route, Router, Routes},
};

use crate::{
    auth::Auth,
    components::{
        layout::{Notice, Sidebar, SiteFooter, SiteHeader},
        meta::SiteTitle,
    },
    pages::{
        account::AccountPage,
        admin::{
            AccountsPage, AuditPage, ConsolePage, DomainsPage, QueuePage, ReportedPage, ReviewPage,
            SynonymsPage,
        },
        alerts::{AlertsPage, ConfirmAlertPage, ManageAlertsPage, UnsubscribePage},
        auth::{ForgotPasswordPage, RegisterPage, ResetPasswordPage, SignInPage, VerifyEmailPage},
        companies::{
            AddCompanyPage, CompanyPage, DashboardPage, DirectoryPage, EditCompanyPage,
            InvitationPage,
        },
        errors::NotFound,
        home::HomePage,
        jobs::{CompanyJobsPage, EditJobPage, JobPage, JobsPage, NewJobPage, SavedJobsPage},
        news::{
            ArticlePage, CategoryPage, EditArticlePage, InfographicsPage, NewArticlePage,
            NewsDeskPage, NewsPage, TagPage,
        },
    },
};

/// The HTML document around the application, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// Sends a Content-Security-Policy that allows exactly this page's own scripts (by nonce) and WebAssembly.
#[cfg(feature = "ssr")]
fn set_security_policy() {
    use http::{HeaderValue, header::CONTENT_SECURITY_POLICY};
    let Some(nonce) = leptos::nonce::use_nonce() else {
        return;
    };
    // cargo-leptos's live reload talks over a websocket to its own port, in development only.
    let reload = if std::env::var("LEPTOS_WATCH").is_ok() {
        " ws:"
    } else {
        Default::default()
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data: blob:; font-src 'self'; connect-src 'self'{reload}; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'"
    );
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(&policy),
    ) {
        response.insert_header(CONTENT_SECURITY_POLICY, value);
    }
}

/// The whole site: layout and routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href="/pkg/hubboard.css"/>
        <Link rel="icon" type_="image/svg+xml" href="/favicon.svg"/>
        <SiteTitle/>
        <Router>
            <Layout/>
        </Router>
    }
}

/// Header, main column, sidebar and footer.
#[component]
fn Layout() -> impl IntoView {
    Auth::provide();
    // Forms, dashboards and the console take the whole width; pages people read have the sidebar beside them.
    let path = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    let work = crate::address::is_work_page(&path);
    let front_page = path == "/";

    view! {
        <a class="skip-link" href="#main">"Skip to main content"</a>
        <SiteHeader/>
        <div class=if work { "page page-work" } else { "page" }>
            <main id="main" tabindex="-1">
                <Notice/>
                // Every route renders completely before it is sent, so pages work without JavaScript and
                // status codes (404, 401) are known in time.
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=StaticSegment("") view=HomePage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("news") view=NewsPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("news"), StaticSegment("new")) view=NewArticlePage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("news"), StaticSegment("desk")) view=NewsDeskPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("news"), ParamSegment("slug")) view=ArticlePage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("news"), ParamSegment("slug"), StaticSegment("edit")) view=EditArticlePage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("tags"), ParamSegment("slug")) view=TagPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("categories"), ParamSegment("slug")) view=CategoryPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("jobs") view=JobsPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("jobs"), ParamSegment("job")) view=JobPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("jobs"), ParamSegment("job"), StaticSegment("edit")) view=EditJobPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("saved-jobs") view=SavedJobsPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("companies") view=DirectoryPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("companies"), StaticSegment("new")) view=AddCompanyPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("companies"), ParamSegment("slug")) view=CompanyPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("companies"), ParamSegment("slug"), StaticSegment("edit")) view=EditCompanyPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("companies"), ParamSegment("slug"), StaticSegment("jobs")) view=CompanyJobsPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("companies"), ParamSegment("slug"), StaticSegment("jobs"), StaticSegment("new")) view=NewJobPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("dashboard") view=DashboardPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("invitations"), ParamSegment("token")) view=InvitationPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("infographics") view=InfographicsPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("signin") view=SignInPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("register") view=RegisterPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("verify-email"), ParamSegment("token")) view=VerifyEmailPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("password"), StaticSegment("forgot")) view=ForgotPasswordPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("password"), StaticSegment("reset"), ParamSegment("token")) view=ResetPasswordPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("account") view=AccountPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("admin") view=ConsolePage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("queue"), ParamSegment("queue")) view=QueuePage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("review"), ParamSegment("queue"), ParamSegment("id")) view=ReviewPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("reports"), ParamSegment("kind"), ParamSegment("id")) view=ReportedPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("audit")) view=AuditPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("users")) view=AccountsPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("domains")) view=DomainsPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("search")) view=SynonymsPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("alerts") view=AlertsPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("alerts"), StaticSegment("confirm"), ParamSegment("token")) view=ConfirmAlertPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("alerts"), StaticSegment("manage"), ParamSegment("token")) view=ManageAlertsPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("alerts"), StaticSegment("unsubscribe"), ParamSegment("token")) view=UnsubscribePage ssr=SsrMode::Async/>
                </Routes>
            </main>
            {(!work).then(|| view! { <Sidebar front_page/> })}
        </div>
        <SiteFooter/>
    }
}
