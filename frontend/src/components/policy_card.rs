//! One policy as a card: plan, status, period, waiting period, whether it covers the day asked
//! about, and a bar for what is left of each benefit. Members see their own; staff a member's.

use chrono::NaiveDate;
use huzhu_api_types::{Accumulator, PolicyCoverage};
use huzhu_domain::accumulator::Quantity;
use huzhu_domain::Money;
use yew::prelude::*;

use crate::format;
use crate::i18n::{accumulator_key, policy_status_key, use_i18n, I18n, Key, Lang};

#[derive(Properties, PartialEq)]
pub struct PolicyCardProps {
    pub policy: PolicyCoverage,
    /// The day the answer is for.
    pub date: NaiveDate,
    /// Whether `date` is today (the wording says "today" then).
    pub is_today: bool,
}

#[function_component(PolicyCard)]
pub fn policy_card(props: &PolicyCardProps) -> Html {
    let i18n = use_i18n();
    let p = &props.policy;
    let name = match i18n.lang {
        Lang::Zh => &p.plan_name_zh,
        Lang::En => &p.plan_name_en,
    };
    let status_class = match p.status.as_str() {
        "active" => "on",
        "pending_payment" => "warn",
        _ => "off",
    };
    let premium = Money::parse(&p.premium).map_or_else(|_| p.premium.clone(), format::yuan);
    let period = match (p.start_date, p.end_date) {
        (Some(start), Some(end)) => {
            i18n.tf(Key::PeriodRange, &[&start.to_string(), &end.to_string()])
        }
        _ => "—".to_owned(),
    };
    html! {
        <article class="card policy-card" data-testid="policy-card" data-plan-code={p.plan_code.clone()}>
            <header class="policy-head">
                <h2>{ name.clone() }</h2>
                <span class="badge mono">{ p.plan_code.clone() }</span>
                <span class={classes!("pill", status_class)}>
                    { i18n.t(policy_status_key(p.status)) }
                </span>
            </header>
            { cover_state(&i18n, p, props.date, props.is_today) }
            <dl class="policy-facts">
                <div><dt>{ i18n.t(Key::Shares) }</dt><dd>{ p.shares }</dd></div>
                <div><dt>{ i18n.t(Key::Premium) }</dt><dd>{ premium }</dd></div>
                <div class="wide-fact"><dt>{ i18n.t(Key::CoverPeriod) }</dt><dd>{ period }</dd></div>
                <div class="wide-fact"><dt>{ i18n.t(Key::WaitingPeriod) }</dt><dd>{ waiting(&i18n, p, props.date) }</dd></div>
            </dl>
            if !p.accumulators.is_empty() {
                <section class="limits" aria-label={i18n.t(Key::Limits)}>
                    <h3>{ i18n.t(Key::Limits) }</h3>
                    { for p.accumulators.iter().map(|a| meter(&i18n, a)) }
                </section>
            }
        </article>
    }
}

/// "Covered today", or why not, with the date that matters.
fn cover_state(i18n: &I18n, p: &PolicyCoverage, date: NaiveDate, is_today: bool) -> Html {
    if p.covered {
        let text = if is_today {
            i18n.t(Key::CoveredToday).to_owned()
        } else {
            i18n.tf(Key::CoveredOn, &[&date.to_string()])
        };
        return html! {
            <p class="cover-state ok" data-testid="cover-state"><span aria-hidden="true">{ "✓ " }</span>{ text }</p>
        };
    }
    let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let code = p.reason_code.as_deref().unwrap_or_default();
    let (text, class) = match code {
        "coverage.not_paid" => (i18n.t(Key::ReasonNotPaid).to_owned(), "warn"),
        "coverage.not_yet_effective" => (
            i18n.tf(Key::ReasonNotYetEffective, &[&day(p.start_date)]),
            "warn",
        ),
        "coverage.waiting_period" => (
            i18n.tf(Key::ReasonWaiting, &[&day(p.waiting_period_end)]),
            "warn",
        ),
        "coverage.lapsed" => (i18n.tf(Key::ReasonLapsed, &[&day(p.end_date)]), "off"),
        "coverage.terminated" => (i18n.t(Key::ReasonTerminated).to_owned(), "off"),
        _ => (p.reason.clone().unwrap_or_else(|| code.to_owned()), "off"),
    };
    html! { <p class={classes!("cover-state", class)} data-testid="cover-state">{ text }</p> }
}

/// When illness is covered from, or how many days of the waiting period are left.
fn waiting(i18n: &I18n, p: &PolicyCoverage, date: NaiveDate) -> Html {
    let Some(end) = p.waiting_period_end else {
        return html! { "—" };
    };
    if p.start_date.is_some_and(|start| end <= start) {
        return html! { i18n.t(Key::NoWaitingPeriod) };
    }
    let from = i18n.tf(Key::IllnessCoveredFrom, &[&end.to_string()]);
    let left = (end - date).num_days();
    if left <= 0 {
        return html! { from };
    }
    let countdown = if left == 1 {
        i18n.t(Key::WaitingOneDayLeft).to_owned()
    } else {
        i18n.tf(Key::WaitingDaysLeft, &[&left.to_string()])
    };
    html! {
        <>
            <strong class="countdown fact-line" data-testid="waiting-countdown">{ countdown }</strong>
            <span class="muted small fact-line">{ from }</span>
        </>
    }
}

/// A quantity in words: `180 天`, `¥50,000.00`, `2 次`.
fn quantity(i18n: &I18n, q: Quantity) -> String {
    match q {
        Quantity::Days(n) => i18n.tf(Key::QtyDays, &[&n.to_string()]),
        Quantity::Claims(n) => i18n.tf(Key::QtyClaims, &[&n.to_string()]),
        Quantity::Amount(m) => format::yuan(m),
    }
}

/// What is left of the limit, in percent (0 when the limit is nothing).
fn share_left(a: &Accumulator) -> i64 {
    let (left, limit) = match (a.remaining, a.limit) {
        (Quantity::Days(r), Quantity::Days(l)) | (Quantity::Claims(r), Quantity::Claims(l)) => {
            (i64::from(r), i64::from(l))
        }
        (Quantity::Amount(r), Quantity::Amount(l)) => {
            (r.fen().unwrap_or_default(), l.fen().unwrap_or_default())
        }
        _ => (0, 0),
    };
    if limit <= 0 {
        0
    } else {
        (left.clamp(0, limit) * 100) / limit
    }
}

fn meter(i18n: &I18n, a: &Accumulator) -> Html {
    let label = i18n.t(accumulator_key(a.kind));
    let value = i18n.tf(
        Key::RemainingOf,
        &[&quantity(i18n, a.remaining), &quantity(i18n, a.limit)],
    );
    let pct = share_left(a);
    let level = match pct {
        0..=20 => "low",
        21..=50 => "mid",
        _ => "high",
    };
    html! {
        <div class="meter-row" data-testid="accumulator" data-kind={a.kind.as_str()}>
            <div class="meter-label">
                <span>{ label }</span>
                <span class="meter-value">{ value.clone() }</span>
            </div>
            <div class="meter" role="progressbar" aria-label={label} aria-valuetext={value}
                 aria-valuemin="0" aria-valuemax="100" aria-valuenow={pct.to_string()}>
                <div class={classes!("meter-fill", level)} style={format!("width:{pct}%")}></div>
            </div>
        </div>
    }
}
