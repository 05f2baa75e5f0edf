//! The records the use cases answer with, as the store keeps them. Data only: reading and
//! changing them is the use cases' business, so the HTTP layer needs nothing of the store.

pub use huzhu_store::accounts::Account;
pub use huzhu_store::api_clients::ApiClient;
pub use huzhu_store::audit::{Entry as AuditEntry, Verification as AuditVerification};
pub use huzhu_store::claims::{Claim, ClaimEvent, ClaimFilter, DocumentRow, MemberNotice};
pub use huzhu_store::members::Member;
pub use huzhu_store::org_units::OrgUnit;
pub use huzhu_store::plans::PlanVersion;
pub use huzhu_store::policies::Policy;
pub use huzhu_store::Paging;

/// A page of records and how many there are in all.
#[derive(Debug, Clone)]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub paging: Paging,
}
