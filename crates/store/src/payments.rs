//! Paying approved claims: payment batches (made by one person, approved by another), single
//! payments, and the bank's results. A claim is paid at most once: the database keeps at most one
//! pending or paid payment per claim (a partial unique index), and a claim moves from approved
//! to paid only once; the ledger entry of the payment is written in the same transaction.

use crate::db::DbConn;
use crate::error::{StoreError, StoreResult};
use crate::schema::{bank_results, claims, members, payment_batches, payments};
use crate::{to_db, Stored};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use huzhu_domain::claim_flow::ClaimStatus;
use huzhu_domain::ledger::JournalKind;
use huzhu_domain::payout::PaymentBatchStatus;
use huzhu_domain::payout::PaymentStatus;
use huzhu_domain::ErrorCode;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = payment_batches)]
pub struct Batch {
    pub id: i64,
    #[diesel(deserialize_as = String)]
    pub status: PaymentBatchStatus,
    pub item_count: i32,
    pub total_fen: i64,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
    pub approved_by: Option<i64>,
    pub approved_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = payments)]
pub struct Payment {
    pub id: i64,
    pub claim_id: i64,
    pub batch_id: Option<i64>,
    pub amount_fen: i64,
    pub reference: String,
    #[diesel(deserialize_as = String)]
    pub status: PaymentStatus,
    pub failure_reason: Option<String>,
    pub bank_reference: Option<String>,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub settled_at: Option<NaiveDateTime>,
}

/// A payment with the payee: the member's name, the sealed bank card and its last digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payee {
    pub payment: Payment,
    pub member_name: String,
    pub bank_card_enc: Option<String>,
    pub bank_card_last4: Option<String>,
}

fn claim_not_payable(id: i64, status: ClaimStatus) -> StoreError {
    StoreError::conflict(
        ErrorCode::PaymentClaimNotPayable,
        format!("claim {id} is {status}; only an approved claim not yet paid is paid"),
    )
}

fn already_in_payment(id: i64) -> StoreError {
    StoreError::conflict(
        ErrorCode::PaymentAlreadyPaid,
        format!("claim {id} is already paid or in a payment awaiting the bank"),
    )
}

/// Approved claims with no payment pending or made: what a new batch would take.
pub fn payable_claims(conn: &mut DbConn, limit: i64) -> StoreResult<Vec<(i64, i64)>> {
    let live = payments::table
        .filter(payments::status.ne(PaymentStatus::Failed.as_str()))
        .select(payments::claim_id);
    Ok(claims::table
        .filter(claims::status.eq(ClaimStatus::Approved.as_str()))
        .filter(claims::approved_fen.gt(0))
        .filter(claims::id.ne_all(live))
        .select((claims::id, claims::approved_fen.assume_not_null()))
        .order(claims::id.asc())
        .limit(limit)
        .load(conn)?)
}

fn payable(conn: &mut DbConn, claim_id: i64) -> StoreResult<i64> {
    let (Stored(status), fen): (Stored<ClaimStatus>, Option<i64>) = claims::table
        .find(claim_id)
        .select((claims::status, claims::approved_fen))
        .first(conn)
        .map_err(|e| match StoreError::from(e) {
            StoreError::NotFound => StoreError::conflict(
                ErrorCode::PaymentNoSuchClaim,
                format!("there is no claim {claim_id}"),
            ),
            other => other,
        })?;
    match (status, fen) {
        (ClaimStatus::Approved, Some(fen)) if fen > 0 => Ok(fen),
        (ClaimStatus::Paid, _) => Err(already_in_payment(claim_id)),
        _ => Err(claim_not_payable(claim_id, status)),
    }
}

/// A payment about to be written.
struct NewPayment<'a> {
    claim_id: i64,
    batch_id: Option<i64>,
    amount_fen: i64,
    /// Pending (in a batch) or paid (made by hand).
    status: PaymentStatus,
    bank_reference: Option<&'a str>,
    by: Option<i64>,
}

fn insert_payment(conn: &mut DbConn, p: NewPayment<'_>, now: DateTime<Utc>) -> StoreResult<i64> {
    let NewPayment {
        claim_id,
        batch_id,
        amount_fen,
        status,
        bank_reference,
        by,
    } = p;
    // The reference is unique before the id is known; the bank sees `HZP` and the id.
    let provisional = format!("new-{claim_id}-{}", batch_id.unwrap_or(0));
    let id: i64 = diesel::insert_into(payments::table)
        .values((
            payments::claim_id.eq(claim_id),
            payments::batch_id.eq(batch_id),
            payments::amount_fen.eq(amount_fen),
            payments::reference.eq(&provisional),
            payments::status.eq(status.as_str()),
            payments::bank_reference.eq(bank_reference),
            payments::created_by.eq(by),
            payments::created_at.eq(to_db(now)),
            payments::settled_at.eq((status == PaymentStatus::Paid).then(|| to_db(now))),
        ))
        .returning(payments::id)
        .get_result(conn)
        .map_err(|e| match StoreError::from(e) {
            StoreError::Conflict { .. } => already_in_payment(claim_id),
            other => other,
        })?;
    diesel::update(payments::table.find(id))
        .set(payments::reference.eq(format!("HZP{id:08}")))
        .execute(conn)?;
    Ok(id)
}

