//! Group enrollment from a union's roster: a dry run reports every problem row by row and
//! writes nothing; a commit enrolls all rows or none, once per file; one payment for the batch
//! starts every policy in it.

use crate::auth::lookup_hash::id_number_hash;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::roster_file;
use crate::state::AppState;
use crate::workbook;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, NaiveDate, Utc};
use huzhu_api_types::{
    BatchPaymentRequest, BatchPolicy, BatchSummary, EnrollmentBatch, ErrorBody, Page, RosterIssue,
    RosterReport, UnitProblem,
};
use huzhu_app::coverage::optional_plan_code;
use huzhu_app::enrollment::{activate_all_paid, checked_payment};
use huzhu_app::members::union_in_scope;
use huzhu_app::plan_terms::terms_of;
use huzhu_app::{Done, Event};
use huzhu_domain::eligibility::{
    check_group, check_person, prospective_start, Applicant, Channel, ExistingCover,
};
use huzhu_domain::plan::{china_date, premium, CoverPeriod, PlanCode, PlanTerms};
use huzhu_domain::roster::{read_rows, RosterEntry, RowIssue};
use huzhu_domain::ErrorCode;
use huzhu_domain::Money;
use huzhu_store::enrollment::{self, Holder, PendingPolicy};
use huzhu_store::members::{self, Member, Protected};
use huzhu_store::org_units::Scope;
use huzhu_store::{batches, org_units, plans, policies, DbConn, Paging, StoreError};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

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

/// A row that passed every check, with the member it names if already registered and the keyed
/// hash of its ID number.
struct Checked {
    entry: RosterEntry,
    member: Option<Member>,
    hash: String,
}

/// Everything a commit would do, worked out without writing.
struct Plan {
    report: RosterReport,
    version_id: i64,
    entries: Vec<Checked>,
    terms: PlanTerms,
}

fn issue(i: RowIssue) -> RosterIssue {
    RosterIssue {
        line: i.line,
        column: i.column.to_string(),
        code: i.code,
        message: i.message,
    }
}

