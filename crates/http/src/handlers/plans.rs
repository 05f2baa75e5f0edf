//! The plan catalogue: the routes of huzhu_app::plans — what is in force for everyone; drafts,
//! activation and retirement for those who manage plans.

use crate::auth::Caller;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::views;
use actix_web::{get, post, put, web, HttpResponse};
use huzhu_api_types::{ErrorBody, PlanVersion};
use huzhu_domain::plan::{PlanTerms, PlanVersionState};

async fn moved(
    caller: &Caller,
    state: &AppState,
    id: i64,
    to: PlanVersionState,
) -> ApiResult<HttpResponse> {
    let version = state
        .act(caller, move |app, actor| {
            app.move_plan_version(actor, id, to)
        })
        .await?;
    Ok(HttpResponse::Ok().json(views::plan_version(version)?))
}

/// The catalogue in force: the active version of every plan.
#[utoipa::path(tag = "plans", responses((status = 200, description = "Active plan versions", body = Vec<PlanVersion>)))]
#[get("/plans")]
pub async fn catalogue(caller: Caller, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let active = state.act(&caller, |app, _| app.plan_catalogue()).await?;
    Ok(HttpResponse::Ok().json(views::plan_versions(active)?))
}

/// Every version of every plan, drafts and retired ones included.
#[utoipa::path(tag = "plans", responses((status = 200, description = "All plan versions", body = Vec<PlanVersion>)))]
#[get("/plan-versions")]
pub async fn versions(caller: Caller, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let all = state.act(&caller, |app, _| app.plan_versions()).await?;
    Ok(HttpResponse::Ok().json(views::plan_versions(all)?))
}

/// Draft a new version of a plan (a new plan on its first version). The terms are checked in
/// full; every broken rule is listed in `details.problems`.
#[utoipa::path(
    tag = "plans",
    request_body(content = PlanTerms, description = "The plan terms"),
    responses(
        (status = 201, description = "Draft created", body = PlanVersion),
        (status = 422, description = "The terms break rules (`plan.invalid`, listed in details) or do not fit the schema", body = ErrorBody),
    )
)]
#[post("/plan-versions")]
pub async fn create_draft(
    caller: Caller,
    state: web::Data<AppState>,
    body: web::Json<PlanTerms>,
) -> ApiResult<HttpResponse> {
    let terms = body.into_inner();
    let version = state
        .act(&caller, move |app, actor| {
            app.draft_plan_version(actor, &terms)
        })
        .await?;
    Ok(HttpResponse::Created().json(views::plan_version(version)?))
}

/// Replace the terms of a draft (the plan code cannot change).
#[utoipa::path(
    tag = "plans",
    params(("id" = i64, Path, description = "Plan version id")),
    request_body(content = PlanTerms, description = "The plan terms"),
    responses(
        (status = 200, description = "Draft changed", body = PlanVersion),
        (status = 404, description = "No such plan version", body = ErrorBody),
        (status = 409, description = "The version is no longer a draft", body = ErrorBody),
        (status = 422, description = "The terms break rules or change the plan code", body = ErrorBody),
    )
)]
#[put("/plan-versions/{id}")]
pub async fn update_draft(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: web::Json<PlanTerms>,
) -> ApiResult<HttpResponse> {
    let terms = body.into_inner();
    let id = id.into_inner();
    let version = state
        .act(&caller, move |app, actor| {
            app.update_plan_draft(actor, id, &terms)
        })
        .await?;
    Ok(HttpResponse::Ok().json(views::plan_version(version)?))
}

/// Put in force a version a council resolution approved; the version in force before it is
/// retired. (A passed resolution puts its version in force by itself; this serves a version
/// approved by resolution and not yet in force.)
#[utoipa::path(
    tag = "plans",
    params(("id" = i64, Path, description = "Plan version id")),
    responses(
        (status = 200, description = "Active", body = PlanVersion),
        (status = 404, description = "No such plan version", body = ErrorBody),
        (status = 409, description = "No passed council resolution approves this version, or it is not approved", body = ErrorBody),
    )
)]
#[post("/plan-versions/{id}/activate")]
pub async fn activate(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    moved(&caller, &state, id.into_inner(), PlanVersionState::Active).await
}

/// Withdraw an active version from the catalogue (existing policies keep their cover).
#[utoipa::path(
    tag = "plans",
    params(("id" = i64, Path, description = "Plan version id")),
    responses(
        (status = 200, description = "Retired", body = PlanVersion),
        (status = 404, description = "No such plan version", body = ErrorBody),
        (status = 409, description = "Only an active version can be retired", body = ErrorBody),
    )
)]
#[post("/plan-versions/{id}/retire")]
pub async fn retire(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    moved(&caller, &state, id.into_inner(), PlanVersionState::Retired).await
}
