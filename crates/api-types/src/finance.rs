//! Funds and finance (docs/domain.md §5): the ledger, reports and indicators, payment batches
//! and the bank's files, management expenses, periods. Amounts are yuan strings with two
//! decimals.

use chrono::{DateTime, NaiveDate, Utc};
use huzhu_domain::ledger::{Account, ExpenseStatus, JournalKind};
use huzhu_domain::payout::{PaymentBatchStatus, PaymentStatus};
use serde::{Deserialize, Serialize};

/// One line of an entry: debit or credit to an account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostingLine {
    pub account: Account,
    pub debit: String,
    pub credit: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JournalEntry {
    pub id: i64,
    /// The fund: plan code and year, `ZY-2026`.
    pub fund: String,
    pub entry_date: NaiveDate,
    pub period: String,
    pub kind: JournalKind,
    pub memo: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reverses: Option<i64>,
    pub postings: Vec<PostingLine>,
    pub created_at: DateTime<Utc>,
}

/// A fund's account in the trial balance: its debit or credit balance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrialBalanceLine {
    pub fund: String,
    pub account: Account,
    pub debit: String,
    pub credit: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrialBalance {
    pub as_of: NaiveDate,
    pub lines: Vec<TrialBalanceLine>,
    pub total_debit: String,
    pub total_credit: String,
    pub balanced: bool,
}

/// A fund's health over a span (docs/domain.md §5); a ratio is absent when its denominator is zero.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FundIndicators {
    /// Benefits incurred ÷ contributions earned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loss_ratio: Option<String>,
    /// Risk reserve ÷ contributions received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reserve_ratio: Option<String>,
    /// Management expenses ÷ contributions received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expense_ratio: Option<String>,
    /// The cap the year's budget set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expense_cap: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expenses_within_cap: Option<bool>,
    /// Incurred-but-not-reported claims, estimated.
    pub ibnr: String,
    /// (Fund assets + reserve) ÷ (approved-unpaid claims + IBNR), at the end of the span.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub solvency: Option<String>,
}

/// One account of a fund statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatementLine {
    pub account: Account,
    /// Balances on the account's normal side.
    pub opening: String,
    pub movement: String,
    pub closing: String,
}

/// A fund (plan × year) over a date range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FundStatement {
    pub fund: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub lines: Vec<StatementLine>,
    pub contributions_received: String,
    pub indicators: FundIndicators,
}

/// One month of a fund's indicators, for charts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FundMonth {
    pub period: String,
    pub indicators: FundIndicators,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FundSummary {
    pub fund: String,
    pub indicators: FundIndicators,
    pub bank: String,
    pub risk_reserve: String,
    pub benefits_payable: String,
    /// Month-end indicators of the last twelve months.
    pub months: Vec<FundMonth>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Period {
    /// `YYYY-MM`
    pub period: String,
    pub closed_at: DateTime<Utc>,
}

/// Earn contributions pro rata through a day (the month-end job).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EarningRequest {
    pub through: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EarningRun {
    pub through: NaiveDate,
    /// The entries posted, one per fund that earned something.
    pub entries: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ExpenseRequest {
    /// `ZY-2026`
    pub fund: String,
    pub description: String,
    pub amount: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Expense {
    pub id: i64,
    pub fund: String,
    pub description: String,
    pub amount: String,
    pub status: ExpenseStatus,
    pub entered_by: i64,
    pub entered_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<i64>,
}

/// An approved claim waiting for its payment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PayableClaim {
    pub claim_id: i64,
    pub amount: String,
}

/// A new payment batch: the claims named, or every payable claim (up to 1,000) when none are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PaymentBatchRequest {
    #[serde(default)]
    pub claim_ids: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Payment {
    pub id: i64,
    pub claim_id: i64,
    /// What the bank echoes back, `HZP00000012`.
    pub reference: String,
    pub amount: String,
    pub status: PaymentStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payee: Option<String>,
    /// The payee's bank card, masked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_masked: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentBatch {
    pub id: i64,
    pub status: PaymentBatchStatus,
    pub item_count: i32,
    pub total: String,
    pub created_by: i64,
    pub created_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<i64>,
    #[serde(default)]
    pub payments: Vec<Payment>,
}

/// What importing a bank result did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BankResultImport {
    pub batch_id: i64,
    pub paid: i32,
    pub failed: i32,
    /// The same file had been imported before: nothing changed.
    pub repeated: bool,
}

/// A claim paid by hand outside a batch, with the bank's reference.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ClaimPaymentRequest {
    pub bank_reference: String,
}
