//! Counting votes (docs/domain.md §6): a meeting is quorate with at least two thirds of the body's
//! members present; a motion passes by a majority or by two thirds of those present, depending
//! on the body and the kind of motion. Abstentions count as present and not as yes. Every count
//! explains itself ("24 of 31 present ≥ 2/3: quorate; 17 yes of 24 present < 2/3: not passed").
//! All comparisons are exact: cross-multiplied whole numbers, never fractions.

pub mod motion;
mod sittings;

pub use sittings::*;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Body {
    /// 会员代表大会
    MemberCongress,
    /// 理事会
    Council,
    /// 常务理事会
    StandingCouncil,
    /// 执行委员会
    ExecutiveCommittee,
    /// 监事会
    SupervisoryBoard,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MotionKind {
    ApprovePlanVersion,
    ApproveBudget,
    ApproveAnnualReport,
    AmendArticles,
    /// An election of members of `to`.
    Elect {
        to: Body,
    },
    General,
}

/// The name a motion's kind is stored and sent by; an election's body travels beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum MotionType {
    ApprovePlanVersion,
    ApproveBudget,
    ApproveAnnualReport,
    AmendArticles,
    Elect,
    General,
}

crate::named::names!(MotionType {
    ApprovePlanVersion = "approve_plan_version",
    ApproveBudget = "approve_budget",
    ApproveAnnualReport = "approve_annual_report",
    AmendArticles = "amend_articles",
    Elect = "elect",
    General = "general",
});

/// Where a meeting stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum MeetingStatus {
    /// Convened: attendance and votes are taken.
    Scheduled,
    /// Minutes recorded; nothing more changes.
    Closed,
}

crate::named::names!(MeetingStatus {
    Scheduled = "scheduled",
    Closed = "closed",
});

/// Where a motion stands: open for votes until its vote is closed and counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum MotionStatus {
    Open,
    Passed,
    NotPassed,
}

crate::named::names!(MotionStatus {
    Open = "open",
    Passed = "passed",
    NotPassed = "not_passed",
});

/// Where a supervisory board's inspection stands: opened by the board, answered by the council,
/// closed by the board with its conclusion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum InspectionStatus {
    Open,
    Answered,
    Closed,
}

crate::named::names!(InspectionStatus {
    Open = "open",
    Answered = "answered",
    Closed = "closed",
});

/// The share of those present a motion needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Threshold {
    /// More than half of those present.
    MajorityOfPresent,
    /// At least two thirds of those present.
    TwoThirdsOfPresent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MotionError {
    #[error("the articles of association are amended by the member congress only")]
    ArticlesByCongressOnly,
    #[error("council members and supervisors are elected by the member congress")]
    ElectedByCongress,
    #[error("standing council members are elected by the council")]
    ElectedByCouncil,
    #[error("this body does not elect members of that body")]
    NoSuchElection,
    #[error("plan versions and budgets are approved by the council")]
    ByCouncilOnly,
}

/// What `kind` needs in `body`, or why `body` cannot decide it.
pub fn threshold(body: Body, kind: MotionKind) -> Result<Threshold, MotionError> {
    use Body::*;
    use MotionKind::*;
    match (body, kind) {
        (MemberCongress, AmendArticles) => Ok(Threshold::TwoThirdsOfPresent),
        // What goes into force and what finance applies is the council's to decide.
        (Council, ApprovePlanVersion | ApproveBudget) => Ok(Threshold::TwoThirdsOfPresent),
        (_, ApprovePlanVersion | ApproveBudget) => Err(MotionError::ByCouncilOnly),
        (_, AmendArticles) => Err(MotionError::ArticlesByCongressOnly),
        (
            MemberCongress,
            Elect {
                to: Council | SupervisoryBoard,
            },
        ) => Ok(Threshold::MajorityOfPresent),
        (
            _,
            Elect {
                to: Council | SupervisoryBoard,
            },
        ) => Err(MotionError::ElectedByCongress),
        (
            Council,
            Elect {
                to: StandingCouncil,
            },
        ) => Ok(Threshold::TwoThirdsOfPresent),
        (
            _,
            Elect {
                to: StandingCouncil,
            },
        ) => Err(MotionError::ElectedByCouncil),
        (_, Elect { .. }) => Err(MotionError::NoSuchElection),
        // Congress resolutions: a majority of those present.
        (MemberCongress, _) => Ok(Threshold::MajorityOfPresent),
        // Council resolutions, and those of the bodies acting for the council between its
        // meetings: two thirds of those present.
        (Council | StandingCouncil | ExecutiveCommittee, _) => Ok(Threshold::TwoThirdsOfPresent),
        // The supervisory board's own resolutions (the rules are silent; docs/domain.md §6
        // records this reading): a majority.
        (SupervisoryBoard, _) => Ok(Threshold::MajorityOfPresent),
    }
}

