//! Reading and verifying the audit trail.

use crate::auth::Caller;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{get, post, web, HttpResponse};
use huzhu_api_types::{
    AuditBreak, AuditCheckpoint, AuditCheckpointVerification, AuditEntry, AuditPage,
    AuditVerification,
};
use huzhu_app::records::AuditVerification as Verification;
use huzhu_domain::audit::{Break, Checkpoint, CheckpointBreak};
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
    caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<AuditQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.into_inner();
    let page = state
        .act(&caller, move |app, _| {
            app.audit_page(q.before, q.limit.unwrap_or(100))
        })
        .await?;
    Ok(HttpResponse::Ok().json(AuditPage {
        entries: page
            .entries
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
        head_seq: page.head_seq,
    }))
}

/// What a verification found, as the API tells it.
pub fn verification_dto(v: Verification) -> AuditVerification {
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
    let v = state.run(|app| Ok(app.verify_audit_trail()?)).await?;
    Ok(HttpResponse::Ok().json(verification_dto(v)))
}

/// Take a signed checkpoint of the trail's head, as a file for the supervisory board to keep
/// outside the system; taking it is recorded in the trail.
#[utoipa::path(
    tag = "governance",
    responses((status = 200, description = "The checkpoint (a JSON file to keep)", body = AuditCheckpoint))
)]
#[post("/audit/checkpoint")]
pub async fn checkpoint(caller: Caller, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let actor = caller.actor();
    let cp = state
        .run(move |app| Ok(app.audit_checkpoint(&actor)?))
        .await?;
    let dto = AuditCheckpoint {
        seq: cp.seq,
        hash: cp.hash,
        at: cp.at,
        signature: cp.signature,
    };
    Ok(HttpResponse::Ok()
        .insert_header((
            "Content-Disposition",
            format!(
                "attachment; filename=\"huzhu-audit-checkpoint-{}.json\"",
                dto.seq
            ),
        ))
        .json(dto))
}

/// Verify the trail against a checkpoint kept outside the system: finds entries rewritten
/// (even with the chain computed again) and entries cut from the end since it was taken.
#[utoipa::path(
    tag = "governance",
    request_body = AuditCheckpoint,
    responses((status = 200, description = "The verification", body = AuditCheckpointVerification))
)]
#[post("/audit/checkpoint/verification")]
pub async fn verify_checkpoint(
    _caller: Caller,
    state: web::Data<AppState>,
    body: web::Json<AuditCheckpoint>,
) -> ApiResult<HttpResponse> {
    let b = body.into_inner();
    let cp = Checkpoint {
        seq: b.seq,
        hash: b.hash,
        at: b.at,
        signature: b.signature,
    };
    let (v, against) = state
        .run(move |app| Ok(app.verify_audit_trail_against(&cp)?))
        .await?;
    let (problem, message) = match &against {
        Ok(()) => (None, None),
        Err(e) => (
            Some(
                match e {
                    CheckpointBreak::NotGenuine => "not_genuine",
                    CheckpointBreak::Cut { .. } => "cut",
                    CheckpointBreak::Rewritten(_) => "rewritten",
                }
                .to_string(),
            ),
            Some(e.to_string()),
        ),
    };
    Ok(HttpResponse::Ok().json(AuditCheckpointVerification {
        verification: verification_dto(v),
        checkpoint_holds: against.is_ok(),
        problem,
        message,
    }))
}
