//! The organisation tree, within the caller's subtree.

use super::{page, required_text};
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::{delete, get, patch, post, web, HttpResponse};
use huzhu_api_types::{ErrorBody, NewOrgUnit, OrgUnit, OrgUnitChanges, Page};
use huzhu_app::{Done, Event};
use huzhu_domain::field_rules::max_chars;
use huzhu_domain::ErrorCode;
use huzhu_domain::{CreditCode, OrgUnitKind};
use huzhu_store::org_units::{self, OrgUnitFilter, Scope};
use huzhu_store::{DbConn, Paging, StoreError, StoreResult};
use serde::Deserialize;

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

fn to_dto(unit: org_units::OrgUnit, child_count: i64) -> OrgUnit {
    OrgUnit {
        id: unit.id,
        parent_id: unit.parent_id,
        kind: unit.kind,
        name: unit.name,
        credit_code: unit.credit_code,
        child_count,
        created_at: unit.created_at,
    }
}

fn with_counts(c: &mut DbConn, units: Vec<org_units::OrgUnit>) -> StoreResult<Vec<OrgUnit>> {
    let ids: Vec<i64> = units.iter().map(|u| u.id).collect();
    let counts = org_units::child_counts(c, &ids)?;
    Ok(units
        .into_iter()
        .map(|u| {
            let n = counts.get(&u.id).copied().unwrap_or(0);
            to_dto(u, n)
        })
        .collect())
}

fn unit_not_found() -> ApiError {
    ApiError::not_found(ErrorCode::OrgUnitNotFound, "organisation unit")
}

fn not_found_as(e: StoreError, err: impl FnOnce() -> ApiError) -> ApiError {
    match e {
        StoreError::NotFound => err(),
        other => other.into(),
    }
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
    let query = query.into_inner();
    let kind = match query.kind.as_deref() {
        None => None,
        Some(k) => Some(OrgUnitKind::parse(k).ok_or_else(|| {
            ApiError::invalid_field(
                ErrorCode::OrgUnitUnknownKind,
                "kind",
                format!("unknown unit kind `{k}`"),
            )
        })?),
    };
    let paging = Paging::new(query.limit, query.offset);
    let scope_path = caller.org_scope()?.0.to_string();
    let own_unit = caller.org_unit.as_ref().map(|u| u.id);
    let result = state
        .db(move |store| {
            let mut conn = store.conn()?;
            let c = &mut *conn;
            let scope = Scope(&scope_path);
            let filter = OrgUnitFilter {
                parent_id: query.parent_id,
                kind,
                name_contains: query
                    .q
                    .filter(|q| !q.trim().is_empty())
                    .map(|q| q.trim().to_string()),
            };
            if let Some(parent) = filter.parent_id {
                org_units::get_within(c, &scope, parent)
                    .map_err(|e| not_found_as(e, unit_not_found))?;
            }
            let (units, total) = if filter.parent_id.is_none()
                && filter.kind.is_none()
                && filter.name_contains.is_none()
            {
                let own = org_units::get(c, own_unit.unwrap_or_default())?;
                (
                    if paging.offset == 0 {
                        vec![own]
                    } else {
                        vec![]
                    },
                    1,
                )
            } else {
                org_units::list(c, &scope, &filter, paging)?
            };
            Ok((with_counts(c, units)?, total))
        })
        .await?;
    let (units, total) = result;
    Ok(HttpResponse::Ok().json(page(units, total, paging, |u| u)))
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
    let scope_path = caller.org_scope()?.0.to_string();
    let id = id.into_inner();
    let unit = state
        .db(move |store| {
            let mut conn = store.conn()?;
            let unit = org_units::get_within(&mut conn, &Scope(&scope_path), id)
                .map_err(|e| not_found_as(e, unit_not_found))?;
            Ok(with_counts(&mut conn, vec![unit])?.remove(0))
        })
        .await?;
    Ok(HttpResponse::Ok().json(unit))
}

