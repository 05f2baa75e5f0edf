//! The plan catalogue: what is in force for everyone; drafts, approval, activation and
//! retirement for those who manage plans.

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::{get, post, put, web, HttpResponse};
use huzhu_api_types::{ErrorBody, PlanVersion};
use huzhu_app::{Done, Event};
use huzhu_domain::plan::{PlanCode, PlanTerms, PlanVersionState};
use huzhu_domain::ErrorCode;
use huzhu_store::{governance, plans, StoreError};

/// The terms stored with a version; a version this code cannot read is an internal error.
pub(crate) fn terms_of(v: &plans::PlanVersion) -> ApiResult<PlanTerms> {
    serde_json::from_str(&v.terms)
        .map_err(|e| ApiError::Internal(format!("plan version {} has unreadable terms: {e}", v.id)))
}

/// A plan code given as an optional filter: `None` when absent or blank, 422 when malformed.
pub(crate) fn optional_plan_code(raw: Option<&str>) -> ApiResult<Option<String>> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(raw) => PlanCode::parse(raw)
            .map(|c| Some(c.as_str().to_string()))
            .map_err(|e| ApiError::invalid_field(ErrorCode::PlanCode, "plan_code", e.to_string())),
    }
}

pub(crate) fn to_dto(v: plans::PlanVersion) -> ApiResult<PlanVersion> {
    let terms = terms_of(&v)?;
    Ok(PlanVersion {
        id: v.id,
        code: v.code,
        version: v.version,
        state: PlanVersionState::parse(&v.state).ok_or_else(|| {
            StoreError::Corrupt(format!("plan version {} has state {:?}", v.id, v.state))
        })?,
        terms,
        created_at: v.created_at,
        approved_by: v.approved_by,
        approved_at: v.approved_at,
        activated_at: v.activated_at,
        retired_at: v.retired_at,
    })
}

fn checked(terms: &PlanTerms) -> ApiResult<String> {
    if let Err(problems) = terms.validate() {
        let details: Vec<serde_json::Value> = problems
            .iter()
            .map(|p| serde_json::json!({"code": p.code(), "message": p.to_string()}))
            .collect();
        return Err(ApiError::Invalid {
            code: ErrorCode::PlanInvalid,
            message: format!(
                "the plan terms break {} rule(s): {}",
                problems.len(),
                problems
                    .iter()
                    .map(|p| p.to_string())
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            details: Some(serde_json::json!({ "problems": details })),
        });
    }
    serde_json::to_string(terms).map_err(|e| ApiError::Internal(e.to_string()))
}

fn version_not_found() -> ApiError {
    ApiError::not_found(ErrorCode::PlanVersionNotFound, "plan version")
}

/// The catalogue in force: the active version of every plan.
#[utoipa::path(tag = "plans", responses((status = 200, description = "Active plan versions", body = Vec<PlanVersion>)))]
#[get("/plans")]
pub async fn catalogue(_caller: Caller, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let all = state
        .db(|store| store.read(|c| Ok(plans::all_versions(c)?)))
        .await?;
    let active = all
        .into_iter()
        .filter(|v| v.state == PlanVersionState::Active.as_str())
        .map(to_dto)
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(HttpResponse::Ok().json(active))
}

/// Every version of every plan, drafts and retired ones included.
#[utoipa::path(tag = "plans", responses((status = 200, description = "All plan versions", body = Vec<PlanVersion>)))]
#[get("/plan-versions")]
pub async fn versions(_caller: Caller, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let stored = state
        .db(|store| store.read(|c| Ok(plans::all_versions(c)?)))
        .await?;
    let all = stored
        .into_iter()
        .map(to_dto)
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(HttpResponse::Ok().json(all))
}

/// Draft a new version of a plan (a new plan on its first version). The terms are checked in
/// full; every broken rule is listed in `details.problems`.
#[utoipa::path(
    tag = "plans",
    request_body(content = Object, description = "The plan terms"),
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
    let json = checked(&terms)?;
    let code = terms.code.as_str().to_string();
    let by = caller.id;
    let now = state.now();
    let version = state
        .change(&caller, move |c| {
            let version = plans::insert_draft(c, &code, &json, Some(by), now)?;
            let event = Event::of("plan.draft", "plan_version", version.id)
                .fact("code", &version.code)
                .fact("version", version.version);
            Ok(Done::new(version, event))
        })
        .await?;
    Ok(HttpResponse::Created().json(to_dto(version)?))
}

