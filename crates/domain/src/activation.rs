//! What a paid contribution (缴费) turns an application into: the cover period and the first
//! day an illness is covered. A renewal that continues earlier cover without a gap starts the
//! day after it and carries no new waiting period.

use crate::eligibility::{is_renewal_without_gap, waiting_period_end};
use crate::plan::{cover_period, renewal_period, CoverPeriod, PlanTerms};
use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Activation {
    pub period: CoverPeriod,
    /// First day an illness is covered.
    pub waiting_period_end: NaiveDate,
    pub renewal_without_gap: bool,
}

/// Cover for a contribution paid on `paid_on` (CST), given the last covered day of the
/// member's latest earlier cover under the same plan, if any.
pub fn on_payment(
    terms: &PlanTerms,
    paid_on: NaiveDate,
    previous_end: Option<NaiveDate>,
) -> Activation {
    let fresh = cover_period(terms, paid_on);
    let (period, renewal) = match previous_end {
        Some(end) if is_renewal_without_gap(end, fresh.start) => {
            (renewal_period(terms, paid_on, end), true)
        }
        _ => (fresh, false),
    };
    Activation {
        period,
        waiting_period_end: waiting_period_end(period.start, terms, renewal),
        renewal_without_gap: renewal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::examples::guangdong_demo;

    fn zy() -> PlanTerms {
        guangdong_demo()
            .into_iter()
            .find(|p| p.code.as_str() == "ZY")
            .unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn first_enrollment_waits() {
        let a = on_payment(&zy(), d("2026-01-09"), None);
        assert_eq!(
            (a.period.start, a.period.end),
            (d("2026-01-10"), d("2027-01-09"))
        );
        assert_eq!(a.waiting_period_end, d("2026-04-10"));
        assert!(!a.renewal_without_gap);
    }

    #[test]
    fn renewal_paid_early_continues_without_waiting() {
        let a = on_payment(&zy(), d("2026-12-20"), Some(d("2027-01-09")));
        assert_eq!(a.period.start, d("2027-01-10"));
        assert_eq!(a.waiting_period_end, d("2027-01-10"));
        assert!(a.renewal_without_gap);
    }

    #[test]
    fn renewal_starting_the_day_after_is_no_gap() {
        let a = on_payment(&zy(), d("2027-01-09"), Some(d("2027-01-09")));
        assert_eq!(a.period.start, d("2027-01-10"));
        assert!(a.renewal_without_gap);
        assert_eq!(a.waiting_period_end, a.period.start);
    }

    #[test]
    fn a_one_day_gap_starts_a_new_waiting_period() {
        // Old cover's last day 2027-01-09; paid on 2027-01-10 → cover from 2027-01-11: 2027-01-10
        // was uncovered.
        let a = on_payment(&zy(), d("2027-01-10"), Some(d("2027-01-09")));
        assert_eq!(a.period.start, d("2027-01-11"));
        assert!(!a.renewal_without_gap);
        assert_eq!(a.waiting_period_end, d("2027-04-11"));
    }
}
