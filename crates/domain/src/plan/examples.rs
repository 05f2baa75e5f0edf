//! The demo catalogue (演示计划目录) of docs/domain.md §2: six plans modelled on what Guangdong
//! and other associations publish. Realistic, NOT official: seed data for demos and tests only.
//! Disease codes are industry-standard 2020 names in snake_case, chosen for the demo.

use super::{
    standard_disability_grades, AccidentBenefit, AgeRange, BenefitRule, DailyAllowance,
    DiseaseTier, DiseaseTierRule, DocumentKind, Exclusion, LumpSum, PlanCode, PlanTerms, RatioCap,
    Reimbursement, WaitingConsolation,
};
use crate::{Gender, MemberCategory, Money};
use rust_decimal::Decimal;

/// ZY, JT, ZJ, NZG, YW and XYT, in that order; every one passes `validate()`.
pub fn guangdong_demo() -> Vec<PlanTerms> {
    vec![zy(), jt(), zj(), nzg(), yw(), xyt()]
}

fn yuan(y: i64) -> Money {
    Money::from_fen(y * 100)
}

fn percent(p: i64) -> Decimal {
    Decimal::new(p, 2)
}

const WORKERS: [MemberCategory; 3] = [
    MemberCategory::InService,
    MemberCategory::RegisteredHardship,
    MemberCategory::ModelWorker,
];

const STANDARD_EXCLUSIONS: [Exclusion; 5] = [
    Exclusion::SelfHarm,
    Exclusion::Crime,
    Exclusion::DrunkDriving,
    Exclusion::UnlicensedDriving,
    Exclusion::War,
];

const IDENTITY_DOCUMENTS: [DocumentKind; 3] = [
    DocumentKind::ApplicationForm,
    DocumentKind::IdCard,
    DocumentKind::BankCard,
];

/// The shape shared by the demo plans: one year, ages 16–60, group enrollment by a union.
fn base(
    code_str: &'static str,
    name_zh: &str,
    name_en: &str,
    price: i64,
    max_shares: u32,
) -> PlanTerms {
    PlanTerms {
        code: PlanCode::from_literal(code_str),
        name_zh: name_zh.into(),
        name_en: name_en.into(),
        price_per_share: yuan(price),
        max_shares,
        same_shares_per_unit: false,
        categories: WORKERS.to_vec(),
        age: AgeRange { min: 16, max: 60 },
        female_age: None,
        gender: None,
        term_years: 1,
        waiting_days: 90,
        group_enrollment: true,
        individual_enrollment: false,
        min_participation_percent: None,
        min_group_size: None,
        enrollment_window: None,
        fixed_start_date: None,
        benefits: Vec::new(),
        documents: IDENTITY_DOCUMENTS.to_vec(),
        exclusions: STANDARD_EXCLUSIONS.to_vec(),
    }
}

fn inpatient_documents() -> Vec<DocumentKind> {
    let mut docs = IDENTITY_DOCUMENTS.to_vec();
    docs.extend([
        DocumentKind::DischargeSummary,
        DocumentKind::Invoices,
        DocumentKind::CostList,
        DocumentKind::SettlementSlip,
    ]);
    docs
}

fn critical_illness_documents() -> Vec<DocumentKind> {
    let mut docs = IDENTITY_DOCUMENTS.to_vec();
    docs.extend([
        DocumentKind::DischargeSummary,
        DocumentKind::PathologyReport,
        DocumentKind::MedicalRecordAuthorisation,
    ]);
    docs
}

fn accident_documents() -> Vec<DocumentKind> {
    let mut docs = IDENTITY_DOCUMENTS.to_vec();
    docs.extend([
        DocumentKind::AccidentProof,
        DocumentKind::Invoices,
        DocumentKind::CostList,
        DocumentKind::DisabilityAssessment,
        DocumentKind::DeathCertificate,
    ]);
    docs
}

fn diseases(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| (*s).to_string()).collect()
}

