//! Meetings of the bodies: convened with enough notice, attendance recorded, motions tabled,
//! ballots cast by the seats present, votes counted by the rules of docs/domain.md §6, and what
//! a passed resolution decides put into effect in the same transaction: a plan version approved
//! and put in force, a budget or articles adopted, an election's winner seated.

use super::governance::{parse_body, parse_position, seat_dto, seatable_account};
use super::required_text;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::{get, post, web, HttpResponse};
use chrono::{DateTime, NaiveDate, Utc};
use huzhu_api_types::{
    AttendanceRequest, Ballot, BudgetTerms, ErrorBody, Meeting, MeetingClose, MeetingRequest,
    MeetingSummary, Motion, MotionRequest, PrincipalKind, Quorum, VoteRequest,
};
use huzhu_app::{Done, Event};
use huzhu_domain::field_rules::max_chars;
use huzhu_domain::governance::{self as rules, Body, MotionKind, Position, Tally, Threshold};
use huzhu_domain::plan::china_date;
use huzhu_domain::ErrorCode;
use huzhu_domain::Permission;
use huzhu_store::{accounts, governance as gov, plans, DbConn, StoreError};

fn meeting_not_found() -> ApiError {
    ApiError::not_found(ErrorCode::GovernanceMeetingNotFound, "meeting")
}

fn motion_not_found() -> ApiError {
    ApiError::not_found(ErrorCode::GovernanceMotionNotFound, "motion")
}

fn or_not_found(e: StoreError, not_found: fn() -> ApiError) -> ApiError {
    match e {
        StoreError::NotFound => not_found(),
        other => other.into(),
    }
}

fn body_of(t: &gov::Term) -> ApiResult<Body> {
    Body::parse(&t.body).ok_or_else(|| ApiError::Internal(format!("unknown body {}", t.body)))
}

fn kind_of(m: &gov::Motion) -> ApiResult<MotionKind> {
    let to = m.elect_to.as_deref().and_then(Body::parse);
    MotionKind::parse(&m.kind, to)
        .ok_or_else(|| ApiError::Internal(format!("unknown motion kind {}", m.kind)))
}

fn threshold_name(t: Threshold) -> &'static str {
    match t {
        Threshold::MajorityOfPresent => "majority_of_present",
        Threshold::TwoThirdsOfPresent => "two_thirds_of_present",
    }
}

/// Who may see a meeting: readers of governance see all; others only the bodies they sit on.
fn visible_terms(c: &mut DbConn, caller: &Caller) -> ApiResult<Option<Vec<i64>>> {
    if caller.has(Permission::GovernanceRead) {
        return Ok(None);
    }
    Ok(Some(match caller.kind {
        PrincipalKind::Staff | PrincipalKind::Member => gov::terms_seating(c, caller.id)?,
        PrincipalKind::Integrator => Vec::new(),
    }))
}

/// The caller's seat in a term, when the caller is a person (integrators hold no seats).
fn seat_of_caller(c: &mut DbConn, caller: &Caller, term_id: i64) -> ApiResult<Option<gov::Seat>> {
    match caller.kind {
        PrincipalKind::Staff | PrincipalKind::Member => Ok(gov::seat_of(c, term_id, caller.id)?),
        PrincipalKind::Integrator => Ok(None),
    }
}

fn summary(m: &gov::Meeting, t: &gov::Term) -> MeetingSummary {
    MeetingSummary {
        id: m.id,
        body: t.body.clone(),
        term_id: m.term_id,
        title: m.title.clone(),
        location: m.location.clone(),
        starts_at: m.starts_at.and_utc(),
        notice_given_on: m.notice_given_on,
        status: m.status.clone(),
    }
}

