//! Meetings of the bodies (docs/domain.md §6): convened with enough notice, attendance
//! recorded, motions tabled, ballots cast by the seats present, votes counted by the rules, and
//! what a passed resolution decides put into effect in the same transaction: a plan version
//! approved and put in force, a budget or articles adopted, an election's winner seated.

use crate::actor::{Actor, ActorId};
use crate::error::{AppError, AppResult};
use crate::governance::seatable_account;
use crate::unit::{Done, Event};
use crate::App;
use chrono::{DateTime, NaiveDate, Utc};
use huzhu_domain::field_rules::{max_chars, required_paragraphs, required_text};
use huzhu_domain::governance::motion::MotionRequest;
use huzhu_domain::governance::{
    self as rules, Body, Choice, MeetingStatus, MotionKind, MotionStatus, MotionType, Tally,
    Threshold,
};
use huzhu_domain::plan::{china_date, PlanVersionState};
use huzhu_domain::{ErrorCode, Permission};
use huzhu_store::{accounts, governance as gov, plans, DbConn, StoreError};

pub use huzhu_store::governance::{Meeting, Motion, Seat, Term};

/// A ballot on record: for a secret ballot only that the seat voted, not how.
#[derive(Debug, Clone)]
pub struct BallotRecord {
    pub seat_id: i64,
    pub holder: String,
    pub choice: Option<Choice>,
}

/// A motion with its body, the threshold it needs, its scrutineers, the ballots on record
/// and whether the actor's seat has voted.
#[derive(Debug, Clone)]
pub struct MotionRecord {
    pub motion: Motion,
    pub body: Body,
    pub threshold: Threshold,
    pub scrutineers: Vec<Seat>,
    pub ballots: Vec<BallotRecord>,
    pub candidate_name: Option<String>,
    pub voted: bool,
}

/// How many seats the body has, how many are present, how many a quorum needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quorum {
    pub members: u32,
    pub present: u32,
    pub needed: u32,
    pub quorate: bool,
}

/// A meeting with its term, seats, attendance, quorum, agenda and the actor's seat.
#[derive(Debug, Clone)]
pub struct MeetingRecord {
    pub meeting: Meeting,
    pub term: Term,
    pub seats: Vec<Seat>,
    pub present: Vec<i64>,
    pub quorum: Quorum,
    pub motions: Vec<MotionRecord>,
    pub my_seat: Option<i64>,
}

/// A meeting to convene.
#[derive(Debug, Clone)]
pub struct Convening {
    pub body: Body,
    pub title: String,
    pub location: String,
    pub starts_at: DateTime<Utc>,
    pub notice_given_on: NaiveDate,
}

/// The account of a person acting (integrators and the operator hold no seats).
fn person(actor: &Actor) -> Option<i64> {
    match actor.id {
        ActorId::Staff(id) | ActorId::Member(id) => Some(id),
        _ => None,
    }
}

fn meeting_not_found() -> AppError {
    AppError::not_found(ErrorCode::GovernanceMeetingNotFound, "meeting")
}

fn motion_not_found() -> AppError {
    AppError::not_found(ErrorCode::GovernanceMotionNotFound, "motion")
}

fn or_not_found(e: StoreError, not_found: fn() -> AppError) -> AppError {
    match e {
        StoreError::NotFound => not_found(),
        other => other.into(),
    }
}

fn kind_of(m: &gov::Motion) -> AppResult<MotionKind> {
    MotionKind::of(m.kind, m.elect_to)
        .ok_or_else(|| AppError::corrupt(format!("motion {} elects to no body", m.id)))
}

fn threshold_name(t: Threshold) -> &'static str {
    match t {
        Threshold::MajorityOfPresent => "majority_of_present",
        Threshold::TwoThirdsOfPresent => "two_thirds_of_present",
    }
}

/// Who may see a meeting: readers of governance see all; others only the bodies they sit on.
fn visible_terms(c: &mut DbConn, actor: &Actor) -> AppResult<Option<Vec<i64>>> {
    if actor.may(Permission::GovernanceRead) {
        return Ok(None);
    }
    Ok(Some(match person(actor) {
        Some(id) => gov::terms_seating(c, id)?,
        None => Vec::new(),
    }))
}

