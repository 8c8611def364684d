//! Hubboard's web application: the pages, their components and the server functions behind them.
//!
//! Built twice: with `ssr` into the server (rendering every page, running server functions) and with `hydrate`
//! into WebAssembly, which holds only the islands: the few components that make a rendered page interactive
//! (`#[island]`). Never both at once.

pub mod address;
pub mod alerts;
pub mod app;
pub mod articles;
pub mod auth;
#[cfg(feature = "ssr")]
pub mod backend;
pub mod companies;
pub mod components;
pub mod error;
pub mod jobs;
pub mod moderation;
pub mod pages;
pub mod pending;
pub mod policy;

pub use app::{App, shell};
pub use error::AppError;

/// Entry point of the WebAssembly bundle: starts the reactive system for the page's islands, which the loading
/// script then hydrates one by one (each marks itself live: see [`components::island::mark_live`]). Everything
/// outside them stays as the server rendered it.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