/// A seat's vote on a motion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Choice {
    Yes,
    No,
    Abstain,
}

impl Choice {
    pub const ALL: [Choice; 3] = [Choice::Yes, Choice::No, Choice::Abstain];

    /// As stored and sent: `yes`, `no` or `abstain`.
    pub fn as_str(self) -> &'static str {
        match self {
            Choice::Yes => "yes",
            Choice::No => "no",
            Choice::Abstain => "abstain",
        }
    }

    pub fn parse(s: &str) -> Option<Choice> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// Who was there and how they voted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// Members of the body (seats filled).
    pub members: u32,
    pub present: u32,
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TallyError {
    #[error("{present} present is more than the {members} members of the body")]
    MorePresentThanMembers { present: u32, members: u32 },
    #[error("{votes} votes were cast by {present} members present")]
    MoreVotesThanPresent { votes: u32, present: u32 },
}

/// The result of a count, with its working in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub quorate: bool,
    pub passed: bool,
    pub threshold: Threshold,
    pub explanation_en: String,
    pub explanation_zh: String,
}

/// The fewest members present for a quorum of a body of `members`: two thirds, rounded up.
pub fn quorum_needed(members: u32) -> u32 {
    (members * 2).div_ceil(3)
}

fn at_least_two_thirds(part: u32, whole: u32) -> bool {
    u64::from(part) * 3 >= u64::from(whole) * 2
}

fn more_than_half(part: u32, whole: u32) -> bool {
    u64::from(part) * 2 > u64::from(whole)
}