/// The caller's seat in a term, when the caller is a person (integrators hold no seats).
fn seat_of_actor(c: &mut DbConn, actor: &Actor, term_id: i64) -> AppResult<Option<gov::Seat>> {
    match person(actor) {
        Some(id) => Ok(gov::seat_of(c, term_id, id)?),
        None => Ok(None),
    }
}

fn motion_record(
    c: &mut DbConn,
    m: gov::Motion,
    body: Body,
    my_seat: Option<i64>,
) -> AppResult<MotionRecord> {
    let kind = kind_of(&m)?;
    let threshold = rules::threshold(body, kind)
        .map_err(|e| AppError::corrupt(format!("motion {}: {e}", m.id)))?;
    let scrutineer_ids = gov::scrutineers(c, m.id)?;
    let scrutineers = gov::seats_by_id(c, &scrutineer_ids)?;
    let on_record = gov::ballots(c, m.id)?;
    let ids: Vec<i64> = on_record.iter().map(|(s, _)| *s).collect();
    let holders = gov::seats_by_id(c, &ids)?;
    let ballots: Vec<BallotRecord> = on_record
        .into_iter()
        .map(|(seat_id, choice)| BallotRecord {
            seat_id,
            holder: holders
                .iter()
                .find(|s| s.id == seat_id)
                .map(|s| s.holder.clone())
                .unwrap_or_default(),
            // A choice the store cannot read is shown as none rather than failing the page.
            choice: choice.as_deref().and_then(Choice::parse),
        })
        .collect();
    let candidate_name = match m.candidate_account_id {
        Some(id) => Some(accounts::get(c, id)?.display_name),
        None => None,
    };
    let voted = my_seat.is_some_and(|s| ballots.iter().any(|b| b.seat_id == s));
    Ok(MotionRecord {
        motion: m,
        body,
        threshold,
        scrutineers,
        ballots,
        candidate_name,
        voted,
    })
}

fn meeting_record(c: &mut DbConn, actor: &Actor, m: gov::Meeting) -> AppResult<MeetingRecord> {
    let term = gov::term(c, m.term_id)?;
    let body = term.body;
    let seats: Vec<gov::Seat> = gov::seats_of_term(c, term.id)?;
    let present = gov::attendance(c, m.id)?;
    let my_seat = seat_of_actor(c, actor, term.id)?.map(|s| s.id);
    let members = seats.len() as u32;
    let needed = rules::quorum_needed(members);
    let motions = gov::motions_of_meeting(c, m.id)?
        .into_iter()
        .map(|x| motion_record(c, x, body, my_seat))
        .collect::<AppResult<Vec<_>>>()?;
    let quorum = Quorum {
        members,
        present: present.len() as u32,
        needed,
        quorate: members > 0 && present.len() as u32 >= needed,
    };
    Ok(MeetingRecord {
        meeting: m,
        term,
        seats,
        present,
        quorum,
        motions,
        my_seat,
    })
}

/// The meeting, if the caller may see it (404 otherwise, like anything out of reach).
fn visible_meeting(c: &mut DbConn, actor: &Actor, id: i64) -> AppResult<gov::Meeting> {
    let m = gov::meeting(c, id).map_err(|e| or_not_found(e, meeting_not_found))?;
    match visible_terms(c, actor)? {
        Some(terms) if !terms.contains(&m.term_id) => Err(meeting_not_found()),
        _ => Ok(m),
    }
}

fn scheduled(m: &gov::Meeting) -> AppResult<()> {
    if m.status != MeetingStatus::Scheduled {
        return Err(gov::meeting_closed().into());
    }
    Ok(())
}

fn field_error(field: &str, message: impl Into<String>) -> AppError {
    AppError::invalid_field(ErrorCode::GovernanceMotionField, field, message)
}

