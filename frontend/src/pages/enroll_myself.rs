//! 在线参保: a member applies on their own for a plan open to individual enrollment, choosing
//! the shares; the policy then waits for its contribution. Refusals (age, category, cover already
//! held, the window) come back from the rules with what stands in the way.

use huzhu_api_types::{IndividualEnrollment, PolicyCoverage};
use huzhu_domain::plan::PlanTerms;
use huzhu_domain::Money;
use yew::prelude::*;

use crate::api::ApiError;
use crate::components::busy::submit;
use crate::components::form::{select_value, ErrorMessage, SuccessMessage};
use crate::format;
use crate::i18n::{use_i18n, Key};
use crate::session::use_session;

#[derive(Properties, PartialEq)]
pub struct EnrollProps {
    pub terms: PlanTerms,
}

#[function_component(EnrollMyself)]
pub fn enroll_myself(props: &EnrollProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let shares = use_state(|| 1u32);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let done = use_state(|| None::<PolicyCoverage>);
    let Some(session) = session else {
        return html! {};
    };
    let code = props.terms.code.to_string();
    let onsubmit = {
        let (api, shares, busy, error, done, code) = (
            session.api.clone(),
            shares.clone(),
            busy.clone(),
            error.clone(),
            done.clone(),
            code.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            error.set(None);
            let request = IndividualEnrollment {
                plan_code: code.clone(),
                shares: *shares,
            };
            let api = api.clone();
            let on_done = {
                let done = done.clone();
                Callback::from(move |p: PolicyCoverage| done.set(Some(p)))
            };
            submit(&busy, &error, &on_done, async move {
                api.enroll_myself(&request).await
            });
        })
    };
    let on_shares = {
        let shares = shares.clone();
        Callback::from(move |e: Event| shares.set(select_value(&e).parse().unwrap_or(1)))
    };
    if let Some(p) = &*done {
        let premium = Money::parse(&p.premium).map_or_else(|_| p.premium.clone(), format::yuan);
        return html! {
            <SuccessMessage text={i18n.tf(Key::EnrolledAwaitingPayment, &[&p.plan_code, &p.shares.to_string(), &premium])}
                            testid="enroll-done" />
        };
    }
    html! {
        <form class="enroll-form" {onsubmit} data-testid="enroll-form">
            <label class="inline-label">
                { i18n.t(Key::Shares) }{ " " }
                <select onchange={on_shares} data-testid="enroll-shares">
                    { for (1..=props.terms.max_shares).map(|n| html! {
                        <option value={n.to_string()} selected={*shares == n}>{ n }</option>
                    }) }
                </select>
            </label>
            { " " }
            <button type="submit" class="button-primary" disabled={*busy} data-testid="enroll-submit">{ i18n.t(Key::EnrollOnline) }</button>
            <ErrorMessage text={error.as_ref().map(|e| e.text(i18n.lang))} testid="enroll-error" />
        </form>
    }
}
