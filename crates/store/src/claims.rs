//! Claims: the facts as filed, where each claim stands, every step it took, and approval —
//! which spends the policy's usage in the same transaction, over the version it read.

use crate::db::DbConn;
use crate::error::{StoreError, StoreResult};
use crate::org_units::{subtree_pattern, unit_pattern};
use crate::schema::{claim_documents, claim_events, claim_invoices, claims, org_units, policies};
use crate::{from_db, to_db, usage, Paging, Stored};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use huzhu_domain::adjudication::{Adjudication, ClaimKind, Usage};
use huzhu_domain::claim_flow::ClaimChannel;
use huzhu_domain::claim_flow::ClaimStatus;
use huzhu_domain::ledger::JournalKind;
use huzhu_domain::plan::DocumentKind;
use huzhu_domain::ErrorCode;
use huzhu_domain::Reach;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = claims)]
struct ClaimRow {
    id: i64,
    member_id: i64,
    policy_id: i64,
    org_unit_id: i64,
    kind: Stored<ClaimKind>,
    facts: String,
    event_date: NaiveDate,
    status: Stored<ClaimStatus>,
    channel: Stored<ClaimChannel>,
    adjudication: Option<String>,
    approved_fen: Option<i64>,
    rejection_code: Option<String>,
    rejection_text: Option<String>,
    appealed: bool,
    settlement_number: Option<String>,
    filed_by: Option<i64>,
    reviewed_by: Option<i64>,
    first_approved_by: Option<i64>,
    approved_by: Option<i64>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub id: i64,
    pub member_id: i64,
    pub policy_id: i64,
    pub org_unit_id: i64,
    pub kind: ClaimKind,
    /// The facts as filed (JSON of the domain's `ClaimFacts`).
    pub facts: String,
    pub event_date: NaiveDate,
    pub status: ClaimStatus,
    pub channel: ClaimChannel,
    /// The engine's answer (JSON of the domain's `Adjudication`).
    pub adjudication: Option<String>,
    pub approved_fen: Option<i64>,
    pub rejection_code: Option<String>,
    pub rejection_text: Option<String>,
    pub appealed: bool,
    pub settlement_number: Option<String>,
    /// Who filed and submitted it (the maker).
    pub filed_by: Option<i64>,
    pub reviewed_by: Option<i64>,
    pub first_approved_by: Option<i64>,
    pub approved_by: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<ClaimRow> for Claim {
    fn from(r: ClaimRow) -> Self {
        Self {
            id: r.id,
            member_id: r.member_id,
            policy_id: r.policy_id,
            org_unit_id: r.org_unit_id,
            kind: r.kind.0,
            facts: r.facts,
            event_date: r.event_date,
            status: r.status.0,
            channel: r.channel.0,
            adjudication: r.adjudication,
            approved_fen: r.approved_fen,
            rejection_code: r.rejection_code,
            rejection_text: r.rejection_text,
            appealed: r.appealed,
            settlement_number: r.settlement_number,
            filed_by: r.filed_by,
            reviewed_by: r.reviewed_by,
            first_approved_by: r.first_approved_by,
            approved_by: r.approved_by,
            created_at: from_db(r.created_at),
            updated_at: from_db(r.updated_at),
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewClaim<'a> {
    pub member_id: i64,
    pub policy_id: i64,
    pub org_unit_id: i64,
    pub kind: ClaimKind,
    pub facts: &'a str,
    pub event_date: NaiveDate,
    pub status: ClaimStatus,
    pub channel: ClaimChannel,
    pub settlement_number: Option<&'a str>,
    pub filed_by: Option<i64>,
    /// Invoice numbers the claim rests on: each can be claimed once, across all claims.
    pub invoice_numbers: &'a [String],
    /// The engine's estimate at filing (JSON).
    pub adjudication: Option<&'a str>,
}

/// Files a claim and records its first step.
pub fn insert(conn: &mut DbConn, new: NewClaim<'_>, now: DateTime<Utc>) -> StoreResult<Claim> {
    let at = to_db(now);
    let id: i64 = diesel::insert_into(claims::table)
        .values((
            claims::member_id.eq(new.member_id),
            claims::policy_id.eq(new.policy_id),
            claims::org_unit_id.eq(new.org_unit_id),
            claims::kind.eq(new.kind.as_str()),
            claims::facts.eq(new.facts),
            claims::event_date.eq(new.event_date),
            claims::status.eq(new.status.as_str()),
            claims::channel.eq(new.channel.as_str()),
            claims::appealed.eq(false),
            claims::settlement_number.eq(new.settlement_number),
            claims::filed_by.eq(new.filed_by),
            claims::adjudication.eq(new.adjudication),
            claims::created_at.eq(at),
            claims::updated_at.eq(at),
        ))
        .returning(claims::id)
        .get_result(conn)
        .map_err(|e| match StoreError::from(e) {
            StoreError::Conflict { .. } => StoreError::conflict(
                ErrorCode::ClaimDuplicateSettlement,
                "a claim for this settlement number exists already",
            ),
            other => other,
        })?;
    for number in new.invoice_numbers {
        diesel::insert_into(claim_invoices::table)
            .values((
                claim_invoices::invoice_number.eq(number),
                claim_invoices::claim_id.eq(id),
            ))
            .execute(conn)
            .map_err(|e| match StoreError::from(e) {
                StoreError::Conflict { .. } => StoreError::conflict(
                    ErrorCode::ClaimDuplicateInvoice,
                    format!("invoice {number} has been claimed before"),
                ),
                other => other,
            })?;
    }
    record(conn, id, None, new.status, new.filed_by, None, now)?;
    get(conn, id)
}

/// Which of `numbers` have been claimed before.
pub fn claimed_invoices(conn: &mut DbConn, numbers: &[String]) -> StoreResult<Vec<String>> {
    Ok(claim_invoices::table
        .filter(claim_invoices::invoice_number.eq_any(numbers))
        .select(claim_invoices::invoice_number)
        .load(conn)?)
}

/// The claims made from a medical-insurance settlement, with their plan codes.
pub fn of_settlement(conn: &mut DbConn, number: &str) -> StoreResult<Vec<(Claim, String)>> {
    Ok(claims::table
        .inner_join(policies::table)
        .filter(claims::settlement_number.eq(number))
        .order(claims::id.asc())
        .select((ClaimRow::as_select(), policies::plan_code))
        .load::<(ClaimRow, String)>(conn)?
        .into_iter()
        .map(|(c, p)| (c.into(), p))
        .collect())
}

pub fn get(conn: &mut DbConn, id: i64) -> StoreResult<Claim> {
    Ok(claims::table
        .find(id)
        .select(ClaimRow::as_select())
        .get_result(conn)?
        .into())
}

/// The claim if it lies within `reach` (a member's own, or filed through a union of a staff
/// member's subtree); `NotFound` otherwise, exactly as if it did not exist.
pub fn get_within(conn: &mut DbConn, reach: &Reach, id: i64) -> StoreResult<Claim> {
    let mut q = claims::table
        .inner_join(org_units::table.on(org_units::id.eq(claims::org_unit_id)))
        .filter(claims::id.eq(id))
        .into_boxed();
    if let Some(pattern) = unit_pattern(reach) {
        q = q.filter(org_units::path.like(pattern));
    } else if let Some(member) = reach.member() {
        q = q.filter(claims::member_id.eq(member));
    } else {
        return Err(StoreError::NotFound);
    }
    Ok(q.select(ClaimRow::as_select()).get_result(conn)?.into())
}

/// The claims against a policy, oldest first.
pub fn of_policy(conn: &mut DbConn, policy_id: i64) -> StoreResult<Vec<Claim>> {
    Ok(claims::table
        .filter(claims::policy_id.eq(policy_id))
        .order(claims::id.asc())
        .select(ClaimRow::as_select())
        .load(conn)?
        .into_iter()
        .map(Claim::from)
        .collect())
}

fn record(
    conn: &mut DbConn,
    claim_id: i64,
    from: Option<ClaimStatus>,
    to: ClaimStatus,
    by: Option<i64>,
    comment: Option<&str>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    diesel::insert_into(claim_events::table)
        .values((
            claim_events::claim_id.eq(claim_id),
            claim_events::from_status.eq(from.map(ClaimStatus::as_str)),
            claim_events::to_status.eq(to.as_str()),
            claim_events::account_id.eq(by),
            claim_events::comment.eq(comment),
            claim_events::at.eq(to_db(now)),
        ))
        .execute(conn)?;
    Ok(())
}

/// One step of a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimEvent {
    pub from_status: Option<ClaimStatus>,
    pub to_status: ClaimStatus,
    pub account_id: Option<i64>,
    pub comment: Option<String>,
    pub at: DateTime<Utc>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = claim_events)]
struct EventRow {
    from_status: Option<Stored<ClaimStatus>>,
    to_status: Stored<ClaimStatus>,
    account_id: Option<i64>,
    comment: Option<String>,
    at: NaiveDateTime,
}

impl From<EventRow> for ClaimEvent {
    fn from(r: EventRow) -> Self {
        Self {
            from_status: r.from_status.map(|s| s.0),
            to_status: r.to_status.0,
            account_id: r.account_id,
            comment: r.comment,
            at: from_db(r.at),
        }
    }
}

/// Every step of a claim, in order.
pub fn events(conn: &mut DbConn, claim_id: i64) -> StoreResult<Vec<ClaimEvent>> {
    Ok(claim_events::table
        .filter(claim_events::claim_id.eq(claim_id))
        .order(claim_events::id.asc())
        .select(EventRow::as_select())
        .load::<EventRow>(conn)?
        .into_iter()
        .map(ClaimEvent::from)
        .collect())
}

/// Which maker-checker column a step fills in with the person taking it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Submitter,
    Reviewer,
    FirstApprover,
}

