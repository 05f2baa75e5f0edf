//! Staff accounts of the actor's subtree, managed by administrators. Which roles may be held at
//! which level is the domain's rule (finance, council and supervisors at the province only);
//! an administrator cannot lock themself out, nor leave the association without one.

use crate::actor::{Actor, Reach};
use crate::error::{or_not_found, AppError, AppResult};
use crate::records::{Account, Paged, Paging};
use crate::unit::{Done, Event};
use crate::App;
use huzhu_domain::field_rules::{max_chars, new_password, required_text, username};
use huzhu_domain::{ErrorCode, OrgUnitKind, Role};
use huzhu_store::accounts::{self, AccountKind, NewAccount, StaffChanges, StaffFilter};
use huzhu_store::org_units;
use huzhu_store::{sessions, DbConn, StoreError};

fn check_roles(roles: &[Role]) -> AppResult<()> {
    if roles.is_empty() {
        return Err(AppError::invalid_field(
            ErrorCode::StaffNoRole,
            "roles",
            "a staff account needs at least one role",
        ));
    }
    if let Some(r) = roles.iter().find(|r| !r.is_staff()) {
        return Err(AppError::invalid_field(
            ErrorCode::StaffNotAStaffRole,
            "roles",
            format!("`{}` is not a role for staff accounts", r.as_str()),
        ));
    }
    Ok(())
}

