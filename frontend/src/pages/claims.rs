//! Claims in a list: a member's own (我的互助金, with the latest changes and the way to claim)
//! or the offices' queue (互助金审核), filtered by status.

use huzhu_api_types::{Claim, ClaimNotice, Page};
use huzhu_domain::claim_flow::ClaimStatus;
use huzhu_domain::{Money, OrgUnitKind, Permission};
use yew::prelude::*;

use crate::api::{ApiError, ClaimQuery, ListQuery};
use crate::components::form::select_value;
use crate::components::nav_link::NavLink;
use crate::components::paged::paged_table;
use crate::format;
use crate::i18n::{claim_kind_key, claim_status_key, use_i18n, I18n, Key};
use crate::pages::forbidden::Forbidden;
use crate::route::Route;
use crate::session::use_session;

const PAGE_SIZE: i64 = 20;
const STATUSES: [&str; 8] = [
    "draft",
    "submitted",
    "branch_reviewed",
    "first_approved",
    "approved",
    "rejected",
    "withdrawn",
    "paid",
];

pub fn status_pill(status: ClaimStatus) -> &'static str {
    match status {
        ClaimStatus::Approved | ClaimStatus::Paid => "pill on",
        ClaimStatus::Rejected | ClaimStatus::Withdrawn => "pill off",
        ClaimStatus::Draft
        | ClaimStatus::Submitted
        | ClaimStatus::BranchReviewed
        | ClaimStatus::FirstApproved => "pill warn",
    }
}

/// What a claim is worth now: the amount approved, or else the engine's estimate.
pub fn amount_of(c: &Claim) -> Option<Money> {
    match &c.approved_amount {
        Some(a) => Money::parse(a).ok(),
        None => c.adjudication.as_ref().map(|a| a.total),
    }
}

#[derive(Properties, PartialEq)]
pub struct ClaimsPageProps {
    /// The member's own claims rather than the offices' queue.
    pub own: bool,
}

