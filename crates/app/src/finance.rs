//! Finance (docs/domain.md §5), shared by the API and the command line: the journal, the
//! trial balance, fund statements with their indicators, closing periods, the month-end
//! earning job, reversals and management expenses. Association-wide work: the province only.

use crate::actor::{Actor, ActorId};
use crate::error::{or_not_found, AppError, AppResult};
use crate::records::{Paged, Paging};
use crate::unit::{Answer, Done, Event, IdempotencyKey};
use crate::App;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use huzhu_domain::field_rules::required_text;
use huzhu_domain::ledger::{self, Balances, Fund, Indicators, Posting};
use huzhu_domain::plan::china_date;
use huzhu_domain::{ErrorCode, Money};
use huzhu_store::{expenses, ledger as journal, DbConn};
use serde::Serialize;
use std::collections::BTreeMap;

pub use huzhu_store::expenses::Expense;
pub use huzhu_store::ledger::EntryFilter;

/// The longest description of a management expense.
pub const MAX_EXPENSE_TEXT: usize = 500;

impl App {
    /// The month-end job: earns each fund's contributions pro rata through `through` (a day
    /// that has come, China time). Running it again for the same day books nothing more.
    /// Returns each fund booked with its entry.
    pub fn earn_contributions(
        &self,
        actor: &Actor,
        through: NaiveDate,
    ) -> AppResult<Vec<(String, i64)>> {
        actor.province()?;
        let now = self.now();
        if through > china_date(now) {
            return Err(AppError::conflict(
                ErrorCode::FinanceFuture,
                "contributions are earned up to today at the latest",
            ));
        }
        let by = match actor.id {
            ActorId::Staff(id) => Some(id),
            _ => None,
        };
        self.change(actor, |c| {
            let posted = journal::earn_through(c, through, by, now)?;
            let event = Event::new("finance.earn", format!("through:{through}"))
                .fact("through", through)
                .fact("funds", posted.iter().map(|(f, _)| f).collect::<Vec<_>>())
                .fact(
                    "entries",
                    posted.iter().map(|(_, id)| *id).collect::<Vec<_>>(),
                );
            Ok::<_, AppError>(Done::new(posted, event))
        })
    }
}

/// A fund as the supervisors read it: the plan code and the cover year, `ZY-2026`.
pub fn parse_fund(text: &str) -> AppResult<Fund> {
    Fund::parse(text).ok_or_else(|| {
        AppError::invalid_field(
            ErrorCode::FinanceFund,
            "fund",
            "a fund is a plan code and a year, e.g. ZY-2026",
        )
    })
}

fn fund_of(key: &str) -> AppResult<Fund> {
    Fund::parse(key).ok_or_else(|| AppError::corrupt(format!("fund {key}")))
}

fn checked_range(from: NaiveDate, to: NaiveDate) -> AppResult<()> {
    if from > to {
        return Err(AppError::invalid_field(
            ErrorCode::FinanceRange,
            "from",
            "the range starts after it ends",
        ));
    }
    Ok(())
}

/// A fund's statement over `from ..= to`: opening, movement and closing per account; ratios
/// over the movements, solvency at the close.
#[derive(Debug, Clone)]
pub struct Statement {
    pub fund: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub opening: Balances,
    pub movement: Balances,
    pub closing: Balances,
    pub received_fen: i64,
    pub indicators: Indicators,
}

/// A fund now, and its indicators at each of the last twelve month-ends (for charts).
#[derive(Debug, Clone)]
pub struct FundNow {
    pub fund: String,
    pub balances: Balances,
    pub indicators: Indicators,
    pub months: Vec<(String, Indicators)>,
}

/// A journal entry with its postings.
pub type JournalEntry = (journal::Entry, Vec<Posting>);

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

