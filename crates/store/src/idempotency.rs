//! Answers kept for requests that move money, by the caller's `Idempotency-Key`.

use crate::db::DbConn;
use crate::error::{StoreError, StoreResult};
use crate::schema::idempotency_keys;
use crate::to_db;
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

/// Keeps an answer; false when the key was taken meanwhile (the first answer stands).
pub fn keep(
    conn: &mut DbConn,
    caller: &str,
    key: &str,
    kept: &Kept,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let inserted = diesel::insert_into(idempotency_keys::table)
        .values((
            idempotency_keys::caller.eq(caller),
            idempotency_keys::key.eq(key),
            idempotency_keys::request_sha256.eq(&kept.request_sha256),
            idempotency_keys::status.eq(i32::from(kept.status)),
            idempotency_keys::response.eq(&kept.response),
            idempotency_keys::created_at.eq(to_db(now)),
        ))
        .execute(conn);
    match inserted.map_err(StoreError::from) {
        Ok(_) => Ok(true),
        Err(StoreError::Conflict { .. }) => Ok(false),
        Err(e) => Err(e),
    }
}
