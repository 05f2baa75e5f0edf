//! The member register: the routes of huzhu_app::members. Every response masks ID numbers,
//! mobiles and bank cards; `unmask` shows them in full to those allowed, for a stated purpose,
//! and records it.

use crate::auth::Caller;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::views;
use actix_web::{get, patch, post, web, HttpResponse};
use huzhu_api_types as api;
use huzhu_api_types::{ErrorBody, Page, UnmaskRequest, Unmasked};
use huzhu_app::members::{Edit, MemberSearch, Registration};
use huzhu_app::records::Paging;
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct MemberQuery {
    /// Exact resident ID number.
    pub id_number: Option<String>,
    /// Part of the name.
    pub name: Option<String>,
    /// Members of this grassroots union.
    pub org_unit_id: Option<i64>,
    pub category: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// Search the register of the caller's subtree, by exact ID number or by name.
#[utoipa::path(
    tag = "members",
    params(MemberQuery),
    responses(
        (status = 200, description = "Members, masked", body = Page<api::Member>),
        (status = 422, description = "Invalid ID number or category", body = ErrorBody),
    )
)]
#[get("/members")]
pub async fn list(
    caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<MemberQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.into_inner();
    let search = MemberSearch {
        id_number: q.id_number,
        name: q.name,
        org_unit_id: q.org_unit_id,
        category: q.category,
        paging: Paging::new(q.limit, q.offset),
    };
    let found = state
        .act(&caller, move |app, actor| app.search_members(actor, search))
        .await?;
    Ok(HttpResponse::Ok().json(views::page(found, |m| views::member(m, state.today()))))
}

/// One member of the caller's subtree, masked.
#[utoipa::path(
    tag = "members",
    params(("id" = i64, Path, description = "Member id")),
    responses(
        (status = 200, description = "The member, masked", body = api::Member),
        (status = 404, description = "No such member in the caller's subtree", body = ErrorBody),
    )
)]
#[get("/members/{id}")]
pub async fn get(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let member = state
        .act(&caller, move |app, actor| app.member(actor, id))
        .await?;
    Ok(HttpResponse::Ok().json(views::member(member, state.today())))
}

/// Register a member with a grassroots union of the caller's subtree.
#[utoipa::path(
    tag = "members",
    request_body = api::NewMember,
    responses(
        (status = 201, description = "Registered", body = api::Member),
        (status = 409, description = "A member with this ID number is already registered", body = ErrorBody),
        (status = 422, description = "Invalid ID number, name, mobile, bank card or union", body = ErrorBody),
    )
)]
#[post("/members")]
pub async fn create(
    caller: Caller,
    state: web::Data<AppState>,
    body: web::Json<api::NewMember>,
) -> ApiResult<HttpResponse> {
    let new = body.into_inner();
    let registration = Registration {
        org_unit_id: new.org_unit_id,
        name: new.name,
        id_number: new.id_number,
        category: new.category,
        mobile: new.mobile,
        bank_card: new.bank_card,
        accept_bank_card_luhn_failure: new.accept_bank_card_luhn_failure,
        health_consent: new.health_consent,
    };
    let member = state
        .act(&caller, move |app, actor| {
            app.register_member(actor, registration)
        })
        .await?;
    Ok(HttpResponse::Created().json(views::member(member, state.today())))
}

/// Change a member's details or move them to another union of the caller's subtree.
#[utoipa::path(
    tag = "members",
    params(("id" = i64, Path, description = "Member id")),
    request_body = api::MemberChanges,
    responses(
        (status = 200, description = "Changed", body = api::Member),
        (status = 404, description = "No such member in the caller's subtree", body = ErrorBody),
        (status = 422, description = "Invalid name, mobile, bank card or union", body = ErrorBody),
    )
)]
#[patch("/members/{id}")]
pub async fn update(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: web::Json<api::MemberChanges>,
) -> ApiResult<HttpResponse> {
    let ch = body.into_inner();
    let id = id.into_inner();
    let edit = Edit {
        name: ch.name,
        category: ch.category,
        org_unit_id: ch.org_unit_id,
        mobile: ch.mobile,
        bank_card: ch.bank_card,
        accept_bank_card_luhn_failure: ch.accept_bank_card_luhn_failure,
        health_consent: ch.health_consent,
    };
    let member = state
        .act(&caller, move |app, actor| {
            app.update_member(actor, id, edit)
        })
        .await?;
    Ok(HttpResponse::Ok().json(views::member(member, state.today())))
}

/// Show sensitive fields in full. Needs a purpose; who saw what, when and why is recorded.
#[utoipa::path(
    tag = "members",
    params(("id" = i64, Path, description = "Member id")),
    request_body = UnmaskRequest,
    responses(
        (status = 200, description = "The requested fields in full", body = Unmasked),
        (status = 404, description = "No such member in the caller's subtree", body = ErrorBody),
        (status = 422, description = "No fields, or no purpose given", body = ErrorBody),
    )
)]
#[post("/members/{id}/unmask")]
pub async fn unmask(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: web::Json<UnmaskRequest>,
) -> ApiResult<HttpResponse> {
    let req = body.into_inner();
    let id = id.into_inner();
    let shown = state
        .act(&caller, move |app, actor| {
            app.unmask_member(actor, id, &req.fields, &req.purpose)
        })
        .await?;
    Ok(HttpResponse::Ok().json(Unmasked {
        id_number: shown.id_number,
        mobile: shown.mobile,
        bank_card: shown.bank_card,
    }))
}

/// Who has seen this member's details unmasked, when and why.
#[utoipa::path(
    tag = "members",
    params(("id" = i64, Path, description = "Member id")),
    responses(
        (status = 200, description = "The access log, oldest first", body = Vec<api::SensitiveAccess>),
        (status = 404, description = "No such member in the caller's subtree", body = ErrorBody),
    )
)]
#[get("/members/{id}/access-log")]
pub async fn access_log(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let log = state
        .act(&caller, move |app, actor| app.member_unmaskings(actor, id))
        .await?;
    let items: Vec<api::SensitiveAccess> = log
        .into_iter()
        .map(|a| api::SensitiveAccess {
            account_id: a.account_id,
            fields: a.fields,
            purpose: a.purpose,
            accessed_at: a.accessed_at,
        })
        .collect();
    Ok(HttpResponse::Ok().json(items))
}

/// Who has looked this member up — coverage enquiries, reads and searches that found them —
/// newest first, the latest 1,000 (the access log; reads reach it within a fraction of a
/// second).
#[utoipa::path(
    tag = "members",
    params(("id" = i64, Path, description = "Member id")),
    responses(
        (status = 200, description = "The reads, newest first", body = Vec<api::PersonalDataRead>),
        (status = 404, description = "No such member in the caller's subtree", body = ErrorBody),
    )
)]
#[get("/members/{id}/reads")]
pub async fn reads(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let log = state
        .act(&caller, move |app, actor| app.member_reads(actor, id))
        .await?;
    let items: Vec<api::PersonalDataRead> = log
        .into_iter()
        .map(|a| api::PersonalDataRead {
            at: a.at,
            actor: a.actor,
            action: a.action,
            detail: a.detail,
            request_id: a.request_id,
        })
        .collect();
    Ok(HttpResponse::Ok().json(items))
}
