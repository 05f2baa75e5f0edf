//! Finance (docs/domain.md §5): the ledger browser, the trial balance, fund statements with their
//! indicators (and as .xlsx), closing periods, the month-end earning job, reversals and
//! management expenses.

use crate::auth::Caller;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::views::{self, yuan};
use crate::workbook;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use huzhu_api_types::{
    EarningRequest, EarningRun, ErrorBody, Expense, ExpenseRequest, FundIndicators, FundMonth,
    FundStatement, FundSummary, JournalEntry, Page, Period, PostingLine, StatementLine,
    TrialBalance, TrialBalanceLine,
};
use huzhu_app::finance::{
    EntryFilter, Expense as AppExpense, JournalEntry as JournalRecord, Statement,
};
use huzhu_app::records::Paging;
use huzhu_domain::ledger::{Account, Indicators, Posting};
use serde::Deserialize;
use utoipa::IntoParams;

fn lines(postings: &[Posting]) -> Vec<PostingLine> {
    postings
        .iter()
        .map(|p| PostingLine {
            account: p.account,
            debit: yuan(p.fen.max(0)),
            credit: yuan((-p.fen).max(0)),
        })
        .collect()
}

fn entry_dto((e, postings): &JournalRecord) -> JournalEntry {
    JournalEntry {
        id: e.id,
        fund: e.fund.clone(),
        entry_date: e.entry_date,
        period: e.period.clone(),
        kind: e.kind,
        memo: e.memo.clone(),
        reference: e.reference.clone(),
        reverses: e.reverses,
        postings: lines(postings),
        created_at: e.created_at.and_utc(),
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct EntryQuery {
    /// `ZY-2026`
    pub fund: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// What caused the entries, e.g. `claim:12`.
    pub reference: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// The journal, newest first.
#[utoipa::path(
    tag = "finance",
    params(EntryQuery),
    responses((status = 200, description = "Entries", body = Page<JournalEntry>))
)]
#[get("/finance/entries")]
pub async fn entries(
    caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<EntryQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.into_inner();
    let paging = Paging::new(q.limit, q.offset);
    let filter = EntryFilter {
        fund: q.fund,
        from: q.from,
        to: q.to,
        reference: q.reference,
    };
    let found = state
        .act(&caller, move |app, actor| {
            app.journal(actor, filter, paging)
        })
        .await?;
    Ok(HttpResponse::Ok().json(views::page(found, |e| entry_dto(&e))))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct AsOfQuery {
    /// The last day counted (today when absent).
    pub as_of: Option<NaiveDate>,
}

/// Every fund's accounts with their debit or credit balance at the end of a day (today by
/// default, from the standing balances; an earlier day from the postings up to it); the two
/// columns are equal when the ledger balances.
#[utoipa::path(
    tag = "finance",
    params(AsOfQuery),
    responses((status = 200, description = "The trial balance", body = TrialBalance))
)]
#[get("/finance/trial-balance")]
pub async fn trial_balance(
    caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<AsOfQuery>,
) -> ApiResult<HttpResponse> {
    let asked = query.as_of;
    let (as_of, sums) = state
        .act(&caller, move |app, actor| app.trial_balance(actor, asked))
        .await?;
    let (mut debit, mut credit) = (0i64, 0i64);
    let mut out = Vec::new();
    for (fund, balances) in sums {
        for (account, fen) in balances.0 {
            if fen == 0 {
                continue;
            }
            debit += fen.max(0);
            credit += (-fen).max(0);
            out.push(TrialBalanceLine {
                fund: fund.clone(),
                account,
                debit: yuan(fen.max(0)),
                credit: yuan((-fen).max(0)),
            });
        }
    }
    Ok(HttpResponse::Ok().json(TrialBalance {
        as_of,
        lines: out,
        total_debit: yuan(debit),
        total_credit: yuan(credit),
        balanced: debit == credit,
    }))
}

/// A ratio without trailing zeros: `0.1`, `0.6667`, `1`.
fn ratio_text<T: ToString>(r: Option<T>) -> Option<String> {
    r.map(|r| {
        let t = r.to_string();
        if t.contains('.') {
            t.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            t
        }
    })
}

fn statement_dto(s: Statement) -> FundStatement {
    FundStatement {
        lines: Account::ALL
            .iter()
            .map(|a| StatementLine {
                account: *a,
                opening: yuan(s.opening.normal(*a)),
                movement: yuan(s.movement.normal(*a)),
                closing: yuan(s.closing.normal(*a)),
            })
            .collect(),
        fund: s.fund,
        from: s.from,
        to: s.to,
        contributions_received: yuan(s.received_fen),
        indicators: indicators_dto(s.indicators),
    }
}

