//! Bodies, their terms and seats, meetings and elections (docs/domain.md §6): a term lasts five
//! years and may be extended once by at most one year; a meeting needs written notice at least
//! the configured number of days before it; supervisors scrutinise elections, and a candidate
//! may not scrutinise their own.

use super::{Body, MotionKind, MotionType};
use chrono::{Datelike, Duration, Months, NaiveDate};
use serde::{Deserialize, Serialize};

impl Body {
    pub const ALL: [Body; 5] = [
        Body::MemberCongress,
        Body::Council,
        Body::StandingCouncil,
        Body::ExecutiveCommittee,
        Body::SupervisoryBoard,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Body::MemberCongress => "member_congress",
            Body::Council => "council",
            Body::StandingCouncil => "standing_council",
            Body::ExecutiveCommittee => "executive_committee",
            Body::SupervisoryBoard => "supervisory_board",
        }
    }

    pub fn parse(s: &str) -> Option<Body> {
        Self::ALL.into_iter().find(|b| b.as_str() == s)
    }
}

/// A seat's position in its body: 理事长 / 监事长 (chair), vice chair, secretary, member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Position {
    Chair,
    ViceChair,
    Secretary,
    Member,
}

impl Position {
    pub const ALL: [Position; 4] = [
        Position::Chair,
        Position::ViceChair,
        Position::Secretary,
        Position::Member,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Position::Chair => "chair",
            Position::ViceChair => "vice_chair",
            Position::Secretary => "secretary",
            Position::Member => "member",
        }
    }

    pub fn parse(s: &str) -> Option<Position> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// A body has one chair and one secretary; vice chairs and members may be many.
    pub fn is_single(self) -> bool {
        matches!(self, Position::Chair | Position::Secretary)
    }
}

impl MotionKind {
    /// The name stored with a motion (the elected body is stored beside it).
    pub fn motion_type(self) -> MotionType {
        match self {
            MotionKind::ApprovePlanVersion => MotionType::ApprovePlanVersion,
            MotionKind::ApproveBudget => MotionType::ApproveBudget,
            MotionKind::ApproveAnnualReport => MotionType::ApproveAnnualReport,
            MotionKind::AmendArticles => MotionType::AmendArticles,
            MotionKind::Elect { .. } => MotionType::Elect,
            MotionKind::General => MotionType::General,
        }
    }

    pub fn as_str(self) -> &'static str {
        self.motion_type().as_str()
    }

    /// The kind of a stored motion: its type, and for an election the body it elects to.
    pub fn of(motion_type: MotionType, elect_to: Option<Body>) -> Option<MotionKind> {
        Some(match motion_type {
            MotionType::ApprovePlanVersion => MotionKind::ApprovePlanVersion,
            MotionType::ApproveBudget => MotionKind::ApproveBudget,
            MotionType::ApproveAnnualReport => MotionKind::ApproveAnnualReport,
            MotionType::AmendArticles => MotionKind::AmendArticles,
            MotionType::Elect => MotionKind::Elect { to: elect_to? },
            MotionType::General => MotionKind::General,
        })
    }

    /// Elections are by secret ballot: who voted is recorded, not how.
    pub fn is_secret(self) -> bool {
        matches!(self, MotionKind::Elect { .. })
    }
}

/// Years of a term of office.
pub const TERM_YEARS: u32 = 5;
/// The longest extension of a term, in months; a term is extended at most once.
pub const MAX_EXTENSION_MONTHS: u32 = 12;

/// The last day of a term starting on `starts_on`: the day before the fifth anniversary.
pub fn term_ends_on(starts_on: NaiveDate) -> NaiveDate {
    starts_on
        .checked_add_months(Months::new(TERM_YEARS * 12))
        .map(|d| d - Duration::days(1))
        .unwrap_or(NaiveDate::MAX)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TermError {
    #[error("a term is extended only once")]
    AlreadyExtended,
    #[error("a term is extended by 1 to 12 months, not {0}")]
    ExtensionLength(u32),
    #[error("the term ended on {0}; an ended term cannot be extended")]
    Ended(NaiveDate),
}

/// The new last day of a term extended by `months`, on `today`.
pub fn extend_term(
    ends_on: NaiveDate,
    extended: bool,
    months: u32,
    today: NaiveDate,
) -> Result<NaiveDate, TermError> {
    if extended {
        return Err(TermError::AlreadyExtended);
    }
    if !(1..=MAX_EXTENSION_MONTHS).contains(&months) {
        return Err(TermError::ExtensionLength(months));
    }
    if ends_on < today {
        return Err(TermError::Ended(ends_on));
    }
    Ok(ends_on
        .checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX))
}

