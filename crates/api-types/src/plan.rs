use chrono::{DateTime, NaiveDate, Utc};
use huzhu_domain::accumulator::{AccumulatorKind, Quantity};
use huzhu_domain::plan::PlanTerms;
use serde::{Deserialize, Serialize};

/// One version of a plan with its terms (every parameter, including the benefit rules).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanVersion {
    pub id: i64,
    #[cfg_attr(feature = "openapi", schema(example = "ZY"))]
    pub code: String,
    pub version: i32,
    pub state: huzhu_domain::plan::PlanVersionState,
    /// The plan terms: price per share, shares, categories, ages, gender, term, waiting period,
    /// enrollment rules, benefit rules, document checklist and exclusions.
    pub terms: PlanTerms,
    pub created_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activated_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retired_at: Option<DateTime<Utc>>,
}

/// Who is asking about whom, for which day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EligibilityRequest {
    #[cfg_attr(feature = "openapi", schema(example = "440106199003071231"))]
    pub id_number: String,
    /// The day of the event (admission, diagnosis, accident), China Standard Time.
    pub event_date: NaiveDate,
    /// Only policies of this plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_code: Option<String>,
    /// `illness` (default; waits out the waiting period) or `accident` (covered from the start).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(example = "illness"))]
    pub event_kind: Option<huzhu_domain::coverage::EventKind>,
}

/// A member's cover: every policy, and how each stands on the day asked about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Coverage {
    /// Whether the ID number belongs to a registered member (that the caller may see).
    pub member_found: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_number_masked: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_name: Option<String>,
    /// The day the `on_date` answers are for.
    pub date: NaiveDate,
    pub policies: Vec<PolicyCoverage>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicyCoverage {
    pub policy_id: i64,
    pub plan_code: String,
    pub plan_name_zh: String,
    pub plan_name_en: String,
    pub status: huzhu_domain::coverage::PolicyState,
    pub shares: i32,
    /// Contribution in yuan, e.g. `"190.00"`.
    pub premium: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<NaiveDate>,
    /// Last covered day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<NaiveDate>,
    /// First day an illness is covered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiting_period_end: Option<NaiveDate>,
    pub covered: bool,
    /// Why not, e.g. `coverage.waiting_period`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub accumulators: Vec<Accumulator>,
}

/// What one benefit allows per period and what is left of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Accumulator {
    #[cfg_attr(feature = "openapi", schema(example = "reimbursement_cap"))]
    pub kind: AccumulatorKind,
    /// `{"unit": "amount", "value": "50000.00"}`, `{"unit": "days", "value": 180}` or
    /// `{"unit": "claims", "value": 2}`.
    pub limit: Quantity,
    pub used: Quantity,
    pub remaining: Quantity,
}
