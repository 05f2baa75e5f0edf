//! Roster batches: the policies one union enrolled in one plan version from one file, and the
//! single payment that starts them.

use crate::db::DbConn;
use crate::error::{StoreError, StoreResult};
use crate::org_units::unit_pattern;
use crate::schema::{batch_contributions, enrollment_batches, org_units};
use crate::{from_db, to_db, Paging, Stored};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
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

pub fn insert(conn: &mut DbConn, new: NewBatch<'_>, now: DateTime<Utc>) -> StoreResult<Batch> {
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
        .get_result(conn)?;
    let fund = crate::ledger::fund_of(new.plan_code, huzhu_domain::plan::china_date(now));
    crate::ledger::book(
        conn,
        &fund,
        JournalKind::PremiumDue,
        &format!("batch:{id}"),
        huzhu_domain::ledger::premium_due(new.premium_fen),
        new.created_by,
        now,
    )?;
    get(conn, id)
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
