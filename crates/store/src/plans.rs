//! The plan catalogue: plans by code, and their versions with the terms as JSON text. Which
//! state transitions are allowed is the domain's decision; this module records them.

use crate::db::DbConn;
use crate::error::{StoreError, StoreResult};
use crate::schema::{plan_versions, plans};
use crate::{from_db, to_db, Stored};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use huzhu_domain::plan::PlanVersionState;
use huzhu_domain::ErrorCode;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = plan_versions)]
struct VersionRow {
    id: i64,
    plan_id: i64,
    version: i32,
    state: Stored<PlanVersionState>,
    terms: String,
    created_by: Option<i64>,
    created_at: NaiveDateTime,
    approved_by: Option<i64>,
    approved_at: Option<NaiveDateTime>,
    activated_at: Option<NaiveDateTime>,
    retired_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlanVersion {
    pub id: i64,
    pub plan_id: i64,
    pub code: String,
    pub version: i32,
    pub state: PlanVersionState,
    /// The plan terms as JSON.
    pub terms: String,
    pub created_by: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub approved_by: Option<i64>,
    pub approved_at: Option<DateTime<Utc>>,
    pub activated_at: Option<DateTime<Utc>>,
    pub retired_at: Option<DateTime<Utc>>,
}

fn assemble(r: VersionRow, code: String) -> PlanVersion {
    PlanVersion {
        id: r.id,
        plan_id: r.plan_id,
        code,
        version: r.version,
        state: r.state.0,
        terms: r.terms,
        created_by: r.created_by,
        created_at: from_db(r.created_at),
        approved_by: r.approved_by,
        approved_at: r.approved_at.map(from_db),
        activated_at: r.activated_at.map(from_db),
        retired_at: r.retired_at.map(from_db),
    }
}

fn plan_id(conn: &mut DbConn, code: &str) -> StoreResult<Option<i64>> {
    Ok(plans::table
        .filter(plans::code.eq(code))
        .select(plans::id)
        .get_result(conn)
        .optional()?)
}

/// Adds a draft version of the plan `code` (creating the plan on its first version).
pub fn insert_draft(
    conn: &mut DbConn,
    code: &str,
    terms_json: &str,
    created_by: Option<i64>,
    now: DateTime<Utc>,
) -> StoreResult<PlanVersion> {
    let plan = match plan_id(conn, code)? {
        Some(id) => id,
        None => diesel::insert_into(plans::table)
            .values((plans::code.eq(code), plans::created_at.eq(to_db(now))))
            .returning(plans::id)
            .get_result(conn)?,
    };
    let latest: Option<i32> = plan_versions::table
        .filter(plan_versions::plan_id.eq(plan))
        .select(diesel::dsl::max(plan_versions::version))
        .get_result(conn)?;
    let id: i64 = diesel::insert_into(plan_versions::table)
        .values((
            plan_versions::plan_id.eq(plan),
            plan_versions::version.eq(latest.unwrap_or(0) + 1),
            plan_versions::state.eq(PlanVersionState::Draft.as_str()),
            plan_versions::terms.eq(terms_json),
            plan_versions::created_by.eq(created_by),
            plan_versions::created_at.eq(to_db(now)),
        ))
        .returning(plan_versions::id)
        .get_result(conn)?;
    get_version(conn, id)
}

pub fn get_version(conn: &mut DbConn, id: i64) -> StoreResult<PlanVersion> {
    let (row, code): (VersionRow, String) = plan_versions::table
        .inner_join(plans::table)
        .filter(plan_versions::id.eq(id))
        .select((VersionRow::as_select(), plans::code))
        .get_result(conn)?;
    Ok(assemble(row, code))
}

/// Every version of every plan, by code then version.
pub fn all_versions(conn: &mut DbConn) -> StoreResult<Vec<PlanVersion>> {
    let rows: Vec<(VersionRow, String)> = plan_versions::table
        .inner_join(plans::table)
        .order((plans::code.asc(), plan_versions::version.asc()))
        .select((VersionRow::as_select(), plans::code))
        .load(conn)?;
    Ok(rows.into_iter().map(|(r, c)| assemble(r, c)).collect())
}

pub fn versions_of(conn: &mut DbConn, code: &str) -> StoreResult<Vec<PlanVersion>> {
    let rows: Vec<(VersionRow, String)> = plan_versions::table
        .inner_join(plans::table)
        .filter(plans::code.eq(code))
        .order(plan_versions::version.asc())
        .select((VersionRow::as_select(), plans::code))
        .load(conn)?;
    Ok(rows.into_iter().map(|(r, c)| assemble(r, c)).collect())
}

/// The version of `code` in force, if any.
pub fn active_version(conn: &mut DbConn, code: &str) -> StoreResult<Option<PlanVersion>> {
    Ok(versions_of(conn, code)?
        .into_iter()
        .find(|v| v.state == PlanVersionState::Active))
}

/// Replaces the terms of a draft.
pub fn update_draft(conn: &mut DbConn, id: i64, terms_json: &str) -> StoreResult<PlanVersion> {
    let n = diesel::update(
        plan_versions::table
            .find(id)
            .filter(plan_versions::state.eq(PlanVersionState::Draft.as_str())),
    )
    .set(plan_versions::terms.eq(terms_json))
    .execute(conn)?;
    if n == 0 {
        return Err(StoreError::conflict(
            ErrorCode::PlanNotDraft,
            "only a draft version can be edited",
        ));
    }
    get_version(conn, id)
}

/// Puts a draft in force at once (approved, then active), as seeding does: the demo data, the
/// benchmarks and the tests. In service a version is approved by a council resolution.
pub fn seed_in_force(
    conn: &mut DbConn,
    id: i64,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> StoreResult<PlanVersion> {
    set_state(
        conn,
        id,
        PlanVersionState::Draft,
        PlanVersionState::Approved,
        by,
        now,
    )?;
    set_state(
        conn,
        id,
        PlanVersionState::Approved,
        PlanVersionState::Active,
        by,
        now,
    )
}

/// Records a state change the domain has allowed. Activating a version retires the version
/// that was active before it, in the same transaction.
pub fn set_state(
    conn: &mut DbConn,
    id: i64,
    from: PlanVersionState,
    to: PlanVersionState,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> StoreResult<PlanVersion> {
    let version = get_version(conn, id)?;
    if version.state != from {
        return Err(StoreError::conflict(
            ErrorCode::PlanStateChanged,
            format!("the version is {} now, not {from}", version.state),
        ));
    }
    if to == PlanVersionState::Active {
        diesel::update(
            plan_versions::table
                .filter(plan_versions::plan_id.eq(version.plan_id))
                .filter(plan_versions::state.eq(PlanVersionState::Active.as_str())),
        )
        .set((
            plan_versions::state.eq(PlanVersionState::Retired.as_str()),
            plan_versions::retired_at.eq(to_db(now)),
        ))
        .execute(conn)?;
    }
    let target = plan_versions::table
        .find(id)
        .filter(plan_versions::state.eq(from.as_str()));
    let n = match to {
        PlanVersionState::Approved => diesel::update(target)
            .set((
                plan_versions::state.eq(to.as_str()),
                plan_versions::approved_by.eq(by),
                plan_versions::approved_at.eq(to_db(now)),
            ))
            .execute(conn)?,
        PlanVersionState::Active => diesel::update(target)
            .set((
                plan_versions::state.eq(to.as_str()),
                plan_versions::activated_at.eq(to_db(now)),
            ))
            .execute(conn)?,
        // A version goes back to draft through no transition; retiring is the last.
        PlanVersionState::Draft | PlanVersionState::Retired => diesel::update(target)
            .set((
                plan_versions::state.eq(to.as_str()),
                plan_versions::retired_at.eq(to_db(now)),
            ))
            .execute(conn)?,
    };
    if n == 0 {
        return Err(StoreError::conflict(
            ErrorCode::PlanStateChanged,
            "the version changed meanwhile",
        ));
    }
    get_version(conn, id)
}
