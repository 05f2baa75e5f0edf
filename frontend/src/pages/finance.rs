//! 财务: the funds' health with their ratios over the last twelve months, the trial balance,
//! payment batches from creation to paid (made by one person, approved by another; the bank file
//! out, the bank's result in), the journal, periods and the month-end earning job, and the report
//! workbook. The council and the supervisory board read it; finance acts on it.

use huzhu_api_types::{FundMonth, FundSummary, JournalEntry, Page, PaymentBatch, TrialBalance};
use huzhu_domain::payout::{PaymentBatchStatus, PaymentStatus};
use huzhu_domain::Permission;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::api::{Api, ApiError};
use crate::components::busy::submit;
use crate::components::form::{setter, ErrorMessage, SuccessMessage, TextField};
use crate::download;
use crate::format;
use crate::i18n::{account_key, use_i18n, I18n, Key};
use crate::pages::expenses::Expenses;
use crate::pages::forbidden::Forbidden;
use crate::pages::fund_statement::FundStatementCard;
use crate::pages::rosters::read_file;
use crate::session::use_session;

type Loaded<T> = Option<Result<T, ApiError>>;

#[function_component(FinancePage)]
pub fn finance_page() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let funds = use_state(|| None::<Result<Vec<FundSummary>, ApiError>>);
    let trial = use_state(|| None::<Result<TrialBalance, ApiError>>);
    let journal = use_state(|| None::<Result<Page<JournalEntry>, ApiError>>);
    let selected = use_state(|| None::<String>);
    // What the journal follows: `claim:12`, `payment:3`, `batch:5`, `policy:7`; all when empty.
    let reference = use_state(String::new);
    let follow = use_state(|| None::<String>);
    let reload = use_state(|| 0u32);
    let api = session.as_ref().map(|s| s.api.clone());
    let reads = session
        .as_ref()
        .is_some_and(|s| s.can(Permission::FinanceRead));
    let manages = session
        .as_ref()
        .is_some_and(|s| s.can(Permission::FinanceManage));
    {
        let (api, funds, trial, journal) =
            (api.clone(), funds.clone(), trial.clone(), journal.clone());
        use_effect_with(*reload, move |_| {
            if let (Some(api), true) = (api, reads) {
                yew::platform::spawn_local(async move {
                    funds.set(Some(api.funds().await));
                    trial.set(Some(api.trial_balance().await));
                    journal.set(Some(api.journal(None).await));
                });
            }
        });
    }
    {
        let (api, journal) = (api.clone(), journal.clone());
        use_effect_with((*follow).clone(), move |follow| {
            if let (Some(api), Some(r)) = (api, follow.clone()) {
                yew::platform::spawn_local(async move {
                    let r = r.trim().to_owned();
                    journal.set(Some(api.journal((!r.is_empty()).then_some(r)).await));
                });
            }
        });
    }
    let on_follow = {
        let (reference, follow) = (reference.clone(), follow.clone());
        Callback::from(move |_: MouseEvent| follow.set(Some((*reference).clone())))
    };
    let Some(api) = api else {
        return html! {};
    };
    if !reads {
        return html! { <Forbidden /> };
    }
    let refresh = {
        let reload = reload.clone();
        Callback::from(move |_: ()| reload.set(*reload + 1))
    };
    html! {
        <section class="page" data-testid="page-finance">
            <div class="page-head"><h1>{ i18n.t(Key::NavFinance) }</h1></div>
            <h2>{ i18n.t(Key::Funds) }</h2>
            { funds_table(&i18n, &funds, &selected) }
            if let Some(fund) = &*selected {
                <FundStatementCard key={fund.clone()} api={api.clone()} fund={fund.clone()} />
            }
            <h2>{ i18n.t(Key::TrialBalanceTitle) }</h2>
            { trial_balance(&i18n, &trial) }
            <h2>{ i18n.t(Key::PaymentBatches) }</h2>
            <Batches api={api.clone()} {manages} on_change={refresh.clone()} />
            <Expenses api={api.clone()} {manages} on_change={refresh.clone()} />
            if manages {
                <Periods api={api.clone()} on_change={refresh.clone()} />
            }
            <Report api={api.clone()} />
            <h2>{ i18n.t(Key::Journal) }</h2>
            <div class="toolbar">
                <TextField label={i18n.t(Key::FollowReference)} value={(*reference).clone()} oninput={setter(&reference)}
                           testid="journal-reference" hint="claim:12 · payment:3 · batch:5 · policy:7" />
                <button type="button" class="button-quiet" onclick={on_follow} data-testid="journal-follow">{ i18n.t(Key::Follow) }</button>
            </div>
            { journal_table(&i18n, &journal) }
        </section>
    }
}

