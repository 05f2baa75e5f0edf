//! Group enrollment from a union's roster (docs/domain.md §2): a dry run reports every problem
//! row by row and writes nothing; a commit enrolls all rows or none, once per file; one payment
//! for the batch starts every policy in it.

use crate::actor::{Actor, Reach};
use crate::coverage::optional_plan_code;
use crate::enrollment::{activate_all_paid, checked_payment, Payment};
use crate::error::{AppError, AppResult};
use crate::members::union_in_scope;
use crate::protect::id_number_hash;
use crate::records::{Member, Paged, Paging};
use crate::unit::{Answer, Done, Event, IdempotencyKey};
use crate::App;
use chrono::{DateTime, NaiveDate, Utc};
use huzhu_domain::coverage::PolicyState;
use huzhu_domain::eligibility::{
    check_group, check_person, prospective_start, Applicant, Channel, ExistingCover,
};
use huzhu_domain::plan::{china_date, premium, CoverPeriod, PlanCode, PlanTerms};
use huzhu_domain::roster::EnrollmentBatchStatus;
use huzhu_domain::roster::{
    read_rows, RawRow, RosterEntry, RosterIssue, RosterReport, RowIssue, UnitProblem,
};
use huzhu_domain::{ErrorCode, Money};
use huzhu_store::enrollment::{self, Holder, PendingPolicy};
use huzhu_store::members::{self, Protected};
use huzhu_store::{batches, org_units, plans, policies, DbConn, StoreError};
use serde::Serialize;
use std::collections::HashMap;

pub use huzhu_store::batches::Batch;

/// A roster as uploaded: the union, the plan, the defaults, its rows as read from the file and
/// the file's SHA-256 (committing the same file again enrolls nobody twice).
#[derive(Debug, Clone)]
pub struct Roster {
    pub org_unit_id: i64,
    pub plan_code: String,
    /// Shares for rows that leave the shares column empty (default 1).
    pub shares: Option<u32>,
    /// Members the union has in all, for the plan's participation rate.
    pub headcount: Option<u32>,
    pub rows: Vec<RawRow>,
    pub file_sha256: String,
}

/// A policy of a batch with its holder.
#[derive(Debug, Clone)]
pub struct BatchMember {
    pub policy_id: i64,
    pub member_id: i64,
    pub member_name: String,
    pub id_number_masked: String,
    pub shares: i32,
    pub premium_fen: i64,
    pub status: PolicyState,
    pub start_date: Option<NaiveDate>,
    pub waiting_period_end: Option<NaiveDate>,
}

/// A committed roster and its policies.
#[derive(Debug, Clone)]
pub struct BatchRecord {
    pub batch: Batch,
    pub policies: Vec<BatchMember>,
}

/// A row that passed every check, with the member it names if already registered and the keyed
/// hash of its ID number.
struct Checked {
    entry: RosterEntry,
    member: Option<Member>,
    hash: String,
}

/// Everything a commit would do, worked out without writing.
struct Plan {
    report: RosterReport,
    version_id: i64,
    entries: Vec<Checked>,
    terms: PlanTerms,
}

fn issue(i: RowIssue) -> RosterIssue {
    RosterIssue {
        line: i.line,
        column: i.column.to_string(),
        code: i.code,
        message: i.message,
    }
}

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::corrupt(e.to_string())
}

fn batch_record(c: &mut DbConn, batch: Batch) -> AppResult<BatchRecord> {
    let policies = policies::of_batch_with_holders(c, batch.id)?
        .into_iter()
        .map(|h| BatchMember {
            policy_id: h.policy.id,
            member_id: h.policy.member_id,
            member_name: h.member_name,
            id_number_masked: h.id_number_masked,
            shares: h.policy.shares,
            premium_fen: h.policy.premium_fen,
            status: h.policy.status,
            start_date: h.policy.start_date,
            waiting_period_end: h.policy.waiting_period_end,
        })
        .collect();
    Ok(BatchRecord { batch, policies })
}

fn batch_in_scope(c: &mut DbConn, reach: &Reach, id: i64) -> AppResult<Batch> {
    let not_found = || AppError::not_found(ErrorCode::BatchNotFound, "enrollment batch");
    batches::get_within(c, reach, id).map_err(|e| match e {
        StoreError::NotFound => not_found(),
        other => other.into(),
    })
}

/// What a list of batches is filtered by, as asked.
#[derive(Debug, Clone)]
pub struct BatchQuery {
    pub org_unit_id: Option<i64>,
    pub plan_code: Option<String>,
    pub status: Option<String>,
    pub paging: Paging,
}

