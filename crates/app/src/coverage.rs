//! Coverage enquiry (保障查询): a member's policies and how each stands on a day, asked by
//! members about themselves, by staff about members of their subtree, and by integrators
//! (hospitals' settlement systems, government portals) about anyone (docs/domain.md §3).

use crate::actor::{Actor, ActorId};
use crate::error::{or_not_found, AppError, AppResult};
use crate::plan_terms::PlanTermsCache;
use crate::records::{Member, Policy};
use crate::App;
use chrono::NaiveDate;
use huzhu_domain::accumulator::{limits, AccumulatorKind, Quantity};
use huzhu_domain::coverage::{
    cover_on, CoverStatus, EventKind, NotCoveredReason, PolicyCover, PolicyState, PolicyStatus,
};
use huzhu_domain::plan::{CoverPeriod, PlanCode, PlanTerms};
use huzhu_domain::ErrorCode;
use huzhu_store::access_log::Access;
use huzhu_store::{members, policies, usage, DbConn, StoreError};
use std::sync::Arc;

/// A connection for reads, lent by [`App::read`] or [`App::try_point_read`]; only use cases
/// can use it.
pub struct Reader<'a> {
    pub(crate) c: &'a mut DbConn,
    /// `Some` when the connection is lent on a thread that must not wait (an async worker):
    /// a read of personal data the access log has no room for now is kept here, for the
    /// caller to queue where it may wait.
    pub(crate) unqueued: Option<Vec<Access>>,
}

/// Reads of personal data a point read could not queue without waiting (the access log's
/// queue was full): the caller queues them with [`App::queue_waiting`] off the async worker,
/// before it answers, so the back-pressure holds without stalling the worker.
#[derive(Debug, Default)]
pub struct Unqueued(Vec<Access>);

impl Unqueued {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl App {
    /// Runs read use cases on a connection from the pool (a blocking call).
    pub fn read<T>(&self, f: impl FnOnce(&App, &mut Reader<'_>) -> AppResult<T>) -> AppResult<T> {
        self.store
            .read(|c| f(self, &mut Reader { c, unqueued: None }))
    }

    /// Queues what a point read could not (a blocking call: it waits for room in the queue).
    pub fn queue_waiting(&self, unqueued: Unqueued) {
        for access in unqueued.0 {
            self.access.record(access);
        }
    }

    /// Runs a point read (a handful of indexed lookups) on the calling thread when a
    /// point-read connection is free now, which never waits (SQLite in WAL mode); `None`
    /// otherwise (every one busy, or PostgreSQL), and the caller runs it with [`App::read`].
    /// It never waits for the access log either: what it could not queue comes back with the
    /// answer.
    pub fn try_point_read<T>(
        &self,
        f: &impl Fn(&App, &mut Reader<'_>) -> AppResult<T>,
    ) -> Option<(AppResult<T>, Unqueued)> {
        let mut conn = self.store.point_reader()?;
        let mut reader = Reader {
            c: &mut conn,
            unqueued: Some(Vec::new()),
        };
        let done = f(self, &mut reader);
        Some((done, Unqueued(reader.unqueued.unwrap_or_default())))
    }
}

/// The facts of a stored policy that decide cover; `None` while it waits for payment.
pub fn cover_of(p: &Policy, terms: &PlanTerms) -> Option<PolicyCover> {
    let (status, start, end) = match (p.status, p.start_date, p.end_date, p.terminated_from) {
        (PolicyState::Active, Some(start), Some(end), _) => (PolicyStatus::Active, start, end),
        (PolicyState::Terminated, Some(start), Some(end), Some(from)) => {
            (PolicyStatus::Terminated { from }, start, end)
        }
        _ => return None,
    };
    Some(PolicyCover {
        plan_code: terms.code.clone(),
        period: CoverPeriod { start, end },
        shares: u32::try_from(p.shares).unwrap_or(0),
        waiting_period_end: p.waiting_period_end.unwrap_or(start),
        status,
    })
}

/// What is left of one of a policy's limits.
#[derive(Debug, Clone, PartialEq)]
pub struct Left {
    pub kind: AccumulatorKind,
    pub limit: Quantity,
    pub used: Quantity,
    pub remaining: Quantity,
}

/// A policy and how it stands on the day asked about.
#[derive(Debug, Clone)]
pub struct PolicyStanding {
    pub policy: Policy,
    pub terms: Arc<PlanTerms>,
    pub on_date: CoverStatus,
    pub left: Vec<Left>,
}

/// The answer to an enquiry: the member, if found and reachable, and each of their policies.
#[derive(Debug, Clone)]
pub struct Standing {
    pub member: Option<Member>,
    pub date: NaiveDate,
    pub policies: Vec<PolicyStanding>,
}

/// Every policy of `member` (optionally of one plan) and its state on `date`.
pub fn policies_of(
    c: &mut DbConn,
    plan_terms: &PlanTermsCache,
    member: &Member,
    date: NaiveDate,
    kind: EventKind,
    plan_code: Option<&str>,
) -> AppResult<Vec<PolicyStanding>> {
    let held = policies::of_member(c, member.id)?;
    let spent = usage::of_member(c, member.id)?;
    let mut out = Vec::new();
    for p in held {
        if plan_code.is_some_and(|code| code != p.plan_code) {
            continue;
        }
        let terms = plan_terms.get(c, p.plan_version_id)?;
        let shares = u32::try_from(p.shares).unwrap_or(0);
        let on_date = match cover_of(&p, &terms) {
            None => CoverStatus::NotCovered {
                reason: NotCoveredReason::NotPaid,
            },
            Some(cover) => cover_on(&cover, date, kind),
        };
        let used = spent.get(&p.id);
        let left = limits(&terms, shares)
            .into_iter()
            .map(|(kind, limit)| {
                // Nothing paid out against the policy yet: what is left is the limit.
                let used = used.map_or(limit.none_like(), |u| u.used(kind));
                Left {
                    kind,
                    limit,
                    used,
                    remaining: limit.less(used),
                }
            })
            .collect();
        out.push(PolicyStanding {
            policy: p,
            terms,
            on_date,
            left,
        });
    }
    Ok(out)
}

/// An eligibility enquiry: a person, by the keyed hash of their ID number, and an event.
#[derive(Debug, Clone)]
pub struct Enquiry {
    pub id_number_hash: String,
    pub date: NaiveDate,
    pub kind: EventKind,
    pub plan_code: Option<String>,
}

/// A plan code given as an optional filter: `None` when absent or blank, refused when
/// malformed.
pub fn optional_plan_code(raw: Option<&str>) -> AppResult<Option<String>> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(raw) => PlanCode::parse(raw)
            .map(|c| Some(c.as_str().to_string()))
            .map_err(|e| AppError::invalid_field(ErrorCode::PlanCode, "plan_code", e.to_string())),
    }
}

impl App {
    /// The actor's own cover (a member) on `date`, for illness.
    pub fn my_coverage(
        &self,
        r: &mut Reader<'_>,
        actor: &Actor,
        date: NaiveDate,
    ) -> AppResult<Standing> {
        let member_id = actor.member()?;
        let member = members::get_within(r.c, &actor.reach, member_id)?;
        let policies = policies_of(
            r.c,
            &self.plan_terms,
            &member,
            date,
            EventKind::Illness,
            None,
        )?;
        Ok(Standing {
            member: Some(member),
            date,
            policies,
        })
    }