fn indicators_dto(i: Indicators) -> FundIndicators {
    FundIndicators {
        loss_ratio: ratio_text(i.loss_ratio),
        reserve_ratio: ratio_text(i.reserve_ratio),
        expense_ratio: ratio_text(i.expense_ratio),
        expense_cap: ratio_text(i.expense_cap),
        expenses_within_cap: i.expenses_within_cap,
        ibnr: yuan(i.ibnr_fen),
        solvency: ratio_text(i.solvency),
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct RangeQuery {
    /// First day (1 January of the fund's year when absent).
    pub from: Option<NaiveDate>,
    /// Last day (today when absent).
    pub to: Option<NaiveDate>,
}

/// A fund's statement for any date range.
#[utoipa::path(
    tag = "finance",
    params(("fund" = String, Path, description = "Fund, e.g. ZY-2026"), RangeQuery),
    responses(
        (status = 200, description = "The statement", body = FundStatement),
        (status = 422, description = "Not a fund, or a range that ends before it starts", body = ErrorBody),
    )
)]
#[get("/finance/funds/{fund}/statement")]
pub async fn fund_statement(
    caller: Caller,
    state: web::Data<AppState>,
    fund: web::Path<String>,
    query: web::Query<RangeQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.into_inner();
    let s = state
        .act(&caller, move |app, actor| {
            app.fund_statement(actor, &fund, q.from, q.to)
        })
        .await?;
    Ok(HttpResponse::Ok().json(statement_dto(s)))
}

/// Every fund with its indicators now and at each of the last twelve month-ends (for charts).
#[utoipa::path(
    tag = "finance",
    responses((status = 200, description = "Funds", body = [FundSummary]))
)]
#[get("/finance/funds")]
pub async fn funds(caller: Caller, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let found: Vec<FundSummary> = state
        .act(&caller, |app, actor| app.funds(actor))
        .await?
        .into_iter()
        .map(|f| FundSummary {
            bank: yuan(f.balances.normal(Account::Bank)),
            risk_reserve: yuan(f.balances.normal(Account::RiskReserve)),
            benefits_payable: yuan(f.balances.normal(Account::BenefitsPayable)),
            fund: f.fund,
            indicators: indicators_dto(f.indicators),
            months: f
                .months
                .into_iter()
                .map(|(period, i)| FundMonth {
                    period,
                    indicators: indicators_dto(i),
                })
                .collect(),
        })
        .collect();
    Ok(HttpResponse::Ok().json(found))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ReportQuery {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// Every fund's statement for a date range, as one .xlsx sheet.
#[utoipa::path(
    tag = "finance",
    params(ReportQuery),
    responses(
        (status = 200, description = "The workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 422, description = "A range that ends before it starts", body = ErrorBody),
    )
)]
#[get("/finance/report.xlsx")]
pub async fn report(
    caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<ReportQuery>,
) -> ApiResult<HttpResponse> {
    let ReportQuery { from, to } = query.into_inner();
    let statements: Vec<FundStatement> = state
        .act(&caller, move |app, actor| {
            app.fund_statements(actor, from, to)
        })
        .await?
        .into_iter()
        .map(statement_dto)
        .collect();
    let mut rows = Vec::new();
    for s in &statements {
        for l in &s.lines {
            rows.push(vec![
                s.fund.clone(),
                l.account.as_str().to_string(),
                l.opening.clone(),
                l.movement.clone(),
                l.closing.clone(),
            ]);
        }
        let i = &s.indicators;
        for (name, value) in [
            ("loss_ratio", &i.loss_ratio),
            ("reserve_ratio", &i.reserve_ratio),
            ("expense_ratio", &i.expense_ratio),
            ("expense_cap", &i.expense_cap),
            ("solvency", &i.solvency),
        ] {
            rows.push(vec![
                s.fund.clone(),
                name.to_string(),
                String::new(),
                String::new(),
                value.clone().unwrap_or_default(),
            ]);
        }
    }
    let bytes = workbook::write(&workbook::Sheet {
        name: "基金报表",
        facts: vec![("期间 Period", format!("{from} – {to}"))],
        headers: &[
            "基金 Fund",
            "科目 Account",
            "期初 Opening",
            "发生 Movement",
            "期末 Closing",
        ],
        rows,
        right_aligned: &[2, 3, 4],
    })?;
    Ok(HttpResponse::Ok()
        .content_type(workbook::CONTENT_TYPE)
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"huzhu-funds-{from}-{to}.xlsx\""),
        ))
        .body(bytes))
}

/// The closed periods, latest first.
#[utoipa::path(
    tag = "finance",
    responses((status = 200, description = "Closed periods", body = [Period]))
)]
#[get("/finance/periods")]
pub async fn periods(caller: Caller, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    closed(&caller, &state).await
}

