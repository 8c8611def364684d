//! Pages for requests that cannot be served here: not found, failed, not allowed, or to be asked elsewhere (sign in
//! first, moved).

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::Redirect;

use crate::{address::query_value, error::AppError};

/// Sets the response status while rendering on the server; a no-op in the browser.
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(code),
    ) {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// 404: nothing lives at this address.
#[component]
pub fn NotFound() -> impl IntoView {
    set_status(404);
    view! {
        <Title text="Page not found"/>
        <Meta name="robots" content="noindex"/>
        <h1>"Page not found"</h1>
        <p>"There is nothing at this address. It may have moved, or the link may be mistyped."</p>
        <p><a href="/">"Go to the front page"</a>" or browse "<a href="/jobs">"jobs"</a>" and "<a href="/companies">"companies"</a>"."</p>
    }
}

/// The page for an error that stopped a page from rendering, with the matching status.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    if error == AppError::NotFound {
        return view! { <NotFound/> }.into_any();
    }
    set_status(error.status());
    #[cfg(feature = "ssr")]
    crate::backend::cache::keep_out_if_failed::<()>(&Err(error.clone()));
    let title = match error {
        AppError::Unavailable => "Temporarily unavailable",
        AppError::Forbidden => "Not allowed",
        AppError::Unauthorized => "Please sign in",
        _ => "Something went wrong",
    };
    view! {
        <Title text=title/>
        <Meta name="robots" content="noindex"/>
        <h1>{title}</h1>
        <p>{error.to_string()}</p>
        <p><a href="/">"Go to the front page"</a></p>
    }
    .into_any()
}

/// Sends the visitor to sign in first, then back to `path`.
///
/// The server answers 303 with the sign-in page's address whatever the request accepts (a browser without
/// JavaScript, a link followed from a mail, curl), and the page says the same in words in case a client shows it; in
/// the browser's own navigation the router goes there.
pub fn sign_in_first(path: &str) -> AnyView {
    let target = format!("/signin?next={}", query_value(path));
    #[cfg(feature = "ssr")]
    {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(http::StatusCode::SEE_OTHER);
            if let Ok(location) = http::HeaderValue::from_str(&target) {
                response.insert_header(http::header::LOCATION, location);
            }
        }
        view! {
            <p class="alert alert-info">"Please " <a href=target>"sign in"</a> " to see this page."</p>
        }
        .into_any()
    }
    #[cfg(not(feature = "ssr"))]
    {
        view! { <Redirect path=target/> }.into_any()
    }
}

/// Sends the browser to a page's new address with 301 Moved Permanently.
pub fn moved_permanently(path: String) -> AnyView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::MOVED_PERMANENTLY);
        if let Ok(location) = http::HeaderValue::from_str(&path) {
            response.insert_header(http::header::LOCATION, location);
        }
        return view! { <p>"This company has moved to " <a href=path.clone()>{path.clone()}</a>"."</p> }.into_any();
    }
    view! { <Redirect path/> }.into_any()
}