/// 住院医疗综合互助保障: (in-catalogue self-pay − 300) × 60 %, cap 50,000 per period and share;
/// without basic medical insurance 10 %, cap 15,000 (Zhangzhou's figures).
fn zy() -> PlanTerms {
    let mut p = base(
        "ZY",
        "住院医疗综合互助保障",
        "Inpatient medical mutual aid",
        95,
        3,
    );
    p.benefits = vec![BenefitRule::Reimbursement(Reimbursement {
        deductible: yuan(300),
        ratios: vec![percent(60)],
        cap_per_share_per_period: yuan(50_000),
        without_basic_insurance: Some(RatioCap {
            ratio: percent(10),
            cap_per_share: yuan(15_000),
        }),
        accident_only: false,
    })];
    p.documents = inpatient_documents();
    p
}

/// 住院津贴互助保障: 40 yuan a day per share from day 4 of each stay, at most 180 days.
fn jt() -> PlanTerms {
    let mut p = base("JT", "住院津贴互助保障", "Inpatient daily allowance", 60, 3);
    p.benefits = vec![BenefitRule::DailyAllowance(DailyAllowance {
        daily_rate_per_share: yuan(40),
        deductible_days: 3,
        max_days_per_period: 180,
        excludes_psychiatric: true,
    })];
    p.documents = inpatient_documents();
    p.exclusions.push(Exclusion::Psychiatric);
    p
}

/// 在职职工重大疾病互助保障: group only, ≥ 60 % of the union and ≥ 10 people.
fn zj() -> PlanTerms {
    let mut p = base(
        "ZJ",
        "在职职工重大疾病互助保障",
        "Critical illness mutual aid for workers",
        80,
        5,
    );
    p.categories = vec![MemberCategory::InService];
    p.same_shares_per_unit = true;
    p.min_participation_percent = Some(60);
    p.min_group_size = Some(10);
    p.benefits = vec![BenefitRule::LumpSum(LumpSum {
        tiers: vec![
            DiseaseTierRule {
                tier: DiseaseTier::Common,
                amount_per_share: yuan(30_000),
                diseases: diseases(&[
                    "malignant_tumour_severe",
                    "acute_myocardial_infarction_severe",
                    "stroke_sequelae_severe",
                    "major_organ_transplant",
                    "coronary_artery_bypass_surgery",
                    "end_stage_renal_failure",
                    "severe_chronic_liver_failure",
                    "heart_valve_surgery",
                    "aortic_surgery",
                    "paralysis",
                ]),
            },
            DiseaseTierRule {
                tier: DiseaseTier::Rare,
                amount_per_share: yuan(60_000),
                diseases: diseases(&[
                    "severe_motor_neurone_disease",
                    "severe_aplastic_anaemia",
                    "severe_idiopathic_pulmonary_arterial_hypertension",
                    "severe_crohns_disease",
                    "severe_ulcerative_colitis",
                ]),
            },
            DiseaseTierRule {
                tier: DiseaseTier::Mild,
                amount_per_share: yuan(5_000),
                diseases: diseases(&[
                    "malignant_tumour_mild",
                    "acute_myocardial_infarction_mild",
                    "stroke_sequelae_mild",
                ]),
            },
        ],
        max_claims: 2,
        waiting_consolation: Some(WaitingConsolation {
            per_share: yuan(1_000),
            max: yuan(5_000),
        }),
    })];
    p.documents = critical_illness_documents();
    p.exclusions.push(Exclusion::PreExisting);
    p
}

/// 女职工安康互助保障: women only, three years, 180 days' wait on first enrollment, 7,500 per
/// share (2 shares = 15,000) for the five listed cancers.
fn nzg() -> PlanTerms {
    let mut p = base(
        "NZG",
        "女职工安康互助保障",
        "Women workers' cancer mutual aid",
        55,
        2,
    );
    p.gender = Some(Gender::Female);
    p.term_years = 3;
    p.waiting_days = 180;
    p.benefits = vec![BenefitRule::LumpSum(LumpSum {
        tiers: vec![DiseaseTierRule {
            tier: DiseaseTier::Severe,
            amount_per_share: yuan(7_500),
            diseases: diseases(&[
                "breast_cancer",
                "cervical_cancer",
                "ovarian_cancer",
                "endometrial_cancer",
                "vulvar_vaginal_cancer",
            ]),
        }],
        max_claims: 1,
        waiting_consolation: None,
    })];
    p.documents = critical_illness_documents();
    p.exclusions.push(Exclusion::PreExisting);
    p
}

