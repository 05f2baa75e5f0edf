//! Bodies, terms, seats, meetings, motions and ballots (docs/domain.md §6), and what passed
//! resolutions adopt: articles of association and annual budgets. The rules (notice, thresholds,
//! counting, scrutineers) are the domain's; this module keeps the records and guards them
//! against races: one ballot per seat (primary key), ballots only on an open motion, a motion
//! closed once.

use crate::db::DbConn;
use crate::error::{StoreError, StoreResult};
use crate::schema::{
    accounts, gov_articles, gov_attendance, gov_budgets, gov_meetings, gov_motions,
    gov_scrutineers, gov_seats, gov_terms, gov_votes,
};
use crate::{to_db, Stored};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use huzhu_domain::governance::{Body, MeetingStatus, MotionStatus, MotionType, Position};
use huzhu_domain::ErrorCode;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = gov_terms)]
pub struct Term {
    pub id: i64,
    #[diesel(deserialize_as = String)]
    pub body: Body,
    pub number: i32,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub extended: bool,
    pub created_at: NaiveDateTime,
}

/// A seat with the name of the account holding it.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct Seat {
    pub id: i64,
    pub term_id: i64,
    pub account_id: i64,
    #[diesel(deserialize_as = String)]
    pub position: Position,
    pub elected_by_motion: Option<i64>,
    pub holder: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = gov_meetings)]
pub struct Meeting {
    pub id: i64,
    pub term_id: i64,
    pub title: String,
    pub location: String,
    pub starts_at: NaiveDateTime,
    pub notice_given_on: NaiveDate,
    #[diesel(deserialize_as = String)]
    pub status: MeetingStatus,
    pub minutes: Option<String>,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub closed_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = gov_motions)]
pub struct Motion {
    pub id: i64,
    pub meeting_id: i64,
    #[diesel(deserialize_as = String)]
    pub kind: MotionType,
    pub title: String,
    pub text: String,
    pub plan_version_id: Option<i64>,
    pub budget_year: Option<i32>,
    pub reserve_bp: Option<i32>,
    pub expense_cap_bp: Option<i32>,
    pub articles_text: Option<String>,
    #[diesel(deserialize_as = Stored<Option<Body>>)]
    pub elect_to: Option<Body>,
    pub candidate_account_id: Option<i64>,
    #[diesel(deserialize_as = Stored<Option<Position>>)]
    pub candidate_position: Option<Position>,
    pub secret: bool,
    #[diesel(deserialize_as = String)]
    pub status: MotionStatus,
    pub yes_count: i32,
    pub no_count: i32,
    pub abstain_count: i32,
    pub members_count: Option<i32>,
    pub present_count: Option<i32>,
    pub explanation_en: Option<String>,
    pub explanation_zh: Option<String>,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub closed_by: Option<i64>,
    pub closed_at: Option<NaiveDateTime>,
}

// ---- terms and seats -------------------------------------------------------------------

/// Opens the next term of `body`; terms of one body do not overlap.
pub fn insert_term(
    conn: &mut DbConn,
    body: Body,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    now: DateTime<Utc>,
) -> StoreResult<Term> {
    let previous: Option<Term> = gov_terms::table
        .filter(gov_terms::body.eq(body.as_str()))
        .order(gov_terms::number.desc())
        .select(Term::as_select())
        .first(conn)
        .optional()?;
    if let Some(p) = &previous {
        if starts_on <= p.ends_on {
            return Err(StoreError::conflict(
                ErrorCode::GovernanceTermOverlaps,
                format!(
                    "term {} of this body runs until {}; the next term starts after it",
                    p.number, p.ends_on
                ),
            ));
        }
    }
    let number = previous.map_or(1, |p| p.number + 1);
    let id: i64 = diesel::insert_into(gov_terms::table)
        .values((
            gov_terms::body.eq(body.as_str()),
            gov_terms::number.eq(number),
            gov_terms::starts_on.eq(starts_on),
            gov_terms::ends_on.eq(ends_on),
            gov_terms::extended.eq(false),
            gov_terms::created_at.eq(to_db(now)),
        ))
        .returning(gov_terms::id)
        .get_result(conn)?;
    term(conn, id)
}

