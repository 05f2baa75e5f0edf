//! Integrators' API clients: list, create (the secret is shown once), revoke.

use std::collections::BTreeSet;

use huzhu_api_types::{ApiClient, ApiClientCreated, NewApiClient, Page};
use huzhu_domain::{Permission, Scope};
use yew::prelude::*;

use crate::api::{Api, ApiError, ListQuery};
use crate::components::busy::{run_busy, submit};
use crate::components::form::{setter, toggle_in, ErrorMessage, FormFooter, TextField};
use crate::components::paged::paged_table;
use crate::format;
use crate::i18n::{use_i18n, Key};
use crate::pages::forbidden::Forbidden;
use crate::session::use_session;

const PAGE_SIZE: i64 = 20;

#[function_component(ApiClientsPage)]
pub fn api_clients_page() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let offset = use_state(|| 0i64);
    let version = use_state(|| 0u32);
    let page = use_state(|| None::<Result<Page<ApiClient>, ApiError>>);
    let creating = use_state(|| false);
    let created = use_state(|| None::<ApiClientCreated>);

    let api = session.as_ref().map(|s| s.api.clone());
    let allowed = session
        .as_ref()
        .is_some_and(|s| s.can(Permission::ApiClientManage));
    {
        let (api, page) = (api.clone(), page.clone());
        use_effect_with((*offset, *version), move |(offset, _)| {
            if let (Some(api), true) = (api, allowed) {
                let query = ListQuery {
                    limit: Some(PAGE_SIZE),
                    offset: Some(*offset),
                    ..ListQuery::default()
                };
                yew::platform::spawn_local(async move {
                    page.set(Some(api.api_clients(&query).await));
                });
            }
        });
    }

    let Some(api) = api else {
        return html! {};
    };
    if !allowed {
        return html! { <Forbidden /> };
    }

    let reload = {
        let version = version.clone();
        Callback::from(move |()| version.set(version.wrapping_add(1)))
    };
    let open_create = {
        let (creating, created) = (creating.clone(), created.clone());
        Callback::from(move |_: MouseEvent| {
            created.set(None);
            creating.set(true);
        })
    };
    let on_created = {
        let (creating, created, reload) = (creating.clone(), created.clone(), reload.clone());
        Callback::from(move |c: ApiClientCreated| {
            creating.set(false);
            created.set(Some(c));
            reload.emit(());
        })
    };
    let on_cancel = {
        let creating = creating.clone();
        Callback::from(move |()| creating.set(false))
    };
    let dismiss_secret = {
        let created = created.clone();
        Callback::from(move |_: MouseEvent| created.set(None))
    };
    let on_page = {
        let offset = offset.clone();
        Callback::from(move |o: i64| offset.set(o))
    };

    let columns = [
        Key::ClientName,
        Key::ClientId,
        Key::Scopes,
        Key::Status,
        Key::CreatedAt,
        Key::Actions,
    ];
    let table = paged_table(
        &i18n,
        &page,
        i18n.t(Key::NoApiClients),
        on_page,
        "api-client-list",
        &columns,
        |client| {
            html! {
                <ClientRow key={client.id} api={api.clone()} client={client.clone()} on_revoked={reload.clone()} />
            }
        },
    );

    html! {
        <section class="page" data-testid="page-api-clients">
            <div class="page-head">
                <h1>{ i18n.t(Key::NavApiClients) }</h1>
                if !*creating {
                    <button type="button" class="button-primary" onclick={open_create} data-testid="api-client-new">
                        { i18n.t(Key::NewApiClient) }
                    </button>
                }
            </div>
            if let Some(c) = &*created {
                <div class="secret-box" role="alert" data-testid="api-client-secret">
                    <h2>{ i18n.tf(Key::ClientCreated, &[&c.client.name]) }</h2>
                    <p><strong>{ i18n.t(Key::SecretOnce) }</strong></p>
                    <dl class="facts">
                        <dt>{ i18n.t(Key::ClientId) }</dt>
                        <dd><input class="mono copyable" readonly=true value={c.client.client_id.clone()}
                                   aria-label={i18n.t(Key::ClientId)} /></dd>
                        <dt>{ i18n.t(Key::ClientSecret) }</dt>
                        <dd><input class="mono copyable" readonly=true value={c.client_secret.clone()}
                                   aria-label={i18n.t(Key::ClientSecret)} data-testid="api-client-secret-value" /></dd>
                    </dl>
                    <button type="button" class="button-primary" onclick={dismiss_secret}>{ i18n.t(Key::SecretStored) }</button>
                </div>
            }
            if *creating {
                <NewClientForm api={api.clone()} {on_created} {on_cancel} />
            }
            { table }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ClientRowProps {
    api: Api,
    client: ApiClient,
    on_revoked: Callback<()>,
}

#[function_component(ClientRow)]
fn client_row(props: &ClientRowProps) -> Html {
    let i18n = use_i18n();
    let confirming = use_state(|| false);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let client = &props.client;

    let ask = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(true))
    };
    let cancel = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(false))
    };
    let revoke = {
        let (api, id, on_revoked) = (props.api.clone(), client.id, props.on_revoked.clone());
        let (busy, error, confirming) = (busy.clone(), error.clone(), confirming.clone());
        Callback::from(move |_: MouseEvent| {
            let (api, on_revoked, error, confirming) = (
                api.clone(),
                on_revoked.clone(),
                error.clone(),
                confirming.clone(),
            );
            let request = async move { api.revoke_api_client(id).await };
            run_busy(&busy, request, move |outcome| {
                confirming.set(false);
                match outcome {
                    Ok(()) => on_revoked.emit(()),
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let scopes = client
        .scopes
        .iter()
        .map(|s| html! { <span class="badge" title={s.as_str()}>{ i18n.scope(*s) }</span> })
        .collect::<Html>();

    html! {
        <>
            <tr data-testid="api-client-row" data-client-id={client.client_id.clone()}>
                <td>{ client.name.clone() }</td>
                <td class="mono">{ client.client_id.clone() }</td>
                <td>{ scopes }</td>
                <td>
                    if client.active {
                        <span class="status on">{ i18n.t(Key::StatusActive) }</span>
                    } else {
                        <span class="status off">{ i18n.t(Key::StatusRevoked) }</span>
                    }
                </td>
                <td class="nowrap">{ format::date_time(&client.created_at) }</td>
                <td class="row-actions">
                    if client.active && !*confirming {
                        <button type="button" class="button-quiet small danger" onclick={ask}>{ i18n.t(Key::Revoke) }</button>
                    }
                    if *confirming {
                        <span class="confirm">
                            <span>{ i18n.t(Key::ConfirmRevoke) }</span>
                            <button type="button" class="button-danger small" disabled={*busy} onclick={revoke}>
                                { i18n.t(Key::Revoke) }
                            </button>
                            <button type="button" class="button-quiet small" onclick={cancel}>{ i18n.t(Key::Cancel) }</button>
                        </span>
                    }
                </td>
            </tr>
            if let Some(e) = &*error {
                <tr class="row-detail"><td colspan="6"><ErrorMessage text={e.text(i18n.lang)} /></td></tr>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct NewClientFormProps {
    api: Api,
    on_created: Callback<ApiClientCreated>,
    on_cancel: Callback<()>,
}

#[function_component(NewClientForm)]
fn new_client_form(props: &NewClientFormProps) -> Html {
    let i18n = use_i18n();
    let name = use_state(String::new);
    let scopes = use_state(BTreeSet::<Scope>::new);
    let error = use_state(|| None::<ApiError>);
    let missing = use_state(|| false);
    let busy = use_state(|| false);

    let onsubmit = {
        let (name, scopes, error, missing, busy) = (
            name.clone(),
            scopes.clone(),
            error.clone(),
            missing.clone(),
            busy.clone(),
        );
        let (api, on_created) = (props.api.clone(), props.on_created.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if name.trim().is_empty() || scopes.is_empty() {
                missing.set(true);
                return;
            }
            missing.set(false);
            let client = NewApiClient {
                name: name.trim().to_owned(),
                scopes: scopes.iter().copied().collect(),
            };
            let api = api.clone();
            submit(&busy, &error, &on_created, async move {
                api.create_api_client(&client).await
            });
        })
    };
    html! {
        <form class="card form-card" {onsubmit} novalidate=true data-testid="api-client-new-form">
            <h2>{ i18n.t(Key::NewApiClient) }</h2>
            <TextField label={i18n.t(Key::ClientName)} value={(*name).clone()} oninput={setter(&name)}
                       testid="api-client-new-name" required=true maxlength={huzhu_domain::field_rules::max_chars::CLIENT_NAME.to_string()} />
            <fieldset class="checks">
                <legend>{ i18n.t(Key::Scopes) }</legend>
                { for Scope::ALL.into_iter().map(|scope| html! {
                    <label class="check">
                        <input type="checkbox" checked={scopes.contains(&scope)} onchange={toggle_in(&scopes, scope)}
                               value={scope.as_str()}
                               data-testid={format!("api-client-scope-{}", scope.as_str().replace(':', "-"))} />
                        { i18n.scope(scope) }
                        <code class="muted small">{ scope.as_str() }</code>
                    </label>
                }) }
            </fieldset>
            <FormFooter incomplete={missing.then(|| i18n.t(Key::ClientFormIncomplete).to_owned())}
                        error={error.as_ref().map(|e| e.text(i18n.lang))} busy={*busy}
                        submit_label={i18n.t(Key::Create)} submit_testid="api-client-new-submit"
                        on_cancel={props.on_cancel.clone()} />
        </form>
    }
}
