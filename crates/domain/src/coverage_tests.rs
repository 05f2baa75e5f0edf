use super::*;
use crate::eligibility::is_renewal_without_gap;
use crate::plan::examples::guangdong_demo;
use crate::plan::{cover_period, CoverPeriod};
use crate::ErrorCode;
use chrono::Days;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn plan(code: &str) -> PlanTerms {
    guangdong_demo()
        .into_iter()
        .find(|p| p.code.as_str() == code)
        .unwrap()
}

/// ZY (90-day wait), effective 2026-01-01, first enrollment, paid.
fn zy_policy() -> PolicyCover {
    let zy = plan("ZY");
    PolicyCover::new(
        &zy,
        cover_period(&zy, d(2025, 12, 31)),
        2,
        false,
        PolicyStatus::Active,
    )
}

fn reason(s: CoverStatus) -> Option<ErrorCode> {
    match s {
        CoverStatus::Covered => None,
        CoverStatus::NotCovered { reason } => Some(reason.code()),
    }
}

#[test]
fn waiting_period_days_89_90_91() {
    let p = zy_policy();
    let e = p.period.start;
    assert_eq!(p.waiting_period_end, d(2026, 4, 1));
    for (offset, covered) in [(0, false), (89, false), (90, true), (91, true)] {
        let day = e + Days::new(offset);
        assert_eq!(
            cover_on(&p, day, EventKind::Illness).is_covered(),
            covered,
            "E + {offset}"
        );
    }
    assert_eq!(
        cover_on(&p, e + Days::new(89), EventKind::Illness),
        CoverStatus::NotCovered {
            reason: NotCoveredReason::WaitingPeriod {
                covered_from: d(2026, 4, 1)
            }
        }
    );
}

#[test]
fn accidents_are_covered_from_the_effective_date() {
    let p = zy_policy();
    assert!(cover_on(&p, p.period.start, EventKind::Accident).is_covered());
    assert_eq!(
        reason(cover_on(&p, d(2025, 12, 31), EventKind::Accident)),
        Some(ErrorCode::CoverageNotYetEffective)
    );
    let yw = plan("YW");
    let accident = PolicyCover::new(
        &yw,
        cover_period(&yw, d(2026, 3, 1)),
        1,
        false,
        PolicyStatus::Active,
    );
    assert_eq!(accident.waiting_period_end, d(2026, 3, 2));
    assert!(cover_on(&accident, d(2026, 3, 2), EventKind::Illness).is_covered());
}

#[test]
fn renewal_with_a_one_day_gap_waits_again() {
    let zy = plan("ZY");
    let previous = CoverPeriod {
        start: d(2026, 1, 1),
        end: d(2026, 12, 31),
    };
    let seamless = CoverPeriod::starting(&zy, d(2027, 1, 1));
    let gapped = CoverPeriod::starting(&zy, d(2027, 1, 2));
    let renew = |period: CoverPeriod| {
        let no_gap = is_renewal_without_gap(previous.end, period.start);
        PolicyCover::new(&zy, period, 1, no_gap, PolicyStatus::Active)
    };
    let seamless = renew(seamless);
    assert!(cover_on(&seamless, d(2027, 1, 1), EventKind::Illness).is_covered());
    let gapped = renew(gapped);
    assert_eq!(gapped.waiting_period_end, d(2027, 4, 2));
    assert_eq!(
        reason(cover_on(&gapped, d(2027, 4, 1), EventKind::Illness)),
        Some(ErrorCode::CoverageWaitingPeriod)
    );
    assert!(cover_on(&gapped, d(2027, 4, 2), EventKind::Illness).is_covered());
}

#[test]
fn period_ends_and_status() {
    let mut p = zy_policy();
    assert!(cover_on(&p, d(2026, 12, 31), EventKind::Accident).is_covered());
    assert_eq!(
        cover_on(&p, d(2027, 1, 1), EventKind::Accident),
        CoverStatus::NotCovered {
            reason: NotCoveredReason::Lapsed {
                ended: d(2026, 12, 31)
            }
        }
    );
    p.status = PolicyStatus::PendingPayment;
    assert_eq!(
        reason(cover_on(&p, d(2026, 6, 1), EventKind::Accident)),
        Some(ErrorCode::CoverageNotPaid)
    );
    p.status = PolicyStatus::Terminated {
        from: d(2026, 6, 1),
    };
    assert!(cover_on(&p, d(2026, 5, 31), EventKind::Illness).is_covered());
    assert_eq!(
        reason(cover_on(&p, d(2026, 6, 1), EventKind::Accident)),
        Some(ErrorCode::CoverageTerminated)
    );
}

