//! The bodies of the association and their terms and seats; what passed resolutions adopted
//! (articles of association, annual budgets). Meetings and motions are in `meetings`.

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::{get, post, web, HttpResponse};
use huzhu_api_types::{
    Articles, Budget, BudgetTerms, ErrorBody, Seat, SeatRequest, Term, TermExtension, TermRequest,
};
use huzhu_app::{Done, Event};
use huzhu_domain::governance::{self as rules, Body, Position};
use huzhu_domain::plan::china_date;
use huzhu_domain::ErrorCode;
use huzhu_store::accounts::{self, AccountKind};
use huzhu_store::{governance as gov, DbConn, StoreError};

pub(crate) fn seat_dto(s: gov::Seat) -> Seat {
    Seat {
        id: s.id,
        account_id: s.account_id,
        holder: s.holder,
        position: s.position,
        elected_by_motion: s.elected_by_motion,
    }
}

pub(crate) fn term_dto(c: &mut DbConn, t: gov::Term) -> ApiResult<Term> {
    let seats = gov::seats_of_term(c, t.id)?
        .into_iter()
        .map(seat_dto)
        .collect();
    Ok(Term {
        id: t.id,
        body: t.body,
        number: t.number,
        starts_on: t.starts_on,
        ends_on: t.ends_on,
        extended: t.extended,
        seats,
    })
}

pub(crate) fn parse_body(field: &str, text: &str) -> ApiResult<Body> {
    Body::parse(text).ok_or_else(|| {
        ApiError::invalid_field(
            ErrorCode::GovernanceBody,
            field,
            "the body is one of member_congress, council, standing_council, executive_committee, supervisory_board",
        )
    })
}

pub(crate) fn parse_position(field: &str, text: &str) -> ApiResult<Position> {
    Position::parse(text).ok_or_else(|| {
        ApiError::invalid_field(
            ErrorCode::GovernancePosition,
            field,
            "the position is one of chair, vice_chair, secretary, member",
        )
    })
}

fn term_not_found(e: StoreError) -> ApiError {
    match e {
        StoreError::NotFound => ApiError::not_found(ErrorCode::GovernanceTermNotFound, "term"),
        other => other.into(),
    }
}

/// The account a seat or candidacy names: an active staff or member account.
pub(crate) fn seatable_account(
    c: &mut DbConn,
    account_id: Option<i64>,
    member_id: Option<i64>,
) -> ApiResult<accounts::Account> {
    let account = match (account_id, member_id) {
        (Some(id), None) => match accounts::get(c, id) {
            Err(StoreError::NotFound) => None,
            other => Some(other?),
        },
        (None, Some(member)) => accounts::find_by_member(c, member)?,
        _ => {
            return Err(ApiError::invalid(
                ErrorCode::GovernanceSeatHolder,
                "name the holder by account_id (staff) or by member_id (a member), not both",
            ))
        }
    };
    match account {
        Some(a) if a.active && matches!(a.kind, AccountKind::Staff | AccountKind::Member) => Ok(a),
        _ => Err(ApiError::invalid(
            ErrorCode::GovernanceNoSuchAccount,
            "no active account matches; a member needs an account of their own to sit",
        )),
    }
}

/// Every term of every body, latest first within each body, with its seats.
#[utoipa::path(
    tag = "governance",
    responses((status = 200, description = "Terms and seats", body = [Term]))
)]
#[get("/governance/terms")]
pub async fn terms(_caller: Caller, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let terms = state
        .db(move |store| {
            store.read(|c| {
                let all = gov::terms(c)?;
                all.into_iter()
                    .map(|t| term_dto(c, t))
                    .collect::<ApiResult<Vec<_>>>()
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(terms))
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
    let which = parse_body("body", &req.body)?;
    let now = state.now();
    let term = state
        .change(&caller, move |c| {
            let ends_on = rules::term_ends_on(req.starts_on);
            let t = gov::insert_term(c, which.as_str(), req.starts_on, ends_on, now)?;
            let event = Event::of("governance.open_term", "term", t.id)
                .fact("body", &t.body)
                .fact("number", t.number)
                .fact("starts_on", t.starts_on)
                .fact("ends_on", t.ends_on);
            Ok(Done::new(term_dto(c, t)?, event))
        })
        .await?;
    Ok(HttpResponse::Created().json(term))
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
    let today = china_date(state.now());
    let term = state
        .change(&caller, move |c| {
            let t = gov::term(c, id).map_err(term_not_found)?;
            let ends_on =
                rules::extend_term(t.ends_on, t.extended, months, today).map_err(|e| match e {
                    rules::TermError::ExtensionLength(_) => ApiError::invalid_field(
                        ErrorCode::GovernanceTermExtension,
                        "months",
                        e.to_string(),
                    ),
                    _ => ApiError::conflict(ErrorCode::GovernanceTermExtension, e.to_string()),
                })?;
            let was_ending = t.ends_on;
            let t = gov::extend_term(c, id, ends_on)?;
            let event = Event::of("governance.extend_term", "term", t.id)
                .fact("body", &t.body)
                .fact("number", t.number)
                .fact("months", months)
                .fact("ends_on", format!("{was_ending} → {}", t.ends_on));
            Ok(Done::new(term_dto(c, t)?, event))
        })
        .await?;
    Ok(HttpResponse::Ok().json(term))
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
    let position = parse_position("position", &req.position)?;
    let now = state.now();
    let seat = state
        .change(&caller, move |c| {
            let term = gov::term(c, id).map_err(term_not_found)?;
            let account = seatable_account(c, req.account_id, req.member_id)?;
            let seat = gov::insert_seat(
                c,
                id,
                account.id,
                position.as_str(),
                position.is_single(),
                None,
                now,
            )?;
            let event = Event::of("governance.seat", "seat", seat.id)
                .fact("term", term.id)
                .fact("body", &term.body)
                .fact("account", seat.account_id)
                .fact("holder", &seat.holder)
                .fact("position", &seat.position);
            Ok(Done::new(seat, event))
        })
        .await?;
    Ok(HttpResponse::Created().json(seat_dto(seat)))
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
        .db(move |store| store.read(|c| Ok(gov::articles(c)?)))
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

pub(crate) fn budget_dto(b: gov::Budget) -> Budget {
    Budget {
        terms: BudgetTerms {
            year: b.year,
            reserve_percent: rules::bp_to_percent(b.reserve_bp),
            expense_cap_percent: rules::bp_to_percent(b.expense_cap_bp),
        },
        motion_id: b.motion_id,
        adopted_at: b.adopted_at.and_utc(),
    }
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
        .db(move |store| store.read(|c| Ok(gov::budgets(c)?)))
        .await?
        .into_iter()
        .map(budget_dto)
        .collect();
    Ok(HttpResponse::Ok().json(list))
}
