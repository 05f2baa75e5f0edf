//! Pieces shared by several pages.

pub mod busy;
pub mod cover;
pub mod form;
pub mod layout;
pub mod nav_link;
pub mod paged;
pub mod pager;
pub mod policy_card;
pub mod unit_names;
pub mod unit_picker;
