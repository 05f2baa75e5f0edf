//! Writes every state-changing API request that succeeded to the audit trail: who (from the
//! request's authentication), what (method and route), on what (the path), and the outcome. One
//! place for all routes, so no handler can forget it. Secret ballots stay secret: the trail
//! records that a seat voted (the route), never the request body.

use crate::auth::caller::Authentication;
use crate::state::AppState;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage};
use huzhu_api_types::PrincipalKind;
use huzhu_store::audit::{self, NewEntry};
use tracing_actix_web::RequestId;

const API: &str = "/api/v1";

/// Who acted, when the request's token does not say (logging in): set by the handler.
#[derive(Debug, Clone)]
pub struct Acting {
    /// `staff:12`, `member:5`.
    pub actor: String,
    pub name: String,
}

/// The actor as the trail names it: `staff:12`, `member:5`, `client:3`, or empty.
fn actor(acting: Option<&Acting>, auth: Option<&Authentication>) -> (String, String) {
    if let Some(a) = acting {
        return (a.actor.clone(), a.name.clone());
    }
    match auth {
        Some(Authentication::Authenticated(p)) => {
            let kind = match p.kind {
                PrincipalKind::Staff => "staff",
                PrincipalKind::Member => "member",
                PrincipalKind::Integrator => "client",
            };
            (format!("{kind}:{}", p.id), p.display_name.clone())
        }
        _ => (String::new(), String::new()),
    }
}

pub async fn record(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let changes = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        && req.path().starts_with(API);
    let res = next.call(req).await?;
    if !changes || !res.status().is_success() {
        return Ok(res);
    }
    let request = res.request();
    let Some(state) = request.app_data::<web::Data<AppState>>().cloned() else {
        return Ok(res);
    };
    let route = request
        .match_pattern()
        .unwrap_or_else(|| request.path().to_string());
    let action = format!("{} {}", request.method(), route.trim_start_matches(API));
    let subject = request.path().trim_start_matches(API).to_string();
    let (who, name) = actor(
        request.extensions().get::<Acting>(),
        request.extensions().get::<Authentication>(),
    );
    let request_id = request
        .extensions()
        .get::<RequestId>()
        .map(|id| id.to_string())
        .unwrap_or_default();
    let details = serde_json::json!({
        "name": name,
        "status": res.status().as_u16(),
        "request_id": request_id,
    })
    .to_string();
    let at = state
        .now()
        .to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    let written = state
        .db(move |store| {
            store.write(|c| {
                Ok(audit::append(
                    c,
                    &NewEntry {
                        at: &at,
                        actor: &who,
                        action: &action,
                        subject: &subject,
                        details: &details,
                    },
                )?)
            })
        })
        .await;
    if let Err(e) = written {
        // The change itself has been made; the gap shows in the trail's numbering only if
        // entries were lost, so it must at least reach the operators.
        tracing::error!(error = %e, "could not write the audit trail");
    }
    Ok(res)
}
