use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use huzhu_api_types::{ErrorBody, Health, Readiness};

/// Liveness: the process answers.
#[utoipa::path(
    tag = "system",
    responses((status = 200, description = "The service is running", body = Health))
)]
#[get("/health")]
pub async fn health() -> HttpResponse {
    HttpResponse::Ok().json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
    })
}

/// Readiness: the database answers a query.
#[utoipa::path(
    tag = "system",
    responses(
        (status = 200, description = "Ready to serve", body = Readiness),
        (status = 503, description = "The database does not answer", body = ErrorBody),
    )
)]
#[get("/ready")]
pub async fn ready(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let backend = state
        .run(|app| {
            app.database_ready()
                .map_err(|e| ApiError::Unavailable(e.to_string()))
        })
        .await?;
    Ok(HttpResponse::Ok().json(Readiness {
        status: "ready".into(),
        database: backend.to_string(),
    }))
}
