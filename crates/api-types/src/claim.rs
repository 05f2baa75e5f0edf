//! Claims (互助金申请): filing, the queue, one claim with its adjudication and its steps, and
//! the decisions taken on it.

use chrono::{DateTime, NaiveDate, Utc};
use huzhu_domain::adjudication::{Adjudication, ClaimFacts, ClaimKind};
use huzhu_domain::claim_flow::{ClaimChannel, ClaimStatus};
use huzhu_domain::plan::DocumentKind;
use serde::{Deserialize, Serialize};

/// A member's own claim against one of their policies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OwnClaimRequest {
    pub policy_id: i64,
    /// What happened: `{"type": "inpatient" | "critical_illness" | "accident", …}`.
    pub facts: ClaimFacts,
    /// Keep it as a draft instead of submitting it (default: submit).
    #[serde(default)]
    pub draft: bool,
}

/// A claim filed by staff for a member of their part of the organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ClaimRequest {
    pub member_id: i64,
    pub policy_id: i64,
    pub facts: ClaimFacts,
    #[serde(default)]
    pub draft: bool,
}

/// A decision's remark, kept with the step.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ClaimDecision {
    #[serde(default)]
    pub comment: Option<String>,
}

/// Why a claim is refused: a reason code of docs/domain.md §4 and words for the member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ClaimRejection {
    #[cfg_attr(feature = "openapi", schema(example = "claim.documents_missing"))]
    pub code: String,
    pub text: String,
}

/// One step of a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClaimStep {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<ClaimStatus>,
    pub to: ClaimStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Claim {
    pub id: i64,
    pub member_id: i64,
    pub member_name: String,
    pub id_number_masked: String,
    pub policy_id: i64,
    pub plan_code: String,
    pub kind: ClaimKind,
    pub facts: ClaimFacts,
    pub event_date: NaiveDate,
    pub status: ClaimStatus,
    /// Who filed it: the member, staff, or the medical-insurance settlement feed.
    pub channel: ClaimChannel,
    /// The engine's working: an estimate until approval, then what was approved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adjudication: Option<Adjudication>,
    /// The amount approved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_amount: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejection_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejection_text: Option<String>,
    pub appealed: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Every step, oldest first (empty in lists).
    #[serde(default)]
    pub steps: Vec<ClaimStep>,
    /// The documents uploaded (empty in lists).
    #[serde(default)]
    pub documents: Vec<ClaimDocument>,
    /// Kinds of document on the plan's checklist that have not been uploaded yet.
    #[serde(default)]
    pub missing_documents: Vec<DocumentKind>,
}

/// A document of a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClaimDocument {
    pub id: i64,
    /// A kind of the plan's checklist.
    pub kind: DocumentKind,
    /// `application/pdf`, `image/jpeg` or `image/png`, from the file's content.
    pub media_type: String,
    pub file_name: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub uploaded_at: DateTime<Utc>,
}

/// A batch of medical-insurance settlements (一站式结算) from an integrator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SettlementBatch {
    /// At most 1,000 records.
    pub records: Vec<SettlementRecord>,
}

pub use huzhu_domain::settlement::{SettlementClaim, SettlementOutcome, SettlementRecord};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SettlementReport {
    pub results: Vec<SettlementOutcome>,
}

/// A change of one of the member's claims.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClaimNotice {
    pub claim_id: i64,
    pub plan_code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<ClaimStatus>,
    pub to: ClaimStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    pub at: DateTime<Utc>,
}
