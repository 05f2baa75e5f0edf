//! The supervisory board's inspections: the routes of huzhu_app::inspections.

use crate::auth::Caller;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{get, post, web, HttpResponse};
use huzhu_api_types::{
    ErrorBody, Inspection, InspectionRequest, InspectionResponse, InspectionText,
};
use huzhu_app::inspections::{InspectionRecord, Opening};

fn dto(r: InspectionRecord) -> Inspection {
    let i = r.inspection;
    Inspection {
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
        responses: r
            .responses
            .into_iter()
            .map(|r| InspectionResponse {
                id: r.id,
                text: r.text,
                responded_by: r.responded_by,
                responder: r.responder,
                responded_at: r.responded_at.and_utc(),
            })
            .collect(),
    }
}

/// Inspections, newest first, with the council's responses.
#[utoipa::path(
    tag = "governance",
    responses((status = 200, description = "Inspections", body = [Inspection]))
)]
#[get("/inspections")]
pub async fn list(_caller: Caller, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let found = state.run(|app| Ok(app.inspections()?)).await?;
    Ok(HttpResponse::Ok().json(found.into_iter().map(dto).collect::<Vec<_>>()))
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
    let opening = Opening {
        title: req.title,
        scope: req.scope,
        findings: req.findings,
        request: req.request,
        respond_by: req.respond_by,
    };
    let inspection = state
        .act(&caller, move |app, actor| {
            app.open_inspection(actor, opening)
        })
        .await?;
    Ok(HttpResponse::Created().json(dto(inspection)))
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
    let inspection = state.run(move |app| Ok(app.inspection(id)?)).await?;
    Ok(HttpResponse::Ok().json(dto(inspection)))
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
    let (id, text) = (id.into_inner(), body.into_inner().text);
    let inspection = state
        .act(&caller, move |app, actor| {
            app.respond_to_inspection(actor, id, &text)
        })
        .await?;
    Ok(HttpResponse::Ok().json(dto(inspection)))
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
    let (id, text) = (id.into_inner(), body.into_inner().text);
    let inspection = state
        .act(&caller, move |app, actor| {
            app.close_inspection(actor, id, &text)
        })
        .await?;
    Ok(HttpResponse::Ok().json(dto(inspection)))
}
