//! Finance (docs/domain.md §5): the ledger browser, the trial balance, fund statements with their
//! indicators (and as .xlsx), closing periods, the month-end earning job, reversals and
//! management expenses.

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::workbook;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::{Datelike, Duration, NaiveDate};
use huzhu_api_types::{
    EarningRequest, EarningRun, ErrorBody, Expense, ExpenseRequest, FundIndicators, FundMonth,
    FundStatement, FundSummary, JournalEntry, Page, Period, PostingLine, StatementLine,
    TrialBalance, TrialBalanceLine,
};
use huzhu_app::{Done, Event};
use huzhu_domain::ledger::{self, Account, Balances, Fund, Posting};
use huzhu_domain::plan::china_date;
use huzhu_domain::ErrorCode;
use huzhu_domain::Money;
use huzhu_store::{expenses, ledger as journal, DbConn, Paging, StoreError};
use serde::Deserialize;
use utoipa::IntoParams;

pub(crate) fn yuan(fen: i64) -> String {
    Money::from_fen(fen).to_string()
}

fn lines(postings: &[Posting]) -> Vec<PostingLine> {
    postings
        .iter()
        .map(|p| PostingLine {
            account: p.account.as_str().to_string(),
            debit: yuan(p.fen.max(0)),
            credit: yuan((-p.fen).max(0)),
        })
        .collect()
}

fn entry_dto(e: journal::Entry, postings: &[Posting]) -> JournalEntry {
    JournalEntry {
        id: e.id,
        fund: e.fund,
        entry_date: e.entry_date,
        period: e.period,
        kind: e.kind,
        memo: e.memo,
        reference: e.reference,
        reverses: e.reverses,
        postings: lines(postings),
        created_at: e.created_at.and_utc(),
    }
}

