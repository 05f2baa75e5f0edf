//! The access log (查询日志): reads of personal data — who looked up whom, when, through which
//! client. Rows arrive in groups from the application's writer and are never changed.
//!
//! On PostgreSQL the log is a table of the database. On SQLite it is a database file of its own
//! beside the main one ([`open`]): every commit to a SQLite file makes each other connection
//! drop its page cache, so logging reads into the register's own file would slow every reader
//! of the register (docs/adr/0003-audit-trail.md).

use crate::db::{DatabaseUrl, DbConn, Store};
use crate::error::StoreResult;
use crate::schema::access_log;
use crate::{from_db, on_backend, to_db, CHUNK};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::connection::SimpleConnection;
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

/// Appends a group of reads. PostgreSQL takes them in multi-row statements (one round trip
/// per 1,000); SQLite one prepared statement per row, which it keeps compiled, where a
/// multi-row statement would be parsed afresh for every group.
pub fn append_all(conn: &mut DbConn, rows: &[Access]) -> StoreResult<usize> {
    let values = |a: &'_ Access| {
        (
            access_log::at.eq(to_db(a.at)),
            access_log::actor.eq(a.actor.clone()),
            access_log::action.eq(a.action.clone()),
            access_log::member_id.eq(a.member_id),
            access_log::detail.eq(a.detail.clone()),
            access_log::request_id.eq(a.request_id.clone()),
        )
    };
    let mut written = 0;
    match conn {
        DbConn::Sqlite(c) => {
            for a in rows {
                written += diesel::insert_into(access_log::table)
                    .values(values(a))
                    .execute(c)?;
            }
        }
        DbConn::Pg(_) => {
            for chunk in rows.chunks(CHUNK) {
                let group: Vec<_> = chunk.iter().map(values).collect();
                written += on_backend!(conn, |c| diesel::insert_into(access_log::table)
                    .values(&group)
                    .execute(c))?;
            }
        }
    }
    Ok(written)
}

/// Appends a group of reads in one transaction of its own. Only inserts, so the transaction
/// takes the write lock at its first statement without the main database's lock statement
/// (which names a table the access log's own SQLite file does not have).
pub fn append_group(store: &Store, rows: &[Access]) -> StoreResult<usize> {
    use diesel::Connection;
    store.read(|c| c.transaction(|c| append_all(c, rows)))
}

/// The latest reads of one member's data, newest first.
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

/// The SQLite file's schema: the table of the PostgreSQL migration, without the reference to
/// the members table (which lives in the other file).
const SQLITE_SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS access_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TIMESTAMP NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    member_id BIGINT,
    detail TEXT NOT NULL,
    request_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS access_log_member ON access_log (member_id, id);
CREATE TRIGGER IF NOT EXISTS access_log_no_update BEFORE UPDATE ON access_log
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS access_log_no_delete BEFORE DELETE ON access_log
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
";

/// Where the access log of `store` lives: the same database on PostgreSQL; on SQLite a file
/// beside the main one (`huzhu.sqlite3` → `huzhu-access.sqlite3`), created when missing.
pub fn open(store: &Store) -> StoreResult<Store> {
    match store.url() {
        DatabaseUrl::Postgres(_) => Ok(store.clone()),
        DatabaseUrl::Sqlite(path) => {
            let p = std::path::Path::new(path);
            let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or("huzhu");
            let file = p.with_file_name(format!("{stem}-access.sqlite3"));
            // The writer already accepts losing its last window in a crash, so the file need
            // not be synced at every commit (a power cut may lose the last commits; the file
            // stays consistent).
            let log = Store::connect_with(
                &DatabaseUrl::Sqlite(file.to_string_lossy().into()),
                2,
                "PRAGMA synchronous = NORMAL;",
            )?;
            log.conn()?.batch_execute(SQLITE_SCHEMA)?;
            Ok(log)
        }
    }
}