impl App {
    fn prepare(
        &self,
        c: &mut DbConn,
        reach: &Reach,
        q: &Roster,
        today: NaiveDate,
    ) -> AppResult<Plan> {
        let unit = union_in_scope(c, reach, q.org_unit_id)?;
        let code = PlanCode::parse(&q.plan_code).map_err(|e| {
            AppError::invalid_field(ErrorCode::PlanCode, "plan_code", e.to_string())
        })?;
        let (version, terms) = crate::plans::in_force(c, &code)?;
        let (entries, mut row_issues) = read_rows(&q.rows, q.shares.unwrap_or(1));
        let mut checked = Vec::with_capacity(entries.len());
        // One look-up per chunk of the file instead of one per row.
        let key = &self.keys()?.lookup_key;
        let hashes: Vec<String> = entries.iter().map(|e| id_number_hash(key, &e.id)).collect();
        let mut known: HashMap<String, Member> = members::find_by_id_number_hashes(c, &hashes)?
            .into_iter()
            .collect();
        let known_ids: Vec<i64> = known.values().map(|m| m.id).collect();
        let mut held = policies::of_members_in_plan(c, &known_ids, code.as_str())?;
        for (entry, hash) in entries.into_iter().zip(hashes) {
            let member = known.remove(&hash);
            let mut existing = Vec::new();
            let mut pending = false;
            if let Some(m) = &member {
                if m.org_unit_id != unit.id {
                    row_issues.push(RowIssue::new_public(
                        entry.line,
                        "id_number",
                        ErrorCode::RosterOtherUnion,
                        "this person is registered with another union; move them first",
                    ));
                    continue;
                }
                for p in held
                    .remove(&m.id)
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|p| p.status != PolicyState::Terminated)
                {
                    match (p.start_date, p.end_date) {
                        (Some(start), Some(end)) => existing.push(ExistingCover {
                            plan_code: code.clone(),
                            period: CoverPeriod { start, end },
                        }),
                        _ => {
                            pending = true;
                            row_issues.push(RowIssue::new_public(
                                entry.line,
                                "id_number",
                                ErrorCode::RosterPendingExists,
                                "already enrolled in this plan and waiting for payment",
                            ))
                        }
                    }
                }
            }
            let starts = prospective_start(&terms, today, &existing);
            let applicant = Applicant {
                id_number: &entry.id,
                category: member.as_ref().map_or(entry.category, |m| m.category),
                shares: entry.shares,
                channel: Channel::Group,
                applied_on: today,
            };
            match check_person(&terms, &applicant, starts, &existing) {
                Ok(()) if !pending => checked.push(Checked {
                    entry,
                    member,
                    hash,
                }),
                Ok(()) => {}
                Err(problems) => {
                    row_issues.extend(problems.iter().map(|p| RowIssue::ineligible(entry.line, p)))
                }
            }
        }
        row_issues.sort_by_key(|i| i.line);
        let shares: Vec<u32> = checked.iter().map(|c| c.entry.shares).collect();
        let unit_problems = match (terms.min_participation_percent, q.headcount) {
            (Some(_), None) => vec![UnitProblem {
                code: ErrorCode::RosterHeadcountRequired,
                message: "this plan requires a participation rate: give the union's headcount"
                    .into(),
            }],
            _ => check_group(&terms, q.headcount.unwrap_or(shares.len() as u32), &shares)
                .err()
                .unwrap_or_default()
                .iter()
                .map(|p| UnitProblem {
                    code: p.code(),
                    message: p.to_string(),
                })
                .collect(),
        };
        let total: i64 = checked
            .iter()
            .map(|c| premium(&terms, c.entry.shares).fen().unwrap_or(0))
            .sum();
        let report = RosterReport {
            plan_code: code.as_str().to_string(),
            rows: q.rows.len(),
            valid_rows: checked.len(),
            issues: row_issues.into_iter().map(issue).collect(),
            unit_problems,
            premium_total: Money::from_fen(total).to_string(),
            new_members: checked.iter().filter(|c| c.member.is_none()).count(),
            file_sha256: q.file_sha256.clone(),
        };
        Ok(Plan {
            report,
            version_id: version.id,
            entries: checked,
            terms,
        })
    }

    fn commit_plan(
        &self,
        c: &mut DbConn,
        plan: Plan,
        unit: i64,
        by: i64,
        now: DateTime<Utc>,
    ) -> AppResult<BatchRecord> {
        let batch = batches::insert(
            c,
            batches::NewBatch {
                org_unit_id: unit,
                plan_version_id: plan.version_id,
                plan_code: &plan.report.plan_code,
                file_sha256: &plan.report.file_sha256,
                member_count: i32::try_from(plan.entries.len()).map_err(internal)?,
                premium_fen: Money::parse(&plan.report.premium_total)
                    .and_then(|m| m.fen())
                    .map_err(internal)?,
                created_by: Some(by),
            },
            now,
        )?;
        // Everything that needs the keys is sealed first; the writes then go in multi-row
        // statements.
        let mut sealed = Vec::new();
        let mut pending = Vec::with_capacity(plan.entries.len());
        for Checked {
            entry,
            member,
            hash,
        } in &plan.entries
        {
            let holder = match member {
                Some(m) => Holder::Existing(m.id),
                None => {
                    let id_number = Protected {
                        ciphertext: self.sealer()?.seal(entry.id.as_str())?,
                        masked: entry.id.masked(),
                    };
                    let mobile = match &entry.mobile {
                        Some(m) => Some(Protected {
                            ciphertext: self.sealer()?.seal(m.as_str())?,
                            masked: m.masked(),
                        }),
                        None => None,
                    };
                    sealed.push((entry, hash, id_number, mobile));
                    Holder::New(sealed.len() - 1)
                }
            };
            pending.push(PendingPolicy {
                holder,
                shares: i32::try_from(entry.shares).map_err(internal)?,
                premium_fen: premium(&plan.terms, entry.shares).fen().map_err(internal)?,
            });
        }
        let new_members: Vec<members::NewMember<'_>> = sealed
            .iter()
            .map(|(entry, hash, protected, mobile)| members::NewMember {
                org_unit_id: unit,
                name: &entry.name,
                id_number_hash: hash,
                id_number: protected.clone(),
                gender: entry.id.gender(),
                birth_date: entry.id.birth_date(),
                category: entry.category,
                mobile: mobile.clone(),
                bank_card: None,
                bank_card_luhn_override_by: None,
                health_consent: false,
            })
            .collect();
        let enrolled = enrollment::insert_roster(
            c,
            &new_members,
            batch.id,
            plan.version_id,
            &plan.report.plan_code,
            &pending,
            now,
        )?;
        // The answer is built from what was just written rather than read back.
        let policies = plan
            .entries
            .iter()
            .zip(&pending)
            .zip(enrolled.policies)
            .map(|((checked, p), (policy_id, member_id))| BatchMember {
                policy_id,
                member_id,
                member_name: checked
                    .member
                    .as_ref()
                    .map_or_else(|| checked.entry.name.clone(), |m| m.name.clone()),
                id_number_masked: checked
                    .member
                    .as_ref()
                    .map_or_else(|| checked.entry.id.masked(), |m| m.id_number.masked.clone()),
                shares: p.shares,
                premium_fen: p.premium_fen,
                status: PolicyState::PendingPayment,
                start_date: None,
                waiting_period_end: None,
            })
            .collect();
        Ok(BatchRecord { batch, policies })
    }

    /// Checks a roster without writing anything: every problem with its line, column, code
    /// and message, the unit's problems, and the totals.
    pub fn dry_run_roster(&self, actor: &Actor, roster: &Roster) -> AppResult<RosterReport> {
        let reach = actor.staff_reach()?;
        let today = china_date(self.now());
        self.store
            .read(|c| Ok(self.prepare(c, reach, roster, today)?.report))
    }

    /// Commits a roster: all rows or none. A roster with any problem is refused with the
    /// report in `details`; the same file committed again gives the batch it made the first
    /// time (`false`: nothing new was written).
    pub fn commit_roster(&self, actor: &Actor, roster: Roster) -> AppResult<(bool, BatchRecord)> {
        let reach = actor.staff_reach()?;
        let by = actor.account_id()?;
        let now = self.now();
        let today = china_date(now);
        self.change(actor, |c| {
            let sha = &roster.file_sha256;
            let unit = roster.org_unit_id;
            org_units::get_within(c, reach, unit).map_err(|_| AppError::invalid_field(ErrorCode::OrgUnitNotFound, "org_unit_id", "the union does not exist in your part of the organisation"))?;
            if let Some(version) = PlanCode::parse(&roster.plan_code).ok().map(|code| plans::active_version(c, code.as_str())).transpose()?.flatten() {
                if let Some(existing) = batches::find_same_file(c, unit, version.id, sha)? {
                    return Ok(Done::unchanged((false, batch_record(c, existing)?)));
                }
            }
            let plan = self.prepare(c, reach, &roster, today)?;
            if !plan.report.issues.is_empty() || !plan.report.unit_problems.is_empty() {
                return Err(AppError::Invalid {
                    code: ErrorCode::RosterInvalid,
                    message: format!(
                        "the roster cannot be enrolled: {} row problem(s), {} unit problem(s); nothing was written — fix the file and upload it again",
                        plan.report.issues.len(),
                        plan.report.unit_problems.len()
                    ),
                    details: serde_json::to_value(&plan.report).ok(),
                });
            }
            let new_members = plan.entries.iter().filter(|e| e.member.is_none()).count();
            let batch = self.commit_plan(c, plan, unit, by, now)?;
            let event = Event::of("roster.commit", "batch", batch.batch.id)
                .fact("org_unit", batch.batch.org_unit_id)
                .fact("plan", &batch.batch.plan_code)
                .fact("members", batch.batch.member_count)
                .fact("new_members", new_members)
                .fact("premium_total", Money::from_fen(batch.batch.premium_fen).to_string())
                .fact("file_sha256", &batch.batch.file_sha256);
            Ok(Done::new((true, batch), event))
        })
    }

    /// A committed roster of the actor's subtree and its policies.
    pub fn enrollment_batch(&self, actor: &Actor, id: i64) -> AppResult<BatchRecord> {
        let reach = actor.staff_reach()?;
        self.store.read(|c| {
            let b = batch_in_scope(c, reach, id)?;
            batch_record(c, b)
        })
    }

    /// A batch with the name of its union (for the workbook).
    pub fn enrollment_batch_of_union(
        &self,
        actor: &Actor,
        id: i64,
    ) -> AppResult<(BatchRecord, String)> {
        let reach = actor.staff_reach()?;
        self.store.read(|c| {
            let b = batch_in_scope(c, reach, id)?;
            let unit = org_units::get(c, b.org_unit_id)?;
            Ok((batch_record(c, b)?, unit.name))
        })
    }

    /// Records the union's payment for a batch: the amount must equal its premium. Every
    /// policy of the batch then starts its cover.
    pub fn pay_enrollment_batch<V: Serialize>(
        &self,
        actor: &Actor,
        key: Option<&IdempotencyKey>,
        status: u16,
        id: i64,
        req: Payment,
        show: impl FnOnce(&BatchRecord) -> V,
    ) -> AppResult<Answer> {
        let now = self.now();
        let (amount_fen, reference) =
            checked_payment(&req.amount, &req.reference, req.paid_on, china_date(now))?;
        let reach = actor.staff_reach()?;
        let by = actor.account_id()?;
        self.change_once(actor, key, status, |c| {
            let batch = batch_in_scope(c, reach, id)?;
            if batch.status != EnrollmentBatchStatus::PendingPayment {
                return Err(AppError::conflict(
                    ErrorCode::BatchAlreadyPaid,
                    "this batch is paid already",
                ));
            }
            if amount_fen != batch.premium_fen {
                return Err(AppError::invalid_field(
                    ErrorCode::ContributionAmountMismatch,
                    "amount",
                    format!(
                        "the batch's premium is {}; the payment must be exactly that",
                        Money::from_fen(batch.premium_fen)
                    ),
                ));
            }
            let payment = batches::BatchPayment {
                batch_id: id,
                amount_fen,
                channel: req.channel,
                reference: &reference,
                paid_on: req.paid_on,
                recorded_by: Some(by),
            };
            if !batches::record_payment(c, payment, now)? {
                return Err(AppError::conflict(
                    ErrorCode::BatchAlreadyPaid,
                    "this batch was paid meanwhile",
                ));
            }
            let enrolled = policies::of_batch(c, id)?;
            activate_all_paid(c, &enrolled, req.paid_on, now)?;
            let paid = batches::get(c, id)?;
            let answer = batch_record(c, paid)?;
            let event = Event::of("batch.pay", "batch", id)
                .fact("amount", Money::from_fen(amount_fen).to_string())
                .fact("reference", &reference)
                .fact("paid_on", req.paid_on);
            Ok(Done::new(show(&answer), event))
        })
    }

    /// The committed rosters of the actor's subtree, newest first, each with its union's
    /// name.
    pub fn enrollment_batches(
        &self,
        actor: &Actor,
        q: BatchQuery,
    ) -> AppResult<Paged<(Batch, String)>> {
        let plan_code = optional_plan_code(q.plan_code.as_deref())?;
        let status = match q.status.as_deref() {
            None => None,
            Some(s) => Some(EnrollmentBatchStatus::parse(s).ok_or_else(|| {
                AppError::invalid_field(
                    ErrorCode::BatchUnknownStatus,
                    "status",
                    format!("unknown batch status `{s}`: use pending_payment or paid"),
                )
            })?),
        };
        let filter = batches::BatchFilter {
            org_unit_id: q.org_unit_id,
            plan_code,
            status,
        };
        let reach = actor.staff_reach()?;
        let (items, total) = self
            .store
            .read(|c| batches::list(c, reach, &filter, q.paging))?;
        Ok(Paged {
            items,
            total,
            paging: q.paging,
        })
    }
}