pub fn term(conn: &mut DbConn, id: i64) -> StoreResult<Term> {
    Ok(gov_terms::table
        .find(id)
        .select(Term::as_select())
        .first(conn)?)
}

pub fn terms(conn: &mut DbConn) -> StoreResult<Vec<Term>> {
    Ok(gov_terms::table
        .select(Term::as_select())
        .order((gov_terms::body.asc(), gov_terms::number.desc()))
        .load(conn)?)
}

/// The term of `body` running on `day`.
pub fn term_on(conn: &mut DbConn, body: Body, day: NaiveDate) -> StoreResult<Option<Term>> {
    Ok(gov_terms::table
        .filter(gov_terms::body.eq(body.as_str()))
        .filter(gov_terms::starts_on.le(day))
        .filter(gov_terms::ends_on.ge(day))
        .select(Term::as_select())
        .first(conn)
        .optional()?)
}

/// Moves the end of a term not yet extended.
pub fn extend_term(conn: &mut DbConn, id: i64, ends_on: NaiveDate) -> StoreResult<Term> {
    let n = diesel::update(
        gov_terms::table
            .find(id)
            .filter(gov_terms::extended.eq(false)),
    )
    .set((gov_terms::ends_on.eq(ends_on), gov_terms::extended.eq(true)))
    .execute(conn)?;
    if n == 0 {
        term(conn, id)?;
        return Err(StoreError::conflict(
            ErrorCode::GovernanceTermExtended,
            "a term is extended only once",
        ));
    }
    term(conn, id)
}

/// Seats joined with the names of those holding them.
macro_rules! seat_query {
    () => {
        gov_seats::table.inner_join(accounts::table).select((
            gov_seats::id,
            gov_seats::term_id,
            gov_seats::account_id,
            gov_seats::position,
            gov_seats::elected_by_motion,
            accounts::display_name,
        ))
    };
}

/// Gives `account_id` a seat in the term; one seat per account and term, one chair and one
/// secretary per term.
pub fn insert_seat(
    conn: &mut DbConn,
    term_id: i64,
    account_id: i64,
    position: Position,
    single: bool,
    elected_by_motion: Option<i64>,
    now: DateTime<Utc>,
) -> StoreResult<Seat> {
    if single {
        let taken: i64 = gov_seats::table
            .filter(gov_seats::term_id.eq(term_id))
            .filter(gov_seats::position.eq(position.as_str()))
            .count()
            .get_result(conn)?;
        if taken > 0 {
            return Err(StoreError::conflict(
                ErrorCode::GovernancePositionTaken,
                format!(
                    "this term already has its {}",
                    position.as_str().replace('_', " ")
                ),
            ));
        }
    }
    if seat_of(conn, term_id, account_id)?.is_some() {
        return Err(StoreError::conflict(
            ErrorCode::GovernanceAlreadySeated,
            "this person already holds a seat in this term",
        ));
    }
    let id: i64 = diesel::insert_into(gov_seats::table)
        .values((
            gov_seats::term_id.eq(term_id),
            gov_seats::account_id.eq(account_id),
            gov_seats::position.eq(position.as_str()),
            gov_seats::elected_by_motion.eq(elected_by_motion),
            gov_seats::created_at.eq(to_db(now)),
        ))
        .returning(gov_seats::id)
        .get_result(conn)?;
    seat(conn, id)
}

pub fn seat(conn: &mut DbConn, id: i64) -> StoreResult<Seat> {
    Ok(seat_query!().filter(gov_seats::id.eq(id)).first(conn)?)
}

pub fn seats_of_term(conn: &mut DbConn, term_id: i64) -> StoreResult<Vec<Seat>> {
    Ok(seat_query!()
        .filter(gov_seats::term_id.eq(term_id))
        .order(gov_seats::id.asc())
        .load(conn)?)
}

pub fn seats_by_id(conn: &mut DbConn, ids: &[i64]) -> StoreResult<Vec<Seat>> {
    Ok(seat_query!().filter(gov_seats::id.eq_any(ids)).load(conn)?)
}

