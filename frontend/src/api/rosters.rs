//! Group enrollment: a union's roster checked (dry run) and committed, and the batch it makes
//! with its one payment.

use std::rc::Rc;

use huzhu_api_types::{BatchPaymentRequest, BatchSummary, EnrollmentBatch, Page, RosterReport};

use super::{json_of, Api, ApiError, Call, Method};

/// Which enrollment batches to list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BatchQuery {
    /// `pending_payment` or `paid`.
    pub status: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// Where a roster goes: the union, the plan, the shares for rows that leave them out, and the
/// union's headcount (for a plan with a participation rate).
#[derive(Clone, Debug, PartialEq)]
pub struct RosterQuery {
    pub org_unit_id: i64,
    pub plan_code: String,
    pub shares: Option<u32>,
    pub headcount: Option<u32>,
}

impl<'a> Call<'a> {
    fn roster(self, query: &RosterQuery, bytes: Rc<Vec<u8>>, content_type: &str) -> Self {
        self.query_opt("org_unit_id", Some(query.org_unit_id))
            .query_opt("plan_code", Some(query.plan_code.clone()))
            .query_opt("shares", query.shares)
            .query_opt("headcount", query.headcount)
            .bytes(bytes, content_type)
    }
}

impl Api {
    /// What the roster would enroll and every problem in it; writes nothing.
    pub async fn check_roster(
        &self,
        query: &RosterQuery,
        bytes: Rc<Vec<u8>>,
        content_type: &str,
    ) -> Result<RosterReport, ApiError> {
        let call = Call::new(Method::Post, "/rosters/dry-run").roster(query, bytes, content_type);
        json_of(self.send(&call).await?).await
    }

    /// Enrolls every row or none (`roster.invalid` with the report in `details`); the same file
    /// again answers with the batch it made the first time.
    pub async fn commit_roster(
        &self,
        query: &RosterQuery,
        bytes: Rc<Vec<u8>>,
        content_type: &str,
    ) -> Result<EnrollmentBatch, ApiError> {
        let call = Call::new(Method::Post, "/rosters").roster(query, bytes, content_type);
        json_of(self.send(&call).await?).await
    }

    /// The batches of the caller's part of the organisation, newest first.
    pub async fn batches(&self, query: &BatchQuery) -> Result<Page<BatchSummary>, ApiError> {
        let call = Call::new(Method::Get, "/enrollment-batches")
            .query_opt("status", query.status.clone())
            .query_opt("limit", query.limit)
            .query_opt("offset", query.offset);
        json_of(self.send(&call).await?).await
    }

    /// The batch's enrollment result as an .xlsx workbook.
    pub async fn batch_workbook(&self, id: i64) -> Result<Vec<u8>, ApiError> {
        self.binary(&Call::new(
            Method::Get,
            format!("/enrollment-batches/{id}/workbook"),
        ))
        .await
    }

    pub async fn batch(&self, id: i64) -> Result<EnrollmentBatch, ApiError> {
        let call = Call::new(Method::Get, format!("/enrollment-batches/{id}"));
        json_of(self.send(&call).await?).await
    }

    /// The union's payment for the whole batch; its policies start.
    pub async fn pay_batch(
        &self,
        id: i64,
        payment: &BatchPaymentRequest,
    ) -> Result<EnrollmentBatch, ApiError> {
        let call =
            Call::new(Method::Post, format!("/enrollment-batches/{id}/payment")).json(payment)?;
        json_of(self.send(&call).await?).await
    }
}

impl ApiError {
    /// The report of a roster the server refused to commit (`roster.invalid`).
    pub fn roster_report(&self) -> Option<RosterReport> {
        if self.error_code() != Some(huzhu_domain::ErrorCode::RosterInvalid) {
            return None;
        }
        serde_json::from_value(self.details.clone()?).ok()
    }
}
