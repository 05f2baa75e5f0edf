//! Checks a plan version's terms before they are saved or put to the council. Every problem is
//! reported at once, so the person editing a draft can fix them all in one pass.

use super::{AgeRange, BenefitProblem, DocumentKind, Exclusion, PlanTerms};
use crate::ErrorCode;
use crate::{Gender, MemberCategory, Money};
use chrono::NaiveDate;

/// The oldest age a range may name; a higher one is a typo, not a plan.
const MAX_AGE: u8 = 100;
/// The longest waiting period accepted; docs/domain.md §2 knows 30, 90 and 180 days.
const MAX_WAITING_DAYS: u32 = 365;
const MAX_NAME_CHARS: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("the Chinese name must be 1 to {MAX_NAME_CHARS} characters, with no control or invisible character")]
    NameZh,
    #[error("the English name must be 1 to {MAX_NAME_CHARS} characters, with no control or invisible character")]
    NameEn,
    #[error("the price per share must be more than 0.00 (it is {0})")]
    PricePerShare(Money),
    #[error("the maximum number of shares must be at least 1")]
    MaxShares,
    #[error("at least one member category must be eligible")]
    NoCategories,
    #[error("member category {} is listed twice", .0.as_str())]
    CategoryRepeated(MemberCategory),
    #[error("the age range {} to {} is not valid: it needs min ≤ max ≤ {MAX_AGE}", .0.min, .0.max)]
    AgeRange(AgeRange),
    #[error(
        "the women's age range {} to {} is not valid: it needs min ≤ max ≤ {MAX_AGE}",
        .0.min, .0.max
    )]
    FemaleAgeRange(AgeRange),
    #[error("a women's age range on a plan for men only would never apply")]
    FemaleAgeOnMenOnlyPlan,
    #[error("the term must be 1, 2 or 3 years (it is {0})")]
    TermYears(u8),
    #[error("the waiting period must be at most {MAX_WAITING_DAYS} days (it is {0})")]
    WaitingDays(u32),
    #[error("the plan must allow group enrollment, individual enrollment or both")]
    NoEnrollmentMode,
    #[error(
        "participation rate, group size and same shares per unit apply to group enrollment, \
         which this plan does not allow"
    )]
    GroupRulesWithoutGroupEnrollment,
    #[error("the minimum participation rate must be 1 to 100 % (it is {0} %)")]
    MinParticipation(u8),
    #[error("the minimum group size must be at least 1")]
    MinGroupSize,
    #[error("the enrollment window ends ({to}) before it opens ({from})")]
    EnrollmentWindow { from: NaiveDate, to: NaiveDate },
    #[error(
        "the fixed start date {fixed} is before the enrollment window opens ({from}), so every \
         cover would start the day after payment instead"
    )]
    FixedStartBeforeWindow { fixed: NaiveDate, from: NaiveDate },
    #[error("a plan needs at least one benefit rule")]
    NoBenefits,
    #[error("benefit {} ({kind}): {problem}", .index + 1)]
    Benefit {
        /// Position in `PlanTerms::benefits`, from 0.
        index: usize,
        kind: &'static str,
        problem: BenefitProblem,
    },
    #[error("the claim document checklist is empty")]
    NoDocuments,
    #[error("document {} is listed twice", .0.as_str())]
    DocumentRepeated(DocumentKind),
    #[error("exclusion {} is listed twice", .0.as_str())]
    ExclusionRepeated(Exclusion),
}

impl PlanError {
    /// A stable code for API error bodies and the SPA's message catalogue.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::NameZh => ErrorCode::PlanNameZh,
            Self::NameEn => ErrorCode::PlanNameEn,
            Self::PricePerShare(_) => ErrorCode::PlanPricePerShare,
            Self::MaxShares => ErrorCode::PlanMaxShares,
            Self::NoCategories | Self::CategoryRepeated(_) => ErrorCode::PlanCategories,
            Self::AgeRange(_) => ErrorCode::PlanAgeRange,
            Self::FemaleAgeRange(_) | Self::FemaleAgeOnMenOnlyPlan => ErrorCode::PlanFemaleAgeRange,
            Self::TermYears(_) => ErrorCode::PlanTermYears,
            Self::WaitingDays(_) => ErrorCode::PlanWaitingDays,
            Self::NoEnrollmentMode => ErrorCode::PlanEnrollmentMode,
            Self::GroupRulesWithoutGroupEnrollment => ErrorCode::PlanGroupRules,
            Self::MinParticipation(_) => ErrorCode::PlanMinParticipationPercent,
            Self::MinGroupSize => ErrorCode::PlanMinGroupSize,
            Self::EnrollmentWindow { .. } => ErrorCode::PlanEnrollmentWindow,
            Self::FixedStartBeforeWindow { .. } => ErrorCode::PlanFixedStartDate,
            Self::NoBenefits => ErrorCode::PlanBenefits,
            Self::Benefit { problem, .. } => problem.code(),
            Self::NoDocuments | Self::DocumentRepeated(_) => ErrorCode::PlanDocuments,
            Self::ExclusionRepeated(_) => ErrorCode::PlanExclusions,
        }
    }
}

