//! The funds' double-entry ledger (docs/domain.md §5): one fund per plan and year, a fixed chart of
//! accounts in each, journal entries whose postings sum to zero. Amounts are whole fen; a share
//! (the risk reserve, the part of a contribution earned so far) is rounded half away from zero
//! once, where it is computed. Postings are never edited: a correction is a reversal.

mod indicators;

pub use indicators::*;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::Money;

/// What a journal entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum JournalKind {
    /// A policy's contribution falls due (receivable against unearned).
    PremiumDue,
    ContributionReceived,
    /// The part of the contributions earned so far, and the risk reserve set aside from it.
    Earned,
    ClaimApproved,
    /// The bank confirmed a claim's payment.
    PaymentConfirmed,
    ExpensePaid,
    /// Undoes an earlier entry.
    Reversal,
}

crate::named::names!(JournalKind {
    PremiumDue = "premium_due",
    ContributionReceived = "contribution_received",
    Earned = "earned",
    ClaimApproved = "claim_approved",
    PaymentConfirmed = "payment_confirmed",
    ExpensePaid = "expense_paid",
    Reversal = "reversal",
});

/// Where a management expense stands: entered by one person, approved (and paid) by another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ExpenseStatus {
    Pending,
    Approved,
}

crate::named::names!(ExpenseStatus {
    Pending = "pending",
    Approved = "approved",
});

/// The accounts of every fund. Debits are positive, credits negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Account {
    /// 银行存款
    Bank,
    /// 应收互助金
    ContributionsReceivable,
    /// 未到期互助金: received, not yet earned.
    UnearnedContributions,
    /// 已赚互助金收入
    EarnedContributions,
    /// 风险准备金
    RiskReserve,
    /// 管理费用
    ManagementExpenses,
    /// 应付互助金: approved claims not yet paid.
    BenefitsPayable,
    /// 互助金支出: benefits incurred (approved).
    BenefitsPaid,
}

/// Which side an account's balance normally sits on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Debit,
    Credit,
}

impl Account {
    pub const ALL: [Account; 8] = [
        Account::Bank,
        Account::ContributionsReceivable,
        Account::UnearnedContributions,
        Account::EarnedContributions,
        Account::RiskReserve,
        Account::ManagementExpenses,
        Account::BenefitsPayable,
        Account::BenefitsPaid,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Account::Bank => "bank",
            Account::ContributionsReceivable => "contributions_receivable",
            Account::UnearnedContributions => "unearned_contributions",
            Account::EarnedContributions => "earned_contributions",
            Account::RiskReserve => "risk_reserve",
            Account::ManagementExpenses => "management_expenses",
            Account::BenefitsPayable => "benefits_payable",
            Account::BenefitsPaid => "benefits_paid",
        }
    }

    pub fn parse(s: &str) -> Option<Account> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }

    pub fn normal_side(self) -> Side {
        match self {
            Account::Bank
            | Account::ContributionsReceivable
            | Account::ManagementExpenses
            | Account::BenefitsPaid => Side::Debit,
            _ => Side::Credit,
        }
    }

    /// The balance on the account's normal side (a debit account's debit balance, a credit
    /// account's credit balance), from a signed debit-positive balance.
    pub fn normal_balance(self, signed_fen: i64) -> i64 {
        match self.normal_side() {
            Side::Debit => signed_fen,
            Side::Credit => -signed_fen,
        }
    }

    /// Accounts whose normal balance can never be negative: the fund cannot owe a member less
    /// than nothing, hold a negative reserve, or have earned more than it received. (A fund's
    /// bank balance may dip below zero when its claims outrun its contributions, and a
    /// receivable when money arrives before the premium is raised.)
    pub fn never_negative(self) -> bool {
        !matches!(self, Account::Bank | Account::ContributionsReceivable)
    }
}

/// A fund: one plan, one year (the year its cover was bought in).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Fund {
    pub plan_code: String,
    pub year: i32,
}

impl Fund {
    /// `ZY-2026`.
    pub fn key(&self) -> String {
        format!("{}-{}", self.plan_code, self.year)
    }

    pub fn parse(key: &str) -> Option<Fund> {
        let (code, year) = key.rsplit_once('-')?;
        Some(Fund {
            plan_code: code.to_string(),
            year: year.parse().ok()?,
        })
    }
}

/// One line of an entry: a signed amount in fen, debit positive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Posting {
    pub account: Account,
    pub fen: i64,
}

