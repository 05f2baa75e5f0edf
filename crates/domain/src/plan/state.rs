//! The life of a plan version (计划版本状态): drafted, approved by a council resolution,
//! put into force, retired. A version only moves forward; a change is a new version.

use crate::ErrorCode;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum PlanVersionState {
    /// 草案: terms may still change.
    Draft,
    /// 已批准: a council resolution approved these terms; they are frozen.
    Approved,
    /// 生效: enrollment is open under these terms.
    Active,
    /// 停用: no new enrollment; existing cover runs to its end.
    Retired,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "a plan version that is {} cannot become {}; {}",
    .from.as_str(), .to.as_str(), .from.hint()
)]
pub struct IllegalTransition {
    pub from: PlanVersionState,
    pub to: PlanVersionState,
}

impl IllegalTransition {
    pub fn code(&self) -> ErrorCode {
        ErrorCode::PlanStateTransition
    }
}

impl PlanVersionState {
    pub const ALL: [PlanVersionState; 4] =
        [Self::Draft, Self::Approved, Self::Active, Self::Retired];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Approved => "approved",
            Self::Active => "active",
            Self::Retired => "retired",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// The one state this one may move to, if any.
    pub fn next(self) -> Option<Self> {
        match self {
            Self::Draft => Some(Self::Approved),
            Self::Approved => Some(Self::Active),
            Self::Active => Some(Self::Retired),
            Self::Retired => None,
        }
    }

    /// Moves to `to`, or says why not. Approval is only legal with a council resolution; the
    /// caller records which one.
    pub fn transition(self, to: PlanVersionState) -> Result<PlanVersionState, IllegalTransition> {
        if self.next() == Some(to) {
            Ok(to)
        } else {
            Err(IllegalTransition { from: self, to })
        }
    }

    /// Only a draft's terms may be edited: approved terms are what the council voted on.
    pub fn is_editable(self) -> bool {
        self == Self::Draft
    }

    /// Only an active version takes new enrollments.
    pub fn accepts_enrollment(self) -> bool {
        self == Self::Active
    }

    fn hint(self) -> &'static str {
        match self {
            Self::Draft => "a draft must first be approved by a council resolution",
            Self::Approved => "an approved version can only be put into force",
            Self::Active => "an active version can only be retired",
            Self::Retired => "a retired version is final; create a new version instead",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use PlanVersionState::*;

    #[test]
    fn forward_moves_only() {
        assert_eq!(Draft.transition(Approved), Ok(Approved));
        assert_eq!(Approved.transition(Active), Ok(Active));
        assert_eq!(Active.transition(Retired), Ok(Retired));
        for (from, to) in [
            (Draft, Active),
            (Draft, Retired),
            (Draft, Draft),
            (Approved, Draft),
            (Active, Approved),
            (Active, Active),
            (Retired, Active),
            (Retired, Draft),
        ] {
            let err = from.transition(to).unwrap_err();
            assert_eq!(err.code(), ErrorCode::PlanStateTransition);
            assert_eq!(err, IllegalTransition { from, to });
        }
        assert_eq!(
            Draft.transition(Active).unwrap_err().to_string(),
            "a plan version that is draft cannot become active; \
             a draft must first be approved by a council resolution"
        );
    }

    #[test]
    fn names_round_trip() {
        for s in PlanVersionState::ALL {
            assert_eq!(PlanVersionState::parse(s.as_str()), Some(s));
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.as_str())
            );
        }
        assert!(Draft.is_editable() && !Approved.is_editable());
        assert!(Active.accepts_enrollment() && !Retired.accepts_enrollment());
    }

    proptest! {
        #[test]
        fn any_walk_stays_on_the_chain(moves in proptest::collection::vec(0usize..4, 0..20)) {
            let mut state = Draft;
            for m in moves {
                let to = PlanVersionState::ALL[m];
                match state.transition(to) {
                    Ok(next) => {
                        prop_assert_eq!(next as usize, state as usize + 1);
                        state = next;
                    }
                    Err(e) => prop_assert_eq!(e, IllegalTransition { from: state, to }),
                }
            }
        }
    }
}