/// Counts a vote: quorate with at least two thirds of the members present, and passed when the
/// yes votes reach `threshold` of those present (a motion of an inquorate meeting never passes).
pub fn count(threshold: Threshold, t: Tally) -> Result<Outcome, TallyError> {
    if t.present > t.members {
        return Err(TallyError::MorePresentThanMembers {
            present: t.present,
            members: t.members,
        });
    }
    let votes = t.yes.saturating_add(t.no).saturating_add(t.abstain);
    if votes > t.present {
        return Err(TallyError::MoreVotesThanPresent {
            votes,
            present: t.present,
        });
    }
    let quorate = t.members > 0 && at_least_two_thirds(t.present, t.members);
    let reached = match threshold {
        Threshold::MajorityOfPresent => more_than_half(t.yes, t.present),
        Threshold::TwoThirdsOfPresent => t.present > 0 && at_least_two_thirds(t.yes, t.present),
    };
    let passed = quorate && reached;
    let (rule_en, rule_zh, miss_en) = match threshold {
        Threshold::MajorityOfPresent => ("> 1/2", "过半数", "≤ 1/2"),
        Threshold::TwoThirdsOfPresent => ("≥ 2/3", "三分之二以上", "< 2/3"),
    };
    let quorum_en = format!(
        "{} of {} present {} 2/3: {}",
        t.present,
        t.members,
        if quorate { "≥" } else { "<" },
        if quorate { "quorate" } else { "not quorate" }
    );
    let quorum_zh = format!(
        "应到 {} 人，实到 {} 人，{}三分之二：{}",
        t.members,
        t.present,
        if quorate { "达到" } else { "不足" },
        if quorate {
            "会议有效"
        } else {
            "不足法定人数"
        }
    );
    let vote_en = format!(
        "{} yes, {} no, {} abstaining of {} present {}: {}",
        t.yes,
        t.no,
        t.abstain,
        t.present,
        if reached { rule_en } else { miss_en },
        if passed { "passed" } else { "not passed" }
    );
    let vote_zh = format!(
        "赞成 {} 票、反对 {} 票、弃权 {} 票（实到 {} 人），{}{}：{}",
        t.yes,
        t.no,
        t.abstain,
        t.present,
        if reached { "达到" } else { "未达到" },
        rule_zh,
        if passed { "通过" } else { "未通过" }
    );
    Ok(Outcome {
        quorate,
        passed,
        threshold,
        explanation_en: format!("{quorum_en}; {vote_en}"),
        explanation_zh: format!("{quorum_zh}；{vote_zh}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn tally(members: u32, present: u32, yes: u32, no: u32, abstain: u32) -> Tally {
        Tally {
            members,
            present,
            yes,
            no,
            abstain,
        }
    }

    #[test]
    fn the_example_of_the_brief_reads_as_written() {
        let o = count(Threshold::TwoThirdsOfPresent, tally(31, 24, 15, 9, 0)).unwrap();
        assert!(o.quorate && !o.passed);
        assert_eq!(
            o.explanation_en,
            "24 of 31 present ≥ 2/3: quorate; 15 yes, 9 no, 0 abstaining of 24 present < 2/3: not passed"
        );
        assert_eq!(
            o.explanation_zh,
            "应到 31 人，实到 24 人，达到三分之二：会议有效；赞成 15 票、反对 9 票、弃权 0 票（实到 24 人），未达到三分之二以上：未通过"
        );
    }

    #[test]
    fn exactly_two_thirds_present_is_quorate_one_less_is_not() {
        let t = Threshold::MajorityOfPresent;
        assert!(count(t, tally(30, 20, 20, 0, 0)).unwrap().quorate);
        assert!(!count(t, tally(30, 19, 19, 0, 0)).unwrap().quorate);
        // 31 members: 20.67 needed, so 21.
        assert!(!count(t, tally(31, 20, 20, 0, 0)).unwrap().quorate);
        assert!(count(t, tally(31, 21, 21, 0, 0)).unwrap().quorate);
    }

    #[test]
    fn exactly_two_thirds_yes_passes() {
        let t = Threshold::TwoThirdsOfPresent;
        assert!(count(t, tally(30, 24, 16, 8, 0)).unwrap().passed);
        assert!(!count(t, tally(30, 24, 15, 9, 0)).unwrap().passed);
    }

    #[test]
    fn a_tie_is_no_majority_and_abstentions_count_against() {
        let t = Threshold::MajorityOfPresent;
        assert!(!count(t, tally(30, 24, 12, 12, 0)).unwrap().passed);
        assert!(count(t, tally(30, 24, 13, 11, 0)).unwrap().passed);
        // 12 yes, 2 no, 10 abstaining: more yes than no, but not more than half of those present.
        assert!(!count(t, tally(30, 24, 12, 2, 10)).unwrap().passed);
    }

    #[test]
    fn an_inquorate_meeting_passes_nothing() {
        let o = count(Threshold::MajorityOfPresent, tally(30, 10, 10, 0, 0)).unwrap();
        assert!(!o.quorate && !o.passed);
    }

    #[test]
    fn impossible_tallies_are_refused() {
        let t = Threshold::MajorityOfPresent;
        assert!(count(t, tally(10, 11, 0, 0, 0)).is_err());
        assert!(count(t, tally(10, 8, 5, 3, 1)).is_err());
    }

    #[test]
    fn each_body_decides_what_the_articles_give_it() {
        use Body::*;
        use MotionKind::*;
        assert_eq!(
            threshold(MemberCongress, AmendArticles),
            Ok(Threshold::TwoThirdsOfPresent)
        );
        assert_eq!(
            threshold(Council, AmendArticles),
            Err(MotionError::ArticlesByCongressOnly)
        );
        assert_eq!(
            threshold(MemberCongress, Elect { to: Council }),
            Ok(Threshold::MajorityOfPresent)
        );
        assert_eq!(
            threshold(
                MemberCongress,
                Elect {
                    to: SupervisoryBoard
                }
            ),
            Ok(Threshold::MajorityOfPresent)
        );
        assert_eq!(
            threshold(Council, Elect { to: Council }),
            Err(MotionError::ElectedByCongress)
        );
        assert_eq!(
            threshold(
                Council,
                Elect {
                    to: StandingCouncil
                }
            ),
            Ok(Threshold::TwoThirdsOfPresent)
        );
        assert_eq!(
            threshold(
                MemberCongress,
                Elect {
                    to: StandingCouncil
                }
            ),
            Err(MotionError::ElectedByCouncil)
        );
        assert_eq!(
            threshold(Council, ApprovePlanVersion),
            Ok(Threshold::TwoThirdsOfPresent)
        );
        assert_eq!(
            threshold(Council, ApproveBudget),
            Ok(Threshold::TwoThirdsOfPresent)
        );
        for body in [
            MemberCongress,
            StandingCouncil,
            ExecutiveCommittee,
            SupervisoryBoard,
        ] {
            assert_eq!(
                threshold(body, ApprovePlanVersion),
                Err(MotionError::ByCouncilOnly)
            );
            assert_eq!(
                threshold(body, ApproveBudget),
                Err(MotionError::ByCouncilOnly)
            );
        }
        assert_eq!(
            threshold(MemberCongress, ApproveAnnualReport),
            Ok(Threshold::MajorityOfPresent)
        );
    }

    fn valid_tally() -> impl Strategy<Value = Tally> {
        (1u32..200)
            .prop_flat_map(|members| (Just(members), 0..=members))
            .prop_flat_map(|(members, present)| (Just(members), Just(present), 0..=present))
            .prop_flat_map(|(members, present, yes)| {
                (Just(members), Just(present), Just(yes), 0..=present - yes)
            })
            .prop_map(|(members, present, yes, no)| Tally {
                members,
                present,
                yes,
                no,
                abstain: present - yes - no,
            })
    }

    proptest! {
        #[test]
        fn the_quorum_needed_is_the_fewest_present_that_count_as_quorate(t in valid_tally()) {
            let o = count(Threshold::MajorityOfPresent, t).unwrap();
            prop_assert_eq!(o.quorate, t.members > 0 && t.present >= quorum_needed(t.members));
        }

        #[test]
        fn passing_needs_a_quorum_and_two_thirds_is_stricter(t in valid_tally()) {
            let majority = count(Threshold::MajorityOfPresent, t).unwrap();
            let two_thirds = count(Threshold::TwoThirdsOfPresent, t).unwrap();
            prop_assert!(!majority.passed || majority.quorate);
            prop_assert!(!two_thirds.passed || majority.passed || t.present == 0);
        }

        #[test]
        fn one_more_yes_never_turns_a_pass_into_a_failure(t in valid_tally()) {
            prop_assume!(t.no > 0);
            let before = count(Threshold::TwoThirdsOfPresent, t).unwrap();
            let after = count(Threshold::TwoThirdsOfPresent, Tally { yes: t.yes + 1, no: t.no - 1, ..t }).unwrap();
            prop_assert!(!before.passed || after.passed);
        }

        #[test]
        fn the_counts_agree_with_exact_fractions(t in valid_tally()) {
            use rust_decimal::Decimal;
            let share = |a: u32, b: u32| Decimal::from(a) / Decimal::from(b.max(1));
            let two_thirds = Decimal::from(2) / Decimal::from(3);
            let o = count(Threshold::MajorityOfPresent, t).unwrap();
            // Decimal thirds are rounded: compare away from the boundary only.
            let q = share(t.present, t.members);
            if (q - two_thirds).abs() > Decimal::new(1, 6) {
                prop_assert_eq!(o.quorate, q > two_thirds);
            }
            prop_assert_eq!(o.passed, o.quorate && Decimal::from(t.yes) * Decimal::from(2) > Decimal::from(t.present));
        }
    }
}
