//! Building blocks shared by pages.

pub mod form;
pub mod island;
pub mod layout;
pub mod meta;
pub mod pagination;
pub mod report;
