//! Paying approved claims: finance groups them into a batch, a second person approves it, the
//! bank gets its payment file (CSV or .xlsx: account, name, amount, reference) and sends back
//! its result (paid, or failed with a reason), which settles the claims — all of the file or,
//! when a line is wrong, none of it. A claim is also paid by hand outside a batch. Requests that
//! move money take an `Idempotency-Key`.

use super::finance::yuan;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::roster_file::read_body;
use crate::state::AppState;
use crate::workbook;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use huzhu_api_types::{
    BankResultImport, ClaimPaymentRequest, ErrorBody, PayableClaim, Payment, PaymentBatch,
    PaymentBatchRequest,
};
use huzhu_app::{Done, Event};
use huzhu_domain::ErrorCode;
use huzhu_domain::Money;
use huzhu_store::payments::{self, BankLine};
use huzhu_store::{DbConn, StoreError};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use utoipa::IntoParams;

/// Most claims in one batch.
pub const MAX_BATCH: i64 = 1_000;
const MAX_RESULT_BYTES: usize = 2 * 1024 * 1024;

fn batch_not_found(e: StoreError) -> ApiError {
    match e {
        StoreError::NotFound => {
            ApiError::not_found(ErrorCode::PaymentBatchNotFound, "payment batch")
        }
        other => other.into(),
    }
}

fn payment_dto(p: payments::Payment, payee: Option<(String, Option<String>)>) -> Payment {
    let (name, last4) = payee.map_or((None, None), |(n, l)| (Some(n), l));
    Payment {
        id: p.id,
        claim_id: p.claim_id,
        reference: p.reference,
        amount: yuan(p.amount_fen),
        status: p.status,
        failure_reason: p.failure_reason,
        payee: name,
        account_masked: last4.map(|l| format!("**** **** **** {l}")),
    }
}

fn batch_dto(c: &mut DbConn, b: payments::Batch, with_payments: bool) -> ApiResult<PaymentBatch> {
    let payments = if with_payments {
        payments::payees(c, b.id)?
            .into_iter()
            .map(|p| payment_dto(p.payment, Some((p.member_name, p.bank_card_last4))))
            .collect()
    } else {
        Vec::new()
    };
    Ok(PaymentBatch {
        id: b.id,
        status: b.status,
        item_count: b.item_count,
        total: yuan(b.total_fen),
        created_by: b.created_by,
        created_at: b.created_at.and_utc(),
        approved_by: b.approved_by,
        payments,
    })
}

/// Approved claims waiting for payment, oldest first.
#[utoipa::path(
    tag = "finance",
    responses((status = 200, description = "Payable claims", body = [PayableClaim]))
)]
#[get("/finance/payable-claims")]
pub async fn payable(_caller: Caller, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let found: Vec<PayableClaim> = state
        .db(move |store| store.read(|c| Ok(payments::payable_claims(c, MAX_BATCH)?)))
        .await?
        .into_iter()
        .map(|(claim_id, fen)| PayableClaim {
            claim_id,
            amount: yuan(fen),
        })
        .collect();
    Ok(HttpResponse::Ok().json(found))
}

