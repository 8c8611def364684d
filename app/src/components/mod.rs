//! Building blocks shared by pages.

pub mod cards;
pub mod form;
#[cfg(feature = "hydrate")]
pub mod in_place;
pub mod island;
pub mod layout;
pub mod meta;
pub mod pagination;
pub mod picture;
pub mod report;
pub mod subscribe;