impl PlanTerms {
    /// Every problem with these terms, or `Ok` when they can be saved.
    pub fn validate(&self) -> Result<(), Vec<PlanError>> {
        let mut errs = Vec::new();
        if !name_ok(&self.name_zh) {
            errs.push(PlanError::NameZh);
        }
        if !name_ok(&self.name_en) {
            errs.push(PlanError::NameEn);
        }
        if !self.price_per_share.is_positive() {
            errs.push(PlanError::PricePerShare(self.price_per_share));
        }
        if self.max_shares == 0 {
            errs.push(PlanError::MaxShares);
        }
        if self.categories.is_empty() {
            errs.push(PlanError::NoCategories);
        }
        errs.extend(repeats(&self.categories).map(PlanError::CategoryRepeated));
        self.check_ages(&mut errs);
        if !(1..=3).contains(&self.term_years) {
            errs.push(PlanError::TermYears(self.term_years));
        }
        if self.waiting_days > MAX_WAITING_DAYS {
            errs.push(PlanError::WaitingDays(self.waiting_days));
        }
        self.check_enrollment(&mut errs);
        if self.benefits.is_empty() {
            errs.push(PlanError::NoBenefits);
        }
        for (index, rule) in self.benefits.iter().enumerate() {
            errs.extend(rule.problems(self.waiting_days).into_iter().map(|problem| {
                PlanError::Benefit {
                    index,
                    kind: rule.kind(),
                    problem,
                }
            }));
        }
        if self.documents.is_empty() {
            errs.push(PlanError::NoDocuments);
        }
        errs.extend(repeats(&self.documents).map(PlanError::DocumentRepeated));
        errs.extend(repeats(&self.exclusions).map(PlanError::ExclusionRepeated));
        if errs.is_empty() {
            Ok(())
        } else {
            Err(errs)
        }
    }

    fn check_ages(&self, errs: &mut Vec<PlanError>) {
        let range_ok = |r: AgeRange| r.min <= r.max && r.max <= MAX_AGE;
        if !range_ok(self.age) {
            errs.push(PlanError::AgeRange(self.age));
        }
        if let Some(f) = self.female_age {
            if !range_ok(f) {
                errs.push(PlanError::FemaleAgeRange(f));
            }
            if self.gender == Some(Gender::Male) {
                errs.push(PlanError::FemaleAgeOnMenOnlyPlan);
            }
        }
    }

    fn check_enrollment(&self, errs: &mut Vec<PlanError>) {
        if !self.group_enrollment && !self.individual_enrollment {
            errs.push(PlanError::NoEnrollmentMode);
        }
        let has_group_rules = self.min_participation_percent.is_some()
            || self.min_group_size.is_some()
            || self.same_shares_per_unit;
        if has_group_rules && !self.group_enrollment {
            errs.push(PlanError::GroupRulesWithoutGroupEnrollment);
        }
        if let Some(p) = self.min_participation_percent {
            if !(1..=100).contains(&p) {
                errs.push(PlanError::MinParticipation(p));
            }
        }
        if self.min_group_size == Some(0) {
            errs.push(PlanError::MinGroupSize);
        }
        if let Some(w) = self.enrollment_window {
            if w.to < w.from {
                errs.push(PlanError::EnrollmentWindow {
                    from: w.from,
                    to: w.to,
                });
            }
            if let Some(fixed) = self.fixed_start_date {
                if fixed < w.from {
                    errs.push(PlanError::FixedStartBeforeWindow {
                        fixed,
                        from: w.from,
                    });
                }
            }
        }
    }
}

fn name_ok(name: &str) -> bool {
    let n = name.trim().chars().count();
    (1..=MAX_NAME_CHARS).contains(&n)
        && crate::field_rules::printable("name", name.trim(), crate::field_rules::Lines::One)
            .is_ok()
}

