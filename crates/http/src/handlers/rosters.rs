//! Group enrollment from a union's roster: the routes of huzhu_app::rosters. The file is read
//! (bounded, its type judged from the content) and parsed into rows here; the use cases check,
//! commit and pay.

use crate::auth::Caller;
use crate::error::ApiResult;
use crate::roster_file;
use crate::state::AppState;
use crate::views;
use crate::workbook;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use huzhu_api_types::{
    BatchPaymentRequest, BatchPolicy, BatchSummary, EnrollmentBatch, ErrorBody, Page, RosterReport,
};
use huzhu_app::enrollment::Payment;
use huzhu_app::records::Paging;
use huzhu_app::rosters::{BatchQuery as Query, BatchRecord, Roster};
use huzhu_domain::coverage::PolicyState;
use huzhu_domain::roster::EnrollmentBatchStatus;
use huzhu_domain::Money;
use serde::Deserialize;
use sha2::{Digest, Sha256};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct RosterQuery {
    /// The grassroots union enrolling its members.
    pub org_unit_id: i64,
    #[param(example = "ZJ")]
    pub plan_code: String,
    /// Shares for rows that leave the shares column empty (default 1).
    pub shares: Option<u32>,
    /// Members the union has in all, for the plan's participation rate.
    pub headcount: Option<u32>,
}

/// The uploaded roster, read bounded.
async fn upload(body: web::Payload, limits: &roster_file::SheetLimits) -> ApiResult<Vec<u8>> {
    roster_file::read_body(body, limits.max_bytes).await
}

/// The roster parsed into its rows (on a blocking thread: a large workbook takes a while).
fn roster_of(q: RosterQuery, bytes: &[u8], limits: &roster_file::SheetLimits) -> ApiResult<Roster> {
    Ok(Roster {
        org_unit_id: q.org_unit_id,
        plan_code: q.plan_code,
        shares: q.shares,
        headcount: q.headcount,
        rows: roster_file::read(bytes, limits)?,
        file_sha256: hex::encode(Sha256::digest(bytes)),
    })
}

fn enrollment_batch(r: &BatchRecord) -> EnrollmentBatch {
    let b = &r.batch;
    EnrollmentBatch {
        id: b.id,
        org_unit_id: b.org_unit_id,
        plan_code: b.plan_code.clone(),
        member_count: b.member_count,
        premium_total: Money::from_fen(b.premium_fen).to_string(),
        status: b.status,
        file_sha256: b.file_sha256.clone(),
        created_at: b.created_at,
        paid_at: b.paid_at,
        policies: r
            .policies
            .iter()
            .map(|p| BatchPolicy {
                policy_id: p.policy_id,
                member_id: p.member_id,
                member_name: p.member_name.clone(),
                id_number_masked: p.id_number_masked.clone(),
                shares: p.shares,
                premium: Money::from_fen(p.premium_fen).to_string(),
                status: p.status,
                start_date: p.start_date,
                waiting_period_end: p.waiting_period_end,
            })
            .collect(),
    }
}