fn check_plan_version(c: &mut DbConn, version_id: i64) -> AppResult<()> {
    let v = match plans::get_version(c, version_id) {
        Err(StoreError::NotFound) => {
            return Err(field_error("plan_version_id", "no such plan version"))
        }
        other => other?,
    };
    if v.state != PlanVersionState::Draft {
        return Err(AppError::conflict(
            ErrorCode::PlanNotDraft,
            format!(
                "plan version {} of {} is {}; only a draft is put to the council",
                v.version, v.code, v.state
            ),
        ));
    }
    if gov::motions_of_plan_version(c, version_id)?
        .iter()
        .any(|m| m.status == MotionStatus::Open)
    {
        return Err(AppError::conflict(
            ErrorCode::GovernanceMotionPending,
            "a motion on this plan version is already open",
        ));
    }
    Ok(())
}

/// The candidate may be elected to `to` and the scrutineers may scrutinise.
fn check_election(
    c: &mut DbConn,
    candidate_account_id: i64,
    scrutineer_seat_ids: &[i64],
    to: Body,
    today: NaiveDate,
) -> AppResult<()> {
    let candidate = seatable_account(c, Some(candidate_account_id), None)?;
    let term = gov::term_on(c, to, today)?.ok_or_else(|| {
        AppError::conflict(
            ErrorCode::GovernanceNoTerm,
            "the body elected to has no running term; open its term first",
        )
    })?;
    if gov::seat_of(c, term.id, candidate.id)?.is_some() {
        return Err(AppError::conflict(
            ErrorCode::GovernanceAlreadySeated,
            "the candidate already holds a seat in that body",
        ));
    }
    let seats = gov::seats_by_id(c, scrutineer_seat_ids)?;
    if seats.len() != scrutineer_seat_ids.len() {
        return Err(field_error(
            "scrutineer_seat_ids",
            "a scrutineer seat does not exist",
        ));
    }
    let mut scrutineers = Vec::new();
    for s in &seats {
        let t = gov::term(c, s.term_id)?;
        scrutineers.push(rules::Scrutineer {
            seat_id: s.id,
            body: t.body,
            account_id: s.account_id,
        });
    }
    rules::check_scrutineers(candidate.id, &scrutineers).map_err(|e| {
        AppError::invalid_field(
            ErrorCode::GovernanceScrutineer,
            "scrutineer_seat_ids",
            e.to_string(),
        )
    })
}

/// A motion with its meeting and term, if the caller may see it.
fn motion_in_reach(
    c: &mut DbConn,
    actor: &Actor,
    id: i64,
) -> AppResult<(gov::Motion, gov::Meeting, gov::Term)> {
    let motion = gov::motion(c, id).map_err(|e| or_not_found(e, motion_not_found))?;
    let meeting = visible_meeting(c, actor, motion.meeting_id).map_err(|e| match e {
        AppError::NotFound { .. } => motion_not_found(),
        other => other,
    })?;
    let term = gov::term(c, meeting.term_id)?;
    Ok((motion, meeting, term))
}

fn started(m: &gov::Meeting, now: DateTime<Utc>) -> AppResult<()> {
    if now < m.starts_at.and_utc() {
        return Err(AppError::conflict(
            ErrorCode::GovernanceNotStarted,
            format!(
                "the meeting begins at {}; voting opens then",
                m.starts_at.and_utc()
            ),
        ));
    }
    Ok(())
}

