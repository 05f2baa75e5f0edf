//! Coverage enquiry (保障查询): the routes of huzhu_app::coverage — a member's policies and how
//! each stands on a day, asked by members about themselves, by staff about members of their
//! subtree, and by integrators (hospitals' settlement systems, government portals) about anyone.

use crate::auth::lookup_hash::id_number_hash;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::views;
use actix_web::{get, post, web, HttpResponse};
use chrono::NaiveDate;
use huzhu_api_types::{Coverage, EligibilityRequest, ErrorBody};
use huzhu_app::coverage::Enquiry;
use huzhu_domain::coverage::EventKind;
use huzhu_domain::plan::PlanCode;
use huzhu_domain::ErrorCode;
use huzhu_domain::IdNumber;
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CoverageQuery {
    /// The day to answer for (default: today, China Standard Time).
    pub date: Option<NaiveDate>,
}

/// My cover: every policy, with its period, shares, waiting period and what is left.
#[utoipa::path(
    tag = "coverage",
    params(CoverageQuery),
    responses((status = 200, description = "The caller's cover", body = Coverage))
)]
#[get("/me/coverage")]
pub async fn mine(
    caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<CoverageQuery>,
) -> ApiResult<HttpResponse> {
    let date = query.date.unwrap_or_else(|| state.today());
    let coverage = state
        .point(&caller, move |app, r, actor| {
            app.my_coverage(r, actor, date)
        })
        .await?;
    Ok(HttpResponse::Ok().json(views::coverage(coverage)))
}

/// The cover of a member of the caller's subtree.
#[utoipa::path(
    tag = "coverage",
    params(("id" = i64, Path, description = "Member id"), CoverageQuery),
    responses(
        (status = 200, description = "The member's cover", body = Coverage),
        (status = 404, description = "No such member in the caller's subtree", body = ErrorBody),
    )
)]
#[get("/members/{id}/coverage")]
pub async fn of_member(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    query: web::Query<CoverageQuery>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let date = query.date.unwrap_or_else(|| state.today());
    let coverage = state
        .point(&caller, move |app, r, actor| {
            app.member_coverage(r, actor, id, date)
        })
        .await?;
    Ok(HttpResponse::Ok().json(views::coverage(coverage)))
}

/// Is this person covered for an event on this day? For each policy: covered or not (with the
/// reason code), period, shares, waiting-period end and what is left of each accumulator.
/// Integrators may ask about anyone; staff about members of their subtree. A person who is not
/// a member (or not one the caller may see) gets `member_found: false`.
#[utoipa::path(
    tag = "coverage",
    request_body = EligibilityRequest,
    responses(
        (status = 200, description = "The person's cover on the event date", body = Coverage),
        (status = 422, description = "Invalid ID number or plan code", body = ErrorBody),
    )
)]
#[post("/coverage/eligibility")]
pub async fn eligibility(
    caller: Caller,
    state: web::Data<AppState>,
    body: web::Json<EligibilityRequest>,
) -> ApiResult<HttpResponse> {
    let req = body.into_inner();
    let id = IdNumber::parse(&req.id_number)
        .map_err(|e| ApiError::invalid_field(e.code(), "id_number", e.to_string()))?;
    let enquiry = Enquiry {
        id_number_hash: id_number_hash(&state.config.lookup_key.0, &id),
        date: req.event_date,
        kind: req.event_kind.unwrap_or(EventKind::Illness),
        plan_code: req
            .plan_code
            .as_deref()
            .map(|c| PlanCode::parse(c).map(|c| c.as_str().to_string()))
            .transpose()
            .map_err(|e| {
                ApiError::invalid_field(ErrorCode::PlanCode, "plan_code", e.to_string())
            })?,
    };
    let coverage = state
        .point(&caller, move |app, r, actor| {
            app.eligibility(r, actor, &enquiry)
        })
        .await?;
    Ok(HttpResponse::Ok().json(views::coverage(coverage)))
}
