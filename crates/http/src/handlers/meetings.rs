//! Meetings of the bodies: the routes of huzhu_app::meetings — convening, attendance, motions,
//! ballots, the count, and closing with minutes.

use crate::auth::Caller;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::views;
use actix_web::{get, post, web, HttpResponse};
use huzhu_api_types::{
    AttendanceRequest, Ballot, BudgetTerms, ErrorBody, Meeting, MeetingClose, MeetingRequest,
    MeetingSummary, Motion, MotionRequest, Quorum, VoteRequest,
};
use huzhu_app::meetings::{self as app, Convening, MeetingRecord, MotionRecord};
use huzhu_domain::governance::{self as rules, MotionStatus};

fn summary(m: &app::Meeting, t: &app::Term) -> MeetingSummary {
    MeetingSummary {
        id: m.id,
        body: t.body,
        term_id: m.term_id,
        title: m.title.clone(),
        location: m.location.clone(),
        starts_at: m.starts_at.and_utc(),
        notice_given_on: m.notice_given_on,
        status: m.status,
    }
}

fn motion_dto(r: MotionRecord) -> Motion {
    let MotionRecord {
        motion: m,
        body,
        threshold,
        scrutineers,
        ballots,
        candidate_name,
        voted,
    } = r;
    // A secret ballot's count is not shown while voting is open.
    let show = !m.secret || m.status != MotionStatus::Open;
    let count = |n: i32| show.then_some(n.max(0) as u32);
    let budget = match (m.budget_year, m.reserve_bp, m.expense_cap_bp) {
        (Some(year), Some(r), Some(e)) => Some(BudgetTerms {
            year,
            reserve_percent: rules::bp_to_percent(r),
            expense_cap_percent: rules::bp_to_percent(e),
        }),
        _ => None,
    };
    Motion {
        id: m.id,
        meeting_id: m.meeting_id,
        body,
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
        scrutineers: scrutineers.into_iter().map(views::seat).collect(),
        ballots: ballots
            .into_iter()
            .map(|b| Ballot {
                seat_id: b.seat_id,
                holder: b.holder,
                choice: b.choice,
            })
            .collect(),
        voted,
    }
}

fn meeting_dto(r: MeetingRecord) -> Meeting {
    Meeting {
        summary: summary(&r.meeting, &r.term),
        minutes: r.meeting.minutes,
        seats: r.seats.into_iter().map(views::seat).collect(),
        quorum: Quorum {
            members: r.quorum.members,
            present: r.quorum.present,
            needed: r.quorum.needed,
            quorate: r.quorum.quorate,
        },
        present: r.present,
        motions: r.motions.into_iter().map(motion_dto).collect(),
        my_seat: r.my_seat,
    }
}

/// Meetings the caller may see, latest first.
#[utoipa::path(
    tag = "governance",
    responses((status = 200, description = "Meetings", body = [MeetingSummary]))
)]
#[get("/governance/meetings")]
pub async fn list(caller: Caller, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let found = state.act(&caller, |app, actor| app.meetings(actor)).await?;
    Ok(HttpResponse::Ok().json(found.iter().map(|(m, t)| summary(m, t)).collect::<Vec<_>>()))
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
    let convening = Convening {
        body: req.body,
        title: req.title,
        location: req.location,
        starts_at: req.starts_at,
        notice_given_on: req.notice_given_on,
    };
    let meeting = state
        .act(&caller, move |app, actor| app.convene(actor, convening))
        .await?;
    Ok(HttpResponse::Created().json(meeting_dto(meeting)))
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
        .act(&caller, move |app, actor| app.meeting(actor, id))
        .await?;
    Ok(HttpResponse::Ok().json(meeting_dto(meeting)))
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
    let meeting = state
        .act(&caller, move |app, actor| {
            app.record_attendance(actor, id, &seats)
        })
        .await?;
    Ok(HttpResponse::Ok().json(meeting_dto(meeting)))
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
    let motion = state
        .act(&caller, move |app, actor| app.table_motion(actor, id, &req))
        .await?;
    Ok(HttpResponse::Created().json(motion_dto(motion)))
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
    let motion = state
        .act(&caller, move |app, actor| app.vote(actor, id, choice))
        .await?;
    Ok(HttpResponse::Ok().json(motion_dto(motion)))
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
    let motion = state
        .act(&caller, move |app, actor| app.close_vote(actor, id))
        .await?;
    Ok(HttpResponse::Ok().json(motion_dto(motion)))
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
    let meeting = state
        .act(&caller, move |app, actor| {
            app.close_meeting(actor, id, &minutes)
        })
        .await?;
    Ok(HttpResponse::Ok().json(meeting_dto(meeting)))
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
        .act(&caller, |app, actor| app.elections(actor))
        .await?;
    Ok(HttpResponse::Ok().json(found.into_iter().map(motion_dto).collect::<Vec<_>>()))
}
