//! `Idempotency-Key` for requests that move money: the same key with the same request gets the
//! first answer again without doing anything twice; the same key with a different request is
//! refused (422). Only successful answers are kept: a refused request may be retried as it is.

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use huzhu_api_types::PrincipalKind;
use huzhu_store::idempotency::{self, Kept};
use sha2::{Digest, Sha256};
use std::future::Future;

pub const HEADER: &str = "Idempotency-Key";

fn caller_key(caller: &Caller) -> String {
    let kind = match caller.kind {
        PrincipalKind::Staff => "staff",
        PrincipalKind::Member => "member",
        PrincipalKind::Integrator => "client",
    };
    format!("{kind}:{}", caller.id)
}

/// Runs `work` once per key: `request` is what identifies the request (its canonical body).
pub async fn once<Fut>(
    state: &AppState,
    caller: &Caller,
    req: &HttpRequest,
    request: &[u8],
    work: impl FnOnce() -> Fut,
) -> ApiResult<HttpResponse>
where
    Fut: Future<Output = ApiResult<(StatusCode, serde_json::Value)>>,
{
    let key = match req.headers().get(HEADER) {
        None => None,
        Some(v) => {
            let k = v.to_str().unwrap_or("").trim().to_string();
            if k.is_empty() || k.len() > 200 {
                return Err(ApiError::BadRequest {
                    code: "idempotency.key_invalid",
                    message: "the Idempotency-Key is 1 to 200 visible characters".into(),
                });
            }
            Some(k)
        }
    };
    let Some(key) = key else {
        let (status, body) = work().await?;
        return Ok(HttpResponse::build(status).json(body));
    };
    let mut h = Sha256::new();
    h.update(req.method().as_str().as_bytes());
    h.update(b" ");
    h.update(req.path().as_bytes());
    h.update(b"\n");
    h.update(request);
    let sha = hex::encode(h.finalize());
    let who = caller_key(caller);
    let found = {
        let (who, key) = (who.clone(), key.clone());
        state
            .db(move |store| store.read(|c| Ok(idempotency::find(c, &who, &key)?)))
            .await?
    };
    if let Some(kept) = found {
        if kept.request_sha256 != sha {
            return Err(ApiError::invalid(
                "idempotency.key_reused",
                "this Idempotency-Key was used for a different request; use a new key for a new request",
            ));
        }
        let status = StatusCode::from_u16(kept.status).unwrap_or(StatusCode::OK);
        return Ok(HttpResponse::build(status)
            .insert_header(("Idempotent-Replayed", "true"))
            .content_type("application/json")
            .body(kept.response));
    }
    let (status, body) = work().await?;
    let kept = Kept {
        request_sha256: sha,
        status: status.as_u16(),
        response: body.to_string(),
    };
    let now = state.now();
    state
        .db(move |store| store.write(|c| Ok(idempotency::keep(c, &who, &key, &kept, now)?)))
        .await?;
    Ok(HttpResponse::build(status).json(body))
}
