//! Hubboard's web application: the pages, their components and the server functions behind them.
//!
//! Built twice: with `ssr` into the server (rendering HTML, running server functions) and with `hydrate` into
//! WebAssembly (making the rendered pages interactive). Never both at once.

// Hydrating a page asynchronously nests one future per level of the page's view type, deeper than rustc's default.
#![recursion_limit = "256"]

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
pub mod pending;
#[cfg(feature = "ssr")]
pub mod server;

pub use app::{App, shell};
pub use error::AppError;

/// Entry point of the WebAssembly bundle: attaches to the server-rendered page.
///
/// Every page but the front page is in a piece of WebAssembly of its own, fetched when it is first needed, so a
/// page is hydrated once its piece has arrived.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        let Some(body) = leptos::prelude::document().body() else {
            return;
        };
        let links = LinksFollowedByBrowser::new();
        leptos::mount::hydrate_from_async(body.clone(), || {
            use leptos::prelude::IntoAny;
            App().into_any()
        })
        .await
        .forget();
        drop(links);
        // Effects started while hydrating (the document's title) run before the page is called interactive.
        leptos::task::tick().await;
        // The page is interactive from here on; browser tests wait for this mark before using forms.
        let _ = body.set_attribute("data-hydrated", "true");
    });
}

/// While the page waits for its piece, a followed link is left to the browser, as before the WebAssembly started:
/// the router would otherwise show the next page while this one is still being attached. Dropping it hands links
/// back to the router.
#[cfg(feature = "hydrate")]
struct LinksFollowedByBrowser(wasm_bindgen::closure::Closure<dyn Fn(leptos::web_sys::Event)>);

#[cfg(feature = "hydrate")]
impl LinksFollowedByBrowser {
    fn new() -> Self {
        use wasm_bindgen::JsCast;
        let guard = wasm_bindgen::closure::Closure::<dyn Fn(leptos::web_sys::Event)>::new(
            |event: leptos::web_sys::Event| {
                let on_link = event
                    .target()
                    .and_then(|target| target.dyn_into::<leptos::web_sys::Element>().ok())
                    .and_then(|element| element.closest("a[href]").ok().flatten())
                    .is_some();
                if on_link {
                    // Stops the router's handler, not the browser's own following of the link.
                    event.stop_immediate_propagation();
                }
            },
        );
        let _ = leptos::prelude::window().add_event_listener_with_callback_and_bool(
            "click",
            guard.as_ref().unchecked_ref(),
            true,
        );
        Self(guard)
    }
}

#[cfg(feature = "hydrate")]
impl Drop for LinksFollowedByBrowser {
    fn drop(&mut self) {
        use wasm_bindgen::JsCast;
        let _ = leptos::prelude::window().remove_event_listener_with_callback_and_bool(
            "click",
            self.0.as_ref().unchecked_ref(),
            true,
        );
    }
}
