//! Huzhu's REST API (`/api/v1`), its OpenAPI document, Swagger UI, metrics, and the SPA's
//! static files. `app` is the one factory used by `huzhu serve` and by every handler test.

pub mod auth;
pub mod config;
pub mod error;
mod extract_errors;
pub mod handlers;
#[cfg(any(test, feature = "testing"))]
pub mod hostile_files;
pub mod metrics_access;
mod openapi;
pub mod roster_file;
pub mod sealing;
pub mod security_headers;
pub mod spa;
pub mod state;
pub mod views;
pub mod workbook;

pub use config::{HttpConfig, Secret};
pub use error::{ApiError, ApiResult};
pub use state::{AppState, Clock, SystemClock};

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::{from_fn, Next};
use actix_web::{web, App, HttpMessage};
use actix_web_prom::{PrometheusMetrics, PrometheusMetricsBuilder};
use handlers::{
    api_clients, audit, auth as auth_routes, claim_documents, claims, coverage, enrollments,
    finance, governance, inspections, meetings, members, org_units, payments, plans, rosters,
    settlements, staff, system,
};
use tracing_actix_web::{RequestId, TracingLogger};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Huzhu API",
        description = "REST API of Huzhu (互助), the system of a provincial trade-union workers' mutual-aid association: \
            organisation, members, plans, enrollment, claims, funds and governance. Every error has the body \
            `{code, message, details?}`. Staff see their unit's subtree only; objects outside it answer 404.",
        license(name = "Apache-2.0")
    ),
    tags(
        (name = "system", description = "Liveness and readiness"),
        (name = "auth", description = "Logging in, tokens and the caller's identity"),
        (name = "organisation", description = "The tree of the association, city offices, county points and grassroots unions"),
        (name = "staff", description = "Staff accounts"),
        (name = "integrators", description = "API clients of third-party systems"),
        (name = "plans", description = "The plan catalogue and its versions"),
        (name = "enrollment", description = "Rosters, individual enrollment, enrollment batches and contributions"),
        (name = "claims", description = "Claims for mutual aid: filing, review, approval by three different people, the engine's working"),
        (name = "coverage", description = "What a member is covered for, on which day, and what is left"),
        (name = "members", description = "The member register; sensitive fields masked unless unmasked with a purpose"),
        (name = "finance", description = "Funds and finance: the double-entry ledger, fund statements and indicators, payment batches and bank files, expenses, periods"),
        (name = "governance", description = "Congress, council and supervisory board: terms, seats, meetings, motions and ballots, resolutions, inspections, and the tamper-evident audit trail"),
    )
)]
struct ApiDoc;

/// Every API route. Each must also appear in `auth::policy::ROUTES`.
fn api_routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(system::health)
        .service(system::ready)
        .service(auth_routes::login)
        .service(auth_routes::refresh)
        .service(auth_routes::logout)
        .service(auth_routes::client_token)
        .service(auth_routes::me)
        .service(org_units::list)
        .service(org_units::create)
        .service(org_units::get)
        .service(org_units::update)
        .service(org_units::remove)
        .service(staff::list)
        .service(staff::create)
        .service(staff::get)
        .service(staff::update)
        .service(api_clients::list)
        .service(api_clients::create)
        .service(api_clients::revoke)
        .service(members::list)
        .service(members::create)
        .service(members::get)
        .service(members::update)
        .service(members::unmask)
        .service(members::access_log)
        .service(members::reads)
        .service(plans::catalogue)
        .service(plans::versions)
        .service(plans::create_draft)
        .service(plans::update_draft)
        .service(plans::activate)
        .service(plans::retire)
        .service(coverage::mine)
        .service(coverage::of_member)
        .service(coverage::eligibility)
        .service(enrollments::enroll_myself)
        .service(enrollments::record)
        .service(rosters::dry_run)
        .service(rosters::commit)
        .service(rosters::list)
        .service(rosters::get)
        .service(rosters::download)
        .service(rosters::pay)
        .service(claims::file_own)
        .service(claims::list_own)
        .service(claims::get_own)
        .service(claims::submit_own)
        .service(claims::withdraw_own)
        .service(claims::appeal_own)
        .service(claims::notices)
        .service(claims::file_for_member)
        .service(claims::list)
        .service(claims::get)
        .service(claims::submit)
        .service(claims::review)
        .service(claims::approve)
        .service(claims::reject)
        .service(claims::withdraw)
        .service(claims::appeal)
        .service(settlements::post_batch)
        .service(claim_documents::upload_own)
        .service(claim_documents::download_own)
        .service(claim_documents::upload)
        .service(claim_documents::download)
        .service(governance::terms)
        .service(governance::open_term)
        .service(governance::extend_term)
        .service(governance::seat)
        .service(governance::articles)
        .service(governance::budgets)
        .service(meetings::list)
        .service(meetings::convene)
        .service(meetings::get)
        .service(meetings::attendance)
        .service(meetings::table_motion)
        .service(meetings::close_meeting)
        .service(meetings::vote)
        .service(meetings::close_vote)
        .service(meetings::elections)
        .service(inspections::list)
        .service(inspections::open)
        .service(inspections::get)
        .service(inspections::respond)
        .service(inspections::close)
        .service(audit::list)
        .service(audit::verify)
        .service(audit::checkpoint)
        .service(audit::verify_checkpoint)
        .service(finance::entries)
        .service(finance::reverse)
        .service(finance::trial_balance)
        .service(finance::funds)
        .service(finance::fund_statement)
        .service(finance::report)
        .service(finance::periods)
        .service(finance::close_period)
        .service(finance::earn)
        .service(finance::list_expenses)
        .service(finance::enter_expense)
        .service(finance::approve_expense)
        .service(payments::payable)
        .service(payments::list)
        .service(payments::create)
        .service(payments::get)
        .service(payments::approve)
        .service(payments::bank_file)
        .service(payments::bank_result)
        .service(payments::pay_claim);
}

