//! Logging in and out, refreshing, integrators' tokens, and "who am I".

use crate::auth::caller::unauthenticated;
use crate::auth::lookup_hash::{random_token, token_hash};
use crate::auth::refresh_cookie;
use crate::auth::tokens::Subject;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::Duration;
use huzhu_api_types::{
    ClientToken, ClientTokenRequest, ErrorBody, LoginRequest, Me, OrgUnitRef, SessionToken,
};
use huzhu_app::identity::{Kind, LoginName, Refreshed};
use huzhu_app::ActorId;
use huzhu_domain::{Attempt, ErrorCode, Scope};
use std::net::IpAddr;

/// The address a login is counted against: the peer's, or, when the peer is a trusted proxy,
/// the nearest address in `X-Forwarded-For` that is not one of them (those further left could
/// be made up by the client).
fn client_address(req: &HttpRequest, trusted: &[IpAddr]) -> Option<IpAddr> {
    let peer = req.peer_addr().map(|a| a.ip())?;
    if !trusted.contains(&peer) {
        return Some(peer);
    }
    let forwarded = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect::<Vec<_>>();
    Some(
        forwarded
            .iter()
            .rev()
            .filter_map(|a| a.parse::<IpAddr>().ok())
            .find(|a| !trusted.contains(a))
            .unwrap_or(peer),
    )
}

/// The one answer for an unknown user, a wrong password, a disabled and a locked account, so
/// that the response tells an attacker nothing.
fn invalid_credentials() -> ApiError {
    ApiError::unauthorized(
        ErrorCode::AuthInvalidCredentials,
        "the login name or password is wrong, or the account is locked for 15 minutes after repeated failures",
    )
}

/// Log in as staff (`username`) or as a member (`id_number`).
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Logged in: the access token in the body, the refresh token in the HttpOnly cookie `huzhu_refresh` (path /api/v1/auth, SameSite=Strict)", body = SessionToken,
            headers(("Set-Cookie" = String, description = "`huzhu_refresh=…; Path=/api/v1/auth; HttpOnly; SameSite=Strict; Secure; Max-Age=…`"))),
        (status = 401, description = "Wrong login name or password, or account locked", body = ErrorBody),
        (status = 422, description = "Neither or both of username and id_number, or unknown fields", body = ErrorBody),
        (status = 429, description = "Too many attempts from this address or for this account (`auth.too_many_attempts`), or too many logins being checked at once (`auth.login_busy`); `Retry-After` gives the seconds to wait", body = ErrorBody),
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
    // Cheapest refusals first: the rate limits, then a slot for the password check (429
    // when the queue is full), and only then the database.
    let limit_key = match &name {
        LoginName::Staff(u) => format!("staff:{u}"),
        LoginName::Member(id) => format!("member:{}", id.trim().to_uppercase()),
    };
    state.login_limits.admit(
        client_address(&req, &state.config.trusted_proxies),
        &limit_key,
        std::time::Instant::now(),
    )?;
    let slot = state.passwords.slot().await?;
    let usable = state.run(move |app| Ok(app.login_account(&name)?)).await?;
    let Some(account) = usable else {
        // An unknown user costs the same verification as a known one.
        slot.verify(None, password).await?;
        return Err(invalid_credentials());
    };
    let id = match account.kind {
        Kind::Staff => ActorId::Staff(account.id),
        Kind::Member => ActorId::Member(account.id),
    };
    let actor = unauthenticated(&req, id, account.display_name.clone());
    // The attempt is counted before the password is judged, so that concurrent guesses
    // cannot pass the lockout; a locked account's attempt is checked against the decoy, so
    // that it takes as long as any other.
    let attempt = {
        let (actor, id) = (actor.clone(), account.id);
        state
            .run(move |app| Ok(app.reserve_login(&actor, id)?))
            .await?
    };
    let judged = attempt == Attempt::Judged;
    let verified = slot
        .verify(judged.then(|| account.password_hash.clone()), password)
        .await?;
    drop(slot);
    if !verified {
        return Err(invalid_credentials());
    }
    let refresh_token = random_token();
    let refresh_hash = token_hash(&refresh_token);
    let expires = state.now() + Duration::seconds(state.config.refresh_token_seconds);
    let account_id = account.id;
    let family = state
        .run(move |app| Ok(app.start_session(&actor, account_id, &refresh_hash, expires)?))
        .await?;
    session_answer(&state, account_id, family, &refresh_token)
}

