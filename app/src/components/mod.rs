//! Building blocks shared by pages.

pub mod form;
pub mod layout;
pub mod meta;
pub mod pagination;
pub mod report;
