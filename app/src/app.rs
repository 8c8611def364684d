//! The document shell, the site layout and the routes.

use leptos::prelude::*;
use leptos_meta::{Link, MetaTags, Stylesheet, provide_meta_context};
use leptos_router::{
    Lazy, LazyRoute, ParamSegment, SsrMode, StaticSegment,
    components::{Route, Router, Routes},
};

use crate::pending::pending_while;
use crate::{
    auth::{SignOut, UserView, me},
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
                <meta name="color-scheme" content="light"/>
                <AutoReload options=options.clone()/>
                <DeferredHydration options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// Loads the WebAssembly and hydrates the page once the page has loaded and the browser is idle (or after two
/// seconds at most). Every page works before (and without) it. Unlike Leptos's own `HydrationScripts`, it sends
/// no preload hints: the download starts after the page has painted, so on a slow connection it never competes
/// with the page's HTML, CSS and pictures.
#[component]
fn DeferredHydration(options: LeptosOptions) -> impl IntoView {
    let pkg = options.site_pkg_dir.to_string();
    let js = options.output_name.to_string();
    // cargo-leptos names the WebAssembly after the output; a plain wasm-bindgen build adds `_bg`.
    let wasm = if option_env!("LEPTOS_OUTPUT_NAME").is_some() {
        js.clone()
    } else {
        format!("{js}_bg")
    };
    let script = format!(
        "const start = () => import('/{pkg}/{js}.js').then((m) => m.default({{ module_or_path: '/{pkg}/{wasm}.wasm' }}).then(() => m.hydrate()));\n\
         const idle = () => ('requestIdleCallback' in window ? requestIdleCallback(start, {{ timeout: 2000 }}) : setTimeout(start, 0));\n\
         if (document.readyState === 'complete') {{ idle(); }} else {{ addEventListener('load', idle, {{ once: true }}); }}"
    );
    view! { <script type="module" nonce=leptos::nonce::use_nonce() inner_html=script></script> }
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
         img-src 'self' data:; font-src 'self'; connect-src 'self'{reload}; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'"
    );
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(&policy),
    ) {
        response.insert_header(CONTENT_SECURITY_POLICY, value);
    }
}

/// Who is signed in, shared by the header and every page that needs it.
#[derive(Clone, Copy)]
pub struct Auth {
    pub user: Resource<Result<Option<UserView>, crate::AppError>>,
    pub sign_out: ServerAction<SignOut>,
    changed: RwSignal<usize>,
}

impl Auth {
    /// Moves whenever someone may have signed in or out in this page (a sign-in, sign-out or account action
    /// completed), for resources that depend on who is signed in to reload with [`Auth::user`].
    pub fn revision(&self) -> (usize, usize) {
        (self.changed.get(), self.sign_out.version().get())
    }

