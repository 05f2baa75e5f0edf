//! Where a claim stands and who may move it (docs/domain.md §4): draft → submitted →
//! branch-reviewed → approved (→ paid), or rejected, or withdrawn; one appeal reopens a rejected
//! claim. The person who submits, the one who reviews and the one who approves are three
//! different people, and an amount above the threshold needs a second provincial approver.

use crate::ErrorCode;
use crate::Money;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ClaimStatus {
    Draft,
    Submitted,
    BranchReviewed,
    /// Approved once; the amount needs a second provincial approver.
    FirstApproved,
    Approved,
    Rejected,
    Withdrawn,
    /// Paid out (by finance).
    Paid,
}

impl ClaimStatus {
    pub const ALL: [ClaimStatus; 8] = [
        Self::Draft,
        Self::Submitted,
        Self::BranchReviewed,
        Self::FirstApproved,
        Self::Approved,
        Self::Rejected,
        Self::Withdrawn,
        Self::Paid,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Submitted => "submitted",
            Self::BranchReviewed => "branch_reviewed",
            Self::FirstApproved => "first_approved",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
            Self::Withdrawn => "withdrawn",
            Self::Paid => "paid",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Documents may be added until the claim is approved or closed (a refused claim may still
    /// get them, for its appeal).
    pub fn accepts_documents(self) -> bool {
        matches!(
            self,
            Self::Draft
                | Self::Submitted
                | Self::BranchReviewed
                | Self::FirstApproved
                | Self::Rejected
        )
    }
}

/// Who filed a claim: the member online, staff for the member, or the medical-insurance
/// settlement feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ClaimChannel {
    Member,
    Staff,
    Settlement,
}

crate::named::names!(ClaimChannel {
    Member = "member",
    Staff = "staff",
    Settlement = "settlement",
});

/// The reasons a person may give for refusing a claim (docs/domain.md §4), besides those the engine
/// finds by itself.
pub const REJECTION_CODES: [ErrorCode; 17] = [
    ErrorCode::ClaimNotEnrolled,
    ErrorCode::ClaimLapsed,
    ErrorCode::ClaimBeforeEffectiveDate,
    ErrorCode::ClaimWaitingPeriod,
    ErrorCode::ClaimPreExisting,
    ErrorCode::ClaimIneligible,
    ErrorCode::ClaimExcludedCause,
    ErrorCode::ClaimPsychiatricStay,
    ErrorCode::ClaimLate,
    ErrorCode::ClaimDocumentsMissing,
    ErrorCode::ClaimDuplicateInvoice,
    ErrorCode::ClaimDuplicateSettlement,
    ErrorCode::ClaimCapUsedUp,
    ErrorCode::ClaimDiseaseNotListed,
    ErrorCode::ClaimDiseaseAlreadyPaid,
    ErrorCode::ClaimMaxClaimsUsed,
    ErrorCode::ClaimNoBenefit,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimAction {
    Submit,
    Review,
    Approve,
    Reject,
    Withdraw,
    Appeal,
}

impl ClaimAction {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Submit => "submit",
            Self::Review => "review",
            Self::Approve => "approve",
            Self::Reject => "reject",
            Self::Withdraw => "withdraw",
            Self::Appeal => "appeal",
        }
    }
}

/// Who has acted on a claim so far (account ids).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Actors {
    pub submitted_by: Option<i64>,
    pub reviewed_by: Option<i64>,
    pub first_approved_by: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FlowError {
    #[error("a claim that is {} cannot be {}", .status.as_str(), past(*.action))]
    NotNow {
        status: ClaimStatus,
        action: ClaimAction,
    },
    #[error("a claim can be appealed once only")]
    AppealedBefore,
    #[error("the person who submitted a claim cannot also {} it", .0.as_str())]
    OwnSubmission(ClaimAction),
    #[error("the person who reviewed a claim cannot also approve it")]
    OwnReview,
    #[error("the second approval must come from another provincial approver")]
    SameApprover,
}

