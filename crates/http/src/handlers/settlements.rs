//! Claims without forms (一站式结算): an integrator posts the medical-insurance settlements of
//! hospital stays; for each covered person the engine works out a claim under every policy that
//! pays for the stay. Small amounts are approved at once (recorded as automatic), the rest wait
//! for review. A settlement number already seen makes no second claim.

use crate::auth::lookup_hash::id_number_hash;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::roster_file::read_body;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use chrono::{DateTime, NaiveDate, Utc};
use huzhu_api_types::{
    ErrorBody, SettlementBatch, SettlementClaim, SettlementOutcome, SettlementRecord,
    SettlementReport,
};
use huzhu_app::coverage::cover_of;
use huzhu_app::{Done, Event};
use huzhu_domain::adjudication::{adjudicate, ClaimFacts, InpatientStay, Rejection};
use huzhu_domain::plan::china_date;
use huzhu_domain::ErrorCode;
use huzhu_domain::{IdNumber, Money};
use huzhu_store::claims::{self, NewClaim};
use huzhu_store::{members, policies, usage, DbConn};

/// Most records in one request.
pub const MAX_RECORDS: usize = 1_000;
const MAX_BYTES: usize = 2 * 1024 * 1024;

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
    c: &mut DbConn,
    state: &AppState,
    made_now: &mut Vec<claims::Claim>,
    r: &SettlementRecord,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> ApiResult<SettlementOutcome> {
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
    let limit = state.config.claim_time_limit_days;
    if today > facts.filing_deadline(limit) {
        return Ok(not_covered(
            number,
            ErrorCode::ClaimLate,
            format!("the stay ended more than {limit} days ago"),
        ));
    }
    let hash = id_number_hash(&state.config.lookup_key.0, &id);
    let Some(member) = members::find_by_id_number_hash(c, &hash)? else {
        return Ok(not_covered(
            number,
            ErrorCode::ClaimNotEnrolled,
            "no member of the association has this ID number",
        ));
    };
    let facts_json =
        serde_json::to_string(&facts).map_err(|e| ApiError::Internal(e.to_string()))?;
    let mut made = Vec::new();
    let mut refusals = Vec::new();
    for policy in policies::of_member(c, member.id)? {
        let terms = state.plan_terms.get(c, policy.plan_version_id)?;
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
            serde_json::to_string(&estimate).map_err(|e| ApiError::Internal(e.to_string()))?;
        let claim = claims::insert(
            c,
            NewClaim {
                member_id: member.id,
                policy_id: policy.id,
                org_unit_id: member.org_unit_id,
                kind: facts.kind(),
                facts: &facts_json,
                event_date: facts.event_date(),
                status: "submitted",
                channel: "settlement",
                settlement_number: Some(number),
                filed_by: None,
                invoice_numbers: &[],
                adjudication: Some(&working),
            },
            now,
        )?;
        let auto = state.config.settlement_auto_approve_up_to;
        let claim = if auto.is_positive() && estimate.total <= auto {
            let note = format!("approved automatically: a settlement of at most {auto}");
            claims::approve(c, claim.id, "submitted", None, Some(&note), now, |used| {
                adjudicate(&terms, &cover, &facts, used)
            })?;
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

/// Post medical-insurance settlements (all of a request are written together, or none). Each
/// record is judged on its own and reported: claims
/// created (with amounts, approved at once up to the configured amount), not covered (why),
/// duplicate (the claims it made before) or invalid (which field). Posting a batch again
/// creates nothing new.
#[utoipa::path(
    tag = "claims",
    request_body = SettlementBatch,
    responses(
        (status = 200, description = "One result per record, in order", body = SettlementReport),
        (status = 400, description = "Not a batch of settlements (malformed JSON, unknown fields)", body = ErrorBody),
        (status = 422, description = "No records, or more than 1,000", body = ErrorBody),
    )
)]
#[post("/settlements")]
pub async fn post_batch(
    caller: Caller,
    state: web::Data<AppState>,
    body: web::Payload,
) -> ApiResult<HttpResponse> {
    let bytes = read_body(body, MAX_BYTES).await?;
    let batch: SettlementBatch =
        serde_json::from_slice(&bytes).map_err(|e| ApiError::BadRequest {
            code: ErrorCode::RequestMalformedJson,
            message: format!("the body is not a settlement batch: {e}"),
        })?;
    if batch.records.is_empty() || batch.records.len() > MAX_RECORDS {
        return Err(ApiError::invalid_field(
            ErrorCode::SettlementBatchSize,
            "records",
            format!("send 1 to {MAX_RECORDS} records at a time"),
        ));
    }
    let now = state.now();
    let today = china_date(now);
    let st = state.get_ref().clone();
    // One transaction for the batch: a failure of the database leaves none of it, and the
    // integrator sends it again (settlement numbers make that safe).
    let results = state
        .change(&caller, move |c| {
            let mut made = Vec::new();
            let results = batch
                .records
                .iter()
                .map(|r| process(c, &st, &mut made, r, today, now))
                .collect::<ApiResult<Vec<_>>>()?;
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
            Ok(Done::new(results, event).notify_all(made.iter().map(huzhu_app::claims::changed)))
        })
        .await?;
    Ok(HttpResponse::Ok().json(SettlementReport { results }))
}
