//! Integrators' API clients (client-credentials grant).

use crate::db::DbConn;
use crate::error::{StoreError, StoreResult};
use crate::schema::api_clients;
use crate::{from_db, on_backend, to_db, Paging};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use huzhu_domain::Scope;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = api_clients)]
struct ApiClientRow {
    id: i64,
    client_id: String,
    name: String,
    secret_hash: String,
    scopes: String,
    active: bool,
    created_at: NaiveDateTime,
}

#[derive(Clone, PartialEq)]
pub struct ApiClient {
    pub id: i64,
    pub client_id: String,
    pub name: String,
    pub secret_hash: String,
    pub scopes: Vec<Scope>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

impl std::fmt::Debug for ApiClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiClient")
            .field("id", &self.id)
            .field("client_id", &self.client_id)
            .field("scopes", &self.scopes)
            .field("active", &self.active)
            .finish_non_exhaustive()
    }
}

impl From<ApiClientRow> for ApiClient {
    fn from(r: ApiClientRow) -> Self {
        Self {
            id: r.id,
            client_id: r.client_id,
            name: r.name,
            secret_hash: r.secret_hash,
            // Unknown scope names (from a newer version) grant nothing.
            scopes: r
                .scopes
                .split_whitespace()
                .filter_map(Scope::parse)
                .collect(),
            active: r.active,
            created_at: from_db(r.created_at),
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewApiClient<'a> {
    pub client_id: &'a str,
    pub name: &'a str,
    pub secret_hash: &'a str,
    pub scopes: &'a [Scope],
    pub created_by: i64,
}

pub fn insert(
    conn: &mut DbConn,
    new: NewApiClient<'_>,
    now: DateTime<Utc>,
) -> StoreResult<ApiClient> {
    let id: i64 = diesel::insert_into(api_clients::table)
        .values((
            api_clients::client_id.eq(new.client_id),
            api_clients::name.eq(new.name),
            api_clients::secret_hash.eq(new.secret_hash),
            api_clients::scopes.eq(Scope::join(new.scopes)),
            api_clients::active.eq(true),
            api_clients::created_by.eq(new.created_by),
            api_clients::created_at.eq(to_db(now)),
        ))
        .returning(api_clients::id)
        .get_result(conn)?;
    get(conn, id)
}

pub fn get(conn: &mut DbConn, id: i64) -> StoreResult<ApiClient> {
    // Every integrator request reads its client: on the backend's own connection the
    // statement is found in its cache by type.
    let row: ApiClientRow = on_backend!(conn, |c| api_clients::table
        .find(id)
        .select(ApiClientRow::as_select())
        .get_result(c))?;
    Ok(row.into())
}

pub fn find_by_client_id(conn: &mut DbConn, client_id: &str) -> StoreResult<Option<ApiClient>> {
    Ok(api_clients::table
        .filter(api_clients::client_id.eq(client_id))
        .select(ApiClientRow::as_select())
        .get_result(conn)
        .optional()?
        .map(ApiClient::from))
}

pub fn list(conn: &mut DbConn, paging: Paging) -> StoreResult<(Vec<ApiClient>, i64)> {
    let total = api_clients::table.count().get_result(conn)?;
    let rows = api_clients::table
        .order(api_clients::id.asc())
        .limit(paging.limit)
        .offset(paging.offset)
        .select(ApiClientRow::as_select())
        .load(conn)?;
    Ok((rows.into_iter().map(ApiClient::from).collect(), total))
}

/// Revokes a client: its tokens stop working at their next use.
pub fn revoke(conn: &mut DbConn, id: i64, now: DateTime<Utc>) -> StoreResult<ApiClient> {
    let n = diesel::update(api_clients::table.find(id))
        .set((
            api_clients::active.eq(false),
            api_clients::revoked_at.eq(to_db(now)),
        ))
        .execute(conn)?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    get(conn, id)
}