/// The access token in the body, the refresh token in its cookie only.
fn session_answer(
    state: &AppState,
    account_id: i64,
    family: i64,
    refresh_token: &str,
) -> ApiResult<HttpResponse> {
    let body = SessionToken {
        access_token: state
            .tokens
            .issue(Subject::Account(account_id), Some(family), None)?,
        token_type: "Bearer".into(),
        expires_in: state.tokens.ttl(),
        refresh_expires_in: state.config.refresh_token_seconds,
    };
    Ok(HttpResponse::Ok()
        .cookie(
            state
                .config
                .refresh_cookie
                .carrying(refresh_token, state.config.refresh_token_seconds),
        )
        .json(body))
}

fn refresh_rejected() -> ApiError {
    ApiError::unauthorized(
        ErrorCode::AuthRefreshInvalid,
        "the refresh token is not valid or has expired; log in again",
    )
}

/// Exchange the refresh token in the `huzhu_refresh` cookie for a new access token and a new
/// refresh token (in the cookie again). Each refresh token works once; presenting a spent one
/// again ends the whole session (it may have been stolen). The request must carry the
/// `X-Huzhu-Csrf` header, which a page of another site cannot add.
#[utoipa::path(
    tag = "auth",
    params(
        ("huzhu_refresh" = String, Cookie, description = "The refresh token, set by login or the previous refresh"),
        ("X-Huzhu-Csrf" = String, Header, description = "Any non-empty value"),
    ),
    responses(
        (status = 200, description = "A new access token; the old refresh token is spent and the cookie carries the next one", body = SessionToken,
            headers(("Set-Cookie" = String, description = "The next refresh token, as at login"))),
        (status = 401, description = "No cookie, or an unknown, expired, revoked or reused refresh token", body = ErrorBody),
        (status = 403, description = "The `X-Huzhu-Csrf` header is missing (`auth.csrf_header_missing`)", body = ErrorBody),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh(req: HttpRequest, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let presented = token_hash(&refresh_cookie::presented(&req)?);
    let next = random_token();
    let next_hash = token_hash(&next);
    let expires = state.now() + Duration::seconds(state.config.refresh_token_seconds);
    let actor = unauthenticated(&req, ActorId::Anonymous, String::new());
    let outcome = state
        .run(move |app| Ok(app.refresh_session(&actor, &presented, &next_hash, expires)?))
        .await?;
    match outcome {
        Refreshed::Rotated { account_id, family } => {
            session_answer(&state, account_id, family, &next)
        }
        Refreshed::Reused => Err(ApiError::unauthorized(
            ErrorCode::AuthRefreshReused,
            "this refresh token was already used; the session has been ended for safety, log in again",
        )),
        Refreshed::Rejected => Err(refresh_rejected()),
    }
}

/// End the caller's session: its access and refresh tokens stop working at once, and the
/// browser is told to forget the refresh cookie.
#[utoipa::path(
    tag = "auth",
    responses(
        (status = 204, description = "Logged out",
            headers(("Set-Cookie" = String, description = "`huzhu_refresh=` with `Max-Age=0`"))),
    )
)]
#[post("/auth/logout")]
pub async fn logout(caller: Caller, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    // Integrators' tokens belong to no session; they simply expire.
    if let Some(family) = caller.session_family {
        state
            .act(&caller, move |app, actor| app.end_session(actor, family))
            .await?;
    }
    Ok(HttpResponse::NoContent()
        .cookie(state.config.refresh_cookie.removal())
        .finish())
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
    let secret_hash = token_hash(&req.client_secret);
    let (client, scopes) = state
        .run(move |app| {
            Ok(app.client_credentials(&req.client_id, &secret_hash, req.scope.as_deref())?)
        })
        .await?;
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
        Some(_) => {
            state
                .act(&caller, |app, actor| app.my_id_number_masked(actor))
                .await?
        }
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
