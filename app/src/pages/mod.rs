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
