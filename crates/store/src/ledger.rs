//! The journal: entries checked by the domain (`huzhu_domain::ledger`) and written with their
//! postings in the caller's transaction; closed periods refused; balances summed per fund and
//! account for the trial balance, fund statements and indicators. The database keeps entries and
//! postings append-only (triggers on both backends).

use crate::db::DbConn;
use crate::error::{StoreError, StoreResult};
use crate::schema::{gov_budgets, journal_entries, ledger_balances, ledger_periods, postings};
use crate::{on_backend, to_db, Paging};
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use huzhu_domain::ledger::{self, Account, Balances, Fund, JournalKind, LedgerError, Posting};
use huzhu_domain::ErrorCode;
use std::collections::BTreeMap;

/// The reserve share when no budget for the year says otherwise: 10 %.
pub const DEFAULT_RESERVE_BP: i32 = 1_000;

/// What an entry records besides its postings.
#[derive(Debug, Clone)]
pub struct NewEntry<'a> {
    pub fund: &'a Fund,
    pub date: NaiveDate,
    pub kind: JournalKind,
    pub memo: &'a str,
    pub reference: Option<&'a str>,
    pub created_by: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = journal_entries)]
pub struct Entry {
    pub id: i64,
    pub fund: String,
    pub entry_date: NaiveDate,
    pub period: String,
    #[diesel(deserialize_as = String)]
    pub kind: JournalKind,
    pub memo: String,
    pub reference: Option<String>,
    pub reverses: Option<i64>,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
}

fn unbalanced(e: LedgerError) -> StoreError {
    StoreError::conflict(ErrorCode::LedgerUnbalanced, e.to_string())
}

pub fn period_closed(conn: &mut DbConn, period: &str) -> StoreResult<bool> {
    Ok(ledger_periods::table
        .find(period)
        .count()
        .get_result::<i64>(conn)?
        > 0)
}

fn write(
    conn: &mut DbConn,
    e: &NewEntry<'_>,
    postings: Vec<Posting>,
    reverses: Option<i64>,
    now: DateTime<Utc>,
) -> StoreResult<i64> {
    let postings = ledger::balanced(postings).map_err(unbalanced)?;
    let period = ledger::period_of(e.date);
    if period_closed(conn, &period)? {
        return Err(StoreError::conflict(
            ErrorCode::LedgerPeriodClosed,
            format!("the period {period} is closed; nothing more posts into it"),
        ));
    }
    let fund = e.fund.key();
    let id: i64 = diesel::insert_into(journal_entries::table)
        .values((
            journal_entries::fund.eq(&fund),
            journal_entries::entry_date.eq(e.date),
            journal_entries::period.eq(&period),
            journal_entries::kind.eq(e.kind.as_str()),
            journal_entries::memo.eq(e.memo),
            journal_entries::reference.eq(e.reference),
            journal_entries::reverses.eq(reverses),
            journal_entries::created_by.eq(e.created_by),
            journal_entries::created_at.eq(to_db(now)),
        ))
        .returning(journal_entries::id)
        .get_result(conn)
        .map_err(|err| match StoreError::from(err) {
            StoreError::Conflict { .. } => StoreError::conflict(
                ErrorCode::LedgerAlreadyReversed,
                "this entry has already been reversed",
            ),
            other => other,
        })?;
    let rows: Vec<_> = postings
        .iter()
        .map(|p| {
            (
                postings::entry_id.eq(id),
                postings::fund.eq(fund.clone()),
                postings::entry_date.eq(e.date),
                postings::account.eq(p.account.as_str()),
                postings::fen.eq(p.fen),
            )
        })
        .collect();
    on_backend!(conn, |c| diesel::insert_into(postings::table)
        .values(&rows)
        .execute(c))?;
    keep_balances(conn, &fund, &postings)?;
    Ok(id)
}

