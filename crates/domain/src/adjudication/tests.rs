use super::*;
use crate::coverage::PolicyStatus;
use crate::plan::examples::guangdong_demo;
use crate::plan::{CoverPeriod, Exclusion};
use crate::ErrorCode;
use chrono::Days;
use proptest::prelude::*;

fn plan(code: &str) -> PlanTerms {
    guangdong_demo()
        .into_iter()
        .find(|p| p.code.as_str() == code)
        .unwrap()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn yuan(s: &str) -> Money {
    Money::parse(s).unwrap()
}

/// Cover from 2026-01-10 to 2027-01-09, illness covered from 2026-04-10 (90 days).
fn policy(terms: &PlanTerms, shares: u32) -> PolicyCover {
    PolicyCover::new(
        terms,
        CoverPeriod {
            start: d("2026-01-10"),
            end: d("2027-01-09"),
        },
        shares,
        false,
        PolicyStatus::Active,
    )
}

fn stay(admission: &str, discharge: &str, self_pay: &str) -> ClaimFacts {
    ClaimFacts::Inpatient(InpatientStay {
        admission: d(admission),
        discharge: d(discharge),
        hospital: None,
        hospital_level: None,
        diagnosis_text: None,
        diagnosis_code: "J18.9".into(),
        psychiatric: false,
        caused_by_accident: false,
        total_cost: yuan("100000.00"),
        pooled_fund_paid: yuan("0.00"),
        in_catalogue_self_pay: yuan(self_pay),
        out_of_catalogue_self_pay: yuan("0.00"),
        has_basic_insurance: true,
        invoice_numbers: Vec::new(),
    })
}

fn diagnosis(code: &str, on: &str) -> ClaimFacts {
    ClaimFacts::CriticalIllness(Diagnosis {
        disease_code: code.into(),
        diagnosed_on: d(on),
        caused_by_accident: false,
    })
}

fn accident(on: &str) -> AccidentEvent {
    AccidentEvent {
        date: d(on),
        cause: None,
        injury: None,
        excluded_cause: None,
        disability_grade: None,
        death: false,
        medical_self_pay: Money::ZERO,
        hospital_days: 0,
    }
}

fn codes(a: &Adjudication) -> Vec<ErrorCode> {
    a.rejections.iter().map(Rejection::code).collect()
}

#[test]
fn daily_allowance_pays_from_the_fourth_day() {
    let jt = plan("JT");
    // 10 days (算入不算出), 3 unpaid: 7 × 40 × 2 shares.
    let a = adjudicate(
        &jt,
        &policy(&jt, 2),
        &stay("2026-05-01", "2026-05-11", "0.00"),
        &Usage::default(),
    );
    assert_eq!(a.total, yuan("560.00"));
    assert_eq!(a.lines[0].rule, "daily_allowance");
    assert_eq!(
        a.lines[0].formula,
        "40.00 × 2 × min(max(0, 10 − 3), 180) = 560.00"
    );
    assert_eq!(a.usage_after.allowance_days, 7);
}

#[test]
fn daily_allowance_stops_at_the_days_left_and_then_refuses() {
    let jt = plan("JT");
    let used = Usage {
        allowance_days: 175,
        ..Usage::default()
    };
    let a = adjudicate(
        &jt,
        &policy(&jt, 1),
        &stay("2026-05-01", "2026-05-31", "0.00"),
        &used,
    );
    assert_eq!(
        (a.total, a.usage_after.allowance_days),
        (yuan("200.00"), 180)
    );
    let again = adjudicate(
        &jt,
        &policy(&jt, 1),
        &stay("2026-06-01", "2026-06-11", "0.00"),
        &a.usage_after,
    );
    assert_eq!(again.total, Money::ZERO);
    assert_eq!(codes(&again), [ErrorCode::ClaimCapUsedUp]);
}

#[test]
fn a_short_or_same_day_stay_pays_nothing_but_is_no_rejection() {
    let jt = plan("JT");
    let a = adjudicate(
        &jt,
        &policy(&jt, 1),
        &stay("2026-05-01", "2026-05-01", "0.00"),
        &Usage::default(),
    );
    assert_eq!((a.total, a.lines.len()), (Money::ZERO, 1));
    assert!(a.rejections.is_empty());
}

#[test]
fn the_deductible_days_exactly_used_pay_nothing_and_one_more_pays_one() {
    let jt = plan("JT");
    let p = policy(&jt, 1);
    // 3 hospital days (05-01 to 05-04, 算入不算出) are all deductible: 0 × 40.
    let three = adjudicate(
        &jt,
        &p,
        &stay("2026-05-01", "2026-05-04", "0.00"),
        &Usage::default(),
    );
    assert_eq!(
        (three.total, three.usage_after.allowance_days),
        (Money::ZERO, 0)
    );
    // 4 days: 1 paid day, 1 × 40.
    let four = adjudicate(
        &jt,
        &p,
        &stay("2026-05-01", "2026-05-05", "0.00"),
        &Usage::default(),
    );
    assert_eq!(
        (four.total, four.usage_after.allowance_days),
        (yuan("40.00"), 1)
    );
}

#[test]
fn the_last_allowed_day_is_paid_and_then_the_cap_is_exactly_reached() {
    let jt = plan("JT");
    let used = Usage {
        allowance_days: 179,
        ..Usage::default()
    };
    // 10 days, 7 payable, 1 left: 1 × 40; the period's 180 days are then exactly used.
    let a = adjudicate(
        &jt,
        &policy(&jt, 1),
        &stay("2026-05-01", "2026-05-11", "0.00"),
        &used,
    );
    assert_eq!(
        (a.total, a.usage_after.allowance_days),
        (yuan("40.00"), 180)
    );
}

#[test]
fn psychiatric_stays_are_excluded_from_the_allowance() {
    let jt = plan("JT");
    let mut facts = stay("2026-05-01", "2026-05-11", "0.00");
    if let ClaimFacts::Inpatient(s) = &mut facts {
        s.psychiatric = true;
    }
    let a = adjudicate(&jt, &policy(&jt, 1), &facts, &Usage::default());
    assert_eq!(codes(&a), [ErrorCode::ClaimPsychiatricStay]);
}

#[test]
fn reimbursement_takes_the_deductible_once_per_period() {
    let zy = plan("ZY");
    let p = policy(&zy, 1);
    // (1,000 − 300) × 60 % = 420.
    let first = adjudicate(
        &zy,
        &p,
        &stay("2026-05-01", "2026-05-05", "1000.00"),
        &Usage::default(),
    );
    assert_eq!(first.total, yuan("420.00"));
    assert_eq!(
        first.lines[0].formula,
        "min((1000.00 − 300.00) × 0.60, 50000.00) = 420.00"
    );
    assert_eq!(first.usage_after.deductible_used, yuan("300.00"));
    // The second stay has no deductible left: 500 × 60 %.
    let second = adjudicate(
        &zy,
        &p,
        &stay("2026-06-01", "2026-06-05", "500.00"),
        &first.usage_after,
    );
    assert_eq!(second.total, yuan("300.00"));
    assert_eq!(second.usage_after.stays, 2);
}

#[test]
fn a_bill_below_the_deductible_uses_only_part_of_it() {
    let zy = plan("ZY");
    let p = policy(&zy, 1);
    let a = adjudicate(
        &zy,
        &p,
        &stay("2026-05-01", "2026-05-05", "120.00"),
        &Usage::default(),
    );
    assert_eq!(a.total, Money::ZERO);
    assert_eq!(a.usage_after.deductible_used, yuan("120.00"));
    let b = adjudicate(
        &zy,
        &p,
        &stay("2026-06-01", "2026-06-05", "400.00"),
        &a.usage_after,
    );
    // 180 of the deductible is left: (400 − 180) × 60 %.
    assert_eq!(b.total, yuan("132.00"));
}

#[test]
fn reimbursement_stops_at_the_cap_which_shares_multiply() {
    let zy = plan("ZY");
    let used = Usage {
        reimbursed: yuan("99900.00"),
        deductible_used: yuan("300.00"),
        stays: 3,
        ..Usage::default()
    };
    let a = adjudicate(
        &zy,
        &policy(&zy, 2),
        &stay("2026-05-01", "2026-05-05", "1000.00"),
        &used,
    );
    assert_eq!(a.total, yuan("100.00"), "cap 2 × 50,000 less 99,900");
    let again = adjudicate(
        &zy,
        &policy(&zy, 2),
        &stay("2026-06-01", "2026-06-05", "10.00"),
        &a.usage_after,
    );
    assert_eq!(codes(&again), [ErrorCode::ClaimCapUsedUp]);
}

#[test]
fn the_ratio_follows_the_nth_stay_and_rounds_half_away_from_zero() {
    let mut hardship = plan("ZY");
    if let BenefitRule::Reimbursement(r) = &mut hardship.benefits[0] {
        r.deductible = Money::ZERO;
        r.ratios = vec![Decimal::new(70, 2), Decimal::new(40, 2)];
        r.cap_per_share_per_period = yuan("60000.00");
    }
    let p = policy(&hardship, 1);
    let first = adjudicate(
        &hardship,
        &p,
        &stay("2026-05-01", "2026-05-05", "100.05"),
        &Usage::default(),
    );
    // 100.05 × 0.70 = 70.035 → 70.04.
    assert_eq!(first.total, yuan("70.04"));
    let second = adjudicate(
        &hardship,
        &p,
        &stay("2026-06-01", "2026-06-05", "100.05"),
        &first.usage_after,
    );
    // 100.05 × 0.40 = 40.02.
    assert_eq!(second.total, yuan("40.02"));
    let third = adjudicate(
        &hardship,
        &p,
        &stay("2026-07-01", "2026-07-05", "100.00"),
        &second.usage_after,
    );
    assert_eq!(
        third.total,
        yuan("40.00"),
        "the last ratio applies to every later stay"
    );
}

#[test]
fn members_without_basic_insurance_get_their_own_ratio_and_cap() {
    let mut zhangzhou = plan("ZY");
    if let BenefitRule::Reimbursement(r) = &mut zhangzhou.benefits[0] {
        r.without_basic_insurance = Some(RatioCap {
            ratio: Decimal::new(10, 2),
            cap_per_share: yuan("15000.00"),
        });
    }
    let mut facts = stay("2026-05-01", "2026-05-05", "1300.00");
    if let ClaimFacts::Inpatient(s) = &mut facts {
        s.has_basic_insurance = false;
    }
    let a = adjudicate(
        &zhangzhou,
        &policy(&zhangzhou, 1),
        &facts,
        &Usage::default(),
    );
    assert_eq!(a.total, yuan("100.00"), "(1,300 − 300) × 10 %");
}

#[test]
fn illness_inside_the_waiting_period_is_refused_and_accidents_are_not() {
    let zy = plan("ZY");
    let p = policy(&zy, 1);
    // Illness is covered from 2026-04-10 (day 90 after 2026-01-10).
    let day_89 = adjudicate(
        &zy,
        &p,
        &stay("2026-04-09", "2026-04-12", "1000.00"),
        &Usage::default(),
    );
    assert_eq!(codes(&day_89), [ErrorCode::ClaimWaitingPeriod]);
    let day_90 = adjudicate(
        &zy,
        &p,
        &stay("2026-04-10", "2026-04-12", "1000.00"),
        &Usage::default(),
    );
    assert!(day_90.pays());
    let mut injured = stay("2026-01-10", "2026-01-12", "1000.00");
    if let ClaimFacts::Inpatient(s) = &mut injured {
        s.caused_by_accident = true;
    }
    assert!(adjudicate(&zy, &p, &injured, &Usage::default()).pays());
}

#[test]
fn events_outside_the_period_are_refused() {
    let zy = plan("ZY");
    let p = policy(&zy, 1);
    let before = adjudicate(
        &zy,
        &p,
        &stay("2026-01-09", "2026-01-12", "1000.00"),
        &Usage::default(),
    );
    assert_eq!(codes(&before), [ErrorCode::ClaimBeforeEffectiveDate]);
    let after = adjudicate(
        &zy,
        &p,
        &stay("2027-01-10", "2027-01-12", "1000.00"),
        &Usage::default(),
    );
    assert_eq!(codes(&after), [ErrorCode::ClaimLapsed]);
    let mut unpaid = p.clone();
    unpaid.status = PolicyStatus::PendingPayment;
    let a = adjudicate(
        &zy,
        &unpaid,
        &stay("2026-05-01", "2026-05-12", "1000.00"),
        &Usage::default(),
    );
    assert_eq!(codes(&a), [ErrorCode::ClaimNotEnrolled]);
}

#[test]
fn a_plan_without_a_rule_for_the_claim_refuses_it() {
    let zy = plan("ZY");
    let a = adjudicate(
        &zy,
        &policy(&zy, 1),
        &diagnosis("malignant_tumour_severe", "2026-06-01"),
        &Usage::default(),
    );
    assert_eq!(codes(&a), [ErrorCode::ClaimNoBenefit]);
}

#[test]
fn lump_sums_pay_by_tier_twice_at_most_and_each_disease_once() {
    let zj = plan("ZJ");
    let p = policy(&zj, 2);
    let mild = adjudicate(
        &zj,
        &p,
        &diagnosis("malignant_tumour_mild", "2026-06-01"),
        &Usage::default(),
    );
    assert_eq!(mild.total, yuan("10000.00"));
    let again = adjudicate(
        &zj,
        &p,
        &diagnosis("malignant_tumour_mild", "2026-07-01"),
        &mild.usage_after,
    );
    assert_eq!(codes(&again), [ErrorCode::ClaimDiseaseAlreadyPaid]);
    let rare = adjudicate(
        &zj,
        &p,
        &diagnosis("severe_crohns_disease", "2026-08-01"),
        &mild.usage_after,
    );
    assert_eq!(rare.total, yuan("120000.00"));
    let third = adjudicate(
        &zj,
        &p,
        &diagnosis("paralysis", "2026-09-01"),
        &rare.usage_after,
    );
    assert_eq!(codes(&third), [ErrorCode::ClaimMaxClaimsUsed]);
    let unlisted = adjudicate(
        &zj,
        &p,
        &diagnosis("influenza", "2026-09-01"),
        &Usage::default(),
    );
    assert_eq!(codes(&unlisted), [ErrorCode::ClaimDiseaseNotListed]);
}

#[test]
fn a_diagnosis_in_the_waiting_period_pays_the_consolation_and_ends_the_cover() {
    let zj = plan("ZJ");
    // 1,000 × 3 shares; the maximum of 5,000 is not reached.
    let a = adjudicate(
        &zj,
        &policy(&zj, 3),
        &diagnosis("paralysis", "2026-04-09"),
        &Usage::default(),
    );
    assert_eq!(
        (a.total, a.lines[0].rule.as_str()),
        (yuan("3000.00"), "waiting_consolation")
    );
    assert_eq!(a.terminates_cover_from, Some(d("2026-04-09")));
    // 1,000 × 5 would be 5,000; × 5 is the max anyway, and never more.
    let five = adjudicate(
        &zj,
        &policy(&zj, 5),
        &diagnosis("paralysis", "2026-02-01"),
        &Usage::default(),
    );
    assert_eq!(five.total, yuan("5000.00"));
    // On day 90 the full sum is due.
    let covered = adjudicate(
        &zj,
        &policy(&zj, 1),
        &diagnosis("paralysis", "2026-04-10"),
        &Usage::default(),
    );
    assert_eq!(
        (covered.total, covered.terminates_cover_from),
        (yuan("30000.00"), None)
    );
}

#[test]
fn a_plan_without_consolation_refuses_a_diagnosis_in_the_waiting_period() {
    let nzg = plan("NZG");
    let p = policy(&nzg, 2);
    let a = adjudicate(
        &nzg,
        &p,
        &diagnosis("breast_cancer", "2026-05-01"),
        &Usage::default(),
    );
    assert_eq!(codes(&a), [ErrorCode::ClaimWaitingPeriod], "180 days");
    let b = adjudicate(
        &nzg,
        &p,
        &diagnosis("breast_cancer", "2026-07-09"),
        &Usage::default(),
    );
    assert_eq!(b.total, yuan("15000.00"));
}

#[test]
fn death_pays_the_sum_less_the_disability_already_paid() {
    let yw = plan("YW");
    let p = policy(&yw, 2);
    let mut hurt = accident("2026-02-01");
    hurt.disability_grade = Some(3);
    hurt.medical_self_pay = yuan("1000.00");
    let a = adjudicate(&yw, &p, &ClaimFacts::Accident(hurt), &Usage::default());
    // 40,000 × 80 % and 1,000 × 80 %.
    assert_eq!(
        a.lines
            .iter()
            .map(|l| (l.rule.as_str(), l.amount))
            .collect::<Vec<_>>(),
        [
            ("accident_disability", yuan("32000.00")),
            ("accident_medical", yuan("800.00"))
        ]
    );
    let mut died = accident("2026-03-01");
    died.death = true;
    let b = adjudicate(&yw, &p, &ClaimFacts::Accident(died.clone()), &a.usage_after);
    assert_eq!(b.total, yuan("8000.00"));
    assert_eq!(b.lines[0].formula, "40000.00 − 32000.00 = 8000.00");
    let c = adjudicate(&yw, &p, &ClaimFacts::Accident(died), &b.usage_after);
    assert_eq!(codes(&c), [ErrorCode::ClaimCapUsedUp]);
}

#[test]
fn excluded_causes_pay_nothing() {
    let yw = plan("YW");
    let mut drunk = accident("2026-02-01");
    drunk.death = true;
    drunk.excluded_cause = Some(Exclusion::DrunkDriving);
    let a = adjudicate(
        &yw,
        &policy(&yw, 1),
        &ClaimFacts::Accident(drunk),
        &Usage::default(),
    );
    assert_eq!(codes(&a), [ErrorCode::ClaimExcludedCause]);
    assert_eq!(a.total, Money::ZERO);
}

#[test]
fn accident_medical_stops_at_its_cap() {
    let xyt = plan("XYT");
    let mut hurt = accident("2026-02-01");
    hurt.medical_self_pay = yuan("30000.00");
    let a = adjudicate(
        &xyt,
        &policy(&xyt, 1),
        &ClaimFacts::Accident(hurt),
        &Usage::default(),
    );
    assert_eq!(
        a.total,
        yuan("20000.00"),
        "90 % of 30,000 is above the 20,000 cap"
    );
}

#[test]
fn facts_that_cannot_be_right_are_named() {
    let today = d("2026-11-29");
    let mut s = InpatientStay {
        admission: d("2026-05-10"),
        discharge: d("2026-05-01"),
        hospital: None,
        hospital_level: None,
        diagnosis_text: None,
        diagnosis_code: " ".into(),
        psychiatric: false,
        caused_by_accident: false,
        total_cost: yuan("100.00"),
        pooled_fund_paid: yuan("50.00"),
        in_catalogue_self_pay: yuan("40.00"),
        out_of_catalogue_self_pay: yuan("20.00"),
        has_basic_insurance: true,
        invoice_numbers: Vec::new(),
    };
    let codes_of = |f: &ClaimFacts| {
        f.problems(today)
            .iter()
            .map(FactsProblem::code)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        codes_of(&ClaimFacts::Inpatient(s.clone())),
        [
            ErrorCode::ClaimDatesOutOfOrder,
            ErrorCode::ClaimDiagnosisMissing,
            ErrorCode::ClaimSelfPayAboveTotal
        ]
    );
    s.discharge = d("2026-12-01");
    s.diagnosis_code = "J18.9".into();
    s.out_of_catalogue_self_pay = yuan("-1.00");
    assert_eq!(
        codes_of(&ClaimFacts::Inpatient(s)),
        [ErrorCode::ClaimDateInFuture, ErrorCode::ClaimNegativeAmount]
    );
    let mut a = accident("2026-02-01");
    a.disability_grade = Some(11);
    assert_eq!(
        codes_of(&ClaimFacts::Accident(a)),
        [ErrorCode::ClaimDisabilityGrade]
    );
    assert_eq!(
        codes_of(&ClaimFacts::Accident(accident("2026-02-01"))),
        [ErrorCode::ClaimNothingClaimed]
    );
}

#[test]
fn usage_reads_as_the_accumulators_of_the_coverage_enquiry() {
    use crate::accumulator::{limits, Quantity};
    let zy = plan("ZY");
    let p = policy(&zy, 1);
    let a = adjudicate(
        &zy,
        &p,
        &stay("2026-05-01", "2026-05-05", "1000.00"),
        &Usage::default(),
    );
    let (kind, limit) = limits(&zy, 1)[0];
    assert_eq!(a.usage_after.used(kind), Quantity::Amount(yuan("420.00")));
    assert_eq!(
        limit.less(a.usage_after.used(kind)),
        Quantity::Amount(yuan("49580.00"))
    );
}

fn is_fen(m: Money) -> bool {
    m.amount().round_dp(2) == m.amount() && !m.amount().is_sign_negative()
}

proptest! {
    #[test]
    fn the_allowance_is_its_formula(days in 0u64..400, shares in 1u32..=3, used in 0u32..=180) {
        let jt = plan("JT");
        let admission = d("2026-05-01");
        let facts = ClaimFacts::Inpatient(InpatientStay {
            discharge: admission + Days::new(days),
            ..match stay("2026-05-01", "2026-05-01", "0.00") { ClaimFacts::Inpatient(s) => s, _ => unreachable!() }
        });
        let usage = Usage { allowance_days: used, ..Usage::default() };
        let a = adjudicate(&jt, &policy(&jt, shares), &facts, &usage);
        let hospital = u32::try_from(days.max(1)).unwrap();
        let left = 180 - used;
        let paid_days = if left == 0 { 0 } else { hospital.saturating_sub(3).min(left) };
        prop_assert_eq!(a.total, Money::from_fen(4000 * i64::from(shares) * i64::from(paid_days)));
        prop_assert!(a.usage_after.allowance_days <= 180);
    }

    #[test]
    fn more_days_never_pay_less(days in 0u64..300, more in 0u64..30, used in 0u32..=180) {
        let jt = plan("JT");
        let p = policy(&jt, 2);
        let usage = Usage { allowance_days: used, ..Usage::default() };
        let paid = |length: u64| {
            let facts = ClaimFacts::Inpatient(InpatientStay {
                discharge: d("2026-05-01") + Days::new(length),
                ..match stay("2026-05-01", "2026-05-01", "0.00") { ClaimFacts::Inpatient(s) => s, _ => unreachable!() }
            });
            adjudicate(&jt, &p, &facts, &usage).total
        };
        prop_assert!(paid(days + more) >= paid(days));
    }

    #[test]
    fn no_payment_exceeds_what_is_left_of_the_cap(fen in 0i64..20_000_000, reimbursed in 0i64..10_000_000) {
        let zy = plan("ZY");
        let usage = Usage {
            reimbursed: Money::from_fen(reimbursed),
            deductible_used: yuan("300.00"),
            stays: 1,
            ..Usage::default()
        };
        let facts = match stay("2026-05-01", "2026-05-05", "0.00") {
            ClaimFacts::Inpatient(mut s) => { s.in_catalogue_self_pay = Money::from_fen(fen); ClaimFacts::Inpatient(s) }
            other => other,
        };
        let a = adjudicate(&zy, &policy(&zy, 1), &facts, &usage);
        let left = (Decimal::from(50_000) - Money::from_fen(reimbursed).amount()).max(Decimal::ZERO);
        prop_assert!(a.total.amount() <= left);
    }

    #[test]
    fn stays_in_a_period_never_pay_beyond_the_cap(
        bills in proptest::collection::vec(0i64..5_000_000, 1..12), shares in 1u32..=3,
    ) {
        let zy = plan("ZY");
        let p = policy(&zy, shares);
        let mut usage = Usage::default();
        let mut paid = Decimal::ZERO;
        for (i, fen) in bills.iter().enumerate() {
            let day = d("2026-05-01") + Days::new(i as u64 * 10);
            let facts = ClaimFacts::Inpatient(InpatientStay {
                admission: day,
                discharge: day + Days::new(3),
                hospital: None,
                hospital_level: None,
                diagnosis_text: None,
                ..match stay("2026-05-01", "2026-05-04", "0.00") { ClaimFacts::Inpatient(s) => s, _ => unreachable!() }
            });
            let facts = match facts {
                ClaimFacts::Inpatient(mut s) => { s.in_catalogue_self_pay = Money::from_fen(*fen); ClaimFacts::Inpatient(s) }
                other => other,
            };
            let a = adjudicate(&zy, &p, &facts, &usage);
            for l in &a.lines {
                prop_assert!(is_fen(l.amount), "{:?}", l);
            }
            prop_assert_eq!(a.total.amount(), a.lines.iter().map(|l| l.amount.amount()).sum::<Decimal>());
            paid += a.total.amount();
            usage = a.usage_after;
        }
        let cap = Decimal::from(50_000 * shares);
        prop_assert!(paid <= cap);
        prop_assert_eq!(usage.reimbursed.amount(), paid);
        prop_assert!(usage.deductible_used.amount() <= Decimal::from(300));
    }

    #[test]
    fn accident_death_and_disability_never_exceed_the_sum(
        events in proptest::collection::vec((proptest::option::of(1u8..=10), any::<bool>()), 1..6),
        shares in 1u32..=4,
    ) {
        let yw = plan("YW");
        let p = policy(&yw, shares);
        let mut usage = Usage::default();
        let mut paid = Decimal::ZERO;
        for (grade, death) in events {
            let mut e = accident("2026-03-01");
            e.disability_grade = grade;
            e.death = death || grade.is_none();
            let a = adjudicate(&yw, &p, &ClaimFacts::Accident(e), &usage);
            paid += a.total.amount();
            usage = a.usage_after;
        }
        prop_assert!(paid <= Decimal::from(20_000 * shares));
        prop_assert_eq!(usage.accident_sum_paid.amount(), paid);
    }

    #[test]
    fn shares_multiply_lump_sums_exactly(shares in 1u32..=5, tier in 0usize..3) {
        let zj = plan("ZJ");
        let code = ["paralysis", "severe_crohns_disease", "stroke_sequelae_mild"][tier];
        let per_share = [30_000i64, 60_000, 5_000][tier];
        let a = adjudicate(&zj, &policy(&zj, shares), &diagnosis(code, "2026-06-01"), &Usage::default());
        prop_assert_eq!(a.total, Money::from_fen(per_share * 100 * i64::from(shares)));
    }
}
