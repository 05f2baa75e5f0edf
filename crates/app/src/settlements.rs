//! Claims without forms (一站式结算): an integrator posts the medical-insurance settlements of
//! hospital stays; for each covered person the engine works out a claim under every policy that
//! pays for the stay. Small amounts are approved at once (recorded as automatic), the rest wait
//! for review. A settlement number already seen makes no second claim (docs/domain.md §4).

use crate::actor::Actor;
use crate::claims::changed;
use crate::coverage::cover_of;
use crate::error::{AppError, AppResult};
use crate::protect::id_number_hash;
use crate::unit::{Done, Event};
use crate::App;
use chrono::{DateTime, NaiveDate, Utc};
use huzhu_domain::adjudication::{adjudicate, ClaimFacts, InpatientStay, Rejection};
use huzhu_domain::claim_flow::{ClaimChannel, ClaimStatus};
use huzhu_domain::plan::china_date;
use huzhu_domain::settlement::{SettlementClaim, SettlementOutcome, SettlementRecord};
use huzhu_domain::{ErrorCode, IdNumber, Money};
use huzhu_store::claims::{self, NewClaim};
use huzhu_store::{members, policies, usage, DbConn};

/// Most records in one request.
pub const MAX_RECORDS: usize = 1_000;

fn outcome(number: &str, kind: &str) -> SettlementOutcome {
    SettlementOutcome {
        settlement_number: number.to_string(),
        outcome: kind.to_string(),
        claims: Vec::new(),
        code: None,
        message: None,
        field: None,
    }
}

fn invalid(
    number: &str,
    field: &str,
    code: ErrorCode,
    message: impl Into<String>,
) -> SettlementOutcome {
    SettlementOutcome {
        code: Some(code),
        message: Some(message.into()),
        field: Some(field.into()),
        ..outcome(number, "invalid")
    }
}

fn not_covered(number: &str, code: ErrorCode, message: impl Into<String>) -> SettlementOutcome {
    SettlementOutcome {
        code: Some(code),
        message: Some(message.into()),
        ..outcome(number, "not_covered")
    }
}

fn listed(found: Vec<(claims::Claim, String)>) -> Vec<SettlementClaim> {
    found
        .into_iter()
        .map(|(c, plan_code)| SettlementClaim {
            claim_id: c.id,
            plan_code,
            amount: Money::from_fen(c.approved_fen.unwrap_or_else(|| estimate_fen(&c))).to_string(),
            status: c.status,
        })
        .collect()
}

/// The engine's estimate of a claim not approved yet.
fn estimate_fen(c: &claims::Claim) -> i64 {
    c.adjudication
        .as_deref()
        .and_then(|j| serde_json::from_str::<huzhu_domain::adjudication::Adjudication>(j).ok())
        .and_then(|a| a.total.fen().ok())
        .unwrap_or(0)
}

/// The record as claim facts, or what is wrong with it.
fn facts_of(
    r: &SettlementRecord,
    today: NaiveDate,
) -> Result<(IdNumber, ClaimFacts), Box<SettlementOutcome>> {
    let n = r.settlement_number.as_str();
    let id = IdNumber::parse(&r.id_number)
        .map_err(|e| Box::new(invalid(n, "id_number", e.code(), e.to_string())))?;
    let money = |field: &str, text: &str| {
        Money::parse(text)
            .map_err(|e| Box::new(invalid(n, field, ErrorCode::ClaimAmount, e.to_string())))
    };
    let facts = ClaimFacts::Inpatient(InpatientStay {
        admission: r.admission,
        discharge: r.discharge,
        hospital: None,
        hospital_level: None,
        diagnosis_text: None,
        diagnosis_code: r.diagnosis_code.clone(),
        psychiatric: false,
        caused_by_accident: false,
        total_cost: money("total_cost", &r.total_cost)?,
        pooled_fund_paid: money("pooled_fund_paid", &r.pooled_fund_paid)?,
        in_catalogue_self_pay: money("in_catalogue_self_pay", &r.in_catalogue_self_pay)?,
        out_of_catalogue_self_pay: money(
            "out_of_catalogue_self_pay",
            &r.out_of_catalogue_self_pay,
        )?,
        has_basic_insurance: true,
        invoice_numbers: Vec::new(),
    });
    if let Some(p) = facts.problems(today).first() {
        return Err(Box::new(invalid(n, p.field(), p.code(), p.to_string())));
    }
    Ok((id, facts))
}