/// Puts a passed resolution into effect, and says what it enacted.
fn enact(c: &mut DbConn, m: &gov::Motion, by: i64, now: DateTime<Utc>) -> AppResult<Vec<Event>> {
    match m.kind {
        MotionType::ApprovePlanVersion => {
            let v = m
                .plan_version_id
                .ok_or_else(|| AppError::corrupt("plan motion without a version"))?;
            let approved = plans::set_state(
                c,
                v,
                PlanVersionState::Draft,
                PlanVersionState::Approved,
                Some(by),
                now,
            )?;
            // Putting a version in force retires the one in force before it.
            let replaced = plans::active_version(c, &approved.code)?.filter(|p| p.id != v);
            let active = plans::set_state(
                c,
                v,
                PlanVersionState::Approved,
                PlanVersionState::Active,
                Some(by),
                now,
            )?;
            let mut events = vec![Event::of("plan.activate", "plan_version", active.id)
                .fact("code", &active.code)
                .fact("version", active.version)
                .moved(PlanVersionState::Draft, active.state)
                .fact("motion", m.id)];
            if let Some(old) = replaced {
                events.push(
                    Event::of("plan.retire", "plan_version", old.id)
                        .fact("code", &old.code)
                        .fact("version", old.version)
                        .moved(old.state, PlanVersionState::Retired)
                        .fact("replaced_by", active.id)
                        .fact("motion", m.id),
                );
            }
            Ok(events)
        }
        MotionType::ApproveBudget => {
            if let (Some(y), Some(r), Some(e)) = (m.budget_year, m.reserve_bp, m.expense_cap_bp) {
                let b = gov::adopt_budget(c, y, r, e, m.id, now)?;
                return Ok(vec![Event::new(
                    "budget.adopt",
                    format!("budget:{}", b.year),
                )
                .fact("year", b.year)
                .fact("reserve_percent", rules::bp_to_percent(b.reserve_bp))
                .fact(
                    "expense_cap_percent",
                    rules::bp_to_percent(b.expense_cap_bp),
                )
                .fact("motion", m.id)]);
            }
            Ok(Vec::new())
        }
        MotionType::AmendArticles => {
            if let Some(text) = &m.articles_text {
                let a = gov::adopt_articles(c, text, m.id, now)?;
                return Ok(vec![Event::new(
                    "articles.adopt",
                    format!("articles:{}", a.version),
                )
                .fact("version", a.version)
                .fact("motion", m.id)]);
            }
            Ok(Vec::new())
        }
        MotionType::Elect => {
            let (Some(to), Some(candidate), Some(position)) =
                (m.elect_to, m.candidate_account_id, m.candidate_position)
            else {
                return Err(AppError::corrupt("election without a candidate"));
            };
            let term = gov::term_on(c, to, china_date(now))?.ok_or_else(|| {
                AppError::conflict(
                    ErrorCode::GovernanceNoTerm,
                    "the body elected to has no running term; open its term first",
                )
            })?;
            let seat = gov::insert_seat(
                c,
                term.id,
                candidate,
                position,
                position.is_single(),
                Some(m.id),
                now,
            )?;
            Ok(vec![Event::of("governance.seat", "seat", seat.id)
                .fact("term", term.id)
                .fact("body", term.body)
                .fact("account", seat.account_id)
                .fact("holder", &seat.holder)
                .fact("position", seat.position)
                .fact("elected_by_motion", m.id)])
        }
        MotionType::ApproveAnnualReport | MotionType::General => Ok(Vec::new()),
    }
}

impl App {
    /// Meetings the actor may see, latest first, each with its term.
    pub fn meetings(&self, actor: &Actor) -> AppResult<Vec<(Meeting, Term)>> {
        self.store.read(|c| {
            let terms = visible_terms(c, actor)?;
            let meetings = gov::meetings(c, terms.as_deref())?;
            let all_terms = gov::terms(c)?;
            Ok(meetings
                .into_iter()
                .filter_map(|m| {
                    let t = all_terms.iter().find(|t| t.id == m.term_id)?.clone();
                    Some((m, t))
                })
                .collect())
        })
    }

    /// Convenes a meeting of a body's running term, with written notice given far enough
    /// ahead.
    pub fn convene(&self, actor: &Actor, req: Convening) -> AppResult<MeetingRecord> {
        let by = actor.account_id()?;
        let which = req.body;
        required_text("title", &req.title, max_chars::MEETING_TEXT)?;
        required_text("location", &req.location, max_chars::MEETING_TEXT)?;
        let now = self.now();
        let today = china_date(now);
        let day = china_date(req.starts_at);
        rules::check_notice(
            req.notice_given_on,
            day,
            today,
            self.config.meeting_notice_days,
        )
        .map_err(|e| {
            AppError::invalid_field(
                ErrorCode::GovernanceNotice,
                "notice_given_on",
                e.to_string(),
            )
        })?;
        self.change(actor, |c| {
            let term = gov::term_on(c, which, day)?.ok_or_else(|| {
                AppError::conflict(
                    ErrorCode::GovernanceNoTerm,
                    format!("this body has no term running on {day}; open a term first"),
                )
            })?;
            let m = gov::insert_meeting(
                c,
                gov::NewMeeting {
                    term_id: term.id,
                    title: req.title.trim(),
                    location: req.location.trim(),
                    starts_at: req.starts_at,
                    notice_given_on: req.notice_given_on,
                    created_by: by,
                },
                now,
            )?;
            let event = Event::of("meeting.convene", "meeting", m.id)
                .fact("body", term.body)
                .fact("term", term.id)
                .fact("title", &m.title)
                .fact("starts_at", m.starts_at.and_utc())
                .fact("notice_given_on", m.notice_given_on);
            Ok(Done::new(meeting_record(c, actor, m)?, event))
        })
    }

