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

/// Trims a required text field and checks its length.
pub(crate) fn required_text(
    field: &'static str,
    value: &str,
    max_chars: usize,
) -> Result<String, crate::error::ApiError> {
    Ok(huzhu_domain::field_rules::required_text(
        field, value, max_chars,
    )?)
}
