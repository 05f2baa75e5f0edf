//! Paying approved claims (docs/domain.md §5): finance groups them into a batch, a second
//! person approves it, the bank gets its payment file (account, name, amount, reference) and
//! sends back its result (paid, or failed with a reason), which settles the claims — all of
//! the file or, when a line is wrong, none of it. A claim is also paid by hand outside a
//! batch. Every use case that moves money takes an idempotency key.

use crate::actor::Actor;
use crate::error::{or_not_found, AppError, AppResult};
use crate::unit::{Answer, Done, Event, IdempotencyKey};
use crate::App;
use huzhu_domain::payout::{PaymentBatchStatus, PaymentStatus};
use huzhu_domain::{ErrorCode, Money};
use huzhu_store::payments::{self, BankLine};
use huzhu_store::DbConn;
use serde::Serialize;
use sha2::{Digest, Sha256};

pub use huzhu_store::payments::{Batch, Payment, Settlement as BankResult};

/// Most claims in one batch.
pub const MAX_BATCH: i64 = 1_000;

fn batch_not_found() -> impl Fn(huzhu_store::StoreError) -> AppError {
    or_not_found(ErrorCode::PaymentBatchNotFound, "payment batch")
}

fn yuan(fen: i64) -> String {
    Money::from_fen(fen).to_string()
}

/// A payment with its payee's name and the last four digits of their card, when shown.
#[derive(Debug, Clone)]
pub struct PaymentLine {
    pub payment: Payment,
    pub payee: Option<(String, Option<String>)>,
}

/// A batch, with its payments when one batch is read.
#[derive(Debug, Clone)]
pub struct BatchRecord {
    pub batch: Batch,
    pub payments: Vec<PaymentLine>,
}

/// One line of the bank's payment file: the account in full, the name, the amount, the
/// reference.
#[derive(Debug, Clone)]
pub struct BankFileLine {
    pub account: String,
    pub name: String,
    pub amount_fen: i64,
    pub reference: String,
}

