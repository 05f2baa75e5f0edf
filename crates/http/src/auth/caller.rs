//! `Caller`: the authenticated principal of a request, admitted by the route's policy.

use super::policy::{self, Access};
use crate::error::ApiError;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest};
use chrono::{DateTime, Utc};
use futures_util::future::{ready, Ready};
use huzhu_api_types::PrincipalKind;
use huzhu_app::{Actor, ActorId, Reach};
use huzhu_domain::ErrorCode;
use huzhu_domain::{Permission, Role, Scope};
use huzhu_store::org_units::OrgUnit;
use std::sync::Arc;
use tracing_actix_web::RequestId;

/// Who is calling, as loaded from the database for this request.
#[derive(Debug, Clone)]
pub struct Principal {
    pub kind: PrincipalKind,
    /// Account id (staff, member) or API client id (integrator).
    pub id: i64,
    pub display_name: String,
    pub username: Option<String>,
    pub member_id: Option<i64>,
    pub roles: Vec<Role>,
    pub scopes: Vec<Scope>,
    pub permissions: Vec<Permission>,
    pub org_unit: Option<OrgUnit>,
    pub session_family: Option<i64>,
    pub session_started_at: Option<DateTime<Utc>>,
}

impl Principal {
    pub fn has(&self, permission: Permission) -> bool {
        self.permissions.contains(&permission)
    }
}

/// What the authentication middleware concluded about the request's token.
#[derive(Debug, Clone)]
pub enum Authentication {
    Anonymous,
    Authenticated(Arc<Principal>),
    Rejected(Arc<ApiError>),
}

#[derive(Debug, Clone)]
pub struct Caller {
    pub principal: Arc<Principal>,
    /// The request's id (also in every log line of the request).
    pub request_id: String,
}

impl std::ops::Deref for Caller {
    type Target = Principal;
    fn deref(&self) -> &Principal {
        &self.principal
    }
}

impl Principal {
    pub fn actor_id(&self) -> ActorId {
        match self.kind {
            PrincipalKind::Staff => ActorId::Staff(self.id),
            PrincipalKind::Member => ActorId::Member(self.id),
            PrincipalKind::Integrator => ActorId::Client(self.id),
        }
    }

    /// Who acts, as the use cases and the audit trail know them.
    pub fn actor(&self, request_id: &str) -> Actor {
        let id = self.actor_id();
        let reach = match (self.kind, self.member_id, &self.org_unit) {
            (PrincipalKind::Member, Some(member), _) => Reach::of_member(member),
            (PrincipalKind::Staff, _, Some(unit)) => Reach::of_staff(unit.kind, &unit.path),
            _ => Reach::NOBODY,
        };
        Actor {
            id,
            name: self.display_name.clone(),
            reach,
            request_id: request_id.to_string(),
            via: "api",
            permissions: self.permissions.clone(),
        }
    }
}

/// The request's id (also in every log line of the request), or empty.
pub fn request_id(req: &HttpRequest) -> String {
    req.extensions()
        .get::<RequestId>()
        .map(|id| id.to_string())
        .unwrap_or_default()
}

/// Who acts in a request that carries no token yet (logging in, refreshing).
pub fn unauthenticated(req: &HttpRequest, id: ActorId, name: String) -> Actor {
    Actor {
        id,
        name,
        reach: Reach::NOBODY,
        request_id: request_id(req),
        via: "api",
        permissions: Vec::new(),
    }
}

impl Caller {
    pub fn actor(&self) -> Actor {
        self.principal.actor(&self.request_id)
    }
}

fn rejected(e: &ApiError) -> ApiError {
    match e {
        ApiError::Unauthorized { code, message } => ApiError::unauthorized(*code, message.clone()),
        _ => ApiError::unauthorized(
            ErrorCode::AuthTokenInvalid,
            "the access token is not valid; log in again",
        ),
    }
}

/// Admits the request if the route's policy allows the caller; resolves at once, so that it
/// decides before any body is read when it is a handler's first argument.
impl FromRequest for Caller {
    type Error = ApiError;
    type Future = Ready<Result<Caller, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let access = req
            .match_pattern()
            .and_then(|pattern| policy::lookup(req.method().as_str(), &pattern));
        let Some(access) = access else {
            // Deny by default: a route without a policy serves nobody.
            tracing::error!(path = %req.path(), "route has no access policy");
            return ready(Err(ApiError::Forbidden {
                code: ErrorCode::AuthNoPolicy,
            }));
        };
        let authentication = req
            .extensions()
            .get::<Authentication>()
            .cloned()
            .unwrap_or(Authentication::Anonymous);
        let principal =
            match authentication {
                Authentication::Authenticated(p) => p,
                Authentication::Rejected(e) => return ready(Err(rejected(&e))),
                Authentication::Anonymous => return ready(Err(ApiError::unauthorized(
                    ErrorCode::AuthTokenMissing,
                    "log in first: this operation needs an access token (Authorization: Bearer …)",
                ))),
            };
        let admitted = match access {
            Access::Public | Access::Authenticated => true,
            Access::Requires(permission) => principal.has(permission),
        };
        ready(if admitted {
            Ok(Caller {
                principal,
                request_id: request_id(req),
            })
        } else {
            Err(ApiError::forbidden())
        })
    }
}
