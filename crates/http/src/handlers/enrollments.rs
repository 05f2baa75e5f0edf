//! Individual enrollment by members (plans that allow it, e.g. for gig workers) and the
//! contributions that start the cover once the premium is paid.

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{post, web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use huzhu_api_types::{
    ContributionReceipt, ErrorBody, IndividualEnrollment, NewContribution, PolicyCoverage,
    PrincipalKind,
};
use huzhu_app::coverage::policies_of;
use huzhu_app::plan_terms::terms_of;
use huzhu_app::{Done, Event};
use huzhu_domain::activation::on_payment;
use huzhu_domain::coverage::EventKind;
use huzhu_domain::eligibility::{
    check_person, prospective_start, Applicant, Channel, ExistingCover, Ineligible,
};
use huzhu_domain::plan::{china_date, premium, CoverPeriod, PlanCode};
use huzhu_domain::ErrorCode;
use huzhu_domain::{IdNumber, Money};
use huzhu_store::org_units::Scope;
use huzhu_store::{contributions, members, plans, policies, StoreError};
use std::collections::{BTreeMap, HashMap};

/// The amount in fen and the trimmed reference of a payment, if every field is acceptable.
pub(crate) fn checked_payment(
    amount: &str,
    channel: &str,
    reference: &str,
    paid_on: NaiveDate,
    today: NaiveDate,
) -> ApiResult<(i64, String)> {
    use huzhu_domain::field_rules as rules;
    let amount = rules::payment_amount(amount)?;
    rules::payment_channel(channel)?;
    let reference = rules::payment_reference(reference)?;
    rules::paid_on(paid_on, today)?;
    let amount_fen = amount.fen().map_err(|e| {
        ApiError::invalid_field(ErrorCode::ContributionAmount, "amount", e.to_string())
    })?;
    Ok((amount_fen, reference))
}

/// Starts the cover of a fully paid policy (a renewal without a gap carries no waiting period).
pub(crate) fn activate_paid(
    c: &mut huzhu_store::DbConn,
    policy: &policies::Policy,
    paid_on: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> ApiResult<policies::Policy> {
    activate_all_paid(c, std::slice::from_ref(policy), paid_on, now)?;
    Ok(policies::get(c, policy.id)?)
}

/// Starts the cover of fully paid policies of one plan version, paid on one day: each member's
/// running cover under the plan decides whether theirs is a renewal without a gap. Policies
/// that come out alike are updated in one statement.
pub(crate) fn activate_all_paid(
    c: &mut huzhu_store::DbConn,
    paid: &[policies::Policy],
    paid_on: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> ApiResult<()> {
    let mut versions = HashMap::new();
    let mut alike: BTreeMap<(i64, NaiveDate, NaiveDate, NaiveDate), Vec<i64>> = BTreeMap::new();
    let mut by_plan: BTreeMap<&str, Vec<&policies::Policy>> = BTreeMap::new();
    for p in paid {
        by_plan.entry(p.plan_code.as_str()).or_default().push(p);
    }
    for (plan_code, group) in by_plan {
        let members: Vec<i64> = group.iter().map(|p| p.member_id).collect();
        let held = policies::of_members_in_plan(c, &members, plan_code)?;
        for p in group {
            if let std::collections::hash_map::Entry::Vacant(e) = versions.entry(p.plan_version_id)
            {
                e.insert(terms_of(&plans::get_version(c, p.plan_version_id)?)?);
            }
            let terms = &versions[&p.plan_version_id];
            let previous_end = held
                .get(&p.member_id)
                .into_iter()
                .flatten()
                .filter(|h| h.id != p.id && h.status == "active")
                .filter_map(|h| h.end_date)
                .max();
            let a = on_payment(terms, paid_on, previous_end);
            alike
                .entry((
                    p.plan_version_id,
                    a.period.start,
                    a.period.end,
                    a.waiting_period_end,
                ))
                .or_default()
                .push(p.id);
        }
    }
    for ((_, start, end, waiting_period_end), ids) in alike {
        let changed = policies::activate_many(c, &ids, start, end, waiting_period_end, now)?;
        if changed != ids.len() {
            return Err(ApiError::conflict(
                ErrorCode::ContributionNotPending,
                "a policy was activated meanwhile",
            ));
        }
    }
    Ok(())
}

fn ineligible(problems: Vec<Ineligible>) -> ApiError {
    ApiError::Invalid {
        code: ErrorCode::EnrollmentIneligible,
        message: problems
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("; "),
        details: Some(serde_json::json!({
            "problems": problems.iter().map(|p| serde_json::json!({"code": p.code(), "message": p.to_string()})).collect::<Vec<_>>()
        })),
    }
}

/// Apply for a plan open to individual enrollment. The policy waits for its contribution;
/// a renewal of running cover starts the day after it ends.
#[utoipa::path(
    tag = "enrollment",
    request_body = IndividualEnrollment,
    responses(
        (status = 201, description = "Enrolled; the policy waits for payment", body = PolicyCoverage),
        (status = 409, description = "An application for this plan is already waiting for payment", body = ErrorBody),
        (status = 422, description = "Unknown plan, or the member may not enroll (age, gender, category, shares, individual enrollment, window, existing cover; listed in details)", body = ErrorBody),
    )
)]
#[post("/me/enrollments")]
pub async fn enroll_myself(
    caller: Caller,
    state: web::Data<AppState>,
    body: web::Json<IndividualEnrollment>,
) -> ApiResult<HttpResponse> {
    let member_id = match (caller.kind, caller.member_id) {
        (PrincipalKind::Member, Some(id)) => id,
        _ => return Err(ApiError::forbidden()),
    };
    let req = body.into_inner();
    let code = PlanCode::parse(&req.plan_code)
        .map_err(|e| ApiError::invalid_field(ErrorCode::PlanCode, "plan_code", e.to_string()))?;
    let today = china_date(state.now());
    let now = state.now();
    let app = state.app.clone();
    let terms_cache = state.plan_terms.clone();
    let policy = state
        .change(&caller, move |c| {
            let member = members::get(c, member_id)?;
            let version = plans::active_version(c, code.as_str())?.ok_or_else(|| {
                ApiError::invalid_field(
                    ErrorCode::PlanNotInForce,
                    "plan_code",
                    format!("no plan {} is in force", code.as_str()),
                )
            })?;
            let terms = terms_of(&version)?;
            let id = IdNumber::parse(&app.sealer()?.open(&member.id_number.ciphertext)?)
                .map_err(|e| ApiError::Internal(format!("stored ID number unreadable: {e}")))?;
            let held: Vec<policies::Policy> = policies::of_member(c, member_id)?
                .into_iter()
                .filter(|p| p.plan_code == code.as_str() && p.status != "terminated")
                .collect();
            if held.iter().any(|p| p.status == "pending_payment") {
                return Err(ApiError::conflict(
                    ErrorCode::EnrollmentPendingExists,
                    "you already applied for this plan; the application waits for its contribution",
                ));
            }
            let existing: Vec<ExistingCover> = held
                .iter()
                .filter_map(|p| {
                    Some(ExistingCover {
                        plan_code: code.clone(),
                        period: CoverPeriod {
                            start: p.start_date?,
                            end: p.end_date?,
                        },
                    })
                })
                .collect();
            let effective = prospective_start(&terms, today, &existing);
            let applicant = Applicant {
                id_number: &id,
                category: member.category,
                shares: req.shares,
                channel: Channel::Individual,
                applied_on: today,
            };
            check_person(&terms, &applicant, effective, &existing).map_err(ineligible)?;
            let policy = policies::insert(
                c,
                policies::NewPolicy {
                    member_id,
                    plan_version_id: version.id,
                    plan_code: code.as_str(),
                    shares: i32::try_from(req.shares)
                        .map_err(|e| ApiError::Internal(e.to_string()))?,
                    premium_fen: premium(&terms, req.shares)
                        .fen()
                        .map_err(|e| ApiError::Internal(e.to_string()))?,
                    status: "pending_payment",
                    start_date: None,
                    end_date: None,
                    waiting_period_end: None,
                    paid_at: None,
                    batch_id: None,
                },
                now,
            )?;
            let event = Event::of("enrollment.apply", "policy", policy.id)
                .fact("member", member_id)
                .fact("plan", code.as_str())
                .fact("plan_version", version.id)
                .fact("shares", req.shares)
                .fact("premium", Money::from_fen(policy.premium_fen).to_string())
                .fact("status", &policy.status);
            let coverage = policies_of(
                c,
                &terms_cache,
                &member,
                today,
                EventKind::Illness,
                Some(code.as_str()),
            )?
            .into_iter()
            .find(|p| p.policy.id == policy.id)
            .map(crate::views::policy_coverage)
            .ok_or_else(|| ApiError::Internal("the new policy is missing".into()))?;
            Ok(Done::new(coverage, event))
        })
        .await?;
    Ok(HttpResponse::Created().json(policy))
}

/// Record a contribution for a policy of the caller's subtree. When the payments reach the
/// premium, the cover starts (a renewal without a gap carries no waiting period).
#[utoipa::path(
    tag = "enrollment",
    request_body = NewContribution,
    params(("Idempotency-Key" = Option<String>, Header, description = "Retries with the same key get the same receipt")),
    responses(
        (status = 201, description = "Recorded", body = ContributionReceipt),
        (status = 404, description = "No such policy in the caller's subtree", body = ErrorBody),
        (status = 409, description = "The policy is not waiting for payment, or the reference was already recorded", body = ErrorBody),
        (status = 422, description = "The Idempotency-Key was used for another request", body = ErrorBody),
        (status = 422, description = "Invalid amount, channel, reference or date, or more than the premium", body = ErrorBody),
    )
)]
#[post("/contributions")]
pub async fn record(
    caller: Caller,
    state: web::Data<AppState>,
    http_req: HttpRequest,
    body: web::Json<NewContribution>,
) -> ApiResult<HttpResponse> {
    let req = body.into_inner();
    let canonical = serde_json::to_vec(&req).unwrap_or_default();
    let (amount_fen, reference) = checked_payment(
        &req.amount,
        &req.channel,
        &req.reference,
        req.paid_on,
        china_date(state.now()),
    )?;
    let scope_path = caller.org_scope()?.0.to_string();
    let recorded_by = caller.id;
    let now = state.now();
    state
        .change_once(
            &caller,
            &http_req,
            &canonical,
            StatusCode::CREATED,
            move |c| {
                let policy = policies::get(c, req.policy_id).map_err(|e| match e {
                    StoreError::NotFound => {
                        ApiError::not_found(ErrorCode::PolicyNotFound, "policy")
                    }
                    other => other.into(),
                })?;
                members::get_within(c, &Scope(&scope_path), policy.member_id).map_err(
                    |e| match e {
                        StoreError::NotFound => {
                            ApiError::not_found(ErrorCode::PolicyNotFound, "policy")
                        }
                        other => other.into(),
                    },
                )?;
                if policy.status != "pending_payment" {
                    return Err(ApiError::conflict(
                        ErrorCode::ContributionNotPending,
                        format!(
                            "policy {} is {}, not waiting for payment",
                            policy.id, policy.status
                        ),
                    ));
                }
                let before: i64 = contributions::of_policy(c, policy.id)?
                    .iter()
                    .map(|x| x.amount_fen)
                    .sum();
                let after = before + amount_fen;
                if after > policy.premium_fen {
                    return Err(ApiError::invalid_field(
                        ErrorCode::ContributionOverpaid,
                        "amount",
                        format!(
                            "the premium is {}, {} is paid already: at most {} is still due",
                            Money::from_fen(policy.premium_fen),
                            Money::from_fen(before),
                            Money::from_fen(policy.premium_fen - before)
                        ),
                    ));
                }
                let saved = contributions::insert(
                    c,
                    contributions::NewContribution {
                        policy_id: policy.id,
                        amount_fen,
                        channel: &req.channel,
                        reference: &reference,
                        paid_on: req.paid_on,
                        recorded_by: Some(recorded_by),
                    },
                    now,
                )?;
                let policy = if after == policy.premium_fen {
                    activate_paid(c, &policy, req.paid_on, now)?
                } else {
                    policy
                };
                let answer = ContributionReceipt {
                    id: saved.id,
                    policy_id: policy.id,
                    amount: Money::from_fen(saved.amount_fen).to_string(),
                    channel: saved.channel,
                    reference: saved.reference,
                    paid_on: saved.paid_on,
                    paid_so_far: Money::from_fen(after).to_string(),
                    premium: Money::from_fen(policy.premium_fen).to_string(),
                    policy_status: policy.status,
                    start_date: policy.start_date,
                    end_date: policy.end_date,
                    waiting_period_end: policy.waiting_period_end,
                };
                let event = Event::of("contribution.record", "policy", answer.policy_id)
                    .fact("contribution", answer.id)
                    .fact("amount", &answer.amount)
                    .fact("reference", &answer.reference)
                    .fact("paid_on", answer.paid_on)
                    .fact("policy_status", &answer.policy_status);
                Ok(Done::new(answer, event))
            },
        )
        .await
}