fn prepare(
    c: &mut DbConn,
    state: &AppState,
    scope: &str,
    q: &RosterQuery,
    bytes: &[u8],
    today: NaiveDate,
) -> ApiResult<Plan> {
    let unit = union_in_scope(c, &Scope(scope), q.org_unit_id)?;
    let code = PlanCode::parse(&q.plan_code)
        .map_err(|e| ApiError::invalid_field(ErrorCode::PlanCode, "plan_code", e.to_string()))?;
    let version = plans::active_version(c, code.as_str())?.ok_or_else(|| {
        ApiError::invalid_field(
            ErrorCode::PlanNotInForce,
            "plan_code",
            format!("no plan {} is in force", code.as_str()),
        )
    })?;
    let terms = terms_of(&version)?;
    let raw = roster_file::read(bytes)?;
    let (entries, mut row_issues) = read_rows(&raw, q.shares.unwrap_or(1));
    let mut checked = Vec::with_capacity(entries.len());
    // One look-up per chunk of the file instead of one per row.
    let hashes: Vec<String> = entries
        .iter()
        .map(|e| id_number_hash(&state.config.lookup_key.0, &e.id))
        .collect();
    let mut known: HashMap<String, Member> = members::find_by_id_number_hashes(c, &hashes)?
        .into_iter()
        .collect();
    let known_ids: Vec<i64> = known.values().map(|m| m.id).collect();
    let mut held = policies::of_members_in_plan(c, &known_ids, code.as_str())?;
    for (entry, hash) in entries.into_iter().zip(hashes) {
        let member = known.remove(&hash);
        let mut existing = Vec::new();
        let mut pending = false;
        if let Some(m) = &member {
            if m.org_unit_id != unit.id {
                row_issues.push(RowIssue::new_public(
                    entry.line,
                    "id_number",
                    ErrorCode::RosterOtherUnion,
                    "this person is registered with another union; move them first",
                ));
                continue;
            }
            for p in held
                .remove(&m.id)
                .unwrap_or_default()
                .into_iter()
                .filter(|p| p.status != "terminated")
            {
                match (p.start_date, p.end_date) {
                    (Some(start), Some(end)) => existing.push(ExistingCover {
                        plan_code: code.clone(),
                        period: CoverPeriod { start, end },
                    }),
                    _ => {
                        pending = true;
                        row_issues.push(RowIssue::new_public(
                            entry.line,
                            "id_number",
                            ErrorCode::RosterPendingExists,
                            "already enrolled in this plan and waiting for payment",
                        ))
                    }
                }
            }
        }
        let starts = prospective_start(&terms, today, &existing);
        let applicant = Applicant {
            id_number: &entry.id,
            category: member.as_ref().map_or(entry.category, |m| m.category),
            shares: entry.shares,
            channel: Channel::Group,
            applied_on: today,
        };
        match check_person(&terms, &applicant, starts, &existing) {
            Ok(()) if !pending => checked.push(Checked {
                entry,
                member,
                hash,
            }),
            Ok(()) => {}
            Err(problems) => {
                row_issues.extend(problems.iter().map(|p| RowIssue::ineligible(entry.line, p)))
            }
        }
    }
    row_issues.sort_by_key(|i| i.line);
    let shares: Vec<u32> = checked.iter().map(|c| c.entry.shares).collect();
    let unit_problems = match (terms.min_participation_percent, q.headcount) {
        (Some(_), None) => vec![UnitProblem {
            code: ErrorCode::RosterHeadcountRequired,
            message: "this plan requires a participation rate: give the union's headcount".into(),
        }],
        _ => check_group(&terms, q.headcount.unwrap_or(shares.len() as u32), &shares)
            .err()
            .unwrap_or_default()
            .iter()
            .map(|p| UnitProblem {
                code: p.code(),
                message: p.to_string(),
            })
            .collect(),
    };
    let total: i64 = checked
        .iter()
        .map(|c| premium(&terms, c.entry.shares).fen().unwrap_or(0))
        .sum();
    let report = RosterReport {
        plan_code: code.as_str().to_string(),
        rows: raw.len(),
        valid_rows: checked.len(),
        issues: row_issues.into_iter().map(issue).collect(),
        unit_problems,
        premium_total: Money::from_fen(total).to_string(),
        new_members: checked.iter().filter(|c| c.member.is_none()).count(),
        file_sha256: hex::encode(Sha256::digest(bytes)),
    };
    Ok(Plan {
        report,
        version_id: version.id,
        entries: checked,
        terms,
    })
}

/// Check a roster (CSV in UTF-8 or GBK, or .xlsx) without writing anything: every problem with
/// its line, column, code and message, the unit's problems, and the totals.
#[utoipa::path(
    tag = "enrollment",
    params(RosterQuery),
    request_body(content = Vec<u8>, content_type = "text/csv", description = "The roster: CSV (UTF-8 or GBK) or an .xlsx workbook; columns 姓名, 身份证号, 人员类别, 份数, 手机"),
    responses(
        (status = 200, description = "The report (problems included)", body = RosterReport),
        (status = 422, description = "Not a readable roster, an empty one, a missing column, or an unknown union or plan", body = ErrorBody),
    )
)]
#[post("/rosters/dry-run")]
pub async fn dry_run(
    caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<RosterQuery>,
    body: web::Payload,
) -> ApiResult<HttpResponse> {
    let bytes = roster_file::read_body(body, roster_file::MAX_BYTES).await?;
    let scope = caller.org_scope()?.0.to_string();
    let today = china_date(state.now());
    let st = state.get_ref().clone();
    let report = state
        .db(move |store| store.read(|c| Ok(prepare(c, &st, &scope, &query, &bytes, today)?.report)))
        .await?;
    Ok(HttpResponse::Ok().json(report))
}