fn loading<T>(i18n: &I18n, l: &Loaded<T>) -> Option<Html> {
    match l {
        None => Some(html! { <p class="muted">{ i18n.t(Key::Loading) }</p> }),
        Some(Err(e)) => Some(html! { <ErrorMessage text={e.text(i18n.lang)} /> }),
        Some(Ok(_)) => None,
    }
}

/// The loss ratio and the solvency of the last twelve months as two small lines.
fn chart(months: &[FundMonth]) -> Html {
    let value = |r: &Option<String>| r.as_deref().and_then(|v| v.parse::<f64>().ok());
    let line = |pick: &dyn Fn(&FundMonth) -> Option<f64>, top: f64| {
        months
            .iter()
            .enumerate()
            .filter_map(|(i, m)| {
                pick(m).map(|v| {
                    let x = 4.0 + i as f64 * 10.0;
                    let y = 36.0 - (v.clamp(0.0, top) / top) * 32.0;
                    format!("{x:.1},{y:.1}")
                })
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let loss = line(&|m| value(&m.indicators.loss_ratio), 1.5);
    let solvency = line(&|m| value(&m.indicators.solvency), 3.0);
    html! {
        <svg class="sparkline" width="120" height="40" viewBox="0 0 120 40" role="img" data-testid="fund-chart">
            <polyline points={loss} fill="none" stroke="#b91c1c" stroke-width="1.5" />
            <polyline points={solvency} fill="none" stroke="#1d4ed8" stroke-width="1.5" />
        </svg>
    }
}

fn funds_table(
    i18n: &I18n,
    funds: &Loaded<Vec<FundSummary>>,
    selected: &UseStateHandle<Option<String>>,
) -> Html {
    if let Some(h) = loading(i18n, funds) {
        return h;
    }
    let Some(Ok(list)) = funds else {
        return html! {};
    };
    if list.is_empty() {
        return html! { <p class="muted">{ i18n.t(Key::NoFunds) }</p> };
    }
    html! {
        <div class="table-wrap">
            <p class="muted small">{ i18n.t(Key::ChartLegend) }</p>
            <table data-testid="fund-list">
                <thead><tr>
                    <th>{ i18n.t(Key::Fund) }</th>
                    <th>{ i18n.t(Key::AccountBank) }</th>
                    <th>{ i18n.t(Key::AccountRiskReserve) }</th>
                    <th>{ i18n.t(Key::AccountBenefitsPayable) }</th>
                    <th>{ i18n.t(Key::LossRatio) }</th>
                    <th>{ i18n.t(Key::ExpenseRatio) }</th>
                    <th>{ i18n.t(Key::Solvency) }</th>
                    <th>{ i18n.t(Key::TwelveMonths) }</th>
                </tr></thead>
                <tbody>
                    { for list.iter().map(|f| html! {
                        <tr key={f.fund.clone()} data-testid="fund-row">
                            <td class="mono">
                                <button type="button" class="button-quiet small" data-testid="fund-open"
                                        onclick={{ let (s, k) = (selected.clone(), f.fund.clone()); Callback::from(move |_: MouseEvent| s.set(Some(k.clone()))) }}>
                                    { f.fund.clone() }
                                </button>
                            </td>
                            <td class="nowrap">{ f.bank.clone() }</td>
                            <td class="nowrap">{ f.risk_reserve.clone() }</td>
                            <td class="nowrap">{ f.benefits_payable.clone() }</td>
                            <td>{ format::ratio(f.indicators.loss_ratio.as_deref()) }</td>
                            <td>{ format::ratio(f.indicators.expense_ratio.as_deref()) }
                                if let Some(cap) = &f.indicators.expense_cap { { " / " }{ format::ratio(Some(cap)) } }
                            </td>
                            <td>{ f.indicators.solvency.clone().unwrap_or_else(|| "—".into()) }</td>
                            <td>{ chart(&f.months) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

fn trial_balance(i18n: &I18n, trial: &Loaded<TrialBalance>) -> Html {
    if let Some(h) = loading(i18n, trial) {
        return h;
    }
    let Some(Ok(tb)) = trial else {
        return html! {};
    };
    html! {
        <div class="table-wrap">
            <p class={if tb.balanced { "message success" } else { "message error" }} data-testid="trial-balance-status">
                { i18n.tf(if tb.balanced { Key::Balanced } else { Key::NotBalanced }, &[&tb.as_of.to_string(), &tb.total_debit, &tb.total_credit]) }
            </p>
            <table data-testid="trial-balance">
                <thead><tr>
                    <th>{ i18n.t(Key::Fund) }</th><th>{ i18n.t(Key::Account) }</th>
                    <th>{ i18n.t(Key::Debit) }</th><th>{ i18n.t(Key::Credit) }</th>
                </tr></thead>
                <tbody>
                    { for tb.lines.iter().map(|l| html! {
                        <tr>
                            <td class="mono">{ l.fund.clone() }</td>
                            <td>{ i18n.t(account_key(l.account)) }</td>
                            <td class="nowrap">{ l.debit.clone() }</td>
                            <td class="nowrap">{ l.credit.clone() }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

fn journal_table(i18n: &I18n, journal: &Loaded<Page<JournalEntry>>) -> Html {
    if let Some(h) = loading(i18n, journal) {
        return h;
    }
    let Some(Ok(page)) = journal else {
        return html! {};
    };
    html! {
        <div class="table-wrap">
            <table data-testid="journal">
                <thead><tr>
                    <th>{ "#" }</th><th>{ i18n.t(Key::EntryDate) }</th><th>{ i18n.t(Key::Fund) }</th>
                    <th>{ i18n.t(Key::EntryKind) }</th><th>{ i18n.t(Key::Postings) }</th>
                </tr></thead>
                <tbody>
                    { for page.items.iter().map(|e| html! {
                        <tr key={e.id}>
                            <td>{ e.id }</td>
                            <td class="nowrap">{ e.entry_date.to_string() }</td>
                            <td class="mono">{ e.fund.clone() }</td>
                            <td>{ i18n.t(crate::i18n::entry_kind_key(e.kind)) }
                                if let Some(r) = &e.reference { <br /><span class="muted small mono">{ r.clone() }</span> }
                            </td>
                            <td class="small">
                                { for e.postings.iter().map(|p| html! {
                                    <div>{ i18n.t(account_key(p.account)) }{ " " }
                                        if p.debit != "0.00" { { i18n.tf(Key::DebitAmount, &[&p.debit]) } }
                                        if p.credit != "0.00" { { i18n.tf(Key::CreditAmount, &[&p.credit]) } }
                                    </div>
                                }) }
                            </td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct BatchesProps {
    api: Api,
    manages: bool,
    on_change: Callback<()>,
}

/// The payment batches, newest first; finance makes one of every payable claim, another
/// finance person approves it, the bank file goes out and the result comes in.
#[function_component(Batches)]
fn batches(props: &BatchesProps) -> Html {
    let i18n = use_i18n();
    let list = use_state(|| None::<Result<Vec<PaymentBatch>, ApiError>>);
    let payable = use_state(|| 0usize);
    let open = use_state(|| None::<PaymentBatch>);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let notice = use_state(|| None::<String>);
    let reload = use_state(|| 0u32);
    {
        let (api, list, payable) = (props.api.clone(), list.clone(), payable.clone());
        use_effect_with(*reload, move |_| {
            yew::platform::spawn_local(async move {
                list.set(Some(api.payment_batches().await));
                if let Ok(p) = api.payable_claims().await {
                    payable.set(p.len());
                }
            });
        });
    }
    let after = {
        let (reload, open, notice, on_change, api) = (
            reload.clone(),
            open.clone(),
            notice.clone(),
            props.on_change.clone(),
            props.api.clone(),
        );
        move |batch_id: i64, text: Option<String>| {
            let (reload, open, notice, on_change, api) = (
                reload.clone(),
                open.clone(),
                notice.clone(),
                on_change.clone(),
                api.clone(),
            );
            yew::platform::spawn_local(async move {
                if let Ok(b) = api.payment_batch(batch_id).await {
                    open.set(Some(b));
                }
                notice.set(text);
                reload.set(*reload + 1);
                on_change.emit(());
            });
        }
    };
    let create = {
        let (api, busy, error, after) = (
            props.api.clone(),
            busy.clone(),
            error.clone(),
            after.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let api = api.clone();
            let after = after.clone();
            error.set(None);
            submit(
                &busy,
                &error,
                &Callback::from(move |b: PaymentBatch| after(b.id, None)),
                async move { api.create_payment_batch().await },
            );
        })
    };
    let body = match &*list {
        None => html! { <p class="muted">{ i18n.t(Key::Loading) }</p> },
        Some(Err(e)) => html! { <ErrorMessage text={e.text(i18n.lang)} /> },
        Some(Ok(items)) => html! {
            <table data-testid="payment-batches">
                <thead><tr>
                    <th>{ "#" }</th><th>{ i18n.t(Key::Status) }</th><th>{ i18n.t(Key::PaymentCount) }</th>
                    <th>{ i18n.t(Key::Total) }</th><th>{ i18n.t(Key::CreatedAt) }</th><th></th>
                </tr></thead>
                <tbody>
                    { for items.iter().map(|b| {
                        let show = {
                            let (open, api, id) = (open.clone(), props.api.clone(), b.id);
                            Callback::from(move |_: MouseEvent| {
                                let (open, api) = (open.clone(), api.clone());
                                yew::platform::spawn_local(async move {
                                    if let Ok(b) = api.payment_batch(id).await { open.set(Some(b)); }
                                });
                            })
                        };
                        html! {
                            <tr key={b.id} data-testid="payment-batch-row" data-status={b.status.as_str()}>
                                <td>{ b.id }</td>
                                <td>{ batch_status(&i18n, b.status) }</td>
                                <td>{ b.item_count }</td>
                                <td class="nowrap">{ b.total.clone() }</td>
                                <td class="nowrap">{ format::date_time(&b.created_at) }</td>
                                <td><button type="button" class="button-quiet small" onclick={show} data-testid="payment-batch-open">{ i18n.t(Key::Open) }</button></td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        },
    };
    html! {
        <div class="card" data-testid="payments">
            <p>{ i18n.tf(Key::PayableCount, &[&payable.to_string()]) }</p>
            if props.manages && *payable > 0 {
                <button type="button" class="button-primary" disabled={*busy} onclick={create} data-testid="payment-batch-create">
                    { i18n.t(Key::CreatePaymentBatch) }
                </button>
            }
            <ErrorMessage text={error.as_ref().map(|e| e.text(i18n.lang))} testid="payments-error" />
            <SuccessMessage text={(*notice).clone()} testid="payments-notice" />
            { body }
            if let Some(b) = &*open {
                <BatchDetail batch={b.clone()} api={props.api.clone()} manages={props.manages}
                             on_done={Callback::from(move |(id, text): (i64, Option<String>)| after(id, text))} />
            }
        </div>
    }
}

fn payment_status(i18n: &I18n, status: PaymentStatus) -> Html {
    let (class, key) = match status {
        PaymentStatus::Paid => ("pill on", Key::PaymentPaid),
        PaymentStatus::Failed => ("pill off", Key::PaymentFailed),
        PaymentStatus::Pending => ("pill warn", Key::PaymentPending),
    };
    html! { <span class={class}>{ i18n.t(key) }</span> }
}

fn batch_status(i18n: &I18n, status: PaymentBatchStatus) -> Html {
    let (class, key) = match status {
        PaymentBatchStatus::Draft => ("pill warn", Key::BatchDraft),
        PaymentBatchStatus::Approved => ("pill", Key::BatchApproved),
        PaymentBatchStatus::Settled => ("pill on", Key::BatchSettled),
    };
    html! { <span class={class}>{ i18n.t(key) }</span> }
}

#[derive(Properties, PartialEq)]
struct DetailProps {
    batch: PaymentBatch,
    api: Api,
    manages: bool,
    on_done: Callback<(i64, Option<String>)>,
}

#[function_component(BatchDetail)]
fn batch_detail(props: &DetailProps) -> Html {
    let i18n = use_i18n();
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let file_input = use_node_ref();
    let b = &props.batch;
    let id = b.id;
    let approve = {
        let (api, busy, error, done) = (
            props.api.clone(),
            busy.clone(),
            error.clone(),
            props.on_done.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let api = api.clone();
            error.set(None);
            submit(
                &busy,
                &error,
                &done.reform(move |_: PaymentBatch| (id, None)),
                async move { api.approve_payment_batch(id).await },
            );
        })
    };
    let download = {
        let (api, error) = (props.api.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            let (api, error) = (api.clone(), error.clone());
            yew::platform::spawn_local(async move {
                match api.bank_file(id).await {
                    Ok(bytes) => {
                        let _ =
                            download::save(&bytes, &format!("huzhu-payments-{id}.csv"), "text/csv");
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let upload = {
        let (api, busy, error, done, input, lang) = (
            props.api.clone(),
            busy.clone(),
            error.clone(),
            props.on_done.clone(),
            file_input.clone(),
            i18n.lang,
        );
        Callback::from(move |_: MouseEvent| {
            let Some(file) = input
                .cast::<HtmlInputElement>()
                .and_then(|i| i.files())
                .and_then(|f| f.get(0))
            else {
                return;
            };
            let api = api.clone();
            error.set(None);
            let done = done.reform(move |r: huzhu_api_types::BankResultImport| {
                (
                    id,
                    Some(crate::i18n::tf(
                        lang,
                        Key::BankResultImported,
                        &[&r.paid.to_string(), &r.failed.to_string()],
                    )),
                )
            });
            submit(&busy, &error, &done, async move {
                let (bytes, _) = read_file(file).await?;
                api.import_bank_result(id, bytes).await
            });
        })
    };
    html! {
        <article class="card" data-testid="payment-batch" data-status={b.status.as_str()}>
            <div class="page-head">
                <h3>{ i18n.tf(Key::PaymentBatchTitle, &[&b.id.to_string()]) }</h3>
                { batch_status(&i18n, b.status) }
            </div>
            <table>
                <thead><tr>
                    <th>{ i18n.t(Key::Reference) }</th><th>{ i18n.t(Key::Payee) }</th><th>{ i18n.t(Key::BankAccount) }</th>
                    <th>{ i18n.t(Key::Amount) }</th><th>{ i18n.t(Key::Status) }</th>
                </tr></thead>
                <tbody>
                    { for b.payments.iter().map(|p| html! {
                        <tr key={p.id} data-testid="payment-row" data-status={p.status.as_str()}>
                            <td class="mono">{ p.reference.clone() }</td>
                            <td>{ p.payee.clone().unwrap_or_default() }</td>
                            <td class="mono">{ p.account_masked.clone().unwrap_or_default() }</td>
                            <td class="nowrap">{ p.amount.clone() }</td>
                            <td>{ payment_status(&i18n, p.status) }
                                if let Some(r) = &p.failure_reason { { " " }{ r.clone() } }
                            </td>
                        </tr>
                    }) }
                </tbody>
            </table>
            if props.manages {
                <div class="row-actions">
                    if b.status == PaymentBatchStatus::Draft {
                        <button type="button" class="button-primary" disabled={*busy} onclick={approve} data-testid="payment-batch-approve">{ i18n.t(Key::ApproveBatch) }</button>
                    }
                    if b.status == PaymentBatchStatus::Approved {
                        <button type="button" class="button-quiet" onclick={download} data-testid="bank-file-download">{ i18n.t(Key::DownloadBankFile) }</button>
                        <input type="file" accept=".csv,text/csv" ref={file_input} data-testid="bank-result-file" />
                        <button type="button" class="button-primary" disabled={*busy} onclick={upload} data-testid="bank-result-import">{ i18n.t(Key::ImportBankResult) }</button>
                    }
                </div>
            }
            <ErrorMessage text={error.as_ref().map(|e| e.text(i18n.lang))} testid="payment-batch-error" />
        </article>
    }
}

#[derive(Properties, PartialEq)]
struct ApiProps {
    api: Api,
    #[prop_or_default]
    on_change: Callback<()>,
}

/// The month-end earning job and closing a month.
#[function_component(Periods)]
fn periods(props: &ApiProps) -> Html {
    let i18n = use_i18n();
    let through = use_state(|| format::china_today().to_string());
    let period = use_state(String::new);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let notice = use_state(|| None::<String>);
    let earn = {
        let (api, through, busy, error, notice, done, lang) = (
            props.api.clone(),
            through.clone(),
            busy.clone(),
            error.clone(),
            notice.clone(),
            props.on_change.clone(),
            i18n.lang,
        );
        Callback::from(move |_: MouseEvent| {
            let Ok(day) = through.parse() else { return };
            let (api, notice, done) = (api.clone(), notice.clone(), done.clone());
            error.set(None);
            submit(
                &busy,
                &error,
                &Callback::from(move |r: huzhu_api_types::EarningRun| {
                    notice.set(Some(crate::i18n::tf(
                        lang,
                        Key::EarnedNotice,
                        &[&r.through.to_string(), &r.entries.len().to_string()],
                    )));
                    done.emit(());
                }),
                async move { api.earn(day).await },
            );
        })
    };
    let close = {
        let (api, period, busy, error, notice, lang) = (
            props.api.clone(),
            period.clone(),
            busy.clone(),
            error.clone(),
            notice.clone(),
            i18n.lang,
        );
        Callback::from(move |_: MouseEvent| {
            let (api, p, notice) = (api.clone(), (*period).clone(), notice.clone());
            error.set(None);
            let shown = p.clone();
            submit(
                &busy,
                &error,
                &Callback::from(move |_: Vec<huzhu_api_types::Period>| {
                    notice.set(Some(crate::i18n::tf(
                        lang,
                        Key::PeriodClosedNotice,
                        &[&shown],
                    )));
                }),
                async move { api.close_period(&p).await },
            );
        })
    };
    html! {
        <div class="card" data-testid="periods">
            <h2>{ i18n.t(Key::PeriodsTitle) }</h2>
            <TextField label={i18n.t(Key::EarnThrough)} input_type="date" value={(*through).clone()} oninput={setter(&through)} testid="earn-through" />
            <button type="button" class="button-quiet" disabled={*busy} onclick={earn} data-testid="earn">{ i18n.t(Key::RunEarning) }</button>
            <TextField label={i18n.t(Key::PeriodToClose)} value={(*period).clone()} oninput={setter(&period)} testid="period" hint="YYYY-MM" />
            <button type="button" class="button-quiet" disabled={*busy} onclick={close} data-testid="close-period">{ i18n.t(Key::ClosePeriod) }</button>
            <ErrorMessage text={error.as_ref().map(|e| e.text(i18n.lang))} />
            <SuccessMessage text={(*notice).clone()} testid="periods-notice" />
        </div>
    }
}

/// Every fund's statement for a date range, as a workbook.
#[function_component(Report)]
fn report(props: &ApiProps) -> Html {
    let i18n = use_i18n();
    let today = format::china_today();
    let from = use_state(|| format!("{}-01-01", today.format("%Y")));
    let to = use_state(|| today.to_string());
    let error = use_state(|| None::<ApiError>);
    let download = {
        let (api, from, to, error) = (props.api.clone(), from.clone(), to.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            let (Ok(f), Ok(t)) = (from.parse(), to.parse()) else {
                return;
            };
            let (api, error) = (api.clone(), error.clone());
            yew::platform::spawn_local(async move {
                match api.finance_report(f, t).await {
                    Ok(bytes) => {
                        let _ = download::save(
                            &bytes,
                            &format!("huzhu-funds-{f}-{t}.xlsx"),
                            crate::pages::rosters::XLSX_TYPE,
                        );
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    html! {
        <div class="card" data-testid="finance-report">
            <h2>{ i18n.t(Key::FundReport) }</h2>
            <TextField label={i18n.t(Key::From)} input_type="date" value={(*from).clone()} oninput={setter(&from)} testid="report-from" />
            <TextField label={i18n.t(Key::To)} input_type="date" value={(*to).clone()} oninput={setter(&to)} testid="report-to" />
            <button type="button" class="button-quiet" onclick={download} data-testid="report-download">{ i18n.t(Key::DownloadReport) }</button>
            <ErrorMessage text={error.as_ref().map(|e| e.text(i18n.lang))} />
        </div>
    }
}
