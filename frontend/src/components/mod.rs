//! Pieces shared by several pages.

pub mod busy;
pub mod form;
pub mod layout;
pub mod nav_link;
pub mod paged;
pub mod pager;
pub mod unit_picker;
