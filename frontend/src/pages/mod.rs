//! One module per page; each page's root element carries `data-testid="page-…"`.

pub mod account;
pub mod api_clients;
pub mod batch;
pub mod batch_payment;
pub mod batches;
pub mod claim;
pub mod claim_new;
pub mod claims;
pub mod coverage;
pub mod forbidden;
pub mod home;
pub mod login;
pub mod member;
pub mod member_fields;
pub mod member_forms;
pub mod member_unmask;
pub mod members;
pub mod not_found;
pub mod org_unit_forms;
pub mod org_units;
pub mod plan_editor;
pub mod plans;
pub mod roster_report;
pub mod rosters;
pub mod staff;
