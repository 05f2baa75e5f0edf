//! 管理费用: finance enters an expense against a fund; a second finance person approves it and it
//! is paid and booked (the one who entered it cannot approve it).

use huzhu_api_types::{Expense, ExpenseRequest};
use huzhu_domain::ledger::ExpenseStatus;
use yew::prelude::*;

use crate::api::{Api, ApiError};
use crate::components::busy::submit;
use crate::components::form::{setter, ErrorMessage, FormFooter, TextField};
use crate::format;
use crate::i18n::{use_i18n, Key};

#[derive(Properties, PartialEq)]
pub struct ExpensesProps {
    pub api: Api,
    pub manages: bool,
    pub on_change: Callback<()>,
}

#[function_component(Expenses)]
pub fn expenses(props: &ExpensesProps) -> Html {
    let i18n = use_i18n();
    let list = use_state(|| None::<Result<Vec<Expense>, ApiError>>);
    let reload = use_state(|| 0u32);
    let fund = use_state(|| format!("ZY-{}", format::china_today().format("%Y")));
    let description = use_state(String::new);
    let amount = use_state(String::new);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    {
        let (api, list) = (props.api.clone(), list.clone());
        use_effect_with(*reload, move |_| {
            yew::platform::spawn_local(async move { list.set(Some(api.expenses().await)) });
        });
    }
    let changed = {
        let (reload, on_change) = (reload.clone(), props.on_change.clone());
        Callback::from(move |_: Expense| {
            reload.set(*reload + 1);
            on_change.emit(());
        })
    };
    let onsubmit = {
        let (api, fund, description, amount, busy, error, changed) = (
            props.api.clone(),
            fund.clone(),
            description.clone(),
            amount.clone(),
            busy.clone(),
            error.clone(),
            changed.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let request = ExpenseRequest {
                fund: (*fund).clone(),
                description: (*description).clone(),
                amount: (*amount).clone(),
            };
            let api = api.clone();
            error.set(None);
            submit(&busy, &error, &changed, async move {
                api.enter_expense(&request).await
            });
        })
    };
    let rows = match &*list {
        None => html! { <p class="muted">{ i18n.t(Key::Loading) }</p> },
        Some(Err(e)) => html! { <ErrorMessage text={e.text(i18n.lang)} /> },
        Some(Ok(items)) if items.is_empty() => {
            html! { <p class="muted">{ i18n.t(Key::NoExpenses) }</p> }
        }
        Some(Ok(items)) => html! {
            <table data-testid="expense-list">
                <thead><tr>
                    <th>{ i18n.t(Key::Fund) }</th><th>{ i18n.t(Key::ExpenseDescription) }</th>
                    <th>{ i18n.t(Key::Amount) }</th><th>{ i18n.t(Key::Status) }</th><th></th>
                </tr></thead>
                <tbody>
                    { for items.iter().map(|x| {
                        let approve = {
                            let (api, busy, error, changed, id) = (props.api.clone(), busy.clone(), error.clone(), changed.clone(), x.id);
                            Callback::from(move |_: MouseEvent| {
                                let api = api.clone();
                                error.set(None);
                                submit(&busy, &error, &changed, async move { api.approve_expense(id).await });
                            })
                        };
                        html! {
                            <tr key={x.id} data-testid="expense-row" data-status={x.status.as_str()}>
                                <td class="mono">{ x.fund.clone() }</td>
                                <td>{ x.description.clone() }</td>
                                <td class="nowrap">{ x.amount.clone() }</td>
                                <td>{ i18n.t(if x.status == ExpenseStatus::Approved { Key::ExpenseApproved } else { Key::ExpensePending }) }</td>
                                <td>
                                    if props.manages && x.status == ExpenseStatus::Pending {
                                        <button type="button" class="button-quiet small" disabled={*busy} onclick={approve} data-testid="expense-approve">{ i18n.t(Key::ApproveExpense) }</button>
                                    }
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        },
    };
    html! {
        <div class="card" data-testid="expenses">
            <h2>{ i18n.t(Key::ExpensesTitle) }</h2>
            { rows }
            if props.manages {
                <form class="form" {onsubmit} data-testid="expense-form">
                    <TextField label={i18n.t(Key::Fund)} value={(*fund).clone()} oninput={setter(&fund)} testid="expense-fund" hint="ZY-2026" />
                    <TextField label={i18n.t(Key::ExpenseDescription)} value={(*description).clone()} oninput={setter(&description)} testid="expense-description" />
                    <TextField label={i18n.t(Key::Amount)} value={(*amount).clone()} oninput={setter(&amount)} inputmode="decimal" testid="expense-amount" />
                    <FormFooter error={error.as_ref().map(|e| e.text(i18n.lang))} busy={*busy}
                                submit_label={i18n.t(Key::EnterExpense)} submit_testid="expense-submit" />
                </form>
            } else {
                <ErrorMessage text={error.as_ref().map(|e| e.text(i18n.lang))} />
            }
        </div>
    }
}
