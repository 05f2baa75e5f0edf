//! Claims (互助金申请): members file against their own cover, branch offices for members in
//! their part of the organisation; reviewers and provincial approvers move them on, three
//! different people, with a second approver above the threshold (docs/domain.md §4). The
//! engine's working is kept with the claim; approval spends the policy's usage in the same
//! transaction.

use crate::actor::{Actor, Reach};
use crate::coverage::cover_of;
use crate::error::{or_not_found, AppError, AppResult, Problem};
use crate::outbox::Notice;
use crate::records::{
    Claim, ClaimEvent, ClaimFilter, DocumentRow, Member, MemberNotice, Paged, Paging, Policy,
};
use crate::unit::{Done, Event};
use crate::App;
use chrono::{DateTime, NaiveDate, Utc};
use huzhu_domain::adjudication::{adjudicate, Adjudication, ClaimFacts, Rejection};
use huzhu_domain::claim_flow::{
    check_actor, next, Actors, ClaimAction, ClaimChannel, ClaimStatus, FlowError, REJECTION_CODES,
};
use huzhu_domain::plan::{china_date, DocumentKind};
use huzhu_domain::{ErrorCode, Money};
use huzhu_store::claims::{self, NewClaim, Role, Step};
use huzhu_store::org_units;
use huzhu_store::{members, policies, usage, DbConn, StoreError};

/// Whose claims a request is about: the member's own (`/me/claims`), or those of the staff
/// member's part of the organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Own,
    Office,
}

/// Whose claims the actor reaches on that side: a member their own, a staff member those of
/// their part of the organisation.
#[derive(Debug, Clone)]
pub(crate) struct Whose(Reach);

impl Whose {
    pub(crate) fn of(actor: &Actor, side: Side) -> AppResult<Self> {
        match side {
            Side::Own => actor.member().map(|_| Self(actor.reach.clone())),
            Side::Office => actor.staff_reach().map(|reach| Self(reach.clone())),
        }
    }

    /// The claim, if the actor reaches it; not found otherwise (someone else's claim is as
    /// unknown as one that does not exist).
    pub(crate) fn claim(&self, c: &mut DbConn, id: i64) -> AppResult<Claim> {
        claims::get_within(c, &self.0, id).map_err(or_not_found(ErrorCode::ClaimNotFound, "claim"))
    }
}

/// A claim with what the API shows of it; `detail` is there when one claim is read.
#[derive(Debug, Clone)]
pub struct ClaimRecord {
    pub claim: Claim,
    pub member: Member,
    pub plan_code: String,
    pub facts: ClaimFacts,
    pub adjudication: Option<Adjudication>,
    pub detail: Option<ClaimDetail>,
}

/// Every step, the documents and what the plan's checklist still misses.
#[derive(Debug, Clone)]
pub struct ClaimDetail {
    pub steps: Vec<ClaimEvent>,
    pub documents: Vec<DocumentRow>,
    pub missing: Vec<DocumentKind>,
}

/// A new claim: on which policy, the facts, and whether it is kept as a draft.
#[derive(Debug, Clone)]
pub struct Filing {
    pub policy_id: i64,
    pub facts: ClaimFacts,
    pub draft: bool,
}

/// A refusal: one of the reason codes and words for the member.
#[derive(Debug, Clone)]
pub struct Refusal {
    pub code: String,
    pub text: String,
}

/// A decision on a claim; `comment` is the decision's remark.
#[derive(Debug, Clone)]
pub struct Decision {
    pub action: ClaimAction,
    pub comment: Option<String>,
    pub refusal: Option<Refusal>,
}

impl Decision {
    /// A decision carrying an optional remark, checked.
    pub fn with_comment(action: ClaimAction, comment: Option<&str>) -> AppResult<Self> {
        Ok(Self {
            action,
            comment: huzhu_domain::field_rules::decision_comment(comment)?,
            refusal: None,
        })
    }

