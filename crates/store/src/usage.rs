//! What each policy has used of its benefits (the engine's [`Usage`]), versioned: a change is
//! written only over the version it was computed from, so two approvals racing for one remaining
//! cap cannot both spend it — the later one computes again from what the first left.

use crate::db::DbConn;
use crate::error::{StoreError, StoreResult};
use crate::on_backend;
use crate::schema::policy_usage;
use diesel::prelude::*;
use huzhu_domain::adjudication::Usage;
use std::collections::HashMap;

/// A policy's usage and the version it was read at (0: nothing used yet, no row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Versioned {
    pub usage: Usage,
    pub version: i64,
}

fn parse(policy_id: i64, text: &str) -> StoreResult<Usage> {
    serde_json::from_str(text)
        .map_err(|e| StoreError::Corrupt(format!("usage of policy {policy_id}: {e}")))
}

pub fn of_policy(conn: &mut DbConn, policy_id: i64) -> StoreResult<Versioned> {
    let row: Option<(String, i64)> = policy_usage::table
        .find(policy_id)
        .select((policy_usage::usage, policy_usage::version))
        .get_result(conn)
        .optional()?;
    Ok(match row {
        Some((text, version)) => Versioned {
            usage: parse(policy_id, &text)?,
            version,
        },
        None => Versioned {
            usage: Usage::default(),
            version: 0,
        },
    })
}

/// What each policy of one member has used, keyed by policy id (policies with nothing used are
/// absent). One statement of fixed shape, kept compiled, where a list of policy ids would be
/// compiled afresh for every enquiry.
pub fn of_member(conn: &mut DbConn, member_id: i64) -> StoreResult<HashMap<i64, Usage>> {
    use crate::schema::policies;
    let rows: Vec<(i64, String)> = on_backend!(conn, |c| policy_usage::table
        .inner_join(policies::table)
        .filter(policies::member_id.eq(member_id))
        .select((policy_usage::policy_id, policy_usage::usage))
        .load(c))?;
    rows.into_iter()
        .map(|(id, text)| Ok((id, parse(id, &text)?)))
        .collect()
}

/// Writes `usage` as the policy's next version if it is still at `read_version`; false when
/// another approval wrote first (read again and recompute).
pub fn replace(
    conn: &mut DbConn,
    policy_id: i64,
    read_version: i64,
    usage: &Usage,
) -> StoreResult<bool> {
    let text = serde_json::to_string(usage)
        .map_err(|e| StoreError::Corrupt(format!("usage of policy {policy_id}: {e}")))?;
    if read_version == 0 {
        // The first use: whoever inserts the row first wins; the other finds it taken.
        let row = (
            policy_usage::policy_id.eq(policy_id),
            policy_usage::usage.eq(&text),
            policy_usage::version.eq(1i64),
        );
        let n = on_backend!(conn, |c| diesel::insert_into(policy_usage::table)
            .values(&row)
            .on_conflict_do_nothing()
            .execute(c))?;
        return Ok(n == 1);
    }
    let n = diesel::update(
        policy_usage::table
            .find(policy_id)
            .filter(policy_usage::version.eq(read_version)),
    )
    .set((
        policy_usage::usage.eq(&text),
        policy_usage::version.eq(read_version + 1),
    ))
    .execute(conn)?;
    Ok(n == 1)
}