/// Groups claims into a new draft batch; each must be approved, unpaid and in no pending
/// payment.
pub fn create_batch(
    conn: &mut DbConn,
    claim_ids: &[i64],
    by: i64,
    now: DateTime<Utc>,
) -> StoreResult<Batch> {
    if claim_ids.is_empty() {
        return Err(StoreError::conflict(
            ErrorCode::PaymentNothingToPay,
            "no approved claim is waiting for payment",
        ));
    }
    let mut amounts = Vec::with_capacity(claim_ids.len());
    for id in claim_ids {
        amounts.push((*id, payable(conn, *id)?));
    }
    let total: i64 = amounts.iter().map(|(_, f)| f).sum();
    let batch_id: i64 = diesel::insert_into(payment_batches::table)
        .values((
            payment_batches::status.eq(PaymentBatchStatus::Draft.as_str()),
            payment_batches::item_count.eq(amounts.len() as i32),
            payment_batches::total_fen.eq(total),
            payment_batches::created_by.eq(by),
            payment_batches::created_at.eq(to_db(now)),
        ))
        .returning(payment_batches::id)
        .get_result(conn)?;
    for (claim, fen) in amounts {
        insert_payment(
            conn,
            NewPayment {
                claim_id: claim,
                batch_id: Some(batch_id),
                amount_fen: fen,
                status: PaymentStatus::Pending,
                bank_reference: None,
                by: Some(by),
            },
            now,
        )?;
    }
    batch(conn, batch_id)
}

pub fn batch(conn: &mut DbConn, id: i64) -> StoreResult<Batch> {
    Ok(payment_batches::table
        .find(id)
        .select(Batch::as_select())
        .first(conn)?)
}

pub fn batches(conn: &mut DbConn) -> StoreResult<Vec<Batch>> {
    Ok(payment_batches::table
        .select(Batch::as_select())
        .order(payment_batches::id.desc())
        .load(conn)?)
}

/// The second person approves a draft batch; its maker cannot.
pub fn approve_batch(
    conn: &mut DbConn,
    id: i64,
    by: i64,
    now: DateTime<Utc>,
) -> StoreResult<Batch> {
    let b = batch(conn, id)?;
    if b.created_by == by {
        return Err(StoreError::conflict(
            ErrorCode::PaymentMakerChecker,
            "the person who made a batch cannot approve it; a second person approves",
        ));
    }
    let n = diesel::update(
        payment_batches::table
            .find(id)
            .filter(payment_batches::status.eq(PaymentBatchStatus::Draft.as_str())),
    )
    .set((
        payment_batches::status.eq(PaymentBatchStatus::Approved.as_str()),
        payment_batches::approved_by.eq(by),
        payment_batches::approved_at.eq(to_db(now)),
    ))
    .execute(conn)?;
    if n == 0 {
        return Err(StoreError::conflict(
            ErrorCode::PaymentBatchNotDraft,
            format!("the batch is {}; only a draft is approved", b.status),
        ));
    }
    batch(conn, id)
}

/// The payments of a batch with their payees, in reference order.
pub fn payees(conn: &mut DbConn, batch_id: i64) -> StoreResult<Vec<Payee>> {
    let rows: Vec<(Payment, String, Option<String>, Option<String>)> = payments::table
        .inner_join(claims::table.inner_join(members::table))
        .filter(payments::batch_id.eq(batch_id))
        .select((
            Payment::as_select(),
            members::name,
            members::bank_card_enc,
            members::bank_card_last4,
        ))
        .order(payments::id.asc())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(payment, member_name, bank_card_enc, bank_card_last4)| Payee {
                payment,
                member_name,
                bank_card_enc,
                bank_card_last4,
            },
        )
        .collect())
}

/// Marks a claim paid and books the payment.
fn settle_paid(
    conn: &mut DbConn,
    claim_id: i64,
    payment_id: i64,
    fen: i64,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let n = diesel::update(
        claims::table
            .find(claim_id)
            .filter(claims::status.eq(ClaimStatus::Approved.as_str())),
    )
    .set((
        claims::status.eq(ClaimStatus::Paid.as_str()),
        claims::updated_at.eq(to_db(now)),
    ))
    .execute(conn)?;
    if n == 0 {
        return Err(already_in_payment(claim_id));
    }
    let policy: i64 = claims::table
        .find(claim_id)
        .select(claims::policy_id)
        .first(conn)?;
    let fund = crate::ledger::policy_fund(conn, policy)?;
    crate::ledger::book(
        conn,
        &fund,
        JournalKind::PaymentConfirmed,
        &format!("payment:{payment_id}"),
        huzhu_domain::ledger::payment_confirmed(fen),
        by,
        now,
    )?;
    Ok(())
}

