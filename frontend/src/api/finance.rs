//! Finance: funds and their indicators, the trial balance, the journal, payment batches and the
//! bank's files, periods and the earning job, the report workbook.

use std::rc::Rc;

use chrono::NaiveDate;
use huzhu_api_types::{
    BankResultImport, EarningRequest, EarningRun, Expense, ExpenseRequest, FundStatement,
    FundSummary, JournalEntry, Page, PayableClaim, PaymentBatch, PaymentBatchRequest, Period,
    TrialBalance,
};

use super::{json_of, Api, ApiError, Call, Method};

impl Api {
    pub async fn funds(&self) -> Result<Vec<FundSummary>, ApiError> {
        json_of(self.send(&Call::new(Method::Get, "/finance/funds")).await?).await
    }

    pub async fn fund_statement(
        &self,
        fund: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<FundStatement, ApiError> {
        let call = Call::new(Method::Get, format!("/finance/funds/{fund}/statement"))
            .query_opt("from", Some(from))
            .query_opt("to", Some(to));
        json_of(self.send(&call).await?).await
    }

    pub async fn expenses(&self) -> Result<Vec<Expense>, ApiError> {
        json_of(
            self.send(&Call::new(Method::Get, "/finance/expenses"))
                .await?,
        )
        .await
    }

    pub async fn enter_expense(&self, request: &ExpenseRequest) -> Result<Expense, ApiError> {
        let call = Call::new(Method::Post, "/finance/expenses").json(request)?;
        json_of(self.send(&call).await?).await
    }

    pub async fn approve_expense(&self, id: i64) -> Result<Expense, ApiError> {
        let call = Call::new(Method::Post, format!("/finance/expenses/{id}/approve"));
        json_of(self.send(&call).await?).await
    }

    pub async fn trial_balance(&self) -> Result<TrialBalance, ApiError> {
        json_of(
            self.send(&Call::new(Method::Get, "/finance/trial-balance"))
                .await?,
        )
        .await
    }

    /// The latest 50 entries; only those caused by `reference` (e.g. `claim:12`) when given.
    pub async fn journal(&self, reference: Option<String>) -> Result<Page<JournalEntry>, ApiError> {
        let call = Call::new(Method::Get, "/finance/entries")
            .query_opt("reference", reference)
            .query_opt("limit", Some(50));
        json_of(self.send(&call).await?).await
    }

    pub async fn payable_claims(&self) -> Result<Vec<PayableClaim>, ApiError> {
        json_of(
            self.send(&Call::new(Method::Get, "/finance/payable-claims"))
                .await?,
        )
        .await
    }

    pub async fn payment_batches(&self) -> Result<Vec<PaymentBatch>, ApiError> {
        json_of(
            self.send(&Call::new(Method::Get, "/finance/payment-batches"))
                .await?,
        )
        .await
    }

    pub async fn payment_batch(&self, id: i64) -> Result<PaymentBatch, ApiError> {
        let call = Call::new(Method::Get, format!("/finance/payment-batches/{id}"));
        json_of(self.send(&call).await?).await
    }

    /// A batch of every payable claim.
    pub async fn create_payment_batch(&self) -> Result<PaymentBatch, ApiError> {
        let call = Call::new(Method::Post, "/finance/payment-batches")
            .json(&PaymentBatchRequest::default())?;
        json_of(self.send(&call).await?).await
    }

    pub async fn approve_payment_batch(&self, id: i64) -> Result<PaymentBatch, ApiError> {
        let call = Call::new(
            Method::Post,
            format!("/finance/payment-batches/{id}/approve"),
        );
        json_of(self.send(&call).await?).await
    }

    pub async fn bank_file(&self, id: i64) -> Result<Vec<u8>, ApiError> {
        self.binary(&Call::new(
            Method::Get,
            format!("/finance/payment-batches/{id}/bank-file"),
        ))
        .await
    }

    pub async fn import_bank_result(
        &self,
        id: i64,
        bytes: Rc<Vec<u8>>,
    ) -> Result<BankResultImport, ApiError> {
        let call = Call::new(
            Method::Post,
            format!("/finance/payment-batches/{id}/bank-result"),
        )
        .bytes(bytes, "text/csv");
        json_of(self.send(&call).await?).await
    }

    pub async fn closed_periods(&self) -> Result<Vec<Period>, ApiError> {
        json_of(
            self.send(&Call::new(Method::Get, "/finance/periods"))
                .await?,
        )
        .await
    }

    pub async fn close_period(&self, period: &str) -> Result<Vec<Period>, ApiError> {
        let call = Call::new(Method::Post, format!("/finance/periods/{period}/close"));
        json_of(self.send(&call).await?).await
    }

    pub async fn earn(&self, through: NaiveDate) -> Result<EarningRun, ApiError> {
        let call =
            Call::new(Method::Post, "/finance/earnings").json(&EarningRequest { through })?;
        json_of(self.send(&call).await?).await
    }

    pub async fn finance_report(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<u8>, ApiError> {
        let call = Call::new(Method::Get, "/finance/report.xlsx")
            .query_opt("from", Some(from))
            .query_opt("to", Some(to));
        self.binary(&call).await
    }
}