/// One step of a claim, short of the final approval.
#[derive(Debug, Clone)]
pub struct Step<'a> {
    pub from: ClaimStatus,
    pub to: ClaimStatus,
    pub by: Option<i64>,
    pub comment: Option<&'a str>,
    pub role: Option<Role>,
    /// Reason code and text of a rejection.
    pub rejection: Option<(&'a str, &'a str)>,
    /// The step reopens a rejected claim (its one appeal).
    pub appeal: bool,
    /// A fresh estimate of the engine (JSON).
    pub adjudication: Option<&'a str>,
}

impl Step<'_> {
    /// A step from one status to another, by nobody in particular, with nothing else to record.
    pub fn between(from: ClaimStatus, to: ClaimStatus) -> Self {
        Step {
            from,
            to,
            by: None,
            comment: None,
            role: None,
            rejection: None,
            appeal: false,
            adjudication: None,
        }
    }
}

/// Takes a step and records who took it; false when the claim was no longer at `step.from`
/// (someone else moved it first), and then nothing changes.
pub fn move_to(
    conn: &mut DbConn,
    id: i64,
    step: Step<'_>,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let target = claims::table
        .find(id)
        .filter(claims::status.eq(step.from.as_str()));
    let base = (
        claims::status.eq(step.to.as_str()),
        claims::updated_at.eq(to_db(now)),
    );
    let n = match step.role {
        Some(Role::Submitter) => diesel::update(target)
            .set((base, claims::filed_by.eq(step.by)))
            .execute(conn)?,
        Some(Role::Reviewer) => diesel::update(target)
            .set((base, claims::reviewed_by.eq(step.by)))
            .execute(conn)?,
        Some(Role::FirstApprover) => diesel::update(target)
            .set((base, claims::first_approved_by.eq(step.by)))
            .execute(conn)?,
        None => diesel::update(target).set(base).execute(conn)?,
    };
    if n == 0 {
        return Ok(false);
    }
    if let Some((code, text)) = step.rejection {
        diesel::update(claims::table.find(id))
            .set((
                claims::rejection_code.eq(Some(code)),
                claims::rejection_text.eq(Some(text)),
            ))
            .execute(conn)?;
    }
    if step.appeal {
        // A reopened claim is reviewed and approved afresh.
        diesel::update(claims::table.find(id))
            .set((
                claims::appealed.eq(true),
                claims::reviewed_by.eq(None::<i64>),
                claims::first_approved_by.eq(None::<i64>),
            ))
            .execute(conn)?;
    }
    if let Some(json) = step.adjudication {
        diesel::update(claims::table.find(id))
            .set(claims::adjudication.eq(Some(json)))
            .execute(conn)?;
    }
    record(
        conn,
        id,
        Some(step.from),
        step.to,
        step.by,
        step.comment,
        now,
    )?;
    Ok(true)
}

