//! Coverage enquiry (保障查询): is one policy covering an event on a given date? The request
//! members, branch offices and integrators make most; the claims engine asks the same question
//! first. Dates are China Standard Time calendar days.

use crate::eligibility::waiting_period_end;
use crate::plan::{CoverPeriod, PlanCode, PlanTerms};
use crate::ErrorCode;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where a policy (保单) stands, as far as cover is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum PolicyStatus {
    /// Enrolled, contribution not yet received: no cover until it is.
    PendingPayment,
    Active,
    /// Cover ended early from `from` on (e.g. a critical-illness consolation ends the cover);
    /// events before that day stay covered.
    Terminated {
        from: NaiveDate,
    },
}

/// Where a policy's record stands (the day a terminated cover ended is kept beside it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum PolicyState {
    /// Enrolled, contribution not yet received in full.
    PendingPayment,
    Active,
    /// Cover ended early.
    Terminated,
}

crate::named::names!(PolicyState {
    PendingPayment = "pending_payment",
    Active = "active",
    Terminated = "terminated",
});

impl PolicyStatus {
    pub fn state(self) -> PolicyState {
        match self {
            Self::PendingPayment => PolicyState::PendingPayment,
            Self::Active => PolicyState::Active,
            Self::Terminated { .. } => PolicyState::Terminated,
        }
    }
}

/// The facts about one policy that decide cover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyCover {
    pub plan_code: PlanCode,
    pub period: CoverPeriod,
    pub shares: u32,
    /// First day an illness is covered (see [`waiting_period_end`]); `period.start` when there
    /// is no waiting period.
    pub waiting_period_end: NaiveDate,
    pub status: PolicyStatus,
}

impl PolicyCover {
    /// A policy under `terms` for `period`, working out the waiting period.
    pub fn new(
        terms: &PlanTerms,
        period: CoverPeriod,
        shares: u32,
        renewal_without_gap: bool,
        status: PolicyStatus,
    ) -> Self {
        Self {
            plan_code: terms.code.clone(),
            period,
            shares,
            waiting_period_end: waiting_period_end(period.start, terms, renewal_without_gap),
            status,
        }
    }
}

/// What happened: illness waits out the waiting period, accidents never do. Illness caused by
/// an accident counts as an accident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum EventKind {
    Illness,
    Accident,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "cover", rename_all = "snake_case")]
pub enum CoverStatus {
    Covered,
    NotCovered { reason: NotCoveredReason },
}

/// Why an event is not covered, with the date that matters to the person asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum NotCoveredReason {
    #[error("the contribution has not been received; cover starts only after payment")]
    NotPaid,
    #[error("cover starts on {starts}; the event is before that")]
    NotYetEffective { starts: NaiveDate },
    #[error("cover ended on {ended}; the event is after that")]
    Lapsed { ended: NaiveDate },
    #[error("cover was terminated from {from}")]
    Terminated { from: NaiveDate },
    #[error("the event is in the waiting period; illness is covered from {covered_from}")]
    WaitingPeriod { covered_from: NaiveDate },
}

impl NotCoveredReason {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::NotPaid => ErrorCode::CoverageNotPaid,
            Self::NotYetEffective { .. } => ErrorCode::CoverageNotYetEffective,
            Self::Lapsed { .. } => ErrorCode::CoverageLapsed,
            Self::Terminated { .. } => ErrorCode::CoverageTerminated,
            Self::WaitingPeriod { .. } => ErrorCode::CoverageWaitingPeriod,
        }
    }
}

impl CoverStatus {
    pub fn is_covered(self) -> bool {
        self == Self::Covered
    }
}

/// Whether `policy` covers an event of `kind` on `event_date`. Reasons are checked in the
/// order a person would fix them: payment, dates of the period, early termination, waiting.
pub fn cover_on(policy: &PolicyCover, event_date: NaiveDate, kind: EventKind) -> CoverStatus {
    let reason = if policy.status == PolicyStatus::PendingPayment {
        Some(NotCoveredReason::NotPaid)
    } else if event_date < policy.period.start {
        Some(NotCoveredReason::NotYetEffective {
            starts: policy.period.start,
        })
    } else if event_date > policy.period.end {
        Some(NotCoveredReason::Lapsed {
            ended: policy.period.end,
        })
    } else if let PolicyStatus::Terminated { from } = policy.status {
        (event_date >= from).then_some(NotCoveredReason::Terminated { from })
    } else {
        None
    };
    let reason = reason.or_else(|| {
        (kind == EventKind::Illness && event_date < policy.waiting_period_end).then_some(
            NotCoveredReason::WaitingPeriod {
                covered_from: policy.waiting_period_end,
            },
        )
    });
    match reason {
        Some(reason) => CoverStatus::NotCovered { reason },
        None => CoverStatus::Covered,
    }
}

/// Hospital days (住院天数) of one stay: discharge − admission (算入不算出: the admission day
/// counts, the discharge day does not), and a same-day discharge counts as 1 day.
pub fn hospital_days(
    admission: NaiveDate,
    discharge: NaiveDate,
) -> Result<u32, DischargeBeforeAdmission> {
    let days = (discharge - admission).num_days();
    if days < 0 {
        return Err(DischargeBeforeAdmission {
            admission,
            discharge,
        });
    }
    Ok(u32::try_from(days.max(1)).unwrap_or(u32::MAX))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the discharge date {discharge} is before the admission date {admission}")]
pub struct DischargeBeforeAdmission {
    pub admission: NaiveDate,
    pub discharge: NaiveDate,
}

impl DischargeBeforeAdmission {
    pub fn code(&self) -> ErrorCode {
        ErrorCode::ClaimDischargeBeforeAdmission
    }
}

#[cfg(test)]
#[path = "coverage_tests.rs"]
mod tests;