fn motion_dto(
    c: &mut DbConn,
    m: gov::Motion,
    body: Body,
    my_seat: Option<i64>,
) -> ApiResult<Motion> {
    let kind = kind_of(&m)?;
    let threshold = rules::threshold(body, kind)
        .map_err(|e| ApiError::Internal(format!("motion {}: {e}", m.id)))?;
    let scrutineer_ids = gov::scrutineers(c, m.id)?;
    let scrutineers = gov::seats_by_id(c, &scrutineer_ids)?
        .into_iter()
        .map(seat_dto)
        .collect();
    let on_record = gov::ballots(c, m.id)?;
    let ids: Vec<i64> = on_record.iter().map(|(s, _)| *s).collect();
    let holders = gov::seats_by_id(c, &ids)?;
    let ballots: Vec<Ballot> = on_record
        .into_iter()
        .map(|(seat_id, choice)| Ballot {
            seat_id,
            holder: holders
                .iter()
                .find(|s| s.id == seat_id)
                .map(|s| s.holder.clone())
                .unwrap_or_default(),
            // A choice the store cannot read is shown as none rather than failing the page.
            choice: choice
                .as_deref()
                .and_then(huzhu_domain::governance::Choice::parse),
        })
        .collect();
    let candidate_name = match m.candidate_account_id {
        Some(id) => Some(accounts::get(c, id)?.display_name),
        None => None,
    };
    let voted = my_seat.is_some_and(|s| ballots.iter().any(|b| b.seat_id == s));
    // A secret ballot's count is not shown while voting is open.
    let show = !m.secret || m.status != "open";
    let count = |n: i32| show.then_some(n.max(0) as u32);
    let budget = match (m.budget_year, m.reserve_bp, m.expense_cap_bp) {
        (Some(year), Some(r), Some(e)) => Some(BudgetTerms {
            year,
            reserve_percent: rules::bp_to_percent(r),
            expense_cap_percent: rules::bp_to_percent(e),
        }),
        _ => None,
    };
    Ok(Motion {
        id: m.id,
        meeting_id: m.meeting_id,
        body: body.as_str().to_string(),
        kind: m.kind,
        title: m.title,
        text: m.text,
        plan_version_id: m.plan_version_id,
        budget,
        articles_text: m.articles_text,
        elect_to: m.elect_to,
        candidate_account_id: m.candidate_account_id,
        candidate_name,
        candidate_position: m.candidate_position,
        secret: m.secret,
        threshold,
        status: m.status,
        ballots_cast: ballots.len() as u32,
        yes: count(m.yes_count),
        no: count(m.no_count),
        abstain: count(m.abstain_count),
        explanation_en: m.explanation_en,
        explanation_zh: m.explanation_zh,
        closed_at: m.closed_at.map(|t| t.and_utc()),
        scrutineers,
        ballots,
        voted,
    })
}

fn meeting_dto(c: &mut DbConn, caller: &Caller, m: gov::Meeting) -> ApiResult<Meeting> {
    let term = gov::term(c, m.term_id)?;
    let body = body_of(&term)?;
    let seats: Vec<gov::Seat> = gov::seats_of_term(c, term.id)?;
    let present = gov::attendance(c, m.id)?;
    let my_seat = seat_of_caller(c, caller, term.id)?.map(|s| s.id);
    let members = seats.len() as u32;
    let needed = rules::quorum_needed(members);
    let motions = gov::motions_of_meeting(c, m.id)?
        .into_iter()
        .map(|x| motion_dto(c, x, body, my_seat))
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(Meeting {
        summary: summary(&m, &term),
        minutes: m.minutes,
        seats: seats.into_iter().map(seat_dto).collect(),
        quorum: Quorum {
            members,
            present: present.len() as u32,
            needed,
            quorate: members > 0 && present.len() as u32 >= needed,
        },
        present,
        motions,
        my_seat,
    })
}

/// The meeting, if the caller may see it (404 otherwise, like anything out of reach).
fn visible_meeting(c: &mut DbConn, caller: &Caller, id: i64) -> ApiResult<gov::Meeting> {
    let m = gov::meeting(c, id).map_err(|e| or_not_found(e, meeting_not_found))?;
    match visible_terms(c, caller)? {
        Some(terms) if !terms.contains(&m.term_id) => Err(meeting_not_found()),
        _ => Ok(m),
    }
}

