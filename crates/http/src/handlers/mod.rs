//! Thin handlers: extract, authorise (the `Caller` argument comes first), call domain and
//! store, map to the API's bodies.

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

use huzhu_api_types::Page;

pub(crate) fn page<T, U>(
    items: Vec<T>,
    total: i64,
    paging: huzhu_store::Paging,
    f: impl FnMut(T) -> U,
) -> Page<U> {
    Page {
        items: items.into_iter().map(f).collect(),
        total,
        limit: paging.limit,
        offset: paging.offset,
    }
}

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
