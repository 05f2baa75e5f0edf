//! Staff accounts of the caller's subtree, managed by administrators: the routes of
//! huzhu_app::staff.

use crate::auth::Caller;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::views;
use actix_web::{get, patch, post, web, HttpResponse};
use huzhu_api_types::{ErrorBody, NewStaffAccount, Page, StaffAccount, StaffAccountChanges};
use huzhu_app::records::{Account, Paging};
use huzhu_app::staff::{NewStaff, StaffEdit};
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct StaffQuery {
    /// Only staff of this unit.
    pub org_unit_id: Option<i64>,
    /// Part of the username or display name.
    pub q: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

fn to_dto(a: Account, now: chrono::DateTime<chrono::Utc>) -> StaffAccount {
    StaffAccount {
        id: a.id,
        username: a.username.unwrap_or_default(),
        display_name: a.display_name,
        org_unit_id: a.org_unit_id,
        roles: a.roles,
        active: a.active,
        locked_until: a.throttle.locked_until.filter(|until| *until > now),
        created_at: a.created_at,
    }
}

/// Staff accounts of the caller's subtree.
#[utoipa::path(
    tag = "staff",
    params(StaffQuery),
    responses(
        (status = 200, description = "Staff accounts", body = Page<StaffAccount>),
    )
)]
#[get("/staff")]
pub async fn list(
    caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<StaffQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.into_inner();
    let paging = Paging::new(q.limit, q.offset);
    let now = state.now();
    let accounts = state
        .act(&caller, move |app, actor| {
            app.staff_accounts(actor, q.org_unit_id, q.q, paging)
        })
        .await?;
    Ok(HttpResponse::Ok().json(views::page(accounts, |a| to_dto(a, now))))
}

/// One staff account of the caller's subtree.
#[utoipa::path(
    tag = "staff",
    params(("id" = i64, Path, description = "Account id")),
    responses(
        (status = 200, description = "The account", body = StaffAccount),
        (status = 404, description = "No such account in the caller's subtree", body = ErrorBody),
    )
)]
#[get("/staff/{id}")]
pub async fn get(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let now = state.now();
    let account = state
        .act(&caller, move |app, actor| app.staff_account(actor, id))
        .await?;
    Ok(HttpResponse::Ok().json(to_dto(account, now)))
}

/// Create a staff account in a unit of the caller's subtree.
#[utoipa::path(
    tag = "staff",
    request_body = NewStaffAccount,
    responses(
        (status = 201, description = "Created", body = StaffAccount),
        (status = 409, description = "The username is taken", body = ErrorBody),
        (status = 422, description = "Invalid username, name, roles, unit or password", body = ErrorBody),
    )
)]
#[post("/staff")]
pub async fn create(
    caller: Caller,
    state: web::Data<AppState>,
    body: web::Json<NewStaffAccount>,
) -> ApiResult<HttpResponse> {
    let new = body.into_inner();
    let staff = NewStaff::checked(
        &new.username,
        &new.display_name,
        new.org_unit_id,
        new.roles,
        &new.password,
    )?;
    let hash = state.passwords.hash(new.password).await?;
    let now = state.now();
    let account = state
        .act(&caller, move |app, actor| {
            app.create_staff(actor, staff, &hash)
        })
        .await?;
    Ok(HttpResponse::Created().json(to_dto(account, now)))
}

/// Change a staff account: name, unit, roles, active, password, or lift a lockout.
/// Disabling an account or setting its password ends its sessions.
#[utoipa::path(
    tag = "staff",
    params(("id" = i64, Path, description = "Account id")),
    request_body = StaffAccountChanges,
    responses(
        (status = 200, description = "Changed", body = StaffAccount),
        (status = 404, description = "No such account in the caller's subtree", body = ErrorBody),
        (status = 409, description = "The change would leave no active administrator, or disable or demote yourself", body = ErrorBody),
        (status = 422, description = "Invalid name, roles, unit or password", body = ErrorBody),
    )
)]
#[patch("/staff/{id}")]
pub async fn update(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: web::Json<StaffAccountChanges>,
) -> ApiResult<HttpResponse> {
    let ch = body.into_inner();
    let id = id.into_inner();
    let edit = StaffEdit::checked(
        ch.display_name.as_deref(),
        ch.org_unit_id,
        ch.roles,
        ch.active,
        ch.password.as_deref(),
        ch.unlock == Some(true),
    )?;
    let hash = match ch.password {
        Some(p) => Some(state.passwords.hash(p).await?),
        None => None,
    };
    let now = state.now();
    let account = state
        .act(&caller, move |app, actor| {
            app.update_staff(actor, id, edit, hash.as_deref())
        })
        .await?;
    Ok(HttpResponse::Ok().json(to_dto(account, now)))
}