fn batch_record(c: &mut DbConn, b: Batch, with_payments: bool) -> AppResult<BatchRecord> {
    let payments = if with_payments {
        payments::payees(c, b.id)?
            .into_iter()
            .map(|p| PaymentLine {
                payment: p.payment,
                payee: Some((p.member_name, p.bank_card_last4)),
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(BatchRecord { batch: b, payments })
}

/// Reads the bank's result: a header `reference,status,amount,reason`, then one line per
/// payment with status `paid` or `failed`.
fn parse_result(text: &str) -> Result<Vec<BankLine>, Vec<(usize, String)>> {
    let mut out = Vec::new();
    let mut bad = Vec::new();
    for (i, raw) in text.lines().enumerate().skip(1) {
        let line = i + 1;
        if raw.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = raw.split(',').map(str::trim).collect();
        let (Some(reference), Some(status), Some(amount)) =
            (cells.first(), cells.get(1), cells.get(2))
        else {
            bad.push((line, "a line is reference,status,amount,reason".to_string()));
            continue;
        };
        let paid = match *status {
            "paid" => true,
            "failed" => false,
            other => {
                bad.push((line, format!("status {other:?} is neither paid nor failed")));
                continue;
            }
        };
        let Some(fen) = Money::parse(amount).ok().and_then(|m| m.fen().ok()) else {
            bad.push((line, format!("{amount:?} is not an amount in yuan")));
            continue;
        };
        let reason = cells
            .get(3)
            .filter(|r| !r.is_empty())
            .map(|r| r.to_string());
        if !paid && reason.is_none() {
            bad.push((line, "a failed payment needs its reason".to_string()));
            continue;
        }
        out.push(BankLine {
            line,
            reference: reference.to_string(),
            amount_fen: fen,
            paid,
            reason,
        });
    }
    if bad.is_empty() {
        Ok(out)
    } else {
        Err(bad)
    }
}

fn rejected(lines: Vec<(usize, String, String)>) -> AppError {
    AppError::Invalid {
        code: ErrorCode::PaymentBankResultRejected,
        message: format!(
            "the bank result was not imported: {} line(s) are wrong; nothing was changed",
            lines.len()
        ),
        details: Some(serde_json::json!({
            "lines": lines
                .into_iter()
                .map(|(line, reference, problem)| serde_json::json!({"line": line, "reference": reference, "problem": problem}))
                .collect::<Vec<_>>()
        })),
    }
}

impl App {
    /// Approved claims waiting for payment, oldest first: (claim, amount in fen).
    pub fn payable_claims(&self, actor: &Actor) -> AppResult<Vec<(i64, i64)>> {
        actor.province()?;
        Ok(self
            .store
            .read(|c| payments::payable_claims(c, MAX_BATCH))?)
    }

    pub fn payment_batches(&self, actor: &Actor) -> AppResult<Vec<BatchRecord>> {
        actor.province()?;
        self.store.read(|c| {
            payments::batches(c)?
                .into_iter()
                .map(|b| batch_record(c, b, false))
                .collect()
        })
    }

    pub fn payment_batch(&self, actor: &Actor, id: i64) -> AppResult<BatchRecord> {
        actor.province()?;
        self.store.read(|c| {
            let b = payments::batch(c, id).map_err(batch_not_found())?;
            batch_record(c, b, true)
        })
    }

    /// Makes a draft batch of the claims named, or of every payable claim; every payee must
    /// have a bank account on file.
    pub fn create_payment_batch<V: Serialize>(
        &self,
        actor: &Actor,
        key: Option<&IdempotencyKey>,
        status: u16,
        claim_ids: &[i64],
        show: impl FnOnce(&BatchRecord) -> V,
    ) -> AppResult<Answer> {
        actor.province()?;
        if claim_ids.len() as i64 > MAX_BATCH {
            return Err(AppError::invalid_field(
                ErrorCode::PaymentTooMany,
                "claim_ids",
                format!("a batch holds at most {MAX_BATCH} claims"),
            ));
        }
        let by = actor.account_id()?;
        let now = self.now();
        self.change_once(actor, key, status, |c| {
            let ids = if claim_ids.is_empty() {
                payments::payable_claims(c, MAX_BATCH)?
                    .into_iter()
                    .map(|(id, _)| id)
                    .collect()
            } else {
                claim_ids.to_vec()
            };
            let b = payments::create_batch(c, &ids, by, now)?;
            let missing: Vec<String> = payments::payees(c, b.id)?
                .into_iter()
                .filter(|p| p.bank_card_enc.is_none())
                .map(|p| format!("claim {} ({})", p.payment.claim_id, p.member_name))
                .collect();
            if !missing.is_empty() {
                return Err(AppError::invalid(
                    ErrorCode::PaymentNoBankAccount,
                    format!(
                        "no bank account on file for {}; record the member's bank card first",
                        missing.join(", ")
                    ),
                ));
            }
            let record = batch_record(c, b, true)?;
            let event = Event::of("payment_batch.create", "payment_batch", record.batch.id)
                .fact(
                    "claims",
                    record
                        .payments
                        .iter()
                        .map(|p| p.payment.claim_id)
                        .collect::<Vec<_>>(),
                )
                .fact("total", yuan(record.batch.total_fen));
            Ok(Done::new(show(&record), event))
        })
    }

    /// A second person approves a draft batch; its maker cannot.
    pub fn approve_payment_batch(&self, actor: &Actor, id: i64) -> AppResult<BatchRecord> {
        actor.province()?;
        let by = actor.account_id()?;
        let now = self.now();
        self.change(actor, |c| {
            let before = payments::batch(c, id).map_err(batch_not_found())?;
            let b = payments::approve_batch(c, id, by, now)?;
            let event = Event::of("payment_batch.approve", "payment_batch", b.id)
                .fact("claims", b.item_count)
                .fact("total", yuan(b.total_fen))
                .fact("made_by", b.created_by)
                .moved(before.status, b.status);
            Ok(Done::new(batch_record(c, b, true)?, event))
        })
    }

    /// The lines of an approved batch's payment file, with the accounts opened.
    pub fn bank_file(&self, actor: &Actor, id: i64) -> AppResult<Vec<BankFileLine>> {
        actor.province()?;
        let (batch, payees) = self.store.read(|c| {
            let b = payments::batch(c, id).map_err(batch_not_found())?;
            Ok::<_, AppError>((b, payments::payees(c, id)?))
        })?;
        if batch.status == PaymentBatchStatus::Draft {
            return Err(AppError::conflict(
                ErrorCode::PaymentBatchNotApproved,
                "a second person approves the batch before its file goes to the bank",
            ));
        }
        let sealer = self.sealer()?;
        payees
            .into_iter()
            .filter(|p| p.payment.status == PaymentStatus::Pending)
            .map(|p| {
                Ok(BankFileLine {
                    account: match &p.bank_card_enc {
                        Some(enc) => sealer.open(enc)?,
                        None => String::new(),
                    },
                    name: p.member_name,
                    amount_fen: p.payment.amount_fen,
                    reference: p.payment.reference,
                })
            })
            .collect()
    }

    /// Imports the bank's result for an approved batch (UTF-8 CSV:
    /// `reference,status,amount,reason`). Paid lines settle their claims and are booked;
    /// failed ones leave the claim payable. Any wrong line rejects the whole file, listing the
    /// lines; the same file again changes nothing.
    pub fn import_bank_result<V: Serialize>(
        &self,
        actor: &Actor,
        key: Option<&IdempotencyKey>,
        status: u16,
        id: i64,
        file: &[u8],
        show: impl FnOnce(&BankResult) -> V,
    ) -> AppResult<Answer> {
        actor.province()?;
        let text = std::str::from_utf8(file).map_err(|_| {
            AppError::invalid(
                ErrorCode::PaymentBankResultEncoding,
                "the bank result is UTF-8 CSV",
            )
        })?;
        let lines = parse_result(text).map_err(|bad| {
            rejected(
                bad.into_iter()
                    .map(|(l, p)| (l, String::new(), p))
                    .collect(),
            )
        })?;
        let sha = hex::encode(Sha256::digest(file));
        let by = actor.account_id()?;
        let now = self.now();
        self.change_once(actor, key, status, |c| {
            payments::batch(c, id).map_err(batch_not_found())?;
            let outcome = match payments::import_result(c, id, &sha, &lines, Some(by), now)? {
                Ok(s) => s,
                Err(bad) => {
                    return Err(rejected(
                        bad.into_iter()
                            .map(|b| (b.line, b.reference, b.problem))
                            .collect(),
                    ))
                }
            };
            let event = Event::of(
                "payment_batch.bank_result",
                "payment_batch",
                outcome.batch_id,
            )
            .fact("paid", outcome.paid)
            .fact("failed", outcome.failed)
            .fact("repeated", outcome.repeated)
            .fact("file_sha256", &sha);
            Ok(Done::new(show(&outcome), event))
        })
    }

    /// Records a claim paid by hand outside a batch, with the bank's reference.
    pub fn pay_claim_by_hand<V: Serialize>(
        &self,
        actor: &Actor,
        key: Option<&IdempotencyKey>,
        status: u16,
        claim_id: i64,
        bank_reference: &str,
        show: impl FnOnce(&Payment) -> V,
    ) -> AppResult<Answer> {
        actor.province()?;
        let reference = huzhu_domain::field_rules::required_text(
            "bank_reference",
            bank_reference,
            huzhu_domain::field_rules::max_chars::BANK_REFERENCE,
        )?;
        let by = actor.account_id()?;
        let now = self.now();
        self.change_once(actor, key, status, |c| {
            let p = payments::pay_claim(c, claim_id, &reference, Some(by), now)?;
            let event = Event::of("claim.pay_by_hand", "claim", claim_id)
                .fact("payment", p.id)
                .fact("amount", yuan(p.amount_fen))
                .fact("bank_reference", &p.reference);
            Ok(Done::new(show(&p), event))
        })
    }
}
