//! Claims (互助金申请): members file against their own cover, branch offices for members in
//! their part of the organisation; reviewers and provincial approvers move them on, three
//! different people, with a second approver above the threshold. The engine's working is kept
//! with the claim; approval spends the policy's usage in the same transaction.

use super::coverage::cover_of;
use super::plans::optional_plan_code;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::{get, post, web, HttpResponse};
use chrono::{DateTime, NaiveDate, Utc};
use huzhu_api_types::{
    self as api, ClaimDecision, ClaimRejection, ClaimRequest, ErrorBody, OwnClaimRequest, Page,
    PrincipalKind,
};
use huzhu_app::{Done, Event, Notice};
use huzhu_domain::adjudication::{adjudicate, Adjudication, ClaimFacts, Rejection};
use huzhu_domain::claim_flow::{
    check_actor, next, Actors, ClaimAction, ClaimStatus, FlowError, REJECTION_CODES,
};
use huzhu_domain::plan::{china_date, DocumentKind};
use huzhu_domain::ErrorCode;
use huzhu_domain::Money;
use huzhu_store::claims::{self, ClaimFilter, NewClaim, Role, Step};
use huzhu_store::org_units::Scope;
use huzhu_store::{members, org_units, policies, usage, DbConn, Paging, StoreError};
use serde::Deserialize;

fn claim_not_found() -> ApiError {
    ApiError::not_found(ErrorCode::ClaimNotFound, "claim")
}

/// Someone else's policy is as unknown as one that does not exist.
fn policy_not_found() -> ApiError {
    ApiError::not_found(ErrorCode::PolicyNotFound, "policy")
}

/// The facts must add up, and the claim must come within the time limit.
fn checked_facts(facts: &ClaimFacts, today: NaiveDate, limit_days: u32) -> ApiResult<()> {
    let problems = facts.problems(today);
    if let Some(first) = problems.first() {
        return Err(ApiError::Invalid {
            code: first.code(),
            message: problems
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("; "),
            details: Some(serde_json::json!({
                "problems": problems.iter().map(|p| serde_json::json!({
                    "field": p.field(), "code": p.code(), "message": p.to_string()
                })).collect::<Vec<_>>()
            })),
        });
    }
    let deadline = facts.filing_deadline(limit_days);
    if today > deadline {
        return Err(ApiError::invalid(
            ErrorCode::ClaimLate,
            format!(
                "claims must be filed within {limit_days} days of {}; the limit passed on {deadline}",
                facts.last_day()
            ),
        ));
    }
    Ok(())
}

/// What the engine says of `facts` under `policy` now, from the policy's current usage.
fn estimate(
    c: &mut DbConn,
    state: &AppState,
    policy: &policies::Policy,
    facts: &ClaimFacts,
) -> ApiResult<Adjudication> {
    let terms = state.plan_terms.get(c, policy.plan_version_id)?;
    let used = usage::of_policy(c, policy.id)?;
    Ok(match cover_of(policy, &terms) {
        Some(cover) => adjudicate(&terms, &cover, facts, &used.usage),
        None => Adjudication::rejected(&used.usage, Rejection::NotPaid),
    })
}

fn to_json<T: serde::Serialize>(v: &T) -> ApiResult<String> {
    serde_json::to_string(v).map_err(|e| ApiError::Internal(e.to_string()))
}

