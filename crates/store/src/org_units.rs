//! The organisation tree. Every read that serves a caller takes the caller's scope: the
//! `path` of the unit they belong to.

use crate::db::DbConn;
use crate::error::{StoreError, StoreResult};
use crate::schema::{accounts, members, org_units};
use crate::{from_db, like_contains, to_db, Paging};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use huzhu_domain::ErrorCode;
use huzhu_domain::{OrgUnitKind, Reach};
use std::collections::HashMap;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = org_units)]
struct OrgUnitRow {
    id: i64,
    parent_id: Option<i64>,
    kind: String,
    name: String,
    credit_code: Option<String>,
    path: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = org_units)]
struct NewOrgUnitRow<'a> {
    parent_id: Option<i64>,
    kind: &'a str,
    name: &'a str,
    credit_code: Option<&'a str>,
    path: &'a str,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OrgUnit {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub kind: OrgUnitKind,
    pub name: String,
    pub credit_code: Option<String>,
    /// `/1/7/42/`: the ids from the root down to this unit.
    pub path: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl TryFrom<OrgUnitRow> for OrgUnit {
    type Error = StoreError;
    fn try_from(r: OrgUnitRow) -> StoreResult<Self> {
        let kind = OrgUnitKind::parse(&r.kind).ok_or_else(|| {
            StoreError::Migration(format!("org unit {} has unknown kind {:?}", r.id, r.kind))
        })?;
        Ok(Self {
            id: r.id,
            parent_id: r.parent_id,
            kind,
            name: r.name,
            credit_code: r.credit_code,
            path: r.path,
            created_at: from_db(r.created_at),
            updated_at: from_db(r.updated_at),
        })
    }
}

impl OrgUnit {
    /// Whether `other` lies in this unit's subtree (itself included).
    pub fn contains(&self, other: &OrgUnit) -> bool {
        other.path.starts_with(&self.path)
    }
}

/// A new unit whose parent and credit code the domain has already checked.
#[derive(Debug, Clone)]
pub struct NewOrgUnit<'a> {
    pub parent: Option<&'a OrgUnit>,
    pub kind: OrgUnitKind,
    pub name: &'a str,
    pub credit_code: Option<&'a str>,
}

#[derive(Debug, Clone, Default)]
pub struct OrgUnitFilter {
    pub parent_id: Option<i64>,
    pub kind: Option<OrgUnitKind>,
    pub name_contains: Option<String>,
}

/// The `LIKE` pattern of the unit paths a reach lets through (`%` for the operator's); `None`
/// when it reaches no unit (a member, nobody), so records kept by unit are out of reach.
pub(crate) fn unit_pattern(reach: &Reach) -> Option<String> {
    reach.staff_path().map(subtree_pattern)
}

/// The `LIKE` pattern of a unit's subtree (paths hold digits and slashes only).
pub(crate) fn subtree_pattern(path: &str) -> String {
    format!("{path}%")
}

fn duplicate_code() -> StoreError {
    StoreError::conflict(
        ErrorCode::OrgUnitDuplicateCreditCode,
        "another unit already has this unified social credit code",
    )
}

pub fn insert(conn: &mut DbConn, new: NewOrgUnit<'_>, now: DateTime<Utc>) -> StoreResult<OrgUnit> {
    let row = NewOrgUnitRow {
        parent_id: new.parent.map(|p| p.id),
        kind: new.kind.as_str(),
        name: new.name,
        credit_code: new.credit_code,
        path: "",
        created_at: to_db(now),
        updated_at: to_db(now),
    };
    let id: i64 = diesel::insert_into(org_units::table)
        .values(&row)
        .returning(org_units::id)
        .get_result(conn)
        .map_err(|e| match StoreError::from(e) {
            StoreError::Conflict { .. } => duplicate_code(),
            other => other,
        })?;
    let path = format!("{}{id}/", new.parent.map_or("/", |p| p.path.as_str()));
    diesel::update(org_units::table.find(id))
        .set(org_units::path.eq(&path))
        .execute(conn)?;
    get(conn, id)
}

pub fn get(conn: &mut DbConn, id: i64) -> StoreResult<OrgUnit> {
    org_units::table
        .find(id)
        .select(OrgUnitRow::as_select())
        .get_result(conn)?
        .try_into()
}

/// The unit if it lies within `reach`; `NotFound` otherwise, exactly as if it did not exist.
pub fn get_within(conn: &mut DbConn, reach: &Reach, id: i64) -> StoreResult<OrgUnit> {
    let pattern = unit_pattern(reach).ok_or(StoreError::NotFound)?;
    org_units::table
        .find(id)
        .filter(org_units::path.like(pattern))
        .select(OrgUnitRow::as_select())
        .get_result(conn)?
        .try_into()
}