/// The credit code a unit of this kind carries: required for grassroots unions, refused for
/// the others.
fn credit_code_for(kind: OrgUnitKind, code: Option<&str>) -> ApiResult<Option<String>> {
    match (
        kind.requires_credit_code(),
        code.map(str::trim).filter(|c| !c.is_empty()),
    ) {
        (true, None) => Err(ApiError::invalid_field(
            ErrorCode::OrgUnitCreditCodeRequired,
            "credit_code",
            "a grassroots union needs its unified social credit code (统一社会信用代码)",
        )),
        (true, Some(c)) => CreditCode::parse_union(c)
            .map(|c| Some(c.as_str().to_string()))
            .map_err(|e| ApiError::invalid_field(e.code(), "credit_code", e.to_string())),
        (false, None) => Ok(None),
        (false, Some(_)) => Err(ApiError::invalid_field(
            ErrorCode::OrgUnitCreditCodeNotApplicable,
            "credit_code",
            "only grassroots unions carry a credit code here",
        )),
    }
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
    let name = required_text("name", &new.name, max_chars::UNIT_NAME)?;
    let code = credit_code_for(new.kind, new.credit_code.as_deref())?;
    let scope_path = caller.org_scope()?.0.to_string();
    let now = state.now();
    let unit = state
        .change(&caller, move |c| {
            let parent =
                org_units::get_within(c, &Scope(&scope_path), new.parent_id).map_err(|e| {
                    not_found_as(e, || {
                        ApiError::invalid_field(
                            ErrorCode::OrgUnitParentNotFound,
                            "parent_id",
                            "the parent unit does not exist in your part of the organisation",
                        )
                    })
                })?;
            new.kind.check_parent(Some(parent.kind)).map_err(|e| {
                ApiError::invalid_field(ErrorCode::OrgUnitWrongParent, "parent_id", e.to_string())
            })?;
            let unit = org_units::insert(
                c,
                org_units::NewOrgUnit {
                    parent: Some(&parent),
                    kind: new.kind,
                    name: &name,
                    credit_code: code.as_deref(),
                },
                now,
            )?;
            let mut event = Event::of("org_unit.create", "org_unit", unit.id)
                .fact("name", &unit.name)
                .fact("kind", unit.kind)
                .fact("parent", parent.id);
            if let Some(code) = &unit.credit_code {
                event = event.fact("credit_code", code);
            }
            Ok(Done::new(to_dto(unit, 0), event))
        })
        .await?;
    Ok(HttpResponse::Created().json(unit))
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
    let changes = body.into_inner();
    let name = changes
        .name
        .as_deref()
        .map(|n| required_text("name", n, max_chars::UNIT_NAME))
        .transpose()?;
    let scope_path = caller.org_scope()?.0.to_string();
    let id = id.into_inner();
    let now = state.now();
    let unit = state
        .change(&caller, move |c| {
            let before = org_units::get_within(c, &Scope(&scope_path), id)
                .map_err(|e| not_found_as(e, unit_not_found))?;
            let code = match changes.credit_code.as_deref() {
                None => None,
                Some(code) => credit_code_for(before.kind, Some(code))?,
            };
            let unit = org_units::update(c, id, name.as_deref(), code.as_deref(), now)?;
            let use_case = if name.is_some() {
                "org_unit.rename"
            } else {
                "org_unit.update"
            };
            let mut event = Event::of(use_case, "org_unit", unit.id);
            if name.is_some() {
                event = event.fact("name", format!("{} → {}", before.name, unit.name));
            }
            if code.is_some() {
                event = event.fact(
                    "credit_code",
                    format!(
                        "{} → {}",
                        before.credit_code.as_deref().unwrap_or("none"),
                        unit.credit_code.as_deref().unwrap_or("none")
                    ),
                );
            }
            Ok(Done::new(with_counts(c, vec![unit])?.remove(0), event))
        })
        .await?;
    Ok(HttpResponse::Ok().json(unit))
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
    if caller.org_unit.as_ref().is_some_and(|u| u.id == id) {
        return Err(ApiError::conflict(
            ErrorCode::OrgUnitOwnUnit,
            "you cannot remove the unit you belong to",
        ));
    }
    let scope_path = caller.org_scope()?.0.to_string();
    state
        .change(&caller, move |c| {
            let unit = org_units::get_within(c, &Scope(&scope_path), id)
                .map_err(|e| not_found_as(e, unit_not_found))?;
            org_units::delete(c, id)?;
            let event = Event::of("org_unit.remove", "org_unit", unit.id)
                .fact("name", &unit.name)
                .fact("kind", unit.kind)
                .fact("parent", unit.parent_id);
            Ok(Done::new((), event))
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