/// A claim as the API shows it; `checklist` (the plan's documents) adds the steps, the
/// documents and what is still missing.
fn view(
    c: &mut DbConn,
    claim: claims::Claim,
    plan_code: String,
    checklist: Option<&[DocumentKind]>,
) -> ApiResult<api::Claim> {
    let member = members::get(c, claim.member_id)?;
    let facts: ClaimFacts = serde_json::from_str(&claim.facts)
        .map_err(|e| ApiError::Internal(format!("claim {} facts unreadable: {e}", claim.id)))?;
    let adjudication = claim
        .adjudication
        .as_deref()
        .map(serde_json::from_str::<Adjudication>)
        .transpose()
        .map_err(|e| ApiError::Internal(format!("claim {} working unreadable: {e}", claim.id)))?;
    let (documents, missing_documents) = match checklist {
        Some(kinds) => {
            let docs: Vec<api::ClaimDocument> = claims::documents(c, claim.id)?
                .into_iter()
                .map(document_view)
                .collect();
            let missing = kinds
                .iter()
                .filter(|k| !docs.iter().any(|d| d.kind == k.as_str()))
                .map(|k| k.as_str().to_string())
                .collect();
            (docs, missing)
        }
        None => (Vec::new(), Vec::new()),
    };
    let steps = if checklist.is_some() {
        claims::events(c, claim.id)?
            .into_iter()
            .map(|e| api::ClaimStep {
                from: e.from_status,
                to: e.to_status,
                by: e.account_id,
                comment: e.comment,
                at: e.at,
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(api::Claim {
        id: claim.id,
        member_id: claim.member_id,
        member_name: member.name,
        id_number_masked: member.id_number.masked,
        policy_id: claim.policy_id,
        plan_code,
        kind: claim.kind,
        facts,
        event_date: claim.event_date,
        status: ClaimStatus::parse(&claim.status).ok_or_else(|| {
            StoreError::Corrupt(format!("claim {} has status {:?}", claim.id, claim.status))
        })?,
        channel: claim.channel,
        adjudication,
        approved_amount: claim.approved_fen.map(|f| Money::from_fen(f).to_string()),
        rejection_code: claim.rejection_code,
        rejection_text: claim.rejection_text,
        appealed: claim.appealed,
        created_at: claim.created_at,
        updated_at: claim.updated_at,
        steps,
        documents,
        missing_documents,
    })
}

pub(crate) fn document_view(d: claims::DocumentRow) -> api::ClaimDocument {
    api::ClaimDocument {
        id: d.id,
        kind: d.kind,
        media_type: d.media_type,
        file_name: d.file_name,
        size_bytes: d.size_bytes,
        sha256: d.sha256,
        uploaded_at: d.uploaded_at.and_utc(),
    }
}

pub(crate) fn full_view(
    c: &mut DbConn,
    state: &AppState,
    claim: claims::Claim,
) -> ApiResult<api::Claim> {
    let policy = policies::get(c, claim.policy_id)?;
    let terms = state.plan_terms.get(c, policy.plan_version_id)?;
    view(c, claim, policy.plan_code, Some(&terms.documents))
}

/// Who files, for whom, by which channel.
struct Filing {
    member: members::Member,
    policy_id: i64,
    facts: ClaimFacts,
    draft: bool,
    channel: &'static str,
    by: i64,
}

fn file(
    c: &mut DbConn,
    state: &AppState,
    f: Filing,
    now: DateTime<Utc>,
) -> ApiResult<Done<api::Claim>> {
    let policy = match policies::get(c, f.policy_id) {
        Ok(p) if p.member_id == f.member.id => p,
        Ok(_) | Err(StoreError::NotFound) => return Err(policy_not_found()),
        Err(e) => return Err(e.into()),
    };
    let terms = state.plan_terms.get(c, policy.plan_version_id)?;
    if let Some(p) = f.facts.problems_under(&terms).first() {
        return Err(ApiError::invalid_field(p.code(), p.field(), p.to_string()));
    }
    let invoices = f.facts.invoice_numbers();
    let claimed = claims::claimed_invoices(c, &invoices)?;
    if !claimed.is_empty() {
        return Err(ApiError::conflict(
            ErrorCode::ClaimDuplicateInvoice,
            format!("invoice(s) {} have been claimed before", claimed.join(", ")),
        ));
    }
    let estimate = estimate(c, state, &policy, &f.facts)?;
    let facts_json = to_json(&f.facts)?;
    let working = to_json(&estimate)?;
    let claim = claims::insert(
        c,
        NewClaim {
            member_id: f.member.id,
            policy_id: policy.id,
            org_unit_id: f.member.org_unit_id,
            kind: f.facts.kind(),
            facts: &facts_json,
            event_date: f.facts.event_date(),
            status: if f.draft { "draft" } else { "submitted" },
            channel: f.channel,
            settlement_number: None,
            filed_by: Some(f.by),
            invoice_numbers: &invoices,
            adjudication: Some(&working),
        },
        now,
    )?;
    let event = Event::of("claim.file", "claim", claim.id)
        .fact("member", claim.member_id)
        .fact("policy", claim.policy_id)
        .fact("kind", &claim.kind)
        .fact("channel", &claim.channel)
        .fact("status", &claim.status)
        .fact("estimate", estimate.total.to_string());
    let notice = changed(&claim);
    let terms = state.plan_terms.get(c, policy.plan_version_id)?;
    let view = view(c, claim, policy.plan_code, Some(&terms.documents))?;
    Ok(Done::new(view, event).notify(notice))
}

/// What the member is told when their claim moves.
pub(crate) fn changed(claim: &claims::Claim) -> Notice {
    Notice::ClaimChanged {
        member_id: claim.member_id,
        claim_id: claim.id,
        status: claim.status.clone(),
    }
}

fn flow_error(e: FlowError) -> ApiError {
    if e.is_about_the_person() {
        ApiError::NotForYou {
            code: e.code(),
            message: e.to_string(),
        }
    } else {
        ApiError::conflict(e.code(), e.to_string())
    }
}

/// A decision on a claim the caller may see.
struct Act {
    action: ClaimAction,
    by: i64,
    comment: Option<String>,
    rejection: Option<ClaimRejection>,
}

fn act(
    c: &mut DbConn,
    state: &AppState,
    claim: claims::Claim,
    a: Act,
    now: DateTime<Utc>,
) -> ApiResult<Done<api::Claim>> {
    let status = ClaimStatus::parse(&claim.status).ok_or_else(|| {
        ApiError::Internal(format!("claim {} has status {}", claim.id, claim.status))
    })?;
    let actors = Actors {
        submitted_by: claim.filed_by,
        reviewed_by: claim.reviewed_by,
        first_approved_by: claim.first_approved_by,
    };
    check_actor(a.action, a.by, &actors).map_err(flow_error)?;
    let policy = policies::get(c, claim.policy_id)?;
    let facts: ClaimFacts = serde_json::from_str(&claim.facts)
        .map_err(|e| ApiError::Internal(format!("claim {} facts unreadable: {e}", claim.id)))?;
    let fresh = estimate(c, state, &policy, &facts)?;
    let to = next(
        status,
        a.action,
        claim.appealed,
        fresh.total,
        state.config.second_approval_above,
    )
    .map_err(flow_error)?;
    let moved = if to == ClaimStatus::Approved {
        let terms = state.plan_terms.get(c, policy.plan_version_id)?;
        let cover = cover_of(&policy, &terms).ok_or_else(|| {
            ApiError::conflict(
                ErrorCode::ClaimNotEnrolled,
                "the policy gives no cover: it is not paid",
            )
        })?;
        claims::approve(
            c,
            claim.id,
            status.as_str(),
            Some(a.by),
            a.comment.as_deref(),
            now,
            |used| adjudicate(&terms, &cover, &facts, used),
        )?
        .is_some()
    } else {
        let working = to_json(&fresh)?;
        let rejection = a
            .rejection
            .as_ref()
            .map(|r| (r.code.as_str(), r.text.as_str()));
        claims::move_to(
            c,
            claim.id,
            Step {
                from: status.as_str(),
                to: to.as_str(),
                by: Some(a.by),
                comment: a.comment.as_deref(),
                role: match (a.action, to) {
                    (ClaimAction::Submit | ClaimAction::Appeal, _) => Some(Role::Submitter),
                    (ClaimAction::Review, _) => Some(Role::Reviewer),
                    (ClaimAction::Approve, ClaimStatus::FirstApproved) => Some(Role::FirstApprover),
                    _ => None,
                },
                rejection,
                appeal: a.action == ClaimAction::Appeal,
                adjudication: matches!(
                    to,
                    ClaimStatus::Submitted
                        | ClaimStatus::BranchReviewed
                        | ClaimStatus::FirstApproved
                )
                .then_some(working.as_str()),
            },
            now,
        )?
    };
    if !moved {
        return Err(ApiError::conflict(
            ErrorCode::ClaimMoved,
            "someone else acted on this claim meanwhile; reload it",
        ));
    }
    let after = claims::get(c, claim.id)?;
    let mut event =
        Event::of(use_case(a.action), "claim", claim.id).moved(&claim.status, &after.status);
    if let Some(fen) = after.approved_fen.filter(|_| after.status == "approved") {
        event = event.fact("amount", Money::from_fen(fen).to_string());
    }
    if let Some(r) = &a.rejection {
        event = event.fact("reason_code", &r.code);
    }
    if let Some(comment) = &a.comment {
        event = event.fact("comment", comment);
    }
    let notice = changed(&after);
    Ok(Done::new(full_view(c, state, after)?, event).notify(notice))
}

/// The use case's name in the audit trail.
fn use_case(action: ClaimAction) -> &'static str {
    match action {
        ClaimAction::Submit => "claim.submit",
        ClaimAction::Review => "claim.review",
        ClaimAction::Approve => "claim.approve",
        ClaimAction::Reject => "claim.reject",
        ClaimAction::Withdraw => "claim.withdraw",
        ClaimAction::Appeal => "claim.appeal",
    }
}

fn checked_comment(d: Option<ClaimDecision>) -> ApiResult<Option<String>> {
    let comment = d.and_then(|d| d.comment);
    Ok(huzhu_domain::field_rules::decision_comment(
        comment.as_deref(),
    )?)
}

fn checked_rejection(r: ClaimRejection) -> ApiResult<ClaimRejection> {
    let known = ErrorCode::parse(&r.code).is_some_and(|c| REJECTION_CODES.contains(&c));
    if !known {
        return Err(ApiError::invalid_field(
            ErrorCode::ClaimRejectionCode,
            "code",
            format!(
                "unknown reason code `{}`; use one of {}",
                r.code,
                REJECTION_CODES.map(ErrorCode::as_str).join(", ")
            ),
        ));
    }
    let text = huzhu_domain::field_rules::rejection_text(&r.text)?;
    Ok(ClaimRejection { code: r.code, text })
}

pub(crate) fn member_of(caller: &Caller) -> ApiResult<i64> {
    match (caller.kind, caller.member_id) {
        (PrincipalKind::Member, Some(id)) => Ok(id),
        _ => Err(ApiError::forbidden()),
    }
}

/// The member's own claim; anybody else's answers 404.
pub(crate) fn own_claim(c: &mut DbConn, member_id: i64, id: i64) -> ApiResult<claims::Claim> {
    match claims::get(c, id) {
        Ok(claim) if claim.member_id == member_id => Ok(claim),
        Ok(_) | Err(StoreError::NotFound) => Err(claim_not_found()),
        Err(e) => Err(e.into()),
    }
}

/// A claim of the caller's part of the organisation; anything else answers 404.
pub(crate) fn claim_in_scope(c: &mut DbConn, scope: &str, id: i64) -> ApiResult<claims::Claim> {
    let claim = claims::get(c, id).map_err(|e| match e {
        StoreError::NotFound => claim_not_found(),
        other => other.into(),
    })?;
    org_units::get_within(c, &Scope(scope), claim.org_unit_id).map_err(|_| claim_not_found())?;
    Ok(claim)
}

/// Whose claims the caller reaches: a member their own, staff those of their subtree.
#[derive(Debug, Clone)]
pub(crate) enum Whose {
    Member(i64),
    Scope(String),
}

impl Whose {
    /// `own`: the member's own claims (`/me/claims`), else the staff member's subtree.
    pub(crate) fn of(caller: &Caller, own: bool) -> ApiResult<Self> {
        if own {
            member_of(caller).map(Self::Member)
        } else {
            Ok(Self::Scope(caller.org_scope()?.0.to_string()))
        }
    }

    /// The claim, if the caller reaches it; 404 otherwise.
    pub(crate) fn claim(&self, c: &mut DbConn, id: i64) -> ApiResult<claims::Claim> {
        match self {
            Self::Member(member_id) => own_claim(c, *member_id, id),
            Self::Scope(scope) => claim_in_scope(c, scope, id),
        }
    }
}

/// Takes `action` on a claim the caller reaches, as the caller.
async fn decide(
    caller: Caller,
    state: web::Data<AppState>,
    whose: Whose,
    id: i64,
    action: ClaimAction,
    comment: Option<String>,
    rejection: Option<ClaimRejection>,
) -> ApiResult<HttpResponse> {
    let by = caller.id;
    let now = state.now();
    let st = state.get_ref().clone();
    let decided = state
        .change(&caller, move |c| {
            let claim = whose.claim(c, id)?;
            let a = Act {
                action,
                by,
                comment,
                rejection,
            };
            act(c, &st, claim, a, now)
        })
        .await;
    match decided {
        Ok(claim) => Ok(HttpResponse::Ok().json(claim)),
        // A decision the rules refuse is worth a trace: who tried what, and why it failed.
        Err(e @ (ApiError::NotForYou { .. } | ApiError::Conflict { .. })) => {
            let (actor, event) = (caller.actor(), Event::of(use_case(action), "claim", id));
            let (code, message) = (e.code(), e.to_string());
            state
                .run(move |app| {
                    app.refused(&actor, event, code, &message);
                    Ok(())
                })
                .await?;
            Err(e)
        }
        Err(e) => Err(e),
    }
}

/// One claim the caller reaches, with its working and every step.
async fn read_one(state: web::Data<AppState>, whose: Whose, id: i64) -> ApiResult<HttpResponse> {
    let st = state.get_ref().clone();
    let claim = state
        .db(move |store| {
            store.read(|c| {
                let claim = whose.claim(c, id)?;
                full_view(c, &st, claim)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(claim))
}

/// A staff decision carrying an optional remark.
async fn staff_decision(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: Option<web::Json<ClaimDecision>>,
    action: ClaimAction,
) -> ApiResult<HttpResponse> {
    let comment = checked_comment(body.map(web::Json::into_inner))?;
    let whose = Whose::of(&caller, false)?;
    decide(caller, state, whose, id.into_inner(), action, comment, None).await
}

// ----- members -------------------------------------------------------------------------------

/// File a claim against one's own cover. The answer carries the engine's estimate.
#[utoipa::path(
    tag = "claims",
    request_body = OwnClaimRequest,
    responses(
        (status = 201, description = "Filed (submitted, or kept as a draft)", body = api::Claim),
        (status = 404, description = "The caller holds no such policy", body = ErrorBody),
        (status = 409, description = "An invoice was claimed before", body = ErrorBody),
        (status = 422, description = "Figures that cannot be right (listed in details) or a late claim", body = ErrorBody),
    )
)]
#[post("/me/claims")]
pub async fn file_own(
    caller: Caller,
    state: web::Data<AppState>,
    body: web::Json<OwnClaimRequest>,
) -> ApiResult<HttpResponse> {
    let member_id = member_of(&caller)?;
    let req = body.into_inner();
    let now = state.now();
    checked_facts(
        &req.facts,
        china_date(now),
        state.config.claim_time_limit_days,
    )?;
    let by = caller.id;
    let st = state.get_ref().clone();
    let claim = state
        .change(&caller, move |c| {
            let member = members::get(c, member_id)?;
            file(
                c,
                &st,
                Filing {
                    member,
                    policy_id: req.policy_id,
                    facts: req.facts,
                    draft: req.draft,
                    channel: "member",
                    by,
                },
                now,
            )
        })
        .await?;
    Ok(HttpResponse::Created().json(claim))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ClaimQuery {
    /// `draft`, `submitted`, `branch_reviewed`, `first_approved`, `approved`, `rejected`, `withdrawn` or `paid`.
    pub status: Option<String>,
    #[param(example = "ZY")]
    pub plan_code: Option<String>,
    pub member_id: Option<i64>,
    /// Claims of members of this office's part of the organisation (staff only).
    pub org_unit_id: Option<i64>,
    /// Claims filed more than this many days ago.
    pub older_than_days: Option<u32>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

fn filter_of(q: &ClaimQuery, now: DateTime<Utc>) -> ApiResult<ClaimFilter> {
    let status = match q.status.as_deref() {
        None => None,
        Some(s) => Some(
            ClaimStatus::parse(s)
                .ok_or_else(|| {
                    ApiError::invalid_field(
                        ErrorCode::ClaimUnknownStatus,
                        "status",
                        format!("unknown claim status `{s}`"),
                    )
                })?
                .as_str()
                .to_string(),
        ),
    };
    let plan_code = optional_plan_code(q.plan_code.as_deref())?;
    if q.older_than_days.is_some_and(|d| d > 36_500) {
        return Err(ApiError::invalid_field(
            ErrorCode::ClaimOlderThanDays,
            "older_than_days",
            "give at most 36,500 days (a hundred years)",
        ));
    }
    Ok(ClaimFilter {
        status,
        plan_code,
        member_id: q.member_id,
        office_path: None,
        filed_before: q
            .older_than_days
            .map(|d| now - chrono::Duration::days(i64::from(d))),
    })
}

fn page_of(
    c: &mut DbConn,
    scope: Option<&str>,
    filter: &ClaimFilter,
    paging: Paging,
) -> ApiResult<Page<api::Claim>> {
    let (rows, total) = claims::list(c, scope.map(Scope).as_ref(), filter, paging)?;
    let items = rows
        .into_iter()
        .map(|(claim, plan)| view(c, claim, plan, None))
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(Page {
        items,
        total,
        limit: paging.limit,
        offset: paging.offset,
    })
}

/// The caller's own claims, newest first.
#[utoipa::path(
    tag = "claims",
    params(ClaimQuery),
    responses((status = 200, description = "Claims", body = Page<api::Claim>), (status = 422, description = "Unknown status or plan code", body = ErrorBody))
)]
#[get("/me/claims")]
pub async fn list_own(
    caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<ClaimQuery>,
) -> ApiResult<HttpResponse> {
    let member_id = member_of(&caller)?;
    let q = query.into_inner();
    if q.org_unit_id.is_some() {
        return Err(ApiError::invalid_field(
            ErrorCode::ClaimOfficeFilter,
            "org_unit_id",
            "your own claims are not filtered by office",
        ));
    }
    let mut filter = filter_of(&q, state.now())?;
    filter.member_id = Some(member_id);
    let paging = Paging::new(q.limit, q.offset);
    let page = state
        .db(move |store| store.read(|c| page_of(c, None, &filter, paging)))
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// One of the caller's claims, with its working and its steps.
#[utoipa::path(
    tag = "claims",
    params(("id" = i64, Path, description = "Claim id")),
    responses((status = 200, description = "The claim", body = api::Claim), (status = 404, description = "No such claim of the caller", body = ErrorBody))
)]
#[get("/me/claims/{id}")]
pub async fn get_own(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    read_one(state, Whose::of(&caller, true)?, id.into_inner()).await
}

/// Submit a draft of one's own.
#[utoipa::path(tag = "claims", params(("id" = i64, Path, description = "Claim id")),
    responses((status = 200, description = "Submitted", body = api::Claim), (status = 404, description = "No such claim of the caller", body = ErrorBody), (status = 409, description = "Not a draft", body = ErrorBody)))]