/// The OpenAPI document, collected from the registered handlers.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let (_, mut api) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .service(utoipa_actix_web::scope("/api/v1").configure(api_routes))
        .split_for_parts();
    openapi::Conventions.modify(&mut api);
    api
}

/// The document as checked in at `api-spec/openapi.json`.
pub fn openapi_json() -> String {
    let mut text = openapi().to_pretty_json().unwrap_or_default();
    text.push('\n');
    text
}

/// Prometheus metrics, served at `/metrics`; build once and share between workers.
pub fn metrics() -> Result<PrometheusMetrics, String> {
    PrometheusMetricsBuilder::new("huzhu")
        .endpoint("/metrics")
        // Paths no route matches share one label: scanning for paths must not grow the series.
        .mask_unmatched_patterns("unmatched")
        .build()
        .map_err(|e| e.to_string())
}

/// Returns the request id (also in every log line of the request) as `x-request-id`, and the
/// association's time as `huzhu-time` (RFC 3339): the SPA takes "today" from it, not from the
/// device's clock, which may be wrong (or, for a test server, run on another day).
async fn request_id_header(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    use actix_web::http::header::{HeaderName, HeaderValue};
    let id = req.extensions().get::<RequestId>().map(|id| id.to_string());
    let clock = req
        .app_data::<web::Data<AppState>>()
        .map(|state| state.clock.clone());
    let mut res = next.call(req).await?;
    if let Some(value) = id.and_then(|id| HeaderValue::from_str(&id).ok()) {
        res.headers_mut()
            .insert(HeaderName::from_static("x-request-id"), value);
    }
    let now = clock.map(|clock| {
        clock
            .now()
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    });
    if let Some(value) = now.and_then(|now| HeaderValue::from_str(&now).ok()) {
        res.headers_mut()
            .insert(HeaderName::from_static("huzhu-time"), value);
    }
    Ok(res)
}

pub fn app(
    state: AppState,
    metrics: PrometheusMetrics,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let json_limit = state.config.json_limit;
    let spec = openapi();
    let (app, _) = App::new()
        .into_utoipa_app()
        .map(|app| {
            app.app_data(web::Data::new(state))
                .app_data(extract_errors::json_config(json_limit))
                .app_data(extract_errors::path_config())
                .app_data(extract_errors::query_config())
                // Registered before the /api/v1 scope, which would otherwise claim the path.
                .service(web::redirect("/api/docs", "/api/docs/"))
                .service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/v1/openapi.json", spec))
        })
        .service(utoipa_actix_web::scope("/api/v1").configure(api_routes))
        .split_for_parts();
    // Unknown API routes answer a JSON 404 from the same fallback that serves the SPA.
    app.default_service(web::to(spa::serve))
        .wrap(from_fn(auth::middleware::authenticate))
        .wrap(metrics)
        .wrap(from_fn(metrics_access::guard))
        .wrap(from_fn(request_id_header))
        .wrap(from_fn(security_headers::add))
        .wrap(TracingLogger::default())
}
