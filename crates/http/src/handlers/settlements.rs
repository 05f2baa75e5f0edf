//! Claims without forms (一站式结算): the route of huzhu_app::settlements, through which an
//! integrator posts the medical-insurance settlements of hospital stays.

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::roster_file::read_body;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use huzhu_api_types::{ErrorBody, SettlementBatch, SettlementReport};
use huzhu_domain::ErrorCode;

/// Post medical-insurance settlements (all of a request are written together, or none). Each
/// record is judged on its own and reported: claims
/// created (with amounts, approved at once up to the configured amount), not covered (why),
/// duplicate (the claims it made before) or invalid (which field). Posting a batch again
/// creates nothing new.
#[utoipa::path(
    tag = "claims",
    request_body = SettlementBatch,
    responses(
        (status = 200, description = "One result per record, in order", body = SettlementReport),
        (status = 400, description = "Not a batch of settlements (malformed JSON, unknown fields)", body = ErrorBody),
        (status = 422, description = "No records, or more than 1,000", body = ErrorBody),
    )
)]
#[post("/settlements")]
pub async fn post_batch(
    caller: Caller,
    state: web::Data<AppState>,
    body: web::Payload,
) -> ApiResult<HttpResponse> {
    let bytes = read_body(body, state.config.settlement_max_bytes).await?;
    let batch: SettlementBatch =
        serde_json::from_slice(&bytes).map_err(|e| ApiError::BadRequest {
            code: ErrorCode::RequestMalformedJson,
            message: format!("the body is not a settlement batch: {e}"),
        })?;
    let results = state
        .act(&caller, move |app, actor| {
            app.post_settlements(actor, &batch.records)
        })
        .await?;
    Ok(HttpResponse::Ok().json(SettlementReport { results }))
}