/// Meetings the caller may see, latest first.
#[utoipa::path(
    tag = "governance",
    responses((status = 200, description = "Meetings", body = [MeetingSummary]))
)]
#[get("/governance/meetings")]
pub async fn list(caller: Caller, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let found = state
        .db(move |store| {
            store.read(|c| {
                let terms = visible_terms(c, &caller)?;
                let meetings = gov::meetings(c, terms.as_deref())?;
                let all_terms = gov::terms(c)?;
                Ok(meetings
                    .iter()
                    .filter_map(|m| {
                        all_terms
                            .iter()
                            .find(|t| t.id == m.term_id)
                            .map(|t| summary(m, t))
                    })
                    .collect::<Vec<_>>())
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(found))
}

/// Convene a meeting of a body's running term, with written notice given far enough ahead.
#[utoipa::path(
    tag = "governance",
    request_body = MeetingRequest,
    responses(
        (status = 201, description = "Meeting convened", body = Meeting),
        (status = 409, description = "The body has no term running on the day", body = ErrorBody),
        (status = 422, description = "Too short a notice, or blank title or place", body = ErrorBody),
    )
)]
#[post("/governance/meetings")]
pub async fn convene(
    caller: Caller,
    state: web::Data<AppState>,
    body: web::Json<MeetingRequest>,
) -> ApiResult<HttpResponse> {
    let req = body.into_inner();
    let which = parse_body("body", &req.body)?;
    required_text("title", &req.title, max_chars::MEETING_TEXT)?;
    required_text("location", &req.location, max_chars::MEETING_TEXT)?;
    let now = state.now();
    let today = china_date(now);
    let day = china_date(req.starts_at);
    rules::check_notice(
        req.notice_given_on,
        day,
        today,
        state.config.meeting_notice_days,
    )
    .map_err(|e| {
        ApiError::invalid_field(
            ErrorCode::GovernanceNotice,
            "notice_given_on",
            e.to_string(),
        )
    })?;
    let who = caller.clone();
    let meeting = state
        .change(&who, move |c| {
            let term = gov::term_on(c, which.as_str(), day)?.ok_or_else(|| {
                ApiError::conflict(
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
                    created_by: caller.id,
                },
                now,
            )?;
            let event = Event::of("meeting.convene", "meeting", m.id)
                .fact("body", &term.body)
                .fact("term", term.id)
                .fact("title", &m.title)
                .fact("starts_at", m.starts_at.and_utc())
                .fact("notice_given_on", m.notice_given_on);
            Ok(Done::new(meeting_dto(c, &caller, m)?, event))
        })
        .await?;
    Ok(HttpResponse::Created().json(meeting))
}

/// One meeting: its seats, who is present, the quorum, and the agenda with each motion's ballots
/// and result.
#[utoipa::path(
    tag = "governance",
    params(("id" = i64, Path, description = "Meeting id")),
    responses(
        (status = 200, description = "The meeting", body = Meeting),
        (status = 404, description = "No such meeting, or not one of your bodies", body = ErrorBody),
    )
)]
#[get("/governance/meetings/{id}")]
pub async fn get(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let meeting = state
        .db(move |store| {
            store.read(|c| {
                let m = visible_meeting(c, &caller, id)?;
                meeting_dto(c, &caller, m)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(meeting))
}

fn scheduled(m: &gov::Meeting) -> ApiResult<()> {
    if m.status != "scheduled" {
        return Err(gov::meeting_closed().into());
    }
    Ok(())
}

/// Record seats as present (those recorded stay recorded).
#[utoipa::path(
    tag = "governance",
    params(("id" = i64, Path, description = "Meeting id")),
    request_body = AttendanceRequest,
    responses(
        (status = 200, description = "Attendance recorded", body = Meeting),
        (status = 404, description = "No such meeting", body = ErrorBody),
        (status = 409, description = "The meeting is closed", body = ErrorBody),
        (status = 422, description = "A seat is not in this body's term", body = ErrorBody),
    )
)]
#[post("/governance/meetings/{id}/attendance")]
pub async fn attendance(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: web::Json<AttendanceRequest>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let seats = body.into_inner().seat_ids;
    let now = state.now();
    let who = caller.clone();
    let meeting = state
        .change(&who, move |c| {
            let m = visible_meeting(c, &caller, id)?;
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
                return Err(ApiError::invalid_field(
                    ErrorCode::GovernanceSeatNotInBody,
                    "seat_ids",
                    format!(
                        "seat(s) {} do not belong to this body's term",
                        strangers.join(", ")
                    ),
                ));
            }
            gov::record_attendance(c, id, &seats, now)?;
            let meeting = meeting_dto(c, &caller, m)?;
            let event = Event::of("meeting.attendance", "meeting", id)
                .fact("seats", &seats)
                .fact("present", meeting.quorum.present)
                .fact("quorate", meeting.quorum.quorate);
            Ok(Done::new(meeting, event))
        })
        .await?;
    Ok(HttpResponse::Ok().json(meeting))
}

fn field_error(field: &str, message: impl Into<String>) -> ApiError {
    ApiError::invalid_field(ErrorCode::GovernanceMotionField, field, message)
}