    /// A refusal with a known reason code and an explanation, checked.
    pub fn refusal(code: &str, text: &str) -> AppResult<Self> {
        let known = ErrorCode::parse(code).is_some_and(|c| REJECTION_CODES.contains(&c));
        if !known {
            return Err(AppError::invalid_field(
                ErrorCode::ClaimRejectionCode,
                "code",
                format!(
                    "unknown reason code `{code}`; use one of {}",
                    REJECTION_CODES.map(ErrorCode::as_str).join(", ")
                ),
            ));
        }
        let text = huzhu_domain::field_rules::rejection_text(text)?;
        Ok(Self {
            action: ClaimAction::Reject,
            comment: None,
            refusal: Some(Refusal {
                code: code.to_string(),
                text,
            }),
        })
    }
}

/// What a list of claims is filtered by, as asked.
#[derive(Debug, Clone)]
pub struct ClaimQuery {
    pub status: Option<String>,
    pub plan_code: Option<String>,
    pub member_id: Option<i64>,
    /// Claims of members of this office's part of the organisation (staff only).
    pub org_unit_id: Option<i64>,
    pub older_than_days: Option<u32>,
    pub paging: Paging,
}

/// The facts must add up, and the claim must come within the time limit.
fn checked_facts(facts: &ClaimFacts, today: NaiveDate, limit_days: u32) -> AppResult<()> {
    let problems = facts.problems(today);
    if let Some(first) = problems.first() {
        let listed: Vec<Problem> = problems
            .iter()
            .map(|p| Problem {
                field: Some(p.field()),
                code: p.code(),
                message: p.to_string(),
            })
            .collect();
        return Err(AppError::problems(first.code(), None, &listed));
    }
    let deadline = facts.filing_deadline(limit_days);
    if today > deadline {
        return Err(AppError::invalid(
            ErrorCode::ClaimLate,
            format!(
                "claims must be filed within {limit_days} days of {}; the limit passed on {deadline}",
                facts.last_day()
            ),
        ));
    }
    Ok(())
}

fn to_json<T: serde::Serialize>(v: &T) -> AppResult<String> {
    serde_json::to_string(v).map_err(|e| AppError::corrupt(e.to_string()))
}

/// What the member is told when their claim moves.
pub fn changed(claim: &Claim) -> Notice {
    Notice::ClaimChanged {
        member_id: claim.member_id,
        claim_id: claim.id,
        status: claim.status,
    }
}

fn flow_error(e: FlowError) -> AppError {
    if e.is_about_the_person() {
        AppError::forbidden(e.code(), e.to_string())
    } else {
        AppError::conflict(e.code(), e.to_string())
    }
}

/// The use case's name in the audit trail.
fn use_case(action: ClaimAction) -> &'static str {
    match action {
        ClaimAction::Submit => "claim.submit",
        ClaimAction::Review => "claim.review",
        ClaimAction::Approve => "claim.approve",
        ClaimAction::Reject => "claim.reject",
        ClaimAction::Withdraw => "claim.withdraw",
        ClaimAction::Appeal => "claim.appeal",
    }
}

impl App {
    /// What the engine says of `facts` under `policy` now, from the policy's current usage.
    fn estimate(
        &self,
        c: &mut DbConn,
        policy: &Policy,
        facts: &ClaimFacts,
    ) -> AppResult<Adjudication> {
        let terms = self.plan_terms.get(c, policy.plan_version_id)?;
        let used = usage::of_policy(c, policy.id)?;
        Ok(match cover_of(policy, &terms) {
            Some(cover) => adjudicate(&terms, &cover, facts, &used.usage),
            None => Adjudication::rejected(&used.usage, Rejection::NotPaid),
        })
    }

