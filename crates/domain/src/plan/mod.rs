//! Plans (保障计划): the parameters of one plan version as typed data. A version is stored as
//! JSON text and sent to the SPA as is; `PlanTerms::validate` is the gate before it is saved.

mod benefit;
mod code;
pub mod examples;
mod period;
mod state;
mod validate;

pub use benefit::{
    standard_disability_grades, AccidentBenefit, AccidentDailyAllowance, BenefitProblem,
    BenefitRule, DailyAllowance, DiseaseTier, DiseaseTierRule, LumpSum, RatioCap, Reimbursement,
    WaitingConsolation,
};
pub use code::{PlanCode, PlanCodeError};
pub(crate) use period::add_days;
pub use period::{china_date, cover_period, renewal_period, CoverPeriod};
pub use state::{IllegalTransition, PlanVersionState};
pub use validate::PlanError;

use crate::{Gender, MemberCategory, Money};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Every parameter of one plan version (计划版本), docs/domain.md §2.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanTerms {
    pub code: PlanCode,
    pub name_zh: String,
    pub name_en: String,
    pub price_per_share: Money,
    pub max_shares: u32,
    /// All members enrolled by one unit must hold the same number of shares (anti-selection).
    pub same_shares_per_unit: bool,
    pub categories: Vec<MemberCategory>,
    /// Whole years of age on the effective date, both ends included.
    pub age: AgeRange,
    /// Replaces `age` for women where set (e.g. an earlier retirement age).
    #[serde(default)]
    pub female_age: Option<AgeRange>,
    /// Only this gender may enroll (女职工 plans: `female`).
    #[serde(default)]
    pub gender: Option<Gender>,
    pub term_years: u8,
    /// Waiting period (等待期) for illness, in days after the effective date; accidents never
    /// wait, and a renewal without a gap has none.
    pub waiting_days: u32,
    /// A grassroots union may enroll its members with a roster.
    pub group_enrollment: bool,
    /// A member may enroll on their own (gig workers, online).
    pub individual_enrollment: bool,
    /// Group rule: enrolled ÷ members of the unit must reach this percentage.
    #[serde(default)]
    pub min_participation_percent: Option<u8>,
    /// Group rule: at least this many members enrolled by one unit.
    #[serde(default)]
    pub min_group_size: Option<u32>,
    /// Applications are accepted on these days only; none means all year.
    #[serde(default)]
    pub enrollment_window: Option<DateRange>,
    /// Cover starts on this date instead of the day after payment, when it is later.
    #[serde(default)]
    pub fixed_start_date: Option<NaiveDate>,
    pub benefits: Vec<BenefitRule>,
    /// The claim document checklist.
    pub documents: Vec<DocumentKind>,
    #[serde(default)]
    pub exclusions: Vec<Exclusion>,
}

/// Ages in whole years, `min ..= max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgeRange {
    pub min: u8,
    pub max: u8,
}

impl AgeRange {
    pub fn contains(self, age: i32) -> bool {
        i32::from(self.min) <= age && age <= i32::from(self.max)
    }
}

/// Calendar days `from ..= to` (China Standard Time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DateRange {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl DateRange {
    pub fn contains(self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }
}

/// A document a claim must carry (理赔材料).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum DocumentKind {
    /// 互助金申请表
    ApplicationForm,
    /// 身份证
    IdCard,
    /// 银行卡
    BankCard,
    /// 出院小结
    DischargeSummary,
    /// 发票
    Invoices,
    /// 费用清单
    CostList,
    /// 医保结算单
    SettlementSlip,
    /// 病理报告
    PathologyReport,
    /// 病历查询授权书
    MedicalRecordAuthorisation,
    /// 意外事故证明
    AccidentProof,
    /// 伤残鉴定书
    DisabilityAssessment,
    /// 死亡证明
    DeathCertificate,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 12] = [
        Self::ApplicationForm,
        Self::IdCard,
        Self::BankCard,
        Self::DischargeSummary,
        Self::Invoices,
        Self::CostList,
        Self::SettlementSlip,
        Self::PathologyReport,
        Self::MedicalRecordAuthorisation,
        Self::AccidentProof,
        Self::DisabilityAssessment,
        Self::DeathCertificate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::ApplicationForm => "application_form",
            Self::IdCard => "id_card",
            Self::BankCard => "bank_card",
            Self::DischargeSummary => "discharge_summary",
            Self::Invoices => "invoices",
            Self::CostList => "cost_list",
            Self::SettlementSlip => "settlement_slip",
            Self::PathologyReport => "pathology_report",
            Self::MedicalRecordAuthorisation => "medical_record_authorisation",
            Self::AccidentProof => "accident_proof",
            Self::DisabilityAssessment => "disability_assessment",
            Self::DeathCertificate => "death_certificate",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.as_str() == s)
    }
}