fn past(a: ClaimAction) -> &'static str {
    match a {
        ClaimAction::Submit => "submitted",
        ClaimAction::Review => "reviewed",
        ClaimAction::Approve => "approved",
        ClaimAction::Reject => "rejected",
        ClaimAction::Withdraw => "withdrawn",
        ClaimAction::Appeal => "appealed",
    }
}

impl FlowError {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::NotNow { .. } => ErrorCode::ClaimWrongStatus,
            Self::AppealedBefore => ErrorCode::ClaimAppealedBefore,
            Self::OwnSubmission(_) | Self::OwnReview | Self::SameApprover => {
                ErrorCode::ClaimMakerChecker
            }
        }
    }

    /// Maker-checker problems are about the person (403); the rest about the claim (409).
    pub fn is_about_the_person(&self) -> bool {
        matches!(
            self,
            Self::OwnSubmission(_) | Self::OwnReview | Self::SameApprover
        )
    }
}

/// The status after `action` on a claim at `status`, or why it cannot happen now. An approval
/// of more than `threshold` first becomes [`ClaimStatus::FirstApproved`].
pub fn next(
    status: ClaimStatus,
    action: ClaimAction,
    appealed: bool,
    amount: Money,
    threshold: Money,
) -> Result<ClaimStatus, FlowError> {
    use ClaimAction as A;
    use ClaimStatus as S;
    let not_now = FlowError::NotNow { status, action };
    match (status, action) {
        (S::Draft, A::Submit) => Ok(S::Submitted),
        (S::Submitted, A::Review) => Ok(S::BranchReviewed),
        (S::BranchReviewed, A::Approve) if amount > threshold => Ok(S::FirstApproved),
        (S::BranchReviewed | S::FirstApproved, A::Approve) => Ok(S::Approved),
        (S::Submitted | S::BranchReviewed | S::FirstApproved, A::Reject) => Ok(S::Rejected),
        (S::Draft | S::Submitted | S::BranchReviewed, A::Withdraw) => Ok(S::Withdrawn),
        (S::Rejected, A::Appeal) if appealed => Err(FlowError::AppealedBefore),
        (S::Rejected, A::Appeal) => Ok(S::Submitted),
        _ => Err(not_now),
    }
}

/// Whether `action` can be taken on a claim at `status` at all (whoever takes it).
pub fn allows(status: ClaimStatus, action: ClaimAction, appealed: bool) -> bool {
    next(status, action, appealed, Money::ZERO, Money::ZERO).is_ok()
}

