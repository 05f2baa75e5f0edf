//! 会员: the member register of the caller's part of the organisation, searched by exact ID
//! number or by name, with registration for those who may manage members.

use std::collections::BTreeSet;

use huzhu_api_types::{Member, Page};
use huzhu_domain::{IdNumber, Permission};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{ApiError, MemberQuery};
use crate::components::form::{setter, TextField};
use crate::components::nav_link::NavLink;
use crate::components::paged::paged_table;
use crate::components::unit_names::{unit_label, use_unit_names};
use crate::i18n::{use_i18n, Key};
use crate::pages::forbidden::Forbidden;
use crate::pages::member_forms::NewMemberForm;
use crate::route::Route;
use crate::session::use_session;
use crate::validate::id_number_error;

const PAGE_SIZE: i64 = 20;

#[function_component(MembersPage)]
pub fn members_page() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let navigator = use_navigator();
    let id_number = use_state(String::new);
    let name = use_state(String::new);
    let tried = use_state(|| false);
    let query = use_state(|| MemberQuery {
        limit: Some(PAGE_SIZE),
        ..MemberQuery::default()
    });
    let page = use_state(|| None::<Result<Page<Member>, ApiError>>);
    let creating = use_state(|| false);

    let api = session.as_ref().map(|s| s.api.clone());
    let allowed = session
        .as_ref()
        .is_some_and(|s| s.can(Permission::MemberRead));
    {
        let (api, page) = (api.clone(), page.clone());
        use_effect_with((*query).clone(), move |q| {
            if let (Some(api), true) = (api, allowed) {
                let q = q.clone();
                page.set(None);
                yew::platform::spawn_local(async move {
                    page.set(Some(api.members(&q).await));
                });
            }
        });
    }
    let unit_ids: BTreeSet<i64> = match &*page {
        Some(Ok(p)) => p.items.iter().map(|m| m.org_unit_id).collect(),
        _ => BTreeSet::new(),
    };
    let unit_names = use_unit_names(api.clone(), unit_ids);

    let (Some(session), Some(api)) = (session, api) else {
        return html! {};
    };
    if !allowed {
        return html! { <Forbidden /> };
    }
    let manage = session.can(Permission::MemberManage);
    let id_error = id_number_error(&i18n, &id_number, *tried);

    let on_search = {
        let (id_number, name, tried, query) = (
            id_number.clone(),
            name.clone(),
            tried.clone(),
            query.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let id = id_number.trim().to_ascii_uppercase();
            tried.set(!id.is_empty());
            if !id.is_empty() && IdNumber::parse(&id).is_err() {
                return;
            }
            let n = name.trim().to_owned();
            query.set(MemberQuery {
                id_number: (!id.is_empty()).then_some(id),
                name: (!n.is_empty()).then_some(n),
                limit: Some(PAGE_SIZE),
                offset: None,
            });
        })
    };
    let on_clear = {
        let (id_number, name, tried, query) = (
            id_number.clone(),
            name.clone(),
            tried.clone(),
            query.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            id_number.set(String::new());
            name.set(String::new());
            tried.set(false);
            query.set(MemberQuery {
                limit: Some(PAGE_SIZE),
                ..MemberQuery::default()
            });
        })
    };
    let on_page = {
        let query = query.clone();
        Callback::from(move |offset: i64| {
            query.set(MemberQuery {
                offset: Some(offset),
                ..(*query).clone()
            })
        })
    };
    let open_create = {
        let creating = creating.clone();
        Callback::from(move |_: MouseEvent| creating.set(true))
    };
    let on_cancel = {
        let creating = creating.clone();
        Callback::from(move |()| creating.set(false))
    };
    let on_created = Callback::from(move |m: Member| {
        if let Some(nav) = &navigator {
            nav.push(&Route::Member { id: m.id });
        }
    });
    let searching = query.id_number.is_some() || query.name.is_some();

    let columns = [
        Key::IdNumber,
        Key::DisplayName,
        Key::Gender,
        Key::Category,
        Key::Union,
        Key::Mobile,
    ];
    let table = paged_table(
        &i18n,
        &page,
        i18n.t(Key::NothingFound),
        on_page,
        "member-list",
        &columns,
        |m| {
            html! {
                <tr key={m.id} data-testid="member-row" data-member-id={m.id.to_string()}>
                    <td class="mono nowrap">{ m.id_number_masked.clone() }</td>
                    <td><NavLink to={Route::Member { id: m.id }} testid="member-open">{ m.name.clone() }</NavLink></td>
                    <td>{ i18n.gender(m.gender) }</td>
                    <td>{ i18n.category(m.category) }</td>
                    <td>{ unit_label(&unit_names, m.org_unit_id) }</td>
                    <td class="mono nowrap">{ m.mobile_masked.clone().unwrap_or_default() }</td>
                </tr>
            }
        },
    );

    html! {
        <section class="page" data-testid="page-members">
            <div class="page-head">
                <h1>{ i18n.t(Key::NavMembers) }</h1>
                if manage && !*creating {
                    <button type="button" class="button-primary" onclick={open_create} data-testid="member-new">
                        { i18n.t(Key::NewMember) }
                    </button>
                }
            </div>
            if *creating {
                <NewMemberForm api={api.clone()} own_unit={session.me.org_unit.clone()} {on_created} {on_cancel} />
            }
            <form class="card search-card" onsubmit={on_search} role="search" novalidate=true>
                <div class="form-grid">
                    <TextField label={i18n.t(Key::SearchIdNumber)} value={(*id_number).clone()}
                               oninput={setter(&id_number)} testid="member-search-id-number"
                               maxlength="18" autocomplete="off" error={id_error} />
                    <TextField label={i18n.t(Key::SearchName)} value={(*name).clone()}
                               oninput={setter(&name)} testid="member-search-name" autocomplete="off" />
                </div>
                <div class="form-actions">
                    <button type="submit" class="button-primary" data-testid="member-search">{ i18n.t(Key::Search) }</button>
                    if searching {
                        <button type="button" class="button-quiet" onclick={on_clear}>{ i18n.t(Key::Clear) }</button>
                    }
                </div>
            </form>
            { table }
        </section>
    }
}
