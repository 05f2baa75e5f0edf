//! The plan catalogue: the versions in force, every version, and for administrators drafting,
//! and retiring versions (the council approves them and puts them in force).

use huzhu_api_types::PlanVersion;
use huzhu_domain::plan::PlanTerms;

use super::{json_of, Api, ApiError, Call, Method};

/// A step an administrator takes in a version's life. Approval and putting in force are the
/// council's, by resolution; an administrator retires a version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanStep {
    Retire,
}

impl PlanStep {
    fn path(self) -> &'static str {
        match self {
            Self::Retire => "retire",
        }
    }
}

impl Api {
    /// The plans open for enrollment now.
    pub async fn plans(&self) -> Result<Vec<PlanVersion>, ApiError> {
        json_of(self.send(&Call::new(Method::Get, "/plans")).await?).await
    }

    /// Every version of every plan, drafts and retired ones included.
    pub async fn plan_versions(&self) -> Result<Vec<PlanVersion>, ApiError> {
        json_of(self.send(&Call::new(Method::Get, "/plan-versions")).await?).await
    }

    /// A new draft: the next version of its plan, or the first of a new plan.
    pub async fn draft_plan_version(&self, terms: &PlanTerms) -> Result<PlanVersion, ApiError> {
        let call = Call::new(Method::Post, "/plan-versions").json(terms)?;
        json_of(self.send(&call).await?).await
    }

    /// New terms for a draft.
    pub async fn edit_plan_version(
        &self,
        id: i64,
        terms: &PlanTerms,
    ) -> Result<PlanVersion, ApiError> {
        let call = Call::new(Method::Put, format!("/plan-versions/{id}")).json(terms)?;
        json_of(self.send(&call).await?).await
    }

    pub async fn plan_step(&self, id: i64, step: PlanStep) -> Result<PlanVersion, ApiError> {
        let call = Call::new(Method::Post, format!("/plan-versions/{id}/{}", step.path()));
        json_of(self.send(&call).await?).await
    }
}
