//! Policies: a member's cover under one plan version for one period. Premiums are integer fen.

use crate::db::DbConn;
use crate::error::StoreResult;
use crate::schema::policies;
use crate::{from_db, on_backend, to_db, Stored, CHUNK};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use huzhu_domain::coverage::PolicyState;
use huzhu_domain::ledger::JournalKind;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = policies)]
struct PolicyRow {
    id: i64,
    member_id: i64,
    plan_version_id: i64,
    plan_code: String,
    shares: i32,
    premium_fen: i64,
    status: Stored<PolicyState>,
    start_date: Option<NaiveDate>,
    end_date: Option<NaiveDate>,
    waiting_period_end: Option<NaiveDate>,
    terminated_from: Option<NaiveDate>,
    created_at: NaiveDateTime,
    paid_at: Option<NaiveDateTime>,
    batch_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    pub id: i64,
    pub member_id: i64,
    pub plan_version_id: i64,
    pub plan_code: String,
    pub shares: i32,
    pub premium_fen: i64,
    pub status: PolicyState,
    /// First and last covered day (inclusive), set once paid.
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub waiting_period_end: Option<NaiveDate>,
    /// Cover ends early from this day on.
    pub terminated_from: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub paid_at: Option<DateTime<Utc>>,
    /// The roster batch that enrolled it, if any.
    pub batch_id: Option<i64>,
}