/// Checks that a motion carries exactly what its kind needs.
fn check_fields(kind: MotionKind, req: &MotionRequest) -> ApiResult<()> {
    let pairs: [(&str, bool, bool); 5] = [
        (
            "plan_version_id",
            req.plan_version_id.is_some(),
            kind == MotionKind::ApprovePlanVersion,
        ),
        (
            "budget",
            req.budget.is_some(),
            kind == MotionKind::ApproveBudget,
        ),
        (
            "articles_text",
            req.articles_text.is_some(),
            kind == MotionKind::AmendArticles,
        ),
        (
            "candidate_account_id",
            req.candidate_account_id.is_some(),
            kind.is_secret(),
        ),
        (
            "candidate_position",
            req.candidate_position.is_some(),
            kind.is_secret(),
        ),
    ];
    for (field, given, needed) in pairs {
        if given != needed {
            let what = if needed {
                format!("a motion of kind {} needs {field}", kind.as_str())
            } else {
                format!("a motion of kind {} takes no {field}", kind.as_str())
            };
            return Err(field_error(field, what));
        }
    }
    if !kind.is_secret() && !req.scrutineer_seat_ids.is_empty() {
        return Err(field_error(
            "scrutineer_seat_ids",
            "only elections have scrutineers",
        ));
    }
    Ok(())
}

/// What a motion adds to the record besides its kind, title and text.
#[derive(Default)]
struct Particulars {
    budget: Option<(i32, i32, i32)>,
    position: Option<Position>,
}

fn check_plan_version(c: &mut DbConn, version_id: i64) -> ApiResult<()> {
    let v = match plans::get_version(c, version_id) {
        Err(StoreError::NotFound) => {
            return Err(field_error("plan_version_id", "no such plan version"))
        }
        other => other?,
    };
    if v.state != "draft" {
        return Err(ApiError::conflict(
            ErrorCode::PlanNotDraft,
            format!(
                "plan version {} of {} is {}; only a draft is put to the council",
                v.version, v.code, v.state
            ),
        ));
    }
    if gov::motions_of_plan_version(c, version_id)?
        .iter()
        .any(|m| m.status == "open")
    {
        return Err(ApiError::conflict(
            ErrorCode::GovernanceMotionPending,
            "a motion on this plan version is already open",
        ));
    }
    Ok(())
}

fn check_election(
    c: &mut DbConn,
    req: &MotionRequest,
    to: Body,
    today: NaiveDate,
) -> ApiResult<Position> {
    let position = parse_position(
        "candidate_position",
        req.candidate_position.as_deref().unwrap_or_default(),
    )?;
    let candidate = seatable_account(c, req.candidate_account_id, None)?;
    let term = gov::term_on(c, to.as_str(), today)?.ok_or_else(|| {
        ApiError::conflict(
            ErrorCode::GovernanceNoTerm,
            "the body elected to has no running term; open its term first",
        )
    })?;
    if gov::seat_of(c, term.id, candidate.id)?.is_some() {
        return Err(ApiError::conflict(
            ErrorCode::GovernanceAlreadySeated,
            "the candidate already holds a seat in that body",
        ));
    }
    let seats = gov::seats_by_id(c, &req.scrutineer_seat_ids)?;
    if seats.len() != req.scrutineer_seat_ids.len() {
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
            body: body_of(&t)?,
            account_id: s.account_id,
        });
    }
    rules::check_scrutineers(candidate.id, &scrutineers).map_err(|e| {
        ApiError::invalid_field(
            ErrorCode::GovernanceScrutineer,
            "scrutineer_seat_ids",
            e.to_string(),
        )
    })?;
    Ok(position)
}

