//! Authenticates every request that carries a bearer token, before routing and before any
//! body is read: verifies the JWT, then loads the principal afresh from the database, so a
//! revoked session, a disabled account or a revoked client stops working at once.

use super::caller::{Authentication, Principal};
use super::tokens::{Claims, Subject};
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage};
use huzhu_api_types::PrincipalKind;
use huzhu_domain::ErrorCode;
use huzhu_domain::{access::permissions_of, Role, Scope};
use huzhu_store::accounts::AccountKind;
use huzhu_store::{accounts, api_clients, org_units, sessions, DbConn, StoreError};
use std::sync::Arc;

pub async fn authenticate(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let header = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .map(|v| v.to_str().unwrap_or("").to_string());
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let outcome = match (header, state) {
        (None, _) | (_, None) => Authentication::Anonymous,
        (Some(value), Some(state)) => match authenticate_header(&state, &value).await {
            Ok(p) => Authentication::Authenticated(Arc::new(p)),
            Err(e) => Authentication::Rejected(Arc::new(e)),
        },
    };
    req.extensions_mut().insert(outcome);
    next.call(req).await
}

fn session_ended() -> ApiError {
    ApiError::unauthorized(
        ErrorCode::AuthSessionEnded,
        "this session has ended; log in again",
    )
}

async fn authenticate_header(state: &AppState, value: &str) -> Result<Principal, ApiError> {
    let token = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            ApiError::unauthorized(
                ErrorCode::AuthTokenInvalid,
                "the Authorization header must be `Bearer <access token>`",
            )
        })?;
    let claims = state.tokens.verify(token)?;
    let subject = Subject::parse(&claims.sub).ok_or_else(|| {
        ApiError::unauthorized(
            ErrorCode::AuthTokenInvalid,
            "the access token is not valid; log in again",
        )
    })?;
    crate::state::point_read(&state.store, move |c| load_principal(c, subject, &claims)).await
}

fn load_principal(
    c: &mut DbConn,
    subject: Subject,
    claims: &Claims,
) -> Result<Principal, ApiError> {
    match subject {
        Subject::Account(account_id) => {
            let family_id = claims.sid.ok_or_else(session_ended)?;
            let family = sessions::family(c, family_id)?.ok_or_else(session_ended)?;
            if family.revoked || family.account_id != account_id {
                return Err(session_ended());
            }
            let account = match accounts::get(c, account_id) {
                Err(StoreError::NotFound) => return Err(session_ended()),
                other => other?,
            };
            if !account.active {
                return Err(session_ended());
            }
            let unit = org_units::get(c, account.org_unit_id)?;
            let kind = match account.kind {
                AccountKind::Staff => PrincipalKind::Staff,
                AccountKind::Member => PrincipalKind::Member,
            };
            // Staff hold staff roles only, and only those their unit's level allows; members
            // the member role only, whatever the table says: a stray row cannot widen anyone's
            // access (a finance role given to a branch account grants nothing).
            let roles: Vec<Role> = match kind {
                PrincipalKind::Member => vec![Role::Member],
                _ => account
                    .roles
                    .iter()
                    .copied()
                    .filter(|r| r.is_staff() && r.allowed_at(unit.kind))
                    .collect(),
            };
            Ok(Principal {
                kind,
                id: account.id,
                display_name: account.display_name,
                username: account.username,
                member_id: account.member_id,
                permissions: permissions_of(&roles, &[]),
                roles,
                scopes: Vec::new(),
                org_unit: Some(unit),
                session_family: Some(family_id),
                session_started_at: Some(family.created_at),
            })
        }
        Subject::Client(id) => {
            let client = match api_clients::get(c, id) {
                Err(StoreError::NotFound) => return Err(session_ended()),
                other => other?,
            };
            if !client.active {
                return Err(ApiError::unauthorized(
                    ErrorCode::AuthClientRevoked,
                    "this API client has been revoked",
                ));
            }
            // The token's scopes, less any the client has lost since it was issued.
            let requested =
                Scope::parse_list(claims.scope.as_deref().unwrap_or("")).unwrap_or_default();
            let scopes: Vec<Scope> = requested
                .into_iter()
                .filter(|s| client.scopes.contains(s))
                .collect();
            Ok(Principal {
                kind: PrincipalKind::Integrator,
                id: client.id,
                display_name: client.name,
                username: Some(client.client_id),
                member_id: None,
                permissions: permissions_of(&[Role::Integrator], &scopes),
                roles: vec![Role::Integrator],
                scopes,
                org_unit: None,
                session_family: None,
                session_started_at: None,
            })
        }
    }
}