#[utoipa::path(
    tag = "finance",
    responses((status = 200, description = "Payment batches, newest first", body = [PaymentBatch]))
)]
#[get("/finance/payment-batches")]
pub async fn list(_caller: Caller, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let found = state
        .db(move |store| {
            store.read(|c| {
                let all = payments::batches(c)?;
                all.into_iter()
                    .map(|b| batch_dto(c, b, false))
                    .collect::<ApiResult<Vec<_>>>()
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(found))
}

/// Make a draft batch of the claims named, or of every payable claim.
#[utoipa::path(
    tag = "finance",
    request_body = PaymentBatchRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Retries with the same key get the same batch")),
    responses(
        (status = 201, description = "Draft batch", body = PaymentBatch),
        (status = 409, description = "A claim is not approved, already paid or in a pending payment; nothing to pay", body = ErrorBody),
        (status = 422, description = "A payee has no bank account on file, or the key was used for another request", body = ErrorBody),
    )
)]
#[post("/finance/payment-batches")]
pub async fn create(
    caller: Caller,
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<PaymentBatchRequest>,
) -> ApiResult<HttpResponse> {
    let request = body.into_inner();
    if request.claim_ids.len() as i64 > MAX_BATCH {
        return Err(ApiError::invalid_field(
            ErrorCode::PaymentTooMany,
            "claim_ids",
            format!("a batch holds at most {MAX_BATCH} claims"),
        ));
    }
    let canonical = serde_json::to_vec(&request).unwrap_or_default();
    let (by, now) = (caller.id, state.now());
    state
        .change_once(&caller, &req, &canonical, StatusCode::CREATED, move |c| {
            let ids = if request.claim_ids.is_empty() {
                payments::payable_claims(c, MAX_BATCH)?
                    .into_iter()
                    .map(|(id, _)| id)
                    .collect()
            } else {
                request.claim_ids.clone()
            };
            let b = payments::create_batch(c, &ids, by, now)?;
            let missing: Vec<String> = payments::payees(c, b.id)?
                .into_iter()
                .filter(|p| p.bank_card_enc.is_none())
                .map(|p| format!("claim {} ({})", p.payment.claim_id, p.member_name))
                .collect();
            if !missing.is_empty() {
                return Err(ApiError::invalid(
                    ErrorCode::PaymentNoBankAccount,
                    format!(
                        "no bank account on file for {}; record the member's bank card first",
                        missing.join(", ")
                    ),
                ));
            }
            let answer = batch_dto(c, b, true)?;
            let event = Event::of("payment_batch.create", "payment_batch", answer.id)
                .fact(
                    "claims",
                    answer
                        .payments
                        .iter()
                        .map(|p| p.claim_id)
                        .collect::<Vec<_>>(),
                )
                .fact("total", &answer.total);
            Ok(Done::new(answer, event))
        })
        .await
}

#[utoipa::path(
    tag = "finance",
    params(("id" = i64, Path, description = "Batch id")),
    responses(
        (status = 200, description = "The batch and its payments", body = PaymentBatch),
        (status = 404, description = "No such batch", body = ErrorBody),
    )
)]
#[get("/finance/payment-batches/{id}")]
pub async fn get(
    _caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let b = state
        .db(move |store| {
            store.read(|c| {
                let b = payments::batch(c, id).map_err(batch_not_found)?;
                batch_dto(c, b, true)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(b))
}

/// A second person approves a draft batch; its maker cannot.
#[utoipa::path(
    tag = "finance",
    params(("id" = i64, Path, description = "Batch id")),
    responses(
        (status = 200, description = "Approved", body = PaymentBatch),
        (status = 404, description = "No such batch", body = ErrorBody),
        (status = 409, description = "Made by the caller, or not a draft", body = ErrorBody),
    )
)]
#[post("/finance/payment-batches/{id}/approve")]
pub async fn approve(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let (id, by, now) = (id.into_inner(), caller.id, state.now());
    let b = state
        .change(&caller, move |c| {
            let before = payments::batch(c, id).map_err(batch_not_found)?;
            let b = payments::approve_batch(c, id, by, now)?;
            let event = Event::of("payment_batch.approve", "payment_batch", b.id)
                .fact("claims", b.item_count)
                .fact("total", yuan(b.total_fen))
                .fact("made_by", b.created_by)
                .moved(&before.status, &b.status);
            Ok(Done::new(batch_dto(c, b, true)?, event))
        })
        .await?;
    Ok(HttpResponse::Ok().json(b))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct FileQuery {
    /// `csv` (default) or `xlsx`.
    pub format: Option<String>,
}

/// The bank's payment file of an approved batch: account, name, amount, reference.
#[utoipa::path(
    tag = "finance",
    params(("id" = i64, Path, description = "Batch id"), FileQuery),
    responses(
        (status = 200, description = "The file", content_type = "text/csv"),
        (status = 404, description = "No such batch", body = ErrorBody),
        (status = 409, description = "The batch is not approved", body = ErrorBody),
        (status = 422, description = "Unknown format", body = ErrorBody),
    )
)]
#[get("/finance/payment-batches/{id}/bank-file")]
pub async fn bank_file(
    _caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    query: web::Query<FileQuery>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let xlsx = match query.format.as_deref() {
        None | Some("csv") => false,
        Some("xlsx") => true,
        Some(_) => {
            return Err(ApiError::invalid_field(
                ErrorCode::PaymentFileFormat,
                "format",
                "the bank file is csv or xlsx",
            ))
        }
    };
    let (batch, payees) = state
        .db(move |store| {
            store.read(|c| {
                let b = payments::batch(c, id).map_err(batch_not_found)?;
                Ok((b, payments::payees(c, id)?))
            })
        })
        .await?;
    if batch.status == "draft" {
        return Err(ApiError::conflict(
            ErrorCode::PaymentBatchNotApproved,
            "a second person approves the batch before its file goes to the bank",
        ));
    }
    let mut rows = Vec::new();
    for p in payees.iter().filter(|p| p.payment.status == "pending") {
        let account = match &p.bank_card_enc {
            Some(enc) => state.sealer()?.open(enc)?,
            None => String::new(),
        };
        rows.push(vec![
            account,
            p.member_name.clone(),
            yuan(p.payment.amount_fen),
            p.payment.reference.clone(),
        ]);
    }
    let name = format!("huzhu-payments-{id}");
    if xlsx {
        let bytes = workbook::write(&workbook::Sheet {
            name: "付款",
            facts: vec![("批次 Batch", id.to_string())],
            headers: &["account", "name", "amount", "reference"],
            rows,
            right_aligned: &[2],
        })?;
        return Ok(HttpResponse::Ok()
            .content_type(workbook::CONTENT_TYPE)
            .insert_header((
                "Content-Disposition",
                format!("attachment; filename=\"{name}.xlsx\""),
            ))
            .body(bytes));
    }
    let mut csv = String::from("account,name,amount,reference\n");
    for r in rows {
        let cells: Vec<String> = r.iter().map(|c| csv_cell(c)).collect();
        csv.push_str(&cells.join(","));
        csv.push('\n');
    }
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{name}.csv\""),
        ))
        .body(csv))
}

