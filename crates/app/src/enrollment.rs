//! Enrollment by members themselves (plans that allow it, e.g. for gig workers) and the
//! contributions that start the cover once the premium is paid (docs/domain.md §2).

use crate::actor::Actor;
use crate::coverage::{policies_of, PolicyStanding};
use crate::error::{AppError, AppResult, Problem};
use crate::plan_terms::terms_of;
use crate::records::Policy;
use crate::unit::{Answer, Done, Event, IdempotencyKey};
use crate::App;
use chrono::NaiveDate;
use huzhu_domain::activation::on_payment;
use huzhu_domain::coverage::EventKind;
use huzhu_domain::coverage::PolicyState;
use huzhu_domain::eligibility::{
    check_person, prospective_start, Applicant, Channel, ExistingCover, Ineligible,
};
use huzhu_domain::plan::{china_date, premium, CoverPeriod, PlanCode};
use huzhu_domain::{ErrorCode, IdNumber, Money};
use huzhu_store::{contributions, members, plans, policies, DbConn, StoreError};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// The amount in fen and the trimmed reference of a payment, if every field is acceptable.
pub fn checked_payment(
    amount: &str,
    reference: &str,
    paid_on: NaiveDate,
    today: NaiveDate,
) -> AppResult<(i64, String)> {
    use huzhu_domain::field_rules as rules;
    let amount = rules::payment_amount(amount)?;
    let reference = rules::payment_reference(reference)?;
    rules::paid_on(paid_on, today)?;
    let amount_fen = amount.fen().map_err(|e| {
        AppError::invalid_field(ErrorCode::ContributionAmount, "amount", e.to_string())
    })?;
    Ok((amount_fen, reference))
}

