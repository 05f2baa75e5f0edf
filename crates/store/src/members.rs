//! The member register. Sensitive fields arrive here already protected by the caller: the ID
//! number as a keyed hash (for look-ups) plus ciphertext, mobile and bank card as ciphertext,
//! each with its masked form for display. The keys never reach the database.

use crate::db::DbConn;
use crate::error::{StoreError, StoreResult};
use crate::org_units::unit_pattern;
use crate::schema::{member_units, members, org_units, sensitive_access_log};
use crate::{from_db, like_contains, on_backend, to_db, Paging, CHUNK};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use huzhu_domain::ErrorCode;
use huzhu_domain::Reach;
use huzhu_domain::{Gender, MemberCategory};
use std::collections::HashMap;

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
    category: String,
    id_number_enc: String,
    mobile_enc: Option<String>,
    mobile_masked: Option<String>,
    bank_card_enc: Option<String>,
    bank_card_last4: Option<String>,
    bank_card_luhn_override_by: Option<i64>,
    health_consent_at: Option<NaiveDateTime>,
    updated_at: Option<NaiveDateTime>,
}

/// A sensitive value as stored: ciphertext and the masked form shown by default.
#[derive(Clone, PartialEq, Eq)]
pub struct Protected {
    pub ciphertext: String,
    pub masked: String,
}

impl std::fmt::Debug for Protected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Protected({})", self.masked)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub id: i64,
    pub org_unit_id: i64,
    pub name: String,
    pub id_number: Protected,
    pub gender: Gender,
    pub birth_date: NaiveDate,
    pub category: MemberCategory,
    pub mobile: Option<Protected>,
    /// Masked as the last four digits.
    pub bank_card: Option<Protected>,
    /// The staff account that accepted a card number failing the Luhn check.
    pub bank_card_luhn_override_by: Option<i64>,
    pub health_consent_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn protected(ciphertext: Option<String>, masked: Option<String>) -> Option<Protected> {
    match (ciphertext, masked) {
        (Some(ciphertext), Some(masked)) => Some(Protected { ciphertext, masked }),
        _ => None,
    }
}

