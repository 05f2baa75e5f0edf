//! The benefit engine (理算): from a claim's facts, one policy, its plan terms and what the
//! policy has already used, either the amounts each benefit rule pays — one line per rule, with
//! its inputs and formula, rounded half away from zero to the fen once per line — or the reasons
//! it pays nothing. Pure: the caller loads the usage and stores the new one in the same
//! transaction as the approval, so two claims cannot both spend one remaining cap.

use crate::ErrorCode;
mod facts;

pub use facts::{
    AccidentEvent, ClaimFacts, ClaimKind, Diagnosis, FactsProblem, HospitalLevel, InpatientStay,
};

use crate::accumulator::{AccumulatorKind, Quantity};
use crate::coverage::{cover_on, hospital_days, CoverStatus, EventKind, PolicyCover};
use crate::plan::{
    AccidentBenefit, BenefitRule, DailyAllowance, LumpSum, PlanTerms, RatioCap, Reimbursement,
};
use crate::Money;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What a policy has used of its benefits: per period for allowances, caps and deductibles, over
/// the cover for lump sums and accident sums.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Usage {
    pub allowance_days: u32,
    pub reimbursed: Money,
    pub deductible_used: Money,
    /// Stays already reimbursed in the period: the next one is stay number `stays + 1`.
    pub stays: u32,
    pub lump_sum_claims: u32,
    /// Diseases already paid as a lump sum (one payment per disease).
    pub diseases_paid: Vec<String>,
    /// Accident death and disability paid.
    pub accident_sum_paid: Money,
    pub accident_medical: Money,
    pub accident_allowance_days: u32,
}

impl Usage {
    /// How much of the accumulator `kind` this usage has spent.
    pub fn used(&self, kind: AccumulatorKind) -> Quantity {
        match kind {
            AccumulatorKind::AllowanceDays => Quantity::Days(self.allowance_days),
            AccumulatorKind::ReimbursementCap => Quantity::Amount(self.reimbursed),
            AccumulatorKind::LumpSumClaims => Quantity::Claims(self.lump_sum_claims),
            AccumulatorKind::AccidentSum => Quantity::Amount(self.accident_sum_paid),
            AccumulatorKind::AccidentMedicalCap => Quantity::Amount(self.accident_medical),
            AccumulatorKind::AccidentAllowanceDays => Quantity::Days(self.accident_allowance_days),
        }
    }
}

/// One rule's result: what went in, the working, and the amount (already rounded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Line {
    /// `daily_allowance`, `reimbursement`, `lump_sum`, `waiting_consolation`, `accident_death`,
    /// `accident_disability`, `accident_medical` or `accident_allowance`.
    pub rule: String,
    /// Each input as a pair `[name, value]`, e.g. `["days", "10"]`.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Vec<String>>))]
    pub inputs: Vec<(String, String)>,
    /// The formula with the figures put in, e.g. `40.00 × 2 × min(max(0, 10 − 3), 180 − 0)`.
    pub formula: String,
    pub amount: Money,
}

/// Why a policy pays nothing for a claim (the reason codes of docs/domain.md §4 that the
/// figures decide).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "reason", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Rejection {
    #[error("the contribution has not been received; the policy gives no cover yet")]
    NotPaid,
    #[error("the event ({event}) is before the cover starts ({starts})")]
    BeforeEffectiveDate { event: NaiveDate, starts: NaiveDate },
    #[error("the event ({event}) is after the cover ended ({ended})")]
    Lapsed { event: NaiveDate, ended: NaiveDate },
    #[error("the cover was terminated from {from}")]
    Terminated { from: NaiveDate },
    #[error("the illness began ({event}) inside the waiting period; illness is covered from {covered_from}")]
    WaitingPeriod {
        event: NaiveDate,
        covered_from: NaiveDate,
    },
    #[error("the plan pays nothing for this kind of claim")]
    NoBenefitForEvent,
    #[error("psychiatric stays are excluded from the daily allowance")]
    PsychiatricStay,
    #[error("the cause ({cause}) is excluded by the plan")]
    ExcludedCause { cause: String },
    #[error("disease {code} is not on the plan's list")]
    DiseaseNotListed { code: String },
    #[error("disease {code} has been paid before")]
    DiseaseAlreadyPaid { code: String },
    #[error("all {max} lump-sum claims of the cover have been paid")]
    MaxClaimsUsed { max: u32 },
    #[error("what the policy allows ({}) is used up", .accumulator.as_str())]
    CapUsedUp { accumulator: AccumulatorKind },
}

