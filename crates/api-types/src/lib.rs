//! The JSON bodies of `/api/v1`. Request bodies reject unknown fields.
//! With the `openapi` feature every type also describes itself for the OpenAPI document.

pub mod auth;
pub mod claim;
pub mod enrollment;
pub mod error;
pub mod finance;
pub mod governance;
pub mod member;
pub mod org;
pub mod plan;
pub mod system;

pub use auth::*;
pub use claim::*;
pub use enrollment::*;
pub use error::*;
pub use finance::*;
pub use governance::*;
pub use member::*;
pub use org::*;
pub use plan::*;
pub use system::*;

/// One page of a list.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    /// How many items match in all pages.
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
}