fn debit(account: Account, fen: i64) -> Posting {
    Posting { account, fen }
}

fn credit(account: Account, fen: i64) -> Posting {
    Posting { account, fen: -fen }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LedgerError {
    #[error("the postings do not balance: debits {debits} fen, credits {credits} fen")]
    Unbalanced { debits: i64, credits: i64 },
    #[error("an entry needs at least two postings")]
    TooFew,
    #[error("amounts are positive whole fen")]
    NotPositive,
}

/// Checks that postings balance to zero, and drops lines of zero.
pub fn balanced(postings: Vec<Posting>) -> Result<Vec<Posting>, LedgerError> {
    let postings: Vec<Posting> = postings.into_iter().filter(|p| p.fen != 0).collect();
    let debits: i64 = postings.iter().filter(|p| p.fen > 0).map(|p| p.fen).sum();
    let credits: i64 = -postings
        .iter()
        .filter(|p| p.fen < 0)
        .map(|p| p.fen)
        .sum::<i64>();
    if debits != credits {
        return Err(LedgerError::Unbalanced { debits, credits });
    }
    if postings.len() < 2 {
        return Err(LedgerError::TooFew);
    }
    Ok(postings)
}

/// `fen × bp / 10 000`, rounded half away from zero.
pub fn share_of(fen: i64, bp: i32) -> i64 {
    let exact = Decimal::new(fen, 2) * Decimal::from(bp) / Decimal::from(10_000);
    Money::round(exact).fen().unwrap_or(0)
}

/// A premium falls due (a roster batch committed, an individual application): receivable
/// against unearned contributions.
pub fn premium_due(fen: i64) -> Vec<Posting> {
    vec![
        debit(Account::ContributionsReceivable, fen),
        credit(Account::UnearnedContributions, fen),
    ]
}

/// Money received for a premium: the receivable is settled, and the reserve share
/// (`reserve_bp` of it) is set aside from the contribution.
pub fn contribution_received(fen: i64, reserve_bp: i32) -> Vec<Posting> {
    let reserve = share_of(fen, reserve_bp);
    vec![
        debit(Account::Bank, fen),
        credit(Account::ContributionsReceivable, fen),
        debit(Account::UnearnedContributions, reserve),
        credit(Account::RiskReserve, reserve),
    ]
}

/// Part of the unearned contributions becomes earned.
pub fn earned(fen: i64) -> Vec<Posting> {
    vec![
        debit(Account::UnearnedContributions, fen),
        credit(Account::EarnedContributions, fen),
    ]
}

/// A claim approved: a benefit incurred, owed to the member.
pub fn claim_approved(fen: i64) -> Vec<Posting> {
    vec![
        debit(Account::BenefitsPaid, fen),
        credit(Account::BenefitsPayable, fen),
    ]
}

/// The bank confirmed the payment of a claim.
pub fn payment_confirmed(fen: i64) -> Vec<Posting> {
    vec![
        debit(Account::BenefitsPayable, fen),
        credit(Account::Bank, fen),
    ]
}

/// A management expense paid, once a second person approved it.
pub fn expense_paid(fen: i64) -> Vec<Posting> {
    vec![
        debit(Account::ManagementExpenses, fen),
        credit(Account::Bank, fen),
    ]
}

/// The entry that undoes another.
pub fn reversal(postings: &[Posting]) -> Vec<Posting> {
    postings
        .iter()
        .map(|p| Posting {
            account: p.account,
            fen: -p.fen,
        })
        .collect()
}

/// How much of a net contribution is earned by the end of `on`, pro rata over the days of the
/// cover `start ..= end` (both covered), rounded half away from zero.
pub fn earned_by(net_fen: i64, start: NaiveDate, end: NaiveDate, on: NaiveDate) -> i64 {
    if on < start {
        return 0;
    }
    if on >= end {
        return net_fen;
    }
    let total = (end - start).num_days() + 1;
    let elapsed = (on - start).num_days() + 1;
    let exact = Decimal::new(net_fen, 2) * Decimal::from(elapsed) / Decimal::from(total);
    Money::round(exact).fen().unwrap_or(0)
}

/// An accounting period: a calendar month, `YYYY-MM`.
pub fn period_of(day: NaiveDate) -> String {
    day.format("%Y-%m").to_string()
}

/// A month is closed once it is over: any month before `today`'s.
pub fn closable(period_first_day: NaiveDate, today: NaiveDate) -> bool {
    period_of(period_first_day) < period_of(today)
}

#[cfg(test)]
mod tests;