fn batch_view(c: &mut DbConn, batch: batches::Batch) -> ApiResult<EnrollmentBatch> {
    let policies = policies::of_batch_with_holders(c, batch.id)?
        .into_iter()
        .map(|h| BatchPolicy {
            policy_id: h.policy.id,
            member_id: h.policy.member_id,
            member_name: h.member_name,
            id_number_masked: h.id_number_masked,
            shares: h.policy.shares,
            premium: Money::from_fen(h.policy.premium_fen).to_string(),
            status: h.policy.status,
            start_date: h.policy.start_date,
            waiting_period_end: h.policy.waiting_period_end,
        })
        .collect();
    Ok(with_policies(batch, policies))
}

fn with_policies(batch: batches::Batch, policies: Vec<BatchPolicy>) -> EnrollmentBatch {
    EnrollmentBatch {
        id: batch.id,
        org_unit_id: batch.org_unit_id,
        plan_code: batch.plan_code,
        member_count: batch.member_count,
        premium_total: Money::from_fen(batch.premium_fen).to_string(),
        status: batch.status,
        file_sha256: batch.file_sha256,
        created_at: batch.created_at,
        paid_at: batch.paid_at,
        policies,
    }
}

fn internal(e: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(e.to_string())
}

fn commit_plan(
    c: &mut DbConn,
    state: &AppState,
    plan: Plan,
    unit: i64,
    by: i64,
    now: DateTime<Utc>,
) -> ApiResult<EnrollmentBatch> {
    let batch = batches::insert(
        c,
        batches::NewBatch {
            org_unit_id: unit,
            plan_version_id: plan.version_id,
            plan_code: &plan.report.plan_code,
            file_sha256: &plan.report.file_sha256,
            member_count: i32::try_from(plan.entries.len()).map_err(internal)?,
            premium_fen: Money::parse(&plan.report.premium_total)
                .and_then(|m| m.fen())
                .map_err(internal)?,
            created_by: Some(by),
        },
        now,
    )?;
    // Everything that needs the keys is sealed first; the writes then go in multi-row
    // statements.
    let mut sealed = Vec::new();
    let mut pending = Vec::with_capacity(plan.entries.len());
    for Checked {
        entry,
        member,
        hash,
    } in &plan.entries
    {
        let holder = match member {
            Some(m) => Holder::Existing(m.id),
            None => {
                let id_number = Protected {
                    ciphertext: state.sealer()?.seal(entry.id.as_str())?,
                    masked: entry.id.masked(),
                };
                let mobile = match &entry.mobile {
                    Some(m) => Some(Protected {
                        ciphertext: state.sealer()?.seal(m.as_str())?,
                        masked: m.masked(),
                    }),
                    None => None,
                };
                sealed.push((entry, hash, id_number, mobile));
                Holder::New(sealed.len() - 1)
            }
        };
        pending.push(PendingPolicy {
            holder,
            shares: i32::try_from(entry.shares).map_err(internal)?,
            premium_fen: premium(&plan.terms, entry.shares).fen().map_err(internal)?,
        });
    }
    let new_members: Vec<members::NewMember<'_>> = sealed
        .iter()
        .map(|(entry, hash, protected, mobile)| members::NewMember {
            org_unit_id: unit,
            name: &entry.name,
            id_number_hash: hash,
            id_number: protected.clone(),
            gender: entry.id.gender(),
            birth_date: entry.id.birth_date(),
            category: entry.category,
            mobile: mobile.clone(),
            bank_card: None,
            bank_card_luhn_override_by: None,
            health_consent: false,
        })
        .collect();
    let enrolled = enrollment::insert_roster(
        c,
        &new_members,
        batch.id,
        plan.version_id,
        &plan.report.plan_code,
        &pending,
        now,
    )?;
    // The answer is built from what was just written rather than read back.
    let policies = plan
        .entries
        .iter()
        .zip(&pending)
        .zip(enrolled.policies)
        .map(|((checked, p), (policy_id, member_id))| BatchPolicy {
            policy_id,
            member_id,
            member_name: checked
                .member
                .as_ref()
                .map_or_else(|| checked.entry.name.clone(), |m| m.name.clone()),
            id_number_masked: checked
                .member
                .as_ref()
                .map_or_else(|| checked.entry.id.masked(), |m| m.id_number.masked.clone()),
            shares: p.shares,
            premium: Money::from_fen(p.premium_fen).to_string(),
            status: "pending_payment".into(),
            start_date: None,
            waiting_period_end: None,
        })
        .collect();
    Ok(with_policies(batch, policies))
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
    let bytes = roster_file::read_body(body, roster_file::MAX_BYTES).await?;
    let scope = caller.org_scope()?.0.to_string();
    let by = caller.id;
    let now = state.now();
    let today = china_date(now);
    let st = state.get_ref().clone();
    let (created, batch) = state
        .change(&caller, move |c| {
            let sha = hex::encode(Sha256::digest(&bytes));
            let unit = query.org_unit_id;
            org_units::get_within(c, &Scope(&scope), unit).map_err(|_| ApiError::invalid_field(ErrorCode::OrgUnitNotFound, "org_unit_id", "the union does not exist in your part of the organisation"))?;
            if let Some(version) = PlanCode::parse(&query.plan_code).ok().map(|code| plans::active_version(c, code.as_str())).transpose()?.flatten() {
                if let Some(existing) = batches::find_same_file(c, unit, version.id, &sha)? {
                    return Ok(Done::unchanged((false, batch_view(c, existing)?)));
                }
            }
            let plan = prepare(c, &st, &scope, &query, &bytes, today)?;
            if !plan.report.issues.is_empty() || !plan.report.unit_problems.is_empty() {
                return Err(ApiError::Invalid {
                    code: ErrorCode::RosterInvalid,
                    message: format!(
                        "the roster cannot be enrolled: {} row problem(s), {} unit problem(s); nothing was written — fix the file and upload it again",
                        plan.report.issues.len(),
                        plan.report.unit_problems.len()
                    ),
                    details: serde_json::to_value(&plan.report).ok(),
                });
            }
            let new_members = plan.entries.iter().filter(|e| e.member.is_none()).count();
            let batch = commit_plan(c, &st, plan, unit, by, now)?;
            let event = Event::of("roster.commit", "batch", batch.id)
                .fact("org_unit", batch.org_unit_id)
                .fact("plan", &batch.plan_code)
                .fact("members", batch.member_count)
                .fact("new_members", new_members)
                .fact("premium_total", &batch.premium_total)
                .fact("file_sha256", &batch.file_sha256);
            Ok(Done::new((true, batch), event))
        })
        .await?;
    Ok(if created {
        HttpResponse::Created().json(batch)
    } else {
        HttpResponse::Ok().json(batch)
    })
}

