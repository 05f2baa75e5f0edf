//! Integrators' API clients, managed by administrators.

use super::{page, required_text};
use crate::auth::lookup_hash::{random_token, token_hash};
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::{delete, get, post, web, HttpResponse};
use huzhu_api_types::{ApiClient, ApiClientCreated, ErrorBody, NewApiClient, Page};
use huzhu_app::{Done, Event};
use huzhu_domain::field_rules::max_chars;
use huzhu_domain::ErrorCode;
use huzhu_domain::OrgUnitKind;
use huzhu_store::{api_clients, Paging, StoreError};
use rand::Rng;
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ClientQuery {
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// Integrators act for the whole association, so only administrators of the province
/// association manage their clients; a city office's administrator may not.
fn province_only(caller: &Caller) -> ApiResult<()> {
    match &caller.org_unit {
        Some(unit) if unit.kind == OrgUnitKind::Province => Ok(()),
        _ => Err(ApiError::Forbidden {
            code: ErrorCode::AuthProvinceOnly,
        }),
    }
}

fn to_dto(c: api_clients::ApiClient) -> ApiClient {
    ApiClient {
        id: c.id,
        client_id: c.client_id,
        name: c.name,
        scopes: c.scopes,
        active: c.active,
        created_at: c.created_at,
    }
}

/// All API clients.
#[utoipa::path(
    tag = "integrators",
    params(ClientQuery),
    responses(
        (status = 403, description = "Not an administrator of the province association", body = ErrorBody),
        (status = 200, description = "API clients", body = Page<ApiClient>),
    )
)]
#[get("/api-clients")]
pub async fn list(
    _caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<ClientQuery>,
) -> ApiResult<HttpResponse> {
    let paging = Paging::new(query.limit, query.offset);
    let (items, total) = state
        .db(move |store| store.read(|c| Ok(api_clients::list(c, paging)?)))
        .await?;
    Ok(HttpResponse::Ok().json(page(items, total, paging, to_dto)))
}

/// Create an API client; the secret is in this response only.
#[utoipa::path(
    tag = "integrators",
    request_body = NewApiClient,
    responses(
        (status = 403, description = "Not an administrator of the province association", body = ErrorBody),
        (status = 201, description = "Created; keep the secret, it is not shown again", body = ApiClientCreated),
        (status = 422, description = "Invalid name, or no or unknown scopes", body = ErrorBody),
    )
)]
#[post("/api-clients")]
pub async fn create(
    caller: Caller,
    state: web::Data<AppState>,
    body: web::Json<NewApiClient>,
) -> ApiResult<HttpResponse> {
    province_only(&caller)?;
    let new = body.into_inner();
    let name = required_text("name", &new.name, max_chars::CLIENT_NAME)?;
    if new.scopes.is_empty() {
        return Err(ApiError::invalid_field(
            ErrorCode::ApiClientNoScope,
            "scopes",
            "an API client needs at least one scope",
        ));
    }
    let mut scopes = new.scopes;
    scopes.sort();
    scopes.dedup();
    let client_id = format!("hz_{:016x}", rand::thread_rng().gen::<u64>());
    let secret = random_token();
    let secret_hash = token_hash(&secret);
    let created_by = caller.id;
    let now = state.now();
    let client = state
        .change(&caller, move |c| {
            let client = api_clients::insert(
                c,
                api_clients::NewApiClient {
                    client_id: &client_id,
                    name: &name,
                    secret_hash: &secret_hash,
                    scopes: &scopes,
                    created_by,
                },
                now,
            )?;
            let event = Event::of("api_client.create", "api_client", client.id)
                .fact("client_id", &client.client_id)
                .fact("name", &client.name)
                .fact("scopes", &client.scopes);
            Ok(Done::new(client, event))
        })
        .await?;
    Ok(HttpResponse::Created().json(ApiClientCreated {
        client: to_dto(client),
        client_secret: secret,
    }))
}

/// Revoke an API client: its tokens stop working at once.
#[utoipa::path(
    tag = "integrators",
    params(("id" = i64, Path, description = "API client id")),
    responses(
        (status = 403, description = "Not an administrator of the province association", body = ErrorBody),
        (status = 204, description = "Revoked"),
        (status = 404, description = "No such API client", body = ErrorBody),
    )
)]
#[delete("/api-clients/{id}")]
pub async fn revoke(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let now = state.now();
    state
        .change(&caller, move |c| {
            let client = api_clients::revoke(c, id, now).map_err(|e| match e {
                StoreError::NotFound => {
                    ApiError::not_found(ErrorCode::ApiClientNotFound, "API client")
                }
                other => other.into(),
            })?;
            let event = Event::of("api_client.revoke", "api_client", client.id)
                .fact("client_id", &client.client_id)
                .fact("name", &client.name);
            Ok(Done::new((), event))
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
