//! Benefit rules (给付规则) of a plan version: the four kinds of docs/domain.md §2, as data
//! complete enough for the adjudication engine. Shares multiply every per-share amount; for a
//! reimbursement they multiply the cap, never the ratio.

use crate::ErrorCode;
use crate::Money;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One benefit rule; a plan combines any number of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum BenefitRule {
    DailyAllowance(DailyAllowance),
    Reimbursement(Reimbursement),
    LumpSum(LumpSum),
    Accident(AccidentBenefit),
}

/// Daily inpatient allowance (住院津贴):
/// `daily_rate_per_share × shares × min(max(0, days − deductible_days), max_days_remaining)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DailyAllowance {
    pub daily_rate_per_share: Money,
    /// Unpaid days at the start of each stay (not once per period): Beijing pays from day 4,
    /// so 3.
    pub deductible_days: u32,
    pub max_days_per_period: u32,
    #[serde(default)]
    pub excludes_psychiatric: bool,
}

/// Out-of-pocket reimbursement (住院医疗报销):
/// `min((eligible_self_pay − deductible_remaining) × ratio, cap_remaining)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reimbursement {
    /// Taken once per period, not per stay.
    pub deductible: Money,
    /// The ratio of the 1st, 2nd, … stay in the period; the last one applies to every later
    /// stay (hardship plan: `[0.70, 0.40]`).
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>, example = json!(["0.70", "0.40"])))]
    pub ratios: Vec<Decimal>,
    /// Cap per period for one share; shares multiply the cap, not the ratio.
    pub cap_per_share_per_period: Money,
    /// Replaces ratio and cap for members without basic medical insurance (Zhangzhou: 10 %,
    /// cap 15,000).
    #[serde(default)]
    pub without_basic_insurance: Option<RatioCap>,
    /// Only treatment of an accidental injury is reimbursed.
    #[serde(default)]
    pub accident_only: bool,
}

/// A ratio with a cap per share, for reimbursements that have no deductible or stay ladder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RatioCap {
    /// A decimal fraction as a string, `"0.10"`.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "0.10"))]
    pub ratio: Decimal,
    pub cap_per_share: Money,
}

/// Lump sum by disease tier (重大疾病一次性给付): `amount_per_share × shares`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LumpSum {
    pub tiers: Vec<DiseaseTierRule>,
    /// Claims over the whole cover, e.g. 2 for "mild, then severe".
    pub max_claims: u32,
    /// Paid instead of the sum for a diagnosis inside the waiting period; the cover then ends.
    #[serde(default)]
    pub waiting_consolation: Option<WaitingConsolation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DiseaseTierRule {
    pub tier: DiseaseTier,
    pub amount_per_share: Money,
    /// The listed diseases: codes the plan's disease list defines (letters, digits, `.`, `_`,
    /// `-`; e.g. an ICD-10 category or an industry-standard name).
    pub diseases: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum DiseaseTier {
    /// 轻症
    Mild,
    /// 中症
    Moderate,
    /// 重症: a single severe tier, e.g. the listed female cancers.
    Severe,
    /// 常见重大疾病
    Common,
    /// 罕见重大疾病
    Rare,
}

impl DiseaseTier {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Mild => "mild",
            Self::Moderate => "moderate",
            Self::Severe => "severe",
            Self::Common => "common",
            Self::Rare => "rare",
        }
    }
}

/// 等待期内确诊慰问金: `per_share × shares`, at most `max` in total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WaitingConsolation {
    pub per_share: Money,
    pub max: Money,
}

/// Accident benefits (意外伤害): death and disability sums per share, optional medical
/// reimbursement and daily allowance. Death pays the sum minus disability already paid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccidentBenefit {
    pub death_per_share: Money,
    /// Percent of the death sum paid for disability grade 1 (index 0) to grade 10 (index 9).
    #[serde(default = "standard_disability_grades")]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<u8>, min_items = 10, max_items = 10))]
    pub disability_percent_by_grade: [u8; 10],
    #[serde(default)]
    pub medical: Option<RatioCap>,
    #[serde(default)]
    pub daily_allowance: Option<AccidentDailyAllowance>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccidentDailyAllowance {
    pub rate_per_share: Money,
    pub max_days: u32,
}

/// Grade 1 = 100 % … grade 10 = 10 % (人身保险伤残评定标准).
pub fn standard_disability_grades() -> [u8; 10] {
    [100, 90, 80, 70, 60, 50, 40, 30, 20, 10]
}

