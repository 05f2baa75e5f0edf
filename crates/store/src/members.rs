//! Members as identity needs them. The ID number itself is never stored in clear: only its
//! keyed hash (computed by the caller with a key the database never sees) and its masked form.

use crate::db::DbConn;
use crate::error::{StoreError, StoreResult};
use crate::schema::members;
use crate::{from_db, to_db};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use huzhu_domain::Gender;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = members)]
struct MemberRow {
    id: i64,
    org_unit_id: i64,
    name: String,
    id_number_masked: String,
    gender: String,
    birth_date: NaiveDate,
    created_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub id: i64,
    pub org_unit_id: i64,
    pub name: String,
    pub id_number_masked: String,
    pub gender: Gender,
    pub birth_date: NaiveDate,
    pub created_at: DateTime<Utc>,
}

impl From<MemberRow> for Member {
    fn from(r: MemberRow) -> Self {
        Self {
            id: r.id,
            org_unit_id: r.org_unit_id,
            name: r.name,
            id_number_masked: r.id_number_masked,
            gender: if r.gender == "female" {
                Gender::Female
            } else {
                Gender::Male
            },
            birth_date: r.birth_date,
            created_at: from_db(r.created_at),
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewMember<'a> {
    pub org_unit_id: i64,
    pub name: &'a str,
    pub id_number_hash: &'a str,
    pub id_number_masked: &'a str,
    pub gender: Gender,
    pub birth_date: NaiveDate,
}

pub fn insert(conn: &mut DbConn, new: NewMember<'_>, now: DateTime<Utc>) -> StoreResult<Member> {
    let gender = match new.gender {
        Gender::Male => "male",
        Gender::Female => "female",
    };
    let id: i64 = diesel::insert_into(members::table)
        .values((
            members::org_unit_id.eq(new.org_unit_id),
            members::name.eq(new.name),
            members::id_number_hash.eq(new.id_number_hash),
            members::id_number_masked.eq(new.id_number_masked),
            members::gender.eq(gender),
            members::birth_date.eq(new.birth_date),
            members::created_at.eq(to_db(now)),
        ))
        .returning(members::id)
        .get_result(conn)
        .map_err(|e| match StoreError::from(e) {
            StoreError::Conflict { .. } => StoreError::conflict(
                "member.duplicate_id_number",
                "a member with this ID number already exists",
            ),
            other => other,
        })?;
    get(conn, id)
}

pub fn get(conn: &mut DbConn, id: i64) -> StoreResult<Member> {
    Ok(members::table
        .find(id)
        .select(MemberRow::as_select())
        .get_result(conn)?
        .into())
}

pub fn find_by_id_number_hash(conn: &mut DbConn, hash: &str) -> StoreResult<Option<Member>> {
    Ok(members::table
        .filter(members::id_number_hash.eq(hash))
        .select(MemberRow::as_select())
        .get_result(conn)
        .optional()?
        .map(Member::from))
}
