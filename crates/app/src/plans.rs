//! The plan catalogue: what is in force for everyone; drafts, activation and retirement for
//! those who manage plans. A version goes into force only by a council resolution approving it
//! (docs/domain.md §1 and §6).

use crate::actor::Actor;
use crate::error::{or_not_found, AppError, AppResult, Problem};
use crate::records::PlanVersion;
use crate::unit::{Done, Event};
use crate::App;
use huzhu_domain::governance::MotionStatus;
use huzhu_domain::plan::{PlanCode, PlanTerms, PlanVersionState};
use huzhu_domain::ErrorCode;
use huzhu_store::{governance, plans};

/// The terms checked in full, as they are stored; every broken rule is listed in
/// `details.problems`.
fn checked(terms: &PlanTerms) -> AppResult<String> {
    if let Err(problems) = terms.validate() {
        let listed: Vec<Problem> = problems
            .iter()
            .map(|p| Problem {
                field: None,
                code: p.code(),
                message: p.to_string(),
            })
            .collect();
        return Err(AppError::problems(
            ErrorCode::PlanInvalid,
            Some(format!("the plan terms break {} rule(s)", problems.len())),
            &listed,
        ));
    }
    serde_json::to_string(terms).map_err(|e| AppError::corrupt(e.to_string()))
}

/// The version of a plan in force now, with its terms; refused (naming `plan_code`) when the
/// plan has none.
pub(crate) fn in_force(
    c: &mut huzhu_store::DbConn,
    code: &PlanCode,
) -> AppResult<(PlanVersion, PlanTerms)> {
    let version = plans::active_version(c, code.as_str())?.ok_or_else(|| {
        AppError::invalid_field(
            ErrorCode::PlanNotInForce,
            "plan_code",
            format!("no plan {} is in force", code.as_str()),
        )
    })?;
    let terms = crate::plan_terms::terms_of(&version)?;
    Ok((version, terms))
}

fn version_not_found() -> impl Fn(huzhu_store::StoreError) -> AppError {
    or_not_found(ErrorCode::PlanVersionNotFound, "plan version")
}

impl App {
    /// Every version of every plan, drafts and retired ones included.
    pub fn plan_versions(&self) -> AppResult<Vec<PlanVersion>> {
        Ok(self.store.read(plans::all_versions)?)
    }

    /// The catalogue in force: the active version of every plan.
    pub fn plan_catalogue(&self) -> AppResult<Vec<PlanVersion>> {
        let mut all = self.plan_versions()?;
        all.retain(|v| v.state == PlanVersionState::Active);
        Ok(all)
    }

    /// Drafts a new version of a plan (a new plan on its first version).
    pub fn draft_plan_version(&self, actor: &Actor, terms: &PlanTerms) -> AppResult<PlanVersion> {
        let json = checked(terms)?;
        let by = actor.account_id()?;
        let now = self.now();
        self.change(actor, |c| {
            let version = plans::insert_draft(c, terms.code.as_str(), &json, Some(by), now)?;
            let event = Event::of("plan.draft", "plan_version", version.id)
                .fact("code", &version.code)
                .fact("version", version.version);
            Ok(Done::new(version, event))
        })
    }

    /// Replaces the terms of a draft; the plan code cannot change, nor a draft the council
    /// has before it.
    pub fn update_plan_draft(
        &self,
        actor: &Actor,
        id: i64,
        terms: &PlanTerms,
    ) -> AppResult<PlanVersion> {
        let json = checked(terms)?;
        self.change(actor, |c| {
            let current = plans::get_version(c, id).map_err(version_not_found())?;
            if current.code != terms.code.as_str() {
                return Err(AppError::invalid_field(
                    ErrorCode::PlanCodeChanged,
                    "code",
                    format!(
                        "this is a version of {}; draft a new plan for another code",
                        current.code
                    ),
                ));
            }
            if governance::motions_of_plan_version(c, id)?
                .iter()
                .any(|m| m.status == MotionStatus::Open)
            {
                return Err(AppError::conflict(
                    ErrorCode::GovernanceMotionPending,
                    "the council has this version before it; it cannot change while the motion is open",
                ));
            }
            let version = plans::update_draft(c, id, &json)?;
            let event = Event::of("plan.update_draft", "plan_version", version.id)
                .fact("code", &version.code)
                .fact("version", version.version);
            Ok(Done::new(version, event))
        })
    }

    /// Puts a version in force (only by a passed council resolution; the one in force before
    /// it is retired) or retires it.
    pub fn move_plan_version(
        &self,
        actor: &Actor,
        id: i64,
        to: PlanVersionState,
    ) -> AppResult<PlanVersion> {
        let by = actor.account_id()?;
        let now = self.now();
        self.change(actor, |c| {
            let current = plans::get_version(c, id).map_err(version_not_found())?;
            let from = current.state;
            if to == PlanVersionState::Active
                && !governance::motions_of_plan_version(c, id)?
                    .iter()
                    .any(|m| m.status == MotionStatus::Passed)
            {
                return Err(AppError::conflict(
                    ErrorCode::PlanResolutionRequired,
                    "a plan version goes into force only by a council resolution approving it: table a motion at a council meeting",
                ));
            }
            from.transition(to)
                .map_err(|e| AppError::conflict(ErrorCode::PlanStateTransition, e.to_string()))?;
            let replaced = if to == PlanVersionState::Active {
                plans::active_version(c, &current.code)?.filter(|v| v.id != id)
            } else {
                None
            };
            let version = plans::set_state(c, id, from, to, Some(by), now)?;
            let use_case = if to == PlanVersionState::Active {
                "plan.activate"
            } else {
                "plan.retire"
            };
            let event = Event::of(use_case, "plan_version", version.id)
                .fact("code", &version.code)
                .fact("version", version.version)
                .moved(from, version.state);
            let mut done = Done::new(version, event);
            if let Some(old) = replaced {
                done = done.and(
                    Event::of("plan.retire", "plan_version", old.id)
                        .fact("code", &old.code)
                        .fact("version", old.version)
                        .moved(old.state, PlanVersionState::Retired)
                        .fact("replaced_by", id),
                );
            }
            Ok(done)
        })
    }
}
