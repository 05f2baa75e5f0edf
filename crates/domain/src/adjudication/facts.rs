//! What a claim says happened (docs/domain.md §4): an inpatient stay, a critical-illness
//! diagnosis or an accident. Every problem with the figures is reported at once, each naming its
//! field.

use crate::plan::Exclusion;
use crate::ErrorCode;
use crate::Money;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The grade of a hospital (医院等级).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HospitalLevel {
    /// 一级
    Primary,
    /// 二级
    Secondary,
    /// 三级
    Tertiary,
}

/// A stay in hospital, with its bill as the medical-insurance settlement slip shows it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InpatientStay {
    pub admission: NaiveDate,
    pub discharge: NaiveDate,
    #[serde(default)]
    pub hospital: Option<String>,
    #[serde(default)]
    pub hospital_level: Option<HospitalLevel>,
    /// Diagnosis code (e.g. ICD-10 `J18.9`).
    pub diagnosis_code: String,
    /// The diagnosis in words, as the discharge summary gives it.
    #[serde(default)]
    pub diagnosis_text: Option<String>,
    /// A stay in a psychiatric ward (some allowances exclude it).
    #[serde(default)]
    pub psychiatric: bool,
    /// The illness or injury was caused by an accident: no waiting period applies.
    #[serde(default)]
    pub caused_by_accident: bool,
    pub total_cost: Money,
    /// Paid by the basic medical insurance's pooled fund (统筹基金).
    pub pooled_fund_paid: Money,
    /// Self-pay inside the insurance catalogue (目录内自付): what reimbursement rules refund.
    pub in_catalogue_self_pay: Money,
    /// Self-pay outside the catalogue (目录外自费).
    pub out_of_catalogue_self_pay: Money,
    /// The member has basic medical insurance (some plans pay less to those without).
    #[serde(default = "yes")]
    pub has_basic_insurance: bool,
    /// The hospital's invoice numbers: each can be claimed once.
    #[serde(default)]
    pub invoice_numbers: Vec<String>,
}

fn yes() -> bool {
    true
}

/// A critical illness diagnosed on a day.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Diagnosis {
    /// A disease of the plan's list.
    pub disease_code: String,
    pub diagnosed_on: NaiveDate,
    #[serde(default)]
    pub caused_by_accident: bool,
}

/// An accident and what followed from it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccidentEvent {
    pub date: NaiveDate,
    /// How it happened, in words.
    #[serde(default)]
    pub cause: Option<String>,
    /// The injury, in words.
    #[serde(default)]
    pub injury: Option<String>,
    /// What the staff found caused it, where it is one of the exclusions of docs/domain.md §4.
    #[serde(default)]
    pub excluded_cause: Option<Exclusion>,
    /// 1 (most severe) to 10, once assessed.
    #[serde(default)]
    pub disability_grade: Option<u8>,
    #[serde(default)]
    pub death: bool,
    /// Self-pay for treating the injury.
    #[serde(default)]
    pub medical_self_pay: Money,
    /// Days in hospital because of it.
    #[serde(default)]
    pub hospital_days: u32,
}

/// What a claim says happened, by its `type`: `inpatient`, `critical_illness` or `accident`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClaimFacts {
    Inpatient(InpatientStay),
    CriticalIllness(Diagnosis),
    Accident(AccidentEvent),
}

/// A figure in a claim that cannot be right.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FactsProblem {
    #[error("the discharge date {discharge} is before the admission date {admission}")]
    DischargeBeforeAdmission {
        admission: NaiveDate,
        discharge: NaiveDate,
    },
    #[error("the {field} {date} is in the future")]
    InTheFuture {
        field: &'static str,
        date: NaiveDate,
    },
    #[error("the {field} cannot be negative")]
    Negative { field: &'static str },
    #[error(
        "the pooled-fund payment and the self-pay together ({parts}) exceed the total cost \
         ({total})"
    )]
    PartsAboveTotal { parts: Money, total: Money },
    #[error("the diagnosis code is missing")]
    NoDiagnosis,
    #[error("the disability grade must be 1 to 10 (it is {0})")]
    DisabilityGrade(u8),
    #[error("an accident claim needs a death, a disability grade, medical costs or hospital days")]
    NothingClaimed,
    #[error("invoice number {0:?} is empty, longer than 64 characters or listed twice")]
    InvoiceNumber(String),
    #[error("disease {0:?} is not on the plan's list")]
    UnknownDisease(String),
    #[error("the {0} is longer than 200 characters")]
    TooLong(&'static str),
    #[error("the {field} holds a control or invisible character (U+{code_point:04X}); type it again without it")]
    Unprintable {
        field: &'static str,
        code_point: u32,
    },
}

