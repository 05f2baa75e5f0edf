//! Who may read `/metrics`: the configured addresses (loopback by default, for a Prometheus
//! on the same host) and whoever presents the metrics token. The figures say how busy each
//! route is and how it fails; they are not for the public. A request that came through a
//! trusted proxy is never taken as local, so a proxy on the same host does not open them.

use crate::error::ApiError;
use crate::state::AppState;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::web;
use huzhu_app::protect::constant_time_eq;

pub const PATH: &str = "/metrics";

/// Whether the request may read the metrics.
fn admitted(req: &ServiceRequest, state: &AppState) -> bool {
    let config = &state.config;
    let by_token = config.metrics_token.as_ref().is_some_and(|token| {
        req.headers()
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .is_some_and(|given| constant_time_eq(given.trim().as_bytes(), &token.0))
    });
    let by_address = req.peer_addr().map(|a| a.ip()).is_some_and(|ip| {
        config.metrics_addresses.contains(&ip) && !config.trusted_proxies.contains(&ip)
    });
    by_token || by_address
}

pub async fn guard(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    if req.path() == PATH {
        let allowed = req
            .app_data::<web::Data<AppState>>()
            .is_some_and(|state| admitted(&req, state));
        if !allowed {
            return Ok(req.error_response(ApiError::NotForYou {
                code: huzhu_domain::ErrorCode::AuthForbidden,
                message: "the metrics are served only to the configured addresses \
                          (HUZHU_METRICS_ADDRESSES) or with the metrics token"
                    .into(),
            }));
        }
    }
    next.call(req)
        .await
        .map(ServiceResponse::map_into_boxed_body)
}
