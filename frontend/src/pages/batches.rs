//! Enrollment batches (参保批次): the rosters committed in the caller's part of the
//! organisation, newest first, filtered by payment status, each leading to its page.

use huzhu_api_types::{BatchSummary, Page};
use huzhu_domain::{Money, Permission};
use yew::prelude::*;

use crate::api::{ApiError, BatchQuery};
use crate::components::form::select_value;
use crate::components::nav_link::NavLink;
use crate::components::paged::paged_table;
use crate::format;
use crate::i18n::{batch_status_key, use_i18n, I18n, Key};
use crate::pages::forbidden::Forbidden;
use crate::route::Route;
use crate::session::use_session;
use huzhu_domain::roster::EnrollmentBatchStatus;

const PAGE_SIZE: i64 = 20;

#[function_component(BatchesPage)]
pub fn batches_page() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let query = use_state(|| BatchQuery {
        limit: Some(PAGE_SIZE),
        ..BatchQuery::default()
    });
    let page = use_state(|| None::<Result<Page<BatchSummary>, ApiError>>);

    let api = session.as_ref().map(|s| s.api.clone());
    let allowed = session
        .as_ref()
        .is_some_and(|s| s.can(Permission::MemberRead));
    {
        let (api, page) = (api.clone(), page.clone());
        use_effect_with((*query).clone(), move |query| {
            if let (Some(api), true) = (api, allowed) {
                let query = query.clone();
                yew::platform::spawn_local(async move {
                    page.set(Some(api.batches(&query).await));
                });
            }
        });
    }
    if api.is_none() {
        return html! {};
    }
    if !allowed {
        return html! { <Forbidden /> };
    }
    let on_status = {
        let query = query.clone();
        Callback::from(move |e: Event| {
            let status = select_value(&e);
            query.set(BatchQuery {
                status: (!status.is_empty()).then_some(status),
                limit: Some(PAGE_SIZE),
                offset: None,
            });
        })
    };
    let on_page = {
        let query = query.clone();
        Callback::from(move |offset: i64| {
            query.set(BatchQuery {
                offset: Some(offset),
                ..(*query).clone()
            })
        })
    };
    let chosen = query.status.clone().unwrap_or_default();
    let columns = [
        Key::Batch,
        Key::Union,
        Key::RosterPlan,
        Key::BatchMembers,
        Key::PremiumTotal,
        Key::Status,
        Key::CreatedAt,
    ];
    let table = paged_table(
        &i18n,
        &page,
        i18n.t(Key::NoBatches),
        on_page,
        "batch-list",
        &columns,
        |b| batch_row(&i18n, b),
    );
    html! {
        <section class="page" data-testid="page-batches">
            <div class="page-head">
                <h1>{ i18n.t(Key::NavBatches) }</h1>
            </div>
            <div class="toolbar">
                <label class="inline-label">
                    { i18n.t(Key::Status) }{ " " }
                    <select onchange={on_status} data-testid="batch-status-filter">
                        <option value="" selected={chosen.is_empty()}>{ i18n.t(Key::AllStatuses) }</option>
                        { for EnrollmentBatchStatus::ALL.iter().map(|s| html! {
                            <option value={s.as_str()} selected={chosen == s.as_str()}>{ i18n.t(batch_status_key(*s)) }</option>
                        }) }
                    </select>
                </label>
            </div>
            { table }
        </section>
    }
}

fn batch_row(i18n: &I18n, b: &BatchSummary) -> Html {
    let pill = if b.status == EnrollmentBatchStatus::Paid {
        "pill on"
    } else {
        "pill warn"
    };
    let total =
        Money::parse(&b.premium_total).map_or_else(|_| b.premium_total.clone(), format::yuan);
    html! {
        <tr key={b.id} data-testid="batch-row" data-status={b.status.as_str()}>
            <td class="nowrap"><NavLink to={Route::Batch { id: b.id }}>{ format!("#{}", b.id) }</NavLink></td>
            <td>{ b.org_unit_name.clone() }</td>
            <td class="mono">{ b.plan_code.clone() }</td>
            <td>{ b.member_count }</td>
            <td class="nowrap">{ total }</td>
            <td><span class={pill}>{ i18n.t(batch_status_key(b.status)) }</span></td>
            <td class="nowrap">{ format::date_time(&b.created_at) }</td>
        </tr>
    }
}