impl FactsProblem {
    /// The request field the problem is about.
    pub fn field(&self) -> &'static str {
        match self {
            Self::DischargeBeforeAdmission { .. } => "discharge",
            Self::InTheFuture { field, .. }
            | Self::Negative { field }
            | Self::Unprintable { field, .. } => field,
            Self::PartsAboveTotal { .. } => "total_cost",
            Self::NoDiagnosis => "diagnosis_code",
            Self::DisabilityGrade(_) => "disability_grade",
            Self::NothingClaimed => "facts",
            Self::InvoiceNumber(_) => "invoice_numbers",
            Self::UnknownDisease(_) => "disease_code",
            Self::TooLong(field) => field,
        }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Self::DischargeBeforeAdmission { .. } => ErrorCode::ClaimDatesOutOfOrder,
            Self::InTheFuture { .. } => ErrorCode::ClaimDateInFuture,
            Self::Negative { .. } => ErrorCode::ClaimNegativeAmount,
            Self::PartsAboveTotal { .. } => ErrorCode::ClaimSelfPayAboveTotal,
            Self::NoDiagnosis => ErrorCode::ClaimDiagnosisMissing,
            Self::DisabilityGrade(_) => ErrorCode::ClaimDisabilityGrade,
            Self::NothingClaimed => ErrorCode::ClaimNothingClaimed,
            Self::InvoiceNumber(_) => ErrorCode::ClaimInvoiceNumber,
            Self::UnknownDisease(_) => ErrorCode::ClaimUnknownDisease,
            Self::TooLong(_) => ErrorCode::ClaimTextTooLong,
            Self::Unprintable { .. } => ErrorCode::RequestInvalidCharacter,
        }
    }
}

/// What a claim is for: the `type` of its facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ClaimKind {
    Inpatient,
    CriticalIllness,
    Accident,
}

crate::named::names!(ClaimKind {
    Inpatient = "inpatient",
    CriticalIllness = "critical_illness",
    Accident = "accident",
});

impl ClaimFacts {
    pub fn kind(&self) -> ClaimKind {
        match self {
            Self::Inpatient(_) => ClaimKind::Inpatient,
            Self::CriticalIllness(_) => ClaimKind::CriticalIllness,
            Self::Accident(_) => ClaimKind::Accident,
        }
    }

    /// The invoice numbers the claim rests on, trimmed.
    pub fn invoice_numbers(&self) -> Vec<String> {
        match self {
            Self::Inpatient(s) => s
                .invoice_numbers
                .iter()
                .map(|n| n.trim().to_string())
                .collect(),
            _ => Vec::new(),
        }
    }

    /// What the plan cannot know of: a disease missing from every list of its lump sums.
    pub fn problems_under(&self, terms: &crate::plan::PlanTerms) -> Vec<FactsProblem> {
        let Self::CriticalIllness(d) = self else {
            return Vec::new();
        };
        let code = d.disease_code.trim();
        let listed = terms.benefits.iter().any(|b| match b {
            crate::plan::BenefitRule::LumpSum(l) => {
                l.tiers.iter().any(|t| t.diseases.iter().any(|x| x == code))
            }
            _ => false,
        });
        if listed {
            Vec::new()
        } else {
            vec![FactsProblem::UnknownDisease(code.to_string())]
        }
    }

    /// The last day a claim for this may be filed: `limit_days` after the last day of the event
    /// (docs/domain.md §4: 2 years after the discharge or the event).
    pub fn filing_deadline(&self, limit_days: u32) -> NaiveDate {
        self.last_day()
            .checked_add_days(chrono::Days::new(u64::from(limit_days)))
            .unwrap_or(NaiveDate::MAX)
    }

    /// The last day of the event: discharge for a stay. Claims are late 2 years after it.
    pub fn last_day(&self) -> NaiveDate {
        match self {
            Self::Inpatient(s) => s.discharge,
            other => other.event_date(),
        }
    }

    /// The day that decides cover: admission, diagnosis or accident.
    pub fn event_date(&self) -> NaiveDate {
        match self {
            Self::Inpatient(s) => s.admission,
            Self::CriticalIllness(d) => d.diagnosed_on,
            Self::Accident(a) => a.date,
        }
    }

    /// Accidents, and illness an accident caused, wait out no waiting period.
    pub fn is_accident(&self) -> bool {
        match self {
            Self::Inpatient(s) => s.caused_by_accident,
            Self::CriticalIllness(d) => d.caused_by_accident,
            Self::Accident(_) => true,
        }
    }