/// A CSV cell: quoted when it holds a comma, a quote or a line break; text a spreadsheet would
/// take for a formula is neutralised as in the .xlsx files.
fn csv_cell(text: &str) -> String {
    let t = workbook::cell_text(text);
    if t.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", t.replace('"', "\"\""))
    } else {
        t.into_owned()
    }
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

fn rejected(lines: Vec<(usize, String, String)>) -> ApiError {
    ApiError::Invalid {
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

/// Import the bank's result for an approved batch (CSV: `reference,status,amount,reason`).
/// Paid lines settle their claims and are booked; failed ones leave the claim payable. Any
/// wrong line (unknown reference, changed amount, a payment already settled) rejects the whole
/// file, listing the lines; the same file again changes nothing.
#[utoipa::path(
    tag = "finance",
    params(("id" = i64, Path, description = "Batch id"), ("Idempotency-Key" = Option<String>, Header, description = "Retries with the same key get the same answer")),
    request_body(content = String, content_type = "text/csv"),
    responses(
        (status = 200, description = "Imported (or imported before)", body = BankResultImport),
        (status = 404, description = "No such batch", body = ErrorBody),
        (status = 409, description = "The batch is not approved", body = ErrorBody),
        (status = 422, description = "Wrong lines, listed in details; nothing imported", body = ErrorBody),
    )
)]
#[post("/finance/payment-batches/{id}/bank-result")]
pub async fn bank_result(
    caller: Caller,
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<i64>,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let bytes = read_body(payload, MAX_RESULT_BYTES).await?;
    let text = String::from_utf8(bytes.clone()).map_err(|_| {
        ApiError::invalid(
            ErrorCode::PaymentBankResultEncoding,
            "the bank result is UTF-8 CSV",
        )
    })?;
    let lines = parse_result(&text).map_err(|bad| {
        rejected(
            bad.into_iter()
                .map(|(l, p)| (l, String::new(), p))
                .collect(),
        )
    })?;
    let sha = hex::encode(Sha256::digest(&bytes));
    let (by, now) = (caller.id, state.now());
    state
        .change_once(&caller, &req, &bytes, StatusCode::OK, move |c| {
            payments::batch(c, id).map_err(batch_not_found)?;
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
            let answer = BankResultImport {
                batch_id: outcome.batch_id,
                paid: outcome.paid,
                failed: outcome.failed,
                repeated: outcome.repeated,
            };
            let event = Event::of(
                "payment_batch.bank_result",
                "payment_batch",
                answer.batch_id,
            )
            .fact("paid", answer.paid)
            .fact("failed", answer.failed)
            .fact("repeated", answer.repeated)
            .fact("file_sha256", &sha);
            Ok(Done::new(answer, event))
        })
        .await
}

/// Record a claim paid by hand outside a batch, with the bank's reference.
#[utoipa::path(
    tag = "finance",
    params(("id" = i64, Path, description = "Claim id"), ("Idempotency-Key" = Option<String>, Header, description = "Retries with the same key get the same answer")),
    request_body = ClaimPaymentRequest,
    responses(
        (status = 201, description = "Paid and booked", body = Payment),
        (status = 409, description = "The claim is not approved, already paid, or in a pending payment", body = ErrorBody),
        (status = 422, description = "No bank reference, or the key was used for another request", body = ErrorBody),
    )
)]
#[post("/finance/claims/{id}/payment")]
pub async fn pay_claim(
    caller: Caller,
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<i64>,
    body: web::Json<ClaimPaymentRequest>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let request = body.into_inner();
    let reference = super::required_text("bank_reference", &request.bank_reference, 100)?;
    let canonical = serde_json::to_vec(&request).unwrap_or_default();
    let (by, now) = (caller.id, state.now());
    state
        .change_once(&caller, &req, &canonical, StatusCode::CREATED, move |c| {
            let p = payments::pay_claim(c, id, &reference, Some(by), now)?;
            let answer = payment_dto(p, None);
            let event = Event::of("claim.pay_by_hand", "claim", id)
                .fact("payment", answer.id)
                .fact("amount", &answer.amount)
                .fact("bank_reference", &answer.reference);
            Ok(Done::new(answer, event))
        })
        .await
}