/// The province association (the root), if the tree has been set up.
pub fn root(conn: &mut DbConn) -> StoreResult<Option<OrgUnit>> {
    org_units::table
        .filter(org_units::parent_id.is_null())
        .order(org_units::id)
        .limit(1)
        .select(OrgUnitRow::as_select())
        .load(conn)?
        .into_iter()
        .next()
        .map(OrgUnit::try_from)
        .transpose()
}

fn filtered<'a>(
    pattern: &str,
    filter: &'a OrgUnitFilter,
) -> org_units::BoxedQuery<'a, <DbConn as diesel::Connection>::Backend> {
    let mut q = org_units::table
        .filter(org_units::path.like(pattern.to_string()))
        .into_boxed();
    if let Some(parent) = filter.parent_id {
        q = q.filter(org_units::parent_id.eq(parent));
    }
    if let Some(kind) = filter.kind {
        q = q.filter(org_units::kind.eq(kind.as_str()));
    }
    if let Some(name) = &filter.name_contains {
        q = q.filter(org_units::name.like(like_contains(name)).escape('\\'));
    }
    q
}

/// The units within `reach` that pass `filter`, in tree order.
pub fn list(
    conn: &mut DbConn,
    reach: &Reach,
    filter: &OrgUnitFilter,
    paging: Paging,
) -> StoreResult<(Vec<OrgUnit>, i64)> {
    let Some(pattern) = unit_pattern(reach) else {
        return Ok((Vec::new(), 0));
    };
    let total: i64 = filtered(&pattern, filter).count().get_result(conn)?;
    let rows = filtered(&pattern, filter)
        .order((org_units::path.asc(), org_units::id.asc()))
        .limit(paging.limit)
        .offset(paging.offset)
        .select(OrgUnitRow::as_select())
        .load(conn)?;
    let units = rows
        .into_iter()
        .map(OrgUnit::try_from)
        .collect::<StoreResult<_>>()?;
    Ok((units, total))
}

/// Number of direct children of each of `ids` (absent ids have none).
pub fn child_counts(conn: &mut DbConn, ids: &[i64]) -> StoreResult<HashMap<i64, i64>> {
    let rows: Vec<(Option<i64>, i64)> = org_units::table
        .filter(org_units::parent_id.eq_any(ids))
        .group_by(org_units::parent_id)
        .select((org_units::parent_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(parent, n)| parent.map(|p| (p, n)))
        .collect())
}

#[derive(AsChangeset)]
#[diesel(table_name = org_units)]
struct OrgUnitChangeset<'a> {
    name: Option<&'a str>,
    credit_code: Option<&'a str>,
    updated_at: NaiveDateTime,
}

pub fn update(
    conn: &mut DbConn,
    id: i64,
    name: Option<&str>,
    credit_code: Option<&str>,
    now: DateTime<Utc>,
) -> StoreResult<OrgUnit> {
    let changes = OrgUnitChangeset {
        name,
        credit_code,
        updated_at: to_db(now),
    };
    diesel::update(org_units::table.find(id))
        .set(&changes)
        .execute(conn)
        .map_err(|e| match StoreError::from(e) {
            StoreError::Conflict { .. } => duplicate_code(),
            other => other,
        })?;
    get(conn, id)
}

/// Removes a unit that nothing hangs on: no child units, staff or members.
pub fn delete(conn: &mut DbConn, id: i64) -> StoreResult<()> {
    let children: i64 = org_units::table
        .filter(org_units::parent_id.eq(id))
        .count()
        .get_result(conn)?;
    if children > 0 {
        return Err(StoreError::conflict(
            ErrorCode::OrgUnitHasChildren,
            format!(
                "this unit still has {children} subordinate unit(s); remove or move them first"
            ),
        ));
    }
    let people: i64 = accounts::table
        .filter(accounts::org_unit_id.eq(id))
        .count()
        .get_result(conn)?;
    let enrolled: i64 = members::table
        .filter(members::org_unit_id.eq(id))
        .count()
        .get_result(conn)?;
    if people + enrolled > 0 {
        return Err(StoreError::conflict(
            ErrorCode::OrgUnitInUse,
            format!(
                "{people} account(s) and {enrolled} member(s) belong to this unit; move them first"
            ),
        ));
    }
    let n = diesel::delete(org_units::table.find(id)).execute(conn)?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}