/// Check a roster (CSV in UTF-8 or GBK, or .xlsx) without writing anything: every problem with
/// its line, column, code and message, the unit's problems, and the totals.
#[utoipa::path(
    tag = "enrollment",
    params(RosterQuery),
    request_body(content = Vec<u8>, content_type = "text/csv", description = "The roster: CSV (UTF-8 or GBK) or an .xlsx workbook; columns 姓名, 身份证号, 人员类别, 份数, 手机"),
    responses(
        (status = 200, description = "The report (problems included)", body = RosterReport),
        (status = 413, description = "The upload is larger than the limit", body = ErrorBody),
        (status = 422, description = "Not a readable roster, an empty one, a missing column, more rows or columns than the limits, a workbook that unpacks past its limits, or an unknown union or plan", body = ErrorBody),
    )
)]
#[post("/rosters/dry-run")]
pub async fn dry_run(
    caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<RosterQuery>,
    body: web::Payload,
) -> ApiResult<HttpResponse> {
    let limits = state.config.roster_limits;
    let bytes = upload(body, &limits).await?;
    let actor = caller.actor();
    let report = state
        .run(move |app| {
            let roster = roster_of(query.into_inner(), &bytes, &limits)?;
            Ok(app.dry_run_roster(&actor, &roster)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(report))
}

/// Commit a roster: all rows or none. A roster with any problem is refused with the report in
/// `details`; the same file committed again returns the batch it made the first time.
#[utoipa::path(
    tag = "enrollment",
    params(RosterQuery),
    request_body(content = Vec<u8>, content_type = "text/csv", description = "The roster, as for the dry run"),
    responses(
        (status = 201, description = "Enrolled; the policies wait for the batch's payment", body = EnrollmentBatch),
        (status = 200, description = "This file was committed before: the batch it made", body = EnrollmentBatch),
        (status = 422, description = "The roster has problems (`roster.invalid`, report in details) or cannot be read", body = ErrorBody),
    )
)]
#[post("/rosters")]
pub async fn commit(
    caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<RosterQuery>,
    body: web::Payload,
) -> ApiResult<HttpResponse> {
    let limits = state.config.roster_limits;
    let bytes = upload(body, &limits).await?;
    let actor = caller.actor();
    let (created, batch) = state
        .run(move |app| {
            let roster = roster_of(query.into_inner(), &bytes, &limits)?;
            Ok(app.commit_roster(&actor, roster)?)
        })
        .await?;
    let batch = enrollment_batch(&batch);
    Ok(if created {
        HttpResponse::Created().json(batch)
    } else {
        HttpResponse::Ok().json(batch)
    })
}

/// A committed roster and its policies.
#[utoipa::path(
    tag = "enrollment",
    params(("id" = i64, Path, description = "Batch id")),
    responses(
        (status = 200, description = "The batch", body = EnrollmentBatch),
        (status = 404, description = "No such batch in the caller's subtree", body = ErrorBody),
    )
)]
#[get("/enrollment-batches/{id}")]
pub async fn get(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let batch = state
        .act(&caller, move |app, actor| app.enrollment_batch(actor, id))
        .await?;
    Ok(HttpResponse::Ok().json(enrollment_batch(&batch)))
}

/// Record the union's payment for a batch: the amount must equal its premium. Every policy of
/// the batch then starts its cover (renewals without a gap carry no waiting period).
#[utoipa::path(
    tag = "enrollment",
    params(("id" = i64, Path, description = "Batch id"), ("Idempotency-Key" = Option<String>, Header, description = "Retries with the same key get the same answer")),
    request_body = BatchPaymentRequest,
    responses(
        (status = 200, description = "Paid; the policies are active", body = EnrollmentBatch),
        (status = 404, description = "No such batch in the caller's subtree", body = ErrorBody),
        (status = 409, description = "Already paid, or the reference was recorded before", body = ErrorBody),
        (status = 422, description = "Invalid payment, or an amount other than the batch's premium", body = ErrorBody),
    )
)]
#[post("/enrollment-batches/{id}/payment")]
pub async fn pay(
    caller: Caller,
    state: web::Data<AppState>,
    http_req: HttpRequest,
    id: web::Path<i64>,
    body: web::Json<BatchPaymentRequest>,
) -> ApiResult<HttpResponse> {
    let req = body.into_inner();
    let canonical = serde_json::to_vec(&req).unwrap_or_default();
    let id = id.into_inner();
    let payment = Payment {
        amount: req.amount,
        channel: req.channel,
        reference: req.reference,
        paid_on: req.paid_on,
    };
    state
        .act_once(&caller, &http_req, &canonical, move |app, actor, key| {
            app.pay_enrollment_batch(
                actor,
                key,
                StatusCode::OK.as_u16(),
                id,
                payment,
                enrollment_batch,
            )
        })
        .await
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct BatchQuery {
    /// Batches of this grassroots union.
    pub org_unit_id: Option<i64>,
    #[param(example = "ZJ")]
    pub plan_code: Option<String>,
    /// `pending_payment` or `paid`.
    pub status: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// The committed rosters of the caller's subtree, newest first.
#[utoipa::path(
    tag = "enrollment",
    params(BatchQuery),
    responses(
        (status = 200, description = "Batches", body = Page<BatchSummary>),
        (status = 422, description = "Unknown status or malformed plan code", body = ErrorBody),
    )
)]
#[get("/enrollment-batches")]
pub async fn list(
    caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<BatchQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.into_inner();
    let query = Query {
        org_unit_id: q.org_unit_id,
        plan_code: q.plan_code,
        status: q.status,
        paging: Paging::new(q.limit, q.offset),
    };
    let batches = state
        .act(&caller, move |app, actor| {
            app.enrollment_batches(actor, query)
        })
        .await?;
    Ok(
        HttpResponse::Ok().json(views::page(batches, |(b, org_unit_name)| BatchSummary {
            id: b.id,
            org_unit_id: b.org_unit_id,
            org_unit_name,
            plan_code: b.plan_code,
            member_count: b.member_count,
            premium_total: Money::from_fen(b.premium_fen).to_string(),
            status: b.status,
            created_at: b.created_at,
            paid_at: b.paid_at,
        })),
    )
}