#[post("/me/claims/{id}/submit")]
pub async fn submit_own(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let whose = Whose::of(&caller, true)?;
    decide(
        caller,
        state,
        whose,
        id.into_inner(),
        ClaimAction::Submit,
        None,
        None,
    )
    .await
}

/// Withdraw one's own claim before it is approved.
#[utoipa::path(tag = "claims", params(("id" = i64, Path, description = "Claim id")),
    responses((status = 200, description = "Withdrawn", body = api::Claim), (status = 404, description = "No such claim of the caller", body = ErrorBody), (status = 409, description = "Too late to withdraw", body = ErrorBody)))]
#[post("/me/claims/{id}/withdraw")]
pub async fn withdraw_own(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let whose = Whose::of(&caller, true)?;
    decide(
        caller,
        state,
        whose,
        id.into_inner(),
        ClaimAction::Withdraw,
        None,
        None,
    )
    .await
}

/// Appeal a refusal of one's own claim (once): it is submitted again.
#[utoipa::path(tag = "claims", params(("id" = i64, Path, description = "Claim id")),
    responses((status = 200, description = "Reopened", body = api::Claim), (status = 404, description = "No such claim of the caller", body = ErrorBody), (status = 409, description = "Not rejected, or appealed before", body = ErrorBody)))]