/// Each value that occurs more than once, reported once at its second occurrence.
fn repeats<T: Copy + PartialEq>(items: &[T]) -> impl Iterator<Item = T> + '_ {
    items.iter().enumerate().filter_map(|(i, x)| {
        let earlier = items[..i].iter().filter(|y| *y == x).count();
        (earlier == 1).then_some(*x)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::examples::guangdong_demo;
    use crate::plan::{BenefitRule, DateRange, PlanCode};
    use proptest::prelude::*;

    fn zj() -> PlanTerms {
        guangdong_demo()
            .into_iter()
            .find(|p| p.code.as_str() == "ZJ")
            .unwrap()
    }

    fn codes(t: &PlanTerms) -> Vec<ErrorCode> {
        match t.validate() {
            Ok(()) => vec![],
            Err(errs) => errs.iter().map(PlanError::code).collect(),
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn every_demo_plan_validates_and_round_trips() {
        let plans = guangdong_demo();
        let wanted: Vec<_> = ["ZY", "JT", "ZJ", "NZG", "YW", "XYT"]
            .iter()
            .map(|c| PlanCode::parse(c).unwrap())
            .collect();
        assert_eq!(
            plans.iter().map(|p| p.code.clone()).collect::<Vec<_>>(),
            wanted
        );
        for p in &plans {
            assert_eq!(p.validate(), Ok(()), "{}", p.code);
            let json = serde_json::to_string(p).unwrap();
            let back: PlanTerms = serde_json::from_str(&json).unwrap();
            assert_eq!(&back, p);
        }
    }

    #[test]
    fn each_error_has_its_code() {
        let mut t = zj();
        t.name_zh = "  ".into();
        t.name_en = "x".repeat(101);
        t.price_per_share = Money::ZERO;
        t.max_shares = 0;
        t.categories = vec![
            MemberCategory::InService,
            MemberCategory::GigWorker,
            MemberCategory::InService,
        ];
        t.age = AgeRange { min: 61, max: 60 };
        t.female_age = Some(AgeRange { min: 16, max: 101 });
        t.gender = Some(Gender::Male);
        t.term_years = 4;
        t.waiting_days = 366;
        t.group_enrollment = false;
        t.individual_enrollment = false;
        t.min_participation_percent = Some(101);
        t.min_group_size = Some(0);
        t.enrollment_window = Some(DateRange {
            from: d(2026, 12, 31),
            to: d(2026, 11, 1),
        });
        t.fixed_start_date = Some(d(2026, 1, 1));
        t.documents.push(t.documents[0]);
        t.exclusions = vec![Exclusion::War, Exclusion::War, Exclusion::War];
        assert_eq!(
            codes(&t),
            [
                ErrorCode::PlanNameZh,
                ErrorCode::PlanNameEn,
                ErrorCode::PlanPricePerShare,
                ErrorCode::PlanMaxShares,
                ErrorCode::PlanCategories,
                ErrorCode::PlanAgeRange,
                ErrorCode::PlanFemaleAgeRange,
                ErrorCode::PlanFemaleAgeRange,
                ErrorCode::PlanTermYears,
                ErrorCode::PlanWaitingDays,
                ErrorCode::PlanEnrollmentMode,
                ErrorCode::PlanGroupRules,
                ErrorCode::PlanMinParticipationPercent,
                ErrorCode::PlanMinGroupSize,
                ErrorCode::PlanEnrollmentWindow,
                ErrorCode::PlanFixedStartDate,
                ErrorCode::PlanDocuments,
                ErrorCode::PlanExclusions,
            ]
        );
        t.benefits.clear();
        t.documents.clear();
        assert!(codes(&t).ends_with(&[
            ErrorCode::PlanBenefits,
            ErrorCode::PlanDocuments,
            ErrorCode::PlanExclusions
        ]));
    }

    #[test]
    fn messages_name_the_figures() {
        let mut t = zj();
        t.term_years = 5;
        t.min_participation_percent = Some(0);
        let BenefitRule::LumpSum(ls) = &mut t.benefits[0] else {
            panic!()
        };
        ls.max_claims = 0;
        let msgs: Vec<String> = t
            .validate()
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            msgs,
            [
                "the term must be 1, 2 or 3 years (it is 5)",
                "the minimum participation rate must be 1 to 100 % (it is 0 %)",
                "benefit 1 (lump_sum): a lump-sum rule must allow at least 1 claim",
            ]
        );
    }

    #[test]
    fn consolation_needs_a_waiting_period() {
        let mut t = zj();
        t.waiting_days = 0;
        assert_eq!(codes(&t), [ErrorCode::PlanBenefitWaitingConsolation]);
    }

    #[test]
    fn strict_json() {
        let mut v = serde_json::to_value(zj()).unwrap();
        v["max_share"] = 3.into();
        assert!(serde_json::from_value::<PlanTerms>(v).is_err());
        let mut v = serde_json::to_value(zj()).unwrap();
        v["code"] = "Z J".into();
        assert!(serde_json::from_value::<PlanTerms>(v).is_err());
    }

    proptest! {
        #[test]
        fn age_range_rule(min in 0u8..=120, max in 0u8..=120) {
            let mut t = zj();
            t.age = AgeRange { min, max };
            let ok = min <= max && max <= MAX_AGE;
            prop_assert_eq!(t.validate().is_ok(), ok);
        }

        #[test]
        fn shares_and_term_rules(max_shares in 0u32..10, term in 0u8..6) {
            let mut t = zj();
            t.max_shares = max_shares;
            t.term_years = term;
            prop_assert_eq!(t.validate().is_ok(), max_shares >= 1 && (1..=3).contains(&term));
        }
    }
}
