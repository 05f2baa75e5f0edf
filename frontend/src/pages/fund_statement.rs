//! A fund's statement for a chosen range: opening, movement and closing of every account, the
//! contributions received, and the fund's ratios.

use huzhu_api_types::FundStatement;
use yew::prelude::*;

use crate::api::{Api, ApiError};
use crate::components::busy::submit;
use crate::components::form::{setter, ErrorMessage, TextField};
use crate::format;
use crate::i18n::{account_key, use_i18n, Key};

#[derive(Properties, PartialEq)]
pub struct StatementProps {
    pub api: Api,
    pub fund: String,
}

#[function_component(FundStatementCard)]
pub fn fund_statement_card(props: &StatementProps) -> Html {
    let i18n = use_i18n();
    let year = props.fund.rsplit('-').next().unwrap_or("2026").to_owned();
    let from = use_state(|| format!("{year}-01-01"));
    let to = use_state(|| format::china_today().to_string());
    let statement = use_state(|| None::<FundStatement>);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let show = {
        let (api, fund, from, to, statement, busy, error) = (
            props.api.clone(),
            props.fund.clone(),
            from.clone(),
            to.clone(),
            statement.clone(),
            busy.clone(),
            error.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let (Ok(f), Ok(t)) = (from.parse(), to.parse()) else {
                return;
            };
            let (api, fund, statement) = (api.clone(), fund.clone(), statement.clone());
            error.set(None);
            submit(
                &busy,
                &error,
                &Callback::from(move |s: FundStatement| statement.set(Some(s))),
                async move { api.fund_statement(&fund, f, t).await },
            );
        })
    };
    html! {
        <article class="card" data-testid="fund-statement">
            <h3>{ i18n.tf(Key::FundStatementTitle, &[&props.fund]) }</h3>
            <div class="toolbar">
                <TextField label={i18n.t(Key::From)} input_type="date" value={(*from).clone()} oninput={setter(&from)} testid="statement-from" />
                <TextField label={i18n.t(Key::To)} input_type="date" value={(*to).clone()} oninput={setter(&to)} testid="statement-to" />
                <button type="button" class="button-quiet" disabled={*busy} onclick={show} data-testid="statement-show">{ i18n.t(Key::ShowStatement) }</button>
            </div>
            <ErrorMessage text={error.as_ref().map(|e| e.text(i18n.lang))} />
            if let Some(s) = &*statement {
                <table data-testid="statement-lines">
                    <thead><tr>
                        <th>{ i18n.t(Key::Account) }</th><th>{ i18n.t(Key::Opening) }</th>
                        <th>{ i18n.t(Key::Movement) }</th><th>{ i18n.t(Key::Closing) }</th>
                    </tr></thead>
                    <tbody>
                        { for s.lines.iter().map(|l| html! {
                            <tr key={l.account.as_str()}>
                                <td>{ i18n.t(account_key(l.account)) }</td>
                                <td class="nowrap">{ l.opening.clone() }</td>
                                <td class="nowrap">{ l.movement.clone() }</td>
                                <td class="nowrap">{ l.closing.clone() }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                <p>
                    { i18n.tf(Key::StatementRatios, &[
                        &s.contributions_received,
                        &format::ratio(s.indicators.loss_ratio.as_deref()),
                        &format::ratio(s.indicators.reserve_ratio.as_deref()),
                        &format::ratio(s.indicators.expense_ratio.as_deref()),
                        &s.indicators.solvency.clone().unwrap_or_else(|| "—".into()),
                    ]) }
                </p>
            }
        </article>
    }
}
