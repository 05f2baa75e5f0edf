//! Staff accounts of the caller's subtree, managed by administrators.

use super::{page, required_text};
use crate::auth::passwords::check_new_password;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::{get, patch, post, web, HttpResponse};
use huzhu_api_types::{ErrorBody, NewStaffAccount, Page, StaffAccount, StaffAccountChanges};
use huzhu_app::{Done, Event};
use huzhu_domain::field_rules::max_chars;
use huzhu_domain::ErrorCode;
use huzhu_domain::OrgUnitKind;
use huzhu_domain::Role;
use huzhu_store::accounts::{self, Account, AccountKind, NewAccount, StaffChanges, StaffFilter};
use huzhu_store::org_units::{self, Scope};
use huzhu_store::{sessions, DbConn, Paging, StoreError};
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

fn staff_not_found() -> ApiError {
    ApiError::not_found(ErrorCode::StaffNotFound, "staff account")
}

fn check_username(u: &str) -> ApiResult<String> {
    Ok(huzhu_domain::field_rules::username(u)?)
}

fn check_roles(roles: &[Role]) -> ApiResult<()> {
    if roles.is_empty() {
        return Err(ApiError::invalid_field(
            ErrorCode::StaffNoRole,
            "roles",
            "a staff account needs at least one role",
        ));
    }
    if let Some(r) = roles.iter().find(|r| !r.is_staff()) {
        return Err(ApiError::invalid_field(
            ErrorCode::StaffNotAStaffRole,
            "roles",
            format!("`{}` is not a role for staff accounts", r.as_str()),
        ));
    }
    Ok(())
}

