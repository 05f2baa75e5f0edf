//! The supervisory board's inspections (监督检查): what was inspected, the findings, what the
//! council is asked to answer and by when, the council's responses, and the board's conclusion.

use crate::db::DbConn;
use crate::error::{StoreError, StoreResult};
use crate::schema::{accounts, inspection_responses, inspections};
use crate::to_db;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use huzhu_domain::governance::InspectionStatus;
use huzhu_domain::ErrorCode;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = inspections)]
pub struct Inspection {
    pub id: i64,
    pub title: String,
    pub scope: String,
    pub findings: String,
    pub request: String,
    pub respond_by: NaiveDate,
    /// `open`, `answered` or `closed`.
    #[diesel(deserialize_as = String)]
    pub status: InspectionStatus,
    pub opened_by: i64,
    pub opened_at: NaiveDateTime,
    pub closed_by: Option<i64>,
    pub closed_at: Option<NaiveDateTime>,
    pub conclusion: Option<String>,
}

/// A response with the name of who gave it.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct Response {
    pub id: i64,
    pub text: String,
    pub responded_by: i64,
    pub responder: String,
    pub responded_at: NaiveDateTime,
}

pub struct NewInspection<'a> {
    pub title: &'a str,
    pub scope: &'a str,
    pub findings: &'a str,
    pub request: &'a str,
    pub respond_by: NaiveDate,
    pub opened_by: i64,
}

pub fn insert(
    conn: &mut DbConn,
    n: NewInspection<'_>,
    now: DateTime<Utc>,
) -> StoreResult<Inspection> {
    let id: i64 = diesel::insert_into(inspections::table)
        .values((
            inspections::title.eq(n.title),
            inspections::scope.eq(n.scope),
            inspections::findings.eq(n.findings),
            inspections::request.eq(n.request),
            inspections::respond_by.eq(n.respond_by),
            inspections::status.eq(InspectionStatus::Open.as_str()),
            inspections::opened_by.eq(n.opened_by),
            inspections::opened_at.eq(to_db(now)),
        ))
        .returning(inspections::id)
        .get_result(conn)?;
    get(conn, id)
}

pub fn get(conn: &mut DbConn, id: i64) -> StoreResult<Inspection> {
    Ok(inspections::table
        .find(id)
        .select(Inspection::as_select())
        .first(conn)?)
}

/// Inspections, newest first.
pub fn list(conn: &mut DbConn) -> StoreResult<Vec<Inspection>> {
    Ok(inspections::table
        .select(Inspection::as_select())
        .order(inspections::id.desc())
        .load(conn)?)
}

pub fn responses(conn: &mut DbConn, inspection_id: i64) -> StoreResult<Vec<Response>> {
    Ok(inspection_responses::table
        .inner_join(accounts::table)
        .filter(inspection_responses::inspection_id.eq(inspection_id))
        .select((
            inspection_responses::id,
            inspection_responses::text,
            inspection_responses::responded_by,
            accounts::display_name,
            inspection_responses::responded_at,
        ))
        .order(inspection_responses::id.asc())
        .load(conn)?)
}

fn closed() -> StoreError {
    StoreError::conflict(
        ErrorCode::InspectionClosed,
        "this inspection is closed; the board opens a new one to take the matter further",
    )
}

/// The council answers an inspection that is not closed.
pub fn respond(
    conn: &mut DbConn,
    id: i64,
    text: &str,
    by: i64,
    now: DateTime<Utc>,
) -> StoreResult<Inspection> {
    let n = diesel::update(
        inspections::table
            .find(id)
            .filter(inspections::status.ne(InspectionStatus::Closed.as_str())),
    )
    .set(inspections::status.eq(InspectionStatus::Answered.as_str()))
    .execute(conn)?;
    if n == 0 {
        get(conn, id)?;
        return Err(closed());
    }
    diesel::insert_into(inspection_responses::table)
        .values((
            inspection_responses::inspection_id.eq(id),
            inspection_responses::text.eq(text),
            inspection_responses::responded_by.eq(by),
            inspection_responses::responded_at.eq(to_db(now)),
        ))
        .execute(conn)?;
    get(conn, id)
}

/// The board closes an inspection with its conclusion, once.
pub fn close(
    conn: &mut DbConn,
    id: i64,
    conclusion: &str,
    by: i64,
    now: DateTime<Utc>,
) -> StoreResult<Inspection> {
    let n = diesel::update(
        inspections::table
            .find(id)
            .filter(inspections::status.ne(InspectionStatus::Closed.as_str())),
    )
    .set((
        inspections::status.eq(InspectionStatus::Closed.as_str()),
        inspections::conclusion.eq(conclusion),
        inspections::closed_by.eq(by),
        inspections::closed_at.eq(to_db(now)),
    ))
    .execute(conn)?;
    if n == 0 {
        get(conn, id)?;
        return Err(closed());
    }
    get(conn, id)
}