fn parse_fund(text: &str) -> ApiResult<Fund> {
    Fund::parse(text).ok_or_else(|| {
        ApiError::invalid_field(
            ErrorCode::FinanceFund,
            "fund",
            "a fund is a plan code and a year, e.g. ZY-2026",
        )
    })
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
    _caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<EntryQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.into_inner();
    let paging = Paging::new(q.limit, q.offset);
    let filter = journal::EntryFilter {
        fund: q.fund,
        from: q.from,
        to: q.to,
        reference: q.reference,
    };
    let (list, total) = state
        .db(move |store| store.read(|c| Ok(journal::entries(c, &filter, paging)?)))
        .await?;
    Ok(HttpResponse::Ok().json(super::page(list, total, paging, |(e, p)| entry_dto(e, &p))))
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
    _caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<AsOfQuery>,
) -> ApiResult<HttpResponse> {
    let today = china_date(state.now());
    let as_of = query.as_of.unwrap_or(today);
    // Nothing is dated after today: from today on, the standing balances are the answer.
    let sums = state
        .db(move |store| {
            store.read(|c| {
                Ok(if as_of >= today {
                    journal::balances(c)?
                } else {
                    journal::sums(c, None, None, Some(as_of))?
                })
            })
        })
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
                account: account.as_str().to_string(),
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

fn indicators_dto(i: ledger::Indicators) -> FundIndicators {
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

/// A fund's statement over `from ..= to`: opening, movement and closing per account; ratios
/// over the movements, solvency at the close.
pub(crate) fn statement(
    c: &mut DbConn,
    fund: &Fund,
    from: NaiveDate,
    to: NaiveDate,
) -> ApiResult<FundStatement> {
    let key = fund.key();
    let before = from - Duration::days(1);
    let opening = journal::sums(c, Some(&key), None, Some(before))?
        .remove(&key)
        .unwrap_or_default();
    let movement = journal::sums(c, Some(&key), Some(from), Some(to))?
        .remove(&key)
        .unwrap_or_default();
    let mut closing = Balances::default();
    for (a, f) in opening.0.iter().chain(movement.0.iter()) {
        closing.add(*a, *f);
    }
    let received = journal::received(c, &key, Some(from), Some(to))?;
    let cap = journal::expense_cap_bp(c, fund.year)?;
    let lines = Account::ALL
        .iter()
        .map(|a| StatementLine {
            account: a.as_str().to_string(),
            opening: yuan(opening.normal(*a)),
            movement: yuan(movement.normal(*a)),
            closing: yuan(closing.normal(*a)),
        })
        .collect();
    Ok(FundStatement {
        fund: key,
        from,
        to,
        lines,
        contributions_received: yuan(received),
        indicators: indicators_dto(ledger::of_span(&movement, &closing, received, cap)),
    })
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct RangeQuery {
    /// First day (1 January of the fund's year when absent).
    pub from: Option<NaiveDate>,
    /// Last day (today when absent).
    pub to: Option<NaiveDate>,
}

fn range(fund: &Fund, q: &RangeQuery, today: NaiveDate) -> ApiResult<(NaiveDate, NaiveDate)> {
    let from = q
        .from
        .or_else(|| NaiveDate::from_ymd_opt(fund.year, 1, 1))
        .unwrap_or(today);
    let to = q.to.unwrap_or(today);
    if from > to {
        return Err(ApiError::invalid_field(
            ErrorCode::FinanceRange,
            "from",
            "the range starts after it ends",
        ));
    }
    Ok((from, to))
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
    _caller: Caller,
    state: web::Data<AppState>,
    fund: web::Path<String>,
    query: web::Query<RangeQuery>,
) -> ApiResult<HttpResponse> {
    let fund = parse_fund(&fund)?;
    let (from, to) = range(&fund, &query, china_date(state.now()))?;
    let s = state
        .db(move |store| store.read(|c| statement(c, &fund, from, to)))
        .await?;
    Ok(HttpResponse::Ok().json(s))
}

/// The last day of each of the twelve months up to `today`'s.
fn month_ends(today: NaiveDate) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut first = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
    for _ in 0..12 {
        let end = first
            .checked_add_months(chrono::Months::new(1))
            .map_or(today, |d| d - Duration::days(1))
            .min(today);
        out.push(end);
        first = first
            .checked_sub_months(chrono::Months::new(1))
            .unwrap_or(first);
    }
    out.reverse();
    out
}

/// Every fund with its indicators now and at each of the last twelve month-ends (for charts).
#[utoipa::path(
    tag = "finance",
    responses((status = 200, description = "Funds", body = [FundSummary]))
)]
#[get("/finance/funds")]
pub async fn funds(_caller: Caller, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let today = china_date(state.now());
    let found = state
        .db(move |store| {
            store.read(|c| {
                let now = journal::sums(c, None, None, Some(today))?;
                let mut out = Vec::new();
                for (key, balances) in now {
                    let fund = Fund::parse(&key)
                        .ok_or_else(|| ApiError::Internal(format!("fund {key}")))?;
                    let cap = journal::expense_cap_bp(c, fund.year)?;
                    let mut months = Vec::new();
                    for end in month_ends(today) {
                        let b = journal::sums(c, Some(&key), None, Some(end))?
                            .remove(&key)
                            .unwrap_or_default();
                        let received = journal::received(c, &key, None, Some(end))?;
                        months.push(FundMonth {
                            period: ledger::period_of(end),
                            indicators: indicators_dto(ledger::indicators(
                                &b,
                                received,
                                cap,
                                ledger::IBNR_BP,
                            )),
                        });
                    }
                    let received = journal::received(c, &key, None, Some(today))?;
                    out.push(FundSummary {
                        fund: key,
                        indicators: indicators_dto(ledger::indicators(
                            &balances,
                            received,
                            cap,
                            ledger::IBNR_BP,
                        )),
                        bank: yuan(balances.normal(Account::Bank)),
                        risk_reserve: yuan(balances.normal(Account::RiskReserve)),
                        benefits_payable: yuan(balances.normal(Account::BenefitsPayable)),
                        months,
                    });
                }
                Ok(out)
            })
        })
        .await?;
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
    _caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<ReportQuery>,
) -> ApiResult<HttpResponse> {
    let ReportQuery { from, to } = query.into_inner();
    if from > to {
        return Err(ApiError::invalid_field(
            ErrorCode::FinanceRange,
            "from",
            "the range starts after it ends",
        ));
    }
    let statements = state
        .db(move |store| {
            store.read(|c| {
                let keys: Vec<String> = journal::sums(c, None, None, Some(to))?
                    .into_keys()
                    .collect();
                let mut out = Vec::new();
                for key in keys {
                    let fund = Fund::parse(&key)
                        .ok_or_else(|| ApiError::Internal(format!("fund {key}")))?;
                    out.push(statement(c, &fund, from, to)?);
                }
                Ok(out)
            })
        })
        .await?;
    let mut rows = Vec::new();
    for s in &statements {
        for l in &s.lines {
            rows.push(vec![
                s.fund.clone(),
                l.account.clone(),
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
pub async fn periods(_caller: Caller, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    closed_periods(&state).await
}

async fn closed_periods(state: &AppState) -> ApiResult<HttpResponse> {
    let found: Vec<Period> = state
        .db(move |store| store.read(|c| Ok(journal::closed_periods(c)?)))
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
    let first = NaiveDate::parse_from_str(&format!("{period}-01"), "%Y-%m-%d").map_err(|_| {
        ApiError::invalid_field(
            ErrorCode::FinancePeriod,
            "period",
            "a period is a month, YYYY-MM",
        )
    })?;
    let now = state.now();
    if !ledger::closable(first, china_date(now)) {
        return Err(ApiError::conflict(
            ErrorCode::FinancePeriodOpen,
            format!("{period} has not ended; a month is closed once it is over"),
        ));
    }
    let by = caller.id;
    state
        .change(&caller, move |c| {
            let closed = ledger::period_of(first);
            journal::close_period(c, &closed, Some(by), now)?;
            let event = Event::new("finance.close_period", format!("period:{closed}"))
                .fact("period", &closed);
            Ok(Done::new((), event))
        })
        .await?;
    closed_periods(&state).await
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
    let now = state.now();
    let by = caller.id;
    state
        .change_once(
            &caller,
            &req,
            id.to_string().as_bytes(),
            StatusCode::CREATED,
            move |c| {
                let rid =
                    journal::reverse(c, id, china_date(now), Some(by), now).map_err(
                        |e| match e {
                            StoreError::NotFound => {
                                ApiError::not_found(ErrorCode::FinanceEntryNotFound, "entry")
                            }
                            other => other.into(),
                        },
                    )?;
                let dto = entry_dto(journal::entry(c, rid)?, &journal::postings_of(c, rid)?);
                let event = Event::of("finance.reverse", "entry", id).fact("reversal", rid);
                Ok(Done::new(dto, event))
            },
        )
        .await
}

fn expense_dto(e: expenses::Expense) -> Expense {
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
pub async fn list_expenses(_caller: Caller, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let found: Vec<Expense> = state
        .db(move |store| store.read(|c| Ok(expenses::list(c)?)))
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
    let fund = parse_fund(&req.fund)?;
    let description = super::required_text("description", &req.description, 500)?;
    let fen = Money::parse(&req.amount)
        .ok()
        .filter(|m| m.is_positive())
        .and_then(|m| m.fen().ok())
        .ok_or_else(|| {
            ApiError::invalid_field(
                ErrorCode::FinanceAmount,
                "amount",
                "an amount in yuan above zero, e.g. \"1200.00\"",
            )
        })?;
    let now = state.now();
    let by = caller.id;
    let e = state
        .change(&caller, move |c| {
            let e = expenses::insert(c, &fund, &description, fen, by, now)?;
            let event = Event::of("expense.enter", "expense", e.id)
                .fact("fund", &e.fund)
                .fact("description", &e.description)
                .fact("amount", yuan(e.amount_fen));
            Ok(Done::new(e, event))
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
    let now = state.now();
    let by = caller.id;
    let e = state
        .change(&caller, move |c| {
            let e = expenses::approve(c, id, by, now).map_err(|e| match e {
                StoreError::NotFound => {
                    ApiError::not_found(ErrorCode::FinanceExpenseNotFound, "expense")
                }
                other => other.into(),
            })?;
            let event = Event::of("expense.approve", "expense", e.id)
                .fact("fund", &e.fund)
                .fact("amount", yuan(e.amount_fen))
                .moved("pending", &e.status);
            Ok(Done::new(e, event))
        })
        .await?;
    Ok(HttpResponse::Ok().json(expense_dto(e)))
}
