//! Logging in and out, refreshing, integrators' tokens, and "who am I".

use crate::auth::caller::unauthenticated;
use crate::auth::lookup_hash::{id_number_hash, random_token, token_hash};
use crate::auth::tokens::Subject;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::Duration;
use huzhu_api_types::{
    ClientToken, ClientTokenRequest, ErrorBody, LoginRequest, Me, OrgUnitRef, RefreshRequest,
    TokenPair,
};
use huzhu_app::{Actor, ActorId, Done, Event};
use huzhu_domain::ErrorCode;
use huzhu_domain::{IdNumber, Scope};
use huzhu_store::accounts::{self, Account, AccountKind};
use huzhu_store::{api_clients, members, sessions};

/// The one answer for an unknown user, a wrong password, a disabled and a locked account, so
/// that the response tells an attacker nothing.
fn invalid_credentials() -> ApiError {
    ApiError::unauthorized(
        ErrorCode::AuthInvalidCredentials,
        "the login name or password is wrong, or the account is locked for 15 minutes after repeated failures",
    )
}

enum LoginName {
    Staff(String),
    Member(String),
}

/// Log in as staff (`username`) or as a member (`id_number`).
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Logged in", body = TokenPair),
        (status = 401, description = "Wrong login name or password, or account locked", body = ErrorBody),
        (status = 422, description = "Neither or both of username and id_number, or unknown fields", body = ErrorBody),
    )
)]
#[post("/auth/login")]
pub async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<LoginRequest>,
) -> ApiResult<HttpResponse> {
    let LoginRequest {
        username,
        id_number,
        password,
    } = body.into_inner();
    let name = match (username, id_number) {
        (Some(u), None) => LoginName::Staff(u.trim().to_lowercase()),
        (None, Some(id)) => LoginName::Member(id),
        _ => {
            return Err(ApiError::invalid(
                ErrorCode::AuthLoginShape,
                "give either `username` (staff) or `id_number` (members), and `password`",
            ))
        }
    };
    let now = state.now();
    let key = state.config.lookup_key.0.clone();
    let account: Option<Account> = state
        .db(move |store| {
            let mut conn = store.conn()?;
            let c = &mut *conn;
            Ok(match name {
                LoginName::Staff(u) => accounts::find_staff_by_username(c, &u)?
                    .filter(|a| a.kind == AccountKind::Staff),
                // A malformed ID number is just an unknown user.
                LoginName::Member(raw) => match IdNumber::parse(&raw) {
                    Err(_) => None,
                    Ok(id) => match members::find_by_id_number_hash(c, &id_number_hash(&key, &id))?
                    {
                        Some(m) => accounts::find_by_member(c, m.id)?,
                        None => None,
                    },
                },
            })
        })
        .await?;
    let usable = account
        .as_ref()
        .filter(|a| a.active && !a.throttle.is_locked(now));
    let verified = state
        .passwords
        .verify(usable.map(|a| a.password_hash.clone()), password)
        .await?;
    let Some(account) = usable.cloned() else {
        return Err(invalid_credentials());
    };
    let id = match account.kind {
        AccountKind::Staff => ActorId::Staff(account.id),
        AccountKind::Member => ActorId::Member(account.id),
    };
    let actor = unauthenticated(&req, id, account.display_name.clone());
    if !verified {
        let id = account.id;
        state
            .change_as(actor, move |c| {
                // Re-read inside the transaction so concurrent failures all count.
                let current = accounts::get(c, id)?;
                let after = current.throttle.after_failure(now);
                accounts::set_throttle(c, id, after)?;
                Ok(Done::new(
                    (),
                    Event::of("session.login_refused", "account", id)
                        .fact("failures", after.failed_count)
                        .fact("locked_until", after.locked_until),
                ))
            })
            .await?;
        return Err(invalid_credentials());
    }
    let pair = start_session(&state, actor, account.id).await?;
    Ok(HttpResponse::Ok().json(pair))
}

