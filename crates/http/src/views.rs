//! What the API shows of the records the use cases answer with: one mapping per record, shared
//! by every handler that answers with it.

use crate::error::ApiError;
use chrono::NaiveDate;
use huzhu_api_types::{self as api, Page};
use huzhu_app::claims::ClaimRecord;
use huzhu_app::coverage::{PolicyStanding, Standing};
use huzhu_app::records::{DocumentRow, Paged};
use huzhu_domain::coverage::CoverStatus;
use huzhu_domain::Money;

/// A page of records, each shown by `show`.
pub fn page<T, U>(p: Paged<T>, show: impl FnMut(T) -> U) -> Page<U> {
    Page {
        items: p.items.into_iter().map(show).collect(),
        total: p.total,
        limit: p.paging.limit,
        offset: p.paging.offset,
    }
}

pub fn claim_document(d: DocumentRow) -> api::ClaimDocument {
    api::ClaimDocument {
        id: d.id,
        kind: d.kind,
        media_type: d.media_type,
        file_name: d.file_name,
        size_bytes: d.size_bytes,
        sha256: d.sha256,
        uploaded_at: d.uploaded_at.and_utc(),
    }
}

pub fn claim(r: ClaimRecord) -> api::Claim {
    let ClaimRecord {
        claim,
        member,
        plan_code,
        facts,
        adjudication,
        detail,
    } = r;
    let (steps, documents, missing_documents) = match detail {
        None => (Vec::new(), Vec::new(), Vec::new()),
        Some(d) => (
            d.steps
                .into_iter()
                .map(|e| api::ClaimStep {
                    from: e.from_status,
                    to: e.to_status,
                    by: e.account_id,
                    comment: e.comment,
                    at: e.at,
                })
                .collect(),
            d.documents.into_iter().map(claim_document).collect(),
            d.missing,
        ),
    };
    api::Claim {
        id: claim.id,
        member_id: claim.member_id,
        member_name: member.name,
        id_number_masked: member.id_number.masked,
        policy_id: claim.policy_id,
        plan_code,
        kind: claim.kind,
        facts,
        event_date: claim.event_date,
        status: claim.status,
        channel: claim.channel,
        adjudication,
        approved_amount: claim.approved_fen.map(|f| Money::from_fen(f).to_string()),
        rejection_code: claim.rejection_code,
        rejection_text: claim.rejection_text,
        appealed: claim.appealed,
        created_at: claim.created_at,
        updated_at: claim.updated_at,
        steps,
        documents,
        missing_documents,
    }
}

pub fn policy_coverage(s: PolicyStanding) -> api::PolicyCoverage {
    let PolicyStanding {
        policy: p,
        terms,
        on_date,
        left,
    } = s;
    let covered = on_date.is_covered();
    let (reason_code, reason) = match on_date {
        CoverStatus::Covered => (None, None),
        CoverStatus::NotCovered { reason } => {
            (Some(reason.code().to_string()), Some(reason.to_string()))
        }
    };
    api::PolicyCoverage {
        policy_id: p.id,
        plan_code: p.plan_code,
        plan_name_zh: terms.name_zh.clone(),
        plan_name_en: terms.name_en.clone(),
        status: p.status,
        shares: p.shares,
        premium: Money::from_fen(p.premium_fen).to_string(),
        start_date: p.start_date,
        end_date: p.end_date,
        waiting_period_end: p.waiting_period_end,
        covered,
        reason_code,
        reason,
        accumulators: left
            .into_iter()
            .map(|l| api::Accumulator {
                kind: l.kind,
                limit: l.limit,
                used: l.used,
                remaining: l.remaining,
            })
            .collect(),
    }
}

pub fn coverage(s: Standing) -> api::Coverage {
    api::Coverage {
        member_found: s.member.is_some(),
        id_number_masked: s.member.as_ref().map(|m| m.id_number.masked.clone()),
        member_name: s.member.as_ref().map(|m| m.name.clone()),
        date: s.date,
        policies: s.policies.into_iter().map(policy_coverage).collect(),
    }
}

/// A plan version with its terms; a version whose terms cannot be read is an internal error.
pub fn plan_version(v: huzhu_app::records::PlanVersion) -> Result<api::PlanVersion, ApiError> {
    let terms = huzhu_app::plan_terms::terms_of(&v)?;
    Ok(api::PlanVersion {
        id: v.id,
        code: v.code,
        version: v.version,
        state: v.state,
        terms,
        created_at: v.created_at,
        approved_by: v.approved_by,
        approved_at: v.approved_at,
        activated_at: v.activated_at,
        retired_at: v.retired_at,
    })
}

pub fn plan_versions(
    vs: Vec<huzhu_app::records::PlanVersion>,
) -> Result<Vec<api::PlanVersion>, ApiError> {
    vs.into_iter().map(plan_version).collect()
}

/// A member, masked: ID number, mobile and bank card only as their masked forms, and the
/// birth date only as the age on `today` (with the masked ID number it would complete it).
pub fn member(m: huzhu_app::records::Member, today: NaiveDate) -> api::Member {
    api::Member {
        id: m.id,
        name: m.name,
        id_number_masked: m.id_number.masked,
        gender: m.gender,
        age: huzhu_domain::id_number::age_on(m.birth_date, today),
        category: m.category,
        mobile_masked: m.mobile.map(|p| p.masked),
        bank_card_masked: m.bank_card.map(|p| format!("**** {}", p.masked)),
        bank_card_luhn_overridden: m.bank_card_luhn_override_by.is_some(),
        org_unit_id: m.org_unit_id,
        health_consent_at: m.health_consent_at,
        created_at: m.created_at,
        updated_at: m.updated_at,
    }
}

/// An amount in fen as the API writes it, in yuan with two decimals.
pub fn yuan(fen: i64) -> String {
    Money::from_fen(fen).to_string()
}

pub fn seat(s: huzhu_app::governance::Seat) -> api::Seat {
    api::Seat {
        id: s.id,
        account_id: s.account_id,
        holder: s.holder,
        position: s.position,
        elected_by_motion: s.elected_by_motion,
    }
}
pub fn term(t: huzhu_app::governance::TermRecord) -> api::Term {
    api::Term {
        id: t.term.id,
        body: t.term.body,
        number: t.term.number,
        starts_on: t.term.starts_on,
        ends_on: t.term.ends_on,
        extended: t.term.extended,
        seats: t.seats.into_iter().map(seat).collect(),
    }
}
pub fn budget(b: huzhu_app::governance::Budget) -> api::Budget {
    api::Budget {
        terms: api::BudgetTerms {
            year: b.year,
            reserve_percent: huzhu_domain::governance::bp_to_percent(b.reserve_bp),
            expense_cap_percent: huzhu_domain::governance::bp_to_percent(b.expense_cap_bp),
        },
        motion_id: b.motion_id,
        adopted_at: b.adopted_at.and_utc(),
    }
}