impl Rejection {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::NotPaid => ErrorCode::ClaimNotEnrolled,
            Self::BeforeEffectiveDate { .. } => ErrorCode::ClaimBeforeEffectiveDate,
            Self::Lapsed { .. } | Self::Terminated { .. } => ErrorCode::ClaimLapsed,
            Self::WaitingPeriod { .. } => ErrorCode::ClaimWaitingPeriod,
            Self::NoBenefitForEvent => ErrorCode::ClaimNoBenefit,
            Self::PsychiatricStay => ErrorCode::ClaimPsychiatricStay,
            Self::ExcludedCause { .. } => ErrorCode::ClaimExcludedCause,
            Self::DiseaseNotListed { .. } => ErrorCode::ClaimDiseaseNotListed,
            Self::DiseaseAlreadyPaid { .. } => ErrorCode::ClaimDiseaseAlreadyPaid,
            Self::MaxClaimsUsed { .. } => ErrorCode::ClaimMaxClaimsUsed,
            Self::CapUsedUp { .. } => ErrorCode::ClaimCapUsedUp,
        }
    }
}

/// The engine's answer for one policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Adjudication {
    /// At least one line when anything is paid; a rule that pays nothing says why in `rejections`.
    pub lines: Vec<Line>,
    pub rejections: Vec<Rejection>,
    pub total: Money,
    /// The usage once this claim is paid.
    pub usage_after: Usage,
    /// A consolation inside the waiting period ends the cover from this day.
    pub terminates_cover_from: Option<NaiveDate>,
}

impl Adjudication {
    /// Nothing paid, for `reason`; the usage stays as it was.
    pub fn rejected(usage: &Usage, reason: Rejection) -> Self {
        Self {
            lines: Vec::new(),
            rejections: vec![reason],
            total: Money::ZERO,
            usage_after: usage.clone(),
            terminates_cover_from: None,
        }
    }

    pub fn pays(&self) -> bool {
        self.total.is_positive()
    }
}

fn sub(a: Money, b: Money) -> Money {
    Money::round((a.amount() - b.amount()).max(Decimal::ZERO))
}

fn min(a: Money, b: Money) -> Money {
    if a <= b {
        a
    } else {
        b
    }
}

fn input(name: &str, value: impl ToString) -> (String, String) {
    (name.to_string(), value.to_string())
}

/// What `policy` pays for `facts`, given what it has used. Facts are assumed checked
/// ([`ClaimFacts::problems`] is empty).
pub fn adjudicate(
    terms: &PlanTerms,
    policy: &PolicyCover,
    facts: &ClaimFacts,
    used: &Usage,
) -> Adjudication {
    let event = facts.event_date();
    let kind = if facts.is_accident() {
        EventKind::Accident
    } else {
        EventKind::Illness
    };
    // A lump-sum plan with a consolation pays inside the waiting period: judge the period
    // first and the waiting period in the rule.
    let consoles = matches!(facts, ClaimFacts::CriticalIllness(_))
        && terms
            .benefits
            .iter()
            .any(|b| matches!(b, BenefitRule::LumpSum(l) if l.waiting_consolation.is_some()));
    let judged_as = if consoles { EventKind::Accident } else { kind };
    if let CoverStatus::NotCovered { reason } = cover_on(policy, event, judged_as) {
        use crate::coverage::NotCoveredReason as R;
        let rejection = match reason {
            R::NotPaid => Rejection::NotPaid,
            R::NotYetEffective { starts } => Rejection::BeforeEffectiveDate { event, starts },
            R::Lapsed { ended } => Rejection::Lapsed { event, ended },
            R::Terminated { from } => Rejection::Terminated { from },
            R::WaitingPeriod { covered_from } => Rejection::WaitingPeriod {
                event,
                covered_from,
            },
        };
        return Adjudication::rejected(used, rejection);
    }
    let mut out = Adjudication {
        lines: Vec::new(),
        rejections: Vec::new(),
        total: Money::ZERO,
        usage_after: used.clone(),
        terminates_cover_from: None,
    };
    let shares = policy.shares;
    let mut applied = false;
    for rule in &terms.benefits {
        match (rule, facts) {
            (BenefitRule::DailyAllowance(r), ClaimFacts::Inpatient(s)) => {
                applied = true;
                daily_allowance(r, s, shares, &mut out);
            }
            (BenefitRule::Reimbursement(r), ClaimFacts::Inpatient(s))
                if !r.accident_only || s.caused_by_accident =>
            {
                applied = true;
                reimbursement(r, s, shares, &mut out);
            }
            (BenefitRule::LumpSum(r), ClaimFacts::CriticalIllness(d)) => {
                applied = true;
                lump_sum(r, d, policy, kind, shares, &mut out);
            }
            (BenefitRule::Accident(r), ClaimFacts::Accident(a)) => {
                applied = true;
                accident(terms, r, a, shares, &mut out);
            }
            (BenefitRule::Accident(r), ClaimFacts::Inpatient(s)) if s.caused_by_accident => {
                if let Some(m) = &r.medical {
                    applied = true;
                    accident_medical(m, s.in_catalogue_self_pay, shares, &mut out);
                }
            }
            _ => {}
        }
    }
    if !applied {
        out.rejections.push(Rejection::NoBenefitForEvent);
    }
    out.total = Money::round(out.lines.iter().map(|l| l.amount.amount()).sum());
    out
}