impl From<MemberRow> for Member {
    fn from(r: MemberRow) -> Self {
        let created_at = from_db(r.created_at);
        Self {
            id: r.id,
            org_unit_id: r.org_unit_id,
            name: r.name,
            id_number: Protected {
                ciphertext: r.id_number_enc,
                masked: r.id_number_masked,
            },
            gender: if r.gender == "female" {
                Gender::Female
            } else {
                Gender::Male
            },
            birth_date: r.birth_date,
            category: MemberCategory::parse(&r.category).unwrap_or(MemberCategory::InService),
            mobile: protected(r.mobile_enc, r.mobile_masked),
            bank_card: protected(r.bank_card_enc, r.bank_card_last4),
            bank_card_luhn_override_by: r.bank_card_luhn_override_by,
            health_consent_at: r.health_consent_at.map(from_db),
            created_at,
            updated_at: r.updated_at.map(from_db).unwrap_or(created_at),
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewMember<'a> {
    pub org_unit_id: i64,
    pub name: &'a str,
    pub id_number_hash: &'a str,
    pub id_number: Protected,
    pub gender: Gender,
    pub birth_date: NaiveDate,
    pub category: MemberCategory,
    pub mobile: Option<Protected>,
    pub bank_card: Option<Protected>,
    pub bank_card_luhn_override_by: Option<i64>,
    pub health_consent: bool,
}

fn gender_str(g: Gender) -> &'static str {
    match g {
        Gender::Male => "male",
        Gender::Female => "female",
    }
}

pub fn insert(conn: &mut DbConn, new: NewMember<'_>, now: DateTime<Utc>) -> StoreResult<Member> {
    let ids = insert_many(conn, std::slice::from_ref(&new), now)?;
    get(conn, ids[0])
}

/// Registers members, each with their first union membership, in multi-row statements.
/// Returns their ids in the order given.
pub fn insert_many(
    conn: &mut DbConn,
    new: &[NewMember<'_>],
    now: DateTime<Utc>,
) -> StoreResult<Vec<i64>> {
    insert_registered_by(conn, new, None, now)
}

/// As [`insert_many`], recording the roster batch that registered them.
pub fn insert_registered_by(
    conn: &mut DbConn,
    new: &[NewMember<'_>],
    roster_batch_id: Option<i64>,
    now: DateTime<Utc>,
) -> StoreResult<Vec<i64>> {
    let at = to_db(now);
    let mut ids = Vec::with_capacity(new.len());
    for chunk in new.chunks(CHUNK) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|m| {
                let (mobile_enc, mobile_masked) = split(&m.mobile);
                let (card_enc, card_last4) = split(&m.bank_card);
                (
                    members::org_unit_id.eq(m.org_unit_id),
                    members::name.eq(m.name),
                    members::id_number_hash.eq(m.id_number_hash),
                    members::id_number_masked.eq(m.id_number.masked.as_str()),
                    members::id_number_enc.eq(m.id_number.ciphertext.as_str()),
                    members::gender.eq(gender_str(m.gender)),
                    members::birth_date.eq(m.birth_date),
                    members::category.eq(m.category.as_str()),
                    members::mobile_enc.eq(mobile_enc),
                    members::mobile_masked.eq(mobile_masked),
                    members::bank_card_enc.eq(card_enc),
                    members::bank_card_last4.eq(card_last4),
                    members::bank_card_luhn_override_by.eq(m.bank_card_luhn_override_by),
                    members::health_consent_at.eq(m.health_consent.then_some(at)),
                    members::created_at.eq(at),
                    members::updated_at.eq(at),
                    members::roster_batch_id.eq(roster_batch_id),
                )
            })
            .collect();
        // Ids are matched by the unique look-up hash, not by the order of the returned rows.
        let found: HashMap<String, i64> =
            on_backend!(conn, |c| diesel::insert_into(members::table)
                .values(&rows)
                .returning((members::id_number_hash, members::id))
                .load::<(String, i64)>(c))
            .map_err(|e| match StoreError::from(e) {
                StoreError::Conflict { .. } => StoreError::conflict(
                    ErrorCode::MemberDuplicateIdNumber,
                    "a member with this ID number is already registered",
                ),
                other => other,
            })?
            .into_iter()
            .collect();
        let first = ids.len();
        for m in chunk {
            ids.push(*found.get(m.id_number_hash).ok_or(StoreError::NotFound)?);
        }
        let joins: Vec<_> = chunk
            .iter()
            .zip(&ids[first..])
            .map(|(m, id)| {
                (
                    member_units::member_id.eq(*id),
                    member_units::org_unit_id.eq(m.org_unit_id),
                    member_units::joined_at.eq(at),
                )
            })
            .collect();
        on_backend!(conn, |c| diesel::insert_into(member_units::table)
            .values(&joins)
            .execute(c))?;
    }
    Ok(ids)
}

fn join_unit(conn: &mut DbConn, member_id: i64, unit: i64, now: DateTime<Utc>) -> StoreResult<()> {
    diesel::insert_into(member_units::table)
        .values((
            member_units::member_id.eq(member_id),
            member_units::org_unit_id.eq(unit),
            member_units::joined_at.eq(to_db(now)),
        ))
        .execute(conn)?;
    Ok(())
}

fn split(p: &Option<Protected>) -> (Option<&str>, Option<&str>) {
    match p {
        Some(p) => (Some(p.ciphertext.as_str()), Some(p.masked.as_str())),
        None => (None, None),
    }
}

pub fn get(conn: &mut DbConn, id: i64) -> StoreResult<Member> {
    Ok(members::table
        .find(id)
        .select(MemberRow::as_select())
        .get_result(conn)?
        .into())
}

/// The members `reach` lets through: those of the unions in a staff member's subtree, or a
/// member themself; `None` when it reaches nobody.
fn within<'a>(
    reach: &Reach,
) -> Option<members::BoxedQuery<'a, <DbConn as diesel::Connection>::Backend>> {
    if let Some(pattern) = unit_pattern(reach) {
        let units = org_units::table
            .filter(org_units::path.like(pattern))
            .select(org_units::id);
        return Some(
            members::table
                .filter(members::org_unit_id.eq_any(units))
                .into_boxed(),
        );
    }
    reach
        .member()
        .map(|id| members::table.filter(members::id.eq(id)).into_boxed())
}

