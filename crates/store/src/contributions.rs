//! Contributions received for policies, in integer fen.

use crate::db::DbConn;
use crate::error::{StoreError, StoreResult};
use crate::schema::contributions;
use crate::{from_db, to_db, Stored};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use huzhu_domain::contribution::ContributionChannel;
use huzhu_domain::ledger::JournalKind;
use huzhu_domain::ErrorCode;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = contributions)]
struct ContributionRow {
    id: i64,
    policy_id: i64,
    amount_fen: i64,
    channel: Stored<ContributionChannel>,
    reference: String,
    paid_on: NaiveDate,
    recorded_by: Option<i64>,
    created_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Contribution {
    pub id: i64,
    pub policy_id: i64,
    pub amount_fen: i64,
    pub channel: ContributionChannel,
    pub reference: String,
    pub paid_on: NaiveDate,
    pub recorded_by: Option<i64>,
    pub created_at: DateTime<Utc>,
}

impl From<ContributionRow> for Contribution {
    fn from(r: ContributionRow) -> Self {
        Self {
            id: r.id,
            policy_id: r.policy_id,
            amount_fen: r.amount_fen,
            channel: r.channel.0,
            reference: r.reference,
            paid_on: r.paid_on,
            recorded_by: r.recorded_by,
            created_at: from_db(r.created_at),
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewContribution<'a> {
    pub policy_id: i64,
    pub amount_fen: i64,
    pub channel: ContributionChannel,
    pub reference: &'a str,
    pub paid_on: NaiveDate,
    pub recorded_by: Option<i64>,
}

pub fn insert(
    conn: &mut DbConn,
    new: NewContribution<'_>,
    now: DateTime<Utc>,
) -> StoreResult<Contribution> {
    let id: i64 = diesel::insert_into(contributions::table)
        .values((
            contributions::policy_id.eq(new.policy_id),
            contributions::amount_fen.eq(new.amount_fen),
            contributions::channel.eq(new.channel.as_str()),
            contributions::reference.eq(new.reference),
            contributions::paid_on.eq(new.paid_on),
            contributions::recorded_by.eq(new.recorded_by),
            contributions::created_at.eq(to_db(now)),
        ))
        .returning(contributions::id)
        .get_result(conn)
        .map_err(|e| match StoreError::from(e) {
            StoreError::Conflict { .. } => StoreError::conflict(
                ErrorCode::ContributionDuplicateReference,
                format!(
                    "a payment with reference {} via {} is already recorded",
                    new.reference, new.channel
                ),
            ),
            other => other,
        })?;
    let fund = crate::ledger::policy_fund(conn, new.policy_id)?;
    let reserve = crate::ledger::reserve_bp(conn, fund.year)?;
    crate::ledger::book(
        conn,
        &fund,
        JournalKind::ContributionReceived,
        &format!("policy:{}", new.policy_id),
        huzhu_domain::ledger::contribution_received(new.amount_fen, reserve),
        new.recorded_by,
        now,
    )?;
    Ok(contributions::table
        .find(id)
        .select(ContributionRow::as_select())
        .get_result(conn)?
        .into())
}

pub fn of_policy(conn: &mut DbConn, policy_id: i64) -> StoreResult<Vec<Contribution>> {
    Ok(contributions::table
        .filter(contributions::policy_id.eq(policy_id))
        .order(contributions::id.asc())
        .select(ContributionRow::as_select())
        .load(conn)?
        .into_iter()
        .map(Contribution::from)
        .collect())
}