    /// One meeting the actor may see: its seats, who is present, the quorum, and the agenda.
    pub fn meeting(&self, actor: &Actor, id: i64) -> AppResult<MeetingRecord> {
        self.store.read(|c| {
            let m = visible_meeting(c, actor, id)?;
            meeting_record(c, actor, m)
        })
    }

    /// Records seats as present (those recorded stay recorded).
    pub fn record_attendance(
        &self,
        actor: &Actor,
        id: i64,
        seats: &[i64],
    ) -> AppResult<MeetingRecord> {
        let now = self.now();
        self.change(actor, |c| {
            let m = visible_meeting(c, actor, id)?;
            scheduled(&m)?;
            let of_term: Vec<i64> = gov::seats_of_term(c, m.term_id)?
                .iter()
                .map(|s| s.id)
                .collect();
            let strangers: Vec<String> = seats
                .iter()
                .filter(|s| !of_term.contains(s))
                .map(|s| s.to_string())
                .collect();
            if !strangers.is_empty() {
                return Err(AppError::invalid_field(
                    ErrorCode::GovernanceSeatNotInBody,
                    "seat_ids",
                    format!(
                        "seat(s) {} do not belong to this body's term",
                        strangers.join(", ")
                    ),
                ));
            }
            gov::record_attendance(c, id, seats, now)?;
            let meeting = meeting_record(c, actor, m)?;
            let event = Event::of("meeting.attendance", "meeting", id)
                .fact("seats", seats)
                .fact("present", meeting.quorum.present)
                .fact("quorate", meeting.quorum.quorate);
            Ok(Done::new(meeting, event))
        })
    }

