//! The audit trail (审计日志): appended in the transaction that changes the head, read in order,
//! and verified against the hash chain of `huzhu_domain::audit`. The database refuses updates
//! and deletes of entries (triggers on both backends); the head row anchors the last entry, so
//! entries cut from the end are found as well.

use crate::db::DbConn;
use crate::error::{StoreError, StoreResult};
use crate::schema::{audit_head, audit_log};
use diesel::prelude::*;
use huzhu_domain::audit::{self, AuditKey, Break, Checkpoint, CheckpointBreak, Record, Stored};

/// One entry as stored.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = audit_log)]
pub struct Entry {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub details: String,
    pub prev_hash: String,
    pub hash: String,
}

impl Entry {
    fn stored(&self) -> Stored<'_> {
        Stored {
            record: Record {
                seq: self.seq,
                at: &self.at,
                actor: &self.actor,
                action: &self.action,
                subject: &self.subject,
                details: &self.details,
            },
            prev_hash: &self.prev_hash,
            hash: &self.hash,
        }
    }
}

/// What is appended; `seq` and the hashes are assigned here.
#[derive(Debug, Clone)]
pub struct NewEntry<'a> {
    pub at: &'a str,
    pub actor: &'a str,
    pub action: &'a str,
    pub subject: &'a str,
    pub details: &'a str,
}

/// The head, locked for this transaction on PostgreSQL (SQLite's write transaction already
/// holds the database's write lock).
fn locked_head(conn: &mut DbConn) -> StoreResult<(i64, String)> {
    let query = audit_head::table
        .find(1)
        .select((audit_head::seq, audit_head::hash));
    let head = match conn {
        DbConn::Pg(c) => query.for_update().first(c),
        DbConn::Sqlite(c) => query.first(c),
    };
    head.optional()?
        .ok_or_else(|| StoreError::Corrupt("the audit trail has no head row".into()))
}

/// Appends an entry after the head; call inside a write transaction. Returns its sequence number.
pub fn append(conn: &mut DbConn, key: &AuditKey, e: &NewEntry<'_>) -> StoreResult<i64> {
    let (head_seq, head_hash) = locked_head(conn)?;
    let seq = head_seq + 1;
    let record = Record {
        seq,
        at: e.at,
        actor: e.actor,
        action: e.action,
        subject: e.subject,
        details: e.details,
    };
    let hash = audit::hash(key, &head_hash, &record);
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::seq.eq(seq),
            audit_log::at.eq(e.at),
            audit_log::actor.eq(e.actor),
            audit_log::action.eq(e.action),
            audit_log::subject.eq(e.subject),
            audit_log::details.eq(e.details),
            audit_log::prev_hash.eq(&head_hash),
            audit_log::hash.eq(&hash),
        ))
        .execute(conn)?;
    diesel::update(audit_head::table.find(1))
        .set((audit_head::seq.eq(seq), audit_head::hash.eq(&hash)))
        .execute(conn)?;
    Ok(seq)
}

/// Entries before `before_seq` (from the newest when `None`), newest first.
pub fn page(conn: &mut DbConn, before_seq: Option<i64>, limit: i64) -> StoreResult<Vec<Entry>> {
    let mut q = audit_log::table
        .select(Entry::as_select())
        .order(audit_log::seq.desc())
        .limit(limit)
        .into_boxed();
    if let Some(before) = before_seq {
        q = q.filter(audit_log::seq.lt(before));
    }
    Ok(q.load(conn)?)
}

/// The number of the last entry written.
pub fn head_seq(conn: &mut DbConn) -> StoreResult<i64> {
    Ok(audit_head::table
        .find(1)
        .select(audit_head::seq)
        .first(conn)?)
}

/// The result of checking the whole trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// Entries checked and found in order.
    pub checked: u64,
    /// The last entry the head anchors.
    pub head_seq: i64,
    pub broken: Option<Break>,
}

/// Entries read per query while verifying.
const PAGE: i64 = 5_000;

/// Checks every entry's hash and link in order, then that the last one is the head.
pub fn verify(conn: &mut DbConn, key: &AuditKey) -> StoreResult<Verification> {
    let (head_seq, head_hash) = audit_head::table
        .find(1)
        .select((audit_head::seq, audit_head::hash))
        .first::<(i64, String)>(conn)?;
    let mut chain = audit::Chain::new(key);
    let mut after = 0i64;
    loop {
        let rows: Vec<Entry> = audit_log::table
            .select(Entry::as_select())
            .filter(audit_log::seq.gt(after))
            .order(audit_log::seq.asc())
            .limit(PAGE)
            .load(conn)?;
        let Some(end) = rows.last() else { break };
        after = end.seq;
        for row in &rows {
            if let Err(broken) = chain.check(&row.stored()) {
                return Ok(Verification {
                    checked: chain.checked(),
                    head_seq,
                    broken: Some(broken),
                });
            }
        }
    }
    let checked = chain.checked();
    let broken = chain.finish(head_seq, &head_hash).err();
    Ok(Verification {
        checked,
        head_seq,
        broken,
    })
}

/// A signed statement of the head as it stands, for the supervisory board to keep outside the
/// system.
pub fn checkpoint(
    conn: &mut DbConn,
    key: &AuditKey,
    at: chrono::DateTime<chrono::Utc>,
) -> StoreResult<Checkpoint> {
    let (seq, hash) = audit_head::table
        .find(1)
        .select((audit_head::seq, audit_head::hash))
        .first::<(i64, String)>(conn)?;
    let at = at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    Ok(Checkpoint::sign(key, seq, &hash, &at))
}

/// The trail verified on its own and against a checkpoint kept outside it.
pub fn verify_with_checkpoint(
    conn: &mut DbConn,
    key: &AuditKey,
    cp: &Checkpoint,
) -> StoreResult<(Verification, Result<(), CheckpointBreak>)> {
    let v = verify(conn, key)?;
    let hash_at: Option<String> = audit_log::table
        .find(cp.seq)
        .select(audit_log::hash)
        .first(conn)
        .optional()?;
    let against = audit::against_checkpoint(key, cp, v.head_seq, hash_at.as_deref());
    Ok((v, against))
}
