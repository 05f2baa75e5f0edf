//! Governance: the bodies' terms and seats, meetings, motions and ballots, budgets, elections,
//! the supervisory board's inspections, and the audit trail.

use huzhu_api_types::{
    Articles, AttendanceRequest, AuditPage, AuditVerification, Budget, Inspection,
    InspectionRequest, InspectionText, Meeting, MeetingClose, MeetingRequest, MeetingSummary,
    Motion, MotionRequest, Term, VoteRequest,
};

use super::{json_of, Api, ApiError, Call, Method};

impl Api {
    pub async fn governance_terms(&self) -> Result<Vec<Term>, ApiError> {
        json_of(
            self.send(&Call::new(Method::Get, "/governance/terms"))
                .await?,
        )
        .await
    }

    pub async fn meetings(&self) -> Result<Vec<MeetingSummary>, ApiError> {
        json_of(
            self.send(&Call::new(Method::Get, "/governance/meetings"))
                .await?,
        )
        .await
    }

    pub async fn meeting(&self, id: i64) -> Result<Meeting, ApiError> {
        let call = Call::new(Method::Get, format!("/governance/meetings/{id}"));
        json_of(self.send(&call).await?).await
    }

    pub async fn convene(&self, request: &MeetingRequest) -> Result<Meeting, ApiError> {
        let call = Call::new(Method::Post, "/governance/meetings").json(request)?;
        json_of(self.send(&call).await?).await
    }

    pub async fn record_attendance(
        &self,
        meeting: i64,
        seats: Vec<i64>,
    ) -> Result<Meeting, ApiError> {
        let call = Call::new(
            Method::Post,
            format!("/governance/meetings/{meeting}/attendance"),
        )
        .json(&AttendanceRequest { seat_ids: seats })?;
        json_of(self.send(&call).await?).await
    }

    pub async fn table_motion(
        &self,
        meeting: i64,
        request: &MotionRequest,
    ) -> Result<Motion, ApiError> {
        let call = Call::new(
            Method::Post,
            format!("/governance/meetings/{meeting}/motions"),
        )
        .json(request)?;
        json_of(self.send(&call).await?).await
    }

    pub async fn vote(
        &self,
        motion: i64,
        choice: huzhu_domain::governance::Choice,
    ) -> Result<Motion, ApiError> {
        let call = Call::new(Method::Post, format!("/governance/motions/{motion}/votes"))
            .json(&VoteRequest { choice })?;
        json_of(self.send(&call).await?).await
    }

    pub async fn close_vote(&self, motion: i64) -> Result<Motion, ApiError> {
        let call = Call::new(Method::Post, format!("/governance/motions/{motion}/close"));
        json_of(self.send(&call).await?).await
    }

    pub async fn close_meeting(&self, meeting: i64, minutes: String) -> Result<Meeting, ApiError> {
        let call = Call::new(
            Method::Post,
            format!("/governance/meetings/{meeting}/close"),
        )
        .json(&MeetingClose { minutes })?;
        json_of(self.send(&call).await?).await
    }

    pub async fn elections(&self) -> Result<Vec<Motion>, ApiError> {
        json_of(
            self.send(&Call::new(Method::Get, "/governance/elections"))
                .await?,
        )
        .await
    }

    pub async fn articles(&self) -> Result<Vec<Articles>, ApiError> {
        json_of(
            self.send(&Call::new(Method::Get, "/governance/articles"))
                .await?,
        )
        .await
    }

    pub async fn budgets(&self) -> Result<Vec<Budget>, ApiError> {
        json_of(
            self.send(&Call::new(Method::Get, "/governance/budgets"))
                .await?,
        )
        .await
    }

    pub async fn inspections(&self) -> Result<Vec<Inspection>, ApiError> {
        json_of(self.send(&Call::new(Method::Get, "/inspections")).await?).await
    }

    pub async fn open_inspection(
        &self,
        request: &InspectionRequest,
    ) -> Result<Inspection, ApiError> {
        let call = Call::new(Method::Post, "/inspections").json(request)?;
        json_of(self.send(&call).await?).await
    }

    /// The council's response (`close` false) or the board's conclusion (`close` true).
    pub async fn inspection_step(
        &self,
        id: i64,
        close: bool,
        text: String,
    ) -> Result<Inspection, ApiError> {
        let step = if close { "close" } else { "responses" };
        let call = Call::new(Method::Post, format!("/inspections/{id}/{step}"))
            .json(&InspectionText { text })?;
        json_of(self.send(&call).await?).await
    }

    /// Entries before `before` (the newest when `None`), newest first.
    pub async fn audit(&self, before: Option<i64>) -> Result<AuditPage, ApiError> {
        let call = Call::new(Method::Get, "/audit")
            .query_opt("before", before)
            .query_opt("limit", Some(50));
        json_of(self.send(&call).await?).await
    }

    pub async fn audit_verify(&self) -> Result<AuditVerification, ApiError> {
        json_of(self.send(&Call::new(Method::Get, "/audit/verify")).await?).await
    }

    /// A signed checkpoint of the trail's head, as the file the board keeps.
    pub async fn audit_checkpoint(&self) -> Result<Vec<u8>, ApiError> {
        self.binary(&Call::new(Method::Post, "/audit/checkpoint"))
            .await
    }
}