fn statement(c: &mut DbConn, fund: &Fund, from: NaiveDate, to: NaiveDate) -> AppResult<Statement> {
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
    let received_fen = journal::received(c, &key, Some(from), Some(to))?;
    let cap = journal::expense_cap_bp(c, fund.year)?;
    let indicators = ledger::of_span(&movement, &closing, received_fen, cap);
    Ok(Statement {
        fund: key,
        from,
        to,
        opening,
        movement,
        closing,
        received_fen,
        indicators,
    })
}

fn yuan(fen: i64) -> String {
    Money::from_fen(fen).to_string()
}

impl App {
    /// The journal, newest first.
    pub fn journal(
        &self,
        actor: &Actor,
        filter: journal::EntryFilter,
        paging: Paging,
    ) -> AppResult<Paged<JournalEntry>> {
        actor.province()?;
        let (items, total) = self.store.read(|c| journal::entries(c, &filter, paging))?;
        Ok(Paged {
            items,
            total,
            paging,
        })
    }

    /// Every fund's balances at the end of `as_of` (today when absent: the standing
    /// balances; an earlier day from the postings up to it). Returns the day too.
    pub fn trial_balance(
        &self,
        actor: &Actor,
        as_of: Option<NaiveDate>,
    ) -> AppResult<(NaiveDate, BTreeMap<String, Balances>)> {
        actor.province()?;
        let today = china_date(self.now());
        let as_of = as_of.unwrap_or(today);
        // Nothing is dated after today: from today on, the standing balances are the answer.
        let sums = self.store.read(|c| {
            if as_of >= today {
                journal::balances(c)
            } else {
                journal::sums(c, None, None, Some(as_of))
            }
        })?;
        Ok((as_of, sums))
    }