/// Days of written notice a meeting needs by default (configurable).
pub const DEFAULT_NOTICE_DAYS: u32 = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NoticeError {
    #[error("notice was given on {given}, {days} days before the meeting on {meeting}; at least {required} days are needed (give notice by {latest})")]
    TooShort {
        given: NaiveDate,
        meeting: NaiveDate,
        days: i64,
        required: u32,
        latest: NaiveDate,
    },
    #[error("notice cannot be dated after today ({0})")]
    InFuture(NaiveDate),
}

/// Checks that written notice given on `given` (not after `today`) reaches `required` whole
/// days before the day of the meeting.
pub fn check_notice(
    given: NaiveDate,
    meeting: NaiveDate,
    today: NaiveDate,
    required: u32,
) -> Result<(), NoticeError> {
    if given > today {
        return Err(NoticeError::InFuture(today));
    }
    let days = (meeting - given).num_days();
    if days < i64::from(required) {
        return Err(NoticeError::TooShort {
            given,
            meeting,
            days,
            required,
            latest: meeting - Duration::days(i64::from(required)),
        });
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ElectionError {
    #[error("an election needs at least one scrutineer")]
    NoScrutineer,
    #[error("scrutineers are supervisors: seat {0} is not on the supervisory board")]
    NotASupervisor(i64),
    #[error("the candidate cannot scrutinise their own election")]
    CandidateScrutinises,
}

/// A scrutineer as the election sees them: their seat, whether it is on the supervisory board,
/// and the account that holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scrutineer {
    pub seat_id: i64,
    pub body: Body,
    pub account_id: i64,
}

/// Checks the scrutineers of an election of `candidate`.
pub fn check_scrutineers(candidate: i64, scrutineers: &[Scrutineer]) -> Result<(), ElectionError> {
    if scrutineers.is_empty() {
        return Err(ElectionError::NoScrutineer);
    }
    for s in scrutineers {
        if s.body != Body::SupervisoryBoard {
            return Err(ElectionError::NotASupervisor(s.seat_id));
        }
        if s.account_id == candidate {
            return Err(ElectionError::CandidateScrutinises);
        }
    }
    Ok(())
}

/// The financial year a budget motion may cover: this year or the next.
pub fn budget_year_open(year: i32, today: NaiveDate) -> bool {
    year == today.year() || year == today.year() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_term_lasts_five_years_and_stretches_once_by_a_year_at_most() {
        assert_eq!(term_ends_on(d(2024, 3, 1)), d(2029, 2, 28));
        assert_eq!(term_ends_on(d(2024, 2, 29)), d(2029, 2, 27));
        let ends = d(2029, 2, 28);
        assert_eq!(
            extend_term(ends, false, 12, d(2029, 1, 1)),
            Ok(d(2030, 2, 28))
        );
        assert_eq!(
            extend_term(ends, true, 6, d(2029, 1, 1)),
            Err(TermError::AlreadyExtended)
        );
        assert_eq!(
            extend_term(ends, false, 13, d(2029, 1, 1)),
            Err(TermError::ExtensionLength(13))
        );
        assert_eq!(
            extend_term(ends, false, 0, d(2029, 1, 1)),
            Err(TermError::ExtensionLength(0))
        );
        assert_eq!(
            extend_term(ends, false, 6, d(2029, 3, 1)),
            Err(TermError::Ended(ends))
        );
    }

    #[test]
    fn ten_days_of_notice_exactly_is_enough_nine_is_not() {
        let today = d(2026, 11, 29);
        assert_eq!(check_notice(d(2026, 11, 19), today, today, 10), Ok(()));
        let short = check_notice(d(2026, 11, 20), today, today, 10).unwrap_err();
        assert_eq!(
            short,
            NoticeError::TooShort {
                given: d(2026, 11, 20),
                meeting: today,
                days: 9,
                required: 10,
                latest: d(2026, 11, 19)
            }
        );
        assert!(short.to_string().contains("give notice by 2026-11-19"));
        assert_eq!(
            check_notice(d(2026, 11, 30), d(2026, 12, 30), today, 10),
            Err(NoticeError::InFuture(today))
        );
        assert_eq!(check_notice(today, d(2026, 12, 9), today, 10), Ok(()));
    }

    #[test]
    fn elections_need_supervisors_who_are_not_the_candidate() {
        let sup = |seat, account| Scrutineer {
            seat_id: seat,
            body: Body::SupervisoryBoard,
            account_id: account,
        };
        assert_eq!(check_scrutineers(7, &[]), Err(ElectionError::NoScrutineer));
        assert_eq!(check_scrutineers(7, &[sup(1, 3)]), Ok(()));
        assert_eq!(
            check_scrutineers(7, &[sup(1, 3), sup(2, 7)]),
            Err(ElectionError::CandidateScrutinises)
        );
        let councillor = Scrutineer {
            seat_id: 9,
            body: Body::Council,
            account_id: 4,
        };
        assert_eq!(
            check_scrutineers(7, &[councillor]),
            Err(ElectionError::NotASupervisor(9))
        );
    }

    #[test]
    fn names_round_trip() {
        for b in Body::ALL {
            assert_eq!(Body::parse(b.as_str()), Some(b));
        }
        for p in Position::ALL {
            assert_eq!(Position::parse(p.as_str()), Some(p));
        }
        for k in [
            MotionKind::ApprovePlanVersion,
            MotionKind::ApproveBudget,
            MotionKind::ApproveAnnualReport,
            MotionKind::AmendArticles,
            MotionKind::Elect { to: Body::Council },
            MotionKind::General,
        ] {
            let to = match k {
                MotionKind::Elect { to } => Some(to),
                _ => None,
            };
            assert_eq!(MotionKind::of(k.motion_type(), to), Some(k));
        }
        assert_eq!(MotionKind::of(MotionType::Elect, None), None);
    }
}

/// Reads a share in percent ("10", "12.5", "0.25") as basis points, exactly; `None` unless it
/// lies between 0 and 100 % and is a whole number of basis points.
pub fn percent_to_bp(text: &str) -> Option<i32> {
    let d: rust_decimal::Decimal = text.trim().parse().ok()?;
    let bp = d * rust_decimal::Decimal::from(100);
    if bp.fract() != rust_decimal::Decimal::ZERO
        || bp < rust_decimal::Decimal::ZERO
        || bp > rust_decimal::Decimal::from(10_000)
    {
        return None;
    }
    i32::try_from(bp.trunc().mantissa() / 10i128.pow(bp.trunc().scale())).ok()
}

/// Basis points as a percent without trailing zeros: 1250 → "12.5".
pub fn bp_to_percent(bp: i32) -> String {
    (rust_decimal::Decimal::from(bp) / rust_decimal::Decimal::from(100))
        .normalize()
        .to_string()
}

#[cfg(test)]
mod percent_tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn percents_read_exactly() {
        assert_eq!(percent_to_bp("10"), Some(1000));
        assert_eq!(percent_to_bp("12.5"), Some(1250));
        assert_eq!(percent_to_bp("0.25"), Some(25));
        assert_eq!(percent_to_bp("100"), Some(10_000));
        assert_eq!(percent_to_bp("100.01"), None);
        assert_eq!(percent_to_bp("-1"), None);
        assert_eq!(percent_to_bp("0.125"), None);
        assert_eq!(percent_to_bp("ten"), None);
        assert_eq!(bp_to_percent(1250), "12.5");
        assert_eq!(bp_to_percent(1000), "10");
    }

    proptest! {
        #[test]
        fn basis_points_round_trip(bp in 0i32..=10_000) {
            prop_assert_eq!(percent_to_bp(&bp_to_percent(bp)), Some(bp));
        }
    }
}
