//! Staff and member log-ins, their roles and their failed-login state.

use crate::db::DbConn;
use crate::error::{StoreError, StoreResult};
use crate::org_units::unit_pattern;
use crate::schema::{account_roles, accounts, org_units};
use crate::{from_db, like_contains, to_db, Paging};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use huzhu_domain::ErrorCode;
use huzhu_domain::Reach;
use huzhu_domain::{LoginThrottle, Role};
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountKind {
    Staff,
    Member,
}

impl AccountKind {
    fn as_str(self) -> &'static str {
        match self {
            Self::Staff => "staff",
            Self::Member => "member",
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = accounts)]
struct AccountRow {
    id: i64,
    kind: String,
    username: Option<String>,
    member_id: Option<i64>,
    display_name: String,
    org_unit_id: i64,
    password_hash: String,
    active: bool,
    failed_login_count: i32,
    failure_window_started_at: Option<NaiveDateTime>,
    locked_until: Option<NaiveDateTime>,
    created_at: NaiveDateTime,
}

#[derive(Clone, PartialEq)]
pub struct Account {
    pub id: i64,
    pub kind: AccountKind,
    pub username: Option<String>,
    pub member_id: Option<i64>,
    pub display_name: String,
    pub org_unit_id: i64,
    pub password_hash: String,
    pub active: bool,
    pub throttle: LoginThrottle,
    pub roles: Vec<Role>,
    pub created_at: DateTime<Utc>,
}

/// The password hash never appears in logs.
impl std::fmt::Debug for Account {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Account")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .field("username", &self.username)
            .field("roles", &self.roles)
            .field("active", &self.active)
            .finish_non_exhaustive()
    }
}

fn assemble(row: AccountRow, roles: Vec<Role>) -> Account {
    Account {
        id: row.id,
        kind: if row.kind == "member" {
            AccountKind::Member
        } else {
            AccountKind::Staff
        },
        username: row.username,
        member_id: row.member_id,
        display_name: row.display_name,
        org_unit_id: row.org_unit_id,
        password_hash: row.password_hash,
        active: row.active,
        throttle: LoginThrottle {
            failed_count: row.failed_login_count,
            window_started_at: row.failure_window_started_at.map(from_db),
            locked_until: row.locked_until.map(from_db),
        },
        roles,
        created_at: from_db(row.created_at),
    }
}

fn roles_of(conn: &mut DbConn, ids: &[i64]) -> StoreResult<HashMap<i64, Vec<Role>>> {
    let rows: Vec<(i64, String)> = account_roles::table
        .filter(account_roles::account_id.eq_any(ids))
        .select((account_roles::account_id, account_roles::role))
        .load(conn)?;
    let mut out: HashMap<i64, Vec<Role>> = HashMap::new();
    for (id, name) in rows {
        // A role name this version does not know grants nothing.
        if let Some(role) = Role::parse(&name) {
            out.entry(id).or_default().push(role);
        }
    }
    for roles in out.values_mut() {
        roles.sort();
    }
    Ok(out)
}

fn with_roles(conn: &mut DbConn, rows: Vec<AccountRow>) -> StoreResult<Vec<Account>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut roles = roles_of(conn, &ids)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let rs = roles.remove(&r.id).unwrap_or_default();
            assemble(r, rs)
        })
        .collect())
}

fn one(conn: &mut DbConn, row: AccountRow) -> StoreResult<Account> {
    with_roles(conn, vec![row])?
        .pop()
        .ok_or(StoreError::NotFound)
}

#[derive(Insertable)]
#[diesel(table_name = accounts)]
struct NewAccountRow<'a> {
    kind: &'a str,
    username: Option<&'a str>,
    member_id: Option<i64>,
    display_name: &'a str,
    org_unit_id: i64,
    password_hash: &'a str,
    active: bool,
    failed_login_count: i32,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

/// A new account; `username` for staff, `member_id` for members.
#[derive(Debug, Clone)]
pub struct NewAccount<'a> {
    pub kind: AccountKind,
    pub username: Option<&'a str>,
    pub member_id: Option<i64>,
    pub display_name: &'a str,
    pub org_unit_id: i64,
    pub password_hash: &'a str,
    pub roles: &'a [Role],
}

