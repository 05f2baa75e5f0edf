//! Roster batches: the policies one union enrolled in one plan version from one file, and the
//! single payment that starts them.

use crate::db::DbConn;
use crate::error::{StoreError, StoreResult};
use crate::org_units::unit_pattern;
use crate::schema::{
    access_log, accounts, batch_contributions, claims, enrollment_batches, member_units, members,
    org_units, policies, roster_imports, sensitive_access_log,
};
use crate::{from_db, to_db, Paging, Stored};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::dsl::{exists, not};
use diesel::prelude::*;
use huzhu_domain::contribution::ContributionChannel;
use huzhu_domain::ledger::JournalKind;
use huzhu_domain::roster::EnrollmentBatchStatus;
use huzhu_domain::ErrorCode;
use huzhu_domain::Reach;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = enrollment_batches)]
struct BatchRow {
    id: i64,
    org_unit_id: i64,
    plan_version_id: i64,
    plan_code: String,
    file_sha256: String,
    member_count: i32,
    premium_fen: i64,
    status: Stored<EnrollmentBatchStatus>,
    created_by: Option<i64>,
    created_at: NaiveDateTime,
    paid_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    pub id: i64,
    pub org_unit_id: i64,
    pub plan_version_id: i64,
    pub plan_code: String,
    pub file_sha256: String,
    pub member_count: i32,
    pub premium_fen: i64,
    pub status: EnrollmentBatchStatus,
    pub created_by: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub paid_at: Option<DateTime<Utc>>,
}

impl From<BatchRow> for Batch {
    fn from(r: BatchRow) -> Self {
        Self {
            id: r.id,
            org_unit_id: r.org_unit_id,
            plan_version_id: r.plan_version_id,
            plan_code: r.plan_code,
            file_sha256: r.file_sha256,
            member_count: r.member_count,
            premium_fen: r.premium_fen,
            status: r.status.0,
            created_by: r.created_by,
            created_at: from_db(r.created_at),
            paid_at: r.paid_at.map(from_db),
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewBatch<'a> {
    pub org_unit_id: i64,
    pub plan_version_id: i64,
    pub plan_code: &'a str,
    pub file_sha256: &'a str,
    pub member_count: i32,
    pub premium_fen: i64,
    pub created_by: Option<i64>,
}

/// Inserts the batch and books its premium as due.
pub fn insert(conn: &mut DbConn, new: NewBatch<'_>, now: DateTime<Utc>) -> StoreResult<Batch> {
    let batch = insert_unbooked(conn, new, now)?;
    book_premium_due(conn, &batch, now)?;
    Ok(batch)
}

/// The batch's row alone, its premium not yet booked (a roster written in parts books it when
/// the last part has landed).
pub fn insert_unbooked(
    conn: &mut DbConn,
    new: NewBatch<'_>,
    now: DateTime<Utc>,
) -> StoreResult<Batch> {
    let id: i64 = diesel::insert_into(enrollment_batches::table)
        .values((
            enrollment_batches::org_unit_id.eq(new.org_unit_id),
            enrollment_batches::plan_version_id.eq(new.plan_version_id),
            enrollment_batches::plan_code.eq(new.plan_code),
            enrollment_batches::file_sha256.eq(new.file_sha256),
            enrollment_batches::member_count.eq(new.member_count),
            enrollment_batches::premium_fen.eq(new.premium_fen),
            enrollment_batches::status.eq(EnrollmentBatchStatus::PendingPayment.as_str()),
            enrollment_batches::created_by.eq(new.created_by),
            enrollment_batches::created_at.eq(to_db(now)),
        ))
        .returning(enrollment_batches::id)
        .get_result(conn)
        .map_err(|e| match StoreError::from(e) {
            StoreError::Conflict { .. } => StoreError::conflict(
                ErrorCode::RosterImportInProgress,
                "this file is being enrolled for this union right now; look at its batch in a moment",
            ),
            other => other,
        })?;
    get(conn, id)
}

/// Books the batch's premium as due, in the fund of the year it was recorded.
pub fn book_premium_due(conn: &mut DbConn, batch: &Batch, now: DateTime<Utc>) -> StoreResult<()> {
    let fund = crate::ledger::fund_of(
        &batch.plan_code,
        huzhu_domain::plan::china_date(batch.created_at),
    );
    crate::ledger::book(
        conn,
        &fund,
        JournalKind::PremiumDue,
        &format!("batch:{}", batch.id),
        huzhu_domain::ledger::premium_due(batch.premium_fen),
        batch.created_by,
        now,
    )
    .map(|_| ())
}

pub fn get(conn: &mut DbConn, id: i64) -> StoreResult<Batch> {
    Ok(enrollment_batches::table
        .find(id)
        .select(BatchRow::as_select())
        .get_result(conn)?
        .into())
}

/// The batch if its union lies within `reach`; `NotFound` otherwise, exactly as if it did not
/// exist.
pub fn get_within(conn: &mut DbConn, reach: &Reach, id: i64) -> StoreResult<Batch> {
    let pattern = unit_pattern(reach).ok_or(StoreError::NotFound)?;
    Ok(enrollment_batches::table
        .inner_join(org_units::table)
        .filter(enrollment_batches::id.eq(id))
        .filter(org_units::path.like(pattern))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            roster_imports::table.filter(roster_imports::batch_id.eq(enrollment_batches::id)),
        )))
        .select(BatchRow::as_select())
        .get_result(conn)?
        .into())
}

