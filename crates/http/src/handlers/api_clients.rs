//! Integrators' API clients, managed by administrators.

use crate::auth::lookup_hash::{random_token, token_hash};
use crate::auth::Caller;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::views;
use actix_web::{delete, get, post, web, HttpResponse};
use huzhu_api_types::{ApiClient, ApiClientCreated, ErrorBody, NewApiClient, Page};
use huzhu_app::api_clients::NewClient;
use huzhu_app::records::{self, Paging};
use rand::Rng;
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ClientQuery {
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

fn to_dto(c: records::ApiClient) -> ApiClient {
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
    caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<ClientQuery>,
) -> ApiResult<HttpResponse> {
    let paging = Paging::new(query.limit, query.offset);
    let clients = state
        .act(&caller, move |app, actor| app.api_clients(actor, paging))
        .await?;
    Ok(HttpResponse::Ok().json(views::page(clients, to_dto)))
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
    let new = body.into_inner();
    let secret = random_token();
    let client = NewClient {
        name: new.name,
        scopes: new.scopes,
        client_id: format!("hz_{:016x}", rand::thread_rng().gen::<u64>()),
        secret_hash: token_hash(&secret),
    };
    let client = state
        .act(&caller, move |app, actor| {
            app.register_api_client(actor, client)
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
    state
        .act(&caller, move |app, actor| app.revoke_api_client(actor, id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
