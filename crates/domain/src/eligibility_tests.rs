use super::*;
use crate::id_number::check_char;
use crate::plan::examples::guangdong_demo;
use crate::ErrorCode;
use chrono::{Datelike, Days};
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

/// A valid ID number for someone born on `birth`; the 17th digit decides the gender.
fn id(birth: NaiveDate, gender: Gender) -> IdNumber {
    let seq = if gender == Gender::Male { "123" } else { "124" };
    let first17 = format!("440106{}{seq}", birth.format("%Y%m%d"));
    IdNumber::parse(&format!("{first17}{}", check_char(first17.as_bytes()))).unwrap()
}

fn man() -> IdNumber {
    IdNumber::parse("440106199003071231").unwrap()
}

fn woman() -> IdNumber {
    IdNumber::parse("440304198511204567").unwrap()
}

fn applicant(id_number: &IdNumber, shares: u32) -> Applicant<'_> {
    Applicant {
        id_number,
        category: MemberCategory::InService,
        shares,
        channel: Channel::Group,
        applied_on: d(2026, 11, 20),
    }
}

fn codes(r: Result<(), Vec<Ineligible>>) -> Vec<ErrorCode> {
    r.err()
        .unwrap_or_default()
        .iter()
        .map(Ineligible::code)
        .collect()
}

