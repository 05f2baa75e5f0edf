//! One module per page; each page's root element carries `data-testid="page-…"`.

pub mod account;
pub mod api_clients;
pub mod forbidden;
pub mod home;
pub mod login;
pub mod not_found;
pub mod org_unit_forms;
pub mod org_units;
pub mod staff;