fn process(
    app: &App,
    c: &mut DbConn,
    made_now: &mut Vec<claims::Claim>,
    r: &SettlementRecord,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> AppResult<SettlementOutcome> {
    let number = r.settlement_number.trim();
    if number.is_empty() || number.chars().count() > 64 {
        return Ok(invalid(
            number,
            "settlement_number",
            ErrorCode::SettlementNumber,
            "the settlement number must be 1 to 64 characters",
        ));
    }
    let (id, facts) = match facts_of(r, today) {
        Ok(v) => v,
        Err(o) => return Ok(*o),
    };
    let seen = claims::of_settlement(c, number)?;
    if !seen.is_empty() {
        return Ok(SettlementOutcome {
            claims: listed(seen),
            ..outcome(number, "duplicate")
        });
    }
    let limit = app.config.claims.time_limit_days;
    if today > facts.filing_deadline(limit) {
        return Ok(not_covered(
            number,
            ErrorCode::ClaimLate,
            format!("the stay ended more than {limit} days ago"),
        ));
    }
    let hash = id_number_hash(&app.keys()?.lookup_key, &id);
    let Some(member) = members::find_by_id_number_hash(c, &hash)? else {
        return Ok(not_covered(
            number,
            ErrorCode::ClaimNotEnrolled,
            "no member of the association has this ID number",
        ));
    };
    let facts_json = serde_json::to_string(&facts).map_err(|e| AppError::corrupt(e.to_string()))?;
    let mut made = Vec::new();
    let mut refusals = Vec::new();
    for policy in policies::of_member(c, member.id)? {
        let terms = app.plan_terms.get(c, policy.plan_version_id)?;
        let Some(cover) = cover_of(&policy, &terms) else {
            continue;
        };
        let used = usage::of_policy(c, policy.id)?;
        let estimate = adjudicate(&terms, &cover, &facts, &used.usage);
        if !estimate.pays() {
            refusals.extend(estimate.rejections);
            continue;
        }
        let working =
            serde_json::to_string(&estimate).map_err(|e| AppError::corrupt(e.to_string()))?;
        let claim = claims::insert(
            c,
            NewClaim {
                member_id: member.id,
                policy_id: policy.id,
                org_unit_id: member.org_unit_id,
                kind: facts.kind(),
                facts: &facts_json,
                event_date: facts.event_date(),
                status: ClaimStatus::Submitted,
                channel: ClaimChannel::Settlement,
                settlement_number: Some(number),
                filed_by: None,
                invoice_numbers: &[],
                adjudication: Some(&working),
            },
            now,
        )?;
        let auto = app.config.claims.settlement_auto_approve_up_to;
        let claim = if auto.is_positive() && estimate.total <= auto {
            let note = format!("approved automatically: a settlement of at most {auto}");
            claims::approve(
                c,
                claim.id,
                ClaimStatus::Submitted,
                None,
                Some(&note),
                now,
                |used| adjudicate(&terms, &cover, &facts, used),
            )?;
            claims::get(c, claim.id)?
        } else {
            claim
        };
        made_now.push(claim.clone());
        made.push((claim, policy.plan_code.clone()));
    }
    if made.is_empty() {
        // A plan that pays nothing for hospital stays says least; prefer the others' reasons.
        refusals.sort_by_key(|r| matches!(r, Rejection::NoBenefitForEvent));
        let (code, message) = refusals.first().map_or(
            (
                ErrorCode::ClaimNoBenefit,
                "no policy of this member pays for a stay in hospital".to_string(),
            ),
            |r| (r.code(), r.to_string()),
        );
        return Ok(not_covered(number, code, message));
    }
    Ok(SettlementOutcome {
        claims: listed(made),
        ..outcome(number, "claims_created")
    })
}

impl App {
    /// Judges a batch of settlements, each on its own, in one transaction: a failure of the
    /// database leaves none of it, and the integrator sends it again (settlement numbers
    /// make that safe). One result per record, in order.
    pub fn post_settlements(
        &self,
        actor: &Actor,
        records: &[SettlementRecord],
    ) -> AppResult<Vec<SettlementOutcome>> {
        if records.is_empty() || records.len() > MAX_RECORDS {
            return Err(AppError::invalid_field(
                ErrorCode::SettlementBatchSize,
                "records",
                format!("send 1 to {MAX_RECORDS} records at a time"),
            ));
        }
        let now = self.now();
        let today = china_date(now);
        self.change(actor, |c| {
            let mut made = Vec::new();
            let results = records
                .iter()
                .map(|r| process(self, c, &mut made, r, today, now))
                .collect::<AppResult<Vec<_>>>()?;
            let event = Event::new("settlement.post", "settlements")
                .fact("records", results.len())
                .fact(
                    "claims",
                    made.iter()
                        .map(|m| {
                            serde_json::json!({
                                "claim": m.id,
                                "settlement": m.settlement_number,
                                "status": m.status,
                                "amount": m.approved_fen.map(|f| Money::from_fen(f).to_string()),
                            })
                        })
                        .collect::<Vec<_>>(),
                );
            Ok(Done::new(results, event).notify_all(made.iter().map(changed)))
        })
    }
}
