//! Pages for requests that cannot be served.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::error::AppError;

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
    crate::server::cache::keep_out_if_failed::<()>(&Err(error.clone()));
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