#[test]
fn reasons_read_well_and_serialise_with_their_dates() {
    let p = zy_policy();
    let status = cover_on(&p, d(2026, 2, 1), EventKind::Illness);
    let CoverStatus::NotCovered { reason } = status else {
        panic!()
    };
    assert_eq!(
        reason.to_string(),
        "the event is in the waiting period; illness is covered from 2026-04-01"
    );
    assert_eq!(
        serde_json::to_string(&status).unwrap(),
        r#"{"cover":"not_covered","reason":{"code":"waiting_period","covered_from":"2026-04-01"}}"#
    );
    assert_eq!(
        serde_json::to_string(&CoverStatus::Covered).unwrap(),
        r#"{"cover":"covered"}"#
    );
    let json = serde_json::to_string(&p).unwrap();
    assert_eq!(serde_json::from_str::<PolicyCover>(&json).unwrap(), p);
}

#[test]
fn hospital_days_count_the_admission_day_not_the_discharge_day() {
    assert_eq!(hospital_days(d(2026, 3, 1), d(2026, 3, 1)), Ok(1));
    assert_eq!(hospital_days(d(2026, 3, 1), d(2026, 3, 2)), Ok(1));
    assert_eq!(hospital_days(d(2026, 3, 1), d(2026, 3, 5)), Ok(4));
    assert_eq!(hospital_days(d(2026, 2, 27), d(2026, 3, 1)), Ok(2));
    let err = hospital_days(d(2026, 3, 5), d(2026, 3, 1)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::ClaimDischargeBeforeAdmission);
    assert_eq!(
        err.to_string(),
        "the discharge date 2026-03-01 is before the admission date 2026-03-05"
    );
}

proptest! {
    #[test]
    fn illness_cover_is_monotone_around_the_waiting_end(
        paid in 0u64..10_000, wait in 0u32..=365, offset in 0u64..400, renewal in any::<bool>(),
    ) {
        let mut terms = plan("ZY");
        terms.waiting_days = wait;
        let period = cover_period(&terms, d(2000, 1, 1) + Days::new(paid));
        let p = PolicyCover::new(&terms, period, 1, renewal, PolicyStatus::Active);
        let day = period.start + Days::new(offset);
        let wait = if renewal { 0 } else { u64::from(wait) };
        let first_covered = period.start + Days::new(wait);
        let expected = day >= first_covered && day <= period.end;
        prop_assert_eq!(cover_on(&p, day, EventKind::Illness).is_covered(), expected);
        // Once covered, every later day of the period is covered too.
        if cover_on(&p, day, EventKind::Illness).is_covered() {
            let next = day + Days::new(1);
            let covered = cover_on(&p, next, EventKind::Illness).is_covered();
            prop_assert_eq!(covered, next <= period.end);
        }
    }

    #[test]
    fn accidents_are_covered_exactly_on_the_period(paid in 0u64..10_000, offset in -5i64..380) {
        let terms = plan("ZY");
        let period = cover_period(&terms, d(2000, 1, 1) + Days::new(paid));
        let p = PolicyCover::new(&terms, period, 1, false, PolicyStatus::Active);
        let day = period.start + chrono::TimeDelta::days(offset);
        prop_assert_eq!(cover_on(&p, day, EventKind::Accident).is_covered(), period.contains(day));
    }

    #[test]
    fn hospital_days_are_the_date_difference_at_least_one(
        start in 0u64..20_000, stay in 0u64..400,
    ) {
        let admission = d(2000, 1, 1) + Days::new(start);
        let discharge = admission + Days::new(stay);
        let expected = u32::try_from(stay.max(1)).unwrap();
        prop_assert_eq!(hospital_days(admission, discharge), Ok(expected));
    }
}
