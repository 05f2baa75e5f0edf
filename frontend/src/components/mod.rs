//! Pieces shared by several pages.

pub mod form;
pub mod layout;
pub mod nav_link;
pub mod pager;
pub mod unit_picker;
