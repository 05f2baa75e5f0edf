//! The outbox: notices written in the transaction of the change that causes them, delivered by
//! a dispatcher after that transaction has committed (docs/adr/0004-outbox-and-leases.md).

use crate::db::DbConn;
use crate::error::StoreResult;
use crate::schema::{leases, outbox};
use crate::{from_db, on_backend, to_db};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

/// A notice waiting for delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiting {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    pub created_at: DateTime<Utc>,
    pub attempts: i32,
}

/// Queues a notice; call inside the change's write transaction.
pub fn enqueue(
    conn: &mut DbConn,
    kind: &str,
    payload: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    diesel::insert_into(outbox::table)
        .values((
            outbox::kind.eq(kind),
            outbox::payload.eq(payload),
            outbox::created_at.eq(to_db(now)),
            outbox::attempts.eq(0),
        ))
        .execute(conn)?;
    Ok(())
}

fn waiting_rows(
    conn: &mut DbConn,
    now: DateTime<Utc>,
    ready: bool,
    after: i64,
    limit: i64,
) -> StoreResult<Vec<Waiting>> {
    let mut q = outbox::table
        .filter(outbox::delivered_at.is_null())
        .filter(outbox::abandoned_at.is_null())
        .filter(outbox::id.gt(after))
        .into_boxed();
    q = if ready {
        q.filter(
            outbox::next_attempt_at
                .is_null()
                .or(outbox::next_attempt_at.le(to_db(now))),
        )
    } else {
        q.filter(outbox::next_attempt_at.gt(to_db(now)))
    };
    let rows: Vec<(i64, String, String, NaiveDateTime, i32)> = q
        .order(outbox::id.asc())
        .limit(limit)
        .select((
            outbox::id,
            outbox::kind,
            outbox::payload,
            outbox::created_at,
            outbox::attempts,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, kind, payload, at, attempts)| Waiting {
            id,
            kind,
            payload,
            created_at: from_db(at),
            attempts,
        })
        .collect())
}

/// The oldest notices after `after` (an id) due for an attempt now: never tried, or their
/// pause is over.
pub fn ready(
    conn: &mut DbConn,
    now: DateTime<Utc>,
    after: i64,
    limit: i64,
) -> StoreResult<Vec<Waiting>> {
    waiting_rows(conn, now, true, after, limit)
}

/// The notices that failed and wait out their pause: the later notices of the same member
/// wait behind them, to keep each member's notices in order.
pub fn deferred(conn: &mut DbConn, now: DateTime<Utc>, limit: i64) -> StoreResult<Vec<Waiting>> {
    waiting_rows(conn, now, false, 0, limit)
}

pub fn delivered(conn: &mut DbConn, id: i64, now: DateTime<Utc>) -> StoreResult<()> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::delivered_at.eq(Some(to_db(now))),
            outbox::attempts.eq(outbox::attempts + 1),
        ))
        .execute(conn)?;
    Ok(())
}

/// What becomes of a notice whose delivery failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// Tried again from this instant on.
    At(DateTime<Utc>),
    /// Given up at this instant: its attempts are used up.
    Abandoned(DateTime<Utc>),
}

pub fn failed(conn: &mut DbConn, id: i64, error: &str, retry: Retry) -> StoreResult<()> {
    let (next, abandoned) = match retry {
        Retry::At(t) => (Some(to_db(t)), None),
        Retry::Abandoned(t) => (None, Some(to_db(t))),
    };
    diesel::update(outbox::table.find(id))
        .set((
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::last_error.eq(Some(error)),
            outbox::next_attempt_at.eq(next),
            outbox::abandoned_at.eq(abandoned),
        ))
        .execute(conn)?;
    Ok(())
}

/// How many notices wait (for readiness and tests); abandoned ones no longer do.
pub fn waiting_count(conn: &mut DbConn) -> StoreResult<i64> {
    Ok(outbox::table
        .filter(outbox::delivered_at.is_null())
        .filter(outbox::abandoned_at.is_null())
        .count()
        .get_result(conn)?)
}

/// How many notices were given up (for readiness and tests).
pub fn abandoned_count(conn: &mut DbConn) -> StoreResult<i64> {
    Ok(outbox::table
        .filter(outbox::abandoned_at.is_not_null())
        .count()
        .get_result(conn)?)
}

/// Gives the lease `name` up if `holder` holds it, so another instance need not wait for it
/// to run out.
pub fn release_lease(conn: &mut DbConn, name: &str, holder: &str) -> StoreResult<()> {
    diesel::delete(leases::table.filter(leases::name.eq(name).and(leases::holder.eq(holder))))
        .execute(conn)?;
    Ok(())
}

/// Takes or renews the lease `name` for `holder` until `until`; true when `holder` holds it.
/// A lease held by someone else is taken only once it has expired, so among several instances
/// serving one database one runs the work at a time.
pub fn take_lease(
    conn: &mut DbConn,
    name: &str,
    holder: &str,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> StoreResult<bool> {
    let row = (
        leases::name.eq(name),
        leases::holder.eq(holder),
        leases::expires_at.eq(to_db(now)),
    );
    on_backend!(conn, |c| diesel::insert_into(leases::table)
        .values(&row)
        .on_conflict_do_nothing()
        .execute(c))?;
    let taken = diesel::update(
        leases::table.filter(
            leases::name.eq(name).and(
                leases::holder
                    .eq(holder)
                    .or(leases::expires_at.le(to_db(now))),
            ),
        ),
    )
    .set((
        leases::holder.eq(holder),
        leases::expires_at.eq(to_db(until)),
    ))
    .execute(conn)?;
    Ok(taken == 1)
}