impl From<PolicyRow> for Policy {
    fn from(r: PolicyRow) -> Self {
        Self {
            id: r.id,
            member_id: r.member_id,
            plan_version_id: r.plan_version_id,
            plan_code: r.plan_code,
            shares: r.shares,
            premium_fen: r.premium_fen,
            status: r.status.0,
            start_date: r.start_date,
            end_date: r.end_date,
            waiting_period_end: r.waiting_period_end,
            terminated_from: r.terminated_from,
            created_at: from_db(r.created_at),
            paid_at: r.paid_at.map(from_db),
            batch_id: r.batch_id,
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewPolicy<'a> {
    pub member_id: i64,
    pub plan_version_id: i64,
    pub plan_code: &'a str,
    pub shares: i32,
    pub premium_fen: i64,
    pub status: PolicyState,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub waiting_period_end: Option<NaiveDate>,
    pub paid_at: Option<DateTime<Utc>>,
    pub batch_id: Option<i64>,
}

pub fn insert(conn: &mut DbConn, new: NewPolicy<'_>, now: DateTime<Utc>) -> StoreResult<Policy> {
    let id: i64 = diesel::insert_into(policies::table)
        .values((
            policies::member_id.eq(new.member_id),
            policies::plan_version_id.eq(new.plan_version_id),
            policies::plan_code.eq(new.plan_code),
            policies::shares.eq(new.shares),
            policies::premium_fen.eq(new.premium_fen),
            policies::status.eq(new.status.as_str()),
            policies::start_date.eq(new.start_date),
            policies::end_date.eq(new.end_date),
            policies::waiting_period_end.eq(new.waiting_period_end),
            policies::created_at.eq(to_db(now)),
            policies::paid_at.eq(new.paid_at.map(to_db)),
            policies::batch_id.eq(new.batch_id),
        ))
        .returning(policies::id)
        .get_result(conn)?;
    // A roster's policies fall due with their batch; one enrolled alone falls due now.
    if new.batch_id.is_none() && new.premium_fen > 0 {
        let fund = crate::ledger::fund_of(new.plan_code, huzhu_domain::plan::china_date(now));
        crate::ledger::book(
            conn,
            &fund,
            JournalKind::PremiumDue,
            &format!("policy:{id}"),
            huzhu_domain::ledger::premium_due(new.premium_fen),
            None,
            now,
        )?;
    }
    Ok(policies::table
        .find(id)
        .select(PolicyRow::as_select())
        .get_result(conn)?
        .into())
}

pub fn get(conn: &mut DbConn, id: i64) -> StoreResult<Policy> {
    Ok(policies::table
        .find(id)
        .select(PolicyRow::as_select())
        .get_result(conn)?
        .into())
}

/// Starts the cover of paid policies that share one period. Only policies still waiting for
/// payment change; returns how many this call changed, so two concurrent payments cannot both
/// activate one.
pub fn activate_many(
    conn: &mut DbConn,
    ids: &[i64],
    start: NaiveDate,
    end: NaiveDate,
    waiting_period_end: NaiveDate,
    now: DateTime<Utc>,
) -> StoreResult<usize> {
    let mut changed = 0;
    for chunk in ids.chunks(CHUNK) {
        changed += diesel::update(
            policies::table
                .filter(policies::id.eq_any(chunk))
                .filter(policies::status.eq(PolicyState::PendingPayment.as_str())),
        )
        .set((
            policies::status.eq(PolicyState::Active.as_str()),
            policies::start_date.eq(Some(start)),
            policies::end_date.eq(Some(end)),
            policies::waiting_period_end.eq(Some(waiting_period_end)),
            policies::paid_at.eq(Some(to_db(now))),
        ))
        .execute(conn)?;
    }
    Ok(changed)
}

/// Ends an active policy's cover from `from` on (events before that day stay covered); false if
/// it was not active.
pub fn terminate(conn: &mut DbConn, id: i64, from: NaiveDate) -> StoreResult<bool> {
    let n = diesel::update(
        policies::table
            .find(id)
            .filter(policies::status.eq(PolicyState::Active.as_str())),
    )
    .set((
        policies::status.eq(PolicyState::Terminated.as_str()),
        policies::terminated_from.eq(Some(from)),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// The policies a roster batch enrolled.
pub fn of_batch(conn: &mut DbConn, batch_id: i64) -> StoreResult<Vec<Policy>> {
    Ok(policies::table
        .filter(policies::batch_id.eq(batch_id))
        .order(policies::id.asc())
        .select(PolicyRow::as_select())
        .load(conn)?
        .into_iter()
        .map(Policy::from)
        .collect())
}

/// A member's policies, newest period first.
pub fn of_member(conn: &mut DbConn, member_id: i64) -> StoreResult<Vec<Policy>> {
    // On the backend's own connection: found in the statement cache by type (a hot path).
    let rows: Vec<PolicyRow> = on_backend!(conn, |c| policies::table
        .filter(policies::member_id.eq(member_id))
        .order((policies::start_date.desc(), policies::id.desc()))
        .select(PolicyRow::as_select())
        .load(c))?;
    Ok(rows.into_iter().map(Policy::from).collect())
}

/// The policies of `member_ids` in one plan, looked up in chunks, keyed by member.
pub fn of_members_in_plan(
    conn: &mut DbConn,
    member_ids: &[i64],
    plan_code: &str,
) -> StoreResult<std::collections::HashMap<i64, Vec<Policy>>> {
    let mut out: std::collections::HashMap<i64, Vec<Policy>> = std::collections::HashMap::new();
    for chunk in member_ids.chunks(500) {
        let rows: Vec<PolicyRow> = policies::table
            .filter(policies::member_id.eq_any(chunk))
            .filter(policies::plan_code.eq(plan_code))
            .order((policies::start_date.desc(), policies::id.desc()))
            .select(PolicyRow::as_select())
            .load(conn)?;
        for r in rows {
            out.entry(r.member_id).or_default().push(r.into());
        }
    }
    Ok(out)
}

/// A batch's policy with what a list of it shows about the holder.
#[derive(Debug, Clone, PartialEq)]
pub struct HeldPolicy {
    pub policy: Policy,
    pub member_name: String,
    pub id_number_masked: String,
}

/// The policies a roster batch enrolled, with their holders, in one query.
pub fn of_batch_with_holders(conn: &mut DbConn, batch_id: i64) -> StoreResult<Vec<HeldPolicy>> {
    use crate::schema::members;
    Ok(policies::table
        .inner_join(members::table)
        .filter(policies::batch_id.eq(batch_id))
        .order(policies::id.asc())
        .select((
            PolicyRow::as_select(),
            members::name,
            members::id_number_masked,
        ))
        .load::<(PolicyRow, String, String)>(conn)?
        .into_iter()
        .map(|(p, member_name, id_number_masked)| HeldPolicy {
            policy: p.into(),
            member_name,
            id_number_masked,
        })
        .collect())
}
