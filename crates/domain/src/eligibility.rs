//! Eligibility (投保资格): may this person enroll in this plan version with these shares,
//! effective on a given date, and does a union's roster meet the plan's group rules?
//! Every reason is reported at once, so one roster check gives a complete row-by-row report.

use crate::plan::add_days;
use crate::plan::{
    cover_period, renewal_period, AgeRange, CoverPeriod, DateRange, PlanCode, PlanTerms,
};
use crate::ErrorCode;
use crate::{Gender, IdNumber, MemberCategory};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How an enrollment arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// 团体投保: a grassroots union's roster.
    Group,
    /// 个人投保: the member applies alone (online).
    Individual,
}

/// One person asking for cover.
#[derive(Debug, Clone, Copy)]
pub struct Applicant<'a> {
    pub id_number: &'a IdNumber,
    pub category: MemberCategory,
    pub shares: u32,
    pub channel: Channel,
    /// The CST day of the application, checked against the plan's enrollment window (the
    /// effective date may well lie after the window closes).
    pub applied_on: NaiveDate,
}

/// Cover the person already has or has bought. Leave out terminated policies: they no longer
/// stand in the way of a new enrollment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExistingCover {
    pub plan_code: PlanCode,
    pub period: CoverPeriod,
}

/// Why an enrollment is refused. Messages are written for a branch-office clerk and carry the
/// figures needed to act on them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Ineligible {
    #[error(
        "aged {age} on {on}; this plan takes {}{} to {}",
        if *.women { "women aged " } else { "" }, .range.min, .range.max
    )]
    Age {
        age: i32,
        on: NaiveDate,
        range: AgeRange,
        women: bool,
    },
    #[error(
        "this plan is for {} only; the ID number is a {}'s",
        people(*.required), person(*.actual)
    )]
    Gender { required: Gender, actual: Gender },
    #[error(
        "member category {} is not eligible; this plan takes {}",
        .category.as_str(), list_categories(.allowed)
    )]
    Category {
        category: MemberCategory,
        allowed: Vec<MemberCategory>,
    },
    #[error("{shares} shares asked; this plan allows 1 to {max}")]
    Shares { shares: u32, max: u32 },
    #[error(
        "already covered by plan {plan} from {} to {}, which overlaps the new cover from {} to {}",
        .existing.start, .existing.end, .new.start, .new.end
    )]
    AlreadyCovered {
        plan: PlanCode,
        existing: CoverPeriod,
        new: CoverPeriod,
    },
    #[error(
        "applied on {applied_on}; enrollment in this plan is open from {} to {}",
        .window.from, .window.to
    )]
    WindowClosed {
        applied_on: NaiveDate,
        window: DateRange,
    },
    #[error(
        "plan {plan} takes group enrollment through a grassroots union only, not individual \
         applications"
    )]
    IndividualNotAllowed { plan: PlanCode },
    #[error("plan {plan} takes individual applications only, not a union's roster")]
    GroupNotAllowed { plan: PlanCode },
    #[error(
        "{enrolled} of {unit_size} members of the union enrolled ({}); this plan needs at least \
         {min_percent} %, i.e. {needed}", percent(*.enrolled, *.unit_size)
    )]
    Participation {
        enrolled: u32,
        unit_size: u32,
        min_percent: u8,
        needed: u32,
    },
    #[error("{enrolled} members enrolled; this plan needs at least {min} from one union")]
    GroupSize { enrolled: u32, min: u32 },
    #[error(
        "members of one union must all hold the same number of shares; this roster has {}",
        list_numbers(.shares)
    )]
    SharesDiffer { shares: Vec<u32> },
    #[error("{enrolled} members enrolled but the union has only {unit_size} members")]
    UnitSize { enrolled: u32, unit_size: u32 },
}

impl Ineligible {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Age { .. } => ErrorCode::EnrollmentAge,
            Self::Gender { .. } => ErrorCode::EnrollmentGender,
            Self::Category { .. } => ErrorCode::EnrollmentCategory,
            Self::Shares { .. } => ErrorCode::EnrollmentShares,
            Self::AlreadyCovered { .. } => ErrorCode::EnrollmentAlreadyCovered,
            Self::WindowClosed { .. } => ErrorCode::EnrollmentWindowClosed,
            Self::IndividualNotAllowed { .. } => ErrorCode::EnrollmentIndividualNotAllowed,
            Self::GroupNotAllowed { .. } => ErrorCode::EnrollmentGroupNotAllowed,
            Self::Participation { .. } => ErrorCode::EnrollmentParticipation,
            Self::GroupSize { .. } => ErrorCode::EnrollmentGroupSize,
            Self::SharesDiffer { .. } => ErrorCode::EnrollmentSameShares,
            Self::UnitSize { .. } => ErrorCode::EnrollmentUnitSize,
        }
    }
}