/// Roles that the unit's level does not allow are refused (docs/domain.md §1).
fn roles_fit(roles: &[Role], kind: OrgUnitKind) -> ApiResult<()> {
    let misplaced = Role::misplaced(roles, kind);
    if misplaced.is_empty() {
        return Ok(());
    }
    Err(ApiError::invalid_field(
        ErrorCode::StaffRoleLevel,
        "roles",
        format!(
            "{} may be held only by staff of the province association",
            misplaced
                .iter()
                .map(|r| format!("`{}`", r.as_str()))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    ))
}

/// The unit a body names must lie in the caller's subtree; returns its level.
fn unit_in_scope(c: &mut DbConn, scope: &Scope<'_>, id: i64) -> ApiResult<OrgUnitKind> {
    match org_units::get_within(c, scope, id) {
        Ok(unit) => Ok(unit.kind),
        Err(StoreError::NotFound) => Err(ApiError::invalid_field(
            ErrorCode::OrgUnitNotFound,
            "org_unit_id",
            "the organisation unit does not exist in your part of the organisation",
        )),
        Err(e) => Err(e.into()),
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
    let query = query.into_inner();
    let paging = Paging::new(query.limit, query.offset);
    let scope_path = caller.org_scope()?.0.to_string();
    let now = state.now();
    let (items, total) = state
        .db(move |store| {
            let filter = StaffFilter {
                org_unit_id: query.org_unit_id,
                name_contains: query
                    .q
                    .map(|q| q.trim().to_string())
                    .filter(|q| !q.is_empty()),
            };
            store.read(|c| {
                Ok(accounts::list_staff(
                    c,
                    &Scope(&scope_path),
                    &filter,
                    paging,
                )?)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(page(items, total, paging, |a| to_dto(a, now))))
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
    let scope_path = caller.org_scope()?.0.to_string();
    let id = id.into_inner();
    let now = state.now();
    let account = state
        .db(move |store| {
            store.read(|c| {
                accounts::get_staff_within(c, &Scope(&scope_path), id).map_err(|e| match e {
                    StoreError::NotFound => staff_not_found(),
                    other => other.into(),
                })
            })
        })
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
    let username = check_username(&new.username)?;
    let display_name = required_text("display_name", &new.display_name, max_chars::DISPLAY_NAME)?;
    check_roles(&new.roles)?;
    check_new_password(&new.password)?;
    let scope_path = caller.org_scope()?.0.to_string();
    let hash = state.passwords.hash(new.password).await?;
    let now = state.now();
    let account = state
        .change(&caller, move |c| {
            let kind = unit_in_scope(c, &Scope(&scope_path), new.org_unit_id)?;
            roles_fit(&new.roles, kind)?;
            let account = accounts::insert(
                c,
                NewAccount {
                    kind: AccountKind::Staff,
                    username: Some(&username),
                    member_id: None,
                    display_name: &display_name,
                    org_unit_id: new.org_unit_id,
                    password_hash: &hash,
                    roles: &new.roles,
                },
                now,
            )?;
            let event = Event::of("staff.create", "account", account.id)
                .fact("username", &account.username)
                .fact("display_name", &account.display_name)
                .fact("org_unit", account.org_unit_id)
                .fact("roles", &account.roles);
            Ok(Done::new(account, event))
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
    let changes = body.into_inner();
    let id = id.into_inner();
    let display_name = changes
        .display_name
        .as_deref()
        .map(|n| required_text("display_name", n, max_chars::DISPLAY_NAME))
        .transpose()?;
    if let Some(roles) = &changes.roles {
        check_roles(roles)?;
    }
    let hash = match changes.password.clone() {
        Some(p) => {
            check_new_password(&p)?;
            Some(state.passwords.hash(p).await?)
        }
        None => None,
    };
    let is_self = caller.id == id;
    if is_self
        && (changes.active == Some(false)
            || changes
                .roles
                .as_ref()
                .is_some_and(|r| !r.contains(&Role::Admin)))
    {
        return Err(ApiError::conflict(
            ErrorCode::StaffSelfLockout,
            "you cannot disable your own account or remove your own administrator role",
        ));
    }
    let scope_path = caller.org_scope()?.0.to_string();
    let now = state.now();
    let account = state
        .change(&caller, move |c| {
            let scope = Scope(&scope_path);
            let before = accounts::get_staff_within(c, &scope, id).map_err(|e| match e {
                StoreError::NotFound => staff_not_found(),
                other => other.into(),
            })?;
            let kind = match changes.org_unit_id {
                Some(unit) => unit_in_scope(c, &scope, unit)?,
                None => org_units::get(c, before.org_unit_id)?.kind,
            };
            roles_fit(changes.roles.as_deref().unwrap_or(&before.roles), kind)?;
            let after = accounts::update_staff(
                c,
                id,
                &StaffChanges {
                    display_name: display_name.as_deref(),
                    org_unit_id: changes.org_unit_id,
                    roles: changes.roles.as_deref(),
                    active: changes.active,
                    password_hash: hash.as_deref(),
                    unlock: changes.unlock == Some(true),
                },
                now,
            )?;
            if before.roles.contains(&Role::Admin)
                && accounts::count_active_with_role(c, Role::Admin)? == 0
            {
                return Err(ApiError::conflict(
                    ErrorCode::StaffLastAdmin,
                    "this would leave no active administrator",
                ));
            }
            let sessions_ended = !after.active || hash.is_some();
            if sessions_ended {
                sessions::revoke_account(c, id, "account changed by an administrator", now)?;
            }
            let mut event = Event::of("staff.update", "account", after.id);
            if display_name.is_some() {
                event = event.fact(
                    "display_name",
                    format!("{} → {}", before.display_name, after.display_name),
                );
            }
            if changes.org_unit_id.is_some() {
                event = event.fact(
                    "org_unit",
                    format!("{} → {}", before.org_unit_id, after.org_unit_id),
                );
            }
            if changes.roles.is_some() {
                event = event
                    .fact("roles_before", &before.roles)
                    .fact("roles", &after.roles);
            }
            if changes.active.is_some() {
                event = event.fact("active", format!("{} → {}", before.active, after.active));
            }
            if hash.is_some() {
                event = event.fact("password_set", true);
            }
            if changes.unlock == Some(true) {
                event = event.fact("unlocked", true);
            }
            if sessions_ended {
                event = event.fact("sessions_ended", true);
            }
            Ok(Done::new(after, event))
        })
        .await?;
    Ok(HttpResponse::Ok().json(to_dto(account, now)))
}
