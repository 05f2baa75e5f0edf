//! The health of a fund (docs/domain.md §5), from its balances: loss ratio = benefits incurred ÷
//! contributions earned; reserve ratio = risk reserve ÷ contributions received; expense ratio =
//! management expenses ÷ contributions received, against the cap the budget set; solvency =
//! (fund assets + reserve) ÷ (approved-unpaid claims + incurred-but-not-reported claims), where
//! the fund assets are its bank balance less the reserve held in it, and IBNR is estimated as a
//! share of contributions earned. A ratio with a zero denominator is absent, not infinite.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{share_of, Account};

/// Incurred-but-not-reported claims are estimated at this share of contributions earned: 5 %.
pub const IBNR_BP: i32 = 500;

/// Signed (debit-positive) totals per account, in fen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Balances(pub BTreeMap<Account, i64>);

impl Balances {
    pub fn add(&mut self, account: Account, fen: i64) {
        *self.0.entry(account).or_insert(0) += fen;
    }

    /// The balance on the account's normal side.
    pub fn normal(&self, account: Account) -> i64 {
        account.normal_balance(self.0.get(&account).copied().unwrap_or(0))
    }

    /// Debits less credits over all accounts: zero when the ledger balances.
    pub fn net(&self) -> i64 {
        self.0.values().sum()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicators {
    pub loss_ratio: Option<Decimal>,
    pub reserve_ratio: Option<Decimal>,
    pub expense_ratio: Option<Decimal>,
    /// The cap the budget set, as a ratio.
    pub expense_cap: Option<Decimal>,
    /// Whether expenses stay within the cap (absent without a cap or contributions).
    pub expenses_within_cap: Option<bool>,
    pub ibnr_fen: i64,
    pub solvency: Option<Decimal>,
}

fn ratio(part: i64, whole: i64) -> Option<Decimal> {
    (whole != 0).then(|| (Decimal::from(part) / Decimal::from(whole)).round_dp(4))
}

/// The indicators of balances (for a period: its movements; for a date: its closing balances).
/// `received_fen` is the contributions received over the same span.
pub fn indicators(
    b: &Balances,
    received_fen: i64,
    expense_cap_bp: Option<i32>,
    ibnr_bp: i32,
) -> Indicators {
    let earned = b.normal(Account::EarnedContributions);
    let incurred = b.normal(Account::BenefitsPaid);
    let reserve = b.normal(Account::RiskReserve);
    let expenses = b.normal(Account::ManagementExpenses);
    let payable = b.normal(Account::BenefitsPayable);
    let bank = b.normal(Account::Bank);
    let ibnr = share_of(earned.max(0), ibnr_bp);
    let expense_ratio = ratio(expenses, received_fen);
    let expense_cap = expense_cap_bp.map(|bp| Decimal::from(bp) / Decimal::from(10_000));
    let fund_assets = bank - reserve;
    Indicators {
        loss_ratio: ratio(incurred, earned),
        reserve_ratio: ratio(reserve, received_fen),
        expense_ratio,
        expense_cap,
        expenses_within_cap: match (expense_ratio, expense_cap) {
            (Some(r), Some(c)) => Some(r <= c),
            _ => None,
        },
        ibnr_fen: ibnr,
        solvency: ratio(fund_assets + reserve, payable + ibnr),
    }
}

/// A span's indicators, as a fund statement shows them: the ratios over the span's movements,
/// solvency (and the IBNR it rests on) at the span's close.
pub fn of_span(
    movement: &Balances,
    closing: &Balances,
    received_fen: i64,
    expense_cap_bp: Option<i32>,
) -> Indicators {
    let over_span = indicators(movement, received_fen, expense_cap_bp, IBNR_BP);
    let at_close = indicators(closing, received_fen, expense_cap_bp, IBNR_BP);
    Indicators {
        solvency: at_close.solvency,
        ibnr_fen: at_close.ibnr_fen,
        ..over_span
    }
}