    /// A claim as the API shows it; with `detail`, its steps, documents and what the plan's
    /// checklist still misses.
    pub(crate) fn claim_record(
        &self,
        c: &mut DbConn,
        claim: Claim,
        plan_code: Option<String>,
        detail: bool,
    ) -> AppResult<ClaimRecord> {
        let member = members::get(c, claim.member_id)?;
        let facts: ClaimFacts = serde_json::from_str(&claim.facts)
            .map_err(|e| AppError::corrupt(format!("claim {} facts unreadable: {e}", claim.id)))?;
        let adjudication = claim
            .adjudication
            .as_deref()
            .map(serde_json::from_str::<Adjudication>)
            .transpose()
            .map_err(|e| {
                AppError::corrupt(format!("claim {} working unreadable: {e}", claim.id))
            })?;
        let (plan_code, detail) = match (plan_code, detail) {
            (Some(code), false) => (code, None),
            (code, _) => {
                let policy = policies::get(c, claim.policy_id)?;
                let detail = if detail {
                    let terms = self.plan_terms.get(c, policy.plan_version_id)?;
                    let documents = claims::documents(c, claim.id)?;
                    let missing = terms
                        .documents
                        .iter()
                        .filter(|k| !documents.iter().any(|d| d.kind == **k))
                        .copied()
                        .collect();
                    Some(ClaimDetail {
                        steps: claims::events(c, claim.id)?,
                        documents,
                        missing,
                    })
                } else {
                    None
                };
                (code.unwrap_or(policy.plan_code), detail)
            }
        };
        Ok(ClaimRecord {
            claim,
            member,
            plan_code,
            facts,
            adjudication,
            detail,
        })
    }

    fn file(
        &self,
        c: &mut DbConn,
        member: &Member,
        f: Filing,
        channel: ClaimChannel,
        by: i64,
        now: DateTime<Utc>,
    ) -> AppResult<Done<ClaimRecord>> {
        let policy = match policies::get(c, f.policy_id) {
            Ok(p) if p.member_id == member.id => p,
            Ok(_) | Err(StoreError::NotFound) => {
                return Err(AppError::not_found(ErrorCode::PolicyNotFound, "policy"))
            }
            Err(e) => return Err(e.into()),
        };
        let terms = self.plan_terms.get(c, policy.plan_version_id)?;
        if let Some(p) = f.facts.problems_under(&terms).first() {
            return Err(AppError::invalid_field(p.code(), p.field(), p.to_string()));
        }
        let invoices = f.facts.invoice_numbers();
        let claimed = claims::claimed_invoices(c, &invoices)?;
        if !claimed.is_empty() {
            return Err(AppError::conflict(
                ErrorCode::ClaimDuplicateInvoice,
                format!("invoice(s) {} have been claimed before", claimed.join(", ")),
            ));
        }
        let estimate = self.estimate(c, &policy, &f.facts)?;
        let facts_json = to_json(&f.facts)?;
        let working = to_json(&estimate)?;
        let claim = claims::insert(
            c,
            NewClaim {
                member_id: member.id,
                policy_id: policy.id,
                org_unit_id: member.org_unit_id,
                kind: f.facts.kind(),
                facts: &facts_json,
                event_date: f.facts.event_date(),
                status: if f.draft {
                    ClaimStatus::Draft
                } else {
                    ClaimStatus::Submitted
                },
                channel,
                settlement_number: None,
                filed_by: Some(by),
                invoice_numbers: &invoices,
                adjudication: Some(&working),
            },
            now,
        )?;
        let event = Event::of("claim.file", "claim", claim.id)
            .fact("member", claim.member_id)
            .fact("policy", claim.policy_id)
            .fact("kind", claim.kind)
            .fact("channel", claim.channel)
            .fact("status", claim.status)
            .fact("estimate", estimate.total.to_string());
        let notice = changed(&claim);
        let record = self.claim_record(c, claim, Some(policy.plan_code), true)?;
        Ok(Done::new(record, event).notify(notice))
    }

    /// A member files a claim against their own cover; the answer carries the engine's
    /// estimate.
    pub fn file_own_claim(&self, actor: &Actor, filing: Filing) -> AppResult<ClaimRecord> {
        let member_id = actor.member()?;
        let by = actor.account_id()?;
        let now = self.now();
        checked_facts(
            &filing.facts,
            china_date(now),
            self.config.claims.time_limit_days,
        )?;
        self.change(actor, |c| {
            let member = members::get_within(c, &actor.reach, member_id)?;
            self.file(c, &member, filing, ClaimChannel::Member, by, now)
        })
    }