    /// The cover of a member of the actor's subtree; the read goes to the access log.
    pub fn member_coverage(
        &self,
        r: &mut Reader<'_>,
        actor: &Actor,
        member_id: i64,
        date: NaiveDate,
    ) -> AppResult<Standing> {
        let reach = actor.staff_reach()?;
        let member = members::get_within(r.c, reach, member_id)
            .map_err(or_not_found(ErrorCode::MemberNotFound, "member"))?;
        let policies = policies_of(
            r.c,
            &self.plan_terms,
            &member,
            date,
            EventKind::Illness,
            None,
        )?;
        self.accessed_from(
            r,
            actor,
            "coverage.read",
            Some(member_id),
            format!("on {date}"),
        );
        Ok(Standing {
            member: Some(member),
            date,
            policies,
        })
    }

    /// Is this person covered for an event on this day? Integrators may ask about anyone,
    /// staff about members of their subtree; a person who is not a member (or not one the
    /// actor reaches) is not found. Every enquiry goes to the access log.
    pub fn eligibility(
        &self,
        r: &mut Reader<'_>,
        actor: &Actor,
        q: &Enquiry,
    ) -> AppResult<Standing> {
        // An integrator's client holds no reach of its own: its scope is the right to ask.
        let staff_reach = match actor.id {
            ActorId::Staff(_) => Some(actor.staff_reach()?),
            ActorId::Client(_) | ActorId::Operator => None,
            ActorId::Member(_) | ActorId::Anonymous => return Err(AppError::not_allowed()),
        };
        let member = match members::find_by_id_number_hash(r.c, &q.id_number_hash)? {
            Some(m) => match staff_reach {
                None => Some(m),
                Some(reach) => match members::get_within(r.c, reach, m.id) {
                    Ok(m) => Some(m),
                    Err(StoreError::NotFound) => None,
                    Err(e) => return Err(e.into()),
                },
            },
            None => None,
        };
        let policies = match &member {
            Some(m) => policies_of(
                r.c,
                &self.plan_terms,
                m,
                q.date,
                q.kind,
                q.plan_code.as_deref(),
            )?,
            None => Vec::new(),
        };
        let detail = match member {
            Some(_) => format!("event {}", q.date),
            None => format!("event {}; no member found", q.date),
        };
        self.accessed_from(
            r,
            actor,
            "coverage.eligibility",
            member.as_ref().map(|m| m.id),
            detail,
        );
        Ok(Standing {
            member,
            date: q.date,
            policies,
        })
    }
}
