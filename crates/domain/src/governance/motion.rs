//! A motion as it is tabled, before it is checked against its kind and its body.

use serde::{Deserialize, Serialize};

/// The annual budget a motion proposes: the share of contributions set aside as risk reserve
/// and the cap on management expenses, in percent (e.g. `"10"`, `"12.5"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BudgetTerms {
    pub year: i32,
    pub reserve_percent: String,
    pub expense_cap_percent: String,
}

/// Tables a motion on a meeting's agenda. What it needs depends on its kind:
/// `approve_plan_version` a draft `plan_version_id`; `approve_budget` a `budget`;
/// `amend_articles` the new `articles_text`; `elect` the body elected to (`elect_to`), the
/// candidate's account, the position, and at least one supervisor as scrutineer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MotionRequest {
    /// `approve_plan_version`, `approve_budget`, `approve_annual_report`, `amend_articles`,
    /// `elect` or `general`.
    pub kind: String,
    pub title: String,
    pub text: String,
    #[serde(default)]
    pub plan_version_id: Option<i64>,
    #[serde(default)]
    pub budget: Option<BudgetTerms>,
    #[serde(default)]
    pub articles_text: Option<String>,
    #[serde(default)]
    pub elect_to: Option<String>,
    #[serde(default)]
    pub candidate_account_id: Option<i64>,
    #[serde(default)]
    pub candidate_position: Option<String>,
    /// Seats on the supervisory board that scrutinise an election.
    #[serde(default)]
    pub scrutineer_seat_ids: Vec<i64>,
}
