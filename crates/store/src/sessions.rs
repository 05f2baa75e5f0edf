//! Login sessions. A login starts a family; each refresh spends the current refresh token and
//! issues the next one in the same family. Access tokens name their family, so revoking the
//! family ends every token of that login at once.

use crate::db::DbConn;
use crate::error::StoreResult;
use crate::schema::{refresh_tokens, session_families};
use crate::{from_db, to_db};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

pub fn start_family(conn: &mut DbConn, account_id: i64, now: DateTime<Utc>) -> StoreResult<i64> {
    Ok(diesel::insert_into(session_families::table)
        .values((
            session_families::account_id.eq(account_id),
            session_families::created_at.eq(to_db(now)),
        ))
        .returning(session_families::id)
        .get_result(conn)?)
}

pub fn insert_refresh_token(
    conn: &mut DbConn,
    family_id: i64,
    token_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> StoreResult<()> {
    diesel::insert_into(refresh_tokens::table)
        .values((
            refresh_tokens::family_id.eq(family_id),
            refresh_tokens::token_hash.eq(token_hash),
            refresh_tokens::issued_at.eq(to_db(now)),
            refresh_tokens::expires_at.eq(to_db(expires_at)),
        ))
        .execute(conn)?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq)]
pub struct RefreshToken {
    pub id: i64,
    pub family_id: i64,
    pub account_id: i64,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
    pub family_revoked: bool,
}

pub fn find_refresh_token(
    conn: &mut DbConn,
    token_hash: &str,
) -> StoreResult<Option<RefreshToken>> {
    type Row = (
        i64,
        i64,
        i64,
        NaiveDateTime,
        Option<NaiveDateTime>,
        Option<NaiveDateTime>,
    );
    let row: Option<Row> = refresh_tokens::table
        .inner_join(session_families::table)
        .filter(refresh_tokens::token_hash.eq(token_hash))
        .select((
            refresh_tokens::id,
            refresh_tokens::family_id,
            session_families::account_id,
            refresh_tokens::expires_at,
            refresh_tokens::used_at,
            session_families::revoked_at,
        ))
        .get_result(conn)
        .optional()?;
    Ok(row.map(
        |(id, family_id, account_id, expires, used, revoked)| RefreshToken {
            id,
            family_id,
            account_id,
            expires_at: from_db(expires),
            used_at: used.map(from_db),
            family_revoked: revoked.is_some(),
        },
    ))
}

/// Marks a refresh token spent. Returns false if it already was: of two concurrent refreshes
/// with one token, exactly one wins.
pub fn spend_refresh_token(conn: &mut DbConn, id: i64, now: DateTime<Utc>) -> StoreResult<bool> {
    let n = diesel::update(
        refresh_tokens::table
            .find(id)
            .filter(refresh_tokens::used_at.is_null()),
    )
    .set(refresh_tokens::used_at.eq(to_db(now)))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn revoke_family(
    conn: &mut DbConn,
    family_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    diesel::update(
        session_families::table
            .find(family_id)
            .filter(session_families::revoked_at.is_null()),
    )
    .set((
        session_families::revoked_at.eq(to_db(now)),
        session_families::revoked_reason.eq(reason),
    ))
    .execute(conn)?;
    Ok(())
}

/// Ends every session of an account (disabled, password changed).
pub fn revoke_account(
    conn: &mut DbConn,
    account_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    diesel::update(
        session_families::table
            .filter(session_families::account_id.eq(account_id))
            .filter(session_families::revoked_at.is_null()),
    )
    .set((
        session_families::revoked_at.eq(to_db(now)),
        session_families::revoked_reason.eq(reason),
    ))
    .execute(conn)?;
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Family {
    pub account_id: i64,
    pub created_at: DateTime<Utc>,
    pub revoked: bool,
}

pub fn family(conn: &mut DbConn, family_id: i64) -> StoreResult<Option<Family>> {
    let row: Option<(i64, NaiveDateTime, Option<NaiveDateTime>)> = session_families::table
        .find(family_id)
        .select((
            session_families::account_id,
            session_families::created_at,
            session_families::revoked_at,
        ))
        .get_result(conn)
        .optional()?;
    Ok(row.map(|(account_id, created, revoked)| Family {
        account_id,
        created_at: from_db(created),
        revoked: revoked.is_some(),
    }))
}