/// The member if they lie within `reach`; `NotFound` otherwise.
pub fn get_within(conn: &mut DbConn, reach: &Reach, id: i64) -> StoreResult<Member> {
    Ok(within(reach)
        .ok_or(StoreError::NotFound)?
        .filter(members::id.eq(id))
        .select(MemberRow::as_select())
        .get_result(conn)?
        .into())
}

pub fn find_by_id_number_hash(conn: &mut DbConn, hash: &str) -> StoreResult<Option<Member>> {
    // On the backend's own connection the statement is found in its cache by type, without
    // writing its SQL out first: the coverage enquiry's hot path (docs/benchmarks.md).
    let row: Option<MemberRow> = on_backend!(conn, |c| members::table
        .filter(members::id_number_hash.eq(hash))
        .select(MemberRow::as_select())
        .get_result(c)
        .optional())?;
    Ok(row.map(Member::from))
}

/// The members among `hashes` (keyed hashes of ID numbers), looked up in chunks.
pub fn find_by_id_number_hashes(
    conn: &mut DbConn,
    hashes: &[String],
) -> StoreResult<Vec<(String, Member)>> {
    let mut out = Vec::new();
    for chunk in hashes.chunks(500) {
        let rows: Vec<(String, MemberRow)> = members::table
            .filter(members::id_number_hash.eq_any(chunk))
            .select((members::id_number_hash, MemberRow::as_select()))
            .load(conn)?;
        out.extend(rows.into_iter().map(|(h, r)| (h, Member::from(r))));
    }
    Ok(out)
}

#[derive(Debug, Clone, Default)]
pub struct MemberFilter {
    /// Exact ID number, as its keyed hash.
    pub id_number_hash: Option<String>,
    pub name_contains: Option<String>,
    pub org_unit_id: Option<i64>,
    pub category: Option<MemberCategory>,
}

fn filtered<'a>(
    reach: &Reach,
    f: &'a MemberFilter,
) -> Option<members::BoxedQuery<'a, <DbConn as diesel::Connection>::Backend>> {
    let mut q = within(reach)?;
    if let Some(hash) = &f.id_number_hash {
        q = q.filter(members::id_number_hash.eq(hash));
    }
    if let Some(name) = &f.name_contains {
        q = q.filter(members::name.like(like_contains(name)).escape('\\'));
    }
    if let Some(unit) = f.org_unit_id {
        q = q.filter(members::org_unit_id.eq(unit));
    }
    if let Some(c) = f.category {
        q = q.filter(members::category.eq(c.as_str()));
    }
    Some(q)
}

/// The members within `reach` that pass `filter`.
pub fn list(
    conn: &mut DbConn,
    reach: &Reach,
    filter: &MemberFilter,
    paging: Paging,
) -> StoreResult<(Vec<Member>, i64)> {
    let (Some(counted), Some(listed)) = (filtered(reach, filter), filtered(reach, filter)) else {
        return Ok((Vec::new(), 0));
    };
    let total = counted.count().get_result(conn)?;
    let rows = listed
        .order(members::id.asc())
        .limit(paging.limit)
        .offset(paging.offset)
        .select(MemberRow::as_select())
        .load(conn)?;
    Ok((rows.into_iter().map(Member::from).collect(), total))
}

/// Changes to a member; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct MemberChanges<'a> {
    pub name: Option<&'a str>,
    pub category: Option<MemberCategory>,
    pub org_unit_id: Option<i64>,
    /// `Some(None)` removes the mobile number.
    pub mobile: Option<Option<Protected>>,
    pub bank_card: Option<Option<Protected>>,
    pub bank_card_luhn_override_by: Option<Option<i64>>,
    /// `Some(true)` records consent now, `Some(false)` withdraws it.
    pub health_consent: Option<bool>,
}

#[derive(AsChangeset)]
#[diesel(table_name = members)]
struct MemberChangeset<'a> {
    name: Option<&'a str>,
    category: Option<&'a str>,
    org_unit_id: Option<i64>,
    mobile_enc: Option<Option<String>>,
    mobile_masked: Option<Option<String>>,
    bank_card_enc: Option<Option<String>>,
    bank_card_last4: Option<Option<String>>,
    bank_card_luhn_override_by: Option<Option<i64>>,
    health_consent_at: Option<Option<NaiveDateTime>>,
    updated_at: NaiveDateTime,
}

