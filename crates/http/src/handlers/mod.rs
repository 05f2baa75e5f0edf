//! Thin handlers: extract, authorise (the `Caller` argument comes first), call one use case of
//! huzhu-app, map its record to the API's body (crate::views).

pub mod api_clients;
pub mod audit;
pub mod auth;
pub mod claim_documents;
pub mod claims;
pub mod coverage;
pub mod enrollments;
pub mod finance;
pub mod governance;
pub mod inspections;
pub mod meetings;
pub mod members;
pub mod org_units;
pub mod payments;
pub mod plans;
pub mod rosters;
pub mod settlements;
pub mod staff;
pub mod system;
