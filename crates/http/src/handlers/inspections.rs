//! The supervisory board's inspections: the board records what it inspected, its findings and
//! what the council must answer by when; the council responds; the board closes the matter with
//! its conclusion.

use super::required_text;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::{get, post, web, HttpResponse};
use huzhu_api_types::{
    ErrorBody, Inspection, InspectionRequest, InspectionResponse, InspectionText,
};
use huzhu_app::{Done, Event};
use huzhu_domain::plan::china_date;
use huzhu_domain::ErrorCode;
use huzhu_store::{inspections as store_inspections, DbConn, StoreError};

fn not_found(e: StoreError) -> ApiError {
    match e {
        StoreError::NotFound => ApiError::not_found(ErrorCode::InspectionNotFound, "inspection"),
        other => other.into(),
    }
}

fn dto(c: &mut DbConn, i: store_inspections::Inspection) -> ApiResult<Inspection> {
    let responses = store_inspections::responses(c, i.id)?
        .into_iter()
        .map(|r| InspectionResponse {
            id: r.id,
            text: r.text,
            responded_by: r.responded_by,
            responder: r.responder,
            responded_at: r.responded_at.and_utc(),
        })
        .collect();
    Ok(Inspection {
        id: i.id,
        title: i.title,
        scope: i.scope,
        findings: i.findings,
        request: i.request,
        respond_by: i.respond_by,
        status: i.status,
        opened_by: i.opened_by,
        opened_at: i.opened_at.and_utc(),
        closed_at: i.closed_at.map(|t| t.and_utc()),
        conclusion: i.conclusion,
        responses,
    })
}

/// Inspections, newest first, with the council's responses.
#[utoipa::path(
    tag = "governance",
    responses((status = 200, description = "Inspections", body = [Inspection]))
)]
#[get("/inspections")]
pub async fn list(_caller: Caller, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let found = state
        .db(move |store| {
            store.read(|c| {
                let all = store_inspections::list(c)?;
                all.into_iter()
                    .map(|i| dto(c, i))
                    .collect::<ApiResult<Vec<_>>>()
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(found))
}

/// Open an inspection that the council must answer.
#[utoipa::path(
    tag = "governance",
    request_body = InspectionRequest,
    responses(
        (status = 201, description = "Opened", body = Inspection),
        (status = 422, description = "A blank field, or a reply date in the past", body = ErrorBody),
    )
)]
#[post("/inspections")]
pub async fn open(
    caller: Caller,
    state: web::Data<AppState>,
    body: web::Json<InspectionRequest>,
) -> ApiResult<HttpResponse> {
    let req = body.into_inner();
    let title = required_text("title", &req.title, 200)?;
    let scope = required_text("scope", &req.scope, 2_000)?;
    let findings = required_text("findings", &req.findings, 20_000)?;
    let request = required_text("request", &req.request, 20_000)?;
    let now = state.now();
    if req.respond_by < china_date(now) {
        return Err(ApiError::invalid_field(
            ErrorCode::InspectionRespondBy,
            "respond_by",
            "the council cannot be asked to answer by a day that has passed",
        ));
    }
    let by = caller.id;
    let inspection = state
        .change(&caller, move |c| {
            let i = store_inspections::insert(
                c,
                store_inspections::NewInspection {
                    title: &title,
                    scope: &scope,
                    findings: &findings,
                    request: &request,
                    respond_by: req.respond_by,
                    opened_by: by,
                },
                now,
            )?;
            let event = Event::of("inspection.open", "inspection", i.id)
                .fact("title", &i.title)
                .fact("respond_by", i.respond_by)
                .fact("status", &i.status);
            Ok(Done::new(dto(c, i)?, event))
        })
        .await?;
    Ok(HttpResponse::Created().json(inspection))
}

#[utoipa::path(
    tag = "governance",
    params(("id" = i64, Path, description = "Inspection id")),
    responses(
        (status = 200, description = "The inspection", body = Inspection),
        (status = 404, description = "No such inspection", body = ErrorBody),
    )
)]
#[get("/inspections/{id}")]
pub async fn get(
    _caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let inspection = state
        .db(move |store| {
            store.read(|c| {
                let i = store_inspections::get(c, id).map_err(not_found)?;
                dto(c, i)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(inspection))
}

/// A step with text on an inspection: the council's response or the board's conclusion.
async fn step(
    caller: &Caller,
    state: &AppState,
    use_case: &'static str,
    id: i64,
    text: &str,
    apply: fn(
        &mut DbConn,
        i64,
        &str,
        i64,
        chrono::DateTime<chrono::Utc>,
    ) -> huzhu_store::StoreResult<store_inspections::Inspection>,
) -> ApiResult<HttpResponse> {
    let text = required_text("text", text, 20_000)?;
    let now = state.now();
    let by = caller.id;
    let inspection = state
        .change(caller, move |c| {
            let before = store_inspections::get(c, id).map_err(not_found)?;
            let i = apply(c, id, &text, by, now)?;
            let mut event = Event::of(use_case, "inspection", id).moved(&before.status, &i.status);
            let inspection = dto(c, i)?;
            if use_case == "inspection.respond" {
                if let Some(r) = inspection.responses.iter().map(|r| r.id).max() {
                    event = event.fact("response", r);
                }
                event = event.fact("responses", inspection.responses.len());
            }
            Ok(Done::new(inspection, event))
        })
        .await?;
    Ok(HttpResponse::Ok().json(inspection))
}

/// The council answers an inspection.
#[utoipa::path(
    tag = "governance",
    params(("id" = i64, Path, description = "Inspection id")),
    request_body = InspectionText,
    responses(
        (status = 200, description = "Answered", body = Inspection),
        (status = 404, description = "No such inspection", body = ErrorBody),
        (status = 409, description = "The inspection is closed", body = ErrorBody),
        (status = 422, description = "No text", body = ErrorBody),
    )
)]
#[post("/inspections/{id}/responses")]
pub async fn respond(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: web::Json<InspectionText>,
) -> ApiResult<HttpResponse> {
    step(
        &caller,
        &state,
        "inspection.respond",
        id.into_inner(),
        &body.text,
        store_inspections::respond,
    )
    .await
}

/// The board closes an inspection with its conclusion.
#[utoipa::path(
    tag = "governance",
    params(("id" = i64, Path, description = "Inspection id")),
    request_body = InspectionText,
    responses(
        (status = 200, description = "Closed", body = Inspection),
        (status = 404, description = "No such inspection", body = ErrorBody),
        (status = 409, description = "Already closed", body = ErrorBody),
        (status = 422, description = "No conclusion", body = ErrorBody),
    )
)]
#[post("/inspections/{id}/close")]
pub async fn close(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: web::Json<InspectionText>,
) -> ApiResult<HttpResponse> {
    step(
        &caller,
        &state,
        "inspection.close",
        id.into_inner(),
        &body.text,
        store_inspections::close,
    )
    .await
}