/// Checks one person against the plan for cover effective on `effective` (the first covered
/// day). `existing` is the person's current and future cover of any plan; only cover of the
/// same plan code that overlaps the new period refuses the enrollment.
pub fn check_person(
    terms: &PlanTerms,
    applicant: &Applicant<'_>,
    effective: NaiveDate,
    existing: &[ExistingCover],
) -> Result<(), Vec<Ineligible>> {
    let mut out = Vec::new();
    match applicant.channel {
        Channel::Individual if !terms.individual_enrollment => {
            out.push(Ineligible::IndividualNotAllowed {
                plan: terms.code.clone(),
            });
        }
        Channel::Group if !terms.group_enrollment => {
            out.push(Ineligible::GroupNotAllowed {
                plan: terms.code.clone(),
            });
        }
        _ => {}
    }
    if let Some(window) = terms.enrollment_window {
        if !window.contains(applicant.applied_on) {
            out.push(Ineligible::WindowClosed {
                applied_on: applicant.applied_on,
                window,
            });
        }
    }
    let gender = applicant.id_number.gender();
    if let Some(required) = terms.gender {
        if gender != required {
            out.push(Ineligible::Gender {
                required,
                actual: gender,
            });
        }
    }
    let range = terms.age_range_for(gender);
    let age = applicant.id_number.age_on(effective);
    if !range.contains(age) {
        let women = gender == Gender::Female && terms.female_age.is_some();
        out.push(Ineligible::Age {
            age,
            on: effective,
            range,
            women,
        });
    }
    if !terms.categories.contains(&applicant.category) {
        out.push(Ineligible::Category {
            category: applicant.category,
            allowed: terms.categories.clone(),
        });
    }
    if applicant.shares == 0 || applicant.shares > terms.max_shares {
        out.push(Ineligible::Shares {
            shares: applicant.shares,
            max: terms.max_shares,
        });
    }
    let new = CoverPeriod::starting(terms, effective);
    for cover in existing {
        if cover.plan_code == terms.code && cover.period.overlaps(new) {
            out.push(Ineligible::AlreadyCovered {
                plan: cover.plan_code.clone(),
                existing: cover.period,
                new,
            });
        }
    }
    if out.is_empty() {
        Ok(())
    } else {
        Err(out)
    }
}

/// Checks a union's roster as a whole: `unit_size` is the number of members of the union,
/// `enrolled_shares` the shares of each member on the roster (one entry per person).
/// Participation counts exactly: enrolled × 100 ≥ min % × unit size, so 6 of 10 meets 60 %.
pub fn check_group(
    terms: &PlanTerms,
    unit_size: u32,
    enrolled_shares: &[u32],
) -> Result<(), Vec<Ineligible>> {
    let mut out = Vec::new();
    if !terms.group_enrollment {
        out.push(Ineligible::GroupNotAllowed {
            plan: terms.code.clone(),
        });
    }
    let enrolled = u32::try_from(enrolled_shares.len()).unwrap_or(u32::MAX);
    if enrolled > unit_size {
        out.push(Ineligible::UnitSize {
            enrolled,
            unit_size,
        });
    }
    if let Some(min_percent) = terms.min_participation_percent {
        let wanted = u64::from(min_percent) * u64::from(unit_size);
        if u64::from(enrolled) * 100 < wanted {
            let needed = u32::try_from(wanted.div_ceil(100)).unwrap_or(u32::MAX);
            out.push(Ineligible::Participation {
                enrolled,
                unit_size,
                min_percent,
                needed,
            });
        }
    }
    if let Some(min) = terms.min_group_size {
        if enrolled < min {
            out.push(Ineligible::GroupSize { enrolled, min });
        }
    }
    if terms.same_shares_per_unit {
        let mut shares = enrolled_shares.to_vec();
        shares.sort_unstable();
        shares.dedup();
        if shares.len() > 1 {
            out.push(Ineligible::SharesDiffer { shares });
        }
    }
    if out.is_empty() {
        Ok(())
    } else {
        Err(out)
    }
}

/// The first day an illness is covered: E + N for a first enrollment, E itself for a renewal
/// without a gap (or a plan without a waiting period). An illness whose event date is before
/// this day is inside the waiting period (等待期). Accidents never wait.
pub fn waiting_period_end(
    effective: NaiveDate,
    terms: &PlanTerms,
    renewal_without_gap: bool,
) -> NaiveDate {
    if renewal_without_gap {
        effective
    } else {
        add_days(effective, terms.waiting_days)
    }
}

/// The first day of the cover applied for on `applied_on`, were it paid that day: the day after
/// payment (or the plan's fixed start date when later), and for a renewal no earlier than the
/// day after the member's running cover ends. Ages and categories are judged on this day.
pub fn prospective_start(
    terms: &PlanTerms,
    applied_on: NaiveDate,
    existing: &[ExistingCover],
) -> NaiveDate {
    match existing
        .iter()
        .filter(|e| e.plan_code == terms.code)
        .map(|e| e.period.end)
        .max()
    {
        Some(end) => renewal_period(terms, applied_on, end).start,
        None => cover_period(terms, applied_on).start,
    }
}

/// Whether cover starting on `new_start` continues cover whose last day was `previous_end`
/// (both CST dates, `previous_end` inclusive). A single uncovered day is a gap.
pub fn is_renewal_without_gap(previous_end: NaiveDate, new_start: NaiveDate) -> bool {
    new_start <= add_days(previous_end, 1)
}

fn people(g: Gender) -> &'static str {
    match g {
        Gender::Male => "men",
        Gender::Female => "women",
    }
}

fn person(g: Gender) -> &'static str {
    match g {
        Gender::Male => "man",
        Gender::Female => "woman",
    }
}

fn percent(part: u32, whole: u32) -> String {
    match (u64::from(part) * 100).checked_div(u64::from(whole)) {
        Some(p) => format!("{p} %"),
        None => "no members".to_string(),
    }
}

fn list_categories(cats: &[MemberCategory]) -> String {
    cats.iter()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn list_numbers(ns: &[u32]) -> String {
    let strs: Vec<String> = ns.iter().map(u32::to_string).collect();
    match strs.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => strs.join(""),
    }
}

#[cfg(test)]
#[path = "eligibility_tests.rs"]
mod tests;