#[derive(Debug, Clone, Default)]
pub struct ClaimFilter {
    pub status: Option<ClaimStatus>,
    pub plan_code: Option<String>,
    pub member_id: Option<i64>,
    /// Claims of members of this unit's subtree (its path).
    pub office_path: Option<String>,
    /// Claims filed before this instant (the ones waiting longest).
    pub filed_before: Option<DateTime<Utc>>,
}

/// The claims within `reach` (those filed through the unions of a staff member's subtree, or
/// a member's own), newest first, each with its plan code.
pub fn list(
    conn: &mut DbConn,
    reach: &Reach,
    filter: &ClaimFilter,
    paging: Paging,
) -> StoreResult<(Vec<(Claim, String)>, i64)> {
    let pattern = unit_pattern(reach);
    let member = reach.member();
    if pattern.is_none() && member.is_none() {
        return Ok((Vec::new(), 0));
    }
    let query = || {
        let mut q = claims::table
            .inner_join(policies::table)
            .inner_join(org_units::table.on(org_units::id.eq(claims::org_unit_id)))
            .into_boxed();
        if let Some(pattern) = &pattern {
            q = q.filter(org_units::path.like(pattern.clone()));
        }
        if let Some(member) = member {
            q = q.filter(claims::member_id.eq(member));
        }
        if let Some(status) = &filter.status {
            q = q.filter(claims::status.eq(status.as_str()));
        }
        if let Some(code) = &filter.plan_code {
            q = q.filter(policies::plan_code.eq(code.clone()));
        }
        if let Some(member) = filter.member_id {
            q = q.filter(claims::member_id.eq(member));
        }
        if let Some(path) = &filter.office_path {
            q = q.filter(org_units::path.like(subtree_pattern(path)));
        }
        if let Some(before) = filter.filed_before {
            q = q.filter(claims::created_at.lt(to_db(before)));
        }
        q
    };
    let total: i64 = query().count().get_result(conn)?;
    let rows: Vec<(ClaimRow, String)> = query()
        .order(claims::id.desc())
        .limit(paging.limit)
        .offset(paging.offset)
        .select((ClaimRow::as_select(), policies::plan_code))
        .load(conn)?;
    Ok((
        rows.into_iter().map(|(c, p)| (c.into(), p)).collect(),
        total,
    ))
}