#[post("/me/claims/{id}/appeal")]
pub async fn appeal_own(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let whose = Whose::of(&caller, true)?;
    decide(
        caller,
        state,
        whose,
        id.into_inner(),
        ClaimAction::Appeal,
        None,
        None,
    )
    .await
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct NoticeQuery {
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// What happened to the caller's claims, newest first: every status change with its remark.
#[utoipa::path(
    tag = "claims",
    params(NoticeQuery),
    responses((status = 200, description = "Status changes", body = Page<api::ClaimNotice>))
)]
#[get("/me/notifications")]
pub async fn notices(
    caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<NoticeQuery>,
) -> ApiResult<HttpResponse> {
    let member_id = member_of(&caller)?;
    let paging = Paging::new(query.limit, query.offset);
    let (rows, total) = state
        .db(move |store| {
            store.read(|c| Ok::<_, ApiError>(claims::notices_of_member(c, member_id, paging)?))
        })
        .await?;
    let items = rows
        .into_iter()
        .map(|n| api::ClaimNotice {
            claim_id: n.claim_id,
            plan_code: n.plan_code,
            from: n.event.from_status,
            to: n.event.to_status,
            comment: n.event.comment,
            at: n.event.at,
        })
        .collect();
    Ok(HttpResponse::Ok().json(Page {
        items,
        total,
        limit: paging.limit,
        offset: paging.offset,
    }))
}