/// What is wrong with one benefit rule; `PlanError::Benefit` says which rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BenefitProblem {
    #[error("the {field} must be more than 0.00 (it is {value})")]
    NotPositive { field: &'static str, value: Money },
    #[error("the {field} cannot be negative (it is {value})")]
    Negative { field: &'static str, value: Money },
    #[error("the {field} must be more than 0 and at most 1, e.g. 0.60 for 60 % (it is {value})")]
    Ratio { field: &'static str, value: Decimal },
    #[error("a reimbursement needs at least one ratio (for the first stay)")]
    NoRatios,
    #[error("the {field} must be at least 1 day")]
    Days { field: &'static str },
    #[error("a lump-sum rule needs at least one disease tier")]
    NoTiers,
    #[error("the {} tier appears more than once", .0.as_str())]
    TierRepeated(DiseaseTier),
    #[error("the {} tier lists no diseases", .0.as_str())]
    NoDiseases(DiseaseTier),
    #[error("disease code {0:?} is not 1 to 64 letters, digits, '.', '_' or '-'")]
    DiseaseCode(String),
    #[error("disease {0:?} is listed more than once")]
    DiseaseRepeated(String),
    #[error("a lump-sum rule must allow at least 1 claim")]
    MaxClaims,
    #[error("the consolation maximum {max} is below the amount for one share {per_share}")]
    ConsolationMax { per_share: Money, max: Money },
    #[error("a waiting-period consolation needs a waiting period; this plan has none")]
    ConsolationWithoutWait,
    #[error(
        "disability percentages must fall from grade 1 to grade 10 and lie in 1..=100 \
         (they are {grades:?})"
    )]
    DisabilityGrades { grades: [u8; 10] },
}

impl BenefitProblem {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::NotPositive { .. } | Self::Negative { .. } => ErrorCode::PlanBenefitAmount,
            Self::Ratio { .. } | Self::NoRatios => ErrorCode::PlanBenefitRatio,
            Self::Days { .. } => ErrorCode::PlanBenefitDays,
            Self::NoTiers | Self::TierRepeated(_) => ErrorCode::PlanBenefitTiers,
            Self::NoDiseases(_) | Self::DiseaseCode(_) | Self::DiseaseRepeated(_) => {
                ErrorCode::PlanBenefitDiseases
            }
            Self::MaxClaims => ErrorCode::PlanBenefitMaxClaims,
            Self::ConsolationMax { .. } | Self::ConsolationWithoutWait => {
                ErrorCode::PlanBenefitWaitingConsolation
            }
            Self::DisabilityGrades { .. } => ErrorCode::PlanBenefitDisabilityGrades,
        }
    }
}

impl BenefitRule {
    pub fn kind(&self) -> &'static str {
        match self {
            Self::DailyAllowance(_) => "daily_allowance",
            Self::Reimbursement(_) => "reimbursement",
            Self::LumpSum(_) => "lump_sum",
            Self::Accident(_) => "accident",
        }
    }

    /// Every problem of this rule; `waiting_days` is the plan's illness waiting period.
    pub fn problems(&self, waiting_days: u32) -> Vec<BenefitProblem> {
        let mut out = Vec::new();
        match self {
            Self::DailyAllowance(r) => {
                positive(&mut out, "daily rate per share", r.daily_rate_per_share);
                if r.max_days_per_period == 0 {
                    out.push(BenefitProblem::Days {
                        field: "maximum days per period",
                    });
                }
            }
            Self::Reimbursement(r) => {
                if r.deductible.amount() < Decimal::ZERO {
                    out.push(BenefitProblem::Negative {
                        field: "deductible",
                        value: r.deductible,
                    });
                }
                if r.ratios.is_empty() {
                    out.push(BenefitProblem::NoRatios);
                }
                for &value in &r.ratios {
                    ratio(&mut out, "reimbursement ratio", value);
                }
                positive(
                    &mut out,
                    "cap per share per period",
                    r.cap_per_share_per_period,
                );
                if let Some(rc) = &r.without_basic_insurance {
                    ratio(&mut out, "ratio without basic medical insurance", rc.ratio);
                    positive(
                        &mut out,
                        "cap without basic medical insurance",
                        rc.cap_per_share,
                    );
                }
            }
            Self::LumpSum(r) => lump_sum_problems(&mut out, r, waiting_days),
            Self::Accident(r) => {
                positive(&mut out, "death sum per share", r.death_per_share);
                let g = r.disability_percent_by_grade;
                let in_range = g.iter().all(|p| (1..=100).contains(p));
                if !in_range || g.windows(2).any(|w| w[0] <= w[1]) {
                    out.push(BenefitProblem::DisabilityGrades { grades: g });
                }
                if let Some(m) = &r.medical {
                    ratio(&mut out, "accident medical ratio", m.ratio);
                    positive(&mut out, "accident medical cap per share", m.cap_per_share);
                }
                if let Some(d) = &r.daily_allowance {
                    positive(&mut out, "accident daily rate per share", d.rate_per_share);
                    if d.max_days == 0 {
                        out.push(BenefitProblem::Days {
                            field: "accident allowance maximum days",
                        });
                    }
                }
            }
        }
        out
    }
}