pub fn seat_of(conn: &mut DbConn, term_id: i64, account_id: i64) -> StoreResult<Option<Seat>> {
    Ok(seat_query!()
        .filter(gov_seats::term_id.eq(term_id))
        .filter(gov_seats::account_id.eq(account_id))
        .first(conn)
        .optional()?)
}

/// The terms in which the account holds a seat.
pub fn terms_seating(conn: &mut DbConn, account_id: i64) -> StoreResult<Vec<i64>> {
    Ok(gov_seats::table
        .filter(gov_seats::account_id.eq(account_id))
        .select(gov_seats::term_id)
        .load(conn)?)
}

// ---- meetings ------------------------------------------------------------------------------

pub struct NewMeeting<'a> {
    pub term_id: i64,
    pub title: &'a str,
    pub location: &'a str,
    pub starts_at: DateTime<Utc>,
    pub notice_given_on: NaiveDate,
    pub created_by: i64,
}

pub fn insert_meeting(
    conn: &mut DbConn,
    m: NewMeeting<'_>,
    now: DateTime<Utc>,
) -> StoreResult<Meeting> {
    let id: i64 = diesel::insert_into(gov_meetings::table)
        .values((
            gov_meetings::term_id.eq(m.term_id),
            gov_meetings::title.eq(m.title),
            gov_meetings::location.eq(m.location),
            gov_meetings::starts_at.eq(to_db(m.starts_at)),
            gov_meetings::notice_given_on.eq(m.notice_given_on),
            gov_meetings::status.eq(MeetingStatus::Scheduled.as_str()),
            gov_meetings::created_by.eq(m.created_by),
            gov_meetings::created_at.eq(to_db(now)),
        ))
        .returning(gov_meetings::id)
        .get_result(conn)?;
    meeting(conn, id)
}

pub fn meeting(conn: &mut DbConn, id: i64) -> StoreResult<Meeting> {
    Ok(gov_meetings::table
        .find(id)
        .select(Meeting::as_select())
        .first(conn)?)
}

/// Meetings, latest first; only those of `terms` when given.
pub fn meetings(conn: &mut DbConn, terms: Option<&[i64]>) -> StoreResult<Vec<Meeting>> {
    let mut q = gov_meetings::table
        .select(Meeting::as_select())
        .order(gov_meetings::starts_at.desc())
        .into_boxed();
    if let Some(terms) = terms {
        q = q.filter(gov_meetings::term_id.eq_any(terms.to_vec()));
    }
    Ok(q.load(conn)?)
}

/// Closes a scheduled meeting with its minutes once every motion on its agenda is decided.
pub fn close_meeting(
    conn: &mut DbConn,
    id: i64,
    minutes: &str,
    now: DateTime<Utc>,
) -> StoreResult<Meeting> {
    let open: i64 = gov_motions::table
        .filter(gov_motions::meeting_id.eq(id))
        .filter(gov_motions::status.eq(MotionStatus::Open.as_str()))
        .count()
        .get_result(conn)?;
    if open > 0 {
        return Err(StoreError::conflict(
            ErrorCode::GovernanceMotionsOpen,
            format!("{open} motion(s) on the agenda are still open; close their votes first"),
        ));
    }
    let n = diesel::update(
        gov_meetings::table
            .find(id)
            .filter(gov_meetings::status.eq(MeetingStatus::Scheduled.as_str())),
    )
    .set((
        gov_meetings::status.eq(MeetingStatus::Closed.as_str()),
        gov_meetings::minutes.eq(minutes),
        gov_meetings::closed_at.eq(to_db(now)),
    ))
    .execute(conn)?;
    if n == 0 {
        meeting(conn, id)?;
        return Err(meeting_closed());
    }
    meeting(conn, id)
}

pub fn meeting_closed() -> StoreError {
    StoreError::conflict(ErrorCode::GovernanceMeetingClosed, "this meeting is closed")
}

