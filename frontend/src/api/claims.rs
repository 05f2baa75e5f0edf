//! Claims: a member's own, and the offices' queue; the decisions taken on them; documents.

use std::rc::Rc;

use huzhu_api_types::{
    Claim, ClaimDecision, ClaimDocument, ClaimNotice, ClaimRejection, OwnClaimRequest, Page,
};

use super::{json_of, Api, ApiError, Call, Method};

/// Which claims to list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClaimQuery {
    pub status: Option<String>,
    pub plan_code: Option<String>,
    pub org_unit_id: Option<i64>,
    pub older_than_days: Option<u32>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// A decision on a claim, as the API names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimStep {
    Submit,
    Review,
    Approve,
    Withdraw,
    Appeal,
}

impl ClaimStep {
    fn path(self) -> &'static str {
        match self {
            Self::Submit => "submit",
            Self::Review => "review",
            Self::Approve => "approve",
            Self::Withdraw => "withdraw",
            Self::Appeal => "appeal",
        }
    }
}

/// Own claims live under `/me/claims`, everyone else's under `/claims`.
fn base(own: bool) -> &'static str {
    if own {
        "/me/claims"
    } else {
        "/claims"
    }
}

impl Api {
    pub async fn file_own_claim(&self, claim: &OwnClaimRequest) -> Result<Claim, ApiError> {
        let call = Call::new(Method::Post, "/me/claims").json(claim)?;
        json_of(self.send(&call).await?).await
    }

    pub async fn claims(&self, own: bool, q: &ClaimQuery) -> Result<Page<Claim>, ApiError> {
        let call = Call::new(Method::Get, base(own))
            .query_opt("status", q.status.clone())
            .query_opt("plan_code", q.plan_code.clone())
            .query_opt("org_unit_id", q.org_unit_id)
            .query_opt("older_than_days", q.older_than_days)
            .query_opt("limit", q.limit)
            .query_opt("offset", q.offset);
        json_of(self.send(&call).await?).await
    }

    pub async fn claim(&self, own: bool, id: i64) -> Result<Claim, ApiError> {
        let call = Call::new(Method::Get, format!("{}/{id}", base(own)));
        json_of(self.send(&call).await?).await
    }

    pub async fn claim_step(
        &self,
        own: bool,
        id: i64,
        step: ClaimStep,
        comment: Option<String>,
    ) -> Result<Claim, ApiError> {
        let path = format!("{}/{id}/{}", base(own), step.path());
        let call = if own {
            Call::new(Method::Post, path)
        } else {
            Call::new(Method::Post, path).json(&ClaimDecision { comment })?
        };
        json_of(self.send(&call).await?).await
    }

    pub async fn reject_claim(&self, id: i64, why: &ClaimRejection) -> Result<Claim, ApiError> {
        let call = Call::new(Method::Post, format!("/claims/{id}/reject")).json(why)?;
        json_of(self.send(&call).await?).await
    }

    pub async fn upload_claim_document(
        &self,
        own: bool,
        id: i64,
        kind: &str,
        name: &str,
        bytes: Rc<Vec<u8>>,
    ) -> Result<ClaimDocument, ApiError> {
        let call = Call::new(Method::Post, format!("{}/{id}/documents", base(own)))
            .query_opt("kind", Some(kind))
            .query_opt("name", Some(name))
            .bytes(bytes, "application/octet-stream");
        json_of(self.send(&call).await?).await
    }

    pub async fn claim_document(&self, own: bool, id: i64, doc: i64) -> Result<Vec<u8>, ApiError> {
        self.binary(&Call::new(
            Method::Get,
            format!("{}/{id}/documents/{doc}", base(own)),
        ))
        .await
    }

    pub async fn notices(&self) -> Result<Page<ClaimNotice>, ApiError> {
        let call = Call::new(Method::Get, "/me/notifications").query_opt("limit", Some(20));
        json_of(self.send(&call).await?).await
    }
}
