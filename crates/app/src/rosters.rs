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
use huzhu_store::{batches, org_units, plans, policies, Backend, DbConn, StoreError};
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

/// A plan's rows made ready to write: the members new to the register with their ID numbers
/// and mobiles sealed, and every policy with its premium.
struct Sealed<'p> {
    new_members: Vec<members::NewMember<'p>>,
    pending: Vec<PendingPolicy>,
}

fn changed_meanwhile() -> AppError {
    AppError::conflict(
        ErrorCode::RosterChangedMeanwhile,
        "while the roster was being enrolled, some of its members were enrolled or registered elsewhere; nothing of it was kept — upload it again to see them",
    )
}

fn commit_event(batch: &Batch, new_members: usize) -> Event {
    Event::of("roster.commit", "batch", batch.id)
        .fact("org_unit", batch.org_unit_id)
        .fact("plan", &batch.plan_code)
        .fact("members", batch.member_count)
        .fact("new_members", new_members)
        .fact(
            "premium_total",
            Money::from_fen(batch.premium_fen).to_string(),
        )
        .fact("file_sha256", &batch.file_sha256)
}

/// The answer to a commit, built from what was just written rather than read back.
fn answer(
    plan: &Plan,
    pending: &[PendingPolicy],
    enrolled: Vec<(i64, i64)>,
    batch: Batch,
) -> BatchRecord {
    let policies = plan
        .entries
        .iter()
        .zip(pending)
        .zip(enrolled)
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
    BatchRecord { batch, policies }
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

    /// Seals what needs the keys (ID numbers and mobiles of members new to the register) and
    /// works out every policy's premium, before any write.
    fn seal<'p>(&self, plan: &'p Plan, unit: i64) -> AppResult<Sealed<'p>> {
        let mut new_members = Vec::new();
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
                    new_members.push(members::NewMember {
                        org_unit_id: unit,
                        name: &entry.name,
                        id_number_hash: hash,
                        id_number,
                        gender: entry.id.gender(),
                        birth_date: entry.id.birth_date(),
                        category: entry.category,
                        mobile,
                        bank_card: None,
                        bank_card_luhn_override_by: None,
                        health_consent: false,
                    });
                    Holder::New(new_members.len() - 1)
                }
            };
            pending.push(PendingPolicy {
                holder,
                shares: i32::try_from(entry.shares).map_err(internal)?,
                premium_fen: premium(&plan.terms, entry.shares).fen().map_err(internal)?,
            });
        }
        Ok(Sealed {
            new_members,
            pending,
        })
    }

    /// The batch's own row, as the plan describes it.
    fn new_batch<'p>(plan: &'p Plan, unit: i64, by: i64) -> AppResult<batches::NewBatch<'p>> {
        Ok(batches::NewBatch {
            org_unit_id: unit,
            plan_version_id: plan.version_id,
            plan_code: &plan.report.plan_code,
            file_sha256: &plan.report.file_sha256,
            member_count: i32::try_from(plan.entries.len()).map_err(internal)?,
            premium_fen: Money::parse(&plan.report.premium_total)
                .and_then(|m| m.fen())
                .map_err(internal)?,
            created_by: Some(by),
        })
    }

    /// Checks a roster for a commit, inside the reads of the caller: `Err` with the batch an
    /// identical file already made (nothing to do), the plan otherwise; a roster with any
    /// problem is refused with the report in `details`.
    fn check_for_commit(
        &self,
        c: &mut DbConn,
        reach: &Reach,
        roster: &Roster,
        today: NaiveDate,
    ) -> AppResult<Result<Plan, BatchRecord>> {
        let sha = &roster.file_sha256;
        let unit = roster.org_unit_id;
        org_units::get_within(c, reach, unit).map_err(|_| {
            AppError::invalid_field(
                ErrorCode::OrgUnitNotFound,
                "org_unit_id",
                "the union does not exist in your part of the organisation",
            )
        })?;
        let version = PlanCode::parse(&roster.plan_code)
            .ok()
            .map(|code| plans::active_version(c, code.as_str()))
            .transpose()?
            .flatten();
        if let Some(version) = version {
            if let Some(existing) = batches::find_same_file(c, unit, version.id, sha)? {
                if batches::importing(c, existing.id)? {
                    return Err(AppError::conflict(
                        ErrorCode::RosterImportInProgress,
                        "this file is being enrolled for this union right now; look at its batch in a moment",
                    ));
                }
                return Ok(Err(batch_record(c, existing)?));
            }
        }
        let plan = self.prepare(c, reach, roster, today)?;
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
        Ok(Ok(plan))
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
    ///
    /// On PostgreSQL it is one transaction. On SQLite, whose one write lock would otherwise be
    /// held for seconds by a large roster, the roster is checked and sealed outside the lock
    /// and written in parts of `AppConfig::roster_part_rows` rows, each its own short
    /// transaction, under a batch that stays out of sight until the last part has landed
    /// (docs/architecture.md, "Long imports").
    pub fn commit_roster(&self, actor: &Actor, roster: Roster) -> AppResult<(bool, BatchRecord)> {
        if self.store.backend() == Backend::Sqlite {
            return self.commit_roster_in_parts(actor, roster);
        }
        let reach = actor.staff_reach()?;
        let by = actor.account_id()?;
        let now = self.now();
        let today = china_date(now);
        self.change(actor, |c| {
            let plan = match self.check_for_commit(c, reach, &roster, today)? {
                Ok(plan) => plan,
                Err(same) => return Ok(Done::unchanged((false, same))),
            };
            let unit = roster.org_unit_id;
            let sealed = self.seal(&plan, unit)?;
            let batch = batches::insert(c, Self::new_batch(&plan, unit, by)?, now)?;
            let enrolled = enrollment::insert_roster(
                c,
                &sealed.new_members,
                batch.id,
                plan.version_id,
                &plan.report.plan_code,
                &sealed.pending,
                now,
            )?;
            let event = commit_event(&batch, sealed.new_members.len());
            let record = answer(&plan, &sealed.pending, enrolled.policies, batch);
            Ok(Done::new((true, record), event))
        })
    }

    fn commit_roster_in_parts(
        &self,
        actor: &Actor,
        roster: Roster,
    ) -> AppResult<(bool, BatchRecord)> {
        let reach = actor.staff_reach()?;
        let by = actor.account_id()?;
        let now = self.now();
        let today = china_date(now);
        let unit = roster.org_unit_id;
        // The newest policy is read before the check: anything enrolled after it is looked
        // for again when the roster is published.
        let (plan, policies_before) = match self.store.read(|c| {
            let before = batches::newest_policy(c)?;
            Ok::<_, AppError>((self.check_for_commit(c, reach, &roster, today)?, before))
        })? {
            (Ok(plan), before) => (plan, before),
            (Err(same), _) => return Ok((false, same)),
        };
        let sealed = self.seal(&plan, unit)?;
        let batch = self.store.write(|c| {
            let batch = batches::insert_unbooked(c, Self::new_batch(&plan, unit, by)?, now)?;
            batches::start_import(c, batch.id, policies_before, now)?;
            Ok::<_, AppError>(batch)
        })?;
        let published = self
            .write_parts(&plan, &sealed, batch.id, now)
            .and_then(|enrolled| {
                self.change(actor, |c| {
                    if !batches::importing(c, batch.id)? {
                        return Err(changed_meanwhile());
                    }
                    if batches::enrolled_meanwhile(
                        c,
                        batch.id,
                        &plan.report.plan_code,
                        policies_before,
                    )?
                    .is_some()
                    {
                        return Err(changed_meanwhile());
                    }
                    batches::book_premium_due(c, &batch, now)?;
                    batches::finish_import(c, batch.id)?;
                    let event = commit_event(&batch, sealed.new_members.len());
                    let record = answer(&plan, &sealed.pending, enrolled, batch.clone());
                    Ok(Done::new((true, record), event))
                })
            });
        if published.is_err() {
            self.abandon_import(batch.id);
        }
        published
    }

    /// Writes the sealed rows in parts, each in its own transaction; the ids of the policies
    /// and their holders, in the plan's order.
    fn write_parts(
        &self,
        plan: &Plan,
        sealed: &Sealed<'_>,
        batch_id: i64,
        now: DateTime<Utc>,
    ) -> AppResult<Vec<(i64, i64)>> {
        let mut enrolled = Vec::with_capacity(sealed.pending.len());
        let mut first_new = 0;
        for part in sealed.pending.chunks(self.config.roster_part_rows.max(1)) {
            let news = part
                .iter()
                .filter(|p| matches!(p.holder, Holder::New(_)))
                .count();
            let registered = &sealed.new_members[first_new..first_new + news];
            // Holders of new members point into this part's slice of them.
            let part: Vec<PendingPolicy> = part
                .iter()
                .map(|p| PendingPolicy {
                    holder: match p.holder {
                        Holder::New(i) => Holder::New(i - first_new),
                        existing => existing,
                    },
                    ..p.clone()
                })
                .collect();
            first_new += news;
            let written = self
                .store
                .write(|c| {
                    enrollment::insert_roster(
                        c,
                        registered,
                        batch_id,
                        plan.version_id,
                        &plan.report.plan_code,
                        &part,
                        now,
                    )
                })
                .map_err(|e| match e {
                    // A member of the roster was registered by someone else meanwhile.
                    StoreError::Conflict { .. } => changed_meanwhile(),
                    other => other.into(),
                })?;
            enrolled.extend(written.policies);
        }
        Ok(enrolled)
    }

    /// Removes what an unfinished import wrote, a part at a time, and its batch.
    fn abandon_import(&self, batch_id: i64) {
        let part = i64::try_from(self.config.roster_part_rows.max(1)).unwrap_or(i64::MAX);
        loop {
            match self
                .store
                .write(|c| batches::remove_import_part(c, batch_id, part))
            {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) => {
                    tracing::error!(batch_id, error = %e, "could not remove an unfinished roster import; it is removed at the next start");
                    break;
                }
            }
        }
    }

    /// Removes the imports a stopped server left unfinished (none of them is running: an
    /// import lives in the process that started it, and SQLite serves one process). Returns
    /// how many there were.
    pub fn recover_roster_imports(&self) -> AppResult<usize> {
        let unfinished = self.store.read(batches::unfinished_imports)?;
        for &batch_id in &unfinished {
            tracing::warn!(
                batch_id,
                "removing a roster import the server left unfinished"
            );
            self.abandon_import(batch_id);
        }
        Ok(unfinished.len())
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