fn messages(r: Result<(), Vec<Ineligible>>) -> Vec<String> {
    r.err()
        .unwrap_or_default()
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn age_is_checked_on_the_effective_date_both_ends_included() {
    let zy = plan("ZY");
    let effective = d(2026, 12, 1);
    assert_eq!(id(d(1966, 12, 1), Gender::Male).age_on(effective), 60);
    for (birth, ok) in [
        (d(2010, 12, 1), true),  // 16 on the day
        (d(2010, 12, 2), false), // 15
        (d(1966, 12, 1), true),  // 60 on the day
        (d(1966, 12, 2), true),  // 59
        (d(1965, 12, 1), false), // 61 on the day
        (d(1965, 12, 2), true),  // still 60 for one more day
    ] {
        let who = id(birth, Gender::Male);
        let result = check_person(&zy, &applicant(&who, 1), effective, &[]);
        assert_eq!(result.is_ok(), ok, "born {birth}");
        if !ok {
            assert_eq!(codes(result), [ErrorCode::EnrollmentAge]);
        }
    }
    let sixty_one = id(d(1965, 12, 1), Gender::Male);
    assert_eq!(
        messages(check_person(&zy, &applicant(&sixty_one, 1), effective, &[])),
        ["aged 61 on 2026-12-01; this plan takes 16 to 60"]
    );
}

#[test]
fn women_may_have_their_own_age_range() {
    let mut zy = plan("ZY");
    zy.female_age = Some(AgeRange { min: 16, max: 55 });
    let effective = d(2026, 12, 1);
    let w56 = id(d(1970, 6, 1), Gender::Female);
    let m56 = id(d(1970, 6, 1), Gender::Male);
    assert_eq!(
        messages(check_person(&zy, &applicant(&w56, 1), effective, &[])),
        ["aged 56 on 2026-12-01; this plan takes women aged 16 to 55"]
    );
    assert_eq!(
        check_person(&zy, &applicant(&m56, 1), effective, &[]),
        Ok(())
    );
}

#[test]
fn women_only_plan_refuses_a_man() {
    let nzg = plan("NZG");
    let effective = d(2027, 1, 1);
    assert_eq!(
        check_person(&nzg, &applicant(&woman(), 2), effective, &[]),
        Ok(())
    );
    let refused = check_person(&nzg, &applicant(&man(), 2), effective, &[]);
    assert_eq!(codes(refused.clone()), [ErrorCode::EnrollmentGender]);
    assert_eq!(
        messages(refused),
        ["this plan is for women only; the ID number is a man's"]
    );
}

#[test]
fn shares_run_from_one_to_the_maximum() {
    let zy = plan("ZY");
    let e = d(2027, 1, 1);
    for (shares, ok) in [(0, false), (1, true), (3, true), (4, false)] {
        let r = check_person(&zy, &applicant(&man(), shares), e, &[]);
        assert_eq!(r.is_ok(), ok, "{shares}");
    }
    assert_eq!(
        messages(check_person(&zy, &applicant(&man(), 4), e, &[])),
        ["4 shares asked; this plan allows 1 to 3"]
    );
    assert_eq!(
        codes(check_person(&zy, &applicant(&man(), 0), e, &[])),
        [ErrorCode::EnrollmentShares]
    );
}

#[test]
fn category_and_channel() {
    let zj = plan("ZJ");
    let e = d(2027, 1, 1);
    let m = man();
    let mut gig = applicant(&m, 1);
    gig.category = MemberCategory::GigWorker;
    gig.channel = Channel::Individual;
    let r = check_person(&zj, &gig, e, &[]);
    assert_eq!(
        codes(r.clone()),
        [
            ErrorCode::EnrollmentIndividualNotAllowed,
            ErrorCode::EnrollmentCategory
        ]
    );
    assert_eq!(
        messages(r)[1],
        "member category gig_worker is not eligible; this plan takes in_service"
    );
    let xyt = plan("XYT");
    assert_eq!(check_person(&xyt, &gig, e, &[]), Ok(()));
    gig.channel = Channel::Group;
    assert_eq!(
        codes(check_person(&xyt, &gig, e, &[])),
        [ErrorCode::EnrollmentGroupNotAllowed]
    );
}

#[test]
fn enrollment_window_is_checked_on_the_application_day() {
    let mut zy = plan("ZY");
    zy.enrollment_window = Some(DateRange {
        from: d(2026, 11, 1),
        to: d(2026, 12, 31),
    });
    zy.fixed_start_date = Some(d(2027, 1, 1));
    let e = d(2027, 1, 1);
    for (applied_on, ok) in [
        (d(2026, 10, 31), false),
        (d(2026, 11, 1), true),
        (d(2026, 12, 31), true),
        (d(2027, 1, 1), false),
    ] {
        let m = man();
        let mut a = applicant(&m, 1);
        a.applied_on = applied_on;
        assert_eq!(check_person(&zy, &a, e, &[]).is_ok(), ok, "{applied_on}");
    }
    let m = man();
    let mut late = applicant(&m, 1);
    late.applied_on = d(2027, 1, 2);
    assert_eq!(
        messages(check_person(&zy, &late, e, &[])),
        ["applied on 2027-01-02; enrollment in this plan is open from 2026-11-01 to 2026-12-31"]
    );
}

#[test]
fn overlapping_cover_of_the_same_plan_is_refused() {
    let zy = plan("ZY");
    let current = ExistingCover {
        plan_code: zy.code.clone(),
        period: CoverPeriod {
            start: d(2026, 1, 1),
            end: d(2026, 12, 31),
        },
    };
    let other_plan = ExistingCover {
        plan_code: plan("JT").code,
        ..current.clone()
    };
    let m = man();
    let a = applicant(&m, 1);
    // Starting the day after the current cover ends is a renewal, not a duplicate.
    assert_eq!(
        check_person(
            &zy,
            &a,
            d(2027, 1, 1),
            &[current.clone(), other_plan.clone()]
        ),
        Ok(())
    );
    let r = check_person(&zy, &a, d(2026, 12, 31), &[current, other_plan]);
    assert_eq!(codes(r.clone()), [ErrorCode::EnrollmentAlreadyCovered]);
    assert_eq!(
        messages(r),
        ["already covered by plan ZY from 2026-01-01 to 2026-12-31, which overlaps the new cover \
          from 2026-12-31 to 2027-12-30"]
    );
}

#[test]
fn every_reason_is_reported_at_once() {
    let nzg = plan("NZG");
    let old_man = id(d(1950, 1, 1), Gender::Male);
    let mut a = applicant(&old_man, 9);
    a.category = MemberCategory::GigWorker;
    a.channel = Channel::Individual;
    assert_eq!(
        codes(check_person(&nzg, &a, d(2027, 1, 1), &[])),
        [
            ErrorCode::EnrollmentIndividualNotAllowed,
            ErrorCode::EnrollmentGender,
            ErrorCode::EnrollmentAge,
            ErrorCode::EnrollmentCategory,
            ErrorCode::EnrollmentShares,
        ]
    );
}

#[test]
fn participation_exactly_at_the_threshold_passes() {
    let mut zj = plan("ZJ");
    // ZJ also needs 10 people; the participation rule alone passes 6 of 10.
    assert_eq!(
        codes(check_group(&zj, 10, &[1; 6])),
        [ErrorCode::EnrollmentGroupSize]
    );
    let five = check_group(&zj, 10, &[1; 5]);
    assert_eq!(
        codes(five.clone()),
        [
            ErrorCode::EnrollmentParticipation,
            ErrorCode::EnrollmentGroupSize
        ]
    );
    assert_eq!(
        messages(five)[0],
        "5 of 10 members of the union enrolled (50 %); this plan needs at least 60 %, i.e. 6"
    );
    zj.min_group_size = None;
    assert_eq!(check_group(&zj, 10, &[1; 6]), Ok(()));
    assert_eq!(
        codes(check_group(&zj, 10, &[1; 5])),
        [ErrorCode::EnrollmentParticipation]
    );
    // 60 % of 11 is 6.6: seven people are needed.
    assert_eq!(
        codes(check_group(&zj, 11, &[1; 6])),
        [ErrorCode::EnrollmentParticipation]
    );
    assert_eq!(check_group(&zj, 11, &[1; 7]), Ok(()));
}

#[test]
fn group_size_nine_fails_ten_passes() {
    let zj = plan("ZJ");
    assert_eq!(check_group(&zj, 12, &[2; 10]), Ok(()));
    let nine = check_group(&zj, 12, &[2; 9]);
    assert_eq!(codes(nine.clone()), [ErrorCode::EnrollmentGroupSize]);
    assert_eq!(
        messages(nine),
        ["9 members enrolled; this plan needs at least 10 from one union"]
    );
}

#[test]
fn same_shares_for_everyone_where_required() {
    let zj = plan("ZJ");
    let mixed = [1, 3, 2, 1, 1, 1, 1, 1, 1, 1];
    let r = check_group(&zj, 10, &mixed);
    assert_eq!(codes(r.clone()), [ErrorCode::EnrollmentSameShares]);
    assert_eq!(
        messages(r),
        ["members of one union must all hold the same number of shares; this roster has 1, 2 and 3"]
    );
    assert_eq!(check_group(&plan("ZY"), 10, &mixed), Ok(()));
}

#[test]
fn group_rules_reject_impossible_rosters() {
    assert_eq!(
        codes(check_group(&plan("ZJ"), 10, &[1; 11])),
        [ErrorCode::EnrollmentUnitSize]
    );
    assert_eq!(
        codes(check_group(&plan("XYT"), 10, &[1; 10])),
        [ErrorCode::EnrollmentGroupNotAllowed]
    );
    let empty = check_group(&plan("ZJ"), 0, &[]);
    assert_eq!(codes(empty), [ErrorCode::EnrollmentGroupSize]);
}

#[test]
fn renewal_gap_decides_the_waiting_period() {
    let zy = plan("ZY");
    let previous_end = d(2026, 12, 31);
    let on_time = d(2027, 1, 1);
    let one_day_late = d(2027, 1, 2);
    assert!(is_renewal_without_gap(previous_end, on_time));
    assert!(!is_renewal_without_gap(previous_end, one_day_late));
    let no_gap = is_renewal_without_gap(previous_end, on_time);
    assert_eq!(waiting_period_end(on_time, &zy, no_gap), on_time);
    let gap = is_renewal_without_gap(previous_end, one_day_late);
    assert_eq!(waiting_period_end(one_day_late, &zy, gap), d(2027, 4, 2));
    assert_eq!(waiting_period_end(on_time, &plan("YW"), false), on_time);
    assert_eq!(
        waiting_period_end(on_time, &plan("NZG"), false),
        d(2027, 6, 30)
    );
}

/// A reference age written differently from `IdNumber::age_on`: count the birthdays passed,
/// taking 1 March as the birthday of someone born on 29 February in a common year.
fn reference_age(birth: NaiveDate, on: NaiveDate) -> i32 {
    let mut age = 0;
    for year in birth.year() + 1..=on.year() {
        let birthday = NaiveDate::from_ymd_opt(year, birth.month(), birth.day())
            .unwrap_or_else(|| NaiveDate::from_ymd_opt(year, 3, 1).unwrap());
        if birthday <= on {
            age += 1;
        }
    }
    age
}

proptest! {
    #[test]
    fn age_agrees_with_a_birthday_count(birth_days in 0u64..40_000, later in 0u64..30_000) {
        let birth = d(1920, 1, 1) + Days::new(birth_days);
        let on = birth + Days::new(later);
        let who = id(birth, Gender::Female);
        prop_assert_eq!(who.age_on(on), reference_age(birth, on));
    }

    #[test]
    fn the_age_check_is_exactly_the_range(
        birth_days in 0u64..40_000, min in 14u8..20, max in 55u8..66,
    ) {
        let mut zy = plan("ZY");
        zy.age = AgeRange { min, max };
        let birth = d(1940, 1, 1) + Days::new(birth_days);
        let effective = d(2027, 1, 1);
        let who = id(birth, Gender::Male);
        let age = reference_age(birth, effective);
        let ok = i32::from(min) <= age && age <= i32::from(max);
        let result = check_person(&zy, &applicant(&who, 1), effective, &[]);
        prop_assert_eq!(result.is_ok(), ok);
    }

    #[test]
    fn participation_is_an_exact_rational_comparison(
        unit in 0u32..500, enrolled in 0u32..500, pct in 1u8..=100,
    ) {
        let mut zy = plan("ZY");
        zy.min_participation_percent = Some(pct);
        let roster = vec![1; enrolled as usize];
        let failed = codes(check_group(&zy, unit, &roster)).contains(&ErrorCode::EnrollmentParticipation);
        // enrolled / unit < pct / 100, in rationals
        let below = f64::from(enrolled) * 100.0 < f64::from(pct) * f64::from(unit);
        prop_assert_eq!(failed, below);
        if let Err(errs) = check_group(&zy, unit, &roster) {
            for e in errs {
                if let Ineligible::Participation { needed, .. } = e {
                    prop_assert!(u64::from(needed) * 100 >= u64::from(pct) * u64::from(unit));
                    prop_assert!(u64::from(needed - 1) * 100 < u64::from(pct) * u64::from(unit));
                }
            }
        }
    }

    #[test]
    fn renewal_without_gap_means_no_uncovered_day(end_days in 0u64..20_000, offset in 0u64..5) {
        let previous_end = d(2000, 1, 1) + Days::new(end_days);
        let new_start = previous_end + Days::new(offset);
        prop_assert_eq!(is_renewal_without_gap(previous_end, new_start), offset <= 1);
    }
}

fn cover(code: &str, start: NaiveDate, end: NaiveDate) -> ExistingCover {
    ExistingCover {
        plan_code: PlanCode::parse(code).unwrap(),
        period: CoverPeriod { start, end },
    }
}

#[test]
fn new_cover_would_start_the_day_after_applying() {
    assert_eq!(
        prospective_start(&plan("ZY"), d(2026, 11, 20), &[]),
        d(2026, 11, 21)
    );
}

#[test]
fn a_fixed_start_date_later_than_tomorrow_wins() {
    let mut zy = plan("ZY");
    zy.fixed_start_date = Some(d(2027, 1, 1));
    assert_eq!(prospective_start(&zy, d(2026, 11, 20), &[]), d(2027, 1, 1));
}

#[test]
fn a_renewal_starts_after_the_running_cover() {
    let running = cover("ZY", d(2026, 3, 1), d(2027, 2, 28));
    assert_eq!(
        prospective_start(&plan("ZY"), d(2026, 11, 20), &[running]),
        d(2027, 3, 1)
    );
}

#[test]
fn cover_that_ended_long_ago_does_not_delay_new_cover() {
    let old = cover("ZY", d(2024, 3, 1), d(2025, 2, 28));
    assert_eq!(
        prospective_start(&plan("ZY"), d(2026, 11, 20), &[old]),
        d(2026, 11, 21)
    );
}

#[test]
fn cover_under_another_plan_does_not_delay_new_cover() {
    let other = cover("JT", d(2026, 3, 1), d(2027, 2, 28));
    assert_eq!(
        prospective_start(&plan("ZY"), d(2026, 11, 20), &[other]),
        d(2026, 11, 21)
    );
}

proptest! {
    #[test]
    fn new_cover_never_overlaps_and_never_starts_before_tomorrow(
        applied in 0u64..3_000, start in 0u64..3_000, len in 0u64..800,
    ) {
        let zy = plan("ZY");
        let applied_on = d(2024, 1, 1) + Days::new(applied);
        let s = d(2023, 1, 1) + Days::new(start);
        let running = cover("ZY", s, s + Days::new(len));
        let begins = prospective_start(&zy, applied_on, std::slice::from_ref(&running));
        prop_assert!(begins > applied_on);
        prop_assert!(begins > running.period.end);
        prop_assert!(begins == applied_on + Days::new(1) || begins == running.period.end + Days::new(1));
    }
}
