//! One module per page or family of pages.

pub mod account;
pub mod admin;
pub mod alerts;
pub mod auth;
pub mod companies;
pub mod errors;
pub mod home;
pub mod jobs;
pub mod news;

/// Marks the page being rendered as the same for every visitor who is not signed in, so the server may keep the
/// whole page for them while the data it shows is unchanged. A no-op in the browser.
pub fn shared_with_visitors() {
    #[cfg(feature = "ssr")]
    crate::backend::cache::share_with_visitors();
}
