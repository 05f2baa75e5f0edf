//! The bodies of the association and their terms and seats; what passed resolutions adopted
//! (articles of association, annual budgets). Meetings and motions are in `meetings`.

use crate::auth::Caller;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::views;
use actix_web::{get, post, web, HttpResponse};
use huzhu_api_types::{
    Articles, Budget, ErrorBody, Seat, SeatRequest, Term, TermExtension, TermRequest,
};

/// Every term of every body, latest first within each body, with its seats.
#[utoipa::path(
    tag = "governance",
    responses((status = 200, description = "Terms and seats", body = [Term]))
)]
#[get("/governance/terms")]
pub async fn terms(_caller: Caller, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let terms = state.run(|app| Ok(app.governance_terms()?)).await?;
    Ok(HttpResponse::Ok().json(terms.into_iter().map(views::term).collect::<Vec<_>>()))
}

/// Open the next term of a body: five years from its first day.
#[utoipa::path(
    tag = "governance",
    request_body = TermRequest,
    responses(
        (status = 201, description = "Term opened", body = Term),
        (status = 409, description = "It would overlap the body's previous term", body = ErrorBody),
        (status = 422, description = "Unknown body", body = ErrorBody),
    )
)]
#[post("/governance/terms")]
pub async fn open_term(
    caller: Caller,
    state: web::Data<AppState>,
    body: web::Json<TermRequest>,
) -> ApiResult<HttpResponse> {
    let req = body.into_inner();
    let term = state
        .act(&caller, move |app, actor| {
            app.open_term(actor, req.body, req.starts_on)
        })
        .await?;
    Ok(HttpResponse::Created().json(views::term(term)))
}

/// Extend a running term, once, by at most twelve months.
#[utoipa::path(
    tag = "governance",
    params(("id" = i64, Path, description = "Term id")),
    request_body = TermExtension,
    responses(
        (status = 200, description = "Term extended", body = Term),
        (status = 404, description = "No such term", body = ErrorBody),
        (status = 409, description = "Already extended, or already ended", body = ErrorBody),
        (status = 422, description = "Not 1 to 12 months", body = ErrorBody),
    )
)]
#[post("/governance/terms/{id}/extension")]
pub async fn extend_term(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: web::Json<TermExtension>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let months = body.into_inner().months;
    let term = state
        .act(&caller, move |app, actor| {
            app.extend_term(actor, id, months)
        })
        .await?;
    Ok(HttpResponse::Ok().json(views::term(term)))
}

/// Seat a person in a term (constituting a body; later seats come from elections).
#[utoipa::path(
    tag = "governance",
    params(("id" = i64, Path, description = "Term id")),
    request_body = SeatRequest,
    responses(
        (status = 201, description = "Seated", body = Seat),
        (status = 404, description = "No such term", body = ErrorBody),
        (status = 409, description = "Already seated, or the chair or secretary is taken", body = ErrorBody),
        (status = 422, description = "Unknown position or account", body = ErrorBody),
    )
)]
#[post("/governance/terms/{id}/seats")]
pub async fn seat(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: web::Json<SeatRequest>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let req = body.into_inner();
    let seat = state
        .act(&caller, move |app, actor| {
            app.seat(actor, id, req.account_id, req.member_id, req.position)
        })
        .await?;
    Ok(HttpResponse::Created().json(views::seat(seat)))
}

/// The versions of the articles of association, newest first, each with the resolution that
/// adopted it.
#[utoipa::path(
    tag = "governance",
    responses((status = 200, description = "Versions of the articles", body = [Articles]))
)]
#[get("/governance/articles")]
pub async fn articles(_caller: Caller, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let list: Vec<Articles> = state
        .run(|app| Ok(app.articles()?))
        .await?
        .into_iter()
        .map(|a| Articles {
            version: a.version,
            text: a.text,
            motion_id: a.motion_id,
            adopted_at: a.adopted_at.and_utc(),
        })
        .collect();
    Ok(HttpResponse::Ok().json(list))
}

/// The annual budgets adopted: the risk-reserve share and the management-expense cap that
/// finance applies.
#[utoipa::path(
    tag = "governance",
    responses((status = 200, description = "Budgets, latest year first", body = [Budget]))
)]
#[get("/governance/budgets")]
pub async fn budgets(_caller: Caller, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let list: Vec<Budget> = state
        .run(|app| Ok(app.budgets()?))
        .await?
        .into_iter()
        .map(views::budget)
        .collect();
    Ok(HttpResponse::Ok().json(list))
}