// ----- staff ---------------------------------------------------------------------------------

/// File a claim for a member of the caller's part of the organisation.
#[utoipa::path(
    tag = "claims",
    request_body = ClaimRequest,
    responses(
        (status = 201, description = "Filed", body = api::Claim),
        (status = 404, description = "No such member in the caller's subtree, or a policy the member does not hold", body = ErrorBody),
        (status = 409, description = "An invoice was claimed before", body = ErrorBody),
        (status = 422, description = "Figures that cannot be right (listed in details) or a late claim", body = ErrorBody),
    )
)]
#[post("/claims")]
pub async fn file_for_member(
    caller: Caller,
    state: web::Data<AppState>,
    body: web::Json<ClaimRequest>,
) -> ApiResult<HttpResponse> {
    let req = body.into_inner();
    let now = state.now();
    checked_facts(
        &req.facts,
        china_date(now),
        state.config.claim_time_limit_days,
    )?;
    let scope = caller.org_scope()?.0.to_string();
    let by = caller.id;
    let st = state.get_ref().clone();
    let claim = state
        .change(&caller, move |c| {
            let member =
                members::get_within(c, &Scope(&scope), req.member_id).map_err(|e| match e {
                    StoreError::NotFound => {
                        ApiError::not_found(ErrorCode::MemberNotFound, "member")
                    }
                    other => other.into(),
                })?;
            file(
                c,
                &st,
                Filing {
                    member,
                    policy_id: req.policy_id,
                    facts: req.facts,
                    draft: req.draft,
                    channel: "staff",
                    by,
                },
                now,
            )
        })
        .await?;
    Ok(HttpResponse::Created().json(claim))
}