/// Starts the cover of a fully paid policy (a renewal without a gap carries no waiting period).
pub fn activate_paid(
    c: &mut DbConn,
    policy: &Policy,
    paid_on: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<Policy> {
    activate_all_paid(c, std::slice::from_ref(policy), paid_on, now)?;
    Ok(policies::get(c, policy.id)?)
}

/// Starts the cover of fully paid policies of one plan version, paid on one day: each member's
/// running cover under the plan decides whether theirs is a renewal without a gap. Policies
/// that come out alike are updated in one statement.
pub fn activate_all_paid(
    c: &mut DbConn,
    paid: &[Policy],
    paid_on: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<()> {
    let mut versions = HashMap::new();
    let mut alike: BTreeMap<(i64, NaiveDate, NaiveDate, NaiveDate), Vec<i64>> = BTreeMap::new();
    let mut by_plan: BTreeMap<&str, Vec<&Policy>> = BTreeMap::new();
    for p in paid {
        by_plan.entry(p.plan_code.as_str()).or_default().push(p);
    }
    for (plan_code, group) in by_plan {
        let members: Vec<i64> = group.iter().map(|p| p.member_id).collect();
        let held = policies::of_members_in_plan(c, &members, plan_code)?;
        for p in group {
            if let std::collections::hash_map::Entry::Vacant(e) = versions.entry(p.plan_version_id)
            {
                e.insert(terms_of(&plans::get_version(c, p.plan_version_id)?)?);
            }
            let terms = &versions[&p.plan_version_id];
            let previous_end = held
                .get(&p.member_id)
                .into_iter()
                .flatten()
                .filter(|h| h.id != p.id && h.status == PolicyState::Active)
                .filter_map(|h| h.end_date)
                .max();
            let a = on_payment(terms, paid_on, previous_end);
            alike
                .entry((
                    p.plan_version_id,
                    a.period.start,
                    a.period.end,
                    a.waiting_period_end,
                ))
                .or_default()
                .push(p.id);
        }
    }
    for ((_, start, end, waiting_period_end), ids) in alike {
        let changed = policies::activate_many(c, &ids, start, end, waiting_period_end, now)?;
        if changed != ids.len() {
            return Err(AppError::conflict(
                ErrorCode::ContributionNotPending,
                "a policy was activated meanwhile",
            ));
        }
    }
    Ok(())
}

fn ineligible(problems: Vec<Ineligible>) -> AppError {
    let listed: Vec<Problem> = problems
        .iter()
        .map(|p| Problem {
            field: None,
            code: p.code(),
            message: p.to_string(),
        })
        .collect();
    AppError::problems(ErrorCode::EnrollmentIneligible, None, &listed)
}

/// A contribution as recorded, with where the policy stands after it.
#[derive(Debug, Clone)]
pub struct Receipt {
    pub contribution: contributions::Contribution,
    pub policy: Policy,
    pub paid_so_far_fen: i64,
}

/// A payment towards a premium (a policy's or a batch's), as given.
#[derive(Debug, Clone)]
pub struct Payment {
    pub amount: String,
    pub channel: huzhu_domain::contribution::ContributionChannel,
    pub reference: String,
    pub paid_on: NaiveDate,
}

impl App {
    /// A member applies for a plan open to individual enrollment. The policy waits for its
    /// contribution; a renewal of running cover starts the day after it ends.
    pub fn enroll_myself(
        &self,
        actor: &Actor,
        plan_code: &str,
        shares: u32,
    ) -> AppResult<PolicyStanding> {
        let member_id = actor.member()?;
        let code = PlanCode::parse(plan_code).map_err(|e| {
            AppError::invalid_field(ErrorCode::PlanCode, "plan_code", e.to_string())
        })?;
        let now = self.now();
        let today = china_date(now);
        let sealer = self.sealer()?;
        self.change(actor, |c| {
            let member = members::get_within(c, &actor.reach, member_id)?;
            let (version, terms) = crate::plans::in_force(c, &code)?;
            let id = IdNumber::parse(&sealer.open(&member.id_number.ciphertext)?)
                .map_err(|e| AppError::corrupt(format!("stored ID number unreadable: {e}")))?;
            let held: Vec<policies::Policy> = policies::of_member(c, member_id)?
                .into_iter()
                .filter(|p| p.plan_code == code.as_str() && p.status != PolicyState::Terminated)
                .collect();
            if held.iter().any(|p| p.status == PolicyState::PendingPayment) {
                return Err(AppError::conflict(
                    ErrorCode::EnrollmentPendingExists,
                    "you already applied for this plan; the application waits for its contribution",
                ));
            }
            let existing: Vec<ExistingCover> = held
                .iter()
                .filter_map(|p| {
                    Some(ExistingCover {
                        plan_code: code.clone(),
                        period: CoverPeriod {
                            start: p.start_date?,
                            end: p.end_date?,
                        },
                    })
                })
                .collect();
            let effective = prospective_start(&terms, today, &existing);
            let applicant = Applicant {
                id_number: &id,
                category: member.category,
                shares,
                channel: Channel::Individual,
                applied_on: today,
            };
            check_person(&terms, &applicant, effective, &existing).map_err(ineligible)?;
            let policy = policies::insert(
                c,
                policies::NewPolicy {
                    member_id,
                    plan_version_id: version.id,
                    plan_code: code.as_str(),
                    shares: i32::try_from(shares).map_err(|e| AppError::corrupt(e.to_string()))?,
                    premium_fen: premium(&terms, shares)
                        .fen()
                        .map_err(|e| AppError::corrupt(e.to_string()))?,
                    status: PolicyState::PendingPayment,
                    start_date: None,
                    end_date: None,
                    waiting_period_end: None,
                    paid_at: None,
                    batch_id: None,
                },
                now,
            )?;
            let event = Event::of("enrollment.apply", "policy", policy.id)
                .fact("member", member_id)
                .fact("plan", code.as_str())
                .fact("plan_version", version.id)
                .fact("shares", shares)
                .fact("premium", Money::from_fen(policy.premium_fen).to_string())
                .fact("status", policy.status);
            let coverage = policies_of(
                c,
                &self.plan_terms,
                &member,
                today,
                EventKind::Illness,
                Some(code.as_str()),
            )?
            .into_iter()
            .find(|p| p.policy.id == policy.id)
            .ok_or_else(|| AppError::corrupt("the new policy is missing"))?;
            Ok(Done::new(coverage, event))
        })
    }

    /// Records a contribution for a policy of the actor's subtree; when the payments reach
    /// the premium, the cover starts (a renewal without a gap carries no waiting period).
    /// With an idempotency key, a repeat gets the first answer (`show` makes it, `status`
    /// is its status).
    pub fn record_contribution<V: Serialize>(
        &self,
        actor: &Actor,
        key: Option<&IdempotencyKey>,
        status: u16,
        policy_id: i64,
        req: Payment,
        show: impl FnOnce(&Receipt) -> V,
    ) -> AppResult<Answer> {
        let (amount_fen, reference) = checked_payment(
            &req.amount,
            &req.reference,
            req.paid_on,
            china_date(self.now()),
        )?;
        let reach = actor.staff_reach()?;
        let recorded_by = actor.account_id()?;
        let now = self.now();
        self.change_once(actor, key, status, |c| {
            let policy = policies::get(c, policy_id).map_err(|e| match e {
                StoreError::NotFound => AppError::not_found(ErrorCode::PolicyNotFound, "policy"),
                other => other.into(),
            })?;
            members::get_within(c, reach, policy.member_id).map_err(|e| match e {
                StoreError::NotFound => AppError::not_found(ErrorCode::PolicyNotFound, "policy"),
                other => other.into(),
            })?;
            if policy.status != PolicyState::PendingPayment {
                return Err(AppError::conflict(
                    ErrorCode::ContributionNotPending,
                    format!(
                        "policy {} is {}, not waiting for payment",
                        policy.id, policy.status
                    ),
                ));
            }
            let before: i64 = contributions::of_policy(c, policy.id)?
                .iter()
                .map(|x| x.amount_fen)
                .sum();
            let after = before + amount_fen;
            if after > policy.premium_fen {
                return Err(AppError::invalid_field(
                    ErrorCode::ContributionOverpaid,
                    "amount",
                    format!(
                        "the premium is {}, {} is paid already: at most {} is still due",
                        Money::from_fen(policy.premium_fen),
                        Money::from_fen(before),
                        Money::from_fen(policy.premium_fen - before)
                    ),
                ));
            }
            let saved = contributions::insert(
                c,
                contributions::NewContribution {
                    policy_id: policy.id,
                    amount_fen,
                    channel: req.channel,
                    reference: &reference,
                    paid_on: req.paid_on,
                    recorded_by: Some(recorded_by),
                },
                now,
            )?;
            let policy = if after == policy.premium_fen {
                activate_paid(c, &policy, req.paid_on, now)?
            } else {
                policy
            };
            let event = Event::of("contribution.record", "policy", policy.id)
                .fact("contribution", saved.id)
                .fact("amount", Money::from_fen(saved.amount_fen).to_string())
                .fact("reference", &saved.reference)
                .fact("paid_on", saved.paid_on)
                .fact("policy_status", policy.status);
            let receipt = Receipt {
                contribution: saved,
                policy,
                paid_so_far_fen: after,
            };
            Ok(Done::new(show(&receipt), event))
        })
    }
}
