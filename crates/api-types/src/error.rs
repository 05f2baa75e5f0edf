use serde::{Deserialize, Serialize};

/// The body of every error response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// Stable, machine-readable, e.g. `auth.invalid_credentials` or `org_unit.not_found`; every
    /// code is listed, with its meaning, in docs/errors.md.
    pub code: huzhu_domain::ErrorCode,
    /// What went wrong and what to do about it, for a person.
    pub message: String,
    /// Structured detail where it helps (e.g. the offending field).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<serde_json::Value>,
}
