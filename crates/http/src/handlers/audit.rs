//! Reading and verifying the audit trail.

use crate::auth::Caller;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use huzhu_api_types::{AuditBreak, AuditEntry, AuditPage, AuditVerification};
use huzhu_domain::audit::Break;
use huzhu_store::audit;
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    /// Entries before this number (the newest when absent).
    pub before: Option<i64>,
    /// At most this many (1–500, default 100).
    pub limit: Option<i64>,
}

/// The audit trail, newest first, a page at a time.
#[utoipa::path(
    tag = "governance",
    params(AuditQuery),
    responses((status = 200, description = "Entries", body = AuditPage))
)]
#[get("/audit")]
pub async fn list(
    _caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<AuditQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.into_inner();
    let limit = q.limit.unwrap_or(100).clamp(1, 500);
    let page = state
        .db(move |store| {
            store.read(|c| {
                let entries = audit::page(c, q.before, limit)?;
                let head_seq = audit::head_seq(c)?;
                Ok(AuditPage {
                    entries: entries
                        .into_iter()
                        .map(|e| AuditEntry {
                            seq: e.seq,
                            at: e.at,
                            actor: e.actor,
                            action: e.action,
                            subject: e.subject,
                            details: e.details,
                            prev_hash: e.prev_hash,
                            hash: e.hash,
                        })
                        .collect(),
                    head_seq,
                })
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// What a verification found, as the API tells it.
pub fn verification_dto(v: audit::Verification) -> AuditVerification {
    AuditVerification {
        intact: v.broken.is_none(),
        checked: v.checked,
        head_seq: v.head_seq,
        broken: v.broken.map(|b| AuditBreak {
            seq: b.seq(),
            kind: match b {
                Break::Missing { .. } => "missing",
                Break::Unlinked(_) => "unlinked",
                Break::Changed(_) => "changed",
            }
            .to_string(),
            message: b.to_string(),
        }),
    }
}

/// Check the whole chain: every entry's hash, its link to the one before, and the head anchor.
/// Names the first entry that no longer fits.
#[utoipa::path(
    tag = "governance",
    responses((status = 200, description = "The verification", body = AuditVerification))
)]
#[get("/audit/verify")]
pub async fn verify(_caller: Caller, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let v = state
        .db(move |store| store.read(|c| Ok(audit::verify(c)?)))
        .await?;
    Ok(HttpResponse::Ok().json(verification_dto(v)))
}
