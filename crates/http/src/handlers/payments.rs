//! Paying approved claims: finance groups them into a batch, a second person approves it, the
//! bank gets its payment file (CSV or .xlsx: account, name, amount, reference) and sends back
//! its result (paid, or failed with a reason), which settles the claims — all of the file or,
//! when a line is wrong, none of it. A claim is also paid by hand outside a batch. Requests that
//! move money take an `Idempotency-Key`.

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::roster_file::read_body;
use crate::state::AppState;
use crate::views;
use crate::workbook;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use huzhu_api_types::{
    self as api, BankResultImport, ClaimPaymentRequest, ErrorBody, PayableClaim, PaymentBatch,
    PaymentBatchRequest,
};
use huzhu_app::payments::{BatchRecord, Payment};
use huzhu_domain::ErrorCode;
use serde::Deserialize;
use utoipa::IntoParams;

fn payment_dto(p: &Payment, payee: Option<&(String, Option<String>)>) -> api::Payment {
    let (name, last4) = payee.map_or((None, None), |(n, l)| (Some(n.clone()), l.clone()));
    api::Payment {
        id: p.id,
        claim_id: p.claim_id,
        reference: p.reference.clone(),
        amount: views::yuan(p.amount_fen),
        status: p.status,
        failure_reason: p.failure_reason.clone(),
        payee: name,
        account_masked: last4.map(|l| format!("**** **** **** {l}")),
    }
}

fn batch_dto(r: &BatchRecord) -> PaymentBatch {
    let b = &r.batch;
    PaymentBatch {
        id: b.id,
        status: b.status,
        item_count: b.item_count,
        total: views::yuan(b.total_fen),
        created_by: b.created_by,
        created_at: b.created_at.and_utc(),
        approved_by: b.approved_by,
        payments: r
            .payments
            .iter()
            .map(|p| payment_dto(&p.payment, p.payee.as_ref()))
            .collect(),
    }
}

/// Approved claims waiting for payment, oldest first.
#[utoipa::path(
    tag = "finance",
    responses((status = 200, description = "Payable claims", body = [PayableClaim]))
)]
#[get("/finance/payable-claims")]
pub async fn payable(caller: Caller, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let found: Vec<PayableClaim> = state
        .act(&caller, |app, actor| app.payable_claims(actor))
        .await?
        .into_iter()
        .map(|(claim_id, fen)| PayableClaim {
            claim_id,
            amount: views::yuan(fen),
        })
        .collect();
    Ok(HttpResponse::Ok().json(found))
}

#[utoipa::path(
    tag = "finance",
    responses((status = 200, description = "Payment batches, newest first", body = [PaymentBatch]))
)]
#[get("/finance/payment-batches")]
pub async fn list(caller: Caller, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let found = state
        .act(&caller, |app, actor| app.payment_batches(actor))
        .await?;
    Ok(HttpResponse::Ok().json(found.iter().map(batch_dto).collect::<Vec<_>>()))
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
    let canonical = serde_json::to_vec(&request).unwrap_or_default();
    state
        .act_once(&caller, &req, &canonical, move |app, actor, key| {
            app.create_payment_batch(
                actor,
                key,
                StatusCode::CREATED.as_u16(),
                &request.claim_ids,
                batch_dto,
            )
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
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let b = state
        .act(&caller, move |app, actor| app.payment_batch(actor, id))
        .await?;
    Ok(HttpResponse::Ok().json(batch_dto(&b)))
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
    let id = id.into_inner();
    let b = state
        .act(&caller, move |app, actor| {
            app.approve_payment_batch(actor, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(batch_dto(&b)))
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
    caller: Caller,
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
    let rows: Vec<Vec<String>> = state
        .act(&caller, move |app, actor| app.bank_file(actor, id))
        .await?
        .into_iter()
        .map(|l| vec![l.account, l.name, views::yuan(l.amount_fen), l.reference])
        .collect();
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
    let bytes = read_body(payload, state.config.bank_result_max_bytes).await?;
    let file = bytes.clone();
    state
        .act_once(&caller, &req, &bytes, move |app, actor, key| {
            app.import_bank_result(actor, key, StatusCode::OK.as_u16(), id, &file, |o| {
                BankResultImport {
                    batch_id: o.batch_id,
                    paid: o.paid,
                    failed: o.failed,
                    repeated: o.repeated,
                }
            })
        })
        .await
}

/// Record a claim paid by hand outside a batch, with the bank's reference.
#[utoipa::path(
    tag = "finance",
    params(("id" = i64, Path, description = "Claim id"), ("Idempotency-Key" = Option<String>, Header, description = "Retries with the same key get the same answer")),
    request_body = ClaimPaymentRequest,
    responses(
        (status = 201, description = "Paid and booked", body = api::Payment),
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
    let canonical = serde_json::to_vec(&request).unwrap_or_default();
    state
        .act_once(&caller, &req, &canonical, move |app, actor, key| {
            app.pay_claim_by_hand(
                actor,
                key,
                StatusCode::CREATED.as_u16(),
                id,
                &request.bank_reference,
                |p| payment_dto(p, None),
            )
        })
        .await
}