fn daily_allowance(r: &DailyAllowance, s: &InpatientStay, shares: u32, out: &mut Adjudication) {
    if r.excludes_psychiatric && s.psychiatric {
        out.rejections.push(Rejection::PsychiatricStay);
        return;
    }
    let days = hospital_days(s.admission, s.discharge).unwrap_or(0);
    let left = r
        .max_days_per_period
        .saturating_sub(out.usage_after.allowance_days);
    if left == 0 {
        out.rejections.push(Rejection::CapUsedUp {
            accumulator: AccumulatorKind::AllowanceDays,
        });
        return;
    }
    let paid_days = days.saturating_sub(r.deductible_days).min(left);
    let amount = r.daily_rate_per_share.times(shares).times(paid_days);
    out.usage_after.allowance_days += paid_days;
    out.lines.push(Line {
        rule: "daily_allowance".into(),
        inputs: vec![
            input("daily_rate_per_share", r.daily_rate_per_share),
            input("shares", shares),
            input("hospital_days", days),
            input("deductible_days", r.deductible_days),
            input("days_left", left),
        ],
        formula: format!(
            "{} × {shares} × min(max(0, {days} − {}), {left}) = {amount}",
            r.daily_rate_per_share, r.deductible_days
        ),
        amount,
    });
}

fn reimbursement(r: &Reimbursement, s: &InpatientStay, shares: u32, out: &mut Adjudication) {
    let u = &mut out.usage_after;
    let (ratio, cap) = match (&r.without_basic_insurance, s.has_basic_insurance) {
        (Some(w), false) => (w.ratio, w.cap_per_share.times(shares)),
        _ => {
            let nth = usize::try_from(u.stays).unwrap_or(usize::MAX);
            let ratio = r
                .ratios
                .get(nth)
                .or(r.ratios.last())
                .copied()
                .unwrap_or(Decimal::ZERO);
            (ratio, r.cap_per_share_per_period.times(shares))
        }
    };
    let cap_left = sub(cap, u.reimbursed);
    if !cap_left.is_positive() {
        out.rejections.push(Rejection::CapUsedUp {
            accumulator: AccumulatorKind::ReimbursementCap,
        });
        return;
    }
    let eligible = s.in_catalogue_self_pay;
    let deductible_left = sub(r.deductible, u.deductible_used);
    let base = sub(eligible, deductible_left);
    let amount = min(Money::round(base.amount() * ratio), cap_left);
    u.deductible_used =
        Money::round(u.deductible_used.amount() + min(eligible, deductible_left).amount());
    u.reimbursed = Money::round(u.reimbursed.amount() + amount.amount());
    u.stays += 1;
    out.lines.push(Line {
        rule: "reimbursement".into(),
        inputs: vec![
            input("in_catalogue_self_pay", eligible),
            input("deductible_left", deductible_left),
            input("ratio", ratio),
            input("stay", u.stays),
            input("cap_left", cap_left),
        ],
        formula: format!("min(({eligible} − {deductible_left}) × {ratio}, {cap_left}) = {amount}"),
        amount,
    });
}

fn lump_sum(
    r: &LumpSum,
    d: &Diagnosis,
    policy: &PolicyCover,
    kind: EventKind,
    shares: u32,
    out: &mut Adjudication,
) {
    let code = d.disease_code.trim();
    let Some(tier) = r
        .tiers
        .iter()
        .find(|t| t.diseases.iter().any(|x| x == code))
    else {
        out.rejections
            .push(Rejection::DiseaseNotListed { code: code.into() });
        return;
    };
    let u = &mut out.usage_after;
    if u.lump_sum_claims >= r.max_claims {
        out.rejections
            .push(Rejection::MaxClaimsUsed { max: r.max_claims });
        return;
    }
    if u.diseases_paid.iter().any(|x| x == code) {
        out.rejections
            .push(Rejection::DiseaseAlreadyPaid { code: code.into() });
        return;
    }
    if kind == EventKind::Illness && d.diagnosed_on < policy.waiting_period_end {
        let Some(c) = &r.waiting_consolation else {
            out.rejections.push(Rejection::WaitingPeriod {
                event: d.diagnosed_on,
                covered_from: policy.waiting_period_end,
            });
            return;
        };
        let amount = min(c.per_share.times(shares), c.max);
        out.terminates_cover_from = Some(d.diagnosed_on);
        out.lines.push(Line {
            rule: "waiting_consolation".into(),
            inputs: vec![
                input("per_share", c.per_share),
                input("shares", shares),
                input("max", c.max),
                input("diagnosed_on", d.diagnosed_on),
                input("waiting_period_end", policy.waiting_period_end),
            ],
            formula: format!("min({} × {shares}, {}) = {amount}", c.per_share, c.max),
            amount,
        });
        return;
    }
    let amount = tier.amount_per_share.times(shares);
    u.lump_sum_claims += 1;
    u.diseases_paid.push(code.to_string());
    out.lines.push(Line {
        rule: "lump_sum".into(),
        inputs: vec![
            input("disease", code),
            input("tier", tier.tier.as_str()),
            input("amount_per_share", tier.amount_per_share),
            input("shares", shares),
            input("claim", u.lump_sum_claims),
        ],
        formula: format!("{} × {shares} = {amount}", tier.amount_per_share),
        amount,
    });
}

