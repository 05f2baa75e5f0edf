//! Individual enrollment by members and the contributions that start the cover: the routes of
//! huzhu_app::enrollment.

use crate::auth::Caller;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::views;
use actix_web::http::StatusCode;
use actix_web::{post, web, HttpRequest, HttpResponse};
use huzhu_api_types::{
    ContributionReceipt, ErrorBody, IndividualEnrollment, NewContribution, PolicyCoverage,
};
use huzhu_app::enrollment::{Payment, Receipt};
use huzhu_domain::Money;

fn receipt(r: &Receipt) -> ContributionReceipt {
    ContributionReceipt {
        id: r.contribution.id,
        policy_id: r.policy.id,
        amount: Money::from_fen(r.contribution.amount_fen).to_string(),
        channel: r.contribution.channel,
        reference: r.contribution.reference.clone(),
        paid_on: r.contribution.paid_on,
        paid_so_far: Money::from_fen(r.paid_so_far_fen).to_string(),
        premium: Money::from_fen(r.policy.premium_fen).to_string(),
        policy_status: r.policy.status,
        start_date: r.policy.start_date,
        end_date: r.policy.end_date,
        waiting_period_end: r.policy.waiting_period_end,
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
    let req = body.into_inner();
    let standing = state
        .act(&caller, move |app, actor| {
            app.enroll_myself(actor, &req.plan_code, req.shares)
        })
        .await?;
    Ok(HttpResponse::Created().json(views::policy_coverage(standing)))
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
    let policy_id = req.policy_id;
    let payment = Payment {
        amount: req.amount,
        channel: req.channel,
        reference: req.reference,
        paid_on: req.paid_on,
    };
    state
        .act_once(&caller, &http_req, &canonical, move |app, actor, key| {
            app.record_contribution(
                actor,
                key,
                StatusCode::CREATED.as_u16(),
                policy_id,
                payment,
                receipt,
            )
        })
        .await
}