    /// Reloads the signed-in user whenever an action that signs in or out completes.
    pub fn refresh_after(&self, action_version: RwSignal<usize>) {
        let changed = self.changed;
        Effect::new(move |_| {
            if action_version.get() > 0 {
                changed.update(|n| *n += 1);
            }
        });
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
    let sign_out = ServerAction::<SignOut>::new();
    let changed = RwSignal::new(0);
    let user = Resource::new(
        move || (changed.get(), sign_out.version().get()),
        pending_while(|_| me()),
    );
    provide_context(Auth {
        user,
        sign_out,
        changed,
    });

    view! {
        <a class="skip-link" href="#main">"Skip to main content"</a>
        <SiteHeader/>
        <div class="page">
            <main id="main" tabindex="-1">
                <Notice/>
                // Every route renders completely before it is sent, so pages work without JavaScript and
                // status codes (404, 401) are known in time.
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=StaticSegment("") view=HomePage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("news") view={Lazy::<NewsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("news"), StaticSegment("new")) view={Lazy::<NewArticleRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("news"), StaticSegment("desk")) view={Lazy::<NewsDeskRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("news"), ParamSegment("slug")) view={Lazy::<ArticleRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("news"), ParamSegment("slug"), StaticSegment("edit")) view={Lazy::<EditArticleRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("tags"), ParamSegment("slug")) view={Lazy::<TagRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("categories"), ParamSegment("slug")) view={Lazy::<CategoryRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("jobs") view={Lazy::<JobsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("jobs"), ParamSegment("job")) view={Lazy::<JobRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("jobs"), ParamSegment("job"), StaticSegment("edit")) view={Lazy::<EditJobRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("saved-jobs") view={Lazy::<SavedJobsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("companies") view={Lazy::<DirectoryRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("companies"), StaticSegment("new")) view={Lazy::<AddCompanyRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("companies"), ParamSegment("slug")) view={Lazy::<CompanyRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("companies"), ParamSegment("slug"), StaticSegment("edit")) view={Lazy::<EditCompanyRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("companies"), ParamSegment("slug"), StaticSegment("jobs")) view={Lazy::<CompanyJobsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("companies"), ParamSegment("slug"), StaticSegment("jobs"), StaticSegment("new")) view={Lazy::<NewJobRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("dashboard") view={Lazy::<DashboardRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("invitations"), ParamSegment("token")) view={Lazy::<InvitationRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("infographics") view={Lazy::<InfographicsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("signin") view={Lazy::<SignInRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("register") view={Lazy::<RegisterRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("verify-email"), ParamSegment("token")) view={Lazy::<VerifyEmailRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("password"), StaticSegment("forgot")) view={Lazy::<ForgotPasswordRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("password"), StaticSegment("reset"), ParamSegment("token")) view={Lazy::<ResetPasswordRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("account") view={Lazy::<AccountRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("admin") view={Lazy::<ConsoleRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("queue"), ParamSegment("queue")) view={Lazy::<QueueRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("review"), ParamSegment("queue"), ParamSegment("id")) view={Lazy::<ReviewRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("reports"), ParamSegment("kind"), ParamSegment("id")) view={Lazy::<ReportedRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("audit")) view={Lazy::<AuditRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("users")) view={Lazy::<AccountsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("domains")) view={Lazy::<DomainsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("admin"), StaticSegment("search")) view={Lazy::<SynonymsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=StaticSegment("alerts") view={Lazy::<AlertsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("alerts"), StaticSegment("confirm"), ParamSegment("token")) view={Lazy::<ConfirmAlertRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("alerts"), StaticSegment("manage"), ParamSegment("token")) view={Lazy::<ManageAlertsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("alerts"), StaticSegment("unsubscribe"), ParamSegment("token")) view={Lazy::<UnsubscribeRoute>::new()} ssr=SsrMode::Async/>
                </Routes>
            </main>
            <Sidebar/>
        </div>
        <SiteFooter/>
    }
}

/// Every page but the front page arrives in a piece of WebAssembly fetched when a visitor first opens one of its
/// pages or lands on one, so the first download holds only the layout and the front page. Pages are grouped by who
/// opens them together — readers, job seekers, visitors with an account, editors, moderators — so that a visit
/// fetches a few pieces rather than one per page and the code the group shares. The server renders every page as
/// before; only its interactive part waits for the piece, which the router fetches before it hydrates or shows
/// the page (`preload`), so the page is hydrated as the server rendered it.
macro_rules! on_demand {
    ($($piece:ident { $($route:ident => $page:ident),* $(,)? })*) => {$(
        mod $piece {
            use super::*;

            /// The pages of the piece, named after their components.
            #[derive(Clone, Copy)]
            #[allow(clippy::enum_variant_names)]
            pub enum Page { $($page),* }

            #[lazy($piece)]
            pub fn render(page: Page) -> AnyView {
                match page {
                    $(Page::$page => view! { <$page/> }.into_any(),)*
                }
            }

            pub async fn preload() {
                #[cfg(feature = "hydrate")]
                __preload_render().await;
            }
        }

        $(
            struct $route;

            impl LazyRoute for $route {
                fn data() -> Self {
                    Self
                }

                async fn view(_this: Self) -> AnyView {
                    $piece::render($piece::Page::$page).await
                }

                async fn preload() {
                    $piece::preload().await;
                }
            }
        )*
    )*};
}

on_demand! {
    news_pages {
        NewsRoute => NewsPage,
        ArticleRoute => ArticlePage,
        TagRoute => TagPage,
        CategoryRoute => CategoryPage,
        InfographicsRoute => InfographicsPage,
    }
    listing_pages {
        JobsRoute => JobsPage,
        JobRoute => JobPage,
        DirectoryRoute => DirectoryPage,
        CompanyRoute => CompanyPage,
        CompanyJobsRoute => CompanyJobsPage,
    }
    visitor_pages {
        SignInRoute => SignInPage,
        RegisterRoute => RegisterPage,
        VerifyEmailRoute => VerifyEmailPage,
        ForgotPasswordRoute => ForgotPasswordPage,
        ResetPasswordRoute => ResetPasswordPage,
        AccountRoute => AccountPage,
        SavedJobsRoute => SavedJobsPage,
        AlertsRoute => AlertsPage,
        ConfirmAlertRoute => ConfirmAlertPage,
        ManageAlertsRoute => ManageAlertsPage,
        UnsubscribeRoute => UnsubscribePage,
        InvitationRoute => InvitationPage,
    }
    editor_pages {
        NewArticleRoute => NewArticlePage,
        NewsDeskRoute => NewsDeskPage,
        EditArticleRoute => EditArticlePage,
        EditJobRoute => EditJobPage,
        NewJobRoute => NewJobPage,
        AddCompanyRoute => AddCompanyPage,
        EditCompanyRoute => EditCompanyPage,
        DashboardRoute => DashboardPage,
    }
    moderation_pages {
        ConsoleRoute => ConsolePage,
        QueueRoute => QueuePage,
        ReviewRoute => ReviewPage,
        ReportedRoute => ReportedPage,
        AuditRoute => AuditPage,
        AccountsRoute => AccountsPage,
        DomainsRoute => DomainsPage,
        SynonymsRoute => SynonymsPage,
    }
}