    /// Tables a motion on a meeting's agenda; what it needs depends on its kind.
    pub fn table_motion(
        &self,
        actor: &Actor,
        id: i64,
        req: &MotionRequest,
    ) -> AppResult<MotionRecord> {
        let by = actor.account_id()?;
        let (title, text) = (req.title(), req.text());
        required_text("title", title, 200)?;
        required_paragraphs("text", text, 20_000)?;
        let kind = req.kind();
        let now = self.now();
        let today = china_date(now);
        let mut budget = None;
        if let MotionRequest::ApproveBudget { budget: b, .. } = req {
            if !rules::budget_year_open(b.year, today) {
                return Err(field_error(
                    "budget.year",
                    "a budget is for this year or the next",
                ));
            }
            let percent = |field: &str, text: &str| {
                rules::percent_to_bp(text).ok_or_else(|| {
                    field_error(
                        field,
                        "a share in percent between 0 and 100, to two decimals",
                    )
                })
            };
            budget = Some((
                b.year,
                percent("budget.reserve_percent", &b.reserve_percent)?,
                percent("budget.expense_cap_percent", &b.expense_cap_percent)?,
            ));
        }
        let (plan_version_id, articles_text) = match req {
            MotionRequest::ApprovePlanVersion {
                plan_version_id, ..
            } => (Some(*plan_version_id), None),
            MotionRequest::AmendArticles { articles_text, .. } => {
                (None, Some(articles_text.as_str()))
            }
            _ => (None, None),
        };
        let election = match req {
            MotionRequest::Elect {
                elect_to,
                candidate_account_id,
                candidate_position,
                scrutineer_seat_ids,
                ..
            } => Some((
                *elect_to,
                *candidate_account_id,
                *candidate_position,
                scrutineer_seat_ids.as_slice(),
            )),
            _ => None,
        };
        self.change(actor, |c| {
            let m = visible_meeting(c, actor, id)?;
            scheduled(&m)?;
            let term = gov::term(c, m.term_id)?;
            let body = term.body;
            rules::threshold(body, kind).map_err(|e| {
                AppError::invalid_field(ErrorCode::GovernanceNotForThisBody, "kind", e.to_string())
            })?;
            if let Some(v) = plan_version_id {
                check_plan_version(c, v)?;
            }
            if let Some((to, candidate, _, scrutineers)) = election {
                check_election(c, candidate, scrutineers, to, today)?;
            }
            let (budget_year, reserve_bp, expense_cap_bp) = match budget {
                Some((y, r, e)) => (Some(y), Some(r), Some(e)),
                None => (None, None, None),
            };
            let motion = gov::insert_motion(
                c,
                gov::NewMotion {
                    meeting_id: id,
                    kind: kind.motion_type(),
                    title: title.trim(),
                    text: text.trim(),
                    plan_version_id,
                    budget_year,
                    reserve_bp,
                    expense_cap_bp,
                    articles_text,
                    elect_to: election.map(|(to, ..)| to),
                    candidate_account_id: election.map(|(_, candidate, ..)| candidate),
                    candidate_position: election.map(|(_, _, position, _)| position),
                    secret: kind.is_secret(),
                    scrutineer_seats: election.map_or(&[], |(.., seats)| seats),
                    created_by: by,
                },
                now,
            )?;
            let mut event = Event::of("meeting.table_motion", "motion", motion.id)
                .fact("meeting", id)
                .fact("body", body.as_str())
                .fact("kind", motion.kind)
                .fact("title", &motion.title)
                .fact("secret", motion.secret);
            if let Some(v) = motion.plan_version_id {
                event = event.fact("plan_version", v);
            }
            if let (Some(y), Some(r), Some(e)) =
                (motion.budget_year, motion.reserve_bp, motion.expense_cap_bp)
            {
                event = event
                    .fact("budget_year", y)
                    .fact("reserve_percent", rules::bp_to_percent(r))
                    .fact("expense_cap_percent", rules::bp_to_percent(e));
            }
            if let Some(to) = &motion.elect_to {
                event = event
                    .fact("elect_to", to)
                    .fact("candidate", motion.candidate_account_id)
                    .fact("position", motion.candidate_position)
                    .fact(
                        "scrutineer_seats",
                        election.map_or(&[][..], |(.., seats)| seats),
                    );
            }
            let my_seat = seat_of_actor(c, actor, term.id)?.map(|s| s.id);
            Ok(Done::new(motion_record(c, motion, body, my_seat)?, event))
        })
    }

    /// Casts the actor's ballot: one per seat, by a seat recorded present, while voting is
    /// open. Elections are secret: the ballot counts, but how the seat voted is not kept.
    pub fn vote(&self, actor: &Actor, id: i64, choice: Choice) -> AppResult<MotionRecord> {
        let now = self.now();
        self.change(actor, |c| {
                let motion = gov::motion(c, id).map_err(|e| or_not_found(e, motion_not_found))?;
                let meeting = gov::meeting(c, motion.meeting_id)?;
                let term = gov::term(c, meeting.term_id)?;
                let seat = seat_of_actor(c, actor, term.id)?.ok_or_else(|| AppError::forbidden(
                    ErrorCode::GovernanceNoSeat,
                    "you hold no seat in this body; only its members vote",
                ))?;
                if motion.status != MotionStatus::Open {
                    return Err(gov::voting_closed().into());
                }
                scheduled(&meeting)?;
                started(&meeting, now)?;
                if !gov::attendance(c, meeting.id)?.contains(&seat.id) {
                    return Err(AppError::conflict(
                        ErrorCode::GovernanceNotPresent,
                        "your attendance has not been recorded at this meeting; ask the secretariat to record it, then vote",
                    ));
                }
                gov::cast(c, id, seat.id, choice.as_str(), motion.secret)?;
                // A secret ballot records only that the seat voted: never the choice, nor the
                // running count, from which the choice could be read.
                let mut event = Event::of("motion.vote", "motion", id)
                    .fact("meeting", meeting.id)
                    .fact("seat", seat.id)
                    .fact("secret", motion.secret);
                if !motion.secret {
                    event = event.fact("choice", choice.as_str());
                }
                let motion = gov::motion(c, id)?;
                Ok(Done::new(
                    motion_record(c, motion, term.body, Some(seat.id))?,
                    event,
                ))
        })
    }

