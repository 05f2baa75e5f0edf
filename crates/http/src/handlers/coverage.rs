//! Coverage enquiry (保障查询): a member's policies and how each stands on a day. Asked by
//! members about themselves, by staff about members of their subtree, and by integrators
//! (hospitals' settlement systems, government portals) about anyone.

use crate::auth::lookup_hash::id_number_hash;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::plan_terms::PlanTermsCache;
use crate::state::AppState;
use actix_web::{get, post, web, HttpResponse};
use chrono::NaiveDate;
use huzhu_api_types::{
    Accumulator, Coverage, EligibilityRequest, ErrorBody, PolicyCoverage, PrincipalKind,
};
use huzhu_domain::accumulator::limits;
use huzhu_domain::coverage::{cover_on, CoverStatus, EventKind, PolicyCover, PolicyStatus};
use huzhu_domain::plan::{china_date, CoverPeriod, PlanCode, PlanTerms};
use huzhu_domain::ErrorCode;
use huzhu_domain::{IdNumber, Money};
use huzhu_store::members::{self, Member};
use huzhu_store::org_units::Scope;
use huzhu_store::{policies, usage, DbConn, StoreError};
use serde::Deserialize;

/// The facts of a stored policy that decide cover; `None` while it waits for payment.
pub(crate) fn cover_of(p: &policies::Policy, terms: &PlanTerms) -> Option<PolicyCover> {
    let (status, start, end) = match (
        p.status.as_str(),
        p.start_date,
        p.end_date,
        p.terminated_from,
    ) {
        ("active", Some(start), Some(end), _) => (PolicyStatus::Active, start, end),
        ("terminated", Some(start), Some(end), Some(from)) => {
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

/// Every policy of `member` (optionally of one plan) and its state on `date`.
pub(crate) fn coverage_of(
    c: &mut DbConn,
    plan_terms: &PlanTermsCache,
    member: &Member,
    date: NaiveDate,
    kind: EventKind,
    plan_code: Option<&str>,
) -> ApiResult<Vec<PolicyCoverage>> {
    let mut out = Vec::new();
    let held = policies::of_member(c, member.id)?;
    let ids: Vec<i64> = held.iter().map(|p| p.id).collect();
    let spent = usage::of_policies(c, &ids)?;
    for p in held {
        if plan_code.is_some_and(|code| code != p.plan_code) {
            continue;
        }
        let terms = plan_terms.get(c, p.plan_version_id)?;
        let shares = u32::try_from(p.shares).unwrap_or(0);
        let on_date = match cover_of(&p, &terms) {
            None => CoverStatus::NotCovered {
                reason: huzhu_domain::coverage::NotCoveredReason::NotPaid,
            },
            Some(cover) => cover_on(&cover, date, kind),
        };
        let (reason_code, reason) = match on_date {
            CoverStatus::Covered => (None, None),
            CoverStatus::NotCovered { reason } => {
                (Some(reason.code().to_string()), Some(reason.to_string()))
            }
        };
        // Nothing has been paid out against these policies yet: what is left is the limit.
        let used = spent.get(&p.id);
        let accumulators = limits(&terms, shares)
            .into_iter()
            .map(|(kind, limit)| {
                let used = used.map_or(limit.none_like(), |u| u.used(kind));
                Accumulator {
                    kind,
                    limit,
                    used,
                    remaining: limit.less(used),
                }
            })
            .collect();
        out.push(PolicyCoverage {
            policy_id: p.id,
            plan_code: p.plan_code.clone(),
            plan_name_zh: terms.name_zh.clone(),
            plan_name_en: terms.name_en.clone(),
            status: p.status.clone(),
            shares: p.shares,
            premium: Money::from_fen(p.premium_fen).to_string(),
            start_date: p.start_date,
            end_date: p.end_date,
            waiting_period_end: p.waiting_period_end,
            covered: on_date.is_covered(),
            reason_code,
            reason,
            accumulators,
        });
    }
    Ok(out)
}

fn answer(member: Option<&Member>, date: NaiveDate, policies: Vec<PolicyCoverage>) -> Coverage {
    Coverage {
        member_found: member.is_some(),
        id_number_masked: member.map(|m| m.id_number.masked.clone()),
        member_name: member.map(|m| m.name.clone()),
        date,
        policies,
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CoverageQuery {
    /// The day to answer for (default: today, China Standard Time).
    pub date: Option<NaiveDate>,
}

/// My cover: every policy, with its period, shares, waiting period and what is left.
#[utoipa::path(
    tag = "coverage",
    params(CoverageQuery),
    responses((status = 200, description = "The caller's cover", body = Coverage))
)]
#[get("/me/coverage")]
pub async fn mine(
    caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<CoverageQuery>,
) -> ApiResult<HttpResponse> {
    let member_id = match (caller.kind, caller.member_id) {
        (PrincipalKind::Member, Some(id)) => id,
        _ => return Err(ApiError::forbidden()),
    };
    let date = query.date.unwrap_or_else(|| china_date(state.now()));
    let terms_cache = state.plan_terms.clone();
    let coverage = state
        .db(move |store| {
            store.read(|c| {
                let member = members::get(c, member_id)?;
                let policies =
                    coverage_of(c, &terms_cache, &member, date, EventKind::Illness, None)?;
                Ok(answer(Some(&member), date, policies))
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(coverage))
}

/// The cover of a member of the caller's subtree.
#[utoipa::path(
    tag = "coverage",
    params(("id" = i64, Path, description = "Member id"), CoverageQuery),
    responses(
        (status = 200, description = "The member's cover", body = Coverage),
        (status = 404, description = "No such member in the caller's subtree", body = ErrorBody),
    )
)]
#[get("/members/{id}/coverage")]
pub async fn of_member(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    query: web::Query<CoverageQuery>,
) -> ApiResult<HttpResponse> {
    let scope_path = caller.org_scope()?.0.to_string();
    let id = id.into_inner();
    let date = query.date.unwrap_or_else(|| china_date(state.now()));
    let terms_cache = state.plan_terms.clone();
    let coverage = state
        .db(move |store| {
            store.read(|c| {
                let member =
                    members::get_within(c, &Scope(&scope_path), id).map_err(|e| match e {
                        StoreError::NotFound => {
                            ApiError::not_found(ErrorCode::MemberNotFound, "member")
                        }
                        other => other.into(),
                    })?;
                let policies =
                    coverage_of(c, &terms_cache, &member, date, EventKind::Illness, None)?;
                Ok(answer(Some(&member), date, policies))
            })
        })
        .await?;
    state
        .accessed(&caller, "coverage.read", Some(id), format!("on {date}"))
        .await;
    Ok(HttpResponse::Ok().json(coverage))
}

/// Is this person covered for an event on this day? For each policy: covered or not (with the
/// reason code), period, shares, waiting-period end and what is left of each accumulator.
/// Integrators may ask about anyone; staff about members of their subtree. A person who is not
/// a member (or not one the caller may see) gets `member_found: false`.
#[utoipa::path(
    tag = "coverage",
    request_body = EligibilityRequest,
    responses(
        (status = 200, description = "The person's cover on the event date", body = Coverage),
        (status = 422, description = "Invalid ID number or plan code", body = ErrorBody),
    )
)]
#[post("/coverage/eligibility")]
pub async fn eligibility(
    caller: Caller,
    state: web::Data<AppState>,
    body: web::Json<EligibilityRequest>,
) -> ApiResult<HttpResponse> {
    let req = body.into_inner();
    let id = IdNumber::parse(&req.id_number)
        .map_err(|e| ApiError::invalid_field(e.code(), "id_number", e.to_string()))?;
    let plan_code = req
        .plan_code
        .as_deref()
        .map(|c| PlanCode::parse(c).map(|c| c.as_str().to_string()))
        .transpose()
        .map_err(|e| ApiError::invalid_field(ErrorCode::PlanCode, "plan_code", e.to_string()))?;
    let hash = id_number_hash(&state.config.lookup_key.0, &id);
    // Staff ask within their subtree; integrators act for the whole association.
    let scope_path = match caller.kind {
        PrincipalKind::Staff => Some(caller.org_scope()?.0.to_string()),
        _ => None,
    };
    let kind = req.event_kind.unwrap_or(EventKind::Illness);
    let date = req.event_date;
    let terms_cache = state.plan_terms.clone();
    let coverage = state
        .point_read(move |c| {
            let member = match members::find_by_id_number_hash(c, &hash)? {
                Some(m) => match &scope_path {
                    None => Some(m),
                    Some(path) => match members::get_within(c, &Scope(path), m.id) {
                        Ok(m) => Some(m),
                        Err(StoreError::NotFound) => None,
                        Err(e) => return Err(e.into()),
                    },
                },
                None => None,
            };
            let policies = match &member {
                Some(m) => coverage_of(c, &terms_cache, m, date, kind, plan_code.as_deref())?,
                None => Vec::new(),
            };
            Ok((
                member.as_ref().map(|m| m.id),
                answer(member.as_ref(), date, policies),
            ))
        })
        .await?;
    let (found, coverage) = coverage;
    let detail = match found {
        Some(_) => format!("event {date}"),
        None => format!("event {date}; no member found"),
    };
    state
        .accessed(&caller, "coverage.eligibility", found, detail)
        .await;
    Ok(HttpResponse::Ok().json(coverage))
}