/// A cause the plan does not pay for (责任免除).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Exclusion {
    /// 自杀、自残
    SelfHarm,
    /// 违法犯罪
    Crime,
    /// 酒后驾驶
    DrunkDriving,
    /// 无证驾驶
    UnlicensedDriving,
    /// 战争、军事行动
    War,
    /// 精神疾病
    Psychiatric,
    /// 既往症 (a listed disease diagnosed before the cover)
    PreExisting,
}

impl Exclusion {
    pub const ALL: [Exclusion; 7] = [
        Self::SelfHarm,
        Self::Crime,
        Self::DrunkDriving,
        Self::UnlicensedDriving,
        Self::War,
        Self::Psychiatric,
        Self::PreExisting,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::SelfHarm => "self_harm",
            Self::Crime => "crime",
            Self::DrunkDriving => "drunk_driving",
            Self::UnlicensedDriving => "unlicensed_driving",
            Self::War => "war",
            Self::Psychiatric => "psychiatric",
            Self::PreExisting => "pre_existing",
        }
    }
}

impl PlanTerms {
    /// The age range that applies to a person of this gender.
    pub fn age_range_for(&self, gender: Gender) -> AgeRange {
        match (gender, self.female_age) {
            (Gender::Female, Some(range)) => range,
            _ => self.age,
        }
    }

    /// Whether any benefit pays for illness, i.e. whether the waiting period matters at all.
    pub fn covers_illness(&self) -> bool {
        self.benefits.iter().any(|b| match b {
            BenefitRule::Accident(_) => false,
            BenefitRule::Reimbursement(r) => !r.accident_only,
            BenefitRule::DailyAllowance(_) | BenefitRule::LumpSum(_) => true,
        })
    }
}

/// The contribution (缴费) for `shares` shares: price × shares, exact to the fen. Whether the
/// number of shares is allowed is `eligibility`'s question, not this one's.
pub fn premium(terms: &PlanTerms, shares: u32) -> Money {
    terms.price_per_share.times(shares)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn female_range_applies_to_women_only() {
        let mut terms = examples::guangdong_demo().remove(0);
        terms.female_age = Some(AgeRange { min: 16, max: 55 });
        assert_eq!(
            terms.age_range_for(Gender::Female),
            AgeRange { min: 16, max: 55 }
        );
        assert_eq!(
            terms.age_range_for(Gender::Male),
            AgeRange { min: 16, max: 60 }
        );
        terms.female_age = None;
        assert_eq!(
            terms.age_range_for(Gender::Female),
            AgeRange { min: 16, max: 60 }
        );
    }

    #[test]
    fn demo_premiums() {
        let plans = examples::guangdong_demo();
        let zy = &plans[0];
        assert_eq!(premium(zy, 3).to_string(), "285.00");
        let nzg = plans.iter().find(|p| p.code.as_str() == "NZG").unwrap();
        assert_eq!(premium(nzg, 2).to_string(), "110.00");
    }

    #[test]
    fn enum_names_match_serde() {
        for doc in DocumentKind::ALL {
            assert_eq!(
                serde_json::to_string(&doc).unwrap(),
                format!("\"{}\"", doc.as_str())
            );
        }
        for ex in Exclusion::ALL {
            assert_eq!(
                serde_json::to_string(&ex).unwrap(),
                format!("\"{}\"", ex.as_str())
            );
        }
    }

    #[test]
    fn accident_plans_do_not_cover_illness() {
        let plans = examples::guangdong_demo();
        let covers: Vec<_> = plans
            .iter()
            .map(|p| (p.code.as_str(), p.covers_illness()))
            .collect();
        assert_eq!(
            covers,
            [
                ("ZY", true),
                ("JT", true),
                ("ZJ", true),
                ("NZG", true),
                ("YW", false),
                ("XYT", false)
            ]
        );
    }

    proptest! {
        #[test]
        fn premium_is_price_times_shares(price_fen in 1i64..100_000_000, shares in 0u32..10_000) {
            let mut terms = examples::guangdong_demo().remove(0);
            terms.price_per_share = Money::from_fen(price_fen);
            let p = premium(&terms, shares);
            prop_assert_eq!(p.fen(), Ok(price_fen * i64::from(shares)));
            prop_assert_eq!(p.amount().scale() <= 2, true);
        }
    }
}