/// Moves the fund's standing balances by the postings, and refuses (rolling the caller's
/// transaction back) when one of them would leave an account that may never be negative below
/// zero: a payment beyond what is payable, earning more than was received, a reversal of what
/// later entries rest on.
fn keep_balances(conn: &mut DbConn, fund: &str, lines: &[Posting]) -> StoreResult<()> {
    for p in lines {
        let account = p.account.as_str();
        let target = ledger_balances::table
            .filter(ledger_balances::fund.eq(fund))
            .filter(ledger_balances::account.eq(account));
        let n = diesel::update(target)
            .set(ledger_balances::fen.eq(ledger_balances::fen + p.fen))
            .execute(conn)?;
        if n == 0 {
            diesel::insert_into(ledger_balances::table)
                .values((
                    ledger_balances::fund.eq(fund),
                    ledger_balances::account.eq(account),
                    ledger_balances::fen.eq(p.fen),
                ))
                .execute(conn)?;
        }
        if p.account.never_negative() && p.account.normal_balance(p.fen) < 0 {
            let now: i64 = ledger_balances::table
                .filter(ledger_balances::fund.eq(fund))
                .filter(ledger_balances::account.eq(account))
                .select(ledger_balances::fen)
                .first(conn)?;
            if p.account.normal_balance(now) < 0 {
                return Err(StoreError::conflict(
                    ErrorCode::LedgerWouldGoNegative,
                    format!(
                        "this would leave {account} of {fund} below zero; nothing was booked (reverse what rests on an entry before reversing it)"
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// Each fund's accounts as they stand now (signed, debit positive).
pub fn balances(conn: &mut DbConn) -> StoreResult<BTreeMap<String, Balances>> {
    let rows: Vec<(String, String, i64)> = ledger_balances::table
        .select((
            ledger_balances::fund,
            ledger_balances::account,
            ledger_balances::fen,
        ))
        .load(conn)?;
    let mut out: BTreeMap<String, Balances> = BTreeMap::new();
    for (fund, account, fen) in rows {
        let account = Account::parse(&account)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown account {account}")))?;
        out.entry(fund).or_default().add(account, fen);
    }
    Ok(out)
}

/// Posts an entry; its postings must balance and its period be open.
pub fn post(
    conn: &mut DbConn,
    e: &NewEntry<'_>,
    postings: Vec<Posting>,
    now: DateTime<Utc>,
) -> StoreResult<i64> {
    write(conn, e, postings, None, now)
}

pub fn entry(conn: &mut DbConn, id: i64) -> StoreResult<Entry> {
    Ok(journal_entries::table
        .find(id)
        .select(Entry::as_select())
        .first(conn)?)
}

pub fn postings_of(conn: &mut DbConn, entry_id: i64) -> StoreResult<Vec<Posting>> {
    let rows: Vec<(String, i64)> = postings::table
        .filter(postings::entry_id.eq(entry_id))
        .select((postings::account, postings::fen))
        .order(postings::id.asc())
        .load(conn)?;
    rows.into_iter()
        .map(|(a, fen)| {
            Account::parse(&a)
                .map(|account| Posting { account, fen })
                .ok_or_else(|| StoreError::Corrupt(format!("unknown account {a}")))
        })
        .collect()
}

/// Posts the reversal of an entry, dated `date`; an entry is reversed once, and a reversal is
/// not itself reversed (post the original again instead).
pub fn reverse(
    conn: &mut DbConn,
    id: i64,
    date: NaiveDate,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> StoreResult<i64> {
    let original = entry(conn, id)?;
    if original.reverses.is_some() {
        return Err(StoreError::conflict(
            ErrorCode::LedgerReversalOfReversal,
            "this entry is itself a reversal; post the original entry again instead",
        ));
    }
    if matches!(
        original.kind,
        JournalKind::ClaimApproved | JournalKind::PaymentConfirmed
    ) {
        // The claim's own state says it is approved or paid; the books follow the claim.
        return Err(StoreError::conflict(
            ErrorCode::LedgerNotReversible,
            "entries of claims and their payments follow the claim; correct the claim instead",
        ));
    }
    let fund = Fund::parse(&original.fund)
        .ok_or_else(|| StoreError::Corrupt(format!("fund {}", original.fund)))?;
    let lines = postings_of(conn, id)?;
    let turned = ledger::reversal(&lines);
    let memo = format!("reversal of entry {id}: {}", original.memo);
    write(
        conn,
        &NewEntry {
            fund: &fund,
            date,
            kind: JournalKind::Reversal,
            memo: &memo,
            reference: original.reference.as_deref(),
            created_by: by,
        },
        turned,
        Some(id),
        now,
    )
}

/// Closes a month; later entries cannot be dated in it.
pub fn close_period(
    conn: &mut DbConn,
    period: &str,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    if period_closed(conn, period)? {
        return Err(StoreError::conflict(
            ErrorCode::LedgerPeriodAlreadyClosed,
            format!("the period {period} is already closed"),
        ));
    }
    diesel::insert_into(ledger_periods::table)
        .values((
            ledger_periods::period.eq(period),
            ledger_periods::closed_by.eq(by),
            ledger_periods::closed_at.eq(to_db(now)),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn closed_periods(conn: &mut DbConn) -> StoreResult<Vec<(String, NaiveDateTime)>> {
    Ok(ledger_periods::table
        .select((ledger_periods::period, ledger_periods::closed_at))
        .order(ledger_periods::period.desc())
        .load(conn)?)
}

/// An entry and its lines.
pub type EntryWithPostings = (Entry, Vec<Posting>);

/// What the earning job reads of a policy: plan, enrolled, premium, cover start and end.
type EarningRow = (
    String,
    NaiveDateTime,
    i64,
    Option<NaiveDate>,
    Option<NaiveDate>,
);

/// Which entries to list.
#[derive(Debug, Clone, Default)]
pub struct EntryFilter {
    pub fund: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub reference: Option<String>,
}

/// Entries, newest first, each with its postings; and how many match.
pub fn entries(
    conn: &mut DbConn,
    f: &EntryFilter,
    paging: Paging,
) -> StoreResult<(Vec<EntryWithPostings>, i64)> {
    let query = || {
        let mut q = journal_entries::table.into_boxed();
        if let Some(fund) = &f.fund {
            q = q.filter(journal_entries::fund.eq(fund.clone()));
        }
        if let Some(from) = f.from {
            q = q.filter(journal_entries::entry_date.ge(from));
        }
        if let Some(to) = f.to {
            q = q.filter(journal_entries::entry_date.le(to));
        }
        if let Some(r) = &f.reference {
            q = q.filter(journal_entries::reference.eq(r.clone()));
        }
        q
    };
    let total: i64 = query().count().get_result(conn)?;
    let list: Vec<Entry> = query()
        .select(Entry::as_select())
        .order(journal_entries::id.desc())
        .limit(paging.limit)
        .offset(paging.offset)
        .load(conn)?;
    let mut out = Vec::with_capacity(list.len());
    for e in list {
        let lines = postings_of(conn, e.id)?;
        out.push((e, lines));
    }
    Ok((out, total))
}

/// `SUM(fen)` as a whole number on both backends (PostgreSQL would widen it to NUMERIC).
fn sum_fen(
) -> diesel::expression::SqlLiteral<diesel::sql_types::Nullable<diesel::sql_types::BigInt>> {
    diesel::dsl::sql("CAST(SUM(postings.fen) AS BIGINT)")
}

/// Signed sums per fund and account of the postings dated `from ..= to` (either end open).
pub fn sums(
    conn: &mut DbConn,
    fund: Option<&str>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> StoreResult<BTreeMap<String, Balances>> {
    let mut q = postings::table
        .group_by((postings::fund, postings::account))
        .select((postings::fund, postings::account, sum_fen()))
        .into_boxed();
    if let Some(fund) = fund {
        q = q.filter(postings::fund.eq(fund.to_string()));
    }
    if let Some(from) = from {
        q = q.filter(postings::entry_date.ge(from));
    }
    if let Some(to) = to {
        q = q.filter(postings::entry_date.le(to));
    }
    let rows: Vec<(String, String, Option<i64>)> = q.load(conn)?;
    let mut out: BTreeMap<String, Balances> = BTreeMap::new();
    for (fund, account, sum) in rows {
        let account = Account::parse(&account)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown account {account}")))?;
        out.entry(fund).or_default().add(account, sum.unwrap_or(0));
    }
    Ok(out)
}

/// Contributions received by a fund over `from ..= to`: the bank side of its contribution
/// entries, less reversals of them.
pub fn received(
    conn: &mut DbConn,
    fund: &str,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> StoreResult<i64> {
    let mut q = postings::table
        .inner_join(journal_entries::table)
        .filter(postings::fund.eq(fund.to_string()))
        .filter(postings::account.eq(Account::Bank.as_str()))
        .filter(postings::fen.gt(0))
        .filter(journal_entries::kind.eq(JournalKind::ContributionReceived.as_str()))
        .select(sum_fen())
        .into_boxed();
    if let Some(from) = from {
        q = q.filter(postings::entry_date.ge(from));
    }
    if let Some(to) = to {
        q = q.filter(postings::entry_date.le(to));
    }
    let sum: Option<i64> = q.first(conn)?;
    Ok(sum.unwrap_or(0))
}

/// The reserve share the year's budget set, or the default.
pub fn reserve_bp(conn: &mut DbConn, year: i32) -> StoreResult<i32> {
    Ok(gov_budgets::table
        .find(year)
        .select(gov_budgets::reserve_bp)
        .first(conn)
        .optional()?
        .unwrap_or(DEFAULT_RESERVE_BP))
}

/// The expense cap the year's budget set, if any.
pub fn expense_cap_bp(conn: &mut DbConn, year: i32) -> StoreResult<Option<i32>> {
    Ok(gov_budgets::table
        .find(year)
        .select(gov_budgets::expense_cap_bp)
        .first(conn)
        .optional()?)
}

/// The fund of a plan's cover bought on `day`.
pub fn fund_of(plan_code: &str, day: NaiveDate) -> Fund {
    Fund {
        plan_code: plan_code.to_string(),
        year: day.year(),
    }
}

/// The fund of a policy: its plan, and the year (China time) it was enrolled.
pub fn policy_fund(conn: &mut DbConn, policy_id: i64) -> StoreResult<Fund> {
    use crate::schema::policies;
    let (code, created): (String, NaiveDateTime) = policies::table
        .find(policy_id)
        .select((policies::plan_code, policies::created_at))
        .first(conn)?;
    Ok(fund_of(
        &code,
        huzhu_domain::plan::china_date(crate::from_db(created)),
    ))
}

/// Books a business change in its fund, dated today (China time), in the caller's transaction.
pub(crate) fn book(
    conn: &mut DbConn,
    fund: &Fund,
    kind: JournalKind,
    reference: &str,
    postings: Vec<Posting>,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> StoreResult<i64> {
    post(
        conn,
        &NewEntry {
            fund,
            date: huzhu_domain::plan::china_date(now),
            kind,
            memo: reference,
            reference: Some(reference),
            created_by: by,
        },
        postings,
        now,
    )
}

/// The month-end job: each fund's contributions earned pro rata through `through`
/// (docs/domain.md §5), booked as the difference from what was earned before. Running it twice
/// for one day books nothing the second time. Returns the entries posted per fund.
pub fn earn_through(
    conn: &mut DbConn,
    through: NaiveDate,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> StoreResult<Vec<(String, i64)>> {
    use crate::schema::policies;
    let period = ledger::period_of(through);
    if period_closed(conn, &period)? {
        return Err(StoreError::conflict(
            ErrorCode::LedgerPeriodClosed,
            format!("the period {period} is closed; nothing more posts into it"),
        ));
    }
    let rows: Vec<EarningRow> = policies::table
        .filter(policies::start_date.is_not_null())
        .select((
            policies::plan_code,
            policies::created_at,
            policies::premium_fen,
            policies::start_date,
            policies::end_date,
        ))
        .load(conn)?;
    let mut target: BTreeMap<String, i64> = BTreeMap::new();
    let mut reserves: BTreeMap<i32, i32> = BTreeMap::new();
    for (code, created, premium, start, end) in rows {
        let (Some(start), Some(end)) = (start, end) else {
            continue;
        };
        let fund = fund_of(
            &code,
            huzhu_domain::plan::china_date(crate::from_db(created)),
        );
        let bp = match reserves.get(&fund.year) {
            Some(bp) => *bp,
            None => {
                let bp = reserve_bp(conn, fund.year)?;
                reserves.insert(fund.year, bp);
                bp
            }
        };
        let net = premium - ledger::share_of(premium, bp);
        *target.entry(fund.key()).or_insert(0) += ledger::earned_by(net, start, end, through);
    }
    let sums = sums(conn, None, None, Some(through))?;
    let mut posted = Vec::new();
    for (key, goal) in target {
        let so_far = sums
            .get(&key)
            .map_or(0, |b| b.normal(Account::EarnedContributions));
        let unearned = sums
            .get(&key)
            .map_or(0, |b| b.normal(Account::UnearnedContributions));
        // Earn only what was received and not yet earned (a premium still owed earns nothing).
        let amount = (goal - so_far).min(unearned);
        if amount <= 0 {
            continue;
        }
        let fund = Fund::parse(&key).ok_or_else(|| StoreError::Corrupt(format!("fund {key}")))?;
        let memo = format!("earned through {through}");
        let id = post(
            conn,
            &NewEntry {
                fund: &fund,
                date: through,
                kind: JournalKind::Earned,
                memo: &memo,
                reference: None,
                created_by: by,
            },
            ledger::earned(amount),
            now,
        )?;
        posted.push((key, id));
    }
    Ok(posted)
}