async fn start_session(state: &AppState, actor: Actor, account_id: i64) -> ApiResult<TokenPair> {
    let now = state.now();
    let refresh_token = random_token();
    let refresh_hash = token_hash(&refresh_token);
    let expires = now + Duration::seconds(state.config.refresh_token_seconds);
    let family = state
        .change_as(actor, move |c| {
            accounts::set_throttle(c, account_id, Default::default())?;
            let family = sessions::start_family(c, account_id, now)?;
            sessions::insert_refresh_token(c, family, &refresh_hash, now, expires)?;
            Ok(Done::new(
                family,
                Event::of("session.login", "account", account_id).fact("session", family),
            ))
        })
        .await?;
    Ok(TokenPair {
        access_token: state
            .tokens
            .issue(Subject::Account(account_id), Some(family), None)?,
        refresh_token,
        token_type: "Bearer".into(),
        expires_in: state.tokens.ttl(),
    })
}

fn refresh_rejected() -> ApiError {
    ApiError::unauthorized(
        ErrorCode::AuthRefreshInvalid,
        "the refresh token is not valid or has expired; log in again",
    )
}

/// Exchange a refresh token for a new pair. Each refresh token works once; presenting a spent
/// one again ends the whole session (it may have been stolen).
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "A new token pair; the old refresh token is spent", body = TokenPair),
        (status = 401, description = "Unknown, expired, revoked or reused refresh token", body = ErrorBody),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<RefreshRequest>,
) -> ApiResult<HttpResponse> {
    let presented = token_hash(body.refresh_token.trim());
    let now = state.now();
    let next = random_token();
    let next_hash = token_hash(&next);
    let expires = now + Duration::seconds(state.config.refresh_token_seconds);
    enum Outcome {
        Rotated { account_id: i64, family: i64 },
        Reused,
        Rejected,
    }
    let actor = unauthenticated(&req, ActorId::Anonymous, String::new());
    let outcome = state
        .change_as(actor, move |c| {
            let Some(token) = sessions::find_refresh_token(c, &presented)? else {
                return Ok(Done::unchanged(Outcome::Rejected));
            };
            let event = |use_case| {
                Event::of(use_case, "session", token.family_id).fact("account", token.account_id)
            };
            if token.family_revoked || token.expires_at <= now {
                return Ok(Done::unchanged(Outcome::Rejected));
            }
            if token.used_at.is_some() || !sessions::spend_refresh_token(c, token.id, now)? {
                sessions::revoke_family(c, token.family_id, "refresh token reused", now)?;
                return Ok(Done::new(Outcome::Reused, event("session.ended_on_reuse")));
            }
            if !accounts::get(c, token.account_id)?.active {
                return Ok(Done::unchanged(Outcome::Rejected));
            }
            sessions::insert_refresh_token(c, token.family_id, &next_hash, now, expires)?;
            Ok(Done::new(
                Outcome::Rotated {
                    account_id: token.account_id,
                    family: token.family_id,
                },
                event("session.refresh"),
            ))
        })
        .await?;
    match outcome {
        Outcome::Rotated { account_id, family } => Ok(HttpResponse::Ok().json(TokenPair {
            access_token: state.tokens.issue(Subject::Account(account_id), Some(family), None)?,
            refresh_token: next,
            token_type: "Bearer".into(),
            expires_in: state.tokens.ttl(),
        })),
        Outcome::Reused => Err(ApiError::unauthorized(
            ErrorCode::AuthRefreshReused,
            "this refresh token was already used; the session has been ended for safety, log in again",
        )),
        Outcome::Rejected => Err(refresh_rejected()),
    }
}