/// 意外伤害互助保障: no wait; death 20,000 per share, disability by grade, medical 80 % up to
/// 5,000 per share.
fn yw() -> PlanTerms {
    let mut p = base("YW", "意外伤害互助保障", "Accident mutual aid", 26, 4);
    p.waiting_days = 0;
    p.benefits = vec![BenefitRule::Accident(AccidentBenefit {
        death_per_share: yuan(20_000),
        disability_percent_by_grade: standard_disability_grades(),
        medical: Some(RatioCap {
            ratio: percent(80),
            cap_per_share: yuan(5_000),
        }),
        daily_allowance: None,
    })];
    p.documents = accident_documents();
    p
}

/// 新就业形态劳动者专属保障: gig workers enroll on their own, one share; accident death 100,000,
/// accident medical 90 % up to 20,000.
fn xyt() -> PlanTerms {
    let mut p = base(
        "XYT",
        "新就业形态劳动者专属保障",
        "Gig workers' accident protection",
        72,
        1,
    );
    p.categories = vec![MemberCategory::GigWorker];
    p.waiting_days = 0;
    p.group_enrollment = false;
    p.individual_enrollment = true;
    p.benefits = vec![BenefitRule::Accident(AccidentBenefit {
        death_per_share: yuan(100_000),
        disability_percent_by_grade: standard_disability_grades(),
        medical: Some(RatioCap {
            ratio: percent(90),
            cap_per_share: yuan(20_000),
        }),
        daily_allowance: None,
    })];
    p.documents = accident_documents();
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::premium;

    fn plan(c: &str) -> PlanTerms {
        guangdong_demo()
            .into_iter()
            .find(|p| p.code.as_str() == c)
            .unwrap()
    }

    #[test]
    fn figures_match_domain_section_2() {
        let zj = plan("ZJ");
        assert_eq!(
            (zj.min_participation_percent, zj.min_group_size),
            (Some(60), Some(10))
        );
        assert!(zj.group_enrollment && !zj.individual_enrollment);

        let nzg = plan("NZG");
        assert_eq!(
            (nzg.gender, nzg.term_years, nzg.waiting_days),
            (Some(Gender::Female), 3, 180)
        );
        let BenefitRule::LumpSum(ls) = &nzg.benefits[0] else {
            panic!()
        };
        assert_eq!(ls.tiers[0].amount_per_share.times(2), yuan(15_000));
        assert_eq!(ls.tiers[0].diseases.len(), 5);

        let xyt = plan("XYT");
        assert_eq!((xyt.max_shares, xyt.individual_enrollment), (1, true));
        assert_eq!(premium(&xyt, 1), yuan(72));

        let jt = plan("JT");
        let BenefitRule::DailyAllowance(da) = &jt.benefits[0] else {
            panic!()
        };
        assert_eq!(
            (
                da.daily_rate_per_share,
                da.deductible_days,
                da.max_days_per_period
            ),
            (yuan(40), 3, 180)
        );

        let zy = plan("ZY");
        let BenefitRule::Reimbursement(r) = &zy.benefits[0] else {
            panic!()
        };
        assert_eq!(
            (r.deductible, r.ratios.clone(), r.cap_per_share_per_period),
            (yuan(300), vec![percent(60)], yuan(50_000))
        );

        let yw = plan("YW");
        assert_eq!(
            (yw.waiting_days, yw.max_shares, yw.price_per_share),
            (0, 4, yuan(26))
        );
    }
}
