//! One enrollment batch (a committed roster): its status and totals, every policy in it, and
//! for those who record contributions the form for its payment.

use std::collections::BTreeSet;

use huzhu_api_types::{BatchPolicy, EnrollmentBatch};
use huzhu_domain::coverage::PolicyState;
use huzhu_domain::roster::EnrollmentBatchStatus;
use huzhu_domain::{Money, Permission};
use yew::prelude::*;

use crate::api::ApiError;
use crate::components::form::{ErrorMessage, SuccessMessage};
use crate::components::nav_link::NavLink;
use crate::components::paged::{local_page, paged_table};
use crate::components::unit_names::{unit_label, use_unit_names};
use crate::i18n::{batch_status_key, policy_status_key, use_i18n, I18n, Key};
use crate::pages::batch_payment::BatchPaymentForm;
use crate::pages::forbidden::Forbidden;
use crate::route::Route;
use crate::session::use_session;
use crate::{download, format};

const PAGE_SIZE: i64 = 50;
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn yuan(amount: &str) -> String {
    Money::parse(amount).map_or_else(|_| amount.to_owned(), format::yuan)
}

fn batch_pill(status: EnrollmentBatchStatus) -> &'static str {
    match status {
        EnrollmentBatchStatus::Paid => "pill on",
        EnrollmentBatchStatus::PendingPayment => "pill warn",
    }
}

fn policy_pill(status: PolicyState) -> &'static str {
    match status {
        PolicyState::Active => "pill on",
        PolicyState::PendingPayment => "pill warn",
        PolicyState::Terminated => "pill off",
    }
}

#[derive(Properties, PartialEq)]
pub struct BatchPageProps {
    pub id: i64,
}