/// End the caller's session: its access and refresh tokens stop working at once.
#[utoipa::path(
    tag = "auth",
    responses(
        (status = 204, description = "Logged out"),
    )
)]
#[post("/auth/logout")]
pub async fn logout(caller: Caller, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    // Integrators' tokens belong to no session; they simply expire.
    if let Some(family) = caller.session_family {
        let now = state.now();
        state
            .change(&caller, move |c| {
                sessions::revoke_family(c, family, "logout", now)?;
                Ok(Done::new(
                    (),
                    Event::of("session.logout", "session", family),
                ))
            })
            .await?;
    }
    Ok(HttpResponse::NoContent().finish())
}

/// Client-credentials grant for integrators' API clients.
#[utoipa::path(
    tag = "auth",
    request_body = ClientTokenRequest,
    responses(
        (status = 200, description = "An access token carrying the granted scopes", body = ClientToken),
        (status = 400, description = "Malformed JSON, unsupported grant type or a scope the client does not have", body = ErrorBody),
        (status = 401, description = "Unknown client, wrong secret or revoked client", body = ErrorBody),
    )
)]
#[post("/auth/token")]
pub async fn client_token(
    state: web::Data<AppState>,
    body: web::Json<ClientTokenRequest>,
) -> ApiResult<HttpResponse> {
    let req = body.into_inner();
    if req.grant_type != "client_credentials" {
        return Err(ApiError::BadRequest {
            code: ErrorCode::AuthUnsupportedGrantType,
            message: "only the `client_credentials` grant is supported here".into(),
        });
    }
    let client_id = req.client_id.clone();
    let client = state
        .db(move |store| store.read(|c| Ok(api_clients::find_by_client_id(c, &client_id)?)))
        .await?;
    let presented = token_hash(&req.client_secret);
    let client = client
        .filter(|c| c.active && constant_time_eq(c.secret_hash.as_bytes(), presented.as_bytes()))
        .ok_or_else(|| {
            ApiError::unauthorized(
                ErrorCode::AuthInvalidClient,
                "unknown client, wrong secret or revoked client",
            )
        })?;
    let scopes = match req.scope.as_deref() {
        None => client.scopes.clone(),
        Some(s) => {
            let asked = Scope::parse_list(s).map_err(|bad| ApiError::BadRequest {
                code: ErrorCode::AuthInvalidScope,
                message: format!("unknown scope `{bad}`"),
            })?;
            if let Some(extra) = asked.iter().find(|s| !client.scopes.contains(s)) {
                return Err(ApiError::BadRequest {
                    code: ErrorCode::AuthInvalidScope,
                    message: format!("this client does not have the scope `{}`", extra.as_str()),
                });
            }
            asked
        }
    };
    let scope = Scope::join(&scopes);
    Ok(HttpResponse::Ok().json(ClientToken {
        access_token: state
            .tokens
            .issue(Subject::Client(client.id), None, Some(scope.clone()))?,
        token_type: "Bearer".into(),
        expires_in: state.tokens.ttl(),
        scope,
    }))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Who the caller is: kind, roles, permissions and organisation unit.
#[utoipa::path(
    tag = "auth",
    responses(
        (status = 200, description = "The caller", body = Me),
        (status = 401, description = "Missing, invalid or expired token, or ended session", body = ErrorBody),
    )
)]
#[get("/me")]
pub async fn me(caller: Caller, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let id_number_masked = match caller.member_id {
        Some(member_id) => Some(
            state
                .db(move |store| store.read(|c| Ok(members::get(c, member_id)?)))
                .await?
                .id_number
                .masked,
        ),
        None => None,
    };
    let p = &caller.principal;
    Ok(HttpResponse::Ok().json(Me {
        kind: p.kind,
        id: p.id,
        display_name: p.display_name.clone(),
        username: p.username.clone(),
        id_number_masked,
        roles: p.roles.clone(),
        permissions: p.permissions.clone(),
        scopes: p.scopes.clone(),
        org_unit: p.org_unit.as_ref().map(|u| OrgUnitRef {
            id: u.id,
            name: u.name.clone(),
            kind: u.kind,
        }),
        session_started_at: p.session_started_at,
    }))
}