/// Replace the terms of a draft (the plan code cannot change).
#[utoipa::path(
    tag = "plans",
    params(("id" = i64, Path, description = "Plan version id")),
    request_body(content = Object, description = "The plan terms"),
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
    let json = checked(&terms)?;
    let id = id.into_inner();
    let version = state
        .change(&caller, move |c| {
            let current = plans::get_version(c, id).map_err(not_found)?;
            if current.code != terms.code.as_str() {
                return Err(ApiError::invalid_field(
                    ErrorCode::PlanCodeChanged,
                    "code",
                    format!(
                        "this is a version of {}; draft a new plan for another code",
                        current.code
                    ),
                ));
            }
            if governance::motions_of_plan_version(c, id)?
                .iter()
                .any(|m| m.status == "open")
            {
                return Err(ApiError::conflict(
                    ErrorCode::GovernanceMotionPending,
                    "the council has this version before it; it cannot change while the motion is open",
                ));
            }
            let version = plans::update_draft(c, id, &json)?;
            let event = Event::of("plan.update_draft", "plan_version", version.id)
                .fact("code", &version.code)
                .fact("version", version.version);
            Ok(Done::new(version, event))
        })
        .await?;
    Ok(HttpResponse::Ok().json(to_dto(version)?))
}

fn not_found(e: StoreError) -> ApiError {
    match e {
        StoreError::NotFound => version_not_found(),
        other => other.into(),
    }
}

async fn transition(
    caller: &Caller,
    state: &AppState,
    id: i64,
    to: PlanVersionState,
) -> ApiResult<HttpResponse> {
    let by = caller.id;
    let now = state.now();
    let version = state
        .change(caller, move |c| {
            let current = plans::get_version(c, id).map_err(not_found)?;
            let from = PlanVersionState::parse(&current.state).ok_or_else(|| {
                ApiError::Internal(format!("unknown plan state {}", current.state))
            })?;
            if to == PlanVersionState::Active
                && !governance::motions_of_plan_version(c, id)?
                    .iter()
                    .any(|m| m.status == "passed")
            {
                return Err(ApiError::conflict(
                    ErrorCode::PlanResolutionRequired,
                    "a plan version goes into force only by a council resolution approving it: table a motion at a council meeting",
                ));
            }
            from.transition(to)
                .map_err(|e| ApiError::conflict(ErrorCode::PlanStateTransition, e.to_string()))?;
            // Putting a version in force retires the one in force before it.
            let replaced = if to == PlanVersionState::Active {
                plans::active_version(c, &current.code)?.filter(|v| v.id != id)
            } else {
                None
            };
            let version = plans::set_state(c, id, from.as_str(), to.as_str(), Some(by), now)?;
            let use_case = if to == PlanVersionState::Active {
                "plan.activate"
            } else {
                "plan.retire"
            };
            let event = Event::of(use_case, "plan_version", version.id)
                .fact("code", &version.code)
                .fact("version", version.version)
                .moved(from.as_str(), &version.state);
            let mut done = Done::new(version, event);
            if let Some(old) = replaced {
                done = done.and(
                    Event::of("plan.retire", "plan_version", old.id)
                        .fact("code", &old.code)
                        .fact("version", old.version)
                        .moved(&old.state, PlanVersionState::Retired.as_str())
                        .fact("replaced_by", id),
                );
            }
            Ok(done)
        })
        .await?;
    Ok(HttpResponse::Ok().json(to_dto(version)?))
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
    transition(&caller, &state, id.into_inner(), PlanVersionState::Active).await
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
    transition(&caller, &state, id.into_inner(), PlanVersionState::Retired).await
}
