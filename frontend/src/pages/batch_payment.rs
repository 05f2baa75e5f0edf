//! The union's payment for a whole enrollment batch: exactly its premium, in one go.

use chrono::NaiveDate;
use huzhu_api_types::{BatchPaymentRequest, EnrollmentBatch};
use huzhu_domain::field_rules;
use huzhu_domain::ErrorCode;
use huzhu_domain::Money;
use yew::prelude::*;

use crate::api::{Api, ApiError};
use crate::components::busy::submit;
use crate::components::form::{select_value, setter, FormFooter, TextField};
use crate::format;
use crate::i18n::{channel_key, use_i18n, Key};
use huzhu_domain::contribution::ContributionChannel;

/// What is wrong with the amount typed, for a batch of premium `premium` (the domain's rule for
/// a payment's amount, and the batch's own: it pays the premium exactly).
fn amount_problem(amount: &str, premium: &str) -> Option<ErrorCode> {
    match field_rules::payment_amount(amount) {
        Err(e) => Some(e.code()),
        Ok(paid) if Money::parse(premium).ok() != Some(paid) => {
            Some(ErrorCode::ContributionAmountMismatch)
        }
        Ok(_) => None,
    }
}

fn reference_ok(reference: &str) -> bool {
    field_rules::payment_reference(reference).is_ok()
}

#[derive(Properties, PartialEq)]
pub struct BatchPaymentProps {
    pub api: Api,
    pub batch_id: i64,
    /// The batch's premium, which the payment must equal.
    pub premium_total: String,
    pub on_paid: Callback<EnrollmentBatch>,
}

#[function_component(BatchPaymentForm)]
pub fn batch_payment_form(props: &BatchPaymentProps) -> Html {
    let i18n = use_i18n();
    let amount = use_state(|| props.premium_total.clone());
    let channel = use_state(|| ContributionChannel::BankTransfer);
    let reference = use_state(String::new);
    let paid_on = use_state(|| format::china_today().to_string());
    let tried = use_state(|| false);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);

    let today = format::china_today();
    let day = paid_on.parse::<NaiveDate>().ok();
    let amount_error = (*tried)
        .then(|| amount_problem(&amount, &props.premium_total))
        .flatten()
        .map(|code| i18n.error(code).to_owned());
    let reference_error = (*tried && !reference_ok(&reference))
        .then(|| i18n.error(ErrorCode::ContributionReference).to_owned());
    let paid_on_error = match day.map(|d| field_rules::paid_on(d, today)) {
        Some(Err(e)) => Some(i18n.error(e.code()).to_owned()),
        None if *tried => Some(i18n.t(Key::FormIncomplete).to_owned()),
        _ => None,
    };

    let onsubmit = {
        let (amount, channel, reference) = (amount.clone(), channel.clone(), reference.clone());
        let (tried, busy, error) = (tried.clone(), busy.clone(), error.clone());
        let (api, id, premium, on_paid) = (
            props.api.clone(),
            props.batch_id,
            props.premium_total.clone(),
            props.on_paid.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            tried.set(true);
            let valid = amount_problem(&amount, &premium).is_none() && reference_ok(&reference);
            let Some(paid_on) = day.filter(|d| *d <= today && valid) else {
                return;
            };
            let payment = BatchPaymentRequest {
                amount: amount.trim().to_owned(),
                channel: *channel,
                reference: reference.trim().to_owned(),
                paid_on,
            };
            error.set(None);
            let api = api.clone();
            submit(&busy, &error, &on_paid, async move {
                api.pay_batch(id, &payment).await
            });
        })
    };
    let on_channel = {
        let channel = channel.clone();
        Callback::from(move |e: Event| {
            if let Some(chosen) = ContributionChannel::parse(&select_value(&e)) {
                channel.set(chosen);
            }
        })
    };
    let premium = Money::parse(&props.premium_total)
        .map_or_else(|_| props.premium_total.clone(), format::yuan);

    html! {
        <form class="card form-card" {onsubmit} novalidate=true data-testid="batch-pay-form">
            <h2>{ i18n.t(Key::RecordPayment) }</h2>
            <div class="form-grid">
                <TextField label={i18n.t(Key::PayAmount)} value={(*amount).clone()} oninput={setter(&amount)}
                           inputmode="decimal" autocomplete="off" testid="batch-pay-amount"
                           hint={i18n.tf(Key::PayAmountHint, &[&premium])} error={amount_error} required=true />
                <div class="field">
                    <label>{ i18n.t(Key::PayChannel) }
                        <select onchange={on_channel} data-testid="batch-pay-channel">
                            { for ContributionChannel::ALL.iter().map(|c| html! {
                                <option value={c.as_str()} selected={*c == *channel}>{ i18n.t(channel_key(*c)) }</option>
                            }) }
                        </select>
                    </label>
                </div>
                <TextField label={i18n.t(Key::PayReference)} value={(*reference).clone()} oninput={setter(&reference)}
                           maxlength={field_rules::MAX_REFERENCE_CHARS.to_string()} autocomplete="off" testid="batch-pay-reference"
                           hint={i18n.t(Key::PayReferenceHint)} error={reference_error} required=true />
                <TextField label={i18n.t(Key::PaidOn)} value={(*paid_on).clone()} oninput={setter(&paid_on)}
                           input_type="date" testid="batch-pay-paid-on" error={paid_on_error} required=true />
            </div>
            <FormFooter error={error.as_ref().map(|e| e.text(i18n.lang))} busy={*busy}
                        submit_label={i18n.t(Key::RecordPayment)} submit_testid="batch-pay-submit" />
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_amount_must_be_the_premium() {
        assert_eq!(amount_problem("720.00", "720.00"), None);
        assert_eq!(amount_problem("720", "720.00"), None);
        assert_eq!(
            amount_problem("700", "720.00"),
            Some(ErrorCode::ContributionAmountMismatch)
        );
        assert_eq!(
            amount_problem("0", "720.00"),
            Some(ErrorCode::ContributionAmount)
        );
        assert_eq!(
            amount_problem("abc", "720.00"),
            Some(ErrorCode::ContributionAmount)
        );
        assert!(reference_ok(" BANK-2026-0001 "));
        assert!(!reference_ok("  "));
        assert!(!reference_ok(&"x".repeat(65)));
    }
}