/// Table a motion on a meeting's agenda.
#[utoipa::path(
    tag = "governance",
    params(("id" = i64, Path, description = "Meeting id")),
    request_body = MotionRequest,
    responses(
        (status = 201, description = "Motion tabled", body = Motion),
        (status = 404, description = "No such meeting", body = ErrorBody),
        (status = 409, description = "Meeting closed; plan version not a draft or already before the council; candidate already seated", body = ErrorBody),
        (status = 422, description = "Not a matter for this body, missing or extra fields, a candidate as scrutineer", body = ErrorBody),
    )
)]
#[post("/governance/meetings/{id}/motions")]
pub async fn table_motion(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: web::Json<MotionRequest>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let req = body.into_inner();
    required_text("title", &req.title, 200)?;
    required_text("text", &req.text, 20_000)?;
    let elect_to = match &req.elect_to {
        Some(to) => Some(parse_body("elect_to", to)?),
        None => None,
    };
    let kind = MotionKind::parse(&req.kind, elect_to).ok_or_else(|| {
        ApiError::invalid_field(
            ErrorCode::GovernanceKind,
            "kind",
            "the kind is one of approve_plan_version, approve_budget, approve_annual_report, amend_articles, elect (with elect_to), general",
        )
    })?;
    if elect_to.is_some() && !kind.is_secret() {
        return Err(field_error(
            "elect_to",
            "only an election names the body elected to",
        ));
    }
    check_fields(kind, &req)?;
    let now = state.now();
    let today = china_date(now);
    let mut particulars = Particulars::default();
    if let Some(b) = &req.budget {
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
        particulars.budget = Some((
            b.year,
            percent("budget.reserve_percent", &b.reserve_percent)?,
            percent("budget.expense_cap_percent", &b.expense_cap_percent)?,
        ));
    }
    let who = caller.clone();
    let motion = state
        .change(&who, move |c| {
            let m = visible_meeting(c, &caller, id)?;
            scheduled(&m)?;
            let term = gov::term(c, m.term_id)?;
            let body = body_of(&term)?;
            rules::threshold(body, kind).map_err(|e| {
                ApiError::invalid_field(ErrorCode::GovernanceNotForThisBody, "kind", e.to_string())
            })?;
            if let Some(v) = req.plan_version_id {
                check_plan_version(c, v)?;
            }
            if let MotionKind::Elect { to } = kind {
                particulars.position = Some(check_election(c, &req, to, today)?);
            }
            let (budget_year, reserve_bp, expense_cap_bp) = match particulars.budget {
                Some((y, r, e)) => (Some(y), Some(r), Some(e)),
                None => (None, None, None),
            };
            let motion = gov::insert_motion(
                c,
                gov::NewMotion {
                    meeting_id: id,
                    kind: kind.as_str(),
                    title: req.title.trim(),
                    text: req.text.trim(),
                    plan_version_id: req.plan_version_id,
                    budget_year,
                    reserve_bp,
                    expense_cap_bp,
                    articles_text: req.articles_text.as_deref(),
                    elect_to: elect_to.map(Body::as_str),
                    candidate_account_id: req.candidate_account_id,
                    candidate_position: particulars.position.map(Position::as_str),
                    secret: kind.is_secret(),
                    scrutineer_seats: &req.scrutineer_seat_ids,
                    created_by: caller.id,
                },
                now,
            )?;
            let mut event = Event::of("meeting.table_motion", "motion", motion.id)
                .fact("meeting", id)
                .fact("body", body.as_str())
                .fact("kind", &motion.kind)
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
                    .fact("position", &motion.candidate_position)
                    .fact("scrutineer_seats", &req.scrutineer_seat_ids);
            }
            let my_seat = seat_of_caller(c, &caller, term.id)?.map(|s| s.id);
            Ok(Done::new(motion_dto(c, motion, body, my_seat)?, event))
        })
        .await?;
    Ok(HttpResponse::Created().json(motion))
}

/// A motion with its meeting and term, if the caller may see it.
fn motion_in_reach(
    c: &mut DbConn,
    caller: &Caller,
    id: i64,
) -> ApiResult<(gov::Motion, gov::Meeting, gov::Term)> {
    let motion = gov::motion(c, id).map_err(|e| or_not_found(e, motion_not_found))?;
    let meeting = visible_meeting(c, caller, motion.meeting_id).map_err(|e| match e {
        ApiError::NotFound { .. } => motion_not_found(),
        other => other,
    })?;
    let term = gov::term(c, meeting.term_id)?;
    Ok((motion, meeting, term))
}

fn started(m: &gov::Meeting, now: DateTime<Utc>) -> ApiResult<()> {
    if now < m.starts_at.and_utc() {
        return Err(ApiError::conflict(
            ErrorCode::GovernanceNotStarted,
            format!(
                "the meeting begins at {}; voting opens then",
                m.starts_at.and_utc()
            ),
        ));
    }
    Ok(())
}