    /// An office files a claim for a member of its part of the organisation.
    pub fn file_claim_for_member(
        &self,
        actor: &Actor,
        member_id: i64,
        filing: Filing,
    ) -> AppResult<ClaimRecord> {
        let reach = actor.staff_reach()?;
        let by = actor.account_id()?;
        let now = self.now();
        checked_facts(
            &filing.facts,
            china_date(now),
            self.config.claims.time_limit_days,
        )?;
        self.change(actor, |c| {
            let member = members::get_within(c, reach, member_id)
                .map_err(or_not_found(ErrorCode::MemberNotFound, "member"))?;
            self.file(c, &member, filing, ClaimChannel::Staff, by, now)
        })
    }

    /// Takes a decision on a claim the actor reaches. A decision the rules refuse is recorded
    /// in the trail too: who tried what, and why it failed.
    pub fn decide_claim(
        &self,
        actor: &Actor,
        side: Side,
        id: i64,
        decision: Decision,
    ) -> AppResult<ClaimRecord> {
        let whose = Whose::of(actor, side)?;
        let by = actor.account_id()?;
        let action = decision.action;
        let now = self.now();
        let decided = self.change(actor, |c| {
            let claim = whose.claim(c, id)?;
            self.act(c, claim, by, decision, now)
        });
        if let Err(e @ (AppError::Forbidden { .. } | AppError::Conflict { .. })) = &decided {
            self.refused(
                actor,
                Event::of(use_case(action), "claim", id),
                e.code(),
                &e.to_string(),
            );
        }
        decided
    }

    fn act(
        &self,
        c: &mut DbConn,
        claim: Claim,
        by: i64,
        d: Decision,
        now: DateTime<Utc>,
    ) -> AppResult<Done<ClaimRecord>> {
        let status = claim.status;
        let actors = Actors {
            submitted_by: claim.filed_by,
            reviewed_by: claim.reviewed_by,
            first_approved_by: claim.first_approved_by,
        };
        check_actor(d.action, by, &actors).map_err(flow_error)?;
        let policy = policies::get(c, claim.policy_id)?;
        let facts: ClaimFacts = serde_json::from_str(&claim.facts)
            .map_err(|e| AppError::corrupt(format!("claim {} facts unreadable: {e}", claim.id)))?;
        let fresh = self.estimate(c, &policy, &facts)?;
        let to = next(
            status,
            d.action,
            claim.appealed,
            fresh.total,
            self.config.claims.second_approval_above,
        )
        .map_err(flow_error)?;
        let moved = if to == ClaimStatus::Approved {
            let terms = self.plan_terms.get(c, policy.plan_version_id)?;
            let cover = cover_of(&policy, &terms).ok_or_else(|| {
                AppError::conflict(
                    ErrorCode::ClaimNotEnrolled,
                    "the policy gives no cover: it is not paid",
                )
            })?;
            claims::approve(
                c,
                claim.id,
                status,
                Some(by),
                d.comment.as_deref(),
                now,
                |used| adjudicate(&terms, &cover, &facts, used),
            )?
            .is_some()
        } else {
            let working = to_json(&fresh)?;
            let rejection = d
                .refusal
                .as_ref()
                .map(|r| (r.code.as_str(), r.text.as_str()));
            claims::move_to(
                c,
                claim.id,
                Step {
                    from: status,
                    to,
                    by: Some(by),
                    comment: d.comment.as_deref(),
                    role: match (d.action, to) {
                        (ClaimAction::Submit | ClaimAction::Appeal, _) => Some(Role::Submitter),
                        (ClaimAction::Review, _) => Some(Role::Reviewer),
                        (ClaimAction::Approve, ClaimStatus::FirstApproved) => {
                            Some(Role::FirstApprover)
                        }
                        _ => None,
                    },
                    rejection,
                    appeal: d.action == ClaimAction::Appeal,
                    adjudication: matches!(
                        to,
                        ClaimStatus::Submitted
                            | ClaimStatus::BranchReviewed
                            | ClaimStatus::FirstApproved
                    )
                    .then_some(working.as_str()),
                },
                now,
            )?
        };
        if !moved {
            return Err(AppError::conflict(
                ErrorCode::ClaimMoved,
                "someone else acted on this claim meanwhile; reload it",
            ));
        }
        let after = claims::get(c, claim.id)?;
        let mut event =
            Event::of(use_case(d.action), "claim", claim.id).moved(claim.status, after.status);
        if let Some(fen) = after
            .approved_fen
            .filter(|_| after.status == ClaimStatus::Approved)
        {
            event = event.fact("amount", Money::from_fen(fen).to_string());
        }
        if let Some(r) = &d.refusal {
            event = event.fact("reason_code", &r.code);
        }
        if let Some(comment) = &d.comment {
            event = event.fact("comment", comment);
        }
        let notice = changed(&after);
        let record = self.claim_record(c, after, Some(policy.plan_code), true)?;
        Ok(Done::new(record, event).notify(notice))
    }