/// Records one claim paid outside a batch (a transfer made by hand), with the bank's reference.
pub fn pay_claim(
    conn: &mut DbConn,
    claim_id: i64,
    bank_reference: &str,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> StoreResult<Payment> {
    let fen = payable(conn, claim_id)?;
    let id = insert_payment(
        conn,
        NewPayment {
            claim_id,
            batch_id: None,
            amount_fen: fen,
            status: PaymentStatus::Paid,
            bank_reference: Some(bank_reference),
            by,
        },
        now,
    )?;
    settle_paid(conn, claim_id, id, fen, by, now)?;
    Ok(payments::table
        .find(id)
        .select(Payment::as_select())
        .first(conn)?)
}

/// One line of the bank's result file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankLine {
    /// The line in the file, for reporting.
    pub line: usize,
    pub reference: String,
    pub amount_fen: i64,
    pub paid: bool,
    pub reason: Option<String>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settlement {
    pub batch_id: i64,
    pub paid: i32,
    pub failed: i32,
    /// The same file had been imported before: nothing changed.
    pub repeated: bool,
}

/// A line the import refuses, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    pub line: usize,
    pub reference: String,
    pub problem: String,
}

/// Imports the bank's result for an approved batch: all of it, or — when any line names an
/// unknown reference, another batch's payment, a changed amount or a payment already settled
/// otherwise — none of it (the offending lines are returned). The same file again changes
/// nothing. Paid lines settle their claims and are booked; failed lines leave the claim payable.
pub fn import_result(
    conn: &mut DbConn,
    batch_id: i64,
    sha256: &str,
    lines: &[BankLine],
    by: Option<i64>,
    now: DateTime<Utc>,
) -> StoreResult<Result<Settlement, Vec<BadLine>>> {
    if let Some((paid, failed)) = bank_results::table
        .find(sha256)
        .select((bank_results::paid, bank_results::failed))
        .first::<(i32, i32)>(conn)
        .optional()?
    {
        return Ok(Ok(Settlement {
            batch_id,
            paid,
            failed,
            repeated: true,
        }));
    }
    let b = batch(conn, batch_id)?;
    if b.status == PaymentBatchStatus::Draft {
        return Err(StoreError::conflict(
            ErrorCode::PaymentBatchNotApproved,
            "the batch has not been approved; no payment of it can have been made",
        ));
    }
    let known: Vec<Payment> = payments::table
        .filter(payments::batch_id.eq(batch_id))
        .select(Payment::as_select())
        .load(conn)?;
    let mut bad = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for l in lines {
        let problem = match known.iter().find(|p| p.reference == l.reference) {
            None => Some("no payment of this batch has this reference".to_string()),
            Some(_) if !seen.insert(l.reference.clone()) => {
                Some("the reference appears twice in the file".to_string())
            }
            Some(p) if p.amount_fen != l.amount_fen => Some(format!(
                "the amount was {} fen, the file says {}",
                p.amount_fen, l.amount_fen
            )),
            Some(p) if p.status != PaymentStatus::Pending => {
                Some(format!("the payment is already {}", p.status))
            }
            Some(_) => None,
        };
        if let Some(problem) = problem {
            bad.push(BadLine {
                line: l.line,
                reference: l.reference.clone(),
                problem,
            });
        }
    }
    if !bad.is_empty() {
        return Ok(Err(bad));
    }
    let (mut paid, mut failed) = (0, 0);
    for l in lines {
        let Some(p) = known.iter().find(|p| p.reference == l.reference) else {
            continue;
        };
        let n = diesel::update(
            payments::table
                .find(p.id)
                .filter(payments::status.eq(PaymentStatus::Pending.as_str())),
        )
        .set((
            payments::status.eq(if l.paid {
                PaymentStatus::Paid
            } else {
                PaymentStatus::Failed
            }
            .as_str()),
            payments::failure_reason.eq(l.reason.as_deref()),
            payments::settled_at.eq(to_db(now)),
        ))
        .execute(conn)?;
        if n == 0 {
            return Err(StoreError::conflict(
                ErrorCode::PaymentSettledMeanwhile,
                "another import settled this batch meanwhile; nothing was changed",
            ));
        }
        if l.paid {
            settle_paid(conn, p.claim_id, p.id, p.amount_fen, by, now)?;
            paid += 1;
        } else {
            failed += 1;
        }
    }
    let pending: i64 = payments::table
        .filter(payments::batch_id.eq(batch_id))
        .filter(payments::status.eq(PaymentStatus::Pending.as_str()))
        .count()
        .get_result(conn)?;
    if pending == 0 {
        diesel::update(payment_batches::table.find(batch_id))
            .set(payment_batches::status.eq(PaymentBatchStatus::Settled.as_str()))
            .execute(conn)?;
    }
    diesel::insert_into(bank_results::table)
        .values((
            bank_results::sha256.eq(sha256),
            bank_results::batch_id.eq(batch_id),
            bank_results::paid.eq(paid),
            bank_results::failed.eq(failed),
            bank_results::imported_by.eq(by),
            bank_results::imported_at.eq(to_db(now)),
        ))
        .execute(conn)?;
    Ok(Ok(Settlement {
        batch_id,
        paid,
        failed,
        repeated: false,
    }))
}