/// Cast the caller's ballot: one per seat, by a seat recorded present, while voting is open.
/// Elections are secret: the ballot counts, but how the seat voted is not kept.
#[utoipa::path(
    tag = "governance",
    params(("id" = i64, Path, description = "Motion id")),
    request_body = VoteRequest,
    responses(
        (status = 200, description = "Ballot cast", body = Motion),
        (status = 403, description = "The caller holds no seat in the body", body = ErrorBody),
        (status = 404, description = "No such motion", body = ErrorBody),
        (status = 409, description = "Voting closed, meeting not begun, seat not recorded present, or already voted", body = ErrorBody),
        (status = 422, description = "Not yes, no or abstain", body = ErrorBody),
    )
)]
#[post("/governance/motions/{id}/votes")]
pub async fn vote(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: web::Json<VoteRequest>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let choice = body.into_inner().choice;
    let now = state.now();
    let who = caller.clone();
    let motion = state
        .change(&who, move |c| {
                let motion = gov::motion(c, id).map_err(|e| or_not_found(e, motion_not_found))?;
                let meeting = gov::meeting(c, motion.meeting_id)?;
                let term = gov::term(c, meeting.term_id)?;
                let seat = seat_of_caller(c, &caller, term.id)?.ok_or_else(|| ApiError::NotForYou {
                    code: ErrorCode::GovernanceNoSeat,
                    message: "you hold no seat in this body; only its members vote".into(),
                })?;
                if motion.status != "open" {
                    return Err(gov::voting_closed().into());
                }
                scheduled(&meeting)?;
                started(&meeting, now)?;
                if !gov::attendance(c, meeting.id)?.contains(&seat.id) {
                    return Err(ApiError::conflict(
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
                    motion_dto(c, motion, body_of(&term)?, Some(seat.id))?,
                    event,
                ))
        })
        .await?;
    Ok(HttpResponse::Ok().json(motion))
}

/// Puts a passed resolution into effect, and says what it enacted.
fn enact(c: &mut DbConn, m: &gov::Motion, by: i64, now: DateTime<Utc>) -> ApiResult<Vec<Event>> {
    match m.kind.as_str() {
        "approve_plan_version" => {
            let v = m
                .plan_version_id
                .ok_or_else(|| ApiError::Internal("plan motion without a version".into()))?;
            let approved = plans::set_state(c, v, "draft", "approved", Some(by), now)?;
            // Putting a version in force retires the one in force before it.
            let replaced = plans::active_version(c, &approved.code)?.filter(|p| p.id != v);
            let active = plans::set_state(c, v, "approved", "active", Some(by), now)?;
            let mut events = vec![Event::of("plan.activate", "plan_version", active.id)
                .fact("code", &active.code)
                .fact("version", active.version)
                .moved("draft", &active.state)
                .fact("motion", m.id)];
            if let Some(old) = replaced {
                events.push(
                    Event::of("plan.retire", "plan_version", old.id)
                        .fact("code", &old.code)
                        .fact("version", old.version)
                        .moved(&old.state, "retired")
                        .fact("replaced_by", active.id)
                        .fact("motion", m.id),
                );
            }
            Ok(events)
        }
        "approve_budget" => {
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
        "amend_articles" => {
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
        "elect" => {
            let (Some(to), Some(candidate), Some(position)) = (
                m.elect_to.as_deref(),
                m.candidate_account_id,
                m.candidate_position.as_deref().and_then(Position::parse),
            ) else {
                return Err(ApiError::Internal("election without a candidate".into()));
            };
            let term = gov::term_on(c, to, china_date(now))?.ok_or_else(|| {
                ApiError::conflict(
                    ErrorCode::GovernanceNoTerm,
                    "the body elected to has no running term; open its term first",
                )
            })?;
            let seat = gov::insert_seat(
                c,
                term.id,
                candidate,
                position.as_str(),
                position.is_single(),
                Some(m.id),
                now,
            )?;
            Ok(vec![Event::of("governance.seat", "seat", seat.id)
                .fact("term", term.id)
                .fact("body", &term.body)
                .fact("account", seat.account_id)
                .fact("holder", &seat.holder)
                .fact("position", &seat.position)
                .fact("elected_by_motion", m.id)])
        }
        _ => Ok(Vec::new()),
    }
}

/// Close voting on a motion and count it: quorum and threshold by body and kind
/// (docs/domain.md §6), with the working in Chinese and English. A passed resolution takes
/// effect at once: a plan version goes into force (retiring the version before it), a budget or
/// articles are adopted, an elected candidate takes their seat.
#[utoipa::path(
    tag = "governance",
    params(("id" = i64, Path, description = "Motion id")),
    responses(
        (status = 200, description = "Counted", body = Motion),
        (status = 404, description = "No such motion", body = ErrorBody),
        (status = 409, description = "Voting already closed, or the meeting has not begun", body = ErrorBody),
    )
)]
#[post("/governance/motions/{id}/close")]
pub async fn close_vote(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let now = state.now();
    let who = caller.clone();
    let motion = state
        .change(&who, move |c| {
            let (motion, meeting, term) = motion_in_reach(c, &caller, id)?;
            if motion.status != "open" {
                return Err(gov::voting_closed().into());
            }
            started(&meeting, now)?;
            let body = body_of(&term)?;
            let threshold = rules::threshold(body, kind_of(&motion)?)
                .map_err(|e| ApiError::Internal(e.to_string()))?;
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
                .map_err(|e| ApiError::Internal(format!("motion {id}: {e}")))?;
            let closed = gov::close_motion(
                c,
                id,
                gov::Closing {
                    passed: outcome.passed,
                    members: members as i32,
                    present: present as i32,
                    explanation_en: &outcome.explanation_en,
                    explanation_zh: &outcome.explanation_zh,
                    closed_by: caller.id,
                },
                now,
            )?;
            // Counts are shown once voting closes, secret ballots included.
            let event = Event::of("motion.close_vote", "motion", id)
                .fact("meeting", meeting.id)
                .fact("kind", &closed.kind)
                .moved(&motion.status, &closed.status)
                .fact("threshold", threshold_name(threshold))
                .fact("members", members)
                .fact("present", present)
                .fact("yes", tally.yes)
                .fact("no", tally.no)
                .fact("abstain", tally.abstain);
            let enacted = if outcome.passed {
                enact(c, &closed, caller.id, now)?
            } else {
                Vec::new()
            };
            let my_seat = seat_of_caller(c, &caller, term.id)?.map(|s| s.id);
            let done = Done::new(motion_dto(c, closed, body, my_seat)?, event);
            Ok(enacted.into_iter().fold(done, Done::and))
        })
        .await?;
    Ok(HttpResponse::Ok().json(motion))
}

/// Close a meeting with its minutes, once every motion on its agenda is counted.
#[utoipa::path(
    tag = "governance",
    params(("id" = i64, Path, description = "Meeting id")),
    request_body = MeetingClose,
    responses(
        (status = 200, description = "Closed", body = Meeting),
        (status = 404, description = "No such meeting", body = ErrorBody),
        (status = 409, description = "Already closed, or motions still open", body = ErrorBody),
        (status = 422, description = "No minutes", body = ErrorBody),
    )
)]
#[post("/governance/meetings/{id}/close")]
pub async fn close_meeting(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: web::Json<MeetingClose>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let minutes = body.into_inner().minutes;
    required_text("minutes", &minutes, 100_000)?;
    let now = state.now();
    let who = caller.clone();
    let meeting = state
        .change(&who, move |c| {
            let before = visible_meeting(c, &caller, id)?;
            let m = gov::close_meeting(c, id, minutes.trim(), now)?;
            let meeting = meeting_dto(c, &caller, m)?;
            let event = Event::of("meeting.close", "meeting", id)
                .moved(&before.status, &meeting.summary.status)
                .fact("motions", meeting.motions.len())
                .fact("present", meeting.quorum.present);
            Ok(Done::new(meeting, event))
        })
        .await?;
    Ok(HttpResponse::Ok().json(meeting))
}

/// Elections (secret ballots) across the bodies, latest first, with their scrutineers and, once
/// counted, their results.
#[utoipa::path(
    tag = "governance",
    responses((status = 200, description = "Elections", body = [Motion]))
)]
#[get("/governance/elections")]
pub async fn elections(caller: Caller, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let found = state
        .db(move |store| {
            store.read(|c| {
                let mut out = Vec::new();
                for m in gov::motions_of_kind(c, MotionKind::Elect { to: Body::Council }.as_str())?
                {
                    let meeting = gov::meeting(c, m.meeting_id)?;
                    let term = gov::term(c, meeting.term_id)?;
                    let my_seat = seat_of_caller(c, &caller, term.id)?.map(|s| s.id);
                    out.push(motion_dto(c, m, body_of(&term)?, my_seat)?);
                }
                Ok(out)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(found))
}
