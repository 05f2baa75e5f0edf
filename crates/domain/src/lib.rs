//! Huzhu's business rules as pure functions over values: no IO, no database, no HTTP.
//! Compiles to wasm so the SPA validates input with the same rules as the server.

pub mod access;
pub mod accumulator;
pub mod activation;
pub mod adjudication;
pub mod audit;
pub mod claim_flow;
pub mod contact;
pub mod contribution;
pub mod coverage;
pub mod credit_code;
pub mod document;
pub mod eligibility;
pub mod error_code;
pub mod field_rules;
pub mod governance;
pub mod id_number;
pub mod ledger;
pub mod lockout;
pub mod member;
pub mod money;
pub mod named;
pub mod org;
pub mod payout;
pub mod plan;
pub mod reach;
pub mod roster;
pub mod settlement;

pub use access::{Permission, Role, Scope};
pub use contact::{BankCard, Mobile};
pub use coverage::{
    cover_on, hospital_days, CoverStatus, EventKind, NotCoveredReason, PolicyCover, PolicyStatus,
};
pub use credit_code::CreditCode;
pub use eligibility::{
    check_group, check_person, is_renewal_without_gap, waiting_period_end, Applicant, Channel,
    ExistingCover, Ineligible,
};
pub use error_code::ErrorCode;
pub use id_number::{Gender, IdNumber};
pub use lockout::{Attempt, LoginThrottle};
pub use member::MemberCategory;
pub use money::Money;
pub use named::Named;
pub use org::OrgUnitKind;
pub use plan::{
    cover_period, premium, BenefitRule, CoverPeriod, PlanCode, PlanError, PlanTerms,
    PlanVersionState,
};
pub use reach::Reach;
