//! Huzhu's business rules as pure functions over values: no IO, no database, no HTTP.
//! Compiles to wasm so the SPA validates input with the same rules as the server.

pub mod access;
pub mod contact;
pub mod credit_code;
pub mod id_number;
pub mod lockout;
pub mod member;
pub mod money;
pub mod org;

pub use access::{Permission, Role, Scope};
pub use contact::{BankCard, Mobile};
pub use credit_code::CreditCode;
pub use id_number::{Gender, IdNumber};
pub use lockout::LoginThrottle;
pub use member::MemberCategory;
pub use money::Money;
pub use org::OrgUnitKind;
