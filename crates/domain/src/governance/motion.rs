//! A motion as it is tabled, before it is checked against its kind and its body.

use super::{Body, MotionKind, Position};
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

/// Tables a motion on a meeting's agenda: a title and a text, and what its `kind` needs —
/// `approve_plan_version` a draft `plan_version_id`, `approve_budget` a `budget`,
/// `amend_articles` the new `articles_text`, `elect` the body elected to (`elect_to`), the
/// candidate's account, the position, and at least one supervisor as scrutineer. A field another
/// kind needs is refused as unknown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum MotionRequest {
    ApprovePlanVersion {
        title: String,
        text: String,
        plan_version_id: i64,
    },
    ApproveBudget {
        title: String,
        text: String,
        budget: BudgetTerms,
    },
    ApproveAnnualReport {
        title: String,
        text: String,
    },
    AmendArticles {
        title: String,
        text: String,
        articles_text: String,
    },
    Elect {
        title: String,
        text: String,
        elect_to: Body,
        candidate_account_id: i64,
        candidate_position: Position,
        /// Seats on the supervisory board that scrutinise the election.
        #[serde(default)]
        scrutineer_seat_ids: Vec<i64>,
    },
    General {
        title: String,
        text: String,
    },
}

impl MotionRequest {
    pub fn kind(&self) -> MotionKind {
        match self {
            Self::ApprovePlanVersion { .. } => MotionKind::ApprovePlanVersion,
            Self::ApproveBudget { .. } => MotionKind::ApproveBudget,
            Self::ApproveAnnualReport { .. } => MotionKind::ApproveAnnualReport,
            Self::AmendArticles { .. } => MotionKind::AmendArticles,
            Self::Elect { elect_to, .. } => MotionKind::Elect { to: *elect_to },
            Self::General { .. } => MotionKind::General,
        }
    }

    pub fn title(&self) -> &str {
        match self {
            Self::ApprovePlanVersion { title, .. }
            | Self::ApproveBudget { title, .. }
            | Self::ApproveAnnualReport { title, .. }
            | Self::AmendArticles { title, .. }
            | Self::Elect { title, .. }
            | Self::General { title, .. } => title,
        }
    }

    pub fn text(&self) -> &str {
        match self {
            Self::ApprovePlanVersion { text, .. }
            | Self::ApproveBudget { text, .. }
            | Self::ApproveAnnualReport { text, .. }
            | Self::AmendArticles { text, .. }
            | Self::Elect { text, .. }
            | Self::General { text, .. } => text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_motion_carries_what_its_kind_needs_and_nothing_else() {
        let plan: MotionRequest = serde_json::from_value(json!({
            "kind": "approve_plan_version", "title": "批准", "text": "…", "plan_version_id": 7
        }))
        .unwrap();
        assert_eq!(plan.kind(), MotionKind::ApprovePlanVersion);
        assert_eq!(plan.title(), "批准");
        let missing = serde_json::from_value::<MotionRequest>(json!({
            "kind": "approve_plan_version", "title": "批准", "text": "…"
        }))
        .unwrap_err();
        assert!(
            missing
                .to_string()
                .contains("missing field `plan_version_id`"),
            "{missing}"
        );
        let foreign = serde_json::from_value::<MotionRequest>(json!({
            "kind": "general", "title": "t", "text": "…", "plan_version_id": 7
        }))
        .unwrap_err();
        assert!(
            foreign
                .to_string()
                .contains("unknown field `plan_version_id`"),
            "{foreign}"
        );
        let election: MotionRequest = serde_json::from_value(json!({
            "kind": "elect", "title": "选举", "text": "…", "elect_to": "council",
            "candidate_account_id": 3, "candidate_position": "member", "scrutineer_seat_ids": [1]
        }))
        .unwrap();
        assert_eq!(election.kind(), MotionKind::Elect { to: Body::Council });
        let round: MotionRequest =
            serde_json::from_value(serde_json::to_value(&election).unwrap()).unwrap();
        assert_eq!(round, election);
    }
}