async fn closed(caller: &Caller, state: &AppState) -> ApiResult<HttpResponse> {
    let found: Vec<Period> = state
        .act(caller, |app, actor| app.closed_periods(actor))
        .await?
        .into_iter()
        .map(|(period, at)| Period {
            period,
            closed_at: at.and_utc(),
        })
        .collect();
    Ok(HttpResponse::Ok().json(found))
}

/// Close a month that has ended: nothing more posts into it.
#[utoipa::path(
    tag = "finance",
    params(("period" = String, Path, description = "YYYY-MM")),
    responses(
        (status = 200, description = "Closed", body = [Period]),
        (status = 409, description = "Already closed, or the month has not ended", body = ErrorBody),
        (status = 422, description = "Not a month", body = ErrorBody),
    )
)]
#[post("/finance/periods/{period}/close")]
pub async fn close_period(
    caller: Caller,
    state: web::Data<AppState>,
    period: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let period = period.into_inner();
    state
        .act(&caller, move |app, actor| app.close_period(actor, &period))
        .await?;
    closed(&caller, &state).await
}

/// Earn contributions pro rata through a day (the month-end job; also `huzhu finance earn`).
#[utoipa::path(
    tag = "finance",
    request_body = EarningRequest,
    responses(
        (status = 200, description = "Earned", body = EarningRun),
        (status = 409, description = "The day's period is closed, or the day is in the future", body = ErrorBody),
    )
)]
#[post("/finance/earnings")]
pub async fn earn(
    caller: Caller,
    state: web::Data<AppState>,
    body: web::Json<EarningRequest>,
) -> ApiResult<HttpResponse> {
    let through = body.into_inner().through;
    let actor = caller.actor();
    let posted = state
        .run(move |app| Ok(app.earn_contributions(&actor, through)?))
        .await?;
    Ok(HttpResponse::Ok().json(EarningRun {
        through,
        entries: posted.into_iter().map(|(_, id)| id).collect(),
    }))
}

/// Reverse an entry: a new entry with every posting turned round, dated today.
#[utoipa::path(
    tag = "finance",
    params(("id" = i64, Path, description = "Entry id")),
    responses(
        (status = 201, description = "The reversal", body = JournalEntry),
        (status = 404, description = "No such entry", body = ErrorBody),
        (status = 409, description = "Already reversed, a reversal itself, or today's period closed", body = ErrorBody),
    )
)]
#[post("/finance/entries/{id}/reversal")]
pub async fn reverse(
    caller: Caller,
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    state
        .act_once(
            &caller,
            &req,
            id.to_string().as_bytes(),
            move |app, actor, key| {
                app.reverse_entry(actor, key, StatusCode::CREATED.as_u16(), id, entry_dto)
            },
        )
        .await
}

fn expense_dto(e: AppExpense) -> Expense {
    Expense {
        id: e.id,
        fund: e.fund,
        description: e.description,
        amount: yuan(e.amount_fen),
        status: e.status,
        entered_by: e.entered_by,
        entered_at: e.entered_at.and_utc(),
        approved_by: e.approved_by,
    }
}

#[utoipa::path(
    tag = "finance",
    responses((status = 200, description = "Expenses, newest first", body = [Expense]))
)]
#[get("/finance/expenses")]
pub async fn list_expenses(caller: Caller, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let found: Vec<Expense> = state
        .act(&caller, |app, actor| app.expenses(actor))
        .await?
        .into_iter()
        .map(expense_dto)
        .collect();
    Ok(HttpResponse::Ok().json(found))
}

/// Enter a management expense of a fund; it is paid once a second person approves it.
#[utoipa::path(
    tag = "finance",
    request_body = ExpenseRequest,
    responses(
        (status = 201, description = "Entered", body = Expense),
        (status = 422, description = "Not a fund, no description, or not a positive amount", body = ErrorBody),
    )
)]
#[post("/finance/expenses")]
pub async fn enter_expense(
    caller: Caller,
    state: web::Data<AppState>,
    body: web::Json<ExpenseRequest>,
) -> ApiResult<HttpResponse> {
    let req = body.into_inner();
    let e = state
        .act(&caller, move |app, actor| {
            app.enter_expense(actor, &req.fund, &req.description, &req.amount)
        })
        .await?;
    Ok(HttpResponse::Created().json(expense_dto(e)))
}

/// A second person approves an expense: it is paid and booked.
#[utoipa::path(
    tag = "finance",
    params(("id" = i64, Path, description = "Expense id")),
    responses(
        (status = 200, description = "Approved and booked", body = Expense),
        (status = 404, description = "No such expense", body = ErrorBody),
        (status = 409, description = "Entered by the caller, already approved, or today's period closed", body = ErrorBody),
    )
)]
#[post("/finance/expenses/{id}/approve")]
pub async fn approve_expense(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let e = state
        .act(&caller, move |app, actor| app.approve_expense(actor, id))
        .await?;
    Ok(HttpResponse::Ok().json(expense_dto(e)))
}