    /// Every text the facts carry, by field.
    fn texts(&self) -> Vec<(&'static str, &str)> {
        let mut out = Vec::new();
        match self {
            Self::Inpatient(s) => {
                out.push(("diagnosis_code", s.diagnosis_code.as_str()));
                out.extend(s.hospital.as_deref().map(|t| ("hospital", t)));
                out.extend(s.diagnosis_text.as_deref().map(|t| ("diagnosis_text", t)));
                out.extend(
                    s.invoice_numbers
                        .iter()
                        .map(|n| ("invoice_numbers", n.as_str())),
                );
            }
            Self::CriticalIllness(d) => out.push(("disease_code", d.disease_code.as_str())),
            Self::Accident(a) => {
                out.extend(a.cause.as_deref().map(|t| ("cause", t)));
                out.extend(a.injury.as_deref().map(|t| ("injury", t)));
            }
        }
        out
    }

    /// Every problem with the figures, judged on `today` (China Standard Time).
    pub fn problems(&self, today: NaiveDate) -> Vec<FactsProblem> {
        let mut out = Vec::new();
        let mut not_future = |field, date: NaiveDate| {
            if date > today {
                out.push(FactsProblem::InTheFuture { field, date });
            }
        };
        match self {
            Self::Inpatient(s) => {
                not_future("admission", s.admission);
                not_future("discharge", s.discharge);
                if s.discharge < s.admission {
                    out.push(FactsProblem::DischargeBeforeAdmission {
                        admission: s.admission,
                        discharge: s.discharge,
                    });
                }
                if s.diagnosis_code.trim().is_empty() {
                    out.push(FactsProblem::NoDiagnosis);
                }
                for (field, text) in [
                    ("hospital", &s.hospital),
                    ("diagnosis_text", &s.diagnosis_text),
                ] {
                    if text.as_ref().is_some_and(|t| t.chars().count() > 200) {
                        out.push(FactsProblem::TooLong(field));
                    }
                }
                let mut seen = std::collections::HashSet::new();
                for n in &s.invoice_numbers {
                    let t = n.trim();
                    if t.is_empty() || t.chars().count() > 64 || !seen.insert(t) {
                        out.push(FactsProblem::InvoiceNumber(n.clone()));
                    }
                }
                let amounts = [
                    ("total_cost", s.total_cost),
                    ("pooled_fund_paid", s.pooled_fund_paid),
                    ("in_catalogue_self_pay", s.in_catalogue_self_pay),
                    ("out_of_catalogue_self_pay", s.out_of_catalogue_self_pay),
                ];
                let negative: Vec<_> = amounts
                    .iter()
                    .filter(|(_, m)| m.amount().is_sign_negative() && !m.amount().is_zero())
                    .map(|(field, _)| FactsProblem::Negative { field })
                    .collect();
                let none_negative = negative.is_empty();
                out.extend(negative);
                let parts = Money::round(
                    s.pooled_fund_paid.amount()
                        + s.in_catalogue_self_pay.amount()
                        + s.out_of_catalogue_self_pay.amount(),
                );
                if none_negative && parts > s.total_cost {
                    out.push(FactsProblem::PartsAboveTotal {
                        parts,
                        total: s.total_cost,
                    });
                }
            }
            Self::CriticalIllness(d) => {
                not_future("diagnosed_on", d.diagnosed_on);
                if d.disease_code.trim().is_empty() {
                    out.push(FactsProblem::NoDiagnosis);
                }
            }
            Self::Accident(a) => {
                not_future("date", a.date);
                for (field, text) in [("cause", &a.cause), ("injury", &a.injury)] {
                    if text.as_ref().is_some_and(|t| t.chars().count() > 200) {
                        out.push(FactsProblem::TooLong(field));
                    }
                }
                if let Some(g) = a.disability_grade.filter(|g| !(1..=10).contains(g)) {
                    out.push(FactsProblem::DisabilityGrade(g));
                }
                if a.medical_self_pay.amount().is_sign_negative()
                    && !a.medical_self_pay.amount().is_zero()
                {
                    out.push(FactsProblem::Negative {
                        field: "medical_self_pay",
                    });
                }
                if !a.death
                    && a.disability_grade.is_none()
                    && !a.medical_self_pay.is_positive()
                    && a.hospital_days == 0
                {
                    out.push(FactsProblem::NothingClaimed);
                }
            }
        }
        for (field, text) in self.texts() {
            if let Some(c) = text
                .chars()
                .find(|c| crate::field_rules::is_unprintable(*c, crate::field_rules::Lines::One))
            {
                out.push(FactsProblem::Unprintable {
                    field,
                    code_point: u32::from(c),
                });
            }
        }
        out
    }
}