    /// One claim the actor reaches, with its working and every step.
    pub fn claim(&self, actor: &Actor, side: Side, id: i64) -> AppResult<ClaimRecord> {
        let whose = Whose::of(actor, side)?;
        self.store.read(|c| {
            let claim = whose.claim(c, id)?;
            self.claim_record(c, claim, None, true)
        })
    }

    /// The claims the actor reaches on `side`, newest first: a member's own, or an office's
    /// review queue.
    pub fn claims(
        &self,
        actor: &Actor,
        side: Side,
        q: ClaimQuery,
    ) -> AppResult<Paged<ClaimRecord>> {
        let whose = Whose::of(actor, side)?;
        let mut filter = self.filter_of(&q)?;
        self.store.read(|c| {
            if let Some(unit) = q.org_unit_id {
                if whose.0.member().is_some() {
                    return Err(AppError::invalid_field(
                        ErrorCode::ClaimOfficeFilter,
                        "org_unit_id",
                        "your own claims are not filtered by office",
                    ));
                }
                let office = org_units::get_within(c, &whose.0, unit).map_err(|_| {
                    AppError::invalid_field(
                        ErrorCode::OrgUnitNotFound,
                        "org_unit_id",
                        "no such office in your part of the organisation",
                    )
                })?;
                filter.office_path = Some(office.path);
            }
            let (rows, total) = claims::list(c, &whose.0, &filter, q.paging)?;
            let items = rows
                .into_iter()
                .map(|(claim, plan)| self.claim_record(c, claim, Some(plan), false))
                .collect::<AppResult<Vec<_>>>()?;
            Ok(Paged {
                items,
                total,
                paging: q.paging,
            })
        })
    }

    fn filter_of(&self, q: &ClaimQuery) -> AppResult<ClaimFilter> {
        let status = match q.status.as_deref() {
            None => None,
            Some(s) => Some(ClaimStatus::parse(s).ok_or_else(|| {
                AppError::invalid_field(
                    ErrorCode::ClaimUnknownStatus,
                    "status",
                    format!("unknown claim status `{s}`"),
                )
            })?),
        };
        let plan_code = crate::coverage::optional_plan_code(q.plan_code.as_deref())?;
        if q.older_than_days.is_some_and(|d| d > 36_500) {
            return Err(AppError::invalid_field(
                ErrorCode::ClaimOlderThanDays,
                "older_than_days",
                "give at most 36,500 days (a hundred years)",
            ));
        }
        let now = self.now();
        Ok(ClaimFilter {
            status,
            plan_code,
            member_id: q.member_id,
            office_path: None,
            filed_before: q
                .older_than_days
                .map(|d| now - chrono::Duration::days(i64::from(d))),
        })
    }

    /// What happened to the member's claims, newest first: every status change with its
    /// remark.
    pub fn my_claim_notices(
        &self,
        actor: &Actor,
        paging: Paging,
    ) -> AppResult<Paged<MemberNotice>> {
        let member_id = actor.member()?;
        let (items, total) = self
            .store
            .read(|c| claims::notices_of_member(c, member_id, paging))?;
        Ok(Paged {
            items,
            total,
            paging,
        })
    }
}