#[function_component(ClaimsPage)]
pub fn claims_page(props: &ClaimsPageProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let own = props.own;
    let query = use_state(|| ClaimQuery {
        limit: Some(PAGE_SIZE),
        ..ClaimQuery::default()
    });
    let page = use_state(|| None::<Result<Page<Claim>, ApiError>>);
    let plan_codes = use_state(Vec::<String>::new);
    let offices = use_state(Vec::<(i64, String)>::new);
    let notices = use_state(|| None::<Result<Page<ClaimNotice>, ApiError>>);
    let api = session.as_ref().map(|s| s.api.clone());
    let needed = if own {
        Permission::OwnClaim
    } else {
        Permission::ClaimRead
    };
    let allowed = session.as_ref().is_some_and(|s| s.can(needed));
    {
        let (api, page, notices) = (api.clone(), page.clone(), notices.clone());
        let plan_codes = plan_codes.clone();
        let offices = offices.clone();
        use_effect_with(((*query).clone(), own), move |(query, own)| {
            if let (Some(api), true) = (api, allowed) {
                let (query, own) = (query.clone(), *own);
                yew::platform::spawn_local(async move {
                    page.set(Some(api.claims(own, &query).await));
                    if own {
                        notices.set(Some(api.notices().await));
                    } else if plan_codes.is_empty() {
                        if let Ok(plans) = api.plans().await {
                            plan_codes.set(plans.into_iter().map(|p| p.code).collect());
                        }
                        let query = ListQuery {
                            limit: Some(200),
                            ..ListQuery::default()
                        };
                        let mut found = Vec::new();
                        for kind in [OrgUnitKind::CityOffice, OrgUnitKind::CountyPoint] {
                            if let Ok(page) = api.org_units_of_kind(None, Some(kind), &query).await
                            {
                                found.extend(page.items.into_iter().map(|u| (u.id, u.name)));
                            }
                        }
                        offices.set(found);
                    }
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
            query.set(ClaimQuery {
                status: (!status.is_empty()).then_some(status),
                offset: None,
                ..(*query).clone()
            });
        })
    };
    let on_plan = {
        let query = query.clone();
        Callback::from(move |e: Event| {
            let code = select_value(&e);
            query.set(ClaimQuery {
                plan_code: (!code.is_empty()).then_some(code),
                offset: None,
                ..(*query).clone()
            });
        })
    };
    let chosen_plan = query.plan_code.clone().unwrap_or_default();
    let on_office = {
        let query = query.clone();
        Callback::from(move |e: Event| {
            query.set(ClaimQuery {
                org_unit_id: select_value(&e).parse().ok(),
                offset: None,
                ..(*query).clone()
            });
        })
    };
    let on_age = {
        let query = query.clone();
        Callback::from(move |e: Event| {
            query.set(ClaimQuery {
                older_than_days: select_value(&e).parse().ok(),
                offset: None,
                ..(*query).clone()
            });
        })
    };
    let chosen_office = query.org_unit_id.map(|i| i.to_string()).unwrap_or_default();
    let chosen_age = query
        .older_than_days
        .map(|d| d.to_string())
        .unwrap_or_default();
    let on_page = {
        let query = query.clone();
        Callback::from(move |offset: i64| {
            query.set(ClaimQuery {
                offset: Some(offset),
                ..(*query).clone()
            })
        })
    };
    let chosen = query.status.clone().unwrap_or_default();
    let mut columns = vec![Key::ClaimTitle];
    if !own {
        columns.push(Key::Member);
    }
    columns.extend([
        Key::ClaimPolicy,
        Key::ClaimKind,
        Key::EventDate,
        Key::Status,
        Key::Amount,
    ]);
    let table = paged_table(
        &i18n,
        &page,
        i18n.t(Key::NoClaims),
        on_page,
        "claim-list",
        &columns,
        |c| claim_row(&i18n, c, own),
    );
    let title = if own {
        Key::NavMyClaims
    } else {
        Key::NavClaims
    };
    html! {
        <section class="page" data-testid={if own { "page-my-claims" } else { "page-claims" }}>
            <div class="page-head">
                <h1>{ i18n.t(title) }</h1>
                if own {
                    <NavLink to={Route::NewClaim} class="button-primary" testid="claim-new">{ i18n.t(Key::NewClaim) }</NavLink>
                }
            </div>
            if own {
                { notice_list(&i18n, &notices) }
            }
            <div class="toolbar">
                <label class="inline-label">
                    { i18n.t(Key::Status) }{ " " }
                    <select onchange={on_status} data-testid="claim-status-filter">
                        <option value="" selected={chosen.is_empty()}>{ i18n.t(Key::AllStatuses) }</option>
                        { for STATUSES.iter().map(|s| html! {
                            <option value={*s} selected={chosen == *s}>{ i18n.code_or(ClaimStatus::parse(s).map(claim_status_key), s) }</option>
                        }) }
                    </select>
                </label>
                if !own {
                    <label class="inline-label">
                        { i18n.t(Key::ClaimPolicy) }{ " " }
                        <select onchange={on_plan} data-testid="claim-plan-filter">
                            <option value="" selected={chosen_plan.is_empty()}>{ i18n.t(Key::AllPlans) }</option>
                            { for plan_codes.iter().map(|c| html! { <option value={c.clone()} selected={&chosen_plan == c}>{ c.clone() }</option> }) }
                        </select>
                    </label>
                    <label class="inline-label">
                        { i18n.t(Key::ClaimOffice) }{ " " }
                        <select onchange={on_office} data-testid="claim-office-filter">
                            <option value="" selected={chosen_office.is_empty()}>{ i18n.t(Key::AllOffices) }</option>
                            { for offices.iter().map(|(id, name)| html! { <option value={id.to_string()} selected={chosen_office == id.to_string()}>{ name.clone() }</option> }) }
                        </select>
                    </label>
                    <label class="inline-label">
                        { i18n.t(Key::WaitingFor) }{ " " }
                        <select onchange={on_age} data-testid="claim-age-filter">
                            <option value="" selected={chosen_age.is_empty()}>{ i18n.t(Key::AnyAge) }</option>
                            { for [3u32, 7, 30].iter().map(|d| html! { <option value={d.to_string()} selected={chosen_age == d.to_string()}>{ i18n.tf(Key::OlderThanDays, &[&d.to_string()]) }</option> }) }
                        </select>
                    </label>
                }
            </div>
            { table }
        </section>
    }
}

fn claim_row(i18n: &I18n, c: &Claim, own: bool) -> Html {
    let to = if own {
        Route::MyClaim { id: c.id }
    } else {
        Route::Claim { id: c.id }
    };
    html! {
        <tr key={c.id} data-testid="claim-row" data-status={c.status.as_str()}>
            <td class="nowrap"><NavLink to={to}>{ format!("#{}", c.id) }</NavLink></td>
            if !own {
                <td>{ format!("{} {}", c.member_name, c.id_number_masked) }</td>
            }
            <td class="mono">{ c.plan_code.clone() }</td>
            <td>{ i18n.t(claim_kind_key(c.kind)) }</td>
            <td class="nowrap">{ c.event_date.to_string() }</td>
            <td><span class={status_pill(c.status)}>{ i18n.t(claim_status_key(c.status)) }</span></td>
            <td class="nowrap">{ amount_of(c).map(format::yuan).unwrap_or_default() }</td>
        </tr>
    }
}

fn notice_list(i18n: &I18n, notices: &Option<Result<Page<ClaimNotice>, ApiError>>) -> Html {
    let items = match notices {
        Some(Ok(page)) => &page.items,
        _ => return html! {},
    };
    html! {
        <div class="card" data-testid="claim-notices">
            <h2>{ i18n.t(Key::Notices) }</h2>
            if items.is_empty() {
                <p class="muted">{ i18n.t(Key::NoNotices) }</p>
            } else {
                <ul class="notices">
                    { for items.iter().take(8).map(|n| html! {
                        <li data-testid="claim-notice">
                            <span class="muted">{ format::date_time(&n.at) }{ " " }</span>
                            { i18n.tf(Key::NoticeLine, &[&n.claim_id.to_string(), &n.plan_code, i18n.t(claim_status_key(n.to))]) }
                        </li>
                    }) }
                </ul>
            }
        </div>
    }
}