fn lump_sum_problems(out: &mut Vec<BenefitProblem>, r: &LumpSum, waiting_days: u32) {
    if r.tiers.is_empty() {
        out.push(BenefitProblem::NoTiers);
    }
    let mut tiers_seen = Vec::new();
    let mut diseases_seen: Vec<&str> = Vec::new();
    for t in &r.tiers {
        if tiers_seen.contains(&t.tier) {
            out.push(BenefitProblem::TierRepeated(t.tier));
        }
        tiers_seen.push(t.tier);
        positive(out, "amount per share", t.amount_per_share);
        if t.diseases.is_empty() {
            out.push(BenefitProblem::NoDiseases(t.tier));
        }
        for d in &t.diseases {
            if !is_disease_code(d) {
                out.push(BenefitProblem::DiseaseCode(d.clone()));
            } else if diseases_seen.contains(&d.as_str()) {
                // One diagnosis must map to one tier, or the engine could not pick the amount.
                out.push(BenefitProblem::DiseaseRepeated(d.clone()));
            }
            diseases_seen.push(d);
        }
    }
    if r.max_claims == 0 {
        out.push(BenefitProblem::MaxClaims);
    }
    if let Some(c) = &r.waiting_consolation {
        positive(out, "consolation per share", c.per_share);
        if c.max < c.per_share {
            out.push(BenefitProblem::ConsolationMax {
                per_share: c.per_share,
                max: c.max,
            });
        }
        if waiting_days == 0 {
            out.push(BenefitProblem::ConsolationWithoutWait);
        }
    }
}

fn positive(out: &mut Vec<BenefitProblem>, field: &'static str, value: Money) {
    if !value.is_positive() {
        out.push(BenefitProblem::NotPositive { field, value });
    }
}

fn ratio(out: &mut Vec<BenefitProblem>, field: &'static str, value: Decimal) {
    if value <= Decimal::ZERO || value > Decimal::ONE {
        out.push(BenefitProblem::Ratio { field, value });
    }
}

