//! Accumulators (累计额度): what each benefit of a policy allows per period — days of
//! allowance, an amount under a cap, a number of lump-sum claims — and what is left of it.
//! Shares multiply amounts (caps, sums) and never ratios or day counts.

use crate::plan::{BenefitRule, PlanTerms};
use crate::Money;
use serde::{Deserialize, Serialize};

/// The quantity an accumulator counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "unit", content = "value", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Quantity {
    Days(u32),
    Amount(Money),
    Claims(u32),
}

impl Quantity {
    /// `self − used`, never below zero; a different unit leaves `self` unchanged.
    pub fn less(self, used: Quantity) -> Quantity {
        match (self, used) {
            (Quantity::Days(a), Quantity::Days(b)) => Quantity::Days(a.saturating_sub(b)),
            (Quantity::Claims(a), Quantity::Claims(b)) => Quantity::Claims(a.saturating_sub(b)),
            (Quantity::Amount(a), Quantity::Amount(b)) => {
                let left = a.amount() - b.amount();
                Quantity::Amount(if left.is_sign_negative() {
                    Money::ZERO
                } else {
                    Money::round(left)
                })
            }
            (same, _) => same,
        }
    }

    /// Nothing of the same unit.
    pub fn none_like(self) -> Quantity {
        match self {
            Quantity::Days(_) => Quantity::Days(0),
            Quantity::Claims(_) => Quantity::Claims(0),
            Quantity::Amount(_) => Quantity::Amount(Money::ZERO),
        }
    }
}

/// Which accumulator of a policy: one per benefit rule and counted thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum AccumulatorKind {
    /// Days of daily allowance per period.
    AllowanceDays,
    /// Reimbursement paid against the period cap.
    ReimbursementCap,
    /// Lump-sum claims over the cover.
    LumpSumClaims,
    /// Accident death and disability sum (death pays the sum less disability paid).
    AccidentSum,
    /// Accident medical reimbursement against its cap.
    AccidentMedicalCap,
    /// Days of accident daily allowance.
    AccidentAllowanceDays,
}

impl AccumulatorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AllowanceDays => "allowance_days",
            Self::ReimbursementCap => "reimbursement_cap",
            Self::LumpSumClaims => "lump_sum_claims",
            Self::AccidentSum => "accident_sum",
            Self::AccidentMedicalCap => "accident_medical_cap",
            Self::AccidentAllowanceDays => "accident_allowance_days",
        }
    }
}

/// The limit of every accumulator of a policy with `shares` under `terms`.
pub fn limits(terms: &PlanTerms, shares: u32) -> Vec<(AccumulatorKind, Quantity)> {
    let mut out = Vec::new();
    for rule in &terms.benefits {
        match rule {
            BenefitRule::DailyAllowance(r) => {
                out.push((
                    AccumulatorKind::AllowanceDays,
                    Quantity::Days(r.max_days_per_period),
                ));
            }
            BenefitRule::Reimbursement(r) => out.push((
                AccumulatorKind::ReimbursementCap,
                Quantity::Amount(r.cap_per_share_per_period.times(shares)),
            )),
            BenefitRule::LumpSum(r) => {
                out.push((
                    AccumulatorKind::LumpSumClaims,
                    Quantity::Claims(r.max_claims),
                ));
            }
            BenefitRule::Accident(r) => {
                out.push((
                    AccumulatorKind::AccidentSum,
                    Quantity::Amount(r.death_per_share.times(shares)),
                ));
                if let Some(m) = &r.medical {
                    out.push((
                        AccumulatorKind::AccidentMedicalCap,
                        Quantity::Amount(m.cap_per_share.times(shares)),
                    ));
                }
                if let Some(d) = &r.daily_allowance {
                    out.push((
                        AccumulatorKind::AccidentAllowanceDays,
                        Quantity::Days(d.max_days),
                    ));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::examples::guangdong_demo;
    use proptest::prelude::*;

    fn plan(code: &str) -> PlanTerms {
        guangdong_demo()
            .into_iter()
            .find(|p| p.code.as_str() == code)
            .unwrap()
    }

    #[test]
    fn demo_plans_have_their_caps_times_shares() {
        assert_eq!(
            limits(&plan("ZY"), 2),
            vec![(
                AccumulatorKind::ReimbursementCap,
                Quantity::Amount(Money::from_fen(10_000_000))
            )]
        );
        assert_eq!(
            limits(&plan("JT"), 3),
            vec![(AccumulatorKind::AllowanceDays, Quantity::Days(180))]
        );
        assert_eq!(
            limits(&plan("ZJ"), 5),
            vec![(AccumulatorKind::LumpSumClaims, Quantity::Claims(2))]
        );
        let yw = limits(&plan("YW"), 2);
        assert_eq!(
            yw[0],
            (
                AccumulatorKind::AccidentSum,
                Quantity::Amount(Money::from_fen(4_000_000))
            )
        );
        assert_eq!(
            yw[1],
            (
                AccumulatorKind::AccidentMedicalCap,
                Quantity::Amount(Money::from_fen(1_000_000))
            )
        );
    }

    proptest! {
        #[test]
        fn remaining_never_goes_below_zero(limit in 0u32..1000, used in 0u32..2000, cap in 0i64..10_000_000, spent in 0i64..20_000_000) {
            let left = Quantity::Days(limit).less(Quantity::Days(used));
            prop_assert_eq!(left, Quantity::Days(limit.saturating_sub(used)));
            let left = Quantity::Amount(Money::from_fen(cap)).less(Quantity::Amount(Money::from_fen(spent)));
            prop_assert_eq!(left, Quantity::Amount(Money::from_fen((cap - spent).max(0))));
            prop_assert_eq!(Quantity::Claims(limit).less(Quantity::Days(used)), Quantity::Claims(limit));
        }
    }
}