    /// A fund's statement for a range (1 January of the fund's year to today by default).
    pub fn fund_statement(
        &self,
        actor: &Actor,
        fund: &str,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> AppResult<Statement> {
        actor.province()?;
        let fund = parse_fund(fund)?;
        let today = china_date(self.now());
        let from = from
            .or_else(|| NaiveDate::from_ymd_opt(fund.year, 1, 1))
            .unwrap_or(today);
        let to = to.unwrap_or(today);
        checked_range(from, to)?;
        self.store.read(|c| statement(c, &fund, from, to))
    }

    /// Every fund's statement for a range.
    pub fn fund_statements(
        &self,
        actor: &Actor,
        from: NaiveDate,
        to: NaiveDate,
    ) -> AppResult<Vec<Statement>> {
        actor.province()?;
        checked_range(from, to)?;
        self.store.read(|c| {
            let keys: Vec<String> = journal::sums(c, None, None, Some(to))?
                .into_keys()
                .collect();
            keys.iter()
                .map(|key| statement(c, &fund_of(key)?, from, to))
                .collect()
        })
    }

    /// Every fund with its indicators now and at each of the last twelve month-ends.
    pub fn funds(&self, actor: &Actor) -> AppResult<Vec<FundNow>> {
        actor.province()?;
        let today = china_date(self.now());
        self.store.read(|c| {
            let now = journal::sums(c, None, None, Some(today))?;
            let mut out = Vec::new();
            for (key, balances) in now {
                let fund = fund_of(&key)?;
                let cap = journal::expense_cap_bp(c, fund.year)?;
                let mut months = Vec::new();
                for end in month_ends(today) {
                    let b = journal::sums(c, Some(&key), None, Some(end))?
                        .remove(&key)
                        .unwrap_or_default();
                    let received = journal::received(c, &key, None, Some(end))?;
                    months.push((
                        ledger::period_of(end),
                        ledger::indicators(&b, received, cap, ledger::IBNR_BP),
                    ));
                }
                let received = journal::received(c, &key, None, Some(today))?;
                let indicators = ledger::indicators(&balances, received, cap, ledger::IBNR_BP);
                out.push(FundNow {
                    fund: key,
                    balances,
                    indicators,
                    months,
                });
            }
            Ok(out)
        })
    }

    /// The closed periods, latest first.
    pub fn closed_periods(&self, actor: &Actor) -> AppResult<Vec<(String, NaiveDateTime)>> {
        actor.province()?;
        Ok(self.store.read(journal::closed_periods)?)
    }

    /// Closes a month that has ended (`YYYY-MM`): nothing more posts into it.
    pub fn close_period(&self, actor: &Actor, period: &str) -> AppResult<()> {
        actor.province()?;
        let first =
            NaiveDate::parse_from_str(&format!("{period}-01"), "%Y-%m-%d").map_err(|_| {
                AppError::invalid_field(
                    ErrorCode::FinancePeriod,
                    "period",
                    "a period is a month, YYYY-MM",
                )
            })?;
        let now = self.now();
        if !ledger::closable(first, china_date(now)) {
            return Err(AppError::conflict(
                ErrorCode::FinancePeriodOpen,
                format!("{period} has not ended; a month is closed once it is over"),
            ));
        }
        let by = actor.account_id()?;
        self.change(actor, |c| {
            let closed = ledger::period_of(first);
            journal::close_period(c, &closed, Some(by), now)?;
            let event = Event::new("finance.close_period", format!("period:{closed}"))
                .fact("period", &closed);
            Ok::<_, AppError>(Done::new((), event))
        })
    }

    /// Reverses an entry: a new entry with every posting turned round, dated today.
    pub fn reverse_entry<V: Serialize>(
        &self,
        actor: &Actor,
        key: Option<&IdempotencyKey>,
        status: u16,
        id: i64,
        show: impl FnOnce(&JournalEntry) -> V,
    ) -> AppResult<Answer> {
        actor.province()?;
        let by = actor.account_id()?;
        let now = self.now();
        self.change_once(actor, key, status, |c| {
            let rid = journal::reverse(c, id, china_date(now), Some(by), now)
                .map_err(or_not_found(ErrorCode::FinanceEntryNotFound, "entry"))?;
            let entry = (journal::entry(c, rid)?, journal::postings_of(c, rid)?);
            let event = Event::of("finance.reverse", "entry", id).fact("reversal", rid);
            Ok(Done::new(show(&entry), event))
        })
    }

    pub fn expenses(&self, actor: &Actor) -> AppResult<Vec<Expense>> {
        actor.province()?;
        Ok(self.store.read(expenses::list)?)
    }

    /// Enters a management expense of a fund; it is paid once a second person approves it.
    pub fn enter_expense(
        &self,
        actor: &Actor,
        fund: &str,
        description: &str,
        amount: &str,
    ) -> AppResult<Expense> {
        actor.province()?;
        let fund = parse_fund(fund)?;
        let description = required_text("description", description, MAX_EXPENSE_TEXT)?;
        let fen = Money::parse(amount)
            .ok()
            .filter(|m| m.is_positive())
            .and_then(|m| m.fen().ok())
            .ok_or_else(|| {
                AppError::invalid_field(
                    ErrorCode::FinanceAmount,
                    "amount",
                    "an amount in yuan above zero, e.g. \"1200.00\"",
                )
            })?;
        let by = actor.account_id()?;
        let now = self.now();
        self.change(actor, |c| {
            let e = expenses::insert(c, &fund, &description, fen, by, now)?;
            let event = Event::of("expense.enter", "expense", e.id)
                .fact("fund", &e.fund)
                .fact("description", &e.description)
                .fact("amount", yuan(e.amount_fen));
            Ok::<_, AppError>(Done::new(e, event))
        })
    }

    /// A second person approves an expense: it is paid and booked.
    pub fn approve_expense(&self, actor: &Actor, id: i64) -> AppResult<Expense> {
        actor.province()?;
        let by = actor.account_id()?;
        let now = self.now();
        self.change(actor, |c| {
            let e = expenses::approve(c, id, by, now)
                .map_err(or_not_found(ErrorCode::FinanceExpenseNotFound, "expense"))?;
            let event = Event::of("expense.approve", "expense", e.id)
                .fact("fund", &e.fund)
                .fact("amount", yuan(e.amount_fen))
                .moved("pending", e.status);
            Ok(Done::new(e, event))
        })
    }
}