/// The claims of the caller's part of the organisation, newest first: the review queue.
#[utoipa::path(
    tag = "claims",
    params(ClaimQuery),
    responses((status = 200, description = "Claims", body = Page<api::Claim>), (status = 422, description = "Unknown status, plan code or office", body = ErrorBody))
)]
#[get("/claims")]
pub async fn list(
    caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<ClaimQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.into_inner();
    let mut filter = filter_of(&q, state.now())?;
    let paging = Paging::new(q.limit, q.offset);
    let scope = caller.org_scope()?.0.to_string();
    let page = state
        .db(move |store| {
            store.read(|c| {
                if let Some(unit) = q.org_unit_id {
                    let office = org_units::get_within(c, &Scope(&scope), unit).map_err(|_| {
                        ApiError::invalid_field(
                            ErrorCode::OrgUnitNotFound,
                            "org_unit_id",
                            "no such office in your part of the organisation",
                        )
                    })?;
                    filter.office_path = Some(office.path);
                }
                page_of(c, Some(&scope), &filter, paging)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// One claim with its working and every step.
#[utoipa::path(
    tag = "claims",
    params(("id" = i64, Path, description = "Claim id")),
    responses((status = 200, description = "The claim", body = api::Claim), (status = 404, description = "No such claim in the caller's subtree", body = ErrorBody))
)]
#[get("/claims/{id}")]
pub async fn get(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    read_one(state, Whose::of(&caller, false)?, id.into_inner()).await
}

/// Submit a draft filed by the office.
#[utoipa::path(tag = "claims", params(("id" = i64, Path, description = "Claim id")), request_body = ClaimDecision,
    responses((status = 200, description = "Submitted", body = api::Claim), (status = 404, description = "No such claim in the caller's subtree", body = ErrorBody), (status = 409, description = "Not a draft", body = ErrorBody)))]
#[post("/claims/{id}/submit")]
pub async fn submit(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: Option<web::Json<ClaimDecision>>,
) -> ApiResult<HttpResponse> {
    staff_decision(caller, state, id, body, ClaimAction::Submit).await
}

/// The branch office's review: the claim goes to the provincial approvers. The reviewer must
/// not be the person who submitted it.
#[utoipa::path(tag = "claims", params(("id" = i64, Path, description = "Claim id")), request_body = ClaimDecision,
    responses((status = 200, description = "Reviewed", body = api::Claim), (status = 403, description = "The caller submitted this claim", body = ErrorBody), (status = 404, description = "No such claim in the caller's subtree", body = ErrorBody), (status = 409, description = "Not submitted", body = ErrorBody)))]