/// The batch an identical file already produced for this union and plan version.
pub fn find_same_file(
    conn: &mut DbConn,
    org_unit_id: i64,
    plan_version_id: i64,
    sha256: &str,
) -> StoreResult<Option<Batch>> {
    Ok(enrollment_batches::table
        .filter(enrollment_batches::org_unit_id.eq(org_unit_id))
        .filter(enrollment_batches::plan_version_id.eq(plan_version_id))
        .filter(enrollment_batches::file_sha256.eq(sha256))
        .select(BatchRow::as_select())
        .get_result(conn)
        .optional()?
        .map(Batch::from))
}

#[derive(Debug, Clone)]
pub struct BatchPayment<'a> {
    pub batch_id: i64,
    pub amount_fen: i64,
    pub channel: ContributionChannel,
    pub reference: &'a str,
    pub paid_on: NaiveDate,
    pub recorded_by: Option<i64>,
}

/// Records the batch's payment and marks it paid; false if it was paid already.
pub fn record_payment(
    conn: &mut DbConn,
    p: BatchPayment<'_>,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let n = diesel::update(
        enrollment_batches::table
            .find(p.batch_id)
            .filter(enrollment_batches::status.eq(EnrollmentBatchStatus::PendingPayment.as_str())),
    )
    .set((
        enrollment_batches::status.eq(EnrollmentBatchStatus::Paid.as_str()),
        enrollment_batches::paid_at.eq(to_db(now)),
    ))
    .execute(conn)?;
    if n == 0 {
        return Ok(false);
    }
    diesel::insert_into(batch_contributions::table)
        .values((
            batch_contributions::batch_id.eq(p.batch_id),
            batch_contributions::amount_fen.eq(p.amount_fen),
            batch_contributions::channel.eq(p.channel.as_str()),
            batch_contributions::reference.eq(p.reference),
            batch_contributions::paid_on.eq(p.paid_on),
            batch_contributions::recorded_by.eq(p.recorded_by),
            batch_contributions::created_at.eq(to_db(now)),
        ))
        .execute(conn)
        .map_err(|e| match StoreError::from(e) {
            StoreError::Conflict { .. } => StoreError::conflict(
                ErrorCode::ContributionDuplicateReference,
                format!(
                    "a payment with reference {} via {} is already recorded",
                    p.reference, p.channel
                ),
            ),
            other => other,
        })?;
    let batch = get(conn, p.batch_id)?;
    let fund = crate::ledger::fund_of(
        &batch.plan_code,
        huzhu_domain::plan::china_date(batch.created_at),
    );
    let reserve = crate::ledger::reserve_bp(conn, fund.year)?;
    crate::ledger::book(
        conn,
        &fund,
        JournalKind::ContributionReceived,
        &format!("batch:{}", p.batch_id),
        huzhu_domain::ledger::contribution_received(p.amount_fen, reserve),
        p.recorded_by,
        now,
    )?;
    Ok(true)
}

#[derive(Debug, Clone, Default)]
pub struct BatchFilter {
    pub org_unit_id: Option<i64>,
    pub plan_code: Option<String>,
    pub status: Option<EnrollmentBatchStatus>,
}

/// The batches of unions within `reach`, newest first, each with its union's name.
pub fn list(
    conn: &mut DbConn,
    reach: &Reach,
    filter: &BatchFilter,
    paging: Paging,
) -> StoreResult<(Vec<(Batch, String)>, i64)> {
    let Some(pattern) = unit_pattern(reach) else {
        return Ok((Vec::new(), 0));
    };
    let query = || {
        let mut q = enrollment_batches::table
            .inner_join(org_units::table)
            .filter(org_units::path.like(pattern.clone()))
            .filter(diesel::dsl::not(diesel::dsl::exists(
                roster_imports::table.filter(roster_imports::batch_id.eq(enrollment_batches::id)),
            )))
            .into_boxed();
        if let Some(unit) = filter.org_unit_id {
            q = q.filter(enrollment_batches::org_unit_id.eq(unit));
        }
        if let Some(code) = &filter.plan_code {
            q = q.filter(enrollment_batches::plan_code.eq(code.clone()));
        }
        if let Some(status) = &filter.status {
            q = q.filter(enrollment_batches::status.eq(status.as_str()));
        }
        q
    };
    let total: i64 = query().count().get_result(conn)?;
    let rows: Vec<(BatchRow, String)> = query()
        .order(enrollment_batches::id.desc())
        .limit(paging.limit)
        .offset(paging.offset)
        .select((BatchRow::as_select(), org_units::name))
        .load(conn)?;
    Ok((
        rows.into_iter().map(|(b, n)| (b.into(), n)).collect(),
        total,
    ))
}

