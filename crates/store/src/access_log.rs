//! The access log (查询日志): reads of personal data — who looked up whom, when, through which
//! client. Rows arrive in groups from the application's writer and are never changed.

use crate::db::DbConn;
use crate::error::StoreResult;
use crate::schema::access_log;
use crate::{from_db, on_backend, to_db, CHUNK};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

/// One read of personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Access {
    pub at: DateTime<Utc>,
    /// `staff:12`, `member:5`, `client:3`.
    pub actor: String,
    /// What was read, e.g. `coverage.eligibility`, `member.read`, `member.search`.
    pub action: String,
    /// The member looked up, when one was found.
    pub member_id: Option<i64>,
    /// What identifies the look-up without repeating personal data (a search's hit count, an
    /// enquiry's event date).
    pub detail: String,
    pub request_id: String,
}

/// Appends a group of reads in as few statements as the backend allows.
pub fn append_all(conn: &mut DbConn, rows: &[Access]) -> StoreResult<usize> {
    let mut written = 0;
    for chunk in rows.chunks(CHUNK) {
        let values: Vec<_> = chunk
            .iter()
            .map(|a| {
                (
                    access_log::at.eq(to_db(a.at)),
                    access_log::actor.eq(&a.actor),
                    access_log::action.eq(&a.action),
                    access_log::member_id.eq(a.member_id),
                    access_log::detail.eq(&a.detail),
                    access_log::request_id.eq(&a.request_id),
                )
            })
            .collect();
        written += on_backend!(conn, |c| diesel::insert_into(access_log::table)
            .values(&values)
            .execute(c))?;
    }
    Ok(written)
}

/// The reads of one member's data, oldest first.
pub fn of_member(conn: &mut DbConn, member_id: i64, limit: i64) -> StoreResult<Vec<Access>> {
    let rows: Vec<(NaiveDateTime, String, String, Option<i64>, String, String)> = access_log::table
        .filter(access_log::member_id.eq(member_id))
        .order(access_log::id.asc())
        .limit(limit)
        .select((
            access_log::at,
            access_log::actor,
            access_log::action,
            access_log::member_id,
            access_log::detail,
            access_log::request_id,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(at, actor, action, member_id, detail, request_id)| Access {
                at: from_db(at),
                actor,
                action,
                member_id,
                detail,
                request_id,
            },
        )
        .collect())
}

/// How many reads the log holds (for tests and operators).
pub fn count(conn: &mut DbConn) -> StoreResult<i64> {
    Ok(access_log::table.count().get_result(conn)?)
}
