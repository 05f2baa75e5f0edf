//! Integrators' API clients, managed by administrators of the province association: they act
//! for the whole association, so a city office's administrator may not manage them.

use crate::actor::Actor;
use crate::error::{or_not_found, AppError, AppResult};
use crate::records::{ApiClient, Paged, Paging};
use crate::unit::{Done, Event};
use crate::App;
use huzhu_domain::field_rules::{max_chars, required_text};
use huzhu_domain::{ErrorCode, Scope};
use huzhu_store::api_clients;

/// A client to register: its name and scopes, and the credentials minted for it (the secret
/// itself is never stored, only its hash).
#[derive(Debug, Clone)]
pub struct NewClient {
    pub name: String,
    pub scopes: Vec<Scope>,
    pub client_id: String,
    pub secret_hash: String,
}

impl App {
    pub fn api_clients(&self, actor: &Actor, paging: Paging) -> AppResult<Paged<ApiClient>> {
        actor.province()?;
        let (items, total) = self.store.read(|c| api_clients::list(c, paging))?;
        Ok(Paged {
            items,
            total,
            paging,
        })
    }

    pub fn register_api_client(&self, actor: &Actor, new: NewClient) -> AppResult<ApiClient> {
        actor.province()?;
        let name = required_text("name", &new.name, max_chars::CLIENT_NAME)?;
        if new.scopes.is_empty() {
            return Err(AppError::invalid_field(
                ErrorCode::ApiClientNoScope,
                "scopes",
                "an API client needs at least one scope",
            ));
        }
        let mut scopes = new.scopes;
        scopes.sort();
        scopes.dedup();
        let created_by = actor.account_id()?;
        let now = self.now();
        self.change(actor, |c| {
            let client = api_clients::insert(
                c,
                api_clients::NewApiClient {
                    client_id: &new.client_id,
                    name: &name,
                    secret_hash: &new.secret_hash,
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
    }

    /// Revokes a client: its tokens stop working at once.
    pub fn revoke_api_client(&self, actor: &Actor, id: i64) -> AppResult<()> {
        actor.province()?;
        let now = self.now();
        self.change(actor, |c| {
            let client = api_clients::revoke(c, id, now)
                .map_err(or_not_found(ErrorCode::ApiClientNotFound, "API client"))?;
            let event = Event::of("api_client.revoke", "api_client", client.id)
                .fact("client_id", &client.client_id)
                .fact("name", &client.name);
            Ok(Done::new((), event))
        })
    }
}