fn roles_fit(roles: &[Role], kind: OrgUnitKind) -> AppResult<()> {
    let misplaced = Role::misplaced(roles, kind);
    if misplaced.is_empty() {
        return Ok(());
    }
    Err(AppError::invalid_field(
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

fn unit_in_scope(c: &mut DbConn, reach: &Reach, id: i64) -> AppResult<OrgUnitKind> {
    match org_units::get_within(c, reach, id) {
        Ok(unit) => Ok(unit.kind),
        Err(StoreError::NotFound) => Err(AppError::invalid_field(
            ErrorCode::OrgUnitNotFound,
            "org_unit_id",
            "the organisation unit does not exist in your part of the organisation",
        )),
        Err(e) => Err(e.into()),
    }
}

/// A new staff account, checked before its password is hashed (hashing is the slow part).
#[derive(Debug, Clone)]
pub struct NewStaff {
    username: String,
    display_name: String,
    org_unit_id: i64,
    roles: Vec<Role>,
}

impl NewStaff {
    /// Checks the fields and the password's rule; the caller then hashes the password.
    pub fn checked(
        raw_username: &str,
        display_name: &str,
        org_unit_id: i64,
        roles: Vec<Role>,
        password: &str,
    ) -> AppResult<Self> {
        let username = username(raw_username)?;
        let display_name = required_text("display_name", display_name, max_chars::DISPLAY_NAME)?;
        check_roles(&roles)?;
        new_password(password)?;
        Ok(Self {
            username,
            display_name,
            org_unit_id,
            roles,
        })
    }
}

/// Changes to a staff account, checked before a new password is hashed.
#[derive(Debug, Clone, Default)]
pub struct StaffEdit {
    display_name: Option<String>,
    org_unit_id: Option<i64>,
    roles: Option<Vec<Role>>,
    active: Option<bool>,
    unlock: bool,
}

impl StaffEdit {
    pub fn checked(
        display_name: Option<&str>,
        org_unit_id: Option<i64>,
        roles: Option<Vec<Role>>,
        active: Option<bool>,
        password: Option<&str>,
        unlock: bool,
    ) -> AppResult<Self> {
        let display_name = display_name
            .map(|n| required_text("display_name", n, max_chars::DISPLAY_NAME))
            .transpose()?;
        if let Some(roles) = &roles {
            check_roles(roles)?;
        }
        if let Some(p) = password {
            new_password(p)?;
        }
        Ok(Self {
            display_name,
            org_unit_id,
            roles,
            active,
            unlock,
        })
    }
}

impl App {
    pub fn staff_accounts(
        &self,
        actor: &Actor,
        org_unit_id: Option<i64>,
        name: Option<String>,
        paging: Paging,
    ) -> AppResult<Paged<Account>> {
        let reach = actor.staff_reach()?;
        let filter = StaffFilter {
            org_unit_id,
            name_contains: name.map(|q| q.trim().to_string()).filter(|q| !q.is_empty()),
        };
        let (items, total) = self
            .store
            .read(|c| accounts::list_staff(c, reach, &filter, paging))?;
        Ok(Paged {
            items,
            total,
            paging,
        })
    }

    pub fn staff_account(&self, actor: &Actor, id: i64) -> AppResult<Account> {
        let reach = actor.staff_reach()?;
        self.store
            .read(|c| accounts::get_staff_within(c, reach, id))
            .map_err(or_not_found(ErrorCode::StaffNotFound, "staff account"))
    }

    /// Creates a staff account in a unit of the actor's subtree, with roles that unit's level
    /// may hold; `password_hash` is the hash of the password `new` was checked with.
    pub fn create_staff(
        &self,
        actor: &Actor,
        new: NewStaff,
        password_hash: &str,
    ) -> AppResult<Account> {
        let reach = actor.staff_reach()?;
        let now = self.now();
        self.change(actor, |c| {
            let kind = unit_in_scope(c, reach, new.org_unit_id)?;
            roles_fit(&new.roles, kind)?;
            let account = accounts::insert(
                c,
                NewAccount {
                    kind: AccountKind::Staff,
                    username: Some(&new.username),
                    member_id: None,
                    display_name: &new.display_name,
                    org_unit_id: new.org_unit_id,
                    password_hash,
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
    }

    /// Changes a staff account of the actor's subtree; a new password or a disabled account
    /// ends its sessions.
    pub fn update_staff(
        &self,
        actor: &Actor,
        id: i64,
        ch: StaffEdit,
        password_hash: Option<&str>,
    ) -> AppResult<Account> {
        let is_self = actor.account_id().ok() == Some(id);
        if is_self
            && (ch.active == Some(false)
                || ch.roles.as_ref().is_some_and(|r| !r.contains(&Role::Admin)))
        {
            return Err(AppError::conflict(
                ErrorCode::StaffSelfLockout,
                "you cannot disable your own account or remove your own administrator role",
            ));
        }
        let reach = actor.staff_reach()?;
        let now = self.now();
        self.change(actor, |c| {
            let before = accounts::get_staff_within(c, reach, id)
                .map_err(or_not_found(ErrorCode::StaffNotFound, "staff account"))?;
            let kind = match ch.org_unit_id {
                Some(unit) => unit_in_scope(c, reach, unit)?,
                None => org_units::get(c, before.org_unit_id)?.kind,
            };
            roles_fit(ch.roles.as_deref().unwrap_or(&before.roles), kind)?;
            let after = accounts::update_staff(
                c,
                id,
                &StaffChanges {
                    display_name: ch.display_name.as_deref(),
                    org_unit_id: ch.org_unit_id,
                    roles: ch.roles.as_deref(),
                    active: ch.active,
                    password_hash,
                    unlock: ch.unlock,
                },
                now,
            )?;
            if before.roles.contains(&Role::Admin)
                && accounts::count_active_with_role(c, Role::Admin)? == 0
            {
                return Err(AppError::conflict(
                    ErrorCode::StaffLastAdmin,
                    "this would leave no active administrator",
                ));
            }
            let sessions_ended = !after.active || password_hash.is_some();
            if sessions_ended {
                sessions::revoke_account(c, id, "account changed by an administrator", now)?;
            }
            let mut event = Event::of("staff.update", "account", after.id);
            if ch.display_name.is_some() {
                event = event.fact(
                    "display_name",
                    format!("{} → {}", before.display_name, after.display_name),
                );
            }
            if ch.org_unit_id.is_some() {
                event = event.fact(
                    "org_unit",
                    format!("{} → {}", before.org_unit_id, after.org_unit_id),
                );
            }
            if ch.roles.is_some() {
                event = event
                    .fact("roles_before", &before.roles)
                    .fact("roles", &after.roles);
            }
            if ch.active.is_some() {
                event = event.fact("active", format!("{} → {}", before.active, after.active));
            }
            if password_hash.is_some() {
                event = event.fact("password_set", true);
            }
            if ch.unlock {
                event = event.fact("unlocked", true);
            }
            if sessions_ended {
                event = event.fact("sessions_ended", true);
            }
            Ok(Done::new(after, event))
        })
    }
}