fn accident(
    terms: &PlanTerms,
    r: &AccidentBenefit,
    a: &AccidentEvent,
    shares: u32,
    out: &mut Adjudication,
) {
    if let Some(cause) = a.excluded_cause.filter(|c| terms.exclusions.contains(c)) {
        out.rejections.push(Rejection::ExcludedCause {
            cause: cause.as_str().into(),
        });
        return;
    }
    let sum = r.death_per_share.times(shares);
    if a.death || a.disability_grade.is_some() {
        let u = &mut out.usage_after;
        let left = sub(sum, u.accident_sum_paid);
        let (rule, amount, formula, grade_input) = if a.death {
            // Death pays the sum less any disability already paid.
            let amount = left;
            (
                "accident_death",
                amount,
                format!("{sum} − {} = {amount}", u.accident_sum_paid),
                None,
            )
        } else {
            let grade = a.disability_grade.unwrap_or(10).clamp(1, 10);
            let pct = r.disability_percent_by_grade[usize::from(grade - 1)];
            let due = Money::round(sum.amount() * Decimal::from(pct) / Decimal::ONE_HUNDRED);
            let amount = min(due, left);
            (
                "accident_disability",
                amount,
                format!("min({sum} × {pct}%, {left}) = {amount}"),
                Some(grade),
            )
        };
        if amount.is_positive() {
            u.accident_sum_paid = Money::round(u.accident_sum_paid.amount() + amount.amount());
            let mut inputs = vec![
                input("sum_per_share", r.death_per_share),
                input("shares", shares),
                input("paid_before", sub(sum, left)),
            ];
            if let Some(g) = grade_input {
                inputs.push(input("disability_grade", g));
            }
            out.lines.push(Line {
                rule: rule.into(),
                inputs,
                formula,
                amount,
            });
        } else {
            out.rejections.push(Rejection::CapUsedUp {
                accumulator: AccumulatorKind::AccidentSum,
            });
        }
    }
    if let Some(m) = &r.medical {
        if a.medical_self_pay.is_positive() {
            accident_medical(m, a.medical_self_pay, shares, out);
        }
    }
    if let Some(d) = &r.daily_allowance {
        if a.hospital_days > 0 {
            let u = &mut out.usage_after;
            let left = d.max_days.saturating_sub(u.accident_allowance_days);
            let days = a.hospital_days.min(left);
            if days == 0 {
                out.rejections.push(Rejection::CapUsedUp {
                    accumulator: AccumulatorKind::AccidentAllowanceDays,
                });
            } else {
                let amount = d.rate_per_share.times(shares).times(days);
                u.accident_allowance_days += days;
                out.lines.push(Line {
                    rule: "accident_allowance".into(),
                    inputs: vec![
                        input("rate_per_share", d.rate_per_share),
                        input("shares", shares),
                        input("hospital_days", a.hospital_days),
                        input("days_left", left),
                    ],
                    formula: format!(
                        "{} × {shares} × min({}, {left}) = {amount}",
                        d.rate_per_share, a.hospital_days
                    ),
                    amount,
                });
            }
        }
    }
}

fn accident_medical(m: &RatioCap, self_pay: Money, shares: u32, out: &mut Adjudication) {
    let u = &mut out.usage_after;
    let cap_left = sub(m.cap_per_share.times(shares), u.accident_medical);
    if !cap_left.is_positive() {
        out.rejections.push(Rejection::CapUsedUp {
            accumulator: AccumulatorKind::AccidentMedicalCap,
        });
        return;
    }
    let amount = min(Money::round(self_pay.amount() * m.ratio), cap_left);
    u.accident_medical = Money::round(u.accident_medical.amount() + amount.amount());
    out.lines.push(Line {
        rule: "accident_medical".into(),
        inputs: vec![
            input("self_pay", self_pay),
            input("ratio", m.ratio),
            input("cap_left", cap_left),
        ],
        formula: format!("min({self_pay} × {}, {cap_left}) = {amount}", m.ratio),
        amount,
    });
}

#[cfg(test)]
mod tests;