fn batch_status_zh(status: EnrollmentBatchStatus) -> &'static str {
    match status {
        EnrollmentBatchStatus::PendingPayment => "待缴费",
        EnrollmentBatchStatus::Paid => "已缴费",
    }
}

fn policy_status_zh(status: PolicyState) -> &'static str {
    match status {
        PolicyState::PendingPayment => "待缴费",
        PolicyState::Active => "有效",
        PolicyState::Terminated => "已终止",
    }
}

/// The enrollment result as an Excel workbook: who was enrolled, the premium of each and the
/// total. Text that a spreadsheet could read as a formula is escaped.
#[utoipa::path(
    tag = "enrollment",
    params(("id" = i64, Path, description = "Batch id")),
    responses(
        (status = 200, description = "The batch as an .xlsx workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>),
        (status = 404, description = "No such batch in the caller's subtree", body = ErrorBody),
    )
)]
#[get("/enrollment-batches/{id}/workbook")]
pub async fn download(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let (batch, unit) = state
        .act(&caller, move |app, actor| {
            app.enrollment_batch_of_union(actor, id)
        })
        .await?;
    let batch = enrollment_batch(&batch);
    let rows = batch
        .policies
        .iter()
        .enumerate()
        .map(|(i, p)| {
            vec![
                (i + 1).to_string(),
                p.member_name.clone(),
                p.id_number_masked.clone(),
                p.shares.to_string(),
                p.premium.clone(),
                policy_status_zh(p.status).to_string(),
                p.start_date.map(|d| d.to_string()).unwrap_or_default(),
                p.waiting_period_end
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            ]
        })
        .collect();
    let sheet = workbook::Sheet {
        name: "参保结果",
        facts: vec![
            ("工会 Union", unit),
            ("险种 Plan", batch.plan_code.clone()),
            ("批次 Batch", batch.id.to_string()),
            ("人数 Members", batch.member_count.to_string()),
            ("会费合计 Premium total", batch.premium_total.clone()),
            ("状态 Status", batch_status_zh(batch.status).to_string()),
            ("文件 SHA-256", batch.file_sha256.clone()),
        ],
        headers: &[
            "序号 No.",
            "姓名 Name",
            "身份证号 ID number",
            "份数 Shares",
            "会费 Premium",
            "状态 Status",
            "生效日期 Cover starts",
            "等待期满 Waiting period ends",
        ],
        rows,
        right_aligned: &[0, 3, 4],
    };
    let bytes = workbook::write(&sheet)?;
    Ok(HttpResponse::Ok()
        .content_type(workbook::CONTENT_TYPE)
        .insert_header((
            "content-disposition",
            format!(
                "attachment; filename=\"batch-{}-{}.xlsx\"",
                batch.id, batch.plan_code
            ),
        ))
        .body(bytes))
}
