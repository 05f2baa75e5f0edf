//! Claims (互助金申请): the routes of the claim use cases (huzhu_app::claims): members file
//! against their own cover, branch offices for members in their part of the organisation;
//! reviewers and provincial approvers move them on.

use crate::auth::Caller;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::views;
use actix_web::{get, post, web, HttpResponse};
use huzhu_api_types::{
    self as api, ClaimDecision, ClaimRejection, ClaimRequest, ErrorBody, OwnClaimRequest, Page,
};
use huzhu_app::claims::{ClaimQuery as Query, Decision, Filing, Side};
use huzhu_app::records::Paging;
use huzhu_domain::claim_flow::ClaimAction;
use serde::Deserialize;

/// Takes `decision` on claim `id` on the caller's `side`.
async fn decide(
    caller: Caller,
    state: web::Data<AppState>,
    side: Side,
    id: i64,
    decision: Decision,
) -> ApiResult<HttpResponse> {
    let claim = state
        .act(&caller, move |app, actor| {
            app.decide_claim(actor, side, id, decision)
        })
        .await?;
    Ok(HttpResponse::Ok().json(views::claim(claim)))
}

/// One claim the caller reaches, with its working and every step.
async fn read_one(
    caller: Caller,
    state: web::Data<AppState>,
    side: Side,
    id: i64,
) -> ApiResult<HttpResponse> {
    let claim = state
        .act(&caller, move |app, actor| app.claim(actor, side, id))
        .await?;
    Ok(HttpResponse::Ok().json(views::claim(claim)))
}

/// A staff decision carrying an optional remark.
async fn staff_decision(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: Option<web::Json<ClaimDecision>>,
    action: ClaimAction,
) -> ApiResult<HttpResponse> {
    let comment = body.and_then(|b| b.into_inner().comment);
    let decision = Decision::with_comment(action, comment.as_deref())?;
    decide(caller, state, Side::Office, id.into_inner(), decision).await
}

async fn filed(
    caller: Caller,
    state: web::Data<AppState>,
    member_id: Option<i64>,
    filing: Filing,
) -> ApiResult<HttpResponse> {
    let claim = state
        .act(&caller, move |app, actor| match member_id {
            None => app.file_own_claim(actor, filing),
            Some(member) => app.file_claim_for_member(actor, member, filing),
        })
        .await?;
    Ok(HttpResponse::Created().json(views::claim(claim)))
}

async fn listed(
    caller: Caller,
    state: web::Data<AppState>,
    side: Side,
    q: ClaimQuery,
) -> ApiResult<HttpResponse> {
    let query = Query {
        status: q.status,
        plan_code: q.plan_code,
        member_id: q.member_id,
        org_unit_id: q.org_unit_id,
        older_than_days: q.older_than_days,
        paging: Paging::new(q.limit, q.offset),
    };
    let claims = state
        .act(&caller, move |app, actor| app.claims(actor, side, query))
        .await?;
    Ok(HttpResponse::Ok().json(views::page(claims, views::claim)))
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
    let req = body.into_inner();
    let filing = Filing {
        policy_id: req.policy_id,
        facts: req.facts,
        draft: req.draft,
    };
    filed(caller, state, None, filing).await
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
    listed(caller, state, Side::Own, query.into_inner()).await
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
    read_one(caller, state, Side::Own, id.into_inner()).await
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
    let decision = Decision::with_comment(ClaimAction::Submit, None)?;
    decide(caller, state, Side::Own, id.into_inner(), decision).await
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
    let decision = Decision::with_comment(ClaimAction::Withdraw, None)?;
    decide(caller, state, Side::Own, id.into_inner(), decision).await
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
    let decision = Decision::with_comment(ClaimAction::Appeal, None)?;
    decide(caller, state, Side::Own, id.into_inner(), decision).await
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
    let paging = Paging::new(query.limit, query.offset);
    let notices = state
        .act(&caller, move |app, actor| {
            app.my_claim_notices(actor, paging)
        })
        .await?;
    Ok(
        HttpResponse::Ok().json(views::page(notices, |n| api::ClaimNotice {
            claim_id: n.claim_id,
            plan_code: n.plan_code,
            from: n.event.from_status,
            to: n.event.to_status,
            comment: n.event.comment,
            at: n.event.at,
        })),
    )
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
    let filing = Filing {
        policy_id: req.policy_id,
        facts: req.facts,
        draft: req.draft,
    };
    filed(caller, state, Some(req.member_id), filing).await
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
    listed(caller, state, Side::Office, query.into_inner()).await
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
    read_one(caller, state, Side::Office, id.into_inner()).await
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
    let r = body.into_inner();
    let decision = Decision::refusal(&r.code, &r.text)?;
    decide(caller, state, Side::Office, id.into_inner(), decision).await
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
