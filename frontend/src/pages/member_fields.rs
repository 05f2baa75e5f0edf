//! Fields the member forms share: the category choice and the bank card with its Luhn check.

use huzhu_domain::MemberCategory;
use yew::prelude::*;

use crate::components::form::{checkbox_checked, select_value, TextField};
use crate::i18n::{use_i18n, Key};
use crate::validate::{bank_card_problem, CardProblem};

#[derive(Properties, PartialEq)]
pub struct CategorySelectProps {
    pub value: MemberCategory,
    pub on_change: Callback<MemberCategory>,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

#[function_component(CategorySelect)]
pub fn category_select(props: &CategorySelectProps) -> Html {
    let i18n = use_i18n();
    let onchange = {
        let cb = props.on_change.clone();
        Callback::from(move |e: Event| {
            if let Some(c) = MemberCategory::parse(&select_value(&e)) {
                cb.emit(c);
            }
        })
    };
    html! {
        <div class="field">
            <label>{ i18n.t(Key::Category) }
                <select {onchange} data-testid={props.testid.clone()}>
                    { for MemberCategory::ALL.into_iter().map(|c| html! {
                        <option value={c.as_str()} selected={c == props.value}>{ i18n.category(c) }</option>
                    }) }
                </select>
            </label>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CardFieldProps {
    pub value: AttrValue,
    pub oninput: Callback<String>,
    /// The form has been sent once: show every problem, not only the certain ones.
    pub finished: bool,
    /// The server refused the number for its check digit.
    pub server_luhn_failure: bool,
    /// The person confirmed that the number is correct despite the check digit.
    pub accept: bool,
    pub on_accept: Callback<bool>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

/// A bank card number: a wrong length is an error; a wrong check digit is a warning that the
/// person may override with the checkbox (the server records who did).
#[function_component(CardField)]
pub fn card_field(props: &CardFieldProps) -> Html {
    let i18n = use_i18n();
    let problem = bank_card_problem(&props.value, props.finished);
    let error =
        (problem == Some(CardProblem::Format)).then(|| i18n.t(Key::ErrBankCardFormat).to_owned());
    let luhn = problem == Some(CardProblem::Luhn) || props.server_luhn_failure;
    let on_accept = {
        let cb = props.on_accept.clone();
        Callback::from(move |e: Event| cb.emit(checkbox_checked(&e)))
    };
    html! {
        <div class="card-field">
            <TextField label={i18n.t(Key::BankCard)} value={props.value.clone()} oninput={props.oninput.clone()}
                       inputmode="numeric" autocomplete="off" maxlength="23" {error}
                       hint={props.hint.clone()} testid={props.testid.clone()} />
            if luhn && problem != Some(CardProblem::Format) && !props.value.trim().is_empty() {
                <div class="message warn" role="status">
                    <p>{ i18n.t(Key::LuhnWarning) }</p>
                    <label class="check">
                        <input type="checkbox" checked={props.accept} onchange={on_accept}
                               data-testid="accept-luhn" />
                        { i18n.t(Key::AcceptLuhn) }
                    </label>
                </div>
            }
        </div>
    }
}
