//! Hubboard's web application: the pages, their components and the server functions behind them.
//!
//! Built twice: with `ssr` into the server (rendering HTML, running server functions) and with `hydrate` into
//! WebAssembly (making the rendered pages interactive). Never both at once.

pub mod alerts;
pub mod app;
pub mod articles;
pub mod auth;
pub mod companies;
pub mod components;
pub mod error;
pub mod jobs;
pub mod moderation;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;

pub use app::{App, shell};
pub use error::AppError;

/// Entry point of the WebAssembly bundle: attaches to the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
    // The page is interactive from here on; browser tests wait for this mark before using forms.
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