pub fn update(
    conn: &mut DbConn,
    id: i64,
    changes: MemberChanges<'_>,
    now: DateTime<Utc>,
) -> StoreResult<Member> {
    let before = get(conn, id)?;
    let (mobile_enc, mobile_masked) = match &changes.mobile {
        None => (None, None),
        Some(p) => {
            let (e, m) = split(p);
            (Some(e.map(str::to_string)), Some(m.map(str::to_string)))
        }
    };
    let (card_enc, card_last4) = match &changes.bank_card {
        None => (None, None),
        Some(p) => {
            let (e, m) = split(p);
            (Some(e.map(str::to_string)), Some(m.map(str::to_string)))
        }
    };
    let set = MemberChangeset {
        name: changes.name,
        category: changes.category.map(|c| c.as_str()),
        org_unit_id: changes.org_unit_id,
        mobile_enc,
        mobile_masked,
        bank_card_enc: card_enc,
        bank_card_last4: card_last4,
        bank_card_luhn_override_by: changes.bank_card_luhn_override_by,
        health_consent_at: changes.health_consent.map(|yes| yes.then(|| to_db(now))),
        updated_at: to_db(now),
    };
    diesel::update(members::table.find(id))
        .set(&set)
        .execute(conn)?;
    if let Some(unit) = changes.org_unit_id.filter(|u| *u != before.org_unit_id) {
        diesel::update(
            member_units::table
                .filter(member_units::member_id.eq(id))
                .filter(member_units::left_at.is_null()),
        )
        .set(member_units::left_at.eq(to_db(now)))
        .execute(conn)?;
        join_unit(conn, id, unit, now)?;
    }
    get(conn, id)
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnitMembership {
    pub org_unit_id: i64,
    pub joined_at: DateTime<Utc>,
    pub left_at: Option<DateTime<Utc>>,
}

/// The units a member has belonged to, oldest first.
pub fn unit_history(conn: &mut DbConn, member_id: i64) -> StoreResult<Vec<UnitMembership>> {
    let rows: Vec<(i64, NaiveDateTime, Option<NaiveDateTime>)> = member_units::table
        .filter(member_units::member_id.eq(member_id))
        .order(member_units::id.asc())
        .select((
            member_units::org_unit_id,
            member_units::joined_at,
            member_units::left_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(org_unit_id, joined, left)| UnitMembership {
            org_unit_id,
            joined_at: from_db(joined),
            left_at: left.map(from_db),
        })
        .collect())
}

#[derive(Debug, Clone, PartialEq)]
pub struct SensitiveAccess {
    pub account_id: i64,
    pub member_id: i64,
    pub fields: Vec<String>,
    pub purpose: String,
    pub accessed_at: DateTime<Utc>,
}

/// Records that `account_id` saw `fields` of a member unmasked, and why.
pub fn log_sensitive_access(conn: &mut DbConn, access: &SensitiveAccess) -> StoreResult<()> {
    diesel::insert_into(sensitive_access_log::table)
        .values((
            sensitive_access_log::account_id.eq(access.account_id),
            sensitive_access_log::member_id.eq(access.member_id),
            sensitive_access_log::fields.eq(access.fields.join(",")),
            sensitive_access_log::purpose.eq(&access.purpose),
            sensitive_access_log::accessed_at.eq(to_db(access.accessed_at)),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn sensitive_access_of(conn: &mut DbConn, member_id: i64) -> StoreResult<Vec<SensitiveAccess>> {
    let rows: Vec<(i64, i64, String, String, NaiveDateTime)> = sensitive_access_log::table
        .filter(sensitive_access_log::member_id.eq(member_id))
        .order(sensitive_access_log::id.asc())
        .select((
            sensitive_access_log::account_id,
            sensitive_access_log::member_id,
            sensitive_access_log::fields,
            sensitive_access_log::purpose,
            sensitive_access_log::accessed_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(account_id, member_id, fields, purpose, at)| SensitiveAccess {
                account_id,
                member_id,
                fields: fields
                    .split(',')
                    .filter(|f| !f.is_empty())
                    .map(String::from)
                    .collect(),
                purpose,
                accessed_at: from_db(at),
            },
        )
        .collect())
}
