//! Cover periods (保障期间): when cover starts and ends. All dates are China Standard Time
//! calendar days (UTC+8); cover begins at 00:00 of `start` and ends at 24:00 of `end`.

use super::PlanTerms;
use chrono::{DateTime, Datelike, Days, NaiveDate, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

/// The days a policy covers, both ends included: `end` is the last covered day, so a one-year
/// cover starting 2026-01-01 has `end` 2026-12-31 and the next period starts on 2027-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoverPeriod {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl CoverPeriod {
    /// The plan's term from `start`: it ends the day before the same calendar day `term_years`
    /// later. A cover from 29 February runs to 28 February (the day before 1 March), and one
    /// from 1 March 2027 to 29 February 2028.
    pub fn starting(terms: &PlanTerms, start: NaiveDate) -> Self {
        let year = start.year() + i32::from(terms.term_years);
        let next_start = NaiveDate::from_ymd_opt(year, start.month(), start.day())
            .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
            .unwrap_or(NaiveDate::MAX);
        let end = next_start.pred_opt().unwrap_or(next_start).max(start);
        Self { start, end }
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }

    pub fn overlaps(self, other: CoverPeriod) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// The first day after the cover: where a renewal without a gap starts.
    pub fn next_start(self) -> NaiveDate {
        add_days(self.end, 1)
    }

    /// Covered days, counting both ends.
    pub fn days(self) -> i64 {
        (self.end - self.start).num_days() + 1
    }
}

/// The cover bought by a contribution paid on `paid_on` (a CST date, see [`china_date`]): from
/// the day after payment, or from the plan's fixed start date when that is later.
pub fn cover_period(terms: &PlanTerms, paid_on: NaiveDate) -> CoverPeriod {
    let day_after = add_days(paid_on, 1);
    let start = terms
        .fixed_start_date
        .map_or(day_after, |fixed| fixed.max(day_after));
    CoverPeriod::starting(terms, start)
}

/// Like [`cover_period`], for a renewal paid while the previous cover still runs: the new
/// cover starts no earlier than the day after the previous one ends, so the two never overlap
/// and the renewal stays without a gap.
pub fn renewal_period(
    terms: &PlanTerms,
    paid_on: NaiveDate,
    previous_end: NaiveDate,
) -> CoverPeriod {
    let fresh = cover_period(terms, paid_on);
    CoverPeriod::starting(terms, fresh.start.max(add_days(previous_end, 1)))
}

/// The China Standard Time calendar day of an instant. A payment at 2026-03-01T17:30Z is made
/// on 2026-03-02 in China, so its cover starts on 2026-03-03.
pub fn china_date(instant: DateTime<Utc>) -> NaiveDate {
    let utc = instant.naive_utc();
    utc.checked_add_signed(TimeDelta::hours(8))
        .unwrap_or(utc)
        .date()
}

/// `day + n`, saturating at the last representable date rather than panicking.
pub(crate) fn add_days(day: NaiveDate, n: u32) -> NaiveDate {
    day.checked_add_days(Days::new(u64::from(n)))
        .unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::examples::guangdong_demo;
    use chrono::Months;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn plan(term_years: u8) -> PlanTerms {
        let mut t = guangdong_demo().remove(0);
        t.term_years = term_years;
        t
    }

    #[test]
    fn cover_starts_the_day_after_payment_and_end_is_inclusive() {
        let p = cover_period(&plan(1), d(2025, 12, 31));
        assert_eq!(
            p,
            CoverPeriod {
                start: d(2026, 1, 1),
                end: d(2026, 12, 31)
            }
        );
        assert_eq!(p.days(), 365);
        assert!(p.contains(d(2026, 12, 31)));
        assert!(!p.contains(d(2027, 1, 1)));
        assert_eq!(p.next_start(), d(2027, 1, 1));

        let three = cover_period(&plan(3), d(2026, 3, 14));
        assert_eq!(
            three,
            CoverPeriod {
                start: d(2026, 3, 15),
                end: d(2029, 3, 14)
            }
        );
    }

    #[test]
    fn leap_days() {
        assert_eq!(
            CoverPeriod::starting(&plan(1), d(2028, 2, 29)).end,
            d(2029, 2, 28)
        );
        assert_eq!(
            CoverPeriod::starting(&plan(1), d(2028, 3, 1)).end,
            d(2029, 2, 28)
        );
        assert_eq!(
            CoverPeriod::starting(&plan(1), d(2027, 3, 1)).end,
            d(2028, 2, 29)
        );
        assert_eq!(CoverPeriod::starting(&plan(1), d(2028, 1, 1)).days(), 366);
    }

    #[test]
    fn fixed_start_date_applies_when_later() {
        let mut t = plan(1);
        t.fixed_start_date = Some(d(2026, 1, 1));
        assert_eq!(cover_period(&t, d(2025, 11, 20)).start, d(2026, 1, 1));
        assert_eq!(cover_period(&t, d(2025, 12, 31)).start, d(2026, 1, 1));
        // Paid after the fixed date: cover cannot start before the payment.
        assert_eq!(cover_period(&t, d(2026, 1, 5)).start, d(2026, 1, 6));
    }

    #[test]
    fn renewal_paid_early_starts_after_the_previous_cover() {
        let t = plan(1);
        let r = renewal_period(&t, d(2026, 12, 10), d(2026, 12, 31));
        assert_eq!(
            r,
            CoverPeriod {
                start: d(2027, 1, 1),
                end: d(2027, 12, 31)
            }
        );
        let late = renewal_period(&t, d(2027, 1, 3), d(2026, 12, 31));
        assert_eq!(late.start, d(2027, 1, 4));
    }

    #[test]
    fn china_date_is_utc_plus_8() {
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        assert_eq!(china_date(at("2026-03-01T15:59:59Z")), d(2026, 3, 1));
        assert_eq!(china_date(at("2026-03-01T16:00:00Z")), d(2026, 3, 2));
        assert_eq!(
            cover_period(&plan(1), china_date(at("2026-03-01T17:30:00Z"))).start,
            d(2026, 3, 3)
        );
    }

    proptest! {
        #[test]
        fn consecutive_periods_tile_the_calendar(days in 0u32..30_000, term in 1u8..=3) {
            let t = plan(term);
            let first = cover_period(&t, add_days(d(1990, 1, 1), days));
            let second = CoverPeriod::starting(&t, first.next_start());
            prop_assert!(!first.overlaps(second));
            prop_assert_eq!(second.start, add_days(first.end, 1));
            let total = first.days();
            prop_assert!(total >= 365 * i64::from(term) && total <= 366 * i64::from(term));
            // Same calendar day `term` years on is the next start, unless that day does not
            // exist (29 February), when it is 1 March.
            let months = Months::new(12 * u32::from(term));
            let same_day = first.start.checked_add_months(months).unwrap();
            prop_assert!(second.start == same_day || (second.start - same_day).num_days() == 1);
        }
    }
}