/// Marks the batch as being written in parts: out of sight until [`finish_import`].
pub fn start_import(
    conn: &mut DbConn,
    batch_id: i64,
    policies_before: i64,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    diesel::insert_into(roster_imports::table)
        .values((
            roster_imports::batch_id.eq(batch_id),
            roster_imports::started_at.eq(to_db(now)),
            roster_imports::policies_before.eq(policies_before),
        ))
        .execute(conn)?;
    Ok(())
}

/// Whether the batch is still being written in parts.
pub fn importing(conn: &mut DbConn, batch_id: i64) -> StoreResult<bool> {
    Ok(diesel::select(diesel::dsl::exists(
        roster_imports::table.filter(roster_imports::batch_id.eq(batch_id)),
    ))
    .get_result(conn)?)
}

/// The newest policy's id (0 without any): what a roster written in parts compares against.
pub fn newest_policy(conn: &mut DbConn) -> StoreResult<i64> {
    Ok(policies::table
        .select(diesel::dsl::max(policies::id))
        .get_result::<Option<i64>>(conn)?
        .unwrap_or(0))
}

/// A member of the batch who was enrolled in the same plan by something else after
/// `policies_before` (while the roster was being written): the roster's check is stale.
pub fn enrolled_meanwhile(
    conn: &mut DbConn,
    batch_id: i64,
    plan_code: &str,
    policies_before: i64,
) -> StoreResult<Option<i64>> {
    let (mine, other) = diesel::alias!(policies as mine, policies as other);
    Ok(other
        .filter(other.field(policies::id).gt(policies_before))
        .filter(other.field(policies::plan_code).eq(plan_code))
        .filter(
            other
                .field(policies::batch_id)
                .ne(batch_id)
                .or(other.field(policies::batch_id).is_null()),
        )
        .filter(diesel::dsl::exists(
            mine.filter(mine.field(policies::batch_id).eq(batch_id))
                .filter(
                    mine.field(policies::member_id)
                        .eq(other.field(policies::member_id)),
                ),
        ))
        .select(other.field(policies::member_id))
        .first(conn)
        .optional()?)
}

/// Ends the batch's import: it is in sight from now on.
pub fn finish_import(conn: &mut DbConn, batch_id: i64) -> StoreResult<()> {
    diesel::delete(roster_imports::table.find(batch_id)).execute(conn)?;
    Ok(())
}

/// The batches whose import was left unfinished (the server stopped midway).
pub fn unfinished_imports(conn: &mut DbConn) -> StoreResult<Vec<i64>> {
    Ok(roster_imports::table
        .select(roster_imports::batch_id)
        .order(roster_imports::batch_id)
        .load(conn)?)
}

/// Removes up to `limit` rows of what an unfinished import wrote (its policies, then the
/// members it registered that nothing else has enrolled since), and the batch itself once
/// nothing is left. Returns how many rows went; 0 when the batch is gone.
pub fn remove_import_part(conn: &mut DbConn, batch_id: i64, limit: i64) -> StoreResult<usize> {
    if !importing(conn, batch_id)? {
        return Ok(0);
    }
    let policies_of_batch: Vec<i64> = policies::table
        .filter(policies::batch_id.eq(batch_id))
        .select(policies::id)
        .limit(limit)
        .load(conn)?;
    if !policies_of_batch.is_empty() {
        return Ok(
            diesel::delete(policies::table.filter(policies::id.eq_any(&policies_of_batch)))
                .execute(conn)?,
        );
    }
    // Only members nothing else refers to yet: not enrolled elsewhere, no claim, no login, no
    // read of their data on record.
    let registered: Vec<i64> = members::table
        .filter(members::roster_batch_id.eq(batch_id))
        .filter(not(exists(
            policies::table.filter(policies::member_id.eq(members::id)),
        )))
        .filter(not(exists(
            claims::table.filter(claims::member_id.eq(members::id)),
        )))
        .filter(not(exists(
            accounts::table.filter(accounts::member_id.eq(members::id.nullable())),
        )))
        .filter(not(exists(
            sensitive_access_log::table.filter(sensitive_access_log::member_id.eq(members::id)),
        )))
        .filter(not(exists(
            access_log::table.filter(access_log::member_id.eq(members::id.nullable())),
        )))
        .select(members::id)
        .limit(limit)
        .load(conn)?;
    if !registered.is_empty() {
        diesel::delete(member_units::table.filter(member_units::member_id.eq_any(&registered)))
            .execute(conn)?;
        return Ok(
            diesel::delete(members::table.filter(members::id.eq_any(&registered))).execute(conn)?,
        );
    }
    // Members another enrollment took up meanwhile stay, as members registered by hand.
    diesel::update(members::table.filter(members::roster_batch_id.eq(batch_id)))
        .set(members::roster_batch_id.eq(None::<i64>))
        .execute(conn)?;
    finish_import(conn, batch_id)?;
    diesel::delete(enrollment_batches::table.find(batch_id)).execute(conn)?;
    Ok(0)
}