fn is_disease_code(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yuan(y: i64) -> Money {
        Money::from_fen(y * 100)
    }

    fn pct(p: i64) -> Decimal {
        Decimal::new(p, 2)
    }

    fn codes(rule: &BenefitRule, waiting_days: u32) -> Vec<ErrorCode> {
        rule.problems(waiting_days)
            .iter()
            .map(BenefitProblem::code)
            .collect()
    }

    fn accident() -> AccidentBenefit {
        AccidentBenefit {
            death_per_share: yuan(20_000),
            disability_percent_by_grade: standard_disability_grades(),
            medical: Some(RatioCap {
                ratio: pct(80),
                cap_per_share: yuan(5_000),
            }),
            daily_allowance: None,
        }
    }

    #[test]
    fn ratios_must_lie_in_zero_to_one() {
        for (value, ok) in [
            (pct(0), false),
            (pct(1), true),
            (pct(100), true),
            (pct(101), false),
        ] {
            let rule = BenefitRule::Reimbursement(Reimbursement {
                deductible: yuan(300),
                ratios: vec![pct(70), value],
                cap_per_share_per_period: yuan(60_000),
                without_basic_insurance: None,
                accident_only: false,
            });
            assert_eq!(codes(&rule, 90).is_empty(), ok, "{value}");
        }
        let empty = BenefitRule::Reimbursement(Reimbursement {
            deductible: Money::from_fen(-1),
            ratios: vec![],
            cap_per_share_per_period: Money::ZERO,
            without_basic_insurance: Some(RatioCap {
                ratio: pct(-10),
                cap_per_share: yuan(1),
            }),
            accident_only: false,
        });
        assert_eq!(
            codes(&empty, 90),
            [
                ErrorCode::PlanBenefitAmount,
                ErrorCode::PlanBenefitRatio,
                ErrorCode::PlanBenefitAmount,
                ErrorCode::PlanBenefitRatio
            ]
        );
    }

    #[test]
    fn disability_table_must_fall() {
        assert!(BenefitRule::Accident(accident()).problems(0).is_empty());
        for grades in [
            [100, 90, 80, 70, 60, 50, 40, 30, 20, 20],
            [100, 90, 80, 70, 60, 50, 40, 30, 20, 0],
            [101, 90, 80, 70, 60, 50, 40, 30, 20, 10],
            [10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
        ] {
            let rule = BenefitRule::Accident(AccidentBenefit {
                disability_percent_by_grade: grades,
                ..accident()
            });
            assert_eq!(
                codes(&rule, 0),
                [ErrorCode::PlanBenefitDisabilityGrades],
                "{grades:?}"
            );
        }
    }

    #[test]
    fn lump_sum_checks_tiers_diseases_and_consolation() {
        let rule = BenefitRule::LumpSum(LumpSum {
            tiers: vec![
                DiseaseTierRule {
                    tier: DiseaseTier::Common,
                    amount_per_share: yuan(30_000),
                    diseases: vec!["stroke_sequelae_severe".into(), "bad code".into()],
                },
                DiseaseTierRule {
                    tier: DiseaseTier::Common,
                    amount_per_share: Money::ZERO,
                    diseases: vec!["stroke_sequelae_severe".into()],
                },
                DiseaseTierRule {
                    tier: DiseaseTier::Rare,
                    amount_per_share: yuan(1),
                    diseases: vec![],
                },
            ],
            max_claims: 0,
            waiting_consolation: Some(WaitingConsolation {
                per_share: yuan(1_000),
                max: yuan(500),
            }),
        });
        assert_eq!(
            codes(&rule, 0),
            [
                ErrorCode::PlanBenefitDiseases,
                ErrorCode::PlanBenefitTiers,
                ErrorCode::PlanBenefitAmount,
                ErrorCode::PlanBenefitDiseases,
                ErrorCode::PlanBenefitDiseases,
                ErrorCode::PlanBenefitMaxClaims,
                ErrorCode::PlanBenefitWaitingConsolation,
                ErrorCode::PlanBenefitWaitingConsolation,
            ]
        );
    }

    #[test]
    fn daily_allowance_needs_a_rate_and_days() {
        let rule = BenefitRule::DailyAllowance(DailyAllowance {
            daily_rate_per_share: Money::ZERO,
            deductible_days: 3,
            max_days_per_period: 0,
            excludes_psychiatric: true,
        });
        assert_eq!(
            codes(&rule, 90),
            [ErrorCode::PlanBenefitAmount, ErrorCode::PlanBenefitDays]
        );
        let msg = rule.problems(90)[0].to_string();
        assert_eq!(
            msg,
            "the daily rate per share must be more than 0.00 (it is 0.00)"
        );
    }

    #[test]
    fn serde_is_tagged_and_strict() {
        let json = r#"{"type":"accident","death_per_share":"20000.00"}"#;
        let rule: BenefitRule = serde_json::from_str(json).unwrap();
        let BenefitRule::Accident(a) = &rule else {
            panic!("{rule:?}")
        };
        assert_eq!(a.disability_percent_by_grade, standard_disability_grades());
        assert_eq!(a.medical, None);
        let back: BenefitRule =
            serde_json::from_str(&serde_json::to_string(&rule).unwrap()).unwrap();
        assert_eq!(back, rule);
        let typo = r#"{"type":"accident","death_per_shares":"20000.00"}"#;
        assert!(serde_json::from_str::<BenefitRule>(typo).is_err());
        let ratio = r#"{"ratio":"0.8","cap_per_share":"5000"}"#;
        let rc: RatioCap = serde_json::from_str(ratio).unwrap();
        assert_eq!(rc.ratio, pct(80));
        assert_eq!(
            serde_json::to_string(&rc).unwrap(),
            r#"{"ratio":"0.8","cap_per_share":"5000.00"}"#
        );
    }
}
