//! Bulk writes of a committed roster: the new members, their union membership and every policy
//! of the batch, in multi-row statements instead of several round trips per person.

use crate::db::DbConn;
use crate::error::{StoreError, StoreResult};
use crate::members::{self, NewMember};
use crate::schema::policies;
use crate::{on_backend, to_db, CHUNK};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use huzhu_domain::coverage::PolicyState;
use std::collections::HashMap;

/// A policy of a roster batch, waiting for the batch's payment.
#[derive(Debug, Clone)]
pub struct PendingPolicy {
    /// An existing member, or the index of a member in the `new_members` slice.
    pub holder: Holder,
    pub shares: i32,
    pub premium_fen: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    Existing(i64),
    New(usize),
}

/// What a roster's commit created: ids in the order they were passed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrolled {
    pub member_ids: Vec<i64>,
    /// With the member each policy belongs to.
    pub policies: Vec<(i64, i64)>,
}

/// Registers `new_members`, then enrolls every holder in the plan version as one batch. A
/// holder appears at most once.
pub fn insert_roster(
    conn: &mut DbConn,
    new_members: &[NewMember<'_>],
    batch_id: i64,
    plan_version_id: i64,
    plan_code: &str,
    pending: &[PendingPolicy],
    now: DateTime<Utc>,
) -> StoreResult<Enrolled> {
    let at = to_db(now);
    let ids = members::insert_registered_by(conn, new_members, Some(batch_id), now)?;
    let mut created = Vec::with_capacity(pending.len());
    for chunk in pending.chunks(CHUNK) {
        let holders = chunk
            .iter()
            .map(|p| match p.holder {
                Holder::Existing(id) => Ok(id),
                Holder::New(i) => ids.get(i).copied().ok_or(StoreError::NotFound),
            })
            .collect::<StoreResult<Vec<i64>>>()?;
        let rows: Vec<_> = chunk
            .iter()
            .zip(&holders)
            .map(|(p, &member_id)| {
                (
                    policies::member_id.eq(member_id),
                    policies::plan_version_id.eq(plan_version_id),
                    policies::plan_code.eq(plan_code),
                    policies::shares.eq(p.shares),
                    policies::premium_fen.eq(p.premium_fen),
                    policies::status.eq(PolicyState::PendingPayment.as_str()),
                    policies::created_at.eq(at),
                    policies::batch_id.eq(batch_id),
                )
            })
            .collect();
        // Matched by holder, not by the order of the returned rows.
        let made: HashMap<i64, i64> = on_backend!(conn, |c| diesel::insert_into(policies::table)
            .values(&rows)
            .returning((policies::member_id, policies::id))
            .load::<(i64, i64)>(c))?
        .into_iter()
        .collect();
        for member_id in holders {
            let id = made.get(&member_id).ok_or(StoreError::NotFound)?;
            created.push((*id, member_id));
        }
    }
    Ok(Enrolled {
        member_ids: ids,
        policies: created,
    })
}