#[function_component(BatchPage)]
pub fn batch_page(props: &BatchPageProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let batch = use_state(|| None::<Result<EnrollmentBatch, ApiError>>);
    let offset = use_state(|| 0i64);
    let notice = use_state(|| None::<String>);
    let downloading = use_state(|| false);
    let failed = use_state(|| None::<String>);

    let api = session.as_ref().map(|s| s.api.clone());
    let allowed = session
        .as_ref()
        .is_some_and(|s| s.can(Permission::MemberRead));
    {
        let (api, batch, offset, notice) =
            (api.clone(), batch.clone(), offset.clone(), notice.clone());
        use_effect_with(props.id, move |id| {
            offset.set(0);
            notice.set(None);
            if let (Some(api), true) = (api, allowed) {
                let id = *id;
                batch.set(None);
                yew::platform::spawn_local(async move {
                    batch.set(Some(api.batch(id).await));
                });
            }
        });
    }
    let unit_ids: BTreeSet<i64> = match &*batch {
        Some(Ok(b)) => BTreeSet::from([b.org_unit_id]),
        _ => BTreeSet::new(),
    };
    let unit_names = use_unit_names(api.clone(), unit_ids);

    let (Some(session), Some(api)) = (session, api) else {
        return html! {};
    };
    if !allowed {
        return html! { <Forbidden /> };
    }
    let back = html! {
        <p class="back-link"><NavLink to={Route::Batches}>{ format!("← {}", i18n.t(Key::BackToBatches)) }</NavLink></p>
    };
    let b = match &*batch {
        None => {
            return html! {
                <section class="page" data-testid="page-batch">{ back.clone() }<p class="muted">{ i18n.t(Key::Loading) }</p></section>
            }
        }
        Some(Err(e)) => {
            return html! {
                <section class="page" data-testid="page-batch">{ back.clone() }<ErrorMessage text={e.text(i18n.lang)} /></section>
            }
        }
        Some(Ok(b)) => b,
    };
    let on_paid = {
        let (batch, notice) = (batch.clone(), notice.clone());
        let lang = i18n.lang;
        Callback::from(move |paid: EnrollmentBatch| {
            batch.set(Some(Ok(paid)));
            notice.set(Some(crate::i18n::t(lang, Key::BatchPaidNotice).to_owned()));
        })
    };
    let on_page = {
        let offset = offset.clone();
        Callback::from(move |o: i64| offset.set(o))
    };
    let on_download = {
        let (api, notice, downloading, failed) = (
            api.clone(),
            notice.clone(),
            downloading.clone(),
            failed.clone(),
        );
        let (id, plan_code, lang) = (b.id, b.plan_code.clone(), i18n.lang);
        Callback::from(move |_: MouseEvent| {
            let (api, notice, downloading, failed) = (
                api.clone(),
                notice.clone(),
                downloading.clone(),
                failed.clone(),
            );
            let name = format!("batch-{id}-{plan_code}.xlsx");
            downloading.set(true);
            failed.set(None);
            yew::platform::spawn_local(async move {
                let saved = match api.batch_workbook(id).await {
                    Ok(bytes) => download::save(&bytes, &name, XLSX)
                        .map_err(|e| crate::i18n::tf(lang, Key::ErrDownload, &[&e])),
                    Err(e) => Err(e.text(lang)),
                };
                downloading.set(false);
                match saved {
                    Ok(()) => {
                        notice.set(Some(crate::i18n::tf(lang, Key::DownloadedNotice, &[&name])))
                    }
                    Err(text) => failed.set(Some(text)),
                }
            });
        })
    };
    let may_pay = b.status == EnrollmentBatchStatus::PendingPayment
        && session.can(Permission::ContributionRecord);
    let page = Some(Ok(local_page(&b.policies, PAGE_SIZE, *offset)));
    let columns = [
        Key::IdNumber,
        Key::DisplayName,
        Key::Shares,
        Key::Premium,
        Key::Status,
        Key::CoverStarts,
    ];
    let policies = paged_table(
        &i18n,
        &page,
        i18n.t(Key::NothingFound),
        on_page,
        "batch-policies",
        &columns,
        |p| policy_row(&i18n, p),
    );

    html! {
        <section class="page" data-testid="page-batch">
            { back.clone() }
            <div class="page-head">
                <h1>{ i18n.tf(Key::BatchTitle, &[&b.id.to_string()]) }</h1>
                <span class={batch_pill(b.status)} data-testid="batch-status">
                    { i18n.t(batch_status_key(b.status)) }
                </span>
            </div>
            <SuccessMessage text={(*notice).clone()} testid="batch-paid" />
            <ErrorMessage text={(*failed).clone()} />
            <div class="toolbar">
                <button type="button" onclick={on_download} disabled={*downloading} data-testid="batch-download">
                    { i18n.t(if *downloading { Key::Downloading } else { Key::DownloadResult }) }
                </button>
            </div>
            <div class="card">
                <dl class="facts">
                    <dt>{ i18n.t(Key::Union) }</dt><dd>{ unit_label(&unit_names, b.org_unit_id) }</dd>
                    <dt>{ i18n.t(Key::RosterPlan) }</dt><dd class="mono">{ b.plan_code.clone() }</dd>
                    <dt>{ i18n.t(Key::BatchMembers) }</dt><dd data-testid="batch-member-count">{ b.member_count }</dd>
                    <dt>{ i18n.t(Key::PremiumTotal) }</dt><dd data-testid="batch-premium-total">{ yuan(&b.premium_total) }</dd>
                    <dt>{ i18n.t(Key::CreatedAt) }</dt><dd>{ format::date_time(&b.created_at) }</dd>
                    if let Some(at) = &b.paid_at {
                        <dt>{ i18n.t(Key::BatchPaidAt) }</dt><dd>{ format::date_time(at) }</dd>
                    }
                </dl>
            </div>
            if may_pay {
                <BatchPaymentForm api={api.clone()} batch_id={b.id} premium_total={b.premium_total.clone()} {on_paid} />
            }
            { policies }
        </section>
    }
}

fn policy_row(i18n: &I18n, p: &BatchPolicy) -> Html {
    html! {
        <tr key={p.policy_id} data-testid="batch-policy" data-status={p.status.as_str()}>
            <td class="mono nowrap">{ p.id_number_masked.clone() }</td>
            <td>{ p.member_name.clone() }</td>
            <td>{ p.shares }</td>
            <td class="nowrap">{ yuan(&p.premium) }</td>
            <td><span class={policy_pill(p.status)}>{ i18n.t(policy_status_key(p.status)) }</span></td>
            <td class="nowrap">{ p.start_date.map(|d| d.to_string()).unwrap_or_else(|| "—".to_owned()) }</td>
        </tr>
    }
}