pub fn insert(conn: &mut DbConn, new: NewAccount<'_>, now: DateTime<Utc>) -> StoreResult<Account> {
    let row = NewAccountRow {
        kind: new.kind.as_str(),
        username: new.username,
        member_id: new.member_id,
        display_name: new.display_name,
        org_unit_id: new.org_unit_id,
        password_hash: new.password_hash,
        active: true,
        failed_login_count: 0,
        created_at: to_db(now),
        updated_at: to_db(now),
    };
    let id: i64 = diesel::insert_into(accounts::table)
        .values(&row)
        .returning(accounts::id)
        .get_result(conn)
        .map_err(|e| match StoreError::from(e) {
            StoreError::Conflict { .. } => StoreError::conflict(
                ErrorCode::AccountDuplicate,
                "an account with this username or for this member already exists",
            ),
            other => other,
        })?;
    set_roles(conn, id, new.roles)?;
    get(conn, id)
}

/// The login account of a member: their name, their union, the member role.
pub fn insert_for_member(
    conn: &mut DbConn,
    member: &crate::members::Member,
    password_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<Account> {
    insert(
        conn,
        NewAccount {
            kind: AccountKind::Member,
            username: None,
            member_id: Some(member.id),
            display_name: &member.name,
            org_unit_id: member.org_unit_id,
            password_hash,
            roles: &[Role::Member],
        },
        now,
    )
}

fn set_roles(conn: &mut DbConn, id: i64, roles: &[Role]) -> StoreResult<()> {
    diesel::delete(account_roles::table.filter(account_roles::account_id.eq(id))).execute(conn)?;
    let mut names: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    for name in names {
        diesel::insert_into(account_roles::table)
            .values((
                account_roles::account_id.eq(id),
                account_roles::role.eq(name),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn get(conn: &mut DbConn, id: i64) -> StoreResult<Account> {
    let row = accounts::table
        .find(id)
        .select(AccountRow::as_select())
        .get_result(conn)?;
    one(conn, row)
}

pub fn find_staff_by_username(conn: &mut DbConn, username: &str) -> StoreResult<Option<Account>> {
    let row = accounts::table
        .filter(accounts::username.eq(username))
        .select(AccountRow::as_select())
        .get_result(conn)
        .optional()?;
    row.map(|r| one(conn, r)).transpose()
}

pub fn find_by_member(conn: &mut DbConn, member_id: i64) -> StoreResult<Option<Account>> {
    let row = accounts::table
        .filter(accounts::member_id.eq(member_id))
        .select(AccountRow::as_select())
        .get_result(conn)
        .optional()?;
    row.map(|r| one(conn, r)).transpose()
}

/// The account's failed-login state, its row locked for this transaction on PostgreSQL
/// (SQLite's write transaction already holds the database's write lock), so that concurrent
/// attempts are counted one after another. `FOR NO KEY UPDATE`, not `FOR UPDATE`: a row that
/// refers to the account (a roster batch its clerk is committing, in a long transaction) holds
/// a key-share lock on it, which only `FOR UPDATE` would wait for.
pub fn throttle_for_update(conn: &mut DbConn, id: i64) -> StoreResult<LoginThrottle> {
    let query = accounts::table.find(id).select((
        accounts::failed_login_count,
        accounts::failure_window_started_at,
        accounts::locked_until,
    ));
    let (failed_count, window, locked): (i32, Option<NaiveDateTime>, Option<NaiveDateTime>) =
        match conn {
            DbConn::Pg(c) => query.for_no_key_update().first(c),
            DbConn::Sqlite(c) => query.first(c),
        }?;
    Ok(LoginThrottle {
        failed_count,
        window_started_at: window.map(from_db),
        locked_until: locked.map(from_db),
    })
}

pub fn set_throttle(conn: &mut DbConn, id: i64, t: LoginThrottle) -> StoreResult<()> {
    diesel::update(accounts::table.find(id))
        .set((
            accounts::failed_login_count.eq(t.failed_count),
            accounts::failure_window_started_at.eq(t.window_started_at.map(to_db)),
            accounts::locked_until.eq(t.locked_until.map(to_db)),
        ))
        .execute(conn)?;
    Ok(())
}

#[derive(Debug, Clone, Default)]
pub struct StaffFilter {
    pub org_unit_id: Option<i64>,
    pub name_contains: Option<String>,
}

fn staff_in_scope<'a>(
    pattern: &str,
    filter: &'a StaffFilter,
) -> accounts::BoxedQuery<'a, <DbConn as diesel::Connection>::Backend> {
    let units_in_scope = org_units::table
        .filter(org_units::path.like(pattern.to_string()))
        .select(org_units::id);
    let mut q = accounts::table
        .filter(accounts::kind.eq("staff"))
        .filter(accounts::org_unit_id.eq_any(units_in_scope))
        .into_boxed();
    if let Some(unit) = filter.org_unit_id {
        q = q.filter(accounts::org_unit_id.eq(unit));
    }
    if let Some(text) = &filter.name_contains {
        let pattern = like_contains(text);
        q = q.filter(
            accounts::display_name
                .like(pattern.clone())
                .escape('\\')
                .or(accounts::username.like(pattern).escape('\\')),
        );
    }
    q
}

/// Staff accounts of units within `reach`.
pub fn list_staff(
    conn: &mut DbConn,
    reach: &Reach,
    filter: &StaffFilter,
    paging: Paging,
) -> StoreResult<(Vec<Account>, i64)> {
    let Some(pattern) = unit_pattern(reach) else {
        return Ok((Vec::new(), 0));
    };
    let total: i64 = staff_in_scope(&pattern, filter).count().get_result(conn)?;
    let rows = staff_in_scope(&pattern, filter)
        .order(accounts::id.asc())
        .limit(paging.limit)
        .offset(paging.offset)
        .select(AccountRow::as_select())
        .load(conn)?;
    Ok((with_roles(conn, rows)?, total))
}

/// A staff account whose unit lies within `reach`; `NotFound` otherwise.
pub fn get_staff_within(conn: &mut DbConn, reach: &Reach, id: i64) -> StoreResult<Account> {
    let pattern = unit_pattern(reach).ok_or(StoreError::NotFound)?;
    let filter = StaffFilter::default();
    let row = staff_in_scope(&pattern, &filter)
        .filter(accounts::id.eq(id))
        .select(AccountRow::as_select())
        .get_result(conn)?;
    one(conn, row)
}

/// Changes to a staff account; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct StaffChanges<'a> {
    pub display_name: Option<&'a str>,
    pub org_unit_id: Option<i64>,
    pub roles: Option<&'a [Role]>,
    pub active: Option<bool>,
    pub password_hash: Option<&'a str>,
    pub unlock: bool,
}

#[derive(AsChangeset)]
#[diesel(table_name = accounts)]
struct AccountChangeset<'a> {
    display_name: Option<&'a str>,
    org_unit_id: Option<i64>,
    active: Option<bool>,
    password_hash: Option<&'a str>,
    updated_at: NaiveDateTime,
}

pub fn update_staff(
    conn: &mut DbConn,
    id: i64,
    changes: &StaffChanges<'_>,
    now: DateTime<Utc>,
) -> StoreResult<Account> {
    let set = AccountChangeset {
        display_name: changes.display_name,
        org_unit_id: changes.org_unit_id,
        active: changes.active,
        password_hash: changes.password_hash,
        updated_at: to_db(now),
    };
    diesel::update(accounts::table.find(id))
        .set(&set)
        .execute(conn)?;
    if let Some(roles) = changes.roles {
        set_roles(conn, id, roles)?;
    }
    if changes.unlock {
        set_throttle(conn, id, LoginThrottle::default())?;
    }
    get(conn, id)
}

/// How many active accounts hold `role` (to keep the last administrator from locking everyone out).
pub fn count_active_with_role(conn: &mut DbConn, role: Role) -> StoreResult<i64> {
    Ok(accounts::table
        .inner_join(account_roles::table)
        .filter(account_roles::role.eq(role.as_str()))
        .filter(accounts::active.eq(true))
        .count()
        .get_result(conn)?)
}