fn batch_in_scope(c: &mut DbConn, scope: &str, id: i64) -> ApiResult<batches::Batch> {
    let not_found = || ApiError::not_found(ErrorCode::BatchNotFound, "enrollment batch");
    let batch = batches::get(c, id).map_err(|e| match e {
        StoreError::NotFound => not_found(),
        other => other.into(),
    })?;
    org_units::get_within(c, &Scope(scope), batch.org_unit_id).map_err(|_| not_found())?;
    Ok(batch)
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
    let scope = caller.org_scope()?.0.to_string();
    let id = id.into_inner();
    let batch = state
        .db(move |store| {
            store.read(|c| {
                let b = batch_in_scope(c, &scope, id)?;
                batch_view(c, b)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(batch))
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
    let now = state.now();
    let (amount_fen, reference) = checked_payment(
        &req.amount,
        &req.channel,
        &req.reference,
        req.paid_on,
        china_date(now),
    )?;
    let scope = caller.org_scope()?.0.to_string();
    let by = caller.id;
    let id = id.into_inner();
    state
        .change_once(&caller, &http_req, &canonical, StatusCode::OK, move |c| {
            let batch = batch_in_scope(c, &scope, id)?;
            if batch.status != "pending_payment" {
                return Err(ApiError::conflict(
                    ErrorCode::BatchAlreadyPaid,
                    "this batch is paid already",
                ));
            }
            if amount_fen != batch.premium_fen {
                return Err(ApiError::invalid_field(
                    ErrorCode::ContributionAmountMismatch,
                    "amount",
                    format!(
                        "the batch's premium is {}; the payment must be exactly that",
                        Money::from_fen(batch.premium_fen)
                    ),
                ));
            }
            let payment = batches::BatchPayment {
                batch_id: id,
                amount_fen,
                channel: &req.channel,
                reference: &reference,
                paid_on: req.paid_on,
                recorded_by: Some(by),
            };
            if !batches::record_payment(c, payment, now)? {
                return Err(ApiError::conflict(
                    ErrorCode::BatchAlreadyPaid,
                    "this batch was paid meanwhile",
                ));
            }
            let enrolled = policies::of_batch(c, id)?;
            activate_all_paid(c, &enrolled, req.paid_on, now)?;
            let paid = batches::get(c, id)?;
            let answer = batch_view(c, paid)?;
            let event = Event::of("batch.pay", "batch", id)
                .fact("amount", Money::from_fen(amount_fen).to_string())
                .fact("reference", &reference)
                .fact("paid_on", req.paid_on);
            Ok(Done::new(answer, event))
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
    let paging = Paging::new(q.limit, q.offset);
    let plan_code = optional_plan_code(q.plan_code.as_deref())?;
    let status = match q.status.as_deref() {
        None => None,
        Some(s @ ("pending_payment" | "paid")) => Some(s.to_string()),
        Some(other) => {
            return Err(ApiError::invalid_field(
                ErrorCode::BatchUnknownStatus,
                "status",
                format!("unknown batch status `{other}`: use pending_payment or paid"),
            ))
        }
    };
    let filter = batches::BatchFilter {
        org_unit_id: q.org_unit_id,
        plan_code,
        status,
    };
    let scope = caller.org_scope()?.0.to_string();
    let (rows, total) = state
        .db(move |store| {
            store.read(|c| Ok::<_, ApiError>(batches::list(c, &Scope(&scope), &filter, paging)?))
        })
        .await?;
    let items = rows
        .into_iter()
        .map(|(b, org_unit_name)| BatchSummary {
            id: b.id,
            org_unit_id: b.org_unit_id,
            org_unit_name,
            plan_code: b.plan_code,
            member_count: b.member_count,
            premium_total: Money::from_fen(b.premium_fen).to_string(),
            status: b.status,
            created_at: b.created_at,
            paid_at: b.paid_at,
        })
        .collect();
    Ok(HttpResponse::Ok().json(Page {
        items,
        total,
        limit: paging.limit,
        offset: paging.offset,
    }))
}

fn status_zh(status: &str) -> &str {
    match status {
        "pending_payment" => "待缴费",
        "paid" => "已缴费",
        "active" => "有效",
        "terminated" => "已终止",
        other => other,
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
    let scope = caller.org_scope()?.0.to_string();
    let id = id.into_inner();
    let (batch, unit) = state
        .db(move |store| {
            store.read(|c| {
                let b = batch_in_scope(c, &scope, id)?;
                let unit = org_units::get(c, b.org_unit_id)?;
                Ok::<_, ApiError>((batch_view(c, b)?, unit.name))
            })
        })
        .await?;
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
                status_zh(&p.status).to_string(),
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
            ("状态 Status", status_zh(&batch.status).to_string()),
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
