//! The organisation tree, within the caller's subtree: the routes of huzhu_app::org_units.

use crate::auth::Caller;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::views;
use actix_web::{delete, get, patch, post, web, HttpResponse};
use huzhu_api_types::{ErrorBody, NewOrgUnit, OrgUnit, OrgUnitChanges, Page};
use huzhu_app::org_units::{NewUnit, Unit, UnitSearch};
use huzhu_app::records::Paging;
use serde::Deserialize;

fn to_dto(u: Unit) -> OrgUnit {
    OrgUnit {
        id: u.unit.id,
        parent_id: u.unit.parent_id,
        kind: u.unit.kind,
        name: u.unit.name,
        credit_code: u.unit.credit_code,
        child_count: u.child_count,
        created_at: u.unit.created_at,
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct OrgUnitQuery {
    /// Children of this unit.
    pub parent_id: Option<i64>,
    /// `province`, `city_office`, `county_point` or `grassroots_union`.
    pub kind: Option<String>,
    /// Part of the name.
    pub q: Option<String>,
    /// 1–500, default 100.
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// List units. With no filter, answers the caller's own unit: the top of what they may see;
/// `parent_id` lists the children of a unit, `q` and `kind` search the caller's subtree.
#[utoipa::path(
    tag = "organisation",
    params(OrgUnitQuery),
    responses(
        (status = 200, description = "Units in the caller's subtree", body = Page<OrgUnit>),
        (status = 404, description = "The parent unit does not exist in the caller's subtree", body = ErrorBody),
        (status = 422, description = "Unknown kind", body = ErrorBody),
    )
)]
#[get("/org-units")]
pub async fn list(
    caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<OrgUnitQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.into_inner();
    let search = UnitSearch {
        parent_id: q.parent_id,
        kind: q.kind,
        name: q.q,
        paging: Paging::new(q.limit, q.offset),
    };
    let units = state
        .act(&caller, move |app, actor| app.org_units(actor, search))
        .await?;
    Ok(HttpResponse::Ok().json(views::page(units, to_dto)))
}

/// One unit of the caller's subtree.
#[utoipa::path(
    tag = "organisation",
    params(("id" = i64, Path, description = "Unit id")),
    responses(
        (status = 200, description = "The unit", body = OrgUnit),
        (status = 404, description = "No such unit in the caller's subtree", body = ErrorBody),
    )
)]
#[get("/org-units/{id}")]
pub async fn get(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let unit = state
        .act(&caller, move |app, actor| app.org_unit(actor, id))
        .await?;
    Ok(HttpResponse::Ok().json(to_dto(unit)))
}

/// Create a unit under a unit of the caller's subtree.
#[utoipa::path(
    tag = "organisation",
    request_body = NewOrgUnit,
    responses(
        (status = 201, description = "Created", body = OrgUnit),
        (status = 409, description = "The credit code belongs to another unit", body = ErrorBody),
        (status = 422, description = "Invalid name, kind, parent or credit code", body = ErrorBody),
    )
)]
#[post("/org-units")]
pub async fn create(
    caller: Caller,
    state: web::Data<AppState>,
    body: web::Json<NewOrgUnit>,
) -> ApiResult<HttpResponse> {
    let new = body.into_inner();
    let new = NewUnit {
        parent_id: new.parent_id,
        kind: new.kind,
        name: new.name,
        credit_code: new.credit_code,
    };
    let unit = state
        .act(&caller, move |app, actor| app.add_org_unit(actor, new))
        .await?;
    Ok(HttpResponse::Created().json(to_dto(unit)))
}

/// Rename a unit or correct a grassroots union's credit code.
#[utoipa::path(
    tag = "organisation",
    params(("id" = i64, Path, description = "Unit id")),
    request_body = OrgUnitChanges,
    responses(
        (status = 200, description = "Changed", body = OrgUnit),
        (status = 404, description = "No such unit in the caller's subtree", body = ErrorBody),
        (status = 409, description = "The credit code belongs to another unit", body = ErrorBody),
        (status = 422, description = "Invalid name or credit code", body = ErrorBody),
    )
)]
#[patch("/org-units/{id}")]
pub async fn update(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: web::Json<OrgUnitChanges>,
) -> ApiResult<HttpResponse> {
    let ch = body.into_inner();
    let id = id.into_inner();
    let unit = state
        .act(&caller, move |app, actor| {
            app.update_org_unit(actor, id, ch.name.as_deref(), ch.credit_code.as_deref())
        })
        .await?;
    Ok(HttpResponse::Ok().json(to_dto(unit)))
}

/// Remove a unit that has no subordinate units, staff or members.
#[utoipa::path(
    tag = "organisation",
    params(("id" = i64, Path, description = "Unit id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 404, description = "No such unit in the caller's subtree", body = ErrorBody),
        (status = 409, description = "The unit still has subordinate units, staff or members, or is the caller's own unit", body = ErrorBody),
    )
)]
#[delete("/org-units/{id}")]
pub async fn remove(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    state
        .act(&caller, move |app, actor| app.remove_org_unit(actor, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