/// How often an approval computes again after another approval spent the same policy's usage
/// first; more would mean the policy is under a storm of approvals.
const APPROVAL_ATTEMPTS: usize = 20;

/// Approves a claim now at `from`: computes its adjudication from the policy's current usage
/// with `adjudicate`, spends the usage over the version it read (computing again if another
/// approval spent it first), records the amount and the working, and ends the cover when the
/// adjudication says so. `None` when the claim was no longer at `from`.
pub fn approve(
    conn: &mut DbConn,
    id: i64,
    from: ClaimStatus,
    by: Option<i64>,
    comment: Option<&str>,
    now: DateTime<Utc>,
    adjudicate: impl Fn(&Usage) -> Adjudication,
) -> StoreResult<Option<Adjudication>> {
    let claim = get(conn, id)?;
    if claim.status != from {
        return Ok(None);
    }
    for _ in 0..APPROVAL_ATTEMPTS {
        let read = usage::of_policy(conn, claim.policy_id)?;
        let result = adjudicate(&read.usage);
        if !usage::replace(conn, claim.policy_id, read.version, &result.usage_after)? {
            continue;
        }
        let json = serde_json::to_string(&result)
            .map_err(|e| StoreError::Corrupt(format!("adjudication of claim {id}: {e}")))?;
        let fen = result
            .total
            .fen()
            .map_err(|e| StoreError::Corrupt(format!("amount of claim {id}: {e}")))?;
        let n = diesel::update(
            claims::table
                .find(id)
                .filter(claims::status.eq(from.as_str())),
        )
        .set((
            claims::status.eq(ClaimStatus::Approved.as_str()),
            claims::approved_by.eq(by),
            claims::adjudication.eq(Some(json)),
            claims::approved_fen.eq(Some(fen)),
            claims::updated_at.eq(to_db(now)),
        ))
        .execute(conn)?;
        if n == 0 {
            return Err(StoreError::conflict(
                ErrorCode::ClaimMoved,
                "the claim was moved by someone else meanwhile; nothing was approved",
            ));
        }
        record(
            conn,
            id,
            Some(from),
            ClaimStatus::Approved,
            by,
            comment,
            now,
        )?;
        if fen > 0 {
            let fund = crate::ledger::policy_fund(conn, claim.policy_id)?;
            crate::ledger::book(
                conn,
                &fund,
                JournalKind::ClaimApproved,
                &format!("claim:{id}"),
                huzhu_domain::ledger::claim_approved(fen),
                by,
                now,
            )?;
        }
        // A consolation paid inside the waiting period ends the cover.
        if let Some(day) = result.terminates_cover_from {
            crate::policies::terminate(conn, claim.policy_id, day)?;
        }
        return Ok(Some(result));
    }
    Err(StoreError::conflict(
        ErrorCode::ClaimBusyPolicy,
        "other approvals kept changing this policy's usage; try again",
    ))
}