#[post("/claims/{id}/review")]
pub async fn review(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: Option<web::Json<ClaimDecision>>,
) -> ApiResult<HttpResponse> {
    staff_decision(caller, state, id, body, ClaimAction::Review).await
}

/// Approve a reviewed claim: the engine works it out again from the policy's usage now and the
/// usage is spent. Above the threshold a second provincial approver must approve as well.
#[utoipa::path(tag = "claims", params(("id" = i64, Path, description = "Claim id")), request_body = ClaimDecision,
    responses((status = 200, description = "Approved (or approved once, awaiting the second approver)", body = api::Claim), (status = 403, description = "The caller submitted, reviewed or already approved this claim", body = ErrorBody), (status = 404, description = "No such claim in the caller's subtree", body = ErrorBody), (status = 409, description = "Not reviewed, or approved already", body = ErrorBody)))]
#[post("/claims/{id}/approve")]
pub async fn approve(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: Option<web::Json<ClaimDecision>>,
) -> ApiResult<HttpResponse> {
    staff_decision(caller, state, id, body, ClaimAction::Approve).await
}

/// Refuse a claim with a reason code and words for the member.
#[utoipa::path(tag = "claims", params(("id" = i64, Path, description = "Claim id")), request_body = ClaimRejection,
    responses((status = 200, description = "Rejected", body = api::Claim), (status = 404, description = "No such claim in the caller's subtree", body = ErrorBody), (status = 409, description = "Approved or closed already", body = ErrorBody), (status = 422, description = "Unknown reason code or missing explanation", body = ErrorBody)))]
