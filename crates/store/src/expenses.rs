//! Management expenses (管理费用): entered by finance against a fund, paid and booked once a
//! second person approves.

use crate::db::DbConn;
use crate::error::{StoreError, StoreResult};
use crate::schema::expenses;
use crate::to_db;
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use huzhu_domain::ledger::ExpenseStatus;
use huzhu_domain::ledger::JournalKind;
use huzhu_domain::ledger::{self, Fund};
use huzhu_domain::ErrorCode;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = expenses)]
pub struct Expense {
    pub id: i64,
    pub fund: String,
    pub description: String,
    pub amount_fen: i64,
    #[diesel(deserialize_as = String)]
    pub status: ExpenseStatus,
    pub entered_by: i64,
    pub entered_at: NaiveDateTime,
    pub approved_by: Option<i64>,
    pub approved_at: Option<NaiveDateTime>,
}

pub fn insert(
    conn: &mut DbConn,
    fund: &Fund,
    description: &str,
    amount_fen: i64,
    by: i64,
    now: DateTime<Utc>,
) -> StoreResult<Expense> {
    let id: i64 = diesel::insert_into(expenses::table)
        .values((
            expenses::fund.eq(fund.key()),
            expenses::description.eq(description),
            expenses::amount_fen.eq(amount_fen),
            expenses::status.eq(ExpenseStatus::Pending.as_str()),
            expenses::entered_by.eq(by),
            expenses::entered_at.eq(to_db(now)),
        ))
        .returning(expenses::id)
        .get_result(conn)?;
    get(conn, id)
}

pub fn get(conn: &mut DbConn, id: i64) -> StoreResult<Expense> {
    Ok(expenses::table
        .find(id)
        .select(Expense::as_select())
        .first(conn)?)
}

pub fn list(conn: &mut DbConn) -> StoreResult<Vec<Expense>> {
    Ok(expenses::table
        .select(Expense::as_select())
        .order(expenses::id.desc())
        .load(conn)?)
}

/// A second person approves: the expense is paid from the fund's bank and booked.
pub fn approve(conn: &mut DbConn, id: i64, by: i64, now: DateTime<Utc>) -> StoreResult<Expense> {
    let e = get(conn, id)?;
    if e.entered_by == by {
        return Err(StoreError::conflict(
            ErrorCode::ExpenseMakerChecker,
            "the person who entered an expense cannot approve it; a second person approves",
        ));
    }
    let n = diesel::update(
        expenses::table
            .find(id)
            .filter(expenses::status.eq(ExpenseStatus::Pending.as_str())),
    )
    .set((
        expenses::status.eq(ExpenseStatus::Approved.as_str()),
        expenses::approved_by.eq(by),
        expenses::approved_at.eq(to_db(now)),
    ))
    .execute(conn)?;
    if n == 0 {
        return Err(StoreError::conflict(
            ErrorCode::ExpenseNotPending,
            "this expense has already been approved",
        ));
    }
    let fund =
        Fund::parse(&e.fund).ok_or_else(|| StoreError::Corrupt(format!("fund {}", e.fund)))?;
    crate::ledger::book(
        conn,
        &fund,
        JournalKind::ExpensePaid,
        &format!("expense:{id}"),
        ledger::expense_paid(e.amount_fen),
        Some(by),
        now,
    )?;
    get(conn, id)
}