/// Whether `actor` may take `action`, given who acted before: reviewing and approving are for
/// others than the submitter, approving for others than the reviewer, and a second approval
/// for another approver.
pub fn check_actor(action: ClaimAction, actor: i64, before: &Actors) -> Result<(), FlowError> {
    let is = |who: Option<i64>| who == Some(actor);
    match action {
        ClaimAction::Review | ClaimAction::Approve if is(before.submitted_by) => {
            Err(FlowError::OwnSubmission(action))
        }
        ClaimAction::Approve if is(before.reviewed_by) => Err(FlowError::OwnReview),
        ClaimAction::Approve if is(before.first_approved_by) => Err(FlowError::SameApprover),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ClaimAction as A;
    use ClaimStatus as S;

    fn yuan(y: i64) -> Money {
        Money::from_fen(y * 100)
    }

    #[test]
    fn the_ordinary_path_and_the_threshold() {
        let t = yuan(50_000);
        assert_eq!(
            next(S::Draft, A::Submit, false, yuan(0), t),
            Ok(S::Submitted)
        );
        assert_eq!(
            next(S::Submitted, A::Review, false, yuan(0), t),
            Ok(S::BranchReviewed)
        );
        assert_eq!(
            next(S::BranchReviewed, A::Approve, false, yuan(50_000), t),
            Ok(S::Approved)
        );
        assert_eq!(
            next(
                S::BranchReviewed,
                A::Approve,
                false,
                Money::from_fen(5_000_001),
                t
            ),
            Ok(S::FirstApproved),
            "a fen above the threshold needs a second approver"
        );
        assert_eq!(
            next(S::FirstApproved, A::Approve, false, yuan(90_000), t),
            Ok(S::Approved)
        );
    }

    #[test]
    fn one_appeal_only_and_no_second_approval_of_an_approved_claim() {
        let t = yuan(50_000);
        assert_eq!(
            next(S::Rejected, A::Appeal, false, yuan(0), t),
            Ok(S::Submitted)
        );
        assert_eq!(
            next(S::Rejected, A::Appeal, true, yuan(0), t),
            Err(FlowError::AppealedBefore)
        );
        let e = next(S::Approved, A::Approve, false, yuan(1), t).unwrap_err();
        assert_eq!(
            (e.code(), e.is_about_the_person()),
            (ErrorCode::ClaimWrongStatus, false)
        );
        assert!(next(S::Approved, A::Withdraw, false, yuan(1), t).is_err());
        assert!(next(S::Paid, A::Reject, false, yuan(1), t).is_err());
    }

    #[test]
    fn three_different_people() {
        let before = Actors {
            submitted_by: Some(1),
            reviewed_by: Some(2),
            first_approved_by: None,
        };
        assert_eq!(
            check_actor(A::Review, 1, &before),
            Err(FlowError::OwnSubmission(A::Review))
        );
        assert_eq!(
            check_actor(A::Approve, 1, &before),
            Err(FlowError::OwnSubmission(A::Approve))
        );
        assert_eq!(
            check_actor(A::Approve, 2, &before),
            Err(FlowError::OwnReview)
        );
        assert_eq!(check_actor(A::Approve, 3, &before), Ok(()));
        let once = Actors {
            first_approved_by: Some(3),
            ..before
        };
        assert_eq!(
            check_actor(A::Approve, 3, &once),
            Err(FlowError::SameApprover)
        );
        assert_eq!(check_actor(A::Approve, 4, &once), Ok(()));
        // Rejecting and withdrawing are not restricted by who acted before.
        assert_eq!(check_actor(A::Reject, 1, &before), Ok(()));
    }

    #[test]
    fn the_engine_refuses_only_with_codes_a_person_may_give() {
        use crate::accumulator::AccumulatorKind;
        use crate::adjudication::Rejection;
        let d = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        for r in [
            Rejection::NotPaid,
            Rejection::BeforeEffectiveDate {
                event: d,
                starts: d,
            },
            Rejection::Lapsed { event: d, ended: d },
            Rejection::Terminated { from: d },
            Rejection::WaitingPeriod {
                event: d,
                covered_from: d,
            },
            Rejection::NoBenefitForEvent,
            Rejection::PsychiatricStay,
            Rejection::ExcludedCause {
                cause: "war".into(),
            },
            Rejection::DiseaseNotListed { code: "x".into() },
            Rejection::DiseaseAlreadyPaid { code: "x".into() },
            Rejection::MaxClaimsUsed { max: 2 },
            Rejection::CapUsedUp {
                accumulator: AccumulatorKind::ReimbursementCap,
            },
        ] {
            assert!(REJECTION_CODES.contains(&r.code()), "{}", r.code());
        }
    }

    #[test]
    fn documents_until_approval_and_actions_by_status() {
        assert!(S::Rejected.accepts_documents() && S::FirstApproved.accepts_documents());
        assert!(!S::Approved.accepts_documents() && !S::Withdrawn.accepts_documents());
        assert!(allows(S::Submitted, A::Withdraw, false));
        assert!(!allows(S::Approved, A::Withdraw, false));
        assert!(allows(S::Rejected, A::Appeal, false));
        assert!(!allows(S::Rejected, A::Appeal, true));
    }

    #[test]
    fn every_status_has_its_name() {
        for s in ClaimStatus::ALL {
            assert_eq!(ClaimStatus::parse(s.as_str()), Some(s));
        }
    }
}
