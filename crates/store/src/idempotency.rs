//! Answers kept for requests that move money, by the caller's `Idempotency-Key`.

use crate::db::DbConn;
use crate::error::{StoreError, StoreResult};
use crate::schema::idempotency_keys;
use crate::{on_backend, to_db};
use chrono::{DateTime, Utc};
use diesel::prelude::*;

/// A kept answer: the request's hash, the status and the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub request_sha256: String,
    pub status: u16,
    pub response: String,
}

pub fn find(conn: &mut DbConn, caller: &str, key: &str) -> StoreResult<Option<Kept>> {
    let row: Option<(String, i32, String)> = idempotency_keys::table
        .find((caller, key))
        .select((
            idempotency_keys::request_sha256,
            idempotency_keys::status,
            idempotency_keys::response,
        ))
        .first(conn)
        .optional()?;
    Ok(row.map(|(request_sha256, status, response)| Kept {
        request_sha256,
        status: u16::try_from(status).unwrap_or(500),
        response,
    }))
}

/// What claiming a key found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claimed {
    /// The key is new: this transaction holds it and must [`answer`] it before committing.
    Fresh,
    /// The key has a kept answer (or one being kept by a transaction that has since committed).
    Kept(Kept),
}

/// Claims `key` for this transaction, first thing in it. On PostgreSQL a second transaction
/// claiming the same key waits on the key's unique index until the first commits (then finds
/// its answer) or rolls back (then claims it itself); SQLite's write transactions run one at a
/// time. So concurrent requests with one key do the work once and all get its answer.
pub fn claim(
    conn: &mut DbConn,
    caller: &str,
    key: &str,
    request_sha256: &str,
    now: DateTime<Utc>,
) -> StoreResult<Claimed> {
    let row = (
        idempotency_keys::caller.eq(caller),
        idempotency_keys::key.eq(key),
        idempotency_keys::request_sha256.eq(request_sha256),
        // Not an HTTP status: the answer is written before this transaction commits.
        idempotency_keys::status.eq(0),
        idempotency_keys::response.eq(""),
        idempotency_keys::created_at.eq(to_db(now)),
    );
    let inserted = on_backend!(conn, |c| diesel::insert_into(idempotency_keys::table)
        .values(&row)
        .on_conflict_do_nothing()
        .execute(c))?;
    if inserted == 1 {
        return Ok(Claimed::Fresh);
    }
    match find(conn, caller, key)? {
        Some(kept) => Ok(Claimed::Kept(kept)),
        None => Err(StoreError::Corrupt(format!(
            "idempotency key {key} of {caller} neither new nor kept"
        ))),
    }
}

/// Stores the answer of a key this transaction claimed.
pub fn answer(
    conn: &mut DbConn,
    caller: &str,
    key: &str,
    status: u16,
    response: &str,
) -> StoreResult<()> {
    diesel::update(idempotency_keys::table.find((caller, key)))
        .set((
            idempotency_keys::status.eq(i32::from(status)),
            idempotency_keys::response.eq(response),
        ))
        .execute(conn)?;
    Ok(())
}

/// Forgets at most about `at_most` of the answers kept before `cutoff`, oldest first; returns
/// how many. A key used again after that is a new request. Bounded so that one sweep never
/// holds the write lock for long, however many answers have piled up.
pub fn forget_before(conn: &mut DbConn, cutoff: DateTime<Utc>, at_most: i64) -> StoreResult<usize> {
    let old = idempotency_keys::created_at.lt(to_db(cutoff));
    // The created_at of the `at_most`-th oldest answer: the sweep goes that far (ties included).
    let bound: Option<chrono::NaiveDateTime> = idempotency_keys::table
        .filter(old)
        .order(idempotency_keys::created_at.asc())
        .offset(at_most.max(1) - 1)
        .select(idempotency_keys::created_at)
        .first(conn)
        .optional()?;
    let gone = match bound {
        Some(b) => {
            diesel::delete(idempotency_keys::table.filter(idempotency_keys::created_at.le(b)))
                .execute(conn)?
        }
        None => diesel::delete(idempotency_keys::table.filter(old)).execute(conn)?,
    };
    Ok(gone)
}