/// Records seats as present (seats already recorded stay so).
pub fn record_attendance(
    conn: &mut DbConn,
    meeting_id: i64,
    seat_ids: &[i64],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let already: Vec<i64> = attendance(conn, meeting_id)?;
    for seat in seat_ids.iter().filter(|s| !already.contains(s)) {
        diesel::insert_into(gov_attendance::table)
            .values((
                gov_attendance::meeting_id.eq(meeting_id),
                gov_attendance::seat_id.eq(seat),
                gov_attendance::recorded_at.eq(to_db(now)),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The seats recorded present.
pub fn attendance(conn: &mut DbConn, meeting_id: i64) -> StoreResult<Vec<i64>> {
    Ok(gov_attendance::table
        .filter(gov_attendance::meeting_id.eq(meeting_id))
        .select(gov_attendance::seat_id)
        .order(gov_attendance::seat_id.asc())
        .load(conn)?)
}

// ---- motions and ballots --------------------------------------------------------------------

#[derive(Debug, Clone)]
pub struct NewMotion<'a> {
    pub meeting_id: i64,
    pub kind: MotionType,
    pub title: &'a str,
    pub text: &'a str,
    pub plan_version_id: Option<i64>,
    pub budget_year: Option<i32>,
    pub reserve_bp: Option<i32>,
    pub expense_cap_bp: Option<i32>,
    pub articles_text: Option<&'a str>,
    pub elect_to: Option<Body>,
    pub candidate_account_id: Option<i64>,
    pub candidate_position: Option<Position>,
    pub secret: bool,
    pub scrutineer_seats: &'a [i64],
    pub created_by: i64,
}

impl<'a> NewMotion<'a> {
    /// A motion of `kind` with nothing but its title and text; the fields its kind needs are
    /// set beside it.
    pub fn of(
        meeting_id: i64,
        kind: MotionType,
        title: &'a str,
        text: &'a str,
        created_by: i64,
    ) -> Self {
        NewMotion {
            meeting_id,
            kind,
            title,
            text,
            plan_version_id: None,
            budget_year: None,
            reserve_bp: None,
            expense_cap_bp: None,
            articles_text: None,
            elect_to: None,
            candidate_account_id: None,
            candidate_position: None,
            secret: false,
            scrutineer_seats: &[],
            created_by,
        }
    }
}

pub fn insert_motion(
    conn: &mut DbConn,
    m: NewMotion<'_>,
    now: DateTime<Utc>,
) -> StoreResult<Motion> {
    let id: i64 = diesel::insert_into(gov_motions::table)
        .values((
            gov_motions::meeting_id.eq(m.meeting_id),
            gov_motions::kind.eq(m.kind.as_str()),
            gov_motions::title.eq(m.title),
            gov_motions::text.eq(m.text),
            gov_motions::plan_version_id.eq(m.plan_version_id),
            gov_motions::budget_year.eq(m.budget_year),
            gov_motions::reserve_bp.eq(m.reserve_bp),
            gov_motions::expense_cap_bp.eq(m.expense_cap_bp),
            gov_motions::articles_text.eq(m.articles_text),
            gov_motions::elect_to.eq(m.elect_to.map(Body::as_str)),
            gov_motions::candidate_account_id.eq(m.candidate_account_id),
            gov_motions::candidate_position.eq(m.candidate_position.map(Position::as_str)),
            gov_motions::secret.eq(m.secret),
            gov_motions::status.eq(MotionStatus::Open.as_str()),
            gov_motions::created_by.eq(m.created_by),
            gov_motions::created_at.eq(to_db(now)),
        ))
        .returning(gov_motions::id)
        .get_result(conn)?;
    for seat in m.scrutineer_seats {
        diesel::insert_into(gov_scrutineers::table)
            .values((
                gov_scrutineers::motion_id.eq(id),
                gov_scrutineers::seat_id.eq(seat),
            ))
            .execute(conn)?;
    }
    motion(conn, id)
}

pub fn motion(conn: &mut DbConn, id: i64) -> StoreResult<Motion> {
    Ok(gov_motions::table
        .find(id)
        .select(Motion::as_select())
        .first(conn)?)
}

pub fn motions_of_meeting(conn: &mut DbConn, meeting_id: i64) -> StoreResult<Vec<Motion>> {
    Ok(gov_motions::table
        .filter(gov_motions::meeting_id.eq(meeting_id))
        .select(Motion::as_select())
        .order(gov_motions::id.asc())
        .load(conn)?)
}

/// Motions of one kind, latest first.
pub fn motions_of_kind(conn: &mut DbConn, kind: MotionType) -> StoreResult<Vec<Motion>> {
    Ok(gov_motions::table
        .filter(gov_motions::kind.eq(kind.as_str()))
        .select(Motion::as_select())
        .order(gov_motions::id.desc())
        .load(conn)?)
}

/// The motions that name a plan version.
pub fn motions_of_plan_version(conn: &mut DbConn, version_id: i64) -> StoreResult<Vec<Motion>> {
    Ok(gov_motions::table
        .filter(gov_motions::plan_version_id.eq(version_id))
        .select(Motion::as_select())
        .order(gov_motions::id.asc())
        .load(conn)?)
}

pub fn scrutineers(conn: &mut DbConn, motion_id: i64) -> StoreResult<Vec<i64>> {
    Ok(gov_scrutineers::table
        .filter(gov_scrutineers::motion_id.eq(motion_id))
        .select(gov_scrutineers::seat_id)
        .order(gov_scrutineers::seat_id.asc())
        .load(conn)?)
}

/// A ballot on record: the seat, and how it voted unless the ballot was secret.
pub fn ballots(conn: &mut DbConn, motion_id: i64) -> StoreResult<Vec<(i64, Option<String>)>> {
    Ok(gov_votes::table
        .filter(gov_votes::motion_id.eq(motion_id))
        .select((gov_votes::seat_id, gov_votes::choice))
        .order(gov_votes::seat_id.asc())
        .load(conn)?)
}

/// Casts the seat's ballot on an open motion. A secret ballot records that the seat voted and
/// adds to the count; the choice itself is kept only in the count.
pub fn cast(
    conn: &mut DbConn,
    motion_id: i64,
    seat_id: i64,
    choice: &str,
    secret: bool,
) -> StoreResult<()> {
    let already: i64 = gov_votes::table
        .filter(gov_votes::motion_id.eq(motion_id))
        .filter(gov_votes::seat_id.eq(seat_id))
        .count()
        .get_result(conn)?;
    if already > 0 {
        return Err(already_voted());
    }
    let counted = {
        let target = gov_motions::table
            .find(motion_id)
            .filter(gov_motions::status.eq(MotionStatus::Open.as_str()));
        match choice {
            "yes" => diesel::update(target)
                .set(gov_motions::yes_count.eq(gov_motions::yes_count + 1))
                .execute(conn)?,
            "no" => diesel::update(target)
                .set(gov_motions::no_count.eq(gov_motions::no_count + 1))
                .execute(conn)?,
            "abstain" => diesel::update(target)
                .set(gov_motions::abstain_count.eq(gov_motions::abstain_count + 1))
                .execute(conn)?,
            other => {
                return Err(StoreError::conflict(
                    ErrorCode::GovernanceChoice,
                    format!("unknown choice {other}"),
                ))
            }
        }
    };
    if counted == 0 {
        return Err(voting_closed());
    }
    diesel::insert_into(gov_votes::table)
        .values((
            gov_votes::motion_id.eq(motion_id),
            gov_votes::seat_id.eq(seat_id),
            gov_votes::choice.eq((!secret).then_some(choice)),
        ))
        .execute(conn)
        .map_err(|e| match StoreError::from(e) {
            // Two ballots of one seat racing: the key keeps one.
            StoreError::Conflict { .. } => already_voted(),
            other => other,
        })?;
    Ok(())
}

pub fn already_voted() -> StoreError {
    StoreError::conflict(
        ErrorCode::GovernanceAlreadyVoted,
        "this seat has already voted on this motion; a ballot cannot be cast twice or changed",
    )
}

pub fn voting_closed() -> StoreError {
    StoreError::conflict(
        ErrorCode::GovernanceVotingClosed,
        "voting on this motion has closed",
    )
}

/// The count a motion closes with.
pub struct Closing<'a> {
    pub passed: bool,
    pub members: i32,
    pub present: i32,
    pub explanation_en: &'a str,
    pub explanation_zh: &'a str,
    pub closed_by: i64,
}

/// Closes voting once: a second close finds the motion decided and is refused.
pub fn close_motion(
    conn: &mut DbConn,
    id: i64,
    c: Closing<'_>,
    now: DateTime<Utc>,
) -> StoreResult<Motion> {
    let n = diesel::update(
        gov_motions::table
            .find(id)
            .filter(gov_motions::status.eq(MotionStatus::Open.as_str())),
    )
    .set((
        gov_motions::status.eq(if c.passed {
            MotionStatus::Passed
        } else {
            MotionStatus::NotPassed
        }
        .as_str()),
        gov_motions::members_count.eq(c.members),
        gov_motions::present_count.eq(c.present),
        gov_motions::explanation_en.eq(c.explanation_en),
        gov_motions::explanation_zh.eq(c.explanation_zh),
        gov_motions::closed_by.eq(c.closed_by),
        gov_motions::closed_at.eq(to_db(now)),
    ))
    .execute(conn)?;
    if n == 0 {
        motion(conn, id)?;
        return Err(voting_closed());
    }
    motion(conn, id)
}

// ---- what resolutions adopt -----------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = gov_articles)]
pub struct Articles {
    pub version: i32,
    pub text: String,
    pub motion_id: Option<i64>,
    pub adopted_at: NaiveDateTime,
}

pub fn adopt_articles(
    conn: &mut DbConn,
    text: &str,
    motion_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<Articles> {
    let last: Option<i32> = gov_articles::table
        .select(diesel::dsl::max(gov_articles::version))
        .first(conn)?;
    let version = last.unwrap_or(0) + 1;
    diesel::insert_into(gov_articles::table)
        .values((
            gov_articles::version.eq(version),
            gov_articles::text.eq(text),
            gov_articles::motion_id.eq(motion_id),
            gov_articles::adopted_at.eq(to_db(now)),
        ))
        .execute(conn)?;
    Ok(gov_articles::table
        .find(version)
        .select(Articles::as_select())
        .first(conn)?)
}

pub fn articles(conn: &mut DbConn) -> StoreResult<Vec<Articles>> {
    Ok(gov_articles::table
        .select(Articles::as_select())
        .order(gov_articles::version.desc())
        .load(conn)?)
}

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = gov_budgets)]
pub struct Budget {
    pub year: i32,
    pub reserve_bp: i32,
    pub expense_cap_bp: i32,
    pub motion_id: i64,
    pub adopted_at: NaiveDateTime,
}

/// Adopts the year's budget; a later resolution for the same year replaces it.
pub fn adopt_budget(
    conn: &mut DbConn,
    year: i32,
    reserve_bp: i32,
    expense_cap_bp: i32,
    motion_id: i64,
    now: DateTime<Utc>,
) -> StoreResult<Budget> {
    diesel::delete(gov_budgets::table.find(year)).execute(conn)?;
    diesel::insert_into(gov_budgets::table)
        .values((
            gov_budgets::year.eq(year),
            gov_budgets::reserve_bp.eq(reserve_bp),
            gov_budgets::expense_cap_bp.eq(expense_cap_bp),
            gov_budgets::motion_id.eq(motion_id),
            gov_budgets::adopted_at.eq(to_db(now)),
        ))
        .execute(conn)?;
    budget(conn, year)?.ok_or(StoreError::NotFound)
}

pub fn budget(conn: &mut DbConn, year: i32) -> StoreResult<Option<Budget>> {
    Ok(gov_budgets::table
        .find(year)
        .select(Budget::as_select())
        .first(conn)
        .optional()?)
}

pub fn budgets(conn: &mut DbConn) -> StoreResult<Vec<Budget>> {
    Ok(gov_budgets::table
        .select(Budget::as_select())
        .order(gov_budgets::year.desc())
        .load(conn)?)
}
