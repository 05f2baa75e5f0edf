//! Calls about members and cover: the register, unmasking with a purpose and coverage
//! enquiries.

use chrono::NaiveDate;
use huzhu_api_types::{
    Coverage, IndividualEnrollment, Member, MemberChanges, NewMember, Page, PolicyCoverage,
    SensitiveAccess, UnmaskRequest, Unmasked,
};

use super::{json_of, Api, ApiError, Call, Method};

/// Query of `GET /members`: an exact ID number or part of a name, one page at a time.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MemberQuery {
    pub id_number: Option<String>,
    pub name: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

impl Api {
    /// The signed-in member's own cover on `date` (today, China Standard Time, by default).
    /// Applies for a plan open to individual enrollment; the policy waits for payment.
    pub async fn enroll_myself(
        &self,
        request: &IndividualEnrollment,
    ) -> Result<PolicyCoverage, ApiError> {
        let call = Call::new(Method::Post, "/me/enrollments").json(request)?;
        json_of(self.send(&call).await?).await
    }

    pub async fn my_coverage(&self, date: Option<NaiveDate>) -> Result<Coverage, ApiError> {
        let call = Call::new(Method::Get, "/me/coverage").query_opt("date", date);
        json_of(self.send(&call).await?).await
    }

    pub async fn members(&self, query: &MemberQuery) -> Result<Page<Member>, ApiError> {
        let call = Call::new(Method::Get, "/members")
            .query_opt("id_number", query.id_number.clone())
            .query_opt("name", query.name.clone())
            .query_opt("limit", query.limit)
            .query_opt("offset", query.offset);
        json_of(self.send(&call).await?).await
    }

    pub async fn member(&self, id: i64) -> Result<Member, ApiError> {
        json_of(
            self.send(&Call::new(Method::Get, format!("/members/{id}")))
                .await?,
        )
        .await
    }

    pub async fn create_member(&self, member: &NewMember) -> Result<Member, ApiError> {
        let call = Call::new(Method::Post, "/members").json(member)?;
        json_of(self.send(&call).await?).await
    }

    pub async fn update_member(
        &self,
        id: i64,
        changes: &MemberChanges,
    ) -> Result<Member, ApiError> {
        let call = Call::new(Method::Patch, format!("/members/{id}")).json(changes)?;
        json_of(self.send(&call).await?).await
    }

    /// The requested fields in full; the server records who asked and why.
    pub async fn unmask_member(
        &self,
        id: i64,
        request: &UnmaskRequest,
    ) -> Result<Unmasked, ApiError> {
        let call = Call::new(Method::Post, format!("/members/{id}/unmask")).json(request)?;
        json_of(self.send(&call).await?).await
    }

    /// Who has seen the member's sensitive details in full, oldest first.
    pub async fn member_access_log(&self, id: i64) -> Result<Vec<SensitiveAccess>, ApiError> {
        let call = Call::new(Method::Get, format!("/members/{id}/access-log"));
        json_of(self.send(&call).await?).await
    }

    pub async fn member_coverage(
        &self,
        id: i64,
        date: Option<NaiveDate>,
    ) -> Result<Coverage, ApiError> {
        let call =
            Call::new(Method::Get, format!("/members/{id}/coverage")).query_opt("date", date);
        json_of(self.send(&call).await?).await
    }
}