/// A step of one of a member's claims, for the member's list of notifications.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberNotice {
    pub claim_id: i64,
    pub plan_code: String,
    pub event: ClaimEvent,
}

/// The steps of a member's claims, newest first.
pub fn notices_of_member(
    conn: &mut DbConn,
    member_id: i64,
    paging: Paging,
) -> StoreResult<(Vec<MemberNotice>, i64)> {
    let total: i64 = claim_events::table
        .inner_join(claims::table)
        .filter(claims::member_id.eq(member_id))
        .count()
        .get_result(conn)?;
    let rows: Vec<(i64, String, EventRow)> = claim_events::table
        .inner_join(claims::table.inner_join(policies::table))
        .filter(claims::member_id.eq(member_id))
        .order(claim_events::id.desc())
        .limit(paging.limit)
        .offset(paging.offset)
        .select((claims::id, policies::plan_code, EventRow::as_select()))
        .load(conn)?;
    Ok((
        rows.into_iter()
            .map(|(claim_id, plan_code, r)| MemberNotice {
                claim_id,
                plan_code,
                event: r.into(),
            })
            .collect(),
        total,
    ))
}

/// A document of a claim; the file itself is kept outside the database.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = claim_documents)]
pub struct DocumentRow {
    pub id: i64,
    pub claim_id: i64,
    #[diesel(deserialize_as = String)]
    pub kind: DocumentKind,
    pub media_type: String,
    pub file_name: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub uploaded_by: Option<i64>,
    pub uploaded_at: NaiveDateTime,
}

#[derive(Debug, Clone)]
pub struct NewDocument<'a> {
    pub claim_id: i64,
    pub kind: DocumentKind,
    pub media_type: &'a str,
    pub file_name: &'a str,
    pub size_bytes: i64,
    pub sha256: &'a str,
    pub uploaded_by: Option<i64>,
}

pub fn add_document(
    conn: &mut DbConn,
    d: NewDocument<'_>,
    now: DateTime<Utc>,
) -> StoreResult<DocumentRow> {
    let id: i64 = diesel::insert_into(claim_documents::table)
        .values((
            claim_documents::claim_id.eq(d.claim_id),
            claim_documents::kind.eq(d.kind.as_str()),
            claim_documents::media_type.eq(d.media_type),
            claim_documents::file_name.eq(d.file_name),
            claim_documents::size_bytes.eq(d.size_bytes),
            claim_documents::sha256.eq(d.sha256),
            claim_documents::uploaded_by.eq(d.uploaded_by),
            claim_documents::uploaded_at.eq(to_db(now)),
        ))
        .returning(claim_documents::id)
        .get_result(conn)?;
    Ok(claim_documents::table
        .find(id)
        .select(DocumentRow::as_select())
        .get_result(conn)?)
}

/// A claim's documents, in the order they came.
pub fn documents(conn: &mut DbConn, claim_id: i64) -> StoreResult<Vec<DocumentRow>> {
    Ok(claim_documents::table
        .filter(claim_documents::claim_id.eq(claim_id))
        .order(claim_documents::id.asc())
        .select(DocumentRow::as_select())
        .load(conn)?)
}