#[post("/claims/{id}/reject")]
pub async fn reject(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: web::Json<ClaimRejection>,
) -> ApiResult<HttpResponse> {
    let rejection = checked_rejection(body.into_inner())?;
    let whose = Whose::of(&caller, false)?;
    decide(
        caller,
        state,
        whose,
        id.into_inner(),
        ClaimAction::Reject,
        None,
        Some(rejection),
    )
    .await
}

/// Withdraw a claim before it is approved.
#[utoipa::path(tag = "claims", params(("id" = i64, Path, description = "Claim id")), request_body = ClaimDecision,
    responses((status = 200, description = "Withdrawn", body = api::Claim), (status = 404, description = "No such claim in the caller's subtree", body = ErrorBody), (status = 409, description = "Too late to withdraw", body = ErrorBody)))]
#[post("/claims/{id}/withdraw")]
pub async fn withdraw(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: Option<web::Json<ClaimDecision>>,
) -> ApiResult<HttpResponse> {
    staff_decision(caller, state, id, body, ClaimAction::Withdraw).await
}

/// Appeal a refusal on the member's behalf (once): the claim is submitted again.
#[utoipa::path(tag = "claims", params(("id" = i64, Path, description = "Claim id")), request_body = ClaimDecision,
    responses((status = 200, description = "Reopened", body = api::Claim), (status = 404, description = "No such claim in the caller's subtree", body = ErrorBody), (status = 409, description = "Not rejected, or appealed before", body = ErrorBody)))]
#[post("/claims/{id}/appeal")]
pub async fn appeal(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: Option<web::Json<ClaimDecision>>,
) -> ApiResult<HttpResponse> {
    staff_decision(caller, state, id, body, ClaimAction::Appeal).await
}