    /// Closes voting on a motion and counts it; a passed resolution takes effect at once.
    pub fn close_vote(&self, actor: &Actor, id: i64) -> AppResult<MotionRecord> {
        let by = actor.account_id()?;
        let now = self.now();
        self.change(actor, |c| {
            let (motion, meeting, term) = motion_in_reach(c, actor, id)?;
            if motion.status != MotionStatus::Open {
                return Err(gov::voting_closed().into());
            }
            started(&meeting, now)?;
            let body = term.body;
            let threshold = rules::threshold(body, kind_of(&motion)?)
                .map_err(|e| AppError::corrupt(e.to_string()))?;
            let members = gov::seats_of_term(c, term.id)?.len() as u32;
            let present = gov::attendance(c, meeting.id)?.len() as u32;
            let tally = Tally {
                members,
                present,
                yes: motion.yes_count.max(0) as u32,
                no: motion.no_count.max(0) as u32,
                abstain: motion.abstain_count.max(0) as u32,
            };
            let outcome = rules::count(threshold, tally)
                .map_err(|e| AppError::corrupt(format!("motion {id}: {e}")))?;
            let closed = gov::close_motion(
                c,
                id,
                gov::Closing {
                    passed: outcome.passed,
                    members: members as i32,
                    present: present as i32,
                    explanation_en: &outcome.explanation_en,
                    explanation_zh: &outcome.explanation_zh,
                    closed_by: by,
                },
                now,
            )?;
            // Counts are shown once voting closes, secret ballots included.
            let event = Event::of("motion.close_vote", "motion", id)
                .fact("meeting", meeting.id)
                .fact("kind", closed.kind)
                .moved(motion.status, closed.status)
                .fact("threshold", threshold_name(threshold))
                .fact("members", members)
                .fact("present", present)
                .fact("yes", tally.yes)
                .fact("no", tally.no)
                .fact("abstain", tally.abstain);
            let enacted = if outcome.passed {
                enact(c, &closed, by, now)?
            } else {
                Vec::new()
            };
            let my_seat = seat_of_actor(c, actor, term.id)?.map(|s| s.id);
            let done = Done::new(motion_record(c, closed, body, my_seat)?, event);
            Ok(enacted.into_iter().fold(done, Done::and))
        })
    }

    /// Closes a meeting with its minutes, once every motion on its agenda is counted.
    pub fn close_meeting(&self, actor: &Actor, id: i64, minutes: &str) -> AppResult<MeetingRecord> {
        required_paragraphs("minutes", minutes, MAX_MINUTES)?;
        let now = self.now();
        self.change(actor, |c| {
            let before = visible_meeting(c, actor, id)?;
            let m = gov::close_meeting(c, id, minutes.trim(), now)?;
            let meeting = meeting_record(c, actor, m)?;
            let event = Event::of("meeting.close", "meeting", id)
                .moved(before.status, meeting.meeting.status)
                .fact("motions", meeting.motions.len())
                .fact("present", meeting.quorum.present);
            Ok(Done::new(meeting, event))
        })
    }

    /// Elections (secret ballots) across the bodies, latest first.
    pub fn elections(&self, actor: &Actor) -> AppResult<Vec<MotionRecord>> {
        self.store.read(|c| {
            let mut out = Vec::new();
            for m in gov::motions_of_kind(c, MotionType::Elect)? {
                let meeting = gov::meeting(c, m.meeting_id)?;
                let term = gov::term(c, meeting.term_id)?;
                let my_seat = seat_of_actor(c, actor, term.id)?.map(|s| s.id);
                out.push(motion_record(c, m, term.body, my_seat)?);
            }
            Ok(out)
        })
    }
}

/// The longest minutes of a meeting.
pub const MAX_MINUTES: usize = 100_000;
